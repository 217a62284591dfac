"""Evaluation helpers: load the shared labelled files, run screeners, compute metrics.

Pure functions used by the `screening_eval` management
command. The files are read where they lie (../shared/eval/); nothing is copied.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .engine import ABUSE as ABUSE_SCREENER
from .engine import CRISIS, PII, SPAM, Job, Screener
from .normalize import normalize
from .policy import DEFAULT_POLICY
from .spam import text_fingerprint
from .types import ScreeningContext, Signal

FORMATS = (
    "sdcnl",
    "dreaddit",
    "davidson",
    "youtube-spam",
    "presidio",
    "cssrs",
    "olid",
    "sms",
    "plain",
)
TASK_OF_FORMAT = {
    "sdcnl": "crisis",
    "dreaddit": "crisis+abuse",
    "davidson": "abuse",
    "youtube-spam": "spam",
    "presidio": "pii",
    "cssrs": "crisis",
    "olid": "abuse",
    "sms": "spam",
    "plain": "any",
}


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text; `group` keys duplicate history (e.g. file + author)."""

    text: str
    label: str
    group: str = ""
    order: str = ""
    spans: tuple[tuple[str, int, int], ...] = ()


@dataclass(slots=True)
class Counts:
    """Binary confusion counts with the usual derived metrics."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        """Count one prediction."""
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def flag_rate(self) -> float:
        return (self.tp + self.fp) / self.n if self.n else 0.0


@dataclass(slots=True)
class Row:
    """One line of a results table."""

    name: str
    counts: Counts
    note: str = ""


@dataclass(slots=True)
class Report:
    """Results of one evaluation run."""

    title: str
    rows: list[Row] = field(default_factory=list)
    seconds: float = 0.0
    texts: int = 0

    @property
    def throughput(self) -> float:
        return self.texts / self.seconds if self.seconds else 0.0

    def row(self, name: str) -> Row:
        """Return the row with this name."""
        return next(r for r in self.rows if r.name == name)


# --- loaders -------------------------------------------------------------------------


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _field(row: dict[str, str], *names: str) -> str:
    for name in names:
        if name in row and row[name] is not None:
            return row[name]
    raise KeyError(f"none of the columns {names} found")


def load(path: str | Path, fmt: str) -> list[Example]:
    """Load a labelled file in one of FORMATS."""
    path = Path(path)
    if fmt == "sdcnl":
        return [
            Example(f"{r['title'] or ''}\n{r['selftext'] or ''}".strip(), r["is_suicide"])
            for r in _csv_rows(path)
        ]
    if fmt == "dreaddit":
        return [Example(r["text"], r["label"], group=r["subreddit"]) for r in _csv_rows(path)]
    if fmt == "davidson":
        return [Example(r["tweet"], r["class"]) for r in _csv_rows(path)]
    if fmt == "youtube-spam":
        files = sorted(path.glob("Youtube0*.csv")) if path.is_dir() else [path]
        out = []
        for f in files:
            for r in _csv_rows(f):
                # The export keeps YouTube's HTML: turn it back into the text people typed.
                text = html.unescape(re.sub(r"<br\s*/?>", "\n", r["CONTENT"]))
                text = re.sub(r"<a [^>]*>([^<]*)</a>", r"\1", text).replace("\ufeff", "")
                label = _field(r, "label", "CLASS")
                out.append(
                    Example(text, label, group=f"{f.name}:{r['AUTHOR']}", order=r.get("DATE") or "")
                )
        return out
    if fmt == "presidio":
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            Example(
                d["full_text"],
                "",
                spans=tuple(
                    (s["entity_type"], s["start_position"], s["end_position"]) for s in d["spans"]
                ),
            )
            for d in data
        ]
    if fmt == "plain":
        return [Example(r["text"], r["label"]) for r in _csv_rows(path)]
    raise ValueError(f"unknown format {fmt!r}; use one of {FORMATS}")


# --- running screeners ---------------------------------------------------------------


def run_screener(
    screener: Screener, text: str, context: ScreeningContext | None = None
) -> list[Signal]:
    """Run one screener on one text with the default policy and no rules."""
    job = Job(normalize(text), context or ScreeningContext(), (), (), DEFAULT_POLICY)
    return screener.run(job)


def _timed(examples: list[Example], fn: Callable[[Example], bool]) -> tuple[list[bool], float]:
    start = time.perf_counter()
    preds = [fn(e) for e in examples]
    return preds, time.perf_counter() - start


def crisis_flags(text: str) -> tuple[bool, bool]:
    """Return (first-person flag at the ideation tier or above, concern-for-other flag)."""
    sigs = run_screener(CRISIS, text)
    first = any(s.label not in ("crisis.concern_for_other", "risk.distress") for s in sigs)
    return first, any(s.label == "crisis.concern_for_other" for s in sigs)


def evaluate_crisis(examples: list[Example], title: str, *, positive: str = "1") -> Report:
    """Crisis flag counts; for unlabelled-negative sets every flag is a false positive."""
    report = Report(title, texts=len(examples))
    first, concern = Counts(), Counts()
    start = time.perf_counter()
    by_label: dict[str, Counts] = defaultdict(Counts)
    for e in examples:
        f, c = crisis_flags(e.text)
        actual = e.label == positive
        first.add(f, actual)
        concern.add(c, actual)
        by_label[e.label].add(f, True)
    report.seconds = time.perf_counter() - start
    report.rows.append(Row("crisis (first person)", first))
    report.rows.append(Row("crisis.concern_for_other", concern))
    for label, counts in sorted(by_label.items()):
        report.rows.append(Row(f"flag rate, label={label}", counts, "recall = flag rate"))
    return report


def evaluate_abuse(examples: list[Example], title: str, *, davidson: bool) -> Report:
    """Abuse metrics: Davidson hate recall and hate-or-offensive F1, or plain flag rate."""
    report = Report(title, texts=len(examples))
    any_abuse, hate_any, hate_hate, by_label = Counts(), Counts(), Counts(), defaultdict(Counts)
    start = time.perf_counter()
    for e in examples:
        sigs = run_screener(ABUSE_SCREENER, e.text)
        flagged = bool(sigs)
        if davidson:
            any_abuse.add(flagged, e.label in ("0", "1"))
            hate_any.add(flagged, e.label == "0")
            hate_hate.add(any(s.label == "abuse.hate" for s in sigs), e.label == "0")
        else:
            any_abuse.add(flagged, False)
        by_label[e.label].add(flagged, True)
    report.seconds = time.perf_counter() - start
    if davidson:
        report.rows.append(Row("hate-or-offensive vs neither", any_abuse))
        report.rows.append(Row("hate class, any abuse signal", hate_any))
        report.rows.append(Row("hate class, abuse.hate signal", hate_hate))
    else:
        report.rows.append(Row("abuse flag (all texts negative)", any_abuse))
    for label, counts in sorted(by_label.items()):
        report.rows.append(Row(f"flag rate, label={label}", counts, "recall = flag rate"))
    return report


def evaluate_spam(examples: list[Example], title: str, *, history: bool = True) -> Report:
    """Spam metrics, every author a new member; with `history`, the author's earlier
    comments in the same file (timestamp order) feed duplicate detection, as the forum
    would know an author's recent posts."""
    report = Report(title, texts=len(examples))
    counts = Counts()
    seen: dict[str, list[str]] = defaultdict(list)
    ordered = sorted(examples, key=lambda e: (e.group.split(":", 1)[0], e.order))
    start = time.perf_counter()
    for e in ordered:
        recent = tuple(seen[e.group][-20:]) if history else ()
        ctx = ScreeningContext(author_trust="new", recent_text_hashes=recent)
        counts.add(bool(run_screener(SPAM, e.text, ctx)), e.label == "1")
        seen[e.group].append(text_fingerprint(e.text))
    report.seconds = time.perf_counter() - start
    report.rows.append(Row("spam (new members)", counts))
    return report


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


PII_TYPES = {"EMAIL_ADDRESS": "pii.email", "PHONE_NUMBER": "pii.phone"}


def evaluate_pii(examples: list[Example], title: str) -> Report:
    """Span-overlap precision/recall per entity type (TP/FN over gold, FP over predicted)."""
    report = Report(title, texts=len(examples))
    per_type = {t: Counts() for t in PII_TYPES}
    start = time.perf_counter()
    for e in examples:
        sigs = run_screener(PII, e.text)
        for etype, label in PII_TYPES.items():
            gold = [(a, b) for t, a, b in e.spans if t == etype]
            pred = [s.span for s in sigs if s.label == label and s.span]
            c = per_type[etype]
            for g in gold:
                c.add(any(_overlaps(g, p) for p in pred), True)
            c.fp += sum(1 for p in pred if not any(_overlaps(g, p) for g in gold))
    report.seconds = time.perf_counter() - start
    for etype, c in per_type.items():
        report.rows.append(Row(etype, c, "recall over gold spans, precision over predicted"))
    return report


def evaluate_plain(examples: list[Example], title: str, screener: Screener) -> Report:
    """Generic `text,label` file: label 1 = should be flagged by the given screener."""
    report = Report(title, texts=len(examples))
    counts = Counts()
    start = time.perf_counter()
    for e in examples:
        counts.add(bool(run_screener(screener, e.text)), e.label.strip() in ("1", "true", "yes"))
    report.seconds = time.perf_counter() - start
    report.rows.append(Row(f"{screener.name} flag", counts))
    return report


def evaluate(path: str | Path, fmt: str, *, screener: str = "crisis") -> list[Report]:
    """Load a file and run the evaluation(s) that fit its format."""
    name = Path(path).name
    if fmt in ("cssrs", "olid", "sms"):
        from . import evaluate_tiers  # noqa: PLC0415  (evaluate_tiers imports this module)

        run = {
            "cssrs": (evaluate_tiers.evaluate_cssrs, f"risk tiers on {name}"),
            "olid": (evaluate_tiers.evaluate_olid, f"abuse on {name}"),
            "sms": (evaluate_tiers.evaluate_sms, f"spam on {name}"),
        }[fmt]
        return [run[0](path, run[1])]
    examples = load(path, fmt)
    if fmt == "sdcnl":
        return [evaluate_crisis(examples, f"crisis on {name}")]
    if fmt == "dreaddit":
        return [
            evaluate_crisis(
                examples, f"crisis on {name} (all flags are false alarms)", positive="__none__"
            ),
            evaluate_abuse(examples, f"abuse on {name}", davidson=False),
        ]
    if fmt == "davidson":
        return [evaluate_abuse(examples, f"abuse on {name}", davidson=True)]
    if fmt == "youtube-spam":
        return [evaluate_spam(examples, f"spam on {name}")]
    if fmt == "presidio":
        return [evaluate_pii(examples, f"pii on {name}")]
    by_name = {"crisis": CRISIS, "abuse": ABUSE_SCREENER, "spam": SPAM, "pii": PII}
    return [evaluate_plain(examples, f"{screener} on {name}", by_name[screener])]


def format_report(report: Report) -> str:
    """Render a report as a fixed-width table."""
    lines = [
        f"== {report.title}  ({report.texts} texts, {report.throughput:,.0f} texts/s)",
        f"{'metric':40} {'n':>6} {'tp':>6} {'fp':>6} {'fn':>6} "
        f"{'prec':>6} {'recall':>6} {'f1':>6} {'flag%':>6}",
    ]
    for r in report.rows:
        c = r.counts
        lines.append(
            f"{r.name:40} {c.n:6d} {c.tp:6d} {c.fp:6d} {c.fn:6d} {c.precision:6.3f} "
            f"{c.recall:6.3f} {c.f1:6.3f} {100 * c.flag_rate:6.2f}"
        )
    return "\n".join(lines)


def iter_rows(reports: Iterable[Report]) -> Iterator[tuple[Report, Row]]:
    """Yield every (report, row) pair."""
    for rep in reports:
        for row in rep.rows:
            yield rep, row
