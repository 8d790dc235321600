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
_MOVABLE = re.compile(
    "(?<![qQ])[oOuU][" + "".join(sorted({pair[1] for pair in _MOVES})) + r"](?!\w)"
)


def normalize(text: str) -> str:
    """NFC and one spelling of tone marks (hòa, thúy, khỏe); case and spacing are kept."""
    text = unicodedata.normalize("NFC", text)
    return _MOVABLE.sub(lambda m: _MOVES.get(m.group(0), m.group(0)), text)


def segment(text: str) -> str:
    """Normalise, segment into words with pyvi (multi-syllable words joined by '_'), lower-case."""
    from pyvi import ViTokenizer  # loads a CRF model: import only when text is segmented

    return ViTokenizer.tokenize(normalize(text)).lower()


class VietnameseText(TransformerMixin, BaseEstimator):
    """Stateless transformer: raw texts in, normalised lower-cased texts out.

    With `word_segmentation`, words are found by pyvi (the reference, about 70 articles a second
    per core); without it, syllables stay apart and n-grams of syllables stand in for words.
    """

    def __init__(self, word_segmentation: bool = False):
        self.word_segmentation = word_segmentation

    def fit(self, X: Iterable[str], y=None) -> VietnameseText:
        return self

    def transform(self, X: Iterable[str]) -> list[str]:
        if self.word_segmentation:
            return [segment(text) for text in X]
        return [normalize(text).lower() for text in X]

    def __sklearn_is_fitted__(self) -> bool:
        return True
