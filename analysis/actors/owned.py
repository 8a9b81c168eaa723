"""Organisations named after their person: "the Obama administration", "the Trump
campaign" ("Hillary Clinton's campaign"), "the Trump White House", in that person's
camp; and people introduced by a US government title, in the camp of the
administration of the article's date."""

from __future__ import annotations

import copy

from spacy.tokens import Doc, Token

from analysis.actors.aliases import AliasTable
from analysis.actors.base import FORMAL_SUFFIXES, IDENTITY_SUFFIXES, Cand
from analysis.actors.camps import administration_party, government_title

#: What a person's name before it makes an organisation of that person's: "the Obama
#: administration", "the Trump campaign" ("Trump's campaign").
OWNED_BODIES = frozenset({"administration", "campaign"})


def owned_bodies(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """ "the Obama administration", "the Trump White House", "the Trump campaign": a
    person's name modifying "administration" or "campaign" (or "White House") is an
    organisation of theirs, named "<surname> administration" ("<surname> campaign"), in
    their camp (`administration_camps`); "the administration" ("the campaign") later
    refers back to it. What the campaign did is not what the candidate did ("the Trump
    campaign colluded"). Returns the persons as they were named, for pronouns and role
    nouns to refer to (`reference_candidates`)."""
    owners = []
    for cand in cands:
        if cand.type != "person" or not cand.actor or cand.root_i is None:
            continue
        token = doc[cand.root_i]
        head = token.head
        if token.dep_ not in ("compound", "poss", "nmod") or head.i < cand.j:
            continue
        elif _owned_body(head):
            end = head.i + 1
        elif head.text == "House" and head.i > 0 and doc[head.i - 1].text == "White":
            end = head.i + 1
        else:
            continue
        if any(c is not cand and cand.j <= c.i < end for c in cands):
            continue
        body = head.lemma_.lower() if head.lemma_.lower() in OWNED_BODIES else "administration"
        owners.append(copy.copy(cand))
        cand.owner = cand.actor
        cand.actor = f"{_surname(cand.actor)} {body}"
        cand.j, cand.root_i, cand.type = end, head.i, "organisation"
        cand.resolution, cand.from_table = "name", False
        if cand.camp_source not in ("text", "table", "pack"):  # the person's own camp stays
            cand.camp, cand.camp_source = None, ""
    return owners


def _owned_body(token: Token) -> bool:
    """ "administration" or "campaign" as a noun (`OWNED_BODIES`)."""
    return token.lemma_.lower() in OWNED_BODIES and token.pos_ in ("NOUN", "PROPN")


def _surname(name: str) -> str:
    """The surname as written, without "Jr." or "III" ("Donald Trump Jr." → "Trump")."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in IDENTITY_SUFFIXES | FORMAL_SUFFIXES:
        words.pop()
    return words[-1]


def government_camps(doc: Doc, cands: list[Cand], date: str | None) -> None:
    """A person introduced by a US government title ("Attorney General Eric Holder")
    whose camp no table, party marker or pack gives is in the camp of the
    administration in office on the article's date (`camps.government_title`)."""
    party = administration_party(date)
    if party is None:
        return
    for cand in cands:
        if cand.type != "person" or cand.linked_to is not None:
            continue
        if cand.camp and cand.camp_source in ("table", "text", "pack"):
            continue
        if government_title(doc, cand):
            cand.camp, cand.camp_source = party, "inferred"
            for other in cands:  # the person's other mentions in the article, also
                # those inferred from a body in the title ("CIA Director Ora Vance ...
                # Vance said"): one camp per person in the article
                if other.actor == cand.actor and (
                    not other.camp or other.camp_source == "inferred"
                ):
                    other.camp, other.camp_source = party, "inferred"


def administration_camps(cands: list[Cand], aliases: AliasTable) -> None:
    """An administration's camp is its president's (in the article, else the table's
    or pack's)."""
    for cand in cands:
        owner = cand.owner if cand.linked_to is None else cand.linked_to.owner
        if not owner:
            continue
        known = [c for c in cands if c.actor == owner and c.camp]
        row = aliases.actor_row(owner)
        namesake = aliases.sole_namesake(owner)
        if row is None and namesake:  # "the Trump administration"
            row = aliases.actor_row(namesake)
        if known:
            cand.camp, cand.camp_source = known[0].camp, known[0].camp_source
        elif row and row.camp:
            cand.camp, cand.camp_source = row.camp, "pack" if row.source == "pack" else "table"
