"""Crisis screener, crisis-2026.11.3: wider coverage of how suicidal ideation is put into words
(C-SSRS categories), convergent evidence from weaker cues, and the care that keeps negation,
support-giving and figures of speech quiet. Every example here was written for these tests."""

import dataclasses

import pytest

from moderation.screening import normalize
from moderation.screening.crisis import VERSION, crisis_scores, screen_crisis
from moderation.screening.crisis_convergence import weight_for


def first_person(text: str) -> set[str]:
    return {s.label for s in screen_crisis(normalize(text))} - {"crisis.concern_for_other"}


def rules_fired(text: str) -> set[str]:
    return {s.rule_id for s in screen_crisis(normalize(text))}


# (rule expected to fire, first-person text): one or more per category.
POSITIVES = [
    # wish to be dead, passive ideation
    ("ideation.ended_my_life", "some nights i come close and i've nearly ended my life twice"),
    ("ideation.reason_not_to", "give me one reason not to kill myself"),
    ("ideation.only_reason_havent", "the only reason i haven't ended it is my cat"),
    ("ideation.rather_not_exist", "honestly i'd much rather not exist at all"),
    ("ideation.give_up_and_die", "some days i just want to lie down and die"),
    ("ideation.regret_surviving", "i should have died that night in the car"),
    ("ideation.regret_surviving", "i wish i had starved to death back then"),
    ("ideation.wishing_to_die", "i catch myself wishing that i would get sick and die"),
    ("ideation.edge_of", "i am on the edge of suicide right now"),
    ("ideation.struggling_with_suicide", "i have been struggling with suicidal thoughts for weeks"),
    ("ideation.why_still_alive", "i don't understand why i'm still alive"),
    ("ideation.suicidal_self", "losing my job is making me suicidal"),
    ("ideation.want_die", "i don't know why i want to die but i do"),
    ("ideation.want_die", "once again i want to kill myself"),
    ("ideation.kill_myself", "i am about to kill my self"),
    ("ideation.only_thing_stopping", "the only reason that i'm alive is my little sister"),
    ("ideation.no_reason_live", "there is no reason to keep on existing"),
    ("ideation.life_not_worth", "life just isn't worth it"),
    # method and lethality
    ("means.how_many_will", "how many of my pills will it take"),
    ("means.how_to", "how do i kill myself without pain"),
    ("means.easy_way", "what's the least painful way to go"),
    ("means.height", "is the car park roof high enough to die"),
    ("means.gas", "i looked up carbon monoxide and bought charcoal"),
    ("means.option_for_suicide", "is the old viaduct still an option for suicide"),
    # intent, plan, preparatory behaviour, prior attempts
    ("plan.date_set", "i've got my date all set now"),
    ("plan.my_note", "this is my note. i'm sorry"),
    ("plan.my_note", "i gave my note to my therapist by mistake"),
    ("plan.not_coming_back", "going for a long drive, not planning on coming back"),
    ("intent.going_through", "i've decided to end it after the holidays"),
    ("intent.follow_through", "this time i won't stop myself from going through with it"),
    ("intent.easy_to_end", "it would be so easy to just end it"),
    ("plan.attempt_failed", "my attempt failed and i woke up in hospital"),
    # goodbyes
    ("goodbye.other_side", "see you all on the other side"),
]

# Negation, support-giving, figures of speech, third persons, recovery and everyday uses of
# the same words.
NEGATIVES = [
    "i don't want to die, i just want the pain to stop",
    "i'm not suicidal, i'm just worn out by work",
    "i was never meant to be here in this town, i'm moving to the coast",
    "please don't kill yourself, you matter to us",
    "if you are on the edge of suicide, call a helpline tonight",
    "how do you kill a process that hangs",
    "how many eggs will it take for this cake",
    "what's the quickest way to the station",
    "is this shelf high enough?",
    "i left a note for the plumber on the door",
    "i wrote my note for class last night",
    "my attempts at baking bread keep failing",
    "i'm ready to go to the party",
    "i'm doing it now and not waiting",
    "every day i tell my mom i love her",
    "i'm terrified of what i'm going to do until payday",
    "i hate living here with my flatmates",
    "i constantly think about dying and it scares me",
    "i'm thinking about ending things with him",
    "that joke killed me lol",
    "i have a rifle for hunting and a tent",
    "the day i set for the wedding is in may",
    "we lost the battle with the landlord",
    "i used to want to die when i was fifteen, but now i'm doing better",
    "i'm so tired of it all at work this week",
    "my friend told me she wants to die",
    "it would be easy to end it with him by text",
    "i have a plan for the weekend",
]


@pytest.mark.parametrize(("rule", "text"), POSITIVES)
def test_first_person_expressions_flag_with_their_rule(rule, text):
    assert first_person(text), text
    assert f"crisis:{rule}" in rules_fired(text), (text, rules_fired(text))


@pytest.mark.parametrize("text", NEGATIVES)
def test_negation_support_figures_and_everyday_uses_do_not_flag(text):
    assert not first_person(text), (text, rules_fired(text))


@pytest.mark.parametrize(
    "text",
    [
        "i'm done",
        "i want out.",
        "i think i'm ready.",
        "lost the battle",
        "i'm a burden",
        "i can't do this anymore",
        "i don't want to wake up in the morning",
        "i have pills in the cupboard",
        "i just want everything to stop",
        "i have a plan.",
        "i've given up",
    ],
)
def test_weak_cues_alone_do_not_flag(text):
    assert not first_person(text), (text, rules_fired(text))


@pytest.mark.parametrize(
    "text",
    [
        # hopelessness + entrapment + a weak phrase
        "nothing will ever change. i can't keep going. i'm done.",
        # burden + belonging + finality + death
        "everyone would be happier without me, nobody cares anyway. sorry for everything. "
        "i just want to disappear",
        # weak timing + entrapment + exhaustion + hopelessness
        "i think i'm ready. i can't take this anymore, i'm so tired and there is no point",
    ],
)
def test_several_weak_cues_together_reach_the_crisis_threshold(text):
    assert first_person(text), (text, crisis_scores(normalize(text))[0])


def test_convergent_evidence_names_its_constructs():
    text = "nothing will ever change. i can't keep going. i'm so tired. nobody cares."
    signal = next(s for s in screen_crisis(normalize(text)) if s.rule_id == "crisis:convergence")
    assert signal.label == "crisis.convergent"
    assert "hopelessness" in signal.explanation and "entrapment" in signal.explanation


def test_convergence_needs_death_entrapment_or_hopelessness():
    assert weight_for({"self_hate", "belonging", "exhaustion", "finality"}) == 0
    assert weight_for({"hopelessness", "belonging"}) > 0
    assert weight_for({"death"}) == 0


def test_one_phrase_counts_once_even_when_it_fits_two_constructs():
    # "want the pain to stop" is entrapment and pain; alone with a weak rule it stays quiet.
    assert not first_person("i want the pain to stop")


def test_cues_in_someone_elses_voice_do_not_converge():
    text = "my brother says nothing will ever change and he can't keep going, he's so tired"
    assert not first_person(text)


def test_anyone_else_questions_are_first_person():
    assert first_person("does anyone else want to die every single morning?")


def test_a_present_wish_about_the_past_is_not_recovery():
    past, *_ = crisis_scores(normalize("i wish i had died a year ago"))
    recovered, *_ = crisis_scores(normalize("i wanted to die a year ago, but now i'm fine"))
    assert past >= 0.5 > recovered


def test_version_names_this_lexicon():
    assert VERSION == "crisis-2026.12.4"


@pytest.mark.parametrize("text", [t for _, t in POSITIVES])
def test_new_expressions_are_found_at_the_end_of_long_posts(text):
    filler = ("We went for a walk and talked about the garden. " * 400)[:19_900]
    assert first_person(filler + " " + text), text


def test_required_substrings_never_change_results(monkeypatch):
    from moderation.screening import crisis

    texts = [t for _, t in POSITIVES] + NEGATIVES
    fast = [crisis.crisis_scores(normalize(t))[:2] for t in texts]
    for name in ("_FIRST", "_OTHER"):
        rules = tuple(dataclasses.replace(r, needs=()) for r in getattr(crisis, name))
        monkeypatch.setattr(crisis, name, rules)
    monkeypatch.setattr(crisis, "_GATE", crisis.re.compile(""))
    slow = [crisis.crisis_scores(normalize(t))[:2] for t in texts]
    assert fast == slow


def test_cues_spread_over_a_long_essay_do_not_converge():
    cues = "nothing will ever change. i can't keep going. i'm so tired. nobody cares."
    assert first_person(cues)
    filler = ("We went for a walk and talked about the garden. " * 200)[:8_000]
    assert not first_person(filler + " " + cues)
