"""Tidy tables (pandas DataFrames) from the stages' records: one row per observation,
the same columns whether or not there are rows, so notebooks and CSV readers can
always rely on them."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from analysis.loaded import TABLE_COLUMNS as LOADED_TABLE_COLUMNS
from analysis.records import Article, ParseSummary, Problem
from analysis.sentiment import ACTOR_SENTIMENT_COLUMNS as SENTIMENT_TABLE_COLUMNS

ARTICLE_COLUMNS = [
    "article_id",
    "title",
    "outlet",
    "date",
    "url",
    "event",
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
ATTRIBUTION_COLUMNS = [
    "article_id",
    "sentence",
    "speaker",
    "speaker_start",
    "speaker_end",
    "resolution",
    "actor",
    "camp",
    "cue",
    "cue_start",
    "cue_end",
    "cue_lemma",
    "stance",
    "credibility",
    "content",
    "content_start",
    "content_end",
    "quote_type",
    "negated",
    "in_quote",
    "source_start",
    "source_end",
]
LOADED_TERM_COLUMNS = list(LOADED_TABLE_COLUMNS)
ACTOR_SENTIMENT_COLUMNS = list(SENTIMENT_TABLE_COLUMNS)
_OFFSETS = (
    "speaker_start",
    "speaker_end",
    "source_start",
    "source_end",
    "content_start",
    "content_end",
    "about_start",
    "about_end",
)


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
                "event": article.event,
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


def attributions_table(attributions: Iterable[Any]) -> pd.DataFrame:
    """attributions.csv: one row per attribution, in the contract's column order."""
    rows = [dataclasses.asdict(a) for a in attributions]
    return _with_int_offsets(pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS))


def loaded_terms_table(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """loaded_terms.csv: one row per loaded term or scare quote."""
    return _with_int_offsets(pd.DataFrame(list(rows), columns=LOADED_TERM_COLUMNS))


def actor_sentiment_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """actor_sentiment.csv: per article and actor, portrayal and voice."""
    frame = pd.DataFrame(list(rows), columns=ACTOR_SENTIMENT_COLUMNS)
    return frame.astype({"mentions": "Int64", "quotes": "Int64"})


def actors_summary(
    actors: pd.DataFrame,
    *,
    stance_by_actor: pd.DataFrame,
    stance_by_camp: pd.DataFrame,
    sentiment_by_actor: Sequence[Mapping[str, Any]],
    sentiment_by_camp: Sequence[Mapping[str, Any]],
) -> pd.DataFrame:
    """actors.csv: the actor layer's per-actor and per-camp counts joined with the
    writer's stance (counts and shares by class, mean credibility with its interval)
    and sentiment (portrayal and voice, with intervals) on the same rows."""
    stance_columns = {"mean_credibility": "credibility_mean"}
    sentiment_columns = {
        "mentions": "portrayal_n",
        "portrayal": "portrayal_mean",
        "quotes": "voice_n",
        "voice": "voice_mean",
        "articles": "sentiment_articles",
    }
    parts = []
    for level, key, stance, sentiment in (
        ("actor", "actor", stance_by_actor, sentiment_by_actor),
        ("camp", "camp", stance_by_camp, sentiment_by_camp),
    ):
        rows = actors[actors["level"] == level]
        stance = stance.drop(
            columns=[
                c for c in ("attributions", "camp", "actor") if c in stance.columns and c != key
            ]
        )
        rows = rows.merge(stance.rename(columns=stance_columns), on=key, how="left")
        feeling = pd.DataFrame(list(sentiment))
        if not feeling.empty:
            feeling = feeling.drop(
                columns=[c for c in ("camp", "actor") if c in feeling.columns and c != key]
            )
            rows = rows.merge(feeling.rename(columns=sentiment_columns), on=key, how="left")
        parts.append(rows)
    return pd.concat(parts, ignore_index=True)


def _with_int_offsets(frame: pd.DataFrame) -> pd.DataFrame:
    for column in _OFFSETS:
        if column in frame.columns:
            frame[column] = frame[column].astype("Int64")
    return frame
