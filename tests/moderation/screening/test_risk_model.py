"""The learned risk model: shipped, loaded once, corroborating weak cues, never alone."""

import json

from moderation.screening import normalize, screen
from moderation.screening.risk import assess
from moderation.screening.risk_model import PATH, get_model


def test_the_model_ships_as_a_small_file_with_its_source_and_training_script():
    data = json.loads(PATH.read_text(encoding="utf-8"))
    assert PATH.stat().st_size < 300 * 1024
    assert "Apache-2.0" in data["source"]
    assert data["trained_by"] == "scripts/train_risk_model.py"


def test_the_model_is_loaded_once_per_process():
    assert get_model() is get_model()


def test_probabilities_stay_within_zero_and_one():
    model = get_model()
    for text in ("", "a", "the " * 500, "i want to die " * 50):
        assert 0.0 <= model.probability(text) <= 1.0


def test_the_model_corroborates_weak_cues_and_shows_as_evidence():
    text = "I feel numb. Nobody would care. I think about it every day now."
    verdict = screen(text)
    assert verdict.tier == "ideation"
    assert any(item.startswith("model: 0.") for item in verdict.tier_evidence)


def test_the_model_never_raises_a_tier_alone():
    text = "I am so tired. I keep thinking about the bridge on my way to work."
    assert get_model().probability(normalize(text).text) >= get_model().threshold
    assert assess(normalize(text)).tier == "none"
