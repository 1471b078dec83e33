"""Outgoing e-mail: every message is stored first, then sent by a Celery task after commit.

If the broker cannot be reached (stopped or hanging), the request still succeeds within a second:
the message stays waiting and the periodic task `verstuur_wachtende_mails` sends it later.
"""

import logging

from django.db import transaction

from kern.models import UitgaandeMail
from kern.wachtrij import zet_in_wachtrij

logger = logging.getLogger(__name__)


def verstuur_mail(*, aan: str, onderwerp: str, tekst: str, html: str = "") -> UitgaandeMail:
    """Queue one e-mail; it is sent once the surrounding transaction commits."""
    mail = UitgaandeMail.objects.create(aan=aan, onderwerp=onderwerp, tekst=tekst, html=html)
    transaction.on_commit(lambda: plan_verzending(mail.pk))
    return mail


def plan_verzending(mail_id: int) -> None:
    from kern.tasks import verstuur_uitgaande_mail

    if not zet_in_wachtrij(verstuur_uitgaande_mail.si(mail_id)):
        logger.warning("E-mail %s wordt later verstuurd.", mail_id)
