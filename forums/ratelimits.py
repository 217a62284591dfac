"""Rate limits on writing and searching: per member (hashed address for visitors), stricter
for new members. Limits never lose a draft: the composer re-renders with a message."""

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from accounts.enums import TrustLevel
from accounts.ratelimit import member_or_client_key

# action → (rate for new members and visitors, rate for everyone else)
RATES: dict[str, tuple[str, str]] = {
    "thread": ("3/h", "12/h"),
    "reply": ("10/10m", "40/10m"),
    "reaction": ("30/m", "120/m"),
    "search": ("15/m", "40/m"),
    # A peer supporter asking moderators to check in on members: a handful an hour is plenty.
    "check_in_request": ("10/h", "10/h"),
}


def _rate(action: str, request: HttpRequest) -> str:
    strict, relaxed = RATES[action]
    user = request.user
    if not user.is_authenticated or user.trust_level == TrustLevel.NEW:
        return strict
    return relaxed


def limit_reached(request: HttpRequest, action: str) -> bool:
    """Count one `action` by this member or client; return whether they are over the limit."""
    return is_ratelimited(
        request,
        group=f"forums.{action}",
        key=member_or_client_key,
        rate=_rate(action, request),
        increment=True,
    )
