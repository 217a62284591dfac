"""Muting (rather than blocking) a member, a forum or a thread: no mentions, quotes, replies
or new-thread notifications from them, nothing of theirs in digests, while the muted member
can still see and mention the member who muted them (they are never told)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import services as account_services
from forums import selectors, services
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import PostFactory, ThreadFactory, UserFactory


@pytest.fixture
def chatty(db):
    return UserFactory(handle="chatty_one", trust_level="member")


def _kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_a_muted_member_cannot_mention_quote_or_reply_to_notify(
    member, chatty, thread, django_capture_on_commit_callbacks
):
    mine = PostFactory(thread=thread, author=member, body="my story")
    services.thread_watch(user=member, thread=thread)
    account_services.mute_member(user=member, member=chatty)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=chatty, thread=thread, body="hey @quiet_fern")
        services.post_create(
            author=chatty, thread=thread, body=f"> [quiet_fern wrote](/p/{mine.pk}/):\n> x\n\nok"
        )
    assert _kinds(member) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=UserFactory(), thread=thread, body="hi @quiet_fern")
    assert _kinds(member) == [NotificationKind.MENTION]


def test_the_muted_member_still_reaches_others_and_is_not_told(
    member, other_member, chatty, thread, django_capture_on_commit_callbacks
):
    account_services.mute_member(user=member, member=chatty)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=chatty, thread=thread, body="hi @morningtea and @quiet_fern")
    assert _kinds(other_member) == [NotificationKind.MENTION]
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=member, thread=thread, body="hello @chatty_one")
    assert _kinds(chatty) == [NotificationKind.MENTION]


def test_mentions_in_a_muted_forum_or_thread_do_not_notify(
    member, forum, django_capture_on_commit_callbacks
):
    quiet_thread = ThreadFactory(forum=forum)
    other_thread = ThreadFactory()
    services.thread_mute(user=member, thread=other_thread)
    account_services.mute_forum(user=member, forum=forum)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=UserFactory(), thread=quiet_thread, body="@quiet_fern hi")
        services.post_create(author=UserFactory(), thread=other_thread, body="@quiet_fern hi")
    assert list(selectors.notification_list_for(_fresh(member))) == []


def test_digests_leave_out_muted_members_and_muted_forums(member, chatty, thread):
    services.thread_watch(user=member, thread=thread)
    since = timezone.now()
    PostFactory(thread=thread, author=chatty, body="chatty reply")
    new_thread = ThreadFactory(forum=thread.forum, author=chatty)
    account_services.mute_member(user=member, member=chatty)
    until = timezone.now() + timedelta(minutes=1)

    member = _fresh(member)
    assert selectors.digest_watched_threads(user=member, since=since, until=until, limit=9) == []
    assert selectors.digest_new_threads(user=member, thread_ids=[new_thread.pk], until=until) == []

    # A thread by someone else shows, until the whole forum is muted.
    elsewhere = ThreadFactory(forum=thread.forum, author=UserFactory())
    assert selectors.digest_new_threads(user=member, thread_ids=[elsewhere.pk], until=until)
    account_services.mute_forum(user=member, forum=thread.forum)
    member = _fresh(member)
    assert selectors.digest_new_threads(user=member, thread_ids=[elsewhere.pk], until=until) == []


def test_muted_members_post_collapses_on_the_thread_page(client, member, chatty, thread):
    PostFactory(thread=thread, author=chatty, body="a very loud opinion")
    account_services.mute_member(user=member, member=chatty)
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Hidden: a member you muted." in page
    assert "a very loud opinion" in page  # inside the <details>, readable on request
