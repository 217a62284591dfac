"""Fast single-text scoring with alt-profanity-check's packaged model.

`profanity_check.predict_prob` costs ~8 ms per call on one text because scikit-learn
validates inputs and builds sparse matrices each time; the screening budget is ~5 ms per
post for everything. The packaged model is a unigram TF-IDF (l2) feeding five calibrated
linear SVMs, so we read its weights once and evaluate the same arithmetic in plain Python.
`tests/.../test_abuse.py` checks the result equals `predict_prob` to 1e-9. As a bonus the
per-word contributions tell which word drove the score, for spans and explanations.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # the vectorizer's own token_pattern


@dataclass(frozen=True, slots=True)
class ModelScore:
    """Profanity probability and the words that pushed it up, strongest first."""

    prob: float
    top_words: tuple[str, ...]


class ProfanityModel:
    """The alt-profanity-check model, evaluated without scikit-learn per call."""

    def __init__(self) -> None:
        from profanity_check import profanity_check as pc  # noqa: PLC0415  (heavy: loaded once, when first used)

        vocab: dict[str, int] = pc.vectorizer.vocabulary_
        idf = pc.vectorizer.idf_
        clfs = pc.model.calibrated_classifiers_
        coefs = [c.estimator.coef_[0] for c in clfs]
        self._intercepts = tuple(float(c.estimator.intercept_[0]) for c in clfs)
        self._calib = tuple((float(c.calibrators[0].a_), float(c.calibrators[0].b_)) for c in clfs)
        # word -> (idf, coefficient per classifier)
        self._words: dict[str, tuple[float, tuple[float, ...]]] = {
            w: (float(idf[i]), tuple(float(c[i]) for c in coefs)) for w, i in vocab.items()
        }

    def score(self, text: str) -> ModelScore:
        """Return the profanity probability of one text and its top contributing words."""
        counts = Counter(t for t in _TOKEN.findall(text.lower()) if t in self._words)
        n = len(self._intercepts)
        weights = {w: c * self._words[w][0] for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        decisions = list(self._intercepts)
        contrib: dict[str, float] = {}
        for w, v in weights.items():
            coefs = self._words[w][1]
            x = v / norm
            for k in range(n):
                decisions[k] += x * coefs[k]
            contrib[w] = x * sum(coefs) / n
        prob = 0.0
        for k, (a, b) in enumerate(self._calib):
            z = a * decisions[k] + b
            # expit(-z), written to avoid overflow for large |z|
            prob += 1.0 / (1.0 + math.exp(z)) if z > -700 else 1.0
        prob /= n
        top = tuple(w for w, c in sorted(contrib.items(), key=lambda kv: -kv[1]) if c > 0.05)
        return ModelScore(prob=min(1.0, max(0.0, prob)), top_words=top[:3])


@lru_cache(maxsize=1)
def get_model() -> ProfanityModel:
    """Return the process-wide model (loaded on first use, ~1.5 s)."""
    return ProfanityModel()
