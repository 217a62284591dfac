"""The person-level view: a pattern across one member's recent posts.

Pure: a member's recent (time, tier) pairs in, whether they form a pattern out. A pattern is
several posts at the ideation tier or above, or distress rising to ideation (distress in two
or more posts, then a post at ideation or above). It asks for one check-in case, never an
on-call page: a single imminent post already has its own crisis case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .risk_lexicon import TIER_RANK

DEFAULT_WINDOW = timedelta(days=14)
SEVERAL = 2  # posts at ideation or above
DISTRESS_BEFORE_RISE = 2

_IDEATION = TIER_RANK["ideation"]
_DISTRESS = TIER_RANK["distress"]


@dataclass(frozen=True, slots=True)
class Pattern:
    """Which pattern was found and the positions (in the history given) of its posts."""

    kind: str
    posts: tuple[int, ...]


def find_pattern(
    history: Sequence[tuple[datetime, str]], *, now: datetime, window: timedelta = DEFAULT_WINDOW
) -> Pattern | None:
    """Return the pattern in the posts written within `window` before `now`, or None.

    `history` is (written at, tier) per post, in any order.
    """
    recent = sorted(
        (at, i, TIER_RANK.get(tier, 0))
        for i, (at, tier) in enumerate(history)
        if now - window <= at <= now
    )
    risky = [i for _, i, rank in recent if rank >= _IDEATION]
    if len(risky) >= SEVERAL:
        return Pattern("repeated_ideation", tuple(risky))
    distress: list[int] = []
    for _, i, rank in recent:
        if rank >= _IDEATION and len(distress) >= DISTRESS_BEFORE_RISE:
            return Pattern("rising", (*distress, i))
        if rank == _DISTRESS:
            distress.append(i)
    return None
