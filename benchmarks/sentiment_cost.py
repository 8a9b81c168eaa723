"""Benchmark: what each sentiment backend adds to a cold `framing analyze`.

    .venv/bin/python benchmarks/sentiment_cost.py [--corpus FILE.jsonl] [--backends ...]

On one corpus (default: the texts of ../shared/eval/polnear/dev.jsonl, 84 articles),
runs `framing analyze` cold (an empty cache folder each time) once per backend with one
process, and with `--jobs 2` for `trained` and `transformer`, then a warm re-run of the
last transformer run (same cache). Reads each run's `run.json`: the wall time, the
sentiment stage's seconds and the mentions scored, and prints a markdown block for
benchmarks/RESULTS.md: wall seconds, sentiment seconds, mentions per second of the
sentiment stage, and the cost over `trained`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
FRAMING = Path(sys.executable).parent / "framing"


def write_corpus(source: Path, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                row = json.loads(line)
                name = str(row.get("doc_id") or row.get("id") or number)
                out.write(json.dumps({"id": name, "text": row["text"]}) + "\n")
    return path


def work_corpus(source: Path, prefix: str) -> tuple[Path, Path] | None:
    """(a fresh work folder, the corpus written in it) for cost runs on `source`, or
    None (said on standard error) when `source` is absent."""
    if not source.is_file():
        print(f"no corpus at {source}; nothing to do", file=sys.stderr)
        return None
    work = Path(tempfile.mkdtemp(prefix=prefix))
    return work, write_corpus(source, work / "corpus.jsonl")


def analyze(corpus: Path, work: Path, backend: str, jobs: int, cache: Path, *options: str) -> dict:
    """One `framing analyze` run (`options`: further flags): wall seconds, sentiment
    seconds, mentions, and every stage's seconds from run.json (`timings`)."""
    out = work / f"out-{backend}-{jobs}-{time.monotonic_ns()}"
    env = {**os.environ, "CI": "1", "FRAMING_CACHE_DIR": str(cache)}
    command = [str(FRAMING), "analyze", str(corpus), "--out", str(out), "--quiet"]
    command += ["--sentiment", backend, "--jobs", str(jobs), *options]
    clock = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - clock
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    with (out / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        mentions = sum(1 for _ in csv.DictReader(handle))
    timings = run["timings_seconds"]
    seconds = timings.get("sentiment", float("nan"))
    return {"wall": wall, "sentiment": seconds, "mentions": mentions, "timings": timings}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=POLNEAR)
    parser.add_argument(
        "--backends", nargs="+", default=["trained", "vader", "textblob", "transformer"]
    )
    args = parser.parse_args()
    prepared = work_corpus(args.corpus, "framing-sentiment-cost-")
    if prepared is None:
        return 0
    work, corpus = prepared
    runs: list[tuple[str, int, str, dict]] = []
    for backend in args.backends:
        runs.append((backend, 1, "cold", analyze(corpus, work, backend, 1, work / f"c-{backend}")))
    for backend in ("trained", "transformer"):
        if backend in args.backends:
            cache = work / f"c2-{backend}"
            runs.append((backend, 2, "cold", analyze(corpus, work, backend, 2, cache)))
    if "transformer" in args.backends:
        warm = analyze(corpus, work, "transformer", 2, work / "c2-transformer")
        runs.append(("transformer", 2, "warm", warm))
    base = {jobs: r for b, jobs, kind, r in runs if b == "trained" and kind == "cold"}
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    articles = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    print("### What each sentiment backend costs in a cold `framing analyze`\n")
    print("Command: `.venv/bin/python benchmarks/sentiment_cost.py`  ")
    print(f"Date: {date.today()}, commit `{commit}`, {os.cpu_count()} cores  ")
    print(f"Corpus: `{args.corpus.name}` ({articles} articles)\n")
    print(
        "| backend | jobs | run | wall s | sentiment stage s | mentions | mentions/s "
        "(sentiment stage) | wall over `trained` |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for backend, jobs, kind, r in runs:
        rate = r["mentions"] / r["sentiment"] if r["sentiment"] else float("nan")
        over = f"{r['wall'] / base[jobs]['wall']:.2f}×" if jobs in base and kind == "cold" else "—"
        print(
            f"| `{backend}` | {jobs} | {kind} | {r['wall']:.1f} | {r['sentiment']:.1f} | "
            f"{r['mentions']} | {rate:,.0f} | {over} |"
        )
    print(
        "\nThe sentiment stage's seconds are summed over the worker processes under "
        "`--jobs 2` (CPU time spent, not wall time saved); mentions/s is per process."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
