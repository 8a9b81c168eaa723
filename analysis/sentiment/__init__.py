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
  `analysis.sentiment.model.train_sentiment` rebuilds it.

`target_polarity(doc, start, end)` returns a `Polarity`; `DEFAULT_BACKEND` is the
backend that scores best on the NewsMTSC dev set (benchmarks/sentiment.py).

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
    "target_polarity",
    "text_polarity",
    "textblob_scores",
    "vader_lexicon",
    "vader_scores",
]
