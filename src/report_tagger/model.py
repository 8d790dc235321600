"""Training: TF-IDF n-grams -> a thresholded linear classifier per tag, cross-validated; train()."""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Callable, Sequence
from dataclasses import asdict
from importlib import metadata

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from .config import TAGS, Config
from .corpus import load_corpus
from .features import FastTfidfVectorizer, WordSegmenter
from .metrics import Scores
from .tagger import TaggerModel

_LIBRARIES = ("report-tagger", "scikit-learn", "numpy", "scipy", "pandas", "pyvi", "joblib")
_PROGRESS_EVERY = 500


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
    return TaggerModel.from_pipeline(pipeline, card)
