"""Crisis response metrics: how fast crisis cases are opened, first acted on and resolved.

Computed in Python over at most a month or so of crisis cases (a small set); no handles and
no text, so the CSV export is safe to hand to operators and funders.
"""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from moderation.enums import CaseOutcome
from moderation.models import Case, CrisisEvidence

WINDOWS = (7, 30)
CSV_HEADER = [
    "case_id",
    "source",
    "target",
    "opened_at",
    "post_created_at",
    "first_action_at",
    "resolved_at",
    "outcome",
    "minutes_post_to_case",
    "minutes_case_to_first_action",
    "minutes_case_to_resolution",
]


@dataclass(frozen=True)
class Figure:
    count: int
    median: float | None
    p90: float | None


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round(max(0.0, (end - start).total_seconds()) / 60, 1)


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    # Linear interpolation between closest ranks (the "inclusive" method).
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)


def figure(values: list[float]) -> Figure:
    return Figure(
        count=len(values),
        median=round(statistics.median(values), 1) if values else None,
        p90=_percentile(values, 0.9),
    )


def crisis_cases(*, since: datetime, cases: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Crisis cases (ever) opened since `since`, oldest first, with their post's time."""
    queryset = cases if cases is not None else Case.objects.all()
    return (
        queryset.filter(crisis_episode__gt=0, opened_at__gte=since)
        .exclude(outcome=CaseOutcome.MERGED)
        .order_by("opened_at")
    )


def crisis_rows(*, since: datetime, cases: QuerySet[Case] | None = None) -> list[dict]:
    # A member's crisis case gathers posts as evidence: its post is the first of them.
    first_post = (
        CrisisEvidence.objects.filter(case=OuterRef("pk"), post__isnull=False)
        .order_by("created_at", "id")
        .values("post__created_at")[:1]
    )
    rows = (
        crisis_cases(since=since, cases=cases)
        .annotate(first_post_at=Coalesce(F("post__created_at"), Subquery(first_post)))
        .values(
            "pk",
            "source",
            "target_kind",
            "opened_at",
            "first_post_at",
            "first_action_at",
            "resolved_at",
            "outcome",
        )
    )
    return [
        {
            **row,
            "post_to_case": _minutes(row["first_post_at"], row["opened_at"]),
            "to_first_action": _minutes(row["opened_at"], row["first_action_at"]),
            "to_resolution": _minutes(row["opened_at"], row["resolved_at"]),
        }
        for row in rows
    ]


def crisis_metrics(*, now: datetime | None = None, cases=None) -> list[dict]:
    """Median and 90th percentile, in minutes, for the last 7 and 30 days."""
    now = now or timezone.now()
    rows = crisis_rows(since=now - timedelta(days=max(WINDOWS)), cases=cases)
    result = []
    for days in WINDOWS:
        since = now - timedelta(days=days)
        window = [row for row in rows if row["opened_at"] >= since]

        def values(key, window=window):
            return [row[key] for row in window if row[key] is not None]

        result.append(
            {
                "days": days,
                "cases": len(window),
                "post_to_case": figure(values("post_to_case")),
                "to_first_action": figure(values("to_first_action")),
                "to_resolution": figure(values("to_resolution")),
            }
        )
    return result


def crisis_csv_rows(*, since: datetime) -> list[list]:
    """The export: one row per crisis case; ids, times, outcome and durations only."""

    def iso(value):
        return value.isoformat() if value else ""

    return [CSV_HEADER] + [
        [
            row["pk"],
            row["source"],
            row["target_kind"],
            iso(row["opened_at"]),
            iso(row["first_post_at"]),
            iso(row["first_action_at"]),
            iso(row["resolved_at"]),
            row["outcome"],
            "" if row["post_to_case"] is None else row["post_to_case"],
            "" if row["to_first_action"] is None else row["to_first_action"],
            "" if row["to_resolution"] is None else row["to_resolution"],
        ]
        for row in crisis_rows(since=since)
    ]
