"""Server-rendered SVG charts, the same on a dashboard and in a PDF.

A chart is computed here (positions in pixels, labels formatted) and drawn by
templates/grafieken/staafdiagram.html, which only prints the numbers: no script, no inline style
(the Content-Security-Policy forbids both). Colours come from CSS classes per series. A chart is
decoration for sighted readers: every page shows the same numbers in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from hvhk.tabellen import getal

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
    maximum = maximum or max(waarden, default=0) or 1
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
        (LABELBREEDTE + round(STAAFBREEDTE * deel / 4), _schaaltekst(maximum * deel / 4, eenheid))
        for deel in range(5)
    ]
    return Staafdiagram(
        titel=titel,
        reeksen=reeksen,
        rijen=getekend,
        breedte=LABELBREEDTE + STAAFBREEDTE + 70,
        hoogte=LEGENDEHOOGTE + len(rijen) * per_rij + 20,
        schaal=schaal,
    )
