"""The night, in a real browser: a member in Berlin posts with a plan and a time and the panel
puts Germany's emergency number first; nobody claims the case, so the demo's scheduler
escalates it exactly once; the moderator (2FA) claims it and writes as "the moderators"; the
member replies from her inbox; her second crisis post that night joins the same case; a visitor
sees only a placeholder; the moderator resolves with an outcome per item. Screenshots of each
step go to tests/e2e/artifacts/night/ (git-ignored); the test prints the folder. Member pages
are checked with axe-core; a visitor's /help/ too."""

from __future__ import annotations

import re
from datetime import time as clock_time
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from moderation.demo import seed_helplines, seed_moderation
from moderation.enums import AlertLevel
from moderation.management.commands.run_schedule import entries_from_settings, run_due
from moderation.models import (
    Case,
    CrisisAlert,
    ModeratorAssignment,
    OnCallShift,
    SupportMessage,
)
from tests.e2e.helpers import CheckA11y, log_in, submit_form, totp_now
from tests.factories import TEST_PASSWORD, ForumFactory, ThreadFactory, UserFactory, enrol_totp

PLAN = "I have a plan. I am going to take all my tablets tonight, I have been saving them up."
LATER = "I want to die. The pills are ready for tonight, it is 3am and nothing helps."
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "night"


@pytest.fixture(autouse=True)
def demo_task_mode(settings):
    """The night runs in the demo's shape (`make run`): no broker, tasks run in the web
    process after commit, the scheduler in process. CI sets REDIS_URL for the other suites;
    here no worker would take the screening tasks off it."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True


@pytest.fixture
def story(transactional_db: None) -> dict:
    seed_moderation()
    seed_helplines()
    forum = ForumFactory(name="Low mood", slug="low-mood")
    member = UserFactory(handle="night_owl", trust_level="member", timezone="Europe/Berlin")
    friend = UserFactory(handle="sam-walks", trust_level="member")
    thread = ThreadFactory(
        forum=forum, author=friend, title="Can't sleep", body="Anyone else awake tonight?"
    )
    other = ThreadFactory(
        forum=forum, author=friend, title="Small wins", body="Share one small win from today."
    )
    moderator = UserFactory(handle="river_mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    for weekday in range(7):
        for start, end in ((clock_time(0), clock_time(12)), (clock_time(12), clock_time(0))):
            OnCallShift.objects.create(
                moderator=moderator, weekday=weekday, start_time=start, end_time=end
            )
    return {
        "thread": thread,
        "other": other,
        "member": member,
        "moderator": moderator,
        "secret": enrol_totp(moderator),
    }


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


class Shots:
    """Numbered full-page screenshots of the story, in tests/e2e/artifacts/night/."""

    def __init__(self) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob("*.png"):
            old.unlink()
        self.names: list[str] = []

    def __call__(self, page: Page, name: str) -> None:
        file_name = f"{len(self.names) + 1:02d}-{name}.png"
        page.screenshot(path=str(ARTIFACTS / file_name), full_page=True)
        self.names.append(file_name)


def moderator_logs_in(page: Page, secret: str) -> None:
    page.goto("/console/")
    page.locator("input[name='login']").fill("river_mod")
    page.locator("input[name='password']").fill(TEST_PASSWORD)
    submit_form(page, "Sign In")
    page.locator("input[name='code']").fill(totp_now(secret))
    page.locator("main form button[type='submit']").first.click()
    expect(page.get_by_text("Hearth moderator console")).to_be_visible()


@pytest.mark.e2e
def test_the_night_from_a_plan_to_an_outcome_per_item(
    page: Page, browser, live_server, check_a11y: CheckA11y, story: dict
) -> None:
    shots = Shots()
    member = story["member"]
    with time_machine.travel(timezone.now(), tick=True) as clock:
        # 1. She replies with a plan and a time: the panel sits above her post, Germany's
        # emergency number first, then the crisis line, then someone to talk to.
        log_in(page, "night_owl", TEST_PASSWORD)
        page.goto(story["thread"].get_absolute_url())
        page.get_by_role("link", name="Reply").first.click()
        page.get_by_label("Your post").fill(PLAN)
        submit_form(page, "Post reply")
        panel = page.locator(".crisis-support")
        expect(panel).to_contain_text("You don’t have to carry it alone")
        first_call = panel.locator("a[href^='tel:']").first
        expect(first_call).to_have_attribute("href", "tel:112")
        expect(panel.locator(".crisis-step").nth(1)).to_contain_text("TelefonSeelsorge")
        expect(page.get_by_text(PLAN)).to_be_visible()  # published: crisis never silences
        page.reload()  # help that stays
        expect(page.locator(".crisis-support")).to_be_visible()
        check_a11y(page)
        shots(page, "panel-emergency-number-first")
        case = Case.objects.get(member=member, target_kind="member")

        # 2. Nobody claims it: the demo's scheduler escalates it once, however often it runs.
        entries = entries_from_settings()
        clock.shift(timedelta(minutes=11))
        run_due(entries)
        clock.shift(timedelta(seconds=61))
        run_due(entries)
        escalations = CrisisAlert.objects.filter(case=case, level=AlertLevel.ALL_MODERATORS)
        assert escalations.count() == 1

        # 3. The moderator claims the case and writes as "the moderators".
        moderator = browser.new_context(base_url=live_server.url, locale="en-GB")
        console = moderator.new_page()
        moderator_logs_in(console, story["secret"])
        console.goto(f"/console/moderation/case/{case.pk}/change/")
        expect(console.locator(".crisis-panel")).to_contain_text("Alerts sent")
        shots(console, "escalated-case-waiting")
        submit_form(console, "Claim")
        expect(console.get_by_text("You claimed this case.")).to_be_visible()
        outreach = console.get_by_label("Your message to the member")
        expect(outreach).to_have_value(re.compile(r"TelefonSeelsorge: call 0800 111 0 111"))
        outreach.fill("Hi night_owl, we read your post and we are here tonight. How are you now?")
        submit_form(console, "Send the message")
        expect(console.get_by_text("as the moderators; you now hold this case")).to_be_visible()
        shots(console, "moderator-claimed-and-wrote")

        # 4. She sees a moderator has seen her post, and replies from her inbox.
        page.goto("/")
        expect(page.locator(".crisis-help-bar")).to_contain_text("A moderator has seen your post")
        page.goto("/messages/")
        page.get_by_role("link", name="The moderators", exact=True).click()
        expect(page.get_by_text("How are you now?")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("river_mod")
        page.get_by_label("Your reply to the moderators").fill("Still here. Thank you for asking.")
        submit_form(page, "Send to the moderators")
        expect(page.get_by_text("Sent. The moderators will read it")).to_be_visible()
        check_a11y(page)
        shots(page, "member-replied-from-inbox")
        assert SupportMessage.objects.get(is_from_moderators=False).case == case

        # 5. Later that night, a second crisis post joins the same case.
        clock.shift(timedelta(hours=2))
        page.goto(story["other"].get_absolute_url())
        page.get_by_role("link", name="Reply").first.click()
        page.get_by_label("Your post").fill(LATER)
        submit_form(page, "Post reply")
        expect(page.locator(".crisis-support")).to_be_visible()
        shots(page, "second-post-same-case")
        assert Case.objects.filter(member=member, state__in=["open", "claimed"]).count() == 1
        assert case.evidence.filter(kind="post").count() == 2

        # 6. A visitor sees a placeholder, not her words.
        visitor = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
        visitor.goto(story["other"].get_absolute_url())
        expect(
            visitor.get_by_text("This post is waiting for a moderator’s review.")
        ).to_be_visible()
        expect(visitor.locator("main")).not_to_contain_text("nothing helps")
        shots(visitor, "visitor-sees-placeholder")
        visitor.context.close()

        # 7. The moderator reads her reply on the case and resolves it, an outcome per item.
        console.goto(f"/console/moderation/case/{case.pk}/change/")
        expect(console.locator(".support-messages")).to_contain_text("Still here.")
        console.get_by_label("Member reached and safe").check()
        items = console.locator(".crisis-item-outcome")
        expect(items).to_have_count(2)
        items.nth(0).get_by_label("Support offered; content stays as it is").check()
        items.nth(1).get_by_label("Reviewed: fine to show to everyone").check()
        shots(console, "resolving-outcome-per-item")
        submit_form(console, "Resolve crisis case")
        expect(console.get_by_text("Crisis case resolved.")).to_be_visible()
        shots(console, "resolved")
        moderator.close()
    case.refresh_from_db()
    assert case.outcome == "reached_safe"
    assert sorted(case.evidence.values_list("outcome", flat=True)) == ["published", "supported"]
    print(f"\nScreenshots in {ARTIFACTS}: {', '.join(shots.names)}")
