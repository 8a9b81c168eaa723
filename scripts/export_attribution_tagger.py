"""Export the fine-tuned attribution tagger to ONNX, quantize it to int8, check that the
quantized model agrees with PyTorch, and install it as the kit's
`analysis/models/attribution_tagger.onnx` (issue 16).

    .venv-train/bin/python scripts/export_attribution_tagger.py \
        --model /tmp/attr-tagger/epoch3 --install

Writes `model.onnx` (fp32) and `model.int8.onnx` (dynamic int8: int8 weights per channel,
activations quantized per call; the kit runs one window per call, so a window's output
depends on its own pieces only) beside the checkpoint, prints the largest difference in
probability between PyTorch and each ONNX file on a few PolNeAR dev windows (each run
alone, as the kit runs them), the size and SHA-256; `--install` copies the int8 model
and the tokenizer. (The 4-bit weight-only file the sentiment transformer ships was
1.7 times slower here than int8 and no more accurate: see the card.)
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_sentiment_onnx import export_fp32, install  # noqa: E402
from train_attribution_tagger import DATA, batch_tensors, examples, read  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHIPPED = {
    "model.int8.onnx": REPO / "analysis" / "models" / "attribution_tagger.onnx",
    "tokenizer.json": REPO / "analysis" / "models" / "attribution_tagger.tokenizer.json",
}


def main() -> None:
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="a saved epoch folder")
    parser.add_argument("--install", action="store_true")
    args = parser.parse_args()
    folder = args.model / "onnx"
    folder.mkdir(parents=True, exist_ok=True)
    model = AutoModelForTokenClassification.from_pretrained(args.model).eval()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    sample = tokenizer(["A test sentence, he said."], return_tensors="pt")
    fp32, int8 = folder / "model.onnx", folder / "model.int8.onnx"
    export_fp32(model, sample, fp32, logits_axes={0: "batch", 1: "length"})
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copy(args.model / "tokenizer.json", folder / "tokenizer.json")

    check = examples(tokenizer, read(DATA / "dev.jsonl")[:3])[:16]
    ids, mask, _ = batch_tensors(check)
    with torch.no_grad():
        reference = torch.sigmoid(model(input_ids=ids, attention_mask=mask).logits).numpy()
    for path in (fp32, int8):
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        changes, flips = [], 0
        for row in range(len(ids)):  # one window per call, as the kit runs them
            n = int(mask[row].sum())
            window = ids[row : row + 1, :n].numpy()
            feed = {
                "input_ids": window,
                "attention_mask": np.ones_like(window),
                "token_type_ids": np.zeros_like(window),
            }
            probs = 1 / (1 + np.exp(-session.run(["logits"], feed)[0][0]))
            changes.append(np.abs(probs - reference[row, :n]).ravel())
            flips += int(((probs >= 0.5) != (reference[row, :n] >= 0.5)).sum())
        change = np.concatenate(changes)
        print(
            f"{path.name}: {path.stat().st_size / 2**20:.1f} MB, probability change largest "
            f"{change.max():.4f}, mean {change.mean():.4f}; {flips} of {change.size} "
            f"decisions at 0.5 flipped; sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}"
        )
    if args.install:
        install(folder, SHIPPED)


if __name__ == "__main__":
    main()
