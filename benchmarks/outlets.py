"""Benchmark: the outlet comparison on real articles (BASIL dev half, 150 articles:
50 events × Fox News, The New York Times, HuffPost; ../shared/eval/basil/).

Writes a temporary copy of `articles.jsonl` whose records carry `event` (the event part
of each id, `basil:<year>:<event>_<n>`), runs `framing analyze` and `framing report` on
it (timed, wall clock), and prints a markdown block for benchmarks/RESULTS.md: the
wall times, how many tests and paired comparisons there are and how many pass
q < 0.05, the smallest q-values, the largest paired differences, and the top
distinguishing words per outlet, with a check that no outlet's list holds its own name.

    .venv/bin/python benchmarks/outlets.py [--data ../shared/eval/basil/articles.jsonl]
        [--out DIR] [--skip-report]

Nothing is fitted: the comparison has no trained part.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "basil" / "articles.jsonl"
EVENT = re.compile(r"_\d+$")
#: How each BASIL outlet names itself in its text (for the self-reference check).
SELF_NAMES = {
    "fox": {"fox", "foxnews"},
    "nyt": {"nyt", "nytimes", "times"},
    "hpo": {"huffpost", "huffington", "hpo"},
}


def with_events(source: Path, target: Path) -> int:
    """Copy the records, adding `event` = the id without its `_<n>` suffix."""
    count = 0
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                record.setdefault("event", EVENT.sub("", str(record.get("id", ""))))
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


def markdown(frame: pd.DataFrame) -> str:
    """A small markdown table (numbers to three significant digits)."""

    def cell(value) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        return f"{value:.3g}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += [
        "| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)
    ]
    return "\n".join(lines)


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=None, help="keep the outputs here")
    parser.add_argument("--skip-report", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"BASIL articles not found at {args.data}; nothing to do.")
        return 0
    work = args.out or Path(tempfile.mkdtemp(prefix="framing-outlets-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "basil_events.jsonl"
    n = with_events(args.data, corpus)
    framing = [sys.executable, "-m", "analysis.cli"]
    analyze_s = timed([*framing, "analyze", str(corpus), "--out", str(work / "tables")])
    report_s = None
    if not args.skip_report:
        report_s = timed([*framing, "report", str(corpus), "--out", str(work / "report")])
    tables = work / "tables"
    tests = pd.read_csv(tables / "outlet_tests.csv")
    paired = pd.read_csv(tables / "event_differences.csv")
    outlets = pd.read_csv(tables / "outlets.csv")
    run = json.loads((tables / "run.json").read_text(encoding="utf-8"))

    from analysis import compare
    from analysis.ingest import read_articles

    records, _ = read_articles([corpus])
    words = compare.distinguishing_terms(
        compare.word_rows(records), "word", "outlet", min_count=5, k=12
    )
    leaks = {
        outlet: sorted(set(words.loc[words["group"] == outlet, "term"]) & names)
        for outlet, names in SELF_NAMES.items()
    }

    print("## Outlet comparison (BASIL dev, 150 articles, 3 outlets)\n")
    print("Command: `.venv/bin/python benchmarks/outlets.py`  ")
    print(f"Articles: {n}; outputs in `{work}`\n")
    print("| step | wall time |\n|---|---:|")
    print(f"| `framing analyze` (cached parses) | {analyze_s:.0f} s |")
    stage = run["timings_seconds"].get("tables", 0)
    print(f"| of which the tables stage (outlet tables included) | {stage:.1f} s |")
    if report_s is not None:
        print(f"| `framing report` (analysis once + 4 notebooks) | {report_s:.0f} s |")
    print()
    actors = outlets[outlets["level"] == "actor"]
    print(
        f"outlets.csv: {len(outlets)} rows ({actors['actor'].nunique()} actors). "
        f"outlet_tests.csv: {len(tests)} tests, {int((tests['p_value'] < 0.05).sum())} with "
        f"p < 0.05, {int((tests['q_value'] < 0.05).sum())} with q < 0.05. "
        f"event_differences.csv: {len(paired)} paired comparisons, "
        f"{int((paired['p_value'] < 0.05).sum())} with p < 0.05, "
        f"{int((paired['q_value'] < 0.05).sum())} with q < 0.05.\n"
    )
    columns = ["actor", "camp", "measure", "n", "p_value", "q_value", "means"]
    print("Smallest q-values across outlets:\n")
    print(markdown(tests[columns].head(5)))
    print("\nLargest paired within-event differences (smallest q):\n")
    columns = ["actor", "camp", "measure", "outlet", "events", "mean_difference", "q_value"]
    print(markdown(paired[columns].head(5)))
    print("\nTop distinguishing words per outlet (each against the other two):\n")
    for outlet, part in words.groupby("group"):
        print(f"- {outlet}: " + ", ".join(part["term"].head(10)))
    print(f"\nOutlet self-references among them: {leaks}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
