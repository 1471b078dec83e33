"""The arithmetic of the loket's figures, on the counts a report reads (`Tellingen`, grouped in the
database by `loket.cijfers.gegevens`, or from records with `tel`): no queries, no labels.

- A request's outcome: placed, still waiting, or withdrawn or expired without a placement.
- Vulnerable: at least two of the five features, one of them among the first three.
- Age group at start: of each child on the wished start; siblings in different age groups are
  one request of several groups (`MEERDERE`).
- Waiting times in calendar days from the confirmation (`bevestigd`, when the request joins the
  queue) to the first answer (`eerste_antwoord`, the first offer) and to the placement, counted
  per number of days. Median and 90th percentile from the figures kernel (`kern.cijfers`, as
  PERCENTILE.INC in a spreadsheet), not computed over fewer than `MINIMUM_VOOR_PERCENTIEL` values.
- Preferences: the first choice of a request is its active choice with the lowest rank.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone

from kern.cijfers import mediaan_van_telling, percentiel_van_telling
from loket.models import Status

MINIMUM_VOOR_PERCENTIEL = 5

GEPLAATST, WACHT, AFGESLOTEN = "geplaatst", "wacht", "afgesloten"
UITKOMSTEN = (GEPLAATST, WACHT, AFGESLOTEN)
UITKOMST_VAN_STATUS = {
    Status.GEPLAATST: GEPLAATST,
    Status.ACTIEF: WACHT,
    Status.AANBOD: WACHT,
    Status.INGEDIEND: WACHT,
    Status.INGETROKKEN: AFGESLOTEN,
    Status.VERLOPEN: AFGESLOTEN,
}
WACHTEND = tuple(status for status, uitkomst in UITKOMST_VAN_STATUS.items() if uitkomst == WACHT)

MEERDERE = "meerdere"
ONBEKEND = "onbekend"


# --- the records ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vraag:
    """What the figures need of one confirmed request (no personal data), as a record."""

    pk: int
    huis_id: int
    gemeente_id: int
    uitkomst: str
    status: str
    soort_opvang: str
    voorrang: tuple[str, ...]
    kwetsbaar: bool
    bevestigd: datetime.datetime
    eerste_antwoord: datetime.datetime | None
    gewenste_start: datetime.date
    leeftijdsgroep: str
    geplaatst_op: datetime.datetime | None = None
    geplaatst_bij: int | None = None  # location


@dataclass(frozen=True)
class Locatie:
    pk: int
    naam: str
    huis_id: int


@dataclass
class Gegevens:
    """A report's requests as records (`tel` gives its `Tellingen`)."""

    vragen: list[Vraag]
    niet_bevestigd: int
    keuzes: list[tuple[int, int, int]]  # (request, location, rank): active choices of waiting requests
    locaties: dict[int, Locatie]
    aangeboden: dict[int, int]  # location -> seats of the free places it still offers
    gemeenten: dict[int, str]  # names of the requests' gemeenten (and of those listed anyway)
    huizen: dict[int, str] = field(default_factory=dict)


# --- one request ------------------------------------------------------------------------------------


def uitkomst_van(status: str) -> str:
    return UITKOMST_VAN_STATUS.get(status, WACHT)


def is_kwetsbaar(kenmerken: Iterable[bool]) -> bool:
    """As Opvangvraag.is_kwetsbaar: at least two features, one of them among the first three."""
    kenmerken = [bool(k) for k in kenmerken]
    return any(kenmerken[:3]) and sum(kenmerken) >= 2


def leeftijdsgroep_van(groepen: set[str]) -> str:
    """The age group of a request from those of its children."""
    if len(groepen) == 1:
        return next(iter(groepen))
    return MEERDERE if groepen else ONBEKEND


@dataclass
class Tellingen:
    """Everything a report's figures are computed from: counts of the confirmed requests, never
    the requests themselves, so their size does not grow with the number of requests."""

    niet_bevestigd: int
    # (loket, home gemeente) -> requests per status, in the order of each pair's first request
    per_loket_gemeente: dict[tuple[int, int], Counter]
    # (age group, type of care, vulnerable, status, answered) -> requests
    kenmerken: Counter
    # (priority group key, or "" for none, status) -> requests (a request counts in each group)
    voorrang: Counter
    # (year, month) of the wished start -> still waiting or expired requests per status
    onvervuld: dict[tuple[int, int], Counter]
    # (loket, vulnerable) -> {days from confirmation to the first answer: requests}
    dagen_antwoord: dict[tuple[int, bool], Counter]
    # (loket, vulnerable) -> {days from confirmation to the placement: placed requests}
    dagen_plaatsing: dict[tuple[int, bool], Counter]
    eerste_keuzes: Counter  # location -> waiting requests whose first active choice it is
    alle_keuzes: Counter  # location -> active choices of waiting requests
    plaatsingen: Counter  # location -> placed requests placed there
    locaties: dict[int, Locatie]
    aangeboden: dict[int, int]  # location -> seats of the free places it still offers
    gemeenten: dict[int, str]
    huizen: dict[int, str] = field(default_factory=dict)


def tel(gegevens: Gegevens | Tellingen) -> Tellingen:
    """The counts of records (as the database groups them)."""
    if isinstance(gegevens, Tellingen):
        return gegevens
    vragen = gegevens.vragen
    per_loket_gemeente: dict[tuple[int, int], Counter] = defaultdict(Counter)
    kenmerken, voorrang = Counter(), Counter()
    onvervuld: dict[tuple[int, int], Counter] = defaultdict(Counter)
    dagen_antwoord: dict[tuple[int, bool], Counter] = defaultdict(Counter)
    dagen_plaatsing: dict[tuple[int, bool], Counter] = defaultdict(Counter)
    plaatsingen = Counter()
    for v in vragen:
        per_loket_gemeente[(v.huis_id, v.gemeente_id)][v.status] += 1
        antwoord = v.eerste_antwoord is not None
        kenmerken[(v.leeftijdsgroep, v.soort_opvang, v.kwetsbaar, v.status, antwoord)] += 1
        for sleutel in v.voorrang or ("",):
            voorrang[(sleutel, v.status)] += 1
        if v.uitkomst == WACHT or v.status == Status.VERLOPEN:
            onvervuld[(v.gewenste_start.year, v.gewenste_start.month)][v.status] += 1
        if antwoord:
            dagen_antwoord[(v.huis_id, v.kwetsbaar)][dagen_tussen(v.bevestigd, v.eerste_antwoord)] += 1
        if v.uitkomst == GEPLAATST and v.geplaatst_op:
            dagen_plaatsing[(v.huis_id, v.kwetsbaar)][dagen_tussen(v.bevestigd, v.geplaatst_op)] += 1
        if v.uitkomst == GEPLAATST and v.geplaatst_bij:
            plaatsingen[v.geplaatst_bij] += 1
    eerste: dict[int, tuple[int, int]] = {}
    for vraag_id, locatie_id, rang in gegevens.keuzes:
        if vraag_id not in eerste or rang < eerste[vraag_id][1]:
            eerste[vraag_id] = (locatie_id, rang)
    return Tellingen(
        niet_bevestigd=gegevens.niet_bevestigd,
        per_loket_gemeente=dict(per_loket_gemeente),
        kenmerken=kenmerken,
        voorrang=voorrang,
        onvervuld=dict(onvervuld),
        dagen_antwoord=dict(dagen_antwoord),
        dagen_plaatsing=dict(dagen_plaatsing),
        eerste_keuzes=Counter(locatie_id for locatie_id, _rang in eerste.values()),
        alle_keuzes=Counter(locatie_id for _v, locatie_id, _r in gegevens.keuzes),
        plaatsingen=plaatsingen,
        locaties=gegevens.locaties,
        aangeboden=gegevens.aangeboden,
        gemeenten=gegevens.gemeenten,
        huizen=gegevens.huizen,
    )


# --- groups and counts ------------------------------------------------------------------------------


def som(tellingen: Iterable[Counter]) -> Counter:
    """The counts added up."""
    totaal = Counter()
    for telling in tellingen:
        totaal.update(telling)
    return totaal


def uitkomsten(per_status: Mapping[str, int]) -> tuple[int, ...]:
    """Placed, waiting, withdrawn or expired, and the total, from requests per status."""
    tel_uitkomst = Counter()
    for status, n in per_status.items():
        tel_uitkomst[uitkomst_van(status)] += n
    return (*(tel_uitkomst[uitkomst] for uitkomst in UITKOMSTEN), sum(per_status.values()))


def wachtend(per_status: Mapping[str, int]) -> int:
    return sum(n for status, n in per_status.items() if uitkomst_van(status) == WACHT)


def per_status(kenmerken: Mapping[tuple, int], **waar: object) -> Counter:
    """Requests per status of the `kenmerken` groups whose named parts have these values (parts:
    leeftijdsgroep, soort_opvang, kwetsbaar, antwoord)."""
    delen = ("leeftijdsgroep", "soort_opvang", "kwetsbaar", "status", "antwoord")
    telling = Counter()
    for sleutel, n in kenmerken.items():
        groep = dict(zip(delen, sleutel, strict=True))
        if all(groep[deel] == waarde for deel, waarde in waar.items()):
            telling[groep["status"]] += n
    return telling


def samenhangende_groepen(paren: Iterable[tuple[int, int]]) -> list[set[str]]:
    """The groups of loketten ("loket:<id>") and gemeenten ("gemeente:<id>") linked by requests: a
    request links its loket (`paren`: (loket, gemeente), in the order of the requests) to the
    family's gemeente."""
    ouder: dict[str, str] = {}

    def wortel(knoop: str) -> str:
        while ouder.setdefault(knoop, knoop) != knoop:
            ouder[knoop] = ouder[ouder[knoop]]
            knoop = ouder[knoop]
        return knoop

    for huis_id, gemeente_id in paren:
        ouder[wortel(f"loket:{huis_id}")] = wortel(f"gemeente:{gemeente_id}")
    groepen: dict[str, set[str]] = defaultdict(set)
    for knoop in list(ouder):
        groepen[wortel(knoop)].add(knoop)
    return list(groepen.values())


# --- waiting times ------------------------------------------------------------------------------------


def dagen_tussen(begin: datetime.datetime, einde: datetime.datetime) -> int:
    """Calendar days from one moment to another (local dates)."""
    return (timezone.localdate(einde) - timezone.localdate(begin)).days


def _telling(dagen: Iterable[int] | Mapping[int, int]) -> Mapping[int, int]:
    return dagen if isinstance(dagen, Mapping) else Counter(dagen)


def mediaan_dagen(
    dagen: Iterable[int] | Mapping[int, int], minimum: int = MINIMUM_VOOR_PERCENTIEL
) -> float | None:
    """The median of the days (a list, or a telling {days: how often}); None over fewer than
    `minimum` values."""
    telling = _telling(dagen)
    return float(mediaan_van_telling(telling)) if sum(telling.values()) >= minimum else None


def percentiel_dagen(
    dagen: Iterable[int] | Mapping[int, int], p: int, minimum: int = MINIMUM_VOOR_PERCENTIEL
) -> float | None:
    """The p-th percentile of the days (a list, or a telling); None over fewer than `minimum` values."""
    waarde = percentiel_van_telling(_telling(dagen), p, minimum=minimum)
    return None if waarde is None else float(waarde)
