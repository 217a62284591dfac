"""A member with an open crisis case has one case: ideation- and behaviour-tier signals and
other members' at-risk reports about them join it as evidence instead of opening their own."""

import pytest

from accounts.services import profile_update
from conversations import services as conversation_services
from forums import services as forum_services
from forums.models import Post
from moderation import services
from moderation.enums import CasePriority, CaseState, EvidenceKind, TargetKind
from moderation.models import Case
from moderation.services.crisis_signals import member_open_crisis_case
from moderation.services.profile_screening import profile_screen
from tests.factories import PostFactory, ThreadFactory, UserFactory

IMMINENT = "This is my last post. Goodbye everyone, thank you for trying."
IDEATION = "Honestly I want to die. Everyone would be better off without me."
BEHAVIOUR = "Last night I looked up how many pills it would take."


def screen(post):
    post.refresh_from_db()
    return services.post_screen(post_id=post.pk, revision=post.revision)


@pytest.fixture
def distressed(db):
    return UserFactory(handle="night_owl", trust_level="member")


@pytest.fixture
def thread(forum, distressed):
    return ThreadFactory(forum=forum, author=distressed, title="Another long night")


@pytest.fixture
def crisis_case(thread, distressed):
    """The member's open crisis case, opened by an imminent-risk reply."""
    screen(PostFactory(thread=thread, author=distressed, body=IMMINENT))
    return member_open_crisis_case(distressed)


def cases_about(member):
    return Case.objects.filter(member=member).exclude(state=CaseState.RESOLVED)


@pytest.mark.parametrize(("body", "tier"), [(IDEATION, "ideation"), (BEHAVIOUR, "behaviour")])
def test_a_risk_tier_post_joins_the_open_crisis_case(thread, distressed, crisis_case, body, tier):
    post = PostFactory(thread=thread, author=distressed, body=body)

    result = screen(post)

    assert result.tier == tier
    assert result.case == crisis_case
    assert list(cases_about(distressed)) == [crisis_case]
    item = crisis_case.evidence.get(post=post)
    assert item.kind == EvidenceKind.POST
    assert f"risk.{tier}" in item.labels
    crisis_case.refresh_from_db()
    assert crisis_case.priority == CasePriority.CRISIS
    # Visitors see a placeholder until the case's moderator decides this item.
    assert Post.objects.get(pk=post.pk).is_crisis_review_pending


def test_an_edit_into_ideation_joins_the_open_crisis_case_as_an_edit(
    thread, distressed, crisis_case
):
    post = PostFactory(thread=thread, author=distressed, body="A quieter day, a walk.")
    screen(post)
    forum_services.post_edit(post=post, editor=distressed, body=IDEATION)

    screen(post)

    assert crisis_case.evidence.get(post=post).kind == EvidenceKind.EDIT
    assert not Case.objects.filter(post=post).exists()


def test_the_forums_help_only_policy_still_joins_an_open_crisis_case(
    thread, distressed, crisis_case
):
    from moderation.models import ForumScreeningSettings

    ForumScreeningSettings.objects.create(forum=thread.forum, behaviour_response="help")
    post = PostFactory(thread=thread, author=distressed, body=BEHAVIOUR)

    screen(post)

    assert crisis_case.evidence.filter(post=post).exists()


def test_without_a_crisis_case_ideation_still_opens_a_priority_case(thread, distressed):
    post = PostFactory(thread=thread, author=distressed, body=IDEATION)

    screen(post)

    case = Case.objects.get(post=post)
    assert (case.target_kind, case.priority) == (TargetKind.POST, CasePriority.HIGH)
    assert member_open_crisis_case(distressed) is None


def test_another_members_crisis_case_does_not_pull_in_ideation(thread, distressed, forum):
    someone = UserFactory(handle="someone_else", trust_level="member")
    screen(PostFactory(thread=thread, author=someone, body=IMMINENT))
    post = PostFactory(thread=thread, author=distressed, body=IDEATION)

    screen(post)

    assert Case.objects.get(post=post).priority == CasePriority.HIGH


def test_a_risk_tier_message_joins_the_open_crisis_case(distressed, other_member, crisis_case):
    other_member.message_permission = "anyone"
    other_member.save()
    conversation = conversation_services.conversation_start(
        sender=distressed, recipients=[other_member], body=BEHAVIOUR
    )
    message = conversation.messages.get()

    conversation_services.message_screen(message_id=message.pk)

    assert crisis_case.evidence.get(message=message).kind == EvidenceKind.MESSAGE
    assert list(cases_about(distressed)) == [crisis_case]


def test_ideation_in_profile_text_joins_the_open_crisis_case(distressed, crisis_case):
    profile = profile_update(user=distressed, values={"about_me": IDEATION})

    profile_screen(profile_id=profile.pk, revision=profile.text_revision)

    assert crisis_case.evidence.filter(kind=EvidenceKind.PROFILE).count() == 1
    assert list(cases_about(distressed)) == [crisis_case]
