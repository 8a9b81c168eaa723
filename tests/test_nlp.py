"""The spaCy pipeline: chosen in one place, loaded once, parses with offsets into the
text as read, and caches parses on disk."""

from __future__ import annotations

import pytest

from analysis import nlp as nlp_module
from analysis.ingest import make_article, read_articles
from analysis.nlp import (
    FALLBACK_MODEL,
    DocCache,
    ModelNotFound,
    Parser,
    default_model_name,
    load_pipeline,
    model_info,
    sentence_spans,
)


def test_model_choice_env_overrides_default(monkeypatch):
    monkeypatch.delenv("FRAMING_SPACY_MODEL", raising=False)
    assert default_model_name() in ("en_core_web_sm", FALLBACK_MODEL)
    monkeypatch.setenv("FRAMING_SPACY_MODEL", "my_pipeline")
    assert default_model_name() == "my_pipeline"


def test_fallback_model_when_official_is_missing(monkeypatch):
    monkeypatch.delenv("FRAMING_SPACY_MODEL", raising=False)
    monkeypatch.setattr(nlp_module.importlib.util, "find_spec", lambda name: None)
    assert default_model_name() == FALLBACK_MODEL


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="no_such_pipeline"):
        load_pipeline("no_such_pipeline")


def test_pipeline_is_loaded_once(nlp):
    assert load_pipeline() is nlp
    info = model_info(nlp)
    assert info["name"].startswith("en_core_web_sm") and info["version"].startswith("3.8")
    assert "framing_paragraphs" in nlp.pipe_names


def test_paragraph_break_starts_a_sentence(nlp):
    doc = nlp("Port Alder strike latest\n\nDock workers walked out on Monday.")
    sentences = [doc.text[s:e] for s, e in sentence_spans(doc)]
    assert sentences == ["Port Alder strike latest", "Dock workers walked out on Monday."]


def test_parse_offsets_index_the_text_as_read(nlp, seed_path, tmp_path):
    (article,), _ = read_articles([seed_path])
    (parsed,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    assert len(parsed.doc.text) == len(article.text)
    words = [t for t in parsed.doc if not t.is_space]
    for token in words:
        assert article.text[token.idx : token.idx + len(token.text)] == token.text
        assert article.body_start <= token.idx < article.body_end
    sentences = sentence_spans(parsed.doc)
    assert article.text[slice(*sentences[0])].startswith("Russia has blamed the US")
    assert article.text[slice(*sentences[-1])].endswith("southeast of the capital.")
    assert not any("Leave a Reply" in t.text or "Iraqi" == t.text for t in words)


def test_second_run_parses_nothing(nlp, tmp_path, fixtures_dir):
    articles, _ = read_articles([fixtures_dir])
    first = Parser(nlp, cache_directory=tmp_path, batch_size=2)
    docs_first = [p.doc.to_json() for p in first.parse(articles)]
    assert first.stats.parsed == len(articles) and first.stats.cached == 0

    second = Parser(nlp, cache_directory=tmp_path, batch_size=2)
    parsed = list(second.parse(articles))
    assert second.stats.parsed == 0 and second.stats.cached == len(articles)
    assert all(p.from_cache for p in parsed)
    assert [p.article.id for p in parsed] == [a.id for a in articles]
    assert [p.doc.to_json() for p in parsed] == docs_first


def test_changed_text_is_parsed_again(nlp, tmp_path):
    parser = Parser(nlp, cache_directory=tmp_path)
    list(parser.parse([make_article("The mayor said yes.", article_id="a")]))
    list(parser.parse([make_article("The mayor said no.", article_id="a")]))
    assert parser.stats.parsed == 2


def test_no_cache_neither_reads_nor_writes(nlp, tmp_path):
    article = make_article("The mayor said yes.", article_id="a")
    parser = Parser(nlp, use_cache=False, cache_directory=tmp_path)
    list(parser.parse([article]))
    list(parser.parse([article]))
    assert parser.stats.parsed == 2 and not any(tmp_path.iterdir())


def test_corrupt_cache_entry_is_rebuilt(nlp, tmp_path):
    article = make_article("The mayor said yes.", article_id="a")
    cache = DocCache(nlp, tmp_path)
    list(Parser(nlp, cache_directory=tmp_path).parse([article]))
    entry = cache.path(article.analysis_text())
    entry.write_bytes(b"not a docbin")
    parser = Parser(nlp, cache_directory=tmp_path)
    (parsed,) = parser.parse([article])
    assert parser.stats.parsed == 1 and parsed.doc.text == article.text
    assert cache.get(article.analysis_text()) is not None  # rewritten


def test_cache_key_depends_on_pipeline_version(nlp, tmp_path, monkeypatch):
    before = DocCache(nlp, tmp_path).key("text")
    monkeypatch.setattr(nlp_module, "PIPELINE_VERSION", "999")
    assert DocCache(nlp, tmp_path).key("text") != before


def test_an_article_the_parser_rejects_is_a_problem_not_a_crash(nlp, tmp_path, monkeypatch):
    articles = [
        make_article(f"The mayor said {word}.", article_id=word)
        for word in ("yes", "that it would take much longer", "no")
    ]
    monkeypatch.setattr(nlp, "max_length", len(articles[1].text) - 1)
    parser = Parser(nlp, cache_directory=tmp_path)
    items = list(parser.parse(articles))
    assert [type(i).__name__ for i in items] == ["ParsedArticle", "Problem", "ParsedArticle"], items
    assert "too long for the parser" in items[1].reason and items[1].stage == "parse"


def test_cached_doc_keeps_its_token_vectors(nlp, tmp_path):
    """doc.tensor (read by the loaded-word tagger) survives the cache: a warm run sees
    the cold run's vectors, rounded to float16, and an entry written without them gets
    them recomputed rather than going without."""
    import numpy as np

    article = make_article("The radical mob slammed the bizarre plan.", article_id="a")
    (cold,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    assert cold.doc.tensor.shape == (len(cold.doc), 96)
    expected = cold.doc.tensor.astype(np.float16).astype(np.float32)
    (warm,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    assert warm.from_cache
    assert np.array_equal(warm.doc.tensor, expected)

    cache = DocCache(nlp, tmp_path)
    entry = cache.path(article.analysis_text())
    DocCache.tensor_path(entry).unlink()
    again = cache.get(article.analysis_text())
    assert again is not None and np.array_equal(again.tensor, expected)
    assert DocCache.tensor_path(entry).is_file()


def test_a_quotation_mark_glued_to_words_is_split(nlp):
    """'Ryan said,“Look, ...”' (web copy that lost its spaces): "said", the comma and
    the opening mark are tokens of their own, so the parser sees the verb and its
    quote; offsets still index the text as written."""
    text = "Ryan said,“Look, they have no place here.” Then he left."
    doc = nlp(text)
    words = [t.text for t in doc]
    assert words[:5] == ["Ryan", "said", ",", "“", "Look"]
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert [t.text for t in nlp("He is 5'10\" tall.")][:3] == ["He", "is", "5'10"]
