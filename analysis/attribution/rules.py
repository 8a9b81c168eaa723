"""Cue matching by rule: a token of the lexicon with speech content; the sense guards
that rule a token out are in `guards` (see the package docstring)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from analysis.attribution.cues import _CueIndex, _lemma
from analysis.attribution.guards import (
    _aspect_only,
    _names_a_thing,
    _no_impression,
    _personal_subject,
    _quoted_as,
    _quoted_saying,
    _reports_in_complement,
    _thing_ordered,
    _went_on_a_medium,
    certain_to,
    in_markup,
    not_a_report,
    sworn_in,
)
from analysis.attribution.quotes import _Quotes
from analysis.attribution.received import received_cue
from analysis.attribution.record import _Found
from analysis.attribution.sources import (
    _experiencer,
    _source_span,
    _source_token,
    name_read_as_gerund,
    name_read_as_modal,
)
from analysis.attribution.spans import (
    _animate,
    _called_out,
    _content,
    _naming_content,
    _span_of,
    _subtree_range,
    _trim,
)
from analysis.attribution.words import (
    BELIEF_VERBS,
    CLAIM_NOUNS,
    CONTENTLESS_VERBS,
    COPULAR_CONTENT_NOUNS,
    COPULAR_CUE,
    DENIED_THINGS,
    FRAME_NOUNS,
    NEGATING_HEADS,
    NOT_COPULAR_NOUNS,
    POLL_NOUNS,
    QUOTED_CONTENT_NOUNS,
    RAISING_VERBS,
    RECEIVING_LIGHT_VERBS,
    REFUSAL_VERBS,
    SPEAKING_LIGHT_VERBS,
    STANCE_DEFAULT,
    SUBJECT_DEPS,
    TOPIC_PREPOSITIONS,
)
from analysis.lexicons import Cue

# --------------------------------------------------------------------- cue matching


def _match_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    low = tok.lower_
    if in_markup(tok):
        return None
    if low == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return _according_to(tok, index, quotes)
    if low == "in" and tok.dep_ == "prep":
        return _in_poll(tok, index, quotes)
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
        return _verb_cue(tok, index, quotes)
    if tok.pos_ == "NOUN":
        received = received_cue(tok, index, quotes)
        if received is not None:
            return received  # "drew criticism from Democrats": Democrats criticise
        if _verb_tagged_as_noun(tok) and _lemma(tok) in index.verbs:
            hit = _verb_cue(tok, index, quotes)
            if hit is not None:
                return hit
        return _noun_cue(tok, index, quotes)
    if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj"):
        return _adjective_cue(tok, index, quotes)
    return None


def _adjective_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    """An attitude stated with "be" + adjective ("she was sure Trump would win",
    "advocates are worried about the rule"): the lexicon lists these as phrases
    ("be sure"); the subject of "be" holds the attitude, the adjective's clause or
    topic is the content."""
    cue = index.phrases.get("be " + _lemma(tok))
    if cue is None:
        return None
    head = tok.head if tok.dep_ == "acomp" else tok
    if _lemma(head) not in ("be", "seem", "appear", "remain", "become", "feel", "sound"):
        if tok.dep_ == "acomp":
            return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and not any(c.dep_ == "expl" for c in head.children):
        return None
    if any(c.dep_ == "expl" for c in head.children) or (
        subject is not None and subject.lower_ in ("it", "this", "that", "there", "what")
    ):
        subject = None  # "it is clear that ...": the writer's own judgement, no source
    if quotes.containing(tok.idx) is not None or certain_to(tok):
        return None
    content = None
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > tok.i:
            content = _trim(tok.doc, child.left_edge.i, child.right_edge.i, quotes)
        elif (
            child.dep_ == "prep"
            and child.i > tok.i
            and child.lower_ in TOPIC_PREPOSITIONS | {"to", "with"}
        ):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                content = _trim(tok.doc, obj.left_edge.i, obj.right_edge.i, quotes)
        if content is not None:
            break
    if content is None and head.i != tok.i:
        # "It was clear Clinton is ...": the clause hangs on "be".
        clause = next((c for c in head.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is not None:
            content = _trim(tok.doc, clause.left_edge.i, clause.right_edge.i, quotes)
    if content is None:
        return None
    cue_tokens = [head, tok] if head.i < tok.i else [tok]
    span = _source_span(subject) if subject is not None else None
    return _Found(cue_tokens, cue, "be " + _lemma(tok), subject, span, content, [])


def _verb_tagged_as_noun(tok: Token) -> bool:
    """ "Trump claims that ...", "Trump charges that ..." tagged as a compound noun:
    a plural noun after a name, with a clause of its own."""
    if tok.tag_ != "NNS":
        return False
    clause = any(c.dep_ in ("ccomp", "acl", "relcl") and c.i > tok.i for c in tok.children)
    if clause and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children
    ):
        return True
    # "The Clinton campaign plans to employ ...": a sentence whose only verb
    # candidate is the plural noun, with a determiner phrase or name before it.
    return (
        tok.dep_ == "ROOT"
        and (clause or any(c.dep_ in ("xcomp", "ccomp") for c in tok.children))
        and any(c.dep_ in ("compound", "nsubj") and c.i < tok.i for c in tok.children)
        and not any(t.pos_ in ("VERB", "AUX") for t in tok.sent if t.i < tok.i)
    )


def _according_to(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    doc = tok.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    cue = index.phrases.get("according to", index.verbs.get("say", STANCE_DEFAULT))
    # The source phrase ends at the first comma (the parser sometimes hangs the
    # reported clause on the name: "According to X, the move reeks of fear").
    src_j = pobj.right_edge.i
    for k in range(to.i + 1, src_j + 1):
        if doc[k].text in (",", ";", ":", "—", "--"):
            src_j = k - 1
            break
    if pobj.dep_ == "pcomp" or pobj.pos_ == "VERB":
        # "according to show insiders" (a noun read as a verb): the words up to the comma.
        source_span = _span_of(list(doc[to.i + 1 : src_j + 1]))
    else:
        source_span = _source_span(pobj)
    sent = tok.sent
    start, end = _parenthesis_around(tok, sent.start, sent.end - 1)
    # Content: the rest of the sentence (or of the parenthesis it stands in: "... (the
    # actual number is closer to 15 percent, according to Factcheck.org)"), on the
    # larger side of "according to X".
    content = _larger_side(doc, (start, tok.i - 1), (src_j + 1, end), quotes)
    if content is None and (start, end) != (sent.start, sent.end - 1):
        # "The actual number (according to Factcheck.org) is ...": the sentence's.
        content = _larger_side(doc, (sent.start, tok.i - 1), (src_j + 1, sent.end - 1), quotes)
    if content is None:
        return None
    return _Found([tok, to], cue, "according to", pobj, source_span, content, [])


def _larger_side(
    doc: Doc, left: tuple[int, int], right: tuple[int, int], quotes: _Quotes
) -> tuple[int, int] | None:
    """The character span of the longer of two token ranges, trimmed."""
    side = left if (left[1] - left[0]) > (right[1] - right[0]) else right
    return _trim(doc, side[0], side[1], quotes) if side[0] <= side[1] else None


def _poll_respondents_say(tok: Token, head: Token) -> bool:
    """ "In a CNN/ORC poll released Monday, 31% of Republicans said they were ...": the
    poll reports what its respondents said (PolNeAR: "In" the cue, the poll the source,
    the whole clause the content, 5 times of 6 on train, never "said"); not "said in
    an interview" (the phrase after the verb)."""
    subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    return (
        _lemma(head) == "say"
        and subject is not None
        and tok.i < subject.left_edge.i
        and tok.right_edge.i + 1 < len(tok.doc)
        and tok.doc[tok.right_edge.i + 1].text == ","
    )


def _parenthesis_around(tok: Token, start: int, end: int) -> tuple[int, int]:
    """The token range inside the parentheses `tok` stands in, within start..end (the
    sentence); start..end itself when it stands in none."""
    doc = tok.doc
    opening = next((k for k in range(tok.i - 1, start - 1, -1) if doc[k].text in ("(", ")")), None)
    if opening is None or doc[opening].text != "(":
        return start, end
    closing = next((k for k in range(tok.i + 1, end + 1) if doc[k].text == ")"), end + 1)
    return opening + 1, closing - 1


def _in_poll(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    """ "Trump leads by 15 points in the 50-state poll", "In this poll, Trump rose ...":
    a poll or survey as the source of a finding (PolNeAR annotates "in" as the cue)."""
    doc = tok.doc
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    poll = pobj
    if pobj.lemma_ == "one":  # "in one of the first post-debate polls"
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        poll = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    # One poll, named with a determiner ("in a CBS News poll last month", "in this
    # poll"), not the polls in general ("a lead in the polls", "slid in the polls"),
    # which PolNeAR mostly leaves unannotated.
    if (
        poll is None
        or poll.lemma_ not in POLL_NOUNS
        or poll.tag_ != "NN"
        or not any(c.dep_ in ("det", "poss") for c in poll.children)
    ):
        return None
    head = tok.head
    if head is tok or head.pos_ not in ("VERB", "AUX"):
        return None  # "voters in a poll": no finding
    if _lemma(head) in index.verbs and not _poll_respondents_say(tok, head):
        return None  # "said in a poll" is the verb's
    if _lemma(head) in ("participate", "conduct", "include", "ask", "survey", "poll"):
        return None
    src_end = pobj.right_edge.i
    for c in poll.children:  # "followed in the poll by Rubio": the parser's "by" is not the poll's
        if c.dep_ == "prep" and c.lower_ in ("by", "with") and c.i > poll.i:
            src_end = min(src_end, c.i - 1)
    source_span = _trim(doc, pobj.left_edge.i, src_end, quotes)
    # The content: the finding the phrase hangs on, beside the poll's phrase.
    left, right = head.left_edge.i, head.right_edge.i
    pp_end = tok.right_edge.i
    if tok.i <= left:  # "In this poll, Trump rose ..." (the phrase opens the clause)
        left = pp_end + 1
    elif all(t.is_punct or t.is_space for t in doc[pp_end + 1 : right + 1]):
        right = tok.i - 1  # "... in the most recent Fox poll."
    content = _trim(doc, left, right, quotes) if left <= right else None
    if content is None or source_span is None:
        return None
    cue = index.phrases.get("according to", STANCE_DEFAULT)
    return _Found([tok], cue, "in", pobj, source_span, content, [])


def _copular_message(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    """ "Rubio's answer was that ...", "One view is that ...", "the message was: ...",
    "her campaign slogan is “...”": a noun of something said or thought, subject of
    "be", and what it was (a clause, a colon or a quote right after "be"). The cue is
    the noun and the verb; the source the noun's possessor, or none."""
    head = tok.head
    lemma = _lemma(tok)
    if tok.dep_ != "nsubj" or head.lemma_ != "be" or head.i < tok.i:
        return None
    if lemma in NOT_COPULAR_NOUNS or (
        lemma not in index.nouns and lemma not in COPULAR_CONTENT_NOUNS
    ):
        return None
    doc, after = tok.doc, head.idx + len(head.text)
    content, content_quotes = None, []
    quote = quotes.starting_after(after, r"\s*:?\s*")
    clause = next(
        (
            c
            for c in head.children
            if c.dep_ == "ccomp"
            and c.i > head.i
            and any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if") for m in c.children)
        ),
        None,
    )
    if quote is not None and quote.start - after <= 3 and lemma in QUOTED_CONTENT_NOUNS:
        content, content_quotes = (quote.start, quote.end), [quote]
    elif clause is not None:
        content = _trim(doc, *_subtree_range(clause), quotes)
    elif head.i + 1 < len(doc) and doc[head.i + 1].text == ":":
        end = head.sent[-1].i
        content = _trim(doc, head.i + 2, end, quotes) if head.i + 2 <= end else None
    if content is None:
        return None
    source = next((c for c in tok.children if c.dep_ == "poss"), None)
    cue = index.nouns.get(lemma) or COPULAR_CUE
    source_span = _source_span(source) if source is not None else None
    return _Found([tok, head], cue, lemma, source, source_span, content, content_quotes)


def _noun_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    lemma = _lemma(tok)
    copular = _copular_message(tok, index, quotes)
    if copular is not None:
        return copular
    cue = index.nouns.get(lemma)
    if cue is None:
        return None
    source = None
    for child in tok.children:
        if child.dep_ == "poss":
            source = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            source = next((c for c in child.children if c.dep_ == "pobj"), None) or source
        elif child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            source = source or child  # "the Kremlin statement that ..."
    # "X's claim that ...", "his promise to ...".
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and c.i > tok.i
            and any(
                (m.dep_ == "mark" and m.lower_ == "that") or (m.dep_ == "aux" and m.lower_ == "to")
                for m in c.children
            )
        ),
        None,
    )
    cue_tokens = [tok]
    if clause is None and lemma not in FRAME_NOUNS and source is None and tok.dep_ == "dobj":
        # "raised questions about ...", "faced criticism over ...".
        clause = next(
            (
                obj
                for c in tok.children
                if c.dep_ == "prep" and c.i > tok.i and c.lower_ in TOPIC_PREPOSITIONS
                for obj in c.children
                if obj.dep_ in ("pobj", "pcomp")
            ),
            None,
        )
    if clause is not None and source is None and tok.dep_ == "dobj" and lemma not in FRAME_NOUNS:
        # A noun cue as the object of a light verb: "voiced concern that ...",
        # "is raising questions about ..." (the verb's subject speaks), "has faced
        # criticism for ..." (the subject is the target; no source given).
        verb = tok.head
        if _lemma(verb) in SPEAKING_LIGHT_VERBS:
            source = _source_token(verb, quotes)
            if source is not None:
                cue_tokens = [verb, tok]
        elif _lemma(verb) in RECEIVING_LIGHT_VERBS:
            i, j = _subtree_range(clause)
            content = _trim(tok.doc, i, j, quotes)
            if content is not None:
                return _Found([verb, tok], cue, lemma, None, None, content, [])
    if source is None or clause is None:
        return None
    if source.lower_ in ("its", "their", "his", "her") and lemma in FRAME_NOUNS:
        return None
    i, j = _subtree_range(clause)
    content = _trim(tok.doc, i, j, quotes)
    if content is None:
        return None
    return _Found(cue_tokens, cue, lemma, source, _source_span(source), content, [])


def _sequence_cue(tok: Token, index: _CueIndex) -> tuple[Cue, str, Token] | None:
    """A multi-word cue written out after the verb ("made it clear", "make the
    case", "put it"), with "it" allowed inside ("made it clear" for "make clear").
    Prepositional cues are matched by the parse instead (`_verb_cue`)."""
    doc = tok.doc
    for rest, cue, text in index.sequences.get(_lemma(tok), ()):
        j = tok.i + 1
        matched = 0
        last = tok
        while matched < len(rest) and j < len(doc):
            t = doc[j]
            word = rest[matched]
            if t.is_space:
                j += 1
                continue
            if t.lower_ == word or _lemma(t) == word:
                if matched == 0 and t.pos_ == "ADP":
                    break
                matched += 1
                last = t
            elif t.lower_ == "it" and matched == 0 and "it" not in rest:
                pass
            else:
                break
            j += 1
        if matched == len(rest):
            return cue, text, last
    return None


#: Spoken fillers: "you know", "I mean", "you see" set off by punctuation.


def refuses_a_thing(tok: Token) -> bool:
    """A denial cue that refuses a thing rather than denying a claim: "rejected a
    subpoena", "dismissed the lawsuit", "the request was denied", "denied him access"
    (stance `other`, not `denial`). A clause ("denied that ..."), a pronoun ("denied
    it"), a claim ("rejected the claim", `words.CLAIM_NOUNS`) or, for "deny", anything
    but a thing granted ("denied involvement"; `words.DENIED_THINGS`) stays a denial."""
    lemma = _lemma(tok)
    if lemma not in REFUSAL_VERBS:
        return False
    children = list(tok.children)
    if any(
        c.dep_ in ("ccomp", "xcomp", "advcl") or (c.dep_ == "prep" and c.lower_ == "as")
        for c in children
    ):
        return False  # "denied that ...", "dismissed his politics as phony"
    objects = [c for c in children if c.dep_ == "dobj"] or [
        c for c in children if c.dep_ == "nsubjpass"
    ]
    if not objects:
        return False
    thing = objects[0]
    if thing.pos_ in ("PRON", "PROPN") or any(
        c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)
        for c in thing.children
    ):
        return False  # "denied it", "rejected Trump", "the notion that ..."
    noun = thing.lemma_.lower()
    if lemma == "deny":
        return noun in DENIED_THINGS
    return noun not in CLAIM_NOUNS


def _asked_before_the_answer(tok: Token, index: _CueIndex) -> int | None:
    """The comma after "When asked why" when the parser made the answer ("Sembler
    responded ...") the clause of "asked": a passive participle without auxiliary or
    subject whose clausal complement is a cue verb with its own subject after a comma."""
    if tok.tag_ != "VBN" or any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children
    ):
        return None
    for clause in tok.children:
        if clause.dep_ != "ccomp" or clause.i < tok.i or _lemma(clause) not in index.verbs:
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        commas = [k for k in range(tok.i + 1, subject.left_edge.i) if tok.doc[k].text == ","]
        if commas and commas[-1] == subject.left_edge.i - 1:
            return commas[-1]
    return None


def _clause_after(verb: Token, last: Token, quotes: _Quotes) -> tuple[int, int] | None:
    """The clause after a cue's last word, hung on the verb or on that word ("made
    clear | he still supports ...", where the parser takes "clear" for the clause)."""
    clause = next(
        (
            c
            for head in (verb, last)
            for c in head.children
            if c.dep_ in ("ccomp", "xcomp") and c.i > last.i
        ),
        None,
    )
    if clause is None:
        return None
    return _trim(verb.doc, max(clause.left_edge.i, last.i + 1), clause.right_edge.i, quotes)


#: Dependencies the parser gives the adjective of a verb-and-adjective cue ("make clear").
ADJ_PIECES = frozenset({"ccomp", "acomp", "oprd", "advmod", "dobj", "xcomp", "amod"})


def _verb_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    lemma = _lemma(tok)
    cue_tokens = [tok]
    cue = None
    cue_lemma = lemma
    # Phrasal cues first: particle ("point out") or preposition ("call for").
    for child in tok.children:
        if (
            (child.dep_ == "prt" and 0 < child.i - tok.i <= 3)
            or (child.dep_ == "advmod" and child.i == tok.i + 1)  # "fired back, saying"
            # "made clear he still supports ...": the parser takes "clear" for a clause
            or (child.pos_ == "ADJ" and child.i == tok.i + 1 and child.dep_ in ADJ_PIECES)
        ) or (
            child.dep_ == "prep"
            and (
                child.i == tok.i + 1 or (child.i == tok.i + 2 and tok.doc[tok.i + 1].pos_ == "ADV")
            )
        ):
            hit = index.phrasal.get((lemma, child.lower_))
            if hit is not None:
                cue, cue_lemma = hit, f"{lemma} {child.lower_}"
                cue_tokens = [tok, child] if child.i - tok.i <= 3 else [tok]
                break
    for_clause = None
    for_cue = index.phrasal.get((lemma, "for")) if cue is None else None
    if for_cue is not None:
        # "calling for the United States to step up ...": the parser makes "for" the
        # mark of the clause, not a preposition; the phrasal cue is "call for" still.
        for child in tok.children:
            if child.dep_ not in ("advcl", "ccomp", "xcomp") or child.i < tok.i:
                continue
            mark = next((m for m in child.children if m.dep_ == "mark"), None)
            # "called Friday for Mr. Trump to ...", "called again for President Obama to
            # resign": a time or an adverb may stand between
            after_time = mark is not None and all(
                tok.doc[k].ent_type_ in ("DATE", "TIME") or tok.doc[k].pos_ == "ADV"
                for k in range(tok.i + 1, mark.i)
            )
            if mark is not None and mark.lower_ == "for" and 0 < mark.i - tok.i <= 3 and after_time:
                cue, cue_lemma, cue_tokens, for_clause = for_cue, f"{lemma} for", [tok, mark], child
                break
    if cue is None:
        hit = _sequence_cue(tok, index)
        if hit is not None:
            cue, cue_lemma, last = hit
            cue_tokens = [tok, last]
    if cue is None:
        cue = index.verbs.get(lemma)
    if cue is None:
        return None

    children = list(tok.children)
    deps = {c.dep_ for c in children}
    passive = "auxpass" in deps or "nsubjpass" in deps
    # Sense guards.
    if lemma == "admit" and (passive or any(
        c.dep_ == "prep" and c.lower_ == "to" and not any(g.dep_ == "pcomp" for g in c.children)
        for c in children
    )):  # fmt: skip
        return None

    if _aspect_only(tok, children, index) or _no_impression(tok, children):
        return None
    if _thing_ordered(lemma, deps) or _went_on_a_medium(lemma, children):
        return None
    if sworn_in(lemma, children, deps):
        return None
    if lemma == "quote" and _quoted_saying(tok, index) is not None:
        return None  # "was quoted as saying ...": the "saying" carries the report
    quoted = _quoted_as(tok)
    if quoted is not None:
        # "Obama was quoted as saying the war was over": one cue, Obama its source.
        cue_tokens = [quoted, *cue_tokens]
        cue = index.phrases.get("quoted as saying", cue)
    source = _source_token(tok, quotes)
    subject_of_impression = source if lemma in RAISING_VERBS else None
    if lemma in RAISING_VERBS and not (
        _personal_subject(source) and _reports_in_complement(tok, index)
    ):
        # "the plan seems risky", "he seems to have other rules": the writer's
        # impression, unless someone is named as holding it ("seems to me"); but "he
        # appeared to suggest ...", "seemed to think ..." stay his.
        source = _experiencer(tok)
    if lemma in BELIEF_VERBS and source is None and not passive:  # "is expected to" stays
        return None
    # Irrealis, imperatives, "let's say" and hypothetical speech are not reports.
    head = tok.head
    if not_a_report(tok, children):
        return None
    # A belief reported inside what someone said ("said he thinks ...") is part of
    # that content, not an attribution of its own.
    if lemma in BELIEF_VERBS and tok.dep_ == "ccomp" and _lemma(head) in index.verbs:
        return None
    if len(cue_tokens) == 1 and _names_a_thing(tok):
        return None  # "a stream called Miracle Run"
    if lemma == "call" and len(cue_tokens) == 1:
        content = _naming_content(tok, quotes) or _called_out(tok, quotes)
        if content is None:
            return None
        source_span = _source_span(source) if source is not None else None
        return _Found(cue_tokens, cue, cue_lemma, source, source_span, content, [])
    answer_comma = _asked_before_the_answer(tok, index)
    if answer_comma is not None:
        # "When asked why, Sembler responded ...": the question was "why"; the answer
        # (the parser's clause of "asked") is a report of its own.
        content = _trim(tok.doc, tok.i + 1, answer_comma - 1, quotes)
        return _Found(cue_tokens, cue, cue_lemma, None, None, content, []) if content else None
    if for_clause is not None:
        content, content_quotes = (
            _trim(tok.doc, cue_tokens[1].i + 1, for_clause.right_edge.i, quotes),
            [],
        )
    else:
        content, content_quotes = _content(tok, source, cue_tokens, lemma, quotes)
    if (
        subject_of_impression is not None
        and source is None
        and content is not None
        and subject_of_impression.i < tok.i
    ):
        # "The deal seems to be collapsing": the impression is about the subject too.
        content = (subject_of_impression.left_edge.idx, content[1])
    last = cue_tokens[-1]
    if (
        content is not None
        and not content_quotes
        and len(cue_tokens) > 1
        and content[0] <= last.idx < content[1]
    ):
        # "made it clear he ...": the content starts after the cue's own words.
        rest = _trim(
            tok.doc, last.i + 1, tok.doc.char_span(*content, alignment_mode="expand")[-1].i, quotes
        )
        content = rest if rest is not None and rest[0] > last.idx else None
        if content is None:  # "made clear | he still supports ...": the next clause
            content = _clause_after(tok, last, quotes)
    if content is None and lemma in CONTENTLESS_VERBS and _animate(source):
        content = (tok.idx, tok.idx)  # marked empty; emitted with no content
    if content is None:
        return None
    source_span = None
    if source is not None and (
        (source.pos_ not in ("PROPN", "NOUN", "PRON", "NUM", "X", "ADJ", "DET")
         and not _mistagged_name(source)
         and not (source.dep_ == "nsubj" and source.lower_ in ("most", "many", "few")))
        or source.lower_ in ("there", "what")
    ):  # fmt: skip
        source = None
    if source is not None:
        # A relative pronoun ("who said", "bottles that said") is kept as written and
        # resolved through the noun it stands for.
        source_span = _source_span(source)
    if tok.dep_ == "xcomp" and _lemma(head) in NEGATING_HEADS and head.i < tok.i:
        # "refused to confirm": one negated cue written as the whole phrase.
        cue_tokens = [head, *cue_tokens]
    return _Found(cue_tokens, cue, cue_lemma, source, source_span, content, content_quotes)


def _mistagged_name(tok: Token) -> bool:
    """A name the tagger read as another word class: "Trump, however, paints ..." has
    "Trump" as an interjection; kept as a source when it is a named entity, a
    capitalised interjection as subject (not "Of" or a gerund: "Holding rates near
    zero ... supporting growth"), a capitalised subject read as a base verb ("Trump
    further summed up ..."), or a surname read as a modal or a gerund ("May said",
    "Schilling, through a spokeswoman, declined")."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if name_read_as_modal(tok) or name_read_as_gerund(tok):
        return True
    if tok.dep_ in SUBJECT_DEPS and tok.is_title and tok.tag_ in ("VB", "VBP"):
        return True  # "Trump further summed up ...": the name read as the verb "trump"
    return tok.dep_ in SUBJECT_DEPS and tok.is_title and tok.pos_ == "INTJ"
