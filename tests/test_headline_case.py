"""Title Case headlines are parsed as sentences: the casing heuristic on its own, and
the parse put back on the original words (offsets, text and outputs unchanged)."""

from __future__ import annotations

from analysis.attribution import extract_attributions
from analysis.headline_case import headline_case
from analysis.ingest import make_article
from analysis.nlp import Parser, parse_text

ARTICLE = (
    "Hillary Clinton Slams Donald Trump On Abortion After Court Ruling\n\n"
    "Hillary Clinton on Monday criticized Donald Trump over abortion after the ruling. "
    "Trump said the ruling was wrong, and the court said little."
)


def test_common_words_of_a_title_case_line_take_the_articles_case():
    cased = headline_case(ARTICLE)
    assert len(cased) == len(ARTICLE)
    assert cased.split("\n")[0] == (
        "Hillary Clinton slams Donald Trump on abortion after court ruling"
    )
    assert cased.split("\n", 1)[1] == ARTICLE.split("\n", 1)[1]  # the body untouched


def test_names_acronyms_and_the_first_word_keep_their_capitals():
    text = (
        "Senate Passes Bill As May And McConnell Meet In The U.S. Capitol\n\n"
        "The senators met Theresa May. May said the bill may pass; McConnell agreed. "
        "The Senate voted in the Capitol."
    )
    head = headline_case(text).split("\n")[0]
    # "May" is capitalised in the article as often as it is written small: a name
    assert head == "Senate passes bill as May and McConnell meet in the U.S. Capitol"


def test_sentence_case_lines_and_prose_are_left_alone():
    prose = (
        "Russia alleges key US role in Kremlin drone attack\n\n"
        "Putin's spokesman Dmitry Peskov said Moscow knew of the plan."
    )
    assert headline_case(prose) == prose
    short = "Breaking News\n\nThe mayor said yes."
    assert headline_case(short) == short  # too few words to tell


def test_the_parse_of_a_headline_finds_its_verb_on_the_original_words(nlp):
    before = nlp(ARTICLE)
    assert before[2].text == "Slams" and before[2].pos_ != "VERB"  # what the pipeline does
    doc = parse_text(ARTICLE, nlp)
    assert doc.text == ARTICLE
    slams = doc[2]
    assert (slams.text, slams.pos_, slams.dep_, slams.lemma_) == ("Slams", "VERB", "ROOT", "slam")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"][:2] == [
        "Hillary Clinton",
        "Donald Trump",
    ]
    assert doc.tensor.shape == (len(doc), 96)
    assert [s.text[:8] for s in doc.sents] == ["Hillary ", "Hillary ", "Trump sa"]


def test_a_headline_cue_is_an_attribution_written_as_in_the_article(nlp, tmp_path):
    article = make_article(ARTICLE, article_id="h")
    (parsed,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    (cached,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    assert cached.from_cache and cached.doc.to_json() == parsed.doc.to_json()
    rows = extract_attributions(article, parsed.doc)
    head = [r for r in rows if r.cue_start < ARTICLE.index("\n")]
    assert [(r.cue, r.speaker) for r in head] == [("Slams", "Hillary Clinton")]
    assert head[0].content.startswith("Donald Trump On Abortion")


def test_a_recomputed_tensor_is_the_cold_one(nlp, tmp_path):
    """A cache entry whose vectors are lost gets them recomputed on the words the parser
    read (the headline with the article's capitals), so a warm run sees the cold run's
    vectors."""
    import numpy as np

    from analysis.nlp import DocCache

    article = make_article(ARTICLE, article_id="h")
    (cold,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    cache = DocCache(nlp, tmp_path)
    DocCache.tensor_path(cache.path(article.analysis_text())).unlink()
    (warm,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    assert warm.from_cache
    expected = cold.doc.tensor.astype(np.float16).astype(np.float32)
    assert np.allclose(warm.doc.tensor, expected, atol=1e-2)
    assert not np.allclose(nlp(ARTICLE).tensor[:3], expected[:3], atol=1e-2)
