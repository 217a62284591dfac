"""Policy: signal categories map to verdict actions; the most restrictive wins."""

import json

import pytest

from moderation.screening import DEFAULT_POLICY, ForumPolicy, Signal, decide


def sig(label, score=0.9, rule_id=None):
    return Signal(screener=label.split(".")[0], label=label, score=score, rule_id=rule_id)


@pytest.mark.parametrize(
    ("label", "action"),
    [
        ("crisis.ideation", "crisis"),
        ("crisis.plan", "crisis"),
        ("crisis.concern_for_other", "flag"),
        ("abuse.hate", "hold"),
        ("abuse.threat", "hold"),
        ("abuse.insult", "flag"),
        ("pii.email", "flag"),
        ("spam.pattern", "hold"),  # score 0.9 is above the hold threshold
        ("watched.block", "block"),
        ("watched.hold", "hold"),
        ("watched.replace", "allow"),
        ("screening.error", "hold"),
    ],
)
def test_default_policy_maps_categories_to_actions(label, action):
    assert decide([sig(label)], DEFAULT_POLICY).action == action


def test_low_spam_score_is_only_flagged():
    assert decide([sig("spam.link_density", 0.55)], DEFAULT_POLICY).action == "flag"


def test_most_restrictive_action_wins_and_crisis_outranks_block():
    v = decide([sig("abuse.insult"), sig("watched.block"), sig("crisis.intent")], DEFAULT_POLICY)
    assert v.action == "crisis" and v.is_crisis


def test_pii_asks_the_author_to_confirm():
    assert decide([sig("pii.phone")], DEFAULT_POLICY).requires_confirmation_for_pii


def test_no_signals_means_allow():
    v = decide([], DEFAULT_POLICY)
    assert v.action == "allow" and v.reasons == ()


def test_forum_can_override_an_action():
    strict = ForumPolicy(actions={**DEFAULT_POLICY.actions, "abuse.insult": "hold"})
    assert decide([sig("abuse.insult")], strict).action == "hold"


def test_unknown_action_in_policy_is_rejected():
    with pytest.raises(ValueError):
        ForumPolicy(actions={"abuse": "explode"})


def test_require_cw_sets_content_warning_without_hiding():
    v = decide([sig("watched.require_cw")], DEFAULT_POLICY)
    assert v.requires_content_warning and v.action == "allow"


def test_verdict_is_json_serialisable():
    v = decide([sig("pii.email"), sig("crisis.goodbye")], DEFAULT_POLICY, versions={"x": "1"})
    data = json.loads(json.dumps(v.to_dict()))
    assert data["action"] == "crisis"
    assert data["screener_versions"] == {"x": "1"}
    assert {s["label"] for s in data["signals"]} == {"pii.email", "crisis.goodbye"}


def test_signal_score_must_be_between_zero_and_one():
    with pytest.raises(ValueError):
        Signal(screener="x", label="x.y", score=1.5)
