"""A member with an open crisis case has one case: ideation- and behaviour-tier signals and
other members' at-risk reports about them join it as evidence instead of opening their own."""

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.services import profile_update
from conversations import services as conversation_services
from conversations.enums import MessageStatus
from conversations.models import ReportedMessage
from forums import services as forum_services
from forums.enums import PostStatus
from forums.models import Post
from moderation import services
from moderation.enums import (
    CaseOutcome,
    CasePriority,
    CaseState,
    EvidenceKind,
    EvidenceOutcome,
    ReportReason,
    TargetKind,
)
from moderation.models import Case
from moderation.services.crisis_evidence import evidence_decide_all
from moderation.services.crisis_signals import member_open_crisis_case
from moderation.services.profile_screening import profile_screen
from tests.factories import PostFactory, ThreadFactory, UserFactory
from tests.moderation.test_crisis_one_case import screen

IMMINENT = "This is my last post. Goodbye everyone, thank you for trying."
IDEATION = "Honestly I want to die. Everyone would be better off without me."
BEHAVIOUR = "Last night I looked up how many pills it would take."


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


# --- At-risk reports from other members ---------------------------------------------------------


@pytest.fixture
def worried(db):
    return UserFactory(handle="kind_neighbour", trust_level="member")


@pytest.fixture
def quiet_post(thread, distressed):
    return PostFactory(thread=thread, author=distressed, body="Not much to say today.")


def test_an_at_risk_report_joins_the_open_crisis_case(distressed, worried, crisis_case, quiet_post):
    help_until = distressed.__class__.objects.get(pk=distressed.pk).crisis_help_until

    report = services.report_create(
        reporter=worried,
        target_kind=TargetKind.POST,
        target=quiet_post,
        reason=ReportReason.AT_RISK,
        note="They have said goodbye twice this week.",
    )

    assert report.case == crisis_case
    assert list(cases_about(distressed)) == [crisis_case]
    item = crisis_case.evidence.get(kind=EvidenceKind.REPORT)
    assert item.post == quiet_post
    crisis_case.refresh_from_db()
    assert crisis_case.priority == CasePriority.CRISIS
    # Nothing the member sees changes because someone else spoke up.
    assert distressed.__class__.objects.get(pk=distressed.pk).crisis_help_until == help_until


def test_the_member_never_learns_who_reported(client, distressed, worried, crisis_case, quiet_post):
    services.report_create(
        reporter=worried, target_kind=TargetKind.POST, target=quiet_post, reason="at_risk"
    )
    client.force_login(distressed)

    for url in ("/", quiet_post.thread.get_absolute_url(), "/notifications/", "/help/"):
        page = client.get(url, follow=True).content.decode()
        assert worried.handle not in page, url
    assert not distressed.notifications.exists()


def test_a_reported_post_gets_no_help_panel_of_its_own(
    client, forum, distressed, worried, crisis_case
):
    elsewhere = ThreadFactory(forum=forum, author=distressed, title="Gardening notes")
    reported = elsewhere.posts.get(position=1)
    services.report_create(
        reporter=worried, target_kind=TargetKind.POST, target=reported, reason="at_risk"
    )
    client.force_login(distressed)

    page = client.get(elsewhere.get_absolute_url())

    # Their help bar stays (their own signal opened it), but no panel says this post
    # carried a signal: it did not, someone else spoke up about it.
    assert page.context["crisis_panel_post_id"] is None
    assert 'class="crisis-support' not in page.content.decode()


def test_several_reports_of_one_post_make_one_item_to_decide(
    distressed, worried, other_member, crisis_case, quiet_post
):
    for reporter in (worried, other_member):
        services.report_create(
            reporter=reporter, target_kind=TargetKind.POST, target=quiet_post, reason="at_risk"
        )

    assert crisis_case.evidence.filter(kind=EvidenceKind.REPORT).count() == 1
    assert crisis_case.reports.count() == 2


def test_an_at_risk_report_of_a_message_joins_the_case_with_the_message(
    distressed, worried, crisis_case
):
    worried.message_permission = "anyone"
    worried.save()
    conversation = conversation_services.conversation_start(
        sender=distressed, recipients=[worried], body="Thanks for listening last week."
    )
    message = conversation.messages.get()

    report = conversation_services.message_report(
        reporter=worried, message=message, reason=ReportReason.AT_RISK
    )

    assert report.case == crisis_case
    assert crisis_case.evidence.get(kind=EvidenceKind.REPORT).message == message
    assert ReportedMessage.objects.filter(case=crisis_case, message=message).exists()


def test_without_a_crisis_case_an_at_risk_report_opens_its_own_case(distressed, worried, thread):
    post = PostFactory(thread=thread, author=distressed, body="Not much to say today.")

    report = services.report_create(
        reporter=worried, target_kind=TargetKind.POST, target=post, reason="at_risk"
    )

    assert (report.case.target_kind, report.case.post) == (TargetKind.POST, post)
    assert report.case.priority == CasePriority.CRISIS
    assert not report.case.evidence.exists()


def test_other_reasons_keep_their_own_case(distressed, worried, crisis_case, quiet_post):
    report = services.report_create(
        reporter=worried, target_kind=TargetKind.POST, target=quiet_post, reason="spam"
    )

    assert report.case != crisis_case
    assert report.case.post == quiet_post
    assert not crisis_case.evidence.filter(kind=EvidenceKind.REPORT).exists()


def test_the_moderator_reads_the_report_on_the_case_page_and_decides_it(
    client, distressed, worried, crisis_case, quiet_post, global_moderator
):
    services.report_create(
        reporter=worried,
        target_kind=TargetKind.POST,
        target=quiet_post,
        reason="at_risk",
        note="They have said goodbye twice this week.",
    )
    client.force_login(global_moderator)
    url = reverse("admin:moderation_case_change", args=[crisis_case.pk])

    page = client.get(url).content.decode()

    assert "A member reported they are worried about this member" in page
    assert "They have said goodbye twice this week." in page
    crisis_case.refresh_from_db()
    items = {item.kind: item for item in crisis_case.evidence.all()}
    assert f'name="evidence_{items[EvidenceKind.REPORT].pk}"' in page

    client.post(
        url,
        {
            "action": "resolve_crisis",
            "version": crisis_case.version,
            "outcome": CaseOutcome.REACHED_SAFE,
            f"evidence_{items[EvidenceKind.POST].pk}": EvidenceOutcome.SUPPORTED,
            f"evidence_{items[EvidenceKind.REPORT].pk}": EvidenceOutcome.HIDDEN,
        },
    )

    crisis_case.refresh_from_db()
    assert crisis_case.state == CaseState.RESOLVED
    assert crisis_case.evidence.get(kind=EvidenceKind.REPORT).outcome == EvidenceOutcome.HIDDEN
    reported = Post.objects.get(pk=quiet_post.pk)
    assert reported.status == PostStatus.HELD
    assert not reported.is_crisis_review_pending


def test_a_reported_message_item_applies_its_outcome(distressed, worried, crisis_case, moderator):
    worried.message_permission = "anyone"
    worried.save()
    conversation = conversation_services.conversation_start(
        sender=distressed, recipients=[worried], body="Thanks for listening last week."
    )
    message = conversation.messages.get()
    conversation_services.message_report(reporter=worried, message=message, reason="at_risk")
    crisis_case.refresh_from_db()
    item = crisis_case.evidence.get(kind=EvidenceKind.REPORT)

    with transaction.atomic():
        decided = evidence_decide_all(
            case=crisis_case,
            acting_user=moderator,
            outcomes={item.pk: EvidenceOutcome.HIDDEN},
            default=EvidenceOutcome.SUPPORTED,
        )

    assert decided == 2
    message.refresh_from_db()
    assert message.status == MessageStatus.HELD
