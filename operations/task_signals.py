"""Celery signal receivers that keep `PeriodicTaskRun` current.

Only task names in CELERY_BEAT_SCHEDULE are recorded, so screening a post (thousands a day)
writes nothing here. Dispatches are recorded in the beat process only: that is what tells an
operator beat is alive, even when no worker is.
"""

import logging

from celery.signals import beat_init, before_task_publish, task_failure, task_success
from django.conf import settings
from django.db import DatabaseError, InterfaceError, close_old_connections, connection

from operations.services import periodic_task_dispatched, periodic_task_finished

logger = logging.getLogger(__name__)


def scheduled_task_names() -> frozenset[str]:
    return frozenset(entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values())


def _record_dispatch(sender=None, **_kwargs) -> None:
    if sender not in scheduled_task_names():
        return
    try:
        # Beat has no request cycle to drop a connection PostgreSQL closed (a restart): do it
        # here, or every later dispatch would fail on the dead one. Never inside a transaction
        # (a caller's atomic block): there the connection is in use, not obsolete.
        if not connection.in_atomic_block:
            close_old_connections()
        periodic_task_dispatched(task_name=sender)
    except (DatabaseError, InterfaceError):
        # Beat keeps scheduling while the database is away; /healthz shows it as stale.
        logger.warning("could not record the dispatch of %s", sender)


def _record_outcome(sender, succeeded: bool) -> None:
    name = getattr(sender, "name", None)
    if name not in scheduled_task_names():
        return
    try:
        periodic_task_finished(task_name=name, succeeded=succeeded)
    except (DatabaseError, InterfaceError):
        logger.warning("could not record the outcome of %s", name)


def _on_success(sender=None, **_kwargs) -> None:
    _record_outcome(sender, succeeded=True)


def _on_failure(sender=None, **_kwargs) -> None:
    _record_outcome(sender, succeeded=False)


def _on_beat_init(**_kwargs) -> None:
    before_task_publish.connect(_record_dispatch, dispatch_uid="operations.record_dispatch")


def connect() -> None:
    beat_init.connect(_on_beat_init, dispatch_uid="operations.beat_init")
    task_success.connect(_on_success, dispatch_uid="operations.task_success")
    task_failure.connect(_on_failure, dispatch_uid="operations.task_failure")
