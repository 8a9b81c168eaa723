"""Who said it: the source token of a cue, its span (the name) and the source phrase
(the name with what describes the speaker), and the guards on who can be a source
(the writer's "let's", a dateline, an expletive "it"). Built on the token helpers of
`analysis.attribution.spans`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from analysis.attribution.clauses import _end, _goes_on_from
from analysis.attribution.cues import _cue_index, _lemma
from analysis.attribution.quotes import _Quotes
from analysis.attribution.spans import _animate, _span_of
from analysis.attribution.words import (
    ANIMATE_PRONOUNS,
    CAUSING_HEADS,
    OBJECT_SPEAKS_VERBS,
    PSYCH_PARTICIPLES,
    QUANTIFIER_SOURCES,
    SPEAKER_NOUNS,
    SPEAKER_TITLES,
    SUBJECT_DEPS,
    TIME_CONJUNCTIONS,
)
from analysis.resolve import dateline_end, doc_text, name_tokens, one_member


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


def _dateline_end(tok: Token) -> int | None:
    """Where the dateline that `tok` stands in ends ("WASHINGTON -- ", "KANSAS CITY, Mo.
    — "): a place in capitals opening a paragraph; None when `tok` is in none."""
    if not tok.text.isupper() or tok.ent_type_ not in ("GPE", "LOC"):
        return None
    return dateline_end(doc_text(tok.doc), tok.idx)


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
        owners = [c for c in tok.children if c.dep_ == "poss" and c.i < tok.i]
        if owners:
            return owners[0]  # "his decision not to participate", "Trump's demand"
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
            if child.dep_ == "agent" and not _active(cur):
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
        if not subjects and cur is tok:
            # "Schilling, through a spokeswoman, declined": a surname read as a gerund
            subjects = [c for c in tok.children if c.i < tok.i and name_read_as_gerund(c)]
        if not subjects and cur is tok:
            # "About 4 in 10 say ...", "That attitude, many argue, could ...": a share
            # or a quantifier the parser hung on the verb as a modifier.
            subjects = [
                c
                for c in tok.children
                if c.i < tok.i
                and (
                    (c.dep_ == "nummod" and c.pos_ == "NUM")
                    or (c.dep_ == "amod" and c.lower_ in QUANTIFIER_SOURCES)
                )
            ]
        if not subjects and cur.tag_ in ("VBD", "VBZ", "VBN"):
            # "Will wrote", "May said": no modal comes right before a past or
            # third-person verb; it is a name the parser read as one (George Will,
            # Theresa May) — also for a participle on such a verb ("Citing ..., Will
            # urged").
            subjects = [c for c in cur.children if c.dep_ == "aux" and name_read_as_modal(c)]
        if outside and quotes is not None and cur is tok:
            # A subject inside the quote is the parser's mistake; a name it set beside
            # it outside is the speaker ("''..., Mr. President,'' Representative Steve
            # Cohen, Democrat of Tennessee, told ...").
            subjects = [o for c in subjects if (o := _outside_quote(c, quotes)) is not None]
        if len(subjects) > 1:
            subjects = _before_a_folded_clause(cur, subjects)
        if subjects:
            child = min(subjects, key=lambda c: abs(c.i - tok.i))
            if child.dep_ == "nsubjpass" and child.lower_ == "it":
                return None
            if child.lower_ == "it" and cur is not tok and (aside := _subject_before_aside(tok)):
                # "It’s useful to remember ... when Todd Akin, running as ..., defended
                # what he called ...": the parser coordinated the cue with the copula;
                # its subject is the one it hung on the aside right before the cue.
                return aside
            if child.lower_ == "it" and _expletive(cur):
                return None  # "It was unclear where Mr. Bush got the figure": no one
            return _past_dateline(child)
        if cur is tok and _after_a_reduced_relative(tok):
            cur = tok.sent.root  # "responded to claims that she is one of the women
            continue  # referred to in the article, stating ...": the one responding
        if cur is tok and (above := _goes_on_from(tok)) is not None:
            cur = above  # "said he would order a review and warned ...": said's subject
            continue
        if cur.dep_ == "xcomp" and _lemma(cur.head) in CAUSING_HEADS:
            caused = [c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i]
            if caused:
                return caused[0]  # "the win led her to declare ...": "her"
        # Participial, coordinated or infinitival cues take their head's subject.
        if (
            cur.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "dep", "npadvmod", "prep")
            and cur.head.i != cur.i
        ):
            if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
                if _made_by_subject(cur):
                    cur = cur.head.head  # "issued a statement saying ...": the issuer
                    continue
                return cur.head
            reporter = _reporter_above(tok) if cur is tok else None
            if reporter is not None:
                # "X said he did not believe it, arguing that ...": the participle
                # goes on from the speaker, not from the reported clause.
                cur = reporter
                continue
            cur = cur.head
            continue
        if cur.dep_ == "relcl" and cur.head.pos_ == "PROPN" and cur.head.i < cur.i:
            # "Speaker Paul D. Ryan, the ... Republican, on Tuesday called ...": the
            # parser hung the verb on the name as a relative clause without a subject.
            return cur.head
        series = _subject_of_series(cur)
        if series is not None:
            return series
        return _name_before(cur) or (_name_after(cur) if cur is tok else None)
    return None


def _after_a_reduced_relative(tok: Token) -> bool:
    """An "-ing" cue after a comma that the parser hung on a passive participle
    modifying a noun ("the mystery women referred to in the article, stating on
    Twitter that ..."): what was referred to does not state; the sentence's subject
    does."""
    head = tok.head
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.i > 0
        and tok.doc[tok.i - 1].text == ","
        and head.dep_ == "acl"
        and head.tag_ in ("VBN", "VBD")  # the parser may tag the participle as past
        and head.i < tok.i
        and tok.sent.root.i < head.i
    )


def _before_a_folded_clause(verb: Token, subjects: list[Token]) -> list[Token]:
    """Of two subjects with a time word of the verb's between them, the first where
    the one after the time word cannot speak ("Reporters ... who were on the ground
    immediately after the attacks relayed that ...": "after the attacks" is no clause
    of "relayed"); one that can speak is the subject of the time clause ("The release,
    30 minutes after The Washington Post published ...": the Post published)."""
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in TIME_CONJUNCTIONS]
    first = min(s.i for s in subjects)
    return [s for s in subjects if _animate(s) or not any(first < m.i < s.i for m in marks)]


def _subject_of_series(verb: Token) -> Token | None:
    """The subject of a series the parser broke: "Trump further summed up Clinton as
    'terrible,' denounced her record and said ...", where "summed up" hangs on
    "denounced" as a clause of its own: the subject of such a clause before a verb
    that has none, unless the clause is a subordinate one ("when he ...", "if ...")."""
    for clause in verb.children:
        if (
            clause.dep_ == "advcl"
            and clause.i < verb.i
            and clause.pos_ in ("VERB", "AUX")
            and not any(c.dep_ == "mark" for c in clause.children)
            and clause.tag_ in ("VBD", "VBZ", "VBP")
        ):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.i < clause.i:
                return subject
    return None


def _reporter_above(tok: Token) -> Token | None:
    """The reporting verb whose reported clause an "-ing" participle hangs in: "X said
    he did not believe it, arguing ...", "a strategist said Clinton will have to
    choose ..., saying ..." (through the infinitive). None when the verb it hangs on
    frames a quote of its own ('X cannot say that "...," Lewandowski added, saying
    ...': it goes on from "added")."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG":
        return None
    verbs = _cue_index(None).verbs
    reported = tok.head
    doc = tok.doc
    subject = next((c for c in reported.children if c.dep_ in SUBJECT_DEPS), None)
    if (
        reported.dep_ == "ccomp"
        and _lemma(reported) in verbs
        and subject is not None
        and 0 < subject.left_edge.i < reported.i
        and doc[subject.left_edge.i - 1].is_quote
    ):
        return None  # a quote's frame the parser hung on the verb before the quote
    while reported.dep_ == "xcomp" and reported.head.i != reported.i:
        reported = reported.head
    if reported.dep_ == "ccomp" and _lemma(reported.head) in verbs:
        return reported.head
    return None


def _made_by_subject(participle: Token) -> bool:
    """True for an "-ing" participle describing the object of a verb of making or doing
    — "she issued a statement calling on ...", "Trump made a third attempt ...,
    writing on Twitter that ...", "opened a rally blasting Clinton": the subject of
    that verb speaks (on PolNeAR train, 46 of 53 such gold cues), unless the object is a
    person or body ("recruit pastors supporting Mr. Cruz") or the verb one of receiving
    or perceiving ("received calls saying ...": `OBJECT_SPEAKS_VERBS`)."""
    thing, verb = participle.head, participle.head.head
    return (
        participle.tag_ == "VBG"
        and thing.dep_ == "dobj"
        and thing.pos_ == "NOUN"
        and thing.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")
        and _lemma(thing) not in SPEAKER_NOUNS
        and verb.pos_ in ("VERB", "AUX")
        and _lemma(verb) not in OBJECT_SPEAKS_VERBS
        and any(c.dep_ == "nsubj" for c in verb.children)  # not "were given tickets telling"
    )


def _expletive(verb: Token) -> bool:
    """A copula whose "it" stands for a clause after it: "it was unclear where ...",
    "it is clear that ...", "it seems likely that ..."."""
    if _lemma(verb) not in ("be", "seem", "appear", "become", "remain"):
        return False
    complements = [c for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")]
    return any(
        c.i > verb.i
        and (
            c.dep_ in ("ccomp", "csubj")
            # "It was unclear where ...", parsed as an adverbial clause; "It is
            # unseemly to be moving ...", the infinitive hung on the copula
            or (c.dep_ == "advcl" and complements and c.left_edge.lower_ in _CLAUSE_WORDS)
            or (c.dep_ == "xcomp" and complements)
        )
        for c in verb.children
    ) or any(g.dep_ in ("ccomp", "xcomp") for c in complements for g in c.children)


#: Words that open a clause an extraposed "it" stands for.
_CLAUSE_WORDS = frozenset("where when whether if why how what who that".split())


def expletive_it(doc: Doc, span: tuple[int, int] | None) -> bool:
    """Whether `span` is the "it" of "it was unclear where ...": the writer's own
    judgement, no one's words (a learned source choice may land on it)."""
    words = doc.char_span(*span, alignment_mode="expand") if span is not None else None
    if words is None or len(words) != 1 or words[0].lower_ != "it":
        return False
    it = words[0]
    return it.dep_ in ("nsubj", "expl") and _expletive(it.head)


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


def _subject_before_aside(verb: Token) -> Token | None:
    """The subject the parser hung on a participle aside set off right before the
    verb: "Todd Akin, running as the Republican nominee for Senate in Missouri,
    defended ..." — Akin, the subject of "running", whose clause ends at the comma."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    last = doc[verb.i - 2]
    aside = next(
        (a for a in [last, *last.ancestors] if a.tag_ == "VBG" and a.right_edge.i == last.i),
        None,
    )
    if aside is None:
        return None
    subject = next((c for c in aside.children if c.dep_ == "nsubj" and c.i < aside.i), None)
    return subject if subject is not None and subject.ent_type_ == "PERSON" else None


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


def _active(verb: Token) -> bool:
    """A verb with an active subject and no passive auxiliary: a "by" phrase the parser
    hung on it belongs to its object ("That cable summarized an emergency meeting the
    day before by the U.S. Mission": the cable, not the mission)."""
    return any(c.dep_ == "nsubj" for c in verb.children) and not any(
        c.dep_ == "auxpass" for c in verb.children
    )


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


#: Words that may stand between a subject's body and the title of its person
#: ("The National Organization *for* Women President ...", "co *-* founder").
_TITLE_LINKS = frozenset({"for", "of", "-"})


def _titled_person_after(tok: Token) -> Token | None:
    """The person a title names after a body in one subject ("House Minority Whip
    Steny Hoyer", "Indivisible co-founder Ezra Levin", "The National Organization for
    Women President Terry O'Neill"): the last word of the name right after the title,
    or None. The parser hangs such subjects on the body or the title, so the name would
    be lost; the speaker is the person."""
    if tok.ent_type_ == "PERSON" or tok.pos_ not in ("PROPN", "NOUN"):
        return None
    doc, end = tok.doc, tok.sent.end
    for i in range(tok.i, end):
        word = doc[i]
        if word.lower_ in SPEAKER_TITLES:
            j = i + 1
            while (
                j < end
                and doc[j].pos_ == "PROPN"
                and doc[j].text[:1].isupper()
                and doc[j].ent_type_ in ("PERSON", "")
            ):
                j += 1
            name = doc[i + 1 : j]
            if len(name) >= 2 or (len(name) == 1 and name[0].ent_type_ == "PERSON"):
                return name[-1]
            return None  # "a spokeswoman for Speaker Paul D. Ryan": the spokeswoman
        if not (word.pos_ in ("PROPN", "NOUN") or word.lower_ in _TITLE_LINKS):
            return None
    return None


def _source_span(tok: Token) -> tuple[int, int] | None:
    """The source as a name where the phrase has one, else the noun phrase head and
    what precedes it ("US officials", "the spokesman for the ministry"); the person
    where a title names one after a body (`_titled_person_after`)."""
    doc = tok.doc
    person = _titled_person_after(tok)
    if person is not None:
        return _source_span(person)
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and not one_member(ent):  # "the Arizona Republican": a phrase
            words = [t for t in name_tokens(ent) if t.tag_ != "POS"]
            if words:  # "CNN's Fault\nTed Cruz": not the line above
                first = _after_line_break(doc, words[0].i, tok.i)
                words = [t for t in words if t.i >= first]
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
    i = _after_line_break(doc, i, tok.i)
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    return doc[i].idx, _end(doc[j])


def _outside_quote(subject: Token, quotes: _Quotes) -> Token | None:
    """The subject itself when it stands outside quotes, else the first name apposed
    to it that does, else None."""
    if quotes.containing(subject.idx) is None:
        return subject
    return next(
        (
            a
            for a in subject.children
            if a.dep_ == "appos" and a.i > subject.i and quotes.containing(a.idx) is None
        ),
        None,
    )


def name_read_as_modal(tok: Token) -> bool:
    """A capitalised "modal" right before a past or third-person verb is a name ("May
    said", "Will wrote": Theresa May, George Will): no modal comes before such a verb."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (
        (tok.tag_ == "MD" or tok.dep_ == "aux")
        and tok.is_title
        and nxt is not None
        and nxt.tag_ in ("VBD", "VBZ", "VBN")
    )


def name_read_as_gerund(tok: Token) -> bool:
    """A capitalised "-ing" word standing alone at the start of a sentence that the
    article writes elsewhere as part of a person's name ("Schilling, through a
    spokeswoman, declined ..." after "Curt Schilling"): the tagger read the surname as
    a gerund."""
    return (
        tok.tag_ == "VBG"
        and tok.is_title
        and tok.i == tok.sent.start
        and all(c.dep_ in ("punct", "prep", "appos") for c in tok.children)
        and any(e.label_ == "PERSON" and tok.text in e.text.split() for e in tok.doc.ents)
    )


def _after_line_break(doc: Doc, i: int, stop: int) -> int:
    """The first token of `i`..`stop` after the last line break among them: a speaker
    is no part of the line above ("... For Abortions\nJeb Bush criticized ...", a
    headline without a full stop that the parser ran into the sentence)."""
    for k in range(stop - 1, i - 1, -1):
        if "\n" in doc[k].text:  # a line break is a (space) token of its own
            return k + 1
    return i


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
    first = _after_line_break(source.doc, source.left_edge.i, source.i)
    before = [t for t in source.doc[first : source.i] if t.idx < start]
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
        if tok.idx >= sent_end or tok.i in cue or "\n" in tok.text:
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
