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


def test_values_round_trip_through_redis(redis_cache):
    redis_cache.set("test:one", {"paused": True}, 60)
    redis_cache.set_many({"test:two": 2}, 60)
    assert redis_cache.get_many(["test:one", "test:two", "test:none"]) == {
        "test:one": {"paused": True},
        "test:two": 2,
    }
    assert redis_cache.add("test:two", 3, 60) is False
    redis_cache.delete("test:one")
    assert redis_cache.get("test:one") is None


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, which it may pause (as a stalled network would)."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("This integration test needs redis-server on the PATH.")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603 - our own fixed arguments
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as attempt:
            if attempt.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield server, f"redis://127.0.0.1:{port}/0"
    server.kill()
    server.wait()


def test_what_was_written_while_redis_was_away_is_forgotten_when_it_returns(own_redis):
    """Redis missed those writes: its older copies would be served as current (a badge saying
    nothing is unread, for a day). They are deleted, so their owners ask the database."""
    import signal
    import time

    from config.cache import RedisCache

    server, location = own_redis
    cache = RedisCache(
        location,
        {"RETRY_AFTER": 0.2, "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )
    cache.set("badge", "nothing unread", 600)
    cache.set("untouched", "kept", 600)

    server.send_signal(signal.SIGSTOP)
    try:
        cache.set("badge", "one unread", 600)  # times out (Redis may still apply it later)
        assert cache.is_degraded
        cache.set("badge", "three unread", 600)  # never sent: Redis is resting
        assert cache.get("badge") == "three unread"
    finally:
        server.send_signal(signal.SIGCONT)
    time.sleep(0.3)

    assert cache.get("untouched") == "kept"  # Redis answers again
    assert not cache.is_degraded
    assert cache.get("badge") is None  # neither the stale copy nor the stand-in's
    cache.close()
