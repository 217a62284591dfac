"""Text normalisation with a map back to the original offsets.

`text` is NFKC + casefold with invisible characters removed and quotes unified; screeners
match on it. `folded` additionally maps homoglyphs and leetspeak to Latin letters, one
character for one character, so it shares `text`'s offsets; watched words and slur lists
match on it so that "ｋ1ll", "kіll" (Cyrillic i) and "k\u200bill" all read as "kill".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters used to split words past filters: zero-width space/joiners,
# direction marks, word joiner, BOM and soft hyphen. Also the variation selectors and
# combining grapheme joiner, which carry no letters.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u00b4": "'",
        "`": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-",
    }
)  # fmt: skip

# Cyrillic and Greek letters that render like Latin ones (lowercase: text is casefolded).
_HOMOGLYPHS = {
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "н": "h",
    "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m", "о": "o", "р": "p", "ԛ": "q",
    "г": "r", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ү": "y", "ѵ": "v", "ԝ": "w",
    "ɑ": "a", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ѡ": "w", "ɡ": "g",
}  # fmt: skip
# Leetspeak digits and symbols. "l", "1", "|" and "!" all fold to "i" because "1" is
# written for both letters; patterns are folded the same way, so matching stays symmetric.
_LEET = {
    "0": "o", "1": "i", "!": "i", "|": "i", "l": "i", "3": "e", "4": "a", "@": "a",
    "5": "s", "$": "s", "7": "t", "+": "t", "8": "b", "9": "g", "€": "e",
}  # fmt: skip
_FOLD_TABLE = str.maketrans({**_HOMOGLYPHS, **_LEET})
_NON_ASCII_OR_BACKTICK = re.compile(r"[^\x00-\x5f\x61-\x7f]+")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised view of a text; `offsets[i]` is the original index of `text[i]`."""

    original: str
    text: str
    folded: str
    offsets: tuple[int, ...] | None  # None: identity mapping (pure ASCII input)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `text`/`folded` back to the original text."""
        if self.offsets is None:
            return (start, end)
        if start >= end or not self.offsets:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return (pos, pos)
        return (self.offsets[start], self.offsets[end - 1] + 1)

    def original_substring(self, start: int, end: int) -> str:
        """Return the original text behind a span of `text`."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


def fold(text: str) -> str:
    """Fold already-normalised text: homoglyphs and leetspeak to Latin letters."""
    return text.translate(_FOLD_TABLE)


def normalize(original: str) -> NormalizedText:
    """Normalise a text for matching, keeping a map back to original offsets."""
    if original.isascii() and "`" not in original:
        text = original.lower()
        return NormalizedText(original, text, fold(text), None)
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _NON_ASCII_OR_BACKTICK.finditer(original):
        if m.start() > pos:
            parts.append(original[pos : m.start()].lower())
            offsets.extend(range(pos, m.start()))
        for i in range(m.start(), m.end()):
            ch = original[i]
            if ch in _INVISIBLE:
                continue
            out = unicodedata.normalize("NFKC", ch).casefold().translate(_QUOTES)
            out = "".join(c for c in out if c not in _INVISIBLE)
            parts.append(out)
            offsets.extend([i] * len(out))
        pos = m.end()
    if pos < len(original):
        parts.append(original[pos:].lower())
        offsets.extend(range(pos, len(original)))
    text = "".join(parts)
    return NormalizedText(original, text, fold(text), tuple(offsets))


def normalize_pattern(pattern: str) -> str:
    """Normalise and fold a literal pattern the same way texts are folded."""
    return normalize(pattern).folded
