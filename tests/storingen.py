"""Redis servers that fail: one that hangs (accepts, never answers) and an address where nothing
listens; and fixtures that point the cache or the broker at a Redis. Conftests import them."""

import socket
import threading

import pytest

from hvhk.celery import app
from kern import cache as kern_cache
from kern import wachtrij


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Nothing listens here: a stopped Redis (connection refused).
GEEN_REDIS = f"redis://127.0.0.1:{_vrije_poort()}/0"


@pytest.fixture
def hangende_redis():
    """A server that accepts connections and then never answers, like a hung Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    verbindingen = []
    stop = threading.Event()

    def aanvaard():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                verbindingen.append(server.accept()[0])
            except TimeoutError:
                continue

    draad = threading.Thread(target=aanvaard, daemon=True)
    draad.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    draad.join()
    for verbinding in verbindingen:
        verbinding.close()
    server.close()


@pytest.fixture
def cache_op(settings, monkeypatch):
    """Point the default cache (the production backend) at a Redis URL."""
    monkeypatch.setattr(kern_cache, "_gestoord_tot", {})

    def zet(url: str) -> None:
        settings.CACHES = {
            "default": {
                "BACKEND": "kern.cache.StoringsbestendigeRedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }

    return zet


@pytest.fixture
def broker_op(monkeypatch):
    """Publish to a real broker at a Redis URL instead of running tasks in-process."""
    monkeypatch.setattr(wachtrij, "_gestoord_tot", 0.0)
    oud_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False

    def zet(url: str) -> None:
        monkeypatch.setenv("CELERY_BROKER_URL", url)

    yield zet
    app.conf.task_always_eager = oud_eager
