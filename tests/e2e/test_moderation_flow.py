"""Moderation in a real browser: a member reports a post, a moderator logs in with 2FA, finds
the case at the top of the console, removes the post citing a rule, and the author sees the
notice and appeals. Member pages are checked with axe-core."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from moderation.demo import seed_moderation
from moderation.models import Case, ModeratorAssignment
from tests.e2e.helpers import CheckA11y, log_in, log_out, submit_form, totp_now
from tests.factories import (
    TEST_PASSWORD,
    ForumFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
    enrol_totp,
)

UNKIND = "Honestly you are just being dramatic about all this."


@pytest.fixture
def story(transactional_db: None) -> dict:
    seed_moderation()
    forum = ForumFactory(name="Anxiety & panic", slug="anxiety")
    reporter = UserFactory(handle="quiet_fern", trust_level="member")
    author = UserFactory(handle="sharp_words", trust_level="member")
    thread = ThreadFactory(
        forum=forum,
        author=reporter,
        title="Panic on the bus",
        body="My heart raced the whole way home.",
    )
    post = PostFactory(thread=thread, author=author, body=UNKIND)
    moderator = UserFactory(handle="river_mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    return {"thread": thread, "post": post, "secret": enrol_totp(moderator)}


@pytest.mark.e2e
def test_report_remove_with_a_rule_notice_and_appeal(
    page: Page, check_a11y: CheckA11y, story: dict
) -> None:
    # The member reports the unkind reply.
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto(story["thread"].get_absolute_url())
    page.locator(f"#post-{story['post'].pk}").get_by_role("link", name="Report").click()
    check_a11y(page)
    page.get_by_label("Harassment or bullying").check()
    page.get_by_label("Anything the moderators should know? (optional)").fill("Dismissive.")
    submit_form(page, "Send report")
    expect(page.get_by_role("heading", level=1)).to_contain_text("your report was sent")
    check_a11y(page)
    log_out(page)

    # The moderator logs in with a TOTP code and finds the case at the top of the queue.
    page.goto("/console/")
    page.locator("input[name='login']").fill("river_mod")
    page.locator("input[name='password']").fill(TEST_PASSWORD)
    submit_form(page, "Sign In")
    page.locator("input[name='code']").fill(totp_now(story["secret"]))
    page.locator("main form button[type='submit']").first.click()
    expect(page.get_by_text("Hearth moderator console")).to_be_visible()
    page.goto("/console/moderation/case/")
    first_row = page.locator("#result_list tbody tr").first
    expect(first_row).to_contain_text("Harassment or bullying")
    first_row.locator("th a").first.click()
    expect(page.locator(".case-post-body")).to_contain_text(UNKIND)
    page.get_by_label("1. Be kind, or be quiet").check()
    page.get_by_label("Message to the member").fill("Please be gentle with each other.")
    submit_form(page, "Remove post")
    expect(page.get_by_text("The post was removed and its author notified.")).to_be_visible()
    assert Case.objects.get().outcome == "content_actioned"
    page.context.clear_cookies()

    # The author sees the notice with the rule, opens the decision and appeals once.
    log_in(page, "sharp_words", TEST_PASSWORD)
    page.goto("/notifications/")
    expect(page.get_by_text("rule 1: Be kind, or be quiet")).to_be_visible()
    check_a11y(page)
    page.goto(story["thread"].get_absolute_url())
    expect(
        page.get_by_text("Removed by a moderator — rule 1: Be kind, or be quiet")
    ).to_be_visible()
    check_a11y(page)
    page.goto("/notifications/")
    page.locator("a[href^='/decisions/']").first.click()
    check_a11y(page)
    page.get_by_label("Why should this decision be looked at again?").fill(
        "I meant it kindly, but I see how it read."
    )
    submit_form(page, "Send appeal")
    expect(page.get_by_text("Your appeal was sent.")).to_be_visible()
    check_a11y(page)
    case = Case.objects.get()
    assert case.state == "open" and case.excluded_moderator.handle == "river_mod"
