"""Requests get a readable number (GENT-2026-0301): the field, and numbers for the requests that
already exist, per loket and year of registration in the order they were registered."""

from collections import defaultdict

from django.db import migrations, models
from django.utils import timezone


def nummer_bestaande_aanvragen(apps, schema_editor):
    Opvangvraag = apps.get_model("loket", "Opvangvraag")
    volgnummers = defaultdict(int)
    te_bewaren = []
    for vraag in (
        Opvangvraag.objects.filter(nummer__isnull=True)
        .select_related("huis")
        .order_by("huis_id", "ingediend", "pk")
        .only("pk", "ingediend", "huis__slug")
        .iterator(chunk_size=2000)
    ):
        voorvoegsel = f"{vraag.huis.slug.upper()}-{timezone.localtime(vraag.ingediend).year}-"
        volgnummers[voorvoegsel] += 1
        vraag.nummer = f"{voorvoegsel}{volgnummers[voorvoegsel]:04d}"
        te_bewaren.append(vraag)
    Opvangvraag.objects.bulk_update(te_bewaren, ["nummer"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("loket", "0003_gebeurtenis_vrije_tekst"),
    ]

    operations = [
        migrations.AddField(
            model_name="opvangvraag",
            name="nummer",
            field=models.CharField(
                editable=False,
                help_text="Leesbaar nummer voor gezin en loket, bv. GENT-2026-0301.",
                max_length=230,
                null=True,
                verbose_name="aanvraagnummer",
            ),
        ),
        migrations.RunPython(nummer_bestaande_aanvragen, migrations.RunPython.noop, elidable=True),
    ]
