"""Warnings, silences, suspensions and bans; they take effect at once and end on their own."""

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services.sessions import member_sessions_end
from moderation.enums import ActionKind, CaseOutcome, SanctionKind, TargetKind
from moderation.models import Case, MemberNote, ModerationAction, Rule, Sanction
from moderation.permissions import can_moderate_forum, is_global_moderator
from moderation.services.audit import action_log, rules_snapshot
from moderation.services.cases import lock_case, resolve_locked_case
from moderation.services.content import check_rules
from moderation.services.errors import ModerationError
from moderation.services.notices import notify_member_of_decision
from moderation.standing import lockout_cache_clear, lockout_cache_set

SANCTION_ACTION = {
    SanctionKind.WARNING: ActionKind.WARN,
    SanctionKind.SILENCE: ActionKind.SILENCE,
    SanctionKind.SUSPENSION: ActionKind.SUSPEND,
    SanctionKind.BAN: ActionKind.BAN,
}
MAX_SANCTION_DAYS = 3650
LOCKOUT_KINDS = (SanctionKind.SUSPENSION, SanctionKind.BAN)


def _check_can_sanction(acting_user, member, case: Case | None) -> None:
    if member.pk == acting_user.pk:
        raise ModerationError(_("You can’t sanction yourself."))
    # Forum moderators act on members through cases in their forums; others need global scope.
    if case is not None and can_moderate_forum(acting_user, case.forum_id):
        return
    if not is_global_moderator(acting_user):
        raise ModerationError(_("Only global moderators can sanction members outside a case."))


def member_sanction(
    *,
    member,
    kind: SanctionKind,
    acting_user,
    rules: Sequence[Rule],
    message: str = "",
    reason: str = "",
    duration: timedelta | None = None,
    case: Case | None = None,
    expected_version: int | None = None,
) -> Sanction:
    """Warn, silence, suspend or ban `member`, citing rules; suspensions end their sessions."""
    kind = SanctionKind(kind)
    _check_can_sanction(acting_user, member, case)
    check_rules(SANCTION_ACTION[kind], rules)
    if kind in (SanctionKind.SILENCE, SanctionKind.SUSPENSION):
        if duration is None or duration <= timedelta(0):
            raise ModerationError(_("Choose how long it lasts: a duration in the future."))
        if duration > timedelta(days=MAX_SANCTION_DAYS):
            raise ModerationError(_("That is too long; use a ban instead."))
    now = timezone.now()
    with transaction.atomic():
        if case is not None:
            case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
            resolve_locked_case(
                case, acting_user=acting_user, outcome=CaseOutcome.MEMBER_SANCTIONED
            )
        sanction = Sanction.objects.create(
            member=member,
            kind=kind,
            starts_at=now,
            ends_at=now + duration if duration else None,
            rules=rules_snapshot(rules),
            message=message,
            case=case,
            created_by=acting_user,
        )
        entry = action_log(
            actor=acting_user,
            kind=SANCTION_ACTION[kind],
            case=case,
            target_kind=TargetKind.MEMBER,
            target_id=member.pk,
            member=member,
            forum_id=case.forum_id if case else None,
            rules=rules,
            reason=reason,
            message=message,
            after=_("until %(end)s") % {"end": sanction.ends_at} if sanction.ends_at else "",
        )
        notify_member_of_decision(entry)
        if kind in LOCKOUT_KINDS:
            member_sessions_end(user=member)
            transaction.on_commit(
                lambda: lockout_cache_set(user_id=member.pk, ends_at=sanction.ends_at)
            )
        return sanction


def sanction_lift(*, sanction: Sanction, acting_user, reason: str) -> Sanction:
    """End a sanction early."""
    if not is_global_moderator(acting_user):
        raise ModerationError(_("Only global moderators can lift sanctions."))
    if not reason.strip():
        raise ModerationError(_("Say why the sanction is lifted early."))
    with transaction.atomic():
        sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
        if not sanction.is_active_at(timezone.now()):
            raise ModerationError(_("This sanction has already ended."))
        sanction.lifted_at, sanction.lifted_by = timezone.now(), acting_user
        sanction.save(update_fields=["lifted_at", "lifted_by"])
        if sanction.kind in LOCKOUT_KINDS:
            transaction.on_commit(lambda: lockout_cache_clear(user_id=sanction.member_id))
        action_log(
            actor=acting_user,
            kind=ActionKind.LIFT_SANCTION,
            target_kind=TargetKind.MEMBER,
            target_id=sanction.member_id,
            member=sanction.member,
            reason=reason,
            before=str(sanction),
        )
        return sanction


def member_note_add(*, member, acting_user, text: str) -> MemberNote:
    """Add a private moderator note about a member."""
    if not text.strip():
        raise ModerationError(_("The note is empty."))
    with transaction.atomic():
        note = MemberNote.objects.create(member=member, author=acting_user, text=text.strip())
        action_log(
            actor=acting_user,
            kind=ActionKind.NOTE,
            target_kind=TargetKind.MEMBER,
            target_id=member.pk,
            member=member,
            after=text.strip(),
        )
        return note


def decision_entry_for_member(*, member, entry_id: int) -> ModerationAction | None:
    return ModerationAction.objects.filter(pk=entry_id, member=member).first()
