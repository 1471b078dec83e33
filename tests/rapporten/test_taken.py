"""The task that makes a report: idempotent, retried only on transient errors, bounded in time."""

import datetime
import os
import time
from dataclasses import replace

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection, connections
from django.utils import timezone

from kern.rapportage import register
from rapporten import opslag, services
from rapporten.models import Rapportjob, Rapportstatus
from rapporten.services import start_huisrapport
from rapporten.tasks import maak_rapport


def voer_uit(job) -> str:
    """Run the task as a worker does (retries included, failures not raised)."""
    return maak_rapport.apply(args=[job.pk], throw=False).get(propagate=False)


pytestmark = pytest.mark.django_db


@pytest.fixture
def job(huis, coordinator, django_capture_on_commit_callbacks):
    """A queued profile report (its task not run yet)."""
    with django_capture_on_commit_callbacks(execute=False):
        job, nieuw = start_huisrapport(huis=huis, door=coordinator)
    assert nieuw and job.status == Rapportstatus.WACHTRIJ
    return job


def bestanden(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_het_rapport_wordt_gemaakt_en_privé_bewaard(
    huis, coordinator, prive_opslag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = start_huisrapport(huis=huis, door=coordinator)

    job.refresh_from_db()
    assert (job.status, job.voortgang, job.pogingen, job.fout) == (Rapportstatus.KLAAR, 100, 1, "")
    assert job.bestand.name == f"rapporten/{job.pk}/profielrapport-eigen-{timezone.localdate():%Y-%m-%d}.pdf"
    assert bestanden(prive_opslag) == [job.bestand.name]
    assert (prive_opslag / job.bestand.name).read_bytes().startswith(b"%PDF")
    assert job.gestart and job.klaar and job.gestart <= job.klaar
    with pytest.raises(ValueError, match="geen publieke URL"):
        job.bestand.url  # noqa: B018


def test_een_tweede_aanvraag_tijdens_het_maken_geeft_dezelfde_job(job, huis, coordinator):
    zelfde, nieuw = start_huisrapport(huis=huis, door=coordinator)
    assert (zelfde, nieuw) == (job, False)


def test_een_opnieuw_afgeleverde_taak_maakt_geen_tweede_bestand(job, prive_opslag):
    assert voer_uit(job) == Rapportstatus.KLAAR
    job.refresh_from_db()
    eerste = (job.bestand.name, (prive_opslag / job.bestand.name).stat().st_mtime_ns)

    assert voer_uit(job) == "al klaar"

    job.refresh_from_db()
    assert (job.bestand.name, (prive_opslag / job.bestand.name).stat().st_mtime_ns) == eerste
    assert job.pogingen == 1
    assert bestanden(prive_opslag) == [job.bestand.name]


def test_een_klaar_rapport_zonder_bestand_wordt_opnieuw_gemaakt_onder_dezelfde_naam(job, prive_opslag):
    voer_uit(job)
    job.refresh_from_db()
    naam = job.bestand.name
    os.remove(prive_opslag / naam)

    assert voer_uit(job) == Rapportstatus.KLAAR
    job.refresh_from_db()
    assert job.bestand.name == naam and bestanden(prive_opslag) == [naam]


def test_een_run_die_nog_loopt_wordt_niet_dubbel_gedaan(job):
    """A second delivery while a worker is still making the report does nothing. On PostgreSQL
    the running worker holds the job's advisory lock; elsewhere its start time counts."""
    Rapportjob.objects.filter(pk=job.pk).update(
        status=Rapportstatus.BEZIG, gestart=timezone.now(), pogingen=1
    )
    if connection.vendor != "postgresql":
        assert voer_uit(job) == "elders bezig"
        return
    andere_worker = connections.create_connection("default")
    try:
        with andere_worker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [services.SLOT_JOB, job.pk])
        assert voer_uit(job) == "elders bezig"
    finally:
        andere_worker.close()  # the lock goes with the connection, as when a worker dies
    # The server ends the closed session (and drops its lock) shortly after the client has gone.
    for _ in range(100):
        if services.slot_is_vrij(services.SLOT_JOB, job.pk):
            break
        time.sleep(0.05)
    assert voer_uit(job) == Rapportstatus.KLAAR


def test_een_gestorven_run_wordt_overgenomen(job):
    lang_geleden = timezone.now() - datetime.timedelta(hours=1)
    Rapportjob.objects.filter(pk=job.pk).update(status=Rapportstatus.BEZIG, gestart=lang_geleden, pogingen=1)

    assert voer_uit(job) == Rapportstatus.KLAAR
    job.refresh_from_db()
    assert (job.status, job.pogingen) == (Rapportstatus.KLAAR, 2)


def test_wie_telkens_sterft_wordt_na_drie_pogingen_mislukt(job):
    lang_geleden = timezone.now() - datetime.timedelta(hours=1)
    Rapportjob.objects.filter(pk=job.pk).update(
        status=Rapportstatus.BEZIG, gestart=lang_geleden, pogingen=services.MAX_POGINGEN
    )

    assert voer_uit(job) == "mislukt"
    job.refresh_from_db()
    assert job.status == Rapportstatus.MISLUKT
    assert "stopte 3 keer voortijdig" in job.fout


def test_een_fout_in_de_opbouw_maakt_het_rapport_mislukt_met_een_duidelijke_melding(job, monkeypatch, caplog):
    def kapot(parameters):
        raise ZeroDivisionError("deling door nul")

    monkeypatch.setitem(register.soorten, "huis", replace(register.soorten["huis"], bron=kapot))

    assert voer_uit(job) == Rapportstatus.MISLUKT

    job.refresh_from_db()
    assert job.status == Rapportstatus.MISLUKT and not job.bestand
    assert job.fout.startswith(
        "Het rapport kon niet gemaakt worden door een onverwachte fout (ZeroDivisionError)."
    )
    assert "deling door nul" in caplog.text  # the traceback is in the log, not in the message


def test_een_verdwenen_huis_geeft_een_begrijpelijke_melding(job):
    from huizen.models import Huis

    Rapportjob.objects.filter(pk=job.pk).update(huis=None, parameters={"huis": 999999, "datum": "2026-05-01"})
    assert Huis.objects.filter(pk=999999).count() == 0

    voer_uit(job)
    job.refresh_from_db()
    assert job.fout == "Het rapport kon niet gemaakt worden: het Huis of de gemeente ervan bestaat niet meer."


def test_de_zachte_tijdslimiet_maakt_het_rapport_mislukt(job, monkeypatch, settings):
    def traag(parameters):
        raise SoftTimeLimitExceeded

    monkeypatch.setitem(register.soorten, "huis", replace(register.soorten["huis"], bron=traag))

    assert voer_uit(job) == Rapportstatus.MISLUKT

    job.refresh_from_db()
    seconden = settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert job.fout == f"Het rapport duurde te lang (meer dan {seconden} s) en werd afgebroken."
    assert maak_rapport.soft_time_limit == seconden and maak_rapport.time_limit > seconden


def test_een_tijdelijke_fout_wordt_opnieuw_geprobeerd(job, monkeypatch, prive_opslag):
    echt = opslag.schrijf_bytes
    pogingen = []

    def eerst_kapot(naam, inhoud):
        pogingen.append(naam)
        if len(pogingen) == 1:
            raise opslag.OpslagFout("schijf even weg")
        return echt(naam, inhoud)

    monkeypatch.setattr(opslag, "schrijf_bytes", eerst_kapot)

    voer_uit(job)

    job.refresh_from_db()
    assert (job.status, job.pogingen) == (Rapportstatus.KLAAR, 2)
    assert bestanden(prive_opslag) == [job.bestand.name]


def test_alleen_tijdelijke_fouten_worden_herhaald():
    from django.db import OperationalError

    assert OperationalError in maak_rapport.autoretry_for
    assert opslag.OpslagFout in maak_rapport.autoretry_for
    assert Exception not in maak_rapport.autoretry_for and ValueError not in maak_rapport.autoretry_for
    assert maak_rapport.max_retries == 5 and maak_rapport.retry_backoff
    assert maak_rapport.name == "rapporten.tasks.maak_rapport"


def test_een_aanhoudende_storing_maakt_het_rapport_uiteindelijk_mislukt(job, monkeypatch):
    def altijd_kapot(naam, inhoud):
        raise opslag.OpslagFout("schijf weg")

    monkeypatch.setattr(opslag, "schrijf_bytes", altijd_kapot)

    uitkomst = maak_rapport.apply(args=[job.pk], throw=False)

    assert uitkomst.failed() and isinstance(uitkomst.result, opslag.OpslagFout)
    job.refresh_from_db()
    assert job.status == Rapportstatus.MISLUKT
    assert job.fout.startswith("Het rapport kon niet gemaakt worden door een aanhoudende storing")
    assert job.pogingen == maak_rapport.max_retries + 1


def test_de_taken_gaan_naar_de_rapportenwachtrij():
    from hvhk.celery import app

    for taak in ["maak_rapport", "rond_batch_af", "herstel_rapporten"]:
        route = app.amqp.router.route({}, f"rapporten.tasks.{taak}")
        assert route["queue"].name == "rapporten"


def test_het_herstel_plant_verloren_jobs_opnieuw_in(job):
    Rapportjob.objects.filter(pk=job.pk).update(ingepland=timezone.now() - datetime.timedelta(hours=2))

    assert services.herstel_vastgelopen() == {"wachtend": 1, "verweesd": 0, "reeksen": 0}

    job.refresh_from_db()
    assert job.status == Rapportstatus.KLAAR
