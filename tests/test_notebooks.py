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
    for parameter in ("articles", "outlets", "out_dir", "model", "sentiment", "attribution"):
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
    shown_objects.clear()  # one article only: article b has no distancing cue
    report.explorer(result, static=True, article_id="b")
    assert "claimed" not in " ".join(getattr(obj, "data", "") for obj in shown_objects)


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
    assert "outlets" not in result.tables  # one outlet: nothing to compare


def test_analyse_takes_the_attribution_mode_and_empty_means_the_default(tmp_path):
    from analysis.attribution import DEFAULT_MODE

    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen.", encoding="utf-8")
    modes = {
        mode: report.analyse([tmp_path], attribution=mode, sentiment="vader", use_cache=False)
        for mode in ("", "combined", "tagger")
    }
    assert {m: r.run["attribution"]["mode"] for m, r in modes.items()} == {
        "": DEFAULT_MODE,
        "combined": "combined",
        "tagger": "tagger",
    }
    assert list(modes["tagger"].tables["attributions"]["cue"]) == ["said"]


def test_slug_from_input_names(tmp_path):
    assert report.slug(["seeds", "data/examples/"]) == "seeds-examples"
    assert report.slug([tmp_path / "my file.txt"]) == "my-file"
    assert len(report.slug([f"folder{i}" for i in range(40)])) <= 70


def test_framing_report_on_the_seed(tmp_path, seed_path):
    """Executes every notebook (papermill) on the seed: executed notebooks and every
    figure as PNG/SVG/PDF plus its CSV."""
    started = time.perf_counter()
    lines = []
    written = report.run_notebooks([seed_path], tmp_path / "report", log=lines.append)
    seconds = time.perf_counter() - started
    names = {p.name for p in written}
    assert lines[0].startswith("analysed 1 article from 0 named outlets in ")
    assert any("04-outlets.ipynb: skipped (needs two or more outlets" in line for line in lines)
    assert sum(line.endswith(" s") and "done in" in line for line in lines) == 3
    assert not any(p.name.startswith(".framing-analysis") for p in (tmp_path / "report").iterdir())
    for notebook in report.NOTEBOOKS:
        if notebook in report.OUTLET_NOTEBOOKS:  # one outlet: not run
            assert notebook not in names
            continue
        assert notebook in names
        executed = json.loads((tmp_path / "report" / notebook).read_text(encoding="utf-8"))
        outputs = [o for c in executed["cells"] for o in c.get("outputs", [])]
        assert not [o for o in outputs if o.get("output_type") == "error"]
        plain = [o.get("data", {}).get("text/plain") for o in outputs]
        assert ["[]"] not in plain and "[]" not in plain  # no stray return values
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


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebooks_take_the_report_analysis(name):
    source = report.notebook_parameters(NOTEBOOKS_DIR / f"{name}.ipynb")["source"][0]
    assert "analysis_file =" in source
    text = (NOTEBOOKS_DIR / f"{name}.py").read_text(encoding="utf-8")
    first_call = text.split("report.analyse(")[1].split("\n)")[0]
    assert "analysis_file=analysis_file" in first_call
    assert "attribution=attribution" in first_call  # `framing report --attribution`


@dataclass
class SavedResult:
    tables: dict
    articles: list


def test_saved_analysis_is_read_back_instead_of_analysing(tmp_path):
    saved = report.save_analysis(SavedResult({"x": pd.DataFrame({"a": [1]})}, []), tmp_path / "r")
    back = report.analyse(["/nonexistent"], analysis_file=saved)
    assert back.tables["x"]["a"].tolist() == [1]


def test_event_side_by_side_escapes_text_and_shows_each_outlet():
    @dataclass
    class Result:
        tables: dict
        articles: list

    text = 'Ann <b>said</b> the plan "failed". Critics said the <script>x</script> plan.'
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3"],
            "outlet": ["One <i>", "Two", "Two"],
            "event": ["e1", "e1", "e2"],
            "title": ["<h1>Head</h1>", "Other", "Later"],
            "date": ["2020-01-01"] * 3,
        }
    )
    sentiment = pd.DataFrame(
        {
            "article_id": ["a1", "a2"],
            "actor": ["Ann", "Ann"],
            "mentions": [1, 2],
            "portrayal": [-0.4, 0.2],
        }  # fmt: skip
    )
    tables = {
        "articles": articles,
        "actor_sentiment": sentiment,
        "mentions": pd.DataFrame({"article_id": ["a1", "a2"], "actor": ["Ann", "Ann"]}),
        "attributions": ATTRIBUTIONS.assign(article_id=["a1", "a1", "a2", "a2"]),
        "loaded_terms": pd.DataFrame(
            {
                "article_id": ["a1", "a1"],
                "text": ["regime", "reportedly"],
                "category": ["label", "hedge"],
                "start": [0, 4],
                "end": [3, 8],
            }  # fmt: skip
        ),
    }
    result = Result(tables, [FakeArticle("a1", text), FakeArticle("a2", text)])
    assert report.pick_event(articles) == "e1"
    html = report.event_side_by_side(result)
    assert "<script" not in html and "<h1>" not in html and "<b>said" not in html
    assert "&lt;h1&gt;Head&lt;/h1&gt;" in html and "One &lt;i&gt;" in html
    assert "Ann: -0.40" in html and "Ann: +0.20" in html
    assert "judgements (1): regime" in html and "hedges (1): reportedly" in html
    with pytest.raises(ValueError, match="no article reports event"):
        report.event_side_by_side(result, "nope")


def test_article_html_names_the_source_as_written_in_the_speaker_label():
    text = "Jo Park, a <b>bold</b> critic of the plan, said it would fail."
    article = FakeArticle("a1", text)
    said = text.index("said")
    row = {
        "article_id": "a1",
        "speaker": "Jo Park",
        "speaker_start": 0,
        "speaker_end": 7,
        "source_start": 0,
        "source_end": text.index(", said"),
        "cue": "said",
        "cue_start": said,
        "cue_end": said + 4,
        "stance": "neutral",
    }
    html = report.article_html(article, pd.DataFrame([row]), legend=False)
    assert "source as written: Jo Park, a &lt;b&gt;bold&lt;/b&gt; critic of the plan" in html
    assert "<b>" not in html
    plain = report.article_html(article, pd.DataFrame([row | {"source_end": 7}]), legend=False)
    assert "source as written" not in plain
