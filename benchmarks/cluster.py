"""Cluster benchmark: what the driver of `framing analyze --engine dask` holds as the
corpus grows.

    .venv/bin/python benchmarks/cluster.py [--corpus FILE.jsonl] [--workers 2]

Starts a real `dask scheduler` and `--workers` `dask worker` processes on 127.0.0.1,
then runs `framing analyze --engine dask --scheduler ...` on the corpus (default: the
150 BASIL articles of ../shared/eval/basil/articles.jsonl) and on the corpus four times
over (distinct texts), each with an empty cache, and reports the driver's peak memory
(the `framing` process alone; the workers are other processes), the bytes of
aggregates it held (run.json), and the wall time. Prints a markdown block for
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from analysis.scale import dask_processes

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "eval" / "basil" / "articles.jsonl"
BIN = Path(sys.executable).parent


def write_corpus(source: Path, path: Path, copies: int) -> Path:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for i, r in enumerate(rows):
                text = r["text"] if k == 0 else f"{r['text']}\n\nCopy {k}."
                record = {**r, "id": f"{r.get('id') or r.get('doc_id') or i}~{k}", "text": text}
                out.write(json.dumps(record) + "\n")
    return path


def driver_run(command: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the driver process alone."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(time.perf_counter() - t, peak, code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command], env=env, capture_output=True, text=True
    )
    seconds, peak, code = done.stdout.split()
    if int(code) not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n{done.stderr}")
    return float(seconds), int(peak) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=BASIL)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"no corpus at {args.corpus}")

    work = Path(tempfile.mkdtemp(prefix="framing-cluster-"))
    corpus1 = write_corpus(args.corpus, work / "corpus1.jsonl", 1)
    corpus4 = write_corpus(args.corpus, work / "corpus4.jsonl", 4)
    rows = []
    with dask_processes(args.workers) as address:
        for label, corpus in (("1×", corpus1), ("4×", corpus4)):
            env = {**os.environ, "CI": "1", "FRAMING_CACHE_DIR": str(work / f"cache-{label}")}
            out = work / f"out-{label}"
            command = [str(BIN / "framing"), "analyze", str(corpus), "--out", str(out),
                       "--quiet", "--engine", "dask", "--scheduler", address]  # fmt: skip
            seconds, peak = driver_run(command, env)
            run = json.loads((out / "run.json").read_text())
            rows.append((label, run, seconds, peak))

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"### Cluster engine: driver memory ({date.today().isoformat()}, commit {commit})",
        "",
        "Command: `.venv/bin/python benchmarks/cluster.py`",
        f"Corpus: {args.corpus} (1×) and the same four times over with distinct texts (4×); "
        f"a `dask scheduler` and {args.workers} `dask worker` processes on 127.0.0.1; "
        f"machine: {os.cpu_count()} cores; empty caches.",
        "",
        "| corpus | articles | tokens | shares | driver peak RSS (MB) | aggregates held "
        "(MB) | wall (s) | articles/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, run, seconds, peak in rows:
        counts = run["counts"]
        lines.append(
            f"| {label} | {counts['articles']:,} | {counts['tokens']:,} | {run['shares']} | "
            f"{peak:.0f} | {run['driver']['aggregates_bytes'] / 1e6:.1f} | {seconds:.1f} | "
            f"{counts['articles'] / seconds:.1f} |"
        )
    ratio = rows[1][3] / rows[0][3]
    lines += [
        "",
        f"Driver peak memory at 4× / at 1×: **{ratio:.2f}** (target ≤ 1.2): "
        f"{'met' if ratio <= 1.2 else 'not met'}.",
    ]
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
