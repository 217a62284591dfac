"""A member's forum content for their data export: only what they wrote or were sent.

Never other members' text, emails or handles: replies and mentions say what happened and where.
"""

from accounts.models import User
from forums.models import (
    Bookmark,
    ForumFollow,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadSubscription,
)


def _rows(queryset, *fields) -> list[dict]:
    return [dict(row) for row in queryset.values(*fields)]


def member_content_for_export(user: User) -> dict:
    """`user`'s threads, posts (with earlier versions), reactions, bookmarks, watches and
    follows, for their data export (accounts' `export_sections` hook)."""
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
    }
