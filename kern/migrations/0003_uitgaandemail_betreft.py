from django.db import migrations, models


class Migration(migrations.Migration):
    """Outgoing mail names what it is about (`betreft`), so it can be erased with it."""

    dependencies = [
        ("kern", "0002_hartslag"),
    ]

    operations = [
        migrations.AddField(
            model_name="uitgaandemail",
            name="betreft",
            field=models.CharField(blank=True, db_index=True, max_length=64, verbose_name="betreft"),
        ),
        migrations.AlterField(
            model_name="uitgaandemail",
            name="tekst",
            field=models.TextField(blank=True, verbose_name="tekst"),
        ),
    ]
