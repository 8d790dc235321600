"""Tag texts with a trained model: `predict("...")` for one text, `predict([...])` for many."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import overload

from .config import Config
from .tagger import TaggerModel

MODEL_ENV = "REPORT_TAGGER_MODEL"


@dataclass(frozen=True)
class Prediction:
    """Tags (taxonomy order), per-tag scores in [0, 1], and the primary tag or None ("other")."""

    tags: list[str]
    scores: dict[str, float]
    primary: str | None

    def to_dict(self) -> dict:
        return asdict(self)


def default_model_path() -> Path:
    """$REPORT_TAGGER_MODEL if set, else the project's models/report_tagger.joblib."""
    return Path(os.environ.get(MODEL_ENV) or Config().model_path)


@lru_cache(maxsize=4)
def _load_cached(path: Path, modified: float) -> TaggerModel:
    return TaggerModel.load(path)


def load_model(path: str | Path | None = None) -> TaggerModel:
    """Load a model (the default one without arguments), once per process and file version."""
    path = Path(path) if path is not None else default_model_path()
    resolved = path.resolve()
    modified = resolved.stat().st_mtime if resolved.is_file() else 0.0
    return _load_cached(resolved, modified)


@overload
def predict(texts: str, model: TaggerModel | str | Path | None = None) -> Prediction: ...
@overload
def predict(
    texts: Sequence[str], model: TaggerModel | str | Path | None = None
) -> list[Prediction]: ...


def predict(texts, model=None):
    """Tag one text (returns a Prediction) or a sequence of texts (returns a list, same order)."""
    single = isinstance(texts, str)
    batch = [texts] if single else list(texts)
    for i, text in enumerate(batch):
        if not isinstance(text, str):
            raise TypeError(f"text {i} is a {type(text).__name__}, not a str")
    if not isinstance(model, TaggerModel):
        model = load_model(model)
    results = []
    if batch:
        scores = model.scores(batch)
        over = scores >= model.thresholds
        for row, on in zip(scores, over):
            tags = [tag for tag, hit in zip(model.tags, on) if hit]
            primary = max(tags, key=lambda tag: row[model.tags.index(tag)]) if tags else None
            results.append(Prediction(tags, dict(zip(model.tags, map(float, row))), primary))
    return results[0] if single else results
