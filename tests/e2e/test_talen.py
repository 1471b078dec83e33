"""A parent who reads French or English switches the language on a phone and stays where they were
(real Chromium, 375 px)."""

import pytest
from playwright.sync_api import expect

from huizen.models import Gemeente
from tests.factories import HuisFactory, OpvanglocatieFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def breedte(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_een_ouder_kiest_frans_en_blijft_op_dezelfde_zoekpagina(
    chromium, live_server, demodata, toegankelijk
):
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-BE", viewport={"width": 375, "height": 800}
    )
    pagina = context.new_page()
    pagina.goto("/huizen/?q=9000")
    expect(pagina.locator("html")).to_have_attribute("lang", "nl-BE")  # the browser's French does not count

    pagina.get_by_role("button", name="Français").click()

    expect(pagina).to_have_url(f"{live_server.url}/huizen/?q=9000")
    expect(pagina.locator("html")).to_have_attribute("lang", "fr")
    expect(pagina.get_by_role("heading", name="Huis van het Kind pour Gent")).to_be_visible()
    expect(pagina.get_by_label("Code postal ou commune")).to_have_value("9000")
    assert breedte(pagina) <= 375
    toegankelijk(pagina)

    pagina.get_by_role("link", name="Huis van het Kind Gent", exact=True).click()
    expect(pagina.get_by_role("heading", name="À propos de ce Huis")).to_be_visible()
    assert breedte(pagina) <= 375
    toegankelijk(pagina)

    pagina.get_by_role("button", name="English").click()
    expect(pagina.get_by_role("heading", name="About this Huis")).to_be_visible()
    pagina.get_by_role("button", name="Nederlands").click()
    expect(pagina.get_by_role("heading", name="Over dit Huis")).to_be_visible()
    expect(pagina.locator("html")).to_have_attribute("lang", "nl-BE")
    context.close()


def test_een_ouder_wisselt_van_taal_op_het_aanvraagformulier_en_verliest_niets(
    chromium, live_server, referentiedata, toegankelijk
):
    gent = Gemeente.objects.get(nis="44021")
    huis = HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gent])
    OpvanglocatieFactory(huis=huis, gemeente=gent, naam="Kinderdagverblijf Het Nest")
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 375, "height": 800})
    pagina = context.new_page()
    pagina.goto("/opvang/gent/aanvragen/")
    pagina.get_by_label("Voornaam").fill("Lotte")
    pagina.locator('input[name="ouders-0-naam"]').fill("Sam Peeters")

    pagina.get_by_role("button", name="Français").click()

    expect(pagina.locator("html")).to_have_attribute("lang", "fr")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Demander une place d’accueil")
    expect(pagina.get_by_label("Prénom")).to_have_value("Lotte")
    expect(pagina.locator('input[name="ouders-0-naam"]')).to_have_value("Sam Peeters")
    expect(pagina.locator(".veld__fout")).to_have_count(0)  # not judged yet
    assert breedte(pagina) <= 375
    toegankelijk(pagina)

    pagina.reload()  # the cookie keeps the language for the next page
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Demander une place d’accueil")
    context.close()
