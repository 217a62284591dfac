"""Scheduling of the grouped notification emails: which kinds each member's preferences let
through, and when the send is due. Composing and sending belong to the app that owns the
mailing (it fills `notifications.hooks.email_send_enqueue`)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import EmailPreferences
from accounts.services import email_preferences_ensure
from notifications import hooks
from notifications.enums import NotificationKind

# How long to wait for more notifications before sending one email about all of them.
GROUPING_DELAY = timedelta(minutes=3)
# Members the beat has enqueued are not enqueued again for this long.
LEASE = timedelta(minutes=30)
# Which preference lets each kind of notification through by email. Quotes are replies to
# the member's own post; new threads in followed forums go to the digest instead.
KIND_PREFERENCE = {
    NotificationKind.REPLY: "is_reply_email_on",
    NotificationKind.QUOTE: "is_reply_email_on",
    NotificationKind.MENTION: "is_mention_email_on",
    NotificationKind.MODERATION_NOTICE: "is_moderation_email_on",
    NotificationKind.MESSAGE: "is_message_email_on",
}


def enabled_kinds(prefs: EmailPreferences) -> list[str]:
    return [kind for kind, field in KIND_PREFERENCE.items() if getattr(prefs, field)]


def notification_emails_schedule(
    *, recipient_kinds: Iterable[tuple[int, str]], now: datetime | None = None
) -> list[int]:
    """Schedule a grouped email for each recipient who turned on emails for that kind, unless
    one is already scheduled; enqueue its send after commit, GROUPING_DELAY from now.

    Returns the ids of the members newly scheduled.
    """
    now = now or timezone.now()
    kinds_by_user: dict[int, set[str]] = defaultdict(set)
    for user_id, kind in recipient_kinds:
        if kind in KIND_PREFERENCE:
            kinds_by_user[user_id].add(kind)
    if not kinds_by_user:
        return []
    noticed = [
        u for u, kinds in kinds_by_user.items() if NotificationKind.MODERATION_NOTICE in kinds
    ]
    if noticed:
        # Moderator messages are emailed by default, so a member without a row wants them.
        email_preferences_ensure(user_ids=noticed)
    wants = Q()
    for user_id, kinds in kinds_by_user.items():
        for kind in kinds:
            wants |= Q(user_id=user_id, **{KIND_PREFERENCE[kind]: True})
    candidates = EmailPreferences.objects.filter(
        wants, is_email_paused=False, user__is_active=True, notification_email_due_at__isnull=True
    ).values_list("user_id", flat=True)
    scheduled = []
    # Before any due time is set: none is set for a send nobody can enqueue.
    hooks.email_send_enqueue.ensure_filled()
    for user_id in sorted(set(candidates)):
        # The conditional update is the lock: of two concurrent fan-outs, one schedules.
        if EmailPreferences.objects.filter(
            user_id=user_id, notification_email_due_at__isnull=True
        ).update(notification_email_due_at=now + GROUPING_DELAY):
            # A broker outage must not fail the post; the beat picks the member up later.
            hooks.email_send_enqueue(user_id, GROUPING_DELAY.total_seconds())
            scheduled.append(user_id)
    return scheduled


def notification_emails_enqueue_due(*, now: datetime | None = None) -> int:
    """Enqueue sends whose delayed task should have run by now (quiet hours ended, or the task
    was lost); each is leased for LEASE so the next beat run does not enqueue it again."""
    now = now or timezone.now()
    overdue = EmailPreferences.objects.filter(
        notification_email_due_at__lte=now - timedelta(minutes=1), is_email_paused=False
    )
    ids = list(overdue.order_by("user_id").values_list("user_id", flat=True)[:5000])
    EmailPreferences.objects.filter(user_id__in=ids).update(notification_email_due_at=now + LEASE)
    hooks.email_send_enqueue.ensure_filled()
    for user_id in ids:
        hooks.email_send_enqueue(user_id, None)
    return len(ids)
