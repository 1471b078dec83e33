"""Writes of the huizen app: loading reference data, importing the VRIND clusters, and saving and
deleting the parts of a Huis's profile with their history.

Data versions (kern.versies): every service here and in levensdomeinen.services that writes a
Huis's data calls `verhoog_huis(huis)` (scopes "huizen" and "huis:<pk>") inside its transaction,
and every load of reference data raises "referentie"; the counters move when the transaction
commits. That explicit call in the service is the one way the versions move; the only writes that
bypass the services, the functional admin's, raise them through `kern.beheer.VersieAdminMixin`
(huizen/admin.py, levensdomeinen/admin.py). There are no signals for it.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.utils import timezone

from huizen.models import (
    Bevolking,
    Deelgemeente,
    Gemeente,
    Huis,
    Omtrek,
    Postcode,
    VrindCluster,
    Wijziging,
)
from kern.bewerken import bewaar_met_versie, verwijder_met_versie
from kern.cijfers import VRIND_CLUSTERS
from kern.kaart import Projectie, lees_topojson, samenvoegen, svg_pad
from kern.tabellen import datumtekst
from kern.versies import verhoog

#: The scope of kern.versies that the reference data (gemeenten, postcodes, mergers, clusters,
#: the life-domain lists) is cached under.
REFERENTIE = "referentie"


def huis_scopes(huis_pk: int) -> tuple[str, str]:
    """The data-version scopes a write to this Huis's data raises: all Huizen, and this one."""
    return ("huizen", f"huis:{huis_pk}")


def verhoog_huis(huis: Huis) -> None:
    """Raise the data versions of the Huis (once the current transaction commits)."""
    verhoog(*huis_scopes(huis.pk))


REFERENTIEDATA = Path(__file__).resolve().parent / "referentiedata"
#: The map of the gemeenten of 2019-2024 (TopoJSON); today's are unions of its shapes.
KAART = "gemeenten-2019.topojson"
#: The plane of the portal's maps: Flanders and Brussels about 2,150 by 850 units (1 unit ~ 110 m).
KAARTPROJECTIE = Projectie(west=2.5, noord=51.55, breedtegraad=51.0, schaal=1000)
#: Detail of the outlines in plane units (~ 90 m): the map of all gemeenten stays small.
KAARTDETAIL = 0.8


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
    shipped with the project, and from the shipped map the outlines and the inhabitants of 2020.

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
    _laad_kaart({r["nis"]: r["opvolger_nis"] for r in gemeenten_rijen}, bestaande)

    deel_rijen = _lees_csv("deelgemeenten.csv")
    _synchroniseer(
        Deelgemeente,
        sleutel=("code",),
        rijen=[
            {"code": r["code"], "naam": r["naam"], "gemeente_id": bestaande[r["gemeente_nis"]].pk}
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
                "gemeente_id": bestaande[r["gemeente_nis"]].pk,
            }
            for r in post_rijen
        ],
    )
    verhoog(REFERENTIE)
    return Laadresultaat(len(gemeenten_rijen), len(deel_rijen), len(post_rijen))


#: The source of the default population figures: the inhabitants in the shipped map.
STANDAARDBRON = "Statbel, inwoners op 1 januari 2020 (kaart van de gemeenten 2019-2024)"
STANDAARDJAAR = 2020


def _laad_kaart(opvolgers: dict[str, str], gemeenten: dict[str, Gemeente]) -> None:
    """From the shipped map of 2019: store the outline of every gemeente (its shape united with
    the shapes of the gemeenten that merged into it since, following `opvolgers`, NIS -> NIS),
    and its inhabitants of 2020 (summed the same way) as the default population figures."""
    topologie = json.loads((REFERENTIEDATA / KAART).read_text(encoding="utf-8"))
    vormen = lees_topojson(
        topologie, "gemeenten", sleutel="nis", projectie=KAARTPROJECTIE, tolerantie=KAARTDETAIL
    )
    inwoners = {
        str(g["properties"]["nis"]): g["properties"].get("inwoners_2020")
        for g in topologie["objects"]["gemeenten"]["geometries"]
    }
    delen: dict[str, list[str]] = {}
    for nis in inwoners:
        huidig, gezien = nis, set()
        while huidig and huidig not in gezien:
            gezien.add(huidig)
            delen.setdefault(huidig, []).append(nis)
            huidig = opvolgers.get(huidig, "")
    rijen = []
    for nis, onderdelen in delen.items():
        pad = svg_pad(samenvoegen(vormen, onderdelen)) if nis in gemeenten else None
        if pad is not None:
            rijen.append(
                {
                    "gemeente_id": gemeenten[nis].pk,
                    "pad": pad.d,
                    "x_min": pad.x_min,
                    "y_min": pad.y_min,
                    "x_max": pad.x_max,
                    "y_max": pad.y_max,
                }
            )
    Omtrek.objects.exclude(gemeente_id__in=[rij["gemeente_id"] for rij in rijen]).delete()
    _synchroniseer(Omtrek, sleutel=("gemeente_id",), rijen=rijen)
    _laad_standaardbevolking(
        {
            gemeenten[nis].pk: sum(inwoners[deel] for deel in onderdelen)
            for nis, onderdelen in delen.items()
            if nis in gemeenten and all(isinstance(inwoners[deel], int) for deel in onderdelen)
        }
    )


def _laad_standaardbevolking(inwoners: dict[int, int]) -> None:
    """The default inhabitants of 2020 per gemeente; a figure Opgroeien imported for 2020 stays."""
    geimporteerd = set(
        Bevolking.objects.filter(jaar=STANDAARDJAAR)
        .exclude(bron=STANDAARDBRON)
        .values_list("gemeente_id", flat=True)
    )
    _synchroniseer(
        Bevolking,
        sleutel=("gemeente_id", "jaar"),
        rijen=[
            {"gemeente_id": pk, "jaar": STANDAARDJAAR, "inwoners": aantal, "bron": STANDAARDBRON}
            for pk, aantal in inwoners.items()
            if pk not in geimporteerd
        ],
    )


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

    vermelding = f"{bron}, geïmporteerd op {datumtekst(timezone.localdate())}"
    with transaction.atomic():
        for nis, cluster in toewijzing.items():
            gemeente = gemeenten[nis]
            gemeente.cluster = cluster
            gemeente.cluster_bron = vermelding[:200]
            gemeente.save(update_fields=["cluster", "cluster_bron"])
            resultaat.bijgewerkt += 1
        verhoog(REFERENTIE)
    return resultaat


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
    """Save one part of a Huis's profile (the Huis itself or one of its rows) and record the
    change in its history.

    `gegevens`, `m2m` and `extra` are as for `kern.bewerken.bewaar_met_versie`. Raises Conflict
    when the row's version is not `verwachte_versie` any more (someone else saved it in the
    meantime) and ValidationError when the values break a rule of the row.
    """
    if not isinstance(obj, Huis):
        obj.huis = huis
    bewaring = bewaar_met_versie(
        obj=obj, gegevens=gegevens, verwachte_versie=verwachte_versie, m2m=m2m, extra=extra
    )
    if bewaring.bewaard:
        verhoog_huis(huis)
        Wijziging.objects.create(
            huis=huis,
            gebruiker=gebruiker,
            onderdeel=onderdeel,
            omschrijving=str(bewaring.obj)[:300],
            actie=Wijziging.Actie.TOEGEVOEGD if bewaring.nieuw else Wijziging.Actie.GEWIJZIGD,
            velden=bewaring.velden,
        )
    return bewaring.obj


@transaction.atomic
def verwijder_onderdeel(
    *, gebruiker, huis: Huis, obj: models.Model, onderdeel: str, verwachte_versie: int | None
) -> None:
    """Delete one row of a Huis's profile and record it; Conflict if it changed meanwhile."""
    omschrijving = verwijder_met_versie(
        rijen=type(obj).objects.filter(huis=huis), pk=obj.pk, verwachte_versie=verwachte_versie
    )
    if omschrijving is None:
        return  # already gone: deleting twice is not an error for the user
    verhoog_huis(huis)
    Wijziging.objects.create(
        huis=huis,
        gebruiker=gebruiker,
        onderdeel=onderdeel,
        omschrijving=omschrijving[:300],
        actie=Wijziging.Actie.VERWIJDERD,
        velden=[],
    )
