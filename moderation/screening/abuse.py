"""Abuse screener: insults aimed at people, hate speech against groups, threats.

Swearing is not abuse: "this fucking week" and "I feel like shit" are someone describing
their own life, which a peer-support forum must allow. A signal needs a target: an insult
word, a second-person cue ("fuck you", "you're pathetic"), a slur or a statement about a
group. Quoted or reported speech ("he called me a worthless bitch") is a survivor telling
their story and is down-weighted below the emit threshold. The packaged profanity model
scores how offensive the wording is and sets the insult score.
"""

from __future__ import annotations

import re

from . import abuse_lexicon as lex
from . import abuse_slurs as slurs
from .abuse_model import get_model
from .normalize import NormalizedText, normalize_pattern
from .types import Signal

SCREENER = "abuse"
VERSION = f"{lex.VERSION}+{slurs.VERSION}+alt-profanity-check"
EMIT_THRESHOLD = 0.5
REPORTED_FACTOR = 0.4

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
_SENTENCE_BREAK = re.compile(r"[.!?\n]")


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
    return bool(_REPORTED.search(prefix) or _CALLED.search(prefix))


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
            weight = score * REPORTED_FACTOR if _is_reported(text, m.start()) else score
            if weight >= EMIT_THRESHOLD:
                out.append(_signal(norm, m.start(), m.end(), label, weight, rid))
    for m in _SLUR_RE.finditer(folded):
        if _is_called(text, m.start()):
            continue
        category = _SLUR_CATEGORY.get(m.group(1), "slur")
        out.append(_signal(norm, m.start(), m.end(), "abuse.hate", 0.9, f"slur.{category}"))
    insults = [m for m in _INSULT_RE.finditer(folded) if not _is_reported(text, m.start())]
    insults += [m for m in _INSULT_PHRASES.finditer(text) if not _is_reported(text, m.start())]
    targeted = [m for m in _TARGETED.finditer(text) if not _is_reported(text, m.start())]
    if not insults and not targeted:
        return out
    prob = get_model().score(text).prob
    for m in targeted:
        out.append(_signal(norm, m.start(), m.end(), "abuse.insult", max(0.8, prob), "targeted"))
    covered = [s.span for s in out]
    for m in insults:
        span = norm.original_span(m.start(), m.end())
        if any(a <= span[0] < b for a, b in covered if a is not None):
            continue
        score = 0.55 + 0.4 * prob
        if score >= EMIT_THRESHOLD:
            out.append(_signal(norm, m.start(), m.end(), "abuse.insult", score, "insult_word"))
    return out


def model_probability(norm: NormalizedText) -> float:
    """Return the packaged profanity model's probability for the text."""
    return get_model().score(norm.text).prob
