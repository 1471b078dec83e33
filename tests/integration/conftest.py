"""A real Celery worker process on Redis, working on the same PostgreSQL test database; a Redis of
a test's own that it may stop or freeze."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from hvhk.celery import app
from tests.storingen import broker_op, cache_op  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def echte_worker(workers):
    """A worker on the standard queue of the broker in CELERY_BROKER_URL; yields its mail folder."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        pytest.skip("zet CELERY_BROKER_URL=redis://... om met een echte worker te testen")
    proces, _ = workers(broker, "standaard")
    oud_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        _wacht_tot_de_worker_antwoordt(proces)
        yield workers.mailmap
    finally:
        app.conf.task_always_eager = oud_eager


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


# --- Faults: a Redis of the test's own, stopped, frozen and started again --------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EigenRedis:
    """A redis-server on a free port of its own (no persistence), which the test may stop, freeze
    (SIGSTOP: it accepts connections and never answers) and start again on the same port."""

    def __init__(self, programma: str):
        self.programma = programma
        self.poort = vrije_poort()
        self.proces: subprocess.Popen | None = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.poort}/{db}"

    def start(self) -> None:
        self.proces = subprocess.Popen(
            [self.programma, "--port", str(self.poort), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.poort, socket_timeout=1, socket_connect_timeout=1)
        if not wacht_tot(lambda: _antwoordt(client), seconden=10):
            raise RuntimeError("redis-server startte niet")

    def bevries(self) -> None:
        os.kill(self.proces.pid, signal.SIGSTOP)

    def ontdooi(self) -> None:
        os.kill(self.proces.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.proces is None or self.proces.poll() is not None:
            return
        self.ontdooi()
        self.proces.terminate()
        self.proces.wait(timeout=10)


def _antwoordt(client) -> bool:
    try:
        return client.ping()
    except redis.RedisError:
        return False


@pytest.fixture
def eigen_redis():
    programma = shutil.which("redis-server")
    if programma is None:
        pytest.skip("redis-server ontbreekt")
    server = EigenRedis(programma)
    yield server
    server.stop()


@pytest.fixture
def workers(transactional_db, tmp_path):
    """Start real workers (`start(broker_url)`); each writes its log to a file and is stopped at
    the end. Yields the start function; its mail folder is `start.mailmap`."""
    if connection.vendor != "postgresql":
        pytest.skip("zet DATABASE_URL=postgres://... om met een echte worker te testen")
    db = settings.DATABASES["default"]
    mailmap = tmp_path / "mail"
    processen = []

    def start(broker: str, wachtrijen: str = "standaard,rapporten") -> tuple[subprocess.Popen, Path]:
        log = tmp_path / f"worker-{len(processen)}.log"
        omgeving = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hvhk.settings",
            "DEBUG": "1",
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": broker,
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mailmap),
        }
        with log.open("w") as uitvoer:
            proces = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "hvhk",
                    "worker",
                    "-Q",
                    wachtrijen,
                    "--pool",
                    "solo",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-l",
                    "INFO",
                    "-n",
                    f"storing-{os.getpid()}-{len(processen)}@%h",
                ],
                cwd=ROOT,
                env=omgeving,
                stdout=uitvoer,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        processen.append((proces, log))
        return proces, log

    start.mailmap = mailmap
    yield start
    for proces, log in processen:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
        print(f"--- uitvoer van worker {proces.pid} ---\n" + log.read_text()[-5000:])
