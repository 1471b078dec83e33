"""Reads for the allocation rounds: the requests and free places of a start-month cohort, the
rounds of a loket and the explanation a family reads on its private page."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from loket.models import (
    Aanbod,
    AanbodStatus,
    Opvangvraag,
    RondeStatus,
    Rondevoorstel,
    Status,
    Toewijzingsronde,
    Voorkeur,
    VrijePlaats,
)
from loket.selectors import vrije_plaatsen_met_bezetting
from loket.selectors.passen import FLEXIBILITEIT_MAANDEN, einde_maand, uiterste_start
from loket.termijnen import plus_maanden


def in_cohort(vraag: Opvangvraag, startmaand: datetime.date) -> bool:
    """A request belongs to the cohort of a start month when the period in which the family can
    start (the wished start up to the wished start plus its flexibility) overlaps that month."""
    return vraag.gewenste_start <= einde_maand(startmaand) and uiterste_start(vraag) >= startmaand


def cohort(huis, startmaand: datetime.date) -> list[Opvangvraag]:
    """The requests of a round: active (on the waiting list, no running offer) requests of the
    Huis in the cohort of the start month, with children and active preferences (rank order).

    Used by the round service only: the staff pages read requests through `selectors`."""
    lopend = Aanbod.objects.filter(
        opvangvraag=OuterRef("pk"), status__in=[AanbodStatus.OPEN, AanbodStatus.AANVAARD]
    )
    vragen = (
        Opvangvraag.objects.voor_huis(huis)
        .filter(
            status=Status.ACTIEF,
            gewenste_start__lte=einde_maand(startmaand),
            gewenste_start__gte=plus_maanden(startmaand, -max(FLEXIBILITEIT_MAANDEN.values())),
        )
        .exclude(Exists(lopend))
        .select_related("broer_zus_locatie")
        .prefetch_related(
            "kinderen",
            Prefetch(
                "voorkeuren",
                queryset=Voorkeur.objects.filter(actief=True).order_by("rang"),
                to_attr="actieve_voorkeuren",
            ),
        )
        .order_by("pk")
    )
    return [vraag for vraag in vragen if in_cohort(vraag, startmaand)]


def plaatsen_van_ronde(huis, startmaand: datetime.date) -> list[VrijePlaats]:
    """Free places a round may hand out: still offered, with free seats now (`vrij_aantal`), at
    an open location of the Huis (active, not closed), starting no later than the end of the start
    month. Whether a family can take one is decided per family (`loket.selectors.passen.past`)."""
    return list(
        vrije_plaatsen_met_bezetting(
            VrijePlaats.objects.aan_te_bieden().filter(locatie__huis=huis, vanaf__lte=einde_maand(startmaand))
        )
        .filter(vrij_aantal__gt=0)
        .select_related("locatie")
        .order_by("vanaf", "pk")
    )


def rondes_van_loket(huis, user) -> QuerySet[Toewijzingsronde]:
    """The rounds of `huis` the user may see (loket staff of the Huis only), newest first."""
    return (
        Toewijzingsronde.objects.zichtbaar_voor(user)
        .voor_huis(huis)
        .select_related("aangemaakt_door", "uitgevoerd_door", "verworpen_door")
    )


def voorstellen_van(ronde: Toewijzingsronde) -> QuerySet[Rondevoorstel]:
    """The proposals of a round, with their request, place and offer, by request number."""
    return ronde.voorstellen.select_related(
        "opvangvraag", "plaats__locatie", "aanbod__plaats__locatie"
    ).order_by("opvangvraag_id")


def laatste_uitleg_voor_gezin(vraag: Opvangvraag) -> Rondevoorstel | None:
    """The proposal of the latest executed round that held the request (the family's explanation),
    or None: nothing is shown before a round's offers went out."""
    return (
        Rondevoorstel.objects.filter(opvangvraag=vraag, ronde__status=RondeStatus.UITGEVOERD)
        .select_related("ronde")
        .order_by("-ronde__uitgevoerd", "-ronde_id")
        .first()
    )
