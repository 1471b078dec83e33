"""A real Celery worker process on Redis, working on the same PostgreSQL test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from hvhk.celery import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def echte_worker(transactional_db, tmp_path):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        pytest.skip("zet CELERY_BROKER_URL=redis://... om met een echte worker te testen")
    if connection.vendor != "postgresql":
        pytest.skip("zet DATABASE_URL=postgres://... om met een echte worker te testen")

    db = settings.DATABASES["default"]
    mailmap = tmp_path / "mail"
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hvhk.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailmap),
    }
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hvhk",
            "worker",
            "-Q",
            "standaard",
            "--pool",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "INFO",
            "-n",
            f"ci-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    oud_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        _wacht_tot_de_worker_antwoordt(proces)
        yield mailmap
    finally:
        app.conf.task_always_eager = oud_eager
        proces.terminate()
        try:
            uitvoer, _ = proces.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proces.kill()
            uitvoer, _ = proces.communicate()
        print("--- uitvoer van de worker ---\n" + uitvoer[-5000:])


def _wacht_tot_de_worker_antwoordt(proces, seconden=60):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError("de worker stopte voor hij klaar was")
        if app.control.ping(timeout=1.0):
            return
    raise RuntimeError("de worker antwoordde niet op tijd")


def wacht_tot(voorwaarde, seconden=30):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.2)
    return False
