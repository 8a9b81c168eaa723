"""Training the loaded-word tagger (`framing train loaded`).

Fits a binary logistic regression (scikit-learn, liblinear, L2) on the word tokens of
`train.jsonl` (a token is positive when it overlaps a gold loaded-word span), with the
sparse features of `features.py` and spaCy's contextual token vector (`doc.tensor`,
standardised on the training tokens, then folded back into plain weights), on all
training sentences. The decision threshold is then
tuned on the dev file (when given) for token-level F1 of the whole tagger (lexicons,
scare quotes and model together). scikit-learn is needed only here: the model ships as
JSON (`model.write_model`).

Parses are cached as spaCy DocBin files in the kit's cache folder (keyed by the data
file's hash and the spaCy model), with the token vectors beside them (float16, as the
kit's parse cache keeps them), so a second run skips parsing.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, DocBin

from analysis.config import cache_dir, package_data
from analysis.loaded.features import Features, doc_features
from analysis.loaded.lexicon import LoadedLexicon, default_lexicon
from analysis.loaded.model import LoadedTagger, VectorMLP, file_sha256, write_model
from analysis.loaded.pieces import TABLE_FILE, WordPieces, load_word_pieces

#: Inverse regularisation strength of the first stage (0.1 and 0.3 gave the same dev
#: F1 within 0.01 in exploration; the stronger regularisation keeps the file smaller).
DEFAULT_C = 0.1
#: Scale of the standardised token-vector columns against the sparse indicators (a
#: larger scale regularises them less); 0 leaves the vectors out (a format-1 model).
DEFAULT_TENSOR_SCALE = 1.0
#: The network over token vectors (`model.VectorMLP`): hidden units, L2 penalty and
#: passes over the training tokens of scikit-learn's MLPClassifier (adam, batches of
#: 512); 0 hidden units: no network (the linear model alone).
MLP_HIDDEN = 128
MLP_ALPHA = 1e-3
MLP_EPOCHS = 20
#: Networks fitted with consecutive seeds and averaged (logits), shipped as one wider
#: network: a single network's dev F1 moved by 0.03 with its seed
#: (benchmarks/loaded_seeds.py); the average of five does not depend on one draw.
NETWORKS = 5
#: Features seen fewer times than this in training are dropped.
MIN_COUNT = 2
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.06, 0.61, 0.02))


def read_records(path: str | Path) -> list[dict]:
    """Gold sentences of a loaded-words JSONL file (see eval_loaded.read_gold)."""
    from analysis.eval_loaded import read_gold

    return read_gold(path)


def parse_records(records: Sequence[dict], nlp, data_path: str | Path) -> list[Doc]:
    """spaCy docs of the records' texts, from the DocBin cache when it holds them."""
    from analysis.nlp import model_info

    info = model_info(nlp)
    key = hashlib.sha256(
        Path(data_path).read_bytes() + json.dumps(info, sort_keys=True).encode()
    ).hexdigest()[:16]
    cached = cache_dir() / "loaded_train" / f"{Path(data_path).stem}-{key}.spacy"
    vectors = cached.with_suffix(".tensor.npz")
    if cached.is_file():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
        if len(docs) == len(records):
            _attach_vectors(docs, nlp, vectors)
            return docs
    docs = list(nlp.pipe([r["text"] for r in records], batch_size=256))
    cached.parent.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(docs=docs, store_user_data=False)
    tmp = cached.with_name(cached.name + ".tmp")
    bin_.to_disk(tmp)
    tmp.replace(cached)
    _attach_vectors(docs, nlp, vectors)
    return docs


def _attach_vectors(docs: Sequence[Doc], nlp, path: Path) -> None:
    """Give every doc its token vectors rounded to float16 (what a cached parse of the
    kit carries), from `path` or, when missing or stale, from the pipeline's tok2vec
    (which is all the vectors depend on), then saved to `path`."""
    lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
    data = None
    if path.is_file():
        with np.load(path) as stored:
            if np.array_equal(stored["lengths"], lengths):
                data = stored["data"]
    if data is None:
        tok2vec = nlp.get_pipe("tok2vec")
        data = np.concatenate(
            [doc.tensor for doc in tok2vec.pipe(list(docs), batch_size=256)]
        ).astype(np.float16)
        tmp = path.with_name(path.stem + ".tmp.npz")
        np.savez(tmp, lengths=lengths, data=data)
        tmp.replace(path)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    for doc, start, end in zip(docs, offsets[:-1], offsets[1:], strict=True):
        doc.tensor = data[start:end].astype(np.float32)


def gold_labels(doc: Doc, spans: Sequence[dict], indices: Sequence[int]) -> list[int]:
    """1 for each token (of `indices`) overlapping a gold span, else 0."""
    bounds = [(int(s["start"]), int(s["end"])) for s in spans]
    labels = []
    for i in indices:
        token = doc[i]
        start, end = token.idx, token.idx + len(token.text)
        labels.append(int(any(s < end and start < e for s, e in bounds)))
    return labels


def dataset(
    records: Sequence[dict],
    docs: Sequence[Doc],
    lexicon: LoadedLexicon,
    pieces: WordPieces | None = None,
) -> tuple[list[Features], list[int], np.ndarray]:
    """(feature rows, labels, token vectors) over all word tokens of the records; with
    `pieces`, each token vector is followed by the word's word-piece vector."""
    rows: list[Features] = []
    labels: list[int] = []
    vectors: list[np.ndarray] = []
    for record, doc in zip(records, docs, strict=True):
        indices, features = doc_features(doc, lexicon)
        rows.extend(features)
        labels.extend(gold_labels(doc, record["spans"], indices))
        tensor = doc.tensor[np.asarray(indices, dtype=np.int64)].astype(np.float16)
        if pieces is not None:
            words = pieces.vectors([doc[i].text for i in indices]).astype(np.float16)
            tensor = np.hstack([tensor, words])
        vectors.append(tensor)
    return rows, labels, np.concatenate(vectors) if vectors else np.zeros((0, 0))


def _fit(
    rows: Sequence[Features],
    labels: Sequence[int],
    c: float,
    seed: int,
    min_count: int = MIN_COUNT,
    vectors: np.ndarray | None = None,
    tensor_scale: float = 0.0,
) -> tuple[dict[str, float], float, list[float]]:
    """Weights (feature name → weight, near-zero ones dropped), intercept and
    token-vector weights of an L2 logistic regression (liblinear). The vectors enter
    standardised and times `tensor_scale`; their weights are returned for the raw
    vectors (the standardisation folded into them and into the intercept)."""
    import scipy.sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for row in rows for name in row)
    kept = [{k: v for k, v in row.items() if counts[k] >= min_count} for row in rows]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(kept).tocsr()
    use_vectors = vectors is not None and tensor_scale > 0 and vectors.size > 0
    if use_vectors:
        dense = np.asarray(vectors, dtype=np.float64)
        mean, std = dense.mean(axis=0), dense.std(axis=0) + 1e-6
        scaled = scipy.sparse.csr_matrix((dense - mean) / std * tensor_scale)
        matrix = scipy.sparse.hstack([matrix, scaled]).tocsr()
    matrix.indices = matrix.indices.astype(np.int32)  # liblinear takes 32-bit indices
    matrix.indptr = matrix.indptr.astype(np.int32)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=500, random_state=seed)
    model.fit(matrix, np.asarray(labels))
    names = vectorizer.get_feature_names_out()
    coef = model.coef_[0]
    weights = {
        str(name): float(w)
        for name, w in zip(names, coef[: len(names)], strict=True)
        if abs(w) >= 1e-4
    }
    intercept = float(model.intercept_[0])
    tensor_weights: list[float] = []
    if use_vectors:
        raw = coef[len(names) :] * tensor_scale / std
        intercept -= float((mean * raw).sum())
        tensor_weights = [float(w) for w in raw]
    return weights, intercept, tensor_weights


def _fit_vector_mlp(
    vectors: np.ndarray, labels: Sequence[int], seed: int, hidden: int = MLP_HIDDEN
) -> VectorMLP | None:
    """The network over standardised token vectors (see MLP_HIDDEN)."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    if hidden <= 0 or vectors.size == 0:
        return None
    dense = np.asarray(vectors, dtype=np.float32)
    mean, std = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    model = MLPClassifier(
        hidden_layer_sizes=(hidden,),
        alpha=MLP_ALPHA,
        batch_size=512,
        max_iter=MLP_EPOCHS,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a fixed number of passes
        model.fit((dense - mean) / std, np.asarray(labels))
    return VectorMLP(
        mean=mean.astype(np.float64),
        std=std.astype(np.float64),
        hidden_weights=model.coefs_[0].astype(np.float64),
        hidden_bias=model.intercepts_[0].astype(np.float64),
        output_weights=model.coefs_[1][:, 0].astype(np.float64),
        output_bias=float(model.intercepts_[1][0]),
    )


def merge_networks(networks: Sequence[VectorMLP]) -> VectorMLP:
    """Networks over the same standardised vectors, their logits averaged, as one
    network with all their hidden units (the shipped file format)."""
    return VectorMLP(
        mean=networks[0].mean,
        std=networks[0].std,
        hidden_weights=np.concatenate([m.hidden_weights for m in networks], axis=1),
        hidden_bias=np.concatenate([m.hidden_bias for m in networks]),
        output_weights=np.concatenate([m.output_weights for m in networks]) / len(networks),
        output_bias=float(np.mean([m.output_bias for m in networks])),
    )


def train_loaded(
    train_path: str | Path,
    out_path: str | Path,
    *,
    dev_path: str | Path | None = None,
    seed: int = 0,
    c: float = DEFAULT_C,
    tensor_scale: float = DEFAULT_TENSOR_SCALE,
    mlp_hidden: int = MLP_HIDDEN,
    networks: int = NETWORKS,
    word_pieces: bool = True,
    nlp=None,
) -> dict[str, Any]:
    """Train the tagger on `train_path` and write it to `out_path`; returns a summary.

    A logistic regression over each token's features and token vector (`c`: its inverse
    regularisation strength; `tensor_scale`: see DEFAULT_TENSOR_SCALE), and a network
    over the token vector alone (`mlp_hidden` units, 0: none; `networks` of them fitted
    with seeds `seed`, `seed + 1`, … and averaged); with `word_pieces`, the
    token vector is followed by the word's word-piece vector (`pieces.py`). `dev_path`: gold
    file on which the decision threshold is tuned (token-level F1 of lexicon and model
    together); without it the threshold is 0.5."""
    from analysis.eval_loaded import score_docs
    from analysis.nlp import load_pipeline

    clock = time.perf_counter()
    nlp = nlp or load_pipeline()
    lexicon = default_lexicon()
    records = read_records(train_path)
    docs = parse_records(records, nlp, train_path)
    pieces = load_word_pieces() if word_pieces else None
    piece_dims = pieces.dims if pieces is not None else 0
    rows, labels, vectors = dataset(records, docs, lexicon, pieces)
    parse_and_features = time.perf_counter() - clock

    weights, intercept, tensor_weights = _fit(
        rows, labels, c, seed, vectors=vectors, tensor_scale=tensor_scale
    )
    fitted = [_fit_vector_mlp(vectors, labels, seed + k, mlp_hidden) for k in range(networks)]
    vector_mlp = merge_networks(fitted) if fitted and fitted[0] is not None else None
    tagger = LoadedTagger(
        weights,
        intercept,
        0.5,
        tensor_weights=tensor_weights,
        vector_mlp=vector_mlp,
        word_piece_dims=piece_dims,
    )
    threshold_source = "none (0.5)"
    dev_curve: dict[str, float] = {}
    if dev_path is not None:
        dev_records = read_records(dev_path)
        dev_docs = parse_records(dev_records, nlp, dev_path)
        for threshold in THRESHOLDS:
            tagger.threshold = threshold
            report, _ = score_docs(dev_records, dev_docs, tagger=tagger)
            dev_curve[str(threshold)] = round(report.overall.f1, 4)
        tagger.threshold = float(max(dev_curve, key=dev_curve.get))
        threshold_source = f"dev ({Path(dev_path).name})"

    tagger.meta = {
        "trained_on": Path(train_path).name,
        "train_sha256": file_sha256(train_path),
        "sentences": len(records),
        "tokens": len(labels),
        "positive_tokens": int(sum(labels)),
        "features": len(weights),
        "C": c,
        "tensor_scale": tensor_scale,
        "token_vector_dims": len(tensor_weights) - piece_dims,
        "word_piece_dims": piece_dims,
        "word_piece_table_sha256": (
            file_sha256(package_data(TABLE_FILE)) if pieces is not None else None
        ),
        "vector_mlp": (
            {
                "hidden": mlp_hidden,
                "alpha": MLP_ALPHA,
                "epochs": MLP_EPOCHS,
                "networks": networks,
                "seeds": list(range(seed, seed + networks)),
            }
            if vector_mlp is not None
            else None
        ),
        "min_count": MIN_COUNT,
        "threshold_tuned_on": threshold_source,
        "dev_f1_by_threshold": dev_curve,
        "seed": seed,
        "spacy_model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "spacy_model_version": nlp.meta.get("version", ""),
        "loaded_lexicon_sha256": _lexicon_fingerprint(),
    }
    write_model(tagger, out_path)
    return {
        "out": str(out_path),
        "sha256": file_sha256(out_path),
        "C": c,
        "threshold": tagger.threshold,
        "features": len(weights),
        "dev_f1_at_threshold": dev_curve.get(str(tagger.threshold)),
        "parse_and_features_seconds": round(parse_and_features, 1),
        "total_seconds": round(time.perf_counter() - clock, 1),
    }


def _lexicon_fingerprint() -> str:
    """SHA-256 over the bundled loaded-terms files: the model reads them as features,
    so after editing them, retrain."""
    from analysis.config import package_data
    from analysis.loaded.lexicon import LOADED_FILES

    digest = hashlib.sha256()
    for name in LOADED_FILES:
        digest.update(package_data(f"lexicons/{name}").read_bytes())
    return digest.hexdigest()
