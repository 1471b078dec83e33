"""Waves open and close through the services; opening freezes the questionnaire for good."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from bevraging.models import Antwoordoptie, Golfstatus, Thema, Vraag, VragenlijstBevroren
from bevraging.services import (
    OngeldigeOvergang,
    bewaar_vraagonderdeel,
    kopieer_vragenlijst,
    open_golf,
    sluit_golf,
    verwijder_vraagonderdeel,
)
from tests.factories import GolfFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_open_golf_bevriest_de_vragenlijst(golf_in_voorbereiding, opgroeien_medewerker):
    vraag = Vraag.objects.get(
        vragenlijst=golf_in_voorbereiding.vragenlijst, sleutel="participatie.vrijwilligers"
    )
    vraag.tekst = "Nog aan te passen, want in voorbereiding"
    bewaar_vraagonderdeel(onderdeel=vraag)

    golf = open_golf(golf=golf_in_voorbereiding, door=opgroeien_medewerker)

    assert golf.status == Golfstatus.OPEN and golf.geopend_op
    vraag.refresh_from_db()
    assert vraag.vragenlijst.is_bevroren
    vraag.tekst = "Te laat"
    with pytest.raises(VragenlijstBevroren):
        vraag.save()
    with pytest.raises(VragenlijstBevroren):
        bewaar_vraagonderdeel(onderdeel=vraag)
    with pytest.raises(VragenlijstBevroren):
        verwijder_vraagonderdeel(onderdeel=vraag)
    with pytest.raises(VragenlijstBevroren):
        vraag.antwoordopties.first().delete()
    with pytest.raises(VragenlijstBevroren):
        Antwoordoptie.objects.create(vraag=vraag, code="misschien", label="Misschien")
    with pytest.raises(VragenlijstBevroren):
        Thema.objects.create(vragenlijst=vraag.vragenlijst, sleutel="extra", titel="Extra")
    with pytest.raises(ValidationError, match="bevroren"):
        Vraag(thema=vraag.thema, sleutel="participatie.extra", tekst="?", type="open_tekst").full_clean()
    vraag.refresh_from_db()
    assert vraag.tekst == "Nog aan te passen, want in voorbereiding"
    assert vraag.antwoordopties.count() == 2


def test_de_geleverde_vragenlijsten_zijn_bevroren(geleverde_golven):
    vraag = Vraag.objects.get(
        vragenlijst=geleverde_golven[2022].vragenlijst, sleutel="participatie.vrijwilligers"
    )
    vraag.tekst = "Gewijzigd"
    with pytest.raises(VragenlijstBevroren):
        vraag.save()


def test_golfovergangen(golf_in_voorbereiding, opgroeien_medewerker):
    with pytest.raises(OngeldigeOvergang):
        sluit_golf(golf=golf_in_voorbereiding, door=opgroeien_medewerker)
    open_golf(golf=golf_in_voorbereiding, door=opgroeien_medewerker)
    with pytest.raises(OngeldigeOvergang):
        open_golf(golf=golf_in_voorbereiding, door=opgroeien_medewerker)
    golf = sluit_golf(golf=golf_in_voorbereiding, door=opgroeien_medewerker)
    assert golf.status == Golfstatus.AFGESLOTEN and golf.afgesloten_op
    with pytest.raises(OngeldigeOvergang):
        open_golf(golf=golf, door=opgroeien_medewerker)


def test_een_golf_zonder_vragen_of_naast_een_open_golf_gaat_niet_open(open_golf_, opgroeien_medewerker):
    with pytest.raises(ValidationError, match="zonder vragen"):
        open_golf(golf=GolfFactory(), door=opgroeien_medewerker)
    tweede = GolfFactory()
    kopieer_vragenlijst(van_golf=open_golf_, naar_golf=tweede)
    with pytest.raises(ValidationError, match="al een open golf"):
        open_golf(golf=tweede, door=opgroeien_medewerker)
    tweede.refresh_from_db()
    assert tweede.status == Golfstatus.IN_VOORBEREIDING
    assert not tweede.vragenlijst.is_bevroren
    with pytest.raises(IntegrityError):
        GolfFactory(status=Golfstatus.OPEN)


def test_alleen_opgroeien_of_beheer_opent_een_golf(golf_in_voorbereiding, coordinator):
    with pytest.raises(PermissionDenied):
        open_golf(golf=golf_in_voorbereiding, door=coordinator)
    open_golf(golf=golf_in_voorbereiding, door=UserFactory(beheerder=True))


def test_kopie_voor_een_volgende_golf_houdt_de_sleutels_en_koppelt_ze(geleverde_golven):
    volgende = GolfFactory()
    kopie = kopieer_vragenlijst(van_golf=geleverde_golven[2022], naar_golf=volgende)
    bron = geleverde_golven[2022].vragenlijst
    assert not kopie.is_bevroren
    assert sorted(kopie.vragen.values_list("sleutel", flat=True)) == sorted(
        bron.vragen.values_list("sleutel", flat=True)
    )
    rol = kopie.vragen.get(sleutel="participatie.rol_vrijwilligers")
    assert (
        rol.afhankelijk_van.sleutel == "participatie.vrijwilligers"
        and rol.afhankelijk_van.vragenlijst == kopie
    )
    koppelingen = rol.koppelingen_van.all()
    assert [(k.van_vraag.vragenlijst_id, k.soort) for k in koppelingen] == [(bron.pk, "zelfde")]
    for koppeling in koppelingen:
        koppeling.full_clean()
