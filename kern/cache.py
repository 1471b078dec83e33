"""The shared cache on Redis, which never takes a request down with it.

The cache holds only what the portal can do without for a while: rate-limit counters (forms,
login, API) and cached fragments. When Redis is stopped or hangs, every call answers as if the key
were missing after at most one short socket timeout, and writes a log line; after a failure the
backend leaves Redis alone for `PAUZE` seconds so a hanging Redis costs one timeout per process in
that window, not one per call. Sessions live in the database, never here.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds to skip Redis after a failed call, per process and per Redis location.
PAUZE = 5.0
_gestoord_tot: dict[str, float] = {}


def gestoord(cache) -> bool:
    """Whether this process leaves the cache's Redis alone for now (after a failure)."""
    return time.monotonic() < _gestoord_tot.get(getattr(cache, "locatie", ""), 0.0)


def meld_storing(cache, fout: Exception, bij: str) -> None:
    """A call to the cache's Redis failed: log it and leave Redis alone for `PAUZE` seconds."""
    _gestoord_tot[getattr(cache, "locatie", "")] = time.monotonic() + PAUZE
    logger.warning(
        "Cache onbereikbaar (%s bij %s: %s); verder zonder cache gedurende %s s.",
        type(fout).__name__,
        bij,
        fout,
        PAUZE,
    )


def _bestand(standaard):
    """Run the call on Redis; on a Redis error (or during the pause after one) answer what
    `standaard` gives for the method's arguments."""

    def decorator(methode):
        @functools.wraps(methode)
        def omhulsel(self, *args, **kwargs):
            if gestoord(self):
                return standaard(*args, **kwargs)
            try:
                return methode(self, *args, **kwargs)
            except (RedisError, OSError) as fout:
                meld_storing(self, fout, methode.__name__)
                return standaard(*args, **kwargs)

        return omhulsel

    return decorator


def _vast(waarde):
    return lambda *args, **kwargs: waarde


def _gegeven_standaard(key, default=None, *args, **kwargs):
    return default


def _alle_sleutels(data, *args, **kwargs):
    return list(data)


class RedisClientPerPool(RedisCacheClient):
    """Django's client, which builds a new `redis.Redis` (with its table of some 170 response
    handlers) for every cache call; this one builds it once per connection pool and reuses it. A
    `redis.Redis` takes a connection from its pool per command, so one serves every call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class StoringsbestendigeRedisCache(RedisCache):
    """Django's RedisCache that fails open: on a Redis error a read is a miss and a write did not
    happen. `add` answers True then, as if the key were new: the rate limits use it for their
    counters (django-ratelimit) and locks (allauth), and let the request through. `incr` answers
    None, which django-ratelimit counts as a failed cache and lets through (RATELIMIT_FAIL_OPEN)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisClientPerPool  # RedisCache.__init__ sets its own client class

    @property
    def locatie(self) -> str:
        return ",".join(self._servers)

    get = _bestand(_gegeven_standaard)(RedisCache.get)
    add = _bestand(_vast(True))(RedisCache.add)
    set = _bestand(_vast(None))(RedisCache.set)
    touch = _bestand(_vast(False))(RedisCache.touch)
    delete = _bestand(_vast(False))(RedisCache.delete)
    get_many = _bestand(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _bestand(_vast(False))(RedisCache.has_key)
    incr = _bestand(_vast(None))(RedisCache.incr)
    set_many = _bestand(_alle_sleutels)(RedisCache.set_many)
    delete_many = _bestand(_vast(None))(RedisCache.delete_many)
    clear = _bestand(_vast(False))(RedisCache.clear)

    def bereikbaar(self) -> bool:
        """Ask Redis itself (also during a pause), for the health check."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except (RedisError, OSError):
            return False
