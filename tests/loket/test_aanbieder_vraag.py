"""A provider sees how many families wait for its location, by start month, age group and day
pattern: no names, and counts under 5 hidden as everywhere outside the loket."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.selectors.vraag import vraag_naar
from tests.factories import AanbiederFactory, OpvangvraagFactory
from tests.loket import test_aanbieder

# The fixtures of the provider tests: Gent in the Huis's area and a location there.
gent, gent_huis, locatie = test_aanbieder.gent, test_aanbieder.gent_huis, test_aanbieder.locatie

pytestmark = pytest.mark.django_db


def _maand(aantal: int) -> datetime.date:
    """The 15th of the month `aantal` months from now."""
    vandaag = timezone.localdate()
    index = vandaag.month - 1 + aantal
    return datetime.date(vandaag.year + index // 12, index % 12 + 1, 15)


def _wachtend(huis, locatie, aantal, **velden):
    return [OpvangvraagFactory(huis=huis, voorkeuren=[locatie], **velden) for _ in range(aantal)]


def _rijen(tabel):
    return {rij[0].tekst: rij[1].tekst for rij in tabel.als_tabel().rijen}


def test_de_vraag_telt_wachtende_gezinnen_per_maand_leeftijd_en_dagen(gent_huis, locatie):
    _wachtend(gent_huis, locatie, 6, gewenste_start=_maand(2))
    _wachtend(gent_huis, locatie, 7, gewenste_start=_maand(3), dagen=[0, 1, 2], dagdeel="halve_dag")
    # Placed, withdrawn, or a choice that ended: not waiting for this location.
    _wachtend(gent_huis, locatie, 2, gewenste_start=_maand(2), status="geplaatst")
    _wachtend(gent_huis, locatie, 1, gewenste_start=_maand(2), status="ingetrokken")
    for vraag in _wachtend(gent_huis, locatie, 3, gewenste_start=_maand(2)):
        vraag.voorkeuren.update(actief=False)

    maand, leeftijd, dagen = vraag_naar(locatie, timezone.localdate())

    namen = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]  # fmt: skip
    over_twee, over_drie = _maand(2), _maand(3)
    assert _rijen(maand) == {
        f"{namen[over_twee.month - 1]} {over_twee.year}": "6",
        f"{namen[over_drie.month - 1]} {over_drie.year}": "7",
        "Totaal": "13",
    }
    assert _rijen(leeftijd) == {"Baby (jonger dan 18 maanden)": "13", "Totaal": "13"}
    assert _rijen(dagen) == {
        "5 dagen per week, volle dagen": "6",
        "3 dagen per week, halve dagen": "7",
        "Totaal": "13",
    }


def test_kleine_aantallen_zijn_verborgen_en_niet_uit_het_totaal_te_berekenen(gent_huis, locatie):
    _wachtend(gent_huis, locatie, 8, gewenste_start=_maand(1))
    _wachtend(gent_huis, locatie, 2, gewenste_start=_maand(4))
    _wachtend(gent_huis, locatie, 1, gewenste_start=_maand(30))

    maand, _leeftijd, _dagen = vraag_naar(locatie, timezone.localdate())

    rijen = _rijen(maand)
    assert "2" not in rijen.values() and "1" not in rijen.values()
    assert list(rijen.values()).count("< 5") == 2
    # Later wishes than a year ahead share one row.
    assert any(label.startswith("Na ") for label in rijen)


def test_de_aanbieder_ziet_de_vraag_op_de_pagina_van_zijn_locatie_zonder_namen(client, gent_huis, locatie):
    _wachtend(gent_huis, locatie, 5, gewenste_start=_maand(2), ouders=[{"naam": "Sam Verhulst"}])
    client.force_login(AanbiederFactory(locatie=locatie).gebruiker)

    html = client.get(reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})).content.decode()

    assert "Vraag naar deze locatie" in html and "5 dagen per week, volle dagen" in html
    assert "Sam Verhulst" not in html and "Noor" not in html


def test_zonder_wachtende_gezinnen_zegt_de_pagina_dat(client, gent_huis, locatie, gent):
    andere = test_aanbieder.maak_locatie(gent_huis, gent, naam="Elders")
    _wachtend(gent_huis, andere, 6)
    client.force_login(AanbiederFactory(locatie=locatie).gebruiker)

    html = client.get(reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})).content.decode()

    assert "Er staat geen gezin op de wachtlijst dat deze locatie koos." in html
