"""Benchmark: target-dependent sentiment on NewsMTSC dev (../shared/eval/newsmtsc/).

Scores every backend of `analysis.sentiment` on `dev_rw.jsonl` (real-world class
balance) and `dev_mt.jsonl` (sentences with several targets), next to the reference
points recomputed here: always-neutral, and TextBlob / VADER on the whole sentence.
Prints a markdown block for benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/sentiment.py [--eval-dir ../shared/eval/newsmtsc]

Nothing is fitted here: the trained backend was trained on train.jsonl only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

from analysis.eval_sentiment import parse_sentences, predict, read_gold, scores
from analysis.nlp import load_pipeline
from analysis.sentiment import (
    BACKENDS,
    DEFAULT_BACKEND,
    TEXTBLOB_THRESHOLD,
    VADER_THRESHOLD,
    textblob_scores,
    vader_scores,
)
from analysis.sentiment.backends import _label

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "newsmtsc"
SPLITS = ("dev_rw", "dev_mt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    if not all((args.eval_dir / f"{s}.jsonl").is_file() for s in SPLITS):
        print(f"NewsMTSC dev files not found in {args.eval_dir}; nothing to do.")
        return 0
    nlp = load_pipeline()
    results: dict[str, dict[str, dict]] = {}
    timings: dict[str, float] = {}
    for split in SPLITS:
        records = read_gold(args.eval_dir / f"{split}.jsonl")
        gold = [r["gold"] for r in records]
        docs = parse_sentences(records, nlp)
        rows: dict[str, list[str]] = {
            "always neutral": ["neutral"] * len(records),
            "TextBlob, whole sentence": [
                _label(textblob_scores(r["sentence"])[0], TEXTBLOB_THRESHOLD) for r in records
            ],
            "VADER, whole sentence": [
                _label(vader_scores(r["sentence"])["compound"], VADER_THRESHOLD) for r in records
            ],
        }
        for backend in (
            "textblob",
            "vader",
            *[b for b in BACKENDS if b not in ("textblob", "vader")],
        ):
            started = time.perf_counter()
            predicted = predict(records, backend, docs=docs)
            scope = "the sentence" if backend == "transformer" else "scoped clause"
            rows[f"`{backend}` ({scope})"] = [p["predicted"] for p in predicted]
            timings[backend] = timings.get(backend, 0.0) + time.perf_counter() - started
        results[split] = {name: scores(gold, predicted) for name, predicted in rows.items()}

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    counts = {s: results[s]["always neutral"]["n"] for s in SPLITS}
    print("## Sentiment toward targets (NewsMTSC dev)\n")
    print("Command: `.venv/bin/python benchmarks/sentiment.py`  ")
    print(f"Date: {dt.date.today().isoformat()}, commit `{commit or 'unknown'}`  ")
    print(
        f"Data: `../shared/eval/newsmtsc/dev_rw.jsonl` ({counts['dev_rw']} targets, real-world "
        f"class balance), `dev_mt.jsonl` ({counts['dev_mt']} targets, multi-target sentences). "
        f"Default backend: `{DEFAULT_BACKEND}`.\n"
    )
    print(
        "| method | dev_rw macro-F1 | dev_rw F1 neg / neu / pos | dev_mt macro-F1 "
        "| dev_mt F1 neg / neu / pos |"
    )
    print("|---|---|---|---|---|")
    for name in results["dev_rw"]:
        cells = []
        for split in SPLITS:
            r = results[split][name]
            per = " / ".join(f"{r['per_class'][c]['f1']:.3f}" for c in r["per_class"])
            cells += [f"{r['macro_f1']:.3f}", per]
        print(f"| {name} | " + " | ".join(cells) + " |")
    from analysis.sentiment.model import lexicon_fingerprint, load_model

    if load_model().meta.get("reporting_cues_sha256") != lexicon_fingerprint():
        print(
            "\n**Note:** the reporting-cue lexicon changed since the model was trained; "
            "retrain with `framing train sentiment`."
        )
    total = sum(counts.values())
    print(
        "\nScoring time per target (both splits, parse excluded): "
        + ", ".join(f"`{b}` {1000 * t / total:.1f} ms" for b, t in timings.items())
    )
    print(
        "\nReferences (held-out real-world test split, from the data's README): always-neutral "
        "0.190, TextBlob whole sentence 0.416, VADER whole sentence 0.513, VADER scoped "
        "clause 0.564, fine-tuned transformer 0.831."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
