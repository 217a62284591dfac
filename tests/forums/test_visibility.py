"""The visibility matrix: who sees a post, by forum visibility and post state (one layer)."""

import pytest

from forums import selectors, services
from forums.enums import ForumVisibility
from tests.factories import ForumFactory, ThreadFactory, UserFactory

BODY = "A quiet note only some may read"
VIEWERS = ["visitor", "member", "member_with_access", "author", "moderator"]
STATES = ["visible", "held", "removed_by_moderator", "removed_by_author"]

# forum visibility → viewers who may read the forum at all (others get a 404 on the thread).
READERS = {
    ForumVisibility.PUBLIC: set(VIEWERS),
    ForumVisibility.MEMBERS: set(VIEWERS) - {"visitor"},
    ForumVisibility.PRIVATE: {"member_with_access", "author", "moderator"},
}
# post state → what a reader of the forum sees of the post.
SEEN = {
    "visible": dict.fromkeys(VIEWERS, "body"),
    "held": {**dict.fromkeys(VIEWERS, "absent"), "author": "body", "moderator": "body"},
    "removed_by_moderator": {
        **dict.fromkeys(VIEWERS, "placeholder"),
        "author": "body",
        "moderator": "body",
    },
    "removed_by_author": dict.fromkeys(VIEWERS, "placeholder"),
}


@pytest.fixture
def cast(db, moderator):
    return {
        "member": UserFactory(handle="plain_member", trust_level="member"),
        "member_with_access": UserFactory(handle="has_access", trust_level="member"),
        "author": UserFactory(handle="the_author", trust_level="member"),
        "moderator": moderator,
    }


def _build(visibility, state, cast):
    forum = ForumFactory(visibility=visibility)
    for role in ("member_with_access", "author"):
        services.forum_access_grant(forum=forum, user=cast[role], acting_user=cast["moderator"])
    thread = ThreadFactory(forum=forum, author=cast["member_with_access"], title="Open thread")
    post = services.post_create(author=cast["author"], thread=thread, body=BODY)
    moderator = cast["moderator"]
    if state == "held":
        services.post_hide(post=post, acting_user=moderator)
    elif state == "removed_by_moderator":
        services.post_remove(post=post, acting_user=moderator)
    elif state == "removed_by_author":
        services.post_delete_by_author(post=post, author=cast["author"])
    return thread, post


def _expected(visibility, state, viewer):
    if viewer not in READERS[visibility]:
        return "404"
    return SEEN[state][viewer]


@pytest.mark.parametrize("visibility", list(ForumVisibility))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_visibility_matrix_on_the_thread_page(client, cast, visibility, state, viewer):
    thread, post = _build(visibility, state, cast)
    if viewer != "visitor":
        client.force_login(cast[viewer])
    response = client.get(thread.get_absolute_url())
    expected = _expected(visibility, state, viewer)
    if expected == "404":
        assert response.status_code == 404
        assert b"Open thread" not in response.content
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert (BODY in html) == (expected == "body")
    assert (f'id="post-{post.pk}"' in html) == (expected != "absent")
    if expected == "placeholder":
        assert "This post was removed" in html


@pytest.mark.parametrize("visibility", list(ForumVisibility))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_visibility_matrix_on_the_permalink_and_search(client, cast, visibility, state, viewer):
    _thread, post = _build(visibility, state, cast)
    if viewer != "visitor":
        client.force_login(cast[viewer])
    expected = _expected(visibility, state, viewer)
    permalink = client.get(post.get_absolute_url())
    assert permalink.status_code == (404 if expected in ("404", "absent") else 302)
    # Search shows only text the viewer may read, and never removed posts.
    searchable = expected == "body" and not state.startswith("removed")
    results = client.get("/search/", {"q": "quiet note"}).content.decode()
    assert (f'href="/p/{post.pk}/"' in results) == searchable


def test_visitors_see_members_only_forums_listed_but_not_their_threads(client, members_forum):
    ThreadFactory(forum=members_forum, title="Members talk")
    index = client.get("/").content.decode()
    assert "Members&#x27; corner" in index or "Members' corner" in index
    page = client.get(members_forum.get_absolute_url())
    assert page.status_code == 200
    assert "Members talk" not in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in page.content.decode()


def test_private_forums_are_not_listed_to_members_without_access(client, member, private_forum):
    client.force_login(member)
    assert "Carers" not in client.get("/").content.decode()
    assert client.get(private_forum.get_absolute_url()).status_code == 404


def test_private_forums_are_listed_to_members_with_access(client, member, private_forum, operator):
    services.forum_access_grant(forum=private_forum, user=member, acting_user=operator)
    client.force_login(member)
    assert "Carers" in client.get("/").content.decode()
    response = client.get(private_forum.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"


def test_public_forum_pages_are_indexable(client, forum):
    response = client.get(forum.get_absolute_url())
    assert "X-Robots-Tag" not in response
    assert b'content="noindex"' not in response.content


def test_held_threads_are_listed_only_to_their_author_and_moderators(member, moderator, author):
    forum = ForumFactory(is_new_member_post_held=True)
    newcomer = UserFactory(trust_level="new")
    held = services.thread_create(author=newcomer, forum=forum, title="New here", body="hi")
    assert list(selectors.thread_list_visible_to(newcomer, forum)) == [held]
    assert list(selectors.thread_list_visible_to(moderator, forum)) == [held]
    assert list(selectors.thread_list_visible_to(member, forum)) == []


def test_forum_list_readable_by_matches_the_rules(member, moderator, forum, members_forum):
    private = ForumFactory(visibility=ForumVisibility.PRIVATE)
    from django.contrib.auth.models import AnonymousUser

    assert set(selectors.forum_list_readable_by(AnonymousUser())) == {forum}
    assert set(selectors.forum_list_readable_by(member)) == {forum, members_forum}
    assert set(selectors.forum_list_readable_by(moderator)) == {forum, members_forum, private}
