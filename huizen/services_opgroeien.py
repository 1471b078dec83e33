"""Writes only Opgroeien staff may do: a Huis's werkingsgebied and its yearly subsidies.

Werkingsgebied and Subsidie rows have no version of their own, so these services lock the Huis
row, compare its `versie` with the one the form was opened on (Conflict when someone saved in
the meantime), apply the change, bump the Huis's version and record a Wijziging. The
werkingsgebied keeps its history: a gemeente is ended with a date, its row is never deleted.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from huizen.models import Gemeente, Huis, Subsidie, Werkingsgebied, Wijziging
from huizen.services import verhoog_huis
from kern.bewerken import Conflict
from kern.tabellen import datumtekst

ONDERDEEL_WERKINGSGEBIED = "Werkingsgebied"
ONDERDEEL_SUBSIDIES = "Subsidies"
LEEG = "–"


def _datum(datum: datetime.date | None) -> str:
    return f"{datumtekst(datum)}" if datum else LEEG


def _bedrag(bedrag: Decimal | None) -> str:
    if bedrag is None:
        return LEEG
    tekst = f"{bedrag:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {tekst}"


def _vergrendel(huis: Huis, verwachte_versie: int) -> Huis:
    """Lock the Huis row for this transaction; Conflict when its version moved on."""
    huidig = Huis.objects.select_for_update().get(pk=huis.pk)
    if huidig.versie != verwachte_versie:
        raise Conflict(Conflict.melding)
    return huidig


def _nieuwe_versie(huis: Huis) -> None:
    Huis.objects.filter(pk=huis.pk).update(versie=F("versie") + 1, gewijzigd=timezone.now())
    huis.refresh_from_db(fields=["versie", "gewijzigd"])
    verhoog_huis(huis)


def _overlappend(gemeente: Gemeente, van: datetime.date | None, tot: datetime.date | None):
    """Werkingsgebied rows (of any Huis) of the gemeente that share a day with [van, tot]."""
    rijen = Werkingsgebied.objects.filter(gemeente=gemeente)
    if tot is not None:
        rijen = rijen.filter(Q(geldig_van__isnull=True) | Q(geldig_van__lte=tot))
    if van is not None:
        rijen = rijen.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=van))
    return rijen.select_related("huis")


def _controleer_overlap(
    *, huis: Huis, gemeente: Gemeente, van, tot, veld: str, behalve: int | None = None
) -> None:
    for rij in _overlappend(gemeente, van, tot).exclude(pk=behalve).order_by("geldig_van"):
        if rij.huis_id == huis.pk:
            melding = (
                f"{gemeente.naam} hoort in die periode al bij het werkingsgebied van dit Huis "
                f"(vanaf {_datum(rij.geldig_van)}"
                + (f" tot en met {_datum(rij.geldig_tot)})." if rij.geldig_tot else ").")
            )
        else:
            melding = (
                f"{gemeente.naam} hoort in die periode bij {rij.huis.naam} "
                f"(vanaf {_datum(rij.geldig_van)}"
                + (f" tot en met {_datum(rij.geldig_tot)}" if rij.geldig_tot else "")
                + "). Beëindig daar eerst de koppeling."
            )
        raise ValidationError({veld: melding})


@transaction.atomic
def voeg_gemeente_toe(
    *, gebruiker, huis: Huis, gemeente: Gemeente, vanaf: datetime.date, verwachte_versie: int
) -> Werkingsgebied:
    """Add a gemeente to the Huis's werkingsgebied from `vanaf` on (open-ended).

    ValidationError (per field) when the gemeente does not exist on that day, or already belongs
    to this or another Huis in that period; Conflict when the Huis changed meanwhile.
    """
    _vergrendel(huis, verwachte_versie)
    gemeente = Gemeente.objects.select_for_update().get(pk=gemeente.pk)  # one add per gemeente at a time
    if gemeente.geldig_van and vanaf < gemeente.geldig_van:
        begin = _datum(gemeente.geldig_van)
        raise ValidationError({"vanaf": f"{gemeente.naam} bestaat pas vanaf {begin}; kies die dag of later."})
    if gemeente.geldig_tot and vanaf > gemeente.geldig_tot:
        raise ValidationError(
            {"vanaf": f"{gemeente.naam} bestaat maar tot en met {_datum(gemeente.geldig_tot)}."}
        )
    _controleer_overlap(huis=huis, gemeente=gemeente, van=vanaf, tot=None, veld="gemeente")
    rij = Werkingsgebied(huis=huis, gemeente=gemeente, geldig_van=vanaf)
    rij.full_clean()
    rij.save()
    _nieuwe_versie(huis)
    Wijziging.objects.create(
        huis=huis,
        gebruiker=gebruiker,
        onderdeel=ONDERDEEL_WERKINGSGEBIED,
        omschrijving=f"{gemeente.naam} toegevoegd vanaf {_datum(vanaf)}"[:300],
        actie=Wijziging.Actie.TOEGEVOEGD,
        velden=[
            {"veld": "gemeente", "oud": LEEG, "nieuw": gemeente.naam},
            {"veld": "vanaf", "oud": LEEG, "nieuw": _datum(vanaf)},
        ],
    )
    return rij


@transaction.atomic
def beeindig_gemeente(
    *, gebruiker, huis: Huis, werkingsgebied_id: int, tot: datetime.date, verwachte_versie: int
) -> Werkingsgebied:
    """End a gemeente of the Huis's werkingsgebied on `tot` (the last day it is covered).

    Only a current or future row can be ended or have its end moved; a row that ended in the
    past is history and stays as it is. Nothing is deleted.
    """
    _vergrendel(huis, verwachte_versie)
    rij = (
        Werkingsgebied.objects.select_for_update()
        .select_related("gemeente")
        .filter(pk=werkingsgebied_id, huis=huis)
        .first()
    )
    if rij is None:
        raise ValidationError({"tot": "Deze gemeente hoort niet (meer) bij het werkingsgebied van dit Huis."})
    vandaag = timezone.localdate()
    if rij.geldig_tot is not None and rij.geldig_tot < vandaag:
        raise ValidationError({"tot": "Deze koppeling is al afgelopen; de historiek blijft zoals ze is."})
    if rij.geldig_van and tot < rij.geldig_van:
        begin = _datum(rij.geldig_van)
        raise ValidationError(
            {"tot": f"De einddatum ligt vóór de begindatum ({begin}); kies die dag of later."}
        )
    if rij.geldig_tot == tot:
        return rij
    _controleer_overlap(
        huis=huis, gemeente=rij.gemeente, van=rij.geldig_van, tot=tot, veld="tot", behalve=rij.pk
    )
    oud = rij.geldig_tot
    rij.geldig_tot = tot
    rij.full_clean()
    rij.save(update_fields=["geldig_tot"])
    _nieuwe_versie(huis)
    Wijziging.objects.create(
        huis=huis,
        gebruiker=gebruiker,
        onderdeel=ONDERDEEL_WERKINGSGEBIED,
        omschrijving=f"{rij.gemeente.naam} beëindigd op {_datum(tot)}"[:300],
        actie=Wijziging.Actie.GEWIJZIGD,
        velden=[{"veld": "tot en met", "oud": _datum(oud), "nieuw": _datum(tot)}],
    )
    return rij


@transaction.atomic
def bewaar_subsidies(
    *, gebruiker, huis: Huis, subsidies: dict[int, Decimal], verwachte_versie: int
) -> Wijziging | None:
    """Make the Huis's subsidies exactly `subsidies` (year -> amount): add, change and delete.

    Returns the recorded Wijziging, or None when nothing changed (then the version stays).
    """
    _vergrendel(huis, verwachte_versie)
    bestaand = {s.jaar: s for s in Subsidie.objects.filter(huis=huis)}
    velden = []
    for jaar in sorted(set(bestaand) | set(subsidies), reverse=True):
        oud = bestaand[jaar].bedrag if jaar in bestaand else None
        nieuw = subsidies.get(jaar)
        if oud is not None and nieuw is not None and Decimal(oud) == Decimal(nieuw):
            continue
        if nieuw is None:
            bestaand[jaar].delete()
        elif oud is None:
            rij = Subsidie(huis=huis, jaar=jaar, bedrag=nieuw)
            rij.full_clean()
            rij.save()
        else:
            rij = bestaand[jaar]
            rij.bedrag = nieuw
            rij.full_clean()
            rij.save(update_fields=["bedrag"])
        velden.append({"veld": str(jaar), "oud": _bedrag(oud), "nieuw": _bedrag(nieuw)})
    if not velden:
        return None
    _nieuwe_versie(huis)
    toegevoegd = all(v["oud"] == LEEG for v in velden)
    verwijderd = all(v["nieuw"] == LEEG for v in velden)
    actie = (
        Wijziging.Actie.TOEGEVOEGD
        if toegevoegd
        else Wijziging.Actie.VERWIJDERD
        if verwijderd
        else Wijziging.Actie.GEWIJZIGD
    )
    jaren = ", ".join(v["veld"] for v in velden)
    return Wijziging.objects.create(
        huis=huis,
        gebruiker=gebruiker,
        onderdeel=ONDERDEEL_SUBSIDIES,
        omschrijving=f"Subsidie {jaren} {actie.label}"[:300],
        actie=actie,
        velden=velden,
    )
