"""Handing a task to the broker from a web request, which never waits long for it or fails on it.

Callers do this after the commit (`transaction.on_commit`) and keep what the task is about in the
database (an e-mail in the outbox, a report job), so a task that could not be handed over is
picked up later by a periodic task (`kern.tasks.verstuur_wachtende_mails`,
`rapporten.tasks.herstel_rapporten`). Each hand-over uses its own connection with socket timeouts
of `TIMEOUT` seconds and no retries; after a failure the broker is left alone for `PAUZE` seconds,
so a request that sends a hundred e-mails to a hung Redis still answers at once.
With `task_always_eager` (the test settings only) the task runs in this process instead.
"""

import logging
import time

from celery import Celery
from celery.canvas import Signature
from kombu import Connection

logger = logging.getLogger(__name__)

TIMEOUT = 0.5
PAUZE = 10.0
_gestoord_tot = 0.0


def korte_verbinding(app: Celery) -> Connection:
    """A connection to the broker that gives up after `TIMEOUT` seconds instead of waiting."""
    return app.connection_for_write(
        connect_timeout=TIMEOUT,
        transport_options={"socket_timeout": TIMEOUT, "socket_connect_timeout": TIMEOUT, "max_retries": 0},
    )


def zet_in_wachtrij(taak: Signature) -> bool:
    """Send the task (a signature or a group) to the broker; False (and a log line) if the broker
    could not take it now."""
    global _gestoord_tot
    app = taak.app
    if app.conf.task_always_eager:
        taak.apply_async()
        return True
    if time.monotonic() < _gestoord_tot:
        logger.warning("Broker onlangs onbereikbaar; %s niet aangeboden.", taak)
        return False
    try:
        with korte_verbinding(app) as verbinding:
            taak.apply_async(producer=app.amqp.Producer(verbinding, auto_declare=False), retry=False)
    except Exception as fout:  # noqa: BLE001  (whatever the broker does, the request goes on)
        _gestoord_tot = time.monotonic() + PAUZE
        logger.warning("Broker onbereikbaar (%s: %s); %s niet aangeboden.", type(fout).__name__, fout, taak)
        return False
    return True
