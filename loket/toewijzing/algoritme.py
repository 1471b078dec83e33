"""Family-proposing deferred acceptance (Gale-Shapley) with priority groups, reserved seats and
siblings placed together.

The rules, as the code applies them (`toewijzen`):

**Order at a place group.** Every family has one integer key per chosen place group:
`rank * N + position`, lower is better. `rank` is its priority rank there (`voorrang.rang`: the
rule set of its request date, the tariff kind of the place group, the sibling criterion only at
the location where the brother or sister goes); `position` is its place in the tie-break order
(registration date and time, or lottery number; the request id breaks exact ties). Keys are
unique, so every place group has a strict order and the key also names the family.

**Choice rule of a place group** with `q` seats of which `r` are reserved, given a set of families
(the "minimum guarantee" reserve, reserved seats filled first):

1. *Reserved seats.* The vulnerable families, best key first, each taking its `k` seats if `k`
   seats are still free among the `r` reserved ones, otherwise passed over (a later, smaller
   family may still fit).
2. *Open seats.* All other families (non-vulnerable ones, and vulnerable ones passed over in 1),
   best key first, each taking its `k` seats if they are still free among the `q - (seats taken
   in 1)` other seats, otherwise passed over. Reserved seats that vulnerable families do not take
   are thus released to everyone in this step.

So at least `min(r, demand)` seats go to vulnerable families, and a vulnerable family that would
win an open seat anyway uses a reserved one (the reserve is a floor, not an addition). A family of
`k` children is held only if `k` seats are free for it after the families with a better key that
the same step holds: siblings are placed together or not at all.

**Stability** (what the independent checker `controle.py` tests): a pair (family `x`, place group
`p`) blocks if `x` prefers `p` to its outcome and the choice rule of `p`, applied to the families
`p` holds plus `x`, would hold `x`. With reserved seats this means: a vulnerable family blocks if
its children fit in the reserved seats after the vulnerable families with a better key holding
reserved seats, or in the open seats after the families with a better key holding open seats; a
non-vulnerable family blocks if its children fit in the open seats (the seats not taken by
vulnerable families in step 1) after the families with a better key holding open seats.

**Algorithm.** Families enter one at a time in the order of their key at their first choice; a
family proposes to its choices best first until a place group holds it; a place group applies its
choice rule to its holders plus the proposer, and families it no longer holds continue with their
next choice (depth first, in a fixed order). When every family is held or has run out of choices,
the result is the family-optimal stable matching if every family needs one seat: the choice rule
is then substitutable and satisfies the law of aggregate demand, so the order in which families
enter does not matter and stating true preferences is a dominant strategy.

**Siblings.** With families of several children the choice rule is no longer substitutable:
a later family with a better key can push out a pair and leave a seat that an earlier rejected
single could now use. A stable matching then need not exist (deciding whether one exists is
NP-complete: McDermid and Manlove, "Keeping partners together", 2010), and the outcome depends on
the order of the steps. The round keeps it well-defined as the US resident matching does with
couples (Roth and Peranson, 1999): whenever seats may have been freed this way at a place group
(a family of several children pushed out, moved out of the reserved seats, or recalled), the
place group is checked once deferred acceptance is idle; the rejected family with the best key
that now fits and still prefers it is recalled there (it leaves its current place, which is
checked in its turn) and deferred acceptance continues. This repeats until no place group has
such a family: the matching is then stable in the sense above. If a family would be recalled to
the same place group a fourth time (a cycle, as in the instances without a stable matching), or
the total budget of recalls is spent, the pair is left alone: `Resultaat.stabiel` is False and
`Resultaat.blokkerende_paren` lists every blocking pair for staff (the explanation says the
choice is still being reviewed). Every step has a fixed order (families by key, place groups in
a stack, candidates by key), so the same input always gives the same result.

**Speed.** Keys are plain ints and a place group's holders are sorted lists of keys; for every
place group `grens` is the key of its last open-seat holder when its open seats are full, so
most rejections are one comparison. Rejections are logged per place group (the keys; vulnerable
families apart, as they have their own thresholds) and only searched, below the threshold, when a
place group is checked for recalls. The whole round runs in one call of `_verwerk` (families
enter one at a time as the stack empties), choices are tuples of place numbers. The explanations
are read from the final state afterwards (`redenen.py`), from each place group's threshold keys.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from contextlib import contextmanager
from itertools import accumulate, chain
from operator import add, attrgetter, itemgetter

from .model import (
    Aanvrager,
    Invoer,
    OngeldigeInvoer,
    Plaatsgroep,
    Reden,
    Regelset,
    Resultaat,
    Uitleg,
    Volgorde,
)
from .redenen import Redenen
from .voorrang import (
    REGELSETS,
    rang,
    regelset_op,
    reserveplaatsen,
    trek_lotnummers,
)

_ONEINDIG = 1 << 62
_NAZIEN = Reden.NAZIEN
_SAMEN = Reden.SAMEN_PLAATSEN
_GEEN_PLAATSEN = Reden.GEEN_VRIJE_PLAATSEN
_GERESERVEERD = Reden.GERESERVEERD
_ABSOLUUT = Reden.ABSOLUTE_VOORRANG
_HOGER = Reden.HOGERE_VOORRANG
_LOT = Reden.LAGER_LOTNUMMER
_EERDER = Reden.EERDER_INGESCHREVEN
_MAX_HERHALING = 3  # recalls of one family to one place group before it is left to staff


@contextmanager
def _zonder_gc():
    """Pause the cyclic garbage collector: a round allocates many small lists and tuples but no
    reference cycles, and the collector would otherwise rescan them over and over."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


def toewijzen(invoer: Invoer, *, max_terugroepingen: int | None = None) -> Resultaat:
    """Run a round: one place group or None per applicant, and the data to explain it."""
    with _zonder_gc():
        ronde = Ronde(invoer)
        ronde.voer_uit(max_terugroepingen)
        return ronde.resultaat()


def _tiebreak(invoer: Invoer, aanvragers: list[Aanvrager]) -> list[int]:
    """The tie-break order, as indexes into `aanvragers`; it is sorted by id, and the sorts are
    stable, so the id breaks exact ties."""
    if invoer.volgorde == Volgorde.LOTING:
        zonder = [a for a in aanvragers if a.lotnummer is None]
        if len(zonder) == len(aanvragers) and invoer.seed is not None:
            loten = trek_lotnummers((a.id for a in aanvragers), invoer.seed)
        elif zonder:
            raise OngeldigeInvoer(
                "Bij loting heeft elke aanvraag een lotnummer, of geen enkele en dan is er een seed."
            )
        else:
            loten = {a.id: a.lotnummer for a in aanvragers}
            if len(set(loten.values())) != len(loten):
                raise OngeldigeInvoer("Twee aanvragen hebben hetzelfde lotnummer.")
        lot = [loten[a.id] for a in aanvragers]
        return sorted(range(len(lot)), key=lot.__getitem__)
    ingediend = list(map(attrgetter("ingediend"), aanvragers))
    try:
        return sorted(range(len(ingediend)), key=ingediend.__getitem__)
    except TypeError as fout:
        raise OngeldigeInvoer(
            "Indieningstijden moeten allemaal met of allemaal zonder tijdzone zijn."
        ) from fout


def _gecontroleerd(invoer: Invoer) -> tuple[list[Aanvrager], list[Plaatsgroep]]:
    """The requests and place groups by id, each once, no negative capacity."""
    aanvragers = sorted(invoer.aanvragers, key=attrgetter("id"))
    if len(set(map(attrgetter("id"), aanvragers))) != len(aanvragers):
        raise OngeldigeInvoer("Elke aanvraag komt maar één keer voor.")
    groepen = sorted(invoer.plaatsgroepen, key=lambda g: g.id)
    if len({g.id for g in groepen}) != len(groepen):
        raise OngeldigeInvoer("Elke plaatsgroep komt maar één keer voor.")
    for groep in groepen:
        if groep.capaciteit < 0:
            raise OngeldigeInvoer(f"Plaatsgroep {groep.id} heeft een negatieve capaciteit.")
    return aanvragers, groepen


def _keuzes_als_nummers(aanvragers: list[Aanvrager], groepen: list[Plaatsgroep]) -> list[tuple[int, ...]]:
    """Every request's choices as place group numbers (tuples: built in one step, never changed)."""
    nummer = {g.id: p for p, g in enumerate(groepen)}.__getitem__
    try:
        return [tuple(map(nummer, a.keuzes)) for a in aanvragers]
    except (KeyError, TypeError):
        onbekend = next(g for a in aanvragers for g in a.keuzes if g not in {g.id for g in groepen})
        raise OngeldigeInvoer(f"Een aanvraag kiest een onbekende plaatsgroep ({onbekend}).") from None


def _vul(staart: list[int], zetels: list[int], ruimte: int) -> tuple[list[int], list[int], int, bool]:
    """The choice rule on a sorted run of holders (`zetels` seats each) with `ruimte` seats:
    (kept, no longer held, seats left, a family of several children no longer held)."""
    cum = list(accumulate(zetels))
    f = bisect_right(cum, ruimte)  # the first f all fit, one after the other
    if f == len(staart):
        return staart, [], ruimte - (cum[-1] if cum else 0), False
    blijft = staart[:f]
    if f:
        ruimte -= cum[f - 1]
    weg = []
    groot_weg = False
    for x, s in zip(staart[f:], zetels[f:], strict=True):
        if s <= ruimte:
            blijft.append(x)
            ruimte -= s
        else:
            weg.append(x)
            groot_weg = groot_weg or s > 1
    return blijft, weg, ruimte, groot_weg


class Ronde:
    """The state of one round, for callers that want its phases apart (the benchmark times them):
    `Ronde(invoer)` checks the input and builds the keys, `voer_uit()` runs the algorithm,
    `resultaat()` gives what `toewijzen` returns. Families are numbered 0..N-1 in tie-break order,
    place groups 0..P-1 in id order; all per-family and per-place data live in lists indexed by
    those numbers (plain lists of ints: the inner loop touches no objects). The requests are read
    once, in id order (the order they were loaded in, so in memory order: reading them in
    tie-break order would fetch every one from main memory), and the lists are then put in
    tie-break order (`_herschik`)."""

    def __init__(self, invoer: Invoer):
        self.invoer = invoer
        regelsets = tuple(invoer.regelsets) or REGELSETS
        aanvragers, groepen = _gecontroleerd(invoer)
        self._plaatsgroepen(groepen, regelset_op(invoer.peildatum, regelsets))
        self._op_id = aanvragers
        self._volgorde = _tiebreak(invoer, aanvragers)  # family number -> index in aanvragers
        self.positie = [0] * len(aanvragers)  # index in aanvragers -> family number
        for i, j in enumerate(self._volgorde):
            self.positie[j] = i
        self._gezinnen(aanvragers)
        self.CH = self._herschik(_keuzes_als_nummers(aanvragers, groepen))
        self._sleutels(aanvragers, regelsets)
        self._begintoestand()

    def _herschik(self, waarden: list) -> list:
        """Values per request (in id order) per family (in tie-break order)."""
        return list(map(waarden.__getitem__, self._volgorde))

    def _plaatsgroepen(self, groepen: list[Plaatsgroep], regelset_plaatsen: Regelset) -> None:
        """Per place group (numbered in id order): seats, tariff kind, location, reserved seats."""
        self.groepen = groepen
        self.regelset_plaatsen = regelset_plaatsen
        self.P = len(groepen)
        self.cap = [g.capaciteit for g in groepen]
        self.it = [1 if g.inkomenstarief else 0 for g in groepen]
        self.loc = [g.locatie for g in groepen]
        self.rsv = [
            reserveplaatsen(g.capaciteit, regelset_plaatsen.profiel(g.inkomenstarief).reserve_procent)
            for g in groepen
        ]

    def _gezinnen(self, aanvragers: list[Aanvrager]) -> None:
        """Per family (numbered in tie-break order): seats asked and vulnerability."""
        self.N = len(aanvragers)
        self.aanvragers = self._herschik(aanvragers)
        self._ids: dict[int, int] | None = None
        self._id_volgorde: tuple[list[int], list[int]] | None = None
        self.size = self._herschik([a.plaatsen for a in aanvragers])
        self.elig = self._herschik([1 if a.kwetsbaar else 0 for a in aanvragers])
        self.max_size = max(self.size, default=1)

    def _sleutels(self, aanvragers: list[Aanvrager], regelsets: tuple[Regelset, ...]) -> None:
        """Keys: rank * N + position. Without the sibling criterion the rank depends only on the
        rule set, the tariff kind and the family's features: B0 (free price) and B1 (income
        tariff) hold the key per family, computed once per combination of features. Families
        with a sibling at a location get a key per choice in KY (empty tuple for the others)."""
        N = self.N
        it = self.it
        loc = self.loc
        CH = self.CH
        self._regelsets = list(regelsets)
        dagen = [a.ingediend.date() for a in aanvragers]
        nummer = {id(regelset): n for n, regelset in enumerate(self._regelsets)}
        nummer_per_dag = {dag: nummer[id(regelset_op(dag, regelsets))] for dag in sorted(set(dagen))}
        rs_per_aanvraag = list(map(nummer_per_dag.__getitem__, dagen))
        self.rs_idx = self._herschik(rs_per_aanvraag)
        # The rank without the sibling criterion depends on the rule set and five features only.
        kenmerken = attrgetter(
            "opvang_voor_werk", "alleenstaande_ouder", "laag_inkomen", "pleegkind", "kwetsbaar"
        )
        profielen = list(zip(rs_per_aanvraag, map(kenmerken, aanvragers), strict=True))  # in id order
        rang_per_profiel: dict[tuple, tuple[int, int]] = {}
        for profiel, j in dict(zip(profielen, range(N), strict=True)).items():
            regelset = self._regelsets[profiel[0]]
            a = aanvragers[j]
            rang_per_profiel[profiel] = (
                rang(a, regelset.vrije_prijs, None) * N,
                rang(a, regelset.inkomenstarief, None) * N,
            )
        rangen = self._herschik(list(map(rang_per_profiel.__getitem__, profielen)))
        B0 = list(map(add, map(itemgetter(0), rangen), range(N)))
        B1 = list(map(add, map(itemgetter(1), rangen), range(N)))
        # At the location of a brother or sister the rank depends on the same, with the sibling
        # criterion: computed once per combination too.
        met_broer_zus: dict[tuple, tuple[int, int]] = {}
        KY: list = [()] * N
        positie = self.positie
        for j in [j for j, a in enumerate(aanvragers) if a.broer_zus_locaties]:
            a = aanvragers[j]
            i = positie[j]
            broer_zus = a.broer_zus_locaties
            profiel = profielen[j]
            if profiel not in met_broer_zus:
                regelset = self._regelsets[profiel[0]]
                met_broer_zus[profiel] = (
                    rang(a, regelset.vrije_prijs, broer_zus[0]) * N,
                    rang(a, regelset.inkomenstarief, broer_zus[0]) * N,
                )
            met = met_broer_zus[profiel]
            zonder = (B0[i], B1[i])
            KY[i] = [met[it[p]] + i if loc[p] in broer_zus else zonder[it[p]] for p in CH[i]]
        self.B0 = B0
        self.B1 = B1
        self.KY = KY

    def _begintoestand(self) -> None:
        """The state of deferred acceptance before the first proposal."""
        N, P = self.N, self.P
        self.ptr = [0] * N  # index of the family's current choice (len(keuzes): none left)
        self.plaats = [-1] * N  # the place group that holds the family, -1 if none
        self.res: list[list[int]] = [[] for _ in range(P)]  # keys holding reserved seats, sorted
        self.hold: list[list[int]] = [[] for _ in range(P)]  # keys holding open seats, sorted
        self.used1 = [0] * P  # reserved seats taken
        self.used = [0] * P  # open seats taken
        # grens[p]: a family not using reserved seats, with a key above it, is passed over (the open
        # seats are all taken by families with a better key); _ONEINDIG while open seats are free.
        self.grens = [_ONEINDIG if c > 0 else -1 for c in self.cap]
        # Keys of the families a place group rejected: vulnerable ones apart (they may use the
        # reserved seats, so they are searched up to another threshold, see _beste_kandidaat).
        self.rej: list[list[int]] = [[] for _ in range(P)]
        self.rejk: list[list[int]] = [[] for _ in range(P)]
        self.vuil: list[int] = []  # place groups where a rejected family may now fit
        self.is_vuil = [False] * P
        self.terugroepingen = 0
        self.teller: dict[tuple[int, int], int] = {}  # recalls per (family, place group)
        self.opgegeven = False
        self.blokkerend: list[tuple[int, int]] = []
        self._redenen: Redenen | None = None
        self._loting = self.invoer.volgorde == Volgorde.LOTING

    def _sleutel(self, i: int, j: int) -> int:
        """The key of family `i` at its choice `j`."""
        ky = self.KY[i]
        if ky:
            return ky[j]
        return self.B1[i] if self.it[self.CH[i][j]] else self.B0[i]

    @property
    def index(self) -> dict[int, int]:
        """Family number by request id."""
        if self._ids is None:
            self._ids = {a.id: i for i, a in enumerate(self.aanvragers)}
        return self._ids

    @property
    def id_volgorde(self) -> tuple[list[int], list[int]]:
        """The request ids in id order, and the family number of each: for the result and its
        explanations, which both list the families by id."""
        if self._id_volgorde is None:
            self._id_volgorde = ([a.id for a in self._op_id], self.positie)
        return self._id_volgorde

    # -- deferred acceptance ------------------------------------------------------------------------

    def voer_uit(self, max_terugroepingen: int | None = None) -> None:
        N = self.N
        it = self.it
        eerste = [
            (ky[0] if ky else (b1 if it[ch[0]] else b0)) if ch else _ONEINDIG
            for ch, ky, b0, b1 in zip(self.CH, self.KY, self.B0, self.B1, strict=True)
        ]
        self._verwerk([], sorted(range(N), key=eerste.__getitem__))
        if max_terugroepingen is None:
            max_terugroepingen = 100 + 10 * sum(1 for k in self.size if k > 1)
        self._herstel(max_terugroepingen)

    def _verwerk(self, stapel: list[int], instroom: Iterable[int] = ()) -> None:
        """Let the families on the stack propose until every one is held or out of choices; then
        the families of `instroom` enter one at a time, each once the stack is empty again (one
        call for the whole round: the locals below are set up once, not once per family)."""
        N = self.N
        CH = self.CH
        KY = self.KY
        B0 = self.B0
        B1 = self.B1
        it = self.it
        size = self.size
        elig = self.elig
        ptr = self.ptr
        plaats = self.plaats
        hold = self.hold
        used = self.used
        used1 = self.used1
        cap = self.cap
        rsv = self.rsv
        grens = self.grens
        rej_van = (self.rej, self.rejk)  # by vulnerability
        open_in = self._open_in
        kwetsbaar_in = self._kwetsbaar_in
        markeer = self._markeer
        pop = stapel.pop
        push = stapel.append
        volgende = iter(instroom).__next__
        while True:
            if stapel:
                i = pop()
            else:
                try:
                    i = volgende()
                except StopIteration:
                    return
            ch = CH[i]
            ky = KY[i]
            b0 = B0[i]
            b1 = B1[i]
            n = len(ch)
            k = size[i]
            e = elig[i]
            rej = rej_van[e]
            for j in range(ptr[i], n):
                p = ch[j]
                kk = ky[j] if ky else (b1 if it[p] else b0)
                if kk > grens[p] and not (e and rsv[p]):
                    # Passed over: the open seats are taken by families with a better key.
                    rej[p].append(kk)
                    continue
                if e and rsv[p]:
                    if kwetsbaar_in(p, kk, k, stapel):
                        plaats[i] = p
                        ptr[i] = j
                        break
                else:
                    h = hold[p]
                    u = used[p] + k
                    c = cap[p] - used1[p]
                    if u <= c:
                        # Free seats for all the children: nobody else is affected.
                        insort(h, kk)
                        used[p] = u
                        if u == c:
                            grens[p] = h[-1]
                        plaats[i] = p
                        ptr[i] = j
                        break
                    if h and kk < h[-1]:
                        if k == 1:
                            # One child and no free seat: the family with the last key goes (if
                            # it has more children, seats are freed: see _herstel).
                            w = h.pop()
                            insort(h, kk)
                            d = w % N
                            s = size[d]
                            if s == 1:
                                grens[p] = h[-1]
                            else:
                                used[p] = u - s
                                grens[p] = _ONEINDIG
                                markeer(p)
                            plaats[i] = p
                            ptr[i] = j
                            rej_van[elig[d]][p].append(w)
                            ptr[d] += 1
                            plaats[d] = -1
                            push(d)
                            break
                        if open_in(p, kk, k, stapel):
                            plaats[i] = p
                            ptr[i] = j
                            break
                rej[p].append(kk)
            else:
                ptr[i] = n

    def _zet_grens(self, p: int) -> None:
        h = self.hold[p]
        c = self.cap[p] - self.used1[p]
        if self.used[p] < c:
            self.grens[p] = _ONEINDIG
        elif h:
            self.grens[p] = h[-1]
        else:
            self.grens[p] = -1

    def _los(self, p: int, weg: list[int], stapel: list[int]) -> None:
        """Families no longer held by `p` continue with their next choice."""
        N = self.N
        ptr = self.ptr
        plaats = self.plaats
        elig = self.elig
        rej_van = (self.rej[p], self.rejk[p])
        for w in weg:
            d = w % N
            rej_van[elig[d]].append(w)
            ptr[d] += 1
            plaats[d] = -1
            stapel.append(d)

    def _open_in(self, p: int, kk: int, k: int, stapel: list[int]) -> bool:
        """Step 2 of the choice rule with a newcomer (key `kk`, `k` seats); True if it is held."""
        N = self.N
        size = self.size
        h = self.hold[p]
        c = self.cap[p] - self.used1[p]
        idx = bisect_left(h, kk)
        staart = h[idx:]
        zetels = list(map(size.__getitem__, map(N.__rmod__, staart)))  # size[x % N] per holder
        ruimte = c - (self.used[p] - sum(zetels))
        if ruimte < k:
            return False  # passed over: nothing changes
        blijft, weg, ruimte, groot_weg = _vul(staart, zetels, ruimte - k)
        h[idx:] = [kk, *blijft]
        self.used[p] = c - ruimte
        self._zet_grens(p)
        if weg:
            self._los(p, weg, stapel)
        if groot_weg:
            self._markeer(p)
        return True

    def _kwetsbaar_in(self, p: int, kk: int, k: int, stapel: list[int]) -> bool:
        """A vulnerable newcomer at a place group with reserved seats; True if it is held."""
        N = self.N
        size = self.size
        R = self.res[p]
        idx = bisect_left(R, kk)
        zetels_staart = sum(map(size.__getitem__, map(N.__rmod__, R[idx:])))
        ruimte1 = self.rsv[p] - (self.used1[p] - zetels_staart)
        if ruimte1 < k:
            # Step 1 passes it over (no effect); step 2 as any other family.
            h = self.hold[p]
            u = self.used[p]
            if u + k <= self.cap[p] - self.used1[p]:
                insort(h, kk)
                self.used[p] = u + k
                self._zet_grens(p)
                return True
            if not h or kk > h[-1]:
                return False
            return self._open_in(p, kk, k, stapel)
        if zetels_staart > ruimte1 - k:
            # Somebody in the reserved seats below the newcomer no longer fits there: it moves to
            # the open seats (and may free reserved seats for others): apply the rule from scratch.
            return self._herbereken(p, kk, stapel)
        insort(R, kk)
        self.used1[p] += k
        # The open seats shrink by k: recompute step 2 if the open holders no longer fit.
        c = self.cap[p] - self.used1[p]
        if self.used[p] > c:
            # The holders before the first one that no longer fits all stay: start from there.
            h = self.hold[p]
            f = len(h)
            voor = self.used[p]  # seats taken by h[:f]
            while voor > c:
                f -= 1
                voor -= size[h[f] % N]
            staart = h[f:]
            blijft, weg, ruimte, groot_weg = _vul(staart, [size[x % N] for x in staart], c - voor)
            h[f:] = blijft
            self.used[p] = c - ruimte
            self._los(p, weg, stapel)
            if groot_weg:
                self._markeer(p)
        self._zet_grens(p)
        return True

    def _kies(self, p: int, sleutels: list[int]) -> tuple[list[int], list[int], int, int]:
        """The choice rule of `p` applied to a sorted list of keys: (reserved, open, seats, seats)."""
        N = self.N
        size = self.size
        elig = self.elig
        ruimte1 = self.rsv[p]
        R = []
        rest = []
        for x in sleutels:
            s = size[x % N]
            if elig[x % N] and s <= ruimte1:
                R.append(x)
                ruimte1 -= s
            else:
                rest.append(x)
        used1 = self.rsv[p] - ruimte1
        ruimte = self.cap[p] - used1
        open_ = []
        for x in rest:
            s = size[x % N]
            if s <= ruimte:
                open_.append(x)
                ruimte -= s
        return R, open_, used1, self.cap[p] - used1 - ruimte

    def _herbereken(self, p: int, kk: int | None, stapel: list[int]) -> bool:
        """Apply the choice rule of `p` from scratch to its holders (plus newcomer `kk`)."""
        oud = sorted(self.res[p] + self.hold[p] + ([kk] if kk is not None else []))
        R, open_, used1, used = self._kies(p, oud)
        self.res[p][:] = R
        self.hold[p][:] = open_
        self.used1[p] = used1
        self.used[p] = used
        self._zet_grens(p)
        gekozen = set(R)
        gekozen.update(open_)
        weg = [x for x in oud if x not in gekozen and x != kk]
        self._los(p, weg, stapel)
        self._markeer(p)  # rare: check the place group whatever changed
        return kk is not None and kk in gekozen

    # -- recalls (siblings) -------------------------------------------------------------------------

    def _markeer(self, p: int) -> None:
        if not self.is_vuil[p]:
            self.is_vuil[p] = True
            self.vuil.append(p)

    def _past(self, i: int, kk: int, p: int) -> bool:
        """Would the choice rule of `p` hold family `i` (key `kk`) next to its current holders?"""
        N = self.N
        size = self.size
        k = size[i]
        if self.elig[i] and self.rsv[p]:
            R = self.res[p]
            boven = 0
            for x in R[: bisect_left(R, kk)]:
                boven += size[x % N]
            if boven + k <= self.rsv[p]:
                return True
        h = self.hold[p]
        boven = 0
        for x in h[: bisect_left(h, kk)]:
            boven += size[x % N]
        return boven + k <= self.cap[p] - self.used1[p]

    def _drempels(self, p: int) -> list[int]:
        """Per class (seats * 2 + vulnerable): a family of that class with a key below the
        threshold would be held by `p` now (the seats it can use are not all taken above it)."""
        N = self.N
        size = self.size

        def drempel(sleutels: list[int], cum: list[int], plaatsen: int, k: int) -> int:
            """The first holder whose seats, with those above it (`cum`), leave fewer than k."""
            if plaatsen < k:
                return -1
            idx = bisect_right(cum, plaatsen - k)
            return sleutels[idx] if idx < len(sleutels) else _ONEINDIG

        h = self.hold[p]
        cum_h = list(accumulate(map(size.__getitem__, map(N.__rmod__, h))))
        c = self.cap[p] - self.used1[p]
        R = self.res[p]
        cum_r = list(accumulate(map(size.__getitem__, map(N.__rmod__, R))))
        r = self.rsv[p]
        drempels = [-1] * (2 * self.max_size + 2)
        for k in range(1, self.max_size + 1):
            open_drempel = drempel(h, cum_h, c, k)
            drempels[2 * k] = open_drempel
            drempels[2 * k + 1] = max(open_drempel, drempel(R, cum_r, r, k)) if r else open_drempel
        return drempels

    def _beste_kandidaat(self, p: int) -> tuple[int, int] | None:
        """The best-keyed family rejected by `p`, still preferring it, that now fits: (family,
        index of `p` in its choices)."""
        drempels = self._drempels(p)
        beste = _ONEINDIG
        uitgeput = _ONEINDIG  # the best key of a family recalled too often to `p`
        for e, rej in ((0, self.rej[p]), (1, self.rejk[p])):
            kk, overgeslagen = self._eerste_kandidaat(p, rej, drempels, e, beste)
            beste = min(beste, kk)
            uitgeput = min(uitgeput, overgeslagen)
        if uitgeput < beste:
            self.opgegeven = True  # a cycle: left to staff as a blocking pair
        if beste == _ONEINDIG:
            return None
        i = beste % self.N
        return i, self.CH[i].index(p)

    def _eerste_kandidaat(
        self, p: int, rej: list[int], drempels: list[int], e: int, tot: int
    ) -> tuple[int, int]:
        """In one log of `p` (vulnerability `e`), below key `tot`: the best key of a family that
        now fits and still prefers `p`, and the best key of one skipped because it was recalled
        too often (each _ONEINDIG if none)."""
        hoogste = min(tot, max(drempels[e::2]))
        if hoogste < 0 or not rej or min(rej) >= hoogste:
            return _ONEINDIG, _ONEINDIG  # most logs: one pass, no sort
        N = self.N
        ptr = self.ptr
        size = self.size
        CH = self.CH
        teller = self.teller
        uitgeput = _ONEINDIG
        # The log sorted in place: sorted already but for the keys logged since the last check,
        # so sorting it again costs little more than one pass; then the keys below `hoogste`.
        # (Most logs hold no key below `hoogste`: the pass of `min` above skips those.)
        rej.sort()
        for kk in rej[: bisect_left(rej, hoogste)]:
            i = kk % N
            if kk < drempels[2 * size[i] + e] and ptr[i] > CH[i].index(p):
                if teller.get((i, p), 0) < _MAX_HERHALING:
                    return kk, uitgeput
                uitgeput = min(uitgeput, kk)
        return _ONEINDIG, uitgeput

    def _verwijder(self, i: int, stapel: list[int]) -> None:
        """Take family `i` out of the place group holding it (it goes to a better one)."""
        p = self.plaats[i]
        if p < 0:
            return
        kk = self._sleutel(i, self.ptr[i])
        for lijst in (self.res[p], self.hold[p]):
            idx = bisect_left(lijst, kk)
            if idx < len(lijst) and lijst[idx] == kk:
                del lijst[idx]
                break
        self.plaats[i] = -1
        self._herbereken(p, None, stapel)

    def _herstel(self, budget: int) -> None:
        stapel: list[int] = []
        while self.vuil:
            p = self.vuil.pop()
            self.is_vuil[p] = False
            beste = self._beste_kandidaat(p)
            if beste is None:
                continue
            if self.terugroepingen >= budget:
                self.opgegeven = True
                break
            self.terugroepingen += 1
            i, j = beste
            self.teller[i, p] = self.teller.get((i, p), 0) + 1
            self._verwijder(i, stapel)
            self._verwerk(stapel)
            self.ptr[i] = j
            stapel.append(i)
            self._verwerk(stapel)
            self._markeer(p)
        if self.opgegeven:
            self.blokkerend = self._alle_blokkerende()

    def _alle_blokkerende(self) -> list[tuple[int, int]]:
        paren = set()
        N = self.N
        for p in range(self.P):
            for kk in chain(self.rej[p], self.rejk[p]):
                i = kk % N
                j = self.CH[i].index(p)
                if self.ptr[i] > j and self._past(i, kk, p):
                    paren.add((self.aanvragers[i].id, self.groepen[p].id))
        return sorted(paren)

    # -- result and explanations --------------------------------------------------------------------

    def resultaat(self) -> Resultaat:
        ids, families = self.id_volgorde
        geen = [g.id for g in self.groepen] + [None]  # plaats -1 (no place) gives None
        plaatsen = map(geen.__getitem__, map(self.plaats.__getitem__, families))
        toewijzing = dict(zip(ids, plaatsen, strict=True))
        return Resultaat(
            toewijzing=toewijzing,
            stabiel=not self.blokkerend,
            blokkerende_paren=tuple(self.blokkerend),
            terugroepingen=self.terugroepingen,
            regelset_plaatsen=self.regelset_plaatsen.code,
            _staat=self,
        )

    def bezetting(self) -> dict[int, int]:
        return {g.id: self.used[p] + self.used1[p] for p, g in enumerate(self.groepen)}

    def redenen(self) -> Redenen:
        """The explanations of the outcome, kept for single look-ups (`uitleg`)."""
        if self._redenen is None:
            self._redenen = Redenen(self)
        return self._redenen

    def uitleg(self, aanvrager_id: int) -> Uitleg:
        return self.redenen().uitleg(self.index[aanvrager_id], aanvrager_id)

    def alle_uitleg(self) -> dict[int, Uitleg]:
        """Every explanation in one pass: a fresh `Redenen`, dropped afterwards."""
        with _zonder_gc():
            return Redenen(self).alle()
