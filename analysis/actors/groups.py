"""How a group noun's actor is named: the words of who they are, without the words of
how many ("very few lawmakers" → lawmakers) or of what the writer thinks of them
("jittery lawmakers" → lawmakers), proper words in their capitals ("Indiana
lawmakers"), and a party marker's camp ("GOP senators" → Republican senators).
Hyphenated and other ethnic identities ("African Americans", "Mexican-American voters")
are groups of their own, in no state's camp (`identity_groups`). `modifier_candidates`
finds the groups of an article: named by a state or body in front ("US officials",
"White House officials") or by their noun alone ("rescue workers")."""

from __future__ import annotations

import csv
import functools

from spacy.tokens import Doc, Token

from analysis.actors.aliases import Alias, AliasTable
from analysis.actors.base import (
    GOVERNMENT_NOUNS,
    GROUP_NOUNS,
    QUANTITY_WORDS,
    Cand,
    norm_text,
    trim_span,
)
from analysis.actors.owned import OWNED_BODIES
from analysis.config import PACKAGE_DIR
from analysis.resolve import dateline_end, doc_text


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


def _pack_surname(cand: Cand, aliases: AliasTable) -> bool:
    """A one-word name no table row gave that is the surname of exactly one person of a
    knowledge pack ("Obama")."""
    return (
        not cand.from_table
        and bool(cand.actor)
        and " " not in cand.actor
        and aliases.sole_namesake(cand.actor) is not None
    )


def _group_of(
    doc: Doc,
    cand: Cand,
    head: Token,
    aliases: AliasTable,
    camp: str | None,
    name: str | None = None,
) -> Cand:
    """The group a state or organisation modifier names with its group noun `head`
    ("US officials"), under its table name where the table has one; `name` where it
    is not the words as written."""
    span_text = name or norm_text(doc[cand.i : head.i + 1].text)
    row = aliases.actor_row(span_text)
    return Cand(
        cand.i,
        head.i + 1,
        row.actor if row else span_text,
        (row.camp if row else None) or camp,
        "group",
        "alias" if row else "group",
        from_table=row is not None,
        root_i=head.i,
    )


def modifier_candidates(doc: Doc, cands: list[Cand], aliases: AliasTable) -> list[Cand]:
    """Groups named by a state or organisation modifier ("US officials", "Ukrainian
    forces", "White House officials", "FBI agents": in the modifier's camp, or in a
    known organisation's own where it has none: "CNN reporters"), states named by a
    government noun ("the Tessary regime"), and plain group nouns ("rescue workers").
    Nationality adjectives stay mentions of their state."""
    extra: list[Cand] = []
    covered = {k for c in cands for k in range(c.i, c.j)}
    by_root = {c.root_i: c for c in cands}
    for cand in list(cands):
        if cand.type == "organisation" and cand.actor and cand.j - cand.i <= 6:
            token, head = doc[cand.root_i], doc[cand.root_i].head
            if (
                token.dep_ in ("compound", "nmod")
                and head.pos_ == "NOUN"
                and head.tag_ in ("NNS", "NNPS")
                and head.lemma_.lower() in GROUP_NOUNS
                and head.i not in covered
                and head.i >= cand.j
                and all(
                    doc[k].dep_ == "compound" or aliases.marker_camp(doc[k].text)
                    for k in range(cand.j, head.i)
                )  # not "House political analysts": analysts of the House races
            ):
                own = cand.actor if cand.from_table else None  # "CNN reporters"
                party = party_modifier(doc, cand.j, head.i, aliases)
                camp = party[1] if party else cand.camp or own  # "House Republican leaders"
                # named with the organisation's one name: "DOJ officials" and "Justice
                # Department officials" are one group
                name = cand.actor.removeprefix("the ") + " " + doc[cand.j : head.i + 1].text
                extra.append(_group_of(doc, cand, head, aliases, camp, norm_text(name)))
                cands.remove(cand)
                covered.update(range(cand.i, head.i + 1))
            continue
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
            extra.append(_group_of(doc, cand, head, aliases, cand.camp))
            covered.update(range(cand.i, head.i + 1))
        elif lemma in OWNED_BODIES and _pack_surname(cand, aliases):
            # "the Obama administration" with "Obama" tagged as a place: the person's
            # administration (`owned_bodies`), not a state
            cand.type, cand.place, cand.camp = "person", False, None
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
                party_word = by_root.get(child.i)
                if (
                    party_word is not None
                    and party_word in cands
                    and party_word.type == "group"
                    and party_word.j == token.i
                    and party_word.j - party_word.i == 1
                    and aliases.marker_camp(doc[party_word.i].text)
                ):
                    # "GOP candidates": one group in the party's camp, not the party
                    # and a group of candidates from nowhere
                    cands.remove(party_word)
                    covered.difference_update(range(party_word.i, party_word.j))
            left = group_start(doc, token, covered)
            left, _ = trim_span(doc, left, token.i + 1)
            if any(k in covered for k in range(left, token.i + 1)):
                left = token.i
            left = past_quantities(doc, left, token.i)
            dateline = dateline_end(doc_text(doc), doc[left].idx)
            while dateline is not None and left < token.i and doc[left].idx < dateline:
                left += 1  # "BRUSSELS - European leaders gathered": where, then who
            text = group_name(doc, left, token.i + 1)
            row = aliases.actor_row(text)
            party = party_modifier(doc, left, token.i, aliases)
            if party and not row:  # "Republican lawmakers", "Democratic senators"
                word, camp = party
                # "GOP lawmakers" are the "Republican lawmakers" of another outlet
                word = camp.removesuffix(" Party") if camp.endswith(" Party") else word
                text = f"{word} {token.text.lower()}"
            extra.append(
                Cand(
                    left,
                    token.i + 1,
                    row.actor if row else text,
                    row.camp if row else (party[1] if party else None),
                    "group",
                    "alias" if row else "group",
                    from_table=row is not None,
                    root_i=token.i,
                    camp_source="table" if row and row.camp else ("text" if party else ""),
                )
            )
            covered.update(range(left, token.i + 1))
    return extra
