"""What the tagger's entities are: the parts of an entity (split at a possessive, a
title run into an organisation before a name, two people in one tag), and whether a
one-word or short tag is a person's name at all (a kin word said to someone, a piece of
"Mar-a-Lago", an epithet, a business such as "Ifrah Law"). `mentions` reads entities
through these; nothing here knows the alias table beyond the word sets it is given."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from analysis.actors.base import (
    BODY_WORDS,
    BUSINESS_NAME_ENDINGS,
    FACILITY_WORDS,
    FORMAL_SUFFIXES,
    IDENTITY_SUFFIXES,
    KIN_ADDRESS,
    NAME_PREFIXES,
    NOT_NAME_WORDS,
    ORGANISATION_NOUNS,
    PERSON_ONLY_TITLES,
    POSSESSIVE,
    span_root,
    trim_span,
)
from analysis.actors.identity import name_gender, opening_words, split_name


def entity_parts(
    doc: Doc, start: int, end: int, label: str, surnames: set[str] = frozenset()
) -> list[tuple[int, int, str]]:
    """An entity as (start, end, label) parts: trimmed, without words that open a
    sentence ("Plus Obama"), split at a possessive inside it ("Trump's Twitter" is
    Trump and Twitter) and at a line break (a headline run into the text). An
    organisation's possessor is a person only where it ends a person's name in the
    article (`surnames`, lower case): "Angie's List", "Martha's Vineyard Holdings" are
    one name each."""
    if label == "ORG" and doc[end - 1].lower_ == "of" and end < len(doc):
        if doc[end].is_title or doc[end].like_num:
            end += 1  # "the Group of Seven": the tagger stopped at the number
    parts = []
    i = start
    for k in range(start, end + 1):
        cut = k == end or doc[k].text in ("'s", "’s") or "\n" in doc[k].text
        if cut and k < end and label == "ORG" and doc[k].text in ("'s", "’s") and k - i == 1:
            cut = doc[i].lower_ in surnames or not doc[i].is_title  # "FBI's Office of ..."
        if cut and k < end and label == "ORG" and doc[k - 1].lower_ in NAME_PREFIXES:
            cut = False  # "the Maricopa County Sheriff's Department": an office's name
        if not cut:
            continue
        a, b = trim_span(doc, i, k)
        if a < b and label == "ORG" and k == end:
            b = _without_trailing_title(doc, a, b)
        if a < b and label == "ORG" and k == end and _two_people(doc, a, b, surnames):
            middle = next(m for m in range(a, b) if doc[m].lower_ == "and")
            parts += [(a, middle, "PERSON"), (middle + 1, b, "PERSON")]  # "Trump and Mattis"
            i = k + 1
            continue
        if a < b:
            if label in ("PERSON", "ORG"):
                a = opening_words(doc, a, b, person=label == "PERSON")
            possessor = k < end and doc[k].text in POSSESSIVE
            kind = label
            if label == "ORG" and _given_and_surname(doc, a, b, surnames):
                kind = "PERSON"  # "second lady Karen Pence" after "Mike Pence"
            elif possessor and label == "ORG" and name_like(doc, a, b):
                kind = "PERSON"  # "Trump's Twitter": Trump
            elif label == "ORG" and titled_name(doc, a, b):
                kind = "PERSON"  # "Bishop Daniel Jenky" tagged as an organisation
            elif label == "PERSON" and b - a == 1 and (parts or doc[a - 1].text in ("'s", "’s")):
                kind = "ORG"  # ... and Twitter: one word owned by a person is a thing
            parts.append((a, b, kind))
        i = k + 1
    return parts


def _without_trailing_title(doc: Doc, a: int, b: int) -> int:
    """End of an organisation tag less a person's title the tagger ran into it before a
    name ("former RNC Co-Chairwoman Ann Wagner": the RNC)."""
    end = b
    while b - a > 1 and end < len(doc) and doc[end].ent_type_ == "PERSON":
        word = doc[b - 1].lower_
        if not (word in NAME_PREFIXES or word.split("-")[-1] in NAME_PREFIXES):
            break
        b -= 1
        while b - a > 2 and doc[b - 1].text == "-" and not doc[b - 2].whitespace_:
            b -= 2  # "Co-" of "Co-Chairwoman"
    return b


def _two_people(doc: Doc, a: int, b: int, surnames: set[str]) -> bool:
    """An organisation tag on two surnames joined by "and", each a person's in the
    article ("a split between Trump and Mattis")."""
    words = list(doc[a:b])
    return (
        len(words) == 3
        and words[1].lower_ == "and"
        and all(t.is_title and t.lower_ in surnames for t in (words[0], words[2]))
    )


def _given_and_surname(doc: Doc, a: int, b: int, surnames: set[str]) -> bool:
    """An organisation tag on a given name and the surname of a person the article
    names ("second lady Karen Pence" after "Vice President Mike Pence")."""
    return (
        b - a == 2
        and doc[a].is_title
        and doc[b - 1].lower_ in surnames
        and name_gender(doc[a:b].text) is not None
    )


#: An organisation written as its web address: "MoveOn.org", "Salesforce.com" (the
#: tagger may call it a number).
WEB_NAME = re.compile(r"[A-Z][A-Za-z0-9-]*\.(?:org|com|net)")


#: A name with an apostrophe inside one token: "O'Neill", "D’Souza", "N'Dour".
_APOSTROPHE_NAME = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)+")


def is_name(doc: Doc, i: int, j: int) -> bool:
    """Whether [i, j) can be a person's name: words and initials, a capitalised
    surname besides any suffix ("Jr." alone is none), no acronym ("FBI", "Junge SVP")."""
    tokens = [doc[k] for k in range(i, j)]
    if not tokens or not all(
        t.is_alpha or _APOSTROPHE_NAME.fullmatch(t.text) or t.text.endswith(".") or t.text == "-"
        for t in tokens
    ):
        return False
    if not tokens[-1].text[:1].isupper():
        return False  # "a white van", "mañana": a surname is capitalised
    if len(tokens) > 1 and tokens[-1].lower_ in PERSON_ONLY_TITLES:
        return False  # "the Maricopa County Sheriff's Department": an office, no name
    if any(t.lower_ in FACILITY_WORDS for t in tokens[1:]):
        return False  # "Eugene Simpson Stadium Park": a place
    if not split_name(" ".join(t.text for t in tokens))[1]:
        return False
    last = tokens[-1].text
    if (
        len(tokens) > 1
        and len(last) > 1
        and last.isalpha()
        and last.isupper()
        and not tokens[0].text.isupper()
    ):
        # "Junge SVP" (the Swiss party's youth): an acronym ending a mixed-case name
        # (not "Malcolm X")
        return len(last) > 5 or last.lower() in FORMAL_SUFFIXES | IDENTITY_SUFFIXES
    return not (len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) <= 5)


#: Parts of speech of a lower-case word that a capitalised one opening a sentence
#: repeats as the same common word (the tagger calls "metadata" a proper noun too).
_COMMON_POS = frozenset(("NOUN", "PROPN", "ADJ"))


def business_name(doc: Doc, i: int, j: int) -> bool:
    """A person tag on a business's name: one ending in "Law" or "LLP" ("Ifrah Law"),
    or introduced by a noun for a business ("the law firm Patton Boggs")."""
    if j - i > 1 and doc[j - 1].lower_ in BUSINESS_NAME_ENDINGS:
        return True
    root = doc[span_root(doc, i, j)]
    return (
        any(
            c.dep_ in ("compound", "appos")
            and c.pos_ == "NOUN"
            and c.lemma_.lower() in ORGANISATION_NOUNS
            for c in root.children
            if c.i < i
        )
        or (root.dep_ == "appos" and root.head.lemma_.lower() in ORGANISATION_NOUNS)
        or any(_organisation_apposed(c) for c in root.rights if c.dep_ == "appos")
    )


def _organisation_apposed(appos: Token) -> bool:
    """An apposition that calls the name an organisation: "Patriot Coal, a coal
    company", "…, one of the nation's largest coal companies"."""
    if appos.lower_ == "one":
        of = [c for c in appos.children if c.dep_ == "prep" and c.lower_ == "of"]
        appos = next((c for c in of[0].children if c.dep_ == "pobj"), appos) if of else appos
    return appos.pos_ == "NOUN" and appos.lemma_.lower() in ORGANISATION_NOUNS


def common_words(doc: Doc, name_words: set[str]) -> set[str]:
    """The words the article writes in lower case as common words, less the words of
    its longer names (`name_words`), for `no_name`: read once per article."""
    return {t.lower_ for t in doc if t.is_lower and t.pos_ in _COMMON_POS} - name_words


def no_name(doc: Doc, i: int, common: set[str]) -> bool:
    """Whether a one-word person tag is no one's name (`common`: `common_words`): a kin
    word said to someone ("asking me, Dad, ..."); a piece of a hyphenated place name
    ("Mar-a-Lago"); a common noun opening a sentence that the article writes in lower
    case elsewhere ("Metadata from the companies ..."); or an epithet written before a
    name ("Lyin' Ted Cruz")."""
    token = doc[i]
    word = token.lower_
    if word in KIN_ADDRESS:
        return True
    if _inside_hyphenated_name(doc, i):
        return True
    opens = i == 0 or token.is_sent_start or doc[i - 1].is_space or doc[i - 1].text in ('"', "“")
    if opens and word in common:
        return True
    after = doc[i + 1 : i + 3]  # an apostrophe glued to it, then a capitalised name
    return (
        len(after) == 2
        and after[0].text in ("'", "’")
        and not token.whitespace_
        and after[1].pos_ == "PROPN"
        and after[1].is_title
    )


def _inside_hyphenated_name(doc: Doc, i: int) -> bool:
    """A capitalised piece of a word joined by hyphens round a lower-case one:
    "Mar-a-Lago", "Stratford-upon-Avon" (not "Ocasio-Cortez", nor "anti-Trump")."""
    a = b = i
    while (
        a >= 2
        and doc[a - 1].text == "-"
        and not doc[a - 2].whitespace_
        and not doc[a - 1].whitespace_
    ):
        a -= 2
    while (
        b + 2 < len(doc)
        and doc[b + 1].text == "-"
        and not doc[b].whitespace_
        and not doc[b + 1].whitespace_
    ):
        b += 2
    pieces = [doc[k] for k in range(a, b + 1, 2)]
    return any(
        p.is_lower and 0 < n < len(pieces) - 1 and pieces[0].is_title and pieces[-1].is_title
        for n, p in enumerate(pieces)
    )


def surname_left_out(doc: Doc, i: int, j: int) -> bool:
    """A one-word person tag on a given name whose surname, right after it, heads the
    phrase untagged ("Sally Yates telling ...": the tagger marked "Sally" alone)."""
    if j - i != 1 or j >= len(doc) or doc[i].dep_ != "compound" or doc[i].head.i != j:
        return False
    surname = doc[j]
    return (
        surname.pos_ == "PROPN"
        and surname.ent_type_ == ""
        and surname.dep_ != "compound"
        and surname.is_alpha
        and surname.text[:1].isupper()
        and not surname.text.isupper()
    )


def titled_name(doc: Doc, i: int, j: int) -> bool:
    """A person's title and then one to three proper nouns ("Bishop Daniel Jenky")."""
    return doc[i].lower_ in PERSON_ONLY_TITLES and name_like(doc, i + 1, j)


def name_like(doc: Doc, i: int, j: int) -> bool:
    """One to three proper nouns: a possessor inside an organisation's name is a
    person's name ("Trump's Twitter")."""
    return 0 < j - i <= 3 and all(doc[k].pos_ == "PROPN" for k in range(i, j))


def first_name_before(doc: Doc, first: Token, surname: Token) -> bool:
    """Whether the word before a surname is its first name: a capitalised proper noun
    compounded onto it, no title, body or place word, and the name's first word
    ("“Mad Dog Mattis”" is a nickname)."""
    before = doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.pos_ == "PROPN" and before.lower_ not in NAME_PREFIXES:
        return False
    return (
        first.pos_ == "PROPN"
        and first.is_title
        and first.is_alpha
        and first.dep_ == "compound"
        and first.head.i == surname.i
        and bool(first.whitespace_)
        and first.lower_ not in NAME_PREFIXES
        and first.lower_ not in BODY_WORDS
        and first.lower_ not in NOT_NAME_WORDS  # "Outside Carrier's plant"
        and first.ent_type_ not in ("GPE", "LOC", "NORP")
    )
