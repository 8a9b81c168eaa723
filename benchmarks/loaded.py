"""Benchmark: loaded words on the dev split of ../shared/eval/loaded/, and what the
trained tagger costs.

1. Token-level precision / recall / F1 on `dev.jsonl`, overall, per corpus source
   (BABE, BASIL, PTC) and per origin of the predictions, for the lexicon-only tagger
   (lexicons, reporting-cue verbs of the emotive and distancing classes, scare quotes)
   and for the same plus the trained tagger (the shipped model).
2. Cost: a cold `framing analyze` (a fresh, empty FRAMING_CACHE_DIR, so every article is
   parsed) of `../shared/eval/polnear/dev.jsonl` with and without the tagger
   (`--no-loaded-model`), wall time, and the tagger's own time from run.json
   (`timings_seconds.loaded_model`).

    .venv/bin/python benchmarks/loaded.py [--eval-dir ../shared/eval] [--skip-cost]

Prints a markdown block for benchmarks/RESULTS.md. Nothing is fitted here: the model
was fitted on train.jsonl only; its decision threshold was tuned on dev.jsonl (so the
dev figures of the model are optimistic by the amount a threshold can overfit 150
sentences; the lexicon figures are not tuned at all).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.eval_loaded import LoadedReport, evaluate_loaded
from analysis.loaded import load_tagger
from analysis.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval"


def _table(reports: dict[str, LoadedReport]) -> list[str]:
    lines = [
        "| tagger | slice | precision | recall | F1 | gold tokens | predicted tokens |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, report in reports.items():
        slices = {"all": report.overall, **report.by_source}
        for slice_name, s in slices.items():
            lines.append(
                f"| {name} | {slice_name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
                f"| {s.gold_tokens} | {s.predicted_tokens} |"
            )
    return lines


def _origins(report: LoadedReport) -> list[str]:
    return [
        f"- {origin}: precision {s.precision:.3f} on {s.predicted_tokens} tokens "
        f"(recall alone {s.recall:.3f})"
        for origin, s in report.by_origin.items()
    ]


def _cold_analyze(data: Path, extra: list[str]) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "FRAMING_CACHE_DIR": cache}
        command = [str(ROOT / ".venv" / "bin" / "framing"), "analyze", str(data), "--out", out]
        clock = time.perf_counter()
        subprocess.run(command + extra, check=True, env=env, capture_output=True)
        wall = time.perf_counter() - clock
        run = json.loads((Path(out) / "run.json").read_text(encoding="utf-8"))
    return wall, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--skip-cost", action="store_true")
    parser.add_argument("--repeats", type=int, default=1, help="cold runs of each setting")
    args = parser.parse_args(argv)
    dev = args.eval_dir / "loaded" / "dev.jsonl"
    if not dev.is_file():
        print(f"{dev}: not found", file=sys.stderr)
        return 1
    nlp = load_pipeline()
    tagger = load_tagger()
    reports = {
        "lexicon only": evaluate_loaded(dev, nlp=nlp, use_model=False),
        "lexicon + model": evaluate_loaded(dev, nlp=nlp),
    }
    print(f"### Dev ({dev.name}, threshold {tagger.threshold} tuned on dev)\n")
    print("\n".join(_table(reports)))
    print("\nPer origin of the predictions (lexicon + model):\n")
    print("\n".join(_origins(reports["lexicon + model"])))

    polnear = args.eval_dir / "polnear" / "dev.jsonl"
    if args.skip_cost or not polnear.is_file():
        return 0
    print(f"\n### Cost: cold `framing analyze {polnear.name}` ({args.repeats} run(s) each)\n")
    for label, extra in (("without the tagger", ["--no-loaded-model"]), ("with the tagger", [])):
        walls, model_seconds, lexicon_seconds = [], [], []
        for _ in range(args.repeats):
            wall, run = _cold_analyze(polnear, extra)
            walls.append(wall)
            timings = run.get("timings_seconds", {})
            model_seconds.append(float(timings.get("loaded_model", 0.0)))
            lexicon_seconds.append(float(timings.get("lexicons", 0.0)))
        best = min(walls)
        print(
            f"- {label}: wall {best:.1f} s (best of {len(walls)}), lexicons stage "
            f"{min(lexicon_seconds):.2f} s, of which the tagger {min(model_seconds):.2f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
