"""The evidence explorer (ipywidgets, or static tables headless) and figure export
and display in a notebook."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from analysis import plots
from analysis.lexicons import STANCES
from analysis.report.views import evidence_rows, table_html
from analysis.safety import escape_text

#: Set in the kernel's environment by `run_notebooks`: no widget frontend will render,
#: so the explorer shows static tables.
HEADLESS_ENV = "FRAMING_HEADLESS"

# --------------------------------------------------------------------------- explorer


def headless() -> bool:
    """True when no widget frontend will render (set by `run_notebooks`, or under a
    test run such as nbmake)."""
    return bool(os.environ.get(HEADLESS_ENV) or os.environ.get("PYTEST_CURRENT_TEST"))


def explorer(
    result, *, article_id: str | None = None, max_rows: int = 50, static: bool | None = None
):
    """Pick an article, an actor or camp and a stance class; see the evidence rows.

    Live (JupyterLab): ipywidgets dropdowns over `evidence_rows`, returned as a widget
    (`article_id` preselects an article). Headless (`static`, default `headless()`): the
    evidence rows per stance class — of `article_id` only, when given — are displayed as
    static tables instead, and None is returned."""
    from IPython.display import HTML, display

    tables, articles = result.tables, result.articles
    static = headless() if static is None else static
    if static:
        rows = evidence_rows(tables, articles, article_id=article_id)
        display(HTML("<h4>Evidence rows (static view: widgets need a live notebook)</h4>"))
        if rows.empty:
            display(HTML("<p>no attributions</p>"))
            return None
        counts = rows["stance"].value_counts()
        display(HTML(table_html(counts.rename_axis("stance").reset_index(name="attributions"))))
        for stance in [s for s in STANCES if s in counts and s != "neutral"]:
            display(HTML(f"<h5>stance: {escape_text(stance)}</h5>"))
            display(HTML(table_html(rows[rows["stance"] == stance], max_rows)))
        return None

    import ipywidgets as widgets

    attributions = tables.get("attributions", pd.DataFrame())

    def choices(column: str) -> list[tuple[str, str | None]]:
        values = (
            sorted(attributions[column].dropna().astype(str).unique())
            if column in attributions
            else []
        )
        return [("(any)", None)] + [(v, v) for v in values]

    article_box = widgets.Dropdown(options=choices("article_id"), description="article")
    actor_box = widgets.Dropdown(options=choices("actor"), description="actor")
    camp_box = widgets.Dropdown(options=choices("camp"), description="camp")
    stance_box = widgets.Dropdown(
        options=[("(any)", None)] + [(s, s) for s in STANCES], description="stance"
    )
    output = widgets.Output()

    def refresh(_change=None) -> None:
        rows = evidence_rows(
            tables,
            articles,
            article_id=article_box.value,
            actor=actor_box.value,
            camp=camp_box.value,
            stance=stance_box.value,
        )
        output.clear_output()
        with output:
            display(HTML(f"<p>{len(rows)} attributions</p>" + table_html(rows, max_rows)))

    if article_id is not None and (article_id, article_id) in article_box.options:
        article_box.value = article_id
    for box in (article_box, actor_box, camp_box, stance_box):
        box.observe(refresh, names="value")
    refresh()
    return widgets.VBox(
        [widgets.HBox([article_box, actor_box]), widgets.HBox([camp_box, stance_box]), output]
    )


# ---------------------------------------------------------------------------- figures


def export(
    figure,
    name: str,
    out_dir: str | Path | None = None,
    *,
    table: pd.DataFrame | None = None,
    show: bool = True,
) -> None:
    """Write `figure` to `out_dir` as `<name>.png` (300 dpi), `.svg`, `.pdf` and
    `<name>.csv` (the numbers it draws; a one-cell note for a "no data" chart), and
    display it. With `out_dir` None nothing is written (a notebook opened by hand only
    shows its charts). Returns nothing, so a notebook cell ending with it shows the
    chart and no stray value (`plots.save_figure` returns the paths written)."""
    if out_dir:
        data = table if table is not None else plots.figure_table(figure)
        if data is None or not len(data.columns):  # a "no data" chart: say so in its CSV
            data = pd.DataFrame({"note": ["no data to draw"]})
        plots.save_figure(figure, out_dir, name, table=data)
    if show:
        display_figure(figure)


def show(frame: pd.DataFrame, max_rows: int = 30, caption: str | None = None) -> None:
    """Display a table in a notebook without pandas' unnamed row index (escaped HTML,
    the first `max_rows` rows, an optional caption above it)."""
    from IPython.display import HTML, display

    head = f"<p><em>{escape_text(caption)}</em></p>" if caption else ""
    display(HTML(head + table_html(frame, max_rows)))


def display_figure(figure) -> None:
    """Show a matplotlib Figure in the notebook (as a PNG, whatever the backend)."""
    from IPython.display import Image, display

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight", pad_inches=0.08)
    display(Image(data=buffer.getvalue()))
