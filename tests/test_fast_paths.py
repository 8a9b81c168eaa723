"""The fast paths of the per-article analyses give exactly the numbers of the plain
code they replace: memoised lexicon scorers, token columns read with `Doc.to_array`,
per-document word columns of the sentiment features, the unrolled linear model, BLAS on
one thread, and the chunks handed to worker processes."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from analysis.loaded.features import _Columns, _shape
from analysis.loaded.model import load_tagger, one_blas_thread
from analysis.sentiment import scope_tokens
from analysis.sentiment.model import (
    SentimentModel,
    _doc_words,
    _lemma,
    load_model,
    target_features,
)
from analysis.sentiment.scorers import _vader, pattern_sentiment, textblob_scores, vader_scores

TEXT = (
    "Senator Jane Smith, a Democrat, said on Tuesday that the reckless plan would cost "
    '$4.5 billion. "We will not stand for this," she told 2,000 supporters.\n\n'
    "The GOP's leaders in Washington dismissed the claims as NONSENSE; critics were "
    "furious and called it a disgrace."
)


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def test_memoised_scorers_give_the_analysers_numbers():
    from textblob.en import sentiment as pattern_sentiment

    for text in ("a reckless, shameful plan", "The plan passed.", "", "  ", "not good at all"):
        for _ in range(2):  # the second call is answered from the memo
            expected = _vader().polarity_scores(text) if text.strip() else None
            if expected is not None:
                assert vader_scores(text) == expected
            polarity, subjectivity = pattern_sentiment(text) if text.strip() else (0.0, 0.0)
            assert textblob_scores(text) == (float(polarity), float(subjectivity))


def test_the_pattern_analyser_is_textblobs_own():
    """Built from textblob's `_text` module without the package, it holds the same
    lexicon (adverbs from adjectives included) and gives TextBlob's scores."""
    from textblob import TextBlob
    from textblob.en import sentiment as textblob_en

    analyser = pattern_sentiment()
    textblob_en("")  # both load their lexicon on first use
    analyser("")
    assert dict(analyser) == dict(textblob_en)
    assert "RB" in analyser["terribly"]  # textblob.en's adverb from "terrible"
    for text in (
        TEXT,
        "This is terribly bad and not great :)",
        "He was never happy with the very good plan!!",
        "I don't think it's wonderful.",
        "Sure, a brilliant idea... NOT.",
        "An extremely unhappy, rather angry crowd (!)",
    ):
        assert analyser(text) == textblob_en(text)
        assert textblob_scores(text) == tuple(float(v) for v in TextBlob(text).sentiment)


def test_the_pattern_analyser_loads_without_nltk_or_scipy():
    """The start-up cost it exists to avoid: importing `textblob` imports NLTK and SciPy."""
    code = (
        "import sys; from analysis.sentiment.scorers import textblob_scores;"
        "assert textblob_scores('a wonderful day')[0] > 0;"
        "print(sorted(m for m in ('nltk', 'scipy', 'textblob') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_memoised_vader_result_cannot_be_changed_by_a_caller():
    first = vader_scores("a wonderful day")
    first["compound"] = 99.0
    assert vader_scores("a wonderful day")["compound"] != 99.0


def test_token_columns_match_the_token_properties(doc):
    columns = _Columns.of(doc)
    assert columns.lower == [t.lower_ for t in doc]
    assert columns.word == ["<num>" if t.like_num else t.lower_ for t in doc]
    assert columns.lemma == ["<num>" if t.like_num else t.lemma_.lower() for t in doc]
    assert columns.pos == [t.pos_ for t in doc]
    assert columns.tag == [t.tag_ for t in doc]
    assert columns.dep == [t.dep_ for t in doc]
    assert columns.head == [t.head.i for t in doc]
    assert columns.ent == [t.ent_type_ for t in doc]
    assert columns.stop == [t.is_stop for t in doc]
    assert columns.shape == [_shape(t) for t in doc]
    assert columns.sent_start == [bool(t.is_sent_start) for t in doc]
    assert any(h < i for i, h in enumerate(columns.head))  # heads on both sides
    assert any(h > i for i, h in enumerate(columns.head))


def test_sentiment_word_columns_match_the_tokens_and_follow_the_doc(nlp, doc):
    lemmas, is_word, texts = _doc_words(doc)
    assert lemmas == [_lemma(t) for t in doc]
    assert is_word == [not (t.is_punct or t.is_space) for t in doc]
    assert texts == [t.text for t in doc]
    assert _doc_words(doc)[0] is lemmas  # read once per document
    other = nlp("Prices rose sharply.")
    assert _doc_words(other)[2] == ["Prices", "rose", "sharply", "."]


def _plain_predict(model: SentimentModel, features: dict[str, float]) -> list[float]:
    """The model's sums written as a plain loop over the classes."""
    totals = list(model.intercept)
    for name, value in features.items():
        row = model.weights.get(name)
        if row is not None:
            for k, weight in enumerate(row):
                totals[k] += weight * value
    return totals


def test_sentiment_model_scores_every_mention_as_the_plain_loop_does(doc):
    model = load_model()
    mentions = [t for t in doc if t.pos_ in ("PROPN", "PRON", "NOUN")]
    assert len(mentions) > 5
    for token in mentions:
        words, mention, head = scope_tokens(doc, token.idx, token.idx + len(token.text))
        features = target_features(doc, words, mention, head)
        totals = _plain_predict(model, features)
        exps = [math.exp(t - max(totals)) for t in totals]
        expected = {label: e / sum(exps) for label, e in zip(model.labels, exps, strict=True)}
        assert model.predict_proba(features) == expected  # bit for bit


def test_loaded_tagger_network_gives_the_same_numbers_on_one_blas_thread(doc):
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    tagger = load_tagger()
    rows = tagger.token_vectors(doc, range(len(doc)))  # token and word-piece vectors
    vectors = np.tile(rows, (8, 1))  # big enough for BLAS to split it up
    before = blas_threads()
    threaded = tagger.vector_mlp.probabilities(vectors)
    with one_blas_thread():
        assert set(blas_threads()) <= {1}
        alone = tagger.vector_mlp.probabilities(vectors)
    assert blas_threads() == before  # restored afterwards
    np.testing.assert_allclose(alone, threaded, rtol=0, atol=1e-15)
    indices, probabilities = tagger.score_doc(doc)
    assert len(indices) == len(probabilities) > 20


def test_tagger_weighs_each_word_once_and_gives_the_full_rows_numbers(doc):
    from analysis.loaded.features import doc_features
    from analysis.loaded.model import model_path, read_model

    tagger = read_model(model_path())  # a fresh one: the shipped tagger is shared
    indices, rows = doc_features(doc)  # every feature by name, as in training
    full = tagger.probabilities(rows, tagger.token_vectors(doc, indices))
    assert not tagger._linear._words
    scored, probabilities = tagger.score_doc(doc)  # the word's own features by key
    assert scored == indices
    np.testing.assert_allclose(probabilities, full, rtol=0, atol=1e-12)
    # One remembered sum per distinct word, not one per token; a second pass adds none.
    remembered = len(tagger._linear._words)
    assert 0 < remembered < len(indices)
    _, again = tagger.score_doc(doc)
    assert len(tagger._linear._words) == remembered
    np.testing.assert_array_equal(again, probabilities)
