"""Handing tasks to Redis on a kept connection (kern.wachtrij), with a Redis of the test's own that
is restarted, stopped or frozen (run in CI)."""

import time

import pytest
import redis

from kern import wachtrij
from kern.tasks import hartslag
from kern.wachtrij import RUST, TIMEOUT, zet_in_wachtrij
from tests.integration.conftest import wacht_tot

pytestmark = pytest.mark.integration


@pytest.fixture
def broker(eigen_redis, broker_op):
    """The broker on the test's own Redis; a client to look into it."""
    eigen_redis.start()
    broker_op(eigen_redis.url(0))
    return redis.Redis(port=eigen_redis.poort, socket_timeout=2)


def _clients(broker) -> set[int]:
    """The ids of the connections the broker has open."""
    return {c["id"] for c in broker.client_list()}


def test_taak_na_taak_komt_aan_over_dezelfde_verbinding(broker):
    al_open = _clients(broker)
    assert zet_in_wachtrij(hartslag.si())
    bewaard = _clients(broker) - al_open
    assert bewaard

    assert all(zet_in_wachtrij(hartslag.si()) for _ in range(19))

    assert broker.llen("standaard") == 20
    assert _clients(broker) - al_open == bewaard  # no connection opened for the other 19


def test_een_verbinding_die_lang_rustte_wordt_vervangen_voor_ze_dient(broker, monkeypatch):
    al_open = _clients(broker)
    assert zet_in_wachtrij(hartslag.si())
    bewaard = _clients(broker) - al_open

    # Idle past RUST: a proxy may have dropped it silently, so the next hand-over opens a new one.
    monkeypatch.setattr(wachtrij._bewaard, "gebruikt", wachtrij._bewaard.gebruikt - RUST - 1)
    assert zet_in_wachtrij(hartslag.si())

    assert _clients(broker) - al_open - bewaard
    assert wacht_tot(lambda: not _clients(broker) & bewaard, seconden=5)  # the old one is closed
    assert broker.llen("standaard") == 2


def test_na_een_herstart_van_redis_komt_de_volgende_taak_toch_aan(broker, eigen_redis, monkeypatch):
    assert zet_in_wachtrij(hartslag.si())
    eigen_redis.stop()
    eigen_redis.start()  # the old server closed the kept connection

    assert zet_in_wachtrij(hartslag.si()) is True
    assert broker.llen("standaard") == 1  # the new server keeps nothing of the old one

    eigen_redis.stop()
    assert zet_in_wachtrij(hartslag.si()) is False
    eigen_redis.start()
    monkeypatch.setattr(wachtrij, "_gestoord_tot", 0.0)  # the pause after the failure is over

    assert zet_in_wachtrij(hartslag.si()) is True
    assert broker.llen("standaard") == 1


def test_een_bevroren_redis_laat_een_overdracht_niet_langer_wachten_dan_de_timeout(broker, eigen_redis):
    assert zet_in_wachtrij(hartslag.si())  # the connection is kept from here on
    eigen_redis.bevries()
    try:
        begin = time.monotonic()
        aangeboden = zet_in_wachtrij(hartslag.si())
        gewacht = time.monotonic() - begin
    finally:
        eigen_redis.ontdooi()

    assert aangeboden is False
    assert gewacht < 1.8 * TIMEOUT, gewacht
