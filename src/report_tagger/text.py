"""Vietnamese text preparation: Unicode and tone-mark normalisation, then pyvi word segmentation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sklearn.base import BaseEstimator, TransformerMixin

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng


def _tone_moves() -> dict[str, str]:
    """Map 'oà'-style spellings (tone on the second vowel) to 'òa' (tone on the first)."""
    moves = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
            for tone in _TONES:
                moved_from = f + unicodedata.normalize("NFC", s + tone)
                moves[moved_from] = unicodedata.normalize("NFC", f + tone) + s
    return moves


_MOVES = _tone_moves()
# Only an open syllable moves its tone (hoà -> hòa, hoàn stays); in 'qu' the u is a consonant.
_MOVABLE = re.compile("(?<![qQ])(" + "|".join(map(re.escape, _MOVES)) + r")(?!\w)")


def normalize(text: str) -> str:
    """NFC, one spelling of tone marks (hòa, thúy, khỏe) and single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _MOVABLE.sub(lambda m: _MOVES[m.group(1)], text)
    return " ".join(text.split())


def segment(text: str) -> str:
    """Normalise, segment into words with pyvi (multi-syllable words joined by '_'), lower-case."""
    from pyvi import ViTokenizer  # loads a CRF model: import only when text is segmented

    return ViTokenizer.tokenize(normalize(text)).lower()


class VietnameseSegmenter(TransformerMixin, BaseEstimator):
    """Stateless transformer: raw texts in, space-separated lower-cased pyvi words out."""

    def fit(self, X: Iterable[str], y=None) -> VietnameseSegmenter:
        return self

    def transform(self, X: Iterable[str]) -> list[str]:
        return [segment(text) for text in X]

    def __sklearn_is_fitted__(self) -> bool:
        return True
