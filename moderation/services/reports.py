"""Member reports: each joins the open case for its target, or, when a member is worried about
someone whose crisis case is open, that one case."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.enums import TrustLevel
from moderation.enums import (
    REASON_PRIORITY,
    CasePriority,
    CaseSource,
    EvidenceKind,
    ReportReason,
    TargetKind,
)
from moderation.models import Case, Report, Rule
from moderation.services.cases import case_open_or_attach
from moderation.services.crisis_signals import crisis_signal_attach, member_open_crisis_case
from moderation.services.errors import ReportRefused

EXCERPT_LENGTH = 280


def _raised_for_trusted(priority: CasePriority, reporter) -> CasePriority:
    # Trusted members' reports carry more weight: one step up, never past high.
    if reporter.trust_level == TrustLevel.TRUSTED and priority < CasePriority.HIGH:
        return CasePriority(priority + 10)
    return priority


def _describe_target(target_kind: TargetKind, target) -> tuple:
    """Return (subject member, forum id, excerpt, is_removed) for a report target."""
    if target_kind == TargetKind.POST:
        return (
            target.author,
            target.thread.forum_id,
            target.body[:EXCERPT_LENGTH],
            target.is_removed,
        )
    if target_kind == TargetKind.THREAD:
        return target.author, target.forum_id, target.title, target.status == "removed"
    if target_kind == TargetKind.MESSAGE:
        # No excerpt: the case row is not encrypted, so it never holds message text.
        return target.sender, None, "", target.status in ("removed", "erased")
    return target, None, "", not target.is_active


def report_create(
    *,
    reporter,
    target_kind: TargetKind,
    target,
    reason: ReportReason,
    rule: Rule | None = None,
    note: str = "",
) -> Report:
    """File a report and attach it to the target's open case (opening one if needed); an
    at-risk report about a member with an open crisis case joins that case as evidence.

    Assumes the caller checked that the reporter may see the target.
    """
    member, forum_id, excerpt, is_removed = _describe_target(target_kind, target)
    if member is not None and member.pk == reporter.pk:
        raise ReportRefused(
            _("You can’t report yourself or your own posts. You can edit or delete your posts.")
        )
    if is_removed:
        raise ReportRefused(_("This has already been removed by the moderators or its author."))
    if reason == ReportReason.BREAKS_RULE and rule is None:
        raise ReportRefused(_("Please choose which rule it breaks."))
    priority = _raised_for_trusted(REASON_PRIORITY[ReportReason(reason)], reporter)
    with transaction.atomic():
        case = None
        if reason == ReportReason.AT_RISK and member is not None:
            case = _join_open_crisis_case(
                reporter=reporter, member=member, target_kind=target_kind, target=target
            )
        if case is None:
            case = case_open_or_attach(
                target_kind=target_kind,
                target=target,
                source=CaseSource.REPORT,
                priority=priority,
                member=member,
                forum_id=forum_id,
                excerpt=excerpt,
            )
        return Report.objects.create(
            case=case,
            reporter=reporter,
            reason=reason,
            rule=rule if reason == ReportReason.BREAKS_RULE else None,
            note=note.strip(),
            is_from_trusted_member=reporter.trust_level == TrustLevel.TRUSTED,
        )


def _reported_content(target_kind: TargetKind, target) -> tuple:
    """(post, message) a report is about: a thread's is its opening post; a member's, none."""
    if target_kind == TargetKind.POST:
        return target, None
    if target_kind == TargetKind.THREAD:
        return target.posts.filter(position=1).first(), None
    if target_kind == TargetKind.MESSAGE:
        return None, target
    return None, None


def _join_open_crisis_case(*, reporter, member, target_kind: TargetKind, target) -> Case | None:
    """Attach an at-risk report to `member`'s open crisis case as evidence, or return None
    when they have none. One case per person: the moderator handling them sees that someone
    is worried, beside the rest; the member never learns who (or that anyone) reported."""
    case = member_open_crisis_case(member)
    if case is None:
        return None
    post, message = _reported_content(target_kind, target)
    # Several members worried about the same post make one item to decide (and as many reports).
    undecided = case.evidence.filter(kind=EvidenceKind.REPORT, post=post, message=message)
    if undecided.filter(outcome="").exists():
        return case
    return crisis_signal_attach(
        member=member,
        kind=EvidenceKind.REPORT,
        post=post,
        message=message,
        acting_user=reporter,
    )
