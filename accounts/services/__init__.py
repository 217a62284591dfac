"""Write-side actions on members."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.cache_keys import (
    EMAIL_PAUSED,
    RULES_ACCEPTED,
    cache_forget,
    cache_forget_now_and_after_commit,
    cache_store,
)
from accounts.enums import (
    ConsentKind,
    DigestFrequency,
    ErasureStatus,
    MessagePermission,
    UnsubscribeScope,
)
from accounts.models import Consent, EmailPreferences, ErasureRequest, User

UNVERIFIED_ACCOUNT_RETENTION = timedelta(days=30)


def consent_record(*, user: User, kind: ConsentKind, version: int) -> Consent:
    """Record that the member accepted version `version` of a document (once per version)."""
    consent, created = Consent.objects.get_or_create(
        user=user, kind=kind, version=version, defaults={"accepted_at": timezone.now()}
    )
    if created and kind == ConsentKind.COMMUNITY_RULES:
        # The rules banner reads the member's accepted version from the cache.
        cache_forget_now_and_after_commit(RULES_ACCEPTED, user_id=user.pk)
    return consent


def user_crisis_help_extend(*, user: User, until, is_acute: bool) -> None:
    """Keep the help bar on the member's pages until `until` (never shortening it). An acute
    signal (a plan, the means, a time) puts the emergency number first for the whole window."""
    window_is_open = user.crisis_help_until is not None and user.crisis_help_until > timezone.now()
    acute = is_acute or (window_is_open and user.crisis_help_is_acute)
    if window_is_open and user.crisis_help_until > until:
        until = user.crisis_help_until
    User.objects.filter(pk=user.pk).update(crisis_help_until=until, crisis_help_is_acute=acute)
    user.crisis_help_until, user.crisis_help_is_acute = until, acute


def user_set_timezone(*, user: User, timezone_name: str) -> None:
    """Set the member's time zone; their digest schedule is looked at again."""
    user.timezone = timezone_name
    user.save(update_fields=["timezone"])
    # Digest slots are local hours: ask the next beat run to recompute this member's.
    EmailPreferences.objects.filter(user=user, digest_due_at__isnull=False).update(
        digest_due_at=timezone.now()
    )


def user_set_country(*, user: User, country: str) -> None:
    """Remember the member's country (ISO 3166-1 alpha-2, or "" to forget it); private."""
    user.country = country.upper()
    user.save(update_fields=["country"])


def member_message_permission_set(*, user: User, value: str) -> None:
    """Choose who may start a private conversation with the member."""
    user.message_permission = MessagePermission(value)
    user.save(update_fields=["message_permission"])


def unverified_accounts_purge(*, now=None) -> int:
    """Delete accounts whose email was never verified within 30 days; return how many."""
    cutoff = (now or timezone.now()) - UNVERIFIED_ACCOUNT_RETENTION
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    # Erased members have no address either; their pseudonymised row stays for the audit log.
    erased = ErasureRequest.objects.filter(status=ErasureStatus.DONE).values("user_id")
    stale = (
        User.objects.filter(date_joined__lt=cutoff, is_staff=False)
        .exclude(pk__in=verified)
        .exclude(pk__in=erased)
    )
    with transaction.atomic():
        count, _ = stale.delete()
    return count


# --- Email preferences -------------------------------------------------------------------------
# The digest schedule itself is computed by forums.digests; a change here only asks for a fresh
# look (`digest_due_at = now`), which the next beat run turns into the real next slot.

EMAIL_PREFERENCE_FIELDS = (
    "digest_frequency",
    "digest_weekday",
    "digest_hour",
    "digest_content",
    "is_subject_neutral",
    "is_reply_email_on",
    "is_mention_email_on",
    "is_moderation_email_on",
    "is_message_email_on",
    "has_quiet_hours",
    "quiet_hours_start",
    "quiet_hours_end",
)
EMAIL_FAILURES_BEFORE_PAUSE = 3


def _new_email_preferences(user_id: int, now) -> EmailPreferences:
    # A new row counts the current period as handled: the first digest comes at the next slot.
    return EmailPreferences(user_id=user_id, digest_handled_at=now, digest_due_at=now)


def email_preferences_get(*, user: User) -> EmailPreferences:
    """Return `user`'s email preferences, creating the row with the defaults if needed."""
    prefs = EmailPreferences.objects.filter(user=user).first()
    if prefs is None:
        try:
            with transaction.atomic():
                prefs = _new_email_preferences(user.pk, timezone.now())
                prefs.save(force_insert=True)
        except IntegrityError:  # created by a concurrent request or task
            prefs = EmailPreferences.objects.get(user=user)
    return prefs


def email_preferences_ensure(*, user_ids, digest_due_at=None) -> int:
    """Create default preference rows for those of `user_ids` without one; return how many.

    `digest_due_at` may map member ids to their first digest check (else: now).
    """
    user_ids = set(user_ids)
    have = set(
        EmailPreferences.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    now = timezone.now()
    rows = [_new_email_preferences(user_id, now) for user_id in sorted(user_ids - have)]
    for row in rows:
        row.digest_due_at = (digest_due_at or {}).get(row.user_id, now)
    EmailPreferences.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def email_preferences_update(
    *, user: User, values: dict, timezone_name: str | None = None
) -> EmailPreferences:
    """Save `user`'s email preferences (and time zone); the new schedule starts at its next slot.

    `values` holds fields of EMAIL_PREFERENCE_FIELDS (others are ignored).
    """
    prefs = email_preferences_get(user=user)
    prefs = EmailPreferences.objects.select_for_update().get(pk=prefs.pk)
    now = timezone.now()
    for field in EMAIL_PREFERENCE_FIELDS:
        if field in values:
            setattr(prefs, field, values[field])
    prefs.digest_handled_at = now
    prefs.digest_due_at = now if prefs.wants_digest else None
    prefs.updated_at = now
    prefs.save()
    if timezone_name is not None and timezone_name != user.timezone:
        user_set_timezone(user=user, timezone_name=timezone_name)
    return prefs


@transaction.atomic
def email_unsubscribe(*, user: User, scope: str) -> bool:
    """Turn off the digest, or every immediate email, for `user`; return whether it changed."""
    prefs = email_preferences_get(user=user)
    prefs = EmailPreferences.objects.select_for_update().get(pk=prefs.pk)
    if scope == UnsubscribeScope.DIGEST:
        changed = prefs.digest_frequency != DigestFrequency.NEVER
        prefs.digest_frequency = DigestFrequency.NEVER
        prefs.digest_due_at = None
    else:
        changed = prefs.is_reply_email_on or prefs.is_mention_email_on
        changed = changed or prefs.is_moderation_email_on or prefs.is_message_email_on
        prefs.is_reply_email_on = prefs.is_mention_email_on = False
        prefs.is_moderation_email_on = prefs.is_message_email_on = False
        prefs.notification_email_due_at = None
    prefs.updated_at = timezone.now()
    prefs.save()
    return changed


def email_delivery_failure_record(*, user_id: int) -> bool:
    """Count a refused delivery to `user_id`; pause their emails after repeated failures.

    Returns whether emails are now paused.
    """
    with transaction.atomic():
        prefs = EmailPreferences.objects.select_for_update().get(user_id=user_id)
        prefs.failed_delivery_count += 1
        if prefs.failed_delivery_count >= EMAIL_FAILURES_BEFORE_PAUSE:
            email_pause(prefs)
        prefs.save(update_fields=["failed_delivery_count", "is_email_paused", "email_paused_at"])
    if prefs.is_email_paused:
        email_paused_banner_show(user_id=user_id)
    return prefs.is_email_paused


def email_pause(prefs: EmailPreferences) -> None:
    """Pause the emails of `prefs`' member (the caller saves `is_email_paused` and
    `email_paused_at`, then calls `email_paused_banner_show`)."""
    if not prefs.is_email_paused:
        prefs.is_email_paused = True
        prefs.email_paused_at = timezone.now()


def email_paused_banner_show(*, user_id: int) -> None:
    """Show the "emails paused" banner: every page reads this flag from the cache, so pages
    cost no query."""
    cache_store(EMAIL_PAUSED, True, user_id=user_id)


def email_delivery_success_record(*, user_id: int) -> None:
    """Reset `user_id`'s count of refused deliveries after one got through."""
    EmailPreferences.objects.filter(user_id=user_id, failed_delivery_count__gt=0).update(
        failed_delivery_count=0
    )


@transaction.atomic
def email_resume(*, user: User) -> bool:
    """Resume emails paused after failed deliveries (the member checked their address)."""
    resumed = EmailPreferences.objects.filter(user=user, is_email_paused=True).update(
        is_email_paused=False,
        email_paused_at=None,
        failed_delivery_count=0,
        hard_bounce_count=0,
        digest_due_at=timezone.now(),
        updated_at=timezone.now(),
    )
    cache_forget(EMAIL_PAUSED, user_id=user.pk)
    return bool(resumed)


# The member's privacy and control actions live in submodules; re-exported for callers that
# use `from accounts import services`.
from accounts.services.bounces import BounceOutcome, email_bounce_record  # noqa: E402, F401
from accounts.services.data import (  # noqa: E402, F401
    account_erase,
    erasure_cancel,
    erasure_request,
    erasures_run_due,
    export_build,
    export_request,
    exports_purge_expired,
)
from accounts.services.filters import (  # noqa: E402, F401
    block_create,
    block_delete,
    mute_delete,
    mute_forum,
    mute_member,
    mute_word_delete,
    mute_words_add,
)
from accounts.services.profile import (  # noqa: E402, F401
    break_end,
    break_start,
    onboarding_complete,
    profile_text_hold,
    profile_text_release,
    profile_update,
    wellbeing_update,
)
from accounts.services.sessions import member_sessions_end  # noqa: E402, F401
