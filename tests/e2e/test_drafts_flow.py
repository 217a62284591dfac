"""Nothing a member writes is lost, in a real browser with JavaScript on and off: a draft comes
back after the tab is closed; a reply sent after logging out in another tab comes back after
logging in and posts; the Drafts page lists and discards; the archive holds the drafts and
erasure removes them. axe-core on the composer and the Drafts page."""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import ExportRequest
from accounts.services import erasures_run_due
from accounts.tasks import build_export
from drafts.models import Draft
from forums.models import Post
from tests.e2e.conftest import ACTION_TIMEOUT_MS, NAVIGATION_TIMEOUT_MS
from tests.e2e.helpers import CheckA11y, PageLog, log_in, log_out, submit_form
from tests.factories import TEST_PASSWORD, ForumFactory, ThreadFactory, UserFactory

TEXT = "Three in the morning again. Writing this down so it stops going round my head."
SCRIPT_STATUS = "Draft saved ("
# The autosave answers 401 when the member logged out in another tab; the browser logs that.
AUTOSAVE_401 = r"status of 401 .*/drafts/save/"


@pytest.fixture
def world(transactional_db: None, django_db_serialized_rollback: None) -> dict:
    # Serialized rollback as the `page` fixture has it: the next test finds the roles the data
    # migrations created, restored rather than recreated.
    forum = ForumFactory(name="Sleep & nights", slug="nights")
    author = UserFactory(handle="morningtea", trust_level="member")
    thread = ThreadFactory(forum=forum, author=author, title="Who else is up?", body="Me, again.")
    UserFactory(handle="quiet_fern", trust_level="member")
    UserFactory(handle="night_owl", trust_level="member", message_permission="anyone")
    return {"thread": thread, "reply": f"/t/{thread.pk}/reply/"}


@pytest.fixture
def new_context(
    browser: Browser, live_server: LiveServer, page_log: PageLog
) -> Iterator[Callable[..., BrowserContext]]:
    """Open browser contexts (one per device) with JavaScript on or off, checked like `page`."""
    contexts: list[BrowserContext] = []

    def open_context(*, javascript: bool) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale="en-GB",
            timezone_id="Europe/London",
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        context.on("request", lambda request: page_log.requests.append(request.url))
        context.on("console", page_log.record_console)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    assert not page_log.third_party_requests()
    errors = page_log.unexpected_console_errors()
    assert not errors, "Console errors or CSP violations:\n" + "\n".join(errors)


def _wait_for_a_draft(seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not Draft.objects.exists():
        assert time.monotonic() < deadline, "the draft never reached the server"
        time.sleep(0.1)


def _write(page: Page, text: str = TEXT) -> None:
    page.get_by_label("Your post").fill(text)


@pytest.mark.e2e
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_draft_survives_closing_the_tab(
    new_context, world: dict, check_a11y: CheckA11y, javascript: bool
) -> None:
    context = new_context(javascript=javascript)
    page = context.new_page()
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto(world["reply"])
    if javascript:
        check_a11y(page)
    _write(page)
    if javascript:
        # Saved a few seconds after typing stops, with no button pressed.
        expect(page.locator("[data-draft-status]")).to_contain_text(SCRIPT_STATUS)
    else:
        submit_form(page, "Save draft")
        expect(page.get_by_text("Draft saved. It is here when you come back")).to_be_visible()
    page.close()

    reopened = context.new_page()
    reopened.goto(world["reply"])
    expect(reopened.get_by_label("Your post")).to_have_value(TEXT)
    expect(reopened.locator("[data-draft-status]")).to_contain_text("Draft saved")

    # And on another device: the draft is on the server, not in this browser.
    phone = new_context(javascript=javascript).new_page()
    log_in(phone, "quiet_fern", TEST_PASSWORD)
    phone.goto(world["reply"])
    expect(phone.get_by_label("Your post")).to_have_value(TEXT)


@pytest.mark.e2e
def test_closing_the_tab_right_after_typing_still_saves(new_context, world: dict) -> None:
    context = new_context(javascript=True)
    page = context.new_page()
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto(world["reply"])
    _write(page)
    # Closed as a person closes a tab (the page's leave events run), before the few seconds.
    page.close(run_before_unload=True)
    _wait_for_a_draft()  # a person reopens a moment later; the browser sends as it closes

    reopened = context.new_page()
    reopened.goto(world["reply"])
    expect(reopened.get_by_label("Your post")).to_have_value(TEXT)


@pytest.mark.e2e
def test_leaving_the_page_right_after_typing_still_saves(new_context, world: dict) -> None:
    page = new_context(javascript=True).new_page()
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto(world["reply"])
    _write(page)
    page.goto("/")  # before the few seconds are up: the page-leave save sends it
    # The browser sends that save as the page goes, alongside the next page's request; a
    # person comes back a moment later, not in the same millisecond (going straight back
    # raced the save: the reply page could be served first, and once was in CI).
    _wait_for_a_draft()

    page.goto(world["reply"])
    expect(page.get_by_label("Your post")).to_have_value(TEXT)


@pytest.mark.e2e
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_reply_sent_after_logging_out_elsewhere_comes_back_and_posts(
    new_context, world: dict, page_log: PageLog, javascript: bool
) -> None:
    page_log.allow_console_error(AUTOSAVE_401)
    context = new_context(javascript=javascript)
    page = context.new_page()
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto(world["reply"])
    _write(page)

    other_tab = context.new_page()
    other_tab.goto("/")
    log_out(other_tab)
    other_tab.close()

    submit_form(page, "Post reply")
    expect(page.get_by_text("Your session had ended, so nothing was sent.")).to_be_visible()
    assert "Three" not in page.url  # only a token travels in the address
    page.locator("input[name='login']").fill("quiet_fern")
    page.locator("input[name='password']").fill(TEST_PASSWORD)
    submit_form(page, "Sign In")
    expect(page.get_by_text("Your text was kept while you logged in again")).to_be_visible()
    expect(page.get_by_label("Your post")).to_have_value(TEXT)

    submit_form(page, "Post reply")
    expect(page.get_by_text(TEXT)).to_be_visible()
    assert Post.objects.filter(body=TEXT, author__handle="quiet_fern").count() == 1
    assert not Draft.objects.exists()


@pytest.mark.e2e
def test_the_drafts_page_lists_discards_and_the_archive_and_erasure_follow(
    new_context, world: dict, check_a11y: CheckA11y, tmp_path
) -> None:
    page = new_context(javascript=True).new_page()
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto("/f/nights/new/")
    page.get_by_label("Title").fill("Can't switch off")
    expect(page.locator("[data-draft-status]")).to_contain_text(SCRIPT_STATUS)
    page.goto(world["reply"])
    _write(page)
    expect(page.locator("[data-draft-status]")).to_contain_text(SCRIPT_STATUS)

    page.goto("/settings/")
    page.get_by_role("link", name="Drafts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Drafts")
    check_a11y(page)
    rows = page.locator(".draft-list > li")
    expect(rows).to_have_count(2)
    expect(page.get_by_role("heading", name="Reply to “Who else is up?”")).to_be_visible()
    expect(page.get_by_role("heading", name="New thread in Sleep & nights")).to_be_visible()
    expect(page.get_by_text("Can't switch off")).to_be_visible()

    # The archive holds both drafts.
    page.goto("/settings/data/")
    submit_form(page, "Prepare my archive")
    build_export(ExportRequest.objects.get().pk)
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your archive").click()
    path = tmp_path / "archive.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        drafts = json.loads(archive.read("data.json"))["drafts"]
    assert sorted(d.get("body", d.get("title")) for d in drafts) == sorted(
        [TEXT, "Can't switch off"]
    )

    # Open one, then discard the other from the list.
    page.goto("/drafts/")
    page.locator(".draft-list > li").filter(has_text="Who else is up?").get_by_role(
        "link", name="Open"
    ).click()
    expect(page.get_by_label("Your post")).to_have_value(TEXT)
    page.goto("/drafts/")
    with page.expect_navigation():
        page.locator(".draft-list > li").filter(has_text="Sleep & nights").get_by_role(
            "button", name="Discard"
        ).click()
    expect(page.get_by_text("Draft discarded.")).to_be_visible()
    expect(page.locator(".draft-list > li")).to_have_count(1)
    check_a11y(page)

    # Erasure removes what is left.
    page.goto("/settings/data/delete-account/")
    page.get_by_label("Keep my posts, anonymised").check()
    page.get_by_label("Your password").fill(TEST_PASSWORD)
    page.get_by_label("I understand that after 7 days this cannot be undone.").check()
    submit_form(page, "Delete my account in 7 days")
    assert Draft.objects.count() == 1
    erasures_run_due(now=timezone.now() + timedelta(days=8))
    assert not Draft.objects.exists()


@pytest.mark.e2e
def test_a_private_message_draft_comes_back_and_is_sent(
    new_context, world: dict, check_a11y: CheckA11y
) -> None:
    context = new_context(javascript=True)
    page = context.new_page()
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto("/messages/new/?to=night_owl")
    page.get_by_label("Your message").fill(TEXT)
    expect(page.locator("[data-draft-status]")).to_contain_text(SCRIPT_STATUS)
    check_a11y(page)
    page.close()

    page = context.new_page()
    page.goto("/messages/new/")
    expect(page.get_by_label("To")).to_have_value("night_owl")
    expect(page.get_by_label("Your message")).to_have_value(TEXT)
    submit_form(page, "Send request")
    expect(page.get_by_text(TEXT)).to_be_visible()
    assert not Draft.objects.exists()
