"""Immediate emails: after commit on the email queue, grouped, only what the member turned on,
quiet hours, mutes and visibility; exactly once; the shared delivery claims."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail

from accounts import services as account_services
from accounts.enums import DeliveryStatus, EmailKind
from accounts.models import EmailDelivery, EmailPreferences
from forums import services, tasks
from forums.emails import notification_email_send
from forums.mailing import Outcome, delivery_start
from notifications import services as notification_services
from notifications.emails import GROUPING_DELAY, notification_emails_enqueue_due
from tests.factories import PostFactory, UserFactory

NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def _turn_on(user, **values):
    account_services.email_preferences_update(
        user=user, values={"is_reply_email_on": True, "is_mention_email_on": True, **values}
    )


def _reply(thread, body="A kind reply", **kwargs):
    return PostFactory(thread=thread, body=body, **kwargs)


def _fan_out(post):
    services.notifications_fan_out(post_id=post.pk)


def test_replies_schedule_one_grouped_email_after_commit_on_the_email_queue(
    thread, author, django_capture_on_commit_callbacks
):
    _turn_on(author)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for _ in range(3):
            _fan_out(_reply(thread))
    scheduled = [
        c for c in callbacks if getattr(c, "task_name", "") == "forums.send_notification_email"
    ]
    assert [c.task_args for c in scheduled] == [(author.pk,)]  # one for the three
    prefs = EmailPreferences.objects.get(user=author)
    assert prefs.notification_email_due_at == NOW + GROUPING_DELAY
    from config.celery import app

    assert app.amqp.router.route({}, "forums.send_notification_email")["queue"].name == "email"
    assert notification_email_send(user_id=author.pk) == Outcome.SENT
    (message,) = mail.outbox
    assert message.body.count("replied in “Breathing exercises that help”") == 3
    assert message.subject == "Your Hearth summary"
    assert "A kind reply" not in message.body  # titles only by default
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert notification_email_send(user_id=author.pk) == Outcome.NOT_DUE
    assert len(mail.outbox) == 1


def test_nothing_is_emailed_for_kinds_left_off(thread, author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _fan_out(_reply(thread, body="hi @sam-walks"))
    assert mail.outbox == []
    assert not EmailPreferences.objects.filter(notification_email_due_at__isnull=False).exists()


def test_mentions_are_emailed_only_when_turned_on(thread, member):
    account_services.email_preferences_update(user=member, values={"is_mention_email_on": True})
    _fan_out(_reply(thread, body="thanks @quiet_fern"))
    assert notification_email_send(user_id=member.pk) == Outcome.SENT
    assert "mentioned you in" in mail.outbox[0].body


def test_moderator_messages_are_emailed_by_default(member):
    services.notification_send_moderation_notice(
        recipient=member, text="Your post was removed under rule 2.", acting_user=None
    )
    assert notification_email_send(user_id=member.pk) == Outcome.SENT
    (message,) = mail.outbox
    assert "A message from the moderators" in message.body
    assert "rule 2" not in message.body  # titles only: the message itself is on the site


def test_excerpts_include_a_short_text(thread, author):
    _turn_on(author, digest_content="excerpts", is_subject_neutral=False)
    _fan_out(_reply(thread, body="You are not alone in this."))
    notification_email_send(user_id=author.pk)
    (message,) = mail.outbox
    assert "You are not alone in this." in message.body
    assert message.subject.endswith("replied in “Breathing exercises that help”")


def test_quiet_hours_hold_emails_until_they_end(thread, author, clock):
    _turn_on(
        author, has_quiet_hours=True, quiet_hours_start=time(11, 0), quiet_hours_end=time(13, 0)
    )
    _fan_out(_reply(thread))
    assert notification_email_send(user_id=author.pk) == Outcome.DEFERRED
    assert mail.outbox == []
    prefs = EmailPreferences.objects.get(user=author)
    assert prefs.notification_email_due_at == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
    assert notification_emails_enqueue_due(now=NOW + timedelta(minutes=30)) == 0
    clock.move_to(datetime(2026, 7, 1, 13, 15, tzinfo=UTC))
    assert notification_emails_enqueue_due() == 1
    assert notification_email_send(user_id=author.pk) == Outcome.SENT


def test_muted_threads_and_unreadable_posts_are_not_emailed(thread, author, moderator):
    _turn_on(author)
    post = _reply(thread)
    _fan_out(post)
    services.post_hide(post=post, acting_user=moderator)
    assert notification_email_send(user_id=author.pk) == Outcome.EMPTY
    _fan_out(_reply(thread))
    services.thread_mute(user=author, thread=thread)
    assert notification_email_send(user_id=author.pk) == Outcome.EMPTY
    assert mail.outbox == []


def test_notifications_read_on_the_site_are_not_emailed(thread, author):
    _turn_on(author)
    _fan_out(_reply(thread))
    notification_services.notification_mark_all_read(user=author)
    assert notification_email_send(user_id=author.pk) == Outcome.EMPTY


def test_each_notification_is_emailed_once_even_if_scheduled_again(thread, author):
    _turn_on(author)
    post = _reply(thread)
    _fan_out(post)
    assert tasks.send_notification_email.run(author.pk) == Outcome.SENT
    _fan_out(post)  # a re-run of the fan-out
    EmailPreferences.objects.filter(user=author).update(notification_email_due_at=NOW)
    assert notification_email_send(user_id=author.pk) == Outcome.EMPTY
    _fan_out(_reply(thread))
    assert notification_email_send(user_id=author.pk) == Outcome.SENT
    assert len(mail.outbox) == 2
    first, second = EmailDelivery.objects.order_by("pk")
    assert not set(first.notification_ids) & set(second.notification_ids)


def test_unsubscribed_or_paused_members_get_nothing(thread, author):
    _turn_on(author)
    account_services.email_unsubscribe(user=author, scope="notifications")
    _fan_out(_reply(thread))
    assert notification_email_send(user_id=author.pk) == Outcome.NOT_DUE
    assert mail.outbox == []


def test_two_workers_racing_for_one_delivery_send_it_once(db):
    user = UserFactory()
    first = delivery_start(user_id=user.pk, kind=EmailKind.DIGEST, period_key="d1", now=NOW)
    second = delivery_start(user_id=user.pk, kind=EmailKind.DIGEST, period_key="d1", now=NOW)
    assert first is not None and second is None
    # A worker that died mid-send leaves the claim; after the lease another may take it over.
    later = NOW + timedelta(minutes=16)
    third = delivery_start(user_id=user.pk, kind=EmailKind.DIGEST, period_key="d1", now=later)
    assert third is not None and third.attempts == 2
    EmailDelivery.objects.filter(pk=third.pk).update(status=DeliveryStatus.SENT)
    assert (
        delivery_start(user_id=user.pk, kind=EmailKind.DIGEST, period_key="d1", now=later) is None
    )
