import datetime

import pytest
from django.urls import reverse

from huizen.models import Gemeente, Werkingsgebied
from huizen.services import importeer_vrind_clusters
from tests.factories import HuisFactory, LidmaatschapFactory, SubsidieFactory

pytestmark = pytest.mark.django_db


def test_de_werkruimte_toont_team_subsidies_en_historiek(client, huis, coordinator, loket_medewerker):
    SubsidieFactory(huis=huis, jaar=2025, bedrag=7840)
    oud = Werkingsgebied.objects.get(huis=huis)
    oud.geldig_tot = datetime.date(2020, 12, 31)
    oud.save()
    client.force_login(loket_medewerker)

    antwoord = client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug}))
    tekst = antwoord.content.decode()

    assert "U bent hier medewerker Lokaal Loket Kinderopvang." in tekst
    assert coordinator.email in tekst and loket_medewerker.email in tekst
    assert "€ 7.840" in tekst
    assert list(antwoord.context["gemeenten_vandaag"]) == []
    assert "Er zijn vandaag geen gemeenten aan dit Huis gekoppeld." in tekst
    assert "31-12-2020" in tekst


def test_opgroeien_ziet_elke_werkruimte_en_een_lid_alleen_de_eigen(
    client, huis, ander_huis, coordinator, opgroeien_medewerker
):
    client.force_login(coordinator)
    assert client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": ander_huis.slug})).status_code == 404
    assert client.get(reverse("huizen:opgroeien_overzicht")).status_code == 404
    client.force_login(opgroeien_medewerker)
    antwoord = client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": ander_huis.slug}))
    assert "U bekijkt dit Huis als medewerker van Opgroeien." in antwoord.content.decode()


@pytest.fixture
def landschap(referentiedata):
    gent, aalter, knesselare = (Gemeente.objects.get(nis=n) for n in ("44021", "44084", "44029"))
    importeer_vrind_clusters(inhoud="nis,cluster\n44021,3\n44084,6\n44029,6\n", bron="test")
    stad = HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gent])
    regio = HuisFactory(naam="Huis van het Kind Aalter", slug="aalter", gemeenten=[aalter])
    SubsidieFactory(huis=stad, jaar=2026, bedrag=40000)
    SubsidieFactory(huis=regio, jaar=2026, bedrag=2000)
    SubsidieFactory(huis=regio, jaar=2025, bedrag=1900)
    return stad, regio, knesselare


def test_het_overzicht_van_opgroeien_telt_en_filtert(client, opgroeien_medewerker, landschap):
    stad, regio, _ = landschap
    client.force_login(opgroeien_medewerker)

    antwoord = client.get(reverse("huizen:opgroeien_overzicht"))
    overzicht = antwoord.context["overzicht"]
    assert (overzicht.aantal_huizen, overzicht.aantal_gemeenten_met_huis) == (2, 2)
    assert overzicht.subsidiejaar == 2026 and overzicht.subsidie_mediaan == 21000
    assert len(overzicht.gemeenten_zonder_huis) == 285 + 19 - 2
    rij = {h.slug: h for h in antwoord.context["huizen"]}["aalter"]
    assert (rij.laatste_subsidie, rij.laatste_subsidiejaar) == (2000, 2026)

    platteland = client.get(reverse("huizen:opgroeien_overzicht"), {"cluster": "6"})
    assert [h.slug for h in platteland.context["huizen"]] == ["aalter"]
    inter = client.get(reverse("huizen:opgroeien_overzicht"), {"soort": "intergemeentelijk"})
    assert list(inter.context["huizen"]) == []
    fout = client.get(reverse("huizen:opgroeien_overzicht"), {"cluster": "99"})
    assert fout.status_code == 200 and "Selecteer een geldige keuze" in fout.content.decode()


def test_het_overzicht_doet_evenveel_queries_bij_meer_huizen(
    client, opgroeien_medewerker, landschap, django_assert_max_num_queries
):
    for i in range(40):
        huis = HuisFactory(gemeenten=[Gemeente.objects.get(nis="11002")])
        SubsidieFactory(huis=huis, jaar=2026, bedrag=1000 + i)
        LidmaatschapFactory(huis=huis)
    client.force_login(opgroeien_medewerker)
    with django_assert_max_num_queries(14):
        client.get(reverse("huizen:opgroeien_overzicht"))
