"""Read queries about members."""

from django.shortcuts import get_object_or_404

from accounts.models import User


def member_get_by_handle(*, handle: str) -> User:
    """Return the active member with this handle (any letter case), or raise 404."""
    return get_object_or_404(User, handle__iexact=handle, is_active=True)
