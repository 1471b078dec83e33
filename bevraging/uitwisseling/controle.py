"""Checking an exchange file against a wave before anything is written, as a sequence of checks:

1. the wave takes an import (`_vragen_om_te_importeren`): it is not in preparation and has questions;
2. the file can be read and its first row holds the column keys (`_lees_rijen`);
3. the header (`lees_kop`): every column once and known to the wave ("andere" and "toelichting" only
   where the question has them), and a column to tell the Huis by (`_controleer_huiskolommen`);
4. per row (`_controleer_rij`):
   a. the Huis (`Huisherkenning`): by slug, or by today's NIS codes; once in the file; without a
      response in the wave unless replacing was asked;
   b. the status (`_status_van_rij`) and the Huis's attributes in the wave the file gives
      (`Kenmerklezer`: intergemeentelijk, fysieke_locatie, vrind_cluster);
   c. each question's cells (`_lees_antwoord`): the value fits the question
      (`Vraag.controleer_waarde`), reported at the cell the problem is about;
   d. the skip logic (`_antwoorden_volgens_overslaan`): no answer to a question it hides;
5. a file without rows (`controleer_import`).

Every problem is collected (not only the first), each with its row, column and value (`Probleem`),
listed by row, after a summary per column (`Importcontrole.per_kolom`). Columns the import does not
read are named in a warning (`Importcontrole.waarschuwingen`), which does not stop the import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils import timezone

from bevraging.models import (
    MEERDERE_CODES,
    Golf,
    Golfstatus,
    Respons,
    Responsstatus,
    Vraag,
    Vraagtype,
    is_leeg,
)
from bevraging.selectors import vragen_van_golf, zichtbaar_volgens
from bevraging.uitwisseling.bestanden import (
    JA_NEE_SPELLINGEN,
    MAX_KOLOMMEN,
    Bestandsfout,
    als_fysieke_locatie,
    als_ja_nee,
    cel_tekst,
    lees_bestand,
    lees_waarde,
)
from bevraging.uitwisseling.indeling import (
    ANDERE,
    GELEZEN_HUISKOLOMMEN,
    HUISKOLOMMEN,
    SCHEIDING,
    TOELICHTING,
    Kolom,
    kolommen_van,
)
from huizen.models import Gemeente, Huis, VrindCluster, Werkingsgebied
from kern.cijfers import Werking
from kern.invoer import Probleem, kolomletter, onveilige_cellen

IMPORTSTATUSSEN = (Responsstatus.GEVALIDEERD, Responsstatus.INGEDIEND)

# The messages of Vraag.controleer_waarde about the "andere" text, shown at the `.andere` column.
_ANDERE_MELDINGEN = (
    "Vul alleen een tekst bij 'andere' in als u 'andere' aanduidt.",
    "Vul in wat u bij 'andere' bedoelt.",
)


@dataclass(frozen=True)
class Kolomsamenvatting:
    """The problems of one column: how many, and the first one as an example."""

    kolom: str
    aantal: int
    eerste: Probleem


def _kolomvolgorde(kolom: str) -> tuple[int, str]:
    """A column as "AB (sleutel)" in spreadsheet order (A, B, ..., Z, AA, ...)."""
    letters = kolom.split(" ", 1)[0]
    return (len(letters), letters) if letters.isalpha() else (99, kolom)


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
    kenmerken: dict = field(default_factory=dict)  # the Huis's attributes in the wave the file gives


@dataclass
class Importcontrole:
    """What a file would import into a wave, or why it cannot."""

    golf: Golf
    bestandsnaam: str
    vervangen: bool
    rijen: list[Importrij] = field(default_factory=list)
    problemen: list[Probleem] = field(default_factory=list)
    ontbrekende_vragen: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

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

    @property
    def met_kenmerken(self) -> list[Importrij]:
        return [r for r in self.rijen if r.kenmerken]

    @property
    def per_kolom(self) -> list[Kolomsamenvatting]:
        """The problems per column (most first, then by column), each with its first example."""
        per_kolom: dict[str, list[Probleem]] = {}
        for probleem in self.problemen:
            if probleem.kolom:
                per_kolom.setdefault(probleem.kolom, []).append(probleem)
        return sorted(
            (Kolomsamenvatting(kolom, len(lijst), lijst[0]) for kolom, lijst in per_kolom.items()),
            key=lambda s: (-s.aantal, _kolomvolgorde(s.kolom)),
        )

    def meld(self, rij: int | None, kolom: str, waarde, melding: str) -> None:
        """Record a problem, with the value as the cell shows it (at most 200 characters)."""
        self.problemen.append(Probleem(rij, kolom, cel_tekst(waarde)[:200], melding))


# --- 1. The wave -------------------------------------------------------------------------------


def _vragen_om_te_importeren(golf: Golf, controle: Importcontrole) -> list[Vraag]:
    """The wave's questions; none (and the reason) when the wave takes no import."""
    if golf.status == Golfstatus.IN_VOORBEREIDING:
        controle.meld(
            None,
            "",
            "",
            f"{golf.naam} is nog in voorbereiding: de vragenlijst kan nog wijzigen. Open de golf eerst.",
        )
        return []
    vragen = vragen_van_golf(golf)
    if not vragen:
        controle.meld(None, "", "", f"{golf.naam} heeft geen vragen.")
    return vragen


# --- 2. The file -------------------------------------------------------------------------------


def _lees_rijen(bestandsnaam: str, inhoud: bytes, controle: Importcontrole) -> list[list] | None:
    """The rows of the file; None (and the reason) when it cannot be read or has no header row."""
    try:
        rijen = lees_bestand(bestandsnaam, inhoud)
    except Bestandsfout as fout:
        controle.meld(None, "", "", " ".join(fout.messages))
        return None
    if not rijen or not any(cel_tekst(c) for c in rijen[0]):
        controle.meld(
            None,
            "",
            "",
            "De eerste rij moet de kolomsleutels bevatten (bv. slug, participatie.vrijwilligers), "
            "zoals in een export.",
        )
        return None
    for rijnummer, kolom, waarde, melding in onveilige_cellen(rijen):
        controle.meld(rijnummer, kolomletter(kolom), waarde, melding)
    return rijen


# --- 3. The header -----------------------------------------------------------------------------


@dataclass
class Kop:
    """What the columns of the file are: index -> Kolom (unknown and repeated columns left out)."""

    breedte: int  # the number of cells of the header row
    kolommen: dict[int, Kolom]
    vragen: list[Vraag]
    index_van: dict[str, int] = field(init=False)
    per_vraag: dict[int, dict[str, int]] = field(init=False)  # question pk -> part -> index

    def __post_init__(self):
        self.index_van = {k.sleutel: i for i, k in self.kolommen.items()}
        self.per_vraag = {v.pk: {} for v in self.vragen}
        for index, kolom in self.kolommen.items():
            if kolom.vraag is not None:
                self.per_vraag[kolom.vraag.pk][kolom.deel] = index

    def naam(self, index: int) -> str:
        """The column as a problem names it: "C (participatie.vrijwilligers)"."""
        return f"{kolomletter(index)} ({self.kolommen[index].sleutel})"

    @property
    def ontbrekende_vragen(self) -> list[str]:
        return [v.sleutel for v in self.vragen if "" not in self.per_vraag[v.pk]]


def _onbekende_kolom(sleutel: str, gekend: dict[str, Kolom], golf: Golf) -> str:
    """Why a key is not a column of the wave's layout."""
    basis, _, deel = sleutel.rpartition(".")
    if deel in (ANDERE, TOELICHTING) and basis in gekend and gekend[basis].vraag is not None:
        if deel == ANDERE:
            return f"De vraag {basis} heeft geen antwoord 'andere'."
        return f"De vraag {basis} heeft geen open veld."
    return f"Onbekende kolom: {golf.naam} heeft geen vraag met deze sleutel."


def _heeft_waarden(rijen: list[list], index: int) -> bool:
    return any(index < len(r) and cel_tekst(r[index]) for r in rijen)


def lees_kop(rijen: list[list], vragen: list[Vraag], golf: Golf, controle: Importcontrole) -> Kop:
    """The header row: every column once and known to the wave; a column without a key is only a
    problem when it holds values."""
    gekend = {k.sleutel: k for k in kolommen_van(vragen)}
    kolommen: dict[int, Kolom] = {}
    gezien: dict[str, int] = {}
    for index, cel in enumerate(rijen[0]):
        sleutel = cel_tekst(cel).lower()
        letter = kolomletter(index)
        if index >= MAX_KOLOMMEN:
            controle.meld(1, letter, cel, f"Het bestand heeft meer dan {MAX_KOLOMMEN} kolommen.")
            break
        if not sleutel:
            if _heeft_waarden(rijen[1:], index):
                controle.meld(
                    1, letter, "", "Deze kolom heeft geen sleutel in de eerste rij, maar wel waarden."
                )
            continue
        naam = f"{letter} ({sleutel})"
        if sleutel in gezien:
            controle.meld(
                1, naam, cel, f"Deze kolom staat er twee keer (ook kolom {kolomletter(gezien[sleutel])})."
            )
            continue
        gezien[sleutel] = index
        if sleutel in gekend:
            kolommen[index] = gekend[sleutel]
        else:
            controle.meld(1, naam, cel, _onbekende_kolom(sleutel, gekend, golf))
    return Kop(breedte=len(rijen[0]), kolommen=kolommen, vragen=vragen)


def _controleer_huiskolommen(kop: Kop, controle: Importcontrole) -> None:
    """A column that tells which Huis a row is: `slug` or `nis`; and a warning naming the Huis
    columns the import does not read."""
    if "slug" not in kop.index_van and "nis" not in kop.index_van:
        controle.meld(
            None,
            "",
            "",
            "Het bestand heeft geen kolom slug of nis: zo weet de import niet welk Huis een rij is.",
        )
    ongebruikt = [
        f"{kolomletter(index)} ({kolom.sleutel})"
        for index, kolom in sorted(kop.kolommen.items())
        if kolom.is_huiskolom and kolom.sleutel not in GELEZEN_HUISKOLOMMEN
    ]
    if ongebruikt:
        controle.waarschuwingen.append(
            f"De import leest {'deze kolommen' if len(ongebruikt) > 1 else 'deze kolom'} niet: "
            f"{', '.join(ongebruikt)}. Ze staan in de export om mee te lezen; wat erin staat, wordt niet "
            "bewaard. De gemeenten en provincie van een Huis in de golf volgen uit zijn werkingsgebied op "
            "de peildatum van de golf."
        )


def _eerste_datarij(rijen: list[list], kop: Kop) -> int:
    """Where the data starts: after the label row of an export (row 2), else right after the keys."""
    if len(rijen) > 1:
        tweede = rijen[1]
        for sleutel in ("slug", "huis"):
            index = kop.index_van.get(sleutel)
            if (
                index is not None
                and index < len(tweede)
                and cel_tekst(tweede[index]) == HUISKOLOMMEN[sleutel]
            ):
                return 2
    return 1


# --- 4. The rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rij:
    """A data row of the file (`nummer` as the spreadsheet counts), padded to the header's width."""

    nummer: int
    cellen: list
    kop: Kop

    def cel(self, index: int | None):
        return self.cellen[index] if index is not None and index < len(self.cellen) else None

    def tekst(self, index: int | None) -> str:
        return cel_tekst(self.cel(index))

    def kolomnaam(self, index: int) -> str:
        return self.kop.naam(index)


def _datarijen(rijen: list[list], eerste: int, kop: Kop) -> Iterator[Rij]:
    """The rows from `eerste` on, empty rows left out."""
    for offset, ruwe in enumerate(rijen[eerste:]):
        cellen = list(ruwe) + [None] * (kop.breedte - len(ruwe))
        if any(cel_tekst(c) for c in cellen):
            yield Rij(nummer=eerste + offset + 1, cellen=cellen, kop=kop)


# --- 4a. The Huis of a row ---------------------------------------------------------------------


class Huiszoeker:
    """Finds the Huis of a row by slug or by today's NIS codes, in a few queries for the file."""

    def __init__(self, rijen: list[list], slug_index: int | None, nis_index: int | None):
        slugs = {
            cel_tekst(r[slug_index]).lower() for r in rijen if slug_index is not None and slug_index < len(r)
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
        return [c for c in re.split(r"[|,;\s]+", cel_tekst(cel)) if c]

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


class Huisherkenning:
    """Finds the Huis of each row and checks it is in the file once and, unless replacing was asked,
    has no response in the wave yet."""

    def __init__(self, *, golf: Golf, rijen: list[list], kop: Kop, vervangen: bool):
        self.golf = golf
        self.vervangen = vervangen
        self.slug_index, self.nis_index = kop.index_van.get("slug"), kop.index_van.get("nis")
        self.zoeker = Huiszoeker(rijen, self.slug_index, self.nis_index)
        self.bestaande = {
            r.huis_id: r
            for r in Respons.objects.filter(golf=golf).only("pk", "huis_id", "status", "versie", "gestart")
        }
        self.eerste_rij: dict[int, int] = {}  # Huis pk -> the row it was first on

    def huis_van(self, rij: Rij, controle: Importcontrole) -> Huis | None:
        huis, kolom, waarde = self._zoek(rij, controle)
        if huis is not None:
            self._controleer_dubbel(huis, rij, kolom, waarde, controle)
            self._controleer_bestaande(huis, rij, kolom, waarde, controle)
        return huis

    def _zoek(self, rij: Rij, controle: Importcontrole) -> tuple[Huis | None, str, str]:
        """By slug, or by the NIS codes when the slug is empty; with the column and value used."""
        slug = rij.tekst(self.slug_index)
        if slug:
            kolom = rij.kolomnaam(self.slug_index)
            huis = self.zoeker.op_slug(slug)
            if huis is None:
                controle.meld(rij.nummer, kolom, slug, "Onbekend Huis: geen Huis van het Kind met deze slug.")
            return huis, kolom, slug
        nis = rij.tekst(self.nis_index)
        if nis:
            kolom = rij.kolomnaam(self.nis_index)
            huis, reden = self.zoeker.op_nis(rij.cel(self.nis_index))
            if huis is None:
                controle.meld(rij.nummer, kolom, nis, f"Onbekend Huis: {reden}")
            return huis, kolom, nis
        if self.slug_index is not None or self.nis_index is not None:
            kolom = rij.kolomnaam(self.slug_index if self.slug_index is not None else self.nis_index)
            controle.meld(rij.nummer, kolom, "", "Vul de slug (of de NIS-codes) van het Huis in.")
        return None, "", ""

    def _controleer_dubbel(self, huis: Huis, rij: Rij, kolom: str, waarde: str, controle: Importcontrole):
        if huis.pk in self.eerste_rij:
            controle.meld(
                rij.nummer,
                kolom,
                waarde,
                f"Dubbel Huis: {huis.naam} staat ook op rij {self.eerste_rij[huis.pk]}.",
            )
        else:
            self.eerste_rij[huis.pk] = rij.nummer

    def _controleer_bestaande(self, huis: Huis, rij: Rij, kolom: str, waarde: str, controle: Importcontrole):
        respons = self.bestaande.get(huis.pk)
        if respons is not None and not self.vervangen:
            controle.meld(
                rij.nummer,
                kolom,
                waarde,
                f"{huis.naam} heeft al een respons in {self.golf.naam} "
                f"(status {respons.get_status_display()}). "
                "Vink 'Bestaande responsen vervangen' aan om ze te vervangen.",
            )


# --- 4b. The status of a row -------------------------------------------------------------------


def _status_van(tekst: str) -> str | None:
    zoek = tekst.strip().lower()
    if not zoek:
        return Responsstatus.GEVALIDEERD
    for status in IMPORTSTATUSSEN:
        if zoek in (status.value, str(status.label).lower()):
            return status.value
    return None


def _status_van_rij(rij: Rij, controle: Importcontrole) -> str | None:
    """The status the response gets: `ingediend` or `gevalideerd` (an empty cell: gevalideerd)."""
    index = rij.kop.index_van.get("status")
    status = _status_van(rij.tekst(index))
    if status is None:
        controle.meld(
            rij.nummer,
            rij.kolomnaam(index),
            rij.cel(index),
            "Onbekende status: importeer als 'ingediend' of 'gevalideerd', "
            "of laat de cel leeg (gevalideerd).",
        )
    return status


class Kenmerklezer:
    """The Huis's attributes in the wave a row gives: intergemeentelijk (ja/nee), fysieke_locatie
    (ja, gepland or nee) and vrind_cluster (numbers or names joined by "|"); an empty cell gives
    nothing (the attribute then follows from the wave's reference date)."""

    def __init__(self):
        self.clusters: dict[str, int] = {}
        for nummer, naam in VrindCluster.objects.values_list("nummer", "naam"):
            self.clusters[str(nummer)] = nummer
            self.clusters[naam.lower()] = nummer
            self.clusters[f"{nummer}. {naam}".lower()] = nummer

    def lees(self, rij: Rij, controle: Importcontrole) -> dict:
        kenmerken = {}
        index = rij.kop.index_van.get("intergemeentelijk")
        if rij.tekst(index):
            ja_nee = als_ja_nee(rij.cel(index))
            if ja_nee is None:
                controle.meld(
                    rij.nummer,
                    rij.kolomnaam(index),
                    rij.cel(index),
                    f"Vul in of het Huis intergemeentelijk was: {JA_NEE_SPELLINGEN}, of laat de cel leeg.",
                )
            else:
                kenmerken["werking"] = (Werking.INTERGEMEENTELIJK if ja_nee else Werking.GEMEENTELIJK).value
        index = rij.kop.index_van.get("fysieke_locatie")
        if rij.tekst(index):
            fysiek = als_fysieke_locatie(rij.cel(index))
            if fysiek is None:
                controle.meld(
                    rij.nummer,
                    rij.kolomnaam(index),
                    rij.cel(index),
                    "Onbekende fysieke locatie: vul ja, gepland of nee in, of laat de cel leeg.",
                )
            else:
                kenmerken["fysieke_locatie"] = str(fysiek)
        index = rij.kop.index_van.get("vrind_cluster")
        if rij.tekst(index):
            delen = [d.strip().lower() for d in rij.tekst(index).split(SCHEIDING) if d.strip()]
            onbekend = [d for d in delen if d not in self.clusters]
            if onbekend:
                controle.meld(
                    rij.nummer,
                    rij.kolomnaam(index),
                    rij.cel(index),
                    "Onbekende VRIND-cluster: vul het nummer (1 tot 9) of de naam in, meerdere "
                    f"gescheiden door {SCHEIDING}.",
                )
            else:
                kenmerken["clusters"] = sorted({self.clusters[d] for d in delen})
        return kenmerken


# --- 4c. The cells of a question ---------------------------------------------------------------


def _plaats_van_melding(melding: str, plaatsen: dict[str, int]) -> int:
    """The column a problem of the question is about: the "andere" text, else the answer."""
    plaats = plaatsen.get(ANDERE) if melding in _ANDERE_MELDINGEN else None
    if plaats is None:
        plaats = plaatsen.get("", plaatsen.get(TOELICHTING, plaatsen.get(ANDERE)))
    return plaats


def _met_mogelijke_codes(vraag: Vraag, melding: str) -> str:
    """A choice that is not in the list: the message names the codes that are."""
    if vraag.type in (Vraagtype.JA_NEE, Vraagtype.ENKELE_KEUZE, *MEERDERE_CODES) and "lijst" in melding:
        return f"{melding} Mogelijke codes: {', '.join(vraag.optiecodes())}."
    return melding


def _lees_antwoord(vraag: Vraag, rij: Rij, controle: Importcontrole) -> tuple | None:
    """The question's (value, open field, "andere" text) in the row, as `Vraag.controleer_waarde`
    and submitting check it; None when it does not fit (each problem reported at its cell)."""
    plaatsen = rij.kop.per_vraag[vraag.pk]
    waarde = lees_waarde(vraag, rij.cel(plaatsen[""])) if "" in plaatsen else None
    toelichting = rij.tekst(plaatsen.get(TOELICHTING))
    andere_tekst = rij.tekst(plaatsen.get(ANDERE))
    meldingen = [
        str(m)
        for m in vraag.controleer_waarde(
            waarde, andere_tekst=andere_tekst, toelichting=toelichting, volledig=not is_leeg(waarde)
        )
    ]
    for melding in meldingen:
        plaats = _plaats_van_melding(melding, plaatsen)
        controle.meld(
            rij.nummer, rij.kolomnaam(plaats), rij.cel(plaats), _met_mogelijke_codes(vraag, melding)
        )
    if meldingen:
        return None
    return vraag.in_optievolgorde(waarde), toelichting, andere_tekst


def _lees_antwoorden(
    vragen: list[Vraag], rij: Rij, controle: Importcontrole
) -> tuple[dict[int, tuple], set[int]]:
    """The answers of the row that fit their question (by question pk), and the questions with a problem."""
    gelezen: dict[int, tuple] = {}
    met_fout: set[int] = set()
    for vraag in vragen:
        if not rij.kop.per_vraag[vraag.pk]:
            continue
        antwoord = _lees_antwoord(vraag, rij, controle)
        if antwoord is None:
            met_fout.add(vraag.pk)
        else:
            gelezen[vraag.pk] = antwoord
    return gelezen, met_fout


# --- 4d. The skip logic ------------------------------------------------------------------------


def _voorouders(vraag: Vraag, per_id: dict[int, Vraag]) -> set[int]:
    """The questions this one depends on, directly or through others."""
    ids, ouder_id = set(), vraag.afhankelijk_van_id
    while ouder_id is not None and ouder_id not in ids and ouder_id in per_id:
        ids.add(ouder_id)
        ouder_id = per_id[ouder_id].afhankelijk_van_id
    return ids


def _meld_verborgen_antwoord(vraag: Vraag, rij: Rij, controle: Importcontrole) -> None:
    plaatsen = rij.kop.per_vraag[vraag.pk]
    plaats = plaatsen.get("", next(iter(plaatsen.values()), 0))
    controle.meld(
        rij.nummer,
        rij.kolomnaam(plaats),
        rij.cel(plaats),
        f"Deze vraag wordt alleen gesteld als {vraag.afhankelijk_van.sleutel} "
        f"'{' of '.join(map(str, vraag.toon_als))}' is; laat ze leeg.",
    )


def _antwoorden_volgens_overslaan(
    vragen: list[Vraag], gelezen: dict[int, tuple], met_fout: set[int], rij: Rij, controle: Importcontrole
) -> tuple[list[Importantwoord], int]:
    """The answers to import, of the questions the skip logic shows, and how many shown required
    questions are empty. An answer to a hidden question is a problem, unless a question it depends
    on has a problem of its own (then that one is reported)."""
    per_id = {v.pk: v for v in vragen}
    zichtbaar = {v.pk for v in zichtbaar_volgens(vragen, {pk: a[0] for pk, a in gelezen.items()})}
    antwoorden, zonder_verplicht = [], 0
    for vraag in vragen:
        waarde, toelichting, andere_tekst = gelezen.get(vraag.pk, (None, "", ""))
        ingevuld = not is_leeg(waarde) or toelichting or andere_tekst
        if vraag.pk not in zichtbaar:
            if ingevuld and not (met_fout & _voorouders(vraag, per_id)):
                _meld_verborgen_antwoord(vraag, rij, controle)
            continue
        if vraag.verplicht and is_leeg(waarde):
            zonder_verplicht += 1
        if ingevuld:
            antwoorden.append(
                Importantwoord(vraag, None if is_leeg(waarde) else waarde, toelichting, andere_tekst)
            )
    return antwoorden, zonder_verplicht


def _controleer_rij(
    rij: Rij, vragen: list[Vraag], herkenning: Huisherkenning, lezer: Kenmerklezer, controle: Importcontrole
) -> Importrij | None:
    """Every check of one row; the row to import when it names a Huis and a status."""
    huis = herkenning.huis_van(rij, controle)
    status = _status_van_rij(rij, controle)
    kenmerken = lezer.lees(rij, controle)
    gelezen, met_fout = _lees_antwoorden(vragen, rij, controle)
    antwoorden, zonder_verplicht = _antwoorden_volgens_overslaan(vragen, gelezen, met_fout, rij, controle)
    if huis is None or status is None:
        return None
    return Importrij(
        rij=rij.nummer,
        huis=huis,
        status=status,
        antwoorden=antwoorden,
        bestaande=herkenning.bestaande.get(huis.pk),
        zonder_verplicht=zonder_verplicht,
        kenmerken=kenmerken,
    )


# --- The whole file ----------------------------------------------------------------------------


def controleer_import(
    *, golf: Golf, bestandsnaam: str, inhoud: bytes, vervangen: bool = False
) -> Importcontrole:
    """Read and check the whole file against the wave; nothing is written."""
    controle = Importcontrole(golf=golf, bestandsnaam=bestandsnaam, vervangen=vervangen)
    vragen = _vragen_om_te_importeren(golf, controle)
    if not vragen:
        return controle
    rijen = _lees_rijen(bestandsnaam, inhoud, controle)
    if rijen is None:
        return controle
    kop = lees_kop(rijen, vragen, golf, controle)
    _controleer_huiskolommen(kop, controle)
    controle.ontbrekende_vragen = kop.ontbrekende_vragen
    eerste = _eerste_datarij(rijen, kop)
    herkenning = Huisherkenning(golf=golf, rijen=rijen[eerste:], kop=kop, vervangen=vervangen)
    lezer = Kenmerklezer()
    for rij in _datarijen(rijen, eerste, kop):
        importrij = _controleer_rij(rij, vragen, herkenning, lezer, controle)
        if importrij is not None:
            controle.rijen.append(importrij)
    if not controle.rijen and not controle.problemen:
        controle.meld(None, "", "", "Het bestand heeft geen rijen met een Huis.")
    controle.problemen.sort(key=lambda p: p.rij or 0)
    return controle
