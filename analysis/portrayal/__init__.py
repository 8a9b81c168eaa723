"""Portrayal: the writer's attitude toward each actor in each article.

Not the mood of the events around an actor but the writer's evaluative choices about it,
summed up per article and actor from five kinds of evidence:

- what is said *about* the actor: the target-directed polarity of each mention's clause
  and the words describing it, set against the mood of its sentences
  (`signals`, `features`);
- loaded terms about the actor (`loaded_terms.csv` rows whose actor it is; hedges left
  out) and near its mentions;
- the stance of the cues introducing the actor's words (distancing "claimed" vs
  endorsing "noted"), and other sources' accusations naming it;
- what the actor does or suffers: agent of a negatively worded act, or its victim;
- prominence: the headline, the first paragraph, the share of mentions.

`portrayal_tables` turns a run's tables into `portrayal_signals` (one row per article ×
actor: the features, P(negative), P(positive), `portrayal` −1…1 and `portrayal_label`)
and `portrayal_evidence` (the mentions, terms and cues behind each row, with offsets).
The weights are a small logistic model fitted on BASIL with cross-validation by event
(`analysis.portrayal.train`; `framing train portrayal`), shipped as
`analysis/models/portrayal.json` (card: `analysis/models/README.md`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.portrayal.features import (
    COMPACT_FEATURES,
    EVIDENCE_COLUMNS,
    FEATURE_NOTES,
    FEATURES,
    actor_features,
    evidence_rows,
)
from analysis.portrayal.model import (
    MODEL_FILE,
    PORTRAYAL_LABELS,
    PortrayalModel,
    load_model,
    read_model,
)
from analysis.portrayal.signals import MentionSignal, mention_signal

SIGNAL_COLUMNS = ["article_id", "start", "end", *MentionSignal.__dataclass_fields__.keys()]
SIGNAL_COLUMNS = list(dict.fromkeys(SIGNAL_COLUMNS))
PORTRAYAL_COLUMNS = [
    "article_id",
    "actor",
    "polarity",
    *FEATURES,
    "p_negative",
    "p_positive",
    "portrayal",
    "portrayal_label",
    "top_signals",
]


def signals_frame(signals: list[MentionSignal]) -> pd.DataFrame:
    """The per-mention signals as a table (SIGNAL_COLUMNS)."""
    rows = [{c: getattr(s, c) for c in SIGNAL_COLUMNS} for s in signals]
    return pd.DataFrame(rows, columns=SIGNAL_COLUMNS)


def portrayal_tables(
    mentions: pd.DataFrame,
    signals: pd.DataFrame,
    loaded_terms: pd.DataFrame,
    attributions: pd.DataFrame,
    titles: Mapping[str, str | None],
    texts: Mapping[str, str],
    model: PortrayalModel | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`portrayal_signals`, `portrayal_evidence`) for a run's tables (see the module
    docstring); `model` defaults to the shipped one."""
    model = model or load_model()
    features = actor_features(mentions, signals, loaded_terms, attributions, titles, texts)
    evidence = evidence_rows(mentions, signals, loaded_terms, attributions)
    if features.empty:
        return pd.DataFrame(columns=PORTRAYAL_COLUMNS), evidence
    predicted = model.predict(features)
    polarity = (
        mentions.merge(signals, on=["article_id", "start", "end"], how="left")
        .groupby(["article_id", "actor"])["target"]
        .mean()
        .round(4)
        .rename("polarity")
        .reset_index()
    )
    frame = pd.concat([features, predicted], axis=1).merge(
        polarity, on=["article_id", "actor"], how="left"
    )
    frame["top_signals"] = _top_signals(model, features)
    return frame[PORTRAYAL_COLUMNS], evidence


def no_evidence_score(model: PortrayalModel | None = None) -> float:
    """The `portrayal` of an actor named once with no evaluative evidence (every signal
    at zero): the score's zero is the average labelled main actor, of whom about one
    in five was portrayed negatively, so an actor with nothing against it scores
    above zero. Charts mark this level."""
    model = model or load_model()
    row = {name: 0.0 for name in model.features}
    if "mentions" in row:
        row["mentions"] = float(np.log1p(1))
    return float(model.predict(pd.DataFrame([row]))["portrayal"].iloc[0])


def _top_signals(model: PortrayalModel, features: pd.DataFrame, k: int = 3) -> list[str]:
    """The k signals that moved each row most toward negative (+) or away from it (−)."""
    contributions = model.contributions(features)
    names = list(contributions.columns)
    out = []
    for row in contributions.to_numpy(dtype=float):
        top = _largest_first(np.abs(row))[:k]
        out.append("; ".join(f"{names[i]} {row[i]:+.2f}" for i in top if row[i]))
    return out


def _largest_first(values: np.ndarray) -> np.ndarray:
    """Positions of `values` from the largest down, ties as `Series.sort_values(
    ascending=False)` orders them (pandas' `nargsort`: quicksort of the reversed array),
    so the signals listed are those pandas would list."""
    if np.isnan(values).any():
        order = pd.Series(values).sort_values(ascending=False).index
        return np.asarray(order)
    positions = np.arange(len(values))[::-1]
    return positions[values[::-1].argsort(kind="quicksort")][::-1]


__all__ = [
    "COMPACT_FEATURES",
    "EVIDENCE_COLUMNS",
    "FEATURES",
    "FEATURE_NOTES",
    "MODEL_FILE",
    "PORTRAYAL_COLUMNS",
    "PORTRAYAL_LABELS",
    "MentionSignal",
    "PortrayalModel",
    "actor_features",
    "evidence_rows",
    "load_model",
    "mention_signal",
    "no_evidence_score",
    "portrayal_tables",
    "read_model",
    "signals_frame",
]
