import pytest

from moderation.demo import seed_moderation
from moderation.models import ModeratorAssignment, Rule
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory


@pytest.fixture
def rules(db):
    seed_moderation()
    return list(Rule.objects.order_by("number"))


@pytest.fixture
def forum(db):
    return ForumFactory(name="Anxiety & panic", slug="anxiety")


@pytest.fixture
def other_forum(db):
    return ForumFactory(name="ADHD", slug="adhd")


@pytest.fixture
def global_moderator(moderator):
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    return moderator


@pytest.fixture
def thread(forum, member):
    return ThreadFactory(
        forum=forum,
        author=member,
        title="Panic on the bus",
        body="My heart raced the whole way home.",
    )


@pytest.fixture
def post(thread, other_member):
    return PostFactory(thread=thread, author=other_member, body="You are not alone in this.")


@pytest.fixture
def distressed(db):
    """A member whose posts carry crisis signals (the crisis-case tests)."""
    return UserFactory(handle="night_owl", trust_level="member")
