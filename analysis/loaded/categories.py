"""Categories a researcher can count, and descriptive uses that are not labels.

Every loaded term gets one of the `LOADED_CATEGORIES` (or `hedge`, which is reported
but never counted as loaded):

- `label`: name-calling and labels ("regime", "thugs", "radical" of a group, "Kiev");
- `emotive_verb`: verbs that judge ("slammed", "peddled", "boasted");
- `intensifier`: words that turn the volume up ("utterly", "extremely");
- `doubt`: doubt markers ("so-called", "alleged", "claimed" as a modifier);
- `scare_quote`: quotation marks round a short phrase nobody is quoted as saying;
- `other_loaded`: every other loaded word (emotive adjectives, puffery, euphemisms,
  editorializing adverbs, unsupported attributions);
- `hedge`: Hyland's hedges ("may", "reportedly") — weak commitment, not a judgement.

A lexicon entry's own category (emotive, editorializing, puffery, naming ...) is kept in
`LoadedTerm.subcategory`; a user's own category (a `--lexicon` file with, say,
`category=demo`) passes through unchanged. Words the trained tagger finds are
classed by their part of speech and position (`model_category`).

Descriptive uses ("the Sept. 11 terrorist attacks", "the court ruled the search
illegal") are not labels: `is_descriptive` checks the contexts listed, with their
sources, in `analysis/lexicons/loaded_terms_descriptive.csv`. Nor is naming who someone
is: the neutral words for a sexual orientation, race, religion, migration status, gender
or political camp ("a gay nightclub", "black and Hispanic voters", "liberal activists"),
listed with the style guides that recommend them in `analysis/lexicons/identity_terms.csv`
(`identity_terms`), are never a loaded term on their own.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from analysis.config import package_data

LOADED_CATEGORIES = (
    "label",
    "emotive_verb",
    "intensifier",
    "doubt",
    "scare_quote",
    "other_loaded",
)
HEDGE = "hedge"
#: Categories that are reported but never counted as loaded.
NOT_LOADED = frozenset({HEDGE})

#: Lexicon category → researcher category (where it does not depend on the word's POS).
_FIXED = {
    "label": "label",
    "naming": "label",
    "doubt": "doubt",
    "intensifier": "intensifier",
    "hedge": HEDGE,
    "scare_quote": "scare_quote",
    "cue_distancing": "doubt",
    "cue_emotive": "emotive_verb",
    "puffery": "other_loaded",
    "euphemism": "other_loaded",
    "weasel": "other_loaded",
}
#: Kit lexicon categories that are emotive verbs when the word is a verb, else other.
_BY_POS = frozenset({"emotive", "editorializing"})
_GROUP_ENTITIES = frozenset({"PERSON", "NORP", "ORG", "GPE"})

DESCRIPTIVE_FILE = "lexicons/loaded_terms_descriptive.csv"
IDENTITY_FILE = "lexicons/identity_terms.csv"


def is_loaded(category: str) -> bool:
    """Whether a term of this category counts as loaded (hedges do not)."""
    return category not in NOT_LOADED


def lexicon_category(category: str, head: Token) -> str:
    """The researcher category of a lexicon match with entry category `category`."""
    if category in _FIXED:
        return _FIXED[category]
    if category in _BY_POS:
        return "emotive_verb" if head.pos_ == "VERB" else "other_loaded"
    return category  # a user's own category


def model_category(span: Span, intensifier: bool = False) -> str:
    """The category of a run of words the trained tagger marked: a verb is an emotive
    verb; a noun, or an adjective describing a person, group or place, a label; an
    adverb that the pattern lexicon knows as an intensifier (`intensifier`), an
    intensifier; anything else other loaded."""
    head = span.root
    if head.pos_ in ("VERB", "AUX"):
        return "emotive_verb"
    if head.pos_ in ("NOUN", "PROPN"):
        return "label"
    if head.pos_ == "ADJ" and head.dep_ == "amod" and head.head.ent_type_ in _GROUP_ENTITIES:
        return "label"
    if head.pos_ == "ADV" and intensifier:
        return "intensifier"
    return "other_loaded"


@dataclass(frozen=True)
class DescriptiveContext:
    """A context in which a term describes rather than labels (one CSV row)."""

    term: str
    context: str  # event | legal
    words: frozenset[str]
    except_with: frozenset[str]
    source: str


@functools.cache
def descriptive_contexts() -> Mapping[str, tuple[DescriptiveContext, ...]]:
    """Term → its descriptive contexts, from `lexicons/loaded_terms_descriptive.csv`."""
    found: dict[str, list[DescriptiveContext]] = {}
    with package_data(DESCRIPTIVE_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            term = row["term"].strip().lower()
            found.setdefault(term, []).append(
                DescriptiveContext(
                    term=term,
                    context=row["context"].strip(),
                    words=frozenset(w.strip() for w in row["words"].split("|") if w.strip()),
                    except_with=frozenset(
                        w.strip() for w in (row.get("except_with") or "").split("|") if w.strip()
                    ),
                    source=row["source"].strip(),
                )
            )
    return {term: tuple(contexts) for term, contexts in found.items()}


def is_descriptive(span: Span) -> bool:
    """Whether the words are used descriptively in their context (see the module doc):

    - `event`: the term modifies one of the context's nouns, and that noun's phrase
      names a dated or named event (a date, a number or a proper name in it: "the Sept.
      11 terrorist attacks", "the 9/11 terror attacks");
    - `legal`: one of the context's words is in the same sentence (a court, a charge, a
      law) and the term does not modify one of `except_with` ("illegal aliens")."""
    head = span.root
    contexts = descriptive_contexts().get(head.lemma_.lower()) or descriptive_contexts().get(
        head.lower_
    )
    if not contexts:
        return False
    for context in contexts:
        if context.context == "event":
            noun = head.head
            if head.dep_ in ("amod", "compound") and noun.lemma_.lower() in context.words:
                phrase = list(noun.subtree)
                if any(
                    t.ent_type_ in ("DATE", "EVENT", "GPE", "CARDINAL") or t.like_num
                    for t in phrase
                    if t is not head
                ):
                    return True
        elif context.context == "legal":
            modified = head.head.lemma_.lower() if head.dep_ in ("amod", "compound") else ""
            if modified in context.except_with or head.head.lower_ in context.except_with:
                continue
            sentence = {t.lemma_.lower() for t in head.sent}
            if sentence & context.words:
                return True
    return False


@functools.cache
def identity_terms() -> frozenset[str]:
    """The neutral words for who someone is, from `lexicons/identity_terms.csv`
    (lower case): never a loaded term on their own."""
    with package_data(IDENTITY_FILE).open(encoding="utf-8", newline="") as handle:
        return frozenset(row["term"].strip().lower() for row in csv.DictReader(handle))


def names_an_identity(tokens: list[Token]) -> bool:
    """Whether these words (function words and hyphens aside) only name who someone
    is: "gay", "African-American", "gay and lesbian", "white"."""
    words = [t for t in tokens if t.is_alpha and t.pos_ not in ("DET", "ADP", "CCONJ", "PART")]
    if not words:
        return False
    terms = identity_terms()
    joined = "".join(t.text_with_ws for t in tokens).strip().lower()
    return joined in terms or all(t.lower_ in terms or t.lemma_.lower() in terms for t in words)
