"""Find a fitted vocabulary's n-grams in texts without a Python loop over tokens.

A batch of texts becomes one array of code points (NFC, lower-cased); runs of word characters are
found and hashed with numpy and looked up in hash indexes of the vocabulary, where each token is
also indexed under the tone spellings that `text.prepare` would have rewritten to it, so the
counts equal those of scikit-learn's analyzer on prepared text. Tokens are matched by a 64-bit
hash, so an unseen token could in theory be taken for a known one; the chance is about 1e-10
per batch of ordinary text. `NgramIndex.tfidf` weighs the counts as scikit-learn's
TfidfVectorizer does (l2-normalised rows). Needs only numpy and pandas, so tagging starts fast.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from .text import tone_spellings

TOKEN_PATTERN = r"\w+"
_BASE = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_INVERSE = np.uint64(pow(int(_BASE), -1, 2**64))
_MIN_TABLE = 1 << 20  # power tables are built at least this long, then grown on demand
_BMP_WORD = np.array([chr(c).isalnum() or chr(c) == "_" for c in range(0x10000)])
_powers: list[tuple[np.ndarray, np.ndarray]] = [(np.empty(0, np.uint64),) * 2]


def _power_tables(size: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i modulo 2**64 for i < size, grown on demand and kept per process
    (replaced whole, so threads never see one table grown and the other not)."""
    if _powers[0][0].size < size:
        size = max(size, _MIN_TABLE)
        one = np.ones(1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            _powers[0] = tuple(
                np.concatenate([one, np.cumprod(np.full(size - 1, base), dtype=np.uint64)])
                for base in (_BASE, _INVERSE)
            )
    return _powers[0]


def token_hash(token: str) -> int:
    """The hash `FastTfidfVectorizer` gives a token: sum of code point * BASE**position."""
    value = 0
    for position, char in enumerate(token):
        value = (value + ord(char) * pow(int(_BASE), position, 2**64)) % 2**64
    return value


def _tokens(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets and hashes of the runs of word characters in text."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    word = np.zeros(points.size + 1, dtype=bool)
    small = points < 0x10000
    word[:-1][small] = _BMP_WORD[points[small]]
    for i in np.flatnonzero(~small):  # outside the BMP: rare, checked one by one
        word[i] = chr(points[i]).isalnum()
    edges = np.diff(word.astype(np.int8), prepend=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    forward, inverse = _power_tables(points.size + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(points.size + 1, dtype=np.uint64)
        np.cumsum(points.astype(np.uint64) * forward[: points.size], out=prefix[1:])
        hashes = (prefix[ends] - prefix[starts]) * inverse[starts]
    return starts, hashes


_BATCH = 256  # documents tokenised together


class NgramIndex:
    """Hash indexes of a vocabulary ({n-gram: column}) for counting its n-grams in texts."""

    def __init__(self, vocabulary: dict[str, int], ngram_range: tuple[int, int]):
        self.ngram_range = tuple(ngram_range)
        self.n_features = len(vocabulary)
        grams = [(feature.split(" "), column) for feature, column in vocabulary.items()]
        tokens = sorted({token for words, _ in grams for token in words})
        token_id = {token: i for i, token in enumerate(tokens)}
        spellings = [(s, i) for t, i in token_id.items() for s in [t, *tone_spellings(t)]]
        self.token_index = pd.Index(np.array([token_hash(s) for s, _ in spellings], np.uint64))
        self.token_ids = np.array([i for _, i in spellings], dtype=np.int64)
        self.token_count = len(tokens)
        width, longest = len(tokens) + 1, self.ngram_range[1]
        if width**longest * (longest + 1) >= 2**63:
            raise ValueError(f"{len(tokens)} tokens are too many for {self.ngram_range} keys")
        keys = []
        for words, _ in grams:
            key = 0
            for token in words:
                key = key * width + token_id[token]
            keys.append(key + len(words) * width**longest)
        self.gram_index = pd.Index(np.array(keys, dtype=np.int64))
        self.gram_columns = np.array([column for _, column in grams], dtype=np.int64)

    def counts(self, documents: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of every vocabulary n-gram found, sorted by row, then column."""
        width = self.n_features
        keys = [
            rows.astype(np.int64) * width + columns + first * width
            for first in range(0, len(documents), _BATCH)
            for rows, columns in [self._columns(documents[first : first + _BATCH])]
        ]
        cells, counts = np.unique(np.concatenate(keys or [[]]).astype(np.int64), return_counts=True)
        rows, columns = np.divmod(cells, width)
        return rows, columns, counts

    def tfidf(
        self, documents: list[str], idf: np.ndarray, sublinear_tf: bool
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, value) of the TF-IDF matrix with l2-normalised rows, in `counts` order."""
        rows, columns, counts = self.counts(documents)
        values = np.log(counts) + 1 if sublinear_tf else counts.astype(np.float64)
        values *= idf[columns]
        norms = np.sqrt(np.bincount(rows, values**2, minlength=len(documents)))
        values /= np.where(norms > 0, norms, 1)[rows]
        return rows, columns, values

    def _columns(self, documents: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(document row, feature column) for every n-gram occurrence found in the vocabulary."""
        prepared = [unicodedata.normalize("NFC", d).lower() for d in documents]
        starts, hashes = _tokens("\n".join(prepared))
        offsets = np.cumsum([0] + [len(d) + 1 for d in prepared[:-1]])
        doc = np.searchsorted(offsets, starts, side="right") - 1
        found = self.token_index.get_indexer(hashes)
        ids = np.where(found >= 0, self.token_ids[found], -1)

        width = self.token_count + 1
        top = width ** self.ngram_range[1]
        rows, columns = [], []
        for n in range(self.ngram_range[0], self.ngram_range[1] + 1):
            count = ids.size - n + 1
            if count <= 0:
                continue
            valid = np.ones(count, dtype=bool)
            key = np.zeros(count, dtype=np.int64)
            for k in range(n):
                part = ids[k : k + count]
                valid &= (part >= 0) & (doc[k : k + count] == doc[:count])
                key = key * width + part
            at = self.gram_index.get_indexer(key[valid] + n * top)
            hit = at >= 0
            rows.append(doc[:count][valid][hit])
            columns.append(self.gram_columns[at[hit]])
        return np.concatenate(rows or [[]]), np.concatenate(columns or [[]])
