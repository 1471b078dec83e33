"""Handing tasks to Redis on a kept connection (kern.wachtrij), with a Redis of the test's own that
is restarted or frozen (run in CI)."""

import time

import pytest
import redis

from kern import wachtrij
from kern.tasks import hartslag
from kern.wachtrij import TIMEOUT, zet_in_wachtrij

pytestmark = pytest.mark.integration


@pytest.fixture
def broker(eigen_redis, broker_op):
    """The broker on the test's own Redis; a client to look into it."""
    eigen_redis.start()
    broker_op(eigen_redis.url(0))
    return redis.Redis(port=eigen_redis.poort, socket_timeout=2)


def test_taak_na_taak_komt_aan_over_een_en_dezelfde_verbinding(broker):
    clients_voor = broker.info("clients")["connected_clients"]

    assert all(zet_in_wachtrij(hartslag.si()) for _ in range(20))

    assert broker.llen("standaard") == 20
    assert broker.info("clients")["connected_clients"] == clients_voor + 1


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
