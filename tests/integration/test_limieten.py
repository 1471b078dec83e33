"""The API's rate limits in one round trip to Redis give the same answers as DRF's own throttles:
the same sliding window, a request over the limit not counted, the same `wait()`; when Redis is
down, requests go through as they do with DRF on the fail-open cache. On a redis-server of its own."""

import secrets

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.test import RequestFactory
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from kern.limieten import AnoniemeLimiet, ApiLimieten, GebruikersLimiet
from tests.factories import UserFactory
from tests.storingen import GEEN_REDIS, cache_op  # noqa: F401  (fixture)

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_cache(cache_op, eigen_redis):  # noqa: F811
    eigen_redis.start()
    cache_op(eigen_redis.url(0))
    return caches["default"]


class Klok:
    def __init__(self):
        self.nu = 1_800_000_000.0

    def __call__(self, _throttle=None):
        return self.nu


def _verzoek(ip: str, user=None) -> Request:
    verzoek = RequestFactory().get("/api/v1/huizen/", REMOTE_ADDR=ip)
    verzoek.user = user or AnonymousUser()
    request = Request(verzoek)
    request._user = verzoek.user
    return request


def _verloop(klasse, klok: Klok, ip: str, user=None) -> list:
    """Requests at moments of the clock: per request whether it passed, and the wait after a no."""
    uitkomsten = []
    for stap in [0, 1, 1, 1, 1, 30, 28, 1, 1, 0.5, 61, 0]:
        klok.nu += stap
        throttle = klasse()
        toegestaan = throttle.allow_request(_verzoek(ip, user), None)
        uitkomsten.append((toegestaan, None if toegestaan else round(throttle.wait(), 6)))
    return uitkomsten


def _met_limiet(basis, klok: Klok):
    return type(basis.__name__, (basis,), {"rate": "3/min", "timer": klok})


@pytest.mark.django_db
def test_dezelfde_antwoorden_als_drf(redis_cache, settings):
    ip = f"192.0.2.{secrets.randbelow(250) + 1}"
    klok = Klok()
    op_redis = _verloop(_met_limiet(AnoniemeLimiet, klok), klok, ip)
    redis_cache.delete(f"throttle_anon_{ip}:venster")

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    klok = Klok()
    met_drf = _verloop(_met_limiet(AnonRateThrottle, klok), klok, ip)
    assert op_redis == met_drf
    assert [toegestaan for toegestaan, _ in op_redis] == [
        True, True, True, False, False, False, True, True, True, False, True, True,
    ]  # fmt: skip


@pytest.mark.django_db
def test_een_gebruiker_telt_apart_van_zijn_adres(redis_cache):
    ip = f"198.51.100.{secrets.randbelow(250) + 1}"
    gebruiker = UserFactory()
    klok = Klok()
    anoniem = _met_limiet(AnoniemeLimiet, klok)
    per_gebruiker = _met_limiet(GebruikersLimiet, klok)
    assert all(anoniem().allow_request(_verzoek(ip), None) for _ in range(3))
    assert not anoniem().allow_request(_verzoek(ip), None)
    # The anonymous limit does not apply to a logged-in user; the user's own does, by account.
    assert anoniem().allow_request(_verzoek(ip, gebruiker), None)
    assert all(per_gebruiker().allow_request(_verzoek(ip, gebruiker), None) for _ in range(3))
    assert not per_gebruiker().allow_request(_verzoek(ip, gebruiker), None)
    redis_cache.delete_many([f"throttle_anon_{ip}:venster", f"throttle_user_{gebruiker.pk}:venster"])
    assert UserRateThrottle.scope == GebruikersLimiet.scope


@pytest.mark.django_db
def test_zonder_redis_gaat_een_verzoek_door(cache_op):  # noqa: F811
    cache_op(GEEN_REDIS)
    klok = Klok()
    limiet = _met_limiet(AnoniemeLimiet, klok)
    assert all(limiet().allow_request(_verzoek("203.0.113.9"), None) for _ in range(5))


def _beide(klok: Klok, anoniem: int, gebruiker: int):
    """ApiLimieten with an `anon` and a `user` limit per minute on the clock."""
    soorten = (
        type("Anoniem", (AnoniemeLimiet,), {"rate": f"{anoniem}/min", "timer": klok}),
        type("Gebruiker", (GebruikersLimiet,), {"rate": f"{gebruiker}/min", "timer": klok}),
    )
    return type("Beide", (ApiLimieten,), {"soorten": soorten})


@pytest.mark.django_db
@pytest.mark.parametrize(("anoniem", "gebruiker"), [(3, 5), (5, 3)])
def test_beide_limieten_in_een_rondgang_zoals_drf_ze_samen_toepast(redis_cache, settings, anoniem, gebruiker):
    ip = f"203.0.113.{secrets.randbelow(250) + 1}"
    klok = Klok()
    op_redis = _verloop(_beide(klok, anoniem, gebruiker), klok, ip)
    redis_cache.delete_many([f"throttle_anon_{ip}:venster", f"throttle_user_{ip}:venster"])

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    klok = Klok()
    met_drf = []  # DRF asks each throttle and waits the longest of those that said no
    for stap in [0, 1, 1, 1, 1, 30, 28, 1, 1, 0.5, 61, 0]:
        klok.nu += stap
        throttles = [_met_limiet(AnonRateThrottle, klok)(), _met_limiet(UserRateThrottle, klok)()]
        throttles[0].rate, throttles[1].rate = f"{anoniem}/min", f"{gebruiker}/min"
        throttles[0].num_requests, throttles[0].duration = anoniem, 60
        throttles[1].num_requests, throttles[1].duration = gebruiker, 60
        nee = [t for t in throttles if not t.allow_request(_verzoek(ip), None)]
        met_drf.append((not nee, round(max(t.wait() for t in nee), 6) if nee else None))
    assert op_redis == met_drf
    assert [toegestaan for toegestaan, _ in op_redis].count(True) < len(op_redis)
