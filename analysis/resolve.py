"""Who a pronoun, a role noun or a surname refers to: the shared reference resolver.

Attribution (who said what) and the actors layer both need to know that "He added"
or "the spokesman said" or "Peskov said" means the "Dmitry Peskov" introduced
earlier. This module does that with transparent rules over spaCy's named entities,
not a coreference model:

- `referents(doc)` lists the named persons, organisations, places and groups in text
  order. Every mention of a person carries the person's fullest name ("Peskov" after
  "Dmitry Peskov" is `text="Dmitry Peskov"`), the gender the text gives (honorifics
  Mr/Ms/Mrs, a he/she pronoun in the sentence that names the person; pronouns of
  later sentences are what `resolve` decides, so they are not used as evidence) and
  the role nouns written next to the name ("spokesman", "adviser",
  "26-year-old").
- `resolve(doc, start, end, candidates, recent_speakers)` maps a pronoun, a role-noun
  phrase ("the spokesman") or a name to the referent it refers to: the nearest
  compatible earlier speaker (then person), by gender where known, by role noun where
  the text gave one; a surname to the full name introduced earlier.

Records are frozen dataclasses with character offsets into the article text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

#: spaCy entity label -> referent kind.
ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves", "we", "us", "our"})
NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS | FIRST_PERSON
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince"})
FEMALE_TITLES = frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "madam", "dame", "lady", "queen"})
#: Titles written before names, never part of the name itself.
TITLE_WORDS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "president", "sir",
     "secretary", "minister", "senator", "governor", "judge", "chief", "prof", "lord"}
)  # fmt: skip
#: Titles spaCy folds into a person's name, taken off the referent's name so that the
#: fullest form of a name is the name, not the title ("General Eric Holder").
PERSON_TITLE_WORDS = frozenset(
    {"general", "attorney", "speaker", "director", "sheriff", "representative",
     "congressman", "congresswoman", "lt", "former", "vice", "deputy", "ambassador",
     "commissioner", "mayor", "rev", "reverend", "leader", "chairman", "chairwoman"}
)  # fmt: skip
#: A dateline opening a paragraph: "WASHINGTON -- ", "KANSAS CITY, Mo. — ", "BEDFORD,
#: N.H. (AP) — ", HuffPost's "WASHINGTON ― ", a plain "BRUSSELS - ": where the story
#: was filed, no actor, no speaker and no part of a content.
DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]*[A-Z.](?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2}(?:,\s*\d{4})?)?)*\s*"
    r"(?:\([A-Za-z. ]+\)\s*)?(?:--|—|–|―|-(?=\s))"
)


def dateline_end(text: str, offset: int) -> int | None:
    """Where the dateline that character `offset` stands in ends; None when it stands
    in none (a dateline opens its line)."""
    line_start = text.rfind("\n", 0, offset) + 1
    dateline = DATELINE.match(text, line_start)
    return dateline.end() if dateline is not None and offset < dateline.end() else None


#: A party-state tag written as an entity of its own: "D-Mass.", "R-Ky", "I–Vt." (the
#: camp of the name before it: never an actor or a speaker itself).
PARTY_STATE_TAG = re.compile(r"[A-Z]\s*[-–—]\s*[A-Z][A-Za-z.]*\Z")


def party_state_tag(ent: Span) -> bool:
    """Whether an entity is a party-state tag or the state of one: "D-Mass." as one
    entity, "Ky." the tagger took out of "R-Ky.", "Ill." in "Sens. Dick Durbin (Ill.)"."""
    doc, i, j = ent.doc, ent.start, ent.end
    if PARTY_STATE_TAG.match(ent.text):
        return True
    if i >= 2 and doc[i - 1].text in ("-", "–", "—") and doc[i - 2].text in ("R", "D", "I"):
        return True
    if not (i >= 2 and doc[i - 1].text == "(" and doc[i - 2].ent_type_ == "PERSON"):
        return False
    if j < len(doc) and doc[j].text == ")":
        return ent.text.endswith(".")  # "N.H.", or "Vt." split into "Vt" and "."
    # "Sen. Bernie Sanders (Vt.)" with the full stop split off the tag
    return j - i == 1 and j + 1 < len(doc) and doc[j].text == "." and doc[j + 1].text == ")"


#: Dotted place abbreviations that end a sentence the parser ran into the next name
#: ("… in Washington, D.C. Jackson's wife spent …" tagged as the person "D.C. Jackson"):
#: never the first word of a person's name.
PLACE_ABBREVIATIONS = frozenset("d.c. u.s. u.k. u.n. n.y. l.a. n.j. n.h. n.c. s.c.".split())
#: Titles written before a name → the role nouns a later "the governor", "the
#: senator" uses for that person (AP style abbreviates these before full names:
#: "Gov. Asa Hutchinson ... the governor said"). Lower case, without the full stop.
TITLE_ROLES: dict[str, tuple[str, ...]] = {
    "gov": ("governor",),
    "lt": ("lieutenant",),
    "lieutenant": ("lieutenant",),
    "vice": ("vice",),
    "deputy": ("deputy",),
    "governor": ("governor",),
    "sen": ("senator", "lawmaker"),
    "senator": ("senator", "lawmaker"),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "representative": ("representative", "congressman", "congresswoman", "lawmaker"),
    "congressman": ("congressman", "lawmaker"),
    "congresswoman": ("congresswoman", "lawmaker"),
    "president": ("president",),
    "gen": ("general",),
    "adm": ("admiral",),
    "secretary": ("secretary",),
    "mayor": ("mayor",),
    "judge": ("judge",),
    "justice": ("justice",),
    "sheriff": ("sheriff",),
    "ambassador": ("ambassador",),
    "speaker": ("speaker",),
}
#: Words that make a role another one: "the lieutenant governor" is not "the governor",
#: "the vice president" not the president. ("former" is not one: the kit reads it in
#: front of too many names it does not qualify, "former Trump campaign chairman".)
ROLE_QUALIFIERS = frozenset({"lieutenant", "vice", "deputy", "assistant"})
#: Plural nouns for people that a party or nationality word makes a group of:
#: "Republican lawmakers", "Russian officials", "GOP senators".
PEOPLE_NOUNS = frozenset(
    {"lawmaker", "senator", "official", "leader", "voter", "member", "representative",
     "congressman", "activist", "critic", "supporter", "conservative", "liberal",
     "candidate", "governor", "worker", "resident", "citizen", "people", "troop",
     "soldier", "force", "group", "delegate", "donor", "operative", "strategist", "aide",
     "staffer", "legislator", "politician", "judge", "prosecutor", "lawyer", "diplomat",
     "ally", "rival", "opponent", "protester", "demonstrator", "militant", "rebel",
     "fighter", "negotiator", "investigator", "agent", "analyst", "expert", "colleague",
     "counterpart", "hardliner", "moderate", "progressive", "student", "chairman",
     "mayor", "minister", "authority", "spokesman"}
)  # fmt: skip
#: How far (in characters, within the sentence) a pronoun is looked for after a
#: person's mention to learn the person's gender.
GENDER_WINDOW = 400


@dataclass(frozen=True)
class Referent:
    """A named mention: a person, an organisation, a place or a group."""

    text: str  # the name at its fullest as written, e.g. "Dmitry Peskov"
    start: int  # offsets of this mention in article.text
    end: int
    kind: str  # "person" | "organisation" | "place" | "group"
    gender: str | None  # "male" | "female" | None
    roles: frozenset[str]  # role nouns the text attached: {"spokesman"}, {"26-year-old"}


@dataclass(frozen=True)
class Resolution:
    """What a written span refers to, and how that was decided."""

    referent: Referent | None
    how: str  # "name" | "pronoun" | "nominal" | "organisation" | "none"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per document (spaCy rebuilds it from the tokens on
    every access, which is slow inside loops)."""
    text = doc.user_data.get("framing_text")
    if text is None:
        text = doc.user_data["framing_text"] = doc.text
    return text


def inside_quote(doc: Doc, i: int) -> bool:
    """Whether token i stands inside quotation marks in its paragraph (a pronoun in a
    quote is the quoted speaker's, which the actor stage does not resolve)."""
    opened = False
    text = doc_text(doc)
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


def _entity_tokens(ent: Span) -> list:
    tokens = [t for t in ent if not t.is_punct and t.text.lower() not in ("’s", "'s")]
    return tokens or list(ent)


def name_tokens(ent: Span) -> list:
    """The tokens of an entity, with a first name the tagger left out put back
    ("Dmitry" of "Dmitry Peskov" at a sentence start is often missed)."""
    doc = ent.doc
    tokens = [t for t in ent if not t.is_space]
    if ent.label_ == "PERSON":
        i = ent.start - 1
        while (
            i >= 0
            and doc[i].pos_ == "PROPN"
            and doc[i].dep_ == "compound"
            and doc[i].ent_type_ in ("", "PERSON")
            and doc[i].text[:1].isupper()
            and doc[i].lower_.rstrip(".") not in TITLE_WORDS
            and ent.start <= doc[i].head.i < ent.end
        ):
            tokens.insert(0, doc[i])
            i -= 1
    return tokens


def _clean_entity(ent: Span) -> tuple[int, int, str] | None:
    """Offsets and text of an entity without a leading "the" or trailing possessive."""
    tokens = name_tokens(ent)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens.pop(0)
    while ent.label_ == "PERSON" and len(tokens) > 1 and tokens[0].lower_ in PLACE_ABBREVIATIONS:
        tokens.pop(0)  # "Washington, D.C. Jackson's wife": the sentence ran into the name
    while (  # "General Eric Holder" (of "Attorney General"), "Sheriff Joe Arpaio"
        ent.label_ == "PERSON"
        and len(tokens) > 2
        and tokens[0].lower_.rstrip(".") in TITLE_WORDS | PERSON_TITLE_WORDS
    ):
        tokens.pop(0)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return start, end, doc_text(ent.doc)[start:end]


#: Lower-case words that open a surname ("Kevin de León") and suffixes after it.
_SURNAME_PARTICLES = frozenset(
    {"de", "del", "della", "di", "da", "van", "von", "der", "la", "le", "al", "el", "bin", "ibn"}
)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Ranks written before a name ("Agent Strzok", "Captain Johnson"): no given name.
_RANKS = frozenset(
    {"agent", "captain", "capt", "officer", "sergeant", "sgt", "detective", "trooper",
     "col", "colonel", "major", "maj"}
)  # fmt: skip


def _given_name(text: str, key: str) -> str | None:
    """The given name of a person's name as written, lower case: "donald" of "Donald
    Trump Jr.", none for "Trump Jr.", "de León", "Representative Ryan", "Agent Strzok"."""
    titles = TITLE_WORDS | PERSON_TITLE_WORDS | _RANKS
    words = [w for w in text.split() if w.lower().rstrip(".,") not in titles]
    words = [w for w in words if w.lower().rstrip(".,") not in _NAME_SUFFIXES]
    if len(words) < 2 or words[0].lower() in _SURNAME_PARTICLES:
        return None
    first = words[0].lower().rstrip(".")
    return None if first == key or len(first) < 2 else first


def _title_word(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in TITLE_ROLES or word in TITLE_WORDS or word in PERSON_TITLE_WORDS


def _role_nouns(ent: Span) -> set[str]:
    """Role nouns written next to an entity: "spokesman Dmitry Peskov",
    "Peskov, the spokesman", "Anna Field, 26," ("26-year-old"), "the lawyer Jo Bell"."""
    doc = ent.doc
    roles: set[str] = set()
    root = ent.root
    # Titles right before the name ("Gov. Asa Hutchinson", "Lt. Gov. Kim Guadagno"),
    # never one of another name before it ("Vice President Dick Cheney's daughter Liz").
    i = ent.start - 1
    titles: set[str] = set()
    former = False
    while i >= 0 and (_title_word(doc[i]) or doc[i].text == "."):
        titles.update(TITLE_ROLES.get(doc[i].lower_.rstrip("."), ()))
        former = former or doc[i].lower_ == "former"
        i -= 1
    roles |= titles
    if former:  # "former Sen. Joe Lieberman"
        roles.update(f"former {title}" for title in titles)
    # Nouns in front of the name inside the same phrase: "presidential adviser Podolyak".
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 4:
        tok = doc[i]
        if tok.pos_ == "NOUN" and tok.head.i in range(ent.start, ent.end):
            roles.add(tok.lemma_.lower())
        elif tok.pos_ in ("ADJ", "PROPN", "NOUN", "NUM", "PUNCT") and tok.text not in (",", "("):
            pass
        else:
            break
        i -= 1
    for child in root.children:
        if child.dep_ == "appos":
            if child.pos_ == "NOUN":
                roles.add(child.lemma_.lower())
                roles.update(_qualifiers(child))  # "Rod Rosenstein, the deputy attorney general"
                if any(c.lower_ == "former" and c.i < child.i for c in child.children):
                    roles.add(f"former {child.lemma_.lower()}")  # "Lieberman, the former senator"
            elif child.like_num:
                roles.add(f"{child.text}-year-old")
        if child.dep_ == "compound" and child.pos_ == "NOUN":
            roles.add(child.lemma_.lower())
    # "the 26-year-old"-style ages written as "Name, 26,".
    after = doc[ent.end : ent.end + 3]
    if len(after) >= 2 and after[0].text == "," and after[1].like_num:
        roles.add(f"{after[1].text}-year-old")
    # The head noun the name is apposed to: "the spokesman, Dmitry Peskov,".
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        roles.add(root.head.lemma_.lower())
        roles.update(_qualifiers(root.head))
    return roles


def _qualifiers(noun: Token) -> set[str]:
    """The rank words in front of a role noun: {"deputy"} of "the deputy attorney
    general", {"lieutenant"} of "the lieutenant governor"."""
    found, stack = set(), [noun]
    while stack:  # modifiers and compounds only, not a possessor ("Vice President X's daughter")
        for child in stack.pop().children:
            if child.i < noun.i and child.dep_ in ("amod", "compound", "nmod"):
                if child.lower_ in ROLE_QUALIFIERS:
                    found.add(child.lower_)
                stack.append(child)
    return found


def _title_gender(ent: Span) -> str | None:
    doc = ent.doc
    if ent.start > 0:
        before = doc[ent.start - 1].lower_
        if before in MALE_TITLES:
            return "male"
        if before in FEMALE_TITLES:
            return "female"
    first = ent[0].lower_
    if first in MALE_TITLES:
        return "male"
    if first in FEMALE_TITLES:
        return "female"
    return None


def _pronoun_gender(doc: Doc, end_char: int, stop_char: int) -> str | None:
    """The gender of the first he/she subject pronoun after `end_char`, before
    `stop_char` (the next person mention)."""
    span = doc.char_span(
        end_char, min(stop_char, end_char + GENDER_WINDOW), alignment_mode="contract"
    )
    if span is None:
        return None
    for tok in span:
        if tok.dep_ in ("nsubj", "nsubjpass", "poss") or tok.lower_ in ("his", "her"):
            low = tok.lower_
            if low in MALE_PRONOUNS:
                return "male"
            if low in FEMALE_PRONOUNS:
                return "female"
    return None


def _person_key(tokens: list) -> str:
    return tokens[-1].text.lower() if tokens else ""


def one_member(ent: Span) -> bool:
    """A nationality or party word used as a singular noun ("The governor, a
    Republican, ...", "the Arizona Republican said"): one unnamed member, not the group
    (an adjective, "Republican lawmakers", and a plural, "Republicans", stay groups)."""
    root = ent.root
    return (
        ent.label_ == "NORP"
        and root.tag_ in ("NN", "NNP")
        and root.dep_ not in ("amod", "compound", "nmod")
    )


def _members_phrase(ent: Span) -> tuple[int, int, str] | None:
    """A nationality or party word as the group it names: as a plural noun itself
    ("Democrats"), or with the plural noun it modifies ("Republican lawmakers", "GOP
    senators"). Modifying a name ("Republican Gov. Paul LePage": the person is the
    referent) or a thing ("the Republican plan") it names no group."""
    root = ent.root
    if root.dep_ not in ("amod", "compound", "nmod"):
        return _clean_entity(ent)
    head = root.head
    if head.i <= root.i or head.tag_ != "NNS" or head.lemma_.lower() not in PEOPLE_NOUNS:
        return None  # "Christian grounds", "Russian missiles": no group of people
    start, end = ent[0].idx, head.idx + len(head.text)
    return start, end, doc_text(ent.doc)[start:end]


def referents(doc: Doc) -> list[Referent]:
    """Named persons, organisations, places and groups of `doc`, in text order.

    Mentions of the same person (by surname) share the fullest name, the gender and
    the role nouns found at any of them."""
    raw: list[tuple[Span, str, int, int, str]] = []
    for ent in doc.ents:
        kind = ENTITY_KINDS.get(ent.label_)
        if kind is None or one_member(ent) or party_state_tag(ent):
            continue  # a party-state tag ("D-Mass.") is the camp of the name before it
        cleaned = _members_phrase(ent) if ent.label_ == "NORP" else _clean_entity(ent)
        if cleaned is None:
            continue
        start, end, text = cleaned
        raw.append((ent, kind, start, end, text))

    # An organisation or place tag on a person's name written elsewhere in the article
    # ("Trump said" tagged ORG after "Donald Trump") is that person.
    person_words: set[str] = set()
    for _ent, kind, _start, _end, text in raw:
        if kind == "person":
            person_words.update((text.lower(), text.split()[-1].lower()))
    for n, (ent, kind, start, end, text) in enumerate(raw):
        if kind in ("organisation", "place") and text.lower() in person_words:
            raw[n] = (ent, "person", start, end, text)
    persons = [r for r in raw if r[1] == "person"]
    full_name: dict[str, str] = {}
    genders: dict[str, str] = {}
    roles: dict[str, set[str]] = {}
    own_roles: dict[str, set[str]] = {}  # by the name as written, for namesakes
    given_names: dict[str, set[str]] = {}
    for n, (ent, _kind, _start, end, text) in enumerate(persons):
        key = _person_key(_entity_tokens(ent))
        if len(text.split()) > len(full_name.get(key, "").split()):
            full_name[key] = text
        roles.setdefault(key, set()).update(_role_nouns(ent))
        own_roles.setdefault(text.lower(), set()).update(_role_nouns(ent))
        given = _given_name(text, key)
        if given:
            given_names.setdefault(key, set()).add(given)
        gender = _title_gender(ent)
        if gender is None and key not in genders:
            # Only pronouns in the mention's own sentence ("Peskov said his ..."):
            # a pronoun in a later sentence is what `resolve` has to decide.
            stop = persons[n + 1][2] if n + 1 < len(persons) else len(doc_text(doc))
            stop = min(stop, ent.sent.end_char)
            gender = _pronoun_gender(doc, end, stop)
        if gender and key not in genders:
            genders[key] = gender

    out: list[Referent] = []
    for ent, kind, start, end, text in raw:
        if kind == "person":
            key = _person_key(_entity_tokens(ent))
            person_roles, name = roles.get(key, ()), full_name.get(key, text)
            if len(given_names.get(key, ())) > 1:
                # Namesakes ("Gov. Asa Hutchinson", his son Seth Hutchinson): each full
                # name stays itself with its own roles, so "the governor" is not the son;
                # a bare surname keeps only the roles written with it.
                person_roles = own_roles.get(text.lower(), ())
                name = text if _given_name(text, key) else name
            out.append(
                Referent(
                    name,
                    start,
                    end,
                    kind,
                    genders.get(key),
                    frozenset(person_roles),
                )
            )
        else:
            out.append(Referent(text, start, end, kind, None, frozenset(_role_nouns(ent))))
    return out


#: Words that mark a name as an organisation, for the fallback below.
ORGANISATION_WORDS = frozenset(
    {"trust", "company", "union", "ministry", "party", "group", "inc", "corp", "council",
     "commission", "association", "agency", "bank", "news", "times", "post", "house",
     "department", "office", "committee", "court", "university", "institute", "fund",
     "police", "service", "bureau", "board", "administration", "campaign", "foundation",
     "network", "senate", "congress", "army", "navy", "guard", "patrol", "coalition",
     "alliance", "center", "centre", "press", "journal", "tribune", "herald", "magazine",
     "channel", "school", "college", "hospital", "church", "society", "club",
     "federation", "organization", "organisation", "corporation", "authority", "caucus"}
)  # fmt: skip


def _looks_like_person(ref: Referent) -> bool:
    """A name the tagger called an organisation that reads like a person's name
    ("Nadia Ferrow"): two or three capitalised words, none of them an organisation word."""
    words = ref.text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)
        and not any(w.lower() in ORGANISATION_WORDS for w in words)
    )


def _reporting_subject(pronoun: Token) -> Token | None:
    """The plural noun subject of the verb whose clause the pronoun opens as subject
    ("sources tell Fox News that they believe ...", "companies issued statements
    saying they ..."): the ones the pronoun stands for, when the verb reports."""
    if pronoun.dep_ != "nsubj" or pronoun.head.dep_ != "ccomp":
        return None
    verb = pronoun.head.head
    if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG" and verb.head.i != verb.i:
        verb = verb.head  # "issued statements saying they ...": the issuers
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ == "NN":  # "a handful of RNC insiders"
        of = next((c for c in subject.children if c.lower_ == "of"), None)
        subject = next((c for c in of.children if c.dep_ == "pobj"), subject) if of else subject
    if subject is None or subject.tag_ not in ("NNS", "NNPS") or subject.i > pronoun.i:
        return None
    return subject


#: The dependencies of a clause's noun subject (attribution/words.SUBJECT_DEPS adds "csubj").
NOUN_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def opens_sentence(doc: Doc, token: Token) -> bool:
    """Whether `token` opens its sentence (after punctuation or "And"/"But")."""
    return not any(
        not (t.is_punct or t.is_space) for t in doc[token.sent.start : token.i] if t.dep_ != "cc"
    )


def previous_subject(doc: Doc, token: Token, opening: bool = True) -> Token | None:
    """For a pronoun opening its sentence (`opens_sentence`), the one subject of the
    main verb of the sentence before; None otherwise. "Those firms have denied they give
    the government a back door. But they acknowledge ...": "firms". With `opening`
    False, for a pronoun anywhere in its sentence."""
    sent = token.sent
    if sent.start == 0 or (opening and not opens_sentence(doc, token)):
        return None
    before = doc[sent.start - 1].sent
    subjects = [t for t in before if t.dep_ in NOUN_SUBJECT_DEPS and t.head.i == before.root.i]
    return subjects[0] if len(subjects) == 1 else None


def plural_subject_before(pronoun: Token) -> Token | None:
    """The plural noun a subject "they" continues: the subject of the sentence before
    when "they" opens its sentence ("Those firms have denied ... But they acknowledge
    ..."), or of the clause its own clause is coordinated with ("law enforcement
    officials said ..., and they acknowledged ..."); None when there is none or it is
    not a plural noun (then the nearest named group is the guess)."""
    if pronoun.lower_ != "they" or pronoun.dep_ not in NOUN_SUBJECT_DEPS:
        return None
    subject = previous_subject(pronoun.doc, pronoun)
    verb = pronoun.head
    if subject is None and verb.dep_ == "conj" and verb.head.i < verb.i:
        subject = next((c for c in verb.head.children if c.dep_ in NOUN_SUBJECT_DEPS), None)
    if subject is None or subject.tag_ not in ("NNS", "NNPS"):
        return None
    # People and bodies, not the documents or things that "show" ("The new returns
    # show the couple paid ... They gave ...": the couple).
    return subject if subject.tag_ == "NNPS" or subject.lemma_.lower() in GROUP_NOUNS else None


#: Plural nouns of people and bodies a "they" may continue (`plural_subject_before`).
GROUP_NOUNS = frozenset(
    """official lawmaker senator representative member leader aide adviser advisor
    spokesman spokeswoman protester demonstrator activist advocate supporter opponent
    critic voter resident citizen worker employee investigator prosecutor agent officer
    negotiator delegate elder firm company group organization organisation party
    committee agency union republican democrat conservative liberal progressive
    candidate analyst expert economist researcher scientist executive authority
    people""".split()
)


#: The third-person plural pronouns (the first person "we" may be a body's own voice).
THEY = frozenset({"they", "them", "their", "themselves", "theirs"})


#: Last words of singular bodies' names that look plural ("United Nations", "Fox News").
SINGULAR_BODY_ENDINGS = frozenset(
    {"states", "nations", "news", "times", "affairs", "services", "relations", "means"}
)


def _plural_name(name: str) -> bool:
    """Whether a body's name is written as a plural ("the Jacksons", "Tea Partiers";
    not "Congress", "the United Nations")."""
    words = name.lower().split()
    last = words[-1] if words else ""
    return (
        last.endswith("s")
        and not last.endswith(("ss", "us", "is"))
        and last not in SINGULAR_BODY_ENDINGS
    )


def _compatible(ref: Referent, pronoun: str, quoted: bool = False) -> int:
    """3 a sure match, 2 possible, 1 a last resort, 0 incompatible (`quoted`: the
    pronoun stands in a quotation, where speakers say "they" of a body)."""
    if pronoun in MALE_PRONOUNS or pronoun in FEMALE_PRONOUNS:
        if ref.kind != "person":
            return 1 if ref.kind == "organisation" and _looks_like_person(ref) else 0
        want = "male" if pronoun in MALE_PRONOUNS else "female"
        if ref.gender is None:
            return 2
        return 3 if ref.gender == want else 0
    if pronoun in THEY:
        # American news style gives a body "it" ("the FBI said it ..."): the writer's
        # "they" after "the Senate" or "Facebook" is mostly the people around it
        # ("Democrats languished in the House minority ... they made it clear"). A
        # body whose name is a plural ("the Jacksons") is a group; in a quotation,
        # speakers say "they" of a body ("Now they can admit the rest").
        if ref.kind == "organisation":
            return 3 if quoted or _plural_name(ref.text) else 0
        return 3 if ref.kind in ("group", "place") else 0  # (a place: see `resolve`)
    if pronoun in PLURAL_PRONOUNS:
        return 3 if ref.kind in ("group", "organisation", "place") else 0
    if pronoun in NEUTER_PRONOUNS:
        return 3 if ref.kind in ("organisation", "place") else 0
    if pronoun in FIRST_PERSON:  # "I", "me", "my": one person ("we" is plural, above)
        return 2 if ref.kind == "person" else 0
    return 0


def _best(pool: Sequence[Referent], start: int, score) -> Referent | None:
    """The nearest earlier referent with the best score (> 0)."""
    best: tuple[int, int] | None = None
    chosen = None
    for ref in pool:
        if ref.start >= start:
            continue
        s = score(ref)
        if s <= 0:
            continue
        key = (s, ref.start)  # best score, then the nearest
        if best is None or key > best:
            best, chosen = key, ref
    return chosen


def resolve(
    doc: Doc,
    start: int,
    end: int,
    candidates: Sequence[Referent],
    recent_speakers: Sequence[Referent] = (),
) -> Resolution:
    """The named referent the span `doc_text(doc)[start:end]` refers to.

    A pronoun goes to the nearest compatible earlier speaker (then the nearest
    compatible earlier person or organisation), a role-noun phrase to the nearest
    earlier referent the text gave that role, a surname or name to the fullest form
    introduced earlier; a span that is itself an organisation, place or group
    resolves to that referent."""
    text = doc_text(doc)[start:end].strip()
    low = text.lower()
    if not text:
        return Resolution(None, "none")

    # "The Arizona Republican": one unnamed member of a party or nation, not the place
    # or the group its words name (who it is, the text does not say here).
    phrase = doc.char_span(start, end, alignment_mode="expand")
    if phrase is not None and phrase.root.ent_type_ == "NORP":
        ent = next((e for e in doc.ents if e.start <= phrase.root.i < e.end), None)
        if ent is not None and one_member(ent):
            return Resolution(None, "none")

    # The span is (or contains) a named mention.
    inside = [r for r in candidates if r.start >= start and r.end <= end]
    n_words = len(text.split())
    # A name the phrase ends on ("Putin's spokesman Dmitry Peskov"), or a short
    # phrase opening with an organisation or place ("US officials", "Kremlin aides").
    inside = [
        r
        for r in inside
        if (end - r.end <= 1 and " of " not in doc_text(doc)[start : r.start])
        or (r.start - start <= 4 and n_words <= 3 and r.kind != "person")
    ]
    head = low.split()[-1]
    if inside and all(r.kind != "person" for r in inside) and inside[-1].end < end:
        # "the Texas governor" after "Texas Gov. Rick Perry": a role someone named holds,
        # the place only its modifier.
        if any(head in r.roles for r in candidates if r.kind == "person" and r.start < start):
            inside = []
    if inside:
        # Prefer a person, then the mention the phrase ends on ("US officials").
        persons = [r for r in inside if r.kind == "person"]
        ref = persons[-1] if persons else inside[-1]
        return Resolution(ref, "name" if ref.kind == "person" else "organisation")
    overlapping = [r for r in candidates if r.start <= start and r.end >= end]
    if overlapping:
        ref = overlapping[0]
        return Resolution(ref, "name" if ref.kind == "person" else "organisation")

    if low in PLURAL_PRONOUNS and phrase is not None:
        subject = _reporting_subject(phrase.root)
        if subject is not None:
            # "insiders tell Fox News they expect ...": the ones telling, not the
            # newspaper told (nobody the article names when they are no actor).
            named = [r for r in candidates if r.start <= subject.idx < r.end]
            return Resolution(named[0], "pronoun") if named else Resolution(None, "none")
    if low in PRONOUNS:
        # A recent speaker is preferred over another mention of the same standing; a
        # sure gender match over a person whose gender the text never gave.
        recent = set(recent_speakers)
        pool = list(dict.fromkeys([*recent_speakers, *candidates]))
        quoted = low in THEY and phrase is not None and inside_quote(doc, phrase.root.i)

        def score(r: Referent) -> int:
            fit = _compatible(r, low, quoted)  # a recent speaker who does not fit is none
            return 2 * fit + (r in recent) if fit else 0

        ref = _best(pool, start, score)
        if ref is not None and ref.kind == "place" and low in THEY:
            # "... in Ferguson. They want to help": the people there, whom no actor
            # names (not the place; and not a group named further back).
            return Resolution(None, "pronoun")
        return Resolution(ref, "pronoun")

    words = [w for w in low.replace("’s", "").replace("'s", "").split() if w.isalnum() or "-" in w]
    if not words:
        return Resolution(None, "none")
    head = words[-1]
    # A surname or name written without an entity tag.
    for ref in candidates:
        if ref.kind == "person" and ref.start < start and ref.text.lower().split()[-1] == head:
            return Resolution(ref, "name")
    # A role-noun phrase: "the spokesman", "the 26-year-old".
    if words[0] in ("the", "this", "that") and len(words) <= 4:
        role = head[:-1] if head.endswith("s") and head[:-1] else head
        # "the lieutenant governor", "the vice president": not the governor, the president.
        rank = [w for w in words[1:-1] if w in ROLE_QUALIFIERS]

        former = "former" in words[1:-1]

        def fits(r: Referent, h: str = head, ro: str = role) -> int:
            if set(rank) != r.roles & ROLE_QUALIFIERS:
                return 0
            if not former and {f"former {h}", f"former {ro}"} & r.roles:
                return 0  # "former President Bill Clinton" is not "the president"
            return 2 if (h in r.roles or ro in r.roles) else 0

        if former:
            # "the former senator": one the article called a former senator ("former Sen.
            # Joe Lieberman") before a sitting one ("Sen. Marco Rubio"), whoever spoke last.
            ref = _best(
                [*recent_speakers, *candidates],
                start,
                lambda r, h=head, ro=role: (
                    fits(r) and (f"former {h}" in r.roles or f"former {ro}" in r.roles)
                ),
            )
            if ref is not None:
                return Resolution(ref, "nominal")
        # As a subject, one named with the role earlier in the same sentence first ("Gov.
        # Mike Pence have been defending the act ever since the governor signed it"; not
        # "Putin ... is not the president's buddy"), then a recent speaker, the nearest.
        near = []
        if phrase is not None and phrase.root.dep_ in NOUN_SUBJECT_DEPS:
            near = [r for r in candidates if phrase.sent.start_char <= r.start]
        for pool in (near, recent_speakers, candidates):
            ref = _best(pool, start, fits)
            if ref is not None:
                return Resolution(ref, "nominal")
    return Resolution(None, "none")
