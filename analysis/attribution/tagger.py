"""The attribution tagger: a fine-tuned MiniLM-L6 that reads a whole article and gives
each word piece three probabilities — inside a cue, inside a source, inside a content
(issue 16; card: `analysis/models/attribution_tagger.md`; trained by
`scripts/train_attribution_tagger.py`).

The article is cut into windows of `WINDOW` word pieces that overlap by `OVERLAP`, as
in training; a piece takes its probabilities from the window in which it lies farthest
from an edge. A spaCy token takes, for each label, the highest probability of the
pieces inside it (`token_probabilities`). The model is a 4-bit weight-only ONNX file run
by onnxruntime with the `tokenizers` fast tokenizer: no PyTorch, nothing downloaded.
Activations stay float, so a window's output does not depend on the other windows in
its batch.

It is the `tagger` attribution mode's cue detector (`analysis.attribution.model`); the
default mode never loads it (about 0.28 s per article, more than the spaCy parse: see
the card).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from analysis.attribution.model import TaggerBlend
from analysis.config import package_data
from analysis.onnx_models import session_and_tokenizer
from analysis.onnx_models import windows as cut_windows
from analysis.resolve import doc_text

MODEL_FILE = "models/attribution_tagger.onnx"
TOKENIZER_FILE = "models/attribution_tagger.tokenizer.json"
LABELS = ("cue", "source", "content")
WINDOW = 256  # word pieces per window, [CLS] and [SEP] included (as in training)
OVERLAP = 64
BATCH_SIZE = 8
#: How the tagger's cue probability joins the linear model's in the `tagger` mode
#: (`TaggerBlend`): its weight, and the thresholds to keep a rule cue and to add one.
WEIGHT = 0.7
KEEP = 0.3
ADD = 0.6


def model_path() -> Path:
    """The shipped ONNX model file."""
    return package_data(MODEL_FILE)


def windows(n: int) -> list[tuple[int, int]]:
    """(start, end) piece ranges of the tagger's windows over `n` pieces (as in training)."""
    return cut_windows(n, WINDOW - 2, OVERLAP)


def piece_probabilities(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, probabilities) of the word pieces of `text`: character (start, end)
    per piece, shape (n, 2), and P(cue, source, content) per piece, shape (n, 3)."""
    session, tokenizer = session_and_tokenizer(MODEL_FILE, TOKENIZER_FILE)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    encoding = tokenizer.encode(text, add_special_tokens=False)
    ids = encoding.ids
    offsets = np.array(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    probs = np.zeros((len(ids), len(LABELS)))
    if not ids:
        return offsets, probs
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    spans = windows(len(ids))
    best = np.full(len(ids), -1)  # each piece's distance from its window's nearer edge
    for first in range(0, len(spans), BATCH_SIZE):
        batch = spans[first : first + BATCH_SIZE]
        width = max(e - s for s, e in batch) + 2
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, (s, e) in enumerate(batch):
            input_ids[row, : e - s + 2] = [cls, *ids[s:e], sep]
            mask[row, : e - s + 2] = 1
        feed = {
            "input_ids": input_ids,
            "attention_mask": mask,
            "token_type_ids": np.zeros_like(input_ids),
        }
        logits = session.run(["logits"], feed)[0].astype(np.float64)
        window_probs = 1.0 / (1.0 + np.exp(-logits))
        for row, (s, e) in enumerate(batch):
            pieces = np.arange(s, e)
            depth = np.minimum(pieces - s, e - 1 - pieces)
            better = depth > best[s:e]
            probs[pieces[better]] = window_probs[row, 1 : e - s + 1][better]
            best[s:e] = np.maximum(best[s:e], depth)
    return offsets, probs


def token_probabilities(doc: Doc, text: str | None = None) -> np.ndarray:
    """P(cue, source, content) per token of `doc`, shape (len(doc), 3): for each label
    the highest probability among the word pieces inside the token (0 for a token with
    none, such as a space). `text` is the document's text when it is not `doc.text`."""
    text = doc.text if text is None else text
    offsets, probs = piece_probabilities(text)
    out = np.zeros((len(doc), len(LABELS)))
    if not len(offsets):
        return out
    starts = np.array([t.idx for t in doc], dtype=np.int64)
    ends = starts + np.array([len(t.text) for t in doc], dtype=np.int64)
    # A piece belongs to the token that contains its first character.
    owner = np.searchsorted(starts, offsets[:, 0], side="right") - 1
    valid = (owner >= 0) & (offsets[:, 0] < ends[np.clip(owner, 0, None)])
    for label in range(len(LABELS)):
        np.maximum.at(out[:, label], owner[valid], probs[valid, label])
    return out


def tagger_blend(doc: Doc) -> TaggerBlend:
    """The tagger's cue probabilities for `doc` with the shipped blend settings."""
    cue = token_probabilities(doc, doc_text(doc))[:, 0]
    return TaggerBlend(cue, WEIGHT, KEEP, ADD)
