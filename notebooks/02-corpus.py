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
# # Many articles: whose voice, with which cues, in which words, per outlet and camp
#
# This notebook compares outlets and camps across a corpus (by default the bundled
# articles: the seed article and the invented example corpus in `data/examples/`, four
# fictional outlets covering one event). Every chart is computed from the tables of
# `framing analyze` and written, with the numbers it draws, when `out_dir` is set.
#
# **Units.** An *attribution* is one reporting cue with its speaker; *voice share* is a
# camp's share of the attributions (or quoted words) in an outlet; *credibility* is the
# signed score the reporting-cue lexicon gives the writer's cue (−1 doubt … +1 truth);
# *portrayal* the writer's attitude toward an actor in an article, a score from −1 to +1
# that sums up the cues introducing its words, its worst and its summed negative
# mentions, the negative and loaded words in its clauses, others' negative words about
# it and how often it is named (see the README). Cues that stand
# inside a direct quote are the source's words, not the writer's, and are left out of
# the stance and credibility measures.
#
# **How far to trust it.** All counts rest on automatic extraction (see
# `benchmarks/RESULTS.md` for its accuracy on annotated data). The credibility classes
# *endorsing* and *emphatic* rest on style guides (Wikipedia MOS:SAID, Hooper 1975),
# not on annotated data. Intervals are bootstrap 95% intervals over cues or mentions;
# with a handful of articles per outlet they are wide, and they do not cover the
# extraction errors.

# %% tags=["parameters"]
articles = []  # files or folders to read; empty: the bundled articles (seeds/ and data/examples/)
outlets = []  # keep only these outlets; empty: all
out_dir = ""  # folder for the figures (PNG 300 dpi, SVG, PDF + CSV); empty: show only
model = ""  # spaCy pipeline; empty: the kit's default
sentiment = ""  # sentiment backend (trained, transformer, vader, textblob); empty: the kit's default
attribution = ""  # how reporting cues are found (combined, tagger); empty: the kit's default
lexicons = []  # extra lexicon CSV files (as `--lexicon FILE`)
actors_file = ""  # your own actor alias table (`--actors FILE`); empty: data/actors.csv
analysis_file = ""  # set by `framing report`: its analysis of `articles`, read, not redone
compare_outlets = []  # two outlets to contrast; empty: each outlet against all the others
compare_camps = []  # two camps to contrast; empty: the two most quoted

# %%
import pandas as pd

from analysis import compare, plots, report
from analysis.config import DEFAULT_ARTICLES

pd.set_option("display.max_colwidth", 100)
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
report.show(tables["articles"][["article_id", "outlet", "date", "title", "tokens"]])

# %% [markdown]
# Inputs that could not be analysed (empty when all were):

# %%
report.show(tables["errors"]) if len(tables["errors"]) else print("none")

# %% [markdown]
# ## Voice share per camp and outlet
#
# For each outlet, the share of its attributions that go to each camp (unnamed sources
# left out). A camp that is quoted more often gets more room to frame the event; this
# counts turns, not words (the `words_quoted` column of the actors table counts words).

# %%
fig = plots.plot_voice_share(
    tables["attributions"], tables["articles"], group="outlet", by="camp", caption=caption
)
report.export(fig, "02-voice-share", out_dir)
# %% [markdown]
# ## Stance of the reporting cues per camp
#
# Rows are camps, columns the stance classes of the writer's cues; the colour is the
# share of the row, the number the count. A camp whose statements are mostly
# *claimed* or *insisted* (distancing) is presented with more doubt than one whose
# statements are *confirmed* or *pointed out* (endorsing).

# %%
fig = plots.plot_stance_heatmap(tables["attributions"], by="camp", caption=caption)
report.export(fig, "02-stance-by-camp", out_dir)
# %%
report.show(report.stance_crosstab(tables["attributions"], by="camp"))

# %% [markdown]
# ## Credibility per camp
#
# Mean credibility of the writer's cues introducing each camp, with a bootstrap 95%
# interval (cues resampled). Left of zero: the cues cast doubt; right: they lend truth.
# The table below it gives the gap between each pair of camps with its interval; a gap
# whose interval includes zero is not distinguishable from no gap at this sample size.
# *Caveat:* the endorsing and emphatic scores rest on style guides, not annotated data.

# %%
fig = plots.plot_credibility(tables["actors"], level="camp", caption=caption)
report.export(fig, "02-credibility-by-camp", out_dir)
# %%
gaps = tables["credibility_gaps"]
report.show(gaps.round(3), max_rows=15, caption=gaps.attrs.get("camps", ""))

# %% [markdown]
# ## How the text portrays each actor
#
# The mean of each actor's article-level portrayal scores, as bars diverging from zero,
# with bootstrap 95% intervals resampling articles and the number of articles scored
# (the twenty actors scored in most articles). A score sums up the writer's choices
# about the actor, not the mood of the event; its agreement with human readers is
# modest (AUC 0.73 on BASIL, `benchmarks/RESULTS.md`): compare actors whose intervals
# do not overlap, and audit a score in the article notebook's evidence table.

# %%
fig = plots.plot_portrayal(tables["actors"], level="actor", min_n=1, max_rows=20, caption=caption)
report.export(fig, "02-portrayal-by-actor", out_dir)
# %%
report.show(report.actor_summary_view(tables["actors"]).round(3), max_rows=20)

# %% [markdown]
# ## Loaded terms per outlet
#
# Loaded terms per 1,000 tokens of article text, by lexicon category, so outlets with
# more or longer articles are comparable. A term inside a direct quote is the source's
# word; the table after the chart shows how many of each outlet's terms were quoted.

# %%
fig = plots.plot_loaded_terms(
    tables["loaded_terms"], tables["articles"], group="outlet", rate=True, caption=caption
)
report.export(fig, "02-loaded-terms-by-outlet", out_dir)
# %%
terms = report.with_articles(tables["loaded_terms"], tables["articles"])
if len(terms):
    report.show(
        terms.groupby(["outlet", "category"])
        .agg(count=("text", "size"), terms=("text", lambda s: ", ".join(sorted(set(s)))))
        .reset_index(),
        max_rows=60,
    )

# %% [markdown]
# ## What distinguishes one outlet, or one camp, from another
#
# The log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
# 2008) ranks the words (and reporting cues) one group uses more than the other,
# shrinking rare words toward the corpus rate; bars are z-scores, dashed lines mark
# |z| = 1.96 (not corrected for the many words tested: read them as leads). Words are
# the article bodies' words without English stop words and without the stop list of
# outlet names, bylines, datelines and house style (`analysis/data/compare_stoplist.csv`).
# Each outlet is compared with all the others together (set `compare_outlets` to
# contrast two); words used fewer than five times are left out.

# %%
words = report.word_rows(result.articles)
if len(compare_outlets) == 2:
    scores = compare.compare_groups(words, "word", "outlet", *compare_outlets)
    fig = plots.plot_distinguishing_terms(
        scores, label_a=compare_outlets[0], label_b=compare_outlets[1], k=12, what="words",
        caption=caption,
    )  # fmt: skip
else:  # every outlet against all the others
    scores = compare.distinguishing_terms(words, "word", "outlet", min_count=5)
    fig = plots.plot_outlet_terms(scores, k=10, caption=caption)
report.export(fig, "02-distinguishing-words-outlets", out_dir)
# %%
writer_cues = tables["attributions"][~tables["attributions"]["in_quote"].astype(bool)]
pair = compare_camps or report.top_groups(writer_cues, "camp")
if len(pair) == 2:
    scores = compare.compare_groups(writer_cues, "cue_lemma", "camp", pair[0], pair[1])
    fig = plots.plot_distinguishing_terms(
        scores, label_a=pair[0], label_b=pair[1], k=8, what="reporting cues", caption=caption
    )
else:
    fig = plots.no_data_figure("Reporting cues distinguishing two camps", "fewer than two camps")
report.export(fig, "02-distinguishing-cues-camps", out_dir)
# %% [markdown]
# ## Over time
#
# Attributions per day and outlet, for articles that carry a date (undated articles,
# such as plain-text files without metadata, are left out).

# %%
fig = plots.plot_timeline(
    tables["attributions"], tables["articles"], group="outlet", what="attributions", caption=caption
)
report.export(fig, "02-timeline-attributions", out_dir)
# %% [markdown]
# ## Explore the evidence
#
# Pick an article, an actor or camp and a stance class to list the attributions behind
# the numbers above: the sentence, speaker, cue, content and the loaded terms in the
# sentence. In a live notebook these are drop-down menus; an executed report shows
# static tables (grouped by stance class, *neutral* left out).

# %%
report.explorer(result)
