"""The workspace and the profile of a Huis stay lean: a handful of queries whatever the Huis holds,
their Huis data from the cache per data version, and always current after a change."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from huizen.services_opgroeien import bewaar_subsidies
from tests.factories import (
    ContactpuntFactory,
    CoordinatorFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OverlegorgaanFactory,
    PartnerFactory,
    SubsidieFactory,
)
from tests.profiel import wijzig_profiel

pytestmark = pytest.mark.django_db

#: session, user, the Huis (with whether the user may edit it), navigation, data versions; the
#: workspace reads its team too
HANDVOL = {"huizen:werkruimte": 6, "huizen:profiel": 5}


def url(naam, huis):
    return reverse(naam, kwargs={"huis_slug": huis.slug})


def vul(huis, aantal, start=0):
    for i in range(start, start + aantal):
        partner = PartnerFactory(huis=huis, naam=f"Partner {i}")
        LocatieFactory(
            huis=huis,
            naam=f"Locatie {i}",
            partners=[partner],
            openingsuren=[
                (0, datetime.time(9), datetime.time(12)),
                (2, datetime.time(13), datetime.time(16)),
            ],
        )
        ContactpuntFactory(huis=huis)
        CoordinatorFactory(huis=huis)
        OverlegorgaanFactory(huis=huis)
        SubsidieFactory(huis=huis, jaar=2000 + i, bedrag=Decimal(5000 + i))
        LidmaatschapFactory(huis=huis, rol="loket")


@pytest.mark.parametrize("naam", ["huizen:werkruimte", "huizen:profiel"])
def test_een_persoonlijke_pagina_kost_een_handvol_queries_ook_bij_veel_gegevens(
    client, huis, coordinator, naam, django_assert_max_num_queries
):
    client.force_login(coordinator)
    vul(huis, 1)
    client.get(url(naam, huis))
    with django_assert_max_num_queries(HANDVOL[naam]) as weinig:
        assert client.get(url(naam, huis)).status_code == 200
    vul(huis, 25, start=1)
    cache.clear()
    client.get(url(naam, huis))  # rendered anew, with 26 of everything
    with django_assert_max_num_queries(HANDVOL[naam]) as veel:
        antwoord = client.get(url(naam, huis))
    assert len(veel.captured_queries) == len(weinig.captured_queries)
    assert "Partner 25" in antwoord.content.decode() or naam == "huizen:werkruimte"
    assert "2025" in antwoord.content.decode() or naam == "huizen:profiel"


@pytest.mark.parametrize("naam", ["huizen:werkruimte", "huizen:profiel"])
def test_de_werkruimte_en_het_profiel_volgen_een_wijziging_meteen(
    client, huis, coordinator, naam, opgroeien_medewerker, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    assert "€ 12.345" not in client.get(url(naam, huis)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        bewaar_subsidies(
            gebruiker=opgroeien_medewerker,
            huis=huis,
            subsidies={2026: Decimal(12345)},
            verwachte_versie=huis.versie,
        )
    assert "€ 12.345" in client.get(url(naam, huis)).content.decode()


@pytest.mark.parametrize("naam", ["huizen:werkruimte", "huizen:profiel"])
def test_de_gecachete_delen_blijven_html(client, huis, coordinator, naam):
    client.force_login(coordinator)
    eerste = client.get(url(naam, huis)).content.decode()
    tweede = client.get(url(naam, huis)).content.decode()  # its parts from the cache
    for html in (eerste, tweede):
        assert html.count('<section class="blok') >= 2 and "&lt;section" not in html


def test_het_profiel_toont_een_nieuwe_partner_en_telefoon_na_bewaren(
    client, huis, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.get(url("huizen:profiel", huis))
    with django_capture_on_commit_callbacks(execute=True):
        wijzig_profiel(huis, coordinator, telefoon="09 876 54 32")
    assert "09 876 54 32" in client.get(url("huizen:profiel", huis)).content.decode()


def test_wie_mag_bewerken_en_wie_alleen_kijkt_krijgen_elk_hun_eigen_profiel(
    client, huis, coordinator, loket_medewerker
):
    client.force_login(coordinator)
    assert "Algemene gegevens wijzigen" in client.get(url("huizen:profiel", huis)).content.decode()
    client.force_login(loket_medewerker)
    html = client.get(url("huizen:profiel", huis)).content.decode()
    assert "Algemene gegevens wijzigen" not in html
    assert "Alleen de coördinatoren van het Huis kunnen het wijzigen." in html


def test_de_werkruimte_toont_opgroeien_de_links_om_te_wijzigen_en_een_lid_niet(
    client, huis, coordinator, opgroeien_medewerker
):
    client.force_login(coordinator)
    assert "Werkingsgebied wijzigen" not in client.get(url("huizen:werkruimte", huis)).content.decode()
    client.force_login(opgroeien_medewerker)
    assert "Werkingsgebied wijzigen" in client.get(url("huizen:werkruimte", huis)).content.decode()


def test_het_team_in_de_werkruimte_is_altijd_actueel(client, huis, coordinator):
    client.force_login(coordinator)
    client.get(url("huizen:werkruimte", huis))
    nieuw = LidmaatschapFactory(huis=huis, rol="loket").gebruiker  # e.g. added in the admin
    assert nieuw.email in client.get(url("huizen:werkruimte", huis)).content.decode()
    nieuw.naam = "Nieuwe Naam Van De Collega"  # changed outside the Huis's data
    nieuw.save()
    assert "Nieuwe Naam Van De Collega" in client.get(url("huizen:werkruimte", huis)).content.decode()


def test_het_menu_toont_de_eigen_huizen_eenmaal_en_op_naam(client, huis, ander_huis, coordinator):
    LidmaatschapFactory(huis=huis, gebruiker=coordinator, rol="loket")  # two roles in one Huis
    LidmaatschapFactory(huis=ander_huis, gebruiker=coordinator, rol="coordinator")
    client.force_login(coordinator)
    html = client.get(reverse("toegankelijkheid")).content.decode()
    eigen, ander = url("huizen:werkruimte", huis), url("huizen:werkruimte", ander_huis)
    assert html.count(f'href="{eigen}"') == 1 and html.count(f'href="{ander}"') == 1
    assert html.index(ander) < html.index(eigen)  # "… Ander" before "… Eigen"
    assert "Mijn opvang" not in html
