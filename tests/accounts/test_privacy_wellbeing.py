"""Healthy use: the pause reminder after N minutes of continuous activity (session only), the
late-night reminder, taking a break (no notifications or digests), and retention jobs."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import services
from accounts.models import MemberSession, User
from accounts.selectors import member_is_on_break
from accounts.services import unverified_accounts_purge
from forums import selectors
from forums import services as forum_services
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import TEST_PASSWORD, ForumFactory, PostFactory, ThreadFactory, UserFactory

PAUSE_TEXT = "without a pause"
LATE_TEXT = "It's late."


@pytest.fixture
def forum(db):
    return ForumFactory()


@pytest.fixture
def thread(forum):
    return ThreadFactory(forum=forum)


def _fresh(user):
    return User.objects.get(pk=user.pk)


def test_pause_reminder_is_off_by_default_and_touches_no_session(member_client, member):
    member_client.get("/")
    assert "hearth_active_since" not in member_client.session
    assert member.break_reminder_minutes == 0


def test_pause_reminder_appears_after_the_chosen_minutes(member_client, member, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False)
    services.wellbeing_update(user=member, values={"break_reminder_minutes": 30})
    for minute in range(0, 30, 5):
        time_machine.move_to(datetime(2026, 3, 2, 10, minute, tzinfo=UTC), tick=False)
        assert PAUSE_TEXT not in member_client.get("/").content.decode()
    time_machine.move_to(datetime(2026, 3, 2, 10, 31, tzinfo=UTC), tick=False)
    page = member_client.get("/").content.decode()
    assert PAUSE_TEXT in page and 'href="/help/"' in page

    member_client.post("/settings/reminders/dismiss/", {"kind": "pause", "next": "/"})
    assert PAUSE_TEXT not in member_client.get("/").content.decode()


def test_a_pause_of_ten_minutes_restarts_the_count(member_client, member, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False)
    services.wellbeing_update(user=member, values={"break_reminder_minutes": 30})
    member_client.get("/")
    time_machine.move_to(datetime(2026, 3, 2, 10, 25, tzinfo=UTC), tick=False)
    member_client.get("/")  # more than 10 minutes since the last page: a pause
    time_machine.move_to(datetime(2026, 3, 2, 10, 40, tzinfo=UTC), tick=False)
    assert PAUSE_TEXT not in member_client.get("/").content.decode()


def test_activity_tracking_writes_the_session_at_most_once_a_minute(
    member_client, member, time_machine
):
    time_machine.move_to(datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False)
    services.wellbeing_update(user=member, values={"break_reminder_minutes": 60})
    member_client.get("/")
    time_machine.move_to(datetime(2026, 3, 2, 10, 0, 30, tzinfo=UTC), tick=False)
    with CaptureQueriesContext(connection) as queries:
        member_client.get("/")
    session_table = MemberSession._meta.db_table
    assert not [q for q in queries if session_table in q["sql"] and "UPDATE" in q["sql"]]


def test_late_night_reminder_between_the_chosen_hours(member_client, member, time_machine):
    member.timezone = "Europe/Paris"
    member.save()
    services.wellbeing_update(
        user=member,
        values={
            "has_late_night_reminder": True,
            "late_night_start": time(23, 0),
            "late_night_end": time(5, 0),
        },
    )
    time_machine.move_to(datetime(2026, 1, 10, 21, 0, tzinfo=UTC), tick=False)  # 22:00 Paris
    assert LATE_TEXT not in member_client.get("/").content.decode()
    time_machine.move_to(datetime(2026, 1, 10, 23, 30, tzinfo=UTC), tick=False)  # 00:30 Paris
    assert LATE_TEXT in member_client.get("/").content.decode()
    member_client.post("/settings/reminders/dismiss/", {"kind": "late_night"})
    assert LATE_TEXT not in member_client.get("/").content.decode()


def test_wellbeing_settings_page_saves(member_client, member):
    response = member_client.post(
        "/settings/healthy-use/",
        {
            "break_reminder_minutes": "90",
            "has_late_night_reminder": "on",
            "late_night_start": "22:30",
            "late_night_end": "06:00",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.break_reminder_minutes == 90 and member.late_night_start == time(22, 30)


# --- take a break --------------------------------------------------------------------------------


def test_take_a_break_silences_notifications(member, thread):
    forum_services.thread_watch(user=member, thread=thread)
    services.break_start(user=member, until=timezone.now() + timedelta(days=3))
    # The fan-out task's service is called directly, as the worker would after commit.
    post = forum_services.post_create(author=UserFactory(), thread=thread, body="hi @quiet_fern")
    forum_services.notifications_fan_out(post_id=post.pk)
    assert not Notification.objects.filter(recipient=member).exists()
    services.break_end(user=member)
    post = forum_services.post_create(author=UserFactory(), thread=thread, body="hi again")
    forum_services.notifications_fan_out(post_id=post.pk)
    assert Notification.objects.filter(recipient=member).count() == 1


def test_take_a_break_silences_digests_and_notification_emails(member, thread, moderator):
    forum_services.thread_watch(user=member, thread=thread)
    since = timezone.now()
    post = PostFactory(thread=thread, body="news in a watched thread")
    Notification.objects.create(
        recipient=member, kind=NotificationKind.REPLY, thread=thread, post=post
    )
    forum_services.notification_send_moderation_notice(
        recipient=member, text="A note.", acting_user=moderator
    )
    services.break_start(user=member, until=timezone.now() + timedelta(days=1))
    user = _fresh(member)
    until = timezone.now() + timedelta(minutes=1)

    assert member_is_on_break(user)
    assert selectors.digest_watched_threads(user=user, since=since, until=until, limit=5) == []
    assert selectors.digest_post_texts(user=user, post_ids=[post.pk]) == {}
    kinds = [NotificationKind.REPLY, NotificationKind.MODERATION_NOTICE]
    emails = selectors.notification_list_for_email(user, kinds=kinds)
    assert [n.kind for n in emails] == [NotificationKind.MODERATION_NOTICE]


def test_a_break_ends_on_its_own(member, time_machine):
    services.break_start(user=member, until=timezone.now() + timedelta(days=1))
    assert member_is_on_break(_fresh(member))
    time_machine.move_to(timezone.now() + timedelta(days=1, seconds=1))
    assert not member_is_on_break(_fresh(member))


def test_logging_in_on_a_break_shows_the_calm_page_with_end_early(client, member):
    services.break_start(user=member, until=timezone.now() + timedelta(days=7))
    response = client.post(
        "/accounts/login/", {"login": "quiet_fern", "password": TEST_PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/settings/break/"
    assert "You're on a break" in page and "End my break now" in page
    client.post("/settings/break/end/")
    assert not member_is_on_break(_fresh(member))


def test_starting_a_break_from_settings(member_client, member):
    response = member_client.post("/settings/break/", {"length": "3d"})
    assert response["Location"] == "/settings/break/"
    member.refresh_from_db()
    assert timedelta(days=2, hours=23) < member.break_until - timezone.now() <= timedelta(days=3)


# --- retention -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unverified_accounts_are_removed_after_30_days():
    old = UserFactory(verified=False, date_joined=timezone.now() - timedelta(days=31))
    recent = UserFactory(verified=False)
    verified = UserFactory(date_joined=timezone.now() - timedelta(days=90))
    assert unverified_accounts_purge() == 1
    assert set(User.objects.values_list("pk", flat=True)) == {recent.pk, verified.pk}
    assert not User.objects.filter(pk=old.pk).exists()


def test_thread_pages_skip_the_reminders_for_members_who_did_not_ask(member_client, forum):
    thread = ThreadFactory(forum=forum)
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "wellbeing-banner" not in page
