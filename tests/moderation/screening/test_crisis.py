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
    "I've set a date. Saturday, when everyone is out",
    "i picked the day for it",
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
    "we set a date for the wedding and i'm planning everything tonight",
    "I picked a day to meet the landlord about the flat",
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


# crisis-2025.11.2: one or more first-person examples per new pattern class, each with the
# rule that must fire (written for these tests).
NEW_PATTERN_POSITIVES = [
    ("ideation.want_die", "honestly i can't wait to die"),
    ("ideation.want_die", "i wish i had never been born, i just want to fade away"),
    ("ideation.want_die", "i want to disappear from this world"),
    ("ideation.not_wanting_live", "i keep not wanting to be alive"),
    ("ideation.feel_like_dying", "most mornings i feel like dying"),
    ("ideation.dont_care_if_die", "i don't care if i die tonight"),
    ("ideation.suicide_option", "suicide feels like the only way out"),
    ("ideation.suicide_option", "the only option left is to end it"),
    ("ideation.my_suicide", "i've started planning my suicide"),
    ("ideation.whats_the_point_living", "what's the point of living"),
    ("ideation.give_up_life", "i have given up on life"),
    ("ideation.waiting_to_die", "i'm just waiting to die at this point"),
    ("ideation.should_i", "should i just end it"),
    ("ideation.burden_to", "i'm a burden to everyone around me"),
    ("ideation.wont_live_long", "i'll probably be dead by christmas"),
    ("means.research", "i've been researching ways to die"),
    ("means.research", "what is the most painless method to end it"),
    ("goodbye.apology", "mum, i'm sorry for what i'm about to do"),
]

# Support-giving, negation, figures of speech and past recovery near the same words.
NEW_PATTERN_NEGATIVES = [
    "i can't wait to see my sister this weekend",
    "we want to disappear for the weekend and go camping",
    "not wanting to live with my parents anymore, i'm moving out",
    "i feel like dancing tonight",
    "i don't care if i die my hair blue",
    "suicide is never the only way out, please reach out",
    "if you feel like dying, please talk to someone here",
    "the suicide prevention hotline helped my friend",
    "what's the point of this meeting",
    "i used to feel like dying, but i'm much better now",
    "i gave up on learning the piano",
    "i'm waiting for the bus",
    "should i just quit my job",
    "you are not a burden to anyone here",
    "i'll be dead tired by the time the shift ends",
    "i researched ways to cook lentils",
    "i'm sorry for the late reply",
    "when i'm gone for the weekend the cat sitter comes",
    "i don't want to die, i want the pain to stop",
]


@pytest.mark.parametrize(("rule", "text"), NEW_PATTERN_POSITIVES)
def test_new_patterns_fire_and_flag(rule, text):
    sigs = screen_crisis(normalize(text))
    assert {s.label for s in sigs} - {"crisis.concern_for_other"}, text
    assert f"crisis:{rule}" in {s.rule_id for s in sigs}, (text, [s.rule_id for s in sigs])


@pytest.mark.parametrize("text", NEW_PATTERN_NEGATIVES)
def test_new_patterns_leave_everyday_text_alone(text):
    labels = {s.label for s in screen_crisis(normalize(text))}
    assert not (labels - {"crisis.concern_for_other"}), (text, labels)


def test_weak_new_cues_do_not_flag_alone():
    for text in ("when i'm gone, who will water the plants", "i'm a waste of space lately"):
        assert not screen_crisis(normalize(text)), text


@pytest.mark.parametrize("text", [t for _, t in NEW_PATTERN_POSITIVES])
def test_new_patterns_found_at_the_end_of_long_posts(text):
    filler = ("We went for a walk and talked about the garden. " * 400)[:19_900]
    assert screen_crisis(normalize(filler + " " + text)), text


def test_required_substrings_never_change_new_pattern_results(monkeypatch):
    from moderation.screening import crisis

    texts = [t for _, t in NEW_PATTERN_POSITIVES] + NEW_PATTERN_NEGATIVES
    fast = [crisis.crisis_scores(normalize(t))[:2] for t in texts]
    for name in ("_FIRST", "_OTHER"):
        rules = tuple(dataclasses.replace(r, needs=()) for r in getattr(crisis, name))
        monkeypatch.setattr(crisis, name, rules)
    slow = [crisis.crisis_scores(normalize(t))[:2] for t in texts]
    assert fast == slow
