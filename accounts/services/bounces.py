"""Bounces reported after the mail server accepted an email: recorded against the member whose
verified address it is, counted, and after repeated hard bounces their emails pause (the same
pause and banner as addresses refused while sending)."""

import hashlib
import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import TextChoices

from accounts.enums import BounceKind
from accounts.models import EmailBounce, EmailPreferences
from accounts.services import email_pause, email_paused_banner_show, email_preferences_ensure

logger = logging.getLogger("hearth.email")


class BounceOutcome(TextChoices):
    RECORDED = "recorded"
    PAUSED = "paused"  # recorded, and this bounce paused the member's emails
    UNKNOWN = "unknown"  # no member has this verified primary address (any more)
    DUPLICATE = "duplicate"  # the same report again (same reference)
    UNVERIFIED = "unverified"  # an unsigned DSN that does not show Hearth sent that email


def _reference_hash(source: str, reference: str) -> str:
    reference = reference.strip()
    if not reference:
        return ""
    return hashlib.sha256(f"{source}:{reference}".encode()).hexdigest()


def email_bounce_record(
    *,
    address: str,
    kind: str,
    source: str,
    status_code: str = "",
    reference: str = "",
    sent_to_member_ids: set[int] | None = None,
) -> BounceOutcome:
    """Record a bounce of `address` against the member whose verified primary address it is.

    A hard bounce counts towards pausing their emails (`EMAIL_HARD_BOUNCES_BEFORE_PAUSE`);
    a soft one is only recorded (the mail server retries it, and reports a final failure as
    hard). A report with a `reference` already recorded (the sender retried) counts once.
    Neither the address nor the reference is stored or logged.

    `sent_to_member_ids`, for reports that come unsigned (DSNs mailed to the bounce address):
    the members the returned email shows it was sent to; a bounce for anyone else is not
    counted, so nobody can pause another member's emails by mailing a made-up DSN.
    """
    user_id = (
        EmailAddress.objects.filter(email__iexact=address.strip(), verified=True, primary=True)
        .values_list("user_id", flat=True)
        .first()
    )
    if user_id is None:
        logger.info("email bounce (%s, %s) for no member's current address: ignored", kind, source)
        return BounceOutcome.UNKNOWN
    if sent_to_member_ids is not None and user_id not in sent_to_member_ids:
        logger.warning(
            "email bounce (%s, %s) for member %s without proof Hearth sent that email: ignored",
            kind,
            source,
            user_id,
        )
        return BounceOutcome.UNVERIFIED
    paused_now = False
    try:
        with transaction.atomic():
            EmailBounce.objects.create(
                user_id=user_id,
                kind=kind,
                source=source,
                status_code=status_code[:16],
                reference_hash=_reference_hash(source, reference),
            )
            if kind == BounceKind.HARD:
                paused_now = _hard_bounce_count(user_id)
    except IntegrityError:
        logger.info("email bounce (%s, %s) for member %s: already recorded", kind, source, user_id)
        return BounceOutcome.DUPLICATE
    if paused_now:
        email_paused_banner_show(user_id=user_id)
    logger.info(
        "email bounce (%s, %s) for member %s%s",
        kind,
        source,
        user_id,
        ": emails paused" if paused_now else "",
    )
    return BounceOutcome.PAUSED if paused_now else BounceOutcome.RECORDED


def _hard_bounce_count(user_id: int) -> bool:
    """Count a hard bounce for `user_id`; pause their emails at the configured number (the
    caller shows the banner after commit). Return whether this bounce paused them."""
    email_preferences_ensure(user_ids=[user_id])
    prefs = EmailPreferences.objects.select_for_update().get(user_id=user_id)
    prefs.hard_bounce_count += 1
    paused_now = (
        prefs.hard_bounce_count >= settings.EMAIL_HARD_BOUNCES_BEFORE_PAUSE
        and not prefs.is_email_paused
    )
    if paused_now:
        email_pause(prefs)
    prefs.save(update_fields=["hard_bounce_count", "is_email_paused", "email_paused_at"])
    return paused_now
