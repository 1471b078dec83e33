"""Maps in the PDF reports: the council report shows its gemeente on the map of its provincie, the
Flemish survey report the coverage of Flanders. WeasyPrint draws the inline SVG: the legend's text
ends up as text of the PDF."""

import datetime
import html
import io
import json
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bevraging.models import Golfstatus
from bevraging.services import laad_vragenlijst, leg_golfkenmerken_vast
from huizen.models import Gemeente
from huizen.services import KAART, REFERENTIEDATA
from rapporten.soorten import maak_pdf
from tests.bevraging.conftest import kleine_inhoud
from tests.factories import GolfFactory, HuisFactory, LocatieFactory
from tests.rapporten.test_inhoud import JA_NEE, SCORE, beantwoord

pytestmark = pytest.mark.django_db

VLAK = re.compile(
    r'<g class="kaartvlak kaartvlak--(?P<klasse>[\w-]+)"><title>(?P<titel>[^<]+)</title><path d="M'
)


def pdftekst(pdf: bytes) -> str:
    return " ".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages)


def test_gemeenteraadsrapport_toont_de_gemeente_op_de_kaart_van_haar_provincie(referentiedata):
    gent = Gemeente.objects.get(nis="44021")
    HuisFactory(naam="Huis van het Kind Gent", gemeenten=[gent])
    html, pdf = maak_pdf("gemeenteraad", {"gemeente": "44021", "datum": "2026-05-01"})

    assert 'role="img" aria-label="Gent op de kaart van Oost-Vlaanderen"' in html
    vlakken = VLAK.findall(html)
    oost_vlaanderen = Gemeente.objects.huidig().filter(provincie="Oost-Vlaanderen").count()
    assert len(vlakken) == oost_vlaanderen
    assert [titel for klasse, titel in vlakken if klasse == "gemarkeerd"] == ["Gent"]
    assert "Antwerpen" not in {titel for _klasse, titel in vlakken}
    tekst = pdftekst(pdf)
    assert "Andere gemeenten van Oost-Vlaanderen" in tekst  # the legend, drawn from the SVG
    assert "Gent is in het geel aangeduid" in tekst


def test_gemeenteraadsrapport_brussel_toont_het_gewest(referentiedata):
    html, _pdf = maak_pdf("gemeenteraad", {"gemeente": "21004", "datum": "2026-05-01"})  # Brussel
    vlakken = VLAK.findall(html)
    assert len(vlakken) == 19
    assert [titel for klasse, titel in vlakken if klasse == "gemarkeerd"] == ["Brussel"]


def test_vlaams_bevragingsrapport_toont_de_dekking_op_de_kaart(referentiedata, opgroeien_medewerker):
    HuisFactory(naam="Huis van het Kind Gent", gemeenten=[Gemeente.objects.get(nis="44021")])
    afgesloten = GolfFactory(status=Golfstatus.AFGESLOTEN)
    html, pdf = maak_pdf("opgroeien_bevraging", {"golf": afgesloten.pk, "door": opgroeien_medewerker.pk})

    assert re.findall(r'<section class="hoofdstuk" id="([\w-]+)">', html)[0] == "dekking"
    vlakken = VLAK.findall(html)
    assert len(vlakken) == Gemeente.objects.huidig().count()
    assert {klasse for klasse, _titel in vlakken} == {"gemeentelijk", "zonder"}
    assert "Gent: Huis van het Kind Gent" in html
    assert "Geen Huis van het Kind (" in pdftekst(pdf)


def test_bevragingskaart_toont_het_antwoord_van_elk_huis_op_zijn_gemeenten(referentiedata, opgroeien_client):
    golf = GolfFactory(jaar=2031, naam="Bevraging 2031")
    laad_vragenlijst(golf=golf, inhoud=kleine_inhoud())
    gent = HuisFactory(naam="Huis van het Kind Gent", gemeenten=[Gemeente.objects.get(nis="44021")])
    waasland = HuisFactory(
        naam="Huis van het Kind Waasland",
        gemeenten=[Gemeente.objects.get(nis="46030"), Gemeente.objects.get(nis="46021")],
    )
    beantwoord(golf, gent, {SCORE: 4, JA_NEE: "ja"})
    beantwoord(golf, waasland, {SCORE: 2, JA_NEE: "nee"})
    for sleutel, gent_tekst, waasland_tekst in ((SCORE, "4", "2"), (JA_NEE, "ja", "nee")):
        antwoord = opgroeien_client.get(
            reverse("opgroeien_kaarten"), {"indicator": "bevraging", "vraag": f"{golf.pk}:{sleutel}"}
        )
        inhoud = html.unescape(antwoord.content.decode())
        vlakken = dict(
            re.findall(
                r'<a class="kaartvlak kaartvlak--[\w-]+" href="[^"]+"><title>([^:<]+): ([^<]+)</title>',
                inhoud,
            )
        )
        assert len(vlakken) == Gemeente.objects.huidig().count()
        assert vlakken["Gent"].startswith(gent_tekst)
        assert vlakken["Sint-Niklaas"].startswith(waasland_tekst)
        assert vlakken["Beveren-Kruibeke-Zwijndrecht"] == vlakken["Sint-Niklaas"]
        assert vlakken["Antwerpen"] == "geen gegevens"
        assert "Bevraging 2031 heeft nog geen einde: de kaart toont de gemeenten zoals ze zijn op " in inhoud
        assert "gemeenten van vandaag" not in inhoud
    antwoord = opgroeien_client.get(
        reverse("opgroeien_kaarten"), {"indicator": "bevraging", "vraag": "999:x"}
    )
    assert antwoord.status_code == 200
    assert "Kies een van de mogelijkheden uit de lijst." in antwoord.content.decode()


def test_bevragingskaart_van_2022_tekent_de_gemeenten_van_toen(referentiedata, opgroeien_client):
    """A 2022 wave is drawn on the 300 + 19 gemeenten of the map of 2019-2024: old Lokeren and
    Moerbeke each their own area with the 2022 answer of their Huis, not today's merged Lokeren."""
    golf_2022 = GolfFactory(jaar=2023, naam="Proefbevraging 2022", eind=datetime.date(2022, 6, 30))
    laad_vragenlijst(golf=golf_2022, inhoud=kleine_inhoud())
    later = GolfFactory(jaar=2031, naam="Bevraging 2031")
    laad_vragenlijst(golf=later, inhoud=kleine_inhoud())
    lokeren, moerbeke = Gemeente.objects.get(nis="46014"), Gemeente.objects.get(nis="44045")
    durme = HuisFactory(naam="Huis van het Kind Durme", gemeenten=[lokeren, moerbeke])
    gent = HuisFactory(naam="Huis van het Kind Gent", gemeenten=[Gemeente.objects.get(nis="44021")])
    beantwoord(golf_2022, durme, {SCORE: 3})
    beantwoord(golf_2022, gent, {SCORE: 5})
    beantwoord(later, durme, {SCORE: 1})

    antwoord = opgroeien_client.get(
        reverse("opgroeien_kaarten"), {"indicator": "bevraging", "vraag": f"{golf_2022.pk}:{SCORE}"}
    )
    inhoud = html.unescape(antwoord.content.decode())
    vlakken = re.findall(
        r'<a class="kaartvlak kaartvlak--[\w-]+" href="[^"]+"><title>([^:<]+): ([^<]+)</title>', inhoud
    )
    topologie = json.loads((REFERENTIEDATA / KAART).read_text(encoding="utf-8"))
    assert len(vlakken) == len(topologie["objects"]["gemeenten"]["geometries"]) == 300 + 19
    namen = [naam for naam, _tekst in vlakken]
    assert namen.count("Lokeren") == 1 and "Moerbeke" in namen  # the Lokeren of 2022, not today's
    per_naam = dict(vlakken)
    assert per_naam["Lokeren"].startswith("3") and per_naam["Moerbeke"].startswith("3")
    assert per_naam["Gent"].startswith("5")
    assert per_naam["Antwerpen"] == "geen gegevens"
    assert "De kaart toont de gemeenten zoals ze waren op 30 juni 2022" in inhoud
    # old Lokeren links where today's Lokeren does (the list of Huizen of today's gemeente)
    links = re.findall(r'<a class="kaartvlak kaartvlak--[\w-]+" href="([^"]+)"><title>([^:<]+):', inhoud)
    assert {naam: url for url, naam in links}["Lokeren"] == "/huizen/?gemeente=46029"
    assert "gemeenten van vandaag" not in inhoud


def test_vlaams_bevragingsrapport_toont_fysieke_locatie_en_werking_op_de_gemeenten_van_de_golf(
    referentiedata, opgroeien_medewerker
):
    golf = GolfFactory(
        jaar=2023, naam="Proefbevraging 2022", eind=datetime.date(2022, 6, 30), status=Golfstatus.AFGESLOTEN
    )
    laad_vragenlijst(golf=golf, inhoud=kleine_inhoud())
    lokeren, moerbeke = Gemeente.objects.get(nis="46014"), Gemeente.objects.get(nis="44045")
    durme = HuisFactory(naam="Huis van het Kind Durme", gemeenten=[lokeren, moerbeke])
    gent = HuisFactory(naam="Huis van het Kind Gent", gemeenten=[Gemeente.objects.get(nis="44021")])
    LocatieFactory(huis=gent, gemeente=Gemeente.objects.get(nis="44021"))
    beantwoord(golf, durme, {SCORE: 3})
    beantwoord(golf, gent, {SCORE: 5})
    html_, pdf = maak_pdf("opgroeien_bevraging", {"golf": golf.pk, "door": opgroeien_medewerker.pk})

    hoofdstukken = re.findall(r'<section class="hoofdstuk" id="([\w-]+)">', html_)
    assert hoofdstukken[:2] == ["dekking", "golfkaarten"]
    golfkaarten = html_[html_.index('id="golfkaarten"') :]
    golfkaarten = golfkaarten[: golfkaarten.index("</section>")]
    kaarten = golfkaarten.split("<svg")[1:]
    kaartvlakken = [VLAK.findall(k) for k in kaarten if VLAK.search(k)]
    assert len(kaartvlakken) == 2
    for vlakken in kaartvlakken:
        assert len(vlakken) == 300 + 19  # the gemeenten of 30 June 2022
        assert sum(1 for _klasse, titel in vlakken if titel.startswith("Lokeren:")) == 1
    fysiek = {titel.split(":")[0]: titel for _klasse, titel in kaartvlakken[0]}
    assert fysiek["Gent"] == "Gent: Met een of meer fysieke locaties"
    assert fysiek["Moerbeke"] == "Moerbeke: Zonder fysieke locatie of plan"
    werking = {titel.split(":")[0]: titel for _klasse, titel in kaartvlakken[1]}
    assert werking["Lokeren"] == "Lokeren: Intergemeentelijk Huis"
    assert werking["Gent"] == "Gent: Gemeentelijk Huis"
    assert werking["Antwerpen"] == "Antwerpen: geen gegevens"
    assert "getekend zoals de gemeenten waren op 30 juni 2022" in golfkaarten
    tabel = html.unescape(golfkaarten)
    assert re.search(r"Intergemeentelijk Huis</th><td[^>]*>1</td><td[^>]*>2</td>", tabel)

    tekst = pdftekst(pdf)
    for legende in (
        "Met een of meer fysieke locaties",
        "Zonder fysieke locatie, gepland",
        "Intergemeentelijk Huis",
    ):
        assert legende in tekst


def test_een_afgesloten_golf_zonder_einde_tekent_de_dag_waarop_ze_haar_huizen_vastlegde(
    referentiedata, opgroeien_client
):
    golf = GolfFactory(jaar=2023, naam="Proefbevraging 2022", status=Golfstatus.AFGESLOTEN)
    laad_vragenlijst(golf=golf, inhoud=kleine_inhoud())
    lokeren = Gemeente.objects.get(nis="46014")
    beantwoord(golf, HuisFactory(naam="Huis van het Kind Lokeren", gemeenten=[lokeren]), {SCORE: 4})
    leg_golfkenmerken_vast(golf=golf, peildatum=datetime.date(2022, 6, 30))

    antwoord = opgroeien_client.get(
        reverse("opgroeien_kaarten"), {"indicator": "bevraging", "vraag": f"{golf.pk}:{SCORE}"}
    )
    inhoud = html.unescape(antwoord.content.decode())
    vlakken = dict(
        re.findall(
            r'<a class="kaartvlak kaartvlak--[\w-]+" href="[^"]+"><title>([^:<]+): ([^<]+)</title>', inhoud
        )
    )
    assert len(vlakken) == 300 + 19  # the gemeenten of 30 June 2022, not of today
    assert vlakken["Lokeren"].startswith("4")
    assert "De kaart toont de gemeenten zoals ze waren op 30 juni 2022" in inhoud
