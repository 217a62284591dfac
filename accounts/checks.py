"""Checks for what members' safety features need: the environment (deployment checks) and
the apps above accounts answering its hooks."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from accounts import hooks
from core.hooks import required_hooks_check


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


@register(Tags.security, deploy=True)
def rate_limits_enabled_check(app_configs, **kwargs):
    """RATELIMIT_ENABLE=0 exists for load benchmarks only: it lifts the limits on posting,
    reporting, messaging and searching that protect members from floods."""
    if settings.RATELIMIT_ENABLE:
        return []
    return [
        Warning(
            "RATELIMIT_ENABLE is off: posting, reporting and search have no rate limits.",
            hint="Unset RATELIMIT_ENABLE (it is on by default) outside load benchmarks.",
            id="hearth.W002",
        )
    ]


# Every accounts hook is answered, and every app holding a member's data takes part in erasure
# and the export: a missing registration must stop the site, not skip a safety step or leave a
# member's rows behind.
answers_filled_check = register(
    required_hooks_check(hooks.ANSWERS, check_id="accounts.E001"), "hooks"
)
contributions_filled_check = register(
    required_hooks_check(hooks.CONTRIBUTIONS, check_id="accounts.E002"), "hooks"
)
