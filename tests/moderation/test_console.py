import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from forums.enums import PostStatus
from moderation import services
from moderation.enums import CaseState, ReportReason, TargetKind
from moderation.models import Case, ModerationAction, ModeratorAssignment
from tests.factories import PostFactory, ThreadFactory, UserFactory, enrol_totp


def report(post, reporter, reason=ReportReason.SPAM):
    return services.report_create(
        reporter=reporter, target_kind=TargetKind.POST, target=post, reason=reason
    ).case


@pytest.fixture
def forum_moderator(other_forum):
    user = UserFactory(handle="adhd_mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    enrol_totp(user)
    ModeratorAssignment.objects.create(moderator=user, forum=other_forum)
    return user


def test_queue_lists_crisis_first_then_oldest(client, thread, member, global_moderator):
    spam = report(PostFactory(thread=thread), member)
    crisis = report(PostFactory(thread=thread), member, ReportReason.AT_RISK)
    client.force_login(global_moderator)

    response = client.get(reverse("admin:moderation_case_changelist"))

    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert listed[:2] == [crisis, spam]
    assert "Crisis" in response.content.decode()


def test_dashboard_shows_open_cases_and_first_action_times(client, post, member, global_moderator):
    case = report(post, member, ReportReason.AT_RISK)
    services.case_claim(case=case, acting_user=global_moderator)
    client.force_login(global_moderator)

    response = client.get(reverse("admin:index"))

    stats = response.context["dashboard"]
    assert dict(stats["open_by_priority"])["Crisis"] == 1
    assert stats["opened_7d"] == 1
    assert stats["median_first_action_7d"] is not None
    assert "Oldest open crisis case" in response.content.decode()


def test_case_page_shows_content_reports_and_history_and_acts(
    client, post, member, global_moderator, rules
):
    case = services.report_create(
        reporter=member,
        target_kind=TargetKind.POST,
        target=post,
        reason=ReportReason.HARASSMENT,
        note="Felt targeted",
    ).case
    client.force_login(global_moderator)
    url = reverse("admin:moderation_case_change", args=[case.pk])

    page = client.get(url).content.decode()
    assert "You are not alone in this." in page
    assert "Felt targeted" in page and member.handle in page
    assert f"History of {post.author.handle}" in page
    assert post.author.email not in page

    response = client.post(
        url,
        {
            "action": "remove_post",
            "version": case.version,
            "rules": [rules[0].pk],
            "message": "Please be gentle.",
        },
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.REMOVED_BY_MODERATOR


def test_case_page_refuses_an_action_without_a_rule_and_changes_nothing(
    client, post, member, global_moderator
):
    case = report(post, member)
    client.force_login(global_moderator)
    url = reverse("admin:moderation_case_change", args=[case.pk])

    response = client.post(url, {"action": "remove_post", "version": case.version}, follow=True)

    assert "Cite at least one community rule" in response.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_stale_case_page_is_refused_with_a_clear_message(
    client, post, member, global_moderator, rules
):
    case = report(post, member)
    stale = case.version
    services.case_claim(case=case, acting_user=UserFactory(is_staff=True, is_superuser=True))
    client.force_login(global_moderator)

    response = client.post(
        reverse("admin:moderation_case_change", args=[case.pk]),
        {"action": "dismiss", "version": stale},
        follow=True,
    )

    assert "Someone else acted on this case" in response.content.decode()
    assert Case.objects.get().state == CaseState.CLAIMED


def test_forum_moderator_sees_only_their_forums_cases(
    client, forum, other_forum, member, forum_moderator
):
    theirs = report(PostFactory(thread=ThreadFactory(forum=other_forum)), member)
    elsewhere = report(PostFactory(thread=ThreadFactory(forum=forum)), member)
    client.force_login(forum_moderator)

    listing = client.get(reverse("admin:moderation_case_changelist"))
    assert list(listing.context["cl"].result_list) == [theirs]
    assert client.get(reverse("admin:moderation_case_change", args=[theirs.pk])).status_code == 200
    outside = client.get(reverse("admin:moderation_case_change", args=[elsewhere.pk]))
    assert outside.status_code in (302, 404)
    assert outside.status_code == 404 or outside["Location"] == reverse("admin:index")
    response = client.post(
        reverse("admin:moderation_case_change", args=[elsewhere.pk]),
        {"action": "dismiss", "version": elsewhere.version},
    )
    assert Case.objects.get(pk=elsewhere.pk).state == CaseState.OPEN
    assert response.status_code != 200 or "dismissed" not in response.content.decode()


def test_bulk_dismiss_asks_for_confirmation_first(client, thread, member, global_moderator):
    cases = [report(PostFactory(thread=thread), member) for _ in range(2)]
    client.force_login(global_moderator)
    url = reverse("admin:moderation_case_changelist")
    selection = {"action": "dismiss_selected", "_selected_action": [c.pk for c in cases]}

    confirm = client.post(url, selection)
    assert "Dismiss these cases?" in confirm.content.decode()
    assert Case.objects.filter(state=CaseState.OPEN).count() == 2

    client.post(url, {**selection, "confirmed": "yes"})
    assert Case.objects.filter(state=CaseState.RESOLVED).count() == 2


def test_bulk_claim(client, thread, member, global_moderator):
    cases = [report(PostFactory(thread=thread), member) for _ in range(2)]
    client.force_login(global_moderator)
    client.post(
        reverse("admin:moderation_case_changelist"),
        {"action": "claim_selected", "_selected_action": [c.pk for c in cases]},
    )
    assert set(Case.objects.values_list("claimed_by", flat=True)) == {global_moderator.pk}
    assert ModerationAction.objects.filter(kind="claim").count() == 2


def test_moderators_cannot_open_the_console_as_plain_members(client, member):
    client.force_login(member)
    assert client.get(reverse("admin:moderation_case_changelist"), follow=True).status_code == 404


POST_ACTIONS = [
    ("approve", {}, lambda post, member: post.status == PostStatus.PUBLISHED),
    ("hide", {"rules": [1]}, lambda post, member: post.status == PostStatus.HELD),
    (
        "remove_post",
        {"rules": [1]},
        lambda post, member: post.status == PostStatus.REMOVED_BY_MODERATOR,
    ),
    (
        "edit_post",
        {"rules": [1], "body": "Kinder words.", "edit_note": "Softened"},
        lambda post, member: post.body == "Kinder words." and post.moderator_note == "Softened",
    ),
    (
        "add_content_warning",
        {"content_warning": "panic"},
        lambda post, member: post.content_warning == "panic",
    ),
    ("warn", {"rules": [1]}, lambda post, member: member.sanctions.filter(kind="warning").exists()),
    (
        "silence",
        {"rules": [1], "duration_days": 2},
        lambda post, member: member.sanctions.filter(kind="silence").exists(),
    ),
    (
        "suspend",
        {"rules": [1], "duration_days": 7},
        lambda post, member: member.sanctions.filter(kind="suspension").exists(),
    ),
    ("ban", {"rules": [1]}, lambda post, member: member.sanctions.filter(kind="ban").exists()),
    ("note", {"note": "Check in next week"}, lambda post, member: member.moderator_notes.exists()),
    ("claim", {}, lambda post, member: Case.objects.get().state == CaseState.CLAIMED),
    ("dismiss", {}, lambda post, member: Case.objects.get().outcome == "dismissed"),
    (
        "escalate",
        {"reason": "Legal question"},
        lambda post, member: Case.objects.get().is_escalated,
    ),
]


@pytest.mark.parametrize(
    ("action", "extra", "check"), POST_ACTIONS, ids=[row[0] for row in POST_ACTIONS]
)
def test_every_post_case_action_works_from_the_case_page(
    client, post, member, global_moderator, rules, action, extra, check
):
    case = report(post, member)
    client.force_login(global_moderator)
    data = {"action": action, "version": case.version, **extra}
    if "rules" in extra:
        data["rules"] = [rules[0].pk]

    response = client.post(
        reverse("admin:moderation_case_change", args=[case.pk]), data, follow=True
    )

    assert response.status_code == 200
    post.refresh_from_db()
    assert check(post, post.author), response.content.decode()[-2000:]
    assert ModerationAction.objects.filter(actor=global_moderator).exists()


THREAD_ACTIONS = [
    ("lock", {}, lambda thread: thread.is_locked),
    ("pin", {}, lambda thread: thread.is_pinned),
    ("remove_thread", {"rules": [1]}, lambda thread: thread.status == "removed"),
    ("move", {"forum": "other"}, lambda thread: thread.forum.slug == "adhd"),
]


@pytest.mark.parametrize(
    ("action", "extra", "check"), THREAD_ACTIONS, ids=[row[0] for row in THREAD_ACTIONS]
)
def test_every_thread_case_action_works_from_the_case_page(
    client, thread, other_member, other_forum, global_moderator, rules, action, extra, check
):
    case = services.report_create(
        reporter=other_member,
        target_kind=TargetKind.THREAD,
        target=thread,
        reason=ReportReason.SPAM,
    ).case
    client.force_login(global_moderator)
    data = {"action": action, "version": case.version}
    if "rules" in extra:
        data["rules"] = [rules[0].pk]
    if "forum" in extra:
        data["forum"] = other_forum.pk

    client.post(reverse("admin:moderation_case_change", args=[case.pk]), data)

    thread.refresh_from_db()
    assert check(thread)


def test_unlock_unpin_and_reopen_from_the_case_page(client, thread, other_member, global_moderator):
    case = services.report_create(
        reporter=other_member,
        target_kind=TargetKind.THREAD,
        target=thread,
        reason=ReportReason.SPAM,
    ).case
    client.force_login(global_moderator)
    url = reverse("admin:moderation_case_change", args=[case.pk])
    for action in ("lock", "pin", "unlock", "unpin", "dismiss", "reopen"):
        case.refresh_from_db()
        client.post(url, {"action": action, "version": case.version})

    thread.refresh_from_db()
    case.refresh_from_db()
    assert not thread.is_locked and not thread.is_pinned
    assert case.state == CaseState.OPEN
