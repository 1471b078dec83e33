"""A batch of council reports survives a worker that is killed in the middle (run in CI).

A real `celery -A hvhk worker` on both queues (standaard, rapporten) with two processes works on a
batch of twelve council reports on Redis and the PostgreSQL test database. When a few reports are
done, the whole worker (main process and pool) gets SIGKILL, as when a machine dies. A new worker
then finishes the batch: Redis hands back the messages the dead worker held (late acknowledgement;
the test uses a short visibility timeout) and the job the dead worker was making is taken over
(its advisory lock died with its connection). Every job ends done with exactly one file, the ZIP
holds every PDF and the requester gets one e-mail.
"""

import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest
from django.conf import settings
from django.db import connection

from hvhk.celery import app
from kern.models import UitgaandeMail
from rapporten.models import Rapportbatch, Rapportjob, Rapportstatus
from rapporten.services import Bereik, Bereiksoort, start_gemeenteraadsbatch
from tests.factories import GemeenteFactory, HuisFactory, UserFactory
from tests.integration.conftest import ROOT, wacht_tot
from tests.rapporten.conftest import maak_profiel

pytestmark = pytest.mark.integration

AANTAL = 12
ZICHTBAARHEID = 6  # seconds before Redis hands an unacknowledged message to another worker


@pytest.fixture
def rapportworkers(transactional_db, referentiedata, tmp_path, settings):
    """Start (and finally stop) real workers on both queues; yields a function that starts one."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        pytest.skip("zet CELERY_BROKER_URL=redis://... om met een echte worker te testen")
    if connection.vendor != "postgresql":
        pytest.skip("zet DATABASE_URL=postgres://... om met een echte worker te testen")

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    mailmap = tmp_path / "mail"
    db = settings.DATABASES["default"]
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hvhk.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker,
        "CELERY_VISIBILITY_TIMEOUT": str(ZICHTBAARHEID),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailmap),
    }
    _leeg_de_wachtrijen()
    processen = []

    def start(naam: str) -> subprocess.Popen:
        proces = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "hvhk",
                "worker",
                "-Q",
                "standaard,rapporten",
                "--concurrency",
                "2",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "INFO",
                "-n",
                f"{naam}-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=omgeving,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: SIGKILL reaches the pool as well
        )
        processen.append(proces)
        _wacht_tot_de_worker_antwoordt(proces, f"{naam}-{os.getpid()}@")
        return proces

    oud_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield start, mailmap
    finally:
        app.conf.task_always_eager = oud_eager
        for proces in processen:
            if proces.poll() is None:
                os.killpg(proces.pid, signal.SIGTERM)
            try:
                uitvoer, _ = proces.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proces.pid, signal.SIGKILL)
                uitvoer, _ = proces.communicate()
            print(f"--- uitvoer van worker {proces.pid} ---\n" + (uitvoer or "")[-6000:])
        _leeg_de_wachtrijen()


def _wacht_tot_de_worker_antwoordt(proces, naam: str, seconden: int = 90) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"de worker {naam} stopte voor hij klaar was")
        if any(naam in next(iter(antwoord)) for antwoord in app.control.ping(timeout=1.0)):
            return
    raise RuntimeError(f"de worker {naam} antwoordde niet op tijd")


def _leeg_de_wachtrijen():
    with app.connection_for_write() as verbinding:
        for wachtrij in ("standaard", "rapporten"):
            verbinding.default_channel.queue_purge(wachtrij)


def _tel(batch, status) -> int:
    return Rapportjob.objects.filter(batch=batch, status=status).count()


def test_een_gedode_worker_verliest_geen_rapport_en_maakt_geen_dubbel_bestand(rapportworkers):
    start, mailmap = rapportworkers
    from huizen.models import VrindCluster

    cluster = VrindCluster.objects.create(nummer=97, naam="Integratiecluster")
    gemeenten = [
        GemeenteFactory(nis=f"97{i:03d}", naam=f"Killgem {i:02d}", cluster=cluster) for i in range(AANTAL)
    ]
    for i in range(0, AANTAL, 2):
        huis = HuisFactory(
            naam=f"Huis van het Kind Kill {i}", slug=f"kill-{i}", gemeenten=gemeenten[i : i + 2]
        )
        maak_profiel(huis, merk=f"Kill{i}", gemeente=gemeenten[i])
    opgroeien = UserFactory(opgroeien=True, email="olivia@opgroeien.test")

    eerste = start("eerste")
    batch, _ = start_gemeenteraadsbatch(bereik=Bereik(Bereiksoort.CLUSTER, "97"), door=opgroeien)
    assert Rapportjob.objects.filter(batch=batch).count() == AANTAL

    assert wacht_tot(lambda: _tel(batch, Rapportstatus.KLAAR) >= 2, seconden=180), (
        "de eerste worker maakte niets"
    )
    os.killpg(eerste.pid, signal.SIGKILL)
    eerste.wait(timeout=10)
    klaar_bij_de_moord = _tel(batch, Rapportstatus.KLAAR)
    assert klaar_bij_de_moord < AANTAL, "de reeks was al klaar voor de worker gedood werd"

    time.sleep(ZICHTBAARHEID + 1)  # the dead worker's messages are now due for redelivery
    start("tweede")
    assert wacht_tot(
        lambda: Rapportbatch.objects.filter(pk=batch.pk, afgerond__isnull=False).exists(), seconden=180
    ), "de reeks raakte niet klaar na de herstart"

    jobs = list(Rapportjob.objects.filter(batch=batch))
    assert {job.status for job in jobs} == {Rapportstatus.KLAAR}, [(j.titel, j.status, j.fout) for j in jobs]
    root = settings.PRIVATE_MEDIA_ROOT
    for job in jobs:
        bestanden = sorted(p.name for p in (root / job.map).iterdir())
        assert bestanden == [job.bestandsnaam], f"{job.titel}: {bestanden}"
    alle_pdfs = sorted(p for p in (root / "rapporten").rglob("*.pdf"))
    assert len(alle_pdfs) == AANTAL
    assert not list(root.rglob("*.deel"))

    batch.refresh_from_db()
    with zipfile.ZipFile(root / batch.zip.name) as archief:
        assert sorted(archief.namelist()) == sorted(job.bestandsnaam for job in jobs)
        assert archief.testzip() is None

    assert batch.gemaild
    assert wacht_tot(lambda: UitgaandeMail.objects.filter(status="verzonden").count() == 1, seconden=60)
    assert UitgaandeMail.objects.count() == 1
    assert len(list(mailmap.iterdir())) == 1
    print(
        f"klaar bij de moord: {klaar_bij_de_moord}/{AANTAL}; "
        f"overgenomen (2+ pogingen): {sum(1 for j in jobs if j.pogingen > 1)}"
    )
