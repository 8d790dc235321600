"""Vietnamese text preparation: Unicode and tone-mark normalisation, and pyvi word segmentation."""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng


def _tone_moves() -> dict[str, str]:
    """Map 'oà'-style spellings (tone on the second vowel) to 'òa' (tone on the first)."""
    moves = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for f in (first, first.upper()):
            for s, tone in ((s, tone) for s in (second, second.upper()) for tone in _TONES):
                moved_from = f + unicodedata.normalize("NFC", s + tone)
                moves[moved_from] = unicodedata.normalize("NFC", f + tone) + s
    return moves


_MOVES = _tone_moves()
_UNMOVES = {moved: spelling for spelling, moved in _MOVES.items() if spelling.islower()}
# Only an open syllable moves its tone (hoà -> hòa, hoàn stays); in 'qu' the u is a consonant.
_MOVABLE = re.compile(
    "(?<![qQ])[oOuU][" + "".join(sorted({pair[1] for pair in _MOVES})) + r"](?!\w)"
)


def normalize(text: str) -> str:
    """NFC and one spelling of tone marks (hòa, thúy, khỏe); case and spacing are kept."""
    text = unicodedata.normalize("NFC", text)
    return _MOVABLE.sub(lambda m: _MOVES.get(m.group(0), m.group(0)), text)


def prepare(text: str) -> str:
    """What the features are read from: normalised, then lower-cased."""
    return normalize(text).lower()


def tone_spellings(token: str) -> list[str]:
    """Other lower-case spellings that `prepare` turns into this token (thúy <- thuý)."""
    spelling = _UNMOVES.get(token[-2:])
    if spelling is None or token[-3:-2] == "q":
        return []
    return [token[:-2] + spelling]


def segment(text: str) -> str:
    """Prepare, then join the syllables of each word found by pyvi with '_' (công_an)."""
    from pyvi import ViTokenizer  # loads a CRF model: import only when text is segmented

    return ViTokenizer.tokenize(normalize(text)).lower()
