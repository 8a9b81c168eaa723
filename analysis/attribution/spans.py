"""What was said: the content span of a cue found from the parse (an adjacent quote, a
clause, the sentence around a parenthetical cue, an object or topic), plus the token
helpers the source stage (`analysis.attribution.sources`) shares. Which clause a cue
reports, and where the speaker's own doings take over, is `analysis.attribution.clauses`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from analysis.attribution.clauses import (
    _before_the_speakers_next_verb,
    _clause,
    _clause_edges,
    _end,
    _is_quote_mark,
)
from analysis.attribution.cues import _cue_index, _lemma
from analysis.attribution.quotes import Quote, _Quotes
from analysis.attribution.words import (
    ADDRESSEE_VERBS,
    ANIMATE_OBJECT_VERBS,
    ANIMATE_PRONOUNS,
    CHANNEL_NOUNS,
    CLAUSE_ONLY,
    NAMING_VERBS,
    NO_OBJECT_VERBS,
    OBJECT_COMPLEMENTS,
    PSYCH_PARTICIPLES,
    REACTION_VERBS,
    RELATIVE_PRONOUNS,
    SPEAKER_NOUNS,
    SUBJECT_DEPS,
    TOPIC_PREPOSITIONS,
)
from analysis.resolve import DATELINE, doc_text

# ------------------------------------------------------------------------ helpers


def _span_of(tokens: Sequence[Token]) -> tuple[int, int] | None:
    words = [t for t in tokens if not t.is_space]
    if not words:
        return None
    return words[0].idx, _end(words[-1])


def _trim(doc: Doc, i: int, j: int, quotes: _Quotes) -> tuple[int, int] | None:
    """Character span of tokens i..j (inclusive) without surrounding punctuation,
    except quotation marks that close a quote inside the span, and without a trailing
    adjunct set off by a comma (`_trailing_adjunct`)."""
    j = _trailing_adjunct(doc, i, j, quotes)
    while i <= j and (doc[i].is_space or (doc[i].is_punct and not _is_quote_mark(doc[i]))):
        i += 1
    i = _past_a_dateline(doc, i, j)
    while j >= i and (doc[j].is_space or (doc[j].is_punct and not _is_quote_mark(doc[j]))):
        j -= 1
    if i > j:
        return None
    start, end = doc[i].idx, _end(doc[j])
    # Whole quotes: take the marks with the content, and the punctuation inside them.
    for q in quotes.overlapping(start, end):
        if q.start < end < q.end and q.start >= start - 1:
            end = q.end
        if q.start < start < q.end and q.end <= end + 1:
            start = q.start
    # A closing mark without its opening one (the quote began before the span).
    if (
        end - start >= 1
        and doc_text(doc)[end - 1] in "”\"'’"
        and not any(q.start >= start for q in quotes.overlapping(start, end))
    ):
        end -= 1
        while end > start and doc_text(doc)[end - 1] in " ,.;:":
            end -= 1
    return (start, end) if end > start else None


def _trailing_adjunct(doc: Doc, i: int, j: int, quotes: _Quotes) -> int:
    """The end of tokens i..j before a comment on the content that closes it, set off by
    a comma outside quotes: a relative clause (", which had been in the works") or a
    participle (", drawing boos from the crowd"). Annotated news corpora (PolNeAR) leave
    these out of what was said. Appositives stay (", I-Vt.", ", his new book, ...")."""
    for k in range(i + 1, j):
        if doc[k].text != "," or quotes.containing(doc[k].idx) is not None:
            continue
        inside = range(k + 1, j + 1)
        roots = [t for t in inside if doc[t].head.i not in inside or doc[t].head.i == t]
        roots = [t for t in roots if not doc[t].is_punct]
        if len(roots) != 1:
            continue
        root = doc[roots[0]]
        if root.left_edge.i < k + 1 or root.right_edge.i < j - 1:
            continue
        relative = root.dep_ == "relcl" and any(
            c.lower_ in ("which", "who", "whom", "whose") for c in root.subtree
        )
        participle = root.tag_ == "VBG" and root.dep_ in ("advcl", "acl", "xcomp", "conj")
        # a report misread as a participle of the topic: "her comments, tweeted on Friday
        # that ..." (not "the poll, released on Monday")
        reported = (
            root.tag_ in ("VBN", "VBD")
            and root.dep_ == "acl"
            and any(c.dep_ == "ccomp" for c in root.children)
        )
        if relative or participle or reported or _contrasting_report(root):
            return k - 1
    return j


def _contrasting_report(root: Token) -> bool:
    """ "..., while other voters said they had not heard anything": a clause opened by
    "while" or "whereas" with a speaker and a reporting verb of its own is another
    report set beside the content, not part of it (PolNeAR annotates it apart)."""
    return (
        root.dep_ in ("advcl", "conj")
        and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in root.children)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
        and _lemma(root) in _cue_index(None).verbs
    )


def _subtree_range(tok: Token, exclude: Sequence[Token] = ()) -> tuple[int, int]:
    """Token index range of `tok`'s subtree, cut before excluded subtrees at its edges."""
    i, j = tok.left_edge.i, tok.right_edge.i
    for ex in exclude:
        if not (i <= ex.i <= j) or ex.i == tok.i:
            continue
        if ex.i < tok.i and ex.right_edge.i >= i:
            i = max(i, ex.right_edge.i + 1)
        elif ex.i > tok.i and ex.left_edge.i <= j:
            j = min(j, ex.left_edge.i - 1)
    return i, j


def _content(
    tok: Token, source: Token | None, cue_tokens: list[Token], lemma: str, quotes: _Quotes
) -> tuple[tuple[int, int] | None, list[Quote]]:
    """What was said, by priority: an adjacent direct quote, a clausal complement,
    the clause a parenthetical cue interrupts ("to prevent it, he said, ..."), an
    object. Returns the span and the direct quotes it is made of."""
    doc = tok.doc
    text = doc_text(doc)
    anchor_start, anchor_end = _clause_edges(tok, source)
    clause = _clause(tok, source)
    right_clause = clause is not None and clause.i > tok.i
    if quotes.containing(tok.idx) is None:
        before = quotes.ending_before(anchor_start) or quotes.ending_before(
            _name_start(doc, anchor_start)
        )
        after = quotes.starting_after(anchor_end)
        # A quote closing the paragraph before is not this cue's. The clause's edge may
        # hold the line break itself (a space token), so look up to its first word.
        clause_text = text[anchor_start:anchor_end]
        first_word = anchor_start + len(clause_text) - len(clause_text.lstrip())
        if before is not None and "\n" in text[before.end : first_word]:
            before = None
        # the verb the cue goes on from: its head, or the verb over "before adding"
        governor = tok.head.head if tok.dep_ == "pcomp" else tok.head
        if (
            before is not None
            and tok.dep_ in ("advcl", "conj", "xcomp", "pcomp")
            and before.end <= governor.idx < tok.idx
        ):
            # '"...," Sanders said, invoking the 2008 race', '"...," Trump said before
            # adding: "..."': the quote is said's
            before = None

        if before is not None and before.end <= tok.sent.start_char + 1 and _own_complement(tok):
            # '"..." Clinton touted her credentials': a quote closing the sentence before
            # is not what a cue with its own object or clause says.
            before = None
        if before is not None and _goes_on_after_a_comma(tok, before):
            # '"...," Sanders said, suggesting a few questions, including, "..."', the
            # parser hanging the participle inside the next quote: that quote, with the
            # participle's object before it, is what it says; the one before is said's
            before = None
            objects = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
            nxt = quotes.next_after(anchor_end)
            if (
                objects
                and nxt is not None
                and _quote_in_sentence(nxt, tok, after=True)
                and not re.search(r"[.!?\n]", text[objects[0].left_edge.idx : nxt.start])
            ):
                return (objects[0].left_edge.idx, nxt.end), [nxt]
        if after is not None and not _quote_in_sentence(after, tok, after=True):
            after = None
        clause_in_after = (
            after is not None
            and clause is not None
            and after.start <= clause.left_edge.idx < after.end
        )
        if after is not None and not text[anchor_end : after.start].strip() and not clause_in_after:
            # 'planning “a deliberate attempt”': a quote right after the verb is what
            # was said only when it holds the verb's clause.
            after = None
        if clause_in_after:
            right_clause = False
        if before is not None and not right_clause:
            parts = [before]
            if after is not None and text[anchor_end : after.start].strip() in (",", ""):
                parts.append(after)
            return (parts[0].start, parts[-1].end), parts
        if after is not None:
            return (after.start, after.end), [after]
    # "the candidate said no": the answer itself (not the "Asked if ..." before it)
    answer = next((c for c in tok.children if c.i == tok.i + 1 and c.lower_ in ("yes", "no")), None)
    if answer is not None and answer.dep_ in ("intj", "dobj", "ccomp", "npadvmod"):
        return (answer.idx, _end(answer)), []
    medial = _parenthetical_content(tok, source, quotes)
    if medial is not None:
        return medial, []
    if clause is not None and clause.i < tok.i and _subordinate(tok):
        # "Democrats pressured Trump ..., after a dozen officers were indicted": the
        # parser made the main clause the indictment's; a clause with "after", "when",
        # "because" ... reports nothing before it.
        clause = None
    if clause is not None:
        i, j = _subtree_range(clause, exclude=[tok] if clause.i < tok.i else ())
        if clause.i < tok.i:
            stop = source.left_edge.i - 1 if source is not None and source.i < tok.i else tok.i - 1
            j = min(j, stop)
        else:
            j = _before_the_speakers_next_verb(tok, i, j)
            i = _subject_read_as_object(tok, clause, lemma, i)
            j = _before_the_main_clause(tok, j)
        span = _trim(doc, i, j, quotes)
        if span is not None:
            return span, []
    # "..., as Rubio has said": the clause the "as" clause hangs on; not "as he
    # discussed his plan" (a time, with its own object: below).
    as_clause = (
        tok.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") and c.lower_ not in ("it", "so")
            for c in tok.children
        )  # "as a memo put it" stays
        # "as legislators called for a special session": the phrasal cue's own object
        and not any(c.dep_ == "pobj" for t in cue_tokens[1:] for c in t.children)
        # "..., Chris Wallace said, as the crowd cheered": when, not what
        and tok.lemma_.lower() not in REACTION_VERBS
    )
    if (tok.dep_ == "parataxis" or as_clause) and tok.head.i != tok.i:
        head = tok.head
        i, j = _subtree_range(head, exclude=[tok])
        left = (head.left_edge.i, tok.left_edge.i - 1)
        right = (tok.right_edge.i + 1, head.right_edge.i)
        if _has_words(doc, *left) and _has_words(doc, *right):
            span = _trim(doc, left[0], right[1], quotes)
        else:
            span = _trim(doc, i, j, quotes)
        if span is not None:
            return span, []
    # "has been endorsed by dozens of papers", "a curfew was announced", "was viewed
    # as favorable": the passive subject (with its "as" complement) is the content.
    # Not for a feeling or an opinion held ("The voters are split on whether ..."):
    # its subject is the one who holds it (`sources`), not what is talked about.
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if tok.lower_ in PSYCH_PARTICIPLES:
        subj = None
    if source is not None and subj is not None and subj.i == source.i:
        subj = None  # "he’s maintained" read as a passive: the speaker, not what he said
    if subj is not None and subj.lower_ != "it" and subj.lower_ not in RELATIVE_PRONOUNS:
        j = subj.right_edge.i
        for c in tok.children:
            if c.i > tok.i and (
                c.dep_ in ("oprd", "attr")
                or (c.dep_ == "prep" and c.lower_ == "as")
                # "was criticized for trading ...", not "was announced for the old town"
                or (
                    c.dep_ == "prep"
                    and c.lower_ in OBJECT_COMPLEMENTS
                    and any(g.dep_ == "pcomp" for g in c.children)
                )
            ):
                j = max(j, c.right_edge.i)
        span = _trim(doc, min(subj.left_edge.i, j), j, quotes)
        if span is not None:
            return span, []
    # "The governor added:" closing a paragraph: the next paragraph is what was said.
    edge = tok.right_edge.i  # the parser may hang the colon (and the line break) on the cue
    while edge > tok.i and doc[edge].is_space:
        edge -= 1
    colon = doc[edge] if doc[edge].text == ":" else doc[edge + 1] if edge + 1 < len(doc) else None
    if colon is not None and colon.text == ":" and text[_end(colon) :].lstrip(" \t")[:1] == "\n":
        para = re.match(r"\s*([^\n]+)", text[_end(colon) :])
        if para is not None:
            start = _end(colon) + para.start(1)
            q = quotes.containing(start + 1)
            end = (
                q.end if q is not None and q.start == start else start + len(para.group(1).rstrip())
            )
            return (start, end), ([q] if q is not None and q.start == start else [])
    if lemma not in CLAUSE_ONLY or (lemma in ANIMATE_OBJECT_VERBS and _animate(source)):
        obj = _object(tok, cue_tokens, lemma)
        if obj is not None:
            i, j = _subtree_range(obj)
            j = _before_the_speakers_next_verb(tok, i, _with_complement(tok, j))
            span = _trim(doc, i, j, quotes)
            if span is not None:
                return span, []
    # "critics see the program as a back door": the object and what it is seen as.
    as_prep = next(
        (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i), None
    )
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if as_prep is not None and obj is not None and obj.i < as_prep.i:
        span = _trim(doc, obj.left_edge.i, as_prep.right_edge.i, quotes)
        if span is not None:
            return span, []
    # "complained about his mic", "warned against hackers", "apologized for ...": the
    # topic of the speech. "insisted on a recount" stays out (clause-only verbs take
    # only "about").
    for child in [*tok.children, *_topic_on_the_addressee(tok)]:
        if child.dep_ == "prep" and child.i > tok.i and child.lower_ in TOPIC_PREPOSITIONS:
            if (lemma in CLAUSE_ONLY and child.lower_ != "about") or _a_time(child):
                continue  # "voted on Friday": a time, not a topic
            if child.lower_ == "on" and _a_channel(child):
                continue  # "spoke on condition of anonymity", "on ABC": how, not what
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                span = _trim(doc, obj.left_edge.i, obj.right_edge.i, quotes)
                if span is not None:
                    return span, []
    return None, []


def _before_the_main_clause(tok: Token, j: int) -> int:
    """The end of what a fronted participle cue reports ("Asked why Sayoc targeted
    Democrats and critics of Trump, | Attorney General Jeff Sessions said ..."): before
    the last comma ahead of the verb it hangs on, however the parser joined the words
    after it to the clause."""
    head = tok.head
    if tok.dep_ != "advcl" or head.i <= tok.i or j < tok.i:
        return j
    doc = tok.doc
    comma = next((k for k in range(head.i - 1, tok.i, -1) if doc[k].text == ","), None)
    return min(j, comma - 1) if comma is not None else j


def _topic_on_the_addressee(tok: Token) -> list[Token]:
    """ "is talking to voters about health care": the parser hangs the topic on the
    one spoken to; it is the topic of the talk."""
    return [
        prep
        for to in tok.children
        if to.dep_ == "prep" and to.lower_ == "to" and to.i > tok.i
        for listener in to.children
        if listener.dep_ == "pobj"
        for prep in listener.children
        if prep.dep_ == "prep" and prep.lower_ in ("about", "on", "over")
    ]


def _past_a_dateline(doc: Doc, i: int, j: int) -> int:
    """The first token after a dateline that opens a paragraph at token i ("WASHINGTON
    — Peter Strzok ... has been fired, his lawyer said": the content starts at "Peter");
    i itself when there is none."""
    if i > j or not doc[i].is_upper:
        return i
    text = doc_text(doc)
    start = doc[i].idx
    if text[text.rfind("\n", 0, start) + 1 : start].strip():
        return i  # not at the start of a line
    dateline = DATELINE.match(text, start)
    if dateline is None:
        return i
    k = i
    while k <= j and doc[k].idx < dateline.end():
        k += 1
    while k <= j and doc[k].is_space:
        k += 1
    return k if k <= j else i


def _subordinate(tok: Token) -> bool:
    """A verb opening a subordinate clause: a "mark" other than "as" or "that" ("after
    a dozen officers were indicted", "because he said ...")."""
    return any(c.dep_ == "mark" and c.lower_ not in ("as", "that") for c in tok.children)


def _subject_read_as_object(tok: Token, clause: Token, lemma: str, i: int) -> int:
    """Where the content starts when the parser took its subject for the verb's
    object: "said his Democratic opponent, Hillary Clinton, suffered no consequences"
    (the object "his Democratic opponent", the clause "suffered ..." with no subject of
    its own): at the object, for a verb that takes a clause only ("say")."""
    if lemma not in CLAUSE_ONLY or any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return i
    obj = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < clause.i), None)
    if obj is None or obj.lower_ in ("it", "so", "this", "that", "nothing", "much"):
        return i
    return min(i, obj.left_edge.i)


def _has_words(doc: Doc, i: int, j: int) -> bool:
    """Whether tokens i..j hold more than punctuation and spaces."""
    return any(not (t.is_punct or t.is_space) for t in doc[i : j + 1]) if i <= j else False


def _parenthetical_content(
    tok: Token, source: Token | None, quotes: _Quotes
) -> tuple[int, int] | None:
    """The sentence around a cue set off by commas in its middle ("The difference now,
    he told me on Friday, is that ...", "Though the transition was seamless, he said,
    replacing Clinton would be ...", "the pollution had become so bad, Mr. Obama noted,
    that ..."): what was said runs on both sides of the aside, whatever the parser hung
    where, as PolNeAR marks it (the cue and source inside are no part of what is
    scored as content). Not when the words before the aside are only a time or place
    of the cue ("On Tuesday, he said, ...") or when a quote is involved."""
    if (
        source is None
        or tok.pos_ != "VERB"
        or tok.dep_ not in ("parataxis", "ROOT")  # not a relative clause: "Reid, who has ..."
        or source.lower_ in RELATIVE_PRONOUNS
        or quotes.containing(tok.idx) is not None
    ):
        return None
    doc, sent = tok.doc, tok.sent
    first = source.left_edge.i if source.i < tok.i else tok.i
    if (
        source.i < tok.i
        and any(  # "he also said": only auxiliaries and adverbs between
            t.dep_ not in ("aux", "advmod", "neg") for t in doc[source.right_edge.i + 1 : tok.i]
        )
    ):
        return None
    # The cue's own words up to the comma: "told me on Friday", "said Mr. Obama", "noted
    # in an interview"; not its object ("the governor ordered such a quarantine, ...").
    asides = {
        c.i
        for c in tok.children
        if c.i > tok.i
        and (
            c.dep_ in ("prep", "npadvmod", "advmod", "prt", "dative")
            or c == source
            or (c.dep_ == "dobj" and (c.pos_ == "PRON" or _lemma(tok) in ADDRESSEE_VERBS))
        )
    }
    last = tok.i
    while last + 1 < sent.end and doc[last + 1].text != ",":
        nxt = doc[last + 1]
        if nxt.is_punct or nxt.pos_ in ("VERB", "AUX"):
            return None
        if not any(doc[k] == nxt or doc[k].is_ancestor(nxt) for k in asides):
            return None
        last += 1
    if first - 1 <= sent.start or last + 1 >= sent.end - 1 or doc[first - 1].text != ",":
        return None
    if source.i > tok.i and not (tok.i < source.i <= last):
        return None
    left = [t for t in doc[sent.start : first - 1] if not (t.is_punct or t.is_space)]
    right = [t for t in doc[last + 2 : sent.end] if not (t.is_punct or t.is_space)]
    if len(left) < 2 or len(right) < 2 or left[-1].lower_ in RELATIVE_PRONOUNS:
        return None  # "the stadium, which, Tompkins said, is full": inside a relative clause
    if left[0].pos_ == "ADP" and not any(t.pos_ in ("VERB", "AUX") for t in left):
        return None  # "In 2012, he said, ...": a time or place of the cue
    tops = [t for t in right if t.head.i < last + 2 or t.head.i >= sent.end or t.head == t]
    if (
        len(tops) != 1
        or tops[0].pos_ not in ("VERB", "AUX")
        or (tops[0].head == tok and tops[0].dep_ not in ("ccomp", "parataxis"))
    ):
        return None  # "..., the AP declared, two days after the vote": the writer's adjunct
    if quotes.overlapping(sent.start_char, sent.end_char):
        return None
    start = left[0].i if left[0].dep_ != "cc" else left[1].i
    return _trim(doc, start, sent.end - 1, quotes)


def _own_complement(tok: Token) -> bool:
    """The cue has something said or meant after it: an object (not the one spoken
    to), a clause, or a topic ("talking about Obama's record")."""
    lemma = _lemma(tok)
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ in ("ccomp", "xcomp", "oprd", "acomp"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("against", "for"):
            return True  # "argued for preventive strikes": a position of its own
        if lemma in CLAUSE_ONLY:
            continue  # "recalled her opposition": the quote is what was recalled
        if c.dep_ == "dobj" and lemma not in ADDRESSEE_VERBS:
            return True
        if c.dep_ == "prep" and c.lower_ == "about":
            return True  # not "said of the plan", "said on Twitter"
    return False


def _name_start(doc: Doc, offset: int) -> int:
    """The start of capitalised words running up to `offset` ("Tulsa police Chief
    Chuck Jordan said", where the parser cut "Tulsa" off the name)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return offset
    i = span[0].i
    while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha:
        i -= 1
    return doc[i].idx


def _animate(source: Token | None) -> bool:
    if source is None:
        return False
    if source.lower_ in ANIMATE_PRONOUNS:
        return True
    return (
        source.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or source.lemma_.lower() in SPEAKER_NOUNS
    )


def _naming_content(tok: Token, quotes: _Quotes) -> tuple[int, int] | None:
    """ "called X a liar", "what she called a “rant”": the naming (object and
    predicate), not the phone-call sense ("called him on Monday")."""
    comps = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > tok.i]
    right_after = quotes.starting_after(_end(tok), r"\s*")
    if right_after is not None and right_after.start - _end(tok) <= 1:
        return right_after.start, right_after.end  # 'what she called a “rant”' (bare name)
    if not comps:
        objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
        if not objs:
            return None
        # 'called Mr. Obama's remarks "a true wake-up call"': the name is a quote, also
        # past an aside ('calling him, among other things, “a failed candidate.”').
        q = quotes.starting_after(_end(objs[0].right_edge), r"\s*") or quotes.starting_after(
            _end(objs[0].right_edge), r"\s*,[^,.;:!?“”\"\n]{1,40},\s*"
        )
        if q is not None:
            return objs[0].left_edge.idx, q.end
        # The parser hangs the quoted name inside the object: 'called his executive
        # actions “a crucial step forward”', 'called protestors “illegals” and “thugs”'.
        first = objs[0].left_edge.idx
        named = [q for q in quotes.overlapping(first, _end(objs[0].right_edge)) if q.start > first]
        return (first, named[-1].end) if named else None
    objs = [c for c in tok.children if c.dep_ in ("dobj",) and c.i > tok.i]
    first = objs[0] if objs else comps[0]
    span = _trim(tok.doc, first.left_edge.i, comps[-1].right_edge.i, quotes)
    # 'called Florida's standards “strong.”': the parser may leave the quoted name out
    gap = r"[ \t]*(?:(?:a|an|the)[ \t]+)?"
    q = quotes.starting_after(span[1], gap) if span is not None else None
    named = span is not None and any(p.end == span[1] for p in quotes.overlapping(*span))
    if q is not None and q.start - span[1] <= 5 and not named:
        return span[0], q.end
    return span


def _called_out(tok: Token, quotes: _Quotes) -> tuple[int, int] | None:
    """ "called over her shoulder, ''His comments are not helpful''": "call" as
    calling out, a direct quote after a few words of its own and a comma or colon —
    said by a subject of its own, not a thing's name ("a story called, simply, “...”")."""
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if tok.dep_ in ("acl", "amod", "relcl") or not _animate(subject):
        return None
    q = quotes.starting_after(_end(tok), r"[^.!?;“”\"\n]{0,40}?[,:]\s*")
    if q is None or q.start > tok.sent.end_char:
        return None
    return q.start, q.end


def _goes_on_after_a_comma(tok: Token, before: Quote) -> bool:
    """An "-ing" participle right after a comma that follows a verb standing after the
    quote `before` ('"...," Sanders said, suggesting ...'): it goes on from that verb,
    wherever the parser hangs it."""
    doc = tok.doc
    return (
        tok.tag_ == "VBG"
        and tok.i > 0
        and doc[tok.i - 1].text == ","
        and tok.head.i > tok.i
        and any(t.pos_ == "VERB" and t.idx >= before.end for t in doc[tok.sent.start : tok.i])
    )


def _quote_in_sentence(q: Quote, tok: Token, after: bool = False) -> bool:
    """The quote belongs to the cue's sentence (or begins right at its end)."""
    sent = tok.sent
    if after:
        return q.start <= _end(sent[-1]) + 2
    return q.end > sent.start_char and "\n" not in doc_text(tok.doc)[q.end : tok.idx]


def _with_complement(tok: Token, j: int) -> int:
    """The end of an object span `..j` of the cue `tok`, carried over a preposition right
    after it that states the charge or terms ("accused the NAACP | of playing the race
    card", "referred to Rubio | as a leader") or an infinitive ("urged the senator | to
    resign"), also past a time between them ("accused activists on Tuesday | of ...");
    a time alone ("denied the allegations on Monday") stays out."""
    end = j
    for child in sorted(tok.children, key=lambda c: c.i):
        if child.i <= end or child.left_edge.i != end + 1:
            continue
        if _a_time(child):
            end = child.right_edge.i  # skipped over; kept only if a complement follows
            continue
        if child.dep_ == "prep" and child.lower_ in OBJECT_COMPLEMENTS:
            if next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None) is None:
                # "blasted the tactic | as “outrageous”": an adjective after "as"
                if child.lower_ == "as" and any(not c.is_punct for c in child.children):
                    return child.right_edge.i
                return j
            return child.right_edge.i
        if child.dep_ in ("dobj", "oprd", "attr") and _lemma(tok) in NAMING_VERBS:
            return child.right_edge.i  # "branded it | the “... Act”"
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if child.dep_ == "xcomp" and infinitive:  # "called for the secretary | to release"
            return child.right_edge.i
        return j
    return j


def _a_time(tok: Token) -> bool:
    """ "on Tuesday", "last week": a preposition or noun phrase naming a time."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in ("DATE", "TIME")
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return tok.dep_ == "prep" and pobj is not None and pobj.ent_type_ in ("DATE", "TIME")


def _a_channel(prep: Token) -> bool:
    """ "on condition of anonymity", "on ABC", "on a radio show": the "on" of how or
    where someone spoke (`words.CHANNEL_NOUNS`, or a named outlet, place or person; a
    time is `_a_time`'s)."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return False
    return pobj.lemma_.lower() in CHANNEL_NOUNS or pobj.ent_type_ in (
        "ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART"
    )  # fmt: skip


def _object(tok: Token, cue_tokens: list[Token], lemma: str) -> Token | None:
    if (lemma in ADDRESSEE_VERBS or lemma in NO_OBJECT_VERBS) and len(cue_tokens) == 1:
        return None
    if len(cue_tokens) == 2 and cue_tokens[1].dep_ == "prep":
        return next((c for c in cue_tokens[1].children if c.dep_ in ("pobj", "pcomp")), None)
    for child in tok.children:
        if child.dep_ in ("dobj", "oprd") and child.i > tok.i:
            return child
    return None
