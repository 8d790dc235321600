"""Training, the model card, reproducibility, and the atomic write of model files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import replace

import joblib
import numpy as np
import pytest
from conftest import write_csv

from report_tagger import TAGS, Config, ReportTaggerError, TaggerModel
from report_tagger.cli import main
from report_tagger.model import train
from report_tagger.tagger import card_path


def test_card_describes_the_model_and_its_data(small_corpus, small_model_path):
    card = json.loads(card_path(small_model_path).read_text("utf-8"))
    assert card["tags"] == list(TAGS)
    data = card["training_data"]
    assert data["sha256"] == hashlib.sha256(small_corpus.read_bytes()).hexdigest()
    assert data["bytes"] == small_corpus.stat().st_size
    assert data["documents"] == 160
    for name in ("python", "report-tagger", "scikit-learn", "pyvi", "joblib", "pandas"):
        assert card["versions"][name]
    thresholds = card["thresholds"]
    assert set(thresholds) == set(TAGS)
    assert all(0 < t < 1 for t in thresholds.values())
    assert any(abs(t - 0.5) > 1e-3 for t in thresholds.values()), "thresholds were not tuned"
    for tag in TAGS:
        row = card["cross_validation"]["per_tag"][tag]
        assert set(row) == {"precision", "recall", "f1", "support"}
        assert row["support"] == data["tag_counts"][tag]
    # The card inside the model file is the one written beside it.
    assert TaggerModel.load(small_model_path).card == card


def test_same_data_and_seed_give_the_same_model(small_corpus, small_model_path, tmp_path):
    again = train(replace(Config(), data_path=small_corpus))
    first = TaggerModel.load(small_model_path)
    texts = ["Công an huyện tổng kết năm, trao Bằng khen", "Giá vàng hôm nay tăng nhẹ"]
    np.testing.assert_array_equal(first.scores(texts), again.scores(texts))
    assert first.card == again.card


def test_failed_write_keeps_the_old_model(small_model_path, tmp_path, monkeypatch):
    target = tmp_path / "model.joblib"
    target.write_bytes(small_model_path.read_bytes())
    before = target.read_bytes()
    model = TaggerModel.load(target)

    def dump_half_then_fail(value, filename):
        with open(filename, "wb") as handle:
            handle.write(b"half a model")
        raise OSError("disk full")

    monkeypatch.setattr(joblib, "dump", dump_half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        model.save(target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.joblib"], "temp file left behind"


def test_training_on_bad_data_leaves_the_old_model(small_model_path, tmp_path, capsys):
    target = tmp_path / "model.joblib"
    target.write_bytes(small_model_path.read_bytes())
    before = target.read_bytes()
    bad = write_csv(tmp_path / "bad.csv", [{"text": "x", "tags": "award"}])
    assert main(["train", "--data", str(bad), "--model", str(target)]) == 2
    error = capsys.readouterr().err
    assert "bad.csv: row 1: unknown tag 'award' (did you mean 'awards'?)" in error
    assert "Traceback" not in error
    assert target.read_bytes() == before


def test_loading_a_missing_or_foreign_file(tmp_path):
    with pytest.raises(ReportTaggerError, match="no model there"):
        TaggerModel.load(tmp_path / "absent.joblib")
    (tmp_path / "junk.joblib").write_bytes(b"not a pickle")
    with pytest.raises(ReportTaggerError, match="not a readable model file"):
        TaggerModel.load(tmp_path / "junk.joblib")
    joblib.dump({"a": 1}, tmp_path / "dict.joblib")
    with pytest.raises(ReportTaggerError, match="holds a dict"):
        TaggerModel.load(tmp_path / "dict.joblib")


def test_saved_scores_equal_the_training_pipeline(small_model_path):
    model = TaggerModel.load(small_model_path)
    texts = [
        "Công an huyện tổng kết năm, trao Bằng khen cho 5 tập thể",
        "Bắt đối tượng vận chuyển ma túy qua biên giới",
        "",
        "Giá vàng hôm nay tăng nhẹ",
    ] * 100  # 400 texts: also the threaded path
    expected = model.pipeline.predict_proba(texts)
    np.testing.assert_allclose(model.scores(texts), expected, rtol=0, atol=1e-12)


def test_tagging_does_not_import_scikit_learn(small_model_path):
    code = (
        "import sys\n"
        "from report_tagger import load_model, predict\n"
        f"predict('Bắt giữ đối tượng trộm cắp', model=load_model({str(small_model_path)!r}))\n"
        "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
