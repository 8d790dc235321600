"""The fast TF-IDF transform gives exactly scikit-learn's TfidfVectorizer matrix."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from sklearn.feature_extraction.text import TfidfVectorizer

from report_tagger.features import TOKEN_PATTERN, FastTfidfVectorizer
from report_tagger.text import prepare

EDGE_CASES = [
    "",
    "!!! ...",
    "a",
    "😀 công an 😀",
    "x_y 𝐀𝐁 ｆｕｌｌ 2024 İstanbul",
    "trộm\ncắp\ttài\u00a0sản",
    "HOÀ BÌNH Hoà hoà oÀ QUÝ quý Thuỵ khoẻ",  # tone spellings that prepare rewrites
    "Ho\u0300a Bi\u0300nh",  # decomposed
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    frame = pd.read_csv(ROOT / "data" / "reports.csv", dtype=str, keep_default_na=False)
    return (frame["title"] + "\n" + frame["text"]).tolist()[:600]


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (1, 3), (2, 3)])
def test_transform_equals_scikit_learn(texts, ngram_range):
    settings = dict(ngram_range=ngram_range, min_df=2, max_df=0.9, sublinear_tf=True)
    fast = FastTfidfVectorizer(**settings).fit(texts[:400])
    reference = TfidfVectorizer(
        preprocessor=prepare, token_pattern=TOKEN_PATTERN, lowercase=False, **settings
    )
    reference.fit(texts[:400])
    unseen = texts[400:] + EDGE_CASES
    expected = reference.transform(unseen)
    got = fast.transform(unseen)
    assert got.shape == expected.shape
    assert abs(got - expected).max() < 1e-12
    assert fast.vocabulary_ == reference.vocabulary_
    one_by_one = [fast.transform([text]) for text in unseen[:50]]
    assert all(abs(row - expected[i]).max() < 1e-12 for i, row in enumerate(one_by_one))


def test_fitted_vectorizer_pickles_and_handles_empty_input(texts):
    fast = FastTfidfVectorizer(ngram_range=(1, 2), min_df=2).fit(texts[:200])
    restored = pickle.loads(pickle.dumps(fast))
    np.testing.assert_array_equal(
        restored.transform(texts[200:220]).toarray(), fast.transform(texts[200:220]).toarray()
    )
    assert fast.transform([]).shape == (0, len(fast.vocabulary_))
