"""Cue matching by rule: a token of the lexicon with speech content, with its
sense guards (see the package docstring)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from analysis.attribution.cues import _CueIndex, _lemma
from analysis.attribution.quotes import _Quotes
from analysis.attribution.received import received_cue, received_with
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
    _content,
    _naming_content,
    _span_of,
    _subtree_range,
    _trim,
)
from analysis.attribution.words import (
    ANIMATE_PRONOUNS,
    ASPECT_VERBS,
    BELIEF_VERBS,
    CLAIM_NOUNS,
    CLAUSE_ONLY,
    CONTENTLESS_VERBS,
    COPULAR_CONTENT_NOUNS,
    COPULAR_CUE,
    DENIED_THINGS,
    FINDING_OBJECTS,
    FINDING_SOURCES,
    FRAME_NOUNS,
    HYPOTHETICAL,
    INSTRUMENT_NOUNS,
    NEGATING_HEADS,
    NOT_COPULAR_NOUNS,
    POLL_NOUNS,
    PURPOSE_VERBS,
    QUOTED_CONTENT_NOUNS,
    RAISING_VERBS,
    REALISING_HEADS,
    RECEIVED_NOUNS,
    RECEIVING_LIGHT_VERBS,
    RECEIVING_VERBS,
    REFUSAL_VERBS,
    SPEAKER_NOUNS,
    SPEAKING_LIGHT_VERBS,
    STANCE_DEFAULT,
    SUBJECT_DEPS,
    TOPIC_PREPOSITIONS,
)
from analysis.lexicons import Cue

# --------------------------------------------------------------------- cue matching


def in_markup(tok: Token) -> bool:
    """The name of a markup tag left in the text ("<tweet author=...>"): no cue."""
    doc = tok.doc
    return tok.i > 0 and doc[tok.i - 1].text in ("<", "</") and not doc[tok.i - 1].whitespace_


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
    if quotes.containing(tok.idx) is not None:
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
    if head is tok or _lemma(head) in index.verbs or head.pos_ not in ("VERB", "AUX"):
        return None  # "said in a poll" is the verb's; "voters in a poll" no finding
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
_FILLERS = frozenset({("you", "know"), ("i", "mean"), ("you", "see")})
_FILLER_MARKS = frozenset({",", "—", "--", "–", "…", "...", ".", "?", "!", "“", '"', "‘"})


def _filler(tok: Token) -> bool:
    """ "you know" / "I mean" / "you see" between commas or dashes, as in a transcript:
    talk, not a report ("you know that ..." and "as many of you know" stay)."""
    doc = tok.doc
    if tok.i == 0 or (doc[tok.i - 1].lower_, tok.lower_) not in _FILLERS:
        return False
    before = doc[tok.i - 2].text if tok.i >= 2 else "“"
    after = doc[tok.i + 1].text if tok.i + 1 < len(doc) else "."
    return before in _FILLER_MARKS and after in _FILLER_MARKS


def _instrument_purpose(tok: Token, children: Sequence[Token]) -> bool:
    """ "The law aims to protect", "the bill seeks to step up", "a measure aimed at":
    the purpose of a law, bill or other instrument (`words.INSTRUMENT_NOUNS`) that no
    one is named as owning ("Mrs. Clinton's plan is intended to ..." stays hers)."""
    if _lemma(tok) not in PURPOSE_VERBS:
        return False
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ == "acl":  # "a measure aimed at ..."
        subjects.append(tok.head)
    if tok.dep_ == "relcl" and any(s.lower_ in ("which", "that") for s in subjects):
        subjects.append(tok.head)  # "the device, which is intended to ..."
    return any(
        s.lemma_.lower() in INSTRUMENT_NOUNS and not any(c.dep_ == "poss" for c in s.children)
        for s in subjects
    )  # "Mrs. Clinton's plan is intended to ...": hers, and stays


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


def not_a_report(tok: Token, children: Sequence[Token]) -> bool:
    """The guards shared by the rules and the model's cues: irrealis ("refused to
    pledge" is negated speech, "obligates countries to offer" no speech at all), "people
    briefed on the talks" (the briefed, not a report), "find" of a thing, an imperative
    addressing the reader ("Don't blame Bush"), "let's say", "without saying", and
    hypothetical speech ("would see", "may highlight"; "could not explain" reports a
    failure to speak, and stays)."""
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "without":
        return True  # "without offering evidence": what was not said (gold 4 in 14, train)
    if (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        and _lemma(head) not in NEGATING_HEADS
        and not _realised(tok)
    ):
        return True
    if _filler(tok):
        return True  # "the requests, you know, were handled": a filler, no report
    if _instrument_purpose(tok, children):
        return True  # "The law aims to protect ...": what it is for, no one's attitude
    if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") and _lemma(tok) in ("brief", "inform"):
        return True  # "people briefed on the talks said": the briefed, not a report
    if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBD"):
        return True  # "pledged delegates", "the announced plan": a modifier, no report
    if _lemma(tok) == "find" and _found_thing(tok, children):
        return True
    if (
        tok.tag_ == "VB"
        and tok.dep_ == "ROOT"
        and not any(c.dep_ in SUBJECT_DEPS for c in children)
    ):
        return True
    if _lemma(head) == "let" and head.i < tok.i:
        return True
    negated_ability = any(c.dep_ == "neg" for c in children) and any(
        c.dep_ == "aux" and c.lower_ in ("could", "can", "ca") for c in children
    )
    return (
        any(
            c.dep_ == "aux" and c.lower_ in HYPOTHETICAL and not name_read_as_modal(c)
            for c in children
        )
        and not negated_ability
    )


def _realised(tok: Token) -> bool:
    """An infinitive that reports what was said, not what was wanted or planned: "went
    on to say", "continues to insist", "led her to declare", "took to Twitter to
    slam" (`REALISING_HEADS`; "wants to talk", "plans to support" stay guarded)."""
    head = tok.head
    if tok.dep_ not in ("xcomp", "advcl") or head.i > tok.i:
        return False
    lemma = _lemma(head)
    if lemma in REALISING_HEADS:
        return tok.dep_ == "xcomp" or lemma != "continue"
    particles = {c.lower_ for c in head.children if c.dep_ in ("prt", "prep", "advmod")}
    return (lemma == "go" and "on" in particles) or (lemma == "take" and "to" in particles)


def _said_by_its_participle(tok: Token, children: Sequence[Token], index: _CueIndex) -> bool:
    """ "Sanders fired back, saying Clinton was wrong": a phrasal cue with no content
    of its own (nothing it is against, at or about) whose participle says it — one
    report, the participle's row; not "fired" with "back" as what was said."""
    phrasal = any(
        c.dep_ in ("advmod", "prt")
        and c.i == tok.i + 1
        and (_lemma(tok), c.lower_) in index.phrasal
        for c in children
    )
    about = any(
        c.dep_ in ("dobj", "ccomp")
        or (c.dep_ == "prep" and c.lower_ in ("against", "at", "over", "about", "to"))
        for c in [*children, *(g for c in children if c.i == tok.i + 1 for g in c.children)]
    )  # "pushed back against Mr. Sanders's attack, calling it ...": a content of its own
    return (
        phrasal
        and not about
        and any(
            c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > tok.i and _lemma(c) in index.verbs
            for c in children
        )
    )


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


def _quoted_as(tok: Token) -> Token | None:
    """The passive "quoted" of "was quoted as saying ...", when `tok` is its "saying"."""
    head = tok.head
    if tok.dep_ != "pcomp" or head.lower_ != "as" or head.dep_ != "prep":
        return None
    quoted = head.head
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in quoted.children)
    return quoted if _lemma(quoted) == "quote" and passive else None


def _quoted_saying(tok: Token, index: _CueIndex) -> Token | None:
    """The "saying" (or "writing", "telling") of a passive "quoted as ...", when `tok`
    is the "quoted"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for verb in prep.children:
                if verb.dep_ == "pcomp" and _lemma(verb) in index.verbs and _quoted_as(verb):
                    return verb
    return None


def _went_on_a_medium(lemma: str, children: Sequence[Token]) -> bool:
    """ "went on Twitter to applaud ...", "went on CNN": "on" with an object is where
    the speaking happened, not the phrasal "go on" (speaking further); the infinitive
    after it, if any, is the cue (`_realised`)."""
    return lemma == "go" and any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.dep_ == "pobj" for g in c.children)
        for c in children
    )


def _personal_subject(source: Token | None) -> bool:
    """A person or a personal pronoun ("he", "they", "I"): narrower than
    `spans._animate`, which also takes organisations and speaker nouns."""
    return source is not None and (
        source.lower_ in ANIMATE_PRONOUNS | {"i"} or source.ent_type_ == "PERSON"
    )


def _reports_in_complement(tok: Token, index: _CueIndex) -> bool:
    """ "appeared to suggest", "seems to believe": the raising verb's complement is a
    cue verb of its own."""
    return any(c.dep_ == "xcomp" and _lemma(c) in index.verbs for c in tok.children)


def _no_impression(tok: Token, children: Sequence[Token]) -> bool:
    """ "appeared on CBS", "names appeared on the packages": "seem" or "appear" with
    nothing it seems to be (no infinitive, adjective, clause, "like" or "as if") is
    being seen, not an impression ("look" stays: "looking for", "looked at"). A
    participle is what was seen, not what seems: "a video appeared on social media
    showing the moment", "he appeared in a video announcing victory"."""
    return _lemma(tok) in ("seem", "appear") and not any(
        (c.dep_ in ("xcomp", "acomp", "ccomp", "oprd", "attr", "advcl") and not _participle(c))
        or (c.dep_ == "prep" and c.lower_ in ("like", "as") and c.i > tok.i)
        for c in children
    )


def _participle(tok: Token) -> bool:
    """A bare "-ing" clause with no "to", no "as if" and no subject of its own ("-ed"
    stays: "appeared cowed", "appears set to veto" are impressions)."""
    return tok.tag_ == "VBG" and not any(
        c.dep_ in ("aux", "mark", "nsubj", "nsubjpass") for c in tok.children
    )


def _aspect_only(tok: Token, children: Sequence[Token], index: _CueIndex) -> bool:
    """An aspect verb whose only clause is an infinitive that is no cue: "continues
    to grow" (`words.ASPECT_VERBS`)."""
    if _lemma(tok) not in ASPECT_VERBS or any(c.dep_ == "ccomp" for c in children):
        return False
    infinitives = [c for c in children if c.dep_ == "xcomp"]
    return bool(infinitives) and not any(
        _lemma(c) in index.verbs or any((_lemma(c), g.lower_) in index.phrasal for g in c.children)
        for c in infinitives
    )


def _found_thing(tok: Token, children: Sequence[Token]) -> bool:
    """ "find" of finding a thing, not a finding: "found itself at the center",
    "found ways to press his agenda", "found it right before the plane took off",
    "can be found here", "are found slain", "agents find the tunnels". With an object
    and no clause it is a finding only when a study, poll, court or the like finds
    (`words.FINDING_SOURCES`: "the survey found broad support", "the inspector general
    found ...") or what is found is a finding ("found no evidence that ...", "found no
    fault with ...": `words.FINDING_OBJECTS`, or an object with a clause)."""
    if any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in children):
        return False
    if any(c.dep_ == "auxpass" for c in children):
        return True
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    if obj.lower_ in ("it", "them", "him", "her") or obj.lower_.endswith(("self", "selves")):
        return True
    if obj.lemma_ == "way":
        return True
    if obj.lemma_ in FINDING_OBJECTS or any(c.dep_ in ("acl", "ccomp") for c in obj.children):
        return False  # "found no evidence that ...", "found no fault with ...": a finding
    # "agents find the tunnels", "could not find anyone": a thing found, unless a study
    # or a poll finds it ("the survey found broad support").
    verb = tok
    while verb.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        verb = verb.head  # "combed through the filings and found ..."
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ in ("that", "which") and tok.dep_ == "relcl":
        subject = tok.head  # "a paper that found ..."
    return subject is None or not any(t.lemma_.lower() in FINDING_SOURCES for t in subject.subtree)


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
            # "called Friday for Mr. Trump to ...": a time may stand between
            after_time = mark is not None and all(
                tok.doc[k].ent_type_ in ("DATE", "TIME") for k in range(tok.i + 1, mark.i)
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
        content = _naming_content(tok, quotes)
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
    zero ... supporting growth"), or a surname read as a modal or a gerund ("May said",
    "Schilling, through a spokeswoman, declined")."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if name_read_as_modal(tok) or name_read_as_gerund(tok):
        return True
    return tok.dep_ in SUBJECT_DEPS and tok.is_title and tok.pos_ == "INTJ"


def _thing_ordered(lemma: str, deps: set[str]) -> bool:
    """ "a replacement was ordered in 2024": a passive "order" with neither an orderer
    nor what is ordered done is a purchase, no one's directive ("was ordered to
    testify", "ordered by the court" stay). PolNeAR has no such passive."""
    return lemma == "order" and "nsubjpass" in deps and not deps & {"ccomp", "xcomp", "agent"}


def sense_guarded(tok: Token, index: _CueIndex, quotes: _Quotes | None = None) -> bool:
    """True when one of the rules' sense guards rules out `tok` as a cue, whatever a
    learned model makes of it: a clause-only verb without a clause or quote ("the fire
    claimed two lives", "insisted on a recount"), "call" that does not name ("called
    her brother"; "call for" and "call on" stay), an adjective with neither clause nor
    topic ("the weather was clear"), "appeared on CBS" (no impression), the hospital
    "admit", a thing "ordered" (bought) with no one ordering it, a markup tag's name
    ("<tweet ...>"), "went on Twitter" (the infinitive after it is the cue), "drew
    criticism" (received, not said: `received`), hypothetical speech ("would say"), an
    imperative, a bare infinitive ("obliged to report"; not after refuse/decline/fail),
    "let's say", "a stream called ...", and a belief inside what someone said ("said he
    thinks ...")."""
    lemma = _lemma(tok)
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    head = tok.head
    if tok.pos_ == "ADJ" and not (
        deps & {"ccomp", "xcomp"}
        or any(
            c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS | {"to", "with"} for c in children
        )
    ):
        return True
    if (
        lemma == "call"
        and not any(
            c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on", "out") and c.i == tok.i + 1
            for c in children
        )
        and (quotes is None or _naming_content(tok, quotes) is None)
    ):
        return True
    if _thing_ordered(lemma, deps):
        return True
    if _went_on_a_medium(lemma, children):
        return True
    if lemma in RECEIVING_VERBS and any(
        c.dep_ == "dobj" and _lemma(c) in RECEIVED_NOUNS for c in children
    ):
        return True  # "the plan drew criticism": the plan received it, said nothing
    if received_with(tok):
        return True  # "drew fierce criticism and a call for his resignation"
    if _said_by_its_participle(tok, children, index):
        return True
    if lemma == "admit" and (
        "auxpass" in deps
        or "nsubjpass" in deps
        or any(c.dep_ == "prep" and c.lower_ == "to" for c in children)
    ):
        return True
    if lemma in CLAUSE_ONLY and not deps & {"ccomp", "xcomp", "parataxis", "advcl"}:
        quoted = quotes is not None and (
            quotes.ending_before(tok.left_edge.idx) is not None
            or quotes.starting_after(tok.right_edge.idx + len(tok.right_edge.text)) is not None
        )
        if not quoted and not (tok.dep_ in ("parataxis", "ccomp") and head.i < tok.i):
            return True
    if not_a_report(tok, children) or _aspect_only(tok, children, index):
        return True
    if _no_impression(tok, children) or in_markup(tok):
        return True
    if lemma in BELIEF_VERBS and tok.dep_ == "ccomp" and _lemma(head) in index.verbs:
        return True
    return _names_a_thing(tok)


def _names_a_thing(tok: Token) -> bool:
    """ "a stream called Miracle Run": "call" as a participle naming a thing, unless it
    is someone calling something a name (`_called_by_someone`)."""
    return (
        _lemma(tok) == "call"
        and tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and not _called_by_someone(tok)
    )


def _called_by_someone(tok: Token) -> bool:
    """ "call" read as a participle naming a thing ("a group called Citizens for
    Trump") that is someone calling something a name: an object and a predicate ("One
    of the docs ... called Oz a quack"), or a person or body before it ("Sanders'
    campaign called AP's report a ...", "Beruff, a Scott ally, called ...", "one
    lawmaker called Trump ..."; not "a new group called ...")."""
    thing = tok.head
    complements = [
        c
        for c in tok.children
        if c.dep_ in ("oprd", "dobj", "ccomp")
        and c.i > tok.i
        and c.ent_type_ not in ("DATE", "TIME")
    ]
    if not complements:
        return False  # "Mr. Royce, of California, called Friday for ...": no name given
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in thing.children)
    if len(complements) >= 2 or thing.pos_ == "PROPN" or thing.ent_type_ in ("PERSON", "ORG"):
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].text == ",":
        return False  # "elected officials, called superdelegates, ...": a name given
    return any(c.dep_ in ("poss", "nmod") for c in thing.children) or (
        _lemma(thing) in SPEAKER_NOUNS and not indefinite
    )
