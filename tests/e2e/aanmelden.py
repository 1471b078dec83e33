"""Logging in through the browser: e-mail address and password, then the authenticator app's code."""

import re

from playwright.sync_api import expect

from kern.models import User
from tests.aanmelden import geef_authenticator, totp_code


def vul_code_in(pagina, email):
    """The second step of the login: the code of the user's authenticator app."""
    geheim = geef_authenticator(User.objects.get(email__iexact=email))
    pagina.get_by_label("Code").fill(totp_code(geheim))
    pagina.get_by_role("button", name="Aanmelden").click()
    expect(pagina).not_to_have_url(re.compile(r"/account/(login|2fa)/"))


def meld_aan(pagina, email, wachtwoord):
    """Log in as the user, who gets an authenticator app first if they have none."""
    geef_authenticator(User.objects.get(email__iexact=email))
    pagina.goto("/account/login/")
    pagina.get_by_label("E-mailadres").fill(email)
    pagina.get_by_label("Wachtwoord").fill(wachtwoord)
    pagina.get_by_role("button", name="Aanmelden").click()
    vul_code_in(pagina, email)
