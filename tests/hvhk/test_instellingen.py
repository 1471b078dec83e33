import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def start_django(**omgeving):
    eigen = (
        "SECRET_KEY",
        "DEBUG",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "EMAIL_URL",
        "EMAIL_BACKEND",
        "CACHE_URL",
        "WACHTRIJ_MAP",
    )
    env = {k: v for k, v in os.environ.items() if k not in eigen}
    env.update(DJANGO_SETTINGS_MODULE="hvhk.settings", **omgeving)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "from hvhk.celery import app; "
            "print(s.DATABASES['default']['ENGINE'], app.conf.broker_url, app.conf.task_always_eager, "
            "s.EMAIL_BACKEND)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_zonder_debug_weigert_de_webserver_te_starten_zonder_geheime_sleutel():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    resultaat = subprocess.run(
        [sys.executable, "-c", "import hvhk.wsgi"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hvhk.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert resultaat.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in resultaat.stderr


def test_zonder_geheime_sleutel_lukt_een_migratiecontrole_maar_geen_ondertekening():
    resultaat = start_django()
    assert resultaat.returncode == 0, resultaat.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    ondertekenen = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.core import signing; signing.dumps(1)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hvhk.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ondertekenen.returncode != 0 and "SECRET_KEY" in ondertekenen.stderr


def test_de_ingebouwde_standaard_heeft_niets_extra_nodig(tmp_path):
    """SQLite, a broker that is a folder (no server) and tasks for a worker, never in the process
    that sends them; an empty CELERY_BROKER_URL means the same."""
    for omgeving in ({}, {"CELERY_BROKER_URL": ""}):
        resultaat = start_django(DEBUG="1", WACHTRIJ_MAP=str(tmp_path / "wachtrij"), **omgeving)
        assert resultaat.stdout.split() == [
            "django.db.backends.sqlite3",
            "filesystem://",
            "False",
            "django.core.mail.backends.console.EmailBackend",
        ], resultaat.stderr
    assert (tmp_path / "wachtrij" / "berichten").is_dir() and (tmp_path / "wachtrij" / "control").is_dir()


def test_de_omgeving_schakelt_naar_postgresql_redis_en_smtp():
    resultaat = start_django(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u:p@db:5432/hvhk",
        CELERY_BROKER_URL="redis://redis:6379/0",
        EMAIL_URL="smtp+tls://u:p@smtp.voorbeeld.test:587",
    )
    assert resultaat.stdout.split() == [
        "django.db.backends.postgresql",
        "redis://redis:6379/0",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


@pytest.mark.django_db
def test_elke_pagina_verbiedt_inline_scripts_en_stijlen(client):
    antwoord = client.get(reverse("home"))
    beleid = antwoord["Content-Security-Policy"]
    assert "script-src 'self'" in beleid and "style-src 'self'" in beleid
    assert "unsafe-inline" not in beleid
    tekst = antwoord.content.decode()
    assert "<script>" not in tekst and "style=" not in tekst and "<style" not in tekst


def test_docker_compose_beschrijft_de_productievorm():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    diensten = compose["services"]
    assert set(diensten) == {"web", "worker", "beat", "db", "redis", "cache"}
    # Queued tasks are kept and never evicted; the cache is bounded and evicts what is least used.
    assert "--appendonly yes" in diensten["redis"]["command"]
    assert "--maxmemory-policy noeviction" in diensten["redis"]["command"]
    assert "--maxmemory-policy allkeys-lru" in diensten["cache"]["command"]
    assert "--maxmemory " in diensten["cache"]["command"]
    assert "gunicorn hvhk.wsgi" in diensten["web"]["command"]
    assert diensten["worker"]["command"].startswith("celery -A hvhk worker")
    assert diensten["beat"]["command"].startswith("celery -A hvhk beat")
    for naam in ("web", "worker", "beat"):
        omgeving = diensten[naam]["environment"]
        assert omgeving["DATABASE_URL"].startswith("postgres://") and omgeving["DEBUG"] == "0"
        assert diensten[naam]["depends_on"]["db"]["condition"] == "service_healthy"
        assert omgeving["CELERY_BROKER_URL"].startswith("redis://redis:")
        assert omgeving["CACHE_URL"].startswith("redis://cache:")


def test_de_celery_app_volgt_het_taakbeleid():
    from django.conf import settings

    from hvhk.celery import app

    conf = app.conf
    assert (conf.task_serializer, conf.accept_content) == ("json", ["json"])
    assert conf.task_acks_late and conf.worker_prefetch_multiplier == 1
    assert 0 < settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert conf.broker_transport_options["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
    assert conf.broker_transport_options["socket_connect_timeout"] <= 5
    assert conf.broker_transport_options["socket_timeout"] <= 5
    assert "kern.tasks.verstuur_wachtende_mails" in {t["task"] for t in conf.beat_schedule.values()}


def test_productie_cache_en_database_verdragen_storingen():
    """With Redis as cache: the fail-open backend with short socket timeouts, sessions in the
    database; PostgreSQL connections are checked before reuse, their age from the environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL", "DEBUG")}
    env.update(
        DJANGO_SETTINGS_MODULE="hvhk.settings",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u:p@db:5432/hvhk",
        CACHE_URL="redis://redis:6379/1",
        CONN_MAX_AGE="30",
    )
    script = (
        "import json, django; django.setup(); from django.conf import settings as s\n"
        "c, d = s.CACHES['default'], s.DATABASES['default']\n"
        "print(json.dumps([c['BACKEND'], c['OPTIONS'], s.SESSION_ENGINE, s.RATELIMIT_FAIL_OPEN,"
        " d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d['OPTIONS']['connect_timeout']]))"
    )
    resultaat = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert resultaat.returncode == 0, resultaat.stderr
    backend, opties, sessies, open_bij_storing, leeftijd, controle, wachttijd = json.loads(resultaat.stdout)
    assert backend == "kern.cache.StoringsbestendigeRedisCache"
    assert 0 < opties["socket_connect_timeout"] <= 0.5 and 0 < opties["socket_timeout"] <= 0.5
    assert sessies == "django.contrib.sessions.backends.db" and open_bij_storing
    assert (leeftijd, controle) == (30, True) and wachttijd <= 5


def test_worker_en_beat_geven_de_broker_nooit_op():
    from hvhk.celery import NaVerbinding, app

    conf = app.conf
    assert conf.broker_connection_retry and conf.broker_connection_retry_on_startup
    assert conf.broker_connection_max_retries is None
    schema = {t["task"]: t["schedule"] for t in conf.beat_schedule.values()}
    assert schema["rapporten.tasks.herstel_rapporten"] <= 60
    assert schema["kern.tasks.verstuur_wachtende_mails"] <= 60
    assert NaVerbinding in app.steps["consumer"]
