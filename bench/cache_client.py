"""CPU cost of getting the Redis client for one cache call: Django's backend (a new `redis.Redis`
per call) against keeping one per connection pool (what `config.cache` did until this measure
showed it saves ~2.5 µs a call with the locked redis-py: not worth Django's private attributes).

Connects to nothing: building a client never opens a connection, and that building is the whole
difference between the two (the round trip to Redis is the same). Run:

    .venv/bin/python bench/cache_client.py [--calls N]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_per_call(get_client, calls: int) -> float:
    """Median over 5 rounds of the process CPU time per call, in microseconds."""
    rounds = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(calls):
            get_client(write=False)
        rounds.append((time.process_time() - started) / calls * 1e6)
    return sorted(rounds)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from django.core.cache.backends.redis import RedisCacheClient

    class ReusedRedisCacheClient(RedisCacheClient):
        """One `redis.Redis` per connection pool (reaches into the client's private names)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.clients = {}

        def get_client(self, key=None, *, write=False):
            pool = self._get_connection_pool(write)
            client = self.clients.get(id(pool))
            if client is None:
                client = self.clients[id(pool)] = self._client(connection_pool=pool)
            return client

    location = ["redis://127.0.0.1:1/0"]  # never connected to
    djangos = cpu_per_call(RedisCacheClient(location).get_client, args.calls)
    reused = cpu_per_call(ReusedRedisCacheClient(location).get_client, args.calls)
    print(f"Django's client per call: {djangos:6.1f} µs CPU")
    print(f"one client per pool:      {reused:6.1f} µs CPU")
    print(f"saved per cache call:     {djangos - reused:6.1f} µs CPU")


if __name__ == "__main__":
    main()
