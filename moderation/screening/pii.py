"""PII screener: emails, phone numbers, street addresses, social handles, name + place.

Runs on the original text (after removing invisible characters is not needed: spans must
point at what the author typed). Phone numbers: a cheap regex finds digit runs, obvious
non-phones (dates, years, money, weights, card numbers, IPs, SSNs) are dropped, then
`phonenumbers.PhoneNumberMatcher` confirms numbers in international and regional
formats. Runs it rejects but that look like phone numbers keep a lower score.
"""

from __future__ import annotations

import re

import phonenumbers

from . import pii_patterns as pat
from .scan import anchor_windows, finditer_in, windowed_finditer
from .types import ScreeningContext, Signal

SCREENER = "pii"
VERSION = f"{pat.VERSION}+phonenumbers-{phonenumbers.__version__}"
DEFAULT_REGIONS = ("US", "GB", "DE", "FR", "IN", "AU", "CA", "ES", "IT", "NL", "BR", "MX")
MAX_PHONE_CANDIDATES = 40  # bounds the cost of posts that are mostly numbers

EXPLANATIONS = {
    "pii.email": "Contains an email address.",
    "pii.phone": "Contains a phone number.",
    "pii.address": "Contains a street address.",
    "pii.social_handle": "Contains a social media account.",
    "pii.name_place": "Gives a full name together with where they live.",
}

_EMAIL = re.compile(pat.EMAIL)
_EMAIL_OBFUSCATED = re.compile(pat.EMAIL_OBFUSCATED, re.IGNORECASE)
_PHONE_CANDIDATE = re.compile(pat.PHONE_CANDIDATE, re.IGNORECASE)
_NOT_PHONE = tuple(re.compile(p, re.IGNORECASE) for p in pat.NOT_PHONE_SHAPES)
_UNIT_AFTER = re.compile(pat.UNIT_AFTER, re.IGNORECASE)
_MONEY_BEFORE = re.compile(pat.MONEY_BEFORE)
_NON_PHONE_CONTEXT = re.compile(pat.NON_PHONE_CONTEXT, re.IGNORECASE)
_PHONE_CONTEXT = re.compile(pat.PHONE_CONTEXT, re.IGNORECASE)
_SERVICE_NAMED = re.compile(pat.SERVICE_NAMED, re.IGNORECASE)
_SOMEONES_OWN = re.compile(pat.SOMEONES_OWN, re.IGNORECASE)
_ADDRESS_AFTER = re.compile(pat.ADDRESS_AFTER)
_ADDRESS_BEFORE = re.compile(pat.ADDRESS_BEFORE)
_DATE_PREFIX = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b")
_ADDRESSES = tuple(
    (re.compile(p), re.compile(a)) for p, a in zip(pat.ADDRESSES, pat.ADDRESS_ANCHORS, strict=True)
)
_HANDLES = tuple(
    (re.compile(p, re.IGNORECASE), re.compile(a))
    for p, a in zip(pat.HANDLES, pat.HANDLE_ANCHORS, strict=True)
)
_NAME = re.compile(pat.NAME_INTRO)
_DIGIT = re.compile(r"\d")
_AT = re.compile("@")
_HANDLE_GATES = (
    (".com/", ".me/", ".gg/", ".tv/", ".app/"),  # every profile URL has one of these
    None,
    ("#",),
)
_NAME_KEYS = ("name is", "am called", "call me")
_PLACE = re.compile(pat.PLACE_INTRO)


def _signal(text: str, start: int, end: int, label: str, score: float, rid: str) -> Signal:
    return Signal(
        screener=SCREENER,
        label=label,
        score=score,
        span=(start, end),
        matched=text[start:end],
        explanation=EXPLANATIONS[label],
        rule_id=f"pii:{rid}",
    )


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _looks_like_non_phone(text: str, start: int, end: int, cand: str, digits: str) -> bool:
    if any(p.fullmatch(cand) for p in _NOT_PHONE):
        return True
    if 13 <= len(digits) <= 19 and not cand.startswith("+") and _luhn_ok(digits):
        return True  # payment card number: a separate kind of PII, not a phone
    if _UNIT_AFTER.match(text, end) or _MONEY_BEFORE.search(text, max(0, start - 2), start):
        return True
    if _ADDRESS_BEFORE.search(text, max(0, start - 12), start):
        return True
    if text.startswith(":", end) or _DATE_PREFIX.match(cand):
        return True
    if _ADDRESS_AFTER.match(text, end) and not re.search(r"[-().+]", cand):
        return True
    before = text[max(0, start - 40) : start]
    return bool(_NON_PHONE_CONTEXT.search(before)) and not _PHONE_CONTEXT.search(before)


# Freephone, shared-cost, premium and non-geographic numbers belong to services (a helpline,
# a clinic, a business), never to a person: sharing one, named as a service's, exposes no one.
_SERVICE_NUMBER_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.UAN,
    }
)


def _regions_to_try(cand: str, regions: tuple[str, ...]) -> tuple[str, ...]:
    """An international number carries its own region; any other is read as each region."""
    return ("ZZ",) if cand.lstrip("(").startswith("+") else regions


def _confirmed(cand: str, regions: tuple[str, ...]) -> tuple[int, int] | None:
    """Return the span (within cand) of a number phonenumbers validates in some region."""
    for region in _regions_to_try(cand, regions):
        for match in phonenumbers.PhoneNumberMatcher(cand, region):
            return (match.start, match.end)
    return None


def _is_service_number(
    text: str, start: int, end: int, cand: str, regions: tuple[str, ...]
) -> bool:
    """Return True for a helpline's or a service's number given as such: a service named
    beside it, no one's own ("call me", "my number"), and a freephone, shared-cost, premium or
    non-geographic number in a region that validates it."""
    around = text[max(0, start - 60) : end + 40]
    if not _SERVICE_NAMED.search(around) or _SOMEONES_OWN.search(around):
        return False
    return any(
        phonenumbers.number_type(match.number) in _SERVICE_NUMBER_TYPES
        for region in _regions_to_try(cand, regions)
        for match in phonenumbers.PhoneNumberMatcher(cand, region)
    )


def _plausible_shape(cand: str, digits: str) -> bool:
    """Judge an unconfirmed run: grouped like a phone number, or 10 digits / leading 0."""
    if cand.startswith(("+", "00")):
        return len(digits) <= 15
    if cand.isdigit():  # no separators: too many other ids look like this
        return len(digits) == 10 or (digits.startswith("0") and 9 <= len(digits) <= 11)
    groups = re.findall(r"\d+", cand)
    return len(digits) <= 12 and len(groups) >= 2 and max(len(g) for g in groups) <= 6


def find_phones(text: str, context: ScreeningContext | None = None) -> list[Signal]:
    """Return phone number signals with spans in `text`."""
    regions = (context.phone_regions if context and context.phone_regions else ()) + tuple(
        r for r in DEFAULT_REGIONS if not context or r not in context.phone_regions
    )
    out: list[Signal] = []
    # Every candidate has a digit within 3 characters of its start and ends within 45 of
    # it; scanning windows around digits skips the lookbehind at every other position.
    windows = anchor_windows(_DIGIT, text, before=8, after=60)
    for n, m in enumerate(finditer_in(_PHONE_CANDIDATE, text, windows)):
        if n >= MAX_PHONE_CANDIDATES:
            break
        cand = m.group(0).rstrip(" .-/")
        start, end = m.start(), m.start() + len(cand)
        digits = re.sub(r"\D", "", re.split(r"(?i)\s*(?:x|ext)", cand)[0])
        if not 7 <= len(digits) <= 15:
            continue
        if _looks_like_non_phone(text, start, end, cand, digits):
            continue
        hit = _confirmed(cand, regions)
        if hit is not None and _is_service_number(text, start, end, cand, regions):
            continue
        if hit is not None:
            out.append(_signal(text, start, end, "pii.phone", 0.95, "phone.valid"))
        elif _plausible_shape(cand, digits):
            out.append(_signal(text, start, end, "pii.phone", 0.7, "phone.shape"))
    return out


def screen_pii(text: str, context: ScreeningContext | None = None) -> list[Signal]:
    """Return PII signals (email, phone, address, social handle, name + place)."""
    out: list[Signal] = []
    lower = text.lower()
    # Anchors are lowercase patterns run on `lower`; if lowercasing changed the length
    # (rare non-ASCII letters), fall back to scanning the whole text with each pattern.
    anchor_text = lower if len(lower) == len(text) else None
    emails = []
    if "@" in text:
        # The local part is at most 64 characters before "@"; the domain ends at the
        # first character outside [A-Za-z0-9.-] (the window keeps one more for \b).
        windows = anchor_windows(_AT, text, before=66, after=0)
        if windows is not None:
            windows = [(lo, _domain_end(text, hi)) for lo, hi in windows]
        emails = [(m.start(), m.end()) for m in finditer_in(_EMAIL, text, windows)]
    out.extend(_signal(text, a, b, "pii.email", 0.98, "email") for a, b in emails)
    if "at" in lower and any(k in lower for k in ("(at", "[at", "( at", "[ at")):
        for m in _EMAIL_OBFUSCATED.finditer(text):
            out.append(_signal(text, m.start(), m.end(), "pii.email", 0.75, "email.obfuscated"))
    if _DIGIT.search(text):
        phones = find_phones(text, context)
        out.extend(p for p in phones if not any(a <= p.span[0] < b for a, b in emails))
        # Every address pattern has a digit: scan only windows around digits.
        near_digits = anchor_windows(_DIGIT, text, before=100, after=160)
        for i, (regex, _anchor) in enumerate(_ADDRESSES):
            found = (
                finditer_in(regex, text, near_digits)
                if anchor_text is not None
                else regex.finditer(text)
            )
            for m in found:
                out.append(_signal(text, m.start(), m.end(), "pii.address", 0.75, f"address.{i}"))
    for i, (regex, anchor) in enumerate(_HANDLES):
        gate = _HANDLE_GATES[i]
        if gate is not None and not any(g in lower for g in gate):
            continue
        found = (
            windowed_finditer(regex, anchor, text, before=40, after=60, anchor_text=anchor_text)
            if anchor_text is not None
            else regex.finditer(text)
        )
        for m in found:
            if any(a <= m.start() < b for a, b in emails):
                continue
            out.append(_signal(text, m.start(), m.end(), "pii.social_handle", 0.85, f"handle.{i}"))
    name = _NAME.search(text) if any(k in lower for k in _NAME_KEYS) else None
    if name:
        place = _PLACE.search(text)
        if place:
            out.append(_signal(text, name.start(), name.end(), "pii.name_place", 0.8, "name"))
            out.append(_signal(text, place.start(), place.end(), "pii.name_place", 0.8, "place"))
    return _dedupe(out)


def _domain_end(text: str, at_end: int) -> int:
    """Return the index just past the domain run after an "@" (plus one character)."""
    m = _DOMAIN_RUN.match(text, at_end)
    return min(len(text), (m.end() if m else at_end) + 1)


_DOMAIN_RUN = re.compile(r"[A-Za-z0-9.\-]*")


def _dedupe(signals: list[Signal]) -> list[Signal]:
    """Drop signals whose span lies inside a stronger signal of another PII kind."""
    kept: list[Signal] = []
    for s in sorted(signals, key=lambda s: (-s.score, s.span or (0, 0))):
        a, b = s.span or (0, 0)
        if any(k.span and k.label != s.label and k.span[0] <= a and b <= k.span[1] for k in kept):
            continue
        kept.append(s)
    return sorted(kept, key=lambda s: s.span or (0, 0))
