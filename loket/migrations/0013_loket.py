"""The Lokaal Loket Kinderopvang gets a model of its own, with an area of gemeenten.

Until now the loket was the Huis: its area was the Huis's werkingsgebied. Every existing Huis
becomes the host of one loket, named after it, with the Huis's werkingsgebied rows copied (same
dates) as the loket's area and that Huis as the one it works with. Reverse: the lokets go with
their tables (deleting their rows first would leave PostgreSQL with pending foreign-key checks on
a table it is about to drop).
"""

import django.db.models.deletion
from django.db import migrations, models

VOORVOEGSEL = "Huis van het Kind "


def loketnaam(huisnaam: str) -> str:
    kern = huisnaam[len(VOORVOEGSEL) :] if huisnaam.startswith(VOORVOEGSEL) else huisnaam
    return f"Lokaal Loket Kinderopvang {kern.strip() or huisnaam}"[:200]


def maak_lokets(apps, schema_editor):
    Huis = apps.get_model("huizen", "Huis")
    Werkingsgebied = apps.get_model("huizen", "Werkingsgebied")
    Loket = apps.get_model("loket", "Loket")
    Loketgebied = apps.get_model("loket", "Loketgebied")
    namen = set(Loket.objects.values_list("naam", flat=True))
    for huis in Huis.objects.order_by("pk"):
        if Loket.objects.filter(huis=huis).exists():
            continue
        naam = loketnaam(huis.naam)
        if naam in namen:
            naam = f"Lokaal Loket Kinderopvang {huis.naam}"[:200]
        namen.add(naam)
        loket = Loket.objects.create(
            naam=naam,
            # /opgroeien/lokets/nieuw/ is the page for a new loket
            slug=f"{huis.slug}-loket" if huis.slug == "nieuw" else huis.slug,
            organisator=huis.naam,
            email=huis.email,
            telefoon=huis.telefoon,
            huis=huis,
        )
        loket.huizen.add(huis)
        Loketgebied.objects.bulk_create(
            Loketgebied(
                loket=loket, gemeente_id=rij.gemeente_id, geldig_van=rij.geldig_van, geldig_tot=rij.geldig_tot
            )
            for rij in Werkingsgebied.objects.filter(huis=huis).order_by("pk")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("huizen", "0005_bevolking"),
        ("loket", "0012_taal_van_het_gezin"),
    ]

    operations = [
        migrations.CreateModel(
            name="Loket",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("naam", models.CharField(max_length=200, unique=True, verbose_name="naam")),
                ("slug", models.SlugField(max_length=200, unique=True, verbose_name="korte naam in de URL")),
                (
                    "organisator",
                    models.CharField(
                        help_text="Wie het loket organiseert, bv. het lokaal bestuur of OCMW Gent.",
                        max_length=200,
                        verbose_name="organiserend bestuur",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mailadres")),
                ("telefoon", models.CharField(blank=True, max_length=30, verbose_name="telefoonnummer")),
                ("adres", models.CharField(blank=True, max_length=300, verbose_name="adres")),
                ("aangemaakt", models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt")),
                ("gewijzigd", models.DateTimeField(auto_now=True, verbose_name="gewijzigd")),
                (
                    "huis",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="loket",
                        to="huizen.huis",
                        verbose_name="Huis van het Kind waar het loket werkt",
                    ),
                ),
                (
                    "huizen",
                    models.ManyToManyField(
                        blank=True,
                        related_name="samenwerkende_lokets",
                        to="huizen.huis",
                        verbose_name="Huizen van het Kind waarmee het loket samenwerkt",
                    ),
                ),
            ],
            options={
                "verbose_name": "Lokaal Loket Kinderopvang",
                "verbose_name_plural": "Lokale Loketten Kinderopvang",
                "ordering": ["naam"],
            },
        ),
        migrations.CreateModel(
            name="Loketgebied",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("geldig_van", models.DateField(blank=True, null=True, verbose_name="vanaf")),
                ("geldig_tot", models.DateField(blank=True, null=True, verbose_name="tot en met")),
                (
                    "gemeente",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="loketgebied",
                        to="huizen.gemeente",
                        verbose_name="gemeente",
                    ),
                ),
                (
                    "loket",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gebied",
                        to="loket.loket",
                        verbose_name="loket",
                    ),
                ),
            ],
            options={
                "verbose_name": "gemeente in het gebied van het loket",
                "verbose_name_plural": "gebied van het loket",
                "ordering": ["gemeente__naam", "geldig_van"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("geldig_tot__isnull", True),
                            ("geldig_van__isnull", True),
                            ("geldig_tot__gte", models.F("geldig_van")),
                            _connector="OR",
                        ),
                        name="loketgebied_geldigheid_volgorde",
                    ),
                    models.UniqueConstraint(
                        fields=("loket", "gemeente", "geldig_van"), name="loketgebied_uniek"
                    ),
                ],
            },
        ),
        migrations.RunPython(maak_lokets, migrations.RunPython.noop),
    ]
