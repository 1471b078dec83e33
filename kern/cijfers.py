"""The figures kernel: what every dashboard, table and report of the portal counts with.

- One set of filter dimensions over the Huizen: provincie, VRIND cluster (by number), municipal or
  intermunicipal (`Werking`), with or without a physical location (`Fysiek`), on a day (`Filter`).
- One count/share type (`Aandeel`): a number, the number it is a share of, and the query string
  that lists exactly what was counted.
- One percentage function with one rounding rule: half up, as the survey report prints
  (`procent`, `afronden`).
- Median, mean and percentiles from the standard library `statistics` (percentiles and quartiles
  inclusive, as PERCENTILE.INC and QUARTILE.INC in a spreadsheet); the median and percentiles
  also over a telling {value: how often}, as a GROUP BY in the database returns it.

It knows no domain: the apps fill these types from their own selectors.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.tabellen import datumtekst

# --- dimensions -------------------------------------------------------------------------------------


class Provincie(models.TextChoices):
    ANTWERPEN = "Antwerpen", _("Antwerpen")
    LIMBURG = "Limburg", _("Limburg")
    OOST_VLAANDEREN = "Oost-Vlaanderen", _("Oost-Vlaanderen")
    VLAAMS_BRABANT = "Vlaams-Brabant", _("Vlaams-Brabant")
    WEST_VLAANDEREN = "West-Vlaanderen", _("West-Vlaanderen")
    BRUSSEL = "Brussels Hoofdstedelijk Gewest", _("Brussels Hoofdstedelijk Gewest")


# The nine VRIND clusters of the 2022 survey report (seed 002), by number. Which gemeente belongs
# to which cluster is reference data of the huizen app.
VRIND_CLUSTERS = [
    (1, "Centrumsteden"),
    (2, "Grootstedelijke rand"),
    (3, "Grootsteden"),
    (4, "Kleinstedelijk provinciaal"),
    (5, "Overgangsgebied"),
    (6, "Platteland"),
    (7, "Regionaal stedelijke rand"),
    (8, "Stedelijk gebied rond Brussel"),
    (9, "Structuurondersteunende steden"),
]


class Werking(models.TextChoices):
    GEMEENTELIJK = "gemeentelijk", "Gemeentelijk"
    INTERGEMEENTELIJK = "intergemeentelijk", "Intergemeentelijk"
    ZONDER_GEMEENTE = "zonder", "Vandaag zonder gemeente"


class Fysiek(models.TextChoices):
    MET = "met", "Met een of meer fysieke locaties"
    MEERDERE = "meerdere", "Met meer dan één fysieke locatie"
    ZONDER = "zonder", "Zonder fysieke locatie"
    GEPLAND = "gepland", "Zonder fysieke locatie, plant er een"
    NIET_GEPLAND = "niet_gepland", "Zonder fysieke locatie, plant er geen"


def werking_van(aantal_gemeenten: int) -> Werking:
    """Municipal or intermunicipal by the number of gemeenten a Huis covers."""
    if aantal_gemeenten > 1:
        return Werking.INTERGEMEENTELIJK
    return Werking.GEMEENTELIJK if aantal_gemeenten == 1 else Werking.ZONDER_GEMEENTE


@dataclass(frozen=True)
class Filter:
    """Which part of Flanders: one provincie and/or one VRIND cluster (by number), on a day."""

    provincie: str = ""
    cluster: int | None = None
    datum: datetime.date | None = None

    @property
    def dag(self) -> datetime.date:
        return self.datum or timezone.localdate()

    def parameters(self) -> dict[str, str]:
        parameters = {}
        if self.provincie:
            parameters["provincie"] = self.provincie
        if self.cluster is not None:
            parameters["cluster"] = str(self.cluster)
        return parameters


# --- numbers ----------------------------------------------------------------------------------------

PROCENT_DECIMALEN = 1


def afronden(waarde: Decimal | float | int, decimalen: int) -> Decimal:
    """Round half up (2.25 -> 2.3), the one rounding rule of every printed figure."""
    if not isinstance(waarde, Decimal):
        waarde = Decimal(str(waarde))
    return waarde.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def procent(aantal: int, van: int, decimalen: int = PROCENT_DECIMALEN) -> Decimal | None:
    """`aantal` as a percentage of `van`, rounded half up; None when `van` is 0."""
    if not van:
        return None
    return afronden(Decimal(100 * aantal) / Decimal(van), decimalen)


def gemiddelde(waarden: Sequence, decimalen: int | None = None):
    """The mean (None without values), exact over Decimals; rounded half up when `decimalen` is
    given."""
    if not waarden:
        return None
    if all(isinstance(w, Decimal) for w in waarden):
        uitkomst = sum(waarden, Decimal(0)) / Decimal(len(waarden))
    else:
        uitkomst = statistics.fmean(waarden)
    return uitkomst if decimalen is None else afronden(uitkomst, decimalen)


def mediaan(waarden: Iterable, decimalen: int | None = None):
    """The median (None without values): the middle value, or the mean of the two middle ones."""
    reeks = sorted(waarden)
    if not reeks:
        return None
    uitkomst = statistics.median(reeks)
    return uitkomst if decimalen is None else afronden(uitkomst, decimalen)


def percentiel(waarden: Iterable, p: int, minimum: int = 1):
    """The p-th percentile (1-99), linear between the sorted values (PERCENTILE.INC); None over
    fewer than `minimum` values."""
    reeks = sorted(waarden)
    if not reeks or len(reeks) < minimum:
        return None
    if len(reeks) == 1:
        return reeks[0]
    return statistics.quantiles(reeks, n=100, method="inclusive")[p - 1]


def kwartielen(waarden: Iterable) -> tuple | None:
    """The first and third quartile (QUARTILE.INC); None over fewer than two values."""
    reeks = sorted(waarden)
    if len(reeks) < 2:
        return None
    eerste, _mediaan, derde = statistics.quantiles(reeks, n=4, method="inclusive")
    return eerste, derde


def _op_rangen(telling: Mapping, rangen: Sequence[int]) -> list:
    """The values at these 0-based ranks (ascending) of the values a telling counts."""
    waarden, tot, rangen = [], 0, list(rangen)
    for waarde in sorted(telling):
        tot += telling[waarde]
        while rangen and rangen[0] < tot:
            waarden.append(waarde)
            rangen.pop(0)
        if not rangen:
            break
    return waarden


def mediaan_van_telling(telling: Mapping, decimalen: int | None = None):
    """As `mediaan`, over a telling {value: how often} (e.g. grouped in the database)."""
    n = sum(telling.values())
    if not n:
        return None
    if n % 2:
        (uitkomst,) = _op_rangen(telling, [n // 2])
    else:
        laag, hoog = _op_rangen(telling, [n // 2 - 1, n // 2])
        uitkomst = (laag + hoog) / 2
    return uitkomst if decimalen is None else afronden(uitkomst, decimalen)


def percentiel_van_telling(telling: Mapping, p: int, minimum: int = 1):
    """As `percentiel` (PERCENTILE.INC), over a telling {value: how often}."""
    n = sum(telling.values())
    if not n or n < minimum:
        return None
    if n == 1:
        return next(waarde for waarde, aantal in telling.items() if aantal)
    # statistics.quantiles(method="inclusive") with n=100, step by step
    j, delta = divmod(p * (n - 1), 100)
    laag, hoog = _op_rangen(telling, [j, j + 1])
    return (laag * (100 - delta) + hoog * delta) / 100


# --- counts and shares ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Aandeel:
    """A number, the number it is a share of, and the query string that lists what was counted."""

    aantal: int
    van: int
    querystring: str = ""

    @property
    def procent(self) -> Decimal | None:
        return procent(self.aantal, self.van)


def querystring(*delen: dict[str, str]) -> str:
    """One query string from the parameters of a filter and a selection."""
    samen: dict[str, str] = {}
    for deel in delen:
        samen.update(deel)
    return urlencode(samen)


# --- periods ----------------------------------------------------------------------------------------

# A period of figures spans at most this many years.
MAXIMALE_PERIODE_JAREN = 5


def jaren_terug(dag: datetime.date, jaren: int) -> datetime.date:
    """The same day `jaren` years earlier (later when negative); 29 February becomes 28 February."""
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year - jaren, day=28)


def _middernacht(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


@dataclass(frozen=True)
class Periode:
    """From `van` up to and including `tot` (local dates)."""

    van: datetime.date
    tot: datetime.date

    @classmethod
    def laatste_12_maanden(cls, vandaag: datetime.date | None = None) -> Periode:
        vandaag = vandaag or timezone.localdate()
        return cls(van=jaren_terug(vandaag, 1) + datetime.timedelta(days=1), tot=vandaag)

    @property
    def begin(self) -> datetime.datetime:
        """The first moment of the period."""
        return _middernacht(self.van)

    @property
    def einde(self) -> datetime.datetime:
        """The first moment after the period."""
        return _middernacht(self.tot + datetime.timedelta(days=1))

    def __str__(self) -> str:
        return f"{datumtekst(self.van)} tot en met {datumtekst(self.tot)}"
