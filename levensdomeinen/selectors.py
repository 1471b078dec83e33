"""Reads of the levensdomeinen app."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Avg, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from huizen.models import Huis, VrindCluster
from huizen.selectors import huizen_in
from kern.cijfers import Filter
from levensdomeinen.models import Aanbod, Doelgroep, Levensdomein, Planning, Score, Zelfevaluatie


def cluster_van(huis: Huis) -> VrindCluster | None:
    """The VRIND cluster of the Huis: that of most of its gemeenten today (None in Brussels)."""
    clusters = Counter(g.cluster for g in huis.gemeenten_op().select_related("cluster") if g.cluster)
    return clusters.most_common(1)[0][0] if clusters else None


@dataclass(frozen=True)
class Gemiddelden:
    """Average self-assessment scores by code of life domain and of working principle."""

    aantal_huizen: int
    domeinen: dict[str, float]
    principes: dict[str, float]


def zelfevaluatie_gemiddelden(*, filter: Filter | None = None) -> Gemiddelden:
    """The average score per life domain and per working principle over the latest
    self-assessment of each Huis in the filter (all of Flanders and Brussels without one)."""
    huizen = huizen_in(filter or Filter())
    laatste = Zelfevaluatie.objects.filter(huis=OuterRef("huis")).order_by("-datum", "-pk").values("pk")[:1]
    evaluaties = Zelfevaluatie.objects.filter(huis__in=huizen, pk=Subquery(laatste))
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
        domeinen={r["levensdomein__code"]: round(float(r["gem"]), 2) for r in domeinen},
        principes={r["werkingsprincipe__code"]: round(float(r["gem"]), 2) for r in principes},
    )


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
