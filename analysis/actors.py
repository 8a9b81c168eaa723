"""Actors: who appears in an article, under one canonical name, in which camp, and in
which role.

Every per-actor table (voice share, verbs per actor, sentiment per actor) counts rows of
this layer, so all the ways of writing one referent must land on one actor: "Dmitry
Peskov", "Peskov", "Putin's spokesman" and "He" are one person in the Russian camp;
"Kiev", "Kyiv" and "Ukrainian forces" are Ukraine.

How a mention is found (`find_mentions`):

1. **Alias table** (`data/actors.csv`, editable; see `load_aliases`): its patterns are
   matched over the parsed text and win over spaCy's entity tags, which they correct
   ("Kiev" tagged as a person, "Kyiv" missed, invented names mislabelled).
2. **spaCy entities** (PERSON, ORG, GPE, NORP) not covered by the table.
3. **Nationality adjectives and state modifiers**: "a Ukrainian drone" is Ukraine
   acting; "Ukrainian forces", "US officials", "Kestrel officials" are groups in the
   state's camp; "the Tessary regime" is the state; "Russian territory" or "the Moscow
   region" is geography and no mention.
4. **Metonymy**: a capital or seat of government (table type `place`) stands for its
   government only where it acts: as the subject of a clause ("Moscow reserves the
   right"), a possessor ("Kiev's involvement"), the agent of a passive, or the modifier of
   a non-place noun ("Kiev forces"). "Officials in Moscow" keeps Moscow a place.
5. **Pronouns and role nouns** ("He added", "the spokesman", "its") through the shared
   resolver `analysis.resolve`, given the corrected mentions as candidates; a definite
   phrase repeating the head of an organisation's name ("the union", "the company")
   refers back to it.

Within an article, a surname or first name links to the full name written elsewhere;
across articles, the same canonical name is the same actor (`link_across_articles`
also unifies "Brenn" with the only "Oskar Brenn" of the corpus).

Camps come from the alias table first; otherwise from the text around a name — its
possessor, the state in its title, the organisation it is apposed to ("Putin's
spokesman Dmitry Peskov" → Russia through Putin; "Its chief executive, Daniel Reyes"
→ the organisation just named). Where the text gives nothing the camp stays empty.

Roles: `agent` (subject of an active clause, agent of a passive), `patient` (object,
passive subject, target of "against"/"on"), `possessor` (possessive, modifier, "of X"),
`speaker` (the source of an attribution, from `speaker_spans`) or `other`.

The parse is never changed: the matching runs over the cached `Doc` afterwards, so the
cache does not depend on the alias table.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.tokens import Doc, Token

from analysis import resolve as _resolver  # the resolver shared with attribution
from analysis.config import DATA_DIR
from analysis.records import Article

DEFAULT_ALIASES = DATA_DIR / "actors.csv"
ALIAS_COLUMNS = ("pattern", "actor", "camp", "type", "note")
ACTOR_TYPES = ("person", "organisation", "state", "group")
#: `place`: a capital or seat that stands for `actor` only where it acts (metonymy);
#: with no actor, a place that is never an actor. `ignore`: never an actor (corrects
#: spaCy tags such as "Secretary of State" → ORG).
ROW_TYPES = (*ACTOR_TYPES, "place", "ignore")
ROLES = ("agent", "patient", "possessor", "speaker", "other")

MENTION_COLUMNS = [
    "article_id",
    "start",
    "end",
    "text",
    "actor",
    "camp",
    "role",
    "type",
    "resolution",
]
ACTOR_SUMMARY_COLUMNS = [
    "level",
    "actor",
    "camp",
    "type",
    "articles",
    "mentions",
    "as_agent",
    "as_patient",
    "as_possessor",
    "as_speaker",
    "times_quoted",
    "words_quoted",
    "voice_share",
]

# Small closed word lists (grammar, not actors; actors live in data/actors.csv).
#: Nouns for groups of people: "US officials", "rescue workers".
GROUP_NOUNS = frozenset(
    """official authority force troop soldier army military police diplomat lawmaker
    legislator minister worker resident engineer expert investigator inspector
    fisherman family relative protester activist analyst source leader rebel militant
    separatist negotiator prosecutor agent spokesperson representative delegation
    rescuer volunteer employee staff politician voter citizen""".split()
)
#: Nouns naming a state's government: "the Tessary regime" is the state itself.
GOVERNMENT_NOUNS = frozenset("government regime administration leadership".split())
#: Geography: "Russian territory", "the Moscow region", "the Kestrel bank" are no actors.
PLACE_NOUNS = frozenset(
    """territory region town village city side bank border soil land area province
    district coast airspace water waters capital river shore frontier countryside
    countries country street""".split()
)
#: Nouns of a relation, not of speaking for someone: "Putin's fiercest critic", "an
#: ally of Moscow", "a member of the committee" give no camp.
RELATION_NOUNS = frozenset(
    """critic opponent ally supporter friend fan foe enemy rival victim target admirer
    adversary detractor challenger successor predecessor biographer member one part
    guest""".split()
)
#: Words in front of a name that are titles, not part of the name.
TITLE_WORDS = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady president
    premier chancellor minister secretary spokesman spokeswoman spokesperson general
    gen. governor mayor senator rep. representative judge king queen prince
    princess pope father sister brother prime deputy foreign interior defence
    defense energy chief inspector director leader ambassador commander colonel""".split()
)
#: Pronouns resolved to actors ("it" only where it is an attribution's speaker: elsewhere
#: it is too often expletive or a thing; "them" too often the things just named).
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame".split())
_MALE_TITLES = frozenset("mr mr. sir lord king prince".split())
_FEMALE_TITLES = frozenset("ms ms. mrs mrs. miss madam dame lady queen".split())
#: Role nouns only a person has: an organisation tag apposed to one is a person.
PERSON_ROLE_NOUNS = TITLE_WORDS | frozenset(
    """executive chairman chairwoman chair founder head engineer technician teacher
    baker fisherman worker resident official adviser advisor aide lawyer professor
    analyst researcher reporter journalist editor""".split()
)
PERSON_PRONOUNS = frozenset("he him his she her hers they their its".split())
_POSSESSIVE = ("'s", "’s", "'", "’")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


# ----------------------------------------------------------------------------- aliases


@dataclass(frozen=True)
class Alias:
    """One row of the alias table."""

    pattern: str
    actor: str | None
    camp: str | None
    type: str
    note: str = ""


@dataclass(frozen=True)
class AliasTable:
    """The alias table: patterns → canonical actor, camp, type.

    Rows earlier in `rows` win (a user's table is put in front of the default)."""

    rows: tuple[Alias, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)

    @functools.cached_property
    def actors(self) -> dict[str, Alias]:
        """Canonical actor → the first row naming it as an actor (its camp and type)."""
        found: dict[str, Alias] = {}
        for row in self.rows:
            if row.actor and row.type in ACTOR_TYPES:
                key = row.actor.lower()
                if key not in found:
                    found[key] = row
                elif not found[key].camp and row.camp:
                    found[key] = replace(found[key], camp=row.camp)
        return found

    def actor_row(self, actor: str | None) -> Alias | None:
        return self.actors.get(actor.lower()) if actor else None

    @functools.cached_property
    def _patterns(self) -> dict[str, list[tuple[tuple[str, ...], Alias]]]:
        by_first: dict[str, list[tuple[tuple[str, ...], Alias]]] = defaultdict(list)
        seen: set[tuple[str, ...]] = set()
        for row in self.rows:
            words = _pattern_tokens(row.pattern)
            variants = [words]
            # "the Kremlin" also matches "Kremlin" (a proper name without its article).
            if len(words) > 1 and words[0].lower() == "the" and any(c.isupper() for c in words[1]):
                variants.append(words[1:])
            for variant in variants:
                key = tuple(w.lower() for w in variant)
                if not variant or key in seen:
                    continue
                seen.add(key)
                by_first[key[0]].append((variant, row))
        for entries in by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        return by_first

    def matches(self, doc: Doc) -> list[tuple[int, int, Alias]]:
        """Longest, left-to-right, non-overlapping matches as (token start, token end,
        row)."""
        out: list[tuple[int, int, Alias]] = []
        i, n = 0, len(doc)
        while i < n:
            matched = None
            for words, row in self._patterns.get(_norm(doc[i].text).lower(), ()):
                j = i + len(words)
                if j <= n and all(
                    _word_matches(w, doc[i + k], k == 0) for k, w in enumerate(words)
                ):
                    matched = (i, j, row)
                    break
            if matched:
                out.append(matched)
                i = matched[1]
            else:
                i += 1
        return out


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


@functools.cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _pattern_tokens(pattern: str) -> tuple[str, ...]:
    return tuple(_norm(t.text) for t in _tokenizer()(pattern.strip()) if not t.is_space)


def _word_matches(word: str, token: Token, first: bool) -> bool:
    """Patterns with capitals match as written (a sentence-initial capital and an
    ALL-CAPS dateline allowed); lower-case patterns match in any case."""
    text = _norm(token.text)
    if text == word:
        return True
    if word.islower() or not any(c.isalpha() for c in word):
        return text.lower() == word.lower()
    if first and text == word[:1].upper() + word[1:]:
        return True
    return len(text) > 1 and text.isupper() and text == word.upper()


def read_alias_file(path: str | Path) -> list[Alias]:
    """The rows of one alias CSV (columns pattern, actor, camp, type, note)."""
    rows = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"pattern", "type"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: alias table lacks column(s) {sorted(missing)}")
        for line, record in enumerate(reader, start=2):
            pattern = (record.get("pattern") or "").strip()
            if not pattern or pattern.startswith("#"):
                continue
            kind = (record.get("type") or "").strip().lower()
            if kind not in ROW_TYPES:
                raise ValueError(f"{path}, line {line}: type {kind!r} is not one of {ROW_TYPES}")
            actor = (record.get("actor") or "").strip() or None
            if kind in ACTOR_TYPES and actor is None:
                actor = pattern
            rows.append(
                Alias(
                    pattern=pattern,
                    actor=actor,
                    camp=(record.get("camp") or "").strip() or None,
                    type=kind,
                    note=(record.get("note") or "").strip(),
                )
            )
    return rows


def load_aliases(path: str | Path | None = None, *, include_default: bool = True) -> AliasTable:
    """The alias table: the project's `data/actors.csv` (an empty table when the
    project folder is absent, e.g. the package installed elsewhere), with the rows of
    `path` (a user's own table, `--actors FILE`) in front, overriding rows with the
    same pattern and adding new ones."""
    rows: list[Alias] = []
    if path is not None:
        rows.extend(read_alias_file(path))
    if include_default and DEFAULT_ALIASES.is_file():
        if path is None or Path(path).resolve() != DEFAULT_ALIASES.resolve():
            rows.extend(read_alias_file(DEFAULT_ALIASES))
    return AliasTable(tuple(rows))


@functools.cache
def _default_aliases() -> AliasTable:
    return load_aliases()


# ----------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in an article (a row of mentions.csv)."""

    article_id: str
    start: int  # offsets into article.text; article.text[start:end] == text
    end: int
    text: str
    actor: str  # canonical name, the same across articles
    camp: str | None  # affiliation group ("Russia"), None where unknown
    type: str  # person | organisation | state | group
    role: str  # agent | patient | possessor | speaker | other
    resolution: (
        str  # name | alias | partial-name | pronoun | nominal | nationality | metonymy | group
    )


@dataclass
class _Cand:
    """A mention under construction (token offsets, mutable while linking)."""

    i: int  # first token
    j: int  # one past the last token
    actor: str | None
    camp: str | None
    type: str
    resolution: str
    from_table: bool = False  # actor/camp given by the alias table
    root_i: int | None = None  # the token whose dependency gives the role
    titles: set[str] = field(default_factory=set)
    place: bool = False  # a place name: an actor only where it acts (metonymy)
    linked_to: _Cand | None = None  # what a pronoun or role noun refers to


def find_mentions(
    article: Article,
    doc: Doc,
    aliases: AliasTable | None = None,
    speaker_spans: Iterable[tuple[int, int]] = (),
) -> list[Mention]:
    """Every actor mention of one parsed article, in text order.

    `aliases` defaults to `load_aliases()`; `speaker_spans` are the (start, end)
    offsets of attribution sources: the mention each one denotes gets role
    `speaker`, and pronouns are resolved to recent speakers first."""
    aliases = aliases if aliases is not None else _default_aliases()
    speaker_spans = [(s, e) for s, e in speaker_spans if s is not None and e is not None and s < e]
    cands = _named_candidates(doc, aliases)
    cands += _modifier_candidates(doc, cands, aliases)
    cands += _untagged_names(doc, cands)
    _link_names(doc, cands, aliases)
    cands += _reference_candidates(doc, cands, speaker_spans)
    _infer_camps(doc, cands, aliases)
    speaker_picks = _speaker_choices(doc, cands, speaker_spans)
    mentions = []
    for cand in sorted(cands, key=lambda c: c.i):
        if not cand.actor:
            continue
        start = doc[cand.i].idx
        last = doc[cand.j - 1]
        end = last.idx + len(last.text)
        role = "speaker" if id(cand) in speaker_picks else _role(doc, cand)
        mentions.append(
            Mention(
                article_id=article.id,
                start=start,
                end=end,
                text=article.text[start:end],
                actor=cand.actor,
                camp=cand.camp,
                type=cand.type,
                role=role,
                resolution=cand.resolution,
            )
        )
    return mentions


def _trim(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop a leading determiner and trailing possessive/punctuation/space."""
    while i < j and (doc[i].is_space or doc[i].is_punct or doc[i].lower_ in ("the", "a", "an")):
        i += 1
    while j > i and (doc[j - 1].is_space or doc[j - 1].is_punct or doc[j - 1].text in _POSSESSIVE):
        j -= 1
    return i, j


def _span_root(doc: Doc, i: int, j: int) -> int:
    """The token of [i, j) whose head lies outside the span."""
    for k in range(i, j):
        head = doc[k].head.i
        if head < i or head >= j or head == k:
            return k
    return j - 1


def _strip_titles(doc: Doc, i: int, j: int) -> tuple[int, set[str]]:
    titles = set()
    while j - i > 1 and doc[i].lower_ in TITLE_WORDS:
        titles.add(doc[i].lower_.rstrip("."))
        i += 1
    return i, titles


def _named_candidates(doc: Doc, aliases: AliasTable) -> list[_Cand]:
    """Alias-table matches first, then spaCy entities the table does not cover."""
    taken = [False] * len(doc)
    cands: list[_Cand] = []
    alias_spans = aliases.matches(doc)
    # A longer organisation name written around a table pattern keeps its own name:
    # "Valdor City Courier" is not the capital; nor is the surname of "George Washington".
    ents = []
    for ent in doc.ents:
        i, j = _trim(doc, ent.start, ent.end)
        if i < j:
            ents.append((i, j, ent.label_))
    kept_aliases = []
    for a_i, a_j, row in alias_spans:
        swallowed = any(
            label in ("ORG", "FAC", "LOC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW")
            and i <= a_i
            and a_j <= j
            and (j - i) > (a_j - a_i)
            and not any(
                b_i >= i and b_j <= j and (b_j - b_i) > (a_j - a_i) for b_i, b_j, _ in alias_spans
            )
            for i, j, label in ents
        ) or any(  # "George Washington" is a person, not the capital
            label == "PERSON" and i < a_i and a_j == j and row.type in ("place", "state")
            for i, j, label in ents
        )
        if not swallowed:
            kept_aliases.append((a_i, a_j, row))
    for i, j, row in kept_aliases:
        for k in range(i, j):
            taken[k] = True
        if row.type == "ignore" or not row.actor:
            continue
        known = aliases.actor_row(row.actor)
        kind = row.type if row.type != "place" else (known.type if known else "state")
        camp = row.camp or (known.camp if known else None)
        written = doc[i:j].text
        cands.append(
            _Cand(
                i,
                j,
                row.actor,
                camp,
                kind,
                "name" if written.lower() == row.actor.lower() else "alias",
                from_table=True,
                root_i=_span_root(doc, i, j),
            )
        )
        cands[-1].place = row.type == "place"
    for i, j, label in ents:
        if label not in ("PERSON", "ORG", "GPE", "NORP") or any(taken[i:j]):
            continue
        for k in range(i, j):
            taken[k] = True
        if label == "NORP":
            continue  # unknown nationality words: no state to attach them to
        if label == "PERSON":
            name_i, titles = _strip_titles(doc, i, j)
            cand = _Cand(i, j, doc[name_i:j].text, None, "person", "name", titles=titles)
        elif label == "ORG" and _looks_like_person(doc, i, j):
            name_i, titles = _strip_titles(doc, i, j)
            cand = _Cand(i, j, doc[name_i:j].text, None, "person", "name", titles=titles)
        elif label == "ORG":
            cand = _Cand(i, j, doc[i:j].text, None, "organisation", "name")
        else:  # an unknown place name: an actor only where it acts (metonymy)
            cand = _Cand(i, j, doc[i:j].text, None, "state", "name")
            cand.place = True
        cand.root_i = _span_root(doc, i, j)
        cands.append(cand)
    # An organisation or place tag on a string that is a person's name elsewhere in the
    # article is a person ("McKinley" after "Kevin McKinley").
    person_names = {c.actor.lower() for c in cands if c.type == "person" and c.actor}
    person_last = {c.actor.split()[-1].lower() for c in cands if c.type == "person" and c.actor}
    for cand in cands:
        if cand.type in ("organisation", "state") and not cand.from_table and cand.actor:
            low = cand.actor.lower()
            if low in person_names or (" " not in low and low in person_last):
                cand.type, cand.place = "person", False
        elif cand.place and doc[cand.i : cand.j].text.lower() in person_last:
            # "Washington said" in an article about George Washington
            cand.actor, cand.camp, cand.type = doc[cand.i : cand.j].text, None, "person"
            cand.place, cand.from_table, cand.resolution = False, False, "name"
    # Metonymy: places count only where they act.
    kept = []
    for cand in cands:
        if cand.place:
            if not _acts(doc, doc[cand.root_i]):
                continue
            cand.resolution = "metonymy"
        kept.append(cand)
    # A state name or capital modifying a place noun is geography ("Moscow region").
    kept = [c for c in kept if not (c.type == "state" and _modifies_place(doc[c.root_i]))]
    return kept


def _looks_like_person(doc: Doc, i: int, j: int) -> bool:
    """An organisation tag that the text shows to be a person: an honorific in front
    ("Ms Ferrow"), an age after it ("Anton Mirek, 36,"), or apposed to a person's
    role ("Nadia Ferrow, director of ...")."""
    if i > 0 and doc[i - 1].lower_ in _HONORIFICS or doc[i].lower_ in _HONORIFICS:
        return True
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].like_num:
        return True
    root = doc[_span_root(doc, i, j)]
    apposed = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        apposed.append(root.head)
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in PERSON_ROLE_NOUNS for t in apposed)


def _acts(doc: Doc, token: Token) -> bool:
    """Whether a place name stands for its government here (see module docstring)."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    dep, head = token.dep_, token.head
    if dep in ("nsubj", "csubj", "poss"):
        return True
    if dep == "pobj" and head.lower_ == "by":
        return True
    if dep == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in GOVERNMENT_NOUNS:
        return True  # "the regime in Tessary"
    if dep in ("compound", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN"):
        return head.lemma_.lower() not in PLACE_NOUNS and head.ent_type_ not in ("FAC", "LOC")
    return False


def _modifies_place(token: Token) -> bool:
    return (
        token.dep_ in ("compound", "nmod", "amod")
        and token.head.pos_ == "NOUN"
        and token.head.lemma_.lower() in PLACE_NOUNS
    )


def _modifier_candidates(doc: Doc, cands: list[_Cand], aliases: AliasTable) -> list[_Cand]:
    """Groups named by a state modifier ("US officials", "Ukrainian forces"), states
    named by a government noun ("the Tessary regime"), and plain group nouns
    ("rescue workers"). Nationality adjectives stay mentions of their state."""
    extra: list[_Cand] = []
    covered = {k for c in cands for k in range(c.i, c.j)}
    by_root = {c.root_i: c for c in cands}
    for cand in list(cands):
        if cand.type != "state" or cand.j - cand.i > 3:
            continue
        token = doc[cand.root_i]
        head = token.head
        if (
            token.dep_ == "pobj"
            and head.lower_ == "in"
            and head.head.lemma_.lower() in GOVERNMENT_NOUNS
            and head.head.i not in covered
        ):  # "the regime in Tessary" is the state, as "the Tessary regime"
            cand.i, cand.root_i, cand.resolution = head.head.i, head.head.i, "metonymy"
            covered.update(range(cand.i, cand.j))
            continue
        if token.dep_ not in ("amod", "compound", "nmod") or head.pos_ != "NOUN":
            continue
        if head.i in covered or head.i < cand.j:
            continue
        lemma = head.lemma_.lower()
        if lemma in GROUP_NOUNS and head.tag_ in ("NNS", "NNPS"):
            # The group takes the modifier's place: "US officials" is one mention.
            cands.remove(cand)
            span_text = _norm(doc[cand.i : head.i + 1].text)
            row = aliases.actor_row(span_text)
            extra.append(
                _Cand(
                    cand.i,
                    head.i + 1,
                    row.actor if row else span_text,
                    (row.camp if row else None) or cand.camp,
                    "group",
                    "alias" if row else "group",
                    from_table=row is not None,
                    root_i=head.i,
                )
            )
            covered.update(range(cand.i, head.i + 1))
        elif lemma in GOVERNMENT_NOUNS:
            cand.j = head.i + 1
            cand.root_i = head.i
            cand.resolution = "metonymy"
            covered.update(range(cand.i, cand.j))
        elif cand.resolution not in ("metonymy",) and token.pos_ == "ADJ":
            cand.resolution = "nationality"
    # Plain group nouns: "rescue workers", "local officials", "residents".
    for token in doc:
        if (
            token.pos_ == "NOUN"
            and token.tag_ == "NNS"
            and token.lemma_.lower() in GROUP_NOUNS
            and token.i not in covered
            and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "agent")
            and token.i not in by_root
        ):
            left = token.i
            for child in token.lefts:
                if child.dep_ in ("amod", "compound") and child.i not in covered:
                    left = min(left, child.left_edge.i)
            left, _ = _trim(doc, left, token.i + 1)
            if any(k in covered for k in range(left, token.i + 1)):
                left = token.i
            text = " ".join(t.text.lower() for t in doc[left : token.i + 1] if not t.is_space)
            row = aliases.actor_row(text)
            extra.append(
                _Cand(
                    left,
                    token.i + 1,
                    row.actor if row else text,
                    row.camp if row else None,
                    "group",
                    "alias" if row else "group",
                    from_table=row is not None,
                    root_i=token.i,
                )
            )
            covered.update(range(left, token.i + 1))
    return extra


def _untagged_names(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Names the tagger missed: a proper noun that is the last word of a person's name
    found elsewhere in the article ("Weller said" after "Tomas Weller"), also in
    capitals as in transcripts ("PENCE:")."""
    surnames = {c.actor.split()[-1] for c in cands if c.type == "person" and c.actor}
    covered = {k for c in cands for k in range(c.i, c.j)}
    extra = []
    for token in doc:
        if token.i in covered:
            continue
        name = token.text
        if not (token.pos_ == "PROPN" or token.is_title) or name not in surnames:
            name = name.title() if len(name) > 2 and name.isupper() else ""
            if name not in surnames:
                continue
        extra.append(_Cand(token.i, token.i + 1, name, None, "person", "name", root_i=token.i))
    return extra


def _link_names(doc: Doc, cands: list[_Cand], aliases: AliasTable) -> None:
    """One actor per person in the article: a surname ("Peskov") or first name
    ("Leena") becomes the full name written elsewhere in the article ("Dmitry
    Peskov"); the nearest earlier full name wins, else the nearest later one."""
    persons = [c for c in cands if c.type == "person" and not c.from_table and c.actor]
    full = [c for c in cands if c.type == "person" and c.actor and " " in c.actor]
    for cand in persons:
        if " " in cand.actor:
            continue
        low = cand.actor.lower()
        matches = [
            f
            for f in full
            if f is not cand
            and (f.actor.split()[-1].lower() == low or f.actor.split()[0].lower() == low)
        ]
        if not matches:
            continue
        earlier = [f for f in matches if f.i < cand.i]
        chosen = earlier[-1] if earlier else matches[0]
        cand.actor, cand.camp = chosen.actor, chosen.camp or cand.camp
        cand.from_table = chosen.from_table
        cand.resolution = "partial-name"
    # A name the table knows under another canonical form.
    for cand in persons:
        row = aliases.actor_row(cand.actor)
        if row:
            cand.actor, cand.from_table = row.actor, True
            cand.camp = row.camp or cand.camp


# ------------------------------------------------------------------ pronouns, role nouns


def _referent_kind(cand: _Cand) -> str:
    return {"person": "person", "organisation": "organisation", "group": "group"}.get(
        cand.type, "place"
    )


def _reference_candidates(
    doc: Doc, cands: list[_Cand], speaker_spans: Iterable[tuple[int, int]]
) -> list[_Cand]:
    """Pronouns and role-noun phrases resolved to the named mentions."""
    # The resolver's own view of the entities gives each person's gender and the role
    # nouns written next to the name; the candidates are the corrected mentions.
    roles: dict[str, set[str]] = defaultdict(set)
    for ref in _resolver.referents(doc):
        for cand in cands:
            if doc[cand.i].idx <= ref.start < _end_char(doc, cand):
                roles[cand.actor].update(ref.roles)
    for cand in cands:
        roles[cand.actor].update(cand.titles)
        roles[cand.actor].update(_title_nouns(doc, cand))
    genders = _genders(doc, cands)
    by_referent: dict[tuple[int, int], _Cand] = {}
    referents = []
    for cand in sorted(cands, key=lambda c: c.i):
        if not cand.actor:
            continue
        ref = _resolver.Referent(
            text=cand.actor,
            start=doc[cand.i].idx,
            end=_end_char(doc, cand),
            kind=_referent_kind(cand),
            gender=genders.get(cand.actor) if cand.type == "person" else None,
            roles=frozenset(roles.get(cand.actor, ())),
        )
        referents.append(ref)
        by_referent[(ref.start, ref.end)] = cand
    speakers = sorted(speaker_spans)
    speaker_set = set(speakers)
    covered = {k for c in cands for k in range(c.i, c.j)}
    out: list[_Cand] = []

    def recent(before: int):
        return [
            r
            for r in referents
            if r.start < before
            and any(s <= r.start and r.end <= e for s, e in speakers)
            and r.kind == "person"
        ]

    def add(target: _Cand, i: int, j: int, how: str) -> None:
        """Record the mention, and make it a candidate for what follows ("the
        commission said its team": "its" is the commission's)."""
        out.append(_copy_as(target, i, j, how))
        ref = _resolver.Referent(
            text=target.actor,
            start=doc[i].idx,
            end=doc[j - 1].idx + len(doc[j - 1].text),
            kind=_referent_kind(target),
            gender=genders.get(target.actor) if target.type == "person" else None,
            roles=frozenset(roles.get(target.actor, ())),
        )
        referents.append(ref)
        by_referent[(ref.start, ref.end)] = target

    for token in doc:
        if token.i in covered:
            continue
        low = token.lower_
        is_speaker = (token.idx, token.idx + len(token.text)) in speaker_set
        if (low in PERSON_PRONOUNS or (low == "it" and is_speaker)) and token.pos_ == "PRON":
            if _inside_quote(doc, token.i):
                continue
            res = _resolver.resolve(
                doc, token.idx, token.idx + len(token.text), referents, recent(token.idx)
            )
            if res.referent is None:
                continue
            target = by_referent.get((res.referent.start, res.referent.end))
            if target is None:
                continue
            if low in ("they", "their") and target.type not in ("group", "organisation"):
                continue  # a plural "they" is rarely one state or person
            add(target, token.i, token.i + 1, "pronoun")
        elif _is_common_noun(token) and token.dep_ not in ("compound", "amod"):
            left = token.left_edge.i
            if doc[left].lower_ != "the" or token.i - left > (5 if _is_age(doc, token) else 3):
                continue
            if doc[left].head.i != token.i or token.dep_ == "appos":
                continue  # "the commission's spokesman"; "Ulvane Hydro, the company"
            if any(k in covered for k in range(left, token.i + 1)):
                continue
            start, end = doc[left].idx, token.idx + len(token.text)
            target = _repeated_name(doc, cands, token)
            if target is None:
                res = _resolver.resolve(doc, start, end, referents, recent(start))
                if res.how == "nominal" and res.referent is not None:
                    target = by_referent.get((res.referent.start, res.referent.end))
                elif _is_age(doc, token):  # "the 54-year-old": the person just named
                    target = _last_person(cands, left)
            if target is not None:
                add(target, left, token.i + 1, "nominal")
    return out


def _is_common_noun(token: Token) -> bool:
    """A singular common noun, or the head of "the 54-year-old"."""
    if token.tag_ == "NN" or (token.tag_ == "NNP" and token.text.islower()):
        return True
    return _is_age(token.doc, token)


def _is_age(doc: Doc, token: Token) -> bool:
    """ "54-year-old" (tokens 54 - year - old) or "54 year old"."""
    if token.lower_ != "old" or token.i < 2:
        return False
    before = [t for t in doc[max(token.i - 4, 0) : token.i] if t.text != "-"]
    return len(before) >= 2 and before[-1].lower_ == "year" and before[-2].like_num


def _last_person(cands: list[_Cand], before: int) -> _Cand | None:
    persons = [c for c in cands if c.type == "person" and c.actor and c.i < before]
    return max(persons, key=lambda c: c.i) if persons else None


def _genders(doc: Doc, cands: list[_Cand]) -> dict[str, str]:
    """Each person's gender as the text gives it: an honorific (Mr, Ms) at any mention,
    else the first he/him/his/she/her after the mention (outside quotes), before the
    next person is named (the corrected mentions, not spaCy's raw tags, bound it)."""
    persons = sorted((c for c in cands if c.type == "person" and c.actor), key=lambda c: c.i)
    genders: dict[str, str] = {}
    for cand in persons:
        words = {doc[k].lower_ for k in range(max(cand.i - 1, 0), cand.j)} | cand.titles
        if words & _MALE_TITLES:
            genders[cand.actor] = "male"
        elif words & _FEMALE_TITLES:
            genders[cand.actor] = "female"
    for n, cand in enumerate(persons):
        if cand.actor in genders:
            continue
        stop = persons[n + 1].i if n + 1 < len(persons) else len(doc)
        for token in doc[cand.j : stop]:
            low = token.lower_
            if low in ("he", "him", "his", "she", "her") and not _inside_quote(doc, token.i):
                genders[cand.actor] = "male" if low in ("he", "him", "his") else "female"
                break
    return genders


def _end_char(doc: Doc, cand: _Cand) -> int:
    last = doc[cand.j - 1]
    return last.idx + len(last.text)


def _copy_as(target: _Cand, i: int, j: int, how: str) -> _Cand:
    cand = _Cand(i, j, target.actor, target.camp, target.type, how, target.from_table, root_i=j - 1)
    cand.linked_to = target
    return cand


def _repeated_name(doc: Doc, cands: list[_Cand], token: Token) -> _Cand | None:
    """ "the union", "the commission", "the regime" after "Ulvane Valley Energy Workers'
    Union", "International Commission for Shared Waters", "the Tessary regime"; "the
    company" after "Ulvane Hydro, the jointly owned company": the nearest earlier
    organisation (or state named by a government noun) with that noun in its name or
    apposed to it; failing that, the first such one named later in the article."""
    lemma = token.lemma_.lower()
    earlier, later = None, None
    for cand in sorted(cands, key=lambda c: c.i):
        if cand.type not in ("organisation", "state") or not cand.actor:
            continue
        if cand.linked_to is not None or cand.i <= token.i < cand.j:
            continue
        if cand.type == "organisation":
            words = {w.lower().strip("'’") for w in cand.actor.split()}
        else:  # "the Tessary regime" as written
            words = {doc[cand.root_i].lemma_.lower()} if cand.j - cand.i > 1 else set()
        root = doc[cand.root_i]
        words |= {c.lemma_.lower() for c in root.children if c.dep_ == "appos"}
        if root.dep_ == "appos":
            words.add(root.head.lemma_.lower())
        if lemma in words and not (root.head.i == token.i or token.head.i == root.i):
            if cand.i < token.i:
                earlier = cand
            elif later is None:
                later = cand
    return earlier or later


def _inside_quote(doc: Doc, i: int) -> bool:
    """Whether token i stands inside quotation marks in its paragraph (a pronoun in a
    quote is the quoted speaker's, which this layer does not resolve)."""
    opened = False
    text = _resolver.doc_text(doc)
    start = text.rfind("\n\n", 0, doc[i].idx)
    segment = text[start + 1 if start >= 0 else 0 : doc[i].idx]
    for ch in segment:
        if ch in "“":
            opened = True
        elif ch in "”":
            opened = False
        elif ch == '"':
            opened = not opened
    return opened


# ----------------------------------------------------------------------------- camps


def _camp_evidence(doc: Doc, cand: _Cand) -> list[tuple[int, str]]:
    """Tokens that can give a name its camp, with how they are attached, nearest first.

    The *title nouns* of a name are the nouns chained to it by compound/nmod/amod
    ("US Secretary of State Antony Blinken", "presidential adviser Podolyak"), the noun
    it is apposed to ("Its chief executive, Maria Ellander") and its appositions
    ("Maria Ellander, chief executive of Ulvane Hydro"). Evidence is what is attached
    directly to a title noun: a possessive (`poss`: "Putin's spokesman"), a modifier
    (`mod`: "US", "Kestrel"), or the object of its "of" (`of`). Nothing deeper counts
    ("one of the interviewers in American television history" says nothing)."""
    root = doc[cand.root_i]
    titles: list[Token] = [root]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":  # not another name
        titles.append(root.head)
    titles += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    k = 0
    while k < len(titles):  # title nouns chained by compound/nmod/amod
        for child in titles[k].children:
            if (
                child.dep_ in ("compound", "nmod", "amod")
                and child.pos_ in ("NOUN", "PROPN")
                and child not in titles
            ):
                titles.append(child)
        k += 1
    if any(t.lemma_.lower() in RELATION_NOUNS for t in titles):
        return []
    evidence: list[tuple[int, str]] = []
    for title in titles:
        for child in title.children:
            if child.dep_ == "poss":
                evidence.append((child.i, "poss"))
            elif child.dep_ in ("compound", "nmod", "amod"):
                evidence.append((child.i, "mod"))
            elif child.dep_ == "prep" and child.lower_ == "of":
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    # "leader of the Civic Union party", "director of the group Open
                    # Rivers Trust": the name may modify or be apposed to the object.
                    evidence.append((obj.i, "of"))
                    evidence += [
                        (g.i, "of")
                        for g in obj.children
                        if g.dep_ in ("compound", "nmod", "appos") and g.pos_ == "PROPN"
                    ]
    span = range(cand.i, cand.j)
    evidence = [(i, how) for i, how in evidence if i not in span]
    return sorted(evidence, key=lambda e: abs(e[0] - cand.i))


def _title_nouns(doc: Doc, cand: _Cand) -> set[str]:
    """Role words introducing a name ("Prime Minister", "spokesman"), for role-noun
    resolution: lower-cased single words and the two-word title."""
    if cand.type != "person":
        return set()
    words = []
    k = cand.i - 1
    while k >= 0 and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and not doc[k].ent_type_:
        words.insert(0, doc[k].lower_)
        k -= 1
    nouns = set(words)
    if len(words) >= 2:
        nouns.add(" ".join(words[-2:]))
    root = doc[cand.root_i]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.add(root.head.lemma_.lower())
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            nouns.add(child.lemma_.lower())
    return nouns


def _infer_camps(doc: Doc, cands: list[_Cand], aliases: AliasTable) -> None:
    """Fill camps: the alias table first; else an organisation, a state or a person
    named in the phrase that introduces the actor. Repeated until nothing changes,
    so a camp can pass through a chain ("Putin's spokesman" → Putin → Russia)."""
    for cand in cands:
        row = aliases.actor_row(cand.actor)
        if row and row.camp:
            cand.camp, cand.from_table = row.camp, True
        if row and row.type in ACTOR_TYPES and cand.type != "group":
            cand.type = row.type
    by_token = {}
    for cand in cands:
        for k in range(cand.i, cand.j):
            by_token[k] = cand
    for _ in range(4):
        camps = _actor_camps(cands)
        changed = False
        for cand in cands:
            if cand.from_table and cand.camp:
                continue
            if camps.get(cand.actor):
                if cand.camp != camps[cand.actor]:
                    cand.camp, changed = camps[cand.actor], True
                continue
            if cand.type in ("person", "organisation"):
                camp = _camp_from_title(doc, cand, by_token, camps)
                if camp and camp != cand.camp:
                    cand.camp, changed = camp, True
        for cand in cands:  # pronouns and role nouns follow what they refer to
            target = cand.linked_to
            if target is not None and target.camp != cand.camp:
                cand.camp, changed = target.camp, True
        if not changed:
            break
    camps = _actor_camps(cands)
    for cand in cands:
        if not cand.camp and camps.get(cand.actor):
            cand.camp = camps[cand.actor]


def _actor_camps(cands: list[_Cand]) -> dict[str, str]:
    """Actor → camp: the table's where it gives one, else the most frequent inferred.
    Generic groups ("families", "officials") are left out: each keeps its own."""
    cands = [c for c in cands if c.type != "group" or c.from_table]  # "families" vary
    table = {c.actor: c.camp for c in cands if c.from_table and c.camp}
    counts: dict[str, Counter] = defaultdict(Counter)
    for cand in cands:
        if cand.camp and cand.actor not in table:
            counts[cand.actor][cand.camp] += 1
    inferred = {actor: counter.most_common(1)[0][0] for actor, counter in counts.items()}
    return {**inferred, **table}


def _camp_from_title(
    doc: Doc, cand: _Cand, by_token: dict[int, _Cand], camps: dict[str, str]
) -> str | None:
    """The camp the introducing phrase gives (see `_camp_evidence`): a state's or an
    organisation's camp, or a person's through a possessive only ("Putin's
    spokesman", not "the Putin favourite"); an organisation without a known camp is
    itself the camp of the people it is the title of ("Its chief executive")."""
    for k, how in _camp_evidence(doc, cand):
        other = by_token.get(k)
        if other is None or other is cand or other.actor == cand.actor:
            continue
        if other.type == "person" and how != "poss":
            continue
        if other.type == "group":
            continue
        camp = camps.get(other.actor) or other.camp
        if camp:
            return camp
        if other.type == "organisation" and cand.type == "person":
            return other.actor
    return None


# ----------------------------------------------------------------------------- roles


def _role(doc: Doc, cand: _Cand) -> str:
    """The mention's role in its clause, from the dependency of its head token."""
    token = doc[cand.root_i if cand.root_i is not None else cand.j - 1]
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    dep, head = token.dep_, token.head
    if cand.resolution == "nationality" or dep in ("poss",):
        return "possessor"
    if dep in ("nsubj", "csubj"):
        return "agent"
    if dep in ("nsubjpass", "dobj", "dative", "oprd"):
        return "patient"
    if dep == "pobj":
        prep = head.lower_
        if prep == "by":
            return "agent"
        if prep in ("against", "on", "at") and head.head.pos_ in ("NOUN", "VERB"):
            return "patient"
        if prep == "of" and head.head.pos_ == "NOUN":
            return "possessor"
        return "other"
    if dep in ("compound", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN"):
        return "possessor"
    return "other"


def _speaker_choices(
    doc: Doc, cands: list[_Cand], speaker_spans: Sequence[tuple[int, int]]
) -> set[int]:
    """For each speaker span, the one mention that is the speaker (see `actor_at`)."""
    picks: set[int] = set()
    for start, end in speaker_spans:
        inside = [c for c in cands if c.actor and doc[c.i].idx < end and _end_char(doc, c) > start]
        chosen = _pick(
            [(c, doc[c.i].idx, _end_char(doc, c), _role(doc, c)) for c in inside], start, end
        )
        if chosen is not None:
            picks.add(id(chosen))
    return picks


def _pick(items: list[tuple[Any, int, int, str]], start: int, end: int) -> Any:
    """The mention a span denotes: an exact match, else the mention that is not a
    possessor or modifier inside the span (the head: "Putin's spokesman Dmitry
    Peskov" → Peskov), persons first, leftmost."""
    if not items:
        return None
    exact = [it for it in items if it[1] == start and it[2] == end]
    if exact:
        return exact[0][0]
    heads = [it for it in items if it[3] != "possessor"] or items
    heads.sort(key=lambda it: (getattr(it[0], "type", "") != "person", it[1]))
    return heads[0][0]


def actor_at(
    mentions: Iterable[Mention],
    start: int,
    end: int,
    article_id: str | None = None,
    name: str | None = None,
) -> Mention | None:
    """The mention that a span of an article denotes (e.g. an attribution's speaker
    span), or None: an exact match, else the head mention inside the span.

    `name` is the text the span was resolved to elsewhere (an attribution's `speaker`,
    e.g. "Gustav Reim" for an "I" inside his quote): when no mention covers the span,
    the article's mention of that name (as actor or as written) is returned."""
    mentions = [m for m in mentions if article_id is None or m.article_id == article_id]
    items = [(m, m.start, m.end, m.role) for m in mentions if m.start < end and m.end > start]
    found = _pick(items, start, end)
    if found is None and name:
        low = name.strip().lower()
        named = [m for m in mentions if low in (m.actor.lower(), m.text.lower())]
        found = min(named, key=lambda m: abs(m.start - start)) if named else None
    return found


def speaker_actors(
    attributions: Iterable[Any], mentions: Iterable[Mention]
) -> list[Mention | None]:
    """For each attribution (anything with `article_id`, `speaker_start`, `speaker_end`
    and `speaker`), the mention its speaker span denotes, or None: what fills the
    `actor` and `camp` columns of attributions.csv."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append(m)
    found = []
    for a in attributions:
        if a.speaker_start is None or a.speaker_end is None:
            found.append(None)
            continue
        found.append(
            actor_at(by_article.get(a.article_id, ()), a.speaker_start, a.speaker_end,
                     name=getattr(a, "speaker", None))
        )  # fmt: skip
    return found


def quoted_records(attributions: Iterable[Any], speakers: Iterable[Mention | None]) -> list[Quoted]:
    """`Quoted` records for `actors_table` from attributions and their speakers (as
    `speaker_actors` returns them): the words of each attribution's content. Cues inside
    a quote (`in_quote`) are left out, their words being already the outer speaker's."""
    records = []
    for a, m in zip(attributions, speakers, strict=True):
        if getattr(a, "in_quote", False) or not getattr(a, "content", None):
            continue
        words = len(_WORD.findall(a.content))
        records.append(Quoted(a.article_id, m.actor if m else None, m.camp if m else None, words))
    return records


# ------------------------------------------------------------------- across articles


def link_across_articles(mentions: Sequence[Mention]) -> list[Mention]:
    """One actor across the corpus: full names with the same first and last word are
    one ("Donald J. Trump", "Donald Trump"); a one-word person name ("Brenn") becomes
    the only full name of the corpus ending (or starting) with it ("Oskar Brenn"); an actor
    with no camp in one article takes the camp it has elsewhere when that is unique."""
    counts = Counter(m.actor for m in mentions if m.type == "person")
    # "Donald J. Trump" and "Donald Trump": the same first and last name are one actor,
    # under the most frequent form.
    variants: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in counts:
        parts = name.split()
        if len(parts) >= 2:
            variants[(parts[0].lower(), parts[-1].lower())].append(name)
    canonical = {}
    for names in variants.values():
        best = max(names, key=lambda n: (counts[n], -len(n)))
        canonical.update({n: best for n in names})
    mentions = [
        replace(m, actor=canonical[m.actor]) if m.actor in canonical and m.type == "person" else m
        for m in mentions
    ]
    full = {m.actor for m in mentions if m.type == "person" and " " in m.actor}
    by_word: dict[str, set[str]] = defaultdict(set)
    for name in full:
        parts = name.split()
        by_word[parts[-1].lower()].add(name)
        by_word[parts[0].lower()].add(name)
    renamed = []
    for m in mentions:
        if m.type == "person" and " " not in m.actor and len(by_word.get(m.actor.lower(), ())) == 1:
            m = replace(m, actor=next(iter(by_word[m.actor.lower()])))
        renamed.append(m)
    camps: dict[str, set[str]] = defaultdict(set)
    for m in renamed:
        if m.camp:
            camps[m.actor].add(m.camp)
    return [
        replace(m, camp=next(iter(camps[m.actor])))
        if not m.camp and len(camps.get(m.actor, ())) == 1
        else m
        for m in renamed
    ]


# ----------------------------------------------------------------------------- tables


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


def actors_table(mentions: Iterable[Mention], quoted: Iterable[Any] = ()) -> pd.DataFrame:
    """actors.csv: one row per actor (`level` = "actor") and one per camp (`level` =
    "camp"): articles, mentions (in all and by role), times quoted, words quoted and
    voice share (the share of all quoted words in the corpus, the unattributed
    included). `quoted` holds `Quoted` records, dicts or (article_id, actor, camp,
    content_words) tuples."""
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
            if level == "actor":
                g["camps"][m.camp] += 1 if m.camp else 0
                g["types"][m.type] += 1
            g["articles"].add(m.article_id)
            g["mentions"] += 1
            if f"as_{m.role}" in g:
                g[f"as_{m.role}"] += 1
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
