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
mergers, so today 27 Huizen are intermunicipal instead of 29.

The VRIND clusters are made up (no official machine-readable file exists) and are marked as such
in `Gemeente.cluster_bron`. Inhabitants, used only to size the subsidies, are made up as well.
"""

from __future__ import annotations

import datetime
import random
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from huizen.models import (
    Gemeente,
    Gewest,
    Huis,
    Lidmaatschap,
    Provincie,
    Rechtsvorm,
    Subsidie,
    VrindCluster,
    Werkingsgebied,
)
from huizen.services import laad_referentiedata
from hvhk.models import User
from hvhk.tenancy import Rol

DEMO_WACHTWOORD = "demo-portaal-2026"
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
BRUSSEL_SLUG = "brussel"

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

DEMO_DOMEIN = "demo.huizenvanhetkind.test"
DEMO_HUIS_SLUG = "gent"


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


class Demodatafout(Exception):
    """The reference data does not match what the demo data expects."""


@dataclass
class _Huisplan:
    naam: str
    cluster: int | None
    gemeenten: list[Gemeente]
    slug: str = ""
    velden: dict = field(default_factory=dict)
    subsidies: dict[int, Decimal] = field(default_factory=dict)

    def __post_init__(self):
        self.slug = self.slug or slugify(self.naam.removeprefix("Huis van het Kind "))


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

    huizen = _schrijf_huizen(plannen)
    _schrijf_werkingsgebied(plannen, huizen, per_pk)
    _schrijf_subsidies(plannen, huizen)
    _schrijf_clusters(plannen, gemeenten, per_pk)
    _schrijf_gebruikers(huizen[DEMO_HUIS_SLUG], wachtwoord)
    return _resultaat(list(huizen.values()))


# --- The plan -------------------------------------------------------------------------------


def _plan_huizen(gemeenten: dict[str, Gemeente], per_pk: dict[int, Gemeente]) -> list[_Huisplan]:
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

    plannen = [_Huisplan(BRUSSEL_NAAM, None, brussels, slug=BRUSSEL_SLUG)]
    plannen += [_Huisplan(naam, c, vlaamse(nis)) for naam, c, nis in INTERGEMEENTELIJK]
    toegewezen = {nis for _, _, nis_codes in INTERGEMEENTELIJK for nis in nis_codes}
    toegewezen |= {g.nis for g in vlaamse(ZONDER_HUIS)}
    gemeentelijk = {nis: c for c, codes in GEMEENTELIJK_PER_CLUSTER.items() for nis in codes}
    for nis, gemeente in vlaams.items():
        if nis not in toegewezen:
            cluster = gemeentelijk.get(nis, OVERGANGSGEBIED)
            plannen.append(_Huisplan(f"Huis van het Kind {gemeente.naam}", cluster, [gemeente]))
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


def _plan_velden(plannen: list[_Huisplan], rng: random.Random) -> None:
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


def _plan_subsidies(plannen: list[_Huisplan], rng: random.Random) -> None:
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


def _schrijf_huizen(plannen: list[_Huisplan]) -> dict[str, Huis]:
    bestaande = {h.slug: h for h in Huis.objects.filter(slug__in=[p.slug for p in plannen])}
    nieuw, gewijzigd = [], []
    for plan in plannen:
        huis = bestaande.get(plan.slug)
        if huis is None:
            nieuw.append(Huis(slug=plan.slug, **plan.velden))
        elif any(getattr(huis, k) != v for k, v in plan.velden.items()):
            for k, v in plan.velden.items():
                setattr(huis, k, v)
            huis.gewijzigd = timezone.now()
            gewijzigd.append(huis)
    Huis.objects.bulk_create(nieuw)
    Huis.objects.bulk_update(gewijzigd, [*HUIS_VELDEN, "gewijzigd"])
    return {h.slug: h for h in Huis.objects.filter(slug__in=[p.slug for p in plannen])}


def _schrijf_werkingsgebied(
    plannen: list[_Huisplan], huizen: dict[str, Huis], per_pk: dict[int, Gemeente]
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


def _schrijf_subsidies(plannen: list[_Huisplan], huizen: dict[str, Huis]) -> None:
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
    plannen: list[_Huisplan], gemeenten: dict[str, Gemeente], per_pk: dict[int, Gemeente]
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
        if demo.rol:
            Lidmaatschap.objects.get_or_create(gebruiker=gebruiker, huis=huis, rol=demo.rol)


# --- The figures ----------------------------------------------------------------------------


def _resultaat(huizen: list[Huis]) -> Demoresultaat:
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
    )


__all__ = [
    "DEMO_LOGINS",
    "DEMO_WACHTWOORD",
    "Demodatafout",
    "Demoresultaat",
    "Subsidiecijfers",
    "laad_demodata",
]
