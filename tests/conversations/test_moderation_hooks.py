"""conversations' extension points that moderation fills (conversations/hooks.py): an empty one
stops `manage.py check` and refuses to send, so a message is never sent unscreened."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from conversations import hooks, services
from conversations.enums import MessageStatus
from conversations.models import Message
from core.hooks import HookNotFilled
from moderation.enums import ActionKind, CaseOutcome
from moderation.models import Case, ModerationAction
from moderation.services import case_dismiss


@pytest.fixture
def empty_precheck(monkeypatch):
    monkeypatch.setattr(hooks.message_precheck, "_implementation", None)


def test_the_installed_apps_fill_every_conversation_hook():
    call_command("check", tags=["hooks"])

    assert all(hook.is_filled for hook in hooks.REQUIRED)


def test_an_empty_precheck_stops_the_check_and_sends_nothing(conversation, bob, empty_precheck):
    with pytest.raises(
        SystemCheckError, match=re.escape("conversations.hooks.message_precheck is empty")
    ):
        call_command("check", tags=["hooks"])
    with pytest.raises(HookNotFilled, match=re.escape("conversations.hooks.message_precheck")):
        services.message_send(sender=bob, conversation=conversation, body="Thanks, same here.")

    assert conversation.messages.count() == 1


def test_dismissing_a_held_message_delivers_it_again(conversation, alice, global_moderator):
    # The case is moderation's; the message row changes through conversations' service.
    message = Message.objects.get(conversation=conversation)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.HELD)
    case = hooks.message_case_open(message=message, action="hold", labels=["abuse.insult"])

    dismissed = case_dismiss(case=case, acting_user=global_moderator)

    assert dismissed.released_held_content is True
    assert Message.objects.get(pk=message.pk).status == MessageStatus.VISIBLE


def test_releasing_a_held_message_resolves_its_case_and_logs_it(conversation, global_moderator):
    message = Message.objects.get(conversation=conversation)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.HELD)
    case = hooks.message_case_open(message=message, action="hold", labels=["abuse.insult"])

    services.message_release(case=case, acting_user=global_moderator, reason="fine in context")

    assert Message.objects.get(pk=message.pk).status == MessageStatus.VISIBLE
    case = Case.objects.get(pk=case.pk)
    assert case.outcome == CaseOutcome.APPROVED
    assert ModerationAction.objects.filter(
        case=case, kind=ActionKind.RELEASE_MESSAGE, target_id=message.pk
    ).exists()
