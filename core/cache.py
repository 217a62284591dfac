"""What the apps may ask of the cache beyond Django's API.

The backend that answers it (`config.cache.RedisCache`, named in settings) sets `is_degraded`
while Redis is away; any other backend never is.
"""

from django.core.cache import cache as default_cache


def cache_is_degraded(cache=None) -> bool:
    """Whether the (default) cache is answering without its shared store: what protects members
    must then be read from the database."""
    return bool(getattr(cache or default_cache, "is_degraded", False))
