"""Distinguishing terms: the log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008) and the per-group counts it is computed from."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.compare import LOG_ODDS_COLUMNS, compare_groups, log_odds, term_counts


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
