"""Celery tasks of the reports, on the `rapporten` queue (task_routes: "rapporten.*").

Thin wrappers around rapporten.services: they take ids, check state first (a re-delivered
task does nothing twice), retry only transient errors (the database or the storage away for a
moment) with backoff and a maximum, and are bounded by soft and hard time limits.
"""

from celery import Task, shared_task

from rapporten import services

ZACHT, HARD = services.tijdslimieten()


class Rapporttaak(Task):
    """A report task run in the calling process (`task_always_eager`, the test settings) behaves as
    on a worker: its retries happen, and its failure stays in the job's row and the result, never
    raised into the code that asked for it (also not from a retry, which Celery re-applies
    eagerly)."""

    def apply(self, args=None, kwargs=None, *pargs, throw=None, **options):
        return super().apply(args, kwargs, *pargs, throw=False if throw is None else throw, **options)


class Maaktaak(Rapporttaak):
    """`on_failure` runs when the task gives up (retries exhausted): the job fails with a message
    instead of staying queued."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if args:
            services.markeer_storing(args[0], exc)


# Retried only on transient errors, bounded in time, acknowledged after the work is done.
RAPPORTTAAK = {
    "autoretry_for": services.TIJDELIJKE_FOUTEN,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
    "soft_time_limit": ZACHT,
    "time_limit": HARD,
    "acks_late": True,
    "reject_on_worker_lost": True,
}


@shared_task(base=Maaktaak, **RAPPORTTAAK)
def maak_rapport(job_id: int) -> str:
    """Make the PDF of one report job."""
    return services.voer_uit(job_id)


@shared_task(base=Rapporttaak, **RAPPORTTAAK)
def rond_batch_af(batch_id: int) -> str:
    """Put the finished PDFs of a batch into one ZIP and e-mail the requester once."""
    return services.rond_batch_af(batch_id)


@shared_task(soft_time_limit=120, time_limit=150)
def herstel_rapporten() -> dict:
    """Beat: queue again what a lost message or a dead worker left behind."""
    return services.herstel_vastgelopen()
