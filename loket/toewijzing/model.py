"""The data of an allocation round: what goes in, what comes out. Plain frozen dataclasses.

Identifiers are the integer primary keys of the portal's rows: an applicant (`Aanvrager`) is one
`Opvangvraag` (a family's request, possibly for several children registered together), a place
group (`Plaatsgroep`) is one `VrijePlaats` row (a location x age group x day pattern x start date
with a number of free seats), a location is an `Opvanglocatie`. Nothing here knows Django.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Criterium(enum.StrEnum):
    """A family feature a priority group can ask for (KWETSBAAR also decides who may take the
    reserved seats)."""

    WERK = "opvang_voor_werk"  # care needed to work, to look for work or for job-oriented training
    ALLEENSTAANDE_OUDER = "alleenstaande_ouder"
    LAAG_INKOMEN = "laag_inkomen"
    PLEEGKIND = "pleegkind"
    BROER_ZUS = "broer_zus"  # a brother or sister already goes to the location of the place group
    KWETSBAAR = "kwetsbaar"  # at least 2 of the 5 vulnerability features, one among the first three


@dataclass(frozen=True, slots=True)
class Voorranggroep:
    """A priority group: the families that have every criterion in `alle` and, if `een_van` is not
    empty, at least one in `een_van`. `absoluut` marks absolute priority (it is only a word for the
    explanation: the order of the groups in the profile decides)."""

    code: str
    naam: str
    alle: tuple[Criterium, ...] = ()
    een_van: tuple[Criterium, ...] = ()
    absoluut: bool = False


@dataclass(frozen=True, slots=True)
class Profiel:
    """The rules for one kind of place (income-related tariff or free price): the priority groups,
    highest first, and the share of each place group's seats reserved for vulnerable families."""

    groepen: tuple[Voorranggroep, ...] = ()
    reserve_procent: int = 0

    def __post_init__(self):
        if len(self.groepen) >= 99:
            raise ValueError("Hoogstens 98 voorranggroepen.")
        if not 0 <= self.reserve_procent <= 100:
            raise ValueError("Het reservepercentage ligt tussen 0 en 100.")


@dataclass(frozen=True, slots=True)
class Regelset:
    """A set of priority rules with its validity period (both ends included; `geldig_tot` None:
    still valid). A request is ranked by the set valid on the day it was submitted; the reserve of
    the place groups comes from the set valid on the day of the round."""

    code: str
    naam: str
    geldig_van: datetime.date
    geldig_tot: datetime.date | None
    inkomenstarief: Profiel
    vrije_prijs: Profiel = field(default_factory=Profiel)
    bron: str = ""

    def geldig_op(self, dag: datetime.date) -> bool:
        return self.geldig_van <= dag and (self.geldig_tot is None or dag <= self.geldig_tot)

    def profiel(self, inkomenstarief: bool) -> Profiel:
        return self.inkomenstarief if inkomenstarief else self.vrije_prijs


class OngeldigeInvoer(ValueError):
    """The input of a round is not consistent (unknown place group, double id, ...)."""


class Volgorde(enum.StrEnum):
    """How families in the same priority group are ordered (configurable per loket)."""

    INSCHRIJVING = "inschrijving"  # date and time of registration, earliest first
    LOTING = "loting"  # one lottery number per request, lowest first, drawn from a recorded seed


@dataclass(frozen=True, slots=True)
class Aanvrager:
    """One request (family). `plaatsen` is the number of children that must be placed together.
    `keuzes` are acceptable place groups, best first. `broer_zus_locaties` are the locations where
    a brother or sister already goes (the sibling priority is per location). `ingediend` is the
    local (Europe/Brussels) submission time: its date chooses the rule set. `kwetsbaar` is
    `Opvangvraag.is_kwetsbaar` (see `voorrang.kwetsbaar`)."""

    id: int
    keuzes: tuple[int, ...]
    ingediend: datetime.datetime
    plaatsen: int = 1
    lotnummer: int | None = None
    opvang_voor_werk: bool = False
    alleenstaande_ouder: bool = False
    laag_inkomen: bool = False
    pleegkind: bool = False
    broer_zus_locaties: tuple[int, ...] = ()
    kwetsbaar: bool = False

    def __post_init__(self):
        if self.plaatsen < 1:
            raise OngeldigeInvoer(f"Aanvraag {self.id} vraagt minstens één plaats.")
        if len(set(self.keuzes)) != len(self.keuzes):
            raise OngeldigeInvoer(f"Aanvraag {self.id} kiest een plaatsgroep twee keer.")


@dataclass(frozen=True, slots=True)
class Plaatsgroep:
    """Free seats of one location for one age group, day pattern and start date."""

    id: int
    locatie: int
    capaciteit: int
    inkomenstarief: bool = True
    naam: str = ""


@dataclass(frozen=True)
class Invoer:
    """Everything a round needs; stored with the round, it replays to the same result.

    `peildatum` is the day of the round (it chooses the rule set for the reserve of the place
    groups). With `Volgorde.LOTING` either every applicant carries a `lotnummer`, or none does and
    `seed` is set: the numbers are then drawn from the seed (`voorrang.trek_lotnummers`).
    `regelsets` empty means the shipped rule sets (`voorrang.REGELSETS`)."""

    aanvragers: tuple[Aanvrager, ...]
    plaatsgroepen: tuple[Plaatsgroep, ...]
    peildatum: datetime.date
    volgorde: Volgorde = Volgorde.INSCHRIJVING
    seed: int | str | None = None
    regelsets: tuple[Regelset, ...] = ()


class Reden(enum.StrEnum):
    """Why a choice ranked above the family's outcome did not go to the family."""

    GEEN_VRIJE_PLAATSEN = "geen_vrije_plaatsen"  # the place group had no free seats at all
    ABSOLUTE_VOORRANG = "absolute_voorrang"  # the seats went to families with absolute priority
    HOGERE_VOORRANG = "hogere_voorrang"  # ... to families in a higher priority group
    EERDER_INGESCHREVEN = "eerder_ingeschreven"  # ... same group, registered earlier
    LAGER_LOTNUMMER = "lager_lotnummer"  # ... same group, lower lottery number
    SAMEN_PLAATSEN = "samen_plaatsen"  # seats were left, but not enough for all the children together
    GERESERVEERD = "gereserveerd"  # the seats left were reserved for vulnerable families
    NAZIEN = "nazien"  # the round could not settle this choice: staff must look at it


class KeuzeUitleg(NamedTuple):
    """Why one choice (ranked above the outcome) went to others. Its rank is its place in
    `Uitleg.keuzes` (the first is the family's first choice), so one explanation is shared by every
    family that ranked the same place group, at whatever rank, for the same reason."""

    plaatsgroep: int
    reden: Reden
    groep: str  # the family's priority group at this place group ("geen voorrang" if none)
    groep_grens: str | None = None  # for the priority reasons: the group of the last family in


class Uitleg(NamedTuple):
    """The explanation data of one family: its outcome and, for every choice above it, why not.
    A named tuple like `KeuzeUitleg`: a round makes one per family, so it must be cheap to build."""

    aanvrager: int
    plaatsgroep: int | None
    rang: int | None
    keuzes: tuple[KeuzeUitleg, ...]
    plaatsen: int
    regelset: str
    samen_onmogelijk: bool  # children to place together, no place, and seats were short for them


@dataclass(frozen=True)
class Resultaat:
    """The proposal of a round. `toewijzing` maps every applicant id (in id order) to its place
    group id or None. `stabiel` is False only if the sibling rule left a blocking pair the round
    could not settle (`blokkerende_paren`, to be reviewed by staff). Explanations are computed on
    demand from the final state (`uitleg`, `alle_uitleg`)."""

    toewijzing: Mapping[int, int | None]
    stabiel: bool
    blokkerende_paren: tuple[tuple[int, int], ...]
    terugroepingen: int
    regelset_plaatsen: str
    _staat: Any = field(repr=False, compare=False)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def uitleg(self, aanvrager_id: int) -> Uitleg:
        return self._staat.uitleg(aanvrager_id)

    def alle_uitleg(self) -> dict[int, Uitleg]:
        """The explanation of every applicant, by id: worked out once and kept, so every call
        returns the same dict (not to be changed)."""
        if "alle_uitleg" not in self._cache:
            self._cache["alle_uitleg"] = self._staat.alle_uitleg()
        return self._cache["alle_uitleg"]

    @property
    def niet_samen(self) -> tuple[int, ...]:
        """Families with several children that got no place, and at least one of whose choices
        was refused because there were not enough seats for all the children together (seats were
        left after the families with a better key, but fewer than the children; or the place
        group has fewer seats than the children): "uw kinderen konden bij geen van uw keuzes
        samen geplaatst worden". Read from the explanations (`Uitleg.samen_onmogelijk`)."""
        return tuple(aanvrager_id for aanvrager_id, u in self.alle_uitleg().items() if u.samen_onmogelijk)

    @property
    def bezetting(self) -> dict[int, int]:
        """Seats taken per place group id (all place groups, in id order)."""
        return self._staat.bezetting()
