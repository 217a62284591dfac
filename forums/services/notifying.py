"""Notifications: fan-out after a post is published, moderation notices, marking read."""

import re
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.cache_keys import NOTIFICATION_BADGE_VERSION, cache_store_many
from accounts.models import User
from accounts.selectors import member_ids_silencing
from forums.enums import NotificationKind, PostStatus, ThreadStatus
from forums.markdown import mention_candidates
from forums.models import ForumFollow, Notification, Post, Thread, ThreadSubscription
from forums.selectors import member_ids_who_may_read, notification_badge_version

QUOTE_LINK_RE = re.compile(r"\]\(/p/(\d+)/\)")
MAX_QUOTES = 10
MAX_MENTIONS = 20
READ_NOTIFICATION_RETENTION = timedelta(days=90)


def notification_badge_reset(*, user_ids) -> None:
    """Call wherever unread notifications are created (`bulk_create` sends no signal): the
    members' badges get a new version, so their next page counts again; now and again after
    the commit, so a page whose count raced with the commit does not keep "nothing unread"."""
    user_ids = list(user_ids)
    if not user_ids:
        return

    def reset() -> None:
        version = notification_badge_version()
        cache_store_many(
            NOTIFICATION_BADGE_VERSION, [({"user_id": user_id}, version) for user_id in user_ids]
        )

    reset()
    transaction.on_commit(reset)


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
    # ignore_conflicts: the unique (recipient, post) constraint makes a re-run a no-op.
    before = Notification.objects.filter(post=post).count()
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    notification_badge_reset(user_ids=[n.recipient_id for n in notifications])
    _schedule_emails([(n.recipient_id, n.kind) for n in notifications])
    return Notification.objects.filter(post=post).count() - before


def _schedule_emails(recipient_kinds: list[tuple[int, str]]) -> None:
    # Members who turned on emails for these kinds get one grouped email a few minutes later;
    # a re-run schedules nothing new (each notification is emailed at most once).
    from forums.emails import notification_emails_schedule

    notification_emails_schedule(recipient_kinds=recipient_kinds)


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
    notice = Notification.objects.create(
        recipient=recipient,
        kind=NotificationKind.MODERATION_NOTICE,
        text=text,
        thread=thread,
        post=post,
        link=link if link.startswith("/") and not link.startswith("//") else "",
    )
    notification_badge_reset(user_ids=[recipient.pk])
    _schedule_emails([(recipient.pk, NotificationKind.MODERATION_NOTICE)])
    return notice


@transaction.atomic
def notification_send_account_notice(*, user: User, text: str, link: str) -> Notification:
    """Write an account notice to `user` (their data archive is ready...): no post, a
    site-relative link."""
    notice = Notification.objects.create(
        recipient=user, kind=NotificationKind.ACCOUNT, text=text, link=link
    )
    notification_badge_reset(user_ids=[user.pk])
    return notice


def notification_mark_read(*, user: User, notification_id: int) -> bool:
    """Mark one of `user`'s notifications read; return whether it was unread."""
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


def notification_mark_all_read(*, user: User) -> int:
    """Mark all of `user`'s notifications read; return how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_purge_read(*, now=None) -> int:
    """Delete notifications read more than 90 days ago; return how many."""
    cutoff = (now or timezone.now()) - READ_NOTIFICATION_RETENTION
    deleted, _ = Notification.objects.filter(read_at__lt=cutoff).delete()
    return deleted
