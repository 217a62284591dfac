"""Write-side services: counters, positions, held posts, revisions, moderation actions."""

import pytest

from core.errors import PostingRefused
from forums import services
from forums.enums import ForumVisibility, PostStatus, ThreadStarters, ThreadStatus
from forums.models import Forum, Post, PostRevision, Reaction, ReadState, Thread
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory


def _fresh(obj):
    obj.refresh_from_db()
    return obj


def test_thread_create_counts_thread_and_opening_post(forum, author):
    thread = services.thread_create(author=author, forum=forum, title="Hello", body="First")
    forum = _fresh(forum)
    assert (forum.thread_count, forum.post_count) == (1, 1)
    assert forum.last_post_id == thread.last_post_id
    assert (thread.reply_count, thread.last_position, thread.last_post_position) == (0, 1, 1)
    assert thread.slug == "hello"
    assert thread.subscriptions.get(user=author).is_muted is False


def test_post_create_assigns_next_position_and_moves_counters(thread, member):
    first = services.post_create(author=member, thread=thread, body="one")
    second = services.post_create(author=member, thread=thread, body="two")
    assert (first.position, second.position) == (2, 3)
    thread = _fresh(thread)
    assert (thread.reply_count, thread.last_position, thread.last_post_id) == (2, 3, second.pk)
    assert _fresh(thread.forum).post_count == 3


def test_replying_watches_the_thread_by_default(thread, member):
    services.post_create(author=member, thread=thread, body="hi")
    assert thread.subscriptions.filter(user=member, is_muted=False).exists()


def test_replying_keeps_a_mute_in_place(thread, member):
    services.thread_mute(user=member, thread=thread)
    services.post_create(author=member, thread=thread, body="hi")
    assert thread.subscriptions.get(user=member).is_muted is True


def test_locked_thread_refuses_replies(thread, member, moderator):
    assert services.thread_lock(thread=thread, acting_user=moderator) is True
    with pytest.raises(PostingRefused):
        services.post_create(author=member, thread=thread, body="hi")
    assert services.thread_lock(thread=thread, acting_user=moderator) is False


def test_forum_policy_limits_who_starts_threads(member, global_moderator):
    moderator = global_moderator
    trusted_only = ForumFactory(thread_starters=ThreadStarters.TRUSTED)
    with pytest.raises(PostingRefused):
        services.thread_create(author=member, forum=trusted_only, title="t", body="b")
    member.trust_level = "trusted"
    assert services.thread_create(author=member, forum=trusted_only, title="t", body="b")
    mods_only = ForumFactory(thread_starters=ThreadStarters.MODERATORS)
    with pytest.raises(PostingRefused):
        services.thread_create(author=member, forum=mods_only, title="t", body="b")
    assert services.thread_create(author=moderator, forum=mods_only, title="t", body="b")


def test_private_forum_refuses_members_without_access(private_forum, member, moderator):
    with pytest.raises(PostingRefused):
        services.thread_create(author=member, forum=private_forum, title="t", body="b")
    services.forum_access_grant(forum=private_forum, user=member, acting_user=moderator)
    assert services.thread_create(author=member, forum=private_forum, title="t", body="b")


def test_content_warning_required_forum_refuses_posts_without_one(author):
    forum = ForumFactory(is_content_warning_required=True)
    with pytest.raises(PostingRefused):
        services.thread_create(author=author, forum=forum, title="t", body="b")
    thread = services.thread_create(
        author=author, forum=forum, title="t", body="b", content_warning="food, weight"
    )
    assert thread.posts.get().content_warning == "food, weight"


def test_new_members_posts_are_held_where_the_forum_says_so(author):
    forum = ForumFactory(is_new_member_post_held=True)
    newcomer = UserFactory(trust_level="new")
    thread = services.thread_create(author=newcomer, forum=forum, title="Hi", body="I'm new")
    assert thread.status == ThreadStatus.HELD
    assert thread.posts.get().status == PostStatus.HELD
    assert _fresh(forum).thread_count == 0
    published = services.thread_create(author=author, forum=forum, title="t", body="b")
    reply = services.post_create(author=newcomer, thread=published, body="held reply")
    assert reply.status == PostStatus.HELD
    assert _fresh(published).reply_count == 0
    assert _fresh(forum).post_count == 1


def test_releasing_a_held_opening_post_publishes_and_counts_the_thread(moderator):
    forum = ForumFactory(is_new_member_post_held=True)
    newcomer = UserFactory(trust_level="new")
    thread = services.thread_create(author=newcomer, forum=forum, title="Hi", body="new here")
    opening = thread.posts.get()
    assert services.post_release(post=opening, acting_user=moderator) is True
    thread, forum = _fresh(thread), _fresh(forum)
    assert thread.status == ThreadStatus.PUBLISHED
    assert (forum.thread_count, forum.post_count, forum.last_post_id) == (1, 1, opening.pk)
    assert services.post_release(post=opening, acting_user=moderator) is False


def test_hiding_a_reply_uncounts_it_and_moves_the_last_post_pointer(thread, member, moderator):
    first = PostFactory(thread=thread)
    last = PostFactory(thread=thread)
    assert services.post_hide(post=last, acting_user=moderator) is True
    thread = _fresh(thread)
    assert (thread.reply_count, thread.last_post_id) == (1, first.pk)
    assert _fresh(thread.forum).post_count == 2
    assert _fresh(last).status_changed_by == moderator


def test_hiding_the_opening_post_holds_the_whole_thread(thread, moderator):
    PostFactory(thread=thread)
    services.post_hide(post=thread.posts.get(position=1), acting_user=moderator)
    forum = _fresh(thread.forum)
    assert _fresh(thread).status == ThreadStatus.HELD
    assert (forum.thread_count, forum.post_count, forum.last_post_id) == (0, 0, None)


def test_post_remove_by_moderator_uncounts_once(thread, moderator):
    reply = PostFactory(thread=thread)
    assert services.post_remove(post=reply, acting_user=moderator) is True
    assert services.post_remove(post=reply, acting_user=moderator) is False
    assert _fresh(reply).status == PostStatus.REMOVED_BY_MODERATOR
    assert _fresh(thread).reply_count == 0


def test_thread_pin_and_move_keep_forum_counters_right(thread, moderator):
    PostFactory(thread=thread)
    other = ForumFactory()
    assert services.thread_pin(thread=thread, acting_user=moderator) is True
    assert services.thread_move(thread=thread, forum=other, acting_user=moderator) is True
    old, new = Forum.objects.get(slug="anxiety"), _fresh(other)
    assert (old.thread_count, old.post_count, old.last_post_id) == (0, 0, None)
    assert (new.thread_count, new.post_count) == (1, 2)
    assert _fresh(thread).is_pinned is True
    assert services.thread_move(thread=thread, forum=other, acting_user=moderator) is False


def test_post_edit_keeps_the_previous_version(thread, author):
    opening = thread.posts.get()
    edited = services.post_edit(
        post=opening, editor=author, body="Better words", content_warning=""
    )
    assert edited.revision == 2 and edited.edited_at is not None
    assert "Better words" in edited.body_html
    revision = PostRevision.objects.get(post=opening)
    assert (revision.revision, revision.body) == (1, "Hello, everyone.")


def test_only_the_author_may_edit(thread, member):
    with pytest.raises(PostingRefused):
        services.post_edit(post=thread.posts.get(), editor=member, body="mine now")


def test_author_deletion_is_soft_and_uncounts(thread, member):
    reply = services.post_create(author=member, thread=thread, body="oops")
    assert services.post_delete_by_author(post=reply, author=member) is True
    reply = _fresh(reply)
    assert reply.status == PostStatus.REMOVED_BY_AUTHOR and reply.body == "oops"
    assert _fresh(thread).reply_count == 0
    assert services.post_delete_by_author(post=reply, author=member) is False


def test_reaction_toggle_is_one_of_each_kind_per_member(thread, member):
    post = thread.posts.get()
    assert services.reaction_toggle(user=member, post=post, kind="support") is True
    assert services.reaction_toggle(user=member, post=post, kind="me_too") is True
    assert Reaction.objects.filter(post=post).count() == 2
    assert services.reaction_toggle(user=member, post=post, kind="support") is False
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["me_too"]


def test_read_state_never_moves_backwards(thread, member):
    services.read_state_mark(user=member, thread=thread, position=5)
    services.read_state_mark(user=member, thread=thread, position=2)
    assert ReadState.objects.get(user=member, thread=thread).last_read_position == 5
    services.read_state_mark(user=member, thread=thread, position=9)
    assert ReadState.objects.get(user=member, thread=thread).last_read_position == 9


def test_bookmark_toggle(thread, member):
    post = thread.posts.get()
    assert services.bookmark_toggle(user=member, post=post) is True
    assert services.bookmark_toggle(user=member, post=post) is False


def test_watch_mute_and_follow_toggle(thread, member):
    services.thread_watch(user=member, thread=thread)
    services.thread_mute(user=member, thread=thread)
    assert thread.subscriptions.get(user=member).is_muted
    services.thread_mute(user=member, thread=thread, is_muted=False)
    assert not thread.subscriptions.filter(user=member).exists()
    services.forum_follow(user=member, forum=thread.forum)
    services.forum_follow(user=member, forum=thread.forum)
    assert thread.forum.follows.count() == 1
    services.forum_follow(user=member, forum=thread.forum, is_following=False)
    assert thread.forum.follows.count() == 0


def test_rerender_updates_posts_whose_html_changed(thread):
    Post.objects.update(body_html="<p>stale</p>")
    assert services.posts_rerender(batch_size=1) == 1
    assert "Hello, everyone." in thread.posts.get().body_html
    assert services.posts_rerender() == 0


def test_thread_slug_falls_back_for_titles_without_latin_letters(forum, author):
    thread = ThreadFactory(forum=forum, author=author, title="？？？")
    assert thread.slug == "thread"
    assert Thread.objects.get(pk=thread.pk).get_absolute_url() == f"/t/{thread.pk}/thread/"


def test_private_visibility_is_stored(private_forum):
    assert private_forum.visibility == ForumVisibility.PRIVATE
