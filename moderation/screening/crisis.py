"""Crisis screener: first-person suicidal ideation, intent, plans, means, goodbyes, self-harm.

Phrase patterns (crisis_lexicon) find candidates; each candidate is then weighed by its
clause: negated ("I don't want to die"), support-giving ("if you want to end it, call"),
figurative ("want to die of embarrassment lol"), reported ("he told me to kill myself") or
past ("I used to want to die") matches are down-weighted. Weights combine by noisy-OR, and
signals are emitted only when the combined score reaches the threshold, so one weak
phrase ("I can't do this anymore") never raises a crisis alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import crisis_lexicon as lex
from .crisis_needs import NEEDS
from .normalize import NormalizedText
from .types import Signal

SCREENER = "crisis"
VERSION = lex.VERSION
DEFAULT_THRESHOLD = 0.5
STOP_SCORE = 0.99  # once certain, further phrases cannot change the verdict
LONG_TEXT = 3000  # above this many characters, scan only around required substrings

EXPLANATIONS = {
    "crisis.ideation": "Mentions wanting to die or not wanting to live.",
    "crisis.intent": "States an intention to end their life.",
    "crisis.plan": "Mentions a plan, a date or a note.",
    "crisis.means": "Mentions means of ending their life.",
    "crisis.goodbye": "Reads like a goodbye message.",
    "crisis.self_harm": "Mentions self-harm.",
    "crisis.concern_for_other": "Worried that someone else may be at risk.",
}

_CLAUSE_BREAK = re.compile(r"[.!?;\n]|\bbut\b|\bthough\b|\bhowever\b|\bexcept\b")
_NEGATION = re.compile(lex.NEGATION)
_PAST = re.compile(lex.PAST)
_PAST_AFTER = re.compile(lex.PAST_AFTER)
_SUPPORT = re.compile(lex.SUPPORT)
_FIG_AFTER = re.compile(lex.FIGURATIVE_AFTER)
_FIG_BEFORE = re.compile(lex.FIGURATIVE_BEFORE)
_REPORTED = re.compile(lex.REPORTED)
# "a fight not to hurt myself", "trying not to cut": the struggle is itself a risk cue.
_STRUGGLE = re.compile(
    r"\b(?:fight(?:ing)?|tr(?:y|ying|ied)|hard|struggl\w+|resist\w*|keep(?:ing)? myself|"
    r"stop(?:ping)? myself|urges?|best|effort) not to\b[\w' ]{0,18}$|"
    r"\b(?:regret|wish i had|wish i'?d|should have|should'?ve) (?:not|never)\b[\w' ]{0,18}$"
)
_SUBJECT = re.compile(lex.SUBJECT)
# Cheap gate: a text with none of these stems cannot match any pattern, so the many
# pattern scans are skipped for most everyday posts.
_GATE = re.compile(
    r"di[ea]|dead|death|kill|kms|aliv|suicid|end|live|living|exist|wake|gone|point|reason|"
    r"burden|born|sleep|asleep|tired|sick|done|finish|can'?t|cannot|unable|give|gave|hope|"
    r"worth|numb|trap|empty|hate|plan|date|note|letter|attempt|tried|pill|tablet|rope|noose|"
    r"gun|pistol|rifle|razor|blade|bullet|meds|medic|oxy|xanax|opioid|insulin|helium|bleach|"
    r"tylenol|paracetamol|acetaminophen|ibuprofen|painkill|overdos|\bod|lethal|fatal|jump|"
    r"bye|last|final|thank|tell|cut|burn|harm|scratch|carv|starv|punish|bleed|mutilat|hurt|"
    r"hit|punch|bang|injur|self|myself|scared|afraid|worried|drastic|stupid|make it|last|"
    r"let me|why|ctb|unaliv|vanish|disappear|die|ready|tonight|today|slit|deep|how many|"
    r"how much|pain|over|crav|deserv|wish|better off|happier|easier|should|anymore"
)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _compile(pattern: str) -> re.Pattern[str]:
    for name, value in lex.MACROS.items():
        pattern = pattern.replace("{" + name + "}", value)
    if pattern.startswith(r"\b") and "|" not in _top_level(pattern):
        pattern = pattern[2:]
    return re.compile(pattern)


def _top_level(pattern: str) -> str:
    """Return the pattern with every parenthesised group removed (to spot top-level |)."""
    depth, out, escaped = 0, [], False
    for ch in pattern:
        if escaped:
            escaped = False
            if depth == 0:
                out.append(ch)
            continue
        if ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Rule:
    rule_id: str
    label: str
    weight: float
    subject: str
    regex: re.Pattern[str]
    needs: tuple[str, ...]

    def candidates(self, text: str, needles: _Needles) -> list[re.Match[str]]:
        """Return matches, scanning only near the rule's required substrings."""
        if self.needs and not any(n in text for n in self.needs):
            return []
        if not self.needs or len(text) < LONG_TEXT:
            found: Iterable[re.Match[str]] = self.regex.finditer(text)
        else:
            found = needles.finditer(self.regex, self.needs)
        # The leading \b was stripped at compile time (it stops `re` from skipping ahead
        # on the first character, doubling scan time); check the boundary here instead.
        return [
            m
            for m in found
            if m.start() == 0 or not _is_word(text[m.start() - 1]) or not _is_word(m.group(0)[:1])
        ]


class _Needles:
    """Positions of required substrings in one long text, found with str.find and cached.

    Scanning 75 patterns over a 20,000-character post costs tens of milliseconds; running
    each only in windows around its required substrings keeps precheck fast.
    """

    BEFORE, AFTER, MAX_HITS = 100, 80, 400

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[str, list[int]] = {}

    def positions(self, needle: str) -> list[int]:
        hits = self.cache.get(needle)
        if hits is None:
            hits, i = [], self.text.find(needle)
            while i != -1 and len(hits) < self.MAX_HITS:
                hits.append(i)
                i = self.text.find(needle, i + 1)
            self.cache[needle] = hits
        return hits

    def finditer(self, regex: re.Pattern[str], needs: tuple[str, ...]) -> Iterator[re.Match[str]]:
        n = len(self.text)
        windows = sorted(
            (max(0, p - self.BEFORE), min(n, p + len(nd) + self.AFTER))
            for nd in needs
            for p in self.positions(nd)
        )
        last_end = -1
        lo_m, hi_m = -1, -1
        for lo, hi in [*windows, (n + 1, n + 1)]:
            if lo <= hi_m:
                hi_m = max(hi_m, hi)
                continue
            if hi_m > lo_m >= 0:
                for m in regex.finditer(self.text, lo_m, hi_m):
                    if m.start() >= last_end:
                        last_end = m.end()
                        yield m
            lo_m, hi_m = lo, hi


def _rules(table: tuple[tuple[str, str, float, str, str], ...]) -> tuple[_Rule, ...]:
    return tuple(_Rule(r, lb, w, s, _compile(p), NEEDS.get(r, ())) for r, lb, w, s, p in table)


_FIRST = _rules(lex.FIRST_PERSON)
_OTHER = _rules(lex.CONCERN_FOR_OTHER)


def _clause_prefix(text: str, start: int) -> str:
    """Return the text from the clause start (at most 120 chars back) up to `start`."""
    window = text[max(0, start - 120) : start]
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    return window[ends[-1] :] if ends else window


def _subject(prefix: str) -> str | None:
    """Return "first", "second" or "third" for the nearest subject word, else None."""
    found = list(_SUBJECT.finditer(prefix))
    return found[-1].lastgroup if found else None


def _modifier(text: str, m: re.Match[str], rule: _Rule) -> tuple[float, str | None]:
    """Return a weight multiplier and, for clause rules, who the subject is."""
    prefix = _clause_prefix(text, m.start())
    near = prefix[-45:]
    who = _subject(prefix) if rule.subject == "clause" else "first"
    if who == "second":
        return 0.0, who
    if who == "third" and rule.subject == "clause":
        return 1.0, who
    factor = 1.0
    if _NEGATION.search(near) and not _STRUGGLE.search(near):
        return 0.0, who
    if _in_quotes(text, m.start()):
        factor *= 0.5
    after = text[m.end() : m.end() + 80]
    if _FIG_AFTER.search(after) or _FIG_BEFORE.search(near):
        factor *= 0.15
    if _REPORTED.search(near):
        factor *= 0.4
    if _SUPPORT.search(near) and rule.subject == "self":
        factor *= 0.3
    if _PAST.search(near) or _PAST_AFTER.search(after):
        factor *= 0.4
    return factor, who


def _in_quotes(text: str, start: int) -> bool:
    """Return True when an odd number of double quotes opens the paragraph before `start`."""
    lo = max(0, start - 300)  # quotes rarely span more; keeps long posts linear
    para = text.rfind("\n", lo, start)
    return text.count('"', max(lo, para + 1), start) % 2 == 1


def _noisy_or(weights: list[float]) -> float:
    remaining = 1.0
    for w in weights:
        remaining *= 1.0 - w
    return 1.0 - remaining


def crisis_scores(norm: NormalizedText) -> tuple[float, float, list[Signal], list[Signal]]:
    """Return (first-person score, concern score, first-person signals, concern signals)."""
    text = norm.text
    if not _GATE.search(text):
        return 0.0, 0.0, [], []
    first: dict[tuple[int, int], Signal] = {}
    other: dict[tuple[int, int], Signal] = {}
    best: dict[str, float] = {}  # strongest weight per rule: repeats add little evidence
    other_best: dict[str, float] = {}
    needles = _Needles(text)
    for rule in _FIRST:
        for m in rule.candidates(text, needles):
            factor, who = _modifier(text, m, rule)
            weight = rule.weight * factor
            if weight <= 0.05:
                continue
            label = rule.label if who != "third" else "crisis.concern_for_other"
            target, scores = (other, other_best) if who == "third" else (first, best)
            key = rule.rule_id
            scores[key] = max(scores.get(key, 0.0), weight)
            _add(target, norm, m, rule.rule_id, label, weight)
        if _noisy_or(list(best.values())) >= STOP_SCORE:
            break  # already certain; saves scanning the rest on long, dense posts
    for rule in _OTHER:
        for m in rule.candidates(text, needles):
            _, who = _modifier(text, m, rule)
            prefix = _clause_prefix(text, m.start())[-45:]
            if _NEGATION.search(prefix):
                continue
            other_best[rule.rule_id] = max(other_best.get(rule.rule_id, 0.0), rule.weight)
            _add(other, norm, m, rule.rule_id, rule.label, rule.weight)
    return (
        _noisy_or(list(best.values())),
        _noisy_or(list(other_best.values())),
        list(first.values()),
        list(other.values()),
    )


def _add(
    target: dict[tuple[int, int], Signal],
    norm: NormalizedText,
    m: re.Match[str],
    rule_id: str,
    label: str,
    weight: float,
) -> None:
    span = norm.original_span(m.start(), m.end())
    old = target.get(span)
    if old is not None and old.score >= weight:
        return
    target[span] = Signal(
        screener=SCREENER,
        label=label,
        score=round(min(1.0, weight), 4),
        span=span,
        matched=norm.original[span[0] : span[1]],
        explanation=EXPLANATIONS[label],
        rule_id=f"crisis:{rule_id}",
    )


def screen_crisis(norm: NormalizedText, *, threshold: float = DEFAULT_THRESHOLD) -> list[Signal]:
    """Return crisis signals when the combined first-person or concern score is high enough."""
    score, concern, first, other = crisis_scores(norm)
    out: list[Signal] = []
    if score >= threshold:
        out.extend(sorted(first, key=lambda s: s.span or (0, 0)))
    if concern >= threshold:
        out.extend(sorted(other, key=lambda s: s.span or (0, 0)))
    return out
