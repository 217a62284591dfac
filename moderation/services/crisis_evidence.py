"""Each piece of a crisis case's evidence ends with its own outcome, applied to its content."""

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.models import Profile
from conversations import services as conversation_services
from forums import services as forum_services
from moderation.enums import ActionKind, EvidenceKind, EvidenceOutcome, TargetKind
from moderation.models import Case, CrisisEvidence
from moderation.services.audit import action_log
from moderation.services.crisis_review import post_crisis_review_end
from moderation.services.errors import ModerationError

SHOWN = (EvidenceOutcome.PUBLISHED, EvidenceOutcome.NO_RISK)
# Items whose outcome applies to their private message: the member's own message with a
# crisis signal, or one another member reported (a request to check in leaves it as it is).
MESSAGE_KINDS = (EvidenceKind.MESSAGE, EvidenceKind.REPORT)


def evidence_undecided(case: Case) -> list[CrisisEvidence]:
    return list(case.evidence.filter(outcome="").select_related("post__thread", "message"))


def evidence_decide_all(
    *, case: Case, acting_user, outcomes: dict, default: EvidenceOutcome | None = None
) -> int:
    """Apply an outcome to every undecided piece of evidence (inside the caller's transaction).

    `outcomes` maps evidence ids to outcomes; `default` fills the others (dismissing a case),
    else a missing one is refused with nothing changed. Returns how many were decided.
    """
    items = evidence_undecided(case)
    chosen = {}
    for item in items:
        value = outcomes.get(item.pk) or outcomes.get(str(item.pk)) or default
        if not value and item.post_id is None and item.message_id is None:
            # A request to check in has no content to act on: answering it is the support.
            value = EvidenceOutcome.SUPPORTED
        if value not in EvidenceOutcome.values:
            raise ModerationError(
                _("Choose an outcome for each item of the case (%(item)s).")
                % {"item": item.get_kind_display()}
            )
        chosen[item.pk] = EvidenceOutcome(value)
    now = timezone.now()
    for item in items:
        _apply(item, outcome=chosen[item.pk], acting_user=acting_user, case=case)
        item.outcome, item.decided_at = chosen[item.pk], now
        item.save(update_fields=["outcome", "decided_at"])
        action_log(
            actor=acting_user,
            kind=ActionKind.RESOLVE_CRISIS,
            case=case,
            target_kind=_target_kind(item),
            target_id=item.post_id or item.message_id or case.member_id,
            member=case.member,
            forum_id=case.forum_id,
            before=str(item.get_kind_display()),
            after=str(chosen[item.pk].label),
        )
    return len(items)


def _target_kind(item: CrisisEvidence) -> TargetKind:
    if item.post_id:
        return TargetKind.POST
    if item.message_id:
        return TargetKind.MESSAGE
    return TargetKind.MEMBER


def _apply(item: CrisisEvidence, *, outcome: EvidenceOutcome, acting_user, case: Case) -> None:
    if item.post_id and item.post is not None:
        _apply_to_post(item.post, outcome=outcome, acting_user=acting_user, case=case)
    elif item.message_id and item.kind in MESSAGE_KINDS and item.message is not None:
        _apply_to_message(item.message, outcome=outcome)
    elif item.kind == EvidenceKind.PROFILE:
        _apply_to_profile(item.case.member_id, outcome=outcome)


def _apply_to_post(post, *, outcome: EvidenceOutcome, acting_user, case: Case) -> None:
    if outcome == EvidenceOutcome.HIDDEN:
        forum_services.post_hide(post=post, acting_user=acting_user)
    elif outcome in SHOWN:
        forum_services.post_release(post=post, acting_user=acting_user)
    # Reviewed either way: visitors no longer see a placeholder for a post left visible.
    post_crisis_review_end(post=post, reviewed_case=case)


def _apply_to_message(message, *, outcome: EvidenceOutcome) -> None:
    if outcome == EvidenceOutcome.HIDDEN:
        conversation_services.message_hold(message_id=message.pk)
    elif outcome in SHOWN:
        conversation_services.message_unhold(message_id=message.pk)


def _apply_to_profile(member_id: int | None, *, outcome: EvidenceOutcome) -> None:
    profile = Profile.objects.select_for_update().filter(user_id=member_id).first()
    if profile is None:
        return
    if outcome == EvidenceOutcome.HIDDEN:
        account_services.profile_text_hold(profile=profile)
    elif outcome in SHOWN:
        account_services.profile_text_release(profile=profile)
