"""Celery tasks of the core: sending queued e-mail, the worker's heartbeat."""

import datetime
import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from kern.gezondheid import meld_hartslag
from kern.models import UitgaandeMail

TRANSIENT_MAIL_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
)


@shared_task(
    autoretry_for=TRANSIENT_MAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def verstuur_uitgaande_mail(mail_id: int) -> str:
    """Send one queued e-mail. A re-delivered task finds it sent and does nothing."""
    tijdelijke_fout = None
    with transaction.atomic():
        mail = UitgaandeMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status == UitgaandeMail.Status.VERZONDEN:
            return "overgeslagen"
        mail.pogingen += 1
        bericht = EmailMultiAlternatives(mail.onderwerp, mail.tekst, to=[mail.aan])
        if mail.html:
            bericht.attach_alternative(mail.html, "text/html")
        try:
            bericht.send()
        except TRANSIENT_MAIL_ERRORS as fout:
            tijdelijke_fout = fout
            mail.fout = str(fout)
        except smtplib.SMTPException as fout:
            mail.status = UitgaandeMail.Status.MISLUKT
            mail.fout = str(fout)
        else:
            mail.status = UitgaandeMail.Status.VERZONDEN
            mail.verzonden = timezone.now()
            mail.fout = ""
        mail.save(update_fields=["pogingen", "fout", "status", "verzonden"])
    if tijdelijke_fout is not None:
        raise tijdelijke_fout  # autoretry_for schedules the next attempt
    return mail.status


@shared_task(soft_time_limit=120, time_limit=150)
def verstuur_wachtende_mails(ouder_dan: int = 120) -> int:
    """Hand e-mails that are still waiting (e.g. the broker was away) to the sender again.

    Beat runs it every minute for mails older than `ouder_dan` seconds (a younger one's own task
    may still be on its way); a worker runs it for all waiting mails each time it (re)connects to
    the broker, right after an outage. A mail handed over twice is still sent once."""
    from kern.mail import plan_verzending

    grens = timezone.now() - datetime.timedelta(seconds=ouder_dan)
    wachtend = UitgaandeMail.objects.filter(
        status=UitgaandeMail.Status.WACHTEND, aangemaakt__lt=grens, pogingen__lt=8
    ).values_list("pk", flat=True)[:500]
    for mail_id in wachtend:
        plan_verzending(mail_id)
    return len(wachtend)


@shared_task(soft_time_limit=20, time_limit=30, expires=60)
def hartslag() -> None:
    """Beat (and a worker on every connection to the broker): a worker is alive and reachable."""
    meld_hartslag("worker")
