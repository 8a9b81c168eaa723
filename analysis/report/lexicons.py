"""Lexicon views for the lexicons notebook: cues and loaded terms met, coverage, and
writing a user lexicon file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.report.views import _writer

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
