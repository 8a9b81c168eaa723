"""Outlet comparison charts: each top actor's measures per outlet with intervals, loaded
terms per 1,000 tokens by outlet (judgements and hedges apart), the stance classes of
the writer's cues by outlet, and the words that distinguish each outlet from the rest.

Inputs are the tables of `analysis.outlets` (outlets.csv, `loaded_rates`,
`stance_by_outlet`) and `analysis.compare.distinguishing_terms`. Outlets always get
the same colour and marker, in alphabetical order, so charts of one report agree.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from analysis.plots.style import (
    CATEGORY_COLORS,
    STANCES,
    _attach,
    _new_figure,
    _set_caption,
    _styled,
    _text_color,
    _wrap_title,
    no_data_figure,
    short_label,
)

#: What each measure of outlets.csv is called on a chart, and its columns.
OUTLET_MEASURES = {
    "portrayal": {
        "label": "portrayal (−1 negative … +1 positive)",
        "mean": "portrayal_mean",
        "low": "portrayal_low",
        "high": "portrayal_high",
        "n": "portrayal_n",
        "n_unit": "articles",
        "zero": True,
    },
    "credibility": {
        "label": "cue credibility (−1 doubt … +1 truth)",
        "mean": "credibility_mean",
        "low": "credibility_low",
        "high": "credibility_high",
        "n": "cues",
        "n_unit": "cues",
        "zero": True,
    },
    "voice_share": {
        "label": "voice share (of the outlet's attributions)",
        "mean": "voice_share",
        "low": "voice_share_low",
        "high": "voice_share_high",
        "n": "times_quoted",
        "n_unit": "attributions",
        "zero": False,
    },
}
MARKERS = "osD^vP*X"

#: A colour per stance class (hues of the article highlights; neutral light grey).
STANCE_COLORS = {
    "neutral": "#e0e0e0",
    "endorsing": "#0072B2",
    "emphatic": "#56B4E9",
    "distancing": "#E69F00",
    "admission": "#F0E442",
    "denial": "#D55E00",
    "accusation": "#CC79A7",
    "emotive": "#8F6BBF",
    "hedging": "#009E73",
    "other": "#999999",
}


def outlet_palette(outlets: Sequence[str]) -> dict[str, tuple[str, str]]:
    """(colour, marker) per outlet, handed out in alphabetical order."""
    names = sorted({str(o) for o in outlets}, key=str.casefold)
    return {
        name: (CATEGORY_COLORS[i % len(CATEGORY_COLORS)], MARKERS[i % len(MARKERS)])
        for i, name in enumerate(names)
    }


def top_actors(outlets: pd.DataFrame, k: int = 8, level: str = "actor") -> list[str]:
    """The `k` actors (or camps) with the most mentions over all outlets, among those
    mentioned in at least two outlets."""
    rows = outlets[outlets["level"] == level] if "level" in outlets else outlets
    key = "actor" if level == "actor" else "camp"
    if rows.empty or key not in rows:
        return []
    spread = rows.groupby(key)["outlet"].nunique()
    totals = rows.groupby(key)["mentions"].sum()
    totals = totals[spread >= 2]
    ranked = sorted(totals.index, key=lambda name: (-totals[name], str(name)))
    return [str(name) for name in ranked[:k]]


@_styled
def plot_actor_outlets(
    outlets: pd.DataFrame,
    *,
    actors: Sequence[str] | None = None,
    measures: Sequence[str] = ("portrayal", "credibility", "voice_share"),
    level: str = "actor",
    k: int = 8,
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """Actor × outlet dot plot: one panel per measure (portrayal, cue credibility, voice
    share), one row per actor (`actors`, default the `k` most mentioned in two or more
    outlets), one dot per outlet with its 95% interval (articles resampled) and n."""
    key = "actor" if level == "actor" else "camp"
    title = title or f"How each outlet treats the top {key}s"
    rows = outlets[outlets["level"] == level] if "level" in outlets else outlets
    names = list(actors) if actors else top_actors(outlets, k, level)
    rows = rows[rows[key].astype(str).isin(names)] if len(rows) else rows
    unknown = [m for m in measures if m not in OUTLET_MEASURES]
    if unknown:
        raise ValueError(f"unknown measure {unknown[0]!r}; choose from {list(OUTLET_MEASURES)}")
    if rows.empty or not names:
        return no_data_figure(title, "no actor in two or more outlets", caption)
    names = [n for n in names if n in set(rows[key].astype(str))]
    palette = outlet_palette(rows["outlet"].astype(str).unique())
    order = list(palette)
    figure = _new_figure(rows=len(names) * max(1, len(order) // 2 + 1), per_row=0.3, base=2.8)
    axes = figure.subplots(1, len(measures), sharey=True, squeeze=False)[0]
    positions = {name: i for i, name in enumerate(reversed(names))}
    step = 0.7 / max(len(order), 1)
    table_rows = []
    for ax, measure in zip(axes, measures, strict=True):
        spec = OUTLET_MEASURES[measure]
        if spec["zero"]:
            ax.axvline(0, color="#444444", linewidth=1, zorder=1)
        for j, outlet in enumerate(order):
            color, marker = palette[outlet]
            part = rows[rows["outlet"].astype(str) == outlet]
            for _, row in part.iterrows():
                value = pd.to_numeric(row.get(spec["mean"]), errors="coerce")
                name = str(row[key])
                if pd.isna(value) or name not in positions:
                    continue
                y = positions[name] + 0.35 - step / 2 - j * step
                low = pd.to_numeric(row.get(spec["low"]), errors="coerce")
                high = pd.to_numeric(row.get(spec["high"]), errors="coerce")
                if pd.notna(low) and pd.notna(high):
                    ax.plot([low, high], [y, y], color=color, linewidth=1.4, zorder=2)
                ax.scatter(
                    [value], [y], color=color, marker=marker, s=36, edgecolors="black",
                    linewidths=0.5, zorder=3,
                )  # fmt: skip
                n = int(row.get(spec["n"]) or 0)
                ax.annotate(
                    f"{n}",
                    xy=(high if pd.notna(high) else value, y),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=6,
                    color="#555555",
                )
                table_rows.append(
                    {
                        key: name,
                        "outlet": outlet,
                        "measure": measure,
                        "value": float(value),
                        "low": float(low) if pd.notna(low) else np.nan,
                        "high": float(high) if pd.notna(high) else np.nan,
                        "n": n,
                    }
                )
        ax.set_xlabel(_wrap_title(spec["label"], 18), fontsize=9)
        ax.grid(axis="x")
        if measure == "voice_share":
            ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        for y in range(1, len(names)):
            ax.axhline(y - 0.5, color="#eeeeee", linewidth=0.8, zorder=0)
    axes[0].set_yticks(range(len(names)), [short_label(n, 22) for n in reversed(names)])
    axes[0].set_ylim(-0.6, len(names) - 0.4)
    figure.suptitle(_wrap_title(title, 80), x=0.01, ha="left", fontweight="bold")
    handles = [
        axes[0].scatter([], [], color=palette[o][0], marker=palette[o][1], edgecolors="black")
        for o in order
    ]
    figure.legend(handles, order, title="outlet", loc="outside right upper")
    table = pd.DataFrame(
        table_rows, columns=[key, "outlet", "measure", "value", "low", "high", "n"]
    )
    n_text = "; ".join(
        f"{m}: n = {int(table.loc[table['measure'] == m, 'n'].sum())} "
        f"{OUTLET_MEASURES[m]['n_unit']}"
        for m in measures
    )
    _set_caption(
        figure,
        f"Dots: each outlet's value, with its n beside it; lines: 95% bootstrap intervals "
        f"resampling the outlet's articles (none with fewer than two articles). {n_text}.",
        caption,
    )
    return _attach(figure, table)


@_styled
def plot_loaded_rates(
    rates: pd.DataFrame, *, title: str | None = None, caption: str | None = None
) -> Figure:
    """Loaded terms per 1,000 tokens by outlet with 95% intervals: judgements (every
    loaded-term category but hedges) and hedges in separate panels, since a hedge is
    not a judgement (`analysis.outlets.loaded_rates`)."""
    title = title or "Loaded terms per 1,000 tokens by outlet"
    if rates is None or rates.empty:
        return no_data_figure(title, caption=caption)
    kinds = [k for k in ("judgement", "hedge") if k in set(rates["kind"])]
    outlets = sorted(rates["outlet"].astype(str).unique(), key=str.casefold)
    palette = outlet_palette(outlets)
    figure = _new_figure(rows=len(outlets), per_row=0.5, base=2.8)
    axes = figure.subplots(1, len(kinds), sharey=True, squeeze=False)[0]
    positions = {name: i for i, name in enumerate(reversed(outlets))}
    for ax, kind in zip(axes, kinds, strict=True):
        part = rates[rates["kind"] == kind]
        for _, row in part.iterrows():
            outlet = str(row["outlet"])
            color, marker = palette[outlet]
            y = positions[outlet]
            if pd.notna(row["low"]) and pd.notna(row["high"]):
                ax.plot([row["low"], row["high"]], [y, y], color=color, linewidth=1.6)
            ax.scatter([row["per_1k"]], [y], color=color, marker=marker, s=50,
                       edgecolors="black", linewidths=0.6, zorder=3)  # fmt: skip
            ax.annotate(
                f"{row['per_1k']:.1f} (n={int(row['terms'])})",
                xy=(row["per_1k"], y),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
        ax.set_xlim(left=0)
        ax.set_xlabel("judgements (loaded terms)" if kind == "judgement" else "hedges")
        ax.grid(axis="x")
    axes[0].set_yticks(range(len(outlets)), [short_label(o) for o in reversed(outlets)])
    axes[0].set_ylim(-0.6, len(outlets) - 0.4)
    figure.suptitle(_wrap_title(title, 80), x=0.01, ha="left", fontweight="bold")
    articles = rates.drop_duplicates("outlet")
    _set_caption(
        figure,
        f"Terms per 1,000 tokens of each outlet's articles (n = "
        f"{int(articles['articles'].sum())} articles, {int(articles['tokens'].sum()):,} "
        "tokens); lines: 95% bootstrap intervals resampling articles. Hedges are counted "
        "apart from judgements.",
        caption,
    )
    return _attach(figure, rates.reset_index(drop=True))


@_styled
def plot_stance_by_outlet(
    stance: pd.DataFrame, *, title: str | None = None, caption: str | None = None
) -> Figure:
    """The stance classes of the writer's cues by outlet, as 100% stacked bars with each
    outlet's number of cues (`analysis.outlets.stance_by_outlet`)."""
    title = title or "Stance classes of the writer's reporting cues by outlet"
    if stance is None or stance.empty or stance["count"].sum() == 0:
        return no_data_figure(title, caption=caption)
    shares = stance.pivot_table(index="outlet", columns="stance", values="share", fill_value=0)
    cues = stance.groupby("outlet")["cues"].first()
    classes = [s for s in STANCES if s in shares.columns and shares[s].sum() > 0]
    outlets = sorted(shares.index, key=str.casefold)[::-1]
    shares = shares.loc[outlets, classes]
    colors = {s: STANCE_COLORS.get(s, "#999999") for s in classes}
    figure = _new_figure(rows=len(outlets), per_row=0.5, base=2.8)
    ax = figure.add_subplot()
    left = np.zeros(len(outlets))
    for name in classes:
        widths = shares[name].to_numpy()
        ax.barh(range(len(outlets)), widths, left=left, color=colors[name], label=name,
                edgecolor="white", linewidth=0.8)  # fmt: skip
        for y, (start, width) in enumerate(zip(left, widths, strict=True)):
            if width >= 0.06:
                ax.text(start + width / 2, y, f"{width:.0%}", ha="center", va="center",
                        fontsize=7, color=_text_color(colors[name]))  # fmt: skip
        left += widths
    ax.set_yticks(range(len(outlets)), [f"{short_label(o)} (n={int(cues[o])})" for o in outlets])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("share of the outlet's reporting cues")
    # over the whole figure, not the axes: the legend outside on the right would
    # otherwise run into a long title
    figure.suptitle(_wrap_title(title, 80), x=0.01, ha="left", fontweight="bold")
    figure.legend(title="stance class", loc="outside right upper")
    _set_caption(
        figure,
        f"n = {int(cues.sum())} reporting cues in the writer's voice (cues inside direct "
        "quotes and negated cues left out).",
        caption,
    )
    return _attach(figure, stance.reset_index(drop=True))


@_styled
def plot_outlet_terms(
    scores: pd.DataFrame,
    *,
    k: int = 10,
    what: str = "words",
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """The terms that most distinguish each outlet from all the others: one panel per
    outlet, bars of the log-odds z-score (`analysis.compare.distinguishing_terms`),
    counts "outlet:rest" at each bar."""
    title = title or f"{what.capitalize()} that distinguish each outlet from the others"
    if scores is None or scores.empty:
        return no_data_figure(title, caption=caption)
    top = scores[scores["z"] > 0].sort_values(["group", "z"], ascending=[True, False])
    top = top.groupby("group", sort=True).head(k)
    groups = sorted(top["group"].astype(str).unique(), key=str.casefold)
    if not groups:
        return no_data_figure(title, caption=caption)
    palette = outlet_palette(groups)
    figure = _new_figure(rows=k, per_row=0.32, base=2.8)
    axes = figure.subplots(1, len(groups), squeeze=False)[0]
    for ax, group in zip(axes, groups, strict=True):
        part = top[top["group"].astype(str) == group].iloc[::-1]
        ax.barh(range(len(part)), part["z"], color=palette[group][0], height=0.7)
        ax.set_yticks(range(len(part)), [short_label(t, 18, 1) for t in part["term"]])
        for y, (z, a, b) in enumerate(zip(part["z"], part["count"], part["count_rest"],
                                          strict=True)):  # fmt: skip
            ax.text(z, y, f" {int(a)}:{int(b)}", va="center", ha="left", fontsize=7)
        ax.axvline(1.96, color="#777777", linestyle="--", linewidth=0.8)
        ax.set_xlim(0, max(float(part["z"].max()) * 1.35, 2.3) if len(part) else 2.3)
        ax.set_title(short_label(group, max(10, 80 // len(groups)), 2), fontsize=10)
        ax.set_xlabel("z-score")
    figure.suptitle(_wrap_title(title, 80), x=0.01, ha="left", fontweight="bold")
    _set_caption(
        figure,
        "Each outlet against all others: log-odds ratio with an informative Dirichlet "
        "prior (Monroe, Colaresi & Quinn 2008), corpus counts as the prior; numbers are "
        "counts outlet:rest; dashed line z = 1.96 (uncorrected: read as leads). Outlet "
        "names, bylines, datelines and house style kept out by the stop list.",
        caption,
    )
    return _attach(figure, top.reset_index(drop=True))
