"""State changes moderators make to forum content; moderation calls these with `acting_user`.

Each returns whether anything changed, so callers can skip writing an audit row for a no-op.
The moderation app adds its audit row around these in the same transaction.
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forums.enums import PostStatus, ThreadStatus
from forums.models import Forum, Post, Thread
from forums.services import counters


def _locked_post(post: Post) -> Post:
    return (
        Post.objects.select_for_update(of=("self",)).select_related("thread__forum").get(pk=post.pk)
    )


def _set_status(post: Post, status: str, acting_user: User | None) -> None:
    post.status = status
    post.status_changed_at = timezone.now()
    post.status_changed_by = acting_user
    post.save(update_fields=["status", "status_changed_at", "status_changed_by"])


def _set_thread_status(thread: Thread, status: str) -> None:
    Thread.objects.filter(pk=thread.pk).update(status=status)
    thread.status = status


@transaction.atomic
def post_hide(*, post: Post, acting_user: User | None) -> bool:
    """Hold a published post for review (its author and moderators still see it).

    Hiding the opening post holds the whole thread.
    """
    post = _locked_post(post)
    if post.status != PostStatus.PUBLISHED:
        return False
    thread = post.thread
    if post.position == 1 and thread.status == ThreadStatus.PUBLISHED:
        _set_thread_status(thread, ThreadStatus.HELD)
        counters.thread_published(thread=thread, sign=-1)
    _set_status(post, PostStatus.HELD, acting_user)
    counters.post_unpublished(post=post, thread=thread)
    return True


@transaction.atomic
def post_release(*, post: Post, acting_user: User | None) -> bool:
    """Publish a held post (releasing its thread too when it is the opening post).

    Enqueues the notifications that were withheld while it was held.
    """
    from forums.services.posting import _enqueue_fan_out  # noqa: PLC0415  (forums.services.posting imports this module)

    post = _locked_post(post)
    if post.status != PostStatus.HELD:
        return False
    thread = post.thread
    _set_status(post, PostStatus.PUBLISHED, acting_user)
    counters.post_published(post=post, thread=thread, is_new=False)
    if post.position == 1 and thread.status == ThreadStatus.HELD:
        _set_thread_status(thread, ThreadStatus.PUBLISHED)
        counters.thread_published(thread=thread, sign=1)
    _enqueue_fan_out(post)
    return True


@transaction.atomic
def post_remove(*, post: Post, acting_user: User | None, notice: str = "") -> bool:
    """Remove a post as a moderator: its author sees it with a notice, others a placeholder.

    `notice` (e.g. the rules cited) is kept as the post's moderation notice, which only those
    who may still read the post (its author, moderators) see.
    """
    post = _locked_post(post)
    if post.status in (PostStatus.REMOVED_BY_MODERATOR, PostStatus.REMOVED_BY_AUTHOR):
        return False
    was_published = post.status == PostStatus.PUBLISHED
    if notice:
        post.moderation_notice = notice
        post.save(update_fields=["moderation_notice"])
    _set_status(post, PostStatus.REMOVED_BY_MODERATOR, acting_user)
    if was_published:
        counters.post_unpublished(post=post, thread=post.thread)
    return True


@transaction.atomic
def thread_lock(*, thread: Thread, acting_user: User | None, is_locked: bool = True) -> bool:
    """Lock (or unlock) a thread against replies; return whether it changed."""
    changed = Thread.objects.filter(pk=thread.pk).exclude(is_locked=is_locked)
    if not changed.update(is_locked=is_locked):
        return False
    thread.is_locked = is_locked
    return True


@transaction.atomic
def thread_pin(*, thread: Thread, acting_user: User | None, is_pinned: bool = True) -> bool:
    """Pin (or unpin) a thread to the top of its forum; return whether it changed."""
    changed = Thread.objects.filter(pk=thread.pk).exclude(is_pinned=is_pinned)
    if not changed.update(is_pinned=is_pinned):
        return False
    thread.is_pinned = is_pinned
    return True


@transaction.atomic
def thread_move(*, thread: Thread, forum: Forum, acting_user: User | None) -> bool:
    """Move a thread to another forum, moving its counts with it; return whether it moved."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.forum_id == forum.pk:
        return False
    old_forum_id = thread.forum_id
    Thread.objects.filter(pk=thread.pk).update(forum=forum)
    thread.forum = forum
    if thread.status == ThreadStatus.PUBLISHED:
        counters.thread_published(thread=thread, sign=-1, forum_id=old_forum_id)
        counters.thread_published(thread=thread, sign=1)
    return True


@transaction.atomic
def thread_remove(*, thread: Thread, acting_user: User | None) -> bool:
    """Remove a whole thread (moderators still see it); return whether it changed."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.status == ThreadStatus.REMOVED:
        return False
    was_counted = thread.status == ThreadStatus.PUBLISHED
    _set_thread_status(thread, ThreadStatus.REMOVED)
    if was_counted:
        counters.thread_published(thread=thread, sign=-1)
    return True


@transaction.atomic
def post_edit_as_moderator(
    *, post: Post, acting_user: User | None, body: str, content_warning: str, moderator_note: str
) -> bool:
    """Change a post's text or content warning as a moderator, keeping the previous version.

    `moderator_note` (if any) is shown under the post; return whether anything changed.
    """
    from forums.services.posting import post_revise  # noqa: PLC0415  (forums.services.posting imports this module)

    post = _locked_post(post)
    if body == post.body and content_warning == post.content_warning and not moderator_note:
        return False
    post_revise(post=post, body=body, content_warning=content_warning)
    if moderator_note:
        post.moderator_note = moderator_note
        post.save(update_fields=["moderator_note"])
    return True


def post_set_crisis_review(*, post: Post, is_pending: bool) -> bool:
    """Mark a post whose crisis signal waits for a moderator (visitors see a placeholder), or
    reviewed; an opening post marks its thread alike (visitors see a neutral title). Returns
    whether anything changed."""
    changed = (
        Post.objects.filter(pk=post.pk)
        .exclude(is_crisis_review_pending=is_pending)
        .update(is_crisis_review_pending=is_pending)
    )
    post.is_crisis_review_pending = is_pending
    if post.position == 1:
        # The title is the opening post's headline: it waits with the post, and only then.
        Thread.objects.filter(pk=post.thread_id).exclude(
            is_crisis_review_pending=is_pending
        ).update(is_crisis_review_pending=is_pending)
    return bool(changed)
