"""What a PDF report is made of, so that every app can declare its own reports and chapters.

A kind of report (`Rapportsoort`) is declared by the app that owns its subject: its parameters,
title, file name, template, the source its chapters read (`bron`) and the ordered ids of its
chapters (`hoofdstukken`). A chapter (`Sectie`) is declared by the app whose figures it shows, for
one kind; its function builds a `Hoofdstuk` (or a list of them, or None to leave it out: no
placeholder text in a PDF) from the kind's source. So the council report holds chapters of huizen,
levensdomeinen, bevraging and loket without any of them importing another.

Apps declare both in their own `<app>/rapporten.py` with `register.registreer(...)`; the rapporten
app finds those modules (`autodiscover_modules("rapporten")`) and makes the reports.

Charts are the dashboards' own SVG (kern.grafieken + templates/grafieken/), embedded inline with
their colours inside the SVG (WeasyPrint does not apply the page's stylesheet inside an inline
SVG); every chart is followed by a table with its numbers.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.core.cache import cache as django_cache
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kern.cijfers import afronden
from kern.grafieken import STAAFBREEDTE, GestapeldDiagram, Staafdiagram, staafdiagram
from kern.kaart import Kaart
from kern.pdf import statische_url
from kern.tabellen import getal

STIJL = "css/rapport.css"
# The chart colours shared with the pages, and the type and lines of a chart in print.
GRAFIEKSTIJLEN = ("css/grafiek-palet.css", "css/rapport-grafiek.css")
# Averages over all Huizen change slowly; a batch of 300 reports computes them once.
GEMIDDELDEN_CACHE_SECONDEN = 10 * 60


# --- The pieces of a report -------------------------------------------------------------------


@dataclass(frozen=True)
class Hoofdstuk:
    """One chapter as made: an anchor id, a title for the heading and the contents, its partial."""

    id: str
    titel: str
    template: str
    gegevens: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rapportkop:
    """The title page."""

    soort: str
    titel: str
    ondertitel: str
    datum: datetime.date
    doelpubliek: str = ""
    stylesheet: str = field(default_factory=lambda: statische_url(STIJL))


@dataclass(frozen=True)
class Opdracht:
    """One report to make: its checked parameters, its title and its file name."""

    parameters: dict
    titel: str
    bestandsnaam: str


@dataclass(frozen=True)
class Rapportsoort:
    """A kind of report.

    `bron(parameters)` gathers what the chapters read; `context(bron)` gives the template's
    context apart from the chapters (the title page under "rapport", and what the template shows
    besides); `hoofdstukken` are the ids of its chapters in order, each declared by a `Sectie`.
    `formulier(gegevens)` reads the parameters a page posted (ValidationError when they are
    wrong); `voor_gemeente(gemeente, datum)` gives the report of one gemeente of a batch without
    further queries. Both only for the kinds started that way.
    """

    code: str
    template: str
    hoofdstukken: tuple[str, ...]
    valideer: Callable[[dict], dict]
    titel: Callable[[dict], str]
    bestandsnaam: Callable[[dict], str]
    bron: Callable[[dict], Any]
    context: Callable[[Any], dict]
    formulier: Callable[[Mapping], dict] | None = None
    voor_gemeente: Callable[[Any, datetime.date], Opdracht] | None = None


@dataclass(frozen=True)
class Sectie:
    """A chapter of the kind `soort` with the id `id` (one of the kind's `hoofdstukken`): `maak`
    builds it from the kind's source, as a Hoofdstuk, a list of them, or None (left out)."""

    soort: str
    id: str
    maak: Callable[[Any], Hoofdstuk | list[Hoofdstuk] | None]


class Register:
    """The kinds of report and their chapters, as the apps declared them."""

    def __init__(self):
        self.soorten: dict[str, Rapportsoort] = {}
        self.secties: dict[tuple[str, str], Sectie] = {}

    def registreer(self, *declaraties: Rapportsoort | Sectie) -> None:
        for declaratie in declaraties:
            if isinstance(declaratie, Rapportsoort):
                plaats, sleutel = self.soorten, declaratie.code
            else:
                plaats, sleutel = self.secties, (declaratie.soort, declaratie.id)
            if sleutel in plaats:
                raise ImproperlyConfigured(f"Het rapportonderdeel {sleutel} is twee keer aangemeld.")
            plaats[sleutel] = declaratie

    def secties_van(self, soort: Rapportsoort) -> list[Sectie]:
        """The chapters of `soort` in its order; every one of them must be declared."""
        ontbreekt = [id for id in soort.hoofdstukken if (soort.code, id) not in self.secties]
        if ontbreekt:
            raise ImproperlyConfigured(
                f"Geen app levert de hoofdstukken {', '.join(ontbreekt)} van het rapport {soort.code}."
            )
        return [self.secties[(soort.code, id)] for id in soort.hoofdstukken]


register = Register()


def over_het_huis(maak: Callable[[Any], Hoofdstuk | None]) -> Callable[[Any], Hoofdstuk | None]:
    """A chapter about the Huis in a report about a gemeente (a source with `huisbron`, the source
    of a Huis report, or None): left out when no Huis works in the gemeente."""

    def sectie(bron) -> Hoofdstuk | None:
        return maak(bron.huisbron) if bron.huisbron is not None else None

    sectie.__name__ = maak.__name__
    return sectie


def zonder_herhaling(voor: str, naam: str) -> str:
    """`voor` followed by `naam`, without saying a word twice where they meet: "bevraging" +
    "Bevraging 2022" is "bevraging 2022", "bevraging" + "Najaar 2031" is "bevraging Najaar 2031"."""
    laatste = voor.split()[-1].casefold() if voor.split() else ""
    woorden = naam.split()
    if laatste and woorden and woorden[0].casefold() == laatste:
        woorden = woorden[1:]
    return " ".join([voor, *woorden]).strip()


def gecachet(sleutel: str, maak: Callable):
    """A figure over all Huizen, computed once for a batch of reports."""
    return django_cache.get_or_set(f"rapporten:{sleutel}", maak, GEMIDDELDEN_CACHE_SECONDEN)


# --- Charts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grafiek:
    """A chart as inline SVG plus the table of its numbers (caption, column heads, rows)."""

    svg: SafeString
    titel: str
    kop: str
    reeksen: list[str]
    rijen: list[tuple[str, list[str]]]
    toelichting: str = ""


@cache
def _grafiekstijl() -> str:
    """The chart stylesheets without comments (inside an SVG it is markup, not raw text)."""
    delen = []
    for naam in GRAFIEKSTIJLEN:
        with open(finders.find(naam), encoding="utf-8") as bestand:
            delen.append(re.sub(r"/\*.*?\*/", "", bestand.read(), flags=re.S).strip())
    return "\n".join(delen)


SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")


def grafiek_svg(grafiek: Staafdiagram | GestapeldDiagram) -> SafeString:
    """The dashboards' chart template, with the chart colours inside the SVG for WeasyPrint."""
    template = (
        "grafieken/gestapeld.html" if isinstance(grafiek, GestapeldDiagram) else "grafieken/staafdiagram.html"
    )
    return _met_stijl(render_to_string(template, {"grafiek": grafiek}))


def _met_stijl(html: str) -> SafeString:
    stijl = f"<style><![CDATA[{_grafiekstijl()}]]></style>"
    # Safe: the templates escape every value and the stylesheet is a static file of the portal.
    return mark_safe(SVG_OPEN.sub(lambda m: m.group(1) + stijl, html, count=1))  # nosec B308 B703


def kaart_svg(kaart: Kaart) -> SafeString:
    """A map (kern.kaart) for a PDF: the areas without links, role="img" with the map's title as
    label, its colours inside the SVG; the same facts belong in a table beside it."""
    return _met_stijl(render_to_string("kaart/kaart.html", {"kaart": kaart, "statisch": True}))


def legende_svg(kaart: Kaart) -> SafeString:
    """The legend of a map for a PDF: a swatch and a label per class, as one small SVG."""
    return _met_stijl(render_to_string("kaart/legende.html", {"kaart": kaart}))


def _score(waarde: float | None) -> str:
    return "–" if waarde is None else getal(waarde, 1)


def _afgerond(waarde: float | None) -> float | None:
    """Rounded half up to one decimal, so the chart and the table show the same figure."""
    return None if waarde is None else float(afronden(waarde, 1))


def _scoreschaal(grafiek: Staafdiagram) -> Staafdiagram:
    """Scale marks at the whole scores 0 to 5."""
    return replace(
        grafiek,
        schaal=[(grafiek.labelbreedte + round(STAAFBREEDTE * s / 5), str(s)) for s in range(6)],
    )


def scoregrafiek(*, titel: str, kop: str, reeksen: list[str], rijen, toelichting: str = "") -> Grafiek:
    """A bar chart of scores 1 to 5 per row and series, with the same numbers as a table."""
    rijen = [(label, [_afgerond(w) for w in waarden]) for label, waarden in rijen]
    diagram = _scoreschaal(
        staafdiagram(titel=titel, reeksen=reeksen, rijen=rijen, maximum=5, eenheid="", decimalen=1)
    )
    return Grafiek(
        svg=grafiek_svg(diagram),
        titel=titel,
        kop=kop,
        reeksen=reeksen,
        rijen=[(label, [_score(w) for w in waarden]) for label, waarden in rijen],
        toelichting=toelichting,
    )
