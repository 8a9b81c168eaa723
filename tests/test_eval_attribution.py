"""`framing eval attribution`: overlap-based scoring on a gold file of our own, the
prediction format, and (when present) a slice of PolNeAR dev."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from analysis.eval_attribution import evaluate_attribution, format_metrics

#: As `tests/conftest.py`'s SHARED_EVAL (the tests folder is not a package).
SHARED_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def _span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def _record(doc_id: str, text: str, attributions: list[tuple]) -> dict:
    return {
        "doc_id": doc_id,
        "text": text,
        "attributions": [
            {
                "source": [_span(text, s)] if s else [],
                "cue": [_span(text, c)],
                "content": [_span(text, x)],
                "quote_form": form,
                "type": "Attribution" if s else "Attribution-no-source",
            }
            for s, c, x, form in attributions
        ],
    }


@pytest.fixture()
def gold_file(tmp_path):
    one = (
        "“We are treating this as an attack,” Marant said. "
        "Brenn claimed the drone came from Valdoria."
    )
    two = "According to the commission, there is no evidence of an aircraft. The river is calm."
    records = [
        _record(
            "one",
            one,
            [
                ("Marant", "said", "“We are treating this as an attack,”", "direct"),
                ("Brenn", "claimed", "the drone came from Valdoria", "indirect"),
            ],
        ),
        _record(
            "two",
            two,
            [
                (
                    "the commission",
                    "According to",
                    "there is no evidence of an aircraft",
                    "indirect",
                ),
                ("", "calm", "The river", "indirect"),  # a gold cue the kit cannot find
            ],
        ),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_scores_and_breakdown(nlp, gold_file, tmp_path):
    out = tmp_path / "pred.jsonl"
    metrics = evaluate_attribution(gold_file, out, nlp=nlp)
    overall = metrics["all"]
    assert overall["gold"] == 4 and overall["predicted"] == 3
    assert overall["cue"]["precision"] == 1.0 and overall["cue"]["recall"] == 0.75
    assert overall["source"]["recall"] == 0.75
    assert overall["content"]["f1"] > 0.95
    assert metrics["direct"]["cue"]["f1"] == 1.0
    assert metrics["mixed"]["gold"] == 0
    table = format_metrics(metrics)
    assert "| all |" in table and "| indirect |" in table

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["doc_id"] for line in lines] == ["one", "two"]
    first = lines[0]["attributions"][0]
    assert set(first) == {"source", "cue", "content", "stance", "quote_type"}
    text = json.loads(gold_file.read_text(encoding="utf-8").splitlines()[0])["text"]
    assert text[first["cue"][0] : first["cue"][1]] == "said"
    assert first["quote_type"] == "direct" and first["stance"] == "neutral"


def test_a_wrong_source_is_counted(nlp, tmp_path):
    text = "Brenn claimed the drone came from Valdoria."
    record = _record("x", text, [("Valdoria", "claimed", "the drone came", "indirect")])
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    metrics = evaluate_attribution(path, nlp=nlp)
    assert metrics["all"]["cue"]["f1"] == 1.0
    assert metrics["all"]["source"]["f1"] == 0.0


POLNEAR = SHARED_EVAL / "polnear" / "dev.jsonl"


@pytest.mark.skipif(not POLNEAR.exists(), reason="shared eval data absent")
def test_polnear_slice(nlp, tmp_path):
    lines = POLNEAR.read_text(encoding="utf-8").splitlines()[:4]
    path = tmp_path / "slice.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    metrics = evaluate_attribution(path, nlp=nlp)
    assert metrics["documents"] == 4
    assert metrics["all"]["cue"]["f1"] > 0.4


def test_modes_and_scoring_without_parsing(nlp, gold_file, tmp_path):
    """The three modes are scored alike; `score_predictions` scores rows directly."""
    from analysis.attribution.model import AttributionModel, LinearModel
    from analysis.eval_attribution import read_gold, score_predictions

    text = "Brenn groused that the drone came from Valdoria. Marant said it was late."
    record = _record(
        "g",
        text,
        [
            ("Brenn", "groused", "that the drone came from Valdoria", "indirect"),
            ("Marant", "said", "it was late", "indirect"),
        ],
    )
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    rules = evaluate_attribution(path, nlp=nlp, mode="rules")
    assert rules["mode"] == "rules" and rules["all"]["cue"]["recall"] == 0.5
    # A model that knows "grouse" (not in the lexicon) adds it in combined mode.
    cue = LinearModel({"lemma=grouse": 0}, np.array([10.0]), -5.0)
    span = LinearModel({"kind=parsed": 0}, np.array([3.0]), 0.0)
    model = AttributionModel(cue, cue, span, span, keep=0.0, add=0.5, add_alone=0.5, meta={})
    combined = evaluate_attribution(path, nlp=nlp, mode="combined", model=model)
    assert combined["all"]["cue"]["f1"] == 1.0 and combined["all"]["source"]["f1"] == 1.0
    alone = evaluate_attribution(path, nlp=nlp, mode="model", model=model)
    assert alone["all"]["predicted"] == 1 and alone["all"]["cue"]["precision"] == 1.0
    records = read_gold(gold_file)
    empty = score_predictions(records, [[] for _ in records])
    assert empty["all"]["gold"] == 4 and empty["all"]["cue"]["f1"] == 0.0


def test_the_source_phrase_is_the_predicted_source_and_no_part_of_the_content():
    """A quote that runs on past its speaker's description: the description is the
    source's (as PolNeAR marks it), so it is neither charged to the content nor lost
    from the source; without the phrase it counts as content."""
    from analysis.attribution import Attribution
    from analysis.eval_attribution import prediction_record, score_predictions

    text = "“It fails,” said Jo Park, an economist at the bank. “It fails badly.”"
    name, phrase = _span(text, "Jo Park"), _span(text, "Jo Park, an economist at the bank")
    said = _span(text, "said")
    gold = {
        "doc_id": "g",
        "text": text,
        "attributions": [
            {
                "source": [phrase],
                "cue": [said],
                "content": [_span(text, "“It fails,”"), _span(text, "“It fails badly.”")],
                "quote_form": "direct",
            }
        ],
    }

    def row(source_end):
        return Attribution(
            "g", 0, "Jo Park", name["start"], name["end"], "name", "said",
            said["start"], said["end"], "say", "neutral", 0.0, text, 0, len(text),
            "direct", False, False, source_start=name["start"], source_end=source_end,
        )  # fmt: skip

    with_phrase = score_predictions([gold], [[row(phrase["end"])]])
    name_only = score_predictions([gold], [[row(name["end"])]])
    assert with_phrase["all"]["content"]["precision"] > 0.95  # the full stop after "bank"
    assert name_only["all"]["content"]["precision"] < 0.8
    assert with_phrase["all"]["source"]["f1"] == name_only["all"]["source"]["f1"] == 1.0
    record = prediction_record("g", [row(phrase["end"])])
    assert record["attributions"][0]["source"] == [phrase["start"], phrase["end"]]
