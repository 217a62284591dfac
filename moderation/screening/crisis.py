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

from . import crisis_convergence as convergence
from . import crisis_lexicon as lex
from . import crisis_lexicon_extra as extra
from .crisis_needs import NEEDS as BASE_NEEDS
from .normalize import NormalizedText
from .types import Signal

SCREENER = "crisis"
VERSION = lex.VERSION
NEEDS = {**BASE_NEEDS, **extra.NEEDS}
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
    "crisis.convergent": "Several risk cues together: %s.",
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
    r"\b(?:won'?t|wouldn'?t|can'?t|couldn'?t|not) stop(?:ping)? myself from\b[\w' ]{0,18}$|"
    r"\b(?:regret|wish i had|wish i'?d|should have|should'?ve) (?:not|never)\b[\w' ]{0,18}$"
)
_SUBJECT = re.compile(lex.SUBJECT)
# "I don't know why I want to die", "I never told anyone I want to die": the negation is
# about knowing or telling, not about the wish that follows.
_EPISTEMIC = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|didn'?t|never|not|nobody|no one)(?: even| really| fully)? "
    r"(?:know|understand|get|see|remember|tell|told|say|said|mention\w*|admit\w*|show\w*)"
    r"(?: (?:why|how|if|whether|what|when|anyone|anybody|people|them|him|her|you|my \w+))?"
    r"(?: that)?\b[\w' ]{0,18}$"
)
_WISH = re.compile(r"(?:wish|regret|should)")
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
    r"how much|pain|over|crav|deserv|wish|better off|happier|easier|should|anymore|"
    r"dying|feel|sorry|forgive|care|mind|option|way|research|method|wait|burden|waste|gone|"
    # A rule's required substrings open the gate too, so the gate never hides a match.
    + "|".join(sorted({re.escape(n) for needs in NEEDS.values() for n in needs}))
)
# Same length, so spans still map to the original: "kill my self" reads as "kill myself".
_MY_SELF = re.compile(r"\bmy self\b")


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
        if self.needs:
            windows = needles.windows(self.needs)
            if not windows:
                return []
        if not self.needs or len(text) < LONG_TEXT:
            found: Iterable[re.Match[str]] = self.regex.finditer(text)
        else:
            found = _windowed(self.regex, text, windows)
        # The leading \b was stripped at compile time (it stops `re` from skipping ahead
        # on the first character, doubling scan time); check the boundary here instead.
        return [
            m
            for m in found
            if m.start() == 0 or not _is_word(text[m.start() - 1]) or not _is_word(m.group(0)[:1])
        ]


def _trie_pattern(words: Iterable[str]) -> str:
    """Return a regex matching any of `words`, the longest at each position (a trie)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_ALL_NEEDS = sorted({n for needs in NEEDS.values() for n in needs})
_MAX_NEEDLE = max(map(len, _ALL_NEEDS))


def _needle_scanners() -> tuple[re.Pattern[str], ...]:
    """Group the needles by their first letter (first word for " to ..." needles).

    Each group becomes a literal-prefixed trie regex, which `re` finds with its fast
    prefix search instead of trying an alternation at every position.
    """
    groups: dict[str, list[str]] = {}
    for needle in _ALL_NEEDS:
        key = needle[0]
        if key == " ":
            space = needle.find(" ", 1)
            key = needle[: space + 1] if space > 0 else needle
        groups.setdefault(key, []).append(needle)
    return tuple(
        re.compile(re.escape(key) + _trie_pattern(n[len(key) :] for n in needles))
        for key, needles in sorted(groups.items())
    )


_NEEDLE_SCANS = _needle_scanners()
# Each scan reports the longest needle at each position where one starts; a needle
# inside it ("self" in "myself", "end" in "ending it") is implied. needle reported ->
# needles it stands for.
_STANDS_FOR: dict[str, frozenset[str]] = {
    f: frozenset(n for n in _ALL_NEEDS if n in f) for f in _ALL_NEEDS
}


class _Needles:
    """Positions of every required substring in one text, found in a few regex passes.

    Trie-shaped alternations of all rules' substrings replace a `str.find` loop per
    substring per rule; each rule then scans only windows around its own substrings
    (long posts), or the whole text when any occurs (short posts).
    """

    BEFORE, AFTER, MAX_HITS = 100, 80, 2000

    def __init__(self, text: str) -> None:
        self.n = len(text)
        self.hits: dict[str, list[int]] = {}
        self.cache: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        self.dense = False
        count = 0
        for scan in _NEEDLE_SCANS:
            m = scan.search(text)
            while m is not None:
                count += 1
                if count > self.MAX_HITS:
                    self.dense = True  # a very dense text: every rule scans all of it
                    return
                for needle in _STANDS_FOR[m.group(0)]:
                    self.hits.setdefault(needle, []).append(m.start())
                m = scan.search(text, m.start() + 1)  # overlapping matches too

    def windows(self, needs: tuple[str, ...]) -> list[tuple[int, int]]:
        """Return merged [lo, hi) windows around the positions of any of `needs`."""
        out = self.cache.get(needs)
        if out is not None:
            return out
        if self.dense:
            out = [(0, self.n)]
        else:
            starts = sorted(p for nd in needs for p in self.hits.get(nd, ()))
            out = []
            before, after = self.BEFORE, self.AFTER + 2 * _MAX_NEEDLE
            for p in starts:
                lo, hi = max(0, p - before), min(self.n, p + after)
                if out and lo <= out[-1][1]:
                    out[-1] = (out[-1][0], hi)
                else:
                    out.append((lo, hi))
        self.cache[needs] = out
        return out


def _windowed(
    regex: re.Pattern[str], text: str, windows: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    last_end = -1
    for lo, hi in windows:
        for m in regex.finditer(text, lo, hi):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def _rules(table: tuple[tuple[str, str, float, str, str], ...]) -> tuple[_Rule, ...]:
    return tuple(_Rule(r, lb, w, s, _compile(p), NEEDS.get(r, ())) for r, lb, w, s, p in table)


_FIRST = _rules(lex.FIRST_PERSON + extra.FIRST_PERSON)
_OTHER = _rules(lex.CONCERN_FOR_OTHER)
# Every cue group in one alternation, scanned once: a phrase is matched by at most one group.
_CUES = _Rule(
    "convergence",
    "crisis.convergent",
    1.0,
    "clause",
    re.compile("|".join(f"(?P<{name}>{p})" for name, p in convergence.GROUPS.items())),
    (),
)


def _clause_prefix(text: str, start: int) -> str:
    """Return the text from the clause start (at most 120 chars back) up to `start`."""
    window = text[max(0, start - 120) : start]
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    return window[ends[-1] :] if ends else window


def _subject(prefix: str) -> str | None:
    """Return "first", "second" or "third" for the nearest subject word, else None."""
    found = list(_SUBJECT.finditer(prefix))
    if not found:
        return None
    last = found[-1]
    # "does anyone else want to die?": posters share their own feelings as a question.
    if last.group(0) == "anyone" and prefix.startswith(" else", last.end()):
        return "first"
    return last.lastgroup


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
    if _NEGATION.search(near) and not _STRUGGLE.search(near) and not _EPISTEMIC.search(near):
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
    # "I wish I had died years ago" is a present wish about a past event: not recovery.
    if (_told_in_past(near) or _PAST_AFTER.search(after)) and not _WISH.match(m.group(0)):
        factor *= 0.4
    return factor, who


# After a past cue, these put the clause back in the present: "years ago, and now I'm…".
_NOW = re.compile(r"\b(?:now|right now|actually|tonight|today|these days|currently|again)\b")


def _told_in_past(near: str) -> bool:
    """Return True when the last past cue before the phrase is not followed by a present one."""
    found = list(_PAST.finditer(near))
    return bool(found) and not _NOW.search(near, found[-1].end())


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
    text = _MY_SELF.sub("myself ", norm.text)
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
    if len(text) <= convergence.MAX_CHARS and _noisy_or(list(best.values())) < STOP_SCORE:
        _add_convergence(text, norm, best, first)
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


def _add_convergence(
    text: str, norm: NormalizedText, best: dict[str, float], first: dict[tuple[int, int], Signal]
) -> None:
    """Add the convergent-evidence weight when enough distinct first-person cues occur."""
    found: dict[str, re.Match[str]] = {}
    for m in _CUES.regex.finditer(text):
        group = m.lastgroup or ""
        if group in found:
            continue
        factor, who = _modifier(text, m, _CUES)
        if factor >= 0.5 and who != "third":
            found[group] = m
            if len(found) == len(convergence.GROUPS):
                break
    weight = convergence.weight_for(set(found))
    if weight <= 0:
        return
    best["convergence"] = weight
    # Point at an anchor cue, else any cue, that no phrase rule has already marked.
    order = [n for n in convergence.ANCHORS if n in found] + sorted(found)
    spans = [norm.original_span(found[n].start(), found[n].end()) for n in order]
    span = next((sp for sp in spans if sp not in first), None)
    if span is None:
        return
    first[span] = Signal(
        screener=SCREENER,
        label="crisis.convergent",
        score=round(weight, 4),
        span=span,
        matched=norm.original[span[0] : span[1]],
        explanation=EXPLANATIONS["crisis.convergent"] % ", ".join(sorted(found)),
        rule_id="crisis:convergence",
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
