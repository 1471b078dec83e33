"""The request lifecycle through the loket services: offers, answers, placement, withdrawal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.models import UitgaandeMail
from loket import services
from loket.models import AanbodStatus, Gebeurtenis, Status, dagen_tekst
from tests.factories import AanbiederFactory, OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twee_locaties(huis):
    return OpvanglocatieFactory(huis=huis, naam="De Eerste"), OpvanglocatieFactory(
        huis=huis, naam="De Tweede"
    )


def test_aanbod_aanvaarden_en_plaatsing_bevestigen_sluit_de_rest_af(huis, loket_medewerker, twee_locaties):
    eerste, tweede = twee_locaties
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[eerste, tweede])
    plaats_1 = VrijePlaatsFactory(locatie=eerste)
    plaats_2 = VrijePlaatsFactory(locatie=tweede)
    aanbieder = AanbiederFactory(locatie=eerste).gebruiker

    aanbod_1 = services.doe_aanbod(vraag=vraag, plaats=plaats_1, door=loket_medewerker)
    aanbod_2 = services.doe_aanbod(vraag=vraag, plaats=plaats_2, door=loket_medewerker)
    vraag.refresh_from_db()
    assert vraag.status == Status.AANBOD and vraag.eerste_antwoord is not None
    assert UitgaandeMail.objects.filter(aan=vraag.email, onderwerp__icontains="plaats").count() == 2

    services.beantwoord_aanbod(aanbod=aanbod_1, aanvaard=True)
    aanbod_2.refresh_from_db()
    assert aanbod_2.status == AanbodStatus.VERVALLEN
    assert UitgaandeMail.objects.filter(aan=aanbieder.email).exists()

    services.bevestig_plaatsing(aanbod=aanbod_1, door=aanbieder)
    vraag.refresh_from_db()
    assert vraag.status == Status.GEPLAATST and vraag.afgesloten is not None
    assert list(vraag.voorkeuren.filter(actief=True).values_list("locatie", flat=True)) == [eerste.pk]
    statussen = list(
        vraag.gebeurtenissen.filter(soort=Gebeurtenis.Soort.STATUS).values_list("naar_status", flat=True)
    )
    assert statussen == [Status.AANBOD, Status.GEPLAATST]


def test_een_plaats_gaat_nooit_naar_twee_gezinnen(huis, loket_medewerker, twee_locaties):
    eerste, _tweede = twee_locaties
    plaats = VrijePlaatsFactory(locatie=eerste, aantal=1)
    vraag_a = OpvangvraagFactory(huis=huis, voorkeuren=[eerste])
    vraag_b = OpvangvraagFactory(huis=huis, voorkeuren=[eerste])
    services.doe_aanbod(vraag=vraag_a, plaats=plaats, door=loket_medewerker)
    with pytest.raises(ValidationError, match="niet meer vrij"):
        services.doe_aanbod(vraag=vraag_b, plaats=plaats, door=loket_medewerker)
    vraag_b.refresh_from_db()
    assert vraag_b.status == Status.ACTIEF and not vraag_b.aanbiedingen.exists()


def test_weigeren_zet_de_aanvraag_terug_op_de_wachtlijst(huis, loket_medewerker, twee_locaties):
    eerste, _tweede = twee_locaties
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[eerste])
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=VrijePlaatsFactory(locatie=eerste), door=loket_medewerker
    )
    services.beantwoord_aanbod(aanbod=aanbod, aanvaard=False)
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF
    with pytest.raises(ValidationError):
        services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)


def test_geen_aanbod_voor_een_locatie_die_het_gezin_niet_koos(huis, loket_medewerker, twee_locaties):
    eerste, tweede = twee_locaties
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[eerste])
    with pytest.raises(ValidationError, match="koos deze opvanglocatie niet"):
        services.doe_aanbod(vraag=vraag, plaats=VrijePlaatsFactory(locatie=tweede), door=loket_medewerker)


def test_tweeling_neemt_twee_plaatsen_of_geen(huis, loket_medewerker, twee_locaties):
    eerste, _tweede = twee_locaties
    geboren = timezone.localdate() + datetime.timedelta(days=30)
    vraag = OpvangvraagFactory(
        huis=huis,
        voorkeuren=[eerste],
        kinderen=[
            {"voornaam": "Lou", "geboortedatum": geboren},
            {"voornaam": "Mil", "geboortedatum": geboren},
        ],
    )
    with pytest.raises(ValidationError, match="niet meer vrij"):
        services.doe_aanbod(
            vraag=vraag, plaats=VrijePlaatsFactory(locatie=eerste, aantal=1), door=loket_medewerker
        )
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=VrijePlaatsFactory(locatie=eerste, aantal=2), door=loket_medewerker
    )
    assert aanbod.plaatsen == 2


def test_ongeldige_overgang_wordt_geweigerd_en_verandert_niets(huis):
    vraag = OpvangvraagFactory(huis=huis, status=Status.GEPLAATST)
    with pytest.raises(services.OngeldigeOvergang):
        services.wijzig_status(vraag=vraag, naar=Status.ACTIEF, reden="test")
    vraag.refresh_from_db()
    assert vraag.status == Status.GEPLAATST and not vraag.gebeurtenissen.exists()


def test_intrekken_beeindigt_lopende_aanbiedingen(huis, loket_medewerker, twee_locaties):
    eerste, _tweede = twee_locaties
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[eerste])
    plaats = VrijePlaatsFactory(locatie=eerste)
    aanbod = services.doe_aanbod(vraag=vraag, plaats=plaats, door=loket_medewerker)
    services.trek_in(vraag=vraag)
    aanbod.refresh_from_db()
    vraag.refresh_from_db()
    assert vraag.status == Status.INGETROKKEN and aanbod.status == AanbodStatus.VERVALLEN
    # the place is free again for another family
    ander = OpvangvraagFactory(huis=huis, voorkeuren=[eerste])
    services.doe_aanbod(vraag=ander, plaats=plaats, door=loket_medewerker)


def test_anonimiseren_wist_persoonsgegevens_en_de_link(huis):
    vraag = OpvangvraagFactory(huis=huis)
    token = vraag.token
    services.voeg_notitie_toe(vraag=vraag, tekst="Mama belde: werkt in ploegen", door=None)
    services.anonimiseer(vraag_id=vraag.pk, reden="Gewist op vraag van het gezin.")
    vraag.refresh_from_db()
    assert vraag.email == "" and vraag.token != token and not vraag.ouders.exists()
    assert vraag.status == Status.INGETROKKEN
    assert set(vraag.kinderen.values_list("voornaam", flat=True)) == {"–"}
    assert not vraag.gebeurtenissen.filter(reden__contains="ploegen").exists()


@pytest.mark.parametrize(
    ("dagen", "tekst"),
    [
        ([0, 1, 2, 3, 4], "maandag tot vrijdag"),
        ([4, 0, 1], "maandag, dinsdag, vrijdag"),
        ([0, 2, 3, 4, 5], "maandag, woensdag tot zaterdag"),
        ([2], "woensdag"),
    ],
)
def test_dagen_in_woorden(dagen, tekst):
    assert dagen_tekst(dagen) == tekst
