"""Saving drafts is cheap but not free: a generous limit per member (the script saves at most
every two seconds per open composer). Texts kept from logged-out posts are limited per
connection (a keyed hash of the address), since anyone can send one."""

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from accounts.ratelimit import client_key, member_or_client_key

SAVE_RATE = "120/m"
KEEP_RATE = "20/h"


def save_limit_reached(request: HttpRequest) -> bool:
    """Count one draft save by this member; return whether they are over the limit."""
    return is_ratelimited(
        request,
        group="drafts.save",
        key=member_or_client_key,
        rate=SAVE_RATE,
        increment=True,
    )


def keep_limit_reached(request: HttpRequest) -> bool:
    """Count one text kept from a logged-out post on this connection; return whether over."""
    return is_ratelimited(
        request, group="drafts.keep", key=client_key, rate=KEEP_RATE, increment=True
    )
