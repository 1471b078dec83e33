"""Reports in real Chromium: Opgroeien makes the council reports of a provincie and downloads the ZIP;
the coordinator of Gent downloads the profile report of their Huis and not another Huis's.

The live server runs Celery tasks in-process (no broker), so a batch is made during the request
that starts it; the batch page must then show the finished state: the progress bar at 100 % and
the ZIP link, without polling on.
"""

import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.aanmelden import meld_aan as aanmelden

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OPGROEIEN = "opgroeien@demo.huizenvanhetkind.test"
COORDINATOR = "coordinator@demo.huizenvanhetkind.test"
PROVINCIE = "Brussels Hoofdstedelijk Gewest"  # the smallest: 19 gemeenten


@pytest.fixture(autouse=True)
def prive_opslag(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"


def meld_aan(pagina, email, wachtwoord):
    aanmelden(pagina, email, wachtwoord)
    expect(pagina.get_by_role("button", name=re.compile("^Afmelden"))).to_be_visible()


def test_opgroeien_maakt_de_rapporten_van_een_provincie_en_downloadt_de_zip(pagina, demodata, toegankelijk):
    from huizen.models import Gemeente

    aantal = Gemeente.objects.huidig().filter(provincie=PROVINCIE).count()
    meld_aan(pagina, OPGROEIEN, demodata)
    pagina.get_by_role("link", name="Rapporten", exact=True).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Rapporten")
    toegankelijk(pagina)

    pagina.get_by_role("link", name="Rapporten voor de gemeenteraden maken").click()
    toegankelijk(pagina)
    pagina.get_by_label("De gemeenten van één provincie").check()
    # no provincie chosen: a clear error next to the field, the choice kept
    pagina.get_by_role("button", name="Rapporten maken").click()
    expect(pagina.get_by_text("Kies de provincie.").first).to_be_visible()
    expect(pagina.get_by_label("De gemeenten van één provincie")).to_be_checked()
    toegankelijk(pagina)

    pagina.get_by_label("Provincie", exact=True).select_option(PROVINCIE)
    pagina.get_by_role("button", name="Rapporten maken").click(timeout=180_000)
    expect(pagina).to_have_url(re.compile(r"/rapporten/batch/\d+/$"), timeout=180_000)

    balk = pagina.locator("progress#batch-balk")
    expect(balk).to_have_attribute("value", "100")
    expect(pagina.locator("#batch-voortgang")).to_contain_text("100 %")
    expect(pagina.locator("#batch-voortgang")).to_contain_text(
        f"{aantal} van de {aantal} rapporten afgewerkt"
    )
    expect(pagina.locator("#batch-voortgang")).not_to_have_attribute("hx-trigger", re.compile("."))
    toegankelijk(pagina)

    with pagina.expect_download() as download:
        pagina.get_by_role("link", name=re.compile("^Download alle rapporten")).click()
    assert download.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.value.path()) as archief:
        pdfs = [naam for naam in archief.namelist() if naam.endswith(".pdf")]
        assert len(pdfs) == aantal
        assert archief.read(pdfs[0]).startswith(b"%PDF")

    # the fragment the page polls shows the same, and the list shows the batch
    pagina.goto(pagina.url + "voortgang/")
    expect(pagina.locator("progress")).to_have_attribute("value", "100")
    pagina.goto("/rapporten/")
    expect(pagina.get_by_role("link", name=re.compile("^ZIP"))).to_be_visible()
    toegankelijk(pagina)


def test_de_coordinator_downloadt_het_eigen_rapport_en_niet_dat_van_een_ander_huis(
    pagina, demodata, toegankelijk
):
    from huizen.models import Huis
    from kern.models import User
    from rapporten.services import start_huisrapport

    # a report of another Huis, made by Opgroeien
    ander, _ = start_huisrapport(
        huis=Huis.objects.get(slug="antwerpen"), door=User.objects.get(email=OPGROEIEN)
    )

    meld_aan(pagina, COORDINATOR, demodata)
    expect(pagina).to_have_url(re.compile("/mijn-huis/gent/$"))
    toegankelijk(pagina)
    pagina.get_by_role("button", name="Rapport van het Huis maken").click(timeout=60_000)

    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Profielrapport Huis van het Kind Gent")
    expect(pagina.get_by_role("heading", name="Status: klaar")).to_be_visible()
    toegankelijk(pagina)
    with pagina.expect_download() as download:
        pagina.get_by_role("link", name=re.compile("^Download het rapport")).click()
    assert re.fullmatch(r"profielrapport-gent-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)
    assert download.value.path().read_bytes().startswith(b"%PDF")

    pagina.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Rapporten").click()
    expect(
        pagina.get_by_role("link", name=re.compile("^Profielrapport Huis van het Kind Gent"))
    ).to_be_visible()
    expect(pagina.get_by_text("Antwerpen")).to_have_count(0)
    toegankelijk(pagina)

    for pad in (f"/rapporten/{ander.pk}/download/", f"/rapporten/{ander.pk}/"):
        assert pagina.request.get(pad).status == 404


def test_de_statuspagina_werkt_zichzelf_bij_zonder_herladen(pagina, demodata, toegankelijk):
    """htmx asks for the progress fragment every 2 s (no inline script: the CSP allows none)."""
    from django.utils import timezone

    from huizen.models import Huis
    from rapporten.models import Rapportjob

    job = Rapportjob.objects.create(
        soort="huis",
        titel="Profielrapport Huis van het Kind Gent (wacht)",
        bestandsnaam="profielrapport-gent.pdf",
        huis=Huis.objects.get(slug="gent"),
        parameters={"huis": Huis.objects.get(slug="gent").pk, "datum": "2026-05-01"},
    )
    meld_aan(pagina, COORDINATOR, demodata)
    pagina.goto(f"/rapporten/{job.pk}/")
    expect(pagina.get_by_role("heading", name="Status: in de wachtrij")).to_be_visible()
    expect(pagina.locator("progress#job-balk")).to_have_attribute("value", "0")
    toegankelijk(pagina)

    Rapportjob.objects.filter(pk=job.pk).update(status="bezig", voortgang=40, gestart=timezone.now())
    expect(pagina.locator("progress#job-balk")).to_have_attribute("value", "40", timeout=10_000)
    Rapportjob.objects.filter(pk=job.pk).update(
        status="mislukt",
        voortgang=100,
        fout="Het rapport duurde te lang (meer dan 300 s) en werd afgebroken.",
    )
    expect(pagina.get_by_role("heading", name="Status: mislukt")).to_be_visible(timeout=10_000)
    expect(pagina.get_by_text("Het rapport duurde te lang (meer dan 300 s)")).to_be_visible()
    toegankelijk(pagina)

    pagina.get_by_role("button", name="Opnieuw proberen").click(timeout=60_000)
    expect(pagina.get_by_role("heading", name="Status: klaar")).to_be_visible()
    expect(pagina.get_by_role("link", name=re.compile("^Download het rapport"))).to_be_visible()
