"""`framing eval attribution`: score the attribution extractor against gold data.

Gold format (`../shared/eval/README.md`, PolNeAR): one article per line with `doc_id`,
`text` and `attributions`, each with `source`, `cue`, `content` (lists of
`{start, end, text}` spans, several where discontinuous; `source` empty where the
attribution has no source) and `quote_form` (`direct|mixed|indirect`).

Scoring (spans are compared as sets of non-space characters):

- **cue**: a predicted cue matches a gold cue when they share a character; gold and
  predicted cues are paired one-to-one, largest overlap first (PolNeAR cues often
  carry adjuncts, "said in a recent interview", so exact match would be unfair).
  P = matched / predicted, R = matched / gold.
- **source**: over the cue-matched pairs, correct when both have no source or the
  sources share a character; P = correct / predicted, R = correct / gold. The
  predicted source is the row's source phrase (`source_start/end`: the speaker with
  the words describing them, as PolNeAR marks sources), else its speaker span.
- **content**: character-overlap P/R/F1 summed over the cue-matched pairs (how much of
  what was said is covered; the measure PolNeAR reports for its annotators, 0.923).
  The predicted content leaves out the characters of its own cue and source phrase (a
  split quote's content spans "he said"). `content_e2e` is the same summed over all
  predictions and all gold (unmatched ones count in full), a stricter figure.

Cues inside direct quotes (`in_quote`: the source's own words, "I think ...") are
left out of the scoring and of `--predictions`: PolNeAR annotates the writer's
attributions (16 of its 2,193 dev cues stand inside quotes), as do the kit's
writer-stance tables.

Every figure is given overall and by gold quote form; precision by form counts the
predictions the kit gave that quote type.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from analysis.attribution import Attribution, extract_attributions
from analysis.attribution.model import AttributionModel
from analysis.ingest import make_article
from analysis.nlp import Parser, load_pipeline

FORMS = ("direct", "mixed", "indirect")


def _chars(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for start, end in spans:
        out.update(i for i in range(start, end) if not text[i].isspace())
    return out


def _gold_spans(items: list[dict]) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in items]


def _pair(gold_cues: list[set[int]], pred_cues: list[set[int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), largest overlap first."""
    candidates = []
    for g, gc in enumerate(gold_cues):
        for p, pc in enumerate(pred_cues):
            shared = len(gc & pc)
            if shared:
                candidates.append((shared, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, g, p in candidates:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return pairs


def _prf(tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def prediction_record(doc_id: str, rows: list[Attribution]) -> dict[str, Any]:
    """The contract's prediction format for one gold record."""
    return {
        "doc_id": doc_id,
        "attributions": [
            {
                "source": _source(a),
                "cue": [a.cue_start, a.cue_end],
                "content": [a.content_start, a.content_end]
                if a.content_start is not None
                else None,
                "stance": a.stance,
                "quote_type": a.quote_type,
            }
            for a in rows
        ],
    }


def _source(a: Attribution) -> list[int] | None:
    """The predicted source span: the source phrase (which holds the speaker span)
    where the row has one, else the speaker span; None without a source."""
    if a.speaker_start is None:
        return None
    if a.source_start is not None:
        return [a.source_start, a.source_end]
    return [a.speaker_start, a.speaker_end]


def _pred_content(text: str, a: Attribution) -> set[int]:
    if a.content_start is None:
        return set()
    chars = _chars(text, [(a.content_start, a.content_end)])
    chars -= _chars(text, [(a.cue_start, a.cue_end)])
    if (source := _source(a)) is not None:
        chars -= _chars(text, [source])
    return chars


def read_gold(data_path: str | Path) -> list[dict[str, Any]]:
    """The gold records of a PolNeAR-format JSONL file."""
    return [
        json.loads(line)
        for line in Path(data_path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def evaluate_attribution(
    data_path: str | Path,
    predictions_path: str | Path | None = None,
    nlp: Language | None = None,
    mode: str = "combined",
    model: AttributionModel | None = None,
) -> dict[str, Any]:
    """Score the kit on a gold JSONL file; returns the metrics (see module docstring).
    `mode` (combined | rules | model) and `model` are passed to `extract_attributions`."""
    nlp = nlp or load_pipeline()
    records = read_gold(data_path)
    articles = [make_article(r["text"], article_id=r["doc_id"]) for r in records]
    predictions = []
    out = open(predictions_path, "w", encoding="utf-8") if predictions_path else None  # noqa: SIM115
    try:
        for record, parsed in zip(records, Parser(nlp).parse(articles), strict=True):
            rows = extract_attributions(parsed.article, parsed.doc, mode=mode, model=model)
            rows = [a for a in rows if not a.in_quote]
            predictions.append(rows)
            if out is not None:
                out.write(json.dumps(prediction_record(record["doc_id"], rows)) + "\n")
    finally:
        if out is not None:
            out.close()
    metrics = score_predictions(records, predictions)
    metrics["data"] = str(data_path)
    metrics["mode"] = mode
    return metrics


def score_predictions(
    records: list[dict[str, Any]], predictions: list[list[Attribution]]
) -> dict[str, Any]:
    """The metrics of predicted attributions (cues inside quotes already left out)
    against their gold records, in the same order."""
    keys = ("all", *FORMS)
    count = defaultdict(float)  # (measure, key) -> number
    for record, rows in zip(records, predictions, strict=True):
        text = record["text"]
        gold = record["attributions"]
        gold_cues = [_chars(text, _gold_spans(g["cue"])) for g in gold]
        pred_cues = [_chars(text, [(a.cue_start, a.cue_end)]) for a in rows]
        pairs = _pair(gold_cues, pred_cues)
        for g in gold:
            form = g.get("quote_form", "indirect")
            for key in ("all", form):
                count["gold", key] += 1
                count["gold_content", key] += len(_chars(text, _gold_spans(g["content"])))
        for a in rows:
            for key in ("all", a.quote_type):
                count["pred", key] += 1
                count["pred_content_all", key] += len(_pred_content(text, a))
        for gi, pi in pairs:
            g, a = gold[gi], rows[pi]
            form = g.get("quote_form", "indirect")
            g_src = _chars(text, _gold_spans(g["source"]))
            source = _source(a)
            p_src = _chars(text, [source]) if source is not None else set()
            src_ok = (not g_src and not p_src) or bool(g_src & p_src)
            g_con = _chars(text, _gold_spans(g["content"]))
            p_con = _pred_content(text, a)
            for key in ("all", form):
                count["cue_tp_gold", key] += 1
                count["src_tp_gold", key] += src_ok
                count["con_shared", key] += len(g_con & p_con)
                count["con_pred", key] += len(p_con)
                count["con_gold", key] += len(g_con)
            for key in ("all", a.quote_type):
                count["cue_tp_pred", key] += 1
                count["src_tp_pred", key] += src_ok
            count["form_agree", "all"] += a.quote_type == form

    metrics: dict[str, Any] = {"documents": len(records)}
    for key in keys:
        n_pred, n_gold = count["pred", key], count["gold", key]
        cue = _prf_split(count["cue_tp_pred", key], count["cue_tp_gold", key], n_pred, n_gold)
        src = _prf_split(count["src_tp_pred", key], count["src_tp_gold", key], n_pred, n_gold)
        content = _prf(count["con_shared", key], count["con_pred", key], count["con_gold", key])
        e2e = _prf(
            count["con_shared", key], count["pred_content_all", key], count["gold_content", key]
        )
        metrics[key] = {
            "gold": int(n_gold),
            "predicted": int(n_pred),
            "cue": cue,
            "source": src,
            "content": content,
            "content_e2e": e2e,
        }
    matched = count["cue_tp_gold", "all"]
    metrics["quote_type_accuracy"] = (
        round(count["form_agree", "all"] / matched, 4) if matched else 0
    )
    return metrics


def _prf_split(tp_pred: float, tp_gold: float, n_pred: float, n_gold: float) -> dict[str, float]:
    """P from the matches among the predictions of this group, R from those among
    its gold (they differ when grouping by quote type)."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def format_metrics(metrics: dict[str, Any]) -> str:
    """The metrics as a markdown table (one row per quote form)."""
    lines = [
        "| quote form | gold | predicted | cue P / R / F1 | source P / R / F1 "
        "| content P / R / F1 (matched) | content F1 (end-to-end) |",
        "|---|---:|---:|---|---|---|---:|",
    ]
    for key in ("all", *FORMS):
        m = metrics[key]

        def prf(d: dict[str, float]) -> str:
            return f"{d['precision']:.3f} / {d['recall']:.3f} / **{d['f1']:.3f}**"

        lines.append(
            f"| {key} | {m['gold']} | {m['predicted']} | {prf(m['cue'])} | {prf(m['source'])} "
            f"| {prf(m['content'])} | {m['content_e2e']['f1']:.3f} |"
        )
    lines.append("")
    lines.append(f"Quote type agreement on matched cues: {metrics['quote_type_accuracy']:.3f}")
    return "\n".join(lines)


def print_metrics(metrics: dict[str, Any]) -> None:
    """Print the metrics for `framing eval attribution`."""
    print(f"{metrics['data']}: {metrics['documents']} documents")
    print(format_metrics(metrics))
