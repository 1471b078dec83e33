"""Importing population figures: the inhabitants and the children aged 0 to 3 of each gemeente on
1 January of a year, from an XLSX or CSV file of Opgroeien.

`controleer_bevolking` reads and checks the whole file and writes nothing; `importeer_bevolking`
writes a clean check in one transaction and raises the "referentie" data version (the overview,
the maps and the reports that divide by inhabitants are cached under it).

The file has a header row with the columns `nis`, `jaar`, `inwoners` and optionally
`kinderen_0_3` and `gemeente` (the name, for the reader; not checked). A year's figure replaces
the one stored for the same gemeente and year; the default figures of 2020 too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from huizen.models import Bevolking, Gemeente
from huizen.services import REFERENTIE
from kern.invoer import Probleem, kolomletter, onveilige_cellen
from kern.tabellen import Leesfout, datumtekst, lees_tabelbestand
from kern.versies import verhoog

NIS, JAAR, INWONERS, KINDEREN, NAAM = "nis", "jaar", "inwoners", "kinderen_0_3", "gemeente"
VERPLICHT = (NIS, JAAR, INWONERS)
KOLOMMEN = (*VERPLICHT, KINDEREN, NAAM)
EERSTE_JAAR, LAATSTE_JAAR = 1990, 2100
MAX_BESTAND = 2 * 1024 * 1024
MAX_RIJEN = 10_000  # 350 gemeenten x a few decades
MAX_KOLOMMEN = 20


@dataclass(frozen=True)
class Bevolkingsrij:
    rij: int
    gemeente: Gemeente
    jaar: int
    inwoners: int
    kinderen_0_3: int | None


@dataclass
class Bevolkingscontrole:
    """What a file would import, or every problem that stops it."""

    bestandsnaam: str
    rijen: list[Bevolkingsrij] = field(default_factory=list)
    problemen: list[Probleem] = field(default_factory=list)

    @property
    def is_schoon(self) -> bool:
        return not self.problemen and bool(self.rijen)

    @property
    def jaren(self) -> list[int]:
        return sorted({r.jaar for r in self.rijen})

    def meld(self, rij: int | None, kolom: str, waarde, melding: str) -> None:
        tekst = "" if waarde is None else str(waarde).strip()
        self.problemen.append(Probleem(rij, kolom, tekst[:200], melding))


@dataclass(frozen=True)
class Bevolkingsimport:
    bestandsnaam: str
    nieuw: int
    vervangen: int
    jaren: list[int]


def _cel(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _geheel_getal(waarde) -> int | None:
    """A whole number from a cell: 1234, 1.234 or 1 234 (a dot or space between thousands)."""
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, float):
        return int(waarde) if waarde.is_integer() else None
    tekst = _cel(waarde).replace("\u00a0", "").replace(" ", "").replace(".", "")
    return int(tekst) if tekst.isascii() and tekst.isdigit() else None


def _kop(rijen: list[list], controle: Bevolkingscontrole) -> dict[str, int]:
    kop: dict[str, int] = {}
    for index, cel in enumerate(rijen[0] if rijen else []):
        naam = _cel(cel).lower()
        if not naam:
            continue
        if naam not in KOLOMMEN:
            controle.meld(
                1,
                kolomletter(index),
                naam,
                "Onbekende kolom; gebruik nis, jaar, inwoners, kinderen_0_3, gemeente.",
            )
        elif naam in kop:
            controle.meld(
                1,
                kolomletter(index),
                naam,
                f"Deze kolom staat er twee keer (ook kolom {kolomletter(kop[naam])}).",
            )
        else:
            kop[naam] = index
    for naam in VERPLICHT:
        if naam not in kop:
            controle.meld(1, "", "", f"De kolom '{naam}' ontbreekt op de eerste rij.")
    return kop


@dataclass(frozen=True)
class Rij:
    """One row of the file, read by column name."""

    cellen: list
    kop: dict[str, int]

    def __call__(self, naam: str):
        index = self.kop.get(naam)
        return self.cellen[index] if index is not None and index < len(self.cellen) else None

    def plaats(self, naam: str) -> str:
        return f"{kolomletter(self.kop[naam])} ({naam})"


def _controleer_aantallen(
    controle: Bevolkingscontrole, rijnummer: int, rij: Rij
) -> tuple[int | None, int | None]:
    inwoners = _geheel_getal(rij(INWONERS))
    if inwoners is None or inwoners <= 0:
        controle.meld(
            rijnummer,
            rij.plaats(INWONERS),
            rij(INWONERS),
            "Geef het aantal inwoners als een geheel getal groter dan 0.",
        )
    if not _cel(rij(KINDEREN)):
        return inwoners, None
    kinderen = _geheel_getal(rij(KINDEREN))
    if kinderen is None:
        controle.meld(
            rijnummer,
            rij.plaats(KINDEREN),
            rij(KINDEREN),
            "Geef het aantal kinderen als een geheel getal (of laat de cel leeg).",
        )
    elif inwoners is not None and kinderen > inwoners:
        controle.meld(
            rijnummer,
            rij.plaats(KINDEREN),
            rij(KINDEREN),
            "Er zijn meer kinderen van 0 tot 3 jaar dan inwoners.",
        )
    return inwoners, kinderen


def _controleer_rij(
    controle: Bevolkingscontrole,
    rijnummer: int,
    rij: Rij,
    gemeenten: dict[str, Gemeente],
    gezien: dict[tuple[str, int], int],
) -> None:
    fouten = len(controle.problemen)
    nis = _cel(rij(NIS))
    nis = nis.zfill(5) if nis.isdigit() else nis
    gemeente = gemeenten.get(nis)
    if gemeente is None:
        controle.meld(rijnummer, rij.plaats(NIS), rij(NIS), "Onbekende NIS-code.")
    jaar = _geheel_getal(rij(JAAR))
    if jaar is None or not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
        jaar = None
        controle.meld(
            rijnummer,
            rij.plaats(JAAR),
            rij(JAAR),
            f"Geef een jaartal tussen {EERSTE_JAAR} en {LAATSTE_JAAR}.",
        )
    elif gemeente is not None and not gemeente.is_geldig_op(datetime.date(jaar, 1, 1)):
        controle.meld(
            rijnummer, rij.plaats(NIS), rij(NIS), f"{gemeente.naam} bestond niet op 1 januari {jaar}."
        )
    inwoners, kinderen = _controleer_aantallen(controle, rijnummer, rij)
    if gemeente is not None and jaar is not None:
        if (nis, jaar) in gezien:
            controle.meld(
                rijnummer,
                rij.plaats(NIS),
                rij(NIS),
                f"{gemeente.naam} staat voor {jaar} al op rij {gezien[nis, jaar]}.",
            )
        gezien.setdefault((nis, jaar), rijnummer)
    if len(controle.problemen) == fouten:
        controle.rijen.append(Bevolkingsrij(rijnummer, gemeente, jaar, inwoners, kinderen))


def controleer_bevolking(*, bestandsnaam: str, inhoud: bytes) -> Bevolkingscontrole:
    """Read and check the whole file; nothing is written. Every problem is reported with its row
    and column (`Bevolkingscontrole.problemen`)."""
    controle = Bevolkingscontrole(bestandsnaam=bestandsnaam)
    try:
        rijen = lees_tabelbestand(
            bestandsnaam,
            inhoud,
            max_bestand=MAX_BESTAND,
            max_rijen=MAX_RIJEN + 1,
            max_kolommen=MAX_KOLOMMEN,
            max_cellen=(MAX_RIJEN + 1) * MAX_KOLOMMEN,
            max_uitgepakt=10 * MAX_BESTAND,
        )
    except Leesfout as fout:
        controle.meld(None, "", "", str(fout))
        return controle
    kop = _kop(rijen, controle)
    if any(naam not in kop for naam in VERPLICHT):
        return controle
    for rijnummer, index, waarde, melding in onveilige_cellen(rijen):
        controle.meld(rijnummer, kolomletter(index), waarde, melding)

    gemeenten = {g.nis: g for g in Gemeente.objects.all()}
    gezien: dict[tuple[str, int], int] = {}
    for rijnummer, rij in enumerate(rijen[1:], start=2):
        if any(_cel(c) for c in rij):  # an empty line between the figures is no problem
            _controleer_rij(controle, rijnummer, Rij(rij, kop), gemeenten, gezien)
    if not controle.rijen and not controle.problemen:
        controle.meld(
            None, "", "", "Het bestand bevat geen cijfers: onder de kolomnamen staat geen enkele rij."
        )
    return controle


def importeer_bevolking(*, controle: Bevolkingscontrole, gebruiker) -> Bevolkingsimport:
    """Store the figures of a clean check (ValueError otherwise): each (gemeente, year) replaces
    the stored one. One transaction; the "referentie" version moves when it commits."""
    if not controle.is_schoon:
        raise ValueError("Alleen een bestand zonder problemen wordt geïmporteerd.")
    bron = f"{controle.bestandsnaam}, geïmporteerd op {datumtekst(timezone.localdate())}"
    if gebruiker is not None and getattr(gebruiker, "email", ""):
        bron += f" door {gebruiker.email}"
    with transaction.atomic():
        bestaand = {
            (b.gemeente_id, b.jaar): b
            for b in Bevolking.objects.select_for_update().filter(jaar__in=controle.jaren)
        }
        nieuw, gewijzigd = [], []
        for rij in controle.rijen:
            obj = bestaand.get((rij.gemeente.pk, rij.jaar))
            if obj is None:
                nieuw.append(
                    Bevolking(
                        gemeente=rij.gemeente,
                        jaar=rij.jaar,
                        inwoners=rij.inwoners,
                        kinderen_0_3=rij.kinderen_0_3,
                        bron=bron[:200],
                    )
                )
            else:
                obj.inwoners, obj.kinderen_0_3, obj.bron = rij.inwoners, rij.kinderen_0_3, bron[:200]
                gewijzigd.append(obj)
        Bevolking.objects.bulk_create(nieuw, batch_size=500)
        Bevolking.objects.bulk_update(gewijzigd, ["inwoners", "kinderen_0_3", "bron"], batch_size=500)
        verhoog(REFERENTIE)
    return Bevolkingsimport(controle.bestandsnaam, len(nieuw), len(gewijzigd), controle.jaren)
