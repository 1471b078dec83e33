"""An independent check of a round's outcome: capacity, acceptability, the reserve rule and blocking
pairs, computed from the input and the proposed assignment only (it shares no code with
`algoritme.py`, only the priority definitions of `voorrang.py`).

The definitions are those of `algoritme.py`'s docstring: a place group's choice rule fills its
reserved seats with vulnerable families (best key first, passing over families whose children do
not all fit), then its other seats with everyone left; a pair (family, place group) blocks if the
family prefers the place group to its outcome and that rule, applied to the holders plus the
family, would hold the family.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import accumulate

from .model import Aanvrager, Invoer, Plaatsgroep, Volgorde
from .voorrang import REGELSETS, rang, regelset_op, reserveplaatsen, trek_lotnummers


@dataclass(frozen=True)
class Controle:
    overvol: tuple[int, ...]  # place groups holding more seats than they have
    onaanvaardbaar: tuple[int, ...]  # families placed at a place group they did not choose
    inconsistent: tuple[int, ...]  # place groups whose choice rule would not keep all their holders
    blokkerend: tuple[tuple[int, int], ...]  # (family id, place group id)

    @property
    def in_orde(self) -> bool:
        return not (self.overvol or self.onaanvaardbaar or self.inconsistent or self.blokkerend)


def _posities(invoer: Invoer) -> dict[int, int]:
    aanvragers = list(invoer.aanvragers)
    if invoer.volgorde == Volgorde.LOTING:
        if all(a.lotnummer is None for a in aanvragers):
            loten = trek_lotnummers((a.id for a in aanvragers), invoer.seed)
        else:
            loten = {a.id: a.lotnummer for a in aanvragers}
        volgorde = sorted(aanvragers, key=lambda a: (loten[a.id], a.id))
    else:
        volgorde = sorted(aanvragers, key=lambda a: (a.ingediend, a.id))
    return {a.id: positie for positie, a in enumerate(volgorde)}


Sleutel = tuple[int, int]  # (priority rank at the place group, position in the tie-break order)


def _sleutelfunctie(invoer: Invoer) -> Callable[[Aanvrager, Plaatsgroep], Sleutel]:
    """The order of families at a place group: rank under the rule set of their request date
    (with the sibling criterion only where the brother or sister goes), then tie-break position."""
    regelsets = tuple(invoer.regelsets) or REGELSETS
    positie = _posities(invoer)
    regelset_per_dag = {}
    zonder_broer_zus = {}
    regelset_van = {}
    for a in invoer.aanvragers:
        dag = a.ingediend.date()
        if dag not in regelset_per_dag:
            regelset_per_dag[dag] = regelset_op(dag, regelsets)
        regelset = regelset_per_dag[dag]
        regelset_van[a.id] = regelset
        zonder_broer_zus[a.id] = (rang(a, regelset.vrije_prijs, None), rang(a, regelset.inkomenstarief, None))

    def sleutel(a: Aanvrager, g: Plaatsgroep) -> Sleutel:
        if g.locatie in a.broer_zus_locaties:
            r = rang(a, regelset_van[a.id].profiel(g.inkomenstarief), g.locatie)
        else:
            r = zonder_broer_zus[a.id][1 if g.inkomenstarief else 0]
        return (r, positie[a.id])

    return sleutel


def _houders(
    toewijzing: Mapping[int, int | None], aanvragers: dict[int, Aanvrager], groepen: dict[int, Plaatsgroep]
) -> tuple[dict[int, list[Aanvrager]], list[int]]:
    """The families each place group holds, and the families placed where they did not choose."""
    houders: dict[int, list[Aanvrager]] = {g: [] for g in groepen}
    onaanvaardbaar = []
    for aanvrager_id, groep_id in toewijzing.items():
        if groep_id is None:
            continue
        a = aanvragers[aanvrager_id]
        if groep_id not in a.keuzes or groep_id not in groepen:
            onaanvaardbaar.append(aanvrager_id)
            continue
        houders[groep_id].append(a)
    return houders, onaanvaardbaar


@dataclass(frozen=True)
class _Stand:
    """A place group's choice rule applied to its holders: reserved seats, the seats vulnerable
    families took in step 1, and per step the holders' keys with their cumulative seats."""

    gereserveerd: int
    bezet1: int
    sleutels1: list[Sleutel]
    cum1: list[int]
    sleutels2: list[Sleutel]
    cum2: list[int]
    houdt_iedereen: bool


def _kies(rij: list[Aanvrager], g: Plaatsgroep, gereserveerd: int, sleutel) -> _Stand:
    """Step 1 fills the reserved seats with vulnerable families, step 2 the other seats with the
    rest, best key first, passing over families whose children do not all fit."""
    stap1, rest = [], []
    vrij = gereserveerd
    for a in rij:
        if a.kwetsbaar and a.plaatsen <= vrij:
            stap1.append(a)
            vrij -= a.plaatsen
        else:
            rest.append(a)
    bezet1 = gereserveerd - vrij
    vrij = g.capaciteit - bezet1
    stap2 = []
    for a in rest:
        if a.plaatsen <= vrij:
            stap2.append(a)
            vrij -= a.plaatsen
    return _Stand(
        gereserveerd=gereserveerd,
        bezet1=bezet1,
        sleutels1=[sleutel(a, g) for a in stap1],
        cum1=[0, *accumulate(a.plaatsen for a in stap1)],
        sleutels2=[sleutel(a, g) for a in stap2],
        cum2=[0, *accumulate(a.plaatsen for a in stap2)],
        houdt_iedereen=len(stap1) + len(stap2) == len(rij),
    )


def _blokkeert(a: Aanvrager, g: Plaatsgroep, stand: _Stand, s: Sleutel) -> bool:
    """Whether the choice rule, applied to the holders plus `a`, would hold `a`."""
    past_gereserveerd = (
        a.kwetsbaar
        and stand.gereserveerd
        and stand.cum1[bisect_left(stand.sleutels1, s)] + a.plaatsen <= stand.gereserveerd
    )
    past_open = stand.cum2[bisect_left(stand.sleutels2, s)] + a.plaatsen <= g.capaciteit - stand.bezet1
    return bool(past_gereserveerd or past_open)


def controleer(invoer: Invoer, toewijzing: Mapping[int, int | None]) -> Controle:
    regelsets = tuple(invoer.regelsets) or REGELSETS
    groepen = {g.id: g for g in invoer.plaatsgroepen}
    aanvragers = {a.id: a for a in invoer.aanvragers}
    regelset_plaatsen = regelset_op(invoer.peildatum, regelsets)
    sleutel = _sleutelfunctie(invoer)
    houders, onaanvaardbaar = _houders(toewijzing, aanvragers, groepen)

    overvol = []
    inconsistent = []
    stand: dict[int, _Stand] = {}
    for groep_id, g in groepen.items():
        rij = sorted(houders[groep_id], key=lambda a, g=g: sleutel(a, g))
        if sum(a.plaatsen for a in rij) > g.capaciteit:
            overvol.append(groep_id)
        gereserveerd = reserveplaatsen(
            g.capaciteit, regelset_plaatsen.profiel(g.inkomenstarief).reserve_procent
        )
        stand[groep_id] = _kies(rij, g, gereserveerd, sleutel)
        if not stand[groep_id].houdt_iedereen:
            inconsistent.append(groep_id)

    blokkerend = []
    for a in aanvragers.values():
        groep_id = toewijzing.get(a.id)
        tot = a.keuzes.index(groep_id) if groep_id in a.keuzes else len(a.keuzes)
        for keuze in a.keuzes[:tot]:
            g = groepen[keuze]
            if _blokkeert(a, g, stand[keuze], sleutel(a, g)):
                blokkerend.append((a.id, keuze))

    return Controle(
        overvol=tuple(sorted(overvol)),
        onaanvaardbaar=tuple(sorted(onaanvaardbaar)),
        inconsistent=tuple(sorted(inconsistent)),
        blokkerend=tuple(sorted(blokkerend)),
    )
