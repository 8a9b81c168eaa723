"""Spans of an attribution found from the parse: what was said (content) and who
said it (source), plus the token helpers they share."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from analysis.attribution.cues import _cue_index, _lemma
from analysis.attribution.quotes import Quote, _Quotes
from analysis.attribution.words import (
    ADDRESSEE_VERBS,
    ANIMATE_OBJECT_VERBS,
    ANIMATE_PRONOUNS,
    CHANNEL_NOUNS,
    CLAUSE_ONLY,
    FRAME_NOUNS,
    NAMING_VERBS,
    NO_OBJECT_VERBS,
    OBJECT_COMPLEMENTS,
    PSYCH_PARTICIPLES,
    RELATIVE_PRONOUNS,
    SPEAKER_NOUNS,
    SUBJECT_DEPS,
    TOPIC_PREPOSITIONS,
)
from analysis.resolve import doc_text, name_tokens, one_member

# ------------------------------------------------------------------------ helpers


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


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
        if relative or participle:
            return k - 1
    return j


def _is_quote_mark(tok: Token) -> bool:
    return tok.text in ("“", "”", '"', "''", "``", "‘", "’", "'", "«", "»")


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
        if before is not None and "\n" in text[before.end : anchor_start]:
            before = None
        if (
            before is not None
            and tok.dep_ in ("advcl", "conj", "xcomp")
            and before.end <= tok.head.idx < tok.idx
        ):
            before = None  # '"...," Sanders said, invoking the 2008 race': the quote is said's
        if before is not None and before.end <= tok.sent.start_char + 1 and _own_complement(tok):
            # '"..." Clinton touted her credentials': a quote closing the sentence before
            # is not what a cue with its own object or clause says.
            before = None
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
    if clause is not None:
        i, j = _subtree_range(clause, exclude=[tok] if clause.i < tok.i else ())
        if clause.i < tok.i:
            stop = source.left_edge.i - 1 if source is not None and source.i < tok.i else tok.i - 1
            j = min(j, stop)
        span = _trim(doc, i, j, quotes)
        if span is not None:
            return span, []
    as_clause = tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in tok.children
    )
    if (tok.dep_ == "parataxis" or as_clause) and tok.head.i != tok.i:
        head = tok.head
        i, j = _subtree_range(head, exclude=[tok])
        left = (head.left_edge.i, tok.left_edge.i - 1)
        right = (tok.right_edge.i + 1, head.right_edge.i)
        if left[0] <= left[1] and right[0] <= right[1]:
            span = _trim(doc, left[0], right[1], quotes)
        else:
            span = _trim(doc, i, j, quotes)
        if span is not None:
            return span, []
    # "has been endorsed by dozens of papers", "a curfew was announced", "was viewed
    # as favorable": the passive subject (with its "as" complement) is the content.
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
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
    colon = doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(doc) else None
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
            j = _with_complement(tok, j)
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
    for child in tok.children:
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


def _own_complement(tok: Token) -> bool:
    """The cue has something said or meant after it: an object (not the one spoken
    to), a clause, or a topic ("talking about Obama's record")."""
    lemma = _lemma(tok)
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ in ("ccomp", "xcomp", "oprd", "acomp"):
            return True
        if lemma in CLAUSE_ONLY:
            continue  # "recalled her opposition": the quote is what was recalled
        if c.dep_ == "dobj" and lemma not in ADDRESSEE_VERBS:
            return True
        if c.dep_ == "prep" and c.lower_ in ("about", "against", "for"):
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
        # 'called Mr. Obama's remarks "a true wake-up call"': the name is a quote.
        q = quotes.starting_after(_end(objs[0].right_edge), r"\s*")
        if q is not None:
            return objs[0].left_edge.idx, q.end
        # The parser hangs the quoted name inside the object: 'called his executive
        # actions “a crucial step forward”', 'called protestors “illegals” and “thugs”'.
        first = objs[0].left_edge.idx
        named = [q for q in quotes.overlapping(first, _end(objs[0].right_edge)) if q.start > first]
        return (first, named[-1].end) if named else None
    objs = [c for c in tok.children if c.dep_ in ("dobj",) and c.i > tok.i]
    first = objs[0] if objs else comps[0]
    return _trim(tok.doc, first.left_edge.i, comps[-1].right_edge.i, quotes)


def _quote_in_sentence(q: Quote, tok: Token, after: bool = False) -> bool:
    """The quote belongs to the cue's sentence (or begins right at its end)."""
    sent = tok.sent
    if after:
        return q.start <= _end(sent[-1]) + 2
    return q.end > sent.start_char and "\n" not in doc_text(tok.doc)[q.end : tok.idx]


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
                if dep == "ccomp" and _across_semicolon(child, tok):
                    continue
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
        if child.dep_ == "dep" and child.i < tok.i and child.pos_ in ("NOUN", "PROPN", "VERB"):
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


def _across_semicolon(clause: Token, tok: Token) -> bool:
    """A clause before the cue, cut from it by a semicolon or colon, while the cue has a
    clause of its own after it: "... were worried about the economy; most said they
    were" (the parser hangs both on "said")."""
    doc = tok.doc
    return (
        clause.i < tok.i
        and any(doc[k].text in (";", ":") for k in range(clause.right_edge.i + 1, tok.i))
        and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)
    )


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


def hortative(source: Token | None) -> bool:
    """True when the "source" is the "'s" or "us" of "let's" / "let us" ("let's focus on
    understanding how ...", "let us say that ..."): the writer inviting the reader, not
    someone whose words are reported. So is the "you" of a question put to the reader
    ("Do you support Donald Trump?", a sign-off some outlets add under every story)."""
    if source is None:
        return False
    if source.lower_ == "you":
        return _reader_question(source)
    if source.lower_ not in ("'s", "’s", "us"):
        return False
    verb = source.head
    return (
        source.dep_ in SUBJECT_DEPS
        and verb.dep_ in ("ccomp", "xcomp")
        and _lemma(verb.head) == "let"
        and verb.head.i < source.i
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.head.children)  # "he let us know"
    )


def _reader_question(you: Token) -> bool:
    """True when `you` is the subject of a question outside quotation marks."""
    if you.dep_ not in SUBJECT_DEPS:
        return False
    sent = you.sent
    if not sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        return False
    before = you.doc.text[sent.start_char : you.idx]
    return not re.search(r"[\"“”]", before)


#: A dateline opening a paragraph: "WASHINGTON -- ", "KANSAS CITY, Mo. — ",
#: "NEW YORK (AP) — ", "CLEVELAND, July 19 (UPI) — " (a date after the place).
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]*[A-Z.](?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2}(?:,\s*\d{4})?)?)*\s*"
    r"(?:\([A-Za-z. ]+\)\s*)?(?:--|—|–)"
)


def _dateline_end(tok: Token) -> int | None:
    """Where the dateline that `tok` stands in ends ("WASHINGTON -- ", "KANSAS CITY, Mo.
    — "): a place in capitals opening a paragraph; None when `tok` is in none."""
    if not tok.text.isupper() or tok.ent_type_ not in ("GPE", "LOC"):
        return None
    text = doc_text(tok.doc)
    line_start = text.rfind("\n", 0, tok.idx) + 1
    dateline = _DATELINE.match(text, line_start)
    return dateline.end() if dateline is not None and tok.idx < dateline.end() else None


def in_dateline(tok: Token) -> bool:
    """True for the place of a dateline: where the story was filed, no speaker."""
    return _dateline_end(tok) is not None


def _past_dateline(subject: Token) -> Token | None:
    """The subject, unless the parser took the dateline for it ("WASHINGTON -- President
    Barack Obama on Friday defended ..."): then the phrase the dateline introduces (its
    apposition after the dash, "Obama"), or none."""
    end = _dateline_end(subject)
    if end is None:
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.idx >= end), None)


def _source_token(tok: Token, quotes: _Quotes | None = None) -> Token | None:
    """The token heading the source phrase of the cue verb `tok`. A subject the
    parser found inside a quotation next to a cue outside it is skipped ("“Full
    panic mode,” said X": "mode" is not the speaker)."""
    outside = quotes is None or quotes.containing(tok.idx) is None
    if tok.pos_ == "NOUN":  # a verb tagged as a noun: the name or noun phrase before it
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if names:
            return names[-1]
        nouns = [
            c
            for c in tok.children
            if c.dep_ in ("nsubj", "compound") and c.i < tok.i and c.pos_ in ("NOUN", "PROPN")
        ]
        return nouns[-1] if nouns else None
    if tok.lower_ in PSYCH_PARTICIPLES:
        # "Tiegen was troubled by Clinton's handling ...": the one who feels it, not
        # what caused it.
        felt_by = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if felt_by is not None and felt_by.lower_ not in ("it", "this", "that", "there"):
            return _past_dateline(felt_by)
    seen = 0
    cur = tok
    while cur is not None and seen < 6:
        seen += 1
        for child in cur.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                    return None  # "had been released by Friday evening": a deadline
                if pobj is not None:
                    return pobj
        if cur is tok and any(c.dep_ == "auxpass" for c in tok.children):
            has = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if (
                has is not None
                and any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in tok.children)
                and (has.lower_ in ANIMATE_PRONOUNS or has.ent_type_ == "PERSON")
            ):
                return has  # "he's said he'll fight": "has said", read as a passive
            return None  # "are thought to ...", "it was reported": no source given
        if cur is tok and _reduced_passive(tok):
            return None  # "Asked whether ..., Ryan said": Ryan was asked; the asker unnamed
        subjects = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        if outside and quotes is not None and cur is tok:
            subjects = [c for c in subjects if quotes.containing(c.idx) is None]
        if subjects:
            child = min(subjects, key=lambda c: abs(c.i - tok.i))
            if child.dep_ == "nsubjpass" and child.lower_ == "it":
                return None
            if child.lower_ == "it" and _expletive(cur):
                return None  # "It was unclear where Mr. Bush got the figure": no one
            return _past_dateline(child)
        # Participial, coordinated or infinitival cues take their head's subject.
        if (
            cur.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "dep", "npadvmod", "prep")
            and cur.head.i != cur.i
        ):
            if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
                return cur.head
            if (
                cur is tok
                and tok.dep_ == "advcl"
                and tok.tag_ == "VBG"
                and cur.head.dep_ == "ccomp"
                and _lemma(cur.head.head) in _cue_index(None).verbs
            ):
                # "X said he did not believe it, arguing that ...": the participle
                # goes on from the speaker, not from the reported clause.
                cur = cur.head.head
                continue
            cur = cur.head
            continue
        if cur.dep_ == "relcl" and cur.head.pos_ == "PROPN" and cur.head.i < cur.i:
            # "Speaker Paul D. Ryan, the ... Republican, on Tuesday called ...": the
            # parser hung the verb on the name as a relative clause without a subject.
            return cur.head
        return _name_before(cur) or (_name_after(cur) if cur is tok else None)
    return None


def _expletive(verb: Token) -> bool:
    """A copula whose "it" stands for a clause after it: "it was unclear where ...",
    "it is clear that ...", "it seems likely that ..."."""
    if _lemma(verb) not in ("be", "seem", "appear", "become", "remain"):
        return False
    complements = [c for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")]
    return any(c.dep_ in ("ccomp", "csubj") and c.i > verb.i for c in verb.children) or any(
        g.dep_ in ("ccomp", "xcomp") for c in complements for g in c.children
    )


def _name_after(verb: Token) -> Token | None:
    """The name right after an inverted cue that follows a quote the parser split
    from it ('"The risk," said Edward Leamer, an economist ..., "is that ..."': the
    name is made the subject of the quote's second half)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].text == ","):
        i -= 1
    if i < 0 or not doc[i].is_quote:
        return None
    j = verb.i + 1
    if j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B":
        return next(doc[e.end - 1] for e in doc.ents if e.start == j)
    return None


def _name_before(verb: Token) -> Token | None:
    """A name right before a verb the parser left without a subject (it reads
    "Trump" opening a sentence as a verb: "Trump openly admires ...")."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].dep_ in ("advmod", "neg", "aux") and doc[i].head.i == verb.i:
        i -= 1
    if i < 0 or i < verb.sent.start:
        return None
    prev = doc[i]
    if prev.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and prev.text[:1].isupper():
        return prev
    return None


def _phrase_before(tok: Token) -> Token | None:
    """The head of the noun phrase standing right before the cue verb, when it names a
    speaker: "Two were injured, a spokeswoman for the health authority said" (the
    parser hangs the phrase on the clause before). Its words are climbed through
    "for the ..." and appositions ("Senator Harry Reid, the minority leader, said")."""
    doc = tok.doc
    j = tok.i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text == ","):
        j -= 1
    if j < 0 or doc[j].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    head = doc[j]
    while True:
        up = head.head
        if up.i == head.i or up.i > tok.i:
            break
        if head.dep_ in ("pobj", "compound", "amod") or (
            head.dep_ == "prep" and up.pos_ in ("NOUN", "PROPN")
        ):
            head = up
            continue
        if head.dep_ == "appos" and up.ent_type_ in ("PERSON", "ORG"):
            head = up
        break
    named = head.ent_type_ in ("PERSON", "ORG", "NORP") or head.lower_ in ANIMATE_PRONOUNS
    return head if named or _lemma(head) in SPEAKER_NOUNS else None


def _reduced_passive(tok: Token) -> bool:
    """ "Asked whether ...", "when questioned about ...": a passive participle
    without its auxiliary, hung on the clause of the one it happened to (not "has
    admitted", which has its own auxiliary)."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and not any(c.dep_ in ("aux", "nsubj", "nsubjpass", "agent") for c in tok.children)
    )


def _clause_start(tok: Token) -> Token:
    """The first token of a coordinated or participial cue's own clause: its
    auxiliaries and adverbs, and the comma or conjunction before them."""
    doc = tok.doc
    i = min(
        [c.i for c in tok.children if c.dep_ in ("aux", "neg", "advmod") and c.i < tok.i] + [tok.i]
    )
    while i > 0 and (doc[i - 1].is_space or doc[i - 1].text == "," or doc[i - 1].dep_ == "cc"):
        i -= 1
    return doc[i]


def _experiencer(tok: Token) -> Token | None:
    """ "seems credible to me": the holder of an impression, when named."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PRON", "PROPN", "NOUN"):
                return pobj
    return None


def _source_span(tok: Token) -> tuple[int, int] | None:
    """The source as a name where the phrase has one, else the noun phrase head and
    what precedes it ("US officials", "the spokesman for the ministry")."""
    doc = tok.doc
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and not one_member(ent):  # "the Arizona Republican": a phrase
            words = [t for t in name_tokens(ent) if t.tag_ != "POS"]
            while words and words[0].lower_ == "the" and tok.ent_type_ == "PERSON":
                words.pop(0)
            span = _span_of(words)
            if span:
                return span
    for child in tok.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return _source_span(child)
    i = tok.left_edge.i
    j = tok.i
    for child in tok.children:
        if (
            child.dep_ == "prep"
            and child.i > tok.i
            and child.lower_ in ("of", "for", "at", "from", "with")
        ):
            j = max(j, child.right_edge.i)
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    return doc[i].idx, _end(doc[j])


#: Double quotation marks only (`words.QUOTE_CHARS` also takes the apostrophe of "O'Neill").
_QUOTE_MARK = re.compile(r"[\"“”„«»]|''|``")
#: Dependents that describe a source after its name ("Douglas Holtz-Eakin, an economist
#: who served as ...": appositive, relative clause, reduced relative).
DESCRIPTOR_DEPS = frozenset({"appos", "relcl", "acl"})
#: Prepositions whose phrase after a source describes it ("Charles B. Rangel of New
#: York", "an analysis by Lily Batchelder", "advisers to Mr. Obama").
DESCRIPTOR_PREPOSITIONS = frozenset({"of", "by", "to", "from"})


def source_phrase(
    source: Token, span: tuple[int, int], cue_tokens: Sequence[Token], quotes: _Quotes
) -> tuple[int, int]:
    """The source phrase as PolNeAR's annotators mark it: the speaker span with the
    titles and roles before the name ("White House press secretary Josh Earnest") and
    the appositive, relative clause or "of" phrase describing the speaker after it
    ("Douglas Holtz-Eakin, an economist who served as director of the Congressional
    Budget Office"). It never takes in the cue, a quotation or words past the sentence,
    and never leaves a bracket open ("Tim Kaine (D-Va.)")."""
    start, end = span
    cue = {t.i for t in cue_tokens}
    # Titles and roles written before the name: "White House press secretary Josh Earnest".
    before = [t for t in source.doc[source.left_edge.i : source.i] if t.idx < start]
    while before and (before[0].is_punct or before[0].is_space):
        before.pop(0)
    if before and not any(t.i in cue or _quoted(t, quotes) for t in before):
        start = before[0].idx
    descriptors = [
        child
        for child in source.children
        if child.idx >= end
        and (
            child.dep_ in DESCRIPTOR_DEPS
            or (child.dep_ == "prep" and child.lower_ in DESCRIPTOR_PREPOSITIONS)
        )
    ]
    if not descriptors:
        return start, end
    last = max(_end(child.right_edge) for child in descriptors)
    sent_end = _end(source.sent[-1])
    kept: list[Token] = []
    for tok in source.doc[source.i + 1 :]:
        if tok.idx < end:
            continue
        if tok.idx >= sent_end or tok.i in cue:
            break
        if _quoted(tok, quotes):
            break
        if tok.idx >= last:  # a party tag's closing bracket: "Tim Kaine (D-Va.)"
            if tok.text == ")" and _open_brackets(kept) > 0:
                kept.append(tok)
            break
        kept.append(tok)
    while _open_brackets(kept) > 0:  # a bracket left open: cut before it
        opening = max(i for i, t in enumerate(kept) if t.text == "(")
        kept = kept[:opening]
    while kept and (kept[-1].is_space or (kept[-1].is_punct and kept[-1].text != ")")):
        kept.pop()
    return (start, _end(kept[-1])) if kept else (start, end)


def _quoted(token: Token, quotes: _Quotes) -> bool:
    """Whether a token is a quotation mark or stands inside a quotation."""
    return bool(_QUOTE_MARK.search(token.text)) or quotes.containing(token.idx) is not None


def _open_brackets(tokens: Sequence[Token]) -> int:
    return sum(t.text == "(" for t in tokens) - sum(t.text == ")" for t in tokens)
