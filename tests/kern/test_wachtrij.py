"""Handing tasks to the broker from a request: a broker that is away never fails the request."""

from celery import group

from kern.tasks import hartslag, verstuur_wachtende_mails
from kern.wachtrij import zet_in_wachtrij
from tests.storingen import GEEN_REDIS


def test_een_gestopte_broker_neemt_niets_aan_en_dat_wordt_gelogd(broker_op, caplog):
    broker_op(GEEN_REDIS)

    assert zet_in_wachtrij(hartslag.si()) is False
    assert "Broker onbereikbaar" in caplog.text


def test_een_hangende_broker_neemt_niets_aan(broker_op, hangende_redis):
    broker_op(hangende_redis)

    assert zet_in_wachtrij(group(hartslag.si(), verstuur_wachtende_mails.si())) is False


def test_na_een_storing_laat_de_web_de_broker_even_met_rust(broker_op, hangende_redis, caplog):
    broker_op(hangende_redis)
    zet_in_wachtrij(hartslag.si())
    caplog.clear()

    assert zet_in_wachtrij(hartslag.si()) is False
    assert "Broker onlangs onbereikbaar" in caplog.text
