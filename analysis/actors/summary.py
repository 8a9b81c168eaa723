"""The tables: mentions.csv and the actor/camp summary behind actors.csv."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.actors.base import ACTOR_SUMMARY_COLUMNS, MENTION_COLUMNS, WORD_PATTERN, Mention


@dataclass(frozen=True)
class Quoted:
    """What an actor was quoted saying, for voice share: one per attribution."""

    article_id: str
    actor: str | None
    camp: str | None
    content_words: int


def mentions_table(mentions: Iterable[Mention]) -> pd.DataFrame:
    """mentions.csv: one row per actor mention."""
    rows = [{c: getattr(m, c) for c in MENTION_COLUMNS} for m in mentions]
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for column in ("start", "end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _as_quoted(record: Any) -> Quoted:
    if isinstance(record, Quoted):
        return record
    if isinstance(record, dict):
        return Quoted(
            record.get("article_id", ""),
            record.get("actor"),
            record.get("camp"),
            int(record.get("content_words") or 0),
        )
    article_id, actor, camp, words = record
    return Quoted(article_id, actor, camp, int(words or 0))


def mention_counts(mentions: Iterable[Mention]) -> pd.DataFrame:
    """The mentions as counts per (article_id, actor, camp, type, role), in order of
    first occurrence: what `actors_table` needs of them, a fraction of their size (a
    cluster run's workers send these to the driver instead of the mentions)."""
    columns = ["article_id", "actor", "camp", "type", "role"]
    frame = pd.DataFrame(
        [(m.article_id, m.actor, m.camp, m.type, m.role) for m in mentions], columns=columns
    )
    counts = frame.groupby(columns, sort=False, dropna=False).size().rename("n").reset_index()
    return counts.astype({c: "str" for c in columns})  # missing: NaN (compact text)


def actors_table(mentions: Iterable[Any], quoted: Iterable[Any] = ()) -> pd.DataFrame:
    """actors.csv: one row per actor (`level` = "actor") and one per camp (`level` =
    "camp"): articles, mentions (in all and by role), times quoted, words quoted and
    voice share (the share of all quoted words in the corpus, the unattributed
    included). `mentions` holds `Mention`s or rows of `mention_counts` (with `n`);
    `quoted` holds `Quoted` records, dicts or (article_id, actor, camp, content_words)
    tuples."""
    mentions = list(mentions)
    quotes = [_as_quoted(q) for q in quoted]
    total_words = sum(q.content_words for q in quotes)
    rows = []
    for level in ("actor", "camp"):
        groups: dict[str, dict[str, Any]] = {}
        for m in mentions:
            key = m.actor if level == "actor" else m.camp
            if not key:
                continue
            g = groups.setdefault(key, _empty_group(level, key))
            n = getattr(m, "n", 1)  # counted mentions (`mention_counts`) stand for n
            if level == "actor":
                g["camps"][m.camp] += n if m.camp else 0
                g["types"][m.type] += n
            g["articles"].add(m.article_id)
            g["mentions"] += n
            if f"as_{m.role}" in g:
                g[f"as_{m.role}"] += n
        for q in quotes:
            key = q.actor if level == "actor" else q.camp
            if not key:
                continue
            g = groups.setdefault(key, _empty_group(level, key))
            if level == "actor" and q.camp:
                g["camps"][q.camp] += 1
            g["articles"].add(q.article_id)
            g["times_quoted"] += 1
            g["words_quoted"] += q.content_words
        for key, g in sorted(groups.items(), key=lambda kv: (-kv[1]["mentions"], kv[0])):
            rows.append(
                {
                    "level": level,
                    "actor": key if level == "actor" else None,
                    "camp": key if level == "camp" else _top(g["camps"]),
                    "type": _top(g["types"]) if level == "actor" else None,
                    "articles": len(g["articles"]),
                    "mentions": g["mentions"],
                    "as_agent": g["as_agent"],
                    "as_patient": g["as_patient"],
                    "as_possessor": g["as_possessor"],
                    "as_speaker": g["as_speaker"],
                    "times_quoted": g["times_quoted"],
                    "words_quoted": g["words_quoted"],
                    "voice_share": g["words_quoted"] / total_words if total_words else 0.0,
                }
            )
    return pd.DataFrame(rows, columns=ACTOR_SUMMARY_COLUMNS)


def _empty_group(level: str, key: str) -> dict[str, Any]:
    return {
        "camps": Counter(),
        "types": Counter(),
        "articles": set(),
        "mentions": 0,
        "as_agent": 0,
        "as_patient": 0,
        "as_possessor": 0,
        "as_speaker": 0,
        "times_quoted": 0,
        "words_quoted": 0,
    }


def _top(counter: Counter) -> str | None:
    counter = Counter({k: v for k, v in counter.items() if k and v})
    return counter.most_common(1)[0][0] if counter else None


def quoted_records(attributions: Iterable[Any], speakers: Iterable[Mention | None]) -> list[Quoted]:
    """`Quoted` records for `actors_table` from attributions and their speakers (as
    `speaker_actors` returns them): the words of each attribution's content. Cues inside
    a quote (`in_quote`) are left out, their words being already the outer speaker's."""
    records = []
    for a, m in zip(attributions, speakers, strict=True):
        if getattr(a, "in_quote", False) or not getattr(a, "content", None):
            continue
        words = len(WORD_PATTERN.findall(a.content))
        records.append(Quoted(a.article_id, m.actor if m else None, m.camp if m else None, words))
    return records
