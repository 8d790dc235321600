"""predict(): the result shape, inputs accepted and refused, and the seed article."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from report_tagger import TAGS, Prediction, load_model, predict
from report_tagger.predict import MODEL_ENV


def test_seed_article_gets_all_three_tags(default_model_path):
    text = (FIXTURES / "seed_article.txt").read_text("utf-8")
    result = predict(text, model=default_model_path)
    assert result.tags == ["security_review", "awards", "crime_prevention"]
    assert result.primary == "security_review"


def test_one_text_gives_one_result_and_a_list_gives_a_list(small_model_path):
    texts = ["Bắt giữ đối tượng vận chuyển ma túy", "Đội tuyển bóng đá thắng 2-0"]
    one = predict(texts[0], model=small_model_path)
    many = predict(texts, model=small_model_path)
    assert isinstance(one, Prediction)
    assert isinstance(many, list) and len(many) == 2
    assert many[0] == one
    assert predict(texts[::-1], model=small_model_path)[::-1] == many
    assert predict([], model=small_model_path) == []


def test_result_is_consistent_and_serialisable(small_model_path):
    model = load_model(small_model_path)
    result = predict("Công an tỉnh tổng kết công tác năm, trao Bằng khen", model=model)
    assert list(result.scores) == list(TAGS)
    assert all(0.0 <= s <= 1.0 for s in result.scores.values())
    thresholds = dict(zip(model.tags, model.thresholds))
    assert result.tags == [t for t in TAGS if result.scores[t] >= thresholds[t]]
    if result.tags:
        assert result.primary == max(result.tags, key=result.scores.get)
    else:
        assert result.primary is None
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()


def test_default_model_is_found_and_loaded_once(small_model_path, monkeypatch):
    monkeypatch.setenv(MODEL_ENV, str(small_model_path))
    assert load_model() is load_model(small_model_path)
    assert predict("Trời mưa to") == predict("Trời mưa to", model=small_model_path)


def test_non_text_is_refused_by_position(small_model_path):
    with pytest.raises(TypeError, match="text 1 is a NoneType"):
        predict(["ok", None], model=small_model_path)
