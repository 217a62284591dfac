"""Spam screener: links and link density, repeated posts, promotion and scam patterns.

Every finding has a base weight; the author's trust scales it (new accounts are where
spam comes from; trusted members post links to resources all the time). The combined
score is a noisy-OR, reported on every spam signal as `score` so policy can threshold it.
"""

from __future__ import annotations

import hashlib
import re

from . import spam_lexicon as lex
from .normalize import NormalizedText, normalize
from .types import ScreeningContext, Signal

SCREENER = "spam"
VERSION = lex.VERSION
TRUST_FACTOR = {"new": 1.0, "member": 0.6, "trusted": 0.3}
EMIT_THRESHOLD = 0.5

EXPLANATIONS = {
    "spam.link_density": "Contains links, which new accounts often use for spam.",
    "spam.repeated": "Same text as a recent post by this author.",
    "spam.pattern": "Reads like advertising or a request for likes.",
}

_URL = re.compile(lex.URL, re.IGNORECASE)
_PATTERNS = tuple((rid, w, re.compile(p, re.IGNORECASE)) for rid, w, p in lex.PATTERNS)
# The same patterns without IGNORECASE, which stops `re` skipping ahead on a pattern's
# first character. On casefolded text (no uppercase) with lowercase patterns they match
# exactly the same, unless the text has one of the four non-ASCII letters that `re`
# matches to an ASCII letter under IGNORECASE; then the IGNORECASE patterns run.
_URL_CASED = re.compile(lex.URL)
_PATTERNS_CASED = tuple((rid, w, re.compile(p)) for rid, w, p in lex.PATTERNS)
_HELPLINE = re.compile(lex.HELPLINE_CONTEXT, re.IGNORECASE)
_PREMIUM = re.compile(lex.PREMIUM_CHARGE, re.IGNORECASE)
_PHONE = re.compile(lex.PHONE)
_PROMO_CUE = re.compile(lex.PROMO_CUE, re.IGNORECASE)
PHONE_PROMO_WEIGHT = 0.45
_IGNORECASE_EXTRAS = re.compile("[\u0130\u0131\u017f\u212a]")
_FINGERPRINT_STRIP = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")


def text_fingerprint(text: str) -> str:
    """Return a short stable hash of the text, ignoring case, spacing and punctuation."""
    core = _FINGERPRINT_STRIP.sub(" ", normalize(text).text).strip()
    return hashlib.sha256(core.encode("utf-8")).hexdigest()[:32]


def _link_weight(n_links: int, other_words: int) -> float:
    """Weigh links: a post that is little more than a link is the classic drive-by spam."""
    if n_links == 0:
        return 0.0
    if other_words <= 3:
        return 0.8
    return min(0.95, 0.55 + 0.15 * (n_links - 1) + (0.15 if n_links / other_words > 0.2 else 0))


def spam_findings(
    norm: NormalizedText, context: ScreeningContext
) -> list[tuple[str, str, float, tuple[int, int] | None]]:
    """Return raw (label, rule_id, weight, span) findings before trust scaling."""
    text = norm.text
    cased = text.isascii() or not _IGNORECASE_EXTRAS.search(text)
    url, patterns = (_URL_CASED, _PATTERNS_CASED) if cased else (_URL, _PATTERNS)
    found: list[tuple[str, str, float, tuple[int, int] | None]] = []
    links = list(url.finditer(text))
    if links:
        other_words = len(_WORD.findall(url.sub(" ", text)))
        weight = _link_weight(len(links), other_words)
        span = norm.original_span(links[0].start(), links[0].end())
        found.append(("spam.link_density", "links", weight, span))
    recent = context.recent_text_hashes
    if recent and len(text.strip()) >= 3 and text_fingerprint(norm.original) in recent:
        # Short repeats ("thank you", "same here") are normal in a forum; long ones are
        # copy-paste campaigns.
        weight = 0.75 if len(text) >= 60 else 0.4
        found.append(("spam.repeated", "repeated", weight, None))
    # A helpline mention exempts the intent rules, unless the post also quotes a premium
    # charge: helplines are free, subscriptions dressed up as "mental health tips" are not.
    helpline = bool(_HELPLINE.search(text)) and not _PREMIUM.search(text)
    for rid, weight, regex in patterns:
        if helpline and rid.startswith("intent."):
            continue
        m = regex.search(text)
        if m:
            span = norm.original_span(m.start(), m.end())
            found.append(("spam.pattern", rid, weight, span))
    # A phone number in a post that sells, lends or pays ("WhatsApp 07911 123456 to order"):
    # weak alone (members share helpline numbers), adds to the other findings.
    phone = None if helpline else _PHONE.search(text)
    if phone and _PROMO_CUE.search(text):
        span = norm.original_span(phone.start(), phone.end())
        found.append(("spam.pattern", "intent.phone_promo", PHONE_PROMO_WEIGHT, span))
    return found


def screen_spam(norm: NormalizedText, context: ScreeningContext) -> list[Signal]:
    """Return spam signals, each carrying the combined trust-scaled spam score."""
    found = spam_findings(norm, context)
    if not found:
        return []
    factor = TRUST_FACTOR[context.author_trust]
    remaining = 1.0
    for _, _, weight, _ in found:
        remaining *= 1.0 - weight * factor
    combined = round(1.0 - remaining, 4)
    if combined < EMIT_THRESHOLD:
        return []
    return [
        Signal(
            screener=SCREENER,
            label=label,
            score=combined,
            span=span,
            matched=norm.original[span[0] : span[1]] if span else "",
            explanation=EXPLANATIONS[label],
            rule_id=f"spam:{rid}",
        )
        for label, rid, weight, span in found
    ]
