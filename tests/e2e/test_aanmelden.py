"""A new staff member sets up the authenticator app at the first login (real Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from kern.tenancy import Rol
from tests.aanmelden import totp_code
from tests.factories import HuisFactory, LidmaatschapFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "een-lang-wachtwoord-2026"


def test_bij_de_eerste_aanmelding_stelt_de_medewerker_een_authenticator_app_in(pagina, toegankelijk):
    huis = HuisFactory(naam="Huis van het Kind Eigen", slug="eigen")
    nieuw = LidmaatschapFactory(huis=huis, rol=Rol.COORDINATOR).gebruiker

    pagina.goto("/account/login/")
    pagina.get_by_label("E-mailadres").fill(nieuw.email)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Aanmelden").click()
    expect(pagina.get_by_text("Stel eerst een tweede stap in")).to_be_visible()
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)  # allauth asks again before adding a factor
    pagina.get_by_role("button", name="Bevestigen").click()

    expect(pagina.get_by_role("heading", level=1)).to_have_text("Activeer authenticator-app")
    toegankelijk(pagina)
    pagina.goto("/mijn-huis/eigen/")
    expect(pagina).to_have_url(re.compile("/account/2fa/totp/activate/$"))
    geheim = pagina.get_by_label("Authenticator geheim").input_value()
    pagina.get_by_label("Code").fill(totp_code(geheim))
    pagina.get_by_role("button", name="Activeer").click()

    expect(pagina.get_by_role("heading", level=1)).to_have_text("Herstelcodes")
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Verder naar uw startpagina").click()
    expect(pagina).to_have_url(re.compile("/mijn-huis/eigen/$"))
