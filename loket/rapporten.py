"""The loket's reports: the report of a Lokaal Loket Kinderopvang (`loket`, decree task 4) per loket
and period, and the loket chapter of the council report (`gemeenteraad`).

Figures always go through `loketcijfers.onderdruk` (small counts hidden): a report leaves the loket.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date
from django.utils.safestring import SafeString
from django.utils.text import slugify

from huizen.models import Huis
from kern.cijfers import MAXIMALE_PERIODE_JAREN, Periode
from kern.forms import PeriodeForm
from kern.rapportage import Hoofdstuk, Rapportkop, Rapportsoort, Sectie, grafiek_svg, register
from kern.tabellen import datumtekst
from loket.selectors import cijfers as loketcijfers

LOKET = "loket"
GEMEENTERAAD = "gemeenteraad"

# The tables of the council report's loket chapter, in order.
LOKET_TABELLEN_GEMEENTERAAD = ("doorlooptijden", "onvervulde-vraag", "leeftijdsgroep", "soort-opvang")
# Every table of the loket report (those a Cijfers has, in this order).
LOKET_TABELLEN = (
    "gemeenten",
    "leeftijdsgroep",
    "soort-opvang",
    "voorrang",
    "kwetsbaarheid",
    "doorlooptijden",
    "onvervulde-vraag",
    "voorkeuren",
)


@dataclass(frozen=True)
class Loketblok:
    """One table of the loket's figures with its chart (if it has one): the same numbers twice."""

    naam: str
    titel: str
    kolommen: tuple[str, ...]
    rijen: list[tuple[str, list[str]]]
    toelichting: str
    svg: SafeString | None


def loketblokken(cijfers: loketcijfers.Cijfers, namen) -> list[Loketblok]:
    """The tables `namen` of figures that were hidden (`loketcijfers.onderdruk`), with their charts."""
    if not cijfers.onderdrukt:
        raise ValueError("Een rapport toont alleen cijfers met verborgen kleine aantallen.")
    diagrammen = loketcijfers.grafieken(cijfers)
    blokken = []
    for naam in namen:
        tabel = cijfers.tabellen.get(naam)
        if tabel is None or not tabel.regels:
            continue
        als_tabel = tabel.als_tabel()
        diagram = diagrammen.get(naam)
        if naam == "doorlooptijden" and all(r.waarden[1].getal is None for r in tabel.regels):
            diagram = None  # no median anywhere (fewer than 5 values): an empty chart says nothing
        blokken.append(
            Loketblok(
                naam=naam,
                titel=tabel.titel,
                kolommen=tabel.kolommen,
                rijen=[(regel.label, [w.tekst for w in regel.waarden]) for regel in tabel.regels],
                toelichting=als_tabel.toelichting,
                svg=grafiek_svg(diagram) if diagram is not None else None,
            )
        )
    return blokken


# --- The loket chapter of the council report ----------------------------------------------------


def _in_woorden(waarde: loketcijfers.Waarde | None) -> str:
    """A (hidden) count as the text of a sentence: "minder dan 5", "een klein aantal"."""
    if waarde is None:
        return "–"
    if waarde.verborgen == loketcijfers.TEKEN_KLEIN:
        return "minder dan 5"
    if waarde.verborgen:
        return "een niet getoond aantal"
    return waarde.tekst


def _loketzinnen(cijfers, gemeente: str, periode: Periode, datum: datetime.date) -> list[str]:
    """The headline figures in plain language for a council."""
    w = cijfers.waarde
    wanneer = (
        "In de voorbije 12 maanden"
        if periode == Periode.laatste_12_maanden(datum)
        else f"Van {datumtekst(periode.van)} tot en met {datumtekst(periode.tot)}"
    )
    zinnen = [
        f"{wanneer} vroegen {_in_woorden(w('alle:totaal'))} gezinnen uit {gemeente} kinderopvang aan "
        "bij het Lokaal Loket Kinderopvang.",
        f"Van die aanvragen leidden er {_in_woorden(w('alle:geplaatst'))} tot een plaats in de "
        f"kinderopvang; {_in_woorden(w('alle:wacht'))} gezinnen wachten nog en "
        f"{_in_woorden(w('alle:afgesloten'))} aanvragen werden ingetrokken of verliepen.",
    ]
    mediaan, p90 = w("plaatsing:mediaan"), w("plaatsing:p90")
    if mediaan is not None and mediaan.getal is not None and not mediaan.verborgen:
        zin = f"De helft van de gezinnen met een plaats had die binnen {mediaan.tekst} dagen"
        if p90 is not None and p90.getal is not None and not p90.verborgen:
            zin += f", 9 op de 10 binnen {p90.tekst} dagen"
        zinnen.append(zin + " na hun aanvraag.")
    else:
        zinnen.append("Er zijn te weinig plaatsingen om een gewone wachttijd te tonen.")
    onvervuld = w("alle:onvervuld")
    if onvervuld is not None:
        zinnen.append(
            f"{_in_woorden(onvervuld).capitalize()} aanvragen wachten nog of verliepen zonder plaats: dat is "
            "de vraag naar kinderopvang die (nog) niet beantwoord is."
        )
    return zinnen


def sectie_loket(bron) -> Hoofdstuk | None:
    """The loket's figures for the families of the gemeente in the 12 months up to the report's
    date (requests, placements, waiting times, unmet demand), small counts hidden. Left out when
    no family of the gemeente asked anything. Reads the council report's source (`gemeente`,
    `datum`)."""
    periode = Periode.laatste_12_maanden(bron.datum)
    ruw = loketcijfers.cijfers_gemeente(bron.gemeente, periode)
    totaal = ruw.waarde("alle:totaal")
    if totaal is None or not totaal.getal:
        return None
    cijfers = loketcijfers.onderdruk(ruw)
    return Hoofdstuk(
        id="loket",
        titel="Kinderopvang: het Lokaal Loket",
        template="rapporten/pdf/secties/loket.html",
        gegevens={
            "gemeente": bron.gemeente,
            "periode": cijfers.periode,
            "laatste_12_maanden": True,
            "zinnen": _loketzinnen(cijfers, bron.gemeente.naam, periode, bron.datum),
            "blokken": loketblokken(cijfers, LOKET_TABELLEN_GEMEENTERAAD),
            "uitleg": loketcijfers.UITLEG_ONDERDRUKKING,
        },
    )


# --- Kind 3: the report of a loket ----------------------------------------------------------------
# The whole werkingsgebied with its per-gemeente table. There are no separate chapters per gemeente:
# their tables could be subtracted from the area's to recover a hidden small count. Per-gemeente
# detail is in the council reports.


@dataclass
class Loketbron:
    huis: Huis
    periode: Periode


def _periode(parameters: dict) -> Periode:
    van = parse_date(parameters["van"]) if isinstance(parameters.get("van"), str) else None
    tot = parse_date(parameters["tot"]) if isinstance(parameters.get("tot"), str) else None
    if van is None or tot is None:
        raise ValidationError({"van": "Geef een geldige periode (JJJJ-MM-DD)."})
    if tot < van:
        raise ValidationError({"tot": "Het einde van de periode ligt vóór het begin."})
    if (tot - van).days > 366 * MAXIMALE_PERIODE_JAREN:
        raise ValidationError({"van": "Kies een periode van hoogstens 5 jaar."})
    return Periode(van=van, tot=tot)


def _valideer(parameters: dict) -> dict:
    huis_id = parameters.get("huis")
    if not isinstance(huis_id, int) or not Huis.objects.filter(pk=huis_id).exists():
        raise ValidationError({"huis": "Dit Huis van het Kind bestaat niet."})
    standaard = Periode.laatste_12_maanden()
    schoon = {
        "huis": huis_id,
        "van": parameters.get("van") or standaard.van.isoformat(),
        "tot": parameters.get("tot") or standaard.tot.isoformat(),
    }
    _periode(schoon)
    return schoon


def _formulier(gegevens: Mapping) -> dict:
    """The period the loket's figures page posted (empty: the last 12 months)."""
    form = PeriodeForm(gegevens)
    if not form.is_valid():
        raise ValidationError("Kies een geldige periode voor het rapport.")
    periode = form.periode()
    return {"van": periode.van.isoformat(), "tot": periode.tot.isoformat()}


def _titel(parameters: dict) -> str:
    huis = Huis.objects.get(pk=parameters["huis"])
    return f"Rapport Lokaal Loket Kinderopvang {huis.naam} ({_periode(parameters)})"


def _bestandsnaam(parameters: dict) -> str:
    huis = Huis.objects.get(pk=parameters["huis"])
    periode = _periode(parameters)
    return f"loketrapport-{slugify(huis.slug)[:70]}-{periode.van:%Y-%m-%d}-{periode.tot:%Y-%m-%d}.pdf"


def _bron(parameters: dict) -> Loketbron:
    return Loketbron(huis=Huis.objects.get(pk=parameters["huis"]), periode=_periode(parameters))


def sectie_werkingsgebied(bron: Loketbron) -> Hoofdstuk:
    cijfers = loketcijfers.cijfers_loket(bron.huis, bron.periode, onderdrukt=True)
    return Hoofdstuk(
        id="werkingsgebied",
        titel="Het hele werkingsgebied",
        template="rapporten/pdf/secties/loketcijfers.html",
        gegevens={
            "inleiding": f"Alle aanvragen bij het loket van {bron.huis.naam}, ingediend van {bron.periode}.",
            "kerncijfers": [(label, w.tekst) for label, w in cijfers.kerncijfers],
            "blokken": loketblokken(cijfers, LOKET_TABELLEN),
            "uitleg": loketcijfers.UITLEG_ONDERDRUKKING,
        },
    )


def _context(bron: Loketbron) -> dict:
    return {
        "rapport": Rapportkop(
            soort="Rapport van het Lokaal Loket Kinderopvang",
            titel=bron.huis.naam,
            ondertitel=f"Opvangvragen, plaatsingen en wachttijden van {bron.periode}",
            datum=bron.periode.tot,
            doelpubliek="Voor de gemeenteraden, de organisatoren en Opgroeien (decreet, taak 4)",
        ),
        "periode": bron.periode,
    }


register.registreer(
    Rapportsoort(
        code=LOKET,
        template="rapporten/pdf/loket.html",
        hoofdstukken=("werkingsgebied",),
        valideer=_valideer,
        titel=_titel,
        bestandsnaam=_bestandsnaam,
        bron=_bron,
        context=_context,
        formulier=_formulier,
    ),
    Sectie(LOKET, "werkingsgebied", sectie_werkingsgebied),
    Sectie(GEMEENTERAAD, "loket", sectie_loket),
)
