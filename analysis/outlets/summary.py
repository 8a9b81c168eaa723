"""outlets.csv and events.csv: each actor's and camp's measures per outlet (with 95%
bootstrap intervals that resample the outlet's articles) and per event × outlet.

Every measure is a ratio of sums over the outlet's articles, so one resample of
articles gives every actor's value at once: the resampling is drawn once per outlet
(seeded by the outlet's name, so re-runs and other actors use the same draws) as a
matrix of how often each article was drawn, and the sums of all actors are one matrix
product. Articles that do not mention an actor are part of the resample (they add
nothing to its sums), so an actor mentioned in few articles gets a wide interval.

- `voice_share`: the actor's attributions / all attributions with a named source in
  the outlet (the writer's voice: cues inside direct quotes left out);
- `credibility_mean`: mean credibility of the writer's cues introducing the actor;
- `portrayal_mean`: mean over the articles that mention the actor of the article's
  portrayal of it (`portrayal_n` such articles);
- `loaded_about_per_1k_tokens`: loaded terms about the actor (hedges left out) per
  1,000 tokens of the articles that mention it.

An interval needs two articles with a value; otherwise it is empty.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from analysis.outlets.measures import article_outlets
from analysis.stance import DEFAULT_RESAMPLES, DEFAULT_SEED

OUTLET_COLUMNS = [
    "level",
    "outlet",
    "actor",
    "camp",
    "articles",
    "mentions",
    "mentions_per_article",
    "times_quoted",
    "voice_share",
    "cues",
    "credibility_mean",
    "credibility_low",
    "credibility_high",
    "portrayal_n",
    "portrayal_mean",
    "portrayal_low",
    "portrayal_high",
    "loaded_about",
    "loaded_about_per_1k_tokens",
    # beyond the contract's list:
    "voice_share_low",
    "voice_share_high",
    "hedges_about",
    "outlet_articles",
]

EVENT_COLUMNS = [
    "event",
    "level",
    "outlet",
    "actor",
    "camp",
    "articles",
    "mentions",
    "times_quoted",
    "voice_share",
    "cues",
    "credibility_mean",
    "portrayal_mean",
    "loaded_about",
    "loaded_about_per_1k_tokens",
    "hedges_about",
]


def outlet_table(
    measures: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> pd.DataFrame:
    """outlets.csv from `article_measures` and the articles table: one row per outlet ×
    actor and outlet × camp (`level`), for actors and camps mentioned in that outlet."""
    meta = article_outlets(articles)
    named = _named_per_article(measures)
    rows = []
    for outlet, outlet_articles in meta.groupby("outlet", sort=True):
        ids = outlet_articles["article_id"].tolist()
        position = {article_id: i for i, article_id in enumerate(ids)}
        draws = _draw_counts(len(ids), n_resamples, seed + zlib.crc32(str(outlet).encode()))
        tokens = outlet_articles["tokens"].to_numpy(dtype=float)
        attributions = np.array([named.get(a, 0) for a in ids], dtype=float)
        for which, keys, part in _key_blocks(measures, outlet, len(ids)):
            column = {k: j for j, k in enumerate(keys)}
            shape = (len(ids), len(keys))
            i = part["article_id"].astype(str).map(position).to_numpy()
            j = part[which].astype(str).map(column).to_numpy()

            def dense(values, i=i, j=j, shape=shape):
                matrix = np.zeros(shape)
                np.add.at(matrix, (i, j), np.nan_to_num(np.asarray(values, dtype=float)))
                return matrix

            present = dense(np.ones(len(part)))
            mentions = dense(part["mentions"])
            quoted = dense(part["times_quoted"])
            cues = dense(part["cues"])
            cred_sum, cred_n = dense(part["credibility_sum"]), dense(part["credibility_n"])
            portrayal = pd.to_numeric(part["portrayal"], errors="coerce")
            has_portrayal = dense(portrayal.notna())
            portrayal_sum = dense(portrayal.fillna(0.0))
            loaded, hedges = dense(part["loaded_about"]), dense(part["hedges_about"])
            mention_tokens = present * tokens[:, None]
            everyone = np.repeat(attributions[:, None], len(keys), axis=1)

            voice = _ratio(quoted, everyone, draws, level)
            credibility = _ratio(cred_sum, cred_n, draws, level)
            portrayed = _ratio(portrayal_sum, has_portrayal, draws, level)
            camps = _camps(part, which)
            for k, key in enumerate(keys):
                n_articles = int(present[:, k].sum())
                token_total = float(mention_tokens[:, k].sum())
                rows.append(
                    {
                        "level": which,
                        "outlet": outlet,
                        "actor": key if which == "actor" else None,
                        "camp": camps.get(key) if which == "actor" else key,
                        "articles": n_articles,
                        "mentions": int(mentions[:, k].sum()),
                        "mentions_per_article": mentions[:, k].sum() / n_articles,
                        "times_quoted": int(quoted[:, k].sum()),
                        "voice_share": voice[0][k],
                        "cues": int(cues[:, k].sum()),
                        "credibility_mean": credibility[0][k],
                        "credibility_low": credibility[1][k],
                        "credibility_high": credibility[2][k],
                        "portrayal_n": int(has_portrayal[:, k].sum()),
                        "portrayal_mean": portrayed[0][k],
                        "portrayal_low": portrayed[1][k],
                        "portrayal_high": portrayed[2][k],
                        "loaded_about": int(loaded[:, k].sum()),
                        "loaded_about_per_1k_tokens": (
                            1000 * loaded[:, k].sum() / token_total if token_total else np.nan
                        ),
                        "voice_share_low": voice[1][k],
                        "voice_share_high": voice[2][k],
                        "hedges_about": int(hedges[:, k].sum()),
                        "outlet_articles": len(ids),
                    }
                )
    frame = pd.DataFrame(rows, columns=OUTLET_COLUMNS)
    if len(frame):
        frame = frame.sort_values(
            ["level", "mentions", "outlet"], ascending=[True, False, True], kind="stable"
        )
        frame = _order_by_total(frame)
    return frame.reset_index(drop=True)


def _order_by_total(frame: pd.DataFrame) -> pd.DataFrame:
    """Actors by their mentions across outlets (most first), then outlet; camps after."""
    key = frame["actor"].where(frame["level"] == "actor", frame["camp"]).astype(str)
    total = frame.groupby([frame["level"], key])["mentions"].transform("sum")
    return (
        frame.assign(_key=key, _total=total)
        .sort_values(["level", "_total", "_key", "outlet"], ascending=[True, False, True, True])
        .drop(columns=["_key", "_total"])
    )


def _named_per_article(measures: pd.DataFrame) -> dict[str, float]:
    if measures.empty:
        return {}
    return measures.groupby("article_id")["named_attributions"].first().to_dict()


def _camps(part: pd.DataFrame, which: str) -> dict[str, str | None]:
    if which != "actor":
        return {}
    rows = part.dropna(subset=["camp"])
    if rows.empty:
        return {}
    counts = rows.groupby(["actor", "camp"])["mentions"].sum().reset_index()
    counts = counts.sort_values(["actor", "mentions", "camp"], ascending=[True, False, True])
    return counts.drop_duplicates("actor").set_index("actor")["camp"].to_dict()


#: About how many numbers one block of per-article × key matrices holds (see _key_blocks).
BLOCK_NUMBERS = 1_000_000


def _key_blocks(measures: pd.DataFrame, outlet: str, n_articles: int):
    """(level, keys, rows) for one outlet: its actors, then its camps, sorted, in blocks
    small enough that the per-article × key matrices and their resamples stay near a
    million numbers each (every key's figures are computed on their own, so blocks give
    the same table as one pass)."""
    block = max(16, BLOCK_NUMBERS // max(n_articles, DEFAULT_RESAMPLES))
    for which in ("actor", "camp"):
        part = measures[(measures["outlet"] == outlet) & (measures["level"] == which)]
        if part.empty:
            continue
        names = part[which].astype(str)
        keys = sorted(names.unique())
        for first in range(0, len(keys), block):
            chosen = keys[first : first + block]
            yield which, chosen, part[names.isin(chosen)]


def _draw_counts(n: int, n_resamples: int, seed: int) -> np.ndarray:
    """(n_resamples × n) how often each of n articles is drawn in each resample."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, (n_resamples, n))
    offsets = (np.arange(n_resamples)[:, None] * n + picks).ravel()
    return np.bincount(offsets, minlength=n_resamples * n).reshape(n_resamples, n).astype(float)


def _ratio(
    numerator: np.ndarray, denominator: np.ndarray, draws: np.ndarray, level: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column: sum(num)/sum(den) and its percentile bootstrap interval over the
    resampled rows (articles); NaN where fewer than two articles have a denominator."""
    total = denominator.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        estimate = np.where(total > 0, numerator.sum(axis=0) / total, np.nan)
        resampled = (draws @ numerator) / (draws @ denominator)
    resampled[~np.isfinite(resampled)] = np.nan
    enough = (denominator > 0).sum(axis=0) >= 2
    low = np.full(numerator.shape[1], np.nan)
    high = np.full(numerator.shape[1], np.nan)
    if enough.any():
        tail = (1 - level) / 2
        low[enough], high[enough] = _column_quantiles(resampled[:, enough], (tail, 1 - tail))
    return estimate, low, high


def _column_quantiles(values: np.ndarray, quantiles) -> list[np.ndarray]:
    """Per column, the quantiles of its non-NaN values (linear interpolation, as
    `np.nanquantile`, in one sort instead of a loop over columns)."""
    ordered = np.sort(values, axis=0)  # NaN sort last
    count = (~np.isnan(values)).sum(axis=0)
    columns = np.arange(values.shape[1])
    result = []
    for q in quantiles:
        position = q * np.maximum(count - 1, 0)
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, np.maximum(count - 1, 0))
        fraction = position - below
        value = ordered[below, columns] * (1 - fraction) + ordered[above, columns] * fraction
        result.append(np.where(count > 0, value, np.nan))
    return result


def events_table(measures: pd.DataFrame) -> pd.DataFrame:
    """events.csv: the same measures per event × outlet × actor (and camp), for the
    articles that carry an `event` (no intervals: usually one article per cell)."""
    rows = measures.dropna(subset=["event"])
    if rows.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    keys = ["event", "level", "outlet", "actor", "camp"]
    rows = rows.assign(
        actor=rows["actor"].astype(object).where(rows["actor"].notna(), ""),
        camp=rows["camp"].astype(object).where(rows["camp"].notna(), ""),
        _portrayal_sum=pd.to_numeric(rows["portrayal"], errors="coerce").fillna(0.0),
        _portrayal_n=pd.to_numeric(rows["portrayal"], errors="coerce").notna().astype(int),
    )
    grouped = rows.groupby(keys, sort=True)
    table = grouped.agg(
        articles=("article_id", "nunique"),
        mentions=("mentions", "sum"),
        times_quoted=("times_quoted", "sum"),
        named=("named_attributions", "sum"),
        cues=("cues", "sum"),
        credibility_sum=("credibility_sum", "sum"),
        credibility_n=("credibility_n", "sum"),
        portrayal_sum=("_portrayal_sum", "sum"),
        portrayal_n=("_portrayal_n", "sum"),
        loaded_about=("loaded_about", "sum"),
        hedges_about=("hedges_about", "sum"),
        tokens=("tokens", "sum"),
    ).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        table["voice_share"] = table["times_quoted"] / table["named"].where(table["named"] > 0)
        table["credibility_mean"] = table["credibility_sum"] / table["credibility_n"].where(
            table["credibility_n"] > 0
        )
        table["portrayal_mean"] = table["portrayal_sum"] / table["portrayal_n"].where(
            table["portrayal_n"] > 0
        )
        table["loaded_about_per_1k_tokens"] = (
            1000 * table["loaded_about"] / table["tokens"].where(table["tokens"] > 0)
        )
    for column in ("actor", "camp"):
        table[column] = table[column].replace("", None)
    return table[EVENT_COLUMNS].reset_index(drop=True)
