"""C-SSRS evaluation: risk tiers per user (flagged if any post reaches the tier), per post,
and the person-level pattern over each user's posts; OLID targeted offence; SMS spam.

The C-SSRS file keeps each user's posts as a Python-list string; `ast.literal_eval` splits it.
Twelve cells were cut at 32,759 characters upstream, so the list never closes: for those the
complete posts are kept and the cut one is dropped.
"""

from __future__ import annotations

import ast
import csv
import re
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .engine import ABUSE, SPAM, Job
from .evaluate import Counts, Report, Row
from .normalize import normalize
from .pattern import find_pattern
from .policy import DEFAULT_POLICY
from .risk import assess
from .risk_lexicon import TIER_RANK
from .types import ScreeningContext

AT_RISK = ("Ideation", "Behavior", "Attempt")
TIER_ROWS = (
    ("ideation", ("Ideation", "Behavior", "Attempt")),
    ("ideation", ("Behavior", "Attempt")),
    ("behaviour", ("Behavior", "Attempt")),
    ("imminent", ("Behavior", "Attempt")),
)
# Between two complete posts in a truncated cell: a closing quote, a comma, an opening quote.
_POST_BREAK = re.compile(r"""(?<=['"]), (?=['"])""")


def split_posts(cell: str) -> tuple[list[str], bool]:
    """Return (posts, was_truncated) for one `Post` cell."""
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        pieces = _POST_BREAK.split(cell.strip().removeprefix("["))
        posts = []
        for piece in pieces[:-1]:  # the last piece was cut mid-post
            try:
                posts.append(str(ast.literal_eval(piece)))
            except (ValueError, SyntaxError):
                continue
        return posts, True
    return [str(p) for p in value], False


def load_cssrs(path: str | Path) -> list[tuple[str, str, list[str]]]:
    """Return (user, label, posts) per row."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return [(r["User"], r["Label"], split_posts(r["Post"])[0]) for r in csv.DictReader(fh)]


def user_tiers(posts: list[str]) -> list[str]:
    """Return the tier of each post."""
    return [assess(normalize(p), threshold=DEFAULT_POLICY.crisis_threshold).tier for p in posts]


def simulated_pattern(tiers: list[str]) -> bool:
    """Run the person-level view over a user's posts as if written one a day in the order
    given (the file has no dates): the default 14-day window then holds 15 posts."""
    start = datetime(2020, 1, 1, tzinfo=UTC)
    history = [(start + timedelta(days=i), t) for i, t in enumerate(tiers)]
    return any(
        find_pattern(history[: i + 1], now=at) is not None for i, (at, _) in enumerate(history)
    )


def evaluate_cssrs(path: str | Path, title: str):
    """Per user and per post, per tier; and the person-level pattern per user."""
    users = load_cssrs(path)
    report = Report(title, texts=sum(len(p) for _, _, p in users))
    start = time.perf_counter()
    per_user: list[tuple[str, list[str]]] = [
        (label, user_tiers(posts)) for _, label, posts in users
    ]
    report.seconds = time.perf_counter() - start
    names = {AT_RISK: "I+B+A", ("Behavior", "Attempt"): "B+A"}
    for tier, positives in TIER_ROWS:
        counts = Counts()
        for label, tiers in per_user:
            if label in positives or label == "Supportive":
                flagged = any(TIER_RANK[t] >= TIER_RANK[tier] for t in tiers)
                counts.add(flagged, label in positives)
        report.rows.append(
            Row(f"users {tier}+: {names[positives]} vs Supportive", counts, "per user")
        )
    pattern = Counts()
    for label, tiers in per_user:
        if label in AT_RISK or label == "Supportive":
            pattern.add(simulated_pattern(tiers), label in AT_RISK)
    report.rows.append(Row("users pattern: I+B+A vs Supportive", pattern, "person-level view"))
    labels = sorted({label for label, _ in per_user})
    for tier in ("distress", "ideation", "behaviour", "imminent"):
        for wanted in labels:
            users_c, posts_c = Counts(), Counts()
            for label, tiers in per_user:
                if label != wanted:
                    continue
                hits = [TIER_RANK[t] >= TIER_RANK[tier] for t in tiers]
                users_c.add(any(hits), True)
                for hit in hits:
                    posts_c.add(hit, True)
            report.rows.append(Row(f"users {tier}+, label={wanted}", users_c, "flag rate"))
            report.rows.append(Row(f"posts {tier}+, label={wanted}", posts_c, "flag rate"))
    for wanted in labels:
        c = Counts()
        for label, tiers in per_user:
            if label == wanted:
                c.add(simulated_pattern(tiers), True)
        report.rows.append(Row(f"users pattern, label={wanted}", c, "flag rate"))
    return report


def _run(screener, text: str, context: ScreeningContext | None = None):
    job = Job(normalize(text), context or ScreeningContext(), (), (), DEFAULT_POLICY)
    return screener.run(job)


def evaluate_olid(path: str | Path, title: str):
    """Targeted insults and threats (TIN) against everything else (NOT, untargeted swearing)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    report = Report(title, texts=len(rows))
    tin, by_label = Counts(), {}
    start = time.perf_counter()
    for r in rows:
        flagged = bool(_run(ABUSE, r["tweet"]))
        label = r["subtask_b"] if r["subtask_a"] == "OFF" else "NOT"
        tin.add(flagged, label == "TIN")
        by_label.setdefault(label, Counts()).add(flagged, True)
    report.seconds = time.perf_counter() - start
    report.rows.append(Row("TIN vs everything else", tin))
    for label, c in sorted(by_label.items()):
        report.rows.append(Row(f"flag rate, label={label}", c, "recall = flag rate"))
    return report


def evaluate_sms(path: str | Path, title: str):
    """SMS spam against ham, every sender a new member with no history."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = [line.rstrip("\n").split("\t", 1) for line in fh if "\t" in line]
    report = Report(title, texts=len(rows))
    counts = Counts()
    start = time.perf_counter()
    for label, text in rows:
        counts.add(bool(_run(SPAM, text, ScreeningContext(author_trust="new"))), label == "spam")
    report.seconds = time.perf_counter() - start
    report.rows.append(Row("spam (new members)", counts))
    return report
