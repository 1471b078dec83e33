"""Opgroeien prepares the next wave in real Chromium on a phone-sized screen (375 px): a new wave
from the 2022 questionnaire, a question added, one reworded with a reason, the wave opened; the
questionnaire is then read-only. No page scrolls sideways, axe passes, nothing breaks the CSP."""

import re

import pytest
from playwright.sync_api import expect

from bevraging.models import Golf, Golfstatus, Vraag
from tests.e2e.aanmelden import meld_aan
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-wachtwoord-2026"


@pytest.fixture
def opgroeien(referentiedata):
    from bevraging.services import laad_geleverde_vragenlijsten

    if not Golf.objects.filter(jaar=2022).exists():
        laad_geleverde_vragenlijsten()
    return UserFactory(email="olga@opgroeien.test", naam="Olga Opgroeien", opgroeien=True)


def past_op_het_scherm(pagina):
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 375, pagina.url


def test_opgroeien_bereidt_de_volgende_golf_voor_in_de_browser(pagina, opgroeien, toegankelijk):
    pagina.set_viewport_size({"width": 375, "height": 800})
    meld_aan(pagina, "olga@opgroeien.test", WACHTWOORD)
    pagina.get_by_role("link", name="Bevraging", exact=True).click()
    pagina.get_by_role("link", name="Nieuwe golf voorbereiden").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Nieuwe golf voorbereiden")
    expect(pagina.get_by_label("Jaar")).to_have_value("2027")
    past_op_het_scherm(pagina)
    pagina.get_by_role("button", name="Golf aanmaken").click()

    expect(pagina.get_by_role("heading", level=1)).to_have_text("Vragenlijst van Bevraging 2027")
    expect(pagina.get_by_text("Bevraging 2027 is aangemaakt en in voorbereiding.")).to_be_visible()
    expect(pagina.get_by_role("link", name=re.compile("^Hoeveel uren per week"))).to_be_visible()
    past_op_het_scherm(pagina)
    toegankelijk(pagina)

    # A question is added to the theme Participatie; a first try without the answers of a list is
    # refused next to the field, with what was typed still there.
    pagina.get_by_role("link", name="Vraag toevoegen aan Participatie").click()
    pagina.get_by_role("textbox", name=re.compile("^Vraag")).fill("Via welke kanalen bereiken jullie ouders?")
    pagina.get_by_label("Meerdere keuzes uit een lijst").check()
    pagina.get_by_role("button", name="Vraag toevoegen").click()
    expect(pagina.get_by_text("Er is 1 probleem met uw invoer")).to_be_visible()
    expect(pagina.get_by_role("textbox", name=re.compile("^Vraag"))).to_have_value(
        "Via welke kanalen bereiken jullie ouders?"
    )
    past_op_het_scherm(pagina)
    pagina.get_by_role("textbox", name="Antwoorden").fill("Sociale media\nNieuwsbrief\nAndere: …")
    pagina.get_by_role("button", name="Vraag toevoegen").click()
    expect(pagina.get_by_text("De vraag is toegevoegd aan Participatie")).to_be_visible()
    nieuw = Vraag.objects.get(vragenlijst__golf__jaar=2027, tekst="Via welke kanalen bereiken jullie ouders?")
    assert nieuw.thema.sleutel == "participatie" and nieuw.optiecodes() == [
        "sociale_media",
        "nieuwsbrief",
        "andere",
    ]

    # A question is reworded with a reason, kept in its history.
    pagina.get_by_role("link", name="Werken jullie met vrijwilligers?").click()
    pagina.get_by_role("textbox", name=re.compile("^Nieuwe formulering")).fill(
        "Werkt het Huis met vrijwilligers?"
    )
    pagina.get_by_role("textbox", name=re.compile("^Reden")).first.fill(
        "Over het Huis, niet over de persoon."
    )
    pagina.get_by_role("button", name="Nieuwe formulering bewaren").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Werkt het Huis met vrijwilligers?")
    geschiedenis = pagina.get_by_role("region", name="Geschiedenis")
    expect(geschiedenis).to_contain_text("Werken jullie met vrijwilligers?")
    expect(geschiedenis).to_contain_text("Over het Huis, niet over de persoon.")
    past_op_het_scherm(pagina)
    toegankelijk(pagina)

    # The wave is opened: from then on its questionnaire is read-only.
    pagina.get_by_role("link", name="Terug naar de vragenlijst").click()
    pagina.get_by_role("link", name="Golf openen…").click()
    pagina.get_by_role("button", name="Ja, open Bevraging 2027").click()
    expect(pagina.get_by_text("Bevraging 2027 is open.")).to_be_visible()
    assert Golf.objects.get(jaar=2027).status == Golfstatus.OPEN
    pagina.get_by_role("link", name="Vragenlijst bekijken").click()
    expect(
        pagina.get_by_text("Bevraging 2027 is open: de vragenlijst kan niet meer wijzigen.")
    ).to_be_visible()
    expect(pagina.get_by_role("link", name=re.compile("^Vraag toevoegen"))).to_have_count(0)
    past_op_het_scherm(pagina)
