"""The Celery app: JSON only, late acks, every task routed to a declared queue (settings).

The helpers services use to send tasks (`enqueue_on_commit`, queue names, `retry_backoff`) are
in `core/tasks.py`: the apps sit below config and never import it.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("hearth")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
