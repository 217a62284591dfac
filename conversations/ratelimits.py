"""Rate limits on private messages, stricter for new members. A limit never loses the draft."""

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from accounts.enums import TrustLevel
from accounts.ratelimit import member_or_client_key

# action → (rate for new members, rate for everyone else)
RATES: dict[str, tuple[str, str]] = {
    "start": ("2/h", "10/h"),
    "message": ("15/10m", "60/10m"),
}


def limit_reached(request: HttpRequest, action: str) -> bool:
    """Count one `action` by this member; return whether they are over the limit."""
    strict, relaxed = RATES[action]
    rate = strict if request.user.trust_level == TrustLevel.NEW else relaxed
    return is_ratelimited(
        request,
        group=f"conversations.{action}",
        key=member_or_client_key,
        rate=rate,
        increment=True,
    )
