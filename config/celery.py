"""The Celery app: JSON only, late acks, every task routed to a declared queue (settings)."""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("hearth")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)

# Retries back off exponentially up to this many seconds: below the broker's visibility timeout
# (settings.CELERY_VISIBILITY_TIMEOUT), so a waiting retry is never handed to a second worker.
BACKOFF_CAP = 600


def retry_backoff(retries: int, *, base: int = 10) -> int:
    """Seconds before retry number `retries` + 1: base, 2 × base, 4 × base, ... capped."""
    return min(BACKOFF_CAP, base * 2**retries)


def enqueue_on_commit(task, *args) -> None:
    """Send `task(*args)` once the current transaction commits.

    Robust: if the broker is down the request still succeeds (the row is saved and a sweeper
    sends it again later). Ids only in `args`, never member text.
    """
    from django.db import transaction

    def enqueue() -> None:
        try:
            task.delay(*args)
        except Exception as exc:
            # The row is committed and stays pending; its sweeper enqueues it again.
            logger.warning(
                "enqueue %s%r failed (%s); its sweeper will send it again",
                task.name,
                args,
                type(exc).__name__,
            )

    enqueue.__qualname__ = f"enqueue {task.name}"
    enqueue.task_name = task.name
    enqueue.task_args = args
    transaction.on_commit(enqueue, robust=True)
