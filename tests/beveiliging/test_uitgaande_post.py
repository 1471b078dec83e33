"""The outbox in the admin: it shows whether mail goes out, never a family's private link or a
password link, and no mail can be opened, changed or deleted there."""

import pytest
from django.urls import reverse

from kern.models import UitgaandeMail
from kern.services import nodig_uit
from loket import berichten
from tests.factories import OpvangvraagFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    gebruiker = UserFactory(beheerder=True)
    client.force_login(gebruiker)
    return gebruiker


@pytest.fixture
def gezinsmail(huis):
    """A mail to a family that is still waiting: its text holds the private link."""
    vraag = OpvangvraagFactory(huis=huis, email="jana.claes@ouders.test")
    berichten.mail_actief(vraag)
    mail = UitgaandeMail.objects.get(aan=vraag.email)
    assert vraag.token in mail.tekst
    return vraag, mail


def test_de_lijst_toont_geen_privelink_of_wachtwoordlink_en_geen_volledig_adres(
    client, beheerder, gezinsmail
):
    vraag, mail = gezinsmail
    nodig_uit(gebruiker=UserFactory(email="nieuwe.collega@huis.test"))
    uitnodiging = UitgaandeMail.objects.get(aan="nieuwe.collega@huis.test")
    assert "/account/password/reset/key/" in uitnodiging.tekst

    html = client.get(reverse("admin:kern_uitgaandemail_changelist")).content.decode()

    assert mail.onderwerp in html and "j•••@ouders.test" in html and "n•••@huis.test" in html
    assert vraag.token not in html and "/opvang/aanvraag/" not in html
    assert "/account/password/reset/key/" not in html
    assert "jana.claes" not in html and "nieuwe.collega" not in html
    assert reverse("admin:kern_uitgaandemail_change", args=[mail.pk]) not in html


def test_een_mail_kan_in_de_beheeromgeving_niet_geopend_gewijzigd_of_gewist_worden(
    client, beheerder, gezinsmail
):
    vraag, mail = gezinsmail
    for naam in ("change", "history", "delete"):
        adres = reverse(f"admin:kern_uitgaandemail_{naam}", args=[mail.pk])
        antwoord = client.get(adres)
        assert antwoord.status_code == 403, naam
        assert vraag.token not in antwoord.content.decode()
        assert client.post(adres, {"post": "yes"}).status_code == 403, naam
    assert client.get(reverse("admin:kern_uitgaandemail_add")).status_code == 403

    lijst = reverse("admin:kern_uitgaandemail_changelist")
    client.post(lijst, {"action": "delete_selected", "_selected_action": [mail.pk], "post": "yes"})

    mail.refresh_from_db()
    assert mail.tekst and vraag.token in mail.tekst  # still waiting to be sent, untouched
    assert 'name="action"' not in client.get(lijst).content.decode()
