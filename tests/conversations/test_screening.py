"""Messages go through the forum screeners: a warning before sharing contact details, crisis
cases that show moderators only the triggering message, abuse flagged or held."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conversations import services, tasks
from conversations.enums import MessageStatus
from conversations.models import Message, ReportedMessage
from core.enums import ScreeningState
from moderation.enums import CasePriority
from moderation.models import Case, WatchedWord
from moderation.standing import CRISIS_SUPPORT_SESSION_KEY

CRISIS_TEXT = "I have the pills ready and I am going to take them all tonight. Goodbye everyone."
PHONE_TEXT = "Text me any time on +44 7700 900123, happy to talk."


def test_contact_details_ask_the_sender_first_and_keep_the_text(client, conversation, alice):
    client.force_login(alice)

    first = client.post(conversation.get_absolute_url(), {"body": PHONE_TEXT})

    page = first.content.decode()
    assert "Sharing contact details moves support off the platform where moderators can help" in (
        page
    )
    assert "Send anyway" in page and 'href="#id_body"' in page
    assert PHONE_TEXT in page
    assert conversation.messages.count() == 1

    second = client.post(
        conversation.get_absolute_url(), {"body": PHONE_TEXT, "confirm_personal_info": "on"}
    )
    assert second.status_code == 302
    assert conversation.messages.count() == 2


def test_a_blocked_word_refuses_with_the_text_intact(client, conversation, alice):
    WatchedWord.objects.create(pattern="buy followers", kind="phrase", action="block")
    client.force_login(alice)

    response = client.post(conversation.get_absolute_url(), {"body": "just buy followers"})

    assert "can’t be sent as written" in response.content.decode()
    assert "just buy followers" in response.content.decode()
    assert conversation.messages.count() == 1


def test_screening_is_enqueued_after_commit_with_the_id_only(
    conversation, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        message = services.message_send(sender=bob, conversation=conversation, body="Thanks!")

    assert len(callbacks) >= 1
    assert Message.objects.get(pk=message.pk).screening_state == ScreeningState.PENDING


def test_crisis_opens_a_crisis_case_with_only_the_triggering_message(
    client, conversation, alice, bob
):
    services.message_send(sender=bob, conversation=conversation, body="Some earlier chat")
    client.force_login(alice)

    response = client.post(conversation.get_absolute_url(), {"body": CRISIS_TEXT}, follow=True)

    assert client.session.get(CRISIS_SUPPORT_SESSION_KEY) or "help" in response.content.decode()
    message = Message.objects.filter(sender=alice).latest("pk")
    assert services.message_screen(message_id=message.pk)
    case = Case.objects.get(evidence__message=message)
    assert (case.priority, case.member) == (CasePriority.CRISIS, alice)
    assert "pills" not in case.excerpt  # no message text in an unencrypted row
    evidence = ReportedMessage.objects.filter(case=case)
    assert [row.message_id for row in evidence] == [message.pk]
    message.refresh_from_db()
    assert message.status == MessageStatus.VISIBLE  # crisis never silences the member
    assert message.screening_verdict == "crisis"


def test_screening_is_idempotent(conversation, alice):
    message = services.message_send(sender=alice, conversation=conversation, body=CRISIS_TEXT)

    assert services.message_screen(message_id=message.pk)
    assert not services.message_screen(message_id=message.pk)
    assert Case.objects.count() == 1


def test_a_held_word_holds_the_message_from_the_others(client, conversation, alice, bob):
    WatchedWord.objects.create(pattern="meet me offline", kind="phrase", action="hold")
    message = services.message_send(
        sender=alice, conversation=conversation, body="meet me offline sometime"
    )
    services.message_screen(message_id=message.pk)

    message.refresh_from_db()
    assert message.status == MessageStatus.HELD
    assert Case.objects.get(message=message).priority == CasePriority.HIGH
    client.force_login(bob)
    assert "meet me offline" not in client.get(conversation.get_absolute_url()).content.decode()
    client.force_login(alice)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "meet me offline" in page and "waiting for a moderator" in page


def test_the_task_retries_then_records_a_failure(conversation, alice, monkeypatch):
    message = services.message_send(sender=alice, conversation=conversation, body="hello")

    def broken(**kwargs):
        raise RuntimeError("engine down")

    monkeypatch.setattr(services, "message_screen", broken)
    tasks.screen_message.apply(args=[message.pk], retries=tasks.screen_message.max_retries)

    message.refresh_from_db()
    assert message.screening_state == ScreeningState.FAILED


def test_the_sweeper_requeues_messages_left_pending(conversation, alice, monkeypatch):
    message = services.message_send(sender=alice, conversation=conversation, body="hello")
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    sent = []
    monkeypatch.setattr(tasks.screen_message, "delay", lambda *ids: sent.append(ids))

    assert tasks.sweep_unscreened_messages() >= 1
    assert (message.pk,) in sent


def test_sender_with_crisis_text_sees_help_resources_on_the_next_page(client, conversation, alice):
    client.force_login(alice)

    response = client.post(conversation.get_absolute_url(), {"body": CRISIS_TEXT}, follow=True)

    assert response.status_code == 200
    assert reverse("moderation:help") in response.content.decode()


def test_dismissing_the_case_of_a_held_message_delivers_it(
    client, conversation, alice, bob, global_moderator
):
    """ "No action needed" on a held message must not leave it held forever with no case open."""
    WatchedWord.objects.create(pattern="meet me offline", kind="phrase", action="hold")
    message = services.message_send(
        sender=alice, conversation=conversation, body="meet me offline sometime"
    )
    services.message_screen(message_id=message.pk)
    case = Case.objects.get(message=message)
    client.force_login(global_moderator)

    response = client.post(
        reverse("admin:moderation_case_change", args=[case.pk]),
        {"action": "dismiss", "version": case.version},
        follow=True,
    )

    assert "the held message was delivered" in response.content.decode()
    message.refresh_from_db()
    assert message.status == MessageStatus.VISIBLE
    client.force_login(bob)
    assert "meet me offline" in client.get(conversation.get_absolute_url()).content.decode()


def test_a_flag_alone_records_the_verdict_but_shows_no_moderator_the_message(
    conversation, alice, bob
):
    """Moderators read private messages that are reported, crisis-flagged or held; a flag
    (an insult, contact details the sender confirmed, a watched word set to flag) is not one."""
    WatchedWord.objects.create(pattern="lighthouse", action="flag")
    message = services.message_send(sender=alice, conversation=conversation, body="the lighthouse")

    services.message_screen(message_id=message.pk)

    message.refresh_from_db()
    assert message.screening_verdict == "flag" and message.status == MessageStatus.VISIBLE
    assert not Case.objects.filter(message=message).exists()
    assert not ReportedMessage.objects.filter(message=message).exists()


def test_concern_for_someone_else_in_a_message_still_opens_a_case(conversation, alice):
    message = services.message_send(
        sender=alice,
        conversation=conversation,
        body="I'm really worried about my friend, she said she wants to kill herself.",
    )

    services.message_screen(message_id=message.pk)

    message.refresh_from_db()
    assert message.screening_verdict == "flag"
    assert "crisis.concern_for_other" in message.screening_labels
    assert Case.objects.filter(message=message).exists()
