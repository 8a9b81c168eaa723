"""Benchmark: article-level portrayal on BASIL dev (../shared/eval/basil/).

Runs `framing eval portrayal` on the folder: the kit analyses the 150 articles (parse
cache), matches each labelled entity to an actor and scores the portrayal model
cross-validated by event (refitted on the other events in each fold), the shipped model
(in-sample when it was fitted on this folder), the kit's first portrayal (mean polarity
of the actor's mentions) and always-neutral. Prints the report and a markdown block for
benchmarks/RESULTS.md, and the weights of the shipped model (which signals carry it).

    .venv/bin/python benchmarks/portrayal.py [--data ../shared/eval/basil]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

from analysis.eval_portrayal import evaluate_portrayal
from analysis.portrayal import FEATURE_NOTES, load_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "basil"


def _row(name: str, scores: dict) -> str:
    f1 = scores["per_class"]
    auc = f"{scores['auc']:.3f}" if scores.get("auc") is not None else "—"
    return (
        f"| {name} | {auc} | {scores['macro_f1']:.3f} | {f1['negative']['f1']:.3f} / "
        f"{f1['neutral']['f1']:.3f} / {f1['positive']['f1']:.3f} | {scores['n']} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    if not (args.data / "gold.jsonl").is_file():
        print(f"no BASIL folder at {args.data}; nothing to do", file=sys.stderr)
        return 0
    result = evaluate_portrayal(args.data, echo=print)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    cv = result["cross_validated"]
    print()
    print("Command: `.venv/bin/python benchmarks/portrayal.py`  ")
    print(f"Date: {dt.date.today()}, commit `{commit}`  ")
    print(
        f"Coverage: {result['coverage']:.3f} ({result['matched']} of {result['records']} "
        "labelled entities found as an actor)"
    )
    print()
    print("| method | AUC (neg vs rest) | macro-F1 | F1 neg / neu / pos | n |")
    print("|---|---|---|---|---|")
    print(_row(f"portrayal model, cross-validated by event (C={cv['C']:g})", cv))
    print(_row("mean clause polarity (the kit's first portrayal)", result["clause_mean"]))
    print(_row("always neutral", result["always_neutral"]))
    shipped = "shipped model" + (", in-sample" if result["in_sample"] else "")
    print(_row(shipped, result["model"]))
    print()
    model = load_model()
    print("| signal | weight toward negative (per SD) | what it is |")
    print("|---|---|---|")
    ranked = sorted(
        zip(model.features, model.negative.weights, strict=True), key=lambda x: -abs(x[1])
    )
    for name, weight in ranked:
        print(f"| `{name}` | {weight:+.3f} | {FEATURE_NOTES[name]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
