"""Reads of the opvang pages: childcare locations with their free places and occupancy, and the
offers made to a provider's places.

Occupancy is counted as `loket.selectors.bezet` / `vrij` count it (seats held by open, accepted
and confirmed offers), but in the query itself, so a list costs no query per place.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from loket.models import (
    AANBOD_HOUDT_PLAATS,
    VOORKEUR_GESLOTEN,
    Aanbod,
    AanbodStatus,
    Opvanglocatie,
    Organisator,
    Voorkeur,
    VrijePlaats,
)
from loket.selectors import vrije_plaatsen_met_bezetting

RECENTE_PLAATSINGEN_DAGEN = 60


def met_plaatsen(locaties: QuerySet[Opvanglocatie]) -> QuerySet[Opvanglocatie]:
    """Locations with gemeente and organiser, and their free places (with occupancy) prefetched."""
    return locaties.select_related("gemeente", "organisator", "huis").prefetch_related(
        Prefetch(
            "vrije_plaatsen",
            queryset=vrije_plaatsen_met_bezetting(VrijePlaats.objects.aangeboden()).order_by(
                "vanaf", "leeftijdsgroep", "pk"
            ),
        )
    )


def aanbiedingen_bij(
    aanbiedingen: QuerySet[Aanbod], locaties: QuerySet[Opvanglocatie], statussen: Iterable[str]
) -> QuerySet[Aanbod]:
    """Offers (from a queryset the user may see) for places at `locaties` in one of `statussen`,
    with request, place and location, and the request's children and parents prefetched."""
    return (
        aanbiedingen.filter(plaats__locatie__in=locaties.values("pk"), status__in=list(statussen))
        .select_related("opvangvraag", "plaats__locatie")
        .prefetch_related("opvangvraag__kinderen", "opvangvraag__ouders")
    )


def recente_plaatsingen(
    aanbiedingen: QuerySet[Aanbod],
    locaties: QuerySet[Opvanglocatie],
    *,
    dagen: int = RECENTE_PLAATSINGEN_DAGEN,
) -> QuerySet[Aanbod]:
    """Placements confirmed in the last `dagen` days, newest first."""
    sinds = timezone.now() - datetime.timedelta(days=dagen)
    return (
        aanbiedingen_bij(aanbiedingen, locaties, [AanbodStatus.BEVESTIGD])
        .filter(bevestigd__gte=sinds)
        .order_by("-bevestigd", "-pk")
    )


def aanbiedingen_die_plaats_houden(plaats: VrijePlaats) -> list[Aanbod]:
    """The offers that hold seats of a free place (open, accepted or confirmed), oldest first."""
    return list(
        plaats.aanbiedingen.filter(status__in=AANBOD_HOUDT_PLAATS)
        .select_related("opvangvraag")
        .prefetch_related("opvangvraag__kinderen")
        .order_by("gemaakt", "pk")
    )


def organisatoren_van_huis(huis) -> QuerySet[Organisator]:
    """The organisers that already run a childcare location in the area of `huis`."""
    return Organisator.objects.filter(locaties__huis=huis).distinct().order_by("naam")


def sluiting_van(locatie: Opvanglocatie, user) -> dict:
    """What the closure of `locatie` did: `door_sluiting`, the offers it ended (placements and
    running offers, as far as `user` may see them), and `voorkeuren_beeindigd`, how many choices
    of families for it ended (a count, no names)."""
    return {
        "door_sluiting": list(
            Aanbod.objects.zichtbaar_voor(user)
            .filter(plaats__locatie=locatie, door_sluiting=True)
            .select_related("opvangvraag")
            .prefetch_related("opvangvraag__kinderen")
            .order_by("status", "pk")
        ),
        "voorkeuren_beeindigd": Voorkeur.objects.filter(
            locatie=locatie, beeindigd_reden=VOORKEUR_GESLOTEN
        ).count(),
    }
