"""Versioned editing (kern.bewerken): a save says what changed in words and leaves the history to
the app; a stale version changes nothing; deleting what is gone is no error."""

import pytest

from huizen.models import Partner, PartnerSoort, Wijziging
from kern.bewerken import Conflict, bewaar_met_versie, verwijder_met_versie
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(huis):
    return PartnerFactory(huis=huis, naam="OCMW", soort=PartnerSoort.LOKAAL_BESTUUR)


def test_bewaren_zegt_wat_er_veranderde_en_schrijft_zelf_geen_historiek(partner):
    bewaring = bewaar_met_versie(
        obj=partner, gegevens={"soort": PartnerSoort.CKG, "kernpartner": True}, verwachte_versie=1
    )

    partner.refresh_from_db()
    assert (partner.soort, partner.kernpartner, partner.versie) == ("ckg", True, 2)
    assert bewaring.bewaard and not bewaring.nieuw
    assert bewaring.velden == [
        {"veld": "soort partner", "oud": "Lokaal bestuur", "nieuw": "CKG"},
        {"veld": "kernpartner", "oud": "nee", "nieuw": "ja"},
    ]
    assert not Wijziging.objects.exists()


def test_niets_veranderd_schrijft_niets(partner):
    bewaring = bewaar_met_versie(obj=partner, gegevens={"naam": "OCMW"}, verwachte_versie=1)

    partner.refresh_from_db()
    assert not bewaring.bewaard and bewaring.velden == [] and partner.versie == 1


def test_een_verouderde_versie_verandert_niets(partner):
    bewaar_met_versie(obj=partner, gegevens={"naam": "OCMW Gent"}, verwachte_versie=1)
    verouderd = Partner.objects.get(pk=partner.pk)
    verouderd.versie = 1

    with pytest.raises(Conflict):
        bewaar_met_versie(obj=verouderd, gegevens={"naam": "Iets anders"}, verwachte_versie=1)
    with pytest.raises(Conflict):
        verwijder_met_versie(rijen=Partner.objects.all(), pk=partner.pk, verwachte_versie=1)

    partner.refresh_from_db()
    assert (partner.naam, partner.versie) == ("OCMW Gent", 2)


def test_verwijderen_noemt_de_rij_en_wat_al_weg_is_is_geen_fout(partner):
    rijen = Partner.objects.filter(huis=partner.huis)

    assert verwijder_met_versie(rijen=rijen, pk=partner.pk, verwachte_versie=1) == "OCMW"
    assert verwijder_met_versie(rijen=rijen, pk=partner.pk, verwachte_versie=1) is None
