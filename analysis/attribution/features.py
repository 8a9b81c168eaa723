"""Features of the learned attribution components, read from the parse and the cue
lexicon (never from gold data, so training and analysis compute them the same way).

Three decisions are learned (`analysis.attribution.model`):

- **cue**: is this token the head of a reporting or attitude cue here? Candidates are
  the verbs, nouns and adjectives of the document and "according"; features are the
  word, its lexicon entry and stance, its part of speech and dependency, its head and
  children (a clause, a quote next to it, a subject that can speak), whether the rules
  made it a cue and whether it stands inside a cue's content (PolNeAR annotates only the
  outer report);
- **content**: which candidate span is what was said (the clause the parse gives, the
  rest of the sentence after the cue, the part before it, a quote next to it);
- **source**: which candidate is who said it (the parse's subject or agent, a name or
  pronoun before or after the cue, none).

Every feature is a string ("lemma=say", "child=ccomp"); a model's vocabulary maps
them to weights.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, LOWER, POS, TAG
from spacy.tokens import Doc, Token

from analysis.attribution.cues import _CueIndex, _lemma
from analysis.attribution.quotes import _Quotes
from analysis.attribution.sources import _after_line_break, _source_span, hortative, in_dateline
from analysis.attribution.spans import _end, _trim
from analysis.attribution.words import (
    ANIMATE_PRONOUNS,
    HYPOTHETICAL,
    LEMMA_FIXES,
    RELATIVE_PRONOUNS,
    SPEAKER_NOUNS,
    SUBJECT_DEPS,
)
from analysis.resolve import party_state_tag

CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "parataxis"})
SIZES = ((1, "1"), (4, "2-4"), (12, "5-12"), (30, "13-30"))


@dataclass
class TokenTable:
    """The parse of one document as plain lists (one entry per token), read once so
    that scoring every candidate never builds spaCy `Token` objects again."""

    lemma: list[str]
    lower: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    head: list[int]
    idx: list[int]
    end: list[int]
    left: list[int]
    right: list[int]
    sent_end: list[int]  # character offset where the token's sentence ends
    children: list[list[int]]

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        """Read with `Doc.to_array` (integer columns) and one string lookup per value."""
        n = len(doc)
        arr = doc.to_array([LEMMA, LOWER, POS, TAG, DEP, ENT_TYPE, HEAD, IDX, LENGTH])
        strings = doc.vocab.strings

        def column(k: int) -> list[str]:
            values, inverse = np.unique(arr[:, k], return_inverse=True)
            names = [strings[int(h)] if h else "" for h in values]
            return [names[j] for j in inverse.tolist()]

        lemma, lower = [s.lower() for s in column(0)], column(1)
        lemma = [LEMMA_FIXES.get((lem, low), lem) for lem, low in zip(lemma, lower, strict=True)]
        head = (arr[:, 6].astype("int64") + np.arange(n)).tolist()
        idx = arr[:, 7].tolist()
        end = (arr[:, 7] + arr[:, 8]).tolist()
        children: list[list[int]] = [[] for _ in range(n)]
        depth = [-1] * n
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
        for i in range(n):  # depth of each token, each chain walked once
            chain, j = [], i
            while depth[j] < 0 and head[j] != j and len(chain) <= n:
                chain.append(j)
                j = head[j]
            base = depth[j] if depth[j] >= 0 else 0
            if depth[j] < 0:
                depth[j] = 0
            for k, tok in enumerate(reversed(chain), start=1):
                depth[tok] = base + k
        left, right = list(range(n)), list(range(n))
        for i in sorted(range(n), key=depth.__getitem__, reverse=True):  # leaves first
            h = head[i]
            if h != i:
                left[h] = min(left[h], left[i])
                right[h] = max(right[h], right[i])
        sent_end = [0] * n
        for sent in doc.sents:
            sent_end[sent.start : sent.end] = [sent.end_char] * (sent.end - sent.start)
        return cls(lemma, lower, column(2), column(3), column(4), column(5), head, idx, end,
                   left, right, sent_end, children)  # fmt: skip


@dataclass
class DocContext:
    """What the features of one document read besides the token: the quotes, the
    lexicon, and the rules' own cues and contents."""

    doc: Doc
    quotes: _Quotes
    index: _CueIndex
    rule_cues: set[int] = field(default_factory=set)  # token indices of rule cue tokens
    rule_contents: list[tuple[int, int]] = field(default_factory=list)  # outside quotes
    table: TokenTable | None = None
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rule_contents.sort()
        self._starts = [s for s, _ in self.rule_contents]
        if self.table is None:
            self.table = TokenTable.of(self.doc)

    def in_rule_content(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset)
        return any(s <= offset < e for s, e in self.rule_contents[max(0, k - 30) : k])


def cue_candidates(ctx: DocContext) -> list[int]:
    """Indices of the tokens that may head a cue: verbs (not auxiliaries); nouns and
    adjectives that the lexicon knows or that take a clause ("the notion that ...");
    "according" of "according to". (Other nouns and adjectives almost never head a
    PolNeAR cue, and leaving them out keeps scoring cheap.)"""
    tab, index = ctx.table, ctx.index
    out = []
    for i, (pos, dep, lemma) in enumerate(zip(tab.pos, tab.dep, tab.lemma, strict=True)):
        if pos in ("VERB", "AUX"):
            if dep not in ("aux", "auxpass"):
                out.append(i)
        elif pos == "NOUN":
            if lemma in index.nouns or lemma in index.verbs or _takes_clause(i, tab):
                out.append(i)
        elif pos == "ADJ":
            if "be " + lemma in index.phrases or _takes_clause(i, tab):
                out.append(i)
        elif tab.lower[i] == "according":
            out.append(i)
    return out


def _takes_clause(i: int, tab: TokenTable) -> bool:
    return any(tab.dep[c] in ("ccomp", "xcomp", "acl") and c > i for c in tab.children[i])


def lexicon_entry(i: int, ctx: DocContext) -> tuple[str, str | None]:
    """(kind, stance) of token `i`'s lemma in the cue lexicon, ("none", None) if absent."""
    tab, index = ctx.table, ctx.index
    lemma = tab.lemma[i]
    for c in tab.children[i]:
        if c > i and tab.dep[c] in ("prt", "prep"):
            cue = index.phrasal.get((lemma, tab.lower[c]))
            if cue is not None:
                return "phrasal", cue.stance
    if tab.pos[i] == "NOUN" and lemma in index.nouns:
        return "noun", index.nouns[lemma].stance
    if lemma in index.verbs:
        return "verb", index.verbs[lemma].stance
    if "be " + lemma in index.phrases:
        return "be-adj", index.phrases["be " + lemma].stance
    if lemma in index.nouns:
        return "noun", index.nouns[lemma].stance
    if tab.lower[i] == "according":
        return "according", "neutral"
    return "none", None


def _who_at(i: int | None, tab: TokenTable) -> str:
    """A coarse kind of a subject or agent: can it speak?"""
    if i is None:
        return "none"
    if tab.lower[i] in ANIMATE_PRONOUNS:
        return "pron-animate"
    if tab.pos[i] == "PRON":
        return "pron-other"
    if tab.ent[i] in SPEAKER_ENTS:
        return "ent-" + tab.ent[i]
    if tab.lemma[i] in SPEAKER_NOUNS:
        return "speaker-noun"
    return tab.pos[i].lower()


def _who(tok: Token | None) -> str:
    if tok is None:
        return "none"
    if tok.lower_ in ANIMATE_PRONOUNS:
        return "pron-animate"
    if tok.pos_ == "PRON":
        return "pron-other"
    if tok.ent_type_ in SPEAKER_ENTS:
        return "ent-" + tok.ent_type_
    if tok.lemma_.lower() in SPEAKER_NOUNS:
        return "speaker-noun"
    return tok.pos_.lower()


def cue_features(i: int, ctx: DocContext) -> list[str]:
    """The features of cue candidate `i` (a token index)."""
    tab = ctx.table
    n = len(tab.lemma)
    lemma, dep, pos, tag = tab.lemma[i], tab.dep[i], tab.pos[i], tab.tag[i]
    kind, stance = lexicon_entry(i, ctx)
    h = tab.head[i]
    root = h == i
    head_lemma = "ROOT" if root else tab.lemma[h]
    head_pos = "ROOT" if root else tab.pos[h]
    kids = tab.children[i]
    deps = {tab.dep[c] for c in kids}
    feats = [
        "bias",
        f"lemma={lemma}",
        f"pos={pos}",
        f"tag={tag}",
        f"dep={dep}",
        f"lex={kind}",
        f"stance={stance}",
        f"lex|dep={kind}|{dep}",
        f"lex|tag={kind}|{tag}",
        f"lemma|dep={lemma}|{dep}",
        f"head={head_lemma}",
        f"head_pos={head_pos}",
        f"dep|head_pos={dep}|{head_pos}",
        f"head_lex|dep={'self' if root else lexicon_entry(h, ctx)[0]}|{dep}",
    ]
    for c in kids:
        cdep = tab.dep[c]
        feats.append(f"child={cdep}")
        feats.append(f"lex|child={kind}|{cdep}")
        if cdep in ("prep", "prt", "aux", "neg", "mark", "dative"):
            feats.append(f"child={cdep}:{tab.lower[c]}")
            if cdep in ("prep", "prt") and c > i:
                feats.append(f"lemma|child={lemma}|{cdep}:{tab.lower[c]}")
    for c in kids:  # what the verb acts on: "faced ridicule", "took to ... to accuse"
        cdep = tab.dep[c]
        if cdep in ("dobj", "xcomp", "ccomp", "advcl", "attr", "acomp") and c > i:
            feats.append(f"lemma|{cdep}={lemma}|{tab.lemma[c]}")
            feats.append(f"{cdep}={tab.lemma[c]}")
            if cdep in ("xcomp", "advcl"):
                feats.append(f"{cdep}_lex={lexicon_entry(c, ctx)[0]}")
    feats.append(f"head|dep={head_lemma}|{dep}")
    clause = bool(deps & {"ccomp", "xcomp", "parataxis"})
    feats.append(f"lemma|clause={lemma}|{clause}")
    feats.append(f"lex|clause={kind}|{clause}")
    auxes = [tab.lower[c] for c in kids if tab.dep[c] == "aux"]
    if any(a in HYPOTHETICAL for a in auxes):
        feats.append("modal")
    if "to" in auxes:
        feats.append(f"infinitive|head={head_lemma}")
    subject = next((c for c in kids if tab.dep[c] in SUBJECT_DEPS), None)
    feats.append(f"subj={_who_at(subject, tab)}")
    feats.append(f"lex|subj={kind}|{_who_at(subject, tab)}")
    feats.append(f"lemma|subj={lemma}|{_who_at(subject, tab)}")
    for c in kids:
        if tab.dep[c] == "agent":
            pobj = next((g for g in tab.children[c] if tab.dep[g] == "pobj"), None)
            feats.append(f"agent={_who_at(pobj, tab)}")
        elif tab.dep[c] == "poss":
            feats.append(f"poss={_who_at(c, tab)}")
    # Words around the cue ("took heat for", "has questions about").
    nxt = tab.lower[i + 1] if i + 1 < n else "</s>"
    feats.append(f"prev={tab.lower[i - 1] if i > 0 else '<s>'}")
    feats.append(f"next={nxt}")
    feats.append(f"lemma|next={lemma}|{nxt}")
    # Quotes.
    quotes = ctx.quotes
    inside = quotes.containing(tab.idx[i]) is not None
    feats.append(f"in_quote={inside}")
    if not inside:
        before = quotes.ending_before(tab.idx[tab.left[i]], r"[\s,:;—–-]*")
        if before is not None or quotes.ending_before(tab.idx[i], r"[^.!?\n]{0,60}"):
            feats.append("quote_before")
            feats.append(f"lex|quote_before={kind}")
        after = quotes.starting_after(tab.end[tab.right[i]], r"[\s,:—–-]*")
        if after is not None and after.start <= tab.sent_end[i] + 2:
            feats.append("quote_after")
            feats.append(f"lex|quote_after={kind}")
    # What the rules made of it.
    rule = i in ctx.rule_cues
    nested = not inside and ctx.in_rule_content(tab.idx[i])
    feats.append(f"rule={rule}")
    feats.append(f"rule|lex={rule}|{kind}")
    feats.append(f"nested={nested}")
    feats.append(f"nested|lex={nested}|{kind}")
    # A report inside a report: the chain of heads up to a cue word.
    cur, path = i, []
    for _ in range(4):
        up = tab.head[cur]
        if up == cur:
            break
        path.append(tab.dep[cur])
        cur = up
        if tab.pos[cur] in ("VERB", "NOUN") and lexicon_entry(cur, ctx)[0] != "none":
            feats.append(f"cue_ancestor={'>'.join(path)}")
            break
    feats.append(f"sent_root={dep == 'ROOT'}")
    return feats


# ----------------------------------------------------------------- span candidates


def _clean(span: tuple[int, int] | None, cue: tuple[int, int]) -> tuple[int, int] | None:
    if span is None or span[1] <= span[0]:
        return None
    if span[0] >= cue[0] and span[1] <= cue[1]:
        return None
    return span


def content_candidates(
    tok: Token,
    source: tuple[int, int] | None,
    ctx: DocContext,
    parsed: tuple[int, int] | None,
) -> list[tuple[str, tuple[int, int]]]:
    """Candidate spans for what was said by the cue `tok` (kind, span): the span the
    parse gives (`parsed`), the rest of the sentence after the cue, the sentence before
    the cue (or before its source), the cue's subtree without the cue clause, and a
    quote right before or after."""
    doc = ctx.doc
    sent = tok.sent
    cue = (tok.idx, _end(tok))
    out: list[tuple[str, tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()

    def add(kind: str, span: tuple[int, int] | None) -> None:
        span = _clean(span, cue)
        if span is not None and span not in seen:
            seen.add(span)
            out.append((kind, span))

    add("parsed", parsed)
    first_after = tok.i + 1
    for child in tok.children:  # skip a particle / preposition of the cue itself
        if child.dep_ == "prt" and child.i == first_after:
            first_after += 1
    if first_after < sent.end:
        add("right", _trim(doc, first_after, sent.end - 1, ctx.quotes))
    stop = tok.i - 1
    if source is not None and source[0] < tok.idx:
        src = doc.char_span(*source, alignment_mode="expand")
        if src is not None:
            stop = min(stop, src.start - 1)
    # Nothing before the cue's line: the parser may run a sentence on over a line
    # break, and a paragraph before is not what "Rubio disagreed." says.
    line_start = ctx.quotes.text.rfind("\n", 0, tok.idx) + 1
    first = _after_line_break(doc, sent.start, tok.i)
    if stop >= first:
        add("left", _trim(doc, first, stop, ctx.quotes))
    obj = next(
        (c for c in tok.children if c.dep_ in ("dobj", "ccomp", "xcomp", "prep") and c.i > tok.i),
        None,
    )
    if obj is not None:
        add("object", _trim(doc, obj.left_edge.i, tok.right_edge.i, ctx.quotes))
    before = ctx.quotes.ending_before(tok.left_edge.idx, r"[\s,:;—–-]*")
    if before is not None and before.start >= line_start:
        add("quote_before", (before.start, before.end))
    after = ctx.quotes.starting_after(_end(tok.right_edge), r"[\s,:—–-]*")
    between = ctx.quotes.text[_end(tok) : after.start] if after is not None else ""
    if after is not None and ("\n" not in between or between.rstrip().endswith(":")):
        add("quote_after", (after.start, after.end))  # the next line's only after "added:"
    return out


def content_features(
    tok: Token, kind: str, span: tuple[int, int], parsed_kind: bool, ctx: DocContext
) -> list[str]:
    """Features of one content candidate of the cue `tok`."""
    n = len(ctx.quotes.text[span[0] : span[1]].split())
    size = next((label for top, label in SIZES if n <= top), "31+")
    kind_lex, _ = lexicon_entry(tok.i, ctx)
    deps = sorted({c.dep_ for c in tok.children} & CLAUSE_DEPS)
    position = "after" if span[0] >= tok.idx else "before"
    quoted = bool(ctx.quotes.overlapping(*span))
    feats = [
        f"kind={kind}",
        f"kind|size={kind}|{size}",
        f"kind|dep={kind}|{tok.dep_}",
        f"kind|lex={kind}|{kind_lex}",
        f"kind|pos={kind}|{tok.pos_}",
        f"kind|quoted={kind}|{quoted}",
        f"kind|position={kind}|{position}",
        f"kind|also_parsed={kind}|{parsed_kind}",
        f"kind|lemma={kind}|{_lemma(tok)}",
    ]
    feats.extend(f"kind|child={kind}|{d}" for d in deps)
    return feats


def source_candidates(
    tok: Token, parsed: tuple[int, int] | None, ctx: DocContext
) -> list[tuple[str, tuple[int, int] | None]]:
    """Candidate sources of the cue `tok`: the parse's (`parsed`), the nearest name
    or pronoun before and after it in the sentence, and none."""
    sent = tok.sent
    # A cue outside quotation marks takes no speaker from inside them ('"I'm not
    # going to say it," said Ben Carson': not "I").
    outside = ctx.quotes.containing(tok.idx) is None
    out: list[tuple[str, tuple[int, int] | None]] = [("none", None)]
    if parsed is not None:
        out.append(("parsed", parsed))
    speakers = [
        t
        for t in sent
        if (t.ent_type_ in SPEAKER_ENTS or t.lower_ in ANIMATE_PRONOUNS)
        and not hortative(t)
        and not in_dateline(t)
        and not (outside and ctx.quotes.containing(t.idx) is not None)
    ]
    speakers = [s for t in speakers if (s := _speaking_head(t, tok)) is not None]
    before = [t for t in speakers if t.i < tok.i]
    after = [t for t in speakers if t.i > tok.i]
    for kind, toks in (("before", before[-1:]), ("after", after[:1])):
        for t in toks:
            span = _source_span(t)
            words = tok.doc.char_span(*span, alignment_mode="expand") if span else None
            if words is not None and party_state_tag(words):
                continue  # "Sen. Elizabeth Warren, D-Mass.,": the tag is nobody
            if span is not None and span != parsed:
                out.append((kind, span))
    return out


def _speaking_head(t: Token, cue: Token) -> Token | None:
    """A place or group word modifying a common noun is no speaker by itself: it stands
    for that noun's phrase where the noun names a speaker ("the Vermont senator",
    "Democratic leaders") and for no one otherwise ("a Catholic university", "the
    Republican field", "U.S. leadership"). A relative pronoun speaks for its
    antecedent outside its own clause ("a White House official who spoke anonymously
    ... said": the official, not "who"), and is the source inside it ("Romney, who
    said ...")."""
    clause = t.head
    if (
        t.lower_ in RELATIVE_PRONOUNS
        and t.dep_ in ("nsubj", "nsubjpass")
        and clause.dep_ == "relcl"
        and clause.head.i < t.i
        and clause.i != cue.i
        and clause.i not in {a.i for a in cue.ancestors}
    ):
        return clause.head
    if (
        t.ent_type_ in ("NORP", "GPE")
        and t.dep_ in ("compound", "amod", "nmod")
        and t.head.pos_ == "NOUN"
        and t.head.i > t.i
    ):
        return t.head if _lemma(t.head) in SPEAKER_NOUNS else None
    return t


def source_features(
    tok: Token, kind: str, span: tuple[int, int] | None, ctx: DocContext
) -> list[str]:
    """Features of one source candidate of the cue `tok`."""
    kind_lex, _ = lexicon_entry(tok.i, ctx)
    feats = [
        f"kind={kind}",
        f"kind|dep={kind}|{tok.dep_}",
        f"kind|lex={kind}|{kind_lex}",
        f"kind|tag={kind}|{tok.tag_}",
    ]
    if span is not None:
        words = ctx.doc.char_span(*span, alignment_mode="expand")
        if words is not None and len(words):
            root = words.root
            feats.append(f"kind|who={kind}|{_who(root)}")
            feats.append(f"kind|rootdep={kind}|{root.dep_}")
            gap = abs(root.i - tok.i)
            feats.append(f"kind|gap={kind}|{min(gap, 8)}")
    return feats
