"""The `transformer` backend: a fine-tuned MiniLM-L6 that reads the target's sentence
(issue 18; card: `analysis/models/sentiment_transformer.md`).

Each target is given as its sentence with the mention marked `<< mention >>`, paired
with the mention (the form it was trained on, `scripts/train_sentiment_transformer.py`),
cut to a bounded window of `MAX_PIECES` word pieces, and scored by a 4-bit weight-only
ONNX model with onnxruntime and the `tokenizers` fast tokenizer: no PyTorch, nothing
downloaded. All targets of a document go through together, in batches of
length-sorted inputs (`score_targets`). The weights are quantized, the activations are
not, so a target's score does not depend on what else is in its batch. The score is
P(positive) − P(negative), the label the likeliest class.

Sessions come from `analysis.onnx_models`: one per process, its threads set there (a
`--jobs` run gives each worker one).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from analysis.config import package_data
from analysis.onnx_models import session_and_tokenizer

MODEL_FILE = "models/sentiment_transformer.onnx"
TOKENIZER_FILE = "models/sentiment_transformer.tokenizer.json"
LABELS = ("negative", "neutral", "positive")
#: Targets per batch and the longest input in word pieces (sentence and mention); the
#: longest pair is cut from the sentence's end, the mention is kept.
BATCH_SIZE = 32
MAX_PIECES = 160
#: The window around the mention in characters (about 120 word pieces of news text):
#: a longer sentence is cut to this many characters centred on the mention, at spaces,
#: so the marked target is never truncated away.
WINDOW_CHARS = 500


def model_path() -> Path:
    """The shipped ONNX model file."""
    return package_data(MODEL_FILE)


def _session():
    """(onnxruntime session, tokenizer) for this process and thread count."""
    session, tokenizer = session_and_tokenizer(MODEL_FILE, TOKENIZER_FILE)
    tokenizer.enable_truncation(MAX_PIECES)
    tokenizer.enable_padding()
    return session, tokenizer


def window(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence cut to `WINDOW_CHARS` around characters start..end (at spaces where
    it can), with the mention's offsets in the cut text; short sentences unchanged."""
    if len(sentence) <= WINDOW_CHARS:
        return sentence, start, end
    left = max(0, start - max(0, WINDOW_CHARS - (end - start)) // 2)
    right = min(len(sentence), max(end, left + WINDOW_CHARS))
    left = max(0, min(left, right - WINDOW_CHARS))
    if left > 0 and " " in sentence[left:start]:
        left = sentence.index(" ", left, start) + 1
    if right < len(sentence) and " " in sentence[end:right]:
        right = sentence.rindex(" ", end, right)
    return sentence[left:right], start - left, end - left


def marked_input(sentence: str, start: int, end: int) -> tuple[str, str]:
    """(the window of the sentence with characters start..end marked `<< … >>`, the
    mention)."""
    text, start, end = window(sentence, start, end)
    mention = text[start:end]
    return f"{text[:start]}<< {mention} >>{text[end:]}", mention


def probabilities(inputs: Sequence[tuple[str, str]]) -> np.ndarray:
    """P(negative, neutral, positive) for each (marked sentence, mention), in order."""
    out = np.zeros((len(inputs), len(LABELS)))
    if not inputs:
        return out
    session, tokenizer = _session()
    order = sorted(range(len(inputs)), key=lambda i: len(inputs[i][0]))
    for first in range(0, len(order), BATCH_SIZE):
        batch = order[first : first + BATCH_SIZE]
        encoded = tokenizer.encode_batch([inputs[i] for i in batch])
        feed = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        logits = session.run(["logits"], feed)[0].astype(np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        out[batch] = exp / exp.sum(axis=1, keepdims=True)
    return out


def score_targets(targets: Sequence[tuple[str, int, int]]) -> list[tuple[float, str]]:
    """(score, label) for each (sentence, mention start, mention end) — offsets into
    the sentence — all scored in batches."""
    probs = probabilities([marked_input(*target) for target in targets])
    return [(float(p[2] - p[0]), LABELS[int(np.argmax(p))]) for p in probs]
