"""Outgoing e-mail: every message is stored first, then sent by a Celery task after commit."""

from django.db import transaction

from hvhk.models import UitgaandeMail


def verstuur_mail(*, aan: str, onderwerp: str, tekst: str, html: str = "") -> UitgaandeMail:
    """Queue one e-mail; it is sent once the surrounding transaction commits."""
    from hvhk.tasks import verstuur_uitgaande_mail

    mail = UitgaandeMail.objects.create(aan=aan, onderwerp=onderwerp, tekst=tekst, html=html)
    transaction.on_commit(lambda: verstuur_uitgaande_mail.delay(mail.pk))
    return mail
