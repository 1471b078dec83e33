"""Writes of the report jobs: starting a report or a batch, running one job, finishing a batch,
retrying a failed job and recovering jobs whose worker died.

Idempotency (DESIGN.md, Celery): a job is run under a lease (`slot`), a PostgreSQL advisory lock
held by the process that works on it and released when it stops or dies. A task that finds the
lease taken does nothing; a task that finds a job `bezig` with a free lease takes over the dead
run. A finished job with its file is never made again, and the file has one fixed name per job
(written through a temporary file and an atomic rename), so a re-delivered task cannot leave a
second file. A batch is finished (ZIP + one e-mail) by `rond_batch_af`, which every job asks for
once nothing is open any more; the e-mail is written to the outbox in the same transaction that
sets `gemaild`, so it goes out once.
"""

from __future__ import annotations

import datetime
import fcntl
import logging
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from huizen.models import Gemeente, Huis, Provincie, VrindCluster
from huizen.selectors import huizen_in_gemeente
from kern.mail import verstuur_mail
from kern.pdf import GeweigerdeBron
from kern.tabellen import datumtekst
from kern.tenancy import Rol, huis_ids_van, is_lid, is_opgroeien
from kern.wachtrij import zet_in_wachtrij
from rapporten import opslag
from rapporten.behoefte import mag_zien
from rapporten.models import OPEN, Rapportbatch, Rapportjob, Rapportsoort, Rapportstatus
from rapporten.soorten import maak_pdf, soort_van

logger = logging.getLogger(__name__)

# Errors worth another try: the database or the storage was away for a moment.
TIJDELIJKE_FOUTEN = (OperationalError, InterfaceError, opslag.OpslagFout)
# A job whose run stopped this many times without finishing (worker killed, out of memory, hard
# time limit) is marked failed instead of being tried yet again.
MAX_POGINGEN = 3
# Queued jobs not picked up after this long are handed to the broker again (a lost message).
HERPLAN_NA = datetime.timedelta(minutes=30)

# PostgreSQL advisory lock classes (the first key) for the leases.
SLOT_JOB = 84_001
SLOT_BATCH = 84_002


def tijdslimieten() -> tuple[int, int]:
    """The soft and hard time limit of a report (seconds)."""
    zacht = getattr(settings, "RAPPORTEN_SOFT_TIME_LIMIT", settings.CELERY_TASK_SOFT_TIME_LIMIT)
    hard = getattr(settings, "RAPPORTEN_TIME_LIMIT", settings.CELERY_TASK_TIME_LIMIT)
    return zacht, max(hard, zacht + 10)


def te_lang_melding(seconden: int) -> str:
    return f"Het rapport duurde te lang (meer dan {seconden} s) en werd afgebroken."


# --- Leases ---------------------------------------------------------------------------------


@contextmanager
def slot(klasse: int, sleutel: int) -> Iterator[bool]:
    """Try to take the lease on (klasse, sleutel) for as long as the block runs; yields whether
    it was granted.

    On PostgreSQL this is a session advisory lock: it is released at the end of the block, and by
    PostgreSQL itself when the process dies and its connection closes, so a killed worker never
    blocks a job. Every process that shares an SQLite database works on the same machine: there
    the lease is an exclusive flock on a file next to the database, which the system releases as
    well when the process dies (an in-memory database has one process only: always granted).
    """
    if connection.vendor != "postgresql":
        with _bestandsslot(klasse, sleutel) as gekregen:
            yield gekregen
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [klasse, sleutel])
        gekregen = bool(cursor.fetchone()[0])
    try:
        yield gekregen
    finally:
        if gekregen:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [klasse, sleutel])
            except DatabaseError:  # the connection is gone, and the lock with it
                logger.warning("Kon het slot (%s, %s) niet vrijgeven.", klasse, sleutel, exc_info=True)


@contextmanager
def _bestandsslot(klasse: int, sleutel: int) -> Iterator[bool]:
    if connection.is_in_memory_db():
        yield True
        return
    database = Path(connection.settings_dict["NAME"])
    map_ = database.with_name(f"{database.name}.sloten")
    map_.mkdir(exist_ok=True)
    with open(map_ / f"{klasse}-{sleutel}", "a") as bestand:
        try:
            fcntl.flock(bestand, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(bestand, fcntl.LOCK_UN)


def slot_is_vrij(klasse: int, sleutel: int) -> bool:
    with slot(klasse, sleutel) as gekregen:
        return gekregen


# --- Enqueueing -----------------------------------------------------------------------------


def _in_proces(taak) -> bool:
    return bool(taak.app.conf.task_always_eager)


def _voer_hier_uit(taak, *args) -> None:
    """With `task_always_eager` (the test settings) a task runs in this process; its failure stays
    in the job's row and never escapes into the code that asked for it (tasks.Rapporttaak)."""
    taak.apply(args=args)


def plan_job(job_id: int) -> None:
    """Hand a job to the broker (after commit). If the broker is away, the job stays queued and
    `herstel_vastgelopen` hands it over again later."""
    from rapporten.tasks import maak_rapport

    Rapportjob.objects.filter(pk=job_id).update(ingepland=timezone.now())
    if _in_proces(maak_rapport):
        _voer_hier_uit(maak_rapport, job_id)
        return
    if not zet_in_wachtrij(maak_rapport.si(job_id)):
        # Not handed over: `herstel_vastgelopen` hands it over at its next run (every minute).
        Rapportjob.objects.filter(pk=job_id).update(ingepland=None)
        logger.warning("Rapport %s wordt later ingepland.", job_id)


def plan_batch(batch_id: int) -> None:
    """All open jobs of a batch as one Celery group (each job its own row and task)."""
    from celery import group

    from rapporten.tasks import maak_rapport

    job_ids = list(
        Rapportjob.objects.filter(batch_id=batch_id, status__in=OPEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Rapportjob.objects.filter(pk__in=job_ids).update(ingepland=timezone.now())
    if _in_proces(maak_rapport):
        for job_id in job_ids:
            _voer_hier_uit(maak_rapport, job_id)
        return
    if not zet_in_wachtrij(group(maak_rapport.si(job_id) for job_id in job_ids)):
        Rapportjob.objects.filter(pk__in=job_ids).update(ingepland=None)
        logger.warning("Reeks %s wordt later ingepland.", batch_id)


def plan_afronding(batch_id: int) -> None:
    from rapporten.tasks import rond_batch_af

    if _in_proces(rond_batch_af):
        _voer_hier_uit(rond_batch_af, batch_id)
        return
    if not zet_in_wachtrij(rond_batch_af.si(batch_id)):
        logger.warning("Reeks %s wordt later afgerond.", batch_id)


# --- Starting reports -----------------------------------------------------------------------


def mag_huisrapport_maken(gebruiker, huis: Huis) -> bool:
    return is_opgroeien(gebruiker) or is_lid(gebruiker, huis, [Rol.COORDINATOR])


@transaction.atomic
def start_huisrapport(*, huis: Huis, door) -> tuple[Rapportjob, bool]:
    """Start the profile report of a Huis (its coordinators and Opgroeien staff may). Returns the
    job and whether it is new: while a report of this Huis is still queued or running, asking
    again (a double click, a second tab) returns that one."""
    if not mag_huisrapport_maken(door, huis):
        raise PermissionDenied("Alleen de coördinatoren van het Huis en Opgroeien maken dit rapport.")
    Huis.objects.select_for_update().filter(pk=huis.pk).first()  # one request at a time per Huis
    bestaand = Rapportjob.objects.open().filter(soort=Rapportsoort.HUIS, huis=huis, batch=None).first()
    if bestaand is not None:
        return bestaand, False
    soort = soort_van(Rapportsoort.HUIS)
    parameters = soort.valideer({"huis": huis.pk, "datum": timezone.localdate().isoformat()})
    return _maak_job(soort=soort, parameters=parameters, huis=huis, door=door), True


@transaction.atomic
def start_job(*, soort: str, parameters: dict, door, huis: Huis | None = None) -> tuple[Rapportjob, bool]:
    """Start one report of `soort` (parameters checked by the kind); while the same report is still
    queued or running, asking again returns that job."""
    rapport = soort_van(soort)
    parameters = rapport.valideer(parameters)
    bestaand = Rapportjob.objects.open().filter(soort=soort, parameters=parameters, batch=None).first()
    if bestaand is not None:
        return bestaand, False
    return _maak_job(soort=rapport, parameters=parameters, huis=huis, door=door), True


def _maak_job(*, soort, parameters: dict, huis: Huis | None, door) -> Rapportjob:
    job = Rapportjob.objects.create(
        soort=soort.code,
        titel=soort.titel(parameters),
        bestandsnaam=soort.bestandsnaam(parameters),
        parameters=parameters,
        huis=huis,
        aangevraagd_door=door,
    )
    transaction.on_commit(lambda: plan_job(job.pk))
    return job


@transaction.atomic
def start_gemeenteraadsrapport(*, gemeente: Gemeente, door) -> tuple[Rapportjob, bool]:
    """Start the council report of one gemeente, today: Opgroeien staff and the members of a Huis
    that serves the gemeente may. The job belongs to that Huis (the user's own, where two Huizen
    serve the gemeente), so its members see it too; while the same report of that Huis is still
    queued or running, asking again returns that one."""
    datum = timezone.localdate()
    if not mag_zien(door, gemeente, datum):
        raise PermissionDenied("Alleen Opgroeien en het Huis van de gemeente maken dit rapport.")
    huizen = huizen_in_gemeente(gemeente, datum)
    huis = huizen.filter(pk__in=huis_ids_van(door)).first() or huizen.first()
    soort = soort_van(Rapportsoort.GEMEENTERAAD)
    parameters = soort.valideer({"gemeente": gemeente.nis, "datum": datum.isoformat()})
    bestaand = (
        Rapportjob.objects.open()
        .filter(soort=soort.code, parameters=parameters, batch=None, huis=huis)
        .first()
    )
    if bestaand is not None:
        return bestaand, False
    return _maak_job(soort=soort, parameters=parameters, huis=huis, door=door), True


class Bereiksoort:
    ALLE = "alle"
    PROVINCIE = "provincie"
    CLUSTER = "cluster"
    GEMEENTEN = "gemeenten"
    KEUZES = [
        (ALLE, "Alle gemeenten"),
        (PROVINCIE, "De gemeenten van één provincie"),
        (CLUSTER, "De gemeenten van één VRIND-cluster"),
        (GEMEENTEN, "Gemeenten die ik kies"),
    ]


@dataclass(frozen=True)
class Bereik:
    """Which gemeenten a batch covers: all, one provincie (its name), one VRIND cluster (its
    number) or a chosen list (their NIS codes, sorted and separated by commas: `voor_gemeenten`)."""

    soort: str = Bereiksoort.ALLE
    waarde: str = ""

    @classmethod
    def voor_gemeenten(cls, nis_codes) -> Bereik:
        return cls(Bereiksoort.GEMEENTEN, ",".join(sorted(set(nis_codes))))

    @property
    def nis_codes(self) -> list[str]:
        return [code for code in self.waarde.split(",") if code]

    def valideer(self) -> None:
        if self.soort == Bereiksoort.ALLE:
            return
        if self.soort == Bereiksoort.GEMEENTEN:
            codes = self.nis_codes
            bestaand = Gemeente.objects.geldig_op(timezone.localdate()).filter(nis__in=codes).count()
            if codes and bestaand == len(codes):
                return
            raise ValidationError("Kies een of meer gemeenten die vandaag bestaan.")
        if self.soort == Bereiksoort.PROVINCIE and self.waarde in Provincie.values:
            return
        if (
            self.soort == Bereiksoort.CLUSTER
            and VrindCluster.objects.filter(nummer=self.waarde or 0).exists()
        ):
            return
        raise ValidationError("Kies alle gemeenten, een bestaande provincie of een bestaande VRIND-cluster.")

    def gemeenten(self, datum: datetime.date) -> QuerySet[Gemeente]:
        gemeenten = Gemeente.objects.geldig_op(datum).select_related("cluster").order_by("naam", "nis")
        if self.soort == Bereiksoort.PROVINCIE:
            return gemeenten.filter(provincie=self.waarde)
        if self.soort == Bereiksoort.CLUSTER:
            return gemeenten.filter(cluster__nummer=self.waarde)
        if self.soort == Bereiksoort.GEMEENTEN:
            return gemeenten.filter(nis__in=self.nis_codes)
        return gemeenten

    def beschrijving(self) -> str:
        if self.soort == Bereiksoort.PROVINCIE:
            return f"de gemeenten van {Provincie(self.waarde).label}"
        if self.soort == Bereiksoort.CLUSTER:
            cluster = VrindCluster.objects.filter(nummer=self.waarde).first()
            return (
                f"de gemeenten van VRIND-cluster {cluster}"
                if cluster
                else "de gemeenten van een VRIND-cluster"
            )
        if self.soort == Bereiksoort.GEMEENTEN:
            namen = list(
                Gemeente.objects.filter(nis__in=self.nis_codes)
                .order_by("naam")
                .values_list("naam", flat=True)
            )
            if len(namen) > 3:
                return f"{', '.join(namen[:2])} en {len(namen) - 2} andere gemeenten"
            return " en ".join([", ".join(namen[:-1]), namen[-1]]) if len(namen) > 1 else "".join(namen)
        return "alle gemeenten"


@transaction.atomic
def start_gemeenteraadsbatch(*, bereik: Bereik, door) -> tuple[Rapportbatch, bool]:
    """Start the council report of every gemeente in `bereik` as one batch (Opgroeien only).

    Returns the batch and whether it is new: while a batch for the same gemeenten is still
    running, asking again returns that one.
    """
    if not is_opgroeien(door):
        raise PermissionDenied("Alleen medewerkers van Opgroeien maken rapporten voor de gemeenteraden.")
    bereik.valideer()
    bestaand = (
        Rapportbatch.objects.select_for_update()
        .filter(
            soort=Rapportsoort.GEMEENTERAAD,
            afgerond__isnull=True,
            parameters__bereik=bereik.soort,
            parameters__waarde=bereik.waarde,
        )
        .first()
    )
    if bestaand is not None:
        return bestaand, False
    datum = timezone.localdate()
    gemeenten = list(bereik.gemeenten(datum))
    if not gemeenten:
        raise ValidationError("Er zijn op dit moment geen gemeenten in deze keuze.")
    beschrijving = bereik.beschrijving()
    batch = Rapportbatch.objects.create(
        soort=Rapportsoort.GEMEENTERAAD,
        titel=f"Rapporten voor de gemeenteraad: {beschrijving} ({datumtekst(datum)})",
        parameters={"bereik": bereik.soort, "waarde": bereik.waarde, "datum": datum.isoformat()},
        bestandsnaam=f"gemeenteraadsrapporten-{slugify(beschrijving)[:80]}-{datum:%Y-%m-%d}.zip",
        aangevraagd_door=door,
    )
    voor_gemeente = soort_van(Rapportsoort.GEMEENTERAAD).voor_gemeente
    opdrachten = [voor_gemeente(gemeente, datum) for gemeente in gemeenten]
    Rapportjob.objects.bulk_create(
        [
            Rapportjob(
                soort=Rapportsoort.GEMEENTERAAD,
                titel=opdracht.titel,
                bestandsnaam=opdracht.bestandsnaam,
                parameters=opdracht.parameters,
                batch=batch,
                aangevraagd_door=door,
            )
            for opdracht in opdrachten
        ]
    )
    transaction.on_commit(lambda: plan_batch(batch.pk))
    return batch, True


@transaction.atomic
def probeer_opnieuw(*, job: Rapportjob, door) -> Rapportjob:
    """Queue a failed job again (whoever may see it may retry it); its batch is finished again
    (a new ZIP) once the job ends."""
    job = Rapportjob.objects.select_for_update().get(pk=job.pk)
    if job.status != Rapportstatus.MISLUKT:
        raise ValidationError("Alleen een mislukt rapport kan opnieuw gemaakt worden.")
    job.status = Rapportstatus.WACHTRIJ
    job.fout = ""
    job.voortgang = 0
    job.pogingen = 0
    job.gestart = None
    job.klaar = None
    job.save(update_fields=["status", "fout", "voortgang", "pogingen", "gestart", "klaar"])
    if job.batch_id:
        Rapportbatch.objects.select_for_update().filter(pk=job.batch_id).update(afgerond=None)
    transaction.on_commit(lambda: plan_job(job.pk))
    return job


# --- Running a job --------------------------------------------------------------------------


def _neem(job_id: int) -> Rapportjob | str:
    """Take the job for this run (status bezig), or say why not."""
    _, hard = tijdslimieten()
    with transaction.atomic():
        job = Rapportjob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            return "onbekend"
        if job.status == Rapportstatus.KLAAR and opslag.bestaat(job.bestand.name):
            return "al klaar"
        if job.status == Rapportstatus.MISLUKT:
            return "mislukt"
        if job.status == Rapportstatus.BEZIG:
            if (
                connection.vendor != "postgresql"
                and job.gestart
                and (timezone.now() - job.gestart < datetime.timedelta(seconds=hard))
            ):
                return "elders bezig"  # SQLite: a run still within its time is trusted as well
            # The run that set `bezig` stopped without finishing (its lease is free).
            if job.pogingen >= MAX_POGINGEN:
                job.status = Rapportstatus.MISLUKT
                job.fout = (
                    f"Het rapport kon niet gemaakt worden: de verwerking stopte {job.pogingen} keer "
                    f"voortijdig (de worker stopte, of het rapport duurde langer dan {hard} s)."
                )
                job.klaar = timezone.now()
                job.save(update_fields=["status", "fout", "klaar"])
                return "mislukt"
            logger.warning("Rapport %s: de vorige verwerking stopte voortijdig; nieuwe poging.", job.pk)
        job.status = Rapportstatus.BEZIG
        job.gestart = timezone.now()
        job.pogingen += 1
        job.voortgang = 10
        job.fout = ""
        job.save(update_fields=["status", "gestart", "pogingen", "voortgang", "fout"])
        return job


def _zet_voortgang(job: Rapportjob, voortgang: int) -> None:
    Rapportjob.objects.filter(pk=job.pk, status=Rapportstatus.BEZIG).update(voortgang=voortgang)


def _mislukt(job: Rapportjob, melding: str) -> None:
    Rapportjob.objects.filter(pk=job.pk).update(
        status=Rapportstatus.MISLUKT, fout=melding, klaar=timezone.now(), voortgang=100
    )


def foutmelding(fout: Exception) -> str:
    """A clear Dutch message for a report that failed on `fout` (the traceback goes to the log)."""
    if isinstance(fout, ObjectDoesNotExist):
        return "Het rapport kon niet gemaakt worden: het Huis of de gemeente ervan bestaat niet meer."
    if isinstance(fout, ValidationError):
        return "Het rapport kon niet gemaakt worden: " + " ".join(fout.messages)
    if isinstance(fout, GeweigerdeBron):
        return f"Het rapport kon niet gemaakt worden: het sjabloon vroeg een bron die niet mag ({fout})."
    return (
        "Het rapport kon niet gemaakt worden door een onverwachte fout "
        f"({type(fout).__name__}). De fout staat in het logboek van het portaal; probeer het "
        "opnieuw, en meld het aan de beheerders als het blijft mislukken."
    )


def voer_uit(job_id: int) -> str:
    """Make the PDF of one job (called by the task `maak_rapport`). Returns what happened.

    Transient errors (database, storage) put the job back in the queue and are raised again, for
    the task to retry; a soft time limit or any other error marks the job failed with a message.
    """
    zacht, _ = tijdslimieten()
    with slot(SLOT_JOB, job_id) as gekregen:
        if not gekregen:
            return "elders bezig"
        genomen = _neem(job_id)
        if isinstance(genomen, str):
            return genomen
        job = genomen
        try:
            _html, pdf = maak_pdf(job.soort, job.parameters, na_context=lambda: _zet_voortgang(job, 40))
            _zet_voortgang(job, 90)
            naam = opslag.schrijf_bytes(job.bestandspad, pdf)
        except SoftTimeLimitExceeded:
            logger.warning("Rapport %s duurde langer dan %s s.", job.pk, zacht)
            _mislukt(job, te_lang_melding(zacht))
            uitkomst = Rapportstatus.MISLUKT
        except TIJDELIJKE_FOUTEN:
            try:
                Rapportjob.objects.filter(pk=job.pk).update(
                    status=Rapportstatus.WACHTRIJ,
                    voortgang=0,
                    fout="Een tijdelijke storing (database of opslag); het portaal probeert het zo opnieuw.",
                )
            except DatabaseError:
                logger.warning("Rapport %s: kon de tijdelijke fout niet bewaren.", job.pk, exc_info=True)
            raise
        except Exception as fout:
            logger.exception("Rapport %s (%s) mislukte.", job.pk, job.soort)
            _mislukt(job, foutmelding(fout))
            uitkomst = Rapportstatus.MISLUKT
        else:
            Rapportjob.objects.filter(pk=job.pk).update(
                status=Rapportstatus.KLAAR, bestand=naam, voortgang=100, klaar=timezone.now(), fout=""
            )
            uitkomst = Rapportstatus.KLAAR
    if job.batch_id:
        controleer_batch(job.batch_id)
    return uitkomst


def markeer_storing(job_id: int, fout: BaseException) -> None:
    """The task gave up (retries exhausted on transient errors, or an error outside the job's own
    handling): the job fails with a message, if it is still open."""
    if isinstance(fout, SoftTimeLimitExceeded):
        melding = te_lang_melding(tijdslimieten()[0])
    else:
        melding = (
            "Het rapport kon niet gemaakt worden door een aanhoudende storing van de database of "
            f"de opslag ({type(fout).__name__}). Probeer het later opnieuw."
        )
    try:
        Rapportjob.objects.filter(pk=job_id, status__in=OPEN).update(
            status=Rapportstatus.MISLUKT, klaar=timezone.now(), voortgang=100, fout=melding
        )
    except DatabaseError:
        logger.exception("Rapport %s: kon de storing niet bewaren.", job_id)
        return
    batch_id = Rapportjob.objects.filter(pk=job_id).values_list("batch_id", flat=True).first()
    if batch_id:
        controleer_batch(batch_id)


# --- Finishing a batch ----------------------------------------------------------------------


def controleer_batch(batch_id: int) -> None:
    """When no job of the batch is open any more, ask for the batch to be finished (after the
    current transaction; several jobs may ask, `rond_batch_af` does the work once)."""
    if not Rapportjob.objects.filter(batch_id=batch_id, status__in=OPEN).exists():
        transaction.on_commit(lambda: plan_afronding(batch_id))


def _schrijf_zip(bestand, jobs: list[Rapportjob], mislukt: list[Rapportjob]) -> None:
    """The finished PDFs, streamed from disk into the ZIP (PDFs are compressed already)."""
    with zipfile.ZipFile(bestand, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archief:
        for job in jobs:
            archief.write(opslag.pad(job.bestand.name), arcname=job.bestandsnaam)
        if mislukt:
            regels = [f"{job.titel}: {job.fout}" for job in mislukt]
            tekst = "Deze rapporten konden niet gemaakt worden:\n\n" + "\n".join(regels) + "\n"
            archief.writestr("niet-gelukt.txt", tekst.encode("utf-8"))


def _mail_batch(batch: Rapportbatch) -> None:
    gebruiker = batch.aangevraagd_door
    if gebruiker is None or not gebruiker.email:
        return
    tellingen = batch.tellingen()
    url = settings.SITE_URL.rstrip("/") + reverse("rapporten:batch", kwargs={"batch_pk": batch.pk})
    mislukt = ""
    if tellingen.mislukt == 1:
        mislukt = " 1 rapport lukte niet; u kunt het daar opnieuw proberen."
    elif tellingen.mislukt:
        mislukt = f" {tellingen.mislukt} rapporten lukten niet; u kunt ze daar één voor één opnieuw proberen."
    tekst = (
        f"Dag {gebruiker.get_short_name()},\n\n"
        f"De reeks “{batch.titel}” is klaar: {tellingen.klaar} van de {tellingen.totaal} rapporten "
        f"zijn gemaakt.{mislukt}\n\n"
        f"U downloadt ze samen als één ZIP-bestand op:\n{url}\n\n"
        "Met vriendelijke groeten,\nHet portaal van de Huizen van het Kind\n"
    )
    verstuur_mail(aan=gebruiker.email, onderwerp="Uw rapporten voor de gemeenteraden zijn klaar", tekst=tekst)


def rond_batch_af(batch_id: int) -> str:
    """Build the batch's ZIP of finished PDFs and e-mail the requester once (task `rond_batch_af`).

    Does nothing while a job is open or when the batch is already finished with its ZIP.
    """
    with slot(SLOT_BATCH, batch_id) as gekregen:
        if not gekregen:
            return "elders bezig"
        batch = Rapportbatch.objects.filter(pk=batch_id).first()
        if batch is None:
            return "onbekend"
        if batch.jobs.filter(status__in=OPEN).exists():
            return "nog niet klaar"
        if batch.afgerond and opslag.bestaat(batch.zip.name):
            return "al afgerond"
        jobs = list(batch.jobs.filter(status=Rapportstatus.KLAAR).order_by("bestandsnaam", "pk"))
        jobs = [job for job in jobs if opslag.bestaat(job.bestand.name)]
        mislukt = list(batch.jobs.filter(status=Rapportstatus.MISLUKT).order_by("titel", "pk"))
        naam = opslag.schrijf(batch.zippad, lambda bestand: _schrijf_zip(bestand, jobs, mislukt))
        with transaction.atomic():
            batch = (
                Rapportbatch.objects.select_for_update(of=("self",))
                .select_related("aangevraagd_door")
                .get(pk=batch_id)
            )
            if batch.jobs.filter(status__in=OPEN).exists():
                return "opnieuw open"  # a job was retried meanwhile; it finishes the batch again
            batch.zip = naam
            batch.afgerond = timezone.now()
            if not batch.gemaild:
                _mail_batch(batch)
                batch.gemaild = True
            batch.save(update_fields=["zip", "afgerond", "gemaild"])
        return "afgerond"


# --- Recovery (Celery beat) -------------------------------------------------------------------


def herstel_vastgelopen() -> dict[str, int]:
    """Hand jobs whose message or worker got lost to the broker again, and finish batches that
    nobody finished. Safe to run any time: every task it sends checks state first."""
    nu = timezone.now()
    _, hard = tijdslimieten()
    wachtend = list(
        Rapportjob.objects.filter(status=Rapportstatus.WACHTRIJ)
        .filter(Q(ingepland__isnull=True) | Q(ingepland__lt=nu - HERPLAN_NA))
        .values_list("pk", flat=True)[:1000]
    )
    bezig = Rapportjob.objects.filter(
        status=Rapportstatus.BEZIG, gestart__lt=nu - datetime.timedelta(seconds=30)
    )
    if connection.vendor == "postgresql":
        verweesd = [pk for pk in bezig.values_list("pk", flat=True)[:1000] if slot_is_vrij(SLOT_JOB, pk)]
    else:
        verweesd = list(
            bezig.filter(gestart__lt=nu - datetime.timedelta(seconds=hard)).values_list("pk", flat=True)[
                :1000
            ]
        )
    for job_id in wachtend + verweesd:
        plan_job(job_id)
    af_te_ronden = list(
        Rapportbatch.objects.filter(afgerond__isnull=True)
        .exclude(jobs__status__in=OPEN)
        .values_list("pk", flat=True)[:100]
    )
    for batch_id in af_te_ronden:
        plan_afronding(batch_id)
    return {"wachtend": len(wachtend), "verweesd": len(verweesd), "reeksen": len(af_te_ronden)}
