"""Operator watched words, phrases and regexes: validation, bounded matching, testing.

Python's `re` has no timeout and a thread cannot be killed, so a catastrophic regex
would hang a worker. We defend twice:
1. At validation, reject the shapes that backtrack exponentially (a repeat inside a
   repeat such as (a+)+, alternation inside a repeat such as (a|ab)*, backreferences),
   too many unbounded repeats, over-long patterns, and patterns that match empty text;
   then time the compiled pattern on adversarial probes and reject slow ones.
2. At runtime, a regex only ever sees chunks of CHUNK_CHARS characters (overlapping so
   that matches across a boundary are still found), which caps the cost of any
   polynomial backtracking that slipped through, and each rule has a time budget: past
   it, matching that rule stops for this text.
Word and phrase rules are literal, compiled by us, and always safe.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable

try:  # Python 3.11+: the parser moved; the old module name warns.
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

from .normalize import NormalizedText, fold, normalize
from .types import RULE_ACTIONS, RULE_KINDS, RuleMatch, Signal, WatchedRule

SCREENER = "watched"
VERSION = "watched-2025.11.1"
MAX_LITERAL_CHARS = 100
MAX_REGEX_CHARS = 300
MAX_UNBOUNDED_REPEATS = 4
MAX_REPEAT_COUNT = 1000
CHUNK_CHARS = 1000
CHUNK_OVERLAP = 150
RULE_BUDGET_SECONDS = 0.02
PROBE_BUDGET_SECONDS = 0.05

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT}
_POSSESSIVE = getattr(sre_parse, "POSSESSIVE_REPEAT", None)
if _POSSESSIVE is not None:
    _REPEATS.add(_POSSESSIVE)
_SEPARATOR = r"[\s._*\-]?"
_compiled_cache: dict[tuple[str, str], re.Pattern[str]] = {}


def _literal_regex(pattern: str, kind: str) -> str:
    """Build an evasion-tolerant regex for a literal word or phrase (folded text)."""
    words = fold(normalize(pattern).text).split()
    parts = []
    for word in words:
        # Each letter may repeat ("fuuuck") and be split by one separator ("f.u.c.k").
        # A run of the same letter becomes one bounded-below repeat (c{2,}) so that no two
        # adjacent repeats can match the same characters, which would backtrack badly.
        runs = [m.group(0) for m in re.finditer(r"(.)\1*", word)]
        letters = [re.escape(r[0]) + ("+" if len(r) == 1 else f"{{{len(r)},}}") for r in runs]
        parts.append(_SEPARATOR.join(letters))
    body = r"[\W_]+".join(parts)
    # Lead with the first letter, then check the word boundary behind it: equivalent to
    # a leading (?<![^\W_]), but `re` can then jump from one such letter to the next.
    m = re.match(r"(\\?.)(\+|\{(\d+),\})", body)
    if m and m.group(1) != "\\":
        first, count = m.group(1), m.group(3)
        again = "*" if count is None else f"{{{int(count) - 1},}}"
        return rf"{first}(?<![^\W_]{first}){first}{again}{body[m.end() :]}(?![^\W_])"
    return rf"(?<![^\W_]){body}(?![^\W_])"


def _walk(items, depth_in_repeat: int, stats: dict[str, int]) -> None:
    for op, av in items:
        if op in _REPEATS:
            _lo, hi, sub = av
            if hi != sre_parse.MAXREPEAT and hi > MAX_REPEAT_COUNT:
                raise ValueError(f"Repeat counts above {MAX_REPEAT_COUNT} are not allowed.")
            unbounded = hi == sre_parse.MAXREPEAT or hi > 1
            if unbounded and depth_in_repeat:
                raise ValueError(
                    "Nested repeats such as (a+)+ can make matching hang; "
                    "remove the inner or the outer repeat."
                )
            if hi == sre_parse.MAXREPEAT:
                stats["unbounded"] += 1
            _walk(sub, depth_in_repeat + (1 if unbounded else 0), stats)
        elif op == sre_parse.BRANCH:
            if depth_in_repeat:
                raise ValueError(
                    "Alternatives inside a repeated group, such as (a|ab)*, can make "
                    "matching hang; use a character class like [ab]* or list words."
                )
            for branch in av[1]:
                _walk(branch, depth_in_repeat, stats)
        elif op == sre_parse.SUBPATTERN:
            _walk(av[-1], depth_in_repeat, stats)
        elif op in (sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS):
            raise ValueError("Back-references such as \\1 are not allowed.")
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            _walk(av[1], depth_in_repeat, stats)


def _probe(regex: re.Pattern[str], pattern: str) -> None:
    """Time the regex on adversarial inputs built from its own characters."""
    chars = sorted({c for c in pattern if c.isalnum()}) or ["a"]
    probes = ["".join(chars) * (CHUNK_CHARS // max(len(chars), 1))]
    probes += [c * CHUNK_CHARS + "!" for c in chars[:5]]
    probes.append("a " * (CHUNK_CHARS // 2))
    for probe in probes:
        start = time.perf_counter()
        regex.search(probe[:CHUNK_CHARS])
        if time.perf_counter() - start > PROBE_BUDGET_SECONDS:
            raise ValueError("This pattern is too slow to match; simplify it.")


def validate_watched_rule(rule: WatchedRule) -> re.Pattern[str]:
    """Check a rule and return its compiled regex; raise ValueError with a clear message."""
    if not rule.id:
        raise ValueError("The rule needs an id.")
    if rule.kind not in RULE_KINDS:
        raise ValueError(f"Kind must be one of: {', '.join(RULE_KINDS)}.")
    if rule.action not in RULE_ACTIONS:
        raise ValueError(f"Action must be one of: {', '.join(RULE_ACTIONS)}.")
    if not rule.pattern.strip():
        raise ValueError("The pattern is empty.")
    if rule.action == "replace" and len(rule.replacement) > MAX_LITERAL_CHARS:
        raise ValueError(f"The replacement is longer than {MAX_LITERAL_CHARS} characters.")
    key = (rule.kind, rule.pattern)
    if key in _compiled_cache:
        return _compiled_cache[key]
    if rule.kind in ("word", "phrase"):
        if len(rule.pattern) > MAX_LITERAL_CHARS:
            raise ValueError(f"Words and phrases are limited to {MAX_LITERAL_CHARS} characters.")
        if rule.kind == "word" and len(rule.pattern.split()) > 1:
            raise ValueError("A word rule takes one word; use a phrase rule for several.")
        if not re.search(r"\w", rule.pattern):
            raise ValueError("The pattern needs at least one letter or digit.")
        compiled = re.compile(_literal_regex(rule.pattern, rule.kind))
    else:
        if len(rule.pattern) > MAX_REGEX_CHARS:
            raise ValueError(f"Regular expressions are limited to {MAX_REGEX_CHARS} characters.")
        try:
            parsed = sre_parse.parse(rule.pattern)
            compiled = re.compile(rule.pattern, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"This is not a valid regular expression: {exc.msg}.") from None
        stats = {"unbounded": 0}
        _walk(parsed, 0, stats)
        if stats["unbounded"] > MAX_UNBOUNDED_REPEATS:
            raise ValueError(
                f"Use at most {MAX_UNBOUNDED_REPEATS} open-ended repeats (*, +, {{n,}})."
            )
        if compiled.search("") is not None:
            raise ValueError("This pattern matches empty text, so it would match every post.")
        _probe(compiled, rule.pattern)
    _compiled_cache[key] = compiled
    return compiled


def _chunks(length: int) -> Iterable[int]:
    start = 0
    while start < length:
        yield start
        if start + CHUNK_CHARS >= length:
            return
        start += CHUNK_CHARS - CHUNK_OVERLAP


def _match_rule(rule: WatchedRule, norm: NormalizedText) -> list[tuple[int, int]]:
    """Return spans (in normalised text) where the rule matches, bounded in time."""
    regex = validate_watched_rule(rule)
    # Literal rules match folded text (evasions undone); regexes see casefolded text,
    # since an operator's regex may itself contain digits or symbols.
    haystack = norm.folded if rule.kind != "regex" else norm.text
    spans: list[tuple[int, int]] = []
    deadline = time.perf_counter() + RULE_BUDGET_SECONDS
    for base in _chunks(len(haystack)):
        chunk = haystack[base : base + CHUNK_CHARS]
        for m in regex.finditer(chunk):
            span = (base + m.start(), base + m.end())
            if span[1] > span[0] and (not spans or span[0] >= spans[-1][1]):
                spans.append(span)
        if time.perf_counter() > deadline:
            break
    return spans


def match_watched(norm: NormalizedText, rules: Iterable[WatchedRule], forum: str | None):
    """Return (signals, replaced_text) for the watched rules that apply to this forum."""
    signals: list[Signal] = []
    replacements: list[tuple[int, int, str]] = []
    for rule in rules:
        if rule.forum_slug is not None and rule.forum_slug != forum:
            continue
        for a, b in _match_rule(rule, norm):
            span = norm.original_span(a, b)
            signals.append(
                Signal(
                    screener=SCREENER,
                    label=f"watched.{rule.action}",
                    score=1.0,
                    span=span,
                    matched=norm.original[span[0] : span[1]],
                    explanation="Matches a watched word set by the moderators.",
                    rule_id=rule.id,
                )
            )
            if rule.action == "replace":
                replacements.append((span[0], span[1], rule.replacement or "***"))
    return signals, _apply_replacements(norm.original, replacements)


def _apply_replacements(text: str, reps: list[tuple[int, int, str]]) -> str | None:
    if not reps:
        return None
    out, pos = [], 0
    for a, b, new in sorted(reps):
        if a < pos:
            continue
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:])
    return "".join(out)


def test_rule(rule: WatchedRule, sample_text: str) -> list[RuleMatch]:
    """Return the rule's matches in a sample text (for the console's "test this rule")."""
    norm = normalize(sample_text)
    matches = []
    for a, b in _match_rule(rule, norm):
        span = norm.original_span(a, b)
        matches.append(
            RuleMatch(rule_id=rule.id, span=span, matched=sample_text[span[0] : span[1]])
        )
    return matches


test_rule.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
