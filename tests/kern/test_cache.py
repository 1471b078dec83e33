"""The Redis cache fails open: a stopped or hung Redis reads as an empty cache, never as an error."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django_ratelimit.core import is_ratelimited

import hvhk.settings as productie
from tests.storingen import GEEN_REDIS

WACHTWOORD = "een-lang-wachtwoord-2026"  # tests.factories.UserFactory


def test_een_gestopte_redis_is_een_lege_cache_met_een_logregel(cache_op, caplog):
    cache_op(GEEN_REDIS)

    assert cache.get("sleutel", "standaard") == "standaard"
    assert cache.add("sleutel", 1) is True
    assert cache.incr("teller") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    cache.set("sleutel", 1)
    cache.delete("sleutel")
    assert "Cache onbereikbaar" in caplog.text


def test_een_hangende_redis_is_een_lege_cache(cache_op, hangende_redis):
    cache_op(hangende_redis)

    assert cache.get("sleutel") is None
    assert cache.get_or_set("sleutel", 42) == 42
    assert cache.bereikbaar() is False


@pytest.mark.parametrize("url", ["geen", "hangend"])
def test_het_aanvraagformulier_wordt_niet_geweigerd_als_de_cache_weg_is(
    cache_op, hangende_redis, settings, url
):
    cache_op(GEEN_REDIS if url == "geen" else hangende_redis)
    settings.RATELIMIT_IP_META_KEY = None
    verzoek = RequestFactory().post("/opvang/", REMOTE_ADDR="192.0.2.10")

    uitslagen = [
        is_ratelimited(verzoek, group="test", key="ip", rate="1/h", method="POST", increment=True)
        for _ in range(3)
    ]

    assert uitslagen == [False, False, False]


@pytest.mark.django_db
def test_aanmelden_wordt_niet_geweigerd_als_de_cache_weg_is(
    client, cache_op, hangende_redis, coordinator, settings
):
    cache_op(hangende_redis)
    settings.ACCOUNT_RATE_LIMITS = productie.ACCOUNT_RATE_LIMITS
    for _ in range(6):  # more failed attempts than the limit per address
        client.post(reverse("account_login"), {"login": coordinator.email, "password": "fout"})

    antwoord = client.post(reverse("account_login"), {"login": coordinator.email, "password": WACHTWOORD})

    assert antwoord.status_code == 302


def test_sessies_staan_in_de_database(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_de_cache_bouwt_zijn_redis_client_een_keer_per_pool(cache_op):
    """Every cache call asks for a client; building a `redis.Redis` costs a table of response
    handlers each time, so the cache keeps one per connection pool (no server is needed for this)."""
    cache_op(GEEN_REDIS)

    eerste = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is eerste
    assert cache._cache.get_client("c", write=True) is eerste  # one server: one pool for both
