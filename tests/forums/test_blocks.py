"""Blocks, mutes and muted words through the visibility layer: thread pages, lists, search,
notifications (mentions, replies, quotes), digests and the settings pages."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from accounts import services as account_services
from accounts.models import MAX_MUTE_WORDS, Block, MuteWord
from accounts.selectors import member_filters_for
from forums import selectors, services
from forums.search import SearchFilters, post_search
from notifications import selectors as notification_selectors
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import PostFactory, ThreadFactory, UserFactory


@pytest.fixture
def pest(db):
    return UserFactory(handle="loud_pest", trust_level="member")


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


# --- blocking ----------------------------------------------------------------------------------


def test_blocking_yourself_is_refused_kindly(member):
    with pytest.raises(ValidationError, match="cannot block yourself"):
        account_services.block_create(user=member, member=member)
    assert not Block.objects.exists()


def test_blocking_a_moderator_is_refused_with_an_explanation(member, moderator):
    with pytest.raises(ValidationError, match="moderator") as error:
        account_services.block_create(user=member, member=moderator)
    assert "mute them" in error.value.messages[0]
    assert not Block.objects.exists()


def test_blocked_members_post_is_collapsed_with_show_anyway(client, member, pest, thread):
    PostFactory(thread=thread, author=pest, body="something unkind")
    account_services.block_create(user=member, member=pest)
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert '<details class="collapsed-post">' in page
    assert "Hidden: you blocked this member." in page
    assert "(show anyway)" in page
    assert "something unkind" in page  # inside the <details>: readable on request, no JS


def test_the_blocked_member_is_not_told(client, member, pest, thread):
    PostFactory(thread=thread, author=member, body="my own words")
    account_services.block_create(user=member, member=pest)
    client.force_login(pest)

    page = client.get(thread.get_absolute_url()).content.decode()
    profile = client.get(f"/members/{member.handle}/").content.decode()

    assert "my own words" in page
    assert "collapsed-post" not in page
    assert "Unblock" not in profile and "blocked" not in profile.lower()


def test_blocked_members_cannot_mention_reply_notify_or_quote_the_blocker(
    member, pest, thread, django_capture_on_commit_callbacks
):
    mine = PostFactory(thread=thread, author=member, body="my story")
    services.thread_watch(user=member, thread=thread)
    account_services.block_create(user=member, member=pest)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=pest, thread=thread, body="hey @quiet_fern")
        services.post_create(
            author=pest, thread=thread, body=f"> [quiet_fern wrote](/p/{mine.pk}/):\n> x\n\nno"
        )
    assert _kinds(member) == []
    other = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=other, thread=thread, body="hello @quiet_fern")
    assert _kinds(member) == [NotificationKind.MENTION]


def test_moderation_notices_reach_a_member_whatever_they_blocked_or_muted(member, moderator):
    account_services.mute_member(user=member, member=moderator)
    services.notification_send_moderation_notice(
        recipient=member, text="We removed a post.", acting_user=moderator
    )
    assert [n.kind for n in selectors.notification_list_for(_fresh(member))] == [
        NotificationKind.MODERATION_NOTICE
    ]


def test_notifications_from_a_member_blocked_later_disappear(
    member, pest, thread, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=pest, thread=thread, body="hi @quiet_fern")
    assert notification_selectors.notification_unread_count(_fresh(member)) == 1
    account_services.block_create(user=member, member=pest)
    assert notification_selectors.notification_unread_count(_fresh(member)) == 0
    assert list(selectors.notification_list_for(_fresh(member))) == []


def test_threads_by_blocked_and_muted_members_leave_the_forum_list(forum, member, pest):
    hushed = UserFactory(trust_level="member")
    ThreadFactory(forum=forum, author=pest, title="Pest thread")
    ThreadFactory(forum=forum, author=hushed, title="Hushed thread")
    ThreadFactory(forum=forum, title="Kind thread")
    account_services.block_create(user=member, member=pest)
    account_services.mute_member(user=member, member=hushed)

    titles = {t.title for t in selectors.thread_page_for(_fresh(member), forum, start=0, count=30)}
    others = {t.title for t in selectors.thread_page_for(UserFactory(), forum, start=0, count=30)}

    assert titles == {"Kind thread"}
    assert others == {"Pest thread", "Hushed thread", "Kind thread"}


def test_muted_threads_and_forums_leave_the_lists(client, forum, member):
    muted_thread = ThreadFactory(forum=forum, title="Muted thread")
    ThreadFactory(forum=forum, title="Open thread")
    services.thread_mute(user=member, thread=muted_thread)
    client.force_login(member)
    assert "Muted thread" not in client.get(forum.get_absolute_url()).content.decode()
    assert escape(forum.name) in client.get("/").content.decode()

    account_services.mute_forum(user=member, forum=forum)

    assert escape(forum.name) not in client.get("/").content.decode()
    assert client.get(forum.get_absolute_url()).status_code == 200  # still reachable


def test_search_leaves_out_blocked_and_muted_members_and_muted_forums(member, pest, thread):
    PostFactory(thread=thread, author=pest, body="gentle breathing tip from pest")
    hushed = UserFactory(trust_level="member")
    PostFactory(thread=thread, author=hushed, body="gentle breathing tip from hushed")
    PostFactory(thread=thread, body="gentle breathing tip from a friend")
    account_services.block_create(user=member, member=pest)
    account_services.mute_member(user=member, member=hushed)

    def found(user):
        return {p.body for p in post_search(user=user, filters=SearchFilters(q="gentle"))}

    assert found(_fresh(member)) == {"gentle breathing tip from a friend"}
    assert len(found(UserFactory())) == 3
    account_services.mute_forum(user=member, forum=thread.forum)
    assert found(_fresh(member)) == set()


def test_mute_forum_silences_new_thread_notifications(
    forum, member, django_capture_on_commit_callbacks
):
    services.forum_follow(user=member, forum=forum)
    account_services.mute_forum(user=member, forum=forum)
    with django_capture_on_commit_callbacks(execute=True):
        ThreadFactory(forum=forum)
    assert _kinds(member) == []


def test_digests_leave_out_blocked_and_muted_members(member, pest, thread):
    services.thread_watch(user=member, thread=thread)
    since = timezone.now()
    PostFactory(thread=thread, author=pest, body="pest reply")
    account_services.block_create(user=member, member=pest)
    until = timezone.now() + timedelta(minutes=1)

    rows = selectors.digest_watched_threads(user=_fresh(member), since=since, until=until, limit=9)
    new = selectors.digest_new_threads(
        user=_fresh(member),
        thread_ids=[ThreadFactory(forum=thread.forum, author=pest).pk],
        until=until,
    )
    assert rows == []
    assert new == []


def test_digest_excerpts_leave_out_posts_with_muted_words(member, thread):
    post = PostFactory(thread=thread, body="talking about the hospital today")
    account_services.mute_words_add(user=member, text="Hospital")
    assert selectors.digest_post_texts(user=_fresh(member), post_ids=[post.pk]) == {}


def test_notification_emails_leave_out_blocked_members(
    member, pest, thread, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=pest, thread=thread, body="hi @quiet_fern")
    account_services.block_create(user=member, member=pest)
    emails = selectors.notification_list_for_email(_fresh(member), kinds=[NotificationKind.MENTION])
    assert list(emails) == []


# --- muted words -------------------------------------------------------------------------------


def test_posts_with_a_muted_word_collapse_with_the_reason(client, member, thread):
    PostFactory(thread=thread, body="I went to the **Hospital** again")
    PostFactory(thread=thread, body="hospitality is not the word")
    account_services.mute_words_add(user=member, text="hospital\n, self harm")
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert page.count("Hidden: contains a word you muted.") == 1
    assert "hospitality is not the word" in page


def test_a_muted_phrase_matches_across_spacing_and_case(member):
    account_services.mute_words_add(user=member, text="self harm")
    filters = member_filters_for(_fresh(member))
    assert filters.has_muted_word("thinking about SELF\n harm today")
    assert not filters.has_muted_word("selfharmony")


def test_mute_words_are_bounded_with_a_clear_error(member):
    account_services.mute_words_add(
        user=member, text="\n".join(f"word{n}" for n in range(MAX_MUTE_WORDS))
    )
    with pytest.raises(ValidationError, match=f"up to {MAX_MUTE_WORDS} words"):
        account_services.mute_words_add(user=member, text="one more")
    with pytest.raises(ValidationError, match="too long"):
        account_services.mute_words_add(user=UserFactory(), text="x" * 500)
    assert MuteWord.objects.filter(user=member).count() == MAX_MUTE_WORDS


def test_thousands_of_mute_words_posted_at_once_are_refused(member_client, member):
    words = "\n".join(f"w{n}" for n in range(3000))
    response = member_client.post(
        "/settings/blocks-and-mutes/words/", {"words": words}, follow=True
    )
    assert "You can mute up to" in response.content.decode()
    assert not MuteWord.objects.filter(user=member).exists()


# --- settings pages and flags ------------------------------------------------------------------


def test_block_and_mute_lists_are_managed_in_settings(member_client, member, pest, forum):
    member_client.post("/settings/blocks-and-mutes/block/", {"block-handle": "LOUD_PEST"})
    member_client.post("/settings/blocks-and-mutes/mute/", {"forum": forum.pk})
    member_client.post("/settings/blocks-and-mutes/words/", {"words": "clinic"})

    page = member_client.get("/settings/blocks-and-mutes/").content.decode()
    assert "loud_pest" in page and escape(forum.name) in page and "clinic" in page
    assert _fresh(member).has_member_filters

    member_client.post(f"/settings/blocks-and-mutes/unblock/{pest.pk}/")
    member_client.post(f"/settings/blocks-and-mutes/unmute/forum/{forum.pk}/")
    word = MuteWord.objects.get(user=member)
    member_client.post(f"/settings/blocks-and-mutes/words/{word.pk}/delete/")
    assert not _fresh(member).has_member_filters


def test_blocking_a_moderator_from_settings_shows_the_explanation(member_client, moderator):
    response = member_client.post(
        "/settings/blocks-and-mutes/block/", {"block-handle": moderator.handle}, follow=True
    )
    assert "moderators cannot be blocked" in response.content.decode()


def test_members_without_filters_spend_no_query_on_them(member):
    with CaptureQueriesContext(connection) as queries:
        filters = member_filters_for(member)
    assert filters.is_empty and len(queries) == 0


def test_filters_cost_one_query_per_request(member, pest, forum):
    account_services.block_create(user=member, member=pest)
    account_services.mute_forum(user=member, forum=forum)
    account_services.mute_words_add(user=member, text="a, b")
    user = _fresh(member)
    with CaptureQueriesContext(connection) as queries:
        member_filters_for(user)
        filters = member_filters_for(user)
    assert len(queries) == 1
    assert filters.blocked_ids == {pest.pk}
    assert filters.muted_forum_ids == {forum.pk}
    assert filters.mute_words == ("a", "b")


def test_thread_page_with_filters_costs_at_most_one_more_query(client, member, pest, thread):
    for _ in range(3):
        PostFactory(thread=thread, author=pest)
    client.force_login(member)
    url = thread.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    account_services.block_create(user=member, member=pest)
    account_services.mute_words_add(user=member, text="hello")
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) <= len(before) + 1
