"""A parent finds the Huis of their gemeente on the map, with the mouse or the keyboard (real Chromium)."""

import pytest
from playwright.sync_api import expect

from huizen.models import Gemeente
from huizen.services import laad_referentiedata
from tests.factories import HuisFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def huizen(transactional_db):
    if not Gemeente.objects.exists():
        laad_referentiedata()
    HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")])


@pytest.mark.parametrize("breedte", [375, 1280])
def test_een_ouder_klikt_op_de_kaart_zijn_gemeente_aan(pagina, huizen, toegankelijk, breedte):
    pagina.set_viewport_size({"width": breedte, "height": 900})
    pagina.goto("/huizen/")
    pagina.get_by_role("link", name="Bekijk op de kaart").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "Welk Huis van het Kind is er voor uw gemeente?"
    )
    toegankelijk(pagina)
    kaart = pagina.locator("svg.kaart-svg")
    assert kaart.bounding_box()["width"] >= breedte - 160  # the map takes the width of the screen
    assert pagina.evaluate("document.documentElement.scrollWidth") <= breedte  # nothing sticks out

    pagina.get_by_role("link", name="Gent: Huis van het Kind Gent").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Huis van het Kind Gent")


def test_wie_met_het_toetsenbord_werkt_kan_de_kaart_overslaan(pagina, huizen):
    pagina.goto("/huizen/kaart/")
    overslaan = pagina.get_by_role("link", name="Sla de kaart over en ga naar de tabel")
    overslaan.focus()
    expect(overslaan).to_be_visible()
    pagina.keyboard.press("Enter")
    pagina.keyboard.press("Tab")
    expect(pagina.locator(":focus")).to_have_text("Meer informatie voor Aalst")  # the first link of the table
