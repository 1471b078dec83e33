"""Whole dashboard pages kept per data version (kern.paginacache), seen through Opgroeien's
overview: the same figures without computing them again, each visitor with its own header and
CSRF token, new figures as soon as the data changes, and never a page for someone not let in."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huizen.views_opgroeien import OpgroeienOverzichtView
from kern import paginacache
from kern.fragmenten import PLAATSHOUDER
from kern.versies import verhoog
from tests.conftest import aangemeld
from tests.factories import HuisFactory, UserFactory

pytestmark = pytest.mark.django_db

OVERZICHT = reverse("huizen:opgroeien_overzicht")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _aantal_huizen(html: str) -> str:
    return re.search(r"<dt>Huizen van het Kind</dt><dd><a [^>]*>(\d+)</a>", html).group(1)


def test_een_tweede_bezoek_rekent_niets_opnieuw_en_krijgt_een_werkend_csrf_token(
    opgroeien_medewerker, monkeypatch
):
    HuisFactory.create_batch(2)
    client = Client(enforce_csrf_checks=True)
    client.force_login(opgroeien_medewerker)
    eerste = client.get(OVERZICHT)

    def niet_opnieuw(*args, **kwargs):
        raise AssertionError("de pagina werd opnieuw gemaakt")

    monkeypatch.setattr(OpgroeienOverzichtView, "get", niet_opnieuw)
    with CaptureQueriesContext(connection) as vragen:
        tweede = client.get(OVERZICHT)

    assert tweede.status_code == 200
    assert [v["sql"] for v in vragen.captured_queries][-1].startswith("SELECT sleutel, versie")
    assert len(vragen.captured_queries) == 3  # the session, the user, the data versions
    assert _aantal_huizen(tweede.content.decode()) == _aantal_huizen(eerste.content.decode()) == "2"
    assert PLAATSHOUDER not in tweede.content.decode()
    # the logout form in the header of the kept page posts with a token that is accepted
    token = TOKEN.search(tweede.content.decode()).group(1)
    afgemeld = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert afgemeld.status_code == 302
    assert "_auth_user_id" not in client.session


def test_elke_medewerker_ziet_zijn_eigen_kop(opgroeien_client):
    opgroeien_client.get(OVERZICHT)
    collega = UserFactory(opgroeien=True, email="collega@opgroeien.test")
    html = aangemeld(collega).get(OVERZICHT).content.decode()
    assert "collega@opgroeien.test" in html
    assert opgroeien_client.get(OVERZICHT).content.decode().count("collega@opgroeien.test") == 0


def test_nieuwe_cijfers_zodra_de_gegevens_wijzigen(opgroeien_client, django_capture_on_commit_callbacks):
    HuisFactory()
    assert _aantal_huizen(opgroeien_client.get(OVERZICHT).content.decode()) == "1"
    HuisFactory()
    with django_capture_on_commit_callbacks(execute=True):
        verhoog("huizen")  # as every service that writes a Huis does
    assert _aantal_huizen(opgroeien_client.get(OVERZICHT).content.decode()) == "2"


def test_wie_niet_binnen_mag_krijgt_ook_na_het_bewaren_geen_pagina(
    opgroeien_client, coordinator_client, client
):
    assert opgroeien_client.get(OVERZICHT).status_code == 200
    assert coordinator_client.get(OVERZICHT).status_code == 404
    assert client.get(OVERZICHT).status_code == 302  # to the login page


def test_een_melding_komt_met_de_pagina_mee(opgroeien_client, rf):
    opgroeien_client.get(OVERZICHT)  # kept without a message
    # a message as a form leaves it for the next page
    opslag = CookieStorage(rf.get("/"))
    opslag.add(constants.SUCCESS, "Het rapport wordt gemaakt.")
    doorgestuurd = HttpResponse()
    opslag.update(doorgestuurd)
    opgroeien_client.cookies.update(doorgestuurd.cookies)

    assert "Het rapport wordt gemaakt." in opgroeien_client.get(OVERZICHT).content.decode()
    assert "Het rapport wordt gemaakt." not in opgroeien_client.get(OVERZICHT).content.decode()


def test_een_pagina_die_een_vorige_versie_anders_bewaarde_wordt_opnieuw_gemaakt(
    opgroeien_client, monkeypatch
):
    HuisFactory()
    lees = paginacache.cache.get

    def zoals_vroeger(sleutel, *args, **kwargs):
        return (
            "<p>zoals vroeger bewaard</p>"
            if sleutel.startswith("pagina:")
            else lees(sleutel, *args, **kwargs)
        )

    monkeypatch.setattr(paginacache.cache, "get", zoals_vroeger)
    antwoord = opgroeien_client.get(OVERZICHT)
    assert antwoord.status_code == 200
    assert _aantal_huizen(antwoord.content.decode()) == "1"
