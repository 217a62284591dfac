"""What every member's page checks in the cache, read in one round trip per request.

The lockout (moderation.standing), the rules banner (moderation.standing), the "emails paused"
banner (accounts.services) and the notification badge (notifications.selectors) each keep a few
cache keys per member. `member_cached_state` reads all of them with one `get_many` the first
time a request needs one (the sanction middleware, before the view) and keeps the answer on the
request; a missing key means what each owner says (no lockout, ask the database...).

Every function that changes one of these keys calls `member_cached_state_changed`, so a page
rendered after a write in the same process (the same request, or an eager task) reads the cache
again instead of the remembered answer.
"""

import itertools

from django.core.cache import cache

_changes = itertools.count(1)
_generation = 0


def member_cached_state_changed() -> None:
    """Make every request's remembered state stale (called on each write of these keys)."""
    global _generation
    _generation = next(_changes)


def member_cached_state_keys(user_id: int) -> list[str]:
    from accounts.services import EMAIL_PAUSED_CACHE_KEY
    from moderation.standing import LOCKOUT_KEY, RULES_ACCEPTED_KEY, RULES_LATEST_KEY
    from notifications.selectors import notification_badge_keys

    return [
        LOCKOUT_KEY.format(user_id=user_id),
        RULES_LATEST_KEY,
        RULES_ACCEPTED_KEY.format(user_id=user_id),
        EMAIL_PAUSED_CACHE_KEY.format(user_id=user_id),
        *notification_badge_keys(user_id),
    ]


def member_cached_state(request) -> dict:
    """The request's member's cached keys that are present (`{}` for a visitor)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    remembered = getattr(request, "_member_cached_state", None)
    if remembered is not None and remembered[0] == (_generation, user.pk):
        return remembered[1]
    stamp = (_generation, user.pk)
    found = cache.get_many(member_cached_state_keys(user.pk))
    request._member_cached_state = (stamp, found)
    return found
