"""The kit's lexicons, shipped as package data in `analysis/lexicons/`.

`reporting_verbs.csv` maps each reporting cue (a verb, a multi-word verb such as
"point out", a noun such as "claim", or a phrase such as "according to") to a stance
class, a credibility score and an intensity, with the source that supports the class.
Classes and sources: `analysis/lexicons/README.md`.

Users add or override entries with their own CSV of the same columns
(`reporting_cues(extra=[path])`, `framing ... --lexicon FILE`).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from analysis.config import package_data

STANCES = (
    "neutral",
    "endorsing",
    "emphatic",
    "distancing",
    "admission",
    "denial",
    "accusation",
    "emotive",
    "hedging",
    "other",
)
CUE_KINDS = ("verb", "noun", "phrase")
CUE_COLUMNS = ("cue", "kind", "stance", "credibility", "intensity", "source", "note")


class LexiconError(ValueError):
    """A lexicon file that does not follow the format; the message says where."""


@dataclass(frozen=True)
class Cue:
    """One reporting cue of the lexicon."""

    cue: str  # lemma, space-separated for multi-word cues: "say", "point out"
    kind: str  # verb | noun | phrase
    stance: str  # one of STANCES
    credibility: float  # -1 (doubt) ... +1 (truth), what the cue implies
    intensity: int  # 0 plain ... 3 strong
    source: str  # who supports the class
    note: str = ""


def read_cues(path: Path) -> dict[tuple[str, str], Cue]:
    """Cues of one CSV file, keyed by (cue, kind); raises LexiconError on bad rows."""
    cues: dict[tuple[str, str], Cue] = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(CUE_COLUMNS[:4]) - set(reader.fieldnames or ())
        if missing:
            raise LexiconError(f"{path}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            try:
                cue = Cue(
                    cue=" ".join(row["cue"].lower().split()),
                    kind=(row.get("kind") or "verb").strip(),
                    stance=row["stance"].strip(),
                    credibility=float(row["credibility"]),
                    intensity=int(row.get("intensity") or 0),
                    source=(row.get("source") or "").strip(),
                    note=(row.get("note") or "").strip(),
                )
            except (TypeError, ValueError) as error:
                raise LexiconError(f"{path}:{line}: {error}") from None
            if not cue.cue:
                raise LexiconError(f"{path}:{line}: empty cue")
            if cue.kind not in CUE_KINDS:
                raise LexiconError(f"{path}:{line}: kind {cue.kind!r} not in {CUE_KINDS}")
            if cue.stance not in STANCES:
                raise LexiconError(f"{path}:{line}: stance {cue.stance!r} not in {STANCES}")
            if not -1 <= cue.credibility <= 1 or not 0 <= cue.intensity <= 3:
                raise LexiconError(f"{path}:{line}: credibility or intensity out of range")
            cues[(cue.cue, cue.kind)] = cue
    return cues


@functools.cache
def _bundled_cues() -> Mapping[tuple[str, str], Cue]:
    return read_cues(package_data("lexicons/reporting_verbs.csv"))


def reporting_cues(extra: Iterable[str | Path] = ()) -> dict[tuple[str, str], Cue]:
    """The bundled reporting cues, with entries of `extra` files added or overriding."""
    cues = dict(_bundled_cues())
    for path in extra:
        cues.update(read_cues(Path(path)))
    return cues
