"""Writing a chart: PNG (300 dpi), SVG and PDF, byte-identical across runs, plus the CSV
of its numbers."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.outputs import write_csv
from analysis.plots.style import (
    STYLE,
    figure_table,
)

#: Metadata that would otherwise embed timestamps or versions; None leaves it out.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def save_figure(
    figure: Figure,
    folder: str | os.PathLike[str],
    name: str,
    *,
    formats: Sequence[str] = ("png", "svg", "pdf"),
    table: pd.DataFrame | None = None,
    dpi: int = 300,
) -> list[Path]:
    """Write `figure` as `<folder>/<name>.png` (300 dpi), `.svg` (text kept as text) and
    `.pdf`, plus `<name>.csv` with the numbers it draws (`table`, else the table the
    chart function attached). Each file is written under a temporary name in the same
    folder and renamed into place, so a failed save leaves any earlier file whole.
    Output is deterministic: no timestamps, fixed SVG ids. Returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with mpl.rc_context(STYLE):
        for extension in formats:
            target = folder / f"{name}.{extension}"
            handle, temporary = tempfile.mkstemp(
                dir=folder, prefix=f".{name}.", suffix=f".{extension}.tmp"
            )
            try:
                with os.fdopen(handle, "wb") as out:
                    figure.savefig(
                        out,
                        format=extension,
                        dpi=dpi,
                        metadata=_METADATA.get(extension),
                        bbox_inches="tight",
                        pad_inches=0.08,
                    )
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            written.append(target)
    data = table if table is not None else figure_table(figure)
    if data is not None and len(data.columns):
        written.append(write_csv(data, folder / f"{name}.csv"))
    return written
