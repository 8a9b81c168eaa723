"""`framing eval loaded --data FILE [--predictions OUT]`: score the loaded-language
tagger against sentences with gold loaded-word spans.

Gold format (`../shared/eval/README.md`): one sentence per line,
`{"id": "...", "text": "...", "spans": [{"start": 4, "end": 11, "text": "slammed",
"label": "loaded"}]}`; `"spans": []` for a sentence with no loaded word.

Scoring is token-level: every word token (spaCy tokens, punctuation and spaces left
out) is gold-positive when it overlaps a gold span and predicted-positive when it
overlaps a predicted span; precision, recall and F1 are micro-averaged over all tokens
of the file. Span labels are not compared (the gold has one label).

What counts as a prediction: the loaded terms and scare quotes of `find_loaded_terms`,
by default without hedges (Hyland's hedges mark weak commitment, not bias, and
corpora of loaded words do not mark them), plus the reporting-cue verbs whose class
annotated corpora mark as loaded (emotive: "slammed", "blasted", "boasted";
distancing: "claimed", "insisted"). Both are options.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.loaded import LoadedLexicon, cue_entries, find_loaded_terms, loaded_lexicon
from analysis.records import Article

DEFAULT_EXCLUDED = ("hedge",)
DEFAULT_CUE_STANCES = ("emotive", "distancing")


@dataclass(frozen=True)
class LoadedScores:
    """Token-level scores of one evaluation run."""

    sentences: int
    tokens: int
    gold_tokens: int
    predicted_tokens: int
    true_positive: int
    precision: float
    recall: float
    f1: float
    gold_spans: int
    predicted_spans: int

    def as_dict(self) -> dict[str, float | int]:
        return dict(vars(self))


def read_gold(path: str | Path) -> list[dict]:
    """The gold records of a loaded-words JSONL file; raises ValueError with the line
    number on a malformed line or a span that does not index the text."""
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                spans = record.get("spans") or []
                for span in spans:
                    if not 0 <= int(span["start"]) <= int(span["end"]) <= len(text):
                        raise ValueError(f"span {span} outside the text")
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{line_no}: {error}") from None
            record.setdefault("id", f"{Path(path).stem}:{line_no}")
            record["spans"] = spans
            records.append(record)
    return records


def evaluate_loaded(
    data: str | Path,
    *,
    predictions: str | Path | None = None,
    nlp=None,
    lexicon: LoadedLexicon | None = None,
    exclude_categories: Sequence[str] = DEFAULT_EXCLUDED,
    cue_stances: Sequence[str] = DEFAULT_CUE_STANCES,
    cues: Mapping | None = None,
    batch_size: int = 64,
) -> LoadedScores:
    """Tag every gold sentence, score token-level P/R/F1, and (with `predictions`)
    write `{"id", "spans": [{"start", "end", "category"}]}` per gold record.

    `lexicon`: the loaded terms (default: the bundled ones); `cues`: the reporting
    cues whose `cue_stances` classes also count as loaded (default: the bundled ones);
    `exclude_categories`: loaded-term categories not scored (default: hedges)."""
    from analysis.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    lexicon = lexicon if lexicon is not None else loaded_lexicon()
    if cue_stances:
        lexicon = lexicon.with_entries(
            {k: v for k, v in cue_entries(cue_stances, cues).items() if k not in lexicon}
        )
    records = read_gold(data)
    texts = [r["text"] for r in records]
    outputs = []
    counts = {"tokens": 0, "gold": 0, "predicted": 0, "tp": 0, "gold_spans": 0, "pred_spans": 0}
    for record, doc in zip(records, nlp.pipe(texts, batch_size=batch_size), strict=True):
        text = record["text"]
        article = Article(id=str(record["id"]), text=text, body_start=0, body_end=len(text))
        spans = [
            t
            for t in find_loaded_terms(article, doc, lexicon)
            if t.category not in exclude_categories
        ]
        predicted = [(t.start, t.end) for t in spans]
        gold = [(int(s["start"]), int(s["end"])) for s in record["spans"]]
        for token in doc:
            if token.is_space or token.is_punct:
                continue
            begin, end = token.idx, token.idx + len(token.text)
            in_gold = _overlaps(begin, end, gold)
            in_pred = _overlaps(begin, end, predicted)
            counts["tokens"] += 1
            counts["gold"] += in_gold
            counts["predicted"] += in_pred
            counts["tp"] += in_gold and in_pred
        counts["gold_spans"] += len(gold)
        counts["pred_spans"] += len(predicted)
        outputs.append(
            {
                "id": record["id"],
                "spans": [{"start": t.start, "end": t.end, "category": t.category} for t in spans],
            }
        )
    if predictions is not None:
        _write_jsonl(outputs, Path(predictions))
    tp, gold_n, pred_n = counts["tp"], counts["gold"], counts["predicted"]
    precision = tp / pred_n if pred_n else 0.0
    recall = tp / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LoadedScores(
        sentences=len(records),
        tokens=counts["tokens"],
        gold_tokens=gold_n,
        predicted_tokens=pred_n,
        true_positive=tp,
        precision=precision,
        recall=recall,
        f1=f1,
        gold_spans=counts["gold_spans"],
        predicted_spans=counts["pred_spans"],
    )


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _write_jsonl(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)


def format_scores(scores: LoadedScores) -> str:
    """The lines `framing eval loaded` prints."""
    return "\n".join(
        [
            f"loaded words: {scores.sentences} sentences, {scores.tokens} tokens "
            f"({scores.gold_tokens} gold, {scores.predicted_tokens} predicted; "
            f"{scores.gold_spans} gold spans, {scores.predicted_spans} predicted spans)",
            f"token-level  precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
            f"F1 {scores.f1:.3f}",
        ]
    )
