"""Member reports: each joins the open case for its target."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.enums import TrustLevel
from moderation.enums import REASON_PRIORITY, CasePriority, CaseSource, ReportReason, TargetKind
from moderation.models import Report, Rule
from moderation.services.cases import case_open_or_attach
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
    """File a report and attach it to the target's open case (opening one if needed).

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
