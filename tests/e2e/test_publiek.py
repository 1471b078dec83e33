"""A parent finds their Huis; staff log in and land on their start page (real Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.aanmelden import vul_code_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def zoek(page, term):
    page.get_by_label("Postcode of gemeente").fill(term)
    page.get_by_role("button", name="Zoeken").click()


def test_een_ouder_vindt_het_huis_van_gent_via_postcode(pagina, demodata, toegankelijk):
    pagina.goto("/")
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "Vind het Huis van het Kind bij u in de buurt"
    )
    toegankelijk(pagina)

    zoek(pagina, "9000")

    expect(pagina.get_by_role("heading", name="Huis van het Kind voor Gent")).to_be_visible()
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Huis van het Kind Gent", exact=True).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Huis van het Kind Gent")
    expect(pagina.get_by_role("region", name="Contact")).to_contain_text("@")
    toegankelijk(pagina)


def test_een_postcode_over_twee_gemeenten_vraagt_welke(pagina, demodata, toegankelijk):
    pagina.goto("/huizen/")
    zoek(pagina, "3470")

    expect(pagina.get_by_text("Postcode 3470 ligt in meer dan één gemeente.")).to_be_visible()
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Tienen", exact=True).click()

    expect(pagina.get_by_role("heading", name="Huis van het Kind voor Tienen")).to_be_visible()
    expect(pagina.get_by_role("link", name="Huis van het Kind Tienen", exact=True)).to_be_visible()


def test_brussel_en_de_lijst_van_alle_huizen(pagina, demodata, toegankelijk):
    pagina.goto("/huizen/")
    expect(pagina.get_by_role("heading", name="227 Huizen van het Kind")).to_be_visible()
    pagina.get_by_role("link", name="Volgende").click()
    expect(pagina.get_by_text("Pagina 2 van 10")).to_be_visible()

    zoek(pagina, "1030")
    pagina.get_by_role("link", name="Huis van het Kind Brussel", exact=True).click()
    expect(pagina.get_by_role("heading", name="Werkt in 19 gemeenten")).to_be_visible()
    toegankelijk(pagina)


@pytest.mark.parametrize(
    ("email", "pad", "titel"),
    [
        ("coordinator@demo.huizenvanhetkind.test", "/mijn-huis/gent/", "Huis van het Kind Gent"),
        ("loket@demo.huizenvanhetkind.test", "/mijn-huis/gent/", "Huis van het Kind Gent"),
        ("opgroeien@demo.huizenvanhetkind.test", "/opgroeien/", "Alle Huizen van het Kind"),
        ("beheerder@demo.huizenvanhetkind.test", "/beheer/", "Functioneel beheer"),
    ],
)
def test_elke_demo_login_landt_op_de_startpagina_van_haar_rol(
    pagina, demodata, toegankelijk, email, pad, titel
):
    pagina.goto("/")
    pagina.get_by_role("link", name="Aanmelden voor medewerkers").click()
    toegankelijk(pagina)
    pagina.get_by_label("E-mailadres").fill(email)
    pagina.get_by_label("Wachtwoord").fill(demodata)
    pagina.get_by_role("button", name="Aanmelden").click()
    expect(pagina.get_by_label("Code")).to_be_visible()
    toegankelijk(pagina)
    vul_code_in(pagina, email)

    expect(pagina).to_have_url(re.compile(re.escape(pad) + "$"))
    expect(pagina.get_by_role("heading", level=1)).to_contain_text(titel)
    if not pad.startswith("/beheer/"):
        toegankelijk(pagina)
        pagina.get_by_role("button", name=re.compile("Afmelden")).click()
        expect(pagina.get_by_role("link", name="Aanmelden voor medewerkers")).to_be_visible()


def test_een_fout_wachtwoord_houdt_het_e_mailadres_bij(pagina, demodata, toegankelijk):
    pagina.goto("/account/login/")
    pagina.get_by_label("E-mailadres").fill("coordinator@demo.huizenvanhetkind.test")
    pagina.get_by_label("Wachtwoord").fill("fout")
    pagina.get_by_role("button", name="Aanmelden").click()

    expect(pagina.get_by_text("niet correct")).to_be_visible()
    expect(pagina.get_by_label("E-mailadres")).to_have_value("coordinator@demo.huizenvanhetkind.test")
    toegankelijk(pagina)


def test_de_inhoud_is_met_het_toetsenbord_bereikbaar(pagina, demodata):
    pagina.goto("/")
    pagina.keyboard.press("Tab")
    overslaan = pagina.get_by_role("link", name="Naar de inhoud")
    expect(overslaan).to_be_focused()
    pagina.keyboard.press("Enter")
    expect(pagina).to_have_url(re.compile("#inhoud$"))
