"""Benchmark: what the attribution tagger adds to a cold `framing analyze` (issue 16's
budget: at most 15%).

    .venv/bin/python benchmarks/attribution_cost.py [--corpus FILE.jsonl] [--rounds 2]

On one corpus (default: the texts of ../shared/eval/polnear/dev.jsonl, 84 articles),
runs `framing analyze` cold (an empty cache folder each time, one process, the default
sentiment backend) with `--attribution combined` (no tagger) and `--attribution
tagger`, alternating, `--rounds` times each: the machines here are shared virtual
cores whose pace drifts over minutes, so the two modes are timed side by side and the
medians compared. Prints a markdown block for benchmarks/RESULTS.md: wall seconds and
the attribution stage's seconds per run, and what the tagger adds — the difference of
the median walls and of the median attribution stages, as a share of the median cold
run without it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentiment_cost import POLNEAR, ROOT, analyze, work_corpus  # noqa: E402

MODES = ("combined", "tagger")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=POLNEAR)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    prepared = work_corpus(args.corpus, "framing-attribution-cost-")
    if prepared is None:
        return 0
    work, corpus = prepared
    runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for round_ in range(args.rounds):
        for mode in MODES if round_ % 2 == 0 else MODES[::-1]:
            cache = work / f"cache-{mode}-{round_}"
            runs[mode].append(analyze(corpus, work, "trained", 1, cache, "--attribution", mode))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    articles = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    print("### What the attribution tagger costs in a cold `framing analyze`\n")
    print(f"Command: `.venv/bin/python benchmarks/attribution_cost.py --rounds {args.rounds}`  ")
    print(f"Date: {date.today()}, commit `{commit}`, {os.cpu_count()} cores  ")
    print(f"Corpus: `{args.corpus.name}` ({articles} articles), one process, cold cache\n")
    print("| mode | run | wall s | attribution stage s | parse s |")
    print("|---|---:|---:|---:|---:|")
    for mode in MODES:
        for number, run in enumerate(runs[mode], 1):
            timings = run["timings"]
            print(
                f"| `{mode}` | {number} | {run['wall']:.1f} | {timings['attribution']:.1f} | "
                f"{timings['parse']:.1f} |"
            )
    wall = {m: statistics.median(r["wall"] for r in runs[m]) for m in MODES}
    stage = {m: statistics.median(r["timings"]["attribution"] for r in runs[m]) for m in MODES}
    added_wall = wall["tagger"] - wall["combined"]
    added_stage = stage["tagger"] - stage["combined"]
    print(
        f"\nMedian cold run without the tagger {wall['combined']:.1f} s "
        f"({wall['combined'] / articles:.2f} s per article). The tagger adds "
        f"{added_stage:.1f} s to the attribution stage ({added_stage / articles * 1000:.0f} ms "
        f"per article, **{100 * added_stage / wall['combined']:.1f}%** of the cold run) and "
        f"{added_wall:.1f} s to the wall ({100 * added_wall / wall['combined']:.1f}%; the "
        "wall also carries the machine's drift between runs)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
