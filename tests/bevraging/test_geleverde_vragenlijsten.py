"""The shipped questionnaires: the 2022 survey complete as seed 002 gives it, the 2016 subset the
report compares with, and the mapping between them."""

import pytest

from bevraging.models import Golfstatus, Koppelingsoort, Modus, Vraag, Vraagkoppeling, Vraagtype
from bevraging.vragenlijsten import v2016, v2022
from bevraging.vragenlijsten.bouwstenen import CITAAT
from bevraging.vragenlijsten.laden import controleer_inhoud, controleer_koppelingen

pytestmark = pytest.mark.django_db

# The twelve themes of seed 002 in its order, with the number of questions extracted per theme.
THEMAS_2022 = {
    "omgevingsanalyse": 6,
    "kernpartners": 1,
    "kind_en_gezin_partners": 6,
    "levensdomeinen": 5,
    "samenwerking": 4,
    "toegankelijkheid": 3,
    "doelgroep": 6,
    "participatie": 6,
    "kwaliteit_en_organisatie": 8,
    "lokaal_bestuur": 4,
    "netwerken": 3,
    "ondersteuning": 3,
}
THEMAS_2016 = {
    "kernpartners": 1,
    "kind_en_gezin_partners": 3,
    "levensdomeinen": 1,
    "samenwerking": 1,
    "toegankelijkheid": 1,
    "doelgroep": 2,
    "participatie": 3,
    "kwaliteit_en_organisatie": 2,
    "ondersteuning": 1,
}


def vraag(golf, sleutel) -> Vraag:
    return Vraag.objects.prefetch_related("antwoordopties").get(vragenlijst=golf.vragenlijst, sleutel=sleutel)


def test_de_inhoud_is_zonder_fouten():
    assert controleer_inhoud(v2022.THEMAS) == []
    assert controleer_inhoud(v2016.THEMAS) == []
    assert controleer_koppelingen(v2016.THEMAS, v2022.THEMAS, v2016.KOPPELINGEN_NAAR_2022) == []


def test_2022_heeft_de_twaalf_themas_in_volgorde_met_hun_vragen(geleverde_golven):
    golf = geleverde_golven[2022]
    themas = list(golf.vragenlijst.themas.order_by("volgorde"))
    assert [t.sleutel for t in themas] == list(THEMAS_2022)
    assert [t.titel for t in themas] == [
        "Omgevingsanalyse",
        "Kernpartners",
        "Kind en Gezin-partners",
        "Levensdomeinen",
        "Samenwerking",
        "Toegankelijkheid",
        "Doelgroep",
        "Participatie",
        "Kwaliteit en organisatie",
        "Lokaal bestuur",
        "Netwerken",
        "Ondersteuning",
    ]
    assert {t.sleutel: t.vragen.count() for t in themas} == THEMAS_2022
    assert golf.vragenlijst.vragen.count() == sum(THEMAS_2022.values()) == 55
    assert all(t.intro for t in themas)


def test_2022_is_een_afgesloten_interviewgolf_met_bevroren_vragenlijst(geleverde_golven):
    golf = geleverde_golven[2022]
    assert golf.naam == "Bevraging 2022"
    assert golf.modus == Modus.INTERVIEW
    assert golf.status == Golfstatus.AFGESLOTEN
    assert golf.populatie_aantal == 227
    assert golf.vragenlijst.is_bevroren


def test_samenwerking_met_het_lokaal_loket_is_een_score_met_open_veld(geleverde_golven):
    loket = vraag(geleverde_golven[2022], "kind_en_gezin_partners.lokaal_loket")
    assert loket.type == Vraagtype.SCORE
    assert loket.thema.sleutel == "kind_en_gezin_partners"
    assert loket.tekst == "In welke mate werken jullie samen met het Lokaal Loket Kinderopvang?"
    assert [(o.code, o.label) for o in loket.opties()] == [
        ("1", "geen samenwerking"),
        ("2", "beperkte samenwerking"),
        ("3", "enige samenwerking"),
        ("4", "goede samenwerking"),
        ("5", "nauwe samenwerking"),
    ]
    assert loket.open_veld and loket.open_veld_label == "Omschrijf beknopt de samenwerking."
    # One question per Kind en Gezin-partner, shown as one grid.
    groep = Vraag.objects.filter(vragenlijst=loket.vragenlijst, groep=loket.groep, thema=loket.thema)
    assert [v.item for v in groep.order_by("volgorde")] == [
        "Lokale teams van Kind en Gezin",
        "Aanbodsvormen PGO",
        "Consultatiebureaus",
        "Buitenschoolse Opvang en Activiteiten",
        "Kinderopvang voor baby’s en peuters",
        "Lokaal Loket Kinderopvang",
    ]


def test_vrijwilligers_ja_nee_met_afhankelijke_vragen(geleverde_golven):
    golf = geleverde_golven[2022]
    vrijwilligers = vraag(golf, "participatie.vrijwilligers")
    assert vrijwilligers.tekst == "Werken jullie met vrijwilligers?"
    assert vrijwilligers.type == Vraagtype.JA_NEE
    assert vrijwilligers.optiecodes() == ["ja", "nee"]
    inspraak = vraag(golf, "participatie.inspraak_vrijwilligers")
    assert inspraak.tekst == (
        "In welke mate hebben de vrijwilligers reëel inspraak in de uitbouw en/of in de werking van jullie "
        "Huis van het Kind?"
    )
    assert inspraak.type == Vraagtype.SCORE
    assert (
        inspraak.open_veld_label
        == "Beschrijf beknopt hoe vrijwilligers inspraak hebben in jullie Huis van het Kind."
    )
    assert set(vrijwilligers.afhankelijke_vragen.values_list("sleutel", flat=True)) == {
        "participatie.rol_vrijwilligers",
        "participatie.inspraak_vrijwilligers",
    }
    assert inspraak.afhankelijk_van == vrijwilligers and inspraak.toon_als == ["ja"]


def test_de_drie_belangrijkste_partners_met_andere(geleverde_golven):
    partners = vraag(geleverde_golven[2022], "kernpartners.belangrijkste_partners")
    assert partners.tekst == "Wie zijn de drie belangrijkste partners in jullie samenwerkingsverband?"
    assert partners.type == Vraagtype.MEERVOUDIGE_KEUZE
    assert partners.max_keuzes == 3
    assert [o.label for o in partners.opties()] == [
        "Lokaal bestuur",
        "Lokaal Loket Kinderopvang",
        "Perinatale partners (vroedvrouwen, ECK, …)",
        "Kinderopvang baby’s en peuters",
        "Buitenschoolse opvang",
        "Consultatiebureau",
        "Spel en Ontmoeting",
        "Opvoedingswinkel",
        "CKG",
        "CLB",
        "Andere: …",
    ]
    assert [o.code for o in partners.opties() if o.is_andere] == ["andere"]
    top3 = vraag(geleverde_golven[2022], "levensdomeinen.top3")
    assert top3.max_keuzes == 3 and len(top3.opties()) == 10 and top3.open_veld_label == "Waarom?"


@pytest.mark.parametrize(
    ("sleutel", "type", "tekst"),
    [
        (
            "omgevingsanalyse.zicht_lokale_noden",
            Vraagtype.SCORE,
            "In welke mate hebben jullie zicht op de lokale noden van (aanstaande) gezinnen met "
            "kinderen/jongeren?",
        ),
        ("omgevingsanalyse.opmerkingen", Vraagtype.OPEN_TEKST, "Aanvullende opmerkingen"),
        (
            "doelgroep.perinatale_werking",
            Vraagtype.ENKELE_KEUZE,
            "Hebben jullie een perinatale werking (ouders, tijdens en/of kort na zwangerschap)?",
        ),
        ("doelgroep.leeftijd", Vraagtype.LEEFTIJDSCATEGORIEEN, "Welke kinderen bereiken jullie vooral?"),
        (
            "kwaliteit_en_organisatie.personeelsleden",
            Vraagtype.GETAL,
            "Over hoeveel personeelsleden beschikt jullie Huis van het Kind?",
        ),
        (
            "toegankelijkheid.niet_fysiek_aanspreekpunt",
            Vraagtype.JA_NEE,
            "Heeft het Huis van het Kind een niet-fysiek aanspreekpunt (online, telefonisch …)?",
        ),
        (
            "netwerken.bovengemeentelijk_actief",
            Vraagtype.JA_NEE,
            "Zijn jullie actief in een bovengemeentelijk overlegplatform of netwerk?",
        ),
        (
            "ondersteuning.tevredenheid",
            Vraagtype.SCORE,
            "In welke mate zijn jullie tevreden over de ondersteuning waarvan jullie vandaag gebruik maken?",
        ),
        (
            "samenwerking.gelijkwaardigheid",
            Vraagtype.SCORE,
            "In welke mate zijn de partners in jullie samenwerkingsverband gelijkwaardig bij het maken van "
            "strategische beslissingen (inhoud, budget, organisatie)?",
        ),
    ],
)
def test_formulering_en_type_volgens_het_rapport(geleverde_golven, sleutel, type, tekst):
    gevonden = vraag(geleverde_golven[2022], sleutel)
    assert (gevonden.type, gevonden.tekst) == (type, tekst)


def test_leeftijden_en_getallen(geleverde_golven):
    golf = geleverde_golven[2022]
    assert vraag(golf, "doelgroep.leeftijd").optiecodes() == ["0-3", "3-6", "6-12", "12-18", "18-24"]
    personeel = vraag(golf, "kwaliteit_en_organisatie.personeelsleden")
    assert (personeel.min_waarde, personeel.max_waarde, personeel.decimalen) == (0, 1000, 0)
    assert vraag(golf, "toegankelijkheid.fysieke_locatie").optiecodes() == [
        "een",
        "meerdere",
        "gepland",
        "niet_gepland",
    ]


def test_elke_scorevraag_heeft_vijf_labels_en_elke_gesloten_vraag_opties(geleverde_golven):
    for golf in geleverde_golven.values():
        for gevonden in Vraag.objects.filter(vragenlijst=golf.vragenlijst).prefetch_related("antwoordopties"):
            if gevonden.type == Vraagtype.SCORE:
                assert gevonden.optiecodes() == ["1", "2", "3", "4", "5"]
                assert all(o.label for o in gevonden.opties())
            elif gevonden.type in (Vraagtype.OPEN_TEKST, Vraagtype.GETAL):
                assert gevonden.optiecodes() == []
            else:
                assert len(gevonden.optiecodes()) >= 2


def test_aantallen_zoals_geleverd(geleverde_golven):
    """Themes, questions and options per wave (the figures in the final report of this task)."""
    tellingen = {}
    for jaar, golf in geleverde_golven.items():
        vragen = Vraag.objects.filter(vragenlijst=golf.vragenlijst)
        tellingen[jaar] = (
            golf.vragenlijst.themas.count(),
            vragen.count(),
            sum(v.antwoordopties.count() for v in vragen),
        )
    assert tellingen == {2022: (12, 55, 193), 2016: (9, 15, 46)}
    aantal_opties = sum(len(v.get("opties", [])) for t in v2022.THEMAS for v in t["vragen"])
    assert tellingen[2022][2] == aantal_opties
    # Most 2022 questions are quoted by the report; the others are reconstructed from its results.
    citaten = [v for t in v2022.THEMAS for v in t["vragen"] if v["bron"] == CITAAT]
    assert len(citaten) == 41


def test_2016_is_zelf_ingevuld_met_de_vergeleken_vragen(geleverde_golven):
    golf = geleverde_golven[2016]
    assert (golf.naam, golf.modus, golf.status) == (
        "Bevraging 2016",
        Modus.ZELF_INGEVULD,
        Golfstatus.AFGESLOTEN,
    )
    assert golf.vragenlijst.is_bevroren
    themas = golf.vragenlijst.themas.order_by("volgorde")
    assert {t.sleutel: t.vragen.count() for t in themas} == THEMAS_2016
    # The 2016 themes follow the 2022 order.
    assert [t.sleutel for t in themas] == [s for s in THEMAS_2022 if s in THEMAS_2016]


def test_sleutels_uniek_per_versie_en_gelijk_voor_vergelijkbare_vragen(geleverde_golven):
    for golf in geleverde_golven.values():
        sleutels = list(Vraag.objects.filter(vragenlijst=golf.vragenlijst).values_list("sleutel", flat=True))
        assert len(sleutels) == len(set(sleutels))
    koppelingen = Vraagkoppeling.objects.filter(
        van_vraag__vragenlijst__golf=geleverde_golven[2016],
        naar_vraag__vragenlijst__golf=geleverde_golven[2022],
    ).select_related("van_vraag", "naar_vraag")
    assert koppelingen.count() == len(v2016.KOPPELINGEN_NAAR_2022) == 16
    vergelijkbaar = [k for k in koppelingen if k.soort != Koppelingsoort.NIET_VERGELIJKBAAR]
    assert {k.van_vraag.sleutel for k in vergelijkbaar} == {
        "doelgroep.leeftijd",
        "toegankelijkheid.fysieke_locatie",
        "kind_en_gezin_partners.consultatiebureau",
        "kind_en_gezin_partners.kinderopvang",
    }
    assert all(k.van_vraag.sleutel == k.naar_vraag.sleutel for k in vergelijkbaar)
    for koppeling in koppelingen:
        koppeling.full_clean()
        assert koppeling.notitie


def test_de_hercodering_van_de_fysieke_locatie(geleverde_golven):
    koppeling = Vraagkoppeling.objects.get(
        van_vraag__vragenlijst__golf=geleverde_golven[2016],
        van_vraag__sleutel="toegankelijkheid.fysieke_locatie",
    )
    assert koppeling.soort == Koppelingsoort.GEHERCODEERD
    assert koppeling.naar_codes("ja") == ["een", "meerdere"]
    assert koppeling.oude_code("gepland") == "nee"
    assert "2016 zelf ingevuld" in koppeling.notitie and "interview" in koppeling.notitie
