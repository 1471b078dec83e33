"""A provider that cannot take in a family it was offered declines it with a reason: the loket sees
the reason, the family gets a neutral mail without it and stays in the queue, the seat is free
again. Only the provider of that location and the loket staff of its Huis may do it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kern.models import UitgaandeMail
from kern.tenancy import Rol
from loket import berichten, selectors, services, stand
from loket.models import AANBOD_HOUDT_PLAATS, Aanbod, AanbodStatus, Gebeurtenis, Status
from loket.selectors.gezin import gegevens_als_dict, overzicht_voor_gezin
from tests.conftest import aangemeld
from tests.factories import (
    AanbiederFactory,
    HuisFactory,
    LidmaatschapFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    VrijePlaatsFactory,
)

pytestmark = pytest.mark.django_db

REDEN = "Het kind heeft een zorgnood waarvoor wij nu geen begeleider hebben."


@pytest.fixture
def locatie(huis):
    return OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf Het Nest")


@pytest.fixture
def aanbieder(locatie):
    return AanbiederFactory(locatie=locatie).gebruiker


@pytest.fixture
def plaats(locatie):
    return VrijePlaatsFactory(locatie=locatie, aantal=1)


@pytest.fixture
def vraag(huis, locatie):
    return OpvangvraagFactory(huis=huis, email="gezin@ouders.test", voorkeuren=[locatie])


@pytest.fixture
def aanbod(vraag, plaats, loket_medewerker):
    return services.doe_aanbod(vraag=vraag, plaats=plaats, door=loket_medewerker)


@pytest.fixture
def aanvaard(aanbod):
    return services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)


def url(aanbod):
    return reverse("loket:aanbod_afwijzen", kwargs={"aanbod_pk": aanbod.pk})


# --- the service ----------------------------------------------------------------------------------


@pytest.mark.parametrize("aanvaarden", [False, True], ids=["open", "aanvaard"])
def test_afwijzen_bewaart_de_reden_maakt_de_plaats_vrij_en_zet_terug_op_de_wachtlijst(
    aanbod, plaats, vraag, aanbieder, aanvaarden
):
    if aanvaarden:
        services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    assert selectors.vrij(plaats) == 0
    UitgaandeMail.objects.all().delete()

    services.wijs_aanbod_af(aanbod=aanbod, reden=f"  {REDEN} ", door=aanbieder)

    aanbod.refresh_from_db()
    vraag.refresh_from_db()
    assert aanbod.status == AanbodStatus.AFGEWEZEN
    assert aanbod.get_status_display() == "afgewezen door de opvang"
    assert aanbod.afwijzingsreden == REDEN
    assert aanbod.afgewezen_door == aanbieder and aanbod.afgewezen is not None
    assert AanbodStatus.AFGEWEZEN not in AANBOD_HOUDT_PLAATS
    assert selectors.vrij(plaats) == 1
    assert vraag.status == Status.ACTIEF
    assert vraag.voorkeuren.get().actief  # the family still chooses the location
    # the history: the reason internal only, a neutral line for the family, the status change
    intern = vraag.gebeurtenissen.get(intern=True, soort=Gebeurtenis.Soort.AANBOD)
    assert REDEN in intern.reden and intern.door == aanbieder and intern.vrije_tekst
    voor_gezin = list(selectors.gebeurtenissen_voor_gezin(vraag))
    assert not any(REDEN in g.reden for g in voor_gezin)
    assert any(g.reden == "De plaats bij Kinderdagverblijf Het Nest kan niet doorgaan." for g in voor_gezin)
    terug = vraag.gebeurtenissen.get(
        soort=Gebeurtenis.Soort.STATUS, naar_status=Status.ACTIEF, van_status="aanbod"
    )
    assert "wachtlijst" in terug.reden
    # one mail, to the family, neutral
    mail = UitgaandeMail.objects.get()
    assert mail.aan == "gezin@ouders.test"
    assert mail.onderwerp == f"De plaats bij Kinderdagverblijf Het Nest kan niet doorgaan ({vraag.nummer})"
    assert "kan helaas niet doorgaan" in mail.tekst and "wachtlijst" in mail.tekst
    assert vraag.nummer in mail.tekst
    assert REDEN not in mail.tekst and "zorgnood" not in mail.tekst


def test_de_vrije_plaats_kan_meteen_aan_een_ander_gezin(
    aanbod, plaats, huis, locatie, aanbieder, loket_medewerker
):
    services.wijs_aanbod_af(aanbod=aanbod, reden=REDEN, door=aanbieder)
    ander = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    assert services.doe_aanbod(vraag=ander, plaats=plaats, door=loket_medewerker).status == AanbodStatus.OPEN


def test_het_gezin_ziet_de_waarheid_en_nooit_de_reden(client, aanbod, vraag, aanbieder):
    services.wijs_aanbod_af(aanbod=aanbod, reden=REDEN, door=aanbieder)
    vraag.refresh_from_db()
    html = client.get(reverse("loket:aanvraag", kwargs={"token": vraag.token})).content.decode()
    assert "Deze plaats kon niet doorgaan" in html
    assert str(stand.STANDEN[stand.ACTIEF].titel) in html
    assert REDEN not in html
    overzicht = overzicht_voor_gezin(vraag)
    assert overzicht["stand"].titel == str(stand.STANDEN[stand.ACTIEF].titel)
    export = str(gegevens_als_dict(vraag))
    assert REDEN not in export and "afwijzingsreden" not in export


def test_met_nog_een_ander_lopend_aanbod_blijft_de_aanvraag_in_aanbod(
    huis, aanbod, vraag, aanbieder, loket_medewerker
):
    tweede = OpvanglocatieFactory(huis=huis)
    vraag.voorkeuren.create(locatie=tweede, rang=2)
    services.doe_aanbod(vraag=vraag, plaats=VrijePlaatsFactory(locatie=tweede), door=loket_medewerker)
    services.wijs_aanbod_af(aanbod=aanbod, reden=REDEN, door=aanbieder)
    vraag.refresh_from_db()
    assert vraag.status == Status.AANBOD
    assert stand.sleutel(vraag, vraag.aanbiedingen.all()) == stand.AANBOD


def test_een_reden_is_verplicht(aanbod, aanbieder):
    with pytest.raises(ValidationError) as fout:
        services.wijs_aanbod_af(aanbod=aanbod, reden="   ", door=aanbieder)
    assert "reden" in fout.value.message_dict
    aanbod.refresh_from_db()
    assert aanbod.status == AanbodStatus.OPEN


def test_een_bevestigde_plaatsing_kan_niet_meer_afgewezen_worden(aanvaard, aanbieder):
    services.bevestig_plaatsing(aanbod=aanvaard, door=aanbieder)
    with pytest.raises(ValidationError):
        services.wijs_aanbod_af(aanbod=aanvaard, reden=REDEN, door=aanbieder)


def test_twee_keer_afwijzen_stuurt_een_mail(aanbod, aanbieder):
    services.wijs_aanbod_af(aanbod=aanbod, reden=REDEN, door=aanbieder)
    services.wijs_aanbod_af(aanbod=aanbod, reden="nog eens", door=aanbieder)
    aanbod.refresh_from_db()
    assert aanbod.afwijzingsreden == REDEN
    assert UitgaandeMail.objects.filter(onderwerp__startswith="De plaats bij").count() == 1


def test_wissen_neemt_de_reden_mee(aanbod, vraag, aanbieder):
    services.wijs_aanbod_af(aanbod=aanbod, reden=REDEN, door=aanbieder)
    services.anonimiseer(vraag_id=vraag.pk, reden="Gewist op vraag van het gezin.")
    aanbod.refresh_from_db()
    assert aanbod.afwijzingsreden == services.GEWIST
    assert not vraag.gebeurtenissen.filter(reden__contains="zorgnood").exists()


def test_elke_aanbodstatus_staat_in_de_tabel_van_het_gezin():
    assert set(stand.AANBOD_STANDEN) == set(AanbodStatus.values)
    for status in AanbodStatus.values:
        assert stand.aanbod_onderwerp(status, opvang="X")


def test_het_onderwerp_van_de_mail_komt_uit_de_tabel(aanbod, vraag, aanbieder):
    services.wijs_aanbod_af(aanbod=aanbod, reden=REDEN, door=aanbieder)
    aanbod.refresh_from_db()
    verwacht = stand.aanbod_onderwerp(AanbodStatus.AFGEWEZEN, opvang=aanbod.locatie.naam)
    assert UitgaandeMail.objects.filter(onderwerp=f"{verwacht} ({vraag.nummer})").count() == 1
    assert berichten.mail_aanbod_afgewezen  # the one mail function for it


# --- the pages ------------------------------------------------------------------------------------


def test_de_aanbieder_ziet_niet_opvangen_op_dashboard_en_locatiepagina(aanbod, aanbieder, locatie):
    client = aangemeld(aanbieder)
    assert url(aanbod) in client.get(reverse("loket:aanbieder")).content.decode()
    assert (
        url(aanbod)
        in client.get(reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})).content.decode()
    )


def test_niet_opvangen_naast_plaatsing_bevestigen(aanvaard, aanbieder):
    html = aangemeld(aanbieder).get(reverse("loket:aanbieder")).content.decode()
    assert "Plaatsing bevestigen" in html and url(aanvaard) in html


def test_de_pagina_zegt_wat_het_doet_en_bewaart_niets_bij_een_lege_reden(aanbod, aanbieder):
    client = aangemeld(aanbieder)
    html = client.get(url(aanbod)).content.decode()
    assert "Dit gezin niet opvangen?" in html and "blijft op de wachtlijst" in html
    antwoord = client.post(url(aanbod), {"reden": ""})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Geef aan waarom u dit gezin niet kunt opvangen." in html
    aanbod.refresh_from_db()
    assert aanbod.status == AanbodStatus.OPEN


def test_een_te_lange_reden_blijft_staan_met_de_fout(aanbod, aanbieder):
    tekst = "x" * 1001
    antwoord = aangemeld(aanbieder).post(url(aanbod), {"reden": tekst})
    assert antwoord.status_code == 200
    assert tekst in antwoord.content.decode() and "Hoogstens 1000 tekens." in antwoord.content.decode()


def test_de_aanbieder_wijst_af_via_de_pagina(aanbod, aanbieder):
    antwoord = aangemeld(aanbieder).post(url(aanbod), {"reden": REDEN})
    assert antwoord.status_code == 302 and antwoord.url == reverse("loket:aanbieder")
    aanbod.refresh_from_db()
    assert aanbod.status == AanbodStatus.AFGEWEZEN and aanbod.afwijzingsreden == REDEN


def test_het_loket_van_het_huis_kan_het_ook_en_ziet_de_reden(aanbod, loket_medewerker, huis, vraag):
    client = aangemeld(loket_medewerker)
    antwoord = client.post(url(aanbod), {"reden": REDEN})
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("loket:locatie", kwargs={"locatie_pk": aanbod.locatie.pk})
    detail = client.get(reverse("loket:vraag_detail", kwargs={"huis_slug": huis.slug, "vraag_pk": vraag.pk}))
    html = detail.content.decode()
    assert "afgewezen door de opvang" in html and REDEN in html and "Reden van de opvang" in html


def test_alleen_post_wijst_af(aanbod, aanbieder):
    aangemeld(aanbieder).get(url(aanbod), {"reden": REDEN})
    aanbod.refresh_from_db()
    assert aanbod.status == AanbodStatus.OPEN


def test_een_andere_aanbieder_en_een_coordinator_krijgen_404(aanbod, huis):
    andere = AanbiederFactory(locatie=OpvanglocatieFactory(huis=huis)).gebruiker
    coordinator = LidmaatschapFactory(huis=huis, rol=Rol.COORDINATOR).gebruiker
    loket_elders = LidmaatschapFactory(huis=HuisFactory(), rol=Rol.LOKET).gebruiker
    for gebruiker in (andere, coordinator, loket_elders):
        client = aangemeld(gebruiker)
        assert client.get(url(aanbod)).status_code == 404
        assert client.post(url(aanbod), {"reden": REDEN}).status_code == 404
    aanbod.refresh_from_db()
    assert aanbod.status == AanbodStatus.OPEN
    assert not Aanbod.objects.filter(status=AanbodStatus.AFGEWEZEN).exists()


def test_een_aanbod_dat_niet_meer_loopt_toont_geen_formulier(aanbod, aanbieder):
    services.trek_aanbod_in(aanbod=aanbod, reden="Vergissing.", door=aanbieder)
    client = aangemeld(aanbieder)
    html = client.get(url(aanbod)).content.decode()
    assert "Dit aanbod loopt niet meer" in html and 'name="reden"' not in html
    antwoord = client.post(url(aanbod), {"reden": REDEN})
    assert antwoord.status_code == 200 and "Dit aanbod loopt niet meer" in antwoord.content.decode()
