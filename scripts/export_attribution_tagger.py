"""Export the fine-tuned attribution tagger to ONNX, quantize it to 4-bit weights, check
that the quantized model agrees with PyTorch, and install it as the kit's
`analysis/models/attribution_tagger.onnx` (issue 16).

    .venv-train/bin/python scripts/export_attribution_tagger.py \
        --model /tmp/attr-tagger/epoch3 --install

Writes `model.onnx` (fp32) and `model.q4.onnx` (4-bit weight-only, as the sentiment
transformer: `export_sentiment_onnx.quantize_4bit`) beside the checkpoint, prints the
largest difference in probability between PyTorch and each ONNX file on a few PolNeAR dev
windows, the size and SHA-256; `--install` copies the 4-bit model and the tokenizer.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_sentiment_onnx import install, quantize_4bit  # noqa: E402
from train_attribution_tagger import DATA, batch_tensors, examples, read  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHIPPED = {
    "model.q4.onnx": REPO / "analysis" / "models" / "attribution_tagger.onnx",
    "tokenizer.json": REPO / "analysis" / "models" / "attribution_tagger.tokenizer.json",
}


def main() -> None:
    import onnxruntime
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="a saved epoch folder")
    parser.add_argument("--install", action="store_true")
    args = parser.parse_args()
    folder = args.model / "onnx"
    folder.mkdir(parents=True, exist_ok=True)
    model = AutoModelForTokenClassification.from_pretrained(args.model).eval()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = tokenizer(["A test sentence, he said."], return_tensors="pt")
    fp32, q4 = folder / "model.onnx", folder / "model.q4.onnx"
    torch.onnx.export(
        model,
        tuple(sample[n] for n in names),
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={n: {0: "batch", 1: "length"} for n in [*names, "logits"]},
        opset_version=17,
        dynamo=False,
    )
    quantize_4bit(fp32, q4)
    shutil.copy(args.model / "tokenizer.json", folder / "tokenizer.json")

    check = examples(tokenizer, read(DATA / "dev.jsonl")[:3])[:16]
    ids, mask, _ = batch_tensors(check)
    with torch.no_grad():
        reference = torch.sigmoid(model(input_ids=ids, attention_mask=mask).logits).numpy()
    for path in (fp32, q4):
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        feed = {
            "input_ids": ids.numpy(),
            "attention_mask": mask.numpy(),
            "token_type_ids": np.zeros_like(ids.numpy()),
        }
        probs = 1 / (1 + np.exp(-session.run(["logits"], feed)[0]))
        valid = mask.numpy().astype(bool)
        print(
            f"{path.name}: {path.stat().st_size / 2**20:.1f} MB, largest probability change "
            f"{np.abs(probs - reference)[valid].max():.4f}, "
            f"sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}"
        )
    if args.install:
        install(folder, SHIPPED)


if __name__ == "__main__":
    main()
