"""The article-level portrayal model: a few weights over the portrayal features.

Two logistic regressions over standardised portrayal signals of one article × actor
(the ones the file names: `COMPACT_FEATURES` in the shipped one, chosen over all
FEATURES by cross-validation; `analysis.portrayal.features`): one gives P(negative)
— the writer's attitude toward the actor is negative — the other P(positive). The
score is

    portrayal = P(positive) − P(negative)        (−1 … 1),

    centred on the training data's shares of negative and positive labels and
    clipped: `portrayal = (P(positive) − share_positive) − (P(negative) −
    share_negative)`, so 0 is an actor portrayed like the average labelled actor
    (most of them neutral), below 0 more negatively, above 0 more positively.

The label is `negative` when P(negative) reaches `thresholds.negative`, else
`positive` when P(positive) reaches `thresholds.positive`, else `neutral`. Both
thresholds were chosen by cross-validation by event (`analysis.portrayal.train`).

Shipped as plain JSON (`analysis/models/portrayal.json`: feature names, means and
scales, the two weight vectors, thresholds and `meta` with the data, settings and
cross-validated figures), so loading needs neither scikit-learn nor pickle.
`contributions` shows how much each signal moved a score (weight × standardised
value): which signals carry the weight.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.config import package_data

MODEL_FILE = "models/portrayal.json"
FORMAT_VERSION = 1
PORTRAYAL_LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class Logistic:
    """One logistic regression over standardised features."""

    intercept: float
    weights: tuple[float, ...]

    def probability(self, standardised: np.ndarray) -> np.ndarray:
        z = self.intercept + standardised @ np.asarray(self.weights, dtype=float)
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class PortrayalModel:
    """Features, standardisation, the two regressions and the label thresholds."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    negative: Logistic
    positive: Logistic
    thresholds: Mapping[str, float]
    centre: Mapping[str, float] = field(default_factory=lambda: {"negative": 0.0, "positive": 0.0})
    meta: dict[str, Any] = field(default_factory=dict)

    def standardise(self, frame: pd.DataFrame) -> np.ndarray:
        missing = [f for f in self.features if f not in frame.columns]
        if missing:
            raise ValueError(f"portrayal features missing: {', '.join(missing)}")
        values = frame[list(self.features)].astype(float).fillna(0.0).to_numpy()
        return (values - np.asarray(self.mean)) / np.asarray(self.scale)

    def predict(self, frame: pd.DataFrame) -> pd.DataFrame:
        """`p_negative`, `p_positive`, `portrayal` (−1…1) and `portrayal_label` for each
        row of a features frame (same index)."""
        x = self.standardise(frame)
        p_neg = self.negative.probability(x)
        p_pos = self.positive.probability(x)
        return pd.DataFrame(
            {
                "p_negative": p_neg.round(4),
                "p_positive": p_pos.round(4),
                "portrayal": self.score(p_neg, p_pos).round(4),
                "portrayal_label": label_of(p_neg, p_pos, self.thresholds),
            },
            index=frame.index,
        )

    def score(self, p_negative: np.ndarray, p_positive: np.ndarray) -> np.ndarray:
        """The portrayal score (−1…1) from the two probabilities, centred."""
        raw = (p_positive - self.centre["positive"]) - (p_negative - self.centre["negative"])
        return np.clip(raw, -1.0, 1.0)

    def contributions(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Per row and feature: weight toward *negative* × standardised value (positive
        numbers push toward a negative label), for reading which signals decided."""
        x = self.standardise(frame)
        return pd.DataFrame(
            x * np.asarray(self.negative.weights), columns=list(self.features), index=frame.index
        ).round(4)


def label_of(
    p_negative: Sequence[float] | np.ndarray,
    p_positive: Sequence[float] | np.ndarray,
    thresholds: Mapping[str, float],
) -> list[str]:
    """negative when P(negative) ≥ its threshold, else positive when P(positive) ≥ its
    threshold, else neutral."""
    out = []
    for neg, pos in zip(p_negative, p_positive, strict=True):
        if neg >= thresholds["negative"]:
            out.append("negative")
        elif pos >= thresholds["positive"]:
            out.append("positive")
        else:
            out.append("neutral")
    return out


def to_json(model: PortrayalModel) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "features": list(model.features),
        "mean": [round(v, 6) for v in model.mean],
        "scale": [round(v, 6) for v in model.scale],
        "negative": {
            "intercept": round(model.negative.intercept, 6),
            "weights": [round(w, 6) for w in model.negative.weights],
        },
        "positive": {
            "intercept": round(model.positive.intercept, 6),
            "weights": [round(w, 6) for w in model.positive.weights],
        },
        "thresholds": {k: round(v, 4) for k, v in model.thresholds.items()},
        "centre": {k: round(v, 4) for k, v in model.centre.items()},
        "meta": model.meta,
    }


def read_model(path: str | Path) -> PortrayalModel:
    """A portrayal model file; ValueError when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {data.get('format')!r}")
        model = PortrayalModel(
            features=tuple(data["features"]),
            mean=tuple(float(v) for v in data["mean"]),
            scale=tuple(float(v) or 1.0 for v in data["scale"]),
            negative=Logistic(
                float(data["negative"]["intercept"]), tuple(data["negative"]["weights"])
            ),
            positive=Logistic(
                float(data["positive"]["intercept"]), tuple(data["positive"]["weights"])
            ),
            thresholds={k: float(v) for k, v in data["thresholds"].items()},
            centre={k: float(v) for k, v in data["centre"].items()},
            meta=data.get("meta", {}),
        )
    except (OSError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: not a portrayal model ({error})") from None
    sizes = {len(model.features), len(model.mean), len(model.scale)}
    sizes |= {len(model.negative.weights), len(model.positive.weights)}
    if len(sizes) != 1 or any(not math.isfinite(v) for v in model.scale):
        raise ValueError(f"{path}: not a portrayal model (vectors of different lengths)")
    return model


@functools.cache
def load_model() -> PortrayalModel:
    """The model shipped with the package (read once per process)."""
    return read_model(package_data(MODEL_FILE))
