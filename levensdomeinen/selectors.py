"""Reads of the levensdomeinen app: a Huis's cluster and public offer, the self-assessment averages
and a Huis's comparison with them, and the queries behind the figures over all Huizen (what they
count is levensdomeinen.analyse).

Nothing here runs a query per Huis: the shares are three grouped counts over DomeinEngagement and
Werkingsgebied (plus one over the Huizen per werking), the averages one grouped average over
Score per cluster besides `zelfevaluatie_gemiddelden`.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from huizen import selectors as huizen_selectors
from huizen.models import Huis, VrindCluster, Werkingsgebied
from huizen.selectors import huizen_in
from kern.cijfers import Filter, Werking, afronden, werking_van
from kern.versies import gecachet
from levensdomeinen import referentielijsten
from levensdomeinen.analyse import (
    ALLE,
    GEEN,
    Aandelen,
    Domeinselectie,
    Gemiddelden,
    Gemiddeldengroep,
    Groep,
    Heatmaprij,
    Zelfevaluatiecijfers,
    groep,
    heatmap,
    tel,
)
from levensdomeinen.models import (
    Aanbod,
    Doelgroep,
    DomeinEngagement,
    Levensdomein,
    Planning,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)

GEMIDDELDE_DECIMALEN = 2

# The stable codes of the reference lists, in their order (names may be edited in the admin).
LEVENSDOMEIN_CODES: tuple[str, ...] = tuple(code for code, _naam, _s in referentielijsten.LEVENSDOMEINEN)
WERKINGSPRINCIPE_CODES: tuple[str, ...] = tuple(code for code, _naam in referentielijsten.WERKINGSPRINCIPES)
PIJLER_CODES: tuple[str, ...] = tuple(code for code, _naam in referentielijsten.PIJLERS)
DOELGROEP_CODES: tuple[str, ...] = tuple(code for code, _naam in referentielijsten.DOELGROEPEN)


def publiek_aanbod(huis: Huis) -> QuerySet[Aanbod]:
    """The offer of a Huis as the public sees it: without one-off activities that are past."""
    voorbij = Q(planning=Planning.EENMALIG, datum__lt=timezone.localdate())
    return (
        Aanbod.objects.voor_huis(huis)
        .exclude(voorbij)
        .select_related("locatie__gemeente", "organiserende_partner")
        .prefetch_related(
            Prefetch("doelgroepen", queryset=Doelgroep.objects.order_by("volgorde", "naam")),
            Prefetch("levensdomeinen", queryset=Levensdomein.objects.order_by("volgorde", "naam")),
        )
        .order_by("titel", "pk")
    )


# --- the self-assessments -----------------------------------------------------------------------


def _laatste_zelfevaluaties(huizen: QuerySet[Huis]) -> QuerySet[Zelfevaluatie]:
    """The latest self-assessment (date, then id) of each of the Huizen."""
    laatste = Zelfevaluatie.objects.filter(huis=OuterRef("huis")).order_by("-datum", "-pk").values("pk")[:1]
    return Zelfevaluatie.objects.filter(huis__in=huizen, pk=Subquery(laatste))


def zelfevaluatie_gemiddelden(*, filter: Filter | None = None) -> Gemiddelden:
    """The average score per life domain and per working principle over the latest
    self-assessment of each Huis in the filter (all of Flanders and Brussels without one)."""
    evaluaties = _laatste_zelfevaluaties(huizen_in(filter or Filter()))
    scores = Score.objects.filter(zelfevaluatie__in=evaluaties)
    domeinen = (
        scores.filter(levensdomein__isnull=False).values("levensdomein__code").annotate(gem=Avg("score"))
    )
    principes = (
        scores.filter(werkingsprincipe__isnull=False)
        .values("werkingsprincipe__code")
        .annotate(gem=Avg("score"))
    )
    return Gemiddelden(
        aantal_huizen=evaluaties.count(),
        domeinen={r["levensdomein__code"]: afronden(r["gem"], GEMIDDELDE_DECIMALEN) for r in domeinen},
        principes={r["werkingsprincipe__code"]: afronden(r["gem"], GEMIDDELDE_DECIMALEN) for r in principes},
    )


@dataclass(frozen=True)
class Zelfevaluatievergelijking:
    """The latest self-assessment of a Huis beside the Flemish average and that of its cluster.

    `domeinen` and `principes` hold per life domain and working principle (in their order) the
    name and the scores [this Huis, Flanders, the cluster (if any)], unrounded; `reeksen` names
    those series and `aantal_huizen` says over how many Huizen each average goes."""

    laatste: Zelfevaluatie | None
    cluster: VrindCluster | None = None
    reeksen: list[str] = dataclasses.field(default_factory=list)
    aantal_huizen: list[int] = dataclasses.field(default_factory=list)
    domeinen: list[tuple[str, list]] = dataclasses.field(default_factory=list)
    principes: list[tuple[str, list]] = dataclasses.field(default_factory=list)


def _gemiddelden_van(cluster: VrindCluster | None) -> Gemiddelden:
    return zelfevaluatie_gemiddelden(filter=Filter(cluster=cluster.nummer) if cluster else None)


def zelfevaluatievergelijking(
    huis: Huis, *, gemiddelden: Callable[[VrindCluster | None], Gemiddelden] = _gemiddelden_van
) -> Zelfevaluatievergelijking:
    """The Huis's latest self-assessment compared with the averages of Flanders and of its
    cluster. `gemiddelden(cluster)` gives the averages of a cluster, or of Flanders for None
    (e.g. from a cache); without a self-assessment nothing is compared."""
    laatste = (
        Zelfevaluatie.objects.voor_huis(huis)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.all()))
        .order_by("-datum", "-pk")
        .first()
    )
    if laatste is None:
        return Zelfevaluatievergelijking(laatste=None)
    cluster = huizen_selectors.cluster_van(huis)
    reeksen, vergeleken = ["Dit Huis", "Vlaanderen"], [gemiddelden(None)]
    if cluster is not None:
        reeksen.append(f"Cluster {cluster.naam}")
        vergeleken.append(gemiddelden(cluster))
    eigen_domeinen, eigen_principes = scores_per_referentie(laatste)

    def rijen(refs, eigen: dict[int, int], soort: str) -> list[tuple[str, list]]:
        return [
            (ref.naam, [eigen.get(ref.pk), *(getattr(g, soort).get(ref.code) for g in vergeleken)])
            for ref in refs
        ]

    return Zelfevaluatievergelijking(
        laatste=laatste,
        cluster=cluster,
        reeksen=reeksen,
        aantal_huizen=[g.aantal_huizen for g in vergeleken],
        domeinen=rijen(Levensdomein.objects.order_by("volgorde", "naam"), eigen_domeinen, "domeinen"),
        principes=rijen(Werkingsprincipe.objects.order_by("volgorde", "naam"), eigen_principes, "principes"),
    )


def scores_per_referentie(evaluatie: Zelfevaluatie) -> tuple[dict[int, int], dict[int, int]]:
    """The (prefetched) scores of an assessment by life domain id and by working principle id."""
    domeinen, principes = {}, {}
    for score in evaluatie.scores.all():
        if score.levensdomein_id:
            domeinen[score.levensdomein_id] = score.score
        else:
            principes[score.werkingsprincipe_id] = score.score
    return domeinen, principes


# --- the figures over all Huizen: the heatmap -----------------------------------------------------


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


def _met_domeinselectie(huizen: QuerySet[Huis], selectie: Domeinselectie) -> QuerySet[Huis]:
    """The Huizen with the selection's status or top 3 on its life domain."""
    engagementen = DomeinEngagement.objects.filter(
        huis=OuterRef("pk"), levensdomein__code=selectie.levensdomein
    )
    if selectie.status == GEEN:
        if selectie.top3:  # nothing recorded is never in the top 3
            return huizen.none()
        return huizen.exclude(Exists(engagementen))
    if selectie.status:
        engagementen = engagementen.filter(status=selectie.status)
    if selectie.top3:
        engagementen = engagementen.filter(top3=True)
    return huizen.filter(Exists(engagementen))


def heatmap_huizen(filter: Filter, selectie: Domeinselectie | None = None) -> QuerySet[Huis]:
    """The Huizen of the filter and selection by name, each with `aantal_gemeenten` (today)."""
    selectie = selectie or Domeinselectie()
    huizen = huizen_in(filter).annotate(aantal_gemeenten=_aantal_gemeenten(filter.dag))
    if selectie.werking:
        huizen = huizen.filter(WERKING_VOORWAARDE[selectie.werking])
    if selectie.levensdomein and (selectie.status or selectie.top3):
        huizen = _met_domeinselectie(huizen, selectie)
    return huizen.order_by("naam", "pk")


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
    return heatmap(huizen, stand, domeinen)


# --- the figures over all Huizen: the shares per domain -----------------------------------------


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


def _per_werking(filter: Filter, domeinen: list[Levensdomein]) -> tuple[Groep, list[Groep]]:
    """All Huizen of the filter, and those per werking (grouped by the number of gemeenten
    today, which has few distinct values): two queries."""
    huizen = huizen_in(filter)
    totaal_per_werking: dict[str, int] = defaultdict(int)
    for rij in (
        huizen.order_by()
        .annotate(aantal_gemeenten=_aantal_gemeenten(filter.dag))
        .values("aantal_gemeenten")
        .annotate(n=Count("pk"))
    ):
        totaal_per_werking[werking_van(rij["aantal_gemeenten"])] += rij["n"]
    rijen_per_werking: dict[str, list[dict]] = defaultdict(list)
    for rij in (
        DomeinEngagement.objects.filter(huis__in=huizen.values("pk"))
        .order_by()
        .annotate(aantal_gemeenten=_aantal_gemeenten(filter.dag, "huis"))
        .values("aantal_gemeenten", "levensdomein__code", "status", "top3")
        .annotate(n=Count("pk"))
    ):
        rijen_per_werking[werking_van(rij["aantal_gemeenten"])].append(rij)

    alle = groep(
        ALLE,
        "Alle Huizen",
        sum(totaal_per_werking.values()),
        tel(r for rijen in rijen_per_werking.values() for r in rijen),
        filter.parameters(),
        domeinen,
    )
    werkingen = [Werking.GEMEENTELIJK, Werking.INTERGEMEENTELIJK]
    if totaal_per_werking.get(Werking.ZONDER_GEMEENTE):
        werkingen.append(Werking.ZONDER_GEMEENTE)
    per_werking = [
        groep(
            w.value,
            str(w.label),
            totaal_per_werking.get(w, 0),
            tel(rijen_per_werking.get(w, [])),
            {**filter.parameters(), "werking": w.value},
            domeinen,
        )
        for w in werkingen
    ]
    return alle, per_werking


def _per_cluster(filter: Filter, domeinen: list[Levensdomein]) -> list[Groep]:
    """The Huizen per cluster: within the filter's provincie only, so that a count per cluster is
    exactly the Huizen of Filter(provincie, cluster); with a cluster in the filter only that
    cluster. Two queries."""
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
    return [
        groep(
            str(rij["gemeente__cluster__nummer"]),
            f"{rij['gemeente__cluster__nummer']}. {rij['gemeente__cluster__naam']}",
            rij["n"],
            tel(rijen_per_cluster.get(rij["gemeente__cluster__nummer"], [])),
            dataclasses.replace(binnen_provincie, cluster=rij["gemeente__cluster__nummer"]).parameters(),
            domeinen,
        )
        for rij in clusters
    ]


def aandelen(filter: Filter | None = None, *, domeinen: list[Levensdomein] | None = None) -> Aandelen:
    """The shares of Huizen per life domain in the filter: overall, per werking and per cluster.

    Five queries, however many Huizen: the domains (unless given), the Huizen per werking, the
    engagements per werking, the Huizen per cluster and the engagements per cluster.
    """
    filter = filter or Filter()
    domeinen = list(Levensdomein.objects.all()) if domeinen is None else domeinen
    alle, per_werking = _per_werking(filter, domeinen)
    return Aandelen(
        filter=filter,
        domeinen=domeinen,
        alle=alle,
        per_werking=per_werking,
        per_cluster=_per_cluster(filter, domeinen),
    )


# --- the figures over all Huizen: the self-assessment averages ----------------------------------


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

    huizen = huizen_in(Filter(provincie=filter.provincie, datum=filter.datum))
    vertegenwoordigers = _vertegenwoordigers(huizen, filter.dag).filter(
        gemeente__cluster__nummer__in=[nummer for nummer, _label in clusters]
    )
    evaluaties = _laatste_zelfevaluaties(huizen.values("pk"))
    cluster = "zelfevaluatie__huis__werkingsgebied__gemeente__cluster__nummer"
    gemiddelden: dict[str, dict[int, dict]] = {"domeinen": defaultdict(dict), "principes": defaultdict(dict)}
    for rij in (
        Score.objects.filter(
            zelfevaluatie__in=evaluaties, zelfevaluatie__huis__werkingsgebied__in=vertegenwoordigers
        )
        .order_by()
        .values(cluster, "levensdomein__code", "werkingsprincipe__code")
        .annotate(gem=Avg("score"))
    ):
        soort, code = ("domeinen", rij["levensdomein__code"])
        if not code:
            soort, code = ("principes", rij["werkingsprincipe__code"])
        gemiddelden[soort][rij[cluster]][code] = afronden(rij["gem"], GEMIDDELDE_DECIMALEN)
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
                domeinen=gemiddelden["domeinen"].get(nummer, {}),
                principes=gemiddelden["principes"].get(nummer, {}),
            ),
        )
        for nummer, label in clusters
    ]
    return Zelfevaluatiecijfers(
        filter=filter,
        domeinen=domeinen,
        principes=list(Werkingsprincipe.objects.all()),
        alle=zelfevaluatie_gemiddelden(filter=filter),
        per_cluster=per_cluster,
    )


# --- the figures over all Huizen, cached by data version -----------------------------------------

#: The data the figures over all Huizen are computed from: the Huizen with their life domains and
#: self-assessments, the gemeenten (areas, clusters) and the reference lists (raised by their admin).
CIJFERS_SCOPES = ("huizen", "referentie")


def domeinen_delen(domeinen: list[Levensdomein]) -> tuple:
    """The life domains as a part of a cache key (when they are read anyway)."""
    return tuple((d.pk, d.code, d.naam) for d in domeinen)


def cijfers_gecachet(filter: Filter) -> tuple[Aandelen, Zelfevaluatiecijfers]:
    """`aandelen` and `zelfevaluatiecijfers` of the filter, computed once per data version."""

    def maak():
        gedeeld = aandelen(filter)
        return gedeeld, zelfevaluatiecijfers(filter, clusters=gedeeld.clusters, domeinen=gedeeld.domeinen)

    return gecachet(
        "levensdomeinen-cijfers",
        CIJFERS_SCOPES,
        maak,
        filter.provincie,
        filter.cluster,
        filter.dag.isoformat(),
    )


# --- a Huis's offer per life domain (the needs analysis of a gemeente) ---------------------------


@dataclass(frozen=True)
class Domeinregel:
    """One life domain for one Huis: where it stands (a Domeinstatus value, or "" unregistered),
    whether it is in its top 3, and how many items of its public offer are about it."""

    domein: Levensdomein
    status: str
    top3: bool
    aanbod: int


def domeinen_van_huis(huis: Huis) -> list[Domeinregel]:
    """Every life domain in order with the Huis's engagement and public offer: three queries."""
    engagementen = {e.levensdomein_id: e for e in DomeinEngagement.objects.voor_huis(huis)}
    aanbod = dict(
        publiek_aanbod(huis)
        .order_by()
        .values_list("levensdomeinen")
        .annotate(n=Count("pk", distinct=True))
        .values_list("levensdomeinen", "n")
    )
    return [
        Domeinregel(
            domein=domein,
            status=engagementen[domein.pk].status if domein.pk in engagementen else "",
            top3=bool(domein.pk in engagementen and engagementen[domein.pk].top3),
            aanbod=aanbod.get(domein.pk, 0),
        )
        for domein in Levensdomein.objects.order_by("volgorde", "naam")
    ]
