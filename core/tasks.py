"""Sending Celery tasks from services: after commit, robust to a broker that is away.

The Celery app itself lives in `config/celery.py`; tasks (declared with `shared_task`) carry
the app they belong to, so nothing here needs to import it.
"""

import logging
import time

from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)

# Retries back off exponentially up to this many seconds: below the broker's visibility timeout
# (settings.CELERY_VISIBILITY_TIMEOUT), so a waiting retry is never handed to a second worker.
BACKOFF_CAP = 600


def retry_backoff(retries: int, *, base: int = 10) -> int:
    """Seconds before retry number `retries` + 1: base, 2 × base, 4 × base, ... capped."""
    return min(BACKOFF_CAP, base * 2**retries)


# Screening of what the precheck already heard as crisis language: consumed by the screening
# workers ahead of all other screening (README, "Running it").
CRISIS_QUEUE = "crisis"

# After the broker refused a message, this process leaves the next ones to the sweepers for a
# few seconds instead of making each request wait about a second for another refusal.
BROKER_RETRY_AFTER = 3.0
_broker_rests_until = 0.0


def send_or_leave_to_sweeper(task, args: tuple, **options) -> bool:
    """Send `task(*args)` now; if the broker is away, log it and return False: the row stays
    pending and its sweeper (or the beat's due-email pass) sends it once the broker is back."""
    global _broker_rests_until
    if task.app.conf.task_always_eager:
        # No broker: the task runs here and now (`make run`, tests); its errors are its own.
        task.apply_async(args, **options)
        return True
    if time.monotonic() < _broker_rests_until:
        logger.warning("enqueue %s%r left to its sweeper: the broker is away", task.name, args)
        return False
    try:
        task.apply_async(args, **options)
    except (KombuOperationalError, OSError) as exc:
        _broker_rests_until = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning(
            "enqueue %s%r failed (%s); its sweeper will send it",
            task.name,
            args,
            type(exc).__name__,
        )
        return False
    return True


def enqueue_on_commit(task, *args, **options) -> None:
    """Send `task(*args)` once the current transaction commits.

    Robust: if the broker is down the request still succeeds (the row is saved and a sweeper
    sends it again later). Ids only in `args`, never member text.
    """

    def enqueue() -> None:
        send_or_leave_to_sweeper(task, args, **options)

    enqueue.__qualname__ = f"enqueue {task.name}"
    enqueue.task_name = task.name
    enqueue.task_args = args
    enqueue.task_options = options
    transaction.on_commit(enqueue, robust=True)
