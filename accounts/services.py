"""Write-side actions on members."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts.enums import ConsentKind
from accounts.models import Consent, User

UNVERIFIED_ACCOUNT_RETENTION = timedelta(days=30)


def consent_record(*, user: User, kind: ConsentKind, version: int) -> Consent:
    """Record that the member accepted version `version` of a document (once per version)."""
    consent, _created = Consent.objects.get_or_create(
        user=user, kind=kind, version=version, defaults={"accepted_at": timezone.now()}
    )
    return consent


def user_set_timezone(*, user: User, timezone_name: str) -> None:
    user.timezone = timezone_name
    user.save(update_fields=["timezone"])


def unverified_accounts_purge(*, now=None) -> int:
    """Delete accounts whose email was never verified within 30 days; return how many."""
    cutoff = (now or timezone.now()) - UNVERIFIED_ACCOUNT_RETENTION
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    stale = User.objects.filter(date_joined__lt=cutoff, is_staff=False).exclude(pk__in=verified)
    with transaction.atomic():
        count, _ = stale.delete()
    return count
