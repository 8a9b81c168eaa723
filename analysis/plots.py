"""Charts for reports: one function per chart, each taking the kit's tidy tables and
returning a matplotlib `Figure`.

Every chart shares one style: Okabe–Ito colours (distinguishable with the common colour
vision deficiencies), a fixed colour per camp (`camp_colors`; `chart_palette` keeps
the camps of one chart apart), sign shown by direction
from a zero line as well as by colour (blue/orange, never red/green), readable font
sizes, a title, axis labels and a caption line stating what was counted (n). Figures
are built with the object-oriented API (`matplotlib.figure.Figure`, no pyplot), so no
state is shared between figures and nothing is shown; display them in a notebook or
write them with `save_figure` (PNG 300 dpi, SVG with text kept as text, PDF — byte-
identical across runs). Every figure carries the table of the numbers it draws
(`figure_table(fig)`), which `save_figure` writes as CSV beside the images.

Empty input never raises: the chart says "no data" instead.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import wraps
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import blended_transform_factory

from analysis.lexicons import STANCES as LEXICON_STANCES
from analysis.outputs import write_csv

# ----------------------------------------------------------------------------- style

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Category colours in the order they are handed out (yellow last: weakest on white).
CATEGORY_COLORS = tuple(
    OKABE_ITO[name]
    for name in (
        "blue",
        "orange",
        "bluish_green",
        "vermillion",
        "sky_blue",
        "reddish_purple",
        "yellow",
    )
)
#: Rows without a camp (or category), and anything else "unassigned".
MISSING_COLOR = "#999999"
POSITIVE_COLOR = OKABE_ITO["blue"]
NEGATIVE_COLOR = OKABE_ITO["vermillion"]
NO_CAMP = "no camp"
OTHER_CAMPS = "other camps"
OTHER_COLOR = "#D4D4D4"

#: The ten stance classes of reporting cues, in the order charts show them.
STANCES = LEXICON_STANCES

CREDIBILITY_NOTE = (
    "Credibility is the reporting cue's signed score from the kit's lexicon (-1 doubt ... "
    "+1 truth). The endorsing and emphatic classes rest on style guides (Wikipedia "
    "MOS:SAID, Hooper 1975), not on annotated data."
)

#: Matplotlib settings applied while a chart is built and saved (never globally).
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.fonttype": "none",  # SVG text stays text (editable, searchable)
    "svg.hashsalt": "framing-kit",  # fixed ids: identical SVGs across runs
    "pdf.fonttype": 42,  # TrueType in PDFs, editable text
}
WIDTH = 8.0  # inches; every chart is this wide
LABEL_WIDTH = 28  # characters per line of an actor/camp/outlet label
TABLE_ATTRIBUTE = "framing_table"


def _styled(function: Callable[..., Figure]) -> Callable[..., Figure]:
    """Build the figure inside `STYLE` (font sizes etc. are read when artists are made)."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        with mpl.rc_context(STYLE):
            return function(*args, **kwargs)

    return wrapper


def camp_color(camp: str | None) -> str:
    """The colour of a camp on its own: a fixed Okabe–Ito colour chosen by a hash of the
    name (stable across runs and charts), grey for no camp. Two camps can share a hash
    colour; `camp_colors` resolves that within a set of camps."""
    if _missing(camp) or camp == NO_CAMP:
        return MISSING_COLOR
    digest = hashlib.sha1(str(camp).strip().casefold().encode("utf-8")).digest()
    return CATEGORY_COLORS[digest[0] % len(CATEGORY_COLORS)]


def camp_colors(camps: Iterable[str | None]) -> dict[str, str]:
    """A colour for each camp: its `camp_color` unless another camp of the set already
    has it, in which case the next free palette colour (camps taken in sorted order, so
    the result depends only on the set). Compute this once for all camps of a corpus
    and pass it as `colors=` to every chart to keep camp colours identical throughout
    a report; beyond seven camps colours repeat."""
    names = sorted({NO_CAMP if _missing(camp) else str(camp) for camp in camps})
    result: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        if name == NO_CAMP:
            result[name] = MISSING_COLOR
            continue
        start = CATEGORY_COLORS.index(camp_color(name))
        for step in range(len(CATEGORY_COLORS)):
            color = CATEGORY_COLORS[(start + step) % len(CATEGORY_COLORS)]
            if color not in used:
                break
        else:
            color = camp_color(name)
        result[name] = color
        used.add(color)
    return result


def chart_palette(
    shown: Sequence[str],
    colors: Mapping[str, str] | None = None,
    universe: Iterable[str | None] | None = None,
) -> dict[str, str]:
    """Colours for the camps one chart shows, in order of prominence: each camp keeps
    its colour from `colors` (else from `camp_colors(universe or shown)`) unless a more
    prominent camp of the same chart already has it, in which case it takes the next
    free palette colour — within a chart, up to seven camps never share a colour."""
    base = dict(colors) if colors else camp_colors(shown if universe is None else universe)
    result: dict[str, str] = {}
    used: set[str] = set()
    for name in shown:
        if name in (NO_CAMP, OTHER_CAMPS):
            result[name] = MISSING_COLOR if name == NO_CAMP else OTHER_COLOR
            continue
        color = base.get(name) or camp_color(name)
        if color in used:
            start = CATEGORY_COLORS.index(color) if color in CATEGORY_COLORS else -1
            free = [
                CATEGORY_COLORS[(start + step) % len(CATEGORY_COLORS)]
                for step in range(1, len(CATEGORY_COLORS) + 1)
            ]
            color = next((c for c in free if c not in used), color)
        result[name] = color
        used.add(color)
    return result


def category_colors(categories: Sequence[str]) -> dict[str, str]:
    """Colours for an ordered list of categories (loaded-term classes, groups): the
    palette in order, grey for "other"/missing."""
    result, index = {}, 0
    for category in categories:
        if category in (NO_CAMP, "other categories", "unknown"):
            result[category] = MISSING_COLOR
        else:
            result[category] = CATEGORY_COLORS[index % len(CATEGORY_COLORS)]
            index += 1
    return result


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def short_label(name: Any, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """A label that fits: wrapped at `width` characters, at most `lines` lines, the rest
    replaced by an ellipsis."""
    text = " ".join(str(name).split())
    wrapped = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def _wrap_title(title: str, width: int = 62) -> str:
    return "\n".join(textwrap.wrap(title, width=width)) or title


def _text_color(background: Any) -> str:
    """Black or white text, whichever reads better on `background`."""
    red, green, blue = to_rgb(background)
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "white"


def _new_figure(rows: int = 6, per_row: float = 0.38, base: float = 2.2) -> Figure:
    height = max(3.0, min(base + per_row * rows, 16.0))
    return Figure(figsize=(WIDTH, height), layout="constrained")


def _set_caption(figure: Figure, *parts: str | None) -> None:
    """The caption line(s) under the chart: what was counted, plus the caller's note
    (model, lexicon version, sentiment backend)."""
    text = " ".join(part.strip() for part in parts if part and part.strip())
    if not text:
        return
    characters = int(WIDTH * 72 / (8 * 0.55))  # a line of 8-point text across the figure
    wrapped = "\n".join(textwrap.wrap(text, width=characters))
    figure.supxlabel(wrapped, x=0.01, ha="left", fontsize=8, color="#444444")


def run_caption(run: Mapping[str, Any]) -> str:
    """A caption line from a run record (`run.json` of `framing analyze`): articles,
    kit version, spaCy pipeline, lexicon versions and sentiment backend, where the
    record has them. No timestamps, so figures stay byte-identical across runs."""
    parts = []
    counts = run.get("counts") or {}
    if counts.get("articles") is not None:
        parts.append(_plural(int(counts["articles"]), "article"))
    if run.get("kit_version"):
        parts.append(f"framing kit {run['kit_version']}")
    model = run.get("model") or {}
    if isinstance(model, Mapping) and model.get("name"):
        parts.append(f"spaCy {model['name']} {model.get('version', '')}".strip())
    lexicons = run.get("lexicons") or run.get("lexicon_versions") or {}
    if isinstance(lexicons, Mapping) and lexicons:
        parts.append("lexicons " + ", ".join(f"{k} {v}" for k, v in sorted(lexicons.items())))
    sentiment = run.get("sentiment") or {}
    backend = run.get("sentiment_backend") or (
        sentiment.get("backend") if isinstance(sentiment, Mapping) else sentiment
    )
    if backend:
        parts.append(f"sentiment backend {backend}")
    return "; ".join(parts) + "." if parts else ""


def _attach(figure: Figure, table: pd.DataFrame) -> Figure:
    setattr(figure, TABLE_ATTRIBUTE, table.reset_index(drop=True))
    return figure


def figure_table(figure: Figure) -> pd.DataFrame | None:
    """The numbers a chart draws, as a tidy table (None for figures not made here)."""
    return getattr(figure, TABLE_ATTRIBUTE, None)


def no_data_figure(title: str, message: str = "no data", caption: str | None = None) -> Figure:
    """A small figure that says there is nothing to draw."""
    with mpl.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, 3.0), layout="constrained")
        ax = figure.add_subplot()
        ax.set_axis_off()
        ax.set_title(_wrap_title(title))
        ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=14, color="#666666")
        _set_caption(figure, caption)
        return _attach(figure, pd.DataFrame())


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _n_articles(frame: pd.DataFrame) -> str:
    if "article_id" in frame and len(frame):
        count = frame["article_id"].nunique()
        return f" in {count} article{'s' if count != 1 else ''}"
    return ""


def _with_article_columns(
    frame: pd.DataFrame, articles: pd.DataFrame | None, columns: Sequence[str]
) -> pd.DataFrame:
    """Add `outlet`/`date` from articles.csv (joined on article_id) where missing."""
    missing = [column for column in columns if column not in frame]
    if not missing or articles is None or "article_id" not in frame:
        return frame
    available = [column for column in missing if column in articles]
    if not available:
        return frame
    meta = articles[["article_id", *available]].drop_duplicates("article_id")
    return frame.merge(meta, on="article_id", how="left")


def _writer_rows(attributions: pd.DataFrame, drop_in_quote: bool) -> pd.DataFrame:
    """Attributions in the writer's voice: cues inside a direct quote left out."""
    if drop_in_quote and "in_quote" in attributions and len(attributions):
        flags = attributions["in_quote"].map(_truthy)
        return attributions[~flags]
    return attributions


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value) if not _missing(value) else False


def _fill(series: pd.Series, label: str) -> pd.Series:
    values = series.astype(object).where(series.notna(), label)
    return values.map(lambda value: label if str(value).strip() == "" else str(value))


def _pool_smallest(counts: pd.DataFrame, keep: int, other: str) -> tuple[pd.DataFrame, list[str]]:
    """Columns ordered by total (largest first, "no camp" last); beyond `keep` named
    columns the smallest are summed into one column `other`."""
    totals = counts.sum()
    names = sorted(
        (name for name in counts.columns if name != NO_CAMP),
        key=lambda name: (-totals[name], str(name).casefold()),
    )
    kept, pooled = names[:keep], names[keep:]
    if len(pooled) == 1:
        kept, pooled = names, []
    result = counts[kept].copy()
    if pooled:
        result[other] = counts[pooled].sum(axis=1)
    if NO_CAMP in counts:
        result[NO_CAMP] = counts[NO_CAMP]
    return result, list(result.columns)


def _top_to_bottom(names: Iterable[str]) -> list[str]:
    """Row order for horizontal bars (drawn bottom-up): alphabetical from the top, with
    "unknown" and "no camp" at the bottom."""
    last = ("unknown", NO_CAMP, "all articles")
    ordered = sorted(names, key=lambda name: (name in last, str(name).casefold()))
    return ordered[::-1]


def _title_with_directions(
    ax: Axes, title: str, left: tuple[str, str], right: tuple[str, str]
) -> None:
    """The title, and under it, above the plot's corners, which way is which
    ("← more negative", "more positive →") in the colours of the bars."""
    ax.set_title(_wrap_title(title), pad=18)
    for x, (text, color), align in ((0.0, left, "left"), (1.0, right, "right")):
        ax.text(
            x, 1.01, text, transform=ax.transAxes, ha=align, va="bottom", fontsize=8, color=color
        )


def _margin_labels(ax: Axes, positions: Sequence[float], labels: Sequence[str]) -> None:
    """Labels (n=...) in the right margin, one per row."""
    transform = blended_transform_factory(ax.transAxes, ax.transData)
    for position, label in zip(positions, labels, strict=True):
        ax.text(1.01, position, label, transform=transform, ha="left", va="center", fontsize=8)


# ----------------------------------------------------------------------------- charts


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
    counts, camps = _pool_smallest(counts, max_camps, OTHER_CAMPS)
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
        caption,
    )
    table = counts.stack().rename("count").reset_index()
    table.columns = [group, by, "count"]
    table["share"] = shares.stack().to_numpy()
    return _attach(figure, table)


@_styled
def plot_stance_heatmap(
    table: pd.DataFrame,
    *,
    by: str = "camp",
    stances: Sequence[str] = STANCES,
    max_rows: int = 25,
    drop_in_quote: bool = True,
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """How each actor or camp (`by`) is introduced: rows are actors/camps, columns the
    stance classes of the reporting cues; colour is the row share, the number in each
    cell the count.

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
    extra = [column for column in counts.columns if column not in stances]
    order = list(stances) + sorted(extra)
    counts = counts.reindex(columns=order, fill_value=0).astype(int)
    counts = counts.loc[counts.sum(axis=1) > 0]
    totals = counts.sum(axis=1)
    ranked = totals.sort_values(ascending=False, kind="stable")
    shown = ranked.index[:max_rows]
    counts = counts.loc[sorted(shown, key=lambda name: (-totals[name], str(name).casefold()))]
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
        caption,
    )
    long = counts.stack().rename("count").reset_index()
    long.columns = [by, "stance", "count"]
    long["share"] = shares.stack().to_numpy()
    return _attach(figure, long)


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
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """Mean credibility of the cues introducing each camp (or actor, `level="actor"`),
    with its 95% interval, from the actors summary (actors.csv). Points left of zero:
    the writer's cues cast doubt; right: they lend truth."""
    title = title or f"Credibility of the reporting cues per {level}"
    frame = _summary_rows(actors, level)
    if mean in frame:
        frame = frame[pd.to_numeric(frame[mean], errors="coerce").notna()]
    if frame.empty or mean not in frame:
        return no_data_figure(title, caption=" ".join(filter(None, [CREDIBILITY_NOTE, caption])))
    frame = frame.assign(**{mean: pd.to_numeric(frame[mean], errors="coerce")})
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
    _set_caption(figure, total + CREDIBILITY_NOTE, caption)
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
) -> Figure:
    """How the text portrays each actor: mean sentiment of the text around its mentions,
    as bars diverging from zero (blue right: positive; orange left: negative) with 95%
    intervals and the number of mentions scored (n=). Actors with fewer than `min_n`
    scored mentions are left out; the `max_rows` most-mentioned are shown."""
    title = title or f"Portrayal sentiment per {level}"
    frame = _summary_rows(actors, level)
    if mean in frame:
        frame = frame.assign(**{mean: pd.to_numeric(frame[mean], errors="coerce")})
        frame = frame[frame[mean].notna()]
        if n in frame:
            frame = frame[frame[n].fillna(0) >= min_n]
    if frame.empty or mean not in frame:
        return no_data_figure(title, caption=caption)
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
    reach = max(float(reach) * 1.1, 0.1)
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-0.6, len(frame) - 0.4)
    ax.set_yticks(positions, [short_label(name) for name in frame[level]])
    ax.grid(axis="x")
    shown = ", 95% interval" if with_interval is not None and with_interval.any() else ""
    ax.set_xlabel(f"mean sentiment toward the actor (− negative … + positive){shown}")
    ax.set_ylabel(level)
    _title_with_directions(
        ax, title, ("← more negative", NEGATIVE_COLOR), ("more positive →", POSITIVE_COLOR)
    )
    counts = frame[n].fillna(0).astype(int).tolist() if n in frame else None
    if counts is not None:
        _margin_labels(ax, positions, [f"n={count}" for count in counts])
    note = f" {hidden} more actors not shown (fewest mentions)." if hidden else ""
    total = f"n = {sum(counts)} scored mentions." if counts is not None else ""
    _set_caption(figure, total + note, caption)
    columns = [column for column in (level, mean, low, high, n) if column in frame]
    return _attach(figure, frame[columns])


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
    as "other categories"."""
    title = title or f"Loaded terms per {group}"
    frame = _with_article_columns(loaded_terms, articles, [group])
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
        f"n = {int(counts.to_numpy().sum())} loaded terms{_n_articles(frame)}.",
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
    if freq == "D" and span <= 62:  # daily data: one tick per day (or every few), no hours
        locator = mdates.DayLocator(interval=max(1, span // 8 + 1))
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if dates.nunique() == 1:
        ax.set_xlim(dates.min() - pd.Timedelta(days=1), dates.max() + pd.Timedelta(days=1))
    ax.grid(axis="y")
    period = {"D": "day", "W": "week", "M": "month"}.get(freq, f"{freq} period")
    ax.set_xlabel("date" if freq == "D" else period)
    ax.set_ylabel(what_label)
    ax.set_title(_wrap_title(title))
    if group:
        ax.legend(title=group, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    rows = f"n = {len(data)} {what}{_n_articles(data)} with a date"
    _set_caption(figure, rows + (f"; mean of {value} per {period}." if value else "."), caption)
    table = series.rename(columns={"_group": group or "group", "_date": date})
    return _attach(figure, table)


# ----------------------------------------------------------------------------- export

#: Metadata that would otherwise embed timestamps or versions; None leaves it out.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def save_figure(
    figure: Figure,
    folder: str | os.PathLike[str],
    name: str,
    *,
    formats: Sequence[str] = ("png", "svg", "pdf"),
    table: pd.DataFrame | None = None,
    dpi: int = 300,
) -> list[Path]:
    """Write `figure` as `<folder>/<name>.png` (300 dpi), `.svg` (text kept as text) and
    `.pdf`, plus `<name>.csv` with the numbers it draws (`table`, else the table the
    chart function attached). Each file is written under a temporary name in the same
    folder and renamed into place, so a failed save leaves any earlier file whole.
    Output is deterministic: no timestamps, fixed SVG ids. Returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with mpl.rc_context(STYLE):
        for extension in formats:
            target = folder / f"{name}.{extension}"
            handle, temporary = tempfile.mkstemp(
                dir=folder, prefix=f".{name}.", suffix=f".{extension}.tmp"
            )
            try:
                with os.fdopen(handle, "wb") as out:
                    figure.savefig(
                        out,
                        format=extension,
                        dpi=dpi,
                        metadata=_METADATA.get(extension),
                        bbox_inches="tight",
                        pad_inches=0.08,
                    )
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            written.append(target)
    data = table if table is not None else figure_table(figure)
    if data is not None and len(data.columns):
        written.append(write_csv(data, folder / f"{name}.csv"))
    return written
