"""Charts: each function draws what its tables hold (asserted on the artists), handles
empty input and long names, and `save_figure` writes deterministic PNG/SVG/PDF files
plus the CSV of the numbers drawn."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to check that no pyplot figure is left)
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import plots  # noqa: E402
from analysis.compare import log_odds  # noqa: E402

LONG_NAME = "Nadia Ferrow, director of the Open Rivers Trust environmental organisation"

ARTICLES = pd.DataFrame(
    {
        "article_id": ["a1", "a2", "a3"],
        "outlet": ["Courier", "Observer", "Courier"],
        "date": ["2026-03-12", "2026-03-13", "2026-03-14"],
        "tokens": [400, 500, 100],
    }
)

ATTRIBUTIONS = pd.DataFrame(
    {
        "article_id": ["a1", "a1", "a1", "a2", "a2", "a3", "a3", "a3"],
        "speaker": ["Dask", "Brenn", "Holm", "Brenn", "Brenn", "Dask", None, LONG_NAME],
        "actor": ["Dask", "Brenn", "Holm", "Brenn", "Brenn", "Dask", None, LONG_NAME],
        "camp": ["Valdoria", "Kestrel", None, "Kestrel", "Kestrel", "Valdoria", None, "NGO"],
        "cue_lemma": ["confirm", "claim", "say", "say", "deny", "stress", "report", "say"],
        "stance": [
            "endorsing",
            "distancing",
            "neutral",
            "neutral",
            "denial",
            "emphatic",
            "neutral",
            "neutral",
        ],
        "credibility": [1.0, -1.0, 0.0, 0.0, -0.5, 0.75, 0.0, 0.0],
        "content": ["a b c", "d e", "f", "g h i j", "k", "l m", "n", "o p q"],
        "in_quote": [False, False, False, False, True, False, False, False],
    }
)

ACTORS = pd.DataFrame(
    {
        "level": ["actor", "actor", "actor", "camp", "camp", "camp"],
        "actor": ["Dask", "Brenn", LONG_NAME, None, None, None],
        "camp": ["Valdoria", "Kestrel", "NGO", "Valdoria", "Kestrel", "NGO"],
        "times_quoted": [2, 3, 1, 2, 3, 1],
        "n_neutral": [0, 1, 1, 0, 1, 1],
        "n_endorsing": [1, 0, 0, 1, 0, 0],
        "n_distancing": [0, 1, 0, 0, 1, 0],
        "credibility_mean": [0.9, -0.4, 0.0, 0.9, -0.4, None],
        "credibility_low": [0.8, -0.9, None, 0.8, -0.9, None],
        "credibility_high": [1.0, 0.1, None, 1.0, 0.1, None],
        "portrayal_mean": [0.3, -0.25, 0.05, 0.3, -0.25, 0.05],
        "portrayal_low": [0.1, -0.5, -0.2, 0.1, -0.5, -0.2],
        "portrayal_high": [0.5, 0.0, 0.3, 0.5, 0.0, 0.3],
        "portrayal_n": [12, 8, 3, 12, 8, 3],
    }
)

LOADED = pd.DataFrame(
    {
        "article_id": ["a1", "a1", "a2", "a2", "a2", "a3"],
        "lemma": ["regime", "so-called", "regime", "heroic", "so-called", "puppet"],
        "category": ["label", "doubt", "label", "puffery", "doubt", "label"],
    }
)


def _texts(ax) -> list[str]:
    return [text.get_text() for text in ax.texts]


def _ticks(labels) -> list[str]:
    return [label.get_text() for label in labels]


def _caption(figure: Figure) -> str:
    return figure.get_supxlabel()


@pytest.fixture(autouse=True)
def no_pyplot_figures():
    """Charts are built without pyplot: nothing is registered, nothing leaks."""
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


def test_voice_share_bars_per_outlet_and_camp():
    figure = plots.plot_voice_share(ATTRIBUTIONS, ARTICLES)
    assert isinstance(figure, Figure)
    ax = figure.axes[0]
    # in_quote and source-less rows dropped: camps Valdoria, Kestrel, NGO, no camp
    assert len(ax.patches) == 2 * 4
    assert _ticks(ax.get_yticklabels()) == ["Observer", "Courier"]  # bottom-up
    assert "n=1" in _texts(ax) and "n=5" in _texts(ax)
    assert "n = 6 attributions in 3 articles" in _caption(figure)
    table = plots.figure_table(figure)
    shares = table.groupby("outlet")["share"].sum()
    assert shares.to_dict() == pytest.approx({"Courier": 1.0, "Observer": 1.0})
    courier = table[table["outlet"] == "Courier"].set_index("camp")["count"]
    assert courier["Valdoria"] == 2 and courier["no camp"] == 1


def test_voice_share_by_quoted_words():
    figure = plots.plot_voice_share(ATTRIBUTIONS, ARTICLES, measure="words")
    table = plots.figure_table(figure)
    observer = table[table["outlet"] == "Observer"].set_index("camp")["count"]
    assert observer["Kestrel"] == 4  # "g h i j"; the in-quote row is left out
    assert figure.axes[0].get_xlabel() == "share of quoted words"


def test_stance_heatmap_counts_and_shares():
    figure = plots.plot_stance_heatmap(ATTRIBUTIONS, by="camp")
    ax = figure.axes[0]
    assert _ticks(ax.get_xticklabels()) == list(plots.STANCES)
    rows = _ticks(ax.get_yticklabels())
    assert rows == ["Kestrel (n=2)", "Valdoria (n=2)", "NGO (n=1)"]  # by count, then name
    # one number per non-empty cell: Valdoria 2 cells, Kestrel 2, NGO 1
    assert sorted(_texts(ax)) == ["1", "1", "1", "1", "1"]
    image = ax.images[0].get_array()
    assert image.shape == (3, 10)
    assert list(image.sum(axis=1)) == pytest.approx([1.0, 1.0, 1.0])


def test_stance_heatmap_from_actor_summary_and_row_limit():
    figure = plots.plot_stance_heatmap(ACTORS, by="actor", max_rows=2)
    ax = figure.axes[0]
    assert len(ax.get_yticklabels()) == 2
    assert "1 not shown" in _caption(figure)


def test_credibility_points_intervals_and_note():
    figure = plots.plot_credibility(ACTORS)
    ax = figure.axes[0]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(points) == 1 and len(points[0].get_offsets()) == 2  # NGO has no mean
    assert _ticks(ax.get_yticklabels()) == ["Kestrel", "Valdoria"]  # sorted by mean
    assert any(line.get_xdata()[0] == 0 for line in ax.get_lines())  # the zero line
    assert "style guides" in _caption(figure) and "not on annotated data" in _caption(figure)
    assert _texts(ax) == ["n=3", "n=2"]
    assert ax.get_xlim() == pytest.approx((-1.05, 1.05))


def test_portrayal_diverging_bars_coloured_by_sign():
    figure = plots.plot_portrayal(ACTORS)
    ax = figure.axes[0]
    assert len(ax.patches) == 3
    widths = [patch.get_width() for patch in ax.patches]
    assert widths == pytest.approx([-0.25, 0.05, 0.3])
    colours = [to_hex(patch.get_facecolor()) for patch in ax.patches]
    assert colours[0] == plots.NEGATIVE_COLOR.lower()
    assert colours[2] == plots.POSITIVE_COLOR.lower()
    assert {"n=8", "n=3", "n=12"} <= set(_texts(ax))
    low, high = ax.get_xlim()
    assert low == pytest.approx(-high)  # centred at zero
    labels = _ticks(ax.get_yticklabels())
    assert "…" in labels[1] and labels[1].count("\n") == 1  # long name wrapped and cut


def test_portrayal_marks_the_no_evidence_level():
    from analysis.portrayal import no_evidence_score

    figure = plots.plot_portrayal(ACTORS, no_evidence=0.12)
    ax = figure.axes[0]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and dashed[0].get_xdata()[0] == pytest.approx(0.12)
    assert "no evidence" in _texts(ax) and "(+0.12)" in _caption(figure)
    default = plots.plot_portrayal(ACTORS)  # the shipped model's level
    assert f"({no_evidence_score():+.2f})" in _caption(default)


def test_portrayal_min_n_leaves_out_rarely_mentioned():
    figure = plots.plot_portrayal(ACTORS, min_n=5)
    assert len(figure.axes[0].patches) == 2


def test_loaded_terms_stacked_by_category():
    figure = plots.plot_loaded_terms(LOADED, ARTICLES)
    ax = figure.axes[0]
    assert len(ax.patches) == 2 * 3  # outlets x categories
    assert sorted(_texts(ax)) == [" 3", " 3"]
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["label", "doubt", "puffery"]
    rates = plots.figure_table(plots.plot_loaded_terms(LOADED, ARTICLES, rate=True))
    courier = rates[(rates["outlet"] == "Courier") & (rates["category"] == "label")]
    assert courier["per_1000_tokens"].iloc[0] == pytest.approx(2 / 0.5)


def test_loaded_terms_chart_leaves_hedges_out():
    hedge = pd.DataFrame({"article_id": ["a1"], "lemma": ["may"], "category": ["hedge"]})
    terms = pd.concat([LOADED.assign(loaded=True), hedge.assign(loaded=False)])
    figure = plots.plot_loaded_terms(terms, ARTICLES)
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert "hedge" not in legend and sorted(_texts(figure.axes[0])) == [" 3", " 3"]
    caption = " ".join(text.get_text() for text in figure.texts)
    assert "n = 6 loaded terms" in caption and "1 hedge left out" in caption


def test_distinguishing_terms_top_k_each_side():
    scores = log_odds(
        {"confirm": 6, "stress": 4, "note": 3, "say": 10},
        {"claim": 6, "insist": 4, "say": 10},
    )
    figure = plots.plot_distinguishing_terms(scores, label_a="Courier", label_b="Observer", k=2)
    ax = figure.axes[0]
    assert len(ax.patches) == 4
    labels = _ticks(ax.get_yticklabels())
    assert labels[-1] == "confirm" and labels[0] == "claim"
    assert "6:0" in _texts(ax) and "0:6" in _texts(ax)
    assert sum(patch.get_width() > 0 for patch in ax.patches) == 2


def test_timeline_counts_per_group_and_mean():
    figure = plots.plot_timeline(ATTRIBUTIONS, ARTICLES, group="outlet", what="attributions")
    ax = figure.axes[0]
    lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert [line.get_label() for line in lines] == ["Courier", "Observer"]
    assert list(lines[0].get_ydata()) == [3, 3]
    mean = plots.plot_timeline(ATTRIBUTIONS, ARTICLES, value="credibility")
    assert plots.figure_table(mean)["value"].round(3).tolist() == [0.0, -0.25, 0.25]


def test_timeline_ticks_name_their_month_across_a_month_boundary():
    """Every-few-days ticks from 8 September to 7 October 2016 (PolNeAR's dev span) skip
    the 1st, where a concise date axis would have named the month: each tick names it."""
    articles = ARTICLES.assign(date=["2016-09-08", "2016-09-20", "2016-10-07"])
    figure = plots.plot_timeline(ATTRIBUTIONS, articles)
    ax = figure.axes[0]
    figure.canvas.draw()
    labels = [tick.get_text() for tick in ax.get_xticklabels() if tick.get_text()]
    assert labels and all(label.split()[-1] in ("Sep", "Oct") for label in labels)
    assert ax.get_xlabel() == "date, 2016"


def test_timeline_without_dates_says_so():
    undated = ARTICLES.assign(date=None)
    figure = plots.plot_timeline(ATTRIBUTIONS, undated)
    assert "no dated articles" in _texts(figure.axes[0])


@pytest.mark.parametrize(
    "draw",
    [
        lambda: plots.plot_voice_share(ATTRIBUTIONS.iloc[0:0]),
        lambda: plots.plot_voice_share(pd.DataFrame()),
        lambda: plots.plot_stance_heatmap(pd.DataFrame()),
        lambda: plots.plot_credibility(pd.DataFrame()),
        lambda: plots.plot_portrayal(ACTORS.iloc[0:0]),
        lambda: plots.plot_loaded_terms(pd.DataFrame(columns=["article_id", "category"])),
        lambda: plots.plot_distinguishing_terms(log_odds({}, {})),
        lambda: plots.plot_timeline(pd.DataFrame()),
    ],
)
def test_empty_input_gives_a_no_data_figure(draw):
    figure = draw()
    assert isinstance(figure, Figure)
    assert any("no " in text for text in _texts(figure.axes[0]))


def test_camp_colours_are_stable_and_distinct():
    camps = ["Valdoria", "Kestrel", "NGO", "Union", "Company", "Commission", None]
    colours = plots.camp_colors(camps)
    assert colours == plots.camp_colors(list(reversed(camps)))
    assert colours["no camp"] == plots.MISSING_COLOR
    assert len(set(colours.values())) == len(colours)  # seven camps + grey: all distinct
    assert plots.camp_color("Valdoria") == plots.camp_color("valdoria ")
    voice = plots.plot_voice_share(ATTRIBUTIONS, ARTICLES, colors=colours)
    bars = {to_hex(patch.get_facecolor()) for patch in voice.axes[0].patches}
    assert colours["Valdoria"].lower() in bars


def test_short_label_wraps_and_truncates():
    assert plots.short_label("Dask") == "Dask"
    label = plots.short_label(LONG_NAME, width=20, lines=2)
    assert label.count("\n") == 1 and label.endswith("…")
    assert all(len(line) <= 20 for line in label.split("\n"))


def test_save_figure_writes_every_format_deterministically(tmp_path):
    figure = plots.plot_stance_heatmap(ATTRIBUTIONS)
    paths = plots.save_figure(figure, tmp_path / "a", "stance")
    assert [path.name for path in paths] == [
        "stance.png",
        "stance.svg",
        "stance.pdf",
        "stance.csv",
    ]
    assert all(path.stat().st_size > 0 for path in paths)
    assert not [path for path in (tmp_path / "a").iterdir() if path.name.startswith(".")]
    svg = (tmp_path / "a" / "stance.svg").read_text(encoding="utf-8")
    assert "Reporting-cue stance per camp" in svg  # text kept as text
    assert pd.read_csv(tmp_path / "a" / "stance.csv")["count"].sum() == 5
    again = plots.save_figure(plots.plot_stance_heatmap(ATTRIBUTIONS), tmp_path / "b", "stance")
    for first, second in zip(paths, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_save_figure_without_a_table_writes_three_images(tmp_path):
    figure = Figure()
    figure.add_subplot().plot([0, 1], [1, 0])
    paths = plots.save_figure(figure, tmp_path, "plain")
    assert sorted(path.suffix for path in paths) == [".pdf", ".png", ".svg"]
    assert all(path.stat().st_size > 0 for path in paths)


NINE_CAMPS = [f"Camp {letter}" for letter in "ABCDEFGHI"]


def test_voice_share_pools_small_camps_and_keeps_colours_distinct():
    rows = pd.DataFrame(
        {
            "article_id": "a1",
            "speaker": "someone",
            "outlet": "Courier",
            "camp": [camp for i, camp in enumerate(NINE_CAMPS) for _ in range(9 - i)] + [None],
        }
    )
    figure = plots.plot_voice_share(rows, max_camps=7)
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == NINE_CAMPS[:7] + ["other camps", "no camp"]
    colours = [to_hex(patch.get_facecolor()) for patch in figure.axes[0].patches]
    assert len(colours) == 9 and len(set(colours)) == 9


def test_chart_palette_repairs_collisions_within_a_chart():
    universe = NINE_CAMPS + ["Camp J"]
    palette = plots.chart_palette(NINE_CAMPS[:7], universe=universe)
    assert len(set(palette.values())) == 7
    given = {"Camp A": "#000000", "Camp B": "#000000"}
    repaired = plots.chart_palette(["Camp A", "Camp B"], given)
    assert repaired["Camp A"] == "#000000" and repaired["Camp B"] != "#000000"


def test_run_caption_states_what_was_counted():
    run = {
        "kit_version": "0.1.0",
        "started_at": "2026-01-01T00:00:00",
        "model": {"name": "en_core_web_sm", "version": "3.8.0"},
        "counts": {"articles": 13},
        "sentiment": {"backend": "vader"},
    }
    caption = plots.run_caption(run)
    assert caption == (
        "13 articles; framing kit 0.1.0; spaCy en_core_web_sm 3.8.0; sentiment backend vader."
    )
    assert plots.run_caption({}) == ""
    # the default attribution mode goes unsaid; the tagger's run says so
    assert plots.run_caption({**run, "attribution": {"mode": "combined"}}) == caption
    tagged = plots.run_caption({**run, "attribution": {"mode": "tagger"}})
    assert tagged.endswith("sentiment backend vader; attribution mode tagger.")


def test_portrayal_without_intervals_draws_no_error_bars():
    actors = pd.DataFrame(
        {
            "level": ["actor", "actor"],
            "actor": ["A", "B"],
            "camp": ["X", "Y"],
            "portrayal_mean": [0.4, -0.2],
            "portrayal_n": [5, 6],
        }
    )
    fig = plots.plot_portrayal(actors)
    ax = fig.axes[0]
    assert len(ax.patches) == 2
    assert not ax.containers[1:]  # only the bar container, no error-bar container
    assert "interval" not in ax.get_xlabel()


# ------------------------------------------------------------------ outlet comparison

OUTLETS = pd.DataFrame(
    {
        "level": ["actor"] * 5 + ["camp"],
        "outlet": ["Courier", "Observer", "Courier", "Observer", "Courier", "Courier"],
        "actor": ["Ann", "Ann", "Bo", "Bo", "Cy", None],
        "camp": ["X", "X", "Y", "Y", "Y", "X"],
        "mentions": [10, 6, 4, 4, 9, 10],
        "portrayal_mean": [-0.4, 0.1, 0.0, 0.2, 0.3, -0.4],
        "portrayal_low": [-0.6, -0.1, None, 0.0, 0.1, -0.6],
        "portrayal_high": [-0.2, 0.3, None, 0.4, 0.5, -0.2],
        "portrayal_n": [5, 4, 1, 3, 4, 5],
        "credibility_mean": [-0.5, 0.0, 0.0, 0.0, 0.1, -0.5],
        "credibility_low": [-0.8, -0.2, None, None, None, -0.8],
        "credibility_high": [-0.2, 0.2, None, None, None, -0.2],
        "cues": [6, 5, 1, 2, 3, 6],
        "voice_share": [0.3, 0.2, 0.1, 0.1, 0.2, 0.3],
        "voice_share_low": [0.2, 0.1, None, 0.05, 0.1, 0.2],
        "voice_share_high": [0.4, 0.3, None, 0.2, 0.3, 0.4],
        "times_quoted": [6, 5, 1, 2, 3, 6],
    }
)


def test_actor_outlet_dots_show_actors_in_two_outlets_with_intervals():
    figure = plots.plot_actor_outlets(OUTLETS)
    assert len(figure.axes) == 3
    assert _ticks(figure.axes[0].get_yticklabels()) == ["Bo", "Ann"]  # Cy: one outlet only
    table = plots.figure_table(figure)
    ann = table[(table["actor"] == "Ann") & (table["measure"] == "portrayal")]
    assert set(ann["outlet"]) == {"Courier", "Observer"}
    assert ann.set_index("outlet").loc["Courier", "low"] == -0.6
    assert "95% bootstrap intervals" in _caption(figure) and "n = " in _caption(figure)
    assert plots.plot_actor_outlets(OUTLETS.iloc[0:0]).axes[0].texts  # "no data"


def test_loaded_rates_chart_has_hedges_apart():
    rates = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "kind": ["judgement", "hedge", "judgement", "hedge"],
            "terms": [10, 4, 3, 8],
            "articles": [5, 5, 5, 5],
            "tokens": [4000, 4000, 3000, 3000],
            "per_1k": [2.5, 1.0, 1.0, 2.67],
            "low": [1.5, 0.5, 0.5, 2.0],
            "high": [3.5, 1.5, 1.5, 3.3],
        }
    )
    figure = plots.plot_loaded_rates(rates)
    assert [ax.get_xlabel() for ax in figure.axes] == ["judgements (loaded terms)", "hedges"]
    assert "n = 10 articles" in _caption(figure)


def test_stance_by_outlet_bars_sum_to_one():
    stance = pd.DataFrame(
        {
            "outlet": ["A", "A", "B"],
            "stance": ["neutral", "distancing", "neutral"],
            "count": [3, 1, 2],
            "share": [0.75, 0.25, 1.0],
            "cues": [4, 4, 2],
        }
    )
    figure = plots.plot_stance_by_outlet(stance)
    assert _ticks(figure.axes[0].get_yticklabels()) == ["B (n=2)", "A (n=4)"]
    widths = {}
    for patch in figure.axes[0].patches:
        widths.setdefault(round(patch.get_y() + patch.get_height() / 2), []).append(
            patch.get_width()
        )
    assert all(sum(w) == pytest.approx(1.0) for w in widths.values())


def test_camps_beyond_the_top_are_pooled_and_the_caption_says_so():
    rows = []
    for i in range(12):
        rows += [{"article_id": "a", "speaker": "s", "camp": f"camp{i:02d}",
                  "stance": "neutral", "in_quote": False}] * (20 - i)  # fmt: skip
    attributions = pd.DataFrame(rows)
    figure = plots.plot_stance_heatmap(attributions, by="camp", max_camps=5)
    labels = _ticks(figure.axes[0].get_yticklabels())
    assert len(labels) == 6 and labels[-1].startswith("other camps")
    assert "top 5 of 12 camps" in _caption(figure)
    summary = pd.DataFrame(
        {
            "level": ["camp"] * 12,
            "camp": [f"camp{i:02d}" for i in range(12)],
            "credibility_mean": [0.1] * 12,
            "credibility_n": [20 - i for i in range(12)],
            "times_quoted": [20 - i for i in range(12)],
        }
    )
    figure = plots.plot_credibility(summary, max_camps=5)
    assert "other camps" in _ticks(figure.axes[0].get_yticklabels())
    assert "pooled" in _caption(figure)


def test_timeline_pools_camps_beyond_the_top():
    rows = [
        {"article_id": f"a{i}", "date": f"2024-01-0{1 + i % 5}", "camp": f"camp{i % 11:02d}"}
        for i in range(66)
    ]
    figure = plots.plot_timeline(pd.DataFrame(rows), group="camp", what="attributions")
    table = plots.figure_table(figure)
    assert plots.OTHER_CAMPS in set(table["camp"]) and table["camp"].nunique() == 9
    assert "pooled" in _caption(figure)
