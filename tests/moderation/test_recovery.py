"""Nothing is lost and nothing happens twice: tasks delivered twice (a sweeper's copy, a message
redelivered after a worker died) apply once, and crisis alerts whose task was lost are sent
again by the sweeper, once."""

from datetime import time, timedelta

import pytest
import time_machine
from django.utils import timezone

from core.enums import ScreeningState
from moderation import tasks
from moderation.enums import CasePriority, CaseSource, TargetKind
from moderation.models import Case, CrisisAlert, CrisisNotification, OnCallShift, ScreeningResult
from moderation.services import screening as screening_services
from moderation.services.cases import case_open_or_attach
from tests.factories import PostFactory

CRISIS_TEXT = "I have the pills ready and I am going to take them all tonight. Goodbye everyone."


@pytest.fixture
def on_call(global_moderator):
    for weekday in range(7):
        for start, end in ((time(0, 0), time(12, 0)), (time(12, 0), time(0, 0))):
            OnCallShift.objects.create(
                moderator=global_moderator,
                weekday=weekday,
                start_time=start,
                end_time=end,
                time_zone="UTC",
            )
    return global_moderator


def open_crisis_without_sending(member, django_capture_on_commit_callbacks):
    """A crisis case whose alert is committed but whose email task never reached the broker."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_open_or_attach(
            target_kind=TargetKind.MEMBER,
            target=member,
            source=CaseSource.CHECK_IN,
            priority=CasePriority.CRISIS,
            member=member,
        )
    assert [cb.task_name for cb in callbacks] == ["moderation.notify_crisis_email"]
    return CrisisNotification.objects.get()


def test_a_crisis_email_whose_task_was_lost_is_sent_by_the_sweeper_exactly_once(
    member, on_call, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    notification = open_crisis_without_sending(member, django_capture_on_commit_callbacks)
    assert tasks.sweep_unsent_crisis_notifications() == 0  # still young: its task may be queued

    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert tasks.sweep_unsent_crisis_notifications() == 1
        assert tasks.sweep_unsent_crisis_notifications() == 0

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [on_call.email]
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 1


def test_the_lost_task_arriving_after_the_sweeper_sends_nothing_more(
    member, on_call, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    notification = open_crisis_without_sending(member, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        tasks.sweep_unsent_crisis_notifications()
    tasks.notify_crisis_email(notification.pk)

    assert len(mailoutbox) == 1


def test_a_notification_in_its_retry_chain_is_left_to_its_retries(
    member, on_call, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    notification = open_crisis_without_sending(member, django_capture_on_commit_callbacks)
    CrisisNotification.objects.filter(pk=notification.pk).update(attempts=2, last_error="SMTPError")

    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert tasks.sweep_unsent_crisis_notifications() == 0
    # Its chain (about 40 minutes of backoff) is over and it was never sent: it was lost too.
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert tasks.sweep_unsent_crisis_notifications() == 1
    assert len(mailoutbox) == 1


def test_a_post_screened_by_two_deliveries_at_once_applies_one_result(
    thread, member, on_call, mailoutbox, settings, django_capture_on_commit_callbacks
):
    """Both deliveries computed the verdict before either stored it; the second, once it holds
    the post's lock, finds the first's result and applies nothing."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    post = PostFactory(thread=thread, author=member, body=CRISIS_TEXT)
    verdict = screening_services._full_verdict(post)
    action, signals, versions = verdict

    with django_capture_on_commit_callbacks(execute=True):
        first = screening_services.screening_result_apply(
            post=post, revision=post.revision, action=action, signals=signals, versions=versions
        )
    with django_capture_on_commit_callbacks(execute=True):
        second = screening_services.screening_result_apply(
            post=post, revision=post.revision, action=action, signals=signals, versions=versions
        )

    assert first.pk == second.pk
    assert ScreeningResult.objects.filter(post=post).count() == 1
    case = Case.objects.get(evidence__post=post)  # the author's one crisis case
    assert case.priority == CasePriority.CRISIS
    assert case.evidence.count() == 1
    assert CrisisAlert.objects.filter(case=case).count() == 1
    assert CrisisNotification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_screening_task_run_twice_leaves_one_case_and_one_on_call_email(
    thread, member, on_call, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    post = PostFactory(thread=thread, author=member, body=CRISIS_TEXT)

    for _delivery in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.screen_post(post.pk, post.revision)

    post.refresh_from_db()
    assert post.screening_state == ScreeningState.SCREENED
    assert ScreeningResult.objects.filter(post=post).count() == 1
    assert Case.objects.filter(evidence__post=post).count() == 1  # one case, one evidence row
    assert len(mailoutbox) == 1
