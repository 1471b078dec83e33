"""Answers the Huis's profile already knows, offered in the interview for confirmation.

The coordinator keeps the profile current (huizen): the locations, the coordinators with their
hours per week, the bodies (overlegorganen) with how often they meet, the co-financing by the local
council and the project money. Where a question of the survey asks the same, the interviewer sees
the profile's answer filled in, with where it comes from, and confirms or corrects it with the
coordinator; nothing is saved until the interviewer saves the theme. A question that already has an
answer keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bevraging.models import Vraag

WOORDEN = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
}
PER = {"jaar": 1, "maand": 12, "kwartaal": 4, "week": 52}
KEER = re.compile(
    r"(\d+|" + "|".join(WOORDEN) + r")\s*(?:keer|maal|x)\s*(?:per|in het|in de|elk|elke|om de)?\s*"
    r"(jaar|maand|kwartaal|week)"
)
# Words of a frequency without a count, longest first so "tweemaandelijks" is not read as "maandelijks".
PERIODES = [
    ("driemaandelijks", 4),
    ("tweemaandelijks", 6),
    ("halfjaarlijks", 2),
    ("maandelijks", 12),
    ("wekelijks", 52),
    ("jaarlijks", 1),
    ("elk kwartaal", 4),
    ("per kwartaal", 4),
    ("elke maand", 12),
]
# The survey's codes for the profile's kinds of body.
ORGAANCODES = {"stuurgroep": "stuurgroep", "kerngroep": "kerngroep", "ander": "andere"}


@dataclass(frozen=True)
class Voorstel:
    """An answer taken from the profile: the value, the open fields, and where it comes from."""

    waarde: object
    bron: str
    toelichting: str = ""
    andere_tekst: str = ""


def keer_per_jaar(tekst: str) -> int | None:
    """How many times a year a meeting frequency typed on the profile means (None: unclear)."""
    tekst = (tekst or "").lower()
    gevonden = KEER.search(tekst)
    if gevonden:
        aantal = gevonden.group(1)
        return (int(aantal) if aantal.isdigit() else WOORDEN[aantal]) * PER[gevonden.group(2)]
    return next((keer for woord, keer in PERIODES if woord in tekst), None)


def _getal(waarde: Decimal) -> int | float:
    return int(waarde) if waarde == waarde.to_integral_value() else float(waarde)


def _uit_profiel(huis) -> dict[str, Voorstel]:
    voorstellen: dict[str, Voorstel] = {}
    locaties = [locatie.naam for locatie in huis.locaties.all()]
    if locaties:
        code = "een" if len(locaties) == 1 else "meerdere"
        voorstellen["toegankelijkheid.fysieke_locatie"] = Voorstel(
            code,
            f"Uit het profiel: {len(locaties)} {'locatie' if len(locaties) == 1 else 'locaties'}.",
            toelichting=", ".join(locaties),
        )
    else:
        code = "gepland" if huis.fysieke_locatie_gepland else "niet_gepland"
        staat = "geen locatie, wel gepland" if huis.fysieke_locatie_gepland else "geen locatie"
        voorstellen["toegankelijkheid.fysieke_locatie"] = Voorstel(code, f"Uit het profiel: {staat}.")

    uren = [c.uren_per_week for c in huis.coordinatoren.all() if c.uren_per_week is not None]
    if uren:
        totaal = _getal(sum(uren, Decimal(0)))
        wie = "1 coördinator" if len(uren) == 1 else f"{len(uren)} coördinatoren samen"
        voorstellen["kwaliteit_en_organisatie.coordinatie_uren"] = Voorstel(
            totaal, f"Uit het profiel: {wie}, {str(totaal).replace('.', ',')} uur per week."
        )
    if huis.aantal_medewerkers is not None:
        voorstellen["kwaliteit_en_organisatie.personeelsleden"] = Voorstel(
            huis.aantal_medewerkers, "Uit het profiel: het aantal medewerkers."
        )

    organen = list(huis.overlegorganen.all())
    if organen:
        codes = sorted({ORGAANCODES[o.soort] for o in organen if o.soort in ORGAANCODES})
        andere = ", ".join(o.naam for o in organen if o.soort == "ander" and o.naam)
        namen = ", ".join(str(o) for o in organen)
        voorstellen["kwaliteit_en_organisatie.overlegorganen"] = Voorstel(
            codes, f"Uit het profiel: {namen}.", andere_tekst=andere
        )
        for soort in ("stuurgroep", "kerngroep"):
            orgaan = next((o for o in organen if o.soort == soort and o.vergaderfrequentie), None)
            keer = keer_per_jaar(orgaan.vergaderfrequentie) if orgaan else None
            if keer is not None:
                voorstellen[f"kwaliteit_en_organisatie.frequentie_{soort}"] = Voorstel(
                    keer, f"Uit het profiel: {orgaan} komt “{orgaan.vergaderfrequentie}” samen."
                )

    if huis.cofinanciering_lokaal_bestuur is not None:
        voorstellen["lokaal_bestuur.cofinanciering"] = Voorstel(
            "ja" if huis.cofinanciering_lokaal_bestuur else "nee", "Uit het profiel: cofinanciering."
        )
    if huis.cofinanciering_bedrag is not None:
        voorstellen["lokaal_bestuur.cofinanciering_bedrag"] = Voorstel(
            _getal(huis.cofinanciering_bedrag), "Uit het profiel: het bedrag van de cofinanciering per jaar."
        )
    if huis.projectmiddelen.strip():
        voorstellen["lokaal_bestuur.andere_middelen"] = Voorstel(
            "ja", "Uit het profiel: de projectmiddelen.", toelichting=huis.projectmiddelen.strip()
        )
    return voorstellen


def voorstellen_uit_profiel(huis, vragen: list[Vraag]) -> dict[int, Voorstel]:
    """Per question id, the profile's answer to it, for those of `vragen` the profile answers
    (only values the question accepts; an open field only where the question has one)."""
    bekend = _uit_profiel(huis)
    resultaat: dict[int, Voorstel] = {}
    for vraag in vragen:
        voorstel = bekend.get(vraag.sleutel)
        if voorstel is None:
            continue
        toelichting = voorstel.toelichting if vraag.open_veld else ""
        andere = voorstel.andere_tekst if any(o.is_andere for o in vraag.opties()) else ""
        waarde = voorstel.waarde
        if isinstance(waarde, list):  # an "andere" body is only ticked with its name
            waarde = [c for c in waarde if c in vraag.optiecodes() and (andere or c != "andere")]
        if vraag.controleer_waarde(waarde, andere_tekst=andere, toelichting=toelichting):
            continue
        resultaat[vraag.pk] = Voorstel(vraag.in_optievolgorde(waarde), voorstel.bron, toelichting, andere)
    return resultaat
