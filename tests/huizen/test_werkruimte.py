import datetime

import pytest
from django.urls import reverse

from huizen.models import Werkingsgebied
from tests.factories import SubsidieFactory

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
    assert "31 december 2020" in tekst


def test_opgroeien_ziet_elke_werkruimte_en_een_lid_alleen_de_eigen(
    client, huis, ander_huis, coordinator, opgroeien_medewerker
):
    client.force_login(coordinator)
    assert client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": ander_huis.slug})).status_code == 404
    assert client.get(reverse("huizen:opgroeien_overzicht")).status_code == 404
    client.force_login(opgroeien_medewerker)
    antwoord = client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": ander_huis.slug}))
    assert "U bekijkt dit Huis als medewerker van Opgroeien." in antwoord.content.decode()


def test_alleen_opgroeien_krijgt_de_links_om_gebied_en_subsidies_te_wijzigen(
    client, huis, coordinator, opgroeien_medewerker
):
    pad = reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})
    wijzig = reverse("huizen:opgroeien_subsidies", kwargs={"huis_slug": huis.slug})
    client.force_login(coordinator)
    assert wijzig not in client.get(pad).content.decode()
    client.force_login(opgroeien_medewerker)
    assert wijzig in client.get(pad).content.decode()
