"""The visibility matrix: who sees a post, by forum visibility and post state (one layer)."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import MODERATORS
from forums import selectors, services
from forums.enums import ForumVisibility
from moderation.models import ModeratorAssignment
from tests.factories import ForumFactory, ThreadFactory, UserFactory

BODY = "A quiet note only some may read"
# A forum moderator moderates the post's forum; an elsewhere moderator, only another forum:
# on this forum they are a member like any other.
VIEWERS = [
    "visitor",
    "member",
    "member_with_access",
    "author",
    "moderator",
    "forum_moderator",
    "elsewhere_moderator",
]
MODERATING = {"moderator", "forum_moderator"}
STATES = ["visible", "held", "removed_by_moderator", "removed_by_author"]

# forum visibility → viewers who may read the forum at all (others get a 404 on the thread).
READERS = {
    ForumVisibility.PUBLIC: set(VIEWERS),
    ForumVisibility.MEMBERS: set(VIEWERS) - {"visitor"},
    ForumVisibility.PRIVATE: {"member_with_access", "author", *MODERATING},
}
# post state → what a reader of the forum sees of the post.
SEEN = {
    "visible": dict.fromkeys(VIEWERS, "body"),
    "held": {
        **dict.fromkeys(VIEWERS, "absent"),
        "author": "body",
        **dict.fromkeys(MODERATING, "body"),
    },
    "removed_by_moderator": {
        **dict.fromkeys(VIEWERS, "placeholder"),
        "author": "body",
        **dict.fromkeys(MODERATING, "body"),
    },
    "removed_by_author": dict.fromkeys(VIEWERS, "placeholder"),
}


def _staff(handle):
    user = UserFactory(handle=handle, is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def cast(db, global_moderator):
    return {
        "member": UserFactory(handle="plain_member", trust_level="member"),
        "member_with_access": UserFactory(handle="has_access", trust_level="member"),
        "author": UserFactory(handle="the_author", trust_level="member"),
        "moderator": global_moderator,
        "forum_moderator": _staff("forum_mod"),
        "elsewhere_moderator": _staff("elsewhere_mod"),
    }


def _build(visibility, state, cast):
    forum = ForumFactory(visibility=visibility)
    ModeratorAssignment.objects.create(moderator=cast["forum_moderator"], forum=forum)
    elsewhere = ForumFactory(visibility=ForumVisibility.PRIVATE)
    ModeratorAssignment.objects.create(moderator=cast["elsewhere_moderator"], forum=elsewhere)
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


def test_held_threads_are_listed_only_to_their_author_and_moderators(
    member, global_moderator, author
):
    forum = ForumFactory(is_new_member_post_held=True)
    newcomer = UserFactory(trust_level="new")
    held = services.thread_create(author=newcomer, forum=forum, title="New here", body="hi")
    elsewhere = _staff("elsewhere_mod")
    ModeratorAssignment.objects.create(moderator=elsewhere, forum=ForumFactory())
    assert list(selectors.thread_list_visible_to(newcomer, forum)) == [held]
    assert list(selectors.thread_list_visible_to(global_moderator, forum)) == [held]
    assert list(selectors.thread_list_visible_to(member, forum)) == []
    assert list(selectors.thread_list_visible_to(elsewhere, forum)) == []


def test_forum_list_readable_by_matches_the_rules(member, global_moderator, forum, members_forum):
    private = ForumFactory(visibility=ForumVisibility.PRIVATE)
    other_private = ForumFactory(visibility=ForumVisibility.PRIVATE)
    scoped = _staff("scoped_mod")
    ModeratorAssignment.objects.create(moderator=scoped, forum=private)
    from django.contrib.auth.models import AnonymousUser

    assert set(selectors.forum_list_readable_by(AnonymousUser())) == {forum}
    assert set(selectors.forum_list_readable_by(member)) == {forum, members_forum}
    everything = {forum, members_forum, private, other_private}
    assert set(selectors.forum_list_readable_by(global_moderator)) == everything
    assert set(selectors.forum_list_readable_by(scoped)) == {forum, members_forum, private}


def test_a_forum_moderator_gets_404_for_another_forums_private_thread_held_post_and_revisions(
    client, member
):
    """A moderator assigned to one forum reads private and held content there only: elsewhere
    the thread, the held post, its earlier versions and search answer as to any member."""
    theirs, other = ForumFactory(slug="ocd"), ForumFactory(visibility=ForumVisibility.PRIVATE)
    scoped = _staff("ocd_mod")
    ModeratorAssignment.objects.create(moderator=scoped, forum=theirs)
    services.forum_access_grant(forum=other, user=member, acting_user=scoped)
    private_thread = ThreadFactory(forum=other, author=member, title="Carers only")
    public = ThreadFactory(forum=ForumFactory(slug="sleep"), title="Open")
    held = services.post_create(author=member, thread=public, body="zebra held words")
    services.post_edit(post=held, editor=member, body="zebra held words, edited")
    services.post_hide(post=held, acting_user=scoped)  # a service, not a view: scope-free
    client.force_login(scoped)

    assert client.get(private_thread.get_absolute_url()).status_code == 404
    assert client.get(f"/t/{private_thread.pk}/").status_code == 404
    assert client.get(f"/p/{held.pk}/").status_code == 404
    assert client.get(f"/p/{held.pk}/revisions/").status_code == 404
    assert client.get(f"/p/{private_thread.posts.get().pk}/revisions/").status_code == 404
    assert "zebra" not in client.get(public.get_absolute_url()).content.decode()
    assert "Carers only" not in client.get("/").content.decode()
    for query in ("zebra", private_thread.posts.get().body.split()[0]):
        results = client.get("/search/", {"q": query}).content.decode()
        assert f"/p/{held.pk}/" not in results
        assert f"/p/{private_thread.posts.get().pk}/" not in results

    # In their own forum the same states are theirs to read.
    ModeratorAssignment.objects.create(moderator=scoped, forum=public.forum)
    assert client.get(f"/p/{held.pk}/revisions/").status_code == 200
    assert "zebra" in client.get(public.get_absolute_url()).content.decode()
    assert f"/p/{held.pk}/" in client.get("/search/", {"q": "zebra"}).content.decode()
