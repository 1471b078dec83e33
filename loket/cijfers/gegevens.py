"""The reads behind the loket's figures: the confirmed requests submitted in a period, counted
and grouped in the database (`loket.cijfers.berekening.Tellingen`: GROUP BY with conditional
counts, and the waiting times as a count per number of days from which the median and percentiles
follow exactly), the choices of the waiting ones, the locations with the seats they still offer,
and the names to show; in a fixed number of queries whose results do not grow with the number of
requests. The same SQL runs on PostgreSQL and SQLite.

Which requests count: those *submitted* (`ingediend`) in the period, from its first to its last
day inclusive, and confirmed (`bevestigd`: the family confirmed its e-mail address, or the loket
registered it); the others are only counted (`niet_bevestigd`). Anonymised requests count: their
statistics remain.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import (
    Case,
    Count,
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
    Opvanglocatie,
    Opvangvraag,
    Status,
    Voorkeur,
    VrijePlaats,
)
from loket.selectors import VOORRANGSGROEPEN, in_voorrangsgroep

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


# --- the counts --------------------------------------------------------------------------------------


def _per_loket_gemeente(
    in_periode: QuerySet[Opvangvraag], gemeenten: dict[int, str], huizen: dict[int, str]
) -> tuple[dict[tuple[int, int], Counter], int, Counter, set[int]]:
    """The confirmed requests per (loket, gemeente) and status, in the order of each pair's first
    request; the number of requests never confirmed; per location, the placed requests placed
    there; and every location where a confirmed request got its first confirmed placement (also
    if it ended since). One read: the requests are grouped by the location of their first
    confirmed placement too (`Opvangvraag.geplaatst_bij`). Adds the names of their gemeenten and
    Huizen to `gemeenten` and `huizen`."""
    # The names looked up once per group (a subquery on the grouped ids), not joined to every request.
    rijen = (
        in_periode.order_by()
        .values_list("huis_id", "gemeente_id", "status", "geplaatst_bij_id")
        .annotate(
            n=Count("pk", filter=Q(bevestigd__isnull=False)),
            niet=Count("pk", filter=Q(bevestigd__isnull=True)),
            eerste=Min("pk", filter=Q(bevestigd__isnull=False)),
        )
        .annotate(
            gemeente=Subquery(Gemeente.objects.filter(pk=OuterRef("gemeente_id")).order_by().values("naam")),
            huis=Subquery(Huis.objects.filter(pk=OuterRef("huis_id")).order_by().values("naam")),
        )
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


def _kenmerken(bevestigd: QuerySet[Opvangvraag]) -> tuple[Counter, Counter, dict[tuple[int, int], Counter]]:
    """Per age group, type of care, vulnerability, status and answered or not; the priority groups
    per status; and the still waiting or expired requests per month of the wished start (one query)."""
    groepen = {sleutel: in_voorrangsgroep(veld) for sleutel, veld in VOORRANGSVELDEN}
    voorrangstellingen = {f"v_{sleutel}": Count("pk", filter=q) for sleutel, q in groepen.items()}
    voorrangstellingen["v_"] = Count("pk", filter=~Q(*groepen.values(), _connector=Q.OR))
    onvervuld = Q(status__in=[*WACHTEND, Status.VERLOPEN])
    vragen = _kwetsbaar(bevestigd.order_by()).annotate(
        antwoord=Case(When(eerste_antwoord__isnull=True, then=Value(False)), default=Value(True)),
        # one key per month (its first day), cheaper to group by than a year and a month
        maand=Case(When(onvervuld, then=TruncMonth("gewenste_start")), default=None),
    )
    delen = ("leeftijdsgroep", "soort_opvang", "kwetsbaar", "status", "antwoord", "maand")
    kenmerken, voorrang = Counter(), Counter()
    per_maand: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for rij in vragen.values(*delen).annotate(n=Count("pk"), **voorrangstellingen):
        status = rij["status"]
        sleutel = (
            _leeftijdsgroep(rij["leeftijdsgroep"]),
            rij["soort_opvang"],
            bool(rij["kwetsbaar"]),
        )
        kenmerken[(*sleutel, status, bool(rij["antwoord"]))] += rij["n"]
        for groep in [*groepen, ""]:
            if rij[f"v_{groep}"]:
                voorrang[(groep, status)] += rij[f"v_{groep}"]
        if rij["maand"] is not None:
            per_maand[(rij["maand"].year, rij["maand"].month)][status] += rij["n"]
    return kenmerken, voorrang, dict(per_maand)


def _dagen_tot(vragen: QuerySet[Opvangvraag], moment: str) -> dict[tuple[int, bool], Counter]:
    """Per (loket, vulnerable): the requests of `vragen` per number of calendar days from their
    confirmation to `moment` (a field of the request; those without it do not count)."""
    dagen: dict[tuple[int, bool], Counter] = defaultdict(Counter)
    for huis_id, kwetsbaar, duur, n in (
        _kwetsbaar(vragen.filter(**{f"{moment}__isnull": False}).order_by())
        .values_list("huis_id", "kwetsbaar", kalenderdagen("bevestigd", moment))
        .annotate(n=Count("pk"))
    ):
        dagen[(huis_id, bool(kwetsbaar))][duur.days] += n
    return dict(dagen)


def _keuzes(bevestigd: Q) -> tuple[Counter, Counter]:
    """Per location: the waiting requests whose first (lowest ranked) active choice it is (which
    the request stores: `Opvangvraag.eerste_keuze`), and all active choices of waiting requests;
    both from one read of the active choices joined to their requests, grouped by location, with
    a conditional count of those that are their request's stored first choice (always one of its
    active choices)."""
    rijen = (
        Voorkeur.objects.filter(via_aanvraag(bevestigd & Q(status__in=WACHTEND)), actief=True)
        .order_by()
        .values_list("locatie")
        .annotate(n=Count("pk"), als_eerste=Count("pk", filter=Q(locatie=F("opvangvraag__eerste_keuze"))))
    )
    eerste, alle = Counter(), Counter()
    for locatie_id, n, als_eerste in rijen:
        alle[locatie_id] = n
        if als_eerste:
            eerste[locatie_id] = als_eerste
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
) -> Tellingen:
    """Count the requests of `vragen_filter` submitted in the period, and read the locations of
    `locaties_filter` (plus those the requests chose or were placed at). Names: of the requests'
    gemeenten and of `gemeenten` (id -> name, listed anyway); with `met_huizen`, of the Huizen of
    the requests and locations and of `huis_ids`."""
    in_periode_filter = vragen_filter & Q(ingediend__gte=periode.begin, ingediend__lt=periode.einde)
    bevestigd_filter = in_periode_filter & Q(bevestigd__isnull=False)
    in_periode = Opvangvraag.objects.filter(in_periode_filter)
    bevestigd = Opvangvraag.objects.filter(bevestigd_filter)
    gemeenten = dict(gemeenten or {})
    huizen: dict[int, str] = {}
    per_loket_gemeente, niet_bevestigd, plaatsingen, plaatsingslocaties = _per_loket_gemeente(
        in_periode, gemeenten, huizen
    )
    kenmerken, voorrang, onvervuld = _kenmerken(bevestigd)
    eerste, alle = _keuzes(bevestigd_filter)
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
        dagen_antwoord=_dagen_tot(bevestigd, "eerste_antwoord"),
        dagen_plaatsing=_dagen_tot(bevestigd.filter(status=Status.GEPLAATST), "geplaatst_op"),
        eerste_keuzes=eerste,
        alle_keuzes=alle,
        plaatsingen=plaatsingen,
        locaties=locaties,
        aangeboden=_aangeboden(locaties),
        gemeenten=gemeenten,
        huizen=huizen,
    )
