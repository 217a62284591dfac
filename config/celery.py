"""The Celery app: JSON only, late acks, routed queues (screening, email, maintenance)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("hearth")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue_on_commit(task, *args) -> None:
    """Send `task(*args)` once the current transaction commits.

    Robust: if the broker is down the request still succeeds (the row is saved and a sweeper
    sends it again later). Ids only in `args`, never member text.
    """
    from django.db import transaction

    def enqueue() -> None:
        task.delay(*args)

    enqueue.__qualname__ = f"enqueue {task.name}"
    enqueue.task_name = task.name
    enqueue.task_args = args
    transaction.on_commit(enqueue, robust=True)
