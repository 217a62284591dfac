"""Typed data contract of the screening engine: signals, context, rules and verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Action = Literal["allow", "flag", "hold", "block", "crisis"]
RuleAction = Literal["flag", "hold", "block", "replace", "require_cw"]
RuleKind = Literal["word", "phrase", "regex"]
Trust = Literal["new", "member", "trusted"]

#: Verdict actions ordered from least to most restrictive; "crisis" outranks everything
#: because a person in danger must reach the crisis flow whatever else the post contains.
ACTION_SEVERITY: dict[str, int] = {"allow": 0, "flag": 1, "hold": 2, "block": 3, "crisis": 4}
ACTIONS: tuple[str, ...] = tuple(ACTION_SEVERITY)
RULE_ACTIONS: tuple[str, ...] = ("flag", "hold", "block", "replace", "require_cw")
RULE_KINDS: tuple[str, ...] = ("word", "phrase", "regex")
TRUST_LEVELS: tuple[str, ...] = ("new", "member", "trusted")


@dataclass(frozen=True, slots=True, kw_only=True)
class Signal:
    """One finding of one screener, with its position in the original text."""

    screener: str
    label: str
    score: float
    span: tuple[int, int] | None = None
    matched: str = ""
    explanation: str = ""
    rule_id: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"signal score must be within 0..1, got {self.score!r}")

    @property
    def category(self) -> str:
        """Return the part of the label before the first dot (e.g. "crisis")."""
        return self.label.split(".", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "screener": self.screener,
            "label": self.label,
            "score": round(self.score, 4),
            "span": list(self.span) if self.span is not None else None,
            "matched": self.matched,
            "explanation": self.explanation,
            "rule_id": self.rule_id,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ScreeningContext:
    """What the engine may know about a post besides its text."""

    author_trust: Trust = "member"
    recent_text_hashes: tuple[str, ...] = ()
    forum_slug: str | None = None
    is_title: bool = False
    locale: str | None = None
    phone_regions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.author_trust not in TRUST_LEVELS:
            raise ValueError(f"author_trust must be one of {TRUST_LEVELS}")


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchedRule:
    """An operator-defined watched word, phrase or regex and what to do on a match."""

    id: str
    pattern: str
    kind: RuleKind = "word"
    action: RuleAction = "flag"
    replacement: str = ""
    forum_slug: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConditionRule:
    """A condition-specific rule (e.g. weights and calories in eating-disorder forums)."""

    id: str
    condition: str
    kind: str
    action: RuleAction = "require_cw"
    forum_slugs: tuple[str, ...] = ()

    def applies_to(self, forum_slug: str | None) -> bool:
        """Return True when the rule covers the forum (no slugs means every forum)."""
        return not self.forum_slugs or forum_slug in self.forum_slugs


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleMatch:
    """One match of a watched rule, as shown in the console's "test this rule" box."""

    rule_id: str
    span: tuple[int, int]
    matched: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """The engine's decision for one text, with every signal and reason behind it."""

    action: Action
    signals: tuple[Signal, ...] = ()
    reasons: tuple[str, ...] = ()
    requires_confirmation_for_pii: bool = False
    is_crisis: bool = False
    replaced_text: str | None = None
    requires_content_warning: bool = False
    screener_versions: dict[str, str] = field(default_factory=dict)
    #: The C-SSRS-aligned risk tier (none, distress, ideation, behaviour, imminent) and the
    #: kinds of evidence behind it ("a past attempt", "method research").
    tier: str = "none"
    tier_evidence: tuple[str, ...] = ()

    @property
    def offers_help(self) -> bool:
        """Return True when the author should see the help panel (ideation tier or above)."""
        return self.is_crisis or self.tier in ("ideation", "behaviour", "imminent")

    def labels(self) -> set[str]:
        """Return the set of signal labels."""
        return {s.label for s in self.signals}

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "action": self.action,
            "signals": [s.to_dict() for s in self.signals],
            "reasons": list(self.reasons),
            "requires_confirmation_for_pii": self.requires_confirmation_for_pii,
            "is_crisis": self.is_crisis,
            "replaced_text": self.replaced_text,
            "requires_content_warning": self.requires_content_warning,
            "screener_versions": dict(self.screener_versions),
            "tier": self.tier,
            "tier_evidence": list(self.tier_evidence),
        }
