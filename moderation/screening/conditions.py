"""Condition-specific rules, e.g. numbers in eating-disorder recovery forums.

In eating-disorder recovery spaces, specific weights, calorie counts and BMIs act as
targets and comparisons for readers, so forums put them behind a content warning or hold
them. Each rule kind has a pattern; the forum chooses the action per kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .normalize import NormalizedText
from .scan import anchor_windows, finditer_in
from .types import ConditionRule, RuleAction, Signal

SCREENER = "condition"
VERSION = "conditions-2025.11.1"

_NUM = r"\d{1,4}(?:[.,]\d{1,2})?"
# condition -> kind -> pattern (run on casefolded text)
PATTERNS: dict[str, dict[str, str]] = {
    "eating_disorder": {
        "weight": (
            rf"\b{_NUM}\s?(?:lbs?|pounds?|kgs?|kilos?|kilograms?|st(?:one)?\b(?:\s?{_NUM}\s?"
            rf"(?:lbs?|pounds?))?)\b|\b(?:weigh(?:ed|s|ing)?|weight (?:is|was|of)|down to|"
            rf"(?:u?gw|cw|hw|lw|sw)\s?[:=]?)\s?(?:about |around |only )?"
            rf"{_NUM}(?:\s?(?:lbs?|pounds?|kgs?|kilos?|st(?:one)?)\b)?"
        ),
        "calories": (
            rf"\b{_NUM}\s?(?:k?cals?|calories|kcal|kilocalories)\b|\b(?:under|less than|below|"
            rf"max(?:imum)?|only)\s{_NUM}\s?(?:a day|per day|daily)\b"
        ),
        "bmi": rf"\bbmi\s?(?:of|is|was|=|:|at|around|about|under|below)?\s?(?:only\s)?{_NUM}\b",
        "size": r"\b(?:size|sz)\s?(?:00|0|xxs|2)\b|\bthigh gap\b",
    },
}
EXPLANATIONS = {
    "weight": "Mentions a specific body weight.",
    "calories": "Mentions a specific calorie number.",
    "bmi": "Mentions a specific BMI.",
    "size": "Mentions a clothing size or body-check target.",
}
_COMPILED = {c: {k: re.compile(p) for k, p in kinds.items()} for c, kinds in PATTERNS.items()}
# Every pattern needs a number or one of these words, so scan only near them.
_ANCHOR = re.compile(r"\d|thigh gap|xxs")  # \d, not \d+: `re` skips to it faster


def validate_condition_rule(rule: ConditionRule) -> None:
    """Raise ValueError when the rule names an unknown condition or kind."""
    if rule.condition not in PATTERNS:
        raise ValueError(f"Unknown condition {rule.condition!r}: use one of {sorted(PATTERNS)}.")
    if rule.kind not in PATTERNS[rule.condition]:
        kinds = sorted(PATTERNS[rule.condition])
        raise ValueError(f"Unknown kind {rule.kind!r} for {rule.condition}: use one of {kinds}.")


def eating_disorder_rules(
    forum_slugs: tuple[str, ...],
    *,
    weight: RuleAction = "require_cw",
    calories: RuleAction = "require_cw",
    bmi: RuleAction = "require_cw",
    size: RuleAction = "flag",
) -> tuple[ConditionRule, ...]:
    """Return the eating-disorder rule set for the given forums, one action per kind."""
    actions = {"weight": weight, "calories": calories, "bmi": bmi, "size": size}
    return tuple(
        ConditionRule(
            id=f"ed.{kind}",
            condition="eating_disorder",
            kind=kind,
            action=action,
            forum_slugs=forum_slugs,
        )
        for kind, action in actions.items()
    )


def match_conditions(
    norm: NormalizedText, rules: Iterable[ConditionRule], forum: str | None
) -> list[Signal]:
    """Return condition signals labelled condition.<condition>.<kind>."""
    out: list[Signal] = []
    windows: list[tuple[int, int]] | None = []
    computed = False
    for rule in rules:
        if not rule.applies_to(forum):
            continue
        validate_condition_rule(rule)
        regex = _COMPILED[rule.condition][rule.kind]
        if not computed:  # every pattern shares the anchor: find its windows once
            windows = anchor_windows(_ANCHOR, norm.text, before=40, after=30)
            computed = True
        for m in finditer_in(regex, norm.text, windows):
            span = norm.original_span(m.start(), m.end())
            out.append(
                Signal(
                    screener=SCREENER,
                    label=f"condition.{rule.condition}.{rule.kind}",
                    score=1.0,
                    span=span,
                    matched=norm.original[span[0] : span[1]],
                    explanation=EXPLANATIONS.get(rule.kind, "Matches a forum rule."),
                    rule_id=rule.id,
                )
            )
    return out
