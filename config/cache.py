"""Django's Redis cache backend, kept up when Redis is not.

One Redis client object per connection pool: Django's backend builds a new `redis.Redis` for
every cache call (about 50 µs of Python each: the client fills its table of response
callbacks). The client holds no state of its own beyond the pool, so one per pool does.

Redis away (restarting, unreachable): every operation that cannot reach it logs one warning and
is answered by a small cache in this process's memory instead, and for `RETRY_AFTER` seconds
(default 5) Redis is not tried again, so requests do not each wait for a refused connection.
The rule for what that means, owner by owner:
- what is only cached fails open: a miss means "ask the database" (the notification badge, the
  rules banner, compiled pages' state);
- what protects members fails safe: rate-limit counters (log-in and failed log-in attempts,
  sign-up, posting, messaging, reports) keep counting in the process's memory, so a limit
  stays in force, per web process, while Redis is away; the sanction check reads the database
  whenever `cache_is_degraded()` (moderation.standing.member_locked_out).
When Redis answers again the in-process cache is emptied and Redis serves as before.
"""

import logging
import time

import redis.exceptions
from django.core.cache import cache as default_cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

# ConnectionError covers a refused or dropped connection and Redis still loading its data.
REDIS_UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
OPERATIONS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _degradable(name: str):
    through_redis = getattr(DjangoRedisCache, name)

    def operation(self, *args, **kwargs):
        if self._redis_rests():
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            answer = through_redis(self, *args, **kwargs)
        except REDIS_UNAVAILABLE as error:
            self._redis_went_away(error)
            return getattr(self._fallback, name)(*args, **kwargs)
        if self._degraded:
            self._redis_came_back()
        return answer

    operation.__name__ = operation.__qualname__ = name
    operation.__doc__ = through_redis.__doc__
    return operation


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
        self._retry_after = float(params.get("RETRY_AFTER", 5))
        self._retry_at = 0.0
        self._degraded = False
        self._fallback = LocMemCache(
            f"hearth-fallback-{id(self)}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
            },
        )

    @property
    def is_degraded(self) -> bool:
        """Whether answers come from this process's memory because Redis is away."""
        return self._degraded

    def ping(self) -> bool:
        """Ask Redis itself, never the in-process stand-in (for /healthz); True if it answers."""
        try:
            answered = bool(self._cache.get_client(write=True).ping())
        except REDIS_UNAVAILABLE as error:
            self._redis_went_away(error)
            return False
        if self._degraded:
            self._redis_came_back()
        return answered

    def _redis_rests(self) -> bool:
        return self._degraded and time.monotonic() < self._retry_at

    def _redis_went_away(self, error: Exception) -> None:
        if not self._degraded:
            logger.warning(
                "cache: Redis unavailable (%s); answering from process memory, retrying every %ss",
                type(error).__name__,
                self._retry_after,
            )
        self._degraded = True
        self._retry_at = time.monotonic() + self._retry_after

    def _redis_came_back(self) -> None:
        self._degraded = False
        self._fallback.clear()
        logger.warning("cache: Redis answers again")


for _operation in OPERATIONS:
    setattr(RedisCache, _operation, _degradable(_operation))


def cache_is_degraded(cache=None) -> bool:
    """Whether the (default) cache is answering without its shared store: what protects members
    must then be read from the database."""
    return bool(getattr(cache or default_cache, "is_degraded", False))
