"""The periodic tasks without Redis: `make run`'s small in-process stand-in for celery beat.

It reads the same `CELERY_BEAT_SCHEDULE` from settings and runs each task in this process when
it falls due, so the demo's crisis clock escalates, follow-ups reopen, digests go out and
erasures happen. Production runs `celery beat` (exactly one) instead.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from celery.schedules import BaseSchedule, schedule
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

logger = logging.getLogger(__name__)

LONGEST_SLEEP = 5.0


@dataclass
class Entry:
    name: str
    task: str
    schedule: BaseSchedule
    last_run_at: datetime


def entries_from_settings(*, now: datetime | None = None) -> list[Entry]:
    """The beat schedule as entries last run `now` (so each first runs one period later)."""
    current_app.loader.import_default_modules()  # register every app's tasks, as a worker does
    now = now or timezone.now()
    entries = []
    for name, spec in settings.CELERY_BEAT_SCHEDULE.items():
        every = spec["schedule"]
        if not isinstance(every, BaseSchedule):
            every = schedule(timedelta(seconds=float(every)), app=current_app)
        entries.append(Entry(name=name, task=spec["task"], schedule=every, last_run_at=now))
    return entries


def run_due(entries: list[Entry]) -> tuple[list[str], float]:
    """Run every entry that is due, in this process; return (names run, seconds to the next)."""
    ran, waits = [], []
    for entry in entries:
        is_due, next_in = entry.schedule.is_due(entry.last_run_at)
        if is_due:
            entry.last_run_at = timezone.now()
            try:
                current_app.tasks[entry.task].apply(throw=True)
            except Exception:  # one failing task must not stop the others' clocks
                logger.exception("scheduled task %s failed", entry.task)
            ran.append(entry.name)
        waits.append(next_in)
    return ran, min(waits, default=LONGEST_SLEEP)


class Command(BaseCommand):
    help = "Run the periodic tasks (settings.CELERY_BEAT_SCHEDULE) in this process, for the demo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every task once, now, and stop."
        )

    def handle(self, *args, once: bool = False, **options):
        if once:
            for entry in entries_from_settings():
                current_app.tasks[entry.task].apply(throw=True)
            return
        entries = entries_from_settings()
        self.stdout.write(
            f"Scheduler: {len(entries)} periodic tasks, as celery beat would run them."
        )
        try:
            while True:
                ran, next_in = run_due(entries)
                for name in ran:
                    self.stdout.write(f"Scheduler: ran {name}")
                time.sleep(max(0.5, min(LONGEST_SLEEP, next_in)))
        except KeyboardInterrupt:
            return
