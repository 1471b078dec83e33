"""Possible duplicate requests: flagged after a registration (never refused), seen by both lokets
side by side, dismissed or merged with the family's agreement."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.models import UitgaandeMail
from kern.tenancy import Rol
from loket import services
from loket.models import DubbelAfhandeling, Inzage, MogelijkDubbel, Opvangvraag, Status
from loket.services import dubbels
from tests.conftest import aangemeld
from tests.factories import LidmaatschapFactory, OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db

GEBOREN = datetime.date(2026, 3, 14)


@pytest.fixture
def locaties(huis):
    return OpvanglocatieFactory(huis=huis, naam="De Eerste"), OpvanglocatieFactory(
        huis=huis, naam="De Tweede"
    )


@pytest.fixture
def loket_ander_huis(ander_huis):
    return LidmaatschapFactory(huis=ander_huis, rol=Rol.LOKET).gebruiker


def bestaande(huis, *, voornaam="Noor", geboren=GEBOREN, email="eerste@ouders.test", telefoon="", **kwargs):
    """A running request made earlier (by the factory, as the registration stores it)."""
    kwargs.setdefault("voorkeuren", [OpvanglocatieFactory(huis=huis)])
    return OpvangvraagFactory(
        huis=huis,
        email=email,
        kinderen=[{"voornaam": voornaam, "geboortedatum": geboren}],
        ouders=[{"naam": "Sam Peeters", "email": email, "telefoon": telefoon}],
        **kwargs,
    )


def registreer(
    huis,
    capture,
    *,
    voornaam="Noor",
    geboren=GEBOREN,
    email="tweede@ouders.test",
    telefoon="",
    voorkeuren=None,
    door=None,
):
    """A new request through the registration service, its after-commit work run."""
    with capture(execute=True):
        vraag, _nieuw = services.registreer_opvangvraag(
            huis=huis,
            velden={
                "email": email,
                "postcode": "9000",
                "gemeente": huis.gemeenten.first(),
                "gewenste_start": GEBOREN + datetime.timedelta(days=120),
                "dagen": [0, 1, 2],
                "dagdeel": "volle_dag",
                "uren_per_week": 27,
                "soort_opvang": "groepsopvang",
            },
            kinderen=[{"voornaam": voornaam, "geboortedatum": GEBOREN if geboren is None else geboren}],
            ouders=[{"naam": "Sam Peeters", "email": email, "telefoon": telefoon}],
            voorkeuren=voorkeuren or [OpvanglocatieFactory(huis=huis)],
            door=door,
        )
    return vraag


def url(naam, huis, **kwargs):
    return reverse(f"loket:{naam}", kwargs={"huis_slug": huis.slug, **kwargs})


# --- detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize("voornaam", ["Noor", "Noör", "noor ", "NOOR"])
def test_hetzelfde_kind_in_een_andere_schrijfwijze_bij_een_ander_loket_wordt_gemarkeerd(
    huis, ander_huis, voornaam, django_capture_on_commit_callbacks
):
    eerder = bestaande(ander_huis)
    nieuw = registreer(huis, django_capture_on_commit_callbacks, voornaam=voornaam)

    dubbel = MogelijkDubbel.objects.get()
    assert (dubbel.nieuw, dubbel.bestaand) == (nieuw, eerder)
    assert dubbel.reden.startswith("zelfde geboortedatum en gelijkaardige voornaam")
    assert dubbel.afhandeling == DubbelAfhandeling.OPEN
    assert nieuw.status == Status.INGEDIEND  # flagged, never refused


def test_hetzelfde_telefoonnummer_in_een_andere_schrijfwijze_telt_mee(
    huis, django_capture_on_commit_callbacks
):
    # Nora/Noor is not similar enough on its own (0.75 < 0.8): the phone number tips it.
    eerder = bestaande(huis, voornaam="Nora", telefoon="+32 470 12 34 56")
    registreer(huis, django_capture_on_commit_callbacks, telefoon="0470/12.34.56")

    dubbel = MogelijkDubbel.objects.get()
    assert dubbel.bestaand == eerder
    assert dubbel.reden == "zelfde geboortedatum (Noor / Nora), zelfde telefoonnummer"


def test_zonder_gedeeld_contact_is_een_andere_voornaam_op_dezelfde_dag_geen_dubbel(
    huis, django_capture_on_commit_callbacks
):
    bestaande(huis, voornaam="Nora", telefoon="+32 470 12 34 56")
    registreer(huis, django_capture_on_commit_callbacks, telefoon="0470 99 88 77")
    assert not MogelijkDubbel.objects.exists()


def test_hetzelfde_e_mailadres_in_andere_hoofdletters_met_een_tikfout_in_de_geboortedatum(
    huis, django_capture_on_commit_callbacks
):
    eerder = bestaande(huis, email="Sam.Peeters@Ouders.test")
    registreer(
        huis,
        django_capture_on_commit_callbacks,
        email="sam.peeters@ouders.TEST",
        geboren=GEBOREN + datetime.timedelta(days=1),
    )
    dubbel = MogelijkDubbel.objects.get()
    assert dubbel.bestaand == eerder
    assert dubbel.reden == "gelijkaardige voornaam (Noor / Noor), zelfde e-mailadres"


def test_een_broer_of_zus_met_dezelfde_ouders_is_geen_dubbel(huis, django_capture_on_commit_callbacks):
    bestaande(huis, email="sam@ouders.test", telefoon="+32 470 12 34 56")
    registreer(
        huis,
        django_capture_on_commit_callbacks,
        voornaam="Elias",
        geboren=GEBOREN - datetime.timedelta(days=700),
        email="sam@ouders.test",
        telefoon="0470 12 34 56",
    )
    assert not MogelijkDubbel.objects.exists()


def test_een_afgesloten_aanvraag_telt_niet(huis, django_capture_on_commit_callbacks):
    bestaande(huis, ingetrokken=True)
    registreer(huis, django_capture_on_commit_callbacks)
    assert not MogelijkDubbel.objects.exists()


@pytest.mark.parametrize(
    "een, twee, gelijk",
    [
        ("Noor", "Noör", True),
        ("Lucas", "Lukas", True),
        ("Mohamed", "Mohammed", True),
        ("Anne-Marie", "Annemarie", True),
        ("Noor", "Nora", False),
        ("Emma", "Anna", False),
        ("Elias", "Noor", False),
    ],
)
def test_de_drempel_voor_gelijkaardige_voornamen(een, twee, gelijk):
    assert dubbels.gelijkaardige_naam(een, twee) is gelijk


def test_een_registratie_aan_de_balie_wordt_ook_nagekeken(
    huis, loket_medewerker, django_capture_on_commit_callbacks
):
    bestaande(huis)
    nieuw = registreer(huis, django_capture_on_commit_callbacks, door=loket_medewerker)
    assert nieuw.status == Status.ACTIEF
    assert MogelijkDubbel.objects.get().nieuw == nieuw


# --- both lokets see the flag ------------------------------------------------------------------


@pytest.fixture
def over_twee_loketten(huis, ander_huis, django_capture_on_commit_callbacks):
    eerder = bestaande(ander_huis, telefoon="+32 470 12 34 56")
    nieuw = registreer(huis, django_capture_on_commit_callbacks, voornaam="Noör")
    return MogelijkDubbel.objects.get(), eerder, nieuw


def test_beide_loketten_zien_de_melding_in_hun_lijst(
    loket_client, huis, ander_huis, loket_ander_huis, over_twee_loketten
):
    dubbel, eerder, nieuw = over_twee_loketten
    wachtrij = loket_client.get(url("wachtrij", huis)).content.decode()
    assert url("dubbels", huis) in wachtrij and "1 te bekijken" in wachtrij
    for client, eigen in ((loket_client, huis), (aangemeld(loket_ander_huis), ander_huis)):
        tekst = client.get(url("dubbels", eigen)).content.decode()
        assert url("dubbel", eigen, dubbel_pk=dubbel.pk) in tekst
        assert eerder.nummer in tekst and nieuw.nummer in tekst


def test_het_aantal_open_meldingen_in_de_wachtrij_volgt_de_afhandeling(
    loket_client, huis, ander_huis, loket_medewerker, loket_ander_huis, over_twee_loketten,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """The queue (cached per data version) shows the open flags of both lokets until one of
    them handles the flag through the service."""
    dubbel, _eerder, _nieuw = over_twee_loketten
    ander_client = aangemeld(loket_ander_huis)
    assert "1 te bekijken" in loket_client.get(url("wachtrij", huis)).content.decode()
    assert "1 te bekijken" in ander_client.get(url("wachtrij", ander_huis)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        dubbels.geen_dubbel(dubbel=dubbel, door=loket_medewerker)
    assert "te bekijken" not in loket_client.get(url("wachtrij", huis)).content.decode()
    assert "te bekijken" not in ander_client.get(url("wachtrij", ander_huis)).content.decode()


def test_het_andere_loket_ziet_de_aanvraag_alleen_lezend_en_elke_inzage_wordt_gelogd(
    loket_client, huis, ander_huis, loket_medewerker, over_twee_loketten
):
    dubbel, eerder, nieuw = over_twee_loketten

    tekst = loket_client.get(url("dubbel", huis, dubbel_pk=dubbel.pk)).content.decode()

    assert "Ander loket: Huis van het Kind Ander – alleen lezen" in tekst
    assert "+32 470 12 34 56" in tekst and eerder.email in tekst  # what it needs to judge
    assert url("vraag_detail", ander_huis, vraag_pk=eerder.pk) not in tekst  # no way into it
    assert url("vraag_detail", huis, vraag_pk=nieuw.pk) in tekst
    # the merge needs the other loket: said in a sentence, no form
    assert "hoort bij het loket van Huis van het Kind Ander en u werkt niet voor dat loket" in tekst
    assert 'name="akkoord"' not in tekst
    gelogd = set(Inzage.objects.filter(gebruiker=loket_medewerker).values_list("opvangvraag", flat=True))
    assert gelogd == {eerder.pk, nieuw.pk}
    # its own detail page of the other's request stays closed
    assert loket_client.get(url("vraag_detail", ander_huis, vraag_pk=eerder.pk)).status_code == 404
    assert loket_client.get(url("vraag_detail", huis, vraag_pk=eerder.pk)).status_code == 404


def test_een_ander_huis_zonder_aanvraag_in_de_melding_ziet_niets(client, over_twee_loketten):
    dubbel, _eerder, _nieuw = over_twee_loketten
    derde = LidmaatschapFactory(rol=Rol.LOKET)
    antwoord = aangemeld(derde.gebruiker).get(url("dubbel", derde.huis, dubbel_pk=dubbel.pk))
    assert antwoord.status_code == 404


def test_cross_loket_samenvoegen_wordt_geweigerd_zonder_lidmaatschap_van_beide(
    loket_client, huis, over_twee_loketten
):
    dubbel, eerder, nieuw = over_twee_loketten
    antwoord = loket_client.post(
        url("dubbel_samenvoegen", huis, dubbel_pk=dubbel.pk),
        {"behouden": nieuw.pk, "akkoord": "on", "notitie": "Mama belde"},
    )
    assert antwoord.status_code == 200
    eerder.refresh_from_db()
    assert eerder.status == Status.ACTIEF and MogelijkDubbel.objects.get().is_open


def test_wie_voor_beide_loketten_werkt_voegt_over_de_loketten_heen_samen(
    loket_client, huis, ander_huis, loket_medewerker, over_twee_loketten
):
    dubbel, eerder, nieuw = over_twee_loketten
    LidmaatschapFactory(huis=ander_huis, gebruiker=loket_medewerker, rol=Rol.LOKET)
    antwoord = loket_client.post(
        url("dubbel_samenvoegen", huis, dubbel_pk=dubbel.pk),
        {"behouden": eerder.pk, "akkoord": "on", "notitie": "Mama belde op 3 maart"},
    )
    assert antwoord.status_code == 302
    eerder.refresh_from_db()
    nieuw.refresh_from_db()
    assert eerder.status == Status.ACTIEF and nieuw.status == Status.INGETROKKEN


# --- dismissing and merging ---------------------------------------------------------------------


@pytest.fixture
def binnen_een_loket(huis, locaties, django_capture_on_commit_callbacks):
    eerder = bestaande(huis, voorkeuren=[locaties[0]], email="gezin@ouders.test")
    Opvangvraag.objects.filter(pk=eerder.pk).update(
        ingediend=timezone.now() - datetime.timedelta(days=40),
        bevestigd=timezone.now() - datetime.timedelta(days=39),
    )
    eerder.refresh_from_db()
    nieuw = registreer(
        huis,
        django_capture_on_commit_callbacks,
        voornaam="Noör",
        voorkeuren=[locaties[1], locaties[0]],
        email="gezin@ouders.test",
    )
    return MogelijkDubbel.objects.get(), eerder, nieuw


def test_geen_dubbel_sluit_de_melding_met_wie_en_wanneer(
    loket_client, huis, loket_medewerker, binnen_een_loket
):
    dubbel, eerder, nieuw = binnen_een_loket
    antwoord = loket_client.post(
        url("dubbel_geen", huis, dubbel_pk=dubbel.pk), {"notitie": "Tweeling, twee aanvragen"}
    )
    assert antwoord.status_code == 302
    dubbel.refresh_from_db()
    assert dubbel.afhandeling == DubbelAfhandeling.GEEN_DUBBEL
    assert dubbel.afgehandeld_door == loket_medewerker and dubbel.afgehandeld is not None
    assert dubbel.notitie == "Tweeling, twee aanvragen"
    eerder.refresh_from_db()
    nieuw.refresh_from_db()
    assert eerder.status == Status.ACTIEF and nieuw.status == Status.INGEDIEND
    assert "geen dubbele aanvraag" in loket_client.get(url("dubbels", huis)).content.decode()


def test_samenvoegen_houdt_de_vroegste_datum_en_neemt_de_voorkeuren_over(
    loket_client, huis, locaties, binnen_een_loket
):
    dubbel, eerder, nieuw = binnen_een_loket
    extra = OpvanglocatieFactory(huis=huis, naam="De Derde")
    eerder.voorkeuren.create(locatie=extra, rang=2)
    UitgaandeMail.objects.all().delete()

    antwoord = loket_client.post(
        url("dubbel_samenvoegen", huis, dubbel_pk=dubbel.pk),
        {"behouden": nieuw.pk, "akkoord": "on", "notitie": "Papa bevestigde aan de balie"},
    )

    assert antwoord.status_code == 302
    assert antwoord["Location"] == url("vraag_detail", huis, vraag_pk=nieuw.pk)
    nieuw.refresh_from_db()
    eerder.refresh_from_db()
    assert nieuw.ingediend == eerder.ingediend and nieuw.bevestigd == eerder.bevestigd
    assert nieuw.status == Status.ACTIEF  # the earlier one was confirmed: the kept one is too
    assert [v.locatie.naam for v in nieuw.voorkeuren.order_by("rang")] == [
        "De Tweede",
        "De Eerste",
        "De Derde",
    ]
    assert eerder.status == Status.INGETROKKEN
    assert eerder.gebeurtenissen.filter(reden__contains=f"Samengevoegd met aanvraag {nieuw.nummer}").exists()
    assert nieuw.gebeurtenissen.filter(reden__contains=f"Aanvraag {eerder.nummer} samengevoegd").exists()
    assert nieuw.gebeurtenissen.filter(intern=True, reden="Papa bevestigde aan de balie").exists()
    mails = list(UitgaandeMail.objects.all())
    assert len(mails) == 1 and mails[0].aan == "gezin@ouders.test" and nieuw.nummer in mails[0].tekst
    dubbel.refresh_from_db()
    assert dubbel.afhandeling == DubbelAfhandeling.SAMENGEVOEGD and dubbel.behouden == nieuw
    # a family never holds two running requests for the same child after a merge
    lopend = Opvangvraag.objects.filter(pk__in=[eerder.pk, nieuw.pk], status__in=dubbels.LOPEND)
    assert lopend.count() == 1


def test_zonder_akkoord_van_het_gezin_wordt_niets_samengevoegd(loket_client, huis, binnen_een_loket):
    dubbel, eerder, nieuw = binnen_een_loket
    antwoord = loket_client.post(
        url("dubbel_samenvoegen", huis, dubbel_pk=dubbel.pk), {"behouden": eerder.pk, "notitie": "?"}
    )
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Voeg alleen samen als het gezin akkoord ging; vink dat aan." in tekst
    assert 'href="#id_akkoord"' in tekst  # the summary links to the field, the error stands beside it
    eerder.refresh_from_db()
    nieuw.refresh_from_db()
    assert (eerder.status, nieuw.status) == (Status.ACTIEF, Status.INGEDIEND)
    assert MogelijkDubbel.objects.get().is_open
    assert nieuw.voorkeuren.count() == 2


def test_de_dienst_weigert_ook_zonder_akkoord(huis, loket_medewerker, binnen_een_loket):
    dubbel, eerder, _nieuw = binnen_een_loket
    with pytest.raises(Exception, match="akkoord"):
        dubbels.voeg_samen(dubbel=dubbel, behouden=eerder, akkoord=False, notitie="", door=loket_medewerker)


def test_wissen_van_de_gegevens_wist_ook_de_namen_in_de_melding(binnen_een_loket):
    dubbel, eerder, _nieuw = binnen_een_loket
    MogelijkDubbel.objects.filter(pk=dubbel.pk).update(notitie="Mama belde")
    services.anonimiseer(vraag_id=eerder.pk, reden="Het gezin wiste zijn gegevens.")
    dubbel.refresh_from_db()
    assert (dubbel.reden, dubbel.notitie) == (services.GEWIST, "")


def test_de_aanvraag_met_een_lopend_aanbod_blijft(
    loket_client, huis, locaties, loket_medewerker, binnen_een_loket
):
    dubbel, eerder, nieuw = binnen_een_loket
    plaats = VrijePlaatsFactory(
        locatie=locaties[0], vanaf=eerder.gewenste_start, leeftijdsgroep=eerder.leeftijdsgroep
    )
    services.doe_aanbod(vraag=eerder, plaats=plaats, door=loket_medewerker)
    antwoord = loket_client.post(
        url("dubbel_samenvoegen", huis, dubbel_pk=dubbel.pk),
        {"behouden": nieuw.pk, "akkoord": "on", "notitie": "Mama belde"},
    )
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert f"Aanvraag {eerder.nummer} heeft een lopend aanbod: behoud die aanvraag" in tekst
    eerder.refresh_from_db()
    assert eerder.status == Status.AANBOD and MogelijkDubbel.objects.get().is_open
