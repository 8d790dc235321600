"""The project's own corpus, data/reports.csv: size, label mix, lengths, and originality."""

from __future__ import annotations

import gzip
import json
import re
import statistics
import unicodedata
from collections import Counter

import pandas as pd
import pytest
from conftest import BAOMOI, DEV, ROOT, needs_baomoi

from report_tagger import TAGS
from report_tagger.corpus import load_corpus

REPORTS = ROOT / "data" / "reports.csv"
SHINGLE = 10  # words per sequence compared with the real articles
MAX_SHARED = 0.05  # share of a document's sequences that may also occur in a real article


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REPORTS)


@pytest.fixture(scope="module")
def frame():
    return pd.read_csv(REPORTS, dtype=str, keep_default_na=False)


def test_size_and_label_mix(corpus):
    labels = corpus.label_matrix()
    per_doc = labels.sum(axis=1)
    assert len(corpus) >= 1500
    for tag, count in zip(TAGS, labels.sum(axis=0)):
        assert count >= 400, f"{tag}: {count} documents"
    tagged = per_doc > 0
    assert (per_doc >= 2).sum() / tagged.sum() >= 0.25, "too few documents with 2-3 tags"
    assert (~tagged).mean() >= 0.30, "too few documents with no tag"
    for combo in ((0, 1), (0, 2), (1, 2), (0, 1, 2)):
        both = labels[:, list(combo)].all(axis=1).sum()
        assert both >= 20, f"only {both} documents carry {[TAGS[i] for i in combo]}"


def test_lengths(frame):
    words = (frame["title"] + " " + frame["text"]).str.split().str.len()
    assert words.min() >= 40
    assert words.max() <= 900
    assert 200 <= statistics.median(words) <= 300
    assert (words < 120).sum() >= 75, "too few headline-plus-lead documents"
    assert (words > 550).sum() >= 75, "too few long documents"


def test_genres_are_varied(frame):
    genres = Counter(frame["genre"])
    assert len([g for g, n in genres.items() if n >= 20]) >= 6, genres.most_common()
    assert genres.most_common(1)[0][1] / len(frame) <= 0.5


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def _shingles(text: str) -> set[int]:
    words = _words(text)
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _real_texts():
    with gzip.open(BAOMOI, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            yield f"{article.get('title', '')} {article.get('text', '')}"
    if DEV.is_file():
        with DEV.open(encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                yield f"{article.get('title', '')} {article.get('text', '')}"


@needs_baomoi
def test_no_document_is_copied_from_real_articles(frame):
    ours = {row.id: _shingles(f"{row.title} {row.text}") for row in frame.itertuples()}
    wanted = set().union(*ours.values())
    found = set()
    for text in _real_texts():
        words = _words(text)
        for i in range(len(words) - SHINGLE + 1):
            key = hash(tuple(words[i : i + SHINGLE]))
            if key in wanted:
                found.add(key)
    copied = {
        doc: round(len(grams & found) / len(grams), 3)
        for doc, grams in ours.items()
        if grams and len(grams & found) / len(grams) >= MAX_SHARED
    }
    assert not copied, f"documents sharing >= {MAX_SHARED:.0%} of 10-word sequences: {copied}"
