"""Property-based tests over extraction: whatever the text — random Unicode, random
quotation marks and whitespace, truncated sentences — the per-article analyses raise no
exception and every span they emit indexes the article text as read."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.actors import find_mentions, load_aliases
from analysis.attribution import extract_attributions
from analysis.ingest import IngestError, make_article
from analysis.loaded import find_loaded_terms, loaded_lexicon
from analysis.sentiment import target_polarity

QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"
WHITESPACE = " \n\t\u00a0"
NEWS = [
    "Putin\u2019s spokesman Dmitry Peskov",
    " underlined that",
    " Moscow reserves the right",
    "\u201cWe simply don\u2019t know,\u201d Blinken claimed.",
    " He added",
    " according to officials",
    ", claiming that",
    " the so-called regime",
    " did not deny",
    " the fire claimed two lives.",
    "\n\n",
    ". ",
    "US officials, however, insist",
    "\u201cWe will see,\u201d he said, \u201cwhat the facts are.",
]
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(NEWS),
        st.text(alphabet=QUOTES + WHITESPACE + "abcXY .,:;-", min_size=1, max_size=12),
        st.text(max_size=10),
    ),
    min_size=1,
    max_size=14,
).map("".join)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXTS, cut=st.floats(min_value=0.3, max_value=1.0))
def test_property_extraction_never_raises_and_keeps_offsets(nlp, text, cut):
    text = text[: max(1, int(len(text) * cut))]  # random truncation
    try:
        article = make_article(text, article_id="p", detect_headline=True)
    except IngestError:
        return
    doc = nlp(article.analysis_text())
    body = range(article.body_start, article.body_end + 1)

    for a in extract_attributions(article, doc):
        assert text[a.cue_start : a.cue_end] == a.cue and a.cue_start in body
        if a.content_start is not None:
            assert text[a.content_start : a.content_end] == a.content
        if a.speaker_start is not None:
            assert a.speaker_start < a.speaker_end and a.speaker_start in body
        assert a.quote_type in ("direct", "mixed", "indirect")

    mentions = find_mentions(article, doc, load_aliases())
    for m in mentions:
        assert text[m.start : m.end] == m.text and m.start in body
        polarity = target_polarity(doc, m.start, m.end)
        assert -1.0 <= polarity.score <= 1.0

    for term in find_loaded_terms(article, doc, loaded_lexicon()):
        assert text[term.start : term.end] == term.text and term.start in body
        if term.about_start is not None:
            assert text[term.about_start : term.about_end] == term.about_text
