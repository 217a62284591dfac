"""The site's Redis cache backend (config/cache.py) against a real Redis (make test-integration)."""

import pytest
from django.conf import settings
from django.core.cache import caches

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_cache():
    if not settings.REDIS_URL:
        pytest.fail("Integration tests need REDIS_URL pointing at a Redis server.")
    assert settings.CACHES["default"]["BACKEND"] == "config.cache.RedisCache"
    cache = caches.create_connection("default")
    yield cache
    cache.delete_many(["test:one", "test:two"])
    cache.close()


def test_values_round_trip_through_one_kept_client(redis_cache):
    redis_cache.set("test:one", {"paused": True}, 60)
    redis_cache.set_many({"test:two": 2}, 60)
    assert redis_cache.get_many(["test:one", "test:two", "test:none"]) == {
        "test:one": {"paused": True},
        "test:two": 2,
    }
    assert redis_cache.add("test:two", 3, 60) is False
    redis_cache.delete("test:one")
    assert redis_cache.get("test:one") is None
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
