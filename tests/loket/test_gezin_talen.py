"""The family's request in French or English: switching the language on the form keeps what was
typed, and every e-mail to the family goes out in the language it registered in."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from kern.models import UitgaandeMail
from loket import services
from loket.models import Opvangvraag
from tests.factories import (
    AanbiederFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    UserFactory,
    VrijePlaatsFactory,
)
from tests.loket.test_gezin import aanvraag_url, geldige_data, werkt_ook_voor

pytestmark = pytest.mark.django_db

TAAL = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def locaties(huis, referentiedata):
    werkt_ook_voor(huis, "Gent")
    return {
        "eerste": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Eerste"),
        "tweede": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Tweede"),
    }


def test_de_taalkeuze_op_het_formulier_verstuurt_het_formulier_zelf(client, huis, locaties):
    html = client.get(aanvraag_url(huis)).content.decode()
    assert 'id="aanvraagformulier"' in html
    assert (
        f'form="aanvraagformulier" formaction="{aanvraag_url(huis)}" formnovalidate name="taal" value="fr"'
        in html
    )


def test_van_taal_wisselen_houdt_wat_getypt_werd_en_bewaart_niets(client, huis, locaties):
    data = geldige_data(locaties, actie=None, taal="fr", email_herhaling="", postcode="")
    antwoord = client.post(aanvraag_url(huis), data)

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert '<html lang="fr">' in html
    assert 'value="Lotte"' in html and 'value="Sam Peeters"' in html and "Allergisch voor noten" in html
    assert 'value="sam@ouders.test"' in html
    assert "Prénom" in html and "(obligatoire)" in html and "Demander une place d’accueil" in html
    # the chosen places keep their order (the htmx part is part of the form)
    eerste, tweede = locaties["eerste"].pk, locaties["tweede"].pk
    assert html.index(f'name="keuzes" value="{tweede}"') < html.index(f'name="keuzes" value="{eerste}"')
    assert "veld__fout" not in html and "foutoverzicht" not in html  # not judged yet
    assert client.cookies[TAAL].value == "fr"
    assert client.cookies[TAAL]["max-age"] == settings.LANGUAGE_COOKIE_AGE
    assert not Opvangvraag.objects.exists()

    terug = client.post(aanvraag_url(huis), {**data, "taal": "nl-be"}).content.decode()
    assert "Voornaam" in terug and 'value="Lotte"' in terug and client.cookies[TAAL].value == "nl-be"


def test_een_onbekende_taal_toont_het_formulier_opnieuw_zonder_cookie(client, huis, locaties):
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, actie=None, taal="xx"))
    assert antwoord.status_code == 200 and 'value="Lotte"' in antwoord.content.decode()
    assert TAAL not in antwoord.cookies
    assert not Opvangvraag.objects.exists()


def test_een_gezin_dat_in_het_frans_registreert_krijgt_zijn_mails_in_het_frans(client, huis, locaties):
    client.cookies[TAAL] = "fr"
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties))

    assert antwoord.status_code == 303
    vraag = Opvangvraag.objects.get()
    assert vraag.taal == "fr"
    mail = UitgaandeMail.objects.get(aan="sam@ouders.test")
    assert mail.onderwerp == f"Confirmez votre demande d’accueil d’enfants ({vraag.nummer})"
    assert mail.tekst.startswith("Bonjour,")
    assert f"Votre numéro de demande : {vraag.nummer}." in mail.tekst
    assert reverse("loket:bevestig", kwargs={"token": vraag.token}) in mail.tekst

    client.cookies[TAAL] = "nl-be"  # the page language changes; the mails keep the family's language
    client.post(reverse("loket:bevestig", kwargs={"token": vraag.token}))
    tweede = UitgaandeMail.objects.filter(aan="sam@ouders.test").latest("pk")
    assert tweede.pk != mail.pk and tweede.tekst.startswith("Bonjour,")


def test_zonder_taalkeuze_blijven_de_mails_nederlands(client, huis, locaties):
    client.post(aanvraag_url(huis), geldige_data(locaties))
    vraag = Opvangvraag.objects.get()
    assert vraag.taal == "nl-be"
    mail = UitgaandeMail.objects.get(aan="sam@ouders.test")
    assert mail.onderwerp == f"Bevestig uw aanvraag voor kinderopvang ({vraag.nummer})"
    assert mail.tekst.startswith("Beste,") and f"Uw aanvraagnummer: {vraag.nummer}." in mail.tekst


def test_het_formulier_in_het_engels(client, huis, locaties):
    client.cookies[TAAL] = "en"
    html = client.get(aanvraag_url(huis)).content.decode()
    assert "Apply for childcare" in html and "First name" in html and "(required)" in html


def test_de_opvang_krijgt_nederlands_ook_als_het_gezin_in_het_frans_aanvaardt(
    client, huis, locaties, loket_medewerker
):
    eerste = locaties["eerste"]
    vraag = OpvangvraagFactory(huis=huis, email="gezin@ouders.test", taal="fr", voorkeuren=[eerste])
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=VrijePlaatsFactory(locatie=eerste), door=loket_medewerker
    )
    AanbiederFactory(locatie=eerste, gebruiker=UserFactory(email="opvang@eerste.test"))
    client.cookies[TAAL] = "fr"
    adres = reverse("loket:aanbod_antwoord", kwargs={"token": vraag.token, "aanbod_pk": aanbod.pk})

    assert client.post(adres, {"antwoord": "aanvaarden", "bevestigd": "on"}).status_code == 303

    gezin = UitgaandeMail.objects.filter(aan="gezin@ouders.test").latest("pk")
    assert gezin.onderwerp == f"Vous avez accepté la place chez Kinderdagverblijf De Eerste ({vraag.nummer})"
    opvang = UitgaandeMail.objects.get(aan="opvang@eerste.test")
    assert opvang.onderwerp.startswith("Een gezin aanvaardde een plaats bij Kinderdagverblijf De Eerste")
    with translation.override("nl-be"):
        vanaf = date_format(aanbod.plaats.vanaf, "j F Y")
    assert f"Een gezin aanvaardde de plaats bij Kinderdagverblijf De Eerste vanaf {vanaf}" in opvang.tekst
