"""The nine VRIND clusters of the 2022 survey report (seed 002). Which gemeente belongs to which
cluster is set later, by import or in the admin: no official machine-readable file exists."""

from django.db import migrations

CLUSTERS = [
    (1, "Centrumsteden"),
    (2, "Grootstedelijke rand"),
    (3, "Grootsteden"),
    (4, "Kleinstedelijk provinciaal"),
    (5, "Overgangsgebied"),
    (6, "Platteland"),
    (7, "Regionaal stedelijke rand"),
    (8, "Stedelijk gebied rond Brussel"),
    (9, "Structuurondersteunende steden"),
]


def maak_clusters(apps, schema_editor):
    VrindCluster = apps.get_model("huizen", "VrindCluster")
    for nummer, naam in CLUSTERS:
        VrindCluster.objects.update_or_create(nummer=nummer, defaults={"naam": naam})


class Migration(migrations.Migration):
    dependencies = [("huizen", "0002_initial")]

    operations = [migrations.RunPython(maak_clusters, migrations.RunPython.noop)]
