"""The charts' shared style and helpers: Okabe–Ito colours, a fixed colour per camp,
labels, captions, the table each figure carries, and the "no data" figure."""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import wraps
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from analysis.lexicons import STANCES as LEXICON_STANCES

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
    kit version, spaCy pipeline, lexicon versions, sentiment backend and a
    non-default attribution mode, where the record has them. No timestamps, so figures
    stay byte-identical across runs."""
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
    attribution = run.get("attribution") or {}
    mode = attribution.get("mode") if isinstance(attribution, Mapping) else None
    if mode and mode != "combined":  # the default goes unsaid; the tagger is named
        parts.append(f"attribution mode {mode}")
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


#: Charts and notebook tables of camps show at most this many camps, each with at least
#: `MIN_CAMP_EVIDENCE` pieces of evidence (attributions, cues, mentions); the rest are
#: pooled as "other camps" and the caption says so. actors.csv keeps every camp.
TOP_CAMPS = 8
MIN_CAMP_EVIDENCE = 3


def top_camps(
    evidence: Mapping[str, float] | pd.Series,
    k: int = TOP_CAMPS,
    min_count: float = MIN_CAMP_EVIDENCE,
) -> list[str]:
    """The camps to show on their own: the `k` with the most evidence (counts per camp),
    among those with at least `min_count`; "no camp" and "other camps" never count."""
    series = evidence if isinstance(evidence, pd.Series) else pd.Series(dict(evidence))
    series = series.groupby(level=0).sum()
    names = [
        str(name)
        for name in series.index
        if str(name) not in (NO_CAMP, OTHER_CAMPS) and series[name] >= min_count
    ]
    names.sort(key=lambda name: (-series[name], name.casefold()))
    return names[:k]


def pooled_note(shown: int, total: int, unit: str, min_count: float = MIN_CAMP_EVIDENCE) -> str:
    """The caption sentence saying which camps were pooled ('' when none were)."""
    if total <= shown:
        return ""
    return (
        f"The top {shown} of {total} camps by {unit} (at least {min_count:g} each) are "
        f'shown; the other {total - shown} are pooled as "{OTHER_CAMPS}" (actors.csv lists '
        "every camp)."
    )


def _pool_summary_rows(
    frame: pd.DataFrame,
    key: str,
    mean: str,
    weight: str,
    keep: int = TOP_CAMPS,
    min_count: float = MIN_CAMP_EVIDENCE,
    unit: str = "cues",
    extra_sums: Sequence[str] = (),
) -> tuple[pd.DataFrame, str]:
    """Summary rows (one per camp) cut to the top `keep` camps by `weight`; the rest
    become one "other camps" row whose `mean` is their `weight`-weighted mean (no
    interval). With no more than `keep` camps all are shown. Returns the rows and the
    caption sentence."""
    weights = pd.to_numeric(frame[weight], errors="coerce").fillna(0) if weight in frame else None
    if weights is None or len(frame) <= keep:  # few camps: every one is shown
        return frame, ""
    names = frame[key].astype(str)
    shown = top_camps(pd.Series(weights.to_numpy(), index=names.to_numpy()), keep, min_count)
    rest = frame[~names.isin(shown)]
    kept = frame[names.isin(shown)]
    if rest.empty:
        return frame, ""
    rest_weights = weights[rest.index]
    values = pd.to_numeric(rest[mean], errors="coerce")
    usable = values.notna() & (rest_weights > 0)
    pooled = {key: OTHER_CAMPS, weight: float(rest_weights.sum())}
    pooled[mean] = (
        float((values[usable] * rest_weights[usable]).sum() / rest_weights[usable].sum())
        if usable.any()
        else np.nan
    )
    for column in extra_sums:
        if column in rest and column != weight:
            pooled[column] = float(pd.to_numeric(rest[column], errors="coerce").fillna(0).sum())
    note = pooled_note(len(shown), len(frame), unit, min_count)
    return pd.concat([kept, pd.DataFrame([pooled])], ignore_index=True), note


def _pool_smallest(
    counts: pd.DataFrame, keep: int, other: str, min_count: float = 1
) -> tuple[pd.DataFrame, list[str]]:
    """Columns ordered by total (largest first, "no camp" last); beyond `keep` named
    columns, and columns totalling less than `min_count`, are summed into one column
    `other`."""
    totals = counts.sum()
    names = sorted(
        (name for name in counts.columns if name != NO_CAMP),
        key=lambda name: (-totals[name], str(name).casefold()),
    )
    kept = [name for name in names[:keep] if totals[name] >= min_count]
    pooled = [name for name in names if name not in kept]
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
