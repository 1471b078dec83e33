"""A request stores when and where its first confirmed placement was confirmed
(`Opvangvraag.geplaatst_op`, `geplaatst_bij`), so the loket's figures count the placements and the
waiting times to them without looking for the first confirmed offer per request. Filled here for
the existing requests."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def vul_eerste_plaatsing(apps, schema_editor):
    Opvangvraag = apps.get_model("loket", "Opvangvraag")
    Aanbod = apps.get_model("loket", "Aanbod")
    eerste = Aanbod.objects.filter(
        opvangvraag=OuterRef("pk"), status="bevestigd", bevestigd__isnull=False
    ).order_by("bevestigd", "pk")
    Opvangvraag.objects.update(
        geplaatst_op=Subquery(eerste.values("bevestigd")[:1]),
        geplaatst_bij=Subquery(eerste.values("plaats__locatie")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("loket", "0014_verwijzers"),
    ]

    operations = [
        migrations.AddField(
            model_name="opvangvraag",
            name="geplaatst_bij",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="loket.opvanglocatie",
                verbose_name="eerste plaatsing bij",
            ),
        ),
        migrations.AddField(
            model_name="opvangvraag",
            name="geplaatst_op",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="eerste plaatsing bevestigd op"
            ),
        ),
        migrations.RunPython(vul_eerste_plaatsing, migrations.RunPython.noop, elidable=True),
    ]
