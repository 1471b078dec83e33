"""Outgoing e-mail: every message is stored first, then sent by a Celery task after commit.

If the broker cannot be reached (stopped or hanging), the request still succeeds within a second:
the message stays waiting and the periodic task `verstuur_wachtende_mails` sends it later.

The stored text (with a family's private link or a password link) lives only until the mail is
sent or has failed for good (`kern.tasks.verstuur_uitgaande_mail` empties it); what remains
(recipient, subject, status, times) is deleted after UITGAANDE_MAIL_BEWAARDAGEN days
(`kern.tasks.vergeet_oude_mails`), and at once with what the mail is about (`vergeet_mails`).
"""

import logging

from django.db import transaction

from kern.models import UitgaandeMail
from kern.wachtrij import zet_in_wachtrij

logger = logging.getLogger(__name__)


def verstuur_mail(
    *, aan: str, onderwerp: str, tekst: str, html: str = "", betreft: str = ""
) -> UitgaandeMail:
    """Queue one e-mail; it is sent once the surrounding transaction commits. `betreft` names what
    it is about (e.g. "loket.opvangvraag:42"), for `vergeet_mails` when that is erased."""
    mail = UitgaandeMail.objects.create(aan=aan, onderwerp=onderwerp, tekst=tekst, html=html, betreft=betreft)
    transaction.on_commit(lambda: plan_verzending(mail.pk))
    return mail


def plan_verzending(mail_id: int) -> None:
    from kern.tasks import verstuur_uitgaande_mail

    if not zet_in_wachtrij(verstuur_uitgaande_mail.si(mail_id)):
        logger.warning("E-mail %s wordt later verstuurd.", mail_id)


def vergeet_mails(*, betreft: str) -> int:
    """Delete every mail about `betreft` from the outbox, sent or not; returns how many."""
    if not betreft:
        raise ValueError("Zeg waarover de e-mails gaan die gewist moeten worden.")
    return UitgaandeMail.objects.filter(betreft=betreft).delete()[0]


def maskeer_adres(adres: str) -> str:
    """naam@voorbeeld.be -> n•••@voorbeeld.be: enough to recognise, not to read."""
    lokaal, apestaart, domein = adres.partition("@")
    if not apestaart:
        return "•••"
    return f"{lokaal[:1]}•••@{domein}"
