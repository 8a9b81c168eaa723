"""What every part of the actor layer shares: the record types (a finished `Mention`,
a `Cand` under construction), the closed word lists of grammar, and small span helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

ALIAS_COLUMNS = ("pattern", "actor", "camp", "type", "note")
ACTOR_TYPES = ("person", "organisation", "state", "group")
#: `place`: a capital or seat that stands for `actor` only where it acts (metonymy);
#: with no actor, a place that is never an actor. `ignore`: never an actor (corrects
#: spaCy tags such as "Secretary of State" → ORG).
#: `marker`: a word that marks the camp of the name it introduces ("Republican Sen.",
#: "(D-Mass.)"), never an actor itself.
ROW_TYPES = (*ACTOR_TYPES, "place", "ignore", "marker")
#: Where a mention's camp comes from, strongest first (mentions.csv `camp_source`):
#: the alias table, an explicit marker in the text, a knowledge pack, inference.
CAMP_SOURCES = ("table", "text", "pack", "inferred")
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
    "camp_source",
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
    fisherman family relative protester demonstrator marcher rioter activist analyst
    source leader rebel militant separatist negotiator prosecutor agent spokesperson
    representative delegation rescuer volunteer employee staff politician voter citizen
    senator congressman congresswoman governor candidate aide adviser advisor strategist
    operative insider donor""".split()
)
#: Words of how many or how much before a group noun ("very few lawmakers", "most
#: senior leaders", "other candidates"): no part of whom the group is.
QUANTITY_WORDS = frozenset(
    """many most few fewer several other others more own such some all various numerous
    multiple additional certain both each any no""".split()
)
#: Nouns naming a state's government: "the Tessary regime" is the state itself.
GOVERNMENT_NOUNS = frozenset("government regime administration leadership".split())
#: Geography: "Russian territory", "the Moscow region", "the Kestrel bank" are no actors.
PLACE_NOUNS = frozenset(
    """territory region town village city side bank border soil land area province
    district coast airspace water waters capital river shore frontier countryside
    countries country street suburb neighborhood neighbourhood headquarters apartment
    nightclub office campus chapter""".split()
)
#: Nouns of a relation, not of speaking for someone: "Putin's fiercest critic", "an
#: ally of Moscow", "a member of the committee" give no camp.
RELATION_NOUNS = frozenset(
    """critic opponent ally supporter friend fan foe enemy rival victim target admirer
    adversary detractor challenger successor predecessor biographer member one part
    guest graduate alumnus alumna alumni alum native resident veteran classmate
    roommate neighbor neighbour colleague doctor physician""".split()
)
#: Kin: "his wife", "her sister" are other people than the one the possessive names.
KIN_NOUNS = frozenset(
    """wife husband widow widower spouse partner son daughter child children father
    mother parent parents brother sister sibling uncle aunt nephew niece cousin
    grandson granddaughter grandfather grandmother stepfather stepmother fiancé fiancée
    girlfriend boyfriend""".split()
)
#: Nouns for a business or organisation: a name they introduce is one ("the law firm
#: Patton Boggs"), never a person's.
ORGANISATION_NOUNS = frozenset(
    """firm company corporation business organization organisation agency newspaper
    magazine network website bank fund charity nonprofit studio""".split()
)
#: Last words of a business's name: "Ifrah Law", "Kasowitz Benson LLP"; and of other
#: organisations' ("the Safari Club", "the Heritage Foundation") that the tagger took
#: for people.
BUSINESS_NAME_ENDINGS = frozenset(
    """law llp llc inc inc. corp corp. co. ltd ltd. club foundation institute
    association society""".split()
)
#: Words of the names of places and buildings ("Eugene Simpson Stadium Park") that the
#: tagger took for people: a name with one after its first word is no one's. (Not
#: "park", "hall", "tower", "street": surnames too.)
FACILITY_WORDS = frozenset(
    """stadium avenue boulevard airport hospital library museum plaza arena center
    centre building""".split()
)
#: Words for kin used as forms of address ("asking me, Dad, the governor, to veto",
#: "'Momma, look, you won'"): capitalised, the tagger takes them for names.
KIN_ADDRESS = KIN_NOUNS | frozenset(
    "dad daddy mom mommy momma mama mum mummy papa pa ma grandma grandpa granny nana".split()
)
#: Kin nouns right before a name give its gender ("the president's daughter Ivanka
#: Trump", "his wife Melania").
MALE_KIN = frozenset("son husband brother father nephew uncle grandson grandfather".split())
FEMALE_KIN = frozenset(
    "daughter wife sister mother niece aunt granddaughter grandmother widow".split()
)
#: Clerical titles: "Bishop Daniel Jenky", "Rabbi ...".
CLERICAL_TITLES = frozenset(
    "bishop archbishop cardinal rabbi imam monsignor deacon pastor rev rev. reverend pope".split()
)
#: Words in front of a name that are titles, not part of the name.
TITLE_WORDS = CLERICAL_TITLES | frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady president
    premier chancellor minister secretary spokesman spokeswoman spokesperson general
    gen. governor mayor senator rep. representative judge king queen prince
    princess pope father sister brother prime deputy foreign interior defence
    defense energy chief inspector director leader ambassador commander colonel
    historian economist analyst professor author writer novelist lawyer activist
    pastor columnist commentator strategist pollster scientist researcher actor
    actress comedian singer rapper anchor correspondent reporter journalist editor
    publisher founder ceo businessman businesswoman billionaire philanthropist
    adviser advisor aide consultant lobbyist donor investor entrepreneur coach
    sergeant lieutenant admiral detective""".split()
)
#: Words in front of a name that belong to its title, US usage ("Sen.", "House Speaker",
#: "former Vice President"): stripped from the name, kept in the mention.
NAME_PREFIXES = TITLE_WORDS | frozenset(
    """sen sen. sens. senator rep rep. reps. congressman congresswoman gov gov. lt. lt
    speaker vice former first attorney candidate nominee house senate majority minority
    whip chairman chairwoman rev rev. reverend sheriff justice officer agent state
    presidential acting then-president then-candidate u.s. counsel special
    candidate hopeful contender republican democratic democrat gop independent""".split()
)
#: Capitalised words that open a sentence and are never part of a name ("Plus Obama",
#: "Also Trump"): conjunctions and sentence adverbs spaCy may fold into an entity.
NOT_NAME_WORDS = frozenset(
    """plus also and but so still yet meanwhile however now then even only just like outside inside
    unlike including despite asked says said enter meet watch read why how when where
    while after before under with without via or nor if though although because since
    as at by for from in into of on to the a an this that these those his her their its
    our my your dear sorry thanks yes no not per fellow""".split()
)
#: Suffixes that tell father and son apart: "Donald Trump Jr." is not "Donald Trump".
IDENTITY_SUFFIXES = frozenset("jr. jr sr. sr".split())
#: Suffixes of formal names that news writing drops ("Robert S. Mueller III").
FORMAL_SUFFIXES = frozenset("ii iii iv".split())
#: Words of legislative and government bodies and offices: a title fragment ("House",
#: "Senate Armed Services Committee", "Defense") is never a camp by inference.
BODY_WORDS = frozenset(
    """house senate congress cabinet committee subcommittee caucus department court
    council judiciary intelligence security defense defence interior state justice
    treasury administration office bureau agency commission panel assembly legislature
    governor mayor district county city campaign""".split()
)
#: Pronouns resolved to actors ("it" only where it is an attribution's speaker: elsewhere
#: it is too often expletive or a thing; "them" too often the things just named).
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame".split())
#: Abbreviated military ranks, never part of an organisation's name ("Army Capt.
#: Humayun Khan" tagged as an organisation "Army Capt").
RANK_ABBREVIATIONS = frozenset("capt sgt lt col maj gen adm cpl pvt cmdr spc pfc".split())
#: The second word of a beauty pageant's title, a title of its own before a name
#: ("former Miss Universe Alicia Machado" is Alicia Machado, not "Universe Alicia Machado").
PAGEANT_WORDS = frozenset("universe america usa world".split())
#: Titles that only a person bears, so that a name after one is a person's even where
#: the tagger reads "Bishop Daniel Jenky" as an organisation.
PERSON_ONLY_TITLES = HONORIFICS | CLERICAL_TITLES | {"sheriff"}
MALE_TITLES = frozenset("mr mr. sir lord king prince".split())
FEMALE_TITLES = frozenset("ms ms. mrs mrs. miss madam dame lady queen".split())
#: Role nouns only a person has: an organisation tag apposed to one is a person.
PERSON_ROLE_NOUNS = TITLE_WORDS | frozenset(
    """executive chairman chairwoman chair founder head engineer technician teacher
    baker fisherman worker resident official adviser advisor aide lawyer attorney
    professor analyst researcher reporter journalist editor""".split()
)
PERSON_PRONOUNS = frozenset("he him his she her hers they their its".split())
POSSESSIVE = ("'s", "’s", "'", "’")
WORD_PATTERN = re.compile(r"\w+(?:[’'-]\w+)*")


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
    camp_source: str = ""  # table | text | pack | inferred | "" (see CAMP_SOURCES)


@dataclass
class Cand:
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
    linked_to: Cand | None = None  # what a pronoun or role noun refers to
    camp_source: str = ""  # where `camp` came from (CAMP_SOURCES), "" while unknown
    owner: str | None = None  # the person of "the Obama administration"


def norm_text(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def trim_span(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop a leading determiner (and the "ex-" of "ex-FBI") and trailing
    possessive/punctuation/space."""
    while i < j and (
        doc[i].is_space
        or doc[i].is_punct
        or doc[i].lower_ in ("the", "a", "an")
        or (doc[i].lower_ == "ex" and i + 1 < j and doc[i + 1].text == "-")
    ):
        i += 1
    while j > i and (doc[j - 1].is_space or doc[j - 1].is_punct or doc[j - 1].text in POSSESSIVE):
        j -= 1
    return i, j


def span_root(doc: Doc, i: int, j: int) -> int:
    """The token of [i, j) whose head lies outside the span."""
    for k in range(i, j):
        head = doc[k].head.i
        if head < i or head >= j or head == k:
            return k
    return j - 1


def end_char(doc: Doc, cand: Cand) -> int:
    last = doc[cand.j - 1]
    return last.idx + len(last.text)
