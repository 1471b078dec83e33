"""Writes of childcare locations and their free places, by their provider or the loket of the Huis.

Every write runs in a transaction and locks the rows it checks (the location, then its free
places), so an offer made at the same moment cannot slip under a lowered number of places: the
offer service locks the same place row (`loket.services.doe_aanbod`).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huizen.models import Gemeente, Huis
from huizen.selectors import zoek_gemeenten
from kern.tabellen import datumtekst
from kern.versies import verhoog
from kern.wachtrij import zet_in_wachtrij
from loket.models import (
    Aanbod,
    Leeftijdsgroep,
    Opvanglocatie,
    Organisator,
    VrijePlaats,
    dagen_tekst,
)
from loket.selectors import bezet
from loket.selectors.lokets import gemeenten_van_huis_loket
from loket.selectors.opvang import aanbiedingen_die_plaats_houden

# The fields of a location its provider or the loket keeps (the organiser is chosen once, when the
# loket adds the location).
LOCATIEVELDEN = (
    "naam",
    "straat",
    "postcode",
    "gemeente",
    "soort",
    "tarief",
    "capaciteit_baby",
    "capaciteit_peuter",
    "capaciteit_schoolkind",
    "opendagen",
    "open_van",
    "open_tot",
    "inclusieve_opvang",
    "toegankelijkheid",
    "email",
    "telefoon",
    "actief",
)
PLAATSVELDEN = ("vanaf", "dagen", "dagdeel", "leeftijdsgroep", "aantal")
POSTCODE = re.compile(r"^\d{4}$")


def _datum(datum: datetime.date) -> str:
    return f"{datumtekst(datum)}"


def postcode_fout(postcode: str, gemeente: Gemeente) -> str:
    """Why the postcode does not lie in the gemeente (today's gemeenten, after mergers), or ""."""
    if not POSTCODE.match(postcode or ""):
        return _("Vul een postcode van vier cijfers in.")
    gemeenten = zoek_gemeenten(postcode)
    if any(kandidaat.pk == gemeente.pk for kandidaat in gemeenten):
        return ""
    if not gemeenten:
        return _("Postcode %(postcode)s bestaat niet in Vlaanderen of Brussel.") % {"postcode": postcode}
    return _("Postcode %(postcode)s ligt in %(andere)s, niet in %(gemeente)s.") % {
        "postcode": postcode,
        "andere": ", ".join(kandidaat.naam for kandidaat in gemeenten),
        "gemeente": gemeente.naam,
    }


def _aanbod_tekst(aanbod: Aanbod) -> str:
    """One offer in words for a message: when, to which child(ren), in which state."""
    voornamen = ", ".join(kind.voornaam for kind in aanbod.opvangvraag.kinderen.all()) or "–"
    return _("aanbod van %(datum)s aan %(kinderen)s (%(status)s)") % {
        "datum": f"{datumtekst(timezone.localtime(aanbod.gemaakt))}",
        "kinderen": voornamen,
        "status": aanbod.get_status_display(),
    }


# --- locations ----------------------------------------------------------------------------------


def _organisator(organisator: Organisator | None, naam: str) -> Organisator:
    """The chosen organiser, or the one with this name (created when there is none yet)."""
    if organisator is not None:
        return organisator
    bestaand = Organisator.objects.filter(naam__iexact=naam).first()
    if bestaand is not None:
        return bestaand
    try:
        with transaction.atomic():
            return Organisator.objects.create(naam=naam)
    except IntegrityError:  # created by someone else at the same moment
        return Organisator.objects.get(naam__iexact=naam)


Fout = tuple[str, str]  # field (or NON_FIELD_ERRORS), message


def _fouten_in_werkingsgebied(huis: Huis, locatie: Opvanglocatie) -> list[Fout]:
    """The gemeente must be in the area today of the loket the Huis hosts and the postcode must
    lie in it."""
    if locatie.gemeente_id is None:
        return []
    if not gemeenten_van_huis_loket(huis).filter(pk=locatie.gemeente_id).exists():
        return [
            ("gemeente", _("Kies een gemeente uit het werkingsgebied van %(huis)s.") % {"huis": huis.naam})
        ]
    melding = postcode_fout(locatie.postcode, locatie.gemeente) if locatie.postcode else ""
    return [("postcode", melding)] if melding else []


def _fouten_tegenover_vrije_plaatsen(locatie: Opvanglocatie, plaatsen: list[VrijePlaats]) -> list[Fout]:
    """Some capacity; and capacity and opening days no lower than what the free places use."""
    fouten = []
    if not any(locatie.capaciteit(groep) for groep in Leeftijdsgroep.values):
        fouten.append((NON_FIELD_ERRORS, _("Geef voor minstens één leeftijdsgroep het aantal plaatsen op.")))
    for plaats in plaatsen:
        if plaats.aantal > locatie.capaciteit(plaats.leeftijdsgroep):
            melding = _(
                "Er staan %(aantal)s vrije plaatsen voor %(groep)s vanaf %(vanaf)s; de locatie moet "
                "minstens zoveel plaatsen hebben. Pas eerst die vrije plaatsen aan."
            ) % {
                "aantal": plaats.aantal,
                "groep": Leeftijdsgroep(plaats.leeftijdsgroep).label,
                "vanaf": _datum(plaats.vanaf),
            }
            fouten.append((f"capaciteit_{plaats.leeftijdsgroep}", melding))
        buiten = sorted(set(plaats.dagen) - set(locatie.opendagen or []))
        if buiten:
            melding = _(
                "De vrije plaatsen vanaf %(vanaf)s zijn er op %(dagen)s. Laat die dagen aangevinkt, "
                "of pas eerst die vrije plaatsen aan."
            ) % {"vanaf": _datum(plaats.vanaf), "dagen": dagen_tekst(buiten)}
            fouten.append(("opendagen", melding))
    return fouten


def _fouten_in_organisator(organisator: Organisator | None, organisator_naam: str) -> list[Fout]:
    """A new location has an existing organiser or the name of a new one, not both."""
    if organisator is None and not organisator_naam:
        return [("organisator", _("Kies een organisator of vul de naam van een nieuwe organisator in."))]
    if organisator is not None and organisator_naam:
        return [
            ("organisator_naam", _("Kies een bestaande organisator óf vul een nieuwe naam in, niet allebei."))
        ]
    return []


@transaction.atomic
def bewaar_locatie(
    *, huis: Huis, locatie: Opvanglocatie | None = None, gegevens: dict, door
) -> Opvanglocatie:
    """Add a location to the loket of `huis` (`locatie` None) or change one of its locations.

    `gegevens` holds fields of LOCATIEVELDEN; a new location also `organisator` (an Organisator)
    or `organisator_naam` (an organiser created when no organiser has that name). The gemeente must
    be in the loket's area today and the postcode must lie in it. Capacity and opening
    days may not drop below what the location's free places already use.
    """
    gegevens = dict(gegevens)
    organisator = gegevens.pop("organisator", None)
    organisator_naam = " ".join((gegevens.pop("organisator_naam", "") or "").split())
    onbekend = set(gegevens) - set(LOCATIEVELDEN)
    if onbekend:
        raise ValueError(f"Onbekende velden: {sorted(onbekend)}")

    nieuw = locatie is None
    if nieuw:
        locatie = Opvanglocatie(huis=huis)
        plaatsen: list[VrijePlaats] = []
    else:
        locatie = Opvanglocatie.objects.select_for_update().get(pk=locatie.pk, huis=huis)
        plaatsen = list(
            VrijePlaats.objects.select_for_update().filter(locatie=locatie).order_by("vanaf", "pk")
        )
    for veld, waarde in gegevens.items():
        setattr(locatie, veld, waarde)

    fouten: dict[str, list[str]] = {}
    for veld, melding in [
        *_fouten_in_werkingsgebied(huis, locatie),
        *_fouten_tegenover_vrije_plaatsen(locatie, plaatsen),
        *(_fouten_in_organisator(organisator, organisator_naam) if nieuw else []),
    ]:
        fouten.setdefault(veld, []).append(melding)
    if fouten:
        raise ValidationError(fouten)

    if nieuw:
        locatie.organisator = _organisator(organisator, organisator_naam)
    locatie.full_clean()
    locatie.save()
    verhoog("loket", f"loket:{huis.pk}")
    return locatie


# --- closing a location -------------------------------------------------------------------------


@transaction.atomic
def zet_sluitingsdatum(*, locatie: Opvanglocatie, sluit_op: datetime.date | None, door) -> Opvanglocatie:
    """The provider or the loket sets the day from which a location is closed (None: it stays
    open). From that day it can no longer be chosen or offered, its free places are no longer
    offered, and `loket.tasks.verwerk_sluitingen` (daily) withdraws its running offers, brings
    its placed families back to the queue with priority and ends the choices of waiting families.
    A date of today or earlier is handled at once, after the commit."""
    locatie = Opvanglocatie.objects.select_for_update().get(pk=locatie.pk)
    if locatie.sluit_op == sluit_op:
        return locatie
    locatie.sluit_op = sluit_op
    locatie.save(update_fields=["sluit_op"])
    verhoog("loket", f"loket:{locatie.huis_id}")
    if locatie.gesloten:
        transaction.on_commit(lambda: plan_sluiting(locatie.pk))
    return locatie


def plan_sluiting(locatie_id: int) -> None:
    """Hand the closure of one location to the worker; if the broker is away, the daily run
    (`loket.tasks.verwerk_sluitingen`) does it."""
    from loket.tasks import verwerk_sluitingen

    zet_in_wachtrij(verwerk_sluitingen.si(locatie_id=locatie_id))


# --- free places --------------------------------------------------------------------------------


def _vergelijkbaar(waarde):
    """Days in any order are the same days."""
    return sorted(waarde) if isinstance(waarde, list) else waarde


def _fouten_van_nieuwe_plaats(locatie: Opvanglocatie, plaats: VrijePlaats) -> list[Fout]:
    """New free places only at an active location, and only before the day it closes."""
    if not locatie.actief:
        return [
            (NON_FIELD_ERRORS, _("Deze opvanglocatie staat op niet actief. Zet ze eerst weer op actief."))
        ]
    if locatie.sluit_op and plaats.vanaf and plaats.vanaf >= locatie.sluit_op:
        melding = _("De locatie is gesloten vanaf %(datum)s. Kies een eerdere datum.")
        return [("vanaf", melding % {"datum": _datum(locatie.sluit_op)})]
    return []


@transaction.atomic
def bewaar_vrije_plaats(
    *, locatie: Opvanglocatie, plaats: VrijePlaats | None = None, gegevens: dict, door
) -> VrijePlaats:
    """Add free places to a location (`plaats` None) or change them.

    The days must be opening days of the location, the age group one it has places for, and the
    number at most its capacity for that group. A new place starts today or later. A place that
    offers already hold keeps its date, days and age group, and its number cannot drop below the
    seats those offers hold (checked under a lock of the place's row).
    """
    onbekend = set(gegevens) - set(PLAATSVELDEN)
    if onbekend:
        raise ValueError(f"Onbekende velden: {sorted(onbekend)}")
    locatie = Opvanglocatie.objects.select_for_update().get(pk=locatie.pk)
    verhoog("loket", f"loket:{locatie.huis_id}")
    nieuw = plaats is None
    if nieuw:
        plaats = VrijePlaats(locatie=locatie)
        oud = None
        houdend = 0
    else:
        plaats = VrijePlaats.objects.select_for_update().get(pk=plaats.pk, locatie=locatie)
        oud = {veld: getattr(plaats, veld) for veld in PLAATSVELDEN}
        houdend = bezet(plaats)
    for veld, waarde in gegevens.items():
        setattr(plaats, veld, waarde)

    fouten: dict[str, list[str]] = {}

    def fout(veld: str, melding: str) -> None:
        fouten.setdefault(veld, []).append(melding)

    vandaag = timezone.localdate()
    for veld, melding in _fouten_van_nieuwe_plaats(locatie, plaats) if nieuw else []:
        fout(veld, melding)
    if plaats.vanaf and plaats.vanaf < vandaag and (nieuw or plaats.vanaf != oud["vanaf"]):
        fout("vanaf", _("Kies vandaag of een latere datum."))
    dagen = plaats.dagen if isinstance(plaats.dagen, list) else []
    buiten = sorted(set(dagen) - set(locatie.opendagen))
    if buiten:
        fout(
            "dagen",
            _("De locatie is niet open op %(dagen)s. Kies uit de opendagen: %(open)s.")
            % {"dagen": dagen_tekst(buiten), "open": locatie.opendagen_tekst},
        )
    capaciteit = 0
    if plaats.leeftijdsgroep in Leeftijdsgroep.values:
        capaciteit = locatie.capaciteit(plaats.leeftijdsgroep)
        if not capaciteit:
            fout(
                "leeftijdsgroep",
                _("De locatie heeft geen plaatsen voor %(groep)s. Kies een andere leeftijdsgroep.")
                % {"groep": Leeftijdsgroep(plaats.leeftijdsgroep).label},
            )
    if capaciteit and plaats.aantal is not None and plaats.aantal > capaciteit:
        fout(
            "aantal",
            _("De locatie heeft %(capaciteit)s plaatsen voor %(groep)s; kies hoogstens %(capaciteit)s.")
            % {"capaciteit": capaciteit, "groep": Leeftijdsgroep(plaats.leeftijdsgroep).label},
        )
    if houdend:
        if plaats.aantal is not None and plaats.aantal < houdend:
            fout(
                "aantal",
                _(
                    "%(bezet)s van deze plaatsen zijn al aangeboden aan of ingenomen door een gezin; "
                    "het aantal kan niet lager dan %(bezet)s."
                )
                % {"bezet": houdend},
            )
        gewijzigd = [
            str(VrijePlaats._meta.get_field(veld).verbose_name)
            for veld in ("vanaf", "dagen", "dagdeel", "leeftijdsgroep")
            if _vergelijkbaar(getattr(plaats, veld)) != _vergelijkbaar(oud[veld])
        ]
        if gewijzigd:
            fout(
                NON_FIELD_ERRORS,
                _(
                    "Deze plaatsen zijn al aangeboden aan of ingenomen door een gezin: alleen het aantal "
                    "kan nog veranderen, niet %(velden)s. Voeg anders nieuwe vrije plaatsen toe."
                )
                % {"velden": ", ".join(gewijzigd)},
            )
    if fouten:
        raise ValidationError(fouten)
    plaats.bijgewerkt_door = door
    plaats.full_clean()
    plaats.save()
    return plaats


@transaction.atomic
def verwijder_vrije_plaats(*, plaats: VrijePlaats, door) -> None:
    """Remove free places that no offer ever used (an offer keeps the place it was made for)."""
    plaats = VrijePlaats.objects.select_for_update().select_related("locatie").get(pk=plaats.pk)
    verhoog("loket", f"loket:{plaats.locatie.huis_id}")
    houdend = aanbiedingen_die_plaats_houden(plaats)
    if houdend:
        raise ValidationError(
            _(
                "Deze vrije plaatsen kunnen niet verwijderd worden, want ze zijn aangeboden aan of "
                "ingenomen door een gezin: %(aanbiedingen)s. Verlaag eventueel het aantal tot wat die "
                "aanbiedingen nodig hebben."
            )
            % {"aanbiedingen": "; ".join(_aanbod_tekst(aanbod) for aanbod in houdend)}
        )
    if plaats.aanbiedingen.exists():
        # Earlier offers keep the place they were made for: withdraw it instead of deleting it.
        plaats.actief = False
        plaats.bijgewerkt_door = door
        plaats.save(update_fields=["actief", "bijgewerkt_door", "bijgewerkt"])
        return
    plaats.delete()
