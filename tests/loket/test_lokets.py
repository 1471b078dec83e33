"""The Lokaal Loket Kinderopvang as an organisation of its own: an area of one or more gemeenten
(over time), hosted by one Huis, possibly serving the gemeenten of several Huizen.

A family registers at the loket of its home gemeente; Opgroeien keeps the lokets and their
areas, one loket per gemeente on any day; a Huis that hosts no loket says so in its workspace."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from huizen.models import Gemeente
from kern.models import UitgaandeMail
from kern.tenancy import Rol
from loket import services
from loket.models import Loket, Loketgebied, Opvangvraag
from loket.selectors import loket_van_gemeente
from loket.services import lokets
from tests.conftest import aangemeld
from tests.factories import HuisFactory, LidmaatschapFactory, OpvanglocatieFactory
from tests.loket.test_gezin import aanvraag_url, geldige_data

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def gemeente(naam: str) -> Gemeente:
    return Gemeente.objects.get(naam=naam, opvolger=None)


@pytest.fixture
def meetjesland(referentiedata):
    """Huis van het Kind Meetjesland, host of a loket that also serves Eeklo (a Huis of its own,
    without a loket)."""
    huis = HuisFactory(
        naam="Huis van het Kind Meetjesland",
        slug="meetjesland",
        gemeenten=[gemeente("Assenede"), gemeente("Kaprijke"), gemeente("Sint-Laureins")],
    )
    eeklo = HuisFactory(
        naam="Huis van het Kind Eeklo", slug="eeklo", gemeenten=[gemeente("Eeklo")], loket=False
    )
    lokets.voeg_gemeente_toe(loket=huis.loket, gemeente=gemeente("Eeklo"), vanaf=datetime.date(2024, 1, 1))
    huis.loket.huizen.add(eeklo)
    return huis


@pytest.fixture
def gent(referentiedata):
    return HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gemeente("Gent")])


def locaties_van(huis):
    return {
        "eerste": OpvanglocatieFactory(huis=huis, naam=f"Kinderdagverblijf De Eerste {huis.slug}"),
        "tweede": OpvanglocatieFactory(huis=huis, naam=f"Kinderdagverblijf De Tweede {huis.slug}"),
    }


def veldfout(html: str, veld: str) -> str:
    gevonden = re.search(rf'<p class="veld__fout" id="id_{veld}_error">([^<]*)</p>', html)
    return gevonden[1] if gevonden else ""


# --- a family of the intermunicipal loket ---------------------------------------------------


def test_een_gezin_uit_eeklo_registreert_bij_het_loket_van_meetjesland(client, meetjesland):
    antwoord = client.post(
        aanvraag_url(meetjesland), geldige_data(locaties_van(meetjesland), postcode="9900")
    )

    assert antwoord.status_code == 303
    vraag = Opvangvraag.objects.get()
    assert vraag.huis == meetjesland and vraag.gemeente == gemeente("Eeklo")


def test_een_gezin_uit_eeklo_wordt_in_gent_geweigerd_met_de_weg_naar_meetjesland(client, meetjesland, gent):
    locaties_van(meetjesland)

    antwoord = client.post(aanvraag_url(gent), geldige_data(locaties_van(gent), postcode="9900"))

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert veldfout(html, "postcode") == (
        "Postcode 9900 ligt in Eeklo, buiten het werkingsgebied van dit loket (Gent). "
        "Een aanvraag hoort bij het loket van de gemeente waar het gezin woont."
    )
    naar = reverse("loket:aanvragen", kwargs={"huis_slug": "meetjesland"})
    assert (
        f'<a href="{naar}">Naar het aanvraagformulier van Lokaal Loket Kinderopvang Meetjesland</a>' in html
    )
    assert not Opvangvraag.objects.exists()


def test_het_huis_van_eeklo_zelf_neemt_geen_aanvragen(meetjesland):
    eeklo = meetjesland.loket.huizen.get(slug="eeklo")
    fout = services.woonplaatsfout(huis=eeklo, gemeente=gemeente("Eeklo"), postcode="9900")
    assert fout.startswith("Bij Huis van het Kind Eeklo werkt (nu) geen Lokaal Loket Kinderopvang.")


# --- the area over time -------------------------------------------------------------------


def test_een_beeindigde_gemeente_gaat_naar_het_loket_dat_ze_overneemt(client, meetjesland):
    eeklo_huis = meetjesland.loket.huizen.get(slug="eeklo")
    eeklo = gemeente("Eeklo")
    rij = Loketgebied.objects.get(loket=meetjesland.loket, gemeente=eeklo)
    gisteren = VANDAAG() - datetime.timedelta(days=1)

    lokets.beeindig_gemeente(loket=meetjesland.loket, gebied_id=rij.pk, tot=gisteren)
    eigen = lokets.maak_loket(
        huis=eeklo_huis, gegevens={"naam": "Lokaal Loket Kinderopvang Eeklo", "organisator": "Stad Eeklo"}
    )
    lokets.voeg_gemeente_toe(loket=eigen, gemeente=eeklo, vanaf=VANDAAG())

    assert loket_van_gemeente(eeklo, gisteren) == meetjesland.loket
    assert loket_van_gemeente(eeklo) == eigen
    # new registrations: refused at Meetjesland, accepted at Eeklo
    eeklo_locaties = locaties_van(eeklo_huis)
    geweigerd = client.post(
        aanvraag_url(meetjesland), geldige_data(locaties_van(meetjesland), postcode="9900")
    )
    assert "buiten het werkingsgebied van dit loket" in veldfout(geweigerd.content.decode(), "postcode")
    naar = reverse("loket:aanvragen", kwargs={"huis_slug": "eeklo"})
    assert f'<a href="{naar}">Naar het aanvraagformulier van Lokaal Loket Kinderopvang Eeklo</a>' in (
        geweigerd.content.decode()
    )
    aanvaard = client.post(aanvraag_url(eeklo_huis), geldige_data(eeklo_locaties, postcode="9900"))
    assert aanvaard.status_code == 303
    assert Opvangvraag.objects.get().huis == eeklo_huis
    # the history is kept
    rij.refresh_from_db()
    assert rij.geldig_tot == gisteren


def test_een_gemeente_hoort_op_een_dag_bij_hoogstens_een_loket(meetjesland, gent):
    with pytest.raises(ValidationError) as fout:
        lokets.voeg_gemeente_toe(loket=gent.loket, gemeente=gemeente("Eeklo"), vanaf=VANDAAG())
    assert fout.value.message_dict["gemeente"] == [
        "Eeklo hoort in die periode bij Lokaal Loket Kinderopvang Meetjesland (vanaf 1 januari 2024). "
        "Een gemeente hoort op elke dag bij hoogstens één loket: beëindig ze daar eerst."
    ]
    assert not Loketgebied.objects.filter(loket=gent.loket, gemeente__naam="Eeklo").exists()


# --- Opgroeien's pages --------------------------------------------------------------------


def loket_url(loket: Loket) -> str:
    return reverse("loket:opgroeien_loket", kwargs={"loket_slug": loket.slug})


def test_opgroeien_ziet_de_lokets_met_hun_gebied(opgroeien_client, meetjesland, gent):
    antwoord = opgroeien_client.get(reverse("loket:opgroeien_lokets"))

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Lokaal Loket Kinderopvang Meetjesland" in html and "Lokaal Loket Kinderopvang Gent" in html
    assert "Assenede, Eeklo, Kaprijke, Sint-Laureins" in html
    assert "Huis van het Kind Eeklo, Huis van het Kind Meetjesland" in html
    # and it is linked from the overview
    assert (
        reverse("loket:opgroeien_lokets")
        in opgroeien_client.get(reverse("huizen:opgroeien_overzicht")).content.decode()
    )


def test_opgroeien_ziet_een_lege_lijst(opgroeien_client, db):
    antwoord = opgroeien_client.get(reverse("loket:opgroeien_lokets"))
    assert "Er zijn nog geen loketten." in antwoord.content.decode()


def gegevens(loket: Loket, **anders) -> dict:
    return {
        "actie": "gegevens",
        "naam": loket.naam,
        "organisator": loket.organisator,
        "email": loket.email,
        "telefoon": loket.telefoon,
        "adres": loket.adres,
        "huizen": [str(pk) for pk in loket.huizen.values_list("pk", flat=True)],
        **anders,
    }


def test_opgroeien_wijzigt_de_gegevens_van_een_loket(opgroeien_client, meetjesland):
    loket = meetjesland.loket
    antwoord = opgroeien_client.post(
        loket_url(loket),
        gegevens(
            loket, organisator="OCMW Meetjesland", telefoon="09 123 45 67", email="loket@meetjesland.test"
        ),
    )

    assert antwoord.status_code == 302
    loket.refresh_from_db()
    assert (loket.organisator, loket.telefoon, loket.email) == (
        "OCMW Meetjesland",
        "09 123 45 67",
        "loket@meetjesland.test",
    )


def test_een_fout_staat_bij_het_veld_en_er_verandert_niets(opgroeien_client, meetjesland, gent):
    loket = meetjesland.loket
    antwoord = opgroeien_client.post(
        loket_url(loket), gegevens(loket, naam=gent.loket.naam, email="geen-adres", organisator="OCMW")
    )

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert veldfout(html, "naam") == "Er is al een loket met deze naam. Kies een andere naam."
    assert veldfout(html, "email") == "Vul een geldig e-mailadres in, bv. loket@gemeente.be."
    assert 'value="geen-adres"' in html  # nothing typed is lost
    loket.refresh_from_db()
    assert loket.naam == "Lokaal Loket Kinderopvang Meetjesland" and loket.organisator != "OCMW"


def test_een_gemeente_van_een_ander_loket_toevoegen_geeft_de_melding_bij_het_veld(
    opgroeien_client, meetjesland, gent
):
    voor = list(Loketgebied.objects.order_by("pk").values_list("pk", "loket_id", "geldig_van", "geldig_tot"))
    antwoord = opgroeien_client.post(
        loket_url(gent.loket),
        {"actie": "toevoegen", "gemeente": str(gemeente("Eeklo").pk), "vanaf": VANDAAG().isoformat()},
    )

    assert antwoord.status_code == 200
    assert veldfout(antwoord.content.decode(), "gemeente").startswith(
        "Eeklo hoort in die periode bij Lokaal Loket Kinderopvang Meetjesland"
    )
    assert (
        list(Loketgebied.objects.order_by("pk").values_list("pk", "loket_id", "geldig_van", "geldig_tot"))
        == voor
    )


def test_opgroeien_beeindigt_en_voegt_een_gemeente_toe(opgroeien_client, meetjesland, gent):
    rij = Loketgebied.objects.get(loket=meetjesland.loket, gemeente__naam="Eeklo")
    einde = VANDAAG() + datetime.timedelta(days=30)

    opgroeien_client.post(
        loket_url(meetjesland.loket),
        {"actie": "beeindigen", "rij": str(rij.pk), f"einde-{rij.pk}-tot": einde},
    )
    antwoord = opgroeien_client.post(
        loket_url(gent.loket),
        {
            "actie": "toevoegen",
            "gemeente": str(gemeente("Eeklo").pk),
            "vanaf": einde + datetime.timedelta(days=1),
        },
    )

    assert antwoord.status_code == 302
    assert loket_van_gemeente(gemeente("Eeklo"), einde) == meetjesland.loket
    assert loket_van_gemeente(gemeente("Eeklo"), einde + datetime.timedelta(days=1)) == gent.loket


@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.LOKET])
def test_leden_van_een_huis_zien_de_pagina_s_van_opgroeien_niet(rol, meetjesland):
    lid = LidmaatschapFactory(huis=meetjesland, rol=rol).gebruiker
    client = aangemeld(lid)

    assert client.get(reverse("loket:opgroeien_lokets")).status_code == 404
    assert client.get(loket_url(meetjesland.loket)).status_code == 404
    assert (
        client.post(loket_url(meetjesland.loket), gegevens(meetjesland.loket, naam="Anders")).status_code
        == 404
    )
    assert Loket.objects.get(pk=meetjesland.loket.pk).naam == "Lokaal Loket Kinderopvang Meetjesland"


def test_een_bezoeker_moet_aanmelden(client, meetjesland):
    antwoord = client.get(loket_url(meetjesland.loket))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse(settings.LOGIN_URL))


# --- a Huis that hosts no loket -----------------------------------------------------------


def test_de_werkruimte_van_een_huis_zonder_loket_zegt_dat_duidelijk(referentiedata):
    huis = HuisFactory(naam="Huis van het Kind Nieuw", slug="nieuw", loket=False)
    client = aangemeld(LidmaatschapFactory(huis=huis, rol=Rol.LOKET).gebruiker)

    antwoord = client.get(reverse("loket:wachtrij", kwargs={"huis_slug": huis.slug}))

    assert antwoord.status_code == 200
    assert "Huis van het Kind Nieuw heeft geen Lokaal Loket Kinderopvang" in antwoord.content.decode()
    assert client.post(reverse("loket:wachtrij", kwargs={"huis_slug": huis.slug})).status_code == 409


def test_een_nieuw_loket_met_gegevens_en_gebied(referentiedata):
    huis = HuisFactory(naam="Huis van het Kind Nieuw", slug="nieuw", loket=False)
    loket = lokets.maak_loket(
        huis=huis,
        gegevens={
            "naam": "Lokaal Loket Kinderopvang Nieuw",
            "organisator": "Gemeente Nieuw",
            "email": "a@b.be",
        },
    )
    with pytest.raises(ValidationError) as fout:
        lokets.maak_loket(huis=huis, gegevens={"naam": "Tweede", "organisator": "X"})
    assert "huis" in fout.value.message_dict
    # /opgroeien/lokets/nieuw/ is the page for a new loket
    assert loket.slug == "nieuw-loket" and list(loket.huizen.all()) == [huis]
    assert loket_url(loket) == "/opgroeien/lokets/nieuw-loket/"


def test_het_gezin_ziet_de_naam_en_het_contact_van_het_loket(client, meetjesland):
    lokets.wijzig_loket(
        loket=meetjesland.loket,
        gegevens={
            "naam": "Lokaal Loket Kinderopvang Meetjesland",
            "organisator": "OCMW Eeklo",
            "email": "opvang@meetjesland.test",
            "telefoon": "09 376 00 00",
        },
        huizen=[],
    )
    client.post(aanvraag_url(meetjesland), geldige_data(locaties_van(meetjesland), postcode="9900"))
    vraag = Opvangvraag.objects.get()

    mail = UitgaandeMail.objects.get()
    assert "Lokaal Loket Kinderopvang Meetjesland\nopvang@meetjesland.test · 09 376 00 00" in mail.tekst
    html = client.get(reverse("loket:aanvraag", kwargs={"token": vraag.token})).content.decode()
    assert "Bij Lokaal Loket Kinderopvang Meetjesland." in html
    assert 'href="mailto:opvang@meetjesland.test"' in html and "09 376 00 00" in html
    ontvangen = client.get(reverse("loket:ontvangen")).content.decode()
    assert "Neem contact op met Lokaal Loket Kinderopvang Meetjesland" in ontvangen


def test_de_pagina_van_het_huis_van_eeklo_leidt_naar_het_loket_van_meetjesland(client, meetjesland):
    locaties_van(meetjesland)

    html = client.get(reverse("huizen:detail", kwargs={"slug": "eeklo"})).content.decode()

    assert "Lokaal Loket Kinderopvang Meetjesland helpt u een plaats te vinden" in html
    assert reverse("loket:aanvragen", kwargs={"huis_slug": "meetjesland"}) in html


def test_opgroeien_maakt_een_loket_voor_een_huis_zonder_loket(opgroeien_client, referentiedata):
    huis = HuisFactory(naam="Huis van het Kind Nieuw", slug="nieuw", loket=False)
    url = reverse("loket:opgroeien_loket_nieuw")

    fout = opgroeien_client.post(url, {"huis": str(huis.pk), "naam": "", "organisator": "Gemeente Nieuw"})
    assert veldfout(fout.content.decode(), "naam") == "Vul de naam van het loket in."
    assert 'value="Gemeente Nieuw"' in fout.content.decode() and not Loket.objects.filter(huis=huis).exists()

    antwoord = opgroeien_client.post(
        url,
        {"huis": str(huis.pk), "naam": "Lokaal Loket Kinderopvang Nieuw", "organisator": "Gemeente Nieuw"},
    )
    loket = Loket.objects.get(huis=huis)
    assert antwoord.status_code == 302 and antwoord["Location"] == loket_url(loket)
    # a Huis that has a loket is no longer in the list
    assert f'value="{huis.pk}"' not in opgroeien_client.get(url).content.decode()


def test_alleen_opgroeien_maakt_een_loket(referentiedata):
    huis = HuisFactory(naam="Huis van het Kind Nieuw", slug="nieuw", loket=False)
    client = aangemeld(LidmaatschapFactory(huis=huis, rol=Rol.COORDINATOR).gebruiker)
    antwoord = client.post(
        reverse("loket:opgroeien_loket_nieuw"), {"huis": str(huis.pk), "naam": "X", "organisator": "Y"}
    )
    assert antwoord.status_code == 404 and not Loket.objects.exists()


def test_een_wijziging_van_het_gebied_ververst_de_pagina_s_van_de_huizen_van_die_gemeente(
    meetjesland, gent, django_capture_on_commit_callbacks
):
    from kern.versies import versies

    eeklo_huis = meetjesland.loket.huizen.get(slug="eeklo")
    rij = Loketgebied.objects.get(loket=meetjesland.loket, gemeente__naam="Eeklo")
    sleutels = [f"loket:{eeklo_huis.pk}", f"loket:{meetjesland.pk}", f"loket:{gent.pk}"]
    voor = versies(sleutels)

    with django_capture_on_commit_callbacks(execute=True):
        lokets.beeindig_gemeente(loket=meetjesland.loket, gebied_id=rij.pk, tot=VANDAAG())

    na = versies(sleutels)
    assert na[0] > voor[0] and na[1] > voor[1] and na[2] == voor[2]


def test_ook_in_het_beheer_hoort_een_gemeente_bij_hoogstens_een_loket(beheerder_client, meetjesland, gent):
    loket = gent.loket
    gent_rij = Loketgebied.objects.get(loket=loket)
    data = {
        "naam": loket.naam,
        "slug": loket.slug,
        "organisator": loket.organisator,
        "email": loket.email,
        "telefoon": "",
        "adres": "",
        "huis": str(gent.pk),
        "huizen": [str(gent.pk)],
        "gebied-TOTAL_FORMS": "2",
        "gebied-INITIAL_FORMS": "1",
        "gebied-MIN_NUM_FORMS": "0",
        "gebied-MAX_NUM_FORMS": "1000",
        "gebied-0-id": str(gent_rij.pk),
        "gebied-0-loket": str(loket.pk),
        "gebied-0-gemeente": str(gent_rij.gemeente_id),
        "gebied-0-geldig_van": "",
        "gebied-0-geldig_tot": "",
        "gebied-1-loket": str(loket.pk),
        "gebied-1-gemeente": str(gemeente("Eeklo").pk),
        "gebied-1-geldig_van": VANDAAG().isoformat(),
        "gebied-1-geldig_tot": "",
    }
    antwoord = beheerder_client.post(reverse("admin:loket_loket_change", args=[loket.pk]), data)

    assert antwoord.status_code == 200
    assert "Eeklo hoort in die periode bij Lokaal Loket Kinderopvang Meetjesland" in antwoord.content.decode()
    assert not Loketgebied.objects.filter(loket=loket, gemeente__naam="Eeklo").exists()
