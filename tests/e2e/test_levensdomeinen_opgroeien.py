"""Opgroeien staff open the life-domain figures, the heatmap, follow a count and download it."""

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


def _levensdomeincijfers():
    import demo.huizen

    cijfers = getattr(demo.huizen, "DEMO_LEVENSDOMEINCIJFERS", None)
    if cijfers is None:
        from demo.levensdomeinen import DEMO_LEVENSDOMEINCIJFERS as cijfers
    return cijfers


def test_opgroeien_volgt_een_levensdomein_naar_de_heatmap(pagina, demodata, toegankelijk):
    top3 = _levensdomeincijfers()["top3"]["gezondheidszorg"]
    meld_aan(pagina, demodata)
    pagina.get_by_role("link", name=re.compile("^Levensdomeinen van alle Huizen")).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Levensdomeinen van de Huizen van het Kind")
    pagina.get_by_text("Grafieken per VRIND-cluster: actief").click()  # open the small multiples
    toegankelijk(pagina)

    pagina.get_by_role("link", name=re.compile("^Bekijk de heatmap")).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Heatmap: Huizen en levensdomeinen")
    expect(pagina.locator("table.heatmap tbody tr")).to_have_count(50)
    toegankelijk(pagina)
    pagina.go_back()

    tabel = pagina.locator("#tabel-levensdomeinen")
    tabel.locator("a[href*='levensdomein=gezondheidszorg&top3=1']").click()
    expect(pagina.get_by_text(f"{top3} Huizen in deze selectie")).to_be_visible()
    expect(pagina.locator("table.heatmap tbody tr")).to_have_count(min(top3, 50))
    expect(pagina.get_by_label("Levensdomein", exact=True)).to_have_value("gezondheidszorg")
    toegankelijk(pagina)

    with pagina.expect_download() as download:
        pagina.get_by_role("link", name=re.compile("^CSV")).first.click()
    inhoud = download.value.path().read_bytes().decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(inhoud), delimiter=";"))
    assert len(rijen) == top3 + 1
    kolom = rijen[0].index("Gezondheidszorg")
    assert all(rij[kolom].endswith("(top 3)") for rij in rijen[1:])


def test_een_foute_filter_op_de_heatmap_toont_een_fout(pagina, demodata, toegankelijk):
    meld_aan(pagina, demodata)
    pagina.goto("/opgroeien/levensdomeinen/heatmap/?status=actief")
    expect(pagina.get_by_role("alert")).to_be_visible()
    expect(
        pagina.get_by_text("Kies het levensdomein waarvan u de status of de top 3 wilt zien.")
    ).to_be_visible()
    toegankelijk(pagina)
