"""Nothing private of a Huis is shown or changed for an anonymous visitor or another Huis."""

import pytest
from allauth.account.utils import user_pk_to_url_str
from django.test import Client, override_settings

from bevraging.models import Golf
from huizen.models import Wijziging
from kern.models import User
from kern.tenancy import Rol
from loket import services as loket_services
from loket.models import MogelijkDubbel, Opvangvraag, Verwijzer, Verwijzerslidmaatschap
from rapporten.models import Rapportbatch, Rapportjob
from tests.factories import (
    AanbiederFactory,
    CoordinatorFactory,
    GemeenteFactory,
    HuisFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    PartnerFactory,
    ResponsFactory,
    SubsidieFactory,
    ToewijzingsrondeFactory,
    UserFactory,
    VrijePlaatsFactory,
)
from tests.toegang import Slachtoffer, alle_patronen, bouw_url, loop_als

# Personal data of a family: only the loket staff of the Huis may see it.
GEZIN_MERKTEKENS = [
    "geheim.gezin@prive.test",
    "Geheimkind",
    "Geheime zorgnood",
    "Geheime Ouder",
    "0499 99 99 01",
    "Geheime notitie van het loket",
]


@pytest.fixture
def slachtoffer(db):
    gemeente = GemeenteFactory(nis="99001", naam="Privégem")
    huis = HuisFactory(naam="Huis van het Kind Privé", slug="prive", gemeenten=[gemeente])
    coordinator = UserFactory(email="geheime.coordinator@prive.test", naam="Geheime Coördinator")
    LidmaatschapFactory(huis=huis, gebruiker=coordinator, rol=Rol.COORDINATOR)
    LidmaatschapFactory(huis=huis, gebruiker=UserFactory(email="geheim.loket@prive.test"), rol=Rol.LOKET)
    SubsidieFactory(huis=huis, jaar=2026, bedrag=98765)
    CoordinatorFactory(huis=huis, naam="Verborgen Trekker", email="trekker@prive.test", uren_per_week=19)
    partner = PartnerFactory(
        huis=huis,
        naam="CLB Privé",
        contactpersoon="Geheime Contactpersoon",
        contact_email="geheim.partner@prive.test",
    )
    LocatieFactory(huis=huis, naam="Locatie Privé", straat="Straat 1", postcode="9999", partners=[partner])
    Wijziging.objects.create(
        huis=huis,
        gebruiker=coordinator,
        onderdeel="Partners",
        omschrijving="Geheime wijziging",
        actie="gewijzigd",
        velden=[{"veld": "e-mailadres", "oud": "–", "nieuw": "geheim.partner@prive.test"}],
    )
    opvang = OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf Privé", gemeente=gemeente)
    plaats = VrijePlaatsFactory(locatie=opvang, aantal=2)
    AanbiederFactory(locatie=opvang, gebruiker=UserFactory(email="geheim.aanbieder@prive.test"))
    # A neighbouring loket: the family also chose one of its locations.
    buurgemeente = GemeenteFactory(nis="99002", naam="Buurgem")
    buurhuis = HuisFactory(naam="Huis van het Kind Buur", slug="buur", gemeenten=[buurgemeente])
    LidmaatschapFactory(huis=buurhuis, gebruiker=UserFactory(email="loket@buur.test"), rol=Rol.LOKET)
    buuropvang = OpvanglocatieFactory(huis=buurhuis, naam="Kinderdagverblijf Buur", gemeente=buurgemeente)
    VrijePlaatsFactory(locatie=buuropvang, aantal=2)
    vraag = OpvangvraagFactory(
        huis=huis,
        email="geheim.gezin@prive.test",
        voorkeuren=[opvang, buuropvang],
        kinderen=[{"voornaam": "Geheimkind", "zorgnoden": "Geheime zorgnood"}],
        ouders=[{"naam": "Geheime Ouder", "telefoon": "0499 99 99 01"}],
    )
    loket_services.voeg_notitie_toe(vraag=vraag, tekst="Geheime notitie van het loket", door=coordinator)
    # The request was registered by the Huis's referral partner, whose messages it receives.
    verwijzer = Verwijzer.objects.create(
        naam="Verwijzer Privé", soort="caw", email="geheim.verwijzer@prive.test", huis=huis
    )
    verwijzerslid = UserFactory(email="geheim.verwijzerslid@prive.test")
    Verwijzerslidmaatschap.objects.create(gebruiker=verwijzerslid, verwijzer=verwijzer)
    Opvangvraag.objects.filter(pk=vraag.pk).update(
        verwijzer=verwijzer,
        verwijzer_door=verwijzerslid,
        toestemming_op=vraag.ingediend,
        berichten_via_verwijzer=True,
    )
    aanbod = loket_services.doe_aanbod(vraag=vraag, plaats=plaats, door=None)
    tweede = OpvangvraagFactory(
        huis=huis,
        email="geheim.gezin2@prive.test",
        voorkeuren=[opvang],
        kinderen=[{"voornaam": "Geheimkind Twee"}],
    )
    VrijePlaatsFactory(locatie=opvang, vanaf=tweede.gewenste_start)
    dubbel = MogelijkDubbel.objects.create(nieuw=tweede, bestaand=vraag, reden="Geheime reden: Geheimkind")
    ronde = ToewijzingsrondeFactory(huis=huis, startmaand=tweede.gewenste_start)
    rapport = Rapportjob.objects.create(
        soort="huis",
        titel="Profielrapport Huis van het Kind Privé",
        bestandsnaam="p.pdf",
        huis=huis,
        status="klaar",
        bestand="rapporten/1/p.pdf",
    )
    reeks = Rapportbatch.objects.create(soort="gemeenteraad", titel="Reeks Privégem", bestandsnaam="r.zip")
    Rapportjob.objects.create(
        soort="gemeenteraad",
        titel="Gemeenteraad Privégem",
        bestandsnaam="g.pdf",
        batch=reeks,
        parameters={"gemeente": "99001", "datum": "2026-01-01"},
    )
    golf = Golf.objects.get(jaar=2022)
    ResponsFactory(
        golf=golf,
        huis=huis,
        na_indiening=True,
        antwoorden={"omgevingsanalyse.opmerkingen": "Geheim antwoord van het Huis"},
    )
    return Slachtoffer(
        waarden={
            "golf_pk": [str(golf.pk)],
            "ronde_pk": [str(ronde.pk)],
            "job_pk": [str(rapport.pk)],
            "batch_pk": [str(reeks.pk)],
            "thema": ["omgevingsanalyse"],
            "vraag": ["omgevingsanalyse.opmerkingen"],
            "token": ["onbekend-token-dat-niet-bestaat"],
            "vraag_pk": [str(vraag.pk)],
            "aanbod_pk": [str(aanbod.pk)],
            "dubbel_pk": [str(dubbel.pk)],
            "locatie_pk": [str(opvang.pk)],
            "plaats_pk": [str(plaats.pk)],
            "huis_slug": [huis.slug],
            "slug": [huis.slug],
            "loket_slug": [huis.loket.slug],
            "nis": [gemeente.nis],
            "pk": [str(partner.pk)],
            "id": [str(coordinator.pk)],
            "object_id": [str(huis.pk)],
            "content_type_id": ["1"],
            "app_label": ["huizen"],
            "uidb36": [user_pk_to_url_str(coordinator)],
            "key": ["ongeldige-sleutel"],
            "format": ["json", ".json/"],
            "url": ["onbekend/"],
        },
        merktekens=[
            "Verborgen Trekker",
            "trekker@prive.test",
            "Geheime Contactpersoon",
            "geheim.partner@prive.test",
            "Geheime wijziging",
            "geheime.coordinator@prive.test",
            "Geheime Coördinator",
            "geheim.loket@prive.test",
            "98765",
            "98.765",
            *GEZIN_MERKTEKENS,
            "Geheim antwoord van het Huis",
            "geheim.aanbieder@prive.test",
            "geheim.verwijzer@prive.test",
            "geheim.verwijzerslid@prive.test",
        ],
    )


def test_niemand_buiten_het_huis_ziet_of_wijzigt_iets_privé(slachtoffer):
    anoniem = Client()
    buitenstaander = Client()
    buitenstaander.force_login(LidmaatschapFactory(rol=Rol.COORDINATOR).gebruiker)
    loket_elders = Client()
    loket_elders.force_login(LidmaatschapFactory(rol=Rol.LOKET).gebruiker)
    aanbieder_elders = Client()
    aanbieder_elders.force_login(AanbiederFactory().gebruiker)
    naburig_loket = Client()
    naburig_loket.force_login(User.objects.get(email="loket@buur.test"))

    problemen = loop_als(anoniem, slachtoffer, wie="anoniem", ingelogd=False)
    problemen += loop_als(buitenstaander, slachtoffer, wie="coördinator van een ander Huis", ingelogd=True)
    problemen += loop_als(loket_elders, slachtoffer, wie="loket van een ander Huis", ingelogd=True)
    problemen += loop_als(aanbieder_elders, slachtoffer, wie="aanbieder elders", ingelogd=True)
    problemen += loop_als(
        naburig_loket, slachtoffer, wie="loket van een naburig Huis dat het gezin koos", ingelogd=True
    )
    # A member of another organisation's referral partner, invited by Opgroeien for every loket: it
    # opens its own list and the registration forms (also of this Huis's loket: public data only).
    verwijzer_elders = Client()
    elders = Verwijzer.objects.create(naam="CAW Elders", soort="caw", email="onthaal@caw-elders.test")
    lid = UserFactory(email="werker@caw-elders.test")
    Verwijzerslidmaatschap.objects.create(gebruiker=lid, verwijzer=elders)
    verwijzer_elders.force_login(lid)
    problemen += loop_als(
        verwijzer_elders,
        slachtoffer,
        wie="verwijzer van een andere organisatie",
        ingelogd=True,
        mag_antwoorden={
            "loket:verwijzer",
            "loket:verwijzer_registreren",
            "loket:verwijzer_formulier",
        }.__contains__,
    )

    assert problemen == [], "\n".join(problemen)


def test_een_naburig_loket_ziet_van_het_gezin_alleen_wat_het_nodig_heeft(slachtoffer):
    """The loket of a location the family chose, in its own workspace: its pages about the request
    show none of the family's personal data, every other page of a request refuses it, and no
    visit writes anything but the audit log of who viewed what."""
    client = Client()
    client.force_login(User.objects.get(email="loket@buur.test"))
    eigen = Slachtoffer(
        waarden={**slachtoffer.waarden, "huis_slug": ["buur"]},
        merktekens=[*GEZIN_MERKTEKENS, "Geheime wijziging", "98765"],
    )
    over_een_aanvraag = {
        patroon.naam
        for patroon in alle_patronen()
        if patroon.naam.startswith("loket:")
        and any("huis_slug" in str(deel) for deel in patroon.delen)
        and any(arg in str(deel) for deel in patroon.delen for arg in ("vraag_pk", "aanbod_pk"))
    }
    assert {"loket:elders_detail", "loket:elders_aanbod", "loket:vraag_detail"} <= over_een_aanvraag

    problemen = loop_als(
        client,
        eigen,
        wie="loket van een naburig Huis, in zijn eigen werkruimte",
        ingelogd=True,
        alleen=lambda naam: naam in over_een_aanvraag or naam == "loket:elders",
        mag_antwoorden=lambda naam: naam.startswith("loket:elders"),
        mag_schrijven=("loket_inzage",),
    )
    assert problemen == [], "\n".join(problemen)
    # ... and the page it may open really is about the family's request
    tekst = client.get(f"/mijn-huis/buur/loket/elders/{slachtoffer.waarden['vraag_pk'][0]}/").content.decode()
    assert "Kinderdagverblijf Buur" in tekst and "Lokaal Loket Kinderopvang Privé" in tekst


def test_gezinsgegevens_blijven_bij_het_loket_van_het_huis(slachtoffer):
    """The Huis's own coordinator and Opgroeien staff see the Huis, but not the families' requests."""
    from kern.models import User

    gezin = Slachtoffer(
        waarden=slachtoffer.waarden,
        merktekens=GEZIN_MERKTEKENS,
    )
    coordinator = Client()
    coordinator.force_login(User.objects.get(email="geheime.coordinator@prive.test"))
    opgroeien = Client()
    opgroeien.force_login(UserFactory(opgroeien=True))
    # Public pages, the user's own provider page, and the Flemish figures (suppressed counts, no
    # personal data: the walks above check that they hold no family's data).
    elders = {
        "loket:aanvragen",
        "loket:ontvangen",
        "loket:gewist",
        "loket:aanbieder",
        "loket:rapportage_vlaanderen",
        "loket:opgroeien_verwijzers",  # the organisations Opgroeien invites: no family's data
        # Opgroeien's pages about the lokets themselves: name, contact data and area, no family
        "loket:opgroeien_lokets",
        "loket:opgroeien_loket",
        "loket:opgroeien_loket_nieuw",
    }

    def loketpagina(naam: str) -> bool:
        return naam.startswith("loket:") and naam not in elders

    problemen = loop_als(
        coordinator, gezin, wie="coördinator van het Huis", ingelogd=True, alleen=loketpagina
    )
    problemen += loop_als(opgroeien, gezin, wie="Opgroeien", ingelogd=True, alleen=loketpagina)
    assert problemen == [], "\n".join(problemen)


def test_de_wandeling_bezoekt_privé_pagina_en_api(slachtoffer):
    namen = {p.naam for p in alle_patronen()}
    assert {
        "huizen:werkruimte",
        "huizen:opgroeien_overzicht",
        "subsidie-list",
        "subsidie-detail",
    } <= namen


def test_een_lid_van_het_huis_ziet_wel_wat_de_buitenstaander_niet_ziet(slachtoffer, client):
    """The markers really are on the private pages, so their absence above means something."""
    from kern.models import User

    client.force_login(User.objects.get(email="geheime.coordinator@prive.test"))
    tekst = client.get("/mijn-huis/prive/").content.decode()
    assert "geheim.loket@prive.test" in tekst and "98.765" in tekst
    assert "98765" in client.get("/api/v1/subsidies/").content.decode()


def lekkende_view(request, huis_slug):
    from django.http import HttpResponse

    from huizen.models import Subsidie

    return HttpResponse(", ".join(str(s.bedrag) for s in Subsidie.objects.all()))


def schrijvende_view(request):
    from django.http import HttpResponse

    from huizen.models import Huis

    Huis.objects.update(telefoon="0")
    return HttpResponse("ok")


def zonder_waarde_view(request, geheim_id):
    from django.http import HttpResponse

    return HttpResponse("")


class LekkendeUrls:
    from django.urls import path

    urlpatterns = [
        path("lek/<slug:huis_slug>/", lekkende_view, name="lek"),
        path("schrijf/", schrijvende_view, name="schrijf"),
        path("onbekend/<int:geheim_id>/", zonder_waarde_view, name="onbekend"),
    ]


@override_settings(ROOT_URLCONF=LekkendeUrls)
def test_de_wandeling_vindt_lekken_schrijfacties_en_onbekende_urls(slachtoffer):
    problemen = "\n".join(loop_als(Client(), slachtoffer, wie="anoniem", ingelogd=False))
    assert "toont privégegeven '98765" in problemen
    assert "lek): weigert niet" in problemen
    assert "schrijf): schreef naar de database" in problemen
    assert "geen waarde voor het URL-argument 'geheim_id'" in problemen


def test_een_url_met_onbekend_argument_kan_niet_gebouwd_worden(slachtoffer):
    patroon = next(p for p in alle_patronen() if p.naam == "huizen:werkruimte")
    with pytest.raises(ValueError, match="huis_slug"):
        bouw_url(patroon, {})
