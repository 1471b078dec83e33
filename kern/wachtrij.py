"""Handing a task to the broker from a web request, which never waits long for it or fails on it.

Callers do this after the commit (`transaction.on_commit`) and keep what the task is about in the
database (an e-mail in the outbox, a report job), so a task that could not be handed over is
picked up later by a periodic task (`kern.tasks.verstuur_wachtende_mails`,
`rapporten.tasks.herstel_rapporten`). A hand-over uses a connection with socket timeouts of
`TIMEOUT` seconds and no retries; after a failure the broker is left alone for `PAUZE` seconds,
so a request that sends a hundred e-mails to a hung Redis still answers at once.

Each thread of each process keeps its connection for the next hand-over: opening one costs several
times the hand-over itself. redis-py opens its socket again when Redis closed it (a restart); a
connection that fails is dropped, and the first hand-over after the pause opens a new one. One
left unused for `RUST` seconds is replaced before it is used: a proxy or firewall may have dropped
it without a word, and a hand-over on it would wait out the timeout.
With `task_always_eager` (the test settings only) the task runs in this process instead.
"""

import contextlib
import logging
import os
import threading
import time

from celery import Celery
from celery.canvas import Signature
from kombu import Connection

logger = logging.getLogger(__name__)

TIMEOUT = 0.5
PAUZE = 10.0
RUST = 60.0
_gestoord_tot = 0.0
_bewaard = threading.local()  # .sleutel (process, broker), .verbinding, .producer, .gebruikt


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
        _stuur(app, taak)
    except Exception as fout:  # noqa: BLE001  (whatever the broker does, the request goes on)
        _gestoord_tot = time.monotonic() + PAUZE
        logger.warning("Broker onbereikbaar (%s: %s); %s niet aangeboden.", type(fout).__name__, fout, taak)
        return False
    return True


def _stuur(app: Celery, taak: Signature) -> None:
    """Publish on this thread's kept connection, opened (and kept) first if there is none yet or it
    rested longer than `RUST` seconds."""
    sleutel = (os.getpid(), app.conf.broker_write_url)
    nu = time.monotonic()
    try:
        if getattr(_bewaard, "sleutel", None) != sleutel or nu - _bewaard.gebruikt > RUST:
            _open(app, sleutel)
        taak.apply_async(producer=_bewaard.producer, retry=False)
    except Exception:
        _vergeet()
        raise
    _bewaard.gebruikt = nu


def _open(app: Celery, sleutel: tuple[int, str]) -> None:
    oud = getattr(_bewaard, "sleutel", None)
    # One kept by this process is closed; one the parent process kept before a fork is left to it.
    _vergeet(sluit=oud is None or oud[0] == sleutel[0])
    _bewaard.verbinding = korte_verbinding(app)
    _bewaard.producer = app.amqp.Producer(_bewaard.verbinding, auto_declare=False)  # connects
    _bewaard.sleutel = sleutel


def _vergeet(*, sluit: bool = True) -> None:
    """Drop this thread's kept connection, if any (closing it if `sluit`)."""
    verbinding = getattr(_bewaard, "verbinding", None)
    if verbinding is not None and sluit:
        with contextlib.suppress(Exception):  # failed already, idle too long or another broker
            verbinding.release()
    _bewaard.sleutel = _bewaard.verbinding = _bewaard.producer = None
