"""A staff session ends after 30 minutes idle and 12 hours in all; login and logout renew it."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from tests.aanmelden import geef_authenticator, totp_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "een-lang-wachtwoord-2026"
BEGIN = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def opgroeien_client(client, time_machine, opgroeien_medewerker):
    """Logged in at BEGIN, from where the session limits count."""
    time_machine.move_to(BEGIN, tick=False)
    client.force_login(opgroeien_medewerker)
    return client


def overzicht(client, **extra):
    return client.get(reverse("huizen:opgroeien_overzicht"), **extra)


def aangemeld(client) -> bool:
    """The start page sends Opgroeien staff to their overview, anyone else to the login."""
    return client.get(reverse("start"))["Location"] == reverse("huizen:opgroeien_overzicht")


def test_na_dertig_minuten_zonder_verzoek_is_de_sessie_voorbij(opgroeien_client, time_machine):
    time_machine.move_to(BEGIN + datetime.timedelta(minutes=29))
    assert overzicht(opgroeien_client).status_code == 200
    time_machine.move_to(BEGIN + datetime.timedelta(minutes=58))  # 29 minutes after the last request
    assert overzicht(opgroeien_client).status_code == 200

    time_machine.move_to(BEGIN + datetime.timedelta(minutes=58 + 31))
    antwoord = overzicht(opgroeien_client)

    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{reverse('account_login')}?next=/opgroeien/"
    assert "_auth_user_id" not in opgroeien_client.session
    assert "Uw sessie is verlopen" in opgroeien_client.get(antwoord["Location"]).content.decode()


def test_een_htmx_verzoek_na_de_termijn_laadt_de_aanmeldpagina_in_het_hele_venster(
    opgroeien_client, time_machine
):
    time_machine.move_to(BEGIN + datetime.timedelta(minutes=31))
    antwoord = overzicht(opgroeien_client, headers={"HX-Request": "true"})
    assert antwoord["HX-Redirect"].startswith(reverse("account_login"))


def test_na_twaalf_uur_is_de_sessie_voorbij_ook_als_ze_gebruikt_wordt(opgroeien_client, time_machine):
    for halfuur in range(1, 12 * 2 + 1):
        time_machine.move_to(BEGIN + datetime.timedelta(minutes=29 * halfuur))
        assert aangemeld(opgroeien_client), halfuur

    time_machine.move_to(BEGIN + datetime.timedelta(hours=12, minutes=1))
    antwoord = overzicht(opgroeien_client)

    assert antwoord["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in opgroeien_client.session


def test_aanmelden_geeft_een_nieuwe_sessiesleutel_en_afmelden_wist_de_sessie(client):
    gebruiker = UserFactory(opgroeien=True)
    geheim = geef_authenticator(gebruiker)
    client.post(reverse("account_login"), {"login": gebruiker.email, "password": WACHTWOORD})
    voor_de_code = client.session.session_key
    assert voor_de_code and "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": totp_code(geheim)})
    aangemeld = client.session.session_key
    assert aangemeld != voor_de_code and not SessionStore().exists(voor_de_code)
    assert overzicht(client).status_code == 200

    client.post(reverse("account_logout"))

    assert not SessionStore().exists(aangemeld)
    assert overzicht(client)["Location"].startswith(reverse("account_login"))


def test_de_sessie_verdwijnt_als_de_browser_sluit_en_duurt_hoogstens_twaalf_uur():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60


@pytest.mark.django_db(False)
def test_de_termijnen_en_de_proxy_komen_uit_de_omgeving():
    omgeving = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    omgeving.update(
        DJANGO_SETTINGS_MODULE="hvhk.settings",
        DEBUG="1",
        SESSION_IDLE_MINUTES="15",
        SESSION_MAX_HOURS="8",
        TRUSTED_PROXY_COUNT="2",
        API_THROTTLE_ANON="30/min",
        LOGIN_FAILED_PER_IP="40/m",
    )
    resultaat = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_IDLE_MINUTES, s.SESSION_COOKIE_AGE, s.ALLAUTH_TRUSTED_PROXY_COUNT, "
            "s.REST_FRAMEWORK['NUM_PROXIES'], s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['anon'], "
            "s.ACCOUNT_RATE_LIMITS['login_failed'])",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert resultaat.stdout.split() == ["15", "28800", "2", "2", "30/min", "40/m/ip,5/5m/key"], (
        resultaat.stderr
    )
