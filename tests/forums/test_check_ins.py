"""Scheduled check-in threads: opened in the forum's time zone under the site identity, once
per occurrence, with the previous one linked."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.enums import Weekday
from forums import tasks
from forums.models import CheckInOccurrence, CheckInSchedule, Thread
from forums.services.check_ins import SITE_IDENTITY_HANDLE, check_ins_open_due
from moderation.models import SiteSettings
from tests.factories import ForumFactory, UserFactory

# Monday 6 July 2026, 07:55 UTC = 08:55 in London (summer time).
MONDAY_EARLY = datetime(2026, 7, 6, 7, 55, tzinfo=UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(MONDAY_EARLY, tick=False)
    return time_machine


@pytest.fixture
def schedule(db):
    forum = ForumFactory(name="Good news", slug="good-news")
    return CheckInSchedule.objects.create(
        forum=forum,
        title="Monday check-in",
        body="How are you arriving into this week?",
        weekday=Weekday.MONDAY,
        time_of_day=time(9, 0),
        time_zone="Europe/London",
    )


def test_the_thread_opens_at_the_forums_local_time_and_only_once(clock, schedule):
    assert check_ins_open_due() == 0  # 08:55 in London
    clock.shift(timedelta(minutes=5))
    assert check_ins_open_due() == 1
    assert check_ins_open_due() == 0  # a second beat run opens nothing
    clock.shift(timedelta(hours=10))
    assert check_ins_open_due() == 0  # later the same day: still the one occurrence
    thread = Thread.objects.get()
    assert thread.title == "Monday check-in · 6 July 2026"
    assert thread.author.handle == SITE_IDENTITY_HANDLE
    assert not thread.author.has_usable_password()
    assert thread.forum.thread_count == 1
    assert thread.posts.get().body_html.startswith("<p>How are you arriving")


def test_the_next_week_links_the_previous_one(clock, schedule, client):
    clock.shift(timedelta(minutes=10))
    check_ins_open_due()
    first = Thread.objects.get()
    clock.shift(timedelta(days=7))
    assert check_ins_open_due() == 1
    second = Thread.objects.exclude(pk=first.pk).get()
    html = second.posts.get().body_html
    assert "Previous check-in" in html
    assert first.get_absolute_url() in html
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Monday check-in · 6 July 2026" in page
    assert CheckInOccurrence.objects.filter(schedule=schedule).count() == 2


def test_other_days_and_paused_schedules_open_nothing(clock, schedule):
    clock.shift(timedelta(days=1, hours=2))  # Tuesday
    assert check_ins_open_due() == 0
    clock.shift(timedelta(days=6))  # the next Monday, after nine
    schedule.is_active = False
    schedule.save()
    assert check_ins_open_due() == 0


def test_an_identity_chosen_by_operators_is_used(clock, schedule):
    team = UserFactory(handle="the-team")
    site = SiteSettings.load()
    site.site_identity = team
    site.save()
    clock.shift(timedelta(minutes=10))
    check_ins_open_due()
    assert Thread.objects.get().author == team


def test_a_member_who_holds_the_handle_is_never_taken_over(clock, schedule):
    UserFactory(handle=SITE_IDENTITY_HANDLE)
    clock.shift(timedelta(minutes=10))
    with pytest.raises(LookupError):
        check_ins_open_due()
    assert not Thread.objects.exists()


def test_check_ins_are_not_on_the_waiting_list(clock, schedule):
    from forums.support import waiting_threads_for

    schedule.forum.is_support = True
    schedule.forum.save()
    clock.shift(timedelta(minutes=10))
    check_ins_open_due()
    clock.shift(timedelta(hours=8))
    assert waiting_threads_for(UserFactory(trust_level="trusted")) == []


def test_the_beat_runs_the_task_on_the_maintenance_queue_with_coherent_limits(clock, schedule):
    entry = settings.CELERY_BEAT_SCHEDULE["forums-open-check-ins"]
    assert entry["task"] == tasks.open_check_ins.name == "forums.open_check_ins"
    assert entry["options"]["queue"] == "maintenance"
    assert tasks.open_check_ins.soft_time_limit < tasks.open_check_ins.time_limit
    clock.shift(timedelta(minutes=10))
    assert tasks.open_check_ins() == 1


def test_operators_schedule_check_ins_in_the_forum_console(client, operator, schedule):
    client.force_login(operator)
    page = client.get(reverse("admin:forums_forum_change", args=[schedule.forum.pk]))
    assert page.status_code == 200
    assert "Monday check-in" in page.content.decode()


def test_the_site_identity_survives_the_purge_and_moderates_nothing(clock, schedule):
    from accounts.permissions import can_open_console, is_moderator
    from accounts.services import unverified_accounts_purge

    clock.shift(timedelta(minutes=10))
    check_ins_open_due()
    team = Thread.objects.get().author
    unverified_accounts_purge(now=MONDAY_EARLY + timedelta(days=60))
    team.refresh_from_db()
    assert not is_moderator(team) and not can_open_console(team)
