"""Charts of actors and camps: voice share per outlet, credibility of the cues
introducing them, and how the text portrays them."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from analysis.plots.style import (
    CREDIBILITY_NOTE,
    NEGATIVE_COLOR,
    NO_CAMP,
    OTHER_CAMPS,
    OTHER_COLOR,
    POSITIVE_COLOR,
    TOP_CAMPS,
    _attach,
    _fill,
    _margin_labels,
    _n_articles,
    _new_figure,
    _plural,
    _pool_smallest,
    _pool_summary_rows,
    _set_caption,
    _styled,
    _text_color,
    _title_with_directions,
    _top_to_bottom,
    _with_article_columns,
    _wrap_title,
    _writer_rows,
    chart_palette,
    no_data_figure,
    pooled_note,
    short_label,
)


@_styled
def plot_voice_share(
    attributions: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    group: str = "outlet",
    by: str = "camp",
    measure: str = "quotes",
    max_camps: int = 7,
    colors: Mapping[str, str] | None = None,
    drop_in_quote: bool = True,
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """Who gets a voice: for each outlet (`group`), the share of attributions (or of
    quoted words, `measure="words"`) given to each camp (`by`), as 100% stacked bars.

    Rows without a named source are left out; sources without a camp count as
    "no camp". Cues inside direct quotes are left out (`drop_in_quote`). Beyond
    `max_camps` camps the smallest are pooled as "other camps" (colours would repeat)."""
    title = title or f"Voice share per {by} and {group}"
    frame = _with_article_columns(attributions, articles, [group])
    frame = _writer_rows(frame, drop_in_quote)
    if "speaker" in frame:
        frame = frame[frame["speaker"].notna()]
    if frame.empty or by not in frame:
        return no_data_figure(title, caption=caption)
    frame = frame.assign(
        _group=_fill(frame[group], "unknown") if group in frame else "all articles",
        _by=_fill(frame[by], NO_CAMP),
    )
    if measure == "words":
        weight = frame.get("content", pd.Series("", index=frame.index)).fillna("")
        frame = frame.assign(_weight=weight.astype(str).str.split().str.len())
        unit = "quoted words"
    elif measure == "quotes":
        frame = frame.assign(_weight=1)
        unit = "attributions"
    else:
        raise ValueError(f"measure must be 'quotes' or 'words', got {measure!r}")
    counts = frame.pivot_table(
        index="_group", columns="_by", values="_weight", aggfunc="sum", fill_value=0
    )
    if counts.to_numpy().sum() == 0:
        return no_data_figure(title, caption=caption)
    every_camp = [c for c in counts.columns if c != NO_CAMP]
    counts, camps = _pool_smallest(counts, max_camps, OTHER_CAMPS)
    shown_camps = [c for c in camps if c not in (NO_CAMP, OTHER_CAMPS)]
    counts = counts.loc[_top_to_bottom(counts.index)]
    totals = counts.sum(axis=1)
    shares = counts.div(totals.where(totals > 0, 1), axis=0)
    # colours from every camp in the data, pooled or not: the same set as the other charts
    palette = chart_palette(camps, colors, frame["_by"].unique())

    figure = _new_figure(rows=len(counts), per_row=0.5, base=2.6)
    ax = figure.add_subplot()
    positions = np.arange(len(counts))
    left = np.zeros(len(counts))
    for camp in camps:
        widths = shares[camp].to_numpy()
        color = OTHER_COLOR if camp == OTHER_CAMPS else palette[camp]
        ax.barh(
            positions,
            widths,
            left=left,
            color=color,
            edgecolor="white",
            linewidth=0.8,
            label=short_label(camp, 26, 2),
        )
        for y, (start, width) in enumerate(zip(left, widths, strict=True)):
            if width >= 0.07:
                ax.text(
                    start + width / 2,
                    y,
                    f"{width:.0%}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=_text_color(color),
                )
        left += widths
    ax.set_yticks(positions, [short_label(name) for name in counts.index])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(f"share of {unit}")
    ax.set_ylabel(group)
    ax.set_title(_wrap_title(title))
    _margin_labels(ax, positions, [f"n={int(total)}" for total in totals])
    figure.legend(title=by, loc="outside right upper")
    _set_caption(
        figure,
        f"n = {int(totals.sum())} {unit}{_n_articles(frame)}; "
        f"writer-voice attributions with a named source.",
        pooled_note(len(shown_camps), len(every_camp), "attributions"),
        caption,
    )
    table = counts.stack().rename("count").reset_index()
    table.columns = [group, by, "count"]
    table["share"] = shares.stack().to_numpy()
    return _attach(figure, table)


def _summary_rows(actors: pd.DataFrame, level: str, key: str | None = None) -> pd.DataFrame:
    frame = actors
    if "level" in frame:
        frame = frame[frame["level"] == level]
    key = key or level
    if key not in frame:
        return frame.iloc[0:0]
    return frame[frame[key].notna()]


def _interval(frame: pd.DataFrame, mean: str, low: str, high: str) -> np.ndarray:
    """Error-bar lengths (2 × n) from interval columns; 0 where an end is missing."""
    values = frame[mean].to_numpy(dtype=float)
    lows = frame[low].to_numpy(dtype=float) if low in frame else values
    highs = frame[high].to_numpy(dtype=float) if high in frame else values
    below = np.nan_to_num(values - lows, nan=0.0).clip(min=0)
    above = np.nan_to_num(highs - values, nan=0.0).clip(min=0)
    return np.vstack([below, above])


@_styled
def plot_credibility(
    actors: pd.DataFrame,
    *,
    level: str = "camp",
    mean: str = "credibility_mean",
    low: str = "credibility_low",
    high: str = "credibility_high",
    n: str = "times_quoted",
    colors: Mapping[str, str] | None = None,
    max_camps: int = TOP_CAMPS,
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """Mean credibility of the cues introducing each camp (or actor, `level="actor"`),
    with its 95% interval, from the actors summary (actors.csv). Points left of zero:
    the writer's cues cast doubt; right: they lend truth. Camps beyond the top
    `max_camps` by scored cues are pooled as "other camps" (their weighted mean, no
    interval), as the caption says."""
    title = title or f"Credibility of the reporting cues per {level}"
    frame = _summary_rows(actors, level)
    if mean in frame:
        frame = frame[pd.to_numeric(frame[mean], errors="coerce").notna()]
    if frame.empty or mean not in frame:
        return no_data_figure(title, caption=" ".join(filter(None, [CREDIBILITY_NOTE, caption])))
    frame = frame.assign(**{mean: pd.to_numeric(frame[mean], errors="coerce")})
    pooled = ""
    if level == "camp" and max_camps:
        weight = "credibility_n" if "credibility_n" in frame else n
        frame, pooled = _pool_summary_rows(
            frame, "camp", mean, weight, max_camps, unit="scored cues", extra_sums=[n]
        )
    frame = frame.sort_values([mean, level], ascending=[True, False]).reset_index(drop=True)
    names = frame[level].astype(str).tolist()
    palette = chart_palette(names[::-1], colors) if level == "camp" else {}
    color_of = palette.get if level == "camp" else None

    figure = _new_figure(rows=len(frame), per_row=0.42, base=2.6)
    ax = figure.add_subplot()
    positions = np.arange(len(frame))
    errors = _interval(frame, mean, low, high)
    ax.axvline(0, color="#444444", linewidth=1, zorder=1)
    ax.errorbar(
        frame[mean],
        positions,
        xerr=errors,
        fmt="none",
        ecolor="#333333",
        elinewidth=1.4,
        capsize=4,
        zorder=2,
    )
    point_colors = [color_of(name) if color_of else POSITIVE_COLOR for name in names]
    ax.scatter(
        frame[mean],
        positions,
        s=60,
        c=point_colors,
        edgecolors="black",
        linewidths=0.8,
        zorder=3,
    )
    ax.set_yticks(positions, [short_label(name) for name in names])
    ax.set_ylim(-0.6, len(frame) - 0.4)
    ax.set_xlim(-1.05, 1.05)
    ax.grid(axis="x")
    ax.set_xlabel("mean credibility of the reporting cues (−1 doubt … +1 truth), 95% interval")
    ax.set_ylabel(level)
    ax.set_title(_wrap_title(title))
    counts = frame[n].fillna(0).astype(int).tolist() if n in frame else None
    if counts is not None:
        _margin_labels(ax, positions, [f"n={count}" for count in counts])
    total = f"n = {_plural(sum(counts), 'attribution')}. " if counts is not None else ""
    _set_caption(figure, total + CREDIBILITY_NOTE, pooled, caption)
    columns = [column for column in (level, mean, low, high, n) if column in frame]
    return _attach(figure, frame[columns])


@_styled
def plot_portrayal(
    actors: pd.DataFrame,
    *,
    level: str = "actor",
    mean: str = "portrayal_mean",
    low: str = "portrayal_low",
    high: str = "portrayal_high",
    n: str = "portrayal_n",
    min_n: int = 1,
    max_rows: int = 30,
    title: str | None = None,
    caption: str | None = None,
    n_unit: str = "article × actor scores",
    no_evidence: float | None = None,
) -> Figure:
    """How the writer portrays each actor: the mean of the article-level portrayal
    scores (`actor_sentiment.csv` `portrayal`, which sums up the distancing cues
    introducing the actor's words, its worst and summed negative mentions, negative
    and loaded words in its clauses and others' negative words about it), as bars
    diverging from zero (blue right: positive; orange left: negative) with 95%
    intervals resampling articles and the number of articles scored (n=). A dashed
    line marks `no_evidence`, the score of an actor with no evaluative evidence
    (default: the shipped model's, `portrayal.no_evidence_score`). Actors scored in
    fewer than `min_n` articles are left out; the `max_rows` most-scored are shown.
    `n_unit` names what n counts in the caption (one article's chart counts
    mentions)."""
    title = title or f"Portrayal per {level}"
    frame = _summary_rows(actors, level)
    if mean in frame:
        frame = frame.assign(**{mean: pd.to_numeric(frame[mean], errors="coerce")})
        frame = frame[frame[mean].notna()]
        if n in frame:
            frame = frame[frame[n].fillna(0) >= min_n]
    if frame.empty or mean not in frame:
        return no_data_figure(title, caption=caption)
    if no_evidence is None:
        from analysis.portrayal import no_evidence_score

        no_evidence = no_evidence_score()
    hidden = 0
    if len(frame) > max_rows:
        hidden = len(frame) - max_rows
        order = frame[n] if n in frame else frame[mean].abs()
        frame = frame.loc[order.sort_values(ascending=False, kind="stable").index[:max_rows]]
    frame = frame.sort_values([mean, level], ascending=[True, False]).reset_index(drop=True)
    values = frame[mean].to_numpy(dtype=float)
    errors = _interval(frame, mean, low, high)

    figure = _new_figure(rows=len(frame), per_row=0.4, base=2.6)
    ax = figure.add_subplot()
    positions = np.arange(len(frame))
    colors = [POSITIVE_COLOR if value >= 0 else NEGATIVE_COLOR for value in values]
    ax.barh(positions, values, color=colors, height=0.65, zorder=2)
    with_interval = (errors.sum(axis=0) > 0) if (low in frame and high in frame) else None
    if with_interval is not None and with_interval.any():
        ax.errorbar(
            values[with_interval],
            positions[with_interval],
            xerr=errors[:, with_interval],
            fmt="none",
            ecolor="#222222",
            elinewidth=1,
            capsize=3,
            zorder=3,
        )
    ax.axvline(0, color="#444444", linewidth=1, zorder=1)
    reach = np.nanmax(np.abs(np.concatenate([values - errors[0], values + errors[1]])))
    reach = max(float(reach) * 1.1, abs(no_evidence) * 1.2, 0.1)
    ax.axvline(no_evidence, color="#444444", linewidth=1, linestyle="--", zorder=4)
    ax.annotate(
        "no evidence",
        (no_evidence, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(3, -3),
        textcoords="offset points",
        va="top",
        fontsize="small",
        color="#444444",
    )
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-0.6, len(frame) - 0.4)
    ax.set_yticks(positions, [short_label(name) for name in frame[level]])
    ax.grid(axis="x")
    shown = ", 95% interval" if with_interval is not None and with_interval.any() else ""
    ax.set_xlabel(f"portrayal by the writer (− negative … + positive){shown}")
    ax.set_ylabel(level)
    _title_with_directions(
        ax, title, ("← more negative", NEGATIVE_COLOR), ("more positive →", POSITIVE_COLOR)
    )
    counts = frame[n].fillna(0).astype(int).tolist() if n in frame else None
    if counts is not None:
        _margin_labels(ax, positions, [f"n={count}" for count in counts])
    note = f" {hidden} more actors not shown (fewest articles)." if hidden else ""
    total = (
        f"n = {sum(counts)} {n_unit}. Portrayal sums up the writer's choices"
        " about the actor in each article (distancing cues introducing its words, its"
        " worst and its summed negative mentions, negative and loaded words in its"
        " clauses, others' negative words about it); 0 = treated like the average"
        f" labelled actor; dashed line = an actor with no evaluative evidence"
        f" ({no_evidence:+.2f})."
        if counts is not None
        else ""
    )
    _set_caption(figure, total + note, caption)
    columns = [column for column in (level, mean, low, high, n) if column in frame]
    return _attach(figure, frame[columns])
