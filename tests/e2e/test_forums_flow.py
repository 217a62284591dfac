"""The forum flow in a real browser: start a thread with a content warning, quote, react,
search; every page checked with axe-core (WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from forums import services
from tests.e2e.helpers import CheckA11y, log_in, submit_form
from tests.factories import TEST_PASSWORD, ForumFactory, ThreadFactory, UserFactory

TITLE = "Slow mornings and small routines"


@pytest.fixture
def forum_content(transactional_db: None) -> dict:
    forum = ForumFactory(
        name="Depression & low mood",
        slug="depression",
        guidance="Be gentle; no advice about medication doses.",
        office_hours="Weekdays 9–5",
    )
    other = UserFactory(handle="morningtea", trust_level="member")
    thread = ThreadFactory(
        forum=forum, author=other, title="What got you through winter?", body="A lamp helped me."
    )
    member = UserFactory(handle="quiet_fern", trust_level="member")
    return {"forum": forum, "thread": thread, "member": member, "opening": thread.posts.get()}


@pytest.mark.e2e
def test_member_starts_a_thread_quotes_reacts_and_finds_it(
    page: Page, check_a11y: CheckA11y, forum_content: dict
) -> None:
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto("/")
    check_a11y(page)

    page.get_by_role("link", name="Depression & low mood").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Depression & low mood")
    check_a11y(page)

    page.get_by_role("link", name="Start a thread").click()
    expect(page.get_by_text("Be gentle; no advice about medication doses.")).to_be_visible()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Content warning (optional)").fill("low mood, sleep")
    page.get_by_label("Your post").fill("Making tea *before* looking at my phone helps me.")
    submit_form(page, "Preview")
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    check_a11y(page)
    submit_form(page, "Post thread")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    warning = page.locator("details.content-warning").first
    expect(warning).to_contain_text("low mood, sleep")
    expect(warning.locator(".post-body")).to_be_hidden()
    warning.locator("summary").click()
    expect(warning.locator(".post-body")).to_be_visible()
    check_a11y(page)

    opening = forum_content["opening"]
    page.goto(forum_content["thread"].get_absolute_url())
    page.locator(f"#post-{opening.pk}").get_by_role("link", name="Quote").click()
    expect(page.get_by_label("Your post")).to_have_value(
        f"> [morningtea wrote](/p/{opening.pk}/):\n>\n> A lamp helped me.\n\n"
    )
    check_a11y(page)
    page.get_by_label("Your post").press("End")
    page.get_by_label("Your post").type("Same here, a lamp and a walk.")
    submit_form(page, "Post reply")
    expect(page.locator("blockquote").first).to_contain_text("A lamp helped me.")

    first_post = page.locator(f"#post-{opening.pk}")
    with page.expect_navigation():
        first_post.get_by_role("button", name="Sending support").click()
    expect(
        page.locator(f"#post-{opening.pk}").get_by_role("button", name="Sending support · 1")
    ).to_have_attribute("aria-pressed", "true")
    check_a11y(page)

    page.goto("/search/?q=routines")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    check_a11y(page)


@pytest.mark.e2e
def test_notifications_and_bookmarks_pages_are_accessible(
    page: Page, check_a11y: CheckA11y, forum_content: dict
) -> None:
    member = forum_content["member"]
    services.notification_send_moderation_notice(
        recipient=member, text="Welcome! Please read the community rules.", acting_user=None
    )
    services.bookmark_toggle(user=member, post=forum_content["opening"])
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto("/notifications/")
    expect(page.get_by_text("Welcome! Please read the community rules.")).to_be_visible()
    check_a11y(page)
    page.goto("/bookmarks/")
    expect(page.get_by_role("link", name="What got you through winter?")).to_be_visible()
    check_a11y(page)
