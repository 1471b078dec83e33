"""Referral partners: invited by the loket or Opgroeien, they register a request for a family with
its consent, follow it, and get the family's messages when the family chose that."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kern.models import UitgaandeMail, User
from kern.tenancy import Rol
from loket import services
from loket.models import Gebeurtenis, Inzage, Opvangvraag, Status, Verwijzer, Verwijzerslidmaatschap
from loket.services import verwijzers
from tests.factories import (
    LidmaatschapFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    UserFactory,
    VrijePlaatsFactory,
)
from tests.loket.test_gezin import geldige_data, werkt_ook_voor

pytestmark = pytest.mark.django_db


def maak_verwijzer(huis=None, *, naam="CAW Oost-Vlaanderen", email="onthaal@caw.test", lid="an@caw.test"):
    verwijzer = Verwijzer.objects.create(naam=naam, soort="caw", email=email, huis=huis)
    gebruiker = UserFactory(email=lid, naam="An Werker")
    Verwijzerslidmaatschap.objects.create(gebruiker=gebruiker, verwijzer=verwijzer)
    return verwijzer, gebruiker


@pytest.fixture
def locaties(huis, referentiedata):
    """The loket of `huis` serves Gent (postcode 9000) and follows two locations."""
    werkt_ook_voor(huis, "Gent")
    return {
        "eerste": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Eerste"),
        "tweede": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Tweede"),
    }


@pytest.fixture
def caw(huis):
    return maak_verwijzer(huis)


def formulier_url(huis):
    return reverse("loket:verwijzer_formulier", kwargs={"huis_slug": huis.slug})


def data_zonder_email(locaties, **anders):
    return geldige_data(
        locaties, email="", email_herhaling="", toestemming="on", berichten_via_verwijzer="on", **anders
    )


# --- inviting ----------------------------------------------------------------------------------------


def test_het_loket_nodigt_een_verwijzer_uit_voor_zijn_huis(client, huis, loket_medewerker):
    client.force_login(loket_medewerker)
    adres = reverse("loket:verwijzers", kwargs={"huis_slug": huis.slug})
    assert client.get(adres).status_code == 200
    antwoord = client.post(
        adres,
        {
            "naam": "OCMW Gent",
            "soort": "ocmw",
            "email": "sociaal@ocmw.test",
            "lid_naam": "Jo Maatschappelijk",
            "lid_email": "jo@ocmw.test",
        },
    )
    assert antwoord.status_code == 303
    verwijzer = Verwijzer.objects.get()
    assert verwijzer.huis == huis and verwijzer.soort == "ocmw"
    lid = User.objects.get(email="jo@ocmw.test")
    assert verwijzer.leden.filter(gebruiker=lid).exists()
    assert UitgaandeMail.objects.filter(aan="jo@ocmw.test", onderwerp__icontains="Uitnodiging").exists()
    assert "OCMW Gent" in client.get(adres).content.decode()


def test_een_fout_in_de_uitnodiging_staat_bij_het_veld_en_niets_gaat_verloren(client, huis, loket_medewerker):
    client.force_login(loket_medewerker)
    adres = reverse("loket:verwijzers", kwargs={"huis_slug": huis.slug})
    antwoord = client.post(
        adres, {"naam": "CAW Gent", "soort": "caw", "email": "geen-adres", "lid_email": ""}
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Vul een geldig e-mailadres in" in html and 'value="CAW Gent"' in html
    assert not Verwijzer.objects.exists()


def test_opgroeien_nodigt_uit_voor_alle_lokets(client, opgroeien_medewerker):
    client.force_login(opgroeien_medewerker)
    adres = reverse("loket:opgroeien_verwijzers")
    antwoord = client.post(
        adres,
        {
            "naam": "Groeipakket Fons",
            "soort": "groeipakket",
            "email": "info@fons.test",
            "lid_naam": "Kim",
            "lid_email": "kim@fons.test",
            "huis": "",
        },
    )
    assert antwoord.status_code == 303
    assert Verwijzer.objects.get().huis is None


@pytest.mark.parametrize("wie", ["coordinator", "lid_ander_huis", "aanbieder"])
def test_anderen_nodigen_niet_uit(client, huis, request, wie):
    client.force_login(request.getfixturevalue(wie))
    assert client.get(reverse("loket:verwijzers", kwargs={"huis_slug": huis.slug})).status_code == 404
    assert client.post(reverse("loket:opgroeien_verwijzers"), {"naam": "X"}).status_code == 404
    assert not Verwijzer.objects.exists()


def test_de_dienst_weigert_een_uitnodiging_buiten_het_eigen_huis(huis, ander_huis, loket_medewerker):
    with pytest.raises(PermissionDenied):
        verwijzers.nodig_verwijzer_uit(
            naam="CAW",
            soort="caw",
            email="a@b.test",
            huis=ander_huis,
            lid_email="c@d.test",
            door=loket_medewerker,
        )
    with pytest.raises(PermissionDenied):
        verwijzers.nodig_verwijzer_uit(
            naam="CAW", soort="caw", email="a@b.test", huis=None, lid_email="c@d.test", door=loket_medewerker
        )


# --- registering -------------------------------------------------------------------------------------


def test_de_verwijzer_kiest_de_woonplaats_en_komt_bij_het_formulier_van_het_loket(
    client, huis, locaties, caw
):
    client.force_login(caw[1])
    antwoord = client.post(reverse("loket:verwijzer_registreren"), {"postcode": "9000"})
    assert antwoord.status_code == 303
    assert antwoord["Location"].startswith(formulier_url(huis))
    html = client.get(antwoord["Location"]).content.decode()
    assert "Kinderdagverblijf De Eerste" in html and "Berichten via onze organisatie" in html


def test_een_onbekende_postcode_krijgt_een_fout_bij_het_veld(client, huis, locaties, caw):
    client.force_login(caw[1])
    antwoord = client.post(reverse("loket:verwijzer_registreren"), {"postcode": "0000"})
    assert antwoord.status_code == 200 and "kennen we niet" in antwoord.content.decode()


def test_registreren_zonder_email_met_berichten_via_de_verwijzer(client, huis, locaties, caw):
    verwijzer, lid = caw
    client.force_login(lid)
    antwoord = client.post(formulier_url(huis), data_zonder_email(locaties))
    assert antwoord.status_code == 303
    vraag = Opvangvraag.objects.get()
    assert antwoord["Location"] == reverse("loket:verwijzer_aanvraag", kwargs={"vraag_pk": vraag.pk})
    assert vraag.status == Status.ACTIEF and vraag.verwijzer == verwijzer and vraag.verwijzer_door == lid
    assert vraag.toestemming_op is not None and vraag.berichten_via_verwijzer and not vraag.via_loket
    eerste = vraag.gebeurtenissen.order_by("pk").first()
    assert eerste.reden.startswith("Geregistreerd door CAW Oost-Vlaanderen met toestemming van het gezin op ")
    # the family's first mail, with its private link, goes to the organisation and its member
    link = reverse("loket:aanvraag", kwargs={"token": vraag.token})
    for adres in ("onthaal@caw.test", "an@caw.test"):
        mail = UitgaandeMail.objects.get(aan=adres)
        assert link in mail.tekst and "[Voor CAW Oost-Vlaanderen]" in mail.tekst


def test_zonder_toestemming_geen_registratie(client, huis, locaties, caw):
    client.force_login(caw[1])
    data = data_zonder_email(locaties)
    del data["toestemming"]
    antwoord = client.post(formulier_url(huis), data)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and verwijzers.TOESTEMMING_NODIG in html
    assert 'value="Lotte"' in html  # nothing typed is lost
    assert not Opvangvraag.objects.exists()


def test_zonder_email_moeten_de_berichten_via_de_verwijzer(client, huis, locaties, caw):
    client.force_login(caw[1])
    data = data_zonder_email(locaties)
    del data["berichten_via_verwijzer"]
    antwoord = client.post(formulier_url(huis), data)
    assert antwoord.status_code == 200 and verwijzers.VIA_VERWIJZER_NODIG in antwoord.content.decode()
    assert not Opvangvraag.objects.exists()


def test_de_dienst_controleert_toestemming_en_berichten_ook(huis, locaties, caw):
    verwijzer, lid = caw
    gegevens = {
        "verwijzer": verwijzer,
        "door": lid,
        "huis": huis,
        "velden": {},
        "kinderen": [],
        "ouders": [],
        "voorkeuren": [],
    }
    with pytest.raises(ValidationError) as fout:
        verwijzers.registreer_voor_gezin(**gegevens, toestemming=False, berichten_via_verwijzer=False)
    assert set(fout.value.message_dict) == {"toestemming", "berichten_via_verwijzer"}
    with pytest.raises(PermissionDenied):
        verwijzers.registreer_voor_gezin(
            **{**gegevens, "door": UserFactory()}, toestemming=True, berichten_via_verwijzer=True
        )


def test_met_email_van_het_gezin_gaan_de_berichten_naar_beide(client, huis, locaties, caw):
    client.force_login(caw[1])
    client.post(formulier_url(huis), geldige_data(locaties, toestemming="on", berichten_via_verwijzer="on"))
    vraag = Opvangvraag.objects.get()
    assert set(UitgaandeMail.objects.values_list("aan", flat=True)) == {
        "sam@ouders.test",
        "onthaal@caw.test",
        "an@caw.test",
    }
    # the family's own copy has no line for the organisation
    assert "[Voor" not in UitgaandeMail.objects.get(aan="sam@ouders.test").tekst
    # an offer later reaches all three too
    plaats = VrijePlaatsFactory(locatie=vraag.voorkeuren.first().locatie, vanaf=vraag.gewenste_start)
    UitgaandeMail.objects.all().delete()
    services.doe_aanbod(vraag=vraag, plaats=plaats, door=None)
    assert UitgaandeMail.objects.count() == 3


def test_met_email_zonder_keuze_gaat_alles_alleen_naar_het_gezin(client, huis, locaties, caw):
    client.force_login(caw[1])
    client.post(formulier_url(huis), geldige_data(locaties, toestemming="on"))
    assert list(UitgaandeMail.objects.values_list("aan", flat=True)) == ["sam@ouders.test"]


def test_geen_enkel_adres_staat_in_de_historiek_van_het_loket(huis, locaties):
    verwijzer = Verwijzer.objects.create(
        naam="School De Linde", soort="school", email="x@school.test", huis=huis
    )
    vraag = OpvangvraagFactory(huis=huis, email="", verwijzer=verwijzer, berichten_via_verwijzer=True)
    Verwijzer.objects.filter(pk=verwijzer.pk).update(email="")
    vraag.refresh_from_db()
    from loket import berichten

    berichten.mail_actief(vraag)
    assert not UitgaandeMail.objects.exists()
    melding = Gebeurtenis.objects.get(opvangvraag=vraag, intern=True)
    assert "niet verstuurd" in melding.reden


def test_een_verwijzer_van_een_ander_loket_registreert_hier_niet(client, huis, ander_huis, locaties):
    _verwijzer, lid = maak_verwijzer(ander_huis)
    client.force_login(lid)
    antwoord = client.post(reverse("loket:verwijzer_registreren"), {"postcode": "9000"})
    assert antwoord.status_code == 200 and "neem contact op met het loket" in antwoord.content.decode()
    assert client.get(formulier_url(huis)).status_code == 404
    assert client.post(formulier_url(huis), data_zonder_email(locaties)).status_code == 404
    assert not Opvangvraag.objects.exists()


def test_een_verwijzer_van_opgroeien_registreert_bij_elk_loket(client, huis, locaties):
    _verwijzer, lid = maak_verwijzer(None)
    client.force_login(lid)
    assert client.post(formulier_url(huis), data_zonder_email(locaties)).status_code == 303


# --- following -----------------------------------------------------------------------------------------


def test_de_verwijzer_ziet_alleen_de_aanvragen_van_zijn_organisatie(client, huis, locaties, caw):
    verwijzer, lid = caw
    ander, ander_lid = maak_verwijzer(huis, naam="OCMW Gent", email="o@ocmw.test", lid="b@ocmw.test")
    eigen = OpvangvraagFactory(huis=huis, verwijzer=verwijzer, kinderen=[{"voornaam": "Eigenkind"}])
    vreemd = OpvangvraagFactory(huis=huis, verwijzer=ander, kinderen=[{"voornaam": "Vreemdkind"}])
    OpvangvraagFactory(huis=huis, kinderen=[{"voornaam": "Gewoonkind"}])
    client.force_login(lid)

    html = client.get(reverse("loket:verwijzer")).content.decode()
    assert "Eigenkind" in html and "Vreemdkind" not in html and "Gewoonkind" not in html
    assert list(Inzage.objects.filter(gebruiker=lid).values_list("opvangvraag", flat=True)) == [eigen.pk]
    detail = client.get(reverse("loket:verwijzer_aanvraag", kwargs={"vraag_pk": eigen.pk}))
    assert detail.status_code == 200 and reverse("loket:aanvraag", kwargs={"token": eigen.token}) in (
        detail.content.decode()
    )
    assert Inzage.objects.filter(gebruiker=lid, opvangvraag=eigen).exists()
    assert client.get(reverse("loket:verwijzer_aanvraag", kwargs={"vraag_pk": vreemd.pk})).status_code == 404
    client.force_login(ander_lid)
    assert client.get(reverse("loket:verwijzer_aanvraag", kwargs={"vraag_pk": eigen.pk})).status_code == 404


def test_de_lijst_zonder_aanvragen_toont_de_knop_om_te_registreren(client, caw):
    client.force_login(caw[1])
    html = client.get(reverse("loket:verwijzer")).content.decode()
    assert "Nog geen aanvragen" in html and reverse("loket:verwijzer_registreren") in html


@pytest.mark.parametrize("wie", ["coordinator", "loket_medewerker", "opgroeien_medewerker", "aanbieder"])
def test_wie_geen_lid_is_krijgt_404(client, huis, caw, request, wie):
    vraag = OpvangvraagFactory(huis=huis, verwijzer=caw[0])
    client.force_login(request.getfixturevalue(wie))
    for adres in (
        reverse("loket:verwijzer"),
        reverse("loket:verwijzer_registreren"),
        formulier_url(huis),
        reverse("loket:verwijzer_aanvraag", kwargs={"vraag_pk": vraag.pk}),
    ):
        assert client.get(adres).status_code == 404, adres


def test_na_het_aanmelden_komt_een_verwijzer_op_zijn_lijst(client, caw):
    client.force_login(caw[1])
    antwoord = client.get(reverse("start"))
    assert antwoord["Location"] == reverse("loket:verwijzer")


def test_het_loket_ziet_wie_registreerde(client, huis, locaties, caw, loket_medewerker):
    client.force_login(caw[1])
    client.post(formulier_url(huis), data_zonder_email(locaties))
    vraag = Opvangvraag.objects.get()
    client.force_login(loket_medewerker)
    html = client.get(
        reverse("loket:vraag_detail", kwargs={"huis_slug": huis.slug, "vraag_pk": vraag.pk})
    ).content.decode()
    assert "Geregistreerd door CAW Oost-Vlaanderen (CAW)" in html
    assert "De berichten voor het gezin gaan via de verwijzer" in html
    wachtrij = client.get(reverse("loket:wachtrij", kwargs={"huis_slug": huis.slug})).content.decode()
    assert vraag.nummer in wachtrij and "via een verwijzer" in wachtrij


def test_lid_van_twee_huizen_blijft_op_de_werkruimte(client, huis, caw):
    """A loket member who is also a partner's member still lands on the Huis's workspace."""
    LidmaatschapFactory(huis=huis, gebruiker=caw[1], rol=Rol.LOKET)
    client.force_login(caw[1])
    assert client.get(reverse("start"))["Location"] == reverse(
        "huizen:werkruimte", kwargs={"huis_slug": huis.slug}
    )


def test_de_export_van_het_gezin_noemt_de_organisatie_niet_de_medewerker(client, huis, locaties, caw):
    client.force_login(caw[1])
    client.post(formulier_url(huis), data_zonder_email(locaties))
    vraag = Opvangvraag.objects.get()
    client.logout()
    tekst = client.get(reverse("loket:gegevens_json", kwargs={"token": vraag.token})).content.decode()
    assert "CAW Oost-Vlaanderen" in tekst and "toestemming_op" in tekst
    assert "an@caw.test" not in tekst and "An Werker" not in tekst


def test_het_loket_voegt_een_medewerker_toe_aan_zijn_verwijzer(client, huis, loket_medewerker, caw):
    client.force_login(loket_medewerker)
    adres = reverse("loket:verwijzers", kwargs={"huis_slug": huis.slug})
    antwoord = client.post(
        adres, {"actie": "lid", "lid-verwijzer": caw[0].pk, "lid-naam": "Bo", "lid-email": "bo@caw.test"}
    )
    assert antwoord.status_code == 303
    assert caw[0].leden.filter(gebruiker__email="bo@caw.test").exists()
    assert UitgaandeMail.objects.filter(aan="bo@caw.test").exists()
    # not to a partner of another loket
    ander, _lid = maak_verwijzer(None, naam="Groeipakket", email="g@g.test", lid="g1@g.test")
    antwoord = client.post(
        adres, {"actie": "lid", "lid-verwijzer": ander.pk, "lid-naam": "Cas", "lid-email": "cas@g.test"}
    )
    assert antwoord.status_code == 200 and "Kies een organisatie uit de lijst" in antwoord.content.decode()
    assert not ander.leden.filter(gebruiker__email="cas@g.test").exists()


def test_de_lijst_telt_evenveel_queries_bij_meer_aanvragen(client, huis, caw):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(caw[1])

    def queries() -> int:
        with CaptureQueriesContext(connection) as gevangen:
            assert client.get(reverse("loket:verwijzer")).status_code == 200
        return len(gevangen)

    OpvangvraagFactory(huis=huis, verwijzer=caw[0], aanbod=True)
    queries()  # the menu of the session is read once, then kept
    weinig = queries()
    for _ in range(5):
        OpvangvraagFactory(huis=huis, verwijzer=caw[0], kinderen=[{"voornaam": "A"}, {"voornaam": "B"}])
    assert queries() == weinig


def test_de_berichten_komen_in_de_taal_van_het_gezin(client, huis, locaties, caw):
    client.force_login(caw[1])
    client.post(formulier_url(huis), data_zonder_email(locaties, taal_gezin="fr"))
    vraag = Opvangvraag.objects.get()
    assert vraag.taal == "fr"
    mail = UitgaandeMail.objects.get(aan="onthaal@caw.test")
    assert mail.onderwerp.startswith("CAW Oost-Vlaanderen a enregistré votre demande")
    assert "Avec votre accord, CAW Oost-Vlaanderen a enregistré" in mail.tekst
    # the partner's own line on top stays in Dutch
    assert mail.tekst.startswith("[Voor CAW Oost-Vlaanderen] Dit bericht is voor het gezin")


def test_een_medewerker_die_vertrok_krijgt_de_berichten_niet_meer(client, huis, locaties, caw):
    verwijzer, lid = caw
    client.force_login(lid)
    client.post(formulier_url(huis), data_zonder_email(locaties))
    vraag = Opvangvraag.objects.get()
    Verwijzerslidmaatschap.objects.filter(gebruiker=lid).delete()
    UitgaandeMail.objects.all().delete()
    from loket import berichten

    berichten.mail_actief(vraag)
    assert list(UitgaandeMail.objects.values_list("aan", flat=True)) == ["onthaal@caw.test"]
