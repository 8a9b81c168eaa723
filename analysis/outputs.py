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
import multiprocessing
import os
import re
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
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
_RISKY_PREFIXES = tuple(sorted(_RISKY_FIRST))  # (the form `str.startswith` takes)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell neutralised; numeric columns untouched.
    Only the cells that begin with a trigger (or a quote) can need it, so only those are
    looked at: most columns have none, and the first characters are read by pandas'
    vectorised string methods."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            risky = _risky_cells(series)
            if risky.any():
                frame.loc[risky, column] = series[risky].map(neutralise)
    return frame


def _risky_cells(series: pd.Series) -> np.ndarray:
    """Which cells of a text column are strings that begin with a trigger or a quote."""
    try:
        return series.str.startswith(_RISKY_PREFIXES, na=False).to_numpy(bool)
    except (AttributeError, TypeError):  # not a column of strings: look cell by cell
        return np.fromiter(
            (isinstance(v, str) and v[:1] in _RISKY_FIRST for v in series.to_numpy(object)),
            dtype=bool,
            count=len(series),
        )


def write_csv(frame: pd.DataFrame, path: Path, *, neutralise_formulas: bool = True) -> Path:
    """A table as UTF-8 CSV (no index), atomically. Text cells a spreadsheet would run
    as formulas get a leading `'` unless `neutralise_formulas=False` (see the module docstring)."""
    if neutralise_formulas:
        frame = neutralise_frame(frame)
    return write_atomic(path, lambda out: frame.to_csv(out, index=False))


def write_csvs(
    frames: Mapping[str, pd.DataFrame], folder: Path, *, processes: int = 1
) -> list[Path]:
    """`write_csv` of each frame as `folder/<name>.csv`, in order; the paths. With
    `processes` of 2 or more (a `--jobs` run) a forked process writes the larger
    tables, about half of all cells, while this one writes the rest: formatting CSV
    is most of the time it takes to write a run's outputs. Whatever that process did
    not write is written here afterwards, so a failure there loses nothing."""
    folder = Path(folder)
    paths = {name: folder / f"{name}.csv" for name in frames}
    aside = _larger_half(frames) if processes > 1 and sys.platform == "linux" else []
    helper = None
    if aside:
        folder.mkdir(parents=True, exist_ok=True)
        context = multiprocessing.get_context("fork")
        helper = context.Process(target=_write_named, args=(frames, paths, aside), daemon=True)
        try:
            helper.start()
        except OSError:  # no fork: all written here
            helper, aside = None, []
    try:
        _write_named(frames, paths, [name for name in frames if name not in aside])
    finally:
        if helper is not None:
            helper.join()
    if helper is not None and helper.exitcode != 0:
        _write_named(frames, paths, aside)
    return list(paths.values())


def _write_named(
    frames: Mapping[str, pd.DataFrame], paths: Mapping[str, Path], names: list[str]
) -> None:
    for name in names:
        write_csv(frames[name], paths[name])


def _larger_half(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    """The largest frames (by cells) that together hold about half of all cells; none
    when one frame holds most of them (nothing to share)."""
    cells = {name: frame.size for name, frame in frames.items()}
    total, aside, held = sum(cells.values()), [], 0
    for name in sorted(cells, key=lambda n: -cells[n]):
        if held + cells[name] > total / 2 + total / 10:
            continue
        aside.append(name)
        held += cells[name]
    return aside if 0 < held < total else []


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
