"""Text preparation: one spelling for the same Vietnamese word, and pyvi segmentation."""

from __future__ import annotations

import pickle
import unicodedata

import pytest
from sklearn.base import clone

from report_tagger.text import VietnameseSegmenter, normalize, segment


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Hoà Bình", "Hòa Bình"),
        ("thuý", "thúy"),
        ("khoẻ", "khỏe"),
        ("HOÀ", "HÒA"),
        ("Thuỵ Điển", "Thụy Điển"),
        ("hoàn thành", "hoàn thành"),  # closed syllable: the tone already sits on 'a'
        ("quý", "quý"),  # 'qu' is a consonant: the tone stays on 'y'
        ("hòa", "hòa"),
    ],
)
def test_tone_marks_have_one_spelling(written, expected):
    assert normalize(written) == expected


def test_decomposed_unicode_and_spacing_are_normalised():
    decomposed = unicodedata.normalize("NFD", "Công  an\ttỉnh")
    assert normalize(decomposed) == "Công an tỉnh"


def test_segment_joins_words_and_lowercases():
    words = segment("Công an tỉnh Quảng Nam tổ chức hội nghị sơ kết").split()
    assert "công_an" in words
    assert "hội_nghị" in words
    assert all(word == word.lower() for word in words)
    assert segment("sức khoẻ") == segment("Sức khỏe")


def test_segmenter_is_a_picklable_stateless_transformer():
    segmenter = clone(VietnameseSegmenter())
    restored = pickle.loads(pickle.dumps(segmenter.fit(["x"])))
    assert restored.transform(["Hoà Bình"]) == segmenter.transform(["Hòa Bình"])
