"""Implicit ideation, and the sentences around it that are not the writer's risk.

Every sentence here was written for these tests.
"""

import pytest

from moderation.screening import TIER_RANK, normalize
from moderation.screening.risk import Evidence, _is_general, _one_per_phrase, assess


def tier(text: str) -> str:
    return assess(normalize(text)).tier


IMPLICIT_IDEATION = [
    "Honestly I have considered suicide more than once this month.",
    "I've been contemplating ending it all week.",
    "Death seems like a better solution than anything else right now.",
    "Not being here feels like the only answer I have left.",
    "It's not worth fighting anymore.",
    "Everything I had to live for is gone now.",
    "I've lost the will to live since the divorce.",
    "I've completely lost my reason to keep going.",
    "I don't have any reason to live.",
    "I can't find a reason to go on.",
    "I'd rather die than spend another year like this.",
    "I'd rather die than live like this.",
    "Thinking about suicide all day is exhausting me.",
    "I would rather not exist than wake up to this again.",
    "Death to me seems a better solution than living.",
    "I don't think it would be worth fighting anymore.",
    "I'm just some quiet suicidal girl from a small town, nothing special.",
]


@pytest.mark.parametrize("text", IMPLICIT_IDEATION)
def test_implicit_first_person_ideation_reaches_the_ideation_tier(text):
    assert tier(text) == "ideation"


NOT_THE_WRITERS_RISK = [
    # a reason to live, offered or named
    "Music is a reason to live, find yours.",
    "Your kids are a reason to keep going.",
    "Cooking gave me a reason to get up in the morning.",
    # hyperbole: dying compared with something other than living
    "I'd rather die than sit through that meeting again.",
    "I would rather kill myself than listen to that album twice.",
    # the reader's feelings, in the reader's words
    "It must be awful to feel like you'd rather die than live.",
    "You'd rather not be here, I get it, and you still deserve help.",
    # people in general
    "People often consider suicide after losing a job.",
    "Men are less likely to talk before they attempt suicide.",
    "We tend to forget the basics when feeling suicidal.",
    "Women who feel suicidal are more likely to reach out to a friend first.",
    # the topic, not the writer
    "There was a documentary about suicide on last night, worth watching.",
    "Stigma around suicide keeps families quiet.",
    # a helper reflecting the reader's experience back
    "Thinking about suicide every day sounds so exhausting.",
    "Feeling like you want to die must be terrible, and you are not alone.",
    "I'd rather die than live a lie, as the old song goes.",
    # names of forums and links
    "I found this sub through r/SuicideWatch last year.",
    "Has anyone read the suicide watch rules?",
    "This song helped: [Wish I Were Dead - The Band](https://example.org/song) give it a go.",
    # negated
    "I have never considered suicide, I was just exhausted.",
    "Death is not the answer to a bad week.",
    "It's not that life isn't worth it, I'm just tired.",
    "I'm honestly really not suicidal, only worn out.",
    "We are getting ready for my birthday on Saturday.",
]


@pytest.mark.parametrize("text", NOT_THE_WRITERS_RISK)
def test_help_hyperbole_general_names_and_negation_stay_below_ideation(text):
    assert TIER_RANK[tier(text)] < TIER_RANK["ideation"], text


PAST_ATTEMPTS = [
    "I have already tried to kill myself twice.",
    "I had actually attempted suicide before that summer.",
    "I once tried to end my life and nobody knew.",
    "Ive tried killing myself three times, the last one in spring.",
]


@pytest.mark.parametrize("text", PAST_ATTEMPTS)
def test_past_attempts_with_an_adverb_are_still_behaviour(text):
    assert tier(text) == "behaviour"


def test_a_helpers_past_is_dropped_but_the_next_clause_in_the_present_is_not():
    past = (
        "When I was a teenager I wanted to die. You are not alone, please reach out, "
        "you deserve to feel better."
    )
    now = (
        "That was years ago. I still want to die most days. You are not alone, please reach "
        "out, you deserve to feel better."
    )
    assert TIER_RANK[tier(past)] < TIER_RANK["ideation"]
    assert tier(now) == "ideation"


FILLER = "We walked to the market and bought bread, then sat by the water for a while. " * 30


@pytest.mark.parametrize("text", IMPLICIT_IDEATION)
def test_implicit_ideation_is_found_inside_long_posts(text):
    long_post = f"{FILLER}\n{text}\n{FILLER}"
    assert len(long_post) > 3000
    assert tier(long_post) == "ideation"


def test_thoughts_said_to_be_back_are_the_writers_own_not_a_general_statement():
    own = "The suicidal thoughts are back and louder than before."
    general = "Suicidal thoughts are common in depression."
    phrase = "suicidal thoughts"
    at = own.lower().index(phrase)
    assert not _is_general(own, (at, at + len(phrase)))
    assert _is_general(general, (0, len(phrase)))


@pytest.mark.parametrize(
    "text",
    [
        "I want to prepare for my death before the holidays.",
        "I've been arranging things for my funeral this week.",
    ],
)
def test_preparing_for_ones_own_death_is_behaviour(text):
    assert tier(text) == "behaviour"


PASSIVE_WISHES = [
    "Honestly I just want to disappear.",
    "I'd be okay if I didn't wake up tomorrow.",
    "Falling asleep and never waking up sounds peaceful.",
    "I wouldn't mind dying, to be honest.",
    "Everybody would be happier if I wasn't around.",
    "It would be so much easier if I just died.",
    "Death would be such a relief.",
    "I have nothing left to get up for.",
    "I can't picture myself making it to thirty.",
    "I've had enough of life.",
]


@pytest.mark.parametrize("text", PASSIVE_WISHES)
def test_passive_wishes_to_be_dead_are_ideation(text):
    assert tier(text) == "ideation"


PASSIVE_LOOKALIKES = [
    "I want to disappear into a long novel this weekend.",
    "I wanted to disappear when I dropped my tray in the canteen.",
    "I want to disappear from social media for a month.",
    "It would be easier if I wasn't here on Friday, the audit is brutal.",
    "I've had enough of my life being planned by my parents.",
    "I wouldn't mind a nap.",
    "You'd be happier if you weren't around such negative people.",
]


@pytest.mark.parametrize("text", PASSIVE_LOOKALIKES)
def test_everyday_uses_of_the_same_words_stay_below_ideation(text):
    assert TIER_RANK[tier(text)] < TIER_RANK["ideation"], text


@pytest.mark.parametrize("text", PASSIVE_WISHES)
def test_passive_wishes_are_found_inside_long_posts(text):
    long_post = f"{FILLER}\n{text}\n{FILLER}"
    assert tier(long_post) == "ideation"


SELF_HARM_AND_ATTEMPTS = [
    "I've tried cutting a few times just to feel something.",
    "I stopped cutting last spring but the urge is back.",
    "When I was drinking and cutting nobody noticed.",
    "The cutting helped for a while, then it didn't.",
    "I took about 40 sleeping pills and woke up in hospital two days later.",
    "I swallowed a whole bottle of paracetamol but I threw up.",
]


@pytest.mark.parametrize("text", SELF_HARM_AND_ATTEMPTS)
def test_self_harm_in_everyday_words_and_overdose_stories_are_behaviour(text):
    assert tier(text) == "behaviour"


CUTTING_LOOKALIKES = [
    "I started cutting back on coffee.",
    "I've been cutting carbs since January.",
    "I tried cutting my own hair and regret it.",
    "I was cutting onions and crying at the same time.",
    "She asked if I was cutting class again.",
    "I took 2 aspirin and then I woke up fine.",
    "I took 15 shots at the party and woke up on the sofa.",
    "I'm afraid of what I might do in the interview tomorrow.",
]


@pytest.mark.parametrize("text", CUTTING_LOOKALIKES)
def test_other_cutting_and_ordinary_doses_carry_no_risk(text):
    assert TIER_RANK[tier(text)] < TIER_RANK["ideation"], text


@pytest.mark.parametrize(
    "text", ["I'm scared of myself tonight.", "I'm afraid of what I might do to myself."]
)
def test_fear_of_acting_on_it_is_ideation(text):
    assert tier(text) == "ideation"


def test_a_plan_now_after_a_plan_long_ago_keeps_its_weight_in_a_helpers_post():
    text = (
        "I was planning to kill myself back in school (that was years ago), and I'm actually "
        "planning to kill myself tonight, but you deserve better. Please reach out to a "
        "helpline, you matter."
    )
    assert TIER_RANK[tier(text)] >= TIER_RANK["ideation"]
    recovered = "I was planning to kill myself back in school, years ago. Life is good now."
    assert tier(recovered) != "imminent"


@pytest.mark.parametrize(
    "text",
    [
        "Some nights I want to neck myself.",
        "I'm going to top myself one of these days.",
        "Honestly I'm worth more dead than alive.",
    ],
)
def test_slang_for_killing_oneself_is_ideation(text):
    assert tier(text) == "ideation"


def test_digging_into_ones_skin_until_it_bleeds_is_self_harm():
    assert tier("I pick at my arms until they bleed, then hide it.") == "behaviour"
    assert tier("I dig my nails into my thighs until I bleed.") == "behaviour"


@pytest.mark.parametrize(
    "text",
    [
        "I'll top myself up with more coffee before the lecture.",
        "I just don't see the point of this meeting.",
        "I'm not sure I want to do this course anymore, it is not for me.",
    ],
)
def test_the_same_words_about_everyday_things_are_not_ideation(text):
    assert TIER_RANK[tier(text)] < TIER_RANK["ideation"], text


@pytest.mark.parametrize("text", ["Goodbye everyone", "Goodbye everyone. Thank you all."])
def test_a_goodbye_to_everyone_is_not_a_statement_about_people_in_general(text):
    assert tier(text) == "imminent"


def test_two_rules_matching_the_same_words_count_as_one_cue():
    wanted = Evidence("ideation", "ideation", 0.34, (2, 23))
    inner = Evidence("ideation", "ideation", 0.3, (9, 23))
    elsewhere = Evidence("ideation", "ideation", 0.3, (40, 52))
    other_tier = Evidence("distress", "distress", 0.6, (2, 23))
    kept = _one_per_phrase([inner, wanted, elsewhere, other_tier])
    assert len(kept) == 3
    assert set(kept) == {wanted, other_tier, elsewhere}


@pytest.mark.parametrize("text", SELF_HARM_AND_ATTEMPTS)
def test_self_harm_stories_are_found_inside_long_posts(text):
    long_post = f"{FILLER}\n{text}\n{FILLER}"
    assert tier(long_post) == "behaviour"


def test_preparing_for_ones_death_is_found_inside_long_posts():
    long_post = f"{FILLER}\nI want to prepare for my death before the holidays.\n{FILLER}"
    assert tier(long_post) == "behaviour"


@pytest.mark.parametrize(
    "text", ["I'm planning to kill myself tonight.", "I'm going to end it all today."]
)
def test_a_plan_for_tonight_or_today_is_imminent(text):
    assert tier(text) == "imminent"


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to do it tomorrow, the garden needs weeding.",
        "I'll end it tomorrow with him, we both know it's over.",
        "I'm not going to kill myself tonight, I promise.",
    ],
)
def test_everyday_plans_for_tomorrow_are_not_imminent(text):
    assert tier(text) != "imminent", text
