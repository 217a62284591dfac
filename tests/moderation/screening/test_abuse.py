"""Abuse screener: targeted insults, hate and threats; swearing and survivors' stories not."""

import pytest

from moderation.screening import normalize
from moderation.screening.abuse import screen_abuse

ABUSIVE = [
    ("you are a worthless idiot", "abuse.insult"),
    ("fuck you", "abuse.insult"),
    ("shut the fuck up, nobody asked", "abuse.insult"),
    ("go kill yourself", "abuse.threat"),
    ("I don't care, go kill yourself", "abuse.threat"),
    ("do us all a favour and kill yourself", "abuse.threat"),
    ("kys", "abuse.threat"),
    ("I will find you and hurt you", "abuse.threat"),
    ("immigrants are vermin", "abuse.hate"),
    ("gas all the jews", "abuse.hate"),
    ("what a stupid f4gg0t", "abuse.hate"),  # leetspeak evasion of a slur
    ("you dumb b\u200bitch", "abuse.insult"),  # zero-width evasion
]

NOT_ABUSIVE = [
    "this fucking week has been awful",
    "I feel like shit today",
    "he called me a worthless bitch and I believed him",
    'she screamed "you stupid cow" at me for years',
    "I'm such an idiot, I forgot my appointment again",
    "thank you all for listening",
    "the word f****t was used against me at school",
    "Я так устала, но держусь",  # other script, no abuse
    "today was shit but I got through it 💪",
]


@pytest.mark.parametrize(("text", "label"), ABUSIVE)
def test_abusive_text_is_flagged_with_its_label(text, label):
    labels = {s.label for s in screen_abuse(normalize(text))}
    assert label in labels, (text, labels)


@pytest.mark.parametrize("text", NOT_ABUSIVE)
def test_self_directed_swearing_and_reported_abuse_are_not_flagged(text):
    assert screen_abuse(normalize(text)) == [], text


AIMED_AT_SOMEONE = [
    "you're a pathetic liar and everyone here knows it",
    "@moonlit you are such a disgusting hypocrite",
    "all vegans are parasites",
    "immigrants are nothing but criminals",
    "all of these landlords are scum",
]
NOT_AIMED_AT_ANYONE = [
    "I'm such an idiot, I locked myself out again",
    "this fucking week, honestly",
    "you're not worthless, you're not a burden, you're doing your best",
    'he screamed "you are a worthless liar" at me for an hour',
    "all the dogs at the shelter are so lovely",
    "I felt so stupid after the appointment",
]


@pytest.mark.parametrize("text", AIMED_AT_SOMEONE)
def test_insults_aimed_at_someone_and_group_generalisations_are_abuse(text):
    assert screen_abuse(normalize(text))


@pytest.mark.parametrize("text", NOT_AIMED_AT_ANYONE)
def test_self_deprecation_swearing_reassurance_and_reported_abuse_are_not(text):
    assert not screen_abuse(normalize(text))


# Targeting: an insult, a dismissal or a threat aimed at an addressee, a mention, a named or
# pronoun third person or a group. Written for these tests, not taken from any data set.
TARGETED = [
    ("@rowan you absolute clown", "abuse:target.vocative"),
    # Harm told as done to the reader does not excuse an insult aimed at them.
    (
        "what he did to you was awful but you are an idiot for going back",
        "abuse:target.second_person",
    ),
    # Nor a threat to hurt the one who did it: that is held as any threat is.
    ("I am going to kill him, he hurt me.", "abuse:threat.targeted"),
    ("He abused me and I will stab him tomorrow.", "abuse:threat.targeted"),
    ("He hurt you and he deserves to die.", "abuse:threat.deserves"),
    ("@rowan clown, as usual", "abuse:target.mention"),
    ("@rowan what a total fraud", "abuse:target.mention_weak"),
    ("she is a liar and everyone knows it", "abuse:target.third_person"),
    ("he's so incompetent it hurts to watch", "abuse:target.third_person"),
    ("Marcus is a fraud and a coward", "abuse:target.named"),
    ("what an idiot", "abuse:target.exclamation"),
    ("ok, what a coward.", "abuse:target.exclamation"),
    ("are you stupid or something", "abuse:target.second_person"),
    ("ur a joke mate", "abuse:target.second_person"),
    ("@kit just get lost", "abuse:target.dismissal"),
    ("you guys suck", "abuse:target.insult_verb"),
    ("screw them, honestly", "abuse:target.curse"),
    ("look at your ugly face lol", "abuse:target.curse"),
    ("liberals are brainwashed", "abuse:target.group"),
    ("all politicians are crooks", "abuse:target.group"),
    ("I'll punch you in the face", "abuse:threat.targeted"),
    ("someone should shoot him", "abuse:threat.targeted"),
    ("we're gonna break your legs", "abuse:threat.targeted"),
    ("he deserves to be shot", "abuse:threat.deserves"),
    ("i hope you rot", "abuse:threat.deserves"),
    ("he's fucking clueless about all of it", "abuse:target.swearing_at"),
    ("you talk absolute shit", "abuse:target.swearing_at"),
    ("spare us your bullshit excuses", "abuse:target.swearing_at"),
    ("you are so fucking stupid", "abuse:target.swearing_at"),
    ("@kim shut up already", "abuse:target.dismissal"),
    ("go to hell, all of you", "abuse:target.dismissal"),
    ("you disgust me", "abuse:targeted"),
    ("@sam you make me want to puke", "abuse:targeted"),
    ("you arent an idiot, you're a fucking idiot", "abuse:targeted"),
]
NOT_TARGETED = [
    "I'm such a loser lately, I keep cancelling on everyone",
    "@sam I'm an idiot, I forgot your birthday",
    "you're not a failure, you're grieving",
    "nobody here thinks you're stupid",
    "don't listen to anyone who says you're worthless",
    "my therapist says I'm not stupid for feeling this way",
    "he was a liar and I believed him for years and I kept blaming myself",
    "I know she is a bully but I still miss my sister and I hate that I do",
    "he said I was a worthless idiot and I believed him",
    "thank you, you're a lifesaver",
    "you are a wonderful friend",
    "she is a nurse and a great mom",
    "I could never hurt you",
    "I want the panic to go away",
    "my anxiety is the worst in the mornings",
    "what a day, honestly",
    "the film was a joke in the best way",
    "this fucking week, honestly",
    "you're fucking amazing, never forget it",
    "he is a monster and you deserve so much better",
    "what he did was vile. it was not your fault",
    "my ex was a total bastard to me and I still flinch when I hear my phone buzz",
    "I told my sister I can't be around her when she acts like a bitch to me",
    "you're not an idiot for trusting him",
    "I could kill him for eating my leftovers",
    "my mom would scream that I was a useless idiot",
    "I felt like such a loser at the party",
    "I just want to shut up and sleep",
    "I told him to shut up and leave",
    "you're so fucking brave for posting this",
    "some days I want to punch him for what he did to me, then I just cry in my room",
    # Harm told as done to the writer or the reader: the one who did it is not a member.
    "He is a monster for what he did to you. None of it was your fault.",
    "My ex was an abusive asshole and I finally left him.",
    "He hurt you and he is a coward.",
    "my abusive stepdad is a pig and I am done pretending otherwise",
    # Said to the writer's own brain or illness, or literal, or a joke.
    "shut up brain, let me sleep",
    "you stupid brain, let me sleep",
    "fuck you depression, I got out of bed anyway",
    "get lost, intrusive thoughts",
    "get lost in a good book tonight, it helps",
    "drop dead gorgeous dress at the charity shop",
    "shut up and take my money",
    # Reported after the words: the survivor quoting an abuser.
    "go to hell is what my abuser used to scream at me",
    "'go to hell' was the last thing he said to me",
    # Reassurance that names the insult to deny it, with or without the apostrophe.
    "you're not a burden, you are not a waste of space, you matter",
    "you arent an idiot for missing the signs",
    "you make me sick with worry sometimes, mum",
    # A plea, a question or a condition around "kill yourself" is support, not a directive.
    "Don't kill yourself, you have so much to live for.",
    "please don't kill yourself",
    "Don't you dare kill yourself, we need you here",
    "If you want to kill yourself, please talk to someone first. I'm here for you.",
    "why would you want to kill yourself?",
]


@pytest.mark.parametrize(("text", "rule"), TARGETED)
def test_insults_and_threats_aimed_at_someone_name_the_targeting_rule(text, rule):
    rules = {s.rule_id for s in screen_abuse(normalize(text))}
    assert rule in rules, (text, rules)


@pytest.mark.parametrize("text", NOT_TARGETED)
def test_self_reference_negation_support_and_survivor_stories_are_not_targeted(text):
    assert screen_abuse(normalize(text)) == [], text
