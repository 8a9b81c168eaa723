"""Robustness of ingestion: every kind of bad input becomes a clear problem and the run
goes on; encodings, sizes and languages are handled as documented; nothing touches the
network; and property-based tests over random text keep the offset invariant."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import assert_offsets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import ingest
from analysis.cli import main
from analysis.ingest import (
    MAX_ARTICLE_CHARS,
    MAX_TEXT_FILE_BYTES,
    IngestError,
    decode_text,
    detect_language,
    make_article,
    read_articles,
    read_file,
)
from analysis.nlp import Parser
from analysis.outputs import read_csv
from analysis.records import Article, Problem

BAD_INPUTS = Path(__file__).resolve().parent / "data" / "bad_inputs"


def _items(path: Path, **options) -> tuple[list[Article], list[Problem]]:
    items = list(read_file(path, **options))
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, Problem)],
    )


def _problem(path: Path) -> Problem:
    articles, problems = _items(path)
    assert articles == [] and len(problems) == 1, (articles, problems)
    return problems[0]


# --------------------------------------------------------------------------- encodings

CP1252_TEXT = (
    "Caf\u00e9 owners return\n\nThe caf\u00e9 owners said the \u201cworst of the storm\u201d "
    "had passed. \u201cWe will reopen on Friday,\u201d said Ren\u00e9e Marchal.\r\n"
    "The council\u2019s spokesman said repairs would cost \u00a340,000.\n"
)


def test_windows_1252_text_is_decoded_and_the_encoding_recorded(tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    articles, problems = _items(path)
    assert problems == []
    (article,) = articles
    assert article.metadata["encoding"] == "cp1252"
    # The text as read: decoded with the detected encoding, universal newlines.
    assert article.text == path.read_text(encoding="cp1252")
    assert "\r" not in article.text and "Ren\u00e9e" in article.body
    assert article.title == "Caf\u00e9 owners return"
    assert_offsets(article)


def test_utf8_text_has_no_encoding_metadata(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Quay\n\nThe quay reopened on Monday, the harbour master said.\n")
    (article,), _ = _items(path)
    assert "encoding" not in article.metadata


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, codec):
    path = tmp_path / "wide.txt"
    path.write_bytes("Quay\n\nThe quay reopened on Monday, she said.\r\n".encode(codec))
    (article,), problems = _items(path)
    assert problems == [] and article.metadata["encoding"] == codec
    assert article.text == path.read_text(encoding=codec)
    assert article.body == "The quay reopened on Monday, she said."


def test_utf8_byte_order_mark_stays_in_the_text_as_read(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfQuay\n\nThe quay reopened.\n")
    (article,), _ = _items(path)
    assert article.text == path.read_text(encoding="utf-8")
    assert article.text.startswith("\ufeff") and article.title == "Quay"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"caf\xe9 au lait\n", "could not be detected with confidence"),
        (bytes(range(1, 32)) * 20, "binary file"),
        (b"\xff\xfe\x00\xd8", "not valid UTF-16"),  # a lone surrogate after the mark
        (b"\x00\x01\x02\x03hello", "binary file"),
    ],
)
def test_undecodable_bytes_are_refused_with_the_reason(raw, reason):
    with pytest.raises(IngestError, match=reason):
        decode_text(raw)


def test_jsonl_in_windows_1252_is_read_with_the_encoding_recorded(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": CP1252_TEXT}, ensure_ascii=False) for i in range(2)]
    path.write_bytes("\n".join(lines).encode("cp1252"))
    articles, problems = _items(path)
    assert problems == [] and [a.id for a in articles] == ["r0", "r1"]
    assert articles[0].metadata["encoding"] == "cp1252"
    assert articles[0].text == CP1252_TEXT  # JSON escapes its \\r\\n: kept


def test_csv_with_a_utf8_byte_order_mark_finds_its_columns(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfid,text\nx1,The quay reopened.\n")
    (article,), problems = _items(path)
    assert problems == [] and article.id == "x1"


# --------------------------------------------------------------------------- sizes


def test_a_txt_file_over_the_byte_cap_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(MAX_TEXT_FILE_BYTES + 1)  # sparse: no need to write 4 MB
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: pytest.fail("a huge file must not be read")
    )
    problem = _problem(path)
    assert "too long for one article" in problem.reason
    assert f"{MAX_ARTICLE_CHARS:,} characters" in problem.reason


def test_an_article_over_the_character_cap_is_a_problem_not_truncated(tmp_path):
    with pytest.raises(IngestError, match="too long for one article"):
        make_article("word " * (MAX_ARTICLE_CHARS // 5 + 1), article_id="big")
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "big", "text": "a" * (MAX_ARTICLE_CHARS + 1)})
        + "\n"
        + json.dumps({"id": "small", "text": "The quay reopened."})
        + "\n"
    )
    articles, problems = _items(path)
    assert [a.id for a in articles] == ["small"]
    assert problems[0].line == 1 and "too long" in problems[0].reason


def test_records_are_streamed_not_read_whole(tmp_path, monkeypatch):
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(json.dumps({"text": "The quay reopened, she said."}) + "\n")
    table = tmp_path / "feed.csv"
    table.write_text("text\nThe quay reopened.\n")
    for name in ("read_bytes", "read_text"):
        monkeypatch.setattr(Path, name, lambda self, *a, **k: pytest.fail("read whole"))
    assert len(_items(jsonl)[0]) == 1 and len(_items(table)[0]) == 1


def test_an_overlong_jsonl_line_is_skipped_and_the_next_read(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_RECORD_LINE_CHARS", 200)
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "long", "text": "x" * 5000})
        + "\n"
        + json.dumps({"id": "after", "text": "The quay reopened."})
        + "\n"
    )
    articles, problems = _items(path)
    assert [a.id for a in articles] == ["after"] and articles[0].metadata["line"] == 2
    assert problems[0].line == 1 and "longer than 200 characters" in problems[0].reason


def test_a_long_csv_cell_is_read(tmp_path):
    text = "The harbour said " + "and so on " * 20_000  # over csv's default 131,072
    path = tmp_path / "long.csv"
    pd.DataFrame({"id": ["long"], "text": [text]}).to_csv(path, index=False)
    (article,), problems = _items(path)
    assert problems == [] and article.text == text


# --------------------------------------------------------------------------- quotes, csv


def test_an_unclosed_csv_quote_is_reported_and_does_not_swallow_silently(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(
        'id,text\na,"Fine, ""quoted"" text."\nb,"Never closed\nc,Swallowed row.\n'
        'd,"Also swallowed."\n'
    )
    articles, problems = _items(path)
    assert [a.id for a in articles] == ["a"]
    assert problems[0].line == 3 and "never closed" in problems[0].reason


def test_a_quote_inside_an_unquoted_csv_cell_is_text(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text('id,text\na,He said "hi there\nb,Next row.\n')
    articles, problems = _items(path)
    assert problems == [] and articles[0].text == 'He said "hi there'


def test_unbalanced_quotation_marks_in_text_are_read_as_they_are():
    text = 'Port\n\n\u201cThe fares will rise, he said. "Nobody \u2018likes\u201d it.\n'
    article = make_article(text, article_id="q", detect_headline=True)
    assert article.body == text.split("\n\n", 1)[1].strip()
    assert_offsets(article)


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Der Hafen von Port Alder ist nach dem Sturm wieder geöffnet worden, "
            "teilte die Stadtverwaltung am Dienstag mit.",
            "de",
        ),
        (
            "Le port a rouvert mardi après la tempête, a déclaré la mairie, et les "
            "ferries reprendront vendredi.",
            "fr",
        ),
        ("Порт снова открыт после шторма, сообщили в мэрии.", "ru"),
        ("港口在风暴后重新开放。", "zh"),  # short, but not in the Latin script
    ],
)
def test_other_languages_are_reported(tmp_path, text, language):
    path = tmp_path / "foreign.txt"
    path.write_text(text, encoding="utf-8")
    problem = _problem(path)
    assert f"not English (detected: {language}" in problem.reason
    assert "--any-language" in problem.reason


@pytest.mark.parametrize(
    "text",
    [
        "Fine.",
        "Café au lait, she said.",  # short and French-looking: too short to judge
        "Ines Vidal said so.",
        "The mayor said it was fine.",
        "The Bundestag's Ausschuss met on Monday, a spokesman for the committee said.",
        "12 345 678",
    ],
)
def test_short_or_english_texts_are_not_rejected(text):
    assert detect_language(text).english


def test_other_languages_can_be_allowed_and_are_recorded():
    path = BAD_INPUTS / "german.txt"
    (article,), problems = _items(path, allow_other_languages=True)
    assert problems == [] and article.metadata["detected_language"] == "de"
    articles, problems = read_articles([path], allow_other_languages=True)
    assert len(articles) == 1 and problems == []


def test_language_problems_of_records_carry_their_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "The quay reopened on Monday, the harbour master said."})
        + "\n"
        + json.dumps({"text": (BAD_INPUTS / "german.txt").read_text(encoding="utf-8")})
        + "\n",
        encoding="utf-8",
    )
    articles, problems = _items(path)
    assert len(articles) == 1 and problems[0].line == 2
    assert problems[0].reason.startswith("line 2: not English (detected: de")


# --------------------------------------------------------------------------- unreadable


def test_a_file_that_cannot_be_read_is_a_problem(tmp_path, monkeypatch):
    (tmp_path / "locked.txt").write_text("Quay\n\nThe quay reopened.\n")
    (tmp_path / "open.txt").write_text("Quay\n\nThe quay reopened, she said.\n")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, problems = read_articles([tmp_path])
    assert [a.id for a in articles] == ["open"]
    assert problems[0].source_path.endswith("locked.txt")
    assert problems[0].reason == "cannot read the file: Permission denied"


def test_a_folder_that_cannot_be_listed_is_a_problem(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text("Quay\n\nThe quay reopened.\n")
    (tmp_path / "open.txt").write_text("Quay\n\nThe quay reopened, she said.\n")
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, problems = read_articles([tmp_path])
    assert [a.id for a in articles] == ["open"]
    assert problems[0].source_path.endswith("locked")
    assert problems[0].reason == "cannot read the folder: Permission denied"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their permissions (the monkeypatched tests cover it)",
)
def test_real_permission_denied(tmp_path):  # pragma: no cover - only as a normal user
    path = tmp_path / "locked.txt"
    path.write_text("Quay\n\nThe quay reopened.\n")
    path.chmod(0)
    try:
        problem = _problem(path)
        assert "Permission denied" in problem.reason
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- network


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("analysis tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_ingestion_never_opens_a_connection(no_network, fixtures_dir):
    (article,), problems = _items(fixtures_dir / "ferry.html")
    assert problems == [] and article.body.startswith("The ferry between Port Alder")
    assert article.url  # the page names its URL; nothing is fetched from it


# --------------------------------------------------------------------------- end to end

#: What each bad file of tests/data/bad_inputs must produce in errors.csv.
EXPECTED_ERRORS = {
    ("empty.txt", None): "empty file",
    ("binary-image.txt", None): "binary file",
    ("undetectable-encoding.txt", None): "not UTF-8 text",
    ("no-article.html", None): "no article text",
    ("german.txt", None): "not English (detected: de",
    ("malformed-lines.jsonl", 2): "line 2 is not valid JSON",
    ("malformed-lines.jsonl", 3): "line 3 is not valid JSON",
    ("no-text-column.csv", None): "no 'text' column",
    ("unclosed-quote.csv", 3): "never closed",
    ("huge.txt", None): "too long for one article",
    ("locked.txt", None): "cannot read the file: Permission denied",
}
EXPECTED_ARTICLES = {
    "good-article",
    "long-sentence",
    "unbalanced-quotes",
    "windows-1252",
    "quay-1",
    "quay-4",
    "ok-row",
    "extra-good",
}


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_bad_input_corpus_end_to_end(tmp_path, monkeypatch, capsys, no_network):
    extra = tmp_path / "extra"
    extra.mkdir()
    with (extra / "huge.txt").open("wb") as out:
        out.truncate(MAX_TEXT_FILE_BYTES + 10)
    (extra / "locked.txt").write_text("Quay\n\nThe quay reopened.\n")
    (extra / "extra-good.txt").write_text(
        "Cranes repaired\n\nThe port authority said on Thursday that both cranes worked again.\n"
    )
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    before = _snapshot(BAD_INPUTS)
    out = tmp_path / "out"

    status = main(["analyze", str(BAD_INPUTS), str(extra), "--out", str(out), "--quiet"])

    captured = capsys.readouterr()
    assert status == 3
    assert "Traceback" not in captured.err and "Traceback" not in captured.out
    assert _snapshot(BAD_INPUTS) == before  # inputs never modified

    errors = read_csv(out / "errors.csv", keep_default_na=False)
    found = {}
    for row in errors.itertuples():
        line = int(row.line) if row.line != "" else None
        found[(Path(row.source_path).name, line)] = row.reason
    assert set(found) == set(EXPECTED_ERRORS), found
    for key, reason in EXPECTED_ERRORS.items():
        assert reason in found[key], (key, found[key])
    assert all(stage == "ingest" for stage in errors["stage"])

    articles = read_csv(out / "articles.csv", keep_default_na=False)
    assert set(articles["article_id"]) == EXPECTED_ARTICLES
    assert (articles["sentences"] > 0).all()
    by_id = {row.article_id: row for row in articles.itertuples()}
    assert json.loads(by_id["windows-1252"].metadata)["encoding"] == "cp1252"
    assert by_id["long-sentence"].tokens > 1400


# --------------------------------------------------------------------------- properties

QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`"
WHITESPACE = " \t\n\r\x0b\x0c\u00a0\u2028\u2029\u3000\ufeff"
PIECES = st.one_of(
    st.text(min_size=0, max_size=40),
    st.sampled_from(
        ["The mayor said", " it was fine.", "Check Also", "Leave a Reply", "\n\n", "said:"]
    ),
    st.text(alphabet=QUOTES + WHITESPACE, min_size=1, max_size=8),
)
TEXTS = st.lists(PIECES, max_size=12).map("".join)
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(text=TEXTS, headline=st.booleans())
def test_property_make_article_keeps_the_offset_invariant(text, headline):
    try:
        article = make_article(text, article_id="p", detect_headline=headline)
    except IngestError:
        # Only blank texts (a byte-order mark counts as blank) or headline-only ones fail.
        assert not text.replace("\ufeff", "").strip() or headline
        return
    assert article.text == text
    assert_offsets(article)
    assert len(article.analysis_text()) == len(text)


@PROPERTY
@given(raw=st.binary(max_size=300))
def test_property_decode_text_reads_as_read_text_or_refuses(raw):
    try:
        text, encoding = decode_text(raw)
    except IngestError as error:
        assert str(error)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.txt"
        path.write_bytes(raw)
        assert text == path.read_text(encoding=encoding)


@PROPERTY
@given(
    text=TEXTS,
    fmt=st.sampled_from(["txt", "jsonl", "csv", "html"]),
    cut=st.floats(min_value=0.0, max_value=1.0),
    codec=st.sampled_from(["utf-8", "utf-8", "cp1252", "utf-16"]),
)
def test_property_read_file_never_raises_and_keeps_offsets(text, fmt, cut, codec):
    if fmt == "txt":
        content = text
    elif fmt == "jsonl":
        content = json.dumps({"text": text}) + "\n" + json.dumps({"text": text[::-1]})
    elif fmt == "csv":
        content = pd.DataFrame({"text": [text, text + "."]}).to_csv(index=False)
    else:
        content = f"<html><body><article><p>{text}</p></article></body></html>"
    raw = content.encode(codec, errors="replace")
    raw = raw[: int(len(raw) * cut)] if cut < 0.9 else raw  # random truncation
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random.{fmt}"
        path.write_bytes(raw)
        items = list(read_file(path))  # no exception may escape
    assert items
    for item in items:
        if isinstance(item, Problem):
            assert item.reason
        else:
            assert_offsets(item)


PROSE = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "The mayor said",
                " the port would reopen",
                ".",
                ", ",
                "\u201cWe will,\u201d she said.",
                "\n\n",
                " ",
                "Ines Vidal",
                "\u2014",
                "Check Also",
            ]
        ),
        st.text(alphabet=QUOTES + WHITESPACE + "abc .,;", min_size=1, max_size=10),
        st.text(max_size=12),
    ),
    min_size=1,
    max_size=15,
).map("".join)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=PROSE)
def test_property_parsed_token_offsets_index_the_article_text(nlp, tmp_path, text):
    try:
        article = make_article(text, article_id="p", detect_headline=True)
    except IngestError:
        return
    parser = Parser(nlp, cache_directory=tmp_path / "cache")
    (parsed,) = list(parser.parse([article]))
    assert len(parsed.doc.text) == len(article.text)
    assert parsed.doc.text == article.analysis_text()
    words = [token for token in parsed.doc if not token.is_space]
    for token in words:  # outside the body the parser sees blanks: only spaces there
        assert article.text[token.idx : token.idx + len(token.text)] == token.text
        assert article.body_start <= token.idx < token.idx + len(token.text) <= article.body_end
    if article.body.split():
        assert words


# --------------------------------------------------------------------------- cli wiring
# These activate once `framing analyze` has the option / check (wired by the lead).


def _cli_has(text: str) -> bool:
    import inspect

    from analysis import cli

    return text in inspect.getsource(cli)


@pytest.mark.skipif(not _cli_has("check_output_folder"), reason="not wired into the CLI yet")
def test_cli_refuses_to_write_into_an_input_folder(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text("Quay\n\nThe quay reopened, she said.\n")
    before = _snapshot(corpus)
    status = main(["analyze", str(corpus), "--out", str(corpus / "results"), "--quiet"])
    assert status == 2
    assert "input folder" in capsys.readouterr().err
    assert _snapshot(corpus) == before and not (corpus / "results").exists()


@pytest.mark.skipif(not _cli_has("--any-language"), reason="not wired into the CLI yet")
def test_cli_any_language_analyses_other_languages(tmp_path):
    out = tmp_path / "out"
    german = str(BAD_INPUTS / "german.txt")
    assert main(["analyze", german, "--out", str(out), "--quiet"]) == 1
    assert main(["analyze", german, "--out", str(out), "--quiet", "--any-language"]) == 0
    articles = read_csv(out / "articles.csv")
    assert json.loads(articles["metadata"][0])["detected_language"] == "de"


def _mixed_feed(tmp_path: Path) -> Path:
    """English articles, a German one whose id comes back in English (the rejected
    article takes no id), a real duplicate, and a broken line."""
    german = (BAD_INPUTS / "german.txt").read_text(encoding="utf-8")
    english = "The quay reopened on Monday, the harbour master said, and ferries resume."
    lines = [
        json.dumps({"id": "a", "text": english}),
        json.dumps({"id": "b", "text": german}),
        json.dumps({"id": "b", "text": english + " Again."}),
        "{not json",
        json.dumps({"id": "a", "text": english + " Twice."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("allow", [False, True])
def test_reading_in_two_steps_is_reading_at_once(tmp_path, allow):
    """`framing analyze --jobs` reads first and judges the languages in another
    process (`read_unchecked`, `language_guesses`, `finish_reading`): the articles and
    problems are those of `read_articles`, duplicates after a rejected article too."""
    from analysis.ingest import finish_reading, language_guesses, language_samples, read_unchecked

    path = _mixed_feed(tmp_path)
    expected = read_articles([path], allow_other_languages=allow)
    items = read_unchecked([path])
    guesses = language_guesses(language_samples(items))
    assert [g.english for g in guesses] == [True, False, True, True]
    assert finish_reading(items, allow_other_languages=allow, guesses=guesses) == expected
    assert finish_reading(items, allow_other_languages=allow) == expected
    articles, problems = expected
    assert [a.id for a in articles] == ["a", "b"]
    assert ("detected_language" in articles[1].metadata) == allow
    reasons = [p.reason for p in problems]
    assert any("duplicate article id 'a'" in r for r in reasons)
    assert any("duplicate article id 'b'" in r for r in reasons) == allow
    assert any("not English" in r for r in reasons) != allow
