"""Choosing places in the request form: the family's ranked list of chosen locations, the
locations that fit its children and the care it asks for (nearest first), and what no longer fits.

Built from what the family typed so far, also when the rest of the form is not valid yet, so the
list can be shown and changed before sending (`loket.gezin.formulier` re-renders the form after
every "Toevoegen", "Hoger", "Lager" and "Weghalen", with or without htmx). The fit rules are
`loket.selectors.passen`, the same as the allocation rounds'; distances come from the centres of the
gemeenten (`huizen.selectors.afstanden_km`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from huizen.models import Gemeente, Huis
from huizen.selectors import afstanden_km
from loket.models import Opvanglocatie, SoortOpvang
from loket.selectors.passen import leeftijdsgroepen_bij_start, waarom_locatie_niet_past
from loket.services import MAX_VOORKEUREN

#: Which button changes the list and how (the button's value is the location's pk).
TOEVOEGEN = "keuze_toevoegen"
HOGER = "keuze_hoger"
LAGER = "keuze_lager"
WEGHALEN = "keuze_weghalen"
KNOPPEN = (TOEVOEGEN, HOGER, LAGER, WEGHALEN)


@dataclass(frozen=True)
class Kandidaat:
    """A location with its distance from the family's gemeente and, once chosen, why it does not
    fit (any more)."""

    locatie: Opvanglocatie
    afstand: float | None
    conflict: str = ""
    # the Huis whose loket manages the location, when it is not the family's own loket
    ander_loket: Huis | None = None

    @property
    def afstand_tekst(self) -> str:
        if self.afstand is None:
            return ""
        if self.afstand < 1:
            return _("in of vlak bij uw gemeente")
        return _("ongeveer %(km)s km van uw gemeente") % {"km": round(self.afstand)}


@dataclass
class Keuzelijst:
    gekozen: list[Kandidaat]
    beschikbaar: list[Kandidaat]  # fitting, not chosen, nearest first
    ontbreekt: list[str] = field(default_factory=list)  # what to fill in before we can filter
    woonplaats: Gemeente | None = None

    @property
    def conflicten(self) -> list[Kandidaat]:
        return [kandidaat for kandidaat in self.gekozen if kandidaat.conflict]

    @property
    def ontbreekt_tekst(self) -> str:
        """What to fill in first, as one phrase: "a, b en c"."""
        return get_text_list(self.ontbreekt, _("en"))

    @property
    def vol(self) -> bool:
        return len(self.gekozen) >= MAX_VOORKEUREN

    @property
    def niets_past(self) -> bool:
        """The family's facts are known and no location of the loket fits them."""
        return not self.ontbreekt and not self.beschikbaar and len(self.conflicten) == len(self.gekozen)

    @property
    def max_voorkeuren(self) -> int:
        return MAX_VOORKEUREN


def keuzelijst(
    locaties: Sequence[Opvanglocatie],
    *,
    gekozen: Iterable[int],
    geboortedata: Sequence[datetime.date],
    start: datetime.date | None,
    soort: str,
    woonplaats: Gemeente | None,
    thuisloket: Huis | None = None,
) -> Keuzelijst:
    """The list for the chosen location pks (in rank order; unknown ones are left out) and the
    facts typed so far (a missing one: nothing is filtered, nothing is a conflict yet).
    `thuisloket`: the loket the family registers at; a location of another loket nearby says
    which loket it belongs to."""
    ontbreekt = []
    if not geboortedata:
        ontbreekt.append(_("de geboortedatum van uw kind"))
    if start is None:
        ontbreekt.append(_("de gewenste startdatum"))
    if soort not in SoortOpvang.values:
        ontbreekt.append(_("welke opvang u zoekt"))
    groepen = leeftijdsgroepen_bij_start(geboortedata, start) if not ontbreekt else set()
    afstanden = afstanden_km(woonplaats, {locatie.gemeente_id for locatie in locaties}) if woonplaats else {}

    def kandidaat(locatie: Opvanglocatie) -> Kandidaat:
        conflict = "" if ontbreekt else waarom_locatie_niet_past(locatie, groepen=groepen, soort=soort)
        ander = locatie.huis if thuisloket is not None and locatie.huis_id != thuisloket.pk else None
        return Kandidaat(locatie, afstanden.get(locatie.gemeente_id), conflict, ander)

    per_pk = {locatie.pk: locatie for locatie in locaties}
    gekozen_pks = list(dict.fromkeys(pk for pk in gekozen if pk in per_pk))[:MAX_VOORKEUREN]
    beschikbaar = []
    if not ontbreekt:
        kandidaten = (kandidaat(locatie) for locatie in locaties if locatie.pk not in gekozen_pks)
        beschikbaar = [k for k in kandidaten if not k.conflict]
        beschikbaar.sort(key=lambda k: (k.afstand is None, k.afstand or 0, k.locatie.naam))
    return Keuzelijst(
        gekozen=[kandidaat(per_pk[pk]) for pk in gekozen_pks],
        beschikbaar=beschikbaar,
        ontbreekt=ontbreekt,
        woonplaats=woonplaats,
    )


def herschik(gekozen: list[int], knop: str, pk: int) -> tuple[list[int], int | None]:
    """The chosen pks after pressing `knop` for location `pk`, and the new position (from 0) of
    that location (None when it was taken out or could not be added)."""
    gekozen = list(dict.fromkeys(gekozen))
    if knop == TOEVOEGEN:
        if pk not in gekozen and len(gekozen) < MAX_VOORKEUREN:
            gekozen.append(pk)
        return gekozen, gekozen.index(pk) if pk in gekozen else None
    if pk not in gekozen:
        return gekozen, None
    positie = gekozen.index(pk)
    if knop == WEGHALEN:
        gekozen.remove(pk)
        return gekozen, None
    nieuw = max(positie - 1, 0) if knop == HOGER else min(positie + 1, len(gekozen) - 1)
    gekozen.insert(nieuw, gekozen.pop(positie))
    return gekozen, nieuw
