"""Per-article measures of each actor and camp: the unit every outlet comparison
resamples, tests and pairs.

One row per article × actor (`level="actor"`) and per article × camp (`level="camp"`)
for every actor or camp mentioned in the article, from the tables of `framing
analyze`. Only the contract's columns are read, so the tables may come from memory or
from the CSV files of an earlier run.

What each column counts (decisions a reader can check):

- `mentions`: rows of mentions.csv.
- `times_quoted`: the actor's attributions in the writer's voice (cues inside a direct
  quote left out); `named_attributions`: all such attributions of the article with a
  named source. Their ratio is the voice share.
- `cues`, `credibility_sum`, `credibility_n`: the writer's cues introducing the actor,
  the sum and number of their credibility scores (negated cues carry no score; see
  `analysis.stance.writer_cues`).
- `portrayal`: the writer's attitude toward the actor in the article
  (actor_sentiment.csv `portrayal`, −1…1); for a camp, the mean of its actors'
  portrayals weighted by their mentions.
- `loaded_about`: loaded terms about the actor, hedges left out (a hedge is not a
  judgement: rows with `category` "hedge" or `loaded` false); `hedges_about`: those,
  apart.
- `tokens`: the article's tokens (articles.csv).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.stance import writer_cues

#: The measures compared across outlets, with the per-article value each test uses.
MEASURES = (
    "mentions_per_article",
    "voice_share",
    "credibility",
    "portrayal",
    "loaded_about_per_1k_tokens",
)

#: Loaded-term categories that are not judgements (counted apart).
HEDGE_CATEGORIES = ("hedge",)

UNKNOWN_OUTLET = "unknown outlet"

ARTICLE_MEASURE_COLUMNS = [
    "article_id",
    "outlet",
    "event",
    "level",
    "actor",
    "camp",
    "mentions",
    "times_quoted",
    "named_attributions",
    "cues",
    "credibility_sum",
    "credibility_n",
    "portrayal",
    "portrayal_weight",
    "loaded_about",
    "hedges_about",
    "tokens",
]


def article_outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """article_id, outlet (missing → "unknown outlet"), event (or None), tokens."""
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"].astype(str),
            "outlet": _text(articles.get("outlet"), len(articles)).fillna(UNKNOWN_OUTLET),
            "event": _text(articles.get("event"), len(articles)),
            "tokens": pd.to_numeric(articles.get("tokens", 0), errors="coerce")
            .fillna(0)
            .to_numpy(dtype=float),
        }
    )
    return frame.drop_duplicates("article_id").reset_index(drop=True)


def _text(column: pd.Series | None, length: int) -> pd.Series:
    if column is None:
        return pd.Series([None] * length, dtype=object)
    values = column.astype(object).where(column.notna(), None).reset_index(drop=True)
    return values.map(lambda v: None if v is None or str(v).strip() == "" else str(v).strip())


def article_measures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The per-article measures of every actor and camp (see the module docstring)."""
    meta = article_outlets(tables["articles"])
    mentions = _frame(tables, "mentions", ["article_id", "actor", "camp"])
    attributions = _frame(tables, "attributions", ["article_id", "actor", "camp", "speaker"])
    sentiment = _frame(tables, "actor_sentiment", ["article_id", "actor", "mentions", "portrayal"])
    loaded = _frame(tables, "loaded_terms", ["article_id", "actor", "category"])

    writer = writer_cues(attributions) if len(attributions) else attributions.assign(score=[])
    named = writer[writer["speaker"].notna()] if "speaker" in writer else writer
    named_per_article = named.groupby("article_id").size()

    # The camp of each actor in each article: the one most of its mentions carry.
    camp_of = (
        mentions.dropna(subset=["actor", "camp"])
        .groupby(["article_id", "actor"])["camp"]
        .agg(lambda s: s.value_counts().index[0])
        .to_dict()
    )
    parts = []
    for level in ("actor", "camp"):
        key = level
        rows = mentions.dropna(subset=[key])
        counts = rows.groupby(["article_id", key]).size().rename("mentions")
        frame = counts.reset_index()
        if frame.empty:
            continue
        if level == "actor":
            frame["camp"] = _camps_for(camp_of, frame["article_id"], frame[key])
        else:
            frame["actor"] = None
        cue_rows = writer.dropna(subset=[key]) if key in writer else writer.iloc[0:0]
        quoted = (
            (cue_rows[cue_rows["speaker"].notna()] if "speaker" in cue_rows else cue_rows)
            .groupby(["article_id", key])
            .size()
        )
        scored = cue_rows[cue_rows["score"].notna()]
        frame = _join(frame, key, quoted.rename("times_quoted"))
        frame = _join(frame, key, cue_rows.groupby(["article_id", key]).size().rename("cues"))
        frame = _join(
            frame, key, scored.groupby(["article_id", key])["score"].sum().rename("credibility_sum")
        )
        frame = _join(
            frame, key, scored.groupby(["article_id", key]).size().rename("credibility_n")
        )
        frame = _join(frame, key, _portrayal(sentiment, camp_of, level), fill=None)
        frame = _join(frame, key, _loaded(loaded, camp_of, level, hedges=False))
        frame = _join(frame, key, _loaded(loaded, camp_of, level, hedges=True))
        frame["level"] = level
        parts.append(frame)
    if not parts:
        return pd.DataFrame(columns=ARTICLE_MEASURE_COLUMNS)
    frame = pd.concat(parts, ignore_index=True)
    frame["article_id"] = frame["article_id"].astype(str)
    frame = frame.merge(meta, on="article_id", how="inner")
    frame["named_attributions"] = (
        frame["article_id"].map(named_per_article.rename(index=str)).fillna(0).astype(int)
    )
    for column in ("times_quoted", "cues", "credibility_n", "loaded_about", "hedges_about"):
        frame[column] = frame[column].fillna(0).astype(int)
    frame["credibility_sum"] = frame["credibility_sum"].fillna(0.0).astype(float)
    return frame[ARTICLE_MEASURE_COLUMNS].reset_index(drop=True)


def _camps_for(camp_of: dict, article_ids: pd.Series, actors: pd.Series) -> list:
    """The camp of each (article, actor) pair, None where unknown."""
    return [camp_of.get((a, k)) for a, k in zip(article_ids, actors, strict=True)]


def _frame(tables: dict[str, pd.DataFrame], name: str, needed: list[str]) -> pd.DataFrame:
    frame = tables.get(name)
    frame = pd.DataFrame() if frame is None else frame.copy()
    for column in needed:
        if column not in frame:
            frame[column] = None
    if len(frame):
        frame["article_id"] = frame["article_id"].astype(str)
        for column in ("actor", "camp"):
            if column in frame:
                values = frame[column].astype(object)
                frame[column] = values.where(values.notna() & (values != ""), None)
    return frame


def _join(frame: pd.DataFrame, key: str, values: pd.Series | pd.DataFrame, fill=0):
    """Left-join per (article_id, key) values onto the frame; absent values get `fill`
    (NaN when `fill` is None)."""
    table = values.to_frame() if isinstance(values, pd.Series) else values
    if table.empty:
        for column in table.columns:
            frame[column] = np.nan if fill is None else fill
        return frame
    table = table.reset_index()
    table.columns = ["article_id", key, *table.columns[2:]]
    table["article_id"] = table["article_id"].astype(str)
    return frame.merge(table, on=["article_id", key], how="left")


def _portrayal(sentiment: pd.DataFrame, camp_of: dict, level: str) -> pd.DataFrame:
    """Per article and actor (or camp): the portrayal and its weight (mentions)."""
    rows = sentiment.dropna(subset=["actor"])
    rows = rows.assign(
        portrayal=pd.to_numeric(rows["portrayal"], errors="coerce"),
        weight=pd.to_numeric(rows["mentions"], errors="coerce").fillna(1).clip(lower=1),
    )
    rows = rows[rows["portrayal"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=["portrayal", "portrayal_weight"]).rename_axis(
            ["article_id", level]
        )
    if level == "camp":
        rows = rows.assign(camp=_camps_for(camp_of, rows["article_id"], rows["actor"])).dropna(
            subset=["camp"]
        )
    rows = rows.assign(weighted=rows["portrayal"] * rows["weight"])
    grouped = rows.groupby(["article_id", level])[["weighted", "weight"]].sum()
    return pd.DataFrame(
        {
            "portrayal": grouped["weighted"] / grouped["weight"],
            "portrayal_weight": grouped["weight"],
        }
    )


def _loaded(loaded: pd.DataFrame, camp_of: dict, level: str, hedges: bool) -> pd.Series:
    name = "hedges_about" if hedges else "loaded_about"
    rows = loaded.dropna(subset=["actor"])
    is_hedge = not_loaded(rows)
    rows = rows[is_hedge] if hedges else rows[~is_hedge]
    if level == "camp" and len(rows):
        rows = rows.assign(camp=_camps_for(camp_of, rows["article_id"], rows["actor"])).dropna(
            subset=["camp"]
        )
    if rows.empty:
        return pd.Series(dtype=float, name=name)
    return rows.groupby(["article_id", level]).size().rename(name)


def not_loaded(terms: pd.DataFrame) -> pd.Series:
    """True for the rows of loaded_terms.csv that are not judgements: hedges
    (`category` "hedge") and any row whose `loaded` column is false."""
    if terms is None or terms.empty:
        return pd.Series(False, index=getattr(terms, "index", None), dtype=bool)
    category = terms["category"] if "category" in terms else pd.Series("", index=terms.index)
    flags = category.astype(str).str.lower().isin(HEDGE_CATEGORIES)
    if "loaded" in terms:
        loaded = terms["loaded"].map(
            lambda v: (
                str(v).strip().lower() not in ("false", "0", "no")
                if isinstance(v, str)
                else (True if pd.isna(v) else bool(v))
            )
        )
        flags |= ~loaded.astype(bool)
    return flags


def per_article_values(measures: pd.DataFrame, measure: str) -> pd.Series:
    """The per-article value of `measure` for each row of `article_measures` (NaN where
    the article gives it no value: no scored cue, no portrayal, no attribution)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "mentions_per_article":
            values = measures["mentions"].astype(float)
        elif measure == "voice_share":
            values = measures["times_quoted"] / measures["named_attributions"].where(
                measures["named_attributions"] > 0
            )
        elif measure == "credibility":
            values = measures["credibility_sum"] / measures["credibility_n"].where(
                measures["credibility_n"] > 0
            )
        elif measure == "portrayal":
            values = pd.to_numeric(measures["portrayal"], errors="coerce")
        elif measure == "loaded_about_per_1k_tokens":
            values = (
                1000 * measures["loaded_about"] / measures["tokens"].where(measures["tokens"] > 0)
            )
        else:
            raise ValueError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")
    return values.astype(float)
