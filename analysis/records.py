"""The small typed records that stages hand to each other.

Every offset is a Python `str` index into `Article.text`, the article text exactly as
read (`Path(f).read_text(encoding="utf-8")` for `.txt`, the `text` field for records,
trafilatura's paragraphs joined by blank lines for HTML). Parts set aside (headline,
trailing web boilerplate) keep their offsets and simply produce no analysis rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SetAside:
    """A stretch of the text kept out of the analysis, and why."""

    start: int
    end: int
    kind: str  # "headline" or "boilerplate"
    reason: str  # e.g. "tail marker 'Check Also' on line 27"
    text: str


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or a record."""

    id: str
    text: str
    body_start: int
    body_end: int
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    source_path: str = ""
    format: str = "txt"
    metadata: dict[str, Any] = field(default_factory=dict)
    set_aside: tuple[SetAside, ...] = ()

    @property
    def event(self) -> str | None:
        """The event the article reports (the record's `event` field, kept in metadata):
        articles sharing it are compared side by side, outlet against outlet."""
        value = self.metadata.get("event")
        return None if value is None or str(value).strip() == "" else str(value).strip()

    @property
    def body(self) -> str:
        """The article body (between headline and trailing boilerplate)."""
        return self.text[self.body_start : self.body_end]

    def analysis_text(self) -> str:
        """The text the parser sees: same length as `text`, everything outside the body
        blanked (newlines kept), so parser offsets are offsets into `text`."""
        head = _blank(self.text[: self.body_start])
        tail = _blank(self.text[self.body_end :])
        return head + self.body + tail


@dataclass(frozen=True)
class Problem:
    """An input that could not be analysed (a row of errors.csv)."""

    source_path: str
    reason: str
    stage: str = "ingest"  # ingest | parse | analysis
    article_id: str | None = None
    line: int | None = None


def _blank(segment: str) -> str:
    return "".join(ch if ch == "\n" else " " for ch in segment)


@dataclass(frozen=True)
class ParseSummary:
    """What parsing found in one article (a part of its articles.csv row)."""

    article_id: str
    sentences: int
    tokens: int
    from_cache: bool
