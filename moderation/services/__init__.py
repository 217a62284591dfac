"""Every moderation write: each service writes its audit entry in the same transaction."""

from moderation.services.appeals import appeal_create, can_appeal
from moderation.services.care import case_claims_release, check_in_request_for_member
from moderation.services.cases import (
    case_claim,
    case_dismiss,
    case_escalate,
    case_open_for_held_post,
    case_open_or_attach,
    case_reopen,
)
from moderation.services.content import (
    post_add_content_warning,
    post_approve,
    post_edit_by_moderator,
    post_hide_for_review,
    post_remove_citing_rules,
    thread_move_to,
    thread_remove_citing_rules,
    thread_set_locked,
    thread_set_pinned,
)
from moderation.services.crisis import (
    crisis_case_resolve,
    crisis_check_in_request,
    crisis_check_in_request_for,
    crisis_clock_tick,
    crisis_follow_ups_reopen_due,
    crisis_reach_out,
)
from moderation.services.errors import ModerationError, ReportRefused
from moderation.services.profile_screening import profile_text_approve
from moderation.services.reports import report_create
from moderation.services.risk_patterns import member_pattern_check
from moderation.services.rules import rules_accept
from moderation.services.sanctions import member_note_add, member_sanction, sanction_lift
from moderation.services.screening import (
    post_screen,
    posts_awaiting_screening,
    precheck_submission,
    screening_failed,
    screening_result_apply,
)
from moderation.services.support import support_mark_read, support_reply
from moderation.services.trust import trust_level_recompute, trust_levels_recompute_all

__all__ = [
    "ModerationError",
    "ReportRefused",
    "appeal_create",
    "can_appeal",
    "case_claim",
    "case_claims_release",
    "case_dismiss",
    "case_escalate",
    "case_open_for_held_post",
    "case_open_or_attach",
    "case_reopen",
    "check_in_request_for_member",
    "crisis_case_resolve",
    "crisis_check_in_request",
    "crisis_check_in_request_for",
    "crisis_clock_tick",
    "crisis_follow_ups_reopen_due",
    "crisis_reach_out",
    "member_note_add",
    "member_pattern_check",
    "member_sanction",
    "post_add_content_warning",
    "post_approve",
    "post_edit_by_moderator",
    "post_hide_for_review",
    "post_remove_citing_rules",
    "post_screen",
    "posts_awaiting_screening",
    "precheck_submission",
    "profile_text_approve",
    "report_create",
    "rules_accept",
    "sanction_lift",
    "screening_failed",
    "screening_result_apply",
    "support_mark_read",
    "support_reply",
    "thread_move_to",
    "thread_remove_citing_rules",
    "thread_set_locked",
    "thread_set_pinned",
    "trust_level_recompute",
    "trust_levels_recompute_all",
]
