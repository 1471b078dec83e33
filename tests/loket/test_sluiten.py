"""A location that closes: from its closing date it can no longer be chosen or offered, running
offers there are withdrawn, placed families return to the queue marked urgent, and the choices of
waiting families end. The daily task (and the run at once for a date of today or earlier) does it
once: a second run changes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.models import UitgaandeMail
from kern.tenancy import Rol
from loket import selectors, services, stand, tasks, workflow
from loket.models import VOORKEUR_GESLOTEN, AanbodStatus, Gebeurtenis, Opvanglocatie, Status
from loket.selectors.rondes import plaatsen_van_ronde
from loket.services import opvang as opvang_services
from tests.conftest import aangemeld
from tests.datums import voluit
from tests.factories import (
    AanbiederFactory,
    LidmaatschapFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    VrijePlaatsFactory,
)

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


@pytest.fixture
def locatie(huis):
    return OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf Het Nest")


@pytest.fixture
def andere(huis):
    return OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Egel")


@pytest.fixture
def aanbieder(locatie):
    return AanbiederFactory(locatie=locatie).gebruiker


def _aanbod(huis, locatie, medewerker, andere=None, **vraag):
    voorkeuren = [locatie, andere] if andere else [locatie]
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=voorkeuren, **vraag)
    return services.doe_aanbod(vraag=vraag, plaats=VrijePlaatsFactory(locatie=locatie), door=medewerker)


@pytest.fixture
def wereld(huis, locatie, andere, loket_medewerker, aanbieder):
    """At the closing location: a placed family, an open and an accepted offer, a waiting family."""
    geplaatst = _aanbod(huis, locatie, loket_medewerker, andere, email="geplaatst@ouders.test")
    services.beantwoord_aanbod(aanbod=geplaatst, aanvaard=True)
    services.bevestig_plaatsing(aanbod=geplaatst, door=aanbieder)
    open_ = _aanbod(huis, locatie, loket_medewerker, email="open@ouders.test")
    aanvaard = _aanbod(huis, locatie, loket_medewerker, email="aanvaard@ouders.test")
    services.beantwoord_aanbod(aanbod=aanvaard, aanvaard=True)
    wachtend = OpvangvraagFactory(huis=huis, voorkeuren=[locatie, andere], email="wacht@ouders.test")
    UitgaandeMail.objects.all().delete()
    return {"geplaatst": geplaatst, "open": open_, "aanvaard": aanvaard, "wachtend": wachtend}


def sluit(locatie, datum, door, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return opvang_services.zet_sluitingsdatum(locatie=locatie, sluit_op=datum, door=door)


def test_sluiten_vandaag_verwerkt_alles_meteen(
    wereld, locatie, andere, aanbieder, django_capture_on_commit_callbacks, mailoutbox
):
    sluit(locatie, VANDAAG(), aanbieder, django_capture_on_commit_callbacks)

    # the placed family: placement ended, back in the queue, urgent, its earlier choice back
    aanbod = wereld["geplaatst"]
    aanbod.refresh_from_db()
    vraag = aanbod.opvangvraag
    vraag.refresh_from_db()
    assert aanbod.status == AanbodStatus.BEEINDIGD and aanbod.door_sluiting
    assert vraag.status == Status.ACTIEF and vraag.afgesloten is None
    assert vraag.dringend and vraag.dringend_reden == services.REDEN_SLUITING
    assert not vraag.voorkeuren.get(locatie=locatie).actief
    assert vraag.voorkeuren.get(locatie=andere).actief
    assert vraag.eerste_keuze_id == andere.pk
    overgang = vraag.gebeurtenissen.get(van_status=Status.GEPLAATST, naar_status=Status.ACTIEF)
    assert "gesloten vanaf" in overgang.reden and "voorrang" in overgang.reden
    assert vraag.gebeurtenissen.filter(intern=True, reden__contains="opvanglocatie sluit").exists()
    # (sent at once: the outbox keeps no text of a sent mail, so read what was sent)
    mail = next(m for m in mailoutbox if m.to == ["geplaatst@ouders.test"])
    onderwerp = stand.aanbod_onderwerp(AanbodStatus.BEEINDIGD, opvang=locatie.naam)
    assert mail.subject == f"{onderwerp} ({vraag.nummer})"
    assert "met voorrang" in mail.body and vraag.nummer in mail.body

    # running offers: withdrawn as trek_aanbod_in does, the families back in the queue with a mail
    for sleutel, adres in (("open", "open@ouders.test"), ("aanvaard", "aanvaard@ouders.test")):
        aanbod = wereld[sleutel]
        aanbod.refresh_from_db()
        assert aanbod.status == AanbodStatus.VERVALLEN and aanbod.door_sluiting
        assert aanbod.opvangvraag.status == Status.ACTIEF
        mail = next(m for m in mailoutbox if m.to == [adres])
        assert "gesloten vanaf" in mail.body
        assert aanbod.opvangvraag.gebeurtenissen.filter(
            soort=Gebeurtenis.Soort.AANBOD, reden__contains="ingetrokken"
        ).exists()

    # the waiting family: its choice for the location ended, the other stays
    wachtend = wereld["wachtend"]
    assert not wachtend.voorkeuren.get(locatie=locatie).actief
    assert wachtend.voorkeuren.get(locatie=locatie).beeindigd_reden == VOORKEUR_GESLOTEN
    assert wachtend.voorkeuren.get(locatie=andere).actief
    mail = next(m for m in mailoutbox if m.to == ["wacht@ouders.test"])
    assert mail.subject == f"Uw keuze voor {locatie.naam} vervalt: de opvanglocatie sluit ({wachtend.nummer})"
    assert "andere opvanglocaties kiezen" in mail.body
    # the families whose offer was withdrawn: their choice ended too, without a second mail
    for sleutel in ("open", "aanvaard"):
        assert not wereld[sleutel].opvangvraag.voorkeuren.filter(actief=True).exists()

    # every mail went to a family of this location, one each
    assert sorted(UitgaandeMail.objects.values_list("aan", flat=True)) == [
        "aanvaard@ouders.test",
        "geplaatst@ouders.test",
        "open@ouders.test",
        "wacht@ouders.test",
    ]


def test_de_taak_is_idempotent(wereld, locatie, aanbieder, django_capture_on_commit_callbacks):
    sluit(locatie, VANDAAG(), aanbieder, django_capture_on_commit_callbacks)
    mails, gebeurtenissen = UitgaandeMail.objects.count(), Gebeurtenis.objects.count()
    tweede = tasks.verwerk_sluitingen()
    assert tweede["aanbod_ingetrokken"] == tweede["plaatsing_beeindigd"] == tweede["voorkeur_beeindigd"] == 0
    assert UitgaandeMail.objects.count() == mails and Gebeurtenis.objects.count() == gebeurtenissen


def test_een_datum_in_de_toekomst_wacht_op_de_dag_zelf(
    wereld, locatie, aanbieder, django_capture_on_commit_callbacks
):
    morgen = VANDAAG() + datetime.timedelta(days=1)
    sluit(locatie, morgen, aanbieder, django_capture_on_commit_callbacks)
    assert tasks.verwerk_sluitingen() == {
        "aanbod_ingetrokken": 0,
        "plaatsing_beeindigd": 0,
        "voorkeur_beeindigd": 0,
        "fouten": 0,
    }
    wereld["geplaatst"].opvangvraag.refresh_from_db()
    assert wereld["geplaatst"].opvangvraag.status == Status.GEPLAATST
    assert locatie in selectors.actieve_opvanglocaties(locatie.huis)
    # the day comes: the daily run does it
    Opvanglocatie.objects.filter(pk=locatie.pk).update(sluit_op=VANDAAG())
    telling = tasks.verwerk_sluitingen()
    assert telling["plaatsing_beeindigd"] == 1 and telling["aanbod_ingetrokken"] == 2
    assert telling["voorkeur_beeindigd"] == 1  # the waiting family (the others ended with their offer)


def test_een_datum_in_het_verleden_mag_ook(
    wereld, locatie, loket_medewerker, django_capture_on_commit_callbacks
):
    sluit(
        locatie, VANDAAG() - datetime.timedelta(days=10), loket_medewerker, django_capture_on_commit_callbacks
    )
    wereld["geplaatst"].refresh_from_db()
    assert wereld["geplaatst"].status == AanbodStatus.BEEINDIGD


def test_een_gesloten_locatie_kan_niet_meer_gekozen_of_aangeboden_worden(
    huis, locatie, andere, loket_medewerker, aanbieder, django_capture_on_commit_callbacks
):
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=3)
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie, andere])
    assert plaats in selectors.vrije_plaatsen_voor(vraag)[locatie.pk]
    Opvanglocatie.objects.filter(pk=locatie.pk).update(sluit_op=VANDAAG())
    locatie.refresh_from_db()
    assert not locatie.is_open
    assert list(selectors.actieve_opvanglocaties(huis)) == [andere]
    assert locatie.pk not in selectors.vrije_plaatsen_voor(vraag)
    assert plaats not in plaatsen_van_ronde(huis, plaats.vanaf)
    with pytest.raises(services.ValidationError, match="gesloten"):
        services.doe_aanbod(vraag=vraag, plaats=plaats, door=loket_medewerker)
    velden = {"gemeente": vraag.gemeente, "gewenste_start": vraag.gewenste_start}
    with pytest.raises(services.ValidationError, match="gesloten"):
        services._controleer_inhoud(
            huis=huis, velden=velden, kinderen=[{}], ouders=[{}], voorkeuren=[locatie]
        )
    with pytest.raises(services.ValidationError):
        opvang_services.bewaar_vrije_plaats(
            locatie=locatie,
            gegevens={
                "vanaf": VANDAAG() + datetime.timedelta(days=5),
                "dagen": [0],
                "dagdeel": "volle_dag",
                "leeftijdsgroep": "baby",
                "aantal": 1,
            },
            door=aanbieder,
        )


def test_de_overgang_van_geplaatst_naar_actief_alleen_bij_sluiting():
    assert not workflow.mag(Status.GEPLAATST, Status.ACTIEF)
    assert workflow.mag(Status.GEPLAATST, Status.ACTIEF, workflow.OPVANGLOCATIE_SLUIT)
    assert not workflow.mag(Status.INGETROKKEN, Status.ACTIEF, workflow.OPVANGLOCATIE_SLUIT)


def test_de_stand_van_het_gezin_zegt_de_waarheid(
    client, wereld, locatie, aanbieder, django_capture_on_commit_callbacks
):
    sluit(locatie, VANDAAG(), aanbieder, django_capture_on_commit_callbacks)
    vraag = wereld["geplaatst"].opvangvraag
    vraag.refresh_from_db()
    assert stand.sleutel(vraag, vraag.aanbiedingen.all()) == stand.ACTIEF
    html = client.get(reverse("loket:aanvraag", kwargs={"token": vraag.token})).content.decode()
    assert str(stand.STANDEN[stand.ACTIEF].titel) in html
    assert f"Plaatsing beëindigd: {locatie.naam} sluit" in html
    assert "opvanglocatie sluit" not in html  # the urgent mark's reason stays internal


# --- the pages ------------------------------------------------------------------------------------


def sluiten_url(locatie):
    return reverse("loket:locatie_sluiten", kwargs={"locatie_pk": locatie.pk})


def locatie_url(locatie):
    return reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})


def test_de_aanbieder_zet_de_datum_op_de_locatiepagina(locatie, aanbieder):
    client = aangemeld(aanbieder)
    html = client.get(locatie_url(locatie)).content.decode()
    assert sluiten_url(locatie) in html and 'name="sluit_op"' in html
    datum = VANDAAG() + datetime.timedelta(days=30)
    antwoord = client.post(sluiten_url(locatie), {"sluit_op": datum.isoformat()})
    assert antwoord.status_code == 302
    locatie.refresh_from_db()
    assert locatie.sluit_op == datum
    assert f"Deze locatie sluit op {voluit(datum)}" in client.get(locatie_url(locatie)).content.decode()


def test_een_ongeldige_datum_toont_de_fout_bij_het_veld(locatie, aanbieder):
    antwoord = aangemeld(aanbieder).post(sluiten_url(locatie), {"sluit_op": "31-02-2027"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Vul een geldige datum in" in html and 'value="31-02-2027"' in html
    locatie.refresh_from_db()
    assert locatie.sluit_op is None


def test_het_loket_sluit_en_ziet_het_overzicht(
    wereld, huis, locatie, loket_medewerker, django_capture_on_commit_callbacks
):
    client = aangemeld(loket_medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(sluiten_url(locatie), {"sluit_op": VANDAAG().isoformat()})
    assert antwoord.status_code == 302
    html = client.get(locatie_url(locatie)).content.decode()
    assert "Wat de sluiting deed" in html
    assert "Plaatsing beëindigd, met voorrang terug op de wachtlijst" in html
    assert html.count("Aanbod ingetrokken") == 2
    assert wereld["geplaatst"].opvangvraag.nummer in html
    assert "Keuzes van gezinnen voor deze locatie die vervielen: 4." in html


def test_een_andere_aanbieder_en_een_coordinator_krijgen_404(huis, locatie):
    andere = AanbiederFactory(locatie=OpvanglocatieFactory(huis=huis)).gebruiker
    coordinator = LidmaatschapFactory(huis=huis, rol=Rol.COORDINATOR).gebruiker
    for gebruiker in (andere, coordinator):
        client = aangemeld(gebruiker)
        assert client.get(sluiten_url(locatie)).status_code == 404
        assert client.post(sluiten_url(locatie), {"sluit_op": VANDAAG().isoformat()}).status_code == 404
    locatie.refresh_from_db()
    assert locatie.sluit_op is None


def test_het_dashboard_en_de_lijst_van_het_loket_tonen_de_sluiting(
    huis, locatie, aanbieder, loket_medewerker
):
    Opvanglocatie.objects.filter(pk=locatie.pk).update(sluit_op=VANDAAG())
    html = aangemeld(aanbieder).get(reverse("loket:aanbieder")).content.decode()
    assert ">gesloten<" in html
    assert reverse("loket:plaats_nieuw", kwargs={"locatie_pk": locatie.pk}) not in html
    lijst = aangemeld(loket_medewerker).get(reverse("loket:locaties", kwargs={"huis_slug": huis.slug}))
    assert f"gesloten sinds {voluit(VANDAAG())}" in lijst.content.decode()
