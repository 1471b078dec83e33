"""A family's private link never reaches a log: not Django's request log, not gunicorn's access log."""

import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kern.logboek import VerbergGeheimeLinks, verberg
from tests.factories import OpvangvraagFactory

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "Zq3_x-9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"  # 43 characters, like a real token


def test_verberg_maskeert_de_token_in_elke_vorm():
    assert len(TOKEN) == 43
    assert verberg(f'"GET /opvang/aanvraag/{TOKEN}/wijzigen/ HTTP/1.1" 200') == (
        '"GET /opvang/aanvraag/***/wijzigen/ HTTP/1.1" 200'
    )
    assert verberg(f"/opvang/aanvraag/{TOKEN}") == "/opvang/aanvraag/***"
    assert verberg("/opvang/aanvraag/geraden-token/aanbod/3/") == "/opvang/aanvraag/***/aanbod/3/"
    assert verberg(f"/account/login/?next=%2Fopvang%2Faanvraag%2F{TOKEN}%2F") == (
        "/account/login/?next=%2Fopvang%2Faanvraag%2F***%2F"
    )
    assert verberg(f"https://portaal.test/iets/anders/{TOKEN}/") == "https://portaal.test/iets/anders/***/"
    gewoon = "GET /huizen/gent/ 200 /mijn-huis/eigen/loket/aanvragen/12/"
    assert verberg(gewoon) == gewoon


def test_het_filter_maskeert_bericht_argumenten_en_traceback():
    try:
        raise ValueError(f"geen aanvraag voor /opvang/aanvraag/{TOKEN}/")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Fout: %s",
            (f"/opvang/aanvraag/{TOKEN}/",),
            sys.exc_info(),
        )
    assert VerbergGeheimeLinks().filter(record)
    tekst = logging.Formatter().format(record)
    assert TOKEN not in tekst
    assert (
        "Fout: /opvang/aanvraag/***/" in tekst
        and "ValueError: geen aanvraag voor /opvang/aanvraag/***/" in tekst
    )


@pytest.fixture
def logregels():
    """What the portal's log handler (settings.LOGGING) writes, caught in a buffer."""
    [handler] = [
        h for h in logging.getLogger().handlers if any(isinstance(f, VerbergGeheimeLinks) for f in h.filters)
    ]
    buffer = io.StringIO()
    oud = handler.setStream(buffer)
    yield buffer
    handler.setStream(oud)


@pytest.mark.django_db
def test_het_requestlog_van_django_toont_geen_token(client, logregels):
    assert client.get(f"/opvang/aanvraag/{TOKEN}/").status_code == 404
    vraag = OpvangvraagFactory()
    assert client.get(f"/opvang/aanvraag/{vraag.token}/gegevens.json?x=1").status_code == 200
    client.post(f"/opvang/aanvraag/{vraag.token}/onbestaand/", {})
    tekst = logregels.getvalue()
    assert "Not Found: /opvang/aanvraag/***/" in tekst
    assert TOKEN not in tekst and vraag.token not in tekst


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_met_de_configuratie_van_het_portaal_logt_geen_token(tmp_path):
    poort = _vrije_poort()
    omgeving = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")},
        "DJANGO_SETTINGS_MODULE": "hvhk.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{poort}",
        "WEB_CONCURRENCY": "1",
    }
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "hvhk.wsgi:application",
            "--config",
            "hvhk/gunicorn.conf.py",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        verzoek = urllib.request.Request(
            f"http://127.0.0.1:{poort}/opvang/aanvraag/{TOKEN}/wijzigen/",
            headers={"Referer": f"http://127.0.0.1:{poort}/opvang/aanvraag/{TOKEN}/"},
        )
        status = None
        for _ in range(100):  # gunicorn needs a moment to start
            try:
                status = urllib.request.urlopen(verzoek, timeout=10).status  # noqa: S310
            except urllib.error.HTTPError as fout:
                status = fout.code
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.2)
                continue
            break
        assert status is not None, "gunicorn startte niet"
    finally:
        proces.terminate()
        uitvoer, _ = proces.communicate(timeout=30)
    # The empty database gives an error page: the request log and the access log both wrote a line.
    assert TOKEN not in uitvoer
    assert f'"GET /opvang/aanvraag/***/wijzigen/ HTTP/1.1" {status}' in uitvoer
    assert f'"http://127.0.0.1:{poort}/opvang/aanvraag/***/"' in uitvoer
    assert (
        "/opvang/aanvraag/***/wijzigen/" in uitvoer.split("HTTP/1.1")[0]
    )  # Django's log, before the access line
