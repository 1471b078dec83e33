"""The questionnaire of the 2022 survey of all Huizen van het Kind (interview), as seed 002 gives it.

Seed 002 is the final report of the 2022 survey: an Opgroeien intersectoral worker interviewed the
coordinator of 226 of the 227 Huizen in spring 2022 and filled in a digital questionnaire of twelve
themes. The report quotes most questions with their answer type ("Score 1 tot 5 en een open veld",
"Ja / nee", "Wie zijn de drie belangrijkste partners ...?" with its list of options); those are
shipped in the report's wording (`bron=CITAAT`). For a few questions the report only gives the
results ("87,9% van de lokale besturen co-financiert", "50% werkt impactgericht"); their wording is
reconstructed from those results and marked `bron=AFGELEID`. Option lists are the report's fixed
lists (partner types, Kind en Gezin-partners, the Roadmap's life domains, age categories); where
the report only names the answers it found (networks, kinds of support) those make up the list,
with "andere: …".

Where chapter 4 of the report bundles three themes ("samenwerking, kwaliteit en organisatie en het
lokaal bestuur") the questions are placed in the theme they are about.

Per theme (questions): omgevingsanalyse 6, kernpartners 1, kind_en_gezin_partners 6,
levensdomeinen 5, samenwerking 4, toegankelijkheid 3, doelgroep 6, participatie 6,
kwaliteit_en_organisatie 8, lokaal_bestuur 4, netwerken 3, ondersteuning 3: 55 in all.
"""

from bevraging.vragenlijsten.bouwstenen import (
    AFGELEID,
    SCHAAL_BEREIK,
    SCHAAL_INSPRAAK,
    SCHAAL_MATE,
    SCHAAL_SAMENWERKING,
    SCHAAL_ZICHT,
    alleen_als,
    andere,
    getal,
    groep,
    ja_nee,
    keuze,
    leeftijden,
    meerkeuze,
    open_tekst,
    score,
)

# The partner types of the question on the three most important partners (seed 002, literally).
KERNPARTNERS = [
    ("lokaal_bestuur", "Lokaal bestuur"),
    ("lokaal_loket", "Lokaal Loket Kinderopvang"),
    ("perinataal", "Perinatale partners (vroedvrouwen, ECK, …)"),
    ("kinderopvang", "Kinderopvang baby’s en peuters"),
    ("buitenschoolse_opvang", "Buitenschoolse opvang"),
    ("consultatiebureau", "Consultatiebureau"),
    ("spel_en_ontmoeting", "Spel en Ontmoeting"),
    ("opvoedingswinkel", "Opvoedingswinkel"),
    ("ckg", "CKG"),
    ("clb", "CLB"),
    andere("Andere: …"),
]

# The ten life domains of the Roadmap Huizen van het Kind, with the codes of
# levensdomeinen/referentielijsten.py (copied: a shipped questionnaire does not change with them).
LEVENSDOMEINEN = [
    ("onderwijs", "Onderwijs"),
    ("gezondheidszorg", "Gezondheidszorg"),
    ("kinderopvang", "Kinderopvang"),
    ("geestelijk-welbevinden", "Geestelijk welbevinden"),
    ("cultuur-sport-jeugd", "Cultuur, sport en jeugd"),
    ("socio-economische-determinanten", "Socio-economische determinanten"),
    ("sociale-cohesie", "Sociale cohesie"),
    ("ouderschap-opvoedingsondersteuning", "Ouderschap en opvoedingsondersteuning"),
    ("gezins-kraamzorg", "Gezins- en kraamzorg (praktische ondersteuning)"),
    ("jeugdhulp", "Jeugdhulp"),
]

LEEFTIJDSCATEGORIEEN = [
    ("0-3", "0 tot 3 jaar"),
    ("3-6", "3 tot 6 jaar"),
    ("6-12", "6 tot 12 jaar"),
    ("12-18", "12 tot 18 jaar"),
    ("18-24", "18 tot 24 jaar"),
]

FYSIEKE_LOCATIE = [
    ("een", "Ja, één fysieke locatie"),
    ("meerdere", "Ja, meerdere fysieke locaties"),
    ("gepland", "Nee, maar een fysieke locatie is gepland"),
    ("niet_gepland", "Nee, en ook niet gepland"),
]

SAMENWERKING_TOELICHTING = "Omschrijf beknopt de samenwerking."
TOELICHTING = "Licht toe."


THEMAS = [
    {
        "sleutel": "omgevingsanalyse",
        "titel": "Omgevingsanalyse",
        "intro": (
            "In welke mate hebben jullie zicht op de noden van (aanstaande) gezinnen, kinderen en "
            "jongeren in jullie werkingsgebied, en op het bestaande en toekomstige aanbod?"
        ),
        "vragen": [
            score(
                "omgevingsanalyse.zicht_lokale_noden",
                "In welke mate hebben jullie zicht op de lokale noden van (aanstaande) gezinnen met "
                "kinderen/jongeren?",
                schaal=SCHAAL_ZICHT,
                open_veld=None,
            ),
            open_tekst(
                "omgevingsanalyse.hoe_zicht_lokale_noden",
                "Beschrijf beknopt hoe jullie zicht krijgen op de lokale noden van (aanstaande) gezinnen "
                "met kinderen/jongeren.",
            ),
            open_tekst(
                "omgevingsanalyse.hoe_zicht_signalen_organisaties",
                "Beschrijf beknopt hoe jullie zicht krijgen op de noden en signalen van andere organisaties.",
            ),
            score(
                "omgevingsanalyse.zicht_aanbod",
                "In welke mate hebben jullie zicht op bestaand aanbod en "
                "mogelijkheden voor toekomstig aanbod?",
                schaal=SCHAAL_ZICHT,
                open_veld=None,
            ),
            open_tekst(
                "omgevingsanalyse.hoe_zicht_aanbod",
                "Beschrijf beknopt hoe jullie zicht krijgen op bestaand aanbod en mogelijkheden voor "
                "toekomstig aanbod.",
            ),
            open_tekst("omgevingsanalyse.opmerkingen", "Aanvullende opmerkingen"),
        ],
    },
    {
        "sleutel": "kernpartners",
        "titel": "Kernpartners",
        "intro": (
            "Een Huis van het Kind bestaat uit een breed netwerk van partners. Zij maken het aanbod van "
            "het Huis: keuzes in samenwerkingen en partnerschappen beïnvloeden het aanbod dat kinderen "
            "en gezinnen vinden in een Huis."
        ),
        "vragen": [
            meerkeuze(
                "kernpartners.belangrijkste_partners",
                "Wie zijn de drie belangrijkste partners in jullie samenwerkingsverband?",
                KERNPARTNERS,
                max_keuzes=3,
                toelichting=(
                    "Duid hoogstens drie partners aan. (In 2022 kruisten enkele Huizen er meer dan drie "
                    "aan, volgens het eindrapport.)"
                ),
            ),
        ],
    },
    {
        "sleutel": "kind_en_gezin_partners",
        "titel": "Kind en Gezin-partners",
        "intro": (
            "De samenwerking met zes Kind en Gezin-partners (= aanbod voorzien of erkend door Kind en "
            "Gezin). Geef eerst aan in welke mate jullie samenwerken (score 1: geen samenwerking tot 5: "
            "nauwe samenwerking) en omschrijf daarna beknopt de samenwerking."
        ),
        "vragen": groep(
            "samenwerking",
            "In welke mate werken jullie samen met de volgende Kind en Gezin-partners? Omschrijf telkens "
            "beknopt de samenwerking.",
            [
                (
                    "Lokale teams van Kind en Gezin",
                    score(
                        "kind_en_gezin_partners.lokaal_team",
                        "In welke mate werken jullie samen met het lokaal team van Kind en Gezin?",
                        schaal=SCHAAL_SAMENWERKING,
                        open_veld=SAMENWERKING_TOELICHTING,
                        bron=AFGELEID,
                    ),
                ),
                (
                    "Aanbodsvormen PGO",
                    score(
                        "kind_en_gezin_partners.aanbodsvormen_pgo",
                        "In welke mate werken jullie samen met de aanbodsvormen preventieve "
                        "gezinsondersteuning (PGO)?",
                        schaal=SCHAAL_SAMENWERKING,
                        open_veld=SAMENWERKING_TOELICHTING,
                        toelichting="Bv. inloopteams, spel en ontmoeting, opvoedingswinkels …",
                        bron=AFGELEID,
                    ),
                ),
                (
                    "Consultatiebureaus",
                    score(
                        "kind_en_gezin_partners.consultatiebureau",
                        "In welke mate werken jullie samen met het consultatiebureau?",
                        schaal=SCHAAL_SAMENWERKING,
                        open_veld=SAMENWERKING_TOELICHTING,
                        bron=AFGELEID,
                    ),
                ),
                (
                    "Buitenschoolse Opvang en Activiteiten",
                    score(
                        "kind_en_gezin_partners.buitenschoolse_opvang",
                        "In welke mate werken jullie samen met de "
                        "Buitenschoolse Opvang en Activiteiten (BOA)?",
                        schaal=SCHAAL_SAMENWERKING,
                        open_veld=SAMENWERKING_TOELICHTING,
                        bron=AFGELEID,
                    ),
                ),
                (
                    "Kinderopvang voor baby’s en peuters",
                    score(
                        "kind_en_gezin_partners.kinderopvang",
                        "In welke mate werken jullie samen met de kinderopvang voor baby’s en peuters?",
                        schaal=SCHAAL_SAMENWERKING,
                        open_veld=SAMENWERKING_TOELICHTING,
                        bron=AFGELEID,
                    ),
                ),
                (
                    "Lokaal Loket Kinderopvang",
                    score(
                        "kind_en_gezin_partners.lokaal_loket",
                        "In welke mate werken jullie samen met het Lokaal Loket Kinderopvang?",
                        schaal=SCHAAL_SAMENWERKING,
                        open_veld=SAMENWERKING_TOELICHTING,
                        bron=AFGELEID,
                    ),
                ),
            ],
        ),
    },
    {
        "sleutel": "levensdomeinen",
        "titel": "Levensdomeinen",
        "intro": (
            "De inzet op de levensdomeinen van de Roadmap Huizen van het Kind, en de samenwerking met "
            "jeugdhulp, het OverKop-huis en de uitbetalingsactoren van het Groeipakket."
        ),
        "vragen": [
            meerkeuze(
                "levensdomeinen.top3",
                "Welke zijn de drie belangrijkste levensdomeinen waarop jullie actief inzetten en waarom?",
                LEVENSDOMEINEN,
                max_keuzes=3,
                open_veld="Waarom?",
            ),
            meerkeuze(
                "levensdomeinen.niet_actief",
                "Op welke levensdomeinen werken jullie (nog) niet en waarom?",
                LEVENSDOMEINEN,
                open_veld="Waarom (nog) niet?",
                verplicht=False,
            ),
            *groep(
                "samenwerking",
                "In welke mate werk je samen met de volgende actoren (score van 1 tot 5)? Beschrijf telkens "
                "de samenwerking.",
                [
                    (
                        "Jeugdhulp",
                        score(
                            "levensdomeinen.samenwerking_jeugdhulp",
                            "In welke mate werk je samen met jeugdhulp?",
                            schaal=SCHAAL_SAMENWERKING,
                            open_veld="Beschrijf de samenwerking.",
                        ),
                    ),
                    (
                        "OverKop-huis",
                        score(
                            "levensdomeinen.samenwerking_overkop",
                            "In welke mate werk je samen met het OverKop-huis?",
                            schaal=SCHAAL_SAMENWERKING,
                            open_veld="Beschrijf de samenwerking.",
                            verplicht=False,
                            toelichting="Op het moment van de bevraging waren er 16 OverKop-huizen actief.",
                        ),
                    ),
                    (
                        "Uitbetalingsactoren Groeipakket",
                        score(
                            "levensdomeinen.samenwerking_groeipakket",
                            "In welke mate werk je samen met de uitbetalingsactoren van het Groeipakket?",
                            schaal=SCHAAL_SAMENWERKING,
                            open_veld="Beschrijf de samenwerking.",
                        ),
                    ),
                ],
            ),
        ],
    },
    {
        "sleutel": "samenwerking",
        "titel": "Samenwerking",
        "intro": (
            "De meerwaarde van het samenwerkingsverband, voor gezinnen en voor partners, en hoe de "
            "partners samen beslissen."
        ),
        "vragen": [
            open_tekst(
                "samenwerking.meerwaarde_gezinnen",
                "Beschrijf beknopt wat de meerwaarde van jullie samenwerkingsverband is t.o.v. de "
                "afzonderlijke (deel)werkingen, voor gezinnen (= gebruikersperspectief).",
                verplicht=True,
            ),
            open_tekst(
                "samenwerking.meerwaarde_partners",
                "Beschrijf beknopt wat de meerwaarde van jullie samenwerkingsverband is t.o.v. de "
                "afzonderlijke (deel)werkingen, voor partners (= organisatieperspectief).",
                verplicht=True,
            ),
            score(
                "samenwerking.gemeenschappelijke_visie",
                "In welke mate vertrekt jullie samenwerking vanuit een gemeenschappelijke visie?",
                schaal=SCHAAL_MATE,
                open_veld=TOELICHTING,
                bron=AFGELEID,
            ),
            score(
                "samenwerking.gelijkwaardigheid",
                "In welke mate zijn de partners in jullie samenwerkingsverband gelijkwaardig bij het maken "
                "van strategische beslissingen (inhoud, budget, organisatie)?",
                schaal=SCHAAL_MATE,
                open_veld=TOELICHTING,
            ),
        ],
    },
    {
        "sleutel": "toegankelijkheid",
        "titel": "Toegankelijkheid",
        "intro": (
            "Twee aspecten van toegankelijkheid: de samenwerking met toeleiders, en het hebben van een "
            "fysieke locatie en een niet-fysiek aanspreekpunt."
        ),
        "vragen": [
            score(
                "toegankelijkheid.samenwerking_toeleiders",
                "In welke mate werken jullie als Huis van het Kind samen met (potentiële) toeleiders?",
                schaal=SCHAAL_SAMENWERKING,
                open_veld=TOELICHTING,
            ),
            keuze(
                "toegankelijkheid.fysieke_locatie",
                "Heeft het Huis van het Kind één of meer fysieke locaties waar gezinnen terecht kunnen?",
                FYSIEKE_LOCATIE,
                open_veld="Licht toe (welke locaties, wat er te vinden is, plannen …).",
            ),
            ja_nee(
                "toegankelijkheid.niet_fysiek_aanspreekpunt",
                "Heeft het Huis van het Kind een niet-fysiek aanspreekpunt (online, telefonisch …)?",
                open_veld="Wat houdt het niet-fysiek aanspreekpunt concreet in?",
            ),
        ],
    },
    {
        "sleutel": "doelgroep",
        "titel": "Doelgroep",
        "intro": (
            "Een Huis van het Kind heeft als opdracht alle (aanstaande) gezinnen te ondersteunen bij het "
            "opgroeien en de opvoeding van hun kind (0 tot 24 jaar). Tegelijk tracht het door extra "
            "inspanningen maatschappelijk kwetsbare gezinnen te bereiken en te ondersteunen. Opgroeien "
            "legt geen registratiesysteem op: de antwoorden zijn een eigen inschatting."
        ),
        "vragen": [
            score(
                "doelgroep.bereik_alle_gezinnen",
                "In welke mate bereiken jullie de doelgroep van alle "
                "(aanstaande) gezinnen met kinderen/jongeren?",
                schaal=SCHAAL_BEREIK,
                open_veld=TOELICHTING,
            ),
            open_tekst(
                "doelgroep.specifieke_doelgroepen",
                "Welke specifieke doelgroep(en) bereiken jullie het meest?",
                verplicht=True,
            ),
            keuze(
                "doelgroep.perinatale_werking",
                "Hebben jullie een perinatale werking (ouders, tijdens en/of kort na zwangerschap)?",
                [
                    ("sterk", "Ja, in sterke mate"),
                    ("beperkt", "Ja, in beperkte mate"),
                    ("nee", "Nee"),
                ],
                toelichting=(
                    "Er wordt geen onderscheid gemaakt tussen een prenatale en een perinatale werking."
                ),
            ),
            leeftijden(
                "doelgroep.leeftijd",
                "Welke kinderen bereiken jullie vooral?",
                LEEFTIJDSCATEGORIEEN,
                toelichting=(
                    "Duid de leeftijdscategorieën aan die jullie vooral bereiken; meerdere antwoorden kunnen."
                ),
            ),
            score(
                "doelgroep.bereik_kwetsbare_gezinnen",
                "In welke mate bereiken jullie kwetsbare gezinnen?",
                schaal=SCHAAL_BEREIK,
                open_veld=TOELICHTING,
            ),
            score(
                "doelgroep.bereik_specifieke_ondersteuningsbehoefte",
                "In welke mate bereiken jullie gezinnen met een kind/jongere met een specifieke "
                "ondersteuningsbehoefte?",
                schaal=SCHAAL_BEREIK,
                open_veld=TOELICHTING,
            ),
        ],
    },
    {
        "sleutel": "participatie",
        "titel": "Participatie",
        "intro": (
            "Een van de werkingsprincipes van de Huizen van het Kind is participatief werken: kinderen, "
            "ouders, de buurt, vrijwilligers … hebben inspraak in hoe het Huis van het Kind is "
            "uitgebouwd en hoe de werking is vormgegeven en verloopt."
        ),
        "vragen": [
            *groep(
                "inspraak",
                "In welke mate hebben de volgende groepen reëel inspraak in de uitbouw en/of in de werking "
                "van jullie Huis van het Kind?",
                [
                    (
                        "Kinderen/jongeren",
                        score(
                            "participatie.inspraak_kinderen",
                            "In welke mate hebben kinderen/jongeren reëel inspraak in de uitbouw en/of in de "
                            "werking van jullie Huis van het Kind?",
                            schaal=SCHAAL_INSPRAAK,
                            open_veld="Beschrijf beknopt hoe kinderen/jongeren inspraak hebben.",
                        ),
                    ),
                    (
                        "Ouders",
                        score(
                            "participatie.inspraak_ouders",
                            "In welke mate hebben ouders reëel inspraak in de uitbouw en/of in de werking "
                            "van jullie Huis van het Kind?",
                            schaal=SCHAAL_INSPRAAK,
                            open_veld="Beschrijf beknopt hoe ouders inspraak hebben.",
                        ),
                    ),
                    (
                        "De buurt",
                        score(
                            "participatie.inspraak_buurt",
                            "In welke mate heeft de buurt (bewoners, verenigingen en organisaties) reëel "
                            "inspraak in de uitbouw en/of in de werking van jullie Huis van het Kind?",
                            schaal=SCHAAL_INSPRAAK,
                            open_veld="Beschrijf beknopt hoe de buurt inspraak heeft.",
                        ),
                    ),
                ],
            ),
            ja_nee("participatie.vrijwilligers", "Werken jullie met vrijwilligers?"),
            alleen_als(
                open_tekst(
                    "participatie.rol_vrijwilligers",
                    "Beschrijf beknopt welke rol de vrijwilligers opnemen in jullie Huis van het Kind.",
                    verplicht=True,
                ),
                "participatie.vrijwilligers",
                "ja",
            ),
            alleen_als(
                score(
                    "participatie.inspraak_vrijwilligers",
                    "In welke mate hebben de vrijwilligers reëel inspraak in de uitbouw en/of in de werking "
                    "van jullie Huis van het Kind?",
                    schaal=SCHAAL_INSPRAAK,
                    open_veld=(
                        "Beschrijf beknopt hoe vrijwilligers inspraak hebben in jullie Huis van het Kind."
                    ),
                ),
                "participatie.vrijwilligers",
                "ja",
            ),
        ],
    },
    {
        "sleutel": "kwaliteit_en_organisatie",
        "titel": "Kwaliteit en organisatie",
        "intro": (
            "Medewerkers en taken, de structuur van de werking, de besluitvorming en de "
            "kwaliteitsbewaking van het samenwerkingsverband."
        ),
        "vragen": [
            open_tekst(
                "kwaliteit_en_organisatie.coordinatie",
                "Beschrijf beknopt de personeelsinzet voor de coördinatie van jullie Huis van het Kind "
                "(uren, functie, combinatie met andere taken).",
                verplicht=True,
                bron=AFGELEID,
            ),
            getal(
                "kwaliteit_en_organisatie.personeelsleden",
                "Over hoeveel personeelsleden beschikt jullie Huis van het Kind?",
                min_waarde=0,
                max_waarde=1000,
                eenheid="personeelsleden",
                toelichting="Eigen personeel van het Huis van het Kind, niet dat van de partners.",
            ),
            score(
                "kwaliteit_en_organisatie.organisatiestructuur",
                "In welke mate zijn er duidelijke afspraken over de "
                "organisatiestructuur van jullie samenwerking?",
                schaal=SCHAAL_MATE,
                open_veld=TOELICHTING,
            ),
            score(
                "kwaliteit_en_organisatie.besluitvorming",
                "In welke mate zijn er duidelijke afspraken over hoe binnen jullie samenwerkingsverband "
                "beslissingen worden genomen (= besluitvormingsproces)?",
                schaal=SCHAAL_MATE,
                open_veld=TOELICHTING,
            ),
            score(
                "kwaliteit_en_organisatie.beleidsvoerend_vermogen",
                "In welke mate beschikt jullie samenwerkingsverband over beleidsvoerend vermogen?",
                schaal=SCHAAL_MATE,
                open_veld=TOELICHTING,
            ),
            open_tekst(
                "kwaliteit_en_organisatie.kwaliteitszorg",
                "Beschrijf beknopt hoe jullie als samenwerkingsverband "
                "inzetten op (integrale) kwaliteitszorg.",
                verplicht=True,
            ),
            ja_nee(
                "kwaliteit_en_organisatie.impactgericht_werken",
                "Werken jullie impactgericht?",
                open_veld="Licht toe hoe.",
                bron=AFGELEID,
            ),
            ja_nee(
                "kwaliteit_en_organisatie.zelfevaluatie",
                "Maken jullie gebruik van een zelfevaluatie?",
                open_veld="Licht toe welke.",
                bron=AFGELEID,
            ),
        ],
    },
    {
        "sleutel": "lokaal_bestuur",
        "titel": "Lokaal bestuur",
        "intro": "Het trekkerschap van het Huis van het Kind en de inzet van het lokaal bestuur.",
        "vragen": [
            keuze(
                "lokaal_bestuur.trekker",
                "Wie is trekker van jullie Huis van het Kind?",
                [
                    ("lokaal_bestuur", "Het lokaal bestuur (stad of gemeente)"),
                    ("verzelfstandigd", "Een verzelfstandigde dienst of vzw van het lokaal bestuur"),
                    andere("Een andere partner: …"),
                ],
                bron=AFGELEID,
            ),
            ja_nee(
                "lokaal_bestuur.cofinanciering",
                "Financiert het lokaal bestuur jullie Huis van het Kind mee (cofinanciering)?",
                open_veld=(
                    "Waarin investeert het lokaal bestuur (personeel, werkingsmiddelen, infrastructuur …)?"
                ),
                bron=AFGELEID,
            ),
            alleen_als(
                getal(
                    "lokaal_bestuur.cofinanciering_bedrag",
                    "Hoeveel bedraagt de cofinanciering door het lokaal bestuur per jaar?",
                    min_waarde=0,
                    max_waarde=10_000_000,
                    eenheid="euro per jaar",
                    verplicht=False,
                    toelichting=(
                        "Het exacte bedrag is vaak moeilijk te becijferen; laat leeg als het niet gekend is."
                    ),
                    bron=AFGELEID,
                ),
                "lokaal_bestuur.cofinanciering",
                "ja",
            ),
            open_tekst(
                "lokaal_bestuur.rol",
                "Beschrijf beknopt welke rol(len) het lokaal bestuur "
                "opneemt in jullie Huis van het Kind (bv. "
                "regisseur van het gezinsbeleid, aanbieder van "
                "ondersteuning, facilitator van het overleg met "
                "partners, trekker van nieuwe initiatieven).",
                bron=AFGELEID,
            ),
        ],
    },
    {
        "sleutel": "netwerken",
        "titel": "Netwerken",
        "intro": "De deelname van het Huis van het Kind aan bovenlokale overleggen of netwerken.",
        "vragen": [
            ja_nee(
                "netwerken.bovengemeentelijk_actief",
                "Zijn jullie actief in een bovengemeentelijk overlegplatform of netwerk?",
            ),
            alleen_als(
                meerkeuze(
                    "netwerken.welke",
                    "Aan welke bovengemeentelijke overlegplatformen of netwerken nemen jullie actief deel "
                    "vanuit je vertegenwoordiging als Huis van het Kind?",
                    [
                        ("bovenlokaal_overleg_huizen", "Bovenlokaal overleg van Huizen van het Kind"),
                        ("zorgraad_elz", "Zorgraad / eerstelijnszone (ELZ)"),
                        ("een_gezin_een_plan", "Eén gezin één plan (1G1P)"),
                        ("perinataal_netwerk", "Perinataal netwerk"),
                        andere("Andere: …"),
                    ],
                ),
                "netwerken.bovengemeentelijk_actief",
                "ja",
            ),
            alleen_als(
                open_tekst(
                    "netwerken.verhouding",
                    "Beschrijf beknopt hoe jullie zich verhouden tot die overlegplatformen of netwerken.",
                ),
                "netwerken.bovengemeentelijk_actief",
                "ja",
            ),
        ],
    },
    {
        "sleutel": "ondersteuning",
        "titel": "Ondersteuning",
        "intro": (
            "Van welke ondersteuning maakt het Huis van het Kind vandaag gebruik, en aan welke "
            "ondersteuning is er de komende periode nood?"
        ),
        "vragen": [
            meerkeuze(
                "ondersteuning.gebruikt",
                "Van welke ondersteuning maken jullie gebruik?",
                [
                    ("intersectorale_medewerker", "Intersectorale medewerker van Opgroeien"),
                    ("expoo", "EXPOO"),
                    ("basecamp", "Virtueel overlegplatform Basecamp"),
                    ("intervisie", "Intervisie"),
                    andere("Andere: …"),
                ],
            ),
            score(
                "ondersteuning.tevredenheid",
                "In welke mate zijn jullie tevreden over de ondersteuning "
                "waarvan jullie vandaag gebruik maken?",
                schaal=SCHAAL_MATE,
                open_veld=TOELICHTING,
            ),
            open_tekst(
                "ondersteuning.nood",
                "Beschrijf beknopt aan welke ondersteuning jullie de komende periode nood hebben.",
            ),
        ],
    },
]
