"""Writes of the huizen app: loading reference data and importing the VRIND clusters."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone

from huizen.models import Deelgemeente, Gemeente, Huis, Postcode, VrindCluster, Wijziging
from kern.cijfers import VRIND_CLUSTERS

REFERENTIEDATA = Path(__file__).resolve().parent / "referentiedata"


def _lees_csv(naam: str) -> list[dict[str, str]]:
    with (REFERENTIEDATA / naam).open(encoding="utf-8", newline="") as bestand:
        return list(csv.DictReader(bestand))


def _datum(waarde: str) -> datetime.date | None:
    return datetime.date.fromisoformat(waarde) if waarde else None


def _synchroniseer(model, *, sleutel: tuple[str, ...], rijen: list[dict]) -> None:
    """Create the missing rows and update the changed ones, in bulk."""
    bestaand = {tuple(getattr(obj, k) for k in sleutel): obj for obj in model.objects.all()}
    nieuw, gewijzigd = [], []
    velden = [k for k in rijen[0] if k not in sleutel] if rijen else []
    for rij in rijen:
        obj = bestaand.get(tuple(rij[k] for k in sleutel))
        if obj is None:
            nieuw.append(model(**rij))
        elif any(getattr(obj, k) != rij[k] for k in velden):
            for k in velden:
                setattr(obj, k, rij[k])
            gewijzigd.append(obj)
    model.objects.bulk_create(nieuw, batch_size=500)
    model.objects.bulk_update(gewijzigd, velden, batch_size=500)


@dataclass
class Laadresultaat:
    gemeenten: int = 0
    deelgemeenten: int = 0
    postcodes: int = 0


@transaction.atomic
def laad_referentiedata() -> Laadresultaat:
    """Load the VRIND clusters, and gemeenten, deelgemeenten and postcodes from the CSV files
    shipped with the project.

    Idempotent: existing rows are updated in place, so a later file with a new merger only
    changes what changed. VRIND clusters set on a gemeente are kept.
    """
    for nummer, naam in VRIND_CLUSTERS:
        VrindCluster.objects.update_or_create(nummer=nummer, defaults={"naam": naam})
    gemeenten_rijen = _lees_csv("gemeenten.csv")
    bestaande = {g.nis: g for g in Gemeente.objects.all()}
    for rij in gemeenten_rijen:
        velden = {
            "naam": rij["naam"],
            "provincie": rij["provincie"],
            "gewest": rij["gewest"],
            "geldig_van": _datum(rij["geldig_van"]),
            "geldig_tot": _datum(rij["geldig_tot"]),
        }
        gemeente = bestaande.get(rij["nis"])
        if gemeente is None:
            bestaande[rij["nis"]] = Gemeente.objects.create(nis=rij["nis"], **velden)
        elif any(getattr(gemeente, k) != v for k, v in velden.items()):
            for k, v in velden.items():
                setattr(gemeente, k, v)
            gemeente.save()
    for rij in gemeenten_rijen:
        gemeente = bestaande[rij["nis"]]
        opvolger = bestaande[rij["opvolger_nis"]] if rij["opvolger_nis"] else None
        if gemeente.opvolger_id != (opvolger.pk if opvolger else None):
            gemeente.opvolger = opvolger
            gemeente.save(update_fields=["opvolger"])

    deel_rijen = _lees_csv("deelgemeenten.csv")
    _synchroniseer(
        Deelgemeente,
        sleutel=("code",),
        rijen=[
            {"code": r["code"], "naam": r["naam"], "gemeente": bestaande[r["gemeente_nis"]]}
            for r in deel_rijen
        ],
    )
    post_rijen = _lees_csv("postcodes.csv")
    _synchroniseer(
        Postcode,
        sleutel=("postcode", "plaats"),
        rijen=[
            {
                "postcode": r["postcode"],
                "plaats": r["plaats"],
                "gemeente": bestaande[r["gemeente_nis"]],
            }
            for r in post_rijen
        ],
    )
    return Laadresultaat(len(gemeenten_rijen), len(deel_rijen), len(post_rijen))


@dataclass
class ClusterImport:
    bijgewerkt: int = 0
    fouten: list[str] = field(default_factory=list)


def importeer_vrind_clusters(*, inhoud: str, bron: str) -> ClusterImport:
    """Set each gemeente's VRIND cluster from CSV text with columns `nis` and `cluster`.

    `cluster` is the cluster's number (1-9) or its name. Every row is checked first; when any row
    is wrong, nothing is changed and every problem is reported with its line number.
    """
    resultaat = ClusterImport()
    lezer = csv.DictReader(io.StringIO(inhoud.lstrip("\ufeff")))
    kolommen = {k.strip().lower() for k in (lezer.fieldnames or [])}
    if not {"nis", "cluster"} <= kolommen:
        resultaat.fouten.append("Het bestand moet de kolommen 'nis' en 'cluster' hebben.")
        return resultaat

    clusters = {str(c.nummer): c for c in VrindCluster.objects.all()}
    clusters.update({c.naam.lower(): c for c in clusters.values()})
    gemeenten = {g.nis: g for g in Gemeente.objects.all()}
    toewijzing: dict[str, VrindCluster] = {}
    for regel, rij in enumerate(lezer, start=2):
        rij = {(k or "").strip().lower(): (v or "").strip() for k, v in rij.items()}
        nis, cluster = rij.get("nis", ""), rij.get("cluster", "")
        if nis not in gemeenten:
            resultaat.fouten.append(f"Regel {regel}: onbekende NIS-code '{nis}'.")
        elif cluster.lower() not in clusters:
            resultaat.fouten.append(
                f"Regel {regel}: onbekende cluster '{cluster}' (gebruik 1 tot 9 of de naam)."
            )
        elif gemeenten[nis].gewest != "Vlaams Gewest":
            resultaat.fouten.append(f"Regel {regel}: {gemeenten[nis].naam} ligt niet in Vlaanderen.")
        elif nis in toewijzing:
            resultaat.fouten.append(f"Regel {regel}: NIS-code {nis} staat er meer dan eens in.")
        else:
            toewijzing[nis] = clusters[cluster.lower()]
    if resultaat.fouten:
        return resultaat
    if not toewijzing:
        resultaat.fouten.append("Het bestand bevat geen gemeenten.")
        return resultaat

    vermelding = f"{bron}, geïmporteerd op {timezone.localdate():%d-%m-%Y}"
    with transaction.atomic():
        for nis, cluster in toewijzing.items():
            gemeente = gemeenten[nis]
            gemeente.cluster = cluster
            gemeente.cluster_bron = vermelding[:200]
            gemeente.save(update_fields=["cluster", "cluster_bron"])
            resultaat.bijgewerkt += 1
    return resultaat


class Conflict(Exception):
    """Someone else saved this part of the profile after the form was opened."""

    melding = (
        "Iemand anders heeft dit onderdeel intussen gewijzigd. Uw invoer staat hieronder nog; "
        "bekijk de huidige gegevens en bewaar opnieuw."
    )


def _als_tekst(model, veld: str, waarde) -> str:
    """A field value as the history shows it to a coordinator."""
    if waarde is None or waarde == "":
        return "–"
    try:
        definitie = model._meta.get_field(veld)
    except FieldDoesNotExist:
        definitie = None
    if definitie is not None and definitie.choices:
        return str(dict(definitie.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if hasattr(waarde, "name") and not isinstance(waarde, models.Model):  # a file
        return waarde.name or "–"
    if isinstance(waarde, list | tuple | set | models.QuerySet):
        return ", ".join(sorted(str(w) for w in waarde)) or "–"
    return str(waarde)


def _verschillen(model, oud: dict, nieuw: dict) -> list[dict]:
    return [
        {
            "veld": str(model._meta.get_field(veld).verbose_name) if veld in _veldnamen(model) else veld,
            "oud": _als_tekst(model, veld, oud.get(veld)),
            "nieuw": _als_tekst(model, veld, waarde),
        }
        for veld, waarde in nieuw.items()
        if _als_tekst(model, veld, oud.get(veld)) != _als_tekst(model, veld, waarde)
    ]


def _veldnamen(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


@transaction.atomic
def bewaar_onderdeel(
    *,
    gebruiker,
    huis: Huis,
    obj: models.Model,
    gegevens: dict,
    onderdeel: str,
    verwachte_versie: int | None,
    m2m: dict[str, list] | None = None,
    extra: dict[str, tuple[str, str]] | None = None,
) -> models.Model:
    """Save one part of a Huis's profile (the Huis itself or one of its rows) and record it.

    `gegevens` are the new field values, `m2m` the new related objects per many-to-many field,
    `extra` changes kept outside the row (as label -> (old, new) text, e.g. opening hours).
    Raises Conflict when the row's version is not `verwachte_versie` any more (someone else saved
    it in the meantime) and ValidationError when the values break a rule of the row.
    """
    model = type(obj)
    m2m = m2m or {}
    nieuw = obj.pk is None
    oud: dict = {}
    if not nieuw:
        huidig = model.objects.select_for_update().get(pk=obj.pk)
        if verwachte_versie is not None and huidig.versie != verwachte_versie:
            raise Conflict(Conflict.melding)
        oud = {veld: getattr(huidig, veld) for veld in gegevens}
        oud.update({veld: list(getattr(huidig, veld).all()) for veld in m2m})
        obj.versie = huidig.versie
    for veld, waarde in gegevens.items():
        setattr(obj, veld, waarde)
    if not isinstance(obj, Huis):
        obj.huis = huis
    verschillen = _verschillen(model, oud, {**gegevens, **m2m})
    verschillen += [
        {"veld": label, "oud": o, "nieuw": n} for label, (o, n) in (extra or {}).items() if o != n
    ]
    if not nieuw and not verschillen:
        return obj
    obj.full_clean()
    obj.versie = 1 if nieuw else obj.versie + 1
    obj.save()
    for veld, waarden in m2m.items():
        getattr(obj, veld).set(waarden)
    Wijziging.objects.create(
        huis=huis,
        gebruiker=gebruiker,
        onderdeel=onderdeel,
        omschrijving=str(obj)[:300],
        actie=Wijziging.Actie.TOEGEVOEGD if nieuw else Wijziging.Actie.GEWIJZIGD,
        velden=verschillen,
    )
    return obj


@transaction.atomic
def verwijder_onderdeel(
    *, gebruiker, huis: Huis, obj: models.Model, onderdeel: str, verwachte_versie: int | None
) -> None:
    """Delete one row of a Huis's profile and record it; Conflict if it changed meanwhile."""
    huidig = type(obj).objects.select_for_update().filter(pk=obj.pk, huis=huis).first()
    if huidig is None:
        return  # already gone: deleting twice is not an error for the user
    if verwachte_versie is not None and huidig.versie != verwachte_versie:
        raise Conflict(Conflict.melding)
    omschrijving = str(huidig)[:300]
    huidig.delete()
    Wijziging.objects.create(
        huis=huis,
        gebruiker=gebruiker,
        onderdeel=onderdeel,
        omschrijving=omschrijving,
        actie=Wijziging.Actie.VERWIJDERD,
        velden=[],
    )
