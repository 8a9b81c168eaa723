"""The attribution row (`Attribution`) and the rules' working record (`_Found`)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from analysis.attribution.quotes import Quote
from analysis.lexicons import Cue


@dataclass(frozen=True)
class Attribution:
    """One attribution: a row of `framing extract` / `attributions.csv`."""

    article_id: str
    sentence: int
    speaker: str | None  # resolved speaker text (the name a pronoun refers to)
    speaker_start: int | None  # span as written (the pronoun itself, for a pronoun)
    speaker_end: int | None
    resolution: str  # name | pronoun | nominal | organisation | none
    cue: str
    cue_start: int
    cue_end: int
    cue_lemma: str
    stance: str
    credibility: float
    content: str | None
    content_start: int | None
    content_end: int | None
    quote_type: str  # direct | mixed | indirect
    negated: bool
    in_quote: bool
    actor: str | None = None  # filled from the actors layer
    camp: str | None = None
    source_start: int | None = None  # the source phrase: speaker span and description
    source_end: int | None = None


@dataclass
class _Found:
    cue_tokens: list[Token]
    cue: Cue
    lemma: str
    source: Token | None  # head token of the source phrase
    source_span: tuple[int, int] | None
    content: tuple[int, int] | None
    content_quotes: list[Quote]
