"""Knowledge packs: shipped alias tables of who is who in a domain (US Congress and the
executive, with party as camp), in the format of `data/actors.csv`.

A pack is a CSV file in `analysis/actors/packs/` (see the README there); every shipped
pack is used unless the user turns packs off (`--no-packs`), and a user adds their own
with `--pack FILE`. The alias tables (`data/actors.csv`, `--actors`) override a pack:
their rows come first. A pack's camps have `camp_source` "pack". Packs for other
countries or domains are just more files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKS_DIR = Path(__file__).resolve().parent / "packs"


def shipped_packs() -> tuple[Path, ...]:
    """The packs shipped with the kit, by file name."""
    if not PACKS_DIR.is_dir():
        return ()
    return tuple(sorted(PACKS_DIR.glob("*.csv")))


def pack_versions(packs: Iterable[str | Path]) -> dict[str, str]:
    """Pack name (file stem; the path for a user's own) → content hash, for run.json."""
    found = {}
    for pack in packs:
        path = Path(pack)
        name = path.stem if path.parent == PACKS_DIR else str(path)
        found[name] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return found
