"""Screening glue: the submit-time precheck, the worker's full pass and applying its verdict.

The engine (`moderation.screening`) is pure; this module loads the rules and context from
the database, stores results and acts through forums and case services.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import ScreeningState
from core.errors import NeedsConfirmation, PostingRefused
from forums import services as forum_services
from forums.enums import ForumVisibility
from forums.models import Post
from moderation import screening
from moderation.enums import (
    CasePriority,
    CaseSource,
    ConditionNumbersPolicy,
    CrisisPolicy,
    DistressResponse,
    EvidenceKind,
    RiskTier,
    ScreeningVerdict,
    TargetKind,
    TierResponse,
)
from moderation.models import (
    OPEN_STATES,
    Case,
    ForumScreeningSettings,
    ScreeningResult,
    WatchedWord,
)
from moderation.screening.types import ACTION_SEVERITY
from moderation.services.cases import case_open_or_attach
from moderation.services.crisis_review import post_crisis_review_end
from moderation.services.crisis_signals import (
    ACUTE_TIERS,
    crisis_signal_attach,
    member_open_crisis_case,
    signals_are_acute,
)
from moderation.services.risk_patterns import member_pattern_check

logger = logging.getLogger(__name__)

# Pending this long, a post, profile or message is enqueued again by its sweeper.
SWEEP_AFTER = timedelta(seconds=settings.SCREENING_SWEEP_AFTER)
RECENT_POSTS_FOR_DUPLICATES = 20


@dataclass(frozen=True)
class PrecheckOutcome:
    body: str
    is_crisis: bool
    hold_until_screened: bool
    is_acute: bool = False  # the crisis signal names a plan, the means or a time
    # Distress without suicidal language: a gentle link to help, for the author only.
    offers_resources: bool = False


def _settings_for(forum) -> ForumScreeningSettings:
    try:
        return forum.screening_settings
    except ForumScreeningSettings.DoesNotExist:
        return ForumScreeningSettings(forum=forum)


def screening_rules_for(forum) -> tuple:
    """The watched words and condition rules that apply in `forum`."""
    words = WatchedWord.objects.filter(is_active=True).select_related("forum")
    rules = [word.as_rule() for word in words if word.forum_id in (None, forum.pk)]
    numbers = _settings_for(forum).eating_disorder_numbers
    if numbers != ConditionNumbersPolicy.OFF:
        rules.extend(
            screening.eating_disorder_rules(
                (forum.slug,), weight=numbers, calories=numbers, bmi=numbers, size="flag"
            )
        )
    return tuple(rules)


def _context(*, author, forum, is_title: bool = False, recent=()) -> screening.ScreeningContext:
    return screening.ScreeningContext(
        author_trust=author.trust_level if author else "member",
        forum_slug=forum.slug,
        is_title=is_title,
        recent_text_hashes=tuple(recent),
    )


def _personal_info_what(verdict) -> str:
    labels = {signal.label for signal in verdict.signals if signal.category == "pii"}
    if "pii.phone" in labels:
        what = _("a phone number")
    elif "pii.email" in labels:
        what = _("an email address")
    elif "pii.address" in labels:
        what = _("a street address")
    else:
        what = _("contact details or someone's identity")
    return what


def _audience(forum) -> str:
    """Who can read posts in `forum`, as the personal-information warning names them."""
    if forum.visibility == ForumVisibility.PUBLIC:
        return _("Posts here can be read by anyone on the internet, not only members")
    if forum.visibility == ForumVisibility.MEMBERS:
        return _("Posts here are visible to every member")
    return _("Posts here are visible to the members of this forum")


def _personal_info_message(verdict, *, forum) -> str:
    what = _personal_info_what(verdict)
    return _(
        "This looks like %(what)s. %(audience)s, and sharing contact details moves support "
        "off the platform, where moderators can help. Tick “Post anyway” to share it, or edit "
        "your post."
    ) % {"what": what, "audience": _audience(forum)}


def precheck_submission(
    *,
    author,
    forum,
    body: str,
    title: str = "",
    content_warning: str = "",
    confirmed_personal_info: bool = False,
) -> PrecheckOutcome:
    """Run the fast screeners at submit: block, ask to confirm personal information, replace
    watched words, require a content warning, and note crisis language. Raises PostingRefused
    or NeedsConfirmation, with the member's text untouched."""
    rules = screening_rules_for(forum)
    context = _context(author=author, forum=forum)
    verdict = screening.precheck(body, context, rules)
    title_verdict = (
        screening.precheck(title, _context(author=author, forum=forum, is_title=True), rules)
        if title
        else None
    )
    verdicts = [v for v in (verdict, title_verdict) if v is not None]
    if any(v.action == "block" for v in verdicts):
        raise PostingRefused(
            _(
                "This can’t be posted as written: it contains something this community doesn’t "
                "allow (%(reasons)s). Your text is kept below so you can change it."
            )
            % {"reasons": "; ".join(r for v in verdicts for r in v.reasons)}
        )
    if any(v.requires_content_warning for v in verdicts) and not content_warning.strip():
        raise PostingRefused(
            _(
                "This post needs a content warning here (%(reasons)s). Please add one above; "
                "your text is kept."
            )
            % {"reasons": "; ".join(r for v in verdicts for r in v.reasons)}
        )
    if verdict.requires_confirmation_for_pii and not confirmed_personal_info:
        raise NeedsConfirmation(_personal_info_message(verdict, forum=forum))
    forum_settings = _settings_for(forum)
    is_crisis = any(v.offers_help for v in verdicts)
    distressed = any(v.tier == RiskTier.DISTRESS for v in verdicts)
    return PrecheckOutcome(
        body=verdict.replaced_text if verdict.replaced_text is not None else body,
        is_crisis=is_crisis,
        hold_until_screened=forum_settings.hold_until_screened,
        is_acute=is_crisis and _verdicts_are_acute(verdicts, text=f"{title}\n{body}"),
        offers_resources=(
            distressed
            and not is_crisis
            and forum_settings.distress_response == DistressResponse.RESOURCE_LINK
        ),
    )


def _verdicts_are_acute(verdicts, *, text: str) -> bool:
    labels = [signal.label for v in verdicts for signal in v.signals]
    tiers = {str(getattr(v, "tier", "") or "") for v in verdicts}
    tier = next((name for name in sorted(tiers) if name in ACUTE_TIERS), "")
    return signals_are_acute(labels, text=text, tier=tier)


# --- The worker's full pass ---------------------------------------------------------------------

CASE_PRIORITY = {
    "crisis": CasePriority.CRISIS,
    "hold": CasePriority.HIGH,
    "block": CasePriority.HIGH,
    "flag": CasePriority.NORMAL,
}


def _recent_hashes(post) -> list[str]:
    bodies = (
        Post.objects.filter(author=post.author_id)
        .exclude(pk=post.pk)
        .order_by("-created_at")
        .values_list("body", flat=True)[:RECENT_POSTS_FOR_DUPLICATES]
    )
    return [screening.text_fingerprint(body) for body in bodies]


def _full_verdict(post):
    forum = post.thread.forum
    rules = screening_rules_for(forum)
    context = _context(author=post.author, forum=forum, recent=_recent_hashes(post))
    verdict = screening.screen(post.body, context, rules)
    signals = [{**signal.to_dict(), "field": "body"} for signal in verdict.signals]
    action = verdict.action
    if post.position == 1:
        title = screening.screen(
            post.thread.title, _context(author=post.author, forum=forum, is_title=True), rules
        )
        signals += [{**signal.to_dict(), "field": "title"} for signal in title.signals]
        if ACTION_SEVERITY[title.action] > ACTION_SEVERITY[action]:
            action = title.action
    return action, signals, verdict.screener_versions


def post_screen(*, post_id: int, revision: int) -> ScreeningResult | None:
    """Screen one revision of a post in full and apply the verdict (idempotent per revision)."""
    post = Post.objects.select_related("thread__forum", "author").filter(pk=post_id).first()
    if post is None or post.revision != revision:
        return None  # deleted, or edited since: the newer revision has its own task
    existing = ScreeningResult.objects.filter(post=post, revision=revision).first()
    if existing is not None:
        return existing
    action, signals, versions = _full_verdict(post)
    result = screening_result_apply(
        post=post, revision=revision, action=action, signals=signals, versions=versions
    )
    if screening.TIER_RANK[result.tier] >= screening.TIER_RANK[RiskTier.DISTRESS]:
        member_pattern_check(member=post.author, forum=post.thread.forum)
    return result


def _has_open_case(post) -> bool:
    return Case.objects.filter(post=post, state__in=OPEN_STATES).exists()


def _case_excerpt(post) -> str:
    return post.body[:300]


_RISK_CATEGORIES = ("crisis", "risk")


def _tier_action(*, action: str, tier: str, signals, forum_settings) -> tuple[str, CasePriority]:
    """Apply the forum's tier policy to a verdict: (action, case priority).

    Imminent risk keeps the crisis flow and pages on-call; ideation and behaviour follow the
    forum's choice (by default a priority case, no page); a verdict the crisis flow did not
    decide keeps its own action.
    """
    priority = CASE_PRIORITY.get(action, CasePriority.HIGH)
    if action != "crisis" or tier not in (RiskTier.IDEATION, RiskTier.BEHAVIOUR):
        return action, priority
    response = (
        forum_settings.ideation_response
        if tier == RiskTier.IDEATION
        else forum_settings.behaviour_response
    )
    if response == TierResponse.CRISIS:
        return action, CasePriority.CRISIS
    # What the other screeners ask for (abuse, spam, watched words) still stands.
    other = "allow"
    for signal in signals:
        if signal["label"].split(".", 1)[0] in _RISK_CATEGORIES and signal["label"] != (
            "crisis.concern_for_other"
        ):
            continue
        this = screening.DEFAULT_POLICY.action_for(screening.Signal(**_signal_fields(signal)), {})
        if ACTION_SEVERITY[this] > ACTION_SEVERITY[other]:
            other = this
    if response == TierResponse.HELP_ONLY:
        return other, CASE_PRIORITY.get(other, CasePriority.HIGH)
    return (other if other != "allow" else "flag"), max(
        CasePriority.HIGH, CASE_PRIORITY.get(other, CasePriority.HIGH)
    )


def tier_of_signals(signals) -> str:
    """The highest risk tier among stored signals (body and title), "none" without one."""
    tier = RiskTier.NONE
    for signal in signals:
        if signal.get("rule_id") == "risk:tier":
            this = signal["label"].split(".", 1)[1]
            if screening.TIER_RANK.get(this, 0) > screening.TIER_RANK[tier]:
                tier = this
    return tier


def _signal_fields(signal: dict) -> dict:
    fields = {k: signal[k] for k in ("screener", "label", "score", "matched", "explanation")}
    span = signal.get("span")
    return {**fields, "span": tuple(span) if span else None, "rule_id": signal.get("rule_id")}


@transaction.atomic
def screening_result_apply(*, post, revision, action, signals, versions) -> ScreeningResult:
    """Store the result and act on it under the forum's tier policy: hold, open or raise a
    case, or nothing."""
    post = (
        Post.objects.select_for_update(of=("self",)).select_related("thread__forum").get(pk=post.pk)
    )
    # Two deliveries of one task (a sweeper's copy, a message redelivered after a worker died)
    # may both get here: the second, holding the lock after the first committed, applies nothing.
    existing = ScreeningResult.objects.filter(post=post, revision=revision).first()
    if existing is not None:
        return existing
    forum_settings = _settings_for(post.thread.forum)
    failed = any(signal["label"] == "screening.error" for signal in signals)
    tier = tier_of_signals(signals)
    action, priority = _tier_action(
        action=action, tier=tier, signals=signals, forum_settings=forum_settings
    )
    verdict = ScreeningVerdict.FAILED if failed else ScreeningVerdict(action)
    case = None
    # One case per person: a crisis verdict joins the author's one crisis case. Ideation and
    # behaviour keep the tier policy's priority case and the member's pattern check-in, unless
    # the author already has a crisis case open: then the post is one more signal on it.
    is_crisis_signal = verdict == ScreeningVerdict.CRISIS and post.author is not None
    joins_crisis_case = tier in RISK_SIGNAL_TIERS and _has_open_crisis_case(post.author)
    if not failed and (is_crisis_signal or joins_crisis_case):
        case = _crisis_signal_from_post(post, revision=revision, signals=signals)
    elif verdict != ScreeningVerdict.ALLOW:
        case = case_open_or_attach(
            target_kind=TargetKind.POST,
            target=post,
            source=CaseSource.SCREENING,
            priority=priority,
            member=post.author,
            forum_id=post.thread.forum_id,
            excerpt=_case_excerpt(post),
        )
    hold = verdict in (ScreeningVerdict.HOLD, ScreeningVerdict.BLOCK, ScreeningVerdict.FAILED)
    # A forum that holds posts with crisis language holds them at every tier that has it.
    at_risk = verdict == ScreeningVerdict.CRISIS or tier in (RiskTier.IDEATION, RiskTier.BEHAVIOUR)
    if at_risk and forum_settings.crisis_policy == CrisisPolicy.HOLD:
        hold = True
    if hold:
        forum_services.post_hide(post=post, acting_user=None)
    elif forum_settings.hold_until_screened and not _has_open_case(post):
        # Held only until screened, and nothing asks a moderator to look: publish it.
        forum_services.post_release(post=post, acting_user=None)
    result = ScreeningResult.objects.create(
        post=post,
        revision=revision,
        verdict=verdict,
        tier=tier,
        signals=signals,
        screener_versions=versions,
        case=case,
    )
    forum_services.post_set_screening_state(
        post=post, state=ScreeningState.FAILED if failed else ScreeningState.SCREENED
    )
    if post.is_crisis_review_pending and not failed and not (at_risk and case is not None):
        # The precheck heard crisis language, but the full pass found no risk worth a case (or
        # the forum asks for no case at this tier): no moderator will review it, so it is not
        # left a placeholder for good. A failed pass proves nothing and leaves the flag.
        post_crisis_review_end(post=post)
    elif at_risk and case is not None and not post.is_crisis_review_pending:
        # The full pass heard a risk the precheck missed: distress is not public, so visitors
        # see the placeholder until the moderator resolving this case ends the review.
        forum_services.post_set_crisis_review(post=post, is_pending=True)
    return result


# Tiers whose signals join an author's open crisis case whatever the forum's tier policy.
RISK_SIGNAL_TIERS = (RiskTier.IDEATION, RiskTier.BEHAVIOUR)


def _has_open_crisis_case(member) -> bool:
    return member is not None and member_open_crisis_case(member) is not None


def _crisis_signal_from_post(
    post, *, revision: int, signals: list, priority: CasePriority = CasePriority.CRISIS
) -> Case:
    # One crisis case per person: the post is evidence on its author's case, not a case of its
    # own. The tiered screening library may add a "tier" to its signals; both shapes work.
    # The risk tier too: a behaviour-tier post may carry no crisis label at all.
    labels = [s["label"] for s in signals if s["label"].startswith(("crisis.", "risk."))]
    tiers = {str(signal.get("tier", "") or "") for signal in signals}
    tier = next((name for name in sorted(tiers) if name in ACUTE_TIERS), "")
    return crisis_signal_attach(
        member=post.author,
        kind=EvidenceKind.EDIT if revision > 1 else EvidenceKind.POST,
        post=post,
        revision=revision,
        labels=labels,
        is_acute=signals_are_acute(labels, text=post.body, tier=tier),
        priority=priority,
    )


def screening_failed(*, post_id: int, revision: int, error: str) -> ScreeningResult | None:
    """Dead letter: after the last retry, hold the post and open a "screening failed" case."""
    post = Post.objects.select_related("thread__forum").filter(pk=post_id).first()
    if post is None or ScreeningResult.objects.filter(post=post, revision=revision).exists():
        return None
    # Never the post text in logs: only ids and the exception class.
    logger.error("screening failed for post %s revision %s: %s", post_id, revision, error)
    return screening_result_apply(
        post=post,
        revision=revision,
        action="hold",
        signals=[screening_error_signal(error, field="body")],
        versions={},
    )


def screening_error_signal(error: str, *, field: str) -> dict:
    """The evidence a dead-lettered screening leaves on the case: which pipeline step failed
    (the exception class), never any text."""
    return {
        "screener": "pipeline",
        "label": "screening.error",
        "score": 1.0,
        "span": None,
        "matched": "",
        "explanation": error,
        "rule_id": None,
        "field": field,
    }


def posts_awaiting_screening(*, now=None):
    """Posts still pending screening more than two minutes after they were written."""
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    return (
        Post.objects.filter(screening_state=ScreeningState.PENDING)
        .filter(created_at__lt=cutoff)
        .exclude(edited_at__gte=cutoff)
        .values_list("pk", "revision")
    )


# --- Private messages ---------------------------------------------------------------------------
# The same engine and watched words (the site-wide ones: a conversation has no forum). Message
# text is decrypted only for these passes; results keep labels and scores, never matched text.

MESSAGE_CASE_EXCERPT = ""  # a case row is not encrypted: it never holds message text


def message_screening_rules() -> tuple:
    """The watched words that apply everywhere (those not limited to one forum)."""
    words = WatchedWord.objects.filter(is_active=True, forum__isnull=True)
    return tuple(word.as_rule() for word in words)


def _message_context(*, author, recent=()) -> screening.ScreeningContext:
    return screening.ScreeningContext(
        author_trust=author.trust_level if author else "member",
        forum_slug=None,
        recent_text_hashes=tuple(recent),
    )


def precheck_message(*, author, body: str, confirmed_personal_info: bool = False) -> bool:
    """Run the fast screeners on a message at submit; return whether it sounds like crisis.

    Raises PostingRefused (blocked words) or NeedsConfirmation (contact details), text intact.
    """
    verdict = screening.precheck(body, _message_context(author=author), message_screening_rules())
    if verdict.action == "block":
        raise PostingRefused(
            _(
                "This can’t be sent as written: it contains something this community doesn’t "
                "allow (%(reasons)s). Your message is kept below so you can change it."
            )
            % {"reasons": "; ".join(verdict.reasons)}
        )
    if verdict.requires_confirmation_for_pii and not confirmed_personal_info:
        raise NeedsConfirmation(
            _(
                "This looks like %(what)s. Sharing contact details moves support off the "
                "platform where moderators can help."
            )
            % {"what": _personal_info_what(verdict)}
        )
    return verdict.is_crisis


def message_verdict(*, body: str, author, recent_bodies=()) -> tuple[str, list[str]]:
    """The full pass over one message: (action, signal labels)."""
    recent = [screening.text_fingerprint(text) for text in recent_bodies]
    verdict = screening.screen(
        body, _message_context(author=author, recent=recent), message_screening_rules()
    )
    return verdict.action, sorted({signal.label for signal in verdict.signals})


def message_case_open(*, message, action: str, labels=()) -> Case:
    """Open (or raise) the case for a screened message, its only evidence the message itself.

    A crisis signal about the sender joins the sender's one crisis case instead.
    """
    if action == "crisis" and message.sender is not None:
        return crisis_signal_attach(
            member=message.sender,
            kind=EvidenceKind.MESSAGE,
            message=message,
            labels=list(labels),
            is_acute=signals_are_acute(labels),
        )
    return case_open_or_attach(
        target_kind=TargetKind.MESSAGE,
        target=message,
        source=CaseSource.SCREENING,
        priority=CASE_PRIORITY.get(action, CasePriority.HIGH),
        member=message.sender,
        forum_id=None,
        excerpt=MESSAGE_CASE_EXCERPT,
    )
