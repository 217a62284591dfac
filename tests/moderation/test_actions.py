from datetime import timedelta

import pytest
from django.urls import reverse

from forums.enums import PostStatus
from forums.models import Post, Thread
from moderation import services
from moderation.enums import ActionKind, CaseOutcome, CaseState, ReportReason, TargetKind
from moderation.models import Appeal, Case, ModerationAction
from tests.factories import ForumFactory, UserFactory


@pytest.fixture
def case(post, member):
    return services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.HARASSMENT
    ).case


def test_removing_a_post_cites_rules_logs_and_tells_the_author(case, post, global_moderator, rules):
    entry = services.post_remove_citing_rules(
        post=post,
        acting_user=global_moderator,
        rules=[rules[0]],
        message="Please be kind.",
        reason="Second time this week",
        case=case,
        expected_version=case.version,
    )

    post.refresh_from_db()
    case.refresh_from_db()
    assert post.status == PostStatus.REMOVED_BY_MODERATOR
    assert post.moderation_notice == "Removed by a moderator — rule 1: Be kind, or be quiet"
    assert (case.state, case.outcome, case.resolved_by) == (
        CaseState.RESOLVED,
        CaseOutcome.CONTENT_ACTIONED,
        global_moderator,
    )
    assert case.first_action_at is not None
    assert entry.kind == ActionKind.REMOVE_POST
    assert entry.rules == [{"number": 1, "title": "Be kind, or be quiet"}]
    assert entry.before == "You are not alone in this."
    assert entry.member == post.author and entry.actor_handle == global_moderator.handle
    notice = post.author.notifications.get()
    assert "rule 1: Be kind, or be quiet" in notice.text
    assert "Please be kind." in notice.text
    assert notice.link == reverse("moderation:decision", kwargs={"pk": entry.pk})


def test_removed_post_shows_the_rule_to_its_author_only(
    client, case, post, global_moderator, rules, member
):
    services.post_remove_citing_rules(
        post=post, acting_user=global_moderator, rules=[rules[2]], case=case
    )
    thread_url = post.thread.get_absolute_url()

    client.force_login(post.author)
    author_view = client.get(thread_url).content.decode()
    client.force_login(member)
    other_view = client.get(thread_url).content.decode()

    assert "rule 3: Respect privacy" in author_view
    assert "rule 3: Respect privacy" not in other_view
    assert "You are not alone in this." not in other_view


def test_an_action_that_affects_a_member_needs_a_rule(case, post, global_moderator):
    with pytest.raises(services.ModerationError, match="Cite at least one"):
        services.post_remove_citing_rules(
            post=post, acting_user=global_moderator, rules=[], case=case
        )
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_acting_on_a_case_someone_else_just_resolved_changes_nothing(case, post, rules):
    first = UserFactory(handle="mod_one", is_staff=True, is_superuser=True)
    second = UserFactory(handle="mod_two", is_staff=True, is_superuser=True)
    stale_version = case.version
    services.case_dismiss(case=case, acting_user=first, expected_version=stale_version)

    with pytest.raises(services.ModerationError, match="Someone else acted"):
        services.post_remove_citing_rules(
            post=post,
            acting_user=second,
            rules=rules[:1],
            case=case,
            expected_version=stale_version,
        )
    with pytest.raises(services.ModerationError, match="already resolved by mod_one"):
        services.case_dismiss(case=case, acting_user=second)
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_claim_dismiss_reopen_and_escalate(case, global_moderator):
    services.case_claim(case=case, acting_user=global_moderator)
    case.refresh_from_db()
    assert (case.state, case.claimed_by) == (CaseState.CLAIMED, global_moderator)

    services.case_dismiss(case=case, acting_user=global_moderator)
    services.case_reopen(case=case, acting_user=global_moderator, reason="New information")
    case.refresh_from_db()
    assert case.state == CaseState.OPEN and case.outcome == ""

    with pytest.raises(services.ModerationError, match="Say why"):
        services.case_escalate(case=case, acting_user=global_moderator, reason=" ")
    services.case_escalate(case=case, acting_user=global_moderator, reason="Legal question")
    case.refresh_from_db()
    assert case.is_escalated
    kinds = list(ModerationAction.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == ["claim", "dismiss", "reopen", "escalate"]


def test_hide_edit_and_content_warning(case, post, global_moderator, rules):
    services.post_hide_for_review(
        post=post, acting_user=global_moderator, rules=rules[:1], case=case
    )
    post.refresh_from_db()
    assert post.status == PostStatus.HELD

    services.post_edit_by_moderator(
        post=post,
        acting_user=global_moderator,
        body="You are not alone.",
        note="Removed a phone number",
        rules=rules[2:3],
    )
    services.post_add_content_warning(
        post=post, acting_user=global_moderator, warning="mentions panic attacks"
    )
    post.refresh_from_db()
    assert post.body == "You are not alone."
    assert post.moderator_note == "Removed a phone number"
    assert post.content_warning == "mentions panic attacks"
    assert post.revisions.count() == 2
    edit = ModerationAction.objects.get(kind=ActionKind.EDIT_POST)
    assert (edit.before, edit.after) == ("You are not alone in this.", "You are not alone.")


def test_moderator_note_on_an_edited_post_is_shown_to_everyone(
    client, post, global_moderator, rules
):
    services.post_edit_by_moderator(
        post=post,
        acting_user=global_moderator,
        body="Edited.",
        note="Removed a link",
        rules=rules[:1],
    )
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert "Removed a link" in page


def test_thread_lock_pin_move_and_remove(thread, global_moderator, rules, forum):
    target = ForumFactory(name="Good news", slug="good-news")
    services.thread_set_locked(thread=thread, acting_user=global_moderator, is_locked=True)
    services.thread_set_pinned(thread=thread, acting_user=global_moderator, is_pinned=True)
    services.thread_move_to(thread=thread, forum=target, acting_user=global_moderator)
    thread.refresh_from_db()
    assert thread.is_locked and thread.is_pinned and thread.forum == target

    services.thread_remove_citing_rules(
        thread=thread, acting_user=global_moderator, rules=rules[:1], message="Off topic here"
    )
    thread.refresh_from_db()
    assert thread.status == "removed"
    target.refresh_from_db()
    assert target.thread_count == 0
    assert set(ModerationAction.objects.values_list("kind", flat=True)) == {
        "lock_thread",
        "pin_thread",
        "move_thread",
        "remove_thread",
    }
    assert thread.author.notifications.filter(text__contains="Off topic here").exists()


def test_held_first_post_of_a_new_member_opens_a_case_and_is_released_by_approval(
    forum, global_moderator
):
    forum.is_new_member_post_held = True
    forum.save()
    newcomer = UserFactory(handle="newcomer", trust_level="new")
    from forums import services as forum_services

    thread = forum_services.thread_create(
        forum=forum, author=newcomer, title="Hello", body="First time posting here."
    )
    first_post = thread.posts.get()
    assert first_post.status == PostStatus.HELD
    case = Case.objects.get(post=first_post)
    assert case.source == "held_post"

    services.post_approve(post=first_post, acting_user=global_moderator, case=case)

    first_post.refresh_from_db()
    case.refresh_from_db()
    assert first_post.status == PostStatus.PUBLISHED
    assert (case.state, case.outcome) == (CaseState.RESOLVED, CaseOutcome.APPROVED)
    assert Thread.objects.get(pk=thread.pk).status == "published"


def test_author_appeals_once_and_a_different_moderator_must_review(
    client, case, post, global_moderator, rules
):
    entry = services.post_remove_citing_rules(
        post=post, acting_user=global_moderator, rules=rules[:1], case=case
    )
    client.force_login(post.author)
    url = reverse("moderation:decision", kwargs={"pk": entry.pk})

    page = client.get(url).content.decode()
    assert "Rule 1: Be kind, or be quiet" in page and "Appeal this decision" in page
    response = client.post(url, {"text": "I was agreeing with them, not mocking."})
    assert response.status_code == 302

    case.refresh_from_db()
    assert case.state == CaseState.OPEN
    assert case.excluded_moderator == global_moderator
    assert Appeal.objects.get().case == case
    assert "Appeal this decision" not in client.get(url).content.decode()
    with pytest.raises(services.ModerationError, match="already appealed"):
        services.appeal_create(member=post.author, entry=entry, text="Again")
    with pytest.raises(services.ModerationError, match="another moderator"):
        services.case_dismiss(case=case, acting_user=global_moderator)
    other = UserFactory(handle="second_mod", is_staff=True, is_superuser=True)
    services.case_dismiss(case=case, acting_user=other)


def test_decision_pages_of_other_members_are_404(
    client, case, post, global_moderator, rules, member
):
    entry = services.post_remove_citing_rules(
        post=post, acting_user=global_moderator, rules=rules[:1], case=case
    )
    client.force_login(member)
    assert client.get(reverse("moderation:decision", kwargs={"pk": entry.pk})).status_code == 404


def test_forum_moderator_cannot_act_outside_their_forum(post, other_forum, rules):
    from moderation.models import ModeratorAssignment

    scoped = UserFactory(handle="adhd_mod", is_staff=True)
    from django.contrib.auth.models import Group

    scoped.groups.add(Group.objects.get(name="Moderators"))
    ModeratorAssignment.objects.create(moderator=scoped, forum=other_forum)

    with pytest.raises(services.ModerationError, match="don’t moderate this forum"):
        services.post_remove_citing_rules(post=post, acting_user=scoped, rules=rules[:1])
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED


def test_sanction_duration_must_be_in_the_future(case, global_moderator, rules):
    with pytest.raises(services.ModerationError, match="duration in the future"):
        services.member_sanction(
            member=case.member,
            kind="silence",
            acting_user=global_moderator,
            rules=rules[:1],
            duration=timedelta(days=-1),
            case=case,
        )


def test_the_author_sees_the_removal_notice_on_the_notifications_page(
    client, case, post, global_moderator, rules
):
    services.post_remove_citing_rules(
        post=post, acting_user=global_moderator, rules=rules[:1], case=case
    )
    client.force_login(post.author)

    page = client.get(reverse("forums:notifications")).content.decode()

    assert "rule 1: Be kind, or be quiet" in page
    assert "/decisions/" in page


def test_dismissing_the_case_of_a_held_post_publishes_it_rather_than_hiding_it_for_good(
    forum, global_moderator
):
    forum.is_new_member_post_held = True
    forum.save()
    newcomer = UserFactory(handle="newcomer", trust_level="new")
    from forums import services as forum_services

    thread = forum_services.thread_create(
        forum=forum, author=newcomer, title="Hello", body="First time posting here."
    )
    first_post = thread.posts.get()
    case = Case.objects.get(post=first_post)

    dismissed = services.case_dismiss(case=case, acting_user=global_moderator)

    first_post.refresh_from_db()
    thread.refresh_from_db()
    assert dismissed.released_held_content
    assert first_post.status == PostStatus.PUBLISHED
    assert thread.status == "published"
    kinds = list(ModerationAction.objects.values_list("kind", flat=True))
    assert kinds == [ActionKind.DISMISS]
