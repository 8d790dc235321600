"""Multi-label accuracy figures: per-tag precision, recall, F1, support; macro-F1; exact match."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from sklearn.metrics import accuracy_score, precision_recall_fscore_support

from .config import TAGS


@dataclass(frozen=True)
class TagScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Scores:
    """Accuracy of predicted tags against gold tags, one row per tag in taxonomy order."""

    per_tag: dict[str, TagScore]
    macro_f1: float
    exact_match: float
    documents: int

    @classmethod
    def compute(cls, y_true: np.ndarray, y_pred: np.ndarray) -> Scores:
        """Scores of a 0/1 prediction matrix against a 0/1 gold matrix (columns: TAGS)."""
        p, r, f, s = precision_recall_fscore_support(y_true, y_pred, zero_division=0)
        per_tag = {
            tag: TagScore(float(p[i]), float(r[i]), float(f[i]), int(s[i]))
            for i, tag in enumerate(TAGS)
        }
        return cls(
            per_tag=per_tag,
            macro_f1=float(np.mean(f)),
            exact_match=float(accuracy_score(y_true, y_pred)),
            documents=len(y_true),
        )

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict) -> Scores:
        """Inverse of to_dict, e.g. for the scores kept in a model card."""
        per_tag = {tag: TagScore(**row) for tag, row in raw["per_tag"].items()}
        return cls(**{**raw, "per_tag": per_tag})

    def table(self) -> str:
        """A plain-text table for terminals and notes."""
        lines = [f"{'tag':<18}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}"]
        for tag, row in self.per_tag.items():
            lines.append(
                f"{tag:<18}{row.precision:>10.3f}{row.recall:>8.3f}{row.f1:>8.3f}{row.support:>9d}"
            )
        lines.append(f"{'macro-F1':<18}{self.macro_f1:>34.3f}")
        lines.append(f"{'exact match':<18}{self.exact_match:>34.3f}")
        lines.append(f"{'documents':<18}{self.documents:>34d}")
        return "\n".join(lines)
