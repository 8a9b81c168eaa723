"""`framing eval portrayal`: score the article-level portrayal against BASIL-style gold.

`--data` is a folder holding `articles.jsonl` and `gold.jsonl` (the layout of
`../shared/eval/basil/`). The kit analyses the articles (through the parse cache),
matches each labelled entity to one of its actors (`analysis.portrayal.gold`) and
prints:

- coverage: the share of labelled entities found as an actor;
- the shipped model: AUC of `portrayal` for negative against the rest, 3-class
  macro-F1 of `portrayal_label` with per-class F1 — on the matched entities, and on all
  of them with the unmatched counted as neutral;
- the same figures cross-validated by event (the model refitted on the other events'
  articles in each fold: the honest figures when the data is the one the shipped model
  was fitted on, which the report says);
- two baselines: the mean polarity of the actor's mentions (the kit's first portrayal;
  labels beyond ±0.1) and always-neutral.

`--predictions OUT` writes one JSON object per gold record: `id`, `entity`, `actor`,
`match`, `gold`, `predicted`, `score`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.portrayal.metrics import portrayal_scores
from analysis.portrayal.model import load_model


def evaluate_portrayal(
    data_dir: str | Path,
    predictions_path: str | Path | None = None,
    *,
    cross_validated: bool = True,
    echo: Callable[[str], Any] | None = None,
    **run_options: Any,
) -> dict[str, Any]:
    """The figures described in the module docstring, as a dict (`format_report`
    turns it into text; `echo=print` prints it here)."""
    from analysis.portrayal.train import _clause_labels, cross_validate, training_rows

    data_dir = Path(data_dir)
    rows, _ = training_rows(data_dir, **run_options)
    model = load_model()
    matched = rows[rows["actor"].notna()].reset_index(drop=True)
    gold_sha = hashlib.sha256((data_dir / "gold.jsonl").read_bytes()).hexdigest()
    result: dict[str, Any] = {
        "data": str(data_dir),
        "records": len(rows),
        "matched": len(matched),
        "coverage": round(len(matched) / len(rows), 4) if len(rows) else 0.0,
        "match_kinds": {k: int(v) for k, v in rows["match"].value_counts().items()},
        "in_sample": gold_sha == model.meta.get("gold_sha256"),
        "model": portrayal_scores(
            matched["label"], matched["portrayal_label"], -matched["portrayal"]
        ),
        "model_all": portrayal_scores(
            rows["label"],
            rows["portrayal_label"].fillna("neutral"),
            -rows["portrayal"].fillna(0.0),
        ),
        "clause_mean": portrayal_scores(
            matched["label"], _clause_labels(matched["clause_mean"]), -matched["clause_mean"]
        ),
        "always_neutral": portrayal_scores(matched["label"], ["neutral"] * len(matched)),
    }
    if cross_validated and matched["triplet"].nunique() >= 3:
        c = float(model.meta.get("settings", {}).get("C", 0.03))
        oof = cross_validate(
            matched, matched["label"], matched["triplet"], c, features=model.features
        )
        result["cross_validated"] = portrayal_scores(
            matched["label"], oof["portrayal_label"], -oof["portrayal"]
        )
        result["cross_validated"]["C"] = c
    if predictions_path is not None:
        _write_predictions(rows, predictions_path)
    if echo is not None:
        echo(format_report(result))
    return result


def _write_predictions(rows: pd.DataFrame, path: str | Path) -> None:
    from analysis.outputs import write_jsonl

    records = [
        {
            "id": row["id"],
            "entity": row["entity"],
            "actor": row["actor"] if isinstance(row["actor"], str) else None,
            "match": row["match"],
            "gold": row["label"],
            "predicted": row["portrayal_label"]
            if isinstance(row["portrayal_label"], str)
            else None,
            "score": None if pd.isna(row["portrayal"]) else float(row["portrayal"]),
        }
        for row in rows.to_dict("records")
    ]
    write_jsonl(records, Path(path))


def _line(name: str, scores: dict[str, Any]) -> str:
    auc = f"{scores['auc']:.3f}" if scores.get("auc") is not None else "  —  "
    f1 = scores["per_class"]
    return (
        f"{name:<40} {auc:>6} {scores['macro_f1']:>9.3f} {f1['negative']['f1']:>7.3f} "
        f"{f1['neutral']['f1']:>7.3f} {f1['positive']['f1']:>7.3f} {scores['n']:>5}"
    )


def format_report(result: dict[str, Any]) -> str:
    """The figures as plain text for the terminal."""
    lines = [
        f"portrayal: {result['records']} labelled entities in {result['data']}",
        f"coverage {result['coverage']:.3f} ({result['matched']} found as an actor; "
        + ", ".join(f"{k} {v}" for k, v in sorted(result["match_kinds"].items()))
        + ")",
        "",
        f"{'':<40} {'AUC':>6} {'macro-F1':>9} {'F1 neg':>7} {'F1 neu':>7} {'F1 pos':>7} {'n':>5}",
    ]
    if "cross_validated" in result:
        cv = result["cross_validated"]
        lines.append(_line(f"cross-validated by event (C={cv['C']:g})", cv))
    shipped = "shipped model" + (" (IN-SAMPLE: fitted here)" if result["in_sample"] else "")
    lines.append(_line(shipped, result["model"]))
    lines.append(_line("shipped model, unmatched = neutral", result["model_all"]))
    lines.append(_line("mean clause polarity (first kit)", result["clause_mean"]))
    lines.append(_line("always neutral", result["always_neutral"]))
    if result["in_sample"]:
        lines += [
            "",
            "The shipped model was fitted on this gold: read the cross-validated line.",
        ]
    return "\n".join(lines)
