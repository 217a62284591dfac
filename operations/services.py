"""Writes of the operations app: the record of periodic task runs."""

from django.utils import timezone

from operations.models import PeriodicTaskRun


def periodic_task_dispatched(*, task_name: str) -> None:
    """Record that beat has just sent `task_name` to the broker."""
    PeriodicTaskRun.objects.update_or_create(
        task_name=task_name, defaults={"last_dispatched_at": timezone.now()}
    )


def periodic_task_finished(*, task_name: str, succeeded: bool) -> None:
    """Record that a worker has just finished `task_name`, successfully or not."""
    field = "last_succeeded_at" if succeeded else "last_failed_at"
    PeriodicTaskRun.objects.update_or_create(task_name=task_name, defaults={field: timezone.now()})
