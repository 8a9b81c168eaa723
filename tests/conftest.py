"""Shared fixtures: one spaCy pipeline per test session, a private parse cache, and
the paths of the fixture articles and the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.actors import find_mentions, link_across_articles
from analysis.config import SEEDS_DIR
from analysis.ingest import make_article
from analysis.nlp import load_pipeline
from analysis.records import Article

TESTS_DIR = Path(__file__).resolve().parent
FIXTURES = TESTS_DIR / "data" / "articles"
SEED = SEEDS_DIR / "000_a24a2ea91177b532.txt"
SHARED_EVAL = TESTS_DIR.parent.parent / "shared" / "eval"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test session parses into its own cache folder, never ~/.cache/framing."""
    directory = tmp_path_factory.mktemp("framing-cache")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("FRAMING_CACHE_DIR", str(directory))
    yield directory
    patcher.undo()


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole session."""
    return load_pipeline()


@pytest.fixture(scope="session")
def corpus(nlp):
    """Mentions of several articles (`texts`), linked across the corpus with `aliases`."""

    def run(texts, aliases):
        found = []
        for n, text in enumerate(texts):
            article = make_article(text, article_id=f"a{n}")
            doc = nlp(article.analysis_text())
            for m in find_mentions(article, doc, aliases):
                assert article.text[m.start : m.end] == m.text
                found.append(m)
        return link_across_articles(found, aliases)

    return run


@pytest.fixture(scope="session")
def mentions_of(nlp):
    """The mentions of one article (`text`) with `aliases`, unlinked to any corpus."""

    def run(text, aliases, speaker_spans=(), article_id="t"):
        article = make_article(text, article_id=article_id)
        doc = nlp(article.analysis_text())
        found = find_mentions(article, doc, aliases, speaker_spans=speaker_spans)
        for m in found:
            assert article.text[m.start : m.end] == m.text
        return found

    return run


def of(mentions, text, article=None):
    """The first mention written exactly as `text` (in `article` where given)."""
    hits = [m for m in mentions if m.text == text and (article is None or m.article_id == article)]
    assert hits, f"no mention {text!r} in {[m.text for m in mentions]}"
    return hits[0]


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


def write_corpus(folder: Path, texts: list[str]) -> Path:
    """A folder of one plain-text article per text (`a0.txt`, `a1.txt`, ...), for the
    end-to-end tests that run the pipeline on a few sentences of their own
    (`from conftest import write_corpus`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    return folder


def assert_offsets(article: Article) -> None:
    """The offset invariant for every span an Article carries (shared by the
    ingestion and robustness tests: `from conftest import assert_offsets`)."""
    for span in article.set_aside:
        assert article.text[span.start : span.end] == span.text
    assert 0 <= article.body_start < article.body_end <= len(article.text)
    assert article.body == article.text[article.body_start : article.body_end]
    assert article.body == article.body.strip()
