"""The read pages' queries, compiled once and run again with other ids and viewers, read what
the ORM would for each of them."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from accounts.roles import MODERATORS
from core.compiled_queries import CompiledQuery, int_marker
from forums import selectors, services
from forums.enums import PostStatus
from forums.models import Bookmark, Post, Thread
from forums.visibility import viewer_for
from moderation.models import ModeratorAssignment
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory


def _rows(posts):
    return [
        (post.pk, post.position, post.status, post.author_id, post.viewer_bookmarked)
        for post in posts
    ]


@pytest.fixture
def readers(db):
    return UserFactory(trust_level="member"), UserFactory(trust_level="member")


def test_a_post_page_shows_each_viewer_their_own_held_posts_and_bookmarks(forum, readers):
    first, second = readers
    thread = ThreadFactory(forum=forum)
    other_thread = ThreadFactory(forum=forum)
    held = PostFactory(thread=thread, author=first)
    Post.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    Bookmark.objects.create(user=second, post=thread.posts.get(position=1))
    PostFactory(thread=other_thread, author=second)

    pages = {}
    for viewer in (first, second, AnonymousUser()):
        for shown in (thread, other_thread):
            posts = selectors.post_page_for(viewer, shown, 1)
            expected = selectors._post_page_queryset(viewer_for(viewer), shown.pk, 1, 20)
            for post in expected:
                post.viewer_bookmarked = getattr(post, "viewer_bookmarked", False)
            assert _rows(posts) == _rows(expected)
            pages[viewer.pk, shown.pk] = _rows(posts)

    assert held.pk in [row[0] for row in pages[first.pk, thread.pk]]
    assert held.pk not in [row[0] for row in pages[second.pk, thread.pk]]
    assert held.pk not in [row[0] for row in pages[None, thread.pk]]
    assert [row[4] for row in pages[second.pk, thread.pk]] == [True]
    assert [row[4] for row in pages[first.pk, thread.pk]] == [False, False]


def test_reactions_count_for_everyone_and_mark_the_viewers_own(forum, readers):
    first, second = readers
    thread = ThreadFactory(forum=forum)
    reply = PostFactory(thread=thread, author=second)
    opening = thread.posts.get(position=1)
    services.reaction_toggle(user=first, post=reply, kind="support")
    post_ids = [opening.pk, reply.pk]

    for viewer, mine in ((first, True), (second, False), (AnonymousUser(), False)):
        summary = selectors.reaction_summary_for(user=viewer, post_ids=post_ids)
        support = next(r for r in summary[reply.pk] if r["kind"] == "support")
        assert (support["count"], support["mine"]) == (1, mine)
        assert all(r["count"] == 0 for r in summary[opening.pk])
    assert selectors.reaction_summary_for(user=first, post_ids=[]) == {}


def test_forum_pages_list_each_pages_threads_in_order(forum, readers):
    for _ in range(5):
        ThreadFactory(forum=forum)
    forum.refresh_from_db()
    for viewer in (readers[0], AnonymousUser()):
        listed = [
            thread.pk
            for start in (0, 2, 4)
            for thread in selectors.thread_page_for(viewer, forum, start=start, count=2)
        ]
        expected = list(
            Thread.objects.filter(forum=forum)
            .order_by("-is_pinned", "-last_post_at", "-id")
            .values_list("pk", flat=True)
        )
        assert listed == expected


def test_a_value_missing_from_the_compiled_sql_is_refused(db):
    queryset = Thread.objects.filter(pk=int_marker(1))
    with pytest.raises(ValueError, match="markers not found"):
        CompiledQuery(queryset, {"pk": int_marker(1), "user": int_marker(0)}, as_dicts=False)


def test_a_forum_moderator_never_gets_a_global_moderators_compiled_page(forum, readers):
    """Compiled queries are kept per viewer value: after a global moderator's thread page, a
    moderator of another forum asking for the same page still gets a member's answer."""
    first, _second = readers
    thread = ThreadFactory(forum=forum)
    held = services.post_create(author=first, thread=thread, body="Held for now")
    staff = []
    for scope in (None, ForumFactory(slug="elsewhere")):
        user = UserFactory(is_staff=True)
        user.groups.add(Group.objects.get(name=MODERATORS))
        ModeratorAssignment.objects.create(moderator=user, forum=scope)
        staff.append(user)
    global_moderator, elsewhere_moderator = staff
    services.post_hide(post=held, acting_user=global_moderator)

    assert held.pk in [post.pk for post in selectors.post_page_for(global_moderator, thread, 1)]
    assert held.pk not in [
        post.pk for post in selectors.post_page_for(elsewhere_moderator, thread, 1)
    ]
    ModeratorAssignment.objects.create(moderator=elsewhere_moderator, forum=forum)
    elsewhere_moderator = type(elsewhere_moderator).objects.get(pk=elsewhere_moderator.pk)
    assert held.pk in [post.pk for post in selectors.post_page_for(elsewhere_moderator, thread, 1)]
