"""Read queries for moderation: the queue, dashboards, histories and member standing."""

import re
import statistics
import zoneinfo
from collections import Counter
from datetime import datetime, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import ConsentKind
from accounts.models import Consent, User
from moderation.enums import (
    EVIDENCE_FROM_OTHERS,
    ActionKind,
    CasePriority,
    CaseSource,
    CaseState,
    RiskTier,
    SanctionKind,
    TargetKind,
)
from moderation.metrics import crisis_metrics
from moderation.models import (
    OPEN_STATES,
    Case,
    CrisisEvidence,
    MemberNote,
    ModerationAction,
    Rule,
    RulesVersion,
    Sanction,
    ScreeningResult,
    SiteSettings,
    SupportMessage,
)
from moderation.oncall import on_call_now, rota_warnings
from moderation.permissions import ALL_FORUMS, moderated_forum_ids

LOCKOUT_KINDS = (SanctionKind.SUSPENSION, SanctionKind.BAN)
CRISIS_ACTION_KINDS = (
    ActionKind.CHECK_IN_REQUEST,
    ActionKind.REACH_OUT,
    ActionKind.RESOLVE_CRISIS,
    ActionKind.FOLLOW_UP_DUE,
    ActionKind.CRISIS_ALERT,
)


def current_rules_version() -> int:
    """Return the number of the newest published rules version (1 before any is published)."""
    latest = RulesVersion.objects.order_by("-number").values_list("number", flat=True).first()
    return latest or 1


def rule_list_active() -> QuerySet[Rule]:
    return Rule.objects.filter(is_active=True)


def latest_significant_rules_version() -> int:
    """The number of the newest significant rules version (0 if none)."""
    latest = (
        RulesVersion.objects.filter(is_significant=True)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return latest or 0


def member_accepted_rules_version(user) -> int:
    """The newest rules version the member accepted (0 if none)."""
    accepted = (
        Consent.objects.filter(user=user, kind=ConsentKind.COMMUNITY_RULES)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return accepted or 0


def member_needs_rules_acceptance(user) -> bool:
    """Whether a significant rules change was published after the member's last acceptance.

    One query: it runs on every page for logged-in members (the banner).
    """
    if not user.is_authenticated:
        return False
    accepted = (
        Consent.objects.filter(user=user, kind=ConsentKind.COMMUNITY_RULES)
        .order_by("-version")
        .values("version")[:1]
    )
    return RulesVersion.objects.filter(
        is_significant=True, number__gt=Coalesce(Subquery(accepted), Value(0))
    ).exists()


def active_sanctions(member, *, kinds=None, now: datetime | None = None) -> QuerySet[Sanction]:
    now = now or timezone.now()
    queryset = Sanction.objects.filter(member=member, lifted_at__isnull=True, starts_at__lte=now)
    queryset = queryset.exclude(ends_at__lte=now)
    if kinds is not None:
        queryset = queryset.filter(kind__in=kinds)
    return queryset.order_by("-ends_at")


def member_lockout(member) -> Sanction | None:
    """The suspension or ban that keeps the member out right now, if any."""
    return active_sanctions(member, kinds=LOCKOUT_KINDS).first()


def member_is_locked_out(member) -> bool:
    """Whether a suspension or ban keeps the member out right now."""
    return member_lockout(member) is not None


def member_silence(member) -> Sanction | None:
    """The silence (read-only) in force right now, if any."""
    return active_sanctions(member, kinds=[SanctionKind.SILENCE]).first()


def case_queue_for(user) -> QuerySet[Case]:
    """Cases the moderator may see, crisis first, then oldest first."""
    scope = moderated_forum_ids(user)
    queryset = Case.objects.select_related("forum", "member", "claimed_by", "post", "thread")
    if scope is not ALL_FORUMS:
        queryset = queryset.filter(forum_id__in=scope)
    return queryset.order_by("-priority", "opened_at")


def member_history(member) -> dict:
    """A member's moderation history for the case page and the member admin."""
    return {
        "cases": Case.objects.filter(member=member).order_by("-opened_at")[:20],
        "actions": ModerationAction.objects.filter(member=member).select_related("actor")[:30],
        "sanctions": Sanction.objects.filter(member=member)[:20],
        "notes": MemberNote.objects.filter(member=member).select_related("author")[:20],
    }


def _median_minutes(deltas: list[timedelta]) -> float | None:
    if not deltas:
        return None
    return round(statistics.median(d.total_seconds() for d in deltas) / 60, 1)


def dashboard_stats(user, *, now: datetime | None = None) -> dict:
    """Figures for the console's front page, within the moderator's forums."""
    now = now or timezone.now()
    cases = case_queue_for(user)
    open_cases = cases.filter(state__in=OPEN_STATES)
    counts = Counter(open_cases.values_list("priority", flat=True))
    oldest_crisis = open_cases.filter(priority=CasePriority.CRISIS).order_by("opened_at").first()
    week_ago, month_ago = now - timedelta(days=7), now - timedelta(days=30)

    def first_action_deltas(since):
        rows = cases.filter(opened_at__gte=since, first_action_at__isnull=False)
        return [done - opened for opened, done in rows.values_list("opened_at", "first_action_at")]

    return {
        "open_by_priority": [
            (label, counts.get(value, 0)) for value, label in reversed(CasePriority.choices)
        ],
        "oldest_crisis_age": now - oldest_crisis.opened_at if oldest_crisis else None,
        "opened_7d": cases.filter(opened_at__gte=week_ago).count(),
        "resolved_7d": cases.filter(resolved_at__gte=week_ago).count(),
        "median_first_action_7d": _median_minutes(first_action_deltas(week_ago)),
        "median_first_action_30d": _median_minutes(first_action_deltas(month_ago)),
    }


def transparency_report(*, months: int = 12, now: datetime | None = None) -> list[dict]:
    """Monthly counts of actions by kind and by rule cited: no handles, no content."""
    now = now or timezone.now()
    since = (now - timedelta(days=31 * months)).replace(day=1, hour=0, minute=0, second=0)
    # Crisis support is care, not a decision: in a small community even monthly counts of
    # check-ins could point at someone, so they stay out of the public report.
    private_kinds = {"claim", "note", *CRISIS_ACTION_KINDS}
    public_kinds = {
        k for k in ModerationAction._meta.get_field("kind").choices if k[0] not in private_kinds
    }
    labels = dict(public_kinds)
    months_seen: dict[str, dict] = {}
    rows = ModerationAction.objects.filter(created_at__gte=since, kind__in=labels).values_list(
        "created_at", "kind", "rules"
    )
    for created_at, kind, rules in rows.iterator():
        month = months_seen.setdefault(
            created_at.strftime("%Y-%m"), {"actions": Counter(), "rules": Counter()}
        )
        month["actions"][labels[kind]] += 1
        for rule in rules:
            month["rules"][f"{rule['number']}. {rule['title']}"] += 1
    return [
        {
            "month": key,
            "actions": sorted(value["actions"].items()),
            "rules": sorted(value["rules"].items()),
        }
        for key, value in sorted(months_seen.items(), reverse=True)
    ]


def open_case_states() -> list[str]:
    return [CaseState.OPEN, CaseState.CLAIMED]


def crisis_cases_open_for(user) -> QuerySet[Case]:
    """Open crisis cases the moderator may see, oldest clock first."""
    return (
        case_queue_for(user)
        .filter(priority=CasePriority.CRISIS, state__in=OPEN_STATES)
        .order_by("opened_at")
    )


def crisis_dashboard(user, *, now: datetime | None = None) -> dict:
    """The console's crisis panel: open crisis cases with their age, who is on call, the
    rota's gaps and the response metrics (within the moderator's forums)."""

    now = now or timezone.now()
    limit = SiteSettings.load().crisis_response_minutes
    open_cases = []
    for case in crisis_cases_open_for(user)[:25]:
        started = case.crisis_clock_started_at or case.opened_at
        minutes = int((now - started).total_seconds() // 60)
        open_cases.append(
            {
                "case": case,
                "age_minutes": minutes,
                "is_overdue": minutes >= limit and case.state == CaseState.OPEN,
            }
        )
    return {
        "limit_minutes": limit,
        "open_cases": open_cases,
        "on_call": on_call_now(now=now),
        "rota_warnings": rota_warnings(now=now),
        "metrics": crisis_metrics(now=now, cases=case_queue_for(user)),
    }


HANDLE_SHAPE = re.compile(r"^[\w-]{1,30}$")


def member_handle_exists(*, handle: str) -> bool:
    """Whether an active member has this handle (handles are public, so this reveals nothing)."""
    if not HANDLE_SHAPE.match(handle or ""):
        return False
    return User.objects.filter(handle__iexact=handle, is_active=True).exists()


# --- Crisis care: the member's side --------------------------------------------------------------


def support_thread_for(member) -> dict:
    """The member's conversation with "the moderators": messages (decrypted, newest last,
    with no moderator named) and how many of the moderators' are unread."""
    from moderation.services.support import support_message_text  # noqa: PLC0415  (moderation.services imports this module)

    rows = list(SupportMessage.objects.filter(member=member).order_by("created_at", "id"))
    return {
        "messages": [
            {
                "is_from_moderators": row.is_from_moderators,
                "created_at": row.created_at,
                "text": support_message_text(row),
            }
            for row in rows
        ],
        "unread": sum(1 for row in rows if row.is_from_moderators and not row.read_by_member_at),
    }


def support_summary_for(member) -> dict | None:
    """For the inbox row: when the moderators' conversation last moved and whether it has
    unread messages; None when the moderators never wrote."""

    found = SupportMessage.objects.filter(member=member).aggregate(
        last=Max("created_at"),
        unread=Count("pk", filter=Q(is_from_moderators=True, read_by_member_at__isnull=True)),
    )
    return found if found["last"] else None


def crisis_case_seen_by_moderator(member) -> bool:
    """Whether a moderator has claimed the member's open crisis case ("a moderator has seen
    your post"); never who."""
    from moderation.services.crisis_signals import member_open_crisis_case  # noqa: PLC0415  (moderation.services imports this module)

    case = member_open_crisis_case(member)
    return case is not None and case.claimed_by_id is not None


def crisis_post_ids_for(member, *, thread_id: int, since) -> list[int]:
    """The member's posts in a thread that carried a crisis signal since `since`, in order
    (their own signals: not posts another member reported)."""

    return list(
        CrisisEvidence.objects.filter(
            case__member=member,
            post__thread_id=thread_id,
            post__author=member,
            created_at__gte=since,
        )
        .exclude(kind__in=EVIDENCE_FROM_OTHERS)
        .order_by("post__position")
        .values_list("post_id", flat=True)
        .distinct()
    )


def support_messages_for_case(case) -> list[dict]:
    """The conversation with the case's member, for the case page: who wrote (a moderator's
    handle is shown to moderators only), when, and the text."""
    from moderation.services.support import support_message_text  # noqa: PLC0415  (moderation.services imports this module)

    if case.member_id is None:
        return []
    rows = SupportMessage.objects.filter(member_id=case.member_id).select_related("sender")
    return [
        {
            "is_from_moderators": row.is_from_moderators,
            "sender": row.sender.handle if row.sender else "",
            "created_at": row.created_at,
            "text": support_message_text(row),
            "is_this_case": row.case_id == case.pk,
        }
        for row in rows.order_by("created_at", "id")
    ]


# --- Peer support and care for moderators ------------------------------------------------------

# Actions that are a moderator's own work on a case (not alerts, not members' requests).
_HANDLING_KINDS = [
    kind
    for kind in ActionKind.values
    if kind not in (ActionKind.CRISIS_ALERT, ActionKind.CHECK_IN_REQUEST, ActionKind.APPEAL)
]


def _crisis_handling(since):
    return ModerationAction.objects.filter(
        Q(case__priority=CasePriority.CRISIS) | Q(case__crisis_episode__gt=0),
        created_at__gte=since,
        kind__in=_HANDLING_KINDS,
        actor__isnull=False,
    )


def crisis_cases_handled_today(user, *, now: datetime | None = None) -> int:
    """How many crisis cases `user` acted on since midnight in their own time zone."""
    now = now or timezone.now()
    try:
        zone = zoneinfo.ZoneInfo(user.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    midnight = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    return _crisis_handling(midnight).filter(actor=user).values("case_id").distinct().count()


def moderator_care_for(user, *, now: datetime | None = None) -> dict:
    """The console's "your day" panel: crisis cases handled today, the operators' limit,
    whether to suggest a break, and how many cases the moderator holds claimed."""

    handled = crisis_cases_handled_today(user, now=now)
    limit = SiteSettings.load().crisis_cases_before_break
    return {
        "crisis_today": handled,
        "limit": limit,
        "suggest_break": handled >= limit,
        "open_claims": Case.objects.filter(state=CaseState.CLAIMED, claimed_by=user).count(),
    }


def crisis_exposure_by_day(*, days: int = 14, now: datetime | None = None) -> list[dict]:
    """Per day (site time zone): crisis cases handled, moderators who handled any, cases per
    moderator on average and how many were past the break limit. Aggregates only: no names,
    no per-person figures, no ranking."""

    now = now or timezone.now()
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    since = start - timedelta(days=days - 1)
    limit = SiteSettings.load().crisis_cases_before_break
    pairs = set()
    for created_at, actor_id, case_id in _crisis_handling(since).values_list(
        "created_at", "actor_id", "case_id"
    ):
        pairs.add((timezone.localtime(created_at).date(), actor_id, case_id))
    per_day: dict = {}
    for day, actor_id, _case_id in pairs:
        per_day.setdefault(day, Counter())[actor_id] += 1
    rows = []
    for offset in range(days):
        day = (start - timedelta(days=offset)).date()
        counts = per_day.get(day, Counter())
        total = sum(counts.values())
        rows.append(
            {
                "day": day,
                "cases": total,
                "moderators": len(counts),
                "average": round(total / len(counts), 1) if counts else None,
                "past_limit": sum(1 for count in counts.values() if count >= limit),
            }
        )
    return rows


def check_in_requests_raised_by(user, *, limit: int = 50) -> list[dict]:
    """The check-in requests a peer supporter raised about other members, newest first, with
    whether a moderator has the case (never what they did about it)."""
    states = {
        CaseState.OPEN: _("Waiting for a moderator"),
        CaseState.CLAIMED: _("A moderator is on it"),
        CaseState.RESOLVED: _("Closed by a moderator"),
    }
    entries = (
        ModerationAction.objects.filter(actor=user, kind=ActionKind.CHECK_IN_REQUEST)
        .exclude(member=user)
        .exclude(member__isnull=True)
        .select_related("member", "case")
        .order_by("-created_at")[:limit]
    )
    return [
        {
            "handle": entry.member.handle if entry.member and entry.member.is_active else None,
            "created_at": entry.created_at,
            "status": states.get(entry.case.state, "") if entry.case else "",
        }
        for entry in entries
    ]


def pattern_case_posts(case) -> list:
    """The screened posts behind a check-in case (a pattern across a member's posts): the
    member's posts at the distress tier or above in the window before the case opened, newest
    first, with their thread; the moderator reads each in context."""
    from moderation.services.risk_patterns import pattern_window_for  # noqa: PLC0415  (moderation.services imports this module)

    if case.source != CaseSource.PATTERN or case.target_kind != TargetKind.MEMBER:
        return []
    if case.member_id is None or case.forum is None:
        return []
    since = case.opened_at - pattern_window_for(case.forum)
    results = (
        ScreeningResult.objects.filter(
            post__author=case.member_id,
            post__created_at__gte=since,
            post__created_at__lte=case.opened_at,
        )
        .exclude(tier=RiskTier.NONE)
        .select_related("post__thread")
        .order_by("-post__created_at", "-revision")
    )
    latest: dict[int, ScreeningResult] = {}
    for result in results[:100]:
        latest.setdefault(result.post_id, result)
    return list(latest.values())


# --- Site settings, as other apps need them ------------------------------------------------------


def unanswered_after() -> timedelta:
    """How long a support thread may go without a reply before it is listed as waiting."""
    return timedelta(hours=SiteSettings.load().unanswered_after_hours)


def messaging_is_enabled() -> bool:
    """Whether operators have private messages switched on."""
    return SiteSettings.load().is_messaging_enabled


def conversation_participants_max() -> int:
    """The most members a private conversation may have, its starter included."""
    return SiteSettings.load().max_conversation_participants


def threads_under_crisis_care() -> list[Exists]:
    """Conditions on a thread (its pk as OuterRef("pk")) meaning moderators are with it because
    of a crisis: its opening post has an open crisis case, or is evidence on its author's one
    open crisis case."""
    under_crisis = Case.objects.filter(
        post__thread_id=OuterRef("pk"),
        post__position=1,
        priority=CasePriority.CRISIS,
        state__in=OPEN_STATES,
    )
    under_member_crisis = CrisisEvidence.objects.filter(
        post__thread_id=OuterRef("pk"),
        post__position=1,
        case__priority=CasePriority.CRISIS,
        case__state__in=OPEN_STATES,
    )
    return [Exists(under_crisis), Exists(under_member_crisis)]
