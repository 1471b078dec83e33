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
from rest_framework.throttling import AnonRateThrottle, BaseThrottle, UserRateThrottle

from kern import cache as kern_cache

# KEYS: the histories; ARGV: now, then the window in seconds and the limit per key, then a unique
# member. Answers per key {1, count} when the request is counted, {0, count, oldest} when it is
# over that key's limit.
_SCRIPT = """
local nu = tonumber(ARGV[1])
local lid = ARGV[#ARGV]
local uit = {}
for i, sleutel in ipairs(KEYS) do
  local duur = tonumber(ARGV[2 * i])
  redis.call('ZREMRANGEBYSCORE', sleutel, '-inf', nu - duur)
  local aantal = redis.call('ZCARD', sleutel)
  if aantal >= tonumber(ARGV[2 * i + 1]) then
    local oudste = redis.call('ZRANGE', sleutel, 0, 0, 'WITHSCORES')
    uit[i] = {0, aantal, oudste[2]}
  else
    redis.call('ZADD', sleutel, nu, lid)
    redis.call('EXPIRE', sleutel, math.ceil(duur))
    uit[i] = {1, aantal + 1}
  end
end
return uit
"""
_scripts: dict[int, object] = {}


def _tel(cache, limieten: list, request, view) -> list[bool]:
    """Count the request against each of these limits (`_EenRondgang`) in one round trip; whether
    each lets it through."""
    telbaar = []
    for limiet in limieten:
        limiet.key = limiet.get_cache_key(request, view) if limiet.rate is not None else None
        if limiet.key is not None:
            telbaar.append(limiet)
    if not telbaar or kern_cache.gestoord(cache):  # Redis failed a moment ago: let it pass
        return [True] * len(limieten)
    nu = limieten[0].timer()
    sleutels = [cache.make_and_validate_key(f"{limiet.key}:venster") for limiet in telbaar]
    args: list = [repr(nu)]
    for limiet in telbaar:
        args += [limiet.duration, limiet.num_requests]
    try:
        client = cache._cache.get_client(sleutels[0], write=True)
        script = _scripts.get(id(client.connection_pool))
        if script is None:
            script = _scripts[id(client.connection_pool)] = client.register_script(_SCRIPT)
        antwoorden = script(keys=sleutels, args=[*args, secrets.token_hex(8)], client=client)
    except (RedisError, OSError) as fout:
        kern_cache.meld_storing(cache, fout, "throttle")
        return [True] * len(limieten)
    for limiet, antwoord in zip(telbaar, antwoorden, strict=True):
        limiet.now = nu
        limiet._aantal = int(antwoord[1])
        if not int(antwoord[0]):
            limiet._oudste = float(antwoord[2])
    return [getattr(limiet, "_oudste", None) is None for limiet in limieten]


class _EenRondgang:
    """For a SimpleRateThrottle: `allow_request` and `wait` on a sorted set in Redis."""

    def allow_request(self, request, view):
        cache = caches["default"]
        if not isinstance(cache, RedisCache):
            return super().allow_request(request, view)
        return _tel(cache, [self], request, view)[0]

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


class ApiLimieten(BaseThrottle):
    """DRF's AnonRateThrottle and UserRateThrottle together, in one round trip: an anonymous client
    counts against both (each by its address), a logged-in user against the `user` limit. Over a
    limit, `wait()` is the longest wait of the limits it is over, as DRF takes it."""

    soorten = (AnoniemeLimiet, GebruikersLimiet)

    def allow_request(self, request, view):
        self.limieten = [soort() for soort in self.soorten]
        cache = caches["default"]
        if isinstance(cache, RedisCache):
            toegelaten = _tel(cache, self.limieten, request, view)
        else:  # DRF's own way; every limit counts, as DRF asks each of them
            toegelaten = [limiet.allow_request(request, view) for limiet in self.limieten]
        self.over = [limiet for limiet, ja in zip(self.limieten, toegelaten, strict=True) if not ja]
        return not self.over

    def wait(self):
        wachten = [w for w in (limiet.wait() for limiet in self.over) if w is not None]
        return max(wachten, default=None)
