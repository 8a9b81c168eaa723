"""Throughput benchmark: how close `framing analyze` runs to the speed of the parser.

    .venv/bin/python benchmarks/throughput.py [--corpus FILE.jsonl] [--copies K]
                                              [--rounds N] [--speed-only] [--repeat-small N]

On one corpus (default: the texts of ../shared/eval/polnear/dev.jsonl when present,
else data/examples/ repeated), times in one run:

  (a) bare spaCy `nlp.pipe` with the same pipeline, in a fresh process (start-up and
      model load reported separately), and the same over 2 forked processes (the
      parser's own speed-up on this machine: the ceiling for `--jobs 2`);
  (b) `framing analyze` cold (empty cache), as a user runs it, start-up included;
  (c) the same warm (cache filled);
  (d) cold with `--jobs 2`;
  (e) peak memory of a cold run on the corpus and on the corpus four times over
      (distinct texts), to check that memory stays flat in corpus size;
  (f) notebook 01-article on the seed, executed by `framing report` on a warm cache.

The cold runs (a), (b) and (d) are repeated `--rounds` times, interleaved, and the
medians reported: the speed of a shared machine drifts over minutes. `--copies K` runs
on the corpus K times over (distinct texts), where start-up weighs less.

Prints a markdown block for benchmarks/RESULTS.md: tokens/s, articles/s, CPU seconds
(user + system, children included: steadier than wall time on a busy machine), peak memory,
the ratios against the targets, and each stage's share of the cold run (from run.json).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
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
import multiprocessing
from analysis.nlp import load_pipeline
from analysis.ingest import read_articles
from analysis.processes import guided_chunks
nlp = load_pipeline()
articles, _ = read_articles([sys.argv[1]])
texts = [a.analysis_text() for a in articles]
jobs = int(sys.argv[2])
def parse(chunk):
    return sum(len(doc) for doc in nlp.pipe(chunk, batch_size=32))
t1 = time.perf_counter()
if jobs == 1:
    tokens = parse(texts)
else:  # forked after the model load, chunks as `framing analyze --jobs` cuts them
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        tokens = sum(pool.map(parse, guided_chunks(texts, jobs, 16), chunksize=1))
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
        "--copies", type=int, default=1, help="run on the corpus K times over (default 1)"
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="interleaved repeats of the cold runs (default 2)"
    )
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="only the cold runs and the warm one (no memory runs, no notebook)",
    )
    parser.add_argument(
        "--repeat-small",
        type=int,
        default=8,
        help="copies of data/examples when no corpus is found (default 8)",
    )
    args = parser.parse_args()

    records = corpus_records(args.corpus, args.repeat_small)
    work = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    corpus = write_corpus(records, work / "corpus.jsonl", copies=args.copies)
    corpus4 = write_corpus(records, work / "corpus4.jsonl", copies=4 * args.copies)
    env = {**os.environ, "CI": "1"}
    framing = str(BIN / "framing")

    def analyze(cache: str, out: str, *extra: str, source: Path = corpus) -> list[str]:
        env["FRAMING_CACHE_DIR"] = str(work / cache)
        return [framing, "analyze", str(source), "--out", str(work / out), "--quiet", *extra]

    def fresh(*names: str) -> None:
        for name in names:
            shutil.rmtree(work / name, ignore_errors=True)

    # Cold runs, interleaved: bare parse in 1 and 2 processes, analyze with 1 and 2 jobs.
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in ("a", "a2", "b", "d")}
    bare: dict = {}
    bare2: dict = {}
    for _ in range(args.rounds):
        env["FRAMING_CACHE_DIR"] = str(work / "unused")
        _, out = timed([sys.executable, "-c", BARE_PARSE, str(corpus), "1"], env)
        bare = _median_run(bare, json.loads(out))
        runs["a"].append((bare["last"], CPU_SECONDS[-1]))
        _, out = timed([sys.executable, "-c", BARE_PARSE, str(corpus), "2"], env)
        bare2 = _median_run(bare2, json.loads(out))
        runs["a2"].append((bare2["last"], CPU_SECONDS[-1]))
        fresh("cache-a", "cold")
        seconds, _ = timed(analyze("cache-a", "cold"), env)
        runs["b"].append((seconds, CPU_SECONDS[-1]))
        fresh("cache-b", "jobs2")
        seconds, _ = timed(analyze("cache-b", "jobs2", "--jobs", "2"), env)
        runs["d"].append((seconds, CPU_SECONDS[-1]))
    run = json.loads((work / "cold" / "run.json").read_text())
    jobs_run = json.loads((work / "jobs2" / "run.json").read_text())
    warm, _ = timed(analyze("cache-a", "warm"), env)
    warm_cpu = CPU_SECONDS[-1]
    memory1 = memory4 = notebook_warm = float("nan")
    if not args.speed_only:
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

    def median(key: str, part: int = 0) -> float:
        return statistics.median(r[part] for r in runs[key])

    bare_total, bare2_total = median("a"), median("a2")
    cold, jobs2 = median("b"), median("d")
    bare_parse = statistics.median(bare["parse"])
    bare_up, jobs_up = bare_total / bare2_total, cold / jobs2
    tokens, docs = bare["tokens"], bare["docs"]
    stages = {k: v for k, v in run["timings_seconds"].items() if k not in ("total",)}
    stage_total = sum(stages.values()) or 1.0
    source = args.corpus or (POLNEAR if POLNEAR.exists() else "data/examples (repeated)")
    copies = f", {args.copies} times over (distinct texts)" if args.copies > 1 else ""
    options = "".join(
        [
            f" --copies {args.copies}" if args.copies > 1 else "",
            f" --rounds {args.rounds}" if args.rounds != 2 else "",
            " --speed-only" if args.speed_only else "",
        ]
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()

    def row(label: str, seconds: float, cpu: float | str = "") -> str:
        cpu = f"{cpu:.1f}" if isinstance(cpu, float) else cpu
        return (
            f"| {label} | {seconds:.2f} | {tokens / seconds:,.0f} | {docs / seconds:.1f} | {cpu} |"
        )

    def each(key: str) -> str:
        return " / ".join(f"{r[0]:.1f}" for r in runs[key])

    lines = [
        f"### Throughput ({date.today().isoformat()}, commit {commit})",
        "",
        f"Command: `.venv/bin/python benchmarks/throughput.py{options}`",
        f"Corpus: {source}{copies} — {docs} articles, {tokens:,} tokens (parser tokens, "
        f"spaces included). Machine: {os.cpu_count()} cores. Cold runs: median of "
        f"{args.rounds}, interleaved.",
        "",
        "| run | seconds | tokens/s | articles/s | CPU seconds |",
        "|---|---:|---:|---:|---:|",
        row("(a) bare `nlp.pipe`, parse only", bare_parse),
        row(
            f"(a') bare, with start-up and model load ({statistics.median(bare['startup']):.2f} s)",
            bare_total,
            median("a", 1),
        ),
        row("(a'') bare, start-up included, 2 forked processes", bare2_total, median("a2", 1)),
        row("(b) `framing analyze`, cold cache", cold, median("b", 1)),
        row("(c) `framing analyze`, warm cache", warm, warm_cpu),
        row("(d) `framing analyze --jobs 2`, cold", jobs2, median("d", 1)),
        "",
        f"Each round, seconds: (a') {each('a')}; (a'') {each('a2')}; (b) {each('b')}; "
        f"(d) {each('d')}.",
        "",
        "| target | measured | met |",
        "|---|---:|:---:|",
        f"| cold analyze ≥ {PARSE_PACE} × bare parse (start-up included on both sides) | "
        f"{bare_total / cold:.2f} × | {'yes' if bare_total / cold >= PARSE_PACE else 'no'} |",
        f"| cold analyze ≥ {PARSE_PACE} × bare parse (bare without start-up) | "
        f"{bare_parse / cold:.2f} × | "
        f"{'yes' if bare_parse / cold >= PARSE_PACE else 'no'} |",
        f"| warm ≥ 10 × faster than cold | {cold / warm:.1f} × | "
        f"{'yes' if cold / warm >= 10 else 'no'} |",
        f"| `--jobs 2` ≥ {JOBS2_SPEEDUP} × faster than cold | {jobs_up:.2f} × | "
        f"{'yes' if jobs_up >= JOBS2_SPEEDUP else 'no'} |",
        f"| (reference) the bare parse's own speed-up in 2 processes, start-up included | "
        f"{bare_up:.2f} × | |",
        f"| `--jobs 2` speed-up against the bare parse's | {jobs_up / bare_up:.2f} | |",
        *(
            []
            if args.speed_only
            else [
                f"| peak memory, 4× corpus ≤ 1.2 × 1× corpus | {memory4:.0f} MB / "
                f"{memory1:.0f} MB = {memory4 / memory1:.2f} | "
                f"{'yes' if memory4 / memory1 <= 1.2 else 'no'} |",
                f"| notebook 01-article on the seed, warm cache, < 30 s (`framing report`, "
                f"kernel start-up and figure export included) | {notebook_warm:.1f} s | "
                f"{'yes' if notebook_warm < 30 else 'no'} |",
            ]
        ),
        "",
        "Stage shares of the last cold run (from its run.json):",
        "",
        "| stage | seconds | share |",
        "|---|---:|---:|",
        *[f"| {k} | {v:.2f} | {v / stage_total:.0%} |" for k, v in stages.items()],
        "",
        "The last `--jobs 2` run (run.json; stage seconds are summed over the workers, "
        "`jobs_*` are wall seconds): "
        + ", ".join(f"{k} {v:.2f}" for k, v in jobs_run["timings_seconds"].items()),
    ]
    print("\n".join(lines))


def _median_run(so_far: dict, run: dict) -> dict:
    """Collect the bare parse's figures over rounds (`last`: this round's total)."""
    out = {k: [*so_far.get(k, []), run[k]] for k in ("startup", "parse")}
    out.update(tokens=run["tokens"], docs=run["docs"], last=run["startup"] + run["parse"])
    return out


if __name__ == "__main__":
    main()
