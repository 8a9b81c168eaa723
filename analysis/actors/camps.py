"""Camps: the affiliation (party, state or government, organisation) of each actor.

In order of precedence (`CAMP_SOURCES`, recorded as `camp_source`):

1. `table`: the alias table (`data/actors.csv`, `--actors`);
2. `text`: an explicit party marker in the article: in front of the name or its title
   ("Republican Sen. John McCain", "GOP Rep. Steve Scalise"), in a party-state tag
   after it ("Elizabeth Warren (D-Mass.)", "John McCain, R-Ariz."), or on the title
   noun it is apposed to ("Harry Reid, the Democratic leader"); an organisation's
   own name with a party word in it ("Texas Democratic Party", "New Jersey
   Republican State Committee") or ending on a party's group the table knows (a local
   chapter: "Dallas Tea Party");
3. `pack`: a knowledge pack (`analysis/actors/packs/`);
4. `inferred`: the phrase that introduces the name: its possessor, the state in its
   title, the organisation it is apposed to ("Putin's spokesman Dmitry Peskov" →
   Russia through Putin; "Its chief executive, Daniel Reyes" → the organisation).
   An organisation is a camp only when it is one by name: proper nouns, no title
   fragment ("House", "Senate Armed Services Committee", "Defense") and no place,
   and, written before the name, only through a title or role noun ("Sierra Club
   executive director Michael Brune"). Relations and kin give none ("Putin's critic",
   "his son, Seth Hutchinson": a family is no affiliation), nor does the person whose
   lawyer or associate someone is ("Stone's attorney, Grant Smith").

Where nothing gives one, the camp stays empty. Party markers are the `marker` rows of
the tables and packs ("Republican", "GOP", "D" → a party).
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter, defaultdict

from spacy.tokens import Doc, Token

from analysis.actors.aliases import AliasTable
from analysis.actors.base import (
    ACTOR_TYPES,
    BODY_WORDS,
    CAMP_SOURCES,
    GROUP_NOUNS,
    KIN_NOUNS,
    NAME_PREFIXES,
    ORGANISATION_NOUNS,
    RANK_ABBREVIATIONS,
    RELATION_NOUNS,
    Cand,
    end_char,
)
from analysis.config import PACKAGE_DIR
from analysis.resolve import doc_text

#: A party-state tag after a name: "(D-Mass.)", ", R-Ariz.,", "(I-Vt)".
_PARTY_TAG = re.compile(
    r"\s*,?\s*[(\[]?\s*([A-Z])\s*[-–—]\s*[A-Z][A-Za-z.]*(?:\s[A-Z][a-z.]+)?\s*[)\],]"
    r"|\s*\(([A-Z])\)"  # "(R)"
)


#: Nouns for whom someone works with or for without sharing their camp: "Stone's
#: attorney, Grant Smith", "his associate Randy Credico" (through a possessive only:
#: "U.S. Attorney Paul J. Fishman" keeps the United States).
_HIRED_BY = frozenset("attorney lawyer counsel associate".split())


def _camp_evidence(doc: Doc, cand: Cand) -> list[tuple[int, str]]:
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
    if any(t.lemma_.lower() in RELATION_NOUNS or t.lower_ in KIN_NOUNS for t in titles):
        return []  # "his son, Seth Hutchinson": kin are no affiliation
    evidence: list[tuple[int, str]] = []
    for title in titles:
        for child in title.children:
            if child.dep_ == "poss":
                if title.lemma_.lower() not in _HIRED_BY:
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
    # A place in front of the title says where the job is, its "of" what it is for:
    # "the Washington director of MoveOn.org" is MoveOn's.
    has_of = any(how == "of" for _, how in evidence)

    def order(item: tuple[int, str]) -> tuple[bool, int]:
        i, how = item
        return has_of and how == "mod" and doc[i].ent_type_ == "GPE", abs(i - cand.i)

    return sorted(evidence, key=order)


def title_nouns(doc: Doc, cand: Cand) -> set[str]:
    """Role words introducing a name ("Prime Minister", "spokesman"), for role-noun
    resolution: lower-cased single words and the two-word title. An organisation's are
    the nouns for a business that introduce it ("the law firm Patton Boggs" → "the
    firm")."""
    if cand.type == "organisation":
        return _introducing_nouns(doc, cand) & ORGANISATION_NOUNS
    if cand.type != "person":
        return set()
    return _introducing_nouns(doc, cand)


def _introducing_nouns(doc: Doc, cand: Cand) -> set[str]:
    """The nouns written before a name and apposed to it, as `title_nouns` reads them."""
    words = []
    k = cand.i - 1
    while k >= 0 and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and not doc[k].ent_type_:
        if words and doc[k].pos_ == "NOUN" and doc[k + 1].lower_ in NAME_PREFIXES:
            break  # "the deal President Obama struck": the deal is no title of his
        words.insert(0, doc[k].lower_)
        k -= 1
    if words and k >= 0 and doc[k].lower_ in ("a", "an") and doc[k + 1].pos_ == "NOUN":
        words = []  # "a term Obama also used": a thing, not a title
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


def infer_camps(doc: Doc, cands: list[Cand], aliases: AliasTable) -> None:
    """Fill camps in the order of the module docstring. Inference is repeated until
    nothing changes, so a camp can pass through a chain ("Putin's spokesman" → Putin →
    Russia); pronouns and role nouns follow what they refer to."""
    for cand in cands:
        row = aliases.actor_row(cand.actor)
        if row and row.camp and not (cand.camp_source == "table" and cand.camp):
            if not (row.source == "pack" and cand.camp_source == "pack" and cand.camp):
                cand.camp = row.camp
                cand.camp_source = "pack" if row.source == "pack" else "table"
        if row:
            cand.from_table = True
        if row and row.type in ACTOR_TYPES and cand.type != "group":
            cand.type = row.type
    for cand in cands:
        if cand.type == "person" and cand.camp_source != "table" and cand.linked_to is None:
            marked = text_marker(doc, cand, aliases)
            if marked:
                cand.camp, cand.camp_source = marked, "text"
        elif cand.type == "organisation" and not cand.camp and cand.linked_to is None:
            marked = party_in_name(cand.actor, aliases)
            if marked:
                cand.camp, cand.camp_source = marked, "text"
    by_token = {}
    for cand in cands:
        for k in range(cand.i, cand.j):
            by_token[k] = cand
    for _ in range(4):
        camps = _actor_camps(cands)
        changed = False
        for cand in cands:
            if camps.get(cand.actor):
                if (cand.camp, cand.camp_source) != camps[cand.actor]:
                    (cand.camp, cand.camp_source), changed = camps[cand.actor], True
                continue
            if cand.camp and cand.camp_source in ("table", "text", "pack"):
                continue
            if cand.type in ("person", "organisation"):
                camp = _camp_from_title(doc, cand, by_token, camps, aliases.places)
                if camp and camp != cand.camp:
                    cand.camp, cand.camp_source, changed = camp, "inferred", True
        for cand in cands:  # pronouns and role nouns follow what they refer to
            target = cand.linked_to
            if target is not None and target.camp != cand.camp:
                cand.camp, cand.camp_source, changed = target.camp, target.camp_source, True
        if not changed:
            break


#: Last words of a party's own organisations: "Texas Democratic Party", "Republican
#: State Committee", "Democratic Governors Association", "Republican Study Committee".
PARTY_BODY_WORDS = frozenset("party committee caucus association coalition conference club".split())


def party_in_name(name: str, aliases: AliasTable) -> str | None:
    """The camp a party marker inside an organisation's own name gives it, where the
    name ends on a party-body word (module docstring, 2): never "Democratic Republic of
    the Congo"."""
    words = name.split()
    if len(words) < 2:
        return None
    if words[-1].lower() in PARTY_BODY_WORDS:
        camps = {aliases.marker_camp(w) for w in words[:-1] if len(w) > 1} - {None}
        if len(camps) == 1:
            return camps.pop()
    return _chapter_camp(words, aliases)


def _chapter_camp(words: list[str], aliases: AliasTable) -> str | None:
    """A local chapter of a party's group keeps the group's party: "Dallas Tea Party",
    "St. Louis Tea Party" end on the table's "Tea Party" (camp Republican Party) after
    capitalised words. Only a party's camp passes down: "Texas Justice Department" is
    no part of the federal department, so a non-party camp never does."""
    party_camps = set(aliases.markers.values())
    names = [words]
    if words[-1].lower() in PARTY_BODY_WORDS:  # "St. Louis Tea Party Coalition"
        names.append(words[:-1])
    for name in names:
        for k in range(1, len(name) - 1):
            row = aliases.actor_row(" ".join(name[k:]))
            if row is None or row.type not in ("group", "organisation"):
                continue
            if row.camp in party_camps and all(w[:1].isupper() for w in name[:k]):
                return row.camp
    return None


def text_marker(doc: Doc, cand: Cand, aliases: AliasTable) -> str | None:
    """The camp an explicit party marker gives a person's name (module docstring, 2)."""
    if not aliases.markers:
        return None
    tag = _PARTY_TAG.match(doc_text(doc), end_char(doc, cand))
    if tag and aliases.marker_camp(tag.group(1) or tag.group(2)):
        return aliases.marker_camp(tag.group(1) or tag.group(2))
    # Words of the title in front of the name: "Republican Sen.", "GOP presidential
    # candidate", "the Democratic Senate leader"; punctuation other than "." stops.
    k, steps = cand.i - 1, 0
    while k >= 0 and steps < 6:
        token = doc[k]
        if token.is_space or (token.is_punct and token.text != "."):
            break
        if len(token.text) > 1 and aliases.marker_camp(token.text):
            return aliases.marker_camp(token.text)
        if not (token.lower_ in NAME_PREFIXES or token.pos_ in ("NOUN", "ADJ", "PROPN", "PUNCT")):
            break
        k, steps = k - 1, steps + 1
    for k in range(cand.i, cand.j):  # "Republican Sen. John McCain" as one entity
        if len(doc[k].text) > 1 and aliases.marker_camp(doc[k].text):
            return aliases.marker_camp(doc[k].text)
    root = doc[cand.root_i] if cand.root_i is not None else doc[cand.j - 1]
    for child in root.children:  # "Olympia Snowe, a Republican from Maine"
        if child.dep_ == "appos" and len(child.text) > 1 and aliases.marker_camp(child.text):
            return aliases.marker_camp(child.text)
    for k, how in _camp_evidence(doc, cand):  # "Harry Reid, the Democratic leader"
        token = doc[k]
        if how == "mod" and len(token.text) > 1 and aliases.marker_camp(token.text):
            return aliases.marker_camp(token.text)
    return None


def _actor_camps(cands: list[Cand]) -> dict[str, tuple[str, str]]:
    """Actor → (camp, source) in the article: the strongest source that gives one
    (`CAMP_SOURCES`), the most frequent camp within it. Generic groups ("families",
    "officials") are left out: each keeps its own."""
    votes: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for cand in cands:
        if cand.type == "group" and not cand.from_table:
            continue
        if cand.camp and cand.linked_to is None:
            votes[cand.actor][cand.camp_source or "inferred"][cand.camp] += 1
    found = {}
    for actor, by_source in votes.items():
        for source in CAMP_SOURCES:
            if by_source.get(source):
                found[actor] = (by_source[source].most_common(1)[0][0], source)
                break
    return found


def _camp_from_title(
    doc: Doc,
    cand: Cand,
    by_token: dict[int, Cand],
    camps: dict[str, tuple[str, str]],
    places: frozenset[str] = frozenset(),
) -> str | None:
    """The camp the introducing phrase gives (see `_camp_evidence`): a state's or an
    organisation's camp, or a person's through a possessive only and only to a person
    ("Putin's spokesman", not "the Putin favourite" nor "Trump's Twitter"); an
    organisation without a known camp is itself the camp of the people it is the title
    of ("Its chief executive") when its name is one (`_names_a_camp`)."""
    for k, how in _camp_evidence(doc, cand):
        other = by_token.get(k)
        if other is None or other is cand or other.actor == cand.actor:
            continue
        if other.type == "person" and (how != "poss" or cand.type != "person"):
            continue  # nor an organisation's: "Trump's Twitter account" is no party's
        if other.type == "group" and not other.from_table:
            continue
        camp = camps[other.actor][0] if other.actor in camps else other.camp
        if camp:
            return camp
        named = other.linked_to or other  # "Its chief executive": the organisation named
        if (
            other.type == "organisation"
            and cand.type == "person"
            and not (how == "mod" and other.j == cand.i)  # "Clarence Thomas": a split name
            and not (how == "mod" and not _roles_between(doc, other.j, cand.i))
            and _names_a_camp(doc, named, places)
        ):
            return other.actor
    return None


#: Endings of nouns for people by what they do ("contributor", "founder", "analyst").
_AGENT_ENDINGS = ("er", "or", "ist", "ant", "ent", "man", "woman", "person", "ian", "ee")
#: Role nouns without such an ending.
_ROLE_WORDS = frozenset("host chair head aide staff nominee pick official chief".split())


def _roles_between(doc: Doc, start: int, end: int) -> bool:
    """Whether the words between an organisation and a name end in a title or role
    noun ("Sierra Club executive *director* Michael Brune", "CNN *contributor* ..."), so
    that the organisation is the person's: in "The New York Times show Trump Jr. ..."
    (the parser's compound) it is not."""
    words = [t for t in doc[start:end] if not (t.is_punct or t.is_space)]
    if not words:
        return True
    last = words[-1]
    word = last.lower_
    if word in NAME_PREFIXES or last.lemma_.lower() in GROUP_NOUNS or word in _ROLE_WORDS:
        return True
    return last.pos_ in ("NOUN", "PROPN") and word.endswith(_AGENT_ENDINGS)


def _names_a_camp(doc: Doc, cand: Cand, places: frozenset[str] = frozenset()) -> bool:
    """Whether an organisation mention can be a camp: a name of proper nouns (with
    "of", "the", "and", "&", "for"), no word of a legislative or government body or
    office (a title fragment: "House", "Senate Armed Services Committee", "Defense";
    nor a rank: "Army Capt"),
    no place name in it ("Controversial Maine", "Vermont Independent"), and not the
    first word of a party's name spaCy cut off ("Tea" of "Tea party activist")."""
    if cand.place or cand.type != "organisation":
        return False
    if cand.j < len(doc) and doc[cand.j].lower_ == "party":
        return False  # "Tea party activist": a fragment of a party's name
    tokens = [t for t in doc[cand.i : cand.j] if not t.is_space]
    if not tokens or tokens[0].pos_ != "PROPN":
        return False
    for token in tokens:
        if token.lower_ in BODY_WORDS or token.ent_type_ in ("GPE", "LOC", "NORP"):
            return False
        if token.lower_.rstrip(".") in RANK_ABBREVIATIONS:
            return False  # "Army Capt. Humayun Khan": a rank, no camp "Army Capt"
        if token.text in places:
            return False
        if token.pos_ != "PROPN" and token.lower_ not in ("of", "the", "and", "&", "for"):
            return False
    return True


#: Words that, in front of a government title, mean it is not the sitting national
#: government's: a former holder, or a state's office ("state Attorney General").
_NOT_SITTING = frozenset({"former", "then", "ex", "onetime", "late", "state", "deputy"})
#: Place modifiers that keep a title national ("U.S. Attorney General").
_NATIONAL = frozenset({"u.s.", "us", "american", "united", "states", "federal"})


@functools.cache
def government_titles() -> tuple[tuple[str, ...], ...]:
    """The titles of `data/government_titles.csv` as word tuples, longest first."""
    with (PACKAGE_DIR / "data" / "government_titles.csv").open(encoding="utf-8") as handle:
        titles = {tuple(row["title"].lower().split()) for row in csv.DictReader(handle)}
    return tuple(sorted(titles, key=len, reverse=True))


@functools.cache
def _terms() -> tuple[dict[str, str], ...]:
    """The rows of `data/us_administrations.csv` (an open term ends in 9999)."""
    with (PACKAGE_DIR / "data" / "us_administrations.csv").open(encoding="utf-8") as handle:
        return tuple(r | {"end": r["end"] or "9999"} for r in csv.DictReader(handle))


def _term_on(date: str | None) -> dict[str, str] | None:
    """The presidential term in progress on `date` (ISO), None without a date or
    outside the data."""
    if not date or not re.match(r"\d{4}-\d{2}-\d{2}", str(date)):
        return None
    day = str(date)[:10]
    return next((t for t in _terms() if t["start"] <= day < t["end"]), None)


def office_holder(date: str | None, office: str) -> str | None:
    """Who was US `office` ("president" or "vice president") on `date` (ISO), as the
    knowledge pack names the person; None without a date or outside the data."""
    term = _term_on(date)
    if term is None:
        return None
    return (term["vice_president"] if office == "vice president" else term["president"]) or None


def administration_party(date: str | None) -> str | None:
    """The party of the US administration in office on `date` (ISO, "2014-08-20"),
    None without a date or outside the data (`data/us_administrations.csv`)."""
    term = _term_on(date)
    return term["party"] if term is not None else None


def government_title(doc: Doc, cand: Cand) -> bool:
    """Whether a person's name is introduced by a sitting US government title right in
    front of it ("Attorney General Eric Holder", "Homeland Security Secretary Janet
    Napolitano"), not a former or a state one ("former Attorney General", "Texas
    Attorney General")."""
    words: list[tuple[int, str]] = []  # (token index, lower-cased word)
    k = cand.i - 1
    while k >= 0 and len(words) < 7:
        token = doc[k]
        if token.is_space or (token.is_punct and token.text != "."):
            break
        words.insert(0, (k, token.lower_))
        k -= 1
    in_front = len(words)
    words += [(t.i, t.lower_) for t in doc[cand.i : cand.j - 1]]  # spaCy may take it in
    for title in government_titles():
        n = len(title)
        for end in range(in_front, len(words) + 1):
            if end < n or tuple(w for _, w in words[end - n : end]) != title:
                continue
            if end - n == 0:
                return True
            index, word = words[end - n - 1]
            if word.strip(".-") in _NOT_SITTING:
                return False
            token = doc[index]
            if word not in _NATIONAL and (
                token.ent_type_ in ("GPE", "NORP", "LOC") or token.pos_ == "PROPN"
            ):
                return False
            return True
    return False
