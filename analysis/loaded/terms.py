"""Loaded terms in one parsed article: lexicon matches, scare quotes and the trained
tagger's words, each with a category, a source and whom it is about; and the
evaluative words the lexicon does not know (candidates for new entries)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from analysis.loaded.about import about_span
from analysis.loaded.categories import (
    is_descriptive,
    is_loaded,
    lexicon_category,
    model_category,
    names_an_identity,
)
from analysis.loaded.features import lexicon_scores
from analysis.loaded.lexicon import LoadedEntry, LoadedLexicon, default_lexicon, sense_ok
from analysis.loaded.model import LoadedTagger, load_tagger
from analysis.loaded.quotes import (
    SCARE_QUOTE,
    SCARE_QUOTE_SOURCE,
    find_scare_quotes,
    quotation_pairs,
)
from analysis.records import Article

#: Columns of the contract's loaded_terms.csv (plus the extra columns of LoadedTerm).
TABLE_COLUMNS = (
    "article_id",
    "start",
    "end",
    "text",
    "lemma",
    "category",
    "source",
    "actor",
    "about_start",
    "about_end",
    "about_text",
    "in_quote",
    "subcategory",
    "origin",
    "score",
    "loaded",
)


@dataclass(frozen=True)
class LoadedTerm:
    """A loaded term (or scare quote) found in an article."""

    article_id: str
    start: int  # offsets into article.text; text == article.text[start:end]
    end: int
    text: str
    lemma: str
    category: str
    source: str  # provenance of the lexicon entry; `model` for the trained tagger's words
    about_start: int | None = None  # the noun phrase the term modifies or describes
    about_end: int | None = None
    about_text: str | None = None
    in_quote: bool = False  # inside quotation marks: the source's word, not the writer's
    subcategory: str | None = None  # the lexicon entry's own category (emotive, naming ...)
    origin: str = "lexicon"  # lexicon | rule (scare quotes) | model
    score: float | None = None  # the tagger's probability (model terms only)

    @property
    def loaded(self) -> bool:
        """Whether the term counts as loaded: every category except `hedge`."""
        return is_loaded(self.category)


@dataclass(frozen=True)
class Candidate:
    """A word in an evaluative position that the lexicon does not know."""

    article_id: str
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    position: str  # modifier | predicate | apposition
    tagged: bool = False  # the trained tagger marks this occurrence as loaded


# --------------------------------------------------------------------------- tagging


def find_loaded_terms(
    article: Article,
    doc: Doc,
    lexicon: LoadedLexicon | None = None,
    quote_spans: Iterable[tuple[int, int]] = (),
    *,
    scare_quotes: bool = True,
    max_scare_words: int = 4,
    use_model: bool = True,
    tagger: LoadedTagger | None = None,
) -> list[LoadedTerm]:
    """Loaded terms, scare quotes and hedges in one parsed article, in text order.

    Three origins: lexicon matches whose sense guards pass (`origin="lexicon"`), scare
    quotes (`origin="rule"`), and the words the trained tagger marks that no lexicon
    match covers (`origin="model"`, `source="model"`, with its probability in `score`;
    `use_model=False` gives the lexicon-only tagger, `tagger` another model). Labels
    used descriptively ("the Sept. 11 terrorist attacks") are left out. Hedges keep
    `category="hedge"` and are not loaded (`LoadedTerm.loaded`).

    `quote_spans`: (start, end) offsets of material the attribution layer attributed to
    a source (the content of direct and mixed quotes). A quoted word overlapping one of
    them is the source's word, never a scare quote (except right after "so-called").
    `in_quote` is true for terms inside quotation marks: the source's words, not the
    writer's.
    """
    lexicon = lexicon if lexicon is not None else default_lexicon()
    quote_spans = [tuple(s) for s in quote_spans]
    pairs = quotation_pairs(article.text, article.body_start, article.body_end)
    quoted = [(o + 1, c) for o, c in pairs]  # in_quote: inside quotation marks only

    matched: list[tuple[Span, LoadedEntry]] = []
    for start, end, term in lexicon.matches(doc):
        span = Span(doc, start, end, label=term)
        entry = lexicon[term]
        if sense_ok(span, entry):
            matched.append((span, entry))
    categories: dict[int, str] = {}
    for span, entry in matched:
        for i in range(span.start, span.end):
            categories.setdefault(i, entry.category)
    found = _longest(
        [
            (span, entry)
            for span, entry in matched
            if article.body_start <= span.start_char
            and span.end_char <= article.body_end
            and not is_descriptive(span)
        ]
    )

    terms = [
        _term(
            article,
            span,
            lexicon_category(entry.category, span.root),
            entry.source,
            quoted,
            lemma=entry.term,
            subcategory=entry.category,
        )
        for span, entry in found
    ]
    covered = {i for span, _ in matched for i in range(span.start, span.end)}
    if scare_quotes:
        for start, end, span, (open_, close) in find_scare_quotes(
            article, doc, pairs, quote_spans, max_scare_words
        ):
            others = [q for q in quoted if q != (open_ + 1, close)]
            terms.append(
                _term(
                    article,
                    span,
                    SCARE_QUOTE,
                    SCARE_QUOTE_SOURCE,
                    others,
                    bounds=(start, end),
                    origin="rule",
                )
            )
            covered.update(range(span.start, span.end))
    if use_model:
        tagger = tagger if tagger is not None else load_tagger()
        terms.extend(_model_terms(article, doc, tagger, lexicon, categories, covered, quoted))
    terms.sort(key=lambda t: (t.start, t.end, t.category))
    return terms


def _model_terms(
    article: Article,
    doc: Doc,
    tagger: LoadedTagger,
    lexicon: LoadedLexicon,
    categories: Mapping[int, str],
    covered: set[int],
    quoted: Sequence[tuple[int, int]],
) -> list[LoadedTerm]:
    """Runs of words the tagger marks (no lexicon match or scare quote covering them),
    one term per run; a hyphen between two marked words joins them ("far-left")."""
    probabilities = tagger.loaded_tokens(doc, lexicon, categories)
    marked = sorted(
        i
        for i in probabilities
        if i not in covered
        and article.body_start <= doc[i].idx
        and doc[i].idx + len(doc[i].text) <= article.body_end
    )
    runs: list[list[int]] = []
    for i in marked:
        if runs and (i == runs[-1][-1] + 1 or _joined_by_hyphen(doc, runs[-1][-1], i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    terms = []
    for run in runs:
        run = _content_run(doc, run)
        if not run:
            continue
        span = doc[run[0] : run[-1] + 1]
        if is_descriptive(span):
            continue
        if _half_compound(doc, run):
            continue  # "closed-[door]", "front-[runner]", "[blue]-collar": a literal part
        if names_an_identity([doc[i] for i in run]):
            continue  # "a [gay] nightclub", "[black] and Hispanic voters": who, not a judgement
        score = max(probabilities[i] for i in run)
        if score < NOUN_THRESHOLD and all(doc[i].pos_ == "NOUN" for i in run):
            continue  # a plain noun needs more than the tagger's threshold
        if score < NAME_THRESHOLD and all(_named(doc[i]) for i in run):
            continue  # a name alone ("Trump", "Democrats") needs more still
        intensifier = any(_pattern_intensifier(doc[i]) for i in run)
        terms.append(
            _term(
                article,
                span,
                model_category(span, intensifier=intensifier),
                "model",
                quoted,
                origin="model",
                score=round(score, 4),
            )
        )
    return terms


#: The probability a run of nouns alone needs to be a loaded term (the tagger's own
#: threshold, 0.1, applies to every other run). Nouns are the tagger's weakest class:
#: on the loaded dev split its noun tokens were right 25% of the time (adjectives 49%,
#: verbs 46%, adverbs 57%), and on BASIL its nouns were mostly topic words ("war",
#: "filibuster", "elephant", "door", "man", scored 0.1-0.3). Chosen on that dev split
#: from 0.15-0.5 (token F1 0.460 -> 0.479; benchmarks/RESULTS.md).
NOUN_THRESHOLD = 0.2

#: Parts of speech that carry no judgement on their own: a marked run is trimmed of them
#: at both ends, and a run of nothing else ("a", "out", "the") is no term. The tagger
#: learns them from annotated phrases (PTC marks "a bigoted and malicious shell"), but
#: alone they are noise in a count of loaded words.
FUNCTION_POS = frozenset(
    {"DET", "ADP", "CCONJ", "SCONJ", "PRON", "PART", "AUX", "PUNCT", "SPACE", "NUM", "SYM", "X"}
)


#: The probability a run of nothing but names ("Trump", "Democrats": entity tokens or
#: proper nouns) needs. Names are loaded now and then ("Obamacare", "Democrat Party"):
#: dropping them all cost recall on the loaded train split (token F1 0.448 -> 0.443 on
#: 3,000 sentences), but on BASIL the tagger marked plain names at 0.11-0.18.
NAME_THRESHOLD = 0.2
_NAME_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def _named(token: Token) -> bool:
    return token.ent_type_ in _NAME_ENTS or token.pos_ == "PROPN"


def _half_compound(doc: Doc, run: list[int]) -> bool:
    """Whether the run is one side of a hyphenated word whose other side the tagger
    left alone ("closed-door", "front-runner", "blue-collar", "half-century"): the
    compound as a whole is the word, and its literal part alone is no loaded term."""
    first, last = run[0], run[-1]
    before = first >= 2 and doc[first - 1].text in ("-", "–") and not doc[first - 2].whitespace_
    after = last + 2 < len(doc) and doc[last + 1].text in ("-", "–") and not doc[last].whitespace_
    return before or after


def _content_run(doc: Doc, run: list[int]) -> list[int]:
    """The run without function words at either end (empty if it has no content word)."""
    first, last = 0, len(run) - 1
    while first <= last and doc[run[first]].pos_ in FUNCTION_POS:
        first += 1
    while last >= first and doc[run[last]].pos_ in FUNCTION_POS:
        last -= 1
    return run[first : last + 1]


def _pattern_intensifier(token: Token) -> bool:
    """Whether TextBlob's pattern lexicon gives the word an intensity ("very")."""
    pattern = lexicon_scores().pattern.get(token.lower_)
    if not pattern:
        return False
    return (pattern.get(None) or next(iter(pattern.values())))[2] != 1.0


def _joined_by_hyphen(doc: Doc, left: int, right: int) -> bool:
    return right == left + 2 and doc[left + 1].text in ("-", "–")


def _term(
    article: Article,
    span: Span,
    category: str,
    source: str,
    quoted: Sequence[tuple[int, int]],
    lemma: str | None = None,
    bounds: tuple[int, int] | None = None,
    *,
    subcategory: str | None = None,
    origin: str = "lexicon",
    score: float | None = None,
) -> LoadedTerm:
    start, end = bounds or (span.start_char, span.end_char)
    if lemma is None:
        lemma = "".join(t.lemma_.lower() + t.whitespace_ for t in span if not t.is_quote)
    about = about_span(span)
    about_start = about_end = None
    about_text = None
    if about is not None:
        about_start, about_end = about
        about_text = article.text[about_start:about_end]
    return LoadedTerm(
        article_id=article.id,
        start=start,
        end=end,
        text=article.text[start:end],
        lemma=" ".join(lemma.split()),
        category=category,
        source=source,
        about_start=about_start,
        about_end=about_end,
        about_text=about_text,
        in_quote=any(s <= start and end <= e for s, e in quoted),
        subcategory=subcategory,
        origin=origin,
        score=score,
    )


def _longest(found: list[tuple[Span, LoadedEntry]]) -> list[tuple[Span, LoadedEntry]]:
    """Overlapping matches: keep the longest ("puppet government" over "puppet")."""
    found = sorted(found, key=lambda f: (-(f[0].end - f[0].start), f[0].start))
    kept: list[tuple[Span, LoadedEntry]] = []
    used: set[int] = set()
    for span, entry in found:
        if used.isdisjoint(range(span.start, span.end)):
            kept.append((span, entry))
            used.update(range(span.start, span.end))
    return sorted(kept, key=lambda f: f[0].start)


# --------------------------------------------------------------------------- candidates


def loaded_candidates(
    article: Article,
    doc: Doc,
    lexicon: LoadedLexicon | None = None,
    terms: Sequence[LoadedTerm] = (),
) -> list[Candidate]:
    """Adjectives and nouns in evaluative positions that the lexicon does not know:
    prenominal adjectives ("a *crude* fabrication"), predicate adjectives and nouns
    ("the claim is *baseless*", "X is a *liar*") and appositions ("X, a *hardliner*").
    Counted over a corpus (`stance.unknown_cues`), they show a researcher which words
    to consider adding. `terms` (what `find_loaded_terms` found in the article) marks
    the candidates the trained tagger read as loaded there (`tagged`): most words in
    these positions are plain description ("federal", "presidential"), and the tagged
    ones are the ones worth a look first."""
    lexicon = lexicon if lexicon is not None else default_lexicon()
    known = set(lexicon)
    by_model = [(t.start, t.end) for t in terms if t.origin == "model"]
    candidates = []
    for token in doc:
        if token.is_space or token.is_stop or not token.is_alpha or len(token.text) < 3:
            continue
        if token.idx < article.body_start or token.idx >= article.body_end:
            continue
        if token.ent_type_ in _NOT_EVALUATIVE_ENTS:
            continue
        lemma = token.lemma_.lower()
        if lemma in known or token.lower_ in known:
            continue
        position = None
        if token.pos_ == "ADJ" and token.dep_ == "amod":
            position = "modifier"
        elif token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd"):
            position = "predicate"
        elif token.pos_ == "NOUN" and token.dep_ in ("attr", "oprd"):
            position = "predicate"
        elif token.pos_ == "NOUN" and token.dep_ == "appos":
            position = "apposition"
        if position is None:
            continue
        candidates.append(
            Candidate(
                article_id=article.id,
                start=token.idx,
                end=token.idx + len(token.text),
                text=token.text,
                lemma=lemma,
                pos=token.pos_,
                position=position,
                tagged=any(s <= token.idx < e for s, e in by_model),
            )
        )
    return candidates


_NOT_EVALUATIVE_ENTS = frozenset(
    {"NORP", "GPE", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
)


# --------------------------------------------------------------------------- table rows


def loaded_terms_rows(
    terms: Iterable[LoadedTerm], actor_of: Mapping[tuple[str, int, int], str] | None = None
) -> list[dict]:
    """Rows of loaded_terms.csv (TABLE_COLUMNS). `actor_of` maps (article_id,
    about_start, about_end) to a canonical actor where the actor layer resolved one."""
    actor_of = actor_of or {}
    rows = []
    for term in terms:
        row = {column: getattr(term, column, None) for column in TABLE_COLUMNS}
        row["actor"] = actor_of.get((term.article_id, term.about_start, term.about_end))
        rows.append(row)
    return rows
