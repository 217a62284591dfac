"""`make run`'s scheduler: the beat schedule from settings, run in process without Redis."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone

from moderation import services
from moderation.enums import AlertLevel
from moderation.management.commands.run_schedule import entries_from_settings, run_due
from moderation.models import CrisisAlert


def test_every_beat_entry_is_scheduled_with_its_registered_task():
    entries = entries_from_settings()

    assert {entry.name for entry in entries} == set(settings.CELERY_BEAT_SCHEDULE)
    from config.celery import app

    assert all(entry.task in app.tasks for entry in entries)


def test_nothing_runs_before_its_period_and_each_task_runs_when_due(db):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        entries = entries_from_settings()
        assert run_due(entries)[0] == []
        clock.shift(timedelta(seconds=61))
        ran, _next_in = run_due(entries)
        assert "moderation-run-crisis-clock" in ran
        assert "moderation-reopen-due-follow-ups" not in ran  # every five minutes
        assert run_due(entries)[0] == []  # not again until the next period


def test_an_unclaimed_crisis_case_escalates_exactly_once_under_the_scheduler(member, moderator):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        entries = entries_from_settings()
        case = services.crisis_check_in_request(member=member)
        for _minute in range(25):
            clock.shift(timedelta(minutes=1))
            run_due(entries)

    levels = list(CrisisAlert.objects.filter(case=case).values_list("level", flat=True))
    assert sorted(levels) == [AlertLevel.ON_CALL, AlertLevel.ALL_MODERATORS, AlertLevel.OPERATORS]
