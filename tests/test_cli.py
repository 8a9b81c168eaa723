"""The `framing` command: outputs, exit statuses, run.json, help texts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.config import DEFAULT_ARTICLES

FRAMING = Path(sys.executable).parent / "framing"


def _run(*args: str) -> int:
    return main(["analyze", *args, "--quiet"])


def test_analyze_writes_tables_and_run_json(tmp_path, seed_path, fixtures_dir):
    out = tmp_path / "out"
    status = _run(str(seed_path), str(fixtures_dir / "harbour-strike.txt"), "--out", str(out))
    assert status == 0
    articles = pd.read_csv(out / "articles.csv")
    assert list(articles["article_id"]) == ["000_a24a2ea91177b532", "harbour-strike"]
    assert (articles["sentences"] > 0).all()
    errors = pd.read_csv(out / "errors.csv")
    assert errors.empty and "reason" in errors.columns
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["model"]["name"].startswith("en_core_web_sm")
    assert run["model"]["version"]
    assert run["counts"]["articles"] == 2
    assert "data/boilerplate.csv" in run["data_files"]
    texts = [json.loads(line) for line in (out / "texts.jsonl").read_text().splitlines()]
    assert texts[0]["text"] == seed_path.read_text(encoding="utf-8")
    # Offsets in articles.csv and set_aside.csv index the texts as read.
    set_aside = pd.read_csv(out / "set_aside.csv", keep_default_na=False)
    by_id = {t["article_id"]: t["text"] for t in texts}
    for row in set_aside.itertuples():
        assert by_id[row.article_id][row.start : row.end] == row.text
    assert set(set_aside["kind"]) == {"headline", "boilerplate"}


def test_rerun_comes_from_cache(tmp_path, seed_path):
    _run(str(seed_path), "--out", str(tmp_path / "a"))
    _run(str(seed_path), "--out", str(tmp_path / "b"))
    run = json.loads((tmp_path / "b" / "run.json").read_text(encoding="utf-8"))
    assert run["cache"]["parsed"] == 0 and run["cache"]["from_cache"] == 1


def test_some_inputs_failed_exits_3_and_lists_them(tmp_path, fixtures_dir):
    out = tmp_path / "out"
    assert _run(str(fixtures_dir), "--out", str(out)) == 3
    errors = pd.read_csv(out / "errors.csv")
    assert len(errors) == 2 and set(errors["line"]) == {3, 4}
    assert pd.read_csv(out / "articles.csv").shape[0] == 6


def test_nothing_analysable_exits_1(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert _run(str(bad), "--out", str(tmp_path / "out")) == 1
    assert pd.read_csv(tmp_path / "out" / "errors.csv").shape[0] == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["analyze", "no/such/folder", "--out", "x"],
        ["analyze", "--out", "x"],
        ["analyze", ".", "--batch-size", "0"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        status = exit_.code
    assert status == 2
    assert "Traceback" not in capsys.readouterr().err


def test_failed_run_keeps_previous_outputs(tmp_path, seed_path, monkeypatch):
    out = tmp_path / "out"
    _run(str(seed_path), "--out", str(out))
    before = (out / "articles.csv").read_bytes()

    def broken(frame, out_handle, **_):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    assert main(["analyze", str(seed_path), "--out", str(out), "--quiet"]) == 1
    assert (out / "articles.csv").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", ["analyze", "cache"])
def test_every_subcommand_help_has_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "examples:" in capsys.readouterr().out


def test_console_script_runs_on_the_bundled_articles(tmp_path):
    """The installed `framing` command, as `make run` calls it."""
    assert FRAMING.exists(), "the framing console script is not installed"
    env = {**os.environ, "FRAMING_CACHE_DIR": str(tmp_path / "cache")}
    paths = [str(p) for p in DEFAULT_ARTICLES if p.exists()]
    done = subprocess.run(
        [str(FRAMING), "analyze", *paths, "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "articles analysed" in done.stderr and "Traceback" not in done.stderr
    articles = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert "000_a24a2ea91177b532" in set(articles["article_id"])
    assert len(articles) >= 1 + 8 * (len(paths) > 1)


def test_two_jobs_give_the_same_tables_as_one(tmp_path, seed_path):
    examples = Path(__file__).resolve().parents[1] / "data" / "examples"
    one, two = tmp_path / "one", tmp_path / "two"
    assert _run(str(seed_path), str(examples), "--out", str(one)) == 0
    assert _run(str(seed_path), str(examples), "--out", str(two), "--jobs", "2") == 0
    # Every table: the workers build the record tables of their chunks and the driver
    # joins them (analysis.processes); the files are byte for byte those of one process.
    names = sorted(p.name for p in one.iterdir() if p.suffix in (".csv", ".jsonl"))
    assert {"attributions.csv", "portrayal_signals.csv", "actors.csv"} <= set(names)
    for name in names:
        if name != "articles.csv":
            assert (one / name).read_bytes() == (two / name).read_bytes(), name
    # The second run reads the first one's parses: all but `from_cache` is identical.
    first, second = (pd.read_csv(d / "articles.csv") for d in (one, two))
    assert second["from_cache"].all()
    pd.testing.assert_frame_equal(
        first.drop(columns="from_cache"), second.drop(columns="from_cache")
    )
    assert json.loads((two / "run.json").read_text())["jobs"] == 2


def test_cache_info_and_clear(tmp_path, seed_path, monkeypatch, capsys):
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    keep = tmp_path / "cache" / "not-ours.txt"
    keep.parent.mkdir()
    keep.write_text("a user's file")
    _run(str(seed_path), "--out", str(tmp_path / "out"))
    capsys.readouterr()
    assert main(["cache", "info"]) == 0
    info = capsys.readouterr().out
    assert "parses:       1" in info and "analyses:     1" in info
    assert main(["cache", "clear"]) == 0
    assert "removed 1 cached parses and 1 cached analyses" in capsys.readouterr().out
    assert keep.exists() and not list((tmp_path / "cache").rglob("*.spacy"))
