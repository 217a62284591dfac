"""Screening of member profile text (about me, pronouns): the save-time precheck, the worker's
full pass and applying its verdict.

What a verdict does to a profile:
- allow: nothing; a hold from an earlier revision is lifted (the text it held is gone).
- flag: a case about the member, with the evidence; the text stays visible.
- hold, block, or screening failed: the text fields are hidden from everyone but the member and
  moderators until a moderator approves them or dismisses the member's case (or the member
  changes them and the new text passes). The member sees a notice on their profile.
- crisis: a crisis-priority case about the member; the text stays visible (profiles have no
  forum, so no forum's crisis policy applies, and hiding it would not help the member).
"""

import logging

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.errors import ProfileNeedsConfirmation, ProfileTextRefused
from accounts.models import Profile
from moderation import screening
from moderation.enums import (
    ActionKind,
    CaseOutcome,
    CasePriority,
    CaseSource,
    EvidenceKind,
    ScreeningVerdict,
    TargetKind,
)
from moderation.models import ScreeningResult, WatchedWord
from moderation.screening.types import ACTION_SEVERITY
from moderation.services.audit import action_log
from moderation.services.cases import case_open_or_attach, lock_case, resolve_locked_case
from moderation.services.crisis_signals import crisis_signal_attach, signals_are_acute
from moderation.services.errors import ModerationError
from moderation.services.screening import CASE_PRIORITY, SWEEP_AFTER, screening_error_signal

logger = logging.getLogger(__name__)

# The profile fields holding free text, in the order they are screened and shown.
PROFILE_TEXT_FIELDS = ("about_me", "pronouns")
HOLDING_VERDICTS = (ScreeningVerdict.HOLD, ScreeningVerdict.BLOCK, ScreeningVerdict.FAILED)


def profile_screening_rules() -> tuple:
    """The site-wide watched words (forum-specific ones and condition rules do not apply)."""
    words = WatchedWord.objects.filter(is_active=True, forum__isnull=True)
    return tuple(word.as_rule() for word in words)


def _context(user) -> screening.ScreeningContext:
    return screening.ScreeningContext(
        author_trust=user.trust_level if user else "member", forum_slug=None
    )


def _contact_message(verdict) -> str:
    labels = {signal.label for signal in verdict.signals if signal.category == "pii"}
    what = _("a phone number") if "pii.phone" in labels else _("an email address")
    if not labels & {"pii.phone", "pii.email"}:
        what = _("contact details or someone's identity")
    return _(
        "“About me” looks like it contains %(what)s. Other members may see your profile, and "
        "contact details move support off the platform, where moderators can help. Tick "
        "“Save anyway” to keep it, or edit the text."
    ) % {"what": what}


def profile_precheck(
    *, user, texts: dict[str, str], confirmed_personal_info: bool = False
) -> tuple[dict[str, str], bool]:
    """Run the fast screeners on changed profile text: refuse blocked words, ask to confirm
    contact details in “about me”, apply watched-word replacements. Return the texts to save
    and whether they contain crisis language. Raises ProfileTextRefused or
    ProfileNeedsConfirmation; nothing is saved and the member's text is untouched."""
    rules = profile_screening_rules()
    verdicts = {
        field: screening.precheck(text, _context(user), rules)
        for field, text in texts.items()
        if text
    }
    blocked = [reason for v in verdicts.values() if v.action == "block" for reason in v.reasons]
    if blocked:
        raise ProfileTextRefused(
            _(
                "Your profile can’t be saved as written: it contains something this community "
                "doesn’t allow (%(reasons)s). Your text is kept below so you can change it."
            )
            % {"reasons": "; ".join(blocked)}
        )
    about = verdicts.get("about_me")
    if about is not None and about.requires_confirmation_for_pii and not confirmed_personal_info:
        raise ProfileNeedsConfirmation(_contact_message(about))
    cleaned = {
        field: (
            verdicts[field].replaced_text
            if field in verdicts and verdicts[field].replaced_text is not None
            else text
        )
        for field, text in texts.items()
    }
    return cleaned, any(v.is_crisis for v in verdicts.values())


# --- The worker's full pass ---------------------------------------------------------------------


def _full_verdict(profile):
    rules = profile_screening_rules()
    action, signals, versions = "allow", [], {}
    for field in PROFILE_TEXT_FIELDS:
        text = getattr(profile, field)
        if not text:
            continue
        verdict = screening.screen(text, _context(profile.user), rules)
        signals += [{**signal.to_dict(), "field": field} for signal in verdict.signals]
        versions = verdict.screener_versions
        if ACTION_SEVERITY[verdict.action] > ACTION_SEVERITY[action]:
            action = verdict.action
    return action, signals, versions


def profile_screen(*, profile_id: int, revision: int) -> ScreeningResult | None:
    """Screen one revision of a profile's text in full and apply the verdict (idempotent)."""
    profile = Profile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or profile.text_revision != revision:
        return None  # erased, or changed since: the newer revision has its own task
    existing = ScreeningResult.objects.filter(profile=profile, revision=revision).first()
    if existing is not None:
        return existing
    action, signals, versions = _full_verdict(profile)
    return profile_screening_apply(
        profile=profile, revision=revision, action=action, signals=signals, versions=versions
    )


@transaction.atomic
def profile_screening_apply(
    *, profile, revision: int, action: str, signals: list, versions: dict
) -> ScreeningResult:
    """Store the result and act on it: a case about the member, a hold on the text, or
    nothing (lifting an earlier hold)."""
    profile = Profile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    # A second delivery of the same task waits for the lock, then applies nothing.
    existing = ScreeningResult.objects.filter(profile=profile, revision=revision).first()
    if existing is not None:
        return existing
    failed = any(signal["label"] == "screening.error" for signal in signals)
    verdict = ScreeningVerdict.FAILED if failed else ScreeningVerdict(action)
    case = None
    if verdict == ScreeningVerdict.CRISIS:
        labels = [signal["label"] for signal in signals if signal["label"].startswith("crisis.")]
        case = crisis_signal_attach(
            member=profile.user,
            kind=EvidenceKind.PROFILE,
            revision=revision,
            labels=labels,
            is_acute=signals_are_acute(labels),
        )
    elif verdict != ScreeningVerdict.ALLOW:
        case = case_open_or_attach(
            target_kind=TargetKind.MEMBER,
            target=profile.user,
            source=CaseSource.SCREENING,
            priority=CASE_PRIORITY.get(action, CasePriority.HIGH),
            member=profile.user,
            # No profile text in the case row: the evidence lives on the screening result,
            # which goes with the profile when the member erases their account.
            excerpt=_("Screening of this member’s profile text (%(fields)s)")
            % {"fields": ", ".join(_field_labels(signals))},
        )
    if verdict in HOLDING_VERDICTS:
        account_services.profile_text_hold(profile=profile)
    elif verdict == ScreeningVerdict.ALLOW:
        account_services.profile_text_release(profile=profile)
    return ScreeningResult.objects.create(
        profile=profile,
        revision=revision,
        verdict=verdict,
        signals=signals,
        screener_versions=versions,
        case=case,
    )


def _field_labels(signals: list) -> list[str]:
    labels = {"about_me": _("about me"), "pronouns": _("pronouns")}
    fields = {signal.get("field") for signal in signals}
    return [str(labels[field]) for field in PROFILE_TEXT_FIELDS if field in fields]


def profile_screening_failed(
    *, profile_id: int, revision: int, error: str
) -> ScreeningResult | None:
    """Dead letter: after the last retry, hold the profile text and open a case."""
    profile = Profile.objects.filter(pk=profile_id).first()
    if profile is None or profile.text_revision != revision:
        return None
    if ScreeningResult.objects.filter(profile=profile, revision=revision).exists():
        return None
    # Never the profile text in logs: only ids and the exception class.
    logger.error("screening failed for profile %s revision %s: %s", profile_id, revision, error)
    return profile_screening_apply(
        profile=profile,
        revision=revision,
        action="hold",
        signals=[screening_error_signal(error, field="about_me")],
        versions={},
    )


def profiles_awaiting_screening(*, now=None):
    """(profile id, text revision) of profiles whose current text has no screening result
    more than two minutes after it was saved."""
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    screened = ScreeningResult.objects.filter(
        profile=OuterRef("pk"), revision=OuterRef("text_revision")
    )
    return (
        Profile.objects.filter(text_revision__gt=0, updated_at__lt=cutoff)
        .exclude(Exists(screened))
        .values_list("pk", "text_revision")
    )


def profile_text_approve(*, case, acting_user, expected_version: int | None = None):
    """Approve a member's held profile text: show it again and resolve the case as approved."""
    if case.target_kind != TargetKind.MEMBER or case.member is None:
        raise ModerationError(_("This case is not about a member’s profile."))
    with transaction.atomic():
        case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
        profile = Profile.objects.select_for_update().filter(user=case.member).first()
        if profile is None or not profile.is_text_held:
            raise ModerationError(_("This member’s profile text is not held."))
        resolve_locked_case(case, acting_user=acting_user, outcome=CaseOutcome.APPROVED)
        account_services.profile_text_release(profile=profile)
        return action_log(
            actor=acting_user,
            kind=ActionKind.APPROVE,
            case=case,
            target_kind=TargetKind.MEMBER,
            target_id=case.member_id,
            member=case.member,
            forum_id=None,
            reason=_("Profile text approved"),
        )
