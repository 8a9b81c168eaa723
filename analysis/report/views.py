"""Small table builders a researcher can audit: attributions, stance crosstabs,
sentiment and actor summaries, loaded terms per actor, evidence rows with their
passage."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from analysis import plots
from analysis.lexicons import STANCES
from analysis.report.html import _rows

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
    top_camps: int | None = plots.TOP_CAMPS,
) -> pd.DataFrame:
    """Who is quoted and how: rows are actors (or camps, or speakers), columns the
    stance classes of the writer's reporting cues (those inside direct quotes left out),
    counts, plus `total` and `mean_credibility`. Unnamed sources are "(no actor)". By
    camp, beyond `top_camps` camps the rest are pooled in one "other camps (N)" row."""
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
    if by == "camp" and top_camps and len(table) > top_camps:
        table = _pool_camp_rows(table, top_camps)
    table.index.name = by
    return table.reset_index()


def _pool_camp_rows(table: pd.DataFrame, keep: int) -> pd.DataFrame:
    """The top `keep` camps by total (at least `plots.MIN_CAMP_EVIDENCE`), the rest
    summed into one "other camps" row (means weighted by total)."""
    shown = plots.top_camps(table["total"], keep)
    rest = table.loc[~table.index.isin(shown) & (table.index != "(no camp)")]
    if rest.empty:
        return table
    pooled = rest.drop(columns=["mean_credibility"], errors="ignore").sum()
    if "mean_credibility" in rest:
        weights = rest["total"].where(rest["mean_credibility"].notna(), 0)
        pooled["mean_credibility"] = (
            round(float((rest["mean_credibility"].fillna(0) * weights).sum() / weights.sum()), 3)
            if weights.sum()
            else float("nan")
        )
    pooled.name = f"{plots.OTHER_CAMPS} ({len(rest)})"
    return pd.concat([table.drop(index=rest.index), pooled.to_frame().T])


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


def actor_summary_view(
    actors: pd.DataFrame, level: str = "actor", top_camps: int | None = plots.TOP_CAMPS
) -> pd.DataFrame:
    """The corpus summary per actor (or camp) from the actors table, the columns a
    reader needs: mentions, times quoted, voice share, mean credibility and portrayal
    and voice sentiment with their 95% intervals and n; most-mentioned first. Per camp,
    beyond the top `top_camps` by mentions the rest are summed into one "other camps
    (N)" row (counts only; actors.csv keeps every camp)."""
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
    frame = frame[columns].reset_index(drop=True)
    if level == "camp" and top_camps and len(frame) > top_camps and "mentions" in frame:
        weights = pd.Series(frame["mentions"].to_numpy(), index=frame["camp"].astype(str))
        shown = plots.top_camps(weights, top_camps)
        rest = frame[~frame["camp"].astype(str).isin(shown)]
        sums = {c: rest[c].sum() for c in ("mentions", "times_quoted", "voice_share") if c in rest}
        pooled = pd.DataFrame([{"camp": f"{plots.OTHER_CAMPS} ({len(rest)})", **sums}])
        frame = pd.concat([frame[frame["camp"].astype(str).isin(shown)], pooled])
        frame = frame.reset_index(drop=True)
    return frame


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
    article_id, outlet, word — the input of a log-odds comparison of outlets'
    vocabulary. English stop words, words under three letters, and the stop list of
    outlet names, bylines, datelines and house style are left out
    (`analysis.compare.word_rows`)."""
    from analysis.compare import word_rows as compare_word_rows

    return compare_word_rows(articles)
