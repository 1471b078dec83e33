"""Reads of the huizen app: finding gemeenten and Huizen, and the overviews built on them.

The overview of all Huizen for Opgroeien staff: coverage, physical presence, core partners and
subsidies, filterable by provincie and VRIND cluster, each figure traceable to its Huizen.

Every count of Huizen is a `kern.cijfers.Aandeel` (made by `telling`): the number, what it is a
share of, and the query string of the `Filter` plus `Selectie` that pick exactly those Huizen.
`huizenlijst(filter, selectie)` lists them, and the overview counts with the very same conditions
(`_voorwaarde`), so a figure and the list behind it cannot disagree. Nothing here runs a query per
Huis: the counts are one conditional aggregate, the subsidies one pass over (year, amount) rows.

Definitions (as in the 2022 survey report, seed 002):
- a Huis is in the filter when a gemeente of its werkingsgebied today lies in the provincie or
  cluster; an intermunicipal Huis across a border counts in both;
- gemeentelijk: one gemeente today, intergemeentelijk: more than one (a Huis whose werkingsgebied
  has ended has none);
- fysieke locatie: at least one Locatie; "plant" only counts for Huizen without one;
- niet-fysiek aanspreekpunt: at least one Contactpunt;
- kernpartner per soort: at least one Partner of that soort marked kernpartner;
- subsidy quartiles are inclusive (as Excel's KWARTIEL.INC), the median the middle amount (or the
  mean of the two middle ones), both from kern.cijfers.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from huizen.models import (
    Bevolking,
    Contactpunt,
    Deelgemeente,
    Gemeente,
    Huis,
    Locatie,
    Omtrek,
    Openingsuur,
    Partner,
    PartnerSoort,
    Postcode,
    Subsidie,
    Werkingsgebied,
    geldig_op_filter,
)
from huizen.services import KAARTPROJECTIE
from kern.cijfers import Aandeel, Filter, Fysiek, Werking, kwartielen, mediaan, procent, querystring
from kern.kaart import Kaart, Pad, categoriekaart, choropleet, kaart, midden
from kern.tabellen import datumtekst, getal
from kern.versies import gecachet

POSTCODE = re.compile(r"^\d{4}$")
POSTCODE_EN_PLAATS = re.compile(r"^(?P<postcode>\d{4})[ ,-]+(?P<plaats>\D.*)$")
PLAATS_EN_POSTCODE = re.compile(r"^(?P<plaats>.*\D)[ ,-]+(?P<postcode>\d{4})$")
#: How alike (difflib's ratio) a typed name must be to a known one: "Gentt" finds Gent, "Xyzzy" nothing.
GELIJKENIS_BIJ_TIKFOUT = 0.8

#: The data-version scopes (kern.versies) of what the public list and search of Huizen show:
#: every Huis with its werkingsgebied, and the gemeenten and postcodes.
PUBLIEKE_LIJST_SCOPES = ("huizen", "referentie")
MAX_GEMEENTEN_IN_ZOEKRESULTAAT = 25


def _vandaag(datum: datetime.date | None) -> datetime.date:
    return datum or timezone.localdate()


def _huidige_gemeenten(gemeenten) -> list[Gemeente]:
    """Map gemeenten onto today's (following mergers), without duplicates, sorted by name."""
    vandaag = timezone.localdate()
    gevonden = {}
    for gemeente in gemeenten:
        huidig = gemeente.huidige_gemeente()
        if huidig.is_geldig_op(vandaag):
            gevonden[huidig.pk] = huidig
    return sorted(gevonden.values(), key=lambda g: g.naam)


def zoek_gemeenten(zoekterm: str) -> list[Gemeente]:
    """Today's gemeenten that match a postcode, a gemeente (also a merged one) or a place name,
    or a postcode with its place name ("3500 Hasselt"); a slightly misspelt name ("Gentt") finds
    the names it is close to.

    A postcode or place name can lead to more than one gemeente; the caller asks which one.
    """
    zoekterm = " ".join(zoekterm.split())[:100]
    if not zoekterm:
        return []
    if POSTCODE.match(zoekterm):
        return _bij_postcode(zoekterm)
    if met_plaats := POSTCODE_EN_PLAATS.match(zoekterm) or PLAATS_EN_POSTCODE.match(zoekterm):
        bij_postcode = _bij_postcode(met_plaats["postcode"])
        bij_naam = {gemeente.pk for gemeente in _bij_naam(met_plaats["plaats"])}
        return [gemeente for gemeente in bij_postcode if gemeente.pk in bij_naam] or bij_postcode
    if gevonden := _bij_naam(zoekterm):
        return gevonden
    deel = Gemeente.objects.huidig().filter(naam__icontains=zoekterm)[:MAX_GEMEENTEN_IN_ZOEKRESULTAAT]
    return list(deel) or _bij_gelijkende_naam(zoekterm)


def _bij_postcode(postcode: str) -> list[Gemeente]:
    postcodes = Postcode.objects.filter(postcode=postcode).select_related("gemeente__opvolger")
    return _huidige_gemeenten(p.gemeente for p in postcodes)


def _bij_naam(naam: str) -> list[Gemeente]:
    """Gemeenten (also merged ones), deelgemeenten and postcode places named exactly `naam`."""
    exact = list(Gemeente.objects.filter(naam__iexact=naam).select_related("opvolger"))
    exact += [d.gemeente for d in Deelgemeente.objects.filter(naam__iexact=naam).select_related("gemeente")]
    exact += [p.gemeente for p in Postcode.objects.filter(plaats__iexact=naam).select_related("gemeente")]
    return _huidige_gemeenten(exact)


def _bij_gelijkende_naam(zoekterm: str) -> list[Gemeente]:
    """The gemeenten of the names closest to a misspelt one (one or two letters off); only the
    closest names count, so "Hasslt" finds Hasselt and not also Ophasselt."""
    namen = {
        *Gemeente.objects.values_list("naam", flat=True),
        *Deelgemeente.objects.values_list("naam", flat=True),
        *Postcode.objects.values_list("plaats", flat=True),
    }
    per_kleine_letters = {naam.casefold(): naam for naam in namen}
    getypt = zoekterm.casefold()
    gelijkenis = {
        naam: difflib.SequenceMatcher(None, getypt, naam).ratio()
        for naam in difflib.get_close_matches(getypt, per_kleine_letters, n=5, cutoff=GELIJKENIS_BIJ_TIKFOUT)
    }
    gevonden: dict[int, Gemeente] = {}
    for naam in [naam for naam, maat in gelijkenis.items() if maat == max(gelijkenis.values())]:
        for gemeente in _bij_naam(per_kleine_letters[naam]):
            gevonden.setdefault(gemeente.pk, gemeente)
    return list(gevonden.values())


def huidige_gemeenten() -> list[tuple[str, str]]:
    """(NIS code, name) of today's gemeenten, for a filter."""
    return list(Gemeente.objects.huidig().order_by("naam").values_list("nis", "naam"))


def gemeente_op_nis(nis: str) -> Gemeente | None:
    return Gemeente.objects.huidig().filter(nis=nis).first()


def _gemeentemiddens() -> dict[int, tuple[float, float]]:
    middens = {}
    for gemeente_id, pad in Omtrek.objects.values_list("gemeente_id", "pad"):
        punt = midden(pad)
        if punt is not None:
            middens[gemeente_id] = (KAARTPROJECTIE.kilometer(punt[0]), KAARTPROJECTIE.kilometer(punt[1]))
    return middens


def gemeentemiddens() -> dict[int, tuple[float, float]]:
    """The centre of every gemeente with an outline (by pk), in kilometres on the map plane:
    computed from the stored outlines once per version of the reference data, then cached."""
    return gecachet("gemeentemiddens", ["referentie"], _gemeentemiddens)


def afstanden_km(van: Gemeente, naar: Iterable[int]) -> dict[int, float]:
    """The distance in kilometres between the centre of `van` and the centre of each gemeente
    (by pk) in `naar`, as the crow flies; a gemeente without an outline is left out."""
    middens = gemeentemiddens()
    if van.pk not in middens:
        return {}
    x, y = middens[van.pk]
    return {pk: math.hypot(middens[pk][0] - x, middens[pk][1] - y) for pk in set(naar) if pk in middens}


def huizen_in_gemeente(gemeente: Gemeente, datum: datetime.date | None = None) -> QuerySet[Huis]:
    """The Huizen whose werkingsgebied covers the gemeente on `datum` (default today)."""
    datum = _vandaag(datum)
    huis_ids = Werkingsgebied.objects.geldig_op(datum).filter(gemeente=gemeente).values("huis_id")
    return Huis.objects.filter(pk__in=huis_ids).order_by("naam")


def publieke_huizen(
    *, datum: datetime.date | None = None, provincie: str = "", gemeente: Gemeente | None = None
) -> QuerySet[Huis]:
    """All Huizen with their gemeenten on `datum` prefetched as `gemeenten_vandaag`."""
    datum = _vandaag(datum)
    huizen = Huis.objects.met_werkingsgebied_op(datum).prefetch_related(
        Prefetch(
            "gemeenten",
            queryset=Gemeente.objects.filter(geldig_op_filter(datum, "werkingsgebied__"))
            .order_by("naam")
            .distinct(),
            to_attr="gemeenten_vandaag",
        )
    )
    actief = Werkingsgebied.objects.geldig_op(datum)
    if provincie:
        huizen = huizen.filter(pk__in=actief.filter(gemeente__provincie=provincie).values("huis_id"))
    if gemeente is not None:
        huizen = huizen.filter(pk__in=actief.filter(gemeente=gemeente).values("huis_id"))
    return huizen.order_by("naam")


def met_publiek_profiel(huizen: QuerySet[Huis]) -> QuerySet[Huis]:
    """Prefetch what the public may see of a Huis's profile: locations with their opening hours,
    gemeente and partners, contact points and partners (never contact persons or coordinators)."""
    return huizen.prefetch_related(
        Prefetch(
            "locaties",
            queryset=Locatie.objects.select_related("gemeente").prefetch_related(
                Prefetch("openingsuren", queryset=Openingsuur.objects.order_by("weekdag", "van")),
                Prefetch("partners", queryset=Partner.objects.order_by("naam")),
            ),
        ),
        Prefetch("contactpunten", queryset=Contactpunt.objects.order_by("soort", "waarde")),
        Prefetch("partners", queryset=Partner.objects.order_by("-kernpartner", "naam")),
    )


def publiek_huis_kort(slug: str) -> Huis | None:
    """A Huis by its slug, without its profile (e.g. to serve its logo)."""
    return Huis.objects.filter(slug=slug).first()


def huis_pk(slug: str) -> int | None:
    """The id of the Huis with this slug, if any (to name its data-version scopes)."""
    return Huis.objects.filter(slug=slug).values_list("pk", flat=True).first()


def publiek_huis(slug: str) -> Huis | None:
    return met_publiek_profiel(publieke_huizen()).filter(slug=slug).first()


def publieke_locaties(*, gemeente: str = "", nis: str = "") -> QuerySet[Locatie]:
    """All physical locations of all Huizen, for the open API."""
    locaties = Locatie.objects.select_related("huis", "gemeente").prefetch_related(
        Prefetch("openingsuren", queryset=Openingsuur.objects.order_by("weekdag", "van"))
    )
    if gemeente:
        locaties = locaties.filter(gemeente__naam__iexact=gemeente)
    if nis:
        locaties = locaties.filter(gemeente__nis=nis)
    return locaties.order_by("huis__naam", "naam", "pk")


def werkingsgebied_historiek(huis: Huis) -> QuerySet[Werkingsgebied]:
    return huis.werkingsgebied.select_related("gemeente").order_by("gemeente__naam", "geldig_van")


# --- the map of which Huis serves each gemeente ----------------------------------------------

#: How a gemeente is coloured on the map (a CSS modifier), and the legend, in this order.
GEMEENTELIJK, INTERGEMEENTELIJK, ZONDER_HUIS = "gemeentelijk", "intergemeentelijk", "zonder"
KAARTLEGENDE = [
    (GEMEENTELIJK, gettext_lazy("Huis van het Kind van één gemeente")),
    (INTERGEMEENTELIJK, gettext_lazy("Intergemeentelijk Huis van het Kind")),
    (ZONDER_HUIS, gettext_lazy("Geen Huis van het Kind")),
]


@dataclass(frozen=True)
class Kaarthuis:
    naam: str
    url: str


@dataclass(frozen=True)
class Kaartgemeente:
    """A gemeente of today on the map: the Huizen that serve it, and where its area links to."""

    nis: str
    naam: str
    provincie: str
    huizen: list[Kaarthuis]
    soort: str  # GEMEENTELIJK, INTERGEMEENTELIJK or ZONDER_HUIS
    url: str
    titel: str
    pad: Pad | None


@dataclass(frozen=True)
class Huizenkaart:
    kaart: Kaart
    gemeenten: list[Kaartgemeente]

    @property
    def zonder_huis(self) -> list[Kaartgemeente]:
        return [g for g in self.gemeenten if not g.huizen]


def huizenkaart(datum: datetime.date | None = None) -> Huizenkaart:
    """Every gemeente of `datum` (default today) with the Huizen that serve it, drawn as a map.

    An area links to its Huis's page, or (no Huis, or more than one) to the list of Huizen
    filtered on the gemeente. Two queries, whatever the number of gemeenten or Huizen.
    """
    datum = _vandaag(datum)
    gemeenten = list(Gemeente.objects.geldig_op(datum).select_related("omtrek").order_by("naam", "nis"))
    per_gemeente: dict[int, list[tuple[str, str]]] = {}
    gemeenten_per_huis: Counter[str] = Counter()
    for gemeente_id, naam, slug in (
        Werkingsgebied.objects.geldig_op(datum)
        .filter(gemeente__in=[g.pk for g in gemeenten])
        .order_by("huis__naam")
        .values_list("gemeente_id", "huis__naam", "huis__slug")
        .distinct()
    ):
        per_gemeente.setdefault(gemeente_id, []).append((naam, slug))
        gemeenten_per_huis[slug] += 1
    lijst = reverse("huizen:lijst")
    provincies = {waarde: str(label) for waarde, label in Gemeente._meta.get_field("provincie").flatchoices}
    rijen = []
    for gemeente in gemeenten:
        bediend = per_gemeente.get(gemeente.pk, [])
        huizen = [Kaarthuis(naam, reverse("huizen:detail", kwargs={"slug": slug})) for naam, slug in bediend]
        if not bediend:
            soort = ZONDER_HUIS
        elif any(gemeenten_per_huis[slug] > 1 for _, slug in bediend):
            soort = INTERGEMEENTELIJK
        else:
            soort = GEMEENTELIJK
        omtrek = getattr(gemeente, "omtrek", None)
        rijen.append(
            Kaartgemeente(
                nis=gemeente.nis,
                naam=gemeente.naam,
                provincie=provincies.get(gemeente.provincie, gemeente.provincie),
                huizen=huizen,
                soort=soort,
                url=huizen[0].url if len(huizen) == 1 else f"{lijst}?gemeente={gemeente.nis}",
                titel=f"{gemeente.naam}: "
                + (", ".join(h.naam for h in huizen) if huizen else gettext("geen Huis van het Kind")),
                pad=Pad(omtrek.pad, omtrek.x_min, omtrek.y_min, omtrek.x_max, omtrek.y_max)
                if omtrek
                else None,
            )
        )
    getekend = kaart(
        titel=gettext("Kaart van de Huizen van het Kind per gemeente"),
        gebieden=[(g.pad, g.soort, g.titel, g.url) for g in rijen if g.pad is not None],
        legende=KAARTLEGENDE,
    )
    return Huizenkaart(kaart=getekend, gemeenten=rijen)


# --- population -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inwonertal:
    """The population of a gemeente as known in a year: the latest inhabitants up to that year,
    and the latest number of children aged 0 to 3 (perhaps of an earlier year, perhaps unknown)."""

    jaar: int
    inwoners: int
    kinderen_jaar: int | None = None
    kinderen_0_3: int | None = None


def bevolking_per_gemeente(jaar: int, gemeente_ids=None) -> dict[int, Inwonertal]:
    """Per gemeente (pk): its population in `jaar`, from the latest figures of a year <= `jaar`.
    One query; `gemeente_ids` (ids or a subquery) narrows it."""
    rijen = Bevolking.objects.filter(jaar__lte=jaar)
    if gemeente_ids is not None:
        rijen = rijen.filter(gemeente__in=gemeente_ids)
    inwoners: dict[int, tuple[int, int]] = {}
    kinderen: dict[int, tuple[int, int]] = {}
    for gemeente_id, rij_jaar, aantal, jong in rijen.order_by("gemeente_id", "-jaar").values_list(
        "gemeente_id", "jaar", "inwoners", "kinderen_0_3"
    ):
        inwoners.setdefault(gemeente_id, (rij_jaar, aantal))
        if jong is not None:
            kinderen.setdefault(gemeente_id, (rij_jaar, jong))
    return {
        gemeente_id: Inwonertal(jaar_inwoners, aantal, *kinderen.get(gemeente_id, (None, None)))
        for gemeente_id, (jaar_inwoners, aantal) in inwoners.items()
    }


@dataclass(frozen=True)
class Bevolkingsjaar:
    jaar: int
    gemeenten: int
    inwoners: int
    met_kinderen: int
    kinderen_0_3: int
    bronnen: list[str]


def bevolkingsjaren() -> list[Bevolkingsjaar]:
    """The stored population figures per year (latest first): how many gemeenten, their sums and
    their sources."""
    per_jaar = (
        Bevolking.objects.order_by()
        .values("jaar")
        .annotate(
            gemeenten=Count("pk"),
            som=models.Sum("inwoners"),
            met_kinderen=Count("kinderen_0_3"),
            kinderen=Coalesce(models.Sum("kinderen_0_3"), 0),
        )
        .order_by("-jaar")
    )
    bronnen: dict[int, list[str]] = {}
    for jaar, bron in Bevolking.objects.order_by("jaar", "bron").values_list("jaar", "bron").distinct():
        bronnen.setdefault(jaar, []).append(bron)
    return [
        Bevolkingsjaar(
            r["jaar"], r["gemeenten"], r["som"], r["met_kinderen"], r["kinderen"], bronnen[r["jaar"]]
        )
        for r in per_jaar
    ]


def bevolking(gemeente: Gemeente, jaar: int) -> Inwonertal | None:
    """The population of `gemeente` in `jaar`: the latest figures of a year <= `jaar` (None when
    there are none)."""
    return bevolking_per_gemeente(jaar, [gemeente.pk]).get(gemeente.pk)


# --- maps of an indicator per gemeente (Opgroeien's dashboards and the reports) ---------------


@dataclass(frozen=True)
class Kaartrij:
    """A gemeente on an indicator map and in the table beside it."""

    nis: str
    naam: str
    provincie: str
    waarde: float | None
    tekst: str  # the value as the table and the area's title show it
    url: str
    klasse: str = ""  # on the coverage map: GEMEENTELIJK, INTERGEMEENTELIJK or ZONDER_HUIS


@dataclass(frozen=True)
class Indicatorkaart:
    kaart: Kaart
    kolom: str  # the heading of the value column of the table
    rijen: list[Kaartrij]
    toelichting: str = ""


def kaartgemeenten(datum: datetime.date | None = None, provincie: str = "") -> list[Gemeente]:
    """The gemeenten of `datum` (default today) with their outline, by name; one query."""
    gemeenten = Gemeente.objects.geldig_op(_vandaag(datum)).select_related("omtrek")
    if provincie:
        gemeenten = gemeenten.filter(provincie=provincie)
    return list(gemeenten.order_by("naam", "nis"))


def _pad(gemeente: Gemeente) -> Pad | None:
    omtrek = getattr(gemeente, "omtrek", None)
    return Pad(omtrek.pad, omtrek.x_min, omtrek.y_min, omtrek.x_max, omtrek.y_max) if omtrek else None


def omtrekken_op(datum: datetime.date) -> dict[int, Pad]:
    """The outline of every gemeente valid on `datum` (by pk), as the map drew them then: every
    gemeente of the shipped map (2019-2024) keeps its own outline and every later merger the union
    of its parts, so the validity of the gemeenten decides (before 2025 the 300 + 19 of the map,
    since then today's). A gemeente older than the map (merged in 2019) is drawn with the outline
    of the gemeente it merged into. Three queries."""
    geldig = dict(Gemeente.objects.geldig_op(datum).values_list("pk", "opvolger_id"))
    opvolgers = dict(Gemeente.objects.filter(opvolger__isnull=False).values_list("pk", "opvolger_id"))
    ketens: dict[int, list[int]] = {}
    for pk in geldig:
        keten, huidig = [pk], opvolgers.get(pk)
        while huidig is not None and huidig not in keten:
            keten.append(huidig)
            huidig = opvolgers.get(huidig)
        ketens[pk] = keten
    paden = {
        omtrek.gemeente_id: Pad(omtrek.pad, omtrek.x_min, omtrek.y_min, omtrek.x_max, omtrek.y_max)
        for omtrek in Omtrek.objects.filter(gemeente_id__in={g for k in ketens.values() for g in k})
    }
    resultaat = {}
    for pk, keten in ketens.items():
        pad = next((paden[g] for g in keten if g in paden), None)
        if pad is not None:
            resultaat[pk] = pad
    return resultaat


def _provincies() -> dict[str, str]:
    return {waarde: str(label) for waarde, label in Gemeente._meta.get_field("provincie").flatchoices}


def indicatorkaart(
    *,
    titel: str,
    kolom: str,
    waarden: dict[int, tuple[float | None, str]],
    opmaak,
    url_van,
    gemeenten: list[Gemeente],
    toelichting: str = "",
    omtrekken: dict[int, Pad] | None = None,
    categorieen: list[tuple[float, str]] | None = None,
) -> Indicatorkaart:
    """A choropleth of `gemeenten` by their value in `waarden` (gemeente pk -> (value or None,
    the value as text)); a gemeente without a value is drawn as "geen gegevens". Every area links
    to `url_van(gemeente)` and has its name and value as title. `omtrekken` (by gemeente pk, see
    `omtrekken_op`) draws the gemeenten of another day; by default each its own stored outline.
    With `categorieen` ((value, label), light to dark) the areas are coloured by category rather
    than by quantile class."""
    provincies = _provincies()
    rijen = []
    gebieden = []
    for gemeente in gemeenten:
        waarde, tekst = waarden.get(gemeente.pk, (None, "geen gegevens"))
        rij = Kaartrij(
            gemeente.nis,
            gemeente.naam,
            provincies.get(gemeente.provincie, gemeente.provincie),
            waarde,
            tekst,
            url_van(gemeente),
        )
        rijen.append(rij)
        pad = _pad(gemeente) if omtrekken is None else omtrekken.get(gemeente.pk)
        if pad is not None:
            gebieden.append((pad, waarde, f"{gemeente.naam}: {tekst}", rij.url))
    return Indicatorkaart(
        kaart=categoriekaart(titel=titel, gebieden=gebieden, categorieen=categorieen)
        if categorieen
        else choropleet(titel=titel, gebieden=gebieden, opmaak=opmaak),
        kolom=kolom,
        rijen=rijen,
        toelichting=toelichting,
    )


def gemeenten_per_huis(datum: datetime.date | None = None) -> dict[int, list[int]]:
    """Each Huis (pk) with the gemeenten (pks) of its werkingsgebied on `datum`; one query."""
    gebied: dict[int, list[int]] = {}
    for huis_id, gemeente_id in (
        Werkingsgebied.objects.geldig_op(_vandaag(datum))
        .order_by()
        .values_list("huis_id", "gemeente_id")
        .distinct()
    ):
        gebied.setdefault(huis_id, []).append(gemeente_id)
    return gebied


def gemeentelinks(datum: datetime.date | None = None):
    """Where a gemeente on a map links to (as on the public map): its Huis's page, or the list of
    Huizen of the gemeente (none or several). A gemeente that merged since (on a map of an earlier
    day) links where the gemeente it is part of on `datum` does. A function of the gemeente; two
    queries, and one more the first time a gemeente of an earlier day is asked."""
    urls = {g.nis: g.url for g in huizenkaart(datum).gemeenten}
    lijst = reverse("huizen:lijst")
    opvolgers: dict[int, tuple[str, int | None]] = {}

    def url(gemeente: Gemeente) -> str:
        if gemeente.nis in urls or not gemeente.opvolger_id:
            return urls.get(gemeente.nis, f"{lijst}?gemeente={gemeente.nis}")
        if not opvolgers:
            opvolgers.update(
                (pk, (nis, opvolger))
                for pk, nis, opvolger in Gemeente.objects.values_list("pk", "nis", "opvolger_id")
            )
        volgende, gezien = gemeente.opvolger_id, set()
        while volgende in opvolgers and volgende not in gezien:
            gezien.add(volgende)
            nis, volgende = opvolgers[volgende]
            if nis in urls:
                return urls[nis]
        return f"{lijst}?gemeente={gemeente.nis}"

    return url


def dekkingskaart(datum: datetime.date | None = None) -> Indicatorkaart:
    """Which gemeenten a Huis covers on `datum`, with their inhabitants: the legend gives the share
    of inhabitants living in covered gemeenten."""
    datum = _vandaag(datum)
    gemeenten = kaartgemeenten(datum)
    huizenkaart_ = {g.nis: g for g in huizenkaart(datum).gemeenten}
    bevolking = bevolking_per_gemeente(datum.year, [g.pk for g in gemeenten])
    rijen, gebieden = [], []
    inwoners = {GEMEENTELIJK: 0, INTERGEMEENTELIJK: 0, ZONDER_HUIS: 0}
    provincies = _provincies()
    for gemeente in gemeenten:
        bediend = huizenkaart_[gemeente.nis]
        aantal = bevolking[gemeente.pk].inwoners if gemeente.pk in bevolking else None
        inwoners[bediend.soort] += aantal or 0
        huizen_tekst = ", ".join(h.naam for h in bediend.huizen) or "geen Huis van het Kind"
        tekst = huizen_tekst + (f" ({getal(aantal, 0, force_grouping=True)} inwoners)" if aantal else "")
        rij = Kaartrij(
            gemeente.nis,
            gemeente.naam,
            provincies.get(gemeente.provincie, gemeente.provincie),
            aantal,
            tekst,
            bediend.url,
            bediend.soort,
        )
        rijen.append(rij)
        if (pad := _pad(gemeente)) is not None:
            gebieden.append((pad, bediend.soort, f"{gemeente.naam}: {tekst}", rij.url))
    totaal = sum(inwoners.values())

    def aandeel(*soorten: str) -> str:
        deel = procent(sum(inwoners[s] for s in soorten), totaal)
        return "–" if deel is None else f"{getal(deel, 1)} % van de inwoners"

    return Indicatorkaart(
        kaart=kaart(
            titel=f"Gemeenten met een Huis van het Kind op {datumtekst(datum)}",
            gebieden=gebieden,
            legende=[
                (GEMEENTELIJK, f"Huis van één gemeente ({aandeel(GEMEENTELIJK)})"),
                (INTERGEMEENTELIJK, f"Intergemeentelijk Huis ({aandeel(INTERGEMEENTELIJK)})"),
                (ZONDER_HUIS, f"Geen Huis van het Kind ({aandeel(ZONDER_HUIS)})"),
            ],
        ),
        kolom="Huis van het Kind (inwoners)",
        rijen=rijen,
        toelichting=(
            f"{aandeel(GEMEENTELIJK, INTERGEMEENTELIJK)} woont in een gemeente met een Huis van het Kind "
            f"(inwoners van het laatste jaar tot en met {datum.year})."
        ),
    )


#: The CSS classes of the map of a provincie: the gemeente of a report, and the others.
GEMARKEERD, OMGEVING = "gemarkeerd", "omgeving"


def provinciekaart(gemeente: Gemeente, datum: datetime.date | None = None) -> Kaart:
    """The gemeenten of `gemeente`'s provincie (Brussels: the region) on `datum`, the gemeente
    highlighted: for the council report."""
    provincie = _provincies().get(gemeente.provincie, gemeente.provincie)
    gebieden = []
    for ander in kaartgemeenten(datum, provincie=gemeente.provincie):
        if (pad := _pad(ander)) is not None:
            gebieden.append((pad, GEMARKEERD if ander.pk == gemeente.pk else OMGEVING, ander.naam, ""))
    gebieden.sort(key=lambda g: g[1] == GEMARKEERD)  # drawn last: its border lies on top
    return kaart(
        titel=f"{gemeente.naam} op de kaart van {provincie}",
        gebieden=gebieden,
        legende=[(GEMARKEERD, gemeente.naam), (OMGEVING, f"Andere gemeenten van {provincie}")],
    )


def subsidiekaart(datum: datetime.date | None = None) -> Indicatorkaart:
    """The subsidy per inhabitant: a Huis's subsidy of the latest year up to `datum`'s year,
    divided by the inhabitants of all its gemeenten; each gemeente shows its Huis's figure (the
    sum of them when several Huizen work in it)."""
    datum = _vandaag(datum)
    gemeenten = kaartgemeenten(datum)
    bevolking = bevolking_per_gemeente(datum.year, [g.pk for g in gemeenten])
    gebied = gemeenten_per_huis(datum)
    subsidie: dict[int, tuple[int, Decimal]] = {}
    for huis_id, jaar, bedrag in (
        Subsidie.objects.filter(jaar__lte=datum.year, huis__in=list(gebied))
        .order_by("huis_id", "-jaar")
        .values_list("huis_id", "jaar", "bedrag")
    ):
        subsidie.setdefault(huis_id, (jaar, bedrag))
    per_gemeente: dict[int, float] = {}
    jaren: set[int] = set()
    for huis_id, (jaar, bedrag) in subsidie.items():
        ids = gebied[huis_id]
        if not all(g in bevolking for g in ids):
            continue
        inwoners = sum(bevolking[g].inwoners for g in ids)
        jaren.add(jaar)
        for g in ids:
            per_gemeente[g] = per_gemeente.get(g, 0.0) + float(bedrag) / inwoners

    def euro(waarde: float) -> str:
        return f"€ {getal(waarde, 2)}"

    return indicatorkaart(
        titel="Subsidie van Opgroeien per inwoner",
        kolom="Subsidie per inwoner",
        waarden={g: (w, euro(w)) for g, w in per_gemeente.items()},
        opmaak=euro,
        url_van=gemeentelinks(datum),
        gemeenten=gemeenten,
        toelichting=(
            "De subsidie van het Huis van het laatste jaar"
            + (f" ({', '.join(str(j) for j in sorted(jaren))})" if jaren else "")
            + " gedeeld door de inwoners van al zijn gemeenten. Geen gegevens: geen Huis, geen subsidie "
            "of geen inwonersaantal."
        ),
    )


# --- the overview of all Huizen ----------------------------------------------------------------


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


def telling(aantal: int, van: int, filter: Filter, selectie: Selectie | None = None) -> Aandeel:
    """A number of Huizen of the filter and selection, as a share of `van`, with the query string
    of the list of exactly those Huizen."""
    return Aandeel(aantal, van, querystring(filter.parameters(), (selectie or Selectie()).parameters()))


@dataclass(frozen=True)
class Dekking:
    """The gemeenten of the filter's day within the filter, with and without a Huis; and the
    inhabitants and children aged 0 to 3 living in gemeenten with a Huis, as a share of those
    of the gemeenten with figures (`zonder_inwoners`, `zonder_kinderen`: gemeenten without)."""

    gemeenten: int
    gedekt: int
    niet_gedekt: list[Gemeente]
    inwoners: Aandeel = Aandeel(0, 0)
    kinderen: Aandeel = Aandeel(0, 0)
    zonder_inwoners: int = 0
    zonder_kinderen: int = 0
    jaren_inwoners: tuple[int, ...] = ()
    jaren_kinderen: tuple[int, ...] = ()


@dataclass(frozen=True)
class Subsidiejaar:
    jaar: int
    huizen: Aandeel  # Huizen with a subsidy that year, as a share of all Huizen in the filter
    minimum: Decimal
    eerste_kwartiel: Decimal
    mediaan: Decimal
    derde_kwartiel: Decimal
    maximum: Decimal
    totaal: Decimal
    klassen: dict[str, Aandeel]  # Subsidieklasse.code (and GEEN_SUBSIDIE) -> Huizen


@dataclass(frozen=True)
class Overzicht:
    filter: Filter
    huizen: Aandeel
    werking: dict[str, Aandeel]  # Werking value -> Huizen
    dekking: Dekking
    fysiek: dict[str, dict[str, Aandeel]]  # Fysiek value -> ALLE or Werking value -> Huizen
    aanspreekpunt: dict[str, dict[str, Aandeel]]  # Aanspreekpunt value -> ALLE or Fysiek value
    kernpartners: dict[str, Aandeel]  # PartnerSoort value (and GEEN_KERNPARTNER) -> Huizen
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


@dataclass(frozen=True)
class _Huisfeiten:
    """What the conditions of `_voorwaarde` look at, of one Huis (see `_huisfeiten`)."""

    aantal_gemeenten: int
    aantal_locaties: int
    fysieke_locatie_gepland: bool
    heeft_contactpunt: bool
    kernpartners: frozenset[str]  # the PartnerSoort values of its core partners


def _huisfeiten(filter: Filter) -> list[_Huisfeiten]:
    """The facts of every Huis in the filter, in one query: a row per Huis, each annotation of
    `_huizen` computed once per Huis (not once per figure)."""
    soorten = PartnerSoort.values
    rijen = (
        _huizen(filter)
        .order_by()
        .values_list(
            "aantal_gemeenten",
            "aantal_locaties",
            "fysieke_locatie_gepland",
            "heeft_contactpunt",
            *(_kernpartner_veld(soort) for soort in soorten),
        )
    )
    return [
        _Huisfeiten(
            aantal_gemeenten=gemeenten,
            aantal_locaties=locaties,
            fysieke_locatie_gepland=gepland,
            heeft_contactpunt=contactpunt,
            kernpartners=frozenset(soort for soort, heeft in zip(soorten, partners, strict=True) if heeft),
        )
        for gemeenten, locaties, gepland, contactpunt, *partners in rijen
    ]


# The conditions of WERKING, FYSIEK and AANSPREEKPUNT on the facts of one Huis, to count in Python.
_WERKING_VAN = {
    Werking.GEMEENTELIJK: lambda h: h.aantal_gemeenten == 1,
    Werking.INTERGEMEENTELIJK: lambda h: h.aantal_gemeenten > 1,
    Werking.ZONDER_GEMEENTE: lambda h: h.aantal_gemeenten == 0,
}
_FYSIEK_VAN = {
    Fysiek.MET: lambda h: h.aantal_locaties >= 1,
    Fysiek.MEERDERE: lambda h: h.aantal_locaties >= 2,
    Fysiek.ZONDER: lambda h: h.aantal_locaties == 0,
    Fysiek.GEPLAND: lambda h: h.aantal_locaties == 0 and h.fysieke_locatie_gepland,
    Fysiek.NIET_GEPLAND: lambda h: h.aantal_locaties == 0 and not h.fysieke_locatie_gepland,
}
_AANSPREEKPUNT_VAN = {
    Aanspreekpunt.MET: lambda h: h.heeft_contactpunt,
    Aanspreekpunt.ZONDER: lambda h: not h.heeft_contactpunt,
}


def _past(huis: _Huisfeiten, selectie: Selectie) -> bool:
    """Whether the Huis is in the selection: `_voorwaarde` in Python (without a subsidy year)."""
    if selectie.soort and not _WERKING_VAN[selectie.soort](huis):
        return False
    if selectie.fysiek and not _FYSIEK_VAN[selectie.fysiek](huis):
        return False
    if selectie.contactpunt and not _AANSPREEKPUNT_VAN[selectie.contactpunt](huis):
        return False
    if selectie.kernpartner == GEEN_KERNPARTNER:
        return not huis.kernpartners
    if selectie.kernpartner:
        return selectie.kernpartner in huis.kernpartners
    return True


def _tellingen(filter: Filter, selecties: list[Selectie]) -> dict[Selectie, int]:
    """How many Huizen of the filter each selection (without a subsidy year) holds: the facts of
    each Huis read once (`_huisfeiten`), counted in Python with the conditions of `_voorwaarde`."""
    if any(s.jaar is not None for s in selecties):
        raise ValueError("Subsidiejaren worden per jaar geteld (_subsidiejaren).")
    huizen = _huisfeiten(filter)
    return {s: sum(1 for h in huizen if _past(h, s)) for s in dict.fromkeys(selecties)}


# --- the overview ---------------------------------------------------------------------------


def dekking(filter: Filter) -> Dekking:
    """The gemeenten of the filter's day in the provincie/cluster, which of them no Huis covers,
    and the share of inhabitants and young children (of the filter's year) living in covered ones."""
    gemeenten = Gemeente.objects.geldig_op(filter.dag)
    if filter.provincie:
        gemeenten = gemeenten.filter(provincie=filter.provincie)
    if filter.cluster is not None:
        gemeenten = gemeenten.filter(cluster__nummer=filter.cluster)
    gedekt = Exists(Werkingsgebied.objects.geldig_op(filter.dag).filter(gemeente=OuterRef("pk")))
    met_huis = dict(gemeenten.annotate(gedekt=gedekt).values_list("pk", "gedekt"))
    niet_gedekt = list(gemeenten.exclude(gedekt).select_related("cluster").order_by("provincie", "naam"))
    bevolking = bevolking_per_gemeente(filter.dag.year, list(met_huis))
    met_inwoners = [(bevolking[pk], huis) for pk, huis in met_huis.items() if pk in bevolking]
    met_kinderen = [(b, huis) for b, huis in met_inwoners if b.kinderen_0_3 is not None]
    return Dekking(
        gemeenten=len(met_huis),
        gedekt=sum(met_huis.values()),
        niet_gedekt=niet_gedekt,
        inwoners=Aandeel(
            sum(b.inwoners for b, huis in met_inwoners if huis), sum(b.inwoners for b, _ in met_inwoners)
        ),
        kinderen=Aandeel(
            sum(b.kinderen_0_3 for b, huis in met_kinderen if huis),
            sum(b.kinderen_0_3 for b, _ in met_kinderen),
        ),
        zonder_inwoners=len(met_huis) - len(met_inwoners),
        zonder_kinderen=len(met_huis) - len(met_kinderen),
        jaren_inwoners=tuple(sorted({b.jaar for b, _ in met_inwoners})),
        jaren_kinderen=tuple(sorted({b.kinderen_jaar for b, _ in met_kinderen})),
    )


def _subsidiejaren(filter: Filter, aantal_huizen: int) -> list[Subsidiejaar]:
    rijen = (
        Subsidie.objects.filter(huis__in=huizen_in(filter).values("pk"))
        .order_by()
        .values_list("jaar", "bedrag")
    )
    per_jaar: dict[int, list[Decimal]] = {}
    for jaar, bedrag in rijen:
        per_jaar.setdefault(jaar, []).append(bedrag)
    jaren = []
    for jaar in sorted(per_jaar, reverse=True):
        bedragen = sorted(per_jaar[jaar])
        eerste, derde = kwartielen(bedragen) or (bedragen[0], bedragen[0])  # one amount: itself
        klassen = {
            klasse.code: telling(
                sum(1 for b in bedragen if klasse.bevat(b)),
                aantal_huizen,
                filter,
                Selectie(jaar=jaar, subsidieklasse=klasse.code),
            )
            for klasse in SUBSIDIEKLASSEN
        }
        klassen[GEEN_SUBSIDIE] = telling(
            aantal_huizen - len(bedragen),
            aantal_huizen,
            filter,
            Selectie(jaar=jaar, subsidieklasse=GEEN_SUBSIDIE),
        )
        jaren.append(
            Subsidiejaar(
                jaar=jaar,
                huizen=telling(len(bedragen), aantal_huizen, filter, Selectie(jaar=jaar)),
                minimum=bedragen[0],
                eerste_kwartiel=eerste,
                mediaan=mediaan(bedragen),
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

    def geteld(selectie: Selectie, van: int = totaal) -> Aandeel:
        return telling(aantallen[selectie], van, filter, selectie)

    per_werking = {w: geteld(Selectie(soort=w)) for w in Werking.values}
    return Overzicht(
        filter=filter,
        huizen=geteld(Selectie()),
        werking=per_werking,
        dekking=dekking(filter),
        fysiek={
            f: {
                ALLE: geteld(Selectie(fysiek=f)),
                **{w: geteld(Selectie(fysiek=f, soort=w), per_werking[w].aantal) for w in Werking.values},
            }
            for f in Fysiek.values
        },
        aanspreekpunt={
            a: {
                ALLE if f == "" else f: geteld(Selectie(contactpunt=a, fysiek=f))
                for f in ["", *Fysiek.values]
            }
            for a in Aanspreekpunt.values
        },
        kernpartners={k: geteld(Selectie(kernpartner=k)) for k, _label in KERNPARTNER_KEUZES},
        subsidies=_subsidiejaren(filter, totaal),
    )


#: The data the overview is computed from: the Huizen (and their areas, locations, partners,
#: subsidies) and the gemeenten.
OVERZICHT_SCOPES = ("huizen", "referentie")


def overzicht_delen(filter: Filter) -> tuple:
    """What besides the data versions tells one overview from another: the filter and its day."""
    return (filter.provincie, filter.cluster, filter.dag.isoformat())


def overzicht_gecachet(filter: Filter | None = None) -> Overzicht:
    """`overzicht(filter)`, computed once per version of the Huizen and reference data."""
    filter = filter or Filter()
    return gecachet(
        "opgroeien-overzicht", OVERZICHT_SCOPES, lambda: overzicht(filter), *overzicht_delen(filter)
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


def cluster_van(huis: Huis):
    """The VRIND cluster of the Huis: that of most of its gemeenten today (None in Brussels)."""
    clusters = Counter(g.cluster for g in huis.gemeenten_op().select_related("cluster") if g.cluster)
    return clusters.most_common(1)[0][0] if clusters else None
