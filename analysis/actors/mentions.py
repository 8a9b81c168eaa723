"""Finding the mentions of one article: alias-table matches, spaCy entities, state
modifiers and group nouns, names the tagger missed; then names are linked, pronouns
and role nouns resolved, camps filled and roles assigned (`find_mentions`)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from analysis.actors.aliases import AliasTable, default_table
from analysis.actors.base import (
    GOVERNMENT_NOUNS,
    HONORIFICS,
    IDENTITY_SUFFIXES,
    NAME_PREFIXES,
    PAGEANT_WORDS,
    PERSON_ROLE_NOUNS,
    PLACE_NOUNS,
    POSSESSIVE,
    RANK_ABBREVIATIONS,
    Cand,
    Mention,
    norm_text,
    span_root,
)
from analysis.actors.camps import (
    PARTY_BODY_WORDS,
    infer_camps,
)
from analysis.actors.groups import identity_groups, modifier_candidates
from analysis.actors.identity import link_names, strip_titles
from analysis.actors.names import (
    WEB_NAME,
    business_name,
    common_words,
    entity_parts,
    first_name_before,
    is_name,
    no_name,
    surname_left_out,
)
from analysis.actors.owned import (
    OWNED_BODIES,
    administration_camps,
    government_camps,
    owned_bodies,
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
    cands += modifier_candidates(doc, cands, aliases)
    cands = _untagged_names(doc, cands)
    cands = _without_titled_nouns(doc, cands)
    cands = _without_modifier_names(doc, cands, aliases)
    link_names(doc, cands, aliases)
    owners = owned_bodies(doc, cands)
    cands += reference_candidates(doc, cands, speaker_spans, article.date, owners)
    _persons_by_pronoun(doc, cands)
    infer_camps(doc, cands, aliases)
    administration_camps(cands, aliases)
    government_camps(doc, cands, article.date)
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
    alias_spans = identity_groups(doc, aliases.matches(doc), aliases)
    # A longer organisation name written around a table pattern keeps its own name:
    # "Valdor City Courier" is not the capital; nor is the surname of "George Washington".
    ents = []
    surnames = {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON"}
    surnames |= {doc[j - 1].lower_ for i, j, row in alias_spans if row.type == "person"}
    for ent in doc.ents:
        if party_state_tag(ent):
            continue  # "Sen. Elizabeth Warren, D-Mass., ...": the senator's camp, no actor
        label = "ORG" if WEB_NAME.fullmatch(ent.text) else ent.label_  # "MoveOn.org"
        ents += entity_parts(doc, ent.start, ent.end, label, surnames)
    ents = _party_organisations(doc, ents, aliases)
    ents = [_place_body(doc, i, j, label) for i, j, label in ents]
    swallowed_spans = _swallowed_aliases(doc, alias_spans, ents)
    name_words = {
        t.lower_ for i, j, label in ents if label == "PERSON" and j - i > 1 for t in doc[i:j]
    }
    name_words |= {t.lower_ for i, j, row in alias_spans if row.type == "person" for t in doc[i:j]}
    common = common_words(doc, name_words)
    kept_aliases = []
    for a_i, a_j, row in alias_spans:
        swallowed = (a_i, a_j) in swallowed_spans or any(
            # "George Washington" is a person, not the capital
            label == "PERSON" and i < a_i and a_j == j and row.type in ("place", "state")
            for i, j, label in ents
        )
        if not swallowed:
            kept_aliases.append((a_i, a_j, row))
    ignored: set[int] = set()  # tokens of `ignore` rows
    for i, j, row in kept_aliases:
        if row.type == "person" and j < len(doc) and doc[j].lower_ in IDENTITY_SUFFIXES:
            continue  # "Donald Trump Jr." is not the pack's "Donald Trump"
        for k in range(i, j):
            taken[k] = True
        if row.type == "ignore":
            ignored.update(range(i, j))
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
        while i < j and i in ignored:
            i += 1  # "the super PAC America Rising" tagged "PAC America Rising"
        if label not in ("PERSON", "ORG", "GPE", "NORP") or i == j or any(taken[i:j]):
            continue
        if not any(c.isupper() for c in doc[i:j].text) and not aliases.actor_row(doc[i:j].text):
            continue  # "ag", "fed", "pinnacle", "the bureau's": a name has a capital
        for k in range(i, j):
            taken[k] = True
        if label == "NORP":
            continue  # unknown nationality words: no state to attach them to
        if doc[i:j].text.lower() in IDENTITY_SUFFIXES:
            continue  # "Joseph R. Biden, Jr., is ...": the tag on the suffix alone
        if label == "PERSON" or (label == "ORG" and _looks_like_person(doc, i, j)):
            while j - i > 1 and doc[i].lower_ in PLACE_ABBREVIATIONS:
                i += 1  # "Washington, D.C. Jackson's wife": a sentence run into a name
            if label == "PERSON" and surname_left_out(doc, i, j):
                j += 1  # "Attorney General Sally Yates telling ...": the tag stopped short
            name_i, titles = strip_titles(doc, i, j)
            if j - name_i == 1 and doc[name_i].lower_ in PAGEANT_WORDS and name_i > 0:
                continue  # "Miss Universe" the pageant, or its title without a name
            if doc[i].lower_ in ("pro", "anti") and i + 1 < j and doc[i + 1].text == "-":
                continue  # "a pro-Clinton super PAC": a side taken, no one named
            while j - name_i > 1 and doc[j - 1].pos_ in ("VERB", "AUX", "ADV"):
                j -= 1  # "Clinton Defends": a headline run into the name
            if not is_name(doc, name_i, j) or (
                j - name_i == 1 and not titles and no_name(doc, i, common)
            ):
                continue
            one_word = j - name_i == 1 and not titles
            if one_word and _with_its_state(doc, j):
                continue  # "his hometown of Hope, Arkansas": a town
            owned_end = (
                _company_by_possessive(doc, name_i, name_words, aliases) if one_word else None
            )
            if owned_end is not None:  # "Salesforce's Marc Benioff", "Angie's List"
                cand = Cand(i, owned_end, doc[i:owned_end].text, None, "organisation", "name")
                cand.root_i = span_root(doc, i, owned_end)
                cands.append(cand)
                continue
            if business_name(doc, name_i, j):
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
            if j - i == 1 and _with_article(doc[i], ("a", "an")):
                continue  # "his time as a Marine": a member, no organisation's name
            if j - i == 1 and doc[i].pos_ == "ADJ" and aliases.marker_camp(doc[i].text):
                continue  # "Trump's Democratic rival": a party word on someone, no body
            if (
                doc[j - 1].text in aliases.places
                and j < len(doc)
                and doc[j].lower_ in NAME_PREFIXES
            ):
                continue  # "Controversial Maine Gov. Paul LePage": the governor's state
            cand = Cand(i, j, doc[i:j].text, None, "organisation", "name")
        else:  # an unknown place name: an actor only where it acts (metonymy)
            cand = Cand(i, j, doc[i:j].text, None, "state", "name")
            cand.place = True
        cand.root_i = span_root(doc, i, j)
        cands.append(cand)
    # A person tag on a business's name elsewhere in the article is the business ("a
    # partner with Patton Boggs" after "the law firm Patton Boggs").
    short_names = {name.split()[0]: name for name in businesses if " " in name}
    for cand in cands:
        if cand.type == "person" and not cand.from_table and cand.actor in short_names:
            # "Patriot sold …" after "Patriot Coal"
            cand.actor, cand.resolution = short_names[cand.actor], "partial-name"
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
            if _state_of_a_place(doc, cand.i):
                continue  # "Tulsa, Okla., police officer Betty Shelby": where, not who
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
        while j - i > 1 and doc[j - 1].lower_.rstrip(".") in RANK_ABBREVIATIONS:
            j -= 1  # "Army Capt. Humayun Khan": the Army, and a rank
        inside = [  # (a pattern may take the "The" the entity's name was trimmed of)
            (a, b, row)
            for a, b, row in alias_spans
            if b <= j and (i <= a or all(doc[k].pos_ == "DET" for k in range(a, i)))
        ]
        if not inside or j - i <= max(b - a for a, b, _ in inside):
            continue
        joined = {k for a, b, _ in inside for k in range(a, b)}
        joiners = [k for k in range(i, j) if k not in joined]
        if joiners and all(doc[k].lower_ in ("&", "and", ",") for k in joiners):
            continue  # "the FBI & DOJ", "Republicans & Democrats": the two, not a name
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


def _company_by_possessive(
    doc: Doc, i: int, name_words: set[str], aliases: AliasTable
) -> int | None:
    """Where a one-word person tag that nobody in the article or the tables bears is a
    company written with a possessive, the end of the company's name: "Salesforce's
    Marc Benioff" (a company's person: the tag alone), "Angie's List" (a capitalised
    noun after it, no entity of its own: the whole name); else None."""
    word = doc[i].lower_
    if word in name_words or word in aliases.surnames or aliases.actor_row(doc[i].text):
        return None
    if i + 2 >= len(doc) or doc[i + 1].text not in POSSESSIVE or doc[i].whitespace_:
        return None
    after = doc[i + 2]
    if after.ent_type_ == "PERSON" and after.ent_iob_ == "B":
        person_end = after.i + 1
        while person_end < len(doc) and doc[person_end].ent_iob_ == "I":
            person_end += 1
        return i + 1 if person_end - after.i > 1 else None
    if (
        after.is_title
        and after.pos_ in ("PROPN", "NOUN")
        and not after.ent_type_
        and not after.is_sent_start
    ):
        return i + 3
    return None


def _full_name_words(cands: list[Cand]) -> set[str]:
    """The words (lower case) of the persons the article names with more than one word."""
    return {
        word.lower()
        for c in cands
        if c.type == "person" and c.actor and " " in c.actor
        for word in c.actor.split()
    }


def _without_titled_nouns(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """The candidates less a one-word "name" with an article of its own that no person
    named in the article bears: a capitalised noun spaCy took for a person ("The career
    Marine", "the Unabomber", "a total Hoax"), not "an angry Trump" after "Donald
    Trump", nor "an emotional Mr. Obama"."""
    names = _full_name_words(cands)

    def titled_noun(cand: Cand) -> bool:
        if cand.type != "person" or cand.from_table or cand.j - cand.i != 1:
            return False
        token = doc[cand.i]
        if not _with_article(token) or (cand.i > 0 and doc[cand.i - 1].lower_ in NAME_PREFIXES):
            return False
        return token.text.lower() not in names

    return [c for c in cands if not titled_noun(c)]


def _without_modifier_names(doc: Doc, cands: list[Cand], aliases: AliasTable) -> list[Cand]:
    """The candidates less a one-word person tag that only ever modifies a noun and is
    nobody the article or the tables know: "a retired four-star Marine general", "the
    Florissant campus" (not "the Weiner laptop" after "Mr. Weiner's laptop", nor "the
    Trump administration", nor "the Jones campaign": a campaign or administration is
    its person's)."""
    name_words = _full_name_words(cands)
    uses: dict[str, list[Cand]] = {}
    for c in cands:
        if c.type == "person" and c.actor:
            uses.setdefault(c.actor, []).append(c)

    def modifier_only(name: str) -> bool:
        found = uses[name]
        return (
            " " not in name
            and name.lower() not in name_words
            and name.lower() not in aliases.surnames
            and aliases.actor_row(name) is None
            and all(
                not c.from_table
                and not c.titles
                and c.root_i is not None
                and doc[c.root_i].dep_ in ("compound", "amod", "nmod")
                and doc[c.root_i].head.pos_ == "NOUN"
                and doc[c.root_i].head.lemma_.lower() not in OWNED_BODIES
                for c in found
            )
        )

    dropped = {name for name in uses if modifier_only(name)}
    return [c for c in cands if not (c.type == "person" and c.actor in dropped)]


def _with_article(token: Token, articles: tuple[str, ...] = ("the", "a", "an")) -> bool:
    return any(c.dep_ == "det" and c.lower_ in articles for c in token.children)


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
    role ("Nadia Ferrow, director of ...", "Aitan Goelman, Strzok's attorney") or
    written after one ("Strzok attorney Aitan Goelman")."""
    if i > 0 and doc[i - 1].lower_ in HONORIFICS or doc[i].lower_ in HONORIFICS:
        return True
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].like_num:
        return True
    root = doc[span_root(doc, i, j)]
    apposed = [c for c in root.children if c.dep_ == "appos" or (c.dep_ == "compound" and c.i < i)]
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


#: Pronouns only a person is: "she" and "his" linked to an organisation tag make it one.
_PERSONAL_PRONOUNS = frozenset("he him his she her hers himself herself".split())


def _persons_by_pronoun(doc: Doc, cands: list[Cand]) -> None:
    """A name the tagger took for an organisation that a "she" or "his" refers back to
    is a person ("One Republican presidential hopeful, Carly Fiorina, says ... she
    plans to root for Iowa": the tagger reads "Carly Fiorina" as an organisation in
    most articles of PolNeAR); every mention of it in the article with it. Table and
    pack names keep their type."""
    names = {
        c.linked_to.actor
        for c in cands
        if c.resolution == "pronoun"
        and doc[c.i].lower_ in _PERSONAL_PRONOUNS
        and c.linked_to is not None
        and c.linked_to.type == "organisation"
        and not c.linked_to.from_table
        and c.linked_to.owner is None
        and len((c.linked_to.actor or "").split()) >= 2
    }
    for cand in cands:
        if cand.actor in names and cand.type == "organisation":
            cand.type = "person"


def _modifies_place(token: Token) -> bool:
    return (
        token.dep_ in ("compound", "nmod", "amod")
        and token.head.pos_ == "NOUN"
        and token.head.lemma_.lower() in PLACE_NOUNS
    )


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
        if first is not None and name not in full_named and first_name_before(doc, first, token):
            other = covered.get(first.i)
            if other is None or (
                other.j - other.i == 1 and not other.from_table and other.type != "person"
            ):
                if other is not None:
                    replaced.add(id(other))
                i, name = first.i, f"{first.text} {name}"
        extra.append(Cand(i, token.i + 1, name, None, "person", "name", root_i=token.i))
    return [c for c in cands if id(c) not in replaced] + extra


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
    return _with_its_state(doc, j)


def _state_of_a_place(doc: Doc, i: int) -> bool:
    """An abbreviated state written after a place and a comma ("Tulsa, Okla.,"): the
    place's address, which the parser may hang on the next noun as its possessor."""
    return (
        i >= 2
        and doc[i].text.endswith(".")
        and doc[i - 1].text == ","
        and doc[i - 2].ent_type_ == "GPE"
    )


def _with_its_state(doc: Doc, j: int) -> bool:
    """A name followed by a comma and a state or place ("Ferguson, Mo.", "his hometown
    of Hope, Arkansas"), not by a state's possessive ("Johnson, Texas' governor")."""
    following = doc[j : j + 3]
    return (
        len(following) >= 2
        and following[0].text == ","
        and following[1].ent_type_ == "GPE"
        and following[1].ent_iob_ == "B"
        and not (len(following) == 3 and following[2].text in POSSESSIVE)
    )
