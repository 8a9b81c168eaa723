"""About whom: the noun phrase a loaded term describes, where the parse tells.

A term is linked to the phrase it modifies ("the *alleged* attack"), the subject it is
predicated of ("X is a *puppet*"), the object it is predicated of ("called her actions
*careless*"), the head of an apposition ("the channel, a Kremlin
*mouthpiece*"), the object of a verb ("critics *slammed* the senator", "an attempt to
*kill* X"; never a time or number: "*claimed* Wednesday"), the speaker of a distancing
cue ("he *claimed*"), or the subject of the clause a hedge or adverb qualifies. The
actor layer then says which actor that phrase names (`corpus.record_tables`).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from analysis.lexicons import reporting_cues
from analysis.loaded.syntax import MODIFIER_DEPS, next_word


def about_span(span: Span) -> tuple[int, int] | None:
    """Character offsets of the noun phrase a term is about, where the parse tells:
    the noun a modifier modifies ("the *alleged* attack" → "the alleged attack"), the
    subject of a predicate ("X is a *puppet*" → X), the head of an apposition ("the
    channel, a Kremlin *mouthpiece*" → "the channel"), a label noun's own phrase ("its
    Western *sponsors*"), or the subject of the clause a hedge or adverb qualifies."""
    head = span.root
    target: Token | None = None
    following = next_word(span.doc, span.end)
    if head.pos_ in ("ADV", "ADP") and following is not None and following.like_num:
        # an approximator: "about 80,000 homes" is about the homes
        number = following
        target = number.head if number.head.pos_ in ("NOUN", "PROPN") else None
    elif head.pos_ == "PROPN":
        target = head  # a name chosen by the writer ("Kiev"): the name itself
    elif head.dep_ in MODIFIER_DEPS and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        target = head.head
    elif head.dep_ == "oprd":
        target = _described_object(head.head)
    elif head.dep_ in ("attr", "acomp"):
        target = _subject(head.head)
    elif head.dep_ == "appos":
        target = head.head
    elif head.pos_ in ("NOUN", "PROPN"):
        target = head
    elif head.pos_ in ("ADV", "AUX", "PART"):
        target = _subject(head.head)
    elif head.pos_ == "VERB":
        agents = [g for c in head.children if c.dep_ == "agent" for g in c.children]
        doer = agents[0] if agents else _subject(head)  # "the story peddled by X": X
        if _about_the_doer(head.lemma_.lower()):
            target = doer or _verb_object(head)  # "He claimed", "Russia dismissed ..."
        else:
            target = _verb_object(head) or doer  # "slammed X", "an attempt to kill X"
    elif head.pos_ == "ADJ" and head.head.pos_ in ("NOUN", "PROPN"):
        target = head.head
    if target is None:
        return None
    return _phrase(target)


_OBJECT_PREPOSITIONS = frozenset({"at", "on", "against", "into"})  # "lashed out at X"


@functools.cache
def _about_the_doer(lemma: str) -> bool:
    """A distancing reporting cue ("claimed", "alleged") puts its speaker's word in
    doubt, so the term is about the speaker ("Its foreign minister claimed the drones
    ...", not the drones); other verbs are about what they act on ("critics slammed
    the senator", "an attempt to kill X")."""
    cue = reporting_cues().get((lemma, "verb"))
    return cue is not None and cue.stance == "distancing"


def _verb_object(verb: Token) -> Token | None:
    """The person or thing an emotive verb acts on: its direct object ("critics
    slammed the senator"), or the object of "at/on/against" ("lashed out at the
    senator", "cracked down on protesters")."""
    for child in verb.children:
        if child.dep_ == "dobj" and not _when_or_how_much(child):
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _OBJECT_PREPOSITIONS:
            objects = [g for g in child.children if g.dep_ == "pobj" and not _when_or_how_much(g)]
            if objects:
                return objects[0]
    particles = [c for c in verb.children if c.dep_ == "prt"]  # "lash out at"
    for particle in particles:
        for child in particle.children:
            if child.dep_ == "prep" and child.lower_ in _OBJECT_PREPOSITIONS:
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _described_object(verb: Token) -> Token | None:
    """What an object predicate describes: the verb's object ("Comey called her actions
    extremely *careless*": her actions, not Comey), the noun a relative clause
    modifies ("a fight he called a *war* of choice": the fight), else the subject ("she
    was called *careless*")."""
    for child in verb.children:
        if child.dep_ == "dobj" and not _when_or_how_much(child):
            return child
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return _subject(verb)


def _when_or_how_much(token: Token) -> bool:
    """A time or a number the parser took for an object ("claimed Wednesday", "lied
    many times", "knocked two")."""
    return token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL") or token.like_num


def _subject(verb: Token) -> Token | None:
    for _ in range(4):  # climb through auxiliaries and xcomp chains
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "the channel, which allegedly lied"
        if verb.dep_ in ("xcomp", "aux", "auxpass", "conj", "advcl") and verb.head is not verb:
            verb = verb.head
        else:
            break
    return None


def _phrase(token: Token) -> tuple[int, int]:
    """The noun chunk `token` heads (for a possessor or compound inside a chunk, the
    words up to it), else the token; quote marks and punctuation at
    its edges left out."""
    doc = token.doc
    start, end = token.i, token.i + 1
    for chunk in _chunks(doc):
        if chunk.start <= token.i < chunk.end:
            if chunk.root == token:
                start, end = chunk.start, chunk.end
            else:  # a possessor or compound inside a larger phrase: "the regime('s minister)"
                start = max(chunk.start, token.left_edge.i)
            break
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if sum(1 for t in doc[start:end] if t.is_quote) % 2:  # keep quote marks paired
        if end < len(doc) and doc[end].is_quote:
            end += 1  # 'the “reforms”'
        elif start > 0 and doc[start - 1].is_quote:
            start -= 1  # '“magic” weight loss pills'
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


@functools.lru_cache(maxsize=4)  # computed once per document, not once per term
def _chunks(doc: Doc) -> tuple[Span, ...]:
    try:
        return tuple(doc.noun_chunks)
    except ValueError:  # no parser
        return ()
