"""A real Celery worker consuming from Redis screens posts end to end (make test-integration)."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from config.celery import app
from core.enums import ScreeningState
from moderation.enums import CasePriority, ScreeningVerdict
from moderation.models import Case, ScreeningResult
from tests.factories import PostFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 30


@pytest.fixture
def celery_worker_on_redis():
    if not settings.REDIS_URL or settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.fail("Integration tests need REDIS_URL pointing at a Redis server.")
    app.control.purge()
    with start_worker(
        app,
        queues=list(settings.CELERY_TASK_QUEUES),  # crisis, screening, notify, email, maintenance
        perform_ping_check=False,
        shutdown_timeout=20,
    ) as worker:
        yield worker


def wait_for(predicate):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_worker_screens_a_crisis_post_from_the_broker(celery_worker_on_redis, thread, member):
    post = PostFactory(
        thread=thread,
        author=member,
        body="I have the pills ready and I am going to take them all tonight.",
    )

    assert wait_for(lambda: ScreeningResult.objects.filter(post=post).exists())

    result = ScreeningResult.objects.get(post=post)
    post.refresh_from_db()
    assert result.verdict == ScreeningVerdict.CRISIS
    assert post.screening_state == ScreeningState.SCREENED
    # The author's one crisis case, with the post as its evidence.
    assert Case.objects.get(evidence__post=post).priority == CasePriority.CRISIS


def test_worker_screens_an_ordinary_post_and_leaves_it_alone(
    celery_worker_on_redis, thread, member
):
    post = PostFactory(thread=thread, author=member, body="A small win: I slept well.")

    assert wait_for(lambda: ScreeningResult.objects.filter(post=post).exists())
    assert ScreeningResult.objects.get(post=post).verdict == ScreeningVerdict.ALLOW
    assert not Case.objects.exists()
