"""Why each choice ranked above a family's outcome went to others, read from the final state of a
round (`algoritme._Ronde`): the explanations of `Resultaat.uitleg` and `Resultaat.alle_uitleg`.

The reason a place group `p` gives a family with key `kk` depends only on how many of the holders
of `p` have a better key (the position of `kk` among their sorted keys), on the family's number
of children, its vulnerability, its rule set and its priority rank at `p`. So a round has few
distinct reasons per place group: each is worked out once (`_bereken`) and shared by every family
in the same situation, and explaining a family is a bisection and a dictionary lookup per choice.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

from .model import KeuzeUitleg, Reden, Uitleg
from .voorrang import GEEN_VOORRANG, GEEN_VOORRANG_NAAM, groep_bij_rang

if TYPE_CHECKING:
    from .algoritme import _Ronde

_NAZIEN = Reden.NAZIEN
_SAMEN = Reden.SAMEN_PLAATSEN
_RANGEN = GEEN_VOORRANG + 1  # priority ranks are 0..GEEN_VOORRANG
_nieuw = tuple.__new__  # builds a KeuzeUitleg from a tuple without its Python-level __new__


class Redenen:
    """The explanations of one round's outcome (the round must be finished)."""

    def __init__(self, ronde: _Ronde):
        self.r = ronde
        N = ronde.N
        size = ronde.size
        self.alle: list[list[int]] = []  # per place group: the sorted keys of all its holders
        self.cum: list[list[int]] = []  # ... and the seats they take, cumulated
        for R, h in zip(ronde.res, ronde.hold, strict=True):
            alle = sorted(R + h)
            self.alle.append(alle)
            self.cum.append([0, *accumulate(size[x % N] for x in alle)])
        self._open: list | None = None  # reserved and open holders with cumulated seats (NAZIEN)
        # Per rule set and tariff kind, the priority group at each rank.
        self.tabel = [
            [groep_bij_rang(regelset.profiel(inkomenstarief), r) for r in range(_RANGEN)]
            for regelset in ronde._regelsets
            for inkomenstarief in (False, True)
        ]
        self.ids = [g.id for g in ronde.groepen]
        # A family's situation (rule set, vulnerable, children) as a number; with the rank it
        # numbers every distinct reason at a place group next to the position of the key.
        k1 = ronde.max_size + 1
        self.basis = [
            ((rs * 2 + e) * k1 + k) * _RANGEN for rs, e, k in zip(ronde.rs_idx, ronde.elig, size, strict=True)
        ]
        self.stap = len(self.tabel) * k1 * _RANGEN
        self.memo: list[dict[int, tuple]] = [{} for _ in range(ronde.P)]
        self.laatste = [alle[-1] if alle else -1 for alle in self.alle]  # the worst key held
        self.per_situatie: dict[int, list] = {}
        self._leeg = [None] * max(map(len, ronde.CH), default=0)

    def keuzes(self, i: int, tot: int) -> list[KeuzeUitleg]:
        """Why the first `tot` choices of family `i` went to others."""
        r = self.r
        if r.KY[i]:
            return self._keuzes_broer_zus(i, tot)
        N = r.N
        it = r.it
        b0 = r.B0[i]
        b1 = r.B1[i]
        # Most choices went to families that all have a better key: the explanation then depends
        # on the place group, the family's situation and the rank of the choice only, and is
        # shared. snel[p][rang] is that explanation, snel[p][0] its reason (`_snel`).
        situatie0 = self.basis[i] + b0 // N
        situatie1 = self.basis[i] + b1 // N
        snel0 = self._snel(situatie0)
        snel1 = self._snel(situatie1)
        laatste = self.laatste
        ids = self.ids
        alle = self.alle
        memo = self.memo
        stap = self.stap
        uit = []
        for rang, p in zip(range(1, tot + 1), self.r.CH[i], strict=False):  # the first `tot`
            if it[p]:
                kk = b1
                snel = snel1
            else:
                kk = b0
                snel = snel0
            if kk > laatste[p]:
                gedeeld = snel[p]
                if gedeeld is None:
                    gedeeld = snel[p] = [self._bereken(i, p, kk), *self._leeg]
                keuze = gedeeld[rang]
                if keuze is None:
                    keuze = gedeeld[rang] = _nieuw(KeuzeUitleg, (rang, ids[p], *gedeeld[0]))
            else:
                code = bisect_left(alle[p], kk) * stap + (situatie1 if it[p] else situatie0)
                staart = memo[p].get(code)
                if staart is None:
                    staart = memo[p][code] = self._bereken(i, p, kk)
                keuze = _nieuw(KeuzeUitleg, (rang, ids[p], *staart))
            uit.append(keuze)
        return uit

    def _keuzes_broer_zus(self, i: int, tot: int) -> list[KeuzeUitleg]:
        """`keuzes` for a family with a brother or sister at a location: a key per choice."""
        ky = self.r.KY[i]
        ids = self.ids
        ch = self.r.CH[i]
        return [_nieuw(KeuzeUitleg, (j + 1, ids[ch[j]], *self._staart(i, ch[j], ky[j]))) for j in range(tot)]

    def _snel(self, situatie: int) -> list:
        """Per place group, the shared explanations for a family in `situatie` (rule set,
        vulnerable, children, rank) whose key comes after every holder's."""
        snel = self.per_situatie.get(situatie)
        if snel is None:
            snel = self.per_situatie[situatie] = [None] * self.r.P
        return snel

    def _staart(self, i: int, p: int, kk: int) -> tuple[Reden, str, str | None]:
        """(reason, group, group of the last family in) for family `i` with key `kk` at `p`."""
        code = bisect_left(self.alle[p], kk) * self.stap + self.basis[i] + kk // self.r.N
        memo = self.memo[p]
        staart = memo.get(code)
        if staart is None:
            staart = memo[code] = self._bereken(i, p, kk)
        return staart

    def uitleg(self, i: int, aanvrager_id: int) -> Uitleg:
        r = self.r
        p = r.plaats[i]
        geplaatst = p >= 0
        keuzes = self.keuzes(i, r.ptr[i] if geplaatst else len(r.CH[i]))
        k = r.size[i]
        return Uitleg(
            aanvrager_id,
            self.ids[p] if geplaatst else None,
            r.ptr[i] + 1 if geplaatst else None,
            tuple(keuzes),
            k,
            r._regelsets[r.rs_idx[i]].code,
            not geplaatst and k > 1 and any(kz[2] is _SAMEN for kz in keuzes),
        )

    def samen_onmogelijk(self, i: int) -> bool:
        """Family `i` got no place and its children did not fit together at one of its choices."""
        r = self.r
        if r.plaats[i] >= 0 or r.size[i] < 2:
            return False
        return any(kz[2] is _SAMEN for kz in self.keuzes(i, len(r.CH[i])))

    def _naam(self, i: int, p: int, kk: int) -> str:
        """The name of the priority group of family `i` (key `kk`) at place group `p`."""
        r = self.r
        groep = self.tabel[r.rs_idx[i] * 2 + r.it[p]][kk // r.N]
        return groep.naam if groep else GEEN_VOORRANG_NAAM

    def _nazien(self, i: int, p: int, kk: int) -> bool:
        """A blocking pair the round could not settle: the family would now be held by `p`."""
        r = self.r
        if self._open is None:
            N = r.N
            size = r.size
            self._open = [
                (R, [0, *accumulate(size[x % N] for x in R)], h, [0, *accumulate(size[x % N] for x in h)])
                for R, h in zip(r.res, r.hold, strict=True)
            ]
        R, cum1, h, cum2 = self._open[p]
        k = r.size[i]
        rsv = r.rsv[p]
        return bool(r.elig[i] and rsv and cum1[bisect_left(R, kk)] + k <= rsv) or (
            cum2[bisect_left(h, kk)] + k <= r.cap[p] - r.used1[p]
        )

    def _bereken(self, i: int, p: int, kk: int) -> tuple[Reden, str, str | None]:
        """Why place group `p` (ranked above the outcome of family `i`, key `kk`) went to others:
        (reason, the family's priority group, the group of the last family that got a seat)."""
        r = self.r
        eigen = self._naam(i, p, kk)
        if r.blokkerend and self._nazien(i, p, kk):
            return _NAZIEN, eigen, None
        k = r.size[i]
        q = r.cap[p]
        if k > q:
            return (_SAMEN if q else Reden.GEEN_VRIJE_PLAATSEN), eigen, None
        alle = self.alle[p]
        cum = self.cum[p]
        vrij = q - cum[bisect_left(alle, kk)]
        if vrij >= k:
            # Seats were left after the families with a better key: held by vulnerable families
            # with a lower key in reserved seats (or, for a vulnerable family, split between
            # reserved and open seats so that its children do not fit together in either).
            return (_SAMEN if r.elig[i] else Reden.GERESERVEERD), eigen, None
        if vrij > 0:
            return _SAMEN, eigen, None
        N = r.N
        grens = alle[bisect_right(cum, q - k) - 1]  # the family whose seats left fewer than k
        grens_groep = self.tabel[r.rs_idx[grens % N] * 2 + r.it[p]][grens // N]
        grens_naam = grens_groep.naam if grens_groep else GEEN_VOORRANG_NAAM
        if grens // N < kk // N:
            eigen_groep = self.tabel[r.rs_idx[i] * 2 + r.it[p]][kk // N]
            if (
                grens_groep is not None
                and grens_groep.absoluut
                and not (eigen_groep and eigen_groep.absoluut)
            ):
                return Reden.ABSOLUTE_VOORRANG, eigen, grens_naam
            return Reden.HOGERE_VOORRANG, eigen, grens_naam
        return (Reden.LAGER_LOTNUMMER if r._loting else Reden.EERDER_INGESCHREVEN), eigen, grens_naam
