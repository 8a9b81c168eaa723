"""Pronouns and role nouns ("He added", "the spokesman", "its") resolved to the named
mentions through the shared resolver `analysis.resolve`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from analysis import resolve as _resolver  # the resolver shared with attribution
from analysis.actors.base import (
    FEMALE_KIN,
    FEMALE_TITLES,
    MALE_KIN,
    MALE_TITLES,
    PERSON_PRONOUNS,
    Cand,
    end_char,
)
from analysis.actors.camps import title_nouns
from analysis.actors.identity import name_gender


def _referent_kind(cand: Cand) -> str:
    return {"person": "person", "organisation": "organisation", "group": "group"}.get(
        cand.type, "place"
    )


def reference_candidates(
    doc: Doc, cands: list[Cand], speaker_spans: Iterable[tuple[int, int]]
) -> list[Cand]:
    """Pronouns and role-noun phrases resolved to the named mentions."""
    # The resolver's own view of the entities gives each person's gender and the role
    # nouns written next to the name; the candidates are the corrected mentions.
    roles: dict[str, set[str]] = defaultdict(set)
    bounds = [(doc[cand.i].idx, end_char(doc, cand), cand) for cand in cands]  # once each
    for ref in _resolver.referents(doc):
        for start, end, cand in bounds:
            if start <= ref.start < end:
                roles[cand.actor].update(ref.roles)
    for cand in cands:
        roles[cand.actor].update(cand.titles)
        roles[cand.actor].update(title_nouns(doc, cand))
    genders = _genders(doc, cands)
    by_referent: dict[tuple[int, int], Cand] = {}
    referents = []
    for cand in sorted(cands, key=lambda c: c.i):
        if not cand.actor:
            continue
        ref = _resolver.Referent(
            text=cand.actor,
            start=doc[cand.i].idx,
            end=end_char(doc, cand),
            kind=_referent_kind(cand),
            gender=genders.get(cand.actor) if cand.type == "person" else None,
            roles=frozenset(roles.get(cand.actor, ())),
        )
        referents.append(ref)
        by_referent[(ref.start, ref.end)] = cand
    speakers = sorted(speaker_spans)
    speaker_set = set(speakers)
    covered = {k for c in cands for k in range(c.i, c.j)}
    out: list[Cand] = []

    # Whether each referent lies inside a speaker span, decided once per referent (the
    # spans do not change) instead of for every pronoun: index-aligned with `referents`.
    spoken = [_inside_any(r, speakers) for r in referents]

    def recent(before: int):
        return [
            r
            for r, inside in zip(referents, spoken, strict=True)
            if inside and r.start < before and r.kind == "person"
        ]

    def add(target: Cand, i: int, j: int, how: str) -> None:
        """Record the mention, and make it a candidate for what follows ("the
        commission said its team": "its" is the commission's)."""
        out.append(_copy_as(target, i, j, how))
        ref = _resolver.Referent(
            text=target.actor,
            start=doc[i].idx,
            end=doc[j - 1].idx + len(doc[j - 1].text),
            kind=_referent_kind(target),
            gender=genders.get(target.actor) if target.type == "person" else None,
            roles=frozenset(roles.get(target.actor, ())),
        )
        referents.append(ref)
        spoken.append(_inside_any(ref, speakers))
        by_referent[(ref.start, ref.end)] = target

    for token in doc:
        if token.i in covered:
            continue
        low = token.lower_
        is_speaker = (token.idx, token.idx + len(token.text)) in speaker_set
        if (low in PERSON_PRONOUNS or (low == "it" and is_speaker)) and token.pos_ == "PRON":
            if inside_quote(doc, token.i):
                continue
            target = _previous_subject(doc, token, cands) if low == "they" else None
            if target is not None:
                add(target, token.i, token.i + 1, "pronoun")
                continue
            res = _resolver.resolve(
                doc, token.idx, token.idx + len(token.text), referents, recent(token.idx)
            )
            if res.referent is None:
                continue
            target = by_referent.get((res.referent.start, res.referent.end))
            if target is None:
                continue
            if low in ("they", "their") and target.type not in ("group", "organisation"):
                continue  # a plural "they" is rarely one state or person
            if low in ("they", "their") and _coordinated(doc, res.referent):
                continue  # "Fiorina and Carson ... They": both, not the first
            add(target, token.i, token.i + 1, "pronoun")
        elif _is_common_noun(token) and token.dep_ not in ("compound", "amod"):
            left = token.left_edge.i
            if doc[left].lower_ != "the" or token.i - left > (5 if _is_age(doc, token) else 3):
                continue
            if doc[left].head.i != token.i or token.dep_ == "appos":
                continue  # "the commission's spokesman"; "Ulvane Hydro, the company"
            if any(k in covered for k in range(left, token.i + 1)):
                continue
            start, end = doc[left].idx, token.idx + len(token.text)
            target = _repeated_name(doc, cands, token)
            if target is None:
                res = _resolver.resolve(doc, start, end, referents, recent(start))
                if res.how == "nominal" and res.referent is not None:
                    target = by_referent.get((res.referent.start, res.referent.end))
                elif _is_age(doc, token):  # "the 54-year-old": the person just named
                    target = _last_person(cands, left)
            if target is not None:
                add(target, left, token.i + 1, "nominal")
    return out


def _previous_subject(doc: Doc, token: Token, cands: list[Cand]) -> Cand | None:
    """ "Republican senators rose to voice concerns about federal workers. They swore
    ...": a "They" opening a sentence as its subject continues the subject of the
    sentence before (a group or organisation written there, outside quotes: "GOP
    representatives", "members of the Republicans"), not the nearest plural named."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    sent = token.sent
    if any(not (t.is_punct or t.is_space) for t in doc[sent.start : token.i]):
        return None
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == before.root.i]
    if len(subjects) != 1 or inside_quote(doc, subjects[0].i):
        return None
    subject = subjects[0]
    if any(c.dep_ == "cc" for c in subject.children):
        return None  # "DeFazio, McDermott and Inslee": all of them, no one actor
    heads = {subject.i}
    heads.update(c.i for c in subject.children if c.dep_ in ("compound", "amod", "nmod"))
    for prep in subject.children:  # "members of the Republicans"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            heads.update(c.i for c in prep.children if c.dep_ == "pobj")
    found = [
        c
        for c in cands
        if c.actor and c.type in ("group", "organisation") and any(c.i <= k < c.j for k in heads)
    ]
    own = [c for c in found if c.i <= subject.i < c.j]  # the subject's own phrase first
    if own:
        return own[0]
    return found[0] if len(found) == 1 else None


def _coordinated(doc: Doc, ref: _resolver.Referent) -> bool:
    """Whether the referent's mention is one of a coordination ("Fiorina and Carson"):
    a plural pronoun after it means them all, which no one actor stands for."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "conj" or any(child.dep_ == "conj" for child in root.children)


def _inside_any(ref: _resolver.Referent, spans: list[tuple[int, int]]) -> bool:
    """Whether the referent lies within one of the (start, end) spans."""
    return any(s <= ref.start and ref.end <= e for s, e in spans)


def _is_common_noun(token: Token) -> bool:
    """A singular common noun, or the head of "the 54-year-old"."""
    if token.tag_ == "NN" or (token.tag_ == "NNP" and token.text.islower()):
        return True
    return _is_age(token.doc, token)


def _is_age(doc: Doc, token: Token) -> bool:
    """ "54-year-old" (tokens 54 - year - old) or "54 year old"."""
    if token.lower_ != "old" or token.i < 2:
        return False
    before = [t for t in doc[max(token.i - 4, 0) : token.i] if t.text != "-"]
    return len(before) >= 2 and before[-1].lower_ == "year" and before[-2].like_num


def _last_person(cands: list[Cand], before: int) -> Cand | None:
    persons = [c for c in cands if c.type == "person" and c.actor and c.i < before]
    return max(persons, key=lambda c: c.i) if persons else None


def _genders(doc: Doc, cands: list[Cand]) -> dict[str, str]:
    """Each person's gender as the text gives it: an honorific (Mr, Ms) or a kin noun
    ("his daughter Mary Cheney") at any mention, else the first he/him/his/she/her
    after the mention (outside quotes), before the next person is named (the
    corrected mentions, not spaCy's raw tags, bound it), unless the given name says
    otherwise (US Congress data): "Dick Cheney's two daughters ... her older sibling"
    does not make Dick Cheney a woman. A person the text gives no gender keeps none
    (the resolver then weighs who spoke last)."""
    persons = sorted((c for c in cands if c.type == "person" and c.actor), key=lambda c: c.i)
    genders: dict[str, str] = {}
    for cand in persons:
        words = {doc[k].lower_ for k in range(max(cand.i - 1, 0), cand.j)} | cand.titles
        if words & (MALE_TITLES | MALE_KIN):
            genders[cand.actor] = "male"
        elif words & (FEMALE_TITLES | FEMALE_KIN):
            genders[cand.actor] = "female"
    for n, cand in enumerate(persons):
        if cand.actor in genders:
            continue
        stop = persons[n + 1].i if n + 1 < len(persons) else len(doc)
        for token in doc[cand.j : stop]:
            low = token.lower_
            if low in ("he", "him", "his", "she", "her") and not inside_quote(doc, token.i):
                genders[cand.actor] = "male" if low in ("he", "him", "his") else "female"
                given = name_gender(cand.actor)
                if given and given != genders[cand.actor]:
                    genders[cand.actor] = given  # the pronoun was someone else's
                break
    return genders


def _copy_as(target: Cand, i: int, j: int, how: str) -> Cand:
    cand = Cand(i, j, target.actor, target.camp, target.type, how, target.from_table, root_i=j - 1)
    cand.linked_to = target
    return cand


def _repeated_name(doc: Doc, cands: list[Cand], token: Token) -> Cand | None:
    """ "the union", "the commission", "the regime" after "Ulvane Valley Energy Workers'
    Union", "International Commission for Shared Waters", "the Tessary regime"; "the
    company" after "Ulvane Hydro, the jointly owned company": the nearest earlier
    organisation (or state named by a government noun) with that noun in its name or
    apposed to it; failing that, the first such one named later in the article."""
    lemma = token.lemma_.lower()
    earlier, later = None, None
    for cand in sorted(cands, key=lambda c: c.i):
        if cand.type not in ("organisation", "state") or not cand.actor:
            continue
        if cand.linked_to is not None or cand.i <= token.i < cand.j:
            continue
        if cand.type == "organisation":
            words = {w.lower().strip("'’") for w in cand.actor.split()}
        else:  # "the Tessary regime" as written
            words = {doc[cand.root_i].lemma_.lower()} if cand.j - cand.i > 1 else set()
        root = doc[cand.root_i]
        words |= {c.lemma_.lower() for c in root.children if c.dep_ == "appos"}
        if root.dep_ == "appos":
            words.add(root.head.lemma_.lower())
        if lemma in words and not (root.head.i == token.i or token.head.i == root.i):
            if cand.i < token.i:
                earlier = cand
            elif later is None:
                later = cand
    return earlier or later


def inside_quote(doc: Doc, i: int) -> bool:
    """Whether token i stands inside quotation marks in its paragraph (a pronoun in a
    quote is the quoted speaker's, which this layer does not resolve)."""
    opened = False
    text = _resolver.doc_text(doc)
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
