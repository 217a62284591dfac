"""A member's forum content for their data export: only what they wrote or were sent.

Never other members' text, emails or handles: replies and mentions say what happened and where.
"""

from accounts.models import User
from forums.enums import NotificationKind
from forums.models import (
    Bookmark,
    ForumFollow,
    Notification,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadSubscription,
)


def _rows(queryset, *fields) -> list[dict]:
    return [dict(row) for row in queryset.values(*fields)]


def member_content_for_export(user: User) -> dict:
    """`user`'s threads, posts (with earlier versions), reactions, bookmarks, watches, follows
    and notifications, for their data export (accounts' `export_sections` hook)."""
    revisions: dict[int, list] = {}
    for revision in PostRevision.objects.filter(post__author=user).order_by("post_id", "revision"):
        revisions.setdefault(revision.post_id, []).append(
            {
                "revision": revision.revision,
                "content_warning": revision.content_warning,
                "text": revision.body,
                "written_at": revision.created_at,
                "replaced_at": revision.replaced_at,
            }
        )
    posts = []
    for post in Post.objects.filter(author=user).order_by("created_at", "pk"):
        posts.append(
            {
                "id": post.pk,
                "thread_id": post.thread_id,
                "position": post.position,
                "status": post.status,
                "created_at": post.created_at,
                "edited_at": post.edited_at,
                "content_warning": post.content_warning,
                "text": post.body,
                "moderation_notice_to_you": post.moderation_notice,
                "earlier_versions": revisions.get(post.pk, []),
            }
        )
    # Notes to the member (moderation and account notices) are theirs; for replies and
    # mentions only what happened and where, not the other member's words or handle.
    own_text_kinds = (NotificationKind.MODERATION_NOTICE, NotificationKind.ACCOUNT)
    notifications = [
        {
            "kind": row["kind"],
            "created_at": row["created_at"],
            "read_at": row["read_at"],
            "thread_id": row["thread_id"],
            "post_id": row["post_id"],
            "text": row["text"] if row["kind"] in own_text_kinds else "",
        }
        for row in Notification.objects.filter(recipient=user)
        .order_by("created_at")
        .values("kind", "created_at", "read_at", "thread_id", "post_id", "text")
    ]
    return {
        "threads_started": _rows(
            Thread.objects.filter(author=user).order_by("created_at"),
            "id",
            "title",
            "forum__name",
            "status",
            "created_at",
        ),
        "posts": posts,
        "reactions": _rows(
            Reaction.objects.filter(user=user).order_by("created_at"),
            "post_id",
            "kind",
            "created_at",
        ),
        "bookmarks": _rows(
            Bookmark.objects.filter(user=user).order_by("created_at"), "post_id", "created_at"
        ),
        "threads_watched_or_muted": _rows(
            ThreadSubscription.objects.filter(user=user), "thread_id", "is_muted", "created_at"
        ),
        "forums_followed": _rows(
            ForumFollow.objects.filter(user=user), "forum__name", "created_at"
        ),
        "notifications": notifications,
    }
