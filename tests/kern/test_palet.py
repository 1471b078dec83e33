"""One chart palette: the pages link it and every chart in a PDF carries the very same rules."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse

from kern.grafieken import staafdiagram
from kern.rapportage import grafiek_svg


def _regels(naam: str) -> list[str]:
    with open(finders.find(naam), encoding="utf-8") as bestand:
        tekst = re.sub(r"/\*.*?\*/", "", bestand.read(), flags=re.S)
    return [regel.strip() for regel in tekst.splitlines() if regel.strip()]


def test_een_grafiek_in_een_pdf_draagt_het_palet_van_de_paginas():
    diagram = staafdiagram(
        titel="Aandeel", reeksen=["Dit Huis", "Vlaanderen"], rijen=[("Gent", [40.0, 55.0])]
    )
    svg = str(grafiek_svg(diagram))
    palet = _regels("css/grafiek-palet.css")
    assert any("grafiek__staaf--0" in regel for regel in palet)
    for regel in palet:
        assert regel in svg


def test_de_paginas_laden_het_palet_en_de_paginastijl_herhaalt_het_niet(client, db):
    html = client.get(reverse("home")).content.decode()
    assert "css/grafiek-palet.css" in html
    with open(finders.find("css/portaal.css"), encoding="utf-8") as bestand:
        paginastijl = bestand.read()
    assert not re.search(r"\.grafiek__(staaf|deel)--\d\s*\{[^}]*fill", paginastijl)
