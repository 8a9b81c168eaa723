"""`extract_attributions`: the rules' cues assembled into `Attribution` rows (nested
reports left out, quote chains followed, speakers resolved)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Token

from analysis.attribution.cues import _cue_index, _CueIndex, _lemma
from analysis.attribution.guards import confirmed_to_office
from analysis.attribution.model import AttributionModel, apply_model, load_model
from analysis.attribution.quotes import Quote, _Quotes, _rstrip
from analysis.attribution.record import Attribution, _Found
from analysis.attribution.rules import _match_cue, refuses_a_thing
from analysis.attribution.sources import _clause_start, _source_span, hortative, source_phrase
from analysis.attribution.spans import _animate, _end, _trim
from analysis.attribution.tagger import tagger_blend
from analysis.attribution.words import (
    AFTER_AGENT,
    COLON_SPEAKER,
    DASH_SIGNATURE,
    DASH_SIGNATURE_PARAGRAPH,
    FIRST_PERSON_SPEAKERS,
    HEADLINE_KICKERS,
    LAYOUT_CUE,
    MESSAGE_NOUNS,
    NAME_GLUE_WORDS,
    NEGATING_HEADS,
    PSYCH_PARTICIPLES,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
)
from analysis.lexicons import Cue
from analysis.nlp import sentence_spans
from analysis.records import Article
from analysis.resolve import (
    PRONOUNS,
    Referent,
    doc_text,
    plural_subject_before,
    referents,
    resolve,
)

#: How cues are decided: the rules alone, the learned model alone, or both (the
#: rules where they are precise, the model for the rest; the default); `tagger` is
#: `combined` with the fine-tuned transformer tagger's cue probabilities blended into
#: the linear model's (slower; `analysis.attribution.tagger`).
MODES = ("combined", "rules", "model", "tagger")
DEFAULT_MODE = "combined"


def extract_attributions(
    article: Article,
    doc: Doc,
    cues: Mapping[tuple[str, str], Cue] | None = None,
    *,
    mode: str = DEFAULT_MODE,
    model: AttributionModel | None = None,
) -> list[Attribution]:
    """Every attribution of `article` (parsed as `doc`), in text order.

    `mode` is one of `MODES`; `model` is the learned model to use (default: the one
    shipped in `analysis/models/`)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    index = _cue_index(cues)
    quotes = _Quotes(doc_text(doc))
    found = rule_attributions(doc, index, quotes)
    if mode == "tagger":
        found = apply_model(
            doc, found, index, quotes, model or load_model(), "combined", tagger=tagger_blend(doc)
        )
    elif mode != "rules":
        found = apply_model(doc, found, index, quotes, model or load_model(), mode)
    return build_rows(article, doc, found, quotes)


def rule_attributions(doc: Doc, index: _CueIndex, quotes: _Quotes) -> list[_Found]:
    """The cues the rules find, with their sources and contents (before resolution)."""
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

    found = [f for f in found if f.content is not None and not hortative(f.source)]
    # "refused to confirm" is one cue ("confirm", negated), not two; so is "expressed
    # concern that ..." (the noun's).
    folded = {t.i for f in found if len(f.cue_tokens) > 1 for t in f.cue_tokens}
    found = [f for f in found if not (len(f.cue_tokens) == 1 and f.cue_tokens[0].i in folded)]
    found = [f for f in found if _within_own_quote(f, quotes)]
    found.extend(_layout_attributions(doc, quotes, used))
    taken = {q.start for f in found for q in f.content_quotes}
    found.extend(_named_colon_quotes(doc, quotes, used, taken))
    _extend_quote_chains(found, doc, quotes)
    _stop_at_semicolons(found, doc_text(doc))
    return _outermost(found, quotes)


def _on_the_cue_line(
    text: str, content: tuple[int, int], cue_start: int, cue_end: int, quotes: _Quotes
) -> tuple[int, int] | None:
    """A content without quotation marks ends at the line break after a cue before it
    and begins after the line break before a cue after it: the parser runs a headline
    without a full stop into the next line ("Rubio Says Abandoning Reform Was A Sign Of
    Leadership\nMarco Rubio"), and a sentence into the next paragraph. Quotes may span
    paragraphs and keep their content."""
    start, end = content
    body = text[start:end]
    words = body.strip()
    if "\n" not in words or quotes.overlapping(start, end):
        return content
    first = start + body.index(words)  # the content's first word
    if start >= cue_end:
        end = _rstrip(text, text.index("\n", first))
    elif end <= cue_start:
        start = first + words.rindex("\n") + 1
        while text[start].isspace():
            start += 1
    return (start, end) if end > start else None


def _after_the_cue(
    text: str, content: tuple[int, int], cue_start: int, cue_end: int
) -> tuple[int, int] | None:
    """A content that begins inside its own cue begins after it ("Biden was quick |
    to retort", "are unhappy | that Obama agreed"); one wholly inside it is none."""
    start, end = content
    if not cue_start < start < cue_end:
        return content
    if end <= cue_end:
        return None
    while cue_end < end and (text[cue_end].isspace() or text[cue_end] in ",;:"):
        cue_end += 1
    return (cue_end, end) if cue_end < end else None


#: Dependencies of a cue's own adverbs ("first reported", "never said").
_ADVERBS = frozenset({"advmod", "neg"})


def _before_the_cue(f: _Found, content: tuple[int, int]) -> tuple[int, int] | None:
    """A content that ends right before its cue ends before the cue's own adverbs
    ("The NAACP resolution, | first reported by the Kansas City Star"): the adverb
    tells how it was reported, not what."""
    cue = f.cue_tokens[0]
    doc = cue.doc
    start, end = content
    if end > cue.idx or doc.text[end : cue.idx].strip():
        return content
    k = cue.i - 1
    while k >= 0 and doc[k].idx >= start and doc[k].head.i == cue.i and doc[k].dep_ in _ADVERBS:
        k -= 1
    if k == cue.i - 1:
        return content  # no adverb of the cue's: as it was
    while k >= 0 and doc[k].idx >= start and (doc[k].is_punct or doc[k].is_space):
        k -= 1
    if k < 0 or doc[k].idx < start:
        return None
    return (start, min(end, doc[k].idx + len(doc[k].text)))


def _only_the_agent(f: _Found) -> bool:
    """Whether a content after a participle cue is its "by" phrase, which holds the
    source ("another idea — proposed by some Democrats —", "mentioned on the Senate
    floor by the minority leader"): the one who proposed, not what was proposed."""
    tok = f.cue_tokens[0]
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if f.content is None or f.source is None or agent is None:
        return False
    if tok.lower_ in PSYCH_PARTICIPLES or not _animate(f.source):
        return False  # "unsettled by protests": the cause is what it reports
    start, end = f.content
    return (
        agent.i <= f.source.i <= agent.right_edge.i
        and tok.idx <= start <= agent.idx
        and _end(agent.right_edge) <= end
    )


def _after_the_agent(f: _Found, quotes: _Quotes) -> tuple[int, int] | None:
    """The question or topic right after the agent's name, where there is one: the
    "if" clause, or what follows "on", "about", "over"."""
    if f.source_span is None:
        return None
    doc = f.cue_tokens[0].doc
    k = next((t.i for t in doc[f.source.i :] if t.idx >= f.source_span[1]), None)
    if k is None or doc[k].lower_ not in AFTER_AGENT:
        return None
    if doc[k].dep_ == "mark":  # "if he believed ...": the clause the mark opens
        return _trim(doc, k, doc[k].head.right_edge.i, quotes)
    if doc[k].dep_ == "prep":
        return _trim(doc, k + 1, doc[k].right_edge.i, quotes)
    return None


def _what_the_agent_did_it_to(participle: Token, quotes: _Quotes) -> tuple[int, int] | None:
    """What a participle cue with a "by" agent reports: its passive subject ("six were
    appointed by Democratic presidents"), the noun phrase it modifies ("another idea |
    proposed by ..."), or the subject of the clause it hangs on ("Charter schools remain
    a favorite ..., promoted by ..."); None when there is none."""
    doc = participle.doc
    subject = next((c for c in participle.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.i < participle.i:
        if subject.lower_ == "it" or subject.lower_ in RELATIVE_PRONOUNS:
            return None  # "It was declared by Nixon": no words of what was declared
        return _trim(doc, subject.left_edge.i, subject.right_edge.i, quotes)
    head = participle.head
    if head.i >= participle.i:
        return None
    if participle.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "NUM"):
        return _trim(doc, head.left_edge.i, participle.left_edge.i - 1, quotes)
    if participle.dep_ == "advcl":
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.i < participle.i:
            return _trim(doc, subject.left_edge.i, subject.right_edge.i, quotes)
    return None


def build_rows(
    article: Article, doc: Doc, found: list[_Found], quotes: _Quotes
) -> list[Attribution]:
    """`Attribution` rows from found cues: speakers resolved, quote type, negation."""
    text = article.text
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
        phrase = (None, None)
        if f.source_span is not None:
            s_start, s_end = f.source_span
            phrase = f.source_span
            if f.source is not None:
                phrase = source_phrase(f.source, f.source_span, f.cue_tokens, quotes)
            r_start, r_end = s_start, s_end
            src = f.source
            if src is not None and src.lower_ in RELATIVE_PRONOUNS and src.head.dep_ == "relcl":
                r_start, r_end = _source_span(_antecedent(src.head.head)) or (s_start, s_end)
            group = _group_before(src, quotes)
            if group is not None:
                r_start, r_end = group.span
            res = resolve(doc, r_start, r_end, people, recent)
            written = text[s_start:s_end]
            if group is not None and (res.referent is None or group.coordinated):
                # "Those firms have denied ... But they acknowledge ...": the firms,
                # whom no actor names (nor one of "state lawmakers and Gov. Pence").
                speaker, resolution = text[r_start:r_end], "nominal"
            elif res.referent is not None:
                # an organisation as written ("US officials"; for "who", its antecedent)
                speaker = res.referent.text if res.how != "organisation" else text[r_start:r_end]
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
        if f.content is not None:
            f.content = _on_the_cue_line(text, f.content, cue_start, cue_end, quotes)
        if f.content is not None:
            f.content = _after_the_cue(text, f.content, cue_start, cue_end)
        if f.content is not None:
            f.content = _before_the_cue(f, f.content)
        if f.content is not None and _only_the_agent(f):
            f.content = _after_the_agent(f, quotes) or _what_the_agent_did_it_to(
                f.cue_tokens[0], quotes
            )
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
        # "rejected a subpoena": a refusal, not a denial of what someone said; "the
        # Senate confirmed a judge": an appointment, not a claim confirmed true.
        not_a_claim = (f.cue.stance == "denial" and refuses_a_thing(f.cue_tokens[0])) or (
            confirmed_to_office(f.cue_tokens[0])
        )
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
                stance="other" if not_a_claim else f.cue.stance,
                credibility=0.0 if not_a_claim else f.cue.credibility,
                content=text[c_start:c_end] if f.content else None,
                content_start=c_start,
                content_end=c_end,
                quote_type=quote_type,
                negated=_negated(_cue_verb(f)),
                in_quote=in_quote,
                source_start=phrase[0],
                source_end=phrase[1],
            )
        )
    return _first_person_in_quotes(rows, text)


class _Group(NamedTuple):
    """The plural noun phrase a subject "they" continues: its character span, and
    whether it is a coordination ("state lawmakers and Republican Gov. Mike Pence":
    all of them, whom no one actor stands for)."""

    span: tuple[int, int]
    coordinated: bool


def _group_before(source: Token | None, quotes: _Quotes) -> _Group | None:
    """For a subject "they", the plural noun phrase it continues
    (`resolve.plural_subject_before`: "Protesters gathered outside his office. They
    argued ...", "officials said ..., and they acknowledged ..."), outside quotes; None
    otherwise (the nearest named group or organisation is then a guess: "they" after
    "Fox News has learned" was the outlet)."""
    subject = plural_subject_before(source) if source is not None else None
    if subject is None or quotes.containing(subject.idx) is not None:
        return None
    span = _source_span(subject)
    if span is None:
        return None
    return _Group(span, any(c.dep_ == "conj" for c in subject.children))


def _antecedent(noun: Token) -> Token:
    """What a relative pronoun stands for: the noun its clause hangs on, or the name
    that noun describes ("Jeb Bush of Florida, a leading Republican contender, who has
    argued ...": Jeb Bush, not "a leading Republican contender"), never a time ("guys
    out for a walk one night who decided ...": the guys)."""
    head = noun.head
    if noun.dep_ == "appos" and head.i < noun.i and head.ent_type_ in ("PERSON", "ORG"):
        return head
    if noun.ent_type_ in ("DATE", "TIME"):
        # "guys out for a walk one night who decided ...": the parser hung the clause
        # on the time; the ones who decided are the people named before it.
        for t in reversed(noun.doc[noun.sent.start : noun.i]):
            if t.ent_type_ not in ("DATE", "TIME") and (_animate(t) or t.tag_ in ("NNS", "NNPS")):
                return t
    return noun


def _first_person_in_quotes(rows: list[Attribution], text: str) -> list[Attribution]:
    """An "I" or "we" speaking inside a direct quote is the quote's own speaker
    ('"We cannot agree to prioritize ...," they wrote': the senators who wrote the
    letter, not the nearest organisation, "Fox News"; '"I think ...," Obama said'):
    the speaker of the row whose content holds it (`quoting_row`), where it has one."""
    out = []
    for row in rows:
        written = text[row.speaker_start : row.speaker_end] if row.speaker_start is not None else ""
        if row.in_quote and written.lower() in FIRST_PERSON_SPEAKERS:
            outer = quoting_row(row, rows)
            if outer is not None and not _a_message(outer.speaker or ""):
                row = replace(row, speaker=outer.speaker, resolution="pronoun")
        out.append(row)
    return out


def _a_message(speaker: str) -> bool:
    """A speaker that is a message, not its author ("the statement continued", "the
    video showed Tlaib telling supporters"): the "I" in it is someone else."""
    words = speaker.lower().split()
    return bool(words) and words[-1] in MESSAGE_NOUNS


def quoting_row(row: Attribution, rows: Sequence[Attribution]) -> Attribution | None:
    """The row of the writer's whose quoted content holds `row`'s cue (a cue inside
    someone's quote), when it names a speaker; None otherwise."""
    if not row.in_quote:
        return None
    return next(
        (
            o
            for o in rows
            if not o.in_quote
            and o.speaker
            and o.quote_type != "indirect"
            and o.content_start is not None
            and o.content_start <= row.cue_start < o.content_end
        ),
        None,
    )


def quoted_speakers_follow(
    raw: Sequence[Attribution], final: Sequence[Attribution]
) -> list[Attribution]:
    """`final` (the rows of `raw` once the actor stage has named their speakers) with
    each quoted "I" or "we" given the final speaker, actor and camp of the row quoting
    it: the two name one person in the tables. A row counts as such when extraction
    gave it its quoting row's speaker (`_first_person_in_quotes`)."""
    index = {id(a): k for k, a in enumerate(raw)}
    by_article: dict[str, list[Attribution]] = {}
    for row in raw:
        by_article.setdefault(row.article_id, []).append(row)
    out = list(final)
    for k, row in enumerate(raw):
        outer = quoting_row(row, by_article[row.article_id])
        if outer is None or row.resolution != "pronoun" or row.speaker != outer.speaker:
            continue
        source = final[index[id(outer)]]
        out[k] = replace(final[k], speaker=source.speaker, actor=source.actor, camp=source.camp)
    return out


def _within_own_quote(found: _Found, quotes: _Quotes) -> bool:
    """A cue inside a direct quote reports within that quote: its content is cut to
    the quote (the parser can hang the writer's clause before the quote on the quoted
    "said": 'Weaver was unimpressed, telling reporters, “People said he should go.”');
    False when nothing of the content is left inside it."""
    q = quotes.containing(found.cue_tokens[0].idx)
    if q is None or found.content is None:
        return True
    cue_start = found.cue_tokens[0].idx
    cue_end = found.cue_tokens[-1].idx + len(found.cue_tokens[-1].text)
    if q.start >= cue_start - 2 and q.end <= cue_end + 2:
        return True  # a scare quote around the cue: 'Clinton “decided” to wipe it'
    start, end = found.content
    if q.start <= start and end <= q.end:
        return True
    start, end = max(start, q.start + 1), min(end, q.end - 1)
    if start <= cue_start < end:
        start = cue_end  # not the cue's own word
    text = quotes.text
    while start < end and not text[start].isalnum() and text[start] not in "“‘\"'":
        start += 1
    if start >= end:
        return False  # nothing of it inside the quote
    found.content, found.content_quotes = (start, end), []
    return True


def _after_comma(tok: Token) -> bool:
    """A comma right before the token, closing quotation marks aside ('has “expanded
    the party,” claiming ...')."""
    k = tok.i - 1
    while k >= 0 and tok.doc[k].text in ("”", "’", '"', "'", "''"):
        k -= 1
    return k >= 0 and tok.doc[k].text == ","


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
        after_comma = tok.tag_ == "VBG" and _after_comma(tok)
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


def _named_colon_quotes(doc: Doc, quotes: _Quotes, used: set[int], taken: set[int]) -> list[_Found]:
    """A quote introduced by a name and a colon inside a line: 'Bush: "The mission is
    to destroy ISIS."', '... - Mark Blumenthal and Jon Cohen: “Although the polls ...'.
    The name runs back from the colon to the start of the sentence or a dash, holds a
    named entity and no verb, and is at most eight words; a quote some cue already
    took is left alone."""
    text = doc_text(doc)
    token_at = {t.idx: t for t in doc if not t.is_space}
    out: list[_Found] = []
    for q in quotes.spans:
        if q.start in taken:
            continue
        base = max(0, q.start - 4)
        gap = re.search(r":[ \t]*$", text[base : q.start])
        if gap is None:
            continue
        colon = token_at.get(base + gap.start())
        if colon is None or colon.text != ":" or colon.i in used or colon.i == 0:
            continue
        name: list[Token] = []
        k = colon.i - 1
        while k >= 0 and len(name) <= 8:
            tok = doc[k]
            if tok.is_space or "\n" in tok.text or tok.text in ("-", "–", "—", "--"):
                break
            if tok.is_sent_start:
                name.append(tok)
                break
            name.append(tok)
            k -= 1
        name.reverse()
        if not name or len(name) > 8 or any(t.i in used for t in name):
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in name):
            continue
        words = [t for t in name if not t.is_punct]
        if not words or not all(t.text[:1].isupper() or t.lower_ in NAME_GLUE_WORDS for t in words):
            continue
        entity = next((t for t in name if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")), None)
        if entity is None:
            continue
        span = (name[0].idx, _end(name[-1]))
        out.append(_Found([colon], LAYOUT_CUE, ":", entity, span, (q.start, q.end), [q]))
    return out


def _layout_attributions(doc: Doc, quotes: _Quotes, used: set[int]) -> list[_Found]:
    """Attributions made by layout, not by a verb: a quote signed with a dash and a
    name, and a line opening with a speaker's name and a colon."""
    text = doc_text(doc)
    token_at = {t.idx: t for t in doc if not t.is_space}
    out: list[_Found] = []
    for q in quotes.spans:
        m = DASH_SIGNATURE.match(text, q.end) or DASH_SIGNATURE_PARAGRAPH.match(text, q.end)
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
        if colon_at not in token_at or token_at[colon_at].i in used or len(name) < 2:
            continue  # "Q:" and "A:" of an interview name no one
        if not re.search(r"[^\W\d_]{2}", m.group(2)):
            continue  # "Hillary Clinton: 1,769.": a tally, not words
        # A headline "Pence: ...", not a kicker ("Breaking: ...", "BOOM: ...").
        headline = not text[: m.start()].strip() and not (
            set(re.findall(r"\w+", name.lower())) & HEADLINE_KICKERS
        )
        if (
            not (name.isupper() and labels[name] >= 2)
            and (m.start(1), m.end(1)) not in ents
            and not headline
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


#: A title, an initial or an abbreviation whose period ends no sentence ("Mr. Rhodes",
#: "James B. Cunningham", "Tampa, Fla., who", "D-S.C."): one to four letters, capitalised,
#: before a capitalised word or a comma; or initials ("U.S.").
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][a-z]{0,3}\.(?=\s+[A-Z]|,)")


def _extend_quote_chains(found: list[_Found], doc: Doc, quotes: _Quotes) -> None:
    """A direct quote goes on in the quotes that follow it: across a paragraph left
    open (news style), and in the next sentence when that sentence is a quote with no
    cue of its own ('“A,” he said. “B.”')."""
    cue_offsets = sorted(t.idx for f in found for t in f.cue_tokens[:1])
    cue_at_offset = {f.cue_tokens[0].idx: f.cue_tokens[0] for f in found}
    for f in found:
        if not f.content_quotes:
            continue
        last = f.content_quotes[-1]
        cue_at = f.cue_tokens[0].idx
        search = last.end
        while True:
            nxt = quotes.next_after(search)
            if nxt is None or COLON_SPEAKER.match(quotes.text, nxt.start):
                break  # a transcript's next turn ("PENCE: ...") is someone else's
            if last.end < cue_at < nxt.start and _a_title(nxt, f.cue_tokens[0], quotes.text):
                search = nxt.end  # 'he said on “Meet the Press.” “But ...”'
                continue
            gap = doc_text(doc)[max(last.end, cue_at) : nxt.start]
            gap = _ABBREVIATION.sub("X", gap)  # "said Mr. Rhodes.", "James B. Cunningham"
            if last.open_at_end:
                ok = not gap.strip() or nxt.start - last.end < 4
            else:
                # Only the rest of the cue clause and a sentence end between them.
                ok = last.end < cue_at and re.fullmatch(r"[^\n.!?]*[.!?]?\s{1,3}", gap) is not None
                ok = ok and gap.count("\n") == 0
            if not ok or _clause_of_its_own(f, doc, max(last.end, cue_at), nxt):
                break
            # No other cue between the two quotes ('he said, adding that “...”').
            # A cue in what describes the speaker ('said Tom Rath, who had endorsed
            # Kasich. “...”') is no other report.
            between = cue_offsets[
                bisect.bisect_right(cue_offsets, max(last.end, cue_at)) : bisect.bisect_left(
                    cue_offsets, nxt.start
                )
            ]
            new_sentence = re.search(r"[.!?]\s*$", gap) is not None
            if any(
                not new_sentence  # 'said Mr. Katz, who said he wanted “...”': his report
                or f.source is None
                or not f.source.is_ancestor(cue_at_offset[o])
                for o in between
            ):
                break
            # The next quote must carry no cue of its own, in or just after it.
            tail = doc.char_span(nxt.start, nxt.end, alignment_mode="expand")
            sent_end = _end(tail[-1].sent[-1]) if tail is not None and len(tail) else nxt.end
            # ... within its paragraph: the parser may run a sentence on past a line
            # break ('... leadership."\nRubio said that ...').
            paragraph_end = quotes.text.find("\n", nxt.end)
            if paragraph_end != -1:
                sent_end = min(sent_end, paragraph_end)
            k = bisect.bisect_left(cue_offsets, nxt.start)
            if k < len(cue_offsets) and cue_offsets[k] < max(sent_end, nxt.end) + 1:
                if not (nxt.start < cue_offsets[k] < nxt.end):
                    break
            f.content_quotes.append(nxt)
            f.content = (f.content[0], nxt.end)
            last = nxt
            search = nxt.end


def _clause_of_its_own(f: _Found, doc: Doc, start: int, nxt: Quote) -> bool:
    """True when a verb between `start` and the quote `nxt` (not the cue, not in the
    source phrase) holds that quote in its clause: '"Savage," she said, meaning that
    he's "radical enough ..."' — the second quote is what "meaning" says, not more of
    what she said ('"A," he said, laughing. "B."' goes on)."""
    words = doc.char_span(start, nxt.start, alignment_mode="expand")
    if words is None:
        return False
    cue = {t.i for t in f.cue_tokens}
    for tok in words:
        if tok.i in cue or tok.pos_ not in ("VERB", "AUX") or tok.idx < start:
            continue
        if f.source is not None and f.source.is_ancestor(tok):
            continue
        if tok.left_edge.idx <= nxt.start <= tok.right_edge.idx:
            return True
    return False


def _a_title(q: Quote, cue: Token, text: str) -> bool:
    """A short quote after the cue in its own sentence, after a preposition or a
    possessive: the name of a show or paper ('told NBC's “Today” on Monday', 'said on
    “Meet the Press.”'), not more of what was said ('he said, but “...”')."""
    if q.end > _end(cue.sent[-1]) + 2 or len(text[q.start : q.end].split()) > 6:
        return False
    before = text[cue.idx : q.start].rstrip().lower()
    return bool(re.search(r"(?:\b(?:on|in|to|of|with|from)|['’]s)$", before))
