import datetime
import os
import smtplib
import subprocess
import sys
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import override_settings

from hvhk.celery import app
from kern.mail import vergeet_mails, verstuur_mail
from kern.models import UitgaandeMail
from kern.tasks import MAX_POGINGEN, vergeet_oude_mails, verstuur_uitgaande_mail, verstuur_wachtende_mails
from tests.storingen import GEEN_REDIS

pytestmark = pytest.mark.django_db

BRUSSEL = ZoneInfo("Europe/Brussels")
PRIVELINK = "http://testserver/opvang/aanvraag/" + "Ab3_-" * 8 + "xyz/"


def wachtende_mail(**extra):
    return UitgaandeMail.objects.create(
        **{"aan": "ouder@voorbeeld.test", "onderwerp": "Onderwerp", "tekst": "Tekst", **extra}
    )


def test_een_mail_wordt_pas_na_de_commit_verstuurd(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bewaard = verstuur_mail(aan="a@voorbeeld.test", onderwerp="Hallo", tekst="Dag", html="<p>Dag</p>")
    assert mail.outbox == []
    callbacks[0]()
    bewaard.refresh_from_db()
    assert bewaard.status == UitgaandeMail.Status.VERZONDEN and bewaard.pogingen == 1
    assert mail.outbox[0].alternatives[0][0] == "<p>Dag</p>"


def test_een_opnieuw_afgeleverde_taak_verstuurt_niet_twee_keer():
    bewaard = wachtende_mail()
    assert verstuur_uitgaande_mail(bewaard.pk) == "verzonden"
    assert verstuur_uitgaande_mail(bewaard.pk) == "overgeslagen"
    assert len(mail.outbox) == 1


def test_een_tijdelijke_fout_blijft_wachten_en_wordt_opnieuw_geprobeerd():
    bewaard = wachtende_mail()
    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPServerDisconnected("weg")
        ),
        pytest.raises(smtplib.SMTPServerDisconnected),
    ):
        verstuur_uitgaande_mail.run(bewaard.pk)
    bewaard.refresh_from_db()
    assert (bewaard.status, bewaard.pogingen, bewaard.fout) == (UitgaandeMail.Status.WACHTEND, 1, "weg")


def test_een_geweigerd_adres_wordt_mislukt_zonder_herhaling():
    bewaard = wachtende_mail()
    fout = smtplib.SMTPRecipientsRefused({"ouder@voorbeeld.test": (550, b"onbekend")})
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=fout):
        assert verstuur_uitgaande_mail.run(bewaard.pk) == "mislukt"
    bewaard.refresh_from_db()
    assert bewaard.status == UitgaandeMail.Status.MISLUKT
    assert bewaard.tekst == "" and bewaard.fout


def test_wachtende_mails_worden_later_alsnog_verstuurd():
    oud = wachtende_mail()
    UitgaandeMail.objects.filter(pk=oud.pk).update(aangemaakt=oud.aangemaakt.replace(year=2020))
    wachtende_mail()  # too recent: its own task may still be on its way

    assert verstuur_wachtende_mails() == 1
    assert [m.status for m in UitgaandeMail.objects.order_by("pk")] == ["verzonden", "wachtend"]


def test_een_hangende_broker_geeft_binnen_enkele_seconden_op(hangende_redis):
    """Publishing to a Redis that accepts but never answers fails fast instead of blocking a request.

    Runs in a fresh process with the production Celery configuration pointed at the hung server.
    """
    script = (
        "import django; django.setup()\n"
        "from kombu.exceptions import OperationalError\n"
        "from kern.tasks import verstuur_uitgaande_mail\n"
        "try:\n"
        "    verstuur_uitgaande_mail.delay(1)\n"
        "except OperationalError as fout:\n"
        "    print('opgegeven:', type(fout).__name__)\n"
    )
    omgeving = {**os.environ, "DJANGO_SETTINGS_MODULE": "hvhk.settings", "DEBUG": "1"}
    omgeving["CELERY_BROKER_URL"] = hangende_redis
    resultaat = subprocess.run(
        [sys.executable, "-c", script], env=omgeving, capture_output=True, text=True, timeout=90, check=False
    )
    assert "opgegeven: OperationalError" in resultaat.stdout, resultaat.stderr[-2000:]


def test_zonder_broker_blijft_de_mail_wachten_en_faalt_de_aanvraag_niet(caplog, broker_op):
    bewaard = wachtende_mail()
    broker_op(GEEN_REDIS)
    from kern.mail import plan_verzending

    plan_verzending(bewaard.pk)
    bewaard.refresh_from_db()
    assert bewaard.status == UitgaandeMail.Status.WACHTEND
    assert "wordt later verstuurd" in caplog.text


def test_na_een_storing_verstuurt_de_worker_alle_wachtende_mails_meteen():
    wachtende_mail()
    assert verstuur_wachtende_mails(ouder_dan=0) == 1
    assert UitgaandeMail.objects.get().status == "verzonden"


# --- what the outbox keeps ---------------------------------------------------------------------


def test_een_verzonden_mail_bewaart_de_link_niet_maar_verstuurt_hem_wel(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bewaard = verstuur_mail(
            aan="ouder@voorbeeld.test",
            onderwerp="Bevestig uw aanvraag",
            tekst=f"Klik op {PRIVELINK}",
            html=f'<a href="{PRIVELINK}">Bevestigen</a>',
        )

    verstuurd = mail.outbox[0]
    assert PRIVELINK in verstuurd.body and PRIVELINK in verstuurd.alternatives[0][0]
    bewaard.refresh_from_db()
    assert (bewaard.aan, bewaard.onderwerp, bewaard.status) == (
        "ouder@voorbeeld.test",
        "Bevestig uw aanvraag",
        UitgaandeMail.Status.VERZONDEN,
    )
    assert bewaard.aangemaakt <= bewaard.verzonden
    assert (bewaard.tekst, bewaard.html) == ("", "")
    assert not UitgaandeMail.objects.filter(tekst__contains="/opvang/aanvraag/").exists()


def test_na_de_laatste_mislukte_poging_is_de_mail_mislukt_en_zonder_tekst():
    bewaard = wachtende_mail(tekst=f"Klik op {PRIVELINK}", pogingen=MAX_POGINGEN - 1)
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPServerDisconnected("weg")
    ):
        assert verstuur_uitgaande_mail.run(bewaard.pk) == "mislukt"
    bewaard.refresh_from_db()
    assert (bewaard.status, bewaard.pogingen, bewaard.tekst) == (
        UitgaandeMail.Status.MISLUKT,
        MAX_POGINGEN,
        "",
    )
    assert verstuur_uitgaande_mail.run(bewaard.pk) == "overgeslagen" and mail.outbox == []


@pytest.mark.parametrize("status", [UitgaandeMail.Status.VERZONDEN, UitgaandeMail.Status.MISLUKT])
def test_de_databank_weigert_tekst_bij_een_afgehandelde_mail(status):
    with pytest.raises(IntegrityError), transaction.atomic():
        wachtende_mail(tekst=f"Klik op {PRIVELINK}", status=status)


def test_verzonden_en_mislukte_mails_verdwijnen_na_de_bewaartermijn(django_capture_on_commit_callbacks):
    begin = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=BRUSSEL)
    with time_machine.travel(begin, tick=False) as klok:
        with django_capture_on_commit_callbacks(execute=True):
            verzonden = verstuur_mail(aan="ouder@voorbeeld.test", onderwerp="Verzonden", tekst="Dag")
        mislukt = wachtende_mail(status=UitgaandeMail.Status.MISLUKT, tekst="")
        wachtend = wachtende_mail(pogingen=3)

        klok.move_to(begin + datetime.timedelta(days=30, seconds=-1))
        assert vergeet_oude_mails() == 0
        assert UitgaandeMail.objects.count() == 3

        klok.move_to(begin + datetime.timedelta(days=30, seconds=1))
        assert vergeet_oude_mails() == 2
        assert list(UitgaandeMail.objects.all()) == [wachtend]
        assert not UitgaandeMail.objects.filter(pk__in=[verzonden.pk, mislukt.pk]).exists()


def test_de_bewaartermijn_van_verzonden_mail_is_instelbaar():
    begin = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=BRUSSEL)
    with time_machine.travel(begin, tick=False) as klok:
        wachtende_mail(status=UitgaandeMail.Status.VERZONDEN, tekst="")
        klok.move_to(begin + datetime.timedelta(days=8))
        assert vergeet_oude_mails() == 0
        with override_settings(UITGAANDE_MAIL_BEWAARDAGEN=7):
            assert vergeet_oude_mails() == 1


def test_beat_ruimt_de_uitgaande_post_dagelijks_op():
    taken = {regel["task"] for regel in app.conf.beat_schedule.values()}
    assert "kern.tasks.vergeet_oude_mails" in taken and "kern.tasks.vergeet_oude_mails" in app.tasks


def test_vergeet_mails_wist_alleen_wat_over_hetzelfde_gaat():
    wachtende_mail(betreft="loket.opvangvraag:1")
    wachtende_mail(betreft="loket.opvangvraag:1", status=UitgaandeMail.Status.VERZONDEN, tekst="")
    ander = wachtende_mail(betreft="loket.opvangvraag:2")
    los = wachtende_mail()

    assert vergeet_mails(betreft="loket.opvangvraag:1") == 2
    assert set(UitgaandeMail.objects.all()) == {ander, los}
    with pytest.raises(ValueError):
        vergeet_mails(betreft="")
