"""Crisis alerts: who is told at each level, and delivering each email or webhook once.

An alert (case, episode, level) and each of its deliveries (alert, channel, recipient) are
unique rows, so a retried task or a second beat run never sends twice. Emails and the webhook
are separate tasks: a webhook that fails or hangs never delays or prevents an email.
"""

import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import MODERATORS, OPERATORS
from core.tasks import enqueue_on_commit
from moderation.enums import ActionKind, AlertChannel, AlertLevel, EscalationLevel
from moderation.models import (
    Case,
    CrisisAlert,
    CrisisNotification,
    EscalationContact,
    SiteSettings,
)
from moderation.oncall import on_call_now
from moderation.permissions import can_moderate_forum
from moderation.services.audit import action_log
from moderation.services.cases import case_target_id

logger = logging.getLogger(__name__)

WEBHOOK_TIMEOUT_SECONDS = 5
# A notification never tried this long after it was created lost its task (the broker was down
# when it was enqueued, or the message went with a restarted Redis): the sweeper sends it again.
RESEND_AFTER = timedelta(seconds=settings.CRISIS_NOTIFICATION_RESEND_AFTER)
# One that was tried and failed is in its task's retry chain (at most about 40 minutes of
# backoff); past that, with attempts left, its chain was lost too.
RETRY_CHAIN_LASTS = timedelta(minutes=45)
MAX_ATTEMPTS = 9


def _staff(*, group: str, include_superusers: bool):
    query = Q(groups__name=group)
    if include_superusers:
        query |= Q(is_superuser=True)
    return (
        get_user_model()
        .objects.filter(query, is_active=True, is_staff=True)
        .distinct()
        .order_by("pk")
    )


def _moderators_for(case: Case) -> list:
    return [
        user
        for user in _staff(group=MODERATORS, include_superusers=False)
        if can_moderate_forum(user, case.forum_id)
    ]


def _contacts(level: EscalationLevel) -> list[str]:
    rows = EscalationContact.objects.filter(is_active=True, level=level).select_related("user")
    return [row.address for row in rows if row.address and (row.user is None or row.user.is_active)]


def alert_recipients(case: Case, level: AlertLevel) -> list[str]:
    """Email addresses to alert, deduplicated, never empty while any moderator exists."""
    if level == AlertLevel.ON_CALL:
        on_call = [user for user in on_call_now() if can_moderate_forum(user, case.forum_id)]
        # Nobody on call (a rota gap): every moderator rather than no one.
        addresses = [user.email for user in on_call or _moderators_for(case)]
    elif level == AlertLevel.ALL_MODERATORS:
        addresses = [user.email for user in _moderators_for(case)]
        addresses += _contacts(EscalationLevel.ALL_MODERATORS)
    else:
        addresses = [user.email for user in _staff(group=OPERATORS, include_superusers=True)]
        addresses += _contacts(EscalationLevel.OPERATORS)
    unique: dict[str, str] = {}
    for address in addresses:
        if address:
            unique.setdefault(address.strip().lower(), address.strip())
    return list(unique.values())


def crisis_alert_raise(*, case: Case, level: AlertLevel) -> CrisisAlert | None:
    """Raise one alert level for the case's current episode, once; enqueue its deliveries
    after commit. Returns None when this level was already raised."""
    from moderation import tasks  # noqa: PLC0415  (moderation.tasks imports this module)

    with transaction.atomic():
        try:
            with transaction.atomic():
                alert = CrisisAlert.objects.create(
                    case=case, episode=case.crisis_episode, level=level
                )
        except IntegrityError:
            return None  # Another beat run or worker raised it first.
        emails = alert_recipients(case, level)
        for address in emails:
            notification = CrisisNotification.objects.create(
                alert=alert, channel=AlertChannel.EMAIL, recipient=address
            )
            enqueue_on_commit(tasks.notify_crisis_email, notification.pk)
        webhook_url = SiteSettings.load().crisis_webhook_url
        if webhook_url:
            notification = CrisisNotification.objects.create(
                alert=alert, channel=AlertChannel.WEBHOOK, recipient=webhook_url
            )
            enqueue_on_commit(tasks.notify_crisis_webhook, notification.pk)
        if level == AlertLevel.OPERATORS and not case.is_escalated:
            Case.objects.filter(pk=case.pk).update(is_escalated=True)
        action_log(
            actor=None,
            kind=ActionKind.CRISIS_ALERT,
            case=case,
            target_kind=case.target_kind,
            target_id=case_target_id(case),
            member=case.member,
            forum_id=case.forum_id,
            reason=_("%(level)s alerted: %(emails)s email(s)%(webhook)s.")
            % {
                "level": AlertLevel(level).label,
                "emails": len(emails),
                "webhook": _(" and the webhook") if webhook_url else "",
            },
        )
        return alert


def console_case_url(case_id: int) -> str:
    return settings.SITE_URL + reverse("admin:moderation_case_change", args=[case_id])


def _age_minutes(case: Case) -> int:
    started = case.crisis_clock_started_at or case.opened_at
    return max(0, int((timezone.now() - started).total_seconds() // 60))


def _send_email(notification: CrisisNotification) -> None:
    # Never the post text, the member's handle or email: only what a moderator needs to act.
    alert, case = notification.alert, notification.alert.case
    context = {
        "case_id": case.pk,
        "level": alert.level,
        "level_label": alert.get_level_display(),
        "age_minutes": _age_minutes(case),
        "limit_minutes": SiteSettings.load().crisis_response_minutes,
        "url": console_case_url(case.pk),
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("moderation/email/crisis_alert_subject.txt", context).strip()
    body = render_to_string("moderation/email/crisis_alert.txt", context)
    EmailMessage(
        subject,
        body,
        None,
        [notification.recipient],
        headers={"Message-ID": crisis_alert_message_id(notification.pk)},
    ).send(fail_silently=False)


def crisis_alert_message_id(notification_id: int) -> str:
    """The same Message-ID every time one notification is sent. Sending is at least once: a
    worker killed after the mail server accepted the email but before `sent_at` was committed
    sends it again, and with the same id mail systems and clients show it once."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<crisis-alert-{notification_id}@{domain}>"


def webhook_payload(notification: CrisisNotification) -> dict:
    """The JSON a pager or chat tool receives: ids, priority, age, a link; no text, no names."""
    alert, case = notification.alert, notification.alert.case
    return {
        "event": "crisis_alert",
        "case_id": case.pk,
        "priority": "crisis",
        "level": alert.level,
        "level_name": AlertLevel(alert.level).name.lower(),
        "age_minutes": _age_minutes(case),
        "state": case.state,
        "url": console_case_url(case.pk),
    }


def _post_webhook(notification: CrisisNotification) -> None:
    data = json.dumps(webhook_payload(notification)).encode()
    request = urllib.request.Request(  # noqa: S310 - http(s) only, validated URLField
        notification.recipient,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "Hearth crisis alerts"},
    )
    if not notification.recipient.lower().startswith(("http://", "https://")):
        raise ValueError("webhook URL must be http or https")
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
        if response.status >= 300:
            raise urllib.error.HTTPError(
                notification.recipient, response.status, "unexpected status", None, None
            )


def crisis_notification_send(*, notification_id: int) -> bool:
    """Deliver one notification unless already sent; return whether it was sent now.

    The row is locked while sending, so two workers never deliver the same one twice.
    Raises on failure (after recording the attempt) so the task retries.
    """
    try:
        with transaction.atomic():
            notification = (
                CrisisNotification.objects.select_for_update(of=("self",))
                .select_related("alert__case")
                .filter(pk=notification_id)
                .first()
            )
            if notification is None or notification.sent_at is not None:
                return False
            if notification.channel == AlertChannel.EMAIL:
                _send_email(notification)
            else:
                _post_webhook(notification)
            notification.sent_at = timezone.now()
            notification.attempts += 1
            notification.last_error = ""
            notification.save(update_fields=["sent_at", "attempts", "last_error"])
            return True
    except Exception as exc:
        # Class name only: an exception message could carry a URL with a token in it.
        CrisisNotification.objects.filter(pk=notification_id).update(
            attempts=F("attempts") + 1, last_error=type(exc).__name__[:200]
        )
        logger.warning("crisis notification %s failed: %s", notification_id, type(exc).__name__)
        raise


def crisis_notifications_awaiting_send(*, now=None):
    """(id, channel) of notifications not sent and no longer in any task's hands: never tried
    `RESEND_AFTER` after they were created, or tried and abandoned past their retry chain."""
    now = now or timezone.now()
    never_tried = Q(attempts=0, created_at__lt=now - RESEND_AFTER)
    chain_lost = Q(attempts__lt=MAX_ATTEMPTS, created_at__lt=now - RETRY_CHAIN_LASTS)
    return (
        CrisisNotification.objects.filter(sent_at__isnull=True)
        .filter(never_tried | chain_lost)
        .order_by("created_at")
        .values_list("pk", "channel")
    )
