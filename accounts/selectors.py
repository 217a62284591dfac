"""Read queries about members."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404

from accounts.enums import DeliveryStatus
from accounts.models import EmailDelivery, EmailPreferences, User


def member_get_by_handle(*, handle: str) -> User:
    """Return the active member with this handle (any letter case), or raise 404."""
    return get_object_or_404(User, handle__iexact=handle, is_active=True)


def verified_email_for(*, user_id: int) -> str | None:
    """Return the member's primary verified address now (never a stale copy), or None."""
    return (
        EmailAddress.objects.filter(user_id=user_id, primary=True, verified=True)
        .values_list("email", flat=True)
        .first()
    )


def email_preferences_for_sending(*, user_id: int, kind: str) -> EmailPreferences | None:
    """Return the member's email preferences with the member, their primary verified address
    as it is now (`verified_email`, None if they have none) and whether a delivery of `kind`
    is unfinished (`has_unfinished_delivery`), in one query."""
    address = EmailAddress.objects.filter(
        user_id=OuterRef("user_id"), primary=True, verified=True
    ).values("email")[:1]
    unfinished = EmailDelivery.objects.filter(
        user_id=OuterRef("user_id"),
        kind=kind,
        status__in=(DeliveryStatus.SENDING, DeliveryStatus.RETRYING),
    )
    return (
        EmailPreferences.objects.select_related("user")
        .annotate(verified_email=Subquery(address), has_unfinished_delivery=Exists(unfinished))
        .filter(user_id=user_id)
        .first()
    )


def member_get_active(*, user_id: int) -> User | None:
    """Return the active member with this id, or None."""
    return User.objects.filter(pk=user_id, is_active=True).first()
