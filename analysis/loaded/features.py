"""Features of each word token for the trained loaded-word tagger.

What a token is (lower-cased form, lemma, part of speech, fine tag, shape, suffix,
named-entity type), where it sits in the parse (dependency label, its head's lemma and
part of speech, the labels of its children, the words and parts of speech two to the
left and right), what lexicons that ship inside the kit's dependencies say of it (VADER
valence, `vaderSentiment`; TextBlob's pattern polarity, subjectivity and intensity) and
what the kit's own lexicons say (the loaded-terms category of a sense-checked match,
the stance class of a reporting-cue verb), and whether it stands inside quotation marks.

Every feature is a name with a value (1.0 for indicator features); `doc_features`
returns them per token so that `model.LoadedTagger` scores a whole document at once.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from spacy import parts_of_speech
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.tokens import Doc, Span, Token

from analysis.loaded.lexicon import LoadedLexicon, default_lexicon, sense_ok
from analysis.loaded.quotes import quotation_pairs

#: Word tokens are scored; punctuation, spaces and symbols never are.
Features = dict[str, float]
#: What a word is, alone: the arguments of `_word_features` (see `word_key`).
WordKey = tuple[str, str, str, str, str, str, str, bool]


def is_word(token: Token) -> bool:
    """Whether the tagger scores this token (and the evaluation counts it)."""
    return not (token.is_space or token.is_punct)


@dataclass(frozen=True)
class LexiconScores:
    """Word-level valence and subjectivity from the lexicons our dependencies ship."""

    vader: Mapping[str, float]  # word → valence (−4 … +4), VADER's own lexicon
    pattern: Mapping[str, Mapping[str | None, list[float]]]  # word → POS → [pol, subj, int]


@functools.cache
def lexicon_scores() -> LexiconScores:
    """VADER's word valences and TextBlob's pattern lexicon, loaded once per process."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.sentiment.scorers import pattern_sentiment

    analyser = pattern_sentiment()
    analyser("")  # the lexicon loads lazily on first use
    return LexiconScores(
        vader=SentimentIntensityAnalyzer().lexicon,
        pattern={word: analyser.get(word) for word in analyser.keys()},
    )


@functools.cache
def _cue_stances() -> Mapping[str, str]:
    from analysis.lexicons import reporting_cues

    return {
        cue: info.stance
        for (cue, kind), info in reporting_cues().items()
        if kind == "verb" and " " not in cue
    }


def lexicon_categories(doc: Doc, lexicon: LoadedLexicon) -> dict[int, str]:
    """Token index → category of the sense-checked lexicon match covering it."""
    categories: dict[int, str] = {}
    for start, end, term in lexicon.matches(doc):
        entry = lexicon[term]
        if sense_ok(Span(doc, start, end), entry):
            for i in range(start, end):
                categories.setdefault(i, entry.category)
    return categories


def _quoted_tokens(doc: Doc) -> set[int]:
    inside: set[int] = set()
    for open_, close in quotation_pairs(doc.text):
        span = doc.char_span(open_ + 1, close, alignment_mode="contract")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _bucket(value: float, step: float) -> int:
    return int(round(value / step))


def _shape(token: Token) -> str:
    return _shape_of(token.text)


def _shape_of(text: str) -> str:
    """The shape class of a token's text (UPPER, Title, lower, digit, other)."""
    if text.isupper() and len(text) > 1:
        return "UPPER"
    if text[:1].isupper():
        return "Title"
    if text.islower():
        return "lower"
    if any(c.isdigit() for c in text):
        return "digit"
    return "other"


@dataclass(frozen=True)
class _Columns:
    """The token attributes the features read, pulled out of the Doc once (reading
    spaCy attributes token by token, again for each neighbour, is the slow part)."""

    lower: list[str]
    word: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent: list[str]
    stop: list[bool]
    shape: list[str]
    sent_start: list[bool]
    children: list[list[str]]

    @classmethod
    def of(cls, doc: Doc) -> _Columns:
        # One `to_array` call instead of a pass of Token objects per attribute; the
        # strings are those the Token properties return (`lower_`, `lemma_`, ...).
        array = doc.to_array(_COLUMN_ATTRS)  # uint64: string hashes, flags, ids
        signed = array.astype(np.int64)  # HEAD (relative) and SENT_START can be negative
        lower_id, num, _, dep_id, lemma_id, pos_id, tag_id, ent_id, stop, orth_id, _ = (
            array[:, k].tolist() for k in range(len(_COLUMN_ATTRS))
        )  # fmt: skip
        rel_head, sent = signed[:, 2].tolist(), signed[:, 10].tolist()
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def text(ids: list[int]) -> list[str]:
            for h in set(ids).difference(names):
                names[h] = strings[h]
            return [names[h] for h in ids]

        lower, lemma_raw, dep = text(lower_id), text(lemma_id), text(dep_id)
        head = [i + r for i, r in enumerate(rel_head)]
        children: list[list[str]] = [[] for _ in lower]
        for i, h in enumerate(head):
            if h != i:
                children[h].append(dep[i])
        pos_names = parts_of_speech.NAMES
        return cls(
            lower=lower,
            word=["<num>" if n else w for w, n in zip(lower, num, strict=True)],
            lemma=["<num>" if n else m.lower() for m, n in zip(lemma_raw, num, strict=True)],
            pos=[pos_names[p] for p in pos_id],
            tag=text(tag_id),
            dep=dep,
            head=head,
            ent=text(ent_id),
            stop=[bool(x) for x in stop],
            shape=[_shape_of(t) for t in text(orth_id)],
            sent_start=[x > 0 for x in sent],
            children=children,
        )


#: The token attributes `_Columns.of` reads, in the order it unpacks them.
_COLUMN_ATTRS = [
    LOWER, LIKE_NUM, HEAD, DEP, LEMMA, POS, TAG, ENT_TYPE, IS_STOP, ORTH, SENT_START
]  # fmt: skip


def sentence_features(
    start: int, end: int, columns: _Columns, scores: LexiconScores, categories: Mapping[int, str]
) -> Features:
    """What the whole sentence (tokens start..end) says, shared by its tokens: how
    strong its strongest VADER word is, how subjective its words are on average
    (pattern), and whether the kit's lexicons found anything in it. They let the
    tagger tell a charged sentence from a plain report."""
    words = columns.lower[start:end]
    valences = [abs(scores.vader.get(w, 0.0)) for w in words]
    subjectivities = []
    for w in words:
        pattern = scores.pattern.get(w)
        if pattern:
            subjectivities.append((pattern.get(None) or next(iter(pattern.values())))[1])
    features: Features = {f"sent_vader_max={_bucket(max(valences, default=0.0), 1.0)}": 1.0}
    mean_subjectivity = sum(subjectivities) / len(subjectivities) if subjectivities else 0.0
    features[f"sent_subj={_bucket(mean_subjectivity, 0.25)}"] = 1.0
    features[f"sent_subjective_words={min(len(subjectivities), 4)}"] = 1.0
    if any(i in categories for i in range(start, end)):
        features["sent_kit_lexicon"] = 1.0
    return features


@functools.lru_cache(maxsize=200_000)
def _word_features(
    lower: str, word: str, lemma: str, pos: str, tag: str, shape: str, ent: str, stop: bool
) -> tuple[tuple[str, float], ...]:
    """The features that depend on the word alone (its forms, part of speech and
    lexicon scores), computed once per distinct word and reused."""
    scores = lexicon_scores()
    features: Features = {
        "bias": 1.0,
        f"w={word}": 1.0,
        f"l={lemma}": 1.0,
        f"l|p={lemma}|{pos}": 1.0,
        f"p={pos}": 1.0,
        f"t={tag}": 1.0,
        f"shape={shape}": 1.0,
        f"suf={lower[-3:]}": 1.0,
        f"suf4={lower[-4:]}": 1.0,
        f"pre={lower[:3]}": 1.0,
    }
    if ent:
        features[f"ent={ent}"] = 1.0
    if stop:
        features["stop"] = 1.0
    valence = scores.vader.get(lower, scores.vader.get(lemma))
    if valence is not None:
        features[f"vader={_bucket(valence, 1.0)}"] = 1.0
        features["vader_abs"] = abs(valence) / 4.0
    pattern = scores.pattern.get(lower) or scores.pattern.get(lemma)
    if pattern:
        polarity, subjectivity, intensity = pattern.get(None) or next(iter(pattern.values()))
        features[f"tb_pol={_bucket(polarity, 0.5)}"] = 1.0
        features[f"tb_subj={_bucket(subjectivity, 0.25)}"] = 1.0
        features["tb_subj_value"] = subjectivity
        features["tb_pol_abs"] = abs(polarity)
        if intensity != 1.0:
            features["tb_intensifier"] = 1.0
    stance = _cue_stances().get(lemma) if pos == "VERB" else None
    if stance is not None:
        features[f"kit_cue={stance}"] = 1.0
    return tuple(features.items())


def word_key(i: int, columns: _Columns) -> WordKey:
    """The arguments of `_word_features` for token `i`: what the word alone is."""
    c = columns
    return (c.lower[i], c.word[i], c.lemma[i], c.pos[i], c.tag[i], c.shape[i], c.ent[i], c.stop[i])


def word_features(key: WordKey) -> tuple[tuple[str, float], ...]:
    """The features of the word alone (cached per distinct word)."""
    return _word_features(*key)


def context_features(
    i: int,
    columns: _Columns,
    scores: LexiconScores,
    lexicon_category: str | None,
    quoted: bool,
) -> Features:
    """The features of word token `i` that depend on its place in the sentence (its
    parse, neighbours, quotation marks and the kit's lexicon match)."""
    c = columns
    n = len(c.lower)
    lemma, pos, dep, head = c.lemma[i], c.pos[i], c.dep[i], c.head[i]
    features: Features = {}
    features[f"d={dep}"] = 1.0
    features[f"d|hp={dep}|{c.pos[head]}"] = 1.0
    features[f"p|d={pos}|{dep}"] = 1.0
    if head != i:
        features[f"hl={c.lemma[head]}"] = 1.0
        features[f"hl|d={c.lemma[head]}|{dep}"] = 1.0
    for child_dep in c.children[i]:
        features[f"c={child_dep}"] = 1.0
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if 0 <= j < n:
            features[f"l{offset:+d}={c.lemma[j]}"] = 1.0
            features[f"p{offset:+d}={c.pos[j]}"] = 1.0
        else:
            features[f"l{offset:+d}=<edge>"] = 1.0
    before = c.pos[i - 1] if i > 0 else "<edge>"
    after = c.pos[i + 1] if i + 1 < n else "<edge>"
    features[f"p-1|p={before}|{pos}"] = 1.0
    features[f"p|p+1={pos}|{after}"] = 1.0
    if i > 0:
        features[f"l-1|l={c.lemma[i - 1]}|{lemma}"] = 1.0
    if i + 1 < n:
        features[f"l|l+1={lemma}|{c.lemma[i + 1]}"] = 1.0
    vader = scores.vader
    head_valence = vader.get(c.lower[head])
    if head_valence is not None and head != i:
        features[f"vader_head={_bucket(head_valence, 2.0)}"] = 1.0
    for offset in (-1, 1):
        j = i + offset
        if 0 <= j < n and c.lower[j] in vader:
            features[f"vader{offset:+d}={_bucket(vader[c.lower[j]], 2.0)}"] = 1.0
    if lexicon_category is not None:
        features[f"kit_lexicon={lexicon_category}"] = 1.0
    if quoted:
        features["in_quotes"] = 1.0
    if c.sent_start[i]:
        features["sent_start"] = 1.0
    return features


def doc_feature_parts(
    doc: Doc,
    lexicon: LoadedLexicon | None = None,
    categories: Mapping[int, str] | None = None,
) -> tuple[list[int], list[WordKey], list[Features]]:
    """(token indices, word keys, other features) of every word token of a parsed
    document: `doc_features` with the features of the word alone left as their cache
    key (`word_features(key)`), so that a scorer can weigh them once per distinct word.
    `categories` (token index → lexicon category) saves matching the lexicon again."""
    scores = lexicon_scores()
    if categories is None:
        lexicon = lexicon if lexicon is not None else default_lexicon()
        categories = lexicon_categories(doc, lexicon)
    quoted = _quoted_tokens(doc)
    columns = _Columns.of(doc)
    words = ~doc.to_array([IS_SPACE, IS_PUNCT]).any(axis=1)  # `is_word`, without Tokens
    indices, keys, rows = [], [], []
    for start, end in _sentence_bounds(columns.sent_start):
        shared = sentence_features(start, end, columns, scores, categories)
        for i in range(start, end):
            if not words[i]:
                continue
            indices.append(i)
            keys.append(word_key(i, columns))
            features = context_features(i, columns, scores, categories.get(i), i in quoted)
            features.update(shared)
            rows.append(features)
    return indices, keys, rows


def doc_features(
    doc: Doc,
    lexicon: LoadedLexicon | None = None,
    categories: Mapping[int, str] | None = None,
) -> tuple[list[int], list[Features]]:
    """(token indices, features) of every word token of a parsed document.
    `categories` (token index → lexicon category) saves matching the lexicon again."""
    indices, keys, contexts = doc_feature_parts(doc, lexicon, categories)
    rows = []
    for key, context in zip(keys, contexts, strict=True):
        features: Features = dict(word_features(key))
        features.update(context)
        rows.append(features)
    return indices, rows


def _sentence_bounds(sent_start: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each sentence from the SENT_START column (`doc.sents`)."""
    starts = [i for i, first in enumerate(sent_start) if first or i == 0]
    return list(zip(starts, [*starts[1:], len(sent_start)], strict=True))
