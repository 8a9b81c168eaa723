"""Counts or means per date, one line per outlet or camp."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from analysis.plots.style import (
    NO_CAMP,
    OTHER_CAMPS,
    TOP_CAMPS,
    _attach,
    _fill,
    _n_articles,
    _new_figure,
    _set_caption,
    _styled,
    _with_article_columns,
    _wrap_title,
    category_colors,
    chart_palette,
    no_data_figure,
    pooled_note,
    short_label,
    top_camps,
)


@_styled
def plot_timeline(
    frame: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    date: str = "date",
    value: str | None = None,
    group: str | None = None,
    freq: str = "D",
    colors: Mapping[str, str] | None = None,
    what: str = "rows",
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """Counts per date (`value=None`: rows of `frame`, e.g. attributions or loaded terms)
    or the mean of `value` per date (e.g. portrayal polarity), one line per `group`
    (e.g. outlet or camp). Dates come from `frame` or, joined on article_id, from
    `articles`; rows without a date are left out. `freq`: pandas period ("D", "W", "M")."""
    what_label = what if value is None else f"mean {value}"
    title = title or (f"{what.capitalize()} per date" if value is None else f"Mean {value} by date")
    data = _with_article_columns(frame, articles, [date] + ([group] if group else []))
    if data.empty or date not in data or (value is not None and value not in data):
        return no_data_figure(title, "no dated articles", caption)
    data = data.assign(_date=pd.to_datetime(data[date], errors="coerce", utc=True))
    data = data[data["_date"].notna()]
    if value is not None:
        data = data.assign(_value=pd.to_numeric(data[value], errors="coerce"))
        data = data[data["_value"].notna()]
    if data.empty:
        return no_data_figure(title, "no dated articles", caption)
    data["_date"] = data["_date"].dt.tz_localize(None).dt.to_period(freq).dt.start_time
    missing_label = NO_CAMP if group == "camp" else "unknown"
    data["_group"] = _fill(data[group], missing_label) if group and group in data else "all"
    pooled = ""
    if group == "camp" and data["_group"].nunique() > TOP_CAMPS:
        counts = data["_group"].value_counts()
        shown = top_camps(counts)
        every = [name for name in counts.index if name != NO_CAMP]
        data["_group"] = data["_group"].where(data["_group"].isin([*shown, NO_CAMP]), OTHER_CAMPS)
        pooled = pooled_note(len(shown), len(every), what)
    if value is None:
        series = data.groupby(["_group", "_date"]).size().rename("value")
    else:
        series = data.groupby(["_group", "_date"])["_value"].mean().rename("value")
    series = series.reset_index()
    groups = sorted(series["_group"].unique(), key=str.casefold)
    if colors or group == "camp":
        palette = chart_palette(groups, colors)
    else:
        palette = category_colors(groups)

    figure = _new_figure(rows=8, per_row=0.3, base=2.4)
    ax = figure.add_subplot()
    markers = "osD^vP*X"
    for index, name in enumerate(groups):
        points = series[series["_group"] == name].sort_values("_date")
        ax.plot(
            points["_date"],
            points["value"],
            marker=markers[index % len(markers)],
            color=palette[name],
            linewidth=1.6,
            markersize=6,
            markeredgecolor="#333333",
            markeredgewidth=0.6,
            label=short_label(name, 22, 2),
        )
    if value is not None and (series["value"] < 0).any():
        ax.axhline(0, color="#444444", linewidth=1)
    elif value is None:
        ax.set_ylim(bottom=0)
    dates = series["_date"]
    span = (dates.max() - dates.min()).days
    years = sorted({d.year for d in dates})
    if freq == "D" and span <= 62:  # daily data: one tick per day (or every few), no hours
        locator = mdates.DayLocator(interval=max(1, span // 8 + 1))
        # each tick with its month ("09 Sep", "03 Oct"): a concise formatter names the
        # month only at a tick on its first day, which every-few-days ticks may skip
        formatter = mdates.DateFormatter("%d %b")
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
        formatter = mdates.ConciseDateFormatter(locator)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    if dates.nunique() == 1:
        ax.set_xlim(dates.min() - pd.Timedelta(days=1), dates.max() + pd.Timedelta(days=1))
    ax.grid(axis="y")
    period = {"D": "day", "W": "week", "M": "month"}.get(freq, f"{freq} period")
    if freq == "D":
        ax.set_xlabel(f"date, {years[0]}" if span <= 62 and len(years) == 1 else "date")
    else:
        ax.set_xlabel(period)
    ax.set_ylabel(what_label)
    ax.set_title(_wrap_title(title))
    if group:
        ax.legend(title=group, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    rows = f"n = {len(data)} {what}{_n_articles(data)} with a date"
    _set_caption(
        figure, rows + (f"; mean of {value} per {period}." if value else "."), pooled, caption
    )
    table = series.rename(columns={"_group": group or "group", "_date": date})
    return _attach(figure, table)
