"""Fast scanning helpers: run expensive regexes only near cheap anchor hits.

Python's `re` scans quickly when a pattern starts with a literal or a character class,
and slowly when it starts with \\b, a lookbehind or an optional group. A cheap "anchor"
regex finds the few places worth a look; the full pattern then runs on a small window
around each, which keeps 20,000-character posts within the precheck budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_ANCHORS = 200  # past this many anchors, scan the whole text once instead


def anchor_windows(
    anchor: re.Pattern[str],
    text: str,
    *,
    before: int = 60,
    after: int = 120,
    anchor_text: str | None = None,
) -> list[tuple[int, int]] | None:
    """Return merged windows around `anchor` hits, or None when there are too many.

    Compute once and pass to `finditer_in` for every pattern that shares the anchor.
    """
    anchors = []
    for n, m in enumerate(anchor.finditer(anchor_text if anchor_text is not None else text)):
        if n >= MAX_ANCHORS:
            return None
        anchors.append((max(0, m.start() - before), min(len(text), m.end() + after)))
    return _merge(anchors)


def finditer_in(
    full: re.Pattern[str], text: str, windows: list[tuple[int, int]] | None
) -> Iterator[re.Match[str]]:
    """Yield non-overlapping matches of `full` inside `windows` (None: the whole text)."""
    if windows is None:
        yield from full.finditer(text)
        return
    last_end = -1
    for lo, hi in windows:
        for m in full.finditer(text, lo, hi):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def windowed_finditer(
    full: re.Pattern[str],
    anchor: re.Pattern[str],
    text: str,
    *,
    before: int = 60,
    after: int = 120,
    anchor_text: str | None = None,
) -> Iterator[re.Match[str]]:
    """Yield non-overlapping matches of `full` found in windows around `anchor` hits.

    `anchor_text` (same length as `text`, e.g. its lowercase form) lets case-insensitive
    anchors run without re.IGNORECASE, which disables `re`'s fast first-character skip.
    """
    windows = anchor_windows(anchor, text, before=before, after=after, anchor_text=anchor_text)
    yield from finditer_in(full, text, windows)


def _merge(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged
