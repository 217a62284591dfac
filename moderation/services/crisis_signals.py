"""One crisis case per person: every crisis signal from a member joins their one open case.

A post, an edit, a private message, profile text, a check-in request, another member asking
us to check in, or another member's at-risk report each become a `CrisisEvidence` row on the
member's case, with its own outcome.
A signal after the case was resolved opens a new case that points back at the earlier one.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import services as account_services
from forums import services as forum_services
from moderation.enums import (
    EVIDENCE_FROM_OTHERS,
    ActionKind,
    CasePriority,
    CaseSource,
    CaseState,
    EvidenceKind,
    TargetKind,
)
from moderation.models import Case, CrisisEvidence, SiteSettings
from moderation.services.cases import case_open_or_attach, log_case_action

# Labels (and C-SSRS tiers, from the tiered screening library) that mean a plan, the means or
# a time: the emergency number then comes first in the member's help.
ACUTE_LABELS = frozenset({"crisis.plan", "crisis.means", "crisis.intent"})
ACUTE_TIERS = frozenset({"behaviour", "imminent"})
# Finality cues such as "tonight" count as a time only alongside another crisis signal.
TIME_WORDS = ("tonight", "today", "this weekend", "tomorrow", "at midnight", "on friday")

EXCERPTS = {
    EvidenceKind.POST: _("A post with a crisis signal"),
    EvidenceKind.EDIT: _("An edited post with a crisis signal"),
    EvidenceKind.MESSAGE: _("A private message with a crisis signal"),
    EvidenceKind.PROFILE: _("Profile text with a crisis signal"),
    EvidenceKind.CHECK_IN: _("The member asked a moderator to check in with them."),
    EvidenceKind.PEER_REQUEST: _("Another member asked a moderator to check in on this member."),
    EvidenceKind.REPORT: _("Another member reported they are worried about this member."),
}
SOURCES = {
    EvidenceKind.CHECK_IN: CaseSource.CHECK_IN,
    EvidenceKind.PEER_REQUEST: CaseSource.CHECK_IN,
    EvidenceKind.REPORT: CaseSource.REPORT,
}


def signals_are_acute(signals, *, text: str = "", tier: str = "") -> bool:
    """Whether screening signals (dicts or labels) name a plan, the means or a time."""
    if tier in ACUTE_TIERS:
        return True
    labels = {signal["label"] if isinstance(signal, dict) else str(signal) for signal in signals}
    if labels & ACUTE_LABELS:
        return True
    lowered = text.lower()
    return any(label.startswith("crisis.") for label in labels) and any(
        word in lowered for word in TIME_WORDS
    )


def crisis_help_window_open(*, member, is_acute: bool) -> None:
    """Show the member the help bar for the operators' window from now."""
    hours = SiteSettings.load().crisis_help_hours
    account_services.user_crisis_help_extend(
        user=member, until=timezone.now() + timedelta(hours=hours), is_acute=is_acute
    )


def _earlier_case(member, *, case: Case) -> Case | None:
    return (
        Case.objects.filter(member=member, state=CaseState.RESOLVED, crisis_episode__gt=0)
        .exclude(pk=case.pk)
        .order_by("-resolved_at")
        .first()
    )


def crisis_signal_attach(
    *,
    member,
    kind: EvidenceKind,
    post=None,
    message=None,
    revision: int = 0,
    labels=(),
    is_acute: bool = False,
    acting_user=None,
    priority: CasePriority = CasePriority.CRISIS,
) -> Case:
    """Attach a crisis signal to the member's one open crisis case (opening it if needed).

    Writes the evidence row, logs a later signal on the case, keeps the member's help bar up
    and, for a post, marks it for review so visitors see a placeholder meanwhile.
    """
    with transaction.atomic():
        case = case_open_or_attach(
            target_kind=TargetKind.MEMBER,
            target=member,
            source=SOURCES.get(kind, CaseSource.SCREENING),
            priority=priority,
            member=member,
            forum_id=post.thread.forum_id if post is not None else None,
            excerpt=str(EXCERPTS[kind]),
        )
        is_first = not case.evidence.exists()
        if is_first and case.previous_case_id is None:
            earlier = _earlier_case(member, case=case)
            if earlier is not None:
                Case.objects.filter(pk=case.pk).update(previous_case=earlier)
                case.previous_case = earlier
        CrisisEvidence.objects.create(
            case=case,
            kind=kind,
            post=post,
            message=message,
            revision=revision,
            labels=sorted(set(labels)),
            is_acute=is_acute,
        )
        if not is_first:
            log_case_action(
                case,
                acting_user=acting_user,
                kind=ActionKind.CRISIS_SIGNAL,
                after=str(EvidenceKind(kind).label),
            )
        if kind not in EVIDENCE_FROM_OTHERS:
            crisis_help_window_open(member=member, is_acute=is_acute)
        if post is not None:
            forum_services.post_set_crisis_review(post=post, is_pending=True)
        return case


def member_open_crisis_case(member) -> Case | None:
    """The member's open crisis case, if any."""
    return (
        Case.objects.filter(
            member=member,
            target_kind=TargetKind.MEMBER,
            state__in=(CaseState.OPEN, CaseState.CLAIMED),
            priority=CasePriority.CRISIS,
        )
        .select_related("claimed_by")
        .first()
    )
