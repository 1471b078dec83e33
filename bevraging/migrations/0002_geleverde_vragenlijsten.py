"""Seeds the shipped survey waves: 2016 and 2022, closed, with their frozen questionnaires and the
mapping of the 2016 questions onto 2022 (bevraging/vragenlijsten)."""

from django.db import migrations

from bevraging.vragenlijsten import laad_geleverde_golven


class Migration(migrations.Migration):
    dependencies = [("bevraging", "0001_initial")]

    operations = [migrations.RunPython(laad_geleverde_golven, migrations.RunPython.noop)]
