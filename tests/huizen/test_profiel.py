"""A coordinator maintains the profile of their Huis; members and Opgroeien only look at it."""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from huizen.models import (
    Contactpunt,
    Coordinator,
    Gemeente,
    Locatie,
    Openingsuur,
    Overlegorgaan,
    Partner,
    Werkingsgebied,
    Wijziging,
)
from huizen.services import bewaar_onderdeel
from huizen.services_profiel import Uur, bewaar_locatie
from tests.factories import (
    ContactpuntFactory,
    CoordinatorFactory,
    LocatieFactory,
    OverlegorgaanFactory,
    PartnerFactory,
    SubsidieFactory,
)

pytestmark = pytest.mark.django_db


# --- Helpers ----------------------------------------------------------------------------------


def url(naam, huis, **kwargs):
    return reverse(f"huizen:{naam}", kwargs={"huis_slug": huis.slug, **kwargs})


def tekst(antwoord) -> str:
    return antwoord.content.decode()


def fout_bij(antwoord, veld_id: str) -> str:
    """The error message rendered next to the field, tied to it by aria-describedby."""
    html = tekst(antwoord)
    gevonden = re.search(rf'<p class="veld__fout" id="{re.escape(veld_id)}_error">(.*?)</p>', html, re.S)
    assert gevonden, f"geen fout bij {veld_id}"
    invoer = re.search(rf'<(?:input|select|textarea)[^>]*id="{re.escape(veld_id)}"[^>]*>', html)
    if invoer:  # a single input (radio groups carry the description on their fieldset)
        assert 'aria-invalid="true"' in invoer.group(0)
        assert f"{veld_id}_error" in invoer.group(0)
    assert f'href="#{veld_id}' in html, "het foutoverzicht linkt niet naar het veld"
    return gevonden.group(1)


def png(grootte=(20, 20), formaat="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", grootte, "#ffe615").save(buffer, formaat)
    return buffer.getvalue()


@pytest.fixture
def gent(referentiedata, huis):
    """The Huis covers Gent too, a gemeente with real postcodes."""
    gemeente = Gemeente.objects.get(nis="44021")
    Werkingsgebied.objects.create(huis=huis, gemeente=gemeente)
    return gemeente


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


ALGEMEEN = {
    "naam": "Huis van het Kind Eigen",
    "korte_beschrijving": "Voor alle vragen over opvoeden en opgroeien.",
    "website": "https://www.huisvanhetkind-eigen.be",
    "facebook": "",
    "instagram": "",
    "email": "info@eigen.test",
    "telefoon": "09 123 45 67",
    "rechtsvorm": "vzw",
    "vertegenwoordiger": "Huis van het Kind Eigen vzw",
    "aantal_medewerkers": "3",
}


def locatie_data(gemeente, **velden):
    data = {
        "versie": "",
        "naam": "Huis van het Kind Centrum",
        "straat": "Kerkstraat 12",
        "postcode": "9000",
        "gemeente": str(gemeente.pk),
        "toegankelijkheid": "Rolstoeltoegankelijk",
        "draagt_naam_huis": "on",
        "uren-TOTAL_FORMS": "4",
        "uren-INITIAL_FORMS": "0",
        "uren-MIN_NUM_FORMS": "0",
        "uren-MAX_NUM_FORMS": "60",
        "uren-0-weekdag": "0",
        "uren-0-van": "09:00",
        "uren-0-tot": "12:00",
        "uren-1-weekdag": "0",
        "uren-1-van": "13:00",
        "uren-1-tot": "17:00",
        "uren-2-weekdag": "2",
        "uren-2-van": "09:00",
        "uren-2-tot": "12:00",
        "uren-3-weekdag": "",
        "uren-3-van": "",
        "uren-3-tot": "",
    }
    data.update(velden)
    return data


# --- Overview --------------------------------------------------------------------------------


def test_het_profiel_toont_lege_onderdelen_met_een_uitnodiging(coordinator_client, huis):
    html = tekst(coordinator_client.get(url("profiel", huis)))
    assert "Nog geen locaties. Voeg er een toe." in html
    assert "Nog geen contactpunten. Voeg er een toe." in html
    assert "Nog geen partners. Voeg er een toe." in html
    assert "Nog geen overlegorganen. Voeg er een toe." in html
    assert "Nog geen coördinatoren. Voeg er een toe." in html
    assert url("profiel_locatie_nieuw", huis) in html


def test_het_profiel_toont_werkingsgebied_en_subsidies_alleen_ter_inzage(coordinator_client, huis, gent):
    SubsidieFactory(huis=huis, jaar=2026, bedrag=12345)
    html = tekst(coordinator_client.get(url("profiel", huis)))
    assert "Gent" in html and "Opgroeien beheert het werkingsgebied." in html
    assert "€ 12.345" in html
    assert "/subsidie" not in html and "Opgroeien kent de subsidie toe" in html


def test_de_werkruimte_linkt_naar_profiel_en_historiek(coordinator_client, huis):
    html = tekst(coordinator_client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})))
    assert url("profiel", huis) in html and url("profiel_historiek", huis) in html


def test_het_profiel_doet_evenveel_queries_bij_meer_locaties_en_partners(
    coordinator_client, huis, gent, django_assert_max_num_queries
):
    def vul(aantal):
        for _ in range(aantal):
            partner = PartnerFactory(huis=huis)
            locatie = LocatieFactory(
                huis=huis,
                gemeente=gent,
                openingsuren=[
                    (0, datetime.time(9), datetime.time(12)),
                    (1, datetime.time(9), datetime.time(12)),
                ],
            )
            locatie.partners.add(partner)
            ContactpuntFactory(huis=huis)
            CoordinatorFactory(huis=huis)
            OverlegorgaanFactory(huis=huis)

    vul(1)
    cache.clear()  # the page as it is rendered, not its sections from the cache
    with django_assert_max_num_queries(20) as weinig:
        coordinator_client.get(url("profiel", huis))
    vul(25)
    cache.clear()
    with django_assert_max_num_queries(len(weinig.captured_queries)) as veel:
        antwoord = coordinator_client.get(url("profiel", huis))
    assert tekst(antwoord).count('class="kaart"') == 26
    assert len(veel.captured_queries) == len(weinig.captured_queries)


# --- Algemeen --------------------------------------------------------------------------------


def test_algemene_gegevens_bewaren_en_in_de_historiek(coordinator_client, huis):
    antwoord = coordinator_client.post(url("profiel_algemeen", huis), {**ALGEMEEN, "versie": "1"})

    assert antwoord.status_code == 302 and antwoord["Location"] == url("profiel", huis) + "#algemeen"
    huis.refresh_from_db()
    assert (huis.telefoon, huis.rechtsvorm, huis.aantal_medewerkers, huis.versie) == (
        "+32 9 123 45 67",
        "vzw",
        3,
        2,
    )
    wijziging = Wijziging.objects.get(huis=huis)
    assert wijziging.onderdeel == "Algemeen" and wijziging.actie == "gewijzigd"
    assert {"veld": "rechtsvorm", "oud": "feitelijke vereniging", "nieuw": "vzw"} in wijziging.velden
    gevolgd = coordinator_client.get(antwoord["Location"])
    assert "Algemene gegevens bewaard." in tekst(gevolgd)


def test_het_formulier_algemeen_toont_de_huidige_waarden_en_de_versie(coordinator_client, huis):
    html = tekst(coordinator_client.get(url("profiel_algemeen", huis)))
    assert 'name="versie" value="1"' in html
    assert f'value="{huis.naam}"' in html
    assert 'enctype="multipart/form-data"' in html and "novalidate" in html
    assert re.search(r'<label for="id_naam">Naam <span class="verplicht">', html)


def test_een_fout_e_mailadres_geeft_een_fout_bij_het_veld_en_bewaart_niets(coordinator_client, huis):
    antwoord = coordinator_client.post(
        url("profiel_algemeen", huis), {**ALGEMEEN, "email": "geen-adres", "versie": "1"}
    )

    assert antwoord.status_code == 200
    assert "geldig e-mailadres" in fout_bij(antwoord, "id_email")
    html = tekst(antwoord)
    assert 'value="geen-adres"' in html and 'value="09 123 45 67"' in html
    assert 'role="alert"' in html and "Er is 1 probleem met uw invoer" in html
    huis.refresh_from_db()
    assert huis.telefoon == "" and huis.versie == 1 and not Wijziging.objects.exists()


def test_een_logo_opladen_tonen_en_verwijderen(coordinator_client, huis, media):
    logo = SimpleUploadedFile("mijn logo.png", png(), content_type="image/png")
    antwoord = coordinator_client.post(
        url("profiel_algemeen", huis), {**ALGEMEEN, "versie": "1", "logo": logo}
    )

    assert antwoord.status_code == 302
    huis.refresh_from_db()
    assert huis.logo.name.startswith("logos/eigen") and huis.logo.name.endswith(".png")
    beeld = coordinator_client.get(reverse("huizen:logo", kwargs={"slug": huis.slug}))
    assert beeld["Content-Type"] == "image/png" and b"".join(beeld.streaming_content) == png()
    assert reverse("huizen:logo", kwargs={"slug": huis.slug}) in tekst(
        coordinator_client.get(url("profiel", huis))
    )
    formulier = tekst(coordinator_client.get(url("profiel_algemeen", huis)))
    assert "Het huidige logo verwijderen" in formulier
    assert f'alt="Huidig logo van {huis.naam}"' in formulier

    coordinator_client.post(
        url("profiel_algemeen", huis), {**ALGEMEEN, "versie": str(huis.versie), "logo_verwijderen": "on"}
    )
    huis.refresh_from_db()
    assert not huis.logo
    assert coordinator_client.get(reverse("huizen:logo", kwargs={"slug": huis.slug})).status_code == 404
    assert "Huidig logo van" not in tekst(coordinator_client.get(url("profiel_algemeen", huis)))


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("groot.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), "hoogstens 1 MB"),
        ("tekst.png", b"dit is geen afbeelding", "geen afbeelding"),
        ("bewegend.gif", png(formaat="GIF"), "GIF-bestand"),
        ("vermomd.png", png(formaat="GIF"), "GIF-bestand"),
        ("logo.bmp", png(), "eindigt op .png, .jpg, .jpeg of .webp"),
    ],
)
def test_een_verkeerd_logo_wordt_geweigerd(coordinator_client, huis, media, naam, inhoud, melding):
    logo = SimpleUploadedFile(naam, inhoud, content_type="image/png")
    antwoord = coordinator_client.post(
        url("profiel_algemeen", huis), {**ALGEMEEN, "telefoon": "03 999 99 99", "versie": "1", "logo": logo}
    )

    assert antwoord.status_code == 200
    assert melding in fout_bij(antwoord, "id_logo")
    assert 'value="03 999 99 99"' in tekst(antwoord)
    huis.refresh_from_db()
    assert not huis.logo and huis.telefoon == "" and not list(media.rglob("*.*"))


def test_jpeg_en_webp_zijn_ook_goed(coordinator_client, huis, media):
    for formaat, extensie in (("JPEG", "jpg"), ("WEBP", "webp")):
        huis.refresh_from_db()
        logo = SimpleUploadedFile(f"logo.{extensie}", png(formaat=formaat))
        antwoord = coordinator_client.post(
            url("profiel_algemeen", huis), {**ALGEMEEN, "versie": str(huis.versie), "logo": logo}
        )
        assert antwoord.status_code == 302
        huis.refresh_from_db()
        assert huis.logo.name.endswith(f".{extensie}")


def test_een_verouderde_versie_geeft_een_conflict_en_houdt_de_invoer(coordinator_client, huis, coordinator):
    bewaar_onderdeel(
        gebruiker=coordinator,
        huis=huis,
        obj=huis,
        gegevens={"telefoon": "09 000 00 00"},
        onderdeel="Algemeen",
        verwachte_versie=1,
    )

    antwoord = coordinator_client.post(
        url("profiel_algemeen", huis), {**ALGEMEEN, "telefoon": "09 111 11 11", "versie": "1"}
    )

    html = tekst(antwoord)
    assert antwoord.status_code == 200
    assert re.search(r'role="alert">\s*<p>Iemand anders heeft dit onderdeel intussen gewijzigd', html)
    assert 'value="09 111 11 11"' in html
    assert "09 000 00 00" in html  # what is saved now, so the user can compare
    assert 'name="versie" value="2"' in html  # saving again knowingly overwrites
    huis.refresh_from_db()
    assert huis.telefoon == "09 000 00 00" and Wijziging.objects.count() == 1

    opnieuw = coordinator_client.post(
        url("profiel_algemeen", huis), {**ALGEMEEN, "telefoon": "09 111 11 11", "versie": "2"}
    )
    assert opnieuw.status_code == 302
    huis.refresh_from_db()
    assert huis.telefoon == "+32 9 111 11 11"


def test_een_formulier_zonder_versie_wordt_niet_blind_bewaard(coordinator_client, huis):
    antwoord = coordinator_client.post(url("profiel_algemeen", huis), ALGEMEEN)
    assert antwoord.status_code == 200 and "Open het opnieuw" in tekst(antwoord)
    huis.refresh_from_db()
    assert huis.versie == 1


# --- Coördinatoren ---------------------------------------------------------------------------


def test_een_coordinator_toevoegen_wijzigen_en_verwijderen(coordinator_client, huis):
    antwoord = coordinator_client.post(
        url("profiel_coordinator_nieuw", huis),
        {"naam": "An Peeters", "email": "an@eigen.test", "telefoon": "", "uren_per_week": "19.5"},
    )
    assert antwoord.status_code == 302
    rij = Coordinator.objects.get(huis=huis)
    assert (rij.naam, str(rij.uren_per_week), rij.versie) == ("An Peeters", "19.5", 1)

    antwoord = coordinator_client.post(
        url("profiel_coordinator", huis, pk=rij.pk),
        {"naam": "An Peeters", "email": "an@eigen.test", "uren_per_week": "61", "versie": "1"},
    )
    assert "60" in fout_bij(antwoord, "id_uren_per_week")
    assert 'value="61"' in tekst(antwoord)

    coordinator_client.post(
        url("profiel_coordinator", huis, pk=rij.pk),
        {"naam": "An Peeters", "email": "an@eigen.test", "uren_per_week": "24", "versie": "1"},
    )
    bevestig = coordinator_client.get(url("profiel_coordinator_verwijderen", huis, pk=rij.pk))
    assert "Coördinator ‘An Peeters’ verwijderen?" in tekst(bevestig)
    assert 'name="versie" value="2"' in tekst(bevestig)
    weg = coordinator_client.post(url("profiel_coordinator_verwijderen", huis, pk=rij.pk), {"versie": "2"})
    assert weg["Location"] == url("profiel", huis) + "#coordinatoren"
    assert not Coordinator.objects.exists()
    assert list(Wijziging.objects.values_list("onderdeel", "actie")) == [
        ("Coördinatoren", "verwijderd"),
        ("Coördinatoren", "gewijzigd"),
        ("Coördinatoren", "toegevoegd"),
    ]


def test_iets_verwijderen_dat_al_weg_is_stuurt_terug_met_een_melding(coordinator_client, huis):
    antwoord = coordinator_client.post(
        url("profiel_coordinator_verwijderen", huis, pk=999999), {"versie": "1"}, follow=True
    )
    assert "Dit was al verwijderd." in tekst(antwoord)
    assert antwoord.redirect_chain[-1][0] == url("profiel", huis) + "#coordinatoren"
    assert not Wijziging.objects.exists()


def test_verwijderen_met_een_verouderde_versie_vraagt_opnieuw_te_bevestigen(coordinator_client, huis):
    partner = PartnerFactory(huis=huis, versie=3)
    antwoord = coordinator_client.post(
        url("profiel_partner_verwijderen", huis, pk=partner.pk), {"versie": "2"}
    )
    assert antwoord.status_code == 409 and "Iemand anders heeft dit intussen gewijzigd" in tekst(antwoord)
    assert 'name="versie" value="3"' in tekst(antwoord)
    assert Partner.objects.filter(pk=partner.pk).exists()


# --- Locaties --------------------------------------------------------------------------------


def test_een_locatie_met_openingsuren_en_partners_toevoegen(coordinator_client, huis, gent):
    clb = PartnerFactory(huis=huis, naam="CLB Gent")
    antwoord = coordinator_client.post(
        url("profiel_locatie_nieuw", huis), locatie_data(gent, partners=[str(clb.pk)])
    )

    assert antwoord.status_code == 302, tekst(antwoord)
    locatie = Locatie.objects.get(huis=huis)
    assert list(locatie.partners.all()) == [clb]
    assert [str(o) for o in locatie.openingsuren.all()] == [
        "maandag 09:00–12:00",
        "maandag 13:00–17:00",
        "woensdag 09:00–12:00",
    ]
    wijziging = Wijziging.objects.get()
    assert (wijziging.onderdeel, wijziging.actie) == ("Locaties", "toegevoegd")
    assert {
        "veld": "openingsuren",
        "oud": "–",
        "nieuw": "maandag 09:00–12:00 en 13:00–17:00; woensdag 09:00–12:00",
    } in wijziging.velden
    html = tekst(coordinator_client.get(url("profiel", huis)))
    assert "Huis van het Kind Centrum" in html and "09:00–12:00, 13:00–17:00" in html
    assert "Locatie ‘Huis van het Kind Centrum’ toegevoegd." in html


def test_openingsuren_van_een_locatie_wijzigen_vervangt_ze(coordinator_client, huis, gent):
    locatie = LocatieFactory(
        huis=huis, gemeente=gent, openingsuren=[(0, datetime.time(9), datetime.time(12))]
    )
    formulier = tekst(coordinator_client.get(url("profiel_locatie", huis, pk=locatie.pk)))
    assert (
        'name="uren-0-van" value="09:00"' in formulier and 'name="uren-INITIAL_FORMS" value="1"' in formulier
    )

    data = locatie_data(gent, naam=locatie.naam, versie="1")
    data.update({"uren-INITIAL_FORMS": "1", "uren-0-DELETE": "on"})
    antwoord = coordinator_client.post(url("profiel_locatie", huis, pk=locatie.pk), data)

    assert antwoord.status_code == 302
    assert [str(o) for o in Openingsuur.objects.filter(locatie=locatie)] == [
        "maandag 13:00–17:00",
        "woensdag 09:00–12:00",
    ]
    velden = Wijziging.objects.get().velden
    assert {
        "veld": "openingsuren",
        "oud": "maandag 09:00–12:00",
        "nieuw": "maandag 13:00–17:00; woensdag 09:00–12:00",
    } in velden


def test_een_postcode_buiten_de_gemeente_wordt_geweigerd(coordinator_client, huis, gent):
    antwoord = coordinator_client.post(
        url("profiel_locatie_nieuw", huis), locatie_data(gent, postcode="2000")
    )

    melding = fout_bij(antwoord, "id_postcode")
    assert "Postcode 2000 ligt niet in Gent." in melding and "9000" in melding
    html = tekst(antwoord)
    assert 'value="2000"' in html and 'value="Kerkstraat 12"' in html and 'value="13:00"' in html
    assert not Locatie.objects.exists() and not Wijziging.objects.exists()


def test_een_onbestaande_postcode_of_een_gemeente_buiten_het_werkingsgebied(coordinator_client, huis, gent):
    antwoord = coordinator_client.post(
        url("profiel_locatie_nieuw", huis), locatie_data(gent, postcode="0999")
    )
    assert "bestaat niet in Vlaanderen of Brussel" in fout_bij(antwoord, "id_postcode")
    antwerpen = Gemeente.objects.get(nis="11002")
    antwoord = coordinator_client.post(
        url("profiel_locatie_nieuw", huis), locatie_data(antwerpen, postcode="2000")
    )
    assert "Kies een gemeente uit het werkingsgebied" in fout_bij(antwoord, "id_gemeente")
    assert not Locatie.objects.exists()


def test_een_sluitingsuur_voor_het_openingsuur_en_overlappende_uren(coordinator_client, huis, gent):
    data = locatie_data(gent, **{"uren-1-van": "11:00", "uren-2-van": "12:30", "uren-2-tot": "10:00"})
    antwoord = coordinator_client.post(url("profiel_locatie_nieuw", huis), data)

    assert "Het sluitingsuur moet na het openingsuur liggen." in fout_bij(antwoord, "id_uren-2-tot")
    assert "Openingsuur 3, tot: Het sluitingsuur" in tekst(antwoord)
    assert not Locatie.objects.exists()

    data = locatie_data(gent, **{"uren-1-van": "11:00"})
    antwoord = coordinator_client.post(url("profiel_locatie_nieuw", huis), data)
    assert "Overlapt met maandag 09:00–12:00." in fout_bij(antwoord, "id_uren-1-van")
    assert 'value="11:00"' in tekst(antwoord)
    assert not Locatie.objects.exists() and not Openingsuur.objects.exists()


def test_een_halve_rij_openingsuren_vraagt_wat_ontbreekt(coordinator_client, huis, gent):
    data = locatie_data(gent, **{"uren-3-weekdag": "4", "uren-3-van": "09:00"})
    antwoord = coordinator_client.post(url("profiel_locatie_nieuw", huis), data)
    assert "Vul het sluitingsuur in." in fout_bij(antwoord, "id_uren-3-tot")
    assert not Locatie.objects.exists()


def test_de_locatie_kiest_alleen_partners_van_het_eigen_huis(coordinator_client, huis, ander_huis, gent):
    vreemd = PartnerFactory(huis=ander_huis)
    html = tekst(coordinator_client.get(url("profiel_locatie_nieuw", huis)))
    assert vreemd.naam not in html
    antwoord = coordinator_client.post(
        url("profiel_locatie_nieuw", huis), locatie_data(gent, partners=[str(vreemd.pk)])
    )
    assert "Kies alleen partners van dit Huis." in tekst(antwoord)
    assert not Locatie.objects.exists()


def test_bewaar_locatie_is_een_geheel(huis, gent, coordinator):
    locatie = LocatieFactory(
        huis=huis, gemeente=gent, openingsuren=[(0, datetime.time(9), datetime.time(12))]
    )
    with pytest.raises(Exception, match="overlapt"):
        bewaar_locatie(
            gebruiker=coordinator,
            huis=huis,
            locatie=locatie,
            gegevens={"naam": "Nieuwe naam"},
            partners=[],
            openingsuren=[
                Uur(1, datetime.time(9), datetime.time(12)),
                Uur(1, datetime.time(10), datetime.time(11)),
            ],
            verwachte_versie=1,
        )
    locatie.refresh_from_db()
    assert locatie.naam != "Nieuwe naam" and locatie.openingsuren.count() == 1
    assert not Wijziging.objects.exists()


# --- Contactpunten ---------------------------------------------------------------------------


def test_een_contactpunt_toevoegen_en_een_fout_e_mailadres(coordinator_client, huis):
    fout = coordinator_client.post(
        url("profiel_contactpunt_nieuw", huis),
        {"soort": "email", "waarde": "niet-een-adres", "beschikbaarheid": "werkdagen"},
    )
    assert "Vul een geldig e-mailadres in." in fout_bij(fout, "id_waarde")
    assert 'value="niet-een-adres"' in tekst(fout) and 'value="werkdagen"' in tekst(fout)
    assert not Contactpunt.objects.exists()

    goed = coordinator_client.post(
        url("profiel_contactpunt_nieuw", huis),
        {"soort": "email", "waarde": "vragen@eigen.test", "beschikbaarheid": "werkdagen"},
    )
    assert goed.status_code == 302 and goed["Location"].endswith("#contactpunten")
    assert Contactpunt.objects.get().waarde == "vragen@eigen.test"
    assert Wijziging.objects.get().onderdeel == "Contactpunten"


def test_een_website_als_contactpunt_moet_een_volledige_link_zijn(coordinator_client, huis):
    antwoord = coordinator_client.post(
        url("profiel_contactpunt_nieuw", huis), {"soort": "website", "waarde": "eigen punt test"}
    )
    assert "beginnend met https://" in fout_bij(antwoord, "id_waarde")


# --- Partners --------------------------------------------------------------------------------

PARTNER = {
    "naam": "CLB Eigen",
    "soort": "clb",
    "kind_en_gezin_partner": "",
    "kernpartner": "on",
    "samenwerking": "4",
    "samenwerking_beschrijving": "Samen zitdagen in de school.",
    "contactpersoon": "Jan",
    "contact_email": "jan@clb.test",
    "contact_telefoon": "",
}


def test_een_partner_toevoegen_en_wijzigen(coordinator_client, huis):
    html = tekst(coordinator_client.get(url("profiel_partner_nieuw", huis)))
    assert "1 – geen samenwerking" in html and "5 – nauwe samenwerking" in html
    assert 'type="radio" name="samenwerking" value="5"' in html

    assert coordinator_client.post(url("profiel_partner_nieuw", huis), PARTNER).status_code == 302
    partner = Partner.objects.get()
    assert (partner.samenwerking, partner.kernpartner) == (4, True)

    antwoord = coordinator_client.post(
        url("profiel_partner", huis, pk=partner.pk), {**PARTNER, "samenwerking": "5", "versie": "1"}
    )
    assert antwoord.status_code == 302
    wijziging = Wijziging.objects.filter(actie="gewijzigd").get()
    assert wijziging.velden == [{"veld": "mate van samenwerking", "oud": "4", "nieuw": "5"}]


def test_een_samenwerking_van_9_wordt_geweigerd(coordinator_client, huis):
    antwoord = coordinator_client.post(url("profiel_partner_nieuw", huis), {**PARTNER, "samenwerking": "9"})

    assert "Kies een score van 1 tot 5." in fout_bij(antwoord, "id_samenwerking")
    html = tekst(antwoord)
    assert 'href="#id_samenwerking_0"' in html
    assert 'aria-describedby="id_samenwerking_error"' in html
    assert 'value="CLB Eigen"' in html and "Samen zitdagen in de school." in html
    assert not Partner.objects.exists()


def test_een_verouderde_partner_geeft_een_conflict(coordinator_client, huis):
    partner = PartnerFactory(huis=huis, naam="CLB Eigen", versie=2, samenwerking=2)
    antwoord = coordinator_client.post(
        url("profiel_partner", huis, pk=partner.pk), {**PARTNER, "samenwerking": "5", "versie": "1"}
    )
    html = tekst(antwoord)
    assert "Iemand anders heeft dit onderdeel intussen gewijzigd" in html
    assert 'value="5"\n' in html or re.search(r'value="5"[^>]*checked', html)
    partner.refresh_from_db()
    assert partner.samenwerking == 2


def test_een_partner_die_intussen_verwijderd_is_kan_opnieuw_toegevoegd_worden(coordinator_client, huis):
    partner = PartnerFactory(huis=huis)
    pk = partner.pk
    partner.delete()
    antwoord = coordinator_client.post(url("profiel_partner", huis, pk=pk), {**PARTNER, "versie": "1"})
    html = tekst(antwoord)
    assert "intussen verwijderd" in html and 'value="CLB Eigen"' in html
    assert f'action="{url("profiel_partner_nieuw", huis)}"' in html
    assert not Partner.objects.exists()
    assert coordinator_client.get(url("profiel_partner", huis, pk=pk)).status_code == 404


# --- Structuur -------------------------------------------------------------------------------


def test_structuur_met_cofinanciering_en_overlegorgaan(coordinator_client, huis):
    fout = coordinator_client.post(
        url("profiel_structuur", huis),
        {"versie": "1", "cofinanciering_lokaal_bestuur": "False", "cofinanciering_bedrag": "2500"},
    )
    assert "alleen een bedrag" in fout_bij(fout, "id_cofinanciering_bedrag")
    assert 'value="2500"' in tekst(fout)
    assert re.search(r'value="False"[^>]*checked', tekst(fout))

    goed = coordinator_client.post(
        url("profiel_structuur", huis),
        {
            "versie": "1",
            "beslissingsafspraken": "De stuurgroep beslist.",
            "cofinanciering_lokaal_bestuur": "True",
            "cofinanciering_bedrag": "2500.00",
            "projectmiddelen": "",
        },
    )
    assert goed.status_code == 302 and goed["Location"].endswith("#structuur")
    huis.refresh_from_db()
    assert huis.cofinanciering_lokaal_bestuur is True and huis.cofinanciering_bedrag == 2500
    assert Wijziging.objects.get().onderdeel == "Structuur"

    orgaan = coordinator_client.post(
        url("profiel_overlegorgaan_nieuw", huis),
        {"soort": "kerngroep", "naam": "Kerngroep", "samenstelling": "OCMW, CLB", "vergaderfrequentie": "4x"},
    )
    assert orgaan.status_code == 302
    assert Overlegorgaan.objects.get().get_soort_display() == "Kerngroep"
    html = tekst(coordinator_client.get(url("profiel", huis)))
    assert "De stuurgroep beslist." in html and "€ 2.500,00" in html and "OCMW, CLB" in html


def test_een_overlegorgaan_zonder_soort(coordinator_client, huis):
    antwoord = coordinator_client.post(url("profiel_overlegorgaan_nieuw", huis), {"naam": "Iets"})
    assert "Vul dit veld in." in fout_bij(antwoord, "id_soort")
    assert not Overlegorgaan.objects.exists()


# --- Historiek -------------------------------------------------------------------------------


def test_de_historiek_toont_wie_wat_wanneer_nieuwste_eerst_per_25(
    client, huis, coordinator, loket_medewerker
):
    for nummer in range(30):
        bewaar_onderdeel(
            gebruiker=coordinator,
            huis=huis,
            obj=huis,
            gegevens={"telefoon": f"09 000 00 {nummer:02d}"},
            onderdeel="Algemeen",
            verwachte_versie=None,
        )
    client.force_login(loket_medewerker)
    eerste = client.get(url("profiel_historiek", huis))
    html = tekst(eerste)
    assert len(eerste.context["wijzigingen"]) == 25
    assert [w.velden[0]["nieuw"] for w in eerste.context["wijzigingen"][:2]] == [
        "09 000 00 29",
        "09 000 00 28",
    ]
    assert "09 000 00 28" in html and "Telefoonnummer:" in html and escape(coordinator.naam) in html
    assert "Pagina 1 van 2" in html
    tweede = client.get(url("profiel_historiek", huis), {"pagina": "2"})
    assert len(tweede.context["wijzigingen"]) == 5 and "09 000 00 00" in tekst(tweede)


def test_de_historiek_van_een_leeg_profiel(coordinator_client, huis):
    assert "Er is nog niets gewijzigd aan het profiel." in tekst(
        coordinator_client.get(url("profiel_historiek", huis))
    )


# --- Wie mag wat -----------------------------------------------------------------------------


def _bewerk_urls(huis, partner):
    return [
        url("profiel_algemeen", huis),
        url("profiel_structuur", huis),
        url("profiel_partner_nieuw", huis),
        url("profiel_partner", huis, pk=partner.pk),
        url("profiel_partner_verwijderen", huis, pk=partner.pk),
        url("profiel_locatie_nieuw", huis),
        url("profiel_contactpunt_nieuw", huis),
        url("profiel_coordinator_nieuw", huis),
        url("profiel_overlegorgaan_nieuw", huis),
    ]


@pytest.mark.parametrize(("wie", "status"), [("loket_medewerker", 404), ("opgroeien_medewerker", 403)])
def test_loket_en_opgroeien_bekijken_maar_wijzigen_niet(client, request, huis, wie, status):
    client.force_login(request.getfixturevalue(wie))
    partner = PartnerFactory(huis=huis, naam="CLB Eigen")

    overzicht = client.get(url("profiel", huis))
    assert overzicht.status_code == 200 and "CLB Eigen" in tekst(overzicht)
    assert "Alleen de coördinatoren van het Huis kunnen het wijzigen." in tekst(overzicht)
    assert url("profiel_algemeen", huis) not in tekst(overzicht)
    assert client.get(url("profiel_historiek", huis)).status_code == 200
    for adres in _bewerk_urls(huis, partner):
        assert client.get(adres).status_code == status, adres
        assert client.post(adres, {**ALGEMEEN, **PARTNER, "versie": "1"}).status_code == status, adres
    huis.refresh_from_db()
    assert huis.versie == 1 and Partner.objects.get().versie == 1 and not Wijziging.objects.exists()


def test_opgroeien_die_ook_coordinator_is_mag_wel_wijzigen(client, huis, opgroeien_medewerker):
    from tests.factories import LidmaatschapFactory

    LidmaatschapFactory(huis=huis, gebruiker=opgroeien_medewerker, rol="coordinator")
    client.force_login(opgroeien_medewerker)
    assert client.get(url("profiel_algemeen", huis)).status_code == 200


def test_een_lid_van_een_ander_huis_ziet_niets(client, huis, lid_ander_huis, ander_huis):
    partner = PartnerFactory(huis=huis)
    client.force_login(lid_ander_huis)
    for adres in [url("profiel", huis), url("profiel_historiek", huis), *_bewerk_urls(huis, partner)]:
        assert client.get(adres).status_code == 404, adres
    # and a row of another Huis is not reachable through one's own Huis either
    eigen_url = url("profiel_partner", ander_huis, pk=partner.pk)
    assert client.get(eigen_url).status_code == 404
    assert client.post(eigen_url, {**PARTNER, "versie": "1"}).status_code == 200  # "gone": nothing saved
    assert Partner.objects.get(pk=partner.pk).naam == partner.naam
    assert not Partner.objects.filter(huis=ander_huis).exists()


def test_anoniem_moet_aanmelden(client, huis):
    antwoord = client.get(url("profiel", huis))
    assert antwoord.status_code == 302 and "/account/login/" in antwoord["Location"]


def test_het_logo_is_publiek_zoals_de_pagina_van_het_huis(client, huis, media):
    huis.logo = SimpleUploadedFile("logo.png", png())
    huis.save()
    antwoord = client.get(reverse("huizen:logo", kwargs={"slug": huis.slug}))
    assert antwoord["Content-Type"] == "image/png" and b"".join(antwoord.streaming_content) == png()
    assert reverse("huizen:logo", kwargs={"slug": huis.slug}) in tekst(client.get(huis.get_absolute_url()))


def test_een_lege_of_vreemde_post_geeft_nooit_een_serverfout(coordinator_client, huis, gent):
    partner = PartnerFactory(huis=huis)
    locatie = LocatieFactory(huis=huis, gemeente=gent)
    adressen = [*_bewerk_urls(huis, partner), url("profiel_locatie", huis, pk=locatie.pk)]
    vreemd = {"versie": "abc", "uren-TOTAL_FORMS": "100000", "uren-INITIAL_FORMS": "x", "samenwerking": "0"}
    for adres in adressen:
        for data in ({}, vreemd):
            antwoord = coordinator_client.post(adres, data)
            assert antwoord.status_code in (200, 302, 400), adres
    assert Partner.objects.get().versie == 1 and Locatie.objects.get().versie == 1
    assert not Wijziging.objects.exists()


@pytest.mark.parametrize("onderdeel", ["coordinator", "contactpunt", "overlegorgaan", "structuur", "locatie"])
def test_elk_onderdeel_weigert_een_verouderde_versie(coordinator_client, huis, gent, onderdeel):
    if onderdeel == "structuur":
        Huis = type(huis)
        Huis.objects.filter(pk=huis.pk).update(versie=2, beslissingsafspraken="Nu bewaard")
        adres, data, invoer = (
            url("profiel_structuur", huis),
            {"beslissingsafspraken": "Mijn tekst"},
            "Mijn tekst",
        )
    else:
        rij = {
            "coordinator": lambda: CoordinatorFactory(huis=huis, naam="Nu bewaard", versie=2),
            "contactpunt": lambda: ContactpuntFactory(huis=huis, waarde="Nu bewaard", versie=2),
            "overlegorgaan": lambda: OverlegorgaanFactory(huis=huis, naam="Nu bewaard", versie=2),
            "locatie": lambda: LocatieFactory(
                huis=huis,
                gemeente=gent,
                naam="Nu bewaard",
                versie=2,
                openingsuren=[(4, datetime.time(8), datetime.time(9))],
            ),
        }[onderdeel]()
        adres = url(f"profiel_{onderdeel}", huis, pk=rij.pk)
        data = {
            "coordinator": {"naam": "Mijn invoer"},
            "contactpunt": {"soort": "telefoon", "waarde": "Mijn invoer"},
            "overlegorgaan": {"soort": "kerngroep", "naam": "Mijn invoer"},
            "locatie": locatie_data(gent, naam="Mijn invoer"),
        }[onderdeel]
        invoer = "Mijn invoer"

    antwoord = coordinator_client.post(adres, {**data, "versie": "1"})

    html = tekst(antwoord)
    assert antwoord.status_code == 200
    assert "Iemand anders heeft dit onderdeel intussen gewijzigd" in html
    assert invoer in html and "Nu bewaard" in html and 'name="versie" value="2"' in html
    if onderdeel == "locatie":
        assert "vrijdag 08:00–09:00" in html  # the saved opening hours, to compare
    assert not Wijziging.objects.exists()
