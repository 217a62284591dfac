"""Browser-test fixtures: Debian's Chromium, driven by Playwright, against the live server.

Fixtures: `browser` (session), `page` (a fresh context on the live server, checked at teardown
for third-party requests, console errors and CSP violations), `page_log` (what `page` recorded),
`check_a11y` (axe-core, WCAG 2.1 A and AA). Every test under tests/e2e is marked `e2e`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.e2e.helpers import CheckA11y, PageLog, origin_of

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Playwright's own timeouts (milliseconds): generous for a 2-core CI machine, short enough that
# a wrong selector fails in seconds rather than at the job's time limit.
ACTION_TIMEOUT_MS = 10_000
NAVIGATION_TIMEOUT_MS = 20_000

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: mark before `-m` deselects, so `make test` skips these and `-m e2e` picks them.
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def _plain_http_settings() -> Iterator[None]:
    # The live server speaks plain http. SecurityMiddleware reads SECURE_SSL_REDIRECT once, when
    # the server thread loads its middleware, before tests/conftest.py's per-test settings
    # apply; without this every page would redirect to https://localhost and fail.
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session")
def live_server(_plain_http_settings: None, live_server: LiveServer) -> LiveServer:
    """pytest-django's live server, started after `_plain_http_settings` apply."""
    return live_server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (never a Playwright-downloaded build), shared by the session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: run `make browser` (installs Debian's chromium package).",
            pytrace=False,
        )
    # Playwright's sync API keeps an event loop running in this thread, which Django's
    # async-safety check mistakes for async code calling the ORM; the test thread is
    # synchronous, so lift the check for the session (make test-e2e sets it too).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page_log(live_server: LiveServer) -> PageLog:
    """The request and console record of this test's `page`."""
    return PageLog(origin=origin_of(live_server.url))


@pytest.fixture
def page(
    browser: Browser,
    live_server: LiveServer,
    transactional_db: None,
    django_db_serialized_rollback: None,
    page_log: PageLog,
) -> Iterator[Page]:
    """A fresh browser context on the live server; fails at teardown on third-party requests,
    console errors or CSP violations.

    The live server runs in another thread, so the database is transactional (flushed after the
    test); serialized rollback restores what data migrations created (roles) for the next test.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    context.on("request", lambda request: page_log.requests.append(request.url))
    context.on("console", page_log.record_console)
    new_page = context.new_page()
    new_page.on("pageerror", lambda error: page_log.console_errors.append(f"[uncaught] {error}"))
    yield new_page
    context.close()
    third_party = page_log.third_party_requests()
    assert not third_party, f"Requests left {page_log.origin}: {third_party}"
    errors = page_log.unexpected_console_errors()
    assert not errors, "Console errors or CSP violations:\n" + "\n".join(errors)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} not found: run `make browser` (npm ci in tests/e2e).", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def check_a11y(axe_source: str) -> CheckA11y:
    """`check_a11y(page)`: run axe-core's WCAG 2.0/2.1 A and AA rules; assert no violations."""

    def check(page: Page) -> None:
        # page.evaluate runs through the DevTools protocol, which the page's CSP does not
        # govern, so axe runs under the real `script-src 'self'` policy (no bypass_csp).
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(axe_source)
        violations: list[dict[str, Any]] = page.evaluate(AXE_RUN, WCAG_TAGS)
        assert not violations, _describe_violations(page.url, violations)

    return check


def _describe_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)
