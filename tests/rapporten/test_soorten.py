"""The Huis profile report and the council report: what their HTML holds, and that the PDF opens."""

import io
import re

import pytest
from pypdf import PdfReader

from bevraging.rapporten import sectie_bevraging
from huizen.rapporten import Gemeentebron
from kern.rapportage import Hoofdstuk, Sectie, register
from rapporten.models import Rapportsoort
from rapporten.soorten import maak_pdf, soort_van
from tests.factories import GemeenteFactory
from tests.kern.test_pdf import pagina_aantal

pytestmark = pytest.mark.django_db

DATUM = "2026-05-01"


def test_het_huisrapport_toont_het_huis_en_geen_ander_huis(huis, ander_huis):
    html, pdf = maak_pdf("huis", {"huis": huis.pk, "datum": DATUM})

    for eigen in [
        "Huis van het Kind Eigen",
        "Coördinator Eigen",
        "coordinator.eigen@huis.test",
        "CLB Eigen",
        "Locatie Eigen",
        "Babymassage Eigen",
        "Stuurgroep Eigen",
        "Reden Eigen",
        "Prioriteit Eigen",
        "Eigengem",
        "Woensdag",
        "09:00–12:00",
    ]:
        assert eigen in html, eigen
    assert "Ander" not in html
    assert pdf.startswith(b"%PDF")
    assert pagina_aantal(pdf) >= 2


def test_het_huisrapport_heeft_titelblad_inhoudstafel_en_hoofdstukken(huis):
    html, _ = maak_pdf("huis", {"huis": huis.pk, "datum": DATUM})

    assert 'class="titelblad"' in html and "1 mei 2026" in html
    hoofdstukken = re.findall(r'<section class="hoofdstuk" id="([\w-]+)">', html)
    assert hoofdstukken == [
        "algemeen",
        "werkingsgebied",
        "locaties",
        "partners",
        "structuur",
        "levensdomeinen",
        "aanbod",
        "zelfevaluatie",
    ]
    for anker in hoofdstukken:
        assert f'href="#{anker}"' in html  # the table of contents links every chapter
    assert "https://pdf.hvhk.invalid/static/css/rapport.css" in html


def test_elke_grafiek_heeft_een_tabel_met_dezelfde_cijfers(huis):
    html, _ = maak_pdf("huis", {"huis": huis.pk, "datum": DATUM})

    grafieken = re.findall(r'<div class="grafiek-met-tabel">.*?</table>', html, re.S)
    assert len(grafieken) == 3  # the Kind en Gezin partners, the life domains, the working principles
    for blok in grafieken:
        assert "<svg" in blok and "<style><![CDATA[" in blok and "<table>" in blok
    # the Huis scored its consultatiebureau 4; the chart's bar and the table both say 4,0
    assert "<title>Consultatiebureau: 4,0</title>" in grafieken[0]
    assert '<th scope="row">Consultatiebureau</th><td class="getal">4,0</td>' in grafieken[0]


def test_het_rapport_voor_de_gemeenteraad_in_eenvoudige_taal_zonder_persoonsgegevens(huis, gemeente):
    html, pdf = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})

    assert "In Eigengem werkt <strong>Huis van het Kind Eigen</strong>" in html
    assert "CLB Eigen" in html and "Locatie Eigen" in html and "Babymassage Eigen" in html
    # contact details of people stay out of a report that leaves the Huis
    for prive in [
        "coordinator.eigen@huis.test",
        "Coördinator Eigen",
        "Contactpersoon Eigen",
        "Prioriteit Eigen",
    ]:
        assert prive not in html, prive
    assert "1 coördinator" in html
    assert pdf.startswith(b"%PDF") and pagina_aantal(pdf) >= 2
    # A tagged PDF that a screen reader announces by its title and reads in Dutch, with bookmarks.
    lezer = PdfReader(io.BytesIO(pdf))
    catalogus = lezer.trailer["/Root"]
    assert catalogus["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalogus
    assert catalogus["/Lang"] == "nl-BE"
    assert lezer.metadata.title == "Rapport voor de gemeenteraad – Eigengem"
    assert lezer.outline, "the chapters are bookmarks"


def test_zonder_huis_laat_het_rapport_de_hoofdstukken_over_het_huis_weg(db):
    gemeente = GemeenteFactory(nis="99109", naam="Zonderhuis")

    html, pdf = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})

    assert "werkt er in Zonderhuis geen Huis van het Kind" in html
    assert re.findall(r'<section class="hoofdstuk" id="([\w-]+)">', html) == ["gemeente"]
    assert pdf.startswith(b"%PDF")


def test_de_hoofdstukken_over_bevraging_en_loket_komen_er_pas_met_hun_gegevens(huis, gemeente, monkeypatch):
    """A chapter function that returns nothing leaves no trace; one that returns a Sectie slots in."""
    bron_gezien = []

    def bevraging(bron: Gemeentebron):
        bron_gezien.append(bron)
        return Hoofdstuk(
            id="bevraging",
            titel="Bevraging",
            template="rapporten/pdf/secties/werkingsgebied.html",
            gegevens={"gemeenten": [], "datum": bron.datum},
        )

    html, _ = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})
    assert 'id="bevraging"' not in html and 'id="loket"' not in html

    sleutel = ("gemeenteraad", "bevraging")
    assert register.secties[sleutel].maak is sectie_bevraging
    monkeypatch.setitem(register.secties, sleutel, Sectie(*sleutel, bevraging))
    html, _ = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})
    assert 'href="#bevraging"' in html and bron_gezien[0].huisbron.huis == huis


def test_parameters_worden_gecontroleerd(huis):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        soort_van("huis").valideer({"huis": 999999})
    with pytest.raises(ValidationError):
        soort_van("gemeenteraad").valideer({"gemeente": "00000"})
    with pytest.raises(ValidationError, match="bestaat niet"):
        soort_van("bestaat_niet")
    assert (
        soort_van("huis").bestandsnaam({"huis": huis.pk, "datum": DATUM})
        == "profielrapport-eigen-2026-05-01.pdf"
    )


def test_elke_soort_is_aangemeld_met_al_haar_hoofdstukken():
    """Every kind of report is declared by an app, and every chapter of it by some app."""
    assert set(register.soorten) == set(Rapportsoort.values)
    for soort in register.soorten.values():
        assert [s.id for s in register.secties_van(soort)] == list(soort.hoofdstukken)
