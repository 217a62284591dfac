"""The operator's view: /metrics for Prometheus and beat's freshness in /healthz."""

from datetime import timedelta

import pytest
import time_machine
from celery.signals import beat_init, before_task_publish
from django.urls import reverse
from django.utils import timezone

from config.views import _beat_freshness
from core.enums import ScreeningState
from forums.models import Post
from moderation import tasks as moderation_tasks
from moderation.enums import CasePriority, CaseSource, TargetKind
from moderation.services.cases import case_open_or_attach
from tests.factories import PostFactory

METRICS_URL = reverse("metrics")
TOKEN = "scrape-token-for-tests"

EVERY_METRIC = [
    "hearth_queue_depth",
    "hearth_broker_up",
    "hearth_screening_oldest_pending_seconds",
    "hearth_crisis_cases_open",
    "hearth_crisis_cases_unclaimed",
    "hearth_crisis_oldest_unclaimed_seconds",
    "hearth_crisis_escalations_total",
    "hearth_email_deliveries",
    "hearth_periodic_task_last_dispatched_timestamp_seconds",
    "hearth_periodic_task_last_success_timestamp_seconds",
    "hearth_request_duration_seconds",
]


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN

    def _scrape() -> str:
        response = client.get(METRICS_URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        return response.content.decode()

    return _scrape


def _value(text: str, sample: str) -> float:
    for line in text.splitlines():
        if line.startswith(sample + " "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{sample} not in the scrape")


@pytest.mark.django_db
def test_metrics_answer_404_without_the_token_or_an_allowed_address(client, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_ADDRESSES = []
    assert client.get(METRICS_URL).status_code == 404
    assert client.get(METRICS_URL, HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


@pytest.mark.django_db
def test_metrics_answer_an_allowed_address_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_ADDRESSES = ["127.0.0.1"]
    assert client.get(METRICS_URL, REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get(METRICS_URL, REMOTE_ADDR="203.0.113.9").status_code == 404


@pytest.mark.django_db
def test_an_empty_token_setting_never_lets_an_empty_bearer_in(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_ADDRESSES = []
    assert client.get(METRICS_URL, HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.django_db
def test_every_metric_an_operator_alerts_on_is_exposed(client, scrape):
    client.get("/")  # one request, so that the latency histogram has a sample
    text = scrape()
    for name in EVERY_METRIC:
        assert f"# TYPE {name.removesuffix('_total')}" in text, name


@pytest.mark.django_db
def test_an_unclaimed_crisis_case_shows_with_its_age(scrape, member):
    with time_machine.travel(timezone.now() - timedelta(minutes=12)):
        case_open_or_attach(
            target_kind=TargetKind.MEMBER,
            target=member,
            source=CaseSource.CHECK_IN,
            priority=CasePriority.CRISIS,
            member=member,
        )
    text = scrape()
    assert _value(text, "hearth_crisis_cases_open") == 1
    assert _value(text, "hearth_crisis_cases_unclaimed") == 1
    assert 12 * 60 - 5 <= _value(text, "hearth_crisis_oldest_unclaimed_seconds") <= 12 * 60 + 60


@pytest.mark.django_db
def test_a_pending_post_shows_as_screening_lag(scrape):
    post = PostFactory()
    Post.objects.filter(pk=post.pk).update(
        screening_state=ScreeningState.PENDING,
        created_at=timezone.now() - timedelta(minutes=3),
    )
    text = scrape()
    assert _value(text, 'hearth_screening_oldest_pending_seconds{kind="post"}') >= 170


@pytest.mark.django_db
def test_a_periodic_task_run_by_a_worker_shows_its_last_success(scrape):
    moderation_tasks.run_crisis_clock.apply()
    text = scrape()
    sample = (
        'hearth_periodic_task_last_success_timestamp_seconds{task="moderation.run_crisis_clock"}'
    )
    assert abs(_value(text, sample) - timezone.now().timestamp()) < 60


@pytest.mark.django_db
def test_beat_is_stale_until_it_dispatches_and_again_when_it_falls_silent(settings):
    settings.BEAT_STALE_AFTER = 300
    assert _beat_freshness()["state"] == "stale"

    beat_init.send(sender=None)  # what the beat process sends when it starts
    before_task_publish.send(sender="moderation.run_crisis_clock", body=None)
    assert _beat_freshness()["state"] == "ok"

    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert _beat_freshness()["state"] == "stale"


@pytest.mark.django_db
def test_only_scheduled_tasks_are_recorded(scrape):
    beat_init.send(sender=None)
    before_task_publish.send(sender="moderation.screen_post", body=None)
    assert "moderation.screen_post" not in scrape()
