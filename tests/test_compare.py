"""Distinguishing terms: the log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008) and the per-group counts it is computed from."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import pytest

from analysis.compare import (
    DISTINGUISHING_COLUMNS,
    LOG_ODDS_COLUMNS,
    compare_groups,
    distinguishing_terms,
    load_stoplist,
    log_odds,
    term_counts,
    word_rows,
)


def test_symmetric_groups_score_zero():
    counts = {"say": 10, "claim": 3, "confirm": 2}
    table = log_odds(counts, dict(counts))
    assert list(table.columns) == LOG_ODDS_COLUMNS
    assert table["z"].abs().max() == pytest.approx(0.0, abs=1e-12)
    assert table["log_odds"].abs().max() == pytest.approx(0.0, abs=1e-12)


def test_term_used_only_by_group_a_has_positive_z_and_b_negative():
    table = log_odds({"say": 10, "confirm": 6}, {"say": 10, "claim": 6}).set_index("term")
    assert table.at["confirm", "z"] > 0
    assert table.at["claim", "z"] < 0
    assert table.at["confirm", "count_a"] == 6 and table.at["confirm", "count_b"] == 0
    # swapping the groups flips the sign and nothing else
    swapped = log_odds({"say": 10, "claim": 6}, {"say": 10, "confirm": 6}).set_index("term")
    assert swapped.at["confirm", "z"] == pytest.approx(-table.at["confirm", "z"])


def test_known_value_on_a_hand_computed_example():
    # a: x=3, y=1; b: x=1, y=3. Default prior: the pooled counts (x=4, y=4), scaled to
    # alpha_0 = n_a + n_b = 8, so alpha_x = 4. For x:
    #   log-odds = log(7 / 5) - log(5 / 7) = 2 log 1.4
    #   variance = 1/7 + 1/5 + 1/5 + 1/7
    table = log_odds({"x": 3, "y": 1}, {"x": 1, "y": 3}).set_index("term")
    delta = 2 * math.log(1.4)
    variance = 2 / 7 + 2 / 5
    assert table.at["x", "log_odds"] == pytest.approx(delta)
    assert table.at["x", "variance"] == pytest.approx(variance)
    assert table.at["x", "z"] == pytest.approx(delta / math.sqrt(variance))
    assert table.at["x", "z"] == pytest.approx(0.812658, abs=1e-6)
    assert table.at["y", "z"] == pytest.approx(-table.at["x", "z"])
    assert list(table.index) == ["x", "y"]  # sorted by z, group A's terms first


def test_explicit_prior_and_scale():
    # prior x:y = 1:3 with alpha_0 = 4 -> alpha_x = 1, alpha_y = 3; a = {x: 2, y: 2},
    # b = {x: 0, y: 4}; n_a = n_b = 4.  For x:
    #   log-odds = log(3 / 5) - log(1 / 7)
    #   variance = 1/3 + 1/5 + 1/1 + 1/7
    table = log_odds({"x": 2, "y": 2}, {"y": 4}, prior={"x": 10, "y": 30}, prior_scale=4)
    row = table.set_index("term").loc["x"]
    assert row["log_odds"] == pytest.approx(math.log(3 / 5) - math.log(1 / 7))
    assert row["variance"] == pytest.approx(1 / 3 + 1 / 5 + 1 + 1 / 7)


def test_stronger_prior_shrinks_rare_terms():
    a, b = {"say": 20, "rare": 2}, {"say": 20}
    weak = log_odds(a, b, prior_scale=1).set_index("term").at["rare", "log_odds"]
    strong = log_odds(a, b, prior_scale=100).set_index("term").at["rare", "log_odds"]
    assert 0 < strong < weak


def test_term_missing_from_prior_still_scored():
    table = log_odds({"say": 5, "new": 3}, {"say": 5}, prior={"say": 100}).set_index("term")
    assert table.at["new", "z"] > 0
    assert table["z"].notna().all()


def test_empty_and_degenerate_inputs():
    empty = log_odds({}, {})
    assert empty.empty and list(empty.columns) == LOG_ODDS_COLUMNS
    single = log_odds({"say": 3}, {"say": 1})
    assert len(single) == 1 and single["z"].isna().all()
    with pytest.raises(ValueError):
        log_odds({"a": 1, "b": 1}, {"a": 1}, prior_scale=0)


def test_series_input_is_accepted():
    table = log_odds(pd.Series({"a": 3, "b": 1}), pd.Series({"a": 1, "b": 3}))
    assert table.iloc[0]["term"] == "a"


ATTRIBUTIONS = pd.DataFrame(
    {
        "cue_lemma": ["say", "confirm", "confirm", "say", "claim", "claim", "say", None],
        "camp": ["A", "A", "A", "B", "B", "B", "C", "A"],
    }
)


def test_term_counts_per_group():
    counts = term_counts(ATTRIBUTIONS, "cue_lemma", "camp")
    assert counts.loc["confirm", "A"] == 2
    assert counts.loc["say"].to_dict() == {"A": 1, "B": 1, "C": 1}
    assert counts.to_numpy().sum() == 7  # the row without a cue is left out
    assert term_counts(ATTRIBUTIONS.iloc[0:0], "cue_lemma", "camp").empty
    assert term_counts(ATTRIBUTIONS, "missing", "camp").empty


def test_compare_groups_two_groups_and_against_the_rest():
    pair = compare_groups(ATTRIBUTIONS, "cue_lemma", "camp", "A", "B").set_index("term")
    assert pair.at["confirm", "z"] > 0 > pair.at["claim", "z"]
    assert pair.at["say", "count_a"] == 1 and pair.at["say", "count_b"] == 1
    rest = compare_groups(ATTRIBUTIONS, "cue_lemma", "camp", "A").set_index("term")
    assert rest.at["say", "count_b"] == 2  # B and C together
    assert rest.at["say", "z"] < 0
    assert compare_groups(ATTRIBUTIONS.iloc[0:0], "cue_lemma", "camp", "A").empty


# ------------------------------------------------------------------ k groups, words


@dataclass(frozen=True)
class Story:
    id: str
    outlet: str
    body: str


def _stories() -> list[Story]:
    """Three outlets, four invented stories each, with their own house style."""
    stories = []
    for i in range(4):
        stories.append(
            Story(
                f"g{i}",
                "The Gazette",
                "RIVERTON — The Gazette reported that Sen. Ada Moss (R-Ark.) slammed the "
                f"reckless budget plan {i} and blasted the council. Gazette staff "
                "contributed to this report.",
            )
        )
        stories.append(
            Story(
                f"c{i}",
                "City Chronicle",
                f"Mr. Ben Holt said the budget plan {i} was modest, told City Chronicle "
                "editors the council acted prudently, and praised the prudent plan.",
            )
        )
        stories.append(
            Story(
                f"d{i}",
                "Daily Post",
                f"Officials said budget plan {i} passed. Daily Post readers asked about "
                "the timetable; officials noted the timetable was unchanged.",
            )
        )
    return stories


def test_word_rows_keep_out_outlet_names_and_house_style():
    words = set(word_rows(_stories())["word"])
    for leaked in ("gazette", "chronicle", "daily", "post", "riverton", "sen", "ark", "mr"):
        assert leaked not in words, leaked
    assert {"slammed", "reckless", "prudent", "timetable"} <= words


def test_dotted_initials_are_the_same_word_as_undotted_ones():
    stories = [
        Story("n", "Daily Post", "The F.B.I. questioned the aides of the N.A.A.C.P. at 9 a.m."),
        Story("f", "The Gazette", "The FBI questioned the aides of the NAACP."),
    ]
    rows = word_rows(stories)
    counts = rows.groupby(["outlet", "word"]).size()
    assert counts[("Daily Post", "fbi")] == counts[("The Gazette", "fbi")] == 1
    assert counts[("Daily Post", "naacp")] == 1
    assert not {"a.m", "am"} & set(rows["word"])  # a stop word, dotted or not


def test_distinguishing_terms_for_three_outlets_without_self_references():
    words = word_rows(_stories())
    scores = distinguishing_terms(words, "word", "outlet", min_count=3, k=12)
    assert list(scores.columns) == DISTINGUISHING_COLUMNS
    assert set(scores["group"]) == {"The Gazette", "City Chronicle", "Daily Post"}
    top = scores.groupby("group")["term"].apply(list).to_dict()
    assert {"slammed", "reckless"} <= set(top["The Gazette"])
    assert "prudent" in top["City Chronicle"] or "prudently" in top["City Chronicle"]
    assert "timetable" in top["Daily Post"]
    names = {w for outlet in top for w in outlet.lower().split()}
    assert not names & set(scores["term"])
    assert (scores["z"] > 0).all() and (scores["count"] >= 1).all()
    # the minimum count: a word used fewer than three times in all is never scored
    assert "unchanged" not in set(distinguishing_terms(words, "word", "outlet", min_count=5).term)


def test_stoplist_file_is_documented_and_editable(tmp_path):
    stoplist = load_stoplist()
    assert {"fox", "huffpost", "sen", "rep", "mr"} <= stoplist.words
    assert "new york times" in stoplist.phrases and stoplist.patterns
    mine = tmp_path / "stop.csv"
    mine.write_text("term,match,kind,note\nbudget,word,mine,\n", encoding="utf-8")
    assert "budget" not in set(word_rows(_stories(), stoplist=load_stoplist(mine))["word"])
    mine.write_text("term,match\nx,sometimes\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_stoplist(mine)
