"""The loket's terms with a frozen clock: re-confirmation every few months, the warning before
expiry, expiry, unconfirmed requests and offer deadlines (loket.tasks.verwerk_termijnen)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from hvhk.celery import app
from kern.models import UitgaandeMail
from loket import services, tasks, termijnen
from loket.models import AanbodStatus, Gebeurtenis, Status
from loket.selectors import bezet
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db

BRUSSEL = ZoneInfo("Europe/Brussels")
START = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=BRUSSEL)

ONDERWERP_HERBEVESTIGING = "Zoekt u nog kinderopvang? Bevestig uw aanvraag"
ONDERWERP_WAARSCHUWING = "Uw aanvraag voor kinderopvang vervalt binnenkort"
ONDERWERP_VERLOPEN = "Uw aanvraag voor kinderopvang is verlopen"
ONDERWERP_AANBOD_VERLOPEN = "Het aanbod voor kinderopvang is verlopen"


def moment(jaar, maand, dag, uur=10, minuut=0):
    return datetime.datetime(jaar, maand, dag, uur, minuut, tzinfo=BRUSSEL)


@pytest.fixture
def klok():
    with time_machine.travel(START, tick=False) as reiziger:
        yield reiziger


@pytest.fixture
def locatie(huis):
    return OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Regenboog")


def mails(vraag, onderwerp):
    """The mails to the family with this subject (every subject ends with the request's number)."""
    return list(UitgaandeMail.objects.filter(aan=vraag.email, onderwerp=f"{onderwerp} ({vraag.nummer})"))


def draai(klok, wanneer):
    klok.move_to(wanneer)
    return tasks.verwerk_termijnen()


def test_na_drie_maanden_wordt_een_keer_om_herbevestiging_gevraagd(huis, locatie, klok):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])

    draai(klok, moment(2026, 4, 15, 9, 59))
    assert mails(vraag, ONDERWERP_HERBEVESTIGING) == []

    resultaat = draai(klok, moment(2026, 4, 15, 10, 0))
    assert resultaat["herbevestiging_gevraagd"] == 1
    vraag.refresh_from_db()
    assert vraag.herbevestiging_gevraagd == moment(2026, 4, 15)
    [mail] = mails(vraag, ONDERWERP_HERBEVESTIGING)
    assert f"/{vraag.token}" in mail.tekst
    assert vraag.gebeurtenissen.filter(soort=Gebeurtenis.Soort.HERINNERING).count() == 1

    # The next runs, and a second delivery of the same run, send nothing more.
    tasks.verwerk_termijnen()
    resultaat = draai(klok, moment(2026, 4, 15, 11, 0))
    assert resultaat["herbevestiging_gevraagd"] == 0
    assert len(mails(vraag, ONDERWERP_HERBEVESTIGING)) == 1


def test_herbevestigen_zet_de_klok_opnieuw(huis, locatie, klok):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    draai(klok, moment(2026, 4, 15))
    klok.move_to(moment(2026, 4, 20, 18, 30))
    services.herbevestig(vraag=vraag)

    # No warning and no expiry for the question that was answered.
    draai(klok, moment(2026, 5, 9))
    draai(klok, moment(2026, 5, 16))
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF and vraag.vervalwaarschuwing is None
    assert mails(vraag, ONDERWERP_WAARSCHUWING) == []

    # The next question comes three months after the re-confirmation.
    draai(klok, moment(2026, 7, 20, 18, 0))
    assert len(mails(vraag, ONDERWERP_HERBEVESTIGING)) == 1
    draai(klok, moment(2026, 7, 20, 18, 30))
    assert len(mails(vraag, ONDERWERP_HERBEVESTIGING)) == 2


def test_zonder_herbevestiging_eerst_een_waarschuwing_dan_verlopen_en_het_aanbod_vervalt(
    huis, locatie, loket_medewerker, klok
):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=1)
    draai(klok, moment(2026, 4, 15))  # asked to re-confirm
    klok.move_to(moment(2026, 5, 1))
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=plaats, door=loket_medewerker, deadline=datetime.date(2026, 6, 1)
    )

    # The warning comes 30 - 7 = 23 days after the question, once.
    draai(klok, moment(2026, 5, 8, 9, 59))
    assert mails(vraag, ONDERWERP_WAARSCHUWING) == []
    assert draai(klok, moment(2026, 5, 8, 10, 0))["gewaarschuwd"] == 1
    draai(klok, moment(2026, 5, 8, 11, 0))
    assert len(mails(vraag, ONDERWERP_WAARSCHUWING)) == 1

    # 30 days after the question the request expires, with its open offer.
    draai(klok, moment(2026, 5, 15, 9, 59))
    vraag.refresh_from_db()
    assert vraag.status == Status.AANBOD
    assert draai(klok, moment(2026, 5, 15, 10, 0))["verlopen"] == 1
    vraag.refresh_from_db()
    aanbod.refresh_from_db()
    assert vraag.status == Status.VERLOPEN and vraag.afgesloten == moment(2026, 5, 15)
    assert aanbod.status == AanbodStatus.VERVALLEN and bezet(plaats) == 0
    gebeurtenis = vraag.gebeurtenissen.get(naar_status=Status.VERLOPEN)
    assert "niet binnen 30 dagen" in gebeurtenis.reden and not gebeurtenis.intern
    assert len(mails(vraag, ONDERWERP_VERLOPEN)) == 1

    draai(klok, moment(2026, 5, 15, 11, 0))
    assert len(mails(vraag, ONDERWERP_VERLOPEN)) == 1


def test_een_late_waarschuwing_laat_het_gezin_nog_de_volle_week(huis, locatie, klok):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    draai(klok, moment(2026, 4, 15))
    # Beat was down for weeks: the warning goes out late, expiry waits a week after it.
    draai(klok, moment(2026, 5, 20))
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF and vraag.vervalwaarschuwing == moment(2026, 5, 20)
    draai(klok, moment(2026, 5, 27, 9, 0))
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF
    draai(klok, moment(2026, 5, 27, 10, 0))
    vraag.refresh_from_db()
    assert vraag.status == Status.VERLOPEN


def test_een_niet_bevestigde_aanvraag_verloopt_na_de_bevestigingstermijn(huis, locatie, klok):
    onbevestigd = OpvangvraagFactory(huis=huis, voorkeuren=[locatie], ingediend_niet_bevestigd=True)
    op_tijd = OpvangvraagFactory(huis=huis, voorkeuren=[locatie], ingediend_niet_bevestigd=True)
    klok.move_to(moment(2026, 1, 28))
    services.bevestig_adres(vraag=op_tijd)

    draai(klok, moment(2026, 1, 29, 9, 59))
    onbevestigd.refresh_from_db()
    assert onbevestigd.status == Status.INGEDIEND

    assert draai(klok, moment(2026, 1, 29, 10, 0))["niet_bevestigd"] == 1
    onbevestigd.refresh_from_db()
    op_tijd.refresh_from_db()
    assert onbevestigd.status == Status.VERLOPEN and op_tijd.status == Status.ACTIEF
    reden = onbevestigd.gebeurtenissen.get(naar_status=Status.VERLOPEN).reden
    assert "niet binnen 14 dagen" in reden
    assert len(mails(onbevestigd, ONDERWERP_VERLOPEN)) == 1
    assert mails(onbevestigd, ONDERWERP_HERBEVESTIGING) == []


def test_een_aanbod_verloopt_de_dag_na_de_deadline(huis, locatie, loket_medewerker, klok):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=1)
    aanbod = services.doe_aanbod(vraag=vraag, plaats=plaats, door=loket_medewerker)
    assert aanbod.deadline == datetime.date(2026, 1, 25)

    # On the deadline day the family can still answer.
    draai(klok, moment(2026, 1, 25, 23, 59))
    aanbod.refresh_from_db()
    assert aanbod.status == AanbodStatus.OPEN

    assert draai(klok, moment(2026, 1, 26, 0, 5))["aanbod_verlopen"] == 1
    aanbod.refresh_from_db()
    vraag.refresh_from_db()
    assert aanbod.status == AanbodStatus.VERLOPEN and vraag.status == Status.ACTIEF
    assert bezet(plaats) == 0
    assert vraag.gebeurtenissen.filter(reden__contains="niet beantwoord voor de termijn").count() == 1
    [mail] = mails(vraag, ONDERWERP_AANBOD_VERLOPEN)
    assert "De Regenboog" in mail.tekst

    draai(klok, moment(2026, 1, 26, 1, 5))
    assert len(mails(vraag, ONDERWERP_AANBOD_VERLOPEN)) == 1


@override_settings(
    LOKET_HERBEVESTIGING_MAANDEN=1,
    LOKET_HERBEVESTIGING_TERMIJN_DAGEN=10,
    LOKET_VERVALWAARSCHUWING_DAGEN=3,
    LOKET_BEVESTIGINGSTERMIJN_DAGEN=2,
)
def test_de_termijnen_volgen_de_instellingen(huis, locatie, klok):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    onbevestigd = OpvangvraagFactory(huis=huis, voorkeuren=[locatie], ingediend_niet_bevestigd=True)

    draai(klok, moment(2026, 1, 17, 9, 0))
    onbevestigd.refresh_from_db()
    assert onbevestigd.status == Status.INGEDIEND
    draai(klok, moment(2026, 1, 17, 10, 0))
    onbevestigd.refresh_from_db()
    assert onbevestigd.status == Status.VERLOPEN

    draai(klok, moment(2026, 2, 15, 9, 0))
    assert mails(vraag, ONDERWERP_HERBEVESTIGING) == []
    draai(klok, moment(2026, 2, 15, 10, 0))
    assert len(mails(vraag, ONDERWERP_HERBEVESTIGING)) == 1
    draai(klok, moment(2026, 2, 22, 9, 0))
    assert mails(vraag, ONDERWERP_WAARSCHUWING) == []
    draai(klok, moment(2026, 2, 22, 10, 0))
    assert len(mails(vraag, ONDERWERP_WAARSCHUWING)) == 1
    draai(klok, moment(2026, 2, 25, 9, 0))
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF
    draai(klok, moment(2026, 2, 25, 10, 0))
    vraag.refresh_from_db()
    assert vraag.status == Status.VERLOPEN
    assert "niet binnen 10 dagen" in vraag.gebeurtenissen.get(naar_status=Status.VERLOPEN).reden


def test_zonder_e_mailadres_of_met_een_aanvaard_aanbod_geen_herbevestiging(
    huis, locatie, loket_medewerker, klok
):
    aan_de_balie = OpvangvraagFactory(huis=huis, voorkeuren=[locatie], email="", via_loket=True)
    aanvaard = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    aanbod = services.doe_aanbod(
        vraag=aanvaard, plaats=VrijePlaatsFactory(locatie=locatie), door=loket_medewerker
    )
    services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)

    for wanneer in (moment(2026, 4, 16), moment(2026, 5, 10), moment(2026, 6, 1)):
        draai(klok, wanneer)
    for vraag in (aan_de_balie, aanvaard):
        vraag.refresh_from_db()
        assert vraag.herbevestiging_gevraagd is None and vraag.is_open
    assert mails(aanvaard, ONDERWERP_HERBEVESTIGING) == []


def test_een_fout_bij_een_aanvraag_houdt_de_andere_niet_tegen(huis, locatie, klok, monkeypatch):
    eerste = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    tweede = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    echte = services.vraag_herbevestiging

    def soms_kapot(*, vraag_id):
        if vraag_id == eerste.pk:
            raise RuntimeError("kapot")
        return echte(vraag_id=vraag_id)

    monkeypatch.setattr(services, "vraag_herbevestiging", soms_kapot)
    resultaat = draai(klok, moment(2026, 4, 15))

    assert resultaat["fouten"] == 1 and resultaat["herbevestiging_gevraagd"] == 1
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.herbevestiging_gevraagd is None and tweede.herbevestiging_gevraagd is not None

    monkeypatch.setattr(services, "vraag_herbevestiging", echte)
    draai(klok, moment(2026, 4, 15, 11, 0))
    eerste.refresh_from_db()
    assert eerste.herbevestiging_gevraagd is not None


@pytest.mark.parametrize(
    ("van", "maanden", "verwacht"),
    [
        (moment(2026, 4, 15), 3, moment(2026, 1, 15)),
        (moment(2026, 3, 31), 1, moment(2026, 2, 28)),
        (moment(2028, 3, 31), 1, moment(2028, 2, 29)),
        (moment(2026, 2, 10), 3, moment(2025, 11, 10)),
        (moment(2026, 4, 1, 12, 0), 1, moment(2026, 3, 1, 12, 0)),  # across summer time
        (moment(2027, 1, 31), 12, moment(2026, 1, 31)),
    ],
)
def test_maanden_terug_rekent_in_kalendermaanden(van, maanden, verwacht):
    assert termijnen.maanden_terug(van, maanden) == verwacht


def test_beat_plant_de_taken_van_het_loket():
    taken = {regel["task"] for regel in app.conf.beat_schedule.values()}
    assert {"loket.tasks.verwerk_termijnen", "loket.tasks.purge_bewaartermijn"} <= taken
    assert {"loket.tasks.verwerk_termijnen", "loket.tasks.purge_bewaartermijn"} <= set(app.tasks)


def test_wie_net_op_tijd_bevestigt_verloopt_niet(huis, locatie, klok, monkeypatch):
    """The family confirms after the task selected its request but before it is handled: the
    condition is checked again under the row lock, so the request stays on the waiting list."""
    herinnerd = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    draai(klok, moment(2026, 4, 15))  # asked to re-confirm
    klok.move_to(moment(2026, 4, 30))
    onbevestigd = OpvangvraagFactory(huis=huis, voorkeuren=[locatie], ingediend_niet_bevestigd=True)
    draai(klok, moment(2026, 5, 8))  # warned
    echte = tasks._onder_slot
    gezinnen = {onbevestigd.pk: lambda: services.bevestig_adres(vraag=onbevestigd)}
    gezinnen[herinnerd.pk] = lambda: services.herbevestig(vraag=herinnerd)

    def gezin_was_sneller(vraag_id, voorwaarde, actie):
        if vraag_id in gezinnen:
            gezinnen.pop(vraag_id)()
        return echte(vraag_id, voorwaarde, actie)

    monkeypatch.setattr(tasks, "_onder_slot", gezin_was_sneller)
    resultaat = draai(klok, moment(2026, 5, 15, 10, 0))

    assert not gezinnen, "beide aanvragen waren aan de beurt"
    assert resultaat["niet_bevestigd"] == 0 and resultaat["verlopen"] == 0
    onbevestigd.refresh_from_db()
    herinnerd.refresh_from_db()
    assert onbevestigd.status == Status.ACTIEF and herinnerd.status == Status.ACTIEF
    assert mails(onbevestigd, ONDERWERP_VERLOPEN) == [] and mails(herinnerd, ONDERWERP_VERLOPEN) == []
