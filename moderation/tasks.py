from celery import shared_task

from moderation import services


@shared_task(name="moderation.recompute_trust_levels", time_limit=1800)
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
        raise self.retry(exc=exc, countdown=min(600, 10 * 2**self.request.retries)) from exc


@shared_task(name="moderation.sweep_unscreened_posts", time_limit=120)
def sweep_unscreened_posts() -> int:
    """Enqueue again every post still pending screening after two minutes (broker outages)."""
    pending = list(services.posts_awaiting_screening()[:1000])
    for post_id, revision in pending:
        screen_post.delay(post_id, revision)
    return len(pending)
