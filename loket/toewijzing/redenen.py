"""Why each choice ranked above a family's outcome went to others, read from the final state of a
round (`algoritme.Ronde`): the explanations of `Resultaat.uitleg` and `Resultaat.alle_uitleg`.

The reason a place group `p` gives a family with key `kk` (`_bereken`) depends only on how many of
the holders of `p` have a better key (the position of `kk` among their sorted keys), on the
family's number of children, its vulnerability, its rule set and its priority rank at `p`. And it
depends on that position only through two questions: are `k` seats left after the holders with a
better key (`k` the family's children), and is one seat left? Each answer changes at the key of
one holder, a threshold key of `p` (`_grenzen`: one per number of children; in a round with
blocking pairs every holder's key, as whether a pair blocks depends on the position itself).
Between two threshold keys lies a band of `p`, and within a band the reason depends on the
family's situation only. So the explanation of one choice is a `KeuzeUitleg` shared by every
family that ranked the same place group for the same reason (its rank is its place in the
family's explanations), and the reason is memoised per place group, band and situation.

Explaining every family (`alle`) takes the families class by class (rule set, vulnerability,
children, and rank at each tariff kind: `_Klasse`), each class in family order, which is the
order of their keys within one rank. A class's table holds the explanation of every place group
for its current band, so explaining a family is one lookup per choice, done by `map`, for every
family of a run between two threshold keys of the class (in its ranks, for its number of children
or for one child: the other threshold keys change no reason for it); at such a threshold key the
table drops the explanation of that place group. The choices at the location of a brother or
sister (another rank there) are then worked out one by one (`_broer_zus`), as are all the choices
of a single look-up (`uitleg`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import accumulate, repeat
from operator import attrgetter
from typing import TYPE_CHECKING

from .model import KeuzeUitleg, Reden, Uitleg
from .voorrang import GEEN_VOORRANG, GEEN_VOORRANG_NAAM, groep_bij_rang

if TYPE_CHECKING:
    from .algoritme import Ronde

_NAZIEN = Reden.NAZIEN
_SAMEN = Reden.SAMEN_PLAATSEN
_RANGEN = GEEN_VOORRANG + 1  # priority ranks are 0..GEEN_VOORRANG
_nieuw = tuple.__new__  # builds a named tuple from a tuple without its Python-level __new__
_reden = attrgetter("reden")  # of a KeuzeUitleg


class _Klasse(dict):
    """The explanation of every place group for the families of one class in their current band
    (see the module docstring); `i` is a family of the class in that band (it fills a miss)."""

    __slots__ = ("i", "it", "redenen", "sleutels")

    def __init__(self, redenen: Redenen):
        self.redenen = redenen
        self.it = redenen.r.it
        self.zet(0)

    def zet(self, i: int) -> None:
        """Family `i` fills the misses from now on: its key per tariff kind."""
        r = self.redenen.r
        self.i = i
        self.sleutels = (r.B0[i], r.B1[i])

    def __missing__(self, p: int) -> KeuzeUitleg:
        keuze = self[p] = self.redenen._keuze(self.i, p, self.sleutels[self.it[p]])
        return keuze


class Redenen:
    """The explanations of one round's outcome (the round must be finished)."""

    def __init__(self, ronde: Ronde):
        self.r = ronde
        N = ronde.N
        size = ronde.size
        self.houders: list[list[int]] = []  # per place group: the sorted keys of all its holders
        self.cum: list[list[int]] = []  # ... and the seats they take, cumulated
        for R, h in zip(ronde.res, ronde.hold, strict=True):
            alle = sorted(R + h)
            self.houders.append(alle)
            self.cum.append([0, *accumulate(size[x % N] for x in alle)])
        self.grenzen_k = self._grenzen()
        self.grenzen = [sorted({kk for _k, kk in grenzen}) for grenzen in self.grenzen_k]
        self._open: list | None = None  # reserved and open holders with cumulated seats (NAZIEN)
        # Per rule set and tariff kind, the priority group at each rank.
        self.tabel = [
            [groep_bij_rang(regelset.profiel(inkomenstarief), r) for r in range(_RANGEN)]
            for regelset in ronde._regelsets
            for inkomenstarief in (False, True)
        ]
        self.ids = [g.id for g in ronde.groepen]
        self.regelset_codes = [regelset.code for regelset in ronde._regelsets]
        # A family's situation (rule set, vulnerable, children) as a number; with the rank it
        # numbers every distinct reason at a place group next to the band of the key.
        k1 = ronde.max_size + 1
        self.basis = [
            ((rs * 2 + e) * k1 + k) * _RANGEN for rs, e, k in zip(ronde.rs_idx, ronde.elig, size, strict=True)
        ]
        self.stap = len(self.tabel) * k1 * _RANGEN
        # Explanations by band and situation, per place group; and by place group and reason.
        self.memo: list[dict[int, KeuzeUitleg]] = [{} for _ in range(ronde.P)]
        self.gedeeld: dict[tuple, KeuzeUitleg] = {}

    def _grenzen(self) -> list[list[tuple[int, int]]]:
        """Per place group, its threshold keys with the number of children `k` (up to the seats)
        each is for: the key of the holder after which fewer than `k` seats are left (in
        `_bereken`, `vrij` drops below `k` past it). In a round with blocking pairs: every
        holder's key, for every number of children."""
        r = self.r
        if r.blokkerend:
            return [[(k, x) for k in range(1, r.max_size + 1) for x in alle] for alle in self.houders]
        grenzen = []
        for alle, cum, q in zip(self.houders, self.cum, r.cap, strict=True):
            na = [(k, bisect_right(cum, q - k)) for k in range(1, min(r.max_size, q) + 1)]
            grenzen.append([(k, alle[n - 1]) for k, n in na if n <= len(alle)])
        return grenzen

    def _keuze(self, i: int, p: int, kk: int) -> KeuzeUitleg:
        """The explanation of place group `p` as a choice of family `i` (key `kk`), shared by every
        family with the same reason there."""
        code = bisect_left(self.grenzen[p], kk) * self.stap + self.basis[i] + kk // self.r.N
        memo = self.memo[p]
        keuze = memo.get(code)
        if keuze is None:
            staart = self._bereken(i, p, kk)
            keuze = self.gedeeld.get((p, staart))
            if keuze is None:
                keuze = self.gedeeld[p, staart] = _nieuw(KeuzeUitleg, (self.ids[p], *staart))
            memo[code] = keuze
        return keuze

    def _keuzes(self, i: int) -> tuple[KeuzeUitleg, ...]:
        """Why the choices of family `i` above its outcome went to others, choice by choice."""
        r = self.r
        ch = r.CH[i][: r.ptr[i]]
        sleutels = r.KY[i] or [r.B1[i] if r.it[p] else r.B0[i] for p in ch]
        return tuple(map(self._keuze, repeat(i), ch, sleutels))

    def _broer_zus(self, i: int, keuzes: tuple[KeuzeUitleg, ...]) -> tuple[KeuzeUitleg, ...]:
        """The explanations of a family with a brother or sister at a location, given those of
        its class: the choices where its key is not the class's are worked out."""
        r = self.r
        ch = r.CH[i]
        ky = r.KY[i]
        zonder = (r.B0[i], r.B1[i])
        it = r.it
        anders = [j for j in range(len(keuzes)) if ky[j] != zonder[it[ch[j]]]]
        if not anders:
            return keuzes
        uit = list(keuzes)
        for j in anders:
            uit[j] = self._keuze(i, ch[j], ky[j])
        return tuple(uit)

    def _uitleggen(
        self,
        ids: list[int],
        plaats: list[int],
        ptr: list[int],
        keuzes: list[tuple],
        size: list[int],
        rs: list[int],
    ) -> list[Uitleg]:
        """The explanations of the families with request `ids`, from their place group (-1: none),
        current choice, the explanations of their choices, children and rule set (side by side)."""
        geen = self.ids + [None]  # plaats -1 (no place) gives None
        return list(
            map(
                _nieuw,
                repeat(Uitleg),
                zip(
                    ids,
                    map(geen.__getitem__, plaats),
                    [j + 1 if p >= 0 else None for p, j in zip(plaats, ptr, strict=True)],
                    keuzes,
                    size,
                    map(self.regelset_codes.__getitem__, rs),
                    # Several children, no place, and seats were short for them together.
                    [
                        p < 0 and k > 1 and _SAMEN in map(_reden, kz)
                        for p, k, kz in zip(plaats, size, keuzes, strict=True)
                    ],
                    strict=True,
                ),
            )
        )

    def uitleg(self, i: int, aanvrager_id: int) -> Uitleg:
        r = self.r
        keuzes = [self._keuzes(i)]
        return self._uitleggen([aanvrager_id], [r.plaats[i]], [r.ptr[i]], keuzes, [r.size[i]], [r.rs_idx[i]])[
            0
        ]

    def alle(self) -> dict[int, Uitleg]:
        """The explanation of every family by request id, in id order: class by class, each in
        runs of families in one band (see the module docstring)."""
        r = self.r
        N = r.N
        B0 = r.B0
        B1 = r.B1
        CH = r.CH
        ptr = r.ptr
        klassen: defaultdict[int, list[int]] = defaultdict(list)
        for i, b, b0, b1 in zip(range(N), self.basis, B0, B1, strict=True):
            klassen[(b + b0 // N) * _RANGEN + b1 // N].append(i)
        # Per tariff kind, rank and number of children: the threshold keys as (family, place group).
        drempels: defaultdict[tuple, list] = defaultdict(list)
        for p, (it, grenzen) in enumerate(zip(r.it, self.grenzen_k, strict=True)):
            for k, kk in grenzen:
                drempels[it, kk // N, k].append((kk % N, p))
        keuzes: list[tuple] = [()] * N  # per family
        for families in klassen.values():
            klasse = _Klasse(self)
            i = families[0]
            begin = 0
            # The threshold keys that change a reason for this class, by position: in its ranks,
            # for its number of children `k` and for one child (at one seat left the reason
            # changes too); (N, -1) closes the last run.
            r0 = B0[i] // N
            r1 = B1[i] // N
            k = r.size[i]
            grenzen = [*drempels[0, r0, 1], *drempels[1, r1, 1], (N, -1)]
            if k > 1:
                grenzen += [*drempels[0, r0, k], *drempels[1, r1, k]]
            uitleg = klasse.__getitem__
            for positie, p in sorted(grenzen):
                eind = bisect_right(families, positie, begin)
                if eind > begin:
                    # A run of families in one band at every place group: the explanations of
                    # their choices above their outcome (`ptr` of them: the index of the choice
                    # that holds the family, or all its choices if none does).
                    klasse.zet(families[begin])
                    for i in families[begin:eind]:
                        if tot := ptr[i]:
                            keuzes[i] = tuple(map(uitleg, CH[i][:tot]))
                    begin = eind
                klasse.pop(p, None)
        for i in [i for i, ky in enumerate(r.KY) if ky]:
            keuzes[i] = self._broer_zus(i, keuzes[i])
        # Built in family order (every list is read in its order, not at random), then put in
        # request id order.
        ids, volgorde = r.id_volgorde
        uitleggen = self._uitleggen(r._herschik(ids), r.plaats, r.ptr, keuzes, r.size, r.rs_idx)
        return dict(zip(ids, map(uitleggen.__getitem__, volgorde), strict=True))

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
        alle = self.houders[p]
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
