"""The scope of a target mention: the clause that governs it, without the side clauses
about something else and without the mention's own words (what every backend scores)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

#: Dependency labels of clauses that hang off a clause and are about something else:
#: left out of the scope unless they hold the mention. Relative clauses stay in ("the
#: senator, who lied, ..." describes the senator); cross-validated on NewsMTSC train.
SIDE_CLAUSES = frozenset({"conj", "advcl", "parataxis", "ccomp", "csubj"})
#: A clause head: a verb or auxiliary that is not itself an auxiliary of another verb.
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_AUX_DEPS = frozenset({"aux", "auxpass"})


def mention_span(doc: Doc, start: int, end: int) -> Span:
    """The tokens covering characters start..end (expanded to whole tokens)."""
    if not any(not t.is_space for t in doc):
        raise ValueError("no target in an empty document")
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        # Offsets in whitespace or past the end: take the nearest token.
        tokens = [t for t in doc if not t.is_space and t.idx + len(t.text) > start]
        nearest = tokens[0] if tokens else [t for t in doc if not t.is_space][-1]
        span = doc[nearest.i : nearest.i + 1]
    return span


def governing_clause(mention: Span) -> Token:
    """The head of the clause the mention belongs to: the first verb (not an
    auxiliary) above the mention's root, or the sentence root."""
    token = mention.root
    while True:
        if token.pos_ in _CLAUSE_POS and token.dep_ not in _AUX_DEPS:
            if token.i < mention.start or token.i >= mention.end:
                return token
        if token.head.i == token.i:
            return token
        token = token.head


def scope_tokens(doc: Doc, start: int, end: int) -> tuple[list[Token], Span, Token]:
    """(tokens of the scope in order, the mention, the clause head).

    The scope is the subtree of the governing clause's head, minus side clauses that do
    not hold the mention, minus the mention's own tokens, punctuation and whitespace."""
    mention = mention_span(doc, start, end)
    head = governing_clause(mention)
    inside = set(range(mention.start, mention.end))
    left_out: set[int] = set(inside)
    for token in head.subtree:
        if token.i == head.i or token.dep_ not in SIDE_CLAUSES:
            continue
        if token.dep_ == "conj" and token.pos_ not in _CLAUSE_POS:
            continue  # coordinated nouns ("Facebook, and Infowars") stay in
        subtree = {t.i for t in token.subtree}
        if subtree & inside:
            continue
        if _clause_of(token).i != head.i:
            continue  # handled when its own governing clause is visited
        left_out |= subtree
    words = [t for t in head.subtree if t.i not in left_out and not t.is_space and not t.is_punct]
    if not words:  # a bare mention ("MORGAN:"): fall back to the rest of its sentence
        words = [t for t in mention.sent if t.i not in inside and not t.is_space and not t.is_punct]
    return words, mention, head


def _clause_of(token: Token) -> Token:
    """The clause head a side clause hangs off (first clause head above it)."""
    parent = token.head
    while parent.head.i != parent.i and not (
        parent.pos_ in _CLAUSE_POS and parent.dep_ not in _AUX_DEPS
    ):
        parent = parent.head
    return parent


def scope_text(words: Sequence[Token]) -> str:
    return " ".join(t.text for t in words)


def _scope_bounds(words: Sequence[Token], mention: Span) -> tuple[int, int]:
    if not words:
        return mention.start_char, mention.end_char
    first, last = words[0], words[-1]
    return min(first.idx, mention.start_char), max(last.idx + len(last.text), mention.end_char)


# --------------------------------------------------------------------------- backends
