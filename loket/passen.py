"""Whether childcare fits a family: the one definition of the fit rules on the children's age and
the kind of care, used by the allocation rounds (`loket.selectors.rondes.past`, a free place) and
by the request form (`locatie_past`, a location the family may choose).

A child's age group is the one on the day care starts (`Leeftijdsgroep.bij_start`). A free place
is for one age group, so it fits only when every child is in that group; a location fits when it
has places for every child's age group and offers the kind of care the family asks for (group
care and family care for babies and toddlers are interchangeable there, after-school care is not).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from loket.models import Leeftijdsgroep, Opvanglocatie, SoortOpvang

BABY_EN_PEUTER = frozenset({SoortOpvang.GROEPSOPVANG.value, SoortOpvang.GEZINSOPVANG.value})


def leeftijdsgroepen_bij_start(geboortedata: Iterable[datetime.date], start: datetime.date) -> set[str]:
    """The age groups of children born on these dates on the day care starts."""
    return {Leeftijdsgroep.bij_start(geboortedatum, start) for geboortedatum in geboortedata}


def plaats_past_bij_leeftijd(plaatsgroep: str, groepen: set[str]) -> bool:
    """A free place for `plaatsgroep` fits children in `groepen` only when all are in that group."""
    return groepen == {plaatsgroep}


def soort_past(gezocht: str, soort: str) -> bool:
    """Whether a location offering `soort` gives the kind of care the family asks for."""
    return soort == gezocht or {soort, gezocht} <= BABY_EN_PEUTER


def waarom_locatie_niet_past(locatie: Opvanglocatie, *, groepen: set[str], soort: str) -> str:
    """Why the location does not fit children in age groups `groepen` (on the wished start) asking
    for `soort`, in a plain sentence for the family; "" when it fits."""
    if not soort_past(soort, locatie.soort):
        return _("Deze opvang biedt %(soort)s, niet de opvang die u zoekt (%(gezocht)s).") % {
            "soort": locatie.get_soort_display(),
            "gezocht": SoortOpvang(soort).label,
        }
    for groep in sorted(groepen):
        if not locatie.capaciteit(groep):
            return _(
                "Deze opvang heeft geen plaatsen voor een %(groep)s, en zo oud is uw kind op de "
                "gewenste startdatum."
            ) % {"groep": Leeftijdsgroep(groep).label}
    return ""


def locatie_past(locatie: Opvanglocatie, *, groepen: set[str], soort: str) -> bool:
    return not waarom_locatie_niet_past(locatie, groepen=groepen, soort=soort)
