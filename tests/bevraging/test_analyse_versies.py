"""The survey analysis of a wave is cached by the wave's data version: a repeated request reads no
answers again, more answers cost no more queries, and a response submitted through the services
shows at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bevraging import services as bevraging_services
from bevraging.models import Responsstatus
from tests.factories import HuisFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(url).status_code == 200
    return len(vastgelegd)


def _cijfer(html: str, label: str) -> int:
    return int(re.search(rf"<dt>{re.escape(label)}</dt><dd>(?:<a [^>]*>)?(\d+)", html).group(1))


ANTWOORDEN = {
    "participatie.inspraak_ouders": bevraging_services.Antwoordinvoer(4),
    "participatie.vrijwilligers": bevraging_services.Antwoordinvoer("ja"),
    "participatie.rol_vrijwilligers": bevraging_services.Antwoordinvoer("Onthaal"),
    "kernpartners.belangrijkste_partners": bevraging_services.Antwoordinvoer(["a", "b"]),
    "kernpartners.opmerkingen": bevraging_services.Antwoordinvoer("Geen"),
}


def _ingediend(golf, door, capture) -> None:
    """A Huis answers every question and submits, through the services."""
    huis = HuisFactory()
    with capture(execute=True):
        respons = bevraging_services.start_respons(golf=golf, huis=huis, door=door)
        respons = bevraging_services.bewaar_antwoorden(
            respons=respons, invoer=ANTWOORDEN, versie=respons.versie, door=door
        )
        respons = bevraging_services.dien_in(respons=respons, door=door, versie=respons.versie)
    assert respons.status == Responsstatus.INGEDIEND


def test_de_analyse_van_een_golf_toont_een_ingediende_bevraging_meteen(
    opgroeien_client, opgroeien_medewerker, open_golf_, django_capture_on_commit_callbacks
):
    url = reverse("bevraging:analyse", kwargs={"golf_pk": open_golf_.pk})
    label = "Ingediende of gevalideerde bevragingen"
    _ingediend(open_golf_, opgroeien_medewerker, django_capture_on_commit_callbacks)
    assert _cijfer(opgroeien_client.get(url).content.decode(), label) == 1
    assert _cijfer(opgroeien_client.get(url).content.decode(), label) == 1

    _ingediend(open_golf_, opgroeien_medewerker, django_capture_on_commit_callbacks)
    assert _cijfer(opgroeien_client.get(url).content.decode(), label) == 2
    assert _cijfer(opgroeien_client.get(f"{url}?provincie=Limburg").content.decode(), label) == 2


def test_een_herhaalde_analyse_leest_geen_antwoorden_opnieuw_hoeveel_er_ook_zijn(
    opgroeien_client, opgroeien_medewerker, open_golf_, django_capture_on_commit_callbacks
):
    url = reverse("bevraging:analyse", kwargs={"golf_pk": open_golf_.pk})
    _ingediend(open_golf_, opgroeien_medewerker, django_capture_on_commit_callbacks)
    eerste = _queries(opgroeien_client, url)
    weinig = _queries(opgroeien_client, url)
    for _ in range(8):
        _ingediend(open_golf_, opgroeien_medewerker, django_capture_on_commit_callbacks)
    assert _queries(opgroeien_client, url) <= eerste
    veel = _queries(opgroeien_client, url)
    assert veel == weinig
    # session, user, menu, the wave, the list of waves and the data versions
    assert weinig <= 8


def _beantwoord(html: str) -> int:
    cel = re.search(r"Beantwoord \(n\)</th>\s*<td[^>]*>(.*?)</td>", html, re.S).group(1)
    return int(re.sub(r"<[^>]+>", "", cel).strip())


def test_de_pagina_van_een_vraag_toont_een_ingediende_bevraging_meteen(
    opgroeien_client, opgroeien_medewerker, open_golf_, django_capture_on_commit_callbacks
):
    url = reverse(
        "bevraging:analyse_vraag", kwargs={"golf_pk": open_golf_.pk, "vraag": "participatie.vrijwilligers"}
    )
    _ingediend(open_golf_, opgroeien_medewerker, django_capture_on_commit_callbacks)
    eerste = _queries(opgroeien_client, url)
    assert _beantwoord(opgroeien_client.get(url).content.decode()) == 1
    assert _queries(opgroeien_client, url) < eerste  # the rendered results come from the cache

    _ingediend(open_golf_, opgroeien_medewerker, django_capture_on_commit_callbacks)
    assert _beantwoord(opgroeien_client.get(url).content.decode()) == 2
    assert _beantwoord(opgroeien_client.get(f"{url}?dimensie=werking").content.decode()) == 2
