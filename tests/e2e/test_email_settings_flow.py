"""Email settings and unsubscribing in a real browser, without JavaScript of ours: choose a
daily summary with quiet hours, then stop it from the emailed link as a visitor. axe-core
(WCAG 2.1 A/AA) on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import EmailPreferences
from accounts.tokens import unsubscribe_token_make
from tests.e2e.helpers import CheckA11y, PageLog, log_in, submit_form
from tests.factories import TEST_PASSWORD, UserFactory


@pytest.fixture
def member(transactional_db: None):
    return UserFactory(handle="quiet_fern")


@pytest.mark.e2e
def test_member_chooses_a_daily_summary_then_unsubscribes_from_the_link(
    page: Page, check_a11y: CheckA11y, page_log: PageLog, member
) -> None:
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto("/settings/")
    page.get_by_role("link", name="Email settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Email settings")
    expect(page.get_by_role("radio", name="Weekly")).to_be_checked()
    expect(page.get_by_label("Use a neutral subject line")).to_be_checked()
    check_a11y(page)

    page.get_by_role("radio", name="Daily").check()
    page.get_by_label("Time of day").select_option("19")
    page.get_by_label("Send nothing during quiet hours").check()
    page.get_by_label("Quiet from").fill("22:00")
    page.get_by_label("Quiet until").fill("07:30")
    page.get_by_label("Your time zone").select_option("Europe/London")
    submit_form(page, "Save email settings")
    expect(page.get_by_text("Your email settings are saved.")).to_be_visible()
    expect(page.get_by_role("radio", name="Daily")).to_be_checked()
    check_a11y(page)
    prefs = EmailPreferences.objects.get(user=member)
    assert (prefs.digest_frequency, prefs.digest_hour, prefs.has_quiet_hours) == ("daily", 19, True)

    page.get_by_role("button", name="Log out").click()
    token = unsubscribe_token_make(user_id=member.pk, scope="digest")
    page.goto(f"/email/unsubscribe/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop summary emails?")
    check_a11y(page)
    submit_form(page, "Unsubscribe")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    check_a11y(page)
    assert EmailPreferences.objects.get(user=member).digest_frequency == "never"

    page_log.allow_console_error(r"status of 400")  # the invalid link answers 400 on purpose
    page.goto("/email/unsubscribe/not-a-real-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This unsubscribe link does not work")
    check_a11y(page)
