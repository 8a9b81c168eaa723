"""Per-actor aggregation of sentiment records: one record per mention (portrayal) or
per attribution (voice), summed per article and actor and over the corpus with
bootstrap intervals. Works on plain records, so it does not depend on how actors are
found."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class SentimentRecord:
    """One score about one actor: a mention's portrayal or an attribution's voice."""

    article_id: str
    actor: str
    camp: str | None
    score: float


def _get(record: Any, name: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def _records(records: Iterable[Any]) -> list[SentimentRecord]:
    out = []
    for record in records:
        actor = _get(record, "actor")
        score = _get(record, "score")
        if actor is None or score is None or (isinstance(score, float) and math.isnan(score)):
            continue
        camp = _get(record, "camp")
        out.append(SentimentRecord(str(_get(record, "article_id")), str(actor), camp, float(score)))
    return out


ACTOR_SENTIMENT_COLUMNS = (
    "article_id",
    "actor",
    "camp",
    "mentions",
    "polarity",
    "portrayal",
    "portrayal_label",
    "quotes",
    "voice",
    "backend",
)


def actor_sentiment_table(
    portrayals: Iterable[Any],
    voices: Iterable[Any],
    backend: str,
    article_portrayals: Mapping[tuple[str, str], tuple[float, str]] | None = None,
) -> list[dict[str, Any]]:
    """Rows of actor_sentiment.csv: per article and actor, the number of mentions and
    their mean polarity (`polarity`), the article-level `portrayal` (−1…1) and
    `portrayal_label` from `article_portrayals` ((article_id, actor) → (score, label),
    made by `analysis.portrayal`; without it, the mean polarity and no label), the
    number of the actor's attributions and the mean polarity of its quoted words
    (`voice`), and the backend. A mean over no records is None. Rows sorted by
    article, then actor."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}

    def group(record: SentimentRecord) -> dict[str, Any]:
        key = (record.article_id, record.actor)
        if key not in groups:
            groups[key] = {"camp": record.camp, "portrayal": [], "voice": []}
        if groups[key]["camp"] is None:
            groups[key]["camp"] = record.camp
        return groups[key]

    for record in _records(portrayals):
        group(record)["portrayal"].append(record.score)
    for record in _records(voices):
        group(record)["voice"].append(record.score)
    rows = []
    for (article_id, actor), values in sorted(groups.items()):
        polarity = _mean(values["portrayal"])
        if article_portrayals is None:
            portrayal, label = polarity, None
        else:
            portrayal, label = article_portrayals.get((article_id, actor), (None, None))
        rows.append(
            {
                "article_id": article_id,
                "actor": actor,
                "camp": values["camp"],
                "mentions": len(values["portrayal"]),
                "polarity": polarity,
                "portrayal": portrayal,
                "portrayal_label": label,
                "quotes": len(values["voice"]),
                "voice": _mean(values["voice"]),
                "backend": backend,
            }
        )
    return rows


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def bootstrap_interval(
    values_by_article: Mapping[str, Sequence[float]],
    *,
    resamples: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float | None, float | None]:
    """Percentile bootstrap interval of the mean score, resampling whole articles
    (mentions in one article are not independent); with a single article, its
    mentions are resampled instead. Seeded, so the same input gives the same interval."""
    clusters = [list(v) for _, v in sorted(values_by_article.items()) if v]
    if not clusters:
        return None, None
    if len(clusters) == 1:
        clusters = [[value] for value in clusters[0]]
    if len(clusters) == 1:
        return None, None
    rng = np.random.default_rng(seed)
    sums = np.array([sum(c) for c in clusters], dtype=float)
    sizes = np.array([len(c) for c in clusters], dtype=float)
    n = len(clusters)
    means = np.empty(resamples)
    rows = max(1, 1_000_000 // n)  # blocks of about a million draws: flat memory
    for first in range(0, resamples, rows):
        size = min(rows, resamples - first)
        picks = rng.integers(0, n, size=(size, n))  # one resample per row, vectorised
        means[first : first + size] = sums[picks].sum(axis=1) / sizes[picks].sum(axis=1)
    means = np.sort(means)
    tail = (1 - level) / 2
    low = float(means[int(math.floor(tail * (resamples - 1)))])
    high = float(means[int(math.ceil((1 - tail) * (resamples - 1)))])
    return round(low, 4), round(high, 4)


SUMMARY_COLUMNS = (
    "mentions",
    "articles",
    "portrayal",
    "portrayal_low",
    "portrayal_high",
    "quotes",
    "voice",
    "voice_low",
    "voice_high",
)


def _summary(
    portrayals: list[SentimentRecord],
    voices: list[SentimentRecord],
    key: Callable[[SentimentRecord], str | None],
    min_mentions: int,
    resamples: int,
    seed: int,
    min_quotes: int | None = None,
) -> dict[str, dict[str, Any]]:
    by_key: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(
        lambda: {"portrayal": defaultdict(list), "voice": defaultdict(list)}
    )
    for measure, records in (("portrayal", portrayals), ("voice", voices)):
        for record in records:
            name = key(record)
            if name is not None:
                by_key[name][measure][record.article_id].append(record.score)
    out: dict[str, dict[str, Any]] = {}
    for name, measures in sorted(by_key.items()):
        row: dict[str, Any] = {}
        for measure, count_name in (("portrayal", "mentions"), ("voice", "quotes")):
            per_article = measures[measure]
            values = [v for vs in per_article.values() for v in vs]
            row[count_name] = len(values)
            if measure == "portrayal":
                row["articles"] = len(
                    set(per_article) | {a for a in measures["voice"] if measures["voice"][a]}
                )
            least = min_mentions if measure == "portrayal" or min_quotes is None else min_quotes
            if len(values) >= least and values:
                low, high = bootstrap_interval(per_article, resamples=resamples, seed=seed)
                row[measure], row[f"{measure}_low"], row[f"{measure}_high"] = (
                    _mean(values),
                    low,
                    high,
                )
            else:
                row[measure] = row[f"{measure}_low"] = row[f"{measure}_high"] = None
        out[name] = {column: row[column] for column in SUMMARY_COLUMNS}
    return out


def actor_summary(
    portrayals: Iterable[Any],
    voices: Iterable[Any],
    *,
    min_mentions: int = 3,
    resamples: int = 2000,
    seed: int = 0,
    min_quotes: int | None = None,
) -> list[dict[str, Any]]:
    """Corpus-level sentiment per actor: counts, mean portrayal and voice, and their
    bootstrap 95% intervals. Means and intervals are None for an actor with fewer than
    `min_mentions` portrayal records (or `min_quotes` quotes, default the same, for
    voice): too few to say anything. The portrayal records may be one per mention or
    one per article (the article-level portrayal); the count is `mentions` either way."""
    portrayal_records, voice_records = _records(portrayals), _records(voices)
    camps: dict[str, str | None] = {}
    for record in portrayal_records + voice_records:
        if camps.get(record.actor) is None:
            camps[record.actor] = record.camp
    table = _summary(
        portrayal_records,
        voice_records,
        lambda r: r.actor,
        min_mentions,
        resamples,
        seed,
        min_quotes,
    )
    return [{"actor": a, "camp": camps.get(a), **row} for a, row in table.items()]


def camp_summary(
    portrayals: Iterable[Any],
    voices: Iterable[Any],
    *,
    min_mentions: int = 3,
    resamples: int = 2000,
    seed: int = 0,
    min_quotes: int | None = None,
) -> list[dict[str, Any]]:
    """As `actor_summary`, pooled per camp (records without a camp are left out)."""
    table = _summary(
        _records(portrayals),
        _records(voices),
        lambda r: r.camp,
        min_mentions,
        resamples,
        seed,
        min_quotes,
    )
    return [{"camp": c, **row} for c, row in table.items()]
