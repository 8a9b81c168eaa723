"""Attribution: who said what, with which reporting cue.

One `Attribution` per reporting cue found in an article, with the columns of
`framing extract` (see the contract): the speaker as written and as resolved, the
cue and its stance from the reporting-cue lexicon, the content (what was said) as
one span, the quote type, negation and whether the cue stands inside a direct quote.

How cues are found (rules over spaCy's dependency parse; no trained model):

- a verb whose lemma (or verb + particle, "point out") is in the lexicon and that
  has speech content: a clausal complement ("said that ..."), an adjacent direct
  quote ("“...,” he said", "said: “...”", split quotes), a to-infinitive ("refused to
  ..."), or an object ("denied any involvement") for the verbs that take one;
- "according to X", and nouns of the lexicon with their owner and a clause
  ("X's claim that ...", "a statement by X that ...");
- participial and coordinated cues (", claiming that ...", "denied this, saying")
  take the subject of the verb they hang on; passive cues take the "by" agent, and
  an agentless passive ("a curfew was announced") has no source, its subject being
  what was said;
- multi-word cues written out ("made it clear", "as she put it"), a verb with the
  topic of its speech ("complained about the noise", "sees the plan as a trap"), a
  noun cue carried by a light verb ("expressed concern that ...": the subject speaks;
  "faced criticism over ...": no source), and an attitude stated with "be" and an
  adjective ("farmers are worried about ...", "it was clear that ...": no source);
- attitudes and intentions as PolNeAR annotates them, from the lexicon ("plans to",
  "hopes", "seems": the impression of "seem"/"appear" is the writer's unless a person
  is its subject or it is "to" someone).

- layout cues: a quote signed with a dash ('“...” ― Sonya Herridge') and a speaker
  label opening a line ("PENCE: ...", in transcripts; "Pence: ..." in a headline).

Sense guards: "claim", "insist", "add" and the belief verbs need a clause or quote
("the fire claimed two lives", "insisted on a recount" are not attributions; "claim"
takes an object only with a person or institution as subject: "he claimed victory");
a passive "admit" or "admit to" + a noun is the hospital sense; "call" counts only
when it names ("called X a liar", 'what she called a “rant”', "call for", "call on");
hypothetical speech ("would say", "may suggest"; but "could not explain" stays),
imperatives ("Don't blame Bush"), infinitives ("obliged to report"; after
refuse/decline/fail the two verbs make one negated cue, "refused to confirm") and
beliefs reported inside what someone said ("said he thinks ...") are not
attributions of their own.

Reports inside reports: an attribution whose cue stands in another one's indirect
content ("Smith said Jones had denied it") is left out, as PolNeAR annotates only the
outer one (none of its 2,193 dev cues is nested); a participle after a comma or a
verb coordinated with the cue ("said ..., adding that ...", "said ... and warned
...") is the same speaker going on, and the outer content ends before it. Noun cues
("rejected X's claim that ...") and cues inside direct quotes are kept.

Speakers: the subject (or the "by" agent of a passive; none for an agentless
passive), the subject of the verb a participle or coordinated cue hangs on, a
relative pronoun's noun; resolved to a named referent by `analysis.resolve`
(pronouns, "the spokesman", surnames). `speaker_start/end` are the span as written.

Quotation marks are found once per document (`quote_spans`), curly and straight;
a quote left open at a paragraph end continues into the next paragraph when that
paragraph opens with a quotation mark (news style).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from analysis.lexicons import Cue, reporting_cues
from analysis.nlp import sentence_spans
from analysis.records import Article
from analysis.resolve import PRONOUNS, Referent, doc_text, name_tokens, referents, resolve

# ----------------------------------------------------------------- small word lists

#: Verbs that are cues only with a clause or a quote, never with a bare object
#: (sense guards: "claimed two lives", "added two goals", "knows the area").
CLAUSE_ONLY = frozenset(
    {
        "claim", "insist", "add", "believe", "think", "know", "feel", "hope", "fear",
        "worry", "expect", "understand", "see", "want", "like", "love", "hate", "need",
        "consider", "wish", "seem", "figure", "gather", "sense", "continue", "assume",
        "suspect", "guess", "reckon", "learn", "say", "write", "argue", "contend",
        "maintain", "assert", "explain", "suggest", "imply", "speculate", "predict",
        "recall", "realize", "realise", "conclude", "agree", "decide", "read", "post",
        "complain", "boast", "brag", "hint", "fume", "joke", "quip", "counter",
        "prove", "establish",
    }
)  # fmt: skip
#: Belief verbs: a cue only when a third party holds the belief ("he thinks"), not
#: the writer or the reader ("I think", "you know"), and not inside a question.
BELIEF_VERBS = frozenset({"think", "believe", "know", "see", "feel", "want", "hope", "wish",
                          "understand", "guess", "suppose", "reckon", "expect"})  # fmt: skip
#: Clause-only verbs that take an object when a person or an institution is the
#: subject ("he claimed vast wealth", "said as much") but not otherwise ("the fire
#: claimed two lives").
ANIMATE_OBJECT_VERBS = frozenset({"claim", "say"})
#: Speech verbs that make an attribution without content ("the campaign did not
#: respond", "Clinton spoke out"): the cue and the source are still worth a row.
CONTENTLESS_VERBS = frozenset({"respond", "comment", "testify", "reply"})
#: Nouns for people and bodies that speak: with one of these as subject, "say" and
#: "claim" take an object ("the nominee has not said much", "he claimed victory").
SPEAKER_NOUNS = frozenset(
    {"official", "spokesman", "spokeswoman", "spokesperson", "campaign", "government",
     "minister", "president", "lawyer", "source", "aide", "company", "people", "nominee",
     "candidate", "lawmaker", "senator", "leader", "critic", "expert", "analyst", "advocate",
     "voter", "resident", "member", "chorus", "governor", "mayor", "police", "prosecutor",
     "researcher", "economist", "percent", "majority", "group", "party", "committee",
     "administration", "agency", "department", "ministry", "court", "judge", "union"}
)  # fmt: skip
ANIMATE_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "who", "you"})
#: Verbs whose object is the addressee, not the content ("told reporters that ...").
ADDRESSEE_VERBS = frozenset(
    {"tell", "ask", "urge", "inform", "brief", "warn", "remind", "assure", "reassure",
     "advise", "call", "invite", "encourage", "implore", "beg", "notify", "instruct", "order"}
)  # fmt: skip
#: Modal auxiliaries that make speech hypothetical rather than reported.
HYPOTHETICAL = frozenset({"would", "could", "may", "might", "should", "must", "'d", "’d"})
#: Verbs that negate the cue they govern: "refused to confirm", "declined to comment".
NEGATING_HEADS = frozenset({"refuse", "decline", "fail"})
#: Nouns that frame a reporting context, not a cue of their own ("in a statement").
FRAME_NOUNS = frozenset(
    {"statement", "interview", "speech", "tweet", "post", "letter", "briefing", "conference",
     "release", "email", "memo", "message"}
)  # fmt: skip
#: Raising verbs: their subject is what the impression is about, not who holds it
#: ("the plan seems risky"); the holder is the writer unless named ("seems to me").
RAISING_VERBS = frozenset({"seem", "appear", "look"})
#: Lemmatiser slips of en_core_web_sm on cue words: (lemma, word) -> lemma.
LEMMA_FIXES = {("hop", "hopes"): "hope", ("hop", "hoped"): "hope", ("hop", "hoping"): "hope"}
#: Prepositions that introduce what a speech act is about ("warned against ...").
TOPIC_PREPOSITIONS = frozenset({"about", "against", "for", "of", "on", "over"})
#: Verbs that make a noun cue their subject's act ("voiced concern that ...") or
#: its target's lot ("faced criticism for ...", no source given).
SPEAKING_LIGHT_VERBS = frozenset(
    {"raise", "voice", "express", "make", "issue", "level", "offer", "deliver", "repeat",
     "reiterate", "renew", "launch", "share", "lodge", "file"}
)  # fmt: skip
RECEIVING_LIGHT_VERBS = frozenset({"face", "draw", "receive", "attract", "spark", "prompt"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})

OPENING_DOUBLE = "“„«"
CLOSING_DOUBLE = "”»"
QUOTE_CHARS = re.compile(r"[“”„«»\"‘’']|''|``")
STANCE_DEFAULT = Cue("", "verb", "other", 0.0, 0, "")
#: A quote signed with a dash: '“...” ― Sonya Herridge'.
DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?(―|—|–|--)[ \t\u00a0]*([A-Z][^\n.,;:“”\"]{1,60})"
)
#: A line opening with a speaker and a colon: transcripts ("PENCE: Well, ...") and
#: headlines ("Pat Caddell: Democrat voters worried ...").
COLON_SPEAKER = re.compile(
    r"(?m)^[ \t]*[\"“]?([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3}):[ \t]+(\S[^\n]*)$"
)
#: Lexicon entry used for cues made of layout (a dash, a colon): neutral by position.
LAYOUT_CUE = Cue("", "phrase", "neutral", 0.0, 0, "kit team (layout cue)")


@dataclass(frozen=True)
class Attribution:
    """One attribution: a row of `framing extract` / `attributions.csv`."""

    article_id: str
    sentence: int
    speaker: str | None  # resolved speaker text (the name a pronoun refers to)
    speaker_start: int | None  # span as written (the pronoun itself, for a pronoun)
    speaker_end: int | None
    resolution: str  # name | pronoun | nominal | organisation | none
    cue: str
    cue_start: int
    cue_end: int
    cue_lemma: str
    stance: str
    credibility: float
    content: str | None
    content_start: int | None
    content_end: int | None
    quote_type: str  # direct | mixed | indirect
    negated: bool
    in_quote: bool
    actor: str | None = None  # filled from the actors layer
    camp: str | None = None


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


# ----------------------------------------------------------------------- lexicon index


@dataclass(frozen=True)
class _CueIndex:
    verbs: Mapping[str, Cue]
    phrasal: Mapping[tuple[str, str], Cue]  # (verb lemma, particle/preposition)
    nouns: Mapping[str, Cue]
    phrases: Mapping[str, Cue]
    #: Multi-word cues by their first word, for a match on the words as written
    #: ("made it clear", "make the case", "as she put it"): (other words, cue, text).
    sequences: Mapping[str, tuple[tuple[tuple[str, ...], Cue, str], ...]] = None  # type: ignore[assignment]


def _index(cues: Mapping[tuple[str, str], Cue]) -> _CueIndex:
    verbs, phrasal, nouns, phrases = {}, {}, {}, {}
    for (text, kind), cue in cues.items():
        words = text.split()
        if kind == "noun" and len(words) == 1:
            nouns[text] = cue
        elif kind == "phrase" or (kind == "noun" and len(words) > 1):
            phrases[text] = cue
        elif len(words) == 1:
            verbs[text] = cue
        elif len(words) == 2:
            phrasal[(words[0], words[1])] = cue
        else:
            phrases[text] = cue
    sequences: dict[str, list[tuple[tuple[str, ...], Cue, str]]] = {}
    for (text, kind), cue in cues.items():
        words = tuple(text.split())
        if kind in ("verb", "phrase") and len(words) > 1 and words[0] not in ("according", "be"):
            sequences.setdefault(words[0], []).append((words[1:], cue, text))
    ordered = {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in sequences.items()}
    return _CueIndex(verbs, phrasal, nouns, phrases, ordered)


_DEFAULT_INDEX: _CueIndex | None = None
_LAST_CUSTOM: tuple[frozenset, _CueIndex] | None = None


def _cue_index(cues: Mapping[tuple[str, str], Cue] | None) -> _CueIndex:
    """The lookup tables of a cue lexicon, built once (for the bundled lexicon, and
    for the last custom one passed in, so a run with `--lexicon` indexes it once)."""
    global _DEFAULT_INDEX, _LAST_CUSTOM
    if cues is not None:
        key = frozenset(cues.items())  # by content: a mapping may be edited between calls
        if _LAST_CUSTOM is None or _LAST_CUSTOM[0] != key:
            _LAST_CUSTOM = (key, _index(cues))
        return _LAST_CUSTOM[1]
    if _DEFAULT_INDEX is None:
        _DEFAULT_INDEX = _index(reporting_cues())
    return _DEFAULT_INDEX


# ------------------------------------------------------------------------ helpers


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _span_of(tokens: Sequence[Token]) -> tuple[int, int] | None:
    words = [t for t in tokens if not t.is_space]
    if not words:
        return None
    return words[0].idx, _end(words[-1])


def _trim(doc: Doc, i: int, j: int, quotes: _Quotes) -> tuple[int, int] | None:
    """Character span of tokens i..j (inclusive) without surrounding punctuation,
    except quotation marks that close a quote inside the span."""
    while i <= j and (doc[i].is_space or (doc[i].is_punct and not _is_quote_mark(doc[i]))):
        i += 1
    while j >= i and (doc[j].is_space or (doc[j].is_punct and not _is_quote_mark(doc[j]))):
        j -= 1
    if i > j:
        return None
    start, end = doc[i].idx, _end(doc[j])
    # Whole quotes: take the marks with the content, and the punctuation inside them.
    for q in quotes.overlapping(start, end):
        if q.start < end < q.end and q.start >= start - 1:
            end = q.end
        if q.start < start < q.end and q.end <= end + 1:
            start = q.start
    # A closing mark without its opening one (the quote began before the span).
    if (
        end - start >= 1
        and doc_text(doc)[end - 1] in "”\"'’"
        and not any(q.start >= start for q in quotes.overlapping(start, end))
    ):
        end -= 1
        while end > start and doc_text(doc)[end - 1] in " ,.;:":
            end -= 1
    return (start, end) if end > start else None


def _is_quote_mark(tok: Token) -> bool:
    return tok.text in ("“", "”", '"', "''", "``", "‘", "’", "'", "«", "»")


def _subtree_range(tok: Token, exclude: Sequence[Token] = ()) -> tuple[int, int]:
    """Token index range of `tok`'s subtree, cut before excluded subtrees at its edges."""
    i, j = tok.left_edge.i, tok.right_edge.i
    for ex in exclude:
        if not (i <= ex.i <= j) or ex.i == tok.i:
            continue
        if ex.i < tok.i and ex.right_edge.i >= i:
            i = max(i, ex.right_edge.i + 1)
        elif ex.i > tok.i and ex.left_edge.i <= j:
            j = min(j, ex.left_edge.i - 1)
    return i, j


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return LEMMA_FIXES.get((lemma, tok.lower_), lemma)


# --------------------------------------------------------------------- the extractor


@dataclass
class _Found:
    cue_tokens: list[Token]
    cue: Cue
    lemma: str
    source: Token | None  # head token of the source phrase
    source_span: tuple[int, int] | None
    content: tuple[int, int] | None
    content_quotes: list[Quote]


def extract_attributions(
    article: Article, doc: Doc, cues: Mapping[tuple[str, str], Cue] | None = None
) -> list[Attribution]:
    """Every attribution of `article` (parsed as `doc`), in text order."""
    index = _cue_index(cues)
    text = article.text
    quotes = _Quotes(doc_text(doc))
    found: list[_Found] = []
    used: set[int] = set()
    for tok in doc:
        if tok.is_space or tok.i in used:
            continue
        hit = _match_cue(tok, index, quotes)
        if hit is None:
            continue
        found.append(hit)
        used.update(t.i for t in hit.cue_tokens)
        if hit.lemma == "according to" and hit.source_span is not None:
            # "according to show insiders": no cue inside the source phrase.
            used.update(t.i for t in doc.char_span(*hit.source_span, alignment_mode="expand"))

    found = [f for f in found if f.content is not None]
    # "refused to confirm" is one cue ("confirm", negated), not two; so is "expressed
    # concern that ..." (the noun's).
    folded = {t.i for f in found if len(f.cue_tokens) > 1 for t in f.cue_tokens}
    found = [f for f in found if not (len(f.cue_tokens) == 1 and f.cue_tokens[0].i in folded)]
    found.extend(_layout_attributions(doc, quotes, used))
    _extend_quote_chains(found, doc, quotes)
    _stop_at_semicolons(found, doc_text(doc))
    found = _outermost(found, quotes)

    sents = sentence_spans(doc)
    sent_starts = [s for s, _ in sents]
    people = referents(doc)
    recent: list[Referent] = []
    rows: list[Attribution] = []
    for f in sorted(found, key=lambda f: f.cue_tokens[0].idx):
        cue_start, cue_end = f.cue_tokens[0].idx, _end(f.cue_tokens[-1])
        if f.lemma == "dash":  # the dash alone, not the words read with it ('rising,”―')
            dash = re.search(r"―|—|–|--", f.cue_tokens[0].text)
            if dash is not None:
                cue_start, cue_end = cue_start + dash.start(), cue_start + dash.end()
        speaker, resolution, s_start, s_end = None, "none", None, None
        if f.source_span is not None:
            s_start, s_end = f.source_span
            r_start, r_end = s_start, s_end
            src = f.source
            if src is not None and src.lower_ in RELATIVE_PRONOUNS and src.head.dep_ == "relcl":
                r_start, r_end = _source_span(src.head.head) or (s_start, s_end)
            res = resolve(doc, r_start, r_end, people, recent)
            written = text[s_start:s_end]
            if res.referent is not None:
                speaker = res.referent.text if res.how != "organisation" else written
                if res.how == "name" and res.referent.start >= s_start:
                    # A named speaker: keep the written name, the fullest form if a surname.
                    speaker = res.referent.text
                resolution = res.how
                if res.referent.kind == "person":
                    recent.append(res.referent)
                elif res.how == "organisation":
                    recent.append(res.referent)
            else:
                speaker = text[r_start:r_end]  # the noun a relative pronoun stands for
                resolution = "pronoun" if written.lower() in PRONOUNS else "nominal"
                if resolution == "pronoun":
                    speaker = None
            if written.lower() in PRONOUNS and res.referent is None:
                resolution = "pronoun"
        if f.content is not None and f.content[0] == f.content[1]:
            f.content = None
        c_start, c_end = f.content if f.content else (None, None)
        overl = quotes.overlapping(c_start, c_end) if f.content else []
        if (
            f.content
            and overl
            and all(q.start <= c_start + 1 for q in overl[:1])
            and (overl[0].start >= c_start - 1 and overl[-1].end >= c_end - 1)
            and _only_quotes(text, c_start, c_end, overl, cue_start, cue_end, f.source_span)
        ):
            quote_type = "direct"
        elif overl:
            quote_type = "mixed"
        else:
            quote_type = "indirect"
        # A speaker label ("PENCE:") opening a quoted transcript line is the writer's.
        in_quote = quotes.containing(cue_start) is not None and f.lemma not in (":", "dash")
        rows.append(
            Attribution(
                article_id=article.id,
                sentence=max(bisect.bisect_right(sent_starts, cue_start) - 1, 0),
                speaker=speaker,
                speaker_start=s_start,
                speaker_end=s_end,
                resolution=resolution,
                cue=text[cue_start:cue_end],
                cue_start=cue_start,
                cue_end=cue_end,
                cue_lemma=f.lemma,
                stance=f.cue.stance,
                credibility=f.cue.credibility,
                content=text[c_start:c_end] if f.content else None,
                content_start=c_start,
                content_end=c_end,
                quote_type=quote_type,
                negated=_negated(_cue_verb(f)),
                in_quote=in_quote,
            )
        )
    return rows


def _outermost(found: list[_Found], quotes: _Quotes) -> list[_Found]:
    """Leave out attributions reported inside another one's indirect content ("Smith
    said Jones had denied it": "denied" is Smith's report, not a cue of the writer's;
    PolNeAR, too, annotates only the outer one). Cues inside direct quotes are kept
    (and marked `in_quote`), and so are the lines of a transcript (":"). A participle
    after a comma ("he said, adding that ...") is the same speaker going on, not a
    report inside the report: the outer content ends before it."""
    by_start = sorted(
        (
            f
            for f in found
            if f.content is not None
            and f.content[1] > f.content[0]
            and quotes.containing(f.cue_tokens[0].idx) is None  # the writer's own cues
        ),
        key=lambda f: f.content[0],
    )
    if not by_start:
        return found
    for f in found:
        tok = _cue_verb(f)
        after_comma = tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].text == ","
        if quotes.containing(tok.idx) is not None:
            continue
        for outer in by_start:
            if outer is f or not (outer.content[0] < tok.idx < outer.content[1]):
                continue
            if outer.cue_tokens[0].i > tok.i:
                continue
            # "X said ... and warned ...": a second cue of the same speaker, also
            # where the parser hung it on the reported clause ("said he would
            # order a review and warned against hackers").
            outer_verb = _cue_verb(outer)
            same_speaker = tok.dep_ == "conj" and (
                tok.head.i == outer_verb.i
                or (
                    tok.head.head.i == outer_verb.i
                    and tok.head.dep_ == "ccomp"
                    and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
                    and outer.source is not None
                )
            )
            if same_speaker and tok.head.i != outer_verb.i:
                f.source, f.source_span = outer.source, outer.source_span
            if not (after_comma or same_speaker):
                continue
            cut = _clause_start(tok)
            if cut.idx <= outer.content[0]:
                continue
            outer.content = (outer.content[0], _rstrip(doc_text(tok.doc), cut.idx))
            outer.content_quotes = [q for q in outer.content_quotes if q.end <= cut.idx]
    starts = [f.content[0] for f in by_start]
    kept = []
    for f in found:
        at = f.cue_tokens[0].idx
        if quotes.containing(at) is not None or f.cue_tokens[0].pos_ == "NOUN":
            kept.append(f)  # noun cues name their own claim: "rejected X's claim that"
            continue
        k = bisect.bisect_right(starts, at)
        nested = any(
            o.content[0] <= at < o.content[1] and o is not f and o.lemma != ":"
            for o in by_start[max(0, k - 40) : k]
        )
        if not nested:
            kept.append(f)
    return kept


def _stop_at_semicolons(found: list[_Found], text: str) -> None:
    """Reported speech after the cue ends at a semicolon outside quotation marks
    ("they said the timing was an accident; they learned of it on Friday ...")."""
    for f in found:
        if f.content is None or f.content_quotes:
            continue
        start, end = f.content
        if start < f.cue_tokens[-1].idx:
            continue
        cut = text.find(";", start, end)
        if cut > start:
            f.content = (start, _rstrip(text, cut))


def _clause_start(tok: Token) -> Token:
    """The first token of a coordinated or participial cue's own clause: its
    auxiliaries and adverbs, and the comma or conjunction before them."""
    doc = tok.doc
    i = min(
        [c.i for c in tok.children if c.dep_ in ("aux", "neg", "advmod") and c.i < tok.i] + [tok.i]
    )
    while i > 0 and (doc[i - 1].is_space or doc[i - 1].text == "," or doc[i - 1].dep_ == "cc"):
        i -= 1
    return doc[i]


def _layout_attributions(doc: Doc, quotes: _Quotes, used: set[int]) -> list[_Found]:
    """Attributions made by layout, not by a verb: a quote signed with a dash and a
    name, and a line opening with a speaker's name and a colon."""
    text = doc_text(doc)
    token_at = {t.idx: t for t in doc if not t.is_space}
    out: list[_Found] = []
    for q in quotes.spans:
        m = DASH_SIGNATURE.match(text, q.end)
        if m is None:
            continue
        dash = token_at.get(m.start(1))
        if dash is None:  # '”―' read as one token
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if span is None or len(span) != 1:
                continue
            dash = span[0]
        name = m.group(2).rstrip()
        if len(name.split()) > 6:
            continue
        s_start = m.start(2)
        source = token_at.get(s_start)
        out.append(
            _Found([dash], LAYOUT_CUE, "dash", source, (s_start, s_start + len(name)),
                   (q.start, q.end), [q])
        )  # fmt: skip
    ents = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG")}
    matches = list(COLON_SPEAKER.finditer(text))
    # A capitalised label is a speaker when it labels several lines (a transcript),
    # not once ("CLARIFICATION: ...").
    labels = Counter(m.group(1) for m in matches)
    for m in matches:
        name = m.group(1)
        colon_at = m.end(1)
        if colon_at not in token_at or token_at[colon_at].i in used:
            continue
        first_line = not text[: m.start()].strip()  # a headline "Pence: ..."
        if (
            not (name.isupper() and labels[name] >= 2)
            and (m.start(1), m.end(1)) not in ents
            and not first_line
        ):
            continue
        content = (m.start(2), m.start(2) + len(m.group(2).rstrip()))
        out.append(
            _Found([token_at[colon_at]], LAYOUT_CUE, ":", token_at.get(m.start(1)),
                   (m.start(1), m.end(1)), content, quotes.overlapping(*content))
        )  # fmt: skip
    return out


def _only_quotes(text, c_start, c_end, overl, cue_start, cue_end, source_span) -> bool:
    """True when everything in the content outside quotation marks is the cue clause
    (split quotes) or punctuation."""
    # Only what lies before the first quote and after the last counts: the gaps
    # between quotes are the cue clause of a split or continued quote.
    leftover = text[c_start : overl[0].start] + text[overl[-1].end : c_end]
    for drop in (
        text[cue_start:cue_end],
        text[source_span[0] : source_span[1]] if source_span else "",
    ):
        if drop:
            leftover = leftover.replace(drop, "", 1)
    return len(re.sub(r"[\W_]", "", leftover)) <= 12


def _cue_verb(f: _Found) -> Token:
    """The token carrying the cue's lemma ("confirm" in "refused to confirm")."""
    first = f.cue_tokens[0]
    if len(f.cue_tokens) > 1 and _lemma(first) in NEGATING_HEADS:
        return f.cue_tokens[1]
    return first


def _negated(cue: Token) -> bool:
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    head = cue.head
    return cue.dep_ == "xcomp" and (
        _lemma(head) in NEGATING_HEADS or any(c.dep_ == "neg" for c in head.children)
    )


# --------------------------------------------------------------------- cue matching


def _match_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    low = tok.lower_
    if low == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return _according_to(tok, index, quotes)
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
        return _verb_cue(tok, index, quotes)
    if tok.pos_ == "NOUN":
        if _verb_tagged_as_noun(tok) and _lemma(tok) in index.verbs:
            hit = _verb_cue(tok, index, quotes)
            if hit is not None:
                return hit
        return _noun_cue(tok, index, quotes)
    if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj"):
        return _adjective_cue(tok, index, quotes)
    return None


def _adjective_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    """An attitude stated with "be" + adjective ("she was sure Trump would win",
    "advocates are worried about the rule"): the lexicon lists these as phrases
    ("be sure"); the subject of "be" holds the attitude, the adjective's clause or
    topic is the content."""
    cue = index.phrases.get("be " + _lemma(tok))
    if cue is None:
        return None
    head = tok.head if tok.dep_ == "acomp" else tok
    if _lemma(head) not in ("be", "seem", "appear", "remain", "become", "feel", "sound"):
        if tok.dep_ == "acomp":
            return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and not any(c.dep_ == "expl" for c in head.children):
        return None
    if any(c.dep_ == "expl" for c in head.children) or (
        subject is not None and subject.lower_ in ("it", "this", "that", "there", "what")
    ):
        subject = None  # "it is clear that ...": the writer's own judgement, no source
    if quotes.containing(tok.idx) is not None:
        return None
    content = None
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > tok.i:
            content = _trim(tok.doc, child.left_edge.i, child.right_edge.i, quotes)
        elif (
            child.dep_ == "prep"
            and child.i > tok.i
            and child.lower_ in TOPIC_PREPOSITIONS | {"to", "with"}
        ):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                content = _trim(tok.doc, obj.left_edge.i, obj.right_edge.i, quotes)
        if content is not None:
            break
    if content is None and head.i != tok.i:
        # "It was clear Clinton is ...": the clause hangs on "be".
        clause = next((c for c in head.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is not None:
            content = _trim(tok.doc, clause.left_edge.i, clause.right_edge.i, quotes)
    if content is None:
        return None
    cue_tokens = [head, tok] if head.i < tok.i else [tok]
    span = _source_span(subject) if subject is not None else None
    return _Found(cue_tokens, cue, "be " + _lemma(tok), subject, span, content, [])


def _verb_tagged_as_noun(tok: Token) -> bool:
    """ "Trump claims that ...", "Trump charges that ..." tagged as a compound noun:
    a plural noun after a name, with a clause of its own."""
    if tok.tag_ != "NNS":
        return False
    clause = any(c.dep_ in ("ccomp", "acl", "relcl") and c.i > tok.i for c in tok.children)
    if clause and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children
    ):
        return True
    # "The Clinton campaign plans to employ ...": a sentence whose only verb
    # candidate is the plural noun, with a determiner phrase or name before it.
    return (
        tok.dep_ == "ROOT"
        and (clause or any(c.dep_ in ("xcomp", "ccomp") for c in tok.children))
        and any(c.dep_ in ("compound", "nsubj") and c.i < tok.i for c in tok.children)
        and not any(t.pos_ in ("VERB", "AUX") for t in tok.sent if t.i < tok.i)
    )


def _according_to(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    doc = tok.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    cue = index.phrases.get("according to", index.verbs.get("say", STANCE_DEFAULT))
    # The source phrase ends at the first comma (the parser sometimes hangs the
    # reported clause on the name: "According to X, the move reeks of fear").
    src_j = pobj.right_edge.i
    for k in range(to.i + 1, src_j + 1):
        if doc[k].text in (",", ";", ":", "—", "--"):
            src_j = k - 1
            break
    if pobj.dep_ == "pcomp" or pobj.pos_ == "VERB":
        # "according to show insiders" (a noun read as a verb): the words up to the comma.
        source_span = _span_of(list(doc[to.i + 1 : src_j + 1]))
    else:
        source_span = _source_span(pobj)
    sent = tok.sent
    # Content: the rest of the sentence, on the larger side of "according to X".
    left = (sent.start, tok.i - 1)
    right = (src_j + 1, sent.end - 1)
    side = left if (left[1] - left[0]) > (right[1] - right[0]) else right
    content = _trim(doc, side[0], side[1], quotes) if side[0] <= side[1] else None
    if content is None:
        return None
    return _Found([tok, to], cue, "according to", pobj, source_span, content, [])


def _noun_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    lemma = _lemma(tok)
    cue = index.nouns.get(lemma)
    if cue is None:
        return None
    source = None
    for child in tok.children:
        if child.dep_ == "poss":
            source = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            source = next((c for c in child.children if c.dep_ == "pobj"), None) or source
        elif child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            source = source or child  # "the Kremlin statement that ..."
    # "X's claim that ...", "his promise to ...".
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and c.i > tok.i
            and any(
                (m.dep_ == "mark" and m.lower_ == "that") or (m.dep_ == "aux" and m.lower_ == "to")
                for m in c.children
            )
        ),
        None,
    )
    cue_tokens = [tok]
    if clause is None and lemma not in FRAME_NOUNS and source is None and tok.dep_ == "dobj":
        # "raised questions about ...", "faced criticism over ...".
        clause = next(
            (
                obj
                for c in tok.children
                if c.dep_ == "prep" and c.i > tok.i and c.lower_ in TOPIC_PREPOSITIONS
                for obj in c.children
                if obj.dep_ in ("pobj", "pcomp")
            ),
            None,
        )
    if clause is not None and source is None and tok.dep_ == "dobj" and lemma not in FRAME_NOUNS:
        # A noun cue as the object of a light verb: "voiced concern that ...",
        # "is raising questions about ..." (the verb's subject speaks), "has faced
        # criticism for ..." (the subject is the target; no source given).
        verb = tok.head
        if _lemma(verb) in SPEAKING_LIGHT_VERBS:
            source = _source_token(verb, quotes)
            if source is not None:
                cue_tokens = [verb, tok]
        elif _lemma(verb) in RECEIVING_LIGHT_VERBS:
            i, j = _subtree_range(clause)
            content = _trim(tok.doc, i, j, quotes)
            if content is not None:
                return _Found([verb, tok], cue, lemma, None, None, content, [])
    if source is None or clause is None:
        return None
    if source.lower_ in ("its", "their", "his", "her") and lemma in FRAME_NOUNS:
        return None
    i, j = _subtree_range(clause)
    content = _trim(tok.doc, i, j, quotes)
    if content is None:
        return None
    return _Found(cue_tokens, cue, lemma, source, _source_span(source), content, [])


def _sequence_cue(tok: Token, index: _CueIndex) -> tuple[Cue, str, Token] | None:
    """A multi-word cue written out after the verb ("made it clear", "make the
    case", "put it"), with "it" allowed inside ("made it clear" for "make clear").
    Prepositional cues are matched by the parse instead (`_verb_cue`)."""
    doc = tok.doc
    for rest, cue, text in index.sequences.get(_lemma(tok), ()):
        j = tok.i + 1
        matched = 0
        last = tok
        while matched < len(rest) and j < len(doc):
            t = doc[j]
            word = rest[matched]
            if t.is_space:
                j += 1
                continue
            if t.lower_ == word or _lemma(t) == word:
                if matched == 0 and t.pos_ == "ADP":
                    break
                matched += 1
                last = t
            elif t.lower_ == "it" and matched == 0 and "it" not in rest:
                pass
            else:
                break
            j += 1
        if matched == len(rest):
            return cue, text, last
    return None


def _verb_cue(tok: Token, index: _CueIndex, quotes: _Quotes) -> _Found | None:
    lemma = _lemma(tok)
    cue_tokens = [tok]
    cue = None
    cue_lemma = lemma
    # Phrasal cues first: particle ("point out") or preposition ("call for").
    for child in tok.children:
        if (child.dep_ == "prt" and 0 < child.i - tok.i <= 3) or (
            child.dep_ == "prep"
            and (
                child.i == tok.i + 1 or (child.i == tok.i + 2 and tok.doc[tok.i + 1].pos_ == "ADV")
            )
        ):
            hit = index.phrasal.get((lemma, child.lower_))
            if hit is not None:
                cue, cue_lemma = hit, f"{lemma} {child.lower_}"
                cue_tokens = [tok, child] if child.i - tok.i <= 3 else [tok]
                break
    if cue is None:
        hit = _sequence_cue(tok, index)
        if hit is not None:
            cue, cue_lemma, last = hit
            cue_tokens = [tok, last]
    if cue is None:
        cue = index.verbs.get(lemma)
    if cue is None:
        return None

    children = list(tok.children)
    deps = {c.dep_ for c in children}
    passive = "auxpass" in deps or "nsubjpass" in deps
    # Sense guards.
    if lemma == "admit" and (passive or any(
        c.dep_ == "prep" and c.lower_ == "to" and not any(g.dep_ == "pcomp" for g in c.children)
        for c in children
    )):  # fmt: skip
        return None

    source = _source_token(tok, quotes)
    subject_of_impression = source if lemma in RAISING_VERBS else None
    if lemma in RAISING_VERBS and not (
        source is not None
        and source.lower_ in ANIMATE_PRONOUNS | {"i"}
        or (source is not None and source.ent_type_ == "PERSON")
    ):
        # "the plan seems risky" (the writer's impression); but "he appeared to
        # suggest ..." stays his.
        source = _experiencer(tok)
    if lemma in BELIEF_VERBS and source is None and not passive:  # "is expected to" stays
        return None
    # Irrealis: "refused to pledge" is negated speech, "obligates countries to offer"
    # and "let's say" are not speech at all.
    head = tok.head
    if (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        and _lemma(head) not in NEGATING_HEADS
    ):
        return None
    # Imperatives ("Don't blame Bush", "Now tell us ...") address the reader.
    if (
        tok.tag_ == "VB"
        and tok.dep_ == "ROOT"
        and not any(c.dep_ in SUBJECT_DEPS for c in children)
    ):
        return None
    if _lemma(head) == "let" and head.i < tok.i:
        return None
    # Hypothetical speech ("would see", "may highlight", "could speak") is not a report.
    # ("could not explain", "couldn't say" report a failure to speak, and stay.)
    negated_ability = any(c.dep_ == "neg" for c in children) and any(
        c.dep_ == "aux" and c.lower_ in ("could", "can", "ca") for c in children
    )
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in children) and not negated_ability:
        return None
    # A belief reported inside what someone said ("said he thinks ...") is part of
    # that content, not an attribution of its own.
    if lemma in BELIEF_VERBS and tok.dep_ == "ccomp" and _lemma(head) in index.verbs:
        return None
    if lemma == "call" and tok.dep_ == "acl" and tok.tag_ == "VBN":
        return None  # "a stream called Miracle Run"
    if lemma == "call" and len(cue_tokens) == 1:
        content = _naming_content(tok, quotes)
        if content is None:
            return None
        source_span = _source_span(source) if source is not None else None
        return _Found(cue_tokens, cue, cue_lemma, source, source_span, content, [])
    content, content_quotes = _content(tok, source, cue_tokens, lemma, quotes)
    if (
        subject_of_impression is not None
        and source is None
        and content is not None
        and subject_of_impression.i < tok.i
    ):
        # "The deal seems to be collapsing": the impression is about the subject too.
        content = (subject_of_impression.left_edge.idx, content[1])
    last = cue_tokens[-1]
    if (
        content is not None
        and not content_quotes
        and len(cue_tokens) > 1
        and content[0] <= last.idx < content[1]
    ):
        # "made it clear he ...": the content starts after the cue's own words.
        rest = _trim(
            tok.doc, last.i + 1, tok.doc.char_span(*content, alignment_mode="expand")[-1].i, quotes
        )
        content = rest if rest is not None and rest[0] > last.idx else None
    if content is None and lemma in CONTENTLESS_VERBS and _animate(source):
        content = (tok.idx, tok.idx)  # marked empty; emitted with no content
    if content is None:
        return None
    source_span = None
    if source is not None and (
        source.pos_ not in ("PROPN", "NOUN", "PRON", "NUM", "X", "ADJ", "DET")
        or source.lower_ in ("there", "what")
    ):
        source = None
    if source is not None:
        # A relative pronoun ("who said") is kept as written and resolved through
        # the noun it stands for; "that" gives way to its noun ("nations that oppose").
        source_span = _source_span(source)
        if source.lower_ == "that" and tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
            source_span = _source_span(tok.head)
    if tok.dep_ == "xcomp" and _lemma(head) in NEGATING_HEADS and head.i < tok.i:
        # "refused to confirm": one negated cue written as the whole phrase.
        cue_tokens = [head, *cue_tokens]
    return _Found(cue_tokens, cue, cue_lemma, source, source_span, content, content_quotes)


def _content(
    tok: Token, source: Token | None, cue_tokens: list[Token], lemma: str, quotes: _Quotes
) -> tuple[tuple[int, int] | None, list[Quote]]:
    """What was said, by priority: an adjacent direct quote, a clausal complement,
    the clause a parenthetical cue interrupts ("to prevent it, he said, ..."), an
    object. Returns the span and the direct quotes it is made of."""
    doc = tok.doc
    text = doc_text(doc)
    anchor_start, anchor_end = _clause_edges(tok, source)
    clause = _clause(tok, source)
    right_clause = clause is not None and clause.i > tok.i
    if quotes.containing(tok.idx) is None:
        before = quotes.ending_before(anchor_start) or quotes.ending_before(
            _name_start(doc, anchor_start)
        )
        after = quotes.starting_after(anchor_end)
        if before is not None and "\n" in text[before.end : anchor_start]:
            before = None
        if after is not None and not _quote_in_sentence(after, tok, after=True):
            after = None
        clause_in_after = (
            after is not None
            and clause is not None
            and after.start <= clause.left_edge.idx < after.end
        )
        if after is not None and not text[anchor_end : after.start].strip() and not clause_in_after:
            # 'planning “a deliberate attempt”': a quote right after the verb is what
            # was said only when it holds the verb's clause.
            after = None
        if clause_in_after:
            right_clause = False
        if before is not None and not right_clause:
            parts = [before]
            if after is not None and text[anchor_end : after.start].strip() in (",", ""):
                parts.append(after)
            return (parts[0].start, parts[-1].end), parts
        if after is not None:
            return (after.start, after.end), [after]
    if clause is not None:
        i, j = _subtree_range(clause, exclude=[tok] if clause.i < tok.i else ())
        if clause.i < tok.i:
            stop = source.left_edge.i - 1 if source is not None and source.i < tok.i else tok.i - 1
            j = min(j, stop)
        span = _trim(doc, i, j, quotes)
        if span is not None:
            return span, []
    as_clause = tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in tok.children
    )
    if (tok.dep_ == "parataxis" or as_clause) and tok.head.i != tok.i:
        head = tok.head
        i, j = _subtree_range(head, exclude=[tok])
        left = (head.left_edge.i, tok.left_edge.i - 1)
        right = (tok.right_edge.i + 1, head.right_edge.i)
        if left[0] <= left[1] and right[0] <= right[1]:
            span = _trim(doc, left[0], right[1], quotes)
        else:
            span = _trim(doc, i, j, quotes)
        if span is not None:
            return span, []
    # "has been endorsed by dozens of papers", "a curfew was announced", "was viewed
    # as favorable": the passive subject (with its "as" complement) is the content.
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.lower_ != "it" and subj.lower_ not in RELATIVE_PRONOUNS:
        j = subj.right_edge.i
        for c in tok.children:
            if c.i > tok.i and (
                c.dep_ in ("oprd", "attr") or (c.dep_ == "prep" and c.lower_ == "as")
            ):
                j = max(j, c.right_edge.i)
        span = _trim(doc, min(subj.left_edge.i, j), j, quotes)
        if span is not None:
            return span, []
    # "The governor added:" closing a paragraph: the next paragraph is what was said.
    colon = doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(doc) else None
    if colon is not None and colon.text == ":" and text[_end(colon) :].lstrip(" \t")[:1] == "\n":
        para = re.match(r"\s*([^\n]+)", text[_end(colon) :])
        if para is not None:
            start = _end(colon) + para.start(1)
            q = quotes.containing(start + 1)
            end = (
                q.end if q is not None and q.start == start else start + len(para.group(1).rstrip())
            )
            return (start, end), ([q] if q is not None and q.start == start else [])
    if lemma not in CLAUSE_ONLY or (lemma in ANIMATE_OBJECT_VERBS and _animate(source)):
        obj = _object(tok, cue_tokens, lemma)
        if obj is not None:
            i, j = _subtree_range(obj)
            span = _trim(doc, i, j, quotes)
            if span is not None:
                return span, []
    # "critics see the program as a back door": the object and what it is seen as.
    as_prep = next(
        (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i), None
    )
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if as_prep is not None and obj is not None and obj.i < as_prep.i:
        span = _trim(doc, obj.left_edge.i, as_prep.right_edge.i, quotes)
        if span is not None:
            return span, []
    # "complained about his mic", "warned against hackers", "apologized for ...": the
    # topic of the speech. "insisted on a recount" stays out (clause-only verbs take
    # only "about").
    for child in tok.children:
        if child.dep_ == "prep" and child.i > tok.i and child.lower_ in TOPIC_PREPOSITIONS:
            if lemma in CLAUSE_ONLY and child.lower_ != "about":
                continue
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                span = _trim(doc, obj.left_edge.i, obj.right_edge.i, quotes)
                if span is not None:
                    return span, []
    return None, []


def _name_start(doc: Doc, offset: int) -> int:
    """The start of capitalised words running up to `offset` ("Tulsa police Chief
    Chuck Jordan said", where the parser cut "Tulsa" off the name)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return offset
    i = span[0].i
    while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha:
        i -= 1
    return doc[i].idx


def _animate(source: Token | None) -> bool:
    if source is None:
        return False
    if source.lower_ in ANIMATE_PRONOUNS:
        return True
    return (
        source.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or source.lemma_.lower() in SPEAKER_NOUNS
    )


def _naming_content(tok: Token, quotes: _Quotes) -> tuple[int, int] | None:
    """ "called X a liar", "what she called a “rant”": the naming (object and
    predicate), not the phone-call sense ("called him on Monday")."""
    comps = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > tok.i]
    right_after = quotes.starting_after(_end(tok), r"\s*")
    if right_after is not None and right_after.start - _end(tok) <= 1:
        return right_after.start, right_after.end  # 'what she called a “rant”' (bare name)
    if not comps:
        objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
        # 'called Mr. Obama's remarks "a true wake-up call"': the name is a quote.
        if not objs or quotes.starting_after(_end(objs[0].right_edge), r"\s*") is None:
            return None
        q = quotes.starting_after(_end(objs[0].right_edge), r"\s*")
        return objs[0].left_edge.idx, q.end
    objs = [c for c in tok.children if c.dep_ in ("dobj",) and c.i > tok.i]
    first = objs[0] if objs else comps[0]
    return _trim(tok.doc, first.left_edge.i, comps[-1].right_edge.i, quotes)


def _quote_in_sentence(q: Quote, tok: Token, after: bool = False) -> bool:
    """The quote belongs to the cue's sentence (or begins right at its end)."""
    sent = tok.sent
    if after:
        return q.start <= _end(sent[-1]) + 2
    return q.end > sent.start_char and "\n" not in doc_text(tok.doc)[q.end : tok.idx]


def _clause_edges(tok: Token, source: Token | None) -> tuple[int, int]:
    """Start and end offsets of the cue's own clause: subject, auxiliaries, adverbs,
    the verb, a short time adjunct ("he said on Wednesday")."""
    doc = tok.doc
    first, last = tok.i, tok.i
    if source is not None:
        first, last = min(first, source.left_edge.i), max(last, source.right_edge.i)
    for child in tok.children:
        if (
            child.dep_ in ("aux", "auxpass", "neg", "advmod", "npadvmod")
            and abs(child.i - tok.i) <= 3
        ):
            first, last = min(first, child.left_edge.i), max(last, child.right_edge.i)
        if (
            child.dep_ in ("prep", "dobj", "dative", "npadvmod")
            and child.i > tok.i
            and not any(g.dep_ in ("ccomp",) for g in child.subtree)
            and child.right_edge.i - tok.i <= 8
        ):
            last = max(last, child.right_edge.i)
    while first > 0 and doc[first - 1].is_space:
        first -= 1
    return doc[first].idx, _end(doc[last])


def _clause(tok: Token, source: Token | None) -> Token | None:
    """The clausal or infinitival complement that holds what was said."""
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ in ("ccomp", "acl", "relcl") and child.i > tok.i:
                return child
    for dep in ("ccomp", "xcomp", "parataxis"):
        for child in tok.children:
            if child.dep_ == dep and child is not source:
                if dep == "parataxis" and child.i > tok.i:
                    continue
                return child
    # "said after the convention he would not accept ...": the parser's advcl with no
    # conjunction; "Language unclear on ..., experts say": a fronted fragment.
    for child in tok.children:
        if (
            child.dep_ == "advcl"
            and child.i > tok.i
            and child.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            and not any(
                c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB" and c.i < child.i)
                for c in child.children
            )
        ):
            return child
        if child.dep_ == "dep" and child.i < tok.i and child.pos_ in ("NOUN", "PROPN", "VERB"):
            return child
    # "said in a statement that ...", "underlined in a Thursday statement that ..."
    for child in tok.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in FRAME_NOUNS:
                    for grand in pobj.children:
                        if grand.dep_ in ("acl", "ccomp", "relcl") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in grand.children
                        ):
                            return grand
    # "told reporters that ..." parsed with the clause under the object.
    for child in tok.children:
        if child.dep_ in ("dobj", "dative") and _lemma(tok) in ADDRESSEE_VERBS:
            for grand in child.children:
                if grand.dep_ in ("ccomp", "relcl", "acl") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in grand.children
                ):
                    return grand
    # "the fire ..., he said" attached as the verb's head ("said" as parataxis/advcl).
    if (
        tok.dep_ in ("parataxis", "ccomp")
        and tok.head.i < tok.i
        and tok.head.pos_ in ("VERB", "AUX")
    ):
        return None
    return None


def _object(tok: Token, cue_tokens: list[Token], lemma: str) -> Token | None:
    if lemma in ADDRESSEE_VERBS and len(cue_tokens) == 1:
        return None
    if len(cue_tokens) == 2 and cue_tokens[1].dep_ == "prep":
        return next((c for c in cue_tokens[1].children if c.dep_ in ("pobj", "pcomp")), None)
    for child in tok.children:
        if child.dep_ in ("dobj", "oprd") and child.i > tok.i:
            return child
    return None


def _source_token(tok: Token, quotes: _Quotes | None = None) -> Token | None:
    """The token heading the source phrase of the cue verb `tok`. A subject the
    parser found inside a quotation next to a cue outside it is skipped ("“Full
    panic mode,” said X": "mode" is not the speaker)."""
    outside = quotes is None or quotes.containing(tok.idx) is None
    if tok.pos_ == "NOUN":  # a verb tagged as a noun: the name or noun phrase before it
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if names:
            return names[-1]
        nouns = [
            c
            for c in tok.children
            if c.dep_ in ("nsubj", "compound") and c.i < tok.i and c.pos_ in ("NOUN", "PROPN")
        ]
        return nouns[-1] if nouns else None
    seen = 0
    cur = tok
    while cur is not None and seen < 6:
        seen += 1
        for child in cur.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if cur is tok and any(c.dep_ == "auxpass" for c in tok.children):
            return None  # "are thought to ...", "it was reported": no source given
        subjects = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        if outside and quotes is not None and cur is tok:
            subjects = [c for c in subjects if quotes.containing(c.idx) is None]
        if subjects:
            child = min(subjects, key=lambda c: abs(c.i - tok.i))
            if child.dep_ == "nsubjpass" and child.lower_ == "it":
                return None
            return child
        # Participial, coordinated or infinitival cues take their head's subject.
        if (
            cur.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "dep", "npadvmod", "prep")
            and cur.head.i != cur.i
        ):
            if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
                return cur.head
            if (
                cur is tok
                and tok.dep_ == "advcl"
                and tok.tag_ == "VBG"
                and cur.head.dep_ == "ccomp"
                and _lemma(cur.head.head) in _cue_index(None).verbs
            ):
                # "X said he did not believe it, arguing that ...": the participle
                # goes on from the speaker, not from the reported clause.
                cur = cur.head.head
                continue
            cur = cur.head
            continue
        return _name_before(cur)
    return None


def _name_before(verb: Token) -> Token | None:
    """A name right before a verb the parser left without a subject (it reads
    "Trump" opening a sentence as a verb: "Trump openly admires ...")."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].dep_ in ("advmod", "neg", "aux") and doc[i].head.i == verb.i:
        i -= 1
    if i < 0 or i < verb.sent.start:
        return None
    prev = doc[i]
    if prev.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and prev.text[:1].isupper():
        return prev
    return None


def _experiencer(tok: Token) -> Token | None:
    """ "seems credible to me": the holder of an impression, when named."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PRON", "PROPN", "NOUN"):
                return pobj
    return None


def _source_span(tok: Token) -> tuple[int, int] | None:
    """The source as a name where the phrase has one, else the noun phrase head and
    what precedes it ("US officials", "the spokesman for the ministry")."""
    doc = tok.doc
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            words = [t for t in name_tokens(ent) if t.tag_ != "POS"]
            while words and words[0].lower_ == "the" and tok.ent_type_ == "PERSON":
                words.pop(0)
            span = _span_of(words)
            if span:
                return span
    for child in tok.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return _source_span(child)
    i = tok.left_edge.i
    j = tok.i
    for child in tok.children:
        if (
            child.dep_ == "prep"
            and child.i > tok.i
            and child.lower_ in ("of", "for", "at", "from", "with")
        ):
            j = max(j, child.right_edge.i)
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    return doc[i].idx, _end(doc[j])


def _extend_quote_chains(found: list[_Found], doc: Doc, quotes: _Quotes) -> None:
    """A direct quote goes on in the quotes that follow it: across a paragraph left
    open (news style), and in the next sentence when that sentence is a quote with no
    cue of its own ('“A,” he said. “B.”')."""
    cue_offsets = sorted(t.idx for f in found for t in f.cue_tokens[:1])
    for f in found:
        if not f.content_quotes:
            continue
        last = f.content_quotes[-1]
        cue_at = f.cue_tokens[0].idx
        while True:
            nxt = quotes.next_after(last.end)
            if nxt is None:
                break
            gap = doc_text(doc)[max(last.end, cue_at) : nxt.start]
            if last.open_at_end:
                ok = not gap.strip() or nxt.start - last.end < 4
            else:
                # Only the rest of the cue clause and a sentence end between them.
                ok = last.end < cue_at and re.fullmatch(r"[^\n.!?]*[.!?]?\s{1,3}", gap) is not None
                ok = ok and gap.count("\n") == 0
            if not ok:
                break
            # No other cue between the two quotes ('he said, adding that “...”').
            k = bisect.bisect_right(cue_offsets, max(last.end, cue_at))
            if k < len(cue_offsets) and cue_offsets[k] < nxt.start:
                break
            # The next quote must carry no cue of its own, in or just after it.
            tail = doc.char_span(nxt.start, nxt.end, alignment_mode="expand")
            sent_end = _end(tail[-1].sent[-1]) if tail is not None and len(tail) else nxt.end
            k = bisect.bisect_left(cue_offsets, nxt.start)
            if k < len(cue_offsets) and cue_offsets[k] < max(sent_end, nxt.end) + 1:
                if not (nxt.start < cue_offsets[k] < nxt.end):
                    break
            f.content_quotes.append(nxt)
            f.content = (f.content[0], nxt.end)
            last = nxt
