"""Signed unsubscribe tokens: they name a member and what to stop, and expire.

The token is the only authority an unsubscribe link needs (no login): it can only ever turn
emails off, so someone holding a member's link can do no more than that member's mail client.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

from accounts.enums import UnsubscribeScope

UNSUBSCRIBE_SALT = "hearth.accounts.unsubscribe"
UNSUBSCRIBE_MAX_AGE = timedelta(days=180)


@dataclass(frozen=True)
class UnsubscribeRequest:
    user_id: int
    scope: str


def unsubscribe_token_make(*, user_id: int, scope: str) -> str:
    """Return a URL-safe signed token to stop `scope` emails for `user_id`."""
    return signing.dumps([user_id, scope], salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> UnsubscribeRequest | None:
    """Return what the token asks for, or None if it is malformed, tampered with or expired."""
    try:
        user_id, scope = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or scope not in UnsubscribeScope.values:
        return None
    return UnsubscribeRequest(user_id=user_id, scope=scope)
