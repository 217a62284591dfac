"""What the apps may ask of the cache beyond Django's API.

The backend that answers it (`config.cache.RedisCache`, named in settings) sets `is_degraded`
while Redis is away; any other backend never is.
"""

import time

from django.core.cache import cache as default_cache


def cache_is_degraded(cache=None) -> bool:
    """Whether the (default) cache is answering without its shared store: what protects members
    must then be read from the database."""
    return bool(getattr(cache or default_cache, "is_degraded", False))


class KeptInProcess:
    """Values one process keeps for `seconds`, by key, in front of the shared cache: for what
    pages show to everyone and changes rarely, where a Redis round trip per page costs more
    than a change showing a few seconds late in the other processes. The process that makes
    the change forgets its copy at once. Never for what decides a permission."""

    _every: list["KeptInProcess"] = []

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._kept: dict = {}
        KeptInProcess._every.append(self)

    def get(self, key, compute):
        """The value kept for `key` while it is fresh, else `compute()`, kept from now on."""
        now = time.monotonic()
        kept = self._kept.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        value = compute()
        self._kept[key] = (now + self.seconds, value)
        return value

    def forget(self, key=None) -> None:
        self._kept.pop(key, None)

    @classmethod
    def forget_everything(cls) -> None:
        """Forget every kept value in this process (with the cache cleared: tests)."""
        for kept in cls._every:
            kept._kept.clear()
