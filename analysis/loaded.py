"""Loaded language: labels, doubt markers, hedges, intensifiers and scare quotes.

A careful editor flags words that judge rather than report: labels ("the Tessary
regime", "puppet broadcasters", "its Western sponsors"), expressions of doubt
("so-called", "the alleged attack"), hedges ("may", "reportedly"), intensifiers
("utterly"), editorializing ("clearly"), and scare quotes (quotation marks round one word
or a short phrase that nobody is quoted as saying). This module tags them in a parsed
document and says, where the parse tells, whom each one is about.

The lexicon is data: `analysis/lexicons/loaded_terms.csv` (written by the kit team) and
`loaded_terms_wtw.csv` (entries resting on Wikipedia's "Words to watch", CC BY-SA 4.0),
plus any user files (`--lexicon FILE`, same columns), which add or override entries by
term. Columns:

- `term`: lemma form, multi-word allowed ("puppet government", "it be believe"). A
  term matches a run of tokens whose lemmas, or whose lower-cased forms, are its words
  (two spaCy PhraseMatchers), so "regime" finds "Regimes", "it be believe" finds "it
  was believed", and "so-called" and "claimed" match as written.
- `category`: label, doubt, hedge, intensifier, emotive, editorializing, puffery,
  weasel, euphemism, naming ... (free text; scare quotes get `scare_quote`).
- `pos`: allowed coarse parts of speech of the term's head, `|`-separated (empty: any).
  "may" must be AUX (not the month), "sponsor" a NOUN (not "the company sponsors").
- `guard`: a named sense rule: `modifier` (must modify a noun: "the claimed attack", not
  "the blast claimed three lives"), `raising` ("appears to be", not "appeared on
  television"), `before_number` ("about 80 000", not "about the attack"), `speech`
  (used for reporting-cue verbs as loaded words: not "insisted on", "admitted to").
- `not_with`: lemmas that cancel the sense when they modify the term or are modified by
  it ("tax regime", "crude oil", "puppet show").
- `source`, `note`: provenance and why.

Records leave this module as frozen dataclasses with character offsets into
`article.text`; spaCy objects never do.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from analysis.config import PACKAGE_DIR, package_data
from analysis.records import Article

LOADED_FILES = ("loaded_terms.csv", "loaded_terms_wtw.csv")
LOADED_COLUMNS = ("term", "category", "pos", "guard", "not_with", "source", "note")
GUARDS = ("", "modifier", "raising", "before_number", "speech")
SCARE_QUOTE = "scare_quote"
SCARE_QUOTE_SOURCE = "kit rule: quotation marks round a short unattributed phrase (MOS:SCAREQUOTES)"

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
)


class LoadedLexiconError(ValueError):
    """A loaded-terms file that does not follow the format; the message says where."""


@dataclass(frozen=True)
class LoadedEntry:
    """One term of the loaded-language lexicon."""

    term: str  # lemma form, space-separated words
    category: str
    source: str
    pos: tuple[str, ...] = ()  # allowed coarse POS of the head; empty: any
    guard: str = ""  # one of GUARDS
    not_with: frozenset[str] = frozenset()  # lemmas that cancel the sense
    note: str = ""


@dataclass(frozen=True)
class LoadedTerm:
    """A loaded term (or scare quote) found in an article."""

    article_id: str
    start: int  # offsets into article.text; text == article.text[start:end]
    end: int
    text: str
    lemma: str
    category: str
    source: str  # provenance of the lexicon entry
    about_start: int | None = None  # the noun phrase the term modifies or describes
    about_end: int | None = None
    about_text: str | None = None
    in_quote: bool = False  # inside quotation marks: the source's word, not the writer's


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


# --------------------------------------------------------------------------- lexicon


def read_loaded_terms(path: str | Path) -> dict[str, LoadedEntry]:
    """Entries of one loaded-terms CSV, keyed by term; raises LoadedLexiconError."""
    path = Path(path)
    entries: dict[str, LoadedEntry] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"term", "category", "source"} - set(reader.fieldnames or ())
        if missing:
            raise LoadedLexiconError(f"{path}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            term = " ".join((row.get("term") or "").lower().split())
            if not term:
                raise LoadedLexiconError(f"{path}:{line}: empty term")
            category = (row.get("category") or "").strip()
            if not category:
                raise LoadedLexiconError(f"{path}:{line}: empty category")
            guard = (row.get("guard") or "").strip()
            if guard not in GUARDS:
                raise LoadedLexiconError(f"{path}:{line}: guard {guard!r} not in {GUARDS}")
            entries[term] = LoadedEntry(
                term=term,
                category=category,
                source=(row.get("source") or "").strip(),
                pos=_split(row.get("pos"), upper=True),
                guard=guard,
                not_with=frozenset(_split(row.get("not_with"))),
                note=(row.get("note") or "").strip(),
            )
    return entries


def _split(value: str | None, upper: bool = False) -> tuple[str, ...]:
    parts = [p.strip() for p in (value or "").split("|") if p.strip()]
    return tuple(p.upper() if upper else p.lower() for p in parts)


class LoadedLexicon(Mapping[str, LoadedEntry]):
    """Loaded-language entries by term, with the spaCy PhraseMatchers built from them."""

    def __init__(self, entries: Mapping[str, LoadedEntry]):
        self._entries = dict(entries)
        self._matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher, dict[int, str]]] = {}

    def __getitem__(self, term: str) -> LoadedEntry:
        return self._entries[term]

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def with_entries(self, entries: Mapping[str, LoadedEntry]) -> LoadedLexicon:
        """A new lexicon with `entries` added (overriding terms already present)."""
        return LoadedLexicon({**self._entries, **entries})

    def matches(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start token, end token, term) of every run of tokens that matches a term,
        by lemma or by lower-cased form (spaCy PhraseMatchers, built once per vocab)."""
        by_lemma, by_lower, ids = self._phrase_matchers(doc)
        found = {(s, e, ids[m]) for m, s, e in by_lemma(doc)}
        found |= {(s, e, ids[m]) for m, s, e in by_lower(doc)}
        return sorted(found)

    def _phrase_matchers(self, doc: Doc) -> tuple[PhraseMatcher, PhraseMatcher, dict[int, str]]:
        key = id(doc.vocab)
        if key not in self._matchers:
            vocab = doc.vocab
            by_lemma = PhraseMatcher(vocab, attr="LEMMA")
            by_lower = PhraseMatcher(vocab, attr="LOWER")
            ids: dict[int, str] = {}
            for term in self._entries:
                words = list(_term_words(term))
                name = f"loaded::{term}"
                by_lemma.add(name, [Doc(vocab, words=words, lemmas=words)])
                by_lower.add(name, [Doc(vocab, words=words)])
                ids[vocab.strings[name]] = term
            self._matchers[key] = (by_lemma, by_lower, ids)
        return self._matchers[key]


@functools.cache
def _term_words(term: str) -> tuple[str, ...]:
    """The words of a term as spaCy's English tokenizer splits them ("so-called" →
    so, -, called)."""
    words: list[str] = []
    for part in term.split():
        words.extend(w for w in re.split(r"(-)", part) if w)
    return tuple(words)


@functools.cache
def _bundled_entries() -> Mapping[str, LoadedEntry]:
    entries: dict[str, LoadedEntry] = {}
    for name in LOADED_FILES:
        entries.update(read_loaded_terms(package_data(f"lexicons/{name}")))
    return entries


def loaded_lexicon(extra: Iterable[str | Path] = ()) -> LoadedLexicon:
    """The bundled loaded-terms lexicon, with entries of `extra` files added or
    overriding (by term)."""
    entries = dict(_bundled_entries())
    for path in extra:
        entries.update(read_loaded_terms(path))
    return LoadedLexicon(entries)


@functools.cache
def _default_lexicon() -> LoadedLexicon:
    return loaded_lexicon()


def cue_entries(
    stances: Sequence[str] = ("emotive", "distancing"), cues: Mapping | None = None
) -> dict[str, LoadedEntry]:
    """Reporting-cue verbs of the given stance classes as loaded-term entries
    (category `cue_<stance>`), e.g. for scoring against corpora where "slammed" and
    "claimed" are marked loaded. `cues` defaults to `reporting_cues()`."""
    from analysis.lexicons import reporting_cues

    cues = reporting_cues() if cues is None else cues
    entries = {}
    for (cue, kind), info in cues.items():
        if kind != "verb" or info.stance not in stances:
            continue
        entries[cue] = LoadedEntry(
            term=cue,
            category=f"cue_{info.stance}",
            source=info.source,
            pos=("VERB",),
            guard="speech",
            not_with=frozenset({"life", "hospital"}),
            note=info.note,
        )
    return entries


def lexicon_kind(path: str | Path) -> str:
    """`cues` for a reporting-cue file (a `cue` column), `loaded` for a loaded-terms
    file (a `term` column): how `--lexicon FILE` knows which lexicon a file extends."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    columns = {c.strip().lower() for c in header}
    if "cue" in columns:
        return "cues"
    if "term" in columns:
        return "loaded"
    raise LoadedLexiconError(f"{path}: neither a 'cue' nor a 'term' column")


def read_word_list(
    path: str | Path, category: str, source: str, fmt: str = "words"
) -> dict[str, LoadedEntry]:
    """Entries from a third-party word list the user has downloaded (the kit does not
    ship them: MPQA is GPL, Bing Liu's and NRC's lists have their own terms).

    `fmt="words"`: one word per line, `;` or `#` comment lines (Bing Liu's opinion
    lexicon files). `fmt="mpqa"`: MPQA subjectivity clues lines
    (`type=strongsubj len=1 word1=... pos1=adj ...`); only strongly subjective
    adjectives, adverbs and nouns are kept."""
    pos_map = {"adj": ("ADJ",), "adverb": ("ADV",), "noun": ("NOUN",), "verb": ("VERB",)}
    entries: dict[str, LoadedEntry] = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line[0] in ";#":
            continue
        if fmt == "mpqa":
            fields = dict(p.split("=", 1) for p in line.split() if "=" in p)
            if fields.get("type") != "strongsubj" or fields.get("pos1") not in pos_map:
                continue
            word, pos = fields.get("word1", ""), pos_map[fields["pos1"]]
            note = fields.get("priorpolarity", "")
        else:
            word, pos, note = line, (), ""
        word = " ".join(word.lower().split())
        if word:
            entries[word] = LoadedEntry(word, category, source, pos=pos, note=note)
    return entries


def lexicon_versions() -> dict[str, str]:
    """Lexicon file name → version, for run.json: the version given in
    `analysis/lexicons/README.md` (when there is one) and the file's content hash."""
    folder = PACKAGE_DIR / "lexicons"
    declared = _readme_versions(folder / "README.md")
    versions = {}
    for path in sorted(folder.glob("*.csv")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        version = declared.get(path.name)
        versions[path.name] = f"{version} sha256:{digest}" if version else f"sha256:{digest}"
    return versions


def _readme_versions(readme: Path) -> dict[str, str]:
    """`file → version` from the README's table (columns `file` and `version`)."""
    try:
        lines = readme.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    versions: dict[str, str] = {}
    header: list[str] | None = None
    for line in lines:
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        if "file" in header and "version" in header and len(cells) == len(header):
            versions[cells[header.index("file")]] = cells[header.index("version")]
    return versions


# --------------------------------------------------------------------------- tagging


def find_loaded_terms(
    article: Article,
    doc: Doc,
    lexicon: LoadedLexicon | None = None,
    quote_spans: Iterable[tuple[int, int]] = (),
    *,
    scare_quotes: bool = True,
    max_scare_words: int = 4,
) -> list[LoadedTerm]:
    """Loaded terms and scare quotes in one parsed article, in text order.

    `quote_spans`: (start, end) offsets of material the attribution layer attributed to
    a source (the content of direct and mixed quotes). A quoted word overlapping one of
    them is the source's word, never a scare quote (except right after "so-called").
    `in_quote` is true for terms inside quotation marks: the source's words, not the
    writer's.
    """
    lexicon = lexicon if lexicon is not None else _default_lexicon()
    quote_spans = [tuple(s) for s in quote_spans]
    pairs = quotation_pairs(article.text, article.body_start, article.body_end)
    quoted = [(o + 1, c) for o, c in pairs]  # in_quote: inside quotation marks only

    spans = [Span(doc, s, e, label=term) for s, e, term in lexicon.matches(doc)]
    found: list[tuple[Span, LoadedEntry]] = []
    for span in spans:
        entry = lexicon[span.label_]
        if span.start_char < article.body_start or span.end_char > article.body_end:
            continue
        if _sense_ok(span, entry):
            found.append((span, entry))
    found = _longest(found)

    terms = [
        _term(article, span, entry.category, entry.source, quoted, lemma=entry.term)
        for span, entry in found
    ]
    if scare_quotes:
        for start, end, span, (open_, close) in _scare_quotes(
            article, doc, pairs, quote_spans, max_scare_words
        ):
            others = [q for q in quoted if q != (open_ + 1, close)]
            terms.append(
                _term(article, span, SCARE_QUOTE, SCARE_QUOTE_SOURCE, others, bounds=(start, end))
            )
    terms.sort(key=lambda t: (t.start, t.end, t.category))
    return terms


def _term(
    article: Article,
    span: Span,
    category: str,
    source: str,
    quoted: Sequence[tuple[int, int]],
    lemma: str | None = None,
    bounds: tuple[int, int] | None = None,
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


def _sense_ok(span: Span, entry: LoadedEntry) -> bool:
    """Whether the matched words have the sense the entry means (see module doc)."""
    head = span.root
    if entry.pos and head.pos_ not in entry.pos:
        return False
    if entry.not_with:
        close = [c for c in head.children if c.dep_ in _MODIFIER_DEPS + _OBJECT_DEPS]
        near = {c.lemma_.lower() for c in close} | {c.lower_ for c in close}
        if head.dep_ in _MODIFIER_DEPS or head.dep_ in ("dobj", "pobj", "nsubj"):
            near |= {head.head.lemma_.lower(), head.head.lower_}
        if head.dep_ in _MODIFIER_DEPS:  # "crude oil prices": the whole compound
            near |= {t.lemma_.lower() for t in head.head.children if t.dep_ == "compound"}
        if near & entry.not_with:
            return False
    if entry.guard == "modifier":
        return _is_modifier(head)
    if entry.guard == "raising":
        return any(c.dep_ in ("xcomp", "ccomp") for c in head.children)
    if entry.guard == "before_number":
        following = _next_word(span.doc, span.end)
        return following is not None and (following.like_num or following.pos_ == "NUM")
    if entry.guard == "speech":
        following = _next_word(span.doc, span.end)
        return not (following is not None and following.lower_ in ("on", "to", "up"))
    return True


_MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod")
_OBJECT_DEPS = ("dobj", "nsubjpass")  # "claimed three lives", "lives were claimed"


def _is_modifier(token: Token) -> bool:
    """A prenominal modifier of a noun: 'the claimed attack', 'the alleged plot'."""
    return (
        token.dep_ in _MODIFIER_DEPS
        and token.head.pos_ in ("NOUN", "PROPN")
        and token.i < token.head.i
    )


def _next_word(doc: Doc, i: int) -> Token | None:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


# --------------------------------------------------------------------------- about


def about_span(span: Span) -> tuple[int, int] | None:
    """Character offsets of the noun phrase a term is about, where the parse tells:
    the noun a modifier modifies ("the *alleged* attack" → "the alleged attack"), the
    subject of a predicate ("X is a *puppet*" → X), the head of an apposition ("the
    channel, a Kremlin *mouthpiece*" → "the channel"), a label noun's own phrase ("its
    Western *sponsors*"), or the subject of the clause a hedge or adverb qualifies."""
    head = span.root
    target: Token | None = None
    following = _next_word(span.doc, span.end)
    if head.pos_ in ("ADV", "ADP") and following is not None and following.like_num:
        # an approximator: "about 80,000 homes" is about the homes
        number = following
        target = number.head if number.head.pos_ in ("NOUN", "PROPN") else None
    elif head.pos_ == "PROPN":
        target = head  # a name chosen by the writer ("Kiev"): the name itself
    elif head.dep_ in _MODIFIER_DEPS and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        target = head.head
    elif head.dep_ in ("attr", "acomp", "oprd"):
        target = _subject(head.head)
    elif head.dep_ == "appos":
        target = head.head
    elif head.pos_ in ("NOUN", "PROPN"):
        target = head
    elif head.pos_ in ("ADV", "AUX", "PART"):
        target = _subject(head.head)
    elif head.pos_ == "VERB":
        agents = [g for c in head.children if c.dep_ == "agent" for g in c.children]
        target = agents[0] if agents else _subject(head)  # "the story peddled by X": X
    elif head.pos_ == "ADJ" and head.head.pos_ in ("NOUN", "PROPN"):
        target = head.head
    if target is None:
        return None
    return _phrase(target)


def _subject(verb: Token) -> Token | None:
    for _ in range(4):  # climb through auxiliaries and xcomp chains
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "the channel, which allegedly lied"
        if verb.dep_ in ("xcomp", "aux", "auxpass", "conj", "advcl") and verb.head is not verb:
            verb = verb.head
        else:
            break
    return None


def _phrase(token: Token) -> tuple[int, int]:
    """The noun chunk `token` heads (for a possessor or compound inside a chunk, the
    words up to it), else the token; quote marks and punctuation at
    its edges left out."""
    doc = token.doc
    start, end = token.i, token.i + 1
    for chunk in _chunks(doc):
        if chunk.start <= token.i < chunk.end:
            if chunk.root == token:
                start, end = chunk.start, chunk.end
            else:  # a possessor or compound inside a larger phrase: "the regime('s minister)"
                start = max(chunk.start, token.left_edge.i)
            break
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if sum(1 for t in doc[start:end] if t.is_quote) % 2:  # keep quote marks paired
        if end < len(doc) and doc[end].is_quote:
            end += 1  # 'the “reforms”'
        elif start > 0 and doc[start - 1].is_quote:
            start -= 1  # '“magic” weight loss pills'
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


@functools.lru_cache(maxsize=4)  # computed once per document, not once per term
def _chunks(doc: Doc) -> tuple[Span, ...]:
    try:
        return tuple(doc.noun_chunks)
    except ValueError:  # no parser
        return ()


# --------------------------------------------------------------------------- quotes

_OPEN_CLOSE = {"“": "”", "‘": "’", "«": "»", "„": "“"}


def quotation_pairs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotation-mark pairs in `text[start:end]`: curly
    “…” and ‘…’ (a ’ between letters is an apostrophe), «…», and straight "…" paired
    in order within each paragraph. A quote left open at a paragraph end is closed
    there (quotes running over paragraphs reopen with a new mark)."""
    end = len(text) if end is None else end
    pairs: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text, start, end):
        i = para_start
        while i < para_end:
            ch = text[i]
            close = None
            if ch == '"':
                close = text.find('"', i + 1, para_end)
            elif ch in _OPEN_CLOSE:
                closer = _OPEN_CLOSE[ch]
                j = i + 1
                while j < para_end:
                    j = text.find(closer, j, para_end)
                    if j < 0:
                        break
                    if closer == "’" and _between_letters(text, j):
                        j += 1
                        continue
                    break
                close = j if j is not None and j >= 0 else -1
            if close is not None:
                if close < 0:
                    pairs.append((i, para_end))
                    break
                pairs.append((i, close))
                i = close + 1
                continue
            i += 1
    return pairs


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalpha()


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for match in re.finditer(r"\n\s*\n", text[start:end]):
        spans.append((position, start + match.start()))
        position = start + match.end()
    spans.append((position, end))
    return spans


def _scare_quotes(
    article: Article,
    doc: Doc,
    pairs: Sequence[tuple[int, int]],
    quote_spans: Sequence[tuple[int, int]],
    max_words: int,
) -> list[tuple[int, int, Span, tuple[int, int]]]:
    """Quoted stretches of 1..max_words words that read as the writer's scare quotes:
    no punctuation inside (a quoted sentence, "“Nonsense,” he said"), not overlapping a
    quote the attribution layer attributed, not inside the complement of a reporting
    verb (a partial quote: 'claimed Valdoria had “staged” it'), not a capitalised name
    or title (“Pravda”), not a word mentioned rather than used ("the phrase “...”"),
    not markup (`id="..."`). Quotes right after "so-called" always count."""
    found = []
    for open_, close in pairs:
        inner_start, inner_end = open_ + 1, close
        raw = article.text[inner_start:inner_end]
        inner_start += len(raw) - len(raw.lstrip())
        inner_end -= len(raw) - len(raw.rstrip())
        inner = article.text[inner_start:inner_end]
        if not inner or re.search(r"[.,!?;:()\n]", inner):
            continue
        if open_ > 0 and (article.text[open_ - 1].isalnum() or article.text[open_ - 1] in "=/"):
            continue  # markup or a mark glued to a word: tweet-id="...", 5'10"
        span = doc.char_span(inner_start, inner_end)
        if span is None:  # the marks do not sit on token boundaries
            continue
        words = [t for t in span if not t.is_punct and not t.is_space]
        if not 1 <= len(words) <= max_words or not any(w.is_alpha for w in words):
            continue
        before = _previous_word(doc, span.start - 1)
        if before is not None and before.lemma_.lower() in _MENTION_NOUNS:
            continue  # a word mentioned, not used: the phrase “Islamic terrorism”
        if _after_so_called(doc, span.start):
            # "the so-called “security zone”": the writer's distance, even in a
            # paraphrase of someone's words
            found.append((inner_start, inner_end, span, (open_, close)))
            continue
        if any(s < inner_end and inner_start < e for s, e in quote_spans):
            continue
        if all(
            w.text[:1].isupper() or w.text[:1].isdigit() or w.lower_ in _TITLE_SMALL_WORDS
            for w in words
        ):
            continue  # a name or a title: “Pravda”, ‘Thousands of Shootings’, ‘13th’
        if _under_reporting_verb(span):
            continue
        found.append((inner_start, inner_end, span, (open_, close)))
    return found


_MENTION_NOUNS = frozenset(
    {"word", "phrase", "term", "slogan", "label", "name", "title", "expression", "hashtag"}
)
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at"})


def _previous_word(doc: Doc, i: int) -> Token | None:
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):
        i -= 1
    return doc[i] if i >= 0 else None


def _after_so_called(doc: Doc, i: int) -> bool:
    """Whether the token before `i` (quote marks and spaces skipped) ends "so-called"."""
    i -= 1
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):
        i -= 1
    words = [t.lower_ for t in doc[max(0, i - 2) : i + 1]]
    return (words[-1:] == ["called"] and words[0] == "so") or words[-1:] == ["so-called"]


@functools.cache
def _reporting_verbs() -> frozenset[str]:
    from analysis.lexicons import reporting_cues

    return frozenset(cue for cue, kind in reporting_cues() if kind == "verb" and " " not in cue)


def _under_reporting_verb(span: Span) -> bool:
    """Whether the quoted words sit in the complement of a reporting verb (or of a
    reporting noun such as "claim"), i.e. are the source's words."""
    verbs = _reporting_verbs() | {"call", "describe", "term", "dub", "brand", "label"}
    below = span.root
    for ancestor in span.root.ancestors:
        if ancestor.lemma_.lower() in verbs and ancestor.pos_ in ("VERB", "NOUN"):
            if below.dep_ in _COMPLEMENT_DEPS:  # not its subject: 'the "experts" disagreed'
                return True
        below = ancestor
    return False


_COMPLEMENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "advcl", "parataxis", "prep", "acl"}
)


# --------------------------------------------------------------------------- candidates


def loaded_candidates(
    article: Article, doc: Doc, lexicon: LoadedLexicon | None = None
) -> list[Candidate]:
    """Adjectives and nouns in evaluative positions that the lexicon does not know:
    prenominal adjectives ("a *crude* fabrication"), predicate adjectives and nouns
    ("the claim is *baseless*", "X is a *liar*") and appositions ("X, a *hardliner*").
    Counted over a corpus (`stance.unknown_cues`), they show a researcher which words
    to consider adding."""
    lexicon = lexicon if lexicon is not None else _default_lexicon()
    known = set(lexicon)
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


__all__ = [
    "Candidate",
    "LoadedEntry",
    "LoadedLexicon",
    "LoadedLexiconError",
    "LoadedTerm",
    "cue_entries",
    "find_loaded_terms",
    "lexicon_kind",
    "lexicon_versions",
    "loaded_candidates",
    "loaded_lexicon",
    "loaded_terms_rows",
    "quotation_pairs",
    "read_loaded_terms",
    "read_word_list",
]
