"""How much of the loaded-word tagger's dev F1 is the luck of one training seed.

    .venv/bin/python benchmarks/loaded_seeds.py [SEED ...]     (default seeds 0 1 2 3 4)

Keeps the shipped tagger's linear model and fits its network over token and word-piece
vectors (`analysis.loaded.train._fit_vector_mlp`, the shipped settings) with each seed
on `../shared/eval/loaded/train.jsonl`; then scores dev (`dev.jsonl`) at the
thresholds 0.06 … 0.24 for each network alone with the linear model, for the average
of the networks so far (`train.merge_networks`: the shipped design averages five), and
for the shipped tagger. About a minute per seed on 2 cores, after the cached parse.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from analysis.eval_loaded import score_docs
from analysis.loaded import train
from analysis.loaded.lexicon import default_lexicon
from analysis.loaded.model import LoadedTagger, VectorMLP, load_tagger
from analysis.loaded.pieces import load_word_pieces
from analysis.nlp import load_pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "loaded"


def main() -> None:
    seeds = [int(x) for x in sys.argv[1:]] or [0, 1, 2, 3, 4]
    if not (DATA / "train.jsonl").exists():
        raise SystemExit(f"no data at {DATA}")
    nlp = load_pipeline()
    shipped = load_tagger()
    pieces = load_word_pieces() if shipped.word_piece_dims else None
    records = train.read_records(DATA / "train.jsonl")
    docs = train.parse_records(records, nlp, DATA / "train.jsonl")
    _, labels, vectors = train.dataset(records, docs, default_lexicon(), pieces)
    dev = train.read_records(DATA / "dev.jsonl")
    dev_docs = train.parse_records(dev, nlp, DATA / "dev.jsonl")

    def curve(network: VectorMLP | None) -> dict[float, float]:
        tagger = LoadedTagger(
            shipped.weights,
            shipped.intercept,
            0.5,
            tensor_weights=shipped.tensor_weights,
            vector_mlp=network,
            word_piece_dims=shipped.word_piece_dims,
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

    print("| network | best dev F1 (threshold) | average of the networks so far |")
    print("|---|---:|---:|")
    print(f"| shipped tagger | {best(curve(shipped.vector_mlp))} | |")
    networks: list[VectorMLP] = []
    for seed in seeds:
        clock = time.perf_counter()
        network = train._fit_vector_mlp(vectors, labels, seed)
        networks.append(network)
        print(
            f"| seed {seed} | {best(curve(network))} | {len(networks)} networks: "
            f"{best(curve(train.merge_networks(networks)))} | "
            f"({time.perf_counter() - clock:.0f} s)",
            flush=True,
        )
    print(f"| linear model alone | {best(curve(None))} | |")


if __name__ == "__main__":
    main()
