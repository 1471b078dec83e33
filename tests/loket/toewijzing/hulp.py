"""Helpers for the tests: priorities at a place group computed from the public rules, and a brute
force over all matchings of a small round."""

import itertools

from loket.toewijzing import Invoer, Volgorde, controleer, trek_lotnummers
from loket.toewijzing.voorrang import REGELSETS, groep_bij_rang, rang, regelset_op, reserveplaatsen


def posities(invoer: Invoer) -> dict[int, int]:
    aanvragers = list(invoer.aanvragers)
    if invoer.volgorde == Volgorde.LOTING:
        if all(a.lotnummer is None for a in aanvragers):
            loten = trek_lotnummers([a.id for a in aanvragers], invoer.seed)
        else:
            loten = {a.id: a.lotnummer for a in aanvragers}
        volgorde = sorted(aanvragers, key=lambda a: (loten[a.id], a.id))
    else:
        volgorde = sorted(aanvragers, key=lambda a: (a.ingediend, a.id))
    return {a.id: n for n, a in enumerate(volgorde)}


class Voorrang:
    """(rank, position) of a family at a place group, its group, and the reserve of a place group."""

    def __init__(self, invoer: Invoer):
        self.invoer = invoer
        self.regelsets = tuple(invoer.regelsets) or REGELSETS
        self.positie = posities(invoer)
        self.groepen = {g.id: g for g in invoer.plaatsgroepen}
        self.aanvragers = {a.id: a for a in invoer.aanvragers}
        self.plaatsen_regelset = regelset_op(invoer.peildatum, self.regelsets)

    def profiel(self, aanvrager_id: int, groep_id: int):
        a = self.aanvragers[aanvrager_id]
        g = self.groepen[groep_id]
        return regelset_op(a.ingediend.date(), self.regelsets).profiel(g.inkomenstarief)

    def sleutel(self, aanvrager_id: int, groep_id: int) -> tuple[int, int]:
        a = self.aanvragers[aanvrager_id]
        g = self.groepen[groep_id]
        return rang(a, self.profiel(aanvrager_id, groep_id), g.locatie), self.positie[aanvrager_id]

    def groep(self, aanvrager_id: int, groep_id: int):
        return groep_bij_rang(self.profiel(aanvrager_id, groep_id), self.sleutel(aanvrager_id, groep_id)[0])

    def reserve(self, groep_id: int) -> int:
        g = self.groepen[groep_id]
        return reserveplaatsen(g.capaciteit, self.plaatsen_regelset.profiel(g.inkomenstarief).reserve_procent)


def alle_stabiele(invoer: Invoer) -> list[dict[int, int | None]]:
    """Every matching of the round that the independent checker accepts (small rounds only)."""
    aanvragers = sorted(invoer.aanvragers, key=lambda a: a.id)
    opties = [(None, *a.keuzes) for a in aanvragers]
    stabiel = []
    for keuze in itertools.product(*opties):
        toewijzing = {a.id: g for a, g in zip(aanvragers, keuze, strict=True)}
        if controleer(invoer, toewijzing).in_orde:
            stabiel.append(toewijzing)
    return stabiel
