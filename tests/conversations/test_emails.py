"""Message emails: only for members who turn them on, grouped, and never the message text."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from accounts import services as account_services
from conversations import services
from forums.emails import notification_email_send
from forums.mailing import Outcome
from tests.conversations.conftest import CANARY


def test_a_member_who_turned_message_emails_on_is_told_without_the_text(
    conversation, alice, bob, time_machine
):
    account_services.email_preferences_update(user=bob, values={"is_message_email_on": True})
    services.conversation_mark_read(user=bob, conversation=conversation)

    services.message_send(sender=alice, conversation=conversation, body=f"Private: {CANARY}")
    time_machine.move_to(timezone.now() + timedelta(hours=1))

    assert notification_email_send(user_id=bob.pk) == Outcome.SENT
    (email,) = mail.outbox
    assert "alice_w sent you a private message" in email.body
    assert conversation.get_absolute_url() in email.body
    assert CANARY not in email.body and CANARY not in email.subject


def test_message_emails_are_off_by_default(conversation, alice, bob, time_machine):
    account_services.email_preferences_update(user=bob, values={"is_reply_email_on": True})
    services.conversation_mark_read(user=bob, conversation=conversation)

    services.message_send(sender=alice, conversation=conversation, body="hello")
    time_machine.move_to(timezone.now() + timedelta(hours=1))

    assert notification_email_send(user_id=bob.pk) != Outcome.SENT
    assert mail.outbox == []
