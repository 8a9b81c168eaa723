"""Export the fine-tuned target-sentiment transformer to ONNX (fp32 and dynamic int8)
and score both on the NewsMTSC dev files with onnxruntime and the fast tokenizer only,
as the kit would run them (issue 18; the kit's backend itself is not built yet).

    .venv-train/bin/pip install onnx onnxruntime onnxscript
    .venv-train/bin/python scripts/export_sentiment_onnx.py --model /tmp/tsc-minilm

Writes `model.onnx`, `model.int8.onnx` and `tokenizer.json` beside the checkpoint
(`MODEL/onnx/`) and prints macro-F1 on dev_rw and dev_mt, targets per second on these
cores, the files' sizes and SHA-256.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_sentiment_transformer import DATA, LABELS, macro_f1, marked, read  # noqa: E402


def export(checkpoint: Path, folder: Path) -> tuple[Path, Path]:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    model = AutoModelForSequenceClassification.from_pretrained(checkpoint).eval()
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    sample = tokenizer(["A << test >> sentence."], ["test"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    fp32 = folder / "model.onnx"
    torch.onnx.export(
        model,
        tuple(sample[n] for n in names),
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={n: {0: "batch", 1: "length"} for n in names} | {"logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    int8 = folder / "model.int8.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    shutil.copy(checkpoint / "tokenizer.json", folder / "tokenizer.json")
    return fp32, int8


def score(model_file: Path, tokenizer_file: Path, rows: list[dict]) -> tuple[float, float]:
    """(macro-F1, targets per second) with onnxruntime on one thread per core."""
    import onnxruntime
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_truncation(160)
    tokenizer.enable_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 2
    session = onnxruntime.InferenceSession(str(model_file), options)
    order = sorted(rows, key=lambda r: len(r["sentence"]))
    gold, predicted = [], []
    clock = time.perf_counter()
    for i in range(0, len(order), 32):
        group = order[i : i + 32]
        encoded = tokenizer.encode_batch([marked(r) for r in group])
        feed = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        logits = session.run(["logits"], feed)[0]
        predicted += logits.argmax(-1).tolist()
        gold += [LABELS.index(r["gold"]) for r in group]
    seconds = time.perf_counter() - clock
    return macro_f1(gold, predicted), len(rows) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="the training --out folder")
    args = parser.parse_args()
    checkpoint = args.model / "best"
    fp32, int8 = export(checkpoint, args.model / "onnx")
    tokenizer = args.model / "onnx" / "tokenizer.json"
    devs = {name: read(DATA / f"{name}.jsonl") for name in ("dev_rw", "dev_mt")}
    report = {}
    for path in (fp32, int8):
        figures = {}
        for name, rows in devs.items():
            f1, rate = score(path, tokenizer, rows)
            figures[name] = round(f1, 4)
            figures[f"{name}_targets_per_second"] = round(rate, 1)
        figures["megabytes"] = round(path.stat().st_size / 2**20, 1)
        figures["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        report[path.name] = figures
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
