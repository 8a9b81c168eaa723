"""Writing results: every file is written to a temporary file in the same folder and
renamed into place, so an interrupted or failed run leaves the previous outputs whole.

CSV files are for spreadsheets too, and a spreadsheet runs a cell that begins with `=`,
`+`, `-` or `@` (or a tab or carriage return before one) as a formula: an article quoting
`=HYPERLINK(...)` could do harm when a researcher opens `set_aside.csv`. Following
OWASP's advice on CSV injection, `write_csv` prefixes such text cells with a single
quote (`'`), which spreadsheets show as text. Numbers are never touched (numeric
columns, and text cells that are plain numbers such as `-0.5`). The prefix is
reversible: `read_csv` (or `unneutralise` on one cell) gives the exact text back, and
`texts.jsonl` holds the article texts unaltered. `write_csv(..., neutralise_formulas=False)`
writes machine-readable exports as they are.
"""

from __future__ import annotations

import json
import os
import re
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


#: First characters that make a spreadsheet run a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def needs_neutralising(cell: str) -> bool:
    """Whether a spreadsheet could run `cell` as a formula (a plain number is safe).
    Cells that are a quote followed by such a cell count too, so that the prefix can
    always be removed again without ambiguity."""
    if not cell or _PLAIN_NUMBER.fullmatch(cell):
        return False
    if cell.startswith(FORMULA_TRIGGERS):
        return True
    return cell.startswith("'") and needs_neutralising(cell[1:])


def neutralise(cell: Any) -> Any:
    """`cell` with a leading `'` when a spreadsheet would run it as a formula;
    anything that is not a string is returned as it is."""
    if isinstance(cell, str) and needs_neutralising(cell):
        return "'" + cell
    return cell


def unneutralise(cell: Any) -> Any:
    """The exact text `neutralise` was given."""
    if isinstance(cell, str) and cell.startswith("'") and needs_neutralising(cell[1:]):
        return cell[1:]
    return cell


#: First characters of the cells `needs_neutralising` may be true of.
_RISKY_FIRST = frozenset((*FORMULA_TRIGGERS, "'"))


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell neutralised; numeric columns untouched.
    A column is rewritten only when one of its cells begins with a trigger (or a
    quote): most columns have none, and a look at first characters costs a tenth of
    mapping every cell."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            if any(isinstance(v, str) and v[:1] in _RISKY_FIRST for v in series.to_numpy(object)):
                frame[column] = series.map(neutralise, na_action="ignore")
    return frame


def write_csv(frame: pd.DataFrame, path: Path, *, neutralise_formulas: bool = True) -> Path:
    """A table as UTF-8 CSV (no index), atomically. Text cells a spreadsheet would run
    as formulas get a leading `'` unless `neutralise_formulas=False` (see the module docstring)."""
    if neutralise_formulas:
        frame = neutralise_frame(frame)
    return write_atomic(path, lambda out: frame.to_csv(out, index=False))


def read_csv(path: Path, **options: Any) -> pd.DataFrame:
    """A table written by `write_csv`, with the formula prefixes removed, so every
    text cell is exactly the kit's text again (offsets check out)."""
    frame = pd.read_csv(path, **options)
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            frame[column] = series.map(unneutralise, na_action="ignore")
    return frame


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
