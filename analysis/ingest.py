"""Files and folders in, `Article` records out.

Formats (see the contract in the README):

- `.txt`  plain text; a short first line followed by a blank line is the headline.
- `.html`/`.htm`  a saved web page; trafilatura extracts the article offline.
- `.jsonl`  one article per line (`text` required; `id`, `title`, `outlet`, `date`,
  `url` optional; other fields kept as metadata).
- `.csv`  the same fields as columns.

Trailing web boilerplate ("Check Also", "Leave a Reply", share lines ...) is set aside
using the markers in `analysis/data/boilerplate.csv`. Nothing is removed from the text:
the body is a span of it, so every offset indexes the text exactly as read.

Problems never stop a run: `iter_articles` yields a `Problem` for every input it
cannot read, and goes on with the rest.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.config import package_data
from analysis.records import Article, Problem, SetAside

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".jsonl", ".csv"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

#: Fields of a record that become `Article` attributes; everything else is metadata.
RECORD_FIELDS = ("id", "text", "title", "outlet", "date", "url")

#: A first line longer than this (characters or words) is not taken as a headline.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30
#: A saved page whose extracted text is shorter than this holds no article (trafilatura
#: falls back to menu labels such as "Home" when a page has no article).
HTML_MIN_WORDS = 15


@dataclass(frozen=True)
class TailMarker:
    marker: str
    match: str  # "line" or "prefix"


@functools.cache
def tail_markers() -> tuple[TailMarker, ...]:
    """The boilerplate markers shipped in `analysis/data/boilerplate.csv`."""
    with package_data("data/boilerplate.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            TailMarker(_normalise_line(row["marker"]), row["match"].strip())
            for row in csv.DictReader(handle)
        )


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    """Yield an `Article` for every article found under `paths`, a `Problem` for every
    input that cannot be read. Folders are walked (sorted); unsupported files inside
    folders are skipped silently, an unsupported file named explicitly is a problem."""
    seen: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(
                f
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
        elif path.exists():
            files = [path]
        else:
            yield Problem(str(path), "no such file or folder")
            continue
        for file in files:
            for item in read_file(file):
                if isinstance(item, Article):
                    if item.id in seen:
                        yield Problem(
                            item.source_path,
                            f"duplicate article id {item.id!r} (first read from "
                            f"{seen[item.id]}); give each article its own id",
                            article_id=item.id,
                            line=item.metadata.get("line"),
                        )
                        continue
                    seen[item.id] = item.source_path
                yield item


def read_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[Problem]]:
    """All articles and problems under `paths`, in input order."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles(paths):
        (articles if isinstance(item, Article) else problems).append(item)
    return articles, problems


def read_file(path: Path) -> Iterator[Article | Problem]:
    """The articles of one file (one for `.txt`/`.html`, many for records)."""
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            yield _read_txt(path)
        elif suffix in HTML_SUFFIXES:
            yield _read_html(path)
        elif suffix == ".jsonl":
            yield from _read_jsonl(path)
        elif suffix == ".csv":
            yield from _read_csv(path)
        else:
            yield Problem(
                str(path),
                f"unsupported file type {path.suffix or '(none)'!r}; "
                f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))}",
            )
    except IngestError as error:
        yield Problem(str(path), str(error), article_id=error.article_id, line=error.line)
    except OSError as error:
        yield Problem(str(path), f"cannot read the file: {error.strerror or error}")


class IngestError(Exception):
    """An input that cannot become an article; the message is the user's reason."""

    def __init__(self, reason: str, article_id: str | None = None, line: int | None = None):
        super().__init__(reason)
        self.article_id = article_id
        self.line = line


# --------------------------------------------------------------------------- formats


def _read_text_file(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise IngestError("binary file, not text (it contains NUL bytes)")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start}); "
            "save the file as UTF-8"
        ) from None
    # Exactly the text the contract's offsets index (universal newlines included).
    return path.read_text(encoding="utf-8")


def _read_txt(path: Path) -> Article:
    text = _read_text_file(path)
    return make_article(
        text, article_id=path.stem, source_path=str(path), fmt="txt", detect_headline=True
    )


def _read_html(path: Path) -> Article:
    import trafilatura  # imported here: only HTML input pays for it

    raw = path.read_bytes()
    if not raw.strip():
        raise IngestError("empty file")
    document = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    paragraphs = [line.strip() for line in (getattr(document, "text", "") or "").split("\n")]
    paragraphs = [p for p in paragraphs if p]
    words = sum(len(p.split()) for p in paragraphs)
    if words < HTML_MIN_WORDS:
        raise IngestError(
            f"no article text found in the HTML page (only {words} words of page text "
            "outside navigation and boilerplate)"
        )
    title = (document.title or "").strip() or None
    text = "\n\n".join(paragraphs)
    metadata = {
        key: value
        for key in ("author", "description", "hostname", "language", "categories", "tags")
        if (value := getattr(document, key, None))
    }
    return make_article(
        text,
        article_id=path.stem,
        source_path=str(path),
        fmt="html",
        title=title,
        outlet=document.sitename or document.hostname,
        date=document.date,
        url=document.url,
        metadata=metadata,
        headline_is_title=True,
    )


def _read_jsonl(path: Path) -> Iterator[Article | Problem]:
    text = _read_text_file(path)
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(str(path), f"line {number} is not valid JSON: {error.msg}", line=number)
            continue
        if not isinstance(record, dict):
            yield Problem(str(path), f"line {number} is not a JSON object", line=number)
            continue
        yield _record_article(record, path, number)
    if not found:
        raise IngestError("empty file (no records)")


def _read_csv(path: Path) -> Iterator[Article | Problem]:
    text = _read_text_file(path)
    lines = text.splitlines(keepends=True)
    reader = csv.DictReader(lines)
    if reader.fieldnames is None:
        raise IngestError("empty file (no header row)")
    columns = [name.strip() for name in reader.fieldnames if name]
    if "text" not in columns:
        raise IngestError(
            f"no 'text' column (columns: {', '.join(columns) or 'none'}); "
            "a CSV of articles needs one"
        )
    reader.fieldnames = [name.strip() if name else name for name in reader.fieldnames]
    line = reader.line_num + 1
    for row in reader:
        record = {key: value for key, value in row.items() if key}
        yield _record_article(record, path, line)
        line = reader.line_num + 1


def _record_article(record: dict[str, Any], path: Path, line: int) -> Article | Problem:
    article_id = _clean(record.get("id")) or f"{path.stem}:{line}"
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(
            str(path), f"line {line}: record has no text", article_id=article_id, line=line
        )
    metadata = {
        key: value
        for key, value in record.items()
        if key not in RECORD_FIELDS and value not in (None, "")
    }
    metadata["line"] = line
    try:
        return make_article(
            text,
            article_id=article_id,
            source_path=str(path),
            fmt=path.suffix.lower().lstrip("."),
            title=_clean(record.get("title")),
            outlet=_clean(record.get("outlet")),
            date=_clean(record.get("date")),
            url=_clean(record.get("url")),
            metadata=metadata,
        )
    except IngestError as error:
        return Problem(str(path), f"line {line}: {error}", article_id=article_id, line=line)


# --------------------------------------------------------------------------- structure


def make_article(
    text: str,
    *,
    article_id: str,
    source_path: str = "",
    fmt: str = "txt",
    title: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    url: str | None = None,
    metadata: dict[str, Any] | None = None,
    detect_headline: bool = False,
    headline_is_title: bool = False,
) -> Article:
    """Build an `Article` from its text: find the headline (if asked), cut the
    trailing boilerplate, and record both as set-aside spans."""
    set_aside: list[SetAside] = []
    start = _skip_space(text, 0)
    if start >= len(text):
        raise IngestError("empty file" if not text else "no text (only whitespace)")

    headline = _headline_span(text, start) if (detect_headline or headline_is_title) else None
    if headline is not None and headline_is_title:
        # HTML: trafilatura repeats the <h1> as the first paragraph; set it aside
        # only when it is the page title.
        if not title or _normalise_line(text[headline[0] : headline[1]]) != _normalise_line(title):
            headline = None
    if headline is not None:
        h_start, h_end = headline
        set_aside.append(
            SetAside(
                h_start,
                h_end,
                "headline",
                "first line, short and followed by a blank line",
                text[h_start:h_end],
            )
        )
        title = title or text[h_start:h_end]
        start = _skip_space(text, h_end)
        if start >= len(text):
            raise IngestError("only a headline, no article body")

    end = len(text)
    tail = _boilerplate_tail(text, start)
    if tail is not None:
        t_start, reason = tail
        set_aside.append(SetAside(t_start, len(text), "boilerplate", reason, text[t_start:]))
        end = t_start
    end = _trim_end(text, start, end)
    return Article(
        id=article_id,
        text=text,
        body_start=start,
        body_end=end,
        title=title,
        outlet=outlet,
        date=date,
        url=url,
        source_path=source_path,
        format=fmt,
        metadata=dict(metadata or {}),
        set_aside=tuple(set_aside),
    )


_BLANK_LINE_AFTER = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n")


def _headline_span(text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the headline: the first line, when it is short, does not end
    like a sentence, and a blank line follows it."""
    newline = text.find("\n", start)
    if newline == -1:
        return None
    line_end = start + len(text[start:newline].rstrip())
    line = text[start:line_end]
    if not _BLANK_LINE_AFTER.match(text, line_end):
        return None
    if len(line) > HEADLINE_MAX_CHARS or len(line.split()) > HEADLINE_MAX_WORDS:
        return None
    if line.endswith((".", ":", ";", ",")) and not line.endswith("..."):
        return None
    return start, line_end


def _boilerplate_tail(text: str, body_start: int) -> tuple[int, str] | None:
    """Offset where trailing boilerplate begins, and the reason, or None.

    The first line (after at least one line of body) matching a tail marker starts
    the tail; everything from there to the end is set aside."""
    markers = tail_markers()
    offset = body_start
    seen_body = False
    for number, line in enumerate(text[body_start:].split("\n"), start=1):
        normalised = _normalise_line(line)
        if normalised and seen_body:
            for marker in markers:
                if (marker.match == "line" and normalised.rstrip(":»›>|-– ") == marker.marker) or (
                    marker.match == "prefix" and normalised.startswith(marker.marker)
                ):
                    shown = line.strip()
                    line_no = text.count("\n", 0, body_start) + number
                    return offset + (len(line) - len(line.lstrip())), (
                        f"trailing boilerplate from line {line_no} ({shown[:60]!r}, "
                        f"marker {marker.marker!r})"
                    )
        seen_body = seen_body or bool(normalised)
        offset += len(line) + 1
    return None


def _normalise_line(line: str) -> str:
    return " ".join(line.casefold().split())


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and (text[position].isspace() or text[position] == "\ufeff"):
        position += 1
    return position


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
