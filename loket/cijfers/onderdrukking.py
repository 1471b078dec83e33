"""Small counts hidden in everything that leaves the loket (its downloads, Opgroeien, reports).

1. Every count of families from 1 to 4 is hidden and shown as "< 5" (0 is shown: it points at
   no family). Seats of locations and days are never hidden.
2. A row or column that adds up to a total (the total included) must not let anyone compute a
   hidden count: whenever a hidden cell of such a line can be pinned to one value (knowing that
   a "< 5" is 1 to 4 and any other hidden count at least 5), the smallest other count of that
   line (not 0; a total only as a last resort) is hidden too, shown as "verborgen". This repeats
   until no line pins a hidden cell; a line never has exactly one hidden cell.
3. The same figure in several tables (e.g. the total of the placed requests) is hidden in all of
   them when it is hidden in one.
4. Flanders-wide, the tables per loket and per gemeente count the same requests: for every group
   of loketten and the gemeenten they serve, their rows add up to each other and to the total
   minus the other groups; these sums are lines as in rule 2 (`Cijfers.verbanden`).
Protection covers these sums within one `Cijfers`; combining several reports (e.g. two periods,
or a loket's report with and without a gemeente filter) is not guarded against.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from loket.cijfers.tabellen import KLEIN, TEKEN_KLEIN, TEKEN_VERBORGEN, Cijfers, Rapporttabel, Verband, Waarde

PRIMAIR = TEKEN_KLEIN
SECUNDAIR = TEKEN_VERBORGEN
Positie = tuple[int, int, int]  # table, row, value column
Lijn = list[tuple[Positie, int]]  # cells with +1 or -1 whose signed sum is 0 (members +1, total -1)


def onderdruk(cijfers: Cijfers | Rapporttabel) -> Cijfers | Rapporttabel:
    """The figures as they may leave the loket: small counts hidden (rules in the module docstring)."""
    if isinstance(cijfers, Rapporttabel):
        return _onderdruk([cijfers], [])[0][0]
    tabellen, (niet_bevestigd,) = _onderdruk(
        list(cijfers.tabellen.values()), [cijfers.niet_bevestigd], cijfers.verbanden
    )
    return replace(
        cijfers,
        tabellen={t.naam: t for t in tabellen},
        niet_bevestigd=niet_bevestigd,
        onderdrukt=True,
    )


def onderdruk_tabellen(tabellen: list[Rapporttabel]) -> list[Rapporttabel]:
    """Tables that are shown together, small counts hidden; a figure with the same `sleutel` in
    several of them (e.g. their common total) is hidden in all when it is hidden in one."""
    return _onderdruk(tabellen, [])[0]


def _onderdruk(
    tabellen: list[Rapporttabel], losse: list[Waarde], verbanden: Iterable[Verband] = ()
) -> tuple[list[Rapporttabel], list[Waarde]]:
    cellen = _Cellen.van(tabellen)
    lijnen = [lijn for t, tabel in enumerate(tabellen) for lijn in _lijnen(t, tabel)]
    lijnen += _lijnen_van_verbanden(tabellen, cellen.rijen, verbanden)
    lijnen = [lijn for lijn in lijnen if all(p in cellen.getallen for p, _teken in lijn)]
    _Verberger(cellen, lijnen).verberg_tot_niets_vast_ligt()
    nieuw = [_met_verborgen(t, tabel, cellen.verborgen) for t, tabel in enumerate(tabellen)]
    return nieuw, [replace(w, verborgen=PRIMAIR if w.is_klein else "") for w in losse]


@dataclass
class _Cellen:
    """The cells of the tables by position: their counts, which may be hidden, which are hidden
    (from the start: the small ones), which show the same figure, and the rows a `Verband` names."""

    getallen: dict[Positie, int] = field(default_factory=dict)
    gevoelig: set[Positie] = field(default_factory=set)
    verborgen: dict[Positie, str] = field(default_factory=dict)
    sleutels: dict[str, list[Positie]] = field(default_factory=lambda: defaultdict(list))
    rijen: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def van(cls, tabellen: list[Rapporttabel]) -> _Cellen:
        cellen = cls()
        for t, tabel in enumerate(tabellen):
            for r, regel in enumerate(tabel.regels):
                if regel.id:
                    cellen.rijen[(tabel.naam, regel.id)] = r
                for k, w in enumerate(regel.waarden):
                    cellen.voeg_toe((t, r, k), w)
        return cellen

    def voeg_toe(self, p: Positie, w: Waarde) -> None:
        if isinstance(w.getal, int):
            self.getallen[p] = w.getal
            if w.soort == "aantal":
                self.gevoelig.add(p)
                if w.is_klein:
                    self.verborgen[p] = PRIMAIR
        if w.sleutel:
            self.sleutels[w.sleutel].append(p)


def _lijnen(t: int, tabel: Rapporttabel) -> list[Lijn]:
    """Every row and column of the table that adds up to its total."""
    lijnen = []
    if tabel.rijsom is not None:
        kolommen, totaal = tabel.rijsom
        for r in range(len(tabel.regels)):
            lijnen.append([*(((t, r, k), 1) for k in kolommen), ((t, r, totaal), -1)])
    laatste = len(tabel.regels) - 1
    if laatste >= 1:
        for k in tabel.kolomsom:
            lijnen.append([*(((t, r, k), 1) for r in range(laatste)), ((t, laatste, k), -1)])
    return lijnen


def _lijnen_van_verbanden(
    tabellen: list[Rapporttabel], rijen: dict[tuple[str, str], int], verbanden: Iterable[Verband]
) -> list[Lijn]:
    """The sums across tables whose rows are all there, as lines."""
    tabelnummer = {tabel.naam: t for t, tabel in enumerate(tabellen)}
    return [
        [((tabelnummer[naam], rijen[(naam, rij)], k), teken) for naam, rij, k, teken in verband]
        for verband in verbanden
        if all((naam, rij) in rijen for naam, rij, _k, _teken in verband)
    ]


class _Verberger:
    """Works through the lines (in order, again whenever one of their cells is hidden) until no
    line pins a hidden cell; a figure hidden somewhere is hidden wherever it appears."""

    def __init__(self, cellen: _Cellen, lijnen: list[Lijn]):
        self.cellen = cellen
        self.lijnen = lijnen
        self.lijnen_van: dict[Positie, list[int]] = defaultdict(list)
        for i, lijn in enumerate(lijnen):
            for p, _teken in lijn:
                self.lijnen_van[p].append(i)
        self.sleutel_van = {p: sleutel for sleutel, posities in cellen.sleutels.items() for p in posities}
        self.te_doen = list(range(len(lijnen)))
        self.gepland = set(self.te_doen)

    def verberg_tot_niets_vast_ligt(self) -> None:
        for p, teken in list(self.cellen.verborgen.items()):
            self.verberg(p, teken)
        while self.te_doen:
            i = heapq.heappop(self.te_doen)
            self.gepland.discard(i)
            lijn = self.lijnen[i]
            if _vastgepind(lijn, self.cellen.getallen, self.cellen.verborgen):
                self.verberg_nog_een(lijn)

    def verberg_nog_een(self, lijn: Lijn) -> None:
        """Hide the smallest other count of the line (not 0; a total only as a last resort)."""
        c = self.cellen
        kandidaten = [
            (teken < 0, c.getallen[p], j, p)
            for j, (p, teken) in enumerate(lijn)
            if p not in c.verborgen and p in c.gevoelig and c.getallen[p] > 0
        ]
        if kandidaten:
            self.verberg(min(kandidaten)[3], SECUNDAIR)

    def verberg(self, positie: Positie, teken: str) -> None:
        """Hide a cell, and the same figure elsewhere; the lines of each are looked at again."""
        c = self.cellen
        nieuw_verborgen = [positie]
        while nieuw_verborgen:
            p = nieuw_verborgen.pop()
            c.verborgen.setdefault(p, teken)
            self._plan_lijnen_van(p)
            for q in c.sleutels.get(self.sleutel_van.get(p, ""), ()):
                if q not in c.verborgen and q in c.gevoelig and c.getallen.get(q, 0) > 0:
                    c.verborgen[q] = SECUNDAIR
                    nieuw_verborgen.append(q)

    def _plan_lijnen_van(self, p: Positie) -> None:
        for i in self.lijnen_van[p]:
            if i not in self.gepland:
                self.gepland.add(i)
                heapq.heappush(self.te_doen, i)


def _grenzen(teken: str) -> tuple[float, float]:
    return (1, KLEIN - 1) if teken == PRIMAIR else (KLEIN, math.inf)


def _vastgepind(lijn: Lijn, getallen: dict, verborgen: dict) -> bool:
    """Whether a hidden cell of the line has only one possible value, knowing the shown cells and
    that a "< 5" is 1..4 and any other hidden count at least 5."""
    onbekend = []
    for p, teken in lijn:
        if p in verborgen:
            laag, hoog = _grenzen(verborgen[p])
            # the bounds of teken * x
            onbekend.append((laag, hoog) if teken > 0 else (-hoog, -laag))
    if not onbekend:
        return False
    rest = -sum(teken * getallen[p] for p, teken in lijn if p not in verborgen)  # = signed sum of the hidden
    laag_som = sum(laag for laag, _h in onbekend if laag != -math.inf)
    laag_oneindig = sum(1 for laag, _h in onbekend if laag == -math.inf)
    hoog_som = sum(hoog for _l, hoog in onbekend if hoog != math.inf)
    hoog_oneindig = sum(1 for _l, hoog in onbekend if hoog == math.inf)
    for laag, hoog in onbekend:
        # the other hidden cells' signed sum lies in [laag_rest, hoog_rest]
        laag_rest = (
            -math.inf
            if laag_oneindig - (laag == -math.inf)
            else laag_som - (laag if laag != -math.inf else 0)
        )
        hoog_rest = (
            math.inf if hoog_oneindig - (hoog == math.inf) else hoog_som - (hoog if hoog != math.inf else 0)
        )
        # so teken * x lies in [rest - hoog_rest, rest - laag_rest], and in its own bounds
        onder, boven = max(rest - hoog_rest, laag), min(rest - laag_rest, hoog)
        if onder != -math.inf and boven != math.inf and math.ceil(onder) >= math.floor(boven):
            return True
    return False


def _met_verborgen(t: int, tabel: Rapporttabel, verborgen: dict[Positie, str]) -> Rapporttabel:
    regels = tuple(
        replace(
            regel,
            waarden=tuple(
                replace(w, verborgen=verborgen.get((t, r, k), "")) for k, w in enumerate(regel.waarden)
            ),
        )
        for r, regel in enumerate(tabel.regels)
    )
    return replace(tabel, regels=regels, onderdrukt=True)
