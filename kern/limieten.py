"""The API's rate limits (DRF throttles) in one round trip to Redis.

DRF's own throttles keep each client's history as a pickled list in the cache: a read and a
write, with the whole list unpickled and pickled again, on every request. These keep the same
history as a Redis sorted set, trimmed, counted and extended by one script: the same sliding
window, the same limits and the same `wait()`, in one round trip. A request over the limit is not
counted, as in DRF. When the cache is not Redis (the tests' local memory) DRF's own way is used;
when Redis fails, the request goes through, as it does with DRF on our fail-open cache
(kern.cache).
"""

import secrets

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from kern import cache as kern_cache

# KEYS[1]: the history; ARGV: now, the window in seconds, the limit, a unique member.
# Answers {1, count} when the request is counted, {0, count, oldest} when it is over the limit.
_SCRIPT = """
local nu = tonumber(ARGV[1])
local duur = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nu - duur)
local aantal = redis.call('ZCARD', KEYS[1])
if aantal >= tonumber(ARGV[3]) then
  local oudste = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, aantal, oudste[2]}
end
redis.call('ZADD', KEYS[1], nu, ARGV[4])
redis.call('EXPIRE', KEYS[1], math.ceil(duur))
return {1, aantal + 1}
"""
_scripts: dict[int, object] = {}


class _EenRondgang:
    """For a SimpleRateThrottle: `allow_request` and `wait` on a sorted set in Redis."""

    def allow_request(self, request, view):
        cache = caches["default"]
        if self.rate is None or not isinstance(cache, RedisCache):
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        if kern_cache.gestoord(cache):  # Redis failed a moment ago: as our cache does, let it pass
            return True
        sleutel = cache.make_and_validate_key(f"{self.key}:venster")
        self.now = self.timer()
        try:
            client = cache._cache.get_client(sleutel, write=True)
            script = _scripts.get(id(client.connection_pool))
            if script is None:
                script = _scripts[id(client.connection_pool)] = client.register_script(_SCRIPT)
            antwoord = script(
                keys=[sleutel],
                args=[repr(self.now), self.duration, self.num_requests, secrets.token_hex(8)],
                client=client,
            )
        except (RedisError, OSError) as fout:
            kern_cache.meld_storing(cache, fout, "throttle")
            return True
        self._aantal = int(antwoord[1])
        if int(antwoord[0]):
            return True
        self._oudste = float(antwoord[2])
        return self.throttle_failure()

    def wait(self):
        if not hasattr(self, "_oudste"):
            return super().wait()
        remaining_duration = self.duration - (self.now - self._oudste)
        available_requests = self.num_requests - self._aantal + 1
        if available_requests <= 0:
            return None
        return remaining_duration / float(available_requests)


class AnoniemeLimiet(_EenRondgang, AnonRateThrottle):
    """DRF's AnonRateThrottle (scope `anon`) in one round trip."""


class GebruikersLimiet(_EenRondgang, UserRateThrottle):
    """DRF's UserRateThrottle (scope `user`) in one round trip."""
