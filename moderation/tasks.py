from celery import shared_task

from moderation import services


@shared_task(name="moderation.recompute_trust_levels", time_limit=1800)
def recompute_trust_levels() -> int:
    """Recompute every member's trust level (new → member → trusted)."""
    return services.trust_levels_recompute_all()
