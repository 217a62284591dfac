"""Drafts fixtures: a forum and thread, and a conversation, built through the real services."""

import pytest

from accounts.enums import MessagePermission, TrustLevel
from conversations import services as conversation_services
from tests.factories import ForumFactory, ThreadFactory, UserFactory


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def forum(db):
    return ForumFactory(name="Anxiety & panic", slug="anxiety")


@pytest.fixture
def author(db):
    return UserFactory(handle="sam-walks", trust_level=TrustLevel.MEMBER)


@pytest.fixture
def thread(forum, author):
    return ThreadFactory(forum=forum, author=author, title="Breathing exercises that help")


@pytest.fixture
def writer(db):
    """A member who may start threads and write to `listener`."""
    return UserFactory(handle="night_owl", trust_level=TrustLevel.MEMBER)


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def listener(db):
    return UserFactory(
        handle="kind_ear",
        trust_level=TrustLevel.MEMBER,
        message_permission=MessagePermission.ANYONE,
    )


@pytest.fixture
def conversation(writer, listener):
    """`writer` wrote to `listener`, who accepted."""
    conversation = conversation_services.conversation_start(
        sender=writer, recipients=[listener], body="Hello, are you around tonight?"
    )
    conversation_services.request_answer(user=listener, conversation=conversation, accept=True)
    return conversation
