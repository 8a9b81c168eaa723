"""Outlet comparison: how do outlets frame the same events and actors?

From the tables of `framing analyze`, for a corpus with two or more outlets:

- `outlet_table` → outlets.csv: per outlet × actor and outlet × camp, voice share,
  cue credibility, portrayal and loaded terms about the actor, with 95% intervals
  that resample the outlet's articles (`analysis.outlets.summary`);
- `outlet_tests` → outlet_tests.csv: per actor (camp) and measure, a permutation test
  of a difference across outlets, Benjamini–Hochberg q-values over the file
  (`analysis.outlets.significance`);
- `events_table` → events.csv and `event_differences` → event_differences.csv, where
  records carry `event`: the measures per event × outlet, and each outlet against the
  others on the same events;
- `loaded_rates`, `stance_by_outlet`: outlet-level views for the charts.

`outlet_tables(tables)` builds all four files' tables at once (what the pipeline
calls). The per-article unit behind them all is `article_measures`.
"""

from __future__ import annotations

import pandas as pd

from analysis.outlets.measures import (
    ARTICLE_MEASURE_COLUMNS,
    HEDGE_CATEGORIES,
    MEASURES,
    UNKNOWN_OUTLET,
    article_measures,
    article_outlets,
    not_loaded,
    per_article_values,
)
from analysis.outlets.significance import (
    DIFFERENCE_COLUMNS,
    TEST_COLUMNS,
    between_outlets_statistic,
    bh_q_values,
    event_differences,
    outlet_tests,
    permutation_p,
)
from analysis.outlets.summary import EVENT_COLUMNS, OUTLET_COLUMNS, events_table, outlet_table
from analysis.outlets.views import LOADED_RATE_COLUMNS, loaded_rates, stance_by_outlet

__all__ = [
    "ARTICLE_MEASURE_COLUMNS",
    "DIFFERENCE_COLUMNS",
    "EVENT_COLUMNS",
    "HEDGE_CATEGORIES",
    "LOADED_RATE_COLUMNS",
    "MEASURES",
    "OUTLET_COLUMNS",
    "TEST_COLUMNS",
    "UNKNOWN_OUTLET",
    "article_measures",
    "article_outlets",
    "between_outlets_statistic",
    "bh_q_values",
    "event_differences",
    "events_table",
    "loaded_rates",
    "not_loaded",
    "outlet_count",
    "outlet_table",
    "outlet_tables",
    "outlet_tables_from",
    "outlet_tests",
    "per_article_values",
    "permutation_p",
    "stance_by_outlet",
]


def outlet_count(articles: pd.DataFrame) -> int:
    """How many distinct named outlets the articles table holds."""
    if articles is None or "outlet" not in articles:
        return 0
    names = articles["outlet"].dropna().astype(str).str.strip()
    return int(names[names != ""].nunique())


def outlet_tables(tables: dict[str, pd.DataFrame], **options) -> dict[str, pd.DataFrame]:
    """The outlet comparison's tables for a corpus of two or more outlets (else {}):
    `outlets`, `outlet_tests`, and where articles carry `event`, `events` and
    `event_differences`. `options` go to the table builders (`n_resamples`, `seed`)."""
    articles = tables.get("articles")
    if outlet_count(articles) < 2:
        return {}
    return outlet_tables_from(article_measures(tables), articles, **options)


def outlet_tables_from(
    measures: pd.DataFrame, articles: pd.DataFrame, **options
) -> dict[str, pd.DataFrame]:
    """`outlet_tables` from the per-article measures (`article_measures`, which a
    cluster run's workers compute on their own articles) and the articles table."""
    if outlet_count(articles) < 2:
        return {}
    result = {
        "outlets": outlet_table(measures, articles, **options),
        "outlet_tests": outlet_tests(measures, seed=options.get("seed", 20240501)),
    }
    if "event" in articles and articles["event"].notna().any():
        result["events"] = events_table(measures)
        result["event_differences"] = event_differences(
            measures, seed=options.get("seed", 20240501)
        )
    return result
