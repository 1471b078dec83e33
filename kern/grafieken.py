"""Server-rendered SVG charts, the same on a dashboard and in a PDF.

A chart is computed here (positions in pixels, labels formatted) and drawn by
templates/grafieken/staafdiagram.html, which only prints the numbers: no script, no inline style
(the Content-Security-Policy forbids both). Colours come from CSS classes per series. A chart is
decoration for sighted readers: every page shows the same numbers in a table beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kern.tabellen import getal

LABELBREEDTE = 230
STAAFBREEDTE = 360
STAAFHOOGTE = 14
TUSSENRUIMTE = 10
LEGENDEHOOGTE = 24


@dataclass(frozen=True)
class Staaf:
    x: int
    y: int
    breedte: int
    hoogte: int
    reeks: int
    tekst: str


@dataclass(frozen=True)
class Rij:
    label: str
    y: int
    staven: list[Staaf]


@dataclass(frozen=True)
class Staafdiagram:
    titel: str
    reeksen: list[str]
    rijen: list[Rij]
    breedte: int
    hoogte: int
    schaal: list[tuple[int, str]]
    labelbreedte: int = LABELBREEDTE


SCHAALDELEN = 4


def _mooie_schaal(grootste: float, geheel: bool) -> float:
    """The end of a scale of SCHAALDELEN equal steps that covers `grootste`, each step a round
    number (1, 2, 2,5 or 5 times a power of ten: 0-50-100-150-200, never 0-49,4-98,8); for whole
    quantities (days, families) every step is a whole number."""
    ruw = grootste / SCHAALDELEN
    macht = 10 ** math.floor(math.log10(ruw))
    for factor in (1, 2, 2.5, 5, 10):
        stap = factor * macht
        if geheel and (stap < 1 or stap != int(stap)):
            continue
        if stap >= ruw * (1 - 1e-9):
            return stap * SCHAALDELEN
    return 10 * macht * SCHAALDELEN


def _schaaltekst(waarde: float, eenheid: str) -> str:
    """A scale label with as few decimals as it needs: 0, 1,25, 2,5, 100 %."""
    decimalen = next(d for d in (0, 1, 2) if round(waarde, d) == round(waarde, 2))
    return _tekst(waarde, eenheid, decimalen)


def _tekst(waarde: float | None, eenheid: str, decimalen: int) -> str:
    if waarde is None:
        return "–"
    return f"{getal(waarde, decimalen)} {eenheid}".strip()


def staafdiagram(
    *,
    titel: str,
    reeksen: list[str],
    rijen: list[tuple[str, list[float | None]]],
    maximum: float | None = None,
    eenheid: str = "%",
    decimalen: int = 1,
) -> Staafdiagram:
    """A horizontal bar chart with one group of bars per row and one bar per series.

    `rijen` holds (label, [value per series]); a missing value (None) draws no bar but keeps its
    place. The scale runs from 0 to `maximum` (default: the largest value).
    """
    waarden = [w for _, rij in rijen for w in rij if w is not None]
    maximum = maximum or _mooie_schaal(max(waarden, default=0) or 1, geheel=decimalen == 0)
    per_rij = len(reeksen) * STAAFHOOGTE + TUSSENRUIMTE
    getekend = []
    for i, (label, rij) in enumerate(rijen):
        y = LEGENDEHOOGTE + i * per_rij
        staven = [
            Staaf(
                x=LABELBREEDTE,
                y=y + r * STAAFHOOGTE,
                breedte=round(STAAFBREEDTE * max(0.0, min(waarde, maximum)) / maximum),
                hoogte=STAAFHOOGTE - 2,
                reeks=r,
                tekst=_tekst(waarde, eenheid, decimalen),
            )
            for r, waarde in enumerate(rij)
            if waarde is not None
        ]
        getekend.append(Rij(label=label, y=y + (len(reeksen) * STAAFHOOGTE) // 2, staven=staven))
    schaal = [
        (
            LABELBREEDTE + round(STAAFBREEDTE * deel / SCHAALDELEN),
            _schaaltekst(maximum * deel / SCHAALDELEN, eenheid),
        )
        for deel in range(SCHAALDELEN + 1)
    ]
    return Staafdiagram(
        titel=titel,
        reeksen=reeksen,
        rijen=getekend,
        breedte=LABELBREEDTE + STAAFBREEDTE + 70,
        hoogte=LEGENDEHOOGTE + len(rijen) * per_rij + 20,
        schaal=schaal,
    )


# --- 100 % stacked bars ----------------------------------------------------------------------

DEELBREEDTE = 400  # the width of a whole (100 %) bar
DEELHOOGTE = 20
DEELRUIMTE = 8
LEGENDE_PER_REGEL = 4
LEGENDESTAP = 170
LEGENDEREGEL = 18
MINIMALE_TEKSTBREEDTE = 44  # a part narrower than this shows its number only in its <title>


@dataclass(frozen=True)
class Deel:
    x: int
    y: int
    breedte: int
    hoogte: int
    reeks: int
    naam: str  # the series
    tekst: str
    toon_tekst: bool

    @property
    def midden(self) -> int:
        return self.x + self.breedte // 2


@dataclass(frozen=True)
class GestapeldeRij:
    label: str
    y: int
    delen: list[Deel]
    notitie: str


@dataclass(frozen=True)
class GestapeldDiagram:
    titel: str
    reeksen: list[str]
    legende: list[tuple[int, int, int, str]]  # (x, y, series, label)
    rijen: list[GestapeldeRij]
    breedte: int
    hoogte: int
    schaal: list[tuple[int, str]]
    bovenrand: int
    palet: str = ""
    labelbreedte: int = LABELBREEDTE
    staafbreedte: int = DEELBREEDTE


def gestapeld_diagram(
    *,
    titel: str,
    reeksen: list[str],
    rijen: list[tuple[str, list[float | None]]],
    notities: list[str] | None = None,
    eenheid: str = "%",
    decimalen: int = 1,
    palet: str = "",
) -> GestapeldDiagram:
    """A 100 % stacked horizontal bar per row, e.g. the % of score 1-2, 3 and 4-5 per group.

    `rijen` holds (label, [value per series]); the parts of a row are drawn as shares of the row's
    total (so percentages that add up to 99,99 still fill the bar) and labelled with the value
    itself. A row without values draws no bar. `notities` is a short text after each bar (e.g.
    "n = 127"); `palet` names a set of colours in the stylesheet (e.g. "score": red, grey, green).
    """
    notities = notities or [""] * len(rijen)
    regels = (len(reeksen) + LEGENDE_PER_REGEL - 1) // LEGENDE_PER_REGEL
    legende = [
        (
            (r % LEGENDE_PER_REGEL) * LEGENDESTAP,
            4 + (r // LEGENDE_PER_REGEL) * LEGENDEREGEL,
            r,
            reeks,
        )
        for r, reeks in enumerate(reeksen)
    ]
    bovenrand = regels * LEGENDEREGEL + 10
    per_rij = DEELHOOGTE + DEELRUIMTE
    getekend = []
    for i, (label, waarden) in enumerate(rijen):
        y = bovenrand + i * per_rij
        totaal = sum(w for w in waarden if w is not None and w > 0)
        delen = []
        voor = 0.0
        for r, waarde in enumerate(waarden):
            if waarde is None or waarde <= 0 or not totaal:
                continue
            begin = round(DEELBREEDTE * voor / totaal)
            voor += waarde
            eind = round(DEELBREEDTE * voor / totaal)
            delen.append(
                Deel(
                    x=LABELBREEDTE + begin,
                    y=y,
                    breedte=eind - begin,
                    hoogte=DEELHOOGTE,
                    reeks=r,
                    naam=reeksen[r] if r < len(reeksen) else "",
                    tekst=_tekst(waarde, eenheid, decimalen),
                    toon_tekst=eind - begin >= MINIMALE_TEKSTBREEDTE,
                )
            )
        notitie = notities[i] if i < len(notities) else ""
        getekend.append(GestapeldeRij(label=label, y=y + DEELHOOGTE // 2, delen=delen, notitie=notitie))
    hoogte = bovenrand + len(rijen) * per_rij + 20
    schaal = [
        (LABELBREEDTE + round(DEELBREEDTE * deel / 4), _schaaltekst(100 * deel / 4, "%")) for deel in range(5)
    ]
    return GestapeldDiagram(
        titel=titel,
        reeksen=reeksen,
        legende=legende,
        rijen=getekend,
        breedte=LABELBREEDTE + DEELBREEDTE + 90,
        hoogte=hoogte,
        schaal=schaal,
        bovenrand=bovenrand,
        palet=palet,
    )
