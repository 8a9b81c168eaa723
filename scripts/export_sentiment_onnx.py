"""Export the fine-tuned target-sentiment transformer to ONNX, quantize it, score every
variant on the NewsMTSC dev files with onnxruntime and the fast tokenizer only (as the
kit runs it), and install the chosen one as the kit's `transformer` backend (issue 18).

    .venv-train/bin/python scripts/export_sentiment_onnx.py --model /tmp/tsc-minilm --install

Writes beside the checkpoint (`MODEL/onnx/`):

- `model.onnx` — fp32 (87 MB);
- `model.int8.onnx` — dynamic int8 (`quantize_dynamic`: int8 weights, activations
  quantized per call with one scale for the whole batch, so a target's score depends on
  the other sentences in its batch — measured and reported, not shipped);
- `model.q4.onnx` — 4-bit weight-only (`MatMulNBitsQuantizer`: every MatMul and the
  word-embedding Gather, symmetric blocks of 16; activations stay float, so a
  target's score does not depend on its batch) — **the shipped model**;
- `tokenizer.json` — the fast tokenizer.

Prints, for each variant, macro-F1 on dev_rw and dev_mt scored in batches of 32 and
one at a time, the largest logit difference between the two, targets per second on
these cores, size and SHA-256. `--install` copies `model.q4.onnx` and the tokenizer to
`analysis/models/` and prints the lines the model card needs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_sentiment_transformer import DATA, LABELS, macro_f1, marked, read  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHIPPED = {
    "model.q4.onnx": REPO / "analysis" / "models" / "sentiment_transformer.onnx",
    "tokenizer.json": REPO / "analysis" / "models" / "sentiment_transformer.tokenizer.json",
}
MAX_PIECES = 160  # as analysis/sentiment/transformer.py
BLOCK = 16


def export(checkpoint: Path, folder: Path) -> list[Path]:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    model = AutoModelForSequenceClassification.from_pretrained(checkpoint).eval()
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    sample = tokenizer(["A << test >> sentence."], ["test"], return_tensors="pt")
    fp32 = folder / "model.onnx"
    export_fp32(model, sample, fp32, logits_axes={0: "batch"})
    int8 = folder / "model.int8.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)

    q4 = folder / "model.q4.onnx"
    quantize_4bit(fp32, q4)
    shutil.copy(checkpoint / "tokenizer.json", folder / "tokenizer.json")
    return [fp32, int8, q4]


INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]


def export_fp32(model, sample, path: Path, logits_axes: dict[int, str]) -> None:
    """`model` (a fine-tuned transformer, in eval mode) to an fp32 ONNX file at `path`,
    traced on the tokenizer output `sample`; batch and length dynamic in the inputs,
    `logits_axes` dynamic in the output (opset 17, the TorchScript exporter)."""
    import torch

    torch.onnx.export(
        model,
        tuple(sample[n] for n in INPUT_NAMES),
        str(path),
        input_names=INPUT_NAMES,
        output_names=["logits"],
        dynamic_axes={n: {0: "batch", 1: "length"} for n in INPUT_NAMES} | {"logits": logits_axes},
        opset_version=17,
        dynamo=False,
    )


def install(folder: Path, shipped: dict[str, Path]) -> None:
    """Copy the chosen files of `folder` into the kit and print their SHA-256 (the lines
    the model card needs)."""
    for name, target in shipped.items():
        shutil.copy(folder / name, target)
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        print(f"installed {target.relative_to(REPO)}  sha256 {digest}")


def quantize_4bit(fp32: Path, q4: Path) -> None:
    """4-bit weight-only quantization of every MatMul and the word-embedding Gather
    (symmetric blocks of `BLOCK`); activations stay float."""
    from onnxruntime.quantization import QuantFormat
    from onnxruntime.quantization.matmul_nbits_quantizer import (
        DefaultWeightOnlyQuantConfig,
        MatMulNBitsQuantizer,
    )

    logging.disable(logging.INFO)
    ops = ("MatMul", "Gather")
    config = DefaultWeightOnlyQuantConfig(
        block_size=BLOCK,
        is_symmetric=True,
        bits=4,
        op_types_to_quantize=ops,
        quant_format=QuantFormat.QOperator,
    )
    quantizer = MatMulNBitsQuantizer(
        str(fp32),
        bits=4,
        block_size=BLOCK,
        is_symmetric=True,
        op_types_to_quantize=ops,
        algo_config=config,
    )
    quantizer.process()
    quantizer.model.save_model_to_file(str(q4), use_external_data_format=False)
    logging.disable(logging.NOTSET)


def score(
    model_file: Path, tokenizer_file: Path, rows: list[dict], batch: int
) -> tuple[float, float, np.ndarray]:
    """(macro-F1, targets per second, logits in length order), two threads."""
    import onnxruntime
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_truncation(MAX_PIECES)
    tokenizer.enable_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 2
    session = onnxruntime.InferenceSession(str(model_file), options)
    order = sorted(rows, key=lambda r: len(r["sentence"]))
    gold, outputs = [], []
    clock = time.perf_counter()
    for i in range(0, len(order), batch):
        group = order[i : i + batch]
        encoded = tokenizer.encode_batch([marked(r) for r in group])
        feed = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        outputs.append(session.run(["logits"], feed)[0])
        gold += [LABELS.index(r["gold"]) for r in group]
    seconds = time.perf_counter() - clock
    logits = np.concatenate(outputs)
    return macro_f1(gold, logits.argmax(-1).tolist()), len(rows) / seconds, logits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="the training --out folder")
    parser.add_argument(
        "--install", action="store_true", help="copy the 4-bit model into analysis/models/"
    )
    args = parser.parse_args()
    folder = args.model / "onnx"
    variants = export(args.model / "best", folder)
    tokenizer = folder / "tokenizer.json"
    devs = {name: read(DATA / f"{name}.jsonl") for name in ("dev_rw", "dev_mt")}
    report = {}
    for path in variants:
        figures: dict = {}
        for name, rows in devs.items():
            f1, rate, batched = score(path, tokenizer, rows, 32)
            f1_one, _, alone = score(path, tokenizer, rows, 1)
            figures[name] = round(f1, 4)
            figures[f"{name}_one_at_a_time"] = round(f1_one, 4)
            figures[f"{name}_max_logit_change_batch_vs_alone"] = float(
                np.abs(batched - alone).max()
            )
            figures[f"{name}_targets_per_second"] = round(rate, 1)
        figures["megabytes"] = round(path.stat().st_size / 2**20, 1)
        figures["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        report[path.name] = figures
    print(json.dumps(report, indent=1))
    if args.install:
        install(folder, SHIPPED)


if __name__ == "__main__":
    main()
