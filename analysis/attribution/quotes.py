"""Direct quotes: where quotation marks open and close, found once per document."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from analysis.attribution.words import QUOTE_CHARS

# ------------------------------------------------------------------- quotation marks


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end when left open)
    open_at_end: bool  # the paragraph ended with the quote still open


def quote_spans(text: str) -> list[Quote]:
    """Top-level direct quotes of `text`, opening and closing marks included.

    Double marks (curly, straight, `''`) make quotes; single curly or straight marks
    do so only outside a double quote and where they cannot be an apostrophe. A quote
    still open at a blank line ends there (`open_at_end`)."""
    quotes: list[Quote] = []
    open_at: int | None = None
    single_at: int | None = None
    paragraph_breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    for match in QUOTE_CHARS.finditer(text):
        i = match.start()
        mark = match.group()
        # Close an open quote at an intervening paragraph break.
        if open_at is not None or single_at is not None:
            begin = open_at if open_at is not None else single_at
            k = bisect.bisect_right(paragraph_breaks, begin)
            if k < len(paragraph_breaks) and paragraph_breaks[k] < i:
                end = paragraph_breaks[k]
                if open_at is not None:
                    quotes.append(Quote(begin, _rstrip(text, end), True))
                open_at = single_at = None
        before = text[i - 1] if i > 0 else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if mark in ("“", "„", "«", "``"):
            if open_at is None:
                open_at, single_at = i, None
            elif mark == "“" and not before.isspace() and (after.isspace() or after in ",.;:"):
                # '“Apparently not,“ he said.': an opening mark typed as the closing one
                quotes.append(Quote(open_at, match.end(), False))
                open_at = None
        elif mark in ("”", "»"):
            if open_at is not None:
                quotes.append(Quote(open_at, match.end(), False))
                open_at = None
            elif not after.isalnum() and before.isspace() is False:
                continue
            else:
                open_at, single_at = i, None  # a closing mark used as an opening one
        elif mark in ('"', "''"):
            if open_at is None:
                if after.isspace() and not before.isspace() and quotes == []:
                    continue
                open_at, single_at = i, None
            else:
                quotes.append(Quote(open_at, match.end(), False))
                open_at = None
        elif open_at is None:  # single marks, outside double quotes
            if mark == "‘" or (mark == "'" and not before.isalnum() and after.isalnum()):
                if single_at is None and not before.isalnum():
                    single_at = i
            elif single_at is not None and not after.isalnum():
                quotes.append(Quote(single_at, match.end(), False))
                single_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, _rstrip(text, len(text)), True))
    return quotes


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _rstrip_separators(text: str, start: int, end: int) -> int:
    """`end` moved back over spaces and the commas, semicolons, colons and dashes that
    separate a cut clause from what followed it (not past `start`)."""
    while end > start and text[end - 1] in " \t\n,;:—–-":
        end -= 1
    return end


class _Quotes:
    """Quote spans of one document with fast lookups."""

    def __init__(self, text: str):
        self.text = text
        self.spans = quote_spans(text)
        self.starts = [q.start for q in self.spans]

    def containing(self, offset: int) -> Quote | None:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and self.spans[k].start < offset < self.spans[k].end:
            return self.spans[k]
        return None

    def ending_before(self, offset: int, gap: str = r"[\s,:;—–-]*") -> Quote | None:
        """The quote whose end is separated from `offset` only by `gap` characters."""
        k = bisect.bisect_left(self.starts, offset) - 1
        if k < 0:
            return None
        q = self.spans[k]
        if q.end <= offset and re.fullmatch(gap, self.text[q.end : offset]):
            return q
        return None

    def starting_after(self, offset: int, gap: str = r"[\s,:—–-]*") -> Quote | None:
        k = bisect.bisect_left(self.starts, offset)
        if k >= len(self.spans):
            return None
        q = self.spans[k]
        if re.fullmatch(gap, self.text[offset : q.start]):
            return q
        return None

    def next_after(self, offset: int) -> Quote | None:
        k = bisect.bisect_left(self.starts, offset)
        return self.spans[k] if k < len(self.spans) else None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        k = max(bisect.bisect_right(self.starts, start) - 1, 0)
        out = []
        while k < len(self.spans) and self.spans[k].start < end:
            if self.spans[k].end > start:
                out.append(self.spans[k])
            k += 1
        return out
