"""Reads of the huizen app: finding gemeenten and Huizen, and the overviews built on them."""

from __future__ import annotations

import datetime
import re

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from huizen.models import (
    Contactpunt,
    Deelgemeente,
    Gemeente,
    Huis,
    Locatie,
    Openingsuur,
    Partner,
    Postcode,
    Werkingsgebied,
    geldig_op_filter,
)

POSTCODE = re.compile(r"^\d{4}$")
MAX_GEMEENTEN_IN_ZOEKRESULTAAT = 25


def _vandaag(datum: datetime.date | None) -> datetime.date:
    return datum or timezone.localdate()


def _huidige_gemeenten(gemeenten) -> list[Gemeente]:
    """Map gemeenten onto today's (following mergers), without duplicates, sorted by name."""
    vandaag = timezone.localdate()
    gevonden = {}
    for gemeente in gemeenten:
        huidig = gemeente.huidige_gemeente()
        if huidig.is_geldig_op(vandaag):
            gevonden[huidig.pk] = huidig
    return sorted(gevonden.values(), key=lambda g: g.naam)


def zoek_gemeenten(zoekterm: str) -> list[Gemeente]:
    """Today's gemeenten that match a postcode, a gemeente (also a merged one) or a place name.

    A postcode or place name can lead to more than one gemeente; the caller asks which one.
    """
    zoekterm = " ".join(zoekterm.split())[:100]
    if not zoekterm:
        return []
    if POSTCODE.match(zoekterm):
        postcodes = Postcode.objects.filter(postcode=zoekterm).select_related("gemeente__opvolger")
        return _huidige_gemeenten(p.gemeente for p in postcodes)

    exact = list(Gemeente.objects.filter(naam__iexact=zoekterm).select_related("opvolger"))
    exact += [
        d.gemeente for d in Deelgemeente.objects.filter(naam__iexact=zoekterm).select_related("gemeente")
    ]
    exact += [p.gemeente for p in Postcode.objects.filter(plaats__iexact=zoekterm).select_related("gemeente")]
    if exact:
        return _huidige_gemeenten(exact)
    deel = Gemeente.objects.huidig().filter(naam__icontains=zoekterm)[:MAX_GEMEENTEN_IN_ZOEKRESULTAAT]
    return list(deel)


def huidige_gemeenten() -> list[tuple[str, str]]:
    """(NIS code, name) of today's gemeenten, for a filter."""
    return list(Gemeente.objects.huidig().order_by("naam").values_list("nis", "naam"))


def gemeente_op_nis(nis: str) -> Gemeente | None:
    return Gemeente.objects.huidig().filter(nis=nis).first()


def huizen_in_gemeente(gemeente: Gemeente, datum: datetime.date | None = None) -> QuerySet[Huis]:
    """The Huizen whose werkingsgebied covers the gemeente on `datum` (default today)."""
    datum = _vandaag(datum)
    huis_ids = Werkingsgebied.objects.geldig_op(datum).filter(gemeente=gemeente).values("huis_id")
    return Huis.objects.filter(pk__in=huis_ids).order_by("naam")


def publieke_huizen(
    *, datum: datetime.date | None = None, provincie: str = "", gemeente: Gemeente | None = None
) -> QuerySet[Huis]:
    """All Huizen with their gemeenten on `datum` prefetched as `gemeenten_vandaag`."""
    datum = _vandaag(datum)
    huizen = Huis.objects.met_werkingsgebied_op(datum).prefetch_related(
        Prefetch(
            "gemeenten",
            queryset=Gemeente.objects.filter(geldig_op_filter(datum, "werkingsgebied__"))
            .order_by("naam")
            .distinct(),
            to_attr="gemeenten_vandaag",
        )
    )
    actief = Werkingsgebied.objects.geldig_op(datum)
    if provincie:
        huizen = huizen.filter(pk__in=actief.filter(gemeente__provincie=provincie).values("huis_id"))
    if gemeente is not None:
        huizen = huizen.filter(pk__in=actief.filter(gemeente=gemeente).values("huis_id"))
    return huizen.order_by("naam")


def met_publiek_profiel(huizen: QuerySet[Huis]) -> QuerySet[Huis]:
    """Prefetch what the public may see of a Huis's profile: locations with their opening hours,
    gemeente and partners, contact points and partners (never contact persons or coordinators)."""
    return huizen.prefetch_related(
        Prefetch(
            "locaties",
            queryset=Locatie.objects.select_related("gemeente").prefetch_related(
                Prefetch("openingsuren", queryset=Openingsuur.objects.order_by("weekdag", "van")),
                Prefetch("partners", queryset=Partner.objects.order_by("naam")),
            ),
        ),
        Prefetch("contactpunten", queryset=Contactpunt.objects.order_by("soort", "waarde")),
        Prefetch("partners", queryset=Partner.objects.order_by("-kernpartner", "naam")),
    )


def publiek_huis_kort(slug: str) -> Huis | None:
    """A Huis by its slug, without its profile (e.g. to serve its logo)."""
    return Huis.objects.filter(slug=slug).first()


def publiek_huis(slug: str) -> Huis | None:
    return met_publiek_profiel(publieke_huizen()).filter(slug=slug).first()


def publieke_locaties(*, gemeente: str = "", nis: str = "") -> QuerySet[Locatie]:
    """All physical locations of all Huizen, for the open API."""
    locaties = Locatie.objects.select_related("huis", "gemeente").prefetch_related(
        Prefetch("openingsuren", queryset=Openingsuur.objects.order_by("weekdag", "van"))
    )
    if gemeente:
        locaties = locaties.filter(gemeente__naam__iexact=gemeente)
    if nis:
        locaties = locaties.filter(gemeente__nis=nis)
    return locaties.order_by("huis__naam", "naam", "pk")


def werkingsgebied_historiek(huis: Huis) -> QuerySet[Werkingsgebied]:
    return huis.werkingsgebied.select_related("gemeente").order_by("gemeente__naam", "geldig_van")
