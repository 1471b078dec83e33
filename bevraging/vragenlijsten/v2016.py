"""The 2016 survey (self-completed by the Huizen), as far as seed 002 compares it with 2022.

The 2016 questionnaire itself is not among the sources: only the comparisons the 2022 report makes
("Waar mogelijk werd bij de analyse de vergelijking gemaakt met de bevraging van 2016") tell what
was asked. This module ships those questions, so a 2016 wave can be imported and compared:
- in the report's own description of the 2016 question where it gives one (e.g. "stappen gezet
  inzake het betrekken van de burger of gebruikersparticipatie", "het stimuleren, ondersteunen of
  betrekken van vrijwilligers"), all marked AFGELEID: the report paraphrases, it does not quote;
- otherwise in the 2022 wording, with a note in the mapping.
Themes reuse the 2022 theme keys; option lists reuse 2022 codes where the report compares the
answers option by option. `KOPPELINGEN_NAAR_2022` maps each 2016 question onto the 2022 one it is
compared with: `zelfde` / `gehercodeerd` (same key, comparable) or `niet_vergelijkbaar` (the report
says the questions differ too much), with the report's caveats as notes.

Per theme (questions): kernpartners 1, kind_en_gezin_partners 3, levensdomeinen 1, samenwerking 1,
toegankelijkheid 1, doelgroep 2, participatie 3, kwaliteit_en_organisatie 2, ondersteuning 1:
15 in all; 16 mappings.
"""

from bevraging.vragenlijsten.bouwstenen import (
    AFGELEID,
    SCHAAL_SAMENWERKING,
    andere,
    groep,
    ja_nee,
    keuze,
    leeftijden,
    meerkeuze,
    open_tekst,
    score,
)
from bevraging.vragenlijsten.v2022 import LEEFTIJDSCATEGORIEEN

MODUS = "2016 zelf ingevuld door het Huis, 2022 via een interview door de intersectorale medewerker."

THEMAS = [
    {
        "sleutel": "kernpartners",
        "titel": "Kernpartners",
        "intro": "",
        "vragen": [
            meerkeuze(
                "kernpartners.kernpartners",
                "Welke partners zijn kernpartner van jullie Huis van het Kind?",
                [
                    ("lokaal_bestuur_ocmw", "Lokaal bestuur en OCMW"),
                    ("consultatiebureau", "Consultatiebureau"),
                    ("opvang_baby_peuters", "Opvang baby’s en peuters"),
                    ("onthaalouders", "Onthaalouders"),
                    andere("Andere: …"),
                ],
                bron=AFGELEID,
            ),
        ],
    },
    {
        "sleutel": "kind_en_gezin_partners",
        "titel": "Kind en Gezin-partners",
        "intro": "",
        "vragen": [
            ja_nee(
                "kind_en_gezin_partners.consultatiebureau",
                "Is het consultatiebureau betrokken bij jullie Huis van het Kind?",
                bron=AFGELEID,
            ),
            *groep(
                "samenwerking_kinderopvang",
                "In welke mate werken jullie samen met de volgende actoren kinderopvang?",
                [
                    (
                        "Opvang baby’s en peuters",
                        score(
                            "kind_en_gezin_partners.kinderopvang",
                            "In welke mate werken jullie samen met de kinderopvang voor baby’s en peuters?",
                            schaal=SCHAAL_SAMENWERKING,
                            open_veld=None,
                            bron=AFGELEID,
                        ),
                    ),
                    (
                        "Onthaalouders",
                        score(
                            "kind_en_gezin_partners.onthaalouders",
                            "In welke mate werken jullie samen met de onthaalouders?",
                            schaal=SCHAAL_SAMENWERKING,
                            open_veld=None,
                            bron=AFGELEID,
                        ),
                    ),
                ],
            ),
        ],
    },
    {
        "sleutel": "levensdomeinen",
        "titel": "Levensdomeinen",
        "intro": "",
        "vragen": [
            ja_nee("levensdomeinen.rond_jeugdhulp", "Werken jullie rond jeugdhulp?", bron=AFGELEID),
        ],
    },
    {
        "sleutel": "samenwerking",
        "titel": "Samenwerking",
        "intro": "",
        "vragen": [
            open_tekst(
                "samenwerking.meerwaarde_en_uitdagingen",
                "Beschrijf de meerwaarde en de uitdagingen van de samenwerking in jullie Huis van het Kind.",
                bron=AFGELEID,
            ),
        ],
    },
    {
        "sleutel": "toegankelijkheid",
        "titel": "Toegankelijkheid",
        "intro": "",
        "vragen": [
            ja_nee(
                "toegankelijkheid.fysieke_locatie",
                "Heeft het Huis van het Kind een fysieke locatie waar gezinnen terecht kunnen?",
                open_veld="Zo niet: waarom is een fysieke plek (nog) niet mogelijk?",
                bron=AFGELEID,
            ),
        ],
    },
    {
        "sleutel": "doelgroep",
        "titel": "Doelgroep",
        "intro": "",
        "vragen": [
            leeftijden(
                "doelgroep.leeftijd",
                "Naar welke leeftijden van kinderen en jongeren richten jullie je?",
                LEEFTIJDSCATEGORIEEN,
                bron=AFGELEID,
            ),
            leeftijden(
                "doelgroep.leeftijd_ouders",
                "Naar ouders van kinderen van welke leeftijden richten jullie je?",
                LEEFTIJDSCATEGORIEEN,
                bron=AFGELEID,
            ),
        ],
    },
    {
        "sleutel": "participatie",
        "titel": "Participatie",
        "intro": "",
        "vragen": [
            ja_nee(
                "participatie.gebruikersparticipatie",
                "Hebben jullie stappen gezet inzake het betrekken van de burger of gebruikersparticipatie?",
                bron=AFGELEID,
            ),
            keuze(
                "participatie.gebruikers_mede_actor",
                "Zijn gezinnen, ouders, kinderen of jongeren mede-actor om aanbod te organiseren in het Huis "
                "van het Kind?",
                [
                    ("ja", "Ja"),
                    ("plannen", "Nog niet, maar er zijn plannen om hen te betrekken"),
                    ("nee", "Nee"),
                ],
                bron=AFGELEID,
            ),
            ja_nee(
                "participatie.inzet_vrijwilligers",
                "Zet het Huis van het Kind in op het stimuleren, "
                "ondersteunen of betrekken van vrijwilligers?",
                bron=AFGELEID,
            ),
        ],
    },
    {
        "sleutel": "kwaliteit_en_organisatie",
        "titel": "Kwaliteit en organisatie",
        "intro": "",
        "vragen": [
            ja_nee(
                "kwaliteit_en_organisatie.coordinatiefunctie",
                "Is er in jullie Huis van het Kind een coördinatiefunctie?",
                bron=AFGELEID,
            ),
            keuze(
                "kwaliteit_en_organisatie.gedeeld_coordinatorschap",
                "Wordt de coördinatie opgenomen door één partner, of "
                "gaat het om een gedeeld coördinatorschap?",
                [
                    ("een_partner", "Door één partner"),
                    ("gedeeld", "Gedeeld coördinatorschap"),
                ],
                bron=AFGELEID,
            ),
        ],
    },
    {
        "sleutel": "ondersteuning",
        "titel": "Ondersteuning",
        "intro": "",
        "vragen": [
            meerkeuze(
                "ondersteuning.nood_middelen",
                "Waarvoor hebben jullie nood aan (extra) middelen?",
                [
                    ("erkenning", "Voor de erkenning als Huis van het Kind"),
                    ("trekkerschap", "Voor investeringen in een sterk trekkerschap"),
                    ("actoren", "Voor de actoren (tijd)"),
                    ("vrijwilligers", "Voor de ondersteuning van vrijwilligers"),
                ],
                bron=AFGELEID,
            ),
        ],
    },
]


def _niet_vergelijkbaar(van: str, naar: str, notitie: str) -> dict:
    return {"van": van, "naar": naar, "soort": "niet_vergelijkbaar", "optiemapping": {}, "notitie": notitie}


KOPPELINGEN_NAAR_2022 = [
    {
        "van": "doelgroep.leeftijd",
        "naar": "doelgroep.leeftijd",
        "soort": "zelfde",
        "optiemapping": {},
        "notitie": (
            "Vraagstelling verschilt: 2016 'naar welke leeftijden richten jullie je' (apart voor kinderen "
            "en voor ouders), 2022 'welke kinderen bereiken jullie vooral'. Vergelijk met voorzichtigheid. "
            + MODUS
        ),
    },
    {
        "van": "toegankelijkheid.fysieke_locatie",
        "naar": "toegankelijkheid.fysieke_locatie",
        "soort": "gehercodeerd",
        "optiemapping": {"ja": ["een", "meerdere"], "nee": ["gepland", "niet_gepland"]},
        "notitie": "2016 ja/nee; 2022 één of meerdere locaties, of geen (gepland of niet). " + MODUS,
    },
    {
        "van": "kind_en_gezin_partners.consultatiebureau",
        "naar": "kind_en_gezin_partners.consultatiebureau",
        "soort": "gehercodeerd",
        "optiemapping": {"ja": ["2", "3", "4", "5"], "nee": ["1"]},
        "notitie": (
            "2016: is het consultatiebureau betrokken (ja/nee); 2022: mate van samenwerking 1-5, waarbij "
            "score 1 (geen samenwerking) als 'niet betrokken' geldt. " + MODUS
        ),
    },
    {
        "van": "kind_en_gezin_partners.kinderopvang",
        "naar": "kind_en_gezin_partners.kinderopvang",
        "soort": "zelfde",
        "optiemapping": {},
        "notitie": (
            "Formulering 2016 staat niet in het rapport: de 2022-formulering is overgenomen. 2016 bevroeg "
            "de onthaalouders apart. " + MODUS
        ),
    },
    _niet_vergelijkbaar(
        "kind_en_gezin_partners.onthaalouders",
        "kind_en_gezin_partners.kinderopvang",
        "In 2022 vallen de onthaalouders onder de kinderopvang voor baby’s en peuters.",
    ),
    _niet_vergelijkbaar(
        "kernpartners.kernpartners",
        "kernpartners.belangrijkste_partners",
        "2016 vroeg alle kernpartners (lokaal bestuur en OCMW samen), 2022 de drie belangrijkste.",
    ),
    _niet_vergelijkbaar(
        "levensdomeinen.rond_jeugdhulp",
        "levensdomeinen.niet_actief",
        "Het rapport vergelijkt 2016 'werkt niet rond jeugdhulp' (ongeveer 4 op 10) met de optie "
        "jeugdhulp van deze vraag (2022: net niet de helft), bij een andere vraagstelling.",
    ),
    _niet_vergelijkbaar(
        "samenwerking.meerwaarde_en_uitdagingen",
        "samenwerking.meerwaarde_gezinnen",
        "Open vraag; 2022 vraagt de meerwaarde apart voor gezinnen en voor partners.",
    ),
    _niet_vergelijkbaar(
        "samenwerking.meerwaarde_en_uitdagingen",
        "samenwerking.meerwaarde_partners",
        "Open vraag; 2022 vraagt de meerwaarde apart voor gezinnen en voor partners.",
    ),
    _niet_vergelijkbaar(
        "participatie.gebruikersparticipatie",
        "participatie.inspraak_ouders",
        "De vraagstelling is helemaal anders dan in 2022: 'stappen gezet' tegenover 'reële inspraak'.",
    ),
    _niet_vergelijkbaar(
        "participatie.gebruikersparticipatie",
        "participatie.inspraak_buurt",
        "De vraagstelling is helemaal anders dan in 2022: 'stappen gezet' tegenover 'reële inspraak'.",
    ),
    _niet_vergelijkbaar(
        "participatie.gebruikers_mede_actor",
        "participatie.inspraak_ouders",
        "Er is een groot verschil tussen 'plannen hebben over participatie' en 'reële inspraak hebben'.",
    ),
    _niet_vergelijkbaar(
        "participatie.gebruikers_mede_actor",
        "participatie.inspraak_kinderen",
        "Er is een groot verschil tussen 'plannen hebben over participatie' en 'reële inspraak hebben'.",
    ),
    _niet_vergelijkbaar(
        "participatie.inzet_vrijwilligers",
        "participatie.vrijwilligers",
        "2016: inzet op het stimuleren, ondersteunen of betrekken van vrijwilligers; 2022: werken met "
        "vrijwilligers. Gezien de andere vraagstelling kunnen hier geen conclusies uit getrokken worden.",
    ),
    _niet_vergelijkbaar(
        "kwaliteit_en_organisatie.coordinatiefunctie",
        "kwaliteit_en_organisatie.coordinatie",
        "2016 ja/nee (meer dan 90% had een coördinatiefunctie); 2022 een open vraag naar de personeelsinzet.",
    ),
    _niet_vergelijkbaar(
        "ondersteuning.nood_middelen",
        "ondersteuning.nood",
        "2016 vroeg naar de nood aan middelen per doel; 2022 een open vraag naar de nood aan ondersteuning.",
    ),
]
