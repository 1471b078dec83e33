"""Priority rule sets (data) and how a family's priority at a place group is computed.

Rule sets are data (`model.Regelset`): a name, a validity period, per kind of place (income-related
tariff, free price) the ordered priority groups and the share of seats reserved for vulnerable
families. Two sets are shipped, see `REGELSET_2024` and `REGELSET_VOOR_2024`; a loket or a later
change of the rules adds a set, it does not edit the code of the algorithm.

Conventions (also in the round's documentation for staff):

* A family's priority rank at a place group is the position (0 = highest) of the first group of
  its profile it belongs to; a family in no group has rank `GEEN_VOORRANG`. A request is ranked by
  the rule set valid on the day it was submitted (`regelset_op`), so two requests of one round may
  be ranked by different sets: their ranks are compared as numbers, and a family without priority
  is always last. The loket must confirm this convention whenever a new set is added.
* The sibling criterion holds only at place groups of the location where the brother or sister
  already goes: the rank of one family can differ between the locations it chose.
* The reserve of a place group comes from the rule set valid on the day of the round (the
  `peildatum`): `reserveplaatsen(capaciteit, procent)` seats, rounded to the nearest whole seat,
  halves up (20% of 1 or 2 seats is 0, of 3 to 7 seats is 1, of 8 to 12 seats is 2).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable

from .model import Aanvrager, Criterium, OngeldigeInvoer, Profiel, Regelset, Voorranggroep

GEEN_VOORRANG = 99
GEEN_VOORRANG_NAAM = "geen voorrang"

_VOORRANG = (
    Criterium.ALLEENSTAANDE_OUDER,
    Criterium.LAAG_INKOMEN,
    Criterium.PLEEGKIND,
    Criterium.BROER_ZUS,
)

REGELSET_2024 = Regelset(
    code="2024",
    naam="Voorrangsregels vanaf 1 april 2024",
    geldig_van=datetime.date(2024, 4, 1),
    geldig_tot=None,
    inkomenstarief=Profiel(
        groepen=(
            Voorranggroep(
                code="werk_en_voorrang",
                naam="absolute voorrang (werk, opleiding of werk zoeken) en een voorrangskenmerk",
                alle=(Criterium.WERK,),
                een_van=_VOORRANG,
                absoluut=True,
            ),
            Voorranggroep(
                code="werk",
                naam="absolute voorrang (werk, opleiding of werk zoeken)",
                alle=(Criterium.WERK,),
                absoluut=True,
            ),
            Voorranggroep(
                code="voorrang",
                naam="voorrang (alleenstaande ouder, laag inkomen, pleegkind of broer of zus op de locatie)",
                een_van=_VOORRANG,
            ),
        ),
        reserve_procent=20,
    ),
    vrije_prijs=Profiel(),
    bron=(
        "Voorrangsregels voor plaatsen met een inkomensgerelateerd tarief zoals het loket ze sinds april "
        "2024 toepast: absolute voorrang voor gezinnen die opvang nodig hebben om te werken, werk te "
        "zoeken of een beroepsgerichte opleiding te volgen; daarna alleenstaande ouders, een laag "
        "gezinsinkomen, pleegkinderen en broers en zussen van een kind op de locatie; 20% van de "
        "plaatsen voorbehouden voor gezinnen in een kwetsbare situatie. Plaatsen met een vrije prijs: "
        "geen voorrangsgroepen. Door het loket te toetsen aan de geldende regelgeving."
    ),
)
"""The current set for income-tariff places (the rules as the loket applies them since 2024).

Within the absolute group, families that also have one of the other priority features come first
(the groups are lexicographic: work, then the other features). Free-price places have no priority
groups: registration order or lottery only. NOTE: the 2024 rules were partly annulled by the
Constitutional Court in 2025; the loket must check which set applies to which requests and adjust
the validity periods (or add a 2025 set) as data, the algorithm does not change."""

REGELSET_VOOR_2024 = Regelset(
    code="voor_2024",
    naam="Voorrangsregels tot 31 maart 2024",
    geldig_van=datetime.date(2014, 4, 1),
    geldig_tot=datetime.date(2024, 3, 31),
    inkomenstarief=Profiel(
        groepen=(
            Voorranggroep(
                code="broer_zus",
                naam="voorrang (broer of zus op de locatie)",
                een_van=(Criterium.BROER_ZUS,),
            ),
            Voorranggroep(
                code="voorrang",
                naam="voorrang (werk of opleiding, alleenstaande ouder, laag inkomen of pleegkind)",
                een_van=(
                    Criterium.WERK,
                    Criterium.ALLEENSTAANDE_OUDER,
                    Criterium.LAAG_INKOMEN,
                    Criterium.PLEEGKIND,
                ),
            ),
        ),
        reserve_procent=0,
    ),
    vrije_prijs=Profiel(),
    bron="Voorrangsregels van voor de wijziging van 2024; door het loket te toetsen aan de regelgeving.",
)
"""The earlier set (before the 2024 rules), kept to show how rule sets change by date.

PLAUSIBLE CONTENT, TO BE CHECKED BY THE LOKET against the text of the decree and its own
reglement before it is used for a real round: siblings first, then one group for the other
priority features (no absolute priority), and no reserve inside the allocation (the share of
vulnerable families was a target over the organiser's places, not a reserve per place group)."""

REGELSETS: tuple[Regelset, ...] = (REGELSET_VOOR_2024, REGELSET_2024)


def regelset_op(dag: datetime.date, regelsets: Iterable[Regelset] = REGELSETS) -> Regelset:
    """The rule set valid on `dag`; an error if none or more than one is."""
    geldig = [regelset for regelset in regelsets if regelset.geldig_op(dag)]
    if len(geldig) != 1:
        namen = ", ".join(regelset.code for regelset in geldig) or "geen"
        raise OngeldigeInvoer(f"Op {dag.isoformat()} moet precies één regelset gelden (nu: {namen}).")
    return geldig[0]


def kwetsbaar(kenmerken: Iterable[bool]) -> bool:
    """The five vulnerability features in their order: at least two, one among the first three
    (the same rule as `Opvangvraag.is_kwetsbaar`)."""
    kenmerken = [bool(kenmerk) for kenmerk in kenmerken]
    if len(kenmerken) != 5:
        raise ValueError("Er zijn vijf kwetsbaarheidskenmerken.")
    return any(kenmerken[:3]) and sum(kenmerken) >= 2


def reserveplaatsen(capaciteit: int, procent: int) -> int:
    """Seats of a place group reserved for vulnerable families: rounded to the nearest seat, halves up."""
    return (capaciteit * procent * 2 + 100) // 200


def criteria(aanvrager: Aanvrager, locatie: int | None) -> frozenset[Criterium]:
    """The criteria the family meets at a place group of `locatie`."""
    gevonden = set()
    if aanvrager.opvang_voor_werk:
        gevonden.add(Criterium.WERK)
    if aanvrager.alleenstaande_ouder:
        gevonden.add(Criterium.ALLEENSTAANDE_OUDER)
    if aanvrager.laag_inkomen:
        gevonden.add(Criterium.LAAG_INKOMEN)
    if aanvrager.pleegkind:
        gevonden.add(Criterium.PLEEGKIND)
    if aanvrager.kwetsbaar:
        gevonden.add(Criterium.KWETSBAAR)
    if locatie is not None and locatie in aanvrager.broer_zus_locaties:
        gevonden.add(Criterium.BROER_ZUS)
    return frozenset(gevonden)


def hoort_bij(groep: Voorranggroep, kenmerken: frozenset[Criterium]) -> bool:
    return all(c in kenmerken for c in groep.alle) and (
        not groep.een_van or any(c in kenmerken for c in groep.een_van)
    )


def rang(aanvrager: Aanvrager, profiel: Profiel, locatie: int | None) -> int:
    """The family's priority rank at a place group of `locatie` under `profiel` (0 = highest)."""
    kenmerken = criteria(aanvrager, locatie)
    for positie, groep in enumerate(profiel.groepen):
        if hoort_bij(groep, kenmerken):
            return positie
    return GEEN_VOORRANG


def groep_bij_rang(profiel: Profiel, positie: int) -> Voorranggroep | None:
    return profiel.groepen[positie] if positie < len(profiel.groepen) else None


def trek_lotnummers(aanvrager_ids: Iterable[int], seed: int | str) -> dict[int, int]:
    """One lottery number (1..n) per request, drawn from `seed`: the same ids and seed always give
    the same numbers (the ids are sorted first, so their order does not matter)."""
    ids = sorted(set(aanvrager_ids))
    volgorde = list(ids)
    random.Random(seed).shuffle(volgorde)  # noqa: S311 - a recorded, replayable draw, not a secret
    return {aanvrager_id: nummer for nummer, aanvrager_id in enumerate(volgorde, start=1)}
