# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Outlets compared: how do they frame the same events and actors?
#
# Does one outlet portray an actor more negatively, quote them less, introduce them
# with more distancing cues, or use more loaded words about them than another — on
# the same events? This notebook answers from the tables `framing analyze` writes for a
# corpus of two or more outlets (`outlets.csv`, `outlet_tests.csv`, and where records
# carry `event`, `events.csv` and `event_differences.csv`). By default it reads the
# bundled articles (four invented outlets covering one invented event).
#
# **Method.** Every measure is computed per article, then per outlet: *voice share*
# (the actor's share of the outlet's attributions with a named source), *credibility*
# (mean score of the writer's reporting cues introducing the actor, −1 doubt … +1
# truth), *portrayal* (the writer's attitude toward the actor in each article, −1 …
# +1, averaged over the articles that mention it) and *loaded terms about the actor*
# per 1,000 tokens (hedges counted apart: a hedge is not a judgement). Intervals are
# 95% bootstrap intervals that resample the outlet's articles. Whether outlets differ
# more than chance is a permutation test per actor and measure (outlet labels shuffled
# over articles); with many tests some small p-values are luck, so read the
# Benjamini–Hochberg **q-value** (the false discovery rate at which a row would count).
# Where events are known, each outlet is also compared with the others on the same
# events (paired differences), which holds the story constant.
#
# **How far to trust it.** Everything rests on automatic extraction (accuracy in
# `benchmarks/RESULTS.md`); with a few dozen articles per outlet only large differences
# can reach a small q-value, and a large q-value means "not shown", not "no difference".

# %% tags=["parameters"]
articles = []  # files or folders to read; empty: the bundled articles (seeds/ and data/examples/)
outlets = []  # keep only these outlets; empty: all
actors = []  # actors of interest; empty: the most mentioned in two or more outlets
event = ""  # the event to show side by side; empty: the one most outlets reported
out_dir = ""  # folder for the figures (PNG 300 dpi, SVG, PDF + CSV); empty: show only
model = ""  # spaCy pipeline; empty: the kit's default
sentiment = ""  # sentiment backend (trained, transformer, vader, textblob); empty: the kit's default
attribution = ""  # how reporting cues are found (combined, tagger); empty: the kit's default
lexicons = []  # extra lexicon CSV files (as `--lexicon FILE`)
actors_file = ""  # your own actor alias table (`--actors FILE`); empty: data/actors.csv
analysis_file = ""  # set by `framing report`: its analysis of `articles`, read, not redone

# %%
import pandas as pd
from IPython.display import HTML, display

from analysis import compare, outlets as outlet_tables, plots, report
from analysis.config import DEFAULT_ARTICLES

pd.set_option("display.max_colwidth", 80)
result = report.analyse(
    articles or list(DEFAULT_ARTICLES),
    outlets=outlets,
    model=model,
    sentiment=sentiment,
    attribution=attribution,
    lexicons=lexicons,
    actors_file=actors_file,
    analysis_file=analysis_file,
)
tables = result.tables
caption = report.caption(result)
print(caption)
if "outlets" not in tables:
    raise SystemExit("This notebook needs articles from two or more outlets.")
per_outlet = tables["articles"].assign(outlet=tables["articles"]["outlet"].fillna("unknown"))
report.show(
    per_outlet.groupby("outlet")
    .agg(articles=("article_id", "size"), events=("event", "nunique"), tokens=("tokens", "sum"))
    .reset_index(),
    caption="Articles per outlet",
)
chosen = list(actors) or plots.top_actors(tables["outlets"], k=8)
print("actors compared:", ", ".join(chosen))

# %% [markdown]
# ## Each actor, outlet by outlet
#
# One row per actor, one dot per outlet with its 95% interval, in three panels:
# portrayal, credibility of the cues introducing the actor, and voice share. Dots whose
# intervals do not overlap differ beyond resampling noise; the tests below say how
# sure that is once the many comparisons are accounted for.

# %%
fig = plots.plot_actor_outlets(tables["outlets"], actors=chosen, caption=caption)
report.export(fig, "04-actors-by-outlet", out_dir)

# %%
report.show(report.outlet_view(tables["outlets"], chosen), max_rows=40)

# %% [markdown]
# ## Is the difference larger than chance?
#
# For each actor (and camp) and measure, the permutation test across outlets:
# `highest` and `lowest` name the outlets at the ends, `spread` is the gap between
# their means, `means` lists each outlet's mean and number of articles. The smallest
# q-values of the whole file come first; then the rows of the actors above.

# %%
tests = tables["outlet_tests"]
print(
    f"{len(tests)} tests; q < 0.05: {int((tests['q_value'] < 0.05).sum())}; "
    f"q < 0.25: {int((tests['q_value'] < 0.25).sum())}; "
    f"p < 0.05 before correction: {int((tests['p_value'] < 0.05).sum())}"
)
report.show(report.tests_view(tests), max_rows=12, caption="Smallest q-values")
report.show(report.tests_view(tests, chosen), max_rows=20, caption="The actors compared")

# %% [markdown]
# ## On the same events
#
# Where records carry `event`, each outlet against the mean of the other outlets on the
# same events (only events both sides reported), with a bootstrap interval over
# events and a sign-flip permutation test; q-values over the whole table.

# %%
if "event_differences" in tables:
    paired = tables["event_differences"]
    print(f"{len(paired)} paired comparisons; q < 0.05: {int((paired['q_value'] < 0.05).sum())}")
    report.show(report.tests_view(paired), max_rows=12, caption="Smallest q-values")
else:
    print("The records carry no `event` field: no paired comparison.")

# %% [markdown]
# ## Loaded terms and reporting cues by outlet
#
# Loaded terms per 1,000 tokens of each outlet's text, with intervals; hedges
# ("reportedly", "allegedly") apart from judgements. Then the stance classes of the
# writer's reporting cues per outlet.

# %%
rates = outlet_tables.loaded_rates(tables["loaded_terms"], tables["articles"])
fig = plots.plot_loaded_rates(rates, caption=caption)
report.export(fig, "04-loaded-terms-by-outlet", out_dir)

# %%
stance = outlet_tables.stance_by_outlet(tables["attributions"], tables["articles"])
fig = plots.plot_stance_by_outlet(stance, caption=caption)
report.export(fig, "04-stance-by-outlet", out_dir)

# %% [markdown]
# ## Words and cues that set each outlet apart
#
# Each outlet against all the others together (log-odds with an informative Dirichlet
# prior scaled to the corpus, terms used at least five times). Outlet names, bylines,
# datelines and house style (honorifics, abbreviations) are kept out by the editable
# stop list `analysis/data/compare_stoplist.csv`. The z-scores are not corrected for
# the many words tested: read them as leads, then read the articles.

# %%
words = compare.word_rows(result.articles)
scores = compare.distinguishing_terms(words, "word", "outlet", min_count=5)
fig = plots.plot_outlet_terms(scores, k=10, caption=caption)
report.export(fig, "04-distinguishing-words", out_dir)

# %%
writer = tables["attributions"][~tables["attributions"]["in_quote"].astype(bool)]
cues = report.with_articles(writer, tables["articles"], columns=("outlet",))
scores = compare.distinguishing_terms(cues, "cue_lemma", "outlet", min_count=3)
fig = plots.plot_outlet_terms(scores, k=8, what="reporting cues", caption=caption)
report.export(fig, "04-distinguishing-cues", out_dir)

# %% [markdown]
# ## One event, side by side
#
# The articles of one event in columns: headline, the portrayal of the event's main
# actors, who was quoted and how often, the stance classes of the reporting cues,
# the loaded terms (hedges apart), and the article itself with its highlights (open
# "article text"). The `event` parameter picks the event; by default, the one most
# outlets reported.

# %%
display(HTML(report.event_side_by_side(result, event or None)))
