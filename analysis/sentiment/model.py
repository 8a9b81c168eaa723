"""The trained sentiment backend: features of a target mention, the model file, and
how it is trained.

The model is a multinomial logistic regression (scikit-learn) over sparse features of
one target mention in its sentence:

- words (lemmas, lower case) and word pairs of the *scope* — the clause governing the
  mention without side clauses and the mention itself (`analysis.sentiment.scope.scope_tokens`),
  with words after a negation marked;
- the words modifying the mention ("the *corrupt* governor", appositions), and the words
  right before and after it;
- the words of the whole sentence (a weaker, separate namespace);
- the clause head's lemma, its reporting-cue stance class (`analysis.lexicons`), the
  mention's syntactic role, whether the mention is a pronoun or inside a quotation;
- lexicon scores: VADER (compound, positive, negative) and TextBlob (polarity,
  subjectivity) of the scope and of the sentence.

It is trained only on the NewsMTSC training split (Hamborg & Donnay, EACL 2021; MIT
licence; see `analysis/models/README.md`) and shipped as JSON — labels, intercepts and a
weight vector per feature — so loading it needs neither scikit-learn nor pickle.
`train_sentiment(train_path, out_path)` rebuilds it in about a minute on two cores
(scikit-learn is needed only then).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, ORTH
from spacy.tokens import Doc, Span, Token

from analysis.config import package_data
from analysis.lexicons import reporting_cues
from analysis.sentiment.scope import scope_tokens
from analysis.sentiment.scorers import textblob_scores, vader_scores

MODEL_FILE = "models/sentiment.json"
FORMAT_VERSION = 1
LABELS = ("negative", "neutral", "positive")
#: Settings of the shipped model, chosen by 5-fold cross-validation on the training
#: split (grouped by sentence); see `cross_validate`.
DEFAULT_C = 0.1

_NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "nor", "neither"})
_QUOTES = frozenset('"“”‘’«»')
_MODIFIER_DEPS = frozenset({"amod", "appos", "acl", "relcl", "compound", "nmod", "poss", "prep"})


def _lemma(token: Token) -> str:
    if token.like_num:
        return "<num>"
    return token.lemma_.lower() if token.lemma_ else token.text.lower()


#: Key of `_doc_words`' per-document columns in `doc.user_data`.
_WORDS_KEY = "framing_sentiment_words"


def _doc_words(doc: Doc) -> tuple[list[str], list[bool], list[str]]:
    """Per token of the doc: its `_lemma`, whether it is a word (neither punctuation nor
    space), and its text. Read once per document and kept in `doc.user_data`: every
    mention of a sentence reads the whole sentence, and an article has dozens."""
    cached = doc.user_data.get(_WORDS_KEY)
    if cached is not None and len(cached[0]) == len(doc):
        return cached
    strings = doc.vocab.strings
    array = doc.to_array([LEMMA, ORTH, LIKE_NUM, IS_PUNCT, IS_SPACE]).tolist()
    texts = [strings[orth] for _, orth, _, _, _ in array]
    lemmas = [
        "<num>" if num else (strings[lemma].lower() if lemma else text.lower())
        for (lemma, _, num, _, _), text in zip(array, texts, strict=True)
    ]
    is_word = [not (punct or space) for _, _, _, punct, space in array]
    doc.user_data[_WORDS_KEY] = cached = (lemmas, is_word, texts)
    return cached


def lexicon_fingerprint() -> str:
    """SHA-256 of the bundled reporting-cue lexicon: the stance features depend on it,
    so the model records the lexicon it was trained with (retrain after editing it)."""
    return hashlib.sha256(package_data("lexicons/reporting_verbs.csv").read_bytes()).hexdigest()


@functools.cache
def _cue_stances() -> dict[str, str]:
    return {cue: entry.stance for (cue, kind), entry in reporting_cues().items() if kind == "verb"}


def target_features(
    doc: Doc, words: Sequence[Token], mention: Span, head: Token
) -> dict[str, float]:
    """Sparse features of one target mention (name -> value)."""

    features: dict[str, float] = {"bias": 1.0}
    inside = set(range(mention.start, mention.end))

    # Scope words and pairs, negation-marked after a negator.
    negated = False
    previous = "<s>"
    lemmas, is_word, texts = _doc_words(doc)
    for token in words:
        lemma = lemmas[token.i]
        if lemma in _NEGATIONS or token.dep_ == "neg":
            negated = True
            features["neg"] = 1.0
        marked = f"NOT_{lemma}" if negated and lemma not in _NEGATIONS else lemma
        features[f"s:{marked}"] = 1.0
        features[f"s2:{previous}_{lemma}"] = 1.0
        previous = lemma
    features[f"s2:{previous}_</s>"] = 1.0
    features["scope_len"] = min(len(words), 40) / 40

    # Words modifying the mention itself.
    root = mention.root
    for child in root.children:
        if child.i in inside or child.dep_ not in _MODIFIER_DEPS:
            continue
        for token in child.subtree:
            if is_word[token.i] and token.i not in inside:
                features[f"m:{lemmas[token.i]}"] = 1.0

    # Neighbouring words.
    for offset in (1, 2, 3):
        if mention.start - offset >= 0:
            features[f"l{offset}:{lemmas[mention.start - offset]}"] = 1.0
        if mention.end - 1 + offset < len(doc):
            features[f"r{offset}:{lemmas[mention.end - 1 + offset]}"] = 1.0

    # The whole sentence, mention left out.
    sentence = mention.sent
    in_sentence = range(sentence.start, sentence.end)
    for i in in_sentence:
        if is_word[i] and i not in inside:
            features[f"w:{lemmas[i]}"] = 1.0

    # Syntax: clause head, its stance as a reporting cue, the mention's role.
    head_lemma = _lemma(head)
    stance = _cue_stances().get(head_lemma, "none")
    role = root.dep_ if root.head.i != root.i else "ROOT"
    features[f"head:{head_lemma}"] = 1.0
    features[f"stance:{stance}"] = 1.0
    features[f"role:{role}"] = 1.0
    features[f"role_stance:{role}_{stance}"] = 1.0
    features[f"role_head:{role}_{head_lemma}"] = 1.0
    if any(child.dep_ == "neg" for child in head.children):
        features["head_negated"] = 1.0
    if root.pos_ == "PRON":
        features["pronoun"] = 1.0
    # (A span's text, not doc.text: spaCy rebuilds doc.text on every access.)
    before = doc[sentence.start : mention.start].text
    if sum(ch in _QUOTES for ch in before) % 2 == 1:
        features["in_quote"] = 1.0

    # Lexicon scores of the scope and of the sentence.
    scope = " ".join(t.text for t in words)
    rest = " ".join(texts[i] for i in in_sentence if i not in inside)
    for name, text in (("scope", scope), ("sent", rest)):
        vader = vader_scores(text)
        polarity, subjectivity = textblob_scores(text)
        features[f"vader_{name}"] = vader["compound"]
        features[f"vader_{name}_pos"] = vader["pos"]
        features[f"vader_{name}_neg"] = vader["neg"]
        features[f"tb_{name}"] = polarity
        features[f"tb_{name}_subj"] = subjectivity
    return features


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class SentimentModel:
    """A linear model read from JSON: per-class intercepts and per-feature weights."""

    labels: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict[str, Any]

    def predict_proba(self, features: dict[str, float]) -> dict[str, float]:
        get = self.weights.get
        if len(self.intercept) == 3:  # the shipped model: the same sums, unrolled
            a, b, c = self.intercept
            for name, value in features.items():
                row = get(name)
                if row is not None:
                    a += row[0] * value
                    b += row[1] * value
                    c += row[2] * value
            totals = [a, b, c]
        else:
            totals = list(self.intercept)
            for name, value in features.items():
                row = get(name)
                if row is not None:
                    for k, weight in enumerate(row):
                        totals[k] += weight * value
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        return {label: e / norm for label, e in zip(self.labels, exps, strict=True)}


def read_model(path: str | Path) -> SentimentModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT_VERSION:
        raise ValueError(f"{path}: not a sentiment model of format {FORMAT_VERSION}")
    return SentimentModel(
        labels=tuple(data["labels"]),
        intercept=tuple(data["intercept"]),
        weights={name: tuple(row) for name, row in data["weights"].items()},
        meta=data.get("meta", {}),
    )


@functools.cache
def load_model() -> SentimentModel:
    """The model shipped with the package (read once per process)."""
    return read_model(package_data(MODEL_FILE))


# --------------------------------------------------------------------------- training


def read_newsmtsc(path: str | Path) -> list[dict[str, Any]]:
    """NewsMTSC records (one JSON object per line)."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def featurize(records: Sequence[dict[str, Any]], nlp=None, batch_size: int = 64):
    """(features per record, parsed docs by sentence): each distinct sentence parsed once."""
    from analysis.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    sentences = list(dict.fromkeys(r["sentence"] for r in records))
    docs = dict(zip(sentences, nlp.pipe(sentences, batch_size=batch_size), strict=True))
    rows = []
    for record in records:
        doc = docs[record["sentence"]]
        words, mention, head = scope_tokens(doc, record["target_from"], record["target_to"])
        rows.append(target_features(doc, words, mention, head))
    return rows, docs


def _fit(rows: Sequence[dict[str, float]], gold: Sequence[str], c: float, seed: int):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
    model.fit(matrix, list(gold))
    return vectorizer, model


def _min_count(rows: Sequence[dict[str, float]], minimum: int) -> list[dict[str, float]]:
    """Drop indicator features seen in fewer than `minimum` records."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    return [{k: v for k, v in row.items() if counts[k] >= minimum} for row in rows]


def cross_validate(
    rows: Sequence[dict[str, float]],
    gold: Sequence[str],
    groups: Sequence[str],
    c_values: Iterable[float] = (0.1, 0.25, 0.5, 1.0, 2.0),
    folds: int = 5,
    seed: int = 0,
) -> dict[float, float]:
    """Macro-F1 of each C over `folds` folds grouped by sentence."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    results = {}
    splitter = GroupKFold(n_splits=folds)
    for c in c_values:
        scores = []
        for train_idx, test_idx in splitter.split(rows, gold, groups):
            vectorizer, model = _fit(
                [rows[i] for i in train_idx], [gold[i] for i in train_idx], c, seed
            )
            predicted = model.predict(vectorizer.transform([rows[i] for i in test_idx]))
            scores.append(
                f1_score(
                    [gold[i] for i in test_idx], predicted, average="macro", labels=list(LABELS)
                )
            )
        results[c] = sum(scores) / len(scores)
    return results


def train_sentiment(
    train_path: str | Path,
    out_path: str | Path,
    seed: int = 0,
    c: float = DEFAULT_C,
    min_count: int = 2,
) -> dict[str, Any]:
    """Train the trained backend on NewsMTSC `train.jsonl` and write it as JSON.

    Returns a summary: records, features kept, training macro-F1, seconds."""
    from sklearn.metrics import f1_score

    started = time.perf_counter()
    records = read_newsmtsc(train_path)
    rows, _ = featurize(records)
    rows = _min_count(rows, min_count)
    gold = [r["gold"] for r in records]
    vectorizer, model = _fit(rows, gold, c, seed)
    labels = [str(label) for label in model.classes_]
    if tuple(labels) != LABELS:
        raise ValueError(f"unexpected labels in {train_path}: {labels}")
    weights = {}
    for j, name in enumerate(vectorizer.feature_names_):
        row = [round(float(model.coef_[k, j]), 5) for k in range(len(labels))]
        if any(abs(w) >= 1e-5 for w in row):
            weights[name] = row
    trained_f1 = f1_score(gold, model.predict(vectorizer.transform(rows)), average="macro")
    meta = {
        "trained_on": Path(train_path).name,
        "records": len(records),
        "seed": seed,
        "C": c,
        "min_count": min_count,
        "class_weight": "balanced",
        "features": len(weights),
        "training_macro_f1": round(float(trained_f1), 4),
        "data": "NewsMTSC (Hamborg & Donnay, EACL 2021), MIT licence",
        "reporting_cues_sha256": lexicon_fingerprint(),
    }
    out = {
        "format": FORMAT_VERSION,
        "labels": labels,
        "intercept": [round(float(v), 5) for v in model.intercept_],
        "weights": dict(sorted(weights.items())),
        "meta": meta,
    }
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    load_model.cache_clear()
    return {**meta, "path": str(out_path), "seconds": round(time.perf_counter() - started, 1)}
