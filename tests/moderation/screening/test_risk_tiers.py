"""Risk tiers (C-SSRS aligned): each tier, support, negation, quoting and evasion.

Every sentence here was written for these tests.
"""

import pytest

from moderation.screening import TIER_RANK, normalize, risk, screen
from moderation.screening.risk import assess, repair

IMMINENT = [
    "I've taken all my pills, I'm sorry everyone.",
    "This is goodbye. I love you all.",
    "I'm sitting in the car in the garage with the engine running.",
    "I won't be here tomorrow.",
    "I took 40 sertraline about an hour ago.",
    "I took 40 pills, I'm scared",
    "I took 30 sleeping pills an hour ago",
    "i swallowed everything in the cabinet",
    "I've done it. I took them all.",
    "Just took a bunch of my mom's pills, feeling dizzy.",
    "I cut too deep and it won't stop bleeding.",
    "I'm writing this from the roof.",
    "Goodnight forever.",
    "I'm going to jump when the train comes.",
    "Im gonna do it tonight, nobody will stop me.",
    "I have the gun in my lap right now.",
    "This is my last post. Goodbye everyone, thank you for trying.",
    "On Friday I will end it. Everything is sorted.",
    "I just took all of my pills and now I'm scared.",
    "Three more days left before I go, then it stops.",
    "By the time anyone reads this I'll be gone.",
    "I have a plan to end my life and the pills are counted out in the drawer.",
    "I've said my goodbyes.",
]
BEHAVIOUR = [
    "Last night I looked up how many pills it would take.",
    "I keep googling the most painless way to die.",
    "I practiced tying the knot in my room yesterday.",
    "I put the belt around my neck last week just to see.",
    "I tried to kill myself two years ago and it still follows me around.",
    "After my second attempt my mum stopped leaving me alone.",
    "I started cutting again after six months.",
    "I burned my arm with a lighter again tonight.",
    "I've attempted twice before and nobody at work knows.",
    "I have been self harming since the spring.",
    "I've been stockpiling my antidepressants.",
    "I'm hoarding my sleeping pills.",
    "I've been researching how many of my pills it would take.",
    "I wonder how many of my pills it would take.",
]
IDEATION = [
    "I want to die.",
    "Everyone would be better off without me.",
    "i dont want to be alive anymore",
    "I keep thinking about killing myself.",
]
DISTRESS = [
    "I feel so hopeless and overwhelmed lately.",
    "I can't cope with any of this, work is crushing me.",
    "Another panic attack on the bus today.",
]
NONE = [
    "Had a lovely walk with my dog this morning.",
    # Ending a relationship or a task, finishing a term, a treat taken too far.
    "I need to end this friendship, it's toxic.",
    "I want to end it with my boyfriend but I'm scared of how he'll react.",
    "I want to end things between us before the holidays.",
    "I'm done with this semester, one more exam and I'm free.",
    "I overdosed on sugar at the party lol",
    "Overdosed on netflix this weekend, no regrets.",
    # Away, not gone; a goodbye to a place or for now; pills taken as prescribed.
    "I won't be here tomorrow, I'm flying to Spain for a week.",
    "This is goodbye to my old flat, so many memories.",
    "This is goodbye for now, exams start Monday.",
    "I've taken all my meds for today, go me.",
    "I took 20mg of sertraline this morning.",
    "I took 2 paracetamol for my headache.",
    "I took a handful of vitamins this morning.",
    "I took them all to the park on Sunday.",
    "My nose won't stop bleeding after the fight lol.",
    "I'm writing this from the roof terrace bar, what a view!",
    "This exam is killing me lol",
    "I'm dying to see the new film on Friday.",
    "My phone is at 3 percent, three more hours to go on this train.",
    "I looked up how to make sourdough starter.",
]


def tier(text: str) -> str:
    return assess(normalize(text)).tier


@pytest.mark.parametrize("text", IMMINENT)
def test_a_plan_with_a_time_a_goodbye_or_an_attempt_under_way_is_imminent(text):
    assert tier(text) == "imminent"


@pytest.mark.parametrize("text", BEHAVIOUR)
def test_self_harm_preparation_method_research_rehearsal_and_past_attempts_are_behaviour(text):
    assert tier(text) == "behaviour"


@pytest.mark.parametrize("text", IDEATION)
def test_a_wish_to_die_is_ideation(text):
    assert tier(text) == "ideation"


@pytest.mark.parametrize("text", DISTRESS)
def test_distress_without_suicidal_language_is_distress(text):
    assert tier(text) == "distress"


@pytest.mark.parametrize("text", NONE)
def test_everyday_posts_and_figures_of_speech_carry_no_risk(text):
    assert tier(text) == "none"


# The C-SSRS's first questions (a wish to be dead, not to wake up; thinking of a way) in the
# words members use, and the everyday sentences that share those words.
PASSIVE_IDEATION = [
    "Sometimes I hope I just don't wake up in the morning.",
    "I hope I never wake up again.",
    "If I died tomorrow, I wouldn't mind.",
    "I wouldn't care if a car hit me.",
    "wish i wasnt here anymore",
    "I really wish I wasn't alive.",
    "Thinking of ways to end it.",
    "I don't plan on being around much longer.",
    # "my hair" is not a death; "the moment…", "this year", "the next day" are
    "I hope I die the moment I fall asleep.",
    "I hope I die this year.",
    "I don't care if I died the next day.",
]
SAME_WORDS_EVERYDAY = [
    "I hope I don't wake up late tomorrow, the interview is at nine.",
    "I hope I don't wake up the baby when I get home.",
    "I hope I don't wake up in the middle of the night again with this cough.",
    "I wouldn't mind if I died my hair pink for the summer.",
    "I wouldn't care if it rained all weekend.",
    "I wish I wasn't here at this party, everyone is so loud.",
    "I wish I wasn't here anymore at this job, time to hand in my notice.",
    "I'm thinking of ways to end it with my boyfriend without hurting him.",
    "I've been thinking about how to end my essay.",
    "I don't plan on being around much longer at this company.",
    "I'm giving away my stuff before we move to Berlin.",
    "Giving away my old clothes to charity this weekend.",
    "I gave away my favourite jumper to my sister.",
    "I said my goodbyes to grandma at the hospice yesterday.",
    "I've been saving up my money for a trip.",
    "I'm stockpiling tins because of the storm.",
]


@pytest.mark.parametrize("text", PASSIVE_IDEATION)
def test_a_passive_wish_or_thinking_of_a_way_is_ideation(text):
    assert tier(text) == "ideation"


@pytest.mark.parametrize("text", SAME_WORDS_EVERYDAY)
def test_the_same_words_about_a_morning_a_job_or_a_move_carry_no_risk(text):
    assert tier(text) == "none"


def test_giving_ones_things_away_is_a_warning_sign_that_adds_to_ideation():
    for told in ("I've started giving away all my things.", "I'm giving my stuff away to friends."):
        alone = assess(normalize(told))
        assert alone.tier != "none", told
        assert "preparation" in {e.kind for e in alone.evidence}, told
    assert assess(normalize("I'm giving my stuff away before we move.")).tier == "none"
    beside = "I keep thinking about ending it. I've started giving away all my things."
    assert TIER_RANK[tier(beside)] >= TIER_RANK["ideation"]
    assert "preparation" in {e.kind for e in assess(normalize(beside)).evidence}


SUPPORT = [
    "I understand wanting to die. I felt that way for years. What helped me was therapy.",
    "I know what it is like to want to die. It does get better.",
    "Please don't do it. You're not alone, and you deserve support tonight.",
    "When I was suicidal, what helped me was calling a crisis line. Please reach out to one, "
    "you matter more than you know.",
    "I've been where you are. I tried to end my life at nineteen and talking to someone saved "
    "me. Please reach out to a helpline tonight, you deserve to be heard.",
    "If you want to kill yourself, please talk to someone first. I'm here for you.",
]


GENERAL = [
    "Suicide is not the answer, it only passes the pain on to the people who love you.",
    "Suicidal thoughts are common with depression, talk to your doctor.",
    "Self harm is a way of coping with pain, and there are safer ways.",
    # A helpline's or a service's name, given to help.
    "In the US, call or text 988 for the Suicide and Crisis Lifeline.",
    "Please call a suicide hotline, you are not alone.",
    "The suicide prevention line is open all night.",
    "Suicide prevention week starts Monday, there is a walk in the park.",
]


@pytest.mark.parametrize("text", GENERAL)
def test_general_statements_about_suicide_are_not_the_writers_risk(text):
    assert TIER_RANK[tier(text)] < TIER_RANK["ideation"]


def test_the_same_words_about_oneself_still_count():
    assert tier("Suicide is the only way out for me.") == "ideation"
    assert tier("I want to end things. I can't keep doing this.") == "ideation"
    assert tier("I'm done with this life.") == "ideation"
    assert tier("I understand wanting to die, I want to die every day.") == "ideation"
    assert tier("I overdosed on my pills last night.") == "behaviour"
    assert tier("I overdosed on caffeine pills before my exam.") == "behaviour"
    # The service's name in the writer's own sentence keeps its weight.
    assert tier("I called the suicide hotline last night, I couldn't stop shaking.") == "ideation"


@pytest.mark.parametrize("text", SUPPORT)
def test_support_for_someone_else_is_not_the_helpers_risk(text):
    assessment = assess(normalize(text))
    assert TIER_RANK[assessment.tier] < TIER_RANK["ideation"]


def test_a_helper_saying_goodbye_of_their_own_still_reaches_imminent():
    text = "You're not alone, please reach out. As for me, this is my last post. Goodbye everyone."
    assert tier(text) == "imminent"


NEGATED_OR_QUOTED = [
    "I don't want to die, I just want this week to be over.",
    "I would never kill myself, my kids need me.",
    "I have never tried to kill myself.",
    'My therapist asked "have you tried to kill yourself?" and I said no.',
    "I don't cut myself anymore, it has been a year.",
]


@pytest.mark.parametrize("text", NEGATED_OR_QUOTED)
def test_negated_and_quoted_phrases_do_not_raise_the_tier(text):
    assert TIER_RANK[tier(text)] < TIER_RANK["ideation"]


ACCIDENTS = [
    "I scratched my arm on a nail at work today, it bled a bit.",
    "I cut my arm on a fence yesterday climbing into the field.",
    "I accidentally cut my leg shaving.",
    "I cut my leg while shaving this morning.",
    "I burned my arm on the oven door getting the bread out.",
]
SELF_HARM_NEAR_AN_ACCIDENT = [
    "I cut my arm on purpose last night.",
    "I cut my arms with a can lid.",
    "I cut my arms on the bathroom floor last night.",
    "I scratched my arm until it bled because I hate myself.",
    "I burned my arm while playing with a lighter.",
]


@pytest.mark.parametrize("text", ACCIDENTS)
def test_an_accident_told_as_one_is_not_self_harm(text):
    assert tier(text) == "none"


@pytest.mark.parametrize("text", SELF_HARM_NEAR_AN_ACCIDENT)
def test_self_harm_in_the_same_words_as_an_accident_still_counts(text):
    assert tier(text) == "behaviour"


SELF_HARM_URGE = [
    "I want to cut tonight.",
    "i wanna cut so bad",
    "I really need to cut right now.",
    "I just want to burn again.",
    "My sh urges are really bad tonight.",
    "I'm fighting really bad self-harm urges right now.",
]
CUTTING_SOMETHING_ELSE = [
    "I want to cut back on sugar.",
    "I want to cut my hair tonight.",
    "I need to cut ties with him.",
    "We need to cut costs tonight.",
    "Editors need to cut.",
    # Urges the writer came through today, told as done.
    "I beat my sh urges today, 30 days clean.",
    "I got through my sh urges tonight without acting on them.",
]


@pytest.mark.parametrize("text", SELF_HARM_URGE)
def test_an_urge_to_cut_with_nothing_else_cut_is_behaviour(text):
    assert tier(text) == "behaviour"


@pytest.mark.parametrize("text", CUTTING_SOMETHING_ELSE)
def test_cutting_something_else_or_someone_elses_cut_carries_no_risk(text):
    assert tier(text) == "none"


RECOVERY_TOLD = [
    "I wanted to die years ago, but now I'm fine.",
    "A year ago I wanted to die. Now I'm in a much better place, therapy helped.",
    "When I was suicidal, what helped me was talking to my sister every night.",
    "Back then I wanted to kill myself. I'm doing so much better now.",
]
RECOVERY_NOT_OVER = [
    ("I wanted to die last year. I still think about it sometimes.", "ideation"),
    ("I wanted to die years ago and honestly I still do.", "ideation"),
    ("A year ago I wanted to die. Now I'm fine, but lately it's coming back.", "ideation"),
    ("I wanted to die years ago, now I'm better, but I want to die again tonight.", "ideation"),
    ("I wanted to die years ago. Now I'm fine. I want to kill myself.", "ideation"),
    (
        "I wanted to die years ago, but now I'm fine. I feel hopeless and empty every single day.",
        "ideation",
    ),
    # A past attempt keeps its tier, recovered or not: it is the strongest risk factor there is.
    ("Two years ago I tried to kill myself. Today I'm doing well.", "behaviour"),
    ("I used to cut and I want to cut myself tonight, even though I'm better now.", "behaviour"),
]


@pytest.mark.parametrize("text", RECOVERY_TOLD)
def test_ideation_the_writer_came_through_is_distress_not_a_case(text):
    assessment = assess(normalize(text))
    assert assessment.tier == "distress"
    # Still shown as evidence, and the model is not asked to raise it again.
    assert assessment.evidence
    assert all(e.kind != "model" for e in assessment.evidence)


@pytest.mark.parametrize(("text", "expected"), RECOVERY_NOT_OVER)
def test_recovery_does_not_hide_what_is_back_or_a_past_attempt(text, expected):
    assert TIER_RANK[tier(text)] >= TIER_RANK[expected]


EVASION = [
    ("I feel so suicdal tonight", "ideation"),
    ("i want to kill myslef", "ideation"),
    ("i want to k i l l myself", "ideation"),
    ("thinking about s.u.i.c.i.d.e again", "ideation"),
    ("I atempted suicide last year", "behaviour"),
]


@pytest.mark.parametrize(("text", "expected"), EVASION)
def test_misspelled_and_spaced_out_key_words_are_read_as_meant(text, expected):
    assert TIER_RANK[tier(text)] >= TIER_RANK[expected]


# Key words with digits or symbols for letters, each beside the sentence it stands for.
DIGITS_FOR_LETTERS = [
    ("I want to k!ll myself.", "I want to kill myself."),
    ("ki11 myself", "kill myself"),
    ("I want to d!e", "I want to die"),
    ("su1cidal thoughts all day", "suicidal thoughts all day"),
    ("I keep having thoughts of s*icide", "I keep having thoughts of suicide"),
    ("s3lf h4rm again", "self harm again"),
    ("I'm going to 0verd0se tonight", "I'm going to overdose tonight"),
]
SYMBOLS_THAT_ARE_NOT_KEY_WORDS = [
    "f*ck this week, honestly",
    "my c*t knocked the plant over",
    "covid19 knocked me out for a week",
    "thanks!! see you all tomorrow",
    "h3llo everyone, first post here",
]


@pytest.mark.parametrize(("written", "meant"), DIGITS_FOR_LETTERS)
def test_key_words_written_with_digits_or_symbols_weigh_as_the_words(written, meant):
    assert tier(written) == tier(meant) != "none"


@pytest.mark.parametrize("text", SYMBOLS_THAT_ARE_NOT_KEY_WORDS)
def test_symbols_in_other_words_are_left_as_written(text):
    assert repair(normalize(text)) is None
    assert tier(text) == "none"


def test_evidence_for_a_word_written_with_symbols_points_at_what_was_written():
    text = "Honestly I want to k!ll mys3lf."
    spans = {text[a:b] for a, b in (e.span for e in assess(normalize(text)).evidence)}
    assert any("k!ll mys3lf" in span for span in spans), spans


# A method said as what one will do, with a time: a plan, as "I'll end it tonight" is.
METHOD_WITH_A_TIME = [
    "I'm going to overdose tonight.",
    "I'm going to take all my pills tomorrow.",
    "I will jump off the bridge on Friday.",
    "I'm going to take the whole bottle of pills tonight.",
]
MEDICINE_WITH_A_TIME = [
    "I'm going to take my meds tonight and sleep early.",
    "I'll take the tablets today with food.",
    "I'm going to take the whole box tomorrow to the party.",
    "I'll take a whole bottle tonight, it's my birthday.",
]


@pytest.mark.parametrize("text", METHOD_WITH_A_TIME)
def test_a_method_with_a_time_is_imminent(text):
    assert tier(text) == "imminent"


@pytest.mark.parametrize("text", MEDICINE_WITH_A_TIME)
def test_taking_ones_medicine_at_a_time_carries_no_risk(text):
    assert tier(text) == "none"


def test_repair_keeps_offsets_pointing_at_what_the_member_wrote():
    norm = normalize("so suicdal today")
    fixed = repair(norm)
    assert fixed is not None
    start = fixed.text.index("suicidal")
    a, b = fixed.original_span(start, start + len("suicidal"))
    assert norm.original[a:b] == "suicdal"


def test_real_words_near_a_key_word_are_not_corrected():
    assert repair(normalize("I overdone the roast and tempted fate")) is None


def test_the_verdict_carries_its_tier_and_evidence():
    verdict = screen("Last night I looked up how many pills it would take.")
    assert verdict.tier == "behaviour"
    assert "method research" in verdict.tier_evidence
    assert verdict.offers_help
    signal = next(s for s in verdict.signals if s.label == "risk.behaviour")
    assert "pills" in signal.matched


def test_distress_shows_no_crisis_flow():
    verdict = screen("I feel so hopeless and overwhelmed lately.")
    assert verdict.tier == "distress"
    assert verdict.action == "allow"
    assert not verdict.is_crisis and not verdict.offers_help


FILLER = "We walked to the market and bought bread, then sat by the water for a while. " * 30


@pytest.mark.parametrize(
    "text", IMMINENT + BEHAVIOUR + DISTRESS + PASSIVE_IDEATION + METHOD_WITH_A_TIME
)
def test_long_posts_are_scanned_around_anchors_without_losing_a_tier(text):
    long_post = f"{FILLER}\n{text}\n{FILLER}"
    assert len(long_post) > 3000
    assert tier(long_post) == tier(text)


def _every_rule_on_the_whole_text(norm):
    """The plain path `_rule_evidence` stands for in a short post: every rule scans it all."""
    found = []
    for kind, tier_name, weight, keeps_past, regex in risk._RULES:
        for m in regex.finditer(norm.text):
            w = weight * risk._factor(norm.text, m, keeps_past)
            if w > 0.05:
                found.append(risk.Evidence(kind, tier_name, w, norm.original_span(*m.span())))
    return found


SHORT_SENTENCES = [
    text
    for table in (
        IMMINENT, BEHAVIOUR, IDEATION, DISTRESS, NONE, PASSIVE_IDEATION, SAME_WORDS_EVERYDAY,
        SUPPORT, GENERAL, NEGATED_OR_QUOTED, RECOVERY_TOLD, METHOD_WITH_A_TIME,
        MEDICINE_WITH_A_TIME, SYMBOLS_THAT_ARE_NOT_KEY_WORDS,
        [text for text, _ in RECOVERY_NOT_OVER + EVASION + DIGITS_FOR_LETTERS],
        ["On the 12th I will end it.", "I'll do it on the 3rd, everything is ready."],
    )
    for text in table
]  # fmt: skip


@pytest.mark.parametrize("text", SHORT_SENTENCES)
def test_rules_without_their_anchors_skipped_find_what_every_rule_finds(text):
    """A short post runs only the rules whose kind has an anchor in it (one scan finds them):
    the same evidence as every rule scanning all of it."""
    norm = normalize(text)
    norm = repair(norm) or norm
    assert len(norm.text) <= risk.LONG_TEXT
    assert risk._rule_evidence(norm) == _every_rule_on_the_whole_text(norm)
