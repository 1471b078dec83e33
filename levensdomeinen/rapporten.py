"""The chapters about a Huis's life domains, offer and Roadmap self-assessment, in the Huis profile
report and (about the gemeente's Huis) in the council report. They read the Huis source of
huizen/rapporten.py (`huis`, `publiek`, `cluster`)."""

from __future__ import annotations

from django.db.models import Prefetch

from huizen.models import Partner, VrindCluster
from kern.cijfers import Filter
from kern.rapportage import Hoofdstuk, Sectie, gecachet, over_het_huis, register, scoregrafiek
from levensdomeinen.models import DomeinEngagement, Levensdomein
from levensdomeinen.selectors import (
    Gemiddelden,
    publiek_aanbod,
    zelfevaluatie_gemiddelden,
    zelfevaluatievergelijking,
)

HUIS = "huis"
GEMEENTERAAD = "gemeenteraad"


# --- Averages over all Huizen (for the comparisons) ---------------------------------------


def zelfevaluatie_vlaanderen() -> Gemiddelden:
    return gecachet("zelfevaluatie:vlaanderen", zelfevaluatie_gemiddelden)


def zelfevaluatie_cluster(cluster: VrindCluster) -> Gemiddelden:
    return gecachet(
        f"zelfevaluatie:cluster:{cluster.nummer}",
        lambda: zelfevaluatie_gemiddelden(filter=Filter(cluster=cluster.nummer)),
    )


# --- Chapters ---------------------------------------------------------------------------------


def _domeinen() -> list[Levensdomein]:
    return list(Levensdomein.objects.order_by("volgorde", "naam"))


def sectie_levensdomeinen(bron) -> Hoofdstuk:
    engagementen = {
        e.levensdomein_id: e
        for e in DomeinEngagement.objects.voor_huis(bron.huis).prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("naam"))
        )
    }
    rijen = [(domein, engagementen.get(domein.pk)) for domein in _domeinen()]
    actief = sum(1 for _, e in rijen if e and e.status == "actief")
    return Hoofdstuk(
        id="levensdomeinen",
        titel="Levensdomeinen",
        template="rapporten/pdf/secties/levensdomeinen.html",
        gegevens={
            "rijen": rijen,
            "aantal_actief": actief,
            "aantal": len(rijen),
            "top3": [(d, e) for d, e in rijen if e and e.top3],
            "publiek": bron.publiek,
        },
    )


def sectie_aanbod(bron) -> Hoofdstuk:
    aanbod = list(publiek_aanbod(bron.huis).select_related("locatie"))
    return Hoofdstuk(
        id="aanbod",
        titel="Aanbod",
        template="rapporten/pdf/secties/aanbod.html",
        gegevens={"aanbod": aanbod, "publiek": bron.publiek},
    )


def sectie_zelfevaluatie(bron) -> Hoofdstuk:
    """The latest self-assessment next to the Flemish average and that of the Huis's cluster
    (the same comparison as the Huis's page, with the averages cached for a batch)."""
    vergelijking = zelfevaluatievergelijking(
        bron.huis,
        gemiddelden=lambda cluster: zelfevaluatie_cluster(cluster) if cluster else zelfevaluatie_vlaanderen(),
    )
    if vergelijking.laatste is None:
        return Hoofdstuk(
            id="zelfevaluatie",
            titel="Zelfevaluatie volgens de Roadmap",
            template="rapporten/pdf/secties/zelfevaluatie.html",
            gegevens={"laatste": None, "publiek": bron.publiek},
        )
    grafieken = [
        scoregrafiek(
            titel="Score per levensdomein (1 tot 5)",
            kop="Levensdomein",
            reeksen=vergelijking.reeksen,
            rijen=vergelijking.domeinen,
        ),
        scoregrafiek(
            titel="Score per werkingsprincipe (1 tot 5)",
            kop="Werkingsprincipe",
            reeksen=vergelijking.reeksen,
            rijen=vergelijking.principes,
        ),
    ]
    return Hoofdstuk(
        id="zelfevaluatie",
        titel="Zelfevaluatie volgens de Roadmap",
        template="rapporten/pdf/secties/zelfevaluatie.html",
        gegevens={
            "laatste": vergelijking.laatste,
            "grafieken": grafieken,
            "cluster": vergelijking.cluster,
            "aantal_huizen": vergelijking.aantal_huizen,
            "publiek": bron.publiek,
        },
    )


register.registreer(
    Sectie(HUIS, "levensdomeinen", sectie_levensdomeinen),
    Sectie(HUIS, "aanbod", sectie_aanbod),
    Sectie(HUIS, "zelfevaluatie", sectie_zelfevaluatie),
    Sectie(GEMEENTERAAD, "aanbod", over_het_huis(sectie_aanbod)),
    Sectie(GEMEENTERAAD, "levensdomeinen", over_het_huis(sectie_levensdomeinen)),
    Sectie(GEMEENTERAAD, "zelfevaluatie", over_het_huis(sectie_zelfevaluatie)),
)
