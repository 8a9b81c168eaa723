"""Which clause a cue reports, and where the speaker's own doings take over: the
complement that holds what was said (`_clause`), the cue's own clause (`_clause_edges`),
and the verbs that go on from the speaker rather than from what was said. The content
rules in `analysis.attribution.spans` build spans from these; the source stage shares
`_goes_on_from`."""

from __future__ import annotations

from spacy.tokens import Token

from analysis.attribution.cues import _cue_index, _lemma
from analysis.attribution.words import ADDRESSEE_VERBS, FRAME_NOUNS, TIME_CONJUNCTIONS


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _is_quote_mark(tok: Token) -> bool:
    return tok.text in ("“", "”", '"', "''", "``", "‘", "’", "'", "«", "»")


def _clause_edges(tok: Token, source: Token | None) -> tuple[int, int]:
    """Start and end offsets of the cue's own clause: subject, auxiliaries, adverbs,
    the verb, a short time adjunct ("he said on Wednesday")."""
    doc = tok.doc
    first, last = tok.i, tok.i
    if source is not None:
        first, last = min(first, source.left_edge.i), max(last, source.right_edge.i)
    for child in tok.children:
        if (
            child.dep_ in ("aux", "auxpass", "neg", "advmod", "npadvmod")
            and abs(child.i - tok.i) <= 3
        ):
            first, last = min(first, child.left_edge.i), max(last, child.right_edge.i)
        if (
            child.dep_ in ("prep", "dobj", "dative", "npadvmod")
            and child.i > tok.i
            and not any(g.dep_ in ("ccomp",) for g in child.subtree)
            and child.right_edge.i - tok.i <= 8
        ):
            last = max(last, child.right_edge.i)
    while first > 0 and doc[first - 1].is_space:
        first -= 1
    return doc[first].idx, _end(doc[last])


def _clause(tok: Token, source: Token | None) -> Token | None:
    """The clausal or infinitival complement that holds what was said."""
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ in ("ccomp", "acl", "relcl") and child.i > tok.i:
                return child
    for dep in ("ccomp", "xcomp", "parataxis"):
        for child in tok.children:
            if child.dep_ == dep and child is not source:
                if dep == "parataxis" and child.i > tok.i:
                    continue
                if _across_semicolon(child, tok, source):
                    continue
                if child.i < tok.i and child.left_edge.lower_ in TIME_CONJUNCTIONS:
                    continue  # "When told Perez was in the Cabinet, Bush thought ...": when
                return child
    # "said after the convention he would not accept ...": the parser's advcl with no
    # conjunction; "Language unclear on ..., experts say": a fronted fragment.
    for child in tok.children:
        if (
            child.dep_ == "advcl"
            and child.i > tok.i
            and child.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            and not any(
                c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB" and c.i < child.i)
                for c in child.children
            )
        ):
            return child
        if (
            child.dep_ == "dep"
            and child.i < tok.i
            and child.pos_ in ("NOUN", "PROPN", "VERB")
            and not _across_semicolon(child, tok, source)
        ):
            return child
    # "said in a statement that ...", "underlined in a Thursday statement that ..."
    for child in tok.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in FRAME_NOUNS:
                    for grand in pobj.children:
                        if grand.dep_ in ("acl", "ccomp", "relcl") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in grand.children
                        ):
                            return grand
    # "told reporters that ..." parsed with the clause under the object.
    for child in tok.children:
        if child.dep_ in ("dobj", "dative") and _lemma(tok) in ADDRESSEE_VERBS:
            for grand in child.children:
                if grand.dep_ in ("ccomp", "relcl", "acl") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in grand.children
                ):
                    return grand
    # "the fire ..., he said" attached as the verb's head ("said" as parataxis/advcl).
    if (
        tok.dep_ in ("parataxis", "ccomp")
        and tok.head.i < tok.i
        and tok.head.pos_ in ("VERB", "AUX")
    ):
        return None
    return None


FINITE_TAGS = ("VBD", "VBZ", "VBP")


def _finite_tag(verb: Token) -> str:
    """The tense a verb shows: its first auxiliary's tag, else its own."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return aux[0].tag_ if aux else verb.tag_


def _goes_on_from(verb: Token) -> Token | None:
    """The verb whose subject's doings the conjunct `verb` goes on with, where the
    parser hangs it inside that verb's content: a conjunct without a subject whose
    first conjunct cannot share its tense, and the nearest verb above in that tense
    ("Trump said he would order a review and warned against hackers": "warned" goes on
    from "said", not from "would order"; "called on allies to attack the oil ... and
    proposed a safe zone"). None for any other verb."""
    if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX"):
        return None
    tense = _finite_tag(verb)
    if tense not in FINITE_TAGS or _finite_tag(verb.head) in FINITE_TAGS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    if any(c.dep_ == "auxpass" for c in verb.head.children) and not any(
        c.dep_ in ("dobj", "xcomp", "ccomp") for c in verb.children
    ):
        return None  # "should be suspended for 60 days and demoted": a participle read as past
    for above in verb.head.ancestors:
        if above.pos_ in ("VERB", "AUX") and _finite_tag(above) in FINITE_TAGS:
            return above if _finite_tag(above) == tense else None
    return None


def _report_of_its_own(verb: Token) -> bool:
    """A coordinated clause with its own subject and reporting verb, set off by a comma
    or dash, that the parser hangs inside a content: "said the real extremist is
    Clinton, and he railed against the moderators", "said he had been led astray — and
    he singled out Bennett". A new report, not more of what was said ("said that ...
    and that he believes ..." stays)."""
    if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    index = _cue_index(None)
    children = list(verb.children)
    lemma = _lemma(verb)
    if lemma not in index.verbs and not any((lemma, c.lower_) in index.phrasal for c in children):
        return False
    subject = next((c for c in children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.lower_ in ("it", "there", "this", "that", "which"):
        return False
    if any(c.dep_ == "mark" for c in children):
        return False
    doc = verb.doc
    cc = next((c for c in verb.head.children if c.dep_ == "cc" and c.i < subject.left_edge.i), None)
    if cc is None:
        return False
    before = doc[cc.i - 1] if cc.i > 0 else None
    return cc.lower_ == "but" or (before is not None and before.text in (",", "—", "–", "--", ";"))


def _before_the_speakers_next_verb(tok: Token, i: int, j: int) -> int:
    """The end of a content after the cue `tok` (tokens i..j), cut before a verb that
    goes on with the speaker's own doings (`_goes_on_from`): "refused to speak to
    reporters ... | and watched", "says he'd sit Putin down and tell him ... | and
    tells the crowd". PolNeAR annotates such a verb apart."""
    doc = tok.doc
    for k in range(i + 1, j + 1):
        verb = doc[k]
        if i <= verb.head.i < k and _report_of_its_own(verb):
            above = tok
        else:
            above = _goes_on_from(verb) if i <= verb.head.i < k else None
        if above is not None and above.i == tok.i:
            cut = verb.left_edge.i - 1
            while cut > i and (doc[cut].dep_ == "cc" or doc[cut].is_punct or doc[cut].is_space):
                cut -= 1
            return cut
    return j


def _across_semicolon(clause: Token, tok: Token, source: Token | None) -> bool:
    """A clause before the cue, cut from the cue's own clause (its source, or the cue)
    by a semicolon or colon: no one's content (not once in PolNeAR train does a content
    before its cue cross one) but a report of its own or the writer's — "... were
    worried about the economy; most said they were" (the parser hangs both clauses on
    "said"), "47% say the troops should go; 37% disagree" (it hangs the first report on
    "disagree", whose content would swallow it)."""
    if clause.i > tok.i or _is_quote_mark(clause.left_edge):
        return False  # a quote's own punctuation ('“I am proud ...: putting ..., he wrote')
    stop = source.left_edge.i if source is not None and source.i < tok.i else tok.i
    return any(t.text in (";", ":") for t in tok.doc[clause.i + 1 : stop])
