"""Failed logins lock one account, not everyone; behind a proxy the client's own address counts."""

import datetime

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from hvhk import settings as instellingen
from kern.beveiliging import client_ip
from tests.aanmelden import foute_code, geef_authenticator, totp_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "een-lang-wachtwoord-2026"
TE_VEEL = "Te veel inlogpogingen"
PROXY = "10.0.0.1"  # the REMOTE_ADDR of every request that came through our proxy


@pytest.fixture(autouse=True)
def limieten(settings):
    """The production limits (the test settings switch them off for the other tests)."""
    settings.ACCOUNT_RATE_LIMITS = instellingen.ACCOUNT_RATE_LIMITS


def aanmelden(client, email, wachtwoord, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": wachtwoord}, **extra)


def test_vijf_foute_wachtwoorden_sluiten_dat_account_vijf_minuten_af(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    slachtoffer, collega = UserFactory(), UserFactory()
    for _ in range(5):
        antwoord = aanmelden(client, slachtoffer.email, "fout")
        assert "niet correct" in antwoord.content.decode()

    antwoord = aanmelden(client, slachtoffer.email, WACHTWOORD)
    assert TE_VEEL in antwoord.content.decode() and "_auth_user_id" not in client.session
    antwoord = aanmelden(client, slachtoffer.email.upper(), WACHTWOORD)
    assert TE_VEEL in antwoord.content.decode()

    # Another account from the same address still logs in.
    assert aanmelden(client, collega.email, WACHTWOORD)["Location"] == reverse("start")
    client.post(reverse("account_logout"))

    time_machine.shift(datetime.timedelta(minutes=4, seconds=59))
    assert TE_VEEL in aanmelden(client, slachtoffer.email, WACHTWOORD).content.decode()
    time_machine.shift(datetime.timedelta(seconds=2))
    assert aanmelden(client, slachtoffer.email, WACHTWOORD)["Location"] == reverse("start")


def test_vijf_foute_codes_sluiten_de_tweede_stap_van_dat_account_af(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    gebruiker = UserFactory()
    geheim = geef_authenticator(gebruiker)
    fout = foute_code(geheim)
    aanmelden(client, gebruiker.email, WACHTWOORD)
    for _ in range(5):
        assert client.post(reverse("mfa_authenticate"), {"code": fout}).status_code == 200

    antwoord = client.post(reverse("mfa_authenticate"), {"code": totp_code(geheim)})

    assert TE_VEEL in antwoord.content.decode() and "_auth_user_id" not in client.session


def test_de_oude_aanmelding_van_de_beheeromgeving_telt_niet_en_omzeilt_niets(client):
    beheerder = UserFactory(beheerder=True)
    for _ in range(5):
        aanmelden(client, beheerder.email, "fout")
    client.post(reverse("admin:login"), {"username": beheerder.email, "password": WACHTWOORD})
    assert "_auth_user_id" not in client.session
    assert TE_VEEL in aanmelden(client, beheerder.email, WACHTWOORD).content.decode()


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_achter_een_proxy_telt_het_adres_van_de_bezoeker(client):
    aanvaller, collega = UserFactory(), UserFactory()
    for i in range(10):  # ten accounts guessed from one address
        aanmelden(client, f"gok{i}@voorbeeld.test", "fout", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1")

    van_dezelfde = aanmelden(
        client, aanvaller.email, WACHTWOORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1"
    )
    assert TE_VEEL in van_dezelfde.content.decode()
    # A spoofed left-most entry does not help: the proxy appended the real address on the right.
    vervalst = aanmelden(
        client, aanvaller.email, WACHTWOORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2.2.2.2, 1.1.1.1"
    )
    assert TE_VEEL in vervalst.content.decode()
    # Another client behind the same proxy logs in.
    ander = aanmelden(client, collega.email, WACHTWOORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert ander["Location"] == reverse("start")


def test_zonder_vertrouwde_proxy_telt_x_forwarded_for_niet():
    verzoek = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(verzoek) == "192.0.2.7"
    assert AnonRateThrottle().get_ident(verzoek) == "192.0.2.7"


def test_de_formulieren_en_de_api_tellen_hetzelfde_adres(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    verzoek = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2.2.2.2, 1.1.1.1")

    assert client_ip(verzoek) == "1.1.1.1"
    assert AnonRateThrottle().get_ident(verzoek) == "1.1.1.1"
    assert settings.RATELIMIT_IP_META_KEY == "kern.beveiliging.client_ip"
