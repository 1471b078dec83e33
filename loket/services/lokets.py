"""Writes of the lokets themselves, for Opgroeien: create a loket, change its name, organiser,
contact data and the Huizen it works with, and change its area.

The area keeps its history: a gemeente is added from a date on and ended on a date, a row is
never deleted. A gemeente belongs to at most one loket on any day. Every write locks the loket's
row first (then the gemeente's, when the area changes), so two people changing the same loket
wait for each other, and raises the data versions of the lokets it touches (`gewijzigd`) so their
cached pages and figures are computed again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from huizen.models import Gemeente, Huis, Werkingsgebied
from kern.tabellen import datumtekst
from kern.versies import verhoog
from loket.models import Loket, Loketgebied
from loket.selectors.lokets import overlappende_gebieden
from loket.services import gewijzigd

#: The fields `wijzig_loket` changes (besides the Huizen it works with).
LOKETVELDEN = ("naam", "organisator", "email", "telefoon", "adres")


def _verhoog(loket: Loket, *, gemeente: Gemeente | None = None) -> None:
    """Raise the data versions of the loket, of the Huizen it works with and, when its area
    changed, of the Huizen of that gemeente: their public pages name the loket of their gemeenten."""
    gewijzigd(loket.huis_id)
    huis_ids = set(loket.huizen.values_list("pk", flat=True))
    if gemeente is not None:
        huis_ids |= set(Werkingsgebied.objects.filter(gemeente=gemeente).values_list("huis_id", flat=True))
    verhoog(*(f"loket:{pk}" for pk in sorted(huis_ids)))


def _tekst(waarde) -> str:
    return str(waarde or "").strip()


def _controleer_velden(gegevens: dict, *, loket: Loket | None) -> dict:
    """The fields cleaned, or a ValidationError with a Dutch message per field."""
    schoon = {veld: _tekst(gegevens.get(veld)) for veld in LOKETVELDEN}
    fouten: dict[str, str] = {}
    if not schoon["naam"]:
        fouten["naam"] = "Vul de naam van het loket in."
    elif len(schoon["naam"]) > Loket._meta.get_field("naam").max_length:
        fouten["naam"] = "De naam is te lang: hoogstens 200 tekens."
    elif Loket.objects.filter(naam__iexact=schoon["naam"]).exclude(pk=getattr(loket, "pk", None)).exists():
        fouten["naam"] = "Er is al een loket met deze naam. Kies een andere naam."
    if not schoon["organisator"]:
        fouten["organisator"] = "Vul in wie het loket organiseert, bv. het lokaal bestuur."
    elif len(schoon["organisator"]) > 200:
        fouten["organisator"] = "Dit is te lang: hoogstens 200 tekens."
    if schoon["email"]:
        try:
            validate_email(schoon["email"])
        except ValidationError:
            fouten["email"] = "Vul een geldig e-mailadres in, bv. loket@gemeente.be."
    if schoon["telefoon"]:
        cijfers = [teken for teken in schoon["telefoon"] if teken.isdigit()]
        if (
            len(schoon["telefoon"]) > 30
            or len(cijfers) < 9
            or any(not (teken.isdigit() or teken in " +/.-()") for teken in schoon["telefoon"])
        ):
            fouten["telefoon"] = "Vul een geldig telefoonnummer in, bv. 09 123 45 67."
    if len(schoon["adres"]) > 300:
        fouten["adres"] = "Het adres is te lang: hoogstens 300 tekens."
    if fouten:
        raise ValidationError(fouten)
    return schoon


#: Slugs a loket cannot have: /opgroeien/lokets/<slug>/ would be another page.
GERESERVEERDE_SLUGS = frozenset({"nieuw"})


def _vrije_slug(naam: str, huis: Huis) -> str:
    basis = (huis.slug or slugify(naam))[:190] or "loket"
    if basis in GERESERVEERDE_SLUGS:
        basis = f"{basis}-loket"
    slug, volgnummer = basis, 2
    while Loket.objects.filter(slug=slug).exists():
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    return slug


@transaction.atomic
def maak_loket(*, huis: Huis, gegevens: dict, huizen: Iterable[Huis] = ()) -> Loket:
    """A new loket hosted by `huis` (its loket staff work it), working with `huizen` and its host.

    `gegevens` holds the fields of LOKETVELDEN. ValidationError per field; on `huis` when the Huis
    already hosts a loket. The area starts empty: add gemeenten with `voeg_gemeente_toe`."""
    huis = Huis.objects.select_for_update().get(pk=huis.pk)
    if Loket.objects.filter(huis=huis).exists():
        raise ValidationError(
            {"huis": f"{huis.naam} werkt al voor een loket. Een Huis kan één loket hebben."}
        )
    schoon = _controleer_velden(gegevens, loket=None)
    loket = Loket.objects.create(huis=huis, slug=_vrije_slug(schoon["naam"], huis), **schoon)
    loket.huizen.set({huis.pk, *(h.pk for h in huizen)})
    gewijzigd(huis.pk)
    return loket


def _vergrendel(loket: Loket) -> Loket:
    return Loket.objects.select_for_update().select_related("huis").get(pk=loket.pk)


@transaction.atomic
def wijzig_loket(*, loket: Loket, gegevens: dict, huizen: Iterable[Huis]) -> Loket:
    """Change the loket's name, organiser and contact data, and the Huizen it works with (its
    host always among them). ValidationError per field; nothing changes then."""
    loket = _vergrendel(loket)
    schoon = _controleer_velden(gegevens, loket=loket)
    for veld, waarde in schoon.items():
        setattr(loket, veld, waarde)
    loket.save(update_fields=[*LOKETVELDEN, "gewijzigd"])
    voor = set(loket.huizen.values_list("pk", flat=True))
    loket.huizen.set({loket.huis_id, *(h.pk for h in huizen)})
    _verhoog(loket)
    verhoog(*(f"loket:{pk}" for pk in sorted(voor)))  # a Huis it no longer works with
    return loket


def _datum(datum: datetime.date | None) -> str:
    return datumtekst(datum) if datum else "–"


def _controleer_overlap(*, loket: Loket, gemeente: Gemeente, van, tot, veld: str, behalve=None) -> None:
    """A gemeente belongs to at most one loket on any day: a Dutch message on `veld` otherwise."""
    for rij in overlappende_gebieden(gemeente, van, tot).exclude(pk=behalve).order_by("geldig_van"):
        periode = f"vanaf {_datum(rij.geldig_van)}" + (
            f" tot en met {_datum(rij.geldig_tot)}" if rij.geldig_tot else ""
        )
        if rij.loket_id == loket.pk:
            melding = f"{gemeente.naam} hoort in die periode al bij dit loket ({periode})."
        else:
            melding = (
                f"{gemeente.naam} hoort in die periode bij {rij.loket.naam} ({periode}). Een gemeente "
                "hoort op elke dag bij hoogstens één loket: beëindig ze daar eerst."
            )
        raise ValidationError({veld: melding})


@transaction.atomic
def voeg_gemeente_toe(*, loket: Loket, gemeente: Gemeente, vanaf: datetime.date) -> Loketgebied:
    """Add `gemeente` to the loket's area from `vanaf` on (open-ended).

    ValidationError (per field) when the gemeente does not exist on that day, or already belongs
    to this or another loket in that period."""
    loket = _vergrendel(loket)
    gemeente = Gemeente.objects.select_for_update().get(pk=gemeente.pk)  # one change per gemeente at a time
    if gemeente.geldig_van and vanaf < gemeente.geldig_van:
        begin = _datum(gemeente.geldig_van)
        raise ValidationError({"vanaf": f"{gemeente.naam} bestaat pas vanaf {begin}; kies die dag of later."})
    if gemeente.geldig_tot and vanaf > gemeente.geldig_tot:
        raise ValidationError(
            {"vanaf": f"{gemeente.naam} bestaat maar tot en met {_datum(gemeente.geldig_tot)}."}
        )
    _controleer_overlap(loket=loket, gemeente=gemeente, van=vanaf, tot=None, veld="gemeente")
    rij = Loketgebied(loket=loket, gemeente=gemeente, geldig_van=vanaf)
    rij.full_clean()
    rij.save()
    _verhoog(loket, gemeente=gemeente)
    return rij


@transaction.atomic
def beeindig_gemeente(*, loket: Loket, gebied_id: int, tot: datetime.date) -> Loketgebied:
    """End a gemeente of the loket's area on `tot` (the last day the loket serves it).

    Only a current or future row can be ended or have its end moved; a row that ended in the past
    is history and stays as it is. Nothing is deleted."""
    loket = _vergrendel(loket)
    rij = (
        Loketgebied.objects.select_for_update()
        .select_related("gemeente")
        .filter(pk=gebied_id, loket=loket)
        .first()
    )
    if rij is None:
        raise ValidationError({"tot": "Deze gemeente hoort niet (meer) bij het gebied van dit loket."})
    if rij.geldig_tot is not None and rij.geldig_tot < timezone.localdate():
        raise ValidationError(
            {"tot": "Deze gemeente hoort al niet meer bij het loket; de historiek blijft zoals ze is."}
        )
    if rij.geldig_van and tot < rij.geldig_van:
        raise ValidationError(
            {
                "tot": f"De einddatum ligt vóór de begindatum ({_datum(rij.geldig_van)}); "
                "kies die dag of later."
            }
        )
    if rij.geldig_tot == tot:
        return rij
    _controleer_overlap(
        loket=loket, gemeente=rij.gemeente, van=rij.geldig_van, tot=tot, veld="tot", behalve=rij.pk
    )
    rij.geldig_tot = tot
    rij.full_clean()
    rij.save(update_fields=["geldig_tot"])
    _verhoog(loket, gemeente=rij.gemeente)
    return rij
