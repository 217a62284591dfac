"""Saving drafts is cheap but not free: a generous limit per member (the script saves at most
every two seconds per open composer)."""

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from accounts.ratelimit import member_or_client_key

SAVE_RATE = "120/m"


def save_limit_reached(request: HttpRequest) -> bool:
    """Count one draft save by this member; return whether they are over the limit."""
    return is_ratelimited(
        request,
        group="drafts.save",
        key=member_or_client_key,
        rate=SAVE_RATE,
        increment=True,
    )
