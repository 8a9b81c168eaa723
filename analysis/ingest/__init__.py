"""Files and folders in, `Article` records out.

Formats (see the contract in the README):

- `.txt`  plain text; a short first line followed by a blank line is the headline.
- `.html`/`.htm`  a saved web page; trafilatura extracts the article offline.
- `.jsonl`  one article per line (`text` required; `id`, `title`, `outlet`, `date`,
  `url` optional, also under the names common exports give them, `RECORD_FIELD_ALIASES`:
  `publisher`, `publish_date`, `maintext` ...; other fields kept as metadata).
- `.csv`  the same fields as columns.

This package is the stage's door; `encoding` turns bytes into text, `language`
judges whether an article is English, `structure` finds the headline and the trailing
boilerplate and builds the record (`make_article`).

Trailing web boilerplate ("Check Also", "Leave a Reply", share lines ...) is set aside
using the markers in `analysis/data/boilerplate.csv`. Nothing is removed from the text:
the body is a span of it, so every offset indexes the text exactly as read.

Problems never stop a run: `iter_articles` yields a `Problem` for every input it
cannot read, and goes on with the rest. What counts as unreadable, and what the kit does
about it (the README says the same to users):

- **Encoding.** UTF-8 is read as is. A file that is not UTF-8 is decoded with the
  encoding `charset_normalizer` detects, and the encoding is recorded as the article's
  `metadata["encoding"]`; its "text as read" (what offsets index) is then the file
  decoded with that encoding, universal newlines (`\r\n` and `\r` become `\n`), exactly
  as `Path(f).read_text(encoding=metadata["encoding"])` returns it. When detection is not
  confident (too little text, or candidate encodings that disagree on the characters)
  the file is rejected with the reason. Files with a UTF-16/32 byte-order mark are
  decoded with it; other files holding NUL bytes or many control characters are binary.
  A `.jsonl`/`.csv` file's encoding is chosen from its first `ENCODING_SAMPLE_BYTES`
  and each line is decoded on its own: a line that is not valid in that encoding is a
  problem (for `.jsonl` that line only; for `.csv` the rows before it are kept). A
  UTF-8 byte-order mark is dropped from records files (it would spoil the first field).
- **Size.** One article is at most `MAX_ARTICLE_CHARS` characters (spaCy's own default
  limit, `nlp.max_length`); a `.txt` file is checked against a byte cap before it is
  read, an HTML page against `MAX_HTML_BYTES`. `.jsonl` and `.csv` files are streamed
  line by line / row by row, never read whole, so a corpus file may be any size.
- **Language.** The parser and lexicons are English. An article whose body is
  confidently detected (py3langid, offline) as another language, or written mostly in a
  non-Latin script, is a problem "not English (detected: xx)" unless
  `allow_other_languages=True` (`framing analyze --any-language`). Bodies shorter than
  `LANGUAGE_MIN_LETTERS` letters are too short to judge and are never rejected for
  their language alone.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.ingest.encoding import IngestError, bom_encoding, decode_text, detect_encoding
from analysis.ingest.language import (  # (the names of the stage's door, re-exported)
    LANGUAGE_MIN_CONFIDENCE,
    LANGUAGE_MIN_LETTERS,
    LANGUAGE_SAMPLE_CHARS,
    LanguageGuess,
    detect_language,
    language_guesses,
    preload_language_model,
)
from analysis.ingest.structure import (  # (the names of the stage's door, re-exported)
    MAX_ARTICLE_CHARS,
    TailMarker,
    _too_long,
    make_article,
    tail_markers,
)
from analysis.records import Article, Problem

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".jsonl", ".csv"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

#: Fields of a record that become `Article` attributes; everything else is metadata.
RECORD_FIELDS = ("id", "text", "title", "outlet", "date", "url")

#: Other names the same fields go by in the exports researchers load (Media Cloud's
#: `media_name`/`publish_date`, news-please's `maintext`/`date_publish`/`source_domain`,
#: NewsAPI's `source` object and `publishedAt`, PolNeAR's `publisher`/
#: `publication_date`/`doc_id`): read where the record lacks the field itself, in
#: this order; the one read is not repeated in the metadata.
RECORD_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("doc_id", "article_id", "stories_id", "uuid", "guid"),
    "text": ("body", "maintext", "content", "full_text", "article_text"),
    "title": ("headline",),
    "outlet": (
        "publisher", "media_name", "source_name", "source", "publication", "newspaper",
        "site_name", "source_domain", "media",
    ),
    "date": (
        "publication_date", "publish_date", "date_publish", "published", "published_at",
        "publishedAt", "pub_date", "pubdate", "date_published",
    ),
    "url": ("link", "URL", "canonical_url"),
}  # fmt: skip

#: A saved page whose extracted text is shorter than this holds no article (trafilatura
#: falls back to menu labels such as "Home" when a page has no article).
HTML_MIN_WORDS = 15

#: A `.txt` file larger than this many bytes cannot hold an article within the cap in
#: any encoding the kit reads (at most 4 bytes per character), so it is refused unread.
MAX_TEXT_FILE_BYTES = 4 * MAX_ARTICLE_CHARS + 4
#: A saved HTML page larger than this is refused unread (pages are mostly markup).
MAX_HTML_BYTES = 20_000_000
#: One `.jsonl` line longer than this (characters; JSON escapes can make a record six
#: times longer than its text) is skipped and reported without being parsed.
MAX_RECORD_LINE_CHARS = 6 * MAX_ARTICLE_CHARS + 10_000
#: How much of a `.jsonl`/`.csv` file is sampled to choose its encoding.
ENCODING_SAMPLE_BYTES = 1_000_000


def iter_articles(
    paths: Iterable[str | Path], *, allow_other_languages: bool = False
) -> Iterator[Article | Problem]:
    """Yield an `Article` for every article found under `paths`, a `Problem` for every
    input that cannot be read. Folders are walked (sorted); unsupported files inside
    folders are skipped silently, an unsupported file named explicitly is a problem,
    and a folder that cannot be listed is a problem. An article id met again is a
    problem (after the language check: a rejected article takes no id)."""
    return _unique_ids(_checked(_unchecked_items(paths), allow_other_languages))


def _unchecked_items(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    """`iter_articles` before the language and duplicate-id checks."""
    for path in paths:
        path = Path(path)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as error:
            yield Problem(str(path), f"cannot read: {error.strerror or error}")
            continue
        if is_dir:
            files: list[Path] = []
            for item in _walk(path):
                if isinstance(item, Problem):
                    yield item
                else:
                    files.append(item)
        elif exists:
            files = [path]
        else:
            yield Problem(str(path), "no such file or folder")
            continue
        for file in files:
            yield from _read_file(file)


def _unique_ids(items: Iterable[Article | Problem]) -> Iterator[Article | Problem]:
    seen: dict[str, str] = {}
    for item in items:
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


def read_articles(
    paths: Iterable[str | Path], *, allow_other_languages: bool = False
) -> tuple[list[Article], list[Problem]]:
    """All articles and problems under `paths`, in input order."""
    return _split(iter_articles(paths, allow_other_languages=allow_other_languages))


def read_unchecked(paths: Iterable[str | Path]) -> list[Article | Problem]:
    """Every article and problem under `paths` in input order, before the language
    check: the fast part of reading. `finish_reading` turns them into `read_articles`'
    result; the language guesses it needs (`language_guesses` of `language_samples`)
    can be made meanwhile in another process (`framing analyze --jobs`)."""
    return list(_unchecked_items(paths))


def language_samples(items: Iterable[Article | Problem]) -> list[str]:
    """What the language check reads of each article among `items`, in order."""
    return [item.body[:LANGUAGE_SAMPLE_CHARS] for item in items if isinstance(item, Article)]


def finish_reading(
    items: Iterable[Article | Problem],
    *,
    allow_other_languages: bool = False,
    guesses: Iterable[LanguageGuess] | None = None,
) -> tuple[list[Article], list[Problem]]:
    """`read_articles`' result from `read_unchecked`'s items: the language check (with
    the `guesses` made for `language_samples(items)`, or made here) and the
    duplicate-id check."""
    return _split(_unique_ids(_checked(items, allow_other_languages, guesses)))


def _checked(
    items: Iterable[Article | Problem],
    allow_other_languages: bool,
    guesses: Iterable[LanguageGuess] | None = None,
) -> Iterator[Article | Problem]:
    """`items` with each article through the language check (`_check_language`), using
    `guesses` (one per article, in order) where given."""
    guessed = iter(guesses) if guesses is not None else None
    for item in items:
        if isinstance(item, Article):
            item = _check_language(item, allow_other_languages, next(guessed) if guessed else None)
        yield item


def _split(items: Iterable[Article | Problem]) -> tuple[list[Article], list[Problem]]:
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in items:
        (articles if isinstance(item, Article) else problems).append(item)
    return articles, problems


def read_file(path: Path, *, allow_other_languages: bool = False) -> Iterator[Article | Problem]:
    """The articles of one file (one for `.txt`/`.html`, many for records). Every
    article is checked for its language unless `allow_other_languages`."""
    return _checked(_read_file(Path(path)), allow_other_languages)


def _read_file(path: Path) -> Iterator[Article | Problem]:
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


def _walk(folder: Path) -> Iterator[Path | Problem]:
    """The supported files under `folder`, sorted, hidden files and folders left out;
    a sub-folder that cannot be listed is a `Problem` (a silent skip would lose it)."""
    problems: list[Problem] = []
    files: list[Path] = []
    visited: set[str] = set()

    def unreadable(error: OSError) -> None:
        problems.append(
            Problem(
                error.filename or str(folder),
                f"cannot read the folder: {error.strerror or error}",
            )
        )

    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:  # a symlink loop
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(
            Path(root) / name
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        )
    yield from problems
    for file in sorted(files):
        try:
            if not file.is_file():
                continue
        except OSError:
            pass  # reading it will report the problem
        yield file


# --------------------------------------------------------------------------- formats


def _read_text_file(path: Path) -> tuple[str, str]:
    """The text of a `.txt` file as read, and its encoding (see `decode_text`)."""
    size = path.stat().st_size
    if size > MAX_TEXT_FILE_BYTES:
        raise IngestError(_too_long(f"{size:,} bytes"))
    return decode_text(path.read_bytes())


def _read_txt(path: Path) -> Article:
    text, encoding = _read_text_file(path)
    return make_article(
        text,
        article_id=path.stem,
        source_path=str(path),
        fmt="txt",
        detect_headline=True,
        metadata=None if encoding == "utf-8" else {"encoding": encoding},
    )


def _read_html(path: Path) -> Article:
    import trafilatura  # imported here: only HTML input pays for it

    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        raise IngestError(
            f"file too large ({size:,} bytes); saved pages of at most {MAX_HTML_BYTES:,} "
            "bytes are read"
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise IngestError("empty file")
    if bom_encoding(raw) is None and b"\x00" in raw[:8192]:
        raise IngestError("binary file, not an HTML page (it contains NUL bytes)")
    try:
        document = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except Exception as error:  # noqa: BLE001 - a page trafilatura chokes on is one problem
        raise IngestError(
            f"the HTML page could not be read ({type(error).__name__}: {error})"
        ) from None
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


def _read_jsonl(
    path: Path, byte_range: tuple[int, int, int] | None = None
) -> Iterator[Article | Problem]:
    """One record per line, streamed: a line that is not a JSON object, is not valid
    text in the file's encoding, or is too long, is a problem with its number; the other
    lines are read. `byte_range` (start, end, number of the line before start) reads
    only the lines that start in [start, end): one share of a big file (`analysis.shares`)."""
    encoding = _record_encoding(path)
    found = byte_range is not None  # a share may be blank; only a whole file is "empty"
    for line in _record_lines(path, encoding, byte_range):
        if line.problem is not None:
            found = True
            yield Problem(str(path), f"line {line.number} {line.problem}", line=line.number)
            continue
        assert line.text is not None
        if not line.text.strip():
            continue
        found = True
        number = line.number
        try:
            record = json.loads(line.text)
        except json.JSONDecodeError as error:
            yield Problem(
                str(path),
                f"line {number} is not valid JSON: {error.msg} (column {error.colno})",
                line=number,
            )
            continue
        except RecursionError:
            yield Problem(str(path), f"line {number} is nested too deeply", line=number)
            continue
        if not isinstance(record, dict):
            yield Problem(str(path), f"line {number} is not a JSON object", line=number)
            continue
        yield _record_article(record, path, number, _shown(encoding))
    if not found:
        raise IngestError("empty file (no records)")


def _read_csv(path: Path) -> Iterator[Article | Problem]:
    """One article per row, streamed. A quoted cell whose closing quotation mark is
    missing would swallow the rest of the file; it is reported, not analysed. A line
    that cannot be read stops the file (the rows before it are kept)."""
    encoding = _record_encoding(path)
    csv.field_size_limit(max(csv.field_size_limit(), 4 * MAX_ARTICLE_CHARS))
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in _record_lines(path, encoding):
            if line.problem is not None:
                raise _UnreadableLine(line.number, line.problem)
            assert line.text is not None
            consumed.append(line.text)
            yield line.text

    reader = csv.DictReader(lines())
    try:
        fieldnames = reader.fieldnames
    except _UnreadableLine as error:
        raise IngestError(f"line {error.number} {error.problem}") from None
    except csv.Error as error:
        raise IngestError(f"the header row cannot be read as CSV ({error})") from None
    if fieldnames is None:
        raise IngestError("empty file (no header row)")
    columns = [name.strip() for name in fieldnames if name]
    if not {"text", *RECORD_FIELD_ALIASES["text"]} & set(columns):
        raise IngestError(
            f"no 'text' column (columns: {', '.join(columns) or 'none'}); "
            "a CSV of articles needs one (or 'body', 'maintext', 'content')"
        )
    reader.fieldnames = [name.strip() if name else name for name in fieldnames]
    line = reader.line_num + 1
    rows = 0
    while True:
        consumed.clear()
        try:
            row = next(reader)
        except StopIteration:
            if not rows:
                raise IngestError("no articles (a header row and nothing else)") from None
            break
        except _UnreadableLine as error:
            yield Problem(
                str(path),
                f"line {error.number} {error.problem}"
                + (
                    ""
                    if "rest of the file" in error.problem
                    else "; the rest of the file was not read"
                ),
                line=error.number,
            )
            return
        except csv.Error as error:
            yield Problem(
                str(path),
                f"line {line}: not valid CSV ({error}); the rest of the file was not read",
                line=line,
            )
            return
        rows += 1
        if len(consumed) > 1 and "".join(consumed).count('"') % 2:
            yield Problem(
                str(path),
                f"line {line}: a quoted cell is never closed (unbalanced quotation mark), "
                f"so lines {line}-{reader.line_num} ran together; fix the quoting",
                line=line,
            )
        else:
            record = {key: value for key, value in row.items() if key}
            yield _record_article(record, path, line, _shown(encoding))
        line = reader.line_num + 1


@dataclass(frozen=True)
class _Line:
    """One line of a records file: its text (ending in "\\n" but for the last line,
    newlines universal), or why it cannot be read."""

    number: int
    text: str | None
    problem: str | None = None


class _UnreadableLine(Exception):
    def __init__(self, number: int, problem: str):
        super().__init__(problem)
        self.number = number
        self.problem = problem


def _record_encoding(path: Path) -> str:
    """The codec to read a `.jsonl`/`.csv` with, chosen from its first
    `ENCODING_SAMPLE_BYTES`: UTF-8 (a byte-order mark dropped) when the sample is UTF-8,
    UTF-16/32 by their byte-order mark, else the detected encoding."""
    with path.open("rb") as handle:
        sample = handle.read(ENCODING_SAMPLE_BYTES)
        complete = not handle.read(1)
    bom = bom_encoding(sample)
    if bom is None and b"\x00" in sample[:8192]:
        raise IngestError("binary file, not text (it contains NUL bytes)")
    if bom is not None and bom != "utf-8":
        return bom
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
    except UnicodeDecodeError:
        return detect_encoding(sample)
    return "utf-8-sig"


def _shown(encoding: str) -> str:
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _record_lines(
    path: Path, encoding: str, byte_range: tuple[int, int, int] | None = None
) -> Iterator[_Line]:
    """The lines of a records file, streamed and decoded one by one, so a bad byte
    costs one line and a huge file is never held whole. Universal newlines; a line over
    `MAX_RECORD_LINE_CHARS` is reported and skipped unread. With `byte_range` (start,
    end, lines before start; ASCII-compatible encodings only), the lines starting in
    [start, end), numbered as in the whole file."""
    limit = MAX_RECORD_LINE_CHARS
    too_long = (
        f"is longer than {limit:,} characters (articles of at most "
        f"{MAX_ARTICLE_CHARS:,} characters are read); skipped"
    )
    number = 0
    start, end = 0, None
    if byte_range is not None:
        if encoding in ("utf-16", "utf-32"):
            raise IngestError(f"a {encoding} file cannot be read in byte ranges")
        start, end, number = byte_range
    if encoding in ("utf-16", "utf-32"):  # not ASCII-compatible: decode as a stream
        with path.open(encoding=encoding, newline=None) as handle:
            while True:
                try:
                    text = handle.readline(limit + 1)
                    overlong = len(text) > limit and not text.endswith("\n")
                    if overlong:
                        while (rest := handle.readline(1_000_000)) and not rest.endswith("\n"):
                            pass
                except UnicodeError:
                    yield _Line(
                        number + 1,
                        None,
                        f"is not valid {encoding} text; the rest of the file was not read",
                    )
                    return
                if not text:
                    return
                number += 1
                yield _Line(number, None, too_long) if overlong else _Line(number, text)
    with path.open("rb") as handle:
        handle.seek(start)
        while (end is None or handle.tell() < end) and (raw := handle.readline(limit + 1)):
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := handle.readline(1_000_000)) and not rest.endswith(b"\n"):
                    pass
                number += 1
                yield _Line(number, None, too_long)
                continue
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as error:
                number += 1
                yield _Line(
                    number,
                    None,
                    f"is not valid {_shown(encoding)} text (byte 0x{raw[error.start]:02x})",
                )
                continue
            # Universal newlines: "\r\n" and a lone "\r" end a line too.
            parts = text.replace("\r\n", "\n").split("\r")
            for i, part in enumerate(parts):
                number += 1
                yield _Line(number, part if i == len(parts) - 1 else part + "\n")


def _record_fields(record: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The record's `RECORD_FIELDS`, each from the field itself or, where that is
    missing or empty, from its first `RECORD_FIELD_ALIASES` name present (an object
    such as NewsAPI's `"source": {"name": ...}` gives its name); and the keys read."""
    fields: dict[str, Any] = {}
    read: set[str] = set()
    for name in RECORD_FIELDS:
        for key in (name, *RECORD_FIELD_ALIASES.get(name, ())):
            value = record.get(key)
            if isinstance(value, dict):
                value = value.get("name")
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            fields[name] = value
            read.add(key)
            break
    return fields, read


def _record_article(
    record: dict[str, Any], path: Path, line: int, encoding: str = "utf-8"
) -> Article | Problem:
    fields, read = _record_fields(record)
    article_id = _clean(fields.get("id")) or f"{path.stem}:{line}"
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(
            str(path), f"line {line}: record has no text", article_id=article_id, line=line
        )
    metadata = {
        key: value
        for key, value in record.items()
        if key not in RECORD_FIELDS and key not in read and value not in (None, "")
    }
    metadata["line"] = line
    if encoding != "utf-8":
        metadata["encoding"] = encoding
    try:
        return make_article(
            text,
            article_id=article_id,
            source_path=str(path),
            fmt=path.suffix.lower().lstrip("."),
            title=_clean(fields.get("title")),
            outlet=_clean(fields.get("outlet")),
            date=_clean(fields.get("date")),
            url=_clean(fields.get("url")),
            metadata=metadata,
            detect_headline=True,
            headline_is_title=False,
            title_in_text=True,
        )
    except IngestError as error:
        return Problem(str(path), f"line {line}: {error}", article_id=article_id, line=line)


__all__ = [
    "ENCODING_SAMPLE_BYTES",
    "HTML_SUFFIXES",
    "LANGUAGE_MIN_CONFIDENCE",
    "LANGUAGE_MIN_LETTERS",
    "LANGUAGE_SAMPLE_CHARS",
    "MAX_ARTICLE_CHARS",
    "MAX_HTML_BYTES",
    "MAX_RECORD_LINE_CHARS",
    "MAX_TEXT_FILE_BYTES",
    "RECORD_FIELDS",
    "RECORD_FIELD_ALIASES",
    "RECORD_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "IngestError",
    "LanguageGuess",
    "TailMarker",
    "decode_text",
    "detect_language",
    "finish_reading",
    "iter_articles",
    "language_guesses",
    "language_samples",
    "make_article",
    "preload_language_model",
    "read_articles",
    "read_file",
    "read_unchecked",
    "tail_markers",
]


def _check_language(
    article: Article, allow_other_languages: bool, guess: LanguageGuess | None = None
) -> Article | Problem:
    if guess is None:
        guess = detect_language(article.body)
    if guess.english:
        return article
    if allow_other_languages:
        metadata = {**article.metadata, "detected_language": guess.language}
        return dataclasses.replace(article, metadata=metadata)
    line = article.metadata.get("line")
    prefix = f"line {line}: " if line else ""
    return Problem(
        article.source_path,
        f"{prefix}not English (detected: {guess.language}, confidence "
        f"{guess.confidence:.2f}); the kit's parser and lexicons are English-only "
        "(framing analyze --any-language analyses it anyway)",
        article_id=article.id,
        line=line,
    )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
