"""Read and validate labelled or unlabelled corpora (CSV, JSONL, Parquet) into texts and tags."""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .config import TAGS
from .errors import ReportTaggerError


def _read_jsonl(path: Path) -> pd.DataFrame:
    """One JSON object a line; a bad line is named by its number."""
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ReportTaggerError(f"{path}: line {number}: invalid JSON: {error}") from error
            if not isinstance(record, dict):
                raise ReportTaggerError(f"{path}: line {number}: expected a JSON object")
            records.append(record)
    return pd.DataFrame.from_records(records)


_READERS = {
    ".csv": lambda p: pd.read_csv(p, dtype=str, keep_default_na=False),
    ".jsonl": _read_jsonl,
    ".parquet": pd.read_parquet,
}
_MAX_LISTED = 10


@dataclass(frozen=True)
class Corpus:
    """Documents from one file: ids, texts (title joined to text) and, if labelled, tag lists."""

    path: Path
    ids: list[str]
    texts: list[str]
    tags: list[list[str]] | None

    def __len__(self) -> int:
        return len(self.texts)

    def label_matrix(self) -> np.ndarray:
        """0/1 matrix, one column per tag in taxonomy order."""
        if self.tags is None:
            raise ReportTaggerError(f"{self.path}: no 'tags' column, so it cannot be used here")
        return tag_matrix(self.tags)

    def check_trainable(self, min_examples: int) -> None:
        """Refuse a corpus in which a tag has too few positive or negative examples to train."""
        counts = self.label_matrix().sum(axis=0)
        problems = [
            f"tag '{tag}' has {n} document(s) with it and {len(self) - n} without;"
            f" training needs at least {min_examples} of each"
            for tag, n in zip(TAGS, counts)
            if min(n, len(self) - n) < min_examples
        ]
        if problems:
            raise ReportTaggerError(f"{self.path}: " + "; ".join(problems))


def tag_matrix(tag_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Tag lists -> 0/1 matrix with one column per tag in taxonomy order."""
    from sklearn.preprocessing import MultiLabelBinarizer  # scikit-learn only when labels are

    return MultiLabelBinarizer(classes=list(TAGS)).fit_transform(tag_lists)


def _rows(index: Sequence[int]) -> str:
    """'rows 2, 5, 9' (1-based data rows, header not counted), shortened when long."""
    shown = ", ".join(str(i + 1) for i in index[:_MAX_LISTED])
    more = f" and {len(index) - _MAX_LISTED} more" if len(index) > _MAX_LISTED else ""
    return f"row{'s' if len(index) > 1 else ''} {shown}{more}"


def _read(path: Path) -> pd.DataFrame:
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise ReportTaggerError(
            f"{path}: unsupported file type '{path.suffix}'; use {', '.join(_READERS)}"
        )
    if not path.is_file():
        raise ReportTaggerError(f"{path}: no such file")
    try:
        frame = reader(path)
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise ReportTaggerError(f"{path}: cannot be read as {path.suffix[1:]}: {error}") from error
    return frame.reset_index(drop=True)


def _as_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def _parse_tags(value: object) -> list[str] | None:
    """A list of tags, or a ';'-separated string; None when the value is neither."""
    if isinstance(value, str):
        return [tag.strip() for tag in value.split(";") if tag.strip()]
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, (list, tuple, np.ndarray)) and all(isinstance(t, str) for t in value):
        return [tag.strip() for tag in value if tag.strip()]
    return None


def _check_tags(path: Path, column: pd.Series) -> list[list[str]]:
    parsed = [_parse_tags(value) for value in column]
    errors = []
    malformed = [i for i, tags in enumerate(parsed) if tags is None]
    if malformed:
        errors.append(
            f"{_rows(malformed)}: field 'tags' must be a list of strings or a ';'-separated string"
        )
    unknown: dict[str, list[int]] = {}
    for i, tags in enumerate(parsed):
        for tag in tags or []:
            if tag not in TAGS:
                unknown.setdefault(tag, []).append(i)
    for tag, index in unknown.items():
        close = difflib.get_close_matches(tag, TAGS, n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        errors.append(
            f"{_rows(index)}: unknown tag '{tag}'{hint}; known tags are {', '.join(TAGS)}"
        )
    if errors:
        raise ReportTaggerError(f"{path}: " + "; ".join(errors))
    return [[tag for tag in TAGS if tag in tags] for tags in parsed]


def load_corpus(path: str | Path, *, labelled: bool = True) -> Corpus:
    """Read a corpus file and refuse bad data with an error naming the file, rows and problem."""
    path = Path(path)
    frame = _read(path)
    required = ["text", "tags"] if labelled else ["text"]
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ReportTaggerError(
            f"{path}: missing column(s) {', '.join(repr(c) for c in missing)};"
            f" found {', '.join(repr(str(c)) for c in frame.columns) or 'none'}"
        )
    if frame.empty:
        raise ReportTaggerError(f"{path}: no rows")

    bodies = [_as_text(value) for value in frame["text"]]
    empty = [i for i, body in enumerate(bodies) if not body]
    if empty:
        raise ReportTaggerError(f"{path}: {_rows(empty)}: field 'text' is empty")
    titles = [_as_text(v) for v in frame["title"]] if "title" in frame else [""] * len(frame)
    texts = [f"{title}\n{body}" if title else body for title, body in zip(titles, bodies)]

    if "id" in frame:
        ids = [_as_text(value) for value in frame["id"]]
        no_id = [i for i, value in enumerate(ids) if not value]
        if no_id:
            raise ReportTaggerError(f"{path}: {_rows(no_id)}: field 'id' is empty")
        seen: dict[str, list[int]] = {}
        for i, value in enumerate(ids):
            seen.setdefault(value, []).append(i)
        duplicates = [f"id '{v}' in {_rows(rows)}" for v, rows in seen.items() if len(rows) > 1]
        if duplicates:
            raise ReportTaggerError(f"{path}: duplicate id: {'; '.join(duplicates)}")
    else:
        ids = [str(i + 1) for i in range(len(frame))]

    tags = _check_tags(path, frame["tags"]) if labelled else None
    return Corpus(path=path, ids=ids, texts=texts, tags=tags)
