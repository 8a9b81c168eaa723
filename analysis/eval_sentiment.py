"""`framing eval sentiment`: score target-dependent polarity against NewsMTSC-format gold.

Gold is JSONL, one target per line: `id`, `sentence`, `target_from`, `target_to`
(exclusive character offsets into `sentence`), `mention`, `gold`
(`negative|neutral|positive`). Each distinct sentence is parsed once (`nlp.pipe`, in
batches), the targets of each sentence are scored together with the chosen backend,
and the headline metric is macro-F1 over the three classes, with per-class
precision/recall/F1 and the confusion matrix. `--predictions OUT` writes
`{"id", "predicted", "score"}` per gold record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from analysis.sentiment import DEFAULT_BACKEND, LABELS, get_backend, target_polarities


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """NewsMTSC records; raises ValueError naming the line of a malformed record."""
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                start, end = int(record["target_from"]), int(record["target_to"])
                record["sentence"], record["gold"]  # noqa: B018 - required fields
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise ValueError(
                    f"{path}:{line_number}: not a sentiment record ({error})"
                ) from None
            if not 0 <= start < end <= len(record["sentence"]):
                raise ValueError(f"{path}:{line_number}: target offsets out of range")
            records.append(record)
    return records


def parse_sentences(
    records: Sequence[dict[str, Any]], nlp: Language | None = None, batch_size: int = 64
) -> dict[str, Doc]:
    """Each distinct sentence of the records, parsed once (`nlp.pipe`, in batches)."""
    from analysis.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    sentences = list(dict.fromkeys(r["sentence"] for r in records))
    return dict(zip(sentences, nlp.pipe(sentences, batch_size=batch_size), strict=True))


def predict(
    records: Sequence[dict[str, Any]],
    backend: str | None = None,
    nlp: Language | None = None,
    batch_size: int = 64,
    docs: Mapping[str, Doc] | None = None,
) -> list[dict[str, Any]]:
    """`{"id", "predicted", "score"}` for each record, in order; the targets of each
    sentence are scored together. `docs`: the sentences already parsed
    (`parse_sentences`), so several backends can share one parse."""
    name = get_backend(backend).name
    docs = docs if docs is not None else parse_sentences(records, nlp, batch_size)
    targets: dict[str, list[int]] = {}  # sentence -> indexes of its records
    for index, record in enumerate(records):
        targets.setdefault(record["sentence"], []).append(index)
    out: list[dict[str, Any]] = [{} for _ in records]
    for sentence, indexes in targets.items():
        spans = [(records[i]["target_from"], records[i]["target_to"]) for i in indexes]
        for i, polarity in zip(
            indexes, target_polarities(docs[sentence], spans, name), strict=True
        ):
            out[i] = {
                "id": records[i].get("id"),
                "predicted": polarity.label,
                "score": polarity.score,
            }
    return out


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Macro-F1 over LABELS, per-class precision/recall/F1/support, confusion matrix
    (`confusion[gold][predicted]`) and accuracy."""
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    per_class = {}
    for label in LABELS:
        true_pos = confusion[label][label]
        predicted_n = sum(confusion[g][label] for g in LABELS)
        gold_n = sum(confusion[label].values())
        precision = true_pos / predicted_n if predicted_n else 0.0
        recall = true_pos / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": gold_n,
        }
    total = len(gold)
    return {
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(LABELS), 4),
        "accuracy": round(sum(confusion[x][x] for x in LABELS) / total, 4) if total else 0.0,
        "per_class": per_class,
        "confusion": confusion,
        "n": total,
    }


def format_report(result: dict[str, Any]) -> str:
    """The metrics as plain text for the terminal."""
    lines = [
        f"sentiment: {result['n']} targets, backend {result['backend']}",
        f"macro-F1 {result['macro_f1']:.3f}   accuracy {result['accuracy']:.3f}",
        "",
        f"{'class':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}",
    ]
    for label, c in result["per_class"].items():
        lines.append(
            f"{label:<10} {c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f} "
            f"{c['support']:>6}"
        )
    lines += [
        "",
        "confusion (rows gold, columns predicted)",
        " " * 10 + "".join(f"{p[:8]:>10}" for p in LABELS),
    ]
    for g in LABELS:
        lines.append(f"{g:<10}" + "".join(f"{result['confusion'][g][p]:>10}" for p in LABELS))
    return "\n".join(lines)


def evaluate_sentiment(
    data_path: str | Path,
    backend: str | None = DEFAULT_BACKEND,
    predictions_path: str | Path | None = None,
    *,
    nlp: Language | None = None,
    echo: Callable[[str], Any] | None = None,
) -> dict[str, Any]:
    """Score `backend` on the gold file, write predictions when asked, and return the
    metrics (`format_report` turns them into text; `echo=print` prints it here)."""
    records = read_gold(data_path)
    name = get_backend(backend).name
    predictions = predict(records, name, nlp=nlp)
    result = {"backend": name, "data": str(data_path)}
    result.update(scores([r["gold"] for r in records], [p["predicted"] for p in predictions]))
    if predictions_path is not None:
        path = Path(predictions_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as handle:
            for prediction in predictions:
                handle.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    if echo is not None:
        echo(format_report(result))
    return result
