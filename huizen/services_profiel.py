"""Writes of a Huis's profile that need more than one row: a location with its opening hours."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from huizen.models import Huis, Locatie, Openingsuur, Partner, Weekdag
from huizen.services import bewaar_onderdeel

ONDERDEEL_LOCATIES = "Locaties"


@dataclass(frozen=True, order=True)
class Uur:
    """One opening-hours row: on `weekdag` from `van` until `tot`."""

    weekdag: int
    van: datetime.time
    tot: datetime.time

    def __str__(self):
        return f"{self.van:%H:%M}–{self.tot:%H:%M}"


def overlappingen(uren: Iterable[Uur]) -> list[tuple[Uur, Uur]]:
    """Pairs (earlier, later) of rows on the same day whose times overlap (touching is fine)."""
    gevonden = []
    vorige: Uur | None = None
    for uur in sorted(uren):
        if vorige is not None and vorige.weekdag == uur.weekdag and uur.van < vorige.tot:
            gevonden.append((vorige, uur))
        if vorige is None or vorige.weekdag != uur.weekdag or uur.tot > vorige.tot:
            vorige = uur
    return gevonden


def controleer_openingsuren(uren: Iterable[Uur]) -> None:
    """ValidationError when a row closes before it opens or two rows of one day overlap."""
    uren = list(uren)
    fouten = [
        f"{Weekdag(uur.weekdag).label}: het sluitingsuur {uur.tot:%H:%M} ligt niet na het "
        f"openingsuur {uur.van:%H:%M}."
        for uur in uren
        if uur.tot <= uur.van
    ]
    fouten += [
        f"{Weekdag(later.weekdag).label}: {later} overlapt met {eerder}."
        for eerder, later in overlappingen(uren)
    ]
    if fouten:
        raise ValidationError({"openingsuren": fouten})


def openingsuren_als_tekst(uren: Iterable[Uur]) -> str:
    """The week as the history shows it: "maandag 09:00–12:00 en 13:00–17:00; woensdag …"."""
    per_dag: dict[int, list[Uur]] = {}
    for uur in sorted(uren):
        per_dag.setdefault(uur.weekdag, []).append(uur)
    return "; ".join(
        f"{Weekdag(dag).label} {' en '.join(str(u) for u in dag_uren)}" for dag, dag_uren in per_dag.items()
    )


def uren_van(locatie: Locatie) -> list[Uur]:
    if locatie.pk is None:
        return []
    return [
        Uur(o.weekdag, o.van, o.tot)
        for o in Openingsuur.objects.filter(locatie_id=locatie.pk).order_by("weekdag", "van")
    ]


@transaction.atomic
def bewaar_locatie(
    *,
    gebruiker,
    huis: Huis,
    locatie: Locatie,
    gegevens: dict,
    partners: Iterable[Partner],
    openingsuren: Iterable[Uur],
    verwachte_versie: int | None,
) -> Locatie:
    """Save a location of the Huis, its partners and its opening hours, as one change.

    The opening hours replace the location's current ones. Partners must be the Huis's own.
    Raises Conflict (someone else saved the location meanwhile) or ValidationError, and then
    nothing is changed.
    """
    partners = list(partners)
    uren = sorted(set(openingsuren))
    controleer_openingsuren(uren)
    if any(p.huis_id != huis.pk for p in partners):
        raise ValidationError({"partners": "Kies alleen partners van dit Huis."})
    oud = openingsuren_als_tekst(uren_van(locatie))
    nieuw = openingsuren_als_tekst(uren)
    locatie = bewaar_onderdeel(
        gebruiker=gebruiker,
        huis=huis,
        obj=locatie,
        gegevens=gegevens,
        onderdeel=ONDERDEEL_LOCATIES,
        verwachte_versie=verwachte_versie,
        m2m={"partners": partners},
        extra={"openingsuren": (oud or "–", nieuw or "–")},
    )
    if oud != nieuw:
        Openingsuur.objects.filter(locatie=locatie).delete()
        Openingsuur.objects.bulk_create(
            Openingsuur(locatie=locatie, weekdag=u.weekdag, van=u.van, tot=u.tot) for u in uren
        )
    return locatie
