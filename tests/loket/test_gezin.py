"""The families' side of the loket: registering a request, confirming it, the private page."""

import datetime
import re
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from huizen.models import Gemeente
from kern.models import UitgaandeMail
from kern.tenancy import Rol
from kern.versies import verhoog
from loket import berichten, services, stand
from loket.models import Opvangvraag, Status
from tests.factories import (
    HuisFactory,
    LidmaatschapFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    voeg_toe_aan_gebied,
)

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def werkt_ook_voor(huis, *namen: str) -> None:
    """The loket of `huis` also serves these gemeenten (families living there register here)."""
    for naam in namen:
        voeg_toe_aan_gebied(huis, Gemeente.objects.get(naam=naam, opvolger=None))


@pytest.fixture
def locaties(huis, referentiedata):
    """The locations of the loket of `huis`, which serves Gent (the families here live in 9000)."""
    werkt_ook_voor(huis, "Gent")
    return {
        "eerste": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Eerste"),
        "tweede": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Tweede"),
        "school": OpvanglocatieFactory(
            huis=huis, naam="IBO Het Schoolhuis", soort="buitenschools", capaciteit_schoolkind=30
        ),
    }


def aanvraag_url(huis):
    return reverse("loket:aanvragen", kwargs={"huis_slug": huis.slug})


def geldige_data(locaties, **anders):
    start = VANDAAG() + datetime.timedelta(days=90)
    data = {
        "actie": "indienen",
        "indieningssleutel": str(uuid.uuid4()),
        "kinderen-TOTAL_FORMS": "1",
        "kinderen-INITIAL_FORMS": "0",
        "kinderen-MIN_NUM_FORMS": "1",
        "kinderen-MAX_NUM_FORMS": "4",
        "kinderen-0-voornaam": "Lotte",
        "kinderen-0-geboortedatum": (VANDAAG() - datetime.timedelta(days=60)).isoformat(),
        "kinderen-0-zorgnoden": "Allergisch voor noten",
        "ouders-TOTAL_FORMS": "2",
        "ouders-INITIAL_FORMS": "0",
        "ouders-MIN_NUM_FORMS": "1",
        "ouders-MAX_NUM_FORMS": "2",
        "ouders-0-naam": "Sam Peeters",
        "ouders-0-email": "",
        "ouders-0-telefoon": "0470 12 34 56",
        "ouders-1-naam": "",
        "ouders-1-email": "",
        "ouders-1-telefoon": "",
        "email": "sam@ouders.test",
        "email_herhaling": "sam@ouders.test",
        "postcode": "9000",
        "gewenste_start": start.isoformat(),
        "flexibiliteit": "1_maand",
        "dagen": ["0", "1", "3"],
        "dagdeel": "volle_dag",
        "uren_per_week": "30",
        "soort_opvang": "groepsopvang",
        "keuzes": [str(locaties["tweede"].pk), str(locaties["eerste"].pk)],
        "alleenstaande_ouder": "on",
        "kw_thuistaal": "on",
    }
    data.update(anders)
    return {sleutel: waarde for sleutel, waarde in data.items() if waarde is not None}


def fieldset(html: str, anker: str) -> str:
    """The HTML of the fieldset with id `anker` (up to its first closing tag)."""
    begin = html.index(f'id="{anker}"')
    return html[begin : html.index("</fieldset>", begin)]


# --- registering ----------------------------------------------------------------------------------


def test_het_formulier_toont_de_locaties_en_een_indieningssleutel(client, huis, locaties):
    antwoord = client.get(aanvraag_url(huis))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Kinderdagverblijf De Eerste" in html and "IBO Het Schoolhuis" in html
    assert re.search(r'name="indieningssleutel" value="[0-9a-f-]{36}"', html)
    assert "Nog een kind toevoegen" in html
    assert "Wie ziet dit?" in html and reverse("privacy") in html


def test_aanvraag_indienen_maakt_een_aanvraag_en_stuurt_de_bevestigingsmail(client, huis, locaties):
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties))

    assert antwoord.status_code == 303
    assert antwoord["Location"] == reverse("loket:ontvangen")
    vraag = Opvangvraag.objects.get()
    assert vraag.status == Status.INGEDIEND and vraag.huis == huis and not vraag.via_loket
    assert vraag.gemeente.naam == "Gent" and vraag.dagen == [0, 1, 3]
    assert vraag.alleenstaande_ouder and vraag.kw_thuistaal and not vraag.laag_inkomen
    assert [(v.rang, v.locatie.naam) for v in vraag.voorkeuren.order_by("rang")] == [
        (1, "Kinderdagverblijf De Tweede"),
        (2, "Kinderdagverblijf De Eerste"),
    ]
    assert list(vraag.kinderen.values_list("voornaam", "zorgnoden")) == [("Lotte", "Allergisch voor noten")]
    assert list(vraag.ouders.values_list("naam", flat=True)) == ["Sam Peeters"]
    mail = UitgaandeMail.objects.get(aan="sam@ouders.test")
    assert reverse("loket:bevestig", kwargs={"token": vraag.token}) in mail.tekst

    ontvangen = client.get(antwoord["Location"])
    assert ontvangen.status_code == 200
    assert "s•••@ouders.test" in ontvangen.content.decode()
    assert "no-store" in ontvangen["Cache-Control"]


def test_dezelfde_indieningssleutel_twee_keer_geeft_een_aanvraag(client, huis, locaties):
    data = geldige_data(locaties)
    eerste = client.post(aanvraag_url(huis), data)
    tweede = client.post(aanvraag_url(huis), data)
    assert eerste.status_code == tweede.status_code == 303
    assert tweede["Location"] == reverse("loket:ontvangen")
    assert Opvangvraag.objects.count() == 1
    assert UitgaandeMail.objects.filter(aan="sam@ouders.test").count() == 1


@pytest.mark.parametrize(
    ("anders", "fout", "plaats"),
    [
        ({"keuzes": None}, "Kies minstens één opvanglocatie", "voorkeuren"),
        ({"gewenste_start": "GISTEREN"}, "De startdatum ligt in het verleden", "id_gewenste_start_error"),
        ({"postcode": "0001"}, "De postcode 0001 kennen we niet", "id_postcode_error"),
        ({"postcode": "3470"}, "hoort bij meer dan één gemeente", "id_gemeente_error"),
        ({"email_herhaling": "sam@oudres.test"}, "niet gelijk", "id_email_herhaling_error"),
        (
            {"kinderen-0-geboortedatum": "MORGEN"},
            "Deze geboortedatum ligt in de toekomst",
            "id_kinderen-0-geboortedatum_error",
        ),
        (
            {"kinderen-0-verwacht": "on", "kinderen-0-geboortedatum": "OVER_EEN_JAAR"},
            "hoogstens 10 maanden",
            "id_kinderen-0-geboortedatum_error",
        ),
        (
            {"soort_opvang": "buitenschools", "keuzes": ["SCHOOL"]},
            "Buitenschoolse opvang is voor kinderen vanaf 2,5 jaar",
            "id_kinderen-0-geboortedatum_error",
        ),
        (
            {"kinderen-0-geboortedatum": "VIER_JAAR_GELEDEN"},
            "Opvang voor baby&#x27;s en peuters is voor kinderen jonger dan 3,5 jaar",
            "id_kinderen-0-geboortedatum_error",
        ),
        (
            {"keuzes": ["TWEEDE", "SCHOOL"]},
            "Past niet: Deze opvang biedt buitenschoolse opvang",
            "keuze-SCHOOL",
        ),
        ({"dagen": None}, "Kies minstens één dag", "id_dagen_error"),
        ({"uren_per_week": "61"}, "Hoogstens 60 uren per week", "id_uren_per_week_error"),
        ({"ouders-0-naam": ""}, "Vul de naam van de ouder in", "id_ouders-0-naam_error"),
    ],
)
def test_ongeldige_invoer_bewaart_niets_en_behoudt_wat_getypt_werd(
    client, huis, locaties, anders, fout, plaats
):
    vandaag = VANDAAG()
    datums = {
        "GISTEREN": vandaag - datetime.timedelta(days=1),
        "MORGEN": vandaag + datetime.timedelta(days=1),
        "OVER_EEN_JAAR": vandaag + datetime.timedelta(days=365),
        "VIER_JAAR_GELEDEN": vandaag - datetime.timedelta(days=4 * 365),
    }
    namen = {"EERSTE": "eerste", "TWEEDE": "tweede", "SCHOOL": "school"}
    invullen = {}
    for sleutel, waarde in anders.items():
        if sleutel == "keuzes" and waarde:
            invullen[sleutel] = [str(locaties[namen[code]].pk) for code in waarde]
        else:
            invullen[sleutel] = datums[waarde].isoformat() if waarde in datums else waarde
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, **invullen))

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert not Opvangvraag.objects.exists() and not UitgaandeMail.objects.exists()
    assert "foutoverzicht" in html
    if plaats == "voorkeuren":
        assert fout in fieldset(html, "voorkeuren")
    elif plaats == "keuze-SCHOOL":
        anker = f"keuze-{locaties['school'].pk}"
        assert fout in html.split(f'id="{anker}"', 1)[1][:1500]
        assert f'href="#{anker}"' in html.split('class="foutoverzicht"', 1)[1][:2000]
    else:
        assert fout in html.split(f'id="{plaats}"', 1)[1][:400]
    # what was typed is still there
    assert 'value="Lotte"' in html and "Allergisch voor noten" in html
    assert 'value="0470 12 34 56"' in html and 'value="sam@ouders.test"' in html
    if "ouders-0-naam" not in anders:
        assert 'value="Sam Peeters"' in html


def test_een_postcode_met_twee_gemeenten_vraagt_welke(client, huis, locaties):
    werkt_ook_voor(huis, "Tienen")
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, postcode="3470"))
    html = antwoord.content.decode()
    assert '<select name="gemeente"' in html
    assert ">Kortenaken</option>" in html and ">Tienen</option>" in html
    assert 'value="3470"' in html
    nis = re.search(r'<option value="(\d{5})">Tienen</option>', html)[1]

    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, postcode="3470", gemeente=nis))
    assert antwoord.status_code == 303
    assert Opvangvraag.objects.get().gemeente.naam == "Tienen"


def test_een_kind_toevoegen_werkt_zonder_javascript_en_verliest_niets(client, huis, locaties):
    data = geldige_data(locaties, actie="kind_toevoegen")
    antwoord = client.post(aanvraag_url(huis), data)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and not Opvangvraag.objects.exists()
    assert 'name="kinderen-1-voornaam"' in html and "autofocus" in html
    assert 'value="Lotte"' in html and 'value="sam@ouders.test"' in html
    assert 'name="kinderen-TOTAL_FORMS" value="2"' in html
    assert "foutoverzicht" not in html  # the new empty child is not an error yet

    tweeling = geldige_data(
        locaties,
        **{
            "kinderen-TOTAL_FORMS": "2",
            "kinderen-1-voornaam": "Lena",
            "kinderen-1-geboortedatum": data["kinderen-0-geboortedatum"],
        },
    )
    antwoord = client.post(aanvraag_url(huis), tweeling)
    assert antwoord.status_code == 303
    assert sorted(Opvangvraag.objects.get().kinderen.values_list("voornaam", flat=True)) == ["Lena", "Lotte"]


def test_een_kind_uit_het_formulier_halen(client, huis, locaties):
    data = geldige_data(
        locaties,
        **{
            "kinderen-TOTAL_FORMS": "2",
            "kinderen-1-voornaam": "Lena",
            "kinderen-1-geboortedatum": "2025-01-01",
        },
    )
    data.pop("actie")
    data["kind_verwijderen"] = "0"
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert 'name="kinderen-TOTAL_FORMS" value="1"' in html
    assert 'value="Lena"' in html and 'value="Lotte"' not in html
    assert not Opvangvraag.objects.exists()


@override_settings(LOKET_AANVRAAG_LIMIET="2/h")
def test_te_veel_aanvragen_van_een_adres_worden_geweigerd(client, huis, locaties):
    for _keer in range(2):
        fout = client.post(aanvraag_url(huis), geldige_data(locaties, email_herhaling="x@y.test"))
        assert fout.status_code == 200
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties))
    html = antwoord.content.decode()
    assert antwoord.status_code == 429
    assert "te veel aanvragen" in html and 'value="Lotte"' in html
    assert not Opvangvraag.objects.exists()


def test_geen_actieve_locaties_toont_de_contactgegevens_van_het_huis(client, referentiedata):
    huis = HuisFactory(slug="zonder-loket", email="info@zonder.test")
    OpvanglocatieFactory(huis=huis, actief=False)
    antwoord = client.get(aanvraag_url(huis))
    assert antwoord.status_code == 200
    assert "info@zonder.test" in antwoord.content.decode()
    assert client.post(aanvraag_url(huis), {}).status_code == 200
    assert not Opvangvraag.objects.exists()
    assert client.get(reverse("loket:aanvragen", kwargs={"huis_slug": "bestaat-niet"})).status_code == 404


def test_de_huispagina_toont_kinderopvang_aanvragen_alleen_met_actieve_locaties(
    client, huis, referentiedata, django_capture_on_commit_callbacks
):
    pagina = reverse("huizen:detail", kwargs={"slug": huis.slug})
    assert "Kinderopvang zoeken?" not in client.get(pagina).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        OpvanglocatieFactory(huis=huis)
        verhoog(f"loket:{huis.pk}")  # as the loket's services do: the public page follows
    html = client.get(pagina).content.decode()
    assert "Kinderopvang zoeken?" in html and aanvraag_url(huis) in html


# --- confirming and the private page -------------------------------------------------------------


@pytest.fixture
def vraag(huis, locaties):
    """A confirmed request of a family with a baby born two months ago."""
    return OpvangvraagFactory(
        huis=huis,
        email="gezin@ouders.test",
        voorkeuren=[locaties["eerste"], locaties["tweede"]],
        kinderen=[{"voornaam": "Mila", "geboortedatum": VANDAAG() - datetime.timedelta(days=60)}],
    )


def url(naam, vraag, **kwargs):
    return reverse(f"loket:{naam}", kwargs={"token": vraag.token, **kwargs})


def test_bevestigen_verandert_niets_bij_get_en_activeert_bij_post(client, huis, locaties):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locaties["eerste"]], ingediend_niet_bevestigd=True)
    antwoord = client.get(url("bevestig", vraag))
    assert antwoord.status_code == 200 and "bevestig mijn aanvraag" in antwoord.content.decode()
    vraag.refresh_from_db()
    assert vraag.status == Status.INGEDIEND and vraag.bevestigd is None

    antwoord = client.post(url("bevestig", vraag))
    assert antwoord.status_code == 303 and antwoord["Location"] == url("aanvraag", vraag)
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF and vraag.bevestigd is not None
    assert "e-mailadres is bevestigd" in client.get(antwoord["Location"]).content.decode()
    # a second click changes nothing
    client.post(url("bevestig", vraag))
    assert vraag.gebeurtenissen.filter(naar_status=Status.ACTIEF).count() == 1


def test_de_privepagina_toont_de_status_in_gewone_woorden_en_geen_interne_notities(
    client, vraag, loket_medewerker
):
    services.voeg_notitie_toe(vraag=vraag, tekst="Geheime notitie van het loket", door=loket_medewerker)
    antwoord = client.get(url("aanvraag", vraag))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert str(stand.STANDEN[stand.ACTIEF].zin) in html
    assert "Mila" in html and "Kinderdagverblijf De Eerste" in html
    assert "Geheime notitie" not in html
    assert "no-store" in antwoord["Cache-Control"]
    assert antwoord["Referrer-Policy"] == "same-origin"
    assert "noindex" in antwoord["X-Robots-Tag"]


@pytest.mark.parametrize(
    "naam",
    ["aanvraag", "bevestig", "wijzig", "herbevestig", "intrekken", "wissen", "gegevens_json", "gegevens_pdf"],
)
def test_een_onbekende_link_geeft_404(client, vraag, naam):
    for methode in (client.get, client.post):
        assert methode(reverse(f"loket:{naam}", kwargs={"token": vraag.token + "x"})).status_code == 404
        assert methode(reverse(f"loket:{naam}", kwargs={"token": "a" * 500})).status_code == 404


def test_wijzigen(client, vraag, locaties):
    antwoord = client.get(url("wijzig", vraag))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert 'value="gezin@ouders.test"' in html and 'value="Mila"' in html
    assert f'<input type="hidden" name="keuzes" value="{locaties["eerste"].pk}">' in html

    data = geldige_data(
        locaties,
        indieningssleutel=None,
        email="nieuw@ouders.test",
        email_herhaling="nieuw@ouders.test",
        uren_per_week="20",
        **{"kinderen-0-voornaam": "Mila"},
    )
    antwoord = client.post(url("wijzig", vraag), data)
    assert antwoord.status_code == 303 and antwoord["Location"] == url("aanvraag", vraag)
    vraag.refresh_from_db()
    assert vraag.uren_per_week == 20 and vraag.email == "nieuw@ouders.test"
    assert [v.locatie.naam for v in vraag.voorkeuren.order_by("rang")] == [
        "Kinderdagverblijf De Tweede",
        "Kinderdagverblijf De Eerste",
    ]
    assert UitgaandeMail.objects.filter(aan="nieuw@ouders.test").exists()
    assert Opvangvraag.objects.count() == 1


def test_herbevestigen(client, vraag):
    vraag.herbevestiging_gevraagd = timezone.now()
    vraag.save()
    assert "Ja, ik zoek nog opvang" in client.get(url("aanvraag", vraag)).content.decode()
    assert client.get(url("herbevestig", vraag)).status_code == 405
    antwoord = client.post(url("herbevestig", vraag))
    assert antwoord.status_code == 303
    vraag.refresh_from_db()
    assert vraag.herbevestiging_gevraagd is None


def test_intrekken_en_daarna_is_wijzigen_dicht(client, vraag):
    assert "Aanvraag intrekken" in client.get(url("intrekken", vraag)).content.decode()
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF

    antwoord = client.post(url("intrekken", vraag), {"reden": "We vonden opvang bij oma"})
    assert antwoord.status_code == 303
    vraag.refresh_from_db()
    assert vraag.status == Status.INGETROKKEN
    html = client.get(url("aanvraag", vraag)).content.decode()
    assert "We vonden opvang bij oma" in html
    assert url("wijzig", vraag) not in html and url("intrekken", vraag) not in html

    for antwoord in (client.get(url("wijzig", vraag)), client.post(url("wijzig", vraag), {})):
        assert antwoord.status_code == 303
    assert client.post(url("herbevestig", vraag)).status_code == 303
    vraag.refresh_from_db()
    assert vraag.status == Status.INGETROKKEN
    assert "afgesloten" in client.get(url("aanvraag", vraag)).content.decode()


def test_wissen(client, vraag):
    token = vraag.token
    assert client.get(url("wissen", vraag)).status_code == 200
    antwoord = client.post(url("wissen", vraag))
    assert antwoord.status_code == 303 and antwoord["Location"] == reverse("loket:gewist")
    vraag.refresh_from_db()
    assert vraag.geanonimiseerd is not None and not vraag.ouders.exists() and vraag.email == ""
    assert set(vraag.kinderen.values_list("voornaam", flat=True)) == {"–"}
    assert client.get(reverse("loket:aanvraag", kwargs={"token": token})).status_code == 404
    assert client.get(reverse("loket:gewist")).status_code == 200


def test_wissen_haalt_de_mails_en_de_eigen_woorden_van_het_gezin_weg(
    client, vraag, locaties, loket_medewerker
):
    """After erasing, nothing the family wrote and none of its mails remain; the status events
    stay for the loket's figures, without the text."""
    from kern.tasks import verstuur_uitgaande_mail
    from tests.factories import AanbiederFactory, UserFactory, VrijePlaatsFactory

    AanbiederFactory(locatie=locaties["eerste"], gebruiker=UserFactory(email="opvang@deeerste.test"))
    ander = OpvangvraagFactory(huis=vraag.huis, email="ander@ouders.test", voorkeuren=[locaties["eerste"]])
    berichten.mail_actief(ander)
    services.trek_in(vraag=ander, reden="Opvang gevonden bij de buren")
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=VrijePlaatsFactory(locatie=locaties["eerste"]), door=loket_medewerker
    )
    client.post(
        url("aanbod_antwoord", vraag, aanbod_pk=aanbod.pk), {"antwoord": "aanvaarden", "bevestigd": "on"}
    )
    services.trek_aanbod_in(aanbod=aanbod, reden="Mama belde: het gezin verhuist", door=loket_medewerker)
    client.post(url("intrekken", vraag), {"reden": "We vonden opvang bij oma"})
    over_het_gezin = UitgaandeMail.objects.exclude(aan="ander@ouders.test")
    assert set(over_het_gezin.values_list("aan", flat=True)) == {"gezin@ouders.test", "opvang@deeerste.test"}
    # one was sent, the others still wait
    assert verstuur_uitgaande_mail(over_het_gezin.earliest("pk").pk) == "verzonden"
    vraag.refresh_from_db()
    assert vraag.status == Status.INGETROKKEN
    statussen = list(vraag.gebeurtenissen.filter(soort="status").values_list("naar_status", flat=True))

    client.post(url("wissen", vraag))

    assert not over_het_gezin.exists()
    assert UitgaandeMail.objects.filter(aan="ander@ouders.test").exists()
    redenen = " ".join(vraag.gebeurtenissen.values_list("reden", flat=True))
    assert "oma" not in redenen and "verhuist" not in redenen
    assert (
        list(vraag.gebeurtenissen.filter(soort="status").values_list("naar_status", flat=True)) == statussen
    )
    ingetrokken = vraag.gebeurtenissen.get(naar_status=Status.INGETROKKEN)
    assert ingetrokken.door_gezin and ingetrokken.reden == "(gewist)"
    assert ander.gebeurtenissen.get(naar_status=Status.INGETROKKEN).reden == "Opvang gevonden bij de buren"


def test_gegevens_als_json(client, vraag, loket_medewerker):
    services.voeg_notitie_toe(vraag=vraag, tekst="Geheime notitie van het loket", door=loket_medewerker)
    antwoord = client.get(url("gegevens_json", vraag))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("application/json")
    assert antwoord["Content-Disposition"].startswith("attachment")
    gegevens = antwoord.json()
    assert gegevens["kinderen"][0]["voornaam"] == "Mila"
    assert gegevens["aanvraag"]["email"] == "gezin@ouders.test"
    assert [v["locatie"]["naam"] for v in gegevens["voorkeuren"]] == [
        "Kinderdagverblijf De Eerste",
        "Kinderdagverblijf De Tweede",
    ]
    assert "token" not in gegevens["aanvraag"]
    assert "Geheime notitie" not in antwoord.content.decode()


def test_gegevens_als_pdf(client, vraag):
    antwoord = client.get(url("gegevens_pdf", vraag))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content.startswith(b"%PDF")


# --- offers ---------------------------------------------------------------------------------------


@pytest.fixture
def aanbod(vraag, locaties, loket_medewerker):
    from tests.factories import VrijePlaatsFactory

    return services.doe_aanbod(
        vraag=vraag, plaats=VrijePlaatsFactory(locatie=locaties["eerste"]), door=loket_medewerker
    )


def test_een_aanbod_aanvaarden_via_de_link(client, vraag, aanbod):
    adres = url("aanbod_antwoord", vraag, aanbod_pk=aanbod.pk)
    html = client.get(url("aanvraag", vraag)).content.decode()
    assert adres in html and "Er is een plaats voor u" in html
    antwoord = client.get(adres)
    assert antwoord.status_code == 200 and "Kinderdagverblijf De Eerste" in antwoord.content.decode()
    assert "no-store" in antwoord["Cache-Control"]

    # the first click asks to confirm, in plain words, what accepting ends
    antwoord = client.post(adres, {"antwoord": "aanvaarden"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "vervallen uw andere aanbiedingen meteen" in html and "Kinderdagverblijf De Tweede" in html
    aanbod.refresh_from_db()
    assert aanbod.status == "open"

    antwoord = client.post(adres, {"antwoord": "aanvaarden", "bevestigd": "on"})
    assert antwoord.status_code == 303
    aanbod.refresh_from_db()
    assert aanbod.status == "aanvaard"
    mail = UitgaandeMail.objects.filter(aan=vraag.email).latest("pk")
    assert mail.onderwerp == f"U aanvaardde de plaats bij Kinderdagverblijf De Eerste ({vraag.nummer})"


def test_een_aanbod_weigeren_zet_de_aanvraag_terug_op_de_wachtlijst(client, vraag, aanbod):
    adres = url("aanbod_antwoord", vraag, aanbod_pk=aanbod.pk)
    # the first click asks whether the request stays in the queue
    html = client.post(adres, {"antwoord": "weigeren"}).content.decode()
    assert "Blijft uw aanvraag op de wachtlijst?" in html
    # confirming without choosing changes nothing
    antwoord = client.post(adres, {"antwoord": "weigeren", "bevestigd": "on"})
    assert (
        antwoord.status_code == 200
        and "Kies of uw aanvraag op de wachtlijst blijft" in antwoord.content.decode()
    )
    aanbod.refresh_from_db()
    assert aanbod.status == "open"

    client.post(adres, {"antwoord": "weigeren", "bevestigd": "on", "wachtlijst": "ja"})
    aanbod.refresh_from_db()
    vraag.refresh_from_db()
    assert aanbod.status == "geweigerd" and vraag.status == Status.ACTIEF
    mail = UitgaandeMail.objects.filter(aan=vraag.email).latest("pk")
    assert mail.onderwerp.startswith("U weigerde de plaats bij Kinderdagverblijf De Eerste")
    assert "blijft op de wachtlijst" in mail.tekst


def test_wie_weigert_en_geen_opvang_meer_zoekt_trekt_de_aanvraag_in(client, vraag, aanbod):
    adres = url("aanbod_antwoord", vraag, aanbod_pk=aanbod.pk)
    client.post(adres, {"antwoord": "weigeren", "bevestigd": "on", "wachtlijst": "nee"})
    aanbod.refresh_from_db()
    vraag.refresh_from_db()
    assert aanbod.status == "geweigerd" and vraag.status == Status.INGETROKKEN
    assert "Ingetrokken" in client.get(url("aanvraag", vraag)).content.decode()
    mail = UitgaandeMail.objects.filter(aan=vraag.email).latest("pk")
    assert "aanvraag is afgesloten" in mail.tekst


def test_een_ongeldig_antwoord_verandert_niets(client, vraag, aanbod):
    antwoord = client.post(url("aanbod_antwoord", vraag, aanbod_pk=aanbod.pk), {"antwoord": "misschien"})
    assert antwoord.status_code == 200
    aanbod.refresh_from_db()
    assert aanbod.status == "open"


def test_het_aanbod_van_een_andere_aanvraag_geeft_404(client, huis, vraag, locaties, loket_medewerker):
    from tests.factories import VrijePlaatsFactory

    andere = OpvangvraagFactory(
        huis=huis,
        voorkeuren=[locaties["tweede"]],
        kinderen=[{"voornaam": "Jef", "geboortedatum": VANDAAG() - datetime.timedelta(days=30)}],
    )
    vreemd = services.doe_aanbod(
        vraag=andere, plaats=VrijePlaatsFactory(locatie=locaties["tweede"]), door=loket_medewerker
    )
    adres = url("aanbod_antwoord", vraag, aanbod_pk=vreemd.pk)
    assert client.get(adres).status_code == 404
    assert client.post(adres, {"antwoord": "aanvaarden"}).status_code == 404
    vreemd.refresh_from_db()
    assert vreemd.status == "open"


def test_na_de_termijn_kan_niet_meer_geantwoord_worden(client, vraag, aanbod):
    import time_machine

    later = timezone.now() + datetime.timedelta(days=30)
    with time_machine.travel(later, tick=False):
        adres = url("aanbod_antwoord", vraag, aanbod_pk=aanbod.pk)
        assert "termijn om op dit aanbod te antwoorden is voorbij" in client.get(adres).content.decode()
        antwoord = client.post(adres, {"antwoord": "aanvaarden"})
        assert antwoord.status_code == 200
        assert "termijn om op dit aanbod te antwoorden is voorbij" in antwoord.content.decode()
    aanbod.refresh_from_db()
    assert aanbod.status == "open"


# --- the loket registers for a family ------------------------------------------------------------


def test_het_loket_registreert_voor_een_gezin(client, huis, locaties, loket_medewerker):
    client.force_login(loket_medewerker)
    adres = reverse("loket:registreer_voor_gezin", kwargs={"huis_slug": huis.slug})
    antwoord = client.get(adres)
    assert antwoord.status_code == 200 and "Aanvraag registreren" in antwoord.content.decode()

    data = geldige_data(locaties, email="", email_herhaling="")
    antwoord = client.post(adres, data)
    assert antwoord.status_code == 303
    vraag = Opvangvraag.objects.get()
    assert vraag.via_loket and vraag.status == Status.ACTIEF and vraag.email == ""
    assert not UitgaandeMail.objects.exists()
    assert antwoord["Location"] == reverse(
        "loket:vraag_detail", kwargs={"huis_slug": huis.slug, "vraag_pk": vraag.pk}
    )
    # the same form again does not make a second request
    client.post(adres, data)
    assert Opvangvraag.objects.count() == 1


def test_het_loket_registreert_met_e_mailadres_en_het_gezin_krijgt_de_link(
    client, huis, locaties, loket_medewerker
):
    client.force_login(loket_medewerker)
    adres = reverse("loket:registreer_voor_gezin", kwargs={"huis_slug": huis.slug})
    client.post(adres, geldige_data(locaties))
    vraag = Opvangvraag.objects.get()
    assert url("aanvraag", vraag) in UitgaandeMail.objects.get(aan="sam@ouders.test").tekst


@pytest.fixture
def loket_ander_huis(ander_huis):
    return LidmaatschapFactory(huis=ander_huis, rol=Rol.LOKET).gebruiker


@pytest.mark.parametrize(
    ("gebruiker", "status"),
    [("coordinator", 404), ("lid_ander_huis", 404), ("loket_ander_huis", 404), ("opgroeien_medewerker", 403)],
)
def test_alleen_het_loket_van_het_huis_registreert(client, huis, locaties, request, gebruiker, status):
    client.force_login(request.getfixturevalue(gebruiker))
    adres = reverse("loket:registreer_voor_gezin", kwargs={"huis_slug": huis.slug})
    assert client.get(adres).status_code == status
    assert client.post(adres, geldige_data(locaties)).status_code == status
    assert not Opvangvraag.objects.exists()


def test_anoniem_registreren_voor_een_gezin_vraagt_aanmelden(client, huis, locaties):
    adres = reverse("loket:registreer_voor_gezin", kwargs={"huis_slug": huis.slug})
    antwoord = client.post(adres, geldige_data(locaties))
    assert antwoord.status_code == 302 and "/account/login/" in antwoord["Location"]
    assert not Opvangvraag.objects.exists()


def test_een_tweede_ouder_weghalen_bij_wijzigen(client, huis, locaties):
    vraag = OpvangvraagFactory(
        huis=huis,
        voorkeuren=[locaties["eerste"]],
        ouders=[{"naam": "Sam Peeters"}, {"naam": "Alex Janssens", "telefoon": "0470 00 00 00"}],
        kinderen=[{"voornaam": "Mila", "geboortedatum": VANDAAG() - datetime.timedelta(days=60)}],
    )
    html = client.get(url("wijzig", vraag)).content.decode()
    assert 'value="Alex Janssens"' in html and 'name="ouders-INITIAL_FORMS" value="2"' in html
    data = geldige_data(locaties, indieningssleutel=None, **{"ouders-INITIAL_FORMS": "2"})
    antwoord = client.post(url("wijzig", vraag), data)
    assert antwoord.status_code == 303
    assert list(vraag.ouders.values_list("naam", flat=True)) == ["Sam Peeters"]


def test_een_andere_postcode_na_een_gekozen_gemeente_vraagt_niets_onnodigs(client, huis, locaties):
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, postcode="9000", gemeente="24107"))
    assert antwoord.status_code == 303
    assert Opvangvraag.objects.get().gemeente.naam == "Gent"


def test_bevestigen_van_een_afgesloten_aanvraag_verandert_niets(client, huis, locaties):
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locaties["eerste"]], ingediend_niet_bevestigd=True)
    services.laat_verlopen(vraag_id=vraag.pk, reden="Niet bevestigd binnen de termijn.")
    assert "afgesloten" in client.get(url("bevestig", vraag)).content.decode()
    antwoord = client.post(url("bevestig", vraag), follow=True)
    assert "afgesloten" in antwoord.content.decode()
    vraag.refresh_from_db()
    assert vraag.status == Status.VERLOPEN and vraag.bevestigd is None


@pytest.mark.parametrize(
    "anders",
    [
        {"kinderen-TOTAL_FORMS": "abc"},
        {"kinderen-TOTAL_FORMS": "-3"},
        {"kinderen-TOTAL_FORMS": "99999"},
        {"kinderen-TOTAL_FORMS": None, "ouders-TOTAL_FORMS": None},
        {"actie": "kind_toevoegen", "kinderen-TOTAL_FORMS": "x"},
        {"actie": "kind_toevoegen", "kinderen-TOTAL_FORMS": "4"},
        {"actie": None, "kind_verwijderen": "abc"},
        {"actie": None, "kind_verwijderen": "7"},
        {"indieningssleutel": "geen-uuid"},
        {"indieningssleutel": None},
        {"dagen": ["9", "x"]},
        {"uren_per_week": "1e99"},
        {"gewenste_start": "2026-02-30"},
        {"kinderen-0-geboortedatum": "0000-00-00"},
        {"postcode": "9" * 500},
        {"gemeente": "x" * 500, "postcode": "3470"},
        {"broer_zus_locatie": "999999"},
        {"broer_zus_locatie": "abc"},
        {"keuzes": ["999999"]},
        {"keuzes": ["abc", "EERSTE"]},
        {"actie": None, "keuze_toevoegen": "999999"},
        {"actie": None, "keuze_hoger": "abc"},
        {"actie": None, "keuze_lager": "EERSTE"},
        {"actie": None, "keuze_weghalen": ""},
        {"flexibiliteit": "altijd", "dagdeel": "nacht", "soort_opvang": "kamp"},
        {"kinderen-0-voornaam": "x" * 5000, "kinderen-0-zorgnoden": "y" * 5000},
    ],
)
def test_rare_invoer_geeft_nooit_een_serverfout_en_bewaart_niets(client, huis, locaties, anders):
    eerste = str(locaties["eerste"].pk)
    anders = {
        sleutel: [eerste if w == "EERSTE" else w for w in waarde]
        if isinstance(waarde, list)
        else (eerste if waarde == "EERSTE" else waarde)
        for sleutel, waarde in anders.items()
    }
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, **anders))
    assert antwoord.status_code == 200
    assert not Opvangvraag.objects.exists()
