"""The loket's work on one request: the detail page with its history, notes, corrections, offers,
and the list of requests that waited too long for a first answer."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from loket import services
from loket.models import Aanbod, AanbodStatus, Gebeurtenis, Inzage, Status
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def locaties(huis):
    return OpvanglocatieFactory(huis=huis, naam="De Eerste"), OpvanglocatieFactory(
        huis=huis, naam="De Tweede"
    )


@pytest.fixture
def vraag(huis, locaties):
    return OpvangvraagFactory(
        huis=huis,
        voorkeuren=list(locaties),
        kinderen=[{"voornaam": "Ayla", "zorgnoden": "Allergie voor noten"}],
        ouders=[{"naam": "Sam Peeters", "telefoon": "0470 12 34 56"}],
    )


def url(naam: str, huis, **kwargs) -> str:
    return reverse(f"loket:{naam}", kwargs={"huis_slug": huis.slug, **kwargs})


def detail(huis, vraag) -> str:
    return url("vraag_detail", huis, vraag_pk=vraag.pk)


# --- the detail page ---------------------------------------------------------------------------


def test_de_aanvraag_toont_alles_met_de_interne_historiek_en_wordt_gelogd(
    loket_client, huis, vraag, locaties, loket_medewerker
):
    services.voeg_notitie_toe(vraag=vraag, tekst="Mama belde: liefst vóór de zomer", door=loket_medewerker)
    VrijePlaatsFactory(locatie=locaties[1], vanaf=vraag.gewenste_start)
    vraag.gebeurtenissen.create(soort=Gebeurtenis.Soort.STATUS, naar_status=Status.ACTIEF, reden="Bevestigd")

    antwoord = loket_client.get(detail(huis, vraag))

    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    for verwacht in ("Ayla", "Allergie voor noten", "Sam Peeters", "0470 12 34 56", vraag.email):
        assert verwacht in tekst
    assert "Mama belde: liefst vóór de zomer" in tekst and "intern" in tekst
    assert "Bevestigd" in tekst
    assert "Kwetsbaar gezin: nee" in tekst
    assert "1. De Eerste" in tekst and "2. De Tweede" in tekst
    assert "Er zijn nu geen vrije plaatsen bij deze opvanglocatie." in tekst  # at De Eerste
    assert url("aanbod_doen", huis, vraag_pk=vraag.pk) in tekst  # the place at De Tweede can be offered
    assert url("corrigeer", huis, vraag_pk=vraag.pk) in tekst
    inzage = Inzage.objects.get()
    assert inzage.actie == Inzage.Actie.BEKEKEN and inzage.opvangvraag == vraag
    assert inzage.gebruiker == loket_medewerker


def test_de_aanvraag_volgt_een_wijziging_meteen_en_elke_inzage_wordt_gelogd(
    loket_client, huis, vraag, locaties, loket_medewerker, django_capture_on_commit_callbacks
):
    """The content is cached per data version of the loket: a note, an offer and a withdrawn
    request show on the next visit, the forms carry the visitor's own CSRF token, and every
    visit is in the audit log, also when the content came from the cache."""
    assert "Notitie van vandaag" not in loket_client.get(detail(huis, vraag)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.voeg_notitie_toe(vraag=vraag, tekst="Notitie van vandaag", door=loket_medewerker)
    for _ in range(2):
        tekst = loket_client.get(detail(huis, vraag)).content.decode()
        assert "Notitie van vandaag" in tekst and "plaatshouder" not in tekst
        assert 'name="csrfmiddlewaretoken" value="' in tekst
    with django_capture_on_commit_callbacks(execute=True):
        services.doe_aanbod(vraag=vraag, plaats=VrijePlaatsFactory(locatie=locaties[0], aantal=2), door=None)
    assert url("aanbod_intrekken", huis, aanbod_pk=vraag.aanbiedingen.get().pk) in (
        loket_client.get(detail(huis, vraag)).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.trek_in(vraag=vraag, reden="Verhuisd.", door=loket_medewerker)
    assert "Status: ingetrokken" in loket_client.get(detail(huis, vraag)).content.decode()
    assert Inzage.objects.filter(opvangvraag=vraag, gebruiker=loket_medewerker).count() == 5


def test_door_het_loket_geregistreerd_staat_er_duidelijk_bij(loket_client, huis, locaties):
    aan_de_balie = OpvangvraagFactory(huis=huis, voorkeuren=[locaties[0]], via_loket=True)
    assert "Geregistreerd door het loket" in loket_client.get(detail(huis, aan_de_balie)).content.decode()


def test_een_kwetsbaar_gezin_staat_als_kwetsbaar_aangeduid(loket_client, huis, locaties):
    kwetsbaar = OpvangvraagFactory(
        huis=huis, voorkeuren=[locaties[0]], kw_huisvesting=True, kw_gezondheid=True
    )
    tekst = loket_client.get(detail(huis, kwetsbaar)).content.decode()
    assert "Kwetsbaar gezin: ja" in tekst and "2 van de 5 kenmerken" in tekst


def test_plaatsen_die_niet_bij_de_leeftijd_passen_worden_alleen_toch_aangeboden(
    loket_client, huis, vraag, locaties
):
    VrijePlaatsFactory(locatie=locaties[0], leeftijdsgroep="peuter")
    tekst = loket_client.get(detail(huis, vraag)).content.decode()
    assert "Past niet bij de aanvraag</strong> (leeftijd bij de start)" in tekst
    assert "De plaats is voor een peuter" in tekst
    assert "Toch aanbieden, hoewel de plaats niet past" in tekst


# --- notes -------------------------------------------------------------------------------------


def test_notitie_toevoegen(loket_client, huis, vraag, loket_medewerker):
    antwoord = loket_client.post(
        url("notitie", huis, vraag_pk=vraag.pk), {"tekst": "  Terugbellen op maandag "}
    )
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(detail(huis, vraag))
    notitie = vraag.gebeurtenissen.get(soort=Gebeurtenis.Soort.NOTITIE)
    assert notitie.intern and notitie.reden == "Terugbellen op maandag" and notitie.door == loket_medewerker


def test_lege_notitie_geeft_een_fout(loket_client, huis, vraag):
    antwoord = loket_client.post(url("notitie", huis, vraag_pk=vraag.pk), {"tekst": "   "})
    assert antwoord.status_code == 200
    assert "Een notitie mag niet leeg zijn." in antwoord.content.decode()
    assert not vraag.gebeurtenissen.exists()


# --- correcting priority and vulnerability ------------------------------------------------------


def test_correctie_met_reden_wijzigt_en_komt_in_de_interne_historiek(
    loket_client, huis, vraag, locaties, loket_medewerker
):
    pagina = loket_client.get(url("corrigeer", huis, vraag_pk=vraag.pk))
    assert pagina.status_code == 200 and "Reden van de correctie" in pagina.content.decode()

    antwoord = loket_client.post(
        url("corrigeer", huis, vraag_pk=vraag.pk),
        {
            "laag_inkomen": "on",
            "kw_opleiding": "on",
            "kw_thuistaal": "on",
            "broer_zus_locatie": locaties[1].pk,
            "reden": "Attest OCMW gezien aan de balie",
        },
    )

    assert antwoord.status_code == 302
    vraag.refresh_from_db()
    assert vraag.laag_inkomen and vraag.kw_opleiding and vraag.kw_thuistaal and vraag.is_kwetsbaar
    assert vraag.broer_zus_locatie == locaties[1]
    correctie = vraag.gebeurtenissen.get(soort=Gebeurtenis.Soort.CORRECTIE)
    assert correctie.intern and correctie.door == loket_medewerker
    assert correctie.reden.startswith("Attest OCMW gezien aan de balie")
    assert "laag gezinsinkomen: nee → ja" in correctie.reden


def test_correctie_zonder_reden_wijzigt_niets(loket_client, huis, vraag):
    antwoord = loket_client.post(
        url("corrigeer", huis, vraag_pk=vraag.pk), {"pleegkind": "on", "reden": "  "}
    )
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Geef een reden voor de correctie." in tekst and "foutoverzicht" in tekst
    assert '<input type="checkbox" name="pleegkind" id="id_pleegkind" checked>' in tekst  # input kept
    vraag.refresh_from_db()
    assert not vraag.pleegkind
    assert not vraag.gebeurtenissen.exists()


def test_correctie_met_een_locatie_van_een_ander_huis_geeft_een_fout(loket_client, huis, ander_huis, vraag):
    elders = OpvanglocatieFactory(huis=ander_huis)
    antwoord = loket_client.post(
        url("corrigeer", huis, vraag_pk=vraag.pk), {"broer_zus_locatie": elders.pk, "reden": "Zus gaat daar"}
    )
    assert antwoord.status_code == 200
    assert "Kies een opvanglocatie uit de lijst." in antwoord.content.decode()
    vraag.refresh_from_db()
    assert vraag.broer_zus_locatie is None


# --- offers ------------------------------------------------------------------------------------


def test_aanbieden_via_de_pagina(loket_client, huis, vraag, locaties):
    plaats = VrijePlaatsFactory(locatie=locaties[0])
    deadline = timezone.localdate() + datetime.timedelta(days=7)

    antwoord = loket_client.post(
        url("aanbod_doen", huis, vraag_pk=vraag.pk), {"plaats": plaats.pk, "deadline": f"{deadline:%d-%m-%Y}"}
    )

    assert antwoord.status_code == 302
    aanbod = Aanbod.objects.get(opvangvraag=vraag)
    assert aanbod.plaats == plaats and aanbod.deadline == deadline and aanbod.status == AanbodStatus.OPEN
    vraag.refresh_from_db()
    assert vraag.status == Status.AANBOD
    tekst = loket_client.get(detail(huis, vraag)).content.decode()
    assert "is aangeboden" in tekst and url("aanbod_intrekken", huis, aanbod_pk=aanbod.pk) in tekst


def test_het_aanbodformulier_stelt_de_standaardtermijn_voor(loket_client, huis, vraag, locaties):
    VrijePlaatsFactory(locatie=locaties[0])
    tekst = loket_client.get(detail(huis, vraag)).content.decode()
    assert f'value="{services.standaard_deadline():%Y-%m-%d}"' in tekst


def test_een_plaats_die_niet_meer_vrij_is_geeft_een_melding_en_geen_aanbod(
    loket_client, huis, vraag, locaties, loket_medewerker
):
    plaats = VrijePlaatsFactory(locatie=locaties[0], aantal=1)
    ander_gezin = OpvangvraagFactory(huis=huis, voorkeuren=[locaties[0]])
    services.doe_aanbod(vraag=ander_gezin, plaats=plaats, door=loket_medewerker)

    antwoord = loket_client.post(
        url("aanbod_doen", huis, vraag_pk=vraag.pk),
        {"plaats": plaats.pk, "deadline": f"{services.standaard_deadline():%Y-%m-%d}"},
    )

    assert antwoord.status_code == 200
    assert "Het aanbod is niet gedaan: Deze plaats is niet meer vrij" in antwoord.content.decode()
    assert not Aanbod.objects.filter(opvangvraag=vraag).exists()
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF


@pytest.mark.parametrize(
    "gegevens, fout",
    [
        ({"plaats": "abc", "deadline": "2030-01-01"}, "bestaat niet (meer)"),
        ({"plaats": "999999", "deadline": "2030-01-01"}, "bestaat niet (meer)"),
        ({"deadline": "2030-01-01"}, "Kies een vrije plaats."),
        ({"plaats": "ELDERS", "deadline": "2030-01-01"}, "bestaat niet (meer)"),
        ({"plaats": "EIGEN", "deadline": "31-02-2030"}, "Vul een geldige datum in"),
        ({"plaats": "EIGEN", "deadline": ""}, "Vul de datum in"),
        ({"plaats": "EIGEN", "deadline": "01-01-2001"}, "ligt in het verleden"),
        ({"plaats": "TWEEDE_NIET_GEKOZEN", "deadline": "2030-01-01"}, "koos deze opvanglocatie niet"),
    ],
)
def test_fout_aanbod_geeft_een_fout_en_verandert_niets(
    loket_client, huis, ander_huis, locaties, gegevens, fout
):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locaties[0]])
    plaatsen = {
        "EIGEN": VrijePlaatsFactory(locatie=locaties[0]),
        "ELDERS": VrijePlaatsFactory(locatie=OpvanglocatieFactory(huis=ander_huis)),
        "TWEEDE_NIET_GEKOZEN": VrijePlaatsFactory(locatie=locaties[1]),
    }
    if gegevens.get("plaats") in plaatsen:
        gegevens = {**gegevens, "plaats": plaatsen[gegevens["plaats"]].pk}

    antwoord = loket_client.post(url("aanbod_doen", huis, vraag_pk=vraag.pk), gegevens)

    assert antwoord.status_code == 200
    assert fout in antwoord.content.decode()
    assert not Aanbod.objects.exists()
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF


def test_aanbod_intrekken_met_reden(loket_client, huis, vraag, locaties, loket_medewerker):
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=VrijePlaatsFactory(locatie=locaties[0]), door=loket_medewerker
    )
    intrekken = url("aanbod_intrekken", huis, aanbod_pk=aanbod.pk)

    antwoord = loket_client.post(intrekken, {"reden": ""})
    assert antwoord.status_code == 200 and "Geef een reden." in antwoord.content.decode()
    aanbod.refresh_from_db()
    assert aanbod.status == AanbodStatus.OPEN

    antwoord = loket_client.post(intrekken, {"reden": "Opvang sluit de groep"})
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(detail(huis, vraag))
    aanbod.refresh_from_db()
    vraag.refresh_from_db()
    assert aanbod.status == AanbodStatus.VERVALLEN and vraag.status == Status.ACTIEF
    assert vraag.gebeurtenissen.filter(reden__contains="Opvang sluit de groep").exists()

    antwoord = loket_client.post(intrekken, {"reden": "Nog eens"})
    assert antwoord.status_code == 200 and "Dit aanbod loopt niet meer." in antwoord.content.decode()


def test_een_aanbod_van_een_ander_huis_intrekken_kan_niet(loket_client, huis, ander_huis, loket_medewerker):
    elders = OpvanglocatieFactory(huis=ander_huis)
    vraag_elders = OpvangvraagFactory(huis=ander_huis, voorkeuren=[elders])
    aanbod = services.doe_aanbod(vraag=vraag_elders, plaats=VrijePlaatsFactory(locatie=elders), door=None)
    assert (
        loket_client.post(url("aanbod_intrekken", huis, aanbod_pk=aanbod.pk), {"reden": "weg"}).status_code
        == 404
    )
    assert (
        loket_client.post(url("aanbod_intrekken", huis, aanbod_pk=999999), {"reden": "weg"}).status_code
        == 404
    )
    aanbod.refresh_from_db()
    assert aanbod.status == AanbodStatus.OPEN


def test_acties_zijn_alleen_post(loket_client, huis, vraag, locaties, loket_medewerker):
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=VrijePlaatsFactory(locatie=locaties[0]), door=loket_medewerker
    )
    for actie in (
        url("notitie", huis, vraag_pk=vraag.pk),
        url("aanbod_doen", huis, vraag_pk=vraag.pk),
        url("aanbod_intrekken", huis, aanbod_pk=aanbod.pk),
    ):
        assert loket_client.get(actie).status_code == 405
    assert loket_client.post(detail(huis, vraag), {}).status_code == 405


# --- the overdue list (decree task 2) ---------------------------------------------------------


def test_over_de_termijn_eerst_kwetsbare_gezinnen_dan_wie_het_langst_wacht(
    loket_client, huis, locaties, loket_medewerker, settings
):
    settings.LOKET_REDELIJKE_TERMIJN_DAGEN = 21
    nu = timezone.now()

    def bevestigd(dagen, **velden):
        return OpvangvraagFactory(
            huis=huis, voorkeuren=[locaties[0]], bevestigd=nu - datetime.timedelta(days=dagen), **velden
        )

    kwetsbaar_30 = bevestigd(30, kw_inkomen_uit_werk=True, kw_thuistaal=True)
    kwetsbaar_25 = bevestigd(25, kw_opleiding=True, kw_huisvesting=True)
    gewoon_60 = bevestigd(60)
    bevestigd(10, kw_inkomen_uit_werk=True, kw_thuistaal=True)  # within the term
    met_aanbod = bevestigd(60)
    services.doe_aanbod(
        vraag=met_aanbod, plaats=VrijePlaatsFactory(locatie=locaties[0]), door=loket_medewerker
    )
    geweigerd = bevestigd(70)  # had an offer it declined: it got its first answer
    geweigerd.eerste_antwoord = nu - datetime.timedelta(days=20)
    geweigerd.save()

    antwoord = loket_client.get(url("termijn", huis))

    assert antwoord.status_code == 200
    rijen = antwoord.context["rijen"]
    assert [rij.vraag.pk for rij in rijen] == [kwetsbaar_30.pk, kwetsbaar_25.pk, gewoon_60.pk]
    assert [rij.dagen_over_termijn for rij in rijen] == [9, 4, 39]
    assert "kwetsbaar gezin" in antwoord.content.decode()
    assert Inzage.objects.filter(actie=Inzage.Actie.BEKEKEN, opvangvraag=None).exists()


def test_na_drie_weken_komt_een_aanvraag_op_de_termijnlijst(client, huis, locaties, loket_medewerker):
    with time_machine.travel(datetime.datetime(2030, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locaties[0]])
    with time_machine.travel(datetime.datetime(2030, 3, 15, 10, tzinfo=datetime.UTC), tick=False):
        client.force_login(loket_medewerker)
        antwoord = client.get(url("termijn", huis))
        assert antwoord.context["rijen"] == []
        assert "Geen enkele actieve aanvraag wacht langer dan 21 dagen" in antwoord.content.decode()
    with time_machine.travel(datetime.datetime(2030, 3, 25, 10, tzinfo=datetime.UTC), tick=False):
        client.force_login(loket_medewerker)
        rijen = client.get(url("termijn", huis)).context["rijen"]
        assert [rij.vraag.pk for rij in rijen] == [vraag.pk]
        assert rijen[0].dagen_over_termijn == 3


def test_de_termijnlijst_en_de_aanvraag_hebben_een_vast_aantal_queries(
    loket_client, huis, locaties, django_assert_max_num_queries
):
    oud = timezone.now() - datetime.timedelta(days=40)
    for i in range(30):
        vraag = OpvangvraagFactory(
            huis=huis,
            voorkeuren=list(locaties),
            bevestigd=oud,
            kinderen=[{"voornaam": f"Kind{i}"}, {"voornaam": f"Tweeling{i}"}],
            kw_opleiding=bool(i % 2),
            kw_thuistaal=True,
        )
        VrijePlaatsFactory(locatie=locaties[i % 2], aantal=2)
        services.voeg_notitie_toe(vraag=vraag, tekst=f"Notitie {i}", door=None)
    with django_assert_max_num_queries(14):
        antwoord = loket_client.get(url("termijn", huis))
    assert len(antwoord.context["rijen"]) == 25
    with django_assert_max_num_queries(16):
        antwoord = loket_client.get(detail(huis, vraag))
    assert antwoord.status_code == 200


def test_bij_een_locatie_met_een_lopend_aanbod_wordt_geen_tweede_plaats_aangeboden(
    loket_client, huis, vraag, locaties, loket_medewerker
):
    eerste, tweede = locaties
    services.doe_aanbod(vraag=vraag, plaats=VrijePlaatsFactory(locatie=eerste), door=loket_medewerker)
    VrijePlaatsFactory(locatie=eerste)  # another free place at the same location
    VrijePlaatsFactory(locatie=tweede)

    tekst = loket_client.get(detail(huis, vraag)).content.decode()

    assert "Er loopt een aanbod bij deze opvanglocatie" in tekst
    assert tekst.count("Aanbieden<span") == 1  # only the place at De Tweede can be offered
