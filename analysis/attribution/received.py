"""Judgement received: "The proposal has drawn harsh criticism from fellow GOP
hopefuls", "Rubio has won overwhelming support from members of Congress", "Kelly came
under fire from Trump".

The noun names what was said, the "from" (or "of") phrase who said it, and the subject
of the receiving verb what it was said about. Read as an ordinary verb, "drew" would
make the proposal the speaker — the wrong way round for a table of who criticises
whom. On PolNeAR train such a phrase with a giver is a gold attribution with exactly
these roles (cue "has drawn criticism", source the givers, content the receiver).
"""

from __future__ import annotations

from spacy.tokens import Token

from analysis.attribution.cues import _CueIndex, _lemma
from analysis.attribution.quotes import _Quotes
from analysis.attribution.record import _Found
from analysis.attribution.sources import _past_dateline, _source_span, _source_token
from analysis.attribution.spans import _trim
from analysis.attribution.words import RECEIVED_NOUNS, RECEIVING_VERBS, SUBJECT_DEPS


def received_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    """The attribution a received judgement noun (`RECEIVED_NOUNS`) makes, or None when
    `tok` is not such a noun, has no receiving verb above it, or names no giver."""
    lemma = _lemma(tok)
    entry = RECEIVED_NOUNS.get(lemma)
    if entry is None or quotes.containing(tok.idx) is not None:
        return None
    verb = _receiving_verb(tok)
    if verb is None:
        return None
    giver = _giver(tok, verb)
    if giver is None:
        return None
    receivers = _receivers(verb, quotes)
    if not receivers or receivers[-1].i > tok.i:
        return None
    content = _receiver_span(receivers, verb, quotes)
    if content is None:
        return None
    cue = (
        index.nouns.get(entry) or index.verbs.get(entry) or index.phrasal.get(tuple(entry.split()))  # type: ignore[arg-type]
    )
    if cue is None:
        return None
    return _Found([verb, tok], cue, lemma, giver, _source_span(giver), content, [])


def receives_judgement(verb: Token) -> bool:
    """ "the plan drew criticism": a receiving verb whose object is a received
    judgement — the subject received it and said nothing, so the verb is no cue."""
    for noun in verb.children:
        receiving = _receiving_verb(noun) if _lemma(noun) in RECEIVED_NOUNS else None
        if receiving is not None and receiving.i == verb.i:
            return True
    return False


def received_with(tok: Token) -> bool:
    """A noun coordinated with a received judgement ("drew fierce criticism and a call
    for his resignation"): received too, so its speaker is not the receiving verb's
    subject nor a name near it."""
    head = tok.head
    return (
        tok.dep_ == "conj"
        and tok.pos_ == "NOUN"
        and _lemma(head) in RECEIVED_NOUNS
        and _receiving_verb(head) is not None
    )


def _receivers(verb: Token, quotes: _Quotes) -> list[Token]:
    """The receiving verb's subject phrases, left to right — the parser sometimes splits
    one phrase into two ("President Obama's decision to jump-start | relations ...") —
    past a dateline ("INDIANAPOLIS - Ted Cruz"); a participle's or relative clause's
    receiver is the one its clause hangs on ("a plan that drew criticism")."""
    subjects = [
        s
        for c in verb.children
        if c.dep_ in SUBJECT_DEPS and c.i < verb.i
        if (s := _past_dateline(c)) is not None
    ]
    if not subjects:
        found = _source_token(verb, quotes)
        subjects = [found] if found is not None else []
    if len(subjects) == 1 and subjects[0].lower_ in ("that", "which", "who"):
        if verb.dep_ == "relcl":
            subjects = [verb.head]
    if any(s.lower_ in ("it", "there", "that", "which", "who") for s in subjects):
        return []
    return sorted(subjects, key=lambda s: s.i)


def _receiver_span(receivers: list[Token], verb: Token, quotes: _Quotes) -> tuple[int, int] | None:
    """The receiver's noun phrase as written ("President Obama's decision to jump-start
    relations with Burma in 2011"), without a relative clause or apposition set off by
    a comma ("Ted Cruz, who badly needs a win, received ...") and without the clause
    of the receiving verb itself ("a plan that drew criticism")."""
    doc = receivers[0].doc
    i, j = receivers[0].left_edge.i, receivers[-1].right_edge.i
    for receiver in receivers:
        for child in receiver.children:
            if child.i < receiver.i:
                continue
            if child.left_edge.i <= verb.i <= child.right_edge.i:
                j = min(j, child.left_edge.i - 1)
            elif child.dep_ in ("relcl", "appos", "acl") and doc[child.left_edge.i - 1].text == ",":
                j = min(j, child.left_edge.i - 2)
    return _trim(doc, i, j, quotes) if i <= j else None


def _receiving_verb(tok: Token) -> Token | None:
    """ "drew criticism", "has faced a backlash": the verb the noun is the object of;
    "came under fire": the verb of the "under" phrase."""
    head = tok.head
    if tok.dep_ == "dobj" and _lemma(head) in RECEIVING_VERBS:
        return head
    if tok.dep_ == "pobj" and head.lower_ == "under" and _lemma(head.head) == "come":
        return head.head
    return None


def _giver(tok: Token, verb: Token) -> Token | None:
    """Who gave the judgement: the object of "from" on the noun or the verb ("drew
    criticism from Berlin"), or of "of" on the noun ("drew the ire of lawmakers")."""
    for owner, words in ((tok, ("from", "of")), (verb, ("from",))):
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in words and prep.i > tok.i:
                giver = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if giver is not None and giver.ent_type_ not in ("DATE", "TIME"):
                    return giver
    return None
