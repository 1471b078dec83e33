"""The pages of the allocation rounds: who may open them, starting, reviewing, sending and
rejecting a round, the tie-break setting, and the explanation on the family's private page."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from kern.tenancy import Rol
from loket.models import Aanbod, Loketinstelling, RondeStatus, Rondevolgorde, Toewijzingsronde
from loket.services import rondes as services_ronde
from tests.factories import (
    LidmaatschapFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    VrijePlaatsFactory,
)

pytestmark = pytest.mark.django_db


def url(naam, huis, **kwargs):
    return reverse(f"loket:{naam}", kwargs={"huis_slug": huis.slug, **kwargs})


def maandtekst(maand: datetime.date) -> str:
    return f"{maand:%Y-%m}"


def alle_urls(huis, ronde):
    return [
        ("get", url("rondes", huis)),
        ("post", url("rondes", huis)),
        ("get", url("ronde", huis, ronde_pk=ronde.pk)),
        ("get", url("ronde_uitvoeren", huis, ronde_pk=ronde.pk)),
        ("post", url("ronde_uitvoeren", huis, ronde_pk=ronde.pk)),
        ("post", url("ronde_verwerpen", huis, ronde_pk=ronde.pk)),
        ("get", url("instellingen", huis)),
        ("post", url("instellingen", huis)),
    ]


def test_alleen_het_loket_van_het_huis_komt_binnen(
    client, loket_wereld, loket_medewerker, coordinator, lid_ander_huis, opgroeien_medewerker, ander_huis
):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    loket_ander_huis = LidmaatschapFactory(huis=ander_huis, rol=Rol.LOKET).gebruiker
    for methode, adres in alle_urls(loket_wereld.huis, ronde):
        antwoord = getattr(client, methode)(
            adres, {"startmaand": maandtekst(loket_wereld.maand), "volgorde": "loting"}
        )
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse(settings.LOGIN_URL))
        for gebruiker in (coordinator, lid_ander_huis, loket_ander_huis, opgroeien_medewerker):
            client.force_login(gebruiker)
            antwoord = getattr(client, methode)(
                adres, {"startmaand": maandtekst(loket_wereld.maand), "volgorde": "loting"}
            )
            assert antwoord.status_code == 404, (gebruiker, methode, adres)
            client.logout()
    ronde.refresh_from_db()
    assert ronde.status == RondeStatus.VOORSTEL
    assert not Aanbod.objects.filter(opvangvraag__in=loket_wereld.vragen.values()).exists()
    assert not Loketinstelling.objects.filter(volgorde=Rondevolgorde.LOTING).exists()
    assert Toewijzingsronde.objects.count() == 1


def test_een_ronde_van_een_ander_huis_is_niet_te_vinden(
    loket_client, loket_wereld, ander_huis, loket_medewerker
):
    elders = OpvanglocatieFactory(huis=ander_huis)
    VrijePlaatsFactory(locatie=elders, vanaf=loket_wereld.maand)
    OpvangvraagFactory(huis=ander_huis, gewenste_start=loket_wereld.maand, voorkeuren=[elders])
    vreemde = services_ronde.start_ronde(huis=ander_huis, startmaand=loket_wereld.maand, door=None)
    assert loket_client.get(url("ronde", loket_wereld.huis, ronde_pk=vreemde.pk)).status_code == 404
    assert loket_client.get(url("ronde", loket_wereld.huis, ronde_pk=999999)).status_code == 404
    assert (
        loket_client.post(url("ronde_uitvoeren", loket_wereld.huis, ronde_pk=vreemde.pk)).status_code == 404
    )
    vreemde.refresh_from_db()
    assert vreemde.status == RondeStatus.VOORSTEL


def test_starten_nakijken_en_versturen(loket_client, loket_wereld):
    lijst = loket_client.get(url("rondes", loket_wereld.huis))
    assert lijst.status_code == 200
    assert "Er zijn nog geen rondes berekend." in lijst.content.decode()

    antwoord = loket_client.post(
        url("rondes", loket_wereld.huis), {"startmaand": maandtekst(loket_wereld.maand)}
    )
    ronde = Toewijzingsronde.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == url("ronde", loket_wereld.huis, ronde_pk=ronde.pk)

    pagina = loket_client.get(antwoord["Location"]).content.decode()
    assert "Voorstel per aanvraag" in pagina
    assert "ging naar gezinnen" in pagina or "voorbehouden" in pagina
    assert "Broers en zussen niet samen geplaatst" in pagina
    assert "kinderen in verschillende leeftijdsgroepen" in pagina
    assert "Herhaalbaar</dt><dd>ja" in pagina
    assert "Stabiel</dt><dd>ja" in pagina
    assert "Aanbiedingen versturen" in pagina

    bevestigen = loket_client.get(url("ronde_uitvoeren", loket_wereld.huis, ronde_pk=ronde.pk))
    assert bevestigen.status_code == 200
    assert "Ja, aanbiedingen versturen" in bevestigen.content.decode()
    assert not Aanbod.objects.filter(opvangvraag__in=loket_wereld.vragen.values()).exists()

    verstuurd = loket_client.post(url("ronde_uitvoeren", loket_wereld.huis, ronde_pk=ronde.pk), follow=True)
    assert "8 aanbiedingen verstuurd" in verstuurd.content.decode()
    assert Aanbod.objects.filter(opvangvraag__in=loket_wereld.vragen.values()).count() == 8
    nog_eens = loket_client.post(url("ronde_uitvoeren", loket_wereld.huis, ronde_pk=ronde.pk), follow=True)
    assert "waren al verstuurd" in nog_eens.content.decode()
    assert Aanbod.objects.filter(opvangvraag__in=loket_wereld.vragen.values()).count() == 8
    # After sending, the confirmation step leads back to the round, and it cannot be rejected.
    terug = loket_client.get(url("ronde_uitvoeren", loket_wereld.huis, ronde_pk=ronde.pk))
    assert terug.status_code == 302
    verwerp = loket_client.post(url("ronde_verwerpen", loket_wereld.huis, ronde_pk=ronde.pk), follow=True)
    assert "Alleen een voorstel dat nog niet verstuurd is" in verwerp.content.decode()
    ronde.refresh_from_db()
    assert ronde.status == RondeStatus.UITGEVOERD


def test_fouten_bij_het_starten_staan_bij_het_veld(loket_client, loket_wereld):
    fout = loket_client.post(url("rondes", loket_wereld.huis), {"startmaand": "september"})
    assert fout.status_code == 200
    inhoud = fout.content.decode()
    assert "Geef de maand als jaar-maand" in inhoud and 'id="id_startmaand_error"' in inhoud
    assert 'value="september"' in inhoud
    assert (
        loket_client.post(
            url("rondes", loket_wereld.huis), {"startmaand": maandtekst(loket_wereld.maand)}
        ).status_code
        == 302
    )
    dubbel = loket_client.post(
        url("rondes", loket_wereld.huis), {"startmaand": maandtekst(loket_wereld.maand)}
    )
    assert dubbel.status_code == 200
    assert "Voor deze maand ligt al een voorstel klaar" in dubbel.content.decode()
    leeg = loket_client.post(url("rondes", loket_wereld.huis), {"startmaand": "2099-01"})
    assert "geen actieve aanvragen" in leeg.content.decode()
    assert Toewijzingsronde.objects.count() == 1


def test_verwerpen(loket_client, loket_wereld, loket_medewerker):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    assert loket_client.get(url("ronde_verwerpen", loket_wereld.huis, ronde_pk=ronde.pk)).status_code == 405
    antwoord = loket_client.post(url("ronde_verwerpen", loket_wereld.huis, ronde_pk=ronde.pk))
    assert antwoord.status_code == 302 and antwoord["Location"] == url("rondes", loket_wereld.huis)
    ronde.refresh_from_db()
    assert ronde.status == RondeStatus.VERWORPEN
    assert not Aanbod.objects.filter(opvangvraag__in=loket_wereld.vragen.values()).exists()
    assert (
        "Verwerpen"
        not in loket_client.get(url("ronde", loket_wereld.huis, ronde_pk=ronde.pk)).content.decode()
    )


def test_de_volgorde_instellen(loket_client, loket_wereld):
    assert loket_client.get(url("instellingen", loket_wereld.huis)).context["form"].initial == {
        "volgorde": "inschrijving"
    }
    fout = loket_client.post(url("instellingen", loket_wereld.huis), {"volgorde": "dobbelsteen"})
    assert fout.status_code == 200 and "Kies inschrijvingsdatum of loting" in fout.content.decode()
    assert not Loketinstelling.objects.exists()
    assert (
        loket_client.post(url("instellingen", loket_wereld.huis), {"volgorde": "loting"}).status_code == 302
    )
    assert Loketinstelling.objects.get(huis=loket_wereld.huis).volgorde == Rondevolgorde.LOTING
    loket_client.post(url("rondes", loket_wereld.huis), {"startmaand": maandtekst(loket_wereld.maand)})
    ronde = Toewijzingsronde.objects.get()
    assert ronde.seed
    assert ronde.seed in loket_client.get(url("ronde", loket_wereld.huis, ronde_pk=ronde.pk)).content.decode()


def test_het_gezin_leest_de_uitleg_pas_na_het_versturen(
    client, loket_wereld, loket_medewerker, django_capture_on_commit_callbacks
):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    werk5 = loket_wereld.vragen["werk5"]
    gemengd = loket_wereld.vragen["gemengd"]
    pagina = client.get(reverse("loket:aanvraag", kwargs={"token": werk5.token})).content.decode()
    assert "Waarom kreeg u" not in pagina
    assert "voorbehouden zijn voor gezinnen" not in pagina

    # The round commits: the loket's data version rises and the family's page follows at once.
    with django_capture_on_commit_callbacks(execute=True):
        services_ronde.voer_ronde_uit(ronde=ronde, door=loket_medewerker)
    pagina = client.get(reverse("loket:aanvraag", kwargs={"token": werk5.token})).content.decode()
    assert "Waarom kreeg u een plaats?" in pagina
    assert "had alleen nog plaatsen die voorbehouden zijn voor gezinnen in een kwetsbare situatie" in pagina
    assert "U krijgt een plaats bij uw tweede keuze (De Klaproos" in pagina
    pagina = client.get(reverse("loket:aanvraag", kwargs={"token": gemengd.token})).content.decode()
    assert "Waarom kreeg u geen plaats?" in pagina
    assert "verschillende leeftijdsgroepen" in pagina
    # Staff-only details are not on the family's page.
    assert "Regelset van de aanvraag" not in pagina


def test_werkruimte_linkt_naar_de_rondes(loket_client, loket_wereld):
    pagina = loket_client.get(
        reverse("huizen:werkruimte", kwargs={"huis_slug": loket_wereld.huis.slug})
    ).content.decode()
    assert url("rondes", loket_wereld.huis) in pagina
