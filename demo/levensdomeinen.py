"""Demo data of the levensdomeinen app: every demo Huis's engagement per life domain, its offer
(aanbod) and its dated Roadmap self-assessments (zelfevaluaties).

Called by `demo.huizen.laad_demodata`, with the plans of the demo Huizen (their partners and
locations) and the same `random.Random(2022)`, after the profiles are planned and written.

The engagements follow the 2022 survey report (seed 002, chapter "Levensdomeinen"): the share of
Huizen with a life domain in their top 3, and the share that is not active on it. The percentages
are turned into whole numbers of the 227 demo Huizen first (`DEMO_LEVENSDOMEINCIJFERS`); the plan
then picks which Huizen get what, and loading checks the database against the constant. Where the
report gives no figure, the number is chosen and marked "chosen".

The offer and the self-assessments are plausible, not taken from the report: 3 to 12 offer items
per Huis from a fixed catalogue, fitting the Huis's active life domains, partners and locations;
one to three self-assessments (2023-2025) whose scores follow the engagements and improve a little
over time for most Huizen. Dates of one-off activities are drawn after a fixed reference date, so
the output does not depend on the day it is loaded.

Rows are written directly, without change history (`Wijziging`). Natural keys: (Huis, life domain)
for engagements, (Huis, title) for offer items, (Huis, date) for self-assessments; rows of the demo
Huizen outside the plan are removed, so a second run changes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.text import slugify

from demo.gemeenschappelijk import (
    AANTAL_HUIZEN,
    BRUSSEL_SLUG,
    DEMO_HUIS_SLUG,
    Demodatafout,
    Huisplan,
    is_stad,
    kies,
    rond,
    synchroniseer,
)
from huizen.models import Huis, Locatie, Partner, PartnerSoort
from huizen.services import huis_scopes
from kern.versies import verhoog
from levensdomeinen.models import (
    MAX_TOP3,
    Aanbod,
    Doelgroep,
    DomeinEngagement,
    Domeinstatus,
    Levensdomein,
    Pijler,
    Planning,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)
from levensdomeinen.selectors import DOELGROEP_CODES, LEVENSDOMEIN_CODES, PIJLER_CODES, WERKINGSPRINCIPE_CODES
from levensdomeinen.services import laad_referentielijsten

ACTIEF, GEPLAND, NIET_ACTIEF = (
    Domeinstatus.ACTIEF.value,
    Domeinstatus.GEPLAND.value,
    Domeinstatus.NIET_ACTIEF.value,
)
EENMALIG, TERUGKEREND, DOORLOPEND = (
    Planning.EENMALIG.value,
    Planning.TERUGKEREND.value,
    Planning.DOORLOPEND.value,
)

DOMEINEN, PRINCIPES, PIJLERS, DOELGROEPEN = (
    LEVENSDOMEIN_CODES,
    WERKINGSPRINCIPE_CODES,
    PIJLER_CODES,
    DOELGROEP_CODES,
)

#: Dates of one-off activities lie after this date, so the demo data does not depend on today.
REFERENTIEDATUM = datetime.date(2026, 1, 1)
ZELFEVALUATIEJAREN = (2023, 2024, 2025)

# --- Targets from the 2022 survey -----------------------------------------------------------------

#: Per life domain, in percent of the 227 Huizen: (in the top 3, active status "gepland", not active).
#: The report's text gives gezondheidszorg (15.6% top 3, 22.7% not active) and jeugdhulp ("net niet
#: de helft" not active, 2016: about 4 in 10); it ranks ouderschap- en opvoedingsondersteuning first
#: in the top 3 ("spant de kroon"), then kinderopvang ("vaak") and onderwijs (the conclusion's top 3),
#: names sociale cohesie as important "voor heel wat Huizen", and socio-economische determinanten as
#: low in the top 3 and "bevestigd in de tweede tabel" (often not active). The tables themselves are
#: not in the text version, so the other figures are chosen to fit that ranking; the survey did not
#: ask about planned domains, so every "gepland" figure is chosen. The top-3 shares add up to a
#: little less than 3 x 100%: a few Huizen name only two domains ("kiezen voor een top 3 was moeilijk").
LEVENSDOMEIN_PCT: dict[str, tuple[float, float, float]] = {
    "onderwijs": (44.1, 3.1, 4.0),  # chosen (third in the report's top 3)
    "gezondheidszorg": (15.6, 5.7, 22.7),  # report: 15.6% top 3, 22.7% not active; gepland chosen
    "kinderopvang": (59.9, 0.9, 1.3),  # chosen (second in the report's top 3)
    "geestelijk-welbevinden": (23.8, 11.9, 14.1),  # chosen
    "cultuur-sport-jeugd": (18.9, 7.0, 11.9),  # chosen
    "socio-economische-determinanten": (6.6, 7.9, 30.0),  # chosen ("lage cijfer" in the top 3)
    "sociale-cohesie": (40.1, 3.1, 3.1),  # chosen ("voor heel wat Huizen ... belangrijk")
    "ouderschap-opvoedingsondersteuning": (74.9, 0.0, 0.0),  # chosen (first in the report's top 3)
    "gezins-kraamzorg": (7.5, 7.9, 34.8),  # chosen
    "jeugdhulp": (6.2, 9.7, 49.3),  # not active: report "net niet de helft", 49.3% chosen; rest chosen
}
if set(LEVENSDOMEIN_PCT) != set(DOMEINEN):
    raise Demodatafout("LEVENSDOMEIN_PCT noemt niet precies de tien levensdomeinen van de Roadmap.")

_TOP3 = {code: rond(AANTAL_HUIZEN * LEVENSDOMEIN_PCT[code][0] / 100) for code in DOMEINEN}
_GEPLAND = {code: rond(AANTAL_HUIZEN * LEVENSDOMEIN_PCT[code][1] / 100) for code in DOMEINEN}
_NIET_ACTIEF = {code: rond(AANTAL_HUIZEN * LEVENSDOMEIN_PCT[code][2] / 100) for code in DOMEINEN}
_ACTIEF = {code: AANTAL_HUIZEN - _GEPLAND[code] - _NIET_ACTIEF[code] for code in DOMEINEN}

#: The number of Huizen per life domain (code), exactly as in the database after loading.
DEMO_LEVENSDOMEINCIJFERS: dict[str, dict[str, int]] = {
    "actief": _ACTIEF,
    "gepland": _GEPLAND,
    "niet_actief": _NIET_ACTIEF,
    "top3": _TOP3,
}
#: Huizen that name only two top-3 domains: what is left of 3 x 227 top-3 choices.
MINDER_DAN_DRIE_TOP3 = MAX_TOP3 * AANTAL_HUIZEN - sum(_TOP3.values())
#: Every Huis is active on at least this many life domains (room for its top 3 and more).
MIN_ACTIEF = 4

#: Huis van het Kind Gent, where the demo coordinator logs in: a big city active on almost every
#: domain, with one planned and one non-active domain to show all three statuses.
GENT_TOP3 = ("ouderschap-opvoedingsondersteuning", "kinderopvang", "onderwijs")
GENT_STATUS = {"jeugdhulp": GEPLAND, "gezins-kraamzorg": NIET_ACTIEF}

#: How readily a Huis is not active on a domain, by VRIND cluster: the big cities work on more
#: domains (report: "in de grotere steden makkelijker"), the countryside on fewer.
BREEDTE = {None: 0.25, 3: 0.25, 1: 0.5, 9: 0.6, 2: 0.9, 4: 0.9, 7: 0.9, 8: 1.0, 5: 1.3, 6: 1.6}

#: The partners that fit a life domain: PartnerSoort values, or the start of a partner's name.
DOMEINPARTNERS: dict[str, tuple[str, ...]] = {
    "onderwijs": ("clb", "buitenschoolse_opvang", "Brugfiguren"),
    "gezondheidszorg": ("consultatiebureau", "perinataal", "Lokaal team"),
    "kinderopvang": ("kinderopvang", "lokaal_loket", "buitenschoolse_opvang"),
    "geestelijk-welbevinden": ("ckg", "CAW", "Lokaal team"),
    "cultuur-sport-jeugd": ("spel_en_ontmoeting", "Bibliotheek", "Speelpleinwerking"),
    "socio-economische-determinanten": ("Sociaal Huis", "CAW", "lokaal_bestuur"),
    "sociale-cohesie": ("spel_en_ontmoeting", "Gezinsbond", "Inloopteam", "lokaal_bestuur"),
    "ouderschap-opvoedingsondersteuning": (
        "opvoedingswinkel",
        "spel_en_ontmoeting",
        "Lokaal team",
        "Inloopteam",
    ),
    "gezins-kraamzorg": ("perinataal", "Lokaal team"),
    "jeugdhulp": ("ckg", "CAW", "clb"),
}

# --- Fixed texts ----------------------------------------------------------------------------------

TOP3_REDENEN: dict[str, tuple[str, ...]] = {
    "onderwijs": (
        "Scholen zijn voor ons de plek om gezinnen te bereiken; samen met de brugfiguren en het CLB "
        "werken we aan kleuterparticipatie.",
        "Veel vragen van ouders gaan over school. We zetten in op huiswerkbegeleiding en een warme "
        "overgang naar de kleuterklas.",
        "In {gemeente} gaan nog te veel kleuters onregelmatig naar school; daar willen we samen met "
        "de scholen iets aan doen.",
    ),
    "gezondheidszorg": (
        "Het consultatiebureau is het hart van ons Huis en de eerste stap naar de rest van ons aanbod.",
        "Samen met de eerstelijnszone werken we aan gezondheid van bij de zwangerschap.",
        "De gezondheidsverschillen tussen gezinnen in {gemeente} zijn groot; preventieve zorg moet "
        "iedereen bereiken.",
    ),
    "kinderopvang": (
        "Kinderopvang vinden is vaak de eerste vraag van ouders; het Lokaal Loket Kinderopvang zit "
        "bij ons in huis.",
        "De coördinator van het Huis is ook het Lokaal Loket Kinderopvang, dus kinderopvang loopt "
        "als een rode draad door onze werking.",
        "Met het decreet buitenschoolse opvang en activiteiten nemen we de regierol op.",
    ),
    "geestelijk-welbevinden": (
        "Steeds meer ouders en jongeren kampen met stress en eenzaamheid; we willen er vroeg bij zijn.",
        "Perinatale mentale gezondheid is een speerpunt: de eerste 1000 dagen zijn cruciaal.",
        "Samen met het CAW en de scholen bouwen we een laagdrempelig aanspreekpunt uit.",
    ),
    "cultuur-sport-jeugd": (
        "Spelen en vrije tijd zijn een hefboom om gezinnen te bereiken die we anders niet zien.",
        "Met de jeugd-, sport- en cultuurdienst maken we het vrijetijdsaanbod toegankelijk voor elk kind.",
    ),
    "socio-economische-determinanten": (
        "Veel kinderen in {gemeente} groeien op in kansarmoede; dat kleurt al ons werk.",
        "Via het Sociaal Huis zorgen we dat gezinnen hun rechten opnemen, van Groeipakket tot schooltoeslag.",
    ),
    "sociale-cohesie": (
        "Ontmoeting is onze hefboom: gezinnen met weinig netwerk vinden bij ons andere ouders.",
        "We willen een verbindende plek zijn voor alle gezinnen, ook voor nieuwkomers.",
        "Buurtpicknicks, buitenspeeldagen en inloopmomenten brengen gezinnen in {gemeente} samen.",
    ),
    "ouderschap-opvoedingsondersteuning": (
        "Opvoedingsondersteuning is onze kernopdracht en is historisch zo gegroeid.",
        "Ons Huis groeide uit het netwerk opvoedingsondersteuning; met alle opvoedingsvragen kun je "
        "hier terecht.",
        "Advies, ontmoeting en vorming voor ouders vormen de rode draad door onze werking.",
    ),
    "gezins-kraamzorg": (
        "Jonge gezinnen hebben in de eerste weken vooral praktische hulp nodig; daar zetten we samen "
        "met de vroedvrouwen op in.",
        "Samen met de diensten gezinszorg zorgen we voor ondersteuning bij gezinnen thuis.",
    ),
    "jeugdhulp": (
        "Via één gezin, één plan werken we nauw samen met de jeugdhulp.",
        "Veel vragen die bij ons binnenkomen, vragen meer dan preventie; we zorgen voor een warme "
        "doorverwijzing.",
    ),
}
NIET_ACTIEF_REDENEN: dict[str, tuple[str, ...]] = {
    "onderwijs": (
        "Onderwijs zit bij een andere dienst van het lokaal bestuur, waarmee we (nog) weinig samenwerken.",
        "De scholen hebben hun eigen werking met het CLB; wij verwijzen door.",
    ),
    "gezondheidszorg": (
        "We zien het consultatiebureau niet als iets waar we nog extra op moeten inzetten.",
        "Met huisartsen en het ziekenhuis is er (nog) geen samenwerking.",
    ),
    "kinderopvang": ("Het Lokaal Loket Kinderopvang is regionaal georganiseerd en werkt los van ons Huis.",),
    "geestelijk-welbevinden": (
        "Daarvoor verwijzen we door naar het CAW en het centrum voor geestelijke gezondheidszorg.",
        "Met de beperkte uren van de coördinator kiezen we andere prioriteiten.",
    ),
    "cultuur-sport-jeugd": (
        "De vrijetijdsdienst heeft een eigen aanbod; wij maken het alleen bekend.",
        "Met de beperkte uren van de coördinator kiezen we andere prioriteiten.",
    ),
    "socio-economische-determinanten": (
        "Het Sociaal Huis volgt dit op; wij verwijzen door.",
        "Niet als apart thema: kansarmoede komt in al ons aanbod terug.",
    ),
    "sociale-cohesie": ("Er is (nog) geen ruimte om ontmoetingsmomenten te organiseren.",),
    "ouderschap-opvoedingsondersteuning": ("Een andere organisatie in de gemeente neemt dit op.",),
    "gezins-kraamzorg": (
        "Praktische hulp thuis bieden de diensten gezinszorg zelf aan; wij verwijzen door.",
        "Er is geen partner in de buurt die kraamzorg aanbiedt.",
    ),
    "jeugdhulp": (
        "We willen onze preventieve rol benadrukken; jeugdhulp valt daarbuiten.",
        "De wachtlijsten in de jeugdhulp kunnen we niet oplossen; we verwijzen door.",
        "Er is geen jeugdhulpaanbieder in onze regio waarmee we samenwerken.",
    ),
}
GEEN_CONSULTATIEBUREAU = "Er is geen consultatiebureau in onze gemeente; gezinnen gaan naar de buurgemeente."
GEPLAND_REDENEN = (
    "We starten in 2026 samen met een partner; de eerste afspraken zijn gemaakt.",
    "Staat in het jaarplan voor volgend jaar.",
    "We zoeken nog een partner om mee samen te werken.",
    "Een werkgroep bereidt de opstart voor.",
)

BLINDE_VLEKKEN: dict[str, str] = {
    "onderwijs": "We hebben weinig zicht op wat er in de scholen leeft; de brugfiguren en het CLB zitten "
    "niet mee aan tafel.",
    "gezondheidszorg": "Gezinnen die niet naar het consultatiebureau komen, bereiken we nauwelijks met ons "
    "gezondheidsaanbod.",
    "kinderopvang": "We weten te weinig over gezinnen die geen kinderopvang vinden of er geen zoeken.",
    "geestelijk-welbevinden": "Signalen over het mentaal welbevinden van ouders en jongeren pikken we te "
    "laat op.",
    "cultuur-sport-jeugd": "Het vrijetijdsaanbod voor kinderen en jongeren kennen we maar gedeeltelijk.",
    "socio-economische-determinanten": "Armoede en schulden komen pas ter sprake als een gezin al in de "
    "problemen zit.",
    "sociale-cohesie": "Nieuwkomers en geïsoleerde gezinnen vinden de weg naar onze "
    "ontmoetingsmomenten niet.",
    "ouderschap-opvoedingsondersteuning": "Vaders en ouders van tieners bereiken we te weinig.",
    "gezins-kraamzorg": "Welke praktische hulp gezinnen na de bevalling nodig hebben, weten we niet goed.",
    "jeugdhulp": "We weten niet welke gezinnen in onze gemeente op een wachtlijst voor jeugdhulp staan.",
    "proportioneel-universalisme": "Ons aanbod bereikt vooral de gezinnen die zelf de weg vinden; "
    "kwetsbare gezinnen blijven uit beeld.",
    "geintegreerd-holistisch": "Partners werken nog te veel naast elkaar; een gezin moet zijn verhaal "
    "vaak opnieuw vertellen.",
    "lokale-noden": "We baseren ons aanbod meer op wat partners aanbieden dan op de noden van gezinnen.",
    "participatie": "Ouders en kinderen denken nog nauwelijks mee over ons aanbod.",
    "communicatie-profilering": "Veel ouders kennen het Huis van het Kind niet of weten niet wat ze er "
    "kunnen vinden.",
    "bestuur-organisatie": "Wie waarover beslist in het partnerschap, is niet voor iedereen duidelijk.",
}
PRIORITEITEN: dict[str, str] = {
    "onderwijs": "Samen met de scholen en het CLB werken aan een warme overstap naar de kleuterklas.",
    "gezondheidszorg": "Het consultatiebureau en de eerstelijnszone nauwer betrekken bij het Huis.",
    "kinderopvang": "Het Lokaal Loket Kinderopvang beter zichtbaar maken voor alle gezinnen.",
    "geestelijk-welbevinden": "Een laagdrempelig aanspreekpunt uitbouwen voor ouders en jongeren die het "
    "moeilijk hebben.",
    "cultuur-sport-jeugd": "Met de jeugd-, sport- en cultuurdienst een vrijetijdsaanbod voor het jonge "
    "kind opzetten.",
    "socio-economische-determinanten": "Samen met het Sociaal Huis zorgen dat gezinnen hun rechten "
    "opnemen, zoals het Groeipakket en de schooltoeslag.",
    "sociale-cohesie": "Meer ontmoetingsmomenten in de wijken, dicht bij de gezinnen.",
    "ouderschap-opvoedingsondersteuning": "Het aanbod opvoedingsondersteuning uitbreiden naar ouders "
    "van tieners.",
    "gezins-kraamzorg": "Afspraken maken met de diensten gezinszorg en de vroedvrouwen over kraamzorg.",
    "jeugdhulp": "Aansluiten bij één gezin, één plan en afspraken maken over warme doorverwijzing naar "
    "de jeugdhulp.",
    "proportioneel-universalisme": "Ons aanbod gerichter naar kwetsbare gezinnen brengen, met "
    "outreachend werk.",
    "geintegreerd-holistisch": "Een gedeeld onthaal met de partners, zodat een gezin zijn vraag maar "
    "één keer hoeft te stellen.",
    "lokale-noden": "Een omgevingsanalyse maken met de lokale cijfers over kansarmoede en de gegevens "
    "van Kind en Gezin.",
    "participatie": "Een ouderpanel opstarten dat mee het aanbod evalueert.",
    "communicatie-profilering": "Een vernieuwde website en een folder in verschillende talen.",
    "bestuur-organisatie": "De samenwerkingsovereenkomst herwerken en de rollen in de stuurgroep vastleggen.",
}
if set(BLINDE_VLEKKEN) != set(DOMEINEN + PRINCIPES) or set(PRIORITEITEN) != set(BLINDE_VLEKKEN):
    raise Demodatafout("De teksten van de zelfevaluaties dekken niet alle levensdomeinen en principes.")


@dataclass(frozen=True)
class _Sjabloon:
    """An offer item of the catalogue. The first life domain is the main one: a Huis only offers
    the item when it is active on that domain."""

    titel: str
    beschrijving: str
    domeinen: tuple[str, ...]
    pijlers: tuple[str, ...]
    doelgroepen: tuple[str, ...]
    planningen: tuple[str, ...]
    ritmes: tuple[str, ...] = ()
    #: Partners that organise it: PartnerSoort values or the start of a partner's name.
    partners: tuple[str, ...] = ()
    #: Prices when it is not free (mostly it is); empty: always free.
    prijzen: tuple[str, ...] = ()
    #: Held elsewhere (outdoors, at school, at home, in the library), not at a location of the Huis.
    elders: bool = False
    #: Only offered by a Huis with one of `partners` (e.g. a consultatiebureau), which organises it.
    alleen_met_partner: bool = False
    #: For a one-off activity: the period it falls in (else in the six months after REFERENTIEDATUM).
    periode: tuple[datetime.date, datetime.date] | None = None


_G, _O, _M = PIJLERS  # preventieve gezondheidszorg, opvoedingsondersteuning, ontmoeting
_AO, _03, _36, _612, _1218, _1824, _KW, _SOB = DOELGROEPEN
_d = datetime.date

AANBOD: tuple[_Sjabloon, ...] = (
    _Sjabloon(
        "Babymassage",
        "Leer je baby ontspannen met zachte massagegrepen. Een vroedvrouw of verpleegkundige toont de "
        "grepen en geeft tips over huidcontact en rust.",
        ("ouderschap-opvoedingsondersteuning", "gezondheidszorg"),
        (_G, _O),
        (_03,),
        (TERUGKEREND, EENMALIG),
        ("Reeks van vier sessies op dinsdagvoormiddag", "Elke eerste maandag van de maand van 10 tot 11 uur"),
        ("consultatiebureau", "perinataal", "Lokaal team"),
        ("€ 5 voor de reeks", "€ 2 per sessie"),
    ),
    _Sjabloon(
        "Spelotheek",
        "Leen gezelschapsspellen, bouwmateriaal en speelgoed voor elke leeftijd. Een medewerker helpt "
        "je het juiste spel te kiezen.",
        ("cultuur-sport-jeugd", "sociale-cohesie"),
        (_M,),
        (_03, _36, _612),
        (TERUGKEREND,),
        ("Elke woensdag van 14 tot 17 uur", "Elke zaterdag van 10 tot 12 uur"),
        ("spel_en_ontmoeting", "Speelotheek", "Bibliotheek"),
        ("€ 10 lidgeld per jaar",),
    ),
    _Sjabloon(
        "Opvoedingsspreekuur",
        "Heb je een vraag over slapen, eten, driftbuien of de puberteit? Een opvoedingsondersteuner "
        "luistert en zoekt samen met jou naar wat werkt in jullie gezin.",
        ("ouderschap-opvoedingsondersteuning",),
        (_O,),
        (_03, _36, _612, _1218),
        (DOORLOPEND, TERUGKEREND),
        ("Elke maandag van 13 tot 16 uur, zonder afspraak", "Elke donderdag van 17 tot 19 uur"),
        ("opvoedingswinkel", "Lokaal team", "Inloopteam"),
    ),
    _Sjabloon(
        "Huiswerkbegeleiding",
        "Vrijwilligers helpen kinderen van de lagere school met hun huiswerk en leren hen plannen. "
        "Ouders krijgen tips om hun kind thuis te ondersteunen.",
        ("onderwijs", "socio-economische-determinanten"),
        (_O,),
        (_612, _KW),
        (TERUGKEREND,),
        (
            "Maandag en donderdag na school, van 16 tot 17.30 uur",
            "Dinsdag en donderdag van 15.45 tot 17.15 uur",
        ),
        ("Brugfiguren", "clb", "buitenschoolse_opvang"),
    ),
    _Sjabloon(
        "Startersgroep jonge ouders",
        "Een groep voor ouders van een eerste kindje: samen praten over de eerste maanden, telkens rond "
        "een thema zoals slapen, huilen of voeding.",
        ("ouderschap-opvoedingsondersteuning", "sociale-cohesie"),
        (_O, _M),
        (_AO, _03),
        (TERUGKEREND,),
        ("Om de twee weken op donderdag van 9.30 tot 11.30 uur", "Maandelijks op zaterdagvoormiddag"),
        ("Lokaal team", "opvoedingswinkel", "spel_en_ontmoeting"),
    ),
    _Sjabloon(
        "Taalstimulering voor peuters",
        "Spelenderwijs werken aan de taal van je peuter, met prentenboeken, liedjes en spelletjes. "
        "Ouders doen mee en krijgen ideeën voor thuis.",
        ("onderwijs", "ouderschap-opvoedingsondersteuning"),
        (_O,),
        (_03, _36, _KW),
        (TERUGKEREND,),
        ("Elke vrijdagvoormiddag van 9.30 tot 11 uur", "Elke woensdag van 9 tot 10.30 uur"),
        ("kinderopvang", "Bibliotheek", "spel_en_ontmoeting"),
    ),
    _Sjabloon(
        "Consultatiebureau",
        "Gratis preventieve consulten voor baby's en peuters: groei en ontwikkeling opvolgen, "
        "vaccinaties en advies over voeding en slapen.",
        ("gezondheidszorg",),
        (_G,),
        (_03, _36),
        (DOORLOPEND,),
        (),
        ("consultatiebureau",),
        alleen_met_partner=True,
    ),
    _Sjabloon(
        "Infoavond zwangerschap en bevalling",
        "Vroedvrouwen vertellen over de laatste weken van de zwangerschap, de bevalling en de eerste "
        "dagen thuis. Met ruimte voor al je vragen.",
        ("gezondheidszorg", "gezins-kraamzorg"),
        (_G,),
        (_AO,),
        (EENMALIG,),
        (),
        ("perinataal", "consultatiebureau"),
    ),
    _Sjabloon(
        "Babybabbel",
        "Een gezellig ontmoetingsmoment voor ouders met een baby: een tas koffie, andere ouders leren "
        "kennen en vragen stellen aan een verpleegkundige van Kind en Gezin.",
        ("sociale-cohesie", "ouderschap-opvoedingsondersteuning"),
        (_M, _O),
        (_AO, _03),
        (TERUGKEREND,),
        ("Elke eerste en derde dinsdag van de maand van 10 tot 12 uur",),
        ("Lokaal team", "spel_en_ontmoeting", "Babbelonie"),
    ),
    _Sjabloon(
        "Inloopmoment met koffie",
        "Iedereen is welkom voor een babbel, een vraag of gewoon een tas koffie. De kinderen spelen "
        "ondertussen in de speelhoek.",
        ("sociale-cohesie",),
        (_M,),
        (_03, _36, _KW),
        (TERUGKEREND,),
        ("Elke donderdag van 9 tot 11.30 uur", "Elke dinsdag van 13.30 tot 15.30 uur"),
        ("Inloopteam", "spel_en_ontmoeting", "lokaal_bestuur"),
    ),
    _Sjabloon(
        "Spel- en ontmoetingsruimte",
        "Een ruimte waar jonge kinderen samen met hun ouder of grootouder komen spelen. Ouders "
        "ontmoeten elkaar en wisselen ervaringen uit.",
        ("sociale-cohesie", "ouderschap-opvoedingsondersteuning"),
        (_M, _O),
        (_03, _36),
        (TERUGKEREND,),
        ("Maandag- en woensdagvoormiddag van 9 tot 11.30 uur",),
        ("spel_en_ontmoeting", "Babbelonie"),
    ),
    _Sjabloon(
        "Hulp bij het zoeken naar kinderopvang",
        "Het Lokaal Loket Kinderopvang helpt je een plaats te vinden in de kinderopvang, met voorrang "
        "voor gezinnen die het moeilijk hebben.",
        ("kinderopvang",),
        (_O,),
        (_AO, _03, _KW),
        (DOORLOPEND,),
        (),
        ("lokaal_loket",),
    ),
    _Sjabloon(
        "Infosessie: kinderopvang zoeken en vinden",
        "Hoe en wanneer zoek je kinderopvang, wat kost het en waar vind je een plaats? Het Lokaal "
        "Loket Kinderopvang legt het uit.",
        ("kinderopvang",),
        (_O,),
        (_AO, _03),
        (EENMALIG,),
        (),
        ("lokaal_loket", "kinderopvang"),
    ),
    _Sjabloon(
        "Occasionele kinderopvang",
        "Korte opvang voor je kind als je naar een sollicitatie, een opleiding of een afspraak moet. "
        "Op vraag en voor enkele uren.",
        ("kinderopvang", "socio-economische-determinanten"),
        (_O,),
        (_03, _36, _KW),
        (DOORLOPEND,),
        (),
        ("kinderopvang", "lokaal_loket"),
        ("Inkomensgerelateerd tarief",),
    ),
    _Sjabloon(
        "Infomoment vakantieopvang",
        "Welke opvang en activiteiten zijn er in de schoolvakanties? De buitenschoolse opvang, de "
        "speelpleinwerking en de jeugddienst stellen hun aanbod voor.",
        ("kinderopvang", "cultuur-sport-jeugd"),
        (_O,),
        (_36, _612),
        (EENMALIG,),
        (),
        ("buitenschoolse_opvang", "Speelpleinwerking", "lokaal_bestuur"),
    ),
    _Sjabloon(
        "Zitdag Groeipakket",
        "Een medewerker van een uitbetalingsactor van het Groeipakket beantwoordt je vragen over de "
        "kinderbijslag, de toeslagen en de schooltoeslag.",
        ("socio-economische-determinanten",),
        (_O,),
        (_AO, _KW),
        (TERUGKEREND,),
        ("Elke eerste dinsdag van de maand van 9 tot 12 uur",),
        ("Sociaal Huis", "lokaal_bestuur"),
    ),
    _Sjabloon(
        "Ruilwinkel kinderkleding",
        "Breng kleding die te klein is geworden en neem mee wat je nodig hebt. Ook speelgoed en "
        "babymateriaal zijn welkom.",
        ("socio-economische-determinanten", "sociale-cohesie"),
        (_M,),
        (_03, _36, _612, _KW),
        (TERUGKEREND,),
        (
            "Elke eerste woensdag van de maand van 14 tot 17 uur",
            "Elke derde zaterdag van de maand van 10 tot 12 uur",
        ),
        ("Gezinsbond", "Sociaal Huis"),
    ),
    _Sjabloon(
        "Zomerschool voor kleuters",
        "Twee weken spelen en leren in de zomervakantie, voor kleuters die Nederlands leren, zodat ze "
        "met meer zelfvertrouwen naar school gaan.",
        ("onderwijs",),
        (_O,),
        (_36, _KW),
        (EENMALIG,),
        (),
        ("Brugfiguren", "clb", "lokaal_bestuur"),
        periode=(_d(2026, 7, 6), _d(2026, 8, 17)),
    ),
    _Sjabloon(
        "Kijkdag in de kleuterklas",
        "Neem samen met je peuter een kijkje in de kleuterklas vóór de eerste schooldag en maak kennis "
        "met de juf of meester.",
        ("onderwijs", "kinderopvang"),
        (_O,),
        (_03, _36),
        (EENMALIG,),
        (),
        ("Brugfiguren", "clb", "kinderopvang"),
        elders=True,
        periode=(_d(2026, 5, 4), _d(2026, 6, 26)),
    ),
    _Sjabloon(
        "Samen naar de kleuterklas",
        "Een kleine groep voor kleuters die net naar school gaan en hun ouders: wennen aan de klas, de "
        "juf en de afspraken op school.",
        ("onderwijs", "sociale-cohesie"),
        (_O, _M),
        (_36, _KW),
        (TERUGKEREND,),
        ("Elke dinsdagvoormiddag van 9 tot 11 uur",),
        ("Brugfiguren", "kinderopvang"),
    ),
    _Sjabloon(
        "Brugfiguur in de basisschool",
        "De brugfiguur is het aanspreekpunt voor ouders op school: voor vragen over de schoolrekening, "
        "het huiswerk of het contact met de leerkracht.",
        ("onderwijs", "socio-economische-determinanten"),
        (_O,),
        (_36, _612, _KW),
        (DOORLOPEND,),
        (),
        ("Brugfiguren", "clb"),
        elders=True,
        alleen_met_partner=True,
    ),
    _Sjabloon(
        "Zwangerschapsyoga",
        "Oefeningen voor een soepel lichaam, een goede ademhaling en ontspanning tijdens de "
        "zwangerschap, onder begeleiding van een vroedvrouw.",
        ("gezondheidszorg", "geestelijk-welbevinden"),
        (_G,),
        (_AO,),
        (TERUGKEREND,),
        ("Elke maandagavond van 19 tot 20 uur", "Reeks van zes lessen op woensdagavond"),
        ("perinataal",),
        ("€ 6 per les", "€ 30 voor de reeks"),
    ),
    _Sjabloon(
        "Borstvoedingscafé",
        "Aanstaande en jonge moeders delen ervaringen over borstvoeding, met een lactatiekundige of "
        "vroedvrouw voor je vragen.",
        ("gezondheidszorg", "sociale-cohesie"),
        (_G, _M),
        (_AO, _03),
        (TERUGKEREND,),
        ("Elke tweede donderdag van de maand van 10 tot 11.30 uur",),
        ("perinataal", "consultatiebureau"),
    ),
    _Sjabloon(
        "Vroedvrouwenspreekuur",
        "Voor en na de bevalling kun je bij een vroedvrouw terecht met vragen over je zwangerschap, "
        "borstvoeding, je herstel en de zorg voor je baby.",
        ("gezondheidszorg", "gezins-kraamzorg"),
        (_G,),
        (_AO, _03),
        (DOORLOPEND, TERUGKEREND),
        ("Elke vrijdag van 9 tot 12 uur",),
        ("perinataal",),
        alleen_met_partner=True,
    ),
    _Sjabloon(
        "Workshop gezonde brooddoos",
        "Hoe maak je snel een gezonde en lekkere brooddoos? Een diëtist geeft ideeën en we proeven samen.",
        ("gezondheidszorg", "onderwijs"),
        (_G,),
        (_36, _612),
        (EENMALIG,),
        (),
        ("clb", "consultatiebureau", "Brugfiguren"),
        ("€ 2",),
    ),
    _Sjabloon(
        "Tandenpoetsles voor kleuters",
        "Een mondhygiënist leert kleuters spelenderwijs hun tanden poetsen; ouders krijgen tips over "
        "gezonde voeding en het eerste bezoek aan de tandarts.",
        ("gezondheidszorg",),
        (_G,),
        (_36,),
        (EENMALIG,),
        (),
        ("clb", "consultatiebureau"),
    ),
    _Sjabloon(
        "Workshop veilig slapen",
        "Een verpleegkundige van Kind en Gezin vertelt hoe je baby veilig slaapt en wat je kunt doen "
        "bij huilen en onrustige nachten.",
        ("gezondheidszorg", "ouderschap-opvoedingsondersteuning"),
        (_G, _O),
        (_AO, _03),
        (EENMALIG,),
        (),
        ("Lokaal team", "consultatiebureau"),
    ),
    _Sjabloon(
        "Infoavond schermtijd",
        "Hoeveel schermtijd is goed voor je kind? Een spreker geeft tips en afspraken die in elk gezin "
        "werken, en beantwoordt je vragen.",
        ("ouderschap-opvoedingsondersteuning", "onderwijs"),
        (_O,),
        (_612, _1218),
        (EENMALIG,),
        (),
        ("opvoedingswinkel", "clb", "Gezinsbond"),
        ("€ 3",),
    ),
    _Sjabloon(
        "Lezing: omgaan met driftbuien",
        "Waarom krijgen peuters driftbuien en hoe reageer je er rustig op? Een ervaren "
        "opvoedingsondersteuner geeft uitleg en praktische tips.",
        ("ouderschap-opvoedingsondersteuning",),
        (_O,),
        (_03, _36),
        (EENMALIG,),
        (),
        ("opvoedingswinkel", "Gezinsbond", "Lokaal team"),
        ("€ 5",),
    ),
    _Sjabloon(
        "Praatgroep voor ouders van tieners",
        "Ouders van tieners wisselen ervaringen uit over vrijheid, afspraken, schoolstress en uitgaan, "
        "begeleid door een opvoedingsondersteuner.",
        ("ouderschap-opvoedingsondersteuning", "geestelijk-welbevinden"),
        (_O,),
        (_1218,),
        (TERUGKEREND,),
        ("Maandelijks op dinsdagavond van 19.30 tot 21.30 uur",),
        ("opvoedingswinkel", "CAW"),
    ),
    _Sjabloon(
        "Jonge ouders, sterke ouders",
        "Een groep voor jonge ouders tot 24 jaar: samen praten over opvoeden, werk of studie, en je "
        "netwerk versterken.",
        ("ouderschap-opvoedingsondersteuning", "sociale-cohesie", "socio-economische-determinanten"),
        (_O, _M),
        (_1824, _03),
        (TERUGKEREND,),
        ("Om de twee weken op woensdag van 13.30 tot 15.30 uur",),
        ("CAW", "Lokaal team", "ckg"),
    ),
    _Sjabloon(
        "Gezinsdag in de Week van de Opvoeding",
        "Een namiddag vol spel, workshops en ontmoeting voor het hele gezin, met een infomarkt van alle "
        "partners van het Huis.",
        ("ouderschap-opvoedingsondersteuning", "sociale-cohesie", "cultuur-sport-jeugd"),
        (_O, _M),
        (_03, _36, _612),
        (EENMALIG,),
        (),
        ("lokaal_bestuur", "Gezinsbond", "spel_en_ontmoeting"),
        periode=(_d(2026, 3, 18), _d(2026, 3, 25)),
    ),
    _Sjabloon(
        "Buitenspeeldag",
        "Straten en pleinen worden een speelterrein: spelen, ravotten en bewegen in open lucht, met "
        "springkastelen en spelletjes.",
        ("cultuur-sport-jeugd", "sociale-cohesie"),
        (_M,),
        (_36, _612),
        (EENMALIG,),
        (),
        ("lokaal_bestuur", "Speelpleinwerking", "buitenschoolse_opvang"),
        elders=True,
        periode=(_d(2026, 4, 15), _d(2026, 4, 15)),
    ),
    _Sjabloon(
        "Boekbaby's: voorlezen voor de allerkleinsten",
        "In de bibliotheek lezen we voor uit prentenboeken, met versjes en liedjes. Je krijgt tips om "
        "thuis samen boekjes te lezen.",
        ("cultuur-sport-jeugd", "onderwijs"),
        (_O,),
        (_03, _36),
        (TERUGKEREND,),
        ("Elke eerste zaterdag van de maand van 10.30 tot 11.15 uur",),
        ("Bibliotheek",),
        elders=True,
    ),
    _Sjabloon(
        "Peuter- en kleuterturnen",
        "Bewegen, klimmen en balanceren voor kinderen van 2 tot 6 jaar, samen met een ouder. Goed voor "
        "de motoriek en vooral heel leuk.",
        ("cultuur-sport-jeugd", "gezondheidszorg"),
        (_G, _M),
        (_03, _36),
        (TERUGKEREND,),
        ("Elke zaterdag van 9.30 tot 10.30 uur",),
        ("lokaal_bestuur", "Gezinsbond"),
        ("€ 3 per keer", "€ 25 per trimester"),
        elders=True,
    ),
    _Sjabloon(
        "Speelpleinwerking",
        "Spelen, knutselen en op uitstap tijdens de schoolvakanties, begeleid door animatoren. Een "
        "kansentarief is mogelijk.",
        ("cultuur-sport-jeugd", "kinderopvang"),
        (_M,),
        (_36, _612),
        (TERUGKEREND,),
        ("Tijdens de schoolvakanties, op weekdagen van 9 tot 16 uur",),
        ("Speelpleinwerking", "buitenschoolse_opvang", "lokaal_bestuur"),
        ("€ 4 per dag", "€ 6 per dag, kansentarief € 1,50"),
        elders=True,
    ),
    _Sjabloon(
        "Kansentarief voor vrijetijdsactiviteiten",
        "Met het kansentarief betalen kinderen en jongeren minder voor sport, jeugdbeweging, "
        "muziekschool en kampen. We helpen je het aan te vragen.",
        ("socio-economische-determinanten", "cultuur-sport-jeugd"),
        (_M,),
        (_612, _1218, _KW),
        (DOORLOPEND,),
        (),
        ("Sociaal Huis", "lokaal_bestuur"),
    ),
    _Sjabloon(
        "Luisterpunt voor jongeren",
        "Jongeren kunnen anoniem en gratis praten met een hulpverlener over wat hen bezighoudt: school, "
        "vrienden, thuis of hoe ze zich voelen.",
        ("geestelijk-welbevinden", "jeugdhulp"),
        (_O,),
        (_1218, _1824),
        (DOORLOPEND, TERUGKEREND),
        ("Elke woensdag van 14 tot 18 uur, zonder afspraak",),
        ("CAW", "ckg"),
    ),
    _Sjabloon(
        "Ontmoetingsgroep voor ouders van een kind met een beperking",
        "Ouders van een kind met een specifieke ondersteuningsbehoefte ontmoeten elkaar, delen "
        "ervaringen en vinden samen de weg naar ondersteuning.",
        ("geestelijk-welbevinden", "sociale-cohesie"),
        (_M, _O),
        (_SOB,),
        (TERUGKEREND,),
        ("Om de zes weken op zaterdagvoormiddag",),
        ("CAW", "ckg", "Gezinsbond"),
    ),
    _Sjabloon(
        "Praatgroep voor kinderen van gescheiden ouders",
        "Kinderen praten in een kleine groep over wat een scheiding met hen doet, met spel en tekenen. "
        "Ouders krijgen een afsluitend gesprek.",
        ("geestelijk-welbevinden", "ouderschap-opvoedingsondersteuning"),
        (_O,),
        (_612,),
        (TERUGKEREND,),
        ("Reeks van zes woensdagnamiddagen",),
        ("CAW", "clb", "opvoedingswinkel"),
    ),
    _Sjabloon(
        "Jongereninfopunt",
        "Jongeren kunnen er terecht met vragen over studeren, werk, geld, relaties of op kot gaan, en "
        "worden doorverwezen als het nodig is.",
        ("jeugdhulp", "cultuur-sport-jeugd", "socio-economische-determinanten"),
        (_O,),
        (_1218, _1824),
        (DOORLOPEND,),
        (),
        ("CAW",),
    ),
    _Sjabloon(
        "Gezinscoach: één gezin, één plan",
        "Loopt het op meerdere vlakken vast? De gezinscoach brengt samen met jou en je hulpverleners in "
        "kaart wat nodig is, in één plan.",
        ("jeugdhulp", "geestelijk-welbevinden"),
        (_O,),
        (_03, _36, _612, _KW),
        (DOORLOPEND,),
        (),
        ("ckg", "CAW", "Lokaal team"),
    ),
    _Sjabloon(
        "Gezinsondersteuning aan huis",
        "Een begeleider komt bij je thuis als het even niet lukt met de opvoeding of het huishouden, "
        "en zoekt samen met jou naar wat helpt.",
        ("gezins-kraamzorg", "jeugdhulp", "ouderschap-opvoedingsondersteuning"),
        (_O,),
        (_03, _36, _KW),
        (DOORLOPEND,),
        (),
        ("ckg", "Lokaal team"),
        elders=True,
    ),
    _Sjabloon(
        "Kraamzorg na de bevalling",
        "Informatie en hulp bij het aanvragen van kraamzorg: praktische hulp en advies thuis in de "
        "eerste weken na de geboorte.",
        ("gezins-kraamzorg", "gezondheidszorg"),
        (_G,),
        (_AO, _03),
        (DOORLOPEND,),
        (),
        ("perinataal",),
    ),
    _Sjabloon(
        "Infomoment gezinszorg en thuishulp",
        "Wanneer heb je recht op gezinszorg of poetshulp, en hoe vraag je het aan? De diensten "
        "gezinszorg stellen zich voor.",
        ("gezins-kraamzorg", "socio-economische-determinanten"),
        (_O,),
        (_AO, _03, _KW),
        (EENMALIG,),
        (),
        ("Sociaal Huis", "lokaal_bestuur"),
    ),
)
if len({s.titel for s in AANBOD}) != len(AANBOD) or any(
    not (1 <= len(s.domeinen) <= 3 and s.pijlers and s.doelgroepen and s.planningen)
    or not set(s.domeinen) <= set(DOMEINEN)
    or not set(s.pijlers) <= set(PIJLERS)
    or not set(s.doelgroepen) <= set(DOELGROEPEN)
    or (TERUGKEREND in s.planningen and not s.ritmes)
    for s in AANBOD
):
    raise Demodatafout("De aanbodcatalogus van de demodata klopt niet.")

#: Offer items per Huis, by VRIND cluster (Brussel: None): more in the cities.
AANBOD_PER_CLUSTER = {None: (10, 12), 3: (10, 12), 1: (7, 11), 9: (6, 10), 5: (3, 7), 6: (3, 5)}
AANBOD_ANDERS = (4, 8)


# --- The plan --------------------------------------------------------------------------------------


@dataclass
class _Domeinplan:
    """What one demo Huis records about the life domains; partners and locations by name."""

    status: dict[str, str] = field(default_factory=dict)
    top3: set[str] = field(default_factory=set)
    max_top3: int = MAX_TOP3
    engagementen: dict[str, dict] = field(default_factory=dict)  # code -> fields
    partners: dict[str, list[str]] = field(default_factory=dict)  # code -> partner names
    aanbod: dict[str, dict] = field(default_factory=dict)  # title -> fields, with codes and names
    zelfevaluaties: dict[datetime.date, dict] = field(default_factory=dict)


_SOORTEN = frozenset(PartnerSoort.values)


def _past(partner: dict, naam: str, kenmerken: Iterable[str]) -> bool:
    """Whether a partner (its planned fields and name) fits one of `kenmerken`: PartnerSoort values
    or the start of a name."""
    for kenmerk in kenmerken:
        if kenmerk in _SOORTEN:
            if partner["soort"] == kenmerk:
                return True
        elif naam.startswith(kenmerk):
            return True
    return False


def _partners(plan: Huisplan, kenmerken: Iterable[str]) -> list[str]:
    kenmerken = tuple(kenmerken)
    return [naam for naam, p in plan.profiel.partners.items() if _past(p, naam, kenmerken)]


def _bij_domein(plan: Huisplan, code: str) -> tuple[bool, bool]:
    """(the Huis has a partner that fits the domain, one of them is a core partner)."""
    passend = _partners(plan, DOMEINPARTNERS[code])
    return bool(passend), any(plan.profiel.partners[naam]["kernpartner"] for naam in passend)


def _gemeente(plan: Huisplan) -> str:
    return "Brussel" if plan.slug == BRUSSEL_SLUG else plan.profiel.gemeenten[0].naam


def plan_levensdomeinen(plannen: list[Huisplan], rng: random.Random) -> dict[str, _Domeinplan]:
    """The levensdomeinen rows of every demo Huis, by slug: first the statuses and top 3 of all
    Huizen (from the targets), then per Huis its reasons, partners, offer and self-assessments."""
    if len(plannen) != AANTAL_HUIZEN:
        raise Demodatafout(f"De levensdomeinen verwachten {AANTAL_HUIZEN} Huizen, niet {len(plannen)}.")
    if not 0 <= MINDER_DAN_DRIE_TOP3 <= AANTAL_HUIZEN // 20:
        raise Demodatafout(f"De top-3-aandelen geven {MINDER_DAN_DRIE_TOP3} Huizen met minder dan drie.")
    te_veel = [code for code in DOMEINEN if _TOP3[code] > _ACTIEF[code]]
    if te_veel:
        raise Demodatafout(f"Meer Huizen met een top 3 dan actieve Huizen voor {', '.join(te_veel)}.")
    domeinplannen = {p.slug: _Domeinplan() for p in plannen}
    _plan_status(plannen, domeinplannen, rng)
    _plan_top3(plannen, domeinplannen, rng)
    for plan in plannen:
        _plan_engagementen(plan, domeinplannen[plan.slug], rng)
        _plan_aanbod(plan, domeinplannen[plan.slug], rng)
        _plan_zelfevaluaties(plan, domeinplannen[plan.slug], rng)
    _controleer_gent(domeinplannen[DEMO_HUIS_SLUG])
    return domeinplannen


def _plan_status(plannen: list[Huisplan], domeinplannen: dict[str, _Domeinplan], rng: random.Random) -> None:
    """Who is not active and who plans each domain, with exactly the target numbers. A Huis stays
    active on at least MIN_ACTIEF domains; the weights follow the report and the Huis's partners."""
    niet_actief_per_huis = dict.fromkeys(domeinplannen, 0)

    def gewicht(plan: Huisplan, code: str, status: str) -> float:
        if plan.slug == DEMO_HUIS_SLUG or niet_actief_per_huis[plan.slug] >= len(DOMEINEN) - MIN_ACTIEF:
            return 0
        heeft, kern = _bij_domein(plan, code)
        if status == NIET_ACTIEF:
            w = BREEDTE.get(plan.cluster, 1) * (0.1 if kern else (0.6 if heeft else 2.0))
            if code == "gezondheidszorg" and not plan.profiel.consultatiebureau:
                w *= 3  # the report's guess: no consultatiebureau, no health care
            return w
        return 0.3 if kern else (1.5 if heeft else 1.0)  # planned: often with a partner at hand

    volgorde = sorted(DOMEINEN, key=lambda c: (-(_NIET_ACTIEF[c] + _GEPLAND[c]), DOMEINEN.index(c)))
    for code in volgorde:
        for status, aantallen in ((NIET_ACTIEF, _NIET_ACTIEF), (GEPLAND, _GEPLAND)):
            kandidaten = [p for p in plannen if code not in domeinplannen[p.slug].status]
            verplicht = {DEMO_HUIS_SLUG} if GENT_STATUS.get(code) == status else set()
            gekozen = kies(
                rng,
                kandidaten,
                aantallen[code],
                gewicht=lambda p, c=code, s=status: gewicht(p, c, s),
                verplicht=verplicht,
                wat=f"{code} {status}",
            )
            for plan in gekozen:
                domeinplannen[plan.slug].status[code] = status
                niet_actief_per_huis[plan.slug] += 1
        for plan in plannen:
            domeinplannen[plan.slug].status.setdefault(code, ACTIEF)


def _plan_top3(plannen: list[Huisplan], domeinplannen: dict[str, _Domeinplan], rng: random.Random) -> None:
    """The top 3 of every Huis, only on active domains, with exactly the target number of Huizen per
    domain: drawn domain by domain (the Huizen with the most room left first), then completed with
    augmenting paths (a Huis swaps a domain for another so a domain that came up short gets one)."""
    gent = domeinplannen[DEMO_HUIS_SLUG]
    if any(gent.status[code] != ACTIEF for code in GENT_TOP3):
        raise Demodatafout("Huis van het Kind Gent moet actief zijn op zijn top 3.")
    gent.top3 = set(GENT_TOP3)
    overige = [p for p in plannen if p.slug != DEMO_HUIS_SLUG]
    platteland = {6: 3, 5: 2}
    for plan in kies(rng, overige, MINDER_DAN_DRIE_TOP3, gewicht=lambda p: platteland.get(p.cluster, 1)):
        domeinplannen[plan.slug].max_top3 = MAX_TOP3 - 1
    doelen = {code: _TOP3[code] - (code in GENT_TOP3) for code in DOMEINEN}

    def gewicht(plan: Huisplan, code: str) -> float:
        heeft, kern = _bij_domein(plan, code)
        w = 3.0 if kern else (1.5 if heeft else 1.0)
        if code == "ouderschap-opvoedingsondersteuning" and is_stad(plan):
            w *= 4  # "zeker voor de centrumsteden loopt dit als een rode draad door de werking"
        elif code == "kinderopvang" and plan.cluster in platteland:
            w *= 1.5  # the coordinator often is the Lokaal Loket Kinderopvang as well
        elif code in ("onderwijs", "socio-economische-determinanten") and is_stad(plan):
            w *= 1.5
        return w

    def ruimte(plan: Huisplan) -> int:
        dp = domeinplannen[plan.slug]
        return dp.max_top3 - len(dp.top3)

    for code in sorted(DOMEINEN, key=lambda c: (-doelen[c], DOMEINEN.index(c))):
        kandidaten = [p for p in overige if ruimte(p) > 0 and domeinplannen[p.slug].status[code] == ACTIEF]
        for plan in kies(
            rng,
            kandidaten,
            min(doelen[code], len(kandidaten)),
            gewicht=lambda p, c=code: gewicht(p, c),
            voorrang=ruimte,
        ):
            domeinplannen[plan.slug].top3.add(code)

    geschikt = {
        code: [p.slug for p in overige if domeinplannen[p.slug].status[code] == ACTIEF] for code in DOMEINEN
    }
    per_huis = {p.slug: domeinplannen[p.slug] for p in overige}
    for code in DOMEINEN:
        while sum(code in dp.top3 for dp in per_huis.values()) < doelen[code]:
            if not _vergroot(code, per_huis, geschikt):
                raise Demodatafout(f"Geen top 3 mogelijk met {doelen[code]} Huizen voor {code}.")


def _vergroot(start: str, per_huis: dict[str, _Domeinplan], geschikt: dict[str, list[str]]) -> bool:
    """Give domain `start` one more Huis along an augmenting path: a Huis takes `start` and drops
    another domain of its top 3, which another Huis takes in turn, up to a Huis with room left.
    Breadth first over the domains, so the path is short and the draw mostly stays as it was."""
    neemt: dict[str, str] = {}  # Huis -> the domain it takes
    laat: dict[str, str | None] = {start: None}  # domain -> the Huis that drops it
    wachtrij = deque([start])
    while wachtrij:
        code = wachtrij.popleft()
        for slug in geschikt[code]:
            dp = per_huis[slug]
            if code in dp.top3 or slug in neemt:
                continue
            neemt[slug] = code
            if len(dp.top3) < dp.max_top3:
                while True:  # walk the path back: each Huis takes its domain, drops the next
                    domein = neemt[slug]
                    per_huis[slug].top3.add(domein)
                    vorige = laat[domein]
                    if vorige is None:
                        return True
                    per_huis[vorige].top3.discard(domein)
                    slug = vorige
            for ander in sorted(dp.top3):
                if ander not in laat:
                    laat[ander] = slug
                    wachtrij.append(ander)
    return False


def _plan_engagementen(plan: Huisplan, dp: _Domeinplan, rng: random.Random) -> None:
    """Reasons and partners per domain: a reason for each top 3 and for some domains the Huis is
    not (yet) active on; 0-3 of its own partners, those that fit the domain first."""
    gemeente = _gemeente(plan)
    alle_partners = list(plan.profiel.partners)
    for code in DOMEINEN:
        status = dp.status[code]
        reden_top3 = reden_niet = ""
        if code in dp.top3:
            reden_top3 = rng.choice(TOP3_REDENEN[code]).format(gemeente=gemeente)
        if status == NIET_ACTIEF and rng.random() < 0.65:
            if code == "gezondheidszorg" and not plan.profiel.consultatiebureau:
                reden_niet = GEEN_CONSULTATIEBUREAU
            else:
                reden_niet = rng.choice(NIET_ACTIEF_REDENEN[code])
        elif status == GEPLAND and rng.random() < 0.5:
            reden_niet = rng.choice(GEPLAND_REDENEN)
        dp.engagementen[code] = {
            "status": status,
            "top3": code in dp.top3,
            "reden_top3": reden_top3,
            "reden_niet_actief": reden_niet,
        }

        passend = _partners(plan, DOMEINPARTNERS[code])
        if status == ACTIEF:
            aantal = rng.choices((0, 1, 2, 3), weights=(12, 35, 33, 20))[0]
            if code in dp.top3:
                aantal = max(aantal, 1)
        elif status == GEPLAND:
            aantal = rng.choices((0, 1), weights=(60, 40))[0]
        else:
            aantal = 0
        gekozen = rng.sample(passend, min(aantal, len(passend)))
        if len(gekozen) < aantal and status == ACTIEF and rng.random() < 0.3:
            anderen = [naam for naam in alle_partners if naam not in passend]
            if anderen:
                gekozen.append(rng.choice(anderen))
        dp.partners[code] = sorted(gekozen)


def _plan_aanbod(plan: Huisplan, dp: _Domeinplan, rng: random.Random) -> None:
    """3 to 12 offer items from the catalogue, on the Huis's active domains (its top 3 first), by
    its partners where it has fitting ones, at its locations where it has them."""
    profiel = plan.profiel
    bereik = AANBOD_PER_CLUSTER.get(plan.cluster, AANBOD_ANDERS)
    aantal = 12 if plan.slug == DEMO_HUIS_SLUG else rng.randint(*bereik)
    sleutels = []
    for volgnummer, sjabloon in enumerate(AANBOD):
        toeval = rng.random()
        hoofd = sjabloon.domeinen[0]
        met_partner = bool(_partners(plan, sjabloon.partners))
        if dp.status[hoofd] != ACTIEF or (sjabloon.alleen_met_partner and not met_partner):
            continue
        w = (3.0 if hoofd in dp.top3 else 1.0) * (1.5 if met_partner else 1.0)
        sleutels.append((toeval ** (1 / w), -volgnummer, sjabloon))
    sleutels.sort(key=lambda s: s[:2], reverse=True)
    gekozen = sorted((s[2] for s in sleutels[:aantal]), key=lambda s: s.titel)
    if len(gekozen) < 3:
        raise Demodatafout(f"Te weinig aanbod mogelijk voor {plan.naam}.")

    locaties = list(profiel.locatierijen)
    website = plan.velden["website"]
    for sjabloon in gekozen:
        planning = rng.choice(sjabloon.planningen)
        datum, ritme = None, ""
        if planning == EENMALIG:
            van, tot = sjabloon.periode or (
                REFERENTIEDATUM + datetime.timedelta(days=14),
                REFERENTIEDATUM + datetime.timedelta(days=180),
            )
            datum = van + datetime.timedelta(days=rng.randint(0, (tot - van).days))
        elif planning == TERUGKEREND:
            ritme = rng.choice(sjabloon.ritmes)
        gratis = not (sjabloon.prijzen and rng.random() < 0.35)
        prijs = "" if gratis else rng.choice(sjabloon.prijzen)
        kans_link = {EENMALIG: 0.6, TERUGKEREND: 0.3, DOORLOPEND: 0.1}[planning]
        link = f"{website}/aanbod/{slugify(sjabloon.titel)}" if rng.random() < kans_link else ""
        organisatoren = _partners(plan, sjabloon.partners)
        partner = None
        if organisatoren and (sjabloon.alleen_met_partner or rng.random() < 0.8):
            partner = rng.choice(organisatoren)
        locatie = None
        if locaties and not sjabloon.elders and rng.random() < 0.85:
            locatie = rng.choices(locaties, weights=[3] + [1] * (len(locaties) - 1))[0]
        dp.aanbod[sjabloon.titel] = {
            "beschrijving": sjabloon.beschrijving,
            "planning": planning,
            "datum": datum,
            "ritme": ritme,
            "gratis": gratis,
            "prijs": prijs,
            "inschrijvingslink": link,
            "partner": partner,
            "locatie": locatie,
            "levensdomeinen": [c for c in sjabloon.domeinen if dp.status[c] != NIET_ACTIEF],
            "pijlers": list(sjabloon.pijlers),
            "doelgroepen": list(sjabloon.doelgroepen),
        }


def _plan_zelfevaluaties(plan: Huisplan, dp: _Domeinplan, rng: random.Random) -> None:
    """One to three dated self-assessments: the latest follows the engagements (active domains and
    the top 3 score higher), earlier ones score a little lower for most Huizen."""
    aantal = 3 if plan.slug == DEMO_HUIS_SLUG else rng.choices((1, 2, 3), weights=(30, 35, 35))[0]
    jaren = list(ZELFEVALUATIEJAREN[-aantal:])
    if aantal == 1 and rng.random() < 0.2:
        jaren = [ZELFEVALUATIEJAREN[-2]]
    datums = [datetime.date(jaar, rng.randint(2, 11), rng.randint(1, 28)) for jaar in jaren]

    scores: dict[str, int] = {}
    for code in DOMEINEN:
        status = dp.status[code]
        if status == ACTIEF:
            opties, gewichten = (
                ((3, 4, 5), (10, 45, 45)) if code in dp.top3 else ((2, 3, 4, 5), (10, 35, 40, 15))
            )
        elif status == GEPLAND:
            opties, gewichten = (1, 2, 3), (25, 55, 20)
        else:
            opties, gewichten = (1, 2), (70, 30)
        scores[code] = rng.choices(opties, weights=gewichten)[0]
    principegewichten = (8, 40, 38, 14) if is_stad(plan) else (14, 44, 32, 10)
    for code in PRINCIPES:
        scores[code] = rng.choices((2, 3, 4, 5), weights=principegewichten)[0]

    verloop = rng.choices(("beter", "gelijk", "slechter"), weights=(80, 14, 6))[0]
    per_datum = {datums[-1]: dict(scores)}
    for datum in reversed(datums[:-1]):  # back in time from the latest
        vroeger = {}
        for code, score in scores.items():
            if verloop == "beter" and rng.random() < 0.3:
                score -= 1
            elif verloop == "slechter" and rng.random() < 0.25:
                score += 1
            elif verloop == "gelijk" and rng.random() < 0.12:
                score += rng.choice((-1, 1))
            if dp.status.get(code) == GEPLAND:
                score = min(score, 2)  # before the plans, the Huis did little on it
            vroeger[code] = min(5, max(1, score))
        per_datum[datum] = scores = vroeger

    for datum in datums:
        scores = per_datum[datum]
        laagste = sorted(scores, key=lambda c: (scores[c], rng.random()))
        vlekken = [BLINDE_VLEKKEN[c] for c in laagste[: rng.choice((1, 2))]] if rng.random() < 0.9 else []
        # Priorities: a planned domain (mostly), one of the two weakest principles, a weak domain.
        gepland = [c for c in DOMEINEN if dp.status[c] == GEPLAND]
        prioriteiten = [rng.choice(gepland)] if gepland and rng.random() < 0.8 else []
        prioriteiten.append(rng.choice([c for c in laagste if c in PRINCIPES][:2]))
        if len(prioriteiten) < 2 or rng.random() < 0.4:
            prioriteiten.append(next(c for c in laagste if c in DOMEINEN and c not in prioriteiten))
        doelen = [PRIORITEITEN[c] for c in prioriteiten]
        dp.zelfevaluaties[datum] = {
            "blinde_vlekken": " ".join(vlekken),
            "prioriteiten": "\n".join(f"- {doel}" for doel in doelen),
            "scores": scores,
        }


def _controleer_gent(dp: _Domeinplan) -> None:
    doelgroepen = {d for a in dp.aanbod.values() for d in a["doelgroepen"]}
    domeinen = {d for a in dp.aanbod.values() for d in a["levensdomeinen"]}
    if (
        set(dp.status) != set(DOMEINEN)
        or len(dp.aanbod) < 5
        or len(doelgroepen) < 4
        or len(domeinen) < 4
        or len(dp.zelfevaluaties) < 2
    ):
        raise Demodatafout("Huis van het Kind Gent heeft te weinig levensdomeinen, aanbod of zelfevaluaties.")


# --- Writing the plan ------------------------------------------------------------------------------


def _referenties() -> dict[type, dict[str, int]]:
    """Id by code of the reference lists; reloads them when one is missing (e.g. after a flush)."""
    modellen = {Levensdomein: DOMEINEN, Pijler: PIJLERS, Doelgroep: DOELGROEPEN, Werkingsprincipe: PRINCIPES}

    def lees():
        return {model: dict(model.objects.values_list("code", "pk")) for model in modellen}

    ids = lees()
    if any(set(codes) - set(ids[model]) for model, codes in modellen.items()):
        laad_referentielijsten()
        ids = lees()
    for model, codes in modellen.items():
        ontbrekend = sorted(set(codes) - set(ids[model]))
        if ontbrekend:
            raise Demodatafout(f"{model._meta.verbose_name_plural} ontbreken: {', '.join(ontbrekend)}.")
    return ids


def _synchroniseer_koppelingen(
    model, bestaande, sleutelvelden: tuple[str, str], gewenst: set[tuple]
) -> set[int]:
    """Bring the many-to-many rows `bestaande` to `gewenst`; returns the owners (first key field)
    whose set of related rows changed."""
    vooraf = set(bestaande.values_list(*sleutelvelden))
    synchroniseer(model, bestaande, sleutelvelden, {sleutel: {} for sleutel in sorted(gewenst)})
    return {rij[0] for rij in vooraf ^ gewenst}


def _nieuwe_versie(model, veranderd: set[int], vooraf: set[int], al_nieuw: set[int]) -> None:
    """A row that existed before and whose related rows changed gets a new version (once)."""
    model.objects.filter(pk__in=(veranderd & vooraf) - al_nieuw).update(versie=models.F("versie") + 1)


def schrijf_levensdomeinen(
    plannen: list[Huisplan],
    huizen: dict[str, Huis],
    domeinplannen: dict[str, _Domeinplan],
    opstellers: dict[str, int] | None = None,
) -> Levensdomeincijfers:
    """Write the engagements, offer and self-assessments of the demo Huizen (their rows outside the
    plan are removed), then check the database against DEMO_LEVENSDOMEINCIJFERS.

    `opstellers` gives the user (id) who drew up the self-assessments of a Huis, by slug.
    """
    opstellers = opstellers or {}
    ref = _referenties()
    domein_ids, principe_ids = ref[Levensdomein], ref[Werkingsprincipe]
    ids = [huizen[p.slug].pk for p in plannen]
    partners = {
        (huis_id, naam): pk
        for pk, huis_id, naam in Partner.objects.filter(huis_id__in=ids).values_list("pk", "huis_id", "naam")
    }
    locaties = {
        (huis_id, naam): pk
        for pk, huis_id, naam in Locatie.objects.filter(huis_id__in=ids).values_list("pk", "huis_id", "naam")
    }

    # Engagements, and the partners involved in each.
    engagementen: dict[tuple, dict] = {}
    for plan in plannen:
        huis_id = huizen[plan.slug].pk
        for code, velden in domeinplannen[plan.slug].engagementen.items():
            engagementen[(huis_id, domein_ids[code])] = velden
    rijen = DomeinEngagement.objects.filter(huis_id__in=ids)
    vooraf = set(rijen.values_list("pk", flat=True))
    gewijzigd = synchroniseer(DomeinEngagement, rijen, ("huis_id", "levensdomein_id"), engagementen)
    engagement_ids = {
        (huis_id, domein_id): pk
        for pk, huis_id, domein_id in rijen.values_list("pk", "huis_id", "levensdomein_id")
    }
    koppelingen = set()
    for plan in plannen:
        huis_id = huizen[plan.slug].pk
        for code, namen in domeinplannen[plan.slug].partners.items():
            engagement_id = engagement_ids[(huis_id, domein_ids[code])]
            koppelingen |= {(engagement_id, partners[(huis_id, naam)]) for naam in namen}
    Koppeling = DomeinEngagement.partners.through
    veranderd = _synchroniseer_koppelingen(
        Koppeling,
        Koppeling.objects.filter(domeinengagement__huis_id__in=ids),
        ("domeinengagement_id", "partner_id"),
        koppelingen,
    )
    _nieuwe_versie(DomeinEngagement, veranderd, vooraf, {engagement_ids[s] for s in gewijzigd})

    # Offer items, with their life domains, pillars and target groups.
    aanbod: dict[tuple, dict] = {}
    for plan in plannen:
        huis_id = huizen[plan.slug].pk
        for titel, a in domeinplannen[plan.slug].aanbod.items():
            aanbod[(huis_id, titel)] = {
                **{
                    k: v
                    for k, v in a.items()
                    if k not in ("partner", "locatie", "levensdomeinen", "pijlers", "doelgroepen")
                },
                "organiserende_partner_id": partners[(huis_id, a["partner"])] if a["partner"] else None,
                "locatie_id": locaties[(huis_id, a["locatie"])] if a["locatie"] else None,
            }
    rijen = Aanbod.objects.filter(huis_id__in=ids)
    vooraf = set(rijen.values_list("pk", flat=True))
    gewijzigd = synchroniseer(Aanbod, rijen, ("huis_id", "titel"), aanbod)
    aanbod_ids = {(huis_id, titel): pk for pk, huis_id, titel in rijen.values_list("pk", "huis_id", "titel")}
    veranderd = set()
    for veld, doel, modelref in (
        ("levensdomeinen", "levensdomein_id", Levensdomein),
        ("pijlers", "pijler_id", Pijler),
        ("doelgroepen", "doelgroep_id", Doelgroep),
    ):
        gewenst = set()
        for plan in plannen:
            huis_id = huizen[plan.slug].pk
            for titel, a in domeinplannen[plan.slug].aanbod.items():
                gewenst |= {(aanbod_ids[(huis_id, titel)], ref[modelref][code]) for code in a[veld]}
        through = getattr(Aanbod, veld).through
        veranderd |= _synchroniseer_koppelingen(
            through, through.objects.filter(aanbod__huis_id__in=ids), ("aanbod_id", doel), gewenst
        )
    _nieuwe_versie(Aanbod, veranderd, vooraf, {aanbod_ids[s] for s in gewijzigd})

    # Self-assessments and their scores.
    evaluaties: dict[tuple, dict] = {}
    for plan in plannen:
        huis_id = huizen[plan.slug].pk
        for datum, z in domeinplannen[plan.slug].zelfevaluaties.items():
            evaluaties[(huis_id, datum)] = {
                "opgesteld_door_id": opstellers.get(plan.slug),
                "blinde_vlekken": z["blinde_vlekken"],
                "prioriteiten": z["prioriteiten"],
            }
    rijen = Zelfevaluatie.objects.filter(huis_id__in=ids)
    synchroniseer(Zelfevaluatie, rijen, ("huis_id", "datum"), evaluaties)
    evaluatie_ids = {
        (huis_id, datum): pk for pk, huis_id, datum in rijen.values_list("pk", "huis_id", "datum")
    }
    scores: dict[tuple, dict] = {}
    for plan in plannen:
        huis_id = huizen[plan.slug].pk
        for datum, z in domeinplannen[plan.slug].zelfevaluaties.items():
            evaluatie_id = evaluatie_ids[(huis_id, datum)]
            for code, score in z["scores"].items():
                sleutel = (
                    (evaluatie_id, domein_ids[code], None)
                    if code in domein_ids
                    else (evaluatie_id, None, principe_ids[code])
                )
                scores[sleutel] = {"score": score}
    synchroniseer(
        Score,
        Score.objects.filter(zelfevaluatie__huis_id__in=ids),
        ("zelfevaluatie_id", "levensdomein_id", "werkingsprincipe_id"),
        scores,
    )
    verhoog(*(scope for huis_id in ids for scope in huis_scopes(huis_id)))  # written in bulk
    return _controleer(ids)


# --- The figures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Levensdomeincijfers:
    """The levensdomeinen figures of the demo Huizen as counted in the database."""

    namen: dict[str, str]  # life domain code -> name, in the Roadmap's order
    actief: dict[str, int]
    gepland: dict[str, int]
    niet_actief: dict[str, int]
    top3: dict[str, int]
    top3_per_huis: dict[int, int]  # number of top-3 domains -> Huizen
    aanbod: int
    aanbod_per_planning: dict[str, int]
    zelfevaluaties: int
    scores: int

    def als_demo_levensdomeincijfers(self) -> dict[str, dict[str, int]]:
        return {
            "actief": self.actief,
            "gepland": self.gepland,
            "niet_actief": self.niet_actief,
            "top3": self.top3,
        }


def _controleer(ids: list[int]) -> Levensdomeincijfers:
    """Count the figures in the database; Demodatafout when they differ from the targets."""
    engagementen = DomeinEngagement.objects.filter(huis_id__in=ids).order_by()
    per_status = {status: dict.fromkeys(DOMEINEN, 0) for status in (ACTIEF, GEPLAND, NIET_ACTIEF)}
    for r in engagementen.values("levensdomein__code", "status").annotate(n=models.Count("pk")):
        per_status[r["status"]][r["levensdomein__code"]] = r["n"]
    top3 = dict.fromkeys(DOMEINEN, 0)
    top3.update(
        engagementen.filter(top3=True).values_list("levensdomein__code").annotate(n=models.Count("pk"))
    )
    per_huis = dict.fromkeys(ids, 0)
    per_huis.update(engagementen.filter(top3=True).values_list("huis_id").annotate(n=models.Count("pk")))
    top3_per_huis: dict[int, int] = {}
    for n in per_huis.values():
        top3_per_huis[n] = top3_per_huis.get(n, 0) + 1
    aanbod = Aanbod.objects.filter(huis_id__in=ids)
    cijfers = Levensdomeincijfers(
        namen=dict(Levensdomein.objects.filter(code__in=DOMEINEN).values_list("code", "naam")),
        actief=per_status[ACTIEF],
        gepland=per_status[GEPLAND],
        niet_actief=per_status[NIET_ACTIEF],
        top3=top3,
        top3_per_huis=dict(sorted(top3_per_huis.items(), reverse=True)),
        aanbod=aanbod.count(),
        aanbod_per_planning={
            planning: aanbod.filter(planning=planning).count()
            for planning in (EENMALIG, TERUGKEREND, DOORLOPEND)
        },
        zelfevaluaties=Zelfevaluatie.objects.filter(huis_id__in=ids).count(),
        scores=Score.objects.filter(zelfevaluatie__huis_id__in=ids).count(),
    )
    fouten = []
    if cijfers.als_demo_levensdomeincijfers() != DEMO_LEVENSDOMEINCIJFERS:
        fouten.append(f"{cijfers.als_demo_levensdomeincijfers()} in plaats van {DEMO_LEVENSDOMEINCIJFERS}")
    if max(top3_per_huis) > MAX_TOP3 or engagementen.filter(top3=True).exclude(status=ACTIEF).exists():
        fouten.append("een Huis heeft meer dan drie top-3-domeinen of een top 3 waarop het niet actief is")
    if cijfers.scores != cijfers.zelfevaluaties * (len(DOMEINEN) + len(PRINCIPES)):
        fouten.append("een zelfevaluatie heeft niet voor elk levensdomein en werkingsprincipe een score")
    if fouten:
        raise Demodatafout("De demolevensdomeinen kloppen niet: " + "; ".join(fouten) + ".")
    return cijfers


__all__ = [
    "DEMO_LEVENSDOMEINCIJFERS",
    "Levensdomeincijfers",
    "plan_levensdomeinen",
    "schrijf_levensdomeinen",
]
