"""Figures over all Huizen for Opgroeien staff: coverage, physical presence, core partners and
subsidies, filterable by provincie and VRIND cluster, each figure traceable to its Huizen.

Every count of Huizen is a `Telling`: the number, what it is a share of, and the `Filter` plus
`Selectie` that pick exactly those Huizen. `huizenlijst(filter, selectie)` lists them, and the
overview counts with the very same conditions (`_voorwaarde`), so a figure and the list behind it
cannot disagree. Nothing here runs a query per Huis: the counts are one conditional aggregate,
the subsidies one pass over (year, amount) rows.

Definitions (as in the 2022 survey report, seed 002):
- a Huis is in the filter when a gemeente of its werkingsgebied today lies in the provincie or
  cluster; an intermunicipal Huis across a border counts in both;
- gemeentelijk: one gemeente today, intergemeentelijk: more than one (a Huis whose werkingsgebied
  has ended has none);
- fysieke locatie: at least one Locatie; "plant" only counts for Huizen without one;
- niet-fysiek aanspreekpunt: at least one Contactpunt;
- kernpartner per soort: at least one Partner of that soort marked kernpartner;
- subsidy quartiles are inclusive (as Excel's KWARTIEL.INC), the median is statistics.median.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from huizen.models import (
    Contactpunt,
    Gemeente,
    Huis,
    Locatie,
    Partner,
    PartnerSoort,
    Subsidie,
    Werkingsgebied,
)
from hvhk.tabellen import Cel, Tabel


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


class Aanspreekpunt(models.TextChoices):
    MET = "met", "Met een niet-fysiek aanspreekpunt"
    ZONDER = "zonder", "Zonder niet-fysiek aanspreekpunt"


ALLE = "alle"  # the column of all Huizen in a cross table
GEEN_KERNPARTNER = "geen"
KERNPARTNER_KEUZES = [*PartnerSoort.choices, (GEEN_KERNPARTNER, "Geen enkele kernpartner")]


@dataclass(frozen=True)
class Subsidieklasse:
    code: str
    label: str
    vanaf: int | None  # inclusive
    tot: int | None  # exclusive

    def bevat(self, bedrag: Decimal) -> bool:
        return (self.vanaf is None or bedrag >= self.vanaf) and (self.tot is None or bedrag < self.tot)


SUBSIDIEKLASSEN: tuple[Subsidieklasse, ...] = (
    Subsidieklasse("tot-5000", "< € 5.000", None, 5_000),
    Subsidieklasse("5000-10000", "€ 5.000 – 10.000", 5_000, 10_000),
    Subsidieklasse("10000-25000", "€ 10.000 – 25.000", 10_000, 25_000),
    Subsidieklasse("25000-50000", "€ 25.000 – 50.000", 25_000, 50_000),
    Subsidieklasse("vanaf-50000", "≥ € 50.000", 50_000, None),
)
GEEN_SUBSIDIE = "geen"
SUBSIDIEKLASSE_KEUZES = [
    *((k.code, k.label) for k in SUBSIDIEKLASSEN),
    (GEEN_SUBSIDIE, "Geen subsidie ingevoerd"),
]


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


@dataclass(frozen=True)
class Selectie:
    """Which Huizen within the filter: the conditions behind one figure of the overview."""

    soort: str = ""
    fysiek: str = ""
    contactpunt: str = ""
    kernpartner: str = ""
    jaar: int | None = None
    subsidieklasse: str = ""

    def parameters(self) -> dict[str, str]:
        parameters = {
            naam: str(waarde)
            for naam, waarde in (
                ("soort", self.soort),
                ("fysiek", self.fysiek),
                ("contactpunt", self.contactpunt),
                ("kernpartner", self.kernpartner),
                ("jaar", self.jaar),
                ("subsidieklasse", self.subsidieklasse),
            )
            if waarde not in ("", None)
        }
        return parameters


@dataclass(frozen=True)
class Telling:
    """A number of Huizen, the number it is a share of, and how to list exactly those Huizen."""

    aantal: int
    van: int
    filter: Filter
    selectie: Selectie = field(default_factory=Selectie)

    @property
    def procent(self) -> float | None:
        return round(100 * self.aantal / self.van, 1) if self.van else None

    @property
    def querystring(self) -> str:
        return urlencode({**self.filter.parameters(), **self.selectie.parameters()})


@dataclass(frozen=True)
class Dekking:
    """Today's gemeenten within the filter, with and without a Huis."""

    gemeenten: int
    gedekt: int
    niet_gedekt: list[Gemeente]


@dataclass(frozen=True)
class Subsidiejaar:
    jaar: int
    huizen: Telling  # Huizen with a subsidy that year, as a share of all Huizen in the filter
    minimum: Decimal
    eerste_kwartiel: Decimal
    mediaan: Decimal
    derde_kwartiel: Decimal
    maximum: Decimal
    totaal: Decimal
    klassen: dict[str, Telling]  # Subsidieklasse.code (and GEEN_SUBSIDIE) -> Huizen


@dataclass(frozen=True)
class Overzicht:
    filter: Filter
    huizen: Telling
    werking: dict[str, Telling]  # Werking value -> Huizen
    dekking: Dekking
    fysiek: dict[str, dict[str, Telling]]  # Fysiek value -> ALLE or Werking value -> Huizen
    aanspreekpunt: dict[str, dict[str, Telling]]  # Aanspreekpunt value -> ALLE or Fysiek value
    kernpartners: dict[str, Telling]  # PartnerSoort value (and GEEN_KERNPARTNER) -> Huizen
    subsidies: list[Subsidiejaar]  # latest year first

    @property
    def laatste_subsidiejaar(self) -> Subsidiejaar | None:
        return self.subsidies[0] if self.subsidies else None


@dataclass(frozen=True)
class Kerncijfers:
    """The three public numbers of the home page."""

    aantal_huizen: int
    aantal_intergemeentelijk: int
    aantal_gemeenten_met_huis: int


# --- the Huizen of a filter, and the conditions behind each figure ---------------------------


def _aantal(rijen: QuerySet, veld: str = "pk") -> Coalesce:
    """The number of `rijen` (already narrowed to OuterRef('pk')) as a subquery, 0 if none."""
    return Coalesce(
        Subquery(rijen.order_by().values("huis").annotate(n=Count(veld, distinct=True)).values("n")[:1]),
        0,
    )


def _kernpartner_veld(soort: str) -> str:
    return f"kernpartner_{soort}"


def huizen_in(filter: Filter) -> QuerySet[Huis]:
    """The Huizen with a gemeente in the filter's provincie and/or cluster on the filter's day.

    A Huis across a border counts on both sides.
    """
    actief = Werkingsgebied.objects.geldig_op(filter.dag)
    huizen = Huis.objects.all()
    if filter.provincie:
        huizen = huizen.filter(pk__in=actief.filter(gemeente__provincie=filter.provincie).values("huis_id"))
    if filter.cluster is not None:
        huizen = huizen.filter(
            pk__in=actief.filter(gemeente__cluster__nummer=filter.cluster).values("huis_id")
        )
    return huizen


def _huizen(filter: Filter) -> QuerySet[Huis]:
    """The Huizen in the filter, annotated with what the conditions of `_voorwaarde` look at."""
    actief = Werkingsgebied.objects.geldig_op(filter.dag)
    huizen = huizen_in(filter)
    kernpartners = Partner.objects.filter(huis=OuterRef("pk"), kernpartner=True)
    return huizen.annotate(
        aantal_gemeenten=_aantal(actief.filter(huis=OuterRef("pk")), "gemeente"),
        aantal_locaties=_aantal(Locatie.objects.filter(huis=OuterRef("pk"))),
        heeft_contactpunt=Exists(Contactpunt.objects.filter(huis=OuterRef("pk"))),
        heeft_kernpartner=Exists(kernpartners),
        **{
            _kernpartner_veld(soort): Exists(kernpartners.filter(soort=soort))
            for soort in PartnerSoort.values
        },
    )


WERKING = {
    Werking.GEMEENTELIJK: Q(aantal_gemeenten=1),
    Werking.INTERGEMEENTELIJK: Q(aantal_gemeenten__gt=1),
    Werking.ZONDER_GEMEENTE: Q(aantal_gemeenten=0),
}
FYSIEK = {
    Fysiek.MET: Q(aantal_locaties__gte=1),
    Fysiek.MEERDERE: Q(aantal_locaties__gte=2),
    Fysiek.ZONDER: Q(aantal_locaties=0),
    Fysiek.GEPLAND: Q(aantal_locaties=0, fysieke_locatie_gepland=True),
    Fysiek.NIET_GEPLAND: Q(aantal_locaties=0, fysieke_locatie_gepland=False),
}
AANSPREEKPUNT = {
    Aanspreekpunt.MET: Q(heeft_contactpunt=True),
    Aanspreekpunt.ZONDER: Q(heeft_contactpunt=False),
}


def _subsidie_voorwaarde(jaar: int, klasse: str) -> Q:
    subsidies = Subsidie.objects.filter(huis=OuterRef("pk"), jaar=jaar)
    if klasse == GEEN_SUBSIDIE:
        return ~Q(Exists(subsidies))
    gekozen = next((k for k in SUBSIDIEKLASSEN if k.code == klasse), None)
    if gekozen is not None:
        if gekozen.vanaf is not None:
            subsidies = subsidies.filter(bedrag__gte=gekozen.vanaf)
        if gekozen.tot is not None:
            subsidies = subsidies.filter(bedrag__lt=gekozen.tot)
    return Q(Exists(subsidies))


def _voorwaarde(selectie: Selectie) -> Q:
    """The condition on `_huizen(...)` that picks the Huizen of the selection."""
    voorwaarde = Q()
    if selectie.soort:
        voorwaarde &= WERKING[selectie.soort]
    if selectie.fysiek:
        voorwaarde &= FYSIEK[selectie.fysiek]
    if selectie.contactpunt:
        voorwaarde &= AANSPREEKPUNT[selectie.contactpunt]
    if selectie.kernpartner == GEEN_KERNPARTNER:
        voorwaarde &= Q(heeft_kernpartner=False)
    elif selectie.kernpartner:
        voorwaarde &= Q(**{_kernpartner_veld(selectie.kernpartner): True})
    if selectie.jaar is not None:
        voorwaarde &= _subsidie_voorwaarde(selectie.jaar, selectie.subsidieklasse)
    return voorwaarde


def _tellingen(filter: Filter, selecties: list[Selectie]) -> dict[Selectie, int]:
    """How many Huizen of the filter each selection holds, in one conditional aggregate."""
    uniek = list(dict.fromkeys(selecties))
    resultaat = _huizen(filter).aggregate(
        **{
            f"n{i}": Count("pk", filter=_voorwaarde(s)) if s != Selectie() else Count("pk")
            for i, s in enumerate(uniek)
        }
    )
    return {s: resultaat[f"n{i}"] for i, s in enumerate(uniek)}


# --- the overview ---------------------------------------------------------------------------


def dekking(filter: Filter) -> Dekking:
    """Today's gemeenten in the provincie/cluster, and which of them no Huis covers."""
    gemeenten = Gemeente.objects.geldig_op(filter.dag)
    if filter.provincie:
        gemeenten = gemeenten.filter(provincie=filter.provincie)
    if filter.cluster is not None:
        gemeenten = gemeenten.filter(cluster__nummer=filter.cluster)
    gedekt = Exists(Werkingsgebied.objects.geldig_op(filter.dag).filter(gemeente=OuterRef("pk")))
    aantallen = gemeenten.aggregate(alle=Count("pk"), gedekt=Count("pk", filter=Q(gedekt)))
    niet_gedekt = list(gemeenten.exclude(gedekt).select_related("cluster").order_by("provincie", "naam"))
    return Dekking(gemeenten=aantallen["alle"], gedekt=aantallen["gedekt"], niet_gedekt=niet_gedekt)


def _kwartielen(bedragen: list[Decimal]) -> tuple[Decimal, Decimal]:
    if len(bedragen) == 1:
        return bedragen[0], bedragen[0]
    eerste, _mediaan, derde = statistics.quantiles(bedragen, n=4, method="inclusive")
    return eerste, derde


def _subsidiejaren(filter: Filter, aantal_huizen: int) -> list[Subsidiejaar]:
    rijen = (
        Subsidie.objects.filter(huis__in=_huizen(filter).values("pk"))
        .order_by()
        .values_list("jaar", "bedrag")
    )
    per_jaar: dict[int, list[Decimal]] = {}
    for jaar, bedrag in rijen:
        per_jaar.setdefault(jaar, []).append(bedrag)
    jaren = []
    for jaar in sorted(per_jaar, reverse=True):
        bedragen = sorted(per_jaar[jaar])
        eerste, derde = _kwartielen(bedragen)
        klassen = {
            klasse.code: Telling(
                aantal=sum(1 for b in bedragen if klasse.bevat(b)),
                van=aantal_huizen,
                filter=filter,
                selectie=Selectie(jaar=jaar, subsidieklasse=klasse.code),
            )
            for klasse in SUBSIDIEKLASSEN
        }
        klassen[GEEN_SUBSIDIE] = Telling(
            aantal_huizen - len(bedragen),
            aantal_huizen,
            filter,
            Selectie(jaar=jaar, subsidieklasse=GEEN_SUBSIDIE),
        )
        jaren.append(
            Subsidiejaar(
                jaar=jaar,
                huizen=Telling(len(bedragen), aantal_huizen, filter, Selectie(jaar=jaar)),
                minimum=bedragen[0],
                eerste_kwartiel=eerste,
                mediaan=statistics.median(bedragen),
                derde_kwartiel=derde,
                maximum=bedragen[-1],
                totaal=sum(bedragen, Decimal(0)),
                klassen=klassen,
            )
        )
    return jaren


def overzicht(filter: Filter | None = None) -> Overzicht:
    """All figures of the Opgroeien overview for the filter, in a fixed number of queries."""
    filter = filter or Filter()
    werking = [Selectie(soort=w) for w in Werking.values]
    fysiek = [Selectie(fysiek=f, soort=w) for f in Fysiek.values for w in ["", *Werking.values]]
    aanspreekpunt = [
        Selectie(contactpunt=a, fysiek=f) for a in Aanspreekpunt.values for f in ["", *Fysiek.values]
    ]
    kernpartners = [Selectie(kernpartner=k) for k, _label in KERNPARTNER_KEUZES]
    aantallen = _tellingen(filter, [Selectie(), *werking, *fysiek, *aanspreekpunt, *kernpartners])
    totaal = aantallen[Selectie()]

    def telling(selectie: Selectie, van: int = totaal) -> Telling:
        return Telling(aantal=aantallen[selectie], van=van, filter=filter, selectie=selectie)

    per_werking = {w: telling(Selectie(soort=w)) for w in Werking.values}
    return Overzicht(
        filter=filter,
        huizen=telling(Selectie()),
        werking=per_werking,
        dekking=dekking(filter),
        fysiek={
            f: {
                ALLE: telling(Selectie(fysiek=f)),
                **{w: telling(Selectie(fysiek=f, soort=w), per_werking[w].aantal) for w in Werking.values},
            }
            for f in Fysiek.values
        },
        aanspreekpunt={
            a: {
                ALLE if f == "" else f: telling(Selectie(contactpunt=a, fysiek=f))
                for f in ["", *Fysiek.values]
            }
            for a in Aanspreekpunt.values
        },
        kernpartners={k: telling(Selectie(kernpartner=k)) for k, _label in KERNPARTNER_KEUZES},
        subsidies=_subsidiejaren(filter, totaal),
    )


def kerncijfers(datum: datetime.date | None = None) -> Kerncijfers:
    """The public numbers of the home page: Huizen, intermunicipal ones, gemeenten covered."""
    filter = Filter(datum=datum)
    aantallen = _tellingen(filter, [Selectie(), Selectie(soort=Werking.INTERGEMEENTELIJK)])
    gedekt = (
        Gemeente.objects.geldig_op(filter.dag)
        .filter(Exists(Werkingsgebied.objects.geldig_op(filter.dag).filter(gemeente=OuterRef("pk"))))
        .count()
    )
    return Kerncijfers(
        aantal_huizen=aantallen[Selectie()],
        aantal_intergemeentelijk=aantallen[Selectie(soort=Werking.INTERGEMEENTELIJK)],
        aantal_gemeenten_met_huis=gedekt,
    )


# --- the list behind a figure ---------------------------------------------------------------


def _soortvolgorde() -> Case:
    """Partner kinds in the order of the survey's list (PartnerSoort), not alphabetically."""
    return Case(*(When(soort=soort, then=i) for i, soort in enumerate(PartnerSoort.values)), default=99)


def huizenlijst(filter: Filter, selectie: Selectie | None = None) -> QuerySet[Huis]:
    """The Huizen behind a figure, with what the list shows, in a fixed number of queries.

    Each Huis carries `werkingsgebied_vandaag` and `kernpartners` (prefetched), `aantal_gemeenten`,
    `aantal_locaties`, `aantal_contactpunten`, and `subsidie`/`subsidiejaar`: the subsidy of
    the selected year, or else the latest one.
    """
    selectie = selectie or Selectie()
    subsidies = Subsidie.objects.filter(huis=OuterRef("pk")).order_by("-jaar")
    if selectie.jaar is not None:
        subsidies = subsidies.filter(jaar=selectie.jaar)
    return (
        _huizen(filter)
        .filter(_voorwaarde(selectie))
        .annotate(
            aantal_contactpunten=_aantal(Contactpunt.objects.filter(huis=OuterRef("pk"))),
            subsidie=Subquery(subsidies.values("bedrag")[:1]),
            subsidiejaar=Subquery(subsidies.values("jaar")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "werkingsgebied",
                queryset=Werkingsgebied.objects.geldig_op(filter.dag)
                .select_related("gemeente")
                .order_by("gemeente__naam"),
                to_attr="werkingsgebied_vandaag",
            ),
            Prefetch(
                "partners",
                queryset=Partner.objects.filter(kernpartner=True).order_by(_soortvolgorde(), "naam"),
                to_attr="kernpartners",
            ),
        )
        .order_by("naam")
    )


# --- the figures as tables: for the page and for the CSV and XLSX downloads ------------------


def _tekst(waarde) -> Cel:
    return Cel(str(waarde))


def _aantal_cel(telling: Telling) -> Cel:
    return Cel(telling.aantal, "aantal", querystring=telling.querystring)


def _procent_cel(telling: Telling) -> Cel:
    return Cel(telling.procent, "procent")


def _bedrag_cel(bedrag: Decimal | None) -> Cel:
    return Cel(bedrag, "bedrag")


TABELNAMEN = (
    "werking",
    "gemeenten",
    "gemeenten-zonder-huis",
    "fysieke-locatie",
    "aanspreekpunt",
    "partners",
    "subsidies",
    "subsidieklassen",
)


def tabellen(overzicht: Overzicht) -> dict[str, Tabel]:
    """Every figure of the overview as a table, by name (see TABELNAMEN), in page order."""
    werking = [Werking.GEMEENTELIJK, Werking.INTERGEMEENTELIJK]
    if overzicht.werking[Werking.ZONDER_GEMEENTE].aantal:
        werking.append(Werking.ZONDER_GEMEENTE)
    dekking = overzicht.dekking
    alle_gemeenten = Telling(dekking.gemeenten, dekking.gemeenten, overzicht.filter)
    gedekt = Telling(dekking.gedekt, dekking.gemeenten, overzicht.filter)
    niet_gedekt = Telling(len(dekking.niet_gedekt), dekking.gemeenten, overzicht.filter)
    fysiek_kolommen = [Fysiek.MET, Fysiek.MEERDERE, Fysiek.GEPLAND, Fysiek.NIET_GEPLAND]
    resultaat = [
        Tabel(
            naam="werking",
            titel="Huizen naar werking: gemeentelijk of intergemeentelijk",
            kolommen=["Werking", "Huizen", "% van de Huizen"],
            rijen=[[_tekst("Alle Huizen"), _aantal_cel(overzicht.huizen), _procent_cel(overzicht.huizen)]]
            + [
                [_tekst(w.label), _aantal_cel(overzicht.werking[w]), _procent_cel(overzicht.werking[w])]
                for w in werking
            ],
            toelichting="Intergemeentelijk: het Huis werkt vandaag in meer dan één gemeente.",
        ),
        Tabel(
            naam="gemeenten",
            titel="Gemeenten van vandaag met en zonder Huis van het Kind",
            kolommen=["Gemeenten", "Aantal", "% van de gemeenten"],
            rijen=[
                [_tekst("Alle gemeenten"), Cel(dekking.gemeenten, "aantal"), _procent_cel(alle_gemeenten)],
                [
                    _tekst("Met een Huis van het Kind"),
                    Cel(dekking.gedekt, "aantal", querystring=overzicht.huizen.querystring),
                    _procent_cel(gedekt),
                ],
                [
                    _tekst("Zonder Huis van het Kind"),
                    Cel(len(dekking.niet_gedekt), "aantal", anker="tabel-gemeenten-zonder-huis"),
                    _procent_cel(niet_gedekt),
                ],
            ],
            toelichting="Het aantal bij 'met een Huis' leidt naar de Huizen die in deze gemeenten werken.",
        ),
        Tabel(
            naam="gemeenten-zonder-huis",
            titel="Gemeenten zonder Huis van het Kind",
            kolommen=["Gemeente", "NIS-code", "Provincie", "VRIND-cluster"],
            rijen=[
                [
                    _tekst(g.naam),
                    _tekst(g.nis),
                    _tekst(g.get_provincie_display()),
                    _tekst(g.cluster.naam if g.cluster else "–"),
                ]
                for g in dekking.niet_gedekt
            ],
        ),
        Tabel(
            naam="fysieke-locatie",
            titel="Huizen met en zonder fysieke locatie",
            kolommen=[
                "Fysieke locatie",
                "Alle Huizen",
                "% van alle Huizen",
                "Gemeentelijke Huizen",
                "% van de gemeentelijke Huizen",
                "Intergemeentelijke Huizen",
                "% van de intergemeentelijke Huizen",
            ],
            rijen=[
                [_tekst(f.label)]
                + [
                    cel
                    for kolom in (ALLE, Werking.GEMEENTELIJK, Werking.INTERGEMEENTELIJK)
                    for cel in (
                        _aantal_cel(overzicht.fysiek[f][kolom]),
                        _procent_cel(overzicht.fysiek[f][kolom]),
                    )
                ]
                for f in Fysiek
            ],
            toelichting="Een fysieke locatie is een plek van het Huis waar gezinnen terechtkunnen.",
        ),
        Tabel(
            naam="aanspreekpunt",
            titel="Huizen met en zonder niet-fysiek aanspreekpunt",
            kolommen=[
                "Niet-fysiek aanspreekpunt",
                "Alle Huizen",
                "% van alle Huizen",
                *(f"Huizen {f.label[0].lower()}{f.label[1:]}" for f in fysiek_kolommen),
            ],
            rijen=[
                [
                    _tekst(a.label),
                    _aantal_cel(overzicht.aanspreekpunt[a][ALLE]),
                    _procent_cel(overzicht.aanspreekpunt[a][ALLE]),
                    *(_aantal_cel(overzicht.aanspreekpunt[a][f]) for f in fysiek_kolommen),
                ]
                for a in Aanspreekpunt
            ],
            toelichting="Een niet-fysiek aanspreekpunt is bv. een telefoon, e-mailadres, website of chat.",
        ),
        Tabel(
            naam="partners",
            titel="Kernpartners per soort",
            kolommen=["Soort partner", "Huizen met een kernpartner van deze soort", "% van de Huizen"],
            rijen=[
                [
                    _tekst(label),
                    _aantal_cel(overzicht.kernpartners[soort]),
                    _procent_cel(overzicht.kernpartners[soort]),
                ]
                for soort, label in KERNPARTNER_KEUZES
            ],
            toelichting="Een Huis telt mee bij elke soort waarvan het minstens één kernpartner heeft.",
        ),
        Tabel(
            naam="subsidies",
            titel="Subsidie van Opgroeien per jaar",
            kolommen=[
                "Jaar",
                "Huizen met subsidie",
                "Minimum",
                "Eerste kwartiel",
                "Mediaan",
                "Derde kwartiel",
                "Maximum",
                "Totaal",
            ],
            rijen=[
                [
                    _tekst(j.jaar),
                    _aantal_cel(j.huizen),
                    *(
                        _bedrag_cel(b)
                        for b in (
                            j.minimum,
                            j.eerste_kwartiel,
                            j.mediaan,
                            j.derde_kwartiel,
                            j.maximum,
                            j.totaal,
                        )
                    ),
                ]
                for j in overzicht.subsidies
            ],
            toelichting="Kwartielen inclusief berekend, zoals KWARTIEL.INC in Excel.",
        ),
        Tabel(
            naam="subsidieklassen",
            titel="Huizen per subsidiebedrag en jaar",
            kolommen=["Jaar", *(label for _code, label in SUBSIDIEKLASSE_KEUZES)],
            rijen=[
                [_tekst(j.jaar), *(_aantal_cel(j.klassen[code]) for code, _label in SUBSIDIEKLASSE_KEUZES)]
                for j in overzicht.subsidies
            ],
        ),
    ]
    return {tabel.naam: tabel for tabel in resultaat}


def huizentabel(huizen) -> Tabel:
    """The rows of `huizenlijst(...)` as a table for the downloads."""
    soorten = {soort: str(label) for soort, label in PartnerSoort.choices}
    rijen = []
    for huis in huizen:
        gemeenten = [rij.gemeente for rij in huis.werkingsgebied_vandaag]
        rijen.append(
            [
                _tekst(huis.naam),
                _tekst(", ".join(g.naam for g in gemeenten)),
                _tekst(", ".join(sorted({str(g.get_provincie_display()) for g in gemeenten}))),
                _tekst(werking_van(huis.aantal_gemeenten).label),
                Cel(huis.aantal_locaties, "aantal"),
                _tekst("ja" if huis.fysieke_locatie_gepland and not huis.aantal_locaties else "nee"),
                Cel(huis.aantal_contactpunten, "aantal"),
                _tekst(", ".join(dict.fromkeys(soorten[p.soort] for p in huis.kernpartners))),
                Cel(huis.subsidiejaar, "tekst"),
                _bedrag_cel(huis.subsidie),
            ]
        )
    return Tabel(
        naam="huizen",
        titel="Huizen van het Kind",
        kolommen=[
            "Huis",
            "Gemeenten vandaag",
            "Provincie",
            "Werking",
            "Fysieke locaties",
            "Plant een fysieke locatie",
            "Niet-fysieke aanspreekpunten",
            "Soorten kernpartners",
            "Subsidiejaar",
            "Subsidie (euro)",
        ],
        rijen=rijen,
    )


def werking_van(aantal_gemeenten: int) -> Werking:
    if aantal_gemeenten > 1:
        return Werking.INTERGEMEENTELIJK
    return Werking.GEMEENTELIJK if aantal_gemeenten == 1 else Werking.ZONDER_GEMEENTE
