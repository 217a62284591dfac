"""Joining Hearth in a real browser: sign up, verify the email, log in by handle."""

from __future__ import annotations

import re

from django.core.mail import EmailMessage
from playwright.sync_api import Page, expect

from tests.e2e.helpers import CheckA11y, link_from_email, log_in, submit_form

HANDLE = "ember_walker"
EMAIL = "jo.private@example.org"
PASSWORD = "a-long-and-quiet-evening"
REVEALING_EMAIL = "ember@example.org"  # "ember" is in the handle


def test_new_member_signs_up_verifies_email_and_logs_in_by_handle(
    page: Page, check_a11y: CheckA11y, mailoutbox: list[EmailMessage]
) -> None:
    page.goto("/accounts/signup/")
    check_a11y(page)
    page.get_by_label("Handle").fill(HANDLE)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^\W*Password\W*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I have read and accept the community rules").check()
    submit_form(page, "Sign Up")

    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    check_a11y(page)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [EMAIL]

    page.goto(link_from_email(mailoutbox[0]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    check_a11y(page)
    submit_form(page, "Confirm")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    check_a11y(page)
    log_in(page, HANDLE, PASSWORD)

    # The first arrival offers the healthy-use reminders, all off until chosen.
    expect(page).to_have_url(re.compile(r"/welcome/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {HANDLE}")
    expect(page.get_by_label("Off")).to_be_checked()
    check_a11y(page)
    page.get_by_label("After 1 hour", exact=True).check()
    submit_form(page, "Save and continue")

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("Your reminders are saved.")).to_be_visible()
    expect(page.locator("header")).to_contain_text(HANDLE)
    check_a11y(page)
    _assert_email_not_shown(page)

    page.goto(f"/members/{HANDLE}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HANDLE)
    check_a11y(page)
    _assert_email_not_shown(page)


def _assert_email_not_shown(page: Page) -> None:
    html = page.content().casefold()
    assert EMAIL.casefold() not in html
    assert EMAIL.partition("@")[0].casefold() not in html


def test_handle_that_reveals_the_email_needs_an_explicit_confirmation(
    page: Page, check_a11y: CheckA11y, mailoutbox: list[EmailMessage]
) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Handle").fill(HANDLE)
    page.get_by_label("Email").fill(REVEALING_EMAIL)
    page.get_by_label(re.compile(r"^\W*Password\W*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I have read and accept the community rules").check()
    submit_form(page, "Sign Up")

    expect(page.get_by_text("Your handle contains the first part of your email")).to_be_visible()
    check_a11y(page)
    assert mailoutbox == []
    page.get_by_label(re.compile(r"^\W*Password\W*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Use this handle anyway").check()
    submit_form(page, "Sign Up")

    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    assert [message.to for message in mailoutbox] == [[REVEALING_EMAIL]]
