"""What every request pays: the CPU cost of each middleware and context processor, per request.

On the database seeded by `manage.py seed_bulk` (as bench/cpu_cost.py), this serves a page
through the full middleware stack in this process (Django's test client, after a warm-up), N
times, as a visitor and as the bench member, and times in CPU milliseconds (`process_time`):

- each middleware of `settings.MIDDLEWARE`, its own share only: its `__call__` less the
  middleware inside it, plus its `process_view`, `process_template_response` and
  `process_exception` hooks (which the handler calls around the view);
- each context processor of the Django template engine: its call, plus the evaluation of the
  lazy values it returns (`SimpleLazyObject`), which happens while the template renders;
- the rest of the view (its own work, its queries, rendering), and the whole request.

It also counts the cache round trips (Redis when `REDIS_URL` is set, as in production) each
of them makes; the time of the cache calls themselves is a row of its own. Prints one table:
the middleware, the context processors, the view, the cache calls; ms and cache calls per
request, visitor and member.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/request_costs.py \
        [--page thread|last|forum|index|search] [--requests 200] [--rounds 5]
"""

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from web_bench import server_env  # noqa: E402

VIEW = "view (own work, queries, rendering)"
OUTSIDE = "handler, test client"
CACHE = "cache calls (whoever made them)"
TOTAL = "whole request"
CACHE_OPERATIONS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "touch")


class Meter:
    """Exclusive CPU time and cache calls per named component, with a stack of who is running:
    time spent inside a component nested in another is counted for the inner one only."""

    def __init__(self):
        self.seconds = defaultdict(float)
        self.cache_calls = defaultdict(int)
        self.stack = [OUTSIDE]
        self.started = [0.0]

    def enter(self, name: str) -> None:
        now = time.process_time()
        self.seconds[self.stack[-1]] += now - self.started[-1]
        self.stack.append(name)
        self.started.append(now)

    def leave(self) -> None:
        now = time.process_time()
        self.seconds[self.stack.pop()] += now - self.started.pop()
        self.started[-1] = now

    def timed(self, name: str, function):
        def run(*args, **kwargs):
            self.enter(name)
            try:
                return function(*args, **kwargs)
            finally:
                self.leave()

        return run

    def reset(self) -> None:
        self.seconds.clear()
        self.cache_calls.clear()
        self.started = [time.process_time()]


METER = Meter()


class TimedMiddleware:
    """Stands in for one middleware: builds it, and times its calls and hooks as its own."""

    sync_capable = True
    async_capable = False

    def __init__(self, name: str, real, get_response, *, innermost: bool):
        self.name = name
        # Between two middleware the time stays with the outer one until the inner one starts
        # (Django's exception conversion around each); the innermost calls the view.
        self.real = real(METER.timed(VIEW, get_response) if innermost else get_response)
        for hook in ("process_view", "process_template_response", "process_exception"):
            if hasattr(self.real, hook):
                setattr(self, hook, METER.timed(name, getattr(self.real, hook)))

    def __call__(self, request):
        return METER.timed(self.name, self.real)(request)


def instrument() -> list[str]:
    """Wrap the middleware (before the test client loads them), the context processors and the
    cache client; return the middleware names in order."""
    import django.core.handlers.base as base
    from django.conf import settings
    from django.core.cache import caches
    from django.template import engines
    from django.utils.functional import SimpleLazyObject
    from django.utils.module_loading import import_string

    names = [path.rsplit(".", 1)[1] for path in settings.MIDDLEWARE]

    def import_timed(path):
        real = import_string(path)
        if path not in settings.MIDDLEWARE:
            return real
        name = path.rsplit(".", 1)[1]

        def build(get_response):
            return TimedMiddleware(
                name, real, get_response, innermost=path == settings.MIDDLEWARE[-1]
            )

        build.sync_capable, build.async_capable = True, False
        return build

    base.import_string = import_timed

    engine = engines["django"].engine

    def timed_processor(path, processor):
        name = path.rsplit(".", 1)[0].rsplit(".", 1)[-1] + "." + path.rsplit(".", 1)[1]

        def run(request):
            context = METER.timed(name, processor)(request)
            for value in context.values():
                # A lazy value is computed while the page renders: count it for its processor.
                if isinstance(value, SimpleLazyObject):
                    setup = value.__dict__["_setupfunc"]
                    value.__dict__["_setupfunc"] = METER.timed(name, setup)
            return context

        return name, run

    processors = [timed_processor(path, import_string(path)) for path in engine.context_processors]
    engine.__dict__["template_context_processors"] = tuple(run for _name, run in processors)

    backend = type(caches["default"])
    for operation in CACHE_OPERATIONS:
        original = getattr(backend, operation)

        def counted(self, *args, _original=original, **kwargs):
            METER.cache_calls[METER.stack[-1]] += 1
            return METER.timed(CACHE, _original)(self, *args, **kwargs)

        setattr(backend, operation, counted)
    return names, [name for name, _run in processors]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="thread", help="thread, last, forum, index or search")
    parser.add_argument("--requests", type=int, default=200, help="per round and viewer")
    parser.add_argument("--rounds", type=int, default=5, help="each component's median round")
    args = parser.parse_args()
    os.environ.update(server_env())
    os.environ["ALLOWED_HOSTS"] = "testserver"
    from web_bench import COMMON_WORD, prepare

    info = prepare(dict(os.environ))
    middleware, processors = instrument()
    from django.test import Client

    path = {
        "thread": info["thread_url"],
        "last": f"{info['thread_url']}?page={info['thread_pages']}",
        "forum": info["forum_url"],
        "index": "/",
        "search": f"/search/?q={COMMON_WORD}",
    }[args.page]
    viewers = {"visitor": Client(), "member": Client()}
    viewers["member"].cookies["sessionid"] = info["cookie"].split("=", 1)[1]
    for client in viewers.values():
        for _ in range(10):
            assert client.get(path).status_code == 200, path
    rounds = {who: [] for who in viewers}
    for _ in range(args.rounds):
        for who, client in viewers.items():
            METER.reset()
            started = time.process_time()
            for _ in range(args.requests):
                client.get(path)
            total = time.process_time() - started
            seconds = {name: value / args.requests for name, value in METER.seconds.items()}
            calls = {name: value / args.requests for name, value in METER.cache_calls.items()}
            seconds[TOTAL] = total / args.requests
            rounds[who].append((seconds, calls))
    rows = [OUTSIDE, *middleware, *processors, VIEW, CACHE, TOTAL]

    def median(who: str, name: str, index: int) -> float:
        values = sorted(measured[index].get(name, 0.0) for measured in rounds[who])
        return values[len(values) // 2]

    print(f"page {path}; {args.requests} requests × {args.rounds} rounds, median round")
    print(f"{'':46}{'visitor':>18}{'member':>18}")
    print(f"{'component':<46}{'ms':>9}{'cache':>9}{'ms':>9}{'cache':>9}")
    for name in rows:
        cells = "".join(
            f"{median(who, name, 0) * 1000:>9.3f}{median(who, name, 1):>9.2f}" for who in viewers
        )
        print(f"{name:<46}{cells}")


if __name__ == "__main__":
    main()
