"""A response moves through the workflow table: fill in (autosave), submit, validate, reopen."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from bevraging.models import Antwoord, Respons, Responsstatus, Vraag
from bevraging.selectors import voortgang_per_thema, zichtbare_vragen
from bevraging.services import (
    Antwoordinvoer,
    OngeldigeOvergang,
    VerouderdeRespons,
    bewaar_antwoorden,
    controleer_volledigheid,
    dien_in,
    heropen_respons,
    sluit_golf,
    start_respons,
    valideer_respons,
    wijs_toe,
    wijzig_status,
)
from tests.factories import HuisFactory, ResponsFactory, UserFactory

pytestmark = pytest.mark.django_db

VOLLEDIG = {
    "participatie.inspraak_ouders": Antwoordinvoer(4, toelichting="Via de ouderraad."),
    "participatie.vrijwilligers": Antwoordinvoer("ja"),
    "participatie.rol_vrijwilligers": Antwoordinvoer("Onthaal en babytheek."),
    "kernpartners.belangrijkste_partners": Antwoordinvoer(["andere", "a"], andere_tekst="OCMW"),
}


@pytest.fixture
def respons(open_golf_, huis, opgroeien_medewerker):
    return start_respons(golf=open_golf_, huis=huis, door=opgroeien_medewerker)


def ingevuld(respons, door, invoer=VOLLEDIG):
    return bewaar_antwoorden(respons=respons, invoer=invoer, versie=respons.versie, door=door)


def test_bewaren_start_de_respons_en_verhoogt_de_versie(respons, opgroeien_medewerker):
    assert (respons.status, respons.versie) == (Responsstatus.NIET_GESTART, 1)
    respons = ingevuld(respons, opgroeien_medewerker)
    assert respons.status == Responsstatus.CONCEPT and respons.gestart and respons.versie == 2
    assert respons.interviewer == opgroeien_medewerker
    partners = Antwoord.objects.get(respons=respons, vraag__sleutel="kernpartners.belangrijkste_partners")
    assert partners.waarde == ["a", "andere"]  # in option order
    assert partners.andere_tekst == "OCMW"
    wijziging = respons.statuswijzigingen.get()
    assert (wijziging.van, wijziging.naar, wijziging.door) == (
        "niet_gestart",
        "concept",
        opgroeien_medewerker,
    )
    # Clearing an answer removes it.
    respons = bewaar_antwoorden(
        respons=respons,
        invoer={"participatie.inspraak_ouders": Antwoordinvoer(None)},
        versie=respons.versie,
        door=opgroeien_medewerker,
    )
    assert not Antwoord.objects.filter(
        respons=respons, vraag__sleutel="participatie.inspraak_ouders"
    ).exists()


def test_een_verouderde_versie_overschrijft_niets(respons, opgroeien_medewerker):
    ingevuld(respons, opgroeien_medewerker)
    with pytest.raises(VerouderdeRespons):
        bewaar_antwoorden(
            respons=respons,
            invoer={"participatie.inspraak_ouders": Antwoordinvoer(1)},
            versie=1,
            door=opgroeien_medewerker,
        )
    assert Antwoord.objects.get(respons=respons, vraag__sleutel="participatie.inspraak_ouders").waarde == 4


@pytest.mark.parametrize(
    ("sleutel", "waarde"),
    [
        ("participatie.inspraak_ouders", 6),
        ("participatie.inspraak_ouders", "4"),
        ("participatie.vrijwilligers", "misschien"),
        ("kernpartners.belangrijkste_partners", ["a", "zz"]),
        ("kernpartners.belangrijkste_partners", "a"),
        ("participatie.rol_vrijwilligers", 12),
        ("bestaat.niet", "ja"),
    ],
)
def test_een_antwoord_van_de_verkeerde_vorm_wordt_geweigerd(respons, opgroeien_medewerker, sleutel, waarde):
    with pytest.raises(ValidationError) as fout:
        bewaar_antwoorden(
            respons=respons,
            invoer={"participatie.vrijwilligers": Antwoordinvoer("ja"), sleutel: Antwoordinvoer(waarde)},
            versie=respons.versie,
            door=opgroeien_medewerker,
        )
    assert sleutel in fout.value.message_dict
    assert not Antwoord.objects.filter(respons=respons).exists()  # all or nothing
    respons.refresh_from_db()
    assert respons.versie == 1


def test_indienen_controleert_verplichte_vragen_maxima_en_andere(respons, opgroeien_medewerker):
    respons = ingevuld(
        respons,
        opgroeien_medewerker,
        {
            "participatie.vrijwilligers": Antwoordinvoer("ja"),
            "kernpartners.belangrijkste_partners": Antwoordinvoer(["a", "b", "c", "andere"]),
        },
    )
    fouten = controleer_volledigheid(respons=respons)
    assert fouten["participatie.inspraak_ouders"] == ["Deze vraag is verplicht."]
    assert fouten["participatie.rol_vrijwilligers"] == ["Deze vraag is verplicht."]
    assert fouten["kernpartners.belangrijkste_partners"] == [
        "Duid hoogstens 3 antwoorden aan; u duidde er 4 aan.",
        "Vul in wat u bij 'andere' bedoelt.",
    ]
    assert "kernpartners.opmerkingen" not in fouten  # optional
    with pytest.raises(ValidationError):
        dien_in(respons=respons, door=opgroeien_medewerker)
    respons.refresh_from_db()
    assert respons.status == Responsstatus.CONCEPT


def test_overslaanlogica_vrijwilligers(respons, opgroeien_medewerker):
    respons = ingevuld(respons, opgroeien_medewerker)
    sleutels = [v.sleutel for v in zichtbare_vragen(respons)]
    assert "participatie.rol_vrijwilligers" in sleutels
    respons = ingevuld(respons, opgroeien_medewerker, {"participatie.vrijwilligers": Antwoordinvoer("nee")})
    assert "participatie.rol_vrijwilligers" not in [v.sleutel for v in zichtbare_vragen(respons)]
    # Hidden, so not required; its earlier answer is dropped on submit.
    respons = dien_in(respons=respons, door=opgroeien_medewerker, versie=respons.versie)
    assert respons.status == Responsstatus.INGEDIEND and respons.ingediend
    assert not Antwoord.objects.filter(
        respons=respons, vraag__sleutel="participatie.rol_vrijwilligers"
    ).exists()


def test_voortgang_per_thema(respons, opgroeien_medewerker):
    voortgang = voortgang_per_thema(respons)
    assert [(v.thema.sleutel, v.beantwoord, v.te_beantwoorden) for v in voortgang] == [
        ("participatie", 0, 2),
        ("kernpartners", 0, 1),
    ]
    respons = ingevuld(respons, opgroeien_medewerker)
    voortgang = voortgang_per_thema(respons)
    assert [(v.beantwoord, v.te_beantwoorden, v.volledig) for v in voortgang] == [(3, 3, True), (1, 1, True)]


def test_de_volledige_levensloop(respons, opgroeien_medewerker):
    collega = UserFactory(opgroeien=True)
    respons = ingevuld(respons, opgroeien_medewerker)
    respons = dien_in(respons=respons, door=opgroeien_medewerker)
    with pytest.raises(ValidationError, match="ingediend"):
        ingevuld(respons, opgroeien_medewerker)
    respons = valideer_respons(respons=respons, door=collega)
    assert respons.status == Responsstatus.GEVALIDEERD and respons.gevalideerd

    with pytest.raises(ValidationError) as fout:
        heropen_respons(respons=respons, door=collega, reden="   ")
    assert "reden" in fout.value.message_dict
    respons = heropen_respons(respons=respons, door=collega, reden="Het aantal vrijwilligers klopt niet.")
    assert respons.status == Responsstatus.HEROPEND and respons.gevalideerd is None
    assert respons.heropen_reden == "Het aantal vrijwilligers klopt niet."
    respons = ingevuld(respons, opgroeien_medewerker, {"participatie.inspraak_ouders": Antwoordinvoer(5)})
    respons = dien_in(respons=respons, door=opgroeien_medewerker)

    historiek = list(respons.statuswijzigingen.values_list("van", "naar", "door", "reden"))
    assert historiek == [
        ("niet_gestart", "concept", opgroeien_medewerker.pk, ""),
        ("concept", "ingediend", opgroeien_medewerker.pk, ""),
        ("ingediend", "gevalideerd", collega.pk, ""),
        ("gevalideerd", "heropend", collega.pk, "Het aantal vrijwilligers klopt niet."),
        ("heropend", "ingediend", opgroeien_medewerker.pk, ""),
    ]
    assert all(w.tijdstip for w in respons.statuswijzigingen.all())


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        ("niet_gestart", "ingediend"),
        ("niet_gestart", "gevalideerd"),
        ("concept", "gevalideerd"),
        ("concept", "heropend"),
        ("ingediend", "concept"),
        ("gevalideerd", "ingediend"),
        ("heropend", "gevalideerd"),
    ],
)
def test_ongeldige_overgangen_worden_geweigerd(open_golf_, huis, opgroeien_medewerker, van, naar):
    respons = ResponsFactory(
        golf=open_golf_, huis=huis, status=van, heropen_reden="x" if van == "heropend" else ""
    )
    with pytest.raises(OngeldigeOvergang):
        wijzig_status(respons=respons, naar=naar, door=opgroeien_medewerker, reden="omdat")
    respons.refresh_from_db()
    assert respons.status == van and not respons.statuswijzigingen.exists()


def test_heropend_zonder_reden_kan_niet_in_de_databank(open_golf_, huis):
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponsFactory(golf=open_golf_, huis=huis, status=Responsstatus.HEROPEND)


def test_een_respons_per_huis_per_golf(open_golf_, huis, opgroeien_medewerker):
    eerste = start_respons(golf=open_golf_, huis=huis, door=opgroeien_medewerker)
    assert start_respons(golf=open_golf_, huis=huis, door=opgroeien_medewerker) == eerste
    with pytest.raises(IntegrityError), transaction.atomic():
        Respons.objects.create(golf=open_golf_, huis=huis)
    assert Respons.objects.filter(golf=open_golf_, huis=huis).count() == 1
    ResponsFactory(golf=open_golf_, huis=HuisFactory())  # another Huis is fine


def test_alleen_opgroeien_vult_in_en_alleen_in_een_open_golf(respons, coordinator, opgroeien_medewerker):
    with pytest.raises(PermissionDenied):
        ingevuld(respons, coordinator)
    with pytest.raises(PermissionDenied):
        wijzig_status(respons=respons, naar="concept", door=coordinator)
    sluit_golf(golf=respons.golf, door=opgroeien_medewerker)
    with pytest.raises(ValidationError, match="afgesloten"):
        ingevuld(respons, opgroeien_medewerker)
    with pytest.raises(ValidationError, match="niet open"):
        start_respons(golf=respons.golf, huis=HuisFactory(), door=opgroeien_medewerker)


def test_toewijzing_een_interviewer_per_huis_per_golf(open_golf_, huis, opgroeien_medewerker, coordinator):
    eerste = wijs_toe(golf=open_golf_, huis=huis, interviewer=opgroeien_medewerker, door=opgroeien_medewerker)
    collega = UserFactory(opgroeien=True)
    tweede = wijs_toe(golf=open_golf_, huis=huis, interviewer=collega, door=opgroeien_medewerker)
    assert tweede.pk == eerste.pk and tweede.interviewer == collega
    with pytest.raises(ValidationError):
        wijs_toe(golf=open_golf_, huis=huis, interviewer=coordinator, door=opgroeien_medewerker)
    with pytest.raises(PermissionDenied):
        wijs_toe(golf=open_golf_, huis=huis, interviewer=collega, door=coordinator)


def test_de_vraag_van_een_andere_golf_past_niet(respons, geleverde_golven):
    andere = Vraag.objects.get(
        vragenlijst=geleverde_golven[2022].vragenlijst, sleutel="participatie.vrijwilligers"
    )
    with pytest.raises(ValidationError):
        Antwoord(respons=respons, vraag=andere, waarde="ja").full_clean()
