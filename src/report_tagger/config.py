"""Every setting of report-tagger in one place: the CLI fills it, the library reads it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TAGS: tuple[str, ...] = ("security_review", "awards", "crime_prevention")
"""The taxonomy's tags, in taxonomy order (see TAXONOMY.md)."""

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Config:
    """Training settings; the defaults build the shipped model."""

    data_path: Path = PROJECT_ROOT / "data" / "reports.csv"
    model_path: Path = PROJECT_ROOT / "models" / "report_tagger.joblib"
    seed: int = 0
    word_segmentation: bool = False
    ngram_range: tuple[int, int] = (1, 3)
    min_df: int = 2
    max_df: float = 0.9
    C: float = 10.0
    cv_folds: int = 5
    min_examples_per_tag: int = 10
    n_jobs: int = -1
    """Processes for cross-validation in training (-1: one per core); results do not vary."""
