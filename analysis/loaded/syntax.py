"""Small questions about a token's place in the parse, shared by the lexicon's sense
guards, the about-whom link and the trained tagger's features."""

from __future__ import annotations

from spacy.tokens import Doc, Token

MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod")
OBJECT_DEPS = ("dobj", "nsubjpass")  # "claimed three lives", "lives were claimed"


def is_modifier(token: Token) -> bool:
    """A prenominal modifier of a noun: 'the claimed attack', 'the alleged plot'."""
    return (
        token.dep_ in MODIFIER_DEPS
        and token.head.pos_ in ("NOUN", "PROPN")
        and token.i < token.head.i
    )


def next_word(doc: Doc, i: int) -> Token | None:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None
