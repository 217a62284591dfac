"""Crisis screener: first-person risk flagged; negation, support, figures of speech not."""

import dataclasses

import pytest

from moderation.screening import normalize
from moderation.screening.crisis import crisis_scores, screen_crisis

FIRST_PERSON = [
    "I want to die",
    "i just want to die honestly",
    "i want to kill myself",
    "kms",
    "thinking about unaliving myself again",
    "i want it all to end",
    "im done with everything. i want it all to end",
    "there is no reason to live anymore",
    "I wish I wouldn't wake up tomorrow",
    "everyone would be better off without me",
    "I'm planning to end it this weekend",
    "I wrote my note last night",
    "how many sleeping pills would it take",
    "I have the pills ready",
    "I bought a rope today and I'm going to use it",
    "this is my last post. goodbye everyone, thank you for everything",
    "I've been cutting myself again",
    "I don't want to live anymore",
    "I'm suicidal and I don't know what to do",
    "all i want is to die",
    "I don't want to be here anymore, I want to disappear forever",
    "Ich will nicht mehr. I want to die 😞",
    "i w\u200bant to die",  # zero-width space inside a word
    "I WANT TO DIE",
]

NOT_CRISIS = [
    "I don't want to die",
    "I'm not suicidal, just tired",
    "please don't kill yourself, we care about you",
    "you should call a helpline if you feel like ending it",
    "this exam is killing me",
    "I could kill for a coffee",
    "dying to see the new film",
    "kill the process and restart the server",
    "I want to die of embarrassment lol",
    "I'd rather die than wear that jumper",
    "I killed it at the karaoke night",
    "my phone battery died again",
    "I'm dead 😂 that video",
    "Today was hard but I managed to get out of bed and make some tea.",
    "I can't do this anymore",  # weak alone: not a crisis signal by itself
    "the deadline is killing me but I'll get there",
]


@pytest.mark.parametrize("text", FIRST_PERSON)
def test_first_person_crisis_is_flagged(text):
    labels = {s.label for s in screen_crisis(normalize(text))}
    assert labels - {"crisis.concern_for_other"}, text


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_negation_support_and_figures_of_speech_are_not_flagged(text):
    labels = {s.label for s in screen_crisis(normalize(text))}
    assert not (labels - {"crisis.concern_for_other"}), (text, labels)


@pytest.mark.parametrize(
    "text",
    [
        "my friend said she wants to die",
        "I'm worried my brother is going to kill himself",
        "my girlfriend keeps talking about ending her life",
        "my son is suicidal and I don't know how to help",
    ],
)
def test_concern_for_someone_else_is_its_own_signal(text):
    sigs = screen_crisis(normalize(text))
    labels = {s.label for s in sigs}
    assert labels == {"crisis.concern_for_other"}, (text, labels)


def test_past_tense_recovery_lowers_weight_but_not_to_zero():
    past, _, _, _ = crisis_scores(normalize("I used to want to die, but things are better"))
    present, _, _, _ = crisis_scores(normalize("I want to die"))
    assert 0 < past < present


def test_weak_phrases_combine_into_a_flag():
    text = "i can't do this anymore. what's the point. i'm so tired of living"
    assert screen_crisis(normalize(text))


def test_threshold_is_configurable():
    text = "i can't do this anymore"
    assert not screen_crisis(normalize(text))
    assert screen_crisis(normalize(text), threshold=0.2)


def test_signals_carry_original_spans():
    text = "Hello.  I w\u200bant to die."
    sig = next(s for s in screen_crisis(normalize(text)) if s.label == "crisis.ideation")
    a, b = sig.span
    assert text[a:b] == sig.matched
    assert "die" in sig.matched


def test_long_post_with_crisis_at_the_end_is_flagged():
    text = ("We went for a walk and talked about the garden. " * 400)[:19_950] + " i want to die"
    assert screen_crisis(normalize(text))


def test_required_substring_shortcut_never_changes_the_result(monkeypatch):
    from moderation.screening import crisis

    texts = FIRST_PERSON + NOT_CRISIS
    fast = [crisis.crisis_scores(normalize(t))[:2] for t in texts]
    for name in ("_FIRST", "_OTHER"):
        rules = tuple(dataclasses.replace(r, needs=()) for r in getattr(crisis, name))
        monkeypatch.setattr(crisis, name, rules)
    slow = [crisis.crisis_scores(normalize(t))[:2] for t in texts]
    assert fast == slow
