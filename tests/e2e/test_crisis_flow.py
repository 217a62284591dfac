"""The crisis story in a real browser: a member posts crisis text and sees their country's
helplines with a check-in button; asks for a check-in; the moderator (2FA) finds the crisis
case at the top of the console, reaches out and resolves it with an outcome; the member reads
the message. Member pages are checked with axe-core; a visitor's /help/ too."""

from __future__ import annotations

import re
from datetime import time as clock_time

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from moderation.demo import seed_helplines, seed_moderation
from moderation.models import Case, ModerationAction, ModeratorAssignment, OnCallShift
from tests.e2e.helpers import CheckA11y, log_in, log_out, submit_form, totp_now
from tests.factories import TEST_PASSWORD, ForumFactory, ThreadFactory, UserFactory, enrol_totp

CRISIS_TEXT = "I have the pills ready and I am going to take them all tonight. Goodbye everyone."


@pytest.fixture
def story(transactional_db: None) -> dict:
    seed_moderation()
    seed_helplines()
    forum = ForumFactory(name="Low mood", slug="low-mood")
    member = UserFactory(handle="quiet_fern", trust_level="member", country="GB")
    thread = ThreadFactory(
        forum=forum, author=member, title="A long week", body="It has been a long week."
    )
    moderator = UserFactory(handle="river_mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    for weekday in range(7):
        for start, end in ((clock_time(0), clock_time(12)), (clock_time(12), clock_time(0))):
            OnCallShift.objects.create(
                moderator=moderator, weekday=weekday, start_time=start, end_time=end
            )
    return {"thread": thread, "member": member, "secret": enrol_totp(moderator)}


@pytest.mark.e2e
def test_visitors_get_help_and_pick_a_country_without_javascript(
    page: Page, check_a11y: CheckA11y, transactional_db: None
) -> None:
    seed_helplines()
    page.goto("/")
    page.get_by_role("link", name="Get help now").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_role("heading", name="Outside these countries")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Show lines for").select_option("AU")
    submit_form(page, "Show")
    expect(page.get_by_role("link", name="Call 13 11 14")).to_have_attribute("href", "tel:131114")
    check_a11y(page)


@pytest.mark.e2e
def test_crisis_post_help_check_in_reach_out_and_outcome(
    page: Page, check_a11y: CheckA11y, story: dict
) -> None:
    # The member replies with crisis language and sees a calm panel with UK lines.
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto(story["thread"].get_absolute_url())
    page.get_by_role("link", name="Reply").first.click()
    page.get_by_label("Your post").fill(CRISIS_TEXT)
    submit_form(page, "Post reply")
    panel = page.locator(".crisis-support")
    expect(panel).to_contain_text("You don’t have to carry it alone")
    expect(panel.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
    expect(page.get_by_text(CRISIS_TEXT)).to_be_visible()  # published, never silenced
    check_a11y(page)

    # She asks a moderator to check in.
    submit_form(page, "Ask a moderator to check in with me")
    expect(page.get_by_text("A moderator will reach out to you privately")).to_be_visible()
    check_a11y(page)
    log_out(page)

    # The on-call moderator logs in with 2FA; crisis cases top the queue.
    page.goto("/console/")
    page.locator("input[name='login']").fill("river_mod")
    page.locator("input[name='password']").fill(TEST_PASSWORD)
    submit_form(page, "Sign In")
    page.locator("input[name='code']").fill(totp_now(story["secret"]))
    page.locator("main form button[type='submit']").first.click()
    expect(page.get_by_text("Hearth moderator console")).to_be_visible()
    expect(page.locator(".crisis-dashboard")).to_contain_text("Crisis cases")
    page.goto("/console/moderation/case/")
    expect(page.locator("#result_list tbody tr").first).to_contain_text("Crisis")
    row = page.locator("#result_list tbody tr", has_text="Member asked for a check-in").first
    row.locator("th a").first.click()
    expect(page.locator(".crisis-panel")).to_contain_text("Crisis response")

    # Reach out from the editable template, which lists her local lines.
    message = page.get_by_label("Your message to the member")
    expect(message).to_have_value(lambda_contains("Samaritans: call 116 123"))
    message.fill("Hi quiet_fern, I'm River from the moderators. I'm here if you want to talk.")
    submit_form(page, "Send the message")
    expect(page.get_by_text("Your message was sent to quiet_fern")).to_be_visible()

    # Resolve with an outcome.
    page.get_by_label("Member reached and safe").check()
    submit_form(page, "Resolve crisis case")
    expect(page.get_by_text("Crisis case resolved.")).to_be_visible()
    case = Case.objects.filter(member__handle="quiet_fern", target_kind="member").get()
    assert case.outcome == "reached_safe"
    assert ModerationAction.objects.filter(case=case, kind="reach_out").exists()
    page.context.clear_cookies()

    # The member reads the message in her notifications.
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto("/notifications/")
    expect(page.get_by_text("I'm River from the moderators")).to_be_visible()
    check_a11y(page)


def lambda_contains(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))
