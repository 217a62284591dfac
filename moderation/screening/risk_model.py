"""The small learned risk model: TF-IDF words and word pairs with logistic regression.

Trained by scripts/train_risk_model.py on the RMHD sample (r/SuicideWatch against 26 other
forums, evaluation near-duplicates removed) and shipped as data/risk_model.json. Loaded once
per process on first use and evaluated in plain Python; its probability is one piece of
evidence beside the lexicon ("model: 0.83"), never the only explanation a moderator sees.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("data") / "risk_model.json"
_WORD = re.compile(r"[a-z']+")  # as the training script tokenises


@dataclass(frozen=True, slots=True)
class RiskModel:
    """Feature weights: term -> (idf, coefficient); the intercept; the threshold at which it
    corroborates distress, and the stricter one at which it corroborates fainter cues."""

    features: dict[str, tuple[float, float]]
    intercept: float
    threshold: float
    threshold_faint: float
    version: str

    def probability(self, text: str) -> float:
        """Return the model's probability that `text` is written from suicidal risk."""
        words = _WORD.findall(text)
        grams = Counter(words)
        grams.update(f"{a} {b}" for a, b in itertools.pairwise(words))
        weights: dict[str, float] = {}
        for term, count in grams.items():
            found = self.features.get(term)
            if found is not None:
                weights[term] = (1.0 + math.log(count)) * found[0]
        if not weights:
            return 1.0 / (1.0 + math.exp(-self.intercept))
        norm = math.sqrt(sum(v * v for v in weights.values()))
        z = self.intercept + sum(v / norm * self.features[t][1] for t, v in weights.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


@lru_cache(maxsize=1)
def get_model() -> RiskModel:
    """Return the process-wide model (read once, a few milliseconds)."""
    data = json.loads(PATH.read_text(encoding="utf-8"))
    features = {term: (iw[0], iw[1]) for term, iw in data["features"].items()}
    digest = f"{len(features)}-{data['threshold']}"
    return RiskModel(
        features,
        data["intercept"],
        data["threshold"],
        data["threshold_faint"],
        f"rmhd-lr-{digest}",
    )
