"""Celery tasks of the core: sending queued e-mail, purging sent e-mail, the worker's heartbeat."""

import datetime
import smtplib

from celery import shared_task
from django.conf import settings
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
#: After this many attempts a mail that still meets a transient error has failed for good.
MAX_POGINGEN = 8


@shared_task(
    autoretry_for=TRANSIENT_MAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=MAX_POGINGEN,
    soft_time_limit=60,
    time_limit=90,
)
def verstuur_uitgaande_mail(mail_id: int) -> str:
    """Send one queued e-mail. A re-delivered task finds it sent (or failed) and does nothing.

    Once the mail is sent or has failed for good its text is emptied: the private or password link
    in it is not kept where staff could read it."""
    tijdelijke_fout = None
    with transaction.atomic():
        mail = UitgaandeMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != UitgaandeMail.Status.WACHTEND:
            return "overgeslagen"
        mail.pogingen += 1
        bericht = EmailMultiAlternatives(mail.onderwerp, mail.tekst, to=[mail.aan])
        if mail.html:
            bericht.attach_alternative(mail.html, "text/html")
        try:
            bericht.send()
        except TRANSIENT_MAIL_ERRORS as fout:
            mail.fout = str(fout)
            if mail.pogingen < MAX_POGINGEN:
                tijdelijke_fout = fout
            else:
                mail.status = UitgaandeMail.Status.MISLUKT
        except smtplib.SMTPException as fout:
            mail.status = UitgaandeMail.Status.MISLUKT
            mail.fout = str(fout)
        else:
            mail.status = UitgaandeMail.Status.VERZONDEN
            mail.verzonden = timezone.now()
            mail.fout = ""
        if mail.status != UitgaandeMail.Status.WACHTEND:
            mail.tekst = mail.html = ""
        mail.save(update_fields=["pogingen", "fout", "status", "verzonden", "tekst", "html"])
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
        status=UitgaandeMail.Status.WACHTEND, aangemaakt__lt=grens, pogingen__lt=MAX_POGINGEN
    ).values_list("pk", flat=True)[:500]
    for mail_id in wachtend:
        plan_verzending(mail_id)
    return len(wachtend)


@shared_task(soft_time_limit=120, time_limit=150)
def vergeet_oude_mails() -> int:
    """Beat, daily: sent and failed mails (recipient, subject, status; their text is already gone)
    are deleted UITGAANDE_MAIL_BEWAARDAGEN days after they were made. Waiting mails stay."""
    grens = timezone.now() - datetime.timedelta(days=settings.UITGAANDE_MAIL_BEWAARDAGEN)
    oud = UitgaandeMail.objects.filter(
        status__in=[UitgaandeMail.Status.VERZONDEN, UitgaandeMail.Status.MISLUKT], aangemaakt__lt=grens
    )
    return oud.delete()[0]


@shared_task(soft_time_limit=20, time_limit=30, expires=60)
def hartslag() -> None:
    """Beat (and a worker on every connection to the broker): a worker is alive and reachable."""
    meld_hartslag("worker")
