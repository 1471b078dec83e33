"""Figures of the Lokaal Loket Kinderopvang (decree task 4): for the gemeente's council, the
organisers and Opgroeien, per gemeente and period.

Public API (each returns a `Cijfers` with every table; nothing here checks who may see it):

- `cijfers_loket(huis, periode=None, gemeente=None)`: the requests of the loket of `huis`,
  broken down per home gemeente (optionally only one gemeente);
- `cijfers_gemeente(gemeente, periode=None)`: the requests of families living in `gemeente`;
- `cijfers_vlaanderen(periode=None, provincie="", cluster=None)`: Flanders-wide, for Opgroeien,
  with a table per loket;
- `onderdruk(cijfers_of_tabel)`: the same figures with small counts hidden (see below), for
  everything that leaves the loket;
- `grafieken(cijfers)`: the charts (kern.grafieken) of the tables that have one;
- `Periode` (default: the last 12 months), `Cijfers.als_tabellen()` for pages and downloads.

Which requests count
- Requests *submitted* (`ingediend`) in the period, from its first to its last day inclusive.
- Only requests that were confirmed (`bevestigd`: the family confirmed its e-mail address, or the
  loket registered it). Requests never confirmed are not counted; their number is given
  separately (`Cijfers.niet_bevestigd`). Anonymised requests count: their statistics remain.
- Uitkomst: geplaatst (placed); wacht nog (active or with an offer: still waiting); ingetrokken
  of verlopen (withdrawn or expired without a placement).
- Age group at start: of each child on the wished start date (`Leeftijdsgroep.bij_start`);
  siblings in different age groups form their own row, so every request is in one row.
- Priority groups: a request counts in every group it belongs to (rows do not add up).
  Vulnerable: at least two of the five features, one of them among the first three.
- Waiting times in calendar days from the confirmation (`bevestigd`, when the request joins the
  queue) to the first answer (`eerste_antwoord`, the first offer) and to the placement (the
  confirmed offer's `bevestigd`). Median and 90th percentile with linear interpolation between
  the sorted values (as PERCENTILE.INC in Excel); not shown over fewer than 5 values. Requests
  still without an answer are not in these figures (they are counted beside them).
- Unmet demand: requests still waiting or expired without a placement, per month of the wished start.
- Preferences: the active choices of the requests still waiting (first choice = the choice with
  the lowest rank) per location, beside the seats the location offers today (free places still
  offered) and the placements of the period's requests there. Flanders-wide: per loket.
- Flanders-wide, a provincie or VRIND cluster holds the requests of families whose home gemeente
  lies in it (the gemeente's `provincie` and `cluster`, as huizen.overzicht); the loketten listed
  are the Huizen of `huizen.overzicht.huizen_in(filter)` that run a loket, and any other loket
  with requests from these gemeenten.

Small counts (`onderdruk`)
1. Every count of families from 1 to 4 is hidden and shown as "< 5" (0 is shown: it points at
   no family). Seats of locations and days are never hidden.
2. A row or column that adds up to a total (the total included) must not let anyone compute a
   hidden count: whenever a hidden cell of such a line can be pinned to one value (knowing that
   a "< 5" is 1 to 4 and any other hidden count at least 5), the smallest other count of that
   line (not 0; a total only as a last resort) is hidden too, shown as "verborgen". This repeats
   until no line pins a hidden cell; a line never has exactly one hidden cell.
3. The same figure in several tables (e.g. the total of the placed requests) is hidden in all of
   them when it is hidden in one.
4. Flanders-wide, the tables per loket and per gemeente count the same requests: for every group
   of loketten and the gemeenten they serve, their rows add up to each other and to the total
   minus the other groups; these sums are lines as in rule 2 (`Cijfers.verbanden`).
Protection covers these sums within one `Cijfers`; combining several reports (e.g. two periods,
or a loket's report with and without a gemeente filter) is not guarded against.
"""

from __future__ import annotations

import datetime
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone

from huizen.models import Gemeente, Huis, Werkingsgebied
from huizen.selectors import huizen_in
from kern.cijfers import Filter
from kern.grafieken import Staafdiagram, staafdiagram
from kern.tabellen import Cel, Tabel
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    Aanbod,
    AanbodStatus,
    Kind,
    Leeftijdsgroep,
    Opvanglocatie,
    Opvangvraag,
    SoortOpvang,
    Status,
    Voorkeur,
    VrijePlaats,
)
from loket.selectors import VOORRANGSGROEPEN

KLEIN = 5  # counts under this are hidden in everything that leaves the loket
MINIMUM_VOOR_PERCENTIEL = 5
MAXIMUM_RIJEN_GRAFIEK = 40  # a longer table (e.g. all gemeenten of Flanders) gets no chart
MAXIMALE_PERIODE_JAREN = 5
TEKEN_KLEIN = "< 5"
TEKEN_VERBORGEN = "verborgen"
UITLEG_ONDERDRUKKING = (
    "< 5: minder dan 5 gezinnen. Verborgen: niet getoond, zodat een klein aantal niet uit een "
    "totaal kan worden berekend."
)

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# Outcome of a request: key, label, statuses.
UITKOMSTEN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("geplaatst", "Geplaatst", (Status.GEPLAATST,)),
    ("wacht", "Wacht nog", (Status.ACTIEF, Status.AANBOD, Status.INGEDIEND)),
    ("afgesloten", "Ingetrokken of verlopen", (Status.INGETROKKEN, Status.VERLOPEN)),
)
UITKOMST_VAN_STATUS = {status: sleutel for sleutel, _label, statussen in UITKOMSTEN for status in statussen}
UITKOMSTKOLOMMEN = [label for _sleutel, label, _statussen in UITKOMSTEN] + ["Totaal"]

MEERDERE = "meerdere"
ONBEKEND = "onbekend"
LEEFTIJDSRIJEN: tuple[tuple[str, str], ...] = (
    (Leeftijdsgroep.BABY, "Baby (jonger dan 18 maanden)"),
    (Leeftijdsgroep.PEUTER, "Peuter (18 maanden tot 3 jaar)"),
    (Leeftijdsgroep.SCHOOLKIND, "Kleuter of schoolkind (vanaf 3 jaar)"),
    (MEERDERE, "Broers of zussen in verschillende leeftijdsgroepen"),
)


# --- the period -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periode:
    """Submitted from `van` up to and including `tot` (local dates)."""

    van: datetime.date
    tot: datetime.date

    @classmethod
    def laatste_12_maanden(cls, vandaag: datetime.date | None = None) -> Periode:
        vandaag = vandaag or timezone.localdate()
        try:
            jaar_terug = vandaag.replace(year=vandaag.year - 1)
        except ValueError:  # 29 February
            jaar_terug = vandaag.replace(year=vandaag.year - 1, day=28)
        return cls(van=jaar_terug + datetime.timedelta(days=1), tot=vandaag)

    @property
    def begin(self) -> datetime.datetime:
        return _middernacht(self.van)

    @property
    def einde(self) -> datetime.datetime:
        """The first moment after the period."""
        return _middernacht(self.tot + datetime.timedelta(days=1))

    def __str__(self) -> str:
        return f"{self.van:%d-%m-%Y} tot en met {self.tot:%d-%m-%Y}"


def _middernacht(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


# --- values and tables --------------------------------------------------------------------------


@dataclass(frozen=True)
class Waarde:
    """One figure. `soort`: "aantal" (families or requests: hidden when small), "plaatsen" (seats
    of a location: never hidden) or "dagen" (a duration; None when not shown). `sleutel` names the
    same figure in other tables. `verborgen` is "" or the sign shown instead ("< 5", "verborgen")."""

    getal: int | float | None
    soort: str = "aantal"
    sleutel: str = ""
    verborgen: str = ""

    @property
    def is_klein(self) -> bool:
        return self.soort == "aantal" and isinstance(self.getal, int) and 0 < self.getal < KLEIN

    @property
    def cel(self) -> Cel:
        if self.verborgen:
            return Cel(self.verborgen, "aantal")
        if self.soort == "dagen":
            return Cel(self.getal, "gemiddelde")
        return Cel(self.getal, "aantal")

    @property
    def tekst(self) -> str:
        return self.cel.tekst

    @property
    def grafiekwaarde(self) -> float | None:
        return None if self.verborgen or self.getal is None else float(self.getal)


@dataclass(frozen=True)
class Regel:
    label: str
    waarden: tuple[Waarde, ...]
    id: str = ""  # names the row for a `Verband` (e.g. "gemeente:12")


# Cells of different tables whose signed sum is 0: (table name, row id, value column, +1 or -1).
Verband = tuple[tuple[str, str, int, int], ...]


@dataclass(frozen=True)
class Rapporttabel:
    """A table of figures: `kolommen` names the row labels' column first, then one per value.

    `rijsom` = (columns, total column): in every row those value columns add up to the total
    column. `kolomsom`: value columns whose last row is the sum of the rows above. Both tell
    `onderdruk` which lines a hidden count could be computed from."""

    naam: str
    titel: str
    kolommen: tuple[str, ...]
    regels: tuple[Regel, ...]
    toelichting: str = ""
    rijsom: tuple[tuple[int, ...], int] | None = None
    kolomsom: tuple[int, ...] = ()
    onderdrukt: bool = False

    @property
    def heeft_verborgen(self) -> bool:
        return any(w.verborgen for regel in self.regels for w in regel.waarden)

    def als_tabel(self) -> Tabel:
        """As a kern.tabellen.Tabel: for the page (templates/tabellen/_tabel.html) and downloads."""
        toelichting = self.toelichting
        if self.heeft_verborgen:
            toelichting = f"{toelichting} {UITLEG_ONDERDRUKKING}".strip()
        return Tabel(
            naam=self.naam,
            titel=self.titel,
            kolommen=list(self.kolommen),
            rijen=[[Cel(regel.label), *(w.cel for w in regel.waarden)] for regel in self.regels],
            toelichting=toelichting,
        )

    def waarde(self, rij: str, kolom: str) -> Waarde:
        """The value in the row labelled `rij` and the column named `kolom`."""
        k = self.kolommen.index(kolom) - 1
        return next(regel.waarden[k] for regel in self.regels if regel.label == rij)


@dataclass(frozen=True)
class Cijfers:
    """All figures of one report: a loket, a gemeente or Flanders (a part of it) in a period."""

    titel: str
    periode: Periode
    tabellen: dict[str, Rapporttabel]
    niet_bevestigd: Waarde
    onderdrukt: bool = False
    verbanden: tuple[Verband, ...] = ()  # sums across tables that `onderdruk` guards too

    def als_tabellen(self) -> dict[str, Tabel]:
        return {naam: tabel.als_tabel() for naam, tabel in self.tabellen.items()}

    def waarde(self, sleutel: str) -> Waarde | None:
        for tabel in self.tabellen.values():
            for regel in tabel.regels:
                for w in regel.waarden:
                    if w.sleutel == sleutel:
                        return w
        return None

    @property
    def kerncijfers(self) -> list[tuple[str, Waarde]]:
        """The headline figures, taken from the tables (so hidden there means hidden here)."""
        rijen = [
            ("Bevestigde aanvragen", self.waarde("alle:totaal")),
            ("Geplaatst", self.waarde("alle:geplaatst")),
            ("Wacht nog", self.waarde("alle:wacht")),
            ("Ingetrokken of verlopen", self.waarde("alle:afgesloten")),
            ("Van kwetsbare gezinnen", self.waarde("kwetsbaar:totaal")),
            ("Mediaan dagen tot het eerste antwoord", self.waarde("antwoord:mediaan")),
            ("Mediaan dagen tot de plaatsing", self.waarde("plaatsing:mediaan")),
            ("Niet bevestigd (niet meegeteld)", self.niet_bevestigd),
        ]
        return [(label, w) for label, w in rijen if w is not None]


# --- the data a report is computed from ---------------------------------------------------------


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
    """Everything a report's figures are computed from, read in a fixed number of queries."""

    vragen: list[Vraag]
    niet_bevestigd: int
    keuzes: list[tuple[int, int, int]]  # (request, location, rank): active choices of waiting requests
    locaties: dict[int, Locatie]
    aangeboden: dict[int, int]  # location -> seats of the free places it still offers
    gemeenten: dict[int, str]
    huizen: dict[int, str] = field(default_factory=dict)


def _is_kwetsbaar(kenmerken: Iterable[bool]) -> bool:
    """As Opvangvraag.is_kwetsbaar: at least two features, one of them among the first three."""
    kenmerken = [bool(k) for k in kenmerken]
    return any(kenmerken[:3]) and sum(kenmerken) >= 2


def lees_gegevens(
    vragen_filter: Q, locaties_filter: Q, periode: Periode, *, met_huizen: bool = False
) -> Gegevens:
    """Read the requests of `vragen_filter` submitted in the period, and the locations of
    `locaties_filter` (plus those the requests chose or were placed at)."""
    in_periode = Opvangvraag.objects.filter(
        vragen_filter, ingediend__gte=periode.begin, ingediend__lt=periode.einde
    )
    bevestigd = in_periode.filter(bevestigd__isnull=False)
    niet_bevestigd = in_periode.filter(bevestigd__isnull=True).count()
    pks = bevestigd.values("pk")

    groepen: dict[int, set[str]] = defaultdict(set)
    for vraag_id, geboren, start in Kind.objects.filter(opvangvraag__in=pks).values_list(
        "opvangvraag_id", "geboortedatum", "opvangvraag__gewenste_start"
    ):
        groepen[vraag_id].add(Leeftijdsgroep.bij_start(geboren, start))

    plaatsingen: dict[int, tuple[datetime.datetime, int]] = {}
    for vraag_id, moment, locatie_id in (
        Aanbod.objects.filter(opvangvraag__in=pks, status=AanbodStatus.BEVESTIGD, bevestigd__isnull=False)
        .order_by("bevestigd")
        .values_list("opvangvraag_id", "bevestigd", "plaats__locatie_id")
    ):
        plaatsingen.setdefault(vraag_id, (moment, locatie_id))

    voorrangsvelden = [(sleutel, veld) for sleutel, veld, _label in VOORRANGSGROEPEN]
    kenmerkvelden = [veld for veld, _label in KWETSBAARHEIDSKENMERKEN]
    velden = [
        "pk",
        "huis_id",
        "gemeente_id",
        "status",
        "soort_opvang",
        "bevestigd",
        "eerste_antwoord",
        "gewenste_start",
        *(veld if veld != "broer_zus_locatie" else "broer_zus_locatie_id" for _s, veld in voorrangsvelden),
        *kenmerkvelden,
    ]
    vragen = []
    for rij in bevestigd.order_by().values(*velden):
        groep = groepen.get(rij["pk"], set())
        plaatsing = plaatsingen.get(rij["pk"])
        vragen.append(
            Vraag(
                pk=rij["pk"],
                huis_id=rij["huis_id"],
                gemeente_id=rij["gemeente_id"],
                uitkomst=UITKOMST_VAN_STATUS.get(rij["status"], "wacht"),
                status=rij["status"],
                soort_opvang=rij["soort_opvang"],
                voorrang=tuple(
                    sleutel
                    for sleutel, veld in voorrangsvelden
                    if (rij["broer_zus_locatie_id"] is not None if veld == "broer_zus_locatie" else rij[veld])
                ),
                kwetsbaar=_is_kwetsbaar(rij[veld] for veld in kenmerkvelden),
                bevestigd=rij["bevestigd"],
                eerste_antwoord=rij["eerste_antwoord"],
                gewenste_start=rij["gewenste_start"],
                leeftijdsgroep=next(iter(groep)) if len(groep) == 1 else (MEERDERE if groep else ONBEKEND),
                geplaatst_op=plaatsing[0] if plaatsing else None,
                geplaatst_bij=plaatsing[1] if plaatsing else None,
            )
        )

    wachtend = bevestigd.filter(status__in=[Status.ACTIEF, Status.AANBOD, Status.INGEDIEND]).values("pk")
    keuzes = list(
        Voorkeur.objects.filter(opvangvraag__in=wachtend, actief=True).values_list(
            "opvangvraag_id", "locatie_id", "rang"
        )
    )
    gekozen = {locatie_id for _v, locatie_id, _r in keuzes} | {
        v.geplaatst_bij for v in vragen if v.geplaatst_bij is not None
    }
    locaties = {
        pk: Locatie(pk, f"{naam} ({gemeente})", huis_id)
        for pk, naam, gemeente, huis_id in Opvanglocatie.objects.filter(
            locaties_filter & Q(actief=True) | Q(pk__in=gekozen)
        ).values_list("pk", "naam", "gemeente__naam", "huis_id")
    }
    aangeboden = dict(
        VrijePlaats.objects.aangeboden()
        .filter(locatie__in=list(locaties))
        .order_by()
        .values("locatie")
        .annotate(n=Sum("aantal"))
        .values_list("locatie", "n")
    )
    gemeenten = dict(
        Gemeente.objects.filter(pk__in={v.gemeente_id for v in vragen}).values_list("pk", "naam")
    )
    huizen: dict[int, str] = {}
    if met_huizen:
        huis_ids = {v.huis_id for v in vragen} | {loc.huis_id for loc in locaties.values()}
        huizen = dict(Huis.objects.filter(pk__in=huis_ids).values_list("pk", "naam"))
    return Gegevens(
        vragen=vragen,
        niet_bevestigd=niet_bevestigd,
        keuzes=keuzes,
        locaties=locaties,
        aangeboden=aangeboden,
        gemeenten=gemeenten,
        huizen=huizen,
    )


# --- statistics -----------------------------------------------------------------------------------


def percentiel(waarden: Iterable[float], p: float) -> float | None:
    """The p-th percentile (0-100) with linear interpolation between the sorted values (as
    PERCENTILE.INC in Excel); None over fewer than MINIMUM_VOOR_PERCENTIEL values."""
    reeks = sorted(waarden)
    if len(reeks) < MINIMUM_VOOR_PERCENTIEL:
        return None
    positie = (len(reeks) - 1) * p / 100
    onder = math.floor(positie)
    boven = min(onder + 1, len(reeks) - 1)
    return reeks[onder] + (positie - onder) * (reeks[boven] - reeks[onder])


def dagen_tussen(begin: datetime.datetime, einde: datetime.datetime) -> int:
    """Calendar days from one moment to another (local dates)."""
    return (timezone.localdate(einde) - timezone.localdate(begin)).days


def dagen_tot_eerste_antwoord(vragen: Iterable[Vraag]) -> list[int]:
    return [dagen_tussen(v.bevestigd, v.eerste_antwoord) for v in vragen if v.eerste_antwoord]


def dagen_tot_plaatsing(vragen: Iterable[Vraag]) -> list[int]:
    return [
        dagen_tussen(v.bevestigd, v.geplaatst_op)
        for v in vragen
        if v.uitkomst == "geplaatst" and v.geplaatst_op
    ]


def _aantal(n: int, sleutel: str = "") -> Waarde:
    return Waarde(n, "aantal", sleutel)


def _dagen(waarde: float | None, sleutel: str = "") -> Waarde:
    return Waarde(None if waarde is None else round(waarde, 2), "dagen", sleutel)


def _uitkomstwaarden(vragen: list[Vraag], sleutel: str = "") -> tuple[Waarde, ...]:
    """Placed, waiting, withdrawn or expired, total: one row of an outcome table."""
    tel = Counter(v.uitkomst for v in vragen)
    waarden = [
        _aantal(tel[uitkomst], f"{sleutel}:{uitkomst}" if sleutel else "")
        for uitkomst, _label, _statussen in UITKOMSTEN
    ]
    waarden.append(_aantal(len(vragen), f"{sleutel}:totaal" if sleutel else ""))
    return tuple(waarden)


def _uitkomsttabel(
    naam: str,
    titel: str,
    rijkop: str,
    groepen: list[tuple[str, list[Vraag], str]],
    alle: list[Vraag],
    toelichting: str,
) -> Rapporttabel:
    """Rows (label, requests, row id) by outcome, and the total row."""
    regels = [Regel(label, _uitkomstwaarden(vragen), id) for label, vragen, id in groepen]
    regels.append(Regel("Totaal", _uitkomstwaarden(alle, "alle"), "totaal"))
    return Rapporttabel(
        naam=naam,
        titel=titel,
        kolommen=(rijkop, *UITKOMSTKOLOMMEN),
        regels=tuple(regels),
        toelichting=toelichting,
        rijsom=((0, 1, 2), 3),
        kolomsom=(0, 1, 2, 3),
    )


# --- one function per figure ------------------------------------------------------------------------


def tabel_gemeenten(gegevens: Gegevens, gemeente_ids: Iterable[int] = ()) -> Rapporttabel:
    """Requests per home gemeente and outcome (`gemeente_ids` are listed even without requests)."""
    per_gemeente: dict[int, list[Vraag]] = defaultdict(list)
    for v in gegevens.vragen:
        per_gemeente[v.gemeente_id].append(v)
    namen = dict(gegevens.gemeenten)
    ids = set(per_gemeente) | set(gemeente_ids)
    ontbrekend = ids - set(namen)
    if ontbrekend:
        namen.update(Gemeente.objects.filter(pk__in=ontbrekend).values_list("pk", "naam"))
    groepen = [
        (namen[g], per_gemeente.get(g, []), f"gemeente:{g}") for g in sorted(ids, key=lambda g: (namen[g], g))
    ]
    return _uitkomsttabel(
        "gemeenten",
        "Aanvragen per woongemeente",
        "Woongemeente",
        groepen,
        gegevens.vragen,
        "De gemeente waar het gezin woont.",
    )


def tabel_leeftijdsgroep(gegevens: Gegevens) -> Rapporttabel:
    """Requests per age group of the children on the wished start, and outcome."""
    per_groep: dict[str, list[Vraag]] = defaultdict(list)
    for v in gegevens.vragen:
        per_groep[v.leeftijdsgroep].append(v)
    groepen = [(label, per_groep.get(groep, []), "") for groep, label in LEEFTIJDSRIJEN]
    if per_groep.get(ONBEKEND):
        groepen.append(("Onbekend", per_groep[ONBEKEND], ""))
    return _uitkomsttabel(
        "leeftijdsgroep",
        "Aanvragen per leeftijdsgroep bij de start",
        "Leeftijd bij de gewenste start",
        groepen,
        gegevens.vragen,
        "Een aanvraag voor broers of zussen telt één keer.",
    )


def tabel_soort_opvang(gegevens: Gegevens) -> Rapporttabel:
    """Requests per type of care asked for, and outcome."""
    per_soort: dict[str, list[Vraag]] = defaultdict(list)
    for v in gegevens.vragen:
        per_soort[v.soort_opvang].append(v)
    groepen = [
        (str(label).capitalize(), per_soort.get(soort, []), "") for soort, label in SoortOpvang.choices
    ]
    return _uitkomsttabel(
        "soort-opvang",
        "Aanvragen per soort opvang",
        "Soort opvang",
        groepen,
        gegevens.vragen,
        "",
    )


def tabel_voorrang(gegevens: Gegevens) -> Rapporttabel:
    """Requests per priority group (a request counts in each group it belongs to), and outcome."""
    regels = []
    for sleutel, _veld, label in VOORRANGSGROEPEN:
        vragen = [v for v in gegevens.vragen if sleutel in v.voorrang]
        regels.append(Regel(label[0].upper() + label[1:], _uitkomstwaarden(vragen)))
    zonder = [v for v in gegevens.vragen if not v.voorrang]
    regels.append(Regel("Geen voorrangsgroep", _uitkomstwaarden(zonder)))
    return Rapporttabel(
        naam="voorrang",
        titel="Aanvragen per voorrangsgroep",
        kolommen=("Voorrangsgroep", *UITKOMSTKOLOMMEN),
        regels=tuple(regels),
        toelichting="Een gezin kan tot meer dan één voorrangsgroep horen: de rijen tellen niet op.",
        rijsom=((0, 1, 2), 3),
    )


def tabel_kwetsbaarheid(gegevens: Gegevens) -> Rapporttabel:
    """Requests of vulnerable and other families, and outcome."""
    kwetsbaar = [v for v in gegevens.vragen if v.kwetsbaar]
    andere = [v for v in gegevens.vragen if not v.kwetsbaar]
    return Rapporttabel(
        naam="kwetsbaarheid",
        titel="Aanvragen van kwetsbare gezinnen",
        kolommen=("Gezin", *UITKOMSTKOLOMMEN),
        regels=(
            Regel("Kwetsbaar gezin", _uitkomstwaarden(kwetsbaar, "kwetsbaar")),
            Regel("Ander gezin", _uitkomstwaarden(andere)),
            Regel("Totaal", _uitkomstwaarden(gegevens.vragen, "alle")),
        ),
        toelichting=(
            "Kwetsbaar: minstens twee van de vijf kenmerken, waarvan minstens één van de eerste drie "
            "(geen inkomen uit werk, geen diploma secundair onderwijs, onzekere huisvesting)."
        ),
        rijsom=((0, 1, 2), 3),
        kolomsom=(0, 1, 2, 3),
    )


def tabel_doorlooptijden(gegevens: Gegevens) -> Rapporttabel:
    """Days to the first answer and to the placement: n, median and 90th percentile, and how many
    requests still wait without one."""
    alle = gegevens.vragen
    kwetsbaar = [v for v in alle if v.kwetsbaar]

    def regel(label: str, dagen: list[int], nog: int, sleutels: tuple[str, str, str, str]) -> Regel:
        n, mediaan, p90, wacht = sleutels
        return Regel(
            label,
            (
                _aantal(len(dagen), n),
                _dagen(percentiel(dagen, 50), mediaan),
                _dagen(percentiel(dagen, 90), p90),
                _aantal(nog, wacht),
            ),
        )

    def zonder_antwoord(vragen: list[Vraag]) -> int:
        return sum(1 for v in vragen if v.uitkomst == "wacht" and v.eerste_antwoord is None)

    def wachtend(vragen: list[Vraag]) -> int:
        return sum(1 for v in vragen if v.uitkomst == "wacht")

    regels = (
        regel(
            "Tot het eerste antwoord",
            dagen_tot_eerste_antwoord(alle),
            zonder_antwoord(alle),
            ("", "antwoord:mediaan", "antwoord:p90", ""),
        ),
        regel(
            "Tot het eerste antwoord, kwetsbare gezinnen",
            dagen_tot_eerste_antwoord(kwetsbaar),
            zonder_antwoord(kwetsbaar),
            ("", "", "", ""),
        ),
        regel(
            "Tot de plaatsing",
            dagen_tot_plaatsing(alle),
            wachtend(alle),
            ("alle:geplaatst", "plaatsing:mediaan", "plaatsing:p90", "alle:wacht"),
        ),
        regel(
            "Tot de plaatsing, kwetsbare gezinnen",
            dagen_tot_plaatsing(kwetsbaar),
            wachtend(kwetsbaar),
            ("kwetsbaar:geplaatst", "", "", "kwetsbaar:wacht"),
        ),
    )
    return Rapporttabel(
        naam="doorlooptijden",
        titel="Wachttijd tot het eerste antwoord en tot de plaatsing",
        kolommen=(
            "Wachttijd",
            "Aantal aanvragen",
            "Mediaan (dagen)",
            "90e percentiel (dagen)",
            "Wachten nog zonder antwoord of plaatsing",
        ),
        regels=regels,
        toelichting=(
            "Kalenderdagen vanaf de bevestiging van de aanvraag tot het eerste aanbod of tot de "
            "bevestigde plaatsing. 9 op de 10 gezinnen wachtten niet langer dan het 90e percentiel. "
            "Over minder dan 5 aanvragen wordt geen mediaan of percentiel getoond."
        ),
    )


def tabel_onvervulde_vraag(gegevens: Gegevens) -> Rapporttabel:
    """Requests still waiting or expired without a placement, per month of the wished start."""
    per_maand: dict[tuple[int, int], list[Vraag]] = defaultdict(list)
    for v in gegevens.vragen:
        if v.uitkomst == "wacht" or v.status == Status.VERLOPEN:
            per_maand[(v.gewenste_start.year, v.gewenste_start.month)].append(v)

    def waarden(vragen: list[Vraag], sleutel: str = "") -> tuple[Waarde, ...]:
        wacht = sum(1 for v in vragen if v.uitkomst == "wacht")
        verlopen = len(vragen) - wacht
        return (
            _aantal(wacht, f"{sleutel}:wacht" if sleutel else ""),
            _aantal(verlopen, f"{sleutel}:verlopen" if sleutel else ""),
            _aantal(len(vragen), f"{sleutel}:onvervuld" if sleutel else ""),
        )

    regels = [
        Regel(f"{MAANDEN[maand - 1]} {jaar}", waarden(per_maand[(jaar, maand)]))
        for jaar, maand in sorted(per_maand)
    ]
    regels.append(Regel("Totaal", waarden([v for groep in per_maand.values() for v in groep], "alle")))
    return Rapporttabel(
        naam="onvervulde-vraag",
        titel="Onvervulde vraag per gewenste startmaand",
        kolommen=("Gewenste startmaand", "Wacht nog", "Verlopen zonder plaatsing", "Totaal"),
        regels=tuple(regels),
        toelichting=(
            "Aanvragen die nog wachten of verliepen zonder plaatsing, naar de maand waarin de opvang "
            "moest starten."
        ),
        rijsom=((0, 1), 2),
        kolomsom=(0, 1, 2),
    )


def tabel_voorkeuren(gegevens: Gegevens, *, per_loket: bool = False) -> Rapporttabel:
    """Per location (or per loket): active first choices and all active choices of the waiting
    requests, the seats of the free places it still offers, and the period's placements there."""
    eerste: dict[int, tuple[int, int]] = {}
    for vraag_id, locatie_id, rang in gegevens.keuzes:
        if vraag_id not in eerste or rang < eerste[vraag_id][1]:
            eerste[vraag_id] = (locatie_id, rang)
    eerste_per_locatie = Counter(locatie_id for locatie_id, _rang in eerste.values())
    alle_per_locatie = Counter(locatie_id for _v, locatie_id, _r in gegevens.keuzes)
    plaatsingen = Counter(
        v.geplaatst_bij for v in gegevens.vragen if v.uitkomst == "geplaatst" and v.geplaatst_bij
    )

    def groep(locatie_id: int) -> tuple[str, int]:
        locatie = gegevens.locaties[locatie_id]
        if per_loket:
            return gegevens.huizen.get(locatie.huis_id, str(locatie.huis_id)), locatie.huis_id
        return locatie.naam, locatie_id

    sommen: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for locatie_id in gegevens.locaties:
        som = sommen[groep(locatie_id)]
        som[0] += eerste_per_locatie[locatie_id]
        som[1] += alle_per_locatie[locatie_id]
        som[2] += gegevens.aangeboden.get(locatie_id, 0)
        som[3] += plaatsingen[locatie_id]

    def waarden(som: list[int], sleutel: str) -> tuple[Waarde, ...]:
        # A loket's waiting requests choose its own locations, and are placed there.
        return (
            _aantal(som[0], f"{sleutel}:wacht" if sleutel else ""),
            _aantal(som[1]),
            Waarde(som[2], "plaatsen"),
            _aantal(som[3], f"{sleutel}:geplaatst" if sleutel else ""),
        )

    regels = [
        Regel(label, waarden(sommen[(label, pk)], f"loket:{pk}" if per_loket else ""))
        for label, pk in sorted(sommen)
    ]
    totaal = [sum(som[i] for som in sommen.values()) for i in range(4)]
    regels.append(Regel("Totaal", waarden(totaal, "alle")))
    return Rapporttabel(
        naam="voorkeuren",
        titel="Voorkeuren en vrije plaatsen per " + ("loket" if per_loket else "opvanglocatie"),
        kolommen=(
            "Loket" if per_loket else "Opvanglocatie",
            "Eerste keuze van wachtende gezinnen",
            "Alle keuzes van wachtende gezinnen",
            "Plaatsen aangeboden",
            "Plaatsingen",
        ),
        regels=tuple(regels),
        toelichting=(
            "Keuzes: de actieve voorkeuren van de aanvragen die nog wachten; de eerste keuze is de "
            "hoogst gerangschikte. Plaatsen aangeboden: de vrije plaatsen die de opvang vandaag nog "
            "aanbiedt, ook die al aan een gezin aangeboden zijn. Plaatsingen: van de aanvragen uit "
            "deze periode."
        ),
        kolomsom=(0, 1, 2, 3),
    )


def tabel_loketten(gegevens: Gegevens, huis_ids: Iterable[int] = ()) -> Rapporttabel:
    """Per loket: requests per outcome, and the median days to the first answer and to placement."""
    per_huis: dict[int, list[Vraag]] = defaultdict(list)
    for v in gegevens.vragen:
        per_huis[v.huis_id].append(v)
    ids = set(per_huis) | set(huis_ids)
    namen = dict(gegevens.huizen)
    ontbrekend = ids - set(namen)
    if ontbrekend:
        namen.update(Huis.objects.filter(pk__in=ontbrekend).values_list("pk", "naam"))

    def waarden(vragen: list[Vraag], sleutel: str) -> tuple[Waarde, ...]:
        return (
            *_uitkomstwaarden(vragen, sleutel),
            _dagen(percentiel(dagen_tot_eerste_antwoord(vragen), 50)),
            _dagen(percentiel(dagen_tot_plaatsing(vragen), 50)),
        )

    regels = [
        Regel(namen[h], waarden(per_huis.get(h, []), f"loket:{h}"), f"loket:{h}")
        for h in sorted(ids, key=lambda h: (namen[h], h))
    ]
    regels.append(Regel("Totaal", waarden(gegevens.vragen, "alle"), "totaal"))
    return Rapporttabel(
        naam="loketten",
        titel="Aanvragen per loket",
        kolommen=(
            "Loket",
            *UITKOMSTKOLOMMEN,
            "Mediaan dagen tot het eerste antwoord",
            "Mediaan dagen tot de plaatsing",
        ),
        regels=tuple(regels),
        toelichting="Het Huis van het Kind waarvan het Lokaal Loket Kinderopvang de aanvraag ontving.",
        rijsom=((0, 1, 2), 3),
        kolomsom=(0, 1, 2, 3),
    )


# --- the reports ----------------------------------------------------------------------------------


def _cijfers(titel: str, periode: Periode, gegevens: Gegevens, tabellen: list[Rapporttabel]) -> Cijfers:
    return Cijfers(
        titel=titel,
        periode=periode,
        tabellen={t.naam: t for t in tabellen},
        niet_bevestigd=_aantal(gegevens.niet_bevestigd),
    )


def _algemene_tabellen(gegevens: Gegevens) -> list[Rapporttabel]:
    return [
        tabel_leeftijdsgroep(gegevens),
        tabel_soort_opvang(gegevens),
        tabel_voorrang(gegevens),
        tabel_kwetsbaarheid(gegevens),
        tabel_doorlooptijden(gegevens),
        tabel_onvervulde_vraag(gegevens),
    ]


def gemeenten_van_loket(huis: Huis) -> list[Gemeente]:
    """The gemeenten of the Huis's werkingsgebied, today's and earlier ones, by name."""
    ids = Werkingsgebied.objects.voor_huis(huis).values("gemeente_id")
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam", "pk"))


def cijfers_loket(huis: Huis, periode: Periode | None = None, gemeente: Gemeente | None = None) -> Cijfers:
    """The figures of the loket of `huis`: all its requests, or those of families in `gemeente`."""
    periode = periode or Periode.laatste_12_maanden()
    vragen = Q(huis=huis)
    locaties = Q(huis=huis)
    if gemeente is not None:
        vragen &= Q(gemeente=gemeente)
        locaties &= Q(gemeente=gemeente)
    gegevens = lees_gegevens(vragen, locaties, periode)
    lijst = [gemeente.pk] if gemeente is not None else [g.pk for g in gemeenten_van_loket(huis)]
    titel = f"Lokaal Loket Kinderopvang – {huis.naam}"
    if gemeente is not None:
        titel += f" – {gemeente.naam}"
    return _cijfers(
        titel,
        periode,
        gegevens,
        [tabel_gemeenten(gegevens, lijst), *_algemene_tabellen(gegevens), tabel_voorkeuren(gegevens)],
    )


def cijfers_gemeente(gemeente: Gemeente, periode: Periode | None = None) -> Cijfers:
    """The figures of the families living in `gemeente`, whichever loket they turned to; the
    locations are those in the gemeente and those its families chose."""
    periode = periode or Periode.laatste_12_maanden()
    gegevens = lees_gegevens(Q(gemeente=gemeente), Q(gemeente=gemeente), periode)
    return _cijfers(
        f"Lokaal Loket Kinderopvang – gemeente {gemeente.naam}",
        periode,
        gegevens,
        [*_algemene_tabellen(gegevens), tabel_voorkeuren(gegevens)],
    )


def cijfers_vlaanderen(
    periode: Periode | None = None, provincie: str = "", cluster: int | None = None
) -> Cijfers:
    """Flanders-wide, or one provincie and/or VRIND cluster (by number): per loket and per gemeente."""
    periode = periode or Periode.laatste_12_maanden()
    gemeenten = Q()
    if provincie:
        gemeenten &= Q(provincie=provincie)
    if cluster is not None:
        gemeenten &= Q(cluster__nummer=cluster)
    gemeente_ids = Gemeente.objects.filter(gemeenten).values("pk")
    gefilterd = bool(provincie or cluster is not None)
    vragen = Q(gemeente__in=gemeente_ids) if gefilterd else Q()
    locaties = Q(gemeente__in=gemeente_ids) if gefilterd else Q()
    gegevens = lees_gegevens(vragen, locaties, periode, met_huizen=True)
    met_loket = huizen_in(Filter(provincie=provincie, cluster=cluster)).filter(
        Exists(Opvanglocatie.objects.filter(huis=OuterRef("pk")))
        | Exists(Opvangvraag.objects.filter(huis=OuterRef("pk")))
    )
    huis_ids = set(met_loket.values_list("pk", flat=True))
    cijfers = _cijfers(
        "Lokale Loketten Kinderopvang – Vlaanderen",
        periode,
        gegevens,
        [
            tabel_loketten(gegevens, huis_ids),
            tabel_gemeenten(gegevens),
            *_algemene_tabellen(gegevens),
            tabel_voorkeuren(gegevens, per_loket=True),
        ],
    )
    return replace(cijfers, verbanden=verbanden_loketten_gemeenten(gegevens))


def verbanden_loketten_gemeenten(gegevens: Gegevens) -> tuple[Verband, ...]:
    """The tables per loket and per gemeente count the same requests. For each group of loketten
    and gemeenten linked by requests, in every outcome column: the group's loketten add up to its
    gemeenten, and also to the total minus the other gemeenten (and the other way round)."""
    ouder: dict[str, str] = {}

    def wortel(knoop: str) -> str:
        while ouder.setdefault(knoop, knoop) != knoop:
            ouder[knoop] = ouder[ouder[knoop]]
            knoop = ouder[knoop]
        return knoop

    for v in gegevens.vragen:
        ouder[wortel(f"loket:{v.huis_id}")] = wortel(f"gemeente:{v.gemeente_id}")
    groepen: dict[str, set[str]] = defaultdict(set)
    for knoop in list(ouder):
        groepen[wortel(knoop)].add(knoop)
    loketten = sorted(k for k in ouder if k.startswith("loket:"))
    gemeenten = sorted(k for k in ouder if k.startswith("gemeente:"))
    verbanden: list[Verband] = []
    for groep in groepen.values():
        eigen_loketten = [k for k in loketten if k in groep]
        eigen_gemeenten = [k for k in gemeenten if k in groep]
        for k in range(4):
            verbanden.append(
                (
                    *(("loketten", lk, k, 1) for lk in eigen_loketten),
                    *(("gemeenten", g, k, -1) for g in eigen_gemeenten),
                )
            )
            if len(groepen) > 1:
                verbanden.append(
                    (
                        *(("loketten", lk, k, 1) for lk in eigen_loketten),
                        *(("gemeenten", g, k, 1) for g in gemeenten if g not in groep),
                        ("gemeenten", "totaal", k, -1),
                    )
                )
                verbanden.append(
                    (
                        *(("gemeenten", g, k, 1) for g in eigen_gemeenten),
                        *(("loketten", lk, k, 1) for lk in loketten if lk not in groep),
                        ("loketten", "totaal", k, -1),
                    )
                )
    return tuple(verbanden)


# --- suppression of small counts --------------------------------------------------------------------

PRIMAIR = TEKEN_KLEIN
SECUNDAIR = TEKEN_VERBORGEN
Positie = tuple[int, int, int]  # table, row, value column
Lijn = list[tuple[Positie, int]]  # cells with +1 or -1 whose signed sum is 0 (members +1, total -1)


def _lijnen(t: int, tabel: Rapporttabel) -> list[Lijn]:
    """Every row and column of the table that adds up to its total."""
    lijnen = []
    if tabel.rijsom is not None:
        kolommen, totaal = tabel.rijsom
        for r in range(len(tabel.regels)):
            lijnen.append([*(((t, r, k), 1) for k in kolommen), ((t, r, totaal), -1)])
    laatste = len(tabel.regels) - 1
    if laatste >= 1:
        for k in tabel.kolomsom:
            lijnen.append([*(((t, r, k), 1) for r in range(laatste)), ((t, laatste, k), -1)])
    return lijnen


def _grenzen(teken: str) -> tuple[float, float]:
    return (1, KLEIN - 1) if teken == PRIMAIR else (KLEIN, math.inf)


def _vastgepind(lijn: Lijn, getallen: dict, verborgen: dict) -> bool:
    """Whether a hidden cell of the line has only one possible value, knowing the shown cells and
    that a "< 5" is 1..4 and any other hidden count at least 5."""
    onbekend = []
    for p, teken in lijn:
        if p in verborgen:
            laag, hoog = _grenzen(verborgen[p])
            # the bounds of teken * x
            onbekend.append((laag, hoog) if teken > 0 else (-hoog, -laag))
    if not onbekend:
        return False
    rest = -sum(teken * getallen[p] for p, teken in lijn if p not in verborgen)  # = signed sum of the hidden
    laag_som = sum(laag for laag, _h in onbekend if laag != -math.inf)
    laag_oneindig = sum(1 for laag, _h in onbekend if laag == -math.inf)
    hoog_som = sum(hoog for _l, hoog in onbekend if hoog != math.inf)
    hoog_oneindig = sum(1 for _l, hoog in onbekend if hoog == math.inf)
    for laag, hoog in onbekend:
        # the other hidden cells' signed sum lies in [laag_rest, hoog_rest]
        laag_rest = (
            -math.inf
            if laag_oneindig - (laag == -math.inf)
            else laag_som - (laag if laag != -math.inf else 0)
        )
        hoog_rest = (
            math.inf if hoog_oneindig - (hoog == math.inf) else hoog_som - (hoog if hoog != math.inf else 0)
        )
        # so teken * x lies in [rest - hoog_rest, rest - laag_rest], and in its own bounds
        onder, boven = max(rest - hoog_rest, laag), min(rest - laag_rest, hoog)
        if onder != -math.inf and boven != math.inf and math.ceil(onder) >= math.floor(boven):
            return True
    return False


def _onderdruk(
    tabellen: list[Rapporttabel], losse: list[Waarde], verbanden: Iterable[Verband] = ()
) -> tuple[list[Rapporttabel], list[Waarde]]:
    getallen: dict[Positie, int] = {}
    gevoelig: set[Positie] = set()
    sleutels: dict[str, list[Positie]] = defaultdict(list)
    verborgen: dict[Positie, str] = {}
    rijen: dict[tuple[str, str], int] = {}
    for t, tabel in enumerate(tabellen):
        for r, regel in enumerate(tabel.regels):
            if regel.id:
                rijen[(tabel.naam, regel.id)] = r
            for k, w in enumerate(regel.waarden):
                p = (t, r, k)
                if isinstance(w.getal, int):
                    getallen[p] = w.getal
                if w.soort == "aantal" and isinstance(w.getal, int):
                    gevoelig.add(p)
                    if w.is_klein:
                        verborgen[p] = PRIMAIR
                if w.sleutel:
                    sleutels[w.sleutel].append(p)
    lijnen = [lijn for t, tabel in enumerate(tabellen) for lijn in _lijnen(t, tabel)]
    tabelnummer = {tabel.naam: t for t, tabel in enumerate(tabellen)}
    for verband in verbanden:
        if all((naam, rij) in rijen for naam, rij, _k, _teken in verband):
            lijnen.append(
                [((tabelnummer[naam], rijen[(naam, rij)], k), teken) for naam, rij, k, teken in verband]
            )
    lijnen = [lijn for lijn in lijnen if all(p in getallen for p, _teken in lijn)]

    # Work through the lines (in order, again whenever one of their cells is hidden) until no line
    # pins a hidden cell; a figure hidden somewhere is hidden wherever it appears.
    lijnen_van: dict[Positie, list[int]] = defaultdict(list)
    for i, lijn in enumerate(lijnen):
        for p, _teken in lijn:
            lijnen_van[p].append(i)
    sleutel_van = {p: sleutel for sleutel, posities in sleutels.items() for p in posities}
    te_doen = list(range(len(lijnen)))
    gepland = set(te_doen)

    def verberg(positie: Positie, teken: str) -> None:
        nieuw_verborgen = [positie]
        while nieuw_verborgen:
            p = nieuw_verborgen.pop()
            verborgen.setdefault(p, teken)
            for i in lijnen_van[p]:
                if i not in gepland:
                    gepland.add(i)
                    heapq.heappush(te_doen, i)
            for q in sleutels.get(sleutel_van.get(p, ""), ()):
                if q not in verborgen and q in gevoelig and getallen.get(q, 0) > 0:
                    verborgen[q] = SECUNDAIR
                    nieuw_verborgen.append(q)

    for p, teken in list(verborgen.items()):
        verberg(p, teken)
    while te_doen:
        i = heapq.heappop(te_doen)
        gepland.discard(i)
        lijn = lijnen[i]
        if not _vastgepind(lijn, getallen, verborgen):
            continue
        kandidaten = [
            (teken < 0, getallen[p], j, p)
            for j, (p, teken) in enumerate(lijn)
            if p not in verborgen and p in gevoelig and getallen[p] > 0
        ]
        if kandidaten:
            verberg(min(kandidaten)[3], SECUNDAIR)

    nieuw = []
    for t, tabel in enumerate(tabellen):
        regels = tuple(
            replace(
                regel,
                waarden=tuple(
                    replace(w, verborgen=verborgen.get((t, r, k), "")) for k, w in enumerate(regel.waarden)
                ),
            )
            for r, regel in enumerate(tabel.regels)
        )
        nieuw.append(replace(tabel, regels=regels, onderdrukt=True))
    return nieuw, [replace(w, verborgen=PRIMAIR if w.is_klein else "") for w in losse]


def onderdruk(cijfers: Cijfers | Rapporttabel) -> Cijfers | Rapporttabel:
    """The figures as they may leave the loket: small counts hidden (rule in the module docstring)."""
    if isinstance(cijfers, Rapporttabel):
        return _onderdruk([cijfers], [])[0][0]
    tabellen, (niet_bevestigd,) = _onderdruk(
        list(cijfers.tabellen.values()), [cijfers.niet_bevestigd], cijfers.verbanden
    )
    return replace(
        cijfers,
        tabellen={t.naam: t for t in tabellen},
        niet_bevestigd=niet_bevestigd,
        onderdrukt=True,
    )


# --- charts ---------------------------------------------------------------------------------------------


def _grafiek(tabel: Rapporttabel, kolommen: list[int], titel: str, **opties) -> Staafdiagram:
    regels = tabel.regels[:-1] if tabel.kolomsom else tabel.regels
    return staafdiagram(
        titel=titel,
        reeksen=[tabel.kolommen[k + 1] for k in kolommen],
        rijen=[(regel.label, [regel.waarden[k].grafiekwaarde for k in kolommen]) for regel in regels],
        **{"eenheid": "", "decimalen": 0, **opties},
    )


def grafieken(cijfers: Cijfers) -> dict[str, Staafdiagram]:
    """Bar charts (kern.grafieken) of the tables that have one, by table name; a hidden count
    draws no bar, and a table of more than MAXIMUM_RIJEN_GRAFIEK rows has no chart."""
    t = cijfers.tabellen
    resultaat = {}
    if "gemeenten" in t and 1 < len(t["gemeenten"].regels) <= MAXIMUM_RIJEN_GRAFIEK:
        resultaat["gemeenten"] = _grafiek(t["gemeenten"], [0, 1, 2], "Aanvragen per woongemeente en uitkomst")
    for naam, titel in (
        ("loketten", "Aanvragen per loket en uitkomst"),
        ("leeftijdsgroep", "Aanvragen per leeftijdsgroep en uitkomst"),
        ("soort-opvang", "Aanvragen per soort opvang en uitkomst"),
        ("voorrang", "Aanvragen per voorrangsgroep en uitkomst"),
    ):
        if naam in t and 0 < len(t[naam].regels) <= MAXIMUM_RIJEN_GRAFIEK:
            resultaat[naam] = _grafiek(t[naam], [0, 1, 2], titel)
    if "doorlooptijden" in t:
        resultaat["doorlooptijden"] = _grafiek(
            t["doorlooptijden"], [1, 2], "Wachttijd in dagen", eenheid="dagen", decimalen=1
        )
    if "onvervulde-vraag" in t and 1 < len(t["onvervulde-vraag"].regels) <= MAXIMUM_RIJEN_GRAFIEK:
        resultaat["onvervulde-vraag"] = _grafiek(
            t["onvervulde-vraag"], [0, 1], "Onvervulde vraag per gewenste startmaand"
        )
    if "voorkeuren" in t and 1 < len(t["voorkeuren"].regels) <= MAXIMUM_RIJEN_GRAFIEK:
        resultaat["voorkeuren"] = _grafiek(t["voorkeuren"], [0, 2], "Eerste keuzes tegenover vrije plaatsen")
    return resultaat
