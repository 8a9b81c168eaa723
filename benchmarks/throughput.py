"""Throughput benchmark: how close `framing analyze` runs to the speed of the parser.

    .venv/bin/python benchmarks/throughput.py [--corpus FILE.jsonl] [--repeat-small N]

On one corpus (default: the texts of ../shared/eval/polnear/dev.jsonl when present,
else data/examples/ repeated), times in one run:

  (a) bare spaCy `nlp.pipe` with the same pipeline, in a fresh process (start-up and
      model load reported separately);
  (b) `framing analyze` cold (empty cache), as a user runs it, start-up included;
  (c) the same warm (cache filled);
  (d) cold with `--jobs 2`;
  (e) peak memory of a cold run on the corpus and on the corpus four times over
      (distinct texts), to check that memory stays flat in corpus size;
  (f) notebook 01-article on the seed, executed by `framing report` on a warm cache.

Prints a markdown block for benchmarks/RESULTS.md: tokens/s, articles/s, CPU seconds
(user + system, children included: steadier than wall time on a busy machine), peak memory,
the ratios against the targets, and each stage's share of the cold run (from run.json).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
BIN = Path(sys.executable).parent
#: Targets (issue 17): cold `analyze` at this share of the bare parse's speed, and
#: `--jobs 2` this many times faster than one process.
PARSE_PACE = 0.90
JOBS2_SPEEDUP = 1.8

BARE_PARSE = """
import sys, time, json
t0 = time.perf_counter()
from analysis.nlp import load_pipeline
from analysis.ingest import read_articles
nlp = load_pipeline()
articles, _ = read_articles([sys.argv[1]])
texts = [a.analysis_text() for a in articles]
t1 = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
t2 = time.perf_counter()
print(json.dumps({"startup": t1 - t0, "parse": t2 - t1, "tokens": tokens, "docs": len(texts)}))
"""


def corpus_records(corpus: Path | None, repeat_small: int) -> list[dict]:
    """The benchmark texts as records (id, text)."""
    if corpus is None and POLNEAR.exists():
        corpus = POLNEAR
    if corpus is not None:
        rows = [
            json.loads(line)
            for line in corpus.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        return [
            {"id": str(r.get("doc_id") or r.get("id") or i), "text": r["text"]}
            for i, r in enumerate(rows)
        ]
    rows = [
        json.loads(line)
        for line in (ROOT / "data" / "examples" / "articles.jsonl").read_text().splitlines()
    ]
    return [
        {"id": f"{r['id']}~{k}", "text": f"{r['text']}\n\nCopy {k}."}
        for k in range(repeat_small)
        for r in rows
    ]


def write_corpus(records: list[dict], path: Path, copies: int = 1) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for r in records:
                text = r["text"] if k == 0 else f"{r['text']}\n\nCopy {k}."
                out.write(json.dumps({"id": f"{r['id']}~{k}", "text": text}) + "\n")
    return path


#: CPU seconds (user + system) of each command `timed` ran, by its position: on a busy
#: machine wall time varies with the load, CPU time much less.
CPU_SECONDS: list[float] = []


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict) -> tuple[float, str]:
    """Wall seconds and stdout of one command (its CPU seconds go to CPU_SECONDS)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    CPU_SECONDS.append(_children_cpu() - cpu)
    if process.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return seconds, stdout


def peak_memory(command: list[str], env: dict) -> float:
    """Peak RSS in MB of `command`, measured in a fresh wrapper process (ru_maxrss of
    waited-for children is the maximum over all of them, so each gets its own)."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, help="a JSONL file with a `text` field")
    parser.add_argument(
        "--repeat-small",
        type=int,
        default=8,
        help="copies of data/examples when no corpus is found (default 8)",
    )
    args = parser.parse_args()

    records = corpus_records(args.corpus, args.repeat_small)
    work = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    corpus = write_corpus(records, work / "corpus.jsonl")
    corpus4 = write_corpus(records, work / "corpus4.jsonl", copies=4)
    env = {**os.environ, "CI": "1"}
    framing = str(BIN / "framing")

    def analyze(cache: str, out: str, *extra: str, source: Path = corpus) -> list[str]:
        env["FRAMING_CACHE_DIR"] = str(work / cache)
        return [framing, "analyze", str(source), "--out", str(work / out), "--quiet", *extra]

    env["FRAMING_CACHE_DIR"] = str(work / "unused")
    _, bare_out = timed([sys.executable, "-c", BARE_PARSE, str(corpus)], env)
    bare = json.loads(bare_out)
    bare_total = bare["startup"] + bare["parse"]

    cold, _ = timed(analyze("cache-a", "cold"), env)
    bare_cpu, cold_cpu = CPU_SECONDS[0], CPU_SECONDS[1]
    run = json.loads((work / "cold" / "run.json").read_text())
    warm, _ = timed(analyze("cache-a", "warm"), env)
    jobs2, _ = timed(analyze("cache-b", "jobs2", "--jobs", "2"), env)
    jobs2_cpu = CPU_SECONDS[3]
    memory1 = peak_memory(analyze("cache-c", "mem1"), env)
    memory4 = peak_memory(analyze("cache-d", "mem4", source=corpus4), env)

    seed = ROOT / "seeds" / "000_a24a2ea91177b532.txt"
    env["FRAMING_CACHE_DIR"] = str(work / "cache-nb")
    notebook = [
        framing,
        "report",
        str(seed),
        "--notebook",
        "01-article.ipynb",
        "--out",
        str(work / "report"),
    ]
    timed(notebook, env)  # fills the cache
    notebook_warm, _ = timed(notebook, env)

    tokens, docs = bare["tokens"], bare["docs"]
    stages = {k: v for k, v in run["timings_seconds"].items() if k not in ("total",)}
    stage_total = sum(stages.values()) or 1.0
    source = args.corpus or (POLNEAR if POLNEAR.exists() else "data/examples (repeated)")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"### Throughput ({date.today().isoformat()}, commit {commit})",
        "",
        "Command: `.venv/bin/python benchmarks/throughput.py`",
        f"Corpus: {source} — {docs} articles, {tokens:,} tokens (parser tokens, spaces "
        f"included). Machine: {os.cpu_count()} cores.",
        "",
        "| run | seconds | tokens/s | articles/s | CPU seconds |",
        "|---|---:|---:|---:|---:|",
        f"| (a) bare `nlp.pipe`, parse only | {bare['parse']:.2f} | "
        f"{tokens / bare['parse']:,.0f} | {docs / bare['parse']:.1f} | |",
        f"| (a') bare, with start-up and model load ({bare['startup']:.2f} s) | "
        f"{bare_total:.2f} | {tokens / bare_total:,.0f} | {docs / bare_total:.1f} | "
        f"{bare_cpu:.1f} |",
        f"| (b) `framing analyze`, cold cache | {cold:.2f} | {tokens / cold:,.0f} | "
        f"{docs / cold:.1f} | {cold_cpu:.1f} |",
        f"| (c) `framing analyze`, warm cache | {warm:.2f} | {tokens / warm:,.0f} | "
        f"{docs / warm:.1f} | {CPU_SECONDS[2]:.1f} |",
        f"| (d) `framing analyze --jobs 2`, cold | {jobs2:.2f} | {tokens / jobs2:,.0f} | "
        f"{docs / jobs2:.1f} | {jobs2_cpu:.1f} |",
        "",
        "| target | measured | met |",
        "|---|---:|:---:|",
        f"| cold analyze ≥ {PARSE_PACE} × bare parse (start-up included on both sides) | "
        f"{bare_total / cold:.2f} × | {'yes' if bare_total / cold >= PARSE_PACE else 'no'} |",
        f"| cold analyze ≥ {PARSE_PACE} × bare parse (bare without start-up) | "
        f"{bare['parse'] / cold:.2f} × | "
        f"{'yes' if bare['parse'] / cold >= PARSE_PACE else 'no'} |",
        f"| warm ≥ 10 × faster than cold | {cold / warm:.1f} × | "
        f"{'yes' if cold / warm >= 10 else 'no'} |",
        f"| `--jobs 2` ≥ {JOBS2_SPEEDUP} × faster than cold | {cold / jobs2:.2f} × | "
        f"{'yes' if cold / jobs2 >= JOBS2_SPEEDUP else 'no'} |",
        f"| peak memory, 4× corpus ≤ 1.2 × 1× corpus | {memory4:.0f} MB / {memory1:.0f} MB = "
        f"{memory4 / memory1:.2f} | {'yes' if memory4 / memory1 <= 1.2 else 'no'} |",
        f"| notebook 01-article on the seed, warm cache, < 30 s (`framing report`, kernel "
        f"start-up and figure export included) | {notebook_warm:.1f} s | "
        f"{'yes' if notebook_warm < 30 else 'no'} |",
        "",
        "Stage shares of the cold run (from its run.json):",
        "",
        "| stage | seconds | share |",
        "|---|---:|---:|",
        *[f"| {k} | {v:.2f} | {v / stage_total:.0%} |" for k, v in stages.items()],
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
