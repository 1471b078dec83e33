from django.db import migrations, models


def wis_inhoud_na_verzending(apps, schema_editor):
    """Mails already sent or failed lose their text (private and password links); a waiting mail
    that used up its attempts has failed for good (kern.tasks.MAX_POGINGEN)."""
    UitgaandeMail = apps.get_model("kern", "UitgaandeMail")
    UitgaandeMail.objects.filter(status="wachtend", pogingen__gte=8).update(status="mislukt")
    UitgaandeMail.objects.exclude(status="wachtend").update(tekst="", html="")


class Migration(migrations.Migration):
    """The outbox keeps a mail's text only until it is sent or has failed for good."""

    dependencies = [
        ("kern", "0003_uitgaandemail_betreft"),
    ]

    operations = [
        migrations.RunPython(wis_inhoud_na_verzending, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="uitgaandemail",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "wachtend"), models.Q(("html", ""), ("tekst", "")), _connector="OR"),
                name="uitgaandemail_inhoud_alleen_tot_verzending",
            ),
        ),
    ]
