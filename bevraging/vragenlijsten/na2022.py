"""What the questionnaire of a wave made from the 2022 one adds and rewords (seed 002's findings).

The final report of 2022 (seed 002) discusses three topics the 2022 interview did not ask: which
bodies (overlegorganen) a Huis has and how often they meet ("de frequentie varieert van
maandelijks tot 1 à 2 keer per jaar"), the coordinator's room to decide ("het mandaat om
beslissingen te nemen ... ligt zelden tot nooit bij de coördinator"), and other funding such as
project money ("naast de Vlaamse middelen worden ook veel lokale middelen en projectmiddelen
geïnvesteerd"). It also found the coordinator's time hard to count from the open answers ("een
tewerkstellingspercentage afleiden uit de open antwoorden is moeilijk"), so it is asked as hours
per week, a number.

`bevraging.services.maak_golf` applies these to the copy of the 2022 questionnaire when Opgroeien
asks for it: each addition and rewording is recorded as a change of the draft with its reason, and
stays editable (reword, retire, reorder) until the wave opens. Keys already in the copy are left
alone, so copying a later wave that has them changes nothing. The wording is ours (`bron=AFGELEID`).
"""

from __future__ import annotations

from bevraging.vragenlijsten.bouwstenen import (
    AFGELEID,
    SCHAAL_MATE,
    alleen_als,
    andere,
    getal,
    ja_nee,
    meerkeuze,
    score,
)

REDEN_ONDERWERP = "Onderwerp uit het eindrapport van de bevraging 2022 dat nog niet gevraagd werd."
REDEN_UREN = (
    "Het eindrapport van 2022 vond de tijd voor coördinatie moeilijk te tellen uit open antwoorden; "
    "de uren per week worden nu als getal gevraagd."
)

OVERLEGORGANEN = "kwaliteit_en_organisatie.overlegorganen"


def _frequentie(code: str, naam: str) -> dict:
    return alleen_als(
        getal(
            f"kwaliteit_en_organisatie.frequentie_{code}",
            f"Hoeveel keer per jaar komt de {naam} samen?",
            min_waarde=0,
            max_waarde=365,
            eenheid="keer per jaar",
            toelichting="Maandelijks is 12 keer per jaar, elk kwartaal 4 keer.",
            verplicht=False,
            bron=AFGELEID,
        ),
        OVERLEGORGANEN,
        code,
    )


# (theme key, key of the question the new one follows, the new question), in the order they are
# added: a question that depends on another comes after it.
NIEUWE_VRAGEN: list[tuple[str, str, dict]] = [
    (
        "kwaliteit_en_organisatie",
        "kwaliteit_en_organisatie.coordinatie",
        getal(
            "kwaliteit_en_organisatie.coordinatie_uren",
            "Hoeveel uren per week zijn er in totaal voor de coördinatie van jullie Huis van het Kind?",
            min_waarde=0,
            max_waarde=200,
            decimalen=1,
            eenheid="uur per week",
            toelichting="Tel de uren van alle coördinatoren samen; een voltijdse functie is 38 uur.",
            bron=AFGELEID,
        ),
    ),
    (
        "kwaliteit_en_organisatie",
        "kwaliteit_en_organisatie.coordinatie_uren",
        score(
            "kwaliteit_en_organisatie.mandaat_coordinator",
            "In welke mate kan de coördinator zelf beslissingen nemen over de werking van jullie Huis "
            "van het Kind (inhoud, budget, personeel)?",
            schaal=SCHAAL_MATE,
            open_veld="Over welke beslissingen wel, en over welke niet?",
            bron=AFGELEID,
        ),
    ),
    (
        "kwaliteit_en_organisatie",
        "kwaliteit_en_organisatie.organisatiestructuur",
        meerkeuze(
            OVERLEGORGANEN,
            "Welke overlegorganen heeft jullie Huis van het Kind?",
            [
                ("stuurgroep", "Een stuurgroep"),
                ("kerngroep", "Een kerngroep (intern overleg binnen het lokaal bestuur)"),
                ("partneroverleg", "Een netwerk- of partneroverleg"),
                ("werkgroepen", "Thematische werkgroepen"),
                ("algemene_vergadering", "Een algemene vergadering en raad van bestuur"),
                ("geen", "Geen vast overlegorgaan"),
                andere("Een ander overlegorgaan: …"),
            ],
            bron=AFGELEID,
        ),
    ),
    ("kwaliteit_en_organisatie", OVERLEGORGANEN, _frequentie("stuurgroep", "stuurgroep")),
    (
        "kwaliteit_en_organisatie",
        "kwaliteit_en_organisatie.frequentie_stuurgroep",
        _frequentie("kerngroep", "kerngroep"),
    ),
    (
        "kwaliteit_en_organisatie",
        "kwaliteit_en_organisatie.frequentie_kerngroep",
        _frequentie("partneroverleg", "netwerk- of partneroverleg"),
    ),
    (
        "lokaal_bestuur",
        "lokaal_bestuur.cofinanciering_bedrag",
        ja_nee(
            "lokaal_bestuur.andere_middelen",
            "Heeft jullie Huis van het Kind naast de Vlaamse subsidie en de cofinanciering van het lokaal "
            "bestuur nog andere middelen, zoals projectmiddelen?",
            open_veld="Welke projecten of middelen?",
            bron=AFGELEID,
        ),
    ),
    (
        "lokaal_bestuur",
        "lokaal_bestuur.andere_middelen",
        alleen_als(
            meerkeuze(
                "lokaal_bestuur.bronnen_andere_middelen",
                "Van wie komen die andere middelen?",
                [
                    ("vlaamse_projecten", "Vlaamse projecten (bv. vernieuwende projecten, KOALA)"),
                    ("provincie", "De provincie"),
                    ("europa", "Europese middelen"),
                    ("fondsen", "Fondsen of stichtingen"),
                    ("partners", "Partners van het Huis"),
                    andere("Andere: …"),
                ],
                bron=AFGELEID,
            ),
            "lokaal_bestuur.andere_middelen",
            "ja",
        ),
    ),
]

# (key, the 2022 wording it replaces, the new wording, why)
HERFORMULERINGEN: list[tuple[str, str, str, str]] = [
    (
        "kwaliteit_en_organisatie.coordinatie",
        "Beschrijf beknopt de personeelsinzet voor de coördinatie van jullie Huis van het Kind "
        "(uren, functie, combinatie met andere taken).",
        "Beschrijf beknopt wie de coördinatie van jullie Huis van het Kind opneemt (functie, dienst) "
        "en met welke andere taken die gecombineerd wordt.",
        REDEN_UREN,
    ),
]


def reden_van(sleutel: str) -> str:
    """Why a question of NIEUWE_VRAGEN is added."""
    return REDEN_UREN if sleutel == "kwaliteit_en_organisatie.coordinatie_uren" else REDEN_ONDERWERP
