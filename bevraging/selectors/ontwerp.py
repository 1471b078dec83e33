"""Reads of preparing a wave: the draft questionnaire with its retired questions and the history
of each change (bevraging/views_vragenlijst.py)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from bevraging.models import (
    MET_OPTIES,
    Antwoordoptie,
    Golf,
    Vraag,
    Vraagkoppeling,
    Vraagwijziging,
    Vragenlijst,
)


def golven_met_vragenlijst() -> QuerySet[Golf]:
    """The waves whose questionnaire can be copied, latest first."""
    return Golf.objects.filter(vragenlijst__isnull=False).order_by("-jaar")


def wijzigingen_per_vraag(vragenlijst: Vragenlijst) -> dict[int, list[Vraagwijziging]]:
    """The recorded changes of every question of the version, oldest first, by question id."""
    per_vraag: dict[int, list[Vraagwijziging]] = {}
    for wijziging in Vraagwijziging.objects.filter(vraag__vragenlijst=vragenlijst).select_related("door"):
        per_vraag.setdefault(wijziging.vraag_id, []).append(wijziging)
    return per_vraag


def vraag_in(golf: Golf, sleutel: str) -> Vraag | None:
    """A question of the wave by key, retired or not, with theme, options and skip-logic parent."""
    return (
        Vraag.objects.filter(vragenlijst__golf=golf, sleutel=sleutel)
        .select_related("thema", "vragenlijst", "afhankelijk_van")
        .prefetch_related(
            Prefetch("antwoordopties", queryset=Antwoordoptie.objects.order_by("volgorde", "pk")),
            Prefetch(
                "afhankelijk_van__antwoordopties", queryset=Antwoordoptie.objects.order_by("volgorde", "pk")
            ),
        )
        .first()
    )


def mogelijke_voorwaarden(vraag: Vraag) -> QuerySet[Vraag]:
    """The questions `vraag` can depend on: asked, with options, and before it in the questionnaire."""
    eerder = Q(thema__volgorde__lt=vraag.thema.volgorde) | Q(
        thema__volgorde=vraag.thema.volgorde, volgorde__lt=vraag.volgorde
    )
    return (
        Vraag.objects.filter(
            eerder, vragenlijst_id=vraag.vragenlijst_id, ingetrokken=False, type__in=MET_OPTIES
        )
        .exclude(pk=vraag.pk)
        .select_related("thema")
        .prefetch_related(
            Prefetch("antwoordopties", queryset=Antwoordoptie.objects.order_by("volgorde", "pk"))
        )
        .order_by("thema__volgorde", "volgorde", "pk")
    )


def koppelingen_naar(vraag: Vraag) -> QuerySet[Vraagkoppeling]:
    """How earlier waves' questions map onto this one."""
    return Vraagkoppeling.objects.filter(naar_vraag=vraag).select_related("van_vraag__vragenlijst__golf")
