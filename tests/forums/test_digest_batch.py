"""Batched digests: the same digests as one member at a time, through the same visibility rules,
a constant number of queries per batch, and exactly once even when the mail server or one
address fails in the middle of a batch."""

import smtplib
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services as account_services
from accounts.enums import DeliveryStatus
from accounts.models import EmailDelivery, EmailPreferences
from forums import selectors, services, tasks
from forums.digests import batch
from forums.digests.building import digest_build, digest_window
from forums.digests.sending import digests_send_batch
from forums.mailing import Outcome, smtp_send
from forums.models import Post
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory

START = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)
SEND = datetime(2026, 7, 1, 8, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def _reader(handle, **values):
    user = UserFactory(handle=handle)
    account_services.email_preferences_update(
        user=user, values={"digest_frequency": "daily", **values}
    )
    return user


@pytest.fixture
def busy(forum, thread, author):
    """Readers who each watch `thread` and follow `forum`, which has news."""
    readers = [_reader(f"reader{n}") for n in range(6)]
    for reader in readers:
        services.thread_watch(user=reader, thread=thread)
        services.forum_follow(user=reader, forum=forum)
    PostFactory(thread=thread, body="a reply")
    ThreadFactory(forum=forum, author=author, title="Fresh thread")
    return readers


def _queries_for(readers) -> int:
    with CaptureQueriesContext(connection) as queries:
        result = digests_send_batch(user_ids=[r.pk for r in readers], now=SEND)
    assert result.outcomes == {Outcome.SENT: len(readers)}
    return len(queries)


def test_a_batch_costs_the_same_queries_whatever_its_size(
    busy, thread, forum, django_assert_max_num_queries
):
    more = [_reader(f"more{n}") for n in range(8)]
    for reader in more:
        services.thread_watch(user=reader, thread=thread)
        services.forum_follow(user=reader, forum=forum)
    _queries_for(busy[:1])  # fills the shared candidate lists (cached per quarter hour)
    few = _queries_for(busy[1:3])
    with django_assert_max_num_queries(few):
        _queries_for([*busy[3:], *more])
    assert few <= 14  # 8 on SQLite; PostgreSQL adds SET LOCAL and savepoints
    assert len(mail.outbox) == len(busy) + len(more)


def _digests_one_by_one(readers):
    digests = {}
    for reader in readers:
        prefs = EmailPreferences.objects.select_related("user").get(user=reader)
        since, until = digest_window(
            frequency=prefs.digest_frequency, last_sent_at=prefs.digest_last_sent_at, now=SEND
        )
        digests[reader.pk] = digest_build(
            user=reader,
            frequency=prefs.digest_frequency,
            since=since,
            until=until,
            with_excerpts=prefs.digest_content == "excerpts",
        )
    return digests


def _digests_batched(readers):
    prefs = batch.preferences_for_sending(user_ids=[r.pk for r in readers])
    jobs = []
    for row in prefs:
        since, until = digest_window(
            frequency=row.digest_frequency, last_sent_at=row.digest_last_sent_at, now=SEND
        )
        jobs.append(batch.DigestJob(prefs=row, since=since, until=until))
    return batch.digests_build(jobs=jobs, frequency_of=lambda job: job.prefs.digest_frequency)


def test_batched_digests_are_those_of_one_member_at_a_time(
    forum, private_forum, thread, author, moderator, busy
):
    plain, granted, muting, blocking, excerpts, recent = busy
    services.forum_access_grant(forum=private_forum, user=author, acting_user=None)
    services.forum_access_grant(forum=private_forum, user=granted, acting_user=None)
    for reader in (plain, granted, muting):
        services.forum_follow(user=reader, forum=private_forum)
    ThreadFactory(forum=private_forum, author=author, title="Carers only")
    services.thread_mute(user=muting, thread=thread)
    account_services.block_create(user=blocking, member=author)
    account_services.email_preferences_update(user=excerpts, values={"digest_content": "excerpts"})
    EmailPreferences.objects.filter(user=recent).update(
        digest_last_sent_at=START + timedelta(minutes=30)
    )
    own = ThreadFactory(forum=forum, author=plain, title="Plain's own thread")
    PostFactory(thread=own, author=plain, body="mine")
    held = PostFactory(thread=thread, body="held words")
    services.post_hide(post=held, acting_user=moderator)
    sleep = ForumFactory(name="Sleep", slug="sleep")
    popular = ThreadFactory(forum=sleep, title="Everyone is talking here")
    for _ in range(3):
        PostFactory(thread=popular, body="me too")
    readers = [*busy, moderator]
    account_services.email_preferences_update(user=moderator, values={"digest_frequency": "daily"})
    services.thread_watch(user=moderator, thread=thread)

    one_by_one = _digests_one_by_one(readers)
    assert _digests_batched(readers) == one_by_one
    titles = {
        reader.handle: {e.title for e in [*d.watched, *d.followed, *d.popular]}
        for reader in readers
        for d in [one_by_one[reader.pk]]
    }
    assert "Carers only" in titles["reader1"] and "Carers only" not in titles["reader0"]
    assert "Breathing exercises that help" not in titles["reader2"]  # muted
    assert "Fresh thread" not in titles["reader3"]  # blocked author
    assert "Plain's own thread" not in titles["reader0"]


def test_the_digest_rule_is_the_selectors_rule(forum, thread, author, moderator, busy):
    plain, blocking = busy[0], busy[3]
    account_services.block_create(user=blocking, member=author)
    services.thread_mute(user=plain, thread=thread)
    held = PostFactory(thread=thread, body="held words")
    services.post_hide(post=held, acting_user=moderator)
    for user in (plain, blocking, moderator, author):
        expected = set(selectors._digest_posts_for(user).values_list("pk", flat=True))
        assert (
            set(Post.objects.filter(selectors.digest_post_q(user)).values_list("pk", flat=True))
            == expected
        )


def test_the_grouped_batch_rule_is_each_members_selectors_rule(
    forum, private_forum, thread, author, moderator, busy
):
    """The batched watched-threads query reads each row's member from the subscription: for
    every member it must keep exactly the posts `digest_post_q` keeps, less their own."""
    plain, blocking, muting, granted, forum_muter, on_break = busy
    services.forum_access_grant(forum=private_forum, user=author, acting_user=moderator)
    private_thread = ThreadFactory(forum=private_forum, author=author, title="Private")
    PostFactory(thread=private_thread, author=author, body="private reply")
    services.forum_access_grant(forum=private_forum, user=granted, acting_user=moderator)
    account_services.block_create(user=blocking, member=author)
    account_services.mute_forum(user=forum_muter, forum=forum)
    services.thread_mute(user=muting, thread=thread)
    account_services.break_start(user=on_break, until=SEND + timedelta(days=3))
    held = PostFactory(thread=thread, body="held words")
    services.post_hide(post=held, acting_user=moderator)
    PostFactory(thread=thread, author=plain, body="my own words")
    PostFactory(thread=thread, author=moderator, body="moderator words")
    users = [*busy, moderator, author]
    for user in users:
        for watched in (thread, private_thread):
            services.thread_watch(user=user, thread=watched)
    services.thread_mute(user=muting, thread=thread)
    members = type(plain).objects.filter(pk__in=[u.pk for u in users])
    member = "thread__subscriptions__user_id"
    got = set(
        Post.objects.filter(selectors.digest_post_q_for_members(members, member=member))
        .values_list(member, "pk")
        .distinct()
    )
    expected = {
        (user.pk, pk)
        for user in members
        for pk in Post.objects.filter(
            selectors.digest_post_q(user), thread__subscriptions__user=user
        )
        .exclude(author=user)
        .values_list("pk", flat=True)
    }
    assert got == expected
    # Opening posts: the same rule, applied to each row's forum, thread and author.
    opening = Post.objects.filter(position=1)
    rows, readers = selectors.digest_opening_posts_for_members(
        members, thread_ids=set(opening.values_list("thread_id", flat=True)), until=SEND
    )
    assert {row["pk"] for row in rows} >= set().union(*readers.values())
    for user in members:
        assert readers[user.pk] == set(
            opening.filter(selectors.digest_post_q(user))
            .exclude(author=user)
            .values_list("pk", flat=True)
        ), user.handle
    assert readers[granted.pk] - readers[plain.pk] == {private_thread.posts.get(position=1).pk}
    # The cases are there: a member with access sees the private reply, one without does not;
    # a member on a break sees nothing; the moderator sees no held post.
    private_posts = set(private_thread.posts.values_list("pk", flat=True))
    assert {pk for user_id, pk in got if user_id == granted.pk} & private_posts
    assert not {pk for user_id, pk in got if user_id == plain.pk} & private_posts
    assert not {pk for user_id, pk in got if user_id == on_break.pk}
    assert (moderator.pk, held.pk) not in got
    assert not {pk for user_id, pk in got if user_id == forum_muter.pk} - private_posts


def _refuse(address):
    def send(message):
        if message.to == [address]:
            raise smtplib.SMTPRecipientsRefused({address: (550, b"no such user")})
        smtp_send(message)

    return send


def test_a_refused_address_fails_only_that_member(busy):
    refused = busy[1]
    with mock.patch("forums.digests.sending.smtp_send", side_effect=_refuse(refused.email)):
        result = digests_send_batch(user_ids=[r.pk for r in busy], now=SEND)
    assert result.outcomes == {Outcome.SENT: 5, Outcome.REFUSED: 1}
    assert result.retry_ids == []
    statuses = dict(EmailDelivery.objects.values_list("user_id", "status"))
    assert statuses.pop(refused.pk) == DeliveryStatus.FAILED
    assert set(statuses.values()) == {DeliveryStatus.SENT}
    assert EmailPreferences.objects.get(user=refused).failed_delivery_count == 1
    assert len(mail.outbox) == 5


def test_the_mail_server_failing_mid_batch_retries_only_the_unsent(busy):
    calls = []

    def flaky(message):
        calls.append(message.to)
        if len(calls) == 3:
            raise smtplib.SMTPServerDisconnected("gone")
        smtp_send(message)

    ids = [r.pk for r in busy]
    with mock.patch("forums.digests.sending.smtp_send", side_effect=flaky):
        result = digests_send_batch(user_ids=ids, now=SEND)
    assert len(calls) == 3  # the rest were not tried against a failing server
    assert result.retry_ids == ids[2:]
    assert result.outcomes == {Outcome.SENT: 2, "retrying": 4}
    waiting = EmailDelivery.objects.filter(status=DeliveryStatus.RETRYING)
    assert sorted(waiting.values_list("user_id", flat=True)) == ids[2:]
    # A second beat run or a repeated task sends nothing twice; the retry sends the rest.
    again = digests_send_batch(user_ids=ids, now=SEND + timedelta(minutes=2))
    assert again.outcomes[Outcome.SENT] == 4 and again.retry_ids == []
    assert digests_send_batch(user_ids=ids, now=SEND + timedelta(minutes=4)).outcomes == {
        Outcome.NOT_DUE: 6
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in busy)
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_the_batch_task_retries_with_backoff_only_the_members_waiting(busy, clock):
    clock.move_to(SEND)
    ids = [r.pk for r in busy]
    with (
        mock.patch("forums.digests.sending.smtp_send", side_effect=smtplib.SMTPServerDisconnected),
        mock.patch.object(tasks.send_digests, "retry", side_effect=RuntimeError) as retry,
        pytest.raises(RuntimeError),
    ):
        tasks.send_digests.run(ids)
    assert retry.call_args.kwargs["args"] == (ids,)
    assert retry.call_args.kwargs["countdown"] == 60
    assert not mail.outbox


def test_the_last_attempt_records_each_failure(busy):
    ids = [r.pk for r in busy]
    with mock.patch("forums.digests.sending.smtp_send", side_effect=smtplib.SMTPServerDisconnected):
        result = digests_send_batch(user_ids=ids, now=SEND, is_last_attempt=True)
    assert result.outcomes == {Outcome.FAILED: 6} and result.retry_ids == []
    assert set(EmailDelivery.objects.values_list("status", "failure_reason")) == {
        ("failed", "SMTPServerDisconnected")
    }


def test_members_not_due_or_quiet_are_rescheduled_without_a_query_each(busy):
    quiet = busy[0]
    account_services.email_preferences_update(
        user=quiet,
        values={
            "has_quiet_hours": True,
            "quiet_hours_start": datetime(2026, 1, 1, 7).time(),
            "quiet_hours_end": datetime(2026, 1, 1, 9).time(),
        },
    )
    EmailPreferences.objects.filter(user=quiet).update(digest_handled_at=START)
    result = digests_send_batch(user_ids=[r.pk for r in busy], now=START + timedelta(hours=2))
    assert result.outcomes == {Outcome.DEFERRED: 1, Outcome.SENT: 5}
    assert EmailPreferences.objects.get(user=quiet).digest_due_at == datetime(
        2026, 7, 1, 9, 0, tzinfo=UTC
    )
    result = digests_send_batch(user_ids=[r.pk for r in busy], now=START + timedelta(hours=3))
    assert result.outcomes == {Outcome.SENT: 1, Outcome.NOT_DUE: 5}


def test_an_interrupted_batch_keeps_what_it_sent_and_frees_what_it_did_not_try(busy):
    calls = []

    def killed_on_the_third(message):
        calls.append(message.to)
        if len(calls) == 3:
            raise SoftTimeLimitExceeded
        smtp_send(message)

    ids = [r.pk for r in busy]
    with (
        mock.patch("forums.digests.sending.smtp_send", side_effect=killed_on_the_third),
        pytest.raises(SoftTimeLimitExceeded),
    ):
        digests_send_batch(user_ids=ids, now=SEND)
    statuses = dict(EmailDelivery.objects.values_list("user_id", "status"))
    assert [statuses[pk] for pk in ids] == ["sent", "sent", "sending", *["retrying"] * 3]
    # The retry sends the untried ones at once; the one that may have gone out waits for its
    # claim to lapse, as any send a dead worker left behind.
    again = digests_send_batch(user_ids=ids, now=SEND + timedelta(minutes=1))
    assert again.outcomes == {Outcome.SENT: 3, Outcome.NOT_DUE: 2, Outcome.DUPLICATE: 1}
    assert len(mail.outbox) == 5


def test_a_send_abandoned_mid_batch_is_taken_over_after_its_lease(busy):
    def killed_on_the_first(message):
        raise SoftTimeLimitExceeded

    ids = [r.pk for r in busy]
    with (
        mock.patch("forums.digests.sending.smtp_send", side_effect=killed_on_the_first),
        pytest.raises(SoftTimeLimitExceeded),
    ):
        digests_send_batch(user_ids=ids, now=SEND)
    assert EmailDelivery.objects.get(user_id=ids[0]).status == DeliveryStatus.SENDING
    within = digests_send_batch(user_ids=ids[:1], now=SEND + timedelta(minutes=14))
    assert within.outcomes == {Outcome.DUPLICATE: 1} and not mail.outbox
    after = digests_send_batch(user_ids=ids, now=SEND + timedelta(minutes=16))
    assert after.outcomes == {Outcome.SENT: 6}
    abandoned = EmailDelivery.objects.get(user_id=ids[0])
    assert (abandoned.status, abandoned.attempts) == (DeliveryStatus.SENT, 2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in busy)


def test_a_retry_pending_for_over_two_days_is_given_up_and_the_new_period_sent(busy, thread, clock):
    ids = [r.pk for r in busy]
    with mock.patch("forums.digests.sending.smtp_send", side_effect=smtplib.SMTPServerDisconnected):
        assert digests_send_batch(user_ids=ids, now=SEND).retry_ids == ids
    clock.move_to(SEND + timedelta(days=2, hours=1))
    PostFactory(thread=thread, body="news of the day")
    result = digests_send_batch(user_ids=ids, now=SEND + timedelta(days=3))
    assert result.outcomes == {Outcome.SENT: 6}
    assert sorted(EmailDelivery.objects.values_list("period_key", "status", "failure_reason")) == [
        *[("d2026-07-01", "failed", "expired")] * 6,
        *[("d2026-07-04", "sent", "")] * 6,
    ]
    assert len(mail.outbox) == 6
