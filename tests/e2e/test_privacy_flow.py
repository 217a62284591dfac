"""Privacy and control in a real browser, without JavaScript of ours: open a profile field to
members and check what another member and a visitor see; block a member and see their post
fold away (with "show anyway"); request the data archive and open it. axe-core on every page."""

from __future__ import annotations

import json
import zipfile

import pytest
from playwright.sync_api import Page, expect

from accounts.models import ExportRequest
from accounts.tasks import build_export
from tests.e2e.helpers import CheckA11y, log_in, log_out, submit_form
from tests.factories import TEST_PASSWORD, ForumFactory, PostFactory, ThreadFactory, UserFactory

ABOUT = "Gardening keeps me steady."


@pytest.fixture
def people(transactional_db: None) -> dict:
    forum = ForumFactory(name="Everyday coping", slug="coping")
    fern = UserFactory(handle="quiet_fern", trust_level="member")
    UserFactory(handle="morningtea", trust_level="member")
    pest = UserFactory(handle="loud_pest", trust_level="member")
    thread = ThreadFactory(
        forum=forum, author=fern, title="Small wins this week", body="Mine: tea."
    )
    PostFactory(thread=thread, author=pest, body="Nobody cares about tea.")
    return {"thread": thread}


@pytest.mark.e2e
def test_profile_audience_block_and_export(
    page: Page, check_a11y: CheckA11y, people: dict, tmp_path
) -> None:
    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto("/settings/")
    page.get_by_role("link", name="Profile and who sees it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Profile and who sees it")
    check_a11y(page)
    page.get_by_label("About me").fill(ABOUT)
    page.locator("input[name='about_me_visibility'][value='members']").check()
    submit_form(page, "Save profile")
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    # Block a member from their profile; their post folds away, readable on request.
    page.goto("/members/loud_pest/")
    check_a11y(page)
    submit_form(page, "Block loud_pest")
    expect(page.get_by_text("You blocked loud_pest.")).to_be_visible()
    page.goto(people["thread"].get_absolute_url())
    folded = page.locator("details.collapsed-post")
    expect(folded).to_have_count(1)
    expect(folded.locator("summary")).to_contain_text("you blocked this member")
    expect(folded.locator(".post-body")).to_be_hidden()
    check_a11y(page)
    folded.locator("summary").click()
    expect(folded.locator(".post-body")).to_have_text("Nobody cares about tea.")

    # Request the archive twice (one job), then download and open it.
    page.goto("/settings/data/")
    check_a11y(page)
    submit_form(page, "Prepare my archive")
    # The worker builds the archive (called directly: the browser tests run no worker).
    build_export(ExportRequest.objects.get().pk)
    page.reload()
    expect(page.get_by_role("link", name="Download your archive")).to_be_visible()
    check_a11y(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your archive").click()
    path = tmp_path / "archive.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("data.json"))
        assert data["profile"]["about_me"] == ABOUT
        assert data["preferences"]["blocked_members"] == ["loud_pest"]
        assert "Nobody cares about tea." not in archive.read("index.html").decode()
    page.goto("/notifications/")
    expect(page.get_by_text("Your data archive is ready.")).to_be_visible()
    check_a11y(page)
    for path in (
        "/settings/blocks-and-mutes/",
        "/settings/healthy-use/",
        "/settings/data/delete-account/",
        "/privacy/",
    ):
        page.goto(path)
        check_a11y(page)
    log_out(page)

    # A visitor sees no profile fields; another member sees the one opened to members.
    page.goto("/members/quiet_fern/")
    expect(page.get_by_role("heading", level=1)).to_have_text("quiet_fern")
    expect(page.get_by_text(ABOUT)).to_have_count(0)
    check_a11y(page)
    log_in(page, "morningtea", TEST_PASSWORD)
    page.goto("/members/quiet_fern/")
    expect(page.get_by_text(ABOUT)).to_be_visible()
    check_a11y(page)


@pytest.fixture
def staffed(transactional_db: None) -> dict:
    from datetime import time

    from accounts import services as account_services
    from forums.models import ForumOfficeHours

    forum = ForumFactory(name="Night owls", slug="night-owls")
    for day in range(1, 8):
        ForumOfficeHours.objects.create(
            forum=forum, weekday=day, start_time=time(22), end_time=time(2), time_zone="UTC"
        )
    owl = UserFactory(handle="owl_member", trust_level="member", timezone="Europe/Paris")
    ThreadFactory(forum=forum, title="Tonight's check-in", body="Tonight the clinic was calm.")
    ThreadFactory(forum=forum, title="Another evening", body="Tonight I read a book.")
    account_services.mute_words_add(user=owl, text="clinic")
    return {"forum": forum}


@pytest.mark.e2e
def test_staffed_hours_forum_mute_and_muted_words_in_search(
    page: Page, check_a11y: CheckA11y, staffed: dict
) -> None:
    log_in(page, "owl_member", TEST_PASSWORD)
    page.goto(staffed["forum"].get_absolute_url())
    header = page.locator("header.forum-header")
    expect(header).to_contain_text("your time, Europe/Paris")
    check_a11y(page)

    submit_form(page, "Mute this forum")
    expect(page.get_by_text("You muted this forum")).to_be_visible()
    check_a11y(page)
    submit_form(page, "Unmute this forum")
    expect(page.get_by_role("button", name="Mute this forum")).to_be_visible()

    page.goto("/search/?q=tonight")
    results = page.locator(".search-results li")
    expect(results).to_have_count(2)
    expect(page.get_by_text("Hidden: contains a word you muted.")).to_have_count(1)
    expect(page.get_by_text("the clinic was calm")).to_have_count(0)
    check_a11y(page)
