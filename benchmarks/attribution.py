"""Attribution accuracy benchmark on PolNeAR dev (who said what, by quote form).

    .venv/bin/python benchmarks/attribution.py [--data FILE.jsonl] [--predictions OUT] [--cold]
        [--every-fifth [--fit-rest]] [--linear-model FILE]

Runs `analysis.eval_attribution` on the gold file (default:
../shared/eval/polnear/dev.jsonl) four times — the rules alone, the learned model
alone, both (the kit's default), and both with the transformer tagger blended in
(`--attribution tagger`) — and prints a markdown block for
benchmarks/RESULTS.md: the command, date, commit, cue / source / content figures
overall and by quote form for each mode, the 5-fold cross-validated figures on PolNeAR
train recorded in the model file by `framing train attribution`, and the cost of the
model: seconds per article for the rules and for rules + model, beside the parse.
`--cold` also parses the gold file without the cache, to state the model's cost as a
share of a cold run (parse + extraction). `--every-fifth` scores only the articles
0, 5, 10, ... of the file: with `--data ../shared/eval/polnear/train.jsonl`, the fifth of
train the tagger was not fitted on (`scripts/train_attribution_tagger.py --holdout 5`);
`--linear-model` names a linear model fitted without them (`framing train attribution
--data` on the other four fifths), so that no model has seen the articles scored;
`--fit-rest` fits that linear model first (about three minutes):

    .venv/bin/python benchmarks/attribution.py --data ../shared/eval/polnear/train.jsonl \
        --every-fifth --fit-rest
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
TARGETS = {"cue": 0.86, "source": 0.83, "content_e2e": 0.80}
MODES = ("rules", "model", "combined", "tagger")


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


def _timings(records: list[dict], cold: bool) -> dict[str, float]:
    """Seconds for parsing (cached, and cold when asked) and for extraction by mode."""
    from analysis.attribution import extract_attributions
    from analysis.attribution.model import load_model
    from analysis.attribution.tagger import token_probabilities
    from analysis.ingest import make_article
    from analysis.nlp import Parser, load_pipeline

    nlp = load_pipeline()
    load_model()
    articles = [make_article(r["text"], article_id=r["doc_id"]) for r in records]
    out: dict[str, float] = {"articles": len(articles)}
    if cold:
        with tempfile.TemporaryDirectory() as folder:
            clock = time.perf_counter()
            list(Parser(nlp, cache_directory=Path(folder)).parse(articles))
            out["parse_cold"] = time.perf_counter() - clock
    parsed = list(Parser(nlp).parse(articles))
    token_probabilities(parsed[0].doc)  # the tagger's session loaded before timing
    for mode in ("rules", "combined", "tagger"):
        clock = time.perf_counter()
        for p in parsed:
            extract_attributions(p.article, p.doc, mode=mode)
        out[mode] = time.perf_counter() - clock
    return out


def _write_jsonl(records: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _fit_rest(rest: list[dict], folder: Path) -> str:
    """A linear model fitted on the articles `--every-fifth` leaves out (1-4, 6-9, ...),
    so the fifth it scores is held out from every learned part but the tagger (which
    was trained on the same four fifths)."""
    from analysis.attribution.train import train_attribution

    data = _write_jsonl(rest, folder / "four_fifths.jsonl")
    out = folder / "linear_four_fifths.json"
    train_attribution(data, out, log=lambda line: print(line, file=sys.stderr))
    return str(out)


def _cv_table(cv: dict) -> str:
    lines = [
        "| mode | form | cue F1 | source F1 | content F1 (matched) | content F1 (end-to-end) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for mode in ("rules", "model", "combined"):
        for form in ("all", "direct", "mixed", "indirect"):
            m = cv[mode][form]
            lines.append(
                f"| {mode} | {form} | {m['cue']:.3f} | {m['source']:.3f} | {m['content']:.3f} "
                f"| {m['content_e2e']:.3f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(POLNEAR), help="gold JSONL (PolNeAR format)")
    parser.add_argument("--predictions", default=None, help="also write the combined predictions")
    parser.add_argument("--cold", action="store_true", help="also time a parse without cache")
    parser.add_argument("--every-fifth", action="store_true", help="score articles 0, 5, 10, ...")
    parser.add_argument("--linear-model", default=None, help="a linear model file to use")
    parser.add_argument(
        "--fit-rest",
        action="store_true",
        help="with --every-fifth: first fit a linear model on the other four fifths "
        "(framing train attribution, a few minutes) and score with it",
    )
    args = parser.parse_args(argv)
    if args.fit_rest and not args.every_fifth:
        parser.error("--fit-rest needs --every-fifth")
    data = Path(args.data)
    if not data.exists():
        print(f"no gold data at {data}; nothing to benchmark", file=sys.stderr)
        return 1

    from analysis.attribution.model import MODEL_PATH, load_model, model_checksum, read_model
    from analysis.attribution.tagger import model_path as tagger_path
    from analysis.eval_attribution import evaluate_attribution, format_metrics, read_gold

    every = read_gold(data)
    records = every[::5] if args.every_fifth else every
    with tempfile.TemporaryDirectory() as folder:
        if args.every_fifth:
            data = _write_jsonl(records, Path(folder) / "every_fifth.jsonl")
        if args.fit_rest:
            rest = [r for i, r in enumerate(every) if i % 5]
            args.linear_model = _fit_rest(rest, Path(folder))
        linear = read_model(args.linear_model) if args.linear_model else None
        linear_path = Path(args.linear_model) if linear else MODEL_PATH
        checksum = hashlib.sha256(linear_path.read_bytes()).hexdigest() if linear else None
        results = {}
        for mode in MODES:
            predictions = args.predictions if mode == "combined" else None
            results[mode] = evaluate_attribution(data, predictions, mode=mode, model=linear)
    times = _timings(records, args.cold)
    model = load_model()
    command = "python benchmarks/attribution.py" + (
        f" --data {args.data}" if args.data != str(POLNEAR) else ""
    ) + (" --cold" if args.cold else "") + (" --every-fifth" if args.every_fifth else "") + (
        " --fit-rest" if args.fit_rest else
        f" --linear-model {args.linear_model}" if args.linear_model else ""
    )  # fmt: skip
    print(f"## Attribution ({args.data}, {results['combined']['documents']} articles)\n")
    print(f"Command: `{command}`  ")
    checksum = checksum or model_checksum()
    tagger_sum = hashlib.sha256(tagger_path().read_bytes()).hexdigest()
    print(
        f"Date: {date.today().isoformat()}, commit {_commit()}, linear model "
        f"`{linear_path.name}` sha256 {checksum[:12]}…, "
        f"tagger sha256 {tagger_sum[:12]}….\n"
    )
    for mode, title in (
        ("combined", "Rules + model (the kit's default)"),
        ("tagger", "Rules + model + transformer tagger (`--attribution tagger`)"),
        ("rules", "Rules only"),
        ("model", "Model only"),
    ):
        print(f"### {title}\n")
        print(format_metrics(results[mode]))
        print()
    cv = model.meta.get("cross_validation")
    if cv and not args.every_fifth:
        print(
            f"### 5-fold cross-validation on PolNeAR train ({model.meta.get('articles')} "
            "articles, folds by article; thresholds chosen on these folds)\n"
        )
        print(_cv_table(cv))
        print()
    n = times["articles"]
    extra = times["combined"] - times["rules"]
    print("### Cost\n")
    print(
        f"Extraction over {n:.0f} parsed articles: rules {times['rules']:.1f} s, rules + model "
        f"{times['combined']:.1f} s (the model adds {1000 * extra / n:.0f} ms per article)."
    )
    if "parse_cold" in times:
        cold = times["parse_cold"] + times["combined"]
        print(
            f"Cold parse {times['parse_cold']:.1f} s: the model adds {100 * extra / cold:.1f}% "
            "to parse + extraction (a cold `framing analyze` also runs actors, sentiment and "
            "loaded words, so its share there is smaller)."
        )
    tagged = times["tagger"] - times["combined"]
    print(
        f"The tagger mode: {times['tagger']:.1f} s, {1000 * tagged / n:.0f} ms per article more "
        "than the default"
        + (
            f" ({100 * tagged / (times['parse_cold'] + times['combined']):.0f}% of parse + "
            "extraction)."
            if "parse_cold" in times
            else "."
        )
    )
    overall = results["combined"]["all"]
    shortfalls = [
        f"{name} F1 {overall[name]['f1']:.3f} (target {target:.2f})"
        for name, target in TARGETS.items()
        if overall[name]["f1"] < target
    ]
    print()
    print(
        "Targets (all forms, combined): cue F1 >= 0.86, source F1 >= 0.83, content "
        "end-to-end character-overlap F1 >= 0.80. "
        + ("All met." if not shortfalls else "Not met: " + "; ".join(shortfalls) + ".")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
