"""Reads for peer support: threads waiting for a first reply, and how long first replies take.

The waiting list reads through `forums.selectors.thread_list_waiting_for`, which applies the
visibility rules; the first-reply figures cover forums listed to everyone and count threads
only, never who wrote them.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, Min, OuterRef, Subquery
from django.utils import timezone

from accounts.cache_keys import FIRST_REPLY_REPORT
from forums.enums import PostStatus, ThreadStatus
from forums.models import CheckInOccurrence, Forum, Post, Thread
from forums.selectors import forum_list_visible_to, thread_list_waiting_for

WAITING_PAGE_SIZE = 50
# How far back the waiting list looks: after a month a first reply is no longer what the person
# needs, and the bound keeps the list's query to recent threads on a large site.
WAITING_WINDOW = timedelta(days=30)


def unanswered_after() -> timedelta:
    """How long a thread may go without a reply before it is listed (set by operators)."""
    from moderation.models import SiteSettings

    return timedelta(hours=SiteSettings.load().unanswered_after_hours)


def waiting_threads_for(user, *, now: datetime | None = None, limit: int = WAITING_PAGE_SIZE):
    """The threads waiting for a reply that `user` may read, oldest first (at most `limit`)."""
    now = now or timezone.now()
    threads = thread_list_waiting_for(user, started_before=now - unanswered_after())
    return list(threads.filter(created_at__gte=now - WAITING_WINDOW)[:limit])


def waiting_count_for(user, *, now: datetime | None = None) -> int:
    """How many threads `user` could answer on the waiting list."""
    now = now or timezone.now()
    threads = thread_list_waiting_for(user, started_before=now - unanswered_after())
    return threads.filter(created_at__gte=now - WAITING_WINDOW).count()


@dataclass
class FirstReplyRow:
    forum: str
    month: str
    threads: int
    answered: int
    median_minutes: int | None
    p90_minutes: int | None

    @property
    def never_answered_percent(self) -> int:
        return round(100 * (self.threads - self.answered) / self.threads) if self.threads else 0


def _percentile(sorted_values: list[float], fraction: float) -> int | None:
    """Nearest-rank percentile of already sorted values (None when there are none)."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * fraction // 1))
    return round(sorted_values[int(rank) - 1])


def first_reply_report(*, months: int = 12, now: datetime | None = None) -> list[FirstReplyRow]:
    """Per forum listed to everyone and per month a thread started: threads, median and 90th
    percentile minutes to the first reply by another member, and the share never answered.

    Threads younger than the waiting interval are not counted yet: they may still be answered.
    """
    now = now or timezone.now()
    since = (now - timedelta(days=31 * months)).replace(day=1, hour=0, minute=0, second=0)
    public_forum_ids = [forum.pk for forum in forum_list_visible_to(AnonymousUser())]
    first_reply = (
        Post.objects.filter(thread_id=OuterRef("pk"), position__gt=1, status=PostStatus.PUBLISHED)
        .exclude(author_id=OuterRef("author_id"))
        .order_by()
        .values("thread_id")
        .annotate(first=Min("created_at"))
        .values("first")
    )
    rows = (
        Thread.objects.filter(
            forum_id__in=public_forum_ids,
            status=ThreadStatus.PUBLISHED,
            author__isnull=False,
            created_at__gte=since,
            created_at__lte=now - unanswered_after(),
        )
        .exclude(Exists(CheckInOccurrence.objects.filter(thread_id=OuterRef("pk"))))
        .annotate(first_reply_at=Subquery(first_reply[:1]))
        .values_list("forum_id", "created_at", "first_reply_at")
    )
    names = dict(Forum.objects.filter(pk__in=public_forum_ids).values_list("pk", "name"))
    groups: dict[tuple[str, int], list] = defaultdict(list)
    for forum_id, created_at, first_reply_at in rows.iterator():
        month = timezone.localtime(created_at).strftime("%Y-%m")
        wait = None
        if first_reply_at is not None:
            wait = max(0.0, (first_reply_at - created_at).total_seconds() / 60)
        groups[(month, forum_id)].append(wait)
    report = []
    for (month, forum_id), waits in groups.items():
        answered = sorted(wait for wait in waits if wait is not None)
        report.append(
            FirstReplyRow(
                forum=names[forum_id],
                month=month,
                threads=len(waits),
                answered=len(answered),
                median_minutes=_percentile(answered, 0.5),
                p90_minutes=_percentile(answered, 0.9),
            )
        )
    report.sort(key=lambda row: (row.month, row.forum))
    report.sort(key=lambda row: row.month, reverse=True)
    return report


def first_reply_report_cached() -> list[FirstReplyRow]:
    """`first_reply_report()` for the public transparency page, computed at most hourly: it
    reads a year of threads, and monthly figures do not need to be fresher."""
    from django.core.cache import cache

    return cache.get_or_set(
        FIRST_REPLY_REPORT.key(), first_reply_report, FIRST_REPLY_REPORT.timeout
    )
