"""Denormalised counters and last-post pointers, moved with F() inside the write transaction.

Definitions: Forum.thread_count counts published threads; Forum.post_count counts published
posts in published threads; Thread.reply_count counts published posts after the opening one.
"""

from django.db.models import F

from forums.enums import PostStatus, ThreadStatus
from forums.models import Forum, Post, Thread


def thread_started(*, thread: Thread, post: Post) -> None:
    """Count a new published thread and its opening post."""
    Thread.objects.filter(pk=thread.pk).update(last_post=post, last_post_position=post.position)
    Forum.objects.filter(pk=thread.forum_id).update(
        thread_count=F("thread_count") + 1,
        post_count=F("post_count") + 1,
        last_post=post,
        last_post_at=post.created_at,
    )


def post_published(*, post: Post, thread: Thread, is_new: bool = True) -> None:
    """Count a post that just became published (new, or released) and move the pointers."""
    thread_updates = {}
    if post.position > 1:
        thread_updates["reply_count"] = F("reply_count") + 1
    if is_new:
        thread_updates.update(
            last_post=post, last_post_position=post.position, last_post_at=post.created_at
        )
    if thread_updates:
        Thread.objects.filter(pk=thread.pk).update(**thread_updates)
    if not is_new:
        thread_last_post_refresh(thread=thread)
    if thread.status != ThreadStatus.PUBLISHED:
        return
    forum_updates = {"post_count": F("post_count") + 1}
    if is_new:
        forum_updates.update(last_post=post, last_post_at=post.created_at)
    Forum.objects.filter(pk=thread.forum_id).update(**forum_updates)
    if not is_new:
        forum_last_post_refresh(forum_id=thread.forum_id)


def post_unpublished(*, post: Post, thread: Thread) -> None:
    """Uncount a post that stopped being published (hidden or removed) and fix the pointers."""
    if post.position > 1:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") - 1)
    thread_last_post_refresh(thread=thread)
    if thread.status == ThreadStatus.PUBLISHED:
        Forum.objects.filter(pk=thread.forum_id).update(post_count=F("post_count") - 1)
        forum_last_post_refresh(forum_id=thread.forum_id)


def thread_published(*, thread: Thread, sign: int, forum_id: int | None = None) -> None:
    """Count (sign=1) or uncount (sign=-1) a thread and its published posts in a forum.

    Call it after the thread's new status or forum is saved, so the pointer refresh sees it.
    """
    forum_id = forum_id or thread.forum_id
    published = Post.objects.filter(thread=thread, status=PostStatus.PUBLISHED).count()
    Forum.objects.filter(pk=forum_id).update(
        thread_count=F("thread_count") + sign, post_count=F("post_count") + sign * published
    )
    forum_last_post_refresh(forum_id=forum_id)


def thread_last_post_refresh(*, thread: Thread) -> None:
    """Point the thread at its latest published post."""
    last = (
        Post.objects.filter(thread=thread, status=PostStatus.PUBLISHED)
        .order_by("-position")
        .only("pk", "position", "created_at")
        .first()
    )
    Thread.objects.filter(pk=thread.pk).update(
        last_post=last,
        last_post_position=last.position if last else 0,
        last_post_at=last.created_at if last else thread.created_at,
    )


def forum_last_post_refresh(*, forum_id: int) -> None:
    """Point the forum at the latest post of its published threads."""
    latest = (
        Thread.objects.filter(
            forum_id=forum_id, status=ThreadStatus.PUBLISHED, last_post__isnull=False
        )
        .order_by("-last_post_at")
        .values("last_post_id", "last_post_at")
        .first()
    ) or {"last_post_id": None, "last_post_at": None}
    Forum.objects.filter(pk=forum_id).update(**latest)
