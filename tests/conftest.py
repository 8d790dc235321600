"""Shared fixtures: paths, a small labelled corpus, and the default model trained once per run."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from report_tagger import Config
from report_tagger.model import train

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "labels" / "dev.jsonl"
BAOMOI = SHARED / "corpus" / "baomoi-2017.jsonl.gz"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_dev = pytest.mark.skipif(not DEV.is_file(), reason="../shared/labels/dev.jsonl is absent")
needs_baomoi = pytest.mark.skipif(not BAOMOI.is_file(), reason="../shared/corpus is absent")


def write_csv(path: Path, rows: list[dict]) -> Path:
    """Write rows (dicts with the same keys) as a UTF-8 CSV and return its path."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """The first 160 documents of data/reports.csv: enough of every tag to train in seconds."""
    with (ROOT / "data" / "reports.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:160]
    return write_csv(tmp_path_factory.mktemp("data") / "small.csv", rows)


@pytest.fixture(scope="session")
def small_model_path(small_corpus, tmp_path_factory) -> Path:
    """A model trained on small_corpus, for tests of the machinery rather than of accuracy."""
    path = tmp_path_factory.mktemp("models") / "small.joblib"
    train(replace(Config(), data_path=small_corpus)).save(path)
    return path


@pytest.fixture(scope="session")
def default_model_path(tmp_path_factory) -> Path:
    """The default model: default settings trained on data/reports.csv, as `report-tagger train`."""
    path = tmp_path_factory.mktemp("models") / "report_tagger.joblib"
    train(Config()).save(path)
    return path
