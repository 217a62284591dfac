"""Targeting grammar for the abuse screener: who an insult is aimed at, and how.

Written for Hearth from general knowledge of English insults and threats, not from any data
set. Abuse needs a target and an attack: a second person ("you're a fraud"), a mention or
a named or pronoun third person ("@sam is a clown", "she is a liar"), a group ("all X are …"),
an exclamation ("what an idiot"), an imperative dismissal ("shut up", "get lost") or a threat
("I'll punch you", "someone should shoot him"). Self-reference ("I'm such an idiot"),
negation and reassurance ("you're not stupid"), and reported speech stay out; abuse.py
applies those carve-outs. Patterns run on normalised (lowercased) text. Bump VERSION on every
change.
"""

from __future__ import annotations

VERSION = "targets-2026.12.1"

# Nouns that insult a person in any construction, even standing alone after a mention
# ("@sam clown"). Plural endings are added by the pattern.
STRONG_NOUNS = (
    "idiot",
    "moron",
    "imbecile",
    "cretin",
    "dimwit",
    "halfwit",
    "nitwit",
    "numbskull",
    "dunce",
    "buffoon",
    "clown",
    "jackass",
    "dumbass",
    "dumbfuck",
    "fuckwit",
    "fuckface",
    "fucktard",
    "shithead",
    "shitbag",
    "dickhead",
    "asshole",
    "arsehole",
    "douche",
    "douchebag",
    "scumbag",
    "sleazebag",
    "dirtbag",
    "lowlife",
    "loser",
    "creep",
    "pervert",
    "weirdo",
    "lunatic",
    "nutjob",
    "nutcase",
    "liar",
    "hypocrite",
    "crook",
    "traitor",
    "coward",
    "bigot",
    "misogynist",
    "libtard",
    "retard",
    "simpleton",
    "ignoramus",
    "muppet",
    "knobhead",
    "bellend",
    "pillock",
    "twat",
    "wanker",
    "tosser",
    "prick",
    "cunt",
    "bastard",
    "grifter",
    "charlatan",
    "bootlicker",
    "sellout",
    "crybaby",
    "wimp",
    "degenerate",
    "scum",
    "waste of space",
    "waste of oxygen",
    "piece of shit",
    "piece of garbage",
    "piece of trash",
    "piece of crap",
    "sack of shit",
)

# Nouns that insult only when predicated of someone ("you are a joke", "he is a fraud"):
# alone they have innocent senses ("tell a joke", "the pig farm", "fighting fascists").
WEAK_NOUNS = (
    "fool",
    "joke",
    "fraud",
    "phony",
    "fake",
    "snake",
    "rat",
    "pig",
    "swine",
    "slob",
    "leech",
    "parasite",
    "bully",
    "thug",
    "hack",
    "shill",
    "troll",
    "puppet",
    "stooge",
    "sheep",
    "racist",
    "sexist",
    "fascist",
    "nazi",
    "commie",
    "snowflake",
    "disgrace",
    "embarrassment",
    "criminal",
    "thief",
    "psycho",
    "freak",
    "maniac",
    "monster",
    "animal",
    "punk",
    "bitch",
    "whore",
    "slut",
    "skank",
    "hoe",
    "cow",
    "hag",
    "pos",
    "trash",
    "garbage",
    "filth",
    "dick",
    "ass",
    "jerk",
    "nut",
    "nutter",
    "wacko",
    "hothead",
)

# Adjectives that insult a person when predicated of them ("you're pathetic", "he's so dumb").
# Not "crazy", "insane" or "nuts": as often praise or intensifiers ("she's crazy good"), and
# in a mental-health forum they describe members' own experience.
ADJECTIVES = (
    "stupid",
    "dumb",
    "idiotic",
    "moronic",
    "brainless",
    "braindead",
    "brain dead",
    "clueless",
    "ignorant",
    "pathetic",
    "disgusting",
    "despicable",
    "vile",
    "evil",
    "wicked",
    "corrupt",
    "crooked",
    "dishonest",
    "deceitful",
    "delusional",
    "deranged",
    "demented",
    "unhinged",
    "batshit",
    "worthless",
    "useless",
    "incompetent",
    "inept",
    "spineless",
    "gutless",
    "cowardly",
    "two faced",
    "two-faced",
    "repulsive",
    "revolting",
    "nasty",
    "trashy",
    "classless",
    "shameless",
    "disgraceful",
    "hypocritical",
    "bigoted",
    "retarded",
    "ridiculous",
    "laughable",
    "full of shit",
    "full of crap",
    "full of it",
    "a disgrace",
    "ugly",
    "fat",
    "lame",
    "pitiful",
    "dense",
    "the worst",
    "brainwashed",
    "a laughing stock",
    "a liability",
    "gross",
    "sleazy",
    "slimy",
    "creepy",
    "shady",
    "dumber than",
    "too stupid",
    "too dumb",
)

# Words that may stand between the determiner and the insult ("a lying sack of shit").
MODIFIERS = (
    r"(?:so|such|really|truly|very|just|totally|completely|utterly|absolutely|absolute|total|"
    r"complete|utter|real|actual|fucking|fuckin|fkn|freaking|frickin|effing|damn|damned|"
    r"goddamn|bloody|big|biggest|huge|massive|little|lying|sad|sorry|old|typical|whiny|"
    r"miserable|lazy|arrogant|rotten|dirty|filthy|most|stupidest|dumbest|worst|an|a|the)"
)

SECOND_PERSON = r"(?:you|u|ya|ye|y'?all|you guys|you people|you lot|you two|you both|you all)"
# Present and timeless copulas and their look-alikes; third persons use these only, so that
# a survivor's past-tense story ("he was a liar") stays out.
COPULA = (
    r"(?:'?re|'?s|re| are| r| is| be| are being| 're being| seem| seem like| sound like| "
    r"look like| act like| must be| are just| r just| are such| are nothing but| are truly| "
    r"are literally| literally are| really are| truly are| remain| become)"
)
PAST_COPULA = r"(?: were| was| have been| 've been| been)"

THIRD_PERSON = (
    r"(?:he|she|they|this guy|that guy|this dude|that dude|this man|that man|this woman|"
    r"that woman|this person|that person|this clown|these people|those people|these guys|"
    r"those guys|the guy|this lady|that lady|this one|that one|@\w+)"
)
# A word before the subject that reverses or reports the statement: "nobody thinks you're",
# "if anyone says you're", "don't believe you're", "it doesn't mean you're".
NEGATING_PREFIX = (
    r"\b(?:not|never|no one|nobody|noone|don'?t|dont|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|"
    r"won'?t|stop|quit|nothing|if|whether|feel like|feels like|worried|afraid|scared|fear|"
    r"think i|thought i|mean you|means you|make you|makes you|made you|say|says|said|tell|"
    r"tells|told|calls?|called|calling)\b"
)
NEGATION_AFTER = r"(?!(?:\s+(?:not|never|no|nothing like|anything but))\b)"

# Reassurance addressed to a member: a reply that says "he's a monster, you deserve better" is
# support for a survivor, not an attack on anyone here.
SUPPORT = (
    r"\b(?:you (?:deserve|deserved) (?:better|so much better|to be (?:safe|happy|loved|treated))|"
    r"(?:you )?(?:did ?n'?t|do ?n'?t) deserve (?:that|this|any of)|not your fault|"
    r"(?:you'?re|you are) not alone|sending (?:you )?(?:love|hugs|strength)|"
    r"(?:i'?m|i am) so sorry|proud of you|here for you|(?:big |virtual )?hugs|stay safe|"
    r"you (?:got|have got|'ve got) this|take care of yourself|be gentle with yourself)\b"
)

# First-person words: a post dense with them is the writer's own story.
FIRST_PERSON = r"\b(?:i|i'?m|im|i'?ve|i'?d|i'?ll|me|my|mine|myself)\b"

# Imperative dismissals, matched only where a command can start.
DISMISSALS = (
    r"(?:shut (?:the fuck |tf |the hell )?up|stfu|gtfo|get lost|piss off|fuck off|bugger off|"
    r"sod off|go to hell|get a life|get over yourself|bite me|eat shit|get bent|get fucked|"
    r"go fuck yourself|drop dead|pound sand|cry more|cope harder)"
)
# What may precede a command at its start ("@sam just shut up", "oh please get lost").
COMMAND_START = (
    r"(?:@\w+\s*|just |please |pls |plz |now |so |oh |and |then |why don'?t you |you should |"
    r"you need to |can you |could you |will you |would you |maybe |how about you |go |"
    r"seriously |honestly |dude |mate |man |lol |lmao |ok |okay |yeah |well |hey |"
    r"[a-z]+, )*"
)

# Threats: a speaker or "someone" + future/desire + violence + a person who is not the speaker.
# Not "could": "I could kill him for that" is an idiom of exasperation.
VIOLENCE = (
    r"(?:kill|murder|shoot|stab|punch|slap|smack|strangle|choke|hang|lynch|burn|bury|beat|"
    r"beat up|beat the shit out of|beat the crap out of|kick the shit out of|knock out|"
    r"hurt|rape|run over|curb stomp|stomp|end|cut|whoop)"
)
VICTIM = r"(?:you|u|ya|him|her|them|y'?all|you all|@\w+)"
BODY_HARM = (
    r"(?:break|smash|kick in|bash in|punch) (?:your|ur|his|her|their) "
    r"(?:face|teeth|neck|legs?|arms?|head|skull|jaw|nose)"
)
THREAT_SUBJECT = (
    r"(?:i|i'?ll|ima|imma|i'?m|we|we'?ll|someone|somebody|some one|anyone|someone needs to|"
    r"somebody needs to)"
)
THREAT_MODAL = (
    r"(?:'?ll|will|would|'?d|wanna|want to|am gonna|'?m gonna|gonna|am going to|'?m going to|"
    r"'?re gonna|are gonna|'?re going to|are going to|"
    r"should|needs to|need to|ought to|is going to|can'?t wait to|shall|must|"
    r"would love to|'?d love to|am about to|'?m about to|'?m coming to|will come and)"
)
# "he should be shot", "they all deserve to die", "I hope you rot".
DESERVES = (
    r"(?:should|ought to|needs to|need to|deserves? to|must|has to|have to)(?: all)? "
    r"(?:be (?:shot|hanged|hung|lynched|killed|executed|beaten|strung up|put down|gassed|"
    r"burned|burnt|tortured|raped)|die|burn|rot|hang|get shot|get killed|get raped|"
    r"get beaten)"
)
WISH = (
    r"(?:hope|wish|pray)s? (?:that )?(?:you|u|he|she|they|him|her|@\w+) (?:\w+ )?"
    r"(?:die|dies|rot|rots|burn|burns|choke|chokes|get (?:cancer|shot|hit|killed|raped)|"
    r"gets (?:cancer|shot|hit|killed|raped)|suffer|suffers|drop dead|drops dead)"
)

# Group nouns outside the protected characteristics: generalising insults about them
# ("liberals are idiots") attack members who belong to them.
GROUP_NOUNS = (
    r"(?:liberals|libs|leftists|lefties|democrats|dems|republicans|conservatives|cons|"
    r"tories|right wingers|rightwingers|left wingers|trump supporters|socialists|"
    r"communists|feminists|men|americans|brits|millennials|boomers|cops|politicians|"
    r"journalists|the media|atheists|vegans|christians|muslims|gun owners|gun nuts|"
    r"snowflakes|libertarians|progressives|nationalists)"
)

# Verbs that insult the person who is their subject ("you suck", "she sucks").
INSULT_VERBS = r"(?:suck|sucks|stink|stinks|blow|blows)"
# Profanity thrown at a target ("fuck him", "screw them").
CURSE_AT = (
    r"(?:fuck|fuk|screw|f\*\*k|f\*ck|to hell with|damn) (?:him|her|them|that guy|this guy|"
    r"these people|those people|all of you|y'?all|you all|you guys|@\w+)"
)
# What may stand before a weak noun for it to name an addressee ("@sam total fraud").
WEAK_LEAD = (
    r"(?:a|an|such an?|what an?|total|complete|absolute|utter|fucking|typical|another|"
    r"bunch of|lying|stupid|dumb|pathetic|big|huge|sad|sorry)"
)

# Swearing predicated of someone else ("he's fucking useless", "you talk shit", "your bullshit
# excuses"), as opposed to swearing about oneself or one's day, or as praise ("you're fucking
# amazing").
SWEAR_SUBJECT = r"(?:you|u|ya|he|she|they|@\w+|this guy|that guy|these people|those people)"
PRAISE = (
    r"(?:amazing|awesome|great|brilliant|beautiful|gorgeous|strong|brave|legend|legendary|"
    r"hilarious|funny|right|correct|rock|rocks|rule|rules|nailed|nail|killed it|kill it|slay|"
    r"slayed|best|good|proud|badass|smart|talented|incredible|lovely|cute|hot|sexy|love|"
    r"deserve|deserved|worth|wonderful|adorable|genius|gifted|valid|fine|okay|ok|got this|"
    r"resilient|kind|sweet|inspiring|strong|courageous|proud)"
)
SWEARING_AT = (
    rf"\b{SWEAR_SUBJECT}(?:'?re|'?s| are| r| is| was| were)?"
    rf"(?: (?:so|just|such|really|being|a|an))* (?:fucking|fuckin|fkn|effing) (?!{PRAISE}\b)[a-z]+|"
    rf"\b{SWEAR_SUBJECT}(?: \w+)? (?:talk|talks|talking|spew|spews|spewing|speak|speaks|"
    r"speaking|post|posts|posting|say|says|saying|know|knows|ain'?t|aint|is full of|are full "
    r"of|'re full of|'s full of|is talking out of|are talking out of)(?: \w+)? (?:shit|bullshit|"
    r"crap|horseshit)|"
    r"\b(?:your|ur|his|their) (?:fucking|shitty|crappy|bullshit|bitch|bitchass|dumbass|"
    r"sorry|stupid|dumb|fat|ugly|pathetic|lying|worthless|useless|ignorant) (?:ass|arse|face|"
    r"mouth|opinions?|excuses?|lies|posts?|takes?|comments?|bullshit|shit|crap)"
)
