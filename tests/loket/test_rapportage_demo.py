"""The reports on the loket's demo data: every figure adds up, nothing small leaves the loket, and
the pages render for the loket and for Opgroeien."""

import datetime

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from demo.loket import laad_loket_demodata
from huizen.models import Gemeente
from kern.cijfers import Periode
from kern.tenancy import Rol
from loket.cijfers import gegevens
from loket.models import Telwijziging
from loket.selectors import cijfers as loketcijfers
from tests.factories import HuisFactory, LidmaatschapFactory, UserFactory
from tests.loket.test_rapportage import assert_niets_terug_te_rekenen

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(referentiedata, django_capture_on_commit_callbacks):
    gent = HuisFactory(
        naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")]
    )
    lochristi = HuisFactory(
        naam="Huis van het Kind Lochristi en omstreken",
        slug="lochristi-en-omstreken",
        gemeenten=list(Gemeente.objects.filter(nis__in=["44013", "44087"])),
    )
    with django_capture_on_commit_callbacks(execute=True):
        laad_loket_demodata(wachtwoord="demo-wachtwoord", huizen=[gent, lochristi])
    return gent, lochristi


def assert_telt_op(cijfers: loketcijfers.Cijfers) -> None:
    for tabel in cijfers.tabellen.values():
        if tabel.rijsom:
            kolommen, totaal = tabel.rijsom
            for regel in tabel.regels:
                assert sum(regel.waarden[k].getal for k in kolommen) == regel.waarden[totaal].getal
        for k in tabel.kolomsom:
            assert sum(r.waarden[k].getal for r in tabel.regels[:-1]) == tabel.regels[-1].waarden[k].getal


def test_de_cijfers_van_de_demodata(demo):
    _gent, lochristi = demo
    cijfers = loketcijfers.cijfers_loket(lochristi)
    assert_telt_op(cijfers)
    assert cijfers.waarde("alle:totaal").getal > 20
    for tabel in loketcijfers.onderdruk(cijfers).tabellen.values():
        assert_niets_terug_te_rekenen(tabel)

    vlaanderen = loketcijfers.cijfers_vlaanderen()
    assert_telt_op(vlaanderen)
    loketten = vlaanderen.tabellen["loketten"]
    assert (
        loketten.waarde("Totaal", "Totaal").getal
        == vlaanderen.tabellen["gemeenten"].waarde("Totaal", "Totaal").getal
    )
    onderdrukt = loketcijfers.onderdruk(vlaanderen)
    for tabel in onderdrukt.tabellen.values():
        assert_niets_terug_te_rekenen(tabel)
        assert not any(w.is_klein and not w.verborgen for r in tabel.regels for w in r.waarden)
    # The loketten and their gemeenten, added up across the two tables, give nothing away either.
    rijen = {
        (naam, regel.id): regel
        for naam, tabel in onderdrukt.tabellen.items()
        for regel in tabel.regels
        if regel.id
    }
    for verband in vlaanderen.verbanden:
        verborgen = [rijen[(naam, rij)].waarden[k].verborgen for naam, rij, k, _teken in verband]
        assert sum(1 for v in verborgen if v) != 1, verband


def test_de_maandtellingen_van_de_demodata_zijn_die_van_de_aanvragen(demo):
    """The demo's requests went through every service (and their dates were moved afterwards):
    the figures read from the monthly counts are those counted from the requests themselves."""
    gent, lochristi = demo
    assert not Telwijziging.objects.exists()  # counted once each write committed
    vandaag = timezone.localdate()
    geteld = 0
    for periode in [
        Periode.laatste_12_maanden(),
        Periode(vandaag - datetime.timedelta(days=3 * 365), vandaag),
        Periode(vandaag.replace(day=1), vandaag),
    ]:
        for vragen in [Q(), Q(huis=gent), Q(huis=lochristi), Q(gemeente__nis="44013")]:
            uit_maanden = gegevens.lees_tellingen(vragen, Q(), periode, met_huizen=True)
            assert uit_maanden == gegevens.lees_tellingen(
                vragen, Q(), periode, met_huizen=True, maandtellingen=False
            )
            geteld += sum(sum(n.values()) for n in uit_maanden.per_loket_gemeente.values())
    assert geteld > 100


def test_de_paginas_op_de_demodata(demo, client):
    _gent, lochristi = demo
    client.force_login(LidmaatschapFactory(huis=lochristi, rol=Rol.LOKET).gebruiker)
    antwoord = client.get(reverse("loket:rapportage", kwargs={"huis_slug": lochristi.slug}))
    assert antwoord.status_code == 200
    assert "Lochristi" in antwoord.content.decode()
    client.force_login(UserFactory(opgroeien=True))
    antwoord = client.get(reverse("loket:rapportage_vlaanderen"), {"provincie": "Oost-Vlaanderen"})
    assert antwoord.status_code == 200
    assert "Huis van het Kind Gent" in antwoord.content.decode()
