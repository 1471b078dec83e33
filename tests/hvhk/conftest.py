from tests.storingen import broker_op, cache_op, hangende_redis  # noqa: F401
