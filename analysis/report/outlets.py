"""The outlet comparison's views for notebook 04: tables to read (per actor and
outlet, the tests with their q-values) and one event side by side — its articles in
columns with their speakers, reporting cues, loaded terms and the portrayal of the
event's main actors, each article's text highlighted below. Every piece of article
text is escaped (`analysis.safety`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.outlets import not_loaded
from analysis.report.html import article_html
from analysis.safety import escape_text

#: The columns of `outlet_view`, in reading order.
OUTLET_VIEW_COLUMNS = [
    "actor",
    "outlet",
    "articles",
    "mentions_per_article",
    "voice_share",
    "credibility_mean",
    "credibility_low",
    "credibility_high",
    "portrayal_mean",
    "portrayal_low",
    "portrayal_high",
    "portrayal_n",
    "loaded_about",
    "loaded_about_per_1k_tokens",
]


def outlet_view(
    outlets: pd.DataFrame, actors: Sequence[str] = (), level: str = "actor", digits: int = 3
) -> pd.DataFrame:
    """outlets.csv for reading: the chosen `actors` (or camps, `level="camp"`), one row
    per actor and outlet, rounded."""
    key = "actor" if level == "actor" else "camp"
    rows = outlets[outlets["level"] == level] if "level" in outlets else outlets
    if actors:
        rows = rows[rows[key].astype(str).isin([str(a) for a in actors])]
    columns = [key] + [c for c in OUTLET_VIEW_COLUMNS if c in rows and c != "actor"]
    if level == "actor" and "camp" in rows:
        columns.insert(1, "camp")
    return rows[columns].round(digits).reset_index(drop=True)


def tests_view(
    tests: pd.DataFrame, actors: Sequence[str] = (), max_q: float | None = None
) -> pd.DataFrame:
    """outlet_tests.csv (or event_differences.csv) for reading: rows of the chosen
    actors (default all), those with q ≤ `max_q` when given, smallest q first."""
    frame = tests
    if actors and "actor" in frame:
        wanted = {str(a) for a in actors}
        frame = frame[frame["actor"].astype(str).isin(wanted) | frame["camp"].isin(wanted)]
    if max_q is not None and "q_value" in frame:
        frame = frame[frame["q_value"] <= max_q]
    drop = [c for c in ("test", "statistic") if c in frame]
    frame = frame.drop(columns=drop).sort_values(["q_value", "p_value"], kind="stable")
    return frame.round(4).reset_index(drop=True)


def pick_event(articles: pd.DataFrame, event: str | None = None) -> str | None:
    """`event` if the articles have it; else the event reported by the most outlets
    (then the most articles, then alphabetically); None when no article has one."""
    if "event" not in articles or articles["event"].isna().all():
        return None
    rows = articles.dropna(subset=["event"])
    if event:
        if str(event) not in set(rows["event"].astype(str)):
            raise ValueError(f"no article reports event {event!r}")
        return str(event)
    spread = rows.groupby("event").agg(outlets=("outlet", "nunique"), n=("article_id", "size"))
    spread = spread.reset_index().sort_values(
        ["outlets", "n", "event"], ascending=[False, False, True]
    )
    return str(spread.iloc[0]["event"])


def event_articles(articles: pd.DataFrame, event: str | None) -> pd.DataFrame:
    """The articles of `event`, one per outlet, by outlet name. Without events (records
    carry no `event`) the first article of each outlet stands in, and the notebook
    says so."""
    rows = articles.dropna(subset=["event"]) if event is not None else articles
    if event is not None:
        rows = rows[rows["event"].astype(str) == str(event)]
    rows = rows.assign(_outlet=rows["outlet"].fillna("unknown outlet").astype(str))
    return rows.sort_values(["_outlet", "article_id"]).drop_duplicates("_outlet")


def main_actors(tables: dict, article_ids: Sequence[str], k: int = 4) -> list[str]:
    """The `k` actors with the most mentions across the given articles, preferring those
    mentioned in more of them."""
    mentions = tables.get("mentions", pd.DataFrame())
    if mentions.empty:
        return []
    rows = mentions[mentions["article_id"].astype(str).isin([str(a) for a in article_ids])]
    rows = rows.dropna(subset=["actor"])
    if rows.empty:
        return []
    spread = rows.groupby("actor").agg(articles=("article_id", "nunique"), n=("actor", "size"))
    spread = spread.reset_index().sort_values(
        ["articles", "n", "actor"], ascending=[False, False, True]
    )
    return spread["actor"].head(k).astype(str).tolist()


def event_side_by_side(
    result,
    event: str | None = None,
    actors: Sequence[str] = (),
    *,
    max_items: int = 8,
    with_text: bool = True,
) -> str:
    """One event side by side as HTML: a column per outlet's article with its headline,
    the portrayal of the main actors (`actors`, default the four most mentioned), its
    speakers and how often each was quoted, the stance classes of its reporting cues,
    its loaded terms (hedges apart) and, with `with_text`, the article highlighted."""
    tables, records = result.tables, {a.id: a for a in result.articles}
    articles = tables["articles"]
    chosen = pick_event(articles, event)
    rows = event_articles(articles, chosen)
    ids = rows["article_id"].astype(str).tolist()
    if not ids:
        return "<p>no articles</p>"
    names = list(actors) or main_actors(tables, ids)
    sentiment = tables.get("actor_sentiment", pd.DataFrame())
    attributions = tables.get("attributions", pd.DataFrame())
    loaded = tables.get("loaded_terms", pd.DataFrame())
    heading = (
        f"<h4>Event {escape_text(chosen)}: {len(ids)} outlets</h4>"
        if chosen is not None
        else "<h4>No record carries an <code>event</code>: the first article of each "
        "outlet is shown</h4>"
    )
    cells = []
    for article in rows.to_dict("records"):
        article_id = str(article["article_id"])
        parts = [
            f"<h5>{escape_text(article.get('_outlet'))}</h5>",
            f"<p><strong>{escape_text(article.get('title') or '(no headline)')}</strong><br>"
            f"<small>{escape_text(article_id)} · {escape_text(article.get('date') or '')}"
            "</small></p>",
            _portrayal_list(sentiment, article_id, names),
            _speakers_list(attributions, article_id, max_items),
            _cues_list(attributions, article_id),
            _loaded_list(loaded, article_id, max_items),
        ]
        if with_text and article_id in records:
            parts.append(
                '<details><summary>article text, highlighted</summary><div style="max-height:'
                '28em; overflow-y: auto; font-size: 0.85em">'
                + article_html(
                    records[article_id],
                    _of(attributions, article_id),
                    _of(loaded, article_id),
                    legend=False,
                )
                + "</div></details>"
            )
        cells.append(
            '<td style="vertical-align: top; width: {w}%; padding: 0 0.6em; text-align: left">'
            "{body}</td>".format(w=int(100 / len(ids)), body="".join(parts))
        )
    return (
        heading
        + '<table style="width: 100%; table-layout: fixed; border-collapse: collapse"><tr>'
        + "".join(cells)
        + "</tr></table>"
    )


def _of(frame: pd.DataFrame, article_id: str) -> pd.DataFrame:
    if frame is None or frame.empty or "article_id" not in frame:
        return pd.DataFrame()
    return frame[frame["article_id"].astype(str) == article_id]


def _items(title: str, items: list[str]) -> str:
    body = "".join(f"<li>{item}</li>" for item in items) if items else "<li>none</li>"
    return f"<p style='margin-bottom: 0'><em>{escape_text(title)}</em></p><ul>{body}</ul>"


def _portrayal_list(sentiment: pd.DataFrame, article_id: str, names: Sequence[str]) -> str:
    rows = _of(sentiment, article_id)
    items = []
    for name in names:
        found = rows[rows["actor"].astype(str) == name] if len(rows) else rows
        if found.empty:
            items.append(f"{escape_text(name)}: not mentioned")
            continue
        row = found.iloc[0]
        score = pd.to_numeric(row.get("portrayal"), errors="coerce")
        label = row.get("portrayal_label")
        shown = "no score" if pd.isna(score) else f"{score:+.2f}"
        if isinstance(label, str) and label:
            shown += f" ({label})"
        items.append(f"{escape_text(name)}: {escape_text(shown)}, {int(row['mentions'])} mentions")
    return _items("portrayal of the main actors", items)


def _speakers_list(attributions: pd.DataFrame, article_id: str, limit: int) -> str:
    rows = _of(attributions, article_id)
    if len(rows) and "speaker" in rows:
        rows = rows[rows["speaker"].notna()]
        who = rows["actor"].where(rows["actor"].notna(), rows["speaker"]).astype(str)
        counts = who.value_counts().head(limit)
        items = [f"{escape_text(name)} ×{count}" for name, count in counts.items()]
    else:
        items = []
    return _items("speakers (times quoted)", items)


def _cues_list(attributions: pd.DataFrame, article_id: str) -> str:
    rows = _of(attributions, article_id)
    items = []
    if len(rows) and "stance" in rows:
        writer = rows[~rows["in_quote"].astype(str).str.lower().isin(["true", "1"])]
        for stance, group in writer.groupby("stance", sort=False):
            cues = ", ".join(sorted(set(group["cue"].astype(str).str.lower()))[:6])
            items.append(f"{escape_text(stance)} ×{len(group)}: {escape_text(cues)}")
        items.sort(key=lambda text: not text.startswith("neutral"))
    return _items("reporting cues by stance class", items)


def _loaded_list(loaded: pd.DataFrame, article_id: str, limit: int) -> str:
    rows = _of(loaded, article_id)
    items = []
    if len(rows):
        hedge = not_loaded(rows)
        for label, part in (("judgements", rows[~hedge]), ("hedges", rows[hedge])):
            if part.empty:
                continue
            words = part["text"].astype(str).str.lower().value_counts().head(limit)
            shown = ", ".join(f"{w}" + (f" ×{n}" if n > 1 else "") for w, n in words.items())
            items.append(f"{label} ({len(part)}): {escape_text(shown)}")
    return _items("loaded terms", items)
