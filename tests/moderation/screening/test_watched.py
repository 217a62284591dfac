"""Watched rules: evasion-tolerant matching, validation of dangerous regexes, bounded time."""

import time

import pytest

from moderation.screening import (
    ConditionRule,
    ScreeningContext,
    WatchedRule,
    eating_disorder_rules,
    normalize,
    screen,
    test_rule,
    validate_condition_rule,
    validate_watched_rule,
)
from moderation.screening import watched as watched_mod
from moderation.screening.conditions import match_conditions


@pytest.mark.parametrize(
    "sample",
    [
        "buy xanax here",
        "buy XANAX here",
        "buy x\u200ban\u00adax here",  # zero-width space and soft hyphen
        "buy хаnах here",  # Cyrillic х and а
        "buy x4n4x here",  # leetspeak
        "buy xaaanax here",  # stretched letters
        "buy ｘａｎａｘ here",  # full-width letters (NFKC)
        "buy x.a.n.a.x here",
    ],
)
def test_watched_word_survives_evasion(sample):
    rule = WatchedRule(id="r1", pattern="xanax", kind="word", action="hold")
    matches = test_rule(rule, sample)
    assert len(matches) == 1, sample
    m = matches[0]
    assert sample[m.span[0] : m.span[1]] == m.matched


def test_word_rule_does_not_match_inside_other_words():
    rule = WatchedRule(id="r1", pattern="ass", kind="word")
    assert test_rule(rule, "my class was great") == []
    assert len(test_rule(rule, "what an ass")) == 1


def test_phrase_rule_matches_across_spacing_and_punctuation():
    rule = WatchedRule(id="p1", pattern="sell my meds", kind="phrase", action="block")
    assert len(test_rule(rule, "want to SELL  my-meds cheap")) == 1


def test_regex_rule_matches():
    rule = WatchedRule(id="x1", pattern=r"\bpromo\s?code\b", kind="regex")
    assert [m.matched for m in test_rule(rule, "Use PROMO CODE now")] == ["PROMO CODE"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (r"(a+)+$", "Nested repeats"),
        (r"(\w+\s?)*x", "Nested repeats"),
        (r"(a|aa)*b", "Alternatives inside a repeated group"),
        (r"(a)\1", "Back-references"),
        (r".*", "matches empty text"),
        (r"a{1,50000}", "Repeat counts"),
        (r"[unclosed", "not a valid regular expression"),
        ("a" * 400, "limited to"),
        (r"a*b*c*d*e*f", "open-ended repeats"),
    ],
)
def test_dangerous_or_invalid_regex_is_rejected_with_a_clear_message(pattern, message):
    with pytest.raises(ValueError, match=message):
        validate_watched_rule(WatchedRule(id="bad", pattern=pattern, kind="regex"))


def test_invalid_rule_fields_are_rejected():
    with pytest.raises(ValueError, match="Action"):
        validate_watched_rule(WatchedRule(id="r", pattern="x", action="explode"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="phrase rule"):
        validate_watched_rule(WatchedRule(id="r", pattern="two words", kind="word"))
    with pytest.raises(ValueError, match="empty"):
        validate_watched_rule(WatchedRule(id="r", pattern="  ", kind="word"))


def test_catastrophic_regex_is_bounded_at_runtime_even_if_validation_is_bypassed(monkeypatch):
    # Pretend a catastrophic pattern got past validation: chunking bounds each match call.
    import re

    evil = re.compile(r"(a+)+$")
    monkeypatch.setattr(watched_mod, "validate_watched_rule", lambda rule: evil)
    monkeypatch.setattr(watched_mod, "CHUNK_CHARS", 22)
    monkeypatch.setattr(watched_mod, "CHUNK_OVERLAP", 2)
    rule = WatchedRule(id="evil", pattern="(a+)+$", kind="regex")
    start = time.perf_counter()
    watched_mod.test_rule(rule, "a" * 20_000 + "!")
    assert time.perf_counter() - start < 5


def test_replace_action_rewrites_the_original_text():
    rule = WatchedRule(id="r", pattern="darn", kind="word", action="replace", replacement="[…]")
    v = screen("Well D4RN it", ScreeningContext(), [rule])
    assert v.replaced_text == "Well […] it"
    assert v.action == "allow"


def test_forum_scoped_rule_only_applies_in_its_forum():
    rule = WatchedRule(id="r", pattern="relapse", kind="word", action="hold", forum_slug="ed")
    assert screen("relapse", ScreeningContext(forum_slug="ed"), [rule]).action == "hold"
    assert screen("relapse", ScreeningContext(forum_slug="general"), [rule]).action == "allow"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I'm down to 89 lbs", "weight"),
        ("I weigh 45kg now", "weight"),
        ("eating 1200 calories a day", "calories"),
        ("my BMI of 16 scares me", "bmi"),
        ("bmi 17.5", "bmi"),
    ],
)
def test_eating_disorder_numbers_are_caught_in_ed_forums(text, kind):
    rules = eating_disorder_rules(("ed-recovery",))
    sigs = match_conditions(normalize(text), rules, "ed-recovery")
    assert f"condition.eating_disorder.{kind}" in {s.label for s in sigs}
    assert match_conditions(normalize(text), rules, "general") == []


def test_condition_action_is_configurable_per_kind():
    rules = eating_disorder_rules(("ed",), weight="hold")
    v = screen("down to 89 lbs and 900 calories", ScreeningContext(forum_slug="ed"), rules)
    assert v.action == "hold"
    assert v.requires_content_warning  # calories still require a content warning


def test_eating_disorder_rules_ignore_ordinary_numbers():
    rules = eating_disorder_rules(("ed",))
    assert match_conditions(normalize("I lost 3 friends in 2020"), rules, "ed") == []


def test_unknown_condition_is_rejected():
    with pytest.raises(ValueError, match="Unknown condition"):
        validate_condition_rule(ConditionRule(id="c", condition="nope", kind="weight"))
