"""Web load benchmark on the production-shaped stack of `make test-system` (tests/system).

Starts its own PostgreSQL, Redis, SMTP sink, gunicorn (as the README runs it), the workers and
beat on 127.0.0.1:56450-56499, then drives members posting through the real reply form at a
fixed rate (open loop: each post is scheduled, whatever the answers) while readers read pages
back to back (closed loop), and prints posts/s, reads/s, p50/p95/p99 and errors per worker model:

- `config`: `config/gunicorn.conf.py` as it is (the production choice);
- `sync2`: the same with `--worker-class sync --workers 2 --threads 1` (the former model).

    .venv/bin/python bench/system_load.py [--seconds 60] [--posts-per-second 10] [--readers 6]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The harness lives with the system suite; `tests` itself is not an importable package here.
sys.path.insert(0, str(ROOT / "tests" / "system"))

from load import Load, Sessions, summary  # noqa: E402
from stack import Stack  # noqa: E402

MODELS = {
    "config": (),
    "sync2": ("--worker-class", "sync", "--workers", "2", "--threads", "1"),
}


def measure(stack: Stack, model: str, args) -> dict:
    for name in [n for n in stack.procs if n.startswith("web")]:
        stack.stop_process(name)
    stack.start_web(*MODELS[model])
    load = Load(
        base_url=stack.base_url,
        sessions=stack.sessions,
        threads=stack.seed["threads"],
        read_paths=stack.seed["read_paths"],
        posts_per_second=args.posts_per_second,
        posters=60,
        readers=args.readers,
        read_pause=0,
    )
    load.run(5)  # warm-up: logins, caches, prepared statements
    samples = load.run(args.seconds)
    result = {"model": model, **summary(samples)}
    for kind in ("post", "read"):
        part = [s for s in samples if s.kind == kind]
        part_stats = summary(part) if part else {}
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            result[f"{kind}_{key}"] = part_stats.get(key, 0)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--posts-per-second", type=float, default=10)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--models", default="sync2,config")
    args = parser.parse_args()
    stack = Stack(base_port=56450)
    try:
        stack.seed = stack.up(members=120)
        stack.sessions = Sessions(stack.base_url, stack.seed["members"], stack.seed["password"])
        rows = [measure(stack, model, args) for model in args.models.split(",")]
    finally:
        stack.stop()
    columns = ["model", "posts_per_s", "reads_per_s", "p50_ms", "p95_ms", "p99_ms"]
    columns += ["post_p95_ms", "read_p95_ms", "5xx", "no_answer", "429", "requests"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    print(f"(load average at the end: {os.getloadavg()}, {time.ctime()})")


if __name__ == "__main__":
    main()
