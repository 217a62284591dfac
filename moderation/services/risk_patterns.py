"""The person-level view of screening: one check-in case when a member's recent posts form a
pattern (several at the ideation tier or above, or distress rising to ideation)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation import screening
from moderation.enums import CasePriority, CaseSource, RiskTier, TargetKind
from moderation.models import OPEN_STATES, Case, ForumScreeningSettings, ScreeningResult
from moderation.services.cases import case_open_or_attach

RISK_TIERS = (RiskTier.DISTRESS, RiskTier.IDEATION, RiskTier.BEHAVIOUR, RiskTier.IMMINENT)
MAX_POSTS = 50  # the newest screened posts looked at: a pattern shows well within them


def pattern_window_for(forum) -> timedelta:
    """The operators' window for `forum` (14 days unless set)."""
    try:
        return timedelta(days=forum.screening_settings.pattern_window_days)
    except ForumScreeningSettings.DoesNotExist:
        return screening.DEFAULT_WINDOW


def _recent_risk(*, member, since):
    """(post id, written at, tier) of the member's latest screened revision per post."""
    rows = (
        ScreeningResult.objects.filter(
            post__author=member, post__created_at__gte=since, tier__in=RISK_TIERS
        )
        .order_by("-created_at")
        .values_list("post_id", "post__created_at", "tier")[: MAX_POSTS * 2]
    )
    latest: dict[int, tuple] = {}
    for post_id, written_at, tier in rows:
        latest.setdefault(post_id, (post_id, written_at, tier))
    return list(latest.values())[:MAX_POSTS]


def _excerpt(posts, kind: str) -> str:
    listed = ", ".join(f"#{post_id} ({tier})" for post_id, _, tier in posts)
    what = (
        _("several posts at the ideation tier or above")
        if kind == "repeated_ideation"
        else (_("distress rising to ideation"))
    )
    # Post numbers and tiers only: the posts are the evidence, read on their own pages.
    return _("Pattern across recent posts: %(what)s. Posts %(posts)s.") % {
        "what": what,
        "posts": listed,
    }


def member_pattern_check(*, member, forum, now=None) -> Case | None:
    """Open (or join) one check-in case for `member` when their recent posts form a pattern.

    A priority case, never an on-call page. Once a moderator has resolved a pattern case, no
    new one opens for posts it already covered (they were seen).
    """
    if member is None:
        return None
    now = now or timezone.now()
    since = now - pattern_window_for(forum)
    resolved = (
        Case.objects.filter(target_kind=TargetKind.MEMBER, member=member, source=CaseSource.PATTERN)
        .exclude(state__in=OPEN_STATES)
        .order_by("-resolved_at")
        .values_list("resolved_at", flat=True)
        .first()
    )
    if resolved is not None:
        since = max(since, resolved)
    posts = _recent_risk(member=member, since=since)
    found = screening.find_pattern(
        [(at, tier) for _, at, tier in posts], now=now, window=now - since
    )
    if found is None:
        return None
    evidence = sorted((posts[i] for i in found.posts), key=lambda p: p[1])
    with transaction.atomic():
        return case_open_or_attach(
            target_kind=TargetKind.MEMBER,
            target=member,
            source=CaseSource.PATTERN,
            priority=CasePriority.HIGH,
            member=member,
            forum_id=forum.pk,
            excerpt=_excerpt(evidence, found.kind),
        )
