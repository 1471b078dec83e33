"""Reads of possible duplicate requests (`loket.services.dubbels`) for the lokets concerned.

A flag is seen by the loket staff of either request's Huis. Through the flag a loket reads only
what it needs to judge the other loket's request (children's first names and birth dates,
parents, contact data, gemeente, dates, status, chosen locations), read-only; the views log every
view (`services.log_inzage_van`).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from kern.tenancy import Rol, huis_ids_van
from loket.models import DubbelAfhandeling, MogelijkDubbel, Opvangvraag, Voorkeur


def dubbels_van_loket(huis, user) -> QuerySet[MogelijkDubbel]:
    """The flags about a request of `huis` the user may see: open ones first, newest first."""
    return (
        MogelijkDubbel.objects.zichtbaar_voor(user)
        .voor_huis(huis)
        .select_related("nieuw__huis", "bestaand__huis", "afgehandeld_door", "behouden")
        .prefetch_related("nieuw__kinderen", "bestaand__kinderen")
        .order_by("-afhandeling", "-gevonden", "-pk")
    )


def aantal_open_dubbels(huis, user) -> int:
    return (
        MogelijkDubbel.objects.zichtbaar_voor(user)
        .voor_huis(huis)
        .filter(afhandeling=DubbelAfhandeling.OPEN)
        .count()
    )


def vragen_om_te_vergelijken(dubbel: MogelijkDubbel, user) -> list[Opvangvraag]:
    """Both requests of a flag the user may see (`dubbels_van_loket`), earliest registered first,
    with what the comparison shows; `eigen` tells whether the user's loket holds it."""
    eigen_huizen = set(huis_ids_van(user, [Rol.LOKET]).values_list("huis_id", flat=True))
    vragen = list(
        Opvangvraag.objects.filter(pk__in=[dubbel.nieuw_id, dubbel.bestaand_id])
        .select_related("huis", "gemeente")
        .prefetch_related(
            "kinderen",
            "ouders",
            Prefetch("voorkeuren", queryset=Voorkeur.objects.select_related("locatie").order_by("rang")),
        )
        .order_by("ingediend", "pk")
    )
    for vraag in vragen:
        vraag.eigen = vraag.huis_id in eigen_huizen
    return vragen
