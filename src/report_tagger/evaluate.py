"""Run a model over a labelled corpus and score it: used by the CLI and the notebook."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .corpus import Corpus, tag_matrix
from .metrics import Scores
from .predict import predict
from .tagger import TaggerModel


@dataclass(frozen=True)
class Evaluation:
    """Gold and predicted 0/1 matrices, raw scores, and the accuracy figures they give."""

    corpus: Corpus
    gold: np.ndarray
    predicted: np.ndarray
    scores: np.ndarray
    report: Scores


def evaluate(model: TaggerModel, corpus: Corpus) -> Evaluation:
    """Tag every document of a labelled corpus and compare with its gold tags."""
    results = predict(corpus.texts, model=model)
    gold = corpus.label_matrix()
    predicted = tag_matrix([result.tags for result in results])
    scores = np.array([[result.scores[tag] for tag in model.tags] for result in results])
    return Evaluation(corpus, gold, predicted, scores, Scores.compute(gold, predicted))
