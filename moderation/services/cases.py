"""Opening, claiming, resolving and reopening cases."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.models import Profile
from conversations import services as conversation_services
from forums import services as forum_services
from forums.models import Post
from moderation.enums import (
    ActionKind,
    CaseOutcome,
    CasePriority,
    CaseSource,
    CaseState,
    EvidenceOutcome,
    TargetKind,
)
from moderation.models import OPEN_STATES, Case
from moderation.permissions import check_act_on_case
from moderation.services.audit import action_log
from moderation.services.crisis_evidence import evidence_decide_all
from moderation.services.crisis_review import case_crisis_review_end
from moderation.services.errors import ModerationError

TARGET_FIELD = {
    TargetKind.POST: "post",
    TargetKind.THREAD: "thread",
    TargetKind.MEMBER: "member",
    TargetKind.MESSAGE: "message",
}


def open_case_for(target_kind: TargetKind, target) -> Case | None:
    lookup = {TARGET_FIELD[target_kind]: target}
    return (
        Case.objects.select_for_update()
        .filter(target_kind=target_kind, state__in=OPEN_STATES, **lookup)
        .first()
    )


def case_open_or_attach(
    *,
    target_kind: TargetKind,
    target,
    source: CaseSource,
    priority: CasePriority,
    member=None,
    forum_id: int | None = None,
    excerpt: str = "",
) -> Case:
    """Return the open case for `target` (raising its priority if needed), or open a new one."""
    with transaction.atomic():
        case = open_case_for(target_kind, target)
        if case is None:
            fields = {
                "target_kind": target_kind,
                "source": source,
                "priority": priority,
                "member": member,
                "forum_id": forum_id,
                "excerpt": excerpt[:300],
                TARGET_FIELD[target_kind]: target,
            }
            try:
                with transaction.atomic():
                    case = Case.objects.create(**fields)
            except IntegrityError:
                # Another report opened the case a moment ago: join it.
                case = open_case_for(target_kind, target)
            else:
                _start_crisis_clock(case)
                return case
        if priority > case.priority:
            case.priority = priority
            case.version = F("version") + 1
            case.save(update_fields=["priority", "version"])
            case.refresh_from_db()
        _start_crisis_clock(case)
        return case


def _start_crisis_clock(case: Case) -> None:
    # A crisis signal (screening, an at-risk report, a check-in request) alerts on-call now.
    from moderation.services.crisis import crisis_clock_start_if_needed  # noqa: PLC0415  (moderation.services.crisis imports this module)

    crisis_clock_start_if_needed(case=case)


def lock_case(*, case: Case, acting_user, expected_version: int | None) -> Case:
    """Lock the case row, refusing a stale form or a case outside the moderator's forums."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    check_act_on_case(acting_user, locked)
    if expected_version is not None and locked.version != expected_version:
        raise ModerationError(
            _(
                "Someone else acted on this case while you were reading it. "
                "Nothing was changed: review the case again before acting."
            )
        )
    return locked


def require_open(case: Case) -> None:
    if not case.is_open:
        who = case.resolved_by.handle if case.resolved_by else _("another moderator")
        raise ModerationError(
            _("This case was already resolved by %(who)s. Reopen it to act again.") % {"who": who}
        )


def mark_acted(case: Case, *, acting_user, now=None) -> None:
    """Record the first moderator action and bump the version (the caller saves)."""
    now = now or timezone.now()
    if case.first_action_at is None:
        case.first_action_at = now
    case.version += 1


def _excluded(case: Case, acting_user) -> None:
    if case.excluded_moderator_id and case.excluded_moderator_id == acting_user.pk:
        raise ModerationError(
            _("This is an appeal of your own decision: another moderator needs to review it.")
        )


def case_claim(*, case: Case, acting_user, expected_version: int | None = None) -> Case:
    """Claim an open case so other moderators know it is being handled."""
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
        require_open(case)
        _excluded(case, acting_user)
        if case.state == CaseState.CLAIMED and case.claimed_by_id == acting_user.pk:
            return case
        now = timezone.now()
        mark_acted(case, acting_user=acting_user, now=now)
        case.state, case.claimed_by, case.claimed_at = CaseState.CLAIMED, acting_user, now
        case.save()
        log_case_action(case, acting_user=acting_user, kind=ActionKind.CLAIM)
        return case


def log_case_action(case: Case, *, acting_user, kind: ActionKind, **details):
    """Log an action on the case itself (claim, dismiss, reopen, escalate, reach out, ...).

    `details` are action_log's text fields: reason, message, before, after.
    """
    return action_log(
        actor=acting_user,
        kind=kind,
        case=case,
        target_kind=case.target_kind,
        target_id=case_target_id(case),
        member=case.member,
        forum_id=case.forum_id,
        **details,
    )


def case_target_id(case: Case) -> int | None:
    return getattr(case, f"{TARGET_FIELD[case.target_kind]}_id")


def resolve_locked_case(case: Case, *, acting_user, outcome: CaseOutcome) -> None:
    """Resolve an already locked case (inside the caller's transaction).

    Whatever the outcome, a moderator has now reviewed the posts the case holds: visitors see
    their text (and title) again unless another open crisis case still holds them.
    """
    require_open(case)
    _excluded(case, acting_user)
    now = timezone.now()
    mark_acted(case, acting_user=acting_user, now=now)
    case.state, case.outcome = CaseState.RESOLVED, outcome
    case.resolved_at, case.resolved_by = now, acting_user
    case.save()
    case_crisis_review_end(case=case)


def case_dismiss(
    *, case: Case, acting_user, reason: str = "", expected_version: int | None = None
) -> Case:
    """Resolve a case with no action on the content.

    "No action needed" means the content is fine: a post, a profile text or a private message
    held on this case is shown again, rather than staying hidden with no open case left to
    release it. `case.released_held_content` says whether that happened.
    """
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
        require_open(case)
        # Crisis evidence left undecided was read and found to need nothing.
        evidence_decide_all(
            case=case, acting_user=acting_user, outcomes={}, default=EvidenceOutcome.NO_RISK
        )
        resolve_locked_case(case, acting_user=acting_user, outcome=CaseOutcome.DISMISSED)
        log_case_action(case, acting_user=acting_user, kind=ActionKind.DISMISS, reason=reason)
        case.released_held_content = _release_held_content(case, acting_user=acting_user)
        return case


def _release_held_content(case: Case, *, acting_user) -> bool:
    if case.target_kind in (TargetKind.POST, TargetKind.THREAD):
        if case.target_kind == TargetKind.POST:
            post = Post.objects.filter(pk=case.post_id).first()
        else:  # a held thread is released with its opening post
            post = Post.objects.filter(thread_id=case.thread_id, position=1).first()
        return post is not None and forum_services.post_release(post=post, acting_user=acting_user)
    if case.target_kind == TargetKind.MEMBER and case.member_id:
        profile = Profile.objects.select_for_update().filter(user_id=case.member_id).first()
        return profile is not None and account_services.profile_text_release(profile=profile)
    if case.target_kind == TargetKind.MESSAGE and case.message_id:
        return conversation_services.message_unhold(message_id=case.message_id)
    return False


def case_reopen(*, case: Case, acting_user, reason: str = "") -> Case:
    """Reopen a resolved case (unless another case is already open for the same target)."""
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=None)
        if case.is_open:
            raise ModerationError(_("This case is already open."))
        case.state, case.outcome = CaseState.OPEN, ""
        case.resolved_at = case.resolved_by = case.claimed_by = case.claimed_at = None
        case.version += 1
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError as exc:
            raise ModerationError(
                _("Another case is already open for this content; continue there.")
            ) from exc
        log_case_action(case, acting_user=acting_user, kind=ActionKind.REOPEN, reason=reason)
        return case


def case_escalate(
    *, case: Case, acting_user, reason: str, expected_version: int | None = None
) -> Case:
    """Flag a case for the operators' attention; it stays open and rises to high priority."""
    if not reason.strip():
        raise ModerationError(_("Say why the operators need to look at this case."))
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
        require_open(case)
        mark_acted(case, acting_user=acting_user)
        case.is_escalated = True
        case.priority = max(case.priority, CasePriority.HIGH)
        case.save()
        log_case_action(case, acting_user=acting_user, kind=ActionKind.ESCALATE, reason=reason)
        return case


def case_open_for_held_post(*, post) -> Case:
    """Queue a post held for review (a new member's first posts) as a normal-priority case."""
    return case_open_or_attach(
        target_kind=TargetKind.POST,
        target=post,
        source=CaseSource.HELD_POST,
        priority=CasePriority.NORMAL,
        member=post.author,
        forum_id=post.thread.forum_id,
        excerpt=post.body[:300],
    )
