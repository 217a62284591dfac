"""Moderators' decisions on private messages, and members' reports of them.

The message rows are conversations'; every change to them goes through conversations.services.
What is written here is moderation's own: the report, the case, the audit entry, the notice.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from conversations import services as conversation_services
from moderation.enums import ActionKind, CaseOutcome, TargetKind
from moderation.services.audit import action_log
from moderation.services.cases import lock_case, resolve_locked_case
from moderation.services.errors import ModerationError
from moderation.services.notices import notify_member_of_decision
from moderation.services.reports import report_create


def message_report_file(*, reporter, message, reason, rule=None, note: str = ""):
    """File a member's report on one message, attached to the message's open case."""
    return report_create(
        reporter=reporter,
        target_kind=TargetKind.MESSAGE,
        target=message,
        reason=reason,
        rule=rule,
        note=note,
    )


def _message_case_action(*, case, acting_user, kind, reason: str = "", rules=(), message: str = ""):
    # No before/after snapshot: the audit log is not encrypted, so it never holds message text.
    return action_log(
        actor=acting_user,
        kind=kind,
        case=case,
        target_kind=TargetKind.MESSAGE,
        target_id=case.message_id,
        member=case.member,
        rules=rules,
        reason=reason,
        message=message,
    )


def message_release(*, case, acting_user, expected_version=None, reason: str = "") -> None:
    """Deliver a message screening held, and resolve its case as approved."""
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
        conversation_services.message_unhold(message_id=case.message_id)
        resolve_locked_case(case, acting_user=acting_user, outcome=CaseOutcome.APPROVED)
        _message_case_action(
            case=case, acting_user=acting_user, kind=ActionKind.RELEASE_MESSAGE, reason=reason
        )


def message_remove(
    *, case, acting_user, rules=(), reason: str = "", expected_version=None, message: str = ""
) -> None:
    """Remove a message from its conversation (the others see "removed by the moderators");
    its sender is told which rules, and may appeal once."""
    if not rules:
        raise ModerationError(_("Cite the rule the message breaks."))
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
        conversation_services.message_take_down(message_id=case.message_id)
        resolve_locked_case(case, acting_user=acting_user, outcome=CaseOutcome.CONTENT_ACTIONED)
        entry = _message_case_action(
            case=case,
            acting_user=acting_user,
            kind=ActionKind.REMOVE_MESSAGE,
            reason=reason,
            rules=rules,
            message=message,
        )
        notify_member_of_decision(entry)


def moderator_view_log(*, case, acting_user, message_ids) -> None:
    """Write one audit entry per message a moderator is shown (append-only, same request)."""
    with transaction.atomic():
        for message_id in message_ids:
            action_log(
                actor=acting_user,
                kind=ActionKind.VIEW_MESSAGE,
                case=case,
                target_kind=TargetKind.MESSAGE,
                target_id=message_id,
                member=case.member,
            )
