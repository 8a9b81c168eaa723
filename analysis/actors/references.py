"""Pronouns and role nouns ("He added", "the spokesman", "its") resolved to the named
mentions through the shared resolver `analysis.resolve`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Token

from analysis import resolve as _resolver  # the resolver shared with attribution
from analysis.actors.base import (
    BODY_WORDS,
    FEMALE_KIN,
    FEMALE_TITLES,
    MALE_KIN,
    MALE_TITLES,
    PERSON_PRONOUNS,
    Cand,
    end_char,
)
from analysis.actors.camps import office_holder, title_nouns
from analysis.actors.identity import name_gender
from analysis.resolve import inside_quote


def _referent_kind(cand: Cand) -> str:
    return {"person": "person", "organisation": "organisation", "group": "group"}.get(
        cand.type, "place"
    )


def reference_candidates(
    doc: Doc,
    cands: list[Cand],
    speaker_spans: Iterable[tuple[int, int]],
    date: str | None = None,
    owners: Iterable[Cand] = (),
) -> list[Cand]:
    """Pronouns and role-noun phrases resolved to the named mentions. "the president"
    or "the vice president" that no earlier mention holds goes to the US officeholder on
    the article's `date` where the article names that person (`_sitting_officeholder`).
    `owners` are the persons named inside an organisation of theirs ("Hillary Clinton"
    of "Hillary Clinton's campaign"): no mentions themselves, but what "the president"
    may refer to ("a reboot for the Obama campaign after the president's dismal
    performance") and, where written as possessors, a pronoun ("Hillary Clinton's
    campaign released a statement from her doctor"; not "the Obama administration,
    which he criticized")."""
    owners = list(owners)
    run_in = {id(c) for c in owners if c.root_i is None or doc[c.root_i].dep_ != "poss"}
    known = [*cands, *owners]
    named = [c for c in known if id(c) not in run_in]  # what a pronoun may be about
    # The resolver's own view of the entities gives each person's gender and the role
    # nouns written next to the name; the candidates are the corrected mentions.
    roles: dict[str, set[str]] = defaultdict(set)
    bounds = [(doc[cand.i].idx, end_char(doc, cand), cand) for cand in known]  # once each
    for ref in _resolver.referents(doc):
        for start, end, cand in bounds:
            # A person's roles stay the person's ("President Obama" inside "the Obama
            # administration" gives the administration no "president").
            if start <= ref.start < end and (ref.kind == "person") == (cand.type == "person"):
                roles[cand.actor].update(ref.roles)
    for cand in known:
        roles[cand.actor].update(cand.titles)
        roles[cand.actor].update(title_nouns(doc, cand))
    genders = _genders(doc, known)
    # Who the text calls president (False) or vice president (True), by actor.
    titled = {
        actor: "vice" in r
        for actor, r in roles.items()
        if "president" in r and "former president" not in r  # "former President Clinton"
    }
    by_referent: dict[tuple[int, int], Cand] = {}
    referents = []
    for cand in sorted(known, key=lambda c: c.i):
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
    person_at = {k: c for c in named if c.type == "person" and c.actor for k in range(c.i, c.j)}

    # Whether each referent lies inside a speaker span, decided once per referent (the
    # spans do not change) instead of for every pronoun: index-aligned with `referents`.
    spoken = [_inside_any(r, speakers) for r in referents]

    def recent(before: int):
        return [
            r
            for r, inside in zip(referents, spoken, strict=True)
            if inside
            and r.start < before
            and r.kind == "person"
            and id(by_referent.get((r.start, r.end))) not in run_in
        ]

    def add(target: Cand, i: int, j: int, how: str) -> None:
        """Record the mention, and make it a candidate for what follows ("the
        commission said its team": "its" is the commission's)."""
        out.append(_copy_as(target, i, j, how))
        if target.type == "person":
            person_at.update({k: out[-1] for k in range(i, j)})
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
            if inside_quote(doc, token.i) or _either_gender(doc, token):
                continue  # a generic "his or her": no one
            if low == "they":
                opening = _resolver.previous_subject(doc, token) if token.dep_ in _SUBJECT else None
                plural = _resolver.plural_subject_before(token)
                target = _group_at(doc, opening or plural, cands)
                if target is None and plural is not None and not inside_quote(doc, plural.i):
                    continue  # "Those firms ... But they ...": a group no actor names
            elif low == "their" and _coordinated_subject(token):
                continue  # "Oklahoma, South Carolina and Texas ... amend their laws": all
            elif low in _SINGULAR:
                target = _salient_subject(doc, token, person_at, genders)
            else:
                target = None
            named_below = _named_below(doc, token, cands)
            if target is not None and target.actor not in named_below:
                add(target, token.i, token.i + 1, "pronoun")
                continue
            pronoun_referents = [
                r
                for r in referents
                if id(by_referent.get((r.start, r.end))) not in run_in and r.text not in named_below
            ]
            res = _resolver.resolve(
                doc, token.idx, token.idx + len(token.text), pronoun_referents, recent(token.idx)
            )
            if res.referent is None:
                continue
            target = by_referent.get((res.referent.start, res.referent.end))
            if target is not None and low in ("him", "her"):
                target = _other_than_own_subject(doc, token, target, person_at, genders)
            if target is None:
                continue
            if low in ("they", "their") and target.type not in ("group", "organisation"):
                continue  # a plural "they" is rarely one state or person
            if low in ("they", "their") and _coordinated(doc, res.referent):
                continue  # "Fiorina and Carson ... They": both, not the first
            if low in ("they", "their") and _pair_between(doc, res.referent, token):
                continue  # "Obama and Boehner met ... in their latest attempt": the two
            add(target, token.i, token.i + 1, "pronoun")
        elif _is_common_noun(token) and token.dep_ not in ("compound", "amod"):
            left = token.left_edge.i
            if doc[left].lower_ != "the" or token.i - left > (5 if _is_age(doc, token) else 3):
                continue
            if doc[left].head.i != token.i or token.dep_ == "appos":
                continue  # "the commission's spokesman"; "Ulvane Hydro, the company"
            if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children):
                continue  # "the Democratic leader of the Senate, Justin Alfond": the name
            if token.lemma_ == "campaign" and _election_time(doc, left, token):
                continue  # "Earlier in the campaign", "the 2000 presidential campaign"
            if any(k in covered for k in range(left, token.i + 1)):
                continue
            start, end = doc[left].idx, token.idx + len(token.text)
            target = _repeated_name(doc, cands, token, covered)
            if target is None:
                res = _resolver.resolve(doc, start, end, referents, recent(start))
                if res.how == "nominal" and res.referent is not None:
                    target = by_referent.get((res.referent.start, res.referent.end))
                elif _is_age(doc, token):  # "the 54-year-old": the person just named
                    target = _last_person(named, left)
                else:
                    target = _sitting_officeholder(doc, left, token, known, date, titled)
            if target is not None and target.type == "person" and token.lemma_ in _NOT_PEOPLE:
                continue  # "the committee" is never its chairman
            if target is not None and _not_the_sitting_one(doc, left, token, target, date):
                continue  # "Zimbabwe, where the longtime president ...", "the next president"
            if target is not None:
                add(target, left, token.i + 1, "nominal")
    return out


def _named_below(doc: Doc, token: Token, cands: list[Cand]) -> set[str]:
    """The persons a subject pronoun cannot be: those named by name later in its own
    clause ("He called Steele's comments unacceptable", "She said Pelosi was wrong":
    not Steele, not Pelosi; a pronoun never stands before a name it governs)."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ not in _SINGULAR:
        return set()
    verb = token.head
    return {
        c.actor
        for c in cands
        if c.type == "person"
        and c.actor
        and c.resolution in ("name", "alias", "partial-name")
        and token.i < c.i <= verb.right_edge.i
        and not inside_quote(doc, c.i)
    }


#: The pronoun of the other gender that makes a generic pair ("his or her").
_OTHER_GENDER = {"his": "her", "her": "his", "he": "she", "she": "he", "him": "her"}


def _either_gender(doc: Doc, token: Token) -> bool:
    """A pronoun paired with its other gender ("a person's ability to follow his or her
    religious beliefs", "he or she"): anyone, no actor."""
    pair = _OTHER_GENDER.get(token.lower_)
    if pair is None:
        return False
    after = doc[token.i + 1 : token.i + 3]
    before = doc[max(token.i - 2, 0) : token.i]
    return (len(after) == 2 and after[0].lower_ == "or" and after[1].lower_ in (pair, "them")) or (
        len(before) == 2 and before[1].lower_ == "or" and before[0].lower_ in (pair, "him")
    )


_SINGULAR = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
_SUBJECT = _resolver.NOUN_SUBJECT_DEPS


def _salient_subject(
    doc: Doc, token: Token, person_at: dict[int, Cand], genders: dict[str, str]
) -> Cand | None:
    """The person a he/she most likely continues, where the parse says so. In its own
    sentence: the subject of a clause it stands in ("Judge Gorsuch must earn eight
    votes — a threshold he is not on track to meet"; not "Santorum said he was not
    asking whether Obama is a Christian when he referred ...": Obama's clause does not
    hold the pronoun), else the nearest subject before it, else the nearest person
    named before it ("investigating Hodgkinson and his motives"), else the subject of
    the sentence before ("Mr. Scalise remained in the hospital. Doctors said his
    condition ...", over a speaker quoted paragraphs back), and, for a pronoun opening
    its sentence whose sentence before has a common noun for subject, the last person
    named there. Inside a question put to someone, the one asked ("Rose asked Rubio
    whether ... might make him appear ..."). Only a person of the pronoun's gender as the text
    gives it; never a subject the pronoun stands inside ("Boehner's chief of staff ...
    and his policy director") nor, for an object "him"/"her", the subject of its own
    verb. None: the shared resolver decides (nearest compatible, recent speakers
    first). Measured on hand-labelled BASIL pronouns (`benchmarks/actors.py
    --pronouns`)."""
    want = _SINGULAR[token.lower_]
    own = _own_subjects(token)

    def person(t: Token | None) -> Cand | None:
        if t is None or t.i in own or inside_quote(doc, t.i):
            return None
        cand = person_at.get(t.i)
        return cand if cand is not None and genders.get(cand.actor) == want else None

    def subject_person(t: Token) -> Cand | None:
        """The subject itself, the person apposed to it ("Mr. Jackson's lawyer, Reid
        H. Weingarten,") or the person owning it ("Mr. Hutchinson's views")."""
        found = person(t)
        for dep in ("appos", "poss"):
            if found is None:
                found = person(next((c for c in t.children if c.dep_ == dep), None))
        return found

    asked = _asked(token)
    if asked is not None and (found := person(asked)) is not None:
        return found
    sent = token.sent
    above = {a.i for a in token.ancestors}
    # A subject the pronoun stands inside is not what it refers to ("Boehner's chief
    # of staff, Mike Sommers, and his policy director": Boehner's).
    subjects = [
        t
        for t in reversed(doc[sent.start : token.i])
        if t.dep_ in _SUBJECT and not (t.left_edge.i <= token.i <= t.right_edge.i)
    ]
    for t in subjects:
        if t.head.i in above and (found := subject_person(t)) is not None:
            return found
    for t in subjects:  # no clause the pronoun stands in has one: the nearest
        if (found := subject_person(t)) is not None:
            return found
    for t in reversed(doc[sent.start : token.i]):  # else the nearest person named in it
        if t.lower_ not in _SINGULAR and (found := person(t)) is not None:
            return found
    subject = _resolver.previous_subject(doc, token, opening=False)
    if subject is not None and (found := subject_person(subject)) is not None:
        return found  # "Mr. Scalise remained in the hospital. Doctors said his condition"
    if subject is not None and subject.pos_ == "NOUN" and _resolver.opens_sentence(doc, token):
        # "Mr. Scalise remained in the hospital. Doctors said his condition was
        # critical. He received a standing ovation": the person the sentence before
        # was about, when its subject is no person.
        before = doc[sent.start - 1].sent
        for t in reversed(before):
            if (found := person(t)) is not None:
                return found
    return None


#: Verbs of asking whose object is the one a question after it is put to.
_ASKING = frozenset({"ask", "question", "press"})


def _asked(token: Token) -> Token | None:
    """The one asked, for a pronoun inside the question ("Charlie Rose asked Rubio
    whether invoking Kennedy might make him appear backward-looking": Rubio, not the
    asker): the object of the nearest verb of asking above it, written before it, where
    the pronoun stands in a "whether", "if" or wh- question (not a request: "asked
    Clinton to talk to Sestak about ... if he would drop out")."""
    below = token
    for verb in token.ancestors:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in _ASKING:
            if below.dep_ not in ("ccomp", "advcl") or below.left_edge.lower_ not in _QUESTION:
                return None
            return next(
                (c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < token.i),
                None,
            )
        below = verb
    return None


#: Words that open a question put to someone.
_QUESTION = frozenset("whether if why how what when where who which".split())


def _own_subjects(token: Token) -> set[int]:
    """For an object "him"/"her", the tokens of the subject of the verb it depends on
    (up through participles and infinitives to the subject that controls them), which
    it never refers to ("Brat toppled Cantor, repeatedly criticizing him"), less the
    subject's possessor ("LePage's comments got him in trouble"); else none."""
    if token.dep_ not in ("dobj", "dative", "pobj") or token.lower_ not in ("him", "her"):
        return set()
    verb = token.head.head if token.dep_ == "pobj" else token.head
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT]
        if subjects:
            # the subject less its possessor: "LePage's comments have gotten him in
            # trouble" is LePage
            owners = {
                t.i for s in subjects for c in s.children if c.dep_ == "poss" for t in c.subtree
            }
            return {t.i for s in subjects for t in s.subtree} - owners
        if verb.dep_ not in ("advcl", "xcomp", "conj", "acl") or verb.head is verb:
            break
        controller = [c for c in verb.head.children if c.dep_ in ("dobj", "dative")]
        if verb.dep_ == "xcomp" and controller:  # "asked members to join him": members
            return {t.i for c in controller for t in c.subtree}
        verb = verb.head
    return set()


def _other_than_own_subject(
    doc: Doc, token: Token, target: Cand, person_at: dict[int, Cand], genders: dict[str, str]
) -> Cand | None:
    """Where the resolver gave an object pronoun its own verb's subject, the nearest
    other person of its gender in the sentence before it; None where there is none."""
    own = _own_subjects(token)
    if not any(person_at.get(k) is not None and person_at[k].actor == target.actor for k in own):
        return target
    want = _SINGULAR.get(token.lower_)
    for t in reversed(doc[token.sent.start : token.i]):
        cand = person_at.get(t.i)
        if (
            t.i not in own
            and cand is not None
            and cand.actor != target.actor
            and genders.get(cand.actor) == want
        ):
            return cand
    return None


def _group_at(doc: Doc, subject: Token | None, cands: list[Cand]) -> Cand | None:
    """ "Republican senators rose to voice concerns about federal workers. They swore
    ...": a "They" opening a sentence as its subject continues the subject of the
    sentence before, and one in a clause coordinated with another that clause's
    subject ("Valdorian officials insisted ..., but they have yet to release ..."):
    the group or organisation written there, outside quotes ("GOP representatives",
    "members of the Republicans"), not the nearest plural named."""
    if subject is None or inside_quote(doc, subject.i):
        return None
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


def _coordinated_subject(pronoun: Token) -> bool:
    """Whether the subject of the clause a possessive stands in is a coordination
    of people, bodies or places written before it ("Oklahoma, South Carolina and Texas
    have introduced legislation to amend their laws", "Mr. Jackson and his wife used the
    money to finance their lifestyle"): the pronoun is all of them, which no one actor
    stands for."""
    for verb in pronoun.ancestors:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return (
                subject.i < pronoun.i
                and any(c.dep_ in ("cc", "conj") for c in subject.children)
                and (
                    subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                    or subject.lemma_.lower() in _resolver.GROUP_NOUNS
                )
            )  # (not "whether his apology and promise had allayed their concerns")
    return False


def _pair_between(doc: Doc, ref: _resolver.Referent, pronoun: Token) -> bool:
    """Whether two persons coordinated with each other ("President Barack Obama and
    House Speaker John Boehner met ...") stand between the referent and the plural
    pronoun, in its sentence or the one before: the pronoun is the two of them, whom
    no actor stands for, not a group named further back."""
    sentence = pronoun.sent
    first = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for token in doc[first : pronoun.i]:
        if token.idx < ref.end or token.dep_ != "conj" or token.ent_type_ != "PERSON":
            continue
        if token.head.ent_type_ == "PERSON" and token.head.idx >= ref.end:
            return True
    return False


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
            if low in _SINGULAR and not inside_quote(doc, token.i):
                genders[cand.actor] = _SINGULAR[low]
                given = name_gender(cand.actor)
                if given and given != genders[cand.actor]:
                    genders[cand.actor] = given  # the pronoun was someone else's
                break
    return genders


#: Prepositions that make "the campaign" the time of an election, not a candidate's
#: organisation ("in the campaign", "during the campaign").
_WHILE = frozenset("in during throughout before after since".split())


def _election_time(doc: Doc, left: int, token: Token) -> bool:
    """ "the campaign" is a candidate's organisation only written bare and not as a
    time: "the lawyer for the campaign", "investigations into the campaign" — not
    "Earlier in the campaign", "the 2000 presidential campaign"."""
    if token.i != left + 1:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _WHILE


def _copy_as(target: Cand, i: int, j: int, how: str) -> Cand:
    cand = Cand(i, j, target.actor, target.camp, target.type, how, target.from_table, root_i=j - 1)
    cand.linked_to = target
    return cand


#: Heads of noun phrases for bodies (the body words less the offices a person holds)
#: and events, never one person however the name was introduced ("Benghazi committee
#: chairman Trey Gowdy ... the committee").
_NOT_PEOPLE = (BODY_WORDS - {"governor", "mayor", "justice"}) | frozenset(
    """party attack shooting event meeting hearing investigation deal bill law time day
    week month year moment night morning evening""".split()
)
#: Words of outlets' names that are common nouns in lower case ("the news", "the post").
_OUTLET_WORDS = frozenset(
    "news times post press journal tribune herald star sun globe mail hill nation".split()
)


def _repeated_name(doc: Doc, cands: list[Cand], token: Token, covered: set[int]) -> Cand | None:
    """ "the union", "the commission", "the regime" after "Ulvane Valley Energy Workers'
    Union", "International Commission for Shared Waters", "the Tessary regime"; "the
    company" after "Ulvane Hydro, the jointly owned company": the nearest earlier
    organisation (or state named by a government noun) with that noun in its name or
    apposed to it; failing that, the first such one named later in the article, unless
    the noun was written in an earlier sentence without a name ("a House committee ...
    the committee's chairman" is not the Republican National Committee named further
    on; "the review by a State Department Accountability Review Board" stays)."""
    lemma = token.lemma_.lower()
    if lemma in _OUTLET_WORDS and token.is_lower:
        return None  # "The news that Mattis will be leaving": not Fox News
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
    if earlier is None and later is not None and doc[later.i].sent != token.sent:
        if any(_unnamed(t, lemma, covered) for t in doc[: token.sent.start]):
            return None  # "a House committee ... the committee's chairman": that one
    return earlier or later


def _unnamed(t: Token, lemma: str, covered: set[int]) -> bool:
    """Whether `t` is the noun `lemma` heading a phrase of its own that describes a thing
    no actor names ("a House committee"; not a bare "the department", which refers, nor
    "court-imposed", nor part of a name)."""
    doc = t.doc
    hyphened = (t.i + 1 < len(doc) and doc[t.i + 1].text == "-") or (
        t.i > 0 and doc[t.i - 1].text == "-"
    )
    described = any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in t.children) or any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children
    )  # "a House committee", "Moscow's broad campaign"; a bare "the department" refers
    return (
        t.lemma_.lower() == lemma
        and t.is_lower
        and t.pos_ == "NOUN"
        and t.dep_ != "compound"
        and described
        and not hyphened
        and t.i not in covered
    )


#: Words that make "the president" someone other than the sitting one.
_NOT_SITTING = frozenset(
    {"former", "next", "future", "late", "previous", "then", "first", "new", "longtime",
     "ousted", "deposed", "exiled"}
)  # fmt: skip


#: Words that make "the president" no one in particular.
_NO_ONE_YET = frozenset({"next", "future"})


def _not_the_sitting_one(doc: Doc, left: int, token: Token, target: Cand, date: str | None) -> bool:
    """Whether "the next president" or "the longtime president" resolved to a person
    it cannot be: the next or a future one is no one yet; a former, longtime, late or
    ousted one is not the officeholder sitting on the article's date ("Zimbabwe, where
    the longtime president was placed under house arrest" is not Donald Trump)."""
    if token.lower_ != "president":
        return False
    words = {t.lower_ for t in doc[left + 1 : token.i]}
    if words & _NO_ONE_YET:
        return True
    if not words & _NOT_SITTING:
        return False
    holder = office_holder(date, "vice president" if "vice" in words else "president")
    return holder is not None and target.actor in (holder, holder.split()[-1])


def _sitting_officeholder(
    doc: Doc,
    left: int,
    token: Token,
    cands: list[Cand],
    date: str | None,
    titled: Mapping[str, bool] | None = None,
) -> Cand | None:
    """ "The somber president, nearing the end of his eight-year term" in a lede that
    names Obama only later; "the vice president" where Joe Biden is only "Biden": the
    US president or vice president on the article's date, if the article names that
    person (the knowledge pack's name). Nothing without a date, for "the former
    president", where the officeholder is not in the article, or where the article
    calls someone else that anywhere (`titled`: actor → whether the title is vice
    president; "President Zelensky" named later)."""
    if token.lower_ != "president":
        return None
    words = [t.lower_ for t in doc[left + 1 : token.i]]
    if any(w in _NOT_SITTING for w in words):
        return None
    vice = "vice" in words
    holder = office_holder(date, "vice president" if vice else "president")
    if holder is None:
        return None
    surname = holder.split()[-1]
    if any(name not in (holder, surname) for name, v in (titled or {}).items() if v == vice):
        return None
    named = [  # the full name, or the bare surname the article writes ("Mr. Obama")
        c
        for c in cands
        if c.type == "person" and c.actor and (c.actor == holder or c.actor == surname)
    ]
    return min(named, key=lambda c: c.i) if named else None
