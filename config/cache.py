"""Django's Redis cache backend, kept up when Redis is not.

Django's Redis client as it comes: it builds a `redis.Redis` per cache call, which with the
locked redis-py costs about 2.5 µs of CPU (bench/cache_client.py), too little to justify reaching
into the backend's private attributes to keep one.

Redis away (restarting, unreachable): every operation that cannot reach it logs one warning and
is answered by a small cache in this process's memory instead, and for `RETRY_AFTER` seconds
(default 5) Redis is not tried again, so requests do not each wait for a refused connection.
The rule for what that means, owner by owner:
- what is only cached fails open: a miss means "ask the database" (the notification badge, the
  rules banner, compiled pages' state);
- what protects members fails safe: rate-limit counters (log-in and failed log-in attempts,
  sign-up, posting, messaging, reports) keep counting in the process's memory, so a limit
  stays in force, per web process, while Redis is away; the sanction check reads the database
  whenever `core.cache.cache_is_degraded()` (moderation.standing.member_locked_out).
When Redis answers again the in-process cache is emptied, the keys written meanwhile are deleted
from Redis (it missed those writes, so its copies are stale: a badge, a banner, a lockout), and
Redis serves as before.
"""

import logging
import re
import threading
import time

import redis
import redis.exceptions
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

logger = logging.getLogger(__name__)

# ConnectionError covers a refused or dropped connection and Redis still loading its data.
REDIS_UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
WRITES = {"add", "set", "touch", "delete", "incr", "set_many", "delete_many"}
# Beyond this many keys written during one outage, the rest are not tracked (their Redis copies
# expire on their own timeouts).
MAX_KEYS_REMEMBERED = 50_000
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


class _RedisState:
    """Whether Redis is away, shared by every thread of the process (Django keeps a cache
    backend per thread; they all learn of an outage, and its end, from the first that sees it)."""

    def __init__(self, retry_after: float):
        self.retry_after = retry_after
        self.degraded = False
        self.retry_at = 0.0
        self.lock = threading.Lock()
        # Keys written while Redis was away: Redis missed those writes, so its copies are
        # stale. They are deleted from Redis when it answers again (owners then recompute).
        self.written: set[tuple[str, int | None]] = set()

    def remember_written(self, keys, version) -> None:
        with self.lock:
            room = MAX_KEYS_REMEMBERED - len(self.written)
            if room <= 0:
                return
            self.written.update((key, version) for key in list(keys)[:room])


_states: dict[str, _RedisState] = {}
_states_lock = threading.Lock()


def _state_for(location: str, retry_after: float) -> _RedisState:
    with _states_lock:
        state = _states.get(location)
        if state is None:
            state = _states[location] = _RedisState(retry_after)
        return state


def _written_keys(name: str, args: tuple, kwargs: dict) -> list:
    if name not in WRITES:
        return []
    target = args[0] if args else kwargs.get("data", kwargs.get("keys", kwargs.get("key")))
    if name in ("set_many", "delete_many"):
        return list(target or ())
    return [target]


def _degradable(name: str):
    through_redis = getattr(DjangoRedisCache, name)

    def stand_in(self, args, kwargs):
        self._state.remember_written(_written_keys(name, args, kwargs), kwargs.get("version"))
        return getattr(self._fallback, name)(*args, **kwargs)

    def operation(self, *args, **kwargs):
        if self._redis_rests():
            return stand_in(self, args, kwargs)
        try:
            answer = through_redis(self, *args, **kwargs)
        except REDIS_UNAVAILABLE as error:
            self._redis_went_away(error)
            return stand_in(self, args, kwargs)
        if self._state.degraded:
            self._redis_came_back()
        return answer

    operation.__name__ = operation.__qualname__ = name
    operation.__doc__ = through_redis.__doc__
    return operation


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        location = server if isinstance(server, str) else ",".join(server)
        # /healthz asks the primary (the server Django writes to) with a client of its own:
        # the backend's client is private; the same options bound how long a ping may wait.
        primary = re.split("[;,]", location)[0]
        self._ping_client = redis.Redis.from_url(primary, **params.get("OPTIONS", {}))
        self._state = _state_for(location, float(params.get("RETRY_AFTER", 5)))
        # LocMemCache instances of one name share their storage: every thread of the process
        # counts in the same place while Redis is away.
        self._fallback = LocMemCache(
            f"hearth-fallback:{location}",
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
        return self._state.degraded

    def ping(self) -> bool:
        """Ask Redis itself, never the in-process stand-in (for /healthz); True if it answers."""
        try:
            answered = bool(self._ping_client.ping())
        except REDIS_UNAVAILABLE as error:
            self._redis_went_away(error)
            return False
        if self._state.degraded:
            self._redis_came_back()
        return answered

    def _redis_rests(self) -> bool:
        state = self._state
        return state.degraded and time.monotonic() < state.retry_at

    def _redis_went_away(self, error: Exception) -> None:
        state = self._state
        with state.lock:
            if not state.degraded:
                logger.warning(
                    "cache: Redis unavailable (%s); answering from process memory, "
                    "retrying every %ss",
                    type(error).__name__,
                    state.retry_after,
                )
            state.degraded = True
            state.retry_at = time.monotonic() + state.retry_after

    def _redis_came_back(self) -> None:
        state = self._state
        with state.lock:
            if not state.degraded:
                return  # another thread saw it first
            state.degraded = False
            written, state.written = state.written, set()
        self._fallback.clear()
        by_version: dict[int | None, list[str]] = {}
        for key, version in written:
            by_version.setdefault(version, []).append(key)
        try:
            for version, keys in by_version.items():
                DjangoRedisCache.delete_many(self, keys, version=version)
        except REDIS_UNAVAILABLE as error:
            self._redis_went_away(error)
            return
        logger.warning(
            "cache: Redis answers again; %s keys written meanwhile forgotten", len(written)
        )


for _operation in OPERATIONS:
    setattr(RedisCache, _operation, _degradable(_operation))
