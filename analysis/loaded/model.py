"""The trained loaded-word tagger: a logistic regression over the token features of
`features.py`, shipped as JSON (`analysis/models/loaded_tagger.json`).

The file holds `weights` (feature name → weight), `intercept`, the decision
`threshold` (tuned on the dev split, see the card `analysis/models/loaded_tagger.md`)
and `meta` (training data, settings, figures). Format 2 adds `tensor_weights`: one
weight per dimension of spaCy's contextual token vector (`doc.tensor`, the tok2vec
output), which gives words never seen in training a signal from their context and
form. It may also hold `vector_mlp`: a small neural network (one hidden layer) over
the same token vector alone; the tagger's probability is then the geometric mean of the
linear model's and the network's, so a word is marked only when both lean that way.
Format 3 adds `word_piece_dims`: the token vector is then followed by that many floats
of the word's static word-piece vector (`pieces.py`: what the word means, which the
form-based token vector does not say), in both the linear model and the network.
Loading it needs neither scikit-learn nor pickle; a document is scored in one
vectorised step (numpy), not token by token.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import sys
import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from analysis.config import package_data
from analysis.loaded.features import Features, WordKey, doc_feature_parts, word_features
from analysis.loaded.lexicon import LoadedLexicon

MODEL_FILE = "models/loaded_tagger.json"
FORMAT_VERSION = 3
READABLE_FORMATS = (1, 2, 3)


class LoadedModelError(ValueError):
    """A loaded-tagger model file that cannot be used; the message says why."""


def _blas_controller() -> Any:
    """threadpoolctl's view of the BLAS libraries loaded now. A library imported later
    (SciPy brings its own OpenBLAS, and the kit imports SciPy only for the corpus
    tables) needs a new view, so it is rebuilt when more modules are loaded."""
    return _controller_for(len(sys.modules))


@functools.lru_cache(maxsize=1)
def _controller_for(module_count: int) -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # not installed: BLAS keeps its own thread count
        return None
    return ThreadpoolController()


def one_blas_thread() -> contextlib.AbstractContextManager:
    """Run the block with BLAS on one thread. A document's products are small: with
    a BLAS thread per core they spend more time handing work between threads than
    computing, and they compete with the other worker processes of `--jobs N` for the
    same cores. One thread also gives the same sums on every machine, whatever its core
    count (several threads split them differently: last-bit differences, ~1e-17)."""
    controller = _blas_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


#: Distinct words whose summed weights a tagger remembers (a few MB at most).
WORD_MEMO_SIZE = 200_000


class _Linear:
    """A logistic regression over named features, scored for many rows at once."""

    def __init__(self, weights: Mapping[str, float], intercept: float):
        self._words: dict[WordKey, float] = {}
        self.index = dict(zip(weights, range(len(weights)), strict=True))
        self.vector = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
        self.intercept = intercept

    def probabilities(
        self, rows: Sequence[Features], extra: np.ndarray | None = None
    ) -> np.ndarray:
        """P = sigmoid(features · weights + intercept (+ `extra`, per row logits))."""
        get = self.index.get
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        total = int(lengths.sum())
        # (`map` over the chained rows: the same arrays as a generator, built in C)
        columns = np.fromiter(
            map(get, itertools.chain.from_iterable(rows), itertools.repeat(-1)),
            dtype=np.int64,
            count=total,
        )
        values = np.fromiter(
            itertools.chain.from_iterable(row.values() for row in rows),
            dtype=np.float64,
            count=total,
        )
        row_ids = np.repeat(np.arange(len(rows)), lengths)
        known = columns >= 0
        logits = np.bincount(
            row_ids[known],
            weights=self.vector[columns[known]] * values[known],
            minlength=len(rows),
        )
        if extra is not None:
            logits = logits + extra
        return 1.0 / (1.0 + np.exp(-(logits + self.intercept)))

    def word_logit(self, key: WordKey) -> float:
        """The weight of the features of a word alone (`features.word_features`),
        summed once per distinct word and remembered."""
        logit = self._words.get(key)
        if logit is None:
            index, vector = self.index, self.vector
            logit = 0.0
            for name, value in word_features(key):
                column = index.get(name)
                if column is not None:
                    logit += vector[column] * value
            if len(self._words) < WORD_MEMO_SIZE:
                self._words[key] = logit
        return logit

    def probabilities_of_parts(
        self,
        keys: Sequence[WordKey],
        rows: Sequence[Features],
        extra: np.ndarray | None = None,
    ) -> np.ndarray:
        """`probabilities` for rows given as `features.doc_feature_parts` gives them:
        the word's own features by key (weighed once per distinct word), the rest as
        names. The same numbers up to the order of a sum (last bits)."""
        words = np.fromiter(map(self.word_logit, keys), dtype=np.float64, count=len(keys))
        return self.probabilities(rows, words if extra is None else words + extra)


@dataclass(frozen=True)
class VectorMLP:
    """P(loaded | token vector): standardise, one ReLU hidden layer, a logistic output
    (the weights of a scikit-learn `MLPClassifier`, stored as plain lists)."""

    mean: np.ndarray
    std: np.ndarray
    hidden_weights: np.ndarray  # (dims, hidden)
    hidden_bias: np.ndarray
    output_weights: np.ndarray  # (hidden,)
    output_bias: float

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> VectorMLP:
        mlp = cls(
            mean=np.asarray(data["mean"], dtype=np.float64),
            std=np.asarray(data["std"], dtype=np.float64),
            hidden_weights=np.asarray(data["hidden_weights"], dtype=np.float64),
            hidden_bias=np.asarray(data["hidden_bias"], dtype=np.float64),
            output_weights=np.asarray(data["output_weights"], dtype=np.float64),
            output_bias=float(data["output_bias"]),
        )
        dims, hidden = mlp.hidden_weights.shape
        if mlp.mean.shape != (dims,) or mlp.std.shape != (dims,):
            raise ValueError("vector_mlp: mean/std do not match the hidden weights")
        if mlp.hidden_bias.shape != (hidden,) or mlp.output_weights.shape != (hidden,):
            raise ValueError("vector_mlp: biases/output do not match the hidden weights")
        return mlp

    def as_dict(self) -> dict[str, Any]:
        def rounded(array: np.ndarray) -> list:
            return np.round(array, 6).tolist()

        return {
            "mean": rounded(self.mean),
            "std": rounded(self.std),
            "hidden_weights": rounded(self.hidden_weights),
            "hidden_bias": rounded(self.hidden_bias),
            "output_weights": rounded(self.output_weights),
            "output_bias": round(self.output_bias, 6),
        }

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        z = (vectors.astype(np.float64) - self.mean) / self.std
        hidden = np.maximum(z @ self.hidden_weights + self.hidden_bias, 0.0)
        return 1.0 / (1.0 + np.exp(-(hidden @ self.output_weights + self.output_bias)))


@dataclass
class LoadedTagger:
    """Token-level loaded-word classifier: P(loaded | features) per word token, a
    logistic regression over each token's features (`weights`, `intercept`)."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)
    seconds: float = field(default=0.0, compare=False)  # time spent scoring (run.json)
    #: weights of the token-vector dimensions (`doc.tensor`); empty: not used
    tensor_weights: list[float] = field(default_factory=list)
    #: the network over token vectors (None: the linear model alone)
    vector_mlp: VectorMLP | None = None
    #: the last `word_piece_dims` of `tensor_weights` (and of the network's input) are
    #: the word's word-piece vector (`pieces.py`), the rest `doc.tensor`; 0: not used
    word_piece_dims: int = 0

    def __post_init__(self) -> None:
        self._linear = _Linear(self.weights, self.intercept)
        self._tensor = np.asarray(self.tensor_weights, dtype=np.float64)
        if self.vector_mlp is not None and not self._tensor.size:
            self._tensor = np.zeros(self.vector_mlp.mean.size)  # vectors still needed

    def probabilities(
        self,
        rows: Sequence[Features],
        vectors: np.ndarray | None = None,
        word_keys: Sequence[WordKey] | None = None,
    ) -> np.ndarray:
        """P(loaded) for each feature row (and its token vector, one row of `vectors`,
        when the model uses them), computed for all rows at once. With `word_keys`,
        the rows hold only the features beyond the word's own (`doc_feature_parts`)."""
        extra = None
        with one_blas_thread():
            if self._tensor.size:
                if vectors is None or vectors.shape != (len(rows), self._tensor.size):
                    raise LoadedModelError(
                        f"this tagger needs a {self._tensor.size}-float token vector per row"
                    )
                extra = vectors.astype(np.float64) @ self._tensor
            if word_keys is None:
                linear = self._linear.probabilities(rows, extra)
            else:
                linear = self._linear.probabilities_of_parts(word_keys, rows, extra)
            if self.vector_mlp is None:
                return linear
            return np.sqrt(linear * self.vector_mlp.probabilities(vectors))

    def token_vectors(self, doc: Doc, indices: Sequence[int]) -> np.ndarray | None:
        """The doc's token vectors for `indices`, rounded to float16 as the parse cache
        stores them (so a cold and a cached parse score alike), followed by each word's
        word-piece vector when the model uses them; None when it uses no vectors. A doc
        without token vectors (parsed by a pipeline without tok2vec) gets zeros there,
        with a warning: its scores then rest on the other features only."""
        if not self._tensor.size:
            return None
        rows = np.asarray(indices, dtype=np.int64)
        dims = self._tensor.size - self.word_piece_dims
        tensor = doc.tensor
        if tensor.ndim != 2 or tensor.shape != (len(doc), dims):
            warnings.warn(
                "loaded-word tagger: the doc has no token vectors (doc.tensor); "
                "parse with the kit's pipeline (analysis.nlp) to use them",
                stacklevel=3,
            )
            vectors = np.zeros((len(rows), dims), dtype=np.float32)
        else:
            vectors = tensor[rows].astype(np.float16).astype(np.float32)
        if not self.word_piece_dims:
            return vectors
        from analysis.loaded.pieces import load_word_pieces

        pieces = load_word_pieces()
        if pieces.dims != self.word_piece_dims:
            raise LoadedModelError(
                f"this tagger needs {self.word_piece_dims} word-piece dimensions, the "
                f"shipped table has {pieces.dims}: retrain it (framing train loaded)"
            )
        return np.hstack([vectors, pieces.vectors([doc[int(i)].text for i in rows])])

    def score_doc(
        self,
        doc: Doc,
        lexicon: LoadedLexicon | None = None,
        categories: Mapping[int, str] | None = None,
    ) -> tuple[list[int], np.ndarray]:
        """(token indices, P(loaded)) for every word token of a parsed document
        (`categories`: the lexicon categories by token, when the caller has them)."""
        clock = time.perf_counter()
        indices, keys, rows = doc_feature_parts(doc, lexicon, categories)
        vectors = self.token_vectors(doc, indices)
        probabilities = self.probabilities(rows, vectors, keys) if rows else np.zeros(0)
        self.seconds += time.perf_counter() - clock
        return indices, probabilities

    def loaded_tokens(
        self,
        doc: Doc,
        lexicon: LoadedLexicon | None = None,
        categories: Mapping[int, str] | None = None,
    ) -> dict[int, float]:
        """Token index → probability, for the tokens at or above the threshold."""
        indices, probabilities = self.score_doc(doc, lexicon, categories)
        return {
            i: float(p) for i, p in zip(indices, probabilities, strict=True) if p >= self.threshold
        }


def model_path() -> Path:
    return package_data(MODEL_FILE)


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a model file (the card records it; a test checks it)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_model(path: str | Path) -> LoadedTagger:
    """A tagger from a model file; raises LoadedModelError when it cannot be used."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") not in READABLE_FORMATS:
            raise LoadedModelError(
                f"{path}: format {data.get('format')!r}, expected one of {READABLE_FORMATS}"
            )
        return LoadedTagger(
            weights=_checked_weights(data["weights"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            meta=dict(data.get("meta") or {}),
            tensor_weights=[float(v) for v in data.get("tensor_weights") or []],
            vector_mlp=VectorMLP.from_dict(data["vector_mlp"]) if data.get("vector_mlp") else None,
            word_piece_dims=int(data.get("word_piece_dims") or 0),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        if isinstance(error, LoadedModelError):
            raise
        raise LoadedModelError(f"{path}: not a loaded-tagger model ({error})") from None


def _checked_weights(weights: Any) -> dict[str, float]:
    """The feature weights as JSON gives them (string keys, numbers), checked in one
    pass of numpy rather than copied feature by feature (220,000 of them: 0.2 s of every
    run's start)."""
    if not isinstance(weights, dict):
        raise TypeError("'weights' is not an object")
    np.fromiter(weights.values(), dtype=np.float64, count=len(weights))  # each a number
    return weights


@functools.cache
def load_tagger(path: str | None = None) -> LoadedTagger:
    """The shipped tagger (or the one at `path`), read once per process."""
    return read_model(path or model_path())


def write_model(tagger: LoadedTagger, path: str | Path) -> None:
    """Write a tagger as JSON, atomically, with stable key order (byte-identical
    output for identical training)."""
    from analysis.outputs import write_atomic

    data = {
        "format": FORMAT_VERSION,
        "intercept": round(tagger.intercept, 6),
        "threshold": round(tagger.threshold, 4),
        "meta": tagger.meta,
        "tensor_weights": [round(float(v), 6) for v in tagger.tensor_weights],
        "word_piece_dims": tagger.word_piece_dims,
        "vector_mlp": tagger.vector_mlp.as_dict() if tagger.vector_mlp is not None else None,
        "weights": {k: round(v, 5) for k, v in sorted(tagger.weights.items())},
    }
    write_atomic(
        Path(path),
        lambda out: (
            json.dump(data, out, ensure_ascii=False, separators=(",", ":")),
            out.write("\n"),
        ),
    )
