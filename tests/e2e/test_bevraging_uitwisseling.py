"""Opgroeien staff export a wave and import it into another in real Chromium: a broken file is
refused cell by cell with nothing imported, a clean one is previewed and imported after confirming.
Axe passes on every page and nothing breaks the CSP."""

import re

import pytest
from playwright.sync_api import expect

from bevraging import services_uitwisseling as uitwisseling
from bevraging.models import Antwoord, Golf, Respons, Responsstatus
from bevraging.services import kopieer_vragenlijst, laad_geleverde_vragenlijsten, open_golf
from tests.e2e.aanmelden import meld_aan as aanmelden
from tests.factories import GolfFactory, HuisFactory, ResponsFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-wachtwoord-2026"


@pytest.fixture
def golven(referentiedata, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    if not Golf.objects.filter(jaar=2022).exists():
        laad_geleverde_vragenlijsten()
    medewerker = UserFactory(email="opgroeien@opgroeien.test", naam="Olivia Opgroeien", opgroeien=True)
    bron = Golf.objects.get(jaar=2022)
    for slug, vrijwilligers in (("aalst", "ja"), ("beveren", "nee")):
        huis = HuisFactory(naam=f"Huis van het Kind {slug.title()}", slug=slug)
        ResponsFactory(
            golf=bron,
            huis=huis,
            status=Responsstatus.GEVALIDEERD,
            antwoorden={
                "participatie.vrijwilligers": vrijwilligers,
                "participatie.inspraak_ouders": {"waarde": 4, "toelichting": "Via de ouderraad."},
            },
        )
    nieuw = GolfFactory(jaar=2032, naam="Bevraging 2032")
    kopieer_vragenlijst(van_golf=bron, naar_golf=nieuw)
    return bron, open_golf(golf=nieuw, door=medewerker)


def meld_aan(pagina, email):
    aanmelden(pagina, email, WACHTWOORD)


def test_exporteren_en_importeren_met_een_fout_bestand_eerst(pagina, golven, toegankelijk, tmp_path):
    bron, nieuw = golven
    meld_aan(pagina, "opgroeien@opgroeien.test")

    pagina.goto(f"/bevraging/{bron.pk}/export/")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Antwoorden van Bevraging 2022 exporteren")
    toegankelijk(pagina)
    pagina.get_by_label("Excel (XLSX)").check()
    with pagina.expect_download() as download:
        pagina.get_by_role("button", name="Downloaden").click()
    export = tmp_path / download.value.suggested_filename
    download.value.save_as(export)
    assert export.name.startswith("bevraging-2022-antwoorden-") and export.suffix == ".xlsx"

    # A broken file: every problem in a table, nothing imported.
    kapot = tmp_path / "kapot.csv"
    kapot.write_text(
        "slug;participatie.inspraak_ouders;geen.vraag\r\naalst;7;x\r\nonbekend;3;\r\n", encoding="utf-8"
    )
    pagina.goto(f"/bevraging/{nieuw.pk}/import/")
    toegankelijk(pagina)
    pagina.get_by_label("Bestand (verplicht)", exact=True).set_input_files(str(kapot))
    pagina.get_by_role("button", name="Bestand controleren").click()
    expect(
        pagina.get_by_role("heading", name=re.compile("Er is niets geïmporteerd: 3 problemen"))
    ).to_be_visible()
    tabel = pagina.get_by_role("table", name="Problemen per rij en kolom")
    expect(tabel.get_by_role("row")).to_have_count(4)
    expect(tabel).to_contain_text("Kies een score van 1 tot 5.")
    expect(tabel).to_contain_text("Onbekende kolom")
    expect(tabel).to_contain_text("Onbekend Huis")
    toegankelijk(pagina)
    assert not Respons.objects.filter(golf=nieuw).exists()

    # The export itself: previewed, then imported after confirming.
    pagina.get_by_label("Bestand (verplicht)", exact=True).set_input_files(str(export))
    pagina.get_by_role("button", name="Bestand controleren").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Import in Bevraging 2032 bevestigen")
    expect(pagina.locator("dl.gegevens")).to_contain_text("Nieuwe responsen")
    toegankelijk(pagina)
    assert not Respons.objects.filter(golf=nieuw).exists()
    pagina.get_by_role("button", name="Importeren").click()

    expect(pagina.get_by_text(re.compile("is geïmporteerd in Bevraging 2032: 2 nieuwe"))).to_be_visible()
    assert Respons.objects.filter(golf=nieuw, status=Responsstatus.GEVALIDEERD).count() == 2
    assert Antwoord.objects.filter(respons__golf=nieuw).count() == 4
    assert list((tmp_path / "prive" / uitwisseling.UPLOADMAP).iterdir()) == []
