"""A seeded sample of attribution errors to read: cues the kit found that the gold lacks,
and gold cues it missed, each with its source, content and context.

    .venv/bin/python benchmarks/attribution.py --predictions /tmp/dev_pred.jsonl
    .venv/bin/python benchmarks/attribution_errors.py --predictions /tmp/dev_pred.jsonl \
        [--data ../shared/eval/polnear/dev.jsonl] [--n 40] [--seed 7]

Pairing and scoring are those of `framing eval attribution` (character overlap, one
gold cue per predicted cue). The sample is what `benchmarks/RESULTS.md` reads by hand
to say how many "errors" are the gold's gaps (a real report the annotators left out,
an act PolNeAR counts as an attribution) rather than the kit's: the counts printed
are not accuracy figures, the reading is.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.eval_attribution import _chars, _gold_spans, _pair  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"


def _context(text: str, start: int, end: int, width: int = 150) -> str:
    return text[max(0, start - width) : end + width // 2].replace("\n", " ¶ ")


def _words(text: str, spans: list) -> str:
    return " | ".join(text[a:b] for a, b in _gold_spans(spans))


def errors(gold_path: Path, predictions_path: Path) -> tuple[list[str], list[str]]:
    """Readable lines for the unmatched predicted cues and the unmatched gold cues."""
    gold = {}
    with open(gold_path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            gold[record["doc_id"]] = record
    extra, missed = [], []
    with open(predictions_path, encoding="utf-8") as fh:
        for line in fh:
            predicted = json.loads(line)
            record = gold[predicted["doc_id"]]
            text, g_rows, p_rows = record["text"], record["attributions"], predicted["attributions"]
            g_cues = [_chars(text, _gold_spans(g["cue"])) for g in g_rows]
            p_cues = [_chars(text, [tuple(a["cue"])]) for a in p_rows]
            pairs = _pair(g_cues, p_cues)
            g_done, p_done = {g for g, _ in pairs}, {p for _, p in pairs}
            for k, row in enumerate(p_rows):
                if k in p_done:
                    continue
                start, end = row["cue"]
                source = text[slice(*row["source"])] if row["source"] else None
                content = text[slice(*row["content"])][:120] if row["content"] else None
                extra.append(
                    f"cue {text[start:end]!r} source {source!r} content {content!r}\n"
                    f"    ...{_context(text, start, end)}..."
                )
            for k, row in enumerate(g_rows):
                if k in g_done or not g_cues[k]:
                    continue
                spans = _gold_spans(row["cue"])
                cue, source, content = (_words(text, row[k]) for k in ("cue", "source", "content"))
                missed.append(
                    f"cue {cue!r} source {source!r} "
                    f"content {content[:120]!r} ({row.get('quote_form')})\n"
                    f"    ...{_context(text, spans[0][0], spans[-1][1])}..."
                )
    return extra, missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(POLNEAR), help="gold JSONL (PolNeAR format)")
    parser.add_argument("--predictions", required=True, help="predictions JSONL (contract format)")
    parser.add_argument("--n", type=int, default=40, help="how many of each to print")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not Path(args.data).exists():
        print(f"no gold file at {args.data}: nothing to sample", file=sys.stderr)
        return 0
    extra, missed = errors(Path(args.data), Path(args.predictions))
    for title, lines in (("found, not in the gold", extra), ("in the gold, not found", missed)):
        print(f"## {title}: {len(lines)} (a sample of {min(args.n, len(lines))})\n")
        sample = random.Random(args.seed).sample(lines, min(args.n, len(lines)))
        for k, line in enumerate(sample):
            print(f"{k} {line}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
