"""Who is who: one actor per person, within an article and across the corpus.

- A person's name is what remains of the entity once titles ("President", "Sen.",
  "former Vice President"), party markers ("Republican") and sentence-opening words
  spaCy folded in ("Plus Obama", "Also Trump") are taken off (`clean_name`).
- Within an article a surname, "Mr. Trump" or a first name links to the full name
  written in that article (`link_names`); where several full names share the surname
  ("Donald Trump", "Ivanka Trump") the title's gender (against the full name's title,
  else its given name: "Mrs. Clinton" is not "Bill Clinton"), with a title the one
  named in full most often so far (twice or more: "Seth Hutchinson" over his father
  the governor), then a name a table or pack knows, then the nearest earlier one
  decides. "Trump Jr." links only to a "Jr.";
  a plain "Mr. Stone" may also link to a "Roger J. Stone Jr." named before it (the
  same choice decides among them), never where an office title ("President Trump")
  points elsewhere, nor where the article named someone by the plain surname first.
  An executive office title ("President Trump", "Vice President Cheney") or a title
  whose gender rules out every full name written (a kin noun gives one: "the
  president's daughter Ivanka Trump") goes to the one person of the knowledge pack
  it singles out, whether or not the article names him in full (`_pack_namesake`).
- Across articles (`link_across_articles`) full names with the same first and last
  name and suffix are one actor ("Donald J. Trump" = "Donald Trump", never "Donald
  Trump Jr."); a surname left alone in its article becomes a full name only where
  that is unambiguous: the one full name of the corpus with that surname, or the one
  person of a knowledge pack with it when the corpus has no other and the surname is
  someone there (acts in its clause or is written more than once: not "In nearby
  Clayton", "the communist Castro government"). Otherwise it stays
  as written: a corpus-wide guess would merge relatives ("Clinton"). A lone first
  name stays as written too ("his hometown of Hope" is not Hope Hicks of another
  article). A name written with "Jr." in some articles and without it in others
  ("Roger J. Stone Jr.", "Roger Stone") is one person, unless an article names both as
  two ("Jesse Jackson Jr. … his father, Jesse Jackson") or a table or pack knows the
  plain name ("Donald Trump").
- An organisation or group spelt with dotted initials or in another case in some
  articles ("F.B.I.", "House intelligence committee": the NYT's style) and otherwise
  in others ("FBI", "House Intelligence Committee") is one actor, under the corpus's
  most frequent capitalised spelling and its type (`_join_spellings`).
- Each person gets one camp across the corpus, by the precedence of `CAMP_SOURCES`:
  the alias table, an explicit marker in the text, a knowledge pack, inference.
- Each name has one type across the corpus, the one most of its mentions have
  ("Associated Press" tagged a person 4 times in 53), and a one-word organisation or
  place tag on the surname of the one pack person of it is that person where the corpus
  names the person `SURNAME_DOMINANCE` times as often (`_surnames_tagged_otherwise`).
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from analysis.actors.aliases import Alias, AliasTable
from analysis.actors.base import (
    CAMP_SOURCES,
    FEMALE_KIN,
    FEMALE_TITLES,
    FORMAL_SUFFIXES,
    HONORIFICS,
    IDENTITY_SUFFIXES,
    MALE_KIN,
    MALE_TITLES,
    NAME_PREFIXES,
    NOT_NAME_WORDS,
    PAGEANT_WORDS,
    TITLE_WORDS,
    Cand,
    Mention,
)
from analysis.config import PACKAGE_DIR


def strip_titles(doc: Doc, i: int, j: int) -> tuple[int, set[str]]:
    """Start of the name inside [i, j) after its titles, and the titles (lower case,
    without the full stop)."""
    titles = set()
    if 0 < i < j - 1 and doc[i - 1].lower_ == "miss" and doc[i].lower_ in PAGEANT_WORDS:
        i += 1  # the tag left "Miss" out of "Miss Universe Alicia Machado"
    while j - i > 1 and (doc[i].lower_ in NAME_PREFIXES or doc[i].lower_ in TITLE_WORDS):
        titles.add(doc[i].lower_.rstrip("."))
        if doc[i].lower_ == "miss" and j - i > 2 and doc[i + 1].lower_ in PAGEANT_WORDS:
            i += 1  # "Miss Universe Alicia Machado"
        i += 1
    return i, titles


_NOT_NAME_POS = frozenset("ADV CCONJ SCONJ INTJ ADP DET PRON PART".split())


def opening_words(doc: Doc, i: int, j: int, person: bool = False) -> int:
    """Start of [i, j) after words that are no part of a name: a sentence-opening
    "Plus" or "Also" (any word of `NOT_NAME_WORDS`, or a non-proper-noun opening a
    sentence); and for a `person` tag, a gerund opening a sentence ("Telling Jeb Bush
    to stop") and a plural proper noun before a full name ("Floridians Jeb Bush and
    Marco Rubio"), which an organisation's name may begin with ("Going Viral",
    "Communications Workers of America")."""
    while j - i > 1:
        token = doc[i]
        opens = token.is_sent_start or i == 0 or doc[i - 1].is_space or doc[i - 1].is_punct
        if token.lower_ in NOT_NAME_WORDS or (opens and token.pos_ in _NOT_NAME_POS):
            i += 1
            continue
        if person and (
            (opens and token.tag_ == "VBG")
            or (j - i > 2 and token.tag_ == "NNPS" and token.lower_.endswith("s"))
        ):
            i += 1
            continue
        break
    return i


def split_name(name: str) -> tuple[str, str, str]:
    """(first, last, suffix) of a name, lower case: "Donald J. Trump Jr." → ("donald",
    "trump", "jr."); formal suffixes ("III") dropped; a one-word name, or one opening
    with a lower-case particle ("de Léon"), has no first name."""
    written = name.replace(",", " ").split()
    if written and written[0][:1].islower():  # "de Léon", "van der Zwaan": no first name
        written = written[-1:]
    words = [w.lower() for w in written]
    suffix = ""
    while words and (words[-1] in IDENTITY_SUFFIXES or words[-1] in FORMAL_SUFFIXES):
        if words[-1] in IDENTITY_SUFFIXES:
            suffix = words[-1] if words[-1].endswith(".") else words[-1] + "."
        words.pop()
    if not words:
        return "", "", suffix
    if len(words) == 1:
        return "", words[0], suffix
    return words[0], words[-1], suffix


@functools.cache
def _given_name_classes() -> dict[str, str]:
    """Given name or short form → one key per set of forms that can name one person
    ("jim", "jimmy", "james" → "james"; "steve", "stephen", "steven" → "stephen")."""
    with (PACKAGE_DIR / "data" / "nicknames.csv").open(encoding="utf-8", newline="") as handle:
        pairs = [(row["name"].lower(), row["nickname"].lower()) for row in csv.DictReader(handle)]
    group: dict[str, set[str]] = {}
    for name, short in pairs:
        merged = group.get(name, {name}) | group.get(short, {short})
        for member in merged:
            group[member] = merged
    return {member: min(members) for member, members in group.items()}


def given_name_key(first: str) -> str:
    """A lower-case given name under the key shared by its short and long forms."""
    return _given_name_classes().get(first, first)


@functools.cache
def _given_name_genders() -> dict[str, str]:
    """Lower-case given name → "male" or "female", for names the US Congress data
    records with one gender for 95% of two or more people (`data/given_name_genders.csv`,
    built by scripts/build_us_pack.py)."""
    path = PACKAGE_DIR / "data" / "given_name_genders.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        words = {"M": "male", "F": "female"}
        return {row["given_name"].lower(): words[row["gender"]] for row in csv.DictReader(handle)}


def name_gender(name: str) -> str | None:
    """The gender a person's given name gives ("Bill Clinton" → male), or None."""
    return _given_name_genders().get(split_name(name)[0])


def _is_full(name: str) -> bool:
    first, last, _ = split_name(name)
    return bool(first and last)


def _title_gender(cand: Cand, doc: Doc) -> str | None:
    """The gender a title gives a name: one inside the mention, or the token right
    before it, where spaCy's entity left it out ("Mrs. Clinton's": the entity is
    "Clinton")."""
    titles = set(cand.titles)
    if cand.i > 0:
        titles.add(doc[cand.i - 1].lower_.rstrip("."))
    if titles & ({t.rstrip(".") for t in MALE_TITLES} | MALE_KIN):
        return "male"
    if titles & ({t.rstrip(".") for t in FEMALE_TITLES} | FEMALE_KIN):
        return "female"
    return None


#: Titles a surname may carry and still be the "Jr." named before it ("Mr. Stone").
_PLAIN_TITLES = frozenset(t.rstrip(".") for t in HONORIFICS)
#: Titles that, like "Mr.", point at no other person than the one named with a suffix
#: ("Adm. Harry B. Harris Jr. … Admiral Harris"): military ranks.
_RANKS = frozenset(
    "admiral adm general gen colonel col major maj captain capt lieutenant lt sergeant sgt".split()
)


def _office_before(doc: Doc, i: int, plain: frozenset[str] = frozenset()) -> bool:
    """Whether a title other than "Mr."/"Ms." (or the `plain` ones) stands right before
    token i ("President Trump", where the entity is only "Trump")."""
    k = i - 1
    while k >= 0 and (doc[k].lower_ in NAME_PREFIXES or doc[k].lower_.rstrip(".") in plain):
        if doc[k].lower_.rstrip(".") not in _PLAIN_TITLES | plain:
            return True
        k -= 1
    return False


def _executive_office(doc: Doc, i: int) -> str | None:
    """ "president" or "vice president" where that title stands right before token i
    ("President Trump", "former Vice President Cheney"), else None."""
    words = [t.lower_ for t in doc[max(0, i - 2) : i]]
    if words[-2:] == ["vice", "president"]:
        return "vice president"
    if words[-1:] == ["president"]:
        return "president"
    return None


def _officeholders(
    doc: Doc, persons: list[Cand], full: list[Cand], aliases: AliasTable
) -> dict[str, Alias]:
    """Surname → the pack's person, where an article that never writes the full name
    gives the surname an executive office title that singles one out ("Vice President
    Pence": Mike Pence, not Greg Pence); every plain mention of that surname in the
    article is then that person ("Mr. Pence" too). Not where two offices point to two
    people."""
    named = {split_name(f.actor)[1] for f in full}
    found: dict[str, set] = {}
    for cand in persons:
        first, last, suffix = split_name(cand.actor)
        if first or suffix or not last or last in named:
            continue
        office = _executive_office(doc, cand.i)
        namesake = _pack_namesake(aliases, last, None, office) if office else None
        if namesake is not None:
            found.setdefault(last, set()).add(namesake)
    return {last: next(iter(rows)) for last, rows in found.items() if len(rows) == 1}


def _pack_namesake(
    aliases: AliasTable, last: str, gender: str | None, office: str | None
) -> Alias | None:
    """The one person of the knowledge pack with surname `last` that an office title
    ("President", read from the pack's note) or a gendered title ("Mr.", read from the
    given name) singles out, or None where that is no one or several ("President
    Bush")."""
    if not (gender or office):
        return None
    found = []
    for actor in aliases.surnames.get(last.lower(), ()):
        row = aliases.actor_row(actor)
        if row is None:
            continue
        note = row.note.lower()
        if office == "president" and not note.startswith("president"):
            continue
        if office == "vice president" and "vice president" not in note:
            continue
        if gender and name_gender(actor) != gender:
            continue
        found.append(row)
    return found[0] if len(found) == 1 else None


def _named_plain_first(persons: list[Cand], last: str, before: int) -> bool:
    """True when a person with surname `last` and no suffix is mentioned before token
    `before` (where the article's first suffixed namesake is)."""
    for c in persons:
        if c.i >= before:
            continue
        _, c_last, c_suffix = split_name(c.actor)
        if c_last == last and not c_suffix:
            return True
    return False


def link_names(doc: Doc, cands: list[Cand], aliases: AliasTable) -> None:
    """One actor per person in the article: a surname ("Peskov", "Mr. Trump"), a
    surname with its suffix ("Trump Jr.") or a first name ("Leena") becomes the full
    name written elsewhere in the article (see the module docstring for the choice
    among several)."""
    persons = [c for c in cands if c.type == "person" and c.actor]
    full = [c for c in persons if _is_full(c.actor)]
    genders: dict[str, str] = {}
    for cand in persons:
        gender = _title_gender(cand, doc)
        if gender and _is_full(cand.actor):
            genders.setdefault(cand.actor, gender)
    for cand in full:  # no gendered title: the given name's ("Bill", "Hillary")
        gender = name_gender(cand.actor)
        if gender:
            genders.setdefault(cand.actor, gender)
    officeholders = _officeholders(doc, persons, full, aliases)
    _link_name_endings(full)
    for cand in persons:
        if _is_full(cand.actor) or cand.from_table:
            continue
        _, last, suffix = split_name(cand.actor)
        namesake = officeholders.get(last) if not suffix else None
        if namesake is not None:
            cand.actor, cand.from_table = namesake.actor, True
            if namesake.camp and not cand.camp:
                cand.camp, cand.camp_source = namesake.camp, _source_of(namesake.source)
            cand.resolution = "partial-name"
            continue
        matches, suffixed = [], []
        for f in full:
            f_first, f_last, f_suffix = split_name(f.actor)
            if f_last == last and f_suffix == suffix:
                matches.append(f)
            elif not suffix and f_first == last:  # a first name: "Leena"
                matches.append(f)
            elif not suffix and f_last == last:
                suffixed.append(f)
        if (
            suffixed
            and cand.titles <= _PLAIN_TITLES | _RANKS
            and not _office_before(doc, cand.i, _RANKS)
            and not _named_plain_first(persons, last, min(f.i for f in suffixed))
        ):
            # "Roger J. Stone Jr. … Mr. Stone": a plain surname may be the "Jr." named
            # before it (the choice below: a known name, then the nearest earlier),
            # never where an office title ("President Trump") points elsewhere, nor
            # where the article named someone by the plain surname first ("Mr. Trump
            # … Donald Trump Jr. … Mr. Trump": the father each time)
            matches += [f for f in suffixed if f.i < cand.i]
        if not matches:
            continue
        gender = _title_gender(cand, doc)
        office = _executive_office(doc, cand.i)
        # Whom the title rules out: a known other gender ("Mr." for "Ivanka Trump, the
        # president's daughter"); for an executive office, anyone the pack does not
        # know in it ("Liz Cheney … Vice President Cheney").
        ruled_out = bool(gender) and all(
            genders.get(f.actor) not in (None, gender) for f in matches
        )
        namesake = _pack_namesake(aliases, last, gender, office)
        if namesake is not None and not suffix and (office or ruled_out):
            named = [f for f in matches if f.actor == namesake.actor]
            if named:  # "Dick Cheney … Liz Cheney … Former Vice President Cheney"
                matches = named
            else:
                cand.actor, cand.from_table = namesake.actor, True
                if namesake.camp:
                    cand.camp, cand.camp_source = namesake.camp, _source_of(namesake.source)
                cand.resolution = "partial-name"
                continue
        if gender:
            matches = [f for f in matches if genders.get(f.actor) in (None, gender)] or matches
            # "Seth Hutchinson ... Seth Hutchinson said ... Mr. Hutchinson": with a
            # title, the one the article has named in full most often so far, over a
            # namesake the pack knows (his father, the governor, named once)
            written = Counter(f.actor for f in full if f.i < cand.i)
            most = max(written[f.actor] for f in matches)
            if most >= 2:
                matches = [f for f in matches if written[f.actor] == most]
        known = [f for f in matches if f.from_table]
        if known and len({f.actor for f in known}) < len({f.actor for f in matches}):
            matches = known
        earlier = [f for f in matches if f.i < cand.i]
        chosen = earlier[-1] if earlier else matches[0]
        cand.actor, cand.from_table = chosen.actor, chosen.from_table
        if chosen.camp:
            cand.camp, cand.camp_source = chosen.camp, chosen.camp_source
        cand.resolution = "partial-name"
    # A name the table or a pack knows under another canonical form.
    for cand in persons:
        row = aliases.actor_row(cand.actor)
        if row and not cand.from_table:
            cand.actor, cand.from_table = row.actor, True
            if row.camp and not cand.camp:
                cand.camp, cand.camp_source = row.camp, _source_of(row.source)


def _link_name_endings(full: list[Cand]) -> None:
    """A name of two words or more that ends the one longer name of the article is that
    person: "Aung San Suu Kyi … Suu Kyi" (Burmese names have no surname), "Hillary
    Rodham Clinton … Rodham Clinton"; a name the tables know stays as it is."""
    longer = {f.actor for f in full if len(f.actor.split()) >= 3}
    for cand in full:
        words = cand.actor.split()
        if cand.from_table or len(words) < 2:
            continue
        hosts = {n for n in longer if n != cand.actor and n.split()[-len(words) :] == words}
        if len(hosts) == 1:
            cand.actor, cand.resolution = hosts.pop(), "partial-name"


def _source_of(row_source: str) -> str:
    return "pack" if row_source == "pack" else "table"


#: What cross-article linking needs to know of a corpus: how many mentions carry each
#: (actor, type, camp, camp_source), in order of first occurrence, and in how many
#: articles a suffixed name and the same name without it are both persons
#: ((suffixed, TOGETHER, plain, "") entries; `link_inventory`), and how many of a
#: person's mentions act in their clause ((name, ACTING, "", "") entries).
Inventory = Counter
TOGETHER = "together"
ACTING = "acting"
#: The roles in which a mention acts as a person: says, does or suffers something.
_ACTING_ROLES = frozenset({"agent", "speaker", "patient"})


@dataclass(frozen=True)
class LinkPlan:
    """The corpus-wide decisions of `link_across_articles`, small enough for a cluster
    driver to hold (one entry per distinct name): the `canonical` actor of each name,
    the `chosen` (camp, camp_source) of each actor and the `camps` each actor has."""

    canonical: dict[str, str]
    chosen: dict[str, tuple[str, str]]
    camps: dict[str, set[str]]
    #: organisations' and groups' other spellings → (name, type) ("F.B.I." → FBI)
    renamed: dict[str, tuple[str, str]] = field(default_factory=dict)


def link_inventory(mentions: Iterable[Mention]) -> Inventory:
    """The corpus facts linking reads from mentions. Inventories of consecutive parts of
    a corpus add up (`Counter.update`, in corpus order) to the whole corpus's."""
    mentions = list(mentions)
    inventory = Counter((m.actor, m.type, m.camp, m.camp_source) for m in mentions)
    persons: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.type == "person":
            persons[m.article_id].add(m.actor)
            if m.role in _ACTING_ROLES:
                inventory[(m.actor, ACTING, "", "")] += 1
    for names in persons.values():  # "Jesse Jackson Jr. … his father, Jesse Jackson"
        keys = {name: split_name(name) for name in names}
        for name, (first, last, suffix) in keys.items():
            if not (suffix and first and last):
                continue
            for plain, (first2, last2, suffix2) in keys.items():
                if not suffix2 and first2 and last2 == last and _same_given(first, first2):
                    inventory[(name, TOGETHER, plain, "")] += 1
    return inventory


def _same_given(first: str, other: str) -> bool:
    return given_name_key(first) == given_name_key(other)


def link_across_articles(
    mentions: Sequence[Mention], aliases: AliasTable | None = None
) -> list[Mention]:
    """One actor and one camp per person across the corpus (see the module docstring);
    `aliases` (the run's table with its packs) names pack persons for lone surnames
    and gives camps their one name ("GOP" → Republican Party)."""
    return apply_links(mentions, link_plan(link_inventory(mentions), aliases), aliases)


def link_plan(inventory: Inventory, aliases: AliasTable | None = None) -> LinkPlan:
    """The linking decisions for a corpus from its inventory (`link_inventory`)."""
    counts: Counter = Counter()
    acting: Counter = Counter()
    for (actor, kind, _camp, _source), n in inventory.items():
        if kind == "person":
            counts[actor] += n
        elif kind == ACTING:
            acting[actor] += n
    # Full names with the same first name, last name and suffix are one actor, under a
    # name the table or pack knows, else the most frequent form.
    variants: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for name in counts:
        first, last, suffix = split_name(name)
        if first and last:  # "Jim Mattis" = "James Mattis" (`data/nicknames.csv`)
            variants[(given_name_key(first), last, suffix)].append(name)
    canonical: dict[str, str] = {}
    for names in variants.values():
        known = [n for n in names if aliases is not None and aliases.actor_row(n)]
        best = max(known or names, key=lambda n: (counts[n], -len(n)))
        canonical.update({n: best for n in names})
    full_names = set(canonical.values())
    by_last: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in full_names:
        first, last, suffix = split_name(name)
        by_last[(last, suffix)].add(name)
    for name in counts:
        if name in canonical:
            continue
        first, last, suffix = split_name(name)
        if first or not last:
            continue
        in_corpus = by_last.get((last, suffix), set())
        in_pack = aliases.surnames.get(last, set()) if aliases is not None and not suffix else set()
        pack_in_corpus = in_pack & in_corpus
        if len(in_pack) == 1 and (
            pack_in_corpus or (not in_corpus and (counts[name] > 1 or acting[name]))
        ):
            # the one pack person of that surname, named in full in the corpus (its
            # relatives are not in the pack), or with no other of that name in it where
            # the surname is someone: written more than once or acting ("Mr. Conaway has
            # refused"), not once in passing ("the communist Castro government", "In
            # nearby Clayton")
            canonical[name] = next(iter(in_pack))
        elif len(in_corpus) == 1 and not pack_in_corpus:
            canonical[name] = next(iter(in_corpus))
    _join_suffixed(inventory, counts, canonical, aliases)
    kinds = _kinds_by_name(inventory)
    renamed = _join_spellings(kinds)
    renamed.update(_surnames_tagged_otherwise(kinds, counts, canonical, aliases))
    for name, kind in _one_type_per_name(kinds).items():
        renamed.setdefault(name, (name, kind))
    chosen, camps = _camp_votes(inventory, canonical, aliases)
    return LinkPlan(canonical, chosen, camps, renamed)


def _kinds_by_name(inventory: Inventory) -> dict[str, Counter]:
    """Each name's mentions by type ("person", "organisation", "state", "group")."""
    kinds: dict[str, Counter] = defaultdict(Counter)
    for (actor, kind, _camp, _source), n in inventory.items():
        if kind not in (TOGETHER, ACTING) and actor:
            kinds[actor][kind] += n
    return kinds


def _one_type_per_name(kinds: dict[str, Counter]) -> dict[str, str]:
    """Names the tagger types a person in some mentions and an organisation in others
    ("Associated Press" 4 and 49 times on PolNeAR train, "Sean Hannity" 52 and 4):
    name → the type most of its mentions have (none on a tie)."""
    return {
        actor: "person" if counts["person"] > counts["organisation"] else "organisation"
        for actor, counts in kinds.items()
        if counts["person"]
        and counts["organisation"]
        and counts["person"] != counts["organisation"]
    }


#: How many times more often the corpus must name a person than it tags their surname
#: as an organisation or place for the tag to be that person
#: (`_surnames_tagged_otherwise`).
SURNAME_DOMINANCE = 10
_NOT_PERSON_KINDS = frozenset({"organisation", "state"})


def _surnames_tagged_otherwise(
    kinds: dict[str, Counter],
    counts: Counter,
    canonical: dict[str, str],
    aliases: AliasTable | None,
) -> dict[str, tuple[str, str]]:
    """One-word organisation or place tags that are the surname of the one person a
    knowledge pack has with it, where the corpus names that person far more often
    (`SURNAME_DOMINANCE`): "Either Clinton or Trump will be president", with "Trump"
    tagged as an organisation in an article that never writes "Donald Trump", is Donald
    Trump; "Justice delivered the immunity agreements" is not Jim Justice, named 11
    times in a corpus that tags "Justice" (the department) 5 times."""
    if aliases is None:
        return {}
    person_mentions: Counter = Counter()
    for name, n in counts.items():
        if name in canonical:
            person_mentions[canonical[name]] += n
    found = {}
    for actor, by_kind in kinds.items():
        n = sum(by_kind[kind] for kind in _NOT_PERSON_KINDS)
        if not n or " " in actor or aliases.actor_row(actor):
            continue
        person = aliases.sole_namesake(actor)
        if person and person_mentions[person] >= SURNAME_DOMINANCE * n:
            found[actor] = (person, "person")
    return found


_DOTTED = re.compile(r"\b((?:[A-Z]\.){2,})")


def spelling_key(name: str) -> str:
    """What two spellings of one organisation or group share: dotted initials undotted,
    case folded, hyphens as spaces ("F.B.I." and "FBI"; "House intelligence committee"
    and "House Intelligence Committee")."""
    undotted = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), name)
    return undotted.replace("-", " ").casefold()  # "African-Americans", "African Americans"


def _join_spellings(types: dict[str, Counter]) -> dict[str, tuple[str, str]]:
    """Organisations and groups the corpus spells in several ways that differ only in
    dotted initials or case (the NYT's "F.B.I." and "House intelligence committee", the
    others' "FBI" and "House Intelligence Committee"): each spelling → (the most
    frequent capitalised spelling — for a group, the most frequent: "aides", not the
    sentence-opening "Aides" — and the type most of their mentions have), so they are one
    actor of one type (spaCy types "F.B.I." a place as often as not). Persons are left to
    name linking."""
    spellings: dict[str, list[str]] = defaultdict(list)
    for name in types:
        spellings[spelling_key(name)].append(name)
    renamed = {}
    for names in spellings.values():
        if len(names) < 2:
            continue
        kinds = sum((types[n] for n in names), Counter())
        kind = kinds.most_common(1)[0][0]
        if kind == "person":
            continue
        if kind == "group":
            # a group noun is capitalised only where it opens a sentence ("Aides said",
            # which the tagger may take for a person): the most frequent spelling
            best = max(names, key=lambda n: (sum(types[n].values()), n))
        else:
            # a capitalised spelling ("Senate", not "senate"), then the most frequent,
            # then the one with more capitals ("House Intelligence Committee")
            best = max(
                names,
                key=lambda n: (
                    n[:1].isupper(),
                    sum(types[n].values()),
                    sum(map(str.isupper, n)),
                    n,
                ),
            )
        # one type for all: the type most of the spellings' mentions have
        renamed.update({n: (best, kind) for n in names if n != best or set(types[n]) != {kind}})
    return renamed


def _join_suffixed(
    inventory: Inventory, counts: Counter, canonical: dict[str, str], aliases: AliasTable | None
) -> None:
    """A name written with "Jr." in some articles and without it in others is one
    person ("Roger J. Stone Jr." in the NYT, "Roger Stone" elsewhere): the plain name
    joins the suffixed one, unless some article names both as two persons ("Jesse
    Jackson Jr. … his father, Jesse Jackson"), a table or pack knows the plain name as
    its own person ("Donald Trump"), or several suffixed names match it."""
    together = {(a, b) for (a, kind, b, _), n in inventory.items() if kind == TOGETHER and n}
    suffixed: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in set(canonical.values()):
        first, last, suffix = split_name(name)
        if suffix and first and last:
            suffixed[(given_name_key(first), last)].add(name)
    if not suffixed:
        return
    for name, target in list(canonical.items()):
        first, last, suffix = split_name(target)
        if suffix or not first:
            continue
        matches = suffixed.get((given_name_key(first), last), set())
        if len(matches) != 1 or (aliases is not None and aliases.actor_row(target)):
            continue
        (joined,) = matches
        written = [n for n, t in canonical.items() if t in (joined, target)]
        if any((a, b) in together for a in written for b in written):
            continue
        canonical[name] = joined


def _camp_votes(
    inventory: Inventory, canonical: dict[str, str], aliases: AliasTable | None
) -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
    """Each person's camp across the corpus by `CAMP_SOURCES` precedence (within a
    source, the most frequent), and every actor's camps, under their one name."""
    name = aliases.camp_name if aliases is not None else (lambda camp: camp)
    votes: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    camps: dict[str, set[str]] = defaultdict(set)
    persons: set[str] = set()
    for (actor, kind, camp, source), n in inventory.items():
        if kind in (TOGETHER, ACTING):
            continue
        if kind == "person":
            actor = canonical.get(actor, actor)
            persons.add(actor)
        if camp:
            camps[actor].add(name(camp))
            votes[actor][source or "inferred"][name(camp)] += n
    if aliases is not None:  # a pack person written only as a surname still has a camp
        for actor in persons:
            row = aliases.actor_row(actor)
            if row and row.camp:
                votes[actor][_source_of(row.source)][name(row.camp)] += 1
    chosen: dict[str, tuple[str, str]] = {}
    for actor, by_source in votes.items():
        for source in CAMP_SOURCES:
            if by_source.get(source):
                chosen[actor] = (by_source[source].most_common(1)[0][0], source)
                break
    return chosen, dict(camps)


def apply_links(
    mentions: Iterable[Mention], plan: LinkPlan, aliases: AliasTable | None = None
) -> list[Mention]:
    """The mentions under their corpus-wide actor and camp (`link_plan`); other actors
    keep their own camps, an empty one filled where the actor has exactly one camp
    elsewhere. Applies to any part of the corpus the plan was made for."""
    name = aliases.camp_name if aliases is not None else (lambda camp: camp)
    canonical, chosen, camps = plan.canonical, plan.chosen, plan.camps
    out = []
    for m in mentions:
        if m.actor in plan.renamed:
            actor, kind = plan.renamed[m.actor]
            m = replace(m, actor=actor, type=kind)
        if m.type == "person" and m.actor in canonical:
            m = replace(m, actor=canonical[m.actor])
        if m.type == "person" and m.actor in chosen:
            camp, source = chosen[m.actor]
            m = replace(m, camp=camp, camp_source=source)
        elif m.camp:
            m = replace(m, camp=name(m.camp), camp_source=m.camp_source or "inferred")
        elif len(camps.get(m.actor, ())) == 1 and m.actor in chosen:
            m = replace(m, camp=chosen[m.actor][0], camp_source=chosen[m.actor][1])
        if m.camp in plan.renamed:  # a camp named after an organisation spelt otherwise
            camp, kind = plan.renamed[m.camp]
            if kind == "person":  # "a Sanders delegate", "Sanders" tagged organisation:
                camp = chosen.get(canonical.get(camp, camp), (None,))[0]  # his camp
            m = replace(m, camp=camp, camp_source=m.camp_source if camp else "")
        out.append(m)
    return out
