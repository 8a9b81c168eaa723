"""Quotation marks: their pairs in a text, and scare quotes (quotation marks round a
short phrase that nobody is quoted as saying: the writer's distance, MOS:SCAREQUOTES)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from analysis.records import Article

SCARE_QUOTE = "scare_quote"
SCARE_QUOTE_SOURCE = "kit rule: quotation marks round a short unattributed phrase (MOS:SCAREQUOTES)"

_OPEN_CLOSE = {"“": "”", "‘": "’", "«": "»", "„": "“"}


def quotation_pairs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotation-mark pairs in `text[start:end]`: curly
    “…” and ‘…’ (a ’ between letters is an apostrophe), «…», and straight "…" paired
    in order within each paragraph. A quote left open at a paragraph end is closed
    there (quotes running over paragraphs reopen with a new mark)."""
    end = len(text) if end is None else end
    pairs: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text, start, end):
        i = para_start
        while i < para_end:
            ch = text[i]
            close = None
            if ch == '"':
                close = text.find('"', i + 1, para_end)
            elif ch in _OPEN_CLOSE:
                closer = _OPEN_CLOSE[ch]
                j = i + 1
                while j < para_end:
                    j = text.find(closer, j, para_end)
                    if j < 0:
                        break
                    if closer == "’" and _between_letters(text, j):
                        j += 1
                        continue
                    break
                close = j if j is not None and j >= 0 else -1
            if close is not None:
                if close < 0:
                    pairs.append((i, para_end))
                    break
                pairs.append((i, close))
                i = close + 1
                continue
            i += 1
    return pairs


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalpha()


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for match in re.finditer(r"\n\s*\n", text[start:end]):
        spans.append((position, start + match.start()))
        position = start + match.end()
    spans.append((position, end))
    return spans


def find_scare_quotes(
    article: Article,
    doc: Doc,
    pairs: Sequence[tuple[int, int]],
    quote_spans: Sequence[tuple[int, int]],
    max_words: int,
) -> list[tuple[int, int, Span, tuple[int, int]]]:
    """Quoted stretches of 1..max_words words that read as the writer's scare quotes:
    no punctuation inside (a quoted sentence, "“Nonsense,” he said"), not overlapping a
    quote the attribution layer attributed, not inside the complement of a reporting
    verb (a partial quote: 'claimed Valdoria had “staged” it'), not a capitalised name
    or title (“Pravda”), not a word mentioned rather than used ("the phrase “...”"),
    not markup (`id="..."`). Quotes right after "so-called" always count."""
    found = []
    for open_, close in pairs:
        inner_start, inner_end = open_ + 1, close
        raw = article.text[inner_start:inner_end]
        inner_start += len(raw) - len(raw.lstrip())
        inner_end -= len(raw) - len(raw.rstrip())
        inner = article.text[inner_start:inner_end]
        if not inner or re.search(r"[.,!?;:()\n]", inner):
            continue
        if open_ > 0 and (article.text[open_ - 1].isalnum() or article.text[open_ - 1] in "=/"):
            continue  # markup or a mark glued to a word: tweet-id="...", 5'10"
        span = doc.char_span(inner_start, inner_end)
        if span is None:  # the marks do not sit on token boundaries
            continue
        words = [t for t in span if not t.is_punct and not t.is_space]
        if not 1 <= len(words) <= max_words or not any(w.is_alpha for w in words):
            continue
        before = _previous_word(doc, span.start - 1)
        if before is not None and before.lemma_.lower() in _MENTION_NOUNS:
            continue  # a word mentioned, not used: the phrase “Islamic terrorism”
        if _after_so_called(doc, span.start):
            # "the so-called “security zone”": the writer's distance, even in a
            # paraphrase of someone's words
            found.append((inner_start, inner_end, span, (open_, close)))
            continue
        if any(s < inner_end and inner_start < e for s, e in quote_spans):
            continue
        if all(
            w.text[:1].isupper() or w.text[:1].isdigit() or w.lower_ in _TITLE_SMALL_WORDS
            for w in words
        ):
            continue  # a name or a title: “Pravda”, ‘Thousands of Shootings’, ‘13th’
        if _under_reporting_verb(span):
            continue
        found.append((inner_start, inner_end, span, (open_, close)))
    return found


_MENTION_NOUNS = frozenset(
    {"word", "phrase", "term", "slogan", "label", "name", "title", "expression", "hashtag"}
)
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at"})


def _previous_word(doc: Doc, i: int) -> Token | None:
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):
        i -= 1
    return doc[i] if i >= 0 else None


def _after_so_called(doc: Doc, i: int) -> bool:
    """Whether the token before `i` (quote marks and spaces skipped) ends "so-called"."""
    i -= 1
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):
        i -= 1
    words = [t.lower_ for t in doc[max(0, i - 2) : i + 1]]
    return (words[-1:] == ["called"] and words[0] == "so") or words[-1:] == ["so-called"]


@functools.cache
def _reporting_verbs() -> frozenset[str]:
    from analysis.lexicons import reporting_cues

    return frozenset(cue for cue, kind in reporting_cues() if kind == "verb" and " " not in cue)


def _under_reporting_verb(span: Span) -> bool:
    """Whether the quoted words sit in the complement of a reporting verb (or of a
    reporting noun such as "claim"), i.e. are the source's words."""
    verbs = _reporting_verbs() | {"call", "describe", "term", "dub", "brand", "label"}
    below = span.root
    for ancestor in span.root.ancestors:
        if ancestor.lemma_.lower() in verbs and ancestor.pos_ in ("VERB", "NOUN"):
            if below.dep_ in _COMPLEMENT_DEPS:  # not its subject: 'the "experts" disagreed'
                return True
        below = ancestor
    return False


_COMPLEMENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "advcl", "parataxis", "prep", "acl"}
)
