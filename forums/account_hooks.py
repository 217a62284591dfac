"""The forums' answers to accounts' hooks (`accounts/hooks.py`), registered in `ready()`."""

from accounts import hooks
from forums.exporting import member_content_for_export
from forums.models import Thread, ThreadSubscription
from forums.selectors import (
    forum_list_readable_by,
    post_list_readable_by,
    thread_titles_decorate,
)
from forums.services import (
    member_forum_content_erase,
    notification_send_account_notice,
    thread_mute,
)

# Where the forums come in the export and the erasure (see `register`).
EXPORT_ORDER = 10
ERASURE_ORDER = 20


def muted_threads_for(user):
    return (
        ThreadSubscription.objects.filter(user=user, is_muted=True)
        .select_related("thread")
        .order_by("-created_at")
    )


def thread_unmute(*, user, thread_id: int) -> None:
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is not None:
        thread_mute(user=user, thread=thread, is_muted=False)


def profile_posts_for(*, viewer, member, limit: int) -> list:
    """The member's latest posts this viewer may read, each thread's title as the viewer may see
    it (a crisis thread awaiting review has a neutral title for visitors)."""
    posts = list(
        post_list_readable_by(viewer)
        .filter(author=member)
        .select_related("thread")
        .only(
            "pk", "created_at", "thread__title", "thread__slug", "thread__is_crisis_review_pending"
        )
        .order_by("-created_at")[:limit]
    )
    thread_titles_decorate(viewer, [post.thread for post in posts])
    return posts


def register() -> None:
    hooks.export_sections.register(
        member_content_for_export, app_label="forums", order=EXPORT_ORDER
    )
    # After moderation's step: the case excerpts it erases are found through the posts' author.
    hooks.erasure_steps.register(
        member_forum_content_erase, app_label="forums", order=ERASURE_ORDER
    )
    hooks.member_notice_send.register(notification_send_account_notice)
    hooks.forums_readable_by.register(forum_list_readable_by)
    hooks.muted_threads_for.register(muted_threads_for)
    hooks.thread_unmute.register(thread_unmute)
    hooks.profile_posts_for.register(profile_posts_for)
