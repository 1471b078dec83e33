"""Retention: the daily purge anonymises closed requests after the retention period, and the
audit log of staff viewing personal data cannot be changed or erased."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings

from kern.models import UitgaandeMail
from kern.tasks import verstuur_uitgaande_mail
from loket import berichten, services, tasks
from loket.models import Gebeurtenis, Inzage, Opvangvraag, Status
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db

BRUSSEL = ZoneInfo("Europe/Brussels")


def moment(jaar, maand, dag, uur=3, minuut=17):
    return datetime.datetime(jaar, maand, dag, uur, minuut, tzinfo=BRUSSEL)


@pytest.fixture
def klok():
    with time_machine.travel(moment(2026, 1, 15), tick=False) as reiziger:
        yield reiziger


@pytest.fixture
def locatie(huis):
    return OpvanglocatieFactory(huis=huis)


def afgesloten_vraag(status, huis, locatie, medewerker):
    """A request closed today (the clock's now) in the given way."""
    vraag = OpvangvraagFactory(
        huis=huis,
        voorkeuren=[locatie],
        kinderen=[{"voornaam": "Fien", "zorgnoden": "Allergie voor noten"}],
        ouders=[{"naam": "Jana Claes", "email": "jana@voorbeeld.test", "telefoon": "0470 12 34 56"}],
    )
    services.voeg_notitie_toe(vraag=vraag, tekst="Mama belde: werkt in ploegen.", door=medewerker)
    if status == Status.GEPLAATST:
        aanbod = services.doe_aanbod(vraag=vraag, plaats=VrijePlaatsFactory(locatie=locatie), door=medewerker)
        services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
        services.bevestig_plaatsing(aanbod=aanbod, door=medewerker)
    elif status == Status.INGETROKKEN:
        services.trek_in(vraag=vraag)
    else:
        services.laat_verlopen(vraag_id=vraag.pk, reden="Niet herbevestigd.")
    vraag.refresh_from_db()
    assert vraag.status == status
    return vraag


@pytest.mark.parametrize("status", [Status.GEPLAATST, Status.INGETROKKEN, Status.VERLOPEN])
def test_een_afgesloten_aanvraag_wordt_na_de_bewaartermijn_geanonimiseerd(
    status, huis, locatie, loket_medewerker, klok
):
    vraag = afgesloten_vraag(status, huis, locatie, loket_medewerker)
    token = vraag.token

    klok.move_to(moment(2027, 1, 14))
    assert tasks.purge_bewaartermijn()["geanonimiseerd"] == 0
    vraag.refresh_from_db()
    assert vraag.geanonimiseerd is None and vraag.email and vraag.ouders.exists()

    klok.move_to(moment(2027, 1, 15))
    assert tasks.purge_bewaartermijn()["geanonimiseerd"] == 1
    vraag.refresh_from_db()
    assert vraag.geanonimiseerd == moment(2027, 1, 15)
    assert vraag.email == "" and vraag.token != token and not vraag.ouders.exists()
    assert list(vraag.kinderen.values_list("voornaam", "zorgnoden")) == [("–", "")]
    assert vraag.gebeurtenissen.get(soort=Gebeurtenis.Soort.NOTITIE).reden == "(gewist)"
    # What the loket's figures need stays: status, dates, postcode.
    assert vraag.status == status and vraag.afgesloten == moment(2026, 1, 15) and vraag.postcode
    assert not Opvangvraag.objects.filter(token=token).exists()

    # A second run finds nothing left to do.
    aantal_gebeurtenissen = vraag.gebeurtenissen.count()
    klok.move_to(moment(2027, 1, 16))
    assert tasks.purge_bewaartermijn()["geanonimiseerd"] == 0
    assert vraag.gebeurtenissen.count() == aantal_gebeurtenissen


def test_de_bewaartermijn_wist_de_mails_en_de_eigen_woorden_van_het_gezin(
    huis, locatie, loket_medewerker, klok
):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie], email="jana@voorbeeld.test")
    berichten.mail_actief(vraag)
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=VrijePlaatsFactory(locatie=locatie), door=loket_medewerker
    )
    services.trek_aanbod_in(
        aanbod=aanbod, reden="Jana belde: ze wacht op een andere plaats", door=loket_medewerker
    )
    services.trek_in(vraag=vraag, reden="We verhuizen naar Antwerpen")
    mails = UitgaandeMail.objects.filter(aan="jana@voorbeeld.test")
    assert mails.count() == 4 and verstuur_uitgaande_mail(mails.earliest("pk").pk) == "verzonden"
    blijft = OpvangvraagFactory(huis=huis, voorkeuren=[locatie], email="ander@voorbeeld.test")
    berichten.mail_actief(blijft)

    klok.move_to(moment(2027, 1, 15))
    assert tasks.purge_bewaartermijn()["geanonimiseerd"] == 1

    assert not mails.exists()
    assert list(UitgaandeMail.objects.values_list("aan", flat=True)) == ["ander@voorbeeld.test"]
    redenen = " ".join(vraag.gebeurtenissen.values_list("reden", flat=True))
    assert "Antwerpen" not in redenen and "Jana" not in redenen
    ingetrokken = vraag.gebeurtenissen.get(naar_status=Status.INGETROKKEN)
    assert (ingetrokken.van_status, ingetrokken.door_gezin, ingetrokken.reden) == (
        Status.ACTIEF,
        True,
        "(gewist)",
    )


def test_de_bewaartermijn_rekent_in_kalendermaanden(huis, locatie, loket_medewerker, klok):
    klok.move_to(moment(2026, 3, 31, 12, 0))
    vraag = afgesloten_vraag(Status.INGETROKKEN, huis, locatie, loket_medewerker)
    with override_settings(LOKET_BEWAARTERMIJN_MAANDEN=11):
        # Eleven months after 31 March: kept through February, purged from the first of March.
        klok.move_to(moment(2027, 2, 28, 23, 59))
        tasks.purge_bewaartermijn()
        vraag.refresh_from_db()
        assert vraag.geanonimiseerd is None
        klok.move_to(moment(2027, 3, 1, 0, 1))
        tasks.purge_bewaartermijn()
        vraag.refresh_from_db()
        assert vraag.geanonimiseerd is not None


def test_open_aanvragen_blijven_onaangeroerd(huis, locatie, loket_medewerker, klok):
    actief = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    met_aanbod = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    services.doe_aanbod(vraag=met_aanbod, plaats=VrijePlaatsFactory(locatie=locatie), door=loket_medewerker)
    ingediend = OpvangvraagFactory(huis=huis, voorkeuren=[locatie], ingediend_niet_bevestigd=True)
    # Long open (the terms are beat's other task): never purged while open.
    klok.move_to(moment(2028, 6, 1))

    assert tasks.purge_bewaartermijn()["geanonimiseerd"] == 0
    for vraag in (actief, met_aanbod, ingediend):
        vraag.refresh_from_db()
        assert vraag.geanonimiseerd is None and vraag.email and vraag.ouders.exists()


def test_het_inzagelog_kan_niet_gewijzigd_of_gewist_worden(huis, loket_medewerker):
    vraag = OpvangvraagFactory(huis=huis)
    services.log_inzage(gebruiker=loket_medewerker, vraag=vraag, omschrijving="aanvraag bekeken")
    inzage = Inzage.objects.get()

    inzage.omschrijving = "niets gezien"
    with pytest.raises(ValidationError):
        inzage.save()
    with pytest.raises(ValidationError):
        inzage.delete()

    inzage = Inzage.objects.get()
    assert (inzage.gebruiker, inzage.opvangvraag, inzage.omschrijving) == (
        loket_medewerker,
        vraag,
        "aanvraag bekeken",
    )


def test_een_aanvraag_met_inzagelog_kan_geanonimiseerd_worden_en_het_log_blijft(
    huis, locatie, loket_medewerker, klok
):
    vraag = afgesloten_vraag(Status.INGETROKKEN, huis, locatie, loket_medewerker)
    services.log_inzage(gebruiker=loket_medewerker, vraag=vraag, omschrijving="aanvraag bekeken")
    klok.move_to(moment(2027, 2, 1))
    tasks.purge_bewaartermijn()
    vraag.refresh_from_db()
    assert vraag.geanonimiseerd is not None
    assert Inzage.objects.filter(opvangvraag=vraag, gebruiker=loket_medewerker).count() == 1
