"""Crisis cases: check-in requests, the response clock, reaching out, outcomes, follow-ups."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from conversations import services as conversation_services
from conversations.permissions import can_ask_check_in_for_message
from moderation.enums import (
    CRISIS_OUTCOMES,
    ActionKind,
    AlertLevel,
    CaseOutcome,
    CasePriority,
    CaseState,
    EvidenceKind,
)
from moderation.helplines import helplines_as_text, helplines_for_member
from moderation.models import Case, CrisisAlert, CrisisFollowUp, SiteSettings
from moderation.services.alerts import crisis_alert_raise
from moderation.services.cases import (
    lock_case,
    log_case_action,
    mark_acted,
    require_open,
    resolve_locked_case,
)
from moderation.services.crisis_evidence import evidence_decide_all
from moderation.services.crisis_signals import crisis_signal_attach, member_open_crisis_case
from moderation.services.errors import ModerationError
from moderation.services.support import support_outreach_send

CHECK_IN_REPEAT_WINDOW = timedelta(hours=1)
FOLLOW_UP_BATCH = 200


def crisis_clock_start_if_needed(*, case: Case) -> bool:
    """Start the response clock of a crisis case that has none running and alert on-call.

    Called inside the caller's transaction whenever a case is opened or raised; returns
    whether a new episode started.
    """
    if case.priority != CasePriority.CRISIS or case.crisis_clock_started_at is not None:
        return False
    case.crisis_clock_started_at = timezone.now()
    case.crisis_episode += 1
    Case.objects.filter(pk=case.pk).update(
        crisis_clock_started_at=case.crisis_clock_started_at, crisis_episode=case.crisis_episode
    )
    crisis_alert_raise(case=case, level=AlertLevel.ON_CALL)
    return True


def crisis_check_in_request(*, member) -> Case:
    """The member asked a moderator to check in: the request joins their one crisis case.

    Recorded (as evidence and in the log) once an hour at most, however often it is pressed.
    """
    with transaction.atomic():
        case = member_open_crisis_case(member)
        if case is not None and _asked_recently(case, kind=ActionKind.CHECK_IN_REQUEST):
            return case
        case = crisis_signal_attach(member=member, kind=EvidenceKind.CHECK_IN)
        log_case_action(case, acting_user=member, kind=ActionKind.CHECK_IN_REQUEST)
        return case


def crisis_check_in_request_for(*, message, asked_by) -> Case:
    """A member who received a message with a crisis signal asks a moderator to check in on
    its sender: the message joins the sender's crisis case. The asker is never named to the
    sender (only the moderators' log records who asked)."""
    if not can_ask_check_in_for_message(asked_by, message):
        raise ModerationError(_("You can ask this only about a message sent to you."))
    member = message.sender
    with transaction.atomic():
        case = member_open_crisis_case(member)
        if (
            case is not None
            and case.evidence.filter(kind=EvidenceKind.PEER_REQUEST, message=message).exists()
        ):
            return case
        case = crisis_signal_attach(
            member=member,
            kind=EvidenceKind.PEER_REQUEST,
            message=message,
            labels=message.screening_labels or (),
            acting_user=asked_by,
        )
        # The console shows a case's messages through these rows, each look logged.
        conversation_services.reported_message_attach(case=case, message=message)
        return case


def _asked_recently(case: Case, *, kind: ActionKind) -> bool:
    return case.actions.filter(
        kind=kind, created_at__gte=timezone.now() - CHECK_IN_REPEAT_WINDOW
    ).exists()


def crisis_cases_overdue(*, level: AlertLevel, now: datetime | None = None):
    """Unclaimed crisis cases whose clock passed this level's limit and not yet alerted."""
    now = now or timezone.now()
    minutes = SiteSettings.load().crisis_response_minutes * int(level)
    raised = CrisisAlert.objects.filter(
        case=OuterRef("pk"), episode=OuterRef("crisis_episode"), level=level
    )
    return (
        Case.objects.filter(
            priority=CasePriority.CRISIS,
            state=CaseState.OPEN,
            crisis_clock_started_at__lte=now - timedelta(minutes=minutes),
        )
        .exclude(Exists(raised))
        .order_by("crisis_clock_started_at")
    )


def crisis_clock_tick(*, now: datetime | None = None) -> int:
    """Escalate unclaimed crisis cases: after N minutes to every moderator and the escalation
    list, after 2N to the operators. Each level once per episode; return alerts raised."""
    raised = 0
    for level in (AlertLevel.ALL_MODERATORS, AlertLevel.OPERATORS):
        for case in crisis_cases_overdue(level=level, now=now)[:500]:
            with transaction.atomic():
                locked = Case.objects.select_for_update().get(pk=case.pk)
                if locked.state != CaseState.OPEN or locked.priority != CasePriority.CRISIS:
                    continue  # Claimed or resolved since the query.
                if crisis_alert_raise(case=locked, level=level) is not None:
                    raised += 1
    return raised


def reach_out_text_for(case: Case) -> str:
    """The operators' reach-out template filled in for this member and their helplines (their
    setting, else their time zone's country, else the operators' default)."""
    template = SiteSettings.load().reach_out_template
    member = case.member
    helplines = helplines_as_text(helplines_for_member(member))
    return template.replace("{handle}", member.handle if member else "").replace(
        "{helplines}", helplines or _("(no helplines are listed yet)")
    )


def crisis_reach_out(
    *, case: Case, acting_user, text: str, expected_version: int | None = None
) -> Case:
    """Write to the member as "the moderators" from the case; the sender claims the case.

    The message opens a conversation the member can answer from their inbox or the help
    panel; their replies come back to this case. Logged on the case (without the text).
    """
    text = text.strip()
    if not text:
        raise ModerationError(_("Write the message to send to the member."))
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
        require_open(case)
        if case.member is None:
            raise ModerationError(_("This case has no member to reach out to."))
        now = timezone.now()
        mark_acted(case, acting_user=acting_user, now=now)
        if case.state == CaseState.OPEN:
            case.state, case.claimed_by, case.claimed_at = CaseState.CLAIMED, acting_user, now
        case.save()
        log_case_action(case, acting_user=acting_user, kind=ActionKind.REACH_OUT)
        support_outreach_send(case=case, acting_user=acting_user, text=text)
        return case


def crisis_case_resolve(
    *,
    case: Case,
    acting_user,
    outcome: CaseOutcome,
    evidence_outcomes: dict | None = None,
    follow_up_at: datetime | None = None,
    follow_up_note: str = "",
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    """Resolve a crisis case with its outcome and one outcome per piece of evidence (applied
    to the posts and messages), optionally scheduling a follow-up check-in."""
    if outcome not in CRISIS_OUTCOMES:
        raise ModerationError(_("Choose how the crisis case ended."))
    if follow_up_at is not None and follow_up_at <= timezone.now():
        raise ModerationError(_("Choose a follow-up time in the future."))
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
        evidence_decide_all(case=case, acting_user=acting_user, outcomes=evidence_outcomes or {})
        resolve_locked_case(case, acting_user=acting_user, outcome=outcome)
        log_case_action(
            case,
            acting_user=acting_user,
            kind=ActionKind.RESOLVE_CRISIS,
            reason=reason,
            after=str(CaseOutcome(outcome).label),
        )
        if follow_up_at is not None:
            CrisisFollowUp.objects.create(
                case=case,
                due_at=follow_up_at,
                note=follow_up_note.strip()[:300],
                created_by=acting_user,
            )
        return case


def crisis_follow_ups_reopen_due(*, now: datetime | None = None) -> int:
    """Reopen the cases whose follow-up check-in is due, as high-priority tasks (no pager:
    the clock stays stopped). Each follow-up reopens once; return how many."""
    now = now or timezone.now()
    due_ids = list(
        CrisisFollowUp.objects.filter(reopened_at__isnull=True, due_at__lte=now).values_list(
            "pk", flat=True
        )[:FOLLOW_UP_BATCH]
    )
    done = 0
    for follow_up_id in due_ids:
        with transaction.atomic():
            follow_up = (
                CrisisFollowUp.objects.select_for_update()
                .filter(pk=follow_up_id, reopened_at__isnull=True)
                .first()
            )
            if follow_up is None:
                continue
            case = Case.objects.select_for_update().get(pk=follow_up.case_id)
            _reopen_for_follow_up(case)
            log_case_action(
                case, acting_user=None, kind=ActionKind.FOLLOW_UP_DUE, reason=follow_up.note
            )
            follow_up.reopened_at = now
            follow_up.save(update_fields=["reopened_at"])
            done += 1
    return done


def _reopen_for_follow_up(case: Case) -> None:
    if case.is_open:
        return  # Already back in the queue (a new report): the log entry is reminder enough.
    case.state, case.outcome = CaseState.OPEN, ""
    case.resolved_at = case.resolved_by = case.claimed_by = case.claimed_at = None
    case.priority = CasePriority.HIGH
    case.crisis_clock_started_at = None
    case.version += 1
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # Another case is open for the same target; the follow-up is logged on this one.
        case.refresh_from_db()


def crisis_erasure_requested(*, member, scheduled_for) -> bool:
    """A member with an open crisis case asked to delete their account: the case records it
    (its priority and clock unchanged; the grace period stands). Returns whether they had one."""
    case = member_open_crisis_case(member)
    if case is None:
        return False
    log_case_action(
        case,
        acting_user=member,
        kind=ActionKind.ERASURE_REQUEST,
        after=_("Account deletion scheduled for %(when)s")
        % {"when": scheduled_for.strftime("%Y-%m-%d %H:%M UTC")},
    )
    return True
