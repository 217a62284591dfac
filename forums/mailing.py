"""Sending one email to a member exactly once: claim its delivery record, send, record how it
went. Shared by digests and notification emails.

Privacy: the address is read at send time and only handed to the mail backend; logs and
delivery records carry ids, kinds and short error codes, never an address, subject or text.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts import services as account_services
from accounts.enums import DeliveryStatus
from accounts.models import EmailDelivery
from accounts.tokens import unsubscribe_token_make

logger = logging.getLogger("hearth.email")

# A claim older than this belongs to a worker that died mid-send (tasks are killed at 300 s).
CLAIM_LEASE = timedelta(minutes=15)
# A retry still pending after this long is given up (recorded as failed), not sent late.
PENDING_MAX_AGE = timedelta(days=2)


class TransientEmailError(Exception):
    """The mail server could not be reached or refused for now: retry later."""


class Outcome:
    SENT = "sent"
    REFUSED = "refused"
    FAILED = "failed"
    SKIPPED = "skipped"
    NOT_DUE = "not_due"
    DEFERRED = "deferred"
    EMPTY = "empty"
    DUPLICATE = "duplicate"
    STOPPED = "stopped"


@dataclass
class Composed:
    """A rendered email: subject, both bodies, and what its unsubscribe link stops."""

    subject: str
    text: str
    html: str
    unsubscribe_scope: str
    # The footer's signed unsubscribe link, reused for the header (signing it again costs).
    unsubscribe_url: str = ""


def absolute_url(path: str) -> str:
    """Return `path` on the site, for links in emails."""
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(*, user_id: int, scope: str) -> str:
    token = unsubscribe_token_make(user_id=user_id, scope=scope)
    return absolute_url(reverse("accounts:unsubscribe", kwargs={"token": token}))


def footer_context(*, user_id: int, scope: str) -> dict:
    """Links every member email ends with: settings, unsubscribe, help now, the site."""
    return {
        "settings_url": absolute_url(reverse("accounts:email_settings")),
        "unsubscribe_url": unsubscribe_url(user_id=user_id, scope=scope),
        "help_url": absolute_url(reverse("moderation:help")),
        "site_url": absolute_url("/"),
    }


def render_email(template: str, context: dict) -> tuple[str, str]:
    """Render `templates/email/<template>.txt` and `.html` in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
            "LANGUAGE_CODE": settings.LANGUAGE_CODE,
            **context,
        }
        text = render_to_string(f"email/{template}.txt", context)
        html = render_to_string(f"email/{template}.html", context)
    return text, html


def message_build(*, to: str, user_id: int, composed: Composed) -> EmailMultiAlternatives:
    """Build the MIME message: plain text and HTML, RFC 8058 one-click unsubscribe headers."""
    link = composed.unsubscribe_url or unsubscribe_url(
        user_id=user_id, scope=composed.unsubscribe_scope
    )
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
    }
    message = EmailMultiAlternatives(
        subject=composed.subject,
        body=composed.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(composed.html, "text/html")
    return message


# --- Claims ------------------------------------------------------------------------------------


def claimable_deliveries_q(now: datetime) -> Q:
    """Deliveries a worker may take over: waiting to retry, or abandoned mid-send."""
    return Q(status=DeliveryStatus.RETRYING) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - CLAIM_LEASE
    )


def delivery_claim(delivery: EmailDelivery, *, now: datetime) -> EmailDelivery | None:
    """Take over a delivery waiting to retry (or abandoned mid-send); None if another worker
    has it or it is finished. One UPDATE decides, so two workers never both win."""
    won = EmailDelivery.objects.filter(claimable_deliveries_q(now), pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if not won:
        return None
    delivery.refresh_from_db()
    return delivery


def delivery_start(
    *,
    user_id: int,
    kind: str,
    period_key: str,
    now: datetime,
    item_count: int = 0,
    notification_ids=(),
) -> EmailDelivery | None:
    """Create and claim the delivery of (member, kind, period); None if it already exists and
    is finished or claimed by another worker (the unique constraint decides)."""
    try:
        with transaction.atomic():
            return EmailDelivery.objects.create(
                user_id=user_id,
                kind=kind,
                period_key=period_key,
                status=DeliveryStatus.SENDING,
                attempts=1,
                item_count=item_count,
                notification_ids=list(notification_ids),
                created_at=now,
                claimed_at=now,
            )
    except IntegrityError:
        existing = EmailDelivery.objects.get(user_id=user_id, kind=kind, period_key=period_key)
        return delivery_claim(existing, now=now)


def delivery_pending(*, user_id: int, kind: str, now: datetime) -> EmailDelivery | None:
    """Return the member's latest delivery of `kind` still to be finished, claimed for this
    worker; one older than PENDING_MAX_AGE is recorded as failed instead."""
    pending = (
        EmailDelivery.objects.filter(claimable_deliveries_q(now), user_id=user_id, kind=kind)
        .order_by("-created_at")
        .first()
    )
    if pending is None:
        return None
    if pending.created_at < now - PENDING_MAX_AGE:
        EmailDelivery.objects.filter(claimable_deliveries_q(now), pk=pending.pk).update(
            status=DeliveryStatus.FAILED, failure_reason="expired"
        )
        return None
    return delivery_claim(pending, now=now)


def _finish(delivery: EmailDelivery, *, status: str, reason: str = "", now=None) -> None:
    delivery.status = status
    delivery.failure_reason = reason[:32]
    fields = ["status", "failure_reason"]
    if status == DeliveryStatus.SENT:
        delivery.sent_at = now
        fields.append("sent_at")
    delivery.save(update_fields=fields)


def delivery_send(
    *,
    delivery: EmailDelivery,
    message: EmailMultiAlternatives,
    is_last_attempt: bool,
    now: datetime,
    had_failures: bool = True,
) -> str:
    """Send `message` for the claimed `delivery` and record the final or retrying state.

    A refused address is recorded (and counts towards pausing the member's emails); any other
    SMTP or network error leaves the delivery waiting to retry and raises TransientEmailError,
    unless this was the last attempt, which is recorded as failed.
    """
    try:
        smtp_send(message)
    except smtplib.SMTPRecipientsRefused:
        _finish(delivery, status=DeliveryStatus.FAILED, reason="refused")
        account_services.email_delivery_failure_record(user_id=delivery.user_id)
        delivery_log(delivery, Outcome.REFUSED)
        return Outcome.REFUSED
    except (smtplib.SMTPException, OSError) as error:
        reason = type(error).__name__
        if is_last_attempt:
            _finish(delivery, status=DeliveryStatus.FAILED, reason=reason)
            delivery_log(delivery, Outcome.FAILED)
            return Outcome.FAILED
        _finish(delivery, status=DeliveryStatus.RETRYING, reason=reason)
        delivery_log(delivery, "retrying")
        raise TransientEmailError(reason) from error
    _finish(delivery, status=DeliveryStatus.SENT, now=now)
    if had_failures:
        account_services.email_delivery_success_record(user_id=delivery.user_id)
    delivery_log(delivery, Outcome.SENT)
    return Outcome.SENT


# One SMTP connection per worker process, kept open between messages: a digest run sends
# thousands, and a new connection per message (connect, EHLO, STARTTLS, AUTH) costs more than
# the message itself. Keyed by the mail settings, so a change of settings gets a new one.
_connections: dict[tuple, object] = {}


def _shared_connection():
    key = (
        settings.EMAIL_BACKEND,
        getattr(settings, "EMAIL_HOST", ""),
        getattr(settings, "EMAIL_PORT", 0),
    )
    connection = _connections.get(key)
    if connection is None:
        for stale in _connections.values():
            stale.close()
        _connections.clear()
        connection = _connections[key] = get_connection(fail_silently=False)
    connection.open()  # opened here, so the backend leaves it open after sending
    return connection


def smtp_send(message: EmailMultiAlternatives) -> None:
    """Send `message` on the worker's kept-open SMTP connection (raises SMTP and OS errors)."""
    message.connection = _shared_connection()
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPServerDisconnected:
        # The server dropped an idle connection: open a fresh one and try once more.
        message.connection.close()
        message.connection = _shared_connection()
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        if not isinstance(error, smtplib.SMTPRecipientsRefused):
            message.connection.close()  # the next message starts on a clean connection
        raise


def delivery_log(delivery: EmailDelivery, outcome: str) -> None:
    logger.info(
        "email %s %s to member %s: %s (attempt %s)",
        delivery.kind,
        delivery.period_key,
        delivery.user_id,
        outcome,
        delivery.attempts,
    )
