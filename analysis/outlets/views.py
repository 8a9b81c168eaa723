"""Outlet-level views behind the comparison charts: loaded terms per 1,000 tokens by
outlet (judgements and hedges apart, with intervals that resample articles) and the
stance classes of the writer's cues by outlet."""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from analysis.lexicons import STANCES
from analysis.outlets.measures import article_outlets, not_loaded
from analysis.outlets.summary import _draw_counts, _ratio
from analysis.stance import DEFAULT_RESAMPLES, DEFAULT_SEED, writer_cues

LOADED_RATE_COLUMNS = ["outlet", "kind", "terms", "articles", "tokens", "per_1k", "low", "high"]


def loaded_rates(
    loaded_terms: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> pd.DataFrame:
    """Per outlet and kind (`judgement`: every loaded-term category but hedges;
    `hedge`): terms, articles, tokens, terms per 1,000 tokens and its bootstrap 95%
    interval (the outlet's articles resampled; every article counts, with or without
    terms)."""
    meta = article_outlets(articles)
    terms = loaded_terms if loaded_terms is not None else pd.DataFrame()
    ids = terms["article_id"].astype(str) if "article_id" in terms else pd.Series(dtype=str)
    is_hedge = not_loaded(terms) if len(terms) else pd.Series(dtype=bool)
    rows = []
    for outlet, part in meta.groupby("outlet", sort=True):
        article_ids = part["article_id"].tolist()
        tokens = part["tokens"].to_numpy(dtype=float)
        draws = _draw_counts(len(article_ids), n_resamples, seed + zlib.crc32(outlet.encode()))
        for kind, mask in (("judgement", ~is_hedge), ("hedge", is_hedge)):
            counts = ids[mask].value_counts()
            per_article = np.array([counts.get(a, 0) for a in article_ids], dtype=float)
            estimate, low, high = _ratio(1000 * per_article[:, None], tokens[:, None], draws, level)
            rows.append(
                {
                    "outlet": outlet,
                    "kind": kind,
                    "terms": int(per_article.sum()),
                    "articles": len(article_ids),
                    "tokens": int(tokens.sum()),
                    "per_1k": float(estimate[0]),
                    "low": float(low[0]),
                    "high": float(high[0]),
                }
            )
    return pd.DataFrame(rows, columns=LOADED_RATE_COLUMNS)


def stance_by_outlet(attributions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and stance class: the writer's cues (negated cues and cues inside
    direct quotes left out), their count and share of the outlet's cues."""
    columns = ["outlet", "stance", "count", "share", "cues"]
    if attributions is None or attributions.empty:
        return pd.DataFrame(columns=columns)
    meta = article_outlets(articles)[["article_id", "outlet"]]
    cues = writer_cues(attributions)
    cues = cues[cues["counted"]].assign(article_id=lambda f: f["article_id"].astype(str))
    cues = cues.merge(meta, on="article_id", how="inner")
    if cues.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.crosstab(cues["outlet"], cues["stance"])
    counts = counts.reindex(columns=[s for s in STANCES], fill_value=0)
    table = counts.stack().rename("count").reset_index()
    table.columns = ["outlet", "stance", "count"]
    totals = table.groupby("outlet")["count"].transform("sum")
    table["share"] = table["count"] / totals
    table["cues"] = totals
    return table[columns]
