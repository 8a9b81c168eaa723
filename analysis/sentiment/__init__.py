"""Sentiment toward a target: how the text portrays one actor mention.

The polarity of a mention is measured on its *scope*: the clause that governs the
mention in the dependency parse, with the clauses hanging off it that are about
something else (coordinated, adverbial, relative and parenthetical clauses not holding
the mention) and the mention's own words left out. "The heroic mayor saved the town
while the corrupt governor stole its money" gives "The heroic saved the town" for the
mayor and "while the corrupt stole its money" for the governor — not one score for the
whole sentence.

Four backends score a target, selectable by name (`get_backend`):

- `vader` — VADER's compound score (the `vaderSentiment` package, lexicon bundled);
- `textblob` — TextBlob's pattern-lexicon polarity (`TextBlob(text).sentiment` only:
  its sentence and word splitting would need NLTK corpora, which are never downloaded;
  spaCy does the segmentation here);
- `trained` — a logistic regression trained on the NewsMTSC training split (Hamborg &
  Donnay, EACL 2021; MIT licence) over scope n-grams, lexicon scores of scope and
  sentence, the governing verb and its reporting-cue stance, the mention's syntactic
  role and negation. Shipped as plain JSON (`analysis/models/sentiment.json`);
  `analysis.sentiment.model.train_sentiment` rebuilds it;
- `transformer` — MiniLM-L6 fine-tuned on the same split, reading the mention's
  sentence with the mention marked, run as a 4-bit ONNX model with onnxruntime
  (`transformer.py`; card `analysis/models/sentiment_transformer.md`): the most
  accurate (dev_rw macro-F1 0.80 against 0.69), and about 100 times slower per mention.

`target_polarity(doc, start, end)` returns a `Polarity` (`target_polarities` for many
targets of a doc at once, which the transformer scores in batches). `DEFAULT_BACKEND`
is `trained`: the transformer more than doubles a cold corpus run
(benchmarks/sentiment_cost.py), so it is opt-in.

The per-actor aggregation (`actor_sentiment_table`, `actor_summary`, `camp_summary`)
works on plain records — one per mention (portrayal) or per attribution (voice) — so it
does not depend on how actors are found.

Modules: `scope` (the clause scored), `scorers` (VADER, TextBlob), `model` (the trained
backend), `backends` (`target_polarity`), `aggregate` (per-actor tables).
"""

from __future__ import annotations

from analysis.sentiment.aggregate import (
    ACTOR_SENTIMENT_COLUMNS,
    SUMMARY_COLUMNS,
    SentimentRecord,
    actor_sentiment_table,
    actor_summary,
    bootstrap_interval,
    camp_summary,
)
from analysis.sentiment.backends import (
    BACKENDS,
    DEFAULT_BACKEND,
    LABELS,
    TEXTBLOB_THRESHOLD,
    VADER_THRESHOLD,
    Backend,
    Polarity,
    get_backend,
    target_polarities,
    target_polarity,
    text_polarity,
)
from analysis.sentiment.scope import (
    SIDE_CLAUSES,
    governing_clause,
    mention_span,
    scope_text,
    scope_tokens,
)
from analysis.sentiment.scorers import textblob_scores, vader_lexicon, vader_scores

__all__ = [
    "ACTOR_SENTIMENT_COLUMNS",
    "BACKENDS",
    "DEFAULT_BACKEND",
    "LABELS",
    "SIDE_CLAUSES",
    "SUMMARY_COLUMNS",
    "TEXTBLOB_THRESHOLD",
    "VADER_THRESHOLD",
    "Backend",
    "Polarity",
    "SentimentRecord",
    "actor_sentiment_table",
    "actor_summary",
    "bootstrap_interval",
    "camp_summary",
    "get_backend",
    "governing_clause",
    "mention_span",
    "scope_text",
    "scope_tokens",
    "target_polarities",
    "target_polarity",
    "text_polarity",
    "textblob_scores",
    "vader_lexicon",
    "vader_scores",
]
