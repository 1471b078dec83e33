"""Every request's readable number is unique (after 0004 numbered the existing ones)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("loket", "0004_opvangvraag_nummer"),
    ]

    operations = [
        migrations.AlterField(
            model_name="opvangvraag",
            name="nummer",
            field=models.CharField(
                editable=False,
                help_text="Leesbaar nummer voor gezin en loket, bv. GENT-2026-0301.",
                max_length=230,
                null=True,
                unique=True,
                verbose_name="aanvraagnummer",
            ),
        ),
    ]
