"""An article's structure within its text: the headline and the trailing web
boilerplate, set aside as spans so that every offset still indexes the text as read.
`make_article` builds the `Article` record every reader in `analysis.ingest` returns."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from typing import Any

from analysis.config import package_data
from analysis.ingest.encoding import IngestError
from analysis.records import Article, SetAside

#: A first line longer than this (characters or words) is not taken as a headline.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30

#: The longest article the kit analyses, in characters: spaCy's default
#: `nlp.max_length` (parsing needs about 1 GB of memory per 300,000 characters, and a
#: news article is rarely over 60,000). Longer texts are problems, not truncated.
MAX_ARTICLE_CHARS = 1_000_000


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


def _too_long(size: str) -> str:
    return (
        f"too long for one article ({size}); the kit analyses articles of at most "
        f"{MAX_ARTICLE_CHARS:,} characters — split the text into articles"
    )


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
    title_in_text: bool = False,
) -> Article:
    """Build an `Article` from its text: find the headline (if asked), cut the
    trailing boilerplate, and record both as set-aside spans."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise IngestError(_too_long(f"{len(text):,} characters"))
    set_aside: list[SetAside] = []
    start = _skip_space(text, 0)
    if start >= len(text):
        raise IngestError("empty file" if not text else "no text (only whitespace)")

    headline = _title_span(text, start, title) if title_in_text else None
    reason = "first line, short and followed by a blank line"
    if headline is not None:
        reason = "the text starts with the record's title"
    elif detect_headline or headline_is_title:
        headline = _headline_span(text, start)
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
                reason,
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


def _title_span(text: str, start: int, title: str | None) -> tuple[int, int] | None:
    """(start, end) of the record's title where the text starts with it (case and
    spacing aside, a full stop or colon after it allowed), else None."""
    words = (title or "").split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words) + r"(?=\s|$)"
    found = re.compile(pattern, re.IGNORECASE).match(text, start)
    if found is None:
        return None
    return start, found.end()


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
    core = line.rstrip("\"'”’)» ")  # a sentence may end inside its closing quote
    if core.endswith((".", ":", ";", ",")) and not core.endswith("..."):
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
