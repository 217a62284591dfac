"""The header's badges come from the cache while nothing is unread, and are right on the very
next page after every write that creates or reads notifications."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import MessagePermission, TrustLevel
from accounts.services import data as account_data
from conversations import services as conversation_services
from forums import services
from notifications import selectors as notification_selectors
from notifications import services as notification_services
from notifications.models import Notification
from tests.factories import UserFactory

BADGE_RE = re.compile(r'href="/(notifications|messages)/">\w+(?: <span class="badge[^>]*">(\d+))?')


def _badges(client) -> dict:
    """The numbers in the header's Notifications and Messages badges (0 when there is none)."""
    page = client.get("/")
    assert page.status_code == 200
    found = {kind: int(count or 0) for kind, count in BADGE_RE.findall(page.content.decode())}
    assert set(found) == {"notifications", "messages"}
    return found


@pytest.fixture
def warm_client(member_client):
    """A member who has seen pages with nothing unread: "nothing unread" is in the cache."""
    assert _badges(member_client) == {"notifications": 0, "messages": 0}
    assert _badges(member_client) == {"notifications": 0, "messages": 0}
    return member_client


def test_nothing_unread_costs_no_query_once_cached(warm_client):
    with CaptureQueriesContext(connection) as queries:
        warm_client.get("/")
    assert not [q for q in queries if "forums_notification" in q["sql"]]


def test_a_reply_shows_at_once(warm_client, member, thread, django_capture_on_commit_callbacks):
    services.thread_watch(user=member, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=UserFactory(), thread=thread, body="a reply")
    assert _badges(warm_client)["notifications"] == 1


def test_a_mention_shows_at_once(warm_client, thread, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=UserFactory(), thread=thread, body="thanks @quiet_fern")
    assert _badges(warm_client)["notifications"] == 1


def test_a_quote_shows_at_once(warm_client, member, forum, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(author=member, forum=forum, title="Mine", body="Hello")
    services.thread_watch(user=member, thread=thread, is_watching=False)
    assert _badges(warm_client)["notifications"] == 0
    opening = thread.posts.get()
    body = f"> [quiet_fern wrote](/p/{opening.pk}/):\n>\n> Hello\n\nSame here."
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=UserFactory(), thread=thread, body=body)
    assert _badges(warm_client)["notifications"] == 1


def test_a_new_thread_in_a_followed_forum_shows_at_once(
    warm_client, member, forum, author, django_capture_on_commit_callbacks
):
    services.forum_follow(user=member, forum=forum)
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_create(author=author, forum=forum, title="New", body="hi")
    assert _badges(warm_client)["notifications"] == 1


def test_a_moderation_notice_shows_at_once(warm_client, member):
    services.notification_send_moderation_notice(recipient=member, text="A note", acting_user=None)
    assert _badges(warm_client)["notifications"] == 1


def test_an_export_notice_shows_at_once(warm_client, member):
    export, _created = account_data.export_request(user=member)
    account_data.export_build(export_id=export.pk)
    assert _badges(warm_client)["notifications"] == 1


def test_a_private_message_shows_at_once(warm_client, member):
    member.message_permission = MessagePermission.ANYONE
    member.trust_level = TrustLevel.MEMBER
    member.save(update_fields=["message_permission", "trust_level"])
    sender = UserFactory(trust_level=TrustLevel.MEMBER)
    conversation_services.conversation_start(sender=sender, recipients=[member], body="Hello")
    assert _badges(warm_client) == {"notifications": 0, "messages": 1}


def test_marking_read_clears_the_badge_and_it_comes_back(warm_client, member):
    services.notification_send_moderation_notice(recipient=member, text="One", acting_user=None)
    services.notification_send_moderation_notice(recipient=member, text="Two", acting_user=None)
    assert _badges(warm_client)["notifications"] == 2
    first = Notification.objects.filter(recipient=member).first()
    notification_services.notification_mark_read(user=member, notification_id=first.pk)
    assert _badges(warm_client)["notifications"] == 1
    notification_services.notification_mark_all_read(user=member)
    assert _badges(warm_client)["notifications"] == 0
    assert _badges(warm_client)["notifications"] == 0  # now from the cache
    services.notification_send_moderation_notice(recipient=member, text="Three", acting_user=None)
    assert _badges(warm_client)["notifications"] == 1


def test_a_count_that_raced_with_a_new_notification_cannot_hide_it(warm_client, member):
    version_key, none_key = notification_selectors.notification_badge_keys(member.pk)
    read_before = cache.get(version_key)
    cache.delete(none_key)
    services.notification_send_moderation_notice(recipient=member, text="A note", acting_user=None)
    # A page that read the version before the notice was written, found no unread row, and
    # only now records "nothing unread" for the version it read:
    cache.set(none_key, read_before)
    assert _badges(warm_client)["notifications"] == 1


def test_a_count_that_ran_before_the_commit_cannot_hide_it(
    warm_client, member, django_capture_on_commit_callbacks
):
    version_key, none_key = notification_selectors.notification_badge_keys(member.pk)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        services.notification_send_moderation_notice(
            recipient=member, text="A note", acting_user=None
        )
    # Another request read the version set while the notice was being written, and its query,
    # run before the commit, found no unread row:
    cache.set(none_key, cache.get(version_key))
    for callback in after_commit:
        callback()
    assert _badges(warm_client)["notifications"] == 1


def test_an_evicted_version_is_counted_from_the_database(warm_client, member):
    services.notification_send_moderation_notice(recipient=member, text="A note", acting_user=None)
    cache.delete_many(notification_selectors.notification_badge_keys(member.pk))
    assert _badges(warm_client)["notifications"] == 1
