"""Choices for reports, cases, actions and sanctions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    AT_RISK = "at_risk", _("Someone may be at risk")
    HARASSMENT = "harassment", _("Harassment or bullying")
    HATE = "hate", _("Hate")
    SPAM = "spam", _("Spam")
    MISINFORMATION = "misinformation", _("Health misinformation")
    PERSONAL_INFO = "personal_info", _("Shares someone's personal information")
    NO_CONTENT_WARNING = "no_content_warning", _("Distressing content without a content warning")
    BREAKS_RULE = "breaks_rule", _("Breaks a community rule")
    OTHER = "other", _("Something else")


class CasePriority(models.IntegerChoices):
    # Higher sorts first: crisis always tops the queue.
    LOW = 10, _("Low")
    NORMAL = 20, _("Normal")
    HIGH = 30, _("High")
    CRISIS = 40, _("Crisis")


REASON_PRIORITY = {
    ReportReason.AT_RISK: CasePriority.CRISIS,
    ReportReason.HARASSMENT: CasePriority.HIGH,
    ReportReason.HATE: CasePriority.HIGH,
    ReportReason.PERSONAL_INFO: CasePriority.HIGH,
    ReportReason.SPAM: CasePriority.NORMAL,
    ReportReason.MISINFORMATION: CasePriority.NORMAL,
    ReportReason.NO_CONTENT_WARNING: CasePriority.NORMAL,
    ReportReason.BREAKS_RULE: CasePriority.NORMAL,
    ReportReason.OTHER: CasePriority.LOW,
}


class CaseState(models.TextChoices):
    OPEN = "open", _("Open")
    CLAIMED = "claimed", _("Claimed")
    RESOLVED = "resolved", _("Resolved")


class CaseSource(models.TextChoices):
    REPORT = "report", _("Member report")
    HELD_POST = "held_post", _("Held first post")
    SCREENING = "screening", _("Screening")
    APPEAL = "appeal", _("Appeal")
    CHECK_IN = "check_in", _("Member asked for a check-in")
    PATTERN = "pattern", _("Pattern across a member's recent posts")


class TargetKind(models.TextChoices):
    POST = "post", _("Post")
    THREAD = "thread", _("Thread")
    MEMBER = "member", _("Member")
    MESSAGE = "message", _("Private message")


class CaseOutcome(models.TextChoices):
    DISMISSED = "dismissed", _("No action needed")
    APPROVED = "approved", _("Approved")
    CONTENT_ACTIONED = "content_actioned", _("Content actioned")
    MEMBER_SANCTIONED = "member_sanctioned", _("Member warned or sanctioned")
    ESCALATED = "escalated", _("Escalated to operators")
    # Crisis outcomes: how a crisis case ended, for the metrics and the follow-up.
    REACHED_SAFE = "reached_safe", _("Member reached and safe")
    REFERRED = "referred", _("Referred to a helpline")
    EMERGENCY_SERVICES = "emergency_services", _("Emergency services contacted (per policy)")
    FALSE_ALARM = "false_alarm", _("False alarm")
    # A duplicate crisis case folded into the member's one crisis case (its items moved there).
    MERGED = "merged", _("Merged into the member’s crisis case")


CRISIS_OUTCOMES = (
    CaseOutcome.REACHED_SAFE,
    CaseOutcome.REFERRED,
    CaseOutcome.EMERGENCY_SERVICES,
    CaseOutcome.FALSE_ALARM,
)


class ActionKind(models.TextChoices):
    CLAIM = "claim", _("Claimed a case")
    DISMISS = "dismiss", _("Dismissed a case")
    APPROVE = "approve", _("Approved content")
    HIDE_POST = "hide_post", _("Hid a post pending review")
    REMOVE_POST = "remove_post", _("Removed a post")
    REMOVE_THREAD = "remove_thread", _("Removed a thread")
    EDIT_POST = "edit_post", _("Edited a post")
    ADD_CONTENT_WARNING = "add_content_warning", _("Added a content warning")
    LOCK_THREAD = "lock_thread", _("Locked a thread")
    UNLOCK_THREAD = "unlock_thread", _("Unlocked a thread")
    PIN_THREAD = "pin_thread", _("Pinned a thread")
    UNPIN_THREAD = "unpin_thread", _("Unpinned a thread")
    MOVE_THREAD = "move_thread", _("Moved a thread")
    WARN = "warn", _("Warned a member")
    SILENCE = "silence", _("Silenced a member")
    SUSPEND = "suspend", _("Suspended a member")
    BAN = "ban", _("Banned a member")
    LIFT_SANCTION = "lift_sanction", _("Lifted a sanction")
    NOTE = "note", _("Added a private note")
    ESCALATE = "escalate", _("Escalated a case to operators")
    REOPEN = "reopen", _("Reopened a case")
    APPEAL = "appeal", _("Member appealed a decision")
    CHECK_IN_REQUEST = "check_in_request", _("Member asked a moderator to check in")
    REACH_OUT = "reach_out", _("Reached out to a member")
    RESOLVE_CRISIS = "resolve_crisis", _("Resolved a crisis case")
    FOLLOW_UP_DUE = "follow_up_due", _("Follow-up check-in due")
    CRISIS_ALERT = "crisis_alert", _("Crisis alert sent")
    VIEW_MESSAGE = "view_message", _("Read a reported private message")
    RELEASE_MESSAGE = "release_message", _("Released a held private message")
    REMOVE_MESSAGE = "remove_message", _("Removed a private message")
    CRISIS_SIGNAL = "crisis_signal", _("Another crisis signal joined the case")
    MEMBER_REPLY = "member_reply", _("The member replied to the moderators")
    ERASURE_REQUEST = "erasure_request", _("Member asked to delete their account")
    RELEASE_CLAIM = "release_claim", _("Handed a claimed case back to the queue")


# Actions that affect a member and so must cite at least one rule.
RULE_REQUIRED_ACTIONS = frozenset(
    {
        ActionKind.REMOVE_POST,
        ActionKind.REMOVE_THREAD,
        ActionKind.EDIT_POST,
        ActionKind.HIDE_POST,
        ActionKind.WARN,
        ActionKind.SILENCE,
        ActionKind.SUSPEND,
        ActionKind.BAN,
        ActionKind.REMOVE_MESSAGE,
    }
)


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SILENCE = "silence", _("Silenced (read-only)")
    SUSPENSION = "suspension", _("Suspended (cannot log in)")
    BAN = "ban", _("Banned")


class WatchedKind(models.TextChoices):
    WORD = "word", _("Word")
    PHRASE = "phrase", _("Phrase")
    REGEX = "regex", _("Regular expression")


class WatchedAction(models.TextChoices):
    FLAG = "flag", _("Flag for moderators (post stays visible)")
    HOLD = "hold", _("Hold for review")
    BLOCK = "block", _("Block at submit")
    REPLACE = "replace", _("Replace with the given text")
    REQUIRE_CW = "require_cw", _("Require a content warning")


class CrisisPolicy(models.TextChoices):
    PUBLISH = "publish", _("Publish, and open a crisis case")
    HOLD = "hold", _("Hold for review, and open a crisis case")


class RiskTier(models.TextChoices):
    """C-SSRS-aligned risk tiers of a screened post, lowest first."""

    NONE = "none", _("No risk language")
    DISTRESS = "distress", _("Distress")
    IDEATION = "ideation", _("Suicidal ideation")
    BEHAVIOUR = "behaviour", _("Suicidal behaviour (self-harm, preparation, past attempt)")
    IMMINENT = "imminent", _("Imminent (plan with means or time, goodbye, attempt under way)")


class TierResponse(models.TextChoices):
    """What screening does with a post at the ideation or behaviour tier."""

    PRIORITY = "priority", _("Priority case for moderators; the author sees the help panel")
    CRISIS = "crisis", _("Crisis case and on-call page; the author sees the help panel")
    HELP_ONLY = "help", _("The author sees the help panel; no case")


class DistressResponse(models.TextChoices):
    """What screening does with a post at the distress tier (never a case)."""

    RESOURCE_LINK = "link", _("A gentle link to help resources, for the author only")
    NOTHING = "none", _("Nothing")


class ConditionNumbersPolicy(models.TextChoices):
    OFF = "off", _("No special rule")
    REQUIRE_CW = "require_cw", _("Require a content warning")
    HOLD = "hold", _("Hold for review")


class ScreeningVerdict(models.TextChoices):
    ALLOW = "allow", _("Allowed")
    FLAG = "flag", _("Flagged")
    HOLD = "hold", _("Held")
    BLOCK = "block", _("Blocked")
    CRISIS = "crisis", _("Crisis")
    FAILED = "failed", _("Screening failed")


class HelplineAudience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    YOUNG_PEOPLE = "young_people", _("Children and young people")
    LGBTQ = "lgbtq", _("LGBTQ+ people")
    VETERANS = "veterans", _("Veterans and service members")
    MEN = "men", _("Men")
    WOMEN = "women", _("Women")
    EATING_DISORDERS = "eating_disorders", _("People affected by eating disorders")
    BEREAVED = "bereaved", _("People bereaved by suicide")


class Weekday(models.IntegerChoices):
    # Python's date.weekday() numbering.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AlertLevel(models.IntegerChoices):
    ON_CALL = 0, _("On-call moderators")
    ALL_MODERATORS = 1, _("Every moderator and the escalation list")
    OPERATORS = 2, _("Operators")


class EscalationLevel(models.IntegerChoices):
    ALL_MODERATORS = 1, _("With every moderator, after N minutes")
    OPERATORS = 2, _("With the operators, after 2N minutes")


class AlertChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    WEBHOOK = "webhook", _("Webhook")


class HelplineKind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency number")
    CRISIS = "crisis", _("Crisis line")
    SUPPORT = "support", _("Someone to talk to")


class EvidenceKind(models.TextChoices):
    POST = "post", _("Post")
    EDIT = "edit", _("Edited post")
    MESSAGE = "message", _("Private message")
    PROFILE = "profile", _("Profile text")
    CHECK_IN = "check_in", _("Asked for a check-in")
    PEER_REQUEST = "peer_request", _("A member asked us to check in")
    REPORT = "report", _("A member reported they are worried about this member")


# Signals another member gave about the member: nothing the member sees may change because of
# them (no help bar opened, no panel above the post), so whoever spoke up stays unknown.
EVIDENCE_FROM_OTHERS = frozenset({EvidenceKind.PEER_REQUEST, EvidenceKind.REPORT})


class EvidenceOutcome(models.TextChoices):
    SUPPORTED = "supported", _("Support offered; content stays as it is")
    PUBLISHED = "published", _("Reviewed: fine to show to everyone")
    HIDDEN = "hidden", _("Hidden from others")
    NO_RISK = "no_risk", _("No risk on reading it")


class RobotsPolicy(models.TextChoices):
    PUBLIC_FORUMS = "public_forums", _("Public forums and pages may be indexed")
    NOTHING = "nothing", _("Ask crawlers to index nothing")
