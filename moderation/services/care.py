"""Peer support and care for moderators: supporters' check-in requests, handing claims back."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.enums import ActionKind, CasePriority, CaseSource, CaseState, TargetKind
from moderation.models import Case
from moderation.permissions import check_request_check_in_for
from moderation.services.cases import case_open_or_attach, log_case_action

SUPPORTER_REQUEST_REPEAT_WINDOW = timedelta(hours=1)
CHECK_IN_NOTE_MAX_LENGTH = 500


def check_in_request_for_member(*, supporter, member, note: str = "") -> Case:
    """A peer supporter asks a moderator to check in on `member`: open or raise a high-priority
    case about them, logged with the supporter's note (moderators only) once an hour at most.

    The member never learns who asked. Raises PermissionDenied for anyone but a supporter.
    """
    check_request_check_in_for(supporter, member)
    with transaction.atomic():
        case = case_open_or_attach(
            target_kind=TargetKind.MEMBER,
            target=member,
            source=CaseSource.CHECK_IN,
            priority=CasePriority.HIGH,
            member=member,
            excerpt=_("A peer supporter asked a moderator to check in with this member."),
        )
        recently = case.actions.filter(
            kind=ActionKind.CHECK_IN_REQUEST,
            actor=supporter,
            created_at__gte=timezone.now() - SUPPORTER_REQUEST_REPEAT_WINDOW,
        ).exists()
        if not recently:
            log_case_action(
                case,
                acting_user=supporter,
                kind=ActionKind.CHECK_IN_REQUEST,
                reason=note.strip()[:CHECK_IN_NOTE_MAX_LENGTH],
            )
        return case


def case_claims_release(*, acting_user) -> int:
    """Hand every case `acting_user` has claimed back to the queue (open, unclaimed), with an
    audit entry each; return how many. A crisis case keeps its clock, so if nobody picks it up
    it escalates as any unclaimed crisis case does."""
    released = 0
    with transaction.atomic():
        cases = Case.objects.select_for_update().filter(
            state=CaseState.CLAIMED, claimed_by=acting_user
        )
        for case in cases:
            case.state, case.claimed_by, case.claimed_at = CaseState.OPEN, None, None
            case.version += 1
            case.save(update_fields=["state", "claimed_by", "claimed_at", "version"])
            log_case_action(case, acting_user=acting_user, kind=ActionKind.RELEASE_CLAIM)
            released += 1
    return released
