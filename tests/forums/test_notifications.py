"""Notifications: fan-out after commit to readers only, the page, and the header count."""

import pytest

from forums import services, tasks
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import ForumFactory, ThreadFactory, UserFactory


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_fan_out_is_enqueued_after_commit(thread, member, django_capture_on_commit_callbacks):
    services.thread_watch(user=member, thread=thread)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.post_create(author=UserFactory(), thread=thread, body="hi")
    fan_out = [c for c in callbacks if c.task_name == "forums.fan_out_notifications"]
    assert len(fan_out) == 1
    assert _kinds(member) == []
    fan_out[0]()
    assert _kinds(member) == [NotificationKind.REPLY]


def test_watchers_get_replies_but_not_their_own(
    thread, member, author, django_capture_on_commit_callbacks
):
    services.thread_watch(user=member, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=member, thread=thread, body="my reply")
    assert _kinds(member) == []
    assert _kinds(author) == [NotificationKind.REPLY]


def test_muted_threads_send_nothing(thread, member, author, django_capture_on_commit_callbacks):
    services.thread_mute(user=author, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=member, thread=thread, body="hello @sam-walks")
    assert _kinds(author) == []


def test_mentions_notify_existing_members(thread, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(author=UserFactory(), thread=thread, body="thanks @quiet_fern")
    assert _kinds(member) == [NotificationKind.MENTION]
    assert 'href="/members/quiet_fern/"' in post.body_html


def test_quotes_notify_the_quoted_author(
    thread, author, member, django_capture_on_commit_callbacks
):
    services.thread_watch(user=author, thread=thread, is_watching=False)
    opening = thread.posts.get()
    body = f"> [sam-walks wrote](/p/{opening.pk}/):\n>\n> Hello\n\nSame here."
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=member, thread=thread, body=body)
    assert _kinds(author) == [NotificationKind.QUOTE]


def test_followers_hear_about_new_threads(
    forum, member, author, django_capture_on_commit_callbacks
):
    services.forum_follow(user=member, forum=forum)
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_create(author=author, forum=forum, title="New", body="hi")
    assert _kinds(member) == [NotificationKind.NEW_THREAD]


def test_no_notification_for_a_post_the_recipient_may_not_read(
    member, operator, django_capture_on_commit_callbacks
):
    private = ForumFactory(visibility="private")
    insider = UserFactory(trust_level="member")
    services.forum_access_grant(forum=private, user=insider, acting_user=operator)
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_create(author=insider, forum=private, title="t", body="hi @quiet_fern")
    assert _kinds(member) == []


def test_held_posts_notify_only_once_released(
    moderator, member, django_capture_on_commit_callbacks
):
    forum = ForumFactory(is_new_member_post_held=True)
    thread = ThreadFactory(forum=forum)
    newcomer = UserFactory(trust_level="new")
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(author=newcomer, thread=thread, body="hi @quiet_fern")
    assert _kinds(member) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.post_release(post=post, acting_user=moderator)
    assert _kinds(member) == [NotificationKind.MENTION]


def test_fan_out_is_idempotent(thread, member, django_capture_on_commit_callbacks):
    services.thread_watch(user=member, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(author=UserFactory(), thread=thread, body="hi")
    assert tasks.fan_out_notifications(post.pk) == 0
    assert Notification.objects.filter(recipient=member).count() == 1


def test_notifications_page_lists_and_marks_read(
    member_client, member, thread, django_capture_on_commit_callbacks
):
    services.thread_watch(user=member, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=UserFactory(handle="lumen42"), thread=thread, body="hi")
    services.notification_send_moderation_notice(
        recipient=member, text="Please keep details of methods out of posts.", acting_user=None
    )
    html = member_client.get("/notifications/").content.decode()
    assert "lumen42 replied in" in html
    assert "Please keep details of methods out of posts." in html
    assert '<span class="visually-hidden"> unread</span>' in html
    first = Notification.objects.filter(recipient=member).first()
    member_client.post(f"/notifications/{first.pk}/read/")
    assert Notification.objects.filter(recipient=member, read_at__isnull=True).count() == 1
    member_client.post("/notifications/read/")
    assert Notification.objects.filter(recipient=member, read_at__isnull=True).count() == 0


def test_you_cannot_mark_someone_elses_notification(member_client, other_member):
    notice = services.notification_send_moderation_notice(
        recipient=other_member, text="note", acting_user=None
    )
    member_client.post(f"/notifications/{notice.pk}/read/")
    notice.refresh_from_db()
    assert notice.read_at is None


def test_notifications_about_posts_that_became_hidden_disappear(
    member_client, member, thread, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(author=UserFactory(), thread=thread, body="hey @quiet_fern")
    services.post_hide(post=post, acting_user=moderator)
    assert "mentioned you" not in member_client.get("/notifications/").content.decode()


def test_unread_count_costs_one_query_for_members_and_none_for_visitors(
    rf, member, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    from notifications.context_processors import notifications

    request = rf.get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert notifications(request)["unread_notification_count"] == 0
    services.notification_send_moderation_notice(recipient=member, text="hi", acting_user=None)
    request.user = member
    with django_assert_num_queries(1):
        assert int(str(notifications(request)["unread_notification_count"])) == 1


def test_header_shows_the_unread_count(member_client, member):
    services.notification_send_moderation_notice(recipient=member, text="hi", acting_user=None)
    assert (
        '1<span class="visually-hidden"> unread</span>' in member_client.get("/").content.decode()
    )


@pytest.mark.parametrize("days,kept", [(10, 1), (100, 0)])
def test_read_notifications_are_purged_after_ninety_days(member, days, kept):
    from datetime import timedelta

    from django.utils import timezone

    notice = services.notification_send_moderation_notice(
        recipient=member, text="x", acting_user=None
    )
    Notification.objects.filter(pk=notice.pk).update(read_at=timezone.now() - timedelta(days=days))
    tasks.purge_read_notifications()
    assert Notification.objects.count() == kept
