"""Erasure also removes what people wrote in their own words, and a request's mails.

For the rows written before: withdrawal reasons in one's own words are marked (`vrije_tekst`) and
emptied where the request was already erased; mails with a family's private link are tagged with
their request (`betreft`), and those of requests already erased are deleted. Runs before the outbox
drops the text of sent mails (kern 0004), as it reads the links in that text.
"""

import re

from django.db import migrations, models

GEWIST = "(gewist)"
STANDAARD_INTREKKING = (
    "Ingetrokken door het loket.",
    "Ingetrokken door het gezin.",
    "Gegevens gewist op vraag van het gezin.",
)
PRIVELINK = re.compile(r"/opvang/aanvraag/([A-Za-z0-9_-]+)/")


def markeer_vrije_tekst(apps, schema_editor):
    Gebeurtenis = apps.get_model("loket", "Gebeurtenis")
    Gebeurtenis.objects.filter(soort="status", naar_status="ingetrokken").exclude(
        reden__in=STANDAARD_INTREKKING
    ).update(vrije_tekst=True)
    Gebeurtenis.objects.filter(
        soort="aanbod", reden__startswith="Aanbod bij ", reden__contains=" ingetrokken: "
    ).update(vrije_tekst=True)
    Gebeurtenis.objects.filter(vrije_tekst=True, opvangvraag__geanonimiseerd__isnull=False).update(
        reden=GEWIST
    )


def koppel_mails(apps, schema_editor):
    UitgaandeMail = apps.get_model("kern", "UitgaandeMail")
    Opvangvraag = apps.get_model("loket", "Opvangvraag")
    per_token = dict(Opvangvraag.objects.filter(geanonimiseerd__isnull=True).values_list("token", "pk"))
    gewist = []
    mails = UitgaandeMail.objects.filter(betreft="", tekst__contains="/opvang/aanvraag/")
    for mail_id, tekst in mails.values_list("pk", "tekst").iterator():
        link = PRIVELINK.search(tekst)
        vraag_id = per_token.get(link.group(1)) if link else None
        if vraag_id is None:
            gewist.append(mail_id)
        else:
            UitgaandeMail.objects.filter(pk=mail_id).update(betreft=f"loket.opvangvraag:{vraag_id}")
    UitgaandeMail.objects.filter(pk__in=gewist).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("loket", "0002_toewijzingsrondes"),
        ("kern", "0003_uitgaandemail_betreft"),
    ]
    run_before = [
        ("kern", "0004_uitgaandemail_inhoud_alleen_tot_verzending"),
    ]

    operations = [
        migrations.AddField(
            model_name="gebeurtenis",
            name="vrije_tekst",
            field=models.BooleanField(default=False, verbose_name="reden in eigen woorden"),
        ),
        migrations.RunPython(markeer_vrije_tekst, migrations.RunPython.noop),
        migrations.RunPython(koppel_mails, migrations.RunPython.noop),
    ]
