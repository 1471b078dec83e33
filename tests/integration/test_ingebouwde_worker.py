"""The embedded default works through a real worker, with no Redis (`make run`).

The worker that `manage.py start_portaal` starts (both queues, two processes, beat inside it) runs
on the broker that is a folder (kombu's filesystem transport, in a folder of the test's own) and on
the test database: PostgreSQL's as it is, or with SQLite a file that the test and the worker share
(a copy of the in-memory test database). Opgroeien starts a batch of council reports through the
web page: the request only enqueues it and answers while the reports are still open; the worker
makes them, the page's progress reaches 100 % with the ZIP, and the requester's e-mail goes out.
"""

import os
import re
import signal
import sqlite3
import subprocess
import time
import zipfile

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from hvhk.celery import app
from hvhk.management.commands.start_portaal import worker
from hvhk.settings import bestandsbroker
from kern.models import UitgaandeMail
from rapporten import opslag
from rapporten.models import Rapportbatch, Rapportstatus
from tests.factories import GemeenteFactory, HuisFactory, UserFactory
from tests.integration.conftest import ROOT, wacht_tot
from tests.rapporten.conftest import maak_profiel

pytestmark = pytest.mark.integration

AANTAL = 4
VOORTGANG = re.compile(r'<progress id="batch-balk" max="100" value="(\d+)">')


@pytest.fixture
def gedeelde_database(transactional_db, referentiedata, tmp_path):
    """The test database as a worker process reaches it; yields its DATABASE_URL."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        yield f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        return
    geheugen = connections["default"]
    if not geheugen.is_in_memory_db():
        yield f"sqlite:///{geheugen.settings_dict['NAME']}"
        return
    bestand = tmp_path / "portaal.sqlite3"
    geheugen.ensure_connection()
    with sqlite3.connect(bestand) as kopie:
        geheugen.connection.backup(kopie)
    gedeeld = geheugen.__class__({**geheugen.settings_dict, "NAME": str(bestand)}, "default")
    connections["default"] = gedeeld
    try:
        yield f"sqlite:///{bestand}"
    finally:
        gedeeld.close()
        connections["default"] = geheugen


@pytest.fixture
def ingebouwde_worker(gedeelde_database, tmp_path, settings, monkeypatch):
    """The worker of `make run` on a broker folder of this test's own; this process sends its tasks
    there too (not in-process, as elsewhere in the tests). Yields the worker's mail folder."""
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery would prefer it to the settings
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    wachtrij, mailmap = tmp_path / "wachtrij", tmp_path / "mail"
    omgeving = {
        k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE")
    }
    omgeving.update(
        DJANGO_SETTINGS_MODULE="hvhk.settings",
        DEBUG="1",
        DATABASE_URL=gedeelde_database,
        CONN_MAX_AGE="0",
        WACHTRIJ_MAP=str(wachtrij),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mailmap),
    )
    conf = app.conf
    oud = (conf.broker_url, conf.broker_transport_options, conf.task_always_eager)
    conf.broker_url = "filesystem://"
    conf.broker_transport_options = {**conf.broker_transport_options, **bestandsbroker(wachtrij)}
    conf.task_always_eager = False
    log = tmp_path / "worker.log"
    with log.open("w") as uitvoer:
        proces = subprocess.Popen(  # noqa: S603  (the worker's fixed command)
            worker(), cwd=ROOT, env=omgeving, stdout=uitvoer, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield mailmap
    finally:
        conf.broker_url, conf.broker_transport_options, conf.task_always_eager = oud
        proces.terminate()  # a warm shutdown, as `make run` stops it
        try:
            proces.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
        print("--- uitvoer van de worker ---\n" + log.read_text()[-6000:])


def test_een_reeks_wordt_door_de_worker_gemaakt_niet_in_de_aanvraag(ingebouwde_worker):
    from huizen.models import VrindCluster

    cluster = VrindCluster.objects.create(nummer=96, naam="Ingebouwde cluster")
    gemeenten = [
        GemeenteFactory(nis=f"96{i:03d}", naam=f"Werkgem {i:02d}", cluster=cluster) for i in range(AANTAL)
    ]
    for i, gemeente in enumerate(gemeenten):
        huis = HuisFactory(naam=f"Huis van het Kind Werk {i}", slug=f"werk-{i}", gemeenten=[gemeente])
        maak_profiel(huis, merk=f"Werk{i}", gemeente=gemeente)
    opgroeien = UserFactory(opgroeien=True, email="olivia@opgroeien.test")
    browser = Client()
    browser.force_login(opgroeien)

    begin = time.perf_counter()
    antwoord = browser.post(reverse("rapporten:batch_nieuw"), {"bereik": "cluster", "cluster": "96"})
    aanvraag = time.perf_counter() - begin

    assert antwoord.status_code == 302
    batch = Rapportbatch.objects.get()
    assert batch.jobs.count() == AANTAL
    # The request only put the reports in the queue: they are still to be made.
    assert batch.tellingen().open > 0
    pagina = browser.get(antwoord["Location"]).content.decode()
    assert "De rapporten worden op de achtergrond gemaakt" in pagina
    assert 'hx-trigger="every 2s"' in pagina and int(VOORTGANG.search(pagina)[1]) < 100

    fragment_url = reverse("rapporten:batch_voortgang", kwargs={"batch_pk": batch.pk})
    gezien = []

    def afgelopen() -> bool:
        fragment = browser.get(fragment_url).content.decode()
        gezien.append(int(VOORTGANG.search(fragment)[1]))
        return "hx-get" not in fragment

    assert wacht_tot(afgelopen, seconden=240), f"de reeks raakte niet klaar; voortgang: {gezien}"
    klaar = time.perf_counter() - begin

    batch.refresh_from_db()
    assert {job.status for job in batch.jobs.all()} == {Rapportstatus.KLAAR}
    assert gezien[-1] == 100
    zip_url = reverse("rapporten:batch_zip", kwargs={"batch_pk": batch.pk})
    assert zip_url in browser.get(fragment_url).content.decode()
    with zipfile.ZipFile(opslag.pad(batch.zip.name)) as archief:
        assert len(archief.namelist()) == AANTAL and archief.testzip() is None

    # The requester's e-mail is sent by the worker as well.
    assert wacht_tot(lambda: UitgaandeMail.objects.filter(status="verzonden").count() == 1, seconden=60)
    assert len(list(ingebouwde_worker.iterdir())) == 1
    print(
        f"aanvraag: {aanvraag * 1000:.0f} ms; reeks van {AANTAL} klaar na {klaar:.1f} s; "
        f"voortgang gezien: {sorted(set(gezien))}"
    )
