"""Evaluate Hearth's screeners on a labelled file and check targets.

Usage:
    python scripts/screening_eval.py ../shared/eval/crisis/sdcnl-train.csv --format sdcnl \
        --min-recall 0.85
    python scripts/screening_eval.py ../shared/eval/spam --format youtube-spam

Thresholds apply to the primary rows: the first row of each report (for presidio: every
entity row), or the rows whose name contains --row. Exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from moderation.screening.evaluate import (
    FORMATS,
    Report,
    Row,
    evaluate,
    format_report,
)


def _selected(reports: list[Report], fmt: str, row: str | None) -> list[tuple[Report, Row]]:
    out = []
    for rep in reports:
        if row:
            out.extend((rep, r) for r in rep.rows if row in r.name)
        elif fmt == "presidio":
            out.extend((rep, r) for r in rep.rows)
        elif rep.rows:
            out.append((rep, rep.rows[0]))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="labelled file (or folder, for youtube-spam)")
    parser.add_argument("--format", choices=FORMATS, default="plain")
    parser.add_argument(
        "--screener",
        default="crisis",
        choices=("crisis", "abuse", "spam", "pii"),
        help="screener for the plain text,label format",
    )
    parser.add_argument("--only", help="keep reports whose title starts with this (e.g. abuse)")
    parser.add_argument("--row", help="apply thresholds to rows whose name contains this")
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--min-precision", type=float)
    parser.add_argument("--min-f1", type=float)
    parser.add_argument("--max-flag-rate", type=float, help="fraction, e.g. 0.03")
    args = parser.parse_args(argv)

    reports = evaluate(args.path, args.format, screener=args.screener)
    if args.only:
        reports = [r for r in reports if r.title.startswith(args.only)]
    for rep in reports:
        print(format_report(rep))
        print()
    failures = []
    for rep, row in _selected(reports, args.format, args.row):
        c = row.counts
        checks = (
            ("recall", c.recall, args.min_recall, False),
            ("precision", c.precision, args.min_precision, False),
            ("f1", c.f1, args.min_f1, False),
            ("flag rate", c.flag_rate, args.max_flag_rate, True),
        )
        for name, value, limit, is_max in checks:
            if limit is None:
                continue
            ok = value <= limit if is_max else value >= limit
            sign = "<=" if is_max else ">="
            status = "ok  " if ok else "MISS"
            print(f"{status} {rep.title} / {row.name}: {name} {value:.3f} (target {sign} {limit})")
            if not ok:
                failures.append(row.name)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
