"""The crisis story end to end: a member posts crisis text, sees their country's helplines,
the on-call moderator is emailed and the webhook is called, the unclaimed case escalates
exactly once per level, a moderator reaches out, resolves it with an outcome, and the metrics
count it. Tasks run by calling them, from the callbacks enqueued after commit."""

import json
import threading
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
import time_machine
from celery import current_app
from django.contrib.auth.models import Group
from django.urls import reverse

from forums.models import Post
from moderation import tasks
from moderation.demo import seed_helplines
from moderation.enums import AlertLevel, CaseOutcome, CasePriority, CaseState, EvidenceOutcome
from moderation.metrics import crisis_csv_rows, crisis_metrics
from moderation.models import (
    Case,
    CrisisAlert,
    CrisisNotification,
    EscalationContact,
    ModerationAction,
    ModeratorAssignment,
    OnCallShift,
    SiteSettings,
)
from notifications.models import Notification
from tests.factories import UserFactory, enrol_totp

CRISIS_TEXT = "I have the pills ready and I am going to take them all tonight. Goodbye everyone."
WEDNESDAY_NOON = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


def drain(capture, action):
    """Run `action`, then every task it enqueued after commit (and theirs), by calling them."""
    with capture() as callbacks:
        result = action()
    pending, ran = list(callbacks), []
    while pending:
        callback = pending.pop(0)
        name = getattr(callback, "task_name", None)
        with capture() as more:
            if name is None:
                callback()
            else:
                current_app.tasks[name](*callback.task_args)
                ran.append(name)
        pending.extend(more)
    return result, ran


@contextmanager
def serve_webhooks(monkeypatch):
    """A local HTTP server on 127.0.0.1 recording every POST it receives."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    received = []

    class Handler(BaseHTTPRequestHandler):
        status = 204

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            received.append(
                {"body": self.rfile.read(length), "type": self.headers.get("Content-Type")}
            )
            self.send_response(Handler.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SimpleNamespace(
            url=f"http://127.0.0.1:{server.server_port}/hook", received=received, handler=Handler
        )
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def webhook_server(monkeypatch):
    with serve_webhooks(monkeypatch) as server:
        yield server


@pytest.fixture
def crisis_staff(global_moderator, operator):
    """The on-call moderator (global), a second moderator off call, an operator, a contact."""
    second = UserFactory(handle="second_mod", email="second.private@example.org", is_staff=True)
    second.groups.add(Group.objects.get(name="Moderators"))
    enrol_totp(second)
    ModeratorAssignment.objects.create(moderator=second, forum=None)
    OnCallShift.objects.create(
        moderator=global_moderator,
        weekday=2,
        start_time=time(8, 0),
        end_time=time(20, 0),
        time_zone="UTC",
    )
    EscalationContact.objects.create(email="duty-lead@example.org", level=1)
    return SimpleNamespace(on_call=global_moderator, second=second, operator=operator)


def emails_to(mailoutbox, address):
    return [message for message in mailoutbox if address in message.to]


def test_the_crisis_story_from_post_to_metrics(
    client,
    thread,
    member,
    crisis_staff,
    webhook_server,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    seed_helplines()
    member.country = "GB"
    member.save()
    site = SiteSettings.load()
    site.crisis_webhook_url = webhook_server.url
    site.save()
    moderator = crisis_staff.on_call

    with time_machine.travel(WEDNESDAY_NOON, tick=False) as clock:
        # The member posts: the next page shows the panel with their country's lines.
        client.force_login(member)
        url = reverse("forums:reply", kwargs={"pk": thread.pk})
        response, ran = drain(capture, lambda: client.post(url, {"body": CRISIS_TEXT}, follow=True))
        page = response.content.decode()
        assert "You don’t have to carry it alone" in page
        assert "Samaritans" in page and 'href="tel:116123"' in page
        assert "Ask a moderator to check in with me" in page
        assert "moderation.screen_post" in ran
        assert "moderation.notify_crisis_email" in ran
        assert "moderation.notify_crisis_webhook" in ran

        # A crisis case about the member, the post its evidence, tops the moderator's queue.
        post = Post.objects.get(body=CRISIS_TEXT)
        case = Case.objects.get(evidence__post=post)
        assert case.member == member
        assert case.priority == CasePriority.CRISIS and case.state == CaseState.OPEN
        client.force_login(moderator)
        queue = client.get(reverse("admin:moderation_case_changelist"))
        assert queue.context["cl"].result_list[0] == case

        # Only the on-call moderator was emailed: a link, never the text, handle or email.
        assert [m.to for m in mailoutbox] == [[moderator.email]]
        alert_mail = mailoutbox[0]
        assert f"/console/moderation/case/{case.pk}/change/" in alert_mail.body
        for secret in (CRISIS_TEXT[:30], member.handle, member.email):
            assert secret not in alert_mail.body and secret not in alert_mail.subject

        # The webhook received one JSON POST, without text or handles.
        assert len(webhook_server.received) == 1
        payload = json.loads(webhook_server.received[0]["body"])
        assert webhook_server.received[0]["type"] == "application/json"
        assert payload["case_id"] == case.pk and payload["priority"] == "crisis"
        raw = webhook_server.received[0]["body"].decode()
        assert CRISIS_TEXT[:20] not in raw and member.handle not in raw

        # Ten minutes pass with no claim: the escalation goes out once, however often beat runs.
        clock.shift(timedelta(minutes=10, seconds=30))
        drain(capture, tasks.run_crisis_clock)
        drain(capture, tasks.run_crisis_clock)
        for address in (moderator.email, crisis_staff.second.email, "duty-lead@example.org"):
            escalations = [m for m in emails_to(mailoutbox, address) if "Escalated" in m.subject]
            assert len(escalations) == 1, address
        assert not emails_to(mailoutbox, crisis_staff.operator.email)
        assert len(webhook_server.received) == 2

        # Twice the limit: the operators, once.
        clock.shift(timedelta(minutes=10))
        drain(capture, tasks.run_crisis_clock)
        drain(capture, tasks.run_crisis_clock)
        assert len(emails_to(mailoutbox, crisis_staff.operator.email)) == 1
        assert CrisisAlert.objects.filter(case=case).count() == 3
        assert not CrisisNotification.objects.filter(sent_at__isnull=True).exists()
        case.refresh_from_db()
        assert case.is_escalated

        # The dashboard shows the case in red, past the limit.
        dashboard = client.get(reverse("admin:index")).content.decode()
        assert "past the limit" in dashboard and "crisis-overdue" in dashboard

        # A moderator reaches out from the case page; the template names the member's lines.
        case_url = reverse("admin:moderation_case_change", args=[case.pk])
        case_page = client.get(case_url)
        template_text = case_page.context["crisis"]["reach_out_text"]
        assert "Samaritans" in template_text and member.handle in template_text
        clock.shift(timedelta(minutes=2))
        message = template_text.replace("I'm one of", "I'm River, one of")
        response = client.post(
            case_url, {"action": "reach_out", "version": case.version, "outreach": message}
        )
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.state == CaseState.CLAIMED and case.claimed_by == moderator
        entry = ModerationAction.objects.get(case=case, kind="reach_out")
        assert entry.actor == moderator and "River" not in entry.message

        # The member is told in their notifications and reads it in their conversation with
        # the moderators (the text stays out of the notification, which is not encrypted).
        client.force_login(member)
        notice = Notification.objects.get(recipient=member)
        assert notice.link == reverse("moderation:support") and "River" not in notice.text
        conversation = client.get(notice.link).content.decode()
        assert "I&#x27;m River, one of" in conversation
        assert moderator.handle not in conversation

        # Resolved with an outcome and a follow-up tomorrow.
        client.force_login(moderator)
        clock.shift(timedelta(minutes=30))
        response = client.post(
            case_url,
            {
                "action": "resolve_crisis",
                "version": case.version,
                "outcome": CaseOutcome.REACHED_SAFE,
                f"evidence_{case.evidence.get().pk}": EvidenceOutcome.SUPPORTED,
                "follow_up_at": "2026-03-05T12:30",
                "follow_up_note": "Ask how the GP appointment went.",
            },
        )
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.state == CaseState.RESOLVED and case.outcome == CaseOutcome.REACHED_SAFE

        # The metrics count it: first action after ~22.5 minutes, resolution after ~52.5.
        week = crisis_metrics()[0]
        assert week["cases"] == 1
        assert week["to_first_action"].median == pytest.approx(22.5, abs=0.1)
        assert week["to_resolution"].median == pytest.approx(52.5, abs=0.1)
        assert week["post_to_case"].median == pytest.approx(0.0, abs=0.1)
        rows = crisis_csv_rows(since=WEDNESDAY_NOON - timedelta(days=1))
        assert rows[1][0] == case.pk and rows[1][7] == "reached_safe"
        assert member.handle not in str(rows)

        # The follow-up reopens the case as a task the next day, without paging anyone.
        sent_before = len(mailoutbox)
        clock.move_to(datetime(2026, 3, 5, 12, 31, tzinfo=UTC))
        drain(capture, tasks.reopen_due_follow_ups)
        drain(capture, tasks.run_crisis_clock)
        case.refresh_from_db()
        assert case.state == CaseState.OPEN and case.priority == CasePriority.HIGH
        assert ModerationAction.objects.filter(case=case, kind="follow_up_due").count() == 1
        assert len(mailoutbox) == sent_before
        assert case.alerts.filter(level=AlertLevel.OPERATORS).count() == 1
