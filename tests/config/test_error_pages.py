"""Hearth's own error pages, even when what failed is the database or the cache: rendered
without the request's context (no session, database or cache read), never a bare page."""

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from config.views import server_error

MARKUP = 'class="container py-4 hearth-error"'


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.config.error_urls"
    settings.DEBUG = False


@pytest.fixture
def browser(db):
    # A browser sees the response, not the exception the test client would re-raise.
    return Client(raise_request_exception=False)


def test_database_away_gives_the_calm_503_page_with_retry_after(failing_site, browser, member):
    browser.force_login(member)

    response = browser.get("/test-errors/database/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert MARKUP in page and 'data-hearth-error="503"' in page
    assert "taking a short break" in page
    assert "local emergency number" in page and 'href="/help/"' in page
    assert "5432" not in page  # nothing of the error itself
    assert "Content-Security-Policy" in response.headers


def test_an_unexpected_error_gives_the_calm_500_page(failing_site, browser, member):
    browser.force_login(member)

    response = browser.get("/test-errors/unexpected/")

    assert response.status_code == 500
    page = response.content.decode()
    assert MARKUP in page and 'data-hearth-error="500"' in page
    assert "Something went wrong on our side" in page
    assert "6379" not in page


def test_the_error_page_reads_neither_database_session_nor_cache(
    rf, member, django_assert_num_queries, monkeypatch
):
    cache_reads = []
    monkeypatch.setattr(cache, "get_many", lambda *a, **k: cache_reads.append(a) or {})
    monkeypatch.setattr(cache, "get", lambda *a, **k: cache_reads.append(a))
    request = rf.get("/t/1/anything/")
    request.user = member
    request.session = None  # any session read would fail

    with django_assert_num_queries(0):
        try:
            raise OperationalError("the server closed the connection unexpectedly")
        except OperationalError:
            response = server_error(request)

    assert response.status_code == 503
    assert MARKUP in response.content.decode()
    assert cache_reads == []


def test_a_database_that_does_not_answer_is_given_up_on_before_the_web_server_timeout():
    """gunicorn cuts a request past its timeout with a bare page of its own; connecting to a
    silent PostgreSQL gives up first, so the member gets the 503 page."""
    import json as jsonlib
    import os
    import subprocess
    import sys

    probe = (
        "import json, runpy; from config import settings;"
        "g = runpy.run_path('config/gunicorn.conf.py');"
        "print(json.dumps([settings.DATABASES['default']['OPTIONS'], g['timeout']]))"
    )
    env = {**os.environ, "DATABASE_URL": "postgres://hearth@192.0.2.1:5432/hearth"}
    output = subprocess.run(  # noqa: S603 - this interpreter, a fixed probe
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout
    options, web_timeout = jsonlib.loads(output.strip().splitlines()[-1])

    assert 0 < options["connect_timeout"] < web_timeout
