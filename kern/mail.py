"""Outgoing e-mail: every message is stored first, then sent by a Celery task after commit.

If the broker cannot be reached, the request still succeeds: the message stays waiting and the
periodic task `verstuur_wachtende_mails` sends it later.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

from kern.models import UitgaandeMail

logger = logging.getLogger(__name__)


def verstuur_mail(*, aan: str, onderwerp: str, tekst: str, html: str = "") -> UitgaandeMail:
    """Queue one e-mail; it is sent once the surrounding transaction commits."""
    mail = UitgaandeMail.objects.create(aan=aan, onderwerp=onderwerp, tekst=tekst, html=html)
    transaction.on_commit(lambda: plan_verzending(mail.pk))
    return mail


def plan_verzending(mail_id: int) -> None:
    from kern.tasks import verstuur_uitgaande_mail

    try:
        verstuur_uitgaande_mail.delay(mail_id)
    except OperationalError:
        logger.warning("Broker onbereikbaar; e-mail %s wordt later verstuurd.", mail_id, exc_info=True)
