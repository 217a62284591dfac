"""Abuse patterns written for Hearth: targeting cues, directives, dehumanising statements.

Patterns run on normalised (casefolded) text. Slurs live in abuse_slurs.py.
"""

from __future__ import annotations

VERSION = "abuse-2026.12.5"

GROUPS = (
    r"(?:blacks|black people|whites|white people|jews|jewish people|muslims|moslems|arabs|"
    r"mexicans|immigrants|migrants|refugees|asylum seekers|foreigners|gays|gay people|"
    r"lesbians|homosexuals|trans people|transgender people|trannies|women|females|asians|"
    r"chinese|indians|africans|latinos|hispanics|gypsies|roma|christians|hindus|sikhs|"
    r"catholics|atheists|disabled people|the disabled|autistic people|illegals|niggers|"
    r"faggots|kikes|spics|beaners|chinks|wetbacks)"
)
DEHUMANISING = (
    r"(?:animals|vermin|parasites|subhuman|sub-human|cockroaches|roaches|rats|pigs|apes|"
    r"monkeys|savages|filth|scum|a disease|a plague|a cancer|trash|garbage|inferior|"
    r"not human|less than human|barbarians|invaders|an infestation|breeding like rats)"
)

# Judgements that insult a person or a group when said of them ("you're a liar", "all X are
# parasites"); the insult words in abuse_slurs are matched as well.
NEGATIVE = (
    r"(?:liars?|hypocrites?|disgraces?|jokes?|clowns?|fools?|cowards?|traitors?|frauds?|"
    r"snakes?|creeps?|perverts?|freaks?|bigots?|racists?|lunatics?|psychos?|parasites?|"
    r"degenerates?|losers?|idiots?|morons?|animals|criminals|rapists|terrorists|thieves|"
    r"disgusting|pathetic|stupid|dumb|ignorant|worthless|useless|delusional|brainless|"
    r"clueless|vile|evil|scum|trash|garbage|filth|an embarrassment|a waste of space|sick in "
    r"the head|brain ?dead|retarded|insane|crazy|a piece of (?:shit|work|garbage|trash)|"
    r"full of shit|the worst|beneath contempt|subhuman|inferior|dirty|lazy)"
)
_NOT = r"(?!(?:not|never|no|n'?t)\b)"

# (rule_id, label, score, pattern)
PATTERNS: tuple[tuple[str, str, float, str], ...] = (
    (
        "hate.dehumanise",
        "abuse.hate",
        0.9,
        rf"\b(?:all )?{GROUPS} (?:are|r|is|were|being) (?:all |just |nothing but |literally )?"
        rf"{DEHUMANISING}\b",
    ),
    (
        "hate.eliminate",
        "abuse.hate",
        0.95,
        rf"\b(?:kill|gas|hang|shoot|lynch|deport|exterminate|eradicate|wipe out|get rid of|"
        rf"burn|nuke|round up|ban) (?:all )?(?:the |those |these )?{GROUPS}\b|\b{GROUPS} "
        rf"(?:should|must|need to|deserve to) (?:all )?(?:die|be killed|be shot|be gassed|be "
        rf"hanged|be exterminated|burn|be deported|go back)\b",
    ),
    (
        "threat.self_harm_directive",
        "abuse.threat",
        0.95,
        r"\b(?:go |just |pls |please |u should |you should |why don'?t you |why dont you )?"
        r"(?:kill|hang|shoot|off|unalive|neck) (?:your ?self|ur ?self|urself|yourselves)\b|"
        r"\b(?:kys|kyfs|foad)\b|\b(?:go|just|pls) (?:die|drink bleach|jump off a bridge)\b|"
        r"\b(?:you|u) (?:should|deserve to|need to|ought to) (?:just )?(?:die|be dead|"
        r"kill yourself|not exist|disappear forever)\b|\b(?:hope|wish) (?:you|u) (?:\w+ )?"
        r"(?:die|get cancer|get raped|get killed|kill yourself|rot in hell)\b|"
        r"\bnobody would miss (?:you|u)\b",
    ),
    (
        "threat.violence",
        "abuse.threat",
        0.9,
        r"\bi(?:'?m| am|'?ll| will| wanna| want to|'?m gonna| am going to| will) (?:\w+ )?"
        r"(?:kill|murder|stab|shoot|beat the shit out of|beat|rape|hurt|find you and (?:hurt|kill|"
        r"beat|stab|shoot|rape)) "
        r"(?:you|u|ya|your family|your kids)\b(?! (?:guys|all) (?:with|in) )",
    ),
    (
        "insult.you_are",
        "abuse.insult",
        0.8,
        rf"\b(?:you|u|ya|y'?all)(?:'?re| are| r|re| is)? {_NOT}(?:(?:such|just|truly|really|"
        rf"nothing but|a|an|the|so|fucking|fuckin|a fucking|an absolute|a total|a complete|"
        rf"one|a real|the biggest) ){{0,3}}{NEGATIVE}\b",
    ),
    (
        "insult.mention",
        "abuse.insult",
        0.75,
        rf"@\w+\b[^.!?\n]{{0,40}}\b(?:(?:is|are|'s|r) |(?:what|such) an? |(?:you|u) "
        rf"(?:\w+ )?){_NOT}(?:(?:such|just|a|an|the|so|fucking|total|complete|absolute) "
        rf"){{0,3}}{NEGATIVE}\b",
    ),
    (
        "hate.generalise",
        "abuse.hate",
        0.85,
        rf"\ball (?:(?:the|these|those|of the|of these) )?(?:\w+ )?[a-z]+s (?:are|r) "
        rf"{_NOT}(?:(?:all|just|nothing but|the same|a bunch of|so|fucking) ){{0,2}}{NEGATIVE}\b|"
        rf"\b{GROUPS} (?:are|r) (?:all |just |nothing but |such )?{NEGATIVE}\b",
    ),
)

# Second-person targeting around profanity or insult words.
TARGETED = (
    r"\b(?:fuck|fuk|screw|damn|f\*\*k|f\*ck) (?:you|u|ya|off|yourself|urself|your)\b|"
    r"\b(?:you|u|ya|youre|you'?re|you are|ur|your|yo)\b(?: \w+){0,3} (?:{INSULT})\b|"
    r"\b(?:you|u)(?:'?re| are| r)? (?:such an?|an?|the|so|fucking|fuckin|stupid|dumb|ugly|"
    r"worthless|pathetic|disgusting|fat|useless)\b[\w ]{0,25}?\b(?:{INSULT}|fuck|shit|ass)\w*|"
    r"\b(?:stfu|gtfo|shut (?:the fuck |tf |your (?:fucking )?(?:mouth|face) )?up|"
    r"suck my (?:dick|cock|balls)|eat shit|piss off|go to hell|your (?:\w+ )?(?:mom|mum|"
    r"mother|momma|mama) (?:is|'?s|was) (?:a )?\w+|kiss my ass|up yours)\b|"
    # Disgust aimed at the reader.
    r"\b(?:you|u) (?:disgust|sicken|repulse|revolt) me\b|"
    r"\b(?:you|u) make me (?:sick|want to (?:puke|vomit|throw up))\b(?! (?:with|from|worrying))"
)

# Being called a name, or talking about a word: survivors describing abuse are not abusive.
CALLED = (
    r"\b(?:called|calling|calls|call|named|labell?ed)\s+(?:me|us|my|mine)\b|"
    r"\b(?:was|were|being|been|get|got|getting|am|'?m)\s+(?:\w+\s+)?called\b|"
    r"\b(?:the word|words like|slurs? like|slurs? such as|a slur|term|terms like|"
    r"use the word|uses the word|using the word|the n[- ]?word)\b|\bi(?:'?m| am) (?:such )?an?\b"
)
# Reporting someone else's speech, used for insults (not for slurs, which stay flagged).
REPORTED = (
    r"\b(?:said|says|say|saying|told|tells|tell|telling|yelled|yells|yell|yelling|screamed|"
    r"screams|scream|screaming|shouted|shouts|shout|shouting|texted|wrote|whispered|muttered|"
    r"spat|hissed|called|calls|calling|named)\b[^.!?\n]{0,40}$|"
    # The writer describing themself: "I was a useless idiot", "I felt like such a loser".
    r"\bi(?:'?m| am| was| feel| felt| look| looked| sound| sounded| must be| must look)"
    r"(?: like)?(?: (?:such|so|just|a|an|the|total|complete|useless|stupid|worthless|fat|"
    r"ugly|dumb|pathetic|fucking|absolute|real|big|huge))*\s*$"
)
# Insulting phrases without a listed insult word.
# Before "kill yourself": a plea, a question or a condition, not a directive ("please don't
# kill yourself", "don't you dare…", "if you want to…", "why would you want to…"). Searched in
# the clause before the words; "I don't care, go kill yourself" is still a directive.
NOT_A_DIRECTIVE = (
    r"\b(?:don'?t|dont|do not|never|not|shouldn'?t|should not|won'?t|wouldn'?t|if|whether|"
    r"want(?:s|ed|ing)? to|wanna|thinking (?:about|of)|thought (?:about|of)|urges? to|"
    r"tempted to|trying to|tried to|going to|gonna|planning to|plans? to|why would you|"
    r"how could you|reasons? (?:not )?to|decided (?:not )?to)\b(?: [\w']+){0,3} ?$"
)
# Speech reported after the words themselves: "'go to hell' was the last thing he said to me",
# "shut up is what my dad used to scream". Matched from the start of the words on.
REPORTED_AFTER = (
    r"[^.!?\n]{0,60}?\b(?:is|was|were|are) (?:what|all|the (?:last |first |only )?(?:thing|"
    r"words?)) (?:\w+ ){0,4}?(?:used to |would |kept |always )?(?:say|said|says|tell|told|tells|"
    r"scream|screamed|screams|yell|yelled|yells|shout|shouted|shouts|text|texted|write|wrote|"
    r"call|called)\b|"
    r"[^.!?\n]{0,60}?[,'\"] ?(?:he|she|they|my \w+|someone|people|everyone) (?:said|says|"
    r"screamed|yelled|shouted|texted|wrote|would say|used to say|told me)\b"
)
# After a dismissal or a curse, what shows it is aimed at no member: the writer's own brain or
# illness ("shut up brain", "fuck you depression"), or words that make it literal ("get lost in
# a book", "drop dead gorgeous") or a joke ("shut up and take my money").
NOT_AIMED_AFTER = (
    r"[\s,]*(?:my |stupid |dumb |you |u )?(?:brain|mind|head|anxiety|depression|thoughts|"
    r"intrusive thoughts|inner (?:critic|voice)|insomnia|ocd|adhd|ptsd|bpd|panic|panic attacks?|"
    r"voices|cancer|illness|disorder|demons)\b|"
    r"(?<=lost) (?:in|into|inside|among|on|while|when|easily|again|for hours)\b|"
    r"(?<=dead) (?:gorgeous|beautiful|sexy|handsome|stunning|serious|tired|quiet)\b|"
    r"(?<=up) and take my money\b"
)
INSULT_PHRASES = (
    r"\b(?:piece of (?:human )?(?:shit|garbage|trash|crap)|human (?:garbage|filth|trash|scum)|"
    r"waste of (?:space|oxygen|air|skin|sperm)|(?:pure|absolute|total|worthless|gutter) trash|"
    r"(?:dumb|stupid|ugly|fat|lazy) (?:fuck|fucker|shit|ass|cow|pig))\b"
)
