"""One article as HTML with its speakers, cues and loaded terms highlighted inline;
every piece of article text is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from analysis.lexicons import STANCES
from analysis.safety import Highlight, escape_text, highlight_html

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
            phrase = _span(row, "source_start", "source_end", len(text))
            if phrase and phrase != span:  # what the article says the speaker is
                label += f"; source as written: {' '.join(text[phrase[0] : phrase[1]].split())}"
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
