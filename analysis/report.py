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
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import plots
from analysis.config import DEFAULT_ARTICLES, FIGURES_DIR, NOTEBOOKS_DIR
from analysis.lexicons import STANCES
from analysis.safety import Highlight, escape_text, highlight_html

#: The notebooks `framing report` runs, in order.
NOTEBOOKS = ("01-article.ipynb", "02-corpus.ipynb", "03-lexicons.ipynb")

#: Set in the kernel's environment by `run_notebooks`: no widget frontend will render,
#: so the explorer shows static tables.
HEADLESS_ENV = "FRAMING_HEADLESS"

#: Highlight colours of the stance classes (light tints, so text stays readable; the
#: class is also named in each highlight's hover label and in the legend, never told by
#: colour alone).
STANCE_TINTS = {
    "neutral": "#e6e6e6",
    "endorsing": "#cfe6f5",  # sky blue
    "emphatic": "#9fcbe8",  # deeper blue
    "distancing": "#f9d3b0",  # orange
    "admission": "#f3e6a6",  # yellow
    "denial": "#f4b9a0",  # vermillion
    "accusation": "#e8c1da",  # reddish purple
    "emotive": "#d9c6ee",  # purple
    "hedging": "#bfe5d6",  # bluish green
    "other": "#ffffff",
}

_CSS = """
<style>
.framing-article {font-family: Georgia, serif; line-height: 1.6; max-width: 46em;
  border: 1px solid #ddd; padding: 0.8em 1em; color: #111; background: #fff;}
.framing-article mark {background: transparent; color: inherit; padding: 0 1px;}
.framing-article mark.framing-mention {border-bottom: 1px dotted #555;}
.framing-article mark.framing-speaker {border-bottom: 3px solid #0072B2; font-weight: bold;}
.framing-article mark.framing-content {background: #f6f6f6;}
%(stances)s
.framing-article mark.framing-loaded {text-decoration: underline wavy #D55E00;
  text-decoration-thickness: 1.5px; font-style: italic;}
.framing-legend {font-family: sans-serif; font-size: 0.85em; margin: 0.4em 0;}
.framing-legend span {display: inline-block; margin: 0.15em 0.6em 0.15em 0; padding: 0 4px;}
</style>
"""


# --------------------------------------------------------------------------- running


def analyse(
    articles: str | Path | Sequence[str | Path] | None = None,
    *,
    outlets: Sequence[str] | str | None = None,
    model: str | None = None,
    sentiment: str | None = None,
    lexicons: Sequence[str | Path] = (),
    actors_file: str | Path | None = None,
    **options: Any,
):
    """Run the kit on `articles` (files or folders; default: `DEFAULT_ARTICLES`, the
    seeds and data/examples) through the cache and return the `AnalysisResult`.

    `outlets` keeps only articles of those outlets (every table, including the
    corpus-level ones, is computed on them alone)."""
    from analysis.pipeline import run_analysis

    outlets = [outlets] if isinstance(outlets, str) else list(outlets or [])
    return run_analysis(
        _as_paths(articles),
        model=model or None,
        sentiment=sentiment or None,
        lexicons=tuple(lexicons or ()),
        actors_file=actors_file or None,
        outlets=outlets or None,
        **options,
    )


def _as_paths(articles: str | Path | Sequence[str | Path] | None) -> list[Path]:
    if articles is None or (not isinstance(articles, (str, Path)) and not list(articles)):
        return [Path(p) for p in DEFAULT_ARTICLES]
    if isinstance(articles, (str, Path)):
        articles = [articles]
    return [Path(p).expanduser() for p in articles]


def caption(result, article_id: str | None = None) -> str:
    """The caption line for every chart of a run: what was counted (articles, or the
    one article `article_id`; kit, spaCy model, lexicon versions, sentiment backend)
    — no timestamps."""
    run = dict(result.run)
    if article_id is not None:
        run["counts"] = {}  # the article is named below instead of counted
    else:
        run["counts"] = {**run.get("counts", {}), "articles": len(result.articles)}
    versions = run.pop("lexicons", None) or run.pop("lexicon_versions", None)
    if not versions:
        try:
            from analysis.loaded import lexicon_versions

            versions = lexicon_versions()
        except Exception:  # noqa: BLE001 - a caption never stops a notebook
            versions = {}
    if isinstance(versions, Mapping):
        run["lexicon_versions"] = {name: _short_version(v) for name, v in versions.items()}
    backend = result.tables.get("actor_sentiment", pd.DataFrame()).get("backend")
    if not run.get("sentiment_backend") and backend is not None and backend.notna().any():
        run["sentiment_backend"] = str(backend.dropna().iloc[0])
    line = plots.run_caption(run)
    return f"Article {article_id}; {line}" if article_id is not None else line


def _short_version(version: Any) -> str:
    """'1 sha256:8489109d575f' → 'v1 (8489109d)': the caption's short form (the full
    hash is in run.json)."""
    parts = str(version).split()
    digest = next((p.split(":", 1)[1][:8] for p in parts if ":" in p), "")
    number = next((p for p in parts if ":" not in p), "")
    text = f"v{number}" if number else ""
    return f"{text} ({digest})".strip() if digest else text or str(version)


def pick_article(result, article_id: str | None = None):
    """The article record called `article_id`, or the first one analysed."""
    if not result.articles:
        raise ValueError("no article was analysed; see the errors table")
    if article_id is None:
        return result.articles[0]
    for article in result.articles:
        if article.id == article_id:
            return article
    raise ValueError(f"no analysed article with id {article_id!r}")


# ----------------------------------------------------------------------- article HTML


def _rows(frame: pd.DataFrame | None, article_id: str | None) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame() if frame is None else frame
    if article_id is not None and "article_id" in frame:
        return frame[frame["article_id"].astype(str) == str(article_id)]
    return frame


def _span(row: Mapping[str, Any], start: str, end: str, length: int) -> tuple[int, int] | None:
    a, b = row.get(start), row.get(end)
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return None
    a, b = int(a), int(b)
    return (a, b) if 0 <= a < b <= length else None


def _value(row: Mapping[str, Any], key: str, default: str = "") -> str:
    value = row.get(key)
    return (
        default if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    )


def article_html(
    article,
    attributions: pd.DataFrame | None = None,
    loaded_terms: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    *,
    show_content: bool = True,
    legend: bool = True,
) -> str:
    """The article as HTML with inline highlights: speakers (bold, blue underline),
    reporting cues (background tinted by stance class), the reported content (grey),
    loaded terms (italic, wavy orange underline), other actor mentions (dotted). Hover
    a highlight to read what it is. `article` is an `Article` (or any object with `id`
    and `text`); the tables are the run's tables (rows of other articles are ignored).
    Every piece of text is escaped."""
    text, article_id = article.text, getattr(article, "id", None)
    spans: list[Highlight] = []
    stances_seen: list[str] = []
    for row in _rows(attributions, article_id).to_dict("records"):
        who = _value(row, "actor") or _value(row, "speaker")
        stance = _value(row, "stance", "other")
        if stance not in STANCE_TINTS:
            stance = "other"
        stances_seen.append(stance)
        if show_content and (span := _span(row, "content_start", "content_end", len(text))):
            spans.append(
                Highlight(
                    *span, f"content attributed to {who or 'no named source'}", "framing-content"
                )
            )
        if span := _span(row, "speaker_start", "speaker_end", len(text)):
            camp = _value(row, "camp")
            label = f"speaker: {who}" + (f" ({camp})" if camp else "")
            spans.append(Highlight(*span, label, "framing-speaker"))
        if span := _span(row, "cue_start", "cue_end", len(text)):
            credibility = row.get("credibility")
            score = (
                ""
                if credibility is None or pd.isna(credibility)
                else f", {float(credibility):+.2f}"
            )
            negated = " (negated)" if str(row.get("negated")).lower() == "true" else ""
            label = f"cue '{_value(row, 'cue')}': {stance}{score}{negated}"
            spans.append(Highlight(*span, label, f"framing-cue-{stance}"))
    for row in _rows(mentions, article_id).to_dict("records"):
        if span := _span(row, "start", "end", len(text)):
            camp = _value(row, "camp")
            label = f"actor: {_value(row, 'actor')}" + (f" ({camp})" if camp else "")
            spans.append(Highlight(*span, label, "framing-mention"))
    for row in _rows(loaded_terms, article_id).to_dict("records"):
        if span := _span(row, "start", "end", len(text)):
            about = _value(row, "actor")
            label = f"loaded term: {_value(row, 'category')}" + (
                f", about {about}" if about else ""
            )
            spans.append(Highlight(*span, label, "framing-loaded"))
    body = highlight_html(text, spans)
    return (
        _style()
        + (legend_html(sorted(set(stances_seen), key=STANCES.index)) if legend else "")
        + body
    )


def _style() -> str:
    rules = "\n".join(
        f".framing-article mark.framing-cue-{stance} {{background: {tint}; "
        "border: 1px solid #888; border-radius: 2px;}"
        for stance, tint in STANCE_TINTS.items()
    )
    return _CSS % {"stances": rules}


def legend_html(stances: Iterable[str] = STANCES) -> str:
    """The legend of `article_html`: what each kind of highlight means."""
    items = [
        '<span style="border-bottom: 3px solid #0072B2; font-weight: bold">speaker</span>',
        '<span style="background: #f6f6f6">reported content</span>',
        '<span style="text-decoration: underline wavy #D55E00; font-style: italic">'
        "loaded term</span>",
        '<span style="border-bottom: 1px dotted #555">actor mention</span>',
    ]
    for stance in stances:
        tint = STANCE_TINTS.get(stance, "#ffffff")
        items.append(
            f'<span style="background: {tint}; border: 1px solid #888">'
            f"cue: {escape_text(stance)}</span>"
        )
    return '<div class="framing-legend">' + "".join(items) + "</div>"


# ----------------------------------------------------------------------------- tables

_ATTRIBUTION_COLUMNS = [
    "sentence",
    "speaker",
    "actor",
    "camp",
    "cue",
    "stance",
    "credibility",
    "quote_type",
    "negated",
    "in_quote",
    "content",
]


def attribution_view(attributions: pd.DataFrame, article_id: str | None = None) -> pd.DataFrame:
    """The attribution table to read: one row per attribution, in text order."""
    frame = _rows(attributions, article_id)
    if frame.empty:
        return pd.DataFrame(columns=_ATTRIBUTION_COLUMNS)
    order = [c for c in ("article_id", "cue_start") if c in frame]
    frame = frame.sort_values(order) if order else frame
    columns = (["article_id"] if article_id is None and "article_id" in frame else []) + [
        c for c in _ATTRIBUTION_COLUMNS if c in frame
    ]
    return frame[columns].reset_index(drop=True)


def _writer(frame: pd.DataFrame) -> pd.DataFrame:
    if "in_quote" not in frame:
        return frame
    return frame[~frame["in_quote"].astype(str).str.lower().isin(["true", "1"])]


def stance_crosstab(
    attributions: pd.DataFrame,
    by: str = "actor",
    article_id: str | None = None,
    *,
    writer_only: bool = True,
) -> pd.DataFrame:
    """Who is quoted and how: rows are actors (or camps, or speakers), columns the
    stance classes of the writer's reporting cues (those inside direct quotes left out),
    counts, plus `total` and `mean_credibility`. Unnamed sources are "(no actor)"."""
    frame = _rows(attributions, article_id)
    if writer_only:
        frame = _writer(frame)
    if frame.empty or "stance" not in frame:
        return pd.DataFrame(columns=[by, "total", "mean_credibility"])
    key = frame[by] if by in frame else pd.Series(None, index=frame.index)
    frame = frame.assign(_by=key.fillna(f"(no {by})").astype(str))
    table = pd.crosstab(frame["_by"], frame["stance"].astype(str))
    table = table[[s for s in STANCES if s in table] + [s for s in table if s not in STANCES]]
    table["total"] = table.sum(axis=1)
    if "credibility" in frame:
        credibility = pd.to_numeric(frame["credibility"], errors="coerce")
        table["mean_credibility"] = credibility.groupby(frame["_by"]).mean().round(3)
    table = table.sort_values(["total"], ascending=False)
    table.index.name = by
    return table.reset_index()


def sentiment_view(actor_sentiment: pd.DataFrame, article_id: str | None = None) -> pd.DataFrame:
    """Portrayal (polarity of the text around the actor's mentions) and voice (polarity
    of the actor's own quoted words) per actor, most-mentioned first. Within one article
    the rows are that article's; across articles, means of the per-article values
    weighted by mentions (portrayal) and quotes (voice). For the corpus summary with
    bootstrap intervals use `actor_summary_view(actors)`."""
    frame = _rows(actor_sentiment, article_id)
    wanted = ["actor", "camp", "mentions", "portrayal", "quotes", "voice", "backend"]
    if frame.empty:
        return pd.DataFrame(columns=wanted)
    if article_id is None and "article_id" in frame and frame["article_id"].nunique() > 1:
        quotes = frame["quotes"] if "quotes" in frame else pd.Series(1, index=frame.index)
        has_p, has_v = frame["portrayal"].notna(), frame["voice"].notna()
        frame = frame.assign(
            _p=(frame["portrayal"] * frame["mentions"]).where(has_p, 0.0),
            _pw=frame["mentions"].where(has_p, 0),
            _v=(frame["voice"] * quotes).where(has_v, 0.0),
            _vw=quotes.where(has_v, 0),
            quotes=quotes,
        )
        grouped = frame.groupby(["actor", "camp"], dropna=False)
        frame = grouped.agg(
            mentions=("mentions", "sum"),
            quotes=("quotes", "sum"),
            _p=("_p", "sum"),
            _pw=("_pw", "sum"),
            _v=("_v", "sum"),
            _vw=("_vw", "sum"),
            backend=("backend", "first"),
        ).reset_index()
        frame["portrayal"] = (frame["_p"] / frame["_pw"].where(frame["_pw"] > 0)).round(4)
        frame["voice"] = (frame["_v"] / frame["_vw"].where(frame["_vw"] > 0)).round(4)
    columns = [c for c in wanted if c in frame]
    sort = "mentions" if "mentions" in frame else columns[0]
    return frame.sort_values([sort, "actor"], ascending=[False, True])[columns].reset_index(
        drop=True
    )


def actor_summary_view(actors: pd.DataFrame, level: str = "actor") -> pd.DataFrame:
    """The corpus summary per actor (or camp) from the actors table, the columns a
    reader needs: mentions, times quoted, voice share, mean credibility and portrayal
    and voice sentiment with their 95% intervals and n; most-mentioned first."""
    frame = actors[actors["level"] == level] if "level" in actors else actors
    wanted = [
        "actor", "camp", "articles", "mentions", "times_quoted", "voice_share",
        "credibility_mean", "credibility_low", "credibility_high", "credibility_n",
        "portrayal_mean", "portrayal_low", "portrayal_high", "portrayal_n",
        "voice_mean", "voice_low", "voice_high", "voice_n",
    ]  # fmt: skip
    if level == "camp":
        wanted.remove("actor")
    columns = [c for c in wanted if c in frame]
    if "mentions" in frame:
        frame = frame.sort_values("mentions", ascending=False)
    return frame[columns].reset_index(drop=True)


def loaded_by_actor(loaded_terms: pd.DataFrame, article_id: str | None = None) -> pd.DataFrame:
    """Loaded terms per actor they are about (or "(no actor)"), by category: count and
    the terms as written. `in_quote` terms (the source's words) are counted apart."""
    frame = _rows(loaded_terms, article_id)
    columns = ["actor", "category", "count", "in_quotes", "terms"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    quoted = frame.get("in_quote", pd.Series(False, index=frame.index))
    frame = frame.assign(
        actor=frame["actor"].fillna("(no actor)") if "actor" in frame else "(no actor)",
        _quoted=quoted.astype(str).str.lower().isin(["true", "1"]),
    )
    grouped = frame.groupby(["actor", "category"], dropna=False)
    table = grouped.agg(
        count=("text", "size"),
        in_quotes=("_quoted", "sum"),
        terms=("text", lambda s: ", ".join(sorted(set(map(str, s))))),
    ).reset_index()
    return table.sort_values(["count", "actor"], ascending=[False, True]).reset_index(drop=True)


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n\s*\n")


def passage(text: str, start: int, end: int) -> str:
    """The sentence(s) around characters start..end: from the last sentence end before
    `start` to the first after `end` (a punctuation heuristic, for reading only)."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    match = _SENTENCE_END.search(text, end)
    right = match.start() + 1 if match else len(text)
    return " ".join(text[left:right].split())


def evidence_rows(
    tables: Mapping[str, pd.DataFrame],
    articles: Sequence = (),
    *,
    article_id: str | None = None,
    actor: str | None = None,
    camp: str | None = None,
    stance: str | None = None,
) -> pd.DataFrame:
    """The evidence behind the numbers: one row per attribution matching the filters
    (None = any), with the sentence it stands in, speaker, actor, camp, cue, stance,
    content and the loaded terms in that sentence."""
    columns = [
        "article_id",
        "sentence",
        "passage",
        "speaker",
        "actor",
        "camp",
        "cue",
        "stance",
        "credibility",
        "content",
        "loaded_terms",
    ]
    frame = tables.get("attributions", pd.DataFrame())
    for column, wanted in (
        ("article_id", article_id),
        ("actor", actor),
        ("camp", camp),
        ("stance", stance),
    ):
        if wanted is not None and not frame.empty and column in frame:
            frame = frame[frame[column].astype(str) == str(wanted)]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    texts = {a.id: a.text for a in articles}
    terms = tables.get("loaded_terms", pd.DataFrame())
    rows = []
    for row in frame.sort_values(["article_id", "cue_start"]).to_dict("records"):
        text = texts.get(row["article_id"], "")
        starts = [row.get(k) for k in ("speaker_start", "cue_start", "content_start")]
        ends = [row.get(k) for k in ("speaker_end", "cue_end", "content_end")]
        starts = [int(v) for v in starts if v is not None and not pd.isna(v)]
        ends = [int(v) for v in ends if v is not None and not pd.isna(v)]
        left, right = (min(starts), max(ends)) if starts and ends else (0, 0)
        words = ""
        if not terms.empty:
            near = terms[
                (terms["article_id"] == row["article_id"])
                & (terms["start"] >= left - 200)
                & (terms["end"] <= right + 200)
            ]
            shown = passage(text, left, right) if text else ""
            words = "; ".join(
                f"{t} ({c})"
                for t, c in zip(near["text"], near["category"], strict=True)
                if str(t) in shown
            )
        rows.append(
            {
                "article_id": row["article_id"],
                "sentence": row.get("sentence"),
                "passage": passage(text, left, right) if text else "",
                **{
                    k: row.get(k)
                    for k in ("speaker", "actor", "camp", "cue", "stance", "credibility", "content")
                },
                "loaded_terms": words,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def table_html(frame: pd.DataFrame, max_rows: int = 50) -> str:
    """A table as escaped HTML (cell text never becomes markup)."""
    shown = frame.head(max_rows)
    note = f"<p>first {max_rows} of {len(frame)} rows</p>" if len(frame) > max_rows else ""
    return shown.to_html(index=False, escape=True, na_rep="") + note


def with_articles(frame: pd.DataFrame, articles: pd.DataFrame, columns=("outlet", "date")):
    """`frame` with the articles table's `columns` (outlet, date ...) joined on
    article_id, missing outlets as "unknown outlet"."""
    wanted = [c for c in columns if c in articles and c not in frame]
    if frame.empty or "article_id" not in frame or not wanted:
        return frame
    joined = frame.merge(articles[["article_id", *wanted]], on="article_id", how="left")
    if "outlet" in wanted:
        joined["outlet"] = joined["outlet"].fillna("unknown outlet")
    return joined


def top_groups(frame: pd.DataFrame, column: str, k: int = 2) -> list[str]:
    """The `k` most frequent values of `column` (ties alphabetical), e.g. the two
    outlets or camps with the most rows, for a default comparison."""
    if frame.empty or column not in frame:
        return []
    counts = frame[column].dropna().astype(str).value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [name for name, _ in ranked[:k]]


_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


def word_rows(articles: Sequence) -> pd.DataFrame:
    """One row per word of each article's body (headline and boilerplate left out):
    article_id, outlet, word (lower-cased; English stop words and words under three
    letters dropped) — the input of a log-odds comparison of outlets' vocabulary."""
    from spacy.lang.en.stop_words import STOP_WORDS

    rows = []
    for article in articles:
        for match in _WORD.finditer(article.body):
            word = match.group().lower().replace("’", "'").removesuffix("'s")
            if len(word) >= 3 and word not in STOP_WORDS:
                rows.append((article.id, article.outlet or "unknown outlet", word))
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "word"])
    return frame


# --------------------------------------------------------------------------- explorer


def headless() -> bool:
    """True when no widget frontend will render (set by `run_notebooks`, or under a
    test run such as nbmake)."""
    return bool(os.environ.get(HEADLESS_ENV) or os.environ.get("PYTEST_CURRENT_TEST"))


def explorer(result, *, max_rows: int = 50, static: bool | None = None):
    """Pick an article, an actor or camp and a stance class; see the evidence rows.

    Live (JupyterLab): ipywidgets dropdowns over `evidence_rows`, returned as a widget.
    Headless (`static`, default `headless()`): the evidence rows per stance class are
    displayed as static tables instead, and None is returned."""
    from IPython.display import HTML, display

    tables, articles = result.tables, result.articles
    static = headless() if static is None else static
    if static:
        rows = evidence_rows(tables, articles)
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
) -> list[Path]:
    """Write `figure` to `out_dir` as `<name>.png` (300 dpi), `.svg`, `.pdf` and
    `<name>.csv` (the numbers it draws; a one-cell note for a "no data" chart), and
    display it. With `out_dir` None nothing is
    written (a notebook opened by hand only shows its charts)."""
    written = []
    if out_dir:
        data = table if table is not None else plots.figure_table(figure)
        if data is None or not len(data.columns):  # a "no data" chart: say so in its CSV
            data = pd.DataFrame({"note": ["no data to draw"]})
        written = plots.save_figure(figure, out_dir, name, table=data)
    if show:
        display_figure(figure)
    return written


def display_figure(figure) -> None:
    """Show a matplotlib Figure in the notebook (as a PNG, whatever the backend)."""
    from IPython.display import Image, display

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight", pad_inches=0.08)
    display(Image(data=buffer.getvalue()))


# --------------------------------------------------------------------------- lexicons


def cue_usage(attributions: pd.DataFrame, lexicons: Sequence[str | Path] = ()) -> pd.DataFrame:
    """Every reporting cue the corpus used (writer's cues only), with its count, the
    articles it occurs in, its stance class and credibility, and whether the lexicon
    (bundled plus `lexicons` files) knows it, with the entry's source."""
    from analysis.lexicons import reporting_cues
    from analysis.loaded import lexicon_kind

    columns = ["cue_lemma", "count", "articles", "stance", "credibility", "in_lexicon", "source"]
    frame = _writer(attributions) if not attributions.empty else attributions
    if frame.empty or "cue_lemma" not in frame:
        return pd.DataFrame(columns=columns)
    extra = [p for p in lexicons if lexicon_kind(p) == "cues"]
    known: dict[str, str] = {}
    for (cue, _kind), entry in reporting_cues(extra=extra).items():
        known.setdefault(" ".join(cue.lower().split()), entry.source)
    lemma = frame["cue_lemma"].astype(str).str.lower().str.split().str.join(" ")
    frame = frame.assign(cue_lemma=lemma)
    grouped = frame.groupby("cue_lemma")
    table = grouped.agg(
        count=("cue_lemma", "size"),
        articles=("article_id", "nunique"),
        stance=("stance", lambda s: s.mode().iloc[0] if len(s.mode()) else None),
        credibility=("credibility", "mean"),
    ).reset_index()
    table["in_lexicon"] = table["cue_lemma"].isin(known)
    table["source"] = table["cue_lemma"].map(known)
    return table.sort_values(["count", "cue_lemma"], ascending=[False, True])[columns].reset_index(
        drop=True
    )


def loaded_usage(loaded_terms: pd.DataFrame) -> pd.DataFrame:
    """Every loaded-term entry the corpus met: lemma, category, lexicon source, count,
    articles, and how often it stood inside a quote (the source's word)."""
    columns = ["lemma", "category", "source", "count", "articles", "in_quotes"]
    if loaded_terms.empty:
        return pd.DataFrame(columns=columns)
    quoted = loaded_terms.get("in_quote", pd.Series(False, index=loaded_terms.index))
    frame = loaded_terms.assign(_quoted=quoted.astype(str).str.lower().isin(["true", "1"]))
    table = (
        frame.groupby(["lemma", "category", "source"], dropna=False)
        .agg(
            count=("lemma", "size"),
            articles=("article_id", "nunique"),
            in_quotes=("_quoted", "sum"),
        )
        .reset_index()
    )
    return table.sort_values(["count", "lemma"], ascending=[False, True])[columns].reset_index(
        drop=True
    )


def lexicon_coverage(
    tables: Mapping[str, pd.DataFrame], lexicons: Sequence[str | Path] = ()
) -> pd.DataFrame:
    """How much of the corpus the lexicons cover, as one small table of measures:
    reporting cues (occurrences and distinct lemmas known to the cue lexicon, share
    left in the `other` class), loaded terms found (per 1,000 tokens) and evaluative
    candidates the loaded-terms lexicon does not know."""
    attributions = tables.get("attributions", pd.DataFrame())
    cues = cue_usage(attributions, lexicons)
    terms = tables.get("loaded_terms", pd.DataFrame())
    unknown = tables.get("unknown_terms", pd.DataFrame())
    articles = tables.get("articles", pd.DataFrame())
    tokens = float(pd.to_numeric(articles.get("tokens", pd.Series(dtype=float))).sum())
    writer = _writer(attributions) if not attributions.empty else attributions
    known_occurrences = int(cues.loc[cues["in_lexicon"], "count"].sum()) if len(cues) else 0
    total = int(cues["count"].sum()) if len(cues) else 0
    other = int((writer.get("stance", pd.Series(dtype=str)) == "other").sum())
    unknown_loaded = (
        unknown[unknown.get("kind", pd.Series(dtype=str)) == "loaded"] if len(unknown) else unknown
    )
    measures = [
        ("articles", len(articles), ""),
        ("tokens", int(tokens), ""),
        ("writer's reporting cues", total, "cues inside direct quotes left out"),
        ("distinct cue lemmas", len(cues), ""),
        (
            "cue occurrences known to the lexicon",
            known_occurrences,
            f"{known_occurrences / total:.0%}" if total else "",
        ),
        ("distinct cue lemmas known", int(cues["in_lexicon"].sum()) if len(cues) else 0, ""),
        ("cues in the 'other' class", other, f"{other / total:.0%}" if total else ""),
        (
            "loaded terms found",
            len(terms),
            f"{1000 * len(terms) / tokens:.1f} per 1,000 tokens" if tokens else "",
        ),
        ("distinct loaded lemmas found", terms["lemma"].nunique() if len(terms) else 0, ""),
        ("evaluative candidates not in the loaded lexicon (distinct)", len(unknown_loaded), ""),
    ]
    return pd.DataFrame(measures, columns=["measure", "value", "note"])


#: The columns of a user lexicon file (`--lexicon FILE`), by kind.
LEXICON_COLUMNS = {
    "cues": ["cue", "kind", "stance", "credibility", "intensity", "source", "note"],
    "loaded": ["term", "category", "pos", "guard", "not_with", "source", "note"],
}


def write_lexicon(
    rows: Sequence[Mapping[str, Any]], path: str | Path, kind: str = "loaded"
) -> Path:
    """Write entries as a lexicon CSV of `kind` ("cues" or "loaded") that `--lexicon
    FILE` (or `analyse(..., lexicons=[path])`) reads; missing columns are left empty."""
    columns = LEXICON_COLUMNS[kind]
    frame = pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return path


# ------------------------------------------------------------------------ framing report


def slug(paths: Iterable[str | Path]) -> str:
    """A folder name from the input names: `seeds` + `data/examples` → `seeds-examples`."""
    names = []
    for path in paths:
        stem = Path(str(path).rstrip("/")).stem or "articles"
        names.append(re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.") or "articles")
    text = "-".join(dict.fromkeys(names)) or "articles"
    return text if len(text) <= 60 else text[:50].rstrip("-") + f"-and-{len(names) - 1}-more"


def run_notebooks(
    paths: Sequence[str | Path] | None = None,
    out_dir: str | Path | None = None,
    notebooks: Sequence[str | Path] = NOTEBOOKS,
    *,
    outlets: Sequence[str] | None = None,
    article_id: str | None = None,
    model: str | None = None,
    sentiment: str | None = None,
    lexicons: Sequence[str | Path] = (),
    actors_file: str | Path | None = None,
    kernel_name: str = "python3",
    progress: bool = False,
) -> list[Path]:
    """`framing report`: execute each notebook with papermill on `paths` (default: the
    bundled articles), injecting the parameters, and write the executed notebooks and
    every figure (PNG 300 dpi, SVG, PDF, plus the CSV behind it) to `out_dir` (default
    `figures/<slug>/`). Returns the files written. A failing notebook raises
    `papermill.PapermillExecutionError`; the partly executed notebook is still written."""
    import papermill

    paths = _as_paths(paths)
    out = Path(out_dir) if out_dir else FIGURES_DIR / slug(paths)
    out = out.expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    before = {p: p.stat().st_mtime_ns for p in out.iterdir()} if out.is_dir() else {}
    parameters = {
        "article_id": article_id or "",
        "articles": [str(Path(p).resolve()) for p in paths],
        "outlets": list(outlets or []),
        "out_dir": str(out),
        "model": model or "",
        "sentiment": sentiment or "",
        "lexicons": [str(Path(p).resolve()) for p in lexicons],
        "actors_file": str(Path(actors_file).resolve()) if actors_file else "",
    }
    previous = os.environ.get(HEADLESS_ENV)
    os.environ[HEADLESS_ENV] = "1"  # inherited by the kernel: static explorer tables
    try:
        for notebook in notebooks:
            source = Path(notebook)
            if not source.is_absolute() and not source.exists():
                source = NOTEBOOKS_DIR / source
            accepted = papermill.inspect_notebook(str(source))
            papermill.execute_notebook(
                str(source),
                str(out / source.name),
                parameters={k: v for k, v in parameters.items() if k in accepted},
                kernel_name=kernel_name,
                progress_bar=progress,
                cwd=str(NOTEBOOKS_DIR),
            )
    finally:
        if previous is None:
            os.environ.pop(HEADLESS_ENV, None)
        else:
            os.environ[HEADLESS_ENV] = previous
    return sorted(
        p
        for p in out.iterdir()
        if p.is_file() and not p.name.startswith(".") and before.get(p) != p.stat().st_mtime_ns
    )


def notebook_parameters(path: str | Path) -> dict[str, Any]:
    """The `parameters` cell(s) of a notebook, for checks: {'count', 'source'}."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    return {"count": len(tagged), "source": ["".join(c["source"]) for c in tagged]}
