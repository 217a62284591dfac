import pytest

from accounts.enums import MessagePermission, TrustLevel
from conversations import services
from moderation.demo import seed_moderation
from moderation.models import ModeratorAssignment, Rule
from tests.factories import UserFactory

CANARY = "canary-7f3a-lighthouse-plaintext"


@pytest.fixture
def alice(db):
    return UserFactory(handle="alice_w", trust_level=TrustLevel.MEMBER)


@pytest.fixture
def bob(db):
    return UserFactory(
        handle="bob_k", trust_level=TrustLevel.MEMBER, message_permission=MessagePermission.ANYONE
    )


@pytest.fixture
def carol(db):
    return UserFactory(
        handle="carol_t",
        trust_level=TrustLevel.MEMBER,
        message_permission=MessagePermission.ANYONE,
    )


@pytest.fixture
def rules(db):
    seed_moderation()
    return list(Rule.objects.order_by("number"))


@pytest.fixture
def global_moderator(moderator):
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    return moderator


def start(sender, *recipients, body="Hello there", **kwargs):
    return services.conversation_start(
        sender=sender, recipients=list(recipients), body=body, **kwargs
    )


@pytest.fixture
def conversation(alice, bob):
    """alice wrote to bob, and bob accepted."""
    conversation = start(alice, bob, body="Hi Bob, how was your week?")
    services.request_answer(user=bob, conversation=conversation, accept=True)
    return conversation
