"""`--jobs N` on one machine (analysis.processes): chunking, the workers' record tables
joined as one process builds them, and a chunk whose tables fail."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import corpus, processes
from analysis.pipeline import run_analysis

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"


def test_guided_chunks_shrink_and_cover_every_article_once():
    articles = list(range(84))
    chunks = processes.guided_chunks(articles, jobs=2, largest=16)
    assert [a for chunk in chunks for a in chunk] == articles
    sizes = [len(c) for c in chunks]
    assert sizes[0] == 16 and sizes == sorted(sizes, reverse=True)
    assert min(sizes) >= 2 and sizes[-1] == 2


def test_finishing_groups_are_consecutive_and_balanced():
    sizes = [16, 16, 13, 10, 8, 6, 4, 3, 2, 2, 2, 2]
    groups = processes.finishing_groups(sizes, 2)
    assert [i for g in groups for i in g] == list(range(len(sizes)))
    counts = [sum(sizes[i] for i in g) for g in groups]
    assert len(groups) == 2 and abs(counts[0] - counts[1]) <= 16
    assert processes.finishing_groups([5], 4) == [[0]]


def test_combine_records_sorts_as_the_whole_and_keeps_types():
    first = {
        "portrayal_signals": pd.DataFrame(
            {"article_id": ["b", "b"], "actor": ["Y", "Z"], "score": [0.1, 0.2]}
        ),
        "mentions": pd.DataFrame(
            {"article_id": ["b"], "start": [3], "title": pd.array([None], dtype=object)}
        ),
    }
    second = {
        "portrayal_signals": pd.DataFrame({"article_id": ["a"], "actor": ["X"], "score": [0.3]}),
        "mentions": pd.DataFrame(
            {"article_id": ["a"], "start": [1], "title": pd.array(["T"], dtype="string")}
        ),
    }
    joined = corpus.combine_records([first, second])
    # Sorted by (article_id, actor) as a whole corpus's portrayal table is ...
    assert list(joined["portrayal_signals"]["actor"]) == ["X", "Y", "Z"]
    # ... other record tables keep corpus order, and a column all missing in one part
    # keeps the type the other part gives it (as one frame of the whole would).
    assert list(joined["mentions"]["article_id"]) == ["b", "a"]
    assert isinstance(joined["mentions"]["title"].dtype, pd.StringDtype)
    # A column all missing as floats (NaN) in one part is typed from the other too.
    floats = {
        "portrayal_signals": second["portrayal_signals"].iloc[:0],
        "mentions": pd.DataFrame({"article_id": ["c"], "start": [5], "title": [np.nan]}),
    }
    joined = corpus.combine_records([second, floats])
    assert joined["mentions"]["title"].dtype == second["mentions"]["title"].dtype
    assert joined["mentions"]["title"].isna().tolist() == [False, True]


def test_a_chunk_whose_tables_fail_is_reported_and_the_rest_goes_on(monkeypatch, seed_path):
    real = corpus.record_tables

    def failing(results, plan, resources):
        if any(r.article.id.startswith("000_") for r in results):
            raise RuntimeError("boom")
        return real(results, plan, resources)

    # The workers are forked after this: they inherit the patched function.
    monkeypatch.setattr(corpus, "record_tables", failing)
    result = run_analysis([seed_path, EXAMPLES], jobs=2)
    failed = {p.article_id for p in result.problems}
    assert any(i.startswith("000_") for i in failed)
    assert all("analysis failed: RuntimeError: boom" in p.reason for p in result.problems)
    analysed = {a.id for a in result.articles}
    assert analysed and not analysed & failed
    assert set(result.tables["articles"]["article_id"]) == analysed
    assert set(result.tables["mentions"]["article_id"]) <= analysed
    assert set(result.tables["errors"]["article_id"]) == failed


@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_give_one_process_tables(jobs, seed_path):
    one = run_analysis([seed_path, EXAMPLES])
    many = run_analysis([seed_path, EXAMPLES], jobs=jobs)
    assert [a.id for a in one.articles] == [a.id for a in many.articles]
    for name, frame in one.tables.items():
        if name == "articles":
            frame = frame.drop(columns="from_cache")
            other = many.tables[name].drop(columns="from_cache")
        else:
            other = many.tables[name]
        pd.testing.assert_frame_equal(frame, other, obj=name)
    assert many.run["timings_seconds"]["jobs_finish"] >= 0


#: Where the recording stand-ins below leave a file named after the process they ran in
#: (forked processes inherit it).
_RECORDS: list[Path] = []


def recording_language_guesses(samples):
    from analysis.ingest import language_guesses

    (_RECORDS[0] / f"languages-{os.getpid()}").touch()
    return language_guesses(samples)


def recording_resampled_tables(*args):
    (_RECORDS[0] / f"resampled-{os.getpid()}").touch()
    return _REAL_RESAMPLED(*args)


_REAL_RESAMPLED = corpus._resampled_tables


def test_a_cold_jobs_run_works_beside_itself_and_gives_one_process_tables(
    tmp_path, monkeypatch, seed_path
):
    """Cold, `--jobs 2` judges the languages in a side process while the pipeline loads,
    and builds the resampled corpus statistics in one while it builds the rest; the
    articles, problems and tables are those of one process."""
    from analysis import pipeline

    german = tmp_path / "inputs" / "german.txt"
    german.parent.mkdir()
    german.write_text(
        "Der Hafen von Port Alder ist nach dem Sturm wieder geöffnet worden, teilte die "
        "Stadtverwaltung am Dienstag mit, und die Fähren fahren ab Freitag wieder.",
        encoding="utf-8",
    )
    inputs = [seed_path, EXAMPLES, german]
    one = run_analysis(inputs, use_cache=False)
    records = tmp_path / "records"
    records.mkdir()
    monkeypatch.setattr(sys.modules[__name__], "_RECORDS", [records])
    monkeypatch.setattr(pipeline, "language_guesses", recording_language_guesses)
    monkeypatch.setattr(corpus, "_resampled_tables", recording_resampled_tables)
    two = run_analysis(inputs, use_cache=False, jobs=2)

    assert {p.name.split("-")[0] for p in records.iterdir()} == {"languages", "resampled"}
    assert all(int(p.name.split("-")[1]) != os.getpid() for p in records.iterdir())
    assert [a.id for a in one.articles] == [a.id for a in two.articles]
    assert [p.reason for p in one.problems] == [p.reason for p in two.problems]
    assert any("not English (detected: de" in p.reason for p in two.problems)
    for name, frame in one.tables.items():
        pd.testing.assert_frame_equal(frame, two.tables[name], obj=name)


def test_a_side_task_that_cannot_run_or_fails_gives_none_so_the_caller_does_it():
    from analysis.beside import result_or_none, side_process, submit

    assert submit(None, sum, [1, 2]) is None and result_or_none(None) is None
    with side_process() as side:
        assert result_or_none(submit(side, sum, [1, 2])) == 3
        assert result_or_none(submit(side, int, "not a number")) is None
    with side_process(enabled=False) as side:
        assert side is None
