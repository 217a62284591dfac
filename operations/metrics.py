"""Prometheus metrics: the safety net's state, read at scrape time, and request latency.

The safety figures (queues, screening lag, crisis cases, escalations, periodic runs, email
failures) are read from the database and the broker when Prometheus scrapes, so every web
process reports the same truth. Request latency is observed in each process; under gunicorn,
`PROMETHEUS_MULTIPROC_DIR` (set by config/gunicorn.conf.py) lets one scrape add up every worker.
"""

import logging
import os

from django.utils import timezone
from prometheus_client import (
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from operations import selectors

logger = logging.getLogger(__name__)

REQUEST_LATENCY = Histogram(
    "hearth_request_duration_seconds",
    "Time to answer an HTTP request, by view and status class.",
    ["view", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class SafetyNetCollector:
    """Gauges and counters computed from the database and the broker on each scrape."""

    def collect(self):
        now = timezone.now()
        yield from self._queues()
        lag = GaugeMetricFamily(
            "hearth_screening_oldest_pending_seconds",
            "Age of the oldest item still waiting for screening.",
            labels=["kind"],
        )
        for kind, seconds in selectors.oldest_pending_screening_seconds(now).items():
            lag.add_metric([kind], seconds)
        yield lag

        crisis = selectors.crisis_queue(now)
        yield GaugeMetricFamily(
            "hearth_crisis_cases_open", "Crisis cases open or claimed.", value=crisis.open_cases
        )
        yield GaugeMetricFamily(
            "hearth_crisis_cases_unclaimed",
            "Crisis cases nobody has claimed yet.",
            value=crisis.unclaimed_cases,
        )
        yield GaugeMetricFamily(
            "hearth_crisis_oldest_unclaimed_seconds",
            "How long the oldest unclaimed crisis case has waited (0 when none).",
            value=crisis.oldest_unclaimed_seconds,
        )

        escalations = CounterMetricFamily(
            "hearth_crisis_escalations",
            "Crisis alerts raised, by level.",
            labels=["level"],
        )
        for level, count in selectors.escalations_by_level().items():
            escalations.add_metric([level], count)
        yield escalations

        emails = GaugeMetricFamily(
            "hearth_email_deliveries", "Member emails by delivery status.", labels=["status"]
        )
        for status, count in selectors.email_deliveries_by_status().items():
            emails.add_metric([status], count)
        yield emails

        yield from self._periodic_tasks()

    def _queues(self):
        depth = GaugeMetricFamily(
            "hearth_queue_depth", "Messages waiting in each task queue.", labels=["queue"]
        )
        up = GaugeMetricFamily("hearth_broker_up", "1 when the broker answered this scrape.")
        try:
            depths = selectors.broker_queue_depths()
        except Exception:  # any broker error: report it as down, keep the other metrics
            logger.warning("metrics: the broker did not answer")
            up.add_metric([], 0)
        else:
            up.add_metric([], 1)
            for queue, count in depths.items():
                depth.add_metric([queue], count)
        yield depth
        yield up

    def _periodic_tasks(self):
        dispatched = GaugeMetricFamily(
            "hearth_periodic_task_last_dispatched_timestamp_seconds",
            "When beat last sent each periodic task (unix time).",
            labels=["task"],
        )
        succeeded = GaugeMetricFamily(
            "hearth_periodic_task_last_success_timestamp_seconds",
            "When a worker last finished each periodic task successfully (unix time).",
            labels=["task"],
        )
        for run in selectors.periodic_task_runs():
            if run.last_dispatched_at:
                dispatched.add_metric([run.task_name], run.last_dispatched_at.timestamp())
            if run.last_succeeded_at:
                succeeded.add_metric([run.task_name], run.last_succeeded_at.timestamp())
        yield dispatched
        yield succeeded


def render_metrics() -> bytes:
    """The exposition text for one scrape."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUEST_LATENCY)
    registry.register(SafetyNetCollector())
    return generate_latest(registry)
