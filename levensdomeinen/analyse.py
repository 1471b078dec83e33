"""Figures over the life domains of all Huizen for Opgroeien staff: where each Huis stands on
each life domain (the heatmap), the share of Huizen active, planned, not active, not recorded
and in the top 3 per domain, overall, per werking and per VRIND cluster, and the averages of the
latest Roadmap self-assessment of each Huis.

Every share is an `Aandeel`: the number, what it is a share of, and the query string of the
heatmap that lists exactly those Huizen (`heatmap_huizen(filter, selectie)` applies the same
definitions as the counts below). Nothing here runs a query per Huis: the shares are three grouped
counts over DomeinEngagement and Werkingsgebied (plus one over the Huizen per werking), the
averages one grouped average over Score per cluster besides `zelfevaluatie_gemiddelden`.

Definitions (as on the Opgroeien overview, huizen.overzicht):
- a Huis is in a provincie or cluster when a gemeente of its werkingsgebied lies there today;
  a Huis whose gemeenten lie in two clusters counts in both (Huis van het Kind Brussel and Huizen
  without a gemeente today belong to no cluster);
- gemeentelijk: one gemeente today, intergemeentelijk: more than one;
- "niet geregistreerd": the Huis recorded nothing (no DomeinEngagement) for the domain;
- top 3: the engagement is marked top 3 (whatever its status, which can't be "niet actief");
- the self-assessment figures take the latest Zelfevaluatie of each Huis (date, then id).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import models
from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from huizen.models import Huis, Werkingsgebied
from huizen.selectors import huizen_in
from kern.cijfers import Filter, Werking, werking_van
from kern.grafieken import Staafdiagram, staafdiagram
from kern.tabellen import Cel, Tabel
from levensdomeinen.models import (
    DomeinEngagement,
    Domeinstatus,
    Levensdomein,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)
from levensdomeinen.selectors import Gemiddelden, zelfevaluatie_gemiddelden

GEEN = "geen"  # the status of a domain the Huis recorded nothing about
ALLE = "alle"  # the group of all Huizen in the filter


class Maat(models.TextChoices):
    """What a share counts: Huizen with a status on the domain, or with it in their top 3."""

    ACTIEF = "actief", "Actief"
    TOP3 = "top3", "In de top 3"
    GEPLAND = "gepland", "Gepland"
    NIET_ACTIEF = "niet_actief", "Niet actief"
    GEEN = GEEN, "Niet geregistreerd"


# The status filter of the heatmap: the recorded statuses, and "nothing recorded".
STATUS_KEUZES = [
    (Domeinstatus.ACTIEF.value, "Actief"),
    (Domeinstatus.GEPLAND.value, "Gepland"),
    (Domeinstatus.NIET_ACTIEF.value, "Niet actief"),
    (GEEN, "Niet geregistreerd"),
]
# The text of a heatmap cell (a cell without an engagement shows "–").
STATUSTEKST = {
    Domeinstatus.ACTIEF.value: "actief",
    Domeinstatus.GEPLAND.value: "gepland",
    Domeinstatus.NIET_ACTIEF.value: "niet actief",
}
# How each share narrows the heatmap to its Huizen.
MAAT_PARAMETERS = {
    Maat.ACTIEF: {"status": Domeinstatus.ACTIEF.value},
    Maat.TOP3: {"top3": "1"},
    Maat.GEPLAND: {"status": Domeinstatus.GEPLAND.value},
    Maat.NIET_ACTIEF: {"status": Domeinstatus.NIET_ACTIEF.value},
    Maat.GEEN: {"status": GEEN},
}
# "Huizen ..." in the titles of the breakdowns.
MAAT_ZIN = {
    Maat.ACTIEF: "die actief rond het levensdomein werken",
    Maat.TOP3: "met het levensdomein in hun top 3",
    Maat.GEPLAND: "die werk rond het levensdomein plannen",
    Maat.NIET_ACTIEF: "die niet rond het levensdomein werken",
    Maat.GEEN: "die niets registreerden over het levensdomein",
}


# --- the heatmap: which Huizen, and where each stands per domain ------------------------------


@dataclass(frozen=True)
class Domeinselectie:
    """Which Huizen of the filter the heatmap shows: by werking, and by status or top 3 on one
    life domain (`levensdomein` is a code; `status` a Domeinstatus value or GEEN)."""

    werking: str = ""
    levensdomein: str = ""
    status: str = ""
    top3: bool = False

    def parameters(self) -> dict[str, str]:
        parameters = {}
        if self.werking:
            parameters["werking"] = self.werking
        if self.levensdomein:
            parameters["levensdomein"] = self.levensdomein
        if self.status:
            parameters["status"] = self.status
        if self.top3:
            parameters["top3"] = "1"
        return parameters


def _aantal_gemeenten(dag, huis_ref: str = "pk") -> Coalesce:
    """The number of gemeenten of the Huis (`huis_ref` in the outer query) on `dag`, 0 if none."""
    rijen = Werkingsgebied.objects.geldig_op(dag).filter(huis=OuterRef(huis_ref))
    return Coalesce(
        Subquery(
            rijen.order_by().values("huis").annotate(n=Count("gemeente", distinct=True)).values("n")[:1]
        ),
        0,
    )


WERKING_VOORWAARDE = {
    Werking.GEMEENTELIJK: Q(aantal_gemeenten=1),
    Werking.INTERGEMEENTELIJK: Q(aantal_gemeenten__gt=1),
    Werking.ZONDER_GEMEENTE: Q(aantal_gemeenten=0),
}


def heatmap_huizen(filter: Filter, selectie: Domeinselectie | None = None) -> QuerySet[Huis]:
    """The Huizen of the filter and selection by name, each with `aantal_gemeenten` (today)."""
    selectie = selectie or Domeinselectie()
    huizen = huizen_in(filter).annotate(aantal_gemeenten=_aantal_gemeenten(filter.dag))
    if selectie.werking:
        huizen = huizen.filter(WERKING_VOORWAARDE[selectie.werking])
    if selectie.levensdomein and (selectie.status or selectie.top3):
        engagementen = DomeinEngagement.objects.filter(
            huis=OuterRef("pk"), levensdomein__code=selectie.levensdomein
        )
        if selectie.status == GEEN:
            huizen = huizen.exclude(Exists(engagementen))
            if selectie.top3:  # nothing recorded is never in the top 3
                huizen = huizen.none()
        else:
            if selectie.status:
                engagementen = engagementen.filter(status=selectie.status)
            if selectie.top3:
                engagementen = engagementen.filter(top3=True)
            huizen = huizen.filter(Exists(engagementen))
    return huizen.order_by("naam", "pk")


@dataclass(frozen=True)
class Heatmapcel:
    levensdomein: Levensdomein
    status: str  # a Domeinstatus value, or GEEN
    top3: bool

    @property
    def tekst(self) -> str:
        return STATUSTEKST.get(self.status, "–")

    @property
    def exporttekst(self) -> str:
        if self.status == GEEN:
            return "niet geregistreerd"
        return f"{self.tekst} (top 3)" if self.top3 else self.tekst


@dataclass(frozen=True)
class Heatmaprij:
    huis: Huis
    werking: Werking
    cellen: list[Heatmapcel]


def heatmaprijen(huizen: Iterable[Huis], domeinen: list[Levensdomein]) -> list[Heatmaprij]:
    """A row per Huis (from `heatmap_huizen`) with a cell per domain, in one query for all."""
    huizen = list(huizen)
    stand: dict[int, dict[int, tuple[str, bool]]] = defaultdict(dict)
    for huis_id, domein_id, status, top3 in (
        DomeinEngagement.objects.filter(huis__in=[h.pk for h in huizen])
        .order_by()
        .values_list("huis_id", "levensdomein_id", "status", "top3")
    ):
        stand[huis_id][domein_id] = (status, top3)
    rijen = []
    for huis in huizen:
        per_domein = stand.get(huis.pk, {})
        cellen = []
        for domein in domeinen:
            status, top3 = per_domein.get(domein.pk, (GEEN, False))
            cellen.append(Heatmapcel(levensdomein=domein, status=status, top3=top3))
        rijen.append(Heatmaprij(huis=huis, werking=werking_van(huis.aantal_gemeenten), cellen=cellen))
    return rijen


def heatmaptabel(rijen: list[Heatmaprij], domeinen: list[Levensdomein]) -> Tabel:
    """The heatmap as a table for the downloads."""
    return Tabel(
        naam="levensdomeinen-heatmap",
        titel="Levensdomeinen per Huis van het Kind",
        kolommen=["Huis", "Werking", *(d.naam for d in domeinen)],
        rijen=[
            [Cel(rij.huis.naam), Cel(str(rij.werking.label)), *(Cel(c.exporttekst) for c in rij.cellen)]
            for rij in rijen
        ],
    )


# --- the shares per domain --------------------------------------------------------------------


@dataclass(frozen=True)
class Aandeel:
    """A number of Huizen, the number it is a share of, and the heatmap query of those Huizen."""

    aantal: int
    van: int
    querystring: str

    @property
    def procent(self) -> float | None:
        return round(100 * self.aantal / self.van, 1) if self.van else None


@dataclass(frozen=True)
class Groep:
    """A group of Huizen (all in the filter, a werking or a cluster) and its shares per domain."""

    code: str
    label: str
    huizen: Aandeel
    per_domein: dict[str, dict[str, Aandeel]]  # domain code -> Maat value -> Aandeel

    def aandeel(self, domein: str, maat: str) -> Aandeel:
        return self.per_domein[domein][maat]


@dataclass(frozen=True)
class Aandelen:
    filter: Filter
    domeinen: list[Levensdomein]
    alle: Groep
    per_werking: list[Groep]  # gemeentelijk, intergemeentelijk (and without gemeente, if any)
    per_cluster: list[Groep]  # the clusters with Huizen in the filter, by number

    @property
    def clusters(self) -> list[tuple[int, str]]:
        return [(int(g.code), g.label) for g in self.per_cluster]


def _vertegenwoordigers(huizen: QuerySet[Huis], dag) -> QuerySet[Werkingsgebied]:
    """One werkingsgebied row per Huis and cluster (the first by id) on `dag`: joining these
    counts each Huis once in every cluster it works in."""
    geldig = Werkingsgebied.objects.geldig_op(dag)
    eerder = geldig.filter(
        huis=OuterRef("huis"), gemeente__cluster=OuterRef("gemeente__cluster"), pk__lt=OuterRef("pk")
    )
    return geldig.filter(huis__in=huizen.values("pk"), gemeente__cluster__isnull=False).exclude(
        Exists(eerder)
    )


def _tel(rijen: Iterable[dict]) -> dict[str, dict[str, int]]:
    """Counts per (domain, status, top3) as counts per domain code and Maat."""
    tellingen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rij in rijen:
        per_maat = tellingen[rij["levensdomein__code"]]
        per_maat[rij["status"]] += rij["n"]
        per_maat["geregistreerd"] += rij["n"]
        if rij["top3"]:
            per_maat[Maat.TOP3] += rij["n"]
    return tellingen


def _groep(
    code: str,
    label: str,
    totaal: int,
    tellingen: dict[str, dict[str, int]],
    parameters: dict[str, str],
    domeinen: list[Levensdomein],
) -> Groep:
    def aandeel(aantal: int, extra: dict[str, str]) -> Aandeel:
        return Aandeel(aantal=aantal, van=totaal, querystring=urlencode({**parameters, **extra}))

    per_domein = {}
    for domein in domeinen:
        geteld = tellingen.get(domein.code, {})
        aantallen = {maat: geteld.get(maat, 0) for maat in Maat.values if maat != GEEN}
        aantallen[GEEN] = totaal - geteld.get("geregistreerd", 0)
        per_domein[domein.code] = {
            maat: aandeel(aantallen[maat], {"levensdomein": domein.code, **MAAT_PARAMETERS[maat]})
            for maat in Maat.values
        }
    return Groep(code=code, label=label, huizen=aandeel(totaal, {}), per_domein=per_domein)


def aandelen(filter: Filter | None = None, *, domeinen: list[Levensdomein] | None = None) -> Aandelen:
    """The shares of Huizen per life domain in the filter: overall, per werking and per cluster.

    Five queries, however many Huizen: the domains (unless given), the Huizen per werking, the
    engagements per werking, the Huizen per cluster and the engagements per cluster.
    """
    filter = filter or Filter()
    domeinen = list(Levensdomein.objects.all()) if domeinen is None else domeinen
    huizen = huizen_in(filter)
    # Per werking, grouped by the number of gemeenten today (few distinct values).
    per_aantal = (
        huizen.order_by()
        .annotate(aantal_gemeenten=_aantal_gemeenten(filter.dag))
        .values("aantal_gemeenten")
        .annotate(n=Count("pk"))
    )
    totaal_per_werking: dict[str, int] = defaultdict(int)
    for rij in per_aantal:
        totaal_per_werking[werking_van(rij["aantal_gemeenten"])] += rij["n"]
    engagementen_per_aantal = (
        DomeinEngagement.objects.filter(huis__in=huizen.values("pk"))
        .order_by()
        .annotate(aantal_gemeenten=_aantal_gemeenten(filter.dag, "huis"))
        .values("aantal_gemeenten", "levensdomein__code", "status", "top3")
        .annotate(n=Count("pk"))
    )
    rijen_per_werking: dict[str, list[dict]] = defaultdict(list)
    for rij in engagementen_per_aantal:
        rijen_per_werking[werking_van(rij["aantal_gemeenten"])].append(rij)

    alle = _groep(
        ALLE,
        "Alle Huizen",
        sum(totaal_per_werking.values()),
        _tel(r for rijen in rijen_per_werking.values() for r in rijen),
        filter.parameters(),
        domeinen,
    )
    werkingen = [Werking.GEMEENTELIJK, Werking.INTERGEMEENTELIJK]
    if totaal_per_werking.get(Werking.ZONDER_GEMEENTE):
        werkingen.append(Werking.ZONDER_GEMEENTE)
    per_werking = [
        _groep(
            w.value,
            str(w.label),
            totaal_per_werking.get(w, 0),
            _tel(rijen_per_werking.get(w, [])),
            {**filter.parameters(), "werking": w.value},
            domeinen,
        )
        for w in werkingen
    ]

    # Per cluster: the filter's provincie only, so that a count per cluster is exactly the
    # Huizen of Filter(provincie, cluster); with a cluster in the filter only that cluster.
    binnen_provincie = Filter(provincie=filter.provincie, datum=filter.datum)
    vertegenwoordigers = _vertegenwoordigers(huizen_in(binnen_provincie), filter.dag)
    if filter.cluster is not None:
        vertegenwoordigers = vertegenwoordigers.filter(gemeente__cluster__nummer=filter.cluster)
    clusters = (
        vertegenwoordigers.order_by("gemeente__cluster__nummer")
        .values("gemeente__cluster__nummer", "gemeente__cluster__naam")
        .annotate(n=Count("pk"))
    )
    rijen_per_cluster: dict[int, list[dict]] = defaultdict(list)
    for rij in (
        DomeinEngagement.objects.filter(huis__werkingsgebied__in=vertegenwoordigers)
        .order_by()
        .values("huis__werkingsgebied__gemeente__cluster__nummer", "levensdomein__code", "status", "top3")
        .annotate(n=Count("pk"))
    ):
        rijen_per_cluster[rij["huis__werkingsgebied__gemeente__cluster__nummer"]].append(rij)
    per_cluster = [
        _groep(
            str(rij["gemeente__cluster__nummer"]),
            f"{rij['gemeente__cluster__nummer']}. {rij['gemeente__cluster__naam']}",
            rij["n"],
            _tel(rijen_per_cluster.get(rij["gemeente__cluster__nummer"], [])),
            dataclasses.replace(binnen_provincie, cluster=rij["gemeente__cluster__nummer"]).parameters(),
            domeinen,
        )
        for rij in clusters
    ]
    return Aandelen(
        filter=filter, domeinen=domeinen, alle=alle, per_werking=per_werking, per_cluster=per_cluster
    )


# --- the self-assessment averages -------------------------------------------------------------


@dataclass(frozen=True)
class Gemiddeldengroep:
    code: str
    label: str
    gemiddelden: Gemiddelden


@dataclass(frozen=True)
class Zelfevaluatiecijfers:
    filter: Filter
    domeinen: list[Levensdomein]
    principes: list[Werkingsprincipe]
    alle: Gemiddelden
    per_cluster: list[Gemiddeldengroep]


def zelfevaluatiecijfers(
    filter: Filter | None = None,
    *,
    clusters: list[tuple[int, str]] | None = None,
    domeinen: list[Levensdomein] | None = None,
) -> Zelfevaluatiecijfers:
    """The average score per domain and per working principle over the latest self-assessment
    of each Huis in the filter, overall and per cluster (`clusters`: (number, label) to show,
    by default those of `aandelen(filter)`)."""
    filter = filter or Filter()
    domeinen = list(Levensdomein.objects.all()) if domeinen is None else domeinen
    if clusters is None:
        clusters = aandelen(filter, domeinen=domeinen).clusters
    principes = list(Werkingsprincipe.objects.all())
    alle = zelfevaluatie_gemiddelden(filter=filter)

    binnen_provincie = Filter(provincie=filter.provincie, datum=filter.datum)
    huizen = huizen_in(binnen_provincie)
    vertegenwoordigers = _vertegenwoordigers(huizen, filter.dag).filter(
        gemeente__cluster__nummer__in=[nummer for nummer, _label in clusters]
    )
    laatste = Zelfevaluatie.objects.filter(huis=OuterRef("huis")).order_by("-datum", "-pk").values("pk")[:1]
    evaluaties = Zelfevaluatie.objects.filter(huis__in=huizen.values("pk"), pk=Subquery(laatste))
    cluster = "zelfevaluatie__huis__werkingsgebied__gemeente__cluster__nummer"
    domein_gem: dict[int, dict[str, float]] = defaultdict(dict)
    principe_gem: dict[int, dict[str, float]] = defaultdict(dict)
    for rij in (
        Score.objects.filter(
            zelfevaluatie__in=evaluaties, zelfevaluatie__huis__werkingsgebied__in=vertegenwoordigers
        )
        .order_by()
        .values(cluster, "levensdomein__code", "werkingsprincipe__code")
        .annotate(gem=Avg("score"))
    ):
        if rij["levensdomein__code"]:
            domein_gem[rij[cluster]][rij["levensdomein__code"]] = round(float(rij["gem"]), 2)
        else:
            principe_gem[rij[cluster]][rij["werkingsprincipe__code"]] = round(float(rij["gem"]), 2)
    aantal_per_cluster = dict(
        vertegenwoordigers.filter(huis__in=evaluaties.values("huis"))
        .order_by()
        .values_list("gemeente__cluster__nummer")
        .annotate(n=Count("pk"))
    )
    per_cluster = [
        Gemiddeldengroep(
            code=str(nummer),
            label=label,
            gemiddelden=Gemiddelden(
                aantal_huizen=aantal_per_cluster.get(nummer, 0),
                domeinen=domein_gem.get(nummer, {}),
                principes=principe_gem.get(nummer, {}),
            ),
        )
        for nummer, label in clusters
    ]
    return Zelfevaluatiecijfers(
        filter=filter, domeinen=domeinen, principes=principes, alle=alle, per_cluster=per_cluster
    )


# --- the figures as tables: for the page and for the CSV and XLSX downloads ------------------


def _aantal_cel(aandeel: Aandeel) -> Cel:
    return Cel(aandeel.aantal, "aantal", querystring=aandeel.querystring)


def _procent_cel(aandeel: Aandeel | None) -> Cel:
    return Cel(aandeel.procent if aandeel else None, "procent")


TABELNAMEN = (
    "levensdomeinen",
    "levensdomeinen-per-werking",
    "levensdomeinen-per-cluster",
    "zelfevaluatie-levensdomeinen",
    "zelfevaluatie-werkingsprincipes",
)


def _uitsplitsing(
    naam: str, titel: str, groepen: list[Groep], domeinen, maat: str, toelichting: str
) -> Tabel:
    kolommen = ["Levensdomein"]
    for groep in groepen:
        kolommen += [f"{groep.label}: Huizen", f"{groep.label}: %"]
    rijen = [
        [Cel("Huizen in de groep")]
        + [c for g in groepen for c in (_aantal_cel(g.huizen), _procent_cel(None))]
    ]
    for domein in domeinen:
        rij = [Cel(domein.naam)]
        for groep in groepen:
            aandeel = groep.aandeel(domein.code, maat)
            rij += [_aantal_cel(aandeel), _procent_cel(aandeel)]
        rijen.append(rij)
    return Tabel(naam=naam, titel=titel, kolommen=kolommen, rijen=rijen, toelichting=toelichting)


def _gemiddelden(naam, titel, onderwerp, items, groepen: list[tuple[str, Gemiddelden]], soort: str) -> Tabel:
    return Tabel(
        naam=naam,
        titel=titel,
        kolommen=[onderwerp, *(label for label, _g in groepen)],
        rijen=[[Cel("Huizen met een zelfevaluatie"), *(Cel(g.aantal_huizen, "aantal") for _l, g in groepen)]]
        + [
            [Cel(item.naam), *(Cel(getattr(g, soort).get(item.code), "gemiddelde") for _l, g in groepen)]
            for item in items
        ],
        toelichting="Gemiddelde score van 1 tot 5 over de laatste zelfevaluatie van elk Huis.",
    )


def tabellen(
    aandelen: Aandelen, zelfevaluatie: Zelfevaluatiecijfers, maat: str = Maat.ACTIEF
) -> dict[str, Tabel]:
    """Every figure of the page as a table, by name (see TABELNAMEN), in page order; the
    breakdowns per werking and cluster show `maat`."""
    maat = Maat(maat)
    alle = aandelen.alle
    clusteruitleg = (
        "Een Huis telt mee in elke cluster waarin een van zijn gemeenten vandaag ligt. "
        "Huis van het Kind Brussel en Huizen zonder gemeente vandaag horen bij geen cluster."
    )
    gemiddelden = [("Alle Huizen", zelfevaluatie.alle)] + [
        (g.label, g.gemiddelden) for g in zelfevaluatie.per_cluster
    ]
    resultaat = [
        Tabel(
            naam="levensdomeinen",
            titel="Huizen per levensdomein: actief, top 3, gepland, niet actief",
            kolommen=[
                "Levensdomein",
                *(kop for m in Maat for kop in (f"{m.label}: Huizen", f"{m.label}: %")),
            ],
            rijen=[
                [Cel(d.naam)]
                + [
                    c
                    for m in Maat.values
                    for c in (_aantal_cel(alle.aandeel(d.code, m)), _procent_cel(alle.aandeel(d.code, m)))
                ]
                for d in aandelen.domeinen
            ],
            toelichting=(
                f"Percentages van de {alle.huizen.aantal} Huizen in deze selectie. Niet geregistreerd: "
                "het Huis vulde niets in over het levensdomein."
            ),
        ),
        _uitsplitsing(
            "levensdomeinen-per-werking",
            f"Huizen {MAAT_ZIN[maat]}: gemeentelijk en intergemeentelijk",
            [alle, *aandelen.per_werking],
            aandelen.domeinen,
            maat,
            "Intergemeentelijk: het Huis werkt vandaag in meer dan één gemeente.",
        ),
        _uitsplitsing(
            "levensdomeinen-per-cluster",
            f"Huizen {MAAT_ZIN[maat]}: per VRIND-cluster",
            aandelen.per_cluster,
            aandelen.domeinen,
            maat,
            clusteruitleg,
        ),
        _gemiddelden(
            "zelfevaluatie-levensdomeinen",
            "Zelfevaluatie: gemiddelde score per levensdomein",
            "Levensdomein",
            zelfevaluatie.domeinen,
            gemiddelden,
            "domeinen",
        ),
        _gemiddelden(
            "zelfevaluatie-werkingsprincipes",
            "Zelfevaluatie: gemiddelde score per werkingsprincipe",
            "Werkingsprincipe",
            zelfevaluatie.principes,
            gemiddelden,
            "principes",
        ),
    ]
    return {tabel.naam: tabel for tabel in resultaat}


# --- the same figures as bar charts ------------------------------------------------------------


@dataclass(frozen=True)
class Grafieken:
    domeinen: Staafdiagram
    per_werking: Staafdiagram
    per_cluster: list[Staafdiagram]
    zelfevaluatie_domeinen: Staafdiagram
    zelfevaluatie_principes: Staafdiagram
    zelfevaluatie_per_cluster: list[Staafdiagram]


def grafieken(aandelen: Aandelen, zelfevaluatie: Zelfevaluatiecijfers, maat: str = Maat.ACTIEF) -> Grafieken:
    """The charts of the page, with the numbers of `tabellen(...)` (percentages and averages)."""
    maat = Maat(maat)
    domeinen = aandelen.domeinen
    getoond = [Maat.ACTIEF, Maat.TOP3, Maat.GEPLAND, Maat.NIET_ACTIEF]  # four colours

    def procenten(groep: Groep, maten) -> list[tuple[str, list[float | None]]]:
        return [(d.naam, [groep.aandeel(d.code, m).procent for m in maten]) for d in domeinen]

    per_werking = [aandelen.alle, *aandelen.per_werking][:4]
    per_cluster_score = []
    for groep in zelfevaluatie.per_cluster:
        g = groep.gemiddelden
        per_cluster_score.append(
            staafdiagram(
                titel=f"{groep.label}: gemiddelde score ({g.aantal_huizen} Huizen met een zelfevaluatie)",
                reeksen=["Gemiddelde score"],
                rijen=[(d.naam, [g.domeinen.get(d.code)]) for d in domeinen]
                + [(p.naam, [g.principes.get(p.code)]) for p in zelfevaluatie.principes],
                maximum=5,
                eenheid="",
                decimalen=2,
            )
        )
    return Grafieken(
        domeinen=staafdiagram(
            titel="Aandeel van de Huizen per levensdomein",
            reeksen=[str(m.label) for m in getoond],
            rijen=procenten(aandelen.alle, getoond),
            maximum=100,
        ),
        per_werking=staafdiagram(
            titel=f"Aandeel van de Huizen {MAAT_ZIN[maat]}, naar werking",
            reeksen=[g.label for g in per_werking],
            rijen=[(d.naam, [g.aandeel(d.code, maat).procent for g in per_werking]) for d in domeinen],
            maximum=100,
        ),
        per_cluster=[
            staafdiagram(
                titel=f"{g.label}: aandeel van de {g.huizen.aantal} Huizen {MAAT_ZIN[maat]}",
                reeksen=[str(maat.label)],
                rijen=procenten(g, [maat]),
                maximum=100,
            )
            for g in aandelen.per_cluster
        ],
        zelfevaluatie_domeinen=staafdiagram(
            titel="Gemiddelde score per levensdomein in de zelfevaluatie",
            reeksen=["Alle Huizen"],
            rijen=[(d.naam, [zelfevaluatie.alle.domeinen.get(d.code)]) for d in domeinen],
            maximum=5,
            eenheid="",
            decimalen=2,
        ),
        zelfevaluatie_principes=staafdiagram(
            titel="Gemiddelde score per werkingsprincipe in de zelfevaluatie",
            reeksen=["Alle Huizen"],
            rijen=[(p.naam, [zelfevaluatie.alle.principes.get(p.code)]) for p in zelfevaluatie.principes],
            maximum=5,
            eenheid="",
            decimalen=2,
        ),
        zelfevaluatie_per_cluster=per_cluster_score,
    )


@dataclass(frozen=True)
class Sectie:
    """A table of the page with the chart(s) of its numbers."""

    tabel: Tabel
    grafiek: Staafdiagram | None = None
    meervoud: list[Staafdiagram] = dataclasses.field(default_factory=list)  # one chart per group
    meervoud_titel: str = ""


def secties(tabellen: dict[str, Tabel], grafieken: Grafieken, maat: str = Maat.ACTIEF) -> list[Sectie]:
    """The page in order: each table (see TABELNAMEN) with its charts."""
    maat = Maat(maat)
    return [
        Sectie(tabellen["levensdomeinen"], grafieken.domeinen),
        Sectie(tabellen["levensdomeinen-per-werking"], grafieken.per_werking),
        Sectie(
            tabellen["levensdomeinen-per-cluster"],
            meervoud=grafieken.per_cluster,
            meervoud_titel=f"Grafieken per VRIND-cluster: {str(maat.label).lower()}",
        ),
        Sectie(tabellen["zelfevaluatie-levensdomeinen"], grafieken.zelfevaluatie_domeinen),
        Sectie(
            tabellen["zelfevaluatie-werkingsprincipes"],
            grafieken.zelfevaluatie_principes,
            meervoud=grafieken.zelfevaluatie_per_cluster,
            meervoud_titel="Grafieken van de zelfevaluatie per VRIND-cluster",
        ),
    ]
