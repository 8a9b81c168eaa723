"""The lexicon scorers the backends and the trained model share: VADER (bundled with
vaderSentiment) and TextBlob's pattern analyser (`.sentiment` only, no NLTK corpora)."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: The English settings `textblob.en` builds its `sentiment` analyser with (textblob 0.20).
_PATTERN_NEGATIONS = ("no", "not", "n't", "never")
_PATTERN_MODIFIERS = ("RB",)


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
    polarity, subjectivity = pattern_sentiment()(text)
    return float(polarity), float(subjectivity)


@functools.cache
def pattern_sentiment() -> Any:
    """TextBlob's English pattern analyser, the object `textblob.en.sentiment` is (what
    `TextBlob(text).sentiment` calls), built from textblob's own `_text` module and
    lexicon file without importing the `textblob` package: its front-end imports NLTK,
    which imports SciPy, 2.7 s before a run can start, and the kit uses none of it.
    `_text` imports the standard library only; the settings below are `textblob.en`'s,
    and `tests/test_fast_paths.py` checks that both hold the same lexicon and give the
    same scores."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textblob is not installed (see requirements.txt)")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text_spec = importlib.util.spec_from_file_location(
        "analysis.sentiment._textblob_text", folder / "_text.py"
    )
    if text_spec is None or text_spec.loader is None:
        raise ImportError(f"textblob's pattern module is missing from {folder}")
    text = importlib.util.module_from_spec(text_spec)
    text_spec.loader.exec_module(text)

    class EnglishSentiment(text.Sentiment):
        """`textblob.en.Sentiment`: adverbs from adjectives ("terrible" → "terribly")."""

        def load(self, path: str | None = None) -> None:
            text.Sentiment.load(self, path)
            if not path:
                for word, pos in list(dict.items(self)):
                    if "JJ" in pos:
                        if word.endswith("y"):
                            word = word[:-1] + "i"
                        if word.endswith("le"):
                            word = word[:-2]
                        polarity, subjectivity, intensity = pos["JJ"]
                        self.annotate(word + "ly", "RB", polarity, subjectivity, intensity)

    return EnglishSentiment(
        path=str(folder / "en" / "en-sentiment.xml"),
        synset="wordnet_id",
        negations=_PATTERN_NEGATIONS,
        modifiers=_PATTERN_MODIFIERS,
        modifier=lambda word: word.endswith("ly"),
        tokenizer=text.Parser(lexicon=None, default=("NN", "NNP", "CD"), language="en").find_tokens,
        language="en",
    )
