"""Forum fixtures: forums of each visibility and threads built through the real services."""

import pytest

from forums.enums import ForumVisibility
from tests.factories import ForumFactory, ThreadFactory, UserFactory


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def forum(db):
    return ForumFactory(
        name="Anxiety & panic", slug="anxiety", guidance="Be gentle with each other."
    )


@pytest.fixture
def members_forum(db):
    return ForumFactory(name="Members' corner", slug="members", visibility=ForumVisibility.MEMBERS)


@pytest.fixture
def private_forum(db):
    return ForumFactory(name="Carers' room", slug="carers", visibility=ForumVisibility.PRIVATE)


@pytest.fixture
def author(db):
    return UserFactory(handle="sam-walks", trust_level="member")


@pytest.fixture
def thread(forum, author):
    return ThreadFactory(forum=forum, author=author, title="Breathing exercises that help")
