"""Is a difference across outlets larger than chance? outlet_tests.csv and the paired
within-event differences.

**Across outlets** (`outlet_tests`): for each actor (and camp) and measure, the
per-article values of the articles that mention it (see
`analysis.outlets.measures.per_article_values`) are grouped by outlet, and a
permutation test (`scipy.stats.permutation_test`, outlets' labels shuffled over the
articles) asks whether the outlets' means differ more than shuffled labels make them
differ. The statistic is the between-outlet sum of squares, Σ n_g (mean_g − mean)²,
the numerator of one-way ANOVA's F (its permutation distribution needs no normality).
`method="kruskal"` uses the Kruskal–Wallis rank test instead. Only outlets with at
least `min_articles` values take part, and a test needs two such outlets.

**Within events** (`event_differences`): where records carry `event`, each outlet is
compared with the other outlets on the *same* events: for each event where the outlet
and at least one other outlet have a value, the difference outlet − mean of the
others. Its mean over events comes with a bootstrap 95% interval (events resampled)
and a sign-flip permutation test (`scipy.stats.permutation_test`, paired), which
controls for what an event is about — the strongest comparison the design allows.

Every p-value of a file is corrected together for the many tests with
Benjamini–Hochberg (`scipy.stats.false_discovery_control`): `q_value` is the false
discovery rate at which the row would count as a finding. Read q < 0.05 as a lead to
check in the articles, not as proof: the measures rest on automatic extraction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.outlets.measures import MEASURES, per_article_values
from analysis.stance import DEFAULT_SEED, bh_q_values

TEST_COLUMNS = [
    "level",
    "actor",
    "camp",
    "measure",
    "outlets",
    "n",
    "statistic",
    "p_value",
    "q_value",
    # beyond the contract's list:
    "test",
    "highest",
    "lowest",
    "spread",
    "means",
]

DIFFERENCE_COLUMNS = [
    "level",
    "actor",
    "camp",
    "measure",
    "outlet",
    "events",
    "mean_difference",
    "difference_low",
    "difference_high",
    "p_value",
    "q_value",
]

DEFAULT_PERMUTATIONS = 1999


def between_outlets_statistic(*groups: np.ndarray, axis: int = -1) -> np.ndarray:
    """Σ n_g (mean_g − grand mean)² over the groups (vectorised along `axis`)."""
    sizes = [g.shape[axis] for g in groups]
    sums = [g.sum(axis=axis) for g in groups]
    grand = sum(sums) / sum(sizes)
    return sum(n * (s / n - grand) ** 2 for n, s in zip(sizes, sums, strict=True))


def permutation_p(
    groups: list[np.ndarray],
    *,
    n_resamples: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> tuple[float, float]:
    """(statistic, p-value) of the permutation test of a difference among `groups`:
    the outlets' labels are shuffled over the pooled values `n_resamples` times
    (seeded) and p = (1 + #{shuffled statistic ≥ observed}) / (1 + n_resamples), the
    Monte Carlo p-value `scipy.stats.permutation_test` gives for
    `between_outlets_statistic`, computed here in one vectorised step (a test takes
    about a millisecond instead of a hundred)."""
    groups = [np.asarray(g, dtype=float) for g in groups]
    pooled = np.concatenate(groups)
    observed = float(between_outlets_statistic(*groups))
    rng = np.random.default_rng(seed)
    bounds = np.cumsum([0] + [g.size for g in groups])
    tolerance = 1e-12 * max(1.0, abs(observed))
    exceed = 0
    # Blocks of about a million draws: memory flat in corpus size, same random stream.
    rows = max(1, 1_000_000 // max(pooled.size, 1))
    for first in range(0, n_resamples, rows):
        size = min(rows, n_resamples - first)
        shuffled = pooled[np.argsort(rng.random((size, pooled.size)), axis=1)]
        parts = [shuffled[:, a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        null = between_outlets_statistic(*parts, axis=1)
        exceed += int(np.count_nonzero(null >= observed - tolerance))
    return observed, (1 + exceed) / (1 + n_resamples)


def sign_flip_p(
    differences: np.ndarray, *, n_resamples: int = DEFAULT_PERMUTATIONS, seed: int = DEFAULT_SEED
) -> float:
    """Two-sided p-value of a paired sign-flip permutation test that the mean of
    `differences` is zero (what `scipy.stats.permutation_test(..., permutation_type=
    "samples")` does for one sample), vectorised."""
    d = np.asarray(differences, dtype=float)
    if d.size == 0 or np.all(d == 0):
        return 1.0
    observed = abs(d.mean())
    rng = np.random.default_rng(seed)
    signs = rng.choice(np.array([-1.0, 1.0]), size=(n_resamples, d.size))
    null = np.abs((signs * d).mean(axis=1))
    exceed = int(np.count_nonzero(null >= observed - 1e-12 * max(1.0, observed)))
    return (1 + exceed) / (1 + n_resamples)


def outlet_tests(
    measures: pd.DataFrame,
    *,
    measure_names: tuple[str, ...] = MEASURES,
    min_articles: int = 3,
    method: str = "permutation",
    n_resamples: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """outlet_tests.csv: one row per actor (or camp) and measure that could be tested,
    with the test's statistic, p-value and the Benjamini–Hochberg `q_value` over the
    whole table; `highest`/`lowest` name the outlets with the highest and lowest mean,
    `spread` is their difference and `means` lists every outlet's mean and n."""
    if method not in ("permutation", "kruskal"):
        raise ValueError(f"method must be 'permutation' or 'kruskal', got {method!r}")
    keyed, camp_of = _keyed(measures)
    rows = []
    for measure in measure_names:
        values = per_article_values(keyed, measure).to_numpy()
        usable = keyed[~np.isnan(values)].assign(_value=values[~np.isnan(values)])
        outlets = usable["outlet"].astype(str).to_numpy()
        numbers = usable["_value"].to_numpy(dtype=float)
        for (level, key), index in _groups(usable):
            if index.size < 2 * min_articles:
                continue
            names, codes = np.unique(outlets[index], return_inverse=True)
            samples = {
                str(name): numbers[index][codes == c]
                for c, name in enumerate(names)
                if np.count_nonzero(codes == c) >= min_articles
            }
            if len(samples) < 2:
                continue
            pooled = np.concatenate(list(samples.values()))
            means = {outlet: float(v.mean()) for outlet, v in samples.items()}
            if np.ptp(pooled) == 0:
                statistic, p_value = 0.0, 1.0
            elif method == "kruskal":
                from scipy import stats

                statistic, p_value = (float(x) for x in stats.kruskal(*samples.values()))
            else:
                statistic, p_value = permutation_p(
                    list(samples.values()), n_resamples=n_resamples, seed=seed
                )
            ranked = sorted(means, key=lambda name: (-means[name], name))
            rows.append(
                {
                    "level": level,
                    "actor": key if level == "actor" else None,
                    "camp": camp_of.get(key) if level == "actor" else key,
                    "measure": measure,
                    "outlets": ";".join(samples),
                    "n": int(pooled.size),
                    "statistic": statistic,
                    "p_value": p_value,
                    "test": "permutation (between-outlet SS)"
                    if method == "permutation"
                    else "Kruskal-Wallis",
                    "highest": ranked[0],
                    "lowest": ranked[-1],
                    "spread": means[ranked[0]] - means[ranked[-1]],
                    "means": "; ".join(
                        f"{name} {means[name]:.3g} (n={samples[name].size})" for name in samples
                    ),
                }
            )
    frame = pd.DataFrame(rows, columns=TEST_COLUMNS)
    frame["q_value"] = bh_q_values(frame["p_value"])
    if len(frame):
        frame = frame.sort_values(["q_value", "p_value", "level", "measure"], kind="stable")
    return frame.reset_index(drop=True)


def _keyed(measures: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The measures with `_key` (the actor's name, or the camp's) as plain strings, and
    each actor's most frequent camp."""
    level = measures["level"].astype(str).to_numpy()
    actor = measures["actor"].astype(object).to_numpy()
    camp = measures["camp"].astype(object).to_numpy()
    key = np.where(level == "actor", actor, camp)
    frame = measures.assign(_key=[str(k) for k in key], level=level)
    actors = frame[(frame["level"] == "actor") & frame["camp"].notna()]
    counts = actors.groupby(["_key", "camp"]).size().rename("n").reset_index()
    counts = counts.sort_values(["_key", "n", "camp"], ascending=[True, False, True])
    camp_of = counts.drop_duplicates("_key").set_index("_key")["camp"].to_dict()
    return frame, camp_of


def _groups(frame: pd.DataFrame):
    """(level, key) and the positions of its rows, in sorted order."""
    if frame.empty:
        return []
    indices = frame.groupby(["level", "_key"], sort=True).indices
    return sorted(indices.items())


def event_differences(
    measures: pd.DataFrame,
    *,
    measure_names: tuple[str, ...] = MEASURES,
    min_events: int = 3,
    n_resamples: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> pd.DataFrame:
    """Paired within-event differences: each outlet against the others on the same
    events, per actor (and camp) and measure (see the module docstring). Rows need at
    least `min_events` events; `q_value` is Benjamini–Hochberg over the whole table."""
    rows = []
    keyed, camp_of = _keyed(measures.dropna(subset=["event"]))
    for measure in measure_names:
        values = keyed.assign(_value=per_article_values(keyed, measure).to_numpy())
        values = values[values["_value"].notna()]
        if values.empty:
            continue
        cells = values.groupby(["level", "_key", "event", "outlet"])["_value"].mean()
        table = cells.unstack("outlet")
        if table.shape[1] < 2:
            continue
        present = table.notna()
        for outlet in table.columns:
            others = table.drop(columns=outlet)
            with_others = present.drop(columns=outlet).any(axis=1) & present[outlet]
            differences = (table[outlet] - others.mean(axis=1))[with_others]
            if differences.empty:
                continue
            for (unit_level, key), d in differences.groupby(level=["level", "_key"], sort=True):
                if len(d) < min_events:
                    continue
                d = d.to_numpy(dtype=float)
                low, high = _bootstrap_mean(d, n_resamples, seed, level)
                rows.append(
                    {
                        "level": unit_level,
                        "actor": key if unit_level == "actor" else None,
                        "camp": camp_of.get(key) if unit_level == "actor" else key,
                        "measure": measure,
                        "outlet": outlet,
                        "events": int(d.size),
                        "mean_difference": float(d.mean()),
                        "difference_low": low,
                        "difference_high": high,
                        "p_value": sign_flip_p(d, n_resamples=n_resamples, seed=seed),
                    }
                )
    frame = pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)
    frame["q_value"] = bh_q_values(frame["p_value"])
    if len(frame):
        frame = frame.sort_values(["q_value", "p_value", "level", "measure"], kind="stable")
    return frame.reset_index(drop=True)


def _bootstrap_mean(values: np.ndarray, n_resamples: int, seed: int, level: float):
    if values.size < 2:
        return (np.nan, np.nan)
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, values.size, (n_resamples, values.size))].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)
