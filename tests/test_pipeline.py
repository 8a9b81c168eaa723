"""The main job end to end: every table of the contract, with its columns, offsets
that index the text as read, and the seed's framing asymmetries."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.cli import main
from analysis.config import EXAMPLES_DIR
from analysis.outputs import read_csv

CONTRACT_COLUMNS = {
    "attributions": [
        "article_id",
        "sentence",
        "speaker",
        "speaker_start",
        "speaker_end",
        "resolution",
        "actor",
        "camp",
        "cue",
        "cue_start",
        "cue_end",
        "cue_lemma",
        "stance",
        "credibility",
        "content",
        "content_start",
        "content_end",
        "quote_type",
        "negated",
        "in_quote",
    ],
    "mentions": ["article_id", "start", "end", "text", "actor", "camp", "role"],
    "loaded_terms": ["article_id", "start", "end", "text", "lemma", "category", "source", "actor"],
    "actor_sentiment": ["article_id", "actor", "mentions", "portrayal", "voice", "backend"],
    "actors": [
        "level",
        "actor",
        "camp",
        "mentions",
        "times_quoted",
        "voice_share",
        "credibility_mean",
        "credibility_low",
        "credibility_high",
        "portrayal_mean",
        "portrayal_low",
        "portrayal_high",
    ],
    "errors": ["source_path", "reason"],
    "articles": ["article_id", "title", "outlet", "date"],
}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, seed_path):
    """`framing analyze` on the seed and the example corpus, once for this module."""
    out = tmp_path_factory.mktemp("analyze")
    status = main(["analyze", str(seed_path), str(EXAMPLES_DIR), "--out", str(out), "--quiet"])
    assert status == 0
    texts = {
        row["article_id"]: row["text"]
        for row in map(json.loads, (out / "texts.jsonl").read_text().splitlines())
    }
    return out, texts


def _table(out, name):
    return read_csv(out / f"{name}.csv", keep_default_na=False, na_values=[""])


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_every_contract_table_is_written_with_its_columns(corpus_run, name):
    out, _ = corpus_run
    frame = _table(out, name)
    assert set(CONTRACT_COLUMNS[name]) <= set(frame.columns)
    if name != "errors":
        assert len(frame) > 0


@pytest.mark.parametrize(
    ("name", "spans"),
    [
        (
            "attributions",
            [
                ("speaker_start", "speaker_end", None),
                ("cue_start", "cue_end", "cue"),
                ("content_start", "content_end", "content"),
            ],
        ),
        ("mentions", [("start", "end", "text")]),
        ("loaded_terms", [("start", "end", "text"), ("about_start", "about_end", "about_text")]),
    ],
)
def test_every_emitted_offset_indexes_the_text_as_read(corpus_run, name, spans):
    out, texts = corpus_run
    frame = _table(out, name)
    checked = 0
    for row in frame.to_dict("records"):
        text = texts[row["article_id"]]
        for start, end, column in spans:
            if pd.isna(row[start]):
                continue
            piece = text[int(row[start]) : int(row[end])]
            assert piece.strip() == piece and piece
            if column is not None:
                assert piece == row[column], (name, row)
            checked += 1
    assert checked > 0


def test_nothing_comes_from_the_seeds_boilerplate(corpus_run):
    out, texts = corpus_run
    seed_id = "000_a24a2ea91177b532"
    tail = texts[seed_id].index("Check Also")
    for name, start in (
        ("attributions", "cue_start"),
        ("mentions", "start"),
        ("loaded_terms", "start"),
    ):
        frame = _table(out, name)
        assert (frame.loc[frame["article_id"] == seed_id, start] < tail).all(), name


def test_seed_credibility_asymmetry(corpus_run):
    """The writer's cues lend Russia's sources credibility and distance the others."""
    out, _ = corpus_run
    camps = _table(out, "actors").query("level == 'camp'").set_index("camp")
    assert camps.loc["Russia", "credibility_mean"] > 0
    assert camps.loc["United States", "credibility_mean"] < 0
    assert camps.loc["Ukraine", "credibility_mean"] < 0


def test_seed_speakers_and_camps(corpus_run):
    out, _ = corpus_run
    rows = _table(out, "attributions").query("article_id == '000_a24a2ea91177b532'")
    by_cue = {(r.cue, r.actor): r.camp for r in rows.itertuples()}
    assert by_cue[("underlined", "Dmitry Peskov")] == "Russia"
    assert by_cue[("noted", "Dmitry Peskov")] == "Russia"
    assert by_cue[("claimed", "Antony Blinken")] == "United States"
    assert by_cue[("denied", "Mykhailo Podolyak")] == "Ukraine"


def test_a_resolved_pronoun_names_its_actor_in_both_columns(corpus_run):
    """A pronoun or role-noun speaker names the person the actor stage resolved it to:
    "she said" after Lena Korvath is Korvath in `speaker` as in `actor` (the speaker
    column once said "Dario Venn", the last speaker named before her)."""
    out, _ = corpus_run
    rows = _table(out, "attributions")
    writer = rows[~rows["in_quote"]]  # the writer's "she said", not a quoted "we"
    resolved = writer[(writer["resolution"] == "pronoun") & writer["actor"].notna()]
    assert len(resolved) >= 20
    disagree = resolved[resolved["speaker"] != resolved["actor"]]
    assert disagree.empty, disagree[["speaker", "actor"]]
    korvath = rows[(rows["actor"] == "Lena Korvath") & (rows["resolution"] == "pronoun")]
    assert set(korvath["speaker"]) == {"Lena Korvath"}


def test_outlets_frame_the_invented_event_differently(corpus_run):
    """The example corpus was written so the partisan outlets distance the other side."""
    out, _ = corpus_run
    attributions = _table(out, "attributions").merge(
        _table(out, "articles")[["article_id", "outlet"]], on="article_id"
    )
    writer = attributions[~attributions["in_quote"] & ~attributions["negated"]]
    courier = writer[writer["outlet"] == "Valdor City Courier"]
    mean = courier.groupby("camp")["credibility"].mean()
    assert mean["Valdoria"] > mean["Kestrel Republic"]


def test_run_json_records_versions_and_stage_timings(corpus_run):
    out, _ = corpus_run
    run = json.loads((out / "run.json").read_text())
    assert "reporting_verbs.csv" in run["lexicons"]
    assert run["sentiment"]["backend"]
    for stage in ("parse", "attribution", "actors", "lexicons", "sentiment", "tables"):
        assert stage in run["timings_seconds"], stage
    sentiment = _table(out, "actor_sentiment")
    assert set(sentiment["backend"]) == {run["sentiment"]["backend"]}


def test_extract_writes_the_attribution_rows(tmp_path, seed_path):
    out = tmp_path / "attributions.jsonl"
    assert main(["extract", str(seed_path), "--out", str(out), "--quiet"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    contract = CONTRACT_COLUMNS["attributions"]
    # The contract's columns first, in its order; the kit's own (the source phrase) after.
    assert rows and list(rows[0]) == [*contract, "source_start", "source_end"]
    assert any(r["cue_lemma"] == "emphasize" and r["actor"] == "Dmitry Peskov" for r in rows)


def test_user_lexicon_overrides_a_cue(tmp_path, seed_path):
    lexicon = tmp_path / "my_cues.csv"
    lexicon.write_text(
        "cue,kind,stance,credibility,intensity,source,note\n"
        "emphasize,verb,distancing,-1,2,my lab,test override\n"
    )
    out = tmp_path / "out.csv"
    assert (
        main(
            [
                "extract",
                str(seed_path),
                "--format",
                "csv",
                "--out",
                str(out),
                "--lexicon",
                str(lexicon),
                "--quiet",
            ]
        )
        == 0
    )
    rows = pd.read_csv(out)
    assert set(rows.loc[rows["cue_lemma"] == "emphasize", "stance"]) == {"distancing"}


def test_missing_lexicon_file_is_a_usage_error(tmp_path, seed_path):
    status = main(
        [
            "analyze",
            str(seed_path),
            "--out",
            str(tmp_path / "o"),
            "--quiet",
            "--lexicon",
            str(tmp_path / "nope.csv"),
        ]
    )
    assert status == 2


def test_a_rerun_reuses_the_analyses_and_gives_the_same_tables(tmp_path, seed_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    runs = []
    for name in ("first", "second"):
        assert main(["analyze", str(seed_path), "--out", str(tmp_path / name), "--quiet"]) == 0
        runs.append(json.loads((tmp_path / name / "run.json").read_text())["cache"])
    assert runs[0]["parsed"] == 1 and runs[0]["analyses_from_cache"] == 0
    assert runs[1]["parsed"] == 0 and runs[1]["analyses_from_cache"] == 1
    for table in ("attributions", "mentions", "loaded_terms", "actors", "actor_sentiment"):
        first = (tmp_path / "first" / f"{table}.csv").read_bytes()
        assert first == (tmp_path / "second" / f"{table}.csv").read_bytes(), table


def test_another_lexicon_invalidates_the_cached_analyses(tmp_path, seed_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    lexicon = tmp_path / "cues.csv"
    lexicon.write_text(
        "cue,kind,stance,credibility,intensity,source,note\n"
        "emphasize,verb,distancing,-1,2,my lab,\n"
    )
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "a"), "--quiet"]) == 0
    assert (
        main(
            [
                "analyze",
                str(seed_path),
                "--out",
                str(tmp_path / "b"),
                "--quiet",
                "--lexicon",
                str(lexicon),
            ]
        )
        == 0
    )
    cache = json.loads((tmp_path / "b" / "run.json").read_text())["cache"]
    assert cache["parsed"] == 0 and cache["analyses_from_cache"] == 0
