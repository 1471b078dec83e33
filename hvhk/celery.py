"""The Celery app and its task policies (DESIGN.md section 4).

JSON only, late acknowledgement with one task prefetched, soft and hard time limits, and broker
timeouts short enough that a hung Redis fails in seconds instead of blocking a web request.
Without CELERY_BROKER_URL the tasks run in-process (the embedded default).
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hvhk.settings")

app = Celery("hvhk")
app.config_from_object("django.conf:settings", namespace="CELERY")

# The longest task may run CELERY_TASK_TIME_LIMIT seconds; Redis re-delivers an unacknowledged
# task only after the visibility timeout, which must be longer than that. (The worker integration
# test sets a short one through the environment, to see a killed worker's task come back.)
VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 2 * 60 * 60))

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
    broker_connection_retry_on_startup=True,
    broker_connection_max_retries=3,
    broker_transport_options={
        "visibility_timeout": VISIBILITY_TIMEOUT,
        "socket_timeout": 5,
        "socket_connect_timeout": 5,
        "max_retries": 2,
    },
    redis_socket_timeout=5,
    redis_socket_connect_timeout=5,
    result_expires=24 * 60 * 60,
    timezone="Europe/Brussels",
    worker_hijack_root_logger=False,
    # Publishing gives up after a few quick tries instead of blocking a web request.
    task_publish_retry_policy={
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.5,
        "interval_max": 1,
    },
    beat_schedule={
        "wachtende-mails": {"task": "kern.tasks.verstuur_wachtende_mails", "schedule": 5 * 60},
        # The loket: reminders, expiry and offer deadlines every hour, the retention purge at night.
        "loket-termijnen": {"task": "loket.tasks.verwerk_termijnen", "schedule": crontab(minute=7)},
        # Reports whose message or worker got lost are queued again; forgotten batches finished.
        "rapporten-herstel": {"task": "rapporten.tasks.herstel_rapporten", "schedule": 5 * 60},
        "loket-bewaartermijn": {
            "task": "loket.tasks.purge_bewaartermijn",
            "schedule": crontab(hour=3, minute=17),
        },
    },
)
app.autodiscover_tasks()
