"""Which words or cues distinguish one group of texts from another.

The score is the log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", Political Analysis 16(4) — the measure
scattertext and most framing studies use. Raw frequency differences favour common
words and raw log-odds favour rare ones; shrinking each group's counts toward a
background distribution (the prior) and dividing by the estimate's standard error gives a
z-score that ranks terms by how *reliably* one group uses them more than the other.

For a term w with counts y_a, y_b in groups of sizes n_a, n_b and prior pseudo-counts
alpha_w (summing to alpha_0 over the compared vocabulary):

    log_odds_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
               - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
    variance_w = 1/(y_a + alpha_w) + 1/(n_a + alpha_0 - y_a - alpha_w)
               + 1/(y_b + alpha_w) + 1/(n_b + alpha_0 - y_b - alpha_w)
    z_w        = log_odds_w / sqrt(variance_w)

Monroe et al.'s equation 20 drops the two complement terms of the variance (they are
negligible for large corpora); they are kept here because the kit's groups (cues per
camp, loaded terms per outlet) are small. Positive z: group A uses the term more;
|z| > 1.96 is the conventional 95% line (not corrected for the many terms tested).

For more than two groups (outlets), `distinguishing_terms` scores each group against
all the others together. Words come from `word_rows`, which keeps out what tells
outlets apart without being framing: their own names, bylines, datelines and house
style (honorifics such as "Mr.", "Sen.", state abbreviations), listed in the editable
stop list `analysis/data/compare_stoplist.csv`, plus the words of each outlet's name;
dotted initials count as the same word as undotted ones ("F.B.I." is "fbi").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

LOG_ODDS_COLUMNS = ["term", "count_a", "count_b", "log_odds", "variance", "z"]

#: Pseudo-count given to a term that the supplied prior (background corpus) lacks.
MISSING_PRIOR_COUNT = 0.5

Counts = Mapping[str, float] | pd.Series


def _as_series(counts: Counts | None) -> pd.Series:
    if counts is None:
        return pd.Series(dtype=float)
    series = counts if isinstance(counts, pd.Series) else pd.Series(dict(counts), dtype=float)
    series = series.astype(float)
    series.index = series.index.astype(str)
    return series.groupby(level=0).sum()


def log_odds(
    counts_a: Counts,
    counts_b: Counts,
    prior: Counts | None = None,
    prior_scale: float | None = None,
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior, group A against group B.

    `counts_a`, `counts_b`: term -> count (a dict or a Series indexed by term).
    `prior`: term -> background count, the distribution the estimates shrink toward;
    default: the two groups pooled. Terms the prior lacks get `MISSING_PRIOR_COUNT`.
    `prior_scale`: alpha_0, the total weight of the prior in pseudo-counts; default:
    the number of tokens compared (n_a + n_b), so prior and data weigh the same. Larger
    values shrink rare terms harder toward "no difference".

    Returns one row per term used by either group — `term, count_a, count_b, log_odds,
    variance, z` — sorted by z, highest (most typical of A) first. A vocabulary of a
    single term has no odds to compare: its scores are NaN.
    """
    a, b = _as_series(counts_a), _as_series(counts_b)
    terms = a.index.union(b.index)
    a = a.reindex(terms, fill_value=0.0)
    b = b.reindex(terms, fill_value=0.0)
    keep = (a + b) > 0
    a, b = a[keep], b[keep]
    if a.empty:
        return pd.DataFrame({column: [] for column in LOG_ODDS_COLUMNS}).astype(
            {"term": object, "count_a": int, "count_b": int}
        )
    if prior is None:
        background = a + b
    else:
        background = _as_series(prior).reindex(a.index).fillna(0.0)
        background = background.where(background > 0, MISSING_PRIOR_COUNT)
    n_a, n_b = float(a.sum()), float(b.sum())
    alpha_0 = float(n_a + n_b if prior_scale is None else prior_scale)
    if alpha_0 <= 0:
        raise ValueError(f"prior_scale must be positive, got {prior_scale!r}")
    alpha = background / background.sum() * alpha_0

    with np.errstate(divide="ignore", invalid="ignore"):
        in_a, rest_a = a + alpha, n_a + alpha_0 - a - alpha
        in_b, rest_b = b + alpha, n_b + alpha_0 - b - alpha
        delta = np.log(in_a / rest_a) - np.log(in_b / rest_b)
        variance = 1.0 / in_a + 1.0 / rest_a + 1.0 / in_b + 1.0 / rest_b
        z = delta / np.sqrt(variance)
    table = pd.DataFrame(
        {
            "term": a.index.astype(object),
            "count_a": a.to_numpy().round().astype(int),
            "count_b": b.to_numpy().round().astype(int),
            "log_odds": delta.to_numpy(),
            "variance": variance.to_numpy(),
            "z": z.to_numpy(),
        }
    ).replace([np.inf, -np.inf], np.nan)
    table = table.sort_values(["z", "term"], ascending=[False, True], na_position="last")
    return table.reset_index(drop=True)


def term_counts(table: pd.DataFrame, term: str, group: str) -> pd.DataFrame:
    """Counts of each term per group from a tidy table with one row per occurrence,
    e.g. `term_counts(attributions, "cue_lemma", "camp")` or
    `term_counts(loaded_terms_with_outlet, "lemma", "outlet")`.

    Returns a wide table: one row per term (the index), one column per group, integer
    counts. Rows whose term or group is missing are left out."""
    if table.empty or term not in table or group not in table:
        return pd.DataFrame(dtype=int)
    rows = table[[term, group]].dropna()
    rows = rows[rows[term].astype(str).str.strip() != ""]
    if rows.empty:
        return pd.DataFrame(dtype=int)
    counts = pd.crosstab(rows[term].astype(str), rows[group].astype(str))
    counts.index.name, counts.columns.name = term, group
    return counts.astype(int)


def compare_groups(
    table: pd.DataFrame,
    term: str,
    group: str,
    group_a: str,
    group_b: str | None = None,
    *,
    prior: Counts | None = None,
    prior_scale: float | None = None,
) -> pd.DataFrame:
    """Terms that distinguish `group_a` from `group_b` (or, when `group_b` is None,
    from all other groups together) in a tidy table, scored by `log_odds`.

    The prior defaults to the term counts of the whole table (every group), so that
    the background is the corpus the groups come from, as in Monroe et al. (2008)."""
    counts = term_counts(table, term, group)
    if counts.empty:
        return log_odds({}, {})
    in_a = counts[group_a] if group_a in counts else pd.Series(0, index=counts.index)
    if group_b is None:
        others = [column for column in counts.columns if column != group_a]
        in_b = counts[others].sum(axis=1)
    else:
        in_b = counts[group_b] if group_b in counts else pd.Series(0, index=counts.index)
    background = counts.sum(axis=1) if prior is None else prior
    return log_odds(in_a, in_b, prior=background, prior_scale=prior_scale)


# ------------------------------------------------------------------ k groups, words

#: Columns of `distinguishing_terms`: one row per group × term.
DISTINGUISHING_COLUMNS = [
    "group",
    "term",
    "count",
    "count_rest",
    "log_odds",
    "z",
    "rank",
]

#: The editable stop list of `word_rows` (see analysis/data/README.md).
STOPLIST_FILE = "data/compare_stoplist.csv"

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
#: Dotted initials, counted as one word without the dots: the NYT's "F.B.I." is the
#: others' "FBI" (house style, not wording).
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")


@dataclass(frozen=True)
class Stoplist:
    """What `word_rows` keeps out of a comparison of outlets' words: single `words`
    (lower-cased), `phrases` (masked, case-insensitively, before words are counted,
    so "Fox News" leaves no "news" behind) and regular-expression `patterns`
    (datelines, party-state tags such as "(R-Ariz.)")."""

    words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()

    def extended(self, words: Iterable[str] = (), phrases: Iterable[str] = ()) -> Stoplist:
        """This list plus more words and phrases (e.g. the corpus' outlet names)."""
        return Stoplist(
            self.words | {w.lower() for w in words},
            tuple(dict.fromkeys([*self.phrases, *(p.lower() for p in phrases)])),
            self.patterns,
        )


def load_stoplist(path: str | Path | None = None) -> Stoplist:
    """The stop list in `path` (default: the bundled `analysis/data/compare_stoplist.csv`).
    Columns: `term`, `match` (`word`, `phrase` or `pattern`), `kind` (outlet, byline,
    dateline, honorific, abbreviation: for the reader), `note`. A bad pattern or match
    value is an error naming the row."""
    from analysis.config import package_data

    source = Path(path) if path is not None else package_data(STOPLIST_FILE)
    table = pd.read_csv(source, dtype=str, keep_default_na=False)
    missing = {"term", "match"} - set(table.columns)
    if missing:
        raise ValueError(f"{source}: stop list needs the columns term, match ({missing} missing)")
    words, phrases, patterns = set(), [], []
    for number, row in enumerate(table.to_dict("records"), start=2):
        term, match = row["term"].strip(), row["match"].strip().lower()
        if not term:
            continue
        if match == "word":
            words.add(term.lower())
        elif match == "phrase":
            phrases.append(term.lower())
        elif match == "pattern":
            try:
                re.compile(term)
            except re.error as error:
                raise ValueError(f"{source} line {number}: bad pattern {term!r}: {error}") from None
            patterns.append(term)
        else:
            raise ValueError(
                f"{source} line {number}: match must be word, phrase or pattern, got {match!r}"
            )
    return Stoplist(frozenset(words), tuple(phrases), tuple(patterns))


def outlet_name_terms(outlets: Iterable[str | None]) -> tuple[set[str], set[str]]:
    """Words and phrases of the outlets' own names ("The Daily Star" → phrase "the daily
    star", words "daily", "star"; "the" and other stop words are kept out)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words, phrases = set(), set()
    for name in outlets:
        if not name or not str(name).strip():
            continue
        text = str(name).lower()
        phrases.add(" ".join(text.split()))
        words |= {w for w in _WORD.findall(text) if w not in STOP_WORDS}
    return words, phrases


def _masked(text: str, stoplist: Stoplist) -> str:
    for pattern in stoplist.patterns:
        text = re.sub(pattern, " ", text)
    if stoplist.phrases:
        alternatives = "|".join(
            re.escape(p) for p in sorted(stoplist.phrases, key=len, reverse=True)
        )
        text = re.sub(rf"(?<!\w)(?:{alternatives})(?!\w)", " ", text, flags=re.IGNORECASE)
    return text


def word_rows(
    articles: Sequence,
    *,
    stoplist: Stoplist | None = None,
    group: str = "outlet",
    min_length: int = 3,
) -> pd.DataFrame:
    """One row per word of each article's body (headline and boilerplate left out):
    `article_id`, `group` (the article's outlet, or its `event`), `word` — lower-cased,
    English stop words, words under `min_length` letters and the stop list left out.
    The stop list (default: the bundled one) is extended with the words of every
    outlet name in `articles`, so no outlet is told apart by its own name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    articles = list(articles)
    stoplist = stoplist if stoplist is not None else load_stoplist()
    words, phrases = outlet_name_terms(a.outlet for a in articles)
    stoplist = stoplist.extended(words, phrases)
    rows = []
    for article in articles:
        label = getattr(article, group, None) or f"unknown {group}"
        text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), _masked(article.body, stoplist))
        for match in _WORD.finditer(text):
            word = match.group().lower().replace("’", "'").removesuffix("'s")
            if len(word) >= min_length and word not in STOP_WORDS and word not in stoplist.words:
                rows.append((article.id, label, word))
    return pd.DataFrame(rows, columns=["article_id", group, "word"])


def distinguishing_terms(
    table: pd.DataFrame,
    term: str,
    group: str,
    *,
    min_count: int = 5,
    prior_scale: float | None = None,
    k: int | None = None,
) -> pd.DataFrame:
    """For k groups: the terms that distinguish each group from all the others together
    (not only two groups), by `log_odds` with an informative Dirichlet prior — the
    whole table's term counts as the background, weighing as much as the compared
    tokens unless `prior_scale` says otherwise (so the prior scales with the corpus).
    Terms used fewer than `min_count` times in all are left out. Returns
    `DISTINGUISHING_COLUMNS`, each group's terms by z (most typical first); with `k`,
    only each group's top `k` with z > 0."""
    counts = term_counts(table, term, group)
    if counts.empty:
        return pd.DataFrame(columns=DISTINGUISHING_COLUMNS)
    counts = counts[counts.sum(axis=1) >= min_count]
    if counts.empty or counts.shape[1] < 2:
        return pd.DataFrame(columns=DISTINGUISHING_COLUMNS)
    background = counts.sum(axis=1)
    parts = []
    for name in counts.columns:
        scores = log_odds(
            counts[name], background - counts[name], prior=background, prior_scale=prior_scale
        )
        scores = scores.rename(columns={"count_a": "count", "count_b": "count_rest"})
        scores.insert(0, "group", name)
        if k is not None:
            scores = scores[scores["z"] > 0].head(k)
        scores["rank"] = range(1, len(scores) + 1)
        parts.append(scores[DISTINGUISHING_COLUMNS])
    return pd.concat(parts, ignore_index=True)
