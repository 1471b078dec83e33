import re
import time

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hvhk import context_processors
from kern.models import UitgaandeMail, User
from kern.tenancy import Rol
from tests.aanmelden import geef_authenticator, totp_code
from tests.factories import HuisFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "een-lang-wachtwoord-2026"


def test_aanmelden_met_e_mailadres_ongeacht_hoofdletters(client, coordinator, huis):
    geheim = geef_authenticator(coordinator)
    antwoord = client.post(
        reverse("account_login"), {"login": coordinator.email.upper(), "password": WACHTWOORD}
    )
    assert antwoord["Location"] == reverse("mfa_authenticate")
    antwoord = client.post(reverse("mfa_authenticate"), {"code": totp_code(geheim)})
    assert antwoord.status_code == 302
    assert client.get(antwoord["Location"]).url == reverse(
        "huizen:werkruimte", kwargs={"huis_slug": huis.slug}
    )


def test_fout_wachtwoord_geeft_een_nederlandse_melding_en_behoudt_het_e_mailadres(client, coordinator):
    antwoord = client.post(reverse("account_login"), {"login": coordinator.email, "password": "fout"})
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "niet correct" in tekst
    assert f'value="{coordinator.email}"' in tekst
    assert "_auth_user_id" not in client.session


def test_zelf_registreren_kan_niet(client):
    antwoord = client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@voorbeeld.test",
            "password1": "Zeer-lang-wachtwoord-1",
            "password2": "Zeer-lang-wachtwoord-1",
        },
    )
    assert not User.objects.filter(email="nieuw@voorbeeld.test").exists()
    assert "gesloten" in antwoord.content.decode().lower()


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        ("coordinator", "/mijn-huis/eigen/"),
        ("loket", "/mijn-huis/eigen/"),
        ("opgroeien", "/opgroeien/"),
        ("beheerder", "/beheer/"),
    ],
)
def test_elke_rol_komt_na_aanmelden_op_haar_startpagina(client, huis, rol, verwacht):
    if rol in ("coordinator", "loket"):
        gebruiker = LidmaatschapFactory(huis=huis, rol=rol).gebruiker
    else:
        gebruiker = UserFactory(**{rol: True})
    client.force_login(gebruiker)

    antwoord = client.get(reverse("start"))

    assert antwoord.status_code == 302 and antwoord["Location"] == verwacht
    assert client.get(verwacht).status_code == 200


def test_lid_van_twee_huizen_kiest_eerst_een_huis(client, huis):
    gebruiker = LidmaatschapFactory(huis=huis).gebruiker
    LidmaatschapFactory(huis=HuisFactory(naam="Huis van het Kind Tweede", slug="tweede"), gebruiker=gebruiker)
    client.force_login(gebruiker)

    antwoord = client.get(reverse("start"))

    assert antwoord.status_code == 200
    assert [h.slug for h in antwoord.context["huizen"]] == ["eigen", "tweede"]


def test_account_zonder_rol_krijgt_uitleg(client):
    client.force_login(UserFactory())
    antwoord = client.get(reverse("start"), follow=True)
    assert "nog niet gekoppeld aan een Huis van het Kind" in antwoord.content.decode()


def test_navigatie_toont_de_eigen_huizen_en_rollen(client, coordinator, huis, ander_huis):
    client.force_login(coordinator)
    tekst = client.get(reverse("home")).content.decode()
    assert huis.naam in tekst and ander_huis.naam not in tekst
    assert "Overzicht Opgroeien" not in tekst and "Functioneel beheer" not in tekst


def test_een_nieuw_lidmaatschap_staat_binnen_de_minuut_in_het_menu(
    client, coordinator, ander_huis, monkeypatch
):
    client.force_login(coordinator)
    assert ander_huis.naam not in client.get(reverse("home")).content.decode()
    LidmaatschapFactory(huis=ander_huis, gebruiker=coordinator, rol=Rol.LOKET)
    # within the minute the menu comes from the session: no query for it
    with CaptureQueriesContext(connection) as vragen:
        assert ander_huis.naam not in client.get(reverse("home")).content.decode()
    assert not [v for v in vragen.captured_queries if "huizen_lidmaatschap" in v["sql"]]

    later = time.time() + context_processors.MENU_SECONDEN + 1
    monkeypatch.setattr(context_processors.time, "time", lambda: later)
    assert ander_huis.naam in client.get(reverse("home")).content.decode()


def test_wachtwoord_vergeten_stuurt_een_link_via_de_uitgaande_post(
    client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": coordinator.email})

    bewaard = UitgaandeMail.objects.get(aan=coordinator.email)
    assert bewaard.status == UitgaandeMail.Status.VERZONDEN
    assert (bewaard.tekst, bewaard.html) == ("", "")  # the reset link is not kept in the outbox
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [coordinator.email]
    link = re.search(r"http://\S+/account/password/reset/key/\S+/", mail.outbox[0].body).group(0)

    pad = link.split("testserver", 1)[1]
    formulier = client.get(pad, follow=True)  # allauth moves the key from the URL into the session
    doel = formulier.redirect_chain[-1][0] if formulier.redirect_chain else pad
    antwoord = client.post(
        doel, {"password1": "Nieuw-wachtwoord-2026!", "password2": "Nieuw-wachtwoord-2026!"}
    )
    assert antwoord.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("Nieuw-wachtwoord-2026!")


def test_de_beheerder_nodigt_een_nieuwe_gebruiker_uit(client, django_capture_on_commit_callbacks, huis):
    client.force_login(UserFactory(beheerder=True))
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("admin:kern_user_add"),
            {
                "email": "Nieuwe.Collega@Voorbeeld.test",
                "naam": "Nieuwe Collega",
                "lidmaatschappen-TOTAL_FORMS": "1",
                "lidmaatschappen-INITIAL_FORMS": "0",
                "lidmaatschappen-0-huis": str(huis.pk),
                "lidmaatschappen-0-rol": Rol.COORDINATOR,
            },
        )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    nieuw = User.objects.get(email="nieuwe.collega@voorbeeld.test")
    assert not nieuw.has_usable_password()
    assert len(mail.outbox) == 1 and "/account/password/reset/key/" in mail.outbox[0].body
    assert "nieuwe.collega@voorbeeld.test" in mail.outbox[0].body
