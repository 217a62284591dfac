"""Posting flows: every refusal re-renders the composer with the member's text intact."""

import pytest

from forums import ratelimits, services
from forums.enums import ThreadStarters
from forums.models import Post, Reaction, Thread
from tests.factories import ForumFactory, PostFactory, UserFactory

DRAFT = "Something I have been carrying for a while and want to say carefully."


def test_start_a_thread(member_client, forum):
    page = member_client.get("/f/anxiety/new/").content.decode()
    assert "Be gentle with each other." in page
    response = member_client.post(
        "/f/anxiety/new/", {"title": "Hello from me", "body": DRAFT, "content_warning": ""}
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert thread.posts.get().body == DRAFT


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": DRAFT}, "Please give your thread a title."),
        ({"title": "   ", "body": DRAFT}, "Please give your thread a title."),
        ({"title": "x" * 201, "body": DRAFT}, "at most 200 characters"),
        ({"title": "A title", "body": ""}, "Please write something before posting."),
        ({"title": "A title", "body": "   \n  "}, "Please write something before posting."),
        ({"title": "A title", "body": "x" * 20_001}, "at most 20000 characters"),
    ],
)
def test_bad_thread_input_re_renders_with_the_text_kept(member_client, forum, data, message):
    response = member_client.post("/f/anxiety/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    for value in data.values():
        if value.strip() and len(value) < 1000:
            assert value in html
    assert Thread.objects.count() == 0


def test_thread_in_a_forum_you_may_not_start_threads_in_keeps_the_draft(member_client):
    ForumFactory(slug="news", thread_starters=ThreadStarters.MODERATORS)
    response = member_client.post("/f/news/new/", {"title": "My news", "body": DRAFT})
    assert response.status_code == 403
    assert DRAFT in response.content.decode()
    assert "Only some members can start threads" in response.content.decode()


def test_starting_a_thread_in_a_private_forum_without_access_is_404(member_client, private_forum):
    assert member_client.get("/f/carers/new/").status_code == 404


def test_content_warning_required_keeps_the_draft(member_client):
    ForumFactory(slug="ed-recovery", is_content_warning_required=True)
    response = member_client.post("/f/ed-recovery/new/", {"title": "Meals", "body": DRAFT})
    html = response.content.decode()
    assert "asks for a content warning" in html and DRAFT in html
    response = member_client.post(
        "/f/ed-recovery/new/", {"title": "Meals", "body": DRAFT, "content_warning": "food"}
    )
    assert response.status_code == 302


def test_preview_renders_without_posting(member_client, forum):
    response = member_client.post(
        "/f/anxiety/new/",
        {"title": "T", "body": "**bold** <script>x</script>", "preview": "1"},
    )
    html = response.content.decode()
    assert "<strong>bold</strong>" in html and "<script>x" not in html
    assert "Preview" in html
    assert Thread.objects.count() == 0


def test_reply_with_quote_prefills_a_blockquote_and_notifies(member_client, thread, member):
    opening = thread.posts.get()
    page = member_client.get(f"/t/{thread.pk}/reply/?quote={opening.pk}").content.decode()
    assert f"&gt; [sam-walks wrote](/p/{opening.pk}/):" in page
    response = member_client.post(f"/t/{thread.pk}/reply/", {"body": DRAFT})
    reply = Post.objects.get(position=2)
    assert response["Location"] == reply.get_absolute_url()
    assert reply.author == member


def test_quote_of_a_post_in_another_thread_is_ignored(member_client, thread, forum, author):
    other = services.thread_create(author=author, forum=forum, title="Other", body="elsewhere")
    page = member_client.get(f"/t/{thread.pk}/reply/?quote={other.last_post_id}")
    assert "elsewhere" not in page.content.decode()


def test_reply_to_a_locked_thread_keeps_the_draft(member_client, thread, moderator):
    services.thread_lock(thread=thread, acting_user=moderator)
    response = member_client.post(f"/t/{thread.pk}/reply/", {"body": DRAFT})
    assert response.status_code == 403
    html = response.content.decode()
    assert DRAFT in html and "locked" in html
    assert thread.posts.count() == 1


def test_reply_locked_between_loading_and_posting_keeps_the_draft(
    member_client, thread, monkeypatch
):
    from forums import permissions

    # The page said "open", but the service's row-locked check finds it locked.
    monkeypatch.setattr(permissions, "can_reply_to_thread", lambda user, thread: True)
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    response = member_client.post(f"/t/{thread.pk}/reply/", {"body": DRAFT})
    assert response.status_code == 200 and DRAFT in response.content.decode()
    assert "locked" in response.content.decode()


def test_rate_limited_replies_keep_the_draft(member_client, thread, monkeypatch):
    monkeypatch.setitem(ratelimits.RATES, "reply", ("1/h", "1/h"))
    assert member_client.post(f"/t/{thread.pk}/reply/", {"body": "first"}).status_code == 302
    response = member_client.post(f"/t/{thread.pk}/reply/", {"body": DRAFT})
    assert response.status_code == 429
    html = response.content.decode()
    assert DRAFT in html and "paused posting" in html
    assert thread.posts.count() == 2


def test_new_members_hit_the_thread_limit_sooner(client, forum):
    newcomer = UserFactory(trust_level="new")
    client.force_login(newcomer)
    strict, _relaxed = ratelimits.RATES["thread"]
    allowed = int(strict.split("/")[0])
    for n in range(allowed):
        assert client.post("/f/anxiety/new/", {"title": f"t{n}", "body": "b"}).status_code == 302
    response = client.post("/f/anxiety/new/", {"title": "One more", "body": DRAFT})
    assert response.status_code == 429 and DRAFT in response.content.decode()


def test_edit_own_post_and_not_others(member_client, member, thread):
    reply = services.post_create(author=member, thread=thread, body="first words")
    assert member_client.get(f"/p/{reply.pk}/edit/").status_code == 200
    response = member_client.post(f"/p/{reply.pk}/edit/", {"body": "better words"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "better words" and reply.revision == 2
    assert member_client.get(f"/p/{thread.posts.get(position=1).pk}/edit/").status_code == 403


def test_empty_edit_keeps_the_original(member_client, member, thread):
    reply = services.post_create(author=member, thread=thread, body="first words")
    response = member_client.post(f"/p/{reply.pk}/edit/", {"body": ""})
    assert response.status_code == 200
    reply.refresh_from_db()
    assert reply.body == "first words"


def test_delete_own_post_shows_removed_by_author(member_client, member, thread, client):
    reply = services.post_create(author=member, thread=thread, body="regret this")
    assert "Remove your post?" in member_client.get(f"/p/{reply.pk}/delete/").content.decode()
    member_client.post(f"/p/{reply.pk}/delete/")
    html = member_client.get(thread.get_absolute_url()).content.decode()
    assert "removed by its author" in html and "regret this" not in html


def test_others_cannot_delete_your_post(member_client, thread):
    assert member_client.post(f"/p/{thread.posts.get().pk}/delete/").status_code == 403


def test_react_toggles_and_shows_counts(member_client, thread):
    post = thread.posts.get()
    member_client.post(f"/p/{post.pk}/react/", {"kind": "support"})
    html = member_client.get(thread.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in html and "Sending support · 1" in html
    member_client.post(f"/p/{post.pk}/react/", {"kind": "support"})
    assert Reaction.objects.count() == 0


def test_unknown_reaction_kind_is_404_and_get_is_refused(member_client, thread):
    post = thread.posts.get()
    assert member_client.post(f"/p/{post.pk}/react/", {"kind": "downvote"}).status_code == 404
    assert member_client.get(f"/p/{post.pk}/react/").status_code == 405


def test_you_cannot_react_to_your_own_post(client, thread, author):
    client.force_login(author)
    response = client.post(f"/p/{thread.posts.get().pk}/react/", {"kind": "support"})
    assert response.status_code == 403


def test_reaction_rate_limit_is_a_message_not_an_error(member_client, thread, monkeypatch):
    monkeypatch.setitem(ratelimits.RATES, "reaction", ("1/m", "1/m"))
    post = thread.posts.get()
    member_client.post(f"/p/{post.pk}/react/", {"kind": "support"})
    response = member_client.post(f"/p/{post.pk}/react/", {"kind": "thanks"}, follow=True)
    assert "lot of reactions" in response.content.decode()
    assert Reaction.objects.count() == 1


def test_bookmark_and_list(member_client, thread):
    post = PostFactory(thread=thread, body="worth keeping")
    member_client.post(f"/p/{post.pk}/bookmark/")
    page = member_client.get("/bookmarks/").content.decode()
    assert thread.title in page
    member_client.post(f"/p/{post.pk}/bookmark/", {"next": "https://evil.example/"})
    assert thread.title not in member_client.get("/bookmarks/").content.decode()


def test_watch_mute_and_follow_forms(member_client, member, thread):
    member_client.post(f"/t/{thread.pk}/subscription/", {"action": "watch"})
    assert thread.subscriptions.get(user=member).is_muted is False
    member_client.post(f"/t/{thread.pk}/subscription/", {"action": "mute"})
    assert thread.subscriptions.get(user=member).is_muted is True
    assert member_client.post(f"/t/{thread.pk}/subscription/", {"action": "x"}).status_code == 404
    member_client.post("/f/anxiety/follow/", {"action": "follow"})
    assert thread.forum.follows.filter(user=member).exists()
    html = member_client.get("/f/anxiety/").content.decode()
    assert "Stop following" in html
