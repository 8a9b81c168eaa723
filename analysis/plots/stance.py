"""The stance heatmap: how each actor or camp is introduced, by stance class of the
reporting cue."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from analysis.plots.style import (
    NO_CAMP,
    OTHER_CAMPS,
    STANCES,
    TOP_CAMPS,
    _attach,
    _n_articles,
    _new_figure,
    _set_caption,
    _styled,
    _text_color,
    _wrap_title,
    _writer_rows,
    no_data_figure,
    pooled_note,
    short_label,
    top_camps,
)


@_styled
def plot_stance_heatmap(
    table: pd.DataFrame,
    *,
    by: str = "camp",
    stances: Sequence[str] = STANCES,
    max_rows: int = 25,
    max_camps: int = TOP_CAMPS,
    drop_in_quote: bool = True,
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """How each actor or camp (`by`) is introduced: rows are actors/camps, columns the
    stance classes of the reporting cues; colour is the row share, the number in each
    cell the count. With `by="camp"`, camps beyond the top `max_camps` by attributions
    (or with fewer than three) are pooled as "other camps", as the caption says.

    `table` is either attributions (one row per attribution, a `stance` column) or the
    actors summary (`n_<stance>` columns; rows with `level == by` are used)."""
    title = title or f"Reporting-cue stance per {by}"
    if "stance" in table:
        frame = _writer_rows(table, drop_in_quote)
        frame = frame[frame[by].notna()] if by in frame else frame.iloc[0:0]
        counts = pd.crosstab(frame[by].astype(str), frame["stance"].astype(str))
        counted = f"attributions{_n_articles(frame)}"
        if drop_in_quote:
            counted += " (cues inside direct quotes left out)"
    elif any(f"n_{stance}" in table for stance in stances):
        frame = table
        if "level" in frame:
            frame = frame[frame["level"] == by]
        key = by if by in frame else "actor"
        frame = frame[frame[key].notna()] if key in frame else frame.iloc[0:0]
        columns = [f"n_{stance}" for stance in stances if f"n_{stance}" in frame]
        counts = frame.set_index(frame[key].astype(str))[columns].fillna(0)
        counts.columns = [column[2:] for column in columns]
        counts = counts.groupby(level=0).sum()
        counted = "attributions"
    else:
        counts = pd.DataFrame()
        counted = "attributions"
    if counts.empty or counts.to_numpy().sum() == 0:
        return no_data_figure(title, caption=caption)
    pooled = ""
    if by == "camp" and max_camps and len(counts) > max_camps:
        shown_camps = top_camps(counts.sum(axis=1), max_camps)
        rest = [name for name in counts.index if name not in shown_camps and name != NO_CAMP]
        if rest:
            pooled = pooled_note(len(shown_camps), len(counts), "attributions")
            other = counts.loc[rest].sum().rename(OTHER_CAMPS)
            counts = pd.concat([counts.drop(index=rest), other.to_frame().T])
    extra = [column for column in counts.columns if column not in stances]
    order = list(stances) + sorted(extra)
    counts = counts.reindex(columns=order, fill_value=0).astype(int)
    counts = counts.loc[counts.sum(axis=1) > 0]
    totals = counts.sum(axis=1)
    ranked = totals.sort_values(ascending=False, kind="stable")
    shown = ranked.index[:max_rows]
    counts = counts.loc[
        sorted(shown, key=lambda name: (name == OTHER_CAMPS, -totals[name], str(name).casefold()))
    ]
    totals = counts.sum(axis=1)
    shares = counts.div(totals, axis=0)

    figure = _new_figure(rows=len(counts), per_row=0.42, base=2.8)
    ax = figure.add_subplot()
    cmap = mpl.colormaps["Blues"]
    image = ax.imshow(shares.to_numpy(), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for row, name in enumerate(counts.index):
        for column, stance in enumerate(counts.columns):
            count = counts.at[name, stance]
            if count:
                ax.text(
                    column,
                    row,
                    str(count),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=_text_color(cmap(shares.at[name, stance])),
                )
    ax.set_xticks(np.arange(len(counts.columns)), counts.columns, rotation=40, ha="right")
    ax.set_yticks(
        np.arange(len(counts)),
        [f"{short_label(name, 24)} (n={totals[name]})" for name in counts.index],
    )
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks(np.arange(len(counts.columns) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(counts) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("stance class of the reporting cue")
    ax.set_ylabel(by)
    ax.set_title(_wrap_title(title))
    colorbar = figure.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
    colorbar.set_label("share of the row's attributions")
    colorbar.ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    hidden = len(ranked) - len(counts)
    _set_caption(
        figure,
        f"n = {int(totals.sum())} {counted}; "
        "cell numbers are counts, colour the share of the row."
        + (f" Top {len(counts)} of {len(ranked)} by count; {hidden} not shown." if hidden else ""),
        pooled,
        caption,
    )
    long = counts.stack().rename("count").reset_index()
    long.columns = [by, "stance", "count"]
    long["share"] = shares.stack().to_numpy()
    return _attach(figure, long)
