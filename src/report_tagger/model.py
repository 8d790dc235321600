"""The tagger: TF-IDF n-grams -> a thresholded linear classifier per tag; train, save, load."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import joblib
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from .config import TAGS, Config
from .corpus import load_corpus
from .errors import ReportTaggerError
from .features import FastTfidfVectorizer
from .metrics import Scores
from .text import WordSegmenter

_LIBRARIES = ("report-tagger", "scikit-learn", "numpy", "scipy", "pandas", "pyvi", "joblib")
_PROGRESS_EVERY = 500
_MIN_CHUNK = 256  # texts per thread, below which threads cost more than they save


class MultiTagClassifier(ClassifierMixin, BaseEstimator):
    """One binary classifier per tag, each with the decision threshold that maximises its
    F1 on out-of-fold scores (cross-validation on the training data)."""

    def __init__(self, estimator=None, tags: Sequence[str] = TAGS, cv: int = 5, random_state=0):
        self.estimator = estimator
        self.tags = tags
        self.cv = cv
        self.random_state = random_state

    def fit(self, X, Y) -> MultiTagClassifier:
        Y = np.asarray(Y)
        estimator = self.estimator if self.estimator is not None else LogisticRegression()
        ovr = OneVsRestClassifier(estimator)
        folds = KFold(self.cv, shuffle=True, random_state=self.random_state)
        out_of_fold = cross_val_predict(ovr, X, Y, cv=folds, method="predict_proba")
        self.thresholds_ = np.array([_best_f1_threshold(y, s) for y, s in zip(Y.T, out_of_fold.T)])
        self.ovr_ = clone(ovr).fit(X, Y)
        self.classes_ = np.asarray(self.tags)
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Score in [0, 1] per document and tag."""
        return self.ovr_.predict_proba(X)

    def predict(self, X) -> np.ndarray:
        """0/1 matrix: a tag is on where its score reaches its threshold."""
        return (self.predict_proba(X) >= self.thresholds_).astype(int)


def _best_f1_threshold(y_true: np.ndarray, scores: np.ndarray) -> float:
    """The threshold with the highest F1; of several tied ones, the median, so that a flat
    optimum (common on cleanly separable training data) does not pick its lowest edge."""
    precision, recall, thresholds = precision_recall_curve(y_true, scores)
    f1 = 2 * precision[:-1] * recall[:-1] / np.maximum(precision[:-1] + recall[:-1], 1e-12)
    tied = np.flatnonzero(f1 >= f1.max() - 1e-12)
    return float(thresholds[tied[len(tied) // 2]])


def build_head(config: Config) -> Pipeline:
    """The learned part of the pipeline: TF-IDF n-grams -> per-tag classifiers."""
    return Pipeline(
        [
            (
                "tfidf",
                FastTfidfVectorizer(
                    ngram_range=config.ngram_range,
                    min_df=config.min_df,
                    max_df=config.max_df,
                    sublinear_tf=True,
                ),
            ),
            (
                "clf",
                MultiTagClassifier(
                    LogisticRegression(
                        C=config.C,
                        class_weight="balanced",
                        solver="liblinear",
                        random_state=config.seed,
                    ),
                    cv=config.cv_folds,
                    random_state=config.seed,
                ),
            ),
        ]
    )


@dataclass
class TaggerModel:
    """A trained pipeline (raw text in, per-tag scores out) and its model card."""

    pipeline: Pipeline
    card: dict

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(map(str, self.pipeline[-1].classes_))

    @property
    def thresholds(self) -> np.ndarray:
        return self.pipeline[-1].thresholds_

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Per-tag scores in [0, 1], one row per text; a large batch is shared among threads
        (one per core), since most of the work is numpy, which runs without the GIL."""
        texts = list(texts)
        threads = os.cpu_count() or 1
        size = max(_MIN_CHUNK, -(-len(texts) // threads))
        chunks = [texts[start : start + size] for start in range(0, len(texts), size)]
        if len(chunks) < 2:
            return self.pipeline.predict_proba(texts)
        self.pipeline.predict_proba(texts[:1])  # builds lazy lookup tables before threads use them
        with ThreadPoolExecutor(max_workers=threads) as pool:
            return np.vstack(list(pool.map(self.pipeline.predict_proba, chunks)))

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
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _segment(texts: list[str], progress: Callable[[str], None]) -> list[str]:
    segmenter, segmented = WordSegmenter(), []
    for start in range(0, len(texts), _PROGRESS_EVERY):
        segmented += segmenter.transform(texts[start : start + _PROGRESS_EVERY])
        progress(f"segmenting words with pyvi: {len(segmented)}/{len(texts)} documents")
    return segmented


def train(config: Config, progress: Callable[[str], None] = lambda message: None) -> TaggerModel:
    """Fit the tagger on config.data_path; the card carries cross-validated scores."""
    corpus = load_corpus(config.data_path)
    corpus.check_trainable(config.min_examples_per_tag)
    labels = corpus.label_matrix()
    progress(f"read {len(corpus)} documents from {config.data_path}")
    # Segmentation is stateless and slow: done once here, not again in every fold.
    texts = _segment(corpus.texts, progress) if config.word_segmentation else corpus.texts

    progress(f"cross-validating ({config.cv_folds} folds, thresholds tuned inside each fold)")
    folds = KFold(config.cv_folds, shuffle=True, random_state=config.seed)
    out_of_fold = cross_val_predict(
        build_head(config), texts, labels, cv=folds, n_jobs=config.n_jobs
    )
    cv_scores = Scores.compute(labels, out_of_fold)

    progress("fitting the final model on all documents")
    head = build_head(config).fit(texts, labels)
    segmenter = [("words", WordSegmenter())] if config.word_segmentation else []
    pipeline = Pipeline([*segmenter, *head.steps])

    data = config.data_path.read_bytes()
    card = {
        "versions": _versions(),
        "tags": list(TAGS),
        "thresholds": dict(zip(TAGS, map(float, head[-1].thresholds_))),
        "training_data": {
            "path": str(config.data_path),
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
            "documents": len(corpus),
            "tag_counts": dict(zip(TAGS, map(int, labels.sum(axis=0)))),
            "untagged": int((labels.sum(axis=1) == 0).sum()),
        },
        "config": json.loads(json.dumps(asdict(config), default=str)),
        "cross_validation": cv_scores.to_dict(),
        "vocabulary_size": len(head[0].vocabulary_),
    }
    return TaggerModel(pipeline=pipeline, card=card)
