"""Reads of the Huizen as they were in a wave: their gemeenten, werking, VRIND clusters, provinces
and physical location (ja / gepland / nee) on the wave's reference date (`peildatum_van`).

A closed wave keeps them (`Golfhuis`, written by `bevraging.services.leg_golfkenmerken_vast`);
for a Huis without kept attributes (an open wave, or a closed one before they were kept) they are
computed here on that same date, the same way:
- the gemeenten of its werkingsgebied valid on the date; intermunicipal with more than one
  (`kern.cijfers.werking_van`); in every VRIND cluster and provincie of those gemeenten;
- the physical location from its own answer in the wave to `toegankelijkheid.fysieke_locatie`
  (een/meerdere or 2016's ja: ja; gepland; niet_gepland or 2016's nee: nee), and without an answer
  from its profile (a Locatie: ja; else whether it plans one).

A fixed number of queries, whatever the number of Huizen.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone

from bevraging.models import (
    FYSIEKE_LOCATIE_UIT_ANTWOORD,
    FYSIEKE_LOCATIE_VRAAG,
    Antwoord,
    Fysiekelocatie,
    Golf,
    Golfhuis,
)
from huizen.models import Gemeente, Huis, Locatie, Werkingsgebied
from kern.cijfers import werking_van


@dataclass(frozen=True)
class Huiskenmerken:
    """A Huis as it was in a wave."""

    huis_id: int
    peildatum: datetime.date
    gemeenten: tuple[Gemeente, ...]
    werking: str
    clusters: tuple[int, ...]
    provincies: tuple[str, ...]
    fysieke_locatie: str
    vastgelegd: bool  # kept for the wave (True) or computed now (False)


def peildatum_van(golf: Golf) -> datetime.date:
    """The day a wave's Huizen are taken as they were: its end, else the day it closed, else today."""
    if golf.eind:
        return golf.eind
    if golf.afgesloten_op:
        return timezone.localdate(golf.afgesloten_op)
    return timezone.localdate()


def kenmerken_op(golf: Golf, huis_ids: Iterable[int], peildatum: datetime.date) -> dict[int, Huiskenmerken]:
    """The attributes of these Huizen in the wave, computed on `peildatum` (four queries)."""
    ids = set(huis_ids)
    if not ids:
        return {}
    gemeenten: dict[int, list[Gemeente]] = {pk: [] for pk in ids}
    for rij in (
        Werkingsgebied.objects.geldig_op(peildatum)
        .filter(huis_id__in=ids)
        .select_related("gemeente__cluster")
        .order_by("gemeente__naam")
    ):
        if rij.gemeente not in gemeenten[rij.huis_id]:
            gemeenten[rij.huis_id].append(rij.gemeente)
    antwoorden = dict(
        Antwoord.objects.filter(
            respons__golf=golf, respons__huis_id__in=ids, vraag__sleutel=FYSIEKE_LOCATIE_VRAAG
        ).values_list("respons__huis_id", "waarde")
    )
    locaties = dict(
        Locatie.objects.filter(huis_id__in=ids)
        .order_by()
        .values("huis_id")
        .annotate(n=Count("pk"))
        .values_list("huis_id", "n")
    )
    gepland = set(Huis.objects.filter(pk__in=ids, fysieke_locatie_gepland=True).values_list("pk", flat=True))
    resultaat = {}
    for pk in ids:
        eigen = gemeenten[pk]
        fysiek = FYSIEKE_LOCATIE_UIT_ANTWOORD.get(str(antwoorden.get(pk)))
        if fysiek is None:
            if locaties.get(pk):
                fysiek = Fysiekelocatie.JA
            else:
                fysiek = Fysiekelocatie.GEPLAND if pk in gepland else Fysiekelocatie.NEE
        resultaat[pk] = Huiskenmerken(
            huis_id=pk,
            peildatum=peildatum,
            gemeenten=tuple(eigen),
            werking=werking_van(len(eigen)).value,
            clusters=tuple(sorted({g.cluster.nummer for g in eigen if g.cluster_id})),
            provincies=tuple(sorted({g.provincie for g in eigen})),
            fysieke_locatie=str(fysiek),
            vastgelegd=False,
        )
    return resultaat


def kenmerken_van_golf(golf: Golf, huis_ids: Iterable[int]) -> dict[int, Huiskenmerken]:
    """The attributes of these Huizen in the wave: those it kept, the others computed on its
    reference date (six queries at most)."""
    ids = set(huis_ids)
    if not ids:
        return {}
    vastgelegd = {
        g.huis_id: Huiskenmerken(
            huis_id=g.huis_id,
            peildatum=g.peildatum,
            gemeenten=tuple(g.gemeenten_toen),
            werking=g.werking,
            clusters=tuple(int(c) for c in g.clusters),
            provincies=tuple(g.provincies),
            fysieke_locatie=g.fysieke_locatie,
            vastgelegd=True,
        )
        for g in Golfhuis.objects.filter(golf=golf, huis_id__in=ids).prefetch_related(
            Prefetch("gemeenten", queryset=Gemeente.objects.order_by("naam"), to_attr="gemeenten_toen")
        )
    }
    rest = ids - set(vastgelegd)
    return {**vastgelegd, **kenmerken_op(golf, rest, peildatum_van(golf))}


def fusies_sinds(gemeenten: Iterable[Gemeente]) -> list[tuple[str, str]]:
    """The gemeenten among these that merged since, each with the gemeente it is part of today
    ("Nevele", "Deinze"), by name; a comparison of waves counts them under today's."""
    oud = {g.pk: g for g in gemeenten if g.opvolger_id}
    return sorted({(g.naam, g.huidige_gemeente().naam) for g in oud.values()})
