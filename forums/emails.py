"""Immediate notification emails: replies, mentions and moderator messages, for the members who
turned them on, grouped (one email lists everything that arrived within a few minutes), held
back during quiet hours, and read through the visibility layer at send time."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import DigestContent, EmailKind, UnsubscribeScope
from accounts.models import EmailDelivery, EmailPreferences
from accounts.selectors import email_preferences_for_sending
from accounts.services import email_preferences_ensure
from forums import selectors
from forums.digests.building import excerpt_of
from forums.digests.schedule import is_quiet, member_zone, quiet_hours_end
from forums.digests.sending import quiet_hours_of
from forums.enums import NotificationKind
from forums.mailing import (
    Composed,
    Outcome,
    TransientEmailError,
    absolute_url,
    delivery_pending,
    delivery_send,
    delivery_start,
    footer_context,
    message_build,
    render_email,
)

# How long to wait for more notifications before sending one email about all of them.
GROUPING_DELAY = timedelta(minutes=3)
# Notifications older than this are not emailed (e.g. when a member turns emails on).
RECENT = timedelta(days=2)
MAX_ITEMS = 30
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


def _enqueue_later(user_id: int) -> None:
    from config.celery import enqueue_on_commit
    from forums.tasks import send_notification_email

    # A broker outage must not fail the post; the beat picks the member up later.
    enqueue_on_commit(send_notification_email, user_id, countdown=GROUPING_DELAY.total_seconds())


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
    for user_id in sorted(set(candidates)):
        # The conditional update is the lock: of two concurrent fan-outs, one schedules.
        if EmailPreferences.objects.filter(
            user_id=user_id, notification_email_due_at__isnull=True
        ).update(notification_email_due_at=now + GROUPING_DELAY):
            _enqueue_later(user_id)
            scheduled.append(user_id)
    return scheduled


def notification_emails_enqueue_due(*, now: datetime | None = None) -> int:
    """Enqueue sends whose delayed task should have run by now (quiet hours ended, or the task
    was lost); each is leased for LEASE so the next beat run does not enqueue it again."""
    from config.celery import enqueue_on_commit
    from forums.tasks import send_notification_email

    now = now or timezone.now()
    overdue = EmailPreferences.objects.filter(
        notification_email_due_at__lte=now - timedelta(minutes=1), is_email_paused=False
    )
    ids = list(overdue.order_by("user_id").values_list("user_id", flat=True)[:5000])
    EmailPreferences.objects.filter(user_id__in=ids).update(notification_email_due_at=now + LEASE)
    for user_id in ids:
        enqueue_on_commit(send_notification_email, user_id)
    return len(ids)


def _already_emailed_ids(user_id: int, now: datetime) -> set[int]:
    rows = EmailDelivery.objects.filter(
        user_id=user_id, kind=EmailKind.NOTIFICATIONS, created_at__gte=now - RECENT * 2
    ).values_list("notification_ids", flat=True)
    return {pk for ids in rows for pk in ids}


def notification_email_send(
    *, user_id: int, now: datetime | None = None, is_last_attempt: bool = False
) -> str:
    """Send one email listing the member's unsent notifications (of the kinds they enabled and
    may still read), at most once each; wait if it is quiet hours. Returns the outcome.

    Raises TransientEmailError when the mail server failed and the delivery waits for a retry.
    """
    now = now or timezone.now()
    prefs = email_preferences_for_sending(user_id=user_id, kind=EmailKind.NOTIFICATIONS)
    if prefs is None or not prefs.user.is_active or prefs.is_email_paused:
        if prefs is not None:
            _set_due(prefs, None)
        return Outcome.SKIPPED
    tz = member_zone(prefs.user.timezone)
    quiet = quiet_hours_of(prefs)
    if is_quiet(quiet, tz, now):
        _set_due(prefs, quiet_hours_end(quiet, tz, now))
        return Outcome.DEFERRED
    kinds = enabled_kinds(prefs)
    delivery = None
    if prefs.has_unfinished_delivery:
        delivery = delivery_pending(user_id=user_id, kind=EmailKind.NOTIFICATIONS, now=now)
    if delivery is not None:
        notifications = list(
            selectors.notification_list_for_email(
                prefs.user, ids=delivery.notification_ids, kinds=kinds
            )
        )
    else:
        if prefs.notification_email_due_at is None:
            return Outcome.NOT_DUE
        notifications = list(
            selectors.notification_list_for_email(
                prefs.user, since=now - RECENT, kinds=kinds
            ).exclude(pk__in=_already_emailed_ids(user_id, now))[:MAX_ITEMS]
        )
        if not notifications:
            _set_due(prefs, None)
            return Outcome.EMPTY
        ids = [notification.pk for notification in notifications]
        delivery = delivery_start(
            user_id=user_id,
            kind=EmailKind.NOTIFICATIONS,
            period_key=f"n{ids[0]}-{ids[-1]}",
            now=now,
            item_count=len(ids),
            notification_ids=ids,
        )
        if delivery is None:
            return Outcome.DUPLICATE
    # Whatever arrives from now on starts a new group.
    _set_due(prefs, None)
    to = prefs.verified_email
    if to is None or not notifications:
        delivery.delete()
        return Outcome.SKIPPED
    composed = notification_email_compose(prefs, notifications)
    message = message_build(to=to, user_id=user_id, composed=composed)
    try:
        return delivery_send(
            delivery=delivery,
            message=message,
            is_last_attempt=is_last_attempt,
            now=now,
            had_failures=prefs.failed_delivery_count > 0,
        )
    except TransientEmailError:
        _set_due(prefs, now + LEASE)
        raise


def _set_due(prefs: EmailPreferences, due_at) -> None:
    EmailPreferences.objects.filter(pk=prefs.pk).update(notification_email_due_at=due_at)
    prefs.notification_email_due_at = due_at


def _describe(notification) -> str:
    actor = notification.actor.handle if notification.actor else _("Someone")
    title = notification.thread.title if notification.thread else ""
    if notification.kind == NotificationKind.MODERATION_NOTICE:
        return _("A message from the moderators")
    if notification.kind == NotificationKind.MENTION:
        return _("%(actor)s mentioned you in “%(title)s”") % {"actor": actor, "title": title}
    if notification.kind == NotificationKind.QUOTE:
        return _("%(actor)s quoted you in “%(title)s”") % {"actor": actor, "title": title}
    if notification.kind == NotificationKind.MESSAGE:
        # Never the message itself: it is stored encrypted and emails leave the site.
        return _("%(actor)s sent you a private message") % {"actor": actor}
    return _("%(actor)s replied in “%(title)s”") % {"actor": actor, "title": title}


def _link(notification) -> str:
    if (
        notification.kind in (NotificationKind.MODERATION_NOTICE, NotificationKind.MESSAGE)
        and notification.link
    ):
        return absolute_url(notification.link)
    if notification.post_id:
        return absolute_url(reverse("forums:post", kwargs={"pk": notification.post_id}))
    return absolute_url(reverse("forums:notifications"))


def notification_email_compose(prefs: EmailPreferences, notifications) -> Composed:
    """Render the email listing `notifications`: titles only unless the member chose excerpts
    (then a short excerpt, or only the content warning, and the moderators' message)."""
    with_excerpts = prefs.digest_content == DigestContent.EXCERPTS
    texts = {}
    if with_excerpts:
        texts = selectors.digest_post_texts(
            user=prefs.user, post_ids=[n.post_id for n in notifications if n.post_id]
        )
    items = []
    for notification in notifications:
        item = {"summary": _describe(notification), "url": _link(notification)}
        if with_excerpts:
            if notification.kind == NotificationKind.MODERATION_NOTICE:
                item["excerpt"] = notification.text
            elif notification.post_id in texts:
                text = texts[notification.post_id]
                item["content_warning"] = text["content_warning"]
                if not text["content_warning"]:
                    item["excerpt"] = excerpt_of(text["body_html"])
        items.append(item)
    subject = notification_email_subject(prefs, items)
    text, html = render_email(
        "notifications",
        {
            "subject": subject,
            "items": items,
            "handle": prefs.user.handle,
            "notifications_url": absolute_url(reverse("forums:notifications")),
            **footer_context(user_id=prefs.user_id, scope=UnsubscribeScope.NOTIFICATIONS),
        },
    )
    return Composed(subject, text, html, UnsubscribeScope.NOTIFICATIONS)


def notification_email_subject(prefs: EmailPreferences, items: list[dict]) -> str:
    if prefs.is_subject_neutral:
        return _("Your %(site)s summary") % {"site": settings.SITE_NAME}
    if len(items) == 1:
        return items[0]["summary"]
    return ngettext(
        "%(count)s new notification on %(site)s",
        "%(count)s new notifications on %(site)s",
        len(items),
    ) % {"count": len(items), "site": settings.SITE_NAME}
