"""Engine: precheck and screen end to end, isolation of failing screeners, long posts."""

import time

from moderation.screening import (
    FULL_SCREENERS,
    PRECHECK_SCREENERS,
    Screener,
    ScreeningContext,
    WatchedRule,
    precheck,
    screen,
)

SECRET = "my secret text 555-0100"


def test_crisis_post_gets_crisis_verdict_at_precheck():
    v = precheck("i don't want to live anymore, i have the pills ready")
    assert v.action == "crisis" and v.is_crisis


def test_ordinary_post_is_allowed():
    v = screen("Had a better day today, went for a walk with my sister.")
    assert v.action == "allow" and v.signals == ()


def test_precheck_asks_to_confirm_pii():
    v = precheck("you can call me on 07700 900123")
    assert v.requires_confirmation_for_pii
    assert "pii.phone" in v.labels()


def test_full_screen_adds_abuse_and_spam():
    v = screen("you are a pathetic loser", ScreeningContext(author_trust="new"))
    assert "abuse.insult" in v.labels()
    assert precheck("you are a pathetic loser").action == "allow"


def test_screener_error_holds_the_post_without_leaking_text():
    def boom(job):
        raise RuntimeError(f"failed on {job.norm.original}")

    screeners = (*FULL_SCREENERS, Screener("broken", "0", boom))
    v = screen(SECRET, ScreeningContext(), (), screeners=screeners)
    assert v.action == "hold"
    err = [s for s in v.signals if s.label == "screening.error"]
    assert len(err) == 1
    assert err[0].explanation == "RuntimeError"
    assert SECRET not in str(v.to_dict()).replace(v.signals[0].matched, "")
    assert "secret" not in err[0].explanation and err[0].matched == ""


def test_other_screeners_still_run_when_one_fails():
    def boom(job):
        raise ValueError("x")

    screeners = (Screener("broken", "0", boom), *PRECHECK_SCREENERS)
    v = precheck("email me at a.person@example.com", screeners=screeners)
    assert {"screening.error", "pii.email"} <= v.labels()


def test_verdict_records_screener_versions():
    v = screen("hello")
    assert {"crisis", "abuse", "pii", "spam", "watched", "engine"} <= set(v.screener_versions)


def test_twenty_thousand_character_post_is_screened_quickly():
    body = "I went to the shops and then sat in the park for a while. " * 400
    text = body[:19_986] + " i want to die"
    assert len(text) == 20_000
    start = time.perf_counter()
    v = precheck(text, rules=[WatchedRule(id="w", pattern="parkk", kind="word")])
    assert v.is_crisis
    assert time.perf_counter() - start < 1.0  # generous: CI machines vary
    assert screen(text).is_crisis


def test_emoji_and_other_scripts_do_not_break_screening():
    v = screen("今日はつらい 😢 но я держусь. مرحبا 👋🏽 ok")
    assert v.action == "allow"


def test_spans_point_into_the_original_text_after_normalisation():
    text = "Ｈｉ! call ０７７００ ９００１２３ or I w\u200bant to die"
    v = precheck(text)
    for s in v.signals:
        if s.span:
            assert text[s.span[0] : s.span[1]] == s.matched
