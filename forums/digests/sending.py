"""Sending digests: the beat's search for due members, enqueued in batches, and the one
pipeline that sends a batch of members their digests, each exactly once per period, in a
constant number of queries; a single member's digest is a batch of one (`digest_send`).

Every member goes through the same decisions: stopped (inactive) or paused members and quiet
hours first, then a delivery waiting to retry is resumed, then the schedule says whether this
period's digest is due, and a member inactive for 180 days gets one "your summaries have
stopped" notice instead. One delivery record per email is claimed before anything is sent (the
unique constraint decides), each email goes out on the worker's kept-open SMTP connection, and
the outcomes are written in a few bulk UPDATEs.
"""

import logging
import smtplib
import time
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import services as account_services
from accounts.enums import DeliveryStatus, DigestContent, EmailKind, UnsubscribeScope
from accounts.models import EmailDelivery, EmailPreferences, User
from accounts.services import email_preferences_ensure
from core.tasks import enqueue_on_commit
from forums.digests import batch
from forums.digests.building import Digest, digest_window
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
    delivery_log,
    footer_context,
    message_build,
    render_email,
    smtp_send,
)

logger = logging.getLogger("hearth.email")

INACTIVE_AFTER = timedelta(days=180)
# Members the beat has enqueued are not enqueued again for this long (the task reschedules them).
ENQUEUE_LEASE = timedelta(hours=1)
BATCH_SIZE = 500
# Members per send task: the batch costs a constant number of queries, and a retry after the
# mail server failed resends none of the members already sent.
SEND_BATCH_SIZE = 100
ENSURE_BATCH = 5000
# Sent deliveries are recorded at least this often during a batch (and at its end), so a worker
# killed mid-batch leaves few sent emails still marked "sending".
RECORD_EVERY_SECONDS = 2.0
RETRYING = "retrying"


def quiet_hours_of(prefs: EmailPreferences) -> QuietHours | None:
    if not prefs.has_quiet_hours:
        return None
    return QuietHours(start=prefs.quiet_hours_start, end=prefs.quiet_hours_end)


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
    from forums.tasks import send_digests  # noqa: PLC0415  (forums.tasks imports this module)

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


# --- Sending ----------------------------------------------------------------------------------


@dataclass
class BatchResult:
    outcomes: Counter = field(default_factory=Counter)
    # Members whose email waits for the mail server: the task retries them with backoff.
    retry_ids: list[int] = field(default_factory=list)


@dataclass
class _Email:
    """One member's email of the batch: their digest, or, for a member inactive for 180 days,
    the notice that their summaries have stopped. Either settles the digest period
    `period_key`."""

    prefs: EmailPreferences
    period_key: str
    is_notice: bool = False
    digest: Digest | None = None
    delivery: EmailDelivery | None = None

    @property
    def user_id(self) -> int:
        return self.prefs.user_id


class _Recorder:
    """Collects outcomes and scheduling changes; writes them in bulk."""

    def __init__(self, now: datetime):
        self.now = now
        self.result = BatchResult()
        self.prefs_changes: list[tuple[EmailPreferences, tuple[str, ...]]] = []
        self.sent: list[EmailDelivery] = []
        self.recorded_at = time.monotonic()

    def change(self, prefs: EmailPreferences, **fields) -> None:
        for name, value in fields.items():
            setattr(prefs, name, value)
        self.prefs_changes.append((prefs, tuple(fields)))

    def outcome(self, outcome: str, prefs=None, **fields) -> None:
        self.result.outcomes[outcome] += 1
        if prefs is not None and fields:
            self.change(prefs, **fields)

    def handled(self, prefs, outcome: str, *, period_key: str, sent_until=None) -> None:
        fields = handled_fields(prefs, period_key=period_key, now=self.now, sent_until=sent_until)
        self.outcome(outcome, prefs, **fields)

    def settled(self, email: _Email, outcome: str) -> None:
        """Record the period `email` settles: the digest handled (how it went counted), or, for
        the notice however it went, digests stopped until the member returns."""
        if email.is_notice:
            self.outcome(
                Outcome.STOPPED,
                email.prefs,
                digest_stopped_at=self.now,
                digest_due_at=None,
                digest_last_period=email.period_key,
                digest_handled_at=self.now,
            )
            return
        sent_until = email.digest.until if outcome == Outcome.SENT else None
        self.handled(email.prefs, outcome, period_key=email.period_key, sent_until=sent_until)

    def record_sent(self, *, force: bool = False) -> None:
        if self.sent and (force or time.monotonic() - self.recorded_at > RECORD_EVERY_SECONDS):
            batch.deliveries_finish(
                ids=[d.pk for d in self.sent], status=DeliveryStatus.SENT, now=self.now
            )
            for delivery in self.sent:
                delivery_log(delivery, Outcome.SENT)
            self.sent = []
            self.recorded_at = time.monotonic()

    def flush(self) -> None:
        self.record_sent(force=True)
        batch.preferences_save(self.prefs_changes)
        self.prefs_changes = []


def digest_send(*, user_id: int, now: datetime | None = None, is_last_attempt: bool = False):
    """Send one member's digest if it is due, at most once per period: a batch of one. Return
    the outcome; raise TransientEmailError when the mail server failed and the delivery waits
    for a retry (the task retries with backoff)."""
    result = digests_send_batch(user_ids=[user_id], now=now, is_last_attempt=is_last_attempt)
    if result.retry_ids:
        raise TransientEmailError(RETRYING)
    (outcome,) = result.outcomes
    return outcome


def digests_send_batch(
    *, user_ids, now: datetime | None = None, is_last_attempt: bool = False
) -> BatchResult:
    """Send the digests due to `user_ids`, each at most once per period; return the outcomes
    and the members to retry (the mail server failed: their deliveries wait to retry; the rest
    of the batch is not sent twice).

    About a dozen queries for the batch, plus the excerpts' one per member who chose them and a
    few for members in a rare state (a delivery to resume, back after digests stopped,
    inactive), whatever their number.
    """
    now = now or timezone.now()
    recorder = _Recorder(now)
    found = batch.preferences_for_sending(user_ids=user_ids)
    missing = len(set(user_ids)) - len(found)  # no preference row: nothing to send
    if missing:
        recorder.result.outcomes[Outcome.SKIPPED] += missing
    try:
        ready = [prefs for prefs in found if _may_send(prefs, now, recorder)]
        resumed = batch.deliveries_resume(
            user_ids=[prefs.user_id for prefs in ready if prefs.has_unfinished_delivery], now=now
        )
        emails = []
        for prefs in ready:
            delivery = resumed.get(prefs.user_id)
            if delivery is not None:
                emails.append(_Email(prefs, delivery.period_key, delivery=delivery))
                continue
            period_key = _due_period(prefs, now, recorder)
            if period_key is not None:
                emails.append(_Email(prefs, period_key, is_notice=is_inactive(prefs.user, now)))
        sending = _prepare(emails, now=now, recorder=recorder)
        _send_all(sending, is_last_attempt=is_last_attempt, recorder=recorder)
    finally:
        recorder.flush()
    return recorder.result


def _may_send(prefs: EmailPreferences, now: datetime, recorder: _Recorder) -> bool:
    """Whether the member may get an email now; if not, record why and when to look again."""
    if not (prefs.user.is_active and prefs.wants_digest) or prefs.is_email_paused:
        recorder.outcome(Outcome.SKIPPED, prefs, digest_due_at=None)
        return False
    if prefs.digest_stopped_at is not None:
        if is_inactive(prefs.user, now):
            recorder.outcome(Outcome.STOPPED)
            return False
        recorder.change(prefs, digest_stopped_at=None)  # back since: the resume sweep was not run
    tz = member_zone(prefs.user.timezone)
    quiet = quiet_hours_of(prefs)
    if is_quiet(quiet, tz, now):
        recorder.outcome(Outcome.DEFERRED, prefs, digest_due_at=quiet_hours_end(quiet, tz, now))
        return False
    return True


def _due_period(prefs: EmailPreferences, now: datetime, recorder: _Recorder) -> str | None:
    """Return the key of the period whose digest is due now, or None (recorded: not due)."""
    decision = digest_decision(
        frequency=prefs.digest_frequency,
        hour=prefs.digest_hour,
        weekday=prefs.digest_weekday,
        tz=member_zone(prefs.user.timezone),
        quiet=quiet_hours_of(prefs),
        last_period=prefs.digest_last_period,
        handled_at=prefs.digest_handled_at,
        now=now,
    )
    if decision.slot is None:
        recorder.outcome(Outcome.NOT_DUE, prefs, digest_due_at=decision.check_at)
        return None
    return decision.slot.period_key


def _prepare(emails: list[_Email], *, now, recorder: _Recorder) -> list[_Email]:
    """Build the digests, claim a delivery for each email (a resumed one has its own) and
    return the emails to send. An empty digest is not sent; an email already sent is a
    duplicate; a digest claimed for a member without a verified address (any more) is dropped,
    its period handled."""
    digests = _build([email for email in emails if not email.is_notice], now)
    to_claim = []
    for email in emails:
        email.digest = digests.get(email.user_id)
        if email.delivery is not None:
            continue
        if email.is_notice and email.prefs.verified_email is None:
            recorder.settled(email, Outcome.STOPPED)  # no address to tell: stopped all the same
        elif not email.is_notice and email.digest.is_empty:
            recorder.handled(email.prefs, Outcome.EMPTY, period_key=email.period_key)
        else:
            to_claim.append(email)
    claimed = batch.deliveries_start(claims=[_claim_of(email) for email in to_claim], now=now)
    for email in to_claim:
        email.delivery = claimed.get(email.user_id)
        if email.delivery is None:  # sent already, or another worker is sending it right now
            if email.is_notice:
                recorder.settled(email, Outcome.STOPPED)  # they were told already
            else:
                recorder.outcome(Outcome.DUPLICATE)
    sending = [email for email in emails if email.delivery is not None]
    no_address = [email for email in sending if email.prefs.verified_email is None]
    if no_address:
        # No verified address (any more): nothing to send to; the period counts as handled.
        EmailDelivery.objects.filter(pk__in=[email.delivery.pk for email in no_address]).delete()
        for email in no_address:
            recorder.handled(email.prefs, Outcome.SKIPPED, period_key=email.period_key)
    return [email for email in sending if email.prefs.verified_email is not None]


def _claim_of(email: _Email) -> tuple[int, str, str, int]:
    if email.is_notice:
        # One notice for each absence: keyed by the last day the member was seen.
        user = email.prefs.user
        last_seen = (user.last_login or user.date_joined).date().isoformat()
        return (email.user_id, EmailKind.INACTIVE_NOTICE, f"since-{last_seen}", 0)
    return (email.user_id, EmailKind.DIGEST, email.period_key, email.digest.item_count)


def _build(emails: list[_Email], now: datetime) -> dict[int, Digest]:
    jobs = []
    for email in emails:
        since, until = digest_window(
            frequency=email.prefs.digest_frequency,
            last_sent_at=email.prefs.digest_last_sent_at,
            now=now,
        )
        jobs.append(batch.DigestJob(prefs=email.prefs, since=since, until=until))
    return batch.digests_build(jobs=jobs, frequency_of=lambda job: job.prefs.digest_frequency)


def _send_all(sending: list[_Email], *, is_last_attempt: bool, recorder: _Recorder) -> None:
    """Compose and send each email on the worker's kept-open SMTP connection; record how each
    went. After a failure of the mail server the rest wait to retry rather than each waiting
    for the same timeout now (on the last attempt each gets its own try)."""
    index = -1
    try:
        for index, email in enumerate(sending):
            error = _send_one(email, recorder=recorder)
            if error is not None and not is_last_attempt:
                _wait_for_retry(sending[index:], error, recorder=recorder)
                return
            if error is not None:
                _give_up(email, error, recorder=recorder)
            recorder.record_sent()
    except BaseException:
        # Interrupted (time limit, lost database): the deliveries not tried yet can be retried
        # at once. The one being sent may have gone out: it keeps its claim until the lease
        # ends, as a send abandoned by a dead worker does.
        untried = [email.delivery.pk for email in sending[index + 1 :]]
        with suppress(DatabaseError):
            batch.deliveries_finish(
                ids=untried, status=DeliveryStatus.RETRYING, reason="interrupted"
            )
        raise


def _send_one(email: _Email, *, recorder: _Recorder) -> Exception | None:
    """Send one member's email and record it (sent, or refused: that address only, the batch
    goes on). Return the mail server's error, if it failed."""
    prefs = email.prefs
    composed = _inactive_compose(prefs) if email.is_notice else digest_compose(prefs, email.digest)
    message = message_build(to=prefs.verified_email, user_id=prefs.user_id, composed=composed)
    try:
        smtp_send(message)
    except smtplib.SMTPRecipientsRefused:
        _refused(email, recorder=recorder)
        return None
    except (smtplib.SMTPException, OSError) as error:
        return error
    recorder.sent.append(email.delivery)
    if prefs.failed_delivery_count > 0:
        account_services.email_delivery_success_record(user_id=prefs.user_id)
    recorder.settled(email, Outcome.SENT)
    return None


def _refused(email: _Email, *, recorder: _Recorder) -> None:
    """The server refused this member's address: recorded, counted towards pausing."""
    batch.deliveries_finish(ids=[email.delivery.pk], status=DeliveryStatus.FAILED, reason="refused")
    account_services.email_delivery_failure_record(user_id=email.user_id)
    delivery_log(email.delivery, Outcome.REFUSED)
    recorder.settled(email, Outcome.REFUSED)


def _give_up(email: _Email, error: Exception, *, recorder: _Recorder) -> None:
    batch.deliveries_finish(
        ids=[email.delivery.pk], status=DeliveryStatus.FAILED, reason=type(error).__name__
    )
    delivery_log(email.delivery, Outcome.FAILED)
    recorder.settled(email, Outcome.FAILED)


def _wait_for_retry(rest: list[_Email], error: Exception, *, recorder: _Recorder) -> None:
    """The mail server failed: this member and the rest of the batch wait to retry (each
    resumes its claimed delivery), rather than each waiting for the same timeout now."""
    batch.deliveries_finish(
        ids=[email.delivery.pk for email in rest],
        status=DeliveryStatus.RETRYING,
        reason=type(error).__name__,
    )
    for email in rest:
        delivery_log(email.delivery, RETRYING)
        recorder.outcome(RETRYING, email.prefs, digest_due_at=recorder.now + ENQUEUE_LEASE)
        recorder.result.retry_ids.append(email.user_id)


# --- Composing ---------------------------------------------------------------------------------


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


def _inactive_compose(prefs: EmailPreferences) -> Composed:
    """The one "your summaries have stopped" email to a member inactive for 180 days."""
    subject = _("Your %(site)s summaries have stopped") % {"site": settings.SITE_NAME}
    text, html = render_email(
        "inactive",
        {
            "subject": subject,
            "handle": prefs.user.handle,
            "login_url": absolute_url(reverse("account_login")),
            **footer_context(user_id=prefs.user_id, scope=UnsubscribeScope.DIGEST),
        },
    )
    return Composed(subject, text, html, UnsubscribeScope.DIGEST)
