"""/help/ for members and visitors, the crisis panel's check-in, and "worried about someone"."""

import re

import pytest
from django.urls import reverse

from moderation.demo import seed_helplines
from moderation.enums import ActionKind, CasePriority, CaseSource, TargetKind
from moderation.models import Case, ModerationAction
from moderation.standing import CRISIS_SUPPORT_SESSION_KEY

HELP = "/help/"


@pytest.fixture
def helplines(db):
    seed_helplines()


def section_order(page: str, *names: str) -> list[int]:
    return [page.index(name) for name in names]


def test_visitors_see_the_international_lines_and_the_emergency_reminder(client, helplines):
    response = client.get(HELP)

    page = response.content.decode()
    assert response.status_code == 200
    assert "call your local emergency number now" in page
    assert "Outside these countries" in page
    assert "Samaritans" not in page
    assert "Name five things you can see." in page  # grounding exercise
    assert 'href="/rules/"' in page
    assert "Ask a moderator to check in" not in page  # only for members


def test_help_page_makes_no_third_party_requests(client, helplines):
    page = client.get(HELP).content.decode()

    # Scripts, styles, images and frames only from our own origin; external helpline
    # websites are plain links the member may choose to follow.
    for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", page):
        for url in re.findall(r'(?:src|href)="([^"]+)"', tag):
            assert url.startswith("/"), tag
    assert "<iframe" not in page


def test_profile_country_comes_first(client, member, helplines):
    member.country = "GB"
    member.save()
    client.force_login(member)

    page = client.get(HELP, HTTP_ACCEPT_LANGUAGE="de-DE").content.decode()

    assert "Talk to someone today in United Kingdom" in page
    assert "Samaritans" in page and 'href="tel:116123"' in page
    assert "TelefonSeelsorge" not in page
    a, b = section_order(page, "Samaritans", "Outside these countries")
    assert a < b
    assert "from your settings (private)" in page


def test_language_header_region_picks_the_country(client, helplines):
    page = client.get(HELP, HTTP_ACCEPT_LANGUAGE="fr;q=1.0, en-CA;q=0.8, en;q=0.5").content
    assert "9-8-8 Suicide Crisis Helpline" in page.decode()
    german = client.get(HELP, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    assert "TelefonSeelsorge" in german and 'href="tel:08001110111"' in german


def test_picker_works_without_javascript_and_overrides_the_profile(client, member, helplines):
    member.country = "GB"
    member.save()
    client.force_login(member)

    page = client.get(HELP, {"country": "us"}).content.decode()

    assert '<form method="get" action="/help/"' in page
    assert '<option value="US" selected>' in page
    assert "988 Suicide &amp; Crisis Lifeline" in page and 'href="sms:988"' in page
    assert "Samaritans" not in page
    assert "Remember United States of America for me" in page


def test_a_country_without_lines_shows_the_international_list(client, helplines):
    page = client.get(HELP, {"country": "FR"}).content.decode()
    assert "We don’t list lines for France yet" in page
    assert "Outside these countries" in page


def test_help_page_query_budget(client, member, helplines, django_assert_max_num_queries):
    member.country = "GB"
    member.save()
    client.force_login(member)
    with django_assert_max_num_queries(8):
        assert client.get(HELP).status_code == 200


def test_members_can_remember_and_forget_their_country_privately(
    client, member, other_member, helplines
):
    client.force_login(member)

    client.post(reverse("moderation:help_country"), {"country": "AU"})

    member.refresh_from_db()
    assert member.country == "AU"
    assert "Lifeline" in client.get(HELP).content.decode()
    client.force_login(other_member)
    profile = client.get(member.get_absolute_url()).content.decode()
    assert "Australia" not in profile
    client.force_login(member)
    client.post(reverse("moderation:help_country"), {"country": ""})
    member.refresh_from_db()
    assert member.country == ""


def test_an_invalid_country_is_ignored(client, member, helplines):
    client.force_login(member)
    client.post(reverse("moderation:help_country"), {"country": "ZZ"})
    member.refresh_from_db()
    assert member.country == ""


def test_crisis_panel_shows_local_lines_and_the_check_in_button_once(client, member, helplines):
    member.country = "IE"
    member.save()
    client.force_login(member)
    session = client.session
    session[CRISIS_SUPPORT_SESSION_KEY] = True
    session.save()

    page = client.get("/rules/").content.decode()

    assert "Samaritans Ireland" in page
    assert 'action="/help/check-in/"' in page
    assert "Samaritans Ireland" not in client.get("/rules/").content.decode()


def test_check_in_opens_a_crisis_case_and_reassures_the_member(
    client, member, helplines, django_capture_on_commit_callbacks
):
    client.force_login(member)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("moderation:help_check_in"), follow=True)

    assert "A moderator will reach out to you privately" in response.content.decode()
    case = Case.objects.get(member=member)
    assert (case.target_kind, case.priority, case.source) == (
        TargetKind.MEMBER,
        CasePriority.CRISIS,
        CaseSource.CHECK_IN,
    )
    assert case.crisis_clock_started_at is not None
    assert ModerationAction.objects.filter(case=case, kind=ActionKind.CHECK_IN_REQUEST).exists()
    # Nobody is on the rota and there are no moderators: nothing to email, but the alert is
    # recorded and the clock runs.
    assert case.alerts.count() == 1
    assert all(getattr(cb, "task_name", "").startswith("moderation.") for cb in callbacks)


def test_pressing_check_in_twice_keeps_one_case_and_one_log_entry(client, member):
    client.force_login(member)
    client.post(reverse("moderation:help_check_in"))
    client.post(reverse("moderation:help_check_in"))

    case = Case.objects.get(member=member)
    assert case.actions.filter(kind=ActionKind.CHECK_IN_REQUEST).count() == 1
    assert case.alerts.count() == 1


def test_check_in_needs_a_post_and_a_login(client, db):
    assert client.get(reverse("moderation:help_check_in")).status_code in (302, 405)
    response = client.post(reverse("moderation:help_check_in"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Case.objects.exists()


def test_worried_about_someone_preselects_at_risk_on_the_report_form(client, member, other_member):
    client.force_login(member)

    response = client.get(reverse("moderation:help_worried"), {"handle": "@morningtea"})

    assert response.status_code == 302
    assert response["Location"] == "/report/member/morningtea/?reason=at_risk"
    form = client.get(response["Location"]).content.decode()
    assert re.search(r'value="at_risk"[^>]*checked', form)


def test_worried_with_an_unknown_name_returns_to_help_with_a_message(client, member):
    client.force_login(member)
    response = client.get(
        reverse("moderation:help_worried"), {"handle": "nobody/../x"}, follow=True
    )
    assert "No member is called" in response.content.decode()
