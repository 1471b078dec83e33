"""Opgroeien staff read the overview, follow a figure, download a table and edit subsidies."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.aanmelden import meld_aan as aanmelden

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def meld_aan(pagina, wachtwoord):
    aanmelden(pagina, "opgroeien@demo.huizenvanhetkind.test", wachtwoord)
    expect(pagina).to_have_url(re.compile("/opgroeien/$"))


def test_opgroeien_volgt_een_cijfer_naar_de_huizen_erachter(pagina, demodata, toegankelijk):
    from demo.huizen import DEMO_PROFIELCIJFERS

    meld_aan(pagina, demodata)
    toegankelijk(pagina)
    zonder = str(DEMO_PROFIELCIJFERS["zonder_contactpunt"])
    tabel = pagina.locator("#tabel-aanspreekpunt")
    tabel.get_by_role("link", name=zonder, exact=True).first.click()

    expect(pagina.get_by_text(f"{zonder} Huizen", exact=False).first).to_be_visible()
    toegankelijk(pagina)
    with pagina.expect_download() as download:
        pagina.get_by_role("link", name=re.compile("^CSV")).first.click()
    inhoud = download.value.path().read_bytes().decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(inhoud), delimiter=";"))
    assert len(rijen) == int(zonder) + 1


def test_opgroeien_wijzigt_subsidies_en_houdt_foute_invoer_bij(pagina, demodata, toegankelijk):
    meld_aan(pagina, demodata)
    pagina.goto("/opgroeien/huizen/gent/subsidies/")
    toegankelijk(pagina)
    eerste_bedrag = pagina.locator("input[name$='-bedrag']").first
    eerste_bedrag.fill("veel geld")
    pagina.get_by_role("button", name="Subsidies bewaren").click()

    expect(eerste_bedrag).to_have_value("veel geld")
    expect(pagina.locator("[aria-invalid='true']").first).to_be_visible()
    toegankelijk(pagina)

    eerste_bedrag.fill("50.000")
    pagina.get_by_role("button", name="Subsidies bewaren").click()
    pagina.goto("/mijn-huis/gent/historiek/")
    expect(pagina.get_by_text("Subsidies").first).to_be_visible()
    toegankelijk(pagina)
