"""Whether childcare fits a family's request: the one definition of the allocation rounds
(`loket.services.rondes`), of an offer the loket makes by hand (`loket.services.doe_aanbod`) and
of the locations a family may choose in its registration (`locatie_past`).

A place fits when every rule holds:

* kind of care: after-school care for an after-school request, care for babies and toddlers
  (group or family care) for the others, as the registration form checks the chosen locations;
* age at the start: every child is in the place's age group on the day care starts (the wished
  start or the place's first day, whichever is later);
* start: the place's first day lies in the start window (`startvenster`);
* full or half days as the family asks;
* days of the week: every day the family asks for is one of the place's days.

`afwijkingen` says, in plain Dutch, which rules a place breaks; `past` only whether it fits, and
stops at the first broken rule (a round asks it for every family and place).

A location (before any free place is known) fits when it offers the kind of care asked for and
has places for every child's age group on the wished start.
"""

from __future__ import annotations

import calendar
import datetime
import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from loket.models import (
    Flexibiliteit,
    Leeftijdsgroep,
    Opvanglocatie,
    Opvangvraag,
    SoortOpvang,
    VrijePlaats,
    dagen_tekst,
)
from loket.termijnen import plus_maanden

FLEXIBILITEIT_MAANDEN = {
    Flexibiliteit.GEEN: 0,
    Flexibiliteit.EEN_MAAND: 1,
    Flexibiliteit.DRIE_MAANDEN: 3,
    Flexibiliteit.ZES_MAANDEN: 6,
}


class Regel(enum.StrEnum):
    """A fit rule, with its name in the staff's words (`naam`)."""

    SOORT = "soort"
    LEEFTIJD = "leeftijd"
    START = "start"
    DAGDEEL = "dagdeel"
    DAGEN = "dagen"

    @property
    def naam(self) -> str:
        return str(REGELNAMEN[self])


REGELNAMEN = {
    Regel.SOORT: gettext_lazy("soort opvang"),
    Regel.LEEFTIJD: gettext_lazy("leeftijd bij de start"),
    Regel.START: gettext_lazy("startdatum"),
    Regel.DAGDEEL: gettext_lazy("volle of halve dagen"),
    Regel.DAGEN: gettext_lazy("dagen van de week"),
}


@dataclass(frozen=True)
class Afwijking:
    """A rule the place breaks, and why in one sentence."""

    regel: Regel
    tekst: str

    @property
    def naam(self) -> str:
        return self.regel.naam


def _datum(dag: datetime.date) -> str:
    return date_format(dag, "j F Y")


def einde_maand(startmaand: datetime.date) -> datetime.date:
    return startmaand.replace(day=calendar.monthrange(startmaand.year, startmaand.month)[1])


def uiterste_start(vraag: Opvangvraag) -> datetime.date:
    """The latest start the family accepts: the wished start plus its flexibility."""
    return plus_maanden(vraag.gewenste_start, FLEXIBILITEIT_MAANDEN.get(vraag.flexibiliteit, 0))


def startvenster(
    vraag: Opvangvraag, startmaand: datetime.date | None = None
) -> tuple[datetime.date, datetime.date]:
    """The first and last day a place may start on for this family.

    In the round of `startmaand`: a start in that month, or from the wished start up to the wished
    start plus the family's flexibility (the two periods overlap for every request of the round's
    cohort). Without a start month (an offer by hand): what any round the request takes part in
    accepts, from the first day of the wished start's month to the last day of the month of the
    latest start."""
    if startmaand is None:
        return vraag.gewenste_start.replace(day=1), einde_maand(uiterste_start(vraag).replace(day=1))
    return min(startmaand, vraag.gewenste_start), max(einde_maand(startmaand), uiterste_start(vraag))


def soort_past(gevraagd: str, aangeboden: str) -> bool:
    """After-school care for after-school requests, baby and toddler care for the others."""
    return (gevraagd == SoortOpvang.BUITENSCHOOLS) == (aangeboden == SoortOpvang.BUITENSCHOOLS)


def startdag(vraag: Opvangvraag, plaats: VrijePlaats) -> datetime.date:
    """The day care would start at this place: the wished start or its first day, the later."""
    return max(vraag.gewenste_start, plaats.vanaf)


def leeftijdsgroepen_bij_start(geboortedata: Iterable[datetime.date], start: datetime.date) -> set[str]:
    """The age groups of children born on these dates on the day care starts."""
    return {Leeftijdsgroep.bij_start(geboortedatum, start) for geboortedatum in geboortedata}


def leeftijdsgroepen_bij(vraag: Opvangvraag, start: datetime.date) -> set[str]:
    """The age groups of the request's children on `start` (its prefetched children)."""
    return leeftijdsgroepen_bij_start((kind.geboortedatum for kind in vraag.kinderen.all()), start)


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


def _gebroken(vraag: Opvangvraag, plaats: VrijePlaats, startmaand: datetime.date | None) -> Iterator[Regel]:
    """The rules the place breaks, cheapest first."""
    if plaats.dagdeel != vraag.dagdeel:
        yield Regel.DAGDEEL
    if not set(vraag.dagen) <= set(plaats.dagen):
        yield Regel.DAGEN
    van, tot = startvenster(vraag, startmaand)
    if not van <= plaats.vanaf <= tot:
        yield Regel.START
    if not soort_past(vraag.soort_opvang, plaats.locatie.soort):
        yield Regel.SOORT
    if leeftijdsgroepen_bij(vraag, startdag(vraag, plaats)) != {plaats.leeftijdsgroep}:
        yield Regel.LEEFTIJD


def past(vraag: Opvangvraag, plaats: VrijePlaats, startmaand: datetime.date | None = None) -> bool:
    """Whether the place fits the request (in the round of `startmaand`, or by hand)."""
    return next(_gebroken(vraag, plaats, startmaand), None) is None


def _uitleg(regel: Regel, vraag: Opvangvraag, plaats: VrijePlaats, startmaand: datetime.date | None) -> str:
    if regel is Regel.DAGDEEL:
        return _("De plaats is voor %(plaats)s; het gezin vraagt %(vraag)s.") % {
            "plaats": plaats.get_dagdeel_display(),
            "vraag": vraag.get_dagdeel_display(),
        }
    if regel is Regel.DAGEN:
        ontbrekend = set(vraag.dagen) - set(plaats.dagen)
        return ngettext(
            "De plaats is er niet op %(dagen)s, een dag die het gezin vraagt.",
            "De plaats is er niet op %(dagen)s, dagen die het gezin vraagt.",
            len(ontbrekend),
        ) % {"dagen": dagen_tekst(ontbrekend)}
    if regel is Regel.START:
        van, tot = startvenster(vraag, startmaand)
        return _(
            "De plaats begint op %(vanaf)s; het gezin kan beginnen tussen %(van)s en %(tot)s "
            "(gewenste start %(gewenst)s, %(flexibiliteit)s)."
        ) % {
            "vanaf": _datum(plaats.vanaf),
            "van": _datum(van),
            "tot": _datum(tot),
            "gewenst": _datum(vraag.gewenste_start),
            "flexibiliteit": vraag.get_flexibiliteit_display(),
        }
    if regel is Regel.SOORT:
        return _("De locatie biedt %(locatie)s; het gezin zoekt %(vraag)s.") % {
            "locatie": plaats.locatie.get_soort_display(),
            "vraag": vraag.get_soort_opvang_display(),
        }
    start = startdag(vraag, plaats)
    groepen = sorted(str(Leeftijdsgroep(groep).label) for groep in leeftijdsgroepen_bij(vraag, start))
    if len(groepen) == 1:
        kinderen = _("is het kind een %(groep)s") % {"groep": groepen[0]}
    else:
        kinderen = _("zijn de kinderen: %(groepen)s") % {"groepen": ", ".join(groepen) or "–"}
    return _("De plaats is voor een %(groep)s; bij de start op %(start)s %(kinderen)s.") % {
        "groep": Leeftijdsgroep(plaats.leeftijdsgroep).label,
        "start": _datum(start),
        "kinderen": kinderen,
    }


def afwijkingen(
    vraag: Opvangvraag, plaats: VrijePlaats, startmaand: datetime.date | None = None
) -> list[Afwijking]:
    """Every rule the place breaks for the request, each with its sentence; [] when it fits."""
    return [
        Afwijking(regel, _uitleg(regel, vraag, plaats, startmaand))
        for regel in _gebroken(vraag, plaats, startmaand)
    ]


def waarom_het_past(vraag: Opvangvraag, plaats: VrijePlaats) -> str:
    """The sentence for a place that fits."""
    return _(
        "Past: %(soort)s, leeftijdsgroep bij de start op %(start)s, start binnen de gewenste periode, "
        "%(dagdeel)s en alle gevraagde dagen."
    ) % {
        "soort": plaats.locatie.get_soort_display(),
        "start": _datum(startdag(vraag, plaats)),
        "dagdeel": plaats.get_dagdeel_display(),
    }
