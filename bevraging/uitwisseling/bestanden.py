"""Reading an exchange file: its rows (XLSX with openpyxl in read-only mode; CSV as UTF-8 with or
without BOM, or Windows-1252 as Excel saves it, separated by ';', ',' or a tab), and the value a
cell holds for a question (a code or its label in any case, yes/no as ja/nee, true/false, waar/onwaar
or 1/0, numbers with a decimal comma or point, codes joined by "|"). Nothing here knows the wave;
`bevraging.uitwisseling.controle` checks."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from bevraging.models import JA_NEE_CODES, MEERDERE_CODES, Fysiekelocatie, Vraag, Vraagtype
from bevraging.uitwisseling.indeling import BLAD_ANTWOORDEN, EERSTE_DATARIJ, SCHEIDING
from kern import tabellen
from kern.tabellen import FORMULETEKENS, Leesfout, lees_xlsx

MAX_BESTAND = 5 * 1024 * 1024
MAX_RIJEN = 1000
MAX_KOLOMMEN = 1000
MAX_CELLEN = 200_000  # an XLSX sheet: 1000 Huizen x 200 columns (the export of 2022 has 98)
MAX_UITGEPAKT = 20 * 1024 * 1024  # an XLSX file unpacked (all its parts)


class Bestandsfout(ValidationError):
    """The upload is not a readable XLSX or CSV file."""


def formaat_van(bestandsnaam: str, inhoud: bytes) -> str:
    """ "xlsx" or "csv", from the name and checked against the content; Bestandsfout otherwise."""
    try:
        return tabellen.formaat_van(bestandsnaam, inhoud)
    except Leesfout as fout:
        raise Bestandsfout(str(fout)) from fout


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
        return tabellen.lees_csv(
            inhoud,
            max_rijen=MAX_RIJEN + EERSTE_DATARIJ,
            max_kolommen=MAX_KOLOMMEN,
            te_veel=f"Het bestand heeft meer dan {MAX_RIJEN} rijen; één golf heeft één rij per Huis.",
        )
    except Leesfout as fout:
        raise Bestandsfout(str(fout)) from fout


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


def cel_tekst(cel) -> str:
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
    tekst = cel_tekst(cel).replace("\u00a0", "").replace(" ", "")
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


#: How a yes/no cell may be spelled, in any case (an XLSX cell may also hold a real boolean).
JA = frozenset({"ja", "true", "waar", "1"})
NEE = frozenset({"nee", "false", "onwaar", "0"})
JA_NEE_SPELLINGEN = "ja/nee, true/false, waar/onwaar of 1/0"


def als_ja_nee(cel) -> bool | None:
    """True or False from a yes/no cell in any of its spellings; None if it is not one."""
    if isinstance(cel, bool):
        return cel
    tekst = cel_tekst(cel).lower()
    if tekst in JA:
        return True
    if tekst in NEE:
        return False
    return None


def als_fysieke_locatie(cel) -> str | None:
    """A Huis's physical location from a cell: ja, gepland or nee (a yes/no spelling, the code or
    the label, in any case); None if it is none of them."""
    ja_nee = als_ja_nee(cel)
    if ja_nee is not None:
        return Fysiekelocatie.JA if ja_nee else Fysiekelocatie.NEE
    zoek = cel_tekst(cel).lower()
    for keuze in Fysiekelocatie:
        if zoek in (keuze.value, str(keuze.label).lower()):
            return keuze.value
    return None


def _code(vraag: Vraag, tekst: str) -> str:
    """The option code a cell means: the code or the label, in any case; else the text as it is."""
    zoek = tekst.strip().lower()
    for optie in vraag.opties():
        if zoek in (optie.code.lower(), optie.label.strip().lower()):
            return optie.code
    return tekst.strip()


def _is_optie(vraag: Vraag, tekst: str) -> bool:
    return _code(vraag, tekst) in vraag.optiecodes()


def _codes(vraag: Vraag, tekst: str) -> list[str]:
    """The option codes of a multiple-choice cell: joined by "|", or else by ";" or "," where a
    label holding a comma or semicolon stays whole (the longest run of parts that is an option)."""
    if SCHEIDING in tekst:
        return [_code(vraag, deel) for deel in tekst.split(SCHEIDING) if deel.strip()]
    stukken = re.split(r"([;,])", tekst)  # parts with the separators between them
    aantal = len(stukken) // 2 + 1

    def deel(van: int, tot: int) -> str:  # parts van..tot-1 with their separators
        return "".join(stukken[2 * van : 2 * tot - 1])

    codes, i = [], 0
    while i < aantal:
        einde = next((j for j in range(aantal, i + 1, -1) if _is_optie(vraag, deel(i, j))), i + 1)
        if deel(i, einde).strip():
            codes.append(_code(vraag, deel(i, einde)))
        i = einde
    return codes


def lees_waarde(vraag: Vraag, cel):
    """The answer value a cell holds for the question, as `Antwoord.waarde` stores it.

    What cannot be read is returned as the text it is, so `controleer_waarde` names the problem.
    """
    tekst = cel_tekst(cel)
    if not tekst:
        return None
    if vraag.type == Vraagtype.SCORE:
        getal = als_getal(cel)
        if isinstance(getal, int):
            return getal
        code = _code(vraag, tekst)
        return int(code) if code in vraag.optiecodes() else tekst
    if vraag.type == Vraagtype.JA_NEE:
        ja_nee = als_ja_nee(cel)
        if ja_nee is not None and set(JA_NEE_CODES) <= set(vraag.optiecodes()):
            return "ja" if ja_nee else "nee"
        return _code(vraag, tekst)
    if vraag.type == Vraagtype.ENKELE_KEUZE:
        return _code(vraag, tekst)
    if vraag.type in MEERDERE_CODES:
        return _codes(vraag, tekst)
    if vraag.type == Vraagtype.GETAL:
        getal = als_getal(cel)
        return tekst if getal is None else getal
    return tekst
