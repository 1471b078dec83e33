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
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate

from .model import Invoer, Volgorde
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


def controleer(invoer: Invoer, toewijzing: Mapping[int, int | None]) -> Controle:
    regelsets = tuple(invoer.regelsets) or REGELSETS
    groepen = {g.id: g for g in invoer.plaatsgroepen}
    aanvragers = {a.id: a for a in invoer.aanvragers}
    positie = _posities(invoer)
    regelset_plaatsen = regelset_op(invoer.peildatum, regelsets)
    regelset_per_dag = {}

    zonder_broer_zus = {}
    regelset_van = {}
    for a in aanvragers.values():
        dag = a.ingediend.date()
        if dag not in regelset_per_dag:
            regelset_per_dag[dag] = regelset_op(dag, regelsets)
        regelset = regelset_per_dag[dag]
        regelset_van[a.id] = regelset
        zonder_broer_zus[a.id] = (rang(a, regelset.vrije_prijs, None), rang(a, regelset.inkomenstarief, None))

    def sleutel(a, g):
        if g.locatie in a.broer_zus_locaties:
            r = rang(a, regelset_van[a.id].profiel(g.inkomenstarief), g.locatie)
        else:
            r = zonder_broer_zus[a.id][1 if g.inkomenstarief else 0]
        return (r, positie[a.id])

    houders: dict[int, list] = {g: [] for g in groepen}
    onaanvaardbaar = []
    for aanvrager_id, groep_id in toewijzing.items():
        if groep_id is None:
            continue
        a = aanvragers[aanvrager_id]
        if groep_id not in a.keuzes or groep_id not in groepen:
            onaanvaardbaar.append(aanvrager_id)
            continue
        houders[groep_id].append(a)

    overvol = []
    inconsistent = []
    stand = {}
    for groep_id, g in groepen.items():
        rij = sorted(houders[groep_id], key=lambda a, g=g: sleutel(a, g))
        if sum(a.plaatsen for a in rij) > g.capaciteit:
            overvol.append(groep_id)
        gereserveerd = reserveplaatsen(
            g.capaciteit, regelset_plaatsen.profiel(g.inkomenstarief).reserve_procent
        )
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
        if len(stap1) + len(stap2) != len(rij):
            inconsistent.append(groep_id)
        stand[groep_id] = (
            gereserveerd,
            bezet1,
            [sleutel(a, g) for a in stap1],
            [0, *accumulate(a.plaatsen for a in stap1)],
            [sleutel(a, g) for a in stap2],
            [0, *accumulate(a.plaatsen for a in stap2)],
        )

    blokkerend = []
    for a in aanvragers.values():
        groep_id = toewijzing.get(a.id)
        tot = a.keuzes.index(groep_id) if groep_id in a.keuzes else len(a.keuzes)
        for keuze in a.keuzes[:tot]:
            g = groepen[keuze]
            gereserveerd, bezet1, sleutels1, cum1, sleutels2, cum2 = stand[keuze]
            s = sleutel(a, g)
            past_gereserveerd = (
                a.kwetsbaar and gereserveerd and cum1[bisect_left(sleutels1, s)] + a.plaatsen <= gereserveerd
            )
            past_open = cum2[bisect_left(sleutels2, s)] + a.plaatsen <= g.capaciteit - bezet1
            if past_gereserveerd or past_open:
                blokkerend.append((a.id, keuze))

    return Controle(
        overvol=tuple(sorted(overvol)),
        onaanvaardbaar=tuple(sorted(onaanvaardbaar)),
        inconsistent=tuple(sorted(inconsistent)),
        blokkerend=tuple(sorted(blokkerend)),
    )
