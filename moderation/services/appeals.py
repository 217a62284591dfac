"""Appeals: once per decision, reviewed by a different moderator."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from moderation.enums import (
    RULE_REQUIRED_ACTIONS,
    ActionKind,
    CasePriority,
    CaseSource,
    CaseState,
    TargetKind,
)
from moderation.models import Appeal, Case, ModerationAction
from moderation.services.audit import action_log
from moderation.services.cases import TARGET_FIELD, case_open_or_attach, open_case_for
from moderation.services.errors import ModerationError

APPEALABLE_ACTIONS = RULE_REQUIRED_ACTIONS


def can_appeal(*, member, entry: ModerationAction) -> bool:
    return (
        entry.member_id == member.pk
        and entry.kind in APPEALABLE_ACTIONS
        and not Appeal.objects.filter(action=entry).exists()
    )


def _case_for_appeal(entry: ModerationAction) -> Case:
    """Reopen the decision's case (or join the target's open case); else open a member case."""
    original = entry.case
    target = getattr(original, TARGET_FIELD[original.target_kind]) if original else None
    if target is not None:
        open_case = open_case_for(original.target_kind, target)
        if open_case is not None:
            return open_case
        case = Case.objects.select_for_update().get(pk=original.pk)
        case.state, case.outcome = CaseState.OPEN, ""
        case.resolved_at = case.resolved_by = None
        return case
    return case_open_or_attach(
        target_kind=TargetKind.MEMBER,
        target=entry.member,
        source=CaseSource.APPEAL,
        priority=CasePriority.NORMAL,
        member=entry.member,
        forum_id=entry.forum_id,
        excerpt=str(entry.get_kind_display()),
    )


def appeal_create(*, member, entry: ModerationAction, text: str) -> Appeal:
    """Appeal a decision once: open a case for it that its original moderator cannot review."""
    if not text.strip():
        raise ModerationError(_("Tell the moderators why the decision should be looked at again."))
    if entry.member_id != member.pk or entry.kind not in APPEALABLE_ACTIONS:
        raise ModerationError(_("This decision can’t be appealed."))
    with transaction.atomic():
        case = _case_for_appeal(entry)
        case.excluded_moderator_id = entry.actor_id
        case.claimed_by = case.claimed_at = None
        case.state = CaseState.OPEN
        case.version += 1
        case.save()
        try:
            with transaction.atomic():
                appeal = Appeal.objects.create(
                    action=entry, member=member, text=text.strip(), case=case
                )
        except IntegrityError as exc:
            raise ModerationError(_("You have already appealed this decision.")) from exc
        action_log(
            actor=member,
            kind=ActionKind.APPEAL,
            case=case,
            target_kind=case.target_kind,
            target_id=entry.target_id,
            member=member,
            forum_id=entry.forum_id,
            after=text.strip(),
        )
        return appeal
