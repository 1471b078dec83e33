"""Import and export of the responses of one wave (golf): one row per Huis, one column per question.

The layout is the same for XLSX and CSV, so an export can be imported again as it is:

- row 1 holds the column keys, row 2 their labels (the question's wording), row 3 on one Huis each.
  The import skips row 2 when it is that label row (recognised by the label under `slug` or
  `huis`), so a file with only the keys row is fine too.
- first the Huis: `huis` (name), `slug`, `nis` (today's NIS codes), `gemeenten`, `provincie`,
  `vrind_cluster`, `intergemeentelijk` (ja/nee), `fysieke_locatie` (ja/nee) and `status`. They
  are computed as on the Opgroeien overview (`huizen.overzicht`): intermunicipal means more than
  one gemeente today, a physical location at least one Locatie, and a Huis lies in every cluster
  and provincie of its gemeenten (several are joined with " | ").
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
left empty are not an error (older waves have gaps); the preview counts them.

The import writes a response per row in one transaction: status `gevalideerd` (or `ingediend` when
the status column says so), no interviewer, one `Statuswijziging` with reason "geïmporteerd uit
<bestandsnaam>", and its answers. A replaced response loses all its former answers: the row is the
whole response. A wave in preparation refuses imports (its questionnaire may still change); open and
closed waves accept them, so the results of 2016 and 2022 can be loaded.

Between the check and the confirmation the uploaded file waits in private storage
(`PRIVATE_MEDIA_ROOT/bevraging-import/`, never under the public media), under a random name the
user's session holds; confirming or cancelling removes it and files older than a day are cleared on
the next upload. Private storage must therefore be shared by the web processes, as for the reports.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
import secrets
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
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
from bevraging.selectors import vragen_van
from bevraging.services import _eis_opgroeien
from huizen.models import Gemeente, Huis, VrindCluster, Werkingsgebied
from huizen.selectors import Selectie, huizenlijst
from kern.cijfers import Filter, Werking, werking_van
from kern.invoer import onveilige_cellen
from kern.tabellen import FORMULETEKENS, XLSX, Cel, Leesfout, Tabel, lees_xlsx, xlsx_tekst

MAX_BESTAND = 5 * 1024 * 1024
MAX_RIJEN = 1000
MAX_KOLOMMEN = 1000
MAX_CELLEN = 200_000  # an XLSX sheet: 1000 Huizen x 200 columns (the export of 2022 has 98)
MAX_UITGEPAKT = 20 * 1024 * 1024  # an XLSX file unpacked (all its parts)
SCHEIDING = "|"
BEWAARTIJD_UPLOAD = 24 * 60 * 60
UPLOADMAP = "bevraging-import"
BLAD_ANTWOORDEN = "Antwoorden"
BLAD_VRAGEN = "Vragen"
EERSTE_DATARIJ = 3  # row 1: keys, row 2: labels

#: The Huis columns of the export: key -> label (row 2).
HUISKOLOMMEN: dict[str, str] = {
    "huis": "Naam van het Huis",
    "slug": "Slug van het Huis (zo herkent de import het Huis)",
    "nis": "NIS-codes van de gemeenten vandaag (de import gebruikt ze als de slug leeg is)",
    "gemeenten": "Gemeenten vandaag",
    "provincie": "Provincie",
    "vrind_cluster": "VRIND-cluster",
    "intergemeentelijk": "Intergemeentelijk (ja/nee)",
    "fysieke_locatie": "Fysieke locatie (ja/nee)",
    "status": "Status van de respons (ingediend of gevalideerd)",
}
ANDERE = "andere"
TOELICHTING = "toelichting"
IMPORTSTATUSSEN = (Responsstatus.GEVALIDEERD, Responsstatus.INGEDIEND)
AFGEROND = (Responsstatus.INGEDIEND, Responsstatus.GEVALIDEERD)

# The messages of Vraag.controleer_waarde about the "andere" text, shown at the `.andere` column.
_ANDERE_MELDINGEN = (
    "Vul alleen een tekst bij 'andere' in als u 'andere' aanduidt.",
    "Vul in wat u bij 'andere' bedoelt.",
)


class Bestandsfout(ValidationError):
    """The upload is not a readable XLSX or CSV file."""


class ImportNietSchoon(ValidationError):
    """The file has problems; nothing was imported. `controle` lists them."""

    def __init__(self, controle: Importcontrole):
        super().__init__(f"Het bestand heeft {len(controle.problemen)} problemen; er is niets geïmporteerd.")
        self.controle = controle


# --- Columns ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    """One column of the layout: a Huis column, or the answer, "andere" text or open field of a
    question (`deel` "", ANDERE or TOELICHTING)."""

    sleutel: str
    label: str
    vraag: Vraag | None = None
    deel: str = ""

    @property
    def is_huiskolom(self) -> bool:
        return self.vraag is None


def _heeft_andere(vraag: Vraag) -> bool:
    return any(o.is_andere for o in vraag.opties())


def kolommen_van(vragen: Iterable[Vraag]) -> list[Kolom]:
    """The columns of the layout for these questions (in questionnaire order)."""
    kolommen = [Kolom(sleutel, label) for sleutel, label in HUISKOLOMMEN.items()]
    for vraag in vragen:
        kolommen.append(Kolom(vraag.sleutel, vraag.tekst, vraag))
        if _heeft_andere(vraag):
            kolommen.append(
                Kolom(f"{vraag.sleutel}.{ANDERE}", f"Andere, namelijk (bij {vraag.sleutel})", vraag, ANDERE)
            )
        if vraag.open_veld:
            label = vraag.open_veld_label or f"Open veld bij {vraag.sleutel}"
            kolommen.append(Kolom(f"{vraag.sleutel}.{TOELICHTING}", label, vraag, TOELICHTING))
    return kolommen


def _vragen(golf: Golf) -> list[Vraag]:
    if not hasattr(golf, "vragenlijst"):
        return []
    return list(vragen_van(golf.vragenlijst))


def _code_uitleg(vraag: Vraag) -> str:
    return f" {SCHEIDING} ".join(f"{o.code} = {o.label}" for o in vraag.opties())


def _soort_uitleg(vraag: Vraag) -> str:
    if vraag.type == Vraagtype.SCORE:
        return "score: een getal van 1 tot 5"
    if vraag.type in MEERDERE_CODES:
        return f"meerdere codes, gescheiden door {SCHEIDING}"
    if vraag.type == Vraagtype.GETAL:
        grenzen = [
            f"minstens {vraag.min_waarde.normalize():f}" if vraag.min_waarde is not None else "",
            f"hoogstens {vraag.max_waarde.normalize():f}" if vraag.max_waarde is not None else "",
        ]
        extra = ", ".join(g for g in grenzen if g)
        return f"getal ({vraag.decimalen} decimalen{', ' + extra if extra else ''})"
    return str(vraag.get_type_display())


def vragentabel(golf: Golf) -> Tabel:
    """Every column of the layout with its question, type, rules and answer codes (the codebook)."""
    rijen = []
    for kolom in kolommen_van(_vragen(golf)):
        vraag = kolom.vraag
        if vraag is None:
            cellen = [kolom.sleutel, "Huis", kolom.label, "", "", "", "", ""]
        elif kolom.deel:
            soort = "tekst bij 'andere'" if kolom.deel == ANDERE else "open tekst"
            cellen = [kolom.sleutel, vraag.thema.titel, kolom.label, soort, "nee", "", "", ""]
        else:
            alleen_als = (
                f"{vraag.afhankelijk_van.sleutel} = {' of '.join(map(str, vraag.toon_als))}"
                if vraag.afhankelijk_van_id
                else ""
            )
            cellen = [
                kolom.sleutel,
                vraag.thema.titel,
                f"{vraag.item}: {vraag.tekst}" if vraag.item else vraag.tekst,
                _soort_uitleg(vraag),
                "ja" if vraag.verplicht else "nee",
                str(vraag.max_keuzes or ""),
                alleen_als,
                _code_uitleg(vraag),
            ]
        rijen.append([Cel(waarde) for waarde in cellen])
    return Tabel(
        naam=f"bevraging-{golf.jaar}-vragen",
        titel=f"Kolommen en antwoordcodes van {golf.naam}",
        kolommen=[
            "Kolom",
            "Thema",
            "Vraag",
            "Soort",
            "Verplicht",
            "Hoogstens",
            "Alleen als",
            "Antwoordcodes",
        ],
        rijen=rijen,
    )


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
    vragen = _vragen(golf)
    kolommen = kolommen_van(vragen)
    responsen = {r.huis_id: r for r in te_exporteren(golf, met_concepten=met_concepten)}
    antwoorden: dict[int, dict[int, tuple]] = {}
    for respons_id, vraag_id, waarde, toelichting, andere_tekst in Antwoord.objects.filter(
        respons__in=[r.pk for r in responsen.values()]
    ).values_list("respons_id", "vraag_id", "waarde", "toelichting", "andere_tekst"):
        antwoorden.setdefault(respons_id, {})[vraag_id] = (waarde, toelichting, andere_tekst)
    clusters = {c.pk: c for c in VrindCluster.objects.all()}
    huizen = huizenlijst(Filter(), Selectie()).filter(pk__in=list(responsen))
    rijen = []
    for huis in huizen:
        respons = responsen[huis.pk]
        gemeenten = [rij.gemeente for rij in huis.werkingsgebied_vandaag]
        huiscluster = sorted(
            {clusters[g.cluster_id] for g in gemeenten if g.cluster_id in clusters}, key=lambda c: c.nummer
        )
        waarden = {
            "huis": huis.naam,
            "slug": huis.slug,
            "nis": _samengevoegd(sorted(g.nis for g in gemeenten)),
            "gemeenten": _samengevoegd(g.naam for g in gemeenten),
            "provincie": _samengevoegd(sorted(str(g.get_provincie_display()) for g in gemeenten)),
            "vrind_cluster": _samengevoegd(str(c) for c in huiscluster),
            "intergemeentelijk": "ja"
            if werking_van(huis.aantal_gemeenten) == Werking.INTERGEMEENTELIJK
            else "nee",
            "fysieke_locatie": "ja" if huis.aantal_locaties else "nee",
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


# --- Reading a file --------------------------------------------------------------------------


def formaat_van(bestandsnaam: str, inhoud: bytes) -> str:
    """ "xlsx" or "csv", from the name and checked against the content; Bestandsfout otherwise."""
    extensie = Path(bestandsnaam or "").suffix.lower()
    if extensie == ".xlsx":
        if not inhoud.startswith(b"PK\x03\x04"):
            raise Bestandsfout("Dit bestand eindigt op .xlsx maar is geen Excel-bestand (XLSX).")
        return "xlsx"
    if extensie == ".csv":
        if inhoud.startswith(b"PK\x03\x04") or b"\x00" in inhoud[:4096]:
            raise Bestandsfout(
                "Dit bestand eindigt op .csv maar is geen tekstbestand met komma's of puntkomma's."
            )
        return "csv"
    raise Bestandsfout("Kies een Excel-bestand (.xlsx) of een CSV-bestand (.csv).")


def _lees_xlsx(inhoud: bytes) -> list[list]:
    try:
        return lees_xlsx(
            inhoud,
            blad=BLAD_ANTWOORDEN,
            max_rijen=MAX_RIJEN + EERSTE_DATARIJ,
            max_cellen=MAX_CELLEN,
            max_bytes=MAX_UITGEPAKT,
        )
    except Leesfout as fout:
        raise Bestandsfout(str(fout)) from fout


def _lees_csv(inhoud: bytes) -> list[list]:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            tekst = inhoud.decode("cp1252")
        except UnicodeDecodeError as fout:
            raise Bestandsfout("Dit CSV-bestand is geen leesbare tekst (UTF-8 of Windows-1252).") from fout
    eerste = tekst.split("\n", 1)[0]
    scheiding = max([";", "\t", ","], key=lambda teken: (eerste.count(teken), teken == ";"))
    rijen = []
    try:
        for rij in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding):
            if len(rijen) >= MAX_RIJEN + EERSTE_DATARIJ:
                raise Bestandsfout(
                    f"Het bestand heeft meer dan {MAX_RIJEN} rijen; één golf heeft één rij per Huis."
                )
            rijen.append(rij[: MAX_KOLOMMEN + 1])
    except csv.Error as fout:
        raise Bestandsfout(f"Dit CSV-bestand kan niet gelezen worden: {fout}.") from fout
    return rijen


def lees_bestand(bestandsnaam: str, inhoud: bytes) -> list[list]:
    """The rows of the file's first (or "Antwoorden") sheet; Bestandsfout if it cannot be read."""
    if not inhoud:
        raise Bestandsfout("Het bestand is leeg.")
    if len(inhoud) > MAX_BESTAND:
        raise Bestandsfout("Het bestand is groter dan 5 MB.")
    if formaat_van(bestandsnaam, inhoud) == "xlsx":
        return _lees_xlsx(inhoud)
    return _lees_csv(inhoud)


# --- Reading values --------------------------------------------------------------------------


def _tekst(cel) -> str:
    """A cell as text: numbers without a needless ".0", the export's formula apostrophe removed."""
    if cel is None:
        return ""
    if isinstance(cel, bool):
        return "ja" if cel else "nee"
    if isinstance(cel, float) and cel.is_integer():
        return str(int(cel))
    if isinstance(cel, datetime.datetime | datetime.date):
        return cel.isoformat()
    tekst = str(cel).strip()
    if tekst.startswith("'") and tekst[1:2] and tekst[1:2] in FORMULETEKENS:
        tekst = tekst[1:]
    return tekst


_DUIZENDTALLEN = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")


def als_getal(cel) -> int | float | None:
    """A number from a cell: 12, 12,5 or 12.5, 1.250 or 1.250,5 (a dot between groups of three
    digits separates thousands); None if it is not a number."""
    if isinstance(cel, bool):
        return None
    if isinstance(cel, int):
        return cel
    if isinstance(cel, float):
        return int(cel) if cel.is_integer() else cel
    tekst = _tekst(cel).replace("\u00a0", "").replace(" ", "")
    if not tekst:
        return None
    if _DUIZENDTALLEN.fullmatch(tekst):
        tekst = tekst.replace(".", "").replace(",", ".")
    elif "," in tekst and "." in tekst:
        if tekst.rfind(",") > tekst.rfind("."):
            tekst = tekst.replace(".", "").replace(",", ".")
        else:
            tekst = tekst.replace(",", "")
    else:
        tekst = tekst.replace(",", ".")
    try:
        getal = Decimal(tekst)
    except InvalidOperation:
        return None
    if not getal.is_finite():
        return None
    return int(getal) if getal == getal.to_integral_value() else float(getal)


def _code(vraag: Vraag, tekst: str) -> str:
    """The option code a cell means: the code or the label, in any case; else the text as it is."""
    zoek = tekst.strip().lower()
    for optie in vraag.opties():
        if zoek in (optie.code.lower(), optie.label.strip().lower()):
            return optie.code
    return tekst.strip()


def lees_waarde(vraag: Vraag, cel):
    """The answer value a cell holds for the question, as `Antwoord.waarde` stores it.

    What cannot be read is returned as the text it is, so `controleer_waarde` names the problem.
    """
    tekst = _tekst(cel)
    if not tekst:
        return None
    if vraag.type == Vraagtype.SCORE:
        getal = als_getal(cel)
        if isinstance(getal, int):
            return getal
        code = _code(vraag, tekst)
        return int(code) if code in vraag.optiecodes() else tekst
    if vraag.type in (Vraagtype.JA_NEE, Vraagtype.ENKELE_KEUZE):
        return _code(vraag, tekst)
    if vraag.type in MEERDERE_CODES:
        delen = tekst.split(SCHEIDING) if SCHEIDING in tekst else re.split(r"[;,]", tekst)
        return [_code(vraag, deel) for deel in delen if deel.strip()]
    if vraag.type == Vraagtype.GETAL:
        getal = als_getal(cel)
        return tekst if getal is None else getal
    return tekst


def _in_optievolgorde(vraag: Vraag, waarde):
    if isinstance(waarde, list):
        volgorde = {code: i for i, code in enumerate(vraag.optiecodes())}
        return sorted(waarde, key=lambda c: volgorde.get(c, len(volgorde)))
    return waarde


# --- Checking an import ----------------------------------------------------------------------


@dataclass(frozen=True)
class Probleem:
    """One problem of a file: the spreadsheet row (None: the file as a whole), the column (letter
    and key), the value found and what is wrong, in Dutch."""

    rij: int | None
    kolom: str
    waarde: str
    melding: str


@dataclass(frozen=True)
class Importantwoord:
    vraag: Vraag
    waarde: object
    toelichting: str
    andere_tekst: str


@dataclass
class Importrij:
    rij: int
    huis: Huis
    status: str
    antwoorden: list[Importantwoord]
    bestaande: Respons | None = None
    zonder_verplicht: int = 0


@dataclass
class Importcontrole:
    """What a file would import into a wave, or why it cannot."""

    golf: Golf
    bestandsnaam: str
    vervangen: bool
    rijen: list[Importrij] = field(default_factory=list)
    problemen: list[Probleem] = field(default_factory=list)
    ontbrekende_vragen: list[str] = field(default_factory=list)

    @property
    def is_schoon(self) -> bool:
        return not self.problemen

    @property
    def aantal_antwoorden(self) -> int:
        return sum(len(r.antwoorden) for r in self.rijen)

    @property
    def nieuw(self) -> list[Importrij]:
        return [r for r in self.rijen if r.bestaande is None]

    @property
    def vervangen_rijen(self) -> list[Importrij]:
        return [r for r in self.rijen if r.bestaande is not None]

    @property
    def per_status(self) -> dict[str, int]:
        return {s.label: sum(1 for r in self.rijen if r.status == s) for s in IMPORTSTATUSSEN}

    @property
    def onvolledig(self) -> list[Importrij]:
        return [r for r in self.rijen if r.zonder_verplicht]


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _status_van(tekst: str) -> str | None:
    zoek = tekst.strip().lower()
    if not zoek:
        return Responsstatus.GEVALIDEERD
    for status in IMPORTSTATUSSEN:
        if zoek in (status.value, str(status.label).lower()):
            return status.value
    return None


def _zichtbaar(vragen: Sequence[Vraag], codes: dict[int, set[str]]) -> set[int]:
    """The questions the skip logic shows, given the chosen codes per question (as
    `bevraging.selectors.zichtbare_vragen`, without a query per row)."""
    per_id = {v.pk: v for v in vragen}
    uitkomst: dict[int, bool] = {}

    def toon(vraag: Vraag, keten: frozenset[int] = frozenset()) -> bool:
        if vraag.pk in uitkomst:
            return uitkomst[vraag.pk]
        ouder_id = vraag.afhankelijk_van_id
        if ouder_id is None:
            resultaat = True
        elif ouder_id in keten or ouder_id not in per_id:
            resultaat = False
        else:
            resultaat = toon(per_id[ouder_id], keten | {vraag.pk}) and bool(
                codes.get(ouder_id, set()) & {str(c) for c in vraag.toon_als}
            )
        uitkomst[vraag.pk] = resultaat
        return resultaat

    return {v.pk for v in vragen if toon(v)}


def _voorouders(vraag: Vraag, per_id: dict[int, Vraag]) -> set[int]:
    """The questions this one depends on, directly or through others."""
    ids, ouder_id = set(), vraag.afhankelijk_van_id
    while ouder_id is not None and ouder_id not in ids and ouder_id in per_id:
        ids.add(ouder_id)
        ouder_id = per_id[ouder_id].afhankelijk_van_id
    return ids


class _Huiszoeker:
    """Finds the Huis of a row by slug or by today's NIS codes, in a few queries for the file."""

    def __init__(self, rijen: list[list], slug_index: int | None, nis_index: int | None):
        slugs = {
            _tekst(r[slug_index]).lower() for r in rijen if slug_index is not None and slug_index < len(r)
        }
        self.per_slug = {h.slug.lower(): h for h in Huis.objects.filter(slug__in=slugs - {""})}
        self.per_nis: dict[str, set[int]] = {}
        self.huizen: dict[int, Huis] = {}
        if nis_index is None:
            return
        codes = {c for r in rijen if nis_index < len(r) for c in self.nis_codes(r[nis_index])}
        if not codes:
            return
        vandaag = timezone.localdate()
        gemeenten = {g.nis: g for g in Gemeente.objects.filter(nis__in=codes)}
        # A code of a gemeente that merged since counts as its successor of today.
        opvolger = dict(Gemeente.objects.values_list("pk", "opvolger_id")) if gemeenten else {}
        huidige = {}
        for nis, gemeente in gemeenten.items():
            pk, gezien = gemeente.pk, set()
            while opvolger.get(pk) and pk not in gezien:
                gezien.add(pk)
                pk = opvolger[pk]
            huidige[nis] = pk
        rijen_vandaag = Werkingsgebied.objects.geldig_op(vandaag).filter(
            gemeente_id__in=set(huidige.values())
        )
        per_gemeente: dict[int, set[int]] = {}
        for huis_id, gemeente_id in rijen_vandaag.values_list("huis_id", "gemeente_id"):
            per_gemeente.setdefault(gemeente_id, set()).add(huis_id)
        self.per_nis = {nis: per_gemeente.get(pk, set()) for nis, pk in huidige.items()}
        ids = {i for s in self.per_nis.values() for i in s}
        self.huizen = {h.pk: h for h in Huis.objects.filter(pk__in=ids)}

    @staticmethod
    def nis_codes(cel) -> list[str]:
        return [c for c in re.split(r"[|,;\s]+", _tekst(cel)) if c]

    def op_slug(self, slug: str) -> Huis | None:
        return self.per_slug.get(slug.lower())

    def op_nis(self, cel) -> tuple[Huis | None, str]:
        """The Huis of the NIS codes, or None with the reason."""
        codes = self.nis_codes(cel)
        onbekend = [c for c in codes if c not in self.per_nis]
        if onbekend:
            return None, f"Onbekende NIS-code: {', '.join(onbekend)}."
        ids = set()
        for code in codes:
            huizen = self.per_nis[code]
            if not huizen:
                return None, f"Geen Huis van het Kind werkt vandaag in de gemeente met NIS-code {code}."
            if len(huizen) > 1:
                return None, f"In de gemeente met NIS-code {code} werken meerdere Huizen; gebruik de slug."
            ids |= huizen
        if len(ids) > 1:
            return None, "Deze NIS-codes horen bij verschillende Huizen; gebruik de slug."
        return self.huizen[ids.pop()], ""


def controleer_import(
    *, golf: Golf, bestandsnaam: str, inhoud: bytes, vervangen: bool = False
) -> Importcontrole:
    """Read and check the whole file against the wave; nothing is written.

    Every problem is collected (not only the first), each with its row, column and value.
    """
    controle = Importcontrole(golf=golf, bestandsnaam=bestandsnaam, vervangen=vervangen)

    def probleem(rij: int | None, kolom: str, waarde, melding: str) -> None:
        controle.problemen.append(Probleem(rij, kolom, _tekst(waarde)[:200], melding))

    if golf.status == Golfstatus.IN_VOORBEREIDING:
        probleem(
            None,
            "",
            "",
            f"{golf.naam} is nog in voorbereiding: de vragenlijst kan nog wijzigen. Open de golf eerst.",
        )
        return controle
    vragen = _vragen(golf)
    if not vragen:
        probleem(None, "", "", f"{golf.naam} heeft geen vragen.")
        return controle
    try:
        rijen = lees_bestand(bestandsnaam, inhoud)
    except Bestandsfout as fout:
        probleem(None, "", "", " ".join(fout.messages))
        return controle
    if not rijen or not any(_tekst(c) for c in rijen[0]):
        probleem(
            None,
            "",
            "",
            "De eerste rij moet de kolomsleutels bevatten (bv. slug, participatie.vrijwilligers), "
            "zoals in een export.",
        )
        return controle
    for rijnummer, kolom, waarde, melding in onveilige_cellen(rijen):
        probleem(rijnummer, _letter(kolom), waarde, melding)

    # The header: which column is what.
    gekend = {k.sleutel: k for k in kolommen_van(vragen)}
    kolommen: dict[int, Kolom] = {}
    gezien: dict[str, int] = {}
    kop = rijen[0]
    for index, cel in enumerate(kop):
        sleutel = _tekst(cel).lower()
        letter = _letter(index)
        if index >= MAX_KOLOMMEN:
            probleem(1, letter, cel, f"Het bestand heeft meer dan {MAX_KOLOMMEN} kolommen.")
            break
        if not sleutel:
            if any(index < len(r) and _tekst(r[index]) for r in rijen[1:]):
                probleem(1, letter, "", "Deze kolom heeft geen sleutel in de eerste rij, maar wel waarden.")
            continue
        if sleutel in gezien:
            probleem(
                1,
                f"{letter} ({sleutel})",
                cel,
                f"Deze kolom staat er twee keer (ook kolom {_letter(gezien[sleutel])}).",
            )
            continue
        gezien[sleutel] = index
        if sleutel in gekend:
            kolommen[index] = gekend[sleutel]
            continue
        basis, _, deel = sleutel.rpartition(".")
        if deel in (ANDERE, TOELICHTING) and basis in gekend and gekend[basis].vraag is not None:
            melding = (
                f"De vraag {basis} heeft geen antwoord 'andere'."
                if deel == ANDERE
                else f"De vraag {basis} heeft geen open veld."
            )
        else:
            melding = f"Onbekende kolom: {golf.naam} heeft geen vraag met deze sleutel."
        probleem(1, f"{letter} ({sleutel})", cel, melding)

    index_van = {k.sleutel: i for i, k in kolommen.items()}
    slug_index, nis_index = index_van.get("slug"), index_van.get("nis")
    if slug_index is None and nis_index is None:
        probleem(
            None,
            "",
            "",
            "Het bestand heeft geen kolom slug of nis: zo weet de import niet welk Huis een rij is.",
        )
    per_id = {v.pk: v for v in vragen}
    vraagkolommen = {v.pk: {} for v in vragen}
    for index, kolom in kolommen.items():
        if kolom.vraag is not None:
            vraagkolommen[kolom.vraag.pk][kolom.deel] = index
    controle.ontbrekende_vragen = [v.sleutel for v in vragen if "" not in vraagkolommen[v.pk]]

    # Row 2 is the label row of an export, or already data.
    eerste = 1
    if len(rijen) > 1:
        tweede = rijen[1]
        for sleutel in ("slug", "huis"):
            index = index_van.get(sleutel)
            if index is not None and index < len(tweede) and _tekst(tweede[index]) == HUISKOLOMMEN[sleutel]:
                eerste = 2
                break
    data = rijen[eerste:]
    zoeker = _Huiszoeker(data, slug_index, nis_index)
    bestaande = {
        r.huis_id: r
        for r in Respons.objects.filter(golf=golf).only("pk", "huis_id", "status", "versie", "gestart")
    }
    huisrij: dict[int, int] = {}

    for offset, ruwe in enumerate(data):
        rijnummer = eerste + offset + 1
        rij = list(ruwe) + [None] * (len(kop) - len(ruwe))
        if not any(_tekst(c) for c in rij):
            continue

        def cel(index: int | None, rij=rij):
            return rij[index] if index is not None and index < len(rij) else None

        def kolomnaam(index: int) -> str:
            return f"{_letter(index)} ({kolommen[index].sleutel})"

        # The Huis: by slug, or by NIS codes when the slug is empty.
        huis, idkolom, idwaarde = None, "", ""
        slug = _tekst(cel(slug_index))
        if slug:
            idkolom, idwaarde = kolomnaam(slug_index), slug
            huis = zoeker.op_slug(slug)
            if huis is None:
                probleem(rijnummer, idkolom, slug, "Onbekend Huis: geen Huis van het Kind met deze slug.")
        elif _tekst(cel(nis_index)):
            idkolom, idwaarde = kolomnaam(nis_index), _tekst(cel(nis_index))
            huis, reden = zoeker.op_nis(cel(nis_index))
            if huis is None:
                probleem(rijnummer, idkolom, idwaarde, f"Onbekend Huis: {reden}")
        elif slug_index is not None or nis_index is not None:
            idkolom = kolomnaam(slug_index if slug_index is not None else nis_index)
            probleem(rijnummer, idkolom, "", "Vul de slug (of de NIS-codes) van het Huis in.")
        if huis is not None:
            if huis.pk in huisrij:
                probleem(
                    rijnummer,
                    idkolom,
                    idwaarde,
                    f"Dubbel Huis: {huis.naam} staat ook op rij {huisrij[huis.pk]}.",
                )
            else:
                huisrij[huis.pk] = rijnummer
            respons = bestaande.get(huis.pk)
            if respons is not None and not vervangen:
                probleem(
                    rijnummer,
                    idkolom,
                    idwaarde,
                    f"{huis.naam} heeft al een respons in {golf.naam} "
                    f"(status {respons.get_status_display()}). "
                    "Vink 'Bestaande responsen vervangen' aan om ze te vervangen.",
                )

        # The status.
        status_index = index_van.get("status")
        status = _status_van(_tekst(cel(status_index)))
        if status is None:
            probleem(
                rijnummer,
                kolomnaam(status_index),
                cel(status_index),
                "Onbekende status: importeer als 'ingediend' of 'gevalideerd', "
                "of laat de cel leeg (gevalideerd).",
            )

        # The answers.
        gelezen: dict[int, tuple] = {}
        met_fout: set[int] = set()
        for vraag in vragen:
            plaatsen = vraagkolommen[vraag.pk]
            if not plaatsen:
                continue
            waarde = lees_waarde(vraag, cel(plaatsen.get(""))) if "" in plaatsen else None
            toelichting = _tekst(cel(plaatsen.get(TOELICHTING)))
            andere_tekst = _tekst(cel(plaatsen.get(ANDERE)))
            meldingen = [
                str(m)
                for m in vraag.controleer_waarde(
                    waarde, andere_tekst=andere_tekst, toelichting=toelichting, volledig=not is_leeg(waarde)
                )
            ]
            for melding in meldingen:
                plaats = plaatsen.get(ANDERE) if melding in _ANDERE_MELDINGEN else None
                if plaats is None:
                    plaats = plaatsen.get("", plaatsen.get(TOELICHTING, plaatsen.get(ANDERE)))
                if (
                    vraag.type in (Vraagtype.JA_NEE, Vraagtype.ENKELE_KEUZE, *MEERDERE_CODES)
                    and "lijst" in melding
                ):
                    melding += f" Mogelijke codes: {', '.join(vraag.optiecodes())}."
                probleem(rijnummer, kolomnaam(plaats), cel(plaats), melding)
            if meldingen:
                met_fout.add(vraag.pk)
            else:
                gelezen[vraag.pk] = (_in_optievolgorde(vraag, waarde), toelichting, andere_tekst)

        codes = {v.pk: set(v.gekozen_codes(gelezen[v.pk][0])) for v in vragen if v.pk in gelezen}
        zichtbaar = _zichtbaar(vragen, codes)
        antwoorden = []
        zonder_verplicht = 0
        for vraag in vragen:
            waarde, toelichting, andere_tekst = gelezen.get(vraag.pk, (None, "", ""))
            ingevuld = not is_leeg(waarde) or toelichting or andere_tekst
            if vraag.pk not in zichtbaar:
                # Hidden by the skip logic: an answer is a problem, unless the question it depends
                # on has a problem of its own (then that one is reported).
                if ingevuld and not (met_fout & _voorouders(vraag, per_id)):
                    ouder = vraag.afhankelijk_van
                    plaats = vraagkolommen[vraag.pk].get("", next(iter(vraagkolommen[vraag.pk].values()), 0))
                    probleem(
                        rijnummer,
                        kolomnaam(plaats),
                        cel(plaats),
                        f"Deze vraag wordt alleen gesteld als {ouder.sleutel} "
                        f"'{' of '.join(map(str, vraag.toon_als))}' is; laat ze leeg.",
                    )
                continue
            if vraag.verplicht and is_leeg(waarde):
                zonder_verplicht += 1
            if ingevuld:
                antwoorden.append(
                    Importantwoord(vraag, None if is_leeg(waarde) else waarde, toelichting, andere_tekst)
                )
        if huis is not None and status is not None:
            controle.rijen.append(
                Importrij(
                    rij=rijnummer,
                    huis=huis,
                    status=status,
                    antwoorden=antwoorden,
                    bestaande=bestaande.get(huis.pk),
                    zonder_verplicht=zonder_verplicht,
                )
            )
    if not controle.rijen and not controle.problemen:
        probleem(None, "", "", "Het bestand heeft geen rijen met een Huis.")
    controle.problemen.sort(key=lambda p: (p.rij or 0,))
    return controle


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
    _eis_opgroeien(door)
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
