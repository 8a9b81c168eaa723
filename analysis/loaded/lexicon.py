"""The loaded-terms lexicon: entries, files, matching and sense guards.

A careful editor flags words that judge rather than report. The kit's lexicons list such
words with a category and a source; this module reads them, matches them in a parsed
document and checks that each match has the sense its entry means.

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
from spacy.tokens import Doc, Span

from analysis.config import PACKAGE_DIR, package_data
from analysis.loaded.syntax import MODIFIER_DEPS, OBJECT_DEPS, is_modifier, next_word

LOADED_FILES = ("loaded_terms.csv", "loaded_terms_wtw.csv")
LOADED_COLUMNS = ("term", "category", "pos", "guard", "not_with", "source", "note")
GUARDS = ("", "modifier", "raising", "before_number", "speech")


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
def default_lexicon() -> LoadedLexicon:
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


# --------------------------------------------------------------------------- sense guards


def sense_ok(span: Span, entry: LoadedEntry) -> bool:
    """Whether the matched words have the sense the entry means (see module doc)."""
    head = span.root
    if entry.pos and head.pos_ not in entry.pos:
        return False
    if entry.not_with:
        close = [c for c in head.children if c.dep_ in MODIFIER_DEPS + OBJECT_DEPS]
        near = {c.lemma_.lower() for c in close} | {c.lower_ for c in close}
        if head.dep_ in MODIFIER_DEPS or head.dep_ in ("dobj", "pobj", "nsubj"):
            near |= {head.head.lemma_.lower(), head.head.lower_}
        if head.dep_ in MODIFIER_DEPS:  # "crude oil prices": the whole compound
            near |= {t.lemma_.lower() for t in head.head.children if t.dep_ == "compound"}
        if near & entry.not_with:
            return False
    if entry.guard == "modifier":
        return is_modifier(head)
    if entry.guard == "raising":
        return any(c.dep_ in ("xcomp", "ccomp") for c in head.children)
    if entry.guard == "before_number":
        following = next_word(span.doc, span.end)
        return following is not None and (following.like_num or following.pos_ == "NUM")
    if entry.guard == "speech":
        following = next_word(span.doc, span.end)
        return not (following is not None and following.lower_ in ("on", "to", "up"))
    return True
