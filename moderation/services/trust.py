"""Trust levels: new → member → trusted, from time, approved posts and recent sanctions."""

from datetime import timedelta

from django.utils import timezone

from accounts.enums import TrustLevel
from accounts.models import User
from accounts.services.members import member_trust_level_set
from forums.selectors import approved_post_count
from moderation.enums import SanctionKind
from moderation.models import Sanction, SiteSettings

BATCH_SIZE = 500


def trust_level_for(*, user: User, approved_posts: int, now=None, site=None) -> TrustLevel:
    """Compute the trust level a member has earned (staff are always trusted)."""
    if user.is_staff:
        return TrustLevel.TRUSTED
    now = now or timezone.now()
    site = site or SiteSettings.load()
    days = (now - user.date_joined).days
    recent_sanction = Sanction.objects.filter(
        member=user,
        starts_at__gte=now - timedelta(days=site.trusted_requires_clean_days),
    ).exclude(kind=SanctionKind.WARNING, lifted_at__isnull=False)
    if (
        days >= site.trusted_after_days
        and approved_posts >= site.trusted_after_approved_posts
        and not recent_sanction.exists()
    ):
        return TrustLevel.TRUSTED
    if days >= site.member_after_days and approved_posts >= site.member_after_approved_posts:
        return TrustLevel.MEMBER
    return TrustLevel.NEW


def trust_level_recompute(*, user: User, now=None, site=None) -> bool:
    """Store the member's earned trust level; return whether it changed."""
    level = trust_level_for(
        user=user, approved_posts=approved_post_count(user=user), now=now, site=site
    )
    return member_trust_level_set(user=user, level=level)


def trust_levels_recompute_all(*, now=None) -> int:
    """Recompute every active member's trust level in batches; return how many changed."""
    site = SiteSettings.load()
    changed = 0
    queryset = User.objects.filter(is_active=True).order_by("pk")
    for user in queryset.iterator(chunk_size=BATCH_SIZE):
        changed += trust_level_recompute(user=user, now=now, site=site)
    return changed
