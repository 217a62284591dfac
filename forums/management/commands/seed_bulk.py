"""Load benchmark volumes fast: COPY on PostgreSQL (bulk_create elsewhere), with one big thread.

manage.py seed_bulk --users 10000 --threads 20000 --posts 1000000
"""

import random
import secrets
import time
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.handles import handle_skeleton
from accounts.models import User
from forums import bulkload
from forums.enums import ForumVisibility
from forums.models import SEARCH_CONFIG, Forum, Post, Section, Thread

SEARCH_INDEX = "forums_post_search_vector_gin"
POST_COLUMNS = ("id", "thread_id", "author_id", "position", "created_at", "body", "body_html")


class Command(BaseCommand):
    help = "Bulk-load members, threads and posts for benchmarks (adds to what is there)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=1000)
        parser.add_argument("--threads", type=int, default=2000)
        parser.add_argument("--posts", type=int, default=50000)
        parser.add_argument("--forums", type=int, default=12)
        parser.add_argument("--big-thread", type=int, default=5000, help="posts in one thread")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if options["posts"] < options["threads"] or min(options["users"], options["threads"]) < 1:
            raise CommandError("Need at least one member, one thread, and a post per thread.")
        self.rng = random.Random(options["seed"])  # noqa: S311 - synthetic data, not secrets
        self.started = time.monotonic()
        is_pg = connection.vendor == "postgresql"
        with transaction.atomic():
            if is_pg:
                with connection.cursor() as cursor:
                    # Rows are consistent by construction; skipping per-row FK triggers during
                    # the load is what makes a million rows fit in minutes.
                    cursor.execute("SET LOCAL session_replication_role = replica")
                    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            forum_ids = self._forums(options["forums"])
            user_ids = self._users(options["users"], is_pg)
            self._log(f"{len(user_ids)} members")
            plans = self._plan(options, forum_ids, user_ids)
            self._threads(plans, is_pg)
            self._log(f"{len(plans)} threads")
            self._posts(plans, user_ids, is_pg)
            self._log(f"{sum(plan.post_count for plan in plans)} posts")
            self._forum_counters(plans)
        if is_pg:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._log("done")

    def _log(self, message: str) -> None:
        self.stdout.write(f"[{time.monotonic() - self.started:7.1f}s] {message}")

    def _forums(self, count: int) -> list[int]:
        section, _ = Section.objects.get_or_create(name="Benchmark", defaults={"order": 99})
        ids = []
        for index in range(count):
            forum, _ = Forum.objects.get_or_create(
                slug=f"bench-{index + 1}",
                defaults={
                    "name": f"Benchmark forum {index + 1}",
                    "section": section,
                    "order": 100 + index,
                    "visibility": ForumVisibility.PUBLIC,
                    "description": "Synthetic threads for load tests.",
                },
            )
            ids.append(forum.pk)
        return ids

    def _next_ids(self, model, count: int) -> int:
        """Reserve `count` ids from the model's sequence; return the first."""
        if connection.vendor != "postgresql":
            latest = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            return latest + 1
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                [table, table, count],
            )
            return cursor.fetchone()[0] - count + 1

    def _users(self, count: int, is_pg: bool) -> list[int]:
        run = secrets.token_hex(3)
        first = self._next_ids(User, count)
        now = timezone.now()
        rows = [
            (first + n, f"!{secrets.token_hex(8)}", f"b{run}_{n}", f"b{run}_{n}@example.invalid",
             now, self.rng.choice(["member", "member", "trusted", "new"]))
            for n in range(count)
        ]  # fmt: skip
        if is_pg:
            columns = "id, password, handle, email, date_joined, trust_level, is_superuser, "
            columns += "is_staff, is_active, timezone, onboarding_done_at, handle_skeleton"
            with (
                connection.cursor() as cursor,
                cursor.copy(f"COPY accounts_user ({columns}) FROM STDIN") as copy,
            ):
                for row in rows:
                    # Past the welcome page: a bulk member who logs in lands on the forums.
                    copy.write_row((*row, False, False, True, "UTC", now, handle_skeleton(row[2])))
        else:
            User.objects.bulk_create(
                [
                    User(id=r[0], password=r[1], handle=r[2], email=r[3], date_joined=r[4],
                         trust_level=r[5], onboarding_done_at=now,
                         handle_skeleton=handle_skeleton(r[2]))
                    for r in rows
                ],
                batch_size=2000,
            )  # fmt: skip
        return [row[0] for row in rows]

    def _plan(self, options, forum_ids, user_ids):
        counts = bulkload.post_counts(
            self.rng, threads=options["threads"], posts=options["posts"], big=options["big_thread"]
        )
        return bulkload.plan_threads(
            self.rng,
            counts=counts,
            forum_ids=forum_ids,
            user_ids=user_ids,
            first_thread_id=self._next_ids(Thread, len(counts)),
            first_post_id=self._next_ids(Post, sum(counts)),
        )

    def _threads(self, plans, is_pg: bool) -> None:
        threads = [
            Thread(
                id=plan.id, forum_id=plan.forum_id, author_id=plan.author_id, title=plan.title,
                slug=bulkload.slugify_title(plan.title), created_at=plan.created_at,
                last_position=plan.post_count, reply_count=plan.post_count - 1,
                last_post_id=plan.last_post_id, last_post_position=plan.post_count,
                last_post_at=plan.post_times[-1],
            )
            for plan in plans
        ]  # fmt: skip
        if not is_pg:
            Thread.objects.bulk_create(threads, batch_size=2000)
            return
        columns = ("id", "forum_id", "author_id", "title", "slug", "status", "is_locked",
                   "is_pinned", "created_at", "last_position", "reply_count", "last_post_id",
                   "last_post_position", "last_post_at")  # fmt: skip
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY forums_thread ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for t in threads:
                copy.write_row(
                    (t.id, t.forum_id, t.author_id, t.title, t.slug, "published", False, False,
                     t.created_at, t.last_position, t.reply_count, t.last_post_id,
                     t.last_post_position, t.last_post_at)
                )  # fmt: skip

    def _posts(self, plans, user_ids, is_pg: bool) -> None:
        pool = bulkload.BodyPool.build(self.rng)
        rows = bulkload.post_rows(self.rng, plans, pool, user_ids)
        if not is_pg:
            batch = []
            for row in rows:
                batch.append(Post(**dict(zip(POST_COLUMNS, row, strict=True)), status="published"))
                if len(batch) >= 5000:
                    Post.objects.bulk_create(batch)
                    batch = []
            Post.objects.bulk_create(batch)
            return
        self._copy_posts_pg(rows)

    def _copy_posts_pg(self, rows) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
            cursor.execute(
                "CREATE TEMP TABLE post_stage (id bigint, thread_id bigint, author_id bigint, "
                "position integer, created_at timestamptz, body text, body_html text) "
                "ON COMMIT DROP"
            )
            with cursor.copy(f"COPY post_stage ({', '.join(POST_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            self._log("posts staged")
            vector = (
                "CASE WHEN s.position = 1 THEN setweight(to_tsvector(%(cfg)s, t.title), 'A') "
                "ELSE ''::tsvector END || setweight(to_tsvector(%(cfg)s, s.body), 'B')"
            )
            cursor.execute(
                "INSERT INTO forums_post (id, thread_id, author_id, position, status, "  # noqa: S608
                "screening_state, revision, content_warning, body, body_html, search_vector, "
                "moderator_note, moderation_notice, created_at) "
                "SELECT s.id, s.thread_id, s.author_id, s.position, 'published', "
                f"'screened', 1, '', s.body, s.body_html, {vector}, '', '', s.created_at "
                "FROM post_stage s JOIN forums_thread t ON t.id = s.thread_id",
                {"cfg": SEARCH_CONFIG},
            )
            self._log("posts inserted with search vectors")
            cursor.execute(f"CREATE INDEX {SEARCH_INDEX} ON forums_post USING gin (search_vector)")
            self._log("search index built")

    def _forum_counters(self, plans) -> None:
        totals = defaultdict(lambda: [0, 0, None, None])
        for plan in plans:
            entry = totals[plan.forum_id]
            entry[0] += 1
            entry[1] += plan.post_count
            if entry[3] is None or plan.post_times[-1] > entry[3]:
                entry[2], entry[3] = plan.last_post_id, plan.post_times[-1]
        for forum in Forum.objects.filter(pk__in=totals):
            threads, posts, last_post_id, last_at = totals[forum.pk]
            forum.thread_count += threads
            forum.post_count += posts
            if forum.last_post_at is None or last_at > forum.last_post_at:
                forum.last_post_id, forum.last_post_at = last_post_id, last_at
            forum.save(update_fields=["thread_count", "post_count", "last_post", "last_post_at"])
