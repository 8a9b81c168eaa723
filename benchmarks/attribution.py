"""Attribution accuracy benchmark on PolNeAR dev (who said what, by quote form).

    .venv/bin/python benchmarks/attribution.py [--data FILE.jsonl] [--predictions OUT]

Runs `analysis.eval_attribution.evaluate_attribution` on the gold file (default:
../shared/eval/polnear/dev.jsonl) and prints a markdown block for
benchmarks/RESULTS.md: the command, date, commit, the time the extraction took beside
the parse, and cue / source / content figures overall and by quote form.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
TARGETS = {"cue": 0.80, "source": 0.80, "content": 0.75}


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _commit() -> str:
    """The commit, marked when the kit's files differ from it (read-only git calls)."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if _git("status", "--porcelain", "--", "analysis", "benchmarks"):
        commit += " + uncommitted changes"
    return commit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(POLNEAR), help="gold JSONL (PolNeAR format)")
    parser.add_argument("--predictions", default=None, help="also write the predictions here")
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not data.exists():
        print(f"no gold data at {data}; nothing to benchmark", file=sys.stderr)
        return 1

    from analysis.eval_attribution import evaluate_attribution, format_metrics

    started = time.perf_counter()
    metrics = evaluate_attribution(data, args.predictions)
    seconds = time.perf_counter() - started
    overall = metrics["all"]
    shortfalls = [
        f"{name} F1 {overall[name]['f1']:.3f} (target {target:.2f})"
        for name, target in TARGETS.items()
        if overall[name]["f1"] < target
    ]
    command = "python benchmarks/attribution.py" + (
        f" --data {args.data}" if args.data != str(POLNEAR) else ""
    )
    print(f"## Attribution (PolNeAR dev, {metrics['documents']} articles)\n")
    print(f"Command: `{command}`  ")
    print(
        f"Date: {date.today().isoformat()}, commit {_commit()}, wall time {seconds:.1f} s "
        "(parse through the cache, extraction, scoring).\n"
    )
    print(format_metrics(metrics))
    print()
    print(
        "Targets (all forms): cue F1 >= 0.80, source F1 >= 0.80, content character-overlap "
        "F1 >= 0.75. "
        + ("All met." if not shortfalls else "Not met: " + "; ".join(shortfalls) + ".")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
