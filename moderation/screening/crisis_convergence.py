"""Convergent evidence: several weaker risk cues in one first-person post.

One phrase such as "I can't do this anymore" or "I'm a burden" is common in ordinary distress
and never raises a crisis alone. Suicide-risk models agree that risk shows in the
combination: hopelessness and entrapment (Beck; Williams' "arrested flight", O'Connor's
integrated motivational-volitional model), perceived burdensomeness and thwarted belonging
(Joiner's interpersonal theory), exhaustion and wanting the pain to stop, finality and timing
("tonight", "one last time"), thoughts of death, and acquired capability (earlier attempts,
no longer afraid of dying). Each construct below is one group of cue patterns; the more
distinct groups a post touches in the first person, the more weight the convergence adds to
the screener's score. One of the cues must be about death, entrapment or hopelessness, so a
long post about a hard week of work stress does not qualify however many groups it touches.

The weights are deliberately below the crisis threshold for two groups (0.3) and three
(0.45): convergence alone flags only from four distinct constructs; with fewer it tips the
balance only together with a phrase rule ("I can't do this anymore", "I'm done", a mention of
suicide) that is itself too weak to flag.

Cue patterns were written from those constructs (and the C-SSRS wording of passive ideation),
not taken from any evaluation set.
"""

from __future__ import annotations

VERSION = "convergence-2026.11.1"

GROUPS: dict[str, str] = {
    # Death and dying as the poster's own prospect (not ideation strong enough for a rule).
    "death": (
        r"\b(?:die|dying|dead|death|suicid\w*|kill myself|killing myself|end it|ending it|"
        r"end my life|not (?:be )?(?:here|around|alive) (?:anymore|much longer|tomorrow)|"
        r"disappear(?:ing)?(?: forever)?|the other side|rest in peace|my funeral|afterlife|"
        r"no longer (?:be )?(?:here|around|alive)|gone forever|sleep forever|"
        r"never wake up|not wake up|permanent solution|overdose|the pills|a rope|"
        r"pull the trigger|jump off|end (?:everything|things|this|my suffering|the pain)|"
        r"(?:stop|cease to|not) exist(?:ing)?|leave this (?:world|earth|life)|"
        r"(?:find|be at) peace|a better place|eternal (?:sleep|rest)|hurt myself|harm myself|"
        r"not wake up|don'?t wake up|wouldn'?t wake up)\b"
    ),
    # Hopelessness: the future will not be better.
    "hopelessness": (
        r"\b(?:hopeless|no hope|lost (?:all )?hope|no future|(?:never|won'?t|will not|isn'?t "
        r"going to|not going to) (?:ever )?get better|nothing (?:will|is going to) (?:ever )?"
        r"change|no point|what'?s the point|pointless|meaningless|nothing matters|"
        r"nothing to look forward to|(?:can'?t|don'?t|do not) see (?:a|any) (?:way|future|light|"
        r"end)|"
        r"no light at the end|give up|giving up|gave up|no reason to|nothing left|"
        r"why bother|(?:always|forever) be like this|never (?:going to|gonna) (?:be|get|change|"
        r"find|have)|will never (?:be|get|change|find|have))\b"
    ),
    # Entrapment: no way out, can't go on.
    "entrapment": (
        r"\b(?:no way out|trapped|can'?t escape|no escape|stuck forever|"
        r"can'?t (?:do|take|handle|bear|stand|live with) (?:this|it|life|the pain|"
        r"any of (?:this|it))(?: \w+)? ?(?:anymore|any more|any longer)|"
        r"can'?t (?:go on|keep going|keep doing this|carry on|cope|hold on|anymore)|"
        r"(?:don'?t|do not) know how (?:much longer|to keep going|to go on|to keep living)|"
        r"too much to bear|end of my rope|at my limit|breaking point|"
        r"want (?:it|the pain|this|everything) to (?:stop|end)|make (?:it|the pain) stop|"
        r"(?:drowning|suffocating|falling apart|losing my mind))\b"
    ),
    # Unbearable psychological pain.
    "pain": (
        r"\b(?:unbearable|excruciating|agony|torture|(?:hurts|hurt) so (?:much|bad)|"
        r"(?:so much|constant|unbearable|emotional) pain|the pain|suffering|living hell|"
        r"in pain|pain is)\b"
    ),
    # Perceived burdensomeness.
    "burden": (
        r"\b(?:burden|better off without me|(?:happier|easier|better) without me|"
        r"waste of (?:space|oxygen|air|life)|ruin everything|ruin everyone|"
        r"(?:only|just) (?:cause|causing|bring|bringing) (?:pain|problems|trouble)|"
        r"(?:would|will|'?d|'?ll) be relieved|drag(?:ging)? everyone down|everyone'?s problems?|"
        r"disappoint(?:ment)? to (?:everyone|my)|let everyone down|in everyone'?s way)\b"
    ),
    # Thwarted belonging: alone, unwanted, uncared for.
    "belonging": (
        r"\b(?:no ?one (?:cares|loves me|likes me|wants me|would (?:notice|care|miss)|"
        r"understands)|nobody (?:cares|loves me|likes me|wants me|would (?:notice|care|miss)|"
        r"understands)|(?:completely|totally|so|all|always) alone|no friends|"
        r"no one to talk to|nobody to talk to|no one left|nobody left|unwanted|unloved|"
        r"unlovable|don'?t belong|never belong|(?:family|everyone|they all) hates? me|"
        r"so lonely|lonely|abandoned)\b"
    ),
    # Self-hatred and defeat.
    "self_hate": (
        r"\b(?:worthless|useless|i'?m a failure|i am a failure|such a failure|hate myself|"
        r"hate who i am|disgusting|pathetic|i deserve (?:this|to suffer|nothing|pain)|"
        r"failure at everything|fuck(?:ed)? up everything|ruined my life|defeated|"
        r"not good enough|piece of shit|i'?m a mess|hate my life)\b"
    ),
    # Exhaustion and wanting rest from living.
    "exhaustion": (
        r"\b(?:so tired|tired of (?:everything|it all|fighting|trying|being|this|life)|"
        r"exhausted|drained|i'?m done|i am done|so done|done with (?:everything|it all|life|"
        r"this)|just want (?:to rest|it to stop|peace|to sleep)|"
        r"want to rest|don'?t want to (?:try|fight) anymore|no energy left|numb|empty inside)\b"
    ),
    # Finality and timing.
    "finality": (
        r"\b(?:goodbye|good bye|farewell|one last|last time|final (?:time|day|night|post|"
        r"message)|tonight|this weekend|for good|forever|it'?s time|i'?m ready|"
        r"before i go|when i'?m gone|after i'?m gone|won'?t be (?:here|around)|"
        r"(?:my|the) last (?:day|night|week|post|message)|sorry for everything|"
        r"i love you all|take care of (?:my|yourselves)|delet(?:e|ing) (?:this|my) account|"
        r"forgive me)\b"
    ),
    # Acquired capability and history: earlier attempts, no fear of death.
    "capability": (
        r"\b(?:attempt(?:ed|s)?|tried (?:before|to (?:kill|end|die|overdose|hang))|"
        r"last time i tried|hospitali[sz]ed|psych ward|(?:not|no longer) (?:afraid|scared) "
        r"(?:of )?(?:dying|death|to die)|fear of death|(?:cut|cutting|self[- ]?harm)\w*)\b"
    ),
}

# Past this length a post reads as an essay: cues pages apart no longer make one statement, so
# only the phrase rules apply (and the scan stays cheap on 20,000-character posts).
MAX_CHARS = 6000

# Groups one of which must be among the cues (the others alone describe distress, not risk).
ANCHORS = ("death", "entrapment", "hopelessness")

# Extra weight by number of distinct groups (combined with the rule weights by noisy-OR).
WEIGHT_BY_COUNT = {2: 0.3, 3: 0.45, 4: 0.6, 5: 0.7, 6: 0.75}
MIN_GROUPS = min(WEIGHT_BY_COUNT)


def weight_for(groups: set[str]) -> float:
    """Return the convergence weight for this set of cue groups (0 when not convergent)."""
    if len(groups) < MIN_GROUPS or not groups.intersection(ANCHORS):
        return 0.0
    return WEIGHT_BY_COUNT[min(len(groups), max(WEIGHT_BY_COUNT))]
