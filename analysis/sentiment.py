"""Sentiment toward a target: how the text portrays one actor mention.

The polarity of a mention is measured on its *scope*: the clause that governs the
mention in the dependency parse, with the clauses hanging off it that are about
something else (coordinated, adverbial, relative and parenthetical clauses not holding
the mention) and the mention's own words left out. "The heroic mayor saved the town
while the corrupt governor stole its money" gives "The heroic saved the town" for the
mayor and "while the corrupt stole its money" for the governor — not one score for the
whole sentence.

Three backends score a scope, selectable by name (`get_backend`):

- `vader` — VADER's compound score (the `vaderSentiment` package, lexicon bundled);
- `textblob` — TextBlob's pattern-lexicon polarity (`TextBlob(text).sentiment` only:
  its sentence and word splitting would need NLTK corpora, which are never downloaded;
  spaCy does the segmentation here);
- `trained` — a logistic regression trained on the NewsMTSC training split (Hamborg &
  Donnay, EACL 2021; MIT licence) over scope n-grams, lexicon scores of scope and
  sentence, the governing verb and its reporting-cue stance, the mention's syntactic
  role and negation. Shipped as plain JSON (`analysis/models/sentiment.json`);
  `analysis.sentiment_model.train_sentiment` rebuilds it.

`target_polarity(doc, start, end)` returns a `Polarity`; `DEFAULT_BACKEND` is the
backend that scores best on the NewsMTSC dev set (benchmarks/sentiment.py).

The per-actor aggregation (`actor_sentiment_table`, `actor_summary`, `camp_summary`)
works on plain records — one per mention (portrayal) or per attribution (voice) — so it
does not depend on how actors are found.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

LABELS = ("negative", "neutral", "positive")
BACKENDS = ("trained", "vader", "textblob")

#: Dependency labels of clauses that hang off a clause and are about something else:
#: left out of the scope unless they hold the mention. Relative clauses stay in ("the
#: senator, who lied, ..." describes the senator); cross-validated on NewsMTSC train.
SIDE_CLAUSES = frozenset({"conj", "advcl", "parataxis", "ccomp", "csubj"})
#: A clause head: a verb or auxiliary that is not itself an auxiliary of another verb.
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_AUX_DEPS = frozenset({"aux", "auxpass"})


@dataclass(frozen=True)
class Polarity:
    """Sentiment toward one target mention.

    `score` runs from -1 (negative) to +1 (positive); `label` is one of LABELS;
    `scope_start`/`scope_end` are character offsets of the scoped clause (its first and
    last token, so the mention and side clauses inside it are not shown separately)."""

    score: float
    label: str
    scope_start: int
    scope_end: int
    backend: str


# --------------------------------------------------------------------------- scope


def mention_span(doc: Doc, start: int, end: int) -> Span:
    """The tokens covering characters start..end (expanded to whole tokens)."""
    if not any(not t.is_space for t in doc):
        raise ValueError("no target in an empty document")
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        # Offsets in whitespace or past the end: take the nearest token.
        tokens = [t for t in doc if not t.is_space and t.idx + len(t.text) > start]
        nearest = tokens[0] if tokens else [t for t in doc if not t.is_space][-1]
        span = doc[nearest.i : nearest.i + 1]
    return span


def governing_clause(mention: Span) -> Token:
    """The head of the clause the mention belongs to: the first verb (not an
    auxiliary) above the mention's root, or the sentence root."""
    token = mention.root
    while True:
        if token.pos_ in _CLAUSE_POS and token.dep_ not in _AUX_DEPS:
            if token.i < mention.start or token.i >= mention.end:
                return token
        if token.head.i == token.i:
            return token
        token = token.head


def scope_tokens(doc: Doc, start: int, end: int) -> tuple[list[Token], Span, Token]:
    """(tokens of the scope in order, the mention, the clause head).

    The scope is the subtree of the governing clause's head, minus side clauses that do
    not hold the mention, minus the mention's own tokens, punctuation and whitespace."""
    mention = mention_span(doc, start, end)
    head = governing_clause(mention)
    inside = set(range(mention.start, mention.end))
    left_out: set[int] = set(inside)
    for token in head.subtree:
        if token.i == head.i or token.dep_ not in SIDE_CLAUSES:
            continue
        if token.dep_ == "conj" and token.pos_ not in _CLAUSE_POS:
            continue  # coordinated nouns ("Facebook, and Infowars") stay in
        subtree = {t.i for t in token.subtree}
        if subtree & inside:
            continue
        if _clause_of(token).i != head.i:
            continue  # handled when its own governing clause is visited
        left_out |= subtree
    words = [t for t in head.subtree if t.i not in left_out and not t.is_space and not t.is_punct]
    if not words:  # a bare mention ("MORGAN:"): fall back to the rest of its sentence
        words = [t for t in mention.sent if t.i not in inside and not t.is_space and not t.is_punct]
    return words, mention, head


def _clause_of(token: Token) -> Token:
    """The clause head a side clause hangs off (first clause head above it)."""
    parent = token.head
    while parent.head.i != parent.i and not (
        parent.pos_ in _CLAUSE_POS and parent.dep_ not in _AUX_DEPS
    ):
        parent = parent.head
    return parent


def scope_text(words: Sequence[Token]) -> str:
    return " ".join(t.text for t in words)


def _scope_bounds(words: Sequence[Token], mention: Span) -> tuple[int, int]:
    if not words:
        return mention.start_char, mention.end_char
    first, last = words[0], words[-1]
    return min(first.idx, mention.start_char), max(last.idx + len(last.text), mention.end_char)


# --------------------------------------------------------------------------- backends


@dataclass(frozen=True)
class Backend:
    """A named scorer: `score(doc, start, end) -> (score, label, scope_start, scope_end)`."""

    name: str
    score: Callable[[Doc, int, int], tuple[float, str, int, int]]


@functools.cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_lexicon() -> Mapping[str, float]:
    """VADER's word → valence lexicon (about −4 … +4), as bundled with vaderSentiment."""
    return _vader().lexicon


def vader_scores(text: str) -> dict[str, float]:
    """VADER's neg/neu/pos/compound for a text ('' scores neutral)."""
    if not text.strip():
        return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    return _vader().polarity_scores(text)


def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob (polarity, subjectivity) of a text; only `.sentiment` is used."""
    if not text.strip():
        return 0.0, 0.0
    # The pattern analyser TextBlob(text).sentiment calls, without building a blob
    # (same numbers, a third of the time).
    from textblob.en import sentiment as pattern_sentiment

    polarity, subjectivity = pattern_sentiment(text)
    return float(polarity), float(subjectivity)


def _label(score: float, threshold: float) -> str:
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"


#: Neutral band of the lexicon backends: |score| below it is neutral. Chosen on the
#: NewsMTSC training split, where any non-zero lexicon score is best taken at face value
#: (macro-F1 of the scoped clause: VADER 0.541 at 0.01 vs 0.539 at the usual 0.05;
#: TextBlob 0.420 vs 0.413).
VADER_THRESHOLD = 0.01
TEXTBLOB_THRESHOLD = 0.01


def _score_vader(doc: Doc, start: int, end: int) -> tuple[float, str, int, int]:
    words, mention, _ = scope_tokens(doc, start, end)
    score = vader_scores(scope_text(words))["compound"]
    return (score, _label(score, VADER_THRESHOLD), *_scope_bounds(words, mention))


def _score_textblob(doc: Doc, start: int, end: int) -> tuple[float, str, int, int]:
    words, mention, _ = scope_tokens(doc, start, end)
    score = textblob_scores(scope_text(words))[0]
    return (score, _label(score, TEXTBLOB_THRESHOLD), *_scope_bounds(words, mention))


def _score_trained(doc: Doc, start: int, end: int) -> tuple[float, str, int, int]:
    from analysis.sentiment_model import load_model, target_features

    words, mention, head = scope_tokens(doc, start, end)
    probabilities = load_model().predict_proba(target_features(doc, words, mention, head))
    label = max(probabilities, key=probabilities.__getitem__)
    score = probabilities["positive"] - probabilities["negative"]
    return (score, label, *_scope_bounds(words, mention))


_BACKENDS: dict[str, Backend] = {
    "vader": Backend("vader", _score_vader),
    "textblob": Backend("textblob", _score_textblob),
    "trained": Backend("trained", _score_trained),
}

#: The backend with the best macro-F1 on NewsMTSC dev_rw (benchmarks/RESULTS.md).
DEFAULT_BACKEND = "trained"


def get_backend(name: str | None = None) -> Backend:
    """The backend called `name` (default DEFAULT_BACKEND); ValueError if unknown."""
    name = name or DEFAULT_BACKEND
    try:
        return _BACKENDS[name]
    except KeyError:
        raise ValueError(
            f"unknown sentiment backend {name!r}; choose one of {', '.join(BACKENDS)}"
        ) from None


def target_polarity(doc: Doc, start: int, end: int, backend: str | None = None) -> Polarity:
    """Polarity toward the target at characters start..end of a parsed doc."""
    chosen = get_backend(backend)
    score, label, scope_start, scope_end = chosen.score(doc, start, end)
    score = max(-1.0, min(1.0, float(score)))
    return Polarity(round(score, 4), label, scope_start, scope_end, chosen.name)


def text_polarity(text: str, backend: str = "vader") -> float:
    """Polarity of a whole text (e.g. an actor's quoted words) with a lexicon backend:
    VADER compound or TextBlob polarity, in [-1, 1]. The trained backend scores
    targets, not free text, so it falls back to VADER here."""
    if backend == "textblob":
        return textblob_scores(text)[0]
    return vader_scores(text)["compound"]


# --------------------------------------------------------------------------- aggregation


@dataclass(frozen=True)
class SentimentRecord:
    """One score about one actor: a mention's portrayal or an attribution's voice."""

    article_id: str
    actor: str
    camp: str | None
    score: float


def _get(record: Any, name: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def _records(records: Iterable[Any]) -> list[SentimentRecord]:
    out = []
    for record in records:
        actor = _get(record, "actor")
        score = _get(record, "score")
        if actor is None or score is None or (isinstance(score, float) and math.isnan(score)):
            continue
        camp = _get(record, "camp")
        out.append(SentimentRecord(str(_get(record, "article_id")), str(actor), camp, float(score)))
    return out


ACTOR_SENTIMENT_COLUMNS = (
    "article_id",
    "actor",
    "camp",
    "mentions",
    "polarity",
    "portrayal",
    "portrayal_label",
    "quotes",
    "voice",
    "backend",
)


def actor_sentiment_table(
    portrayals: Iterable[Any],
    voices: Iterable[Any],
    backend: str,
    article_portrayals: Mapping[tuple[str, str], tuple[float, str]] | None = None,
) -> list[dict[str, Any]]:
    """Rows of actor_sentiment.csv: per article and actor, the number of mentions and
    their mean polarity (`polarity`), the article-level `portrayal` (−1…1) and
    `portrayal_label` from `article_portrayals` ((article_id, actor) → (score, label),
    made by `analysis.portrayal`; without it, the mean polarity and no label), the
    number of the actor's attributions and the mean polarity of its quoted words
    (`voice`), and the backend. A mean over no records is None. Rows sorted by
    article, then actor."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}

    def group(record: SentimentRecord) -> dict[str, Any]:
        key = (record.article_id, record.actor)
        if key not in groups:
            groups[key] = {"camp": record.camp, "portrayal": [], "voice": []}
        if groups[key]["camp"] is None:
            groups[key]["camp"] = record.camp
        return groups[key]

    for record in _records(portrayals):
        group(record)["portrayal"].append(record.score)
    for record in _records(voices):
        group(record)["voice"].append(record.score)
    rows = []
    for (article_id, actor), values in sorted(groups.items()):
        polarity = _mean(values["portrayal"])
        if article_portrayals is None:
            portrayal, label = polarity, None
        else:
            portrayal, label = article_portrayals.get((article_id, actor), (None, None))
        rows.append(
            {
                "article_id": article_id,
                "actor": actor,
                "camp": values["camp"],
                "mentions": len(values["portrayal"]),
                "polarity": polarity,
                "portrayal": portrayal,
                "portrayal_label": label,
                "quotes": len(values["voice"]),
                "voice": _mean(values["voice"]),
                "backend": backend,
            }
        )
    return rows


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def bootstrap_interval(
    values_by_article: Mapping[str, Sequence[float]],
    *,
    resamples: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float | None, float | None]:
    """Percentile bootstrap interval of the mean score, resampling whole articles
    (mentions in one article are not independent); with a single article, its
    mentions are resampled instead. Seeded, so the same input gives the same interval."""
    clusters = [list(v) for _, v in sorted(values_by_article.items()) if v]
    if not clusters:
        return None, None
    if len(clusters) == 1:
        clusters = [[value] for value in clusters[0]]
    if len(clusters) == 1:
        return None, None
    rng = np.random.default_rng(seed)
    sums = np.array([sum(c) for c in clusters], dtype=float)
    sizes = np.array([len(c) for c in clusters], dtype=float)
    n = len(clusters)
    picks = rng.integers(0, n, size=(resamples, n))  # one resample per row, vectorised
    means = np.sort(sums[picks].sum(axis=1) / sizes[picks].sum(axis=1))
    tail = (1 - level) / 2
    low = float(means[int(math.floor(tail * (resamples - 1)))])
    high = float(means[int(math.ceil((1 - tail) * (resamples - 1)))])
    return round(low, 4), round(high, 4)


SUMMARY_COLUMNS = (
    "mentions",
    "articles",
    "portrayal",
    "portrayal_low",
    "portrayal_high",
    "quotes",
    "voice",
    "voice_low",
    "voice_high",
)


def _summary(
    portrayals: list[SentimentRecord],
    voices: list[SentimentRecord],
    key: Callable[[SentimentRecord], str | None],
    min_mentions: int,
    resamples: int,
    seed: int,
    min_quotes: int | None = None,
) -> dict[str, dict[str, Any]]:
    by_key: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(
        lambda: {"portrayal": defaultdict(list), "voice": defaultdict(list)}
    )
    for measure, records in (("portrayal", portrayals), ("voice", voices)):
        for record in records:
            name = key(record)
            if name is not None:
                by_key[name][measure][record.article_id].append(record.score)
    out: dict[str, dict[str, Any]] = {}
    for name, measures in sorted(by_key.items()):
        row: dict[str, Any] = {}
        for measure, count_name in (("portrayal", "mentions"), ("voice", "quotes")):
            per_article = measures[measure]
            values = [v for vs in per_article.values() for v in vs]
            row[count_name] = len(values)
            if measure == "portrayal":
                row["articles"] = len(
                    set(per_article) | {a for a in measures["voice"] if measures["voice"][a]}
                )
            least = min_mentions if measure == "portrayal" or min_quotes is None else min_quotes
            if len(values) >= least and values:
                low, high = bootstrap_interval(per_article, resamples=resamples, seed=seed)
                row[measure], row[f"{measure}_low"], row[f"{measure}_high"] = (
                    _mean(values),
                    low,
                    high,
                )
            else:
                row[measure] = row[f"{measure}_low"] = row[f"{measure}_high"] = None
        out[name] = {column: row[column] for column in SUMMARY_COLUMNS}
    return out


def actor_summary(
    portrayals: Iterable[Any],
    voices: Iterable[Any],
    *,
    min_mentions: int = 3,
    resamples: int = 2000,
    seed: int = 0,
    min_quotes: int | None = None,
) -> list[dict[str, Any]]:
    """Corpus-level sentiment per actor: counts, mean portrayal and voice, and their
    bootstrap 95% intervals. Means and intervals are None for an actor with fewer than
    `min_mentions` portrayal records (or `min_quotes` quotes, default the same, for
    voice): too few to say anything. The portrayal records may be one per mention or
    one per article (the article-level portrayal); the count is `mentions` either way."""
    portrayal_records, voice_records = _records(portrayals), _records(voices)
    camps: dict[str, str | None] = {}
    for record in portrayal_records + voice_records:
        if camps.get(record.actor) is None:
            camps[record.actor] = record.camp
    table = _summary(
        portrayal_records,
        voice_records,
        lambda r: r.actor,
        min_mentions,
        resamples,
        seed,
        min_quotes,
    )
    return [{"actor": a, "camp": camps.get(a), **row} for a, row in table.items()]


def camp_summary(
    portrayals: Iterable[Any],
    voices: Iterable[Any],
    *,
    min_mentions: int = 3,
    resamples: int = 2000,
    seed: int = 0,
    min_quotes: int | None = None,
) -> list[dict[str, Any]]:
    """As `actor_summary`, pooled per camp (records without a camp are left out)."""
    table = _summary(
        _records(portrayals),
        _records(voices),
        lambda r: r.camp,
        min_mentions,
        resamples,
        seed,
        min_quotes,
    )
    return [{"camp": c, **row} for c, row in table.items()]
