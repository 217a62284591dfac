"""Redis away: members' pages, logging in and posting keep working; what is only cached fails
open (asked of the database), what protects members fails safe (rate limits keep counting,
sanctions are read from the database).

The cache here is the production backend (config.cache.RedisCache) pointed at a port where
nothing listens, so every Redis call meets a real refused connection.
"""

import json
import logging
import socket
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.urls import reverse

from core.cache import cache_is_degraded
from forums.models import Post
from forums.ratelimits import RATES
from moderation import services as moderation_services
from moderation.demo import seed_moderation
from moderation.enums import SanctionKind
from moderation.models import ModeratorAssignment, Rule
from tests.factories import TEST_PASSWORD, ThreadFactory, UserFactory

LOGIN_URL = reverse("account_login")


def port_nobody_listens_on() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_away(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port_nobody_listens_on()}/0",
            "KEY_PREFIX": "hearth",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    yield
    cache.close()
    cache.clear()  # the process-memory stand-in outlives the test's backend


@pytest.fixture
def thread(db):
    return ThreadFactory(author=UserFactory())


def test_the_cache_answers_misses_and_keeps_counting_in_process_memory(redis_away, caplog):
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert cache.get_many(["a", "b"]) == {}
    assert cache_is_degraded()
    assert "Redis unavailable (ConnectionError)" in caplog.text

    assert cache.add("counter", 0, 60) is True
    assert cache.incr("counter") == 1
    assert cache.get("counter") == 1


def test_every_thread_of_a_process_counts_in_the_same_place_while_redis_is_away(redis_away):
    """Django gives each thread its own cache backend; the web server runs threads."""
    first, second = caches.create_connection("default"), caches.create_connection("default")
    first.add("attempts", 0, 60)
    first.incr("attempts")
    second.incr("attempts")

    assert first.get("attempts") == second.get("attempts") == 2
    assert first.is_degraded and second.is_degraded


def test_a_member_logs_in_and_reads_pages_while_redis_is_away(redis_away, client, thread):
    member = UserFactory(handle="night_owl")

    response = client.post(LOGIN_URL, {"login": member.handle, "password": TEST_PASSWORD})
    assert response.status_code == 302

    for url in ("/", thread.get_absolute_url(), reverse("forums:notifications")):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "night_owl" in page.content.decode()


def test_a_member_posts_while_redis_is_away_and_the_post_is_saved(
    redis_away, client, thread, django_capture_on_commit_callbacks
):
    member = UserFactory()
    client.force_login(member)
    text = "Still here, still posting, whatever the cache says."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("forums:reply", kwargs={"pk": thread.pk}), {"body": text})

    assert response.status_code == 302
    assert Post.objects.filter(thread=thread, author=member, body=text).exists()


def test_failed_logins_stay_limited_while_redis_is_away(redis_away, client, db):
    member = UserFactory()
    statuses = [
        client.post(LOGIN_URL, {"login": member.handle, "password": f"guess-{n}"}).status_code
        for n in range(6)
    ]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    # Even the right password waits out the limit: the guesser cannot tell it worked.
    right = client.post(LOGIN_URL, {"login": member.handle, "password": TEST_PASSWORD})
    assert right.status_code == 429


def test_posting_stays_rate_limited_while_redis_is_away(redis_away, client, thread):
    newcomer = UserFactory(trust_level="new")
    client.force_login(newcomer)
    allowed = int(RATES["reply"][0].split("/")[0])
    url = reverse("forums:reply", kwargs={"pk": thread.pk})

    statuses = [
        client.post(url, {"body": f"Reply number {n}, nothing unusual."}).status_code
        for n in range(allowed + 1)
    ]

    assert statuses[:allowed] == [302] * allowed
    assert statuses[allowed] == 429
    assert Post.objects.filter(author=newcomer).count() == allowed


def test_a_suspended_member_is_logged_out_while_redis_is_away(
    redis_away, client, member, moderator
):
    seed_moderation()
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    moderation_services.member_sanction(
        member=member,
        kind=SanctionKind.SUSPENSION,
        acting_user=moderator,
        rules=list(Rule.objects.order_by("number"))[:1],
        duration=timedelta(days=3),
    )
    # A session the sanction did not reach (a login racing the suspension); the cache, away,
    # cannot say this member is locked out: the database does.
    client.force_login(member)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert "_auth_user_id" not in client.session


def test_healthz_says_the_cache_is_down_though_pages_still_answer(redis_away, client, settings):
    settings.REDIS_URL = settings.CACHES["default"]["LOCATION"]
    assert client.get("/privacy/").status_code == 200

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"] == "error"
