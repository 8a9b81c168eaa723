"""The lexicon scorers the backends and the trained model share: VADER (bundled with
vaderSentiment) and TextBlob's pattern analyser (`.sentiment` only, no NLTK corpora)."""

from __future__ import annotations

import functools
from collections.abc import Mapping


@functools.cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_lexicon() -> Mapping[str, float]:
    """VADER's word → valence lexicon (about −4 … +4), as bundled with vaderSentiment."""
    return _vader().lexicon


#: Distinct texts remembered by each scorer. The same text is scored many times in an
#: article (a sentence's mood for every mention in it, a clause shared by mentions), and
#: both scorers are pure functions of the text; bounded so memory stays flat.
MEMO_SIZE = 8192


def vader_scores(text: str) -> dict[str, float]:
    """VADER's neg/neu/pos/compound for a text ('' scores neutral)."""
    return dict(_vader_scores(text))  # a copy: callers may keep or change theirs


@functools.lru_cache(maxsize=MEMO_SIZE)
def _vader_scores(text: str) -> dict[str, float]:
    if not text.strip():
        return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    return _vader().polarity_scores(text)


@functools.lru_cache(maxsize=MEMO_SIZE)
def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob (polarity, subjectivity) of a text; only `.sentiment` is used."""
    if not text.strip():
        return 0.0, 0.0
    # The pattern analyser TextBlob(text).sentiment calls, without building a blob
    # (same numbers, a third of the time).
    from textblob.en import sentiment as pattern_sentiment

    polarity, subjectivity = pattern_sentiment(text)
    return float(polarity), float(subjectivity)
