"""What the notebooks call: the analysis run behind them, the tables and inline HTML
they show, the interactive evidence explorer, figure export, and `framing report`.

The notebooks hold no analysis logic. They call

- `analyse` — run the kit on the articles (default: the bundled ones) and return the
  `AnalysisResult` of `analysis.pipeline.run_analysis` (tables, article records, run);
- `article_html` — one article with its speakers, reporting cues (coloured by stance
  class) and loaded terms highlighted inline, plus a legend. Every piece of article
  text goes through `analysis.safety.highlight_html`, so markup in an article is shown
  as characters, never run;
- small table builders a researcher can audit: `attribution_view`, `stance_crosstab`,
  `sentiment_view`, `loaded_by_actor`, `evidence_rows`, and for the lexicons
  `cue_usage`, `loaded_usage`, `lexicon_coverage`;
- `explorer` — ipywidgets controls (article, actor, camp, stance class) over the
  evidence rows, live in JupyterLab; where no widget frontend runs (papermill, nbmake)
  a static table is shown instead;
- `export` — write a chart as PNG (300 dpi), SVG and PDF plus the CSV of its numbers
  (`analysis.plots.save_figure`), and display it.

`run_notebooks` executes the notebooks with papermill, injecting the parameters, and
writes the executed notebooks and every figure to one folder: `framing report`.

The package is split by concern — `running` (analyse, caption, run_notebooks), `html`
(article HTML), `views` (table builders), `interactive` (explorer, export), `lexicons`
(lexicon views) and `outlets` (the outlet comparison's views and the side-by-side
event) — and every name is importable from `analysis.report` itself.
"""

from __future__ import annotations

from analysis.report.html import (
    STANCE_TINTS,
    article_html,
    legend_html,
)
from analysis.report.interactive import (
    HEADLESS_ENV,
    display_figure,
    explorer,
    export,
    headless,
    show,
)
from analysis.report.lexicons import (
    LEXICON_COLUMNS,
    cue_usage,
    lexicon_coverage,
    loaded_usage,
    write_lexicon,
)
from analysis.report.outlets import (
    OUTLET_VIEW_COLUMNS,
    event_articles,
    event_side_by_side,
    main_actors,
    outlet_view,
    pick_event,
    tests_view,
)
from analysis.report.running import (
    NOTEBOOKS,
    OUTLET_NOTEBOOKS,
    analyse,
    caption,
    load_analysis,
    notebook_parameters,
    pick_article,
    print_progress,
    run_notebooks,
    save_analysis,
    slug,
)
from analysis.report.views import (
    actor_summary_view,
    attribution_view,
    evidence_rows,
    loaded_by_actor,
    passage,
    sentiment_view,
    stance_crosstab,
    table_html,
    top_groups,
    with_articles,
    word_rows,
)

__all__ = [
    "OUTLET_VIEW_COLUMNS",
    "event_articles",
    "event_side_by_side",
    "main_actors",
    "outlet_view",
    "pick_event",
    "show",
    "tests_view",
    "OUTLET_NOTEBOOKS",
    "load_analysis",
    "print_progress",
    "save_analysis",
    "HEADLESS_ENV",
    "LEXICON_COLUMNS",
    "NOTEBOOKS",
    "STANCE_TINTS",
    "actor_summary_view",
    "analyse",
    "article_html",
    "attribution_view",
    "caption",
    "cue_usage",
    "display_figure",
    "evidence_rows",
    "explorer",
    "export",
    "headless",
    "legend_html",
    "lexicon_coverage",
    "loaded_by_actor",
    "loaded_usage",
    "notebook_parameters",
    "passage",
    "pick_article",
    "run_notebooks",
    "sentiment_view",
    "slug",
    "stance_crosstab",
    "table_html",
    "top_groups",
    "with_articles",
    "word_rows",
    "write_lexicon",
]
