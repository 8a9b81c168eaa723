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
# # The lexicons: what they cover in this corpus, what they miss, how to extend them
#
# Two lexicons drive the kit's judgements. The **reporting-cue lexicon**
# (`analysis/lexicons/reporting_verbs.csv`) gives each cue ("say", "claim",
# "point out", "according to") a stance class and a credibility score (−1 doubt …
# +1 truth). The **loaded-terms lexicons** (`loaded_terms.csv`, and
# `loaded_terms_wtw.csv` from Wikipedia's "Words to watch", CC BY-SA 4.0) list words
# that carry a judgement, with a category. Each entry names its source
# (`analysis/lexicons/README.md`). A cue or word the lexicons do not know is either
# missed (loaded terms) or put in the stance class *other* (cues): this notebook
# shows how much of the corpus that affects, and how to add entries and re-run.
#
# *Caveat:* the *endorsing* and *emphatic* cue classes rest on style guides
# (Wikipedia MOS:SAID, Hooper 1975), not on annotated data; annotated corpora of
# biased language say little about truth-implying cues.

# %% tags=["parameters"]
articles = []  # files or folders to read; empty: the bundled articles (seeds/ and data/examples/)
outlets = []  # keep only these outlets; empty: all
out_dir = ""  # folder for the figures (PNG 300 dpi, SVG, PDF + CSV); empty: show only
model = ""  # spaCy pipeline; empty: the kit's default
sentiment = ""  # sentiment backend (trained, transformer, vader, textblob); empty: the kit's default
attribution = ""  # how reporting cues are found (combined, tagger); empty: the kit's default
lexicons = []  # extra lexicon CSV files (as `--lexicon FILE`)
demo_reanalysis = False  # True: run the demonstration re-analysis at the end (slow)
actors_file = ""  # your own actor alias table (`--actors FILE`); empty: data/actors.csv
analysis_file = ""  # set by `framing report`: its analysis of `articles`, read, not redone

# %%
import tempfile
from pathlib import Path

import pandas as pd

from analysis import plots, report
from analysis.config import DEFAULT_ARTICLES

pd.set_option("display.max_colwidth", 80)
inputs = articles or list(DEFAULT_ARTICLES)
result = report.analyse(
    inputs,
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

# %% [markdown]
# ## Coverage
#
# How much of the corpus the lexicons account for: the writer's reporting cues (cues
# inside direct quotes left out) whose lemma the cue lexicon knows, the share left in
# the *other* class, the loaded terms found per 1,000 tokens, and the number of
# evaluative words (adjectives and nouns in modifier, predicate or apposition position)
# the loaded-terms lexicon does not know. A high share of known cues does not mean the
# classes are right for this corpus: read the cue table below.

# %%
report.show(report.lexicon_coverage(tables, lexicons))

# %% [markdown]
# ## Reporting cues met
#
# Every cue lemma the writers used, with its count, the number of articles, the class
# and mean credibility it received, and the lexicon entry's source. A cue that is
# frequent here and classed differently from how this corpus uses it is the first
# candidate for an override.

# %%
report.show(report.cue_usage(tables["attributions"], lexicons))

# %%
fig = plots.plot_stance_heatmap(
    report.with_articles(tables["attributions"], tables["articles"]),
    by="outlet",
    title="Stance classes of the writers' reporting cues per outlet",
    caption=caption,
)
report.export(fig, "03-cue-stance-by-outlet", out_dir)
# %% [markdown]
# ## Loaded terms met
#
# Each lexicon entry found, with category, source, count, articles, and how many
# occurrences stood inside a direct quote (the source's word, not the writer's).

# %%
report.show(report.loaded_usage(tables["loaded_terms"]))

# %%
fig = plots.plot_loaded_terms(
    tables["loaded_terms"].assign(
        source=tables["loaded_terms"]["source"].str.split("(").str[0].str.strip()
    ),
    group="source",
    title="Loaded terms per lexicon source",
    caption=caption,
)
report.export(fig, "03-loaded-terms-by-source", out_dir)
# %% [markdown]
# ## Met but unknown
#
# Cues the cue lexicon does not know (`kind` = cue) and evaluative words the loaded-terms
# lexicon does not know (`kind` = loaded), most frequent first, with an example. Most
# evaluative candidates are ordinary descriptions ("regional", "chief"); a few are
# judgements the lexicon should list. Deciding which is a human task.

# %%
unknown = tables["unknown_terms"]
print(unknown["kind"].value_counts().to_string() if len(unknown) else "nothing unknown")
report.show(unknown, max_rows=30)

# %% [markdown]
# ## Adding entries and re-running
#
# Write a CSV with the columns of the bundled file and pass it to any command with
# `--lexicon FILE` (repeatable), or here in the `lexicons` parameter. A file with a
# `cue` column extends the reporting cues; a file with a `term` column the loaded
# terms. A row with the key of a bundled entry (cue and kind; term) overrides it.
#
# ```text
# cue,kind,stance,credibility,intensity,source,note
# trumpet,verb,emotive,0,2,my project: coding manual section 3,
#
# term,category,pos,guard,not_with,source,note
# junta,label,NOUN,,,my project: coding manual section 4,
# ```
#
# ```bash
# .venv/bin/framing analyze seeds data/examples \
#     --lexicon my_cues.csv --lexicon my_terms.csv --out results/
# .venv/bin/framing report seeds data/examples --lexicon my_cues.csv --out figures/mine/
# ```
#
# The cell below demonstrates the mechanism only: it writes the most frequent unknown
# evaluative word to a lexicon file in a temporary folder, with the category `demo`,
# and re-runs the analysis with it — only when the `demo_reanalysis` parameter is True,
# since it analyses the whole corpus a second time. The placeholder category is not a
# judgement about
# the word; a real entry needs a category and a source you can defend.

# %%
candidates = unknown[unknown["kind"] == "loaded"] if len(unknown) else unknown
if not demo_reanalysis:
    print("demonstration skipped: set demo_reanalysis = True in the parameters to run it")
elif len(candidates):
    word = candidates.iloc[0]
    folder = Path(tempfile.mkdtemp(prefix="framing-lexicon-demo-"))
    demo_file = report.write_lexicon(
        [
            {
                "term": word["lemma"],
                "category": "demo",
                "pos": word["pos"],
                "source": "demonstration only (03-lexicons notebook)",
            }
        ],
        folder / "demo_terms.csv",
        kind="loaded",
    )
    print(demo_file.read_text())
    rerun = report.analyse(
        inputs,
        outlets=outlets,
        model=model,
        sentiment=sentiment,
        attribution=attribution,
        lexicons=[*lexicons, demo_file],
        actors_file=actors_file,
    )
    found = rerun.tables["loaded_terms"]
    print(
        f"{word['lemma']!r}: {int((found['category'] == 'demo').sum())} occurrences now tagged "
        f"(was {int(word['count'])} as an unknown candidate)"
    )
    report.show(
        found[found["category"] == "demo"][["article_id", "start", "end", "text", "about_text"]],
        max_rows=10,
    )
else:
    print("no unknown evaluative words to demonstrate with")
