"""Crisis alerts: enqueued after commit on the email queue, sent once, the webhook never
blocking the email, retries on failure, nothing private in what leaves the site."""

import json
import time as clock
import urllib.error
from datetime import time, timedelta

import pytest
import time_machine
from celery import current_app
from django.utils import timezone

from moderation import services, tasks
from moderation.enums import AlertChannel, CasePriority, CaseSource, ReportReason, TargetKind
from moderation.models import CrisisNotification, OnCallShift, SiteSettings
from moderation.services import alerts
from moderation.services.cases import case_open_or_attach
from tests.factories import PostFactory
from tests.moderation.test_crisis_story import WEDNESDAY_NOON, serve_webhooks


@pytest.fixture
def webhook_server(monkeypatch):
    with serve_webhooks(monkeypatch) as server:
        yield server


@pytest.fixture
def on_call(global_moderator):
    for weekday in range(7):
        OnCallShift.objects.create(
            moderator=global_moderator,
            weekday=weekday,
            start_time=time(0, 0),
            end_time=time(12, 0),
            time_zone="UTC",
        )
        OnCallShift.objects.create(
            moderator=global_moderator,
            weekday=weekday,
            start_time=time(12, 0),
            end_time=time(0, 0),
            time_zone="UTC",
        )
    return global_moderator


def open_crisis(member):
    return case_open_or_attach(
        target_kind=TargetKind.MEMBER,
        target=member,
        source=CaseSource.CHECK_IN,
        priority=CasePriority.CRISIS,
        member=member,
    )


def test_alerts_are_enqueued_after_commit_on_the_crisis_queue_ahead_of_email(
    member, on_call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        open_crisis(member)

    assert [cb.task_name for cb in callbacks] == ["moderation.notify_crisis_email"]
    notification = CrisisNotification.objects.get()
    assert callbacks[0].task_args == (notification.pk,)
    route = current_app.amqp.router.route({}, "moderation.notify_crisis_email")
    # The on-call alert never waits behind digests and notification emails.
    assert route["queue"].name == "crisis"
    assert current_app.amqp.router.route({}, "moderation.notify_crisis_webhook")["queue"].name == (
        "crisis"
    )


def test_a_notification_is_sent_once_however_often_the_task_runs(member, on_call, mailoutbox):
    open_crisis(member)
    notification = CrisisNotification.objects.get()

    tasks.notify_crisis_email(notification.pk)
    tasks.notify_crisis_email(notification.pk)

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 1


def test_a_second_crisis_signal_on_the_same_case_does_not_page_again(
    thread, member, other_member, on_call
):
    post = PostFactory(thread=thread, author=other_member, body="I can't do this anymore.")
    first = services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.AT_RISK
    ).case
    third = PostFactory(thread=thread).author
    second = services.report_create(
        reporter=third, target_kind=TargetKind.POST, target=post, reason=ReportReason.AT_RISK
    ).case

    assert first == second
    assert first.alerts.count() == 1
    assert CrisisNotification.objects.count() == 1


def test_a_failing_webhook_never_blocks_the_email_and_is_retried(
    member, on_call, webhook_server, mailoutbox, django_capture_on_commit_callbacks
):
    site = SiteSettings.load()
    site.crisis_webhook_url = webhook_server.url
    site.save()
    webhook_server.handler.status = 500

    with django_capture_on_commit_callbacks() as callbacks:
        open_crisis(member)
    by_name = {cb.task_name: cb.task_args for cb in callbacks}

    with pytest.raises(urllib.error.HTTPError):
        tasks.notify_crisis_webhook(*by_name["moderation.notify_crisis_webhook"])
    tasks.notify_crisis_email(*by_name["moderation.notify_crisis_email"])

    assert len(mailoutbox) == 1
    hook = CrisisNotification.objects.get(channel=AlertChannel.WEBHOOK)
    assert hook.sent_at is None and hook.attempts == 1 and hook.last_error == "HTTPError"

    webhook_server.handler.status = 204
    tasks.notify_crisis_webhook(*by_name["moderation.notify_crisis_webhook"])
    hook.refresh_from_db()
    assert hook.sent_at is not None and len(webhook_server.received) == 2


def test_a_webhook_that_hangs_times_out(member, on_call, monkeypatch, mailoutbox):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # Accepts the connection, never answers.
    site = SiteSettings.load()
    site.crisis_webhook_url = f"http://127.0.0.1:{listener.getsockname()[1]}/hook"
    site.save()
    monkeypatch.setattr(alerts, "WEBHOOK_TIMEOUT_SECONDS", 0.3)
    open_crisis(member)
    hook = CrisisNotification.objects.get(channel=AlertChannel.WEBHOOK)

    started = clock.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        alerts.crisis_notification_send(notification_id=hook.pk)
    assert clock.monotonic() - started < 5
    listener.close()
    email = CrisisNotification.objects.get(channel=AlertChannel.EMAIL)
    assert alerts.crisis_notification_send(notification_id=email.pk) is True
    assert len(mailoutbox) == 1


def test_email_failures_are_retried_with_backoff(member, on_call, monkeypatch):
    open_crisis(member)
    notification = CrisisNotification.objects.get()

    def smtp_down(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(alerts, "send_mail", smtp_down)
    retries = []
    task = tasks.notify_crisis_email._get_current_object()

    class RetryRequested(Exception):
        pass

    def fake_retry(exc, countdown):
        retries.append(countdown)
        return RetryRequested()

    monkeypatch.setattr(task, "retry", fake_retry)
    with pytest.raises(RetryRequested):
        task.run(notification.pk)
    assert retries == [15]
    notification.refresh_from_db()
    assert notification.sent_at is None and notification.last_error == "ConnectionRefusedError"


def test_the_webhook_payload_carries_no_text_or_names(thread, member, on_call):
    post = PostFactory(thread=thread, author=member, body="Nobody would miss me at all.")
    case = case_open_or_attach(
        target_kind=TargetKind.POST,
        target=post,
        source=CaseSource.SCREENING,
        priority=CasePriority.CRISIS,
        member=member,
        forum_id=thread.forum_id,
        excerpt=post.body,
    )
    site = SiteSettings.load()
    site.crisis_webhook_url = "https://pager.example.org/hook?token=abc"
    site.save()
    from moderation.enums import AlertLevel
    from moderation.services.alerts import crisis_alert_raise

    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        crisis_alert_raise(case=case, level=AlertLevel.ALL_MODERATORS)
        hook = CrisisNotification.objects.get(channel=AlertChannel.WEBHOOK)
        payload = alerts.webhook_payload(hook)

    assert set(payload) == {
        "event",
        "case_id",
        "priority",
        "level",
        "level_name",
        "age_minutes",
        "state",
        "url",
    }
    raw = json.dumps(payload)
    assert "Nobody would miss me" not in raw and member.handle not in raw
    assert payload["age_minutes"] == 3


def test_the_clock_does_not_escalate_claimed_cases(member, on_call, mailoutbox):
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        case = open_crisis(member)
        services.case_claim(case=case, acting_user=on_call)
        traveller.shift(timedelta(minutes=30))
        assert services.crisis_clock_tick() == 0
    assert case.alerts.count() == 1


def test_the_response_limit_is_an_operator_setting(member, on_call):
    site = SiteSettings.load()
    site.crisis_response_minutes = 3
    site.save()
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        case = open_crisis(member)
        traveller.shift(timedelta(minutes=2))
        assert services.crisis_clock_tick() == 0
        traveller.shift(timedelta(minutes=2))
        assert services.crisis_clock_tick() == 1
        traveller.shift(timedelta(minutes=3))
        assert services.crisis_clock_tick() == 1
        assert services.crisis_clock_tick() == 0
    assert case.alerts.count() == 3
