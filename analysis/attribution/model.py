"""The learned attribution components and how they join the rules.

The model (`analysis/models/attribution.json`, card in `analysis/models/README.md`) is
four logistic regressions over the string features of `analysis.attribution.features`,
trained on PolNeAR train (`analysis.attribution.train`):

- `cue`: is this token the head of a cue here? (reads what the rules made of it);
- `cue_alone`: the same without the rules' features (the "model only" mode);
- `content` and `source`: which candidate span is what was said / who said it.

Combined mode (the default; the shipped model has `keep` = 0, so every rule cue stays
and the model only adds): a rule cue stays when it is precise by construction (a
direct or mixed quote, "according to", a layout cue), when it stands inside a direct
quote (`in_quote`, which PolNeAR does not annotate and the stance tables leave out), or
when the cue model does not reject it (probability >= `keep`); the model adds cues the
rules missed (probability >= `add`), outside direct quotes and outside the content of a
cue already taken (PolNeAR annotates only the outer report), that pass the rules' sense
guards; their source and content are the span models' choices. A cue word outside the
lexicon gets stance `other`.
Scoring runs once per document over all candidates (a sparse dot product in numpy).
In the `tagger` mode the caller passes a `TaggerBlend`: the transformer tagger's cue
probabilities per token, blended into the `cue` scorer's, with the blend's own `keep`
and `add` thresholds. In every mode an added noun that names the report of a verb cue
governing it ("underlined in a Thursday statement that ...") is no second cue.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from analysis.attribution.cues import _CueIndex, _lemma
from analysis.attribution.features import (
    DocContext,
    content_candidates,
    content_features,
    cue_candidates,
    cue_features,
    lexicon_entry,
    source_candidates,
    source_features,
)
from analysis.attribution.guards import sense_guarded
from analysis.attribution.quotes import _Quotes, _rstrip, _rstrip_separators
from analysis.attribution.record import _Found
from analysis.attribution.sources import (
    _clause_start,
    _phrase_before,
    _reduced_passive,
    _source_span,
    _source_token,
    expletive_it,
    hortative,
)
from analysis.attribution.spans import _content, _end
from analysis.attribution.words import (
    ASPECT_VERBS,
    CLAUSE_OPENERS,
    INSTRUMENT_NOUNS,
    LIGHT_VERBS,
    MESSAGE_NOUNS,
    STANCE_DEFAULT,
)
from analysis.config import PACKAGE_DIR

MODEL_PATH = PACKAGE_DIR / "models" / "attribution.json"
#: Rule cues of these lemmas are precise by construction and always kept.
PRECISE_LEMMAS = frozenset({"according to", "dash", ":"})


@dataclass(frozen=True)
class TaggerBlend:
    """The attribution tagger's cue probabilities for one document (per token) and how
    they join the linear model's: probability = `weight` × tagger + (1 − `weight`) ×
    linear; a rule cue stays at `keep` or above, a token is added at `add` or above."""

    cue: np.ndarray  # P(cue) per token of the document
    weight: float
    keep: float
    add: float

    def blend(self, linear: np.ndarray, candidates: list[int]) -> np.ndarray:
        tagged = self.cue[np.asarray(candidates, dtype=np.int64)] if candidates else linear
        return self.weight * tagged + (1.0 - self.weight) * linear


class ModelNotAvailable(RuntimeError):
    """The attribution model file is missing or unreadable."""


@dataclass
class LinearModel:
    """A binary logistic regression over string features."""

    vocabulary: dict[str, int]
    weights: np.ndarray
    intercept: float

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        names = data["features"]
        return cls(
            {name: i for i, name in enumerate(names)},
            np.asarray(data["weights"], dtype=np.float64),
            float(data["intercept"]),
        )

    def proba(self, rows: list[list[str]]) -> np.ndarray:
        """Probability of the positive class for each row of features (vectorised)."""
        if not rows:
            return np.zeros(0)
        vocab = self.vocabulary
        index: list[int] = []
        owner: list[int] = []
        for r, feats in enumerate(rows):
            for f in feats:
                k = vocab.get(f)
                if k is not None:
                    index.append(k)
                    owner.append(r)
        scores = np.bincount(
            np.asarray(owner, dtype=np.int64),
            weights=self.weights[np.asarray(index, dtype=np.int64)],
            minlength=len(rows),
        )
        return 1.0 / (1.0 + np.exp(-(scores + self.intercept)))


@dataclass
class AttributionModel:
    cue: LinearModel
    cue_alone: LinearModel
    content: LinearModel
    source: LinearModel
    keep: float  # a rule cue below this cue probability is dropped
    add: float  # a token at or above this cue probability is added as a cue
    add_alone: float  # the same, in model-only mode
    meta: dict


def read_model(path: str | Path) -> AttributionModel:
    """Read a model file written by `framing train attribution`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return AttributionModel(
            cue=LinearModel.from_json(data["cue"]),
            cue_alone=LinearModel.from_json(data["cue_alone"]),
            content=LinearModel.from_json(data["content"]),
            source=LinearModel.from_json(data["source"]),
            keep=float(data["thresholds"]["keep"]),
            add=float(data["thresholds"]["add"]),
            add_alone=float(data["thresholds"]["add_alone"]),
            meta=data.get("meta", {}),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelNotAvailable(f"cannot read the attribution model {path}: {error}") from None


@functools.cache
def load_model() -> AttributionModel:
    """The model shipped with the kit (read once per process)."""
    return read_model(MODEL_PATH)


def model_checksum(path: str | Path = MODEL_PATH) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ----------------------------------------------------------------- joining the rules


def _precise(f: _Found) -> bool:
    return bool(f.content_quotes) or f.lemma in PRECISE_LEMMAS


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _content_pieces(f: _Found) -> list[tuple[int, int]]:
    """The stretches of `f`'s content that are what was said: the whole span, less
    the frame between two of its quotes that holds the cue ('"...," said Nicky
    Driscoll, who said Sanders is best suited ... "..."': the speaker's own clause,
    where another report may stand)."""
    start, end = f.content
    cue_at = f.cue_tokens[0].idx
    for before, after in itertools.pairwise(f.content_quotes):
        if before.end <= cue_at < after.start:
            return [(start, before.end), (after.start, end)]
    return [(start, end)]


def apply_model(
    doc: Doc,
    found: list[_Found],
    index: _CueIndex,
    quotes: _Quotes,
    model: AttributionModel,
    mode: str = "combined",
    memo: dict | None = None,
    tagger: TaggerBlend | None = None,
) -> list[_Found]:
    """The rules' cues `found`, filtered and completed by the model (see the module
    docstring); in `model` mode, the model's cues alone. `memo` (a dict kept per
    document) spares recomputing the candidates' features when several models are
    tried on the same parse (training). With `tagger` (combined mode only), a token's
    cue probability is the blend of the linear model's and the tagger's, judged by the
    blend's own thresholds."""
    combined = mode == "combined"
    rule_found = found if combined else []
    if memo is not None and mode in memo:
        ctx, candidates, rows = memo[mode]
    else:
        ctx, candidates, rows = _cue_rows(doc, rule_found, index, quotes)
        if memo is not None:
            memo[mode] = (ctx, candidates, rows)
    scorer = model.cue if combined else model.cue_alone
    probs = scorer.proba(rows)
    keep, threshold = (model.keep, model.add) if combined else (model.keep, model.add_alone)
    if tagger is not None and combined:
        probs = tagger.blend(probs, candidates)
        keep, threshold = tagger.keep, tagger.add
    prob_of = dict(zip(candidates, probs, strict=True))

    kept = [
        f
        for f in rule_found
        if _precise(f)
        or quotes.containing(f.cue_tokens[0].idx) is not None  # the source's words: kept
        or prob_of.get(_head_token(f).i, 1.0) >= keep
    ]
    if combined:
        for f in kept:
            _fill_source(f, ctx, model, quotes)
    taken = {t.i for f in rule_found for t in f.cue_tokens}
    contents = [
        piece
        for f in kept
        if f.content and quotes.containing(f.cue_tokens[0].idx) is None
        for piece in _content_pieces(f)
    ]
    order = np.argsort(-probs, kind="stable")
    added: list[_Found] = []
    for k in order:
        if probs[k] < threshold:
            break
        tok = doc[candidates[k]]
        if tok.i in taken or quotes.containing(tok.idx) is not None:
            continue
        if _inside(tok.idx, contents) or sense_guarded(tok, index, quotes):
            continue
        hit = _model_cue(tok, ctx, model)
        if hit is None:
            continue
        added.append(hit)
        taken.update(t.i for t in hit.cue_tokens)
        if hit.content and hit.content[1] > hit.content[0]:
            contents.append(hit.content)
    added = [f for f in added if _yield_to_rules(f, kept, quotes) and not _told_twice(f, kept)]
    # A rule cue nested in an added cue's content goes (outer reports only).
    added_contents = [f.content for f in added if f.content]
    kept = [
        f
        for f in kept
        if _precise(f)
        or quotes.containing(f.cue_tokens[0].idx) is not None
        or not _inside(f.cue_tokens[0].idx, added_contents)
    ]
    return kept + added


def _yield_to_rules(f: _Found, kept: list[_Found], quotes: _Quotes) -> bool:
    """Mend an added cue's content where it runs over the clauses around the cue;
    False when nothing of it is left. The content never holds the words the cue
    hangs on ("Asked if she believed ..., Clinton said she ...": "Asked" is a clause
    of "said", so its content ends with its own words), and it ends before a rule
    cue of the same speaker going on ("threw her support behind Cruz, saying ...",
    "was quick to embrace the mogul and said ...")."""
    if not f.content or f.content[1] <= f.content[0]:
        return True
    tok = _head_token(f)
    doc = tok.doc
    text = quotes.text
    governors = set()
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        governors.add(cur.i)
    start, end = f.content
    if end <= tok.idx and ";" in text[end : tok.idx]:
        return False  # "... could not be confirmed; none had been released": another clause
    if any(start <= doc[i].idx < end for i in governors):
        own_end = _end(tok.right_edge)
        if own_end <= start:
            return False
        end = min(end, own_end)
    for g in kept:
        if g.lemma in (":", "dash") or quotes.containing(g.cue_tokens[0].idx) is not None:
            continue
        gtok = _head_token(g)
        if start <= gtok.idx < end and _own_adverbial_clause(gtok):
            # "calls for X to stand strong Sunday night, when McConnell suggested ...":
            # another speaker's report in a clause of time or reason is not the content
            end = min(end, _rstrip(text, gtok.left_edge.idx))
            continue
        if not (start <= gtok.idx < end) or gtok.head.i != tok.i:
            continue
        comma_participle = gtok.tag_ == "VBG" and gtok.i > 0 and doc[gtok.i - 1].text == ","
        if gtok.dep_ == "conj" or (gtok.dep_ == "advcl" and comma_participle):
            end = min(end, _rstrip(text, _clause_start(gtok).idx))
    end = _rstrip_separators(text, start, end)
    if end <= start:
        return False
    f.content = (start, end)
    f.content_quotes = [q for q in f.content_quotes if q.end <= end]
    return True


def _own_adverbial_clause(tok: Token) -> bool:
    """The cue heads an adverbial clause with a speaker of its own, opened by a
    conjunction or a wh-adverb ("when McConnell suggested", "because she believed");
    not "as Axelrod said" (the source of the words around it) nor a passive ("when the
    resolution was proposed")."""
    return (
        tok.dep_ == "advcl"
        and any(c.dep_ == "nsubj" for c in tok.children)
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        and any(
            c.i < tok.i
            and (
                (c.dep_ == "mark" and c.lower_ != "as") or (c.dep_ == "advmod" and c.tag_ == "WRB")
            )
            for c in tok.children
        )
    )


def _told_twice(f: _Found, kept: list[_Found]) -> bool:
    """True when an added noun cue names the report of a kept cue that governs it and
    shares its content ("underlined in a Thursday statement that ...": "statement" is
    no second cue)."""
    tok = _head_token(f)
    if not f.content or tok.pos_ != "NOUN":
        return False
    start, end = f.content
    for g in kept:
        head = _head_token(g)
        if (
            g.content
            and tok in head.subtree
            and min(end, g.content[1]) - max(start, g.content[0]) > (end - start) / 2
        ):
            return True
    return False


def _cue_rows(
    doc: Doc, rule_found: list[_Found], index: _CueIndex, quotes: _Quotes
) -> tuple[DocContext, list[int], list[list[str]]]:
    """The document's context, cue candidates and their features."""
    ctx = DocContext(
        doc,
        quotes,
        index,
        rule_cues={t.i for f in rule_found for t in f.cue_tokens},
        rule_contents=[
            f.content
            for f in rule_found
            if f.content and quotes.containing(f.cue_tokens[0].idx) is None
        ],
    )
    candidates = cue_candidates(ctx)
    return ctx, candidates, [cue_features(i, ctx) for i in candidates]


def _head_token(f: _Found) -> Token:
    """The token of a rule cue the model scores (the verb of "refused to confirm")."""
    for t in f.cue_tokens:
        if t.pos_ in ("VERB", "NOUN", "ADJ") and t.lower_ not in ("refused", "declined"):
            return t
    return f.cue_tokens[0]


def _model_cue(tok: Token, ctx: DocContext, model: AttributionModel) -> _Found | None:
    """A cue the model found: its lexicon entry (or stance `other`), source and content."""
    kind, _ = lexicon_entry(tok.i, ctx)
    lemma = _lemma(tok)
    cue_tokens = [tok]
    cue = None
    if kind == "phrasal":
        for child in tok.children:
            hit = ctx.index.phrasal.get((lemma, child.lower_))
            if hit is not None and child.i > tok.i:
                cue, lemma = hit, f"{lemma} {child.lower_}"
                if child.i - tok.i <= 3:
                    cue_tokens = [tok, child]
                break
    if cue is None:
        if tok.pos_ == "NOUN":
            cue = ctx.index.nouns.get(lemma) or ctx.index.verbs.get(lemma)
        elif kind == "be-adj":
            cue, lemma = ctx.index.phrases["be " + lemma], "be " + lemma
        else:
            cue = ctx.index.verbs.get(lemma) or ctx.index.nouns.get(lemma)
    if cue is None and tok.pos_ == "VERB":
        # A verb the lexicon does not know keeps its particle: "walked back his
        # remarks", "zeroed in on", so the row and `unknown_terms.csv` read as written.
        prt = next((c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1), None)
        if prt is not None:
            cue_tokens, lemma = [tok, prt], f"{lemma} {prt.lower_}"
    if cue is None and lemma == "be":
        # A copula the lexicon does not pair reads with its complement, as annotators
        # mark it: "were furious", "was strongly opposed", "is a staunch opponent".
        comp = next((c for c in tok.children if c.dep_ in ("acomp", "attr") and c.i > tok.i), None)
        if comp is not None and comp.i - tok.i <= 4:
            cue_tokens, lemma = [tok, comp], f"be {comp.lemma_.lower()}"
    cue = cue or STANCE_DEFAULT
    src_tok = _source_token(tok, ctx.quotes) if tok.pos_ != "ADJ" else None
    if hortative(src_tok):  # "let's focus on ...": no one's words
        return None
    parsed_source = _source_span(src_tok) if src_tok is not None else None
    source_span = choose_source(tok, parsed_source, ctx, model)
    if expletive_it(ctx.doc, source_span):
        source_span = None
    try:
        parsed_content, _ = _content(tok, src_tok, cue_tokens, lemma, ctx.quotes)
    except (IndexError, AttributeError):  # an unusual parse: no parsed candidate
        parsed_content = None
    content = choose_content(tok, source_span, parsed_content, ctx, model)
    if (
        content is None
        or _only_a_time(content, ctx)
        or (cue is STANCE_DEFAULT and _an_act(tok, content, ctx))
        # "CNN shared footage of ...:" then a paragraph: only a word of the lexicon
        # ("added:") or a message ("made the following comment:") reports the next one
        or (
            cue is STANCE_DEFAULT
            and "\n" in ctx.quotes.text[_end(tok) : content[0]]
            and not any(
                c.dep_ == "dobj" and (_lemma(c) in MESSAGE_NOUNS or _lemma(c) in ctx.index.nouns)
                for c in tok.children
            )
        )
    ):
        return None
    if cue is STANCE_DEFAULT:  # "leaned on Gov. Paterson": the preposition is the cue's
        last = cue_tokens[-1]
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.i == last.i + 1), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if pobj is not None and pobj.left_edge.idx == content[0]:
            cue_tokens, lemma = [*cue_tokens, prep], f"{lemma} {prep.lower_}"
    source = None
    if source_span is not None:
        span = ctx.doc.char_span(*source_span, alignment_mode="expand")
        source = span.root if span is not None and len(span) else None
    content_quotes = [
        q for q in ctx.quotes.overlapping(*content) if q.start >= content[0] and q.end <= content[1]
    ]
    return _Found(cue_tokens, cue, lemma, source, source_span, content, content_quotes)


def _only_a_time(content: tuple[int, int], ctx: DocContext) -> bool:
    """True when the content is nothing but a time ("spoke on Friday", "voted
    Tuesday"): when something was said is not what was said."""
    span = ctx.doc.char_span(*content, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not (t.is_punct or t.is_space)]
    return bool(words) and all(
        t.ent_type_ in ("DATE", "TIME") or t.pos_ in ("ADP", "DET") for t in words
    )


def _an_act(tok: Token, content: tuple[int, int], ctx: DocContext) -> bool:
    """True when the content of a cue word `tok` the lexicon does not know is its direct
    object (its passive subject, or a time), a noun phrase that is no message: "Trump
    fired Comey", "the Senate passed a bill", "won an endorsement" are acts, not
    attributions (PolNeAR annotates some such acts; a reader of the stance tables does
    not expect them). A clause, a quote, a message ("released an ad", "sent a letter")
    or a prepositional topic ("balked at the price") keeps the cue."""
    if ctx.quotes.overlapping(*content):
        return False
    span = ctx.doc.char_span(*content, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if span[0].lower_ in CLAUSE_OPENERS:
        return False
    root = span.root  # a noun phrase, perhaps with a relative clause ("a bill that ...")
    if _object_and_more(tok, root, content):
        return False
    return (
        root.head.i == tok.i
        and root.dep_ in ("dobj", "nsubjpass", "npadvmod")
        and root.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
        and _lemma(root) not in MESSAGE_NOUNS
        # a light verb with a cue noun: "took a swipe at", "drew criticism"
        and not (_lemma(tok) in LIGHT_VERBS and _lemma(root) in ctx.index.nouns)
    )


def _object_and_more(tok: Token, root: Token, content: tuple[int, int]) -> bool:
    """An object with what is asked of it or said of it is a report, not an act:
    "implored her to bring it back" (an infinitive for the addressee), "cast himself as
    a defense hawk", "identified young voters' exhaustion as one of the causes" (a
    predicate with "as"); not after a verb of beginning or going on ("began his career
    as a campaign aide") nor with a law or "it" as subject ("It ... requires
    candidates to disclose ...")."""
    if _lemma(tok) in ASPECT_VERBS:
        return False
    verb = tok
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "It institutes ..., requires ...": the subject of the first verb
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and (
        subject.lower_ in ("it", "this", "which") or _lemma(subject) in INSTRUMENT_NOUNS
    ):
        return False  # "It ... requires presidential candidates to disclose ...": a bill
    inside = [c for c in tok.children if content[0] <= c.idx < content[1]]
    return any(c.dep_ in ("xcomp", "ccomp") for c in inside) or any(
        c.dep_ == "prep" and c.lower_ == "as" and c.i > root.i for c in inside
    )


def choose_content(
    tok: Token,
    source: tuple[int, int] | None,
    parsed: tuple[int, int] | None,
    ctx: DocContext,
    model: AttributionModel,
) -> tuple[int, int] | None:
    """The content candidate the content model scores highest (None: no candidate)."""
    cands = content_candidates(tok, source, ctx, parsed)
    if not cands:
        return None
    rows = [content_features(tok, kind, span, span == parsed, ctx) for kind, span in cands]
    best = int(np.argmax(model.content.proba(rows)))
    return cands[best][1]


def _fill_source(f: _Found, ctx: DocContext, model: AttributionModel, quotes: _Quotes) -> None:
    """A rule cue whose speaker the parse missed ("Senator Harry Reid, the minority
    leader, said ...", where the parser hangs the name elsewhere): the source model
    picks among the names around the cue."""
    if f.source_span is not None or f.lemma in ("according to", "in", "dash", ":"):
        return
    tok = _head_token(f)
    if tok.pos_ not in ("VERB", "AUX") or quotes.containing(tok.idx) is not None:
        return
    if any(c.dep_ in ("auxpass", "nsubjpass", "nsubj", "agent") for c in tok.children):
        return
    if _reduced_passive(tok):
        return  # "Asked whether ...": the asker is not named
    right_before = _phrase_before(tok)
    if right_before is not None:  # "..., a spokeswoman for the health authority said."
        f.source, f.source_span = right_before, _source_span(right_before)
        start = right_before.left_edge.idx
        if f.content and not f.content_quotes and f.content[0] < start < f.content[1]:
            # what was said ends there
            f.content = (f.content[0], _rstrip_separators(quotes.text, f.content[0], start))
        return
    span = choose_source(tok, None, ctx, model)
    if span is None or expletive_it(ctx.doc, span):
        return
    words = tok.doc.char_span(*span, alignment_mode="expand")
    if words is None:
        return
    f.source, f.source_span = words.root, span


def choose_source(
    tok: Token, parsed: tuple[int, int] | None, ctx: DocContext, model: AttributionModel
) -> tuple[int, int] | None:
    """The source candidate the source model scores highest (None: no source)."""
    cands = source_candidates(tok, parsed, ctx)
    rows = [source_features(tok, kind, span, ctx) for kind, span in cands]
    best = int(np.argmax(model.source.proba(rows)))
    return cands[best][1]


__all__ = [
    "AttributionModel",
    "LinearModel",
    "MODEL_PATH",
    "ModelNotAvailable",
    "TaggerBlend",
    "apply_model",
    "load_model",
    "model_checksum",
    "read_model",
]
