"""Reads of the lokets themselves: which loket serves a gemeente, a Huis's loket, and the list of
lokets with their areas for Opgroeien."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from huizen.models import Gemeente, Huis
from loket.models import Loket, Loketgebied


def loket_van_gemeente(gemeente: Gemeente, datum: datetime.date | None = None) -> Loket | None:
    """The loket whose area covers `gemeente` on `datum` (default today), with its host Huis;
    None when no loket serves it."""
    datum = datum or timezone.localdate()
    return Loket.objects.met_gemeente_op(gemeente, datum).select_related("huis").order_by("pk").first()


def loket_van_huis(huis: Huis) -> Loket | None:
    """The loket the Huis hosts, or None when it hosts none."""
    return Loket.objects.filter(huis_id=huis.pk).first()


def loketnaam(huis: Huis) -> str:
    """The name of the loket the Huis hosts (the Huis's name when it hosts none); no query when the
    loket was read along (`select_related("huis__loket")`)."""
    try:
        return huis.loket.naam
    except Loket.DoesNotExist:
        return huis.naam


def gebied_op(loket: Loket, datum: datetime.date | None = None) -> QuerySet[Gemeente]:
    """The gemeenten of the loket's area on `datum` (default today), by name."""
    return loket.gemeenten_op(datum).order_by("naam")


def gemeenten_van_huis_loket(huis: Huis, datum: datetime.date | None = None) -> QuerySet[Gemeente]:
    """The gemeenten of the area of the loket the Huis hosts on `datum` (none without a loket)."""
    datum = datum or timezone.localdate()
    ids = Loketgebied.objects.voor_huis(huis).geldig_op(datum).values("gemeente_id")
    return Gemeente.objects.filter(pk__in=ids).order_by("naam")


def lokets_met_gebied(datum: datetime.date | None = None) -> QuerySet[Loket]:
    """All lokets with their host, the Huizen they work with and their area on `datum` prefetched
    (`gebied_vandaag`: Loketgebied rows with their gemeente), by name. For Opgroeien's list."""
    datum = datum or timezone.localdate()
    return (
        Loket.objects.select_related("huis")
        .prefetch_related(
            Prefetch("huizen", queryset=Huis.objects.order_by("naam")),
            Prefetch(
                "gebied",
                queryset=Loketgebied.objects.geldig_op(datum)
                .select_related("gemeente")
                .order_by("gemeente__naam"),
                to_attr="gebied_vandaag",
            ),
        )
        .order_by("naam")
    )


def gebiedsrijen(loket: Loket) -> list[Loketgebied]:
    """Every row of the loket's area, past, present and planned, by gemeente and start."""
    return list(
        Loketgebied.objects.filter(loket=loket)
        .select_related("gemeente__cluster")
        .order_by("gemeente__naam", "geldig_van")
    )


def loket_voor_huis(huis: Huis, datum: datetime.date | None = None) -> Loket | None:
    """The loket families of the Huis's gemeenten register at: the one the Huis hosts, else the
    loket whose area covers one of its gemeenten on `datum` (default today; the first by name)."""
    eigen = loket_van_huis(huis)
    if eigen is not None:
        return eigen
    datum = datum or timezone.localdate()
    gemeenten = huis.gemeenten_op(datum).values("pk")
    ids = Loketgebied.objects.geldig_op(datum).filter(gemeente__in=gemeenten).values("loket_id")
    return Loket.objects.filter(pk__in=ids).select_related("huis").order_by("naam").first()


def overlappende_gebieden(gemeente: Gemeente, van: datetime.date | None, tot: datetime.date | None):
    """Area rows (of any loket) of the gemeente that share a day with [van, tot]."""
    rijen = Loketgebied.objects.filter(gemeente=gemeente)
    if tot is not None:
        rijen = rijen.filter(Q(geldig_van__isnull=True) | Q(geldig_van__lte=tot))
    if van is not None:
        rijen = rijen.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=van))
    return rijen.select_related("loket")
