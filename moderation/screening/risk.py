"""Risk tiers aligned with C-SSRS: none, distress, ideation, behaviour, imminent.

The crisis lexicon's first-person findings are sorted into tiers (a goodbye or a dated plan is
imminent; plans, means, self-harm and attempts are behaviour; wishes to die are ideation), and
`risk_lexicon` adds what it lacks: method research, rehearsal, countdowns, attempts under way,
past attempts kept at full weight, everyday self-harm words and distress. Misspelled key words
("suicdal", "myslef") and spaced-out ones ("s u i c i d e") are repaired before matching.
A post that helps someone else (second person, support phrases, the helper's own past told to
help) is capped at distress unless it carries imminent risk of its own. Findings that are not
the writer's risk are dropped: general statements, people in general as the subject, suicide
as a topic, a forum's or a link's name, a helper reflecting the reader's experience back, and
"rather die than" followed by anything but living.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import crisis, risk_model
from . import risk_lexicon as lex
from .crisis_lexicon import MACROS
from .normalize import NormalizedText
from .types import Signal

SCREENER = "crisis"
VERSION = f"{crisis.VERSION}+{lex.VERSION}+{risk_model.PATH.stem}"
TIERS = lex.TIERS
TIER_RANK = lex.TIER_RANK
# In a post that helps someone, evidence below this weight (down-weighted as past, quoted or
# addressed to the reader) is the helper's story, not their risk.
SUPPORT_KEEPS = 0.7

KIND_NAMES = {
    "dated_plan": "a plan with a date or time",
    "countdown": "a countdown",
    "goodbye": "a goodbye",
    "attempt_under_way": "an attempt under way",
    "plan_with_means": "a plan with means",
    "method_research": "method research",
    "rehearsal": "rehearsal",
    "preparation": "preparation",
    "past_attempt": "a past attempt",
    "self_harm": "self-harm",
    "self_harm_story": "self-harm",
    "distress": "distress",
    "plan": "a plan",
    "means": "means",
    "intent": "intent",
    "ideation": "wish to die",
    "convergence": "several risk cues together",
}


def _compile(pattern: str) -> re.Pattern[str]:
    for name, value in MACROS.items():
        pattern = pattern.replace("{" + name + "}", value)
    return re.compile(pattern)


_RULES = tuple((k, t, w, p, _compile(rx)) for k, t, w, p, rx in lex.RULES)
# Every rule's anchors in one trie-shaped scan; a hit stands for each anchor inside it.
_ANCHOR_KINDS: dict[str, set[str]] = {}
for _kind, _anchors in lex.ANCHORS.items():
    for _a in _anchors:
        _ANCHOR_KINDS.setdefault(_a, set()).add(_kind)
_ANCHOR_SCAN = re.compile(crisis._trie_pattern(_ANCHOR_KINDS))
_STANDS_FOR = {
    hit: frozenset(k for a, kinds in _ANCHOR_KINDS.items() if a in hit for k in kinds)
    for hit in _ANCHOR_KINDS
}
LONG_TEXT = 3000  # above this many characters, rules scan only around their anchors
WINDOW = 200
_SUPPORT = re.compile(lex.SUPPORT_PHRASES)
# A helper telling their own story: past tense or a time long gone, just before the phrase.
_TOLD_AS_PAST = re.compile(
    r"\b(?:was|were|used to|tried|had|felt|attempted|went through|when i|back then|years? ago|"
    r"at (?:\d+|age)|as a (?:kid|teen)|in the past|survived|i'?ve been (?:there|through)|"
    r"been (?:there|through))\b"
)
_FIRST = re.compile(lex.FIRST_PERSON)
# Where a clause ends, and what marks the clause after it as now, not the helper's past.
_CLAUSE_END = re.compile(r"[.!?;:()\n]|,? \b(?:and|but|so|yet)\b")
_NOW = re.compile(r"\b(?:now|right now|tonight|today|these days|still|again|i'?m|i am)\b")
# A recovery told: how the writer is now, after the past they describe ("now I'm fine", "I'm in
# a better place now", "what helped me was…"), and what takes it back ("lately it's coming
# back", "again"): then the past is theirs again.
_RECOVERED_NOW = re.compile(
    r"\b(?:(?:now|today|these days)\b[^.!?\n]{0,25}\b(?:fine|okay|ok|better|good|well|happy|"
    r"glad|grateful|safe|in a (?:good|better|much better) place)|"
    r"i'?m (?:doing )?(?:so much |much |a lot |way )?(?:better|well|okay|fine|good) now|"
    r"i'?m (?:so )?glad i'?m (?:still )?(?:here|alive)|it (?:does )?gets? better|"
    r"what (?:really )?helped me|in recovery)\b"
)
_NOT_OVER = re.compile(
    r"\b(?:again|coming back|came back|lately|recently|relaps\w*|slipping|spiral\w*|"
    r"worse|some ?times|still (?:think|want|feel|wish))\b"
)
# Past-tense ideation, beside _TOLD_AS_PAST's markers: "I wanted to die", "last year".
_IDEATION_PAST = re.compile(r"\b(?:wanted|thought about|last (?:year|summer|winter|spring))\b")
# Both persons in one pass: "you" and "i" words counted together.
_PERSONS = re.compile(rf"(?P<second>{lex.SECOND_PERSON})|(?P<first>{lex.FIRST_PERSON})")
# Runs of single letters split by spaces or dots ("k i l l", "s.u.i.c.i.d.e").
_SPACED = re.compile(r"\b(?:[a-z][ .\-*_]){3,}[a-z]\b")
_TOKEN = re.compile(rf"[a-z]{{{lex.FUZZY_MIN_LEN},}}")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_TERMS = frozenset(lex.FUZZY_TERMS)
_TERM_DELETES: dict[str, str] = {}
for _term in lex.FUZZY_TERMS:
    for _d in _deletes(_term):
        _TERM_DELETES.setdefault(_d, _term)


@lru_cache(maxsize=65536)
def _near_term(token: str) -> str | None:
    """Return the key term one edit (or one swap) from `token`, if any."""
    if token in _TERMS or token in lex.REAL_NEIGHBOURS:
        return None
    if token in _TERM_DELETES:  # a letter dropped: "suicde"
        return _TERM_DELETES[token]
    for d in _deletes(token):
        if d in _TERMS:  # a letter added: "suicidde"
            return d
        if d in _TERM_DELETES:  # a letter changed or two swapped: "suiside", "myslef"
            return _TERM_DELETES[d]
    return None


# Digits and symbols written for letters, and where they are: a letter, then some of them,
# then a letter or the word's end: "k!ll", "su1cidal", "ki11" (not "thanks!": a "!" ends no
# word).
_LEET_SYMBOLS = "0123456789!@$|*+"
_LEET_INSIDE = re.compile(rf"[a-z][{re.escape(_LEET_SYMBOLS)}]+(?:[a-z]|\b)")
_LEET_RUN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz" + _LEET_SYMBOLS)
_LEET_LETTERS = {"0": "o", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s", "7": "t", "+": "t"}
_LEET_I_OR_L = frozenset("1!|")  # written for either letter
_LEET_TERMS = frozenset(lex.LEET_TERMS)


@lru_cache(maxsize=4096)
def _unleet(token: str) -> str | None:
    """Return the one key word `token` spells with its digits and symbols read as letters."""
    spellings = [""]
    for ch in token:
        letters = "il" if ch in _LEET_I_OR_L else _LEET_LETTERS.get(ch, ch)
        spellings = [s + letter for s in spellings for letter in letters]
        if len(spellings) > 16:
            return None
    found: set[str] = set()
    for spelling in spellings:
        if "*" in spelling:
            if len(spelling) >= lex.LEET_WILDCARD_MIN_LEN:
                found |= {
                    term
                    for term in _LEET_TERMS
                    if len(term) == len(spelling)
                    and all(a in ("*", b) for a, b in zip(spelling, term, strict=True))
                }
        elif spelling in _LEET_TERMS:
            found.add(spelling)
        elif len(spelling) >= lex.FUZZY_MIN_LEN and (near := _near_term(spelling)):
            found.add(near)
    return found.pop() if len(found) == 1 else None


def _leet_fixes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for each key word written with digits or symbols for letters."""
    fixes: list[tuple[int, int, str]] = []
    run_end = 0
    # Only around a letter next to a digit or symbol (rare): each run of letters, digits and
    # symbols is read once.
    for m in _LEET_INSIDE.finditer(text):
        if m.start() < run_end:
            continue
        start, run_end = m.start(), m.end()
        while start > 0 and text[start - 1] in _LEET_RUN_CHARS:
            start -= 1
        while run_end < len(text) and text[run_end] in _LEET_RUN_CHARS:
            run_end += 1
        token = text[start:run_end]
        core = token.strip("!|*+")  # "die!!", "*sigh*": punctuation, not letters
        if not _LEET_INSIDE.search(core):
            continue
        word = _unleet(core)
        if word is not None:
            core_start = start + token.index(core)
            fixes.append((core_start, core_start + len(core), word))
    return fixes


def repair(norm: NormalizedText) -> NormalizedText | None:
    """Return the text with misspelled, spaced-out or digit-for-letter key words repaired, or
    None if none was.

    Offsets still map every character back to the original, so evidence points at what the
    member wrote.
    """
    text = norm.text
    fixes: list[tuple[int, int, str]] = _leet_fixes(text)
    for m in _SPACED.finditer(text):
        if any(a < m.end() and m.start() < b for a, b, _ in fixes):
            continue
        joined = re.sub(r"[ .\-*_]", "", m.group(0))
        fixes.append((m.start(), m.end(), joined))
    for m in _TOKEN.finditer(text):
        if any(a <= m.start() < b for a, b, _ in fixes):
            continue
        term = _near_term(m.group(0))
        if term is not None:
            fixes.append((m.start(), m.end(), term))
    if not fixes:
        return None
    fixes.sort()
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for start, end, word in fixes:
        parts.append(text[pos:start])
        offsets.extend(_orig(norm, i) for i in range(pos, start))
        parts.append(word)
        first, last = _orig(norm, start), _orig(norm, end - 1)
        offsets.extend([first] + [last] * (len(word) - 1))
        pos = end
    parts.append(text[pos:])
    offsets.extend(_orig(norm, i) for i in range(pos, len(text)))
    out = "".join(parts)
    return NormalizedText(norm.original, out, out, tuple(offsets))


def _orig(norm: NormalizedText, i: int) -> int:
    return i if norm.offsets is None else norm.offsets[i]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One finding behind a tier: its kind, tier, weight and where it is."""

    kind: str
    tier: str
    weight: float
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Assessment:
    """A post's risk tier, the evidence for it, and the crisis signals behind it."""

    tier: str
    score: float
    evidence: tuple[Evidence, ...]
    is_support: bool
    crisis_signals: tuple[Signal, ...]
    concern_signals: tuple[Signal, ...]


def _crisis_tier(rule_id: str) -> tuple[str, str]:
    """Return (kind, tier) for a crisis-lexicon rule id such as "crisis:plan.note"."""
    kind = rule_id.split(":", 1)[-1]
    group = kind.split(".", 1)[0]
    if kind in ("intent.tonight", "plan.set_date", "means.ready") or group == "goodbye":
        return ("goodbye" if group == "goodbye" else "dated_plan"), "imminent"
    if kind == "means.research":
        return "method_research", "behaviour"
    if kind.startswith("plan.attempt"):
        return "past_attempt", "behaviour"
    if group in ("plan", "means", "self_harm"):
        return group, "behaviour"
    if group == "intent":
        return "intent", "ideation"
    if group == "convergence":
        return "convergence", "ideation"
    return "ideation", "ideation"


def _factor(text: str, m: re.Match[str], keeps_past: bool) -> float:
    """Weigh one match by its clause, as the crisis screener does (negation, quoting, …)."""
    prefix = crisis._clause_prefix(text, m.start())
    near = prefix[-45:]
    who = crisis._subject(prefix)
    if who in ("second", "third") and not _FIRST.search(m.group(0)):
        return 0.0
    if crisis._NEGATION.search(near) and not crisis._STRUGGLE.search(near):
        return 0.0
    factor = 1.0
    if crisis._in_quotes(text, m.start()):
        factor *= 0.5
    if crisis._FIG_AFTER.search(text[m.end() : m.end() + 80]) or crisis._FIG_BEFORE.search(near):
        factor *= 0.15
    if crisis._REPORTED.search(near):
        factor *= 0.4
    if not keeps_past and (
        crisis._told_in_past(near) or crisis._PAST_AFTER.search(text[m.end() : m.end() + 80])
    ):
        factor *= 0.4
    return factor


# Kinds with a phrase that has no anchor (a date written as "the 12th"): in a short post they
# are scanned whatever its anchors.
_SCANNED_WHEN_SHORT = ("dated_plan",)


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per kind, the [lo, hi) windows its rules scan: none without one of its anchors in the
    text; the whole text when it is short; merged windows around the anchors when it is long.
    One scan for the anchors of every kind: most posts name none of most kinds, and a rule
    that is not run costs nothing."""
    out: dict[str, list[tuple[int, int]]] = {}
    if len(text) <= LONG_TEXT:
        whole = [(0, len(text))]
        out = dict.fromkeys(_SCANNED_WHEN_SHORT, whole)
        for m in _ANCHOR_SCAN.finditer(text):
            out.update(dict.fromkeys(_STANDS_FOR[m.group(0)], whole))
        return out
    for m in _ANCHOR_SCAN.finditer(text):
        lo, hi = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        for kind in _STANDS_FOR[m.group(0)]:
            spans = out.setdefault(kind, [])
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return out


def _rule_evidence(norm: NormalizedText) -> list[Evidence]:
    text = norm.text
    found: list[Evidence] = []
    by_kind = _windows(text)
    for kind, tier, weight, keeps_past, regex in _RULES:
        windows = by_kind.get(kind)
        if not windows:
            continue
        for m in crisis._windowed(regex, text, windows):
            w = weight * _factor(text, m, keeps_past)
            if w > 0.05:
                found.append(Evidence(kind, tier, w, norm.original_span(m.start(), m.end())))
    return found


_SENTENCE_END = re.compile(r"[.!?\n]")
# The phrase is what a general statement is about: "suicide is…", "self-harm can be…".
_GENERIC_VERB = (
    r"(?:is|are|was|isn'?t|aren'?t|can|can'?t|could|will|won'?t|would|does|doesn'?t|"
    r"do|don'?t|never|should|shouldn'?t|has|have|makes?|feels?|seems?|comes?|happens?|"
    r"affects?|tends?|means?)\b"
)
_GENERIC_AFTER = re.compile(rf"^ (?:\w+ )?{_GENERIC_VERB}")
_GENERIC_SUBJECT = re.compile(
    rf"\b(?:suicid\w*|self[- ]?harm\w*|cutting|killing (?:yourself|oneself)|wanting to die|"
    rf"overdos\w*)(?: \w+)? {_GENERIC_VERB}"
)


# A group or people in general as the subject: "people", "women", "we", "anyone who".
_GROUP_SUBJECT = re.compile(
    r"\b(?:people|women|men|guys|humans|society|many|most|others|some|we|anyone|someone|"
    r"everyone|everybody|somebody|teens|teenagers|kids)\b"
)
# "the suicidal thoughts are back": the writer's own, with the "my" left out.
_PERSONAL_AFTER = re.compile(
    r"^(?: \w+)? (?:are|is|have|has|keep|kept|won'?t|will not)(?: \w+)? (?:back|returned|"
    r"coming back|getting (?:worse|stronger|louder)|worse|stronger|louder|constant|creeping|"
    r"stop|leave)\b"
)
# People in general just before the phrase, in its clause: "people often experience…".
_GROUP_BEFORE = re.compile(
    r"\b(?:people|women|men|humans|many|most|others|anyone who|someone who)\b"
    r"(?: (?!i\b|i'|me\b|my\b)[\w']+){0,3} ?$"
)
# The bare word as a topic: "a discussion about suicide", "research on suicide".
_TOPIC_BEFORE = re.compile(
    r"\b(?:discussions?|debates?|articles?|research|studies|study|statistics|documentar\w*|"
    r"books?|posts?|threads?|questions?|awareness|prevention|stigma) (?:\w+ )?"
    r"(?:about|on|of|around|regarding) $"
)
# A helper reflecting the reader's experience back: "that does sound exhausting".
_REFLECTING = re.compile(
    r"\b(?:sounds?|must (?:be|feel|have been)) (?:\w+ ){0,2}?(?:exhausting|hard|awful|"
    r"terrible|painful|difficult|rough|tough|draining|scary|lonely|overwhelming|horrible|"
    r"heartbreaking)\b"
)
# Empathy that names the feeling to meet someone in it: "I understand wanting to die", "I know
# what it is like to want to die". The writer's own ("…, I want to die every day") is found
# on its own.
_EMPATHY_BEFORE = re.compile(
    r"\bi (?:really |truly )?(?:understand|know|get|recogni[sz]e)(?: (?:exactly|so "
    r"well|too well))?(?: (?:how it feels|what it'?s like|what it is like|the feeling of|how "
    r"hard it is|how it is))?(?: to)? ?$"
)
_NAMED = re.compile(r"(?i) ?watch\b")  # the forum "suicide watch"
# A helpline's or a service's name: "the Suicide and Crisis Lifeline", "a suicide hotline",
# "suicide prevention week". A helper pointing to one speaks of no one's risk; "I called the
# suicide hotline last night" keeps its weight (the sentence is the writer's own).
_SERVICE_NAME = re.compile(
    r"(?i) (?:(?:and|&) crisis |prevention |crisis |help |text )?(?:hot|help|life|crisis |text )?"
    r"lines?\b| prevention\b| (?:and|&) crisis\b"
)
_LINK_TEXT = re.compile(r"[^\[\]\n]{0,80}\]\(")  # inside the text of a markdown link
# "… than" followed by anything but living: a comparison, not a wish ("rather die than
# go back to that job"); "rather die than live like this" is still ideation.
_HYPERBOLE = re.compile(
    r"^[^.!?\n]{0,40}?\bthan (?!(?:to )?(?:live(?! (?:a|an|as)\b)|living|be alive|being alive|"
    r"go on|going on|keep (?:living|going)|exist|existing|wake up|waking up|continue|"
    r"continuing|feel|feeling|spend|suffer|suffering|carry on|face|be here|being here|stay|"
    r"staying)\b)"
)


def _sentence(original: str, span: tuple[int, int]) -> str:
    start, end = span
    before = original[max(0, start - 200) : start]
    breaks = list(_SENTENCE_END.finditer(before))
    lo = start - len(before) + (breaks[-1].end() if breaks else 0)
    after = _SENTENCE_END.search(original, end, end + 200)
    return original[lo : after.start() if after else min(len(original), end + 200)].lower()


def _is_general(original: str, span: tuple[int, int]) -> bool:
    """Return True for a general statement with no "I" in it ("suicide is not the answer",
    "self-harm can be a way of coping", "people often feel suicidal when…"), a forum's or a
    link's name ("r/SuicideWatch", "[a song title](https://…)"), or a hyperbole that compares
    dying with something other than living ("I'd rather die than sit that exam")."""
    if span == (0, 0):
        return False
    start, end = span
    if _NAMED.match(original, end) or _LINK_TEXT.match(original, end):
        return True
    if original[max(0, start - 2) : start].lower() == "r/":
        return True
    sentence = _sentence(original, span)
    if _SERVICE_NAME.match(original, end) and not _FIRST.search(sentence):
        return True
    after = original[end : end + 30].lower()
    if _HYPERBOLE.match(original[end : end + 80].lower()) and "rather" in sentence:
        return True
    before = original[max(0, start - 40) : start].lower()
    if _GROUP_BEFORE.search(before) and not _FIRST.search(original[start:end].lower()):
        return True
    if _EMPATHY_BEFORE.search(before) and not _FIRST.search(original[start:end].lower()):
        return True
    if original[start:end].lower() in ("suicide", "suicidal") and _TOPIC_BEFORE.search(before):
        return True
    if _REFLECTING.search(sentence) and not _FIRST.search(sentence):
        return True
    if _FIRST.search(sentence) or _PERSONAL_AFTER.match(original[end : end + 40].lower()):
        return False
    head = sentence[: max(0, sentence.find(original[start:end].lower()))]
    return bool(
        _GENERIC_AFTER.search(after)
        or _GENERIC_SUBJECT.search(sentence)
        or _GROUP_SUBJECT.search(head)
    )


def _clause_before(original: str, start: int, reach: int) -> str:
    """The lowered words of the clause that `start` is in, before it, within `reach`."""
    before = original[max(0, start - reach) : start].lower()
    breaks = list(_CLAUSE_END.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def _told_as_past(original: str, span: tuple[int, int]) -> bool:
    """Return True when the finding is the helper's past: a past-tense cue in its own clause
    ("when I was suicidal, what helped…"), not in the clause before ("that was years ago, and
    I'm planning it tonight")."""
    start, end = span
    clause = _clause_before(original, start, 40)
    if _NOW.search(clause):
        return False
    return bool(_TOLD_AS_PAST.search(clause + original[start:end].lower()))


def _says_recovered(original: str) -> bool:
    """Return True when the post says the writer came through what they describe, and nothing
    in it says it is back."""
    text = original.lower()
    return bool(_RECOVERED_NOW.search(text)) and not _NOT_OVER.search(text)


def _told_as_recovered(original: str, span: tuple[int, int]) -> bool:
    """Return True when the cue at `span` is told in the past, in a clause that says nothing
    of now ("I wanted to die years ago, but now I'm fine": the first clause)."""
    start, end = span
    rest = original[start:].lower()
    after = _CLAUSE_END.search(rest, end - start)
    clause = _clause_before(original, start, 60) + rest[: after.start() if after else len(rest)]
    if _NOW.search(clause):
        return False
    return bool(_TOLD_AS_PAST.search(clause) or _IDEATION_PAST.search(clause))


def is_support(text: str) -> bool:
    """Return True when a post mostly speaks to someone else: a reply to them, or help."""
    helps = len(_SUPPORT.findall(text))
    counts = {"first": 0, "second": 0}
    for m in _PERSONS.finditer(text):
        counts[m.lastgroup or "first"] += 1
    second, first = counts["second"], counts["first"]
    return helps >= 3 or second >= max(2, first)


def _one_per_phrase(evidence: list[Evidence]) -> list[Evidence]:
    """Keep the strongest of the findings of one tier whose spans overlap."""
    kept: list[Evidence] = []
    for e in sorted(evidence, key=lambda e: -e.weight):
        if e.span == (0, 0) or not any(
            k.tier == e.tier and k.span[0] < e.span[1] and e.span[0] < k.span[1] for k in kept
        ):
            kept.append(e)
    return kept


def _noisy_or(weights) -> float:
    remaining = 1.0
    for w in weights:
        remaining *= 1.0 - w
    return 1.0 - remaining


def _tier_of(evidence: list[Evidence], threshold: float) -> tuple[str, float]:
    for tier in ("imminent", "behaviour", "ideation"):
        rank = TIER_RANK[tier]
        score = _noisy_or(e.weight for e in evidence if TIER_RANK[e.tier] >= rank)
        if score >= threshold:
            return tier, score
    risk = _noisy_or(e.weight for e in evidence)
    if risk >= threshold / 2:
        return "distress", risk
    return "none", risk


def assess(norm: NormalizedText, *, threshold: float = crisis.DEFAULT_THRESHOLD) -> Assessment:
    """Return the post's risk tier and the evidence for it."""
    norm = repair(norm) or norm
    _, concern, first, other = crisis.crisis_scores(norm)
    evidence = [
        Evidence(*_crisis_tier(s.rule_id or ""), s.score, s.span or (0, 0))
        for s in first
        if s.label != "crisis.concern_for_other"
    ]
    evidence += _rule_evidence(norm)
    evidence = [e for e in evidence if not _is_general(norm.original, e.span)]
    # One phrase is one piece of evidence: two rules matching the same words are not two cues.
    evidence = _one_per_phrase(evidence)
    kinds = {e.kind: e for e in evidence if e.weight >= 0.4}
    if "plan" in kinds and "means" in kinds:
        weight = min(kinds["plan"].weight, kinds["means"].weight)
        evidence.append(Evidence("plan_with_means", "imminent", weight, kinds["plan"].span))
    support = is_support(norm.text)
    if support:
        # A helper's own past, or the words of the person they answer, is not their risk:
        # only what they say of themselves now, at full weight, still counts.
        evidence = [
            e
            for e in evidence
            if e.tier == "distress"
            or (e.weight >= SUPPORT_KEEPS and not _told_as_past(norm.original, e.span))
        ]
    recovered = [e for e in evidence if e.tier == "ideation" and e.span != (0, 0)]
    if recovered and _says_recovered(norm.original):
        recovered = [e for e in recovered if _told_as_recovered(norm.original, e.span)]
    else:
        recovered = []
    # Only the recovery, and nothing else of concern, in the post: the model is not asked.
    only_recovered = bool(recovered) and all(e in recovered for e in evidence)
    if recovered:
        # Ideation the writer came through is not their risk now: it stays as evidence, at the
        # distress tier (a gentle resource link, no case). A past attempt or self-harm keeps
        # its tier, recovered or not; distress told beside it still lets the model weigh the
        # whole post ("…now I'm fine. I feel hopeless every single day").
        evidence = [
            Evidence(e.kind, "distress", e.weight, e.span) if e in recovered else e
            for e in evidence
        ]
    tier, score = _tier_of(evidence, threshold)
    if tier in ("none", "distress") and evidence and not support and not only_recovered:
        # The learned model may corroborate weaker cues (fainter ones only when it is more
        # sure); it never raises a tier alone.
        model = risk_model.get_model()
        probability = model.probability(norm.text)
        needed = model.threshold if tier == "distress" else model.threshold_faint
        if probability >= needed:
            evidence.append(Evidence("model", "ideation", round(probability, 2), (0, 0)))
            tier, score = "ideation", max(score, probability)
    keep = tuple(sorted(evidence, key=lambda e: (-TIER_RANK[e.tier], -e.weight)))
    crisis_first = tuple(first) if TIER_RANK[tier] >= TIER_RANK["ideation"] else ()
    return Assessment(
        tier=tier,
        score=round(score, 4),
        evidence=keep,
        is_support=support,
        crisis_signals=tuple(s for s in crisis_first if s.label != "crisis.concern_for_other"),
        concern_signals=tuple(other) if concern >= threshold else (),
    )


def _kind_name(e: Evidence) -> str:
    if e.kind == "model":
        return f"model: {e.weight:.2f}"
    return KIND_NAMES.get(e.kind, e.kind)


def tier_signal(assessment: Assessment, original: str) -> Signal | None:
    """Return the one `risk.<tier>` signal summarising the tier and its evidence."""
    if assessment.tier == "none":
        return None
    rank = TIER_RANK[assessment.tier]
    top = [e for e in assessment.evidence if TIER_RANK[e.tier] >= min(rank, TIER_RANK["ideation"])]
    top = top or list(assessment.evidence)
    kinds = list(dict.fromkeys(_kind_name(e) for e in top))
    span = next((e.span for e in top if e.span != (0, 0)), None)
    return Signal(
        screener=SCREENER,
        label=f"risk.{assessment.tier}",
        score=min(1.0, assessment.score),
        span=span,
        matched=original[span[0] : span[1]] if span else "",
        explanation=f"Risk tier {assessment.tier}: " + ", ".join(kinds) + ".",
        rule_id="risk:tier",
    )


def screen_risk(
    norm: NormalizedText, *, threshold: float = crisis.DEFAULT_THRESHOLD
) -> list[Signal]:
    """Return the tier signal, then the crisis signals that back it (as the crisis screener)."""
    assessment = assess(norm, threshold=threshold)
    out: list[Signal] = []
    summary = tier_signal(assessment, norm.original)
    if summary is not None:
        out.append(summary)
    out.extend(sorted(assessment.crisis_signals, key=lambda s: s.span or (0, 0)))
    out.extend(sorted(assessment.concern_signals, key=lambda s: s.span or (0, 0)))
    return out
