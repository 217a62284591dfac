import pytest
from django.urls import reverse

from moderation import services
from moderation.enums import REASON_PRIORITY, CasePriority, CaseSource, ReportReason, TargetKind
from moderation.models import Case, Report
from tests.factories import PostFactory, UserFactory


@pytest.mark.parametrize("reason", [reason for reason in ReportReason])
def test_every_report_reason_opens_a_case_with_its_priority(reason, post, member, rules):
    rule = rules[0] if reason == ReportReason.BREAKS_RULE else None

    report = services.report_create(
        reporter=member,
        target_kind=TargetKind.POST,
        target=post,
        reason=reason,
        rule=rule,
        note="Please look.",
    )

    case = report.case
    assert case.priority == REASON_PRIORITY[reason]
    assert (case.target_kind, case.post, case.member, case.forum) == (
        TargetKind.POST,
        post,
        post.author,
        post.thread.forum,
    )
    assert case.source == CaseSource.REPORT


def test_someone_at_risk_is_crisis_priority(post, member):
    report = services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.AT_RISK
    )
    assert report.case.priority == CasePriority.CRISIS


def test_repeated_reports_of_one_target_join_the_same_case_and_raise_priority(post, member):
    first = services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.SPAM
    )
    third_member = UserFactory()
    second = services.report_create(
        reporter=third_member,
        target_kind=TargetKind.POST,
        target=post,
        reason=ReportReason.HARASSMENT,
    )

    assert first.case_id == second.case_id
    assert Case.objects.count() == 1
    assert Case.objects.get().priority == CasePriority.HIGH


def test_trusted_members_reports_weigh_more(post):
    trusted = UserFactory(trust_level="trusted")
    report = services.report_create(
        reporter=trusted, target_kind=TargetKind.POST, target=post, reason=ReportReason.SPAM
    )
    assert report.case.priority == CasePriority.HIGH


def test_reporting_your_own_post_is_refused(post, other_member):
    with pytest.raises(services.ReportRefused, match="your own"):
        services.report_create(
            reporter=other_member,
            target_kind=TargetKind.POST,
            target=post,
            reason=ReportReason.SPAM,
        )
    assert not Case.objects.exists()


def test_reporting_a_removed_post_is_refused(post, member, global_moderator, rules):
    services.post_remove_citing_rules(post=post, acting_user=global_moderator, rules=rules[:1])
    post.refresh_from_db()
    with pytest.raises(services.ReportRefused, match="already been removed"):
        services.report_create(
            reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.SPAM
        )


def test_breaks_a_rule_needs_the_rule(post, member):
    with pytest.raises(services.ReportRefused, match="which rule"):
        services.report_create(
            reporter=member,
            target_kind=TargetKind.POST,
            target=post,
            reason=ReportReason.BREAKS_RULE,
        )


def test_members_and_threads_can_be_reported(thread, other_member):
    thread_report = services.report_create(
        reporter=other_member,
        target_kind=TargetKind.THREAD,
        target=thread,
        reason=ReportReason.HATE,
    )
    member_report = services.report_create(
        reporter=other_member,
        target_kind=TargetKind.MEMBER,
        target=thread.author,
        reason=ReportReason.HARASSMENT,
    )
    assert thread_report.case.thread == thread
    assert member_report.case.member == thread.author
    assert member_report.case.forum is None


def test_report_page_files_a_report_and_confirms(client, post, member):
    client.force_login(member)
    url = reverse("moderation:report", kwargs={"kind": "post", "key": post.pk})

    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "harassment", "note": "Unkind reply"})

    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:report_sent")
    assert Report.objects.get().note == "Unkind reply"
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_report_page_keeps_the_note_when_refused(client, post, other_member):
    client.force_login(other_member)
    url = reverse("moderation:report", kwargs={"kind": "post", "key": post.pk})

    response = client.post(url, {"reason": "spam", "note": "my carefully written note"})

    assert response.status_code == 200
    assert "your own" in response.content.decode()
    assert "my carefully written note" in response.content.decode()


def test_reports_are_rate_limited_with_the_note_kept(client, thread, member):
    client.force_login(member)
    posts = [PostFactory(thread=thread) for _ in range(11)]
    statuses = []
    for post in posts:
        url = reverse("moderation:report", kwargs={"kind": "post", "key": post.pk})
        response = client.post(url, {"reason": "spam", "note": f"note {post.pk}"})
        statuses.append(response.status_code)

    assert statuses[:10] == [302] * 10
    assert statuses[10] == 200
    assert "a lot of reports" in response.content.decode()
    assert f"note {posts[-1].pk}" in response.content.decode()


def test_visitors_must_log_in_to_report(client, post):
    url = reverse("moderation:report", kwargs={"kind": "post", "key": post.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_reported_member_is_not_told_who_reported(post, member, global_moderator, rules):
    report = services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.HARASSMENT
    )
    services.post_remove_citing_rules(
        post=post,
        acting_user=global_moderator,
        rules=rules[:1],
        message="Please be gentle.",
        case=report.case,
    )

    notice = post.author.notifications.get()
    assert member.handle not in notice.text
