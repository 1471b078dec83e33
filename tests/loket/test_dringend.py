"""The loket marks a request urgent with a reason: it comes first in the queue and the overdue
list, has a shorter reasonable term, and is counted in the loket figures; the family never sees
the reason."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kern.cijfers import Periode
from loket import services
from loket.models import Gebeurtenis, Status
from loket.selectors import cijfers as loketcijfers
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory
from tests.loket.test_medewerker_aanvraag import detail, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def locatie(huis):
    return OpvanglocatieFactory(huis=huis, naam="De Eerste")


def bevestigd(huis, locatie, dagen, **velden):
    moment = timezone.now() - datetime.timedelta(days=dagen)
    return OpvangvraagFactory(huis=huis, voorkeuren=[locatie], bevestigd=moment, ingediend=moment, **velden)


def test_dringend_markeren_vraagt_een_reden_en_verandert_anders_niets(loket_client, huis, locatie):
    vraag = bevestigd(huis, locatie, 2)

    antwoord = loket_client.post(url("dringend", huis, vraag_pk=vraag.pk), {"dringend": "on", "reden": "  "})

    assert antwoord.status_code == 200
    assert "Geef aan waarom deze aanvraag dringend is." in antwoord.content.decode()
    vraag.refresh_from_db()
    assert not vraag.dringend and not vraag.gebeurtenissen.filter(soort=Gebeurtenis.Soort.CORRECTIE).exists()


def test_dringend_markeren_en_weer_weghalen_met_interne_historiek(loket_client, huis, locatie, client):
    vraag = bevestigd(huis, locatie, 2)

    antwoord = loket_client.post(
        url("dringend", huis, vraag_pk=vraag.pk),
        {"dringend": "on", "reden": "Mama begint maandag als verpleegster"},
        follow=True,
    )

    vraag.refresh_from_db()
    assert vraag.dringend and vraag.dringend_sinds is not None
    tekst = antwoord.content.decode()
    assert "bovenaan de wachtrij" in tekst and "Mama begint maandag als verpleegster" in tekst
    gebeurtenis = vraag.gebeurtenissen.get(soort=Gebeurtenis.Soort.CORRECTIE)
    assert gebeurtenis.intern and "Mama begint maandag" in gebeurtenis.reden
    # The family's own page does not show the reason.
    gezin = client.get(reverse("loket:aanvraag", kwargs={"token": vraag.token})).content.decode()
    assert "verpleegster" not in gezin

    loket_client.post(url("dringend", huis, vraag_pk=vraag.pk), {"reden": ""})
    vraag.refresh_from_db()
    assert not vraag.dringend and vraag.dringend_reden == "" and vraag.dringend_sinds is None


def test_een_afgesloten_aanvraag_kan_niet_dringend_worden(huis, locatie, loket_medewerker):
    vraag = bevestigd(huis, locatie, 2, status=Status.GEPLAATST)
    with pytest.raises(ValidationError):
        services.markeer_dringend(vraag=vraag, dringend=True, reden="Crisis", door=loket_medewerker)
    vraag.refresh_from_db()
    assert not vraag.dringend


def test_dringend_staat_bovenaan_de_wachtrij_in_elke_volgorde(loket_client, huis, locatie, loket_medewerker):
    oud = bevestigd(huis, locatie, 40)
    nieuw = bevestigd(huis, locatie, 1)
    middel = bevestigd(huis, locatie, 10)
    services.markeer_dringend(vraag=middel, dringend=True, reden="Crisis in het gezin", door=loket_medewerker)

    for volgorde, rest in (("", [oud, nieuw]), ("nieuwste", [nieuw, oud])):
        rijen = loket_client.get(url("wachtrij", huis), {"volgorde": volgorde}).context["rijen"]
        assert [rij.vraag.pk for rij in rijen] == [middel.pk, *(v.pk for v in rest)]
    html = loket_client.get(url("wachtrij", huis)).content.decode()
    assert 'loket-label--dringend">dringend<' in html


def test_de_termijnlijst_neemt_dringende_aanvragen_eerder_en_eerst_op(
    loket_client, huis, locatie, loket_medewerker, settings
):
    settings.LOKET_REDELIJKE_TERMIJN_DAGEN = 21
    settings.LOKET_DRINGEND_TERMIJN_DAGEN = 5
    gewoon_30 = bevestigd(huis, locatie, 30)
    gewoon_8 = bevestigd(huis, locatie, 8)  # within 21 days: not overdue
    dringend_8 = bevestigd(huis, locatie, 8)
    dringend_3 = bevestigd(huis, locatie, 3)  # within 5 days: not overdue yet
    for vraag in (dringend_8, dringend_3):
        services.markeer_dringend(vraag=vraag, dringend=True, reden="Werk begint", door=loket_medewerker)

    rijen = loket_client.get(url("termijn", huis)).context["rijen"]

    assert [rij.vraag.pk for rij in rijen] == [dringend_8.pk, gewoon_30.pk]
    assert [rij.dagen_over_termijn for rij in rijen] == [8 - 5, 30 - 21]
    assert gewoon_8.pk not in [rij.vraag.pk for rij in rijen]


def test_de_loketcijfers_tellen_dringende_aanvragen(huis, locatie, loket_medewerker):
    vragen = [bevestigd(huis, locatie, 20) for _ in range(6)]
    for vraag in vragen[:5]:
        services.markeer_dringend(vraag=vraag, dringend=True, reden="Crisis", door=loket_medewerker)

    tabel = loketcijfers.cijfers_loket(huis, Periode.laatste_12_maanden()).tabellen["voorrang"]

    assert tabel.waarde("Dringend", "Totaal").getal == 5
    assert tabel.waarde("Dringend", "Wacht nog").getal == 5


def test_de_pagina_van_de_aanvraag_toont_dringend_met_reden(loket_client, huis, locatie, loket_medewerker):
    vraag = bevestigd(huis, locatie, 2)
    services.markeer_dringend(
        vraag=vraag, dringend=True, reden="Opname in het ziekenhuis", door=loket_medewerker
    )

    tekst = loket_client.get(detail(huis, vraag)).content.decode()

    assert 'loket-label--dringend">Dringend<' in tekst and "Opname in het ziekenhuis" in tekst
    assert "Dringend wijzigen" in tekst
