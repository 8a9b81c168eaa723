"""Fitting the portrayal model on BASIL-style gold, with cross-validation by event.

`training_rows` runs the kit over the gold's articles (through the parse cache) and
joins each labelled entity, matched to its actor (`analysis.portrayal.gold`), with the
actor's portrayal features. `cross_validate` gives out-of-fold predictions with folds
grouped by event (`triplet`: the three outlets' articles on one event are always in the
same fold), choosing the label thresholds inside each training fold by an inner
event-wise cross-validation, so no figure is read off data the model was fitted or tuned
on. `train_portrayal` does both and writes the model file with its figures in `meta`.

scikit-learn is needed here only (the kit reads the model from JSON).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.portrayal.features import COMPACT_FEATURES, FEATURES
from analysis.portrayal.gold import match_gold, read_gold
from analysis.portrayal.metrics import portrayal_scores
from analysis.portrayal.model import Logistic, PortrayalModel, label_of, to_json

#: Regularisation strengths tried (inverse L2 penalty of scikit-learn).
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
#: The signal sets tried (`features.COMPACT_FEATURES`: one or two per kind of evidence).
SIGNAL_SETS: dict[str, tuple[str, ...]] = {"compact": COMPACT_FEATURES, "all": FEATURES}
FOLDS = 5
#: Label thresholds tried on P(negative) and P(positive) (calibrated probabilities: the
#: models are fitted without class weights, so the score keeps the gold's proportions).
THRESHOLD_GRID = tuple(round(x, 3) for x in np.arange(0.05, 0.701, 0.025))


def training_rows(data_dir: str | Path, **run_options: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(gold records matched to actors with their features, the run's tables' baseline).

    The first frame has one row per gold record: `id, entity, label, triplet, outlet,
    actor, match`, the FEATURES (NaN where no actor was matched) and `clause_mean`
    (the mean polarity of the actor's mentions: the kit's first portrayal, a baseline)."""
    from analysis.pipeline import run_analysis

    data_dir = Path(data_dir)
    articles, gold_path = data_dir / "articles.jsonl", data_dir / "gold.jsonl"
    for path in (articles, gold_path):
        if not path.is_file():
            raise FileNotFoundError(
                f"{path}: no such file (a BASIL-style folder has articles.jsonl and gold.jsonl)"
            )
    result = run_analysis([articles], **run_options)
    matched = pd.DataFrame(match_gold(read_gold(gold_path), result.tables["mentions"]))
    signals = result.tables["portrayal_signals"]
    keep = ["article_id", "actor", *FEATURES, "polarity", "portrayal", "portrayal_label"]
    joined = matched.merge(
        signals[keep].rename(columns={"article_id": "id", "polarity": "clause_mean"}),
        on=["id", "actor"],
        how="left",
    )
    return joined, result.tables["articles"]


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def _logistic(x: np.ndarray, y: np.ndarray, c: float) -> Logistic:
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():  # no example of the class: a constant, near-zero probability
        return Logistic(-5.0 if y.max() == 0 else 5.0, tuple(0.0 for _ in range(x.shape[1])))
    fitted = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    return Logistic(float(fitted.intercept_[0]), tuple(float(w) for w in fitted.coef_[0]))


def fit(
    frame: pd.DataFrame,
    labels: Sequence[str],
    c: float,
    thresholds: dict[str, float] | None = None,
    meta: dict[str, Any] | None = None,
    features: Sequence[str] = FEATURES,
) -> PortrayalModel:
    """The two regressions fitted on the standardised `features` (no class weights, so
    the probabilities keep the gold's proportions)."""
    x = frame[list(features)].astype(float).fillna(0.0).to_numpy()
    y = np.asarray(labels)
    mean, scale = _standardise(x)
    z = (x - mean) / scale
    return PortrayalModel(
        features=tuple(features),
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        negative=_logistic(z, (y == "negative").astype(int), c),
        positive=_logistic(z, (y == "positive").astype(int), c),
        thresholds=thresholds or {"negative": 0.5, "positive": 0.5},
        centre={
            "negative": float(np.mean(y == "negative")),
            "positive": float(np.mean(y == "positive")),
        },
        meta=meta or {},
    )


def choose_thresholds(
    p_negative: np.ndarray, p_positive: np.ndarray, labels: Sequence[str]
) -> dict[str, float]:
    """The pair of thresholds (on THRESHOLD_GRID) with the best 3-class macro-F1."""
    best, best_f1 = {"negative": 0.5, "positive": 0.5}, -1.0
    for neg in THRESHOLD_GRID:
        for pos in THRESHOLD_GRID:
            chosen = {"negative": neg, "positive": pos}
            f1 = portrayal_scores(labels, label_of(p_negative, p_positive, chosen))["macro_f1"]
            if f1 > best_f1 + 1e-9:
                best, best_f1 = chosen, f1
    return best


def _folds(groups: Sequence[str], k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import GroupKFold

    groups = np.asarray(groups)
    k = min(k, len(set(groups)))
    index = np.arange(len(groups))
    return list(GroupKFold(n_splits=k).split(index, groups=groups))


def _out_of_fold(
    frame: pd.DataFrame,
    labels: np.ndarray,
    groups: np.ndarray,
    c: float,
    k: int,
    features: Sequence[str] = FEATURES,
) -> tuple[np.ndarray, np.ndarray]:
    p_neg, p_pos = np.zeros(len(frame)), np.zeros(len(frame))
    for train, test in _folds(groups, k):
        model = fit(frame.iloc[train], labels[train], c, features=features)
        x = model.standardise(frame.iloc[test])
        p_neg[test], p_pos[test] = model.negative.probability(x), model.positive.probability(x)
    return p_neg, p_pos


def _predict_folds(
    frame: pd.DataFrame,
    labels: np.ndarray,
    groups: np.ndarray,
    k: int,
    settings: Callable[[np.ndarray], tuple[float, Sequence[str]]],
) -> pd.DataFrame:
    """Out-of-fold predictions, folds grouped by event: on each training fold,
    `settings(train)` gives (C, signals), the thresholds come from an inner event-wise
    CV there, and the model fitted there predicts the held-out fold."""
    columns = ["p_negative", "p_positive", "portrayal", "portrayal_label"]
    out = pd.DataFrame(index=frame.index, columns=columns)
    out = out.astype({c: float for c in columns[:3]} | {"portrayal_label": object})
    for train, test in _folds(groups, k):
        c, features = settings(train)
        inner_neg, inner_pos = _out_of_fold(
            frame.iloc[train], labels[train], groups[train], c, k - 1, features
        )
        thresholds = choose_thresholds(inner_neg, inner_pos, labels[train])
        model = fit(frame.iloc[train], labels[train], c, thresholds, features=features)
        predicted = model.predict(frame.iloc[test])
        for column in columns:
            out.iloc[test, columns.index(column)] = predicted[column].to_numpy()
    return out


def cross_validate(
    frame: pd.DataFrame,
    labels: Sequence[str],
    groups: Sequence[str],
    c: float,
    k: int = FOLDS,
    features: Sequence[str] = FEATURES,
) -> pd.DataFrame:
    """Out-of-fold `p_negative, p_positive, portrayal, portrayal_label` for every row,
    folds grouped by event; thresholds chosen by an inner event-wise CV on each
    training fold."""
    labels, groups = np.asarray(labels), np.asarray(groups)
    return _predict_folds(frame, labels, groups, k, lambda _train: (c, features))


def _trials(
    frame: pd.DataFrame,
    labels: np.ndarray,
    groups: np.ndarray,
    c_grid: Sequence[float],
    k: int = FOLDS,
    echo: Any = None,
) -> dict[tuple[str, float], dict[str, Any]]:
    """Event-wise CV scores of every (signal set, C)."""
    trials = {}
    for name, features in SIGNAL_SETS.items():
        for c in c_grid:
            oof = cross_validate(frame, labels, groups, c, k, features)
            trials[(name, c)] = portrayal_scores(labels, oof["portrayal_label"], -oof["portrayal"])
            if echo:
                scores = trials[(name, c)]
                echo(f"{name} C={c}: AUC {scores['auc']:.3f} macro-F1 {scores['macro_f1']:.3f}")
    return trials


def _best(trials: dict[tuple[str, float], dict[str, Any]]) -> tuple[str, float]:
    """The (signal set, C) with the best AUC + macro-F1 (ties: the smaller set, then
    the stronger penalty)."""
    order = list(SIGNAL_SETS)
    return max(
        trials,
        key=lambda key: (
            trials[key]["macro_f1"] + (trials[key]["auc"] or 0.0),
            -order.index(key[0]),
            -key[1],
        ),
    )


def nested_cross_validate(
    frame: pd.DataFrame, labels: Sequence[str], groups: Sequence[str], c_grid: Sequence[float]
) -> pd.DataFrame:
    """Out-of-fold predictions with the signal set and C chosen inside each training
    fold (by an inner event-wise CV), so the choice itself is not read off the figure."""
    labels, groups = np.asarray(labels), np.asarray(groups)

    def chosen(train: np.ndarray) -> tuple[float, Sequence[str]]:
        inner = frame.iloc[train].reset_index(drop=True)
        name, c = _best(_trials(inner, labels[train], groups[train], c_grid, FOLDS - 1))
        return c, SIGNAL_SETS[name]

    return _predict_folds(frame, labels, groups, FOLDS, chosen)


def train_portrayal(
    data_dir: str | Path,
    out_path: str | Path,
    *,
    c_grid: Sequence[float] = C_GRID,
    echo: Any = None,
    **run_options: Any,
) -> dict[str, Any]:
    """Fit on every matched gold record of `data_dir` (BASIL layout) and write the model
    file; the summary (also stored as the file's `meta`) has the event-wise CV figures
    of each signal set and C tried, the chosen pair, the nested CV figure (the choice
    made inside each fold), the baselines and the weights."""
    from analysis.outputs import write_json

    started = time.perf_counter()
    rows, _ = training_rows(data_dir, **run_options)
    matched = rows[rows["actor"].notna()].reset_index(drop=True)
    labels, groups = matched["label"].to_numpy(), matched["triplet"].to_numpy()
    trials = _trials(matched, labels, groups, c_grid, echo=echo)
    best_set, best_c = _best(trials)
    features = SIGNAL_SETS[best_set]
    nested = nested_cross_validate(matched, labels, groups, c_grid)
    nested_scores = portrayal_scores(labels, nested["portrayal_label"], -nested["portrayal"])
    if echo:
        echo(
            f"nested (set and C chosen inside each fold): AUC {nested_scores['auc']:.3f} "
            f"macro-F1 {nested_scores['macro_f1']:.3f}"
        )
    p_neg, p_pos = _out_of_fold(matched, labels, groups, best_c, FOLDS, features)
    thresholds = choose_thresholds(p_neg, p_pos, labels)
    gold_path = Path(data_dir) / "gold.jsonl"
    baseline = rows[rows["actor"].notna()]
    meta = {
        "trained_on": "BASIL dev half (150 articles, 50 events; Fan et al., EMNLP 2019; "
        "launchnlp/BASIL, no licence file: evaluation-only data, texts not shipped)",
        "gold_sha256": hashlib.sha256(gold_path.read_bytes()).hexdigest(),
        "events": len(set(groups.tolist())),
        "labels": {k: int(v) for k, v in pd.Series(labels).value_counts().items()},
        "gold_records": len(rows),
        "matched": len(matched),
        "coverage": round(len(matched) / len(rows), 4) if len(rows) else 0.0,
        "settings": {
            "C": best_c,
            "signals": best_set,
            "class_weight": None,
            "folds": f"{FOLDS}-fold GroupKFold by event (triplet); thresholds by inner CV",
            "c_grid": list(c_grid),
            "signal_sets": {name: list(f) for name, f in SIGNAL_SETS.items()},
        },
        "cross_validated": {f"{name} C={c}": _brief(s) for (name, c), s in trials.items()},
        "nested_cross_validated": _brief(nested_scores),
        "baselines": {
            "clause_mean": _brief(
                portrayal_scores(
                    baseline["label"],
                    _clause_labels(baseline["clause_mean"]),
                    -baseline["clause_mean"].fillna(0.0),
                )
            ),
            "always_neutral": _brief(
                portrayal_scores(baseline["label"], ["neutral"] * len(baseline), None)
            ),
        },
        "retrain": "framing train portrayal --data ../shared/eval/basil/",
    }
    model = fit(matched, labels, best_c, thresholds, meta, features)
    write_json(to_json(model), out_path)
    meta["seconds"] = round(time.perf_counter() - started, 1)
    meta["weights_toward_negative"] = dict(
        sorted(zip(features, model.negative.weights, strict=True), key=lambda kv: -abs(kv[1]))
    )
    return meta


#: The first portrayal's labels: the mean clause polarity beyond ±CLAUSE_BAND.
CLAUSE_BAND = 0.1


def _clause_labels(values: pd.Series) -> list[str]:
    return [
        "negative" if v <= -CLAUSE_BAND else "positive" if v >= CLAUSE_BAND else "neutral"
        for v in values.fillna(0.0)
    ]


def _brief(scores: dict[str, Any]) -> dict[str, Any]:
    return {
        "auc": scores["auc"],
        "macro_f1": scores["macro_f1"],
        "f1": {k: v["f1"] for k, v in scores["per_class"].items()},
        "n": scores["n"],
    }
