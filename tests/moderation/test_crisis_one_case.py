"""One crisis case per person: every signal from a member joins their one open case as evidence
with its own outcome, escalation is per case, and a later signal opens a case linking the last."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.services import profile_update
from conversations import services as conversation_services
from forums import services as forum_services
from forums.enums import PostStatus
from forums.models import Post
from moderation import services
from moderation.enums import (
    AlertLevel,
    CaseOutcome,
    CasePriority,
    CaseState,
    EvidenceKind,
    EvidenceOutcome,
    TargetKind,
)
from moderation.models import Case, CrisisAlert, CrisisEvidence, ForumScreeningSettings
from moderation.services.profile_screening import profile_screen
from tests.factories import TEST_PASSWORD, PostFactory, ThreadFactory

PLAN = "I have a plan. I am going to take all my tablets tonight, I have been saving them up."
WANT_TO_DIE = "I want to die, I have the pills ready for tonight."


def screen(post):
    post.refresh_from_db()
    return services.post_screen(post_id=post.pk, revision=post.revision)


def open_crisis_cases(member):
    return Case.objects.filter(member=member, priority=CasePriority.CRISIS).exclude(
        state=CaseState.RESOLVED
    )


def test_a_post_a_reply_an_edit_a_message_and_a_check_in_make_one_case(
    forum, distressed, other_member
):
    other_member.message_permission = "anyone"
    other_member.save()
    first = ThreadFactory(forum=forum, author=distressed, title="Tonight", body=PLAN)
    screen(first.posts.get(position=1))
    reply = PostFactory(thread=first, author=distressed, body=WANT_TO_DIE)
    screen(reply)
    edited = PostFactory(thread=first, author=distressed, body="Just a quiet evening.")
    screen(edited)
    forum_services.post_edit(post=edited, editor=distressed, body=WANT_TO_DIE)
    screen(edited)
    services.crisis_check_in_request(member=distressed)
    conversation = conversation_services.conversation_start(
        sender=distressed, recipients=[other_member], body=WANT_TO_DIE
    )
    message = conversation.messages.get()
    conversation_services.message_screen(message_id=message.pk)

    case = open_crisis_cases(distressed).get()
    assert case.target_kind == TargetKind.MEMBER
    kinds = list(case.evidence.values_list("kind", flat=True))
    assert kinds == [
        EvidenceKind.POST,
        EvidenceKind.POST,
        EvidenceKind.EDIT,
        EvidenceKind.CHECK_IN,
        EvidenceKind.MESSAGE,
    ]
    assert case.evidence.get(kind=EvidenceKind.POST, post=first.posts.get(position=1)).is_acute
    assert case.actions.filter(kind="crisis_signal").count() == 4


def test_profile_text_with_a_crisis_signal_joins_the_same_case(forum, distressed):
    thread = ThreadFactory(forum=forum, author=distressed, body=WANT_TO_DIE)
    screen(thread.posts.get())
    profile = profile_update(user=distressed, values={"about_me": WANT_TO_DIE})
    profile_screen(profile_id=profile.pk, revision=profile.text_revision)

    case = open_crisis_cases(distressed).get()
    assert set(case.evidence.values_list("kind", flat=True)) == {"post", "profile"}


def test_resolving_needs_an_outcome_for_each_item_and_applies_them(
    forum, distressed, global_moderator, client
):
    ForumScreeningSettings.objects.create(forum=forum, crisis_policy="hold")
    thread = ThreadFactory(forum=forum, author=distressed, body="Hello all.")
    held = PostFactory(thread=thread, author=distressed, body=PLAN)
    shown = PostFactory(thread=thread, author=distressed, body=WANT_TO_DIE)
    screen(held)
    screen(shown)
    case = open_crisis_cases(distressed).get()
    held_item = case.evidence.get(post=held)
    shown_item = case.evidence.get(post=shown)
    client.force_login(global_moderator)
    url = reverse("admin:moderation_case_change", args=[case.pk])

    missing = client.post(
        url,
        {
            "action": "resolve_crisis",
            "version": case.version,
            "outcome": CaseOutcome.REACHED_SAFE,
            f"evidence_{held_item.pk}": EvidenceOutcome.PUBLISHED,
        },
        follow=True,
    )

    assert "Choose an outcome for each item" in missing.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.OPEN
    assert Post.objects.get(pk=held.pk).status == PostStatus.HELD  # nothing applied

    client.post(
        url,
        {
            "action": "resolve_crisis",
            "version": case.version,
            "outcome": CaseOutcome.REACHED_SAFE,
            f"evidence_{held_item.pk}": EvidenceOutcome.PUBLISHED,
            f"evidence_{shown_item.pk}": EvidenceOutcome.HIDDEN,
        },
    )

    case.refresh_from_db()
    assert case.state == CaseState.RESOLVED
    assert dict(case.evidence.values_list("post_id", "outcome")) == {
        held.pk: EvidenceOutcome.PUBLISHED,
        shown.pk: EvidenceOutcome.HIDDEN,
    }
    assert Post.objects.get(pk=held.pk).status == PostStatus.PUBLISHED
    assert Post.objects.get(pk=shown.pk).status == PostStatus.HELD
    assert not Post.objects.filter(is_crisis_review_pending=True).exists()


def test_a_signal_after_resolution_opens_a_new_case_linking_the_earlier_one(
    forum, distressed, global_moderator
):
    thread = ThreadFactory(forum=forum, author=distressed, body=PLAN)
    screen(thread.posts.get())
    first = open_crisis_cases(distressed).get()
    services.crisis_case_resolve(
        case=first,
        acting_user=global_moderator,
        outcome=CaseOutcome.REACHED_SAFE,
        evidence_outcomes={first.evidence.get().pk: EvidenceOutcome.SUPPORTED},
    )

    later = PostFactory(thread=thread, author=distressed, body=PLAN)
    screen(later)

    second = open_crisis_cases(distressed).get()
    assert second.pk != first.pk
    assert second.previous_case == first
    assert list(second.evidence.values_list("post_id", flat=True)) == [later.pk]


def test_an_unclaimed_case_escalates_once_per_level_however_many_signals(
    forum, distressed, global_moderator
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        thread = ThreadFactory(forum=forum, author=distressed, body=PLAN)
        screen(thread.posts.get())
        clock.shift(timedelta(minutes=3))
        screen(PostFactory(thread=thread, author=distressed, body=WANT_TO_DIE))
        services.crisis_check_in_request(member=distressed)
        clock.shift(timedelta(minutes=8))
        services.crisis_clock_tick()
        services.crisis_clock_tick()

    case = open_crisis_cases(distressed).get()
    assert CrisisAlert.objects.count() == 2  # on-call at the first signal, then everyone once
    assert set(CrisisAlert.objects.values_list("case_id", "level")) == {
        (case.pk, AlertLevel.ON_CALL),
        (case.pk, AlertLevel.ALL_MODERATORS),
    }


def test_pressing_check_in_again_within_the_hour_adds_nothing(distressed):
    services.crisis_check_in_request(member=distressed)
    services.crisis_check_in_request(member=distressed)

    assert CrisisEvidence.objects.filter(kind=EvidenceKind.CHECK_IN).count() == 1
    assert open_crisis_cases(distressed).count() == 1


def test_erasure_request_with_an_open_case_is_recorded_and_keeps_priority(
    client, forum, distressed
):
    from accounts.enums import ErasureStatus
    from accounts.models import ErasureRequest
    from moderation.demo import seed_helplines

    seed_helplines()
    distressed.timezone = "Europe/London"
    distressed.save()
    thread = ThreadFactory(forum=forum, author=distressed, body=PLAN)
    screen(thread.posts.get())
    client.force_login(distressed)

    response = client.post(
        reverse("accounts:erase"),
        {"password": TEST_PASSWORD, "mode": "anonymise", "confirm": "on"},
        follow=True,
    )

    page = response.content.decode()
    assert ErasureRequest.objects.get(user=distressed).status == ErasureStatus.PENDING
    case = open_crisis_cases(distressed).get()
    assert case.priority == CasePriority.CRISIS and case.state == CaseState.OPEN
    assert case.actions.filter(kind="erasure_request").count() == 1
    assert "you matter, and help is there tonight" in page
    assert "Samaritans" in page and "Emergency services" in page
    assert "Your account will be deleted on" in page  # the grace period stands


def test_erasure_without_a_case_shows_no_crisis_panel(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:erase"),
        {"password": TEST_PASSWORD, "mode": "anonymise", "confirm": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert "Your account will be deleted on" in page
    assert "help is there tonight" not in page
    assert not Case.objects.exists()


def test_duplicate_open_crisis_cases_are_merged_by_the_data_migration(forum, distressed):
    import importlib

    from django.apps import apps

    from moderation.services.cases import case_open_or_attach

    # Cases as the earlier code opened them: one per post, plus a check-in about the member.
    thread = ThreadFactory(forum=forum, author=distressed, body=WANT_TO_DIE)
    posts = [thread.posts.get(), PostFactory(thread=thread, author=distressed, body=PLAN)]
    for post in posts:
        case_open_or_attach(
            target_kind=TargetKind.POST,
            target=post,
            source="screening",
            priority=CasePriority.CRISIS,
            member=distressed,
            forum_id=forum.pk,
        )
    case_open_or_attach(
        target_kind=TargetKind.MEMBER,
        target=distressed,
        source="check_in",
        priority=CasePriority.CRISIS,
        member=distressed,
    )
    assert open_crisis_cases(distressed).count() == 3

    migration = importlib.import_module("moderation.migrations.0014_crisis_cases_merge_per_member")
    migration.merge(apps, None)

    kept = open_crisis_cases(distressed).get()
    assert kept.target_kind == TargetKind.MEMBER
    assert sorted(kept.evidence.values_list("kind", flat=True)) == ["check_in", "post", "post"]
    assert Case.objects.filter(member=distressed, outcome="merged").count() == 2
    assert Post.objects.filter(is_crisis_review_pending=True).count() == 2


def test_erasing_the_account_deletes_the_conversation_with_the_moderators(
    distressed, global_moderator
):
    from accounts import services as account_services
    from accounts.tasks import erase_due_accounts
    from moderation.models import SupportMessage

    case = services.crisis_check_in_request(member=distressed)
    services.crisis_reach_out(case=case, acting_user=global_moderator, text="We are here.")
    services.support_reply(member=distressed, text="Thank you.")
    erasure = account_services.erasure_request(user=distressed, mode="anonymise")
    assert erasure.is_at_risk

    type(erasure).objects.filter(pk=erasure.pk).update(scheduled_for=timezone.now())
    assert erase_due_accounts() == 1

    assert not SupportMessage.objects.exists()
    assert case.actions.filter(kind="member_reply").exists()  # the log stays, without text


def test_a_check_in_alone_resolves_without_choosing_an_item_outcome(distressed, global_moderator):
    case = services.crisis_check_in_request(member=distressed)

    services.crisis_case_resolve(
        case=case, acting_user=global_moderator, outcome=CaseOutcome.REACHED_SAFE
    )

    assert case.evidence.get().outcome == EvidenceOutcome.SUPPORTED
