"""The reference lists of the Roadmap Huizen van het Kind (seed 001) and the decree (seed 000).

Loaded by migration 0002 and again by `levensdomeinen.services.laad_referentielijsten` (e.g. after
a test flushed the database). Opgroeien staff can edit names and sub-themes in the admin; codes
stay stable. `laad` takes an app registry so the migration can pass its historical models.
"""

PIJLERS = [
    ("preventieve-gezondheidszorg", "Preventieve gezondheidszorg"),
    ("opvoedingsondersteuning", "Opvoedingsondersteuning"),
    ("ontmoeting-sociale-cohesie", "Ontmoeting en sociale cohesie"),
]

LEVENSDOMEINEN = [
    (
        "onderwijs",
        "Onderwijs",
        [
            "Kleuterparticipatie versterken",
            "Transitie thuis-kinderopvang-kleuteronderwijs",
            "CLB",
            "Scholen (algemeen en buitengewoon)",
            "Buitenschoolse opvang",
        ],
    ),
    (
        "gezondheidszorg",
        "Gezondheidszorg",
        [
            "Eerstelijnszones",
            "Vlaamse gezondheidsdoelstellingen",
            "Traject ‘Elk gezin gezond’",
            "CLB en Kind en Gezin",
            "Pre- en perinatale gezondheidszorg",
            "Kinderafdeling en sociale dienst van het ziekenhuis",
        ],
    ),
    (
        "kinderopvang",
        "Kinderopvang",
        [
            "Lokaal Loket Kinderopvang",
            "Decreet buitenschoolse activiteiten",
            "Samenwerking met opvanginitiatieven",
        ],
    ),
    (
        "geestelijk-welbevinden",
        "Geestelijk welbevinden",
        [
            "1 gezin, 1 plan",
            "Programma vroegdetectie en -preventie",
            "Programma consult & liaison",
            "Warme steden",
            "Campagnes",
        ],
    ),
    (
        "cultuur-sport-jeugd",
        "Cultuur, sport en jeugd",
        [
            "Cultuureducatie en -participatie van 0 tot 6 jaar",
            "Jeugdinformatie",
            "UiT-kalender",
            "Zicht op inclusief en exclusief vrijetijdsaanbod (bv. G-sport)",
        ],
    ),
    (
        "socio-economische-determinanten",
        "Socio-economische determinanten",
        [
            "Groeipakket",
            "Lokaal sociaal beleid en geïntegreerd breed onthaal",
        ],
    ),
    (
        "sociale-cohesie",
        "Sociale cohesie",
        [
            "Sociale cohesie in de buurt",
            "Spel- en ontmoetingsplaatsen",
        ],
    ),
    (
        "ouderschap-opvoedingsondersteuning",
        "Ouderschap en opvoedingsondersteuning",
        [
            "Ouders met jongeren",
            "Kwaliteitswijzer opvoedingsondersteuning",
            "Ouderschap prenataal",
            "Relatieondersteuning",
            "Groeimee.be",
        ],
    ),
    (
        "gezins-kraamzorg",
        "Gezins- en kraamzorg (praktische ondersteuning)",
        [
            "Gezinszorg en thuisbegeleiding",
            "Thuisverpleging",
        ],
    ),
    (
        "jeugdhulp",
        "Jeugdhulp",
        [
            "1 gezin, 1 plan",
            "Een zoektocht naar verbinding",
        ],
    ),
]

WERKINGSPRINCIPES = [
    ("proportioneel-universalisme", "Proportioneel universalisme"),
    ("geintegreerd-holistisch", "Geïntegreerd en holistisch werken"),
    ("lokale-noden", "Lokale noden"),
    ("participatie", "Participatie"),
    ("communicatie-profilering", "Communicatie en profilering"),
    ("bestuur-organisatie", "Bestuur en organisatie"),
]

DOELGROEPEN = [
    ("aanstaande-ouders", "Aanstaande ouders"),
    ("0-3", "Kinderen van 0 tot 3 jaar"),
    ("3-6", "Kinderen van 3 tot 6 jaar"),
    ("6-12", "Kinderen van 6 tot 12 jaar"),
    ("12-18", "Jongeren van 12 tot 18 jaar"),
    ("18-24", "Jongvolwassenen van 18 tot 24 jaar"),
    ("kwetsbare-gezinnen", "Kwetsbare gezinnen"),
    ("specifieke-ondersteuningsbehoefte", "Gezinnen met een kind met een specifieke ondersteuningsbehoefte"),
]


def laad(apps, schema_editor=None):
    for model, rijen in (
        ("Pijler", PIJLERS),
        ("Werkingsprincipe", WERKINGSPRINCIPES),
        ("Doelgroep", DOELGROEPEN),
    ):
        klasse = apps.get_model("levensdomeinen", model)
        for volgorde, (code, naam) in enumerate(rijen, start=1):
            klasse.objects.update_or_create(code=code, defaults={"naam": naam, "volgorde": volgorde})
    Levensdomein = apps.get_model("levensdomeinen", "Levensdomein")
    Subthema = apps.get_model("levensdomeinen", "Subthema")
    for volgorde, (code, naam, subthemas) in enumerate(LEVENSDOMEINEN, start=1):
        domein, _ = Levensdomein.objects.update_or_create(
            code=code, defaults={"naam": naam, "volgorde": volgorde}
        )
        for positie, subthema in enumerate(subthemas, start=1):
            Subthema.objects.update_or_create(
                levensdomein=domein, naam=subthema, defaults={"volgorde": positie}
            )
