"""The writer's stance toward each actor's words: per actor and per camp, how often the
writer introduced them with each class of reporting cue, and the mean credibility those
cues imply, with a bootstrap 95% interval; and the credibility gap between camps.

Input is the attributions table (columns of the contract's attributions.csv; only
`actor`, `camp`, `stance`, `credibility`, `in_quote`, `negated`, `article_id` and
`cue_lemma` are read). Pure functions over pandas DataFrames: nothing is parsed here.

Which cues count (decisions, so a reader can check them):

- **Only the writer's cues.** A cue inside a direct quote (`in_quote` true) is the
  source's word, not the writer's choice, and is left out of every count.
- **Negated cues** ("did not deny", "never claimed") are counted in `negated` but in no
  stance class and not in the mean credibility: the writer reports that a speech act
  did *not* happen, which says nothing about how credible its content is ("did not
  confirm" is not doubt, "did not deny" is not endorsement).
- **Intervals** resample cues (rows) with replacement, seeded, so a re-run gives the
  same interval. With `cluster="article_id"` they resample whole articles instead,
  which is more honest when one article's cues are not independent of each other. An
  interval needs at least two cues (two articles when clustered); otherwise it is NaN.

Credibility scores come from the reporting-cue lexicon. The endorsing and emphatic
classes rest on style guides (Wikipedia MOS:SAID, Hooper's factives and assertives),
not on annotated data: see `CREDIBILITY_NOTE`, which every table carries in
`frame.attrs["note"]`.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.lexicons import STANCES

CREDIBILITY_NOTE = (
    "Credibility is what the writer's reporting cue implies about the truth of the "
    "reported content (-1 doubt ... +1 truth), from the kit's lexicon. Annotated corpora "
    "of biased language (BABE, BASIL, PTC) mark 'claim' and emotive cues (slam, blast, "
    "boast) as loaded in most occurrences but are silent on truth-implying cues: the "
    "endorsing and emphatic classes rest on style guides (Wikipedia MOS:SAID; Hooper "
    "1975), not on annotated data."
)

DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20240501


def writer_cues(attributions: pd.DataFrame) -> pd.DataFrame:
    """The attributions whose cue is the writer's (not inside a direct quote), with
    `counted` (false for negated cues) and `score` (the credibility, NaN where
    negated or missing)."""
    frame = attributions.copy()
    in_quote = _flag(frame, "in_quote")
    frame = frame.loc[~in_quote].copy()
    negated = _flag(frame, "negated")
    stance = frame["stance"] if "stance" in frame else pd.Series("other", index=frame.index)
    frame["stance"] = stance.fillna("other").astype(str)
    frame.loc[~frame["stance"].isin(STANCES), "stance"] = "other"
    credibility = frame["credibility"] if "credibility" in frame else np.nan
    frame["counted"] = ~negated
    frame["score"] = pd.to_numeric(credibility, errors="coerce").where(~negated)
    return frame


def _flag(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series(False, index=frame.index)

    values = frame[column]
    if values.dtype == bool:
        return values

    def truth(value) -> bool:
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return False if pd.isna(value) else bool(value)

    return values.map(truth).astype(bool)


def bootstrap_mean(
    values: Sequence[float] | np.ndarray,
    *,
    groups: Sequence | None = None,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """(mean, low, high): the mean of `values` and its percentile bootstrap interval.
    With `groups` (e.g. article ids, one per value), whole groups are resampled."""
    values = np.asarray(values, dtype=float)
    keep = ~np.isnan(values)
    values = values[keep]
    if values.size == 0:
        return (np.nan, np.nan, np.nan)
    mean = float(values.mean())
    means = _resampled_means(values, groups, keep, n_resamples, seed)
    if means is None:
        return (mean, np.nan, np.nan)
    low, high = np.quantile(means, [(1 - level) / 2, 1 - (1 - level) / 2])
    return (mean, float(low), float(high))


def _resampled_means(
    values: np.ndarray, groups, keep: np.ndarray, n_resamples: int, seed: int
) -> np.ndarray | None:
    rng = np.random.default_rng(seed)
    if groups is None:
        n = values.size
        if n < 2:
            return None
        means = np.empty(n_resamples)
        for first in range(0, n_resamples, 256):  # chunks keep memory small
            size = min(256, n_resamples - first)
            means[first : first + size] = values[rng.integers(0, n, (size, n))].mean(axis=1)
        return means
    labels = pd.Series(np.asarray(groups, dtype=object)[keep])
    codes, uniques = pd.factorize(labels)
    k = len(uniques)
    if k < 2:
        return None
    sums = np.bincount(codes, weights=values, minlength=k)
    counts = np.bincount(codes, minlength=k).astype(float)
    picks = rng.integers(0, k, (n_resamples, k))
    return sums[picks].sum(axis=1) / counts[picks].sum(axis=1)


def stance_table(
    attributions: pd.DataFrame,
    by: Sequence[str] = ("actor", "camp"),
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
    cluster: str | None = None,
) -> pd.DataFrame:
    """One row per group (`by`, default actor and camp): `attributions` (all rows, quoted
    cues included), `attribution_share` (the group's share of all attributions that have a
    value for the first `by` column), `cues` (the writer's cues), `negated`, `n_<stance>`
    and `share_<stance>` for the ten stance classes (shares of the counted, non-negated
    cues), `mean_credibility`, `credibility_low`, `credibility_high` (bootstrap
    interval), `credibility_n` (cues with a score). Rows whose first `by` column is
    empty are left out; groups are sorted by `cues`, most first."""
    by = list(by)
    columns = _table_columns(by)
    all_rows = attributions.dropna(subset=[by[0]]) if by[0] in attributions else attributions[:0]
    voices = all_rows.groupby(by, dropna=False).size() if len(all_rows) else pd.Series()
    total_voices = len(all_rows)
    cues = writer_cues(attributions)
    cues = cues.dropna(subset=[by[0]]) if by[0] in cues else cues[:0]
    # One pass of numpy per group (the pandas calls per group cost about 2 ms each, and
    # a corpus has hundreds of actors): the columns are read once, as arrays.
    counted_all = cues["counted"].to_numpy(dtype=bool)
    stance_all = pd.Categorical(cues["stance"], categories=STANCES).codes
    score_all = cues["score"].to_numpy(dtype=float)
    cluster_all = cues[cluster].to_numpy() if cluster else None
    rows = []
    for key, positions in cues.groupby(by, dropna=False, sort=False).indices.items():
        key = key if isinstance(key, tuple) else (key,)
        counted = counted_all[positions]
        counts = np.bincount(stance_all[positions][counted], minlength=len(STANCES))
        n_counted = int(counted.sum())
        scores = score_all[positions]
        mean, low, high = bootstrap_mean(
            scores,
            groups=cluster_all[positions] if cluster_all is not None else None,
            n_resamples=n_resamples,
            seed=seed,
            level=level,
        )
        row = dict(zip(by, (None if pd.isna(k) else k for k in key), strict=True))
        n_voices = int(voices.get(key if len(key) > 1 else key[0], 0)) if total_voices else 0
        row.update(
            attributions=n_voices,
            attribution_share=n_voices / total_voices if total_voices else np.nan,
            cues=len(positions),
            negated=len(positions) - n_counted,
        )
        for stance, count in zip(STANCES, counts, strict=True):
            row[f"n_{stance}"] = int(count)
        for stance, count in zip(STANCES, counts, strict=True):
            row[f"share_{stance}"] = count / n_counted if n_counted else np.nan
        row.update(
            mean_credibility=mean,
            credibility_low=low,
            credibility_high=high,
            credibility_n=int((~np.isnan(scores)).sum()),
        )
        rows.append(row)
    frame = pd.DataFrame(rows, columns=columns)
    if len(frame):
        frame = frame.sort_values(["cues", *by], ascending=[False] + [True] * len(by))
        frame = frame.reset_index(drop=True)
    frame.attrs["note"] = CREDIBILITY_NOTE
    return frame


def _table_columns(by: Sequence[str]) -> list[str]:
    return [
        *by,
        "attributions",
        "attribution_share",
        "cues",
        "negated",
        *(f"n_{s}" for s in STANCES),
        *(f"share_{s}" for s in STANCES),
        "mean_credibility",
        "credibility_low",
        "credibility_high",
        "credibility_n",
    ]


def actor_stance_table(attributions: pd.DataFrame, **options) -> pd.DataFrame:
    """`stance_table` per actor (with its camp): the stance part of actors.csv."""
    return stance_table(attributions, by=("actor", "camp"), **options)


def camp_stance_table(attributions: pd.DataFrame, **options) -> pd.DataFrame:
    """`stance_table` per camp."""
    return stance_table(attributions, by=("camp",), **options)


def credibility_gap(
    attributions: pd.DataFrame,
    camp_a: str,
    camp_b: str,
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
    cluster: str | None = None,
) -> dict[str, float | str | int]:
    """Mean credibility of camp A's cues minus camp B's, with a bootstrap interval
    (each camp resampled independently, seeded). A positive gap: the writer's cues
    lend camp A more credibility than camp B."""
    return _gap(writer_cues(attributions), camp_a, camp_b, n_resamples, seed, level, cluster)


def _gap(
    cues: pd.DataFrame,
    camp_a: str,
    camp_b: str,
    n_resamples: int,
    seed: int,
    level: float,
    cluster: str | None,
    sides: dict | None = None,
) -> dict[str, float | str | int]:
    sides = sides if sides is not None else {}
    for camp in (camp_a, camp_b):
        if camp not in sides:
            sides[camp] = _camp_side(cues, camp, n_resamples, seed, cluster)
    (a, a_means), (b, b_means) = sides[camp_a], sides[camp_b]
    mean_a = float(a.mean()) if a.size else np.nan
    mean_b = float(b.mean()) if b.size else np.nan
    low = high = np.nan
    if a_means is not None and b_means is not None:
        diffs = a_means - b_means
        low, high = (float(q) for q in np.quantile(diffs, [(1 - level) / 2, (1 + level) / 2]))
    return {
        "camp_a": camp_a,
        "camp_b": camp_b,
        "n_a": int(a.size),
        "n_b": int(b.size),
        "mean_a": mean_a,
        "mean_b": mean_b,
        "gap": mean_a - mean_b,
        "gap_low": low,
        "gap_high": high,
    }


def _camp_side(
    cues: pd.DataFrame, camp: str, n_resamples: int, seed: int, cluster: str | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """One camp's credibility scores and their bootstrap means. Each camp has its own
    resampling stream (seeded by the seed and the camp's name), so the two sides of a
    gap are independent and a camp's resamples are the same in every pair."""
    camps = cues["camp"] if "camp" in cues else pd.Series(None, index=cues.index, dtype=object)
    group = cues[(camps == camp) & cues["score"].notna()]
    scores = group["score"].to_numpy(dtype=float)
    groups = group[cluster].to_numpy() if cluster else None
    keep = np.ones(scores.size, dtype=bool)
    stream = seed + zlib.crc32(str(camp).encode("utf-8"))
    return scores, _resampled_means(scores, groups, keep, n_resamples, stream)


def credibility_gaps(
    attributions: pd.DataFrame,
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
    cluster: str | None = None,
    min_cues: int = 2,
    max_camps: int = 8,
) -> pd.DataFrame:
    """`credibility_gap` for every pair among the top `max_camps` camps by the number of
    the writer's cues with a credibility (camps with at least `min_cues`; A before B
    alphabetically). A real corpus has dozens of camps with a handful of cues each, and
    thousands of pairs of them would be mostly noise: the top camps carry the evidence.

    Each gap has a two-sided permutation `p_value` (the two camps' cue scores pooled and
    relabelled, seeded) and a Benjamini–Hochberg `q_value` over the pairs of the table
    (`scipy.stats.false_discovery_control`). `frame.attrs["camps"]` says how many camps
    qualified and how many are shown."""
    cues = writer_cues(attributions)
    scored = cues[cues["score"].notna()] if "score" in cues else cues.iloc[0:0]
    counts = scored.get("camp", pd.Series(dtype=object)).dropna().value_counts()
    counts = counts[counts >= min_cues]
    ranked = sorted(counts.index, key=lambda camp: (-counts[camp], str(camp)))
    camps = sorted(ranked[:max_camps])
    sides: dict = {}  # each camp resampled once, shared by all its pairs
    rows = []
    for a, b in itertools.combinations(camps, 2):
        row = _gap(cues, a, b, n_resamples, seed, level, cluster, sides)
        row["p_value"] = _permutation_p(sides[a][0], sides[b][0], n_resamples, seed)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=GAP_COLUMNS)
    frame["q_value"] = bh_q_values(frame["p_value"])
    frame.attrs["note"] = CREDIBILITY_NOTE
    frame.attrs["camps"] = (
        f"pairs among the top {len(camps)} of {len(counts)} camps with at least "
        f"{min_cues} scored cues"
    )
    return frame


GAP_COLUMNS = [
    "camp_a",
    "camp_b",
    "n_a",
    "n_b",
    "mean_a",
    "mean_b",
    "gap",
    "gap_low",
    "gap_high",
    "p_value",
    "q_value",
]


def _permutation_p(a: np.ndarray, b: np.ndarray, n_resamples: int, seed: int) -> float:
    """Two-sided permutation p-value of a difference in means between two samples."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size == 0 or b.size == 0:
        return np.nan
    pooled = np.concatenate([a, b])
    if np.ptp(pooled) == 0:
        return 1.0
    observed = abs(a.mean() - b.mean())
    total = pooled.sum()
    rng = np.random.default_rng(seed)
    exceed = 0
    # Resamples in blocks of about a million draws: memory stays flat in corpus size,
    # and the draws (one random stream, row after row) are those of a single block.
    # Each row of random keys relabels the pool: the `a.size` smallest keys go to a.
    # Which values those are is all the difference in means needs, so the keys are
    # partitioned (linear) rather than sorted, and only the smaller side is summed.
    rows = max(1, 1_000_000 // pooled.size)
    for first in range(0, n_resamples, rows):
        size = min(rows, n_resamples - first)
        order = np.argpartition(rng.random((size, pooled.size)), a.size - 1, axis=1)
        if a.size <= b.size:
            sum_a = pooled[order[:, : a.size]].sum(axis=1)
        else:
            sum_a = total - pooled[order[:, a.size :]].sum(axis=1)
        null = np.abs(sum_a / a.size - (total - sum_a) / b.size)
        exceed += int(np.count_nonzero(null >= observed - 1e-12 * max(1.0, observed)))
    return (1 + exceed) / (1 + n_resamples)


def bh_q_values(p_values: pd.Series | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg q-values (`scipy.stats.false_discovery_control`); NaN
    p-values stay NaN and do not count."""
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    valid = ~np.isnan(p)
    if valid.any():
        from scipy import stats  # on first use: importing scipy.stats takes a second

        q[valid] = stats.false_discovery_control(p[valid], method="bh")
    return q


def unknown_cues(
    attributions: pd.DataFrame | None = None,
    lexicon: Mapping | Iterable[str] | None = None,
    candidates: Iterable | pd.DataFrame | None = None,
    loaded: Iterable[str] | None = None,
) -> pd.DataFrame:
    """What the corpus used that the lexicons do not know, most frequent first, so a
    researcher can grow them: reporting cues of `attributions` whose `cue_lemma` is not
    in the cue lexicon (`lexicon`: `reporting_cues()` keys or plain cue names; default
    the bundled one), and loaded-term `candidates` (`loaded.loaded_candidates` records
    or a frame with `lemma`, `pos`, `position`, `article_id`, `text`) whose lemma is
    not in `loaded` (default: the bundled loaded-terms lexicon).

    Columns: kind (`cue` or `loaded`), lemma, pos, position, count, articles, example,
    tagged (loaded candidates: the occurrences the trained loaded-word tagger marked as
    loaded; empty for cues). Cues come first, most frequent first; then the loaded
    candidates, most often tagged first, then most frequent."""
    return finish_unknown_cues(unknown_cue_counts(attributions, lexicon, candidates, loaded))


UNKNOWN_COLUMNS = ["kind", "lemma", "pos", "position", "count", "articles", "example", "tagged"]


def unknown_cue_counts(
    attributions: pd.DataFrame | None = None,
    lexicon: Mapping | Iterable[str] | None = None,
    candidates: Iterable | pd.DataFrame | None = None,
    loaded: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The counts behind `unknown_cues`, unsorted (cues, then loaded candidates, each in
    order of first occurrence). Counts of parts of a corpus with no article in common
    add up with `merge_unknown_cue_counts`."""
    columns = UNKNOWN_COLUMNS
    parts = []
    if attributions is not None and len(attributions) and "cue_lemma" in attributions:
        known = _known_cues(lexicon)
        frame = attributions.dropna(subset=["cue_lemma"]).copy()
        frame["lemma"] = frame["cue_lemma"].astype(str).str.lower().str.split().str.join(" ")
        frame = frame[~frame["lemma"].isin(known)]
        if len(frame):
            frame["example"] = frame["cue"] if "cue" in frame else frame["lemma"]
            parts.append(_count(frame.assign(kind="cue", pos=None, position="cue")))
    if candidates is not None:
        frame = (
            candidates.copy()
            if isinstance(candidates, pd.DataFrame)
            else pd.DataFrame([vars(c) if hasattr(c, "__dict__") else c for c in candidates])
        )
        if len(frame):
            if loaded is None:
                from analysis.loaded import loaded_lexicon

                loaded = loaded_lexicon()
            known = {str(k).lower() for k in loaded}
            frame = frame[~frame["lemma"].str.lower().isin(known)]
            frame = frame.assign(kind="loaded", example=frame.get("text", frame["lemma"]))
            if len(frame):
                parts.append(_count(frame))
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def merge_unknown_cue_counts(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """`unknown_cue_counts` of consecutive parts of a corpus (no article in two parts)
    as those of the whole: counts and articles add, the first example is kept."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=UNKNOWN_COLUMNS)
    frame = pd.concat(parts, ignore_index=True).fillna({"pos": "", "position": ""})
    table = (
        frame.groupby(["kind", "lemma", "pos", "position"], sort=False)
        .agg(
            count=("count", "sum"),
            articles=("articles", "sum"),
            example=("example", "first"),
            tagged=("tagged", lambda x: x.sum(min_count=1)),  # empty stays empty (cues)
        )
        .reset_index()
    )
    table["pos"] = table["pos"].replace("", None)
    return table[UNKNOWN_COLUMNS]


def finish_unknown_cues(counts: pd.DataFrame) -> pd.DataFrame:
    """unknown_terms.csv from `unknown_cue_counts`: cues, most frequent first, then the
    loaded candidates, most often tagged as loaded first, then most frequent (a stable
    sort, so the order of ties is that of first occurrence). The tagger's count leads
    because most words in evaluative positions are plain description ("federal",
    "presidential" are the most frequent in a political corpus)."""
    if not len(counts):
        return pd.DataFrame(columns=UNKNOWN_COLUMNS)
    order = counts.assign(_tagged=counts["tagged"].fillna(0))
    order = order.sort_values(
        ["kind", "_tagged", "count", "lemma"],
        ascending=[True, False, False, True],
        kind="stable",
    )
    table = order[UNKNOWN_COLUMNS].reset_index(drop=True)
    table["tagged"] = table["tagged"].astype("Int64")
    return table


def _known_cues(lexicon) -> set[str]:
    if lexicon is None:
        from analysis.lexicons import reporting_cues

        lexicon = reporting_cues()
    known = set()
    for key in lexicon:
        name = key[0] if isinstance(key, tuple) else key
        known.add(" ".join(str(name).lower().split()))
    return known


def _count(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("pos", "position", "article_id"):
        if column not in frame:
            frame[column] = None
    if "tagged" not in frame:
        frame["tagged"] = np.nan
    frame["tagged"] = frame["tagged"].astype(float)
    grouped = frame.fillna({"pos": "", "position": ""}).groupby(
        ["kind", "lemma", "pos", "position"], sort=False
    )
    table = grouped.agg(
        count=("lemma", "size"),
        articles=("article_id", "nunique"),
        example=("example", "first"),
        tagged=("tagged", lambda x: x.sum(min_count=1)),  # cues: empty
    ).reset_index()
    table["pos"] = table["pos"].replace("", None)
    return table
