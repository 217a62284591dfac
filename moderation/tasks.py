from celery import shared_task

from core.tasks import retry_backoff
from forums.tasks import fan_out_notifications
from moderation import services
from moderation.enums import AlertChannel
from moderation.services import alerts, crisis, profile_screening


@shared_task(name="moderation.recompute_trust_levels", soft_time_limit=1740, time_limit=1800)
def recompute_trust_levels() -> int:
    """Recompute every member's trust level (new → member → trusted)."""
    return services.trust_levels_recompute_all()


@shared_task(
    bind=True,
    name="moderation.screen_post",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def screen_post(self, post_id: int, revision: int) -> None:
    """Screen one revision of a post in full; after the last retry, dead-letter it to a case."""
    try:
        services.post_screen(post_id=post_id, revision=revision)
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            services.screening_failed(post_id=post_id, revision=revision, error=type(exc).__name__)
            return
        # Exponential backoff: 10 s, 20 s, 40 s, ... capped at 10 minutes.
        raise self.retry(exc=exc, countdown=retry_backoff(self.request.retries)) from exc


@shared_task(name="moderation.sweep_unscreened_posts", soft_time_limit=100, time_limit=120)
def sweep_unscreened_posts() -> int:
    """Enqueue again every post still pending screening after two minutes (broker outages),
    and its notifications' fan-out, lost with it (idempotent: one notification per member)."""
    pending = list(services.posts_awaiting_screening()[:1000])
    for post_id, revision in pending:
        screen_post.delay(post_id, revision)
        fan_out_notifications.delay(post_id)
    return len(pending)


@shared_task(
    bind=True,
    name="moderation.screen_profile",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def screen_profile(self, profile_id: int, revision: int) -> None:
    """Screen one revision of a member's profile text; after the last retry, dead-letter it."""
    try:
        profile_screening.profile_screen(profile_id=profile_id, revision=revision)
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            profile_screening.profile_screening_failed(
                profile_id=profile_id, revision=revision, error=type(exc).__name__
            )
            return
        raise self.retry(exc=exc, countdown=retry_backoff(self.request.retries)) from exc


@shared_task(name="moderation.sweep_unscreened_profiles", soft_time_limit=100, time_limit=120)
def sweep_unscreened_profiles() -> int:
    """Enqueue again every profile whose text is still unscreened after two minutes."""
    pending = list(profile_screening.profiles_awaiting_screening()[:1000])
    for profile_id, revision in pending:
        screen_profile.delay(profile_id, revision)
    return len(pending)


def _retry_or_give_up(task, exc) -> None:
    if task.request.retries >= task.max_retries:
        return  # The failure is recorded on the notification row; the console shows it.
    raise task.retry(exc=exc, countdown=retry_backoff(task.request.retries, base=15)) from exc


@shared_task(
    bind=True,
    name="moderation.notify_crisis_email",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=8,
    soft_time_limit=45,
    time_limit=60,
)
def notify_crisis_email(self, notification_id: int) -> None:
    """Email one crisis alert to one moderator or contact (once; retried with backoff)."""
    try:
        alerts.crisis_notification_send(notification_id=notification_id)
    except Exception as exc:
        _retry_or_give_up(self, exc)


@shared_task(
    bind=True,
    name="moderation.notify_crisis_webhook",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    soft_time_limit=20,
    time_limit=30,
)
def notify_crisis_webhook(self, notification_id: int) -> None:
    """POST one crisis alert to the operators' webhook (once; retried; never blocks email)."""
    try:
        alerts.crisis_notification_send(notification_id=notification_id)
    except Exception as exc:
        _retry_or_give_up(self, exc)


@shared_task(
    name="moderation.sweep_unsent_crisis_notifications", soft_time_limit=100, time_limit=120
)
def sweep_unsent_crisis_notifications() -> int:
    """Enqueue again every crisis email or webhook whose task was lost (sent at most once)."""
    pending = list(alerts.crisis_notifications_awaiting_send()[:1000])
    for notification_id, channel in pending:
        task = notify_crisis_email if channel == AlertChannel.EMAIL else notify_crisis_webhook
        task.delay(notification_id)
    return len(pending)


@shared_task(name="moderation.run_crisis_clock", soft_time_limit=40, time_limit=50)
def run_crisis_clock() -> int:
    """Escalate unclaimed crisis cases past the response limit (every minute, by beat)."""
    return crisis.crisis_clock_tick()


@shared_task(name="moderation.reopen_due_follow_ups", soft_time_limit=100, time_limit=120)
def reopen_due_follow_ups() -> int:
    """Reopen crisis cases whose follow-up check-in is due (by beat)."""
    return crisis.crisis_follow_ups_reopen_due()
