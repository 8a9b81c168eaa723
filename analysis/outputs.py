"""Writing results: every file is written to a temporary file in the same folder and
renamed into place, so an interrupted or failed run leaves the previous outputs whole."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pandas as pd


def write_atomic(path: Path, write: Callable[[IO[str]], None]) -> Path:
    """Call `write(handle)` on a temporary file next to `path`, then rename it over
    `path`. On any error the temporary file is removed and `path` is untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """A table as UTF-8 CSV (no index), atomically."""
    return write_atomic(path, lambda out: frame.to_csv(out, index=False))


def write_json(data: Any, path: Path) -> Path:
    """JSON (indented, UTF-8, keys in insertion order), atomically."""
    return write_atomic(
        path,
        lambda out: (
            json.dump(data, out, indent=2, ensure_ascii=False, default=str),
            out.write("\n"),
        ),
    )


def write_jsonl(rows: list[dict[str, Any]], path: Path) -> Path:
    """One JSON object per line, atomically."""

    def write(out: IO[str]) -> None:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str))
            out.write("\n")

    return write_atomic(path, write)
