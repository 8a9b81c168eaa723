"""BASIL-style gold for portrayal: reading it and finding each labelled entity among
the kit's actors.

Gold is JSONL, one line per article × entity: `id` (the article id), `entity` (a name
as the annotators spell it), `author_feeling` (`neg|neu|pos`), `triplet` (the event,
for cross-validation by event), `outlet`. `match_entity` finds the entity among the
actors the kit found in that article:

1. the same name (case, dots and possessives aside) — or, where the gold writes no
   suffix, a namesake with one ("Jesse Jackson Jr.") mentioned at least three times
   as often: the gold names the article's main entities, and drops suffixes;
2. a person with the same surname whose first name agrees (the same, one a prefix or
   initial of the other, a short form listed in `analysis/data/nicknames.csv` — Chuck and
   Charles —, or none given: "Trump"); an entity's generational suffix (Jr., III) must
   be the actor's too; one without a suffix first, unless a suffixed one is mentioned
   at least three times as often (as in 1);
3. a party group by its party word ("Senate Republicans", "Republican Lawmakers" →
   the group actor whose name carries "Republican", else whose camp does; never one
   of the other chamber), never a person;
4. an actor whose name is the entity's last words ("U.S. Congress" → "Congress").

Where several actors match at one step, the most mentioned wins.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.config import package_data

GOLD_LABELS = {"neg": "negative", "neu": "neutral", "pos": "positive"}
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: How many times as often a suffixed namesake ("Jesse Jackson Jr.") must be mentioned
#: as the exact name ("Jesse Jackson") to be the entity the gold means.
SUFFIXED_MAIN = 3
#: Party words and the stem that names the party in an actor's name or camp.
PARTY_WORDS = {
    "republican": "republican",
    "republicans": "republican",
    "gop": "republican",
    "democrat": "democrat",
    "democrats": "democrat",
    "democratic": "democrat",
}
#: Chamber words: a party group of one chamber is never matched to the other's.
CHAMBERS = frozenset({"senate", "house"})
PARTY_STEMS = {"republican": ("republican", "gop"), "democrat": ("democrat",)}


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold records; ValueError naming the line of a malformed one."""
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                record["id"], record["entity"]  # noqa: B018 - required fields
                record["label"] = GOLD_LABELS[record["author_feeling"]]
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a portrayal record ({error})") from None
            records.append(record)
    return records


def _words(name: str) -> list[str]:
    name = re.sub(r"[’']s\b", "", name.lower())
    return [w for w in re.split(r"[^\w-]+", name.replace(".", "")) if w]


@functools.cache
def nicknames() -> frozenset[tuple[str, str]]:
    """(given name, short form) pairs of `data/nicknames.csv`, both ways round."""
    with package_data("data/nicknames.csv").open(encoding="utf-8", newline="") as handle:
        pairs = {
            (row["name"].strip().lower(), row["nickname"].strip().lower())
            for row in csv.DictReader(handle)
        }
    return frozenset(pairs | {(b, a) for a, b in pairs})


def _first_names_agree(a: str, b: str) -> bool:
    """The same name, one a prefix (or initial) of the other, or a listed short form."""
    return a == b or a.startswith(b) or b.startswith(a) or (a, b) in nicknames()


def _person_match(entity: list[str], actor: list[str]) -> bool:
    e_suffix = [w for w in entity if w in SUFFIXES]
    a_suffix = [w for w in actor if w in SUFFIXES]
    if e_suffix and e_suffix != a_suffix:
        return False  # "Donald Trump Jr." is never "Donald Trump"
    e = [w for w in entity if w not in SUFFIXES]
    a = [w for w in actor if w not in SUFFIXES]
    if not e or not a or e[-1] != a[-1]:
        return False
    if len(e) == 1 or len(a) == 1:
        return True
    return _first_names_agree(e[0], a[0])


def _far_more_mentioned(
    suffixed: Sequence[Mapping[str, Any]], others: Sequence[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The suffixed namesakes mentioned at least `SUFFIXED_MAIN` times as often as the
    most mentioned of `others` (the article's main "Jesse Jackson Jr." over a father
    named once)."""
    most = max((a.get("mentions") or 0 for a in others), default=0)
    return [a for a in suffixed if (a.get("mentions") or 0) >= SUFFIXED_MAIN * most]


def match_entity(
    entity: str,
    actors: Sequence[Mapping[str, Any]],
) -> tuple[str | None, str]:
    """(the actor the entity denotes, how it matched: exact|surname|party|suffix|none).

    `actors` holds one mapping per actor found in the article: `actor`, `type`,
    `camp` and `mentions` (its number of mentions there)."""
    target = _words(entity)
    if not target:
        return None, "none"

    def best(found: list[Mapping[str, Any]]) -> str:
        return max(found, key=lambda a: (a.get("mentions") or 0, str(a["actor"])))["actor"]

    exact = [a for a in actors if _words(str(a["actor"])) == target]
    if exact:
        if not SUFFIXES & set(target):
            # BASIL writes "Jesse Jackson" for the article's Jesse Jackson Jr.: a main
            # entity is the suffixed namesake where that is far more mentioned
            suffixed = [
                a
                for a in actors
                if [w for w in _words(str(a["actor"])) if w not in SUFFIXES] == target
                and SUFFIXES & set(_words(str(a["actor"])))
            ]
            main = _far_more_mentioned(suffixed, exact)
            if main:
                return best(main), "surname"
        return best(exact), "exact"
    party = {PARTY_WORDS[w] for w in target if w in PARTY_WORDS}
    if not party:
        people = [
            a
            for a in actors
            if a.get("type") == "person" and _person_match(target, _words(str(a["actor"])))
        ]
        if people:
            # "Cesar Sayoc" is "Cesar Sayoc Jr." only when no one without a suffix
            # matches, or (as for the exact name) when the suffixed namesake is far more
            # mentioned: "Jesse Jackson" is the article's Jesse Jackson Jr., not the
            # "Rev. Jesse L. Jackson" named once.
            plain = [a for a in people if not SUFFIXES & set(_words(str(a["actor"])))]
            main = _far_more_mentioned([a for a in people if a not in plain], plain)
            return best((main if plain and main else plain) or people), "surname"
    if len(party) > 1:
        return None, "none"
    if party:
        stems = PARTY_STEMS[party.pop()]
        groups = [
            a
            for a in actors
            if a.get("type") != "person"
            and any(
                s in " ".join(_words(str(a["actor"])) + _words(str(a.get("camp") or "")))
                for s in stems
            )
            and (a.get("type") == "group" or "party" in _words(str(a["actor"])))
        ]
        chamber = CHAMBERS & set(target)
        if chamber:  # "Senate Democrats" are not the "House Democrats"
            groups = [a for a in groups if not (CHAMBERS - chamber) & set(_words(str(a["actor"])))]
        named = [a for a in groups if any(s in " ".join(_words(str(a["actor"]))) for s in stems)]
        if named or groups:
            return best(named or groups), "party"  # "Republicans" before the "Tea Party"
        return None, "none"  # "Republican lawmakers" are not all "lawmakers"
    for k in range(len(target) - 1, 0, -1):
        tail = target[-k:]
        found = [a for a in actors if _words(str(a["actor"])) == tail]
        if found:
            return best(found), "suffix"
    return None, "none"


def match_gold(gold: Sequence[Mapping[str, Any]], mentions: Any) -> list[dict[str, Any]]:
    """Each gold record with `actor` (None when not found) and `match` added.
    `mentions` is the mentions table of a run over the gold's articles."""
    counts = (
        mentions.groupby(["article_id", "actor"])
        .agg(mentions=("start", "size"), type=("type", "first"), camp=("camp", "first"))
        .reset_index()
    )
    by_article: dict[str, list[dict[str, Any]]] = {}
    for row in counts.to_dict("records"):
        by_article.setdefault(row["article_id"], []).append(row)
    out = []
    for record in gold:
        actor, how = match_entity(record["entity"], by_article.get(record["id"], []))
        out.append({**record, "actor": actor, "match": how})
    return out
