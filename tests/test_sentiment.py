"""Sentiment toward targets: the scope, the backends, the eval command, the aggregation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.eval_sentiment import evaluate_sentiment, format_report, read_gold, scores
from analysis.sentiment import (
    BACKENDS,
    DEFAULT_BACKEND,
    Polarity,
    actor_sentiment_table,
    actor_summary,
    bootstrap_interval,
    camp_summary,
    get_backend,
    scope_text,
    scope_tokens,
    target_polarity,
)
from analysis.sentiment.model import load_model

FIXTURE = Path(__file__).parent / "data" / "sentiment_fixture.jsonl"

HERO = "The heroic mayor saved the town while the corrupt governor stole its money."
LANDLORD = "The generous donor helped the school, and the cruel landlord evicted the poor family."


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture(scope="module")
def docs(nlp):
    return {text: nlp(text) for text in (HERO, LANDLORD)}


def test_scope_is_the_governing_clause_without_the_mention(docs):
    words, mention, head = scope_tokens(docs[HERO], *_at(HERO, "governor"))
    assert mention.text == "governor"
    assert head.text == "stole"
    text = scope_text(words)
    assert "governor" not in text.split()
    assert "corrupt" in text and "money" in text
    assert "heroic" not in text and "saved" not in text  # the other actor's clause

    words, _, head = scope_tokens(docs[HERO], *_at(HERO, "mayor"))
    text = scope_text(words)
    assert head.text == "saved"
    assert "mayor" not in text.split()
    assert "heroic" in text and "town" in text
    assert "corrupt" not in text and "stole" not in text


def test_scope_offsets_index_the_text(docs):
    start, end = _at(HERO, "governor")
    polarity = target_polarity(docs[HERO], start, end, "vader")
    assert isinstance(polarity, Polarity)
    assert polarity.scope_start <= start < end <= polarity.scope_end
    assert HERO[polarity.scope_start : polarity.scope_end].startswith("while")


@pytest.mark.parametrize(
    ("backend", "text", "good", "bad"),
    [
        (DEFAULT_BACKEND, HERO, "mayor", "governor"),
        (DEFAULT_BACKEND, LANDLORD, "donor", "landlord"),
        ("textblob", HERO, "mayor", "governor"),
        ("vader", LANDLORD, "donor", "landlord"),
    ],
)
def test_two_actors_in_one_sentence_get_opposite_signs(docs, backend, text, good, bad):
    positive = target_polarity(docs[text], *_at(text, good), backend)
    negative = target_polarity(docs[text], *_at(text, bad), backend)
    assert positive.score > 0 > negative.score
    assert positive.label == "positive" and negative.label == "negative"
    assert positive.backend == negative.backend == get_backend(backend).name


def test_neutral_report_is_neutral(nlp):
    text = "The clerk filed the papers on Tuesday."
    for backend in ("vader", "textblob"):
        polarity = target_polarity(nlp(text), *_at(text, "clerk"), backend)
        assert polarity.label == "neutral" and polarity.score == 0


def test_backends_by_name():
    assert set(BACKENDS) == {"trained", "vader", "textblob", "transformer"}
    assert DEFAULT_BACKEND == "trained"  # the transformer is opt-in (cost)
    assert get_backend(None).name == DEFAULT_BACKEND
    with pytest.raises(ValueError, match="unknown sentiment backend"):
        get_backend("bert")


def test_shipped_model_is_small_and_complete():
    model = load_model()
    assert model.labels == ("negative", "neutral", "positive")
    assert len(model.weights) > 1000
    assert all(len(row) == 3 for row in model.weights.values())
    assert model.meta["trained_on"] == "train.jsonl"
    probabilities = model.predict_proba({"bias": 1.0, "vader_scope": -0.9})
    assert abs(sum(probabilities.values()) - 1) < 1e-9


def test_eval_on_fixture(nlp, tmp_path):
    out = tmp_path / "predictions.jsonl"
    result = evaluate_sentiment(FIXTURE, backend="vader", predictions_path=out, nlp=nlp)
    gold = read_gold(FIXTURE)
    predictions = [json.loads(line) for line in out.read_text().splitlines()]
    assert [p["id"] for p in predictions] == [g["id"] for g in gold]
    assert all(p["predicted"] in ("negative", "neutral", "positive") for p in predictions)
    assert all(-1 <= p["score"] <= 1 for p in predictions)
    assert result["n"] == len(gold) == 5
    assert result["backend"] == "vader"
    assert sum(sum(row.values()) for row in result["confusion"].values()) == 5
    # VADER misses "corrupt ... stole" (not in its lexicon): four of five right.
    assert result["accuracy"] == pytest.approx(0.8)
    report = format_report(result)
    assert "macro-F1" in report and "confusion" in report


def test_eval_rejects_bad_offsets(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(
            {"id": "x", "sentence": "Hi.", "target_from": 2, "target_to": 9, "gold": "neutral"}
        )
        + "\n"
    )
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        read_gold(bad)


def test_macro_f1_of_known_confusion():
    gold = ["negative", "negative", "neutral", "positive"]
    predicted = ["negative", "neutral", "neutral", "neutral"]
    result = scores(gold, predicted)
    assert result["per_class"]["negative"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["per_class"]["neutral"]["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert result["per_class"]["positive"]["f1"] == 0
    assert result["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 0) / 3, abs=1e-3)


PORTRAYALS = [
    {"article_id": "a1", "actor": "Mayor", "camp": "Town", "score": 0.5},
    {"article_id": "a1", "actor": "Mayor", "camp": "Town", "score": 0.3},
    {"article_id": "a2", "actor": "Mayor", "camp": "Town", "score": 0.1},
    {"article_id": "a1", "actor": "Governor", "camp": "State", "score": -0.6},
    {"article_id": "a2", "actor": "Governor", "camp": "State", "score": None},
]
VOICES = [{"article_id": "a1", "actor": "Governor", "camp": "State", "score": -0.2}]


def test_actor_sentiment_table():
    rows = actor_sentiment_table(PORTRAYALS, VOICES, "trained")
    by_key = {(r["article_id"], r["actor"]): r for r in rows}
    assert by_key[("a1", "Mayor")]["mentions"] == 2
    assert by_key[("a1", "Mayor")]["portrayal"] == pytest.approx(0.4)
    assert by_key[("a1", "Mayor")]["quotes"] == 0 and by_key[("a1", "Mayor")]["voice"] is None
    assert by_key[("a1", "Governor")]["voice"] == pytest.approx(-0.2)
    assert ("a2", "Governor") not in by_key  # a record without a score is left out
    assert {r["backend"] for r in rows} == {"trained"}


def test_article_portrayal_replaces_the_mean_and_keeps_it_as_polarity():
    portrayals = {("a1", "Mayor"): (0.25, "positive"), ("a1", "Governor"): (-0.5, "negative")}
    rows = actor_sentiment_table(PORTRAYALS, VOICES, "trained", portrayals)
    by_key = {(r["article_id"], r["actor"]): r for r in rows}
    mayor = by_key[("a1", "Mayor")]
    assert mayor["polarity"] == pytest.approx(0.4)  # the mean of the mentions
    assert (mayor["portrayal"], mayor["portrayal_label"]) == (0.25, "positive")
    assert by_key[("a1", "Governor")]["portrayal_label"] == "negative"
    assert by_key[("a2", "Mayor")]["portrayal"] is None  # no article-level score given


def test_summary_of_article_portrayals_with_its_own_quote_threshold():
    articles = [
        {"article_id": "a1", "actor": "Mayor", "camp": "Town", "score": 0.2},
        {"article_id": "a2", "actor": "Mayor", "camp": "Town", "score": -0.2},
        {"article_id": "a1", "actor": "Governor", "camp": "State", "score": -0.4},
    ]
    actors = {r["actor"]: r for r in actor_summary(articles, VOICES, min_mentions=1, min_quotes=3)}
    assert actors["Mayor"]["mentions"] == 2 and actors["Mayor"]["portrayal"] == pytest.approx(0)
    assert actors["Mayor"]["portrayal_low"] < 0 < actors["Mayor"]["portrayal_high"]
    governor = actors["Governor"]
    assert governor["portrayal"] == pytest.approx(-0.4) and governor["portrayal_low"] is None
    assert governor["voice"] is None  # one quote, below min_quotes


def test_summaries_threshold_and_intervals():
    actors = {r["actor"]: r for r in actor_summary(PORTRAYALS, VOICES, min_mentions=2)}
    mayor = actors["Mayor"]
    assert mayor["mentions"] == 3 and mayor["articles"] == 2
    assert mayor["portrayal"] == pytest.approx(0.3)
    assert mayor["portrayal_low"] <= mayor["portrayal"] <= mayor["portrayal_high"]
    governor = actors["Governor"]
    assert governor["mentions"] == 1 and governor["portrayal"] is None  # below the threshold
    camps = {r["camp"]: r for r in camp_summary(PORTRAYALS, VOICES, min_mentions=1)}
    assert camps["State"]["portrayal"] == pytest.approx(-0.6)
    assert camps["Town"]["mentions"] == 3


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = {"a": [0.1, 0.2], "b": [0.5], "c": [-0.3, 0.0, 0.4], "d": [0.9]}
    first = bootstrap_interval(values, seed=1)
    assert first == bootstrap_interval(values, seed=1)
    low, high = first
    mean = sum(sum(v) for v in values.values()) / sum(len(v) for v in values.values())
    assert low < mean < high
    assert bootstrap_interval({"a": [0.2]}) == (None, None)


def test_every_noun_of_the_seed_gets_a_polarity_inside_its_sentence(nlp, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    doc = nlp(text)
    chunks = [c for c in doc.noun_chunks if c.text.strip()][:60]
    assert chunks
    for chunk in chunks:
        polarity = target_polarity(doc, chunk.start_char, chunk.end_char)
        assert -1 <= polarity.score <= 1
        assert polarity.label in ("negative", "neutral", "positive")
        sentence = chunk.sent
        assert sentence.start_char <= polarity.scope_start <= chunk.start_char
        assert chunk.end_char <= polarity.scope_end <= sentence.end_char


def test_offsets_in_whitespace_snap_to_the_next_word(nlp):
    text = "The mayor  smiled."
    polarity = target_polarity(nlp(text), 9, 10, "vader")  # the double space
    assert text[polarity.scope_start : polarity.scope_end].strip()


def test_bootstrap_interval_in_blocks_is_the_one_block_interval():
    """Resamples are drawn a block at a time (flat memory in corpus size): the same
    random stream, so the interval of drawing them all at once."""
    import math

    import numpy as np

    rng = np.random.default_rng(2)
    values = {f"a{i:04d}": list(rng.normal(0, 0.3, 1 + i % 3)) for i in range(1200)}
    clusters = [v for _, v in sorted(values.items())]
    sums = np.array([sum(c) for c in clusters])
    sizes = np.array([len(c) for c in clusters], dtype=float)
    picks = np.random.default_rng(5).integers(0, 1200, size=(2000, 1200))
    means = np.sort(sums[picks].sum(axis=1) / sizes[picks].sum(axis=1))
    low, high = means[int(math.floor(0.025 * 1999))], means[int(math.ceil(0.975 * 1999))]
    assert bootstrap_interval(values, seed=5) == (round(low, 4), round(high, 4))
