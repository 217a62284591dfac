"""Deployment checks for what members' safety features need from the environment."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Without Redis the cache lives inside each web process: log-in lockouts, rate limits,
    suspensions' lockout keys and the header's banners and badges would not be shared between
    processes, and Celery tasks would run inside the request."""
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set: the cache and the task queue are per process.",
            hint=(
                "Set REDIS_URL in production so log-in lockouts, rate limits and banners hold "
                "across web processes and screening runs on Celery workers."
            ),
            id="hearth.W001",
        )
    ]
