"""Rate-limit keys that never hold a raw IP address.

The client address is replaced by a keyed hash (HMAC with the site's secret), so the cache,
and anything else that stores a rate-limit key, cannot be read back to an address.
"""

import hashlib
import hmac

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

# allauth's public reading of the client address (ALLAUTH_TRUSTED_PROXY_COUNT or
# ALLAUTH_TRUSTED_CLIENT_IP_HEADER): the default adapter's, since ours answers with the hash.
_ALLAUTH_DEFAULT_ADAPTER = DefaultAccountAdapter()


def hashed_client_address(request: HttpRequest) -> str:
    """Return a keyed hash of the client's address (behind ALLAUTH_TRUSTED_PROXY_COUNT)."""
    try:
        address = _ALLAUTH_DEFAULT_ADAPTER.get_client_ip(request)
    except PermissionDenied:  # allauth's answer when it cannot tell the address
        address = "unknown"
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"client-address:{address}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:32]


def client_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit key function: the hashed client address."""
    return hashed_client_address(request)


def member_or_client_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit key function: the member when logged in, else the hashed address."""
    if request.user.is_authenticated:
        return f"member:{request.user.pk}"
    return hashed_client_address(request)
