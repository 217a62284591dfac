"""Peer-support demo data for `seed_demo`: support forums, threads spread over past months with
realistic first-reply times (so the transparency report has figures), two threads still
waiting for a reply, a peer supporter and a weekly check-in. Safe to run again: the times are
fixed offsets from the demo threads' order, and nothing is created twice."""

from datetime import time, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.enums import Weekday
from accounts.models import User
from accounts.services.peer import peer_supporter_grant
from forums import demo_content, services
from forums.models import CheckInSchedule, Forum, Post, Thread

SUPPORT_FORUMS = [
    "anxiety-panic",
    "depression-low-mood",
    "postpartum-new-parents",
    "ocd",
    "bpd-emotional-intensity",
    "eating-disorder-recovery",
    "psychosis-smi",
    "rare-chronic-illness",
]
# Minutes from a thread to each reply, cycled over the demo threads: mostly within the hour,
# a few much later, as in a small community.
REPLY_DELAYS = [14, 38, 95, 7, 260, 52, 610, 21, 180, 1440, 33, 75]
WAITING = [
    (
        "depression-low-mood",
        "lumen42",
        "Awake again at 3am",
        "Third night in a row. I'm not in danger, just tired of my own head. "
        "Does anyone else get this?",
        timedelta(hours=9),
    ),
    (
        "anxiety-panic",
        "sam-walks",
        "First day at a new job tomorrow",
        "My chest is tight just thinking about it. Any words for the morning?",
        timedelta(hours=7),
    ),
]
CHECK_IN = {
    "forum": "good-news",
    "title": "Small wins Friday",
    "body": "How did your week go? Share one small thing that went a little better. "
    "Replies can be as short as you like.",
    "weekday": Weekday.FRIDAY,
    "time_of_day": time(9, 0),
    "time_zone": "Europe/London",
}


def _demo_titles() -> list[str]:
    return [
        spec["title"]
        for _section, forums in demo_content.SECTIONS
        for forum in forums
        for spec in forum.get("threads", [])
    ]


def _spread_over_past_months(now) -> None:
    """Move the demo threads into the past 120 days, each reply a fixed delay later."""
    titles = _demo_titles()
    for index, title in enumerate(titles):
        thread = Thread.objects.filter(title=title).first()
        if thread is None:
            continue
        started = now - timedelta(days=120 * (len(titles) - index) / len(titles), hours=3)
        posts = list(thread.posts.order_by("position"))
        at = started
        for number, post in enumerate(posts):
            if number:
                at = at + timedelta(minutes=REPLY_DELAYS[(index + number) % len(REPLY_DELAYS)])
            Post.objects.filter(pk=post.pk).update(created_at=at)
        Thread.objects.filter(pk=thread.pk).update(created_at=started, last_post_at=at)
    for forum in Forum.objects.all():
        latest = forum.threads.aggregate(latest=Max("last_post_at"))["latest"]
        Forum.objects.filter(pk=forum.pk).update(last_post_at=latest)


def _waiting_threads(members: dict[str, User], now) -> None:
    for slug, handle, title, body, age in WAITING:
        forum = Forum.objects.filter(slug=slug).first()
        if forum is None or forum.threads.filter(title=title).exists():
            continue
        thread = services.thread_create(author=members[handle], forum=forum, title=title, body=body)
        Post.objects.filter(thread=thread).update(created_at=now - age)
        Thread.objects.filter(pk=thread.pk).update(created_at=now - age, last_post_at=now - age)


@transaction.atomic
def seed_peer_support(*, members: dict[str, User]) -> None:
    """Support forums, past first-reply times, waiting threads, a supporter and a check-in."""
    now = timezone.now()
    Forum.objects.filter(slug__in=SUPPORT_FORUMS).update(is_support=True)
    _spread_over_past_months(now)
    _waiting_threads(members, now)
    peer_supporter_grant(
        user=members["morningtea"],
        trained_on=(now - timedelta(days=30)).date(),
        acting_user=None,
    )
    forum = Forum.objects.filter(slug=CHECK_IN["forum"]).first()
    if forum is not None:
        fields = {key: value for key, value in CHECK_IN.items() if key != "forum"}
        CheckInSchedule.objects.get_or_create(
            forum=forum, title=fields.pop("title"), defaults=fields
        )
