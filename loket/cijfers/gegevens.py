"""The reads behind the loket's figures: the confirmed requests submitted in a period, counted
and grouped in the database (`loket.cijfers.berekening.Tellingen`: GROUP BY with conditional
counts, and the waiting times as a count per number of days from which the median and percentiles
follow exactly), the choices of the waiting ones, the locations with the seats they still offer,
and the names to show; in a fixed number of queries whose results do not grow with the number of
requests. The same SQL runs on PostgreSQL and SQLite.

Each grouped count (`Vorm`) is read for the whole months of the period from its monthly counts
(`loket.models.Maandtelling`, kept by `loket.cijfers.maandtellingen`), and for the days before and
after them from the requests, with the same keys: a figure costs about the same whether Flanders
has a few hundred or a hundred thousand requests in the period (`Bron`).

Which requests count: those *submitted* (`ingediend`) in the period, from its first to its last
day inclusive, and confirmed (`bevestigd`: the family confirmed its e-mail address, or the loket
registered it); the others are only counted (`niet_bevestigd`). Anonymised requests count: their
statistics remain.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Aggregate,
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth

from huizen.models import Gemeente, Huis
from huizen.selectors import huizen_in
from kern.cijfers import Filter, Periode
from loket.cijfers.berekening import MEERDERE, ONBEKEND, WACHTEND, Locatie, Tellingen
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    MEERDERE_LEEFTIJDSGROEPEN,
    DagenMaandtelling,
    KenmerkMaandtelling,
    KeuzeMaandtelling,
    Maandtelling,
    Opvanglocatie,
    Opvangvraag,
    Status,
    StatusMaandtelling,
    Voorkeur,
    VrijePlaats,
)
from loket.selectors import VOORRANGSGROEPEN, in_voorrangsgroep
from loket.termijnen import plus_maanden

VOORRANGSVELDEN = [(sleutel, veld) for sleutel, veld, _label in VOORRANGSGROEPEN]
KENMERKVELDEN = [veld for veld, _label in KWETSBAARHEIDSKENMERKEN]


def gemeenten_in(filter: Filter) -> QuerySet[Gemeente]:
    """The gemeenten of a provincie and/or VRIND cluster."""
    gemeenten = Q()
    if filter.provincie:
        gemeenten &= Q(provincie=filter.provincie)
    if filter.cluster is not None:
        gemeenten &= Q(cluster__nummer=filter.cluster)
    return Gemeente.objects.filter(gemeenten)


def loketten_in(filter: Filter) -> set[int]:
    """The Huizen of `huizen_in(filter)` that run a loket (with locations or requests)."""
    # Two semi-joins in one UNION: each looks a Huis up in the index on `huis` (an OR of the two
    # scanned every request, and an EXISTS under an OR scanned the requests once per Huis).
    huizen = huizen_in(filter).order_by().values_list("pk", flat=True)
    met_locaties = huizen.filter(pk__in=Opvanglocatie.objects.values("huis_id"))
    met_vragen = huizen.filter(Exists(Opvangvraag.objects.filter(huis=OuterRef("pk"))))
    return set(met_locaties.union(met_vragen))


# --- what a request is, as SQL ------------------------------------------------------------------------


def _een_als(voorwaarde: Q) -> Case:
    return Case(When(voorwaarde, then=Value(1)), default=Value(0), output_field=IntegerField())


def _kwetsbaar(vragen: QuerySet, via: str = "") -> QuerySet:
    """As `Opvangvraag.is_kwetsbaar`: at least two features, one of them among the first three
    (of the request, or of the one reached `via` a relation, e.g. "opvangvraag__")."""
    velden = [via + veld for veld in KENMERKVELDEN]
    aantal = sum((_een_als(Q(**{veld: True})) for veld in velden[1:]), _een_als(Q(**{velden[0]: True})))
    eerste_drie = Q(**{velden[0]: True}) | Q(**{velden[1]: True}) | Q(**{velden[2]: True})
    return vragen.annotate(_kenmerken=aantal).annotate(
        kwetsbaar=Case(When(eerste_drie & Q(_kenmerken__gte=2), then=Value(True)), default=Value(False))
    )


def _leeftijdsgroep(opgeslagen: str) -> str:
    """The age group a request counts in, from the one it stores (`Opvangvraag.leeftijdsgroep`)."""
    if not opgeslagen:
        return ONBEKEND
    return MEERDERE if opgeslagen == MEERDERE_LEEFTIJDSGROEPEN else opgeslagen


def kalenderdagen(van: str, tot) -> ExpressionWrapper:
    """Calendar days between two moments (local dates), as a duration."""
    return ExpressionWrapper(TruncDate(tot) - TruncDate(van), output_field=DurationField())


def via_aanvraag(vragen: Q) -> Q:
    """A filter on requests (of `Opvangvraag` lookups, not expressions) as the same filter on what
    points to them through `opvangvraag` (their choices): a join, not a subquery."""
    return Q(
        *(
            via_aanvraag(deel) if isinstance(deel, Q) else (f"opvangvraag__{deel[0]}", deel[1])
            for deel in vragen.children
        ),
        _connector=vragen.connector,
        _negated=vragen.negated,
    )


# --- where the counts come from ----------------------------------------------------------------------


@dataclass(frozen=True)
class Vorm:
    """One grouped count of requests: read from the requests themselves (`ruw`: the rows to count
    of the requests of a filter; `per_maand`: also with their `maand`, `huis_id` and `gemeente_id`)
    or from its monthly counts (`model`, where `vast` holds what only this count has), with the
    same keys (`sleutels`, names in both) and counts (`tellers`: how to count a request, `samen`:
    how monthly counts add up)."""

    model: type[Maandtelling]
    sleutels: tuple[str, ...]
    tellers: dict[str, Aggregate]
    samen: dict[str, type[Aggregate]]
    ruw: Callable[[Q, bool], QuerySet]
    vast: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Bron:
    """Where the counts of a period come from: the requests of `vragen` (a filter on what a request
    and a monthly count both have: its loket `huis`, its home `gemeente`), submitted in `ruw` (read
    from the requests) or in the whole months `maanden` (first, first after; read from the monthly
    counts)."""

    vragen: Q
    ruw: Q | None
    maanden: tuple[datetime.date, datetime.date] | None

    @classmethod
    def van(cls, vragen: Q, periode: Periode, *, maandtellingen: bool = True) -> Bron:
        """The whole months of the period from the monthly counts, its other days from the
        requests; without `maandtellingen`, everything from the requests."""
        eerste = periode.van if periode.van.day == 1 else plus_maanden(periode.van.replace(day=1), 1)
        na = (periode.tot + datetime.timedelta(days=1)).replace(day=1)
        if not maandtellingen or eerste >= na:
            return cls(vragen, _ingediend_in(periode), None)
        randen = []
        if periode.van < eerste:
            randen.append(_ingediend_in(Periode(periode.van, eerste - datetime.timedelta(days=1))))
        if na <= periode.tot:
            randen.append(_ingediend_in(Periode(na, periode.tot)))
        return cls(vragen, Q(*randen, _connector=Q.OR) if randen else None, (eerste, na))

    def rijen(self, vorm: Vorm, **namen) -> list[tuple]:
        """The rows of `vorm`: its keys, its counts and `namen` (annotations on the keys), from the
        requests and from the monthly counts (a key can occur in both)."""
        rijen = []
        if self.ruw is not None:
            rijen += (
                vorm.ruw(self.vragen & self.ruw, False)
                .values_list(*vorm.sleutels)
                .annotate(**vorm.tellers)
                .annotate(**namen)
            )
        if self.maanden is not None:
            eerste, na = self.maanden
            rijen += (
                vorm.model.objects.filter(self.vragen, maand__gte=eerste, maand__lt=na, **vorm.vast)
                .order_by()
                .values_list(*vorm.sleutels)
                .annotate(**{f"_{naam}": samen(naam) for naam, samen in vorm.samen.items()})
                .annotate(**namen)
            )
        return rijen


def _ingediend_in(periode: Periode) -> Q:
    return Q(ingediend__gte=periode.begin, ingediend__lt=periode.einde)


MAAND = TruncMonth("ingediend", output_field=DateField())
BEVESTIGD = Q(bevestigd__isnull=False)


def _vragen(vragen: Q, per_maand: bool) -> QuerySet[Opvangvraag]:
    gefilterd = Opvangvraag.objects.filter(vragen).order_by()
    return gefilterd.annotate(maand=MAAND) if per_maand else gefilterd


def _kenmerkvragen(vragen: Q, per_maand: bool) -> QuerySet[Opvangvraag]:
    onvervuld = Q(status__in=[*WACHTEND, Status.VERLOPEN])
    return _kwetsbaar(_vragen(vragen & BEVESTIGD, per_maand)).annotate(
        antwoord=Case(When(eerste_antwoord__isnull=True, then=Value(False)), default=Value(True)),
        # one key per month (its first day), cheaper to group by than a year and a month
        startmaand=Case(When(onvervuld, then=TruncMonth("gewenste_start")), default=None),
    )


def _keuzevragen(vragen: Q, per_maand: bool) -> QuerySet[Voorkeur]:
    keuzes = Voorkeur.objects.filter(via_aanvraag(vragen & BEVESTIGD & Q(status__in=WACHTEND)), actief=True)
    if per_maand:
        keuzes = keuzes.annotate(
            maand=TruncMonth("opvangvraag__ingediend", output_field=DateField()),
            huis_id=F("opvangvraag__huis_id"),
            gemeente_id=F("opvangvraag__gemeente_id"),
        )
    return keuzes.order_by()


def _dagenvragen(moment: str, *voorwaarden: Q) -> Callable[[Q, bool], QuerySet[Opvangvraag]]:
    def vragen(gefilterd: Q, per_maand: bool) -> QuerySet[Opvangvraag]:
        met_moment = Q(BEVESTIGD, *voorwaarden, **{f"{moment}__isnull": False})
        return _kwetsbaar(_vragen(gefilterd & met_moment, per_maand)).annotate(
            wachtdagen=kalenderdagen("bevestigd", moment)
        )

    return vragen


_VOORRANG = {sleutel: in_voorrangsgroep(veld) for sleutel, veld in VOORRANGSVELDEN}

#: Per (loket, gemeente), status and location of the first confirmed placement.
PER_STATUS = Vorm(
    StatusMaandtelling,
    ("huis_id", "gemeente_id", "status", "geplaatst_bij_id"),
    {
        "n": Count("pk", filter=BEVESTIGD),
        "niet": Count("pk", filter=Q(bevestigd__isnull=True)),
        "eerste": Min("pk", filter=BEVESTIGD),
    },
    {"n": Sum, "niet": Sum, "eerste": Min},
    _vragen,
)
#: The confirmed requests per age group, type of care, vulnerability, status, answer and start
#: month of the unfulfilled ones; with their priority groups.
PER_KENMERK = Vorm(
    KenmerkMaandtelling,
    ("leeftijdsgroep", "soort_opvang", "kwetsbaar", "status", "antwoord", "startmaand"),
    {
        "n": Count("pk"),
        **{f"v_{sleutel}": Count("pk", filter=q) for sleutel, q in _VOORRANG.items()},
        "v_geen": Count("pk", filter=~Q(*_VOORRANG.values(), _connector=Q.OR)),
    },
    {"n": Sum, **{f"v_{sleutel}": Sum for sleutel in _VOORRANG}, "v_geen": Sum},
    _kenmerkvragen,
)
#: Per location, the active choices of waiting confirmed requests; those that are the request's
#: stored first choice (`Opvangvraag.eerste_keuze`, always one of its active choices) apart.
PER_KEUZE = Vorm(
    KeuzeMaandtelling,
    ("locatie_id",),
    {"n": Count("pk"), "als_eerste": Count("pk", filter=Q(locatie=F("opvangvraag__eerste_keuze")))},
    {"n": Sum, "als_eerste": Sum},
    _keuzevragen,
)
#: Per loket and vulnerability, the confirmed requests per number of calendar days from their
#: confirmation to their first answer, and (placed ones) to their placement.
DAGEN_ANTWOORD, DAGEN_PLAATSING = (
    Vorm(
        DagenMaandtelling,
        ("huis_id", "kwetsbaar", "wachtdagen"),
        {"n": Count("pk")},
        {"n": Sum},
        _dagenvragen(veld, *voorwaarden),
        {"moment": moment},
    )
    for moment, veld, voorwaarden in [
        ("antwoord", "eerste_antwoord", ()),
        ("plaatsing", "geplaatst_op", (Q(status=Status.GEPLAATST),)),
    ]
)
VORMEN = (PER_STATUS, PER_KENMERK, PER_KEUZE, DAGEN_ANTWOORD, DAGEN_PLAATSING)


# --- the counts --------------------------------------------------------------------------------------


def _per_loket_gemeente(
    bron: Bron, gemeenten: dict[int, str], huizen: dict[int, str]
) -> tuple[dict[tuple[int, int], Counter], int, Counter, set[int]]:
    """The confirmed requests per (loket, gemeente) and status, in the order of each pair's first
    request; the number of requests never confirmed; per location, the placed requests placed
    there; and every location where a confirmed request got its first confirmed placement (also
    if it ended since). One read: the requests are grouped by the location of their first
    confirmed placement too (`Opvangvraag.geplaatst_bij`). Adds the names of their gemeenten and
    Huizen to `gemeenten` and `huizen`."""
    # The names looked up once per group (a subquery on the grouped ids), not joined to every request.
    rijen = bron.rijen(
        PER_STATUS,
        gemeentenaam=Subquery(Gemeente.objects.filter(pk=OuterRef("gemeente_id")).order_by().values("naam")),
        huisnaam=Subquery(Huis.objects.filter(pk=OuterRef("huis_id")).order_by().values("naam")),
    )
    eerste: dict[tuple[int, int], int] = {}
    tellingen: dict[tuple[int, int], Counter] = defaultdict(Counter)
    niet_bevestigd = 0
    plaatsingen, locaties = Counter(), set()
    for huis_id, gemeente_id, status, locatie_id, n, niet, pk, gemeente, huis in rijen:
        niet_bevestigd += niet
        if n:
            gemeenten[gemeente_id] = gemeente
            huizen[huis_id] = huis
            tellingen[(huis_id, gemeente_id)][status] += n
            eerste[(huis_id, gemeente_id)] = min(pk, eerste.get((huis_id, gemeente_id), pk))
            if locatie_id is not None:
                locaties.add(locatie_id)
                if status == Status.GEPLAATST:
                    plaatsingen[locatie_id] += n
    per_loket_gemeente = {paar: tellingen[paar] for paar in sorted(tellingen, key=eerste.__getitem__)}
    return per_loket_gemeente, niet_bevestigd, plaatsingen, locaties


def _kenmerken(bron: Bron) -> tuple[Counter, Counter, dict[tuple[int, int], Counter]]:
    """Per age group, type of care, vulnerability, status and answered or not; the priority groups
    per status; and the still waiting or expired requests per month of the wished start."""
    groepen = [*_VOORRANG, "geen"]
    kenmerken, voorrang = Counter(), Counter()
    per_maand: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for leeftijdsgroep, soort, kwetsbaar, status, antwoord, maand, n, *per_groep in bron.rijen(PER_KENMERK):
        kenmerken[(_leeftijdsgroep(leeftijdsgroep), soort, bool(kwetsbaar), status, bool(antwoord))] += n
        for groep, aantal in zip(groepen, per_groep, strict=True):
            if aantal:
                voorrang[("" if groep == "geen" else groep, status)] += aantal
        if maand is not None:
            per_maand[(maand.year, maand.month)][status] += n
    return kenmerken, voorrang, dict(per_maand)


def _dagen_tot(bron: Bron, vorm: Vorm) -> dict[tuple[int, bool], Counter]:
    """Per (loket, vulnerable): the requests per number of calendar days from their confirmation
    to the moment of `vorm` (`DAGEN_ANTWOORD`, `DAGEN_PLAATSING`)."""
    dagen: dict[tuple[int, bool], Counter] = defaultdict(Counter)
    for huis_id, kwetsbaar, duur, n in bron.rijen(vorm):
        dagen[(huis_id, bool(kwetsbaar))][wachtdagen(duur)] += n
    return dict(dagen)


def wachtdagen(duur: datetime.timedelta | int) -> int:
    """A number of calendar days as the requests give it (a duration) or a monthly count (days)."""
    return duur if isinstance(duur, int) else duur.days


def _keuzes(bron: Bron) -> tuple[Counter, Counter]:
    """Per location: the waiting requests whose first (lowest ranked) active choice it is (which
    the request stores: `Opvangvraag.eerste_keuze`), and all active choices of waiting requests."""
    eerste, alle = Counter(), Counter()
    for locatie_id, n, als_eerste in bron.rijen(PER_KEUZE):
        alle[locatie_id] += n
        if als_eerste:
            eerste[locatie_id] += als_eerste
    return eerste, alle


def _locaties(locaties_filter: Q, gekozen: set[int], huizen: dict[int, str]) -> dict[int, Locatie]:
    """The locations, by id; adds the names of their Huizen to `huizen`."""
    locaties = {}
    for pk, naam, gemeente, huis_id, huis in Opvanglocatie.objects.filter(
        locaties_filter & Q(actief=True) | Q(pk__in=gekozen)
    ).values_list("pk", "naam", "gemeente__naam", "huis_id", "huis__naam"):
        locaties[pk] = Locatie(pk, f"{naam} ({gemeente})", huis_id)
        huizen[huis_id] = huis
    return locaties


def _aangeboden(locaties: Iterable[int]) -> dict[int, int]:
    return dict(
        VrijePlaats.objects.aangeboden()
        .filter(locatie__in=list(locaties))
        .order_by()
        .values("locatie")
        .annotate(n=Sum("aantal"))
        .values_list("locatie", "n")
    )


def geplaatst_van_elders(huis_id: int, periode: Periode, locaties_filter: Q) -> list[tuple[str, int]]:
    """The requests of other lokets (families living elsewhere) submitted in the period and placed
    at a location of the loket of `huis_id` (of `locaties_filter`): (home loket's name, count) per
    home loket, in one grouped query."""
    van_elders = ~Q(huis_id=huis_id) & Q(
        ingediend__gte=periode.begin,
        ingediend__lt=periode.einde,
        bevestigd__isnull=False,
        status=Status.GEPLAATST,
    )
    locaties = Opvanglocatie.objects.filter(locaties_filter, huis_id=huis_id).values("pk")
    return list(
        Opvangvraag.objects.filter(van_elders, geplaatst_bij__in=locaties)
        .values_list("huis__naam")
        .annotate(n=Count("pk"))
        .order_by("huis__naam")
    )


def lees_tellingen(
    vragen_filter: Q,
    locaties_filter: Q,
    periode: Periode,
    *,
    met_huizen: bool = False,
    gemeenten: dict[int, str] | None = None,
    huis_ids: Iterable[int] = (),
    maandtellingen: bool = True,
) -> Tellingen:
    """Count the requests of `vragen_filter` (on their loket `huis` and home `gemeente`) submitted
    in the period, and read the locations of `locaties_filter` (plus those the requests chose or
    were placed at). Names: of the requests' gemeenten and of `gemeenten` (id -> name, listed
    anyway); with `met_huizen`, of the Huizen of the requests and locations and of `huis_ids`.
    The whole months of the period are read from the monthly counts (without `maandtellingen`:
    everything from the requests, which is what those counts must always add up to)."""
    bron = Bron.van(vragen_filter, periode, maandtellingen=maandtellingen)
    gemeenten = dict(gemeenten or {})
    huizen: dict[int, str] = {}
    per_loket_gemeente, niet_bevestigd, plaatsingen, plaatsingslocaties = _per_loket_gemeente(
        bron, gemeenten, huizen
    )
    kenmerken, voorrang, onvervuld = _kenmerken(bron)
    eerste, alle = _keuzes(bron)
    locaties = _locaties(locaties_filter, set(alle) | plaatsingslocaties, huizen)
    if met_huizen:
        ontbrekend = set(huis_ids) - set(huizen)
        if ontbrekend:  # loketten without requests in the period nor locations shown
            huizen.update(Huis.objects.filter(pk__in=ontbrekend).values_list("pk", "naam"))
    else:
        huizen = {}
    return Tellingen(
        niet_bevestigd=niet_bevestigd,
        per_loket_gemeente=per_loket_gemeente,
        kenmerken=kenmerken,
        voorrang=voorrang,
        onvervuld=onvervuld,
        dagen_antwoord=_dagen_tot(bron, DAGEN_ANTWOORD),
        dagen_plaatsing=_dagen_tot(bron, DAGEN_PLAATSING),
        eerste_keuzes=eerste,
        alle_keuzes=alle,
        plaatsingen=plaatsingen,
        locaties=locaties,
        aangeboden=_aangeboden(locaties),
        gemeenten=gemeenten,
        huizen=huizen,
    )
