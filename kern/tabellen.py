"""Tables of figures, shared by the dashboards: their cells, and their CSV and XLSX downloads.

A page shows a `Tabel` with templates/tabellen/_tabel.html; `download()` gives the same table as a
file. CSV is written for Belgian Excel (UTF-8 with BOM, ';' and a decimal comma), and text that
looks like a formula stays text in both formats.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def getal(waarde, decimalen: int, **opties) -> str:
    """A number in the active language, rounded half up (Django's number_format cuts off)."""
    afgerond = Decimal(str(waarde)).quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    return number_format(afgerond, decimalen, **opties)


@dataclass(frozen=True)
class Cel:
    """One value of a table. `soort` says how to show it: tekst, aantal, procent, bedrag or
    gemiddelde (a decimal number shown with two decimals, e.g. an average score).

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
    blad.append(tabel.kolommen)
    for cel in blad[1]:
        cel.font = Font(bold=True)
    formaten = {"procent": "0.0", "bedrag": "#,##0.00", "gemiddelde": "0.00", "aantal": "0"}
    for r, rij in enumerate(tabel.rijen, start=2):
        for k, waarde in enumerate(rij, start=1):
            cel = blad.cell(row=r, column=k, value=waarde.waarde)
            if isinstance(waarde.waarde, str):
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
