"""The helpline directory, the case page's crisis tools, the dashboard and the CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from moderation import services
from moderation.demo import seed_helplines
from moderation.enums import CaseOutcome, ReportReason, TargetKind
from moderation.models import CrisisFollowUp, Helpline
from moderation.services.errors import ModerationError


def helpline(**fields):
    return Helpline(**{"name": "Test line", "country": "GB", **fields})


def test_a_helpline_needs_at_least_one_way_to_reach_it(db):
    with pytest.raises(ValidationError) as error:
        helpline().full_clean()
    assert "at least one way" in str(error.value)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"phone": "12"}, "phone"),
        ({"phone": "call us"}, "phone"),
        ({"sms": "0000"}, "sms"),
        ({"url": "not a url"}, "url"),
        ({"country": "", "phone": "116 123"}, "phone"),
    ],
)
def test_invalid_contact_details_are_refused(db, fields, field):
    with pytest.raises(ValidationError) as error:
        helpline(**fields).full_clean()
    assert field in error.value.message_dict


def test_valid_national_numbers_and_short_codes_pass(db):
    helpline(phone="116 123", sms="85258", url="https://www.samaritans.org/").full_clean()
    helpline(country="US", phone="988", sms="988").full_clean()
    helpline(country="", phone="+44 20 7946 0000").full_clean()


def test_demo_helplines_cover_a_few_countries_and_need_review(db):
    seed_helplines()
    seed_helplines()  # Safe to run again.
    lines = Helpline.objects.all()
    assert {str(line.country) for line in lines} >= {"GB", "US", "CA", "AU", "IE", "DE", ""}
    assert all(line.needs_review for line in lines)
    for line in lines:
        line.full_clean()


def test_the_console_refuses_a_helpline_without_contact_and_warns_about_review(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("admin:moderation_helpline_add"),
        {"name": "Empty line", "country": "GB", "audience": "everyone", "order": 0},
    )
    assert "Give at least one way to reach the line" in response.content.decode()
    seed_helplines()
    listing = client.get(reverse("admin:moderation_helpline_changelist")).content.decode()
    assert "still need review" in listing


@pytest.fixture
def crisis_case(post, member):
    return services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.AT_RISK
    ).case


def test_reach_out_needs_a_message_and_an_open_case(crisis_case, global_moderator):
    with pytest.raises(ModerationError):
        services.crisis_reach_out(case=crisis_case, acting_user=global_moderator, text="  ")
    services.case_dismiss(case=crisis_case, acting_user=global_moderator)
    with pytest.raises(ModerationError):
        services.crisis_reach_out(case=crisis_case, acting_user=global_moderator, text="Hi")


def test_a_crisis_case_resolves_only_with_a_crisis_outcome_and_a_future_follow_up(
    crisis_case, global_moderator
):
    with pytest.raises(ModerationError):
        services.crisis_case_resolve(
            case=crisis_case, acting_user=global_moderator, outcome=CaseOutcome.APPROVED
        )
    with pytest.raises(ModerationError):
        services.crisis_case_resolve(
            case=crisis_case,
            acting_user=global_moderator,
            outcome=CaseOutcome.FALSE_ALARM,
            follow_up_at=timezone.now() - timedelta(hours=1),
        )
    services.crisis_case_resolve(
        case=crisis_case,
        acting_user=global_moderator,
        outcome=CaseOutcome.REFERRED,
        follow_up_at=timezone.now() + timedelta(days=2),
    )
    assert CrisisFollowUp.objects.get(case=crisis_case).created_by == global_moderator


def test_the_reach_out_template_is_editable_by_operators(crisis_case, post):
    from moderation.models import SiteSettings
    from moderation.services.crisis import reach_out_text_for

    site = SiteSettings.load()
    site.reach_out_template = "Dear {handle}: {helplines}"
    site.save()
    seed_helplines()

    text = reach_out_text_for(crisis_case)

    assert text.startswith(f"Dear {post.author.handle}: - Outside these countries")


def test_case_page_shows_crisis_tools_only_for_crisis_cases(client, crisis_case, global_moderator):
    client.force_login(global_moderator)
    page = client.get(reverse("admin:moderation_case_change", args=[crisis_case.pk]))
    html = page.content.decode()
    assert "Crisis response" in html and "Resolve crisis case" in html
    assert "Send the message" in html and "On-call moderators" in html

    other = services.report_create(
        reporter=crisis_case.member,
        target_kind=TargetKind.THREAD,
        target=crisis_case.post.thread,
        reason=ReportReason.SPAM,
    ).case
    plain = client.get(reverse("admin:moderation_case_change", args=[other.pk])).content
    assert "Crisis response" not in plain.decode()


def test_operators_export_crisis_metrics_as_csv_without_names(
    client, crisis_case, global_moderator, operator
):
    services.case_claim(case=crisis_case, acting_user=global_moderator)
    services.crisis_case_resolve(
        case=crisis_case,
        acting_user=global_moderator,
        outcome=CaseOutcome.FALSE_ALARM,
    )
    client.force_login(global_moderator)
    assert client.get(reverse("admin:crisis_metrics_csv")).status_code == 403
    assert "Download the last 30 days" not in client.get(reverse("admin:index")).content.decode()

    client.force_login(operator)
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "Crisis response times" in dashboard and "Download the last 30 days" in dashboard
    response = client.get(reverse("admin:crisis_metrics_csv"), {"days": "7"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "case_id" and rows[1][0] == str(crisis_case.pk)
    assert rows[1][7] == "false_alarm"
    body = response.content.decode()
    for private in (crisis_case.member.handle, global_moderator.handle, crisis_case.excerpt):
        assert private not in body


def test_crisis_support_stays_out_of_the_public_transparency_report(
    client, crisis_case, global_moderator
):
    services.crisis_reach_out(case=crisis_case, acting_user=global_moderator, text="Hello.")
    services.crisis_check_in_request(member=crisis_case.post.author)

    page = client.get(reverse("moderation:transparency")).content.decode()

    assert "Reached out to a member" not in page
    assert "check in" not in page
