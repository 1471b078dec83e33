"""The open API answers conditionally: an unchanged answer costs a client a 304 and the server one
small query; a change of the data (its version raised) gives a new ETag and the new data. Pages
hold at most 50 items, and the list's queries do not grow with the number of Huizen."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from huizen.models import Gemeente
from kern.versies import _verhoog
from tests.factories import ContactpuntFactory, HuisFactory, LocatieFactory, PartnerFactory
from tests.profiel import wijzig_profiel

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent(referentiedata):
    huis = HuisFactory(
        naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")]
    )
    LocatieFactory(huis=huis)
    ContactpuntFactory(huis=huis)
    return huis


def _huizen_met_profiel(aantal: int) -> None:
    for huis in HuisFactory.create_batch(aantal):
        LocatieFactory.create_batch(2, huis=huis, partners=[PartnerFactory(huis=huis)])
        ContactpuntFactory(huis=huis)
        ContactpuntFactory(huis=huis, email=True)


@pytest.mark.parametrize("url", ["/api/v1/huizen/", "/api/v1/huizen/gent/", "/api/v1/gemeenten/44021/"])
def test_een_ongewijzigd_antwoord_geeft_304_voor_een_enkele_query(
    client, gent, url, django_assert_num_queries
):
    eerste = client.get(url)
    assert eerste.status_code == 200
    assert eerste["Cache-Control"] == "public, max-age=60"

    with django_assert_num_queries(1):  # the data versions, nothing else
        nog_eens = client.get(url, HTTP_IF_NONE_MATCH=eerste["ETag"])
    assert nog_eens.status_code == 304
    assert nog_eens.content == b""
    assert nog_eens["ETag"] == eerste["ETag"]
    assert nog_eens["Cache-Control"] == "public, max-age=60"


def test_een_anonieme_vraag_krijgt_het_bewaarde_antwoord(client, gent, django_assert_num_queries):
    eerste = client.get("/api/v1/huizen/?nis=44021")
    with django_assert_num_queries(1):
        tweede = client.get("/api/v1/huizen/?nis=44021")
    assert tweede.status_code == 200
    assert tweede.json() == eerste.json()
    assert tweede["ETag"] == eerste["ETag"]
    assert tweede["Content-Type"] == "application/json"


def test_de_etag_hangt_af_van_de_volledige_querystring(client, gent):
    etags = {
        client.get(url)["ETag"]
        for url in ["/api/v1/huizen/", "/api/v1/huizen/?nis=44021", "/api/v1/huizen/?page=1"]
    }
    assert len(etags) == 3
    vraag = client.get("/api/v1/huizen/?nis=44021", HTTP_IF_NONE_MATCH=client.get("/api/v1/huizen/")["ETag"])
    assert vraag.status_code == 200


def test_na_een_wijziging_van_de_huizen_een_nieuwe_etag_en_de_nieuwe_gegevens(client, gent):
    eerste = client.get("/api/v1/huizen/")
    assert eerste.json()["count"] == 1

    HuisFactory(naam="Huis van het Kind Nieuw")
    _verhoog(["huizen"])  # what the writing service does once its transaction commits

    na = client.get("/api/v1/huizen/", HTTP_IF_NONE_MATCH=eerste["ETag"])
    assert na.status_code == 200
    assert na["ETag"] != eerste["ETag"]
    assert na.json()["count"] == 2


def test_een_wijziging_van_de_referentiegegevens_verandert_de_etag_van_de_gemeenten(client, gent):
    eerste = client.get("/api/v1/gemeenten/44021/")
    _verhoog(["referentie"])
    na = client.get("/api/v1/gemeenten/44021/", HTTP_IF_NONE_MATCH=eerste["ETag"])
    assert na.status_code == 200
    assert na["ETag"] != eerste["ETag"]


def test_aangemeld_ook_304_maar_niet_publiek_te_bewaren(client, gent, coordinator):
    client.force_login(coordinator)
    eerste = client.get("/api/v1/huizen/")
    assert eerste.status_code == 200
    assert set(eerste["Cache-Control"].split(", ")) == {"private", "no-cache"}
    nog_eens = client.get("/api/v1/huizen/", HTTP_IF_NONE_MATCH=eerste["ETag"])
    assert nog_eens.status_code == 304


def test_een_fout_krijgt_geen_etag(client, gent):
    antwoord = client.get("/api/v1/huizen/onbekend/")
    assert antwoord.status_code == 404
    assert "ETag" not in antwoord
    assert client.get("/api/v1/gemeenten/?geldig_op=geen-datum").status_code == 400


def test_een_pagina_telt_hoogstens_50_items(client, referentiedata):
    HuisFactory.create_batch(55)
    for url in ["/api/v1/huizen/", "/api/v1/gemeenten/", "/api/v1/gemeenten/?page_size=1000"]:
        data = client.get(url).json()
        assert data["count"] > 50
        assert len(data["results"]) == 50
        assert data["next"]


def test_de_lijst_blijft_op_hetzelfde_aantal_queries_met_meer_huizen(client, referentiedata):
    def queries() -> int:
        cache.clear()  # the answer is computed, not taken from the cache
        with CaptureQueriesContext(connection) as vastgelegd:
            assert client.get("/api/v1/huizen/").status_code == 200
        return len(vastgelegd)

    _huizen_met_profiel(2)
    weinig = queries()
    _huizen_met_profiel(10)
    assert queries() == weinig
    assert weinig <= 10


def test_een_tweede_anonieme_vraag_geeft_dezelfde_bytes_tot_een_dienst_schrijft(
    client, gent, coordinator, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The rendered bytes are kept per data version and full query string (page and format
    included): a second anonymous request reads only the versions; a write through the service
    gives a new ETag and the new data."""
    for url in ["/api/v1/huizen/?page=1&format=json", "/api/v1/huizen/gent/?format=json"]:
        eerste = client.get(url)
        with django_assert_num_queries(1):  # the data versions, nothing else
            tweede = client.get(url)
        assert tweede.content == eerste.content and tweede["ETag"] == eerste["ETag"]

    eerste = client.get("/api/v1/huizen/gent/?format=json")
    with django_capture_on_commit_callbacks(execute=True):
        wijzig_profiel(gent, coordinator, korte_beschrijving="Nieuw via de dienst.")
    na = client.get("/api/v1/huizen/gent/?format=json", HTTP_IF_NONE_MATCH=eerste["ETag"])
    assert na.status_code == 200 and na["ETag"] != eerste["ETag"]
    assert na.json()["korte_beschrijving"] == "Nieuw via de dienst."
