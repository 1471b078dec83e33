"""The coordinator of a Huis reads the Huis's survey answers once they are submitted, comments per
theme and prints a summary; nobody else of another Huis, nor the Huis's loket staff, sees them."""

import pytest
from django.urls import reverse

from bevraging.models import Commentaar, Responsstatus
from bevraging.services import Antwoordinvoer, bewaar_antwoorden, dien_in, start_respons, wijs_toe
from tests.bevraging.test_interview import maak_open_golf, vul_alles_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GEHEIM = "Onze eigen werking in de wijk"


@pytest.fixture
def golf(geleverde_golven, opgroeien_medewerker):
    return maak_open_golf(geleverde_golven, opgroeien_medewerker)


@pytest.fixture
def respons(golf, huis, opgroeien_medewerker):
    wijs_toe(golf=golf, huis=huis, interviewer=opgroeien_medewerker, door=opgroeien_medewerker)
    respons = vul_alles_in(
        start_respons(golf=golf, huis=huis, door=opgroeien_medewerker), opgroeien_medewerker
    )
    return bewaar_antwoorden(
        respons=respons,
        invoer={
            "omgevingsanalyse.opmerkingen": Antwoordinvoer(GEHEIM),
            "participatie.inspraak_ouders": Antwoordinvoer(4, toelichting="Via de ouderraad."),
            "kernpartners.belangrijkste_partners": Antwoordinvoer(["clb", "andere"], andere_tekst="OCMW"),
        },
        versie=respons.versie,
        door=opgroeien_medewerker,
    )


@pytest.fixture
def ingediend(respons, opgroeien_medewerker):
    return dien_in(respons=respons, door=opgroeien_medewerker)


def urls(huis, golf):
    return {
        "overzicht": reverse("bevraging:huis_overzicht", kwargs={"huis_slug": huis.slug}),
        "antwoorden": reverse(
            "bevraging:huis_antwoorden", kwargs={"huis_slug": huis.slug, "golf_pk": golf.pk}
        ),
        "afdruk": reverse("bevraging:huis_afdruk", kwargs={"huis_slug": huis.slug, "golf_pk": golf.pk}),
    }


def test_voor_het_indienen_ziet_de_coordinator_niets(client, coordinator, huis, golf, respons):
    client.force_login(coordinator)
    pagina = client.get(urls(huis, golf)["antwoorden"]).content.decode()
    assert "nog niet ingediend" in pagina and GEHEIM not in pagina and "Via de ouderraad" not in pagina
    afdruk = client.get(urls(huis, golf)["afdruk"]).content.decode()
    assert "nog niet ingediend" in afdruk and GEHEIM not in afdruk
    overzicht = client.get(urls(huis, golf)["overzicht"]).content.decode()
    assert "Bevraging 2026" in overzicht and "Nog niet ingediend" in overzicht
    assert urls(huis, golf)["antwoorden"] not in overzicht
    client.post(urls(huis, golf)["antwoorden"], {"thema": "participatie", "tekst": "Te vroeg"})
    assert not Commentaar.objects.exists()


def test_na_het_indienen_leest_de_coordinator_de_antwoorden_zonder_ze_te_kunnen_wijzigen(
    client, coordinator, huis, golf, ingediend
):
    client.force_login(coordinator)
    overzicht = client.get(urls(huis, golf)["overzicht"]).content.decode()
    assert urls(huis, golf)["antwoorden"] in overzicht and urls(huis, golf)["afdruk"] in overzicht
    pagina = client.get(urls(huis, golf)["antwoorden"]).content.decode()
    assert GEHEIM in pagina and "Via de ouderraad." in pagina
    assert "4 – redelijk veel inspraak" in pagina
    assert "CLB" in pagina and "Andere: OCMW" in pagina
    assert 'name="participatie.inspraak_ouders"' not in pagina  # no input to change an answer
    assert pagina.count('name="tekst"') == 12  # one comment form per theme
    # The interview pages stay closed to the coordinator.
    invullen = reverse(
        "bevraging:invullen", kwargs={"golf_pk": golf.pk, "huis_slug": huis.slug, "thema": "participatie"}
    )
    assert client.get(invullen).status_code == 404
    assert client.post(invullen, {"versie": "3", "participatie.inspraak_ouders": "1"}).status_code == 404
    assert ingediend.antwoorden.get(vraag__sleutel="participatie.inspraak_ouders").waarde == 4


def test_de_coordinator_geeft_commentaar_per_thema(client, coordinator, huis, golf, ingediend):
    client.force_login(coordinator)
    pad = urls(huis, golf)["antwoorden"]
    leeg = client.post(pad, {"thema": "participatie", "tekst": "   "})
    assert leeg.status_code == 200 and "Schrijf een commentaar." in leeg.content.decode()
    assert 'id="commentaar-participatie-tekst"' in leeg.content.decode()
    te_lang = client.post(pad, {"thema": "participatie", "tekst": "x" * 2001})
    assert "hoogstens 2000 tekens" in te_lang.content.decode() and "x" * 2001 in te_lang.content.decode()
    onbekend = client.post(pad, {"thema": "bestaat_niet", "tekst": "Iets"}, follow=True)
    assert "Kies het thema" in onbekend.content.decode()
    assert not Commentaar.objects.exists()

    antwoord = client.post(pad, {"thema": "participatie", "tekst": "De ouderraad is nieuw sinds dit jaar."})
    assert antwoord.status_code == 302 and antwoord["Location"].endswith("#thema-participatie")
    commentaar = Commentaar.objects.get()
    assert (commentaar.thema.sleutel, commentaar.auteur, commentaar.respons) == (
        "participatie",
        coordinator,
        ingediend,
    )
    assert "De ouderraad is nieuw sinds dit jaar." in client.get(pad).content.decode()
    assert "De ouderraad is nieuw sinds dit jaar." in client.get(urls(huis, golf)["afdruk"]).content.decode()


def test_opgroeien_leest_mee_maar_geeft_geen_commentaar(client, huis, golf, ingediend):
    client.force_login(UserFactory(opgroeien=True))
    pagina = client.get(urls(huis, golf)["antwoorden"]).content.decode()
    assert GEHEIM in pagina and 'name="tekst"' not in pagina
    assert (
        client.post(urls(huis, golf)["antwoorden"], {"thema": "participatie", "tekst": "x"}).status_code
        == 403
    )
    assert not Commentaar.objects.exists()


def test_een_ander_huis_en_het_loket_van_het_huis_krijgen_404(
    client, huis, golf, ingediend, lid_ander_huis, loket_medewerker
):
    for gebruiker in (lid_ander_huis, loket_medewerker):
        client.force_login(gebruiker)
        for pad in urls(huis, golf).values():
            antwoord = client.get(pad)
            assert antwoord.status_code == 404, pad
            assert GEHEIM not in antwoord.content.decode()
        assert (
            client.post(urls(huis, golf)["antwoorden"], {"thema": "participatie", "tekst": "x"}).status_code
            == 404
        )
    assert not Commentaar.objects.exists()
    client.logout()
    assert client.get(urls(huis, golf)["antwoorden"]).status_code == 302


def test_de_afdrukbare_samenvatting(client, coordinator, huis, golf, ingediend):
    client.force_login(coordinator)
    antwoord = client.get(urls(huis, golf)["afdruk"])
    pagina = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "css/bevraging-afdruk.css" in pagina and "<script" not in pagina
    assert "<h1>Huis van het Kind Eigen</h1>" in pagina and "Antwoorden in Bevraging 2026" in pagina
    assert "1. Omgevingsanalyse" in pagina and "12. Ondersteuning" in pagina
    assert GEHEIM in pagina and "Andere: OCMW" in pagina and "Via de ouderraad." in pagina


def test_een_heropende_respons_is_weer_verborgen_tot_ze_opnieuw_ingediend_is(
    client, coordinator, huis, golf, ingediend, opgroeien_medewerker
):
    from bevraging.services import heropen_respons

    heropen_respons(respons=ingediend, door=opgroeien_medewerker, reden="Een antwoord klopt niet.")
    client.force_login(coordinator)
    pagina = client.get(urls(huis, golf)["antwoorden"]).content.decode()
    assert "nog niet ingediend" in pagina and GEHEIM not in pagina
    ingediend.refresh_from_db()
    assert ingediend.status == Responsstatus.HEROPEND


def test_de_werkruimte_linkt_de_coordinator_naar_de_bevraging(client, huis, coordinator, loket_medewerker):
    werkruimte = reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})
    overzicht = reverse("bevraging:huis_overzicht", kwargs={"huis_slug": huis.slug})
    client.force_login(coordinator)
    assert overzicht in client.get(werkruimte).content.decode()
    client.force_login(loket_medewerker)
    assert overzicht not in client.get(werkruimte).content.decode()
