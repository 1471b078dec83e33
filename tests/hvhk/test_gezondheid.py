"""The health check (/gezondheid/) and the liveness answer (/gezondheid/leeft/)."""

import datetime
import re
from pathlib import Path
from unittest import mock

import pytest
import yaml
from django.db import OperationalError
from django.utils import timezone

from hvhk.celery import app
from hvhk.settings import bestandsbroker
from kern.beat import Planner
from kern.gezondheid import LEVENSTEKEN_PAD, STILTE
from kern.models import Hartslag
from kern.tasks import hartslag
from tests.storingen import GEEN_REDIS

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_met_taken_in_het_eigen_proces_is_alles_in_orde(client):
    antwoord = client.get("/gezondheid/")

    assert antwoord.status_code == 200
    assert antwoord.json() == {
        "status": "ok",
        "onderdelen": {
            "database": {"status": "ok"},
            "cache": {"status": "ok"},
            "broker": {"status": "in-proces"},
            "worker": {"status": "in-proces"},
            "beat": {"status": "in-proces"},
        },
    }


def test_cache_broker_en_worker_weg_is_beperkt_maar_bedient_gezinnen(client, cache_op, broker_op):
    cache_op(GEEN_REDIS)
    broker_op(GEEN_REDIS)
    Hartslag.objects.create(bron="beat", tijd=timezone.now())

    antwoord = client.get("/gezondheid/")

    assert antwoord.status_code == 200
    rapport = antwoord.json()
    assert rapport["status"] == "beperkt"
    onderdelen = rapport["onderdelen"]
    assert onderdelen["database"] == {"status": "ok"}
    assert onderdelen["cache"] == {"status": "storing"}
    assert onderdelen["broker"]["status"] == "storing"
    assert "Connection refused" in onderdelen["broker"]["fout"]
    assert onderdelen["worker"] == {"status": "storing", "laatst": None}
    assert onderdelen["beat"]["status"] == "ok"


def test_een_stille_worker_wordt_gemeld_met_zijn_laatste_hartslag(client, broker_op, hangende_redis):
    broker_op(hangende_redis)
    lang_geleden = timezone.now() - STILTE - datetime.timedelta(seconds=1)
    Hartslag.objects.create(bron="worker", tijd=lang_geleden)

    worker = client.get("/gezondheid/").json()["onderdelen"]["worker"]

    assert worker == {"status": "storing", "laatst": lang_geleden.isoformat()}


def test_de_ingebouwde_broker_is_een_map_en_de_worker_meldt_zich_met_zijn_hartslag(
    client, monkeypatch, tmp_path
):
    """The embedded default (no CELERY_BROKER_URL): the broker is a folder, which is always there;
    whether the worker and beat run shows in their heartbeats, as in production."""
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    conf = app.conf
    oud = (conf.broker_url, conf.broker_transport_options, conf.task_always_eager)
    conf.broker_url = "filesystem://"
    conf.broker_transport_options = {**conf.broker_transport_options, **bestandsbroker(tmp_path)}
    conf.task_always_eager = False
    try:
        zonder_worker = client.get("/gezondheid/").json()
        for bron in ("worker", "beat"):
            Hartslag.objects.create(bron=bron, tijd=timezone.now())
        met_worker = client.get("/gezondheid/").json()
    finally:
        conf.broker_url, conf.broker_transport_options, conf.task_always_eager = oud

    assert zonder_worker["status"] == "beperkt"
    assert zonder_worker["onderdelen"]["broker"] == {"status": "ok"}
    assert zonder_worker["onderdelen"]["worker"] == {"status": "storing", "laatst": None}
    assert met_worker["status"] == "ok"


def test_zonder_database_antwoordt_de_gezondheid_503(client):
    with mock.patch("kern.gezondheid.connection.cursor", side_effect=OperationalError("weg")):
        antwoord = client.get("/gezondheid/")

    assert antwoord.status_code == 503
    assert antwoord.json()["status"] == "storing"
    assert antwoord.json()["onderdelen"]["database"] == {"status": "storing", "fout": "OperationalError: weg"}


@pytest.mark.django_db(transaction=True)  # beat replaces old connections on every tick
def test_de_worker_en_beat_laten_een_hartslag_na(tmp_path):
    hartslag()
    planner = Planner(app, schedule_filename=str(tmp_path / "schema"))
    planner.tick()
    planner.close()

    assert set(Hartslag.objects.values_list("bron", flat=True)) == {"worker", "beat"}


def test_de_gezondheid_volgt_geen_https_omleiding(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/gezondheid/").status_code == 200
    assert client.get("/").status_code == 301


def test_het_levensteken_antwoordt_zonder_https_en_voor_elke_host(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["portaal.huizenvanhetkind.be"]

    antwoord = client.get(LEVENSTEKEN_PAD, HTTP_HOST="127.0.0.1:8000")

    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "leeft"}
    assert client.get("/gezondheid/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_de_gezondheidscontrole_van_docker_compose_vraagt_het_levensteken():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    controle = compose["services"]["web"]["healthcheck"]

    opdracht = " ".join(controle["test"])
    assert controle["test"][0] == "CMD"
    assert re.search(r"http://127\.0\.0\.1:8000" + re.escape(LEVENSTEKEN_PAD), opdracht)
    assert "timeout=" in opdracht
    for dienst in ("web", "worker", "beat"):
        assert compose["services"][dienst]["depends_on"]["redis"]["condition"] == "service_started"
