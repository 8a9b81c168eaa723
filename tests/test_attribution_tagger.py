"""The attribution tagger (`--attribution tagger`): the shipped ONNX model matches its
card, runs without the training stack, covers a long article with overlapping windows,
marks the cue of sentences of our own, and joins the rules in the `tagger` mode."""

from __future__ import annotations

import hashlib
import re
import sys

import numpy as np
import pytest
from conftest import write_corpus

from analysis.attribution import extract_attributions
from analysis.attribution.model import TaggerBlend
from analysis.attribution.tagger import (
    OVERLAP,
    TOKENIZER_FILE,
    WINDOW,
    model_path,
    piece_probabilities,
    token_probabilities,
    windows,
)
from analysis.config import package_data
from analysis.ingest import make_article

CARD = package_data("models/attribution_tagger.md").read_text(encoding="utf-8")
REPORT = "The senator said on Tuesday that the bill would fail in the House."
PLAIN = "The senator arrived in Ohio on Tuesday for a meeting with local officials."


def test_model_file_matches_the_checksum_in_its_card():
    stated = re.search(r"Model file SHA-256: `([0-9a-f]{64})`", CARD)
    assert stated, "the card must give the model file's SHA-256"
    assert hashlib.sha256(model_path().read_bytes()).hexdigest() == stated.group(1)
    tokenizer = re.search(r"Tokenizer \(`[^`]+`\)\s+SHA-256: `([0-9a-f]{64})`", CARD)
    assert tokenizer, "the card must give the tokenizer's SHA-256"
    data = package_data(TOKENIZER_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == tokenizer.group(1)


def test_model_is_small_enough_to_ship():
    assert model_path().stat().st_size < 30 * 2**20


def test_windows_cover_every_piece_and_overlap():
    assert windows(10) == [(0, 10)]
    spans = windows(1000)
    assert spans[0][0] == 0 and spans[-1][1] == 1000
    assert all(e - s <= WINDOW - 2 for s, e in spans)
    assert all(
        b[0] < a[1] for a, b in zip(spans, spans[1:], strict=False)
    )  # consecutive ones overlap


def test_cue_source_and_content_are_marked_and_a_plain_sentence_is_not():
    offsets, probs = piece_probabilities(REPORT)
    piece = {REPORT[s:e]: k for k, (s, e) in enumerate(offsets)}
    cue, source, content = probs[:, 0], probs[:, 1], probs[:, 2]
    assert cue[piece["said"]] > 0.5
    assert cue[piece["senator"]] < 0.5 and cue[piece["bill"]] < 0.5
    assert source[piece["senator"]] > 0.5 > source[piece["bill"]]
    assert content[piece["bill"]] > 0.5 > content[piece["senator"]]
    _, plain = piece_probabilities(PLAIN)
    assert plain[:, 0].max() < 0.5
    assert "torch" not in sys.modules and "transformers" not in sys.modules


def test_a_long_article_is_read_in_windows_and_ends_tagged(nlp):
    text = " ".join([PLAIN] * 40 + [REPORT])  # far past one window
    doc = nlp(text)
    probs = token_probabilities(doc)
    assert probs.shape == (len(doc), 3)
    said = [t.i for t in doc if t.text == "said"][-1]
    assert probs[said, 0] > 0.5
    assert probs[: said - 20, 0].max() < 0.5


def test_blend_weighs_the_two_probabilities():
    blend = TaggerBlend(np.array([0.9, 0.1, 0.5]), weight=0.5, keep=0.2, add=0.5)
    mixed = blend.blend(np.array([0.1, 0.5]), [0, 2])
    assert mixed == pytest.approx([0.5, 0.5])


def test_tagger_mode_finds_what_the_default_finds_on_a_plain_report(nlp):
    article = make_article(REPORT, article_id="t")
    doc = nlp(article.analysis_text())
    default = extract_attributions(article, doc)
    tagged = extract_attributions(article, doc, mode="tagger")
    assert [(a.cue, a.speaker, a.content) for a in tagged] == [
        (a.cue, a.speaker, a.content) for a in default
    ]
    assert tagged and tagged[0].cue == "said"


ARTICLES = [
    "Senator Jane Smith said on Monday that the plan would wreck the economy.",
    "Mayor Ann Lee arrived in Ohio on Tuesday. She told reporters the town would recover.",
]


@pytest.mark.slow
def test_analyze_with_the_tagger_one_process_and_jobs_agree(tmp_path):
    from analysis.pipeline import run_analysis

    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    results = {
        jobs: run_analysis([corpus], attribution="tagger", jobs=jobs, use_cache=False)
        for jobs in (1, 2)
    }
    assert results[1].run["attribution"] == {"mode": "tagger"}
    rows = results[1].tables["attributions"]
    assert list(rows["actor"]) == ["Jane Smith", "Ann Lee"]
    assert list(rows["cue_lemma"]) == ["say", "tell"]
    assert rows.equals(results[2].tables["attributions"])


def test_an_unknown_attribution_mode_fails_before_any_work():
    from analysis.pipeline import load_resources

    with pytest.raises(ValueError, match="unknown attribution mode"):
        load_resources(attribution="guess")


def test_a_noun_naming_the_report_of_its_verb_is_no_second_cue(nlp):
    # The tagger scores "statement" high, but "underlined" already reports these words.
    text = (
        "Putin's spokesman Dmitry Peskov underlined in a Thursday statement that Moscow is "
        "aware that Washington had selected the target of the drone strike."
    )
    article = make_article(text, article_id="t")
    rows = extract_attributions(article, nlp(article.analysis_text()), mode="tagger")
    assert [a.cue for a in rows] == ["underlined"]


def test_the_kit_cuts_windows_as_training_did_no_wider():
    import importlib.util
    from pathlib import Path

    from analysis.onnx_models import windows as cut_windows

    script = Path(__file__).resolve().parents[1] / "scripts" / "train_attribution_tagger.py"
    spec = importlib.util.spec_from_file_location("train_attribution_tagger", script)
    training = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(training)
    # The kit reads narrower windows than training did (same scores, half the cost).
    assert WINDOW <= training.WINDOW and OVERLAP <= training.OVERLAP
    for n in (0, 1, 126, 127, 254, 255, 600, 5000):
        assert training.windows(n) == cut_windows(n, training.WINDOW - 2, training.OVERLAP)
        assert windows(n) == cut_windows(n, WINDOW - 2, OVERLAP)
