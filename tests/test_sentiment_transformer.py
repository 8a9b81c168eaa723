"""The `transformer` sentiment backend: the shipped ONNX model matches its card, loads
without the training stack, labels sentences of our own, scores a target the same
alone or in a batch, keeps a long sentence's target in its window, and runs in the
pipeline (one process and `--jobs`) with the same results."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import write_corpus

from analysis.config import package_data
from analysis.sentiment import target_polarities, target_polarity, transformer
from analysis.sentiment.transformer import (
    WINDOW_CHARS,
    marked_input,
    model_path,
    score_targets,
    window,
)

CARD = package_data("models/sentiment_transformer.md").read_text(encoding="utf-8")

CORRUPT = "The corrupt senator lied to voters and stole millions from the pension fund."
PRAISED = "The senator was praised for her courage and tireless work helping flood victims."
ROUTINE = "The senator arrived in Ohio on Tuesday for a meeting with local officials."
TWO = "The heroic mayor saved the town while the corrupt governor stole its money."


def _target(sentence: str, mention: str) -> tuple[str, int, int]:
    start = sentence.index(mention)
    return sentence, start, start + len(mention)


def test_model_file_matches_the_checksum_in_its_card():
    stated = re.search(r"Model file SHA-256: `([0-9a-f]{64})`", CARD)
    assert stated, "the card must give the model file's SHA-256"
    assert hashlib.sha256(model_path().read_bytes()).hexdigest() == stated.group(1)
    tokenizer = re.search(r"Tokenizer \(`[^`]+`\)\s+SHA-256: `([0-9a-f]{64})`", CARD)
    assert tokenizer, "the card must give the tokenizer's SHA-256"
    data = package_data(transformer.TOKENIZER_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == tokenizer.group(1)


def test_model_is_small_enough_to_ship():
    assert model_path().stat().st_size < 100 * 2**20


def test_shipped_model_gives_the_expected_labels():
    scored = score_targets(
        [
            _target(CORRUPT, "senator"),
            _target(PRAISED, "senator"),
            _target(ROUTINE, "senator"),
            _target(TWO, "mayor"),
            _target(TWO, "governor"),
        ]
    )
    labels = [label for _, label in scored]
    assert labels == ["negative", "positive", "neutral", "positive", "negative"]
    assert scored[0][0] < -0.5 < 0.5 < scored[1][0]
    assert all(-1.0 <= score <= 1.0 for score, _ in scored)


def test_runs_without_the_training_stack():
    score_targets([_target(ROUTINE, "senator")])
    assert "torch" not in sys.modules and "transformers" not in sys.modules


def test_a_targets_score_does_not_depend_on_its_batch():
    alone = score_targets([_target(TWO, "governor")])[0]
    crowd = [_target(s, "senator") for s in (CORRUPT, PRAISED, ROUTINE) * 12]
    batched = score_targets([*crowd, _target(TWO, "governor")])[-1]
    assert batched[1] == alone[1]
    assert batched[0] == pytest.approx(alone[0], abs=1e-5)


def test_long_sentence_keeps_its_target_in_the_window():
    filler = " ".join(f"word{i}" for i in range(300))
    sentence = f"{filler} and then the corrupt senator lied."
    text, start, end = window(*_target(sentence, "senator"))
    assert len(text) <= WINDOW_CHARS
    assert text[start:end] == "senator"
    marked, mention = marked_input(*_target(sentence, "senator"))
    assert "<< senator >>" in marked and mention == "senator"
    assert not marked.startswith("word0 ")  # cut from the far side of the target
    short = _target(ROUTINE, "senator")
    assert window(*short) == short


def test_backend_scores_targets_of_a_parsed_doc(nlp):
    doc = nlp(f"Officials met on Monday. {TWO}")
    spans = [(doc.text.index(m), doc.text.index(m) + len(m)) for m in ("mayor", "governor")]
    together = target_polarities(doc, spans, "transformer")
    assert [p.label for p in together] == ["positive", "negative"]
    assert all(p.backend == "transformer" for p in together)
    second = next(iter(doc.sents)).end_char  # the scope is the mention's sentence
    assert all(p.scope_start >= second and p.scope_end == len(doc.text) for p in together)
    one = target_polarity(doc, *spans[1], backend="transformer")
    assert one == together[1]
    assert target_polarities(doc, [], "transformer") == []


ARTICLES = [
    "The corrupt senator Jane Smith lied to voters, critics said on Monday.",
    "Governor Tom Brown was praised for his tireless work after the flood.",
    "Mayor Ann Lee arrived in Ohio on Tuesday for a meeting with officials.",
    "Senator Jane Smith said the reckless plan would wreck the economy.",
]


@pytest.mark.slow
def test_pipeline_with_the_transformer_one_process_and_jobs_agree(tmp_path):
    from analysis.pipeline import run_analysis

    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    tables = {}
    for jobs in (1, 2):
        result = run_analysis([corpus], sentiment="transformer", jobs=jobs, use_cache=False)
        tables[jobs] = result.tables["actor_sentiment"]
    one = tables[1].set_index(["article_id", "actor"])
    assert set(one["backend"]) == {"transformer"}
    assert one.loc[("a0", "Jane Smith"), "polarity"] < 0 < one.loc[("a1", "Tom Brown"), "polarity"]
    assert tables[1].equals(tables[2])


def test_eval_command_with_the_transformer(tmp_path, capsys):
    from analysis.cli import main

    fixture = Path(__file__).parent / "data" / "sentiment_fixture.jsonl"
    out = tmp_path / "predictions.jsonl"
    code = main(
        ["eval", "sentiment", "--backend", "transformer", "--data", str(fixture),
         "--predictions", str(out)]
    )  # fmt: skip
    assert code == 0
    assert "backend transformer" in capsys.readouterr().out
    predictions = [json.loads(line) for line in out.read_text().splitlines()]
    gold = [json.loads(line) for line in fixture.read_text().splitlines()]
    assert [p["id"] for p in predictions] == [g["id"] for g in gold]  # in the gold's order
    assert [p["predicted"] for p in predictions] == [g["gold"] for g in gold]
