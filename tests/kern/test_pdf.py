"""PDF rendering: a template becomes HTML and a PDF that loads only the portal's own files."""

import base64
import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from kern import pdf
from kern.pdf import GeweigerdeBron, haal_bron_op, maak_url_fetcher, render_pdf
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory


def pagina_aantal(inhoud: bytes) -> int:
    """The number of pages of a PDF, as a PDF reader counts them."""
    return len(PdfReader(io.BytesIO(inhoud)).pages)


@pytest.mark.django_db
def test_de_gegevens_van_een_aanvraag_worden_een_pdf_met_paginas(huis):
    from loket.selectors.gezin import overzicht_voor_gezin

    locatie = OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf Het Nest")
    vraag = OpvangvraagFactory(
        huis=huis,
        voorkeuren=[locatie],
        kinderen=[{"voornaam": "Mila", "geboortedatum": timezone.localdate() - datetime.timedelta(days=30)}],
    )
    html, inhoud = render_pdf(
        "loket/gezin/gegevens_pdf.html", {**overzicht_voor_gezin(vraag), "gemaakt": timezone.localtime()}
    )
    assert "Mila" in html and "Kinderdagverblijf Het Nest" in html
    assert inhoud.startswith(b"%PDF")
    assert pagina_aantal(inhoud) >= 1
    # Tagged for a screen reader: structure, language and the title it announces.
    lezer = PdfReader(io.BytesIO(inhoud))
    catalogus = lezer.trailer["/Root"]
    assert catalogus["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalogus
    assert catalogus["/Lang"] == "nl-BE" and catalogus["/ViewerPreferences"]["/DisplayDocTitle"]
    assert lezer.metadata.title == f"Uw aanvraag voor kinderopvang – {huis.naam}"


def test_eigen_statische_bestanden_mogen():
    inhoud, soort = haal_bron_op(pdf.BASIS_URL + "static/css/portaal.css")
    assert soort == "text/css" and b".skiplink" in inhoud


def test_een_kleine_data_url_mag():
    url = "data:text/css;base64," + base64.b64encode(b"body { color: black; }").decode()
    assert haal_bron_op(url) == (b"body { color: black; }", "text/css")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/x.css",
        "https://example.org/static/css/portaal.css",
        pdf.BASIS_URL + "static/../../../etc/passwd",
        pdf.BASIS_URL + "static/%2e%2e/%2e%2e/etc/passwd",
        pdf.BASIS_URL + "media/logos/geheim.png",
        pdf.BASIS_URL + "static/bestaat/niet.css",
        "ftp://example.org/x.css",
        "data:text/css;base64," + "A" * (pdf.MAX_DATA_URL + 10),
    ],
)
def test_andere_bronnen_worden_geweigerd(url):
    with pytest.raises(GeweigerdeBron):
        haal_bron_op(url)


def test_de_weasyprint_fetcher_weigert_ook():
    fetcher = maak_url_fetcher()
    with pytest.raises(GeweigerdeBron, match="alleen statische bestanden"):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(GeweigerdeBron):
        fetcher.fetch("http://example.org/x.css")
    antwoord = fetcher.fetch(pdf.BASIS_URL + "static/css/portaal.css")
    assert b".skiplink" in antwoord.read()
