"""Which words or cues distinguish one group of texts from another.

The score is the log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", Political Analysis 16(4) — the measure
scattertext and most framing studies use. Raw frequency differences favour common
words and raw log-odds favour rare ones; shrinking each group's counts toward a
background distribution (the prior) and dividing by the estimate's standard error gives a
z-score that ranks terms by how *reliably* one group uses them more than the other.

For a term w with counts y_a, y_b in groups of sizes n_a, n_b and prior pseudo-counts
alpha_w (summing to alpha_0 over the compared vocabulary):

    log_odds_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
               - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
    variance_w = 1/(y_a + alpha_w) + 1/(n_a + alpha_0 - y_a - alpha_w)
               + 1/(y_b + alpha_w) + 1/(n_b + alpha_0 - y_b - alpha_w)
    z_w        = log_odds_w / sqrt(variance_w)

Monroe et al.'s equation 20 drops the two complement terms of the variance (they are
negligible for large corpora); they are kept here because the kit's groups (cues per
camp, loaded terms per outlet) are small. Positive z: group A uses the term more;
|z| > 1.96 is the conventional 95% line (not corrected for the many terms tested).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

LOG_ODDS_COLUMNS = ["term", "count_a", "count_b", "log_odds", "variance", "z"]

#: Pseudo-count given to a term that the supplied prior (background corpus) lacks.
MISSING_PRIOR_COUNT = 0.5

Counts = Mapping[str, float] | pd.Series


def _as_series(counts: Counts | None) -> pd.Series:
    if counts is None:
        return pd.Series(dtype=float)
    series = counts if isinstance(counts, pd.Series) else pd.Series(dict(counts), dtype=float)
    series = series.astype(float)
    series.index = series.index.astype(str)
    return series.groupby(level=0).sum()


def log_odds(
    counts_a: Counts,
    counts_b: Counts,
    prior: Counts | None = None,
    prior_scale: float | None = None,
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior, group A against group B.

    `counts_a`, `counts_b`: term -> count (a dict or a Series indexed by term).
    `prior`: term -> background count, the distribution the estimates shrink toward;
    default: the two groups pooled. Terms the prior lacks get `MISSING_PRIOR_COUNT`.
    `prior_scale`: alpha_0, the total weight of the prior in pseudo-counts; default:
    the number of tokens compared (n_a + n_b), so prior and data weigh the same. Larger
    values shrink rare terms harder toward "no difference".

    Returns one row per term used by either group — `term, count_a, count_b, log_odds,
    variance, z` — sorted by z, highest (most typical of A) first. A vocabulary of a
    single term has no odds to compare: its scores are NaN.
    """
    a, b = _as_series(counts_a), _as_series(counts_b)
    terms = a.index.union(b.index)
    a = a.reindex(terms, fill_value=0.0)
    b = b.reindex(terms, fill_value=0.0)
    keep = (a + b) > 0
    a, b = a[keep], b[keep]
    if a.empty:
        return pd.DataFrame({column: [] for column in LOG_ODDS_COLUMNS}).astype(
            {"term": object, "count_a": int, "count_b": int}
        )
    if prior is None:
        background = a + b
    else:
        background = _as_series(prior).reindex(a.index).fillna(0.0)
        background = background.where(background > 0, MISSING_PRIOR_COUNT)
    n_a, n_b = float(a.sum()), float(b.sum())
    alpha_0 = float(n_a + n_b if prior_scale is None else prior_scale)
    if alpha_0 <= 0:
        raise ValueError(f"prior_scale must be positive, got {prior_scale!r}")
    alpha = background / background.sum() * alpha_0

    with np.errstate(divide="ignore", invalid="ignore"):
        in_a, rest_a = a + alpha, n_a + alpha_0 - a - alpha
        in_b, rest_b = b + alpha, n_b + alpha_0 - b - alpha
        delta = np.log(in_a / rest_a) - np.log(in_b / rest_b)
        variance = 1.0 / in_a + 1.0 / rest_a + 1.0 / in_b + 1.0 / rest_b
        z = delta / np.sqrt(variance)
    table = pd.DataFrame(
        {
            "term": a.index.astype(object),
            "count_a": a.to_numpy().round().astype(int),
            "count_b": b.to_numpy().round().astype(int),
            "log_odds": delta.to_numpy(),
            "variance": variance.to_numpy(),
            "z": z.to_numpy(),
        }
    ).replace([np.inf, -np.inf], np.nan)
    table = table.sort_values(["z", "term"], ascending=[False, True], na_position="last")
    return table.reset_index(drop=True)


def term_counts(table: pd.DataFrame, term: str, group: str) -> pd.DataFrame:
    """Counts of each term per group from a tidy table with one row per occurrence,
    e.g. `term_counts(attributions, "cue_lemma", "camp")` or
    `term_counts(loaded_terms_with_outlet, "lemma", "outlet")`.

    Returns a wide table: one row per term (the index), one column per group, integer
    counts. Rows whose term or group is missing are left out."""
    if table.empty or term not in table or group not in table:
        return pd.DataFrame(dtype=int)
    rows = table[[term, group]].dropna()
    rows = rows[rows[term].astype(str).str.strip() != ""]
    if rows.empty:
        return pd.DataFrame(dtype=int)
    counts = pd.crosstab(rows[term].astype(str), rows[group].astype(str))
    counts.index.name, counts.columns.name = term, group
    return counts.astype(int)


def compare_groups(
    table: pd.DataFrame,
    term: str,
    group: str,
    group_a: str,
    group_b: str | None = None,
    *,
    prior: Counts | None = None,
    prior_scale: float | None = None,
) -> pd.DataFrame:
    """Terms that distinguish `group_a` from `group_b` (or, when `group_b` is None,
    from all other groups together) in a tidy table, scored by `log_odds`.

    The prior defaults to the term counts of the whole table (every group), so that
    the background is the corpus the groups come from, as in Monroe et al. (2008)."""
    counts = term_counts(table, term, group)
    if counts.empty:
        return log_odds({}, {})
    in_a = counts[group_a] if group_a in counts else pd.Series(0, index=counts.index)
    if group_b is None:
        others = [column for column in counts.columns if column != group_a]
        in_b = counts[others].sum(axis=1)
    else:
        in_b = counts[group_b] if group_b in counts else pd.Series(0, index=counts.index)
    background = counts.sum(axis=1) if prior is None else prior
    return log_odds(in_a, in_b, prior=background, prior_scale=prior_scale)
