"""Reporting a message shows moderators that message (and earlier ones only if the reporter
chooses), nothing else of the conversation; every moderator view is in the audit log."""

import pytest
from django.contrib import admin
from django.urls import reverse

from conversations import services
from conversations.enums import MessageStatus
from conversations.models import Conversation, Message, Participant, ReportedMessage
from core import crypto
from moderation.enums import ActionKind, CasePriority, ReportReason, TargetKind
from moderation.models import Case, ModerationAction, WatchedWord
from tests.conversations.conftest import CANARY


@pytest.fixture
def chat(conversation, alice, bob):
    """Five messages, alternating; the last is bob's and the one alice reports."""
    for n in range(1, 5):
        sender = bob if n % 2 else alice
        services.message_send(sender=sender, conversation=conversation, body=f"message {n}")
    return services.message_send(
        sender=bob, conversation=conversation, body=f"the reported one {CANARY}"
    )


def case_page(case):
    return reverse("admin:moderation_case_change", args=[case.pk])


def test_report_from_the_page_sends_only_the_reported_message(client, chat, alice):
    client.force_login(alice)

    response = client.post(
        reverse("conversations:report", kwargs={"pk": chat.pk}),
        {"reason": ReportReason.HARASSMENT, "include_earlier": 0},
    )

    assert response.status_code == 302
    case = Case.objects.get(target_kind=TargetKind.MESSAGE)
    assert case.message == chat and case.member.handle == "bob_k"
    assert case.priority == CasePriority.HIGH
    assert case.excerpt == ""
    assert list(ReportedMessage.objects.filter(case=case).values_list("message_id", flat=True)) == [
        chat.pk
    ]


def test_moderator_sees_only_the_reported_message_and_each_view_is_logged(
    client, chat, alice, global_moderator
):
    case = services.message_report(
        reporter=alice, message=chat, reason=ReportReason.HARASSMENT
    ).case
    client.force_login(global_moderator)

    page = client.get(case_page(case)).content.decode()

    assert CANARY in page
    for n in range(1, 5):
        assert f"message {n}" not in page
    assert "Hi Bob, how was your week?" not in page
    client.get(case_page(case))
    views = ModerationAction.objects.filter(kind=ActionKind.VIEW_MESSAGE, case=case)
    assert views.count() == 2
    assert {entry.target_id for entry in views} == {chat.pk}
    assert {entry.actor_id for entry in views} == {global_moderator.pk}


def test_the_reporter_may_include_earlier_messages_up_to_ten(client, chat, alice, global_moderator):
    report = services.message_report(
        reporter=alice, message=chat, reason=ReportReason.HARASSMENT, include_earlier=3
    )
    client.force_login(global_moderator)

    page = client.get(case_page(report.case)).content.decode()

    assert all(f"message {n}" in page for n in (2, 3, 4))
    assert "message 1" not in page and "Hi Bob" not in page
    logged = ModerationAction.objects.filter(kind=ActionKind.VIEW_MESSAGE, case=report.case)
    assert logged.count() == 4  # one entry per message shown
    assert services.MAX_EARLIER_IN_REPORT == 10


def test_earlier_messages_sent_with_a_report_leave_out_removed_ones(
    client, chat, alice, bob, global_moderator, rules
):
    earlier = Message.objects.filter(conversation=chat.conversation, pk__lt=chat.pk).latest("pk")
    first_case = services.message_report(
        reporter=bob, message=earlier, reason=ReportReason.HARASSMENT
    ).case
    services.message_remove(case=first_case, acting_user=global_moderator, rules=[rules[0]])

    report = services.message_report(
        reporter=alice, message=chat, reason=ReportReason.HARASSMENT, include_earlier=2
    )

    attached = set(
        ReportedMessage.objects.filter(case=report.case).values_list("message", flat=True)
    )
    assert earlier.pk not in attached  # "message 4", removed by the moderators
    assert len(attached) == 3  # the reported one and the two before "message 4"


def test_members_cannot_report_messages_outside_their_conversations(client, chat, carol):
    client.force_login(carol)

    response = client.get(reverse("conversations:report", kwargs={"pk": chat.pk}))

    assert response.status_code == 404


def test_no_console_page_lets_moderators_browse_conversations():
    registered = {model._meta.app_label for model in admin.site._registry}
    assert "conversations" not in registered
    assert Conversation not in admin.site._registry
    assert Message not in admin.site._registry
    assert Participant not in admin.site._registry


def test_moderator_removes_a_reported_message_citing_a_rule(
    client, chat, alice, bob, global_moderator, rules
):
    case = services.message_report(
        reporter=alice, message=chat, reason=ReportReason.HARASSMENT
    ).case
    client.force_login(global_moderator)

    response = client.post(
        case_page(case),
        {"action": "remove_message", "version": case.version, "rules": [rules[0].pk]},
    )

    assert response.status_code == 302
    chat.refresh_from_db()
    assert chat.status == MessageStatus.REMOVED
    entry = ModerationAction.objects.get(kind=ActionKind.REMOVE_MESSAGE, case=case)
    assert CANARY not in entry.before + entry.after + entry.reason
    client.force_login(bob)  # the sender is told, with the rule, and may appeal
    notices = client.get(reverse("forums:notifications")).content.decode()
    assert "Removed a private message" in notices and rules[0].title in notices
    decision = client.get(reverse("moderation:decision", kwargs={"pk": entry.pk}))
    assert decision.status_code == 200 and CANARY not in decision.content.decode()
    client.force_login(alice)
    page = client.get(chat.conversation.get_absolute_url()).content.decode()
    assert CANARY not in page and "removed by the moderators" in page


def test_a_held_message_is_delivered_when_a_moderator_releases_it(
    client, conversation, alice, bob, global_moderator
):
    WatchedWord.objects.create(pattern="meet me offline", kind="phrase", action="hold")
    message = services.message_send(sender=alice, conversation=conversation, body="meet me offline")
    services.message_screen(message_id=message.pk)
    case = Case.objects.get(message=message)
    client.force_login(global_moderator)

    client.post(case_page(case), {"action": "release_message", "version": case.version})

    message.refresh_from_db()
    assert message.status == MessageStatus.VISIBLE
    client.force_login(bob)
    assert "meet me offline" in client.get(conversation.get_absolute_url()).content.decode()


def test_a_reported_message_whose_key_is_missing_does_not_break_the_case_page(
    client, settings, chat, alice, global_moderator
):
    services.message_report(reporter=alice, message=chat, reason=ReportReason.HARASSMENT)
    case = Case.objects.get(target_kind=TargetKind.MESSAGE)
    settings.MESSAGES_ENCRYPTION_KEYS = [crypto.generate_key()]  # the message's key is gone
    client.force_login(global_moderator)

    response = client.get(case_page(case))

    assert response.status_code == 200
    assert "This message cannot be decrypted" in response.content.decode()
