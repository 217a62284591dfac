"""Private messages in a real browser: a member who accepts messages gets a request, accepts
and replies; an unkind message is reported; the moderator sees that message and nothing else
of the conversation, and the view is in the audit log. Member pages are checked with axe-core."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from moderation.demo import seed_moderation
from moderation.enums import ActionKind
from moderation.models import Case, ModerationAction, ModeratorAssignment
from tests.e2e.helpers import CheckA11y, log_in, log_out, submit_form, totp_now
from tests.factories import TEST_PASSWORD, UserFactory, enrol_totp

FIRST = "Hi, I read your thread about night shifts. How are you holding up?"
REPLY = "Thanks for asking, some nights are easier than others."
PHONE = "Text me on +44 7700 900123 if you like."
UNKIND = "Honestly you should just get over it, everyone is tired of hearing it."


@pytest.fixture
def people(transactional_db: None) -> dict:
    seed_moderation()
    UserFactory(handle="kind_writer", trust_level="member")
    UserFactory(handle="night_owl", trust_level="member", message_permission="anyone")
    moderator = UserFactory(handle="river_mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    return {"secret": enrol_totp(moderator)}


@pytest.mark.e2e
def test_request_reply_report_and_the_moderator_sees_only_that_message(
    page: Page, check_a11y: CheckA11y, people: dict
) -> None:
    # kind_writer starts a conversation: it arrives as a request.
    log_in(page, "kind_writer", TEST_PASSWORD)
    page.goto("/messages/")
    check_a11y(page)
    page.get_by_role("link", name="New conversation").click()
    check_a11y(page)
    page.get_by_label("To").fill("night_owl")
    page.get_by_label("Your message").fill(FIRST)
    submit_form(page, "Send request")
    expect(page.get_by_text(FIRST)).to_be_visible()
    expect(page.get_by_role("heading", name="Who can read these messages")).to_be_visible()
    check_a11y(page)
    log_out(page)

    # night_owl sees the request, accepts it and replies.
    log_in(page, "night_owl", TEST_PASSWORD)
    expect(page.locator("header").get_by_role("link", name="Messages 1 unread")).to_be_visible()
    page.goto("/messages/")
    expect(page.get_by_role("heading", name="Requests")).to_be_visible()
    page.get_by_role("link", name="kind_writer").click()
    check_a11y(page)
    submit_form(page, "Accept")
    page.get_by_label("Your message").fill(REPLY)
    submit_form(page, "Send")
    expect(page.get_by_text(REPLY)).to_be_visible()
    check_a11y(page)
    log_out(page)

    # kind_writer is warned before sharing a phone number, edits it out, then writes something
    # unkind; night_owl reports that message only.
    log_in(page, "kind_writer", TEST_PASSWORD)
    page.goto("/messages/")
    page.get_by_role("link", name="night_owl").click()
    page.get_by_label("Your message").fill(PHONE)
    submit_form(page, "Send")
    expect(page.get_by_role("alert")).to_contain_text("Sharing contact details moves support")
    expect(page.get_by_role("button", name="Send anyway")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_label("Your message")).to_have_value(PHONE)
    page.get_by_label("Your message").fill(UNKIND)
    submit_form(page, "Send")
    log_out(page)
    log_in(page, "night_owl", TEST_PASSWORD)
    page.goto("/settings/messages/")
    check_a11y(page)
    page.goto("/messages/")
    page.get_by_role("link", name="kind_writer").click()
    assert PHONE not in page.content()
    page.locator(".message", has_text=UNKIND).get_by_role(
        "link", name="Report this message"
    ).click()
    check_a11y(page)
    page.get_by_label("Harassment or bullying").check()
    submit_form(page, "Send report")
    expect(page.get_by_role("heading", level=1)).to_contain_text("your report was sent")
    page.context.clear_cookies()

    # The moderator opens the case: the reported message, nothing else of the conversation.
    page.goto("/console/")
    page.locator("input[name='login']").fill("river_mod")
    page.locator("input[name='password']").fill(TEST_PASSWORD)
    submit_form(page, "Sign In")
    page.locator("input[name='code']").fill(totp_now(people["secret"]))
    page.locator("main form button[type='submit']").first.click()
    expect(page.get_by_text("Hearth moderator console")).to_be_visible()
    case = Case.objects.get()
    page.goto(f"/console/moderation/case/{case.pk}/change/")
    expect(page.locator(".case-messages")).to_contain_text(UNKIND)
    content = page.locator(".case-content").inner_text()
    assert FIRST not in content and REPLY not in content
    assert FIRST not in page.content() and REPLY not in page.content()
    assert ModerationAction.objects.filter(kind=ActionKind.VIEW_MESSAGE, case=case).count() == 1
