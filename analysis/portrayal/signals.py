"""Per-mention signals of how the writer portrays an actor (needs the parse).

For each actor mention, beside the target-directed polarity of its clause (the
`trained` backend's score, `analysis.sentiment.target_polarity`), this module reads:

- `mood`: VADER compound of the whole sentence — the event's mood, which the article
  model sets against what is said *about* the actor;
- `about`: VADER compound of the words that describe the actor itself (a word VADER
  does not list is read as its lemma: "stole" as "steal") — modifiers and
  appositions of the mention ("the *embattled* governor", "Smith, *a convicted
  fraudster*"), relative clauses on it, and the predicate when it is the subject of
  a copula ("Smith was *reckless*");
- `act`: VADER compound of what the actor's clause says happened: the governing verb
  and its objects and complements, the mention left out. With the mention's role
  (`agent` / `patient`) this tells the agent of a negative act ("Smith *stole* the
  funds") from its victim ("thieves *robbed* Smith");
- `paragraph`: the 0-based paragraph of the body holding the mention (0 is the lede).

Records are plain (`MentionSignal`), one per mention, with character offsets; no spaCy
object leaves this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from analysis.sentiment import governing_clause, mention_span, vader_lexicon, vader_scores

#: Dependents of the mention that describe it.
DESCRIBING_DEPS = frozenset({"amod", "appos", "relcl", "acl", "nmod", "compound", "advmod"})
#: Dependents of a clause head that say what was done (objects and complements).
ACT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "xcomp", "prt", "neg", "dative", "prep"})
_COPULAS = frozenset({"be", "become", "remain", "seem", "appear"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True)
class MentionSignal:
    """What the text says around one actor mention (offsets index the article text)."""

    article_id: str
    start: int
    end: int
    target: float  # target-directed polarity of the mention's scoped clause (-1..1)
    scope_start: int
    scope_end: int
    sentence_start: int  # the sentence holding the mention
    sentence_end: int
    mood: float  # VADER compound of the whole sentence
    about: float  # VADER compound of the words describing the actor (0 when none)
    about_text: str
    act: float  # VADER compound of the clause head and its objects (mention left out)
    act_text: str
    paragraph: int  # 0-based paragraph of the body (0: the lede)


def _words(tokens: list[Token]) -> str:
    """The tokens as written ("Mr. Obama’s war"), "…" where words were left out
    ("called a war of … choosing" once the actor's own mention is taken away)."""
    parts: list[str] = []
    previous = None
    for token in sorted(tokens, key=lambda t: t.i):
        if previous is not None:
            parts.append(previous.whitespace_ if token.i == previous.i + 1 else " … ")
        parts.append(token.text)
        previous = token
    return "".join(parts)


def _tone(tokens: list[Token]) -> float:
    """VADER compound of the tokens, each word VADER does not list replaced by its
    lemma when that is listed ("stole" → "steal", "robbed" → "rob")."""
    lexicon = vader_lexicon()
    words = []
    for token in sorted(tokens, key=lambda t: t.i):
        lemma = token.lemma_.lower()
        known = token.lower_ in lexicon or lemma not in lexicon
        words.append(token.text if known else lemma)
    return round(vader_scores(" ".join(words))["compound"], 4)


def describing_tokens(mention: Span) -> list[Token]:
    """Tokens describing the mention: its modifiers, appositions and relative clauses,
    and the predicate of a copula it is the subject of; the mention itself left out."""
    inside = set(range(mention.start, mention.end))
    root = mention.root
    found: dict[int, Token] = {}
    heads = [t for t in mention if t.head.i == root.i or t.i == root.i]
    for token in heads:
        for child in token.children:
            if child.i in inside or child.dep_ not in DESCRIBING_DEPS:
                continue
            if child.dep_ == "compound" and child.ent_type_:
                continue  # part of a name ("Senate Majority Leader")
            for t in child.subtree:
                if t.i not in inside and not t.is_punct and not t.is_space:
                    found[t.i] = t
    verb = root.head
    if root.dep_ == "nsubj" and verb.lemma_ in _COPULAS:
        for child in verb.children:
            if child.dep_ in ("acomp", "attr", "oprd"):
                found.update({t.i: t for t in child.subtree if not t.is_punct})
    return list(found.values())


def act_tokens(mention: Span, head: Token) -> list[Token]:
    """The clause head and its objects and complements, without the mention (and
    without clauses hanging off the head: they are about something else)."""
    inside = set(range(mention.start, mention.end))
    found = {head.i: head} if head.i not in inside else {}
    if head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        found[head.head.i] = head.head  # "robbed and beat Kessler": both verbs
    for child in head.children:
        if child.dep_ not in ACT_DEPS:
            continue
        for t in child.subtree:
            if t.i not in inside and not t.is_punct and not t.is_space:
                found[t.i] = t
    return list(found.values())


def paragraph_index(text: str, body_start: int, start: int) -> int:
    """The 0-based paragraph (a run of text between line breaks) holding `start`."""
    return len(_PARAGRAPH_BREAK.findall(text, body_start, max(body_start, start)))


def mention_signal(
    doc: Doc,
    article_id: str,
    text: str,
    body_start: int,
    start: int,
    end: int,
    target: float,
    scope: tuple[int, int],
) -> MentionSignal:
    """The signals of the mention at start..end (its target polarity and scope given)."""
    mention = mention_span(doc, start, end)
    head = governing_clause(mention)
    about = describing_tokens(mention)
    act = act_tokens(mention, head)
    about_text, act_text = _words(about), _words(act)
    sentence = mention.sent  # found once (spaCy walks the tokens for each `.sent`)
    return MentionSignal(
        article_id=article_id,
        start=start,
        end=end,
        target=float(target),
        scope_start=scope[0],
        scope_end=scope[1],
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        mood=round(vader_scores(sentence.text)["compound"], 4),
        about=_tone(about),
        about_text=about_text,
        act=_tone(act),
        act_text=act_text,
        paragraph=paragraph_index(text, body_start, start),
    )
