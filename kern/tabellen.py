"""Tables of figures, shared by the dashboards: their cells, and their CSV and XLSX downloads; and
the safe reading of an uploaded XLSX or CSV file.

A page shows a `Tabel` with templates/tabellen/_tabel.html; `download()` gives the same table as a
file. CSV is written for Belgian Excel (UTF-8 with BOM, ';' and a decimal comma), and text that
looks like a formula stays text in both formats. No stored text can break a download: the control
characters an XLSX file cannot hold are written as U+FFFD (`xlsx_tekst`).

`lees_tabelbestand` reads an uploaded table, XLSX or CSV (`formaat_van` tells which, from the name
and checked against the content; `lees_csv` reads UTF-8 with or without BOM, or Windows-1252 as
Excel saves it, separated by ';', ',' or a tab).

`lees_xlsx` reads an upload within limits on the unpacked size, the rows and the cells, checked on
the zip directory before anything is unpacked and again while the XML streams by, so a small file
that unpacks to gigabytes is refused in milliseconds instead of filling the memory.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat  # only counts elements: no tree is built, a DTD or entity is refused

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format, number_format

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
# The characters an XLSX cell cannot hold (openpyxl refuses them with IllegalCharacterError).
_NIET_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
VERVANGTEKEN = "\ufffd"


def xlsx_tekst(tekst: str) -> str:
    """The text with every character an XLSX cell cannot hold replaced by U+FFFD."""
    return _NIET_IN_XLSX.sub(VERVANGTEKEN, tekst)


def datumtekst(dag) -> str:
    """A date as running text writes it, in the active language: 6 december 2026."""
    return date_format(dag, "j F Y")


def getal(waarde, decimalen: int, **opties) -> str:
    """A number in the active language, rounded half up (Django's number_format cuts off)."""
    afgerond = Decimal(str(waarde)).quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    return number_format(afgerond, decimalen, **opties)


@dataclass(frozen=True)
class Cel:
    """One value of a table. `soort` says how to show it: tekst, aantal, procent, bedrag,
    gemiddelde (a decimal number shown with two decimals, e.g. an average score) or dagen (whole
    days).

    A count of Huizen carries the `querystring` of the list behind it; `anker` points to another
    table on the same page.
    """

    waarde: str | int | float | Decimal | None
    soort: str = "tekst"
    querystring: str | None = None
    anker: str = ""

    @property
    def is_getal(self) -> bool:
        return self.soort != "tekst"

    @property
    def tekst(self) -> str:
        """The value as the page shows it, in the active language (nl-BE: 7.840,5 and 72,8 %)."""
        if self.waarde is None:
            return "–"
        if self.soort == "procent":
            return f"{getal(self.waarde, 1)} %"
        if self.soort == "bedrag":
            decimalen = 0 if Decimal(self.waarde) == Decimal(self.waarde).to_integral_value() else 2
            return f"€ {getal(self.waarde, decimalen, force_grouping=True)}"
        if self.soort == "gemiddelde":
            return getal(self.waarde, 2)
        if self.soort == "dagen":
            return getal(self.waarde, 0)
        if self.soort == "aantal" and isinstance(self.waarde, int) and abs(self.waarde) >= 10_000:
            return getal(self.waarde, 0, force_grouping=True)  # five digits and more: 7.858.347
        return str(self.waarde)


@dataclass(frozen=True)
class Tabel:
    """A table with a caption, Dutch column names, and rows whose first cell names the row."""

    naam: str
    titel: str
    kolommen: list[str]
    rijen: list[list[Cel]]
    toelichting: str = ""

    @property
    def koppen(self) -> list[tuple[str, bool]]:
        """The column names, each with whether the column holds numbers (right-aligned)."""
        getallen = [cel.is_getal for cel in self.rijen[0]] if self.rijen else [False] * len(self.kolommen)
        return list(zip(self.kolommen, getallen, strict=True))


def _csv_waarde(cel: Cel) -> str:
    """Belgian Excel: decimal comma; text that looks like a formula is kept as text."""
    if cel.waarde is None:
        return ""
    if cel.soort == "procent":
        return f"{cel.waarde:.1f}".replace(".", ",")
    if cel.soort in ("bedrag", "gemiddelde"):
        return f"{Decimal(cel.waarde):.2f}".replace(".", ",")
    tekst = str(cel.waarde)
    return f"'{tekst}" if cel.soort == "tekst" and tekst.startswith(FORMULETEKENS) else tekst


def _als_csv(tabel: Tabel) -> bytes:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(tabel.kolommen)
    schrijver.writerows([_csv_waarde(cel) for cel in rij] for rij in tabel.rijen)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _als_xlsx(tabel: Tabel) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    werkboek = Workbook()
    blad = werkboek.active
    blad.title = tabel.naam[:31]
    blad.append([xlsx_tekst(kolom) for kolom in tabel.kolommen])
    for cel in blad[1]:
        cel.font = Font(bold=True)
    formaten = {"procent": "0.0", "bedrag": "#,##0.00", "gemiddelde": "0.00", "aantal": "0", "dagen": "0"}
    for r, rij in enumerate(tabel.rijen, start=2):
        for k, waarde in enumerate(rij, start=1):
            tekst = isinstance(waarde.waarde, str)
            cel = blad.cell(row=r, column=k, value=xlsx_tekst(waarde.waarde) if tekst else waarde.waarde)
            if tekst:
                cel.data_type = "s"  # never a formula, whatever the text starts with
            elif waarde.soort in formaten:
                cel.number_format = formaten[waarde.soort]
    for k, kolom in enumerate(tabel.kolommen, start=1):
        breedste = max([len(kolom), *(len(str(rij[k - 1].waarde or "")) for rij in tabel.rijen)])
        blad.column_dimensions[get_column_letter(k)].width = min(60, breedste + 2)
    blad.freeze_panes = "A2"
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()


def download(tabel: Tabel, formaat: str) -> HttpResponse:
    """The table as a file named like huizen-van-het-kind-partners-2026-11-23.csv."""
    if formaat == "xlsx":
        antwoord = HttpResponse(_als_xlsx(tabel), content_type=XLSX)
    else:
        antwoord = HttpResponse(_als_csv(tabel), content_type="text/csv; charset=utf-8")
    naam = f"huizen-van-het-kind-{tabel.naam}-{timezone.localdate():%Y-%m-%d}.{formaat}"
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord


# --- Reading an uploaded XLSX file ------------------------------------------------------------

BESCHADIGD = "Dit Excel-bestand kan niet gelezen worden; het is beschadigd of geen XLSX."
MAX_LEDEN = 500  # files in the zip; a workbook has a few dozen
MAX_ELEMENTEN_OVERIG = 100_000  # XML elements in a part other than a sheet or the shared strings
_BLOK = 64 * 1024


class Leesfout(ValueError):
    """The upload cannot be read within the limits; the message says why, in Dutch."""


def _mb(aantal: int) -> str:
    return f"{aantal / (1024 * 1024):.0f} MB"


def _te_veel(grens: int, wat: str) -> str:
    return f"Het bestand heeft meer dan {grens} {wat} op een blad; zoveel kan de import niet lezen."


def _controleer_zip(archief: zipfile.ZipFile, max_bytes: int) -> list[zipfile.ZipInfo]:
    """The zip directory within the limits, before anything is unpacked."""
    leden = archief.infolist()
    if len(leden) > MAX_LEDEN:
        raise Leesfout(
            f"Dit Excel-bestand bestaat uit meer dan {MAX_LEDEN} delen; zo groot is een werkboek niet."
        )
    totaal = 0
    for lid in leden:
        if lid.flag_bits & 0x1:
            raise Leesfout("Dit Excel-bestand is met een wachtwoord beveiligd. Sla het op zonder wachtwoord.")
        if lid.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Leesfout(BESCHADIGD)
        totaal += lid.file_size
        if totaal > max_bytes:
            raise Leesfout(
                f"Dit Excel-bestand is uitgepakt groter dan {_mb(max_bytes)}; zoveel gegevens horen er "
                "niet in. Kijk na of het het juiste bestand is, of verwijder wat niet nodig is."
            )
    return leden


def _scan_xml(archief: zipfile.ZipFile, lid: zipfile.ZipInfo, max_rijen: int, max_cellen: int) -> None:
    """Stream one XML part through expat, counting its elements, without building anything.

    A DTD or an entity declaration (never in a workbook; the way to an entity bomb) is refused. A
    part that unpacks to more than its directory entry says fails on zipfile's own size and CRC
    check.
    """
    naam = lid.filename.lower()
    if naam.startswith("xl/worksheets/"):
        grenzen = {"row": max_rijen, "c": max_cellen}
        max_elementen = 4 * max_cellen + 2 * max_rijen + MAX_ELEMENTEN_OVERIG
    elif naam.endswith("sharedstrings.xml"):
        grenzen = {"si": max_cellen}
        max_elementen = 4 * max_cellen + MAX_ELEMENTEN_OVERIG
    else:
        grenzen, max_elementen = {}, MAX_ELEMENTEN_OVERIG
    tellers = dict.fromkeys(grenzen, 0)
    elementen = 0

    def begin(element: str, _attributen) -> None:
        nonlocal elementen
        elementen += 1
        soort = element.rpartition(":")[2]
        if soort in tellers:
            tellers[soort] += 1
            if tellers[soort] > grenzen[soort]:
                raise Leesfout(_te_veel(grenzen[soort], "rijen" if soort == "row" else "cellen"))
        if elementen > max_elementen:
            raise Leesfout(f"Dit Excel-bestand heeft een deel ({lid.filename}) dat te groot is om te lezen.")

    def weiger(*_args) -> None:
        raise Leesfout(BESCHADIGD)

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = begin
    parser.StartDoctypeDeclHandler = weiger
    parser.EntityDeclHandler = weiger
    with archief.open(lid) as bron:
        while blok := bron.read(_BLOK):
            parser.Parse(blok, False)
    parser.Parse(b"", True)


def _lees_blad(bestand: BinaryIO, blad: str | None, max_rijen: int, max_cellen: int) -> list[list]:
    from openpyxl import load_workbook

    boek = load_workbook(bestand, read_only=True, data_only=True, keep_links=False)
    try:
        werkblad = boek[blad] if blad in boek.sheetnames else boek.worksheets[0]
        # The dimension a file claims is not trusted: rows are as long as their last cell.
        werkblad.reset_dimensions()
        rijen: list[list] = []
        cellen = 0
        for rij in werkblad.iter_rows(values_only=True):
            cellen += len(rij)
            if len(rijen) >= max_rijen:
                raise Leesfout(_te_veel(max_rijen, "rijen"))
            if cellen > max_cellen:
                raise Leesfout(_te_veel(max_cellen, "cellen"))
            rijen.append(list(rij))
    finally:
        boek.close()
    breedte = max((len(rij) for rij in rijen), default=0)
    if breedte * len(rijen) > max_cellen:
        raise Leesfout(_te_veel(max_cellen, "cellen"))
    for rij in rijen:
        rij.extend([None] * (breedte - len(rij)))
    return rijen


def lees_xlsx(
    bestand: BinaryIO | bytes,
    *,
    max_rijen: int,
    max_cellen: int,
    max_bytes: int,
    blad: str | None = None,
) -> list[list]:
    """The rows of sheet `blad` (or the first sheet) as lists of equal length, values only.

    Leesfout, with a Dutch message, when the file is no readable XLSX or exceeds a limit: more
    than `max_bytes` unpacked (all parts together, from the zip directory, before unpacking), more
    than `max_rijen` rows or `max_cellen` cells (counted while the XML streams by, and again while
    openpyxl reads the sheet in read-only mode).
    """
    if isinstance(bestand, bytes | bytearray):
        bestand = io.BytesIO(bestand)
    try:
        with zipfile.ZipFile(bestand) as archief:
            for lid in _controleer_zip(archief, max_bytes):
                if lid.filename.lower().endswith((".xml", ".rels")):
                    _scan_xml(archief, lid, max_rijen, max_cellen)
        bestand.seek(0)
        return _lees_blad(bestand, blad, max_rijen, max_cellen)
    except Leesfout:
        raise
    except Exception as fout:  # zipfile, expat and openpyxl raise many kinds; none may become a 500
        raise Leesfout(BESCHADIGD) from fout


def formaat_van(bestandsnaam: str, inhoud: bytes) -> str:
    """ "xlsx" or "csv", from the name and checked against the content; Leesfout otherwise."""
    extensie = Path(bestandsnaam or "").suffix.lower()
    if extensie == ".xlsx":
        if not inhoud.startswith(b"PK\x03\x04"):
            raise Leesfout("Dit bestand eindigt op .xlsx maar is geen Excel-bestand (XLSX).")
        return "xlsx"
    if extensie == ".csv":
        if inhoud.startswith(b"PK\x03\x04") or b"\x00" in inhoud[:4096]:
            raise Leesfout(
                "Dit bestand eindigt op .csv maar is geen tekstbestand met komma's of puntkomma's."
            )
        return "csv"
    raise Leesfout("Kies een Excel-bestand (.xlsx) of een CSV-bestand (.csv).")


def lees_csv(inhoud: bytes, *, max_rijen: int, max_kolommen: int, te_veel: str = "") -> list[list]:
    """The rows of a CSV file (each cut to `max_kolommen` + 1 cells); Leesfout, with `te_veel` or
    a general message, when it has more than `max_rijen` rows or cannot be read."""
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            tekst = inhoud.decode("cp1252")
        except UnicodeDecodeError as fout:
            raise Leesfout("Dit CSV-bestand is geen leesbare tekst (UTF-8 of Windows-1252).") from fout
    eerste = tekst.split("\n", 1)[0]
    scheiding = max([";", "\t", ","], key=lambda teken: (eerste.count(teken), teken == ";"))
    rijen = []
    try:
        for rij in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding):
            if len(rijen) >= max_rijen:
                raise Leesfout(te_veel or _te_veel(max_rijen, "rijen"))
            rijen.append(rij[: max_kolommen + 1])
    except csv.Error as fout:
        raise Leesfout(f"Dit CSV-bestand kan niet gelezen worden: {fout}.") from fout
    return rijen


def lees_tabelbestand(
    bestandsnaam: str,
    inhoud: bytes,
    *,
    max_bestand: int,
    max_rijen: int,
    max_kolommen: int,
    max_cellen: int,
    max_uitgepakt: int,
    blad: str | None = None,
) -> list[list]:
    """The rows of an uploaded XLSX (sheet `blad` or the first) or CSV file; Leesfout, with a
    Dutch message, when it is empty, too large, of another type or unreadable."""
    if not inhoud:
        raise Leesfout("Het bestand is leeg.")
    if len(inhoud) > max_bestand:
        raise Leesfout(f"Het bestand is groter dan {_mb(max_bestand)}.")
    if formaat_van(bestandsnaam, inhoud) == "xlsx":
        return lees_xlsx(
            inhoud, blad=blad, max_rijen=max_rijen, max_cellen=max_cellen, max_bytes=max_uitgepakt
        )
    return lees_csv(inhoud, max_rijen=max_rijen, max_kolommen=max_kolommen)
