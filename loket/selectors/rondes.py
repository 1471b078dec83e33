"""Reads for the allocation rounds: the requests and free places of a start-month cohort, the
rounds of a loket and the explanation a family reads on its private page."""

from __future__ import annotations

import calendar
import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from loket.models import (
    Aanbod,
    AanbodStatus,
    Flexibiliteit,
    Opvangvraag,
    RondeStatus,
    Rondevoorstel,
    Status,
    Toewijzingsronde,
    Voorkeur,
    VrijePlaats,
)
from loket.passen import leeftijdsgroepen_bij_start, plaats_past_bij_leeftijd
from loket.selectors import vrije_plaatsen_met_bezetting
from loket.termijnen import plus_maanden

FLEXIBILITEIT_MAANDEN = {
    Flexibiliteit.GEEN: 0,
    Flexibiliteit.EEN_MAAND: 1,
    Flexibiliteit.DRIE_MAANDEN: 3,
    Flexibiliteit.ZES_MAANDEN: 6,
}


def einde_maand(startmaand: datetime.date) -> datetime.date:
    return startmaand.replace(day=calendar.monthrange(startmaand.year, startmaand.month)[1])


def uiterste_start(vraag: Opvangvraag) -> datetime.date:
    """The latest start the family accepts: the wished start plus its flexibility."""
    return plus_maanden(vraag.gewenste_start, FLEXIBILITEIT_MAANDEN.get(vraag.flexibiliteit, 0))


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
    an active location of the Huis, starting no later than the end of the start month. Whether
    a family can take one is decided per family (`past`)."""
    return list(
        vrije_plaatsen_met_bezetting(
            VrijePlaats.objects.aangeboden().filter(
                locatie__huis=huis, locatie__actief=True, vanaf__lte=einde_maand(startmaand)
            )
        )
        .filter(vrij_aantal__gt=0)
        .select_related("locatie")
        .order_by("vanaf", "pk")
    )


def leeftijdsgroepen_bij(vraag: Opvangvraag, start: datetime.date) -> set[str]:
    return leeftijdsgroepen_bij_start((kind.geboortedatum for kind in vraag.kinderen.all()), start)


def past(vraag: Opvangvraag, plaats: VrijePlaats, startmaand: datetime.date) -> bool:
    """Whether the family can take the place: it starts in the start month or within the family's
    flexibility, the age group fits every child on the day care starts (the wished start or the
    place's first day, whichever is later), same full or half days, and every day the family
    asks for is among the place's days."""
    in_maand = startmaand <= plaats.vanaf <= einde_maand(startmaand)
    in_flexibiliteit = vraag.gewenste_start <= plaats.vanaf <= uiterste_start(vraag)
    if not (in_maand or in_flexibiliteit):
        return False
    groepen = leeftijdsgroepen_bij(vraag, max(vraag.gewenste_start, plaats.vanaf))
    if not plaats_past_bij_leeftijd(plaats.leeftijdsgroep, groepen):
        return False
    return plaats.dagdeel == vraag.dagdeel and set(vraag.dagen) <= set(plaats.dagen)


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
