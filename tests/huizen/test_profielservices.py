import pytest
from django.core.exceptions import ValidationError

from huizen.models import Partner, PartnerSoort, Wijziging
from huizen.services import bewaar_onderdeel, verwijder_onderdeel
from kern.bewerken import Conflict

pytestmark = pytest.mark.django_db


def test_een_wijziging_wordt_met_oude_en_nieuwe_waarde_bewaard(huis, coordinator):
    bewaar_onderdeel(
        gebruiker=coordinator,
        huis=huis,
        obj=huis,
        gegevens={"telefoon": "09 123 45 67", "rechtsvorm": "vzw"},
        onderdeel="Algemeen",
        verwachte_versie=1,
    )
    huis.refresh_from_db()
    assert (huis.telefoon, huis.versie) == ("09 123 45 67", 2)
    wijziging = Wijziging.objects.get(huis=huis)
    assert wijziging.gebruiker == coordinator and wijziging.actie == "gewijzigd"
    assert {"veld": "rechtsvorm", "oud": "feitelijke vereniging", "nieuw": "vzw"} in wijziging.velden
    assert {"veld": "telefoonnummer", "oud": "–", "nieuw": "09 123 45 67"} in wijziging.velden


def test_twee_coordinatoren_overschrijven_elkaar_niet(huis, coordinator):
    bewaar_onderdeel(
        gebruiker=coordinator,
        huis=huis,
        obj=huis,
        gegevens={"telefoon": "1"},
        onderdeel="Algemeen",
        verwachte_versie=1,
    )
    with pytest.raises(Conflict):
        bewaar_onderdeel(
            gebruiker=coordinator,
            huis=huis,
            obj=huis,
            gegevens={"telefoon": "2"},
            onderdeel="Algemeen",
            verwachte_versie=1,
        )
    huis.refresh_from_db()
    assert huis.telefoon == "1" and Wijziging.objects.count() == 1


def test_niets_gewijzigd_geeft_geen_historiek(huis, coordinator):
    bewaar_onderdeel(
        gebruiker=coordinator,
        huis=huis,
        obj=huis,
        gegevens={"naam": huis.naam},
        onderdeel="Algemeen",
        verwachte_versie=1,
    )
    assert not Wijziging.objects.exists()


def test_ongeldige_waarden_bewaren_niets(huis, coordinator):
    with pytest.raises(ValidationError) as fout:
        bewaar_onderdeel(
            gebruiker=coordinator,
            huis=huis,
            obj=Partner(),
            onderdeel="Partners",
            gegevens={"naam": "CLB", "soort": PartnerSoort.CLB, "samenwerking": 9},
            verwachte_versie=None,
        )
    assert "samenwerking" in fout.value.message_dict
    assert not Partner.objects.exists() and not Wijziging.objects.exists()


def test_toevoegen_en_verwijderen_staan_in_de_historiek(huis, coordinator):
    partner = bewaar_onderdeel(
        gebruiker=coordinator,
        huis=huis,
        obj=Partner(),
        onderdeel="Partners",
        gegevens={"naam": "CLB Gent", "soort": PartnerSoort.CLB},
        verwachte_versie=None,
    )
    with pytest.raises(Conflict):
        verwijder_onderdeel(
            gebruiker=coordinator, huis=huis, obj=partner, onderdeel="Partners", verwachte_versie=7
        )
    verwijder_onderdeel(
        gebruiker=coordinator, huis=huis, obj=partner, onderdeel="Partners", verwachte_versie=1
    )
    assert list(Wijziging.objects.values_list("actie", "omschrijving")) == [
        ("verwijderd", "CLB Gent"),
        ("toegevoegd", "CLB Gent"),
    ]
