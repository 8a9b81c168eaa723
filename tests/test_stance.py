"""The per-actor and per-camp stance table, the credibility gap between camps, and the
list of cues and loaded candidates the lexicons do not know: small hand-built
attributions tables with known answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.lexicons import STANCES
from analysis.loaded import Candidate
from analysis.stance import (
    CREDIBILITY_NOTE,
    actor_stance_table,
    bootstrap_mean,
    camp_stance_table,
    credibility_gap,
    credibility_gaps,
    stance_table,
    unknown_cues,
    writer_cues,
)

COLUMNS = ["article_id", "actor", "camp", "cue", "cue_lemma", "stance", "credibility"]


def frame(rows, in_quote=None, negated=None) -> pd.DataFrame:
    data = pd.DataFrame(rows, columns=COLUMNS)
    data["in_quote"] = in_quote if in_quote is not None else False
    data["negated"] = negated if negated is not None else False
    return data


# The seed article's writer cues, annotated by hand (cue lemma, stance, credibility
# as the lexicon classes them): the asymmetry the kit must show.
SEED = frame(
    [
        ("seed", "Russia", "Russia", "blamed", "blame", "accusation", 0.0),
        ("seed", "Dmitry Peskov", "Russia", "underlined", "underline", "emphatic", 0.75),
        ("seed", "Kremlin", "Russia", "declared", "declare", "emphatic", 0.75),
        ("seed", "Dmitry Peskov", "Russia", "emphasized", "emphasize", "emphatic", 0.75),
        ("seed", "Dmitry Peskov", "Russia", "noted", "note", "endorsing", 1.0),
        ("seed", "Dmitry Peskov", "Russia", "added", "add", "neutral", 0.0),
        ("seed", "US officials", "United States", "insist", "insist", "distancing", -1.0),
        ("seed", "US officials", "United States", "claiming", "claim", "distancing", -1.0),
        ("seed", "Antony Blinken", "United States", "stated", "state", "neutral", 0.0),
        ("seed", "Antony Blinken", "United States", "claimed", "claim", "distancing", -1.0),
        ("seed", "Antony Blinken", "United States", "added", "add", "neutral", 0.0),
        ("seed", "Ukraine", "Ukraine", "denied", "deny", "denial", -0.5),
        ("seed", "Ukraine", "Ukraine", "accusing", "accuse", "accusation", 0.0),
        ("seed", "Mykhailo Podolyak", "Ukraine", "denied", "deny", "denial", -0.5),
        ("seed", "Mykhailo Podolyak", "Ukraine", "claiming", "claim", "distancing", -1.0),
        ("seed", "CNN", None, "According to", "according to", "neutral", 0.0),
    ]
)


def test_seed_camps_show_the_asymmetry():
    camps = camp_stance_table(SEED).set_index("camp")
    assert camps.loc["Russia", "mean_credibility"] > 0
    assert camps.loc["United States", "mean_credibility"] < 0
    assert camps.loc["Ukraine", "mean_credibility"] < 0
    assert camps.loc["Russia", "mean_credibility"] == pytest.approx(3.25 / 6)
    assert camps.loc["United States", "mean_credibility"] == pytest.approx(-3 / 5)
    assert camps.loc["United States", "n_distancing"] == 3
    assert camps.loc["United States", "share_distancing"] == pytest.approx(0.6)
    assert camps.loc["Russia", "n_emphatic"] == 3
    assert "CNN" not in camps.index and None not in camps.index  # no camp: left out
    gap = credibility_gap(SEED, "Russia", "United States")
    assert gap["gap"] == pytest.approx(3.25 / 6 + 0.6)
    assert 0 < gap["gap_low"] <= gap["gap"] <= gap["gap_high"]


def test_actor_table_counts_shares_and_columns():
    table = actor_stance_table(SEED)
    for stance in STANCES:
        assert f"n_{stance}" in table and f"share_{stance}" in table
    peskov = table.set_index("actor").loc["Dmitry Peskov"]
    assert peskov["camp"] == "Russia"
    assert peskov["cues"] == 4 and peskov["n_emphatic"] == 2 and peskov["n_endorsing"] == 1
    assert peskov["share_emphatic"] == pytest.approx(0.5)
    assert peskov["mean_credibility"] == pytest.approx(2.5 / 4)
    assert peskov["attributions"] == 4
    assert peskov["attribution_share"] == pytest.approx(4 / 16)
    shares = table[[f"share_{s}" for s in STANCES]].sum(axis=1)
    assert np.allclose(shares, 1.0)
    assert table.attrs["note"] == CREDIBILITY_NOTE
    assert "style guides" in CREDIBILITY_NOTE


def test_cues_inside_direct_quotes_are_not_the_writers():
    rows = [
        ("a", "X", "Blue", "said", "say", "neutral", 0.0),
        ("a", "X", "Blue", "claimed", "claim", "distancing", -1.0),
    ]
    table = camp_stance_table(frame(rows, in_quote=[False, True])).set_index("camp")
    assert table.loc["Blue", "cues"] == 1
    assert table.loc["Blue", "n_distancing"] == 0
    assert table.loc["Blue", "mean_credibility"] == 0
    assert table.loc["Blue", "attributions"] == 2  # a voice all the same
    # in_quote written as text (a CSV read back) is understood too
    text_flags = frame(rows, in_quote=["false", "true"])
    assert len(writer_cues(text_flags)) == 1


def test_negated_cues_are_counted_but_carry_no_stance_or_credibility():
    rows = [
        ("a", "X", "Blue", "did not deny", "deny", "denial", -0.5),
        ("a", "X", "Blue", "confirmed", "confirm", "endorsing", 1.0),
    ]
    table = camp_stance_table(frame(rows, negated=[True, False])).set_index("camp")
    assert table.loc["Blue", "cues"] == 2
    assert table.loc["Blue", "negated"] == 1
    assert table.loc["Blue", "n_denial"] == 0
    assert table.loc["Blue", "share_endorsing"] == 1.0
    assert table.loc["Blue", "mean_credibility"] == 1.0
    assert table.loc["Blue", "credibility_n"] == 1


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = [1, 1, 0.75, 0, -1, 0.5, 1, 0]
    first = bootstrap_mean(values, seed=7)
    assert first == bootstrap_mean(values, seed=7)
    assert first != bootstrap_mean(values, seed=8)
    mean, low, high = first
    assert mean == pytest.approx(np.mean(values))
    assert -1 <= low < mean < high <= 1
    wide = bootstrap_mean(values, seed=7, level=0.99)
    assert wide[1] <= low and wide[2] >= high
    assert all(math.isnan(v) for v in bootstrap_mean([]))
    single = bootstrap_mean([0.5])
    assert single[0] == 0.5 and math.isnan(single[1]) and math.isnan(single[2])


def test_clustered_bootstrap_resamples_articles():
    values = [1.0, 1.0, -1.0, -1.0]
    one_article = bootstrap_mean(values, groups=["a"] * 4)
    assert one_article[0] == 0 and math.isnan(one_article[1])
    two = bootstrap_mean(values, groups=["a", "a", "b", "b"], n_resamples=500)
    assert two[1] == pytest.approx(-1) and two[2] == pytest.approx(1)
    table = stance_table(SEED, by=("camp",), cluster="article_id")
    assert table["credibility_low"].isna().all()  # one article: no honest interval


def test_tables_are_reproducible_and_keep_columns_when_empty():
    assert actor_stance_table(SEED).equals(actor_stance_table(SEED))
    empty = actor_stance_table(SEED.iloc[0:0])
    assert list(empty.columns) == list(actor_stance_table(SEED).columns) and empty.empty
    gaps = credibility_gaps(SEED)
    assert {tuple(r) for r in gaps[["camp_a", "camp_b"]].to_numpy()} == {
        ("Russia", "Ukraine"),
        ("Russia", "United States"),
        ("Ukraine", "United States"),
    }
    assert (gaps.set_index(["camp_a", "camp_b"]).loc[("Russia", "Ukraine"), "gap"]) > 0


def test_unknown_cues_and_loaded_candidates():
    rows = [
        ("a", "X", "Blue", "said", "say", "neutral", 0.0),
        ("a", "X", "Blue", "griped", "gripe", "other", 0.0),
        ("b", "Y", "Red", "griped", "gripe", "other", 0.0),
        ("b", "Y", "Red", "hit back", "hit back", "other", 0.0),
    ]
    candidates = [
        Candidate("a", 0, 8, "baseless", "baseless", "ADJ", "predicate"),
        Candidate("b", 5, 13, "baseless", "baseless", "ADJ", "predicate"),
        Candidate("b", 20, 26, "regime", "regime", "NOUN", "predicate"),  # known
    ]
    table = unknown_cues(frame(rows), lexicon={("say", "verb")}, candidates=candidates)
    found = {(r.kind, r.lemma): (r.count, r.articles) for r in table.itertuples()}
    assert found == {
        ("cue", "gripe"): (2, 2),
        ("cue", "hit back"): (1, 1),
        ("loaded", "baseless"): (2, 2),
    }
    assert table.iloc[0]["count"] == 2
    assert table["tagged"].isna().sum() == 2  # cues carry no tagger count
    assert unknown_cues(None).empty


def test_loaded_candidates_the_tagger_marks_come_before_frequent_plain_ones():
    plain = [Candidate(a, 0, 7, "federal", "federal", "ADJ", "modifier") for a in "abcd"]
    loaded = [
        Candidate("a", 9, 16, "callous", "callous", "ADJ", "modifier", tagged=True),
        Candidate("b", 9, 16, "callous", "callous", "ADJ", "modifier"),
    ]
    table = unknown_cues(None, candidates=plain + loaded, loaded=[])
    assert table[["lemma", "count", "tagged"]].values.tolist() == [
        ["callous", 2, 1],
        ["federal", 4, 0],
    ]


def test_seed_asymmetry_end_to_end(nlp, seed_path, tmp_path):
    """The seed through the attribution and actor layers, then the camp table."""
    attribution = pytest.importorskip("analysis.attribution")
    actors = pytest.importorskip("analysis.actors")
    from analysis.ingest import read_articles
    from analysis.nlp import Parser

    (article,), _ = read_articles([seed_path])
    (parsed,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    found = attribution.extract_attributions(article, parsed.doc)
    speakers = [(a.speaker_start, a.speaker_end) for a in found if a.speaker_start is not None]
    mentions = actors.find_mentions(
        article, parsed.doc, actors.load_aliases(), speaker_spans=speakers
    )
    rows = []
    for a in found:
        mention = None
        if a.speaker_start is not None:
            mention = actors.actor_at(mentions, a.speaker_start, a.speaker_end, article.id)
        rows.append(
            {
                **{k: getattr(a, k) for k in ("article_id", "cue", "cue_lemma", "stance")},
                "credibility": a.credibility,
                "in_quote": a.in_quote,
                "negated": a.negated,
                "actor": mention.actor if mention else None,
                "camp": mention.camp if mention else None,
            }
        )
    camps = camp_stance_table(pd.DataFrame(rows)).set_index("camp")
    assert camps.loc["Russia", "mean_credibility"] > 0
    assert camps.loc["United States", "mean_credibility"] < 0
    assert camps.loc["Ukraine", "mean_credibility"] < 0


@pytest.mark.parametrize("size_a, size_b", [(900, 800), (30, 700), (5, 3), (1, 40)])
def test_permutation_p_in_blocks_is_the_one_block_value(size_a, size_b):
    """Credibility-gap p-values draw their shuffles a block at a time (flat memory) and
    partition each row of random keys instead of sorting it; the random stream and so
    the p-value are those of sorting all the keys at once, whichever side is smaller."""
    from analysis.stance import _permutation_p

    rng = np.random.default_rng(4)
    a, b = rng.choice([-0.5, 0.0, 0.5], size_a), rng.choice([-0.5, 0.0, 0.5, 1.0], size_b)
    pooled = np.concatenate([a, b])
    shuffled = pooled[np.argsort(np.random.default_rng(11).random((2000, pooled.size)), axis=1)]
    null = np.abs(shuffled[:, :size_a].mean(axis=1) - shuffled[:, size_a:].mean(axis=1))
    observed = abs(a.mean() - b.mean())
    exceed = np.count_nonzero(null >= observed - 1e-12 * max(1.0, observed))
    assert _permutation_p(a, b, 2000, 11) == (1 + exceed) / 2001


def test_unknown_cue_counts_of_parts_add_up_to_the_whole():
    from analysis.stance import finish_unknown_cues, merge_unknown_cue_counts, unknown_cue_counts

    frame = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "c", "c", "d"],
            "cue_lemma": ["opine", "opine", "opine", "quip", "say", "quip"],
            "cue": ["opined", "opines", "opined", "quipped", "said", "quips"],
        }
    )
    whole = finish_unknown_cues(unknown_cue_counts(frame, ["say"], [], []))
    parts = [unknown_cue_counts(frame.iloc[:3], ["say"], [], []),
             unknown_cue_counts(frame.iloc[3:], ["say"], [], [])]  # fmt: skip
    merged = finish_unknown_cues(merge_unknown_cue_counts(parts))
    pd.testing.assert_frame_equal(whole, merged)
    assert whole[["lemma", "count", "articles", "example"]].values.tolist() == [
        ["opine", 3, 2, "opined"],
        ["quip", 2, 2, "quipped"],
    ]
