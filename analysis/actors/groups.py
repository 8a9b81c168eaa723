"""How a group noun's actor is named: the words of who they are, without the words of
how many ("very few lawmakers" → lawmakers) or of what the writer thinks of them
("jittery lawmakers" → lawmakers), proper words in their capitals ("Indiana
lawmakers"), and a party marker's camp ("GOP senators" → Republican senators).
Hyphenated and other ethnic identities ("African Americans", "Mexican-American voters")
are groups of their own, in no state's camp (`identity_groups`)."""

from __future__ import annotations

import csv
import functools

from spacy.tokens import Doc, Token

from analysis.actors.aliases import Alias, AliasTable
from analysis.actors.base import QUANTITY_WORDS
from analysis.config import PACKAGE_DIR
from analysis.resolve import doc_text


@functools.cache
def group_name_evaluations() -> frozenset[str]:
    """The words a group's name leaves out (`data/group_name_evaluations.csv`)."""
    with (PACKAGE_DIR / "data" / "group_name_evaluations.csv").open(encoding="utf-8") as handle:
        return frozenset(row["word"].lower() for row in csv.DictReader(handle))


def group_start(doc: Doc, token: Token, covered: set[int]) -> int:
    """The first word of the name of the group `token` heads: its adjective and noun
    modifiers, nearest first, up to one that only evaluates the group
    (`group_name_evaluations`: "jittery lawmakers", "outspoken and controversial public
    officials" → "public officials")."""
    left = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ not in ("amod", "compound") or child.i in covered:
            continue
        if _evaluates(child):
            break
        left = min(left, child.left_edge.i)
    return left


def _evaluates(modifier: Token) -> bool:
    """An adjective (and those coordinated with it) that only evaluates."""
    words = [modifier, *(t for t in modifier.conjuncts if t.i < modifier.head.i)]
    return all(w.lemma_.lower() in group_name_evaluations() for w in words) and any(
        w.pos_ in ("ADJ", "VERB") for w in words
    )


#: Entity types whose words keep their capitals in a group's name ("Indiana lawmakers",
#: "Latino voters", "Roman Catholic leaders").
_PROPER_TYPES = frozenset("NORP GPE LOC ORG FAC PERSON LANGUAGE".split())


def group_name(doc: Doc, i: int, j: int) -> str:
    """A group's name as written, in lower case but for proper nouns and adjectives
    ("Rescue workers" opening a sentence is "rescue workers"; "Indiana lawmakers" and
    "Latino voters" keep their capitals); hyphens as written ("active-duty troops")."""
    text = doc_text(doc)
    start = doc[i].idx
    chars = list(text[start : doc[j - 1].idx + len(doc[j - 1].text)].lower())
    for token in doc[i:j]:
        proper = token.ent_type_ in _PROPER_TYPES or (
            token.pos_ == "PROPN" and not token.is_sent_start
        )
        if proper and token.text[:1].isupper():
            at = token.idx - start
            chars[at : at + len(token.text)] = text[token.idx : token.idx + len(token.text)]
    return " ".join("".join(chars).split())


def past_quantities(doc: Doc, left: int, head: int) -> int:
    """The first word of a group's name after the words of how many ("very few
    lawmakers" → "lawmakers", "most senior leaders" → "senior leaders"): adverbs,
    determiners, foreign words ("de facto") and `QUANTITY_WORDS` before the first word
    of who they are."""
    while left < head and (
        doc[left].pos_ in ("ADV", "DET", "ADP", "PRON")
        or doc[left].tag_ == "FW"  # "de facto immigration agents"
        or doc[left].lower_ in QUANTITY_WORDS
        or doc[left].is_punct
        or doc[left].is_space
    ):
        left += 1
    return left


#: The camp of the "Independent" party marker ("Sen. Bernie Sanders, I-Vt."): before a
#: group noun the word means unaffiliated ("Independent engineers", "independent voters").
INDEPENDENT = "Independent"


def party_modifier(doc: Doc, left: int, head: int, aliases: AliasTable) -> tuple[str, str] | None:
    """(marker as written, camp) where a party marker modifies a group noun:
    "Republican lawmakers", "GOP leaders", "Democratic senators"."""
    for k in range(left, head):
        camp = aliases.marker_camp(doc[k].text) if len(doc[k].text) > 1 else None
        if camp and camp != INDEPENDENT:  # "independent engineers" belong to no party
            return doc[k].text, camp
    return None


_HYPHENS = frozenset("- – ‐".split())


def identity_groups(doc: Doc, alias_spans: list, aliases: AliasTable) -> list:
    """The alias matches with hyphenated and other ethnic identities taken out of the
    states they name: "Mexican-American", "African Americans", "Native Americans" are
    neither Mexico nor the United States. A people noun ("Americans") with its
    identity word before it becomes a group of that name in no camp (an identity is
    not an affiliation); an adjective ("Mexican-American") is no mention of a state,
    and the group noun it modifies is named with it ("Mexican-American voters").
    `alias_spans` are `AliasTable.matches` triples (start, end, row); only a state's
    own words count ("Jewish Democrats" keep their party, "House Republicans" are no
    identity)."""
    ends = {b: (a, row) for a, b, row in alias_spans}
    dropped: set[int] = set()
    replaced: dict[int, tuple[int, int, Alias]] = {}
    for a, b, row in alias_spans:
        if row.type not in ("state", "group") or not row.camp or a in dropped:
            continue
        state = aliases.actor_row(row.camp)
        if state is None or state.type != "state":
            continue
        start = None
        if (
            a >= 2
            and doc[a - 1].text in _HYPHENS
            and not doc[a - 2].whitespace_
            and not doc[a - 1].whitespace_
            and doc[a - 2].is_alpha
            and doc[a - 2].text[:1].isupper()
        ):
            start = a - 2  # "Mexican-American", "Palestinian-Americans"
        elif (
            row.type == "group"
            and a >= 1
            and doc[a - 1].is_alpha
            and doc[a - 1].text[:1].isupper()
            and (doc[a - 1].ent_type_ == "NORP" or (a in ends and ends[a][1].type == "state"))
        ):
            start = a - 1  # "African Americans", "Native Americans"
        if start is None:
            continue
        before = ends.get(start + 1)
        if before is not None and before[0] == start:
            dropped.add(start)  # "Mexican" of "Mexican-American": no Mexico either
        written = " ".join(doc[start:b].text.split())
        kind = "group" if row.type == "group" else "ignore"
        replaced[a] = (start, b, Alias(written, written if kind == "group" else None, None, kind))
    return [replaced.get(a, (a, b, row)) for a, b, row in alias_spans if a not in dropped]
