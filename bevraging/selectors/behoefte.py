"""The survey's part of the needs analysis of a gemeente: the omgevingsanalyse answers of the Huis
that serves it, from the latest closed wave in which the Huis submitted its answers, against the
Huizen of the gemeente's VRIND cluster and of Flanders.

Scores are counted in the database per question and answer (two grouped counts: Flanders and the
cluster), cached per wave, cluster and data version (scopes "bevraging", "huizen", "referentie").
A cluster with fewer than `MINIMUM_ANTWOORDEN` answers gets no figure, as in the analysis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from bevraging.analyse.gegevens import MINIMUM_ANTWOORDEN
from bevraging.models import Antwoord, Golf, Golfstatus, Respons, Responsstatus, Vraag, Vraagtype
from huizen.models import Huis
from huizen.selectors import huizen_in
from kern.cijfers import Filter, afronden, procent
from kern.tabellen import getal
from kern.versies import gecachet

THEMA = "omgevingsanalyse"
AFGEROND = (Responsstatus.INGEDIEND, Responsstatus.GEVALIDEERD)
BRONNEN = ("bevraging", "huizen", "referentie")


@dataclass(frozen=True)
class Scorerij:
    """One score question: the Huis's score and, per area, the mean and the share scoring 4 or 5."""

    vraag: str
    schaal: str  # what 1 and 5 mean
    eigen: str
    gemiddelden: list[str]
    hoog: list[str]  # % score 4-5


@dataclass(frozen=True)
class Omgevingsanalyse:
    golf: str
    jaar: int
    kolommen: list[str]  # the compared areas: the cluster (if shown) and Flanders
    scores: list[Scorerij]
    open_antwoorden: list[tuple[str, str]]  # (question, the Huis's answer)
    antwoorden_cluster: int | None
    antwoorden_vlaanderen: int
    minimum: int = MINIMUM_ANTWOORDEN


def laatste_afgesloten_golf(huis: Huis) -> Golf | None:
    """The latest closed wave in which the Huis submitted (or had validated) its answers."""
    return (
        Golf.objects.filter(
            status=Golfstatus.AFGESLOTEN, responsen__huis=huis, responsen__status__in=AFGEROND
        )
        .select_related("vragenlijst")
        .order_by("-jaar", "-pk")
        .first()
    )


def _verdeling(golf_id: int, cluster: int | None) -> tuple[dict[str, Counter], int]:
    """Per score question of the theme: how many Huizen gave each score; and how many Huizen
    answered the wave (in the cluster, or in Flanders)."""

    def maak():
        responsen = Respons.objects.filter(golf_id=golf_id, status__in=AFGEROND)
        if cluster is not None:
            responsen = responsen.filter(huis__in=huizen_in(Filter(cluster=cluster)).values("pk"))
        verdeling: dict[str, Counter] = {}
        for sleutel, waarde, n in (
            Antwoord.objects.filter(
                respons__in=responsen.values("pk"), vraag__thema__sleutel=THEMA, vraag__type=Vraagtype.SCORE
            )
            .order_by()
            .values_list("vraag__sleutel", "waarde")
            .annotate(n=Count("pk"))
        ):
            if waarde not in (None, ""):
                verdeling.setdefault(sleutel, Counter())[int(str(waarde))] += n
        return verdeling, responsen.count()

    return gecachet("behoefte-omgevingsanalyse", BRONNEN, maak, golf_id, cluster)


def _gemiddelde(telling: Counter | None) -> tuple[str, str]:
    if not telling:
        return "–", "–"
    n = sum(telling.values())
    gem = afronden(sum(score * aantal for score, aantal in telling.items()) / n, 1)
    hoog = procent(telling[4] + telling[5], n, 0)
    return getal(float(gem), 1), f"{getal(float(hoog), 0)} %"


def omgevingsanalyse(huis: Huis, cluster: int | None) -> Omgevingsanalyse | None:
    """The Huis's omgevingsanalyse answers of its latest closed wave against the Huizen of VRIND
    cluster `cluster` (a number, or None) and Flanders; None without such a wave."""
    golf = laatste_afgesloten_golf(huis)
    if golf is None:
        return None
    vragen = list(
        Vraag.objects.filter(vragenlijst__golf=golf, thema__sleutel=THEMA)
        .prefetch_related("antwoordopties")
        .order_by("volgorde", "pk")
    )
    eigen = {
        a.vraag_id: a
        for a in Antwoord.objects.filter(
            respons__golf=golf, respons__huis=huis, respons__status__in=AFGEROND, vraag__in=vragen
        )
    }
    vlaanderen, aantal_vlaanderen = _verdeling(golf.pk, None)
    gebieden = [(vlaanderen, aantal_vlaanderen)]
    kolommen = ["Vlaanderen"]
    aantal_cluster = None
    if cluster is not None:
        per_cluster, aantal_cluster = _verdeling(golf.pk, cluster)
        if aantal_cluster >= MINIMUM_ANTWOORDEN:
            gebieden.insert(0, (per_cluster, aantal_cluster))
            kolommen.insert(0, "Cluster")
    scores, open_antwoorden = [], []
    for vraag in vragen:
        antwoord = eigen.get(vraag.pk)
        if vraag.type == Vraagtype.SCORE:
            opties = {o.code: o.label for o in vraag.antwoordopties.all()}
            waarde = str(antwoord.waarde) if antwoord and antwoord.waarde not in (None, "") else ""
            cijfers = [_gemiddelde(verdeling.get(vraag.sleutel)) for verdeling, _n in gebieden]
            scores.append(
                Scorerij(
                    vraag=vraag.tekst,
                    schaal=f"1 = {opties.get('1', '')}, 5 = {opties.get('5', '')}",
                    eigen=f"{waarde} ({opties.get(waarde, '')})" if waarde else "niet beantwoord",
                    gemiddelden=[gem for gem, _h in cijfers],
                    hoog=[hoog for _g, hoog in cijfers],
                )
            )
            if antwoord and antwoord.toelichting.strip():
                open_antwoorden.append((vraag.open_veld_label or "Toelichting", antwoord.toelichting.strip()))
        elif vraag.type == Vraagtype.OPEN_TEKST and antwoord and str(antwoord.waarde or "").strip():
            open_antwoorden.append((vraag.tekst, str(antwoord.waarde).strip()))
    return Omgevingsanalyse(
        golf=golf.naam,
        jaar=golf.jaar,
        kolommen=kolommen,
        scores=scores,
        open_antwoorden=open_antwoorden,
        antwoorden_cluster=aantal_cluster,
        antwoorden_vlaanderen=aantal_vlaanderen,
    )
