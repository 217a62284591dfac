"""Every write on notifications: create them (resetting badges and scheduling emails), mark them
read, purge old ones. Other apps write notifications only through these functions."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.cache_keys import NOTIFICATION_BADGE_VERSION, cache_store_many
from accounts.models import User
from notifications.emails import notification_emails_schedule
from notifications.models import Notification
from notifications.selectors import notification_badge_version

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


def notifications_create(
    *, notifications: list[Notification], ignore_conflicts: bool = False
) -> None:
    """Save unread `notifications`, reset their recipients' badges and schedule the grouped
    emails of those who turned emails on for the kind.

    `ignore_conflicts` lets a re-run that hits the one-per-post constraint write nothing new;
    scheduling is idempotent too (each notification is emailed at most once).
    """
    Notification.objects.bulk_create(notifications, ignore_conflicts=ignore_conflicts)
    notification_badge_reset(user_ids=[n.recipient_id for n in notifications])
    notification_emails_schedule(recipient_kinds=[(n.recipient_id, n.kind) for n in notifications])


@transaction.atomic
def notification_create(
    *,
    recipient: User,
    kind: str,
    text: str = "",
    link: str = "",
    thread_id: int | None = None,
    post_id: int | None = None,
) -> Notification:
    """Write one notification to `recipient`, reset their badge and schedule their email."""
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, text=text, link=link, thread_id=thread_id, post_id=post_id
    )
    notification_badge_reset(user_ids=[recipient.pk])
    notification_emails_schedule(recipient_kinds=[(recipient.pk, kind)])
    return notification


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


def notifications_mark_read_by_link(*, user: User, kind: str, link: str, now=None) -> int:
    """Mark `user`'s unread notifications of `kind` opening `link` read; return how many."""
    return Notification.objects.filter(
        recipient=user, kind=kind, link=link, read_at__isnull=True
    ).update(read_at=now or timezone.now())


def notifications_purge_read(*, now=None) -> int:
    """Delete notifications read more than 90 days ago; return how many."""
    cutoff = (now or timezone.now()) - READ_NOTIFICATION_RETENTION
    deleted, _ = Notification.objects.filter(read_at__lt=cutoff).delete()
    return deleted


def member_notifications_erase(*, user: User) -> None:
    """Erase a leaving member from notifications: theirs are deleted, and where they were the
    actor the notification stays for its recipient but no longer names them."""
    Notification.objects.filter(actor=user).update(actor=None)
    Notification.objects.filter(recipient=user).delete()
