"""Celery tasks for the forums: thin wrappers over services, taking ids only."""

from celery import shared_task
from django.db import OperationalError

from forums import services


@shared_task(
    name="forums.fan_out_notifications",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    time_limit=120,
    soft_time_limit=100,
)
def fan_out_notifications(post_id: int) -> int:
    """Create the notifications for a published post (idempotent)."""
    return services.notifications_fan_out(post_id=post_id)


@shared_task(name="forums.purge_read_notifications", time_limit=600)
def purge_read_notifications() -> int:
    """Delete notifications read more than 90 days ago."""
    return services.notifications_purge_read()
