"""The Celery app and its task policies (DESIGN.md section 4).

JSON only, late acknowledgement with one task prefetched, soft and hard time limits. The worker and
beat outlast a broker outage: they retry the connection for ever (backoff up to 30 s), also at
start-up, and on every (re)connection the worker reports itself and takes up what the outage left
behind: reports whose run was interrupted and e-mails that are still waiting. The web never
publishes through this configuration's long timeouts: it hands tasks over with kern.wachtrij.
Where the broker is (Redis, or a folder in the embedded default) is the settings' business
(CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT_OPTIONS); the worker runs beside the web server in both.
"""

import os

from celery import Celery, bootsteps
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hvhk.settings")

app = Celery("hvhk")
app.config_from_object("django.conf:settings", namespace="CELERY")

app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_track_started=True,
    task_default_queue="standaard",
    task_routes={"rapporten.*": {"queue": "rapporten"}},
    broker_connection_timeout=5,
    # A worker or beat never gives up on the broker: it retries until Redis is back.
    broker_connection_retry=True,
    broker_connection_retry_on_startup=True,
    broker_connection_max_retries=None,
    # A report that is running when the broker goes away runs on; its result is in the database.
    worker_cancel_long_running_tasks_on_connection_loss=False,
    redis_socket_timeout=5,
    redis_socket_connect_timeout=5,
    result_expires=24 * 60 * 60,
    timezone="Europe/Brussels",
    worker_hijack_root_logger=False,
    # Publishing from the worker and beat gives up after a few quick tries (the web uses
    # kern.wachtrij, which does not wait at all).
    task_publish_retry_policy={
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.5,
        "interval_max": 1,
    },
    # Beat leaves its own heartbeat in the database on every tick (kern.gezondheid).
    beat_scheduler="kern.beat.Planner",
    beat_schedule={
        "hartslag": {"task": "kern.tasks.hartslag", "schedule": 30},
        "wachtende-mails": {"task": "kern.tasks.verstuur_wachtende_mails", "schedule": 60},
        # Sent and failed mails leave the outbox after UITGAANDE_MAIL_BEWAARDAGEN days.
        "oude-mails": {"task": "kern.tasks.vergeet_oude_mails", "schedule": crontab(hour=3, minute=47)},
        # The loket: reminders, expiry and offer deadlines every hour, the retention purge at night.
        "loket-termijnen": {"task": "loket.tasks.verwerk_termijnen", "schedule": crontab(minute=7)},
        # The figures' monthly counts, for writes whose count could not be handed to the worker.
        "loket-maandtellingen": {"task": "loket.tasks.tel_maanden", "schedule": 600},
        # Reports whose message or worker got lost are queued again; forgotten batches finished.
        "rapporten-herstel": {"task": "rapporten.tasks.herstel_rapporten", "schedule": 60},
        # Locations whose closing date has come: just after midnight, when the date changes.
        "loket-sluitingen": {
            "task": "loket.tasks.verwerk_sluitingen",
            "schedule": crontab(hour=0, minute=27),
        },
        "loket-bewaartermijn": {
            "task": "loket.tasks.purge_bewaartermijn",
            "schedule": crontab(hour=3, minute=17),
        },
    },
)
app.autodiscover_tasks()

# Sent by a worker each time it (re)connects to the broker: it is alive, and what an outage left
# behind (interrupted or unsent reports, e-mails still waiting) is taken up at once.
NA_VERBINDING = (
    app.signature("kern.tasks.hartslag"),
    app.signature("rapporten.tasks.herstel_rapporten"),
    app.signature("kern.tasks.verstuur_wachtende_mails", kwargs={"ouder_dan": 0}),
)


class NaVerbinding(bootsteps.StartStopStep):
    """Runs when the worker's consumer starts: at start-up and after every reconnection."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, consumer):
        from kern.wachtrij import zet_in_wachtrij

        for taak in NA_VERBINDING:
            zet_in_wachtrij(taak.clone())


app.steps["consumer"].add(NaVerbinding)
