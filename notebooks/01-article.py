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
# # One article: who speaks, how the writer introduces them, which words carry a judgement
#
# This notebook reads one news article through the framing kit and shows the evidence
# behind every number. **Method in brief.** The text is parsed with spaCy
# (`en_core_web_sm`). An *attribution* is a reporting cue ("said", "claimed",
# "according to") with its speaker and the content attributed to them; the speaker is
# linked to a canonical *actor* and its *camp* (affiliation group) through the alias
# table `data/actors.csv`. Each cue has a *stance class* and a signed *credibility* from
# the kit's reporting-cue lexicon. *Loaded terms* are words from the kit's lexicons that
# carry a judgement ("regime", "so-called", "slammed"). *Portrayal* is the sentiment of
# the text around an actor's mentions; *voice* the sentiment of the actor's own quoted
# words.
#
# To analyse another article, change `articles` (and `article_id`) in the parameters
# cell below, or run `framing report PATH` from a terminal.

# %% tags=["parameters"]
articles = []  # files or folders to read; empty: the bundled seed article
article_id = ""  # the article to show; empty: the first one read
outlets = []  # keep only these outlets; empty: all
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

from analysis import plots, report
from analysis.config import SEEDS_DIR

pd.set_option("display.max_colwidth", 120)
result = report.analyse(
    articles or [SEEDS_DIR],
    outlets=outlets,
    model=model,
    sentiment=sentiment,
    attribution=attribution,
    lexicons=lexicons,
    actors_file=actors_file,
    analysis_file=analysis_file,
)
tables = result.tables
article = report.pick_article(result, article_id or None)
caption = report.caption(result, article.id)
print(f"article {article.id!r}: {article.title or '(no headline)'}")
print(f"outlet: {article.outlet or 'unknown'}; date: {article.date or 'unknown'}")
print(caption)

# %% [markdown]
# ## The article with its highlights
#
# Speakers are **bold with a blue underline**, the content attributed to them has a grey
# background, reporting cues are boxed and tinted by stance class, loaded terms are
# *italic with a wavy orange underline*, other actor mentions are dotted. Hover over a
# highlight to read what it is (actor and camp, cue class and credibility, loaded-term
# category). The headline and any trailing web boilerplate are shown but were not
# analysed. Article text is escaped: markup inside an article is shown as text.

# %%
display(
    HTML(
        report.article_html(
            article, tables["attributions"], tables["loaded_terms"], tables["mentions"]
        )
    )
)

# %% [markdown]
# ## Attributions
#
# One row per reporting cue: sentence number (0-based), the speaker as written and the
# actor and camp it resolves to, the cue and its stance class and credibility
# (−1 doubt … +1 truth), whether the content is a direct quote, and whether the cue
# stands inside a quote (then it is the source's word, not the writer's, and is left
# out of the stance counts). Automatic extraction makes mistakes: read the rows against
# the highlighted text above before citing a count.

# %%
report.show(report.attribution_view(tables["attributions"], article.id), max_rows=60)

# %% [markdown]
# ## Who is quoted, and how
#
# Counts of the writer's reporting cues per actor and stance class, with the mean
# credibility of those cues. **How far to trust it:** the classes come from the kit's
# lexicon; the *endorsing* and *emphatic* classes rest on style guides (Wikipedia
# MOS:SAID, Hooper 1975), not on annotated data, and within one article the counts are
# small — a single "claimed" moves the mean a lot.

# %%
report.show(report.stance_crosstab(tables["attributions"], by="actor", article_id=article.id))

# %%
fig = plots.plot_stance_heatmap(
    report.attribution_view(tables["attributions"], article.id).assign(article_id=article.id),
    by="actor",
    title="How the writer introduces each actor's words",
    caption=caption,
)
report.export(fig, "01-article-stance-by-actor", out_dir)
# %% [markdown]
# ## Portrayal and voice per actor
#
# *Portrayal* (−1 … +1, with `portrayal_label`): the writer's attitude toward the actor
# in this article, summed up from what is said about the actor (not the mood of the
# events around it), loaded terms about it, the cues introducing its words, what it
# does or suffers, and prominence — a small model fitted on human judgements (BASIL;
# 0 is an actor portrayed like the average labelled actor). `polarity` is the plain mean
# of the clauses around its mentions. *Voice*: mean polarity of the actor's own directly
# quoted words. Both are noisy on one article (see `benchmarks/RESULTS.md`): read them as
# pointers to passages — the evidence table below lists them.

# %%
report.show(report.sentiment_view(tables["actor_sentiment"], article.id))

# %%
one = tables["actor_sentiment"][tables["actor_sentiment"]["article_id"] == article.id]
fig = plots.plot_portrayal(
    one.assign(
        level="actor",
        portrayal_mean=one["portrayal"],
        portrayal_n=one["mentions"],
    ),
    title="Portrayal per actor in this article",
    caption=caption + " No intervals: one article.",
    n_unit="mentions",
)
report.export(fig, "01-article-portrayal", out_dir)

# %% [markdown]
# ### The evidence behind each portrayal
#
# `top_signals`: the signals that moved each score most toward negative (+) or away
# from it (−). Below, every piece of evidence with its offsets in the text: each
# `mention` (its clause polarity as `value`, its role, the words describing it and what
# it is said to do), each `loaded_term` about the actor, each `cue` introducing its words
# (credibility as `value`), and each accusing or distancing report by others naming it
# (`accused_in`).

# %%
signals = tables["portrayal_signals"]
report.show(
    signals[signals["article_id"] == article.id][
        ["actor", "portrayal", "portrayal_label", "polarity", "top_signals"]
    ].sort_values("portrayal")
)
evidence = tables["portrayal_evidence"]
evidence_columns = ["actor", "kind", "start", "end", "text", "value", "role", "about_text"]
evidence_columns += ["act_text", "category", "stance"]
report.show(evidence[evidence["article_id"] == article.id][evidence_columns], max_rows=60)
# %% [markdown]
# ## Loaded terms per actor
#
# Loaded terms by the actor they are about (where the parse links them to one), with
# their lexicon category. Terms inside a direct quote are the source's words; they are
# counted in `in_quotes`.

# %%
report.show(report.loaded_by_actor(tables["loaded_terms"], article.id))

# %%
fig = plots.plot_loaded_terms(
    tables["loaded_terms"][tables["loaded_terms"]["article_id"] == article.id].assign(
        actor=lambda f: f["actor"].fillna("(no actor)")
    ),
    group="actor",
    title="Loaded terms per actor they are about",
    caption=caption,
)
report.export(fig, "01-article-loaded-terms", out_dir)
# %% [markdown]
# ## Explore the evidence
#
# Pick an article, an actor or camp and a stance class to list the attributions behind
# the counts above, with the sentence they stand in and the loaded terms in it. In a
# live notebook these are drop-down menus (this article preselected); an executed report
# shows static tables of this article's attributions.

# %%
report.explorer(result, article_id=article.id)
