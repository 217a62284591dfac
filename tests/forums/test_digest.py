"""Digests: content through the visibility layer, titles only by default, neutral subject,
exactly once per period, unsubscribe headers, current address, bounces and inactivity."""

import smtplib
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache

from accounts import services as account_services
from accounts.enums import DeliveryStatus, EmailKind
from accounts.models import EmailDelivery, EmailPreferences
from forums import services, tasks
from forums.digests.sending import digest_send, digests_enqueue_due, digests_send_batch
from forums.enums import PostStatus
from forums.mailing import Outcome, TransientEmailError
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory

START = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)  # a Wednesday
SEND = datetime(2026, 7, 1, 8, 5, tzinfo=UTC)
SECRET_TEXT = "my private words about the clinic"


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def reader(clock, db):
    """A member with a daily digest at 08:00 UTC, titles only (the default content)."""
    user = UserFactory(handle="calm_reader", email="reader.private@example.org")
    account_services.email_preferences_update(user=user, values={"digest_frequency": "daily"})
    return user


SEND_PATHS = {"path": "member"}


@pytest.fixture(autouse=True, params=["member", "batch"])
def send_path(request, monkeypatch):
    """Run every test through the one-member send (what the `send_digest` task calls: a batch of
    one raising TransientEmailError to be retried) and through the batch it wraps."""
    monkeypatch.setitem(SEND_PATHS, "path", request.param)
    return request.param


def _send(user, **kwargs):
    now = kwargs.pop("now", SEND)
    if SEND_PATHS["path"] == "member":
        return digest_send(user_id=user.pk, now=now, **kwargs)
    result = digests_send_batch(user_ids=[user.pk], now=now, **kwargs)
    if result.retry_ids:
        raise TransientEmailError("retrying")
    (outcome,) = result.outcomes
    return outcome


def _digests():
    return [m for m in mail.outbox if "summary" in m.subject or "news" in m.subject]


def _reply(thread, body=SECRET_TEXT, **kwargs):
    return PostFactory(thread=thread, body=body, **kwargs)


@pytest.fixture
def watched(reader, thread):
    services.thread_watch(user=reader, thread=thread)
    return thread


def test_a_reply_in_a_watched_thread_is_in_the_digest_with_titles_only(watched, reader):
    _reply(watched)
    assert _send(reader) == Outcome.SENT
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "Breathing exercises that help" in message.body
    assert "Breathing exercises that help" in html
    assert "2 new posts" in message.body  # the opening post and the reply
    assert SECRET_TEXT not in message.body
    assert SECRET_TEXT not in html
    assert "Hello, everyone" not in html  # the opening post's text neither


def test_the_subject_is_neutral_by_default(watched, reader):
    _reply(watched)
    _send(reader)
    assert mail.outbox[0].subject == "Your Hearth summary"


def test_a_member_may_choose_a_descriptive_subject(watched, reader, settings):
    settings.SITE_NAME = "Hearth"
    account_services.email_preferences_update(user=reader, values={"is_subject_neutral": False})
    EmailPreferences.objects.filter(user=reader).update(digest_handled_at=START)
    _reply(watched)
    _send(reader)
    assert mail.outbox[0].subject == "Hearth: 1 thread with news in Anxiety & panic"


def test_excerpts_show_a_short_text_but_only_the_warning_of_a_warned_post(watched, reader, forum):
    account_services.email_preferences_update(user=reader, values={"digest_content": "excerpts"})
    EmailPreferences.objects.filter(user=reader).update(digest_handled_at=START)
    _reply(watched, body="A walk helped me today.")
    services.forum_follow(user=reader, forum=forum)
    ThreadFactory(
        forum=forum, title="Hard night", body=SECRET_TEXT, content_warning="hospital stay"
    )
    _send(reader)
    (message,) = mail.outbox
    assert "A walk helped me today." in message.body
    assert "Content warning: hospital stay" in message.body
    assert SECRET_TEXT not in message.body
    assert SECRET_TEXT not in message.alternatives[0][0]


def test_held_posts_and_threads_never_appear(watched, reader, forum, moderator):
    EmailPreferences.objects.filter(user=reader).update(digest_last_sent_at=START)
    held = _reply(watched, body="held words")
    services.post_hide(post=held, acting_user=moderator)
    held.refresh_from_db()
    assert held.status == PostStatus.HELD
    removed = _reply(watched, body="removed words")
    services.post_remove(post=removed, acting_user=moderator)
    services.forum_follow(user=reader, forum=forum)
    thread = ThreadFactory(forum=forum, title="Held thread title")
    services.post_hide(post=thread.posts.get(), acting_user=moderator)
    outcome = _send(reader)
    assert not mail.outbox, mail.outbox[0].body
    assert outcome == Outcome.EMPTY
    assert mail.outbox == []


def test_private_forums_appear_only_with_access(reader, private_forum, author):
    services.forum_access_grant(forum=private_forum, user=author, acting_user=None)
    services.forum_follow(user=reader, forum=private_forum)
    ThreadFactory(forum=private_forum, author=author, title="Carers only thread")
    assert _send(reader) == Outcome.EMPTY
    assert mail.outbox == []
    EmailPreferences.objects.filter(user=reader).update(
        digest_last_sent_at=START - timedelta(hours=1)
    )
    services.forum_access_grant(forum=private_forum, user=reader, acting_user=None)
    assert _send(reader, now=SEND + timedelta(days=1)) == Outcome.SENT  # since its last digest
    assert "Carers only thread" in mail.outbox[0].body


def test_muted_threads_stay_out_of_the_digest(watched, reader, forum):
    services.forum_follow(user=reader, forum=forum)
    muted = ThreadFactory(forum=forum, title="Muted thread title")
    services.thread_mute(user=reader, thread=muted)
    _reply(watched)
    _send(reader)
    assert "Muted thread title" not in mail.outbox[0].body


def test_new_threads_in_followed_forums_and_popular_threads(reader, forum):
    services.forum_follow(user=reader, forum=forum)
    ThreadFactory(forum=forum, title="Followed forum news")
    elsewhere = ForumFactory(name="Sleep", slug="sleep")
    popular = ThreadFactory(forum=elsewhere, title="Everyone is talking here")
    for _ in range(3):
        _reply(popular, body="me too")
    _send(reader)
    body = mail.outbox[0].body
    assert "New in forums you follow" in body and "Followed forum news" in body
    assert "Popular new threads" in body and "Everyone is talking here" in body


def test_an_empty_digest_is_not_sent_and_the_period_is_done(reader):
    assert _send(reader) == Outcome.EMPTY
    assert mail.outbox == []
    prefs = EmailPreferences.objects.get(user=reader)
    assert prefs.digest_last_period == "d2026-07-01"
    assert prefs.digest_due_at == datetime(2026, 7, 2, 8, 0, tzinfo=UTC)


def test_not_due_before_the_local_hour(watched, reader):
    _reply(watched)
    assert _send(reader, now=START + timedelta(minutes=30)) == Outcome.NOT_DUE
    assert mail.outbox == []


def test_the_headers_offer_one_click_unsubscribe(watched, reader, settings):
    settings.SITE_URL = "https://hearth.example.org"
    _reply(watched)
    _send(reader)
    (message,) = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://hearth.example.org/email/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in message.body
    assert "https://hearth.example.org/t/" in message.body
    assert message.to == ["reader.private@example.org"]
    assert "<img" not in message.alternatives[0][0]


def test_no_other_members_address_is_in_the_email(watched, reader, author):
    _reply(watched)
    _send(reader)
    message = mail.outbox[0]
    everything = message.message().as_string()
    assert author.email not in everything
    assert "sam-walks" not in everything or author.email not in everything


def test_exactly_once_under_a_second_beat_run_and_a_repeated_task(watched, reader, clock):
    _reply(watched)
    clock.move_to(SEND)
    assert digests_enqueue_due() == 1
    tasks.send_digest.run(reader.pk)
    assert digests_enqueue_due() == 0  # leased, then rescheduled for tomorrow
    assert tasks.send_digest.run(reader.pk) == Outcome.NOT_DUE
    # Even with the member's schedule state lost, the delivery record stops a second send.
    EmailPreferences.objects.filter(user=reader).update(
        digest_last_period="", digest_handled_at=None, digest_last_sent_at=None
    )
    assert _send(reader) == Outcome.DUPLICATE  # the delivery record says it was sent
    assert len(mail.outbox) == 1
    delivery = EmailDelivery.objects.get(user=reader)
    assert (delivery.kind, delivery.period_key, delivery.status) == (
        "digest",
        "d2026-07-01",
        "sent",
    )


def test_the_beat_enqueues_after_commit_on_the_email_queue(
    reader, clock, django_capture_on_commit_callbacks, settings
):
    clock.move_to(SEND)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        digests_enqueue_due()
    sends = [c for c in callbacks if c.task_name == "forums.send_digests"]
    assert [c.task_args for c in sends] == [([reader.pk],)]
    from config.celery import app

    for name in ("forums.send_digests", "forums.send_digest"):
        assert app.amqp.router.route({}, name)["queue"].name == "email"
    assert "forums-enqueue-due-emails" in settings.CELERY_BEAT_SCHEDULE


def test_smtp_down_is_retried_and_sent_once(watched, reader):
    _reply(watched)
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError),
        pytest.raises(TransientEmailError),
    ):
        _send(reader)
    delivery = EmailDelivery.objects.get(user=reader)
    assert delivery.status == DeliveryStatus.RETRYING
    assert _send(reader, now=SEND + timedelta(minutes=2)) == Outcome.SENT
    assert _send(reader, now=SEND + timedelta(minutes=4)) == Outcome.NOT_DUE
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)


def test_the_task_retries_with_backoff_and_records_the_final_failure(watched, reader, clock):
    _reply(watched)
    clock.move_to(SEND)
    with (
        mock.patch(
            "django.core.mail.EmailMessage.send", side_effect=smtplib.SMTPServerDisconnected
        ),
        mock.patch.object(tasks.send_digest, "retry", side_effect=RuntimeError("retry")) as retry,
    ):
        with pytest.raises(RuntimeError):
            tasks.send_digest.run(reader.pk)
        assert retry.call_args.kwargs["countdown"] == 60
        assert _send(reader, is_last_attempt=True) == Outcome.FAILED
    delivery = EmailDelivery.objects.get(user=reader)
    assert (delivery.status, delivery.failure_reason) == ("failed", "SMTPServerDisconnected")
    assert mail.outbox == []
    assert _send(reader, now=SEND + timedelta(hours=1)) == Outcome.NOT_DUE


def test_the_current_verified_address_is_used_at_send_time(watched, reader):
    _reply(watched)
    tasks_enqueued_with = (reader.pk,)  # ids only: the address is looked up when sending
    EmailAddress.objects.filter(user=reader).update(primary=False)
    EmailAddress.objects.create(
        user=reader, email="new.private@example.org", primary=True, verified=True
    )
    _send(reader)
    assert mail.outbox[0].to == ["new.private@example.org"]
    assert tasks_enqueued_with == (reader.pk,)


def test_no_verified_address_means_no_email(watched, reader):
    _reply(watched)
    EmailAddress.objects.filter(user=reader).update(verified=False)
    assert _send(reader) == Outcome.SKIPPED
    assert mail.outbox == []
    assert not EmailDelivery.objects.exists()


def test_refused_addresses_are_recorded_and_pause_emails_after_three(
    watched, reader, client, clock
):
    refused = smtplib.SMTPRecipientsRefused({"x": (550, b"no such user")})
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=refused):
        for day in range(3):
            now = SEND + timedelta(days=day)
            clock.move_to(now - timedelta(hours=1))
            _reply(watched)
            assert _send(reader, now=now) == Outcome.REFUSED
    statuses = set(EmailDelivery.objects.values_list("status", "failure_reason"))
    assert statuses == {("failed", "refused")}
    prefs = EmailPreferences.objects.get(user=reader)
    assert prefs.is_email_paused and prefs.failed_delivery_count == 3
    _reply(watched)
    assert _send(reader, now=SEND + timedelta(days=3)) == Outcome.SKIPPED
    client.force_login(reader)
    page = client.get("/").content.decode()
    assert "We could not deliver emails to your address" in page
    response = client.post("/settings/email/resume/")
    assert response.status_code == 302
    prefs.refresh_from_db()
    assert not prefs.is_email_paused and prefs.failed_delivery_count == 0
    assert "We could not deliver" not in client.get("/").content.decode()
    assert cache.get(f"accounts:email-paused:{reader.pk}") is None


def test_hard_bounces_reported_later_pause_digests_until_the_member_resumes(
    watched, reader, client, settings, clock
):
    settings.EMAIL_HARD_BOUNCES_BEFORE_PAUSE = 2
    _reply(watched)
    assert _send(reader) == Outcome.SENT  # accepted by the mail server; it bounces later
    for reference in ("bounce-1", "bounce-2"):
        account_services.email_bounce_record(
            address=reader.email, kind="hard", source="webhook", reference=reference
        )
    clock.move_to(SEND + timedelta(hours=1))
    _reply(watched)
    assert _send(reader, now=SEND + timedelta(days=1)) == Outcome.SKIPPED
    client.force_login(reader)
    assert "We could not deliver emails to your address" in client.get("/").content.decode()
    client.post("/settings/email/resume/")
    assert _send(reader, now=SEND + timedelta(days=1, minutes=15)) == Outcome.SENT
    assert len(_digests()) == 2


def test_inactive_members_get_one_last_email_then_nothing_until_they_return(watched, reader, clock):
    type(reader).objects.filter(pk=reader.pk).update(last_login=START - timedelta(days=181))
    _reply(watched)
    assert _send(reader) == Outcome.STOPPED
    (notice,) = mail.outbox
    assert notice.subject == "Your Hearth summaries have stopped"
    assert "just log in" in notice.body
    assert SECRET_TEXT not in notice.body
    later = SEND + timedelta(days=1)
    assert digests_enqueue_due(now=later) == 0
    assert _send(reader, now=later) == Outcome.STOPPED
    assert len(mail.outbox) == 1
    # They come back: digests resume by themselves at the next slot.
    type(reader).objects.filter(pk=reader.pk).update(last_login=later + timedelta(minutes=1))
    assert digests_enqueue_due(now=later + timedelta(minutes=2)) == 1
    clock.move_to(later + timedelta(hours=1))
    _reply(watched)
    assert _send(reader, now=later + timedelta(days=1)) == Outcome.SENT
    assert len(mail.outbox) == 2


def test_a_member_never_gets_a_digest_of_their_own_posts(reader, forum):
    services.forum_follow(user=reader, forum=forum)
    own = ThreadFactory(forum=forum, author=reader, title="My own thread")
    _reply(own, author=reader, body="I wrote this")
    assert _send(reader) == Outcome.EMPTY


def test_members_without_preferences_get_the_weekly_default_from_the_beat(clock, db):
    user = UserFactory()
    assert not EmailPreferences.objects.filter(user=user).exists()
    assert digests_enqueue_due(now=SEND) == 0  # created with their next slot, not due now
    prefs = EmailPreferences.objects.get(user=user)
    assert prefs.digest_frequency == "weekly" and prefs.digest_hour == 8
    assert prefs.digest_content == "titles" and prefs.is_subject_neutral
    assert prefs.is_moderation_email_on and not prefs.is_reply_email_on
    assert _send(user) == Outcome.NOT_DUE  # the first weekly digest comes next Monday
    assert EmailPreferences.objects.get(user=user).digest_due_at == datetime(
        2026, 7, 6, 8, 0, tzinfo=UTC
    )


def test_the_digest_costs_a_bounded_number_of_queries(
    watched, reader, forum, django_assert_max_num_queries
):
    services.forum_follow(user=reader, forum=forum)
    for n in range(8):
        ThreadFactory(forum=forum, title=f"New thread {n}")
        _reply(watched)
    # One member's digest is a batch of one. A batch costs the same whatever its size
    # (tests/forums/test_digest_batch.py); on PostgreSQL one of its statements sets the
    # batch's planner settings, and one finds the peer supporters who get the waiting list.
    with django_assert_max_num_queries(15):
        assert _send(reader) == Outcome.SENT


def test_delivery_records_hold_no_text_or_address(watched, reader, caplog):
    _reply(watched)
    with caplog.at_level("INFO", logger="hearth.email"):
        _send(reader)
    record = EmailDelivery.objects.get()
    flat = str([(f.name, getattr(record, f.attname)) for f in record._meta.fields])
    assert "example.org" not in flat and SECRET_TEXT not in flat
    assert "example.org" not in caplog.text and SECRET_TEXT not in caplog.text
    assert "breathing" not in caplog.text.lower()
    assert EmailKind.DIGEST in caplog.text
