"""Abuse screener: insults aimed at people, hate speech against groups, threats.

Swearing is not abuse: "this fucking week" and "I feel like shit" are someone describing
their own life, which a peer-support forum must allow. A signal needs a target: an insult
word, a second-person cue ("fuck you", "you're pathetic"), a slur or a statement about a
group. Quoted or reported speech ("he called me a worthless bitch") is a survivor telling
their story and is down-weighted below the emit threshold.

No learned model takes part: the one packaged for profanity (alt-profanity-check) was
trained on the Davidson tweets, which are an evaluation file here, and it never changed
whether anything was flagged, only the score shown beside an insult.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import abuse_lexicon as lex
from . import abuse_slurs as slurs
from . import abuse_targets as tg
from .normalize import NormalizedText, normalize_pattern
from .types import Signal

SCREENER = "abuse"
VERSION = f"{lex.VERSION}+{slurs.VERSION}+{tg.VERSION}"
EMIT_THRESHOLD = 0.5
REPORTED_FACTOR = 0.4
# An insult aimed at someone ("you're pathetic") weighs more than an insult word alone.
TARGETED_INSULT_SCORE = 0.8
INSULT_WORD_SCORE = 0.6

EXPLANATIONS = {
    "abuse.hate": "Uses a slur or attacks a group of people.",
    "abuse.insult": "Insults or swears at someone.",
    "abuse.threat": "Threatens someone or tells them to harm themselves.",
}


def _word_regex(word: str) -> str:
    # Spaces match any separator run; inner vowels may be starred out ("n*gger").
    out = []
    for i, ch in enumerate(word):
        if ch == " ":
            out.append(r"[\W_]*")
        elif ch in "aeiouy" and 0 < i < len(word) - 1:
            out.append(f"[{ch}*#]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _word_alternation(words: list[str]) -> str:
    # Longest first so "sand nigger" wins over its parts.
    folded = sorted({normalize_pattern(w) for w in words}, key=len, reverse=True)
    return "|".join(_word_regex(w) for w in folded)


_SLUR_CATEGORY = {normalize_pattern(w): cat for cat, ws in slurs.HATE_SLURS.items() for w in ws}
_SLUR_RE = re.compile(
    r"(?<![a-z])("
    + _word_alternation([w for ws in slurs.HATE_SLURS.values() for w in ws])
    + r")(?:s|z|es)?(?![a-z])"
)
_INSULT_RE = re.compile(
    r"(?<![a-z])(" + _word_alternation(list(slurs.INSULT_WORDS)) + r")(?:s|z|es)?(?![a-z])"
)
_INSULT_PLAIN = "|".join(re.escape(w) for w in sorted(slurs.INSULT_WORDS, key=len, reverse=True))
_TARGETED = re.compile(lex.TARGETED.replace("{INSULT}", _INSULT_PLAIN))
_PATTERNS = tuple((rid, label, score, re.compile(p)) for rid, label, score, p in lex.PATTERNS)
_REPORTED = re.compile(lex.REPORTED)
_CALLED = re.compile(lex.CALLED)
_INSULT_PHRASES = re.compile(lex.INSULT_PHRASES)
_REPORTED_AFTER = re.compile(lex.REPORTED_AFTER)
_NOT_AIMED_AFTER = re.compile(lex.NOT_AIMED_AFTER)
_NOT_A_DIRECTIVE = re.compile(lex.NOT_A_DIRECTIVE)
_SENTENCE_BREAK = re.compile(r"[.!?\n]")


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_STRONG = rf"(?:{_alt(tg.STRONG_NOUNS)})(?:s|es|z)?"
_NOUN = rf"(?:{_alt(tg.STRONG_NOUNS + tg.WEAK_NOUNS)})(?:s|es|z)?"
_ADJ = rf"(?:{_alt(tg.ADJECTIVES)})"
_MODS = rf"(?:(?:{tg.MODIFIERS}|{_ADJ})\s+){{0,4}}"
_PRED = rf"{tg.NEGATION_AFTER}\s*{_MODS}(?:{_NOUN}|{_ADJ})"
_CLAUSE_START = r"(?:^|[.!?,;:\n]\s*|@\w+\s*)"
_E = r"(?![\w'])"  # end of a word (no plural or contraction follows)

# (rule_id, label, score, pattern, aimed at a third person or group)
_TARGET_RULES = tuple(
    (rid, label, score, re.compile(p), third)
    for rid, label, score, p, third in (
        (
            "target.second_person",
            "abuse.insult",
            0.8,
            rf"\b{tg.SECOND_PERSON}(?:{tg.COPULA}|{tg.PAST_COPULA}){_PRED}{_E}|"
            rf"\b(?:are|r) (?:you|u|ya)(?: just| really| actually| being)?{_PRED}{_E}|"
            rf"\b(?:ur|youre|your) (?:an?|such an?|so|the biggest|just an?|one)\s+"
            rf"{_MODS}(?:{_NOUN}|{_ADJ}){_E}|\b(?:ur|youre) {_MODS}(?:{_NOUN}|{_ADJ}){_E}",
            False,
        ),
        (
            "target.vocative",
            "abuse.insult",
            0.8,
            rf"\b(?:you|u|ya|ye|you guys|you people|you lot) {_MODS}{_NOUN}{_E}",
            False,
        ),
        (
            "target.third_person",
            "abuse.insult",
            0.75,
            rf"\b{tg.THIRD_PERSON}(?:{tg.COPULA}|{tg.PAST_COPULA}){_PRED}{_E}",
            True,
        ),
        (
            "target.insult_verb",
            "abuse.insult",
            0.75,
            rf"\b(?:{tg.SECOND_PERSON}|he|she|they|@\w+)(?: really| just| so| totally)? "
            rf"{tg.INSULT_VERBS}\b(?! (?:at|it|up))",
            False,
        ),
        (
            "target.curse",
            "abuse.insult",
            0.8,
            rf"\b{tg.CURSE_AT}\b|\b(?:ur|your|his|her|their) (?:stupid|dumb|ugly|fat|ignorant|"
            rf"idiotic|pathetic|worthless|moronic|lying|brainless) (?:\w+)",
            False,
        ),
        (
            "target.swearing_at",
            "abuse.insult",
            0.75,
            tg.SWEARING_AT,
            True,
        ),
        (
            "target.exclamation",
            "abuse.insult",
            0.75,
            rf"{_CLAUSE_START}(?:what|such|you're such|ur such) an? {_MODS}{_NOUN}{_E}"
            r"(?! (?:i am|i'?m|im|i was|am i|i'?ve been|i can be|i feel))",
            False,
        ),
        (
            "target.dismissal",
            "abuse.insult",
            0.75,
            rf"{_CLAUSE_START}{tg.COMMAND_START}{tg.DISMISSALS}\b",
            False,
        ),
        (
            "target.group",
            "abuse.insult",
            0.75,
            rf"\b(?:(?:all|most|these|those|the|typical|fucking|bunch of|of the) )*"
            rf"{tg.GROUP_NOUNS} (?:are|r|'re)(?: all)?{_PRED}{_E}",
            True,
        ),
        (
            "threat.targeted",
            "abuse.threat",
            0.9,
            rf"\b{tg.THREAT_SUBJECT}(?: ?{tg.THREAT_MODAL})? (?:(?!not|never|could|might|can)\w+ )?"
            rf"(?:{tg.VIOLENCE} {tg.VICTIM}|{tg.BODY_HARM})\b",
            False,
        ),
        (
            "threat.deserves",
            "abuse.threat",
            0.85,
            rf"\b(?:you|u|he|she|they|@\w+|all of (?:you|them)|these people|those people|"
            rf"{tg.GROUP_NOUNS}) {tg.DESERVES}\b|\b{tg.WISH}\b",
            True,
        ),
    )
)
_NAMED = re.compile(
    rf"\b([a-z][\w.'-]+) (?:is|'s|is just|is such|is nothing but) {_MODS}{_NOUN}{_E}"
)
# Capitalised words that are not names ("Life is a joke", "This is a disgrace").
_NOT_NAMES = (
    "i it this that what there here who which life everything nothing something everyone "
    "everybody nobody someone somebody today tonight tomorrow work school love the a my "
    "your our their his her he she they we you one mine anything thing world god"
)
_NAME_STOP = frozenset(_NOT_NAMES.split())
_MENTION = re.compile(r"@\w+")
_MENTION_RES = (
    ("target.mention", re.compile(rf"\b{_STRONG}{_E}")),
    ("target.mention_weak", re.compile(rf"\b{tg.WEAK_LEAD} {_MODS}{_NOUN}{_E}")),
)
_NEGATING = re.compile(tg.NEGATING_PREFIX)
_FIRST_PERSON = re.compile(tg.FIRST_PERSON)
_SUPPORT = re.compile(tg.SUPPORT)
# Harm done to the writer or the reader: "what he did to you", "he hit me", "my abusive ex",
# "I finally left him", "it was not your fault". An insult about the one who did it is a
# survivor's account or a supporter's, not an attack on a member.
_HARM_TOLD = re.compile(
    r"\bwhat (?:he|she|they) (?:did|has done|have done) to (?:you|me|us)\b|"
    r"\b(?:he|she|they) (?:\w+ )?(?:hurt|abused|hit|raped|assaulted|beat|choked|manipulated|"
    r"gaslit|gaslighted|stalked|harassed|groomed|threatened) (?:you|me|us)\b|"
    r"\b(?:my|your|an?) (?:\w+ )?abus(?:ive|er)\b|\b(?:i|you) (?:finally )?left (?:him|her)\b|"
    r"\b(?:was|is|it'?s|wasn'?t|isn'?t) (?:not )?your fault\b"
)
# "I want to punch him" in a survivor's story is anger at an abuser; "at you" stays a threat.
_THIRD_VICTIM = re.compile(r"\b(?:him|her|them|his|their)\b")
# An insult word said not to be so: "you're not a loser", "you arent an idiot".
_NOT_A = re.compile(
    r"(?:\b(?:not|never)|\b(?:is|are|was|were)n'?t)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$"
)
_PRAISE_AFTER = re.compile(rf"\s*{tg.PRAISE}\b")  # "you're so fucking brave"
_SELF_OR_TO = re.compile(r"\b(?:i|i'?m|im|me|we|to)\b")  # "I just want to shut up"
# "n't" with or without its apostrophe ("dont"), but not the "nt" of "want" or "went".
_NEGATED_INSIDE = re.compile(
    r"\b(?:not|never|no)\b|n't\b|\b(?:do|does|did|is|are|was|were|ca|wo|could|would|should|"
    r"have|has|had|ai)nt\b"
)
_SELF = re.compile(r"\b(?:i|i'?m|im|me|myself|i am|i was|i feel|i felt|am i|my)\b")
_CLAUSE_BREAK = re.compile(r"[.!?,;:\n]")
_WORD = re.compile(r"\w+")


def _clause_prefix(text: str, start: int) -> str:
    window = text[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _is_narrative(text: str) -> bool:
    """Return True for a first-person story or a word of support: there, insults about
    others are the writer's life or a survivor's abuser, not an attack on a member."""
    first = len(_FIRST_PERSON.findall(text))
    if first >= 3 and first >= 0.05 * len(_WORD.findall(text)):
        return True
    return bool(_SUPPORT.search(text))


class _LetThrough(NamedTuple):
    threats: bool
    insults: bool


def _lets_through(text: str) -> _LetThrough:
    """What about someone else this post lets through: threats and insults in a narrative;
    insults alone where it tells of harm done to the writer or the reader, since an insult
    there names the one who did it, while a threat to hurt them ("he hurt me and I will stab
    him") is held as any threat is."""
    narrative = _is_narrative(text)
    return _LetThrough(threats=narrative, insults=narrative or bool(_HARM_TOLD.search(text)))


def _targeted_matches(norm: NormalizedText) -> list[tuple[str, str, float, re.Match[str]]]:
    """Return insults and threats aimed at someone, after the carve-outs."""
    text = norm.text
    lets_through = None  # read once, when first needed
    found = []
    for rid, label, score, regex, third in _TARGET_RULES:
        for m in regex.finditer(text):
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" .!?,;:\n"))
            if _NEGATING.search(_clause_prefix(text, start)) or _NOT_AIMED_AFTER.match(
                text, m.end()
            ):
                continue
            if third or (rid == "threat.targeted" and _THIRD_VICTIM.search(m.group(0))):
                if lets_through is None:
                    lets_through = _lets_through(text)
                if lets_through.insults if label == "abuse.insult" else lets_through.threats:
                    continue
            found.append((rid, label, score, m))
    for m in _NAMED.finditer(text):
        name = m.group(1)
        if (
            name in _NAME_STOP
            or not norm.original[norm.original_span(m.start(1), m.end(1))[0]].isupper()
        ):
            continue
        if text[max(0, m.start() - 4) : m.start()].strip() in ("my", "our"):
            continue
        if _NEGATING.search(_clause_prefix(text, m.start())):
            continue
        if lets_through is None:
            lets_through = _lets_through(text)
        if not lets_through.insults:
            found.append(("target.named", "abuse.insult", 0.75, m))
    if "@" in text and _MENTION.search(text):
        for rid, regex in _MENTION_RES:
            for m in regex.finditer(text):
                prefix = _clause_prefix(text, m.start())
                if _SELF.search(prefix) or _NEGATING.search(prefix):
                    continue
                found.append((rid, "abuse.insult", 0.75, m))
    return found


def _sentence_prefix(text: str, start: int) -> str:
    window = text[max(0, start - 60) : start]
    breaks = list(_SENTENCE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _is_called(text: str, start: int) -> bool:
    """Return True when the writer reports being called the word, or talks about it."""
    return bool(_CALLED.search(_sentence_prefix(text, start)))


def _is_reported(text: str, start: int) -> bool:
    """Return True when the match sits in quoted, reported or self-directed speech."""
    lo = max(0, start - 300)
    para = text.rfind("\n", lo, start)
    if text.count('"', max(lo, para + 1), start) % 2 == 1:
        return True
    prefix = _sentence_prefix(text, start)
    return bool(
        _REPORTED.search(prefix) or _CALLED.search(prefix) or _REPORTED_AFTER.match(text, start)
    )


def _signal(norm: NormalizedText, start: int, end: int, label: str, score: float, rid: str):
    span = norm.original_span(start, end)
    return Signal(
        screener=SCREENER,
        label=label,
        score=round(min(1.0, max(0.0, score)), 4),
        span=span,
        matched=norm.original[span[0] : span[1]],
        explanation=EXPLANATIONS[label],
        rule_id=f"abuse:{rid}",
    )


def screen_abuse(norm: NormalizedText) -> list[Signal]:
    """Return abuse signals (hate, threat, insult) for a normalised text."""
    text, folded = norm.text, norm.folded
    out: list[Signal] = []
    for rid, label, score, regex in _PATTERNS:
        for m in regex.finditer(text):
            if label == "abuse.insult" and (
                _NEGATING.search(_clause_prefix(text, m.start()))
                or _NOT_AIMED_AFTER.match(text, m.end())
            ):
                continue  # "nobody thinks you're stupid", "you stupid brain, let me sleep"
            if rid == "threat.self_harm_directive" and _NOT_A_DIRECTIVE.search(
                _clause_prefix(text, m.start())
            ):
                continue  # "please don't kill yourself", "if you want to kill yourself…"
            weight = score * REPORTED_FACTOR if _is_reported(text, m.start()) else score
            if weight >= EMIT_THRESHOLD:
                out.append(_signal(norm, m.start(), m.end(), label, weight, rid))
    for m in _SLUR_RE.finditer(folded):
        if _is_called(text, m.start()):
            continue
        category = _SLUR_CATEGORY.get(m.group(1), "slur")
        out.append(_signal(norm, m.start(), m.end(), "abuse.hate", 0.9, f"slur.{category}"))
    for rid, label, score, m in _targeted_matches(norm):
        weight = score * REPORTED_FACTOR if _is_reported(text, m.start()) else score
        if weight >= EMIT_THRESHOLD:
            out.append(_signal(norm, m.start(), m.end(), label, weight, rid))
    insults = [
        m
        for m in _INSULT_RE.finditer(folded)
        if not _is_reported(text, m.start()) and not _NOT_A.search(text, 0, m.start())
    ]
    insults += [
        m
        for m in _INSULT_PHRASES.finditer(text)
        if not _is_reported(text, m.start()) and not _NOT_A.search(text, 0, m.start())
    ]
    targeted = [
        m
        for m in _TARGETED.finditer(text)
        if not _is_reported(text, m.start())
        and not _NEGATED_INSIDE.search(m.group(0))
        and not _PRAISE_AFTER.match(text, m.end())
        and not _NOT_AIMED_AFTER.match(text, m.end())
        and not (
            m.group(0).startswith("shut") and _SELF_OR_TO.search(_clause_prefix(text, m.start()))
        )
        and not _NEGATING.search(_clause_prefix(text, m.start()))
    ]
    if not insults and not targeted:
        return out
    for m in targeted:
        out.append(
            _signal(norm, m.start(), m.end(), "abuse.insult", TARGETED_INSULT_SCORE, "targeted")
        )
    covered = [s.span for s in out]
    if insults and _lets_through(text).insults:
        insults = []  # a survivor's story or a word of support names the abuser's behaviour
    for m in insults:
        span = norm.original_span(m.start(), m.end())
        if any(a <= span[0] < b for a, b in covered if a is not None):
            continue
        out.append(
            _signal(norm, m.start(), m.end(), "abuse.insult", INSULT_WORD_SCORE, "insult_word")
        )
    return out
