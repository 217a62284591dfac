"""Shared pieces of the browser tests: the page log, logging in, emailed links, form submits."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.mail import EmailMessage
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from tests.totp import totp_code

LINK_RE = re.compile(r"https?://[^\s<>\"']+")
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss"})
# Chromium fetches /favicon.ico by itself, once per browser, whatever the page links; we serve
# none yet, and the browser's own request is not an error of the page under test.
FAVICON_404 = r"status of 404 .*\(https?://[^/]+/favicon\.ico\)$"

CheckA11y = Callable[[Page], None]
"""The type of the `check_a11y` fixture: `check_a11y(page)` asserts no WCAG A/AA violations."""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class PageLog:
    """What the browser did during a test: every request URL and every console error."""

    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    allowed_errors: list[re.Pattern[str]] = field(default_factory=lambda: [re.compile(FAVICON_404)])

    def allow_console_error(self, pattern: str) -> None:
        """Tolerate console errors matching this regex (e.g. the 404 of a page meant to 404)."""
        self.allowed_errors.append(re.compile(pattern))

    def record_console(self, message: ConsoleMessage) -> None:
        # Chromium reports CSP violations as console errors ("Refused to ... violates the
        # following Content Security Policy directive"); keep any CSP mention whatever its level.
        if message.type == "error" or "Content Security Policy" in message.text:
            location = message.location.get("url", "")
            self.console_errors.append(f"[{message.type}] {message.text} ({location})")

    def third_party_requests(self) -> list[str]:
        """Requests to any origin but the live server's (data: and blob: URLs stay local)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in NETWORK_SCHEMES and origin_of(url) != self.origin
        ]

    def unexpected_console_errors(self) -> list[str]:
        return [
            text
            for text in self.console_errors
            if not any(pattern.search(text) for pattern in self.allowed_errors)
        ]


def submit_form(page: Page, button: str) -> Response | None:
    """Click the submit button with this accessible name and wait for the page it leads to."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    return navigation.value


def log_in(page: Page, login: str, password: str) -> None:
    """Log in through /accounts/login/ with a handle or email; assert the header says logged in."""
    page.goto("/accounts/login/")
    page.locator("input[name='login']").fill(login)
    page.locator("input[name='password']").fill(password)
    submit_form(page, "Sign In")
    expect(page.locator("header").get_by_role("button", name="Log out")).to_be_visible()


def link_from_email(message: EmailMessage) -> str:
    """The first http(s) link in an email's text body, as a path on the live server."""
    match = LINK_RE.search(message.body)
    assert match, f"No link in the email {message.subject!r}:\n{message.body}"
    parts = urlsplit(match.group(0))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def stylesheet_urls(page: Page) -> list[str]:
    """Absolute URLs of the page's <link rel="stylesheet"> elements."""
    return page.eval_on_selector_all("link[rel='stylesheet']", "links => links.map(l => l.href)")


def totp_now(secret: str) -> str:
    """The current TOTP code for `secret`, waiting for a fresh window when this one is ending.

    A code typed in the last seconds of its 30-second window can expire before the server
    checks it, which would fail the test at random.
    """
    remaining = 30 - time.time() % 30
    if remaining < 5:
        time.sleep(remaining + 0.5)
    return totp_code(secret)


def log_out(page: Page) -> None:
    """Log out from the header's button (and allauth's confirmation page, if shown)."""
    page.locator("header").get_by_role("button", name="Log out").click()
    confirm = page.get_by_role("button", name="Sign Out")
    if confirm.count():
        confirm.click()
