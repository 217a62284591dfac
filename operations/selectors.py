"""What an operator watches, read from the database and the broker at scrape time."""

import logging
from dataclasses import dataclass
from datetime import datetime

from amqp.exceptions import ChannelError
from celery import current_app
from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.enums import DeliveryStatus
from accounts.models import EmailDelivery
from conversations.models import Message
from core.enums import ScreeningState
from forums.models import Post
from moderation.enums import AlertLevel, CasePriority, CaseState
from moderation.models import Case, CrisisAlert
from operations.models import PeriodicTaskRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrisisQueue:
    open_cases: int
    unclaimed_cases: int
    oldest_unclaimed_seconds: float


def _age_seconds(moment: datetime | None, now: datetime) -> float:
    return max(0.0, (now - moment).total_seconds()) if moment else 0.0


def broker_queue_depths() -> dict[str, int]:
    """Messages waiting in each Celery queue; empty when tasks run in-process (no broker)."""
    if not settings.REDIS_URL:
        return {}
    names = sorted(queue.name for queue in current_app.amqp.queues.values())
    depths: dict[str, int] = {}
    with current_app.connection_for_read() as connection:
        channel = connection.default_channel
        for name in names:
            try:
                _name, message_count, _consumers = channel.queue_declare(queue=name, passive=True)
            except ChannelError:  # no worker has declared it yet: nothing is waiting in it
                message_count = 0
            depths[name] = message_count
    return depths


def oldest_pending_screening_seconds(now: datetime | None = None) -> dict[str, float]:
    """Age of the oldest post and private message still waiting for the screening worker."""
    now = now or timezone.now()
    oldest_post = Post.objects.filter(screening_state=ScreeningState.PENDING).aggregate(
        oldest=Min(Coalesce("edited_at", "created_at"))
    )["oldest"]
    oldest_message = Message.objects.filter(screening_state=ScreeningState.PENDING).aggregate(
        oldest=Min("created_at")
    )["oldest"]
    return {"post": _age_seconds(oldest_post, now), "message": _age_seconds(oldest_message, now)}


def crisis_queue(now: datetime | None = None) -> CrisisQueue:
    """Open crisis cases, how many nobody has claimed, and how long the oldest has waited."""
    now = now or timezone.now()
    figures = Case.objects.filter(
        priority=CasePriority.CRISIS, state__in=[CaseState.OPEN, CaseState.CLAIMED]
    ).aggregate(
        open_cases=Count("id"),
        unclaimed_cases=Count("id", filter=Q(state=CaseState.OPEN)),
        oldest_unclaimed=Min("opened_at", filter=Q(state=CaseState.OPEN)),
    )
    return CrisisQueue(
        open_cases=figures["open_cases"],
        unclaimed_cases=figures["unclaimed_cases"],
        oldest_unclaimed_seconds=_age_seconds(figures["oldest_unclaimed"], now),
    )


def escalations_by_level() -> dict[str, int]:
    """Crisis alerts raised since the start, by level (on-call, every moderator, operators)."""
    counts = dict(
        CrisisAlert.objects.values_list("level").annotate(n=Count("id")).values_list("level", "n")
    )
    return {level.name.lower(): counts.get(level.value, 0) for level in AlertLevel}


def email_deliveries_by_status() -> dict[str, int]:
    """Member emails by delivery status; `failed` is what an operator alerts on."""
    counts = dict(EmailDelivery.objects.values_list("status").annotate(n=Count("id")))
    return {status.value: counts.get(status.value, 0) for status in DeliveryStatus}


def periodic_task_runs() -> list[PeriodicTaskRun]:
    return list(PeriodicTaskRun.objects.all())


def beat_last_dispatch_at() -> datetime | None:
    """The last time beat sent any scheduled task (None before its first dispatch)."""
    return PeriodicTaskRun.objects.aggregate(last=Max("last_dispatched_at"))["last"]
