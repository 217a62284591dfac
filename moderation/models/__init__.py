"""Moderation's data: rules and settings, cases and reports, the audit log, sanctions,
screening and crisis escalation, one module each."""

from moderation.models.cases import OPEN_STATES, Case, ModeratorAssignment, Report
from moderation.models.crisis import (
    CrisisAlert,
    CrisisEvidence,
    CrisisFollowUp,
    CrisisNotification,
    EscalationContact,
    Helpline,
    OnCallShift,
    SupportMessage,
)
from moderation.models.log import APPEND_ONLY_FK, AppendOnlyQuerySet, ModerationAction
from moderation.models.rules import DEFAULT_REACH_OUT_TEMPLATE, Rule, RulesVersion, SiteSettings
from moderation.models.sanctions import Appeal, MemberNote, Sanction
from moderation.models.screening import ForumScreeningSettings, ScreeningResult, WatchedWord

__all__ = [
    "APPEND_ONLY_FK",
    "DEFAULT_REACH_OUT_TEMPLATE",
    "OPEN_STATES",
    "Appeal",
    "AppendOnlyQuerySet",
    "Case",
    "CrisisAlert",
    "CrisisEvidence",
    "CrisisFollowUp",
    "CrisisNotification",
    "EscalationContact",
    "ForumScreeningSettings",
    "Helpline",
    "MemberNote",
    "ModerationAction",
    "ModeratorAssignment",
    "OnCallShift",
    "Report",
    "Rule",
    "RulesVersion",
    "Sanction",
    "ScreeningResult",
    "SiteSettings",
    "SupportMessage",
    "WatchedWord",
]
