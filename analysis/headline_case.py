"""Headlines in Title Case, read as sentences: the text the parser is given for a line
such as "Hillary Clinton Slams Donald Trump On Abortion After Court Ruling".

The small English pipeline learned capitals as a sign of names, so on such a line it
reads "Slams", "Claims", "Tweet" or "Hints" as proper nouns: the reporting verb of the
most visible sentence of an article is lost, and "On Abortion" joins the name. Before
parsing, `headline_case` gives each Title Case line (not a name-heavy sentence of
prose: most of its longer words capitalised, no more than `MAX_WORDS` words) the
capitals the article itself uses for its words — the classic truecasing heuristic:

- a word the rest of the article writes in lower case more often than with a capital
  ("abortion", "ruling") gets a small first letter;
- a word the article writes with a capital at least as often keeps it ("Trump",
  "May" of Theresa May, "House");
- a word the article never writes gets a small letter ("Slams", "Hid": a name the
  headline introduces is almost always named again in the article);
- an English function word (spaCy's stop-word list: "the", "on", "after") gets a
  small letter when the article writes it small at least as often as capitalised
  (sentence starts make up its capitals).

The first word of the line keeps its capital. Only the first letter of a word changes,
so the text keeps its length and every offset; the parse is then put back on the
original words (`analysis.nlp`), and no output ever shows the changed case.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

#: Longest line (in words) read as a headline.
MAX_WORDS = 30
#: Share of the line's words of four letters or more that must be capitalised.
TITLE_SHARE = 0.8

_WORD = re.compile(r"[A-Za-z]+")


def _title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3]
    if len(words) > MAX_WORDS or len(long_words) < 3:
        return False
    capitalised = sum(w[0].isupper() for w in long_words)
    return capitalised >= TITLE_SHARE * len(long_words)


def _usage(text: str) -> tuple[Counter, Counter]:
    """How often each word is written in lower case, and with a capital (sentence
    starts included: a common word's lower-case uses outnumber them)."""
    lower: Counter = Counter()
    capital: Counter = Counter()
    for word in _WORD.findall(text):
        (lower if word[0].islower() else capital)[word.lower()] += 1
    return lower, capital


def _small(word: str, lower: Counter, capital: Counter) -> bool:
    """Whether the headline word `word` (capitalised) is a common word: not one with
    capitals of its own ("McConnell", "GOP"), and written in lower case in the
    article at least as often as with a capital — or neither."""
    if len(word) > 1 and not word[1:].islower():
        return False
    key = word.lower()
    if key in STOP_WORDS and lower[key] >= capital[key]:
        return True  # "the", "on": sentence starts make up their capitals
    return capital[key] == 0 or lower[key] > capital[key]


def headline_case(text: str) -> str:
    """`text` with each Title Case line's words given the article's own capitals (see
    the module docstring); the same length, and the same string when nothing changes."""
    lines = text.split("\n")
    heads = {k for k, line in enumerate(lines) if _title_case(_WORD.findall(line))}
    if not heads:
        return text
    rest = "\n".join(line for k, line in enumerate(lines) if k not in heads)
    lower, capital = _usage(rest)
    for k in sorted(heads):
        line = lines[k]
        chars = list(line)
        words = list(_WORD.finditer(line))
        for m in words[1:]:
            word = m.group()
            if len(word) == 1 and (word != "A" or line[m.end() : m.end() + 1] == "."):
                continue  # "I", the "U" and "S" of "U.S."
            if word[0].isupper() and _small(word, lower, capital):
                chars[m.start()] = word[0].lower()
        lines[k] = "".join(chars)
    return "\n".join(lines)
