"""Demo data of the survey: a complete 2022 wave and a smaller 2016 wave for the demo Huizen.

`laad_bevraging_demodata` answers the shipped questionnaires (`bevraging.vragenlijsten`) for the demo
Huizen of `demo.huizen`, after those are loaded (the command `laad_demodata` calls it last):

- 2022 (interview): a validated response for 226 of the 227 Huizen, as in the survey report (seed
  002: one Huis could not be surveyed). Every required question the skip logic shows is answered,
  hidden ones are not, and every answer passes `Vraag.controleer_waarde` as on submit (loading
  checks this and refuses otherwise). The history is that of an interview in spring 2022: started,
  submitted and validated by the demo Opgroeien staff member.
- 2016 (self-completed): 165 Huizen recognised by mid-2016 submitted the 2016 questions themselves.

The distributions follow the report where it gives figures, as whole numbers of the respondents
(largest remainder, `_aantallen`), and the Huizen that get each answer are picked by rank on a
plausible leaning (a Huis's general "strength", its physical location, its cluster) with noise, so
answers of one Huis hang together. Examples (2022): bereik van alle gezinnen score 4-5 29.3% (10
points higher with a physical location), kwetsbare gezinnen 58.3% / 50.6% with / without one,
vrijwilligers 64.0%, perinatale werking 17.3 / 24 / 57.3% (intermunicipal 32.1 / 35.7%), leeftijd
0-3 79.1% and 12-18 14.2%, toeleiders 35% score 4 and 17.8% score 5, bovengemeentelijk netwerk
83.2%, zelfevaluatie 40.7%, tevredenheid over de ondersteuning 75.6% score 4-5.

Where the demo Huis profile already holds the answer, the survey repeats it, so the portal agrees
with itself: the physical location (one, several, planned, none: 58% with one), the non-physical
contact point (13 without), the core partners (at most three; lokaal bestuur 72.8%), the cooperation
with the Kind en Gezin partners (the Lokaal Loket by physical location: 12.60 / 8.66 / 78.74% score
1-2 / 3 / 4-5 with, 23.33 / 17.78 / 58.89% without), co-financing (87.9%), and the top 3 and inactive
life domains with their reasons. The physical location of a Huis is that of the Opgroeien overview
(`huizen.overzicht`: at least one Locatie). The Huizen are taken as they were on the survey's
reference date (`demo.huizen.PEILDATUM`: 29 intermunicipal, Antwerpen and Hasselt among them), and
each wave keeps them so (`bevraging.services.leg_golfkenmerken_vast`), which the analysis reads.

2016 differs as the report's comparisons say: lokaal bestuur and OCMW core partner for about 9 in
10, the consultatiebureau involved almost everywhere, about 6 in 10 with a physical location, 70.5%
aimed at 12-18-year-olds, 34.5% with steps towards user participation, 38.2% investing in
volunteers, more than 90% with a coordinator, about 4 in 10 not working on youth care.

Deterministic (one `random.Random` per wave, Huizen in slug order) and idempotent: the response of a
Huis in a wave is written once, with its answers and history; a Huis that already has a response in
that wave is left as it is (so edits and imports survive a reload), and a second run writes nothing.
No e-mail is sent. Open answers are short plausible Dutch texts, many from the report's examples.
"""

from __future__ import annotations

import datetime
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bevraging.models import Antwoord, Golf, Respons, Responsstatus, Statuswijziging, Vraag, is_leeg
from bevraging.selectors import vragen_van
from bevraging.services import gewijzigd, laad_geleverde_vragenlijsten, leg_golfkenmerken_vast
from demo.gemeenschappelijk import DEMO_HUIS_SLUG, Demodatafout, rond
from demo.huizen import DEMO_GEBRUIKERS, PEILDATUM, VZW_SLUGS
from huizen.models import Huis, Partner, VrindCluster
from huizen.selectors import Selectie, huizenlijst
from kern.cijfers import Filter, Werking, werking_van
from kern.models import User
from levensdomeinen.models import DomeinEngagement, Domeinstatus

#: Demo Huizen have the e-mail address info@<slug>.huizenvanhetkind.test (demo.huizen).
DEMO_HUIS_EMAIL = ".huizenvanhetkind.test"
RESPONDENTEN_2016 = 165
ERKEND_IN_2016 = datetime.date(2016, 6, 30)
STAD = {1, 3, 9}  # Centrumsteden, Grootsteden, Structuurondersteunende steden (and Brussel, no cluster)
TOELICHTING_KANS = 0.6


# --- Whole numbers from percentages ------------------------------------------------------------


def _aantallen(totaal: int, percentages: Sequence[float]) -> list[int]:
    """Whole numbers adding up to `totaal` in the proportions of `percentages` (largest remainder;
    the percentages need not add up to 100)."""
    som = sum(percentages)
    if totaal <= 0 or som <= 0:
        return [0] * len(percentages)
    quota = [totaal * p / som for p in percentages]
    aantallen = [math.floor(q) for q in quota]
    volgorde = sorted(range(len(quota)), key=lambda i: (aantallen[i] - quota[i], i))
    for i in volgorde[: totaal - sum(aantallen)]:
        aantallen[i] += 1
    return aantallen


# --- What the demo Huizen are -----------------------------------------------------------------


@dataclass
class _Huis:
    """The facts of a demo Huis the answers lean on (from its profile)."""

    pk: int
    slug: str
    naam: str
    erkend_sinds: datetime.date | None
    cluster: int | None  # the cluster of most of its gemeenten in 2022 (None: Brussel)
    intergemeentelijk: bool  # in 2022
    locaties: int
    gepland: bool
    contactpunt: bool
    kernpartners: list[tuple[str, str]]  # (soort, naam) of its core partners, in the survey's order
    samenwerking: dict[str, int]  # Kind en Gezin partner -> cooperation score 1-5 (where it exists)
    cofinanciering: bool
    bedrag: Decimal | None
    medewerkers: int
    top3: list[tuple[str, str]] = field(default_factory=list)  # (domain code, reason)
    niet_actief: list[tuple[str, str]] = field(default_factory=list)
    sterkte: float = 0.0

    @property
    def met_locatie(self) -> bool:
        return self.locaties > 0

    @property
    def stad(self) -> bool:
        return self.cluster is None or self.cluster in STAD


def demo_huizen() -> list[Huis]:
    """The demo Huizen of `demo.huizen` (recognised by their demo e-mail address)."""
    return list(Huis.objects.filter(email__endswith=DEMO_HUIS_EMAIL).order_by("slug"))


def _feiten(huizen: list[Huis], rng: random.Random) -> list[_Huis]:
    """The profile facts of the Huizen, in a fixed number of queries (the overview's definitions)."""
    ids = [h.pk for h in huizen]
    clusters = dict(VrindCluster.objects.values_list("pk", "nummer"))
    samenwerking: dict[int, dict[str, int]] = {}
    for huis_id, kind, score in (
        Partner.objects.filter(huis_id__in=ids, samenwerking__isnull=False)
        .exclude(kind_en_gezin_partner="")
        .order_by("pk")
        .values_list("huis_id", "kind_en_gezin_partner", "samenwerking")
    ):
        samenwerking.setdefault(huis_id, {}).setdefault(kind, score)
    domeinen: dict[int, dict[str, list]] = {}
    for huis_id, code, status, top3, reden_top3, reden_niet in (
        DomeinEngagement.objects.filter(huis_id__in=ids)
        .order_by("levensdomein__volgorde")
        .values_list("huis_id", "levensdomein__code", "status", "top3", "reden_top3", "reden_niet_actief")
    ):
        per_huis = domeinen.setdefault(huis_id, {"top3": [], "niet": []})
        if top3:
            per_huis["top3"].append((code, reden_top3))
        if status == Domeinstatus.NIET_ACTIEF:
            per_huis["niet"].append((code, reden_niet))
    feiten = []
    # The Huizen as they were in 2022 (29 intermunicipal), the survey's reference date.
    for huis in huizenlijst(Filter(datum=PEILDATUM), Selectie()).filter(pk__in=ids).order_by("slug"):
        tellen = Counter(
            clusters[rij.gemeente.cluster_id]
            for rij in huis.werkingsgebied_vandaag
            if rij.gemeente.cluster_id
        )
        domein = domeinen.get(huis.pk, {"top3": [], "niet": []})
        feit = _Huis(
            pk=huis.pk,
            slug=huis.slug,
            naam=huis.naam,
            erkend_sinds=huis.erkend_sinds,
            cluster=min(tellen, key=lambda c: (-tellen[c], c)) if tellen else None,
            intergemeentelijk=werking_van(huis.aantal_gemeenten) == Werking.INTERGEMEENTELIJK,
            locaties=huis.aantal_locaties,
            gepland=bool(huis.fysieke_locatie_gepland),
            contactpunt=huis.aantal_contactpunten > 0,
            kernpartners=list(dict.fromkeys((p.soort, p.naam) for p in huis.kernpartners)),
            samenwerking=samenwerking.get(huis.pk, {}),
            cofinanciering=bool(huis.cofinanciering_lokaal_bestuur),
            bedrag=huis.cofinanciering_bedrag,
            medewerkers=huis.aantal_medewerkers or 0,
            top3=domein["top3"],
            niet_actief=domein["niet"],
        )
        # A general leaning: cities and Huizen with a physical place tend to score themselves higher.
        feit.sterkte = (
            rng.gauss(0, 1) + 0.5 * feit.met_locatie + 0.4 * feit.stad + 0.2 * feit.intergemeentelijk
        )
        feiten.append(feit)
    return feiten


# --- Handing out answers by quota ----------------------------------------------------------------


def _rangschik(
    rng: random.Random, huizen: Sequence[_Huis], neiging: Callable[[_Huis], float] | None, ruis: float
):
    """The Huizen from the lowest to the highest leaning (with noise; random order without one)."""
    sleutels = {
        h.pk: (neiging(h) if neiging else 0.0) + rng.gauss(0, ruis if neiging else 1.0) for h in huizen
    }
    return sorted(huizen, key=lambda h: sleutels[h.pk])


def _verdeel(
    rng: random.Random,
    huizen: Sequence[_Huis],
    waarden: Sequence,
    percentages: Sequence[float],
    neiging: Callable[[_Huis], float] | None = None,
    ruis: float = 1.0,
) -> dict[int, object]:
    """Give each Huis one of `waarden` (ordered from "low" to "high"), in the numbers the percentages
    make of these Huizen; the Huizen with the highest leaning get the last values."""
    aantallen = _aantallen(len(huizen), percentages)
    reeks = [w for w, n in zip(waarden, aantallen, strict=True) for _ in range(n)]
    return {h.pk: w for h, w in zip(_rangschik(rng, huizen, neiging, ruis), reeks, strict=True)}


def _kies(
    rng: random.Random,
    huizen: Sequence[_Huis],
    aantal: int,
    neiging: Callable[[_Huis], float] | None = None,
    ruis: float = 1.0,
) -> set[int]:
    """The `aantal` Huizen with the highest leaning (with noise)."""
    aantal = max(0, min(aantal, len(huizen)))
    return {h.pk for h in _rangschik(rng, huizen, neiging, ruis)[len(huizen) - aantal :]}


SCORES = (1, 2, 3, 4, 5)


def _scores(
    rng: random.Random,
    huizen: Sequence[_Huis],
    percentages: Sequence[float],
    neiging: Callable[[_Huis], float] | None = None,
    ruis: float = 1.0,
) -> dict[int, int]:
    return _verdeel(rng, huizen, SCORES, percentages, neiging or (lambda h: h.sterkte), ruis)


def _gesplitst(
    laag: float, midden: float, hoog: float, *, een: float = 0.3, vijf: float = 0.3
) -> list[float]:
    """Percentages per score from the report's 1-2 / 3 / 4-5 shares (`een`: the part of 1-2 that is
    1, `vijf`: the part of 4-5 that is 5)."""
    return [laag * een, laag * (1 - een), midden, hoog * (1 - vijf), hoog * vijf]


def _niveau(score: int) -> int:
    return 0 if score <= 2 else (1 if score == 3 else 2)


# --- Open answers ----------------------------------------------------------------------------------

#: Open fields next to a score, per question: (low 1-2, middle 3, high 4-5) sentences.
TOELICHTINGEN: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "kind_en_gezin_partners.lokaal_team": (
        (
            "De betrokkenheid van het lokaal team is de laatste jaren afgenomen door het personeelstekort.",
            "We zien de verpleegkundigen bijna niet meer op het overleg; het team plooit terug op de "
            "kernopdracht.",
        ),
        (
            "Af en toe contact met de intersectorale medewerker, vooral rond toeleiding.",
            "Het lokaal team zit in de stuurgroep, maar gezamenlijke initiatieven zijn er weinig.",
        ),
        (
            "De verpleegkundigen en de gezinsondersteuner werken mee aan het onthaal en leiden gezinnen "
            "actief toe.",
            "Nauwe samenwerking met de intersectorale medewerker; het lokaal team zit mee in het Huis.",
        ),
    ),
    "kind_en_gezin_partners.aanbodsvormen_pgo": (
        (
            "Er is weinig tot geen PGO-aanbod in onze regio.",
            "Het inloopteam werkt los van het Huis van het Kind.",
        ),
        (
            "Met de opvoedingswinkel lopen er gezamenlijke vormingen, met andere aanbodsvormen nauwelijks.",
            "Goede afspraken met spel en ontmoeting, maar de samenwerking loopt niet vanzelf.",
        ),
        (
            "Het lokaal bestuur co-financiert het inloopteam; we organiseren samen het onthaal.",
            "De opvoedingswinkel is het hart van ons Huis en zit op dezelfde locatie.",
        ),
    ),
    "kind_en_gezin_partners.consultatiebureau": (
        (
            "Er is geen consultatiebureau op ons grondgebied.",
            "Het contact beperkt zich tot praktische afspraken over de lokalen.",
            "Het consultatiebureau zit op een eiland en is moeilijk te bereiken.",
        ),
        (
            "De vrijwilligers van het consultatiebureau verspreiden onze flyers.",
            "We delen informatie, maar samenwerken rond gezinnen doen we weinig.",
        ),
        (
            "Het consultatiebureau zit in het Huis van het Kind; de vrijwilligers helpen bij activiteiten.",
            "Het consultatiebureau is een gemeentelijke dienst: we werken als één team.",
        ),
    ),
    "kind_en_gezin_partners.buitenschoolse_opvang": (
        (
            "Buitenschoolse opvang is bij ons enkel nabewaking op school.",
            "De buitenschoolse opvang ligt volledig bij private partners.",
        ),
        (
            "We nemen deel aan de stuurgroep BOA en maken het aanbod mee bekend.",
            "Gedeeld gebruik van lokalen, verder weinig gezamenlijke acties.",
        ),
        (
            "De coördinator van het Huis is ook coördinator BOA.",
            "We maakten samen de nodenanalyse voor het decreet BOA en organiseren samen de Week van de "
            "Opvoeding.",
        ),
    ),
    "kind_en_gezin_partners.kinderopvang": (
        ("Er is weinig kinderopvang in onze gemeente en weinig contact.",),
        ("Via het lokaal overleg kinderopvang zien we elkaar een paar keer per jaar.",),
        (
            "We organiseren samen speelbabbels en zetten in op een warme overgang van opvang naar school.",
            "De dienst kinderopvang en het Huis zitten in hetzelfde team.",
        ),
    ),
    "kind_en_gezin_partners.lokaal_loket": (
        ("Het Lokaal Loket Kinderopvang werkt vanuit een andere dienst; we hebben weinig contact.",),
        ("We verwijzen ouders door naar het loket; verdere afstemming is er nog niet.",),
        (
            "Het Lokaal Loket Kinderopvang zit op dezelfde locatie en maakt deel uit van de werking.",
            "De coördinator van het Huis neemt zelf het loket op.",
        ),
    ),
    "levensdomeinen.samenwerking_jeugdhulp": (
        (
            "Geen structurele samenwerking; we willen vooral onze preventieve rol benadrukken.",
            "Vragen over jeugdhulp verwijzen we door, zonder verdere afspraken.",
        ),
        (
            "Samenwerking via één gezin - één plan bij complexe situaties.",
            "Het CKG en het Vertrouwenscentrum Kindermishandeling zijn betrokken partners.",
        ),
        ("Nauwe samenwerking met 1G1P en het CKG; jeugdhulp zit mee in onze stuurgroep.",),
    ),
    "levensdomeinen.samenwerking_overkop": (
        (
            "Er is (nog) geen OverKop-huis in onze regio.",
            "We kennen het concept en willen graag samenwerken.",
        ),
        ("Eerste contacten met het OverKop-huis in de centrumstad.",),
        ("De trekkers van beide huizen zijn dichte collega's; we plannen gezamenlijke acties.",),
    ),
    "levensdomeinen.samenwerking_groeipakket": (
        (
            "Geen samenwerking; ouders vinden zelf de weg of de sociale dienst neemt dit op.",
            "Er komen weinig vragen over het Groeipakket bij ons terecht.",
        ),
        ("We verwijzen door naar de uitbetalingsactoren en verspreiden hun informatie.",),
        ("Elke maand is er een zitdag met een beurtrol van de uitbetalingsactoren in ons Huis.",),
    ),
    "samenwerking.gemeenschappelijke_visie": (
        (
            "Er is ooit een visietekst opgemaakt, maar die moet dringend opgefrist worden.",
            "De visie leeft vooral bij de coördinator, minder bij de partners.",
        ),
        ("Bij de opstart maakten we een droomoefening; de visie wordt niet actief gebruikt.",),
        (
            "Onze visietekst wordt jaarlijks met de stuurgroep besproken en bijgestuurd.",
            "We vertrokken van een meerwaardeoefening met alle partners, met ondersteuning van EXPOO.",
        ),
    ),
    "samenwerking.gelijkwaardigheid": (
        ("Het lokaal bestuur beslist; de partners worden vooral geïnformeerd.",),
        (
            "Partners kunnen input geven, maar de eindbeslissing ligt bij de trekker.",
            "Over de inhoud beslissen we samen, over het budget beslist het bestuur.",
        ),
        ("Beslissingen worden in de stuurgroep genomen, waar elke partner een stem heeft.",),
    ),
    "toegankelijkheid.samenwerking_toeleiders": (
        (
            "We kennen elkaars werking te weinig om goed toe te leiden.",
            "De overlegstructuren moeten na de coronajaren opnieuw opgestart worden.",
        ),
        (
            "Toeleiding loopt vooral via Kind en Gezin en de scholen.",
            "Met het OCMW en het CLB zijn er afspraken, met andere actoren minder.",
        ),
        (
            "Brugfiguren, het CAW en de kinderopvang leiden actief toe; we delen een fysieke plek.",
            "Vaste zitdagen en een structureel partneroverleg zorgen voor een wederzijdse toeleiding.",
        ),
    ),
    "doelgroep.bereik_alle_gezinnen": (
        (
            "We bereiken vooral gezinnen die de weg al kennen.",
            "Zonder fysieke plek is het moeilijk om gezinnen te bereiken.",
        ),
        (
            "Gezinnen met jonge kinderen bereiken we goed, gezinnen met tieners nauwelijks.",
            "Vaders worden minder makkelijk bereikt.",
        ),
        ("Via het consultatiebureau en de kinderopvang komen bijna alle jonge gezinnen bij ons terecht.",),
    ),
    "doelgroep.bereik_kwetsbare_gezinnen": (
        ("Kwetsbare gezinnen bereiken we weinig; daar is nog groeimarge.",),
        ("Een sociale mix realiseren blijft een uitdaging.",),
        (
            "Door de samenwerking met de sociale dienst bereiken we veel maatschappelijk kwetsbare gezinnen.",
            "Veel ouders met een migratieachtergrond vinden de weg naar onze ontmoetingsmomenten.",
        ),
    ),
    "doelgroep.bereik_specifieke_ondersteuningsbehoefte": (
        (
            "We hebben niet de expertise om deze gezinnen goed te ondersteunen; we verwijzen door.",
            "Deze gezinnen worden elders geholpen.",
        ),
        ("Vragen komen vooral van ouders zelf, bv. over ADHD of autisme.",),
        (
            "We hebben niet de expertise op dat terrein, maar zijn gewoon toegankelijk voor iedereen.",
            "Samen met het Centrum Inclusieve Kinderopvang werken we aan inclusieve opvang.",
        ),
    ),
    "participatie.inspraak_kinderen": (
        (
            "Er is geen rechtstreekse inspraak van kinderen.",
            "Inspraak loopt enkel onrechtstreeks via de jeugdraad.",
        ),
        ("We bevragen kinderen op kinderkampen en in de scholen.",),
        ("Via de kindergemeenteraad en het label kindvriendelijke gemeente hebben kinderen echt inspraak.",),
    ),
    "participatie.inspraak_ouders": (
        (
            "We werken enkel met tevredenheidsmetingen na een activiteit.",
            "Er is nog geen structurele inspraak van ouders.",
        ),
        ("Ouders geven input via het oudercomité en een facebookpoll.",),
        ("Een ouderpanel bepaalt mee het programma van het Huis.",),
    ),
    "participatie.inspraak_buurt": (
        ("De buurt heeft geen inspraak in de werking.",),
        ("Buurtbewoners worden betrokken via de buurtwerkers.",),
        ("Met 'buurten op de koffie' gaan we regelmatig in dialoog met de buurt.",),
    ),
    "participatie.inspraak_vrijwilligers": (
        (
            "In de consultatiebureaus zijn vrijwilligers heer en meester, in het Huis van het Kind hebben "
            "ze geen inspraak.",
        ),
        ("Vrijwilligers hebben vooral inspraak over de activiteit waar ze zelf aan meewerken.",),
        ("De vrijwilligers zitten mee in de werkgroep en beslissen mee over de activiteiten.",),
    ),
    "kwaliteit_en_organisatie.organisatiestructuur": (
        ("Door het wegvallen van de coördinator is de structuur voor de partners niet meer duidelijk.",),
        ("Er is een stuurgroep, maar de afspraken staan niet op papier.",),
        (
            "Een stuurgroep met alle partners en thematische werkgroepen; de afspraken staan in een "
            "huishoudelijk reglement.",
        ),
    ),
    "kwaliteit_en_organisatie.besluitvorming": (
        ("Beslissingen worden informeel genomen door het lokaal bestuur.",),
        ("De stuurgroep adviseert, het college beslist.",),
        ("De afspraken over de besluitvorming staan op papier en zijn gekend door alle partners.",),
    ),
    "kwaliteit_en_organisatie.beleidsvoerend_vermogen": (
        ("Het eigenaarschap ligt op de schouders van één persoon.",),
        ("Ideeën genoeg, maar te weinig tijd om ze methodisch uit te werken.",),
        ("Met de roadmap als leidraad stellen we jaarlijks doelen en evalueren we ze.",),
    ),
    "ondersteuning.tevredenheid": (
        ("We missen een sectoroverleg met Opgroeien voor meer duiding.",),
        ("De ondersteuning is nuttig, maar we hebben nood aan voorbeelden op onze maat.",),
        (
            "De intersectorale medewerker biedt maatwerk; de materialen van EXPOO zijn een goede aanvulling.",
            "Basecamp is een handig platform om te delen met andere Huizen.",
        ),
    ),
}

OPEN_ANTWOORDEN: dict[str, tuple[float, tuple[str, ...]]] = {
    # key: (share of the Huizen that answer, sentences; one to three are combined)
    "omgevingsanalyse.hoe_zicht_lokale_noden": (
        0.92,
        (
            "Vooral via onze partners: in de stuurgroep brengen zij de signalen van gezinnen binnen.",
            "We gebruiken de omgevingsanalyse van het Lokaal Sociaal Beleid.",
            "Via de burgerbevraging van de gemeente en de nodenanalyse voor de buitenschoolse opvang.",
            "Een echte nodenanalyse maakten we nog niet; we horen veel via de kinderopvang en de scholen.",
            "Via gesprekken met ouders op onze ontmoetingsmomenten.",
            "Cijfers van Kind en Gezin en de kansarmoede-index geven ons een beeld.",
        ),
    ),
    "omgevingsanalyse.hoe_zicht_signalen_organisaties": (
        0.88,
        (
            "Via het partneroverleg en de stuurgroep.",
            "Signalen komen binnen via het lokaal team van Kind en Gezin en het CLB.",
            "Op het overleg kinderarmoede delen de partners hun signalen.",
            "Informeel: in een kleine gemeente kennen we elkaar goed.",
        ),
    ),
    "omgevingsanalyse.hoe_zicht_aanbod": (
        0.88,
        (
            "Via het overleg met ons netwerk en de sociale kaart.",
            "Door uitwisseling met andere Huizen van het Kind in de regio.",
            "We houden een overzicht bij van het aanbod van de partners; dat actueel houden is moeilijk.",
            "Via de nieuwsbrieven en de websites van de partners.",
        ),
    ),
    "omgevingsanalyse.opmerkingen": (
        0.3,
        (
            "De coronacrisis heeft de uitbouw van ons Huis sterk vertraagd.",
            "We willen de komende jaren meer inzetten op participatie.",
            "Er is weinig draagvlak bij het bestuur voor een fysiek Huis.",
            "Het Huis draait vooral op het engagement van de coördinator.",
        ),
    ),
    "samenwerking.meerwaarde_gezinnen": (
        1.0,
        (
            "Gezinnen vinden op één plek antwoord op hun vragen en worden warm doorverwezen.",
            "Het aanbod is beter gekend en laagdrempeliger.",
            "Een plek waar partners samenzitten, verlaagt de drempel voor gezinnen.",
            "Ouders moeten hun verhaal minder vaak opnieuw vertellen.",
        ),
    ),
    "samenwerking.meerwaarde_partners": (
        1.0,
        (
            "Partners hebben elkaars werking leren kennen en leiden beter toe.",
            "We delen kennis, lokalen en middelen.",
            "Samen signaleren we hiaten en vermijden we dubbel aanbod.",
            "Gezamenlijke acties zoals de Week van de Opvoeding lukken beter samen.",
        ),
    ),
    "doelgroep.specifieke_doelgroepen": (
        1.0,
        (
            "Vooral modale Nederlandstalige gezinnen met jonge kinderen.",
            "Vooral maatschappelijk kwetsbare gezinnen.",
            "Een mix van culturen; veel anderstalige ouders.",
            "Vooral mama's; vaders bereiken we minder makkelijk.",
            "Jonge gezinnen en aanstaande ouders.",
            "Gezinnen met kinderen in de lagere school.",
        ),
    ),
    "participatie.rol_vrijwilligers": (
        1.0,
        (
            "Vrijwilligers van het consultatiebureau onthalen gezinnen en helpen bij de consultaties.",
            "Er is een buddywerking met vrijwilligers die ook de babytheek in handen nemen.",
            "Vrijwilligers houden de ruilwinkel en de speel-o-theek open.",
            "Huiswerkbegeleiding en spel en ontmoeting draaien op vrijwilligers.",
            "We willen evolueren van consultatiebureauvrijwilligers naar Huis van het Kind-vrijwilligers.",
        ),
    ),
    "kwaliteit_en_organisatie.kwaliteitszorg": (
        1.0,
        (
            "Elke partner bewaakt de kwaliteit van de eigen werking.",
            "Na elke activiteit bevragen we de deelnemers en evalueren we met de partners.",
            "We gebruiken de roadmap als leidraad en werken met de PDCA-cyclus.",
            "Niet van toepassing: er is geen structurele kwaliteitsbewaking.",
            "We volgen het bereik van onze activiteiten op met lokaal cijfermateriaal.",
        ),
    ),
    "lokaal_bestuur.rol": (
        0.9,
        (
            "Regisseur van het lokaal gezinsbeleid en trekker van het Huis.",
            "Aanbieder van ondersteuning via de sociale dienst en de kinderopvang.",
            "Facilitator van het overleg met de partners.",
            "Trekker van nieuwe initiatieven, bv. rond kinderarmoede.",
            "Ontvanger en behartiger van de noden van gezinnen.",
        ),
    ),
    "netwerken.verhouding": (
        0.8,
        (
            "We nemen actief deel aan het bovenlokaal overleg en wisselen er praktijken uit.",
            "Het overleg dient vooral voor intervisie.",
            "Via de eerstelijnszone stemmen we af met het welzijnsaanbod in de regio.",
            "We zijn lid, maar hebben weinig tijd om actief deel te nemen.",
        ),
    ),
    "ondersteuning.nood": (
        0.85,
        (
            "Ondersteuning bij leren samenwerken en bij bestuurlijke topics.",
            "Intervisie met Huizen van dezelfde grootte.",
            "Inspirerende praktijkverhalen van gelijkaardige Huizen.",
            "Meer duiding bij impactgericht werken en zelfevaluatie.",
            "Een sectoroverleg met Opgroeien.",
            "Extra middelen om de coördinatie te versterken.",
        ),
    ),
}

FYSIEKE_LOCATIE_TOELICHTING = {
    "een": (
        "Een loket in het gemeentehuis, enkel op afspraak.",
        "Het Huis zit in het Sociaal Huis, samen met het consultatiebureau.",
        "De ruilwinkel is de ingang van het Huis, wat zeer laagdrempelig werkt.",
        "Er is elke week een fysiek onthaalmoment, bemand door de partners.",
    ),
    "meerdere": (
        "Vier antennepunten: de jeugddienst, Kind en Gezin, het sociaal huis en een kinderopvang.",
        "Een campus met divers aanbod en antennepunten in de deelgemeenten.",
        "In elke gemeente van ons werkingsgebied is een ontmoetingsplek.",
    ),
    "gepland": (
        "Een fysiek Huis is gepland in het nieuwe gemeentelijke gebouw.",
        "We werken aan een campus waar verschillende diensten samenkomen.",
    ),
    "niet_gepland": (
        "Er is geen draagvlak bij het lokaal bestuur voor een fysiek Huis.",
        "We werken outreachend, in scholen en wijken.",
        "Het werkingsgebied is te uitgestrekt voor één fysieke plek.",
    ),
}
AANSPREEKPUNT_TOELICHTING = {
    "ja": (
        "Telefoon, e-mail, website, nieuwsbrief en facebook met chatfunctie.",
        "Enkel een e-mailadres.",
        "Een algemeen nummer, maar er is niet altijd iemand die kan opnemen.",
        "Een vermelding op de gemeentelijke website, met een aanvraagformulier, telefoon en e-mailadres.",
        "WhatsApp en een algemeen e-mailadres.",
    ),
    "nee": (
        "De chatfunctie is na een tijd stopgezet: ze werkte onvoldoende voor de ouders.",
        "Ouders kunnen terecht bij het onthaal van het gemeentehuis.",
    ),
}
JA_NEE_TOELICHTING = {
    "kwaliteit_en_organisatie.impactgericht_werken": {
        "ja": (
            "Binnen ons vernieuwend project werken we met een veranderingstheorie.",
            "We meten het bereik en de tevredenheid bij onze activiteiten.",
        ),
        "nee": ("Het begrip is nieuw voor ons; we willen er meer over weten.",),
    },
    "kwaliteit_en_organisatie.zelfevaluatie": {
        "ja": ("De zelfevaluatie van de roadmap.", "Een jaarlijkse evaluatie met de stuurgroep."),
        "nee": ("Nog niet; daar is geen tijd voor.",),
    },
    "lokaal_bestuur.cofinanciering": {
        "ja": (
            "De personeelskost van de coördinator en werkingsmiddelen.",
            "Infrastructuur en werkingsmiddelen voor gezinsondersteunend aanbod.",
            "Het lokaal bestuur betaalt de coördinator en stelt de lokalen ter beschikking.",
            "Cofinanciering van de opvoedingswinkel en het inloopteam.",
        ),
        "nee": (),
    },
}
TAKEN_COORDINATOR = (
    "het Lokaal Loket Kinderopvang",
    "de buitenschoolse opvang",
    "de jeugddienst",
    "de sociale dienst",
    "nieuwe projecten rond kinderarmoede",
)
NETWERKEN_ANDERE = (
    "Regionaal overleg kinderarmoede",
    "Welzijnsoverleg van de regio",
    "Overleg van de Huizen van Leren@Vaart",
    "Netwerk kinderarmoedebestrijding",
)
ONDERSTEUNING_ANDERE = ("VVSG", "Provinciale ondersteuning", "Kenniscentrum Kinderrechten", "Leren@Vaart")
TREKKER_ANDERE = (
    "Leren@Vaart (Ferm vzw)",
    "Een welzijnsvereniging",
    "Het CAW van de regio",
    "Een intergemeentelijke vereniging",
)
LEREN_AAN_DE_VAART = 10  # "10 keer Leren@Vaart als vertegenwoordiger"
ANDERE_TREKKERS = 8


def _zin(rng: random.Random, zinnen: Sequence[str], hoogstens: int = 1) -> str:
    if not zinnen:
        return ""
    aantal = rng.randint(1, min(hoogstens, len(zinnen)))
    return " ".join(rng.sample(list(zinnen), aantal))


# --- The 2022 plan -------------------------------------------------------------------------------

Plan = dict[int, dict[str, tuple]]  # Huis pk -> key -> (waarde, toelichting, andere_tekst)


class _Planner:
    """Collects the answers of one wave: `zet(huis, key, value, toelichting, andere)`."""

    def __init__(self, rng: random.Random, huizen: list[_Huis]):
        self.rng = rng
        self.huizen = huizen
        self.plan: Plan = {h.pk: {} for h in huizen}

    def zet(self, huis: _Huis | int, sleutel: str, waarde, toelichting: str = "", andere: str = "") -> None:
        pk = huis if isinstance(huis, int) else huis.pk
        self.plan[pk][sleutel] = (waarde, toelichting, andere)

    def alle(self, sleutel: str, uitkomst: dict[int, object]) -> None:
        """Set the answer of every Huis in `uitkomst` (Huis pk -> value), without open field."""
        for pk, waarde in uitkomst.items():
            self.zet(pk, sleutel, waarde)

    def scores(self, sleutel: str, uitkomst: dict[int, int], *, kans: float = TOELICHTING_KANS) -> None:
        """Set scores, with an open field for a share of the Huizen, fitting the score."""
        zinnen = TOELICHTINGEN.get(sleutel)
        for pk, score in uitkomst.items():
            toelichting = ""
            if zinnen and self.rng.random() < kans:
                toelichting = _zin(self.rng, zinnen[_niveau(score)])
            self.zet(pk, sleutel, score, toelichting)

    def open(self, sleutel: str, huizen: Iterable[_Huis] | None = None) -> None:
        kans, zinnen = OPEN_ANTWOORDEN[sleutel]
        for huis in huizen if huizen is not None else self.huizen:
            if self.rng.random() < kans:
                self.zet(huis, sleutel, _zin(self.rng, zinnen, 3))


KERNPARTNER_VOLGORDE = (
    "lokaal_bestuur",
    "consultatiebureau",
    "lokaal_loket",
    "kinderopvang",
    "andere",
    "spel_en_ontmoeting",
    "opvoedingswinkel",
    "buitenschoolse_opvang",
    "clb",
    "perinataal",
    "ckg",
)
KERNPARTNER_PCT = (72.8, 52.0, 44.0, 34.2, 24.0, 22.2, 15.1, 12.0, 10.2, 8.9, 4.9)


def _plan_2022(rng: random.Random, huizen: list[_Huis]) -> Plan:
    """The answers of the 2022 wave, theme by theme (the numbers of the final report)."""
    p = _Planner(rng, huizen)
    _plan_omgevingsanalyse(p, huizen)
    _plan_kernpartners_2022(p, huizen)
    _plan_kind_en_gezin_partners(p, huizen)
    _plan_levensdomeinen_2022(p, huizen)
    _plan_samenwerking(p, huizen)
    _plan_toegankelijkheid(p, huizen)
    _plan_doelgroep_2022(p, huizen)
    _plan_participatie(p, huizen)
    _plan_kwaliteit(p, huizen)
    _plan_lokaal_bestuur(p, huizen)
    # 11. Netwerken: 83.2% take part (about 27% of the Centrumsteden and Regionaal stedelijke rand
    #     do not); ELZ 36.4%, 1G1P 34.7%, perinatal networks 34.7% of all Huizen.
    _plan_netwerken(p, huizen)
    # 12. Ondersteuning: satisfied (4-5) 75.6%.
    _plan_ondersteuning(p, huizen)
    p.scores("ondersteuning.tevredenheid", _scores(rng, huizen, (1.0, 4.4, 19.0, 50.6, 25.0)))
    p.open("ondersteuning.nood")
    return p.plan


def _stadgewicht(h: _Huis) -> float:
    return 1.0 if h.stad else 0.0


def _plan_omgevingsanalyse(p: _Planner, huizen: list[_Huis]) -> None:
    # 1. Omgevingsanalyse: zicht op noden mostly 3 (40.8%) or 4 (34.1%); on the offer 60% 4-5.
    rng = p.rng
    p.scores("omgevingsanalyse.zicht_lokale_noden", _scores(rng, huizen, (3.5, 14.6, 40.8, 34.1, 7.0)))
    p.open("omgevingsanalyse.hoe_zicht_lokale_noden")
    p.open("omgevingsanalyse.hoe_zicht_signalen_organisaties")
    p.scores("omgevingsanalyse.zicht_aanbod", _scores(rng, huizen, (1.5, 8.5, 30.0, 42.0, 18.0)))
    p.open("omgevingsanalyse.hoe_zicht_aanbod")
    p.open("omgevingsanalyse.opmerkingen")


def _plan_kernpartners_2022(p: _Planner, huizen: list[_Huis]) -> None:
    # 2. Kernpartners: the profile's core partners (at most three); a Huis without draws three.
    rng = p.rng
    for huis in huizen:
        soorten = [s for s, _naam in huis.kernpartners]
        andere = next((naam for s, naam in huis.kernpartners if s == "andere"), "")
        if len(soorten) > 3:
            soorten = sorted(soorten, key=KERNPARTNER_VOLGORDE.index)[:3]
        if not soorten:
            soorten = _trek_zonder_terugleggen(rng, KERNPARTNER_VOLGORDE, KERNPARTNER_PCT, 3)
            andere = "Lokaal team Kind en Gezin"
        soorten = sorted(set(soorten), key=KERNPARTNER_VOLGORDE.index)
        p.zet(huis, "kernpartners.belangrijkste_partners", soorten, "", andere if "andere" in soorten else "")


def _plan_kind_en_gezin_partners(p: _Planner, huizen: list[_Huis]) -> None:
    # 3. Kind en Gezin partners: the profile's cooperation score; where the partner is missing, 1
    #    (or 2). The consultatiebureau: 26.4% score 1 of all Huizen, the rest about evenly.
    rng = p.rng
    for kind in ("lokaal_team", "aanbodsvormen_pgo", "buitenschoolse_opvang", "kinderopvang", "lokaal_loket"):
        uitkomst = {h.pk: h.samenwerking.get(kind) or (1 if rng.random() < 0.7 else 2) for h in huizen}
        p.scores(f"kind_en_gezin_partners.{kind}", uitkomst)
    p.scores(
        "kind_en_gezin_partners.consultatiebureau",
        _scores(
            rng,
            huizen,
            (26.4, 18.4, 18.4, 18.4, 18.4),
            neiging=lambda h: h.samenwerking.get("consultatiebureau", -10) * 1.0,
            ruis=0.6,
        ),
    )


def _plan_levensdomeinen_2022(p: _Planner, huizen: list[_Huis]) -> None:
    # 4. Levensdomeinen: the profile's top 3 (with reasons) and inactive domains.
    rng = p.rng
    for huis in huizen:
        top3 = [code for code, _reden in huis.top3][:3]
        if top3:
            p.zet(huis, "levensdomeinen.top3", top3, _zin(rng, [r for _c, r in huis.top3 if r]) or "")
        else:
            p.zet(
                huis,
                "levensdomeinen.top3",
                ["ouderschap-opvoedingsondersteuning", "kinderopvang", "onderwijs"],
            )
        niet = [code for code, _reden in huis.niet_actief]
        if niet:
            redenen = [r for _c, r in huis.niet_actief if r]
            p.zet(huis, "levensdomeinen.niet_actief", niet, redenen[0] if redenen else "")
    jeugdhulp_niet = {h.pk for h in huizen if any(c == "jeugdhulp" for c, _r in h.niet_actief)}
    p.scores(
        "levensdomeinen.samenwerking_jeugdhulp",
        _scores(
            rng,
            huizen,
            (32.6, 30.0, 23.0, 12.5, 1.9),
            neiging=lambda h: h.sterkte - 2.0 * (h.pk in jeugdhulp_niet),
        ),
    )
    overkop = [
        h
        for h in huizen
        if h.pk in _kies(rng, huizen, rond(0.62 * len(huizen)), lambda h: _stadgewicht(h) + h.sterkte)
    ]
    p.scores("levensdomeinen.samenwerking_overkop", _scores(rng, overkop, (40.0, 25.0, 22.4, 9.0, 3.6)))
    p.scores(
        "levensdomeinen.samenwerking_groeipakket",
        _scores(
            rng, huizen, (53.6, 22.0, 14.0, 7.0, 3.4), neiging=lambda h: h.sterkte + 1.5 * _stadgewicht(h)
        ),
    )


def _plan_samenwerking(p: _Planner, huizen: list[_Huis]) -> None:
    # 5. Samenwerking: a common vision by cluster as the report says; equality mostly average.
    rng = p.rng
    p.open("samenwerking.meerwaarde_gezinnen")
    p.open("samenwerking.meerwaarde_partners")
    visie_hoog = {1: 70, 8: 70, 5: 48, 7: 48, 2: 33, 4: 33, 6: 33, 9: 33, 3: 50, None: 50}
    visie: dict[int, int] = {}
    for aandeel in sorted(set(visie_hoog.values())):
        groep = [h for h in huizen if visie_hoog.get(h.cluster, 40) == aandeel]
        rest = 100 - aandeel
        visie.update(_scores(rng, groep, (rest * 0.1, rest * 0.3, rest * 0.6, aandeel * 0.7, aandeel * 0.3)))
    p.scores("samenwerking.gemeenschappelijke_visie", visie)
    stedelijk = [h for h in huizen if h.cluster in (1, 8, 9)]
    overige = [h for h in huizen if h.cluster not in (1, 8, 9)]
    gelijk = _scores(rng, stedelijk, (2, 10, 55, 25, 8))
    gelijk.update(_scores(rng, overige, (5, 15, 38, 32, 10)))
    p.scores("samenwerking.gelijkwaardigheid", gelijk)


def _plan_toegankelijkheid(p: _Planner, huizen: list[_Huis]) -> None:
    # 6. Toegankelijkheid: toeleiders 7% score 1, 35% score 4, 17.8% score 5; location and contact
    #    point from the profile.
    rng = p.rng
    p.scores("toegankelijkheid.samenwerking_toeleiders", _scores(rng, huizen, (7.0, 13.0, 27.2, 35.0, 17.8)))
    for huis in huizen:
        if huis.locaties > 1:
            locatie = "meerdere"
        elif huis.locaties == 1:
            locatie = "een"
        else:
            locatie = "gepland" if huis.gepland else "niet_gepland"
        toelichting = _zin(rng, FYSIEKE_LOCATIE_TOELICHTING[locatie]) if rng.random() < 0.7 else ""
        p.zet(huis, "toegankelijkheid.fysieke_locatie", locatie, toelichting)
        aanspreekpunt = "ja" if huis.contactpunt else "nee"
        toelichting = _zin(rng, AANSPREEKPUNT_TOELICHTING[aanspreekpunt]) if rng.random() < 0.7 else ""
        p.zet(huis, "toegankelijkheid.niet_fysiek_aanspreekpunt", aanspreekpunt, toelichting)


def _plan_doelgroep_2022(p: _Planner, huizen: list[_Huis]) -> None:
    # 7. Doelgroep. Bereik van alle gezinnen: 26.5 / 44.2 / 29.3% score 1-2 / 3 / 4-5, the 4-5 share
    #    ten points higher with a physical location. Kwetsbare gezinnen: 17.5 / 27.8 / 54.7%, 4-5
    #    58.3% with and 50.6% without a location. Specifieke ondersteuningsbehoefte: 4-5 13.0%, more
    #    than a quarter score 1.
    rng = p.rng
    n_met = [h for h in huizen if h.met_locatie]
    n_zonder = [h for h in huizen if not h.met_locatie]
    hoog_met, hoog_zonder = _hoog_per_groep(len(n_met), len(n_zonder), 29.3, 10.0)
    laag_totaal = rond(0.265 * len(huizen))
    laag_met = rond(laag_totaal * len(n_met) / len(huizen) * 0.85) if huizen else 0
    bereik = _scores(rng, n_met, _gesplitst(laag_met, len(n_met) - laag_met - hoog_met, hoog_met, vijf=0.2))
    laag_zonder = laag_totaal - laag_met
    bereik.update(
        _scores(
            rng,
            n_zonder,
            _gesplitst(laag_zonder, len(n_zonder) - laag_zonder - hoog_zonder, hoog_zonder, vijf=0.2),
        )
    )
    p.scores("doelgroep.bereik_alle_gezinnen", bereik)
    p.open("doelgroep.specifieke_doelgroepen")
    _plan_perinataal(p, huizen)
    _plan_leeftijden_2022(p, huizen)
    kwetsbaar = _scores(rng, n_met, _gesplitst(16.5, 25.2, 58.3, een=0.25, vijf=0.35))
    kwetsbaar.update(_scores(rng, n_zonder, _gesplitst(18.8, 30.6, 50.6, een=0.25, vijf=0.35)))
    p.scores("doelgroep.bereik_kwetsbare_gezinnen", kwetsbaar)
    p.scores(
        "doelgroep.bereik_specifieke_ondersteuningsbehoefte",
        _scores(rng, huizen, (27.0, 30.0, 30.0, 10.0, 3.0)),
    )


def _plan_participatie(p: _Planner, huizen: list[_Huis]) -> None:
    # 8. Participatie: little say; 64.0% work with volunteers (their say 36.0% 1-2, 38.3% 4-5).
    rng = p.rng
    p.scores("participatie.inspraak_kinderen", _scores(rng, huizen, (45.0, 30.0, 14.4, 8.0, 2.6)))
    p.scores("participatie.inspraak_ouders", _scores(rng, huizen, (30.0, 36.7, 18.9, 12.4, 2.0)))
    p.scores("participatie.inspraak_buurt", _scores(rng, huizen, (61.3, 20.0, 10.8, 6.0, 1.9)))
    vrijwilligers = _verdeel(rng, huizen, ("nee", "ja"), (36.0, 64.0), lambda h: h.sterkte, 1.5)
    for huis in huizen:
        p.zet(huis, "participatie.vrijwilligers", vrijwilligers[huis.pk])
    met_vrijwilligers = [h for h in huizen if vrijwilligers[h.pk] == "ja"]
    p.open("participatie.rol_vrijwilligers", met_vrijwilligers)
    p.scores(
        "participatie.inspraak_vrijwilligers", _scores(rng, met_vrijwilligers, (16.0, 20.0, 25.7, 26.3, 12.0))
    )


def _plan_kwaliteit(p: _Planner, huizen: list[_Huis]) -> None:
    # 9. Kwaliteit en organisatie: impactgericht 50%, zelfevaluatie 40.7%.
    rng = p.rng
    _plan_coordinatie(p, huizen)
    for huis in huizen:
        p.zet(huis, "kwaliteit_en_organisatie.personeelsleden", _personeel(rng, huis))
    organisatie = _scores(rng, [h for h in huizen if h.cluster in (1, 8)], (0, 3, 15, 45, 37))
    organisatie.update(_scores(rng, [h for h in huizen if h.cluster not in (1, 8)], (3, 10, 28, 40, 19)))
    p.scores("kwaliteit_en_organisatie.organisatiestructuur", organisatie)
    p.scores("kwaliteit_en_organisatie.besluitvorming", _scores(rng, huizen, (5, 15, 35, 33, 12)))
    p.scores("kwaliteit_en_organisatie.beleidsvoerend_vermogen", _scores(rng, huizen, (8, 22, 38, 25, 7)))
    p.open("kwaliteit_en_organisatie.kwaliteitszorg")
    for sleutel, ja in (("impactgericht_werken", 50.0), ("zelfevaluatie", 40.7)):
        _ja_nee(
            p,
            f"kwaliteit_en_organisatie.{sleutel}",
            _verdeel(rng, huizen, ("nee", "ja"), (100 - ja, ja), lambda h: h.sterkte),
        )


def _plan_lokaal_bestuur(p: _Planner, huizen: list[_Huis]) -> None:
    # 10. Lokaal bestuur: trekker (the vzw's an autonomous service, 10 times Leren@Vaart),
    #     co-financing from the profile.
    _plan_trekker(p, huizen)
    for huis in huizen:
        _ja_nee(p, "lokaal_bestuur.cofinanciering", {huis.pk: "ja" if huis.cofinanciering else "nee"})
        if huis.cofinanciering and huis.bedrag is not None:
            p.zet(huis, "lokaal_bestuur.cofinanciering_bedrag", int(huis.bedrag))
    p.open("lokaal_bestuur.rol")


def _trek_zonder_terugleggen(
    rng: random.Random, waarden: Sequence[str], gewichten: Sequence[float], aantal: int
):
    gekozen: list[str] = []
    kandidaten, w = list(waarden), list(gewichten)
    while kandidaten and len(gekozen) < aantal:
        keuze = rng.choices(range(len(kandidaten)), weights=w)[0]
        gekozen.append(kandidaten.pop(keuze))
        w.pop(keuze)
    return gekozen


def _hoog_per_groep(n_met: int, n_zonder: int, procent: float, verschil: float) -> tuple[int, int]:
    """The number of Huizen with score 4-5 with and without a location: `procent` of all, the share
    with a location `verschil` points above the share without."""
    totaal = n_met + n_zonder
    if not totaal:
        return 0, 0
    zonder_aandeel = (procent / 100 * totaal - verschil / 100 * n_met) / totaal
    hoog_zonder = rond(zonder_aandeel * n_zonder)
    return rond(procent / 100 * totaal) - hoog_zonder, hoog_zonder


def _ja_nee(p: _Planner, sleutel: str, uitkomst: dict[int, str]) -> None:
    zinnen = JA_NEE_TOELICHTING.get(sleutel, {})
    for pk, waarde in uitkomst.items():
        toelichting = _zin(p.rng, zinnen.get(waarde, ())) if p.rng.random() < TOELICHTING_KANS else ""
        p.zet(pk, sleutel, waarde, toelichting)


def _plan_perinataal(p: _Planner, huizen: list[_Huis]) -> None:
    """17.3% strong, 24% limited, 57.3% none; intermunicipal Huizen 32.1% and 35.7%."""
    rng = p.rng
    sterk, beperkt, geen = _aantallen(len(huizen), (17.3, 24.0, 57.3))
    ig = [h for h in huizen if h.intergemeentelijk]
    ig_sterk, ig_beperkt = rond(0.321 * len(ig)), rond(0.357 * len(ig))
    uitkomst = _verdeel(
        rng, ig, ("nee", "beperkt", "sterk"), (len(ig) - ig_sterk - ig_beperkt, ig_beperkt, ig_sterk)
    )
    gem = [h for h in huizen if not h.intergemeentelijk]
    rest = (
        max(0, geen - (len(ig) - ig_sterk - ig_beperkt)),
        max(0, beperkt - ig_beperkt),
        max(0, sterk - ig_sterk),
    )
    uitkomst.update(_verdeel(rng, gem, ("nee", "beperkt", "sterk"), rest, lambda h: h.sterkte, 1.5))
    for pk, waarde in uitkomst.items():
        p.zet(pk, "doelgroep.perinatale_werking", waarde)


def _plan_leeftijden_2022(p: _Planner, huizen: list[_Huis]) -> None:
    """Mostly 0-12: 0-3 79.1%, 12-18 14.2%, 18-24 hardly; every Huis ticks at least one."""
    rng, n = p.rng, len(huizen)
    nul = _kies(rng, huizen, rond(0.791 * n))
    zonder = [h for h in huizen if h.pk not in nul]
    drie = {h.pk for h in zonder} | _kies(
        rng, [h for h in huizen if h.pk in nul], rond(0.70 * n) - len(zonder)
    )
    zes = _kies(rng, huizen, rond(0.55 * n), lambda h: 1.0 * (h.pk in drie) + 0.5 * h.stad)
    twaalf = _kies(rng, huizen, rond(0.142 * n), lambda h: 2.0 * (h.pk in zes) + 0.5 * h.stad)
    achttien = _kies(rng, [h for h in huizen if h.pk in twaalf], rond(0.018 * n))
    for huis in huizen:
        codes = [
            code
            for code, groep in (
                ("0-3", nul),
                ("3-6", drie),
                ("6-12", zes),
                ("12-18", twaalf),
                ("18-24", achttien),
            )
            if huis.pk in groep
        ]
        p.zet(huis, "doelgroep.leeftijd", codes)


def _plan_coordinatie(p: _Planner, huizen: list[_Huis]) -> None:
    rng = p.rng
    for huis in huizen:
        taak = rng.choice(TAKEN_COORDINATOR)
        if huis.cluster in (1, 3) or huis.cluster is None:
            tekst = f"Een voltijdse coördinator in dienst van het lokaal bestuur, met een team voor {taak}."
        elif huis.cluster == 9 or huis.intergemeentelijk:
            tekst = f"Een halftijdse coördinator, gecombineerd met {taak}."
        elif rng.random() < 0.12:
            tekst = f"Officieel geen coördinator, het komt er gewoon bij; de trekker werkt voor {taak}."
        else:
            uren = rng.choice((4, 6, 8, 10, 12, 16))
            tekst = f"De coördinator besteedt {uren} uur per week aan het Huis, naast {taak}."
        p.zet(huis, "kwaliteit_en_organisatie.coordinatie", tekst)


def _personeel(rng: random.Random, huis: _Huis) -> int:
    """Own staff of the Huis: mostly none for a municipal Huis, some for the intermunicipal ones."""
    if huis.intergemeentelijk:
        return max(1, min(huis.medewerkers, 15))
    if huis.cluster in (1, 3):
        return rng.randint(1, 6)
    return rng.choices((0, 1, 2, 3), weights=(55, 25, 12, 8))[0]


def _plan_trekker(p: _Planner, huizen: list[_Huis]) -> None:
    rng = p.rng
    kandidaten = [h for h in huizen if h.slug not in VZW_SLUGS and h.slug != DEMO_HUIS_SLUG]
    leren = _kies(rng, kandidaten, LEREN_AAN_DE_VAART, lambda h: 2.0 * (h.cluster in (5, 6)))
    overig = _kies(rng, [h for h in kandidaten if h.pk not in leren], ANDERE_TREKKERS)
    for huis in huizen:
        if huis.slug in VZW_SLUGS:
            p.zet(huis, "lokaal_bestuur.trekker", "verzelfstandigd")
        elif huis.pk in leren:
            p.zet(huis, "lokaal_bestuur.trekker", "andere", "", TREKKER_ANDERE[0])
        elif huis.pk in overig:
            p.zet(huis, "lokaal_bestuur.trekker", "andere", "", rng.choice(TREKKER_ANDERE[1:]))
        else:
            p.zet(huis, "lokaal_bestuur.trekker", "lokaal_bestuur")


def _plan_netwerken(p: _Planner, huizen: list[_Huis]) -> None:
    rng = p.rng
    randsteden = [h for h in huizen if h.cluster in (1, 7)]
    overige = [h for h in huizen if h.cluster not in (1, 7)]
    nee_rand = rond(0.27 * len(randsteden))
    nee_overig = max(0, rond(0.168 * len(huizen)) - nee_rand)
    actief = _verdeel(
        rng, randsteden, ("nee", "ja"), (nee_rand, len(randsteden) - nee_rand), lambda h: h.sterkte
    )
    actief.update(
        _verdeel(rng, overige, ("nee", "ja"), (nee_overig, len(overige) - nee_overig), lambda h: h.sterkte)
    )
    actieve = [h for h in huizen if actief[h.pk] == "ja"]
    n = len(huizen)
    elz = _kies(rng, actieve, rond(0.364 * n))
    eengezin = _kies(rng, actieve, rond(0.347 * n), lambda h: h.sterkte)
    perinataal = _kies(rng, actieve, rond(0.347 * n))
    andere = _kies(rng, actieve, rond(0.12 * n))
    zonder = {h.pk for h in actieve} - elz - eengezin - perinataal - andere
    huizenoverleg = zonder | _kies(
        rng, [h for h in actieve if h.pk not in zonder], rond(0.62 * n) - len(zonder)
    )
    for huis in huizen:
        p.zet(huis, "netwerken.bovengemeentelijk_actief", actief[huis.pk])
        if actief[huis.pk] != "ja":
            continue
        codes = [
            code
            for code, groep in (
                ("bovenlokaal_overleg_huizen", huizenoverleg),
                ("zorgraad_elz", elz),
                ("een_gezin_een_plan", eengezin),
                ("perinataal_netwerk", perinataal),
                ("andere", andere),
            )
            if huis.pk in groep
        ]
        p.zet(huis, "netwerken.welke", codes, "", rng.choice(NETWERKEN_ANDERE) if "andere" in codes else "")
    p.open("netwerken.verhouding", actieve)


def _plan_ondersteuning(p: _Planner, huizen: list[_Huis]) -> None:
    rng, n = p.rng, len(huizen)
    groepen = {
        "intersectorale_medewerker": _kies(rng, huizen, rond(0.94 * n)),
        "expoo": _kies(rng, huizen, rond(0.78 * n)),
        "basecamp": _kies(rng, huizen, rond(0.64 * n)),
        "intervisie": _kies(rng, huizen, rond(0.52 * n)),
        "andere": _kies(rng, huizen, rond(0.12 * n)),
    }
    for huis in huizen:
        codes = [code for code, groep in groepen.items() if huis.pk in groep] or ["intersectorale_medewerker"]
        andere = rng.choice(ONDERSTEUNING_ANDERE) if "andere" in codes else ""
        p.zet(huis, "ondersteuning.gebruikt", codes, "", andere)


# --- The 2016 plan -------------------------------------------------------------------------------

KERNPARTNERS_2016 = (
    ("lokaal_bestuur_ocmw", 90.0),
    ("consultatiebureau", 85.0),
    ("opvang_baby_peuters", 70.0),
    ("onthaalouders", 45.0),
    ("andere", 35.0),
)
KERNPARTNERS_2016_ANDERE = ("CAW", "Bibliotheek", "Jeugddienst", "Scholen en CLB", "Buurtwerk")
LEEFTIJD_KINDEREN_2016 = (("0-3", 90.0), ("3-6", 86.0), ("6-12", 78.0), ("12-18", 70.5), ("18-24", 24.0))
LEEFTIJD_OUDERS_2016 = (("0-3", 93.0), ("3-6", 88.0), ("6-12", 80.0), ("12-18", 62.0), ("18-24", 20.0))
NOOD_MIDDELEN_2016 = (("erkenning", 40.0), ("trekkerschap", 68.0), ("actoren", 74.0), ("vrijwilligers", 48.0))
MEERWAARDE_2016 = (
    "Partners leren elkaar kennen; de uitdaging is tijd vinden om echt samen te werken.",
    "Meerwaarde: één aanspreekpunt voor gezinnen. Uitdaging: een gedeelde visie.",
    "Samenwerking is een meerwaarde, maar vraagt veel van de coördinator.",
    "Samen bereiken we meer gezinnen, maar de middelen zijn beperkt.",
)
GEEN_LOCATIE_2016 = (
    "Gebrek aan financiële middelen.",
    "Ruimteproblemen: er is geen geschikt gebouw.",
    "Het werkingsgebied is te uitgestrekt.",
)


def _meerdere(
    rng: random.Random, huizen: list[_Huis], opties: Sequence[tuple[str, float]]
) -> dict[int, list[str]]:
    """Codes per Huis, each option for its share of the Huizen; a Huis without any gets the first."""
    groepen = [(code, _kies(rng, huizen, rond(pct / 100 * len(huizen)))) for code, pct in opties]
    return {h.pk: [code for code, groep in groepen if h.pk in groep] or [opties[0][0]] for h in huizen}


def _plan_2016(rng: random.Random, huizen: list[_Huis]) -> Plan:
    """The answers of the 2016 wave (its own questions and options)."""
    p = _Planner(rng, huizen)
    kern = _meerdere(rng, huizen, KERNPARTNERS_2016)
    for huis in huizen:
        andere = rng.choice(KERNPARTNERS_2016_ANDERE) if "andere" in kern[huis.pk] else ""
        p.zet(huis, "kernpartners.kernpartners", kern[huis.pk], "", andere)
    p.alle("kind_en_gezin_partners.consultatiebureau", _verdeel(rng, huizen, ("nee", "ja"), (3.0, 97.0)))
    p.alle("kind_en_gezin_partners.kinderopvang", _scores(rng, huizen, (5, 8, 20, 37, 30)))
    p.alle("kind_en_gezin_partners.onthaalouders", _scores(rng, huizen, (8, 12, 25, 33, 22)))
    p.alle(
        "levensdomeinen.rond_jeugdhulp",
        _verdeel(rng, huizen, ("nee", "ja"), (40.0, 60.0), lambda h: h.sterkte),
    )
    for huis in huizen:
        if rng.random() < 0.85:
            p.zet(huis, "samenwerking.meerwaarde_en_uitdagingen", _zin(rng, MEERWAARDE_2016, 2))
    # About 6 in 10 had a physical location, mostly the Huizen that have one today.
    locatie = _verdeel(rng, huizen, ("nee", "ja"), (40.0, 60.0), lambda h: 2.0 * h.met_locatie, 1.0)
    for pk, waarde in locatie.items():
        toelichting = _zin(rng, GEEN_LOCATIE_2016) if waarde == "nee" and rng.random() < 0.7 else ""
        p.zet(pk, "toegankelijkheid.fysieke_locatie", waarde, toelichting)
    for sleutel, opties in (("leeftijd", LEEFTIJD_KINDEREN_2016), ("leeftijd_ouders", LEEFTIJD_OUDERS_2016)):
        p.alle(f"doelgroep.{sleutel}", _meerdere(rng, huizen, opties))
    p.alle(
        "participatie.gebruikersparticipatie",
        _verdeel(rng, huizen, ("nee", "ja"), (65.5, 34.5), lambda h: h.sterkte),
    )
    p.alle(
        "participatie.gebruikers_mede_actor",
        _verdeel(rng, huizen, ("nee", "plannen", "ja"), (60.0, 22.0, 18.0), lambda h: h.sterkte),
    )
    p.alle(
        "participatie.inzet_vrijwilligers",
        _verdeel(rng, huizen, ("nee", "ja"), (61.8, 38.2), lambda h: h.sterkte),
    )
    p.alle(
        "kwaliteit_en_organisatie.coordinatiefunctie",
        _verdeel(rng, huizen, ("nee", "ja"), (7.0, 93.0), lambda h: h.sterkte),
    )
    p.alle(
        "kwaliteit_en_organisatie.gedeeld_coordinatorschap",
        _verdeel(rng, huizen, ("gedeeld", "een_partner"), (18.0, 82.0)),
    )
    p.alle("ondersteuning.nood_middelen", _meerdere(rng, huizen, NOOD_MIDDELEN_2016))
    return p.plan


# --- Checking and writing ------------------------------------------------------------------------


def _zichtbaar(vragen: list[Vraag], antwoorden: dict[str, tuple]) -> list[Vraag]:
    """The questions the skip logic shows for these answers (as bevraging.selectors.zichtbare_vragen)."""
    per_id = {v.pk: v for v in vragen}
    uitkomst: dict[int, bool] = {}

    def toon(vraag: Vraag) -> bool:
        if vraag.pk not in uitkomst:
            ouder = per_id.get(vraag.afhankelijk_van_id) if vraag.afhankelijk_van_id else None
            if vraag.afhankelijk_van_id is None:
                uitkomst[vraag.pk] = True
            elif ouder is None:
                uitkomst[vraag.pk] = False
            else:
                waarde = antwoorden.get(ouder.sleutel, (None,))[0]
                codes = set(ouder.gekozen_codes(waarde))
                uitkomst[vraag.pk] = toon(ouder) and bool(codes & {str(c) for c in vraag.toon_als})
        return uitkomst[vraag.pk]

    return [v for v in vragen if toon(v)]


def _controleer(plan: Plan, vragen: list[Vraag], namen: dict[int, str], golf: Golf) -> None:
    """Every answer fits its question as on submit, every shown required question is answered and
    no hidden one; Demodatafout otherwise (the generator has a bug)."""
    per_sleutel = {v.sleutel: v for v in vragen}
    fouten = []
    for pk, antwoorden in plan.items():
        onbekend = set(antwoorden) - set(per_sleutel)
        if onbekend:
            fouten.append(f"{namen[pk]}: onbekende vragen {sorted(onbekend)}")
            continue
        zichtbaar = {v.sleutel for v in _zichtbaar(vragen, antwoorden)}
        for sleutel in set(antwoorden) - zichtbaar:
            fouten.append(f"{namen[pk]}: {sleutel} is beantwoord maar wordt niet gesteld")
        for sleutel in zichtbaar:
            waarde, toelichting, andere = antwoorden.get(sleutel, (None, "", ""))
            meldingen = per_sleutel[sleutel].controleer_waarde(
                waarde, andere_tekst=andere, toelichting=toelichting, volledig=True
            )
            fouten += [f"{namen[pk]}: {sleutel}: {m}" for m in meldingen]
    if fouten:
        raise Demodatafout(f"De demo-antwoorden voor {golf.naam} kloppen niet: " + "; ".join(fouten[:10]))


def _in_optievolgorde(vraag: Vraag, waarde):
    """A list of codes is stored in the order of the options (see bevraging.models)."""
    if isinstance(waarde, list):
        volgorde = vraag.optiecodes()
        return sorted(waarde, key=volgorde.index)
    return waarde


def _moment(rng: random.Random, van: datetime.date, dagen: int) -> datetime.datetime:
    dag = van + datetime.timedelta(days=rng.randrange(dagen))
    while dag.weekday() >= 5:
        dag += datetime.timedelta(days=1)
    tijd = datetime.time(rng.randint(9, 15), rng.choice((0, 15, 30, 45)))
    return timezone.make_aware(datetime.datetime.combine(dag, tijd))


def _schrijf(
    golf: Golf,
    plan: Plan,
    vragen: list[Vraag],
    rng: random.Random,
    *,
    status: str,
    interviewer: User | None,
    periode: tuple[datetime.date, int],
) -> tuple[int, int]:
    """Write the planned responses of Huizen without one in the wave; (responses, answers) written."""
    per_sleutel = {v.sleutel: v for v in vragen}
    al = set(Respons.objects.filter(golf=golf, huis_id__in=list(plan)).values_list("huis_id", flat=True))
    nieuw, geschiedenis = [], []
    for pk in sorted(plan):
        # The moments are drawn for every Huis, so they do not depend on which Huizen are new.
        gestart = _moment(rng, *periode)
        ingediend = gestart + datetime.timedelta(days=rng.choice((0, 0, 1, 2, 3)), hours=rng.randint(0, 3))
        gevalideerd = ingediend + datetime.timedelta(days=rng.randint(3, 20))
        if pk in al:
            continue
        respons = Respons(
            golf=golf,
            huis_id=pk,
            interviewer=interviewer,
            status=status,
            gestart=gestart,
            ingediend=ingediend,
            gevalideerd=gevalideerd if status == Responsstatus.GEVALIDEERD else None,
            versie=3 if status == Responsstatus.GEVALIDEERD else 2,
        )
        nieuw.append(respons)
        stappen = [(Responsstatus.NIET_GESTART, Responsstatus.CONCEPT, gestart, interviewer)]
        stappen.append((Responsstatus.CONCEPT, Responsstatus.INGEDIEND, ingediend, interviewer))
        if status == Responsstatus.GEVALIDEERD:
            stappen.append((Responsstatus.INGEDIEND, Responsstatus.GEVALIDEERD, gevalideerd, interviewer))
        geschiedenis.append((respons, stappen))
    Respons.objects.bulk_create(nieuw)
    Statuswijziging.objects.bulk_create(
        (
            Statuswijziging(respons=respons, van=van, naar=naar, door=door, tijdstip=tijdstip)
            for respons, stappen in geschiedenis
            for van, naar, tijdstip, door in stappen
        ),
        batch_size=1000,
    )
    antwoorden = [
        Antwoord(
            respons=respons,
            vraag=per_sleutel[sleutel],
            waarde=None if is_leeg(waarde) else _in_optievolgorde(per_sleutel[sleutel], waarde),
            toelichting=toelichting,
            andere_tekst=andere,
        )
        for respons in nieuw
        for sleutel, (waarde, toelichting, andere) in plan[respons.huis_id].items()
    ]
    Antwoord.objects.bulk_create(antwoorden, batch_size=1000)
    return len(nieuw), len(antwoorden)


@dataclass(frozen=True)
class Bevragingsresultaat:
    """What the demo survey data holds (responses of the demo Huizen) and what this run wrote."""

    responsen: dict[int, int]  # year -> responses of the demo Huizen in that wave
    nieuw: dict[int, int]  # year -> responses written by this run
    antwoorden: dict[int, int]  # year -> answers written by this run
    niet_bevraagd: str  # the demo Huis without a 2022 response
    seconden: float


def _golven() -> dict[int, Golf]:
    golven = {g.jaar: g for g in Golf.objects.filter(jaar__in=(2016, 2022)).select_related("vragenlijst")}
    if len(golven) != 2:
        laad_geleverde_vragenlijsten()
        golven = {g.jaar: g for g in Golf.objects.filter(jaar__in=(2016, 2022)).select_related("vragenlijst")}
    return golven


@transaction.atomic
def laad_bevraging_demodata(*, huizen: Iterable[Huis] | None = None) -> Bevragingsresultaat:
    """Answer the 2022 and 2016 questionnaires for the demo Huizen (default: those of
    `demo.huizen`). Running it again writes nothing."""
    begin = timezone.now()
    huizen = sorted(huizen if huizen is not None else demo_huizen(), key=lambda h: h.slug)
    if not huizen:
        raise Demodatafout("Geen demo-Huizen gevonden; laad eerst de demogegevens van de Huizen.")
    golven = _golven()
    rng = random.Random("bevraging-2022")  # noqa: S311  (demo data, not security)
    feiten = _feiten(huizen, rng)
    namen = {f.pk: f.naam for f in feiten}
    email = next(g.email for g in DEMO_GEBRUIKERS if g.is_opgroeien)
    interviewer = User.objects.filter(email__iexact=email).first()

    # 2022: everyone but one Huis (not the demo coordinator's), preferably one without core partners
    # (225 of the 226 answered that question in the report).
    kandidaten = [f for f in feiten if f.slug != DEMO_HUIS_SLUG and not f.intergemeentelijk]
    zonder_kern = [f for f in kandidaten if not f.kernpartners]
    weg = rng.choice(zonder_kern or kandidaten) if len(feiten) > 1 and kandidaten else None
    respondenten = [f for f in feiten if f is not weg]
    vragen = {jaar: list(vragen_van(golf.vragenlijst)) for jaar, golf in golven.items()}
    plan = _plan_2022(rng, respondenten)
    _controleer(plan, vragen[2022], namen, golven[2022])
    nieuw, antwoorden = {}, {}
    nieuw[2022], antwoorden[2022] = _schrijf(
        golven[2022],
        plan,
        vragen[2022],
        rng,
        status=Responsstatus.GEVALIDEERD,
        interviewer=interviewer,
        periode=(datetime.date(2022, 3, 1), 92),
    )

    # 2016: Huizen recognised by mid-2016, self-completed and submitted in the autumn.
    rng = random.Random("bevraging-2016")  # noqa: S311
    for f in feiten:
        f.sterkte = rng.gauss(0, 1) + 0.5 * f.met_locatie + 0.3 * f.stad
    erkend = [f for f in feiten if f.erkend_sinds and f.erkend_sinds <= ERKEND_IN_2016]
    gekozen = sorted(rng.sample(erkend, min(RESPONDENTEN_2016, len(erkend))), key=lambda f: f.slug)
    plan = _plan_2016(rng, gekozen)
    _controleer(plan, vragen[2016], namen, golven[2016])
    nieuw[2016], antwoorden[2016] = _schrijf(
        golven[2016],
        plan,
        vragen[2016],
        rng,
        status=Responsstatus.INGEDIEND,
        interviewer=None,
        periode=(datetime.date(2016, 9, 1), 75),
    )
    # Each wave keeps its Huizen as they were: 2022 on the survey's reference date (29 of them
    # intermunicipal, as in the report), 2016 when the Huizen recognised by then were surveyed.
    leg_golfkenmerken_vast(golf=golven[2022], peildatum=PEILDATUM)
    leg_golfkenmerken_vast(golf=golven[2016], peildatum=ERKEND_IN_2016)
    gewijzigd(*golven.values())  # written with bulk_create: no service raised the versions
    ids = [h.pk for h in huizen]
    return Bevragingsresultaat(
        responsen={
            jaar: Respons.objects.filter(golf=golf, huis_id__in=ids).count() for jaar, golf in golven.items()
        },
        nieuw=nieuw,
        antwoorden=antwoorden,
        niet_bevraagd=weg.naam if weg else "",
        seconden=(timezone.now() - begin).total_seconds(),
    )
