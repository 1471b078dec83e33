"""Transfer: a placed family asks for other locations; a new request linked to the placed one joins
the queue, and the placement stays until the provider confirms a new one, which ends it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.models import UitgaandeMail
from loket import services
from loket.models import AanbodStatus, Opvangvraag, Status
from tests.factories import AanbiederFactory, OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def oud(huis):
    return OpvanglocatieFactory(huis=huis, naam="Het Oude Nest")


@pytest.fixture
def nieuw_a(huis):
    return OpvanglocatieFactory(huis=huis, naam="Dichtbij Werk")


@pytest.fixture
def nieuw_b(huis):
    return OpvanglocatieFactory(huis=huis, naam="Nieuwe Buurt")


@pytest.fixture
def geplaatst(huis, oud):
    return OpvangvraagFactory(
        huis=huis,
        voorkeuren=[oud],
        geplaatst=True,
        opvang_voor_werk=True,
        alleenstaande_ouder=True,
        kinderen=[{"voornaam": "Mila"}],
        ouders=[{"naam": "Jo Claes", "telefoon": "+32 470 11 22 33"}],
    )


def url(naam, huis, **kwargs):
    return reverse(f"loket:{naam}", kwargs={"huis_slug": huis.slug, **kwargs})


def start(client, huis, vraag, **gegevens):
    start = timezone.localdate() + datetime.timedelta(days=60)
    return client.post(
        url("overplaatsing", huis, vraag_pk=vraag.pk),
        {
            "reden": "Verhuisd naar de andere kant van de stad",
            "gewenste_start": f"{start:%Y-%m-%d}",
            **gegevens,
        },
    )


def test_de_pagina_van_een_geplaatste_aanvraag_biedt_de_overplaatsing_aan(loket_client, huis, geplaatst):
    tekst = loket_client.get(url("vraag_detail", huis, vraag_pk=geplaatst.pk)).content.decode()
    assert url("overplaatsing", huis, vraag_pk=geplaatst.pk) in tekst and "Overplaatsing starten" in tekst


def test_een_overplaatsing_komt_als_gekoppelde_aanvraag_op_de_wachtrij_en_de_plaatsing_blijft(
    loket_client, huis, geplaatst, oud, nieuw_a, nieuw_b
):
    antwoord = start(loket_client, huis, geplaatst, keuze_1=nieuw_a.pk, keuze_2=nieuw_b.pk)

    assert antwoord.status_code == 302
    transfer = Opvangvraag.objects.get(overplaatsing_van=geplaatst)
    assert antwoord["Location"] == url("vraag_detail", huis, vraag_pk=transfer.pk) + "#inhoud"
    assert transfer.status == Status.ACTIEF and transfer.via_loket
    assert transfer.overplaatsing_reden == "Verhuisd naar de andere kant van de stad"
    assert [v.locatie for v in transfer.voorkeuren.order_by("rang")] == [nieuw_a, nieuw_b]
    assert transfer.opvang_voor_werk and transfer.alleenstaande_ouder  # priority data copied
    assert [k.voornaam for k in transfer.kinderen.all()] == ["Mila"]
    assert [o.telefoon for o in transfer.ouders.all()] == ["+32 470 11 22 33"]
    geplaatst.refresh_from_db()
    assert geplaatst.status == Status.GEPLAATST
    plaatsing = geplaatst.aanbiedingen.get(status=AanbodStatus.BEVESTIGD)
    assert plaatsing.beeindigd is None
    assert geplaatst.gebeurtenissen.filter(
        reden__contains=f"overplaatsing als aanvraag {transfer.nummer}"
    ).exists()
    wachtrij = loket_client.get(url("wachtrij", huis)).content.decode()
    assert transfer.nummer in wachtrij and "overplaatsing" in wachtrij
    # a second transfer while the first runs is refused
    tweede = start(loket_client, huis, geplaatst, keuze_1=nieuw_b.pk)
    assert tweede.status_code == 200 and "Er loopt al een overplaatsing" in tweede.content.decode()


def test_de_bevestiging_van_de_nieuwe_plaats_beeindigt_de_oude(
    loket_client, huis, geplaatst, oud, nieuw_a, loket_medewerker
):
    AanbiederFactory(locatie=oud, gebruiker__email="opvang@oude-nest.test")
    start(loket_client, huis, geplaatst, keuze_1=nieuw_a.pk)
    transfer = Opvangvraag.objects.get(overplaatsing_van=geplaatst)
    plaats = VrijePlaatsFactory(
        locatie=nieuw_a,
        vanaf=transfer.gewenste_start,
        dagen=transfer.dagen,
        leeftijdsgroep=transfer.leeftijdsgroep,
    )
    aanbod = services.doe_aanbod(vraag=transfer, plaats=plaats, door=loket_medewerker)
    aanbod = services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    oude_plaatsing = geplaatst.aanbiedingen.get(status=AanbodStatus.BEVESTIGD)
    assert oude_plaatsing.beeindigd is None  # accepted is not yet confirmed: the child keeps its place
    UitgaandeMail.objects.all().delete()

    services.bevestig_plaatsing(aanbod=aanbod, door=loket_medewerker)

    transfer.refresh_from_db()
    oude_plaatsing.refresh_from_db()
    assert transfer.status == Status.GEPLAATST
    assert oude_plaatsing.beeindigd is not None and oude_plaatsing.status == AanbodStatus.BEVESTIGD
    assert geplaatst.gebeurtenissen.filter(
        reden__contains="Het kind verhuist naar Dichtbij Werk", intern=False
    ).exists()
    aan_opvang = UitgaandeMail.objects.get(aan="opvang@oude-nest.test")
    assert "Het Oude Nest" in aan_opvang.onderwerp and geplaatst.nummer in aan_opvang.tekst


def test_zonder_reden_of_keuze_start_er_niets(loket_client, huis, geplaatst):
    antwoord = loket_client.post(url("overplaatsing", huis, vraag_pk=geplaatst.pk), {"gewenste_start": ""})
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Geef aan waarom het gezin een andere opvang zoekt." in tekst
    assert "Kies minstens één opvanglocatie." in tekst
    assert not Opvangvraag.objects.filter(overplaatsing_van=geplaatst).exists()


def test_de_huidige_opvang_kan_geen_nieuwe_keuze_zijn(loket_client, huis, geplaatst, oud):
    antwoord = start(loket_client, huis, geplaatst, keuze_1=oud.pk)
    assert antwoord.status_code == 200
    assert (
        "Kies andere opvanglocaties dan die waar het kind nu opgevangen wordt." in antwoord.content.decode()
    )


def test_een_aanvraag_die_niet_geplaatst_is_kan_niet_overgeplaatst_worden(loket_client, huis, oud, nieuw_a):
    actief = OpvangvraagFactory(huis=huis, voorkeuren=[oud])
    antwoord = start(loket_client, huis, actief, keuze_1=nieuw_a.pk)
    assert antwoord.status_code == 302
    assert not Opvangvraag.objects.filter(overplaatsing_van=actief).exists()


def test_het_gezin_vraagt_de_overplaatsing_aan_het_loket_vanop_zijn_statuspagina(client, geplaatst):
    tekst = client.get(reverse("loket:aanvraag", kwargs={"token": geplaatst.token})).content.decode()
    assert "Vraag het loket om een overplaatsing" in tekst
    assert 'href="#contact-titel">Contact opnemen met het loket</a>' in tekst
