"""Charts of words: loaded terms per outlet and the terms that distinguish two groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.plots.style import (
    NEGATIVE_COLOR,
    POSITIVE_COLOR,
    _attach,
    _fill,
    _n_articles,
    _new_figure,
    _set_caption,
    _styled,
    _title_with_directions,
    _top_to_bottom,
    _with_article_columns,
    _wrap_title,
    category_colors,
    no_data_figure,
    short_label,
)


@_styled
def plot_loaded_terms(
    loaded_terms: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    group: str = "outlet",
    category: str = "category",
    rate: bool = False,
    max_categories: int = 7,
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """Loaded terms per outlet (`group`), by category, as stacked bars. With `rate=True`
    and `articles` holding a `tokens` column, counts are per 1,000 tokens of text, so
    outlets with more or longer articles are comparable. Outlets in `articles` without
    any loaded term are shown with zero. Categories beyond `max_categories` are pooled
    as "other categories". Hedges (`loaded` false) are not loaded language: they are
    left out and counted in the caption."""
    title = title or f"Loaded terms per {group}"
    frame = _with_article_columns(loaded_terms, articles, [group])
    hedges = 0
    if "loaded" in frame:
        not_loaded = frame["loaded"].map(lambda value: str(value).lower() in ("false", "0"))
        hedges = int(not_loaded.sum())
        frame = frame[~not_loaded]
    if frame.empty or category not in frame:
        return no_data_figure(title, caption=caption)
    frame = frame.assign(
        _group=_fill(frame[group], "unknown") if group in frame else "all articles",
        _category=_fill(frame[category], "unknown"),
    )
    ranking = frame["_category"].value_counts()
    ranking = ranking.loc[sorted(ranking.index, key=lambda name: (-ranking[name], name))]
    if len(ranking) > max_categories:
        kept = set(ranking.index[: max_categories - 1])
        frame["_category"] = frame["_category"].where(frame["_category"].isin(kept), "other")
        frame["_category"] = frame["_category"].replace("other", "other categories")
        ranking = frame["_category"].value_counts()
    categories = [name for name in ranking.index if name != "other categories"]
    categories += ["other categories"] if "other categories" in ranking.index else []
    counts = pd.crosstab(frame["_group"], frame["_category"]).reindex(columns=categories)
    if articles is not None and group in articles:
        every = _fill(articles[group], "unknown").unique()
        counts = counts.reindex(counts.index.union(every), fill_value=0)
    counts = counts.fillna(0)
    unit = "loaded terms"
    values = counts.astype(float)
    if rate:
        if articles is None or "tokens" not in articles or group not in articles:
            raise ValueError("rate=True needs articles with a 'tokens' column")
        tokens = articles.assign(_group=_fill(articles[group], "unknown"))
        tokens = tokens.groupby("_group")["tokens"].sum().reindex(counts.index).fillna(0)
        values = counts.div(tokens.where(tokens > 0, np.nan) / 1000, axis=0).fillna(0)
        unit = "loaded terms per 1,000 tokens"
    values = values.loc[_top_to_bottom(values.index)]
    counts = counts.loc[values.index]
    palette = category_colors(categories)

    figure = _new_figure(rows=len(values), per_row=0.5, base=2.6)
    ax = figure.add_subplot()
    positions = np.arange(len(values))
    left = np.zeros(len(values))
    for name in categories:
        widths = values[name].to_numpy()
        ax.barh(
            positions,
            widths,
            left=left,
            color=palette[name],
            edgecolor="white",
            linewidth=0.8,
            label=short_label(name, 26, 2),
            zorder=2,
        )
        left += widths
    ax.set_yticks(positions, [short_label(name) for name in values.index])
    ax.set_xlim(0, max(float(left.max()), 1e-9) * 1.12)
    for y, total in enumerate(left):
        label = f"{total:.1f}" if rate else f"{int(round(total))}"
        ax.text(total, y, f" {label}", ha="left", va="center", fontsize=8)
    ax.grid(axis="x")
    ax.set_xlabel(unit)
    ax.set_ylabel(group)
    ax.set_title(_wrap_title(title))
    figure.legend(title=category, loc="outside right upper")
    _set_caption(
        figure,
        f"n = {int(counts.to_numpy().sum())} loaded terms{_n_articles(frame)}"
        + (f"; {hedges} hedge{'s' * (hedges != 1)} left out (not loaded)." if hedges else "."),
        caption,
    )
    table = counts.stack().rename("count").reset_index()
    table.columns = [group, category, "count"]
    if rate:
        table["per_1000_tokens"] = values.stack().to_numpy()
    return _attach(figure, table)


@_styled
def plot_distinguishing_terms(
    scores: pd.DataFrame,
    *,
    label_a: str = "group A",
    label_b: str = "group B",
    k: int = 10,
    term: str = "term",
    z: str = "z",
    color_a: str | None = None,
    color_b: str | None = None,
    threshold: float = 1.96,
    what: str = "terms",
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """The terms that most distinguish two groups: horizontal bars of the log-odds
    z-score (`analysis.compare.log_odds`), the top `k` for group A to the right and the
    top `k` for group B to the left, counts "a:b" at each bar, dashed lines at
    ±`threshold`."""
    title = title or f"{what.capitalize()} distinguishing {label_a} from {label_b}"
    frame = scores if z in scores and term in scores else pd.DataFrame(columns=[term, z])
    frame = frame[pd.to_numeric(frame[z], errors="coerce").notna()]
    frame = frame.assign(**{z: pd.to_numeric(frame[z])})
    top_a = frame[frame[z] > 0].nlargest(k, z)
    top_b = frame[frame[z] < 0].nsmallest(k, z)
    shown = pd.concat([top_a, top_b]).sort_values(z, ascending=True).reset_index(drop=True)
    if shown.empty:
        return no_data_figure(title, caption=caption)
    color_a = color_a or POSITIVE_COLOR
    color_b = color_b or NEGATIVE_COLOR
    values = shown[z].to_numpy(dtype=float)

    figure = _new_figure(rows=len(shown), per_row=0.32, base=2.6)
    ax = figure.add_subplot()
    positions = np.arange(len(shown))
    ax.barh(
        positions,
        values,
        color=[color_a if value > 0 else color_b for value in values],
        height=0.7,
        zorder=2,
    )
    ax.axvline(0, color="#444444", linewidth=1, zorder=3)
    for line in (-threshold, threshold):
        ax.axvline(line, color="#777777", linewidth=0.8, linestyle="--", zorder=1)
    reach = max(float(np.abs(values).max()) * 1.25, threshold * 1.3)
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-0.6, len(shown) - 0.4)
    ax.set_yticks(positions, [short_label(name, 30, 1) for name in shown[term]])
    if {"count_a", "count_b"} <= set(shown.columns):
        for y, row in shown.iterrows():
            value = row[z]
            ax.annotate(
                f"{int(row['count_a'])}:{int(row['count_b'])}",
                xy=(value, y),
                xytext=(3 if value > 0 else -3, 0),
                textcoords="offset points",
                ha="left" if value > 0 else "right",
                va="center",
                fontsize=7,
                color="#333333",
            )
    ax.set_xlabel(f"log-odds z-score (← {label_b}  ·  {label_a} →)")
    _title_with_directions(
        ax, title, (f"← more {label_b}", color_b), (f"more {label_a} →", color_a)
    )
    counted = ""
    if {"count_a", "count_b"} <= set(frame.columns):
        counted = (
            f"n = {int(frame['count_a'].sum())} {what} in {label_a}, "
            f"{int(frame['count_b'].sum())} in {label_b}. "
        )
    _set_caption(
        figure,
        counted + "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & "
        f"Quinn 2008); numbers at the bars are counts {label_a}:{label_b}; dashed lines at "
        f"z = ±{threshold:g}.",
        caption,
    )
    return _attach(figure, shown)
