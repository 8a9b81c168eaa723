"""Outlet comparison: outlets.csv, outlet_tests.csv, events.csv and the paired
within-event differences, from small tables written here (no parsing), plus the
statistics behind them (permutation tests, Benjamini–Hochberg, camp-pair gaps)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import outlets
from analysis.stance import credibility_gaps

CONTRACT_OUTLET_COLUMNS = (
    "level, outlet, actor, camp, articles, mentions, mentions_per_article, times_quoted, "
    "voice_share, cues, credibility_mean, credibility_low, credibility_high, portrayal_n, "
    "portrayal_mean, portrayal_low, portrayal_high, loaded_about, loaded_about_per_1k_tokens"
).split(", ")
CONTRACT_TEST_COLUMNS = "actor, camp, measure, outlets, n, statistic, p_value, q_value".split(", ")


def corpus(portrayal_by_outlet: dict[str, float], events: int = 12, seed: int = 1, noise=0.15):
    """`events` events, each reported once by every outlet; in every article "Ann Lee"
    (camp Blue) is mentioned twice and quoted once with "said" or "claimed", and
    "Bo Park" (camp Red) once; Ann's portrayal is the outlet's value plus noise."""
    rng = np.random.default_rng(seed)
    articles, mentions, attributions, sentiment, loaded = [], [], [], [], []
    for e in range(events):
        for outlet, level in portrayal_by_outlet.items():
            article = f"{outlet}-{e}"
            articles.append(
                {"article_id": article, "outlet": outlet, "event": f"ev{e}", "tokens": 500}
            )
            for actor, camp, n in (("Ann Lee", "Blue", 2), ("Bo Park", "Red", 1)):
                mentions += [{"article_id": article, "actor": actor, "camp": camp}] * n
            claimed = outlet == "Doubter"
            attributions.append(
                {
                    "article_id": article,
                    "speaker": "Ann Lee",
                    "actor": "Ann Lee",
                    "camp": "Blue",
                    "stance": "distancing" if claimed else "neutral",
                    "credibility": -0.5 if claimed else 0.0,
                    "in_quote": False,
                    "negated": False,
                    "cue_lemma": "claim" if claimed else "say",
                }
            )
            attributions.append(
                {
                    "article_id": article,
                    "speaker": None,
                    "actor": None,
                    "camp": None,
                    "stance": "neutral",
                    "credibility": 0.0,
                    "in_quote": False,
                    "negated": False,
                    "cue_lemma": "say",
                }
            )
            sentiment.append(
                {
                    "article_id": article,
                    "actor": "Ann Lee",
                    "camp": "Blue",
                    "mentions": 2,
                    "portrayal": float(np.clip(level + rng.normal(0, noise), -1, 1)),
                }
            )
            sentiment.append(
                {
                    "article_id": article,
                    "actor": "Bo Park",
                    "camp": "Red",
                    "mentions": 1,
                    "portrayal": float(rng.normal(0, noise)),
                }
            )
            loaded.append({"article_id": article, "actor": "Ann Lee", "category": "label"})
            loaded.append({"article_id": article, "actor": "Ann Lee", "category": "hedge"})
    return {
        "articles": pd.DataFrame(articles),
        "mentions": pd.DataFrame(mentions),
        "attributions": pd.DataFrame(attributions),
        "actor_sentiment": pd.DataFrame(sentiment),
        "loaded_terms": pd.DataFrame(loaded),
    }


@pytest.fixture(scope="module")
def different():
    """Ann is portrayed clearly worse by "Harsh" than by "Mild"; "Doubter" says she
    "claimed"."""
    return outlets.outlet_tables(
        corpus({"Harsh": -0.6, "Mild": 0.2, "Doubter": 0.2}), n_resamples=400
    )


def test_outlets_table_has_the_contract_columns_and_values(different):
    table = different["outlets"]
    assert list(table.columns[: len(CONTRACT_OUTLET_COLUMNS)]) == CONTRACT_OUTLET_COLUMNS
    ann = table[(table["level"] == "actor") & (table["actor"] == "Ann Lee")].set_index("outlet")
    assert set(ann.index) == {"Harsh", "Mild", "Doubter"}
    assert (ann["articles"] == 12).all() and (ann["mentions_per_article"] == 2).all()
    assert ann.loc["Mild", "camp"] == "Blue"
    # one of the two attributions per article is Ann's (the other has no named source)
    assert ann.loc["Mild", "voice_share"] == pytest.approx(1.0)
    assert ann.loc["Doubter", "credibility_mean"] == pytest.approx(-0.5)
    assert ann.loc["Mild", "credibility_mean"] == pytest.approx(0.0)
    # hedges are not loaded terms: one judgement per 500 tokens = 2 per 1,000
    assert (ann["loaded_about"] == 12).all() and (ann["hedges_about"] == 12).all()
    assert ann.loc["Harsh", "loaded_about_per_1k_tokens"] == pytest.approx(2.0)
    harsh = ann.loc["Harsh"]
    assert harsh["portrayal_low"] < harsh["portrayal_mean"] < harsh["portrayal_high"]
    assert harsh["portrayal_high"] < ann.loc["Mild", "portrayal_low"]
    camps = table[table["level"] == "camp"]
    assert set(camps["camp"]) == {"Blue", "Red"} and camps["actor"].isna().all()


def test_outlet_tests_find_a_known_difference(different):
    tests = different["outlet_tests"]
    assert list(tests.columns[1:9]) == CONTRACT_TEST_COLUMNS
    row = tests[(tests["actor"] == "Ann Lee") & (tests["measure"] == "portrayal")].iloc[0]
    assert row["q_value"] < 0.01 and row["lowest"] == "Harsh"
    assert row["outlets"] == "Doubter;Harsh;Mild" and row["n"] == 36
    credibility = tests[(tests["actor"] == "Ann Lee") & (tests["measure"] == "credibility")]
    assert credibility.iloc[0]["q_value"] < 0.01
    # Bo is treated alike everywhere: nothing to find
    bo = tests[(tests["actor"] == "Bo Park") & (tests["measure"] == "portrayal")].iloc[0]
    assert bo["p_value"] > 0.01


def test_shuffled_outlets_give_no_small_q_values():
    tables = corpus({"Harsh": -0.6, "Mild": 0.2, "Doubter": 0.2}, seed=3)
    shuffled = tables["articles"].copy()
    shuffled["outlet"] = np.random.default_rng(7).permutation(shuffled["outlet"].to_numpy())
    # the same articles, outlets dealt at random, and no cue told apart by outlet
    tables["articles"] = shuffled
    tables["attributions"] = tables["attributions"].assign(credibility=0.0, stance="neutral")
    tests = outlets.outlet_tables(tables, n_resamples=200)["outlet_tests"]
    assert len(tests) and tests["q_value"].min() > 0.05


def test_permutation_p_matches_scipy_and_is_uniformish_under_the_null():
    rng = np.random.default_rng(0)
    groups = [rng.normal(0, 1, 10), rng.normal(0.8, 1, 12), rng.normal(0, 1, 9)]
    statistic, p = outlets.permutation_p(groups, n_resamples=4999)
    reference = stats.permutation_test(
        groups,
        outlets.between_outlets_statistic,
        permutation_type="independent",
        vectorized=True,
        n_resamples=4999,
        alternative="greater",
        rng=1,
    )
    assert statistic == pytest.approx(reference.statistic)
    assert p == pytest.approx(reference.pvalue, abs=0.02)
    null = [
        outlets.permutation_p([rng.normal(0, 1, 8) for _ in range(3)], n_resamples=199, seed=i)[1]
        for i in range(60)
    ]
    assert 0.3 < float(np.mean(null)) < 0.7


def test_bh_q_values_match_scipy_and_keep_missing_values():
    p = np.array([0.01, 0.04, np.nan, 0.03, 0.5])
    q = outlets.bh_q_values(p)
    assert np.isnan(q[2])
    valid = ~np.isnan(p)
    assert q[valid] == pytest.approx(stats.false_discovery_control(p[valid], method="bh"))


def test_events_and_paired_differences(different):
    events = different["events"]
    assert set(events["event"]) == {f"ev{e}" for e in range(12)}
    one = events[(events["event"] == "ev0") & (events["actor"] == "Ann Lee")]
    assert set(one["outlet"]) == {"Harsh", "Mild", "Doubter"} and (one["articles"] == 1).all()
    paired = different["event_differences"]
    harsh = paired[
        (paired["actor"] == "Ann Lee")
        & (paired["measure"] == "portrayal")
        & (paired["outlet"] == "Harsh")
    ].iloc[0]
    assert harsh["events"] == 12 and harsh["mean_difference"] < -0.5
    assert harsh["difference_high"] < 0 and harsh["q_value"] < 0.01


def test_fewer_than_two_outlets_give_no_tables():
    tables = corpus({"Only": 0.0}, events=4)
    assert outlets.outlet_tables(tables) == {}


def test_no_event_field_gives_no_event_tables():
    tables = corpus({"A": 0.0, "B": 0.1}, events=4)
    tables["articles"] = tables["articles"].drop(columns=["event"])
    made = outlets.outlet_tables(tables, n_resamples=100)
    assert set(made) == {"outlets", "outlet_tests"}


def test_loaded_rates_keep_hedges_apart():
    tables = corpus({"A": 0.0, "B": 0.0}, events=5)
    terms = tables["loaded_terms"].assign(loaded=lambda f: f["category"] != "hedge")
    # a row the tagger scored as not loaded counts apart, whatever its category
    terms.loc[len(terms)] = {"article_id": "A-0", "actor": None, "category": "label",
                             "loaded": False}  # fmt: skip
    rates = outlets.loaded_rates(terms, tables["articles"], n_resamples=100)
    row = rates.set_index(["outlet", "kind"]).loc[("A", "judgement")]
    assert row["terms"] == 5 and row["per_1k"] == pytest.approx(2.0)
    assert rates.set_index(["outlet", "kind"]).loc[("A", "hedge"), "terms"] == 6
    assert row["low"] <= row["per_1k"] <= row["high"]


def test_stance_by_outlet_shares():
    tables = corpus({"Mild": 0.0, "Doubter": 0.0}, events=3)
    table = outlets.stance_by_outlet(tables["attributions"], tables["articles"])
    doubter = table[table["outlet"] == "Doubter"].set_index("stance")
    assert doubter.loc["distancing", "share"] == pytest.approx(0.5)
    assert doubter["share"].sum() == pytest.approx(1.0)


def test_credibility_gaps_only_among_top_camps_with_q_values():
    rows = []
    for i, camp in enumerate("ABCDEFGHIJ"):
        for j in range(12 - i):  # camp A has the most cues
            score = -0.5 if camp == "A" else 0.0
            rows.append(
                {"article_id": f"a{j}", "camp": camp, "credibility": score, "stance": "neutral"}
            )
    gaps = credibility_gaps(pd.DataFrame(rows), max_camps=4, n_resamples=300)
    assert set(gaps["camp_a"]) | set(gaps["camp_b"]) == {"A", "B", "C", "D"}
    assert len(gaps) == 6 and "top 4 of 10 camps" in gaps.attrs["camps"]
    a_vs_b = gaps.set_index(["camp_a", "camp_b"]).loc[("A", "B")]
    assert a_vs_b["gap"] == pytest.approx(-0.5) and a_vs_b["q_value"] < 0.01
    c_vs_d = gaps.set_index(["camp_a", "camp_b"]).loc[("C", "D")]
    assert c_vs_d["p_value"] == 1.0


def test_outlet_table_in_key_blocks_is_the_table_in_one_pass(monkeypatch):
    """Big corpora are summarised a block of actors at a time (flat memory); the
    blocks give exactly the one-pass table."""
    from analysis.outlets import summary as outlet_summary

    tables = corpus({"Harsh": -0.6, "Mild": 0.2, "Doubter": 0.2}, events=6)
    extra = [  # 40 more actors, so that blocks of 16 cut the actors three ways
        {"article_id": a, "actor": f"Extra {k:02d}", "camp": "Green" if k % 2 else "Blue"}
        for k in range(40)
        for a in tables["articles"]["article_id"][k % 5 :: 5]
    ]
    tables["mentions"] = pd.concat([tables["mentions"], pd.DataFrame(extra)], ignore_index=True)
    measures = outlets.article_measures(tables)
    whole = outlets.outlet_table(measures, tables["articles"], n_resamples=300)
    monkeypatch.setattr(outlet_summary, "BLOCK_NUMBERS", 100)
    blocked = outlets.outlet_table(measures, tables["articles"], n_resamples=300)
    assert len(whole) > 40 * 2
    pd.testing.assert_frame_equal(whole, blocked)


def test_permutation_p_in_blocks_is_the_one_block_value():
    """The permutation test draws its shuffles a block at a time; the random stream and
    so the p-value are those of drawing them all at once."""
    rng = np.random.default_rng(3)
    groups = [rng.normal(0, 1, 700), rng.normal(0.1, 1, 800)]
    pooled = np.concatenate(groups)
    draws = np.random.default_rng(9).random((999, pooled.size))  # all at once (~1.5M)
    shuffled = pooled[np.argsort(draws, axis=1)]
    null = outlets.between_outlets_statistic(shuffled[:, :700], shuffled[:, 700:], axis=1)
    observed = outlets.between_outlets_statistic(*groups)
    expected = (1 + np.count_nonzero(null >= observed - 1e-12 * max(1.0, observed))) / 1000
    assert outlets.permutation_p(groups, n_resamples=999, seed=9) == (observed, expected)
