"""Notifications about forum content: fan-out after a post is published, moderation notices.
They are written through `notifications.services`, which owns the table and the badges."""

import re

from django.db import transaction
from django.db.models import Q

from accounts.models import User
from accounts.selectors import member_ids_silencing
from forums.enums import PostStatus, ThreadStatus
from forums.markdown import mention_candidates
from forums.models import ForumFollow, Post, Thread, ThreadSubscription
from forums.selectors import member_ids_who_may_read
from notifications import services as notification_services
from notifications.enums import NotificationKind
from notifications.models import Notification

QUOTE_LINK_RE = re.compile(r"\]\(/p/(\d+)/\)")
MAX_QUOTES = 10
MAX_MENTIONS = 20


def _recipients_by_kind(post: Post) -> dict[int, str]:
    """Map recipient id → the most specific reason to notify them about `post`."""
    kinds: dict[int, str] = {}
    thread = post.thread
    if post.position == 1:
        for user_id in ForumFollow.objects.filter(forum_id=thread.forum_id).values_list(
            "user_id", flat=True
        ):
            kinds[user_id] = NotificationKind.NEW_THREAD
    else:
        watchers = ThreadSubscription.objects.filter(thread=thread, is_muted=False)
        for user_id in watchers.values_list("user_id", flat=True):
            kinds[user_id] = NotificationKind.REPLY
    handles = sorted(mention_candidates(post.body))[:MAX_MENTIONS]
    if handles:
        query = Q()
        for handle in handles:
            query |= Q(handle__iexact=handle)
        for user_id in User.objects.filter(query).values_list("pk", flat=True):
            kinds[user_id] = NotificationKind.MENTION
    quoted_ids = [int(pk) for pk in QUOTE_LINK_RE.findall(post.body)][:MAX_QUOTES]
    if quoted_ids:
        quoted = Post.objects.filter(pk__in=quoted_ids).values_list("author_id", flat=True)
        for user_id in quoted:
            if user_id:
                kinds[user_id] = NotificationKind.QUOTE
    muted = ThreadSubscription.objects.filter(thread=thread, is_muted=True).values_list(
        "user_id", flat=True
    )
    for user_id in [post.author_id, *muted]:
        kinds.pop(user_id, None)
    # Members who blocked or muted the author (or muted the forum, or are on a break) hear
    # nothing of this post: no reply, mention, quote or new-thread notification. The author is
    # not told, and may still write @handle or quote: refusing that would reveal the block.
    silencing = member_ids_silencing(
        author_id=post.author_id, forum_id=thread.forum_id, user_ids=kinds.keys()
    )
    for user_id in silencing:
        kinds.pop(user_id, None)
    return kinds


def notifications_fan_out(*, post_id: int) -> int:
    """Notify watchers, followers, mentioned and quoted members who may read the post.

    Idempotent (one notification per member per post); returns how many were created.
    """
    post = Post.objects.select_related("thread__forum").filter(pk=post_id).first()
    if post is None or post.status != PostStatus.PUBLISHED:
        return 0
    if post.thread.status != ThreadStatus.PUBLISHED:
        return 0
    kinds = _recipients_by_kind(post)
    readers = member_ids_who_may_read(post=post, user_ids=kinds.keys())
    notifications = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            actor_id=post.author_id,
            thread=post.thread,
            post=post,
            created_at=post.created_at,
        )
        for user_id, kind in kinds.items()
        if user_id in readers
    ]
    # ignore_conflicts: the unique (recipient, post) constraint makes a re-run a no-op. Members
    # who turned on emails for these kinds get one grouped email a few minutes later; a re-run
    # schedules nothing new (each notification is emailed at most once).
    before = Notification.objects.filter(post=post).count()
    notification_services.notifications_create(notifications=notifications, ignore_conflicts=True)
    return Notification.objects.filter(post=post).count() - before


@transaction.atomic
def notification_send_moderation_notice(
    *,
    recipient: User,
    text: str,
    acting_user: User | None,
    thread: Thread | None = None,
    post: Post | None = None,
    link: str = "",
) -> Notification:
    """Write a moderation notice to `recipient` (the acting moderator is not shown to them).

    `link` is a site-relative URL to open (for example the decision page).
    """
    return notification_services.notification_create(
        recipient=recipient,
        kind=NotificationKind.MODERATION_NOTICE,
        text=text,
        thread_id=thread.pk if thread else None,
        post_id=post.pk if post else None,
        link=link if link.startswith("/") and not link.startswith("//") else "",
    )


def notification_send_account_notice(*, user: User, text: str, link: str) -> Notification:
    """Write an account notice to `user` (their data archive is ready...): no post, a
    site-relative link."""
    return notification_services.notification_create(
        recipient=user, kind=NotificationKind.ACCOUNT, text=text, link=link
    )
