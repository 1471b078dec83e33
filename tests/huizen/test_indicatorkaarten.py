"""Opgroeien's maps of Flanders: one choropleth per indicator, one linked and titled area per
gemeente of today, a legend of classes with "geen gegevens", the same figures in a table, and the
map served from the cache by data version."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huizen import selectors
from huizen.models import Gemeente, Subsidie
from kern.kaart import GEEN_GEGEVENS, kwantielklassen
from tests.factories import HuisFactory

pytestmark = pytest.mark.django_db

GEBIED = re.compile(
    r'<a class="kaartvlak kaartvlak--(?P<klasse>[\w-]+)" href="(?P<url>[^"]+)">'
    r"<title>(?P<titel>[^<]+)</title><path d=\"M[^\"]+\"/></a>"
)
URL = reverse("opgroeien_kaarten")


@pytest.fixture
def huizen(referentiedata):
    gent = HuisFactory(
        naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")]
    )
    waasland = HuisFactory(
        naam="Huis van het Kind Waasland",
        slug="waasland",
        gemeenten=[Gemeente.objects.get(nis="46030"), Gemeente.objects.get(nis="46021")],
    )
    Subsidie.objects.create(huis=gent, jaar=2025, bedrag=Decimal("87500"))
    Subsidie.objects.create(huis=waasland, jaar=2025, bedrag=Decimal("30000"))
    return gent, waasland


def gebieden(inhoud: str) -> dict[str, dict]:
    return {
        html.unescape(t["titel"]).split(":")[0]: {**t.groupdict(), "titel": html.unescape(t["titel"])}
        for t in GEBIED.finditer(inhoud)
    }


def test_kwantielklassen_houden_gelijke_waarden_samen():
    waarden = [1, 1, 1, 1, 2, 3, 4, 5, 6, 100]
    klassen = kwantielklassen(waarden)
    assert [(k.laag, k.hoog) for k in klassen] == [(1, 1), (2, 2), (3, 3), (4, 5), (6, 100)]
    # Every value falls in exactly one class, in order.
    for waarde in waarden:
        assert sum(k.laag <= waarde <= k.hoog for k in klassen) == 1
    assert [k.klasse for k in kwantielklassen([7, 7, 7])] == ["klasse-1"]
    assert kwantielklassen([]) == []


@pytest.mark.parametrize("indicator", ["dekking", "subsidie", "onvervuld", "wachttijd"])
def test_elke_kaart_heeft_een_vlak_per_huidige_gemeente_met_link_en_titel(
    opgroeien_client, huizen, indicator
):
    antwoord = opgroeien_client.get(URL, {"indicator": indicator})
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    vlakken = gebieden(inhoud)
    huidig = list(Gemeente.objects.huidig())
    assert len(GEBIED.findall(inhoud)) == len(huidig) == len(vlakken)
    assert set(vlakken) == {g.naam for g in huidig}
    assert vlakken["Gent"]["url"] == "/huizen/gent/"
    assert all(v["titel"].split(": ", 1)[1] for v in vlakken.values())
    assert 'role="group" aria-label=' in inhoud
    # The table holds the same gemeenten and values as the titles.
    rijen = re.findall(
        r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th><td[^>]*>[^<]*</td><td>([^<]*)</td></tr>',
        inhoud,
    )
    assert {html.unescape(n): html.unescape(t) for n, t in rijen} == {
        n: v["titel"].split(": ", 1)[1] for n, v in vlakken.items()
    }


def test_subsidie_per_inwoner_en_legende_met_geen_gegevens(opgroeien_client, huizen):
    inhoud = opgroeien_client.get(URL, {"indicator": "subsidie", "datum": "2025-06-01"}).content.decode()
    vlakken = gebieden(inhoud)
    inwoners_gent = selectors.bevolking(Gemeente.objects.get(nis="44021"), 2025).inwoners
    per_inwoner = Decimal("87500") / inwoners_gent
    assert (
        vlakken["Gent"]["titel"] == f"Gent: € {str(per_inwoner.quantize(Decimal('0.01'))).replace('.', ',')}"
    )
    waasland = [vlakken["Beveren-Kruibeke-Zwijndrecht"], vlakken["Sint-Niklaas"]]
    assert waasland[0]["titel"].split(": ")[1] == waasland[1]["titel"].split(": ")[1]
    assert vlakken["Antwerpen"]["klasse"] == GEEN_GEGEVENS
    assert "Geen gegevens</li>" in inhoud
    assert {vlakken["Gent"]["klasse"], waasland[0]["klasse"]} <= {"klasse-1", "klasse-2"}


def test_dekking_legende_geeft_aandeel_van_de_inwoners(opgroeien_client, huizen):
    inhoud = opgroeien_client.get(URL, {"indicator": "dekking"}).content.decode()
    kaart = selectors.dekkingskaart()
    gedekt = sum(r.waarde or 0 for r in kaart.rijen if "geen Huis" not in r.tekst)
    alle = sum(r.waarde or 0 for r in kaart.rijen)
    verwacht = f"{round(100 * gedekt / alle, 1)}".replace(".", ",")
    assert f"{verwacht} % van de inwoners woont in een gemeente met een Huis" in html.unescape(inhoud)
    assert gebieden(inhoud)["Antwerpen"]["klasse"] == "zonder"


def test_foute_datum_geeft_een_melding(opgroeien_client, huizen):
    antwoord = opgroeien_client.get(URL, {"indicator": "subsidie", "datum": "30-02-2025"})
    assert antwoord.status_code == 200
    assert "Vul een geldige datum in" in antwoord.content.decode()
    assert not GEBIED.search(antwoord.content.decode())


def test_kaart_uit_de_cache_en_nieuw_na_een_wijziging(
    opgroeien_client, huizen, django_capture_on_commit_callbacks
):
    opgroeien_client.get(URL, {"indicator": "subsidie"})
    with CaptureQueriesContext(connection) as vragen:
        opgroeien_client.get(URL, {"indicator": "subsidie"})
    assert not any("huizen_omtrek" in q["sql"] for q in vragen.captured_queries)
    from huizen.services_bevolking import controleer_bevolking, importeer_bevolking

    vandaag = datetime.date.today().year
    controle = controleer_bevolking(
        bestandsnaam="b.csv", inhoud=f"nis;jaar;inwoners\n44021;{vandaag};1000\n".encode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        importeer_bevolking(controle=controle, gebruiker=None)
    inhoud = opgroeien_client.get(URL, {"indicator": "subsidie"}).content.decode()
    assert gebieden(inhoud)["Gent"]["titel"] == "Gent: € 87,50"


def test_alleen_voor_opgroeien(coordinator_client, client):
    assert coordinator_client.get(URL).status_code in (403, 404)
    assert client.get(URL).status_code in (302, 403, 404)
