"""E-mail leaves the portal through Redis and a real Celery worker process (run in CI)."""

import pytest
from django.urls import reverse

from kern.models import UitgaandeMail
from kern.tasks import verstuur_uitgaande_mail
from tests.factories import UserFactory
from tests.integration.conftest import wacht_tot

pytestmark = pytest.mark.integration


def test_wachtwoord_vergeten_gaat_via_de_worker_de_deur_uit(client, echte_worker):
    gebruiker = UserFactory(email="coordinator@voorbeeld.test")

    antwoord = client.post(reverse("account_reset_password"), {"email": gebruiker.email})

    assert antwoord.status_code == 302
    bewaard = UitgaandeMail.objects.get(aan=gebruiker.email)
    assert wacht_tot(lambda: UitgaandeMail.objects.get(pk=bewaard.pk).status == "verzonden")
    bestanden = list(echte_worker.iterdir())
    assert len(bestanden) == 1
    inhoud = bestanden[0].read_text()
    assert "To: coordinator@voorbeeld.test" in inhoud and "/account/password/reset/key/" in inhoud


def test_een_dubbel_afgeleverde_taak_verstuurt_een_keer(echte_worker):
    bewaard = UitgaandeMail.objects.create(aan="ouder@voorbeeld.test", onderwerp="Dubbel", tekst="Eén keer")
    for _ in range(3):
        verstuur_uitgaande_mail.delay(bewaard.pk)
    # The worker takes one task at a time, in order: once this one is sent, the three are done.
    laatste = UitgaandeMail.objects.create(aan="laatste@voorbeeld.test", onderwerp="Laatste", tekst="x")
    verstuur_uitgaande_mail.delay(laatste.pk)

    assert wacht_tot(lambda: UitgaandeMail.objects.get(pk=laatste.pk).status == "verzonden")
    bewaard.refresh_from_db()
    assert (bewaard.status, bewaard.pogingen) == ("verzonden", 1)
    ontvangers = sorted(
        line for f in echte_worker.iterdir() for line in f.read_text().splitlines() if line.startswith("To: ")
    )
    assert ontvangers == ["To: laatste@voorbeeld.test", "To: ouder@voorbeeld.test"]
