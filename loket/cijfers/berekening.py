"""The arithmetic of the loket's figures, on the records a report reads (`loket.cijfers.gegevens`):
no queries, no labels.

- A request's outcome: placed, still waiting, or withdrawn or expired without a placement.
- Vulnerable: at least two of the five features, one of them among the first three.
- Age group at start: of each child on the wished start; siblings in different age groups are
  one request of several groups (`MEERDERE`).
- Waiting times in calendar days from the confirmation (`bevestigd`, when the request joins the
  queue) to the first answer (`eerste_antwoord`, the first offer) and to the placement. Median
  and 90th percentile from the figures kernel (`kern.cijfers`, as PERCENTILE.INC in a
  spreadsheet), not computed over fewer than `MINIMUM_VOOR_PERCENTIEL` values.
- Preferences: the first choice of a request is its active choice with the lowest rank.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from kern.cijfers import mediaan, percentiel
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
    """What the figures need of one confirmed request (no personal data)."""

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
    """Everything a report's figures are computed from."""

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


# --- groups and counts ------------------------------------------------------------------------------


def per(vragen: Iterable[Vraag], sleutel: Callable[[Vraag], Hashable]) -> dict[Hashable, list[Vraag]]:
    """The requests grouped by `sleutel`, in the order they come."""
    groepen: dict[Hashable, list[Vraag]] = defaultdict(list)
    for v in vragen:
        groepen[sleutel(v)].append(v)
    return groepen


def uitkomsten(vragen: list[Vraag]) -> tuple[int, ...]:
    """Placed, waiting, withdrawn or expired, and the total."""
    tel = Counter(v.uitkomst for v in vragen)
    return (*(tel[uitkomst] for uitkomst in UITKOMSTEN), len(vragen))


def wachtend(vragen: Iterable[Vraag]) -> int:
    return sum(1 for v in vragen if v.uitkomst == WACHT)


def wachtend_zonder_antwoord(vragen: Iterable[Vraag]) -> int:
    return sum(1 for v in vragen if v.uitkomst == WACHT and v.eerste_antwoord is None)


def onvervuld_per_maand(vragen: Iterable[Vraag]) -> dict[tuple[int, int], list[Vraag]]:
    """Requests still waiting or expired without a placement, per (year, month) of the wished start."""
    onvervuld = (v for v in vragen if v.uitkomst == WACHT or v.status == Status.VERLOPEN)
    return per(onvervuld, lambda v: (v.gewenste_start.year, v.gewenste_start.month))


def eerste_keuzes(keuzes: Iterable[tuple[int, int, int]]) -> Counter:
    """Per location: the requests whose first (lowest ranked) active choice it is."""
    eerste: dict[int, tuple[int, int]] = {}
    for vraag_id, locatie_id, rang in keuzes:
        if vraag_id not in eerste or rang < eerste[vraag_id][1]:
            eerste[vraag_id] = (locatie_id, rang)
    return Counter(locatie_id for locatie_id, _rang in eerste.values())


def alle_keuzes(keuzes: Iterable[tuple[int, int, int]]) -> Counter:
    """Per location: the active choices of it."""
    return Counter(locatie_id for _v, locatie_id, _r in keuzes)


def plaatsingen_per_locatie(vragen: Iterable[Vraag]) -> Counter:
    return Counter(v.geplaatst_bij for v in vragen if v.uitkomst == GEPLAATST and v.geplaatst_bij)


def samenhangende_groepen(vragen: Iterable[Vraag]) -> list[set[str]]:
    """The groups of loketten ("loket:<id>") and gemeenten ("gemeente:<id>") linked by requests: a
    request links its loket to the family's gemeente."""
    ouder: dict[str, str] = {}

    def wortel(knoop: str) -> str:
        while ouder.setdefault(knoop, knoop) != knoop:
            ouder[knoop] = ouder[ouder[knoop]]
            knoop = ouder[knoop]
        return knoop

    for v in vragen:
        ouder[wortel(f"loket:{v.huis_id}")] = wortel(f"gemeente:{v.gemeente_id}")
    groepen: dict[str, set[str]] = defaultdict(set)
    for knoop in list(ouder):
        groepen[wortel(knoop)].add(knoop)
    return list(groepen.values())


# --- waiting times ------------------------------------------------------------------------------------


def dagen_tussen(begin: datetime.datetime, einde: datetime.datetime) -> int:
    """Calendar days from one moment to another (local dates)."""
    return (timezone.localdate(einde) - timezone.localdate(begin)).days


def dagen_tot_eerste_antwoord(vragen: Iterable[Vraag]) -> list[int]:
    return [dagen_tussen(v.bevestigd, v.eerste_antwoord) for v in vragen if v.eerste_antwoord]


def dagen_tot_plaatsing(vragen: Iterable[Vraag]) -> list[int]:
    return [
        dagen_tussen(v.bevestigd, v.geplaatst_op)
        for v in vragen
        if v.uitkomst == GEPLAATST and v.geplaatst_op
    ]


def mediaan_dagen(dagen: list[int], minimum: int = MINIMUM_VOOR_PERCENTIEL) -> float | None:
    """The median of the days; None over fewer than `minimum` values."""
    return float(mediaan(dagen)) if len(dagen) >= minimum else None


def percentiel_dagen(dagen: list[int], p: int, minimum: int = MINIMUM_VOOR_PERCENTIEL) -> float | None:
    """The p-th percentile of the days; None over fewer than `minimum` values."""
    waarde = percentiel(dagen, p, minimum=minimum)
    return None if waarde is None else float(waarde)
