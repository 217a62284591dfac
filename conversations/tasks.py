from celery import shared_task

from conversations import selectors, services
from core.tasks import retry_backoff


@shared_task(
    bind=True,
    name="conversations.screen_message",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def screen_message(self, message_id: int) -> None:
    """Screen one private message in full (idempotent); retried with backoff."""
    try:
        services.message_screen(message_id=message_id)
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            services.message_screening_failed(message_id=message_id, error=type(exc).__name__)
            return
        raise self.retry(exc=exc, countdown=retry_backoff(self.request.retries)) from exc


@shared_task(name="conversations.sweep_unscreened_messages", soft_time_limit=100, time_limit=120)
def sweep_unscreened_messages() -> int:
    """Enqueue again every message still pending screening after two minutes."""
    pending = list(selectors.messages_awaiting_screening()[:1000])
    for message_id in pending:
        screen_message.delay(message_id)
    return len(pending)
