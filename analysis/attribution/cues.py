"""The cue lexicon as lookup tables (verbs, phrasal verbs, nouns, phrases) and the
lemma the rules read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from analysis.attribution.words import LEMMA_FIXES
from analysis.lexicons import Cue, reporting_cues

# ----------------------------------------------------------------------- lexicon index


@dataclass(frozen=True)
class _CueIndex:
    verbs: Mapping[str, Cue]
    phrasal: Mapping[tuple[str, str], Cue]  # (verb lemma, particle/preposition)
    nouns: Mapping[str, Cue]
    phrases: Mapping[str, Cue]
    #: Multi-word cues by their first word, for a match on the words as written
    #: ("made it clear", "make the case", "as she put it"): (other words, cue, text).
    sequences: Mapping[str, tuple[tuple[tuple[str, ...], Cue, str], ...]] = None  # type: ignore[assignment]


def _index(cues: Mapping[tuple[str, str], Cue]) -> _CueIndex:
    verbs, phrasal, nouns, phrases = {}, {}, {}, {}
    for (text, kind), cue in cues.items():
        words = text.split()
        if kind == "noun" and len(words) == 1:
            nouns[text] = cue
        elif kind == "phrase" or (kind == "noun" and len(words) > 1):
            phrases[text] = cue
        elif len(words) == 1:
            verbs[text] = cue
        elif len(words) == 2:
            phrasal[(words[0], words[1])] = cue
        else:
            phrases[text] = cue
    sequences: dict[str, list[tuple[tuple[str, ...], Cue, str]]] = {}
    for (text, kind), cue in cues.items():
        words = tuple(text.split())
        if kind in ("verb", "phrase") and len(words) > 1 and words[0] not in ("according", "be"):
            sequences.setdefault(words[0], []).append((words[1:], cue, text))
    ordered = {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in sequences.items()}
    return _CueIndex(verbs, phrasal, nouns, phrases, ordered)


_DEFAULT_INDEX: _CueIndex | None = None
_LAST_CUSTOM: tuple[frozenset, _CueIndex] | None = None


def _cue_index(cues: Mapping[tuple[str, str], Cue] | None) -> _CueIndex:
    """The lookup tables of a cue lexicon, built once (for the bundled lexicon, and
    for the last custom one passed in, so a run with `--lexicon` indexes it once)."""
    global _DEFAULT_INDEX, _LAST_CUSTOM
    if cues is not None:
        key = frozenset(cues.items())  # by content: a mapping may be edited between calls
        if _LAST_CUSTOM is None or _LAST_CUSTOM[0] != key:
            _LAST_CUSTOM = (key, _index(cues))
        return _LAST_CUSTOM[1]
    if _DEFAULT_INDEX is None:
        _DEFAULT_INDEX = _index(reporting_cues())
    return _DEFAULT_INDEX


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return LEMMA_FIXES.get((lemma, tok.lower_), lemma)
