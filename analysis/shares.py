"""Shares of the inputs: how a cluster run splits a corpus so that every worker reads
its own part of the files and the driver never reads an article.

`plan_shares` walks the inputs like `ingest.iter_articles` (same files, same order) and
cuts them into `Share`s: a run of small files (`.txt`, `.html`), a whole `.csv` (a
quoted cell may hold newlines, so a CSV is never cut), or a byte range of a `.jsonl`
that starts and ends on a line boundary, with the number of lines before it so that
every record keeps the line number (and default id `stem:line`) it has when the file
is read whole. Planning a JSONL file reads it once as bytes to count lines, holding
one block at a time; nothing is decoded or kept.

`read_share` reads one share on a worker. Reading every share of a plan in order gives
the articles and problems of `ingest.iter_articles`, except that an id seen in an
earlier share is not known there: the cluster engine finds those duplicates from the
per-article rows the workers return (see `analysis.distributed`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.ingest import (
    IngestError,
    _check_language,
    _read_jsonl,
    _record_encoding,
    _walk,
    read_file,
)
from analysis.records import Article, Problem

#: Bytes of JSONL per share by default (about 2,000 news articles).
SHARE_BYTES = 8_000_000
#: Small files per share by default.
SHARE_FILES = 64
_BLOCK = 1 << 22


@dataclass(frozen=True)
class Share:
    """One worker's part of the inputs: `files` read whole, or one `.jsonl` file's lines
    starting in bytes [start, end), `lines_before` lines preceding them."""

    index: int
    files: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    lines_before: int = 0

    @property
    def byte_range(self) -> tuple[int, int, int] | None:
        if self.start is None or self.end is None:
            return None
        return (self.start, self.end, self.lines_before)


def plan_shares(
    paths: Iterable[str | Path],
    *,
    share_bytes: int | None = None,
    share_files: int = SHARE_FILES,
    workers: int = 1,
) -> tuple[list[Share], list[Problem]]:
    """The shares of the inputs, in input order, and the inputs that cannot be read at
    all (a missing path, a folder that cannot be listed). Without `share_bytes`, JSONL
    is cut so that each of `workers` gets at least four shares (`share_count_hint`)."""
    files, problems = _input_files(paths)
    if share_bytes is None:
        share_bytes = share_count_hint(sum(_size(f) for f in files), workers)
    shares: list[Share] = []
    small: list[str] = []

    def flush() -> None:
        if small:
            shares.append(Share(len(shares), tuple(small)))
            small.clear()

    for file in files:
        suffix = file.suffix.lower()
        if suffix != ".jsonl":  # .txt, .html, .csv and unsupported files: read whole
            small.append(str(file))
            if len(small) >= share_files or suffix == ".csv":
                flush()
            continue
        flush()
        for start, end, before in _jsonl_ranges(file, share_bytes):
            shares.append(Share(len(shares), (str(file),), start, end, before))
    flush()
    return shares, problems


def _input_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Every file under `paths` as `ingest.iter_articles` walks them, and the paths that
    cannot be read."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as error:
            problems.append(Problem(str(path), f"cannot read: {error.strerror or error}"))
            continue
        if not exists:
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        for item in _walk(path) if is_dir else [path]:
            (problems if isinstance(item, Problem) else files).append(item)
    return files, problems


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it on the worker reports the problem


def _jsonl_ranges(path: Path, share_bytes: int) -> list[tuple[int | None, int | None, int]]:
    """Byte ranges of about `share_bytes` cut after a newline, with the lines before
    each; one whole-file range where the file cannot be cut (UTF-16/32, unreadable)."""
    try:
        size = path.stat().st_size
        if size <= share_bytes or _record_encoding(path) in ("utf-16", "utf-32"):
            return [(None, None, 0)]
    except (OSError, IngestError):
        return [(None, None, 0)]  # reading it on the worker reports the problem
    cuts: list[tuple[int, int]] = [(0, 0)]  # (byte offset, lines before it)
    lines = offset = 0  # lines in, and bytes of, the blocks before this one
    previous = b""
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            if previous == b"\r" and block[:1] == b"\n":
                lines -= 1  # a "\r\n" cut between two blocks was counted twice
            searched = counted = 0  # lines of block[:searched] are `counted`
            while (target := cuts[-1][0] + share_bytes) < offset + len(block):
                cut = block.find(b"\n", max(target - offset, searched))
                if cut < 0:
                    break
                counted += _count_lines(block[searched : cut + 1])
                searched = cut + 1
                if offset + searched < size:
                    cuts.append((offset + searched, lines + counted))
            lines += _count_lines(block)
            previous = block[-1:]
            offset += len(block)
    ends = [at for at, _ in cuts[1:]] + [size]
    return [(at, end, before) for (at, before), end in zip(cuts, ends, strict=True)]


def _count_lines(data: bytes) -> int:
    """Line breaks as `ingest._record_lines` numbers lines: "\n", and a lone "\r"."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def read_share(share: Share, *, allow_other_languages: bool = False) -> Iterator[Article | Problem]:
    """The articles and problems of one share, in file order (see `plan_shares`)."""
    if share.byte_range is None:
        for file in share.files:
            yield from read_file(Path(file), allow_other_languages=allow_other_languages)
        return
    path = Path(share.files[0])
    try:
        for item in _read_jsonl(path, share.byte_range):
            if isinstance(item, Article):
                item = _check_language(item, allow_other_languages)
            yield item
    except IngestError as error:
        yield Problem(str(path), str(error), article_id=error.article_id, line=error.line)
    except OSError as error:
        yield Problem(str(path), f"cannot read the file: {error.strerror or error}")


def share_count_hint(total_bytes: int, workers: int) -> int:
    """A share size in bytes that gives each of `workers` at least four shares of a
    corpus of `total_bytes` (so no worker idles at the end), within 64 KB..SHARE_BYTES."""
    return max(64_000, min(SHARE_BYTES, total_bytes // max(4 * workers, 1)))
