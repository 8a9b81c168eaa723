"""How much of the loaded-word tagger's dev F1 is the luck of one training seed.

    .venv/bin/python benchmarks/loaded_seeds.py [SEED ...]     (default seeds 1 2 3 4)

Keeps the shipped tagger's linear model and refits only its network over token vectors
(`analysis.loaded.train._fit_vector_mlp`, the shipped settings) with other seeds, on
`../shared/eval/loaded/train.jsonl`; then scores dev (`dev.jsonl`) at the thresholds
0.06 … 0.24 for each network alone with the linear model, and for the ensemble of the
networks so far (the shipped one first; logits averaged, which is one wider network
in the shipped file format). About a minute per seed on 2 cores, after the cached parse.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from analysis.eval_loaded import score_docs
from analysis.loaded import train
from analysis.loaded.lexicon import default_lexicon
from analysis.loaded.model import LoadedTagger, VectorMLP, load_tagger
from analysis.nlp import load_pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "loaded"


def ensemble(networks: list[VectorMLP]) -> VectorMLP:
    """Networks over the same standardised vectors, logits averaged, as one network."""
    return VectorMLP(
        mean=networks[0].mean,
        std=networks[0].std,
        hidden_weights=np.concatenate([m.hidden_weights for m in networks], axis=1),
        hidden_bias=np.concatenate([m.hidden_bias for m in networks]),
        output_weights=np.concatenate([m.output_weights for m in networks]) / len(networks),
        output_bias=float(np.mean([m.output_bias for m in networks])),
    )


def main() -> None:
    seeds = [int(x) for x in sys.argv[1:]] or [1, 2, 3, 4]
    if not (DATA / "train.jsonl").exists():
        raise SystemExit(f"no data at {DATA}")
    nlp = load_pipeline()
    records = train.read_records(DATA / "train.jsonl")
    docs = train.parse_records(records, nlp, DATA / "train.jsonl")
    _, labels, vectors = train.dataset(records, docs, default_lexicon())
    dev = train.read_records(DATA / "dev.jsonl")
    dev_docs = train.parse_records(dev, nlp, DATA / "dev.jsonl")
    shipped = load_tagger()

    def curve(network: VectorMLP) -> dict[float, float]:
        tagger = LoadedTagger(
            shipped.weights,
            shipped.intercept,
            0.5,
            tensor_weights=shipped.tensor_weights,
            vector_mlp=network,
        )
        out = {}
        for threshold in train.THRESHOLDS[:10]:
            tagger.threshold = threshold
            report, _ = score_docs(dev, dev_docs, tagger=tagger)
            out[threshold] = round(report.overall.f1, 4)
        return out

    def best(scores: dict[float, float]) -> str:
        threshold = max(scores, key=scores.get)
        return f"{scores[threshold]:.3f} at {threshold:.2f}"

    networks = [shipped.vector_mlp]
    print("| network | best dev F1 (threshold) | ensemble so far |")
    print("|---|---:|---:|")
    print(f"| seed 0 (shipped) | {best(curve(shipped.vector_mlp))} | |")
    for seed in seeds:
        clock = time.perf_counter()
        network = train._fit_vector_mlp(vectors, labels, seed)
        networks.append(network)
        print(
            f"| seed {seed} | {best(curve(network))} | {len(networks)} networks: "
            f"{best(curve(ensemble(networks)))} | ({time.perf_counter() - clock:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
