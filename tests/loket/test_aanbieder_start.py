"""A childcare provider lands on "Mijn opvang" after logging in and finds it in the menu."""

import pytest
from django.urls import reverse

from kern.tenancy import Rol
from tests.factories import AanbiederFactory, LidmaatschapFactory, OrganisatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_een_aanbieder_zonder_huis_komt_op_mijn_opvang(client):
    aanbieder = AanbiederFactory().gebruiker
    client.force_login(aanbieder)

    antwoord = client.get(reverse("start"))

    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("loket:aanbieder")
    assert client.get(antwoord["Location"]).status_code == 200


def test_een_aanbieder_van_een_organisator_komt_ook_op_mijn_opvang(client):
    lid = AanbiederFactory(locatie=None, organisator=OrganisatorFactory(naam="Kinderopvang Zon vzw"))
    client.force_login(lid.gebruiker)
    assert client.get(reverse("start"))["Location"] == reverse("loket:aanbieder")


def test_een_aanbieder_die_ook_lid_is_van_een_huis_komt_in_de_werkruimte(client, huis):
    gebruiker = LidmaatschapFactory(huis=huis, rol=Rol.LOKET).gebruiker
    AanbiederFactory(gebruiker=gebruiker)
    client.force_login(gebruiker)
    assert client.get(reverse("start"))["Location"] == reverse(
        "huizen:werkruimte", kwargs={"huis_slug": huis.slug}
    )


def test_zonder_rol_blijft_de_uitleg(client):
    client.force_login(UserFactory())
    antwoord = client.get(reverse("start"), follow=True)
    assert "nog niet gekoppeld aan een Huis van het Kind" in antwoord.content.decode()


def test_mijn_opvang_staat_alleen_voor_aanbieders_in_het_menu(client, coordinator, loket_medewerker):
    aanbieder = AanbiederFactory().gebruiker
    link = f'href="{reverse("loket:aanbieder")}"'

    client.force_login(aanbieder)
    tekst = client.get(reverse("home")).content.decode()
    assert "Mijn opvang" in tekst and link in tekst

    for gebruiker in (coordinator, loket_medewerker):
        client.force_login(gebruiker)
        tekst = client.get(reverse("home")).content.decode()
        assert "Mijn opvang" not in tekst and link not in tekst

    client.logout()
    assert "Mijn opvang" not in client.get(reverse("home")).content.decode()


def test_het_menu_markeert_mijn_opvang_als_huidige_pagina(client):
    client.force_login(AanbiederFactory().gebruiker)
    tekst = client.get(reverse("loket:aanbieder")).content.decode()
    assert f'<a href="{reverse("loket:aanbieder")}" aria-current="page">Mijn opvang</a>' in tekst
