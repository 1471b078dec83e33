"""Demo data: the Huizen van het Kind as in the 2022 survey report, their subsidies and demo logins.

`laad_demodata` builds a plan from the reference data (gemeenten with their mergers) and the fixed
tables below, then brings the database to that plan. It is idempotent (natural keys: Huis.slug,
Gemeente.nis, User.email) and deterministic (one `random.Random(2022)`, consumed in a fixed order).

The facts it reproduces (2022 survey, seed 002): 227 Huizen covering 294 of the 300 Flemish
gemeenten of 2022 plus Brussels; 29 of them intermunicipal, among them Huis van het Kind Brussel
for the 19 Brussels gemeenten; 11/16/3/21/72/58/15/11/19 Huizen in VRIND clusters 1 to 9; subsidies
between 1,200 and 87,500 euro with a median near 7,840.

The werkingsgebied is that of 2022, mapped onto today's gemeenten: a gemeente that merged on
2025-01-01 keeps its row until 2024-12-31 and the Huis gets one row for the successor from
2025-01-01. Every 2025 merger group lies inside one Huis, so each gemeente has at most one Huis
today. Two Huizen (Antwerpen with Borsbeek, Hasselt with Kortessem) cover one gemeente since the
mergers, so today 27 Huizen are intermunicipal instead of 29; the 2022 survey wave keeps its Huizen
as they were (`demo.bevraging`), so its analysis counts 29.

The VRIND clusters are made up (no official machine-readable file exists) and are marked as such
in `Gemeente.cluster_bron`. Inhabitants, used only to size the subsidies, are made up as well.

Every demo Huis also gets a profile (section "The profiles" below): physical locations with opening
hours, non-physical contact points, partners with core partners and cooperation scores,
coordinators, consultative bodies and the profile fields of the Huis. The targets come from the
same report (58% with a physical location, 13 Huizen without a non-physical contact point, the
core partners and the cooperation with the Kind en Gezin partners); `DEMO_PROFIELCIJFERS` and
`DEMO_SAMENWERKING` hold the exact whole numbers the demo data has, and loading checks the database
against them. Profile rows are written directly, without change history (`Wijziging`).

Finally every demo Huis gets its engagement per life domain (status, top 3 with reasons, partners),
3 to 12 offer items and one to three dated self-assessments; that part lives in
`demo.levensdomeinen`, which follows the same report and exports `DEMO_LEVENSDOMEINCIJFERS`.
"""

from __future__ import annotations

import datetime
import math
import random
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from demo.gemeenschappelijk import (
    AANTAL_HUIZEN,
    ACHTERNAMEN,
    BRUSSEL_SLUG,
    DEMO_DOMEIN,
    DEMO_HUIS_SLUG,
    STRATEN,
    VOORNAMEN,
    Demodatafout,
    Huisplan,
    is_stad,
    kies,
    rond,
    synchroniseer,
    werk_bij,
)
from demo.levensdomeinen import Levensdomeincijfers, plan_levensdomeinen, schrijf_levensdomeinen
from huizen.models import (
    Contactpunt,
    ContactpuntSoort,
    Coordinator,
    Deelgemeente,
    Gemeente,
    Gewest,
    Huis,
    KindEnGezinPartner,
    Lidmaatschap,
    Locatie,
    Openingsuur,
    Overlegorgaan,
    OverlegorgaanSoort,
    Partner,
    PartnerSoort,
    Postcode,
    Provincie,
    Rechtsvorm,
    Subsidie,
    VrindCluster,
    Werkingsgebied,
)
from huizen.services import REFERENTIE, huis_scopes, laad_referentiedata
from kern.models import User
from kern.tenancy import Rol
from kern.versies import verhoog
from loket.models import Loket, Loketgebied
from loket.services import lokets as loketservices

DEMO_WACHTWOORD = "demo-portaal-2026"
#: The authenticator-app secret (base32) of every demo login: the portal asks every account for a
#: second factor. Known, like the demo password, so the demo logins only exist in the demo data.
DEMO_TOTP_GEHEIM = "DEMOHUIZENVANHETKINDGENTPORTAAL2"
CLUSTER_BRON = "demogegevens (geen officiële indeling)"
SEED = 2022

#: The survey's reference date: the werkingsgebied and the gemeenten are those of 2022.
GEMEENTEN_OP = datetime.date(2022, 1, 1)
PEILDATUM = datetime.date(2022, 6, 30)
SUBSIDIEJAREN = range(2022, 2027)
SUBSIDIE_MIN = 1_200
SUBSIDIE_MAX = 87_500
SUBSIDIE_MEDIAAN_2022 = 7_840
#: Yearly indexation, small enough to keep the median within 100 euro of 7,840 up to 2026.
INDEXATIE_PER_JAAR = 0.002
#: Subsidy grows less than linearly with the number of inhabitants of the werkingsgebied.
SUBSIDIE_EXPONENT = 0.664

HUIZEN_PER_CLUSTER = {1: 11, 2: 16, 3: 3, 4: 21, 5: 72, 6: 58, 7: 15, 8: 11, 9: 19}
OVERGANGSGEBIED = 5

BRUSSEL_NAAM = "Huis van het Kind Brussel"

#: Flemish gemeenten without a Huis in 2022, with their (demo) cluster: three
#: faciliteitengemeenten and three small rural gemeenten.
ZONDER_HUIS = {
    "23098": 8,  # Drogenbos
    "23100": 8,  # Linkebeek
    "73028": 6,  # Herstappe
    "31042": 6,  # Zuienkerke
    "33041": 6,  # Vleteren
    "45062": 6,  # Horebeke
}

#: The 28 Flemish intermunicipal Huizen: name, cluster and gemeenten (NIS, main gemeente first).
#: The 13 groups of gemeenten that merged on 2025-01-01 each lie inside one of them.
INTERGEMEENTELIJK: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("Huis van het Kind Antwerpen", 3, ("11002", "11007")),
    ("Huis van het Kind Hasselt", 1, ("71022", "73040")),
    ("Huis van het Kind Beveren en omstreken", 5, ("46003", "46013", "11056", "46020")),
    ("Huis van het Kind Pajottenland", 6, ("23032", "23023", "23024", "23064", "23009")),
    ("Huis van het Kind regio Tielt", 5, ("37015", "37007", "37011", "37002")),
    ("Huis van het Kind Wingene en omstreken", 6, ("37018", "37012", "37020")),
    ("Huis van het Kind Nazareth en omstreken", 2, ("44048", "44012", "44064")),
    ("Huis van het Kind Lochristi en omstreken", 7, ("44034", "44073", "44013")),
    ("Huis van het Kind Merelbeke en omstreken", 2, ("44043", "44040", "44052")),
    ("Huis van het Kind Lokeren en omstreken", 9, ("46014", "44045", "46024")),
    ("Huis van het Kind Tessenderlo en omstreken", 5, ("71057", "71069", "71037")),
    ("Huis van het Kind Bilzen en omstreken", 7, ("73006", "73032", "73066")),
    ("Huis van het Kind Tongeren en omstreken", 4, ("73083", "73009", "73022", "73098")),
    ("Huis van het Kind Druivenstreek", 7, ("23062", "23033", "24045")),
    ("Huis van het Kind Westkust", 5, ("38014", "38008", "38016", "38025")),
    ("Huis van het Kind Westhoek", 6, ("33039", "33016", "33029", "33037", "33040")),
    ("Huis van het Kind Diksmuide en omstreken", 6, ("32003", "32006", "32010", "32011")),
    ("Huis van het Kind Meetjesland", 6, ("43002", "43007", "43014")),
    ("Huis van het Kind Vlaamse Ardennen", 6, ("45059", "45063", "45064", "45065")),
    ("Huis van het Kind Kluisbergen en omstreken", 6, ("45060", "45061", "45068")),
    ("Huis van het Kind Noorderkempen", 6, ("13014", "13002", "13023", "13037")),
    ("Huis van het Kind Kasterlee en omstreken", 5, ("13017", "13012", "13019", "13044")),
    ("Huis van het Kind Dessel en omstreken", 5, ("13006", "13001", "13036")),
    ("Huis van het Kind Maasland", 6, ("72041", "72018")),
    ("Huis van het Kind Haspengouw", 6, ("71017", "71045", "73001")),
    ("Huis van het Kind Hageland", 6, ("24008", "24028", "24130", "24133", "24137")),
    ("Huis van het Kind Rupelstreek", 5, ("11005", "11018", "11030", "11037", "11038")),
    ("Huis van het Kind Zuiderkempen", 5, ("13013", "13016")),
)


def _nis(codes: str) -> tuple[str, ...]:
    return tuple(codes.split())


#: Municipal Huizen per cluster; every other Flemish gemeente of 2022 with a Huis gets a
#: municipal Huis in cluster 5 (Overgangsgebied).
GEMEENTELIJK_PER_CLUSTER: dict[int, tuple[str, ...]] = {
    # Centrumsteden: Aalst, Genk, Kortrijk, Leuven, Mechelen, Oostende, Roeselare, Sint-Niklaas,
    # Turnhout, Dendermonde (and Hasselt, intermunicipal above).
    1: _nis("41002 71016 34022 24062 12025 35013 36015 46021 13040 42006"),
    # Grootstedelijke rand: around Antwerpen and Gent.
    2: _nis("11001 11004 11008 11013 11021 11023 11024 11029 11035 11039 11040 11050 11052 44019"),
    # Grootsteden: Gent and Brugge (and Antwerpen above).
    3: _nis("44021 31005"),
    # Kleinstedelijk provinciaal.
    4: _nis(
        "33021 36008 41018 41081 42025 72004 31043 31004 34027 34013 31033 12014 "
        "12040 46025 42008 42028 73107 73042 12007 12041"
    ),
    # Platteland.
    6: _nis(
        "32030 38002 34043 73109 24041 24016 24054 24059 24135 24134 24007 24109 "
        "23104 23097 13035 13021 13053 13049 13003 11053 11016 11054 31006 35006 "
        "35005 35014 36006 36019 36012 36011 36010 34002 34003 37010 37017 41027 "
        "41063 44081 44020 43010 44085 42026 72030 72003 72038 72042 71020"
    ),
    # Regionaal stedelijke rand: around Leuven, Brugge, Kortrijk, Mechelen, Hasselt and Aalst.
    7: _nis("24038 24009 24055 31022 34023 34041 34042 12005 12035 71011 71066 41034"),
    # Stedelijk gebied rond Brussel.
    8: _nis("23088 23094 23047 23016 23077 23025 23099 23103 23102 23101 23003"),
    # Structuurondersteunende steden.
    9: _nis(
        "12021 13008 13025 13011 24001 24020 23027 24107 71053 72020 72021 71004 "
        "33011 34040 45041 45035 43005 41048"
    ),
}

VZW_SLUGS = frozenset({BRUSSEL_SLUG, "westhoek", "meetjesland", "noorderkempen"})

#: Made-up inhabitants, only to size the subsidies: fixed for the largest cities, otherwise
#: drawn per cluster.
INWONERS = {"11002": 530_000, "11007": 11_000, "44021": 265_000, "31005": 119_000}
INWONERS_PER_CLUSTER = {
    1: (60_000, 120_000),
    2: (12_000, 40_000),
    3: (100_000, 500_000),
    4: (15_000, 35_000),
    5: (8_000, 22_000),
    6: (700, 12_000),
    7: (10_000, 25_000),
    8: (10_000, 45_000),
    9: (25_000, 45_000),
    None: (20_000, 190_000),  # Brussels
}

TELEFOONZONES = {
    Provincie.ANTWERPEN: "03",
    Provincie.OOST_VLAANDEREN: "09",
    Provincie.WEST_VLAANDEREN: "050",
    Provincie.VLAAMS_BRABANT: "016",
    Provincie.LIMBURG: "011",
    Provincie.BRUSSEL: "02",
}

HUIS_VELDEN = ("naam", "rechtsvorm", "vertegenwoordiger", "erkend_sinds", "email", "telefoon", "website")
#: The profile fields of a Huis, planned with the rest of its profile.
HUIS_PROFIELVELDEN = (
    "korte_beschrijving",
    "facebook",
    "instagram",
    "aantal_medewerkers",
    "fysieke_locatie_gepland",
    "beslissingsafspraken",
    "cofinanciering_lokaal_bestuur",
    "cofinanciering_bedrag",
    "projectmiddelen",
)


@dataclass(frozen=True)
class _Demogebruiker:
    label: str
    email: str
    naam: str
    rol: str | None = None
    is_opgroeien: bool = False
    is_beheerder: bool = False


DEMO_GEBRUIKERS = (
    _Demogebruiker(
        "coördinator Huis van het Kind Gent",
        f"coordinator@{DEMO_DOMEIN}",
        "Chris Coördinator",
        rol=Rol.COORDINATOR,
    ),
    _Demogebruiker(
        "medewerker Lokaal Loket Kinderopvang Gent",
        f"loket@{DEMO_DOMEIN}",
        "Lien Loket",
        rol=Rol.LOKET,
    ),
    _Demogebruiker("medewerker Opgroeien", f"opgroeien@{DEMO_DOMEIN}", "Olivia Opgroeien", is_opgroeien=True),
    _Demogebruiker("functioneel beheerder", f"beheerder@{DEMO_DOMEIN}", "Bram Beheerder", is_beheerder=True),
)

#: (role, e-mail) of the demo logins, for the README and the command's output.
DEMO_LOGINS: list[tuple[str, str]] = [(g.label, g.email) for g in DEMO_GEBRUIKERS]


@dataclass(frozen=True)
class Subsidiecijfers:
    jaar: int
    minimum: Decimal
    mediaan: Decimal
    maximum: Decimal


@dataclass(frozen=True)
class Demoresultaat:
    """Figures over the demo Huizen, on the survey's date (`peildatum`) unless named `_vandaag`."""

    peildatum: datetime.date
    huizen: int
    intergemeentelijk: int
    intergemeentelijk_vandaag: int
    vlaamse_gemeenten: int
    vlaamse_gemeenten_met_huis: int
    brusselse_gemeenten_met_huis: int
    gemeenten_zonder_huis: tuple[str, ...]
    gemeenten_zonder_huis_vandaag: tuple[str, ...]
    subsidies: tuple[Subsidiecijfers, ...]
    logins: tuple[tuple[str, str], ...]
    profiel: Profielcijfers
    levensdomeinen: Levensdomeincijfers


@transaction.atomic
def laad_demodata(*, wachtwoord: str) -> Demoresultaat:
    """Create or update the demo Huizen, their werkingsgebied, subsidies, clusters and logins.

    Loads the reference data first when no gemeente exists. Running it again changes nothing.
    """
    if not wachtwoord:
        raise ValueError("Een wachtwoord voor de demologins is verplicht.")
    if not Gemeente.objects.exists():
        laad_referentiedata()
    rng = random.Random(SEED)  # noqa: S311  (demo data, not security)
    gemeenten = {g.nis: g for g in Gemeente.objects.order_by("nis")}
    per_pk = {g.pk: g for g in gemeenten.values()}
    plannen = _plan_huizen(gemeenten, per_pk)
    _plan_velden(plannen, rng)
    _plan_subsidies(plannen, rng)
    _plan_profielen(plannen, per_pk, rng)
    domeinplannen = plan_levensdomeinen(plannen, rng)

    huizen = _schrijf_huizen(plannen)
    _schrijf_werkingsgebied(plannen, huizen, per_pk)
    schrijf_lokets(huizen)
    _schrijf_subsidies(plannen, huizen)
    _schrijf_clusters(plannen, gemeenten, per_pk)
    _schrijf_gebruikers(huizen[DEMO_HUIS_SLUG], wachtwoord)
    _schrijf_profielen(plannen, huizen)
    profiel = _controleer_profielen(list(huizen.values()))
    # The demo coordinator drew up Gent's self-assessments.
    email = next(g.email for g in DEMO_GEBRUIKERS if g.rol == Rol.COORDINATOR)
    coordinator = User.objects.filter(email__iexact=email).values_list("pk", flat=True).first()
    levensdomeinen = schrijf_levensdomeinen(
        plannen, huizen, domeinplannen, opstellers={DEMO_HUIS_SLUG: coordinator}
    )
    # Written in bulk, past the services: the data versions of every demo Huis and the clusters.
    verhoog(REFERENTIE, *(scope for huis in huizen.values() for scope in huis_scopes(huis.pk)))
    return _resultaat(list(huizen.values()), profiel, levensdomeinen)


# --- The plan -------------------------------------------------------------------------------


def _plan_huizen(gemeenten: dict[str, Gemeente], per_pk: dict[int, Gemeente]) -> list[Huisplan]:
    """The Huizen with their gemeenten of 2022 and their cluster, checked against the facts."""
    vlaams = {
        nis: g
        for nis, g in gemeenten.items()
        if g.gewest == Gewest.VLAANDEREN and g.is_geldig_op(GEMEENTEN_OP)
    }
    brussels = [g for g in gemeenten.values() if g.gewest == Gewest.BRUSSEL and g.is_geldig_op(GEMEENTEN_OP)]

    def vlaamse(nis_codes) -> list[Gemeente]:
        onbekend = [nis for nis in nis_codes if nis not in vlaams]
        if onbekend:
            raise Demodatafout(
                f"Geen Vlaamse gemeente van 2022 met NIS-code {', '.join(onbekend)}; "
                "laad eerst de referentiegegevens (laad_referentiedata)."
            )
        return [vlaams[nis] for nis in nis_codes]

    plannen = [Huisplan(BRUSSEL_NAAM, None, brussels, slug=BRUSSEL_SLUG)]
    plannen += [Huisplan(naam, c, vlaamse(nis)) for naam, c, nis in INTERGEMEENTELIJK]
    toegewezen = {nis for _, _, nis_codes in INTERGEMEENTELIJK for nis in nis_codes}
    toegewezen |= {g.nis for g in vlaamse(ZONDER_HUIS)}
    gemeentelijk = {nis: c for c, codes in GEMEENTELIJK_PER_CLUSTER.items() for nis in codes}
    for nis, gemeente in vlaams.items():
        if nis not in toegewezen:
            cluster = gemeentelijk.get(nis, OVERGANGSGEBIED)
            plannen.append(Huisplan(f"Huis van het Kind {gemeente.naam}", cluster, [gemeente]))
    _controleer_plan(plannen, vlaams, gemeentelijk, per_pk)
    return sorted(plannen, key=lambda p: p.slug)


def _controleer_plan(plannen, vlaams, gemeentelijk, per_pk) -> None:
    fouten = []
    alle = [g.nis for p in plannen for g in p.gemeenten]
    if len(alle) != len(set(alle)):
        fouten.append("een gemeente hoort bij meer dan één Huis")
    if set(gemeentelijk) - set(vlaams) or set(gemeentelijk) & set(ZONDER_HUIS):
        fouten.append("een gemeentelijk Huis ligt niet in Vlaanderen of heeft geen Huis")
    per_cluster = {c: sum(1 for p in plannen if p.cluster == c) for c in HUIZEN_PER_CLUSTER}
    if per_cluster != HUIZEN_PER_CLUSTER:
        fouten.append(f"Huizen per cluster {per_cluster} in plaats van {HUIZEN_PER_CLUSTER}")
    for eigenschap in ("naam", "slug"):
        waarden = [getattr(p, eigenschap) for p in plannen]
        if len(waarden) != len(set(waarden)):
            fouten.append(f"een {eigenschap} komt meer dan eens voor")
    huis_van_vandaag: dict[str, str] = {}
    for plan in plannen:
        for gemeente in plan.gemeenten:
            huidig = _huidige_gemeente(gemeente, per_pk).nis
            if huis_van_vandaag.setdefault(huidig, plan.slug) != plan.slug:
                fouten.append(f"gemeente {huidig} zou vandaag bij twee Huizen horen")
    if fouten:
        raise Demodatafout("De demogegevens kloppen niet: " + "; ".join(fouten) + ".")


def _huidige_gemeente(gemeente: Gemeente, per_pk: dict[int, Gemeente]) -> Gemeente:
    """Follow mergers like Gemeente.huidige_gemeente, without a query per step."""
    gezien = set()
    while gemeente.opvolger_id and gemeente.pk not in gezien:
        gezien.add(gemeente.pk)
        gemeente = per_pk[gemeente.opvolger_id]
    return gemeente


def _plan_velden(plannen: list[Huisplan], rng: random.Random) -> None:
    """Legal form, representative, recognition date and contact details of each Huis."""
    for plan in plannen:
        hoofdgemeente = plan.gemeenten[0]
        if plan.slug in VZW_SLUGS:
            rechtsvorm, vertegenwoordiger = Rechtsvorm.VZW, f"{plan.naam} vzw"
        else:
            rechtsvorm = Rechtsvorm.FEITELIJKE_VERENIGING
            vertegenwoordiger = f"Lokaal bestuur {hoofdgemeente.naam}"
        if any(g.geldig_van and g.geldig_van.year == 2019 for g in plan.gemeenten):
            # A gemeente formed on 2019-01-01: its Huis was recognised in 2019.
            erkend_sinds = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 180))
        else:
            jaar = rng.choices([2014, 2015, 2016, 2017, 2018, 2019], weights=[55, 30, 4, 3, 3, 5])[0]
            erkend_sinds = datetime.date(jaar, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
        zone = TELEFOONZONES[hoofdgemeente.provincie]
        if len(zone) == 2:
            telefoon = f"{zone} {rng.randint(200, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        else:
            telefoon = f"{zone} {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        plan.velden = {
            "naam": plan.naam,
            "rechtsvorm": rechtsvorm,
            "vertegenwoordiger": vertegenwoordiger,
            "erkend_sinds": erkend_sinds,
            "email": f"info@{plan.slug}.huizenvanhetkind.test",
            "telefoon": telefoon,
            "website": f"https://www.{plan.slug}.huizenvanhetkind.test",
        }


def _plan_subsidies(plannen: list[Huisplan], rng: random.Random) -> None:
    """Yearly subsidy, growing with the (made-up) inhabitants of the werkingsgebied.

    Scaled so the median Huis gets 7,840 euro in 2022, indexed a little each year, and kept
    between 1,200 and 87,500 euro.
    """
    cluster_van = {g.nis: p.cluster for p in plannen for g in p.gemeenten}
    inwoners = {}
    for nis in sorted(cluster_van):
        laag, hoog = INWONERS_PER_CLUSTER[cluster_van[nis]]
        inwoners[nis] = INWONERS.get(nis) or rng.randint(laag, hoog)
    omvang = {p.slug: sum(inwoners[g.nis] for g in p.gemeenten) ** SUBSIDIE_EXPONENT for p in plannen}
    schaal = SUBSIDIE_MEDIAAN_2022 / statistics.median(omvang.values())
    for plan in plannen:
        for jaar in SUBSIDIEJAREN:
            bedrag = round(omvang[plan.slug] * schaal * (1 + INDEXATIE_PER_JAAR * (jaar - 2022)))
            plan.subsidies[jaar] = Decimal(min(max(bedrag, SUBSIDIE_MIN), SUBSIDIE_MAX))


# --- Writing the plan -----------------------------------------------------------------------


def _schrijf_huizen(plannen: list[Huisplan]) -> dict[str, Huis]:
    bestaande = {h.slug: h for h in Huis.objects.filter(slug__in=[p.slug for p in plannen])}
    nieuw = []
    for plan in plannen:
        huis = bestaande.get(plan.slug)
        if huis is None:
            nieuw.append(Huis(slug=plan.slug, **plan.velden))
        elif any(getattr(huis, k) != v for k, v in plan.velden.items()):
            # A new version: an open profile form of this Huis is stale now.
            werk_bij(Huis, huis.pk, {**plan.velden, "gewijzigd": timezone.now(), "versie": huis.versie + 1})
    Huis.objects.bulk_create(nieuw)
    return {h.slug: h for h in Huis.objects.filter(slug__in=[p.slug for p in plannen])}


#: The demo's intermunicipal loket: the loket hosted by Meetjesland also serves the gemeente of
#: the Huis van het Kind Eeklo, which hosts no loket of its own (one desk for two Huizen).
INTERGEMEENTELIJK_LOKET: tuple[str, tuple[str, ...]] = ("meetjesland", ("eeklo",))


def schrijf_lokets(huizen: dict[str, Huis]) -> None:
    """Every demo Huis hosts a loket whose area is its werkingsgebied (created by the service; the
    area copied with the werkingsgebied's dates), except the partners of the intermunicipal loket,
    whose gemeenten it serves. In a database where the migration already gave a partner a loket of
    its own, that loket's gemeenten end yesterday and the intermunicipal loket takes them over
    today (the history is kept). Running it again changes nothing."""
    gastslug, partnerslugs = INTERGEMEENTELIJK_LOKET
    partners = [huizen[slug] for slug in partnerslugs if slug in huizen]
    met_loket = set(Loket.objects.filter(huis__in=list(huizen.values())).values_list("huis_id", flat=True))
    for _slug, huis in sorted(huizen.items()):
        if huis.pk in met_loket or huis in partners:
            continue
        naam = "Lokaal Loket Kinderopvang " + huis.naam.removeprefix("Huis van het Kind ")
        loket = loketservices.maak_loket(
            huis=huis,
            gegevens={"naam": naam, "organisator": huis.naam, "email": huis.email, "telefoon": huis.telefoon},
        )
        Loketgebied.objects.bulk_create(
            Loketgebied(
                loket=loket, gemeente_id=rij.gemeente_id, geldig_van=rij.geldig_van, geldig_tot=rij.geldig_tot
            )
            for rij in Werkingsgebied.objects.filter(huis=huis).order_by("pk")
        )
    gast = Loket.objects.filter(huis=huizen.get(gastslug)).first()
    if gast is None:
        return
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    for partner in partners:
        for rij in Werkingsgebied.objects.filter(huis=partner).select_related("gemeente").order_by("pk"):
            if Loketgebied.objects.filter(loket=gast, gemeente=rij.gemeente).exists():
                continue
            eigen = list(Loketgebied.objects.filter(gemeente=rij.gemeente).exclude(loket=gast))
            if not eigen:
                Loketgebied.objects.create(
                    loket=gast, gemeente=rij.gemeente, geldig_van=rij.geldig_van, geldig_tot=rij.geldig_tot
                )
                continue
            for ander in eigen:
                if ander.geldig_tot is None or ander.geldig_tot > gisteren:
                    loketservices.beeindig_gemeente(loket=ander.loket, gebied_id=ander.pk, tot=gisteren)
            loketservices.voeg_gemeente_toe(
                loket=gast, gemeente=rij.gemeente, vanaf=gisteren + datetime.timedelta(days=1)
            )
        gast.huizen.add(partner)


def _schrijf_werkingsgebied(
    plannen: list[Huisplan], huizen: dict[str, Huis], per_pk: dict[int, Gemeente]
) -> None:
    """The werkingsgebied of 2022, with rows for the successors of gemeenten merged since."""
    gewenst: dict[tuple[int, int, datetime.date | None], datetime.date | None] = {}
    for plan in plannen:
        huis = huizen[plan.slug]
        van = huis.erkend_sinds
        gedekt = {g.pk for g in plan.gemeenten if g.geldig_tot is None}
        for gemeente in plan.gemeenten:
            gewenst[(huis.pk, gemeente.pk, van)] = gemeente.geldig_tot
            huidig = gemeente
            while huidig.geldig_tot is not None and huidig.opvolger_id:
                huidig = per_pk[huidig.opvolger_id]
                if huidig.pk not in gedekt:
                    gedekt.add(huidig.pk)
                    begin = huidig.geldig_van or van
                    gewenst[(huis.pk, huidig.pk, begin)] = huidig.geldig_tot

    bestaande = {
        (w.huis_id, w.gemeente_id, w.geldig_van): w
        for w in Werkingsgebied.objects.filter(huis__in=huizen.values())
    }
    overbodig = [w.pk for sleutel, w in bestaande.items() if sleutel not in gewenst]
    Werkingsgebied.objects.filter(pk__in=overbodig).delete()
    gewijzigd, nieuw = [], []
    for (huis_id, gemeente_id, van), tot in gewenst.items():
        rij = bestaande.get((huis_id, gemeente_id, van))
        if rij is None:
            nieuw.append(
                Werkingsgebied(huis_id=huis_id, gemeente_id=gemeente_id, geldig_van=van, geldig_tot=tot)
            )
        elif rij.geldig_tot != tot:
            rij.geldig_tot = tot
            gewijzigd.append(rij)
    Werkingsgebied.objects.bulk_create(nieuw)
    Werkingsgebied.objects.bulk_update(gewijzigd, ["geldig_tot"])


def _schrijf_subsidies(plannen: list[Huisplan], huizen: dict[str, Huis]) -> None:
    bestaande = {
        (s.huis_id, s.jaar): s
        for s in Subsidie.objects.filter(huis__in=huizen.values(), jaar__in=SUBSIDIEJAREN)
    }
    nieuw, gewijzigd = [], []
    for plan in plannen:
        huis = huizen[plan.slug]
        for jaar, bedrag in plan.subsidies.items():
            subsidie = bestaande.get((huis.pk, jaar))
            if subsidie is None:
                nieuw.append(Subsidie(huis=huis, jaar=jaar, bedrag=bedrag))
            elif subsidie.bedrag != bedrag:
                subsidie.bedrag = bedrag
                gewijzigd.append(subsidie)
    Subsidie.objects.bulk_create(nieuw)
    Subsidie.objects.bulk_update(gewijzigd, ["bedrag"])


def _schrijf_clusters(
    plannen: list[Huisplan], gemeenten: dict[str, Gemeente], per_pk: dict[int, Gemeente]
) -> None:
    """Demo clusters for the Flemish gemeenten of 2022 and for today's successors of them."""
    clusters = {c.nummer: c for c in VrindCluster.objects.all()}
    ontbrekend = sorted(set(HUIZEN_PER_CLUSTER) - set(clusters))
    if ontbrekend:
        raise Demodatafout(
            f"VRIND-clusters {ontbrekend} ontbreken; laad eerst de referentiedata (laad_referentiedata)."
        )
    gewenst = dict(ZONDER_HUIS)
    for plan in plannen:
        if plan.cluster is None:
            continue
        for gemeente in plan.gemeenten:
            gewenst[gemeente.nis] = plan.cluster
            gewenst[_huidige_gemeente(gemeente, per_pk).nis] = plan.cluster
    gewijzigd = []
    for nis, nummer in gewenst.items():
        gemeente = gemeenten[nis]
        if gemeente.cluster_id != clusters[nummer].pk or gemeente.cluster_bron != CLUSTER_BRON:
            gemeente.cluster = clusters[nummer]
            gemeente.cluster_bron = CLUSTER_BRON
            gewijzigd.append(gemeente)
    Gemeente.objects.bulk_update(gewijzigd, ["cluster", "cluster_bron"])


def _schrijf_gebruikers(huis: Huis, wachtwoord: str) -> None:
    for demo in DEMO_GEBRUIKERS:
        velden = {
            "naam": demo.naam,
            "is_opgroeien": demo.is_opgroeien,
            "is_staff": demo.is_beheerder,
            "is_superuser": demo.is_beheerder,
            "is_active": True,
        }
        gebruiker = User.objects.filter(email__iexact=demo.email).first()
        if gebruiker is None:
            gebruiker = User(email=demo.email, **velden)
            gebruiker.set_password(wachtwoord)
            gebruiker.save()
        else:
            gewijzigd = any(getattr(gebruiker, k) != v for k, v in velden.items())
            for k, v in velden.items():
                setattr(gebruiker, k, v)
            # Only a new hash when the password differs, so a second run changes nothing.
            if not gebruiker.check_password(wachtwoord):
                gebruiker.set_password(wachtwoord)
                gewijzigd = True
            if gewijzigd:
                gebruiker.save()
        geef_demo_tweede_factor(gebruiker)
        if demo.rol:
            Lidmaatschap.objects.get_or_create(gebruiker=gebruiker, huis=huis, rol=demo.rol)


def geef_demo_tweede_factor(gebruiker: User) -> None:
    """The demo login's authenticator app, with the known secret `DEMO_TOTP_GEHEIM`."""
    totp = Authenticator.objects.filter(user=gebruiker, type=Authenticator.Type.TOTP).first()
    if totp is None or decrypt(totp.data["secret"]) != DEMO_TOTP_GEHEIM:
        Authenticator.objects.update_or_create(
            user=gebruiker,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": encrypt(DEMO_TOTP_GEHEIM)}},
        )


# --- The profiles: targets from the 2022 survey ----------------------------------------------
#
# The report's percentages are turned into whole numbers of the 227 demo Huizen first (the
# targets below); the plan then picks which Huizen get what, and the rows are written from the
# plan. Where the report gives no figure, the number is chosen and marked "chosen".

#: Intermunicipal Huizen in 2022 (Brussel included); the survey's breakdowns use 2022.
AANTAL_INTERGEMEENTELIJK = 29


def _verdeel(totaal: int, percentages: Iterable[float]) -> tuple[int, ...]:
    """Whole numbers adding up to `totaal`, each as close to its percentage of `totaal` as the
    others allow (largest remainder; the percentages may add up to a little more or less than 100
    through rounding in the report)."""
    quota = [totaal * p / 100 for p in percentages]
    aantallen = [math.floor(q) for q in quota]
    te_weinig = totaal - sum(aantallen)
    volgorde = sorted(range(len(quota)), key=lambda i: (aantallen[i] - quota[i], i))
    for i in volgorde[:te_weinig] if te_weinig >= 0 else volgorde[te_weinig:]:
        aantallen[i] += 1 if te_weinig >= 0 else -1
    return tuple(aantallen)


#: "Fysieke locatie": 58% of the Huizen have one or more physical locations, 14.8% plan one and
#: 27.4% have none and plan none (all three of all Huizen; 100.2% in all through rounding).
LOCATIE_PCT = (58.0, 14.8, 27.4)
#: 65.5% of the intermunicipal Huizen have one or more physical locations.
INTERGEMEENTELIJK_MET_LOCATIE_PCT = 65.5
#: Several physical locations: 39.7% of the intermunicipal and 15.7% of the municipal Huizen.
MEERDERE_LOCATIES_PCT = {"intergemeentelijk": 39.7, "gemeentelijk": 15.7}
#: "Niet-fysiek aanspreekpunt": 5.8% (n = 13) have none; of those 13, five have one physical
#: location, two have several and six neither have nor plan one; one of the 13 is intermunicipal.
ZONDER_CONTACTPUNT = {"een_locatie": 5, "meerdere_locaties": 2, "geen_locatie": 6}
ZONDER_CONTACTPUNT_INTERGEMEENTELIJK = 1

_MET_LOCATIE, _PLANT_LOCATIE, _GEEN_LOCATIE = _verdeel(AANTAL_HUIZEN, LOCATIE_PCT)
_INTERGEMEENTELIJK_MET_LOCATIE = rond(AANTAL_INTERGEMEENTELIJK * INTERGEMEENTELIJK_MET_LOCATIE_PCT / 100)
_MEERDERE_LOCATIES = {
    True: rond(AANTAL_INTERGEMEENTELIJK * MEERDERE_LOCATIES_PCT["intergemeentelijk"] / 100),
    False: rond((AANTAL_HUIZEN - AANTAL_INTERGEMEENTELIJK) * MEERDERE_LOCATIES_PCT["gemeentelijk"] / 100),
}

#: "Wie zijn de drie belangrijkste partners in jullie samenwerkingsverband?", answered by 225 of the
#: 227 Huizen: the number of Huizen that ticked each answer. The report's text only gives lokaal
#: bestuur (164 of 225, 72.8%); the other percentages are in a figure the text version lacks, so
#: they are chosen (percentage of the 225 in the comment), adding up to about three per Huis.
KERNPARTNER_RESPONDENTEN = 225
KERNPARTNERS: dict[str, int] = {
    PartnerSoort.LOKAAL_BESTUUR.value: 164,  # 72.8% (report)
    PartnerSoort.CONSULTATIEBUREAU.value: 117,  # 52.0% (chosen: mandatory, yet 26.4% no cooperation)
    PartnerSoort.LOKAAL_LOKET.value: 99,  # 44.0% (chosen: the closest Kind en Gezin partner)
    PartnerSoort.KINDEROPVANG.value: 77,  # 34.2% (chosen)
    PartnerSoort.ANDERE.value: 54,  # 24.0% (chosen: lokaal team, sociaal huis, CAW ...)
    PartnerSoort.SPEL_EN_ONTMOETING.value: 50,  # 22.2% (chosen)
    PartnerSoort.OPVOEDINGSWINKEL.value: 34,  # 15.1% (chosen: mostly the cities)
    PartnerSoort.BUITENSCHOOLS.value: 27,  # 12.0% (chosen)
    PartnerSoort.CLB.value: 23,  # 10.2% (chosen)
    PartnerSoort.PERINATAAL.value: 20,  # 8.9% (chosen)
    PartnerSoort.CKG.value: 11,  # 4.9% (chosen)
}
#: "Verschillende Huizen hebben meer dan drie opties aangekruist": four answers for five Huizen
#: (chosen); the others tick at most three.
KERNPARTNER_VIER_ANTWOORDEN = 5

#: "In 87,9% van de Huizen co-financiert het lokaal bestuur": all but 27 Huizen (report).
ZONDER_COFINANCIERING = 27
#: Co-financing whose amount the Huis does not give ("moeilijk te becijferen"; chosen).
COFINANCIERING_ZONDER_BEDRAG = 15

_KG = KindEnGezinPartner
#: Huizen where each Kind en Gezin partner exists. 44 of the 227 Huizen (19.4%) have no
#: consultatiebureau on their territory (report); the other numbers are chosen.
KIND_EN_GEZIN_AANWEZIG: dict[str, int] = {
    _KG.LOKAAL_TEAM.value: 227,
    _KG.AANBODSVORMEN_PGO.value: 168,
    _KG.CONSULTATIEBUREAU.value: 227 - 44,
    _KG.BUITENSCHOOLSE_OPVANG.value: 181,
    _KG.KINDEROPVANG.value: 214,
    _KG.LOKAAL_LOKET.value: 227,
}
#: Cooperation scores 1 to 5 in percent of the Huizen where the partner exists.
SAMENWERKING_PCT: dict[str, tuple[float, ...]] = {
    # Chosen: "loopt in bijna alle Huizen goed", more than half score 4 or 5.
    _KG.LOKAAL_TEAM.value: (3, 7, 22, 38, 30),
    # Chosen: "heel wisselend".
    _KG.AANBODSVORMEN_PGO.value: (12, 18, 28, 24, 18),
    # Report: 26.4% score 1, "de verschillende scores werden ongeveer even vaak aangeduid". Here of
    # the 183 Huizen with a consultatiebureau: the 44 without one have no such partner to score.
    _KG.CONSULTATIEBUREAU.value: (26.4, 18.4, 18.4, 18.4, 18.4),
    # Chosen: "de scores ... liggen heel hoog", more than half 4 or 5.
    _KG.BUITENSCHOOLSE_OPVANG.value: (6, 8, 20, 34, 32),
    _KG.KINDEROPVANG.value: (4, 6, 18, 36, 36),
}
#: Lokaal Loket Kinderopvang (report): 55.3% score 5 and 11.5% score 1, and the scores 1-2 / 3 /
#: 4-5 of the Huizen with and without a physical location from the report's table.
LOKAAL_LOKET_SCORE_PCT = {1: 11.5, 5: 55.3}
LOKAAL_LOKET_PER_LOCATIE_PCT = {True: (12.60, 8.66, 78.74), False: (23.33, 17.78, 58.89)}


def _lokaal_loket_scores() -> dict[bool, tuple[int, ...]]:
    """Huizen per score 1-5 for the Lokaal Loket, with (True) and without a physical location."""
    groepen = {True: _MET_LOCATIE, False: AANTAL_HUIZEN - _MET_LOCATIE}
    emmers = {g: _verdeel(n, LOKAAL_LOKET_PER_LOCATIE_PCT[g]) for g, n in groepen.items()}
    een = rond(AANTAL_HUIZEN * LOKAAL_LOKET_SCORE_PCT[1] / 100)
    vijf = rond(AANTAL_HUIZEN * LOKAAL_LOKET_SCORE_PCT[5] / 100)
    een_met = rond(een * emmers[True][0] / (emmers[True][0] + emmers[False][0]))
    vijf_met = rond(vijf * emmers[True][2] / (emmers[True][2] + emmers[False][2]))
    uit = {}
    for groep, (laag, midden, hoog) in emmers.items():
        een_hier = een_met if groep else een - een_met
        vijf_hier = vijf_met if groep else vijf - vijf_met
        uit[groep] = (een_hier, laag - een_hier, midden, hoog - vijf_hier, vijf_hier)
    return uit


def _samenwerking_scores() -> dict[str, dict[int, int]]:
    scores = {
        kind: dict(zip(range(1, 6), _verdeel(KIND_EN_GEZIN_AANWEZIG[kind], pct), strict=True))
        for kind, pct in SAMENWERKING_PCT.items()
    }
    loket = _lokaal_loket_scores()
    scores[_KG.LOKAAL_LOKET.value] = {s: loket[True][s - 1] + loket[False][s - 1] for s in range(1, 6)}
    return {kind.value: scores[kind.value] for kind in _KG}


#: The profile figures of the demo data, exactly; an overview computed from the database of a
#: freshly loaded demo equals these.
DEMO_PROFIELCIJFERS: dict = {
    "met_fysieke_locatie": _MET_LOCATIE,
    "met_meerdere_locaties": sum(_MEERDERE_LOCATIES.values()),
    "plant_fysieke_locatie": _PLANT_LOCATIE,
    "zonder_contactpunt": sum(ZONDER_CONTACTPUNT.values()),
    "kernpartner_per_soort": {soort.value: KERNPARTNERS[soort.value] for soort in PartnerSoort},
}
#: Per Kind en Gezin partner (KindEnGezinPartner value): the number of Huizen per cooperation
#: score 1-5, counted over the Huizen where that partner exists.
DEMO_SAMENWERKING: dict[str, dict[int, int]] = _samenwerking_scores()


@dataclass(frozen=True)
class Profielcijfers:
    """The profile figures of the demo Huizen as counted in the database."""

    met_fysieke_locatie: int
    met_meerdere_locaties: int
    plant_fysieke_locatie: int
    zonder_fysieke_locatie_niet_gepland: int
    zonder_contactpunt: int
    kernpartner_per_soort: dict[str, int]
    samenwerking: dict[str, dict[int, int]]
    met_cofinanciering: int
    rijen: dict[str, int]

    def als_demo_profielcijfers(self) -> dict:
        return {
            "met_fysieke_locatie": self.met_fysieke_locatie,
            "met_meerdere_locaties": self.met_meerdere_locaties,
            "plant_fysieke_locatie": self.plant_fysieke_locatie,
            "zonder_contactpunt": self.zonder_contactpunt,
            "kernpartner_per_soort": self.kernpartner_per_soort,
        }


# --- The profiles: fixed tables -------------------------------------------------------------

KINDEROPVANGNAMEN = (
    "'t Kabouterhuis", "De Speelvogel", "Het Zonnetje", "De Rupsjes", "Kadee", "De Klimboom",
    "De Toverfluit", "Ukkepuk", "Het Kinderbos", "De Notelaar", "Bengeltje", "De Vlindertuin",
)  # fmt: skip
CKG_NAMEN = ("De Vlinder", "Het Nest", "De Boomhut", "Kameleon", "De Schommel", "Het Anker", "De Wieg")
VROEDVROUWPRAKTIJKEN = ("De Ooievaar", "Babybloem", "Nieuw Leven", "Kraamzorg Thuis", "Moeder en Kind")
LOCATIENAMEN_ZONDER_HUIS = ("Sociaal Huis", "Gezinspunt", "Ontmoetingshuis", "Welzijnshuis", "Kindpunt")
LOCATIE_ACHTERVOEGSELS = ("antenne Sociaal Huis", "ontmoetingsruimte", "Kinderhuis", "antenne bibliotheek")
TOEGANKELIJKHEID = (
    "Rolstoeltoegankelijk, met een aangepast toilet.",
    "Gratis parkeren op het plein naast het gebouw.",
    "Bushalte op 100 meter.",
    "Op wandelafstand van het station.",
    "Fietsenstalling en plaats voor kinderwagens aan de ingang.",
    "Verzorgingstafel en een rustige ruimte om borstvoeding te geven.",
    "Ingang aan de achterkant, met een lift naar de eerste verdieping.",
)
BESCHIKBAARHEID = {
    ContactpuntSoort.TELEFOON: (
        "Werkdagen van 9 tot 12 uur.",
        "Maandag tot donderdag van 9 tot 12 en van 13 tot 16 uur.",
        "Werkdagen van 9 tot 16 uur, op woensdag tot 12 uur.",
        "Dinsdag en donderdag van 13 tot 17 uur.",
    ),
    ContactpuntSoort.EMAIL: ("Antwoord binnen twee werkdagen.", "Antwoord binnen drie werkdagen."),
    ContactpuntSoort.WEBSITE: ("Altijd te raadplegen.", "Met een contactformulier, antwoord binnen de week."),
    ContactpuntSoort.CHAT: ("Woensdag van 13 tot 16 uur.", "Werkdagen van 10 tot 12 uur."),
    ContactpuntSoort.WHATSAPP: ("Werkdagen, antwoord dezelfde dag.", "Maandag tot vrijdag van 9 tot 17 uur."),
    ContactpuntSoort.SOCIALE_MEDIA: ("Berichten worden op werkdagen beantwoord.",),
}
#: How likely each kind of contact point is, in the order the plan draws them.
CONTACTPUNT_GEWICHT = {
    ContactpuntSoort.EMAIL: 9,
    ContactpuntSoort.TELEFOON: 8,
    ContactpuntSoort.WEBSITE: 6,
    ContactpuntSoort.SOCIALE_MEDIA: 3,
    ContactpuntSoort.WHATSAPP: 1.2,
    ContactpuntSoort.CHAT: 0.8,
}
BESCHRIJVING_BEGIN = (
    "{naam} brengt de organisaties samen die (aanstaande) gezinnen met kinderen en jongeren in "
    "{gebied} ondersteunen.",
    "{naam} is de plek in {gebied} waar ouders terechtkunnen met al hun vragen over opgroeien en opvoeden.",
    "In {naam} werken lokale partners in {gebied} samen rond opvoeden, gezondheid en ontmoeting.",
)
BESCHRIJVING_AANBOD = (
    "Je kunt er terecht voor het consultatiebureau, opvoedingsondersteuning en vragen over kinderopvang.",
    "We organiseren spel- en ontmoetingsmomenten, infoavonden voor ouders en een babyspeelgroep.",
    "Van de zwangerschap tot de tienerjaren helpen we je de weg te vinden naar het juiste aanbod.",
    "Samen met onze partners bieden we laagdrempelige ontmoeting, vorming en advies op maat.",
)
BESCHRIJVING_EXTRA = (
    "Elke eerste woensdag van de maand is er een ruilmarkt voor kinderkleding.",
    "Tijdens de Week van de Opvoeding pakken we uit met extra activiteiten.",
    "Ook voor vragen over het Groeipakket helpen we je verder.",
    "Elke week is er een inloopmoment met koffie voor ouders en spelhoek voor de kinderen.",
)
BESLISSINGSAFSPRAKEN = (
    "De kerngroep bereidt voor, de stuurgroep beslist over het jaarplan en het college van "
    "burgemeester en schepenen keurt het budget goed.",
    "Over de inhoud beslissen de partners samen in de stuurgroep; over het budget beslist het "
    "lokaal bestuur.",
    "De afspraken staan in een samenwerkingsovereenkomst die de stuurgroep elk jaar evalueert.",
)
BESLISSINGSAFSPRAKEN_INTERGEMEENTELIJK = (
    "Elk lokaal bestuur heeft één stem in de stuurgroep; over de verdeling van het budget beslissen "
    "de colleges van de deelnemende gemeenten."
)
BESLISSINGSAFSPRAKEN_VZW = (
    "De Raad van Bestuur beslist op voorstel van de coördinator; de Algemene Vergadering keurt elk "
    "jaar het jaarplan en de rekeningen goed."
)
PROJECTMIDDELEN = (
    "Projectsubsidie kinderarmoedebestrijding (2023-2025) voor een brugfiguur in de basisscholen.",
    "Provinciale projectsubsidie voor een zomerschool voor kleuters.",
    "Tijdelijke Vlaamse middelen voor de uitbouw van een babyspeelgroep.",
    "Lokale projectmiddelen voor de Week van de Opvoeding en een lezingenreeks voor ouders.",
    "Middelen van een fonds tegen kinderarmoede voor een ruilwinkel met kinderkleding.",
)
VERGADERFREQUENTIES = (
    "maandelijks",
    "zes keer per jaar",
    "vier keer per jaar",
    "drie keer per jaar",
    "twee keer per jaar",
)
ANDERE_OVERLEGORGANEN = (
    "Partneroverleg",
    "Werkgroep Week van de Opvoeding",
    "Lerend netwerk opvoedingsondersteuning",
    "Werkgroep kinderarmoede",
)
SAMENWERKING_BESCHRIJVING = {
    _KG.LOKAAL_TEAM.value: (
        "Geen vaste contacten met het lokaal team.",
        "Af en toe overleg met de intersectorale medewerker.",
        "De intersectorale medewerker zit in de stuurgroep en de verpleegkundigen leiden gezinnen toe.",
    ),
    _KG.AANBODSVORMEN_PGO.value: (
        "Er is weinig of geen aanbod in de regio.",
        "We maken elkaars aanbod bekend.",
        "Samen organiseren we ontmoetingsmomenten en een vormingsreeks voor ouders.",
    ),
    _KG.CONSULTATIEBUREAU.value: (
        "Geen samenwerking: er is geen consultatiebureau in de buurt van onze locaties.",
        "Enkel praktische afspraken en informatieoverdracht.",
        "Het consultatiebureau zit in ons Huis; de vrijwilligers verwijzen ouders door naar ons aanbod.",
    ),
    _KG.BUITENSCHOOLSE_OPVANG.value: (
        "De buitenschoolse opvang valt (nog) buiten onze werking.",
        "We maken het aanbod van de buitenschoolse opvang mee bekend.",
        "Gedeelde lokalen en samen de Week van de Opvoeding; deelname aan de stuurgroep BOA.",
    ),
    _KG.KINDEROPVANG.value: (
        "Nauwelijks contact met de kinderopvang.",
        "Info-uitwisseling in het lokaal overleg kinderopvang.",
        "Samen projecten rond de warme overgang van kinderopvang naar school.",
    ),
    _KG.LOKAAL_LOKET.value: (
        "Het loket werkt los van het Huis.",
        "Het loket verwijst gezinnen naar ons en omgekeerd.",
        "Het loket zit op dezelfde locatie en maakt deel uit van dezelfde dienst.",
    ),
}


# --- The profiles: the plan -----------------------------------------------------------------


@dataclass
class Profielplan:
    gemeenten: list[Gemeente]  # today's, the main gemeente first
    intergemeentelijk: bool  # in 2022, as in the survey
    locaties: int = 0
    gepland: bool = False
    contactpunt: bool = True
    consultatiebureau: bool = True
    kern_max: int = 3
    kern: set[str] = field(default_factory=set)
    kern_andere_is_lokaal_team: bool = False
    samenwerking: dict[str, int] = field(default_factory=dict)
    huisvelden: dict = field(default_factory=dict)
    partners: dict[str, dict] = field(default_factory=dict)
    locatierijen: dict[str, dict] = field(default_factory=dict)
    contactpunten: dict[tuple[str, str], dict] = field(default_factory=dict)
    coordinatoren: dict[str, dict] = field(default_factory=dict)
    overlegorganen: dict[tuple[str, str], dict] = field(default_factory=dict)


def _plan_profielen(plannen: list[Huisplan], per_pk: dict[int, Gemeente], rng: random.Random) -> None:
    """The profile of every Huis: first who gets what (from the targets), then the rows."""
    for plan in plannen:
        vandaag = []
        for gemeente in plan.gemeenten:
            huidig = _huidige_gemeente(gemeente, per_pk)
            if huidig not in vandaag:
                vandaag.append(huidig)
        if plan.slug == BRUSSEL_SLUG:
            vandaag.sort(key=lambda g: g.naam != "Brussel")
        plan.profiel = Profielplan(gemeenten=vandaag, intergemeentelijk=len(plan.gemeenten) > 1)
    intergemeentelijk = sum(p.profiel.intergemeentelijk for p in plannen)
    if (len(plannen), intergemeentelijk) != (AANTAL_HUIZEN, AANTAL_INTERGEMEENTELIJK):
        raise Demodatafout(
            f"De profielen verwachten {AANTAL_HUIZEN} Huizen waarvan {AANTAL_INTERGEMEENTELIJK} "
            f"intergemeentelijk, niet {len(plannen)} en {intergemeentelijk}."
        )
    _plan_locatiestatus(plannen, rng)
    _plan_kernpartners(plannen, rng)
    _plan_samenwerking(plannen, rng)
    postcodes: dict[int, list[Postcode]] = {}
    for postcode in Postcode.objects.order_by("postcode", "plaats"):
        postcodes.setdefault(postcode.gemeente_id, []).append(postcode)
    deelgemeenten: dict[int, list[str]] = {}
    for gemeente_id, naam in Deelgemeente.objects.order_by("naam").values_list("gemeente_id", "naam"):
        deelgemeenten.setdefault(gemeente_id, []).append(naam)
    for plan in plannen:
        _plan_partners(plan, rng, deelgemeenten)
        _plan_locatierijen(plan, rng, postcodes)
        _plan_contactpunten(plan, rng)
        _plan_organisatie(plan, rng)
    _plan_cofinanciering(plannen, rng)
    for plan in plannen:
        if set(plan.profiel.huisvelden) != set(HUIS_PROFIELVELDEN):
            raise Demodatafout(f"Het profiel van {plan.naam} is onvolledig.")
        plan.velden.update(plan.profiel.huisvelden)


def _plan_locatiestatus(plannen: list[Huisplan], rng: random.Random) -> None:
    """Who has one or several physical locations, who plans one, who has no contact point."""
    intergemeentelijk = [p for p in plannen if p.profiel.intergemeentelijk]
    gemeentelijk = [p for p in plannen if not p.profiel.intergemeentelijk]
    stadsgewicht = {None: 6, 3: 6, 1: 3, 9: 2, 4: 1.5, 2: 1.2, 7: 1.2, 8: 1.2}
    met_ig = kies(rng, intergemeentelijk, _INTERGEMEENTELIJK_MET_LOCATIE, verplicht={BRUSSEL_SLUG})
    met_gem = kies(
        rng,
        gemeentelijk,
        _MET_LOCATIE - _INTERGEMEENTELIJK_MET_LOCATIE,
        gewicht=lambda p: stadsgewicht.get(p.cluster, 1),
        verplicht={DEMO_HUIS_SLUG},
        wat="een fysieke locatie",
    )
    meer_ig = kies(
        rng,
        met_ig,
        _MEERDERE_LOCATIES[True],
        gewicht=lambda p: len(p.gemeenten),
        verplicht={BRUSSEL_SLUG},
        wat="meerdere locaties",
    )
    meer_gem = kies(
        rng,
        met_gem,
        _MEERDERE_LOCATIES[False],
        gewicht=lambda p: {3: 50, 1: 6, 9: 4}.get(p.cluster, 1),
        verplicht={DEMO_HUIS_SLUG},
        wat="meerdere locaties",
    )
    for plan in met_ig + met_gem:
        plan.profiel.locaties = 1
    for plan in meer_ig + meer_gem:
        profiel = plan.profiel
        if plan.slug == BRUSSEL_SLUG:
            profiel.locaties = 4
        elif profiel.intergemeentelijk:
            profiel.locaties = rng.randint(2, max(2, min(4, len(profiel.gemeenten))))
        else:
            profiel.locaties = {3: rng.randint(3, 5), 1: rng.randint(2, 3), 9: rng.randint(2, 3)}.get(
                plan.cluster, 2
            )
    zonder = [p for p in plannen if not p.profiel.locaties]
    for plan in kies(rng, zonder, _PLANT_LOCATIE, wat="een geplande locatie"):
        plan.profiel.gepland = True

    # The 13 Huizen without a non-physical contact point; only one intermunicipal (with
    # several locations, as intermunicipal Huizen more often have).
    uitgesloten = {BRUSSEL_SLUG, DEMO_HUIS_SLUG}
    landelijk = {6: 3, 5: 2}
    groepen = (
        (meer_ig, ZONDER_CONTACTPUNT_INTERGEMEENTELIJK),
        (meer_gem, ZONDER_CONTACTPUNT["meerdere_locaties"] - ZONDER_CONTACTPUNT_INTERGEMEENTELIJK),
        ([p for p in met_gem if p.profiel.locaties == 1], ZONDER_CONTACTPUNT["een_locatie"]),
        (
            [p for p in gemeentelijk if not p.profiel.locaties and not p.profiel.gepland],
            ZONDER_CONTACTPUNT["geen_locatie"],
        ),
    )
    for kandidaten, aantal in groepen:
        kandidaten = [p for p in kandidaten if p.slug not in uitgesloten]
        for plan in kies(rng, kandidaten, aantal, gewicht=lambda p: landelijk.get(p.cluster, 1)):
            plan.profiel.contactpunt = False

    # 44 Huizen have no consultatiebureau on their territory: small rural ones, never a city.
    geen_cb = kies(
        rng,
        plannen,
        AANTAL_HUIZEN - KIND_EN_GEZIN_AANWEZIG[_KG.CONSULTATIEBUREAU.value],
        gewicht=lambda p: 0 if is_stad(p) or p.slug == DEMO_HUIS_SLUG else landelijk.get(p.cluster, 1),
        wat="Huizen zonder consultatiebureau",
    )
    for plan in geen_cb:
        plan.profiel.consultatiebureau = False


def _plan_kernpartners(plannen: list[Huisplan], rng: random.Random) -> None:
    """Which soorten each Huis ticked as core partner, with exactly KERNPARTNERS Huizen per soort.

    Two Huizen did not answer, five ticked four answers, the others at most three. Soorten are
    handed out from the most to the least ticked, each time to the Huizen with the most answers
    left (so every Huis ends near its maximum), drawn with a weight that makes it plausible.
    """
    for plan in kies(
        rng, [p for p in plannen if p.slug != DEMO_HUIS_SLUG], AANTAL_HUIZEN - KERNPARTNER_RESPONDENTEN
    ):
        plan.profiel.kern_max = 0
    antwoorden = [p for p in plannen if p.profiel.kern_max]
    for plan in kies(rng, antwoorden, KERNPARTNER_VIER_ANTWOORDEN):
        plan.profiel.kern_max = 4
    S = PartnerSoort
    pgo = {S.OPVOEDINGSWINKEL.value, S.SPEL_EN_ONTMOETING.value}
    gewichten: dict[str, Callable[[Huisplan], float]] = {
        S.LOKAAL_BESTUUR.value: lambda p: 0.3 if p.slug in VZW_SLUGS else 1,
        S.LOKAAL_LOKET.value: lambda p: 2 if p.profiel.locaties else 1,
        S.OPVOEDINGSWINKEL.value: lambda p: 25 if is_stad(p) else 1,
        S.CKG.value: lambda p: 4 if is_stad(p) else 1,
    }

    def mag(plan: Huisplan, soort: str) -> bool:
        profiel = plan.profiel
        if len(profiel.kern) >= profiel.kern_max:
            return False
        if soort == S.CONSULTATIEBUREAU.value and not profiel.consultatiebureau:
            return False
        # One aanbodsvorm PGO per Huis: an opvoedingswinkel or spel en ontmoeting, not both.
        return not (soort in pgo and profiel.kern & pgo)

    # The demo coordinator's Huis works closely with its consultatiebureau and Lokaal Loket.
    gent = (S.LOKAAL_BESTUUR.value, S.CONSULTATIEBUREAU.value, S.LOKAAL_LOKET.value)
    for soort, aantal in sorted(KERNPARTNERS.items(), key=lambda item: -item[1]):
        gewicht = gewichten.get(soort, lambda p: 1)
        gekozen = kies(
            rng,
            [p for p in plannen if mag(p, soort)],
            aantal,
            gewicht=gewicht,
            verplicht={DEMO_HUIS_SLUG} if soort in gent else (),
            voorrang=lambda p: p.profiel.kern_max - len(p.profiel.kern),
            wat=f"kernpartner {soort}",
        )
        for plan in gekozen:
            plan.profiel.kern.add(soort)
    for plan in plannen:
        if S.ANDERE.value in plan.profiel.kern:
            plan.profiel.kern_andere_is_lokaal_team = rng.random() < 0.4


def _plan_samenwerking(plannen: list[Huisplan], rng: random.Random) -> None:
    """Which Kind en Gezin partners exist at each Huis, and their cooperation scores.

    Core partners get the highest scores; the lokaal team scores lower where there is no
    consultatiebureau, the Lokaal Loket lower without a physical location (as in the report).
    """
    S = PartnerSoort
    kern_van_kind = {
        _KG.LOKAAL_LOKET.value: lambda p: S.LOKAAL_LOKET.value in p.profiel.kern,
        _KG.CONSULTATIEBUREAU.value: lambda p: S.CONSULTATIEBUREAU.value in p.profiel.kern,
        _KG.KINDEROPVANG.value: lambda p: S.KINDEROPVANG.value in p.profiel.kern,
        _KG.BUITENSCHOOLSE_OPVANG.value: lambda p: S.BUITENSCHOOLS.value in p.profiel.kern,
        _KG.AANBODSVORMEN_PGO.value: lambda p: bool(
            p.profiel.kern & {S.OPVOEDINGSWINKEL.value, S.SPEL_EN_ONTMOETING.value}
        ),
        _KG.LOKAAL_TEAM.value: lambda p: p.profiel.kern_andere_is_lokaal_team,
    }
    aanwezigheidsgewicht = {
        _KG.KINDEROPVANG.value: lambda p: 0.5 if p.cluster == 6 else 1,
        _KG.BUITENSCHOOLSE_OPVANG.value: lambda p: 0.5 if p.cluster == 6 else 1,
        _KG.AANBODSVORMEN_PGO.value: lambda p: 3 if is_stad(p) else (0.5 if p.cluster == 6 else 1),
    }
    for kind in _KG:
        kind = kind.value
        is_kern = kern_van_kind[kind]
        if kind == _KG.CONSULTATIEBUREAU.value:
            aanwezig = [p for p in plannen if p.profiel.consultatiebureau]
        else:
            aanwezig = kies(
                rng,
                plannen,
                KIND_EN_GEZIN_AANWEZIG[kind],
                gewicht=aanwezigheidsgewicht.get(kind),
                verplicht={p.slug for p in plannen if is_kern(p)},
                wat=f"Kind en Gezin-partner {kind}",
            )
        if kind == _KG.LOKAAL_LOKET.value:
            per_locatie = _lokaal_loket_scores()
            groepen = [
                ([p for p in aanwezig if bool(p.profiel.locaties) == groep], per_locatie[groep])
                for groep in (True, False)
            ]
        else:
            groepen = [(aanwezig, tuple(DEMO_SAMENWERKING[kind][s] for s in range(1, 6)))]
        team = kind == _KG.LOKAAL_TEAM.value
        voorrang = {p.slug: 2 * is_kern(p) + (team and p.profiel.consultatiebureau) for p in aanwezig}
        for groep, aantallen in groepen:
            scores = [s for s in range(5, 0, -1) for _ in range(aantallen[s - 1])]
            volgorde = kies(rng, groep, len(groep), voorrang=lambda p, v=voorrang: v[p.slug], wat=kind)
            if len(scores) != len(volgorde):
                raise Demodatafout(f"De scores voor {kind} passen niet bij de Huizen met die partner.")
            for plan, score in zip(volgorde, scores, strict=True):
                plan.profiel.samenwerking[kind] = score


def _plan_cofinanciering(plannen: list[Huisplan], rng: random.Random) -> None:
    """Co-financing by the lokaal bestuur: all but 27 Huizen (87.9%), "onder meer in het
    overgangsgebied en op het platteland"; an amount for most, growing with the subsidy."""
    zonder = kies(
        rng,
        plannen,
        ZONDER_COFINANCIERING,
        gewicht=lambda p: 0 if is_stad(p) or p.slug == DEMO_HUIS_SLUG else {5: 3, 6: 3}.get(p.cluster, 0.5),
        wat="Huizen zonder cofinanciering",
    )
    zonder = {p.slug for p in zonder}
    met = [p for p in plannen if p.slug not in zonder]
    zonder_bedrag = {p.slug for p in kies(rng, met, COFINANCIERING_ZONDER_BEDRAG)}
    for plan in plannen:
        factor = rng.uniform(0.4, 3.0)
        bedrag = None
        if plan.slug not in zonder | zonder_bedrag:
            bedrag = Decimal(max(1_000, rond(float(plan.subsidies[2022]) * factor / 100) * 100))
        plan.profiel.huisvelden.update(
            cofinanciering_lokaal_bestuur=plan.slug not in zonder, cofinanciering_bedrag=bedrag
        )


def _naam(rng: random.Random) -> tuple[str, str]:
    return rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN)


def _emailnaam(voornaam: str, achternaam: str) -> str:
    return f"{slugify(voornaam)}.{slugify(achternaam).replace('-', '')}"


def _gsm(rng: random.Random) -> str:
    return f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


class _Partnerlijst:
    """The partners of one Huis being planned (name -> fields): each name once, at most 12."""

    def __init__(self, partners: dict[str, dict]):
        self.partners = partners

    def __len__(self) -> int:
        return len(self.partners)

    def voeg_toe(self, naam: str, soort: str, kind: str = "", kern: bool = False) -> bool:
        if naam in self.partners or len(self.partners) >= 12:
            return False
        self.partners[naam] = {"soort": soort, "kind_en_gezin_partner": kind, "kernpartner": kern}
        return True


def _plan_partners(plan: Huisplan, rng: random.Random, deelgemeenten: dict[int, list[str]]) -> None:
    """4 to 12 partners: the core partners, the Kind en Gezin partners there are, and others."""
    profiel = plan.profiel
    h = profiel.gemeenten[0].naam
    regio = h if len(profiel.gemeenten) == 1 or plan.slug == BRUSSEL_SLUG else f"regio {h}"
    lijst = _Partnerlijst(profiel.partners)
    _plan_kind_en_gezin_partners(plan, lijst, rng, deelgemeenten, regio)
    _plan_andere_partners(plan, lijst, rng, regio)
    for naam, velden in profiel.partners.items():
        _plan_partnervelden(profiel, naam, velden, rng)


def _plan_kind_en_gezin_partners(
    plan: Huisplan, lijst: _Partnerlijst, rng: random.Random, deelgemeenten: dict[int, list[str]], regio: str
) -> None:
    """The lokaal bestuur, the loket, the local team and the Kind en Gezin partners it works with."""
    S = PartnerSoort
    profiel = plan.profiel
    hoofd = profiel.gemeenten[0]
    h = hoofd.naam
    kern = profiel.kern
    bestuur = "Vlaamse Gemeenschapscommissie" if plan.slug == BRUSSEL_SLUG else f"Lokaal bestuur {h}"
    lijst.voeg_toe(bestuur, S.LOKAAL_BESTUUR, kern=S.LOKAAL_BESTUUR in kern)
    lijst.voeg_toe(
        f"Lokaal Loket Kinderopvang {regio}", S.LOKAAL_LOKET, _KG.LOKAAL_LOKET, S.LOKAAL_LOKET in kern
    )
    lijst.voeg_toe(
        f"Lokaal team Kind en Gezin {regio}", S.ANDERE, _KG.LOKAAL_TEAM, profiel.kern_andere_is_lokaal_team
    )
    if _KG.CONSULTATIEBUREAU in profiel.samenwerking:
        plaats = rng.choice(deelgemeenten.get(hoofd.pk) or [h])
        lijst.voeg_toe(
            f"Consultatiebureau {plaats}",
            S.CONSULTATIEBUREAU,
            _KG.CONSULTATIEBUREAU,
            S.CONSULTATIEBUREAU in kern,
        )
    if _KG.KINDEROPVANG in profiel.samenwerking:
        naam = rng.choice(
            [
                f"Kinderdagverblijf {rng.choice(KINDEROPVANGNAMEN)}",
                f"Lokaal overleg kinderopvang {h}",
                f"Gezinsopvang {regio}",
            ]
        )
        lijst.voeg_toe(naam, S.KINDEROPVANG, _KG.KINDEROPVANG, S.KINDEROPVANG in kern)
    if _KG.BUITENSCHOOLSE_OPVANG in profiel.samenwerking:
        naam = rng.choice(
            [
                f"Buitenschoolse kinderopvang {h}",
                f"Speelpleinwerking {h}",
                f"IBO {rng.choice(KINDEROPVANGNAMEN)}",
            ]
        )
        lijst.voeg_toe(naam, S.BUITENSCHOOLS, _KG.BUITENSCHOOLSE_OPVANG, S.BUITENSCHOOLS in kern)
    if _KG.AANBODSVORMEN_PGO in profiel.samenwerking:
        _plan_pgo_partner(plan, lijst, rng, regio)


def _plan_pgo_partner(plan: Huisplan, lijst: _Partnerlijst, rng: random.Random, regio: str) -> None:
    """The partner for the forms of parenting support: an opvoedingswinkel (mostly in cities), spel
    en ontmoeting, or an inloopteam."""
    S = PartnerSoort
    kern = plan.profiel.kern
    h = plan.profiel.gemeenten[0].naam
    if S.OPVOEDINGSWINKEL in kern or (
        S.SPEL_EN_ONTMOETING not in kern and is_stad(plan) and rng.random() < 0.6
    ):
        lijst.voeg_toe(
            f"Opvoedingswinkel {regio}",
            S.OPVOEDINGSWINKEL,
            _KG.AANBODSVORMEN_PGO,
            S.OPVOEDINGSWINKEL in kern,
        )
    elif S.SPEL_EN_ONTMOETING in kern or rng.random() < 0.7:
        naam = rng.choice([f"Spel en ontmoeting {h}", f"Babbelonie {h}", f"Speelotheek {h}"])
        lijst.voeg_toe(naam, S.SPEL_EN_ONTMOETING, _KG.AANBODSVORMEN_PGO, S.SPEL_EN_ONTMOETING in kern)
    else:
        lijst.voeg_toe(f"Inloopteam {regio}", S.ANDERE, _KG.AANBODSVORMEN_PGO)


def _plan_andere_partners(plan: Huisplan, lijst: _Partnerlijst, rng: random.Random, regio: str) -> None:
    """The other core partners, then more partners up to the number the Huis's cluster has."""
    S = PartnerSoort
    profiel = plan.profiel
    hoofd = profiel.gemeenten[0]
    h = hoofd.naam
    kern = profiel.kern
    perinataal = rng.choice(
        [
            f"Vroedvrouwenpraktijk {rng.choice(VROEDVROUWPRAKTIJKEN)}",
            f"Huisvroedvrouwen {regio}",
            f"Expertisecentrum Kraamzorg {regio}",
        ]
    )
    clb = rng.choice([f"Vrij CLB {regio}", f"GO! CLB {regio}", f"CLB {regio}"])
    ckg = f"CKG {rng.choice(CKG_NAMEN)}"
    provincie = "Brussel" if hoofd.provincie == Provincie.BRUSSEL else hoofd.provincie
    andere = [
        f"Sociaal Huis {h}",
        f"CAW {provincie}",
        f"Bibliotheek {h}",
        f"Gezinsbond {h}",
        f"Brugfiguren basisonderwijs {h}",
    ]
    rng.shuffle(andere)
    for naam, soort in ((perinataal, S.PERINATAAL), (clb, S.CLB), (ckg, S.CKG)):
        if soort in kern:
            lijst.voeg_toe(naam, soort, kern=True)
    if S.ANDERE in kern and not profiel.kern_andere_is_lokaal_team:
        lijst.voeg_toe(andere.pop(0), S.ANDERE, kern=True)

    bereik = {6: (4, 8), 5: (5, 9), 9: (8, 11), 1: (9, 12), 3: (11, 12), None: (11, 12)}.get(
        plan.cluster, (6, 10)
    )
    # An intermunicipal Huis lists the lokaal bestuur of each of its gemeenten (up to 12 partners).
    extra = [(f"Lokaal bestuur {g.naam}", S.LOKAAL_BESTUUR) for g in profiel.gemeenten[1:]]
    if plan.slug == BRUSSEL_SLUG:
        extra = []
    doel = max(rng.randint(*bereik), len(lijst) + len(extra))
    overige = [(perinataal, S.PERINATAAL), (clb, S.CLB), (ckg, S.CKG)] + [(n, S.ANDERE) for n in andere]
    rng.shuffle(overige)
    for naam, soort in extra + overige:
        if len(lijst) >= doel:
            break
        lijst.voeg_toe(naam, soort)


def _plan_partnervelden(profiel: Profielplan, naam: str, velden: dict, rng: random.Random) -> None:
    """The cooperation score, its description and a contact person of one partner."""
    kind = velden["kind_en_gezin_partner"]
    score = profiel.samenwerking.get(kind) if kind else None
    beschrijving = ""
    if kind and rng.random() < 0.5:
        beschrijving = SAMENWERKING_BESCHRIJVING[kind][0 if score == 1 else (1 if score <= 3 else 2)]
    contactpersoon = email = telefoon = ""
    if rng.random() < 0.45:
        voornaam, achternaam = _naam(rng)
        contactpersoon = f"{voornaam} {achternaam}"
        if rng.random() < 0.7:
            email = f"{_emailnaam(voornaam, achternaam)}@{slugify(naam)[:50]}.test"
        if rng.random() < 0.4:
            telefoon = _gsm(rng)
    velden.update(
        soort=str(velden["soort"]),
        kind_en_gezin_partner=str(kind),
        samenwerking=score,
        samenwerking_beschrijving=beschrijving,
        contactpersoon=contactpersoon,
        contact_email=email,
        contact_telefoon=telefoon,
    )


def _openingsuren(rng: random.Random) -> list[tuple[int, datetime.time, datetime.time]]:
    """Mornings on two to five weekdays, some afternoons, sometimes an evening or Saturday."""
    t = datetime.time
    ochtenddagen = rng.choices([(0, 1, 2, 3, 4), (0, 1, 2, 3), (0, 2, 4), (1, 3)], weights=[45, 20, 20, 15])[
        0
    ]
    van, tot = rng.choice([(t(9), t(12)), (t(8, 30), t(12)), (t(9), t(12, 30))])
    uren = [(dag, van, tot) for dag in ochtenddagen]
    middag = rng.choice([(t(13), t(16)), (t(13, 30), t(17)), (t(13), t(17))])
    for dag in sorted(rng.sample(range(5), rng.choices([0, 1, 2, 3], weights=[25, 35, 25, 15])[0])):
        uren.append((dag, *middag))
    if rng.random() < 0.08:
        uren.append((rng.choice([1, 3]), t(18), t(20)))
    if rng.random() < 0.15:
        uren.append((5, t(9, 30), t(12)))
    return sorted(uren)


def _plan_locatierijen(plan: Huisplan, rng: random.Random, postcodes: dict[int, list[Postcode]]) -> None:
    """The physical locations: in the Huis's gemeenten of today, spread over its gemeenten (or
    over the deelgemeenten of one gemeente), each with its postcode, hours and partners."""
    profiel = plan.profiel
    if not profiel.locaties:
        return
    gemeenten = [profiel.gemeenten[0], *rng.sample(profiel.gemeenten[1:], len(profiel.gemeenten) - 1)]
    gebruikt: set[tuple[str, str]] = set()
    op_locatie = [
        naam
        for naam, v in profiel.partners.items()
        if v["soort"] not in (PartnerSoort.LOKAAL_BESTUUR, PartnerSoort.BUITENSCHOOLS, PartnerSoort.CLB)
    ]
    for nummer in range(profiel.locaties):
        gemeente = gemeenten[nummer % len(gemeenten)]
        kandidaten = postcodes[gemeente.pk]
        vrij = [p for p in kandidaten if (p.postcode, p.plaats) not in gebruikt]
        if not vrij:
            postcode = rng.choice(kandidaten)
        elif (p := next((p for p in vrij if p.plaats == gemeente.naam), None)) is not None:
            postcode = p
        else:
            postcode = vrij[0] if nummer == 0 else rng.choice(vrij)
        gebruikt.add((postcode.postcode, postcode.plaats))
        plaats = gemeente.naam if gemeente.gewest == Gewest.BRUSSEL else postcode.plaats
        draagt_naam = (nummer == 0 and plan.slug == DEMO_HUIS_SLUG) or rng.random() < 0.82
        basis = (
            f"Huis van het Kind {plaats}"
            if draagt_naam
            else f"{rng.choice(LOCATIENAMEN_ZONDER_HUIS)} {plaats}"
        )
        naam, achtervoegsels = basis, list(LOCATIE_ACHTERVOEGSELS)
        while naam in profiel.locatierijen:
            naam = f"{basis} – {achtervoegsels.pop(0)}"
        toegankelijkheid = ""
        if rng.random() < 0.55:
            toegankelijkheid = " ".join(rng.sample(TOEGANKELIJKHEID, rng.randint(1, 2)))
        partners = rng.sample(op_locatie, min(len(op_locatie), rng.choice([0, 1, 1, 2, 2, 3])))
        loket = next(
            (n for n in op_locatie if profiel.partners[n]["soort"] == PartnerSoort.LOKAAL_LOKET), None
        )
        if nummer == 0 and loket and loket not in partners and rng.random() < 0.6:
            partners = [*partners[:2], loket]
        profiel.locatierijen[naam] = {
            "straat": f"{rng.choice(STRATEN)} {rng.randint(1, 150)}",
            "postcode": postcode.postcode,
            "gemeente_id": gemeente.pk,
            "toegankelijkheid": toegankelijkheid,
            "draagt_naam_huis": draagt_naam,
            "partners": sorted(set(partners)),
            "openingsuren": _openingsuren(rng),
        }


def _plan_contactpunten(plan: Huisplan, rng: random.Random) -> None:
    """One to four non-physical contact points, and the Huis's Facebook and Instagram links."""
    profiel = plan.profiel
    velden = profiel.huisvelden
    velden["facebook"] = velden["instagram"] = ""
    if not profiel.contactpunt:
        return
    if rng.random() < 0.55:
        velden["facebook"] = f"https://www.facebook.com/demo.hvhk.{plan.slug}"
    if rng.random() < 0.3:
        velden["instagram"] = f"https://www.instagram.com/demo.hvhk.{plan.slug}/"
    aantal = rng.choices([1, 2, 3, 4], weights=[15, 35, 32, 18])[0]
    if plan.slug == DEMO_HUIS_SLUG:
        aantal = max(aantal, 3)
    soorten = list(CONTACTPUNT_GEWICHT)
    sleutels = {s: rng.random() ** (1 / CONTACTPUNT_GEWICHT[s]) for s in soorten}
    if aantal == 1:
        # "Enkel een e-mailadres" (or only a phone number).
        soorten = [ContactpuntSoort.EMAIL, ContactpuntSoort.TELEFOON]
    gekozen = sorted(soorten, key=lambda s: -sleutels[s])[:aantal]
    if ContactpuntSoort.SOCIALE_MEDIA in gekozen and not (velden["facebook"] or velden["instagram"]):
        velden["facebook"] = f"https://www.facebook.com/demo.hvhk.{plan.slug}"
    waarden = {
        ContactpuntSoort.TELEFOON: plan.velden["telefoon"],
        ContactpuntSoort.EMAIL: plan.velden["email"],
        ContactpuntSoort.WEBSITE: plan.velden["website"],
        ContactpuntSoort.CHAT: f"{plan.velden['website']}/chat",
        ContactpuntSoort.WHATSAPP: _gsm(rng),
        ContactpuntSoort.SOCIALE_MEDIA: velden["facebook"] or velden["instagram"],
    }
    for soort in gekozen:
        profiel.contactpunten[(str(soort), waarden[soort])] = {
            "beschikbaarheid": rng.choice(BESCHIKBAARHEID[soort])
        }


def _plan_organisatie(plan: Huisplan, rng: random.Random) -> None:
    """Coordinators, consultative bodies and the profile fields of the Huis."""
    _plan_coordinatoren(plan, rng)
    _plan_overlegorganen(plan, rng)
    _plan_huisvelden(plan, rng)


def _plan_coordinatoren(plan: Huisplan, rng: random.Random) -> None:
    """Full-time in the big cities, a few hours a week in the countryside."""
    profiel = plan.profiel
    uren = {None: (30, 38), 3: (30, 38), 1: (28, 38), 9: (19, 38), 5: (8, 24), 6: (4, 19)}.get(
        plan.cluster, (12, 30)
    )
    aantal = 2 if rng.random() < (0.7 if is_stad(plan) else 0.12) else 1
    while len(profiel.coordinatoren) < aantal:
        voornaam, achternaam = _naam(rng)
        naam = f"{voornaam} {achternaam}"
        if naam in profiel.coordinatoren:
            continue
        profiel.coordinatoren[naam] = {
            "email": f"{_emailnaam(voornaam, achternaam)}@{plan.slug}.huizenvanhetkind.test",
            "telefoon": _gsm(rng) if rng.random() < 0.6 else plan.velden["telefoon"],
            "uren_per_week": Decimal(rng.randint(*uren)),
        }


def _plan_overlegorganen(plan: Huisplan, rng: random.Random) -> None:
    """Mostly a steering group, some a core group or another body."""
    profiel = plan.profiel
    stuurgroep = rng.random() < 0.85
    if stuurgroep:
        samenstelling = rng.choice(
            [
                "Alle partners van het Huis, onder voorzitterschap van de schepen van Gezin.",
                "Het lokaal bestuur en de kernpartners.",
                "Een afgevaardigde van elk lokaal bestuur en van de kernpartners."
                if profiel.intergemeentelijk
                else "Het lokaal bestuur, het consultatiebureau, het Lokaal Loket Kinderopvang en het CLB.",
            ]
        )
        profiel.overlegorganen[(OverlegorgaanSoort.STUURGROEP.value, f"Stuurgroep {plan.naam}")] = {
            "samenstelling": samenstelling,
            "vergaderfrequentie": rng.choice(VERGADERFREQUENTIES),
        }
    if rng.random() < 0.35:
        profiel.overlegorganen[(OverlegorgaanSoort.KERNGROEP.value, "Kerngroep")] = {
            "samenstelling": "De diensten van het lokaal bestuur: welzijn, kinderopvang, jeugd en onderwijs.",
            "vergaderfrequentie": rng.choice(VERGADERFREQUENTIES[:3]),
        }
    if plan.slug in VZW_SLUGS:
        for naam, frequentie in (
            ("Algemene Vergadering", "een keer per jaar"),
            ("Raad van Bestuur", "zes keer per jaar"),
        ):
            profiel.overlegorganen[(OverlegorgaanSoort.ANDER.value, naam)] = {
                "samenstelling": "De partnerorganisaties van de vzw."
                if naam.startswith("Algemene")
                else "Zeven bestuurders uit de partnerorganisaties.",
                "vergaderfrequentie": frequentie,
            }
    elif rng.random() < 0.3 or not profiel.overlegorganen:
        profiel.overlegorganen[(OverlegorgaanSoort.ANDER.value, rng.choice(ANDERE_OVERLEGORGANEN))] = {
            "samenstelling": "Partners die rond een thema samenwerken.",
            "vergaderfrequentie": rng.choice(VERGADERFREQUENTIES[1:]),
        }


def _plan_huisvelden(plan: Huisplan, rng: random.Random) -> None:
    """The Huis's own profile fields."""
    profiel = plan.profiel
    beschrijving = _korte_beschrijving(plan, rng)
    if rng.random() < 0.7:
        if plan.slug in VZW_SLUGS:
            afspraken = BESLISSINGSAFSPRAKEN_VZW
        elif profiel.intergemeentelijk and rng.random() < 0.6:
            afspraken = BESLISSINGSAFSPRAKEN_INTERGEMEENTELIJK
        else:
            afspraken = rng.choice(BESLISSINGSAFSPRAKEN)
    else:
        afspraken = ""
    medewerkers = {None: (8, 20), 3: (15, 40), 1: (6, 20), 9: (4, 12), 5: (1, 5), 6: (1, 3)}.get(
        plan.cluster, (2, 8)
    )
    profiel.huisvelden.update(
        korte_beschrijving=beschrijving,
        aantal_medewerkers=rng.randint(*medewerkers),
        fysieke_locatie_gepland=profiel.gepland,
        beslissingsafspraken=afspraken,
        projectmiddelen=rng.choice(PROJECTMIDDELEN) if rng.random() < 0.35 else "",
        # Co-financing is planned for all Huizen at once, in _plan_cofinanciering.
    )


def _korte_beschrijving(plan: Huisplan, rng: random.Random) -> str:
    """A few sentences about the Huis: who it is for, what it offers, where to find it."""
    profiel = plan.profiel
    gebied_namen = [g.naam for g in profiel.gemeenten]
    if plan.slug == BRUSSEL_SLUG:
        gebied = f"de {len(gebied_namen)} Brusselse gemeenten"
    elif len(gebied_namen) == 1:
        gebied = gebied_namen[0]
    else:
        gebied = ", ".join(gebied_namen[:-1]) + " en " + gebied_namen[-1]
    zinnen = [
        rng.choice(BESCHRIJVING_BEGIN).format(naam=plan.naam, gebied=gebied),
        rng.choice(BESCHRIJVING_AANBOD),
    ]
    if profiel.locatierijen:
        eerste = next(iter(profiel.locatierijen))
        zinnen.append(
            f"Kom langs in {eerste}" + (" of neem contact met ons op." if profiel.contactpunt else ".")
        )
    elif profiel.gepland:
        zinnen.append("Een eigen plek waar je binnen kunt lopen, is in voorbereiding.")
    elif profiel.contactpunt:
        zinnen.append("We werken outreachend: we komen naar je toe, in scholen, wijken en bij partners.")
    else:
        zinnen.append("Meer informatie krijg je bij het onthaal van het gemeentehuis.")
    if rng.random() < 0.4:
        zinnen.append(rng.choice(BESCHRIJVING_EXTRA))
    beschrijving = " ".join(zinnen)
    return " ".join(zinnen[1:]) if len(beschrijving) > 600 else beschrijving


# --- The profiles: writing the plan ---------------------------------------------------------


def _schrijf_profielen(plannen: list[Huisplan], huizen: dict[str, Huis]) -> None:
    """The profile rows of the demo Huizen; rows of theirs not in the plan are removed."""
    ids = [h.pk for h in huizen.values()]
    modellen = (Coordinator, Partner, Contactpunt, Overlegorgaan, Locatie)
    gewenst: dict[type, dict[tuple, dict]] = {model: {} for model in modellen}
    for plan in plannen:
        huis_id, profiel = huizen[plan.slug].pk, plan.profiel
        gewenst[Coordinator].update({(huis_id, naam): v for naam, v in profiel.coordinatoren.items()})
        gewenst[Partner].update({(huis_id, naam): v for naam, v in profiel.partners.items()})
        gewenst[Contactpunt].update({(huis_id, *sleutel): v for sleutel, v in profiel.contactpunten.items()})
        gewenst[Overlegorgaan].update(
            {(huis_id, *sleutel): v for sleutel, v in profiel.overlegorganen.items()}
        )
        for naam, v in profiel.locatierijen.items():
            velden = {k: w for k, w in v.items() if k not in ("partners", "openingsuren")}
            gewenst[Locatie][(huis_id, naam)] = velden
    sleutels = {Contactpunt: ("huis_id", "soort", "waarde"), Overlegorgaan: ("huis_id", "soort", "naam")}
    locaties_vooraf = set(Locatie.objects.filter(huis_id__in=ids).values_list("pk", flat=True))
    for model, rijen in gewenst.items():
        sleutelvelden = sleutels.get(model, ("huis_id", "naam"))
        gewijzigd = synchroniseer(model, model.objects.filter(huis_id__in=ids), sleutelvelden, rijen)
        if model is Locatie:
            gewijzigde_locaties = gewijzigd

    # Opening hours and the partners working at each location, by the location's id.
    locaties = {
        (huis_id, naam): pk
        for pk, huis_id, naam in Locatie.objects.filter(huis_id__in=ids).values_list("pk", "huis_id", "naam")
    }
    partners = {
        (huis_id, naam): pk
        for pk, huis_id, naam in Partner.objects.filter(huis_id__in=ids).values_list("pk", "huis_id", "naam")
    }
    uren, koppelingen = {}, {}
    for plan in plannen:
        huis_id = huizen[plan.slug].pk
        for naam, v in plan.profiel.locatierijen.items():
            locatie_id = locaties[(huis_id, naam)]
            uren.update({(locatie_id, dag, van): {"tot": tot} for dag, van, tot in v["openingsuren"]})
            koppelingen.update({(locatie_id, partners[(huis_id, p)]): {} for p in v["partners"]})
    uren_rijen = Openingsuur.objects.filter(locatie__huis_id__in=ids)
    uren_vooraf = set(uren_rijen.values_list("locatie_id", "weekdag", "van", "tot"))
    synchroniseer(Openingsuur, uren_rijen, ("locatie_id", "weekdag", "van"), uren)
    Koppeling = Locatie.partners.through
    koppel_rijen = Koppeling.objects.filter(locatie__huis_id__in=ids)
    koppelingen_vooraf = set(koppel_rijen.values_list("locatie_id", "partner_id"))
    synchroniseer(Koppeling, koppel_rijen, ("locatie_id", "partner_id"), koppelingen)

    # A location whose hours or partners changed gets a new version as well (once).
    uren_nu = {(locatie_id, dag, van, v["tot"]) for (locatie_id, dag, van), v in uren.items()}
    veranderd = {r[0] for r in uren_vooraf ^ uren_nu} | {r[0] for r in koppelingen_vooraf ^ set(koppelingen)}
    al_nieuwe_versie = {locaties[sleutel] for sleutel in gewijzigde_locaties}
    Locatie.objects.filter(pk__in=(veranderd & locaties_vooraf) - al_nieuwe_versie).update(
        versie=models.F("versie") + 1
    )


def _controleer_profielen(huizen: list[Huis]) -> Profielcijfers:
    """Count the profile figures in the database; Demodatafout when they differ from the targets."""
    ids = [h.pk for h in huizen]
    demo = Huis.objects.filter(pk__in=ids)
    locaties = demo.annotate(aantal_locaties=models.Count("locaties"))
    kern = (
        Partner.objects.filter(huis_id__in=ids, kernpartner=True)
        .values("soort")
        .annotate(huizen=models.Count("huis", distinct=True))
    )
    per_soort = {soort.value: 0 for soort in PartnerSoort}
    per_soort.update({r["soort"]: r["huizen"] for r in kern})
    samenwerking = {kind.value: dict.fromkeys(range(1, 6), 0) for kind in _KG}
    for r in (
        Partner.objects.filter(huis_id__in=ids, samenwerking__isnull=False)
        .exclude(kind_en_gezin_partner="")
        .values("kind_en_gezin_partner", "samenwerking")
        .annotate(huizen=models.Count("huis", distinct=True))
    ):
        samenwerking[r["kind_en_gezin_partner"]][r["samenwerking"]] = r["huizen"]
    met = locaties.filter(aantal_locaties__gt=0)
    cijfers = Profielcijfers(
        met_fysieke_locatie=met.count(),
        met_meerdere_locaties=locaties.filter(aantal_locaties__gt=1).count(),
        plant_fysieke_locatie=demo.filter(fysieke_locatie_gepland=True).count(),
        zonder_fysieke_locatie_niet_gepland=locaties.filter(
            aantal_locaties=0, fysieke_locatie_gepland=False
        ).count(),
        zonder_contactpunt=demo.filter(contactpunten__isnull=True).count(),
        kernpartner_per_soort=per_soort,
        samenwerking=samenwerking,
        met_cofinanciering=demo.filter(cofinanciering_lokaal_bestuur=True).count(),
        rijen={
            "locaties": Locatie.objects.filter(huis_id__in=ids).count(),
            "openingsuren": Openingsuur.objects.filter(locatie__huis_id__in=ids).count(),
            "contactpunten": Contactpunt.objects.filter(huis_id__in=ids).count(),
            "partners": Partner.objects.filter(huis_id__in=ids).count(),
            "coördinatoren": Coordinator.objects.filter(huis_id__in=ids).count(),
            "overlegorganen": Overlegorgaan.objects.filter(huis_id__in=ids).count(),
        },
    )
    fouten = []
    if cijfers.als_demo_profielcijfers() != DEMO_PROFIELCIJFERS:
        fouten.append(
            f"profielcijfers {cijfers.als_demo_profielcijfers()} in plaats van {DEMO_PROFIELCIJFERS}"
        )
    if cijfers.zonder_fysieke_locatie_niet_gepland != _GEEN_LOCATIE:
        fouten.append(f"{cijfers.zonder_fysieke_locatie_niet_gepland} Huizen zonder (geplande) locatie")
    if cijfers.samenwerking != DEMO_SAMENWERKING:
        fouten.append(f"samenwerkingsscores {cijfers.samenwerking} in plaats van {DEMO_SAMENWERKING}")
    if fouten:
        raise Demodatafout("De demoprofielen kloppen niet: " + "; ".join(fouten) + ".")
    return cijfers


# --- The figures ----------------------------------------------------------------------------


def _resultaat(
    huizen: list[Huis], profiel: Profielcijfers, levensdomeinen: Levensdomeincijfers
) -> Demoresultaat:
    demo = Huis.objects.filter(pk__in=[h.pk for h in huizen])
    vandaag = timezone.localdate()

    def intergemeentelijk(datum):
        return demo.met_werkingsgebied_op(datum).filter(aantal_gemeenten__gt=1).count()

    def gedekt(datum):
        return Werkingsgebied.objects.geldig_op(datum).filter(huis__in=demo).values("gemeente_id")

    def zonder_huis(datum):
        zonder = Gemeente.objects.geldig_op(datum).exclude(pk__in=gedekt(datum))
        return tuple(zonder.order_by("naam").values_list("naam", flat=True))

    met_huis = Gemeente.objects.geldig_op(PEILDATUM).filter(pk__in=gedekt(PEILDATUM))
    subsidies = []
    for jaar in SUBSIDIEJAREN:
        bedragen = list(Subsidie.objects.filter(huis__in=demo, jaar=jaar).values_list("bedrag", flat=True))
        if bedragen:
            subsidies.append(Subsidiecijfers(jaar, min(bedragen), statistics.median(bedragen), max(bedragen)))
    return Demoresultaat(
        peildatum=PEILDATUM,
        huizen=demo.count(),
        intergemeentelijk=intergemeentelijk(PEILDATUM),
        intergemeentelijk_vandaag=intergemeentelijk(vandaag),
        vlaamse_gemeenten=Gemeente.objects.geldig_op(PEILDATUM).filter(gewest=Gewest.VLAANDEREN).count(),
        vlaamse_gemeenten_met_huis=met_huis.filter(gewest=Gewest.VLAANDEREN).count(),
        brusselse_gemeenten_met_huis=met_huis.filter(gewest=Gewest.BRUSSEL).count(),
        gemeenten_zonder_huis=zonder_huis(PEILDATUM),
        gemeenten_zonder_huis_vandaag=zonder_huis(vandaag),
        subsidies=tuple(subsidies),
        logins=tuple(DEMO_LOGINS),
        profiel=profiel,
        levensdomeinen=levensdomeinen,
    )


__all__ = [
    "DEMO_LOGINS",
    "DEMO_PROFIELCIJFERS",
    "DEMO_SAMENWERKING",
    "DEMO_WACHTWOORD",
    "Demodatafout",
    "Demoresultaat",
    "Profielcijfers",
    "Subsidiecijfers",
    "laad_demodata",
]
