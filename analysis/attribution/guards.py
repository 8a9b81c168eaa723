"""Sense guards: when a word of the cue lexicon is no report here, whoever proposes it
(the rules or the learned model) — "the fire claimed two lives", "would say", "went on
Twitter", "drew criticism", "without offering evidence". The rules and the model share
them (`sense_guarded`, `not_a_report`), so a guard read off the data holds in every
mode."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from analysis.attribution.cues import _CueIndex, _lemma
from analysis.attribution.quotes import _Quotes
from analysis.attribution.received import received_with, receives_judgement
from analysis.attribution.sources import (
    name_read_as_modal,
)
from analysis.attribution.spans import _animate, _called_out, _naming_content
from analysis.attribution.words import (
    ANIMATE_PRONOUNS,
    ASPECT_VERBS,
    BELIEF_VERBS,
    CLAUSE_ONLY,
    FINDING_OBJECTS,
    FINDING_SOURCES,
    HYPOTHETICAL,
    INSTRUMENT_NOUNS,
    LOOK_AWAY,
    LOOK_TOWARD,
    NEGATING_HEADS,
    PURPOSE_VERBS,
    REALISING_HEADS,
    SPEAKER_NOUNS,
    SUBJECT_DEPS,
    TOPIC_PREPOSITIONS,
)


def in_markup(tok: Token) -> bool:
    """The name of a markup tag left in the text ("<tweet author=...>"): no cue."""
    doc = tok.doc
    return tok.i > 0 and doc[tok.i - 1].text in ("<", "</") and not doc[tok.i - 1].whitespace_


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


def _that_said(tok: Token) -> bool:
    """ "That said, ..." / "That being said, ...": a discourse marker (having said
    that), no one's report; a message "that said, “...”" after a noun stays."""
    doc = tok.doc
    if _lemma(tok) != "say" or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
        return False
    k = tok.i - 1
    if k >= 0 and doc[k].lower_ == "being":
        k -= 1
    if k < 0 or doc[k].lower_ != "that":
        return False
    before = doc[k - 1] if k > 0 else None
    return before is None or before.is_sent_end or before.text in _OPENERS or doc[k].is_sent_start


#: What may stand right before a sentence-opening "That said,".
_OPENERS = frozenset({"“", '"', "‘", "(", "—", "--", "–", ".", "\n", "\n\n"})


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


def not_a_report(tok: Token, children: Sequence[Token]) -> bool:
    """The guards shared by the rules and the model's cues: irrealis ("refused to
    pledge" is negated speech, "obligates countries to offer" no speech at all), "people
    briefed on the talks" (the briefed, not a report), "find" of a thing, an imperative
    addressing the reader ("Don't blame Bush"), "let's say", "without saying", and
    hypothetical speech ("would see", "may highlight"; "could not explain" reports a
    failure to speak, and stays)."""
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "without" and _lemma(tok) not in BELIEF_VERBS:
        # "without offering evidence": what was not said (gold 4 in 14 on PolNeAR train);
        # "without really knowing what the facts are" is kept, like "don't know".
        return True
    if (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        and _lemma(head) not in NEGATING_HEADS
        and not _realised(tok)
    ):
        return True
    if _filler(tok) or _that_said(tok):
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


def certain_to(tok: Token) -> bool:
    """ "That prospect is sure to infuriate the White House", "the bill is certain to
    pass": "sure"/"certain" with an infinitive is the writer's prediction, no one's
    certainty ("he was sure Trump would win" stays)."""
    return _lemma(tok) in ("sure", "certain") and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in tok.children
    )


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


def _movement_or_frame(lemma: str, children: Sequence[Token], index: _CueIndex) -> bool:
    """Verbs the model may take for a report that here are a movement, a gaze, an act of
    law or the frame of one: "walked grim-faced to the podium" ("walked back his
    remarks" stays), "looked back in the direction of his father", "signed into law",
    "began his questions by saying, ..." (the report is the "saying")."""
    particles = {c.lower_ for c in children if c.dep_ == "prt"}
    preps = {c.lower_ for c in children if c.dep_ == "prep"}
    if lemma == "walk":
        return not any(c.lower_ == "back" and c.i == c.head.i + 1 for c in children)
    if lemma == "look":
        return bool(particles & LOOK_AWAY or preps & LOOK_TOWARD)
    if lemma == "sign":
        return "into" in preps
    if lemma in ASPECT_VERBS | {"open"}:
        return any(
            c.dep_ == "prep"
            and c.lower_ == "by"
            and any(g.dep_ == "pcomp" and _lemma(g) in index.verbs for g in c.children)
            for c in children
        )
    return False


def sworn_in(lemma: str, children: Sequence[Token], deps: set[str]) -> bool:
    """ "Congress is sworn in next month", "was sworn in as president": an oath of
    office, no report ("sworn in to tell the truth" stays)."""
    return (
        lemma == "swear"
        and any(c.dep_ in ("prt", "prep") and c.lower_ == "in" for c in children)
        and not deps & {"xcomp", "ccomp"}
        and not any(c.dep_ == "advcl" and c.tag_ == "VB" for c in children)
    )


#: Who is confirmed to an office: "the nominee was confirmed 54-45", "the Senate
#: confirmed a judge" (words for people besides names and personal pronouns).
_OFFICE_HOLDERS = frozenset(
    "nominee judge justice appointee pick secretary ambassador director person".split()
)


def confirmed_to_office(tok: Token) -> bool:
    """ "Gorsuch was confirmed 54-45", "the Senate confirmed a judge": an appointment
    approved, not a claim confirmed true ("was confirmed as one of the passengers",
    "confirmed dead", "confirmed that ..." and "confirmed the report" are claims).
    PolNeAR annotates these as attributions, so they stay rows, with stance `other`."""
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    if _lemma(tok) != "confirm" or deps & {"ccomp", "xcomp", "acomp", "oprd"}:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in children):
        return False
    confirmed = next((c for c in children if c.dep_ in ("nsubjpass", "dobj")), None)
    if confirmed is None:
        return False
    return (
        confirmed.ent_type_ == "PERSON"
        or (confirmed.pos_ == "PROPN" and not confirmed.ent_type_)  # an untagged name
        or confirmed.lemma_.lower() in _OFFICE_HOLDERS
        or confirmed.lower_ in ("he", "she", "him", "her")
    )


def _thing_ordered(lemma: str, deps: set[str]) -> bool:
    """ "a replacement was ordered in 2024": a passive "order" with neither an orderer
    nor what is ordered done is a purchase, no one's directive ("was ordered to
    testify", "ordered by the court" stay). PolNeAR has no such passive."""
    return lemma == "order" and "nsubjpass" in deps and not deps & {"ccomp", "xcomp", "agent"}


def _attracts(lemma: str, tok: Token, children: Sequence[Token]) -> bool:
    """ "Cruz appeals to Reagan Democrats", "phrases that appealed to working-class
    voters": "appeal to" someone with nothing asked of them is attraction, no plea
    ("appealed to residents to stay indoors", "appealed for calm" stay); the noun too
    ("his appeal to union voters"). PolNeAR train and dev: 5 of 56 verb or noun
    "appeal(s/ed/ing) to" are cues, all of them this sense too."""
    return (
        lemma == "appeal"
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in children)
        and not any(
            c.i > tok.i and (c.dep_ in ("xcomp", "ccomp", "parataxis") or c.lower_ == "for")
            for c in children
        )
    )


def sense_guarded(tok: Token, index: _CueIndex, quotes: _Quotes | None = None) -> bool:
    """True when one of the rules' sense guards rules out `tok` as a cue, whatever a
    learned model makes of it: a clause-only verb without a clause or quote ("the fire
    claimed two lives", "insisted on a recount"), "call" that does not name ("called
    her brother"; "call for" and "call on" stay), an adjective with neither clause nor
    topic ("the weather was clear"), "appeared on CBS" (no impression), the hospital
    "admit", a thing "ordered" (bought) with no one ordering it, a markup tag's name
    ("<tweet ...>"), "appeals to voters" (attraction), "went on Twitter" (the
    infinitive after it is the cue), "drew criticism" (received, not said:
    `received`), "back down", hypothetical speech
    ("would say"), an imperative, a bare infinitive ("obliged to report"; not after
    refuse/decline/fail), "let's say", "a stream called ...", and a belief inside what
    someone said ("said he thinks ...")."""
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
        and (
            quotes is None
            or (_naming_content(tok, quotes) is None and _called_out(tok, quotes) is None)
        )
    ):
        return True
    if sworn_in(lemma, children, deps) or _movement_or_frame(lemma, children, index):
        return True
    if _thing_ordered(lemma, deps) or _attracts(lemma, tok, children):
        return True
    if _went_on_a_medium(lemma, children) or certain_to(tok):
        return True
    if lemma == "back" and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("down", "off", "away", "out") for c in children
    ):
        return True  # "did not back down": retreat, not support
    if receives_judgement(tok) or received_with(tok):
        return True  # "the plan drew criticism", "drew criticism and a call for ..."
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
    is someone calling something a name (`_called_by_someone`); also where the parser
    makes it the clause of a preposition ("a story about that cover called “...”")."""
    if _lemma(tok) != "call" or tok.tag_ != "VBN":
        return False
    if tok.dep_ == "pcomp":  # not "in what Bay Buchanan ... called “hand-to-hand combat”"
        return not _animate(next((c for c in tok.children if c.dep_ == "nsubj"), None))
    return tok.dep_ == "acl" and not _called_by_someone(tok)


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
