"""Immediate notification emails: replies, mentions and moderator messages, for the members who
turned them on, grouped (one email lists everything that arrived within a few minutes), held
back during quiet hours, and read through the visibility layer at send time."""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import DigestContent, EmailKind, UnsubscribeScope
from accounts.models import EmailDelivery, EmailPreferences
from accounts.selectors import email_preferences_for_sending
from forums import selectors
from forums.digests.building import excerpt_of
from forums.digests.schedule import is_quiet, member_zone, quiet_hours_end
from forums.digests.sending import quiet_hours_of
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
from notifications.emails import LEASE, enabled_kinds
from notifications.enums import NotificationKind
from notifications.hooks import NotificationText, notification_texts

# Notifications older than this are not emailed (e.g. when a member turns emails on).
RECENT = timedelta(days=2)
MAX_ITEMS = 30


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


def _actor(notification) -> str:
    return notification.actor.handle if notification.actor else _("Someone")


def _title(notification) -> str:
    return notification.thread.title if notification.thread else ""


def _post_link(notification) -> str:
    if notification.post_id:
        return reverse("forums:post", kwargs={"pk": notification.post_id})
    return ""


def _notice_link(notification) -> str:
    return notification.link or _post_link(notification)


# How the forums' notifications read in emails (registered with `notifications.hooks`).
NOTIFICATION_TEXTS = {
    NotificationKind.REPLY: NotificationText(
        summary=lambda n: (
            _("%(actor)s replied in “%(title)s”") % {"actor": _actor(n), "title": _title(n)}
        ),
        link=_post_link,
    ),
    NotificationKind.NEW_THREAD: NotificationText(
        summary=lambda n: (
            _("%(actor)s started “%(title)s” in a forum you follow")
            % {"actor": _actor(n), "title": _title(n)}
        ),
        link=_post_link,
    ),
    NotificationKind.MENTION: NotificationText(
        summary=lambda n: (
            _("%(actor)s mentioned you in “%(title)s”") % {"actor": _actor(n), "title": _title(n)}
        ),
        link=_post_link,
    ),
    NotificationKind.QUOTE: NotificationText(
        summary=lambda n: (
            _("%(actor)s quoted you in “%(title)s”") % {"actor": _actor(n), "title": _title(n)}
        ),
        link=_post_link,
    ),
    NotificationKind.MODERATION_NOTICE: NotificationText(
        summary=lambda n: _("A message from the moderators"), link=_notice_link
    ),
}


def _describe(notification) -> str:
    return notification_texts[notification.kind].summary(notification)


def _link(notification) -> str:
    path = notification_texts[notification.kind].link(notification)
    return absolute_url(path or reverse("forums:notifications"))


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
