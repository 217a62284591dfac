"""Constant query budgets: the same count on page 1 and the last page, at any data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.selectors import peer_supporter_ids
from forums import services
from forums.markdown import render_markdown
from forums.models import Post, Thread
from tests.factories import ForumFactory, ThreadFactory, UserFactory

# Measured (after a first page has cached the rules banner's answer and "nothing unread"):
# thread page 3 / 6 / 7 queries (visitor / member / moderator; the member's include the
# session, the member and recording how far they read), forum page 2 / 4 / 5, index 1 / 3 / 4;
# members with unread notifications about posts add two (the unread ones, and whether those
# posts are still readable).
THREAD_PAGE_BUDGET = 9
FORUM_PAGE_BUDGET = 7
INDEX_BUDGET = 5


def _warm(client, *forums) -> None:
    """The index and the forums' pages first, as on a live site: values kept in the cache
    (the rules banner's answer, a forum's staffed hours) are then counted at their steady
    cost, none."""
    for url in ["/", *(forum.get_absolute_url() for forum in forums)]:
        assert client.get(url).status_code == 200
    peer_supporter_ids()  # the supporters' badge set, cached site-wide like the rules' answer


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _long_thread(forum, posts: int) -> Thread:
    """A thread of `posts` posts by different members, bulk-inserted with consistent counters."""
    thread = ThreadFactory(forum=forum)
    authors = [UserFactory() for _ in range(5)]
    html = render_markdown("Some **supportive** words.").html
    now = timezone.now()
    Post.objects.bulk_create(
        Post(thread=thread, author=authors[n % 5], position=n, body="x", body_html=html,
             created_at=now)
        for n in range(2, posts + 1)
    )  # fmt: skip
    Thread.objects.filter(pk=thread.pk).update(
        last_position=posts, reply_count=posts - 1, last_post_position=posts
    )
    thread.refresh_from_db()
    for post in Post.objects.filter(thread=thread, position__in=[1, posts - 1]):
        services.reaction_toggle(user=authors[0], post=post, kind="support")
    return thread


@pytest.fixture
def long_thread(forum):
    return _long_thread(forum, 95)


@pytest.mark.parametrize("logged_in", [False, True])
def test_thread_page_costs_the_same_on_the_first_and_last_page(
    client, member, moderator, long_thread, logged_in, django_assert_max_num_queries
):
    if logged_in:
        client.force_login(member)
    _warm(client, long_thread.forum)
    url = long_thread.get_absolute_url()
    first = _count(client, url)
    last = _count(client, f"{url}?page={long_thread.page_count}")
    assert first == last
    with django_assert_max_num_queries(THREAD_PAGE_BUDGET):
        client.get(f"{url}?page=3")


def test_thread_page_budget_holds_for_moderators(client, moderator, long_thread):
    client.force_login(moderator)
    _warm(client, long_thread.forum)
    url = long_thread.get_absolute_url()
    assert _count(client, url) == _count(client, f"{url}?page=5") <= THREAD_PAGE_BUDGET


def _bulk_threads(forum, count: int) -> None:
    author = UserFactory()
    now = timezone.now()
    Thread.objects.bulk_create(
        (
            Thread(forum=forum, author=author, title=f"Thread {n}", slug=f"thread-{n}",
                   created_at=now, last_post_at=now, last_position=1)
            for n in range(count)
        ),
        batch_size=2000,
    )  # fmt: skip
    forum.__class__.objects.filter(pk=forum.pk).update(thread_count=count)


@pytest.mark.parametrize("logged_in", [False, True])
def test_forum_page_costs_the_same_with_10_or_10000_threads(client, member, logged_in):
    small, large = ForumFactory(slug="small"), ForumFactory(slug="large")
    _bulk_threads(small, 10)
    _bulk_threads(large, 10_000)
    if logged_in:
        client.force_login(member)
    _warm(client, small, large)
    counts = {
        _count(client, "/f/small/"),
        _count(client, "/f/large/"),
        _count(client, "/f/large/?page=2"),
        _count(client, "/f/large/?page=334"),
    }
    assert len(counts) == 1
    assert counts.pop() <= FORUM_PAGE_BUDGET


@pytest.mark.parametrize("logged_in", [False, True])
def test_index_costs_the_same_with_3_or_30_forums(client, member, logged_in):
    for _ in range(3):
        ThreadFactory(forum=ForumFactory())
    if logged_in:
        client.force_login(member)
    _warm(client)
    few = _count(client, "/")
    for _ in range(27):
        ThreadFactory(forum=ForumFactory(visibility="members"))
    assert few == _count(client, "/") <= INDEX_BUDGET


def test_notifications_and_bookmarks_pages_have_small_budgets(member_client, member, thread):
    for _ in range(15):
        post = services.post_create(author=UserFactory(), thread=thread, body="hi @quiet_fern")
        services.notifications_fan_out(post_id=post.pk)
        services.bookmark_toggle(user=member, post=post)
    assert _count(member_client, "/notifications/") <= 8
    assert _count(member_client, "/bookmarks/") <= 8


def test_budgets_hold_for_a_member_with_unread_notifications(
    member_client, member, moderator, long_thread
):
    for _ in range(3):
        post = services.post_create(author=UserFactory(), thread=long_thread, body="hi @quiet_fern")
        services.notifications_fan_out(post_id=post.pk)
    _warm(member_client, long_thread.forum)
    url = long_thread.get_absolute_url()
    assert _count(member_client, url) == _count(member_client, f"{url}?page=2")
    assert _count(member_client, url) <= THREAD_PAGE_BUDGET
    assert _count(member_client, f"/f/{long_thread.forum.slug}/") <= FORUM_PAGE_BUDGET
    assert _count(member_client, "/") <= INDEX_BUDGET
