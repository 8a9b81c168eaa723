"""Tidy tables (pandas DataFrames) from the stages' records: one row per observation,
the same columns whether or not there are rows, so notebooks and CSV readers can
always rely on them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from analysis.records import Article, ParseSummary, Problem

ARTICLE_COLUMNS = [
    "article_id",
    "title",
    "outlet",
    "date",
    "url",
    "source_path",
    "format",
    "chars",
    "body_start",
    "body_end",
    "body_chars",
    "headline_start",
    "headline_end",
    "boilerplate_start",
    "boilerplate_chars",
    "boilerplate_reason",
    "sentences",
    "tokens",
    "from_cache",
    "metadata",
]
SET_ASIDE_COLUMNS = ["article_id", "kind", "start", "end", "text", "reason"]
ERROR_COLUMNS = ["source_path", "article_id", "line", "stage", "reason"]


def articles_table(
    articles: Sequence[Article], summaries: Mapping[str, ParseSummary] | None = None
) -> pd.DataFrame:
    """One row per analysed article: metadata, the body span, what was set aside,
    and parse counts."""
    summaries = summaries or {}
    rows = []
    for article in articles:
        headline = _first(article, "headline")
        tail = _first(article, "boilerplate")
        summary = summaries.get(article.id)
        rows.append(
            {
                "article_id": article.id,
                "title": article.title,
                "outlet": article.outlet,
                "date": article.date,
                "url": article.url,
                "source_path": article.source_path,
                "format": article.format,
                "chars": len(article.text),
                "body_start": article.body_start,
                "body_end": article.body_end,
                "body_chars": article.body_end - article.body_start,
                "headline_start": headline.start if headline else None,
                "headline_end": headline.end if headline else None,
                "boilerplate_start": tail.start if tail else None,
                "boilerplate_chars": (tail.end - tail.start) if tail else 0,
                "boilerplate_reason": tail.reason if tail else None,
                "sentences": summary.sentences if summary else None,
                "tokens": summary.tokens if summary else None,
                "from_cache": summary.from_cache if summary else None,
                "metadata": json.dumps(article.metadata, ensure_ascii=False, default=str)
                if article.metadata
                else None,
            }
        )
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    for column in ("headline_start", "headline_end", "boilerplate_start", "sentences", "tokens"):
        frame[column] = frame[column].astype("Int64")
    return frame


def set_aside_table(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per stretch of text kept out of the analysis (headline, boilerplate)."""
    rows = [
        {
            "article_id": a.id,
            "kind": s.kind,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "reason": s.reason,
        }
        for a in articles
        for s in a.set_aside
    ]
    return pd.DataFrame(rows, columns=SET_ASIDE_COLUMNS)


def errors_table(problems: Iterable[Problem]) -> pd.DataFrame:
    """One row per input that could not be analysed, with a human-readable reason."""
    rows = [
        {
            "source_path": p.source_path,
            "article_id": p.article_id,
            "line": p.line,
            "stage": p.stage,
            "reason": p.reason,
        }
        for p in problems
    ]
    frame = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def _first(article: Article, kind: str):
    return next((s for s in article.set_aside if s.kind == kind), None)
