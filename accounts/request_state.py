"""What every member's page checks in the cache, read in one round trip per request.

The lockout (moderation.standing), the rules banner (moderation.standing), the "emails paused"
banner (accounts.services) and the notification badge (notifications.selectors) each keep a few
cache keys per member. `member_cached_state` reads all of them with one `get_many` the first
time a request needs one (the sanction middleware, before the view) and keeps the answer on the
request; a missing key means what each owner says (no lockout, ask the database...).

The keys are the registry's member-state families (accounts.cache_keys); every write of one
goes through the registry's `cache_store` / `cache_forget`, which mark remembered answers stale,
so a page rendered after a write in the same process (the same request, or an eager task) reads
the cache again instead of the remembered answer.
"""

from django.core.cache import cache

from accounts.cache_keys import (
    EMAIL_PAUSED,
    LOCKOUT,
    NOTIFICATION_BADGE_NONE_UNREAD,
    NOTIFICATION_BADGE_VERSION,
    RULES_ACCEPTED,
    RULES_LATEST,
    member_state_generation,
)


def member_cached_state_keys(user_id: int) -> list[str]:
    return [
        LOCKOUT.key(user_id=user_id),
        RULES_LATEST.key(),
        RULES_ACCEPTED.key(user_id=user_id),
        EMAIL_PAUSED.key(user_id=user_id),
        NOTIFICATION_BADGE_VERSION.key(user_id=user_id),
        NOTIFICATION_BADGE_NONE_UNREAD.key(user_id=user_id),
    ]


def member_cached_state(request) -> dict:
    """The request's member's cached keys that are present (`{}` for a visitor)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    remembered = getattr(request, "_member_cached_state", None)
    stamp = (member_state_generation(), user.pk)
    if remembered is not None and remembered[0] == stamp:
        return remembered[1]
    found = cache.get_many(member_cached_state_keys(user.pk))
    request._member_cached_state = (stamp, found)
    return found
