"""CPU cost per request: what each page costs the web process and PostgreSQL, one at a time.

wrk's req/s moves with whatever else runs on the machine; CPU seconds per request barely do.
On the database seeded by `manage.py seed_bulk`, this runs each page of bench/web_bench.py (and
the two reference views) through the full middleware stack in this process, N times after a
warm-up, and reports the mean CPU milliseconds spent by this process and by its PostgreSQL
backend (read from /proc), their sum, and each page's cost relative to the 20-post template
reference and to the bare Django project of bench/bare/ (no Hearth middleware, the same 20
posts from one query), measured the same way in a child process with that project's settings.
With two workers saturating two cores, a page's throughput relative to a reference is roughly
the inverse of its relative cost. With `--rounds R`, every page is measured in turn
R times (N requests each) and each page's median round is reported: on a machine that other
processes load unevenly, a burst then spoils one round rather than one page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench .venv/bin/python bench/cpu_cost.py
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from web_bench import server_env  # noqa: E402


def backend_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client, path: str, requests: int, pid: int) -> tuple[float, float, float]:
    """(total, web, database) CPU milliseconds per request of `requests` GETs of `path`."""
    db_before, cpu_before = backend_cpu_seconds(pid), time.process_time()
    for _ in range(requests):
        client.get(path)
    web = (time.process_time() - cpu_before) / requests * 1000
    db = (backend_cpu_seconds(pid) - db_before) / requests * 1000
    return web + db, web, db


def backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def bare_round(thread_id: int, requests: int) -> tuple[float, float, float]:
    """One round of the bare project's page, in a child process with the bare settings (one
    Django process cannot hold two projects' settings)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    command = [
        sys.executable,
        __file__,
        "--bare-child",
        str(thread_id),
        "--requests",
        str(requests),
    ]
    output = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return tuple(json.loads(output.stdout))


def bare_child(thread_id: int, requests: int) -> None:
    import django

    django.setup()
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    path = f"/?thread={thread_id}"
    for _ in range(5):
        assert client.get(path).status_code == 200, path
    print(json.dumps(measure(client, path, requests, backend_pid())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="per page and round")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every page in turn this many times and report each page's median round "
        "(steadier on a machine other processes load unevenly)",
    )
    parser.add_argument("--only", default="", help="measure only pages whose name contains this")
    parser.add_argument("--bare-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_child is not None:
        bare_child(args.bare_child, args.requests)
        return
    os.environ.update(server_env())
    os.environ["ALLOWED_HOSTS"] = "testserver"
    from web_bench import prepare, targets

    info = prepare(dict(os.environ))
    from django.test import Client

    pid = backend_pid()
    size = len(Client().get(info["thread_url"]).content)
    pages = [
        ("ref: fixed", f"/bench/fixed/?size={size}", False),
        ("ref: 20-post template", f"/bench/template/?thread={info['thread_id']}", False),
        *(target for target in targets(info) if args.only in target[0]),
    ]
    clients = []
    for _name, path, logged_in in pages:
        client = Client()
        if logged_in:
            client.cookies["sessionid"] = info["cookie"].split("=", 1)[1]
        for _ in range(5):
            assert client.get(path).status_code == 200, path
        clients.append(client)
    rounds = [[] for _ in pages]
    bare_rounds = []
    for _ in range(args.rounds):
        bare_rounds.append(bare_round(info["thread_id"], args.requests))
        for index, (page, client) in enumerate(zip(pages, clients, strict=True)):
            rounds[index].append(measure(client, page[1], args.requests, pid))
    rows = []
    for (name, _path, logged_in), measured in zip(pages, rounds, strict=True):
        _total, web, db = sorted(measured)[len(measured) // 2]
        rows.append((name, "member" if logged_in else "visitor", web, db))
    _total, web, db = sorted(bare_rounds)[len(bare_rounds) // 2]
    rows.append(("ref: bare Django", "visitor", web, db))
    template = rows[1][2] + rows[1][3]
    bare = web + db
    print(
        f"{'page':<26}{'who':<9}{'web ms':>8}{'db ms':>8}{'total':>8}{'vs tmpl':>9}{'vs bare':>9}"
    )
    for name, who, web, db in rows:
        total = web + db
        print(
            f"{name:<26}{who:<9}{web:>8.2f}{db:>8.2f}{total:>8.2f}"
            f"{template / total:>8.0%}{bare / total:>9.0%}"
        )


if __name__ == "__main__":
    main()
