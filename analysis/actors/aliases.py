"""The alias table (`data/actors.csv`, a user's `--actors` file, knowledge packs):
patterns → canonical actor, camp and type, matched over a parsed text."""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc

from analysis.actors.base import ACTOR_TYPES, ROW_TYPES, norm_text
from analysis.actors.packs import shipped_packs
from analysis.config import DATA_DIR

DEFAULT_ALIASES = DATA_DIR / "actors.csv"


@dataclass(frozen=True)
class Alias:
    """One row of the alias table."""

    pattern: str
    actor: str | None
    camp: str | None
    type: str
    note: str = ""
    source: str = "table"  # "table" (data/actors.csv, --actors) or "pack"


@dataclass(frozen=True)
class AliasTable:
    """The alias table: patterns → canonical actor, camp, type.

    Rows earlier in `rows` win (a user's table is put in front of the default)."""

    rows: tuple[Alias, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)

    @functools.cached_property
    def actors(self) -> dict[str, Alias]:
        """Canonical actor → the first row naming it as an actor (its camp and type)."""
        found: dict[str, Alias] = {}
        for row in self.rows:
            if row.actor and row.type in ACTOR_TYPES:
                key = row.actor.lower()
                if key not in found:
                    found[key] = row
                elif not found[key].camp and row.camp:
                    found[key] = replace(found[key], camp=row.camp)
        return found

    def actor_row(self, actor: str | None) -> Alias | None:
        return self.actors.get(actor.lower()) if actor else None

    @functools.cached_property
    def markers(self) -> dict[str, str]:
        """Marker word as written → the camp it marks ("Republican" → Republican Party)."""
        found: dict[str, str] = {}
        for row in self.rows:
            if row.type == "marker" and row.camp:
                found.setdefault(norm_text(row.pattern), row.camp)
        return found

    def marker_camp(self, word: str) -> str | None:
        """The camp a marker word gives, or None (case as written: "independent" is
        no marker, "Independent" is)."""
        return self.markers.get(norm_text(word))

    @functools.cached_property
    def camp_names(self) -> dict[str, str]:
        """Every spelling of a camp the table knows → its one name: the camps of the
        rows, and the patterns and actors of party rows ("GOP", "Republicans" →
        Republican Party)."""
        names: dict[str, str] = {}
        for row in self.rows:
            if row.camp:
                names.setdefault(row.camp.lower(), row.camp)
        for row in self.rows:
            if row.camp and row.type in ("group", "marker") and len(row.pattern) > 1:
                names.setdefault(row.pattern.lower(), row.camp)
                if row.actor:
                    names.setdefault(row.actor.lower(), row.camp)
        return names

    def camp_name(self, camp: str | None) -> str | None:
        """A camp under its one name ("GOP" → Republican Party); unknown camps as given."""
        if not camp:
            return camp
        return self.camp_names.get(camp.lower().removeprefix("the "), camp)

    @functools.cached_property
    def places(self) -> frozenset[str]:
        """One-word names of places and states ("Maine", "Kiev"): never an organisation
        that could be a camp."""
        return frozenset(
            row.pattern
            for row in self.rows
            if row.type in ("place", "state") and " " not in row.pattern
        )

    @functools.cached_property
    def surnames(self) -> dict[str, set[str]]:
        """Last word of each knowledge-pack person's name → the pack's persons with it
        ("Pelosi" → {Nancy Pelosi}); a suffix (Jr.) stays with the name."""
        found: dict[str, set[str]] = defaultdict(set)
        for row in self.rows:
            if row.source == "pack" and row.type == "person" and row.actor:
                words = row.actor.split()
                if len(words) >= 2 and not words[-1].endswith("."):
                    found[words[-1].lower()].add(row.actor)
        return found

    def sole_namesake(self, surname: str) -> str | None:
        """The knowledge packs' one person with this surname ("Obama" → Barack Obama),
        None where they have none or several ("Clinton")."""
        namesakes = self.surnames.get(surname.lower(), ())
        return next(iter(namesakes)) if len(namesakes) == 1 else None

    @functools.cached_property
    def _patterns(self) -> dict[tuple[str, ...], list[tuple[tuple[str, ...], Alias]]]:
        """Patterns by their first two words (one-word patterns by their word), lower
        case, longest first: a knowledge pack has hundreds of "John ..." names."""
        by_first: dict[tuple[str, ...], list[tuple[tuple[str, ...], Alias]]] = defaultdict(list)
        seen: set[tuple[str, ...]] = set()
        for row in self.rows:
            if row.type == "marker":
                continue  # markers are looked up word by word (`marker_camp`)
            words = _pattern_tokens(row.pattern)
            variants = [words]
            # "the Kremlin" also matches "Kremlin" (a proper name without its article);
            # "The Hill", "The Atlantic" (a capital "The" and one word) keep theirs: the
            # bare word is something else (Capitol Hill, the ocean, Anita Hill).
            article_kept = words[0] == "The" and len(words) == 2
            if (
                len(words) > 1
                and words[0].lower() == "the"
                and any(c.isupper() for c in words[1])
                and not article_kept
            ):
                variants.append(words[1:])
            for variant in variants:
                key = tuple(w.lower() for w in variant)
                if not variant or key in seen:
                    continue
                seen.add(key)
                by_first[key[:2]].append((variant, row))
        for entries in by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        return by_first

    def matches(self, doc: Doc) -> list[tuple[int, int, Alias]]:
        """Longest, left-to-right, non-overlapping matches as (token start, token end,
        row)."""
        out: list[tuple[int, int, Alias]] = []
        i, n = 0, len(doc)
        texts = [norm_text(t.text) for t in doc]  # each token read once, not per pattern
        lower = [text.lower() for text in texts]
        while i < n:
            matched = None
            first = lower[i]
            pair = (first, lower[i + 1]) if i + 1 < n else None
            entries = [*self._patterns.get(pair, ()), *self._patterns.get((first,), ())]
            for words, row in entries:
                j = i + len(words)
                if j <= n and all(
                    _text_matches(w, texts[i + k], k == 0) for k, w in enumerate(words)
                ):
                    matched = (i, j, row)
                    break
            if matched:
                out.append(matched)
                i = matched[1]
            else:
                i += 1
        return out


@functools.cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _pattern_tokens(pattern: str) -> tuple[str, ...]:
    """A pattern's words as spaCy's English tokenizer splits them. The tokenizer cuts a
    text at spaces and then each chunk on its own, so a chunk of plain letters that is
    not one of its exceptions ("cannot", "Im") is one word; only the other chunks
    ("U.S.", "O'Rourke", "Ocasio-Cortez": about 160 distinct in the shipped tables) are
    tokenised, once each. Building the tokenizer and running it over every one of the
    7,000 patterns cost 0.8 s of every run's start."""
    words: list[str] = []
    for chunk in pattern.strip().split(" "):
        if chunk:
            words.extend(_chunk_tokens(chunk))
    return tuple(words)


_PLAIN_WORD = re.compile(r"[A-Za-z]+")


@functools.cache
def _tokenizer_exceptions() -> frozenset[str]:
    from spacy.lang.en import English

    return frozenset(English.Defaults.tokenizer_exceptions)


@functools.lru_cache(maxsize=4096)
def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    if _PLAIN_WORD.fullmatch(chunk) and chunk not in _tokenizer_exceptions():
        return (chunk,)
    return tuple(norm_text(t.text) for t in _tokenizer()(chunk) if not t.is_space)


def _text_matches(word: str, text: str, first: bool) -> bool:
    """Whether a pattern word matches a token's (normalised) text. Patterns with
    capitals match as written (a sentence-initial capital and an ALL-CAPS dateline
    allowed); lower-case patterns match in any case."""
    if text == word:
        return True
    if word.islower() or not any(c.isalpha() for c in word):
        return text.lower() == word.lower()
    if first and text == word[:1].upper() + word[1:]:
        return True
    return len(text) > 1 and text.isupper() and text == word.upper()


def read_alias_file(path: str | Path, source: str = "table") -> list[Alias]:
    """The rows of one alias CSV (columns pattern, actor, camp, type, note); `source`
    is "table" for alias tables, "pack" for knowledge packs."""
    rows = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"pattern", "type"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: alias table lacks column(s) {sorted(missing)}")
        for line, record in enumerate(reader, start=2):
            pattern = (record.get("pattern") or "").strip()
            if not pattern or pattern.startswith("#"):
                continue
            kind = (record.get("type") or "").strip().lower()
            if kind not in ROW_TYPES:
                raise ValueError(f"{path}, line {line}: type {kind!r} is not one of {ROW_TYPES}")
            actor = (record.get("actor") or "").strip() or None
            if kind in ACTOR_TYPES and actor is None:
                actor = pattern
            rows.append(
                Alias(
                    pattern=pattern,
                    actor=actor,
                    camp=(record.get("camp") or "").strip() or None,
                    type=kind,
                    note=(record.get("note") or "").strip(),
                    source=source,
                )
            )
    return rows


def load_aliases(
    path: str | Path | None = None,
    *,
    include_default: bool = True,
    default: Path | None = None,
    packs: Iterable[str | Path] | None = None,
) -> AliasTable:
    """The alias table: the project's `data/actors.csv` (an empty table when the
    project folder is absent, e.g. the package installed elsewhere), with the rows of
    `path` (a user's own table, `--actors FILE`) in front, overriding rows with the
    same pattern and adding new ones; then the rows of the knowledge `packs` (default:
    the shipped packs when `include_default`, none otherwise), which the tables
    override."""
    default = DEFAULT_ALIASES if default is None else Path(default)
    rows: list[Alias] = []
    if path is not None:
        rows.extend(read_alias_file(path))
    if include_default and default.is_file():
        if path is None or Path(path).resolve() != default.resolve():
            rows.extend(read_alias_file(default))
    if packs is None:
        packs = shipped_packs() if include_default else ()
    for pack in packs:
        rows.extend(read_alias_file(pack, source="pack"))
    return AliasTable(tuple(rows))


@functools.cache
def default_table() -> AliasTable:
    return load_aliases()
