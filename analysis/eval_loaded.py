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

from spacy.tokens import Doc

from analysis.loaded import LoadedLexicon, cue_entries, find_loaded_terms, loaded_lexicon
from analysis.loaded.features import is_word
from analysis.loaded.model import LoadedTagger, load_tagger
from analysis.outputs import write_jsonl
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


@dataclass(frozen=True)
class LoadedReport:
    """Scores overall, per corpus source and per origin (lexicon, rule, model). The
    overall figures are also reachable as attributes (`report.f1`)."""

    overall: LoadedScores
    by_source: dict[str, LoadedScores]
    by_origin: dict[str, LoadedScores]
    model: str = ""  # what the model was trained on; empty: lexicon only

    def __getattr__(self, name: str):
        if name.startswith("_") or name in ("overall", "by_source", "by_origin", "model"):
            raise AttributeError(name)
        return getattr(self.overall, name)

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.as_dict(),
            "by_source": {k: v.as_dict() for k, v in self.by_source.items()},
            "by_origin": {k: v.as_dict() for k, v in self.by_origin.items()},
        }


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
    use_model: bool = True,
    tagger: LoadedTagger | None = None,
    batch_size: int = 64,
) -> LoadedReport:
    """Tag every gold sentence, score token-level P/R/F1 overall, per corpus source
    (the records' `source` field) and per origin of the predictions (lexicon, rule,
    model), and (with `predictions`) write `{"id", "spans": [{"start", "end",
    "category"}]}` per gold record.

    `lexicon`: the loaded terms (default: the bundled ones); `cues`: the reporting
    cues whose `cue_stances` classes also count as loaded (default: the bundled ones);
    `exclude_categories`: loaded-term categories not scored (default: hedges);
    `use_model=False`: the lexicon-only tagger; `tagger`: another trained model."""
    from analysis.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    records = read_gold(data)
    docs = list(nlp.pipe([r["text"] for r in records], batch_size=batch_size))
    report, outputs = score_docs(
        records,
        docs,
        lexicon=lexicon,
        exclude_categories=exclude_categories,
        cue_stances=cue_stances,
        cues=cues,
        use_model=use_model,
        tagger=tagger,
    )
    if predictions is not None:
        write_jsonl(outputs, Path(predictions))
    return report


def score_docs(
    records: Sequence[dict],
    docs: Sequence[Doc],
    *,
    lexicon: LoadedLexicon | None = None,
    exclude_categories: Sequence[str] = DEFAULT_EXCLUDED,
    cue_stances: Sequence[str] = DEFAULT_CUE_STANCES,
    cues: Mapping | None = None,
    use_model: bool = True,
    tagger: LoadedTagger | None = None,
) -> tuple[LoadedReport, list[dict]]:
    """Score already-parsed gold sentences (what `evaluate_loaded` and the training's
    threshold search share); returns the report and the prediction records."""
    lexicon = lexicon if lexicon is not None else loaded_lexicon()
    if cue_stances:
        lexicon = lexicon.with_entries(
            {k: v for k, v in cue_entries(cue_stances, cues).items() if k not in lexicon}
        )
    origins = ("lexicon", "rule", "model") if use_model else ("lexicon", "rule")
    overall = _Counts()
    by_source: dict[str, _Counts] = {}
    by_origin: dict[str, _Counts] = {}
    outputs = []
    for record, doc in zip(records, docs, strict=True):
        text = record["text"]
        article = Article(id=str(record["id"]), text=text, body_start=0, body_end=len(text))
        spans = [
            t
            for t in find_loaded_terms(article, doc, lexicon, use_model=use_model, tagger=tagger)
            if t.category not in exclude_categories
        ]
        gold = [(int(s["start"]), int(s["end"])) for s in record["spans"]]
        source = by_source.setdefault(str(record.get("source") or "all"), _Counts())
        for counts in (overall, source):
            counts.add(doc, gold, [(t.start, t.end) for t in spans], len(spans))
        for origin in origins:
            mine = [(t.start, t.end) for t in spans if t.origin == origin]
            by_origin.setdefault(origin, _Counts()).add(doc, gold, mine, len(mine))
        outputs.append(
            {
                "id": record["id"],
                "spans": [{"start": t.start, "end": t.end, "category": t.category} for t in spans],
            }
        )
    report = LoadedReport(
        overall=overall.scores(),
        by_source={k: v.scores() for k, v in sorted(by_source.items())},
        by_origin={k: v.scores() for k, v in sorted(by_origin.items())},
        model=(tagger or load_tagger()).meta.get("trained_on", "") if use_model else "",
    )
    return report, outputs


class _Counts:
    """Token counts of one slice of the evaluation."""

    def __init__(self) -> None:
        self.sentences = self.tokens = self.gold = self.predicted = self.tp = 0
        self.gold_spans = self.predicted_spans = 0

    def add(self, doc: Doc, gold, predicted, predicted_spans: int) -> None:
        self.sentences += 1
        for token in doc:
            if not is_word(token):
                continue
            begin, end = token.idx, token.idx + len(token.text)
            in_gold = _overlaps(begin, end, gold)
            in_pred = _overlaps(begin, end, predicted)
            self.tokens += 1
            self.gold += in_gold
            self.predicted += in_pred
            self.tp += in_gold and in_pred
        self.gold_spans += len(gold)
        self.predicted_spans += predicted_spans

    def scores(self) -> LoadedScores:
        precision = self.tp / self.predicted if self.predicted else 0.0
        recall = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return LoadedScores(
            sentences=self.sentences,
            tokens=self.tokens,
            gold_tokens=self.gold,
            predicted_tokens=self.predicted,
            true_positive=self.tp,
            precision=precision,
            recall=recall,
            f1=f1,
            gold_spans=self.gold_spans,
            predicted_spans=self.predicted_spans,
        )


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def format_scores(scores: LoadedScores | LoadedReport) -> str:
    """The lines `framing eval loaded` prints: overall, then per corpus source and per
    origin of the predictions."""
    if isinstance(scores, LoadedScores):
        return _format_overall(scores)
    lines = [_format_overall(scores.overall)]
    if len(scores.by_source) > 1:
        lines.append("per source:")
        lines.extend(_format_row(name, s) for name, s in scores.by_source.items())
    if scores.by_origin:
        lines.append("per origin of the predictions (lexicon, rule = scare quotes, model):")
        lines.extend(_format_row(name, s) for name, s in scores.by_origin.items())
    return "\n".join(lines)


def _format_overall(scores: LoadedScores) -> str:
    return "\n".join(
        [
            f"loaded words: {scores.sentences} sentences, {scores.tokens} tokens "
            f"({scores.gold_tokens} gold, {scores.predicted_tokens} predicted; "
            f"{scores.gold_spans} gold spans, {scores.predicted_spans} predicted spans)",
            f"token-level  precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
            f"F1 {scores.f1:.3f}",
        ]
    )


def _format_row(name: str, scores: LoadedScores) -> str:
    return (
        f"  {name:<24} precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
        f"F1 {scores.f1:.3f}  ({scores.gold_tokens} gold, {scores.predicted_tokens} predicted)"
    )
