"""Messages are in the member's export and are erased with their account."""

import pytest

from accounts import services as account_services
from accounts.enums import ErasureMode
from accounts.exporting import member_data
from conversations import services
from conversations.enums import MessageStatus
from conversations.models import Conversation, Message, Participant
from tests.conversations.conftest import CANARY, start


@pytest.fixture
def talk(conversation, alice, bob):
    services.message_send(sender=bob, conversation=conversation, body=f"from bob {CANARY}")
    services.message_send(sender=alice, conversation=conversation, body="from alice")
    return conversation


def test_the_export_has_the_messages_sent_and_received(talk, alice):
    data = member_data(alice)

    [conversation] = data["private_messages"]
    texts = [(m["from"], m["text"]) for m in conversation["messages"]]
    assert texts == [
        ("you", "Hi Bob, how was your week?"),
        ("bob_k", f"from bob {CANARY}"),
        ("you", "from alice"),
    ]


def test_the_export_has_no_conversation_the_member_is_not_in(talk, carol, bob):
    other = start(carol, bob, body="carol to bob only")

    assert member_data(carol)["private_messages"][0]["conversation_id"] == other.pk
    assert all(
        "carol to bob only" not in m["text"]
        for c in member_data(talk.started_by)["private_messages"]
        for m in c["messages"]
    )


def test_erasure_removes_the_members_messages_and_leaves_a_placeholder(client, talk, alice, bob):
    erasure = account_services.erasure_request(user=bob, mode=ErasureMode.ANONYMISE)

    assert account_services.account_erase(erasure_id=erasure.pk)

    erased = Message.objects.filter(status=MessageStatus.ERASED)
    assert erased.count() == 1
    assert all(bytes(m.ciphertext) == b"" and m.sender_id is None for m in erased)
    assert not Participant.objects.filter(user=bob).exists()
    client.force_login(alice)
    page = client.get(talk.get_absolute_url()).content.decode()
    assert CANARY not in page
    assert "its sender deleted their account" in page
    assert "from alice" in page


def test_conversations_left_empty_by_erasure_are_deleted(alice, bob):
    conversation = start(alice, bob, body="short-lived")
    for member in (alice, bob):
        account_services.account_erase(
            erasure_id=account_services.erasure_request(
                user=member, mode=ErasureMode.ERASE_POSTS
            ).pk
        )

    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    assert not Message.objects.exists()


def test_the_export_of_a_declined_request_stops_at_the_decline(alice, carol):
    conversation = start(alice, carol, body="first, the request")
    services.request_answer(user=carol, conversation=conversation, accept=False)
    services.message_send(sender=alice, conversation=conversation, body="after the decline")

    [exported] = member_data(carol)["private_messages"]

    assert [m["text"] for m in exported["messages"]] == ["first, the request"]
