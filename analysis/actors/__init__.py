"""Actors: who appears in an article, under one canonical name, in which camp, and in
which role.

Every per-actor table (voice share, verbs per actor, sentiment per actor) counts rows of
this layer, so all the ways of writing one referent must land on one actor: "Dmitry
Peskov", "Peskov", "Putin's spokesman" and "He" are one person in the Russian camp;
"Kiev", "Kyiv" and "Ukrainian forces" are Ukraine.

How a mention is found (`find_mentions`):

1. **Alias table** (`data/actors.csv`, editable; see `load_aliases`): its patterns are
   matched over the parsed text and win over spaCy's entity tags, which they correct
   ("Kiev" tagged as a person, "Kyiv" missed, invented names mislabelled).
2. **spaCy entities** (PERSON, ORG, GPE, NORP) not covered by the table.
3. **Nationality adjectives and state modifiers**: "a Ukrainian drone" is Ukraine
   acting; "Ukrainian forces", "US officials", "Kestrel officials" are groups in the
   state's camp; "the Tessary regime" is the state; "Russian territory" or "the Moscow
   region" is geography and no mention.
4. **Metonymy**: a capital or seat of government (table type `place`) stands for its
   government only where it acts: as the subject of a clause ("Moscow reserves the
   right"), a possessor ("Kiev's involvement"), the agent of a passive, or the modifier of
   a non-place noun ("Kiev forces"). "Officials in Moscow" keeps Moscow a place.
5. **Pronouns and role nouns** ("He added", "the spokesman", "its") through the shared
   resolver `analysis.resolve`, given the corrected mentions as candidates; a definite
   phrase repeating the head of an organisation's name ("the union", "the company")
   refers back to it.

Who is who (`identity`): within an article, a surname, "Mr. Trump" or a first name
links to the full name written elsewhere; across articles, "Donald J. Trump" and
"Donald Trump" are one actor, relatives ("Donald Trump Jr.", "Ivanka Trump") stay apart,
and a lone surname becomes a full name only where that is unambiguous
(`link_across_articles` unifies "Brenn" with the only "Oskar Brenn" of the corpus).

Camps (`camps`), by precedence, recorded as `camp_source`: the alias table; an explicit
party marker in the text ("Republican Sen.", "(D-Mass.)"); a knowledge pack
(`packs`: US Congress and the executive with their parties, party groups); inference
from the text around a name — its possessor, the state in its title, the organisation
it is apposed to ("Putin's spokesman Dmitry Peskov" → Russia through Putin; "Its chief
executive, Daniel Reyes" → the organisation just named). Where nothing gives one the
camp stays empty; a title fragment or a place is never a camp.

Modules: `base` (records, word lists), `aliases` (the alias table and its matching),
`packs` (knowledge packs), `mentions` (finding mentions: `find_mentions`), `names`
(what an entity tag is: its parts, and whether it is a person's name), `identity`,
`references` (pronouns and role nouns), `camps`, `roles` (roles, `actor_at`,
`speaker_actors`, `speaker_name`), `summary` (mentions.csv and the actor/camp summary).

Roles: `agent` (subject of an active clause, agent of a passive), `patient` (object,
passive subject, target of "against"/"on"), `possessor` (possessive, modifier, "of X"),
`speaker` (the source of an attribution, from `speaker_spans`) or `other`.

The parse is never changed: the matching runs over the cached `Doc` afterwards, so the
cache does not depend on the alias table.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from analysis.actors import aliases as _aliases
from analysis.actors.aliases import (
    Alias,
    AliasTable,
    read_alias_file,
)
from analysis.actors.base import (
    ACTOR_SUMMARY_COLUMNS,
    ACTOR_TYPES,
    ALIAS_COLUMNS,
    CAMP_SOURCES,
    GOVERNMENT_NOUNS,
    GROUP_NOUNS,
    MENTION_COLUMNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    PLACE_NOUNS,
    RELATION_NOUNS,
    ROLES,
    ROW_TYPES,
    TITLE_WORDS,
    Mention,
)
from analysis.actors.identity import (
    LinkPlan,
    apply_links,
    link_across_articles,
    link_inventory,
    link_plan,
)
from analysis.actors.mentions import find_mentions
from analysis.actors.packs import PACKS_DIR, pack_versions, shipped_packs
from analysis.actors.roles import actor_at, speaker_actors, speaker_name
from analysis.actors.summary import (
    Quoted,
    actors_table,
    mention_counts,
    mentions_table,
    quoted_records,
)

#: The project's editable alias table (`data/actors.csv`).
DEFAULT_ALIASES = _aliases.DEFAULT_ALIASES


def load_aliases(
    path: str | Path | None = None,
    *,
    include_default: bool = True,
    packs: Iterable[str | Path] | None = None,
) -> AliasTable:
    """The alias table: the project's `data/actors.csv` (`DEFAULT_ALIASES`; an empty
    table when the project folder is absent, e.g. the package installed elsewhere), with
    the rows of `path` (a user's own table, `--actors FILE`) in front, overriding rows
    with the same pattern and adding new ones; then the knowledge `packs` (default: the
    shipped ones when `include_default`, none otherwise)."""
    return _aliases.load_aliases(
        path, include_default=include_default, default=DEFAULT_ALIASES, packs=packs
    )


__all__ = [
    "LinkPlan",
    "apply_links",
    "ACTOR_SUMMARY_COLUMNS",
    "ACTOR_TYPES",
    "CAMP_SOURCES",
    "PACKS_DIR",
    "ALIAS_COLUMNS",
    "DEFAULT_ALIASES",
    "GOVERNMENT_NOUNS",
    "GROUP_NOUNS",
    "MENTION_COLUMNS",
    "PERSON_PRONOUNS",
    "PERSON_ROLE_NOUNS",
    "PLACE_NOUNS",
    "RELATION_NOUNS",
    "ROLES",
    "ROW_TYPES",
    "TITLE_WORDS",
    "Alias",
    "AliasTable",
    "Mention",
    "Quoted",
    "actor_at",
    "actors_table",
    "mention_counts",
    "find_mentions",
    "link_across_articles",
    "link_inventory",
    "link_plan",
    "load_aliases",
    "mentions_table",
    "pack_versions",
    "shipped_packs",
    "quoted_records",
    "read_alias_file",
    "speaker_actors",
    "speaker_name",
]
