"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against a live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("HVHK_CHROMIUM", "/usr/bin/chromium"))

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"geen Chromium op {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def pagina(chromium, live_server):
    """A fresh browser page; fails the test if the page broke the CSP or threw a script error."""
    context = chromium.new_context(base_url=live_server.url, locale="nl-BE")
    page = context.new_page()
    fouten = []
    page.on("console", lambda m: m.type == "error" and fouten.append(m.text))
    page.on("pageerror", lambda e: fouten.append(str(e)))
    yield page
    context.close()
    assert fouten == [], f"fouten in de browser (CSP of JavaScript): {fouten}"


@pytest.fixture
def toegankelijk():
    """Call with a page: fails with axe's report if the page has accessibility violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def controleer(page):
        resultaat = axe.run(page)
        assert resultaat.violations_count == 0, f"{page.url}\n{resultaat.generate_report()}"

    return controleer


@pytest.fixture
def demodata(transactional_db):
    from demo.huizen import DEMO_WACHTWOORD, laad_demodata

    laad_demodata(wachtwoord=DEMO_WACHTWOORD)
    return DEMO_WACHTWOORD
