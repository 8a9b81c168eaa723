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

The package is split by subject — `style` (colours, labels, captions, helpers),
`actors` (voice share, credibility, portrayal), `stance` (stance heatmap), `loaded`
(loaded terms, distinguishing terms), `timeline`, `outlets` (outlet comparison
charts) and `export` (`save_figure`) — and every name is importable from
`analysis.plots` itself.
"""

from __future__ import annotations

from analysis.plots.actors import plot_credibility, plot_portrayal, plot_voice_share
from analysis.plots.export import save_figure
from analysis.plots.loaded import plot_distinguishing_terms, plot_loaded_terms
from analysis.plots.outlets import (
    OUTLET_MEASURES,
    outlet_palette,
    plot_actor_outlets,
    plot_loaded_rates,
    plot_outlet_terms,
    plot_stance_by_outlet,
    top_actors,
)
from analysis.plots.stance import plot_stance_heatmap
from analysis.plots.style import (
    CATEGORY_COLORS,
    CREDIBILITY_NOTE,
    LABEL_WIDTH,
    MIN_CAMP_EVIDENCE,
    MISSING_COLOR,
    NEGATIVE_COLOR,
    NO_CAMP,
    OKABE_ITO,
    OTHER_CAMPS,
    OTHER_COLOR,
    POSITIVE_COLOR,
    STANCES,
    STYLE,
    TABLE_ATTRIBUTE,
    TOP_CAMPS,
    WIDTH,
    camp_color,
    camp_colors,
    category_colors,
    chart_palette,
    figure_table,
    no_data_figure,
    pooled_note,
    run_caption,
    short_label,
    top_camps,
)
from analysis.plots.timeline import plot_timeline

__all__ = [
    "CATEGORY_COLORS",
    "CREDIBILITY_NOTE",
    "LABEL_WIDTH",
    "MIN_CAMP_EVIDENCE",
    "MISSING_COLOR",
    "NEGATIVE_COLOR",
    "NO_CAMP",
    "OKABE_ITO",
    "OTHER_CAMPS",
    "OTHER_COLOR",
    "OUTLET_MEASURES",
    "POSITIVE_COLOR",
    "STANCES",
    "STYLE",
    "TABLE_ATTRIBUTE",
    "TOP_CAMPS",
    "WIDTH",
    "camp_color",
    "camp_colors",
    "category_colors",
    "chart_palette",
    "figure_table",
    "no_data_figure",
    "outlet_palette",
    "plot_actor_outlets",
    "plot_loaded_rates",
    "plot_outlet_terms",
    "plot_stance_by_outlet",
    "plot_credibility",
    "plot_distinguishing_terms",
    "plot_loaded_terms",
    "plot_portrayal",
    "plot_stance_heatmap",
    "plot_timeline",
    "plot_voice_share",
    "pooled_note",
    "run_caption",
    "save_figure",
    "short_label",
    "top_actors",
    "top_camps",
]
