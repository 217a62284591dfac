"""One digest pipeline: a member's digest sent alone (a batch of one, as the `send_digest` task
does) is the email they get in a batch with others, whatever state they are in: a delivery
waiting to retry, digests stopped and back since, inactive for 180 days, quiet hours, paused.
The rare states cost the batch no query each."""

import smtplib
from collections import Counter
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts import services as account_services
from accounts.enums import DeliveryStatus, EmailKind
from accounts.models import EmailDelivery, EmailPreferences, User
from forums import services
from forums.digests.sending import digest_send, digests_send_batch
from forums.mailing import Outcome, TransientEmailError
from tests.factories import PostFactory, ThreadFactory, UserFactory

START = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)  # a Wednesday
SEND = datetime(2026, 7, 1, 8, 5, tzinfo=UTC)
NEXT = datetime(2026, 7, 2, 8, 7, tzinfo=UTC)  # the next day's digests
SCHEDULE_FIELDS = (
    "user_id",
    "digest_last_period",
    "digest_handled_at",
    "digest_due_at",
    "digest_last_sent_at",
    "digest_stopped_at",
)
DELIVERY_FIELDS = ("user_id", "kind", "period_key", "status", "attempts", "item_count")


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def _reader(handle, *, forum, thread, **values):
    user = UserFactory(handle=handle, email=f"{handle}.private@example.org")
    account_services.email_preferences_update(
        user=user, values={"digest_frequency": "daily", **values}
    )
    services.thread_watch(user=user, thread=thread)
    services.forum_follow(user=user, forum=forum)
    return user


def _fail_sends_of(users, *, now):
    """Leave each member's digest waiting to retry, as a mail server down at `now` does."""
    with mock.patch("forums.digests.sending.smtp_send", side_effect=smtplib.SMTPServerDisconnected):
        result = digests_send_batch(user_ids=[u.pk for u in users], now=now)
    assert sorted(result.retry_ids) == sorted(u.pk for u in users)


def _set_last_login(user, at):
    User.objects.filter(pk=user.pk).update(last_login=at)


@pytest.fixture
def members(forum, thread, author, clock):
    """Members in every state a digest run meets, with news in the thread and forum they
    follow; the rare ones set up through the pipeline where it makes them."""
    make = {"forum": forum, "thread": thread}
    plain = _reader("plain", **make)
    excerpts = _reader("excerpts", digest_content="excerpts", **make)
    descriptive = _reader("descriptive", is_subject_neutral=False, **make)
    resuming = _reader("resuming", **make)
    returned = _reader("returned", **make)
    inactive = _reader("inactive", **make)
    still_away = _reader("still_away", **make)
    quiet = _reader(
        "quiet",
        has_quiet_hours=True,
        quiet_hours_start=datetime(2026, 1, 1, 8).time(),
        quiet_hours_end=datetime(2026, 1, 1, 9).time(),
        **make,
    )
    paused = _reader("paused", **make)
    PostFactory(thread=thread, body="A first reply.")

    # Away for 181 days: told once that their summaries stopped; one of them came back since.
    for user in (returned, still_away, inactive):
        _set_last_login(user, START - timedelta(days=181))
    assert digest_send(user_id=returned.pk, now=SEND) == Outcome.STOPPED
    assert digest_send(user_id=still_away.pk, now=SEND) == Outcome.STOPPED
    _set_last_login(returned, SEND + timedelta(minutes=30))
    EmailPreferences.objects.filter(user=paused).update(is_email_paused=True)
    _fail_sends_of([resuming], now=SEND)
    mail.outbox.clear()
    # The news of the next day's digests.
    clock.move_to(SEND + timedelta(hours=1))
    PostFactory(thread=thread, body="A walk helped me today.")
    ThreadFactory(forum=forum, author=author, title="Fresh thread")
    return {
        "plain": plain,
        "excerpts": excerpts,
        "descriptive": descriptive,
        "resuming": resuming,
        "returned": returned,
        "inactive": inactive,
        "still_away": still_away,
        "quiet": quiet,
        "paused": paused,
    }


def _emails():
    return sorted(
        (
            message.to,
            message.subject,
            message.body,
            message.alternatives[0][0],
            message.extra_headers["List-Unsubscribe"],
        )
        for message in mail.outbox
    )


def _state(user_ids):
    return (
        sorted(EmailPreferences.objects.filter(user_id__in=user_ids).values_list(*SCHEDULE_FIELDS)),
        sorted(EmailDelivery.objects.filter(user_id__in=user_ids).values_list(*DELIVERY_FIELDS)),
    )


class _Undo(Exception):
    pass


def _each_alone(user_ids, *, now):
    """Send each member's digest alone; return the outcomes, emails and state it left, then
    undo it all (the database and the outbox) so the batch starts from the same state."""
    try:
        with transaction.atomic():
            outcomes = {user_id: digest_send(user_id=user_id, now=now) for user_id in user_ids}
            seen = (outcomes, _emails(), _state(user_ids))
            raise _Undo
    except _Undo:
        pass
    mail.outbox.clear()
    cache.clear()  # the batch computes its shared candidate lists itself
    return seen


def test_a_member_alone_and_in_a_batch_gets_the_same_email_in_every_state(members):
    user_ids = [user.pk for user in members.values()]
    alone_outcomes, alone_emails, alone_state = _each_alone(user_ids, now=NEXT)

    result = digests_send_batch(user_ids=user_ids, now=NEXT)

    assert _emails() == alone_emails
    assert _state(user_ids) == alone_state
    assert result.retry_ids == []
    outcome = {handle: alone_outcomes[user.pk] for handle, user in members.items()}
    assert result.outcomes == {
        Outcome.SENT: 5,
        Outcome.STOPPED: 2,
        Outcome.DEFERRED: 1,
        Outcome.SKIPPED: 1,
    }
    assert Counter(alone_outcomes.values()) == result.outcomes
    # Each state is what it says: the comparison covers the rare ones.
    assert outcome["resuming"] == outcome["returned"] == Outcome.SENT
    assert outcome["inactive"] == outcome["still_away"] == Outcome.STOPPED
    assert (outcome["quiet"], outcome["paused"]) == (Outcome.DEFERRED, Outcome.SKIPPED)
    by_address = {to[0]: (subject, body) for to, subject, body, *_ in _emails()}
    assert set(by_address) == {
        f"{handle}.private@example.org"
        for handle in ("plain", "excerpts", "descriptive", "resuming", "returned", "inactive")
    }
    assert by_address["inactive.private@example.org"][0] == "Your Hearth summaries have stopped"
    assert "A walk helped me today." in by_address["excerpts.private@example.org"][1]
    assert "A walk helped me today." not in by_address["plain.private@example.org"][1]
    assert by_address["descriptive.private@example.org"][0].startswith("Hearth: 2 threads")
    resumed = EmailDelivery.objects.get(user=members["resuming"], kind=EmailKind.DIGEST)
    assert (resumed.status, resumed.attempts) == (DeliveryStatus.SENT, 2)
    assert EmailPreferences.objects.get(user=members["returned"]).digest_stopped_at is None


def test_a_member_alone_and_in_a_batch_wait_alike_when_the_mail_server_is_down(members):
    user_ids = [user.pk for user in members.values()]
    down = mock.patch("forums.digests.sending.smtp_send", side_effect=ConnectionRefusedError)
    with down:
        alone = {}
        try:
            with transaction.atomic():
                for user_id in user_ids:
                    try:
                        alone[user_id] = digest_send(user_id=user_id, now=NEXT)
                    except TransientEmailError:
                        alone[user_id] = "retrying"
                alone_state = _state(user_ids)
                raise _Undo
        except _Undo:
            pass
        cache.clear()
        result = digests_send_batch(user_ids=user_ids, now=NEXT)

    waiting = sorted(user_id for user_id, outcome in alone.items() if outcome == "retrying")
    assert sorted(result.retry_ids) == waiting
    assert len(waiting) == 6  # five digests (one resumed) and the inactive member's notice
    assert _state(user_ids) == alone_state
    assert mail.outbox == []


def test_members_in_rare_states_cost_the_batch_no_query_each(forum, thread, author, clock):
    make = {"forum": forum, "thread": thread}
    readers = [_reader(f"reader{n}", **make) for n in range(13)]
    PostFactory(thread=thread, body="a reply")
    warm_up, few, many = readers[:1], readers[1:4], readers[4:]
    for group in (few, many):
        resuming, returned, inactive = group[0::3], group[1::3], group[2::3]
        _fail_sends_of(resuming, now=SEND)
        for user in [*returned, *inactive]:
            _set_last_login(user, START - timedelta(days=181))
        for user in returned:
            assert digest_send(user_id=user.pk, now=SEND) == Outcome.STOPPED
            _set_last_login(user, SEND + timedelta(minutes=30))
    clock.move_to(SEND + timedelta(hours=1))
    PostFactory(thread=thread, body="another reply")
    ThreadFactory(forum=forum, author=author, title="Fresh thread")
    digests_send_batch(user_ids=[user.pk for user in warm_up], now=NEXT)  # caches candidates

    def queries_for(group):
        with CaptureQueriesContext(connection) as queries:
            result = digests_send_batch(user_ids=[user.pk for user in group], now=NEXT)
        assert result.outcomes == {
            Outcome.SENT: len(group) * 2 // 3,
            Outcome.STOPPED: len(group) // 3,
        }
        return len(queries)

    assert (len(few), len(many)) == (3, 9)  # one member in each rare state, then three
    assert queries_for(few) == queries_for(many)
