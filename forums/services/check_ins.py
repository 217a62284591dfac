"""Scheduled check-in threads: opened by the scheduler, once per schedule and local date."""

import logging
import zoneinfo
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from forums import hooks
from forums.enums import PostStatus, ThreadStatus
from forums.models import CheckInOccurrence, CheckInSchedule, Post, Thread
from forums.services import counters
from forums.services.posting import (
    _enqueue_fan_out,
    _enqueue_screening,
    _search_vector_update,
    post_body_render,
)

logger = logging.getLogger(__name__)
# The handle of the account check-in threads are posted under when operators chose none.
SITE_IDENTITY_HANDLE = "hearth-team"


def check_in_due_date(schedule: CheckInSchedule, *, now: datetime):
    """The local date of the occurrence due at `now`, or None when none is due today."""
    local = now.astimezone(zoneinfo.ZoneInfo(schedule.time_zone))
    if local.isoweekday() != schedule.weekday or local.time() < schedule.time_of_day:
        return None
    return local.date()


def _body_with_previous(schedule: CheckInSchedule) -> str:
    previous = (
        schedule.occurrences.filter(thread__status=ThreadStatus.PUBLISHED)
        .select_related("thread")
        .first()
    )
    if previous is None or previous.thread is None:
        return schedule.body
    link = _("Previous check-in: [%(title)s](%(url)s)") % {
        "title": previous.thread.title.replace("[", "(").replace("]", ")"),
        "url": previous.thread.get_absolute_url(),
    }
    return f"{schedule.body.rstrip()}\n\n---\n\n{link}"


def check_in_open(*, schedule_id: int, now: datetime | None = None) -> Thread | None:
    """Open the schedule's thread for the occurrence due at `now`, unless it is open already
    (idempotent per schedule and local date); return the new thread or None."""
    now = now or timezone.now()
    # The site's own account, chosen by operators in the site settings (moderation's).
    author = hooks.site_identity()
    with transaction.atomic():
        schedule = (
            CheckInSchedule.objects.select_for_update()
            .select_related("forum")
            .filter(pk=schedule_id, is_active=True)
            .first()
        )
        if schedule is None:
            return None
        occurs_on = check_in_due_date(schedule, now=now)
        if occurs_on is None or schedule.occurrences.filter(occurs_on=occurs_on).exists():
            return None
        title = f"{schedule.title} · {formats.date_format(occurs_on, 'j F Y')}"
        body = _body_with_previous(schedule)
        thread = Thread.objects.create(
            forum=schedule.forum,
            author=author,
            title=title[:200],
            slug=slugify(title)[:80].strip("-") or "check-in",
            created_at=now,
            last_post_at=now,
            last_position=1,
        )
        post = Post.objects.create(
            thread=thread,
            author=author,
            position=1,
            status=PostStatus.PUBLISHED,
            body=body,
            body_html=post_body_render(body).html,
            created_at=now,
        )
        _search_vector_update(post=post, title=thread.title)
        try:
            with transaction.atomic():
                CheckInOccurrence.objects.create(
                    schedule=schedule, occurs_on=occurs_on, thread=thread
                )
        except IntegrityError:
            transaction.set_rollback(True)
            return None
        counters.thread_started(thread=thread, post=post)
        _enqueue_fan_out(post)
        _enqueue_screening(post, is_crisis=False)  # an operator's prompt, not a member's words
    logger.info("check-in thread %s opened for schedule %s", thread.pk, schedule.pk)
    return thread


def check_ins_open_due(*, now: datetime | None = None) -> int:
    """Open every active schedule's thread that is due and not yet open; return how many."""
    now = now or timezone.now()
    opened = 0
    for schedule_id in CheckInSchedule.objects.filter(is_active=True).values_list("pk", flat=True):
        if check_in_open(schedule_id=schedule_id, now=now) is not None:
            opened += 1
    return opened
