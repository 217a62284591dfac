"""Sending digests: the beat's search for due members (enqueued in batches: batch_send), and
one member's send, exactly once per period (a delivery record with a unique constraint is
claimed before the send)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import DigestContent, EmailKind, UnsubscribeScope
from accounts.models import EmailPreferences, User
from accounts.selectors import email_preferences_for_sending
from accounts.services import email_preferences_ensure
from config.celery import enqueue_on_commit
from forums.digests.building import Digest, digest_build, digest_window
from forums.digests.rendering import rendered_entries
from forums.digests.schedule import (
    QuietHours,
    digest_decision,
    is_quiet,
    member_zone,
    next_slot,
    quiet_hours_end,
)
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

INACTIVE_AFTER = timedelta(days=180)
# Members the beat has enqueued are not enqueued again for this long (the task reschedules them).
ENQUEUE_LEASE = timedelta(hours=1)
BATCH_SIZE = 500
# Members per send task: the batch costs a constant number of queries, and a retry after the
# mail server failed resends none of the members already sent.
SEND_BATCH_SIZE = 100
ENSURE_BATCH = 5000


def quiet_hours_of(prefs: EmailPreferences) -> QuietHours | None:
    if not prefs.has_quiet_hours:
        return None
    return QuietHours(start=prefs.quiet_hours_start, end=prefs.quiet_hours_end)


def _update(prefs: EmailPreferences, **fields) -> None:
    EmailPreferences.objects.filter(pk=prefs.pk).update(**fields)
    for name, value in fields.items():
        setattr(prefs, name, value)


def _mark_handled(
    prefs: EmailPreferences, *, period_key: str, now: datetime, sent_until: datetime | None
):
    """Record that this period's digest is dealt with; look again at the next slot."""
    _update(prefs, **handled_fields(prefs, period_key=period_key, now=now, sent_until=sent_until))


def handled_fields(
    prefs: EmailPreferences, *, period_key: str, now: datetime, sent_until: datetime | None
) -> dict:
    """Return the scheduling fields that record this period's digest as dealt with."""
    upcoming = next_slot(
        frequency=prefs.digest_frequency,
        hour=prefs.digest_hour,
        weekday=prefs.digest_weekday,
        tz=member_zone(prefs.user.timezone),
        now=now,
    )
    fields = {
        "digest_last_period": period_key,
        "digest_handled_at": now,
        "digest_due_at": upcoming.at if upcoming else None,
    }
    if sent_until is not None:
        fields["digest_last_sent_at"] = sent_until  # where the next digest starts
    return fields


def is_inactive(user: User, now: datetime) -> bool:
    """Whether the member has not logged in (or, never having logged in, joined) for 180 days."""
    return (user.last_login or user.date_joined) < now - INACTIVE_AFTER


# --- The beat ----------------------------------------------------------------------------------


def digest_preferences_ensure(*, now: datetime) -> int:
    """Give active members with a verified address and no preference row the defaults."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user_id=OuterRef("pk"), verified=True, primary=True)
    missing = list(
        User.objects.filter(Exists(verified), is_active=True, email_preferences__isnull=True)
        .order_by("pk")
        .values_list("pk", "timezone")[:ENSURE_BATCH]
    )
    if not missing:
        return 0
    defaults = EmailPreferences()
    first_checks = {}
    for user_id, zone in missing:
        upcoming = next_slot(
            frequency=defaults.digest_frequency,
            hour=defaults.digest_hour,
            weekday=defaults.digest_weekday,
            tz=member_zone(zone),
            now=now,
        )
        first_checks[user_id] = upcoming.at if upcoming else None
    return email_preferences_ensure(
        user_ids=[user_id for user_id, _ in missing], digest_due_at=first_checks
    )


def digests_resume_returning(*, now: datetime) -> int:
    """Start digests again for members stopped as inactive who have logged in since."""
    return EmailPreferences.objects.filter(
        digest_stopped_at__isnull=False, user__last_login__gt=F("digest_stopped_at")
    ).update(digest_stopped_at=None, digest_handled_at=now, digest_due_at=now)


def digests_enqueue_due(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Enqueue send tasks (email queue, after commit) for the members whose digest may be due,
    SEND_BATCH_SIZE ids per task; each is leased for an hour so a second run does not enqueue
    it again. Returns how many members were enqueued."""
    from forums.tasks import send_digests

    now = now or timezone.now()
    digest_preferences_ensure(now=now)
    digests_resume_returning(now=now)
    due = EmailPreferences.objects.filter(
        digest_due_at__lte=now,
        digest_stopped_at__isnull=True,
        is_email_paused=False,
        user__is_active=True,
    )
    enqueued, last_id = 0, 0
    while True:
        ids = list(
            due.filter(user_id__gt=last_id)
            .order_by("user_id")
            .values_list("user_id", flat=True)[:batch_size]
        )
        if not ids:
            return enqueued
        EmailPreferences.objects.filter(user_id__in=ids, digest_due_at__lte=now).update(
            digest_due_at=now + ENQUEUE_LEASE
        )
        for start in range(0, len(ids), SEND_BATCH_SIZE):
            enqueue_on_commit(send_digests, ids[start : start + SEND_BATCH_SIZE])
        enqueued += len(ids)
        last_id = ids[-1]


# --- One member --------------------------------------------------------------------------------


def digest_send(*, user_id: int, now: datetime | None = None, is_last_attempt: bool = False):
    """Send the member's digest if it is due, at most once per period; return the outcome.

    Resumes a delivery waiting to retry first. Raises TransientEmailError when the mail server
    failed and the delivery waits for a retry (the task retries with backoff).
    """
    now = now or timezone.now()
    prefs = email_preferences_for_sending(user_id=user_id, kind=EmailKind.DIGEST)
    if prefs is None:
        return Outcome.SKIPPED
    if not (prefs.user.is_active and prefs.wants_digest) or prefs.is_email_paused:
        _update(prefs, digest_due_at=None)
        return Outcome.SKIPPED
    if prefs.digest_stopped_at is not None:
        if is_inactive(prefs.user, now):
            return Outcome.STOPPED
        _update(prefs, digest_stopped_at=None)  # back since: the resume sweep was not run yet
    tz = member_zone(prefs.user.timezone)
    quiet = quiet_hours_of(prefs)
    if is_quiet(quiet, tz, now):
        _update(prefs, digest_due_at=quiet_hours_end(quiet, tz, now))
        return Outcome.DEFERRED
    delivery = None
    if prefs.has_unfinished_delivery:
        delivery = delivery_pending(user_id=user_id, kind=EmailKind.DIGEST, now=now)
    if delivery is not None:
        digest = _build(prefs, now)
        return _deliver(prefs, delivery, digest, now=now, is_last_attempt=is_last_attempt)
    decision = digest_decision(
        frequency=prefs.digest_frequency,
        hour=prefs.digest_hour,
        weekday=prefs.digest_weekday,
        tz=tz,
        quiet=quiet,
        last_period=prefs.digest_last_period,
        handled_at=prefs.digest_handled_at,
        now=now,
    )
    if decision.slot is None:
        _update(prefs, digest_due_at=decision.check_at)
        return Outcome.NOT_DUE
    period_key = decision.slot.period_key
    if is_inactive(prefs.user, now):
        return _stop_for_inactivity(prefs, period_key, now=now, is_last_attempt=is_last_attempt)
    digest = _build(prefs, now)
    if digest.is_empty:
        _mark_handled(prefs, period_key=period_key, now=now, sent_until=None)
        return Outcome.EMPTY
    delivery = delivery_start(
        user_id=user_id,
        kind=EmailKind.DIGEST,
        period_key=period_key,
        now=now,
        item_count=digest.item_count,
    )
    if delivery is None:  # sent already, or another worker is sending it right now
        return Outcome.DUPLICATE
    return _deliver(prefs, delivery, digest, now=now, is_last_attempt=is_last_attempt)


def _build(prefs: EmailPreferences, now: datetime) -> Digest:
    since, until = digest_window(
        frequency=prefs.digest_frequency, last_sent_at=prefs.digest_last_sent_at, now=now
    )
    return digest_build(
        user=prefs.user,
        frequency=prefs.digest_frequency,
        since=since,
        until=until,
        with_excerpts=prefs.digest_content == DigestContent.EXCERPTS,
    )


def _deliver(prefs, delivery, digest: Digest, *, now, is_last_attempt) -> str:
    to = prefs.verified_email
    if to is None:
        # No verified address (any more): nothing to send to; the period counts as handled.
        delivery.delete()
        _mark_handled(prefs, period_key=delivery.period_key, now=now, sent_until=None)
        return Outcome.SKIPPED
    message = message_build(to=to, user_id=prefs.user_id, composed=digest_compose(prefs, digest))
    try:
        outcome = delivery_send(
            delivery=delivery,
            message=message,
            is_last_attempt=is_last_attempt,
            now=now,
            had_failures=prefs.failed_delivery_count > 0,
        )
    except TransientEmailError:
        _update(prefs, digest_due_at=now + ENQUEUE_LEASE)
        raise
    sent_until = digest.until if outcome == Outcome.SENT else None
    _mark_handled(prefs, period_key=delivery.period_key, now=now, sent_until=sent_until)
    return outcome


def digest_subject(prefs: EmailPreferences, digest: Digest) -> str:
    """The neutral subject by default; otherwise one naming what is new (and forums)."""
    if prefs.is_subject_neutral:
        return _("Your %(site)s summary") % {"site": settings.SITE_NAME}
    names = digest.forum_names
    count = digest.item_count
    where = names[0] if len(names) == 1 else _("%(forum)s and more") % {"forum": names[0]}
    return ngettext(
        "%(site)s: %(count)s thread with news in %(where)s",
        "%(site)s: %(count)s threads with news in %(where)s",
        count,
    ) % {"site": settings.SITE_NAME, "count": count, "where": where}


def digest_compose(prefs: EmailPreferences, digest: Digest) -> Composed:
    """Render the member's digest (both parts) from its plain data; entries shared by many
    digests are rendered once per worker."""
    subject = digest_subject(prefs, digest)
    footer = footer_context(user_id=prefs.user_id, scope=UnsubscribeScope.DIGEST)
    text, html = render_email(
        "digest",
        {
            "subject": subject,
            "digest": digest,
            "watched": rendered_entries(digest.watched),
            "followed": rendered_entries(digest.followed),
            "popular": rendered_entries(digest.popular),
            "waiting": rendered_entries(digest.waiting),
            "handle": prefs.user.handle,
            "is_weekly": prefs.digest_frequency == "weekly",
            "with_excerpts": prefs.digest_content == DigestContent.EXCERPTS,
            **footer,
        },
    )
    return Composed(
        subject=subject,
        text=text,
        html=html,
        unsubscribe_scope=UnsubscribeScope.DIGEST,
        unsubscribe_url=footer["unsubscribe_url"],
    )


# --- Inactive members --------------------------------------------------------------------------


def _stop_for_inactivity(prefs, period_key: str, *, now, is_last_attempt) -> str:
    """Send the one "your summaries have stopped" email, then stop digests until they return."""
    user = prefs.user
    last_seen = (user.last_login or user.date_joined).date().isoformat()
    to = prefs.verified_email
    delivery = None
    if to is not None:
        delivery = delivery_start(
            user_id=user.pk,
            kind=EmailKind.INACTIVE_NOTICE,
            period_key=f"since-{last_seen}",
            now=now,
        )
    if delivery is not None:
        subject = _("Your %(site)s summaries have stopped") % {"site": settings.SITE_NAME}
        text, html = render_email(
            "inactive",
            {
                "subject": subject,
                "handle": user.handle,
                "login_url": absolute_url(reverse("account_login")),
                **footer_context(user_id=prefs.user_id, scope=UnsubscribeScope.DIGEST),
            },
        )
        composed = Composed(subject, text, html, UnsubscribeScope.DIGEST)
        message = message_build(to=to, user_id=user.pk, composed=composed)
        try:
            delivery_send(
                delivery=delivery,
                message=message,
                is_last_attempt=is_last_attempt,
                now=now,
                had_failures=prefs.failed_delivery_count > 0,
            )
        except TransientEmailError:
            _update(prefs, digest_due_at=now + ENQUEUE_LEASE)
            raise
    _update(
        prefs,
        digest_stopped_at=now,
        digest_due_at=None,
        digest_last_period=period_key,
        digest_handled_at=now,
    )
    return Outcome.STOPPED
