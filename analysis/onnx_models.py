"""ONNX models shipped as package data (the sentiment transformer, the attribution
tagger): one onnxruntime session and fast tokenizer per model, process and thread
count. A forked worker never reuses its parent's session (the process id is part of the
key); `set_threads(None)` (the start) leaves onnxruntime its default (one thread per
physical core)."""

from __future__ import annotations

import functools
import os

from analysis.config import package_data

_threads: int | None = None


def set_threads(threads: int | None) -> None:
    """onnxruntime threads of every session made from now on (None: its default). A
    `--jobs` run sets 1 before forking, so the workers share the cores without
    oversubscribing them; a cluster worker sets its own share."""
    global _threads
    _threads = threads


def session_and_tokenizer(model_file: str, tokenizer_file: str):
    """(onnxruntime session, `tokenizers.Tokenizer`) of the package data files named,
    made once per process and thread count."""
    return _load(model_file, tokenizer_file, os.getpid(), _threads)


@functools.cache
def _load(model_file: str, tokenizer_file: str, pid: int, threads: int | None):
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as error:  # pragma: no cover - both are in requirements.txt
        raise RuntimeError(
            f"the transformer models need onnxruntime and tokenizers ({error}); "
            "pip install -r requirements.txt"
        ) from None
    tokenizer = Tokenizer.from_file(str(package_data(tokenizer_file)))
    options = onnxruntime.SessionOptions()
    if threads is not None:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(package_data(model_file)), options, providers=["CPUExecutionProvider"]
    )
    return session, tokenizer


def windows(n: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """(start, end) ranges of `size` word pieces covering `n` pieces, consecutive ones
    overlapping by `overlap` (a long text read in windows; the same cut in training
    and in the kit)."""
    if n <= size:
        return [(0, n)]
    out, start = [], 0
    while True:
        end = min(n, start + size)
        out.append((start, end))
        if end == n:
            return out
        start = end - overlap
