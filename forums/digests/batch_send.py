"""Sending the digests of a batch of members: the same decisions and guarantees as
`sending.digest_send` for each, with a constant number of queries for the batch.

Members in a rare state (a delivery to resume, digests stopped, inactive for 180 days) go
through `digest_send` one by one. The others are read, built, claimed and recorded together:
one delivery record per member is claimed in one INSERT before anything is sent (the unique
constraint still decides), each email goes out on the worker's kept-open SMTP connection, and
the outcomes are written in a few bulk UPDATEs.
"""

import logging
import smtplib
import time
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime

from django.db import DatabaseError
from django.utils import timezone

from accounts import services as account_services
from accounts.enums import DeliveryStatus, EmailKind
from accounts.models import EmailDelivery, EmailPreferences
from forums.digests import batch
from forums.digests.building import digest_window
from forums.digests.schedule import digest_decision, is_quiet, member_zone, quiet_hours_end
from forums.digests.sending import (
    ENQUEUE_LEASE,
    digest_compose,
    digest_send,
    handled_fields,
    is_inactive,
    quiet_hours_of,
)
from forums.mailing import (
    Outcome,
    TransientEmailError,
    message_build,
    smtp_send,
)

logger = logging.getLogger("hearth.email")

# Sent deliveries are recorded at least this often during a batch (and at its end), so a worker
# killed mid-batch leaves few sent emails still marked "sending".
RECORD_EVERY_SECONDS = 2.0


@dataclass
class BatchResult:
    outcomes: Counter = field(default_factory=Counter)
    # Members whose email waits for the mail server: the task retries them with backoff.
    retry_ids: list[int] = field(default_factory=list)


@dataclass
class _Due:
    prefs: EmailPreferences
    period_key: str


class _Recorder:
    """Collects outcomes and scheduling changes; writes them in bulk."""

    def __init__(self, now: datetime):
        self.now = now
        self.result = BatchResult()
        self.prefs_changes: list[tuple[EmailPreferences, tuple[str, ...]]] = []
        self.sent: list[EmailDelivery] = []
        self.recorded_at = time.monotonic()

    def outcome(self, outcome: str, prefs=None, **fields) -> None:
        self.result.outcomes[outcome] += 1
        if prefs is not None and fields:
            for name, value in fields.items():
                setattr(prefs, name, value)
            self.prefs_changes.append((prefs, tuple(fields)))

    def handled(self, prefs, outcome: str, *, period_key: str, sent_until=None) -> None:
        fields = handled_fields(prefs, period_key=period_key, now=self.now, sent_until=sent_until)
        self.outcome(outcome, prefs, **fields)

    def record_sent(self, *, force: bool = False) -> None:
        if self.sent and (force or time.monotonic() - self.recorded_at > RECORD_EVERY_SECONDS):
            batch.deliveries_finish(
                ids=[d.pk for d in self.sent], status=DeliveryStatus.SENT, now=self.now
            )
            for delivery in self.sent:
                _log(delivery, Outcome.SENT)
            self.sent = []
            self.recorded_at = time.monotonic()

    def flush(self) -> None:
        self.record_sent(force=True)
        batch.preferences_save(self.prefs_changes)
        self.prefs_changes = []


def _triage(prefs: EmailPreferences, now: datetime, recorder: _Recorder) -> str | None:
    """Decide as `digest_send` does, without writing: record the outcome of a member with
    nothing to send, return this period's key if the digest is due, or "member" for a member
    to hand to `digest_send` (a delivery to resume, stopped or inactive)."""
    if not (prefs.user.is_active and prefs.wants_digest) or prefs.is_email_paused:
        recorder.outcome(Outcome.SKIPPED, prefs, digest_due_at=None)
        return None
    if prefs.digest_stopped_at is not None:
        return "member"
    tz = member_zone(prefs.user.timezone)
    quiet = quiet_hours_of(prefs)
    if is_quiet(quiet, tz, now):
        recorder.outcome(Outcome.DEFERRED, prefs, digest_due_at=quiet_hours_end(quiet, tz, now))
        return None
    if prefs.has_unfinished_delivery:
        return "member"
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
        recorder.outcome(Outcome.NOT_DUE, prefs, digest_due_at=decision.check_at)
        return None
    if is_inactive(prefs.user, now):
        return "member"
    return decision.slot.period_key


def digests_send_batch(
    *, user_ids, now: datetime | None = None, is_last_attempt: bool = False
) -> BatchResult:
    """Send the digests due to `user_ids`, each at most once per period, as `digest_send`
    would one by one; return the outcomes and the members to retry (the mail server failed:
    their deliveries wait to retry; the rest of the batch is not sent twice).

    About a dozen queries for the batch, plus the excerpts' one per member who chose them and the
    rare members handed to `digest_send`.
    """
    now = now or timezone.now()
    recorder = _Recorder(now)
    due: list[_Due] = []
    one_by_one: list[int] = []
    found = batch.preferences_for_sending(user_ids=user_ids)
    missing = len(set(user_ids)) - len(found)  # no preference row: nothing to send
    if missing:
        recorder.result.outcomes[Outcome.SKIPPED] += missing
    for prefs in found:
        step = _triage(prefs, now, recorder)
        if step == "member":
            one_by_one.append(prefs.user_id)
        elif step is not None:
            due.append(_Due(prefs, step))
    try:
        smtp_down = _send_due(due, now=now, is_last_attempt=is_last_attempt, recorder=recorder)
        for user_id in one_by_one:
            if smtp_down and not is_last_attempt:
                recorder.result.retry_ids.append(user_id)
                continue
            try:
                outcome = digest_send(user_id=user_id, now=now, is_last_attempt=is_last_attempt)
            except TransientEmailError:
                smtp_down = True
                recorder.result.retry_ids.append(user_id)
                continue
            recorder.outcome(outcome)
    finally:
        recorder.flush()
    return recorder.result


def _build(due: list[_Due], now: datetime) -> dict:
    jobs, frequency = [], {}
    for item in due:
        since, until = digest_window(
            frequency=item.prefs.digest_frequency,
            last_sent_at=item.prefs.digest_last_sent_at,
            now=now,
        )
        jobs.append(batch.DigestJob(prefs=item.prefs, since=since, until=until))
        frequency[item.prefs.user_id] = item.prefs.digest_frequency
    return batch.digests_build(jobs=jobs, frequency_of=lambda job: frequency[job.user_id])


def _send_due(due: list[_Due], *, now, is_last_attempt, recorder: _Recorder) -> bool:
    """Build, claim and send the due digests; return whether the mail server is down."""
    digests = _build(due, now)
    to_claim = []
    for item in due:
        digest = digests[item.prefs.user_id]
        if digest.is_empty:
            recorder.handled(item.prefs, Outcome.EMPTY, period_key=item.period_key)
        else:
            to_claim.append(item)
    claimed = batch.deliveries_start(
        claims=[
            (item.prefs.user_id, item.period_key, digests[item.prefs.user_id].item_count)
            for item in to_claim
        ],
        now=now,
    )
    sending = []
    for item in to_claim:
        user_id = item.prefs.user_id
        if user_id in claimed:
            delivery = EmailDelivery(
                pk=claimed[user_id],
                user_id=user_id,
                kind=EmailKind.DIGEST,
                period_key=item.period_key,
                status=DeliveryStatus.SENDING,
                attempts=1,
            )
        else:
            # A record exists: finished (a duplicate) or, rarely, abandoned mid-send.
            delivery = _claim_existing(user_id, item.period_key, now=now)
            if delivery is None:
                recorder.outcome(Outcome.DUPLICATE)
                continue
        sending.append((item, delivery))
    no_address = [(item, d) for item, d in sending if item.prefs.verified_email is None]
    if no_address:
        # No verified address (any more): nothing to send to; the period counts as handled.
        EmailDelivery.objects.filter(pk__in=[d.pk for _, d in no_address]).delete()
        for item, _ in no_address:
            recorder.handled(item.prefs, Outcome.SKIPPED, period_key=item.period_key)
    sending = [(item, d) for item, d in sending if item.prefs.verified_email is not None]
    return _send_all(sending, digests, is_last_attempt=is_last_attempt, recorder=recorder)


def _send_all(sending, digests, *, is_last_attempt: bool, recorder: _Recorder) -> bool:
    """Compose and send each digest on the worker's kept-open SMTP connection; record how each
    went. After a failure of the mail server the rest wait to retry rather than each waiting
    for the same timeout now (on the last attempt each gets its own try). Return whether the
    server failed and members wait to retry."""
    index = -1
    try:
        for index, (item, delivery) in enumerate(sending):
            error = _send_one(item, delivery, digests[item.prefs.user_id], recorder=recorder)
            if error is not None and not is_last_attempt:
                _wait_for_retry(sending[index:], error, recorder=recorder)
                return True
            if error is not None:
                _give_up(item, delivery, error, recorder=recorder)
            recorder.record_sent()
    except BaseException:
        # Interrupted (time limit, lost database): the deliveries not tried yet can be retried
        # at once. The one being sent may have gone out: it keeps its claim until the lease
        # ends, as a send abandoned by a dead worker does.
        untried = [delivery.pk for _, delivery in sending[index + 1 :]]
        with suppress(DatabaseError):
            batch.deliveries_finish(
                ids=untried, status=DeliveryStatus.RETRYING, reason="interrupted"
            )
        raise
    return False


def _send_one(item: _Due, delivery, digest, *, recorder: _Recorder) -> Exception | None:
    """Send one member's digest and record it (sent, or refused: that address only, the batch
    goes on). Return the mail server's error, if it failed."""
    prefs = item.prefs
    composed = digest_compose(prefs, digest)
    message = message_build(to=prefs.verified_email, user_id=prefs.user_id, composed=composed)
    try:
        smtp_send(message)
    except smtplib.SMTPRecipientsRefused:
        _refused(item, delivery, recorder=recorder)
        return None
    except (smtplib.SMTPException, OSError) as error:
        return error
    recorder.sent.append(delivery)
    if prefs.failed_delivery_count > 0:
        account_services.email_delivery_success_record(user_id=prefs.user_id)
    recorder.handled(prefs, Outcome.SENT, period_key=item.period_key, sent_until=digest.until)
    return None


def _claim_existing(user_id: int, period_key: str, *, now) -> EmailDelivery | None:
    from forums.mailing import delivery_claim

    existing = EmailDelivery.objects.filter(
        user_id=user_id, kind=EmailKind.DIGEST, period_key=period_key
    ).first()
    return None if existing is None else delivery_claim(existing, now=now)


def _refused(item: _Due, delivery, *, recorder: _Recorder) -> None:
    """The server refused this member's address: recorded, counted towards pausing."""
    batch.deliveries_finish(ids=[delivery.pk], status=DeliveryStatus.FAILED, reason="refused")
    account_services.email_delivery_failure_record(user_id=item.prefs.user_id)
    _log(delivery, Outcome.REFUSED)
    recorder.handled(item.prefs, Outcome.REFUSED, period_key=item.period_key)


def _give_up(item: _Due, delivery, error: Exception, *, recorder: _Recorder) -> None:
    batch.deliveries_finish(
        ids=[delivery.pk], status=DeliveryStatus.FAILED, reason=type(error).__name__
    )
    _log(delivery, Outcome.FAILED)
    recorder.handled(item.prefs, Outcome.FAILED, period_key=item.period_key)


def _wait_for_retry(rest, error: Exception, *, recorder: _Recorder) -> None:
    """The mail server failed: this member and the rest of the batch wait to retry (each
    resumes its claimed delivery), rather than each waiting for the same timeout now."""
    batch.deliveries_finish(
        ids=[delivery.pk for _, delivery in rest],
        status=DeliveryStatus.RETRYING,
        reason=type(error).__name__,
    )
    for item, delivery in rest:
        _log(delivery, "retrying")
        recorder.outcome("retrying", item.prefs, digest_due_at=recorder.now + ENQUEUE_LEASE)
        recorder.result.retry_ids.append(item.prefs.user_id)


def _log(delivery: EmailDelivery, outcome: str) -> None:
    logger.info(
        "email %s %s to member %s: %s (attempt %s)",
        delivery.kind,
        delivery.period_key,
        delivery.user_id,
        outcome,
        delivery.attempts,
    )
