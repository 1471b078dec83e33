"""Why each choice ranked above a family's outcome went to others, read from the final state of a
round (`algoritme.Ronde`): the explanations of `Resultaat.uitleg` and `Resultaat.alle_uitleg`.

The reason a place group `p` gives a family with key `kk` depends only on how many of the holders
of `p` have a better key (the position of `kk` among their sorted keys), on the family's number
of children, its vulnerability, its rule set and its priority rank at `p`. Past the holders that
fill all seats of `p` (its threshold key, `_drempel`) the position no longer matters, and for a
family of one child it does not matter below the threshold either (seats were left for it). So
most choices fall in one of two bands per place group whose explanation depends on the family's
situation only: it is worked out once per band and situation and shared, down to the
`KeuzeUitleg` of each rank, and explaining a family is one list lookup per choice. The other
choices (families of several children below the threshold, siblings at a location, rounds with
blocking pairs) are worked out by position, memoised per place group.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

from .model import KeuzeUitleg, Reden, Uitleg
from .voorrang import GEEN_VOORRANG, GEEN_VOORRANG_NAAM, groep_bij_rang

if TYPE_CHECKING:
    from .algoritme import Ronde

_NAZIEN = Reden.NAZIEN
_SAMEN = Reden.SAMEN_PLAATSEN
_RANGEN = GEEN_VOORRANG + 1  # priority ranks are 0..GEEN_VOORRANG
_nieuw = tuple.__new__  # builds a named tuple from a tuple without its Python-level __new__


class Redenen:
    """The explanations of one round's outcome (the round must be finished)."""

    def __init__(self, ronde: Ronde):
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
        self.regelset_codes = [regelset.code for regelset in ronde._regelsets]
        # A family's situation (rule set, vulnerable, children) as a number; with the rank it
        # numbers every distinct reason at a place group next to the position of the key.
        k1 = ronde.max_size + 1
        self.basis = [
            ((rs * 2 + e) * k1 + k) * _RANGEN for rs, e, k in zip(ronde.rs_idx, ronde.elig, size, strict=True)
        ]
        self.stap = len(self.tabel) * k1 * _RANGEN
        self.memo: list[dict[int, tuple]] = [{} for _ in range(ronde.P)]
        # Above its threshold key a place group gives every family in one situation the same
        # reason (`_drempel`): that explanation is worked out once and shared.
        self.drempel = list(map(self._drempel, self.alle, self.cum, ronde.cap))
        self.per_situatie: dict[int, list] = {}
        # The explanations of a band not worked out yet (shared, never written: `_keuze` makes a
        # band its own row first).
        self._leeg = [None] * (max(map(len, ronde.CH), default=0) + 1)
        self._band = list(range(0, 2 * ronde.P, 2))  # the first band of each place group

    def keuzes(self, i: int, tot: int) -> list[KeuzeUitleg]:
        """Why the first `tot` choices of family `i` went to others."""
        r = self.r
        if r.KY[i]:
            return self._keuzes_broer_zus(i, tot)
        N = r.N
        it = r.it
        b0 = r.B0[i]
        b1 = r.B1[i]
        drempel = self.drempel
        # Most choices are in a band of their place group where the explanation depends on the
        # family's situation and the rank of the choice only (`_drempel`), and is shared: band
        # 2p + 1 above the threshold key of p, band 2p below it for families of one child.
        # snel[band][rang] is that explanation, snel[band][0] its reason (`_snel`).
        situatie0 = self.basis[i] + b0 // N
        situatie1 = self.basis[i] + b1 // N
        snel0 = self._snel(situatie0)
        snel1 = self._snel(situatie1)
        band_van = self._band
        uit = []
        for rang, p in enumerate(r.CH[i][:tot], 1):
            if it[p]:
                kk = b1
                snel = snel1
            else:
                kk = b0
                snel = snel0
            band = band_van[p] + (kk > drempel[p])
            keuze = snel[band][rang]
            if keuze is None:
                keuze = self._keuze(i, rang, p, kk, band, snel, situatie1 if it[p] else situatie0)
            uit.append(keuze)
        return uit

    def _keuze(self, i: int, rang: int, p: int, kk: int, band: int, snel: list, situatie: int) -> KeuzeUitleg:
        """A choice `keuzes` did not find in the shared bands: worked out, and shared if it may be."""
        r = self.r
        ids = self.ids
        if band & 1 or (r.size[i] == 1 and not r.blokkerend):  # below the threshold too
            gedeeld = snel[band]
            if gedeeld is self._leeg:
                gedeeld = snel[band] = [self._bereken(i, p, kk), *self._leeg[1:]]
            keuze = gedeeld[rang]
            if keuze is None:
                keuze = gedeeld[rang] = _nieuw(KeuzeUitleg, (rang, ids[p], *gedeeld[0]))
            return keuze
        code = bisect_left(self.alle[p], kk) * self.stap + situatie
        memo = self.memo[p]
        staart = memo.get(code)
        if staart is None:
            staart = memo[code] = self._bereken(i, p, kk)
        return _nieuw(KeuzeUitleg, (rang, ids[p], *staart))

    def _drempel(self, alle: list[int], cum: list[int], q: int) -> int:
        """The key above which `_bereken` depends on the family's situation only: past the holders
        that fill all `q` seats, or past every holder if seats are left. In a round with blocking
        pairs only past every holder (whether a pair blocks depends on the key itself)."""
        if self.r.blokkerend:
            return alle[-1] if alle else -1
        vol = bisect_left(cum, q)  # the first `vol` holders take all seats
        if vol == 0:
            return -1
        return alle[vol - 1] if vol < len(cum) else (alle[-1] if alle else -1)

    def _keuzes_broer_zus(self, i: int, tot: int) -> list[KeuzeUitleg]:
        """`keuzes` for a family with a brother or sister at a location: a key per choice."""
        ky = self.r.KY[i]
        ids = self.ids
        ch = self.r.CH[i]
        return [_nieuw(KeuzeUitleg, (j + 1, ids[ch[j]], *self._staart(i, ch[j], ky[j]))) for j in range(tot)]

    def _snel(self, situatie: int) -> list:
        """Per band of a place group (`keuzes`), the shared explanations for a family in
        `situatie` (rule set, vulnerable, children, rank)."""
        snel = self.per_situatie.get(situatie)
        if snel is None:
            snel = self.per_situatie[situatie] = [self._leeg] * (2 * self.r.P)
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
        return _nieuw(
            Uitleg,
            (
                aanvrager_id,
                self.ids[p] if geplaatst else None,
                r.ptr[i] + 1 if geplaatst else None,
                tuple(keuzes),
                k,
                self.regelset_codes[r.rs_idx[i]],
                not geplaatst and k > 1 and any(kz[2] is _SAMEN for kz in keuzes),
            ),
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
