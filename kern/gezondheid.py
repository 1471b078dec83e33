"""The health of the portal per part, for `/gezondheid/` and the people who run it, and the
liveness answer `/gezondheid/leeft/` for container health checks.

Families and staff can be served as long as the database answers: the cache only holds rate-limit
counts (kern.cache fails open) and e-mails and reports wait in the database until the broker is
back (kern.wachtrij). So the web is healthy when the database is; a cache, broker, worker or beat
that is away makes it `beperkt` (degraded), which the load balancer must not take for dead.

The worker and beat leave a heartbeat in the database (`Hartslag`): beat on every tick of its
scheduler (`kern.beat.Planner`; while the broker is away beat waits for it and does not tick), a
worker each time it connects to the broker and on every `kern.tasks.hartslag` that beat sends it.
"""

from __future__ import annotations

import datetime
import logging

from celery import current_app
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone

from kern.models import Hartslag
from kern.wachtrij import korte_verbinding

logger = logging.getLogger(__name__)

OK = "ok"
BEPERKT = "beperkt"
STORING = "storing"
IN_PROCES = "in-proces"  # task_always_eager (the test settings): tasks run in the calling process

LEVENSTEKEN_PAD = "/gezondheid/leeft/"

# A worker or beat silent for longer than this is reported as such (beat sends the worker a
# heartbeat task every 30 seconds, so it ticks at least that often).
STILTE = datetime.timedelta(minutes=2)


def meld_hartslag(bron: str) -> None:
    """Record that `bron` ("worker", "beat") is alive; a database that is away is only logged."""
    try:
        Hartslag.objects.update_or_create(bron=bron, defaults={"tijd": timezone.now()})
    except DatabaseError:
        logger.warning("Kon de hartslag van %s niet bewaren.", bron, exc_info=True)


def _fout(fout: BaseException) -> dict:
    return {"status": STORING, "fout": f"{type(fout).__name__}: {fout}"[:200]}


def database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as fout:
        return _fout(fout)
    return {"status": OK}


def cache() -> dict:
    backend = caches["default"]
    bereikbaar = getattr(backend, "bereikbaar", None)
    if bereikbaar is None:  # a cache in this process (the embedded default)
        return {"status": OK}
    return {"status": OK if bereikbaar() else STORING}


def broker() -> dict:
    if current_app.conf.task_always_eager:
        return {"status": IN_PROCES}
    try:
        with korte_verbinding(current_app) as verbinding:
            verbinding.ensure_connection(max_retries=0)
    except Exception as fout:  # noqa: BLE001  (any failure of the broker is reported, not raised)
        return _fout(fout)
    return {"status": OK}


def achtergrond(bron: str) -> dict:
    """The heartbeat of the worker or beat."""
    if current_app.conf.task_always_eager:
        return {"status": IN_PROCES}
    try:
        tijd = Hartslag.objects.filter(bron=bron).values_list("tijd", flat=True).first()
    except DatabaseError as fout:
        return _fout(fout)
    if tijd is None:
        return {"status": STORING, "laatst": None}
    stil = timezone.now() - tijd > STILTE
    return {"status": STORING if stil else OK, "laatst": tijd.isoformat()}


def rapport() -> dict:
    """Every part's state and the whole: `ok`, `beperkt` (families are served, something in the
    background is away) or `storing` (the database is away: nobody can be served)."""
    onderdelen = {
        "database": database(),
        "cache": cache(),
        "broker": broker(),
        "worker": achtergrond("worker"),
        "beat": achtergrond("beat"),
    }
    if onderdelen["database"]["status"] != OK:
        status = STORING
    elif all(deel["status"] in (OK, IN_PROCES) for deel in onderdelen.values()):
        status = OK
    else:
        status = BEPERKT
    return {"status": status, "onderdelen": onderdelen}


class LevenstekenMiddleware:
    """Answers `LEVENSTEKEN_PAD` before anything else runs (no host check, no HTTPS redirect, no
    database, no session): the liveness probe of a container only asks whether the process answers.
    Put it first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LEVENSTEKEN_PAD and request.method in ("GET", "HEAD"):
            antwoord = JsonResponse({"status": "leeft"})
            antwoord["Cache-Control"] = "no-store"
            return antwoord
        return self.get_response(request)
