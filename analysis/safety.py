"""Keeping article text text: HTML escaping for notebooks, and the check that a run
never writes its outputs over its inputs.

Articles come from the web. Anything the notebooks render as HTML must escape every
piece of article text, so a `<script>` or `<img onerror=...>` inside an article is
shown as characters, never run: `escape_text` for one string, `highlight_html` for an
article with highlighted spans (attributions, loaded terms ...).

`check_output_folder` refuses an output folder that is an input folder or inside one,
and any output file that would replace an input file (`framing analyze` reports it as
a usage error, exit status 2). CSV formula neutralisation lives in `analysis.outputs`.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Every file `framing analyze` may write into its output folder (the contract's
#: tables, texts.jsonl, run.json).
OUTPUT_FILE_NAMES = (
    "articles.csv",
    "set_aside.csv",
    "attributions.csv",
    "mentions.csv",
    "loaded_terms.csv",
    "actor_sentiment.csv",
    "actors.csv",
    "errors.csv",
    "texts.jsonl",
    "run.json",
    "parquet",  # the folder of Parquet datasets (`--parquet`)
)


def escape_text(text: object) -> str:
    """`text` as HTML-safe characters (`&`, `<`, `>`, `"` and `'` escaped)."""
    return html.escape("" if text is None else str(text), quote=True)


@dataclass(frozen=True)
class Highlight:
    """A span of an article to highlight: offsets into its text, a label shown on
    hover, and a CSS class (letters, digits, `-` and `_` only; others are dropped)."""

    start: int
    end: int
    label: str = ""
    css_class: str = "framing-span"


_UNSAFE_CLASS = re.compile(r"[^A-Za-z0-9_-]")


def highlight_html(
    text: str,
    spans: Iterable[Highlight | tuple[int, int] | tuple[int, int, str]],
    *,
    container_class: str = "framing-article",
) -> str:
    """The article text as HTML, with each span wrapped in `<mark>`; every piece of
    the text, every label and class is escaped. Overlapping spans are allowed: a
    stretch covered by several is one `<mark>` carrying all their classes and labels.
    Line breaks are kept (`white-space: pre-wrap`). Offsets must lie within the text."""
    highlights = [_as_highlight(span) for span in spans]
    for span in highlights:
        if not 0 <= span.start <= span.end <= len(text):
            raise ValueError(
                f"span ({span.start}, {span.end}) is outside the text (length {len(text)})"
            )
    cuts = sorted({0, len(text), *(s.start for s in highlights), *(s.end for s in highlights)})
    pieces = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        segment = escape_text(text[left:right])
        covering = [s for s in highlights if s.start <= left and right <= s.end]
        if covering:
            classes = " ".join(dict.fromkeys(_css_class(s.css_class) for s in covering))
            labels = "; ".join(dict.fromkeys(s.label for s in covering if s.label))
            title = f' title="{escape_text(labels)}"' if labels else ""
            segment = f'<mark class="{classes}"{title}>{segment}</mark>'
        pieces.append(segment)
    return (
        f'<div class="{_css_class(container_class)}" style="white-space: pre-wrap">'
        + "".join(pieces)
        + "</div>"
    )


def _as_highlight(span: Highlight | Sequence) -> Highlight:
    if isinstance(span, Highlight):
        return span
    start, end, *rest = span
    return Highlight(int(start), int(end), str(rest[0]) if rest else "")


def _css_class(name: str) -> str:
    return _UNSAFE_CLASS.sub("", name) or "framing-span"


# --------------------------------------------------------------------------- outputs


class OutputFolderError(ValueError):
    """The output folder would overwrite or mix with the inputs (a usage error)."""


def check_output_folder(
    out_dir: str | Path,
    input_paths: Iterable[str | Path],
    output_names: Iterable[str] = OUTPUT_FILE_NAMES,
) -> None:
    """Raise `OutputFolderError` when writing to `out_dir` could touch an input: the
    folder is an input folder or inside one (the next run would read the tables as
    articles), or an input is one of `output_names` in it (or inside one, for an output
    folder such as `parquet/`). Paths are compared after resolving symlinks and `..`."""
    out = _resolved(out_dir)
    targets = {_resolved(out / name): name for name in output_names}
    for given in input_paths:
        path = _resolved(given)
        if path.is_dir() and (out == path or path in out.parents):
            where = "is" if out == path else "is inside"
            raise OutputFolderError(
                f"--out {out_dir} {where} the input folder {given}; choose an output "
                "folder outside your inputs, so no input is overwritten"
            )
        for target, name in targets.items():
            if path == target or target in path.parents:
                raise OutputFolderError(
                    f"--out {out_dir} would overwrite the input {given} with its {name}; "
                    "choose another output folder"
                )


def _resolved(path: str | Path) -> Path:
    return Path(os.path.realpath(Path(path).expanduser()))
