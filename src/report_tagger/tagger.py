"""A trained tagger as it is saved, loaded and used: numpy arrays, no scikit-learn needed.

Training (model.py) fits a scikit-learn pipeline; `TaggerModel.from_pipeline` keeps what tagging
needs (the n-gram index, idf weights, one linear model per tag, the thresholds) and the pipeline
itself as pickled bytes, unpickled only when asked for (`.pipeline`, e.g. by the notebook). So
loading a model and tagging a text imports numpy and pandas, not scikit-learn and scipy.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np

from .errors import ReportTaggerError
from .ngrams import NgramIndex
from .text import segment

_MIN_CHUNK = 256  # texts per thread, below which threads cost more than they save


@dataclass
class TaggerModel:
    """Per-tag scores in [0, 1] for raw texts, the thresholds that turn them into tags, and the
    model card. Scores equal the training pipeline's `predict_proba` (tested)."""

    tags: tuple[str, ...]
    thresholds: np.ndarray
    index: NgramIndex
    idf: np.ndarray
    sublinear_tf: bool
    coef: np.ndarray
    intercept: np.ndarray
    word_segmentation: bool
    card: dict
    pipeline_bytes: bytes = field(repr=False)

    @classmethod
    def from_pipeline(cls, pipeline, card: dict) -> TaggerModel:
        """Keep what tagging needs from a fitted [words ->] tfidf -> clf pipeline."""
        tfidf, classifier = pipeline.named_steps["tfidf"], pipeline.named_steps["clf"]
        estimators = classifier.ovr_.estimators_
        return cls(
            tags=tuple(map(str, classifier.classes_)),
            thresholds=np.asarray(classifier.thresholds_, dtype=float),
            index=tfidf.ngram_index_,
            idf=tfidf.idf_,
            sublinear_tf=tfidf.sublinear_tf,
            coef=np.vstack([e.coef_.ravel() for e in estimators]),
            intercept=np.array([e.intercept_[0] for e in estimators]),
            word_segmentation="words" in pipeline.named_steps,
            card=card,
            pipeline_bytes=pickle.dumps(pipeline, protocol=pickle.HIGHEST_PROTOCOL),
        )

    @property
    def pipeline(self):
        """The scikit-learn pipeline the model was trained as (imports scikit-learn)."""
        return pickle.loads(self.pipeline_bytes)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Per-tag scores in [0, 1], one row per text; a large batch is shared among threads
        (one per core), since most of the work is numpy, which runs without the GIL."""
        texts = list(texts)
        threads = os.cpu_count() or 1
        size = max(_MIN_CHUNK, -(-len(texts) // threads))
        chunks = [texts[start : start + size] for start in range(0, len(texts), size)]
        if len(chunks) < 2:
            return self._scores(texts)
        self._scores(texts[:1])  # builds the lazy hash tables before threads share them
        with ThreadPoolExecutor(max_workers=threads) as pool:
            return np.vstack(list(pool.map(self._scores, chunks)))

    def _scores(self, texts: list[str]) -> np.ndarray:
        if self.word_segmentation:
            texts = [segment(text) for text in texts]
        rows, columns, values = self.index.tfidf(texts, self.idf, self.sublinear_tf)
        logits = np.column_stack(
            [np.bincount(rows, values * w[columns], minlength=len(texts)) for w in self.coef]
        )
        return 1 / (1 + np.exp(-(logits + self.intercept)))

    def save(self, path: str | Path) -> None:
        """Write the model and its JSON card atomically: a failure leaves the old files whole."""
        path = Path(path)
        _atomic_write(path, lambda tmp: joblib.dump(self, tmp))
        card = json.dumps(self.card, ensure_ascii=False, indent=2) + "\n"
        _atomic_write(card_path(path), lambda tmp: tmp.write_text(card, encoding="utf-8"))

    @classmethod
    def load(cls, path: str | Path) -> TaggerModel:
        path = Path(path)
        if not path.is_file():
            raise ReportTaggerError(
                f"{path}: no model there; train one with `report-tagger train --model {path}`"
            )
        try:
            model = joblib.load(path)
        except Exception as error:  # a corrupt or foreign file can fail in many ways
            raise ReportTaggerError(f"{path}: not a readable model file: {error}") from error
        if not isinstance(model, cls):
            raise ReportTaggerError(f"{path}: holds a {type(model).__name__}, not a TaggerModel")
        return model


def card_path(model_path: Path) -> Path:
    """Where the JSON model card of a model file lives: beside it."""
    return model_path.with_suffix(".card.json")


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)  # mkstemp makes files private; a model is meant to be shared
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
