"""The trained loaded-word tagger and what rides on it: the shipped model and its card,
researcher categories, hedges kept apart, descriptive uses, whom a term is about, and
`framing eval loaded` per source and per origin. Sentences are our own."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from analysis.config import PACKAGE_DIR
from analysis.eval_loaded import evaluate_loaded, format_scores
from analysis.loaded import (
    LoadedModelError,
    LoadedTagger,
    about_span,
    find_loaded_terms,
    load_tagger,
    loaded_terms_rows,
)
from analysis.loaded.categories import (
    LOADED_CATEGORIES,
    is_descriptive,
    is_loaded,
    lexicon_category,
    model_category,
)
from analysis.loaded.features import doc_features
from analysis.loaded.model import file_sha256, model_path, read_model, write_model
from analysis.records import Article

CARD = PACKAGE_DIR / "models" / "loaded_tagger.md"
FIXTURE = Path(__file__).parent / "data" / "loaded_fixture.jsonl"
DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "loaded" / "dev.jsonl"


def tag(nlp, text, **options):
    article = Article(id="t", text=text, body_start=0, body_end=len(text))
    terms = find_loaded_terms(article, nlp(text), **options)
    for term in terms:
        assert text[term.start : term.end] == term.text
    return terms


def span_of(doc, word):
    start = doc.text.index(word)
    return doc.char_span(start, start + len(word))


# --------------------------------------------------------------------------- the model


def test_shipped_model_matches_the_checksum_on_its_card():
    card = CARD.read_text(encoding="utf-8")
    recorded = re.search(r"sha256[^0-9a-f]*([0-9a-f]{64})", card)
    assert recorded, "the card must give the model file's sha256"
    assert file_sha256(model_path()) == recorded.group(1)
    assert model_path().stat().st_size < 20 * 1024 * 1024
    assert "framing train loaded" in card  # the retraining command


def test_word_piece_table_matches_its_checksum_and_means_something():
    from analysis.loaded.pieces import TABLE_FILE, load_word_pieces

    card = CARD.read_text(encoding="utf-8")
    recorded = re.search(r"loaded_word_pieces\.npy`[^`]*`([0-9a-f]{64})`", card)
    assert recorded, "the card must give the word-piece table's sha256"
    assert file_sha256(PACKAGE_DIR / TABLE_FILE) == recorded.group(1)
    pieces = load_word_pieces()
    words = ["thugs", "criminals", "Tuesday", "thugs", "backstabbing", ""]
    vectors = pieces.vectors(words)
    assert vectors.shape == (6, pieces.dims) and vectors.dtype == np.float32
    assert np.array_equal(vectors[0], vectors[3])  # memoised: the same word, the same row
    assert np.abs(vectors[4]).sum() > 0 and not vectors[5].any()  # unseen word; no pieces

    def cosine(a, b):
        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))

    # what a word means, which the form-based token vector cannot say
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])


def test_averaged_networks_are_one_network_with_the_mean_logit():
    from analysis.loaded.model import VectorMLP
    from analysis.loaded.train import merge_networks

    rng = np.random.default_rng(0)

    def network():
        return VectorMLP(
            mean=np.zeros(4), std=np.ones(4), hidden_weights=rng.normal(size=(4, 3)),
            hidden_bias=rng.normal(size=3), output_weights=rng.normal(size=3),
            output_bias=float(rng.normal()),
        )  # fmt: skip

    networks = [network() for _ in range(3)]
    merged = merge_networks(networks)
    assert merged.hidden_weights.shape == (4, 9)
    vectors = rng.normal(size=(5, 4))

    def logit(p):
        return np.log(p / (1 - p))

    mean_logit = np.mean([logit(n.probabilities(vectors)) for n in networks], axis=0)
    assert np.allclose(logit(merged.probabilities(vectors)), mean_logit)


def test_word_piece_memo_is_bounded(monkeypatch):
    from analysis.loaded import pieces

    shipped = pieces.load_word_pieces()
    fresh = pieces.WordPieces(shipped.table, shipped._tokenizer)
    monkeypatch.setattr(pieces, "MEMO_SIZE", 2)
    words = ["riot", "mob", "thug", "riot", "calm"]
    vectors = fresh.vectors(words)
    assert len(fresh._memo) == 2  # remembered up to the bound, computed past it
    assert np.array_equal(vectors, shipped.vectors(words))


def test_tagger_reads_token_and_word_piece_vectors(nlp):
    from analysis.loaded.pieces import load_word_pieces

    tagger = load_tagger()
    assert tagger.word_piece_dims == load_word_pieces().dims > 0
    doc = nlp("Rioting thugs smashed the windows.")
    indices = [0, 1, 2]
    vectors = tagger.token_vectors(doc, indices)
    assert vectors.shape == (3, len(tagger.tensor_weights))
    width = doc.tensor.shape[1]
    assert np.array_equal(vectors[:, :width], doc.tensor[indices].astype(np.float16))
    words = [doc[i].text for i in indices]
    assert np.array_equal(vectors[:, width:], load_word_pieces().vectors(words))
    wrong = LoadedTagger({}, 0.0, 0.5, tensor_weights=[0.0] * (width + 3), word_piece_dims=3)
    with pytest.raises(LoadedModelError, match="word-piece"):
        wrong.token_vectors(doc, indices)


def test_model_file_round_trips_and_bad_files_are_refused(tmp_path):
    tagger = LoadedTagger({"l=thug": 2.0, "bias": -1.0}, intercept=-0.5, threshold=0.4)
    path = tmp_path / "m.json"
    write_model(tagger, path)
    again = read_model(path)
    assert again.weights == tagger.weights and again.threshold == 0.4
    assert again.word_piece_dims == 0
    wide = LoadedTagger({}, 0.0, 0.5, tensor_weights=[0.1] * 5, word_piece_dims=2)
    write_model(wide, path)
    assert read_model(path).word_piece_dims == 2
    probabilities = again.probabilities([{"l=thug": 1.0, "bias": 1.0}, {"bias": 1.0}])
    assert probabilities[0] == pytest.approx(1 / (1 + math.exp(-0.5)))  # 2 - 1 - 0.5
    assert probabilities[0] > 0.5 > probabilities[1]
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 1, "weights": []}', encoding="utf-8")
    with pytest.raises(LoadedModelError, match="bad.json"):
        read_model(bad)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(LoadedModelError, match="bad.json"):
        read_model(bad)


def test_features_come_from_parse_and_lexicons(nlp):
    doc = nlp("The radical senator slammed the horrible plan.")
    indices, rows = doc_features(doc)
    assert [doc[i].text for i in indices] == ["The", "radical", "senator", "slammed", "the"] + [
        "horrible",
        "plan",
    ]
    radical = rows[1]
    assert radical["l=radical"] == 1 and radical["p=ADJ"] == 1 and radical["d=amod"] == 1
    assert radical["l+1=senator"] == 1 and radical["hl=senator"] == 1
    assert radical["kit_lexicon=label"] == 1  # the kit's own lexicon
    horrible = rows[5]
    assert horrible["vader_abs"] > 0.5 and "tb_subj_value" in horrible  # VADER, TextBlob
    assert rows[3]["kit_cue=emotive"] == 1  # "slammed": an emotive reporting cue


def test_model_marks_loaded_words_and_leaves_plain_report_alone(nlp):
    tagger = load_tagger()
    doc = nlp("Rioting thugs and radical extremists launched a vicious, disgusting smear campaign.")
    marked = {doc[i].text for i in tagger.loaded_tokens(doc)}
    assert {"thugs", "vicious", "disgusting"} & marked
    plain = nlp("The committee met on Tuesday and approved the budget for next year.")
    assert tagger.loaded_tokens(plain) == {}
    terms = tag(nlp, "The mayor gave a disgusting, vicious speech.")
    model_terms = [t for t in terms if t.origin == "model"]
    assert model_terms and all(t.source == "model" and 0 < t.score <= 1 for t in model_terms)
    assert all(t.category in LOADED_CATEGORIES for t in model_terms)
    assert not [t for t in tag(nlp, "The mayor gave a speech.", use_model=False)]


# --------------------------------------------------------------------------- categories


def test_categories_a_researcher_can_count(nlp):
    doc = nlp("Critics slammed the plan.")
    slammed = span_of(doc, "slammed")
    assert lexicon_category("label", slammed.root) == "label"
    assert lexicon_category("naming", slammed.root) == "label"
    assert lexicon_category("doubt", slammed.root) == "doubt"
    assert lexicon_category("emotive", slammed.root) == "emotive_verb"
    assert lexicon_category("demo", slammed.root) == "demo"  # a user's own category
    assert model_category(slammed) == "emotive_verb"
    doc = nlp("The thugs smashed the windows. He was utterly wrong.")
    assert model_category(span_of(doc, "thugs")) == "label"
    assert model_category(span_of(doc, "utterly"), intensifier=True) == "intensifier"
    assert model_category(span_of(doc, "wrong")) == "other_loaded"
    terms = {t.text: t for t in tag(nlp, "The so-called reform, a puppet scheme, was crude.")}
    assert terms["so-called"].category == "doubt" and terms["puppet"].category == "label"


def test_hedges_are_reported_apart_and_never_loaded(nlp):
    terms = tag(nlp, "Talks may resume. The regime refused.")
    by_text = {t.text: t for t in terms}
    assert by_text["may"].category == "hedge" and not by_text["may"].loaded
    assert by_text["regime"].loaded and not is_loaded("hedge")
    rows = {r["text"]: r for r in loaded_terms_rows(terms)}
    assert rows["may"]["loaded"] is False and rows["regime"]["loaded"] is True
    assert rows["regime"]["origin"] == "lexicon" and rows["regime"]["subcategory"] == "label"


def test_descriptive_uses_are_not_labels(nlp):
    found = {t.text for t in tag(nlp, "He recalled the Sept. 11 terrorist attacks in New York.")}
    assert "terrorist" not in found
    assert "terrorist" in {t.text for t in tag(nlp, "The terrorist group refused to talk.")}
    doc = nlp("The court ruled that the search was illegal.")
    assert is_descriptive(span_of(doc, "illegal"))
    doc = nlp("The senator blamed illegal aliens for the crime wave.")
    assert not is_descriptive(span_of(doc, "illegal"))


# --------------------------------------------------------------------------- about whom


@pytest.mark.parametrize(
    ("text", "word", "about"),
    [
        ("The radical senator spoke.", "radical", "The radical senator"),  # modifier
        ("Senator Vale is a liar.", "liar", "Senator Vale"),  # predicate of a subject
        ("Senator Vale was reckless.", "reckless", "Senator Vale"),
        ("Critics slammed Senator Vale on Monday.", "slammed", "Senator Vale"),  # object
        ("The mayor lashed out at the governor.", "lashed", "the governor"),
        ("The channel, a Kremlin mouthpiece, aired it.", "mouthpiece", "The channel"),  # appos
    ],
)
def test_terms_link_to_whom_they_are_about(nlp, text, word, about):
    doc = nlp(text)
    bounds = about_span(span_of(doc, word))
    assert bounds is not None and text[bounds[0] : bounds[1]] == about


def test_about_link_is_empty_when_no_phrase_is_in_reach(nlp):
    doc = nlp("Outrageous!")
    assert about_span(doc[0:1]) is None


# --------------------------------------------------------------------------- evaluation


def test_eval_reports_per_source_and_origin(nlp, tmp_path):
    report = evaluate_loaded(FIXTURE, nlp=nlp, predictions=tmp_path / "p.jsonl")
    assert set(report.by_source) == {"mine-a", "mine-b"}
    assert sum(s.tokens for s in report.by_source.values()) == report.overall.tokens
    assert "lexicon" in report.by_origin
    text = format_scores(report)
    assert "per source:" in text and "mine-a" in text and "per origin" in text
    lexicon_only = evaluate_loaded(FIXTURE, nlp=nlp, use_model=False)
    assert "model" not in lexicon_only.by_origin
    lines = (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(set(json.loads(line)) == {"id", "spans"} for line in lines)


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/eval/loaded/dev.jsonl not present")
def test_model_beats_the_lexicon_on_dev(nlp):
    """The shipped figures (benchmarks/RESULTS.md): F1 0.42 with the model, 0.19 with
    the lexicons alone; the issue's target of 0.45 is not reached."""
    model = evaluate_loaded(DEV, nlp=nlp)
    lexicon = evaluate_loaded(DEV, nlp=nlp, use_model=False)
    assert model.f1 >= 0.40
    assert model.f1 > lexicon.f1 + 0.15
    assert model.by_source["BABE-SG2"].f1 > lexicon.by_source["BABE-SG2"].f1


# --------------------------------------------------------------------------- token vectors


def test_token_vector_weights_round_trip_and_count(nlp, tmp_path):
    """Format 2: one weight per dimension of doc.tensor, added to the sparse logit;
    a doc without vectors is scored on the sparse features alone (with a warning)."""
    doc = nlp("The radical mob slammed the plan.")
    width = doc.tensor.shape[1]
    weights = [0.0] * width
    weights[0] = 1.0
    tagger = LoadedTagger({"bias": 0.0}, intercept=0.0, threshold=0.5, tensor_weights=weights)
    path = tmp_path / "m.json"
    write_model(tagger, path)
    again = read_model(path)
    assert again.tensor_weights == weights
    indices, probabilities = again.score_doc(doc)
    first = doc.tensor[indices, 0].astype("float16").astype("float64")
    assert probabilities == pytest.approx(1 / (1 + np.exp(-first)))
    bare = nlp.make_doc("The radical mob slammed the plan.")
    with pytest.warns(UserWarning, match="token vectors"):
        assert list(again.token_vectors(bare, [0, 1]).ravel()) == [0.0] * (2 * width)
    with pytest.raises(LoadedModelError, match="token vector"):
        again.probabilities([{"bias": 1.0}])


def test_vector_network_is_stored_and_joins_by_geometric_mean(nlp, tmp_path):
    from analysis.loaded.model import VectorMLP

    doc = nlp("The radical mob slammed the plan.")
    width = doc.tensor.shape[1]
    mlp = VectorMLP(
        mean=np.zeros(width),
        std=np.ones(width),
        hidden_weights=np.eye(width, 2),
        hidden_bias=np.zeros(2),
        output_weights=np.array([1.0, -1.0]),
        output_bias=0.5,
    )
    tagger = LoadedTagger({"bias": 1.0}, intercept=0.0, threshold=0.5, vector_mlp=mlp)
    path = tmp_path / "m.json"
    write_model(tagger, path)
    again = read_model(path)
    assert again.vector_mlp is not None
    assert np.allclose(again.vector_mlp.hidden_weights, mlp.hidden_weights)
    indices, probabilities = again.score_doc(doc)
    z = doc.tensor[indices, :2].astype("float16").astype("float64")
    network = 1 / (1 + np.exp(-(np.maximum(z[:, 0], 0) - np.maximum(z[:, 1], 0) + 0.5)))
    linear = 1 / (1 + np.exp(-1.0))
    assert probabilities == pytest.approx(np.sqrt(linear * network))
    broken = json.loads(path.read_text(encoding="utf-8"))
    broken["vector_mlp"]["hidden_bias"] = [0.0]
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(LoadedModelError, match="m.json"):
        read_model(path)


def test_cold_and_cached_parses_give_the_same_loaded_terms(nlp, tmp_path):
    """The shipped tagger reads doc.tensor, which the parse cache stores beside each
    entry: a warm (cached) run marks exactly what the cold run marked."""
    from analysis.ingest import make_article
    from analysis.nlp import Parser

    text = (
        "Rioting thugs and radical extremists launched a vicious smear campaign, the "
        "senator claimed, while the committee met on Tuesday and approved the budget."
    )
    article = make_article(text, article_id="a")

    def terms(parser):
        (parsed,) = parser.parse([article])
        found = find_loaded_terms(parsed.article, parsed.doc)
        return parsed.from_cache, [(t.start, t.end, t.category, t.score) for t in found]

    cold_cached, cold = terms(Parser(nlp, cache_directory=tmp_path))
    warm_cached, warm = terms(Parser(nlp, cache_directory=tmp_path))
    assert not cold_cached and warm_cached
    assert cold and cold == warm


def test_model_runs_are_trimmed_of_function_words(nlp):
    from analysis.loaded.terms import _content_run

    doc = nlp("They lashed out at a bigoted and malicious shell of a man.")
    index = {}
    for token in doc:
        index.setdefault(token.text, token.i)
    a, bigoted, shell = index["a"], index["bigoted"], index["shell"]
    # "a bigoted and malicious shell" keeps its inner "and" but loses the leading "a"
    assert _content_run(doc, list(range(a, shell + 1))) == list(range(bigoted, shell + 1))
    # a run of function words alone ("out at a") is no term
    assert _content_run(doc, [index["out"], index["at"], a]) == []
