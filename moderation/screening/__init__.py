"""Hearth content screening: text + context + rules in, a verdict out.

A pure library: no Django, database, network or settings. See `precheck` and `screen`.
"""

from .conditions import eating_disorder_rules, validate_condition_rule
from .engine import (
    FULL_SCREENERS,
    PRECHECK_SCREENERS,
    Job,
    Screener,
    precheck,
    screen,
)
from .normalize import NormalizedText, normalize
from .pattern import DEFAULT_WINDOW, Pattern, find_pattern
from .policy import DEFAULT_POLICY, ForumPolicy, decide
from .risk_lexicon import TIER_RANK, TIERS
from .spam import text_fingerprint
from .types import (
    ACTIONS,
    ConditionRule,
    RuleMatch,
    ScreeningContext,
    Signal,
    Verdict,
    WatchedRule,
)
from .watched import test_rule, validate_watched_rule

__all__ = [
    "ACTIONS",
    "DEFAULT_POLICY",
    "DEFAULT_WINDOW",
    "FULL_SCREENERS",
    "PRECHECK_SCREENERS",
    "TIERS",
    "TIER_RANK",
    "ConditionRule",
    "ForumPolicy",
    "Job",
    "NormalizedText",
    "Pattern",
    "RuleMatch",
    "Screener",
    "ScreeningContext",
    "Signal",
    "Verdict",
    "WatchedRule",
    "decide",
    "eating_disorder_rules",
    "find_pattern",
    "normalize",
    "precheck",
    "screen",
    "test_rule",
    "text_fingerprint",
    "validate_condition_rule",
    "validate_watched_rule",
]
