"""Who may write to whom: the consent matrix, requests, blocks, standing and the site switch."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.enums import MessagePermission, TrustLevel
from accounts.models import Block
from conversations import permissions, services
from conversations.enums import ParticipantState
from conversations.models import Conversation, Message, Participant
from moderation.enums import SanctionKind
from moderation.models import Sanction, SiteSettings
from tests.conversations.conftest import start
from tests.factories import PostFactory, ThreadFactory, UserFactory

MATRIX = [
    # recipient's choice, sender's trust, whether they have replied to each other, allowed
    (MessagePermission.NOBODY, TrustLevel.TRUSTED, True, False),
    (MessagePermission.ANYONE, TrustLevel.MEMBER, False, True),
    (MessagePermission.ANYONE, TrustLevel.NEW, False, False),
    (MessagePermission.TRUSTED, TrustLevel.MEMBER, True, False),
    (MessagePermission.TRUSTED, TrustLevel.TRUSTED, False, True),
    (MessagePermission.REPLIED, TrustLevel.MEMBER, False, False),
    (MessagePermission.REPLIED, TrustLevel.MEMBER, True, True),
    (MessagePermission.REPLIED, TrustLevel.NEW, True, False),
]


@pytest.mark.parametrize(("choice", "trust", "replied", "allowed"), MATRIX)
def test_consent_matrix(db, choice, trust, replied, allowed):
    sender = UserFactory(trust_level=trust)
    recipient = UserFactory(trust_level=TrustLevel.MEMBER, message_permission=choice)
    if replied:
        thread = ThreadFactory(author=recipient)
        PostFactory(thread=thread, author=sender)

    if allowed:
        conversation = start(sender, recipient)
        assert Participant.objects.get(conversation=conversation, user=recipient).state == (
            ParticipantState.REQUESTED
        )
    else:
        with pytest.raises(services.MessagingRefused):
            start(sender, recipient)
        assert not Conversation.objects.exists()


def test_new_members_default_to_nobody(db):
    assert UserFactory().message_permission == MessagePermission.NOBODY


def test_replied_counts_both_directions(db):
    sender = UserFactory(trust_level=TrustLevel.MEMBER)
    recipient = UserFactory(message_permission=MessagePermission.REPLIED)
    PostFactory(thread=ThreadFactory(author=sender), author=recipient)  # they replied to me

    assert permissions.recipient_accepts(sender=sender, recipient=recipient)


def test_refusal_says_only_that_the_member_is_not_accepting(alice, db):
    recipient = UserFactory(handle="private_person")  # nobody (the default)

    with pytest.raises(services.MessagingRefused) as refused:
        start(alice, recipient)

    assert str(refused.value.message) == "private_person isn't accepting messages from you."


def test_new_member_cannot_start_but_is_told_why(client, bob, db):
    newcomer = UserFactory(trust_level=TrustLevel.NEW)
    client.force_login(newcomer)

    response = client.post(reverse("conversations:start"), {"to": bob.handle, "body": "hi"})

    assert response.status_code == 403
    assert "New members can" in response.content.decode()
    assert not Message.objects.exists()


def test_accepting_a_request_lets_the_recipient_reply(alice, bob):
    conversation = start(alice, bob)
    with pytest.raises(services.MessagingRefused):
        services.message_send(sender=bob, conversation=conversation, body="Hi!")

    assert services.request_answer(user=bob, conversation=conversation, accept=True)
    services.message_send(sender=bob, conversation=conversation, body="Hi!")

    assert conversation.messages.count() == 2


def test_declining_is_silent(client, alice, bob):
    conversation = start(alice, bob)
    services.request_answer(user=bob, conversation=conversation, accept=False)

    # The sender can still write, nothing tells them; bob no longer sees the conversation.
    services.message_send(sender=alice, conversation=conversation, body="Are you there?")
    client.force_login(bob)
    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert (
        conversation.get_absolute_url()
        not in client.get(reverse("conversations:list")).content.decode()
    )
    client.force_login(alice)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "declin" not in page.lower()
    assert "bob_k" in page  # still shown as in the conversation, as before the decline
    listing = client.get(reverse("conversations:list")).content.decode()
    assert "bob_k" in listing


def test_decline_from_the_page(client, alice, bob):
    conversation = start(alice, bob)
    client.force_login(bob)

    response = client.post(reverse("conversations:decline", kwargs={"pk": conversation.pk}))

    assert response.status_code == 302
    assert Participant.objects.get(user=bob).state == ParticipantState.DECLINED


@pytest.mark.parametrize("direction", ["sender_blocks", "recipient_blocks"])
def test_blocking_either_way_ends_messaging_and_tells_nothing(conversation, alice, bob, direction):
    blocker, blocked = (alice, bob) if direction == "sender_blocks" else (bob, alice)
    Block.objects.create(blocker=blocker, blocked=blocked)

    with pytest.raises(services.MessagingRefused) as refused:
        services.message_send(sender=alice, conversation=conversation, body="hello again")
    assert "isn't accepting messages" in str(refused.value.message)
    assert "block" not in str(refused.value.message).lower()
    with pytest.raises(services.MessagingRefused):
        start(alice, bob)


def test_a_group_cannot_put_two_members_with_a_block_between_them_together(alice, bob, carol):
    """bob blocked carol: alice (who may write to both) must not start a group that lets carol
    read bob's messages. alice reads only that carol isn't accepting messages from her."""
    Block.objects.create(blocker=bob, blocked=carol)

    with pytest.raises(services.MessagingRefused) as refused:
        start(alice, bob, carol, body="Group hello")

    assert str(refused.value.message) == "carol_t isn't accepting messages from you."
    assert not Conversation.objects.exists() and not Message.objects.exists()
    # Each of them on their own is fine.
    start(alice, bob)
    start(alice, carol)


def test_suspended_member_cannot_send_or_be_messaged(conversation, alice, bob, moderator):
    Sanction.objects.create(
        member=bob,
        kind=SanctionKind.SUSPENSION,
        ends_at=timezone.now() + timedelta(days=3),
        created_by=moderator,
    )

    with pytest.raises(services.MessagingRefused) as to_suspended:
        services.message_send(sender=alice, conversation=conversation, body="still there?")
    assert "isn't accepting messages" in str(to_suspended.value.message)
    with pytest.raises(services.MessagingRefused) as from_suspended:
        services.message_send(sender=bob, conversation=conversation, body="yes")
    assert "suspended" in str(from_suspended.value.message)


def test_operators_can_switch_messaging_off(client, conversation, alice):
    site = SiteSettings.load()
    site.is_messaging_enabled = False
    site.save()
    client.force_login(alice)

    response = client.post(conversation.get_absolute_url(), {"body": "Keep this text"})

    assert "switched off" in response.content.decode()
    assert "Keep this text" in response.content.decode()
    assert conversation.messages.count() == 1


def test_participant_limit_is_the_operators(alice, bob, carol, db):
    site = SiteSettings.load()
    site.max_conversation_participants = 2
    site.save()

    with pytest.raises(services.MessagingRefused) as refused:
        start(alice, bob, carol)
    assert "at most 2" in str(refused.value.message)


def test_leaving_removes_it_from_my_list_only(client, conversation, alice, bob):
    client.force_login(bob)
    client.post(reverse("conversations:leave", kwargs={"pk": conversation.pk}))

    assert client.get(conversation.get_absolute_url()).status_code == 404
    client.force_login(alice)
    assert client.get(conversation.get_absolute_url()).status_code == 200
    with pytest.raises(services.MessagingRefused):
        services.message_send(sender=alice, conversation=conversation, body="anyone?")


def test_settings_page_changes_who_may_write(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("conversations:settings"), {"message_permission": MessagePermission.TRUSTED}
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.message_permission == MessagePermission.TRUSTED


@pytest.mark.parametrize(
    "situation", ["anyone", "nobody", "replied_not_met", "trusted_only", "blocked", "suspended"]
)
def test_every_answer_takes_the_same_queries_so_timing_tells_nothing(
    alice, django_assert_num_queries, moderator, situation
):
    """A refusal from a block or a suspension must not be faster than one from the setting
    (the "replied" check used to run only for that setting, after the block check)."""
    setting = {
        "nobody": MessagePermission.NOBODY,
        "replied_not_met": MessagePermission.REPLIED,
        "trusted_only": MessagePermission.TRUSTED,
    }.get(situation, MessagePermission.ANYONE)  # blocked, suspended: refused despite "anyone"
    bob = UserFactory(handle="bob_q", trust_level=TrustLevel.MEMBER, message_permission=setting)
    if situation == "blocked":
        Block.objects.create(blocker=bob, blocked=alice)
    if situation == "suspended":
        Sanction.objects.create(
            member=bob,
            kind=SanctionKind.SUSPENSION,
            ends_at=timezone.now() + timedelta(days=3),
            created_by=moderator,
        )

    with django_assert_num_queries(4):
        accepted = permissions.recipient_accepts(sender=alice, recipient=bob)

    assert accepted is (situation == "anyone")
