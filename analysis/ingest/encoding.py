"""Bytes to text for the ingest stage (see `analysis.ingest`): UTF-8, a byte-order
mark's encoding, or the encoding charset_normalizer detects with confidence; binary data
and unreadable text are an `IngestError` with the user's reason.
"""

from __future__ import annotations

import codecs
import unicodedata


class IngestError(Exception):
    """An input that cannot become an article; the message is the user's reason."""

    def __init__(self, reason: str, article_id: str | None = None, line: int | None = None):
        super().__init__(reason)
        self.article_id = article_id
        self.line = line


#: Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Candidate encodings whose chaos (charset_normalizer's "mess" ratio) is this close to
#: the best are equally plausible; a guess worse than `_MAX_CHAOS` is garbage.
_CHAOS_TIE, _COHERENCE_TIE, _MAX_CHAOS = 0.01, 0.05, 0.2
#: For English news, Windows-1252 is by far the likeliest 8-bit encoding: it wins a tie.
_PREFERRED_ENCODING = "cp1252"
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")


def decode_text(raw: bytes) -> tuple[str, str]:
    """The text of a file's bytes as the kit reads it, and the encoding used.

    UTF-8 (with or without a byte-order mark, which stays in the text, as
    `read_text(encoding="utf-8")` keeps it); UTF-16/32 with a byte-order mark; else the
    encoding charset_normalizer detects, when it is confident. Newlines are universal
    (`\r\n` and `\r` become `\n`), as in `Path.read_text`. Raises `IngestError` for
    binary data and for text whose encoding cannot be told."""
    bom = bom_encoding(raw)
    if bom is None and b"\x00" in raw[:8192]:
        raise IngestError("binary file, not text (it contains NUL bytes)")
    if bom in (None, "utf-8"):
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            if bom == "utf-8":
                raise IngestError(
                    f"not valid UTF-8 text despite its byte-order mark (byte "
                    f"0x{raw[error.start]:02x} at position {error.start})"
                ) from None
            encoding = detect_encoding(raw, error)
            text = raw.decode(encoding)
    else:
        try:
            text, encoding = raw.decode(bom), bom
        except UnicodeDecodeError:
            raise IngestError(f"not valid {bom.upper()} text despite its byte-order mark") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _WHITESPACE_CONTROLS
    )
    if controls > max(2, len(text) // 100):
        raise IngestError(f"binary file, not text ({controls:,} control characters)")
    return text, encoding


def bom_encoding(raw: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def detect_encoding(raw: bytes, error: UnicodeDecodeError | None = None) -> str:
    """The encoding of non-UTF-8 bytes, or `IngestError` when it cannot be told with
    confidence: too little text to judge (charset_normalizer finds no language
    coherence), candidates that decode the bytes to different characters (unless one
    of them is Windows-1252), or only garbled readings."""
    from charset_normalizer import from_bytes  # imported here: only such files pay for it

    where = ""
    if error is not None:
        where = f" (byte 0x{raw[error.start]:02x} at position {error.start})"
    advice = "; save the file as UTF-8"
    matches = list(from_bytes(raw))
    if not matches:
        raise IngestError(
            f"not UTF-8 text{where}, and not text in any encoding the kit can detect "
            f"(binary data?){advice}"
        )
    best = matches[0]
    guess = f"best guess {best.encoding}"
    if best.chaos > _MAX_CHAOS or best.coherence <= 0:
        why = "it reads as garbled text" if best.chaos > _MAX_CHAOS else "too little text"
        raise IngestError(
            f"not UTF-8 text{where}, and its encoding could not be detected with "
            f"confidence ({why}; {guess}){advice}"
        )
    tied = [
        m
        for m in matches
        if m.chaos <= best.chaos + _CHAOS_TIE and m.coherence >= best.coherence - _COHERENCE_TIE
    ]
    readings = {str(m) for m in tied}
    if len(readings) > 1:
        preferred = [m for m in tied if _PREFERRED_ENCODING in m.could_be_from_charset]
        if not preferred:
            names = ", ".join(m.encoding for m in tied[:4])
            raise IngestError(
                f"not UTF-8 text{where}, and its encoding could not be detected with "
                f"confidence (equally likely: {names}){advice}"
            )
        best = preferred[0]
    if _PREFERRED_ENCODING in best.could_be_from_charset:
        return _PREFERRED_ENCODING
    return best.encoding
