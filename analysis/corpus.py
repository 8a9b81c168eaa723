"""From per-article records to the corpus tables, in two steps that a cluster can split.

1. `record_tables` turns the records of any part of a corpus (one machine's whole run,
   or one worker's share) into the record tables (attributions, mentions, loaded
   terms, actor sentiment, portrayal) and the `Aggregates` the corpus tables need of
   them: per-article rows and counts, no texts and no offsets. It needs the corpus-wide
   linking decisions (`actors.LinkPlan`) made first, so that a person is one actor in
   every part.
2. `summary_tables` builds the corpus tables (actors.csv with its stance and sentiment
   intervals, credibility gaps, unknown terms, the outlet comparison) from the
   `Aggregates` alone; `Aggregates.combine` adds up those of consecutive parts.

`corpus_tables` does both for records held in memory (the local engine); the cluster
engine (`analysis.distributed`) runs step 1 on the workers and step 2 on the driver,
and the tables are the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, fields, replace
from typing import Any

import pandas as pd
from pandas.api.types import union_categoricals

from analysis import actors, tables
from analysis.attribution import quoted_speakers_follow
from analysis.beside import result_or_none
from analysis.beside import submit as beside_submit
from analysis.loaded import loaded_terms_rows
from analysis.outlets import article_measures, outlet_tables_from
from analysis.portrayal import portrayal_tables, signals_frame
from analysis.records import Problem
from analysis.sentiment import actor_sentiment_table, actor_summary, camp_summary
from analysis.stance import (
    camp_stance_table,
    credibility_gaps,
    finish_unknown_cues,
    merge_unknown_cue_counts,
    stance_table,
    unknown_cue_counts,
)

#: The columns of the attributions that the corpus tables read (stance and credibility).
STANCE_COLUMNS = ["article_id", "actor", "camp", "stance", "credibility", "in_quote", "negated"]

#: The record tables, in the order a run lists them.
RECORD_TABLES = (
    "attributions",
    "mentions",
    "loaded_terms",
    "actor_sentiment",
    "portrayal_signals",
    "portrayal_evidence",
)


@dataclass
class Aggregates:
    """What the corpus tables need of a part of the corpus: a few small rows per
    article (no texts, no offsets, no sentences). Parts in corpus order combine."""

    articles: pd.DataFrame  # articles.csv rows
    attributions: pd.DataFrame  # STANCE_COLUMNS, one row per attribution
    mention_counts: pd.DataFrame  # actors.mention_counts
    quoted: pd.DataFrame  # article_id, actor, camp, content_words: one per quote
    portrayals: pd.DataFrame  # article_id, actor, camp, score: one per article and actor
    voices: pd.DataFrame  # article_id, actor, camp, score: one per scored quote
    unknown: pd.DataFrame  # stance.unknown_cue_counts
    measures: pd.DataFrame  # outlets.article_measures

    def compact(self) -> Aggregates:
        """The same aggregates with article ids as categories: an id is stored once per
        part, not once per row (ids are long; rows per article are many)."""
        for f in fields(self):
            frame = getattr(self, f.name)
            if f.name != "articles" and "article_id" in frame and len(frame):
                frame["article_id"] = frame["article_id"].astype(str).astype("category")
        return self

    @classmethod
    def combine(cls, parts: Sequence[Aggregates]) -> Aggregates:
        """The aggregates of consecutive parts of a corpus as those of the whole."""
        if len(parts) == 1:
            return parts[0]
        joined = {
            f.name: _concat([getattr(p, f.name) for p in parts])
            for f in fields(cls)
            if f.name not in ("unknown", "measures")
        }
        # One portrayal per article and actor, in the order a whole corpus gives them
        # (its portrayal table is sorted so), so that means add up in the same order.
        joined["portrayals"] = (
            joined["portrayals"]
            .sort_values(["article_id", "actor"], kind="stable", key=lambda c: c.astype(str))
            .reset_index(drop=True)
        )
        return cls(
            **joined,
            unknown=merge_unknown_cue_counts([p.unknown for p in parts]),
            measures=_measures_in_order(_concat([p.measures for p in parts])),
        )

    def memory_bytes(self) -> int:
        """Bytes these frames hold (deep): what a cluster driver keeps per part."""
        return sum(int(getattr(self, f.name).memory_usage(deep=True).sum()) for f in fields(self))


def corpus_tables(results: Sequence[Any], resources: Any) -> dict[str, pd.DataFrame]:
    """The analysis tables of a corpus from its per-article records (`ArticleResult`s):
    `articles`, then the record tables, then the corpus tables. Actors are linked
    across articles first, then every attribution, loaded term and sentiment score is
    assigned to its actor and camp."""
    inventory = actors.link_inventory(m for r in results for m in r.mentions)
    plan = actors.link_plan(inventory, resources.aliases)
    records, aggregates = record_tables(results, plan, resources)
    return {"articles": aggregates.articles, **records, **summary_tables(aggregates)}


def record_tables(
    results: Sequence[Any], plan: actors.LinkPlan, resources: Any
) -> tuple[dict[str, pd.DataFrame], Aggregates]:
    """The record tables of a part of the corpus and its `Aggregates` (see the module
    docstring); `plan` holds the corpus-wide linking decisions."""
    mentions = actors.apply_links([m for r in results for m in r.mentions], plan, resources.aliases)
    portrayal_scores = [score for r in results for score in r.portrayal_scores]
    raw_attributions = [a for r in results for a in r.attributions]
    voice_scores = [score for r in results for score in r.voice_scores]
    speakers = actors.speaker_actors(raw_attributions, mentions)
    attributions = [
        replace(a, actor=m.actor, camp=m.camp, speaker=actors.speaker_name(a, m))
        if m is not None
        else a
        for a, m in zip(raw_attributions, speakers, strict=True)
    ]
    # A quoted "I" or "we" names the one its quoting row names, once that is final.
    attributions = quoted_speakers_follow(raw_attributions, attributions)
    attributions_frame = tables.attributions_table(attributions)

    by_article: dict[str, list[actors.Mention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    terms = [t for r in results for t in r.loaded_terms]
    actor_of = {}
    for term in terms:
        if term.about_start is not None:
            found = actors.actor_at(by_article[term.article_id], term.about_start, term.about_end)
            if found is not None:
                actor_of[(term.article_id, term.about_start, term.about_end)] = found.actor

    portrayals = [
        {"article_id": m.article_id, "actor": m.actor, "camp": m.camp, "score": score}
        for m, score in zip(mentions, portrayal_scores, strict=True)
    ]
    voices = [
        {"article_id": a.article_id, "actor": a.actor, "camp": a.camp, "score": score}
        for a, score in zip(attributions, voice_scores, strict=True)
        if a.actor is not None and score is not None
    ]
    # The writer's attitude per article and actor (analysis.portrayal), from the tables.
    mentions_frame = actors.mentions_table(mentions)
    loaded_frame = tables.loaded_terms_table(loaded_terms_rows(terms, actor_of))
    portrayal_frame, evidence = portrayal_tables(
        mentions_frame,
        signals_frame([s for r in results for s in r.mention_signals]),
        loaded_frame,
        attributions_frame,
        titles={r.article.id: r.article.title for r in results},
        texts={r.article.id: r.article.text for r in results},
    )
    by_pair = {
        (row.article_id, row.actor): (row.portrayal, row.portrayal_label)
        for row in portrayal_frame.itertuples()
    }
    camp_of = {(m.article_id, m.actor): m.camp for m in mentions}
    article_portrayals = [
        {"article_id": a, "actor": actor, "camp": camp_of.get((a, actor)), "score": score}
        for (a, actor), (score, _) in by_pair.items()
    ]
    sentiment_frame = tables.actor_sentiment_frame(
        actor_sentiment_table(portrayals, voices, resources.sentiment, by_pair)
    )
    articles_frame = tables.articles_table(
        [r.article for r in results], {r.article.id: r.summary for r in results}
    )
    records = {
        "attributions": attributions_frame,
        "mentions": mentions_frame,
        "loaded_terms": loaded_frame,
        "actor_sentiment": sentiment_frame,
        "portrayal_signals": portrayal_frame,
        "portrayal_evidence": evidence,
    }
    keyed = ["article_id", "actor", "camp"]
    aggregates = Aggregates(
        articles=articles_frame,
        attributions=_stance_rows(attributions_frame),
        mention_counts=actors.mention_counts(mentions),
        quoted=_frame(
            [
                (q.article_id, q.actor, q.camp, q.content_words)
                for q in actors.quoted_records(attributions, speakers)
            ],
            [*keyed, "content_words"],
        ),
        portrayals=_frame(article_portrayals, [*keyed, "score"]),
        voices=_frame(voices, [*keyed, "score"]),
        unknown=unknown_cue_counts(
            attributions_frame,
            resources.cues,
            [c for r in results for c in r.candidates],
            resources.loaded,
        ),
        measures=_compact(article_measures({"articles": articles_frame, **records})),
    )
    return records, aggregates


def record_tables_or_problems(
    results: Sequence[Any], plan: actors.LinkPlan, resources: Any, debug: bool = False
) -> tuple[dict[str, pd.DataFrame], Aggregates, list[Problem], list[Any]]:
    """`record_tables` for one part of a corpus on a worker; if they fail, every
    article of the part becomes a problem (an `errors.csv` row) and the part is empty,
    so that one part never stops a run. Returns (records, aggregates, problems, the
    results the tables hold)."""
    try:
        records, aggregates = record_tables(results, plan, resources)
        return records, aggregates, [], list(results)
    except Exception as error:  # noqa: BLE001 - one part never stops a run
        if debug:
            raise
        problems = [
            Problem(
                r.article.source_path,
                f"analysis failed: {type(error).__name__}: {error}",
                stage="analysis",
                article_id=r.article.id,
            )
            for r in results
        ]
        records, aggregates = record_tables([], plan, resources)
        return records, aggregates, problems, []


#: Record tables that a whole corpus gives sorted by these columns (not in article
#: order), so that parts joined in corpus order are sorted again.
SORTED_RECORDS = {
    "actor_sentiment": ["article_id", "actor"],
    "portrayal_signals": ["article_id", "actor"],
    "portrayal_evidence": ["article_id", "actor", "start", "kind"],
}


def combine_records(parts: Sequence[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The record tables of consecutive parts of a corpus (`record_tables`, in corpus
    order) as those of the whole."""
    if len(parts) == 1:
        return dict(parts[0])
    joined = {}
    for name in parts[0]:
        frame = _concat([p[name] for p in parts])
        if name in SORTED_RECORDS and len(frame):
            frame = frame.sort_values(
                SORTED_RECORDS[name], kind="stable", key=_sort_key
            ).reset_index(drop=True)
        joined[name] = frame
    return joined


def _sort_key(column: pd.Series) -> pd.Series:
    """Text columns compare as Python's `sorted` compares strings; numbers as numbers."""
    return column if pd.api.types.is_numeric_dtype(column) else column.astype(str)


def summary_tables(
    aggregates: Aggregates, *, beside: Executor | None = None
) -> dict[str, pd.DataFrame]:
    """actors, credibility_gaps, unknown_terms and (with two or more outlets) the
    outlet comparison, from the corpus's `Aggregates`.

    With `beside` (an executor: `--jobs` runs give a forked side process) the tables
    drawn from the attributions and the per-article measures (stance tables,
    credibility gaps, outlet comparison: permutation tests and bootstraps) are built
    there while this process builds the rest; the tables are the same."""
    stance_rows = aggregates.attributions
    side = beside_submit(
        beside, _resampled_tables, stance_rows, aggregates.measures, aggregates.articles
    )
    portrayals, voices = list(_rows(aggregates.portrayals)), list(_rows(aggregates.voices))
    mentions = actors.actors_table(_rows(aggregates.mention_counts), _rows(aggregates.quoted))
    sentiment_by_actor = actor_summary(portrayals, voices, min_mentions=1, min_quotes=3)
    sentiment_by_camp = camp_summary(portrayals, voices, min_mentions=1, min_quotes=3)
    unknown = finish_unknown_cues(aggregates.unknown)
    resampled = result_or_none(side)
    if resampled is None:  # no side process, or it failed: built here
        resampled = _resampled_tables(stance_rows, aggregates.measures, aggregates.articles)
    by_actor, by_camp, gaps, outlet_tables = resampled
    summary = {
        "actors": tables.actors_summary(
            mentions,
            stance_by_actor=by_actor,
            stance_by_camp=by_camp,
            # Portrayal: one article-level score per article (intervals resample articles).
            sentiment_by_actor=sentiment_by_actor,
            sentiment_by_camp=sentiment_by_camp,
        ),
        "credibility_gaps": gaps,
        "unknown_terms": unknown,
    }
    # Two or more outlets: outlets.csv, outlet_tests.csv (and events.csv with `event`).
    summary.update(outlet_tables)
    return summary


def _resampled_tables(
    stance_rows: pd.DataFrame, measures: pd.DataFrame, articles: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, pd.DataFrame]]:
    """The summary tables with resampling statistics: stance by actor and by camp,
    credibility gaps, and the outlet comparison."""
    return (
        stance_table(stance_rows, by=("actor",)),
        camp_stance_table(stance_rows),
        credibility_gaps(stance_rows),
        outlet_tables_from(measures, articles),
    )


def _stance_rows(attributions: pd.DataFrame) -> pd.DataFrame:
    """The attributions' columns the stance tables read, with stable dtypes."""
    frame = attributions.reindex(columns=STANCE_COLUMNS).copy()
    frame["credibility"] = pd.to_numeric(frame["credibility"], errors="coerce").astype(float)
    for flag in ("in_quote", "negated"):
        frame[flag] = frame[flag].fillna(False).astype(bool)
    for column in ("article_id", "actor", "camp", "stance"):
        frame[column] = _as_text(frame[column])
    return frame


def _as_text(values: pd.Series) -> pd.Series:
    """Text as pandas' Arrow-backed `str` dtype (missing: NaN): a third of the memory
    of Python strings, which matters where a cluster driver holds millions of rows."""
    return values.astype("str")


def _compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column as `str` dtype (see `_as_text`)."""
    text = [c for c in frame.columns if frame[c].dtype == object]
    return frame.astype({c: "str" for c in text}) if text else frame


def _frame(rows: Iterable[Any], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=columns)
    for column in ("article_id", "actor", "camp"):
        frame[column] = _as_text(frame[column])
    return frame


def _rows(frame: pd.DataFrame) -> Iterator[tuple]:
    """A frame's rows as named tuples, missing values as None (what the record
    functions expect of attributes)."""
    for row in frame.astype(object).itertuples(index=False):
        yield type(row)(*(None if _missing(v) else v for v in row))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames one after another; categorical columns stay categorical (the union of
    the parts' categories)."""
    frames = [f for f in frames if f is not None]
    nonempty = [f for f in frames if len(f)]
    if not nonempty:
        return frames[0] if frames else pd.DataFrame()
    categorical = [
        c for c in nonempty[0].columns if isinstance(nonempty[0][c].dtype, pd.CategoricalDtype)
    ]
    joined = pd.concat(
        [f.drop(columns=categorical) for f in nonempty] if categorical else nonempty,
        ignore_index=True,
    )
    for column in categorical:
        values = union_categoricals([f[column] for f in nonempty], ignore_order=True)
        joined[column] = pd.Categorical(values)
    for column in joined.columns:
        if joined[column].dtype == object:
            joined[column] = _retyped(joined[column], [f[column] for f in nonempty])
    return joined[nonempty[0].columns]


def _retyped(column: pd.Series, parts: list[pd.Series]) -> pd.Series:
    """A joined column as one frame of the whole would type it: a part where the column
    is all missing is typed `object` or `float64`, which `concat` spreads to the rest
    (strings then lose their string type, numbers their float type)."""
    typed = {p.dtype for p in parts if not p.isna().all()}  # parts with a value
    if len(typed) != 1:
        return column
    (dtype,) = typed
    if pd.api.types.is_object_dtype(dtype):
        return column
    if pd.api.types.is_bool_dtype(dtype):  # booleans with gaps stay objects
        return column
    if pd.api.types.is_integer_dtype(dtype) and column.isna().any():
        dtype = "float64"
    return column.astype(dtype)


def _measures_in_order(measures: pd.DataFrame) -> pd.DataFrame:
    """Per-article measures in the order `article_measures` gives a whole corpus:
    actor rows, then camp rows, each by article id and name."""
    if measures.empty:
        return measures
    key = measures["actor"].where(measures["level"] == "actor", measures["camp"])
    order = pd.DataFrame(
        {
            "level": (measures["level"] != "actor").astype(int),
            "article_id": measures["article_id"].astype(str),
            "key": key.astype(str),
        }
    )
    index = order.sort_values(["level", "article_id", "key"], kind="stable").index
    return measures.loc[index].reset_index(drop=True)
