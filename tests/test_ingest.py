"""Ingestion: every input format, headline detection, the boilerplate cut, problems
reported without stopping the run, and offsets that index the text as read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_offsets

from analysis.ingest import iter_articles, make_article, read_articles, read_file
from analysis.records import Article, Problem


def _one(path: Path) -> Article:
    items = list(read_file(path))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# --------------------------------------------------------------------------- the seed


def test_seed_headline_and_boilerplate_are_set_aside(seed_path):
    article = _one(seed_path)
    assert article.id == "000_a24a2ea91177b532"
    assert article.text == seed_path.read_text(encoding="utf-8")
    assert article.title == "Russia alleges key US role in Kremlin drone attack"
    assert article.body.startswith("Russia has blamed the US")
    assert article.body.endswith("southeast of the capital.")
    for tail_word in ("Check Also", "Iraqi", "Leave a Reply", "email address"):
        assert tail_word not in article.body
    kinds = [s.kind for s in article.set_aside]
    assert kinds == ["headline", "boilerplate"]
    tail = article.set_aside[1]
    assert tail.text.startswith("Check Also") and tail.end == len(article.text)
    assert "Check Also" in tail.reason
    assert_offsets(article)


def test_analysis_text_blanks_everything_outside_the_body(seed_path):
    article = _one(seed_path)
    masked = article.analysis_text()
    assert len(masked) == len(article.text)
    assert masked[article.body_start : article.body_end] == article.body
    outside = masked[: article.body_start] + masked[article.body_end :]
    assert outside.strip() == ""
    assert outside.count("\n") == (
        article.text[: article.body_start] + article.text[article.body_end :]
    ).count("\n")


# --------------------------------------------------------------------------- .txt


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Dockers walk out\n\nDock workers walked out on Monday.", "Dockers walk out"),
        ("  \n\nDockers walk out  \n \nBody text here.", "Dockers walk out"),
        ("Is the port safe?\n\nInspectors said it was.", "Is the port safe?"),
        # A first paragraph that ends like a sentence is body, not headline.
        ("Dock workers walked out.\n\nThe port closed.", None),
        # No blank line after it: not a headline.
        ("Dockers walk out\nDock workers walked out on Monday.", None),
        # Too long to be a headline.
        (" ".join(["word"] * 40) + "\n\nBody.", None),
    ],
)
def test_txt_headline_detection(tmp_path, text, headline):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    article = _one(path)
    assert article.title == headline
    if headline:
        assert article.set_aside[0].kind == "headline"
        assert headline not in article.body
    else:
        assert article.body_start == len(text) - len(text.lstrip())
    assert_offsets(article)


def test_txt_fixture_cuts_share_and_related_lines(fixtures_dir):
    article = _one(fixtures_dir / "harbour-strike.txt")
    assert article.title == "Dockers walk out at Port Alder"
    assert article.body.endswith("ships would be diverted to Lindham.")
    assert "Share this" not in article.body and "ferry fares" not in article.body
    assert_offsets(article)


def test_marker_words_inside_the_body_do_not_cut(tmp_path):
    text = (
        "Council votes\n\nThe council said comments were welcome.\n\n"
        "Related reports appear below, the clerk said.\n\nThe vote passed."
    )
    path = tmp_path / "council.txt"
    path.write_text(text, encoding="utf-8")
    article = _one(path)
    assert article.body.endswith("The vote passed.")
    assert [s.kind for s in article.set_aside] == ["headline"]


def test_a_marker_on_the_first_line_is_not_a_tail():
    article = make_article("Comments\n\nThe minister said the plan would work.", article_id="x")
    assert "minister" in article.body


def test_crlf_offsets_index_the_text_as_read(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"Port closes\r\n\r\nThe port closed on Friday.\r\n\r\nLeave a Reply\r\n")
    article = _one(path)
    assert article.text == path.read_text(encoding="utf-8")
    assert article.body == "The port closed on Friday."
    assert_offsets(article)


# --------------------------------------------------------------------------- records


def test_jsonl_good_lines_are_read_and_bad_lines_reported(fixtures_dir):
    path = fixtures_dir / "council.jsonl"
    items = list(read_file(path))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [a.id for a in articles] == ["council-1", "council:2"]
    first = articles[0]
    assert (first.title, first.outlet, first.date) == (
        "Council approves budget",
        "Alder Post",
        "2026-03-02",
    )
    assert first.url == "https://example.org/council-1"
    assert first.metadata["section"] == "local"
    assert first.text == json.loads(path.read_text(encoding="utf-8").split("\n")[0])["text"]
    assert first.body == first.text  # a record's title is not inside its text
    assert {p.line for p in problems} == {3, 4}
    assert any("not valid JSON" in p.reason for p in problems)
    assert any("no text" in p.reason for p in problems)


def test_csv_reads_quoted_multiline_cells(fixtures_dir):
    articles, problems = read_articles([fixtures_dir / "letters.csv"])
    assert problems == []
    assert [a.id for a in articles] == ["letter-1", "letter-2"]
    assert articles[0].text == (
        'The budget, a reader wrote, "ignores the harbour".\n\nShe added that fares were too high.'
    )
    assert articles[0].outlet == "Alder Post"


def test_csv_without_text_column_is_a_clear_problem(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,headline\n1,Nothing\n", encoding="utf-8")
    (problem,) = list(read_file(path))
    assert isinstance(problem, Problem)
    assert "no 'text' column" in problem.reason and "headline" in problem.reason


def test_csv_record_ids_default_to_stem_and_line(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text('title,text\nA,"one\ntwo"\nB,three\n', encoding="utf-8")
    articles, _ = read_articles([path])
    assert [a.id for a in articles] == ["feed:2", "feed:4"]


# --------------------------------------------------------------------------- html


def test_html_is_extracted_offline_with_metadata(fixtures_dir):
    article = _one(fixtures_dir / "ferry.html")
    assert article.id == "ferry"
    assert article.format == "html"
    assert article.title == "Ferry service resumes after storm"
    assert article.outlet == "Alder Voice"
    assert article.date == "2026-03-05"
    assert article.body.startswith("The ferry between Port Alder")
    assert "Ines Vidal" in article.body
    assert "Leave a Reply" not in article.body and "Home" not in article.body
    assert "\n\n" in article.body  # paragraphs are separated by blank lines
    assert_offsets(article)


def test_html_without_article_text_is_a_problem(tmp_path):
    path = tmp_path / "empty-page.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (problem,) = list(read_file(path))
    assert isinstance(problem, Problem) and "no article text" in problem.reason


# --------------------------------------------------------------------------- folders, problems


def test_folder_walk_reads_every_format_and_skips_other_files(fixtures_dir):
    articles, problems = read_articles([fixtures_dir])
    formats = {a.format for a in articles}
    assert formats == {"txt", "jsonl", "csv", "html"}
    assert all(not a.source_path.endswith("README.md") for a in articles)
    assert all(not p.source_path.endswith("README.md") for p in problems)
    for article in articles:
        assert_offsets(article)


def test_unsupported_file_named_explicitly_is_a_problem(fixtures_dir):
    (problem,) = list(iter_articles([fixtures_dir / "README.md"]))
    assert isinstance(problem, Problem) and "unsupported file type" in problem.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "only whitespace"),
        (b"Headline only\n\n", "only a headline"),
        (b"caf\xe9 au lait\n", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ],
)
def test_unreadable_text_files_are_problems(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (problem,) = list(read_file(path))
    assert isinstance(problem, Problem)
    assert reason in problem.reason


def test_one_bad_file_does_not_stop_the_rest(tmp_path, fixtures_dir):
    (tmp_path / "a-bad.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "b-good.txt").write_text("Fine\n\nThe mayor said it was fine.", encoding="utf-8")
    articles, problems = read_articles([tmp_path, fixtures_dir / "harbour-strike.txt"])
    assert [a.id for a in articles] == ["b-good", "harbour-strike"]
    assert len(problems) == 1 and problems[0].source_path.endswith("a-bad.txt")


def test_duplicate_ids_are_reported_not_merged(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(
            f"Story\n\nText from {folder}.", encoding="utf-8"
        )
    articles, problems = read_articles([tmp_path])
    assert [a.body for a in articles] == ["Text from one."]
    assert len(problems) == 1 and "duplicate article id 'story'" in problems[0].reason


# --------------------------------------------------------------------------- robustness
# (the full bad-input corpus and the property tests are in test_robustness.py)


def test_csv_with_only_a_header_is_a_problem(tmp_path):
    path = tmp_path / "empty-feed.csv"
    path.write_text("id,text\n", encoding="utf-8")
    (problem,) = list(read_file(path))
    assert isinstance(problem, Problem) and "no articles" in problem.reason


def test_jsonl_problems_name_the_line_and_column(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "The quay reopened."}\n{"text": \n', encoding="utf-8")
    articles, problems = read_articles([path])
    assert len(articles) == 1
    assert problems[0].line == 2 and "line 2 is not valid JSON" in problems[0].reason
    assert "column" in problems[0].reason


def test_records_are_read_under_the_field_names_common_exports_use(tmp_path):
    """PolNeAR's `publisher`/`publication_date`/`doc_id`, news-please's `maintext`,
    NewsAPI's `source` object and `publishedAt`; a record's own field wins, and a field
    read under another name is not repeated in the metadata."""
    records = [
        {"doc_id": "p1", "publisher": "breitbart", "publication_date": "2016-09-12",
         "title": "Stealth", "text": "The quay reopened on Monday.", "author": "Staff"},
        {"maintext": "The bridge closed on Friday.", "source": {"id": None, "name": "BBC"},
         "publishedAt": "2020-01-02T10:00:00Z", "link": "https://example.org/b"},
        {"id": "own", "doc_id": "other", "outlet": "Courier", "publisher": "Nobody",
         "text": "The mill shut."},
    ]  # fmt: skip
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (polnear, newsapi, own), problems = read_articles([path])
    assert problems == []
    assert (polnear.id, polnear.outlet, polnear.date) == ("p1", "breitbart", "2016-09-12")
    assert polnear.metadata.get("author") == "Staff" and "publisher" not in polnear.metadata
    assert (newsapi.outlet, newsapi.date, newsapi.url) == (
        "BBC",
        "2020-01-02T10:00:00Z",
        "https://example.org/b",
    )
    assert newsapi.body == "The bridge closed on Friday."
    assert (own.id, own.outlet) == ("own", "Courier")
    assert own.metadata.get("publisher") == "Nobody"  # not read: kept as metadata


def test_a_csv_with_a_body_column_is_read(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("stories_id,media_name,body\n7,Courier,The mill shut.\n", encoding="utf-8")
    (article,), problems = read_articles([path])
    assert (article.id, article.outlet, article.body, problems) == (
        "7",
        "Courier",
        "The mill shut.",
        [],
    )


def test_folder_walk_skips_hidden_files_and_folders(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "story.txt").write_text("Hidden\n\nNot an article.", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("Draft\n\nNot an article either.", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two\n\nThe second story.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("One\n\nThe first story.", encoding="utf-8")
    articles, problems = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a", "two"] and problems == []


def test_input_files_are_opened_read_only(tmp_path, fixtures_dir, monkeypatch):
    import builtins
    import io

    modes = []
    real_open = io.open

    def spy(file, mode="r", *args, **kwargs):
        modes.append(mode)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    articles, _ = read_articles([fixtures_dir])
    assert articles and modes
    assert all(set(mode) <= {"r", "b", "t"} for mode in modes), modes
