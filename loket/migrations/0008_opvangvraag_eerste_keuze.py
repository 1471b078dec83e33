"""A request stores the location of its lowest ranked active choice (`Opvangvraag.eerste_keuze`), so
the loket's figures count the first choices per location without looking for a higher choice per
choice. Filled here for the existing requests."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def vul_eerste_keuze(apps, schema_editor):
    Opvangvraag = apps.get_model("loket", "Opvangvraag")
    Voorkeur = apps.get_model("loket", "Voorkeur")
    eerste = Voorkeur.objects.filter(opvangvraag=OuterRef("pk"), actief=True).order_by("rang")
    Opvangvraag.objects.update(eerste_keuze=Subquery(eerste.values("locatie")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("loket", "0007_opvangvraag_indexen_voor_cijfers"),
    ]

    operations = [
        migrations.AddField(
            model_name="opvangvraag",
            name="eerste_keuze",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="loket.opvanglocatie",
                verbose_name="eerste actieve keuze",
            ),
        ),
        migrations.RunPython(vul_eerste_keuze, migrations.RunPython.noop, elidable=True),
    ]
