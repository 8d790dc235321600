"""Text preparation: one spelling for the same Vietnamese word, and pyvi segmentation."""

from __future__ import annotations

import pickle
import unicodedata

import pytest
from sklearn.base import clone

from report_tagger.text import VietnameseText, normalize, segment


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


def test_decomposed_unicode_is_composed():
    decomposed = unicodedata.normalize("NFD", "Công an tỉnh Hoà Bình")
    assert normalize(decomposed) == "Công an tỉnh Hòa Bình"


def test_segment_joins_words_and_lowercases():
    words = segment("Công an tỉnh Quảng Nam tổ chức hội nghị sơ kết").split()
    assert "công_an" in words
    assert "hội_nghị" in words
    assert all(word == word.lower() for word in words)
    assert segment("sức khoẻ") == segment("Sức khỏe")


@pytest.mark.parametrize("word_segmentation", [False, True])
def test_text_step_is_a_picklable_stateless_transformer(word_segmentation):
    step = clone(VietnameseText(word_segmentation=word_segmentation))
    restored = pickle.loads(pickle.dumps(step.fit(["x"])))
    assert restored.transform(["Công an Hoà Bình"]) == step.transform(["công an Hòa Bình"])
    expected = "công_an hòa_bình" if word_segmentation else "công an hòa bình"
    assert step.transform(["Công an Hoà Bình"]) == [expected]
