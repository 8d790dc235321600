"""Text preparation: one spelling for the same Vietnamese word, and pyvi segmentation."""

from __future__ import annotations

import pickle
import unicodedata

import pytest
from sklearn.base import clone

from report_tagger.features import WordSegmenter
from report_tagger.text import normalize, prepare, segment, tone_spellings


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


def test_segmenter_is_a_picklable_stateless_transformer():
    step = clone(WordSegmenter())
    restored = pickle.loads(pickle.dumps(step.fit(["x"])))
    assert restored.transform(["Công an Hoà Bình"]) == step.transform(["công an Hòa Bình"])
    assert step.transform(["Công an Hoà Bình"]) == ["công_an hòa_bình"]


@pytest.mark.parametrize("token", ["hòa", "thúy", "khỏe", "quý", "hoàn", "xòa", "òa", "tủy"])
def test_tone_spellings_are_exactly_what_prepare_rewrites(token):
    for spelling in tone_spellings(token):
        assert prepare(spelling) == token
        assert spelling != token
    moved = {w for w in ("hoà", "thuý", "khoẻ", "xoà", "oà", "tuỷ") if prepare(w) == token}
    assert set(tone_spellings(token)) == moved
