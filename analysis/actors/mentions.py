"""Finding the mentions of one article: alias-table matches, spaCy entities, state
modifiers and group nouns, names the tagger missed; then names are linked, pronouns
and role nouns resolved, camps filled and roles assigned (`find_mentions`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from analysis.actors.aliases import AliasTable, default_table
from analysis.actors.base import (
    BODY_WORDS,
    BUSINESS_NAME_ENDINGS,
    GOVERNMENT_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    IDENTITY_SUFFIXES,
    KIN_ADDRESS,
    NAME_PREFIXES,
    ORGANISATION_NOUNS,
    PERSON_ONLY_TITLES,
    PERSON_ROLE_NOUNS,
    PLACE_NOUNS,
    POSSESSIVE,
    QUANTITY_WORDS,
    Cand,
    Mention,
    norm_text,
    span_root,
    trim_span,
)
from analysis.actors.camps import (
    PARTY_BODY_WORDS,
    administration_party,
    government_title,
    infer_camps,
)
from analysis.actors.identity import (
    link_names,
    name_gender,
    opening_words,
    split_name,
    strip_titles,
)
from analysis.actors.references import reference_candidates
from analysis.actors.roles import role_of, speaker_choices
from analysis.records import Article
from analysis.resolve import PLACE_ABBREVIATIONS, dateline_end, doc_text, party_state_tag


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
    aliases = aliases if aliases is not None else default_table()
    speaker_spans = [(s, e) for s, e in speaker_spans if s is not None and e is not None and s < e]
    cands = _named_candidates(doc, aliases)
    cands += _modifier_candidates(doc, cands, aliases)
    cands = _untagged_names(doc, cands)
    cands = _without_titled_nouns(doc, cands)
    link_names(doc, cands, aliases)
    _administrations(doc, cands)
    cands += reference_candidates(doc, cands, speaker_spans, article.date)
    infer_camps(doc, cands, aliases)
    _administration_camps(cands, aliases)
    _government_camps(doc, cands, article.date)
    speaker_picks = speaker_choices(doc, cands, speaker_spans)
    mentions = []
    for cand in sorted(cands, key=lambda c: c.i):
        if not cand.actor:
            continue
        start = doc[cand.i].idx
        last = doc[cand.j - 1]
        end = last.idx + len(last.text)
        role = "speaker" if id(cand) in speaker_picks else role_of(doc, cand)
        mentions.append(
            Mention(
                article_id=article.id,
                start=start,
                end=end,
                text=article.text[start:end],
                actor=cand.actor,
                camp=aliases.camp_name(cand.camp),
                type=cand.type,
                role=role,
                resolution=cand.resolution,
                camp_source=(cand.camp_source or "inferred") if cand.camp else "",
            )
        )
    return mentions


def _named_candidates(doc: Doc, aliases: AliasTable) -> list[Cand]:
    """Alias-table matches first, then spaCy entities the table does not cover."""
    taken = [False] * len(doc)
    cands: list[Cand] = []
    alias_spans = aliases.matches(doc)
    # A longer organisation name written around a table pattern keeps its own name:
    # "Valdor City Courier" is not the capital; nor is the surname of "George Washington".
    ents = []
    surnames = {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON"}
    surnames |= {doc[j - 1].lower_ for i, j, row in alias_spans if row.type == "person"}
    for ent in doc.ents:
        if party_state_tag(ent):
            continue  # "Sen. Elizabeth Warren, D-Mass., ...": the senator's camp, no actor
        label = "ORG" if _WEB_NAME.fullmatch(ent.text) else ent.label_  # "MoveOn.org"
        ents += _entity_parts(doc, ent.start, ent.end, label, surnames)
    ents = _party_organisations(doc, ents, aliases)
    ents = [_place_body(doc, i, j, label) for i, j, label in ents]
    swallowed_spans = _swallowed_aliases(doc, alias_spans, ents)
    name_words = {
        t.lower_ for i, j, label in ents if label == "PERSON" and j - i > 1 for t in doc[i:j]
    }
    name_words |= {t.lower_ for i, j, row in alias_spans if row.type == "person" for t in doc[i:j]}
    kept_aliases = []
    for a_i, a_j, row in alias_spans:
        swallowed = (a_i, a_j) in swallowed_spans or any(
            # "George Washington" is a person, not the capital
            label == "PERSON" and i < a_i and a_j == j and row.type in ("place", "state")
            for i, j, label in ents
        )
        if not swallowed:
            kept_aliases.append((a_i, a_j, row))
    for i, j, row in kept_aliases:
        if row.type == "person" and j < len(doc) and doc[j].lower_ in IDENTITY_SUFFIXES:
            continue  # "Donald Trump Jr." is not the pack's "Donald Trump"
        for k in range(i, j):
            taken[k] = True
        if row.type == "ignore" or not row.actor:
            continue
        known = aliases.actor_row(row.actor)
        kind = row.type if row.type != "place" else (known.type if known else "state")
        camp = row.camp or (known.camp if known else None)
        written = doc[i:j].text
        cands.append(
            Cand(
                i,
                j,
                row.actor,
                camp,
                kind,
                "name" if written.lower() == row.actor.lower() else "alias",
                from_table=True,
                root_i=span_root(doc, i, j),
                camp_source=("pack" if row.source == "pack" else "table") if camp else "",
            )
        )
        cands[-1].place = row.type == "place"
    businesses: set[str] = set()
    for i, j, label in ents:
        if label not in ("PERSON", "ORG", "GPE", "NORP") or any(taken[i:j]):
            continue
        if not any(c.isupper() for c in doc[i:j].text) and not aliases.actor_row(doc[i:j].text):
            continue  # "ag", "fed", "pinnacle", "the bureau's": a name has a capital
        for k in range(i, j):
            taken[k] = True
        if label == "NORP":
            continue  # unknown nationality words: no state to attach them to
        if label == "PERSON" or (label == "ORG" and _looks_like_person(doc, i, j)):
            while j - i > 1 and doc[i].lower_ in PLACE_ABBREVIATIONS:
                i += 1  # "Washington, D.C. Jackson's wife": a sentence run into a name
            if label == "PERSON" and _surname_left_out(doc, i, j):
                j += 1  # "Attorney General Sally Yates telling ...": the tag stopped short
            name_i, titles = strip_titles(doc, i, j)
            while j - name_i > 1 and doc[j - 1].pos_ in ("VERB", "AUX", "ADV"):
                j -= 1  # "Clinton Defends": a headline run into the name
            if not _is_name(doc, name_i, j) or (
                j - name_i == 1 and not titles and _no_name(doc, i, name_words)
            ):
                continue
            if _business_name(doc, name_i, j):
                cand = Cand(i, j, doc[name_i:j].text, None, "organisation", "name")
                cand.root_i = span_root(doc, i, j)
                cands.append(cand)
                businesses.add(cand.actor)
                continue
            cand = Cand(i, j, norm_text(doc[name_i:j].text), None, "person", "name")
            cand.titles = titles
            if _family(doc, name_i, j):
                cand.type = "group"  # "the Clintons": a family, not one person
        elif label == "ORG":
            if j - i == 1 and _with_indefinite_article(doc[i]):
                continue  # "his time as a Marine": a member, no organisation's name
            cand = Cand(i, j, doc[i:j].text, None, "organisation", "name")
        else:  # an unknown place name: an actor only where it acts (metonymy)
            cand = Cand(i, j, doc[i:j].text, None, "state", "name")
            cand.place = True
        cand.root_i = span_root(doc, i, j)
        cands.append(cand)
    # A person tag on a business's name elsewhere in the article is the business ("a
    # partner with Patton Boggs" after "the law firm Patton Boggs").
    for cand in cands:
        if cand.type == "person" and not cand.from_table and cand.actor in businesses:
            cand.type, cand.titles = "organisation", set()
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
    # A person or organisation tag on a one-word name that is a place elsewhere in the
    # article (tagged GPE where a place stands: "the suburb of Ferguson, Mo."), and
    # nobody's name there, is a place: "Ferguson has endured a week of protests" is the
    # town, not a person.
    places = {doc[i].text.lower() for i, j, label in ents if label == "GPE" and _placed(doc, i, j)}
    full_names = [c.actor.lower().split() for c in cands if c.type == "person" and c.actor]
    places -= {part for name in full_names if len(name) > 1 for part in name}
    for cand in cands:
        if (
            cand.type in ("person", "organisation")
            and not cand.from_table
            and cand.actor
            and cand.j - cand.i == 1
            and cand.actor.lower() in places
        ):
            cand.type, cand.place = "state", True
    # Metonymy: places count only where they act, never in a dateline ("WASHINGTON ―").
    kept = []
    text = doc_text(doc)
    for cand in cands:
        if cand.type != "person" and dateline_end(text, doc[cand.i].idx):
            continue  # "DANVILLE, Ky. –-" (tagged as an organisation): where, not who
        if cand.place:
            if not _acts(doc, doc[cand.root_i]):
                continue
            cand.resolution = "metonymy"
        kept.append(cand)
    # A state name or capital modifying a place noun is geography ("Moscow region").
    kept = [c for c in kept if not (c.type == "state" and _modifies_place(doc[c.root_i]))]
    return kept


_NAME_LABELS = ("ORG", "FAC", "LOC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW")


def _swallowed_aliases(doc: Doc, alias_spans: list, ents: list) -> set[tuple[int, int]]:
    """Table patterns inside a longer name entity that the entity's own name overrides:
    "Valdor City Courier" is not the capital, "Texas Democratic Party" not the national
    party, "Wyoming Senate" not the US Senate. Where the name is the organisation's own
    state written before an organisation the table knows ("the U.S. Department of
    Justice", "U.S. Senate"), the organisation is kept and the state is its modifier."""
    out: set[tuple[int, int]] = set()
    for i, j, label in ents:
        if label not in _NAME_LABELS:
            continue
        inside = [  # (a pattern may take the "The" the entity's name was trimmed of)
            (a, b, row)
            for a, b, row in alias_spans
            if b <= j and (i <= a or all(doc[k].pos_ == "DET" for k in range(a, i)))
        ]
        if not inside or j - i <= max(b - a for a, b, _ in inside):
            continue
        head = [(a, b, row) for a, b, row in inside if b == j and row.type == "organisation"]
        if head:
            a, _, head_row = head[0]
            own_state = {
                k
                for x, y, row in inside
                if y <= a and row.actor and row.actor == head_row.camp
                for k in range(x, y)
            }
            if all(k in own_state or doc[k].pos_ == "DET" for k in range(i, a)):
                out.update((x, y) for x, y, _ in inside if y <= a)
                continue
        out.update((a, b) for a, b, _ in inside)
    return out


def _party_organisations(
    doc: Doc, ents: list[tuple[int, int, str]], aliases: AliasTable
) -> list[tuple[int, int, str]]:
    """An organisation tag that left out the party word and the place of its own name
    ("the New Jersey Republican State Committee" tagged as GPE "New Jersey" and ORG
    "State Committee") takes them back: a party marker right before it that modifies
    its head, and a place entity right before the marker that modifies the same."""
    starts = {j: (i, label) for i, j, label in ents}
    out = list(ents)
    for i, j, label in ents:
        if label != "ORG" or i == 0 or doc[j - 1].lower_ not in PARTY_BODY_WORDS:
            continue
        marker = doc[i - 1]
        if not (
            len(marker.text) > 1
            and aliases.marker_camp(marker.text)
            and i <= marker.head.i < j
            and marker.dep_ in ("compound", "amod", "nmod")
        ):
            continue
        new_i = i - 1
        place = starts.get(new_i)
        if (
            place
            and place[1] == "GPE"
            and all(
                i <= doc[k].head.i < j or place[0] <= doc[k].head.i < new_i
                for k in range(place[0], new_i)
            )
        ):
            out = [e for e in out if e != (place[0], new_i, "GPE")]
            new_i = place[0]
        out[out.index((i, j, label))] = (new_i, j, label)
    return sorted(out)


#: Last words of a local body named after its place ("Miami-Dade County Police
#: Department", "Richmond City Council").
_BODY_HEADS = frozenset(
    "department office council board commission police court committee agency bureau".split()
)


def _place_body(doc: Doc, i: int, j: int, label: str) -> tuple[int, int, str]:
    """A place the tagger cut off the body named after it ("Miami-Dade County" tagged a
    place in "The Miami-Dade County Police Department confirmed ..."): the whole name,
    an organisation; other entities as they are."""
    if label != "GPE":
        return i, j, label
    k = j
    while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
        if doc[k].ent_type_:
            break
        k += 1
    if k > j and doc[k - 1].lower_ in _BODY_HEADS:
        return i, k, "ORG"
    return i, j, label


def _entity_parts(
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
                a = opening_words(doc, a, b)
            possessor = k < end and doc[k].text in POSSESSIVE
            kind = label
            if label == "ORG" and _given_and_surname(doc, a, b, surnames):
                kind = "PERSON"  # "second lady Karen Pence" after "Mike Pence"
            elif possessor and label == "ORG" and _name_like(doc, a, b):
                kind = "PERSON"  # "Trump's Twitter": Trump
            elif label == "ORG" and _titled_name(doc, a, b):
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
_WEB_NAME = re.compile(r"[A-Z][A-Za-z0-9-]*\.(?:org|com|net)")

#: A name with an apostrophe inside one token: "O'Neill", "D’Souza", "N'Dour".
_APOSTROPHE_NAME = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)+")


def _is_name(doc: Doc, i: int, j: int) -> bool:
    """Whether [i, j) can be a person's name: words and initials, a capitalised
    surname besides any suffix ("Jr." alone is none), no acronym ("FBI")."""
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
    if not split_name(" ".join(t.text for t in tokens))[1]:
        return False
    return not (len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) <= 5)


#: Parts of speech of a lower-case word that a capitalised one opening a sentence
#: repeats as the same common word (the tagger calls "metadata" a proper noun too).
_COMMON_POS = frozenset(("NOUN", "PROPN", "ADJ"))


def _business_name(doc: Doc, i: int, j: int) -> bool:
    """A person tag on a business's name: one ending in "Law" or "LLP" ("Ifrah Law"),
    or introduced by a noun for a business ("the law firm Patton Boggs")."""
    if j - i > 1 and doc[j - 1].lower_ in BUSINESS_NAME_ENDINGS:
        return True
    root = doc[span_root(doc, i, j)]
    return any(
        c.dep_ in ("compound", "appos")
        and c.pos_ == "NOUN"
        and c.lemma_.lower() in ORGANISATION_NOUNS
        for c in root.children
        if c.i < i
    ) or (root.dep_ == "appos" and root.head.lemma_.lower() in ORGANISATION_NOUNS)


def _no_name(doc: Doc, i: int, name_words: set[str]) -> bool:
    """Whether a one-word person tag is no one's name (`name_words`: the words of the
    article's longer names): a kin word said to someone ("asking me, Dad, ..."); a piece
    of a hyphenated place name ("Mar-a-Lago"); a common noun opening a sentence that the
    article writes in lower case elsewhere ("Metadata from the companies ..."); or an
    epithet written before a name ("Lyin' Ted Cruz")."""
    token = doc[i]
    word = token.lower_
    if word in KIN_ADDRESS:
        return True
    if _inside_hyphenated_name(doc, i):
        return True
    opens = i == 0 or token.is_sent_start or doc[i - 1].is_space or doc[i - 1].text in ('"', "“")
    if (
        opens
        and word not in name_words
        and any(t.lower_ == word and t.is_lower and t.pos_ in _COMMON_POS for t in doc)
    ):
        return True
    after = doc[i + 1 : i + 4]  # an apostrophe, then a name of two words or more
    return (
        len(after) == 3
        and after[0].text in ("'", "’")
        and not token.whitespace_
        and after[1].ent_type_ == "PERSON"
        and after[1].ent_iob_ == "B"
        and after[2].ent_iob_ == "I"
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


def _surname_left_out(doc: Doc, i: int, j: int) -> bool:
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


def _titled_name(doc: Doc, i: int, j: int) -> bool:
    """A person's title and then one to three proper nouns ("Bishop Daniel Jenky")."""
    return doc[i].lower_ in PERSON_ONLY_TITLES and _name_like(doc, i + 1, j)


def _name_like(doc: Doc, i: int, j: int) -> bool:
    """One to three proper nouns: a possessor inside an organisation's name is a
    person's name ("Trump's Twitter")."""
    return 0 < j - i <= 3 and all(doc[k].pos_ == "PROPN" for k in range(i, j))


def _without_titled_nouns(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """The candidates less a one-word "name" with an article of its own that no person
    named in the article bears: a capitalised noun spaCy took for a person ("The career
    Marine", "the Unabomber", "a total Hoax"), not "an angry Trump" after "Donald
    Trump", nor "an emotional Mr. Obama"."""
    names = {
        word.lower()
        for c in cands
        if c.type == "person" and c.actor and " " in c.actor
        for word in c.actor.split()
    }

    def titled_noun(cand: Cand) -> bool:
        if cand.type != "person" or cand.from_table or cand.j - cand.i != 1:
            return False
        token = doc[cand.i]
        if not _with_article(token) or (cand.i > 0 and doc[cand.i - 1].lower_ in NAME_PREFIXES):
            return False
        return token.text.lower() not in names

    return [c for c in cands if not titled_noun(c)]


def _with_indefinite_article(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


def _with_article(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in token.children)


def _family(doc: Doc, i: int, j: int) -> bool:
    """A one-word plural surname after "the": "the Clintons", "the Obamas", "the Kochs"."""
    word = doc[i].text
    return (
        j - i == 1
        and i > 0
        and doc[i - 1].lower_ == "the"
        and len(word) > 3
        and word[0].isupper()
        and word.endswith("s")
        and not word.isupper()
    )


def _looks_like_person(doc: Doc, i: int, j: int) -> bool:
    """An organisation tag that the text shows to be a person: an honorific in front
    ("Ms Ferrow"), an age after it ("Anton Mirek, 36,"), or apposed to a person's
    role ("Nadia Ferrow, director of ...")."""
    if i > 0 and doc[i - 1].lower_ in HONORIFICS or doc[i].lower_ in HONORIFICS:
        return True
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].like_num:
        return True
    root = doc[span_root(doc, i, j)]
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


def _modifier_candidates(doc: Doc, cands: list[Cand], aliases: AliasTable) -> list[Cand]:
    """Groups named by a state modifier ("US officials", "Ukrainian forces"), states
    named by a government noun ("the Tessary regime"), and plain group nouns
    ("rescue workers"). Nationality adjectives stay mentions of their state."""
    extra: list[Cand] = []
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
            span_text = norm_text(doc[cand.i : head.i + 1].text)
            row = aliases.actor_row(span_text)
            extra.append(
                Cand(
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
                if child.dep_ in ("amod", "compound") and child.i not in covered:
                    left = min(left, child.left_edge.i)
            left, _ = trim_span(doc, left, token.i + 1)
            if any(k in covered for k in range(left, token.i + 1)):
                left = token.i
            left = _past_quantities(doc, left, token.i)
            start, end = doc[left].idx, token.idx + len(token.text)
            text = " ".join(doc_text(doc)[start:end].lower().split())  # "active-duty troops"
            row = aliases.actor_row(text)
            party = _party_modifier(doc, left, token.i, aliases)
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


def _past_quantities(doc: Doc, left: int, head: int) -> int:
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


def _administrations(doc: Doc, cands: list[Cand]) -> None:
    """ "the Obama administration", "the Trump White House": a president's name
    modifying "administration" (or "White House") is the executive, an organisation
    named "<surname> administration" in the president's camp (`_administration_camps`);
    "the administration" later refers back to it."""
    for cand in cands:
        if cand.type != "person" or not cand.actor or cand.root_i is None:
            continue
        token = doc[cand.root_i]
        head = token.head
        if token.dep_ not in ("compound", "poss", "nmod") or head.i < cand.j:
            continue
        if head.lemma_.lower() == "administration":
            end = head.i + 1
        elif head.text == "House" and head.i > 0 and doc[head.i - 1].text == "White":
            end = head.i + 1
        else:
            continue
        if any(c is not cand and cand.j <= c.i < end for c in cands):
            continue
        cand.owner = cand.actor
        cand.actor = f"{cand.actor.split()[-1]} administration"
        cand.j, cand.root_i, cand.type = end, head.i, "organisation"
        cand.resolution, cand.camp, cand.camp_source, cand.from_table = "name", None, "", False


def _government_camps(doc: Doc, cands: list[Cand], date: str | None) -> None:
    """A person introduced by a US government title ("Attorney General Eric Holder")
    whose camp no table, party marker or pack gives is in the camp of the
    administration in office on the article's date (`camps.government_title`)."""
    party = administration_party(date)
    if party is None:
        return
    for cand in cands:
        if cand.type != "person" or cand.linked_to is not None:
            continue
        if cand.camp and cand.camp_source in ("table", "text", "pack"):
            continue
        if government_title(doc, cand):
            cand.camp, cand.camp_source = party, "inferred"
            for other in cands:  # the person's other mentions in the article
                if other.actor == cand.actor and not other.camp:
                    other.camp, other.camp_source = party, "inferred"


def _administration_camps(cands: list[Cand], aliases: AliasTable) -> None:
    """An administration's camp is its president's (in the article, else the table's
    or pack's)."""
    for cand in cands:
        owner = cand.owner if cand.linked_to is None else cand.linked_to.owner
        if not owner:
            continue
        known = [c for c in cands if c.actor == owner and c.camp]
        row = aliases.actor_row(owner)
        namesakes = aliases.surnames.get(owner.lower(), ())
        if row is None and len(namesakes) == 1:  # "the Trump administration"
            row = aliases.actor_row(next(iter(namesakes)))
        if known:
            cand.camp, cand.camp_source = known[0].camp, known[0].camp_source
        elif row and row.camp:
            cand.camp, cand.camp_source = row.camp, "pack" if row.source == "pack" else "table"


#: The camp of the "Independent" party marker ("Sen. Bernie Sanders, I-Vt."): before a
#: group noun the word means unaffiliated ("Independent engineers", "independent voters").
INDEPENDENT = "Independent"


def _party_modifier(doc: Doc, left: int, head: int, aliases: AliasTable) -> tuple[str, str] | None:
    """(marker as written, camp) where a party marker modifies a group noun:
    "Republican lawmakers", "GOP leaders", "Democratic senators"."""
    for k in range(left, head):
        camp = aliases.marker_camp(doc[k].text) if len(doc[k].text) > 1 else None
        if camp and camp != INDEPENDENT:  # "independent engineers" belong to no party
            return doc[k].text, camp
    return None


def _untagged_names(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """The candidates with the names the tagger missed: a proper noun that is the last
    word of a person's name found elsewhere in the article ("Weller said" after "Tomas
    Weller"), also in capitals as in transcripts ("PENCE:"), with the first name written
    before it ("met with Crystal Griner", tagged as a product; "the Clarence Thomas
    hearing", "Clarence" tagged as an organisation of its own)."""
    surnames = {c.actor.split()[-1] for c in cands if c.type == "person" and c.actor}
    full_named = {
        c.actor.split()[-1] for c in cands if c.type == "person" and " " in (c.actor or "")
    }
    covered = {k: c for c in cands for k in range(c.i, c.j)}
    extra, replaced = [], set()
    for token in doc:
        if token.i in covered:
            continue
        name = token.text
        if not (token.pos_ == "PROPN" or token.is_title) or name not in surnames:
            name = name.title() if len(name) > 2 and name.isupper() else ""
            if name not in surnames:
                continue
        i = token.i
        first = doc[i - 1] if i > 0 else None
        if first is not None and name not in full_named and _first_name_before(doc, first, token):
            other = covered.get(first.i)
            if other is None or (
                other.j - other.i == 1 and not other.from_table and other.type != "person"
            ):
                if other is not None:
                    replaced.add(id(other))
                i, name = first.i, f"{first.text} {name}"
        extra.append(Cand(i, token.i + 1, name, None, "person", "name", root_i=token.i))
    return [c for c in cands if id(c) not in replaced] + extra


def _first_name_before(doc: Doc, first: Token, surname: Token) -> bool:
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
        and first.ent_type_ not in ("GPE", "LOC", "NORP")
    )


#: Prepositions before a place name ("in Ferguson", "the suburb of Ferguson").
_LOCATIVE = frozenset("in to from near at of outside into across around".split())


def _placed(doc: Doc, i: int, j: int) -> bool:
    """A one-word GPE entity written where a place stands: the object of a locative
    preposition, or followed by a comma and a state ("Ferguson, Mo.") — not a stray
    tag ("polls showed Obama, 46 percent")."""
    if j - i != 1:
        return False
    token = doc[i]
    if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE:
        return True
    following = doc[j : j + 2]
    return len(following) == 2 and following[0].text == "," and following[1].ent_type_ == "GPE"
