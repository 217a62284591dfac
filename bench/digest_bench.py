"""Digest benchmark: digests built and sent per second by one worker process, into a real SMTP
server on 127.0.0.1 (aiosmtpd's sink, in its own process so it does not share our CPU).

Against a database loaded by `manage.py seed_bulk` (PostgreSQL). It first prepares the members
(idempotent, additive only): each follows a few forums and watches a few recently active
threads, has a verified address (benchmark members have none) and a weekly digest due now;
deliveries of an earlier run are cleared. Then it runs the beat's search for due members and
sends every due digest in this one process, batch by batch, exactly as the `forums.send_digests`
task body does (no broker: the task wrapper adds about a millisecond). It prints digests/s,
queries per digest, and the process's peak memory growth.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench \\
        .venv/bin/python bench/digest_bench.py [--members 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.crypto import generate_key  # noqa: E402


def _setup_django(smtp_port: int) -> None:
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hearth_bench")
    # With DEBUG off the settings refuse to start without a message key; digests carry no
    # private messages, so a fresh key does.
    os.environ.setdefault("MESSAGES_ENCRYPTION_KEYS", generate_key())
    os.environ.update(
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production"),
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        SITE_URL="https://hearth.example.org",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    django.setup()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_smtp_sink(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the SMTP sink did not start")


def prepare(*, members: int, seed: int, now) -> list[int]:
    """Give `members` members follows, watches, a verified address and a due weekly digest."""
    # Here, not at the top: the models load once _setup_django() has configured Django.
    from allauth.account.models import EmailAddress
    from django.db import transaction

    from accounts.models import EmailDelivery, EmailPreferences, User
    from forums.models import Forum, ForumFollow, Thread, ThreadSubscription

    rng = random.Random(seed)  # synthetic data, not secrets
    user_ids = list(
        User.objects.filter(is_active=True, is_staff=False, timezone="UTC")
        .order_by("pk")
        .values_list("pk", flat=True)[:members]
    )
    forum_ids = list(Forum.objects.filter(visibility="public").values_list("pk", flat=True))
    recent = list(
        Thread.objects.filter(
            last_post_at__gt=now - timedelta(days=7), status="published"
        ).values_list("pk", flat=True)[:5000]
    )
    with transaction.atomic():
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(
                    user_id=pk, email=f"bench{pk}@example.org", verified=True, primary=True
                )
                for pk in user_ids
            ],
            ignore_conflicts=True,
            batch_size=5000,
        )
        ForumFollow.objects.bulk_create(
            [
                ForumFollow(user_id=pk, forum_id=forum_id)
                for pk in user_ids
                for forum_id in rng.sample(forum_ids, min(3, len(forum_ids)))
            ],
            ignore_conflicts=True,
            batch_size=5000,
        )
        ThreadSubscription.objects.bulk_create(
            [
                ThreadSubscription(user_id=pk, thread_id=thread_id)
                for pk in user_ids
                for thread_id in rng.sample(recent, min(5, len(recent)))
            ],
            ignore_conflicts=True,
            batch_size=5000,
        )
        EmailDelivery.objects.filter(user_id__in=user_ids).delete()
        EmailPreferences.objects.bulk_create(
            [EmailPreferences(user_id=pk) for pk in user_ids],
            ignore_conflicts=True,
            batch_size=5000,
        )
        # Due now: a weekly digest on today's weekday at an hour that has passed, last sent a
        # week ago, schedule state as after last week's digest.
        local = now.astimezone(__import__("zoneinfo").ZoneInfo("UTC"))
        # Members are left as seeded (UTC, joined at seeding time, so not inactive).
        EmailPreferences.objects.filter(user_id__in=user_ids).update(
            digest_frequency="weekly",
            digest_weekday=local.isoweekday(),
            digest_hour=max(0, local.hour - 1),
            digest_content="titles",
            has_quiet_hours=False,
            is_email_paused=False,
            failed_delivery_count=0,
            digest_stopped_at=None,
            digest_last_period="",
            digest_handled_at=now - timedelta(days=7),
            digest_last_sent_at=now - timedelta(days=7),
            digest_due_at=now - timedelta(minutes=5),
        )
    return user_ids


def run(*, now) -> dict:
    # Here, not at the top: the models load once _setup_django() has configured Django.
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from accounts.models import EmailDelivery
    from forums.digests.sending import digests_enqueue_due, digests_send_batch
    from forums.tasks import send_digests

    batches: list[list[int]] = []
    original_delay = send_digests.delay
    send_digests.delay = batches.append  # collect instead of a broker
    try:
        started = time.perf_counter()
        digests_enqueue_due(now=now)
        beat_seconds = time.perf_counter() - started
    finally:
        send_digests.delay = original_delay
    enqueued = [user_id for ids in batches for user_id in ids]

    outcomes: dict[str, int] = {}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    query_counts = []
    cpu_started = time.process_time()
    started = time.perf_counter()
    for ids in batches:
        with CaptureQueriesContext(connection) as queries:
            result = digests_send_batch(user_ids=ids, now=now)
        query_counts.append(len(queries) / len(ids))
        for outcome, count in result.outcomes.items():
            outcomes[outcome] = outcomes.get(outcome, 0) + count
        reset_queries()
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sent = EmailDelivery.objects.filter(status="sent", user_id__in=enqueued).count()
    return {
        "due": len(enqueued),
        "batches": len(batches),
        "beat_seconds": beat_seconds,
        "seconds": seconds,
        "outcomes": outcomes,
        "sent_records": sent,
        "per_second": len(enqueued) / seconds if seconds else 0.0,
        "cpu_seconds": cpu_seconds,
        "per_cpu_second": len(enqueued) / cpu_seconds if cpu_seconds else 0.0,
        "queries_max": max(query_counts, default=0),
        "queries_mean": sum(query_counts) / len(query_counts) if query_counts else 0,
        "peak_rss_growth_mb": (rss_after - rss_before) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    port = _free_port()
    sink = _start_smtp_sink(port)
    try:
        _setup_django(port)
        from forums.models import Post  # after _setup_django(), as above

        # The seeded data ends at seeding time: run "now" just after its latest post.
        now = Post.objects.order_by("-created_at").values_list("created_at", flat=True).first()
        now = now + timedelta(minutes=1)
        started = time.perf_counter()
        members = prepare(members=args.members, seed=args.seed, now=now)
        print(f"prepared {len(members)} members in {time.perf_counter() - started:.1f} s")
        result = run(now=now)
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    print(
        f"beat: {result['due']} due members found and enqueued in {result['batches']} send "
        f"tasks in {result['beat_seconds']:.2f} s"
    )
    print(f"outcomes: {result['outcomes']} ({result['sent_records']} delivery records 'sent')")
    print(
        f"digests: {result['due']} in {result['seconds']:.1f} s = "
        f"{result['per_second']:.1f} digests/s in one worker process"
    )
    print(
        f"worker CPU: {result['cpu_seconds']:.1f} s = {result['per_cpu_second']:.1f} digests per "
        "CPU second of this process (PostgreSQL and the SMTP sink not counted; on a loaded "
        "machine wall-clock understates what a worker can do)"
    )
    print(f"load average at the end (1, 5, 15 min): {os.getloadavg()}")
    print(
        f"queries per digest: mean {result['queries_mean']:.2f}, max {result['queries_max']:.2f} "
        "(each batch's queries over its members); "
        f"peak RSS growth {result['peak_rss_growth_mb']:.1f} MB"
    )


if __name__ == "__main__":
    main()
