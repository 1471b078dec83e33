"""Without DEBUG the portal does not start without SITE_URL: e-mailed links would point nowhere."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLEUTEL = "x" * 50


def start(code: str, **omgeving) -> subprocess.CompletedProcess:
    eigen = ("SECRET_KEY", "DEBUG", "SITE_URL", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if k not in eigen}
    env.update(DJANGO_SETTINGS_MODULE="hvhk.settings", **omgeving)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_de_webserver_start_niet_zonder_site_url():
    resultaat = start("import hvhk.wsgi", SECRET_KEY=SLEUTEL)
    assert resultaat.returncode != 0
    assert "ImproperlyConfigured: SITE_URL must be set when DEBUG is off" in resultaat.stderr


@pytest.mark.parametrize("adres", ["portaal.huizenvanhetkind.be", "ftp://portaal.test", "https://"])
def test_de_webserver_start_niet_met_een_onvolledig_adres(adres):
    resultaat = start("import hvhk.wsgi", SECRET_KEY=SLEUTEL, SITE_URL=adres)
    assert resultaat.returncode != 0
    assert "SITE_URL must be an address like https://portaal.huizenvanhetkind.be" in resultaat.stderr


def test_met_site_url_start_de_webserver_wel():
    resultaat = start(
        "import hvhk.wsgi; from django.conf import settings; print(settings.SITE_URL)",
        SECRET_KEY=SLEUTEL,
        SITE_URL="https://portaal.huizenvanhetkind.be",
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.strip() == "https://portaal.huizenvanhetkind.be"


def test_de_deploymentcontrole_meldt_de_ontbrekende_site_url_en_debug_heeft_een_standaard():
    check = "from django.core.management import call_command; call_command('check', deploy=True)"
    resultaat = start(f"import django; django.setup(); {check}", SECRET_KEY=SLEUTEL)
    assert resultaat.returncode != 0 and "(hvhk.E001) SITE_URL must be set" in resultaat.stderr
    resultaat = start(f"import django; django.setup(); {check}", DEBUG="1")
    assert "hvhk.E001" not in resultaat.stderr, resultaat.stderr


def test_makemigrations_en_check_lopen_zonder_site_url():
    """Like an empty SECRET_KEY: what needs no address still runs; only serving is refused."""
    for opdracht in ("call_command('makemigrations', check=True, dry_run=True)", "call_command('check')"):
        resultaat = start(
            f"import django; django.setup(); from django.core.management import call_command; {opdracht}",
            SECRET_KEY=SLEUTEL,
        )
        assert resultaat.returncode == 0, resultaat.stderr
