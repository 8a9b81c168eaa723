"""The notebooks and `framing report`: notebook hygiene (one parameters cell, jupytext
twins in sync, no committed outputs), the article HTML keeping article text as text,
the notebook table helpers, and an end-to-end report on the seed article (which also
executes every notebook)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import jupytext
import pandas as pd
import pytest

from analysis import report
from analysis.config import NOTEBOOKS_DIR

NOTEBOOK_NAMES = [name.removesuffix(".ipynb") for name in report.NOTEBOOKS]


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_exactly_one_parameters_cell(name):
    found = report.notebook_parameters(NOTEBOOKS_DIR / f"{name}.ipynb")
    assert found["count"] == 1
    source = found["source"][0]
    for parameter in ("articles", "outlets", "out_dir", "model", "sentiment"):
        assert f"{parameter} =" in source


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_jupytext_twins_in_sync(name):
    notebook = jupytext.read(NOTEBOOKS_DIR / f"{name}.ipynb")
    twin = jupytext.read(NOTEBOOKS_DIR / f"{name}.py")

    def cells(nb):
        return [
            (c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", ()))) for c in nb.cells
        ]

    assert cells(notebook) == cells(twin), (
        f"{name}.ipynb and {name}.py differ: run `.venv/bin/jupytext --sync notebooks/{name}.py`"
    )


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_no_outputs_committed(name):
    cells = json.loads((NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), (
        f"{name}.ipynb has outputs: run `.venv/bin/nbstripout notebooks/{name}.ipynb`"
    )


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebooks_take_paths_from_the_package(name):
    source = (NOTEBOOKS_DIR / f"{name}.py").read_text(encoding="utf-8")
    assert "analysis.config" in source
    assert "../" not in source and "os.chdir" not in source


@dataclass(frozen=True)
class FakeArticle:
    id: str
    text: str


MARKUP = 'Officials said <script>alert("x")</script> and <img src=x onerror=alert(1)> happened.'


def test_article_html_shows_markup_as_text():
    article = FakeArticle("a1", MARKUP)
    cue = MARKUP.index("said")
    script = MARKUP.index("<script>")
    image = MARKUP.index("<img")
    attributions = pd.DataFrame(
        [
            {
                "article_id": "a1",
                "speaker": "Officials <b>",
                "speaker_start": 0,
                "speaker_end": 9,
                "actor": "<script>evil()</script>",
                "camp": None,
                "cue": "said",
                "cue_start": cue,
                "cue_end": cue + 4,
                "stance": "neutral",
                "credibility": 0.0,
                "content_start": script,
                "content_end": len(MARKUP) - 1,
            }
        ]
    )
    loaded = pd.DataFrame(
        [{"article_id": "a1", "start": image, "end": image + 4, "category": "<i>label</i>"}]
    )
    html = report.article_html(article, attributions, loaded)
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img" in html and " src=x onerror=alert(1)&gt;" in html
    assert 'class="framing-cue-neutral"' in html
    assert "framing-loaded" in html and "framing-speaker" in html


def test_article_html_ignores_other_articles_and_bad_offsets():
    article = FakeArticle("a1", "Short text said here.")
    attributions = pd.DataFrame(
        [
            {"article_id": "other", "cue_start": 0, "cue_end": 5, "stance": "denial"},
            {"article_id": "a1", "cue_start": 11, "cue_end": 15, "stance": "distancing"},
            {"article_id": "a1", "cue_start": 5, "cue_end": 500, "stance": "hedging"},
        ]
    )
    html = report.article_html(article, attributions, legend=False)
    assert 'class="framing-cue-distancing"' in html
    assert 'class="framing-cue-denial"' not in html
    assert 'class="framing-cue-hedging"' not in html


ATTRIBUTIONS = pd.DataFrame(
    {
        "article_id": ["a", "a", "a", "b"],
        "actor": ["Ann", "Ann", None, "Bo"],
        "camp": ["X", "X", None, "Y"],
        "stance": ["neutral", "distancing", "neutral", "endorsing"],
        "credibility": [0.0, -1.0, 0.0, 1.0],
        "in_quote": [False, False, False, True],
        "cue_start": [5, 30, 60, 5],
        "cue_end": [9, 35, 64, 9],
        "speaker_start": [0, 25, None, 0],
        "speaker_end": [3, 28, None, 2],
        "content_start": [10, 36, 65, 10],
        "content_end": [20, 50, 70, 20],
        "speaker": ["Ann", "Ann", None, "Bo"],
        "cue": ["said", "claimed", "said", "noted"],
        "content": ["x", "y", "z", "w"],
        "sentence": [0, 1, 2, 0],
    }
)


def test_stance_crosstab_counts_writer_cues_per_actor():
    table = report.stance_crosstab(ATTRIBUTIONS, by="actor").set_index("actor")
    assert table.loc["Ann", "neutral"] == 1 and table.loc["Ann", "distancing"] == 1
    assert table.loc["Ann", "mean_credibility"] == -0.5
    assert table.loc["(no actor)", "total"] == 1
    assert "Bo" not in table.index  # the only cue of Bo stands inside a quote
    assert list(table.columns[:2]) == ["neutral", "distancing"]  # lexicon order


def test_evidence_rows_filter_and_show_the_sentence():
    text = "Ann said this. Then Ann claimed that the regime lied. Someone said it."
    articles = [FakeArticle("a", text)]
    attributions = ATTRIBUTIONS.assign(
        cue_start=[4, 24, 63, 4],
        cue_end=[8, 31, 67, 8],
        speaker_start=[0, 20, None, 0],
        speaker_end=[3, 23, None, 3],
        content_start=[9, 32, 68, 9],
        content_end=[13, 52, 70, 13],
    )
    terms = pd.DataFrame(
        [{"article_id": "a", "start": 41, "end": 47, "text": "regime", "category": "label"}]
    )
    tables = {"attributions": attributions, "loaded_terms": terms}
    rows = report.evidence_rows(tables, articles, stance="distancing")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["passage"] == "Then Ann claimed that the regime lied."
    assert row["loaded_terms"] == "regime (label)"
    assert report.evidence_rows(tables, articles, camp="nobody").empty


def test_explorer_headless_shows_static_tables(monkeypatch):
    import IPython.display

    shown_objects = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown_objects.append(obj))

    @dataclass
    class Result:
        tables: dict
        articles: list

    result = Result({"attributions": ATTRIBUTIONS}, [FakeArticle("a", "x" * 80)])
    assert report.explorer(result, static=True) is None
    shown = " ".join(getattr(obj, "data", "") for obj in shown_objects)
    assert "static view" in shown
    assert "stance: distancing" in shown and "claimed" in shown


def test_outlet_filter_applies_to_every_table():
    from analysis.config import EXAMPLES_DIR

    result = report.analyse([EXAMPLES_DIR], outlets=["Meridian Wire"], sentiment="vader")
    assert result.articles and {a.outlet for a in result.articles} == {"Meridian Wire"}
    ids = {a.id for a in result.articles}
    for name in ("articles", "attributions", "mentions", "loaded_terms", "actor_sentiment"):
        assert set(result.tables[name]["article_id"]) <= ids, name
    actors = result.tables["actors"]
    assert actors["articles"].max() <= len(ids)  # corpus tables recomputed, not filtered
    assert report.caption(result).startswith(f"{len(ids)} articles")


def test_slug_from_input_names(tmp_path):
    assert report.slug(["seeds", "data/examples/"]) == "seeds-examples"
    assert report.slug([tmp_path / "my file.txt"]) == "my-file"
    assert len(report.slug([f"folder{i}" for i in range(40)])) <= 70


def test_framing_report_on_the_seed(tmp_path, seed_path):
    """Executes every notebook (papermill) on the seed: executed notebooks and every
    figure as PNG/SVG/PDF plus its CSV."""
    started = time.perf_counter()
    written = report.run_notebooks([seed_path], tmp_path / "report")
    seconds = time.perf_counter() - started
    names = {p.name for p in written}
    for notebook in report.NOTEBOOKS:
        assert notebook in names
        executed = json.loads((tmp_path / "report" / notebook).read_text(encoding="utf-8"))
        errors = [
            o
            for c in executed["cells"]
            for o in c.get("outputs", [])
            if o.get("output_type") == "error"
        ]
        assert not errors
    figures = {p.stem for p in written if p.suffix == ".png"}
    assert {"01-article-stance-by-actor", "02-voice-share", "03-cue-stance-by-outlet"} <= figures
    for stem in figures:
        for suffix in (".svg", ".pdf", ".csv"):
            assert f"{stem}{suffix}" in names, f"{stem}{suffix} missing"
    png = (tmp_path / "report" / "02-stance-by-camp.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    svg = (tmp_path / "report" / "02-stance-by-camp.svg").read_text(encoding="utf-8")
    assert "<text" in svg  # text kept as text
    print(f"framing report on the seed: {seconds:.1f} s")
