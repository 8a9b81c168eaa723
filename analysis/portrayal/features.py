"""Article × actor portrayal features, read from the analysis tables.

One row per article and actor sums up the writer's evaluative choices about that actor
(`FEATURES`, described in `FEATURE_NOTES`), read from the tables every run produces —
`mentions`, the per-mention signals (`analysis.portrayal.signals`), `loaded_terms`,
`attributions` and the article titles — so it follows whatever the actor, loaded-words
and attribution layers find. `evidence_rows` lists the pieces behind each row (which
mentions, terms and cues, with offsets) for the article view.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

#: A clause or description counts as negative / positive beyond this VADER compound.
TONE_THRESHOLD = 0.05
#: A mention's target polarity counts as negative / positive beyond this score.
TARGET_THRESHOLD = 0.2
#: Loaded-term categories that are not evaluations of anyone (the writer's caution).
NOT_EVALUATIVE = frozenset({"hedge"})

FEATURE_NOTES: dict[str, str] = {
    "mentions": "log(1 + mentions of the actor in the article)",
    "mention_share": "the actor's share of all actor mentions in the article",
    "headline": "1 when the actor is named in the headline",
    "headline_tone": "VADER compound of the headline when the actor is named in it, else 0",
    "lede": "1 when the actor is mentioned in the first paragraph",
    "target_mean": "mean target-directed polarity of the actor's mentions (trained backend)",
    "target_negative": "share of mentions whose target polarity is below -0.2",
    "target_positive": "share of mentions whose target polarity is above +0.2",
    "negative_mentions": "log(1 + mentions whose target polarity is below -0.2)",
    "positive_mentions": "log(1 + mentions whose target polarity is above +0.2)",
    "target_min": (
        "the most negative target polarity among the actor's mentions (its worst moment)"
    ),
    "negative_mass": "log(1 + the summed negativity (-polarity below 0) of the mentions)",
    "negative_words": "log(1 + VADER words of valence <= -1 in the scoped clauses of the mentions)",
    "positive_words": "log(1 + VADER words of valence >= +1 in the scoped clauses of the mentions)",
    "mood_mean": "mean VADER compound of the sentences holding the mentions (event mood)",
    "described_negative": (
        "log(1 + mentions described in negative words: modifiers, appositions, copula predicates)"
    ),
    "described_positive": "log(1 + mentions described in positive words)",
    "agent_negative_act": (
        "share of mentions where the actor is the agent of a negatively worded act"
    ),
    "victim": "share of mentions where the actor undergoes a negatively worded act (patient)",
    "loaded_about": (
        "log(1 + loaded terms about the actor, hedges and words inside quotes left out)"
    ),
    "loaded_sentence": (
        "log(1 + loaded terms, not hedges, in the sentences holding the actor's mentions)"
    ),
    "loaded_near": (
        "log(1 + loaded terms, not hedges, inside the scoped clauses of the actor's mentions)"
    ),
    "cues": "log(1 + attributions whose speaker is the actor, cues inside quotes left out)",
    "cue_credibility": (
        "mean credibility (-1..1) of the cues introducing the actor's words, 0 when none"
    ),
    "cues_distancing": (
        "log(1 + the actor's attributions with a negative-credibility cue: claimed, insisted, "
        "admitted)"
    ),
    "cues_endorsing": (
        "log(1 + the actor's attributions with a positive-credibility cue: noted, explained)"
    ),
    "accused": (
        "log(1 + others' accusing or distancing attributions whose content mentions the actor)"
    ),
    "quoted_negative": "log(1 + mentions inside others' words with negative target polarity)",
}
FEATURES: tuple[str, ...] = tuple(FEATURE_NOTES)
#: A small set with one or two signals per kind of evidence, fixed before fitting:
#: what is said about the actor (its worst mention, the summed negativity, the
#: negative words of its clauses), loaded terms near it, how its words are introduced
#: (distancing cues, their mean credibility), others' negative words about it, and its
#: prominence. `framing train portrayal` chooses between it and all FEATURES by
#: cross-validation by event.
COMPACT_FEATURES: tuple[str, ...] = (
    "target_min",
    "negative_mass",
    "negative_words",
    "loaded_near",
    "cues_distancing",
    "cue_credibility",
    "quoted_negative",
    "mentions",
)

_ACCUSING = frozenset({"accusation", "distancing", "denial"})
_NAMED = frozenset({"name", "alias", "partial-name", "group", "nationality", "metonymy"})


def _log(n: float) -> float:
    return math.log1p(max(n, 0.0))


def _inside(start: Any, end: Any, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def headline_names(mentions: Iterable[Mapping[str, Any]]) -> list[str]:
    """Names the actor goes by in the article (mention texts that are names, plus their
    last words), longest first — what is looked for in the headline."""
    names: set[str] = set()
    for mention in mentions:
        if mention.get("resolution") not in _NAMED or not isinstance(mention.get("text"), str):
            continue
        text = re.sub(r"[’']s$", "", mention["text"].strip())
        if len(text) < 3 or not text[:1].isupper():
            continue
        names.add(text)
        last = text.split()[-1]
        if len(last) >= 3 and last[:1].isupper():
            names.add(last)
    return sorted(names, key=len, reverse=True)


def named_in(title: str | None, names: Iterable[str]) -> bool:
    """Whether any of the names stands in the title as a whole word."""
    if not title:
        return False
    return any(_whole_word(n).search(title) for n in names)


@functools.lru_cache(maxsize=65536)
def _whole_word(name: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with missing values as None (plain Python from here on: fast)."""
    if frame is None or frame.empty:
        return []
    columns = [
        frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in frame.columns
    ]
    names = list(frame.columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _by_article(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row["article_id"]].append(row)
    return out


def _joined(mentions: pd.DataFrame, signals: pd.DataFrame) -> list[dict[str, Any]]:
    """Mention records with their signals (None where a mention has none)."""
    by_key = {(r["article_id"], r["start"], r["end"]): r for r in _records(signals)}
    out = []
    for mention in _records(mentions):
        signal = by_key.get((mention["article_id"], mention["start"], mention["end"]), {})
        out.append({**signal, **mention})
    return out


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def actor_features(
    mentions: pd.DataFrame,
    signals: pd.DataFrame,
    loaded_terms: pd.DataFrame,
    attributions: pd.DataFrame,
    titles: Mapping[str, str | None],
    texts: Mapping[str, str],
) -> pd.DataFrame:
    """One row per (article_id, actor) with an actor mention: the FEATURES.

    `mentions` is mentions.csv, `signals` the per-mention signals (same article_id,
    start, end), `loaded_terms` and `attributions` their tables, `titles` the headline
    of each article (None where there is none), `texts` the article texts."""
    from analysis.sentiment import vader_scores

    columns = ["article_id", "actor", *FEATURES]
    joined = [m for m in _joined(mentions, signals) if m.get("actor")]
    if not joined:
        return pd.DataFrame(columns=columns)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for mention in joined:
        groups[(mention["article_id"], mention["actor"])].append(mention)
        totals[mention["article_id"]] += 1
    terms_in = _by_article(_writer_terms(_records(loaded_terms)))
    cues_in = _by_article(_writer_cues(_records(attributions)))
    tones: dict[str, float] = {}
    rows = []
    for (article_id, actor), group in sorted(groups.items()):
        n = len(group)
        row: dict[str, Any] = {"article_id": article_id, "actor": actor}
        row["mentions"] = _log(n)
        row["mention_share"] = n / totals[article_id]
        title = titles.get(article_id)
        in_headline = named_in(title, headline_names(group))
        row["headline"] = float(in_headline)
        if in_headline and article_id not in tones:
            tones[article_id] = vader_scores(title)["compound"]
        row["headline_tone"] = tones[article_id] if in_headline else 0.0
        row["lede"] = float(any(m.get("paragraph") == 0 for m in group))
        target = [m.get("target") or 0.0 for m in group]
        negative_n = sum(t < -TARGET_THRESHOLD for t in target)
        positive_n = sum(t > TARGET_THRESHOLD for t in target)
        row["target_mean"] = _mean(target)
        row["target_negative"] = negative_n / n
        row["target_positive"] = positive_n / n
        row["negative_mentions"] = _log(negative_n)
        row["positive_mentions"] = _log(positive_n)
        row["target_min"] = min(target)
        row["negative_mass"] = _log(sum(-t for t in target if t < 0))
        scopes = sorted(
            {
                (int(m["scope_start"]), int(m["scope_end"]))
                for m in group
                if m.get("scope_start") is not None and m.get("scope_end") is not None
            }
        )
        negative, positive = _valenced_words(texts.get(article_id), scopes)
        row["negative_words"], row["positive_words"] = _log(negative), _log(positive)
        row["mood_mean"] = _mean([m.get("mood") or 0.0 for m in group])
        about = [m.get("about") or 0.0 for m in group]
        row["described_negative"] = _log(sum(a < -TONE_THRESHOLD for a in about))
        row["described_positive"] = _log(sum(a > TONE_THRESHOLD for a in about))
        row["agent_negative_act"] = (
            sum(m.get("role") == "agent" and (m.get("act") or 0.0) < -TONE_THRESHOLD for m in group)
            / n
        )
        row["victim"] = (
            sum(
                m.get("role") == "patient" and (m.get("act") or 0.0) < -TONE_THRESHOLD
                for m in group
            )
            / n
        )
        here = terms_in.get(article_id, [])
        row["loaded_about"] = _log(sum(t.get("actor") == actor for t in here))
        row["loaded_near"] = _log(sum(_inside(t["start"], t["end"], scopes) for t in here))
        sentences = {
            (int(m["sentence_start"]), int(m["sentence_end"]))
            for m in group
            if m.get("sentence_start") is not None and m.get("sentence_end") is not None
        }
        row["loaded_sentence"] = _log(sum(_inside(t["start"], t["end"], sentences) for t in here))
        row.update(_cue_features(cues_in.get(article_id, []), actor, group))
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _valenced_words(text: str | None, spans: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """(negative, positive) VADER lexicon words (|valence| >= 1) in the spans of a text,
    each distinct span counted once."""
    from analysis.sentiment import vader_lexicon

    if not text:
        return 0, 0
    lexicon = vader_lexicon()
    negative = positive = 0
    for start, end in spans:
        for word in _WORD.findall(text[start:end].lower()):
            valence = lexicon.get(word, 0.0)
            negative += valence <= -1.0
            positive += valence >= 1.0
    return negative, positive


def _writer_terms(terms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Loaded terms that are the writer's evaluations: no hedges, none inside quotes."""
    return [t for t in terms if t.get("category") not in NOT_EVALUATIVE and not t.get("in_quote")]


def _writer_cues(attributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attributions whose cue is the writer's (not inside someone's quote)."""
    return [a for a in attributions if not a.get("in_quote")]


def _cue_features(
    cues: list[dict[str, Any]], actor: str, group: list[dict[str, Any]]
) -> dict[str, float]:
    """Features of the writer's cues of one article about one actor."""
    credibility = [
        float(c["credibility"])
        for c in cues
        if c.get("actor") == actor and c.get("credibility") is not None
    ]
    own = sum(c.get("actor") == actor for c in cues)
    others = [c for c in cues if c.get("actor") != actor and c.get("content_start") is not None]
    spans = [(int(c["content_start"]), int(c["content_end"])) for c in others]
    accusing = [
        (int(c["content_start"]), int(c["content_end"]))
        for c in others
        if c.get("stance") in _ACCUSING
    ]
    accused = sum(any(s <= m["start"] and m["end"] <= e for m in group) for s, e in accusing)
    quoted_negative = sum(
        (m.get("target") or 0.0) < -TARGET_THRESHOLD and _inside(m["start"], m["end"], spans)
        for m in group
    )
    return {
        "cues": _log(own),
        "cue_credibility": _mean(credibility),
        "cues_distancing": _log(sum(c < 0 for c in credibility)),
        "cues_endorsing": _log(sum(c > 0 for c in credibility)),
        "accused": _log(accused),
        "quoted_negative": _log(quoted_negative),
    }


#: The per-mention signal fields a `mention` evidence row carries.
MENTION_FIELDS = (
    "role",
    "target",
    "scope_start",
    "scope_end",
    "sentence_start",
    "sentence_end",
    "mood",
    "about",
    "about_text",
    "act",
    "act_text",
)
EVIDENCE_COLUMNS = [
    "article_id",
    "actor",
    "kind",
    "start",
    "end",
    "text",
    "value",
    *MENTION_FIELDS,
    "paragraph",
    "category",
    "stance",
]

#: Evidence columns that hold text (or nothing).
TEXT_COLUMNS = (
    "article_id", "actor", "kind", "text", "role", "about_text", "act_text", "category", "stance"
)  # fmt: skip


def evidence_rows(
    mentions: pd.DataFrame,
    signals: pd.DataFrame,
    loaded_terms: pd.DataFrame,
    attributions: pd.DataFrame,
) -> pd.DataFrame:
    """The evidence behind each portrayal, one row per piece: `kind` is `mention` (with
    its target polarity as `value` and its signals), `loaded_term` (about the actor;
    `category`, the loaded-word tagger's score as `value` where it has one), `cue` (a
    cue introducing the actor's words; `stance`, credibility as `value`) or
    `accused_in` (another source's accusing or distancing attribution whose content
    names the actor). Offsets index the article text."""
    rows: list[dict[str, Any]] = []
    joined = [m for m in _joined(mentions, signals) if m.get("actor")]
    for record in joined:
        rows.append(
            {
                "article_id": record["article_id"],
                "actor": record["actor"],
                "kind": "mention",
                "start": record["start"],
                "end": record["end"],
                "text": record["text"],
                "value": record.get("target"),
                **{k: record.get(k) for k in MENTION_FIELDS},
                "paragraph": record.get("paragraph"),
            }
        )
    for record in _writer_terms(_records(loaded_terms)):
        if record.get("actor"):
            rows.append(
                {
                    "article_id": record["article_id"],
                    "actor": record["actor"],
                    "kind": "loaded_term",
                    "start": record["start"],
                    "end": record["end"],
                    "text": record["text"],
                    "value": record.get("score"),  # the tagger's score, where it has one
                    "category": record["category"],
                }
            )
    mentions_in = _by_article(joined)
    for record in _writer_cues(_records(attributions)):
        if record.get("actor"):
            rows.append(
                {
                    "article_id": record["article_id"],
                    "actor": record["actor"],
                    "kind": "cue",
                    "start": record["cue_start"],
                    "end": record["cue_end"],
                    "text": record["cue"],
                    "value": record["credibility"],
                    "stance": record["stance"],
                }
            )
        if record.get("stance") in _ACCUSING and record.get("content_start") is not None:
            named = {
                m["actor"]
                for m in mentions_in.get(record["article_id"], [])
                if m["actor"] != record.get("actor")
                and record["content_start"] <= m["start"]
                and m["end"] <= record["content_end"]
            }
            for actor in sorted(named):
                rows.append(
                    {
                        "article_id": record["article_id"],
                        "actor": actor,
                        "kind": "accused_in",
                        "start": record["cue_start"],
                        "end": record["cue_end"],
                        "text": record["cue"],
                        "value": record["credibility"],
                        "stance": record["stance"],
                    }
                )
    rows.sort(key=lambda r: (r["article_id"], r["actor"], r["start"], r["kind"]))
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    for column in (
        "start", "end", "scope_start", "scope_end", "sentence_start", "sentence_end", "paragraph"
    ):  # fmt: skip
        frame[column] = frame[column].astype("Int64")
    for column in TEXT_COLUMNS:  # typed even where a chunk has no value (`--jobs`, dask)
        frame[column] = frame[column].astype("str")
    return frame
