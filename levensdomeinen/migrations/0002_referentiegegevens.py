"""Seeds the reference lists of levensdomeinen/referentielijsten.py."""

from django.db import migrations

from levensdomeinen.referentielijsten import laad


class Migration(migrations.Migration):
    dependencies = [("levensdomeinen", "0001_initial")]

    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
