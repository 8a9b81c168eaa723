"""Outputs: atomic writes, CSV formula neutralisation (text stays text, numbers stay
numbers), HTML escaping of article text, and the refusal to write over inputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.outputs import (
    needs_neutralising,
    neutralise,
    neutralise_frame,
    read_csv,
    unneutralise,
    write_atomic,
    write_csv,
    write_json,
    write_jsonl,
)
from analysis.safety import (
    Highlight,
    OutputFolderError,
    check_output_folder,
    escape_text,
    highlight_html,
)

# --------------------------------------------------------------------------- atomic writes


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text("previous\n", encoding="utf-8")

    def fail(out):
        out.write("half a tab")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_atomic(path, fail)
    assert path.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["articles.csv"]  # no temporary left


def test_an_interrupt_also_leaves_the_previous_file_whole(tmp_path):
    path = tmp_path / "run.json"
    write_json({"run": 1}, path)

    def interrupt(out):
        out.write("{")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, interrupt)
    assert json.loads(path.read_text(encoding="utf-8")) == {"run": 1}
    assert len(list(tmp_path.iterdir())) == 1


def test_writers_create_the_folder_and_replace_whole_files(tmp_path):
    out = tmp_path / "new" / "folder"
    write_jsonl([{"article_id": "a", "text": "x"}], out / "texts.jsonl")
    write_jsonl([{"article_id": "b", "text": "y"}], out / "texts.jsonl")
    lines = (out / "texts.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["article_id"] for line in lines] == ["b"]


# --------------------------------------------------------------------------- formulas


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("- a bullet line", "'- a bullet line"),
        ("'=already quoted", "''=already quoted"),  # so the prefix stays reversible
        ("-0.5", "-0.5"),  # numbers stay numbers
        ("+3", "+3"),
        ("-1e-3", "-1e-3"),
        ("The mayor said = fine", "The mayor said = fine"),
        ("'quoted'", "'quoted'"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised_and_numbers_are_not(cell, written):
    assert neutralise(cell) == written
    assert unneutralise(written) == cell


def test_non_text_cells_are_untouched():
    for value in (-0.5, -3, None, float("nan"), True):
        assert neutralise(value) is value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_neutralising_is_reversible_and_safe(cell):
    written = neutralise(cell)
    assert unneutralise(written) == cell
    if written != cell:
        assert written == "'" + cell and needs_neutralising(cell)
    else:  # what is written as is cannot start a formula (plain numbers aside)
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or float(cell) == float(cell)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=6)), min_size=1, max_size=8))
def test_neutralise_frame_is_neutralise_on_every_cell(cells):
    """The frame version only skips columns with no risky first character: the same
    cells as `neutralise` one by one, for Python and Arrow-backed text columns."""
    frame = pd.DataFrame({"text": cells, "number": range(len(cells))})
    for column in (frame["text"], frame["text"].astype("str")):
        given = frame.assign(text=column)
        expected = given.assign(text=column.map(neutralise, na_action="ignore"))
        # (an all-missing Arrow column now keeps its dtype where `map` made it float;
        # the CSV is the same)
        pd.testing.assert_frame_equal(neutralise_frame(given), expected, check_dtype=False)
        assert neutralise_frame(given).to_csv() == expected.to_csv()


def test_write_csv_neutralises_text_and_keeps_numbers(tmp_path):
    frame = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "text": ["=cmd|' /C calc'!A0", "@mention", "plain"],
            "credibility": [-0.5, 0.25, -1.0],
            "start": [0, 5, 9],
            "label": ["-0.5", "neutral", None],
        }
    )
    path = write_csv(frame, tmp_path / "attributions.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["text"] == "'=cmd|' /C calc'!A0" and rows[1]["text"] == "'@mention"
    assert [r["credibility"] for r in rows] == ["-0.5", "0.25", "-1.0"]
    assert rows[0]["label"] == "-0.5"
    spreadsheet_view = pd.read_csv(path)
    assert spreadsheet_view["credibility"].tolist() == [-0.5, 0.25, -1.0]
    # read_csv gives the exact text back.
    back = read_csv(path)
    assert back["text"].tolist() == frame["text"].tolist()
    assert back["credibility"].tolist() == [-0.5, 0.25, -1.0]
    assert frame["text"][0] == "=cmd|' /C calc'!A0"  # the caller's frame is not changed


def test_machine_readable_exports_can_skip_neutralising(tmp_path):
    frame = pd.DataFrame({"text": ["=1+1"]})
    path = write_csv(frame, tmp_path / "raw.csv", neutralise_formulas=False)
    assert path.read_text(encoding="utf-8").splitlines()[1] == "=1+1"


# --------------------------------------------------------------------------- html


def test_escape_text_shows_markup_as_characters():
    assert escape_text("<script>alert('x')</script> & \"q\"") == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;"
    )
    assert escape_text(None) == ""


def test_highlight_html_escapes_every_piece_of_article_text():
    text = 'He said <script>alert(1)</script> and <img src=x onerror="alert(2)"> twice.'
    start = text.index("<script>")
    end = text.index("</script>") + len("</script>")
    img = text.index("<img")
    rendered = highlight_html(
        text,
        [
            Highlight(start, end, label='<b onmouseover="x">cue</b>', css_class='cue" onclick="x'),
            (img, len(text) - len(" twice."), "loaded"),
        ],
    )
    assert "<script>" not in rendered and "<img" not in rendered
    assert "onclick" not in rendered.replace("cueonclickx", "")  # class name sanitised
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "onerror=&quot;alert(2)&quot;" in rendered
    assert 'title="&lt;b onmouseover=&quot;x&quot;&gt;cue&lt;/b&gt;"' in rendered
    assert rendered.count("<mark") == 2
    assert rendered.startswith('<div class="framing-article"')


def test_highlight_html_handles_overlaps_and_keeps_all_text():
    import html

    text = "Peskov emphasized that\nthe talks failed."
    rendered = highlight_html(text, [(0, 17, "speaker"), (7, 17, "cue"), (18, 22, "")])
    assert '<mark class="framing-span" title="speaker; cue">emphasized</mark>' in rendered
    plain = html.unescape(rendered.replace("</mark>", "").split(">", 1)[1].rsplit("</div>", 1)[0])
    while "<mark" in plain:
        before, after = plain.split("<mark", 1)
        plain = before + after.split(">", 1)[1]
    assert plain == text


def test_highlight_html_refuses_spans_outside_the_text():
    with pytest.raises(ValueError, match="outside the text"):
        highlight_html("short", [(2, 10)])


# --------------------------------------------------------------------------- output folder


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("x")
    return folder


@pytest.mark.parametrize(
    ("out", "match"),
    [
        ("corpus", "is the input folder"),
        ("corpus/results", "is inside the input folder"),
        ("corpus/sub/../sub", "is inside the input folder"),
    ],
)
def test_output_folder_inside_an_input_folder_is_refused(tmp_path, corpus, out, match):
    with pytest.raises(OutputFolderError, match=match):
        check_output_folder(tmp_path / out, [corpus])


def test_output_file_that_would_replace_an_input_is_refused(tmp_path):
    feed = tmp_path / "exports" / "articles.csv"
    feed.parent.mkdir()
    feed.write_text("text\nx\n")
    with pytest.raises(OutputFolderError, match="would overwrite the input"):
        check_output_folder(tmp_path / "exports", [feed])
    check_output_folder(tmp_path / "exports", [tmp_path / "exports" / "my_feed.csv"])
    nested = tmp_path / "exports" / "parquet" / "articles"
    nested.mkdir(parents=True)
    with pytest.raises(OutputFolderError, match="with its parquet"):
        check_output_folder(tmp_path / "exports", [nested])


def test_output_folder_through_a_symlink_is_still_refused(tmp_path, corpus):
    link = tmp_path / "link"
    link.symlink_to(corpus, target_is_directory=True)
    with pytest.raises(OutputFolderError):
        check_output_folder(link / "out", [corpus])


def test_separate_folders_are_fine(tmp_path, corpus):
    check_output_folder(tmp_path / "results", [corpus, corpus / "a.txt"])
    check_output_folder(tmp_path, [corpus])  # a parent of the inputs holds no input file
    check_output_folder(Path("data/processed"), [Path("seeds"), Path("data/examples")])


def _frames_of_several_sizes() -> dict[str, pd.DataFrame]:
    words = ["=SUM(A1)", "plain", "-0.5", "'@x", None, "Peskov emphasized", "+1 555"]
    return {
        f"table_{k}": pd.DataFrame(
            {
                "text": [words[(i + k) % len(words)] for i in range(rows)],
                "score": [i / 7 for i in range(rows)],
                "count": pd.array([i if i % 5 else None for i in range(rows)], dtype="Int64"),
            }
        )
        for k, rows in enumerate([4000, 1500, 900, 300, 12, 0])
    }


def test_csvs_written_by_two_processes_are_those_of_one(tmp_path):
    """`--jobs` runs write their larger tables in a forked helper process meanwhile."""
    from analysis.outputs import _larger_half, write_csvs

    frames = _frames_of_several_sizes()
    aside = _larger_half(frames)
    assert aside and set(aside) < set(frames)
    one = write_csvs(frames, tmp_path / "one")
    two = write_csvs(frames, tmp_path / "two", processes=2)
    assert [p.name for p in one] == [p.name for p in two] == [f"{n}.csv" for n in frames]
    for a, b in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert "'=SUM(A1)" in (tmp_path / "two" / "table_0.csv").read_text()


def test_what_the_helper_process_could_not_write_is_written_here(tmp_path, monkeypatch):
    import os

    from analysis import outputs

    parent, real = os.getpid(), outputs.write_csv

    def fails_in_the_helper(frame, path, **options):
        if os.getpid() != parent:
            raise OSError(28, "No space left on device")
        return real(frame, path, **options)

    monkeypatch.setattr(outputs, "write_csv", fails_in_the_helper)
    frames = _frames_of_several_sizes()
    written = outputs.write_csvs(frames, tmp_path, processes=2)
    for name, path in zip(frames, written, strict=True):
        assert path.is_file(), name
        assert len(read_csv(path)) == len(frames[name])
    assert not list(tmp_path.glob(".*.tmp"))
