"""The sentiment backends (`vader`, `textblob`, `trained`, `transformer`) and
`target_polarity`: the polarity toward one target mention, scored on its scope (the
transformer reads the mention's whole sentence); `target_polarities` scores all the
targets of a document at once (the transformer in batches)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from analysis.sentiment.model import load_model, target_features
from analysis.sentiment.scope import _scope_bounds, scope_text, scope_tokens
from analysis.sentiment.scorers import textblob_scores, vader_scores

LABELS = ("negative", "neutral", "positive")
BACKENDS = ("trained", "vader", "textblob", "transformer")


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


Scored = tuple[float, str, int, int]  # (score, label, scope_start, scope_end)


@dataclass(frozen=True)
class Backend:
    """A named scorer: `score(doc, start, end) -> (score, label, scope_start, scope_end)`;
    `score_many(doc, spans)` does the same for many targets at once, where it pays."""

    name: str
    score: Callable[[Doc, int, int], Scored]
    score_many: Callable[[Doc, Sequence[tuple[int, int]]], list[Scored]] | None = None


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
    words, mention, head = scope_tokens(doc, start, end)
    probabilities = load_model().predict_proba(target_features(doc, words, mention, head))
    label = max(probabilities, key=probabilities.__getitem__)
    score = probabilities["positive"] - probabilities["negative"]
    return (score, label, *_scope_bounds(words, mention))


def _sentence_targets(
    doc: Doc, spans: Sequence[tuple[int, int]]
) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
    """Each target as (its sentence's text, start and end within it) and the sentence's
    character offsets in the doc (the transformer's scope)."""
    items, scopes = [], []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        sentence = span.sent if span is not None else doc[:]
        first, last = sentence.start_char, sentence.end_char
        items.append((doc.text[first:last], start - first, end - first))
        scopes.append((first, last))
    return items, scopes


def _score_transformer_many(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[Scored]:
    from analysis.sentiment.transformer import score_targets

    items, scopes = _sentence_targets(doc, spans)
    return [
        (score, label, first, last)
        for (score, label), (first, last) in zip(score_targets(items), scopes, strict=True)
    ]


def _score_transformer(doc: Doc, start: int, end: int) -> Scored:
    return _score_transformer_many(doc, [(start, end)])[0]


_BACKENDS: dict[str, Backend] = {
    "vader": Backend("vader", _score_vader),
    "textblob": Backend("textblob", _score_textblob),
    "trained": Backend("trained", _score_trained),
    "transformer": Backend("transformer", _score_transformer, _score_transformer_many),
}

#: The default: `trained`, the most accurate backend at a small cost; `transformer` is
#: more accurate but more than doubles a cold run (benchmarks/RESULTS.md).
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
    return target_polarities(doc, [(start, end)], backend)[0]


def target_polarities(
    doc: Doc, spans: Sequence[tuple[int, int]], backend: str | None = None
) -> list[Polarity]:
    """`target_polarity` for each (start, end) of a parsed doc, scored together where
    the backend can (the transformer: in batches)."""
    chosen = get_backend(backend)
    if chosen.score_many is not None:
        raw = chosen.score_many(doc, spans) if spans else []
    else:
        raw = [chosen.score(doc, start, end) for start, end in spans]
    return [
        Polarity(round(max(-1.0, min(1.0, float(score))), 4), label, first, last, chosen.name)
        for score, label, first, last in raw
    ]


def text_polarity(text: str, backend: str = "vader") -> float:
    """Polarity of a whole text (e.g. an actor's quoted words) with a lexicon backend:
    VADER compound or TextBlob polarity, in [-1, 1]. The trained and transformer
    backends score targets, not free text, so they fall back to VADER here."""
    if backend == "textblob":
        return textblob_scores(text)[0]
    return vader_scores(text)["compound"]
