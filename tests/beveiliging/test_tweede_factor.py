"""Every account has a second factor; a session with only a password sees nothing private."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from kern.models import User
from kern.tenancy import Rol
from tests import test_toegang
from tests.aanmelden import foute_code, geef_authenticator, totp_code
from tests.factories import AanbiederFactory, LidmaatschapFactory, OrganisatorFactory, UserFactory
from tests.toegang import Slachtoffer, loop_als

WACHTWOORD = "een-lang-wachtwoord-2026"
INSCHRIJVEN = "/account/2fa/totp/activate/"

slachtoffer = test_toegang.slachtoffer  # the Huis with private data that the URL walk looks for


def met_wachtwoord(client, gebruiker, wachtwoord=WACHTWOORD, **extra):
    return client.post(reverse("account_login"), {"login": gebruiker.email, "password": wachtwoord}, **extra)


def bevestig_wachtwoord(client):
    """allauth asks for the password again before an authenticator is added."""
    antwoord = client.get(INSCHRIJVEN)
    assert antwoord["Location"].startswith(reverse("account_reauthenticate"))
    antwoord = client.post(antwoord["Location"], {"password": WACHTWOORD})
    assert antwoord["Location"] == INSCHRIJVEN


def gebruiker_met_rol(rol, huis):
    if rol in (Rol.COORDINATOR, Rol.LOKET):
        return LidmaatschapFactory(huis=huis, rol=rol).gebruiker
    if rol == "aanbieder":
        return AanbiederFactory(organisator=OrganisatorFactory(), locatie=None).gebruiker
    return UserFactory(**{rol: True})


def prive_paginas(huis):
    return [
        reverse("loket:wachtrij", kwargs={"huis_slug": huis.slug}),
        reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug}),
        reverse("huizen:opgroeien_overzicht"),
        reverse("loket:aanbieder"),
        reverse("admin:index"),
        reverse("admin:kern_user_changelist"),
        reverse("start"),
        reverse("home"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.LOKET, "aanbieder", "opgroeien", "beheerder"])
def test_een_sessie_met_alleen_een_wachtwoord_ziet_niets_dan_de_inschrijving(client, huis, rol):
    gebruiker = gebruiker_met_rol(rol, huis)

    antwoord = met_wachtwoord(client, gebruiker)
    assert antwoord.status_code == 302 and "_auth_user_id" in client.session

    for pad in prive_paginas(huis):
        antwoord = client.get(pad)
        assert (antwoord.status_code, antwoord.get("Location")) == (302, INSCHRIJVEN), pad
    htmx = client.get(prive_paginas(huis)[0], headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == INSCHRIJVEN
    api = client.get(reverse("huis-list"))
    assert (api.status_code, api["Location"]) == (302, INSCHRIJVEN)

    bevestig_wachtwoord(client)
    inschrijving = client.get(INSCHRIJVEN)
    assert inschrijving.status_code == 200
    assert "authenticator-app" in inschrijving.content.decode()
    assert client.get(reverse("gezondheid")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_na_het_instellen_van_de_authenticator_app_opent_het_portaal(client, huis):
    coordinator = LidmaatschapFactory(huis=huis, rol=Rol.COORDINATOR).gebruiker
    werkruimte = reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})
    met_wachtwoord(client, coordinator)
    assert client.get(werkruimte)["Location"] == INSCHRIJVEN
    bevestig_wachtwoord(client)

    pagina = client.get(INSCHRIJVEN)
    geheim = pagina.context["form"].secret
    assert geheim in pagina.content.decode()  # to type in when the QR code cannot be scanned
    fout = client.post(INSCHRIJVEN, {"code": foute_code(geheim)})
    assert fout.status_code == 200 and client.get(werkruimte).status_code == 302

    antwoord = client.post(INSCHRIJVEN, {"code": totp_code(geheim)})

    assert antwoord["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(antwoord["Location"])
    assert codes.status_code == 200 and reverse("start") in codes.content.decode()
    assert client.get(werkruimte).status_code == 200
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db
def test_met_een_authenticator_vraagt_de_aanmelding_de_code(client, huis):
    loket = LidmaatschapFactory(huis=huis, rol=Rol.LOKET).gebruiker
    geheim = geef_authenticator(loket)
    wachtrij = reverse("loket:wachtrij", kwargs={"huis_slug": huis.slug})

    antwoord = met_wachtwoord(client, loket)

    assert antwoord["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone does not log in
    assert client.get(wachtrij)["Location"].startswith(reverse("account_login"))
    fout = client.post(reverse("mfa_authenticate"), {"code": "12345"})
    assert fout.status_code == 200 and "_auth_user_id" not in client.session

    antwoord = client.post(reverse("mfa_authenticate"), {"code": totp_code(geheim)})

    assert antwoord.status_code == 302
    assert client.get(wachtrij).status_code == 200


@pytest.mark.django_db
def test_een_sessie_zonder_de_code_van_een_account_met_authenticator_wordt_afgemeld(client, huis):
    """E.g. a session from before the second factor was asked: log in again, with the code."""
    opgroeien = UserFactory(opgroeien=True)
    geef_authenticator(opgroeien)
    assert client.login(email=opgroeien.email, password=WACHTWOORD)  # Django's own login, no code

    antwoord = client.get(reverse("huizen:opgroeien_overzicht"))

    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{reverse('account_login')}?next=/opgroeien/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_de_beheeromgeving_meldt_aan_via_de_gewone_aanmelding(client):
    beheerder = UserFactory(beheerder=True)
    geheim = geef_authenticator(beheerder)

    antwoord = client.get(reverse("admin:index"), follow=True)
    assert antwoord.redirect_chain[-1][0] == f"{reverse('account_login')}?next=%2Fbeheer%2F"
    oud = client.post(reverse("admin:login"), {"username": beheerder.email, "password": WACHTWOORD})
    assert oud.status_code == 302 and "_auth_user_id" not in client.session

    antwoord = client.post(
        f"{reverse('account_login')}?next=/beheer/", {"login": beheerder.email, "password": WACHTWOORD}
    )
    assert antwoord["Location"] == reverse("mfa_authenticate")
    antwoord = client.post(reverse("mfa_authenticate"), {"code": totp_code(geheim)})

    assert antwoord["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


@pytest.mark.parametrize("email", ["geheime.coordinator@prive.test", "geheim.loket@prive.test"])
def test_met_alleen_een_wachtwoord_toont_geen_enkele_url_iets_van_het_eigen_huis(client, slachtoffer, email):
    """Every URL and method, as the Huis's own coordinator or loket staff after the password only."""
    gebruiker = User.objects.get(email=email)
    met_wachtwoord(client, gebruiker)
    assert "_auth_user_id" in client.session
    eigen = {gebruiker.email, gebruiker.naam}  # the page header shows who is logged in
    prive = Slachtoffer(
        waarden=slachtoffer.waarden, merktekens=[m for m in slachtoffer.merktekens if m not in eigen]
    )

    problemen = loop_als(client, prive, wie=f"{email} met alleen een wachtwoord", ingelogd=True)

    assert problemen == [], "\n".join(problemen)


def test_de_aanmeldpagina_spreekt_u_aan_en_stuurt_ouders_naar_de_aanvraag(client):
    html = client.get(reverse("account_login")).content.decode()

    assert "U hebt geen account nodig" in html
    assert f'href="{reverse("huizen:lijst")}">Kinderopvang aanvragen' in html
    # No trace of the library's sign-up invitation or its informal wording.
    assert "registreer" not in html.lower() and " je " not in html


@pytest.mark.django_db
def test_de_tweede_stap_spreekt_u_aan(client):
    gebruiker = UserFactory(password=WACHTWOORD)
    geef_authenticator(gebruiker)

    antwoord = met_wachtwoord(client, gebruiker)
    html = client.get(antwoord["Location"]).content.decode()

    assert "Aanmelden: tweede stap" in html and "authenticator-app" in html
    assert " je " not in html and " jouw " not in html
