"""The main menu: the user's own Huizen and roles, read from the database once per minute per session."""

import pytest
from django.urls import reverse

from tests.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db


def test_het_menu_toont_de_eigen_huizen_zonder_ze_bij_elke_pagina_op_te_vragen(
    client, django_assert_max_num_queries
):
    lid = LidmaatschapFactory(huis__naam="Huis van het Kind Menu")
    client.force_login(lid.gebruiker)
    werkruimte = reverse("huizen:werkruimte", kwargs={"huis_slug": lid.huis.slug})

    eerste = client.get(reverse("toegankelijkheid")).content.decode()
    assert f'<a href="{werkruimte}">Huis van het Kind Menu</a>' in eerste

    # The next page reads the session and the user, nothing for the menu.
    with django_assert_max_num_queries(2):
        volgende = client.get(reverse("toegankelijkheid")).content.decode()
    assert f'<a href="{werkruimte}">Huis van het Kind Menu</a>' in volgende


def test_een_nieuwe_aanmelding_ziet_een_nieuw_lidmaatschap_meteen(client):
    lid = LidmaatschapFactory(huis__naam="Huis van het Kind Een")
    client.force_login(lid.gebruiker)
    client.get(reverse("toegankelijkheid"))
    LidmaatschapFactory(gebruiker=lid.gebruiker, huis__naam="Huis van het Kind Twee")

    client.logout()
    client.force_login(lid.gebruiker)  # logging in again starts a new session
    assert "Huis van het Kind Twee" in client.get(reverse("toegankelijkheid")).content.decode()
