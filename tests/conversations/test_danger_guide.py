"""A message with a crisis signal: its author's panel speaks of their message; its recipient
sees a short guide and can ask a moderator to check in, without being named to the sender."""

import pytest
from django.urls import reverse

from conversations import services
from moderation.demo import seed_helplines
from moderation.enums import EvidenceKind
from moderation.models import Case
from notifications.models import Notification

CRISIS_TEXT = "I have the pills ready and I am going to take them all tonight. Goodbye everyone."


@pytest.fixture
def crisis_message(conversation, alice):
    message = services.message_send(sender=alice, conversation=conversation, body=CRISIS_TEXT)
    services.message_screen(message_id=message.pk)
    return message


def test_the_author_panel_speaks_of_their_message(client, conversation, alice):
    seed_helplines()
    client.force_login(alice)

    page = client.post(conversation.get_absolute_url(), {"body": CRISIS_TEXT}, follow=True)

    text = page.content.decode()
    assert "Your message has been sent" in text
    assert "Your post is here for the community" not in text


def test_the_recipient_sees_the_guide_and_asks_a_moderator_anonymously(
    client, conversation, bob, alice, crisis_message
):
    client.force_login(bob)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "If someone tells you they are in danger" in page

    client.post(reverse("conversations:check_in", kwargs={"pk": crisis_message.pk}))
    client.post(reverse("conversations:check_in", kwargs={"pk": crisis_message.pk}))

    case = Case.objects.get(member=alice)
    peer = case.evidence.get(kind=EvidenceKind.PEER_REQUEST)
    assert peer.message == crisis_message
    assert case.evidence.count() == 2  # the screened message, then the one request (once)
    # The member is told nothing about who asked; only the moderators' log records it.
    assert not Notification.objects.filter(recipient=alice).exists()
    assert case.actions.get(kind="crisis_signal").actor == bob


def test_the_sender_sees_no_guide_on_their_own_message_and_cannot_ask_about_it(
    client, conversation, alice, crisis_message
):
    client.force_login(alice)
    assert (
        "If someone tells you they are in danger"
        not in client.get(conversation.get_absolute_url()).content.decode()
    )

    response = client.post(
        reverse("conversations:check_in", kwargs={"pk": crisis_message.pk}), follow=True
    )

    assert "only about a message sent to you" in response.content.decode()
    assert not Case.objects.filter(evidence__kind=EvidenceKind.PEER_REQUEST).exists()


def test_someone_outside_the_conversation_gets_404(client, carol, crisis_message):
    client.force_login(carol)
    response = client.post(reverse("conversations:check_in", kwargs={"pk": crisis_message.pk}))
    assert response.status_code == 404


def test_an_everyday_message_shows_no_guide(client, conversation, bob, alice):
    services.message_send(sender=alice, conversation=conversation, body="See you Thursday!")
    client.force_login(bob)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "If someone tells you they are in danger" not in page
