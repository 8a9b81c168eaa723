"""The attribution tagger: a fine-tuned MiniLM-L6 that reads a whole article and gives
each word piece three probabilities — inside a cue, inside a source, inside a content
(issue 16; card: `analysis/models/attribution_tagger.md`; trained by
`scripts/train_attribution_tagger.py`).

The article is cut into windows of `WINDOW` word pieces that overlap by `OVERLAP`; a
piece takes its probabilities from the window in which it lies farthest from an edge. A
spaCy token takes, for each label, the highest probability of the pieces inside it
(`token_probabilities`). Training read windows of 256 pieces; the kit reads windows of
128, which score the same on PolNeAR dev and its held-out fifth of train at half the
cost (attention is quadratic in the window; see the card). The model is a dynamic int8
ONNX file run by onnxruntime with the `tokenizers` fast tokenizer: no PyTorch, nothing
downloaded. Its activations are quantized with one scale per call, so each window is
run on its own: a window's output depends on its own pieces only (and a batch of one is
also the fastest here: no padding).

It is the `tagger` attribution mode's cue detector (`analysis.attribution.model.
TaggerBlend`); the default mode (`combined`) never loads it (about 0.1 s per article,
30% of a cold `framing analyze`: see the card).
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
WINDOW = 128  # word pieces per window, [CLS] and [SEP] included (training: 256)
OVERLAP = 16
#: How the tagger's cue probability joins the linear model's in the `tagger` mode
#: (`TaggerBlend`): its weight, and the thresholds to keep a rule cue and to add one.
WEIGHT = 0.7
KEEP = 0.3
ADD = 0.6


def model_path() -> Path:
    """The shipped ONNX model file."""
    return package_data(MODEL_FILE)


def windows(n: int) -> list[tuple[int, int]]:
    """(start, end) piece ranges of the tagger's windows over `n` pieces (cut as in
    training, with the kit's own window size)."""
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
    for s, e in spans:
        input_ids = np.array([[cls, *ids[s:e], sep]], dtype=np.int64)
        feed = {
            "input_ids": input_ids,
            "attention_mask": np.ones_like(input_ids),
            "token_type_ids": np.zeros_like(input_ids),
        }
        logits = session.run(["logits"], feed)[0][0, 1:-1].astype(np.float64)
        window_probs = 1.0 / (1.0 + np.exp(-logits))
        pieces = np.arange(s, e)
        depth = np.minimum(pieces - s, e - 1 - pieces)
        better = depth > best[s:e]
        probs[pieces[better]] = window_probs[better]
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
