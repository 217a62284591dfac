"""The forum's policy per risk tier, the author's gentle link, and the person-level view."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from forums.enums import PostStatus
from moderation import services
from moderation.enums import CasePriority, CaseSource, TargetKind
from moderation.models import Case, ForumScreeningSettings, ScreeningResult
from tests.factories import PostFactory

IDEATION_TEXT = "Honestly I want to die. Everyone would be better off without me."
BEHAVIOUR_TEXT = "Last night I looked up how many pills it would take."
IMMINENT_TEXT = "This is my last post. Goodbye everyone, thank you for trying."
DISTRESS_TEXT = "I feel so hopeless and overwhelmed lately, work is crushing me."


def screen(post):
    return services.post_screen(post_id=post.pk, revision=post.revision)


def test_ideation_opens_a_priority_case_without_paging_on_call(thread, member):
    post = PostFactory(thread=thread, author=member, body=IDEATION_TEXT)

    result = screen(post)

    assert result.tier == "ideation"
    case = Case.objects.get(post=post)
    assert case.priority == CasePriority.HIGH
    assert case.crisis_clock_started_at is None


def test_behaviour_opens_a_priority_case_with_its_evidence(thread, member):
    post = PostFactory(thread=thread, author=member, body=BEHAVIOUR_TEXT)

    result = screen(post)

    assert result.tier == "behaviour"
    assert Case.objects.get(post=post).priority == CasePriority.HIGH
    summary = next(s for s in result.signals if s["label"] == "risk.behaviour")
    assert "method research" in summary["explanation"]


def test_imminent_risk_still_opens_a_crisis_case_and_starts_the_clock(thread, member):
    post = PostFactory(thread=thread, author=member, body=IMMINENT_TEXT)

    result = screen(post)

    assert result.tier == "imminent"
    case = Case.objects.get(evidence__post=post)  # the author's one crisis case
    assert case.priority == CasePriority.CRISIS
    assert case.crisis_clock_started_at is not None


def test_a_forum_can_treat_ideation_as_crisis(thread, member):
    ForumScreeningSettings.objects.create(forum=thread.forum, ideation_response="crisis")
    post = PostFactory(thread=thread, author=member, body=IDEATION_TEXT)

    screen(post)

    assert Case.objects.get(evidence__post=post).priority == CasePriority.CRISIS


def test_a_forum_can_show_help_without_a_case_for_behaviour(thread, member):
    ForumScreeningSettings.objects.create(forum=thread.forum, behaviour_response="help")
    post = PostFactory(thread=thread, author=member, body=BEHAVIOUR_TEXT)

    result = screen(post)

    assert result.verdict == "allow"
    assert not Case.objects.filter(post=post).exists()


def test_a_forum_that_holds_crisis_posts_holds_ideation_too(thread, member):
    ForumScreeningSettings.objects.create(forum=thread.forum, crisis_policy="hold")
    post = PostFactory(thread=thread, author=member, body=IDEATION_TEXT)

    screen(post)

    post.refresh_from_db()
    assert post.status == PostStatus.HELD
    assert Case.objects.get(post=post).priority == CasePriority.HIGH


def test_distress_opens_no_case(thread, member):
    post = PostFactory(thread=thread, author=member, body=DISTRESS_TEXT)

    result = screen(post)

    assert (result.tier, result.verdict) == ("distress", "allow")
    assert not Case.objects.exists()


def test_the_author_of_a_distressed_post_sees_a_gentle_link_to_help(client, thread, member):
    client.force_login(member)

    response = client.post(
        reverse("forums:reply", kwargs={"pk": thread.pk}), {"body": DISTRESS_TEXT}, follow=True
    )

    page = response.content.decode()
    assert "help is here" in page
    assert f'href="{reverse("moderation:help")}"' in page


def test_the_gentle_link_can_be_turned_off(client, thread, member):
    ForumScreeningSettings.objects.create(forum=thread.forum, distress_response="none")
    client.force_login(member)

    response = client.post(
        reverse("forums:reply", kwargs={"pk": thread.pk}), {"body": DISTRESS_TEXT}, follow=True
    )

    assert "help is here" not in response.content.decode()


def _pattern_cases(member):
    return Case.objects.filter(
        target_kind=TargetKind.MEMBER, member=member, source=CaseSource.PATTERN
    )


def test_several_ideation_posts_open_one_check_in_case_with_the_posts(thread, member):
    first = PostFactory(thread=thread, author=member, body=IDEATION_TEXT)
    screen(first)
    assert not _pattern_cases(member).exists()

    second = PostFactory(thread=thread, author=member, body="I keep thinking about killing myself.")
    screen(second)
    third = PostFactory(thread=thread, author=member, body="i dont want to be alive anymore")
    screen(third)

    case = _pattern_cases(member).get()
    assert case.priority == CasePriority.HIGH
    assert case.crisis_clock_started_at is None
    assert f"#{first.pk}" in case.excerpt and f"#{second.pk}" in case.excerpt
    assert IDEATION_TEXT not in case.excerpt


def test_distress_rising_to_ideation_is_a_pattern(thread, member):
    for body in (DISTRESS_TEXT, "Another panic attack on the bus today, I can't cope."):
        screen(PostFactory(thread=thread, author=member, body=body))
    assert not _pattern_cases(member).exists()

    screen(PostFactory(thread=thread, author=member, body=IDEATION_TEXT))

    assert _pattern_cases(member).count() == 1


def test_posts_older_than_the_window_do_not_make_a_pattern(thread, member):
    ForumScreeningSettings.objects.create(forum=thread.forum, pattern_window_days=7)
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        screen(PostFactory(thread=thread, author=member, body=IDEATION_TEXT))

    screen(PostFactory(thread=thread, author=member, body="I keep thinking about killing myself."))

    assert not _pattern_cases(member).exists()


def test_a_resolved_check_in_is_not_reopened_for_the_same_posts(thread, member, global_moderator):
    for body in (IDEATION_TEXT, "I keep thinking about killing myself."):
        screen(PostFactory(thread=thread, author=member, body=body))
    case = _pattern_cases(member).get()
    services.case_dismiss(case=case, acting_user=global_moderator, expected_version=case.version)

    screen(PostFactory(thread=thread, author=member, body="Had a calmer day today."))
    assert _pattern_cases(member).count() == 1

    screen(PostFactory(thread=thread, author=member, body="i dont want to be alive anymore"))
    screen(PostFactory(thread=thread, author=member, body="I want to die."))
    assert _pattern_cases(member).count() == 2


def test_each_screened_revision_stores_its_tier(thread, member):
    post = PostFactory(thread=thread, author=member, body="Lovely walk with the dog today.")
    screen(post)
    assert ScreeningResult.objects.get(post=post).tier == "none"


def test_moderators_read_the_check_in_case_with_its_posts_listed(
    client, thread, member, global_moderator
):
    for body in (IDEATION_TEXT, "I keep thinking about killing myself."):
        screen(PostFactory(thread=thread, author=member, body=body))
    case = _pattern_cases(member).get()
    client.force_login(global_moderator)

    page = client.get(reverse("admin:moderation_case_change", args=[case.pk]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Pattern across recent posts" in text
    assert text.count("read it in context") == 2
    assert "Suicidal ideation" in text
