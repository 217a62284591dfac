"""Forum policy: turn signals into one verdict action.

Actions, from least to most restrictive: allow, flag (a case for moderators, content
stays visible), hold (hidden pending review), block (rejected at submit), crisis (the
crisis flow: support resources shown to the author, urgent case for moderators). The
most restrictive action any signal asks for wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .risk_lexicon import TIER_RANK
from .types import ACTION_SEVERITY, Signal, Verdict

# Label prefix -> action. The longest matching prefix applies.
DEFAULT_ACTIONS: Mapping[str, str] = MappingProxyType(
    {
        "crisis": "crisis",
        "crisis.concern_for_other": "flag",
        # Risk tiers: what the member sees and what moderators get is the forum's tier
        # policy, applied by the screening service; the engine routes ideation and above
        # through the crisis flow so the author always sees help.
        "risk": "allow",
        "risk.ideation": "crisis",
        "risk.behaviour": "crisis",
        "risk.imminent": "crisis",
        "abuse.hate": "hold",
        "abuse.threat": "hold",
        "abuse.insult": "flag",
        "pii": "flag",
        "spam": "flag",
        "screening.error": "hold",
    }
)
RULE_ACTION_TO_VERDICT = {
    "flag": "flag",
    "hold": "hold",
    "block": "block",
    "replace": "allow",
    "require_cw": "allow",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ForumPolicy:
    """How a forum turns signals into actions; the defaults suit a peer-support forum."""

    actions: Mapping[str, str] = field(default_factory=lambda: DEFAULT_ACTIONS)
    crisis_threshold: float = 0.5
    spam_hold_score: float = 0.8

    def __post_init__(self) -> None:
        for prefix, action in self.actions.items():
            if action not in ACTION_SEVERITY:
                raise ValueError(f"Unknown action {action!r} for {prefix!r}.")

    def action_for(self, signal: Signal, rule_actions: Mapping[str, str]) -> str:
        """Return the action one signal asks for under this policy."""
        label = signal.label
        if label.startswith("watched."):
            return RULE_ACTION_TO_VERDICT.get(label.split(".", 1)[1], "flag")
        if label.startswith("condition."):
            rule_action = rule_actions.get(signal.rule_id or "", "flag")
            return RULE_ACTION_TO_VERDICT.get(rule_action, "flag")
        if label.startswith("spam.") and signal.score >= self.spam_hold_score:
            return "hold"
        best, best_len = "allow", -1
        for prefix, action in self.actions.items():
            if (label == prefix or label.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = action, len(prefix)
        return best


DEFAULT_POLICY = ForumPolicy()


def _reason(signal: Signal) -> str:
    return signal.explanation or signal.label


def decide(
    signals: Iterable[Signal],
    policy: ForumPolicy,
    *,
    rule_actions: Mapping[str, str] | None = None,
    replaced_text: str | None = None,
    versions: Mapping[str, str] | None = None,
) -> Verdict:
    """Combine signals into a Verdict under the policy."""
    rule_actions = rule_actions or {}
    sigs = tuple(signals)
    action = "allow"
    reasons: list[str] = []
    cw = False
    for s in sigs:
        this = policy.action_for(s, rule_actions)
        if ACTION_SEVERITY[this] > ACTION_SEVERITY[action]:
            action = this
        if this != "allow" and _reason(s) not in reasons:
            reasons.append(_reason(s))
        if s.label == "watched.require_cw" or (
            s.label.startswith("condition.") and rule_actions.get(s.rule_id or "") == "require_cw"
        ):
            cw = True
            if _reason(s) not in reasons:
                reasons.append(_reason(s))
    is_crisis = action == "crisis"
    tier, evidence = tier_of(sigs)
    return Verdict(
        action=action,  # type: ignore[arg-type]
        signals=sigs,
        reasons=tuple(reasons),
        requires_confirmation_for_pii=any(s.category == "pii" for s in sigs),
        is_crisis=is_crisis,
        replaced_text=replaced_text,
        requires_content_warning=cw,
        screener_versions=dict(versions or {}),
        tier=tier,
        tier_evidence=evidence,
    )


def tier_of(signals: Iterable[Signal]) -> tuple[str, tuple[str, ...]]:
    """Return the highest risk tier among `risk.<tier>` signals and its evidence kinds."""
    tier, evidence = "none", ()
    for s in signals:
        if s.rule_id != "risk:tier":
            continue
        this = s.label.split(".", 1)[1]
        if TIER_RANK.get(this, 0) > TIER_RANK[tier]:
            tier = this
            kinds = s.explanation.split(":", 1)[-1].strip().rstrip(".")
            evidence = tuple(k.strip() for k in kinds.split(",") if k.strip())
    return tier, evidence
