import datetime

import pytest

from huizen.models import Gemeente
from tests.factories import (
    ContactpuntFactory,
    CoordinatorFactory,
    HuisFactory,
    LocatieFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


UREN = [(0, 9, 12), (0, 13, 16), (2, 9, 12)]


def maak_profiel(huis, gemeente, naam="Huis Centrum"):
    partner = PartnerFactory(
        huis=huis,
        naam="CLB Gent",
        kernpartner=True,
        contactpersoon="Geheime Gert",
        contact_email="gert@clb.test",
    )
    locatie = LocatieFactory(
        huis=huis,
        naam=naam,
        gemeente=gemeente,
        partners=[partner],
        openingsuren=[(weekdag, datetime.time(van), datetime.time(tot)) for weekdag, van, tot in UREN],
    )
    ContactpuntFactory(huis=huis, waarde="09 222 33 44", beschikbaarheid="werkdagen")
    ContactpuntFactory(huis=huis, chat=True)
    CoordinatorFactory(huis=huis, naam="Verborgen Coördinator", email="verborgen@huis.test")
    return locatie


@pytest.fixture
def gent(referentiedata):
    gemeente = Gemeente.objects.get(nis="44021")
    huis = HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gemeente])
    maak_profiel(huis, gemeente)
    return huis


def test_de_huispagina_toont_locaties_uren_contactpunten_en_partners_zonder_persoonsgegevens(client, gent):
    tekst = client.get("/huizen/gent/").content.decode()

    assert "Huis Centrum" in tekst and "Kerkstraat 1, 9000 Gent" in tekst
    assert "maandag</th><td>09:00–12:00, 13:00–16:00" in tekst and "woensdag</th><td>09:00–12:00" in tekst
    assert 'href="tel:092223344"' in tekst and "werkdagen" in tekst
    assert 'href="https://chat.voorbeeld.test"' in tekst
    assert "CLB Gent" in tekst and "kernpartner" in tekst
    for privé in ("Geheime Gert", "gert@clb.test", "Verborgen Coördinator", "verborgen@huis.test"):
        assert privé not in tekst


def test_een_huis_zonder_locatie_dat_er_een_plant(client, referentiedata):
    HuisFactory(slug="zonder", fysieke_locatie_gepland=True)
    tekst = client.get("/huizen/zonder/").content.decode()
    assert "Dit Huis heeft nog geen fysieke locatie, maar plant er een." in tekst
    assert "Dit Huis heeft nog geen partners gepubliceerd." in tekst


def test_de_open_api_geeft_locaties_en_contactpunten(client, gent):
    huis = client.get("/api/v1/huizen/gent/").json()
    assert huis["locaties"][0]["openingsuren"][:2] == [
        {"weekdag": "maandag", "van": "09:00", "tot": "12:00"},
        {"weekdag": "maandag", "van": "13:00", "tot": "16:00"},
    ]
    assert huis["locaties"][0]["gemeente"] == {"nis": "44021", "naam": "Gent"}
    assert {"soort": "telefoon", "waarde": "09 222 33 44", "beschikbaarheid": "werkdagen"} in huis[
        "contactpunten"
    ]
    assert "Verborgen" not in str(huis) and "gert@clb.test" not in str(huis)


def test_locaties_filteren_op_gemeente_en_nis(client, gent, referentiedata):
    antwerpen = Gemeente.objects.get(nis="11002")
    ander = HuisFactory(slug="antwerpen", gemeenten=[antwerpen])
    LocatieFactory(huis=ander, naam="Huis Zuid", straat="Lei 2", postcode="2000", gemeente=antwerpen)

    assert [loc["naam"] for loc in client.get("/api/v1/locaties/", {"nis": "11002"}).json()["results"]] == [
        "Huis Zuid"
    ]
    assert [
        loc["huis"] for loc in client.get("/api/v1/locaties/", {"gemeente": "gent"}).json()["results"]
    ] == ["gent"]


def test_pagina_en_api_doen_evenveel_queries_bij_meer_huizen(
    client, gent, referentiedata, django_assert_max_num_queries
):
    gemeente = Gemeente.objects.get(nis="11002")
    for i in range(25):
        huis = HuisFactory(gemeenten=[gemeente])
        maak_profiel(huis, gemeente, naam=f"Locatie {i}")
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/huizen/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/locaties/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/huizen/").status_code == 200


def test_een_contactpunt_herhaalt_het_e_mailadres_van_het_huis_niet(client, gent):
    gent.email = "info@gent.test"
    gent.save()
    ContactpuntFactory(huis=gent, soort="email", waarde="info@gent.test", beschikbaarheid="binnen 3 dagen")
    tekst = client.get("/huizen/gent/").content.decode()
    assert tekst.count('href="mailto:info@gent.test"') == 1 and "binnen 3 dagen" in tekst
