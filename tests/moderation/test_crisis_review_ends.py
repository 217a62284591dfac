"""A post with crisis language is a placeholder for visitors only until its review ends: a
moderator resolving the case that holds it (whatever the outcome), or the full screening
finding no risk worth a case. An open crisis case that still holds it keeps it waiting.

Tasks are run by calling them (`drain`), as a worker would, also where CI's REDIS_URL turns the
eager mode off."""

import pytest
from django.urls import reverse

from forums import services as forum_services
from forums.enums import PostStatus
from forums.models import Post
from moderation import services
from moderation.enums import CaseOutcome, CasePriority, EvidenceOutcome, ReportReason, TargetKind
from moderation.models import Case, ForumScreeningSettings
from tests.moderation.test_crisis_story import drain

IDEATION_TEXT = "Honestly I want to die. Everyone would be better off without me."
BEHAVIOUR_TEXT = "Last night I looked up how many pills it would take."
IMMINENT_TEXT = "This is my last post. Goodbye everyone, thank you for trying."
TITLE = "Marigold evening"


def visitor_page(client, thread) -> str:
    client.logout()
    return client.get(thread.get_absolute_url(), follow=True).content.decode()


@pytest.fixture
def ideation_thread(forum, member, django_capture_on_commit_callbacks):
    """A thread opened with ideation-tier language, screened as a worker would: the author has
    no crisis case, so it waits in a priority post case."""
    thread, _ran = drain(
        django_capture_on_commit_callbacks,
        lambda: forum_services.thread_create(
            author=member, forum=forum, title=TITLE, body=IDEATION_TEXT
        ),
    )
    return thread


def test_a_visitor_reads_the_post_and_title_again_once_a_moderator_dismisses_its_priority_case(
    client, ideation_thread, global_moderator
):
    case = Case.objects.get(post__thread=ideation_thread)
    assert (case.target_kind, case.priority) == (TargetKind.POST, CasePriority.HIGH)
    before = visitor_page(client, ideation_thread)
    assert "better off without me" not in before and "Marigold" not in before

    client.force_login(global_moderator)
    response = client.post(
        reverse("admin:moderation_case_change", args=[case.pk]),
        {"action": "dismiss", "version": case.version},
        follow=True,
    )
    assert response.status_code == 200

    after = visitor_page(client, ideation_thread)
    assert "better off without me" in after and TITLE in after


@pytest.mark.parametrize("outcome", ["approve", "remove"])
def test_every_outcome_of_the_priority_case_ends_the_review(
    client, ideation_thread, global_moderator, rules, outcome
):
    case = Case.objects.get(post__thread=ideation_thread)
    post = case.post
    if outcome == "approve":
        services.post_approve(post=post, acting_user=global_moderator, case=case)
    else:
        services.post_remove_citing_rules(
            post=post, acting_user=global_moderator, rules=[rules[0]], case=case
        )

    page = visitor_page(client, ideation_thread)
    assert TITLE in page  # the headline no longer waits for anyone
    assert ("better off without me" in page) == (outcome == "approve")
    assert Case.objects.get(pk=case.pk).outcome == (
        CaseOutcome.APPROVED if outcome == "approve" else CaseOutcome.CONTENT_ACTIONED
    )


def test_a_post_still_held_by_an_open_crisis_case_stays_a_placeholder(
    client, thread, member, other_member, global_moderator, django_capture_on_commit_callbacks
):
    post, _ran = drain(
        django_capture_on_commit_callbacks,
        lambda: forum_services.post_create(author=member, thread=thread, body=IMMINENT_TEXT),
    )
    crisis_case = Case.objects.get(evidence__post=post)
    report_case = services.report_create(
        reporter=other_member, target_kind=TargetKind.POST, target=post, reason=ReportReason.SPAM
    ).case
    assert report_case.pk != crisis_case.pk

    services.case_dismiss(case=report_case, acting_user=global_moderator)

    assert "Goodbye everyone" not in visitor_page(client, thread)

    services.crisis_case_resolve(
        case=crisis_case,
        acting_user=global_moderator,
        outcome=CaseOutcome.REACHED_SAFE,
        evidence_outcomes={
            item.pk: EvidenceOutcome.SUPPORTED for item in crisis_case.evidence.all()
        },
    )
    assert "Goodbye everyone" in visitor_page(client, thread)


def test_a_priority_case_resolved_while_an_edit_joined_a_crisis_case_keeps_the_placeholder(
    client, ideation_thread, member, global_moderator, django_capture_on_commit_callbacks
):
    post = ideation_thread.posts.get(position=1)
    priority_case = Case.objects.get(post=post)
    drain(
        django_capture_on_commit_callbacks,
        lambda: forum_services.post_edit(post=post, editor=member, body=IMMINENT_TEXT),
    )
    assert Case.objects.filter(evidence__post=post, priority=CasePriority.CRISIS).exists()

    services.case_dismiss(case=priority_case, acting_user=global_moderator)

    page = visitor_page(client, ideation_thread)
    assert "Goodbye everyone" not in page and "Marigold" not in page


def test_an_edit_that_removes_the_crisis_language_ends_the_review_once_screened(
    client, forum, member, django_capture_on_commit_callbacks
):
    # Not yet screened: only the precheck has heard the crisis language.
    thread = forum_services.thread_create(
        author=member, forum=forum, title=TITLE, body=IDEATION_TEXT
    )
    post = thread.posts.get(position=1)
    assert Post.objects.get(pk=post.pk).is_crisis_review_pending

    drain(
        django_capture_on_commit_callbacks,
        lambda: forum_services.post_edit(
            post=post, editor=member, body="Feeling steadier after a walk."
        ),
    )

    page = visitor_page(client, thread)
    assert "steadier after a walk" in page and TITLE in page
    assert not Case.objects.filter(post=post).exists()


def test_screening_with_no_case_at_this_tier_lifts_the_precheck_placeholder(
    client, forum, member, django_capture_on_commit_callbacks
):
    # The forum shows help to the author for behaviour-tier posts without asking a moderator
    # to look: no one would ever end the review, so the full pass ends it.
    ForumScreeningSettings.objects.create(forum=forum, behaviour_response="help")
    thread, _ran = drain(
        django_capture_on_commit_callbacks,
        lambda: forum_services.thread_create(
            author=member, forum=forum, title=TITLE, body=BEHAVIOUR_TEXT
        ),
    )

    assert not Case.objects.filter(post__thread=thread).exists()
    page = visitor_page(client, thread)
    assert "how many pills" in page and TITLE in page


def test_a_clean_full_verdict_lifts_the_precheck_placeholder(client, forum, member):
    thread = forum_services.thread_create(
        author=member, forum=forum, title=TITLE, body=IDEATION_TEXT
    )
    post = thread.posts.get(position=1)

    services.screening_result_apply(
        post=post, revision=post.revision, action="allow", signals=[], versions={}
    )

    assert "better off without me" in visitor_page(client, thread)


def test_a_failed_screening_leaves_the_precheck_placeholder(client, forum, member):
    thread = forum_services.thread_create(
        author=member, forum=forum, title=TITLE, body=IDEATION_TEXT
    )
    post = thread.posts.get(position=1)

    services.screening_failed(post_id=post.pk, revision=post.revision, error="TimeoutError")

    post.refresh_from_db()
    assert post.is_crisis_review_pending and post.status == PostStatus.HELD
    assert "Marigold" not in visitor_page(client, thread)


def test_a_risk_only_the_full_screening_hears_waits_for_review_too(
    client, forum, member, global_moderator
):
    # The submit check heard nothing; the worker's full pass finds ideation and opens a case.
    thread = forum_services.thread_create(
        author=member, forum=forum, title=TITLE, body="Rough week, nothing more to say."
    )
    post = thread.posts.get(position=1)
    assert not Post.objects.get(pk=post.pk).is_crisis_review_pending
    ideation = {
        "screener": "risk",
        "label": "risk.ideation",
        "rule_id": "risk:tier",
        "score": 0.8,
        "explanation": "Risk tier ideation: wish to be dead.",
    }

    result = services.screening_result_apply(
        post=post, revision=post.revision, action="crisis", signals=[ideation], versions={}
    )

    assert result.case is not None
    assert "Rough week" not in visitor_page(client, thread)
    services.case_dismiss(case=result.case, acting_user=global_moderator)
    page = visitor_page(client, thread)
    assert "Rough week" in page and TITLE in page
