"""The layout of a wave's exchange file, shared by the export and the import: the columns (the Huis
first, then per question its answer, its "andere" text and its open field) and the codebook that
lists them. See `bevraging.services_uitwisseling` for the whole layout."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bevraging.models import MEERDERE_CODES, Golf, Vraag, Vraagtype
from bevraging.selectors import vragen_van_golf
from kern.tabellen import Cel, Tabel

SCHEIDING = "|"
BLAD_ANTWOORDEN = "Antwoorden"
BLAD_VRAGEN = "Vragen"
EERSTE_DATARIJ = 3  # row 1: keys, row 2: labels

#: The Huis columns of the export: key -> label (row 2). The Huis as it was in the wave.
HUISKOLOMMEN: dict[str, str] = {
    "huis": "Naam van het Huis",
    "slug": "Slug van het Huis (zo herkent de import het Huis)",
    "nis": "NIS-codes van de gemeenten in de golf (de import gebruikt ze als de slug leeg is)",
    "gemeenten": "Gemeenten in de golf",
    "provincie": "Provincie",
    "vrind_cluster": "VRIND-cluster (nummer of naam; meerdere gescheiden door |)",
    "intergemeentelijk": "Intergemeentelijk in de golf (ja/nee)",
    "fysieke_locatie": "Fysieke locatie in de golf (ja, gepland of nee)",
    "status": "Status van de respons (ingediend of gevalideerd)",
}
#: The Huis columns the import reads: the Huis, the status and the Huis's attributes in the wave.
#: The others are there to read along; a file that has them gets a warning that they are not used.
GELEZEN_HUISKOLOMMEN = frozenset(
    {"slug", "nis", "status", "vrind_cluster", "intergemeentelijk", "fysieke_locatie"}
)
ANDERE = "andere"
TOELICHTING = "toelichting"


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
    for kolom in kolommen_van(vragen_van_golf(golf)):
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
