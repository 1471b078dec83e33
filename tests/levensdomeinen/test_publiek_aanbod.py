"""The public page of a Huis shows its offer, filterable by target group and life domain."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from huizen.models import Gemeente
from levensdomeinen.models import Doelgroep, Levensdomein
from tests.factories import HuisAanbodFactory, HuisFactory, LocatieFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent(referentiedata):
    return HuisFactory(
        naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")]
    )


def maak_aanbod(huis, titel, *, doelgroepen=("0-3",), domeinen=("sociale-cohesie",), **velden):
    velden.setdefault("planning", "doorlopend")
    return HuisAanbodFactory(
        huis=huis,
        titel=titel,
        doelgroepen=Doelgroep.objects.filter(code__in=doelgroepen),
        levensdomeinen=Levensdomein.objects.filter(code__in=domeinen),
        **velden,
    )


def pagina(client, **filter) -> str:
    antwoord = client.get("/huizen/gent/", filter)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def titels(html) -> list[str]:
    return re.findall(r'<h3 id="aanbod-\d+"[^>]*>(.*?)</h3>', html)


def test_de_huispagina_toont_het_aanbod_met_wanneer_waar_voor_wie_en_prijs(client, gent):
    gemeente = Gemeente.objects.get(nis="44021")
    locatie = LocatieFactory(huis=gent, naam="Huis Rabot", straat="Rabotstraat 12", gemeente=gemeente)
    partner = PartnerFactory(huis=gent, naam="Opvoedingswinkel Gent", soort="opvoedingswinkel")
    maak_aanbod(
        gent,
        "Babymassage",
        doelgroepen=("aanstaande-ouders", "0-3"),
        domeinen=("ouderschap-opvoedingsondersteuning",),
        planning="terugkerend",
        ritme="Elke woensdag van 10 tot 11 uur",
        locatie=locatie,
        organiserende_partner=partner,
        gratis=False,
        prijs="€ 5 per sessie",
        inschrijvingslink="https://inschrijven.test/babymassage",
    )
    maak_aanbod(gent, "Voorleesfeest", planning="eenmalig", datum=datetime.date(2099, 6, 17))

    html = pagina(client)

    assert titels(html) == ["Babymassage", "Voorleesfeest"]
    assert "Elke woensdag van 10 tot 11 uur" in html and "Huis Rabot, Rabotstraat 12, 9000 Gent" in html
    assert "Aanstaande ouders; Kinderen van 0 tot 3 jaar" in html
    assert "Ouderschap en opvoedingsondersteuning" in html and "€ 5 per sessie" in html
    assert "Opvoedingswinkel Gent" in html and "Gratis" in html
    assert "Op woensdag 17 juni 2099" in html
    assert 'href="https://inschrijven.test/babymassage"' in html
    assert 'Inschrijven <span class="visueel-verborgen">voor Babymassage</span>' in html


def test_voorbije_eenmalige_activiteiten_en_aanbod_van_een_ander_huis_staan_er_niet(client, gent):
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    maak_aanbod(gent, "Voorbij feest", planning="eenmalig", datum=gisteren)
    maak_aanbod(gent, "Vandaag feest", planning="eenmalig", datum=timezone.localdate())
    maak_aanbod(HuisFactory(slug="ander"), "Aanbod van een ander Huis")
    assert titels(pagina(client)) == ["Vandaag feest"]


def test_zonder_aanbod_zegt_de_pagina_dat_en_toont_geen_filter(client, gent):
    html = pagina(client)
    assert "Dit Huis heeft nog geen aanbod gepubliceerd." in html
    assert 'name="doelgroep"' not in html


def test_filteren_op_doelgroep_houdt_de_keuze_vast(client, gent):
    maak_aanbod(gent, "Babymassage", doelgroepen=("0-3",))
    maak_aanbod(gent, "Kleuterturnen", doelgroepen=("3-6",))
    maak_aanbod(gent, "Voor iedereen", doelgroepen=("0-3", "3-6", "6-12"))

    html = pagina(client, doelgroep="3-6")

    assert titels(html) == ["Kleuterturnen", "Voor iedereen"]
    assert re.search(r'<option value="3-6" selected>Kinderen van 3 tot 6 jaar</option>', html)
    assert "2 resultaten voor deze keuze." in html
    assert 'href="/huizen/gent/#aanbod">Toon al het aanbod</a>' in html
    assert 'action="/huizen/gent/#aanbod"' in html and 'method="get"' in html


def test_filteren_op_levensdomein_en_op_beide(client, gent):
    maak_aanbod(gent, "Huiswerkklas", doelgroepen=("6-12",), domeinen=("onderwijs",))
    maak_aanbod(gent, "Speelpleinwerking", doelgroepen=("6-12",), domeinen=("cultuur-sport-jeugd",))
    maak_aanbod(gent, "Peuterspeelpunt", doelgroepen=("0-3",), domeinen=("onderwijs", "sociale-cohesie"))

    assert titels(pagina(client, levensdomein="onderwijs")) == ["Huiswerkklas", "Peuterspeelpunt"]
    beide = pagina(client, levensdomein="onderwijs", doelgroep="0-3")
    assert titels(beide) == ["Peuterspeelpunt"]
    assert re.search(r'<option value="onderwijs" selected>Onderwijs</option>', beide)
    assert re.search(r'<option value="0-3" selected>', beide)


def test_een_keuze_zonder_aanbod_toont_een_lege_staat(client, gent):
    maak_aanbod(gent, "Babymassage", doelgroepen=("0-3",), domeinen=("sociale-cohesie",))
    html = pagina(client, doelgroep="12-18")
    assert titels(html) == []
    assert "Geen aanbod voor deze keuze." in html
    assert re.search(r'<option value="12-18" selected>', html)


def test_een_onbestaande_keuze_geeft_geen_fout_maar_al_het_aanbod(client, gent):
    maak_aanbod(gent, "Babymassage")
    html = pagina(client, doelgroep="bestaat-niet", levensdomein="<script>")
    assert titels(html) == ["Babymassage"]
    assert "<script>" not in html.split("<main")[1]


def test_het_aantal_queries_groeit_niet_met_het_aanbod(client, gent, django_assert_max_num_queries):
    gemeente = Gemeente.objects.get(nis="44021")
    partner = PartnerFactory(huis=gent, naam="CLB Gent")

    def voeg_toe(aantal, start):
        for n in range(start, start + aantal):
            locatie = LocatieFactory(huis=gent, naam=f"Plek {n}", straat="Straat 1", gemeente=gemeente)
            maak_aanbod(
                gent,
                f"Aanbod {n:03d}",
                doelgroepen=("0-3", "3-6"),
                domeinen=("onderwijs", "sociale-cohesie"),
                locatie=locatie,
                organiserende_partner=partner,
            )

    def meet() -> list[int]:
        metingen = []
        for filter in ({}, {"doelgroep": "0-3", "levensdomein": "onderwijs"}):
            cache.clear()  # the page as it is rendered, not as the cache answers it
            with django_assert_max_num_queries(30) as queries:
                pagina(client, **filter)
            metingen.append(len(queries.captured_queries))
        return metingen

    voeg_toe(1, 0)
    weinig = meet()
    voeg_toe(30, 1)
    assert meet() == weinig
    assert len(titels(pagina(client))) == 31
