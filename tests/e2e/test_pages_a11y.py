"""Public pages, as a visitor sees them: accessible (WCAG 2.1 AA), strict CSP, own-origin CSS."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from moderation.models import Rule
from tests.e2e.helpers import CheckA11y, PageLog, stylesheet_urls
from tests.factories import UserFactory

PUBLIC_PAGES = [
    "/",
    "/help/",
    "/rules/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/members/quiet_fern/",
]
MISSING_PAGE = "/no-such-page/"


def _csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives


@pytest.fixture
def public_content(transactional_db: None) -> None:
    """A member with a profile and a published rule, so those pages show real content."""
    UserFactory(handle="quiet_fern", email="fern.private@example.org")
    Rule.objects.create(
        number=1, title="Be kind", explanation="Assume good intent.\nDisagree gently."
    )


@pytest.mark.usefixtures("public_content")
@pytest.mark.parametrize("path", [*PUBLIC_PAGES, MISSING_PAGE])
def test_public_page_is_accessible_under_a_strict_csp(
    page: Page, page_log: PageLog, check_a11y: CheckA11y, path: str
) -> None:
    expected_status = 404 if path == MISSING_PAGE else 200
    if path == MISSING_PAGE:
        # Chromium logs the document's own 404 as a console error; that one is the point.
        page_log.allow_console_error(r"status of 404 \(Not Found\).*/no-such-page/")

    response = page.goto(path)

    assert response is not None
    assert response.status == expected_status
    policy = _csp_directives(response.headers["content-security-policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    expect(page.locator("h1")).to_have_count(1)
    check_a11y(page)


def test_stylesheets_load_from_our_own_origin(page: Page, live_server: LiveServer) -> None:
    page.goto("/")

    urls = stylesheet_urls(page)
    assert urls, "The page links no stylesheet"
    for url in urls:
        assert url.startswith(f"{live_server.url}/static/")
        response = page.request.get(url)
        assert response.status == 200, url
        assert response.headers["content-type"].startswith("text/css")
    # hearth.css is applied, not just fetched: the help button has its own green.
    expect(page.locator("header .btn-help")).to_have_css("background-color", "rgb(11, 93, 59)")


def test_check_a11y_reports_a_violation_with_its_target(page: Page, check_a11y: CheckA11y) -> None:
    page.goto("/")
    page.evaluate(
        "() => { const i = document.createElement('input'); i.id = 'unlabelled';"
        " document.querySelector('main').append(i); }"
    )

    with pytest.raises(AssertionError, match=r"(?s)- label .*#unlabelled"):
        check_a11y(page)


def test_page_log_records_a_blocked_inline_script(page: Page, page_log: PageLog) -> None:
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.head.append(s); }"
    )

    expect(page.locator("html")).to_be_visible()
    assert page.evaluate("() => window.ran") is None
    assert any("Content Security Policy" in error for error in page_log.console_errors)
    page_log.console_errors.clear()  # recorded as expected; teardown would otherwise fail
