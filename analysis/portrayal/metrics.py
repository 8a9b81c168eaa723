"""Scores of a portrayal against gold: AUC of negative against the rest, and the
3-class macro-F1 with per-class precision, recall and F1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.stats import rankdata

from analysis.eval_sentiment import scores as class_scores


def auc(positive: Sequence[bool], score: Sequence[float]) -> float | None:
    """Area under the ROC curve of `score` for the `positive` rows (Mann–Whitney,
    ties counted half); None when one side is empty."""
    positive = np.asarray(positive, dtype=bool)
    score = np.asarray(score, dtype=float)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if not n_pos or not n_neg:
        return None
    ranks = rankdata(score)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def portrayal_scores(
    gold: Sequence[str], predicted: Sequence[str], negativity: Sequence[float] | None = None
) -> dict[str, Any]:
    """macro-F1, per-class figures and confusion (as `framing eval sentiment`), plus
    `auc`: how well `negativity` (higher = more negative) ranks the gold negatives
    above the rest (None without scores)."""
    gold, predicted = list(gold), list(predicted)
    result = class_scores(gold, predicted)
    value = None
    if negativity is not None:
        value = auc([g == "negative" for g in gold], list(negativity))
    result["auc"] = round(value, 4) if value is not None else None
    return result
