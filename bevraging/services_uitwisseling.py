"""Import and export of the responses of one wave (golf): one row per Huis, one column per question.

The layout is the same for XLSX and CSV, so an export can be imported again as it is:

- row 1 holds the column keys, row 2 their labels (the question's wording), row 3 on one Huis each.
  The import skips row 2 when it is that label row (recognised by the label under `slug` or
  `huis`), so a file with only the keys row is fine too.
- first the Huis as it was in the wave (`bevraging.selectors.kenmerken`): `huis` (name), `slug`,
  `nis` (the NIS codes of its gemeenten then), `gemeenten`, `provincie`, `vrind_cluster`,
  `intergemeentelijk` (ja/nee), `fysieke_locatie` (ja, gepland or nee) and `status`. A Huis lies
  in every cluster and provincie of its gemeenten (several are joined with " | ").
- then per question, in questionnaire order, the column `<sleutel>` and, where the question has
  them, `<sleutel>.andere` (the text of the "andere: …" option) and `<sleutel>.toelichting` (the
  open field next to the answer). Values: a score is the number 1-5; ja/nee `ja` or `nee`; a single
  choice the option code; a multiple choice or age categories the codes joined with "|"; a number
  the number (CSV: decimal comma); open text the text. The XLSX has a second sheet "Vragen" (and
  the CSV a separate download) listing every column with its question, type and answer codes.
- CSV is UTF-8 with BOM, ';'-separated, as Belgian Excel opens it; text starting with a formula
  character gets a leading apostrophe (as `kern.tabellen` does), which the import removes again.

The import reads either format (XLSX with openpyxl in read-only mode; CSV as UTF-8 with or without
BOM, or Windows-1252 as Excel saves it, separated by ';', ',' or a tab). A row is identified by
`slug`, or by `nis` when the slug is empty. Everything is checked before anything is written, and
every problem is reported with its row, column and value: unknown or duplicate Huizen and columns,
values that do not fit the question (`Vraag.controleer_waarde`, with the maximum number of choices
and the "andere" text as on submit), answers to questions the skip logic hides, an unknown status,
and Huizen that already have a response in the wave unless replacing was asked. Required questions
left empty are not an error (older waves have gaps); the preview counts them. Yes/no cells take
ja/nee, true/false, waar/onwaar or 1/0 in any case (and real XLSX booleans), choices their code or
their label. The problems come with a summary per column (how many, the first example).

`intergemeentelijk`, `fysieke_locatie` and `vrind_cluster`, where filled in, are kept as the Huis's
attributes in the wave (`bevraging.services.leg_golfkenmerken_vast`); in a closed wave every
imported Huis is kept as it was on the wave's reference date otherwise. `huis`, `gemeenten` and
`provincie` are not read, and a file that has them gets a warning saying so.

The import writes a response per row in one transaction: status `gevalideerd` (or `ingediend` when
the status column says so), no interviewer, one `Statuswijziging` with reason "geïmporteerd uit
<bestandsnaam>", and its answers. A replaced response loses all its former answers: the row is the
whole response. A wave in preparation refuses imports (its questionnaire may still change); open and
closed waves accept them, so the results of 2016 and 2022 can be loaded.

Between the check and the confirmation the uploaded file waits in private storage
(`PRIVATE_MEDIA_ROOT/bevraging-import/`, never under the public media), under a random name the
user's session holds; confirming or cancelling removes it and files older than a day are cleared on
the next upload. Private storage must therefore be shared by the web processes, as for the reports.

Where it lives: the layout and the codebook in `bevraging.uitwisseling.indeling`, reading a file
and its cells in `bevraging.uitwisseling.bestanden`, the checks of an import (one named step each)
in `bevraging.uitwisseling.controle`; this module writes the export, runs the import and keeps the
upload between preview and confirmation.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bevraging.models import (
    MEERDERE_CODES,
    Antwoord,
    Golf,
    Golfstatus,
    Respons,
    Responsstatus,
    Statuswijziging,
    Vraag,
    Vraagtype,
    is_leeg,
)
from bevraging.rechten import eis_opgroeien
from bevraging.selectors import vragen_van_golf
from bevraging.selectors.kenmerken import kenmerken_van_golf
from bevraging.services import leg_golfkenmerken_vast
from bevraging.uitwisseling.controle import Importcontrole, controleer_import
from bevraging.uitwisseling.indeling import (
    ANDERE,
    BLAD_ANTWOORDEN,
    BLAD_VRAGEN,
    EERSTE_DATARIJ,
    SCHEIDING,
    TOELICHTING,
    Kolom,
    kolommen_van,
    vragentabel,
)
from huizen.models import Huis, VrindCluster
from kern.cijfers import Provincie, Werking
from kern.tabellen import FORMULETEKENS, XLSX, Tabel, xlsx_tekst
from kern.versies import verhoog

BEWAARTIJD_UPLOAD = 24 * 60 * 60
UPLOADMAP = "bevraging-import"
AFGEROND = (Responsstatus.INGEDIEND, Responsstatus.GEVALIDEERD)


class ImportNietSchoon(ValidationError):
    """The file has problems; nothing was imported. `controle` lists them."""

    def __init__(self, controle: Importcontrole):
        super().__init__(f"Het bestand heeft {len(controle.problemen)} problemen; er is niets geïmporteerd.")
        self.controle = controle


# --- Export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    inhoud: bytes
    content_type: str
    bestandsnaam: str
    aantal_huizen: int


def te_exporteren(golf: Golf, *, met_concepten: bool = False):
    """The responses of the wave an export holds: submitted and validated (and drafts if asked)."""
    responsen = Respons.objects.filter(golf=golf)
    if not met_concepten:
        responsen = responsen.filter(status__in=AFGEROND)
    return responsen


def _samengevoegd(waarden: Iterable[str]) -> str:
    return f" {SCHEIDING} ".join(dict.fromkeys(w for w in waarden if w))


def exportrijen(golf: Golf, *, met_concepten: bool = False) -> tuple[list[Kolom], list[list]]:
    """The columns and the rows (Python values: str, int, float or None), one per Huis by name.

    A fixed number of queries, whatever the number of Huizen.
    """
    vragen = vragen_van_golf(golf)
    kolommen = kolommen_van(vragen)
    responsen = {r.huis_id: r for r in te_exporteren(golf, met_concepten=met_concepten)}
    antwoorden: dict[int, dict[int, tuple]] = {}
    for respons_id, vraag_id, waarde, toelichting, andere_tekst in Antwoord.objects.filter(
        respons__in=[r.pk for r in responsen.values()]
    ).values_list("respons_id", "vraag_id", "waarde", "toelichting", "andere_tekst"):
        antwoorden.setdefault(respons_id, {})[vraag_id] = (waarde, toelichting, andere_tekst)
    clusters = {c.nummer: c for c in VrindCluster.objects.all()}
    kenmerken = kenmerken_van_golf(golf, responsen)
    rijen = []
    for huis in Huis.objects.filter(pk__in=list(responsen)).order_by("naam").only("pk", "naam", "slug"):
        respons, k = responsen[huis.pk], kenmerken[huis.pk]
        waarden = {
            "huis": huis.naam,
            "slug": huis.slug,
            "nis": _samengevoegd(sorted(g.nis for g in k.gemeenten)),
            "gemeenten": _samengevoegd(g.naam for g in k.gemeenten),
            "provincie": _samengevoegd(sorted(str(dict(Provincie.choices).get(p, p)) for p in k.provincies)),
            "vrind_cluster": _samengevoegd(str(clusters[n]) for n in k.clusters if n in clusters),
            "intergemeentelijk": "ja" if k.werking == Werking.INTERGEMEENTELIJK else "nee",
            "fysieke_locatie": k.fysieke_locatie,
            "status": respons.status,
        }
        per_vraag = antwoorden.get(respons.pk, {})
        rij = []
        for kolom in kolommen:
            if kolom.is_huiskolom:
                rij.append(waarden[kolom.sleutel])
                continue
            waarde, toelichting, andere_tekst = per_vraag.get(kolom.vraag.pk, (None, "", ""))
            if kolom.deel == ANDERE:
                rij.append(andere_tekst or None)
            elif kolom.deel == TOELICHTING:
                rij.append(toelichting or None)
            else:
                rij.append(_exportwaarde(kolom.vraag, waarde))
        rijen.append(rij)
    return kolommen, rijen


def _exportwaarde(vraag: Vraag, waarde):
    if is_leeg(waarde):
        return None
    if vraag.type in MEERDERE_CODES and isinstance(waarde, list):
        return SCHEIDING.join(str(c) for c in waarde)
    if vraag.type == Vraagtype.GETAL and isinstance(waarde, float) and waarde.is_integer():
        return int(waarde)
    return waarde


def _csv_tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float):
        return format(Decimal(str(waarde)).normalize(), "f").replace(".", ",")
    tekst = str(waarde)
    return f"'{tekst}" if isinstance(waarde, str) and tekst.startswith(FORMULETEKENS) else tekst


def _als_csv(kolommen: list[Kolom], rijen: list[list]) -> bytes:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([k.sleutel for k in kolommen])
    schrijver.writerow([_csv_tekst(k.label) for k in kolommen])
    schrijver.writerows([_csv_tekst(w) for w in rij] for rij in rijen)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _zet(blad, rij: int, kolom: int, waarde):
    cel = blad.cell(row=rij, column=kolom, value=xlsx_tekst(waarde) if isinstance(waarde, str) else waarde)
    if isinstance(waarde, str):
        cel.data_type = "s"  # never a formula, whatever the text starts with
    return cel


def _als_xlsx(kolommen: list[Kolom], rijen: list[list], vragen: Tabel) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    werkboek = Workbook()
    blad = werkboek.active
    blad.title = BLAD_ANTWOORDEN
    vet = Font(bold=True)
    for k, kolom in enumerate(kolommen, start=1):
        _zet(blad, 1, k, kolom.sleutel).font = vet
        _zet(blad, 2, k, kolom.label)
        blad.column_dimensions[get_column_letter(k)].width = min(40, max(12, len(kolom.sleutel) + 2))
    for r, rij in enumerate(rijen, start=EERSTE_DATARIJ):
        for k, waarde in enumerate(rij, start=1):
            if waarde is not None:
                _zet(blad, r, k, waarde)
    blad.freeze_panes = "C3"
    uitleg = werkboek.create_sheet(BLAD_VRAGEN)
    for k, naam in enumerate(vragen.kolommen, start=1):
        _zet(uitleg, 1, k, naam).font = vet
    for r, rij in enumerate(vragen.rijen, start=2):
        for k, cel in enumerate(rij, start=1):
            if cel.waarde not in (None, ""):
                _zet(uitleg, r, k, cel.waarde)
    for k, breedte in enumerate((36, 22, 70, 24, 10, 10, 30, 70), start=1):
        uitleg.column_dimensions[get_column_letter(k)].width = breedte
    uitleg.freeze_panes = "A2"
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()


def exporteer(golf: Golf, *, formaat: str, met_concepten: bool = False) -> Export:
    """The wave's responses as a CSV or XLSX file in the layout of this module."""
    kolommen, rijen = exportrijen(golf, met_concepten=met_concepten)
    naam = f"bevraging-{golf.jaar}-antwoorden-{timezone.localdate():%Y-%m-%d}.{formaat}"
    if formaat == "xlsx":
        inhoud, soort = _als_xlsx(kolommen, rijen, vragentabel(golf)), XLSX
    else:
        inhoud, soort = _als_csv(kolommen, rijen), "text/csv; charset=utf-8"
    return Export(inhoud=inhoud, content_type=soort, bestandsnaam=naam, aantal_huizen=len(rijen))


# --- Importing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Importresultaat:
    nieuw: int
    vervangen: int
    antwoorden: int


@transaction.atomic
def importeer(*, golf: Golf, bestandsnaam: str, inhoud: bytes, vervangen: bool, door) -> Importresultaat:
    """Import the file into the wave, all or nothing: ImportNietSchoon when it has any problem.

    The file is checked again here, inside the transaction, so what is written is what was
    checked even if someone changed the wave between the preview and the confirmation.
    """
    eis_opgroeien(door)
    golf = Golf.objects.select_for_update(of=("self",)).select_related("vragenlijst").get(pk=golf.pk)
    controle = controleer_import(golf=golf, bestandsnaam=bestandsnaam, inhoud=inhoud, vervangen=vervangen)
    if not controle.is_schoon:
        raise ImportNietSchoon(controle)
    nu = timezone.now()
    reden = f"geïmporteerd uit {bestandsnaam}"[:1000]
    huis_ids = [r.huis.pk for r in controle.rijen]
    bestaande = {
        r.huis_id: r for r in Respons.objects.select_for_update().filter(golf=golf, huis_id__in=huis_ids)
    }
    Antwoord.objects.filter(respons__in=list(bestaande.values())).delete()

    nieuwe, gewijzigd, wijzigingen = [], [], []
    for rij in controle.rijen:
        respons = bestaande.get(rij.huis.pk)
        van = respons.status if respons else Responsstatus.NIET_GESTART
        if respons is None:
            respons = Respons(golf=golf, huis=rij.huis)
            nieuwe.append(respons)
        else:
            respons.versie += 1
            gewijzigd.append(respons)
        respons.status = rij.status
        respons.interviewer = None
        respons.heropen_reden = ""
        respons.ingediend = nu
        respons.gevalideerd = nu if rij.status == Responsstatus.GEVALIDEERD else None
        respons.gewijzigd = nu
        wijzigingen.append((respons, van, rij))
    Respons.objects.bulk_create(nieuwe)
    Respons.objects.bulk_update(
        gewijzigd,
        ["status", "interviewer", "heropen_reden", "ingediend", "gevalideerd", "versie", "gewijzigd"],
    )
    Statuswijziging.objects.bulk_create(
        Statuswijziging(respons=respons, van=van, naar=rij.status, door=door, tijdstip=nu, reden=reden)
        for respons, van, rij in wijzigingen
    )
    Antwoord.objects.bulk_create(
        (
            Antwoord(
                respons=respons,
                vraag=antwoord.vraag,
                waarde=antwoord.waarde,
                toelichting=antwoord.toelichting,
                andere_tekst=antwoord.andere_tekst,
            )
            for respons, _van, rij in wijzigingen
            for antwoord in rij.antwoorden
        ),
        batch_size=500,
    )
    # The Huis's attributes in the wave the file gives; in a closed wave the others as they were.
    gegeven = {rij.huis.pk: rij.kenmerken for rij in controle.rijen if rij.kenmerken}
    leg_golfkenmerken_vast(
        golf=golf,
        huis_ids=huis_ids if golf.status == Golfstatus.AFGESLOTEN else list(gegeven),
        gegeven=gegeven,
    )
    verhoog("bevraging", f"golf:{golf.pk}")
    return Importresultaat(nieuw=len(nieuwe), vervangen=len(gewijzigd), antwoorden=controle.aantal_antwoorden)


# --- The upload between preview and confirmation ---------------------------------------------

_TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Upload:
    """An uploaded file waiting for confirmation: what the session keeps."""

    token: str
    bestandsnaam: str
    sha256: str
    golf_pk: int
    vervangen: bool

    def als_dict(self) -> dict:
        return {
            "token": self.token,
            "bestandsnaam": self.bestandsnaam,
            "sha256": self.sha256,
            "golf_pk": self.golf_pk,
            "vervangen": self.vervangen,
        }

    @classmethod
    def uit_dict(cls, gegevens) -> Upload | None:
        try:
            upload = cls(
                token=str(gegevens["token"]),
                bestandsnaam=str(gegevens["bestandsnaam"]),
                sha256=str(gegevens["sha256"]),
                golf_pk=int(gegevens["golf_pk"]),
                vervangen=bool(gegevens["vervangen"]),
            )
        except (KeyError, TypeError, ValueError):
            return None
        return upload if _TOKEN.fullmatch(upload.token) else None


def _uploadmap() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / UPLOADMAP


def bewaar_upload(*, golf: Golf, bestandsnaam: str, inhoud: bytes, vervangen: bool) -> Upload:
    """Keep a checked file in private storage until it is confirmed or cancelled."""
    map_ = _uploadmap()
    map_.mkdir(parents=True, exist_ok=True)
    grens = time.time() - BEWAARTIJD_UPLOAD
    for oud in map_.glob("*.upload"):
        try:
            if oud.stat().st_mtime < grens:
                oud.unlink()
        except OSError:
            pass
    token = secrets.token_hex(16)
    (map_ / f"{token}.upload").write_bytes(inhoud)
    return Upload(
        token=token,
        bestandsnaam=Path(bestandsnaam).name[:200],
        sha256=hashlib.sha256(inhoud).hexdigest(),
        golf_pk=golf.pk,
        vervangen=vervangen,
    )


def lees_upload(upload: Upload) -> bytes | None:
    """The kept file, or None when it is gone or not the file that was checked."""
    if not _TOKEN.fullmatch(upload.token):
        return None
    try:
        inhoud = (_uploadmap() / f"{upload.token}.upload").read_bytes()
    except OSError:
        return None
    return inhoud if hashlib.sha256(inhoud).hexdigest() == upload.sha256 else None


def verwijder_upload(upload: Upload) -> None:
    if _TOKEN.fullmatch(upload.token):
        (_uploadmap() / f"{upload.token}.upload").unlink(missing_ok=True)
