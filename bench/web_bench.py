"""Web benchmark: our pages vs three references, measured in the same run.

Against the database seeded by `manage.py seed_bulk` (PostgreSQL), start gunicorn (2 workers,
DEBUG off) with the reference views mounted (HEARTH_BENCH_REFERENCE_VIEWS=1), and a second
gunicorn serving the bare Django project in bench/bare/ (no Hearth middleware, the same 20 posts
from one query), and measure each page with wrk at 16 connections, anonymous and logged in.
Prints req/s, p50, p95 (bench/wrk_p95.lua), p99, the ratio of each page to the fixed string, the
bare project and the plain template served inside Hearth's own middleware stack, and each page's
query count (counted once per page through Django's test client before the wrk runs).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench .venv/bin/python bench/web_bench.py
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("HEARTH_BENCH_PORT", "8011"))  # one per engineer on a shared machine
BASE = f"http://127.0.0.1:{PORT}"
# The bare Django project (bench/bare/): no Hearth middleware, same database, same gunicorn.
BARE_PORT = PORT + 1
BARE = f"http://127.0.0.1:{BARE_PORT}"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}

sys.path.insert(0, str(ROOT))
from core.crypto import generate_key  # noqa: E402


def server_env() -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hearth_bench")
    # With DEBUG off the settings refuse to start without a message key; the bench reads no
    # private messages, so a fresh key does.
    env.setdefault("MESSAGES_ENCRYPTION_KEYS", generate_key())
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-secret-key-not-for-production"),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        EMAIL_URL="memory://",
        HEARTH_BENCH_REFERENCE_VIEWS="1",
        # wrk sends thousands of searches a minute from one member; production keeps limits on.
        RATELIMIT_ENABLE="0",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def prepare(env: dict) -> dict:
    """Find the big thread and busiest forum; create a bench member with a session."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    django.setup()
    # Here, not at the top: Django is configured from `env` just above.
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db import connection
    from django.utils.module_loading import import_string

    from accounts.models import User
    from forums.models import THREADS_PER_PAGE, Forum, Thread

    # A freshly bulk-loaded table has no visibility map, so the forum page's index-only scan
    # would still visit the table; on a live site autovacuum has long since set it.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) forums_thread")
    thread = Thread.objects.order_by("-last_position").first()
    forum = Forum.objects.order_by("-thread_count").first()
    if thread is None or thread.last_position < 1000:
        sys.exit("Seed first: manage.py seed_bulk --users 10000 --threads 20000 --posts 1000000")
    member, _ = User.objects.get_or_create(
        handle="bench-reader", defaults={"email": "bench@example.invalid", "trust_level": "member"}
    )
    session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    forum_pages = -(-forum.thread_count // THREADS_PER_PAGE)
    return {
        "cookie": f"sessionid={session.session_key}",
        "thread_url": thread.get_absolute_url(),
        "thread_id": thread.pk,
        "thread_pages": thread.page_count,
        "forum_url": forum.get_absolute_url(),
        "forum_deep_page": max(1, forum_pages - 1),
    }


def start_server(env: dict, *, app: str = "config.wsgi", port: int = PORT) -> subprocess.Popen:
    if app != "config.wsgi":
        env = {**env, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), app, "-c", "config/gunicorn.conf.py",
         "-b", f"127.0.0.1:{port}", "-w", "2", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    probe = "/healthz" if app == "config.wsgi" else "/"
    for _ in range(60):
        try:
            url = f"http://127.0.0.1:{port}{probe}"
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit(f"gunicorn did not start ({app})")


def page_size(path: str) -> int:
    with urllib.request.urlopen(f"{BASE}{path}", timeout=10) as response:  # noqa: S310
        return len(response.read())


# Prints the 95th percentile at the end of a run (wrk's --latency stops at 50/75/90/99).
P95_SCRIPT = ROOT / "bench" / "wrk_p95.lua"


def wrk(path: str, *, cookie: str | None, seconds: int, base: str = BASE) -> dict:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", str(P95_SCRIPT)]
    command.append(f"{base}{path}")
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    subprocess.run([*command[:-2], "-d2s", command[-1]], capture_output=True, check=True)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = {
        pct: float(value) * UNITS[unit]
        for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    }
    if set(latency) != {"50", "99"}:
        sys.exit(f"Could not read wrk's output for {path}:\n{out}")
    p95 = re.search(r"^p95_us (\d+)$", out, re.M)
    if p95 is None:
        sys.exit(f"Could not read the 95th percentile for {path}:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency["50"],
        "p95": int(p95.group(1)) / 1000,
        "p99": latency["99"],
        "errors": int(errors.group(1)) if errors else 0,
    }


# A word in about a fifth of seed_bulk's posts, and one of its vocabulary's rarest.
COMMON_WORD, RARE_WORD = "sleep", "estuary"


def targets(info: dict, *, search_only: bool = False) -> list[tuple[str, str, bool]]:
    thread, forum = info["thread_url"], info["forum_url"]
    searches = [
        (f"search '{COMMON_WORD}'", f"/search/?q={COMMON_WORD}"),
        (f"search '{RARE_WORD}'", f"/search/?q={RARE_WORD}"),
    ]
    pages = [
        ("index", "/"),
        ("forum page 1", forum),
        (f"forum page {info['forum_deep_page']}", f"{forum}?page={info['forum_deep_page']}"),
        ("thread page 1", thread),
        (f"thread page {info['thread_pages']} (last)", f"{thread}?page={info['thread_pages']}"),
    ]
    chosen = searches if search_only else pages + searches
    return [(name, path, logged_in) for name, path in chosen for logged_in in (False, True)]


def query_counts(info: dict, pages: list[tuple[str, str, bool]]) -> dict[tuple[str, bool], int]:
    """Each page's queries, counted once through Django's test client in this process against
    the same database (after one request, as a worker that has filled its caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for _name, path, logged_in in pages:
        client = Client(headers={"host": "127.0.0.1"})
        if logged_in:
            client.cookies["sessionid"] = info["cookie"].split("=", 1)[1]
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            if client.get(path).status_code != 200:
                sys.exit(f"{path} did not answer 200 through the test client")
        counts[path, logged_in] = len(queries)
    return counts


def _paired(row: dict, key: str) -> str:
    return f"{row['rps'] / row[key]:>9.0%} of {row[key]:>4.0f}" if key in row else " " * 17


def report(rows: list[dict], fixed: dict, template: dict, bare: dict) -> None:
    header = f"{'page':<26}{'who':<8}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    paired = "paired_rps" in rows[0]
    extra = f"{'vs paired bare':>17}{'vs paired tmpl':>17}" if paired else ""
    print(f"{header}{'vs fixed':>10}{'vs bare':>9}{'vs tmpl':>9}{extra}{'errors':>8}{'queries':>9}")
    for row in [*rows, fixed, template, bare]:
        extra = _paired(row, "paired_bare_rps") + _paired(row, "paired_rps") if paired else ""
        print(
            f"{row['name']:<26}{row['who']:<8}{row['rps']:>8.0f}{row['p50']:>9.1f}"
            f"{row['p95']:>9.1f}{row['p99']:>9.1f}{row['rps'] / fixed['rps']:>10.0%}"
            f"{row['rps'] / bare['rps']:>9.0%}{row['rps'] / template['rps']:>9.0%}"
            f"{extra}{row['errors']:>8}{row.get('queries', '–'):>9}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--paired",
        action="store_true",
        help="also measure the template reference just before each page (for a shared machine)",
    )
    parser.add_argument("--search-only", action="store_true", help="measure the searches only")
    args = parser.parse_args()
    env = server_env()
    print("load average before the run: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    # Before the query counts too: pages render through the static files' manifest.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
        check=True,
    )  # fmt: skip
    info = prepare(env)
    pages = targets(info, search_only=args.search_only)
    queries = query_counts(info, pages)
    server = start_server(env)
    bare_server = start_server(env, app="bench.bare.wsgi", port=BARE_PORT)
    try:
        size = page_size(info["thread_url"])
        fixed = wrk(f"/bench/fixed/?size={size}", cookie=None, seconds=args.seconds)
        fixed.update(name=f"ref: fixed {size} B", who="-")
        template_path = f"/bench/template/?thread={info['thread_id']}"
        template = wrk(template_path, cookie=None, seconds=args.seconds)
        template.update(name="ref: 20-post template", who="-")
        bare_path = f"/?thread={info['thread_id']}"
        bare = wrk(bare_path, cookie=None, seconds=args.seconds, base=BARE)
        bare.update(name="ref: bare Django", who="-")
        rows = []
        for name, path, logged_in in pages:
            if args.paired:
                paired_bare = wrk(bare_path, cookie=None, seconds=args.seconds, base=BARE)
                paired = wrk(template_path, cookie=None, seconds=args.seconds)
            result = wrk(path, cookie=info["cookie"] if logged_in else None, seconds=args.seconds)
            if args.paired:
                result["paired_rps"] = paired["rps"]
                result["paired_bare_rps"] = paired_bare["rps"]
            result.update(
                name=name,
                who="member" if logged_in else "visitor",
                queries=queries[path, logged_in],
            )
            rows.append(result)
    finally:
        for process in (server, bare_server):
            process.terminate()
            process.wait(timeout=20)
    report(rows, fixed, template, bare)
    print("load average after the run: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (results / f"web-{stamp}.json").write_text(json.dumps([*rows, fixed, template], indent=2))


if __name__ == "__main__":
    main()
