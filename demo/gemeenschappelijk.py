"""What the demo data generators share: the demo Huizen's plan, the fixed names, rounding, the
stable draw of Huizen, and bringing rows to a plan.

The generators plan from the reference data and a seeded `random.Random` (nothing is written while
planning) and then write the plan: demo.huizen and demo.levensdomeinen for all Huizen at once,
demo.bevraging per survey wave, demo.loket per request (whose history is then played through the
loket's services). Running them again changes nothing.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.text import slugify

from huizen.models import Gemeente

if TYPE_CHECKING:
    from demo.huizen import Profielplan

#: The number of Huizen in the 2022 survey, and so of demo Huizen.
AANTAL_HUIZEN = 227
BRUSSEL_SLUG = "brussel"
#: The demo Huis whose logins exist (coordinator, loket staff).
DEMO_HUIS_SLUG = "gent"
#: The reserved domain of the demo logins and the demo Huizen's addresses.
DEMO_DOMEIN = "demo.huizenvanhetkind.test"


class Demodatafout(Exception):
    """The reference data does not match what the demo data expects."""


@dataclass
class Huisplan:
    """The plan of one demo Huis: what huizen plans for it, and levensdomeinen builds on."""

    naam: str
    cluster: int | None
    gemeenten: list[Gemeente]
    slug: str = ""
    velden: dict = field(default_factory=dict)
    subsidies: dict[int, Decimal] = field(default_factory=dict)
    profiel: Profielplan | None = None

    def __post_init__(self):
        self.slug = self.slug or slugify(self.naam.removeprefix("Huis van het Kind "))


def rond(getal: float) -> int:
    """Round half up (Python's round() rounds half to even)."""
    return math.floor(getal + 0.5)


# --- Names for the demo people and addresses ------------------------------------------------

STRATEN = (
    "Kerkstraat", "Stationsstraat", "Dorpsstraat", "Molenstraat", "Schoolstraat", "Nieuwstraat",
    "Kapelstraat", "Markt", "Grote Markt", "Marktplein", "Gemeenteplein", "Kasteelstraat",
    "Kloosterstraat", "Beekstraat", "Hoogstraat", "Veldstraat", "Pastorijstraat", "Zandstraat",
    "Brugstraat", "Lindenlaan", "Kouter", "Sint-Jansstraat", "Boomgaardstraat", "Meersstraat",
    "Processiestraat", "Statiestraat", "Koning Albertstraat", "Leopoldlaan", "Gasthuisstraat",
    "Parkstraat", "Torenstraat", "Smidsestraat", "Oude Baan", "Heirbaan", "Kerkplein", "Bosstraat",
    "Populierenlaan", "Berkenlaan", "Eikenlaan", "Akkerstraat", "Vrijheidstraat", "Sportlaan",
)  # fmt: skip
VOORNAMEN = (
    "An", "Annelies", "Bart", "Els", "Elke", "Evelien", "Filip", "Hanne", "Ilse", "Inge", "Jan",
    "Jolien", "Karen", "Katrien", "Kim", "Koen", "Lies", "Liesbeth", "Lotte", "Marijke", "Marleen",
    "Nathalie", "Nele", "Pieter", "Sara", "Sofie", "Stijn", "Tine", "Tom", "Veerle", "Wim",
    "Yasmina", "Fatima", "Ahmed", "Sanne", "Joke", "Griet", "Wouter", "Hilde", "Saskia", "Dries",
    "Femke", "Jasper", "Nina", "Ruben", "Emma", "Lara", "Mehmet", "Ines", "Charlotte",
)  # fmt: skip
ACHTERNAMEN = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
    "De Smet", "Hermans", "Aerts", "Vermeulen", "Van den Bossche", "Pauwels", "De Clercq",
    "Verhoeven", "Van Damme", "Lambrechts", "Smets", "Coppens", "Leemans", "Vandenberghe",
    "Michiels", "Martens", "Cools", "Claeys", "Stevens", "Van de Velde", "De Wilde", "Bogaerts",
    "Verstraete", "Segers", "Hendrickx", "Baert", "Devos", "Wuyts", "De Backer", "Verbeke",
    "El Amrani", "Yilmaz", "Vanneste", "Van Acker", "Dewulf", "Geerts",
)  # fmt: skip


# --- Drawing Huizen and writing rows ---------------------------------------------------------


def kies(
    rng: random.Random,
    kandidaten: list[Huisplan],
    aantal: int,
    gewicht: Callable[[Huisplan], float] | None = None,
    verplicht: Iterable[str] = (),
    voorrang: Callable[[Huisplan], float] | None = None,
    wat: str = "",
) -> list[Huisplan]:
    """`aantal` of `kandidaten`: the `verplicht` slugs first, then by `voorrang` (highest first),
    then drawn by `gewicht` (0 = never). One random number per candidate, so the draw is stable."""
    verplicht = set(verplicht)
    rangen = []
    for volgnummer, plan in enumerate(kandidaten):
        toeval = rng.random()
        w = gewicht(plan) if gewicht else 1.0
        if plan.slug in verplicht:
            sleutel = 2.0
        elif w <= 0:
            continue
        else:
            sleutel = toeval ** (1 / w)
        rangen.append(
            ((plan.slug in verplicht, voorrang(plan) if voorrang else 0, sleutel, -volgnummer), plan)
        )
    if len(rangen) < aantal:
        raise Demodatafout(f"De demogegevens kloppen niet: te weinig Huizen voor {wat or 'een keuze'}.")
    rangen.sort(key=lambda r: r[0], reverse=True)
    return [plan for _, plan in rangen[:aantal]]


def is_stad(plan: Huisplan) -> bool:
    """Brussel, the Grootsteden, the Centrumsteden and the Structuurondersteunende steden."""
    return plan.cluster in (None, 1, 3, 9)


def synchroniseer(
    model, bestaande: Iterable, sleutelvelden: tuple[str, ...], gewenst: dict[tuple, dict]
) -> set:
    """Bring the rows `bestaande` to `gewenst` (natural key -> field values): delete the rows not
    planned (and duplicates), update the changed ones (with a new version), create the missing.

    Returns the keys of the rows that were updated.
    """
    per_sleutel, weg = {}, []
    for rij in bestaande:
        sleutel = tuple(getattr(rij, veld) for veld in sleutelvelden)
        if sleutel in gewenst and sleutel not in per_sleutel:
            per_sleutel[sleutel] = rij
        else:
            weg.append(rij.pk)
    if weg:
        model.objects.filter(pk__in=weg).delete()
    nieuw, gewijzigd = [], set()
    versiebeheer = any(f.name == "versie" for f in model._meta.concrete_fields)
    for sleutel, waarden in gewenst.items():
        rij = per_sleutel.get(sleutel)
        if rij is None:
            nieuw.append(model(**dict(zip(sleutelvelden, sleutel, strict=True)), **waarden))
            continue
        anders = {veld: waarde for veld, waarde in waarden.items() if getattr(rij, veld) != waarde}
        if anders:
            if versiebeheer:
                anders["versie"] = rij.versie + 1
            werk_bij(model, rij.pk, anders)
            gewijzigd.add(sleutel)
    model.objects.bulk_create(nieuw, batch_size=500)
    return gewijzigd


def werk_bij(model, pk: int, velden: dict) -> None:
    """Update one row. One UPDATE per changed row: on SQLite far cheaper than bulk_update's CASE
    expressions, and after the first load hardly any demo row changes."""
    model.objects.filter(pk=pk).update(**velden)
