"""Reading pages: index, forum, thread pagination, redirects, unread markers, revisions."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from forums import services
from forums.enums import PostStatus
from forums.models import Bookmark
from tests.factories import ForumFactory, PostFactory, ThreadFactory


def _replies(thread, count, author=None):
    return [
        PostFactory(thread=thread, **({"author": author} if author else {})) for _ in range(count)
    ]


def test_index_lists_forums_with_counts_and_latest_thread(client, thread):
    html = client.get("/").content.decode()
    assert "Anxiety &amp; panic" in html
    assert "1 thread" in html and "1 post" in html
    assert "Breathing exercises that help" in html


def test_forum_page_lists_pinned_threads_first(client, forum, moderator):
    older = ThreadFactory(forum=forum, title="Older pinned thread")
    ThreadFactory(forum=forum, title="Newer thread")
    services.thread_pin(thread=older, acting_user=moderator)
    html = client.get(forum.get_absolute_url()).content.decode()
    assert html.index("Older pinned thread") < html.index("Newer thread")
    assert "Pinned" in html


def test_forum_page_shows_office_hours_and_relative_time(client, db):
    forum = ForumFactory(office_hours="Weekdays 9–5 (UK time)")
    ThreadFactory(forum=forum)
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "Weekdays 9–5 (UK time)" in html
    assert "<time datetime=" in html


def test_unknown_forum_is_404(client, db):
    assert client.get("/f/no-such-forum/").status_code == 404


def test_forum_page_beyond_the_end_is_404(client, thread):
    assert client.get(thread.forum.get_absolute_url() + "?page=2").status_code == 404
    assert client.get(thread.forum.get_absolute_url() + "?page=0").status_code == 404
    assert client.get(thread.forum.get_absolute_url() + "?page=abc").status_code == 404


def test_thread_pages_hold_twenty_posts(client, thread):
    _replies(thread, 25)
    first = client.get(thread.get_absolute_url()).content.decode()
    second = client.get(thread.get_absolute_url() + "?page=2").content.decode()
    assert first.count('class="post card') == 20
    assert second.count('class="post card') == 6
    assert 'aria-current="page"' in second


def test_thread_page_beyond_the_end_is_404(client, thread):
    assert client.get(thread.get_absolute_url() + "?page=2").status_code == 404


def test_wrong_slug_redirects_to_the_right_one_keeping_the_page(client, thread):
    _replies(thread, 20)
    response = client.get(f"/t/{thread.pk}/wrong-slug/?page=2")
    assert response.status_code == 301
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2"
    assert client.get(f"/t/{thread.pk}/").status_code == 301


def test_unknown_thread_and_post_ids_are_404(client, db):
    assert client.get("/t/999999/anything/").status_code == 404
    assert client.get("/p/999999/").status_code == 404
    assert client.get("/t/999999/").status_code == 404


def test_post_permalink_goes_to_its_page_and_anchor(client, thread):
    posts = _replies(thread, 21)
    response = client.get(posts[-1].get_absolute_url())
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{posts[-1].pk}"


def test_reading_marks_the_thread_read_and_forum_shows_unread(client, member, thread):
    client.force_login(member)
    forum_url = thread.forum.get_absolute_url()
    assert "jump to the first unread" in client.get(forum_url).content.decode()
    client.get(thread.get_absolute_url())
    assert "jump to the first unread" not in client.get(forum_url).content.decode()
    reply = PostFactory(thread=thread)
    assert "jump to the first unread" in client.get(forum_url).content.decode()
    response = client.get(f"/t/{thread.pk}/unread/")
    assert response["Location"] == f"{thread.get_absolute_url()}?page=1#post-{reply.pk}"
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Jump to first unread" in html


def test_jump_to_unread_lands_on_the_right_page(client, member, thread):
    _replies(thread, 19)
    client.force_login(member)
    client.get(thread.get_absolute_url())
    newer = _replies(thread, 3)
    response = client.get(f"/t/{thread.pk}/unread/")
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{newer[0].pk}"


def test_content_warning_collapses_the_post(client, forum, author):
    thread = ThreadFactory(forum=forum, author=author, content_warning="self-harm mention")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "<details" in html and "self-harm mention" in html
    assert "<details open" not in html


def test_edited_posts_show_a_marker_and_moderators_see_revisions(
    client, thread, author, global_moderator
):
    moderator = global_moderator
    post = thread.posts.get()
    services.post_edit(post=post, editor=author, body="Second thoughts")
    assert ">edited<" in client.get(thread.get_absolute_url()).content.decode()
    assert client.get(f"/p/{post.pk}/revisions/").status_code == 403
    client.force_login(moderator)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert f"/p/{post.pk}/revisions/" in html
    revisions = client.get(f"/p/{post.pk}/revisions/").content.decode()
    assert "Hello, everyone." in revisions and "Second thoughts" in revisions


def test_members_cannot_see_revisions(client, thread, member):
    client.force_login(member)
    assert client.get(f"/p/{thread.posts.get().pk}/revisions/").status_code == 403


def test_locked_thread_page_says_so_and_offers_no_reply(client, member, thread, moderator):
    services.thread_lock(thread=thread, acting_user=moderator)
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Locked" in html
    assert f"/t/{thread.pk}/reply/" not in html


@pytest.mark.parametrize("url", ["/notifications/", "/bookmarks/", "/f/anxiety/new/"])
def test_member_pages_ask_visitors_to_log_in(client, forum, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_header_shows_search_notifications_and_bookmarks(client, member):
    assert b'href="/search/"' in client.get("/").content
    client.force_login(member)
    html = client.get("/").content.decode()
    assert 'href="/notifications/"' in html and 'href="/bookmarks/"' in html


def test_post_footer_forms_carry_a_working_csrf_token_and_visitors_get_none(member, thread):
    post = _replies(thread, 1)[0]
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(thread.get_absolute_url())
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert "csrftoken" not in page.cookies

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).content.decode()
    bookmark_url = reverse("forums:post_bookmark", kwargs={"pk": post.pk})
    form = re.search(
        rf'<form method="post" action="{bookmark_url}">'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="(\w+)">'
        r'<button type="submit" class="btn btn-link p-0">Bookmark</button></form>',
        html,
    )
    assert form, "the bookmark form with its token"
    assert client.post(bookmark_url).status_code == 403
    client.post(bookmark_url, {"csrfmiddlewaretoken": form.group(1)})
    assert Bookmark.objects.filter(user=member, post=post).exists()
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Remove bookmark" in html
    react_url = reverse("forums:post_react", kwargs={"pk": post.pk})
    assert f'<form method="post" action="{react_url}" class="reactions' in html


def test_post_header_names_the_author_links_the_post_and_marks_held_posts(client, thread, author):
    post = _replies(thread, 1, author=author)[0]
    post.status = PostStatus.HELD
    post.save(update_fields=["status"])
    client.force_login(author)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert (
        f'<article class="post card mb-3 post-held" id="post-{post.pk}" '
        f'aria-labelledby="post-{post.pk}-by">'
    ) in html
    profile = reverse("accounts:profile", kwargs={"handle": "sam-walks"})
    assert f'id="post-{post.pk}-by"><a href="{profile}">sam-walks</a></h2>' in html
    permalink = reverse("forums:post", kwargs={"pk": post.pk})
    assert f'href="{permalink}"><time' in html and "(link to this post)" in html
    assert f"#{post.position}</span>" in html
