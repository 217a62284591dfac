"""Peer support in a real browser: a thread joins "Waiting for a reply" once the interval has
passed and leaves with a reply; a member writes a safety plan that is encrypted in a database
dump and absent for a moderator (404); the console folds crisis content behind a content note
until the moderator opens it. axe-core on every member page."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from playwright.sync_api import Page, expect

from accounts.services.peer import peer_supporter_grant
from forums.models import Post, Thread
from moderation import services as moderation_services
from moderation.demo import seed_moderation
from moderation.enums import ReportReason, TargetKind
from moderation.models import ModeratorAssignment
from tests.e2e.helpers import CheckA11y, PageLog, log_in, log_out, submit_form, totp_now
from tests.factories import (
    TEST_PASSWORD,
    ForumFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
    enrol_totp,
)

REASON = "CANARY-my-niece-Ottilie-and-the-sea"
HEAVY = "CANARY-heavy I have been thinking about not being here any more."


def _moderator() -> tuple[object, str]:
    moderator = UserFactory(handle="river_mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    return moderator, enrol_totp(moderator)


def _console_log_in(page: Page, secret: str) -> None:
    page.goto("/console/")
    page.locator("input[name='login']").fill("river_mod")
    page.locator("input[name='password']").fill(TEST_PASSWORD)
    submit_form(page, "Sign In")
    page.locator("input[name='code']").fill(totp_now(secret))
    page.locator("main form button[type='submit']").first.click()
    expect(page.get_by_text("Hearth moderator console")).to_be_visible()


def _database_dump() -> bytes:
    """A full dump of the test database, as an operator's backup would hold it."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        command = [
            shutil.which("pg_dump") or "pg_dump", "--data-only",
            "-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432),
            "-U", db.get("USER") or "postgres", db["NAME"],
        ]  # fmt: skip
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        return subprocess.run(command, env=env, capture_output=True, check=True, timeout=120).stdout  # noqa: S603
    connection.ensure_connection()
    return "\n".join(connection.connection.iterdump()).encode()


@pytest.mark.e2e
def test_a_thread_waits_after_the_interval_and_leaves_with_a_reply(
    page: Page, check_a11y: CheckA11y, transactional_db: None
) -> None:
    forum = ForumFactory(name="Depression & low mood", slug="low-mood", is_support=True)
    asker = UserFactory(handle="night_owl", trust_level="member")
    oak = UserFactory(handle="steady_oak", trust_level="trusted")
    thread = ThreadFactory(forum=forum, author=asker, title="Awake again at 3am")

    log_in(page, "steady_oak", TEST_PASSWORD)
    page.goto("/waiting/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Waiting for a reply")
    expect(page.get_by_text("Nobody is waiting right now")).to_be_visible()
    check_a11y(page)

    # Seven hours pass without a reply (the default interval is six).
    earlier = thread.created_at - timedelta(hours=7)
    Thread.objects.filter(pk=thread.pk).update(created_at=earlier)
    Post.objects.filter(thread=thread).update(created_at=earlier)
    page.goto("/")
    expect(page.get_by_role("link", name="1 thread is waiting for a first reply")).to_be_visible()
    page.get_by_role("link", name="1 thread is waiting for a first reply").click()
    expect(page.locator(".waiting-list")).to_contain_text("Awake again at 3am")
    check_a11y(page)

    page.get_by_role("link", name="Awake again at 3am").click()
    page.goto(f"/t/{thread.pk}/reply/")
    page.get_by_label("Your post").fill("Same here some nights. You're not alone, truly.")
    submit_form(page, "Post reply")
    expect(page.get_by_text("Same here some nights.")).to_be_visible()

    page.goto("/waiting/")
    expect(page.get_by_text("Nobody is waiting right now")).to_be_visible()
    expect(page.locator(".waiting-list")).to_have_count(0)

    # Made a peer supporter, they have their own page and a quiet badge beside their reply.
    peer_supporter_grant(user=oak, trained_on=date(2026, 3, 14), acting_user=None)
    page.goto("/supporters/")
    expect(page.get_by_role("heading", name="Replying supportively")).to_be_visible()
    check_a11y(page)
    page.goto(thread.get_absolute_url())
    expect(page.locator(".supporter-badge")).to_have_text("peer supporter")
    check_a11y(page)


@pytest.mark.e2e
def test_the_safety_plan_is_private_encrypted_and_404_for_a_moderator(
    page: Page, page_log: PageLog, check_a11y: CheckA11y, transactional_db: None
) -> None:
    page_log.allow_console_error(r"status of 404 .*/console/accounts/safetyplan/")
    UserFactory(handle="quiet_fern", trust_level="member")
    _moderator_user, secret = _moderator()

    log_in(page, "quiet_fern", TEST_PASSWORD)
    page.goto("/help/")
    page.get_by_role("link", name="Write a safety plan for hard moments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My safety plan")
    check_a11y(page)
    page.get_by_role("link", name="Write my safety plan").click()
    check_a11y(page)
    page.get_by_label("Warning signs").fill("I stop answering texts.")
    page.get_by_label("Reasons for living").fill(REASON)
    submit_form(page, "Save my plan")
    expect(page.get_by_text("Your safety plan is saved. Only you can see it.")).to_be_visible()
    expect(page.locator(".safety-plan-sections")).to_contain_text(REASON)
    check_a11y(page)
    # Printed, the page is the plan alone.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".safety-plan-sections")).to_contain_text(REASON)
    page.emulate_media(media="screen")

    dump = _database_dump()
    assert b"accounts_safetyplan" in dump  # the table is in the dump
    assert REASON.encode() not in dump
    log_out(page)

    _console_log_in(page, secret)
    response = page.goto("/console/accounts/safetyplan/")
    assert response is not None and response.status == 404
    page.goto("/safety-plan/")
    expect(page.get_by_text(REASON)).to_have_count(0)


@pytest.mark.e2e
def test_the_console_folds_crisis_content_until_the_moderator_opens_it(
    page: Page, transactional_db: None
) -> None:
    seed_moderation()
    forum = ForumFactory(name="Depression & low mood", slug="low-mood")
    author = UserFactory(handle="far_away", trust_level="member")
    reporter = UserFactory(handle="quiet_fern", trust_level="member")
    thread = ThreadFactory(forum=forum, author=reporter, title="Checking in")
    post = PostFactory(thread=thread, author=author, body=HEAVY)
    case = moderation_services.report_create(
        reporter=reporter, target_kind=TargetKind.POST, target=post, reason=ReportReason.AT_RISK
    ).case
    _moderator_user, secret = _moderator()

    _console_log_in(page, secret)
    page.goto("/console/moderation/case/")
    expect(page.locator("#result_list")).to_contain_text("Content note: crisis")
    expect(page.locator("#result_list")).not_to_contain_text("CANARY-heavy")
    page.goto(f"/console/moderation/case/{case.pk}/change/")
    note = page.locator(".case-content details.content-note")
    expect(note.locator("summary")).to_contain_text("Content note")
    expect(page.locator(".case-post-body")).to_be_hidden()
    note.locator("summary").click()
    expect(page.locator(".case-post-body")).to_be_visible()
    expect(page.locator(".case-post-body")).to_contain_text("CANARY-heavy")
