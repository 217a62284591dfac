"""Celery tasks for the forums: thin wrappers over services, taking ids only."""

from celery import shared_task
from django.db import OperationalError

from core.tasks import enqueue_on_commit
from forums import services
from forums.digests.sending import digest_send, digests_enqueue_due, digests_send_batch
from forums.emails import notification_email_send
from forums.mailing import TransientEmailError
from forums.services.check_ins import check_ins_open_due
from notifications.emails import notification_emails_enqueue_due
from notifications.services import notifications_purge_read


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


@shared_task(
    name="forums.open_check_ins",
    queue="maintenance",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=100,
    time_limit=120,
)
def open_check_ins() -> int:
    """Open the scheduled check-in threads that are due (idempotent per occurrence)."""
    return check_ins_open_due()


@shared_task(name="forums.purge_read_notifications", soft_time_limit=540, time_limit=600)
def purge_read_notifications() -> int:
    """Delete notifications read more than 90 days ago."""
    return notifications_purge_read()


# --- Email (the `email` queue: forums.send_*) ------------------------------------------------
# Backoff for a mail server that is down: 1, 2, 4, 8, then every 14 minutes, about 2.5 hours in
# all; the delivery record then says "failed". Nothing is sent twice: each send claims its
# delivery record first. A countdown stays below the broker's visibility timeout (15 minutes),
# so a waiting retry is never handed to a second worker.
EMAIL_MAX_RETRIES = 14
EMAIL_BACKOFF_CAP = 14 * 60


def _email_backoff(retries: int) -> int:
    return min(60 * 2**retries, EMAIL_BACKOFF_CAP)


@shared_task(name="forums.enqueue_due_emails", time_limit=600, soft_time_limit=540)
def enqueue_due_emails() -> int:
    """Find members whose digest or grouped notification email is due; enqueue their sends."""
    return digests_enqueue_due() + notification_emails_enqueue_due()


@shared_task(
    bind=True,
    name="forums.send_digest",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=EMAIL_MAX_RETRIES,
    time_limit=120,
    soft_time_limit=100,
)
def send_digest(self, user_id: int) -> str:
    """Send the member's digest if due, exactly once per period: a batch of one (kept for
    messages queued by earlier releases); retry SMTP failures."""
    try:
        return digest_send(
            user_id=user_id, is_last_attempt=self.request.retries >= EMAIL_MAX_RETRIES
        )
    except TransientEmailError as error:
        raise self.retry(countdown=_email_backoff(self.request.retries), exc=error) from error


@shared_task(
    bind=True,
    name="forums.send_digests",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=EMAIL_MAX_RETRIES,
    time_limit=600,
    soft_time_limit=540,
)
def send_digests(self, user_ids: list[int]) -> dict:
    """Send the digests due to a batch of members, each exactly once per period; retry, with
    backoff, only the members whose send the mail server failed."""
    result = digests_send_batch(
        user_ids=user_ids, is_last_attempt=self.request.retries >= EMAIL_MAX_RETRIES
    )
    if result.retry_ids:
        raise self.retry(args=(result.retry_ids,), countdown=_email_backoff(self.request.retries))
    return dict(result.outcomes)


@shared_task(
    bind=True,
    name="forums.send_notification_email",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=EMAIL_MAX_RETRIES,
    time_limit=120,
    soft_time_limit=100,
)
def send_notification_email(self, user_id: int) -> str:
    """Send one email listing the member's unsent notifications; retry SMTP failures."""
    try:
        return notification_email_send(
            user_id=user_id, is_last_attempt=self.request.retries >= EMAIL_MAX_RETRIES
        )
    except TransientEmailError as error:
        raise self.retry(countdown=_email_backoff(self.request.retries), exc=error) from error


def notification_email_enqueue(user_id: int, countdown: float | None) -> None:
    """Enqueue `send_notification_email` for the member after the commit (`countdown` seconds
    later when given); fills `notifications.hooks.email_send_enqueue`."""
    options = {} if countdown is None else {"countdown": countdown}
    enqueue_on_commit(send_notification_email, user_id, **options)
